// Counting the curve from a member-activity file (issue 33): a file whose counts and flows are
// known by construction goes through the whole import (columns, rules, dates, confirm), a file
// with bad rows names them, and afterwards no member identifier from the file is in
// localStorage, an exported file or a share link.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { inflateSync } from "node:zlib";
import {
  launch, serve, newSession, startWithSample, SAMPLE, waitSaved, cspViolations, heading1, showEverything, storedData, leaveThrough,
} from "./harness.mjs";

const AXE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// The rules typed in the test, per stage of the sample's curve: [at least, types, days].
const RULES = {
  Lead: ["8", "review", "30"],
  Contribute: ["4", "commit", "30"],
  Join: ["2", "", "30"],
  Discover: ["1", "", "30"],
};

/**
 * Groups of members with the activity that puts them in a stage in January, February and
 * March 2026 (null: none that month). Each month's activity is on the 10th and the days after,
 * inside that month's 30-day window and no other.
 */
const GROUPS = {
  a: { size: 10, months: ["Discover", "Discover", "Discover"] }, // stay
  b: { size: 6, months: ["Discover", "Join", "Contribute"] }, // move up twice
  c: { size: 7, months: ["Join", null, "Discover"] }, // leave, return
  d: { size: 5, months: ["Lead", "Lead", "Join"] }, // move down
  e: { size: 8, months: [null, null, "Discover"] }, // new in March
};
const ACTIVITY = { Discover: [1, "post"], Join: [2, "post"], Contribute: [4, "commit"], Lead: [8, "review"] };

function memberId(group, i) {
  return `member-${group}${i}@example.org`;
}

/** The file, as a platform exports it: CRLF, a time with a zone, rows not in date order. */
function activityCsv() {
  const rows = [];
  for (const [group, { size, months }] of Object.entries(GROUPS)) {
    for (let i = 0; i < size; i++) {
      months.forEach((stage, m) => {
        if (!stage) return;
        const [n, type] = ACTIVITY[stage];
        for (let k = 0; k < n; k++) {
          const day = String(10 + k).padStart(2, "0");
          rows.push(`${memberId(group, i)},2026-0${m + 1}-${day}T12:00:00+01:00,${type},forum`);
        }
      });
    }
  }
  // The file's span: from 1 January (outside every window) to 31 March (a third post of a
  // member already in Join that month), so the month ends are the default dates.
  rows.push(`${memberId("a", 0)},2026-01-01,post,forum`, `${memberId("d", 0)},2026-03-31,post,forum`);
  rows.reverse();
  return "user,created_at,action,channel\r\n" + rows.join("\r\n") + "\r\n";
}

const BAD = [
  "user,created_at,action",
  "member-x1@example.org,2026-01-10,post",
  ",2026-01-10,post",
  "member-x2@example.org,tomorrow,post",
  "member-x1@example.org,2026-01-10,post",
  "member-x3@example.org",
].join("\n");

async function openImport(page) {
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Commitment curve" }).click();
  await heading1(page, "Commitment curve");
  await showEverything(page);
  await page.getByRole("button", { name: "Count from an activity file…" }).click();
  await page.getByTestId("activity-privacy").waitFor();
}

async function pick(page, name, text) {
  await page.getByLabel("Activity file (CSV, TSV or JSON Lines)").setInputFiles({
    name,
    mimeType: "text/csv",
    buffer: Buffer.from(text),
  });
}

function decodeLink(link) {
  const data = link.split("#plan=")[1].replace(/-/g, "+").replace(/_/g, "/");
  return inflateSync(Buffer.from(data, "base64")).toString("utf8");
}

