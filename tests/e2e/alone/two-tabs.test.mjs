// Two tabs of one browser editing one plan at the same moment, many times over: every edit
// is either saved or surfaced as a conflict banner in the tab that made it, never silently
// dropped. Saves take a Web Lock on the plan's key (Chromium has the Locks API), and a
// write that replaced this tab's save at the same revision is a conflict (see
// src/core/open_plan/). plans.test.mjs and reliability.test.mjs cover each order of two
// tabs' saves one at a time; this file races them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, newSession, open, startWithSample, heading1 } from "../harness.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const ROUNDS = 30;

async function toGoals(page) {
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Goals" }).click();
  await heading1(page, "Goals");
}

async function addObjective(page, title) {
  await page.getByLabel("Objective", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Add objective" }).click();
}

/**
 * Waits until the tab has settled: it shows a conflict banner, or it has saved and shows what
 * is stored (a tab without unsaved edits follows the stored copy). Returns whether it shows a
 * conflict.
 */
async function settle(page, key) {
  const handle = await page.waitForFunction((key) => {
    if (document.querySelector('[data-testid="conflict-banner"]')) return "conflict";
    if (document.querySelector('[data-testid="save-status"]')?.textContent !== "Saved") return false;
    const doc = JSON.parse(localStorage.getItem(key) ?? "null");
    const stored = (doc?.goals?.objectives ?? []).map((o) => o.title).sort();
    const shown = [...document.querySelectorAll('[data-testid="objective"] h2')].map((h) => h.textContent).sort();
    return JSON.stringify(stored) === JSON.stringify(shown) ? "saved" : false;
  }, key, { timeout: 15_000 });
  return (await handle.jsonValue()) === "conflict";
}

async function storedTitles(page, key) {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key)).goals.objectives.map((o) => o.title), key);
}

test(`two tabs editing one plan at once, ${ROUNDS} times: no edit is silently lost`, async () => {
  const { context, page: a, problems } = await newSession(browser);
  await startWithSample(a, server);
  const key = await a.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith("trellis.plan.")));
  const b = await context.newPage();
  await open(b, server);
  await toGoals(a);
  await toGoals(b);
  assert.equal(await a.evaluate(() => typeof navigator.locks?.request), "function", "Chromium has Web Locks");

  const tabs = [["A", a], ["B", b]];
  let lost = [];
  let conflicts = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    // Typed in both tabs, then added in both in the same instant, so both saves fall due together.
    for (const [name, page] of tabs) await page.getByLabel("Objective", { exact: true }).fill(`${name} edit ${round}`);
    await Promise.all(tabs.map(([, page]) => page.evaluate(() =>
      [...document.querySelectorAll("button")].find((b) => b.textContent === "Add objective").click())));
    const conflicted = {};
    for (const [name, page] of tabs) conflicted[name] = await settle(page, key);
    // Both tabs see the same stored copy before it is judged.
    await a.waitForFunction(
      ([key, value]) => localStorage.getItem(key) === value,
      [key, await b.evaluate((key) => localStorage.getItem(key), key)],
    );
    const stored = await storedTitles(a, key);
    for (const [name, page] of tabs) {
      if (conflicted[name]) {
        conflicts++;
        // The user was asked; here they take the other tab's version and go on.
        await page.getByTestId("conflict-banner").getByRole("button", { name: "Load the other tab's version" }).click();
        await page.getByTestId("conflict-banner").waitFor({ state: "detached" });
      } else if (!stored.includes(`${name} edit ${round}`)) {
        lost.push(`${name} edit ${round}`);
      }
    }
    for (const [, page] of tabs) await settle(page, key);
  }
  console.log(`two tabs, ${ROUNDS} rounds: ${conflicts} conflicts surfaced, ${lost.length} edits lost`);
  assert.deepEqual(lost, [], "every edit is saved or surfaced as a conflict");
  assert.deepEqual(problems, []);
  await context.close();
});

test("an edit whose save lost a race to another tab's save of the same revision is surfaced", async () => {
  const { context, page: a, problems } = await newSession(browser);
  await startWithSample(a, server);
  const key = await a.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith("trellis.plan.")));
  await toGoals(a);
  await addObjective(a, "Saved by this tab");
  await a.getByTestId("save-status").filter({ hasText: /^Saved$/ }).waitFor();
  // Another writer stores the same revision with other content, as a racing tab without the
  // lock (an older build) would.
  const b = await context.newPage();
  await open(b, server);
  await b.evaluate((key) => {
    const doc = JSON.parse(localStorage.getItem(key));
    doc.goals.objectives = doc.goals.objectives.filter((o) => o.title !== "Saved by this tab");
    doc.name = "Written by a racing tab";
    localStorage.setItem(key, JSON.stringify(doc));
  }, key);
  await a.getByTestId("conflict-banner").waitFor();
  await a.getByRole("heading", { level: 2, name: "Saved by this tab" }).waitFor();
  await a.getByTestId("conflict-banner").getByRole("button", { name: "Keep this tab's version" }).click();
  await a.getByTestId("save-status").filter({ hasText: /^Saved$/ }).waitFor();
  assert.ok((await storedTitles(a, key)).includes("Saved by this tab"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a save waits while another tab holds the plan's lock, then saves", async () => {
  const { context, page: a, problems } = await newSession(browser);
  await startWithSample(a, server);
  const key = await a.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith("trellis.plan.")));
  await toGoals(a);
  const b = await context.newPage();
  await open(b, server);
  // Tab B holds the lock a save takes (as it would for the instant of its own save).
  // Every write takes one lock, named in src/core/keys.rs (LOCK_NAME).
  await b.evaluate(() => {
    navigator.locks.request("trellis.storage", () => new Promise((release) => { window.__release = release; }));
  });
  await b.waitForFunction(() => typeof window.__release === "function");
  const before = await a.evaluate((key) => localStorage.getItem(key), key);
  await addObjective(a, "Saved after the lock");
  await a.waitForTimeout(800); // past the save debounce
  assert.equal(await a.getByTestId("save-status").innerText(), "Saving…");
  assert.equal(await a.evaluate((key) => localStorage.getItem(key), key), before, "nothing written under the other tab's lock");
  await b.evaluate(() => window.__release());
  await a.getByTestId("save-status").filter({ hasText: /^Saved$/ }).waitFor();
  assert.ok((await storedTitles(a, key)).includes("Saved after the lock"));
  assert.deepEqual(problems, []);
  await context.close();
});
