// Touches dates: pay records, rates and evidence are dated; evidence cites periods.
// The Career worksheet on the release build: tracks from templates, the side-by-side
// comparison, the bucketing warning, pay, the evidence brief, and persistence.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
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

const SAMPLE = "Sample: Developer forum relaunch";

async function goTo(page, tool) {
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: tool, exact: true }).click();
  if (tool !== "Plans") await heading1(page, tool);
}

async function goToCareer(page) {
  await goTo(page, "Career");
}

async function waitSaved(page) {
  await page.getByTestId("save-status").filter({ hasText: /^Saved$/ }).waitFor();
}

async function startPlan(page, sample) {
  await open(page, server);
  await page.getByRole("button", { name: sample ? "Start with the sample plan" : "Start a blank plan" }).click();
  await page.locator(".plan-item").first().waitFor();
  await goToCareer(page);
  // Career shows its core first (issue 31); these tests work in every section.
  if (sample) await showEverything(page);
}

/** Opens the app afresh at its start page, then Career (a returning user's way in). */
async function reloadCareer(page) {
  await waitSaved(page);
  await open(page, server);
  await goToCareer(page);
}

async function openLevelBand(page, track, levelHeading) {
  await page.locator(".track-card > summary").filter({ hasText: track }).first().click();
  const level = page.locator(".level-card", { has: page.getByRole("heading", { name: levelHeading }) });
  await level.locator("summary").filter({ hasText: "Band:" }).click();
  // A band's essentials come first; what its figures cover is folded under them (issue 31).
  await level.locator("summary").filter({ hasText: "What the figures cover" }).click();
  return level;
}

/** Opens the bucketing check's fold with the like-with-like rules and the ageing rate. */
async function openLikeWithLike(page) {
  await page.locator(".like-with-like-fold > summary").click();
}

