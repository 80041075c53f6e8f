// Touches dates: snapshots and the gap are dated from today.
// The Commitment-curve tool on the release build: building a curve as a user would,
// dragging and nudging points, conversions and the bottleneck, goals from gaps, exports
// and persistence across a reload.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { launch, serve, newSession, open, cspViolations, storedData, heading1, showEverything } from "./harness.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function startPlan(page, sample = false) {
  await open(page, server);
  await page
    .getByRole("button", { name: sample ? "Start with the sample plan" : "Start a blank plan" })
    .click();
  await page.locator(".plan-item").first().waitFor();
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Commitment curve" }).click();
  await heading1(page, "Commitment curve");
  // The curve shows its core first (issue 31); these tests work in every section.
  if (sample) await showEverything(page);
}

const editor = (page) => page.getByTestId("stage-editor");

async function fillStage(page, name, level, now, target) {
  const ed = editor(page);
  await ed.getByLabel("Name", { exact: true }).fill(name);
  await ed.getByLabel("Commitment level (0–100)").fill(String(level));
  await ed.getByLabel("Members now").fill(String(now));
  await ed.getByLabel("Target members").fill(String(target));
}

async function tableRows(page) {
  return page.getByTestId("stage-table").locator("tbody tr").allInnerTexts();
}

