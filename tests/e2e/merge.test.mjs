// Two people, one plan (issue 32): a copy goes to a reviewer as a file or a link, comes back
// changed while the owner changed the plan too, and merges: both sides' changes are in, a
// field both changed is a choice between yours, theirs and the original, a deletion against
// an edit is a choice too, and one Undo takes the whole merge back. Two browser contexts, on
// the release build in Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  launch, serve, newSession, open, storedData, SAMPLE, startWithSample, waitSaved, heading1, leaveThrough, openFiles, showEverything,
} from "./harness.mjs";

const AXE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Axe's violations inside `selector`. */
async function axeViolations(page, selector) {
  await page.evaluate(AXE);
  return page.evaluate(async (selector) => {
    const result = await window.axe.run(selector, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")} — ${v.help}`);
  }, selector);
}

let browser, server, scratch;
before(async () => {
  browser = await launch();
  server = await serve();
  scratch = await mkdtemp(join(tmpdir(), "trellis-merge-"));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const GROW = "Grow monthly active contributors";
const CUT = "Cut time to first API call";

/** The plan stored in `page`'s browser (there is one). */
async function storedPlan(page) {
  const data = await storedData(page);
  const keys = Object.keys(data).filter((k) => /^trellis\.plan\.[^.]+$/.test(k));
  assert.equal(keys.length, 1, `one plan stored: ${keys}`);
  return JSON.parse(data[keys[0]]);
}

function goal(plan, title) {
  return plan.goals.goals.find((g) => g.title === title);
}

async function openGoal(page, title) {
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Goals" }).click();
  await heading1(page, "Goals");
  await page.getByRole("link", { name: title, exact: true }).click();
  await heading1(page, title);
}

async function setTarget(page, title, value) {
  await openGoal(page, title);
  await page.getByLabel("Target value").fill(String(value));
  await waitSaved(page);
}

async function removeGoal(page, title) {
  await openGoal(page, title);
  await showEverything(page);
  await page.getByRole("button", { name: "Remove goal…" }).click();
  await page.getByRole("button", { name: "Remove goal", exact: true }).click();
  await heading1(page, "Goals");
  await waitSaved(page);
}

async function addTouchPoint(page, stage, name) {
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Commitment curve" }).click();
  await heading1(page, "Commitment curve");
  await page.getByRole("button", { name: stage, exact: true }).first().click();
  await page.getByRole("button", { name: "Add touch point" }).click();
  // The new touch point's name has the focus.
  await page.waitForFunction(() => document.activeElement?.tagName === "INPUT");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(name);
  await waitSaved(page);
}

/** Exports the plan as a file from the Plans page (the default parts); its path. */
async function exportFile(page, name) {
  await open(page, server);
  const [download] = await Promise.all([page.waitForEvent("download"), leaveThrough(page, name, "file")]);
  const path = join(scratch, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  return path;
}

async function importFile(page, path) {
  await open(page, server);
  await openFiles(page);
  await page.locator("#import-file").setInputFiles(path);
}

/** The owner's sample and the reviewer's copy of it, imported from a file. */
async function ownerAndReviewer() {
  const owner = await newSession(browser);
  await startWithSample(owner.page, server);
  const sent = await exportFile(owner.page, SAMPLE);
  const reviewer = await newSession(browser);
  await importFile(reviewer.page, sent);
  await reviewer.page.locator(".notice", { hasText: `Imported “${SAMPLE}”` }).waitFor();
  return { owner, reviewer };
}

/** The owner imports `path` and chooses Merge; the merge step. */
async function mergeFile(page, path) {
  await importFile(page, path);
  await page.getByTestId("collision").getByRole("button", { name: "Merge into mine" }).click();
  const step = page.getByTestId("merge-step");
  await step.waitFor();
  return step;
}

test("a copy returned as a file merges with the owner's own edit, and one Undo takes the merge back", async () => {
  const { owner, reviewer } = await ownerAndReviewer();
  // The reviewer changes a goal's target and adds a touch point…
  await setTarget(reviewer.page, GROW, 444);
  await addTouchPoint(reviewer.page, "Discover", "Reviewer's welcome call");
  const returned = await exportFile(reviewer.page, SAMPLE);
  // …while the owner edits another goal.
  await setTarget(owner.page, CUT, 3);
  const before = await storedPlan(owner.page);

  const step = await mergeFile(owner.page, returned);
  assert.match(await step.innerText(), /Compared with the version you sent/);
  assert.equal(await step.getByTestId("merge-changes").innerText(), "Goals: 1 changed. Commitment curve: 1 added.");
  assert.equal(await step.getByTestId("merge-conflict").count(), 0);
  assert.deepEqual(await storedPlan(owner.page), before, "nothing is written before the merge is confirmed");
  await step.getByRole("button", { name: "Merge", exact: true }).click();
  const notice = owner.page.locator(".notice", { hasText: `Merged the returned copy into “${SAMPLE}”.` });
  await notice.waitFor();
  const merged = await storedPlan(owner.page);
  assert.equal(goal(merged, GROW).target, 444, "the reviewer's target");
  assert.equal(goal(merged, CUT).target, 3, "the owner's target");
  assert.ok(merged.curve.touch_points.some((t) => t.name === "Reviewer's welcome call"), "the reviewer's touch point");
  // The owner's private parts did not leave, and are still here.
  assert.deepEqual(merged.career, before.career);

  await notice.getByRole("button", { name: "Undo" }).click();
  await owner.page.locator(".notice", { hasText: `Put back “${SAMPLE}”` }).waitFor();
  const undone = await storedPlan(owner.page);
  assert.equal(goal(undone, GROW).target, goal(before, GROW).target);
  assert.equal(goal(undone, CUT).target, 3);
  assert.ok(!undone.curve.touch_points.some((t) => t.name === "Reviewer's welcome call"));
  assert.deepEqual(owner.problems, []);
  assert.deepEqual(reviewer.problems, []);
  await owner.context.close();
  await reviewer.context.close();
});

async function copyLink(page, name) {
  await open(page, server);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate(() => navigator.clipboard.writeText(""));
  await leaveThrough(page, name, "link");
  await page.locator(".notice", { hasText: "Copied a share link" }).last().waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

test("a copy sent and returned as a share link merges the same way", async () => {
  const owner = await newSession(browser);
  await startWithSample(owner.page, server);
  const sent = await copyLink(owner.page, SAMPLE);
  const reviewer = await newSession(browser);
  await reviewer.page.goto(sent);
  await reviewer.page.getByTestId("shared-view").getByRole("button", { name: "Add to my plans" }).click();
  await reviewer.page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  await setTarget(reviewer.page, GROW, 555);
  const returned = await copyLink(reviewer.page, SAMPLE);
  await setTarget(owner.page, CUT, 4);

  await owner.page.goto(returned);
  await owner.page.getByTestId("shared-view").getByRole("button", { name: "Add to my plans" }).click();
  await owner.page.getByTestId("collision").getByRole("button", { name: "Merge into mine" }).click();
  const step = owner.page.getByTestId("merge-step");
  assert.equal(await step.getByTestId("merge-changes").innerText(), "Goals: 1 changed.");
  await step.getByRole("button", { name: "Merge", exact: true }).click();
  await owner.page.locator(".notice", { hasText: "Merged the returned copy" }).waitFor();
  const merged = await storedPlan(owner.page);
  assert.equal(goal(merged, GROW).target, 555);
  assert.equal(goal(merged, CUT).target, 4);
  assert.deepEqual(owner.problems, []);
  await owner.context.close();
  await reviewer.context.close();
});

test("a field both changed shows yours, theirs and the original, and the choice is kept", async () => {
  const { owner, reviewer } = await ownerAndReviewer();
  const original = goal(await storedPlan(owner.page), GROW).target;
  await setTarget(reviewer.page, GROW, 300);
  const returned = await exportFile(reviewer.page, SAMPLE);
  await setTarget(owner.page, GROW, 250);

  const step = await mergeFile(owner.page, returned);
  const conflict = step.getByRole("group", { name: `Goals › “${GROW}” › Target` });
  await conflict.waitFor();
  assert.equal(await step.getByTestId("merge-conflict").count(), 1);
  const yours = conflict.getByRole("radio", { name: "Yours: 250" });
  const theirs = conflict.getByRole("radio", { name: "Theirs: 300" });
  const originalChoice = conflict.getByRole("radio", { name: `Original: ${original}` });
  assert.equal(await yours.isChecked(), true, "yours is chosen until the user chooses");
  await originalChoice.waitFor();
  // Keyboard: the arrow keys move the choice within the group.
  await yours.focus();
  await owner.page.keyboard.press("ArrowDown");
  assert.equal(await theirs.isChecked(), true);
  // The README's picture (tests/e2e/screenshots/merge.png) is a copy of this one.
  await mkdir("test-results", { recursive: true });
  await step.screenshot({ path: "test-results/merge-1280.png" });
  await owner.page.setViewportSize({ width: 390, height: 844 });
  assert.ok(
    await step.evaluate((el) => el.scrollWidth <= el.clientWidth + 1),
    "the merge step fits 390 px without scrolling sideways",
  );
  await step.screenshot({ path: "test-results/merge-390.png" });
  assert.deepEqual(await axeViolations(owner.page, "[data-testid=merge-step]"), []);
  await step.getByRole("button", { name: "Merge with these choices" }).click();
  await owner.page.locator(".notice", { hasText: "Merged the returned copy" }).waitFor();
  assert.equal(goal(await storedPlan(owner.page), GROW).target, 300);
  assert.deepEqual(owner.problems, []);
  await owner.context.close();
  await reviewer.context.close();
});

test("a goal deleted on one side and changed on the other is a conflict", async () => {
  const { owner, reviewer } = await ownerAndReviewer();
  await removeGoal(reviewer.page, CUT);
  const returned = await exportFile(reviewer.page, SAMPLE);
  await setTarget(owner.page, CUT, 2);

  const step = await mergeFile(owner.page, returned);
  const conflict = step.getByRole("group", { name: `Goals › “${CUT}” › The whole record` });
  await conflict.waitFor();
  assert.match(await conflict.innerText(), /One side deleted this record; the other changed it, or refers to it\./);
  await conflict.getByRole("radio", { name: "Theirs: Deleted" }).waitFor();
  // Yours stands: the goal stays, with the owner's target.
  await step.getByRole("button", { name: "Merge with these choices" }).click();
  await owner.page.locator(".notice", { hasText: "Merged the returned copy" }).waitFor();
  assert.equal(goal(await storedPlan(owner.page), CUT).target, 2);
  assert.deepEqual(owner.problems, []);
  await owner.context.close();
  await reviewer.context.close();
});
