// Plans: the workspace life cycle, persistence, export/import, and every storage fault,
// on the release build in Chromium. Faults are injected by overriding Storage in the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  launch, serve, newSession, open, cspViolations, storedData, SAMPLE, startWithSample, waitSaved, planNames, heading1, leaveThrough, openFiles, unsavedEdit } from "./harness.mjs";

let browser, server, scratch;
before(async () => {
  browser = await launch();
  server = await serve();
  scratch = await mkdtemp(join(tmpdir(), "trellis-e2e-"));
});
after(async () => {
  await browser?.close();
  await server?.close();
});



async function rename(page, from, to) {
  await page.getByRole("button", { name: `Rename ${from}` }).click();
  const input = page.getByLabel("New name");
  await input.fill(to);
  await page.getByRole("button", { name: "Save name" }).click();
}

async function exportPlan(page, name) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    leaveThrough(page, name, "file", { include: "all" }),
  ]);
  const path = join(scratch, download.suggestedFilename());
  await download.saveAs(path);
  return { fileName: download.suggestedFilename(), path, text: await readFile(path, "utf8") };
}

test("a new plan survives a reload exactly, and the last opened plan reopens", async () => {
  const { context, page, problems } = await newSession(browser);
  await startWithSample(page, server);
  await page.getByRole("button", { name: "Start a blank plan" }).waitFor({ state: "detached" });
  await page.getByLabel("Name", { exact: true }).fill("Forum relaunch 2027");
  await page.getByRole("button", { name: "Create blank plan" }).click();
  await waitSaved(page);
  await page.getByRole("button", { name: `Open ${SAMPLE}` }).click();
  await heading1(page, "Goals");
  await waitSaved(page);
  const before = await storedData(page);
  await page.reload();
  await page.waitForSelector("header.app-header");
  await page.locator(".current-plan", { hasText: SAMPLE }).waitFor();
  await open(page, server);
  assert.deepEqual(await planNames(page), [SAMPLE, "Forum relaunch 2027"]);
  assert.deepEqual(await storedData(page), before);
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("rename, duplicate, and delete with confirmation and undo", async () => {
  const { context, page, problems } = await newSession(browser);
  await startWithSample(page, server);
  await rename(page, SAMPLE, "Forum relaunch");
  await page.locator(".plan-item .plan-name", { hasText: "Forum relaunch" }).waitFor();
  await page.getByRole("button", { name: "Duplicate Forum relaunch" }).click();
  await page.locator(".plan-item .plan-name", { hasText: "Forum relaunch (copy)" }).waitFor();
  assert.deepEqual(await planNames(page), ["Forum relaunch", "Forum relaunch (copy)"]);

  await page.getByRole("button", { name: "Delete Forum relaunch (copy)" }).click();
  // Focus moves to the safe choice.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Keep it");
  await page.getByRole("button", { name: "Delete plan" }).click();
  // Deleted under the storage lock, which the browser grants in a task of its own.
  await page.locator(".plan-item .plan-name", { hasText: "Forum relaunch (copy)" }).waitFor({ state: "detached" });
  assert.deepEqual(await planNames(page), ["Forum relaunch"]);
  const afterDelete = await storedData(page);
  assert.equal(Object.keys(afterDelete).filter((k) => k.startsWith("trellis.plan.")).length, 1);

  await page.locator(".notice", { hasText: "Deleted “Forum relaunch (copy)”" }).getByRole("button", { name: "Undo" }).click();
  await page.locator(".plan-item .plan-name", { hasText: "Forum relaunch (copy)" }).waitFor();
  await waitSaved(page);
  await page.reload();
  await page.waitForSelector(".plan-item");
  assert.deepEqual(await planNames(page), ["Forum relaunch", "Forum relaunch (copy)"]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("undo and redo from the keyboard and the header buttons", async () => {
  const { context, page } = await newSession(browser);
  await startWithSample(page, server);
  await rename(page, SAMPLE, "Renamed once");
  await page.locator(".current-plan", { hasText: "Renamed once" }).waitFor();
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+z");
  await page.locator(".current-plan", { hasText: SAMPLE }).waitFor();
  await page.keyboard.press("Control+Shift+z");
  await page.locator(".current-plan", { hasText: "Renamed once" }).waitFor();
  await page.getByRole("button", { name: "Undo" }).click();
  await page.locator(".current-plan", { hasText: SAMPLE }).waitFor();
  await waitSaved(page);
  await page.reload();
  await page.locator(".current-plan", { hasText: SAMPLE }).waitFor();
  await context.close();
});

test("export, then import in a fresh browser, gives the identical plan", async () => {
  const first = await newSession(browser);
  await startWithSample(first.page, server);
  const exported = await exportPlan(first.page, SAMPLE);
  // ":" is refused by some file systems, so it becomes "-".
  assert.equal(exported.fileName, "Sample- Developer forum relaunch.trellis.json");
  const doc = JSON.parse(exported.text);
  assert.equal(doc.format, "trellis-plan");
  assert.equal(doc.version, 2);
  assert.ok(exported.text.includes('\n  "name"'), "pretty-printed");
  await first.context.close();

  const second = await newSession(browser);
  await open(second.page, server);
  await openFiles(second.page);
  await second.page.getByLabel("Plan file").setInputFiles(exported.path);
  await second.page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  await waitSaved(second.page);
  const again = await exportPlan(second.page, SAMPLE);
  assert.equal(again.text, exported.text);
  assert.deepEqual(second.problems, []);
  await second.context.close();
});

test("importing a plan that is already here asks: keep both, or replace (undoable)", async () => {
  const { context, page } = await newSession(browser);
  await startWithSample(page, server);
  const exported = await exportPlan(page, SAMPLE);
  const edited = JSON.parse(exported.text);
  edited.name = "Forum relaunch from a colleague";
  const editedPath = join(scratch, "colleague.trellis.json");
  await writeFile(editedPath, JSON.stringify(edited));

  await openFiles(page);
  await page.getByLabel("Plan file").setInputFiles(editedPath);
  await page.getByTestId("collision").waitFor();
  await page.getByRole("button", { name: "Keep both" }).click();
  await page.locator(".plan-item .plan-name", { hasText: "Forum relaunch from a colleague (imported)" }).waitFor();
  assert.equal((await planNames(page)).length, 2);

  await openFiles(page);
  await page.getByLabel("Plan file").setInputFiles(editedPath);
  await page.getByRole("button", { name: "Replace mine" }).click();
  await page.locator(".plan-item .plan-name", { hasText: /^Forum relaunch from a colleague$/ }).waitFor();
  assert.ok(!(await planNames(page)).includes(SAMPLE));
  await page.locator(".notice", { hasText: "Replaced" }).getByRole("button", { name: "Undo" }).click();
  await page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  await waitSaved(page);
  await page.reload();
  await page.waitForSelector(".plan-item");
  assert.deepEqual(await planNames(page), [SAMPLE, "Forum relaunch from a colleague (imported)"]);
  await context.close();
});

test("malformed imports give a specific message and change nothing", async () => {
  const { context, page } = await newSession(browser);
  await startWithSample(page, server);
  const before = await storedData(page);
  const cases = [
    ["{\n  \"format\": \"trellis-plan\",\n  oops\n}", /Line 3, column 3/],
    ["", null],
    ['{"format":"excalidraw","version":2}', /not a Trellis plan/],
    ['{"format":"trellis-plan","version":7,"id":"x","name":"n"}', /newer version of Trellis \(version 7\)/],
    ['{"format":"trellis-plan","version":1,"id":"x"}', /`name` is missing/],
    ['{"format":"trellis-plan","version":1,"id":"x","name":"n","curve":{"stages":[{"id":"s1","name":"a","members_now":-3}]}}', /members_now.*-3/],
    ['{"format":"trellis-plan","version":1,"id":"x","name":"n","goals":{"goals":[{"id":"g1","deadline":"2027-02-30"}]}}', /not a date/],
    ['{"format":"trellis-plan","version":1,"id":"x","name":"n","goals":{"objectives":[{"id":"d"}],"goals":[{"id":"d"}]}}', /already used/],
  ];
  for (const [text, expected] of cases) {
    if (text === "") continue; // the paste button stays disabled for empty text; empty files are covered below
    await openFiles(page);
    await page.getByLabel("Or paste the plan's JSON").fill(text);
    await page.getByRole("button", { name: "Import pasted plan" }).click();
    const message = await page.getByTestId("import-error").innerText();
    assert.match(message, expected);
  }
  const files = [
    ["empty.trellis.json", Buffer.alloc(0), /empty/],
    ["binary.trellis.json", Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x02]), /not text|not JSON|Line 1/],
    ["huge.trellis.json", Buffer.alloc(11 * 1024 * 1024, 0x20), /up to 10 MB/],
  ];
  for (const [name, buffer, expected] of files) {
    await openFiles(page);
    await page.getByLabel("Plan file").setInputFiles({ name, mimeType: "application/json", buffer });
    await page.getByTestId("import-error").filter({ hasText: name }).waitFor();
    assert.match(await page.getByTestId("import-error").innerText(), expected);
  }
  assert.deepEqual(await planNames(page), [SAMPLE]);
  assert.deepEqual(await storedData(page), before);
  await context.close();
});

for (const [label, thrower] of [
  ["QuotaExceededError", "throw new DOMException('full', 'QuotaExceededError')"],
  ["Firefox NS_ERROR_DOM_QUOTA_REACHED", "throw new DOMException('full', 'NS_ERROR_DOM_QUOTA_REACHED')"],
  ["old Safari code 22", "throw Object.assign(new Error('full'), { code: 22 })"],
  ["Firefox code 1014", "throw Object.assign(new Error('full'), { code: 1014 })"],
]) {
  test(`storage full (${label}): a banner offers export, the saved copy and the open plan stay intact`, async () => {
    const { context, page } = await newSession(browser);
    await startWithSample(page, server);
    const before = await storedData(page);
    await page.evaluate((body) => {
      Storage.prototype.setItem = new Function("key", "value", body);
    }, thrower);
    await rename(page, SAMPLE, "Edited while full");
    const banner = page.getByTestId("storage-banner");
    await banner.waitFor();
    assert.match(await banner.innerText(), /storage is full, so changes are not being saved/);
    await page.getByTestId("save-status").filter({ hasText: "Not saved: storage is full" }).waitFor();
    await page.locator(".current-plan", { hasText: "Edited while full" }).waitFor();
    assert.deepEqual(await storedData(page), before);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      banner.getByRole("button", { name: "Export this plan" }).click(),
    ]);
    const path = join(scratch, `full-${label.replace(/\W/g, "")}.json`);
    await download.saveAs(path);
    assert.equal(JSON.parse(await readFile(path, "utf8")).name, "Edited while full");
    await context.close();
  });
}

test("storage blocked: the app starts, works in memory, says so, and export works", async () => {
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
  const banner = page.getByTestId("storage-banner");
  await banner.waitFor();
  assert.match(await banner.innerText(), /does not let Trellis store data/);
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  assert.match(await page.getByTestId("save-status").innerText(), /Not saved: storage is blocked/);
  const exported = await exportPlan(page, SAMPLE);
  assert.equal(JSON.parse(exported.text).name, SAMPLE);
  assert.deepEqual(problems, []);
  await context.close();
});

test("unreadable stored data is kept, backed up, offered for download, and never overwritten", async () => {
  const { context, page, problems } = await newSession(browser);
  await startWithSample(page, server);
  const cases = {
    "trellis.plan.pgarbage": "\u0000\u0001 not json at all",
    "trellis.plan.ptruncated": '{"format":"trellis-plan","version":1,"id":"ptruncated","name":"Cut',
    "trellis.plan.pempty": "",
    "trellis.plan.pnull": "null",
  };
  await page.evaluate((cases) => {
    for (const [k, v] of Object.entries(cases)) localStorage.setItem(k, v);
  }, cases);
  await page.reload();
  await page.waitForSelector(".plan-item");
  assert.equal(await page.locator(".plan-item .badge.bad", { hasText: "Unreadable" }).count(), 4);
  const stored = await storedData(page);
  for (const [key, raw] of Object.entries(cases)) {
    assert.equal(stored[key], raw, `${key} unchanged`);
    assert.equal(stored[`trellis.backup.${key}`], raw, `${key} backed up`);
  }
  assert.match(await page.locator(".plan-item", { hasText: "ptruncated" }).innerText(), /ends too soon/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(".plan-item", { hasText: "ptruncated" }).getByRole("button", { name: "Download the raw data" }).click(),
  ]);
  const path = join(scratch, "raw.json");
  await download.saveAs(path);
  assert.equal(await readFile(path, "utf8"), cases["trellis.plan.ptruncated"]);
  // Working on the readable plan never touches the unreadable ones.
  await rename(page, SAMPLE, "Still working");
  await waitSaved(page);
  const after = await storedData(page);
  for (const [key, raw] of Object.entries(cases)) assert.equal(after[key], raw);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a plan saved by a newer Trellis is listed, explained, and left untouched", async () => {
  const { context, page } = await newSession(browser);
  await open(page, server);
  const newer = JSON.stringify({ format: "trellis-plan", version: 42, id: "pfuture", name: "From the future", revision: 3 });
  await page.evaluate((doc) => localStorage.setItem("trellis.plan.pfuture", doc), newer);
  await page.reload();
  const row = page.locator(".plan-item", { hasText: "From the future" });
  await row.waitFor();
  assert.match(await row.innerText(), /newer Trellis \(file version 42\)/);
  // With only an unreadable plan listed, the blank-plan form may already be open.
  const startBlank = page.getByRole("button", { name: "Start a blank plan" });
  if (await startBlank.count()) await startBlank.click();
  await page.getByLabel("Name", { exact: true }).fill("Mine");
  await page.getByRole("button", { name: "Create blank plan" }).click();
  await waitSaved(page);
  assert.equal((await storedData(page))["trellis.plan.pfuture"], newer);
  await context.close();
});

