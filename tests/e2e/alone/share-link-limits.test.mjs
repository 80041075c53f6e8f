// Hostile share links: one longer than any link Trellis makes, one that unpacks to far more
// than any plan and one holding far more records than any plan are refused at once, without a
// long main-thread task. This file watches the
// main thread's long tasks, so it runs alone (no other browser competing for the cores).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import { launch, serve, newSession, SAMPLE, startWithSample, planNames } from "../harness.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Share-link data for `text`: deflate (zlib), then unpadded base64url, as Trellis makes it. */
function shareData(text) {
  return deflateSync(Buffer.from(text), { level: 9 }).toString("base64url");
}

test("hostile share links: one longer than any Trellis makes, one that unpacks to 10 MB, one of 699,017 empty goals; each refused at once, no long task", async () => {
  const { context, page, problems } = await newSession(browser);
  await startWithSample(page, server);
  const bomb = shareData(" ".repeat(300 * 1024 * 1024));
  const tenMegabytes = shareData(`{"format":"trellis-plan","version":1,"id":"px","name":"${"x".repeat(10 * 1024 * 1024)}"}`);
  // Under the length and size limits (2 MB unpacked), but each empty goal would become a
  // default Goal before the check refused the plan.
  const emptyGoals = shareData(`{"format":"trellis-plan","version":1,"id":"px","name":"x","goals":{"goals":[${Array(699_017).fill("{}").join(",")}]}}`);
  assert.ok(bomb.length > 16000, `bomb link ${bomb.length} characters`);
  assert.ok(tenMegabytes.length < 16000 - 6, `10 MB link ${tenMegabytes.length} characters`);
  assert.ok(emptyGoals.length < 4000, `empty goals link ${emptyGoals.length} characters`);
  const cases = [
    [bomb, /longer than any share link Trellis makes \(\d+ characters of plan data; at most 16000\)/],
    [tenMegabytes, /unpacks to more than 2 MB, far more than any plan Trellis puts in a link/],
    [emptyGoals, /holds more than 10000 records \(goals, check-ins, stages…\), far more than any plan Trellis puts in a link/],
  ];
  for (const [data, expected] of cases) {
    // Opened in the running app (a hash change), so the tasks observed are the link's alone.
    await page.evaluate(() => {
      window.__longTasks = [];
      window.__observer?.disconnect();
      window.__observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration));
      });
      window.__observer.observe({ type: "longtask" });
    });
    await page.evaluate((data) => { location.hash = `#plan=${data}`; }, data);
    const error = page.getByTestId("share-error");
    await error.waitFor();
    assert.match(await error.innerText(), expected);
    // Let a frame pass so any long task is reported.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const long = await page.evaluate(() => window.__longTasks.filter((d) => d > 200));
    assert.deepEqual(long, [], `main-thread tasks over 200 ms (${expected.source.slice(0, 40)})`);
    await error.getByRole("button", { name: "Dismiss" }).click();
  }
  assert.deepEqual(await planNames(page), [SAMPLE]);
  assert.deepEqual(problems, []);
  await context.close();
});