test("three tracks from templates, pay, bucketing warning that clears, brief, reload", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  await page.getByRole("button", { name: "Start a blank plan" }).click();
  await goToCareer(page);

  await page.getByTestId("career-empty").waitFor();
  await page.getByRole("button", { name: "Add Community track" }).click();
  // More tracks are added in a section outside Career's core (issue 31).
  await showEverything(page);
  await page.getByRole("button", { name: "Add Software Engineering track" }).first().click();
  await page.getByRole("button", { name: "Add Marketing track" }).first().click();
  assert.equal(await page.locator(".track-card").count(), 3);

  // Nothing to compare until the proposed role is chosen.
  assert.equal(await page.getByRole("alert").filter({ hasText: "bucketing" }).count(), 0);
  await page.getByLabel("Proposed role (track and level)").selectOption({ label: "Community · C2 Community Manager" });

  // The templates' public figures are not like with like (a 2015 survey mean against
  // occupation-wide BLS figures): no warning, each peer left out with its reasons. Nothing is
  // left to compare, which reads neutral, not as a success (issue 31).
  const ok = page.getByTestId("bucketing-none");
  await ok.filter({ hasText: "No comparable band is left" }).waitFor();
  assert.doesNotMatch(await ok.getAttribute("class"), /\bok\b/);
  assert.match(await ok.innerText(), /What would work: a band for Software Engineer II or Marketing Specialist from the same source \(The Community Roundtable/);
  const left = page.getByTestId("bucketing-not-comparable");
  assert.match(
    await left.innerText(),
    /Software Engineering · Software Engineer II: mean USD 132,930 \(May 2022\)\s*not comparable: levels covered: all levels of an occupation, against a job title, at the levels respondents gave; covers wages including incentive pay \(the OEWS definition\), against base salary; 7 years apart \(more than 2 years\)/,
  );
  // Each figure is named by its statistic: a median is not a midpoint.
  assert.match(await left.innerText(), /Marketing · Marketing Specialist: median USD 62,810 \(May 2020\)\s*not comparable: statistic: median, against mean \(average\)/);
  assert.equal(await page.getByTestId("bucketing-warning").count(), 0);

  // Counted anyway on request: the warning comes back, marked.
  // A switch moves with its peer into the median (a new element), so click rather than check().
  await page.getByLabel("Count Software Engineering · Software Engineer II anyway").click();
  await page.getByTestId("bucketing-peers").filter({ hasText: "Software Engineer II" }).waitFor();
  await page.getByLabel("Count Marketing · Marketing Specialist anyway").click();
  const warning = page.getByTestId("bucketing-warning");
  await warning.waitFor();
  assert.equal(await warning.getAttribute("role"), "alert");
  assert.match(await warning.innerText(), /Includes non-comparable figures\. Community Manager's band mean is 28\.6% below USD 97,870, the median of the figures of 2 tracks/);
  await page.getByTestId("non-comparable-marker").waitFor();

  // Side by side: the peers at the same rank with their bands and sources (the table is
  // folded above the band chart, issue 31).
  await page.locator(".compare-fold > summary").click();
  const table = page.getByTestId("compare-table");
  const tableText = await table.innerText();
  for (const text of ["Software Engineer II", "Marketing Specialist", "Community Manager", "Bureau of Labor Statistics", "2015"]) {
    assert.ok(tableText.includes(text), `table shows ${text}`);
  }
  await page.getByTestId("band-chart").waitFor();
  assert.match(await page.getByTestId("band-chart").getAttribute("aria-label"), /Salary bands at this rank/);
  assert.ok((await page.locator(".caveat").innerText()).includes("not current market rates"));

  // Pay: typed in whole units, figures worked out.
  await page.getByRole("button", { name: "Add a pay record" }).click();
  await page.getByLabel("Base salary").fill("72,000");
  await page.getByLabel("Target bonus").fill("7200");
  const figures = page.getByTestId("record-figures");
  await page.waitForFunction(() => document.querySelector('[data-testid="record-figures"]')?.innerText.includes("79,200"));
  assert.match(await figures.innerText(), /First-year total\s*USD 79,200/);
  assert.match(await figures.innerText(), /Compa-ratio\s*1\.03/);
  await page.getByTestId("band-chart").locator(".pay-marker").waitFor();

  // Raising the proposed band's midpoint clears the warning.
  await page.locator(".track-card summary").filter({ hasText: "Community" }).first().click();
  const level = page.locator(".level-card", { has: page.getByRole("heading", { name: "Rank 2 · C2 Community Manager" }) });
  await level.locator("summary").filter({ hasText: "Band:" }).click();
  await level.getByLabel("Midpoint").fill("100000");
  await page.getByTestId("bucketing-ok").waitFor();
  assert.equal(await page.getByTestId("bucketing-warning").count(), 0);
  assert.match(await page.getByTestId("bucketing-ok").innerText(), /band mean is 2\.2% above USD 97,870, the median of the figures of 2 tracks/);

  // The brief downloads as Markdown naming the tracks and the sources.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download the brief (Markdown)" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /evidence-brief\.md$/);
  const brief = await readFile(await download.path(), "utf8");
  assert.match(brief, /^# Evidence brief: Community Manager \(Community\)/);
  for (const text of ["Software Engineering", "Marketing", "U.S. Bureau of Labor Statistics", "## Sources", "Includes non-comparable figures"]) {
    assert.ok(brief.includes(text), `brief mentions ${text}`);
  }
  // Current pay stays out of the brief unless switched on for it.
  assert.ok(!brief.includes("USD 72,000"), "current pay is not disclosed by default");
  assert.match(await page.getByTestId("current-pay-reason").innerText(), /not to disclose your current or past pay/);
  await page.getByLabel("Include my current pay").check();
  const [withPay] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download the brief (Markdown)" }).click(),
  ]);
  const briefWithPay = await readFile(await withPay.path(), "utf8");
  assert.ok(briefWithPay.includes("## Pay: Current pay"), "switched on, the brief discloses current pay");
  assert.ok(briefWithPay.includes("USD 72,000"));

  // Everything is still there after a reload.
  await reloadCareer(page);
  assert.equal(await page.locator(".track-card").count(), 3);
  await page.getByTestId("bucketing-ok").waitFor();
  const selected = await page.getByLabel("Proposed role (track and level)").evaluate((s) => s.options[s.selectedIndex].text);
  assert.equal(selected, "Community · C2 Community Manager");
  assert.equal(await page.getByLabel("Base salary").inputValue(), "72000");
  assert.match(await page.getByTestId("record-figures").innerText(), /USD 79,200/);
  assert.deepEqual(
    await page.locator(".track-card .track-name").allInnerTexts(),
    ["Community", "Software Engineering", "Marketing"],
  );
  // The brief written after the reload is the same brief.
  const [again] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download the brief (Markdown)" }).click(),
  ]);
  assert.equal(await readFile(await again.path(), "utf8"), brief);

  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("the sample plan warns, like with like, that the community role sits 25% below its peers", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item").first().waitFor();
  await goToCareer(page);
  const warning = page.getByRole("alert").filter({ hasText: "25% below" });
  await warning.waitFor();
  assert.match(await warning.innerText(), /Community Manager's band midpoint is 25% below USD 112,000, the median of the midpoints of 3 comparable tracks/);
  // In grades of the structure's own progression, with the gap to each peer.
  assert.match(await warning.innerText(), /That is about 2\.1 grades at this structure's midpoint progression of 15% a grade/);
  assert.match(
    await page.getByTestId("bucketing-peers").innerText(),
    /Software Engineering · Software Engineer II: midpoint USD 126,000 \(January 2024\); the proposed figure is 33\.3% below it \(about 2\.9 grades\)/,
  );
  assert.ok(!(await warning.innerText()).includes("non-comparable"));
  assert.equal(await page.getByTestId("bucketing-not-comparable").count(), 0);
  // The same rank is not the same market price: read with the market figures for the work.
  assert.match(await page.getByTestId("same-rank-note").innerText(), /^The same rank is not the same market price/);
  assert.match(await page.getByTestId("market-figures").innerText(), /mean USD 74,740 \(base salary\)/);
  // Its bands are one employer's illustrative structure, not public figures: no caveat about those.
  // (The reference pickers in the track editor, which offer public figures, keep it.)
  for (const section of ["career-bucketing-title", "career-side-title"]) {
    const text = await page.locator(`section[aria-labelledby="${section}"]`).innerText();
    assert.ok(!text.includes("not current market rates"), `${section}: no caveat about public figures`);
  }

  // The threshold is editable: at 30% the same gap no longer warns.
  await page.getByLabel("Warn when more than this % below peers").fill("30");
  await page.getByTestId("bucketing-ok").waitFor();
  assert.equal(await page.getByTestId("bucketing-warning").count(), 0);

  // Self-assessment readiness from the sample ratings.
  assert.match(await page.locator(".readiness-overall").first().innerText(), /Meeting or exceeding 3 of 4 behaviours/);

  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("a peer from another year is left out with its reason, counted on request with the marker, and aged with a cited rate", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, true);
  await page.getByRole("alert").filter({ hasText: "25% below" }).waitFor();

  // Engineering's band moves to 2019: five years from the others, so it is left out.
  const level = await openLevelBand(page, "Software Engineering", "Rank 2 · E2 Software Engineer II");
  await level.getByLabel("Effective year").fill("2019");
  const left = page.getByTestId("bucketing-not-comparable");
  await left.waitFor();
  assert.match(await left.innerText(), /Software Engineering · Software Engineer II: midpoint USD 126,000 \(January 2019\)\s*not comparable: 5 years apart \(more than 2 years\)/);
  const warning = page.getByTestId("bucketing-warning");
  await warning.filter({ hasText: "of 2 comparable tracks" }).waitFor();
  assert.match(await page.getByTestId("chart-not-comparable").innerText(), /left out of the bucketing check: Software Engineering · Software Engineer II\.$/);
  assert.match(await warning.innerText(), /22\.2% below USD 108,000, the median of the midpoints of 2 comparable tracks/);

  // Counted anyway: back in the median, and the result says so on screen and in the brief.
  await page.getByLabel("Count Software Engineering · Software Engineer II anyway").click();
  await warning.filter({ hasText: "Includes non-comparable figures" }).waitFor();
  assert.match(await warning.innerText(), /Includes non-comparable figures\. Community Manager's band midpoint is 25% below USD 112,000, the median of the figures of 3 tracks/);
  assert.match(await page.getByTestId("bucketing-peers").innerText(), /counted anyway|not comparable: 5 years apart/);
  await page.getByRole("button", { name: "Preview the brief" }).click();
  const preview = await page.getByTestId("brief-preview").innerText();
  assert.ok(preview.includes("Warning: Includes non-comparable figures."), "the brief carries the marker");
  assert.ok(preview.includes("counted anyway, not comparable: 5 years apart (more than 2 years)"));
  assert.ok(!preview.includes("Current pay (illustrative)"), "no current pay unless switched on");
  await page.getByLabel("Include my current pay").check();
  await page.getByTestId("brief-preview").filter({ hasText: "Current pay (illustrative)" }).waitFor();

  // A rate without its source ages nothing, and says so.
  await openLikeWithLike(page);
  await page.getByLabel("Age figures at this yearly rate (%)").fill("3");
  // (The brief's preview, open above, follows the plan and says so too.)
  await page
    .locator("section[aria-labelledby='career-bucketing-title']")
    .getByText("Figures are not aged: enter both an annual rate and the source")
    .waitFor();
  await page.getByLabel("Source of the rate").fill("Employment Cost Index, wages and salaries");
  // Aged to a common date, the peer is comparable again: no marker, both figures shown.
  await warning.filter({ hasText: "figures aged to January 2024" }).waitFor();
  assert.ok(!(await warning.innerText()).includes("non-comparable"));
  // Five years apart is as far as figures are aged; past two, the line says to read it with care.
  assert.match(
    await page.getByTestId("bucketing-peers").innerText(),
    /midpoint USD 126,000 \(January 2019\), aged to USD 146,068\.53 over 5 years \(to January 2024\) — aged more than 2 years/,
  );
  assert.match(
    await page.getByTestId("gap-decomposition").innerText(),
    /^What explains the gap: as published, the proposed figure is 25% below its peers; .* \(aged to January 2024 at 3% a year, Employment Cost Index, wages and salaries\); .* remains\.$/,
  );

  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("a level's research log shows the spread between sources and lets the user pick the band in use", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, true);
  await page.getByRole("alert").filter({ hasText: "25% below" }).waitFor();
  const level = await openLevelBand(page, "Community", "Rank 2 · C2 Community Manager");
  await level.locator(".research-log > summary").click();
  assert.match(
    await level.getByTestId("research-spread").innerText(),
    /^Spread between 5 sources \(base salary\): USD 67,730 to USD 90,000, a spread of 32\.9%\. The sources measure different things/,
  );
  const entries = level.locator(".research-entry");
  assert.equal(await entries.count(), 5);
  assert.match(await entries.filter({ hasText: "In use" }).innerText(), /Example Co salary structure/);

  // Picking the 2015 survey average as the band: the peers are no longer comparable with it.
  await entries.filter({ hasText: "The Community Roundtable" }).getByRole("button", { name: /^Use as the band/ }).click();
  await page.getByTestId("bucketing-none").filter({ hasText: "No comparable band is left" }).waitFor();
  assert.match(await entries.filter({ hasText: "In use" }).innerText(), /The Community Roundtable/);
  assert.match(await page.getByTestId("bucketing-not-comparable").innerText(), /statistic: midpoint of a range, against mean \(average\)/);

  assert.deepEqual(problems, []);
  await context.close();
});

test("self-assessment: the user chooses the track and level to assess against; readiness by key area follows", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, true);
  const card = page.locator("article.assessment").first();
  await card.getByRole("heading", { name: "Towards Senior Community Manager (Community)" }).waitFor();
  assert.match(await card.locator(".readiness-overall").innerText(), /Meeting or exceeding 3 of 4 behaviours/);
  // Every behaviour of the sample is rated: they fold behind one line that says how (issue 31),
  // one step away.
  const rated = card.getByTestId("rated-behaviours");
  assert.equal(await rated.locator("summary").innerText(), "4 behaviours already rated: 2 meeting, 1 exceeding, 1 working towards");
  assert.equal(await card.locator("fieldset.rating").first().isVisible(), false);
  await rated.locator("summary").click();
  await card.locator("fieldset.rating").first().waitFor();
  assert.equal(await card.locator("fieldset.rating").count(), 4);

  // Another level of the same track: the sample's ratings were for Senior, so nothing is met yet.
  await card.getByLabel("Target level").selectOption({ label: "C4 Lead Community Manager (rank 4)" });
  await card.getByRole("heading", { name: "Towards Lead Community Manager (Community)" }).waitFor();
  assert.match(await card.locator(".readiness-overall").innerText(), /Meeting or exceeding 0 of 4 behaviours/);

  // Another track: the level of the same rank there.
  await card.getByLabel("Track to assess against").selectOption({ label: "Software Engineering" });
  await card.getByRole("heading", { name: "Towards Staff Software Engineer (Software Engineering)" }).waitFor();
  assert.equal(
    await card.getByLabel("Target level").evaluate((s) => s.options[s.selectedIndex].text),
    "E4 Staff Software Engineer (rank 4)",
  );
  const areas = card.locator(".area-readiness");
  const first = await areas.first().innerText();
  assert.match(first, /: 0 of \d+ met \(0%\)/);
  const radio = card.locator("fieldset.rating").first().getByRole("radio", { name: "meeting" });
  await radio.check();
  await card.locator(".area-readiness").first().filter({ hasText: /: 1 of \d+ met/ }).waitFor();
  assert.match(await card.locator(".readiness-overall").innerText(), /Meeting or exceeding 1 of/);
  // Rating does not rebuild the radios: keyboard focus stays where it was.
  assert.equal(await radio.evaluate((r) => r === document.activeElement), true);

  // Back to the first target: its ratings were kept.
  await card.getByLabel("Track to assess against").selectOption({ label: "Community" });
  await card.getByLabel("Target level").selectOption({ label: "C3 Senior Community Manager (rank 3)" });
  await card.locator(".readiness-overall").filter({ hasText: "3 of 4" }).waitFor();
  await card.getByLabel("Target level").selectOption({ label: "C4 Lead Community Manager (rank 4)" });
  await card.getByRole("heading", { name: "Towards Lead Community Manager (Community)" }).waitFor();

  await reloadCareer(page);
  const after = page.locator("article.assessment").first();
  await after.getByRole("heading", { name: "Towards Lead Community Manager (Community)" }).waitFor();
  assert.equal(await after.getByLabel("Track to assess against").evaluate((s) => s.options[s.selectedIndex].text), "Community");

  assert.deepEqual(problems, []);
  await context.close();
});

