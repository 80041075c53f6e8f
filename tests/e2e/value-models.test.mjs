// Touches dates: assumptions are dated and their age is measured against today.
// What the work is worth: a value model on a goal (from a catalog example) and on a touch
// point, with dated, sourced three-point assumptions; its simulated interval shows in the
// editor, the goals report, the career brief and the curve's gap table with its method,
// survives a reload, and undoes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { launch, serve, newSession, startWithSample, waitSaved, cspViolations, heading1, showEverything } from "./harness.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function goTo(page, tool) {
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: tool, exact: true }).click();
  await heading1(page, tool);
  // Each tool shows its core first (issue 31); these tests work in every section.
  if (tool !== "Plans") await showEverything(page);
}

const GOAL = "Grow monthly active contributors";
const EXAMPLE = "Example: gain in merged outside contributions × engineering hours saved × loaded hourly cost";
// 60 contributors a month (target 180 − baseline 120) × 2/4/6 hours × 80/100/120 USD per hour,
// simulated (src/core/value/simulate.rs; the corners would say 9,600 to 43,200).
const GOAL_VALUE = "90% of simulated outcomes between 15,400 and 33,000 USD per month; median 23,800 USD per month";

async function openGoal(page) {
  await goTo(page, "Goals");
  await page.getByRole("link", { name: GOAL }).first().click();
  await heading1(page, GOAL);
  await showEverything(page);
  return page.locator("section[aria-labelledby='value-title']");
}

async function fillAssumption(group, { low, expected, high, source, date }) {
  await group.getByLabel("Low", { exact: true }).fill(low);
  await group.getByLabel("Most likely", { exact: true }).fill(expected);
  await group.getByLabel("High", { exact: true }).fill(high);
  if (source) await group.getByLabel("Source", { exact: true }).fill(source);
  if (date) await group.getByLabel("Date of the figures", { exact: true }).fill(date);
}

