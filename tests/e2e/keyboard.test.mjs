// Touches dates: a goal's baseline date and deadline are typed relative to today.
// Keyboard-only flows on the release build: create and rename a plan, build a SMART goal,
// export a plan, import a plan file. Every action goes through page.keyboard (Tab, Shift+Tab,
// Enter, Space, arrows, Escape, typing); locators are used only to read and assert. At each
// step the focused control must show a visible focus indicator.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, serve, newSession, open, cspViolations, heading1, testDay } from "./harness.mjs";

let browser, server, scratch;
before(async () => {
  browser = await launch();
  server = await serve();
  scratch = await mkdtemp(join(tmpdir(), "trellis-keyboard-"));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const isFocused = (locator) => locator.evaluateAll((els) => els.includes(document.activeElement));

/** What has focus, for failure messages. */
async function describeFocus(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "(nothing: the page body)";
    const name = el.getAttribute("aria-label") ?? el.labels?.[0]?.textContent ?? el.textContent;
    return `<${el.tagName.toLowerCase()}> “${(name ?? "").trim().slice(0, 60)}”`;
  });
}

/**
 * Presses Tab (or Shift+Tab with `back`) until `target` (a locator, read only) has focus.
 * Fails with what had focus when it is not reached within `max` presses.
 */
async function tabTo(page, target, { back = false, max = 60 } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    seen.push(await describeFocus(page));
  }
  if (await isFocused(target)) return;
  assert.fail(`${target} not reached with ${max} × ${back ? "Shift+Tab" : "Tab"}; focus went: ${seen.slice(-8).join(" → ")}`);
}

/** The focused element draws a visible focus indicator (outline or ring), matched by :focus-visible. */
async function assertFocusVisible(page, where) {
  const style = await page.evaluate(() => {
    const el = document.activeElement;
    const css = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      focusVisible: el.matches(":focus-visible"),
      outline: `${css.outlineStyle} ${css.outlineWidth}`,
      shadow: css.boxShadow,
    };
  });
  const outlined = !style.outline.startsWith("none") && !style.outline.endsWith(" 0px");
  assert.ok(style.tag !== "body", `${where}: something has focus`);
  assert.ok(style.focusVisible, `${where}: :focus-visible matches (${JSON.stringify(style)})`);
  assert.ok(outlined || style.shadow !== "none", `${where}: focus is visible (${JSON.stringify(style)})`);
}

/** Types a date into a focused <input type=date>, segment by segment, in the browser's order. */
async function typeDate(page, iso) {
  const [year, month, day] = iso.split("-");
  const order = await page.evaluate(() =>
    new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2027, 0, 31)).map((p) => p.type).filter((t) => t !== "literal"),
  );
  for (const part of order) await page.keyboard.type({ year, month, day }[part]);
}


async function goTo(page, tool, heading) {
  await tabTo(page, page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: tool }));
  await assertFocusVisible(page, `the ${tool} link`);
  await page.keyboard.press("Enter");
  await heading1(page, heading);
}

/**
 * A blank plan named `name`, made with the keyboard: in the New plan form, or (a first visitor,
 * who sees only the welcome, issue 31) with "Start a blank plan" and the name field the page
 * then offers.
 */
async function createPlan(page, name) {
  const start = page.getByTestId("welcome").getByRole("button", { name: "Start a blank plan" });
  await start.or(page.getByLabel("Name", { exact: true })).first().waitFor();
  if (await start.isVisible()) {
    await tabTo(page, start);
    await page.keyboard.press("Enter");
    await tabTo(page, page.getByLabel("Name this plan"));
  } else {
    await tabTo(page, page.getByLabel("Name", { exact: true }));
  }
  await page.keyboard.type(name);
  await page.keyboard.press("Enter");
  await page.locator(".plan-item .plan-name", { hasText: name }).waitFor();
}

