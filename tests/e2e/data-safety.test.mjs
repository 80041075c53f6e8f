// Keeping the data: backup of all plans and restore, the browser's promise to keep the data,
// the backup reminder, deleting unreadable plans, saving text typed into a field before it
// loses focus, and hostile share links.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  launch, serve, newSession, open, storedData, SAMPLE, startWithSample, waitSaved, planNames,
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
  assert.match(backup.fileName, /^trellis-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const doc = JSON.parse(backup.text);
  assert.equal(doc.format, "trellis-backup");
  assert.equal(doc.version, 1);
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
    await page.getByLabel("Restore from a backup file").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
    const error = page.getByTestId("restore-error").filter({ hasText: name });
    await error.waitFor();
    assert.match(await error.innerText(), expected);
  }
  assert.deepEqual(await storedData(page), before);
  await context.close();
});
