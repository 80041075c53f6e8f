// The code that reads plans arrives in a chunk of its own (src/ui/on_demand.rs, issue 16): at
// idle on a first visit, and before the app mounts when plans are stored. Every path that reads
// a plan waits for it, and "not downloaded (yet)" is never taken for "unreadable": nothing is
// offered for deletion, and nothing stored is changed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { launch, serve, newSession, open, planNames, storedData, SAMPLE, openFiles } from "./harness.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const READER = /\/split_reader-[0-9a-f]+\.wasm$/;
const STORED = JSON.stringify({ format: "trellis-plan", version: 1, id: "p1", name: "Forum relaunch 2027" });
const NOT_DOWNLOADED =
  "Trellis could not download the part of itself that reads plans, so the plan could not be read. Check the connection and try again.";

/** A plan stored before the first page of the session loads (so no service worker serves it). */
const storePlan = {
  content: `if (location.protocol.startsWith("http") && !localStorage.getItem("trellis.plan.p1")) localStorage.setItem("trellis.plan.p1", ${JSON.stringify(STORED)});`,
};

/** Holds every request for the reader's chunk until the returned function is called. */
async function holdReader(context) {
  let release;
  const held = new Promise((ok) => (release = ok));
  await context.route(READER, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

const wasmTimes = (page) =>
  page.evaluate(() => ({
    interactive: performance.getEntriesByName("trellis:interactive")[0]?.startTime,
    wasm: performance
      .getEntriesByType("resource")
      .filter((entry) => entry.name.endsWith(".wasm"))
      .map((entry) => ({ file: new URL(entry.name).pathname.split("/").pop(), start: entry.startTime })),
  }));

test("a first visit starts without the plan reader and fetches it at idle; with a plan stored it is preloaded", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  await page.getByRole("button", { name: "Start with the sample plan" }).waitFor();
  assert.equal(await page.locator("link[rel=preload][href*='split_reader-']").count(), 0, "no preload on a first visit");
  await page.waitForFunction(() =>
    performance.getEntriesByType("resource").some((entry) => /split_reader-/.test(entry.name)),
  );
  const timing = await wasmTimes(page);
  const reader = timing.wasm.filter((entry) => entry.file.startsWith("split_reader-"));
  assert.equal(reader.length, 1, JSON.stringify(timing.wasm));
  assert.ok(reader[0].start > timing.interactive, "the reader is fetched after the page is interactive");

  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item").filter({ hasText: SAMPLE }).waitFor();
  await page.reload();
  await page.locator(".plan-item").filter({ hasText: SAMPLE }).waitFor();
  assert.ok((await page.locator("link[rel=preload][href*='split_reader-']").count()) > 0, "preloaded with a plan stored");
  assert.equal(await page.locator(".badge.bad").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("with a plan stored the app mounts only once the reader has arrived, and opens the plan", async () => {
  const { context, page, problems } = await newSession(browser, { init: [storePlan] });
  const release = await holdReader(context);
  await page.goto(server.url);
  await page.locator("#app-shell").waitFor();
  await page.waitForTimeout(1500);
  assert.equal(await page.locator("#app-shell").count(), 1, "the shell stays while the reader is on its way");
  assert.equal(await page.getByText("Unreadable").count(), 0);
  assert.equal(await page.getByRole("button", { name: "Start a blank plan" }).count(), 0, "no empty list is shown");
  release();
  await page.locator(".plan-item").filter({ hasText: "Forum relaunch 2027" }).waitFor();
  await page.locator("header .current-plan").filter({ hasText: "Forum relaunch 2027" }).waitFor();
  assert.equal(await page.locator(".badge.bad").count(), 0);
  assert.equal((await storedData(page))["trellis.plan.p1"], STORED, "reading changed nothing stored");
  assert.deepEqual(problems, []);
  await context.close();
});

test("with a plan stored and the reader not downloadable, the app says so, lists nothing as unreadable, offers no new plan; once it arrives it reads them", async () => {
  const { context, page, problems } = await newSession(browser, { init: [storePlan] });
  await context.route(READER, (route) => route.abort());
  await page.goto(server.url);
  await page.getByTestId("reader-banner").waitFor();
  await page.waitForTimeout(500);
  const before = await storedData(page);
  assert.equal(before["trellis.plan.p1"], STORED);
  assert.equal(await page.getByText("Unreadable").count(), 0);
  assert.equal(await page.getByRole("button", { name: "Delete unreadable plan" }).count(), 0);
  assert.equal(await page.getByRole("button", { name: /blank plan/ }).count(), 0, "no new plan that could not be saved");
  assert.equal(await page.getByRole("button", { name: /sample plan/ }).count(), 0);

  // The connection is back: the next thing that needs the reader fetches it, and the stored
  // plans are read then, before the import goes on.
  await context.unroute(READER);
  await openFiles(page);
  await page.getByLabel("Or paste the plan's JSON").fill(STORED.replace('"p1"', '"p2"').replace("Forum relaunch 2027", "Pasted plan"));
  await page.getByRole("button", { name: "Import pasted plan" }).click();
  await page.locator(".plan-item").filter({ hasText: "Pasted plan" }).waitFor();
  await page.locator(".plan-item").filter({ hasText: "Forum relaunch 2027" }).waitFor();
  assert.equal(await page.getByTestId("reader-banner").count(), 0);
  assert.equal((await storedData(page))["trellis.plan.p1"], STORED, "the stored plan is as it was");
  assert.deepEqual(
    problems.filter((p) => !/Failed to load resource|Failed to fetch/.test(p)),
    [],
  );
  await context.close();
});

test("an import waits for the reader on a first visit, and says so when it cannot be downloaded", async () => {
  const { context, page, problems } = await newSession(browser);
  const release = await holdReader(context);
  await open(page, server);
  await openFiles(page);
  await page.getByLabel("Or paste the plan's JSON").fill(STORED);
  await page.getByRole("button", { name: "Import pasted plan" }).click();
  await page.waitForTimeout(500);
  assert.equal(await page.locator(".plan-item").count(), 0, "nothing is imported before the reader arrives");
  assert.equal(await page.getByTestId("import-error").count(), 0, "and nothing is refused");
  release();
  await page.locator(".plan-item").filter({ hasText: "Forum relaunch 2027" }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();

  const blocked = await newSession(browser);
  await blocked.context.route(READER, (route) => route.abort());
  await open(blocked.page, server);
  await openFiles(blocked.page);
  await blocked.page.getByLabel("Or paste the plan's JSON").fill(STORED);
  await blocked.page.getByRole("button", { name: "Import pasted plan" }).click();
  await blocked.page.getByTestId("import-error").filter({ hasText: NOT_DOWNLOADED }).waitFor();
  assert.deepEqual(
    Object.keys(await storedData(blocked.page)).filter((key) => key.startsWith("trellis.plan.")),
    [],
    "nothing was stored",
  );
  await blocked.context.close();
});

test("a plan another tab adds before the reader has arrived is listed once it arrives", async () => {
  const { context, page, problems, watch } = await newSession(browser);
  const release = await holdReader(context);
  await open(page, server);
  await page.getByRole("button", { name: "Start a blank plan" }).waitFor();
  const other = await context.newPage();
  watch(other);
  await open(other, server);
  await other.getByRole("button", { name: "Start a blank plan" }).click();
  await other.locator(".plan-item").filter({ hasText: "My community plan" }).waitFor();
  await page.waitForTimeout(500);
  assert.equal(await page.locator(".plan-item").count(), 0, "not read before the reader arrives");
  release();
  await page.locator(".plan-item").filter({ hasText: "My community plan" }).waitFor();
  assert.equal(await page.locator(".badge.bad").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("exporting or duplicating another plan before the reader has arrived acts on that plan once it has", async () => {
  const { context, page, problems } = await newSession(browser);
  const release = await holdReader(context);
  await open(page, server);
  await page.getByRole("button", { name: "Start a blank plan" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Second");
  await page.getByRole("button", { name: "Create blank plan" }).click();
  await page.locator("header .current-plan").filter({ hasText: "Second" }).waitFor();

  await page.getByRole("button", { name: "Duplicate My community plan" }).click();
  await page.getByRole("button", { name: "Export My community plan" }).click();
  await page.waitForTimeout(300);
  assert.equal(await page.locator(".plan-item").count(), 2, "nothing is done before the reader arrives");
  release();
  const step = page.getByTestId("share-step");
  await step.getByRole("heading", { name: "Export “My community plan” as a file" }).waitFor();
  const download = page.waitForEvent("download");
  await step.getByRole("button", { name: "Download the file" }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), "My community plan.trellis.json", "the plan clicked is exported, not the open one");
  assert.match(await readFile(await file.path(), "utf8"), /"name": "My community plan"/);
  await page.locator(".plan-item").nth(2).waitFor();
  assert.deepEqual(await planNames(page), ["My community plan", "My community plan (copy)", "Second"]);
  assert.deepEqual(problems, []);
  await context.close();
});
