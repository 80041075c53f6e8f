// Touches dates: the backup reminder counts days; backups are named and stamped with the date.
// Keeping the data: backup of all plans and restore, the browser's promise to keep the data,
// the backup reminder, deleting unreadable plans, saving text typed into a field before it
// loses focus. (Hostile share links, which time the main thread: alone/share-link-limits.test.mjs.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  launch, serve, newSession, open, storedData, SAMPLE, startWithSample, waitSaved, planNames,
  TEST_NOW, testDay, openFiles,
} from "./harness.mjs";

let browser, server, scratch;
before(async () => {
  browser = await launch();
  server = await serve();
  scratch = await mkdtemp(join(tmpdir(), "trellis-e2e-safety-"));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const DAY = 24 * 60 * 60 * 1000;

async function createBlank(page, name) {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create blank plan" }).click();
  await page.locator(".plan-item .plan-name", { hasText: name }).waitFor();
  await waitSaved(page);
}

async function rename(page, from, to) {
  await page.getByRole("button", { name: `Rename ${from}` }).click();
  await page.getByLabel("New name").fill(to);
  await page.getByRole("button", { name: "Save name" }).click();
  await page.locator(".plan-item .plan-name", { hasText: to }).waitFor();
  await waitSaved(page);
}

/** Clicks `button` and returns the downloaded file's name and text. */
async function download(page, button, file) {
  const [dl] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const path = join(scratch, file ?? dl.suggestedFilename());
  await dl.saveAs(path);
  return { fileName: dl.suggestedFilename(), path, text: await readFile(path, "utf8") };
}

function planKeys(stored) {
  return Object.keys(stored).filter((k) => k.startsWith("trellis.plan."));
}

test("back up all plans (one unreadable), change and lose some, restore with a choice per plan, undo", async () => {
  const { context, page, problems } = await newSession(browser);
  await startWithSample(page, server);
  await createBlank(page, "Second");
  const broken = '{"format":"trellis-plan","version":1,"id":"pbroken","name":"Cut sh';
  await page.evaluate((raw) => localStorage.setItem("trellis.plan.pbroken", raw), broken);
  await page.reload();
  await page.locator(".plan-item .badge.bad", { hasText: "Unreadable" }).waitFor();

  const backup = await download(page, page.getByRole("button", { name: "Back up all plans" }));
  assert.equal(backup.fileName, `trellis-backup-${testDay()}.json`);
  const doc = JSON.parse(backup.text);
  assert.equal(doc.format, "trellis-backup");
  assert.equal(doc.version, 1);
  const age = Date.parse(doc.created) - TEST_NOW;
  assert.ok(age >= 0 && age < 10 * 60_000, `created ${doc.created}: the page clock's time`);
  assert.deepEqual(doc.plans.map((p) => p.name).sort(), ["Second", SAMPLE].sort());
  assert.ok(doc.plans.every((p) => p.format === "trellis-plan"));
  assert.deepEqual(doc.unreadable, [
    { key: "trellis.plan.pbroken", reason: doc.unreadable[0].reason, raw: broken },
  ]);
  assert.match(doc.unreadable[0].reason, /ends too soon|EOF/);
  await page.getByTestId("last-backup").filter({ hasText: /Last backup or export: \d{4}-\d{2}-\d{2}/ }).waitFor();

  // After the backup: one plan renamed, the sample lost from storage.
  await rename(page, "Second", "Second changed");
  const sampleKey = await page.evaluate((name) => {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith("trellis.plan.") && localStorage.getItem(key).includes(`"name":"${name}"`)) return key;
    }
  }, SAMPLE);
  await page.evaluate((key) => localStorage.removeItem(key), sampleKey);
  await page.reload();
  await page.locator(".plan-item .plan-name", { hasText: "Second changed" }).waitFor();
  assert.ok(!(await planNames(page)).includes(SAMPLE));
  const beforeRestore = await storedData(page);

  await openFiles(page);
  await page.getByLabel("Restore from a backup file").setInputFiles(backup.path);
  const preview = page.getByTestId("restore-preview");
  await preview.waitFor();
  const items = preview.getByTestId("restore-item");
  assert.equal(await items.count(), 3);
  assert.match(await items.filter({ hasText: SAMPLE }).innerText(), /Readable[\s\S]*last changed \d{4}-\d{2}-\d{2}/);
  assert.match(await items.filter({ hasText: "pbroken" }).innerText(), /Not readable/);
  // Only the plan still here asks; the lost one is simply added back.
  assert.equal(await preview.getByRole("combobox").count(), 1);
  await preview.getByLabel("You already have “Second”:").selectOption("replace");
  await preview.getByRole("button", { name: "Restore 2 plans" }).click();
  await page.locator(".notice", { hasText: "Restored 2 plans from the backup." }).waitFor();
  await page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  const restoredNames = await planNames(page);
  assert.ok(restoredNames.includes("Second") && !restoredNames.includes("Second changed"), restoredNames.join());
  let stored = await storedData(page);
  const texts = planKeys(stored).map((k) => stored[k]);
  assert.ok(texts.some((t) => t.includes(`"name":"${SAMPLE}"`)), "the lost plan is stored again");
  assert.ok(texts.some((t) => t.includes('"name":"Second"')), "the replaced plan is the backup's");
  assert.equal(stored["trellis.plan.pbroken"], broken, "unreadable data is left as it was");

  // One undo takes the whole restore back.
  await page.locator(".notice", { hasText: "Restored 2 plans" }).getByRole("button", { name: "Undo" }).click();
  await page.locator(".plan-item .plan-name", { hasText: "Second changed" }).waitFor();
  await waitSaved(page);
  assert.ok(!(await planNames(page)).includes(SAMPLE));
  stored = await storedData(page);
  assert.deepEqual(planKeys(stored).sort(), planKeys(beforeRestore).sort());
  const nameIn = (raw) => {
    try { return JSON.parse(raw).name; } catch { return raw; }
  };
  for (const key of planKeys(stored)) assert.equal(nameIn(stored[key]), nameIn(beforeRestore[key]));

  // Keep both adds the backup's copy next to the one here.
  await openFiles(page);
  await page.getByLabel("Restore from a backup file").setInputFiles(backup.path);
  await page.getByTestId("restore-preview").getByRole("button", { name: "Restore 2 plans" }).click();
  await page.locator(".plan-item .plan-name", { hasText: "Second (imported)" }).waitFor();
  assert.ok((await planNames(page)).includes("Second changed"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a file that is not a backup is refused with its reason and nothing changes", async () => {
  const { context, page } = await newSession(browser);
  await startWithSample(page, server);
  const before = await storedData(page);
  const cases = [
    ["plan.json", JSON.stringify({ format: "trellis-plan", version: 1, id: "x", name: "X" }), /single plan's file, not a backup/],
    ["broken.json", '{"format": "trellis-backup", "version": 1, "plans": [', /line 1, column \d+/],
    ["future.json", JSON.stringify({ format: "trellis-backup", version: 9, plans: [] }), /newer version of Trellis \(backup version 9/],
  ];
  for (const [name, text, expected] of cases) {
    await openFiles(page);
    await page.getByLabel("Restore from a backup file").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
    const error = page.getByTestId("restore-error").filter({ hasText: name });
    await error.waitFor();
    assert.match(await error.innerText(), expected);
  }
  assert.deepEqual(await storedData(page), before);
  await context.close();
});

/** An init script answering navigator.storage.persist() with `answers` in turn (the last one
 *  from then on), counting the calls in this page; navigator.storage.persisted() says whether
 *  a request was granted in this tab, which, like the browser, remembers it across reloads. */
function persistAnswers(...answers) {
  return {
    content: `
      window.__persistCalls = 0;
      const answers = ${JSON.stringify(answers)};
      Object.defineProperty(navigator.storage, "persist", {
        configurable: true,
        value: () => {
          const granted = answers[Math.min(window.__persistCalls, answers.length - 1)];
          window.__persistCalls++;
          if (granted) sessionStorage.setItem("test.persisted", "yes");
          return Promise.resolve(granted);
        },
      });
      Object.defineProperty(navigator.storage, "persisted", {
        configurable: true,
        value: () => Promise.resolve(sessionStorage.getItem("test.persisted") === "yes"),
      });`,
  };
}

test("persistent storage is asked for once the user has a plan of their own, and the answer is shown (granted)", async () => {
  const { context, page } = await newSession(browser, { init: [persistAnswers(true)] });
  await startWithSample(page, server);
  // The sample alone is not the user's work yet.
  assert.equal(await page.evaluate(() => window.__persistCalls), 0);
  assert.equal(await page.getByTestId("persist-status").count(), 0);
  await createBlank(page, "Mine");
  const status = page.getByTestId("persist-status");
  await status.filter({ hasText: "Kept until you delete it" }).waitFor();
  assert.equal(await page.evaluate(() => window.__persistCalls), 1);
  // Remembered: no second request on the next visit, the answer still shown.
  await rename(page, "Mine", "Mine again");
  await page.reload();
  await status.filter({ hasText: "Kept until you delete it" }).waitFor();
  await rename(page, "Mine again", "Mine once more");
  assert.equal(await page.evaluate(() => window.__persistCalls), 0);
  await context.close();
});

test("persistent storage refused: the header says the browser may clear the data and offers a backup", async () => {
  const { context, page } = await newSession(browser, { init: [persistAnswers(false)] });
  await startWithSample(page, server);
  await createBlank(page, "Mine");
  const status = page.getByTestId("persist-status");
  await status.filter({ hasText: "The browser may clear this data: back it up" }).waitFor();
  const backup = await download(page, status.getByRole("button", { name: "Back up" }));
  assert.deepEqual(JSON.parse(backup.text).plans.map((p) => p.name).sort(), ["Mine", SAMPLE].sort());
  await context.close();
});

test("the browser's answer is read at start: storage promised since the last visit shows as kept, without asking", async () => {
  const { context, page } = await newSession(browser, { init: [persistAnswers(false)] });
  await startWithSample(page, server);
  await createBlank(page, "Mine");
  const status = page.getByTestId("persist-status");
  await status.filter({ hasText: "The browser may clear this data" }).waitFor();
  // Meanwhile the browser decides to keep the site's data (it was installed, say).
  await page.evaluate(() => sessionStorage.setItem("test.persisted", "yes"));
  await page.reload();
  await status.filter({ hasText: "Kept until you delete it" }).waitFor();
  assert.equal(await page.evaluate(() => window.__persistCalls), 0, "read, not asked");
  await context.close();
});

test("persistent storage refused at first is asked for again after a backup", async () => {
  const { context, page } = await newSession(browser, { init: [persistAnswers(false, true)] });
  await startWithSample(page, server);
  await createBlank(page, "Mine");
  const status = page.getByTestId("persist-status");
  await status.filter({ hasText: "The browser may clear this data" }).waitFor();
  await download(page, status.getByRole("button", { name: "Back up" }));
  await status.filter({ hasText: "Kept until you delete it" }).waitFor();
  assert.equal(await page.evaluate(() => window.__persistCalls), 2);
  await context.close();
});

test("the backup reminder: due after the period with changes, snoozed by Not now, gone after a backup", async () => {
  const first = await newSession(browser);
  await startWithSample(first.page, server);
  await rename(first.page, SAMPLE, "Edited");
  const reminder = first.page.getByTestId("backup-reminder");
  assert.equal(await reminder.count(), 0, "no reminder right after a change");
  // The period is the user's: 3 days instead of 14.
  await first.page.getByLabel("Remind me to back up after (days; 0 = never)").fill("3");
  await first.page.waitForFunction(() => JSON.parse(localStorage.getItem("trellis.care")).reminder_days === 3);
  const stored = await storedData(first.page);
  await first.context.close();

  // The stored data of the first visit, put back before the app starts in a new browser.
  const restore = (data) => ({
    content: `if (!localStorage.getItem("trellis.care")) for (const [k, v] of Object.entries(${JSON.stringify(data)})) localStorage.setItem(k, v);`,
  });
  // Two days later: within the period, no reminder.
  const early = await newSession(browser, { now: TEST_NOW + 2 * DAY, init: [restore(stored)] });
  await open(early.page, server);
  await early.page.locator(".plan-item .plan-name", { hasText: "Edited" }).waitFor();
  assert.equal(await early.page.getByTestId("backup-reminder").count(), 0);
  await early.context.close();

  // Four days later: due.
  const late = await newSession(browser, { now: TEST_NOW + 4 * DAY, init: [restore(stored)] });
  await open(late.page, server);
  const shown = late.page.getByTestId("backup-reminder");
  await shown.waitFor();
  assert.match(await shown.innerText(), /Plans changed since your last backup/);
  await shown.getByRole("button", { name: "Remind me later" }).click();
  await shown.waitFor({ state: "detached" });
  await late.page.reload();
  await late.page.locator(".plan-item .plan-name", { hasText: "Edited" }).waitFor();
  assert.equal(await shown.count(), 0, "snoozed across a reload");
  const snoozed = await storedData(late.page);
  await late.context.close();

  // Past the snooze: back again; backing up clears it and dates the last backup.
  const later = await newSession(browser, { now: TEST_NOW + 8 * DAY, init: [restore(snoozed)] });
  await open(later.page, server);
  const again = later.page.getByTestId("backup-reminder");
  await again.waitFor();
  await download(later.page, again.getByRole("button", { name: "Back up now" }));
  await again.waitFor({ state: "detached" });
  await later.page.getByTestId("last-backup").filter({ hasText: `Last backup or export: ${testDay(8)}.` }).waitFor();
  await later.context.close();
});

test("an unreadable plan can be deleted once its raw data was downloaded, with its backup copy", async () => {
  const { context, page, problems } = await newSession(browser);
  await startWithSample(page, server);
  const raw = "\u0000 not a plan";
  await page.evaluate((raw) => {
    localStorage.setItem("trellis.plan.pjunk", raw);
    localStorage.setItem("trellis.plan.pother", "also junk");
  }, raw);
  await page.reload();
  const row = page.locator(".plan-item", { hasText: "pjunk" });
  await row.waitFor();
  let stored = await storedData(page);
  assert.equal(stored["trellis.backup.trellis.plan.pjunk"], raw);
  // Not before the download.
  assert.equal(await row.getByRole("button", { name: "Delete Unreadable plan (pjunk)" }).count(), 0);
  assert.match(await row.innerText(), /Download its raw data to be able to delete it/);
  const file = await download(page, row.getByRole("button", { name: "Download the raw data" }), "junk.json");
  assert.equal(file.text, raw);
  await row.getByRole("button", { name: "Delete Unreadable plan (pjunk)" }).click();
  await row.getByRole("button", { name: "Delete unreadable plan" }).click();
  await row.waitFor({ state: "detached" });
  stored = await storedData(page);
  assert.equal(stored["trellis.plan.pjunk"], undefined);
  assert.equal(stored["trellis.backup.trellis.plan.pjunk"], undefined);
  // The other unreadable plan and the readable one are untouched.
  assert.equal(stored["trellis.plan.pother"], "also junk");
  assert.equal(stored["trellis.backup.trellis.plan.pother"], "also junk");
  await page.reload();
  await page.locator(".plan-item", { hasText: "pother" }).waitFor();
  assert.equal(await page.locator(".plan-item", { hasText: "pjunk" }).count(), 0);
  assert.ok((await planNames(page)).includes(SAMPLE));
  assert.deepEqual(problems, []);
  await context.close();
});

test("text typed into a field is saved even when the tab closes before the field loses focus", async () => {
  const { context, page } = await newSession(browser);
  await startWithSample(page, server);
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Commitment curve" }).click();
  const editor = page.getByTestId("stage-editor");
  // The editor opens on the stage picked, and folds its asks and emotions under its
  // essentials (issue 31).
  await page.getByTestId("stage-table").locator(".link-button").first().click();
  await editor.locator("summary", { hasText: "Asks, emotions and notes" }).click();
  const desired = editor.getByLabel("Desired emotions (to amplify)");
  await desired.fill("");
  await desired.pressSequentially("curious, proud, ");
  // The field keeps what was typed: the trailing comma is not eaten while typing.
  assert.equal(await desired.inputValue(), "curious, proud, ");
  const effort = editor.getByLabel("Effort (1–12)").first();
  await effort.fill("");
  await effort.pressSequentially("7");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("type")), "number");
  // Closed at once: no blur, no wait for the save's pause.
  const keep = await context.newPage();
  await page.close({ runBeforeUnload: true });
  await open(keep, server, "/curve");
  const again = keep.getByTestId("stage-editor");
  await keep.getByTestId("stage-table").locator(".link-button").first().click();
  await again.locator("summary", { hasText: "Asks, emotions and notes" }).click();
  await again.getByLabel("Desired emotions (to amplify)").waitFor();
  assert.equal(await again.getByLabel("Desired emotions (to amplify)").inputValue(), "curious, proud");
  assert.equal(await again.getByLabel("Effort (1–12)").first().inputValue(), "7");
  await context.close();
});

