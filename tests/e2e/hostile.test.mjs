// Hostile text in every free-text field of an imported plan is shown as text on every page:
// no script runs, no markup is created, no javascript: link exists, and the layout holds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, newSession, open, cspViolations, heading1, leaveThrough, SAMPLE, openFiles } from "./harness.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  "<script>window.__pwned=2</script>",
  "</textarea><b>bold?</b>",
  "javascript:window.__pwned=3",
  "\u202Eevil.exe\u202C right-to-left override",
  "emoji 🧑🏽‍💻 and combining e\u0301\u0301\u0301",
];
const FREE_TEXT = new Set([
  "name", "title", "description", "notes", "objective", "result", "text", "note", "company", "publisher",
  "channel", "owner", "reward", "follow_up", "problem", "proposed_solution", "hr_note", "hr_classification",
  "emotions_desired", "emotions_observed", "data_source", "evidence", "summary", "source",
]);

/** Puts a payload into every free-text string of the document, cycling through PAYLOADS. */
function poison(value, counter = { n: 0 }, key = "") {
  if (Array.isArray(value)) return value.map((item) => poison(item, counter, key));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, counter, k)]));
  }
  if (typeof value === "string" && FREE_TEXT.has(key)) {
    return `${PAYLOADS[counter.n++ % PAYLOADS.length]} (${key})`;
  }
  return value;
}

async function exportedSample(page) {
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await leaveThrough(page, SAMPLE, "json", { include: "all" });
  await page.locator(".notice", { hasText: "Copied the plan as JSON" }).waitFor();
  return JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
}

test("hostile text in every field is rendered as plain text on every page", async () => {
  const { context, page, problems } = await newSession(browser, { viewport: { width: 1280, height: 900 } });
  const dialogs = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await open(page, server);
  const doc = poison(await exportedSample(page));
  doc.id = "phostile";
  doc.name = `${PAYLOADS[0]} ${"long-".repeat(2000)}`; // a long unbroken name must not break the layout
  await openFiles(page);
  await page.getByLabel("Or paste the plan's JSON").fill(JSON.stringify(doc));
  await page.getByRole("button", { name: "Import pasted plan" }).click();
  await page.locator(".plan-item .plan-name", { hasText: "<img src=x" }).waitFor();
  await page.getByRole("button", { name: /^Open <img/ }).click();
  for (const [path, heading] of [["/goals", "Goals"], ["/curve", "Commitment curve"], ["/career", "Career"], ["/", "Plans"]]) {
    await page.goto(server.url + path.slice(1));
    await heading1(page, heading);
    await page.waitForTimeout(300);
    const found = await page.evaluate(() => ({
      pwned: window.__pwned ?? null,
      injectedImages: document.querySelectorAll('img[src="x"]').length,
      injectedBold: [...document.querySelectorAll("b")].filter((b) => b.textContent === "bold?").length,
      inlineScripts: [...document.querySelectorAll("body script")].length,
      javascriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
      literalShown: document.body.innerText.includes("<img src=x onerror="),
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    }));
    assert.deepEqual(
      found,
      { pwned: null, injectedImages: 0, injectedBold: 0, inlineScripts: 0, javascriptLinks: 0, literalShown: true, overflow: 0 },
      path,
    );
  }
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("a one-megabyte string imports, shows, and saves without freezing the page", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  const big = "x".repeat(1024 * 1024);
  const doc = { format: "trellis-plan", version: 1, id: "pbig1m", name: "One megabyte", goals: { objectives: [{ id: "o1", title: big }] } };
  await openFiles(page);
  await page.getByLabel("Or paste the plan's JSON").fill(JSON.stringify(doc));
  await page.getByRole("button", { name: "Import pasted plan" }).click();
  await page.locator(".plan-item .plan-name", { hasText: "One megabyte" }).waitFor();
  await page.getByTestId("save-status").filter({ hasText: /^Saved$/ }).waitFor();
  await page.goto(server.url + "goals");
  await heading1(page, "Goals");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  assert.deepEqual(problems, []);
  await context.close();
});
