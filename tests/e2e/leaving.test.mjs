// What leaves the browser: a share link, an exported file and copied JSON carry none of the
// author's pay, offers, targets or self-assessment unless she ticks them, then exactly the
// ticked ones; a copy that comes back without them never deletes her own.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { inflateSync } from "node:zlib";
import {
  launch, serve, newSession, open, SAMPLE, startWithSample, leaveThrough, storedData, cspViolations, openFiles,
} from "./harness.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const CASE = "Case for Dana";
// What each private part puts in the plan, as it would appear in the JSON.
const SECRETS = {
  "My current pay": ["6800000", "Current employer"],
  "My offers": ["7200000", "Globex Corporation"],
  "My pay targets": ["9100000", "What I am asking for"],
  "My self-assessment (ratings and evidence)": ["working_towards", "240 attendees from 31 companies"],
};

/** The sample with everything in it, then an offer from Globex and a target: "Case for Dana". */
async function startCase(page) {
  await startWithSample(page, server);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await leaveThrough(page, SAMPLE, "json", { include: "all" });
  await page.locator(".notice", { hasText: "Copied the plan as JSON" }).waitFor();
  const doc = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.ok(!("left_out" in doc) || !doc.left_out.includes("offers"), "the whole sample was copied");
  doc.id = "pcase";
  doc.name = CASE;
  for (const r of doc.career.comp_records) if (r.kind === "offer") r.company = "Globex Corporation";
  doc.career.comp_records.push({ id: "r9001", label: "What I am asking for", kind: "target", currency: "USD", base: 9100000 });
  doc.next_id = Math.max(doc.next_id, 9001);
  await openFiles(page);
  await page.getByLabel("Or paste the plan's JSON").fill(JSON.stringify(doc));
  await page.getByRole("button", { name: "Import pasted plan" }).click();
  await page.locator(".plan-item .plan-name", { hasText: CASE }).waitFor();
}

/** Asserts that `text` holds the secrets of exactly the `ticked` parts. */
function holdsExactly(text, ticked, where) {
  for (const [part, secrets] of Object.entries(SECRETS)) {
    for (const secret of secrets) {
      assert.equal(text.includes(secret), ticked.includes(part), `${where}: ${part} (“${secret}”)`);
    }
  }
  // The shareable parts go in every case.
  assert.ok(text.includes("Grow monthly active contributors"), `${where}: the goals`);
  assert.ok(text.includes("Community Manager"), `${where}: the tracks`);
}

function decodeLink(link) {
  const data = link.split("#plan=")[1].replace(/-/g, "+").replace(/_/g, "/");
  return inflateSync(Buffer.from(data, "base64")).toString("utf8");
}

const SELECTIONS = [[], ["My offers"], ["My current pay", "My self-assessment (ratings and evidence)"], ["My pay targets"]];

