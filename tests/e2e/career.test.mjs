// The Career worksheet on the release build: tracks from templates, the side-by-side
// comparison, the bucketing warning, pay, the evidence brief, and persistence.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { launch, serve, newSession, open, cspViolations } from "./harness.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function goToCareer(page) {
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Career" }).click();
  await page.getByRole("heading", { level: 1, name: "Career" }).waitFor();
}

test("three tracks from templates, pay, bucketing warning that clears, brief, reload", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  await page.getByRole("button", { name: "Start a blank plan" }).click();
  await goToCareer(page);

  await page.getByTestId("career-empty").waitFor();
  await page.getByRole("button", { name: "Add Community track" }).click();
  await page.getByRole("button", { name: "Add Software Engineering track" }).first().click();
  await page.getByRole("button", { name: "Add Marketing track" }).first().click();
  assert.equal(await page.locator(".track-card").count(), 3);

  // Nothing to compare until the proposed role is chosen.
  assert.equal(await page.getByRole("alert").filter({ hasText: "bucketing" }).count(), 0);
  await page.getByLabel("Proposed role (track and level)").selectOption({ label: "Community · C2 Community Manager" });

  const warning = page.getByTestId("bucketing-warning");
  await warning.waitFor();
  assert.equal(await warning.getAttribute("role"), "alert");
  assert.match(await warning.innerText(), /28\.6% below/);

  // Side by side: the peers at the same rank with their bands and sources.
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
  assert.match(await page.getByTestId("bucketing-ok").innerText(), /above the median midpoint/);

  // The brief downloads as Markdown naming the tracks and the sources.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download the brief (Markdown)" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /evidence-brief\.md$/);
  const brief = await readFile(await download.path(), "utf8");
  assert.match(brief, /^# Evidence brief: Community Manager \(Community\)/);
  for (const text of ["Software Engineering", "Marketing", "U.S. Bureau of Labor Statistics", "## Sources", "USD 72,000"]) {
    assert.ok(brief.includes(text), `brief mentions ${text}`);
  }

  // Everything is still there after a reload.
  await page.waitForTimeout(1200);
  // A fresh load from the root (a deep-link reload is served by 404.html on a static host).
  await open(page, server);
  await goToCareer(page);
  assert.equal(await page.locator(".track-card").count(), 3);
  await page.getByTestId("bucketing-ok").waitFor();
  const selected = await page.getByLabel("Proposed role (track and level)").evaluate((s) => s.options[s.selectedIndex].text);
  assert.equal(selected, "Community · C2 Community Manager");
  assert.equal(await page.getByLabel("Base salary").inputValue(), "72000");
  assert.match(await page.getByTestId("record-figures").innerText(), /USD 79,200/);

  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("the sample plan warns that the community role sits 26.1% below its peers", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await goToCareer(page);
  const warning = page.getByRole("alert").filter({ hasText: "26.1% below" });
  await warning.waitFor();
  assert.match(await warning.innerText(), /Community Manager/);

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