test("a file with known counts and flows goes through the import, and no member identifier stays", async () => {
  const { context, page, problems } = await newSession(browser);
  await startWithSample(page, server);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await openImport(page);
  // Said before any file is read.
  assert.match(await page.getByTestId("activity-privacy").innerText(), /never uploaded\. Member identifiers stay here/);
  const before = await storedData(page);

  await pick(page, "forum-activity.csv", activityCsv());
  await page.getByTestId("activity-summary").waitFor();
  assert.equal(await page.getByLabel("Member column").evaluate((s) => s.options[s.selectedIndex].text), "user");
  assert.equal(await page.getByLabel("Date column").evaluate((s) => s.options[s.selectedIndex].text), "created_at");
  assert.equal(await page.getByLabel("Activity type column").evaluate((s) => s.options[s.selectedIndex].text), "action");
  assert.match(await page.getByTestId("activity-summary").innerText(), /^Read [\d,]+ rows: [\d,]+ activities of 36 members from 2026-01-01 to 2026-03-31; 0 rows skipped\.$/);

  // The rules, typed per stage; each read back as a sentence.
  for (const [stage, [n, types, days]] of Object.entries(RULES)) {
    const group = page.getByRole("group", { name: stage, exact: true });
    const box = group.getByRole("checkbox");
    if (!(await box.isChecked())) await box.check();
    await group.getByLabel("At least (activities)").fill(n);
    await group.getByLabel("Of these types (commas; blank: any)").fill(types);
    await group.getByLabel("In the last (days)").fill(days);
    await group.getByLabel("In the last (days)").press("Tab");
  }
  await page.getByTestId("activity-sentences").getByText("Lead: at least 8 activities of type review in the last 30 days.").waitFor();
  assert.deepEqual(await page.getByTestId("activity-sentences").locator("li").allInnerTexts(), [
    "Lead: at least 8 activities of type review in the last 30 days.",
    "Contribute: at least 4 activities of type commit in the last 30 days.",
    "Join: at least 2 activities of any type in the last 30 days.",
    "Discover: at least 1 activity of any type in the last 30 days.",
  ]);
  assert.equal(await page.getByTestId("activity-dates").inputValue(), "2026-01-31, 2026-02-28, 2026-03-31");

  // The counts and flows by construction; nothing has changed yet.
  const table = page.getByTestId("activity-counts");
  await table.waitFor();
  const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(rows, [
    // Date, Discover, Join, Contribute, Lead, New, Moved up, Moved down, Left
    ["2026-01-31", "16", "7", "0", "5", "—", "—", "—", "—"],
    ["2026-02-28", "10", "6", "0", "5", "0", "6", "0", "7"],
    ["2026-03-31", "25", "5", "6", "0", "15", "6", "5", "0"],
  ]);
  assert.deepEqual(await storedData(page), before);
  // Every step of the panel, the advanced options open, passes axe.
  await page.getByTestId("activity-advanced").locator("summary").click();
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document.getElementById("activity-import"), { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")} — ${v.help}`);
  });
  assert.deepEqual(violations, []);
  await page.getByTestId("activity-advanced").locator("summary").click();
  // The README's picture (tests/e2e/screenshots/activity-import.png) is a copy of this one.
  await page.getByTestId("activity-import").screenshot({ path: "test-results/activity-import.png" });

  await page.getByTestId("activity-confirm").click();
  await page.getByTestId("activity-status").getByText(/^Added 3 snapshots with flows\. Counted from forum-activity\.csv/).waitFor();
  await waitSaved(page);

  // The plan holds the counts, the flows and the rules; no member identifier anywhere.
  const stored = JSON.stringify(await storedData(page));
  assert.ok(stored.includes("forum-activity.csv"), "the snapshots say where they came from");
  assert.ok(stored.includes("at least 8 activities of type review"), "the rules are kept");
  assert.ok(!stored.includes("example.org") && !stored.includes("member-"), "no member identifier in localStorage");

  // The snapshot CSV export shows counts under 5 as such: none here but zeros.
  const [csv] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: /snapshots.*CSV|CSV.*snapshots/i }).first().click(),
  ]);
  const exported = await readFile(await csv.path(), "utf8");
  assert.ok(exported.includes("2026-03-31,25,5,6,0"), exported);
  assert.ok(!exported.includes("example.org"));

  // Undo takes the whole import back in one step.
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await page.waitForFunction(() => !JSON.stringify(Object.values(localStorage)).includes("forum-activity.csv"));
  await page.getByRole("button", { name: "Redo", exact: true }).click();
  await page.waitForFunction(() => JSON.stringify(Object.values(localStorage)).includes("forum-activity.csv"));
  await waitSaved(page);

  // An exported plan file and a share link carry no member identifier either.
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Plans" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), leaveThrough(page, SAMPLE, "file", { include: "all" })]);
  const file = await readFile(await download.path(), "utf8");
  assert.ok(file.includes("forum-activity.csv"));
  assert.ok(!file.includes("example.org") && !file.includes("member-"), "no member identifier in the exported file");
  await leaveThrough(page, SAMPLE, "link", { include: "all" });
  await page.waitForFunction(async () => (await navigator.clipboard.readText()).includes("#plan="));
  const link = decodeLink(await page.evaluate(() => navigator.clipboard.readText()));
  assert.ok(link.includes("forum-activity.csv"));
  assert.ok(!link.includes("example.org") && !link.includes("member-"), "no member identifier in the share link");

  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a file with bad rows names each by line, counts them by reason and changes nothing", async () => {
  const { context, page, problems } = await newSession(browser);
  await startWithSample(page, server);
  await openImport(page);
  const before = await storedData(page);
  await pick(page, "bad.csv", BAD);
  const listed = page.getByTestId("activity-row-problems");
  await listed.waitFor();
  assert.deepEqual(await listed.locator("li").allInnerTexts(), [
    "Line 3: no member. Skipped.",
    "Line 4: `tomorrow` is not a date Trellis reads (2026-03-05, 2026-03-05T14:02:00Z, 05.03.2026, 3/5/2026). Skipped.",
    "Line 5: the same as line 2 in every column; counted once.",
    "Line 6: 1 field, but the chosen columns need 3. Skipped.",
  ]);
  assert.deepEqual(await page.getByTestId("activity-skipped").locator("ul").first().locator("li").allInnerTexts(), [
    "too few fields: 1 row",
    "no member: 1 row",
    "a date Trellis does not read: 1 row",
    "a duplicate of an earlier row (counted once): 1 row",
  ]);
  // No problem quotes a member identifier.
  assert.ok(!(await listed.innerText()).includes("example.org"));
  assert.deepEqual(await storedData(page), before);

  // Cancel closes the panel; nothing changed.
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await page.getByTestId("activity-import").waitFor({ state: "detached" });
  assert.deepEqual(await storedData(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});