test("a user builds a four-stage curve, drags and nudges points, sees the bottleneck move, makes a goal from a gap, exports SVG, and it all survives a reload", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page);
  // The empty curve offers templates with their sources, and a blank start.
  const start = page.getByTestId("curve-start");
  await start.getByText("Source:").first().waitFor();
  await start.getByRole("button", { name: "Start blank" }).click();
  await showEverything(page);

  await fillStage(page, "Aware", 10, 1000, 2000);
  for (const [name, level, now, target] of [
    ["Member", 40, 200, 400],
    ["Belong", 70, 20, 100],
    ["Lead", 95, 10, 10],
  ]) {
    await page.getByRole("button", { name: "Add stage" }).click();
    await editor(page).getByRole("heading", { name: "Edit stage: New stage" }).waitFor();
    await fillStage(page, name, level, now, target);
  }
  const rows = await tableRows(page);
  assert.equal(rows.length, 4);
  assert.match(rows[1], /Member\s+40\s+200\s+400/);
  assert.equal(await page.getByRole("slider").count(), 4);

  // Conversions and the bottleneck: Member → Belong converts 10%.
  const conv = page.getByTestId("conversion-table");
  await conv.getByRole("row", { name: /Member → Belong/ }).getByText("Bottleneck").first().waitFor();
  assert.match(await page.getByTestId("bottleneck").innerText(), /Member → Belong\. Belong holds 10\.0% as many members as Member \(20 against 200\): a ratio of the counts at the two stages today, not a share of members seen moving on\./);
  assert.match(await conv.innerText(), /Aware → Member\s+20\.0%/);
  // More members at Belong moves the bottleneck to Belong → Lead.
  await page.getByRole("button", { name: "Belong", exact: true }).click();
  await editor(page).getByLabel("Members now").fill("150");
  await conv.getByRole("row", { name: /Belong → Lead/ }).getByText("Bottleneck").first().waitFor();
  assert.match(await page.getByTestId("bottleneck").innerText(), /Belong → Lead/);
  assert.match(await conv.innerText(), /Member → Belong\s+75\.0%/);

  // Dragging a point up raises its commitment level.
  const member = page.getByRole("slider", { name: "Commitment level of Member" });
  assert.equal(await member.getAttribute("aria-valuenow"), "40");
  await member.scrollIntoViewIfNeeded();
  const box = await member.boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx, cy - 30, { steps: 5 });
  await page.mouse.move(cx, cy - 60, { steps: 5 });
  await page.mouse.up();
  const dragged = Number(await member.getAttribute("aria-valuenow"));
  assert.ok(dragged > 50, `dragged level ${dragged} should be well above 40`);
  // The editor follows the drawing: the dragged stage is selected and shows the level.
  await editor(page).getByRole("heading", { name: "Edit stage: Member" }).waitFor();
  assert.equal(await editor(page).getByLabel("Commitment level (0–100)").inputValue(), String(dragged));

  // Arrow keys nudge the focused point.
  await member.focus();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  assert.equal(await member.getAttribute("aria-valuenow"), String(dragged + 2));
  await page.keyboard.press("End");
  assert.equal(await member.getAttribute("aria-valuenow"), "100");
  await page.keyboard.press("PageDown");
  assert.equal(await member.getAttribute("aria-valuenow"), "90");

  // Reorder with the keyboard: move Lead earlier, then back.
  await page.getByRole("button", { name: "Move “Lead” earlier" }).click();
  assert.match((await tableRows(page))[2], /Lead/);
  await page.waitForTimeout(100);
  await page.keyboard.press("Enter"); // focus stays on the moved row's button
  assert.match((await tableRows(page))[1], /Lead/);
  await page.getByRole("button", { name: "Move “Lead” later" }).click();
  await page.getByRole("button", { name: "Move “Lead” later" }).click();
  assert.match((await tableRows(page))[3], /Lead/);

  // Warnings: no touch points yet, so every transition is flagged.
  const warnings = page.getByTestId("curve-warnings");
  assert.equal(await warnings.getAttribute("role"), "status");
  assert.match(await warnings.innerText(), /Nothing moves members from “Aware” to “Member”/);

  // A goal from Member's gap, then back to the curve.
  await page
    .getByTestId("gap-table")
    .getByRole("row", { name: /Member/ })
    .getByRole("button", { name: "Create goal for Member" })
    .click();
  await page.waitForURL(/\/goals\?goal=g\d+/);
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Commitment curve" }).click();
  await heading1(page, "Commitment curve");

  // The drawing exports as SVG with the four stages.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download drawing (SVG)" }).click(),
  ]);
  const svg = await readFile(await download.path(), "utf8");
  for (const name of ["Aware", "Member", "Belong", "Lead"]) assert.ok(svg.includes(`>${name}</text>`), name);

  assert.deepEqual(problems, []);
  await page.waitForTimeout(700); // the debounced save
  await page.reload();
  await heading1(page, "Commitment curve");
  const after = await tableRows(page);
  assert.equal(after.length, 4);
  assert.match(after[0], /Aware\s+10\s+1000\s+2000/);
  assert.match(after[1], /Member\s+90\s+200\s+400/);
  assert.match(after[2], /Belong\s+70\s+150\s+100/);
  assert.match(after[3], /Lead\s+95\s+10\s+10/);
  assert.equal(
    await page.getByRole("slider", { name: "Commitment level of Member" }).getAttribute("aria-valuenow"),
    "90",
  );
  // The goal made from the gap is still linked to its stage.
  await page.getByRole("button", { name: "Member", exact: true }).click();
  await editor(page).getByTestId("linked-goals").getByRole("link", { name: /Grow “Member” from 200 to 400/ }).waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("a gap becomes a goal linked to its stage, and the drawing exports as SVG", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page);
  await page.getByTestId("curve-start").getByRole("button", { name: "Start blank" }).click();
  await showEverything(page);
  await fillStage(page, "Newcomer", 20, 300, 600);
  await page.getByRole("button", { name: "Add stage" }).click();
  await editor(page).getByRole("heading", { name: "Edit stage: New stage" }).waitFor();
  await fillStage(page, "Regular", 60, 40, 90);

  // The gap table shows the gap and flags it: no touch point leads into Regular.
  const gap = page.getByTestId("gap-table");
  const regular = gap.getByRole("row", { name: /Regular/ });
  assert.match(await regular.innerText(), /Regular\s+40\s+90\s+50\s+55\.6%/);
  await regular.getByText("Gap without a touch point").waitFor();

  // A touch point into Regular clears the flag.
  await page.getByRole("button", { name: "Newcomer", exact: true }).click();
  await page.getByRole("button", { name: "Add touch point" }).click();
  await page.getByLabel("Name", { exact: true }).nth(1).fill("First-post welcome");
  await gap.getByRole("row", { name: /Regular/ }).getByText("First-post welcome").waitFor();
  assert.equal(await regular.getByText("Gap without a touch point").count(), 0);

  // Export the drawing as SVG.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download drawing (SVG)" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.svg$/);
  const svg = await readFile(await download.path(), "utf8");
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, />Regular<\/text>/);
  assert.match(svg, />40 members<\/text>/);

  // Create a goal from the gap: it lands on /goals with the new goal.
  await regular.getByRole("button", { name: "Create goal for Regular" }).click();
  await page.waitForURL(/\/goals\?goal=g\d+/);
  const goalId = new URL(page.url()).searchParams.get("goal");
  await page.waitForTimeout(700);
  const stored = Object.values(await storedData(page)).find((v) => v.includes(goalId) && v.includes("Regular"));
  assert.ok(stored, "the plan with the new goal is stored");
  const doc = JSON.parse(stored);
  const plan = doc.plan ?? doc;
  const goal = plan.goals.goals.find((g) => g.id === goalId);
  const stage = plan.curve.stages.find((s) => s.name === "Regular");
  assert.equal(goal.stage_id, stage.id);
  assert.equal(goal.baseline, 40);
  assert.equal(goal.target, 90);
  assert.match(goal.metric.name, /Regular/);

  // The stage shows its linked goal.
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Commitment curve" }).click();
  await page.getByRole("button", { name: "Regular", exact: true }).click();
  await editor(page).getByTestId("linked-goals").getByRole("link", { name: /Grow “Regular” from 40 to 90/ }).waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("the sample plan renders the drawing, the gap table and the checks", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, true);
  await page.getByTestId("curve-svg").waitFor();
  assert.equal(await page.getByRole("slider").count(), 4);
  assert.ok((await page.locator(".curve-svg .touch-marker").count()) > 0, "touch points are drawn");
  assert.ok((await page.getByTestId("curve-svg").locator("path.curve-line").getAttribute("d")).startsWith("M"));
  const gapRows = await page.getByTestId("gap-table").locator("tbody tr").count();
  assert.equal(gapRows, 4);
  await page.getByTestId("curve-source").waitFor();
  await page.getByTestId("curve-warnings").waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("pasted CSV with mistakes names each bad line and imports nothing; good CSV adds snapshots and gravity", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, true);
  const names = await page.getByTestId("stage-table").locator("tbody tr td:nth-child(2)").allInnerTexts();
  await page.getByText("Paste counts as CSV").click();
  const box = page.getByLabel("CSV (from a spreadsheet or a file)");
  await box.fill(`date,${names.join(",")}\n2026-01-31,1,2,3,4\nnot-a-date,1,2,3,4\n2026-02-28,1,x,3,4`);
  await page.getByRole("button", { name: "Import snapshots" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
  await alert.waitFor();
  assert.match(await alert.innerText(), /Line 3/);
  assert.match(await alert.innerText(), /Line 4/);
  const before = await page.getByTestId("snapshot-table").locator("tbody tr").count().catch(() => 0);

  await box.fill(`date,${names.join(",")}\n2019-01-31,900,90,9,1\n2019-02-28,950,120,15,3`);
  await page.getByRole("button", { name: "Import snapshots" }).click();
  await page.getByText("Imported 2 snapshot(s).").waitFor();
  assert.equal(await page.getByTestId("snapshot-table").locator("tbody tr").count(), before + 2);
  await page.getByTestId("gravity-table").getByRole("row", { name: /2019-01-31 → 2019-02-28/ }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("starting over from a template asks first, and Undo brings the old curve back", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, true);
  const first = (await tableRows(page))[0];
  await page.getByText("Start over from a model or distribution").click();
  await page.getByRole("button", { name: /^Use Apache/ }).click();
  await page.getByRole("button", { name: "Replace the curve" }).waitFor();
  await page.getByRole("button", { name: "Keep the current curve" }).click();
  assert.equal((await tableRows(page))[0], first);
  await page.getByRole("button", { name: /^Use Apache/ }).click();
  await page.getByRole("button", { name: "Replace the curve" }).click();
  await page.getByTestId("curve-source").getByText(/Apache/).waitFor();
  assert.notEqual((await tableRows(page))[0], first);
  await page.getByRole("button", { name: "Undo", exact: true }).first().click();
  await page.waitForFunction(
    (text) => document.querySelector('[data-testid="stage-table"] tbody tr')?.innerText === text,
    first,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

// --- Reordering by drag, typed snapshots, editing problem areas, PNG export, keyboard only.

/** Stage names in the order the drawing places them (left to right). */
async function drawingOrder(page) {
  return page.getByTestId("curve-svg").evaluate((svg) =>
    [...svg.querySelectorAll("text.stage-label")]
      .map((t) => [Number(t.getAttribute("x")), t.textContent])
      .sort((a, b) => a[0] - b[0])
      .map(([, name]) => name),
  );
}

const stageNames = (page) =>
  page.getByTestId("stage-table").locator("tbody tr td:nth-child(2)").allInnerTexts();
const touchPointNames = (page) => page.locator(".touch-point-list .tp-name").allInnerTexts();

/** Waits until the stage table lists these names in this order. */
async function waitForStages(page, names) {
  await page.waitForFunction(
    (want) =>
      [...document.querySelectorAll('[data-testid="stage-table"] tbody tr td:nth-child(2)')]
        .map((td) => td.innerText)
        .join("|") === want,
    names.join("|"),
  );
}

test("stages and touch points reorder by dragging, one undo step per drop, and the order survives a reload", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, true);
  const start = await stageNames(page);
  assert.equal(start.length, 4);
  assert.deepEqual(await drawingOrder(page), start);

  // Drag the first stage onto the third row: it takes that place.
  const rows = page.getByTestId("stage-table").locator("tbody tr");
  const handles = page.getByTestId("stage-drag-handle");
  assert.ok(await handles.first().isVisible(), "the drag handle is visible");
  await handles.nth(0).dragTo(rows.nth(2));
  const moved = [start[1], start[2], start[0], start[3]];
  await waitForStages(page, moved);
  assert.deepEqual(await drawingOrder(page), moved);
  await page.getByText(`Moved stage “${start[0]}” to position 3 of 4.`).waitFor();
  // The dragged stage is the one selected in the editor.
  await editor(page).getByRole("heading", { name: `Edit stage: ${start[0]}` }).waitFor();

  // Drag the last one up to the top, then undo only that drop.
  await handles.nth(3).dragTo(rows.nth(0));
  const moved2 = [start[3], ...moved.slice(0, 3)];
  await waitForStages(page, moved2);
  await page.getByRole("button", { name: "Undo", exact: true }).first().click();
  await waitForStages(page, moved);
  assert.deepEqual(await drawingOrder(page), moved);

  // Touch points: drag the first onto the last.
  const tps = await touchPointNames(page);
  assert.ok(tps.length >= 2, "the sample has touch points");
  const items = page.locator(".touch-point-list > li");
  await page.getByTestId("touch-point-drag-handle").first().dragTo(items.last());
  const tpMoved = [...tps.slice(1), tps[0]];
  await page.getByText(`Moved touch point “${tps[0]}” to position ${tps.length} of ${tps.length}.`).waitFor();
  assert.deepEqual(await touchPointNames(page), tpMoved);

  await page.waitForTimeout(700); // the debounced save
  await page.reload();
  await heading1(page, "Commitment curve");
  assert.deepEqual(await stageNames(page), moved);
  assert.deepEqual(await drawingOrder(page), moved);
  assert.deepEqual(await touchPointNames(page), tpMoved);
  assert.deepEqual(problems, []);
  await context.close();
});

test("counts typed for a date land in the snapshot table, the charts and gravity; a missing date or a negative count is refused", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, true);
  const names = await stageNames(page);
  const form = page.getByRole("form", { name: "Type counts for a date" });
  const table = page.getByTestId("snapshot-table");
  const before = await table.locator("tbody tr").count();

  await form.getByLabel("Date of the counts").fill("");
  await form.getByLabel(names[0], { exact: true }).fill("5");
  await form.getByRole("button", { name: "Save these counts" }).click();
  const alert = form.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), /Choose the date/);
  // A negative count is refused (the field says min 0; Trellis says why): nothing is saved.
  await form.getByLabel("Date of the counts").fill("2019-01-31");
  await form.getByLabel(names[0], { exact: true }).fill("-5");
  await form.getByRole("button", { name: "Save these counts" }).click();
  assert.equal(await form.getByLabel(names[0], { exact: true }).evaluate((el) => el.validity.rangeUnderflow), true);
  await alert.getByText(`${names[0]}: a count cannot be negative.`).waitFor();
  assert.equal(await table.locator("tbody tr").count(), before);

  const type = async (date, counts) => {
    await form.getByLabel("Date of the counts").fill(date);
    for (const [i, n] of counts.entries()) await form.getByLabel(names[i], { exact: true }).fill(String(n));
    await form.getByRole("button", { name: "Save these counts" }).click();
    await form.getByRole("status").getByText(`Saved the counts of ${date}.`).waitFor();
  };
  await type("2019-01-31", [900, 90, 9, 1]);
  assert.equal(await alert.count(), 0, "the error went away");
  // The fields are cleared for the next date.
  assert.equal(await form.getByLabel(names[1], { exact: true }).inputValue(), "");
  await type("2019-02-28", [950, 120, 15, 3]);

  assert.equal(await table.locator("tbody tr").count(), before + 2);
  assert.match(await table.getByRole("row", { name: /2019-01-31/ }).innerText(), /2019-01-31\s+900\s+90\s+9\s+1/);
  await page.getByTestId("gravity-table").getByRole("row", { name: /2019-01-31 → 2019-02-28/ }).waitFor();
  // The per-stage chart starts from the earliest snapshot now.
  await page.locator(".sparkline").filter({ hasText: names[0] }).getByText(/^900 → /).waitFor();

  await page.waitForTimeout(700);
  await page.reload();
  await page.getByTestId("gravity-table").getByRole("row", { name: /2019-01-31 → 2019-02-28/ }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("a problem area can be edited, moved to a touch point, deleted and brought back with Undo; the edit survives a reload", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, true);
  const tp = (await touchPointNames(page))[0];
  const card = page.locator(".problem-areas");
  const add = card.locator("form.add-problem");
  await add.getByLabel("Problem", { exact: true }).fill("Few first posts");
  await add.getByLabel("Proposed solution").fill("A welcome thread");
  await add.getByRole("button", { name: "Add problem area" }).click();
  const list = page.getByTestId("problem-list");
  await list.getByText("Few first posts").waitFor();

  await list.getByRole("button", { name: "Edit problem: Few first posts" }).click();
  const edit = list.locator("form.edit-problem");
  // The edit form opens on the problem text.
  await page.waitForFunction(() => document.activeElement?.value === "Few first posts");
  await edit.getByLabel("Problem", { exact: true }).fill("");
  await edit.getByRole("button", { name: "Save" }).click();
  await edit.getByRole("alert").getByText("Describe the problem first.").waitFor();
  await edit.getByLabel("Problem", { exact: true }).fill("Few replies to first posts");
  await edit.getByLabel("Proposed solution").fill("Reply within a day");
  await edit.getByLabel("About").selectOption({ label: `Touch point: ${tp}` });
  await edit.getByRole("button", { name: "Save" }).click();
  const item = list.locator("li").filter({ hasText: "Few replies to first posts" });
  await item.getByText(`Touch point: ${tp}`).waitFor();
  await item.getByText("Reply within a day").waitFor();
  assert.equal(await list.getByText("Few first posts").count(), 0);

  // Delete, then Undo brings it back.
  await item.getByRole("button", { name: "Delete problem: Few replies to first posts" }).click();
  await page.getByText("Deleted problem area “Few replies to first posts”. Undo (Ctrl+Z) brings it back.").waitFor();
  assert.equal(await list.getByText("Few replies to first posts").count(), 0);
  await page.getByRole("button", { name: "Undo", exact: true }).first().click();
  await item.getByText(`Touch point: ${tp}`).waitFor();

  await page.waitForTimeout(700);
  await page.reload();
  const again = page.getByTestId("problem-list").locator("li").filter({ hasText: "Few replies to first posts" });
  await again.getByText(`Touch point: ${tp}`).waitFor();
  await again.getByText("Reply within a day").waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("the drawing exports as a real PNG image and as an SVG naming every stage, with a title, a legend and the bottleneck", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, true);
  const names = await stageNames(page);
  const [png] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download drawing (PNG)" }).click(),
  ]);
  assert.match(png.suggestedFilename(), /-curve\.png$/);
  const bytes = await readFile(await png.path());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
  assert.equal(bytes.subarray(12, 16).toString("latin1"), "IHDR");
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  // Twice the drawing's 960 × 548 (its title, the plot, its legend), for sharp slides.
  assert.equal(width, 1920);
  assert.equal(height, 1096);
  assert.ok(bytes.length > 5_000, `a drawn image, not a blank one (${bytes.length} bytes)`);
  await mkdir("test-results", { recursive: true });
  await copyFile(await png.path(), "test-results/curve-drawing.png");

  const [svgDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download drawing (SVG)" }).click(),
  ]);
  const svg = await readFile(await svgDownload.path(), "utf8");
  for (const name of names) assert.ok(svg.includes(`>${name}</text>`), `the SVG names ${name}`);
  // Its title, the bottleneck marked on the curve, and a legend that names it.
  assert.ok(svg.includes(">Commitment curve: Sample: Developer forum relaunch</text>"), "title");
  assert.ok(svg.includes(">Bottleneck</text>"), "the bottleneck is marked");
  assert.match(svg, />Bottleneck: [^<]+ → [^<]+<\/text>/);
  for (const item of ["Commitment curve", "Stage, with its members now", "Touch point"]) {
    assert.ok(svg.includes(`>${item}</text>`), `the legend has ${item}`);
  }
  assert.equal(await page.locator(".exports").getByRole("alert").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

/** What has the focus: its accessible name (roughly), tag and whether the focus shows. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { name: "", tag: "BODY", visible: false };
    const label = el.labels?.[0]?.innerText ?? "";
    const name = (el.getAttribute("aria-label") || label || el.innerText || el.textContent || "").trim();
    const style = getComputedStyle(el);
    const visible = style.outlineStyle !== "none" || style.boxShadow !== "none";
    return { name, tag: el.tagName, role: el.getAttribute("role") ?? "", visible };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element's name matches; checks the focus shows. */
async function tabTo(page, match, { back = false, max = 150 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const f = await focused(page);
    if (typeof match === "string" ? f.name === match : match.test(f.name)) {
      assert.ok(f.visible, `the focus on “${f.name}” is visible`);
      return f;
    }
  }
  throw new Error(`could not reach ${match} with the keyboard`);
}

test("keyboard only: start from a template, select and rename a stage, change its level on the drawing, add a touch point", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page);
  // From here on only the keyboard: no clicks, no fill, no focus().
  await tabTo(page, "Use Community commitment curve");
  await page.keyboard.press("Enter");
  await page.getByTestId("stage-table").getByRole("button", { name: "Membership", exact: true }).waitFor();
  // The focus moved to the new curve rather than getting lost.
  await page.waitForFunction(() => document.activeElement?.id === "curve-drawing-title");

  // Select a stage from the table.
  await tabTo(page, "Membership");
  await page.keyboard.press("Enter");
  await editor(page).getByRole("heading", { name: "Edit stage: Membership" }).waitFor();

  // Rename it.
  await tabTo(page, "Name");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Members");
  await editor(page).getByRole("heading", { name: "Edit stage: Members" }).waitFor();
  await page.getByTestId("stage-table").getByRole("button", { name: "Members", exact: true }).waitFor();

  // Change its commitment level with the arrow keys on the drawing's point.
  const slider = await tabTo(page, "Commitment level of Members", { back: true });
  assert.equal(slider.role, "slider");
  const point = page.getByRole("slider", { name: "Commitment level of Members" });
  const level = Number(await point.getAttribute("aria-valuenow"));
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("PageUp");
  const raised = Math.min(100, level + 13);
  assert.equal(await point.getAttribute("aria-valuenow"), String(raised));
  assert.equal(await editor(page).getByLabel("Commitment level (0–100)").inputValue(), String(raised));
  assert.match(
    await page.getByTestId("stage-table").locator("tbody tr.selected").innerText(),
    new RegExp(`Members\\s+${raised}\\b`),
  );

  // Add a touch point (Space on the button) and name it: the focus lands on its name.
  await tabTo(page, "Add touch point");
  await page.keyboard.press("Space");
  await page.waitForFunction(
    () => document.activeElement?.closest(".touch-point") && document.activeElement.labels?.[0]?.innerText === "Name",
  );
  assert.ok((await focused(page)).visible, "the focus on the new touch point's name shows");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Welcome call");
  await page.locator(".touch-point-list .tp-name").getByText("Welcome call").waitFor();
  await page.getByRole("img", { name: "Touch point: Welcome call" }).waitFor();

  assert.deepEqual(problems, []);
  await context.close();
});