test("keyboard only: start a blank plan, then rename it (Escape cancels a rename)", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  // The skip link comes first and is visible when focused; it moves focus past the header.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  assert.ok(await isFocused(skip));
  await assertFocusVisible(page, "skip link");
  assert.ok(await skip.isVisible(), "the skip link shows when focused");
  await page.keyboard.press("Enter");

  await tabTo(page, page.getByRole("button", { name: "Start a blank plan" }));
  await assertFocusVisible(page, "Start a blank plan");
  await page.keyboard.press("Space");
  await page.locator(".plan-item .plan-name", { hasText: "My community plan" }).waitFor();
  await page.getByTestId("save-status").filter({ hasText: /^Saved$/ }).waitFor();

  // Rename, then change our mind with Escape: the name is kept.
  const renameButton = page.getByRole("button", { name: "Rename My community plan" });
  await tabTo(page, renameButton);
  await assertFocusVisible(page, "Rename button");
  await page.keyboard.press("Enter");
  const input = page.getByLabel("New name");
  await input.waitFor();
  // The field takes the focus on the next frame (a person never types sooner); fails if it never does.
  await page.waitForFunction(() => document.activeElement?.id?.startsWith("rename-"));
  assert.ok(await isFocused(input), "the name field has focus when renaming starts");
  await assertFocusVisible(page, "rename field");
  await page.keyboard.type("Not this one");
  await page.keyboard.press("Escape");
  await input.waitFor({ state: "detached" });
  assert.deepEqual(await page.locator(".plan-item .plan-name").allInnerTexts(), ["My community plan"]);

  // Rename for real: select the old name with the keyboard, type over it.
  await tabTo(page, renameButton, { back: true });
  await page.keyboard.press("Enter");
  await input.waitFor();
  // The field takes the focus on the next frame (a person never types sooner); fails if it never does.
  await page.waitForFunction(() => document.activeElement?.id?.startsWith("rename-"));
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Keyboard-only plan");
  await page.keyboard.press("Enter");
  await page.locator(".plan-item .plan-name", { hasText: /^Keyboard-only plan$/ }).waitFor();
  await page.locator(".current-plan", { hasText: "Keyboard-only plan" }).waitFor();
  await page.getByTestId("save-status").filter({ hasText: /^Saved$/ }).waitFor();
  // Tab carries on from the renamed plan's row, not from the top of the page.
  await tabTo(page, page.getByRole("button", { name: "Duplicate Keyboard-only plan" }), { max: 10 });

  await page.reload();
  await page.locator(".plan-item .plan-name", { hasText: "Keyboard-only plan" }).waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("keyboard only: build a SMART goal on the Goals page and read its statement", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  await createPlan(page, "SMART by keyboard");
  await goTo(page, "Goals", "Goals");

  // An objective, typed and submitted with Enter.
  await tabTo(page, page.getByLabel("Objective", { exact: true }));
  await assertFocusVisible(page, "Objective field");
  await page.keyboard.type("Build the infrastructure for sustainable community growth");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 2, name: "Build the infrastructure for sustainable community growth" }).waitFor();

  // A goal from a template, picked in the select with the arrow keys.
  const startFrom = page.getByLabel("Start a new goal from");
  await tabTo(page, startFrom);
  await assertFocusVisible(page, "Start a new goal from");
  await page.keyboard.press("ArrowDown");
  assert.notEqual(await startFrom.inputValue(), "blank", "ArrowDown picks the next start");
  await page.keyboard.press("ArrowUp");
  assert.equal(await startFrom.inputValue(), "blank");
  await tabTo(page, page.getByRole("button", { name: "Add goal" }), { max: 3 });
  await assertFocusVisible(page, "Add goal");
  await page.keyboard.press("Enter");
  await heading1(page, "Untitled goal");
  // The new goal opens with its title field focused: that is what one writes next.
  await page.waitForFunction(() => document.activeElement?.labels?.[0]?.textContent === "Title");
  await assertFocusVisible(page, "the new goal's Title");

  const fill = async (label, text, exact = true) => {
    const field = page.getByLabel(label, { exact });
    await tabTo(page, field);
    await assertFocusVisible(page, label);
    await page.keyboard.type(text);
    return field;
  };
  await fill("Title", "Grow monthly active contributors");
  await heading1(page, "Grow monthly active contributors");
  await fill("Objective statement", "grow monthly active contributors");
  await fill("Metric name", "monthly active contributors");
  await fill("Unit", "contributors");
  await fill("Baseline value", "120");
  const baselineDate = page.getByLabel("Baseline date");
  await tabTo(page, baselineDate);
  await assertFocusVisible(page, "Baseline date");
  await typeDate(page, testDay(-60));
  await fill("Target value", "180");
  const deadline = page.getByLabel("Deadline", { exact: true });
  await tabTo(page, deadline);
  await typeDate(page, testDay(274));
  await fill("New key player", "The community team");
  await page.keyboard.press("Enter");
  await page.getByLabel("Name of key player The community team").waitFor();
  await fill("New step", "labelling 40 good first issues");
  await page.keyboard.press("Enter");
  await page.getByLabel("Step 1", { exact: true }).waitFor();
  await fill("Accomplishing this goal will…", "spread maintenance across more people");

  assert.equal(await baselineDate.inputValue(), testDay(-60));
  assert.equal(await deadline.inputValue(), testDay(274));
  const statement = page.getByTestId("statement");
  await page.getByTestId("smart-check").getByText("All five criteria pass.").waitFor();
  assert.equal(await statement.locator(".missing").count(), 0);
  assert.match(
    await statement.textContent(),
    /^Our goal is to grow monthly active contributors from 120 to 180 contributors by \d+ \w+ \d{4}\. The community team will accomplish this goal by labelling 40 good first issues\. Accomplishing this goal will spread maintenance across more people\.$/,
  );

  // Back to the overview by keyboard: the goal is listed under its objective.
  await tabTo(page, page.getByRole("link", { name: "← All goals" }), { back: true });
  await assertFocusVisible(page, "← All goals");
  await page.keyboard.press("Enter");
  await page.getByTestId("goal-row").waitFor();
  assert.match(await page.getByTestId("goal-row").innerText(), /Grow monthly active contributors[\s\S]*SMART 5\/5/);
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("keyboard only: export a plan as a file", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  await tabTo(page, page.getByRole("button", { name: "Start with the sample plan" }));
  await page.keyboard.press("Enter");
  const SAMPLE = "Sample: Developer forum relaunch";
  await page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  await createPlan(page, "Exported by keyboard");
  // Give the new plan a goal, by keyboard, so the file has something of ours in it.
  await goTo(page, "Goals", "Goals");
  await tabTo(page, page.getByLabel("Objective", { exact: true }));
  await page.keyboard.type("Keyboard objective");
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: "Add goal" }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByLabel("Title", { exact: true }));
  await page.keyboard.type("Keyboard goal");
  await heading1(page, "Keyboard goal");

  await goTo(page, "Plans", "Plans");
  const exportButton = page.getByRole("button", { name: "Export Exported by keyboard" });
  await tabTo(page, exportButton);
  await assertFocusVisible(page, "Export button");
  // Enter opens the step that asks what leaves; its first button downloads.
  await page.keyboard.press("Enter");
  const step = page.getByTestId("share-step");
  await step.waitFor();
  // Focus moves into the step, on its action.
  await page.waitForFunction(() => document.activeElement?.textContent === "Download the file");
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  await step.waitFor({ state: "detached" });
  assert.equal(download.suggestedFilename(), "Exported by keyboard.trellis.json");
  const doc = JSON.parse(await readFile(await download.path(), "utf8"));
  assert.equal(doc.format, "trellis-plan");
  assert.equal(doc.name, "Exported by keyboard");
  assert.deepEqual(doc.goals.objectives.map((o) => o.title), ["Keyboard objective"]);
  assert.deepEqual(doc.goals.goals.map((g) => g.title), ["Keyboard goal"]);
  // The step closes and focus goes back to the Export button that opened it.
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Export Exported by keyboard");
  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * Keeps Playwright intercepting file choosers on `page` for good. Interception is switched
 * on and off as `filechooser` listeners come and go; a key press landing while it is off
 * opens a real dialog, which headless Chromium never closes, and no later chooser opens.
 * Called as a test starts, long before its first key press.
 */