test("a goal's value model from an example shows its range in the editor, report and brief, and is kept and undone", async () => {
  const { context, page, problems } = await newSession(browser, { viewport: { width: 1280, height: 900 } });
  await startWithSample(page, server);
  const section = await openGoal(page);
  const summary = section.getByTestId("value-summary");

  // From an example: its shape only, no figures, so no value yet.
  await section.getByLabel("Start the value model from").selectOption({ label: EXAMPLE });
  await section.getByRole("button", { name: "Add value model" }).click();
  await summary.filter({ hasText: /^No value shown until you enter your assumptions\./ }).waitFor();
  assert.match(await summary.innerText(), /Enter the low figure of “Engineering hours saved per contribution”\./);
  assert.doesNotMatch(await summary.innerText(), /NaN|\d/);
  await section.getByText(`Started from “${EXAMPLE}”`).waitFor();

  // The example starts from the gain over the baseline.
  assert.equal(await section.getByLabel("Driver").inputValue(), "gain_to_target");
  const hours = section.getByRole("group", { name: "Assumption 1: Engineering hours saved per contribution" });
  const cost = section.getByRole("group", { name: "Assumption 2: Loaded hourly cost of an engineer" });
  await fillAssumption(hours, { low: "2", expected: "4", high: "6", source: "SDK maintainers' review log", date: "2026-09-01" });
  // A figure out of order is named, and still no value.
  await fillAssumption(cost, { low: "120", expected: "100", high: "80" });
  await summary.filter({ hasText: "The figures of “Loaded hourly cost of an engineer” are out of order" }).waitFor();
  await fillAssumption(cost, { low: "80", expected: "100", high: "120", source: "Finance, loaded cost 2026", date: "2026-10-01" });
  await summary.filter({ hasText: GOAL_VALUE }).waitFor();
  assert.match(
    await summary.innerText(),
    /: target 180 − baseline 120 = 60 contributors per month × engineering hours saved per contribution × loaded hourly cost of an engineer\.$/,
  );
  assert.match(await section.getByTestId("value-method").innerText(), /^Method: a simulation of 10,000 draws with a fixed seed/);
  await waitSaved(page);

  // The goals report shows the value with its driver and assumptions.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    (async () => {
      await goTo(page, "Goals");
      await page.getByRole("button", { name: "Export goals report (Markdown)" }).click();
    })(),
  ]);
  const report = await readFile(await download.path(), "utf8");
  assert.ok(report.includes(`- **Value:** ${GOAL_VALUE}`), report);
  assert.match(report, /  - Driver: the gain from baseline to target \(target 180 − baseline 120 = 60/);
  assert.match(report, /  - Loaded hourly cost of an engineer: low 80, most likely 100, high 120 USD per hour\. Source: Finance, loaded cost 2026\. Dated 1 October 2026\./);
  assert.match(report, /  - Method: a simulation of 10,000 draws with a fixed seed/);

  // The career brief lists the value of the plan's work (its preview is the readable document).
  await goTo(page, "Career");
  await page.getByRole("button", { name: "Preview the brief" }).click();
  const brief = await page.getByTestId("brief-preview").innerText();
  await page.getByTestId("brief-preview").getByRole("heading", { name: "What the work in this plan is worth" }).waitFor();
  assert.ok(brief.includes(`${GOAL} (goal)`), brief);
  assert.ok(brief.includes(GOAL_VALUE), brief);
  assert.match(brief, /Engineering hours saved per contribution: low 2, most likely 4, high 6 hours\. Source: SDK maintainers' review log\./);

  // Kept across a reload.
  await page.reload();
  await page.waitForSelector("header.app-header");
  const kept = await openGoal(page);
  await kept.getByTestId("value-summary").filter({ hasText: GOAL_VALUE }).waitFor();
  assert.equal(await kept.getByRole("group", { name: /^Assumption 2/ }).getByLabel("Source", { exact: true }).inputValue(), "Finance, loaded cost 2026");

  // An edit changes the interval; undo restores it. Removing the model undoes too.
  await kept.getByRole("group", { name: /^Assumption 1/ }).getByLabel("Most likely", { exact: true }).fill("5");
  await kept.getByTestId("value-summary").filter({ hasText: "median 26,300 USD per month" }).waitFor();
  await page.getByRole("button", { name: "Undo", exact: true }).first().click();
  await kept.getByTestId("value-summary").filter({ hasText: GOAL_VALUE }).waitFor();
  await kept.getByRole("button", { name: "Remove value model" }).click();
  await kept.getByRole("button", { name: "Add value model" }).waitFor();
  await page.getByRole("button", { name: "Undo", exact: true }).first().click();
  await kept.getByTestId("value-summary").filter({ hasText: GOAL_VALUE }).waitFor();
  await waitSaved(page);

  await mkdir("test-results", { recursive: true });
  await kept.screenshot({ path: "test-results/value-model.png" });

  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a touch point's value model shows in the gap table, and the editor works at phone width", async () => {
  const { context, page, problems } = await newSession(browser, { viewport: { width: 390, height: 844 } });
  await startWithSample(page, server);
  await goTo(page, "Commitment curve");
  const card = page.locator(".touch-point").filter({ hasText: "Welcome email series with forum invitation" });
  const details = card.locator("details.touch-point-details");
  if ((await details.getAttribute("open")) === null) await details.locator("summary").first().click();
  const model = card.getByTestId("value-model");
  await model.getByLabel("Start the value model from").selectOption({ label: "Example: gain in sign-ups × activation rate × value of an active account" });
  await model.getByRole("button", { name: "Add value model" }).click();
  assert.equal(await model.getByLabel("Driver").inputValue(), "moved_gain");
  await fillAssumption(model.getByRole("group", { name: /^Assumption 1: Activation rate/ }), { low: "30", expected: "40", high: "50" });
  await fillAssumption(model.getByRole("group", { name: /^Assumption 2: Value of an active account/ }), { low: "10", expected: "20", high: "30", source: "Sales model", date: "2026-01-15" });
  // 4,200 members of Discover now × (10% − 9%) = 42 members × 30/40/50% × 10/20/30 USD.
  const expected = "90% of simulated outcomes between 214 and 468 USD; median 333 USD";
  await model.getByTestId("value-summary").filter({ hasText: expected }).waitFor();
  assert.match(await model.getByTestId("value-summary").innerText(), /4,200 members of Discover now × \(target 10% − current 9%\) = 42 members/);
  // Nothing spills past a phone's width.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await mkdir("test-results", { recursive: true });
  await model.screenshot({ path: "test-results/value-model-phone.png" });
  await waitSaved(page);

  const gap = page.getByTestId("gap-table").getByRole("row", { name: /^Join/ });
  const values = gap.getByTestId("gap-values");
  await values.waitFor();
  const text = await values.innerText();
  assert.ok(text.includes(`Welcome email series with forum invitation: ${expected}`), text);
  assert.match(text, /Value of an active account: low 10, most likely 20, high 30 USD per account\. Source: Sales model\. Dated 15 January 2026\./);
  assert.match(text, /Activation rate: low 30, most likely 40, high 50% \(× 0\.4 most likely\)\. No source given\. Undated\./);
  assert.match(text, /Method: a simulation of 10,000 draws with a fixed seed/);

  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});