test("evidence cites an achieved goal of another plan, and keeps it when that plan changes, breaks or is deleted", async () => {
  const { context, page, problems } = await newSession(browser);
  // Plan A: the sample plan, with one goal marked achieved.
  await open(page, server);
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item").first().waitFor();
  await goTo(page, "Goals");
  await page.getByRole("link", { name: "Cut time to first API call" }).click();
  await heading1(page, "Cut time to first API call");
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Achieved" });
  await waitSaved(page);

  // Plan B: a new blank plan with a self-assessment.
  await goTo(page, "Plans");
  await page.getByLabel("Name", { exact: true }).fill("Review 2027");
  await page.getByRole("button", { name: "Create blank plan" }).click();
  await page.locator(".current-plan", { hasText: "Review 2027" }).waitFor();
  await goToCareer(page);
  await page.getByRole("button", { name: "Add Community track" }).click();
  await showEverything(page);
  await page.getByRole("button", { name: "Start a self-assessment" }).click();
  await page.getByRole("button", { name: "Add evidence" }).click();
  const evidence = page.getByTestId("evidence");
  await evidence.getByLabel("What you achieved").fill("Halved the time to first API call");

  const picker = evidence.getByLabel("Cites a goal");
  const offered = await picker.evaluate((s) => [...s.options].map((o) => o.text));
  assert.ok(offered.includes(`${SAMPLE} · Cut time to first API call (achieved)`), offered.join("\n"));
  assert.ok(!offered.some((o) => o.includes("Grow monthly active contributors")), "only achieved goals of other plans");
  await picker.selectOption({ label: `${SAMPLE} · Cut time to first API call (achieved)` });
  const citation = evidence.getByTestId("goal-citation");
  await citation.waitFor();
  const cited = await citation.innerText();
  assert.match(cited, /reduce median time from sign-up to first API call/);
  assert.match(cited, /Final check-in: .+ on /);
  assert.match(cited, new RegExp(`From plan “${SAMPLE}”, as cited on \\d{4}-\\d{2}-\\d{2}\\.`));
  assert.equal(await evidence.locator(".citation-note").count(), 0);

  // A plan that cannot be read is reported and skipped, and left exactly as it was.
  await waitSaved(page);
  await page.evaluate(() => localStorage.setItem("trellis.plan.pbroken", "{ this is not a plan"));
  await reloadCareer(page);
  // Evidence already there reads as one line until opened (issue 31).
  await page.locator(".evidence-fold > summary").first().click();
  const reloaded = page.getByTestId("evidence");
  assert.equal(await reloaded.getByTestId("goal-citation").innerText(), cited);
  await page.getByRole("status").filter({ hasText: "could not be read" }).waitFor();
  assert.equal((await storedData(page))["trellis.plan.pbroken"], "{ this is not a plan");
  assert.equal(await reloaded.getByLabel("Cites a goal").evaluate((s) => s.options[s.selectedIndex].text),
    `${SAMPLE} · Cut time to first API call (achieved)`);

  // Plan A deleted: the citation stays, with a clear note.
  await goTo(page, "Plans");
  await page.getByRole("button", { name: `Delete ${SAMPLE}` }).click();
  await page.getByRole("button", { name: "Delete plan" }).click();
  await page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor({ state: "detached" });
  await goToCareer(page);
  await page.locator(".evidence-fold > summary").first().click();
  const orphan = page.getByTestId("evidence");
  assert.equal(await orphan.getByTestId("goal-citation").innerText(), cited);
  assert.match(await orphan.locator(".citation-note").innerText(), new RegExp(`Plan “${SAMPLE}” is not in this browser`));

  // The brief carries the citation too, once the self-assessment is ticked for it.
  await page.getByLabel("Proposed role (track and level)").selectOption({ label: "Community · C2 Community Manager" });
  await page.getByLabel("Include my self-assessment (ratings and evidence)").check();
  await page.getByRole("button", { name: "Preview the brief" }).click();
  const preview = await page.getByTestId("brief-preview").innerText();
  assert.match(preview, /Halved the time to first API call/);
  assert.match(preview, new RegExp(`Goal: .*reduce median time from sign-up to first API call.*\\(From plan “${SAMPLE}”, as cited on`));
  assert.match(preview, /Final check-in: /);

  assert.deepEqual(problems, []);
  await context.close();
});