test("a tab with no unsaved edits follows another tab's save", async () => {
  const { context, page: a } = await newSession(browser);
  await startWithSample(a, server);
  const b = await context.newPage();
  await open(b, server);
  await b.locator(".current-plan", { hasText: SAMPLE }).waitFor();
  await rename(a, SAMPLE, "Renamed in tab A");
  await waitSaved(a);
  await b.locator(".current-plan", { hasText: "Renamed in tab A" }).waitFor();
  await b.locator(".plan-item .plan-name", { hasText: "Renamed in tab A" }).waitFor();
  await context.close();
});

test("a tab with unsaved edits is asked before another tab's save is overwritten", async () => {
  const { context, page: a } = await newSession(browser);
  await startWithSample(a, server);
  const b = await context.newPage();
  await open(b, server);
  const id = await a.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith("trellis.plan.")));
  // Tab A edits; before its debounced save, tab B saves a newer revision of the same plan.
  await unsavedEdit(a, "Tab A's objective");
  await b.evaluate((key) => {
    const doc = JSON.parse(localStorage.getItem(key));
    doc.name = "Tab B's name";
    doc.revision += 5;
    localStorage.setItem(key, JSON.stringify(doc));
  }, id);
  const banner = a.getByTestId("conflict-banner");
  await banner.waitFor();
  assert.equal(JSON.parse((await storedData(a))[id]).name, "Tab B's name");
  await a.clock.resume();
  await banner.getByRole("button", { name: "Keep this tab's version" }).click();
  await waitSaved(a);
  const kept = JSON.parse((await storedData(a))[id]);
  assert.equal(kept.name, SAMPLE);
  assert.ok(kept.goals.objectives.some((o) => o.title === "Tab A's objective"));
  await context.close();
});

test("an edit made just before the tab closes is saved (flushed on pagehide)", async () => {
  const { context, page } = await newSession(browser);
  await startWithSample(page, server);
  await rename(page, SAMPLE, "Renamed, then closed at once");
  // Well inside the save debounce: only the pagehide flush can have written it.
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await open(again, server);
  await again.locator(".plan-item .plan-name", { hasText: "Renamed, then closed at once" }).waitFor();
  await context.close();
});
