// The work against the title: tag goals, objectives and touch points with the scope they
// demand and the career key areas they exercise, say whose work is the role's, and see the
// scope check in Career, the self-assessment's offered evidence and the brief follow.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { launch, serve, newSession, open, startWithSample, waitSaved, cspViolations, heading1, showEverything } from "./harness.mjs";

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

test("tagging a goal moves the scope check in Career, the offered evidence and the brief", async () => {
  const { context, page, problems } = await newSession(browser, { viewport: { width: 1280, height: 900 } });
  await startWithSample(page, server);

  // The sample says whose work is the role's and tags what its data supports: the first
  // objective and its contributor goal span several teams. Untagged work is listed, not guessed.
  await goTo(page, "Career");
  const findings = page.getByTestId("scope-findings");
  await findings.waitFor();
  assert.equal(
    await findings.locator("li > p").first().innerText(),
    "1 goal and 1 objective owned by the role or its team are tagged at several teams scope, wider than Community Manager's (team): the scope of C3 Senior Community Manager.",
  );
  assert.doesNotMatch(await page.locator("section[aria-labelledby='career-scope-title']").innerText(), /rule of thumb|asks .* to own/i);
  assert.match(
    await page.getByTestId("scope-not-tagged").innerText(),
    /Simplify onboarding to increase developer success \(objective, owner: Developer community team, with developer education\)/,
  );
  assert.equal(await page.getByTestId("scope-areas").count(), 0);

  // Unticking an owner takes its work out of the count; ticking it back returns it.
  const owners = page.getByTestId("role-owners");
  await owners.getByLabel("The community team", { exact: true }).uncheck();
  await page.getByTestId("scope-others").filter({ hasText: `${GOAL} (goal, owner: The community team)` }).waitFor();
  assert.match(await findings.innerText(), /^1 objective owned by the role or its team is tagged at several teams scope/);
  await owners.getByLabel("The community team", { exact: true }).check();
  await findings.filter({ hasText: "1 goal and 1 objective owned by the role" }).waitFor();

  // Tag one goal: organisation scope, one key area of the Community track.
  await goTo(page, "Goals");
  await page.getByRole("link", { name: GOAL }).first().click();
  await heading1(page, GOAL);
  await showEverything(page);
  const tags = page.getByTestId("work-tags");
  await tags.getByLabel("Scope it demands").selectOption({ label: "Organisation" });
  await tags.locator("summary").click();
  await tags.getByLabel("Community · Growing yourself and others").check();
  await tags.locator("summary").filter({ hasText: "(1 chosen)" }).waitFor();
  await waitSaved(page);

  await goTo(page, "Career");
  await findings
    .filter({ hasText: "1 goal owned by the role or its team is tagged at organisation scope, wider than Community Manager's (team): the scope of C4 Lead Community Manager." })
    .waitFor();
  assert.equal(
    await page.getByTestId("scope-summary").innerText(),
    // "The community team" was ticked again above, so it is named last.
    "4 of the 10 pieces of work in this plan are owned by the role or its team (Developer community team, Community manager and The community team) and tagged with a scope: 2 fit Community Manager's scope (team); 2 are wider. Not counted: 6 not tagged with a scope.",
  );
  assert.equal(await page.getByTestId("scope-next").innerText(), "The next level, C3 Senior Community Manager, has scope several teams.");
  const row = page.getByTestId("scope-areas").getByRole("row", { name: /Growing yourself and others/ });
  assert.match(await row.innerText(), new RegExp(GOAL));
  assert.match(await row.innerText(), /Spots and grows active members/);

  // The README's screenshot (tests/e2e/screenshots/scope-check.png) is a copy of this one.
  await mkdir("test-results", { recursive: true });
  await page.locator("section[aria-labelledby='career-scope-title']").screenshot({ path: "test-results/scope-check.png" });

  // The self-assessment offers the goal as evidence; adding it cites the goal.
  const offered = page.getByTestId("offered-evidence");
  await offered.getByRole("button", { name: `Add “${GOAL}” as evidence` }).click();
  await offered.waitFor({ state: "detached" });
  const card = page.locator("article.assessment").first().getByTestId("evidence").last();
  assert.equal(await card.getByLabel("What you achieved").inputValue(), GOAL);
  assert.match(await card.getByTestId("goal-citation").innerText(), /grow monthly active contributors to the SDK repositories/i);
  // It shows the target level's (C3) behaviour in the goal's key area.
  assert.equal(await card.getByLabel(/^Growing yourself and others: Mentors other community staff/).isChecked(), true);

  // The brief includes the check (its preview is the readable document).
  await page.getByRole("button", { name: "Preview the brief" }).click();
  const brief = await page.getByTestId("brief-preview").innerText();
  await page.getByTestId("brief-preview").getByRole("heading", { name: "The work in this plan against the title" }).waitFor();
  assert.match(brief, /1 goal owned by the role or its team is tagged at organisation scope, wider than Community Manager's \(team\): the scope of C4 Lead Community Manager\./);
  assert.match(brief, new RegExp(`${GOAL} \\(goal, owner: The community team\\)`));
  assert.match(brief, /Not tagged with a scope, not counted:/);

  // A finding links to its goal.
  await page.getByTestId("scope-findings").getByRole("link", { name: GOAL }).click();
  await heading1(page, GOAL);
  await showEverything(page);

  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("work tagged narrower, or untagged, leaves the finding; the tags survive a reload", async () => {
  const { context, page, problems } = await newSession(browser);
  await startWithSample(page, server);
  await goTo(page, "Goals");
  for (const objective of await page.getByRole("button", { name: /^Edit objective/ }).all()) {
    await objective.click();
    const tags = page.getByTestId("work-tags");
    await tags.getByLabel("Scope it demands").selectOption({ label: "Team" });
    await page.getByRole("button", { name: "Done" }).click();
  }
  await page.getByRole("link", { name: GOAL }).first().click();
  await heading1(page, GOAL);
  await showEverything(page);
  await page.getByTestId("work-tags").getByLabel("Scope it demands").selectOption({ label: "Not tagged" });
  await waitSaved(page);
  await open(page, server);
  await goTo(page, "Career");
  const summary = page.getByTestId("scope-summary");
  await summary.waitFor();
  assert.match(await summary.innerText(), /^3 of the 10 pieces of work in this plan are owned by the role or its team \(.*\) and tagged with a scope: 3 fit Community Manager's scope \(team\)\./);
  assert.equal(await page.getByTestId("scope-findings").count(), 0);
  assert.match(await page.getByTestId("scope-not-tagged").innerText(), new RegExp(`${GOAL} \\(goal, owner: The community team\\)`));
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});