const intercepting = new WeakSet();
function interceptFileChoosers(page) {
  if (intercepting.has(page)) return;
  intercepting.add(page);
  page.on("filechooser", () => {});
}

/** Presses `key` on the focused file input; the browser's file dialog opens and gets `path`. */
async function chooseFileWith(page, key, path) {
  interceptFileChoosers(page);
  const chooser = page.waitForEvent("filechooser", { timeout: 10_000 }).catch(() => null);
  await page.keyboard.press(key);
  const dialog = await chooser;
  assert.ok(dialog, `${key} on ${await describeFocus(page)} opened no file dialog`);
  await dialog.setFiles(path);
}

test("keyboard only: import a plan file, and answer the duplicate question", async () => {
  const { context, page, problems } = await newSession(browser);
  interceptFileChoosers(page);
  const path = join(scratch, "shared.trellis.json");
  await writeFile(path, await readFile(new URL("../fixtures/valid_minimal.json", import.meta.url)));
  await open(page, server);

  // A first visitor reaches import through the welcome's file button (issue 31).
  await tabTo(page, page.getByRole("button", { name: "Open a plan file or a backup" }));
  await page.keyboard.press("Enter");
  const picker = page.getByLabel("Plan file");
  await tabTo(page, picker);
  await assertFocusVisible(page, "Plan file");
  await chooseFileWith(page, "Space", path);
  await page.locator(".plan-item .plan-name", { hasText: "Forum relaunch 2027" }).waitFor();
  await page.locator(".notice", { hasText: "Imported “Forum relaunch 2027”." }).waitFor();

  // The same file again: the question takes focus on its first choice; Escape is not needed,
  // the choices are plain buttons reached with Tab.
  await tabTo(page, picker, { back: true });
  await chooseFileWith(page, "Enter", path);
  const question = page.getByRole("alertdialog");
  await question.waitFor();
  assert.match(await question.innerText(), /You already have the plan “Forum relaunch 2027”/);
  assert.ok(await isFocused(page.getByRole("button", { name: "Keep both" })), "focus moves to Keep both");
  await assertFocusVisible(page, "Keep both");
  await page.keyboard.press("Enter");
  await page.locator(".plan-item .plan-name", { hasText: "Forum relaunch 2027 (imported)" }).waitFor();
  assert.deepEqual(await page.locator(".plan-item .plan-name").allInnerTexts(), ["Forum relaunch 2027", "Forum relaunch 2027 (imported)"]);
  await page.getByTestId("save-status").filter({ hasText: /^Saved$/ }).waitFor();
  await page.reload();
  await page.locator(".plan-item .plan-name", { hasText: "(imported)" }).waitFor();
  assert.equal(await page.locator(".plan-item").count(), 2);
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("keyboard only: the Goals page's confirmations take focus and give it back", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  await tabTo(page, page.getByRole("button", { name: "Start with the sample plan" }));
  await page.keyboard.press("Enter");
  await page.locator(".plan-item").first().waitFor();
  await goTo(page, "Goals", "Goals");
  const O = "Build the infrastructure for sustainable community growth";

  // Edit an objective (title, description, owner, sponsor, business goal): focus goes into its title field; Escape closes and returns focus.
  await tabTo(page, page.getByRole("button", { name: `Edit objective “${O}”` }));
  await assertFocusVisible(page, "Edit objective");
  await page.keyboard.press("Enter");
  const titleField = page.getByLabel("Objective title");
  await titleField.waitFor();
  await page.waitForFunction(() => document.activeElement?.labels?.[0]?.textContent === "Objective title");
  await page.keyboard.press("End");
  await page.keyboard.type(" at last");
  await page.keyboard.press("Escape");
  await titleField.waitFor({ state: "detached" });
  const renamed = page.getByRole("button", { name: `Edit objective “${O} at last”` });
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label")?.startsWith("Edit objective"));
  assert.ok(await isFocused(renamed), "focus is back on the objective's Edit button");
  await assertFocusVisible(page, "Edit objective, after Escape");

  // Remove it: focus goes to the safe choice; Escape keeps it and returns focus.
  const removeButton = page.getByRole("button", { name: `Remove objective “${O} at last”` });
  await tabTo(page, removeButton, { max: 3 });
  await page.keyboard.press("Enter");
  const keep = page.getByRole("button", { name: "Keep it" });
  await keep.waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent === "Keep it");
  await assertFocusVisible(page, "Keep it");
  await page.keyboard.press("Escape");
  await keep.waitFor({ state: "detached" });
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label")?.startsWith("Remove objective"));
  assert.ok(await isFocused(removeButton));
  // Enter on "Keep it" does the same.
  await page.keyboard.press("Enter");
  await keep.waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent === "Keep it");
  await page.keyboard.press("Enter");
  await keep.waitFor({ state: "detached" });
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label")?.startsWith("Remove objective"));
  assert.equal(await page.getByTestId("objective").count(), 2, "nothing was removed");

  // A goal's Remove, likewise.
  await tabTo(page, page.getByRole("link", { name: "Grow monthly active contributors" }));
  await page.keyboard.press("Enter");
  await heading1(page, "Grow monthly active contributors");
  const removeGoal = page.getByRole("button", { name: "Remove goal…" });
  // The editor is long: its "Jump to…" index takes the keyboard straight to the section.
  await tabTo(page, page.locator(".jump-to summary"), { max: 15 });
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("link", { name: "Remove this goal" }), { max: 20 });
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "remove-title");
  await tabTo(page, removeGoal, { max: 5 });
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.textContent === "Keep it");
  await assertFocusVisible(page, "Keep it (goal)");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.textContent === "Remove goal…");
  assert.ok(await isFocused(removeGoal));
  assert.deepEqual(problems, []);
  await context.close();
});

