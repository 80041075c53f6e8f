// Each tool shows its core first, the rest on request, and a phone shows the numbers that
// matter (issue 31): the core view and the step to everything (remembered per plan, printed
// either way, the index following what is shown), the stage table, the conversions and the
// curve's stages at 390 px without scrolling sideways, tables that stack, signals whose colour
// and words agree, a next step at every dead end, and the plan page for a first visitor.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { launch, serve, newSession, open, startWithSample, waitSaved, heading1, SAMPLE, showEverything } from "./harness.mjs";

const SHOTS = "test-results/focus";
let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
  await mkdir(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function goTo(page, path, heading) {
  await page.goto(server.url + path);
  await heading1(page, heading);
}

/** The names the page's index lists (the side list at 1280 px, "Jump to…" below). */
async function indexNames(page, name = "Sections of this page") {
  const nav = page.getByRole("navigation", { name });
  await page.waitForTimeout(100);
  return nav.locator(".index-list a").evaluateAll((links) => links.map((a) => a.textContent));
}

/** True when the element's box lies inside the window, left to right. */
async function withinWidth(locator) {
  const box = await locator.boundingBox();
  const width = locator.page().viewportSize().width;
  return box !== null && box.width > 0 && box.x >= 0 && box.x + box.width <= width + 0.5;
}

test("at 390 px the stage table's members and target, every conversion % and every curve stage show without scrolling sideways", async () => {
  const { context, page, problems } = await newSession(browser, { viewport: { width: 390, height: 844 } });
  await startWithSample(page, server);
  await goTo(page, "curve", "Commitment curve");
  const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  assert.ok(await noSideways(), "the page does not scroll sideways");

  // The drawing fits: no scrolling inside it, every stage point in the window, each numbered
  // point named in the legend with its members, and the bottleneck under it.
  const wrap = page.locator(".curve-drawing .chart-wrap");
  assert.ok(await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), "the drawing does not scroll sideways");
  const points = page.locator(".curve-svg .stage-handle");
  const stages = await points.count();
  assert.ok(stages >= 4, `the sample has its stages (${stages})`);
  for (let i = 0; i < stages; i++) assert.ok(await withinWidth(points.nth(i)), `stage point ${i + 1} is in the window`);
  const legend = page.getByTestId("curve-legend").locator("li");
  assert.equal(await legend.count(), stages);
  for (let i = 0; i < stages; i++) {
    assert.ok(await legend.nth(i).isVisible());
    assert.ok(await withinWidth(legend.nth(i)), `legend row ${i + 1} is in the window`);
    assert.match(await legend.nth(i).innerText(), /\d+ members/);
  }
  const bottleneck = page.getByTestId("drawing-bottleneck");
  assert.match(await bottleneck.innerText(), /Bottleneck/);
  assert.ok(await withinWidth(bottleneck));

  // The stage table stacks its rows: members now and target of every stage in the window.
  const rows = page.getByTestId("stage-table").locator("tbody tr");
  assert.equal(await rows.count(), stages);
  for (let i = 0; i < stages; i++) {
    for (const column of ["Members now", "Target"]) {
      const cell = rows.nth(i).locator(`td[data-label="${column}"]`);
      assert.ok(await cell.isVisible(), `${column} of stage ${i + 1} is shown`);
      assert.ok(await withinWidth(cell), `${column} of stage ${i + 1} is in the window`);
      assert.match(await cell.innerText(), /^(\d+|—)$/);
    }
  }

  // Every conversion %, now and in targets, not only the bottleneck's.
  const conversions = page.getByTestId("conversion-table").locator("tbody tr");
  assert.equal(await conversions.count(), stages - 1);
  for (let i = 0; i < stages - 1; i++) {
    const now = conversions.nth(i).locator("td").first();
    assert.ok(await now.isVisible());
    assert.ok(await withinWidth(now), `conversion ${i + 1} is in the window`);
    assert.match(await now.innerText(), /\d+\.\d%/);
  }
  await page.screenshot({ path: `${SHOTS}/curve-390.png`, fullPage: true });
  assert.ok(await noSideways());
  assert.deepEqual(problems, []);
  await context.close();
});