test("a new touch point starts between the stages in view: the bottleneck until a stage is picked, then the move on from that stage (into the innermost one)", async () => {
  const { context, page, problems } = await newSession(browser, { viewport: { width: 390, height: 844 } });
  await open(page, server);
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item").first().waitFor();
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Commitment curve" }).click();
  await heading1(page, "Commitment curve");
  const span = page.getByTestId("new-touch-point-span");
  await span.getByText("Starts at Discover → Join, the bottleneck").waitFor();
  const table = page.getByTestId("stage-table");
  await table.getByRole("button", { name: "Lead", exact: true }).click();
  await span.getByText("Starts at Contribute → Lead, from the stage you picked").waitFor();
  await table.getByRole("button", { name: "Join", exact: true }).click();
  await span.getByText("Starts at Join → Contribute, from the stage you picked").waitFor();
  const list = page.locator(".touch-point-list > li");
  const before = await list.count();
  await page.getByRole("button", { name: "Add touch point" }).click();
  await page.waitForFunction((n) => document.querySelectorAll(".touch-point-list > li").length === n + 1, before);
  const added = list.last();
  assert.match(await added.locator("summary").first().innerText(), /New touch point · Join → Contribute/);
  const selected = (label) => added.getByLabel(label).evaluate((s) => s.selectedOptions[0]?.textContent.trim());
  assert.equal(await selected("From stage"), "Join");
  assert.equal(await selected("To stage"), "Contribute");
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});