test("a band source link the plan file would refuse is shown as not saved, next to the field", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, false);
  await page.getByRole("button", { name: "Add Community track" }).click();
  await showEverything(page);
  const level = await openLevelBand(page, "Community", "Rank 2 · C2 Community Manager");
  const link = level.getByLabel("Link to the source");
  const saved = await link.inputValue();
  assert.match(saved, /^https:\/\//);

  await link.fill("javascript:alert(1)");
  const error = level.getByRole("alert").filter({ hasText: "Not saved" });
  await error.waitFor();
  assert.match(await error.innerText(), /https:\/\/, http:\/\/ or mailto:/);
  assert.match(await error.innerText(), new RegExp(`The saved link is still ${saved.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`));
  const errorId = await error.getAttribute("id");
  assert.ok((await link.getAttribute("aria-describedby")).split(" ").includes(errorId));
  assert.equal(await link.getAttribute("aria-invalid"), "true");
  await waitSaved(page);
  assert.ok(!JSON.stringify(await storedData(page)).includes("javascript:"), "the refused link is not stored");

  await link.fill("www.bls.gov/oes");
  await error.waitFor();
  await link.fill("https://www.bls.gov/oes/current/oes273031.htm");
  await error.waitFor({ state: "detached" });
  assert.equal(await link.getAttribute("aria-invalid"), null);
  await reloadCareer(page);
  const again = await openLevelBand(page, "Community", "Rank 2 · C2 Community Manager");
  assert.equal(await again.getByLabel("Link to the source").inputValue(), "https://www.bls.gov/oes/current/oes273031.htm");

  assert.deepEqual(problems, []);
  await context.close();
});

