// Touches dates: the trash keeps plans 30 days; the backup reminder counts days.
// No path drops an edit (issue 29): each way the app once lost one, on the real app, with the
// browser's storage made full, blocked or shared by two tabs, and navigator.locks refusing.
// The rules are the core's (src/core/session/, tested natively case by case and with
// generated two-tab sequences); these check the app applies them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  launch, serve, newSession, open, storedData, SAMPLE, startWithSample, waitSaved, planNames,
  heading1, leaveThrough, TEST_NOW, testDay,
} from "./harness.mjs";

let browser, server, scratch;
before(async () => {
  browser = await launch();
  server = await serve();
  scratch = await mkdtemp(join(tmpdir(), "trellis-e2e-no-loss-"));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const DAY = 24 * 60 * 60 * 1000;

async function toPlans(page) {
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Plans" }).click();
  await page.getByRole("heading", { level: 1, name: "Plans" }).waitFor();
}

async function toGoals(page) {
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Goals" }).click();
  await heading1(page, "Goals");
}

async function addObjective(page, title) {
  await page.getByLabel("Objective", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Add objective" }).click();
  await page.getByTestId("objective").filter({ hasText: title }).first().waitFor();
}

async function createBlank(page, name) {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create blank plan" }).click();
  await page.locator(".current-plan", { hasText: name }).waitFor();
  await waitSaved(page);
}

async function openPlan(page, name) {
  await page.getByRole("button", { name: `Open ${name}`, exact: true }).click();
  await page.locator(".current-plan", { hasText: name }).waitFor();
}

/** Makes every localStorage write throw as a full storage does (`only`: keys starting so). */
async function fillStorage(page, only = "") {
  await page.evaluate((only) => {
    window.__setItem ??= Storage.prototype.setItem;
    const real = window.__setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key.startsWith(only)) throw new DOMException("full", "QuotaExceededError");
      return real.call(this, key, value);
    };
  }, only);
}

async function freeStorage(page) {
  await page.evaluate(() => {
    if (window.__setItem) Storage.prototype.setItem = window.__setItem;
  });
}

function planKeys(stored) {
  return Object.keys(stored).filter((k) => k.startsWith("trellis.plan."));
}

async function keyOf(page, name) {
  return page.evaluate((name) => Object.keys(localStorage).find(
    (k) => k.startsWith("trellis.plan.") && JSON.parse(localStorage.getItem(k)).name === name,
  ), name);
}

async function download(page, button, file) {
  const [dl] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const path = join(scratch, file ?? dl.suggestedFilename());
  await dl.saveAs(path);
  return { path, text: await readFile(path, "utf8") };
}

test("switching plans with storage full keeps the refused edit in memory, listed as not saved, and stores it once there is room", async () => {
  const { context, page, problems } = await newSession(browser);
  await startWithSample(page, server);
  await createBlank(page, "Second");
  await openPlan(page, SAMPLE);
  await toGoals(page);
  const before = await storedData(page);
  await fillStorage(page);
  await addObjective(page, "Kept while storage is full");
  await page.getByTestId("save-status").filter({ hasText: "Not saved: storage is full" }).waitFor();
  await toPlans(page);
  await openPlan(page, "Second");
  await toPlans(page);
  const row = page.locator(".plan-item", { hasText: SAMPLE });
  await row.getByTestId("unsaved-badge").waitFor();
  assert.deepEqual(await storedData(page), before, "nothing was written");
  // Offered again as it was.
  await openPlan(page, SAMPLE);
  await toGoals(page);
  await page.getByTestId("objective").filter({ hasText: "Kept while storage is full" }).waitFor();
  // With room again, the next save stores it.
  await freeStorage(page);
  await addObjective(page, "Added once there is room");
  await waitSaved(page);
  const stored = JSON.parse((await storedData(page))[await keyOf(page, SAMPLE)]);
  const titles = stored.goals.objectives.map((o) => o.title);
  assert.ok(titles.includes("Kept while storage is full") && titles.includes("Added once there is room"), titles.join());
  assert.deepEqual(problems, []);
  await context.close();
});

test("with storage blocked, a blank plan added after the sample leaves the sample to open again", async () => {
  const { context, page, problems } = await newSession(browser, {
    init: [
      () => {
        Object.defineProperty(window, "localStorage", {
          get() {
            throw new DOMException("The operation is insecure.", "SecurityError");
          },
        });
      },
    ],
  });
  await open(page, server);
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".current-plan", { hasText: SAMPLE }).waitFor();
  await toGoals(page);
  await addObjective(page, "Only in this tab");
  await toPlans(page);
  await page.getByLabel("Name", { exact: true }).fill("Second");
  await page.getByRole("button", { name: "Create blank plan" }).click();
  await page.locator(".current-plan", { hasText: "Second" }).waitFor();
  assert.deepEqual(await planNames(page), [SAMPLE, "Second"]);
  await openPlan(page, SAMPLE);
  await toGoals(page);
  await page.getByTestId("objective").filter({ hasText: "Only in this tab" }).waitFor();
  assert.match(await page.getByTestId("save-status").innerText(), /Not saved: storage is blocked/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("leaving the page asks while an edit is not stored, and not once everything is", async () => {
  const { context, page } = await newSession(browser);
  await startWithSample(page, server);
  await toGoals(page);
  await addObjective(page, "Saved");
  await waitSaved(page);
  const asked = [];
  page.on("dialog", (dialog) => {
    asked.push(dialog.type());
    dialog.dismiss();
  });
  await fillStorage(page);
  await addObjective(page, "Not stored");
  await page.getByTestId("save-status").filter({ hasText: "Not saved: storage is full" }).waitFor();
  await page.close({ runBeforeUnload: true });
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(asked, ["beforeunload"]);
  assert.equal(page.isClosed(), false, "the user chose to stay");

  // Saved: no question.
  const calm = await context.newPage();
  await open(calm, server);
  await calm.locator(".current-plan", { hasText: SAMPLE }).waitFor();
  await toGoals(calm);
  await addObjective(calm, "Saved before leaving");
  await waitSaved(calm);
  const none = [];
  calm.on("dialog", (dialog) => {
    none.push(dialog.type());
    dialog.accept();
  });
  await calm.close({ runBeforeUnload: true });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(none, []);
  await context.close();
});

test("a restore that fails at the open plan's write puts everything back, and the open plan stays the user's", async () => {
  const { context, page, problems } = await newSession(browser);
  await startWithSample(page, server);
  await createBlank(page, "Second");
  await openPlan(page, SAMPLE);
  await toPlans(page);
  const backup = await download(page, page.getByRole("button", { name: "Back up all plans" }), "backup.json");
  await page.getByRole("button", { name: `Rename ${SAMPLE}` }).click();
  await page.getByLabel("New name").fill("Mine after the backup");
  await page.getByRole("button", { name: "Save name" }).click();
  await page.locator(".current-plan", { hasText: "Mine after the backup" }).waitFor();
  await waitSaved(page);
  await toPlans(page);
  const key = await keyOf(page, "Mine after the backup");
  const before = await storedData(page);
  // Only the open plan's write fails (its version here went to the trash just before).
  await fillStorage(page, key);
  await page.getByLabel("Restore from a backup file").setInputFiles(backup.path);
  const preview = page.getByTestId("restore-preview");
  await preview.waitFor();
  await preview.getByLabel(`You already have “${SAMPLE}”:`).selectOption("replace");
  await preview.getByLabel("You already have “Second”:").selectOption("replace");
  await preview.getByRole("button", { name: "Restore 2 plans" }).click();
  const error = page.getByTestId("restore-error");
  await error.waitFor();
  assert.match(await error.innerText(), /^Nothing was restored: “.*” could not be stored: storage is full\. Nothing was changed\.$/);
  assert.deepEqual(await storedData(page), before, "every key put back");
  await page.locator(".current-plan", { hasText: "Mine after the backup" }).waitFor();
  assert.deepEqual(await planNames(page), ["Mine after the backup", "Second"]);
  await freeStorage(page);
  // The next save writes the user's plan, not the backup's copy.
  await toGoals(page);
  await addObjective(page, "After the failed restore");
  await waitSaved(page);
  assert.equal(JSON.parse((await storedData(page))[key]).name, "Mine after the backup");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a plan deleted in another tab is not written back: the tab that showed it says so and asks", async () => {
  const { context, page: a, problems } = await newSession(browser);
  await startWithSample(a, server);
  await createBlank(a, "Second");
  await openPlan(a, SAMPLE);
  const key = await keyOf(a, SAMPLE);
  await toGoals(a);
  const b = await context.newPage();
  await open(b, server);
  await b.getByRole("button", { name: `Delete ${SAMPLE}` }).click();
  await b.getByRole("button", { name: "Delete plan" }).click();
  await b.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor({ state: "detached" });
  const banner = a.getByTestId("deleted-banner");
  await banner.waitFor();
  await addObjective(a, "Edited after the delete");
  await a.getByTestId("save-status").filter({ hasText: "Not saved: it was deleted in another tab" }).waitFor();
  await a.waitForTimeout(1000); // past the save debounce
  assert.equal((await storedData(a))[key], undefined, "not written back");
  // In the other tab's trash, and this tab's.
  await b.getByTestId("trash-item").filter({ hasText: SAMPLE }).waitFor();
  // Keeping it is the user's choice.
  await banner.getByRole("button", { name: "Keep it: store this tab's copy again" }).click();
  await waitSaved(a);
  const doc = JSON.parse((await storedData(a))[key]);
  assert.ok(doc.goals.objectives.some((o) => o.title === "Edited after the delete"));
  await b.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("deleted and replaced plans wait in the trash for 30 days, and come back with Restore", async () => {
  const { context, page, problems } = await newSession(browser);
  await startWithSample(page, server);
  await createBlank(page, "Second");
  await page.getByRole("button", { name: "Delete Second" }).click();
  await page.getByRole("button", { name: "Delete plan" }).click();
  const item = page.getByTestId("trash-item").filter({ hasText: "Second" });
  await item.waitFor();
  assert.match(await item.innerText(), new RegExp(`Deleted ${testDay(0)}; kept until ${testDay(30)}\\.`));
  assert.deepEqual(await planNames(page), [SAMPLE]);
  const stored = await storedData(page);
  assert.equal(planKeys(stored).length, 1);
  await item.getByRole("button", { name: "Restore Second from the trash" }).click();
  await page.locator(".plan-item .plan-name", { hasText: "Second" }).waitFor();
  await item.waitFor({ state: "detached" });

  // Delete again; a month later it is gone for good.
  await page.getByRole("button", { name: "Delete Second" }).click();
  await page.getByRole("button", { name: "Delete plan" }).click();
  await item.waitFor();
  const data = await storedData(page);
  await context.close();
  const restore = (data) => ({
    content: `if (!localStorage.length) for (const [k, v] of Object.entries(${JSON.stringify(data)})) localStorage.setItem(k, v);`,
  });
  const day29 = await newSession(browser, { now: TEST_NOW + 29 * DAY, init: [restore(data)] });
  await open(day29.page, server);
  await day29.page.getByTestId("trash-item").filter({ hasText: "Second" }).waitFor();
  await day29.context.close();
  const day31 = await newSession(browser, { now: TEST_NOW + 31 * DAY, init: [restore(data)] });
  await open(day31.page, server);
  await day31.page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  assert.equal(await day31.page.getByTestId("trash").count(), 0);
  assert.deepEqual(Object.keys(await storedData(day31.page)).filter((k) => k.startsWith("trellis.trash.")), []);
  assert.deepEqual(problems, []);
  await day31.context.close();
});

for (const [label, request] of [
  ["rejects", "() => Promise.reject(new DOMException('refused', 'AbortError'))"],
  ["never answers", "() => new Promise(() => {})"],
]) {
  test(`when navigator.locks.request ${label}, every save still happens (checked, without the lock)`, async () => {
    const { context, page, problems } = await newSession(browser, {
      // Only where the page has a LockManager (a secure context): the app's pages have one.
      init: [{ content: `if (self.LockManager) Object.defineProperty(LockManager.prototype, "request", { configurable: true, value: ${request} });` }],
    });
    await startWithSample(page, server);
    assert.equal(await page.evaluate(() => String(navigator.locks.request)), request, "the stub is in place");
    await toGoals(page);
    await addObjective(page, "Saved without the lock");
    await waitSaved(page);
    const key = await keyOf(page, SAMPLE);
    const doc = JSON.parse((await storedData(page))[key]);
    assert.ok(doc.goals.objectives.some((o) => o.title === "Saved without the lock"));
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("exporting one plan whole backs up that plan only: the reminder stays for the others", async () => {
  const first = await newSession(browser);
  await startWithSample(first.page, server);
  await createBlank(first.page, "Second");
  const [dl] = await Promise.all([
    first.page.waitForEvent("download"),
    leaveThrough(first.page, SAMPLE, "file", { include: "all" }),
  ]);
  await dl.path();
  await first.page.waitForFunction(() => Object.keys(JSON.parse(localStorage.getItem("trellis.care")).backed_up ?? {}).length === 1);
  const stored = await storedData(first.page);
  await first.context.close();
  const restore = (data) => ({
    content: `if (!localStorage.length) for (const [k, v] of Object.entries(${JSON.stringify(data)})) localStorage.setItem(k, v);`,
  });
  const later = await newSession(browser, { now: TEST_NOW + 20 * DAY, init: [restore(stored)] });
  await open(later.page, server);
  await later.page.getByTestId("backup-reminder").waitFor();
  await later.context.close();
});

test("another tab's backup is not rolled back by this tab's next save", async () => {
  const { context, page: a, problems } = await newSession(browser);
  await startWithSample(a, server);
  await toGoals(a);
  const b = await context.newPage();
  await open(b, server);
  await download(b, b.getByRole("button", { name: "Back up all plans" }), "other-tab.json");
  await b.waitForFunction(() => JSON.parse(localStorage.getItem("trellis.care")).last_backup_ms);
  await addObjective(a, "Saved after the other tab's backup");
  await waitSaved(a);
  const care = JSON.parse((await storedData(a))["trellis.care"]);
  assert.ok(care.last_backup_ms, "the other tab's backup date stays");
  assert.deepEqual(problems, []);
  await context.close();
});

test("an unreadable plan whose backup copy could not be written can still be downloaded and deleted", async () => {
  const { context, page, problems } = await newSession(browser, {
    init: [{
      content: `{
        const real = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
          if (key.startsWith("trellis.backup.")) throw new DOMException("full", "QuotaExceededError");
          return real.call(this, key, value);
        };
      }`,
    }],
  });
  await startWithSample(page, server);
  const raw = '{"format":"trellis-plan","version":1,"id":"pcut","name":"Cut sh';
  await page.evaluate((raw) => localStorage.setItem("trellis.plan.pcut", raw), raw);
  await page.reload();
  const row = page.locator(".plan-item", { hasText: "pcut" });
  await row.waitFor();
  assert.equal((await storedData(page))["trellis.backup.trellis.plan.pcut"], undefined, "no copy could be made");
  const file = await download(page, row.getByRole("button", { name: "Download the raw data" }), "cut.json");
  assert.equal(file.text, raw);
  await row.getByRole("button", { name: "Delete Unreadable plan (pcut)" }).click();
  await row.getByRole("button", { name: "Delete unreadable plan" }).click();
  await row.waitFor({ state: "detached" });
  assert.equal((await storedData(page))["trellis.plan.pcut"], undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

test("editing the sample asks the browser to keep the data at its first save", async () => {
  // Each call of navigator.storage.persist() notes the revision of every stored plan at that
  // moment: the first save of the edited sample (revision 2) must ask, before any second save.
  // A build that reads whether the plan is the user's before the save that raises its
  // revision (688ce7b fixed that) asks only at revision 3, after a second edit, or never.
  const { context, page } = await newSession(browser, {
    init: [{
      content: `
        window.__persistAt = [];
        const revisions = () => {
          const out = {};
          for (let i = 0; i < localStorage.length; i++) {
            const key = localStorage.key(i);
            if (!key.includes("trellis.plan.")) continue;
            try { out[key] = JSON.parse(localStorage.getItem(key)).revision; } catch { out[key] = null; }
          }
          return out;
        };
        Object.defineProperty(navigator.storage, "persist", {
          configurable: true,
          value: () => { window.__persistAt.push(revisions()); return Promise.resolve(true); },
        });`,
    }],
  });
  await startWithSample(page, server);
  const key = await keyOf(page, SAMPLE);
  assert.deepEqual(await page.evaluate(() => window.__persistAt), [], "the sample as added is not the user's work");
  await toGoals(page);
  await addObjective(page, "Mine now");
  await waitSaved(page);
  await page
    .waitForFunction(() => window.__persistAt.length > 0, null, { timeout: 5000 })
    .catch(() => assert.fail("the first save of the edited sample did not ask to keep the data"));
  const asked = await page.evaluate(() => window.__persistAt);
  assert.equal(asked.length, 1, JSON.stringify(asked));
  assert.equal(asked[0][key], 2, `asked at the first save of the edit, not later: ${JSON.stringify(asked)}`);
  await page.getByTestId("persist-status").filter({ hasText: "Kept until you delete it" }).waitFor();
  await context.close();
});