test("at 390 px a goal's milestones show their note and remove button without scrolling sideways", async () => {
  const { context, page, problems } = await newSession(browser, { viewport: { width: 390, height: 844 } });
  await startWithSample(page, server);
  await goTo(page, "goals", "Goals");
  await page.locator('[data-testid="objective"] a[href*="goal="]').first().click();
  await page.getByRole("navigation", { name: "Sections of this goal" }).waitFor();
  const rows = page.getByRole("region", { name: "Milestones table" }).locator("tbody tr");
  assert.ok((await rows.count()) > 0, "the sample's goal has milestones");
  const first = rows.first();
  assert.ok(await withinWidth(first.getByRole("textbox", { name: /^Note for the milestone/ })));
  assert.ok(await withinWidth(first.getByRole("button", { name: /^Remove the milestone/ })));
  await page.screenshot({ path: `${SHOTS}/goal-390.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("Career shows its core, one section or everything on request (remembered per plan), and prints everything", async () => {
  const { context, page, problems } = await newSession(browser, { viewport: { width: 1280, height: 900 } });
  await startWithSample(page, server);
  await goTo(page, "career", "Career");
  const core = ["The role under discussion", "Bucketing check", "Side by side", "Self-assessment", "Evidence brief", "More in Career"];
  assert.deepEqual(await indexNames(page), core, "the index lists the core and the step to the rest");
  const pay = page.locator("#career-pay-title");
  assert.equal(await pay.isVisible(), false, "Pay is not shown in the core view");
  const more = page.getByTestId("more-sections");
  assert.match(await more.innerText(), /Show Pay \(\d+ pay records\)/, "the step says what the plan holds there");

  // One section: shown, the focus on its heading, the index following.
  await more.getByRole("button", { name: /^Show Pay/ }).click();
  await pay.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "career-pay-title");
  await page.waitForFunction(() => [...document.querySelectorAll(".index-list a")].some((a) => a.textContent === "Pay"));
  assert.equal(await page.locator("#career-rates-title").isVisible(), false);

  // Remembered for this plan across a reload.
  await page.reload();
  await heading1(page, "Career");
  await pay.waitFor();

  // Printing shows every section, shown or not.
  await page.emulateMedia({ media: "print" });
  for (const id of ["career-rates-title", "career-parity-title", "career-tracks-title", "career-scope-title"]) {
    assert.ok(await page.locator(`#${id}`).isVisible(), `${id} prints`);
  }
  assert.equal(await more.isVisible(), false, "the step itself is not printed");
  await page.emulateMedia({ media: "screen" });

  // Everything, then only the core again.
  await more.getByRole("button", { name: "Show everything", exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll(".more-section[hidden]").length === 0);
  const all = await indexNames(page);
  for (const name of ["Pay", "Exchange rates", "Parity across tracks", "Tracks and levels", "Bring your own ladder"]) {
    assert.ok(all.includes(name), `${name} in ${all}`);
  }
  await more.getByRole("button", { name: "Show only the core" }).click();
  await pay.waitFor({ state: "hidden" });
  assert.deepEqual(await indexNames(page), core);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the curve, the goals and a goal each have a core and a step to the rest", async () => {
  const { context, page, problems } = await newSession(browser, { viewport: { width: 1280, height: 900 } });
  await startWithSample(page, server);
  await goTo(page, "curve", "Commitment curve");
  assert.deepEqual(await indexNames(page), ["The curve", "Stages", "Touch points", "Distribution and conversion", "More in the curve"]);
  // The stage editor shows once a stage is picked, and the index follows.
  await page.getByTestId("stage-table").getByRole("button", { name: "Join", exact: true }).click();
  await page.getByTestId("stage-editor").getByRole("heading", { name: "Edit stage: Join" }).waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll(".index-list a")].some((a) => a.textContent === "Stage editor"));
  assert.deepEqual(await indexNames(page), ["The curve", "Stages", "Stage editor", "Touch points", "Distribution and conversion", "More in the curve"]);
  assert.match(await page.getByTestId("more-sections").innerText(), /Show Snapshots over time \(\d+ snapshots/);

  await goTo(page, "goals", "Goals");
  const goals = await indexNames(page);
  assert.ok(!goals.includes("Period") && !goals.includes("Report for readers"), `${goals}`);
  assert.ok(goals.includes("Add an objective") && goals.at(-1) === "More in Goals", `${goals}`);

  await page.locator('[data-testid="objective"] a[href*="goal="]').first().click();
  const nav = page.getByRole("navigation", { name: "Sections of this goal" });
  await nav.waitFor();
  const editor = await nav.locator(".jump-list a").evaluateAll((links) => links.map((a) => a.textContent));
  for (const name of ["Statement", "SMART check", "Baseline, target and deadline", "Key players", "Milestones", "Check-ins"]) {
    assert.ok(editor.includes(name), `${name} in ${editor}`);
  }
  for (const name of ["Steps", "Result or benefit"]) assert.ok(editor.includes(name), `${name}, which the SMART check asks for, in ${editor}`);
  for (const name of ["What it is worth", "Scope and career key areas", "Commitment and reviews"]) assert.ok(!editor.includes(name), `${name} not in ${editor}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a first visitor sees the welcome's two starts and the way to a file, not a second form, import, backup or the reminder", async () => {
  const { context, page, problems } = await newSession(browser, { viewport: { width: 390, height: 844 } });
  await open(page, server);
  await page.getByTestId("welcome").waitFor();
  await page.waitForTimeout(1500); // the import and backup panels arrive at idle
  const controls = await page.evaluate(() =>
    [...document.querySelectorAll("main a[href], main button, main input, main select, main textarea, main summary")]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => el.textContent.trim() || el.getAttribute("aria-label") || el.id),
  );
  assert.deepEqual(controls, ["Start with the sample plan", "Start a blank plan", "Open a plan file or a backup"]);
  await page.screenshot({ path: `${SHOTS}/plans-first-visit-390.png`, fullPage: true });

  // A file from someone else: import and restore, still without backing up or the reminder.
  await page.getByRole("button", { name: "Open a plan file or a backup" }).click();
  await page.getByRole("heading", { name: "Import a plan" }).waitFor();
  assert.ok(await page.getByLabel("Restore from a backup file").isVisible());
  assert.equal(await page.getByRole("button", { name: "Back up all plans" }).isVisible(), false);
  assert.equal(await page.getByTestId("last-backup").count(), 0);

  // Once there is a plan, the list's own form, import and backup are there.
  await page.getByRole("button", { name: "Start a blank plan" }).click();
  await page.locator(".plan-item").first().waitFor();
  await page.getByRole("heading", { name: "New plan" }).waitFor();
  await page.getByRole("button", { name: "Back up all plans" }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("after starting a plan the page says where to start; after the sample, that it is an example and how to make it yours", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  await page.getByRole("button", { name: "Start a blank plan" }).click();
  const empty = page.getByTestId("empty-plan-card");
  await empty.waitFor();
  for (const link of ["Write a goal", "Draw the commitment curve", "Make a career case"]) await empty.getByRole("link", { name: link }).waitFor();
  await empty.getByRole("link", { name: "Draw the commitment curve" }).click();
  await heading1(page, "Commitment curve");

  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Plans" }).click();
  await page.getByRole("button", { name: "Add the sample plan" }).click();
  const example = page.getByTestId("example-card");
  await example.waitFor();
  assert.match(await example.innerText(), /rename it, clear the example data, or start your own/);
  await page.screenshot({ path: `${SHOTS}/example-card-1280.png`, fullPage: true });

  // Clear the example data: the goals go, the name stops saying "Sample", Undo brings it back.
  await example.getByRole("button", { name: "Clear the example data" }).click();
  await example.waitFor({ state: "detached" });
  await page.locator(".plan-item .plan-name", { hasText: "My community plan" }).nth(1).waitFor();
  await page.getByRole("button", { name: /^Undo/ }).click();
  await page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  await example.waitFor();

  // Rename it: no longer an example.
  await example.getByLabel("Name this plan").fill("Forum relaunch 2027");
  await example.getByRole("button", { name: "Rename it" }).click();
  await page.locator(".plan-item .plan-name", { hasText: "Forum relaunch 2027" }).waitFor();
  await example.waitFor({ state: "detached" });
  await waitSaved(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a tool with no plan starts one right there", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server, "career");
  const none = page.getByTestId("no-plan");
  await none.waitFor();
  await none.getByRole("button", { name: "Start a blank plan" }).click();
  await heading1(page, "Career");
  await page.getByRole("button", { name: "Add Community track" }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("signals agree: nothing to compare is neutral and names the control that supplies it; a new pay record is not placed in the band", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  await page.getByRole("button", { name: "Start a blank plan" }).click();
  await page.locator(".plan-item").first().waitFor();
  await goTo(page, "career", "Career");
  await page.getByRole("button", { name: "Add Community track" }).click();
  await page.getByLabel("Proposed role (track and level)").selectOption({ index: 3 });
  const none = page.getByTestId("bucketing-none");
  await none.waitFor();
  assert.equal(await page.getByTestId("bucketing-ok").count(), 0, "no green box for a check with nothing to compare");
  assert.doesNotMatch(await none.getAttribute("class"), /\bok\b/);

  // One track: parity has nothing to line up, which is neutral, not "no gaps".
  await page.getByTestId("more-sections").getByRole("button", { name: /^Show Parity across tracks/ }).click();
  const parity = page.getByTestId("parity-summary");
  assert.match(await parity.innerText(), /fewer than two/);
  assert.doesNotMatch(await parity.getAttribute("class"), /\bok\b/);

  // A new pay record at zero has no range penetration to show.
  await page.getByTestId("more-sections").getByRole("button", { name: /^Show Pay/ }).click();
  await page.getByRole("button", { name: "Add a pay record" }).click();
  // The proposed role has no band: at a level that has one, a record still at zero is not placed.
  const pay = page.locator("#career-pay-title").locator("xpath=ancestor::section[1]");
  await pay.locator("article.record").getByLabel("Track and level").selectOption({ label: "Community · C2 Community Manager" });
  await pay.getByText("No pay entered yet").first().waitFor();
  assert.doesNotMatch(await pay.innerText(), /-\d+%|−\d+%/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the bucketing check sets the missing band where it is, with the essentials first", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  await page.getByRole("button", { name: "Start a blank plan" }).click();
  await page.locator(".plan-item").first().waitFor();
  await goTo(page, "career", "Career");
  await page.getByRole("button", { name: "Add Community track" }).click();
  const proposed = page.getByLabel("Proposed role (track and level)");
  await proposed.selectOption({ index: 1 });
  const codeTitle = await proposed.evaluate((s) => s.options[s.selectedIndex].text.replace(/^Community · /, ""));
  const title = codeTitle.replace(/^\S+ /, "");
  // The template's level comes with a public band: take it away in Tracks and levels.
  await showEverything(page);
  await page.locator(".track-card > summary").filter({ hasText: "Community" }).first().click();
  const level = page.locator(".level-card", { has: page.getByRole("heading", { name: `Rank 1 · ${codeTitle}` }) });
  await level.locator("summary").filter({ hasText: "Band:" }).click();
  await level.getByRole("button", { name: /^Remove band/ }).click();
  await page.getByTestId("more-sections").getByRole("button", { name: "Show only the core" }).click();

  // In the core view the check says what it needs, neutrally, and offers the control.
  const none = page.getByTestId("bucketing-none");
  await none.filter({ hasText: "has no band" }).waitFor();
  assert.doesNotMatch(await none.getAttribute("class"), /\bok\b/);
  await none.getByRole("button", { name: `Set the band of ${title}` }).click();
  const quick = page.getByTestId("quick-band");
  await quick.waitFor();
  const labels = await quick.locator("label").allInnerTexts();
  assert.deepEqual(labels.map((l) => l.trim()), ["Minimum", "Midpoint", "Maximum", "Currency", "Source", "Year"]);
  await page.waitForFunction(() => document.activeElement?.closest("[data-testid=quick-band]") !== null);
  await quick.getByLabel("Midpoint").fill("90000");
  await quick.getByLabel("Source").fill("Our HR team");
  await quick.getByLabel("Year").fill("2026");
  // The form stays while the check changes under it.
  await page.getByTestId("bucketing-none").filter({ hasText: "has no band" }).waitFor({ state: "detached" });
  assert.equal(await quick.getByLabel("Year").inputValue(), "2026");
  await quick.getByRole("button", { name: "Done" }).click();
  await quick.waitFor({ state: "detached" });
  await page.waitForFunction(() => document.activeElement?.id === "career-bucketing-title");
  await page.screenshot({ path: `${SHOTS}/career-band-set-1280.png`, fullPage: false });
  assert.deepEqual(problems, []);
  await context.close();
});

test("the curve's checks say nothing green above a bottleneck", async () => {
  const { context, page, problems } = await newSession(browser);
  await startWithSample(page, server);
  await goTo(page, "curve", "Commitment curve");
  await page.getByTestId("more-sections").getByRole("button", { name: /^Show Checks/ }).click();
  const checks = page.getByTestId("curve-warnings");
  await checks.waitFor();
  const bottleneck = await page.getByTestId("bottleneck").innerText();
  if (/^Bottleneck/.test(bottleneck) && (await page.getByTestId("checks-summary").count())) {
    const summary = page.getByTestId("checks-summary");
    assert.doesNotMatch(await summary.getAttribute("class"), /\bok\b/);
    assert.match(await summary.innerText(), /do not judge where members stall/);
  }
  assert.equal(await checks.locator(".badge.ok, .banner.ok").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