test("a share link carries no private part by default and exactly the ticked ones", async () => {
  const { context, page, problems } = await newSession(browser);
  await startCase(page);
  for (const ticked of SELECTIONS) {
    await leaveThrough(page, CASE, "link", { include: ticked });
    await page.locator(".notice", { hasText: "Copied a share link" }).last().waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    holdsExactly(decodeLink(link), ticked, `link with ${ticked.join(", ") || "defaults"}`);
    await page.evaluate(() => navigator.clipboard.writeText(""));
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("an exported file carries no private part by default and exactly the ticked ones", async () => {
  const { context, page, problems } = await newSession(browser);
  await startCase(page);
  for (const ticked of SELECTIONS) {
    const [download] = await Promise.all([page.waitForEvent("download"), leaveThrough(page, CASE, "file", { include: ticked })]);
    assert.equal(download.suggestedFilename(), `${CASE}.trellis.json`);
    holdsExactly(await readFile(await download.path(), "utf8"), ticked, `file with ${ticked.join(", ") || "defaults"}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("copied JSON carries no private part by default and exactly the ticked ones", async () => {
  const { context, page, problems } = await newSession(browser);
  await startCase(page);
  for (const ticked of SELECTIONS) {
    await page.evaluate(() => navigator.clipboard.writeText(""));
    await leaveThrough(page, CASE, "json", { include: ticked });
    await page.waitForFunction(async () => (await navigator.clipboard.readText()).length > 0);
    holdsExactly(await page.evaluate(() => navigator.clipboard.readText()), ticked, `JSON with ${ticked.join(", ") || "defaults"}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("the step shows what each part holds, warns while a private part is ticked, and Cancel sends nothing", async () => {
  const { context, page } = await newSession(browser);
  await startCase(page);
  await page.getByRole("button", { name: `Share a link to ${CASE}`, exact: true }).click();
  const step = page.getByTestId("share-step");
  await step.getByRole("heading", { name: `Share a link to “${CASE}”` }).waitFor();
  const offers = step.getByLabel(/^My offers — 1 offer: Globex Corporation$/);
  assert.equal(await offers.isChecked(), false);
  assert.equal(await step.getByLabel(/^Goals and objectives — 4 goals in 2 objectives$/).isChecked(), true);
  assert.equal(await step.getByTestId("share-warning").count(), 0);
  await offers.check();
  assert.equal(
    await step.getByTestId("share-warning").innerText(),
    "This link will carry my offers (1 offer: Globex Corporation). Anyone who gets it can read them, and you cannot take them back.",
  );
  await offers.uncheck();
  await step.getByTestId("share-warning").waitFor({ state: "detached" });
  // The self-assessment rates the tracks' behaviours: without the tracks it cannot go.
  const assessment = step.getByLabel(/^My self-assessment/);
  await step.getByLabel(/^Career tracks, levels and bands/).uncheck();
  assert.equal(await assessment.isDisabled(), true);
  await step.getByRole("button", { name: "Cancel" }).click();
  await step.waitFor({ state: "detached" });
  assert.equal(await page.locator(".notice", { hasText: "Copied a share link" }).count(), 0);
  await context.close();
});

test("a copy exported without the private parts, imported over the plan, keeps the author's own", async () => {
  const { context, page, problems } = await newSession(browser);
  await startCase(page);
  const [download] = await Promise.all([page.waitForEvent("download"), leaveThrough(page, CASE, "file")]);
  await page.locator(".notice", { hasText: "It is not a backup" }).waitFor();
  const text = await readFile(await download.path(), "utf8");
  const doc = JSON.parse(text);
  assert.deepEqual(doc.left_out, ["current_pay", "offers", "targets", "self_assessment"]);
  // It comes back with a changed name; Replace mine.
  doc.name = `${CASE} (reviewed)`;
  await openFiles(page);
  await page.getByLabel("Or paste the plan's JSON").fill(JSON.stringify(doc));
  await page.getByRole("button", { name: "Import pasted plan" }).click();
  await page.getByTestId("collision").getByRole("button", { name: "Replace mine" }).click();
  await page.locator(".plan-item .plan-name", { hasText: `${CASE} (reviewed)` }).waitFor();
  const stored = (await storedData(page))["trellis.plan.pcase"];
  for (const secrets of Object.values(SECRETS)) for (const secret of secrets) assert.ok(stored.includes(secret), `kept ${secret}`);
  assert.ok(!stored.includes("left_out"), "the stored plan is whole");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a share link is as short as the parts it carries allow", async () => {
  const { context, page } = await newSession(browser);
  await startWithSample(page, server);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const lengthWith = async (options) => {
    await page.evaluate(() => navigator.clipboard.writeText(""));
    await leaveThrough(page, SAMPLE, "link", options);
    await page.waitForFunction(async () => (await navigator.clipboard.readText()).includes("#plan="));
    return (await page.evaluate(() => navigator.clipboard.readText())).length;
  };
  const everything = await lengthWith({ include: "all" });
  const shared = await lengthWith({});
  // What a VP needs for a quarterly plan: the goals and the curve.
  await page.getByRole("button", { name: `Share a link to ${SAMPLE}`, exact: true }).click();
  await page.getByTestId("share-step").getByLabel(/^Career tracks, levels and bands/).uncheck();
  await page.evaluate(() => navigator.clipboard.writeText(""));
  await page.getByTestId("share-step").getByRole("button", { name: "Copy the link" }).click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()).includes("#plan="));
  const goalsAndCurve = (await page.evaluate(() => navigator.clipboard.readText())).length;
  console.log(`share link of the sample: everything ${everything}, by default ${shared}, goals and curve ${goalsAndCurve} characters`);
  assert.ok(shared < everything && goalsAndCurve < shared, `${goalsAndCurve} < ${shared} < ${everything}`);
  await context.close();
});

test("a plan file can be only viewed: read-only, nothing added until Add", async () => {
  const { context, page, problems } = await newSession(browser);
  await startCase(page);
  const [download] = await Promise.all([page.waitForEvent("download"), leaveThrough(page, CASE, "file")]);
  const before = await storedData(page);
  await openFiles(page);
  await page.locator("#view-file").setInputFiles(await download.path());
  const view = page.getByTestId("shared-view");
  await view.getByRole("heading", { level: 1, name: CASE }).waitFor();
  assert.match(await view.innerText(), /It came without the sender's private parts/);
  assert.ok(!(await view.innerText()).includes("Globex"), "the file carried no offer");
  assert.deepEqual(await storedData(page), before, "viewing stores nothing");
  await view.getByRole("button", { name: "Close" }).click();
  await view.waitFor({ state: "detached" });
  await page.locator(".plan-item .plan-name", { hasText: CASE }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