test("a pay record in another currency is flagged until a rate with date and source converts it visibly", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, false);
  await page.getByRole("button", { name: "Add Community track" }).click();
  await showEverything(page);
  await page.getByLabel("Proposed role (track and level)").selectOption({ label: "Community · C2 Community Manager" });
  await page.getByRole("button", { name: "Add a pay record" }).click();
  const record = page.locator("article.record");
  await record.getByLabel("Base salary").fill("72000");
  await record.getByLabel("Currency").fill("EUR");
  const flags = record.getByRole("status", { name: "Notes on this record" });
  await flags.filter({ hasText: "Amounts in EUR and USD are mixed but no EUR→USD exchange rate" }).waitFor();
  assert.match(await record.getByTestId("record-figures").innerText(), /Compa-ratio\s*—/);
  const banner = page.getByRole("alert").filter({ hasText: /Amounts in (USD and EUR|EUR and USD) are mixed/ });
  await banner.waitFor();

  await page.getByRole("button", { name: "Add an exchange rate" }).click();
  const rate = page.locator(".rate-row");
  assert.equal(await rate.getByLabel("From", { exact: true }).inputValue(), "EUR");
  assert.equal(await rate.getByLabel("To", { exact: true }).inputValue(), "USD");
  await rate.getByLabel("Rate (1 From buys …)").fill("1.1");
  await rate.getByLabel("Date", { exact: true }).fill("2026-11-02");
  await rate.getByLabel("Source", { exact: true }).fill("ECB reference rate");
  const conversion = record.getByTestId("conversion");
  await conversion.filter({ hasText: "ECB reference rate" }).waitFor();
  assert.equal(await conversion.innerText(), "Converted from EUR at 1 EUR = 1.1 USD (ECB reference rate, 2026-11-02).");
  assert.match(await record.getByTestId("record-figures").innerText(), /Compared with the band\s*USD 79,200 \(base salary\)/);
  assert.match(await record.getByTestId("record-figures").innerText(), /First-year total\s*EUR 72,000/);
  await banner.waitFor({ state: "detached" });
  assert.equal(await flags.filter({ hasText: "exchange rate" }).count(), 0);

  await reloadCareer(page);
  assert.equal(await page.getByTestId("conversion").innerText(), "Converted from EUR at 1 EUR = 1.1 USD (ECB reference rate, 2026-11-02).");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a figure picked from the reference data shows its source and year", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, false);
  await page.getByRole("button", { name: "Add Community track" }).click();
  await showEverything(page);
  const level = await openLevelBand(page, "Community", "Rank 4 · C4 Lead Community Manager");
  await level.locator(".reference-picker > summary").click();
  await level.getByLabel("Reference figure").selectOption("bls-ooh-2021-13-1082");
  const picked = level.locator(".reference-source");
  await picked.filter({ hasText: "2021" }).waitFor();
  assert.match(await picked.innerText(), /Source: U\.S\. Bureau of Labor Statistics, Occupational Outlook Handbook, 2021 \(official statistic\)/);
  assert.equal(
    await level.getByTestId("reference-facts").innerText(),
    "SOC 13-1082 · median · levels: all levels of an occupation · collected: a statistics office's survey of employers · United States (national) · May 2021 · sample: 781,400 jobs (2021)",
  );
  await level.getByRole("button", { name: "Use as this level's band" }).click();
  const source = level.locator(".band-source");
  await source.filter({ hasText: "2021" }).waitFor();
  assert.match(await source.innerText(), /Source: U\.S\. Bureau of Labor Statistics.*, 2021 \(official statistic\)/);
  assert.match(await level.locator("summary").filter({ hasText: "Band:" }).innerText(), /94,500/);
  assert.equal(await level.getByLabel("Median (50th)").inputValue(), "94500");

  await reloadCareer(page);
  const again = await openLevelBand(page, "Community", "Rank 4 · C4 Lead Community Manager");
  assert.match(await again.locator(".band-source").innerText(), /, 2021 \(official statistic\)/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("evidence is attached to the behaviours it shows and counted in readiness", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, false);
  await page.getByRole("button", { name: "Add Community track" }).click();
  await showEverything(page);
  await page.getByLabel("Target level", { exact: true }).selectOption({ label: "Community · C3 Senior Community Manager" });
  await page.getByRole("button", { name: "Start a self-assessment" }).click();
  const card = page.locator("article.assessment");
  await card.getByRole("heading", { name: "Towards Senior Community Manager (Community)" }).waitFor();
  await card.getByText("No evidence yet").waitFor();
  assert.equal(await card.getByText("No evidence cited yet.").count(), 4);

  await card.getByRole("button", { name: "Add evidence" }).click();
  const evidence = card.getByTestId("evidence");
  await evidence.getByLabel("What you achieved").fill("Ran the first contributor summit with 240 attendees");
  await evidence.getByLabel("Link (optional)").fill("https://example.org/summit-report");
  const behaviours = evidence.getByRole("group", { name: "Behaviours this shows" }).getByRole("checkbox");
  assert.equal(await behaviours.count(), 4);
  await behaviours.nth(2).check();
  await card.getByText("1 piece of evidence.").waitFor();
  assert.equal(await card.getByText("No evidence cited yet.").count(), 3);
  await evidence.getByRole("link", { name: "https://example.org/summit-report" }).waitFor();

  await reloadCareer(page);
  // Evidence already there reads as one line until opened (issue 31).
  await page.locator(".evidence-fold > summary", { hasText: "Ran the first contributor summit" }).click();
  const again = page.getByTestId("evidence");
  assert.equal(await again.getByLabel("What you achieved").inputValue(), "Ran the first contributor summit with 240 attendees");
  assert.ok(await again.getByRole("group", { name: "Behaviours this shows" }).getByRole("checkbox").nth(2).isChecked());
  // (The report panel's list of parts counts the evidence too.)
  await page.locator("article.assessment").first().getByText("1 piece of evidence.").waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

// Keyboard only from here: Tab / Shift+Tab / Enter / Space / arrows / typing.
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { name: "", tag: "BODY", ring: false };
    const label = el.labels?.[0]?.textContent ?? "";
    const name = (el.getAttribute("aria-label") || label || el.textContent || "").replace(/\s+/g, " ").trim();
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    return { name, tag: el.tagName, ring };
  });
}