// The Plans page's inline forms replace the markup that had focus; focus must come back to the
// button that opened them (rename saved or cancelled, "Keep it" on a delete, the import
// question answered), and the rename field starts with the old name selected.
test("keyboard only: the Plans page's inline forms give focus back", async () => {
  const { context, page } = await newSession(browser);
  interceptFileChoosers(page);
  await open(page, server);
  await createPlan(page, "Focus plan");
  const rename = page.getByRole("button", { name: "Rename Focus plan" });
  await tabTo(page, rename);
  await page.keyboard.press("Enter");
  await page.getByLabel("New name").waitFor();
  // Focus and selection arrive on the next frame; this fails if they never do.
  await page.waitForFunction(() => document.activeElement?.tagName === "INPUT" && document.activeElement.selectionEnd > 0);
  assert.deepEqual(
    await page.evaluate(() => [document.activeElement.selectionStart, document.activeElement.selectionEnd]),
    [0, "Focus plan".length],
    "the old name is selected",
  );
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Rename Focus plan");
  await page.keyboard.press("Enter");
  // The field takes focus (with the old name selected) on the next frame: type once it has.
  await page.waitForFunction(() => document.activeElement?.tagName === "INPUT" && document.activeElement.selectionEnd > 0);
  await page.keyboard.type("Focus plan 2");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Rename Focus plan 2");
  await tabTo(page, page.getByRole("button", { name: "Delete Focus plan 2" }));
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.textContent === "Keep it");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Delete Focus plan 2");
  // The import question gives focus back to the file picker once answered.
  const path = join(scratch, "focus.trellis.json");
  await writeFile(path, await readFile(new URL("../fixtures/valid_minimal.json", import.meta.url)));
  const picker = page.getByLabel("Plan file");
  await tabTo(page, picker);
  await chooseFileWith(page, "Space", path);
  await page.locator(".plan-item .plan-name", { hasText: "Forum relaunch 2027" }).waitFor();
  await tabTo(page, picker);
  await chooseFileWith(page, "Space", path);
  await page.getByRole("alertdialog").waitFor();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "import-file");
  await context.close();
});