async function tabTo(page, name, { back = false } = {}) {
  const wanted = typeof name === "string" ? (n) => n === name : (n) => name.test(n);
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const now = await focused(page);
    if (wanted(now.name)) {
      assert.ok(now.ring, `${now.name} shows a focus indicator`);
      return now;
    }
  }
  throw new Error(`Tab never reached ${name}`);
}

test("keyboard only: set up tracks from templates, choose the role, enter pay, see the bucketing check", async () => {
  const { context, page, problems } = await newSession(browser);
  await startPlan(page, false);
  await page.getByTestId("career-empty").waitFor();

  await tabTo(page, "Add Community track");
  await page.keyboard.press("Enter");
  // The track is in Tracks and levels, outside Career's core (issue 31): on the page, not shown.
  await page.locator(".track-card").first().waitFor({ state: "attached" });
  // Focus is not lost when the empty state gives way to the worksheet.
  await page.waitForFunction(() => document.activeElement?.dataset.template === "Community");
  assert.equal((await focused(page)).name, "Add Community track");
  await tabTo(page, "Add Software Engineering track");
  await page.keyboard.press("Enter");
  await tabTo(page, "Add Marketing track");
  await page.keyboard.press(" ");
  await page.locator(".track-card").nth(2).waitFor({ state: "attached" });
  assert.deepEqual(
    await page.locator(".track-card .track-name").allInnerTexts(),
    ["Community", "Software Engineering", "Marketing"],
  );

  await tabTo(page, "Proposed role (track and level)", { back: true });
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.getByTestId("bucketing-none").filter({ hasText: "No comparable band is left" }).waitFor();
  await tabTo(page, "Count Software Engineering · Software Engineer II anyway");
  await page.keyboard.press(" ");
  await tabTo(page, "Count Marketing · Marketing Specialist anyway");
  await page.keyboard.press(" ");
  const warning = page.getByTestId("bucketing-warning");
  await warning.waitFor();
  assert.match(await warning.innerText(), /Includes non-comparable figures\. Community Manager.*28\.6% below/s);
  assert.equal(
    await page.getByLabel("Proposed role (track and level)").evaluate((s) => s.options[s.selectedIndex].text),
    "Community · C2 Community Manager",
  );

  // Pay is outside Career's core: the step at the end of the page shows it, and the focus
  // stays at that step (issue 31).
  await tabTo(page, "Show everything");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "more-core-only");
  await tabTo(page, "Add a pay record", { back: true });
  await page.keyboard.press("Enter");
  await page.locator("article.record").waitFor();
  await tabTo(page, "Base salary", { back: true });
  await page.keyboard.type("72000");
  await page.getByTestId("record-figures").filter({ hasText: "72,000" }).waitFor();
  assert.match(await page.getByTestId("record-figures").innerText(), /First-year total\s*USD 72,000/);
  await page.getByTestId("band-chart").locator(".pay-marker").waitFor();

  // The threshold is reachable too: at 30% the same gap no longer warns.
  await tabTo(page, "Warn when more than this % below peers", { back: true });
  await page.keyboard.press("Control+A");
  await page.keyboard.type("30");
  await page.getByTestId("bucketing-ok").waitFor();
  assert.equal(await warning.count(), 0);

  assert.deepEqual(problems, []);
  await context.close();
});
