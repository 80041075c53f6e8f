// The readable documents (issue 27): the plan report from a tool's page and the evidence brief
// from Career, as HTML pages to download and as print. A plan with the author's current pay,
// an offer naming a company, a pay target and rated behaviours: by default neither document
// carries any of them, and with a part ticked it carries exactly that one. Both render at
// phone and desktop widths, on screen and in print, with no Content-Security-Policy violation
// (the harness fails any test that causes one, in the app or in a downloaded page).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { launch, serve, newSession, startWithSample, waitSaved, heading1, cspViolations, TEST_DATE, showEverything } from "./harness.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const SHOTS = "test-results/documents";
const AXE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function axeViolations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")} — ${v.help}`);
  });
}
/** The day the documents are written, as they write it: "9 December 2026". */
const TODAY = new Date(`${TEST_DATE}T12:00:00Z`).toLocaleDateString("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** What each private part puts in a document, when it is in. */
const PRIVATE = {
  "my current pay": ["Current pay (illustrative)", "USD 69,123"],
  "my offers": ["Globex Corporation", "Offer as HR proposes it"],
  "my pay targets": ["My stretch target", "USD 98,765"],
  "my self-assessment (ratings and evidence)": ["contributor summit", "working towards"],
};

/** The parts of PRIVATE that `text` carries; each part all or nothing. */
function privateIn(text) {
  const found = [];
  for (const [part, markers] of Object.entries(PRIVATE)) {
    const seen = markers.map((m) => text.includes(m));
    assert.ok(seen.every((s) => s) || seen.every((s) => !s), `${part} only partly in the document: ${seen}`);
    if (seen[0]) found.push(part);
  }
  return found;
}

async function goTo(page, tool) {
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: tool, exact: true }).click();
  await heading1(page, tool);
  // Each tool shows its core first (issue 31); these tests work in every section.
  if (tool !== "Plans") await showEverything(page);
}

/**
 * The sample plan, with the current pay and the offer made recognisable (69,123; Globex
 * Corporation), a pay target added, and the author's name for the byline.
 */
async function planWithEverythingPrivate(page) {
  await startWithSample(page, server);
  await goTo(page, "Career");
  const current = page.getByRole("article", { name: "Current pay (illustrative)" });
  await current.getByLabel("Base salary").fill("69123");
  const offer = page.getByRole("article", { name: "Offer as HR proposes it (illustrative)" });
  await offer.getByLabel("Company").fill("Globex Corporation");
  await page.getByRole("button", { name: "Add a pay record" }).click();
  const target = page.locator("article.record").last();
  await target.getByLabel("Label").fill("My stretch target");
  await target.getByLabel("Kind").selectOption({ label: "target" });
  await target.getByLabel("Base salary").fill("98765");
  await page.getByRole("article", { name: "My stretch target" }).waitFor();
  await page.getByLabel("Prepared by").fill("Alex Kim, DevRel <lead>");
  await waitSaved(page);
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return { name: file.suggestedFilename(), path: await file.path(), text: await readFile(await file.path(), "utf8") };
}

/** Ticks exactly `parts` (by label) among the switches inside `scope`, unticking the rest. */
async function tickOnly(scope, labels, parts) {
  for (const label of labels) {
    const box = scope.getByLabel(label, { exact: true });
    if (parts.includes(label)) await box.check();
    else await box.uncheck();
  }
}

/** Screenshots of a downloaded page at phone and desktop widths, on screen and in print. */
async function lookAt(context, download, name) {
  await mkdir(SHOTS, { recursive: true });
  // Under its own name, so the browser reads it as the HTML page it is.
  const file = `${SHOTS}/${name}.html`;
  await copyFile(download, file);
  const page = await context.newPage();
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(pathToFileURL(resolve(file)).href);
    await page.getByRole("heading", { level: 1 }).waitFor();
    // No horizontal scroll at either width: wide parts scroll inside themselves.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name} at ${width}px is ${overflow}px too wide`);
    assert.deepEqual(await axeViolations(page), [], `${name} at ${width}px`);
    await page.emulateMedia({ media: "screen" });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    if (width === 1280) {
      // The README's pictures (tests/e2e/screenshots/<name>.png) are copies of these: the top of
      // the sheet.
      const sheet = await page.locator("article.trellis-doc").boundingBox();
      await page.screenshot({
        path: `${SHOTS}/${name}-readme.png`,
        clip: { x: sheet.x, y: sheet.y, width: sheet.width, height: Math.min(sheet.height, 1000) },
      });
    }
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}-print.png`, fullPage: true });
  }
  for (const format of ["A4", "Letter"]) {
    const pdf = await page.pdf({ path: `${SHOTS}/${name}-${format}.pdf`, format });
    assert.ok(pdf.length > 10_000, `${name} prints to a ${format} PDF`);
  }
  const violations = await page.evaluate(() => window.__cspViolations ?? []);
  await page.close();
  return violations;
}

test("the plan report leaves every private part out by default and carries exactly the ones ticked", async () => {
  const { context, page, problems } = await newSession(browser);
  await planWithEverythingPrivate(page);
  await goTo(page, "Goals");
  const panel = page.locator("section.report-panel");
  await panel.getByRole("heading", { name: "Report for readers" }).waitFor();
  // The private parts are unticked, each with its reason; the shareable ones ticked.
  for (const label of ["My current pay", "My offers", "My pay targets", "My self-assessment (ratings and evidence)"]) {
    assert.equal(await panel.getByLabel(label, { exact: true }).isChecked(), false, `${label} off by default`);
  }
  for (const label of ["Goals and objectives", "Commitment curve", "Career tracks, levels and bands"]) {
    assert.equal(await panel.getByLabel(label, { exact: true }).isChecked(), true, `${label} on by default`);
  }
  assert.match(await panel.innerText(), /1 offer: Globex Corporation\. An outside offer names another employer/);

  const report = await download(page, "Download the report (HTML)");
  assert.match(report.name, /-report\.html$/);
  assert.deepEqual(privateIn(report.text), [], "nothing private by default");
  for (const text of [
    "<h1>Sample: Developer forum relaunch</h1>",
    `As of ${TODAY} · Prepared by Alex Kim, DevRel &lt;lead&gt;`,
    "<h3>Build the infrastructure for sustainable community growth</h3>",
    "<p class=\"statement\">Our goal is to",
    "<span class=\"status at-risk\">At risk</span>",
    "<dt>Forecast</dt>",
    ">Bottleneck: Discover → Join</text>",
    "<h3>Touch points that address the gap</h3>",
    "<h2>Career case</h2>",
  ]) {
    assert.ok(report.text.includes(text), `the report has ${text}`);
  }
  assert.ok(!report.text.includes("<script"), "no script");

  const labels = ["My current pay", "My offers", "My pay targets", "My self-assessment (ratings and evidence)"];
  for (const label of labels) {
    await tickOnly(panel, labels, [label]);
    const ticked = await download(page, "Download the report (HTML)");
    assert.deepEqual(privateIn(ticked.text), [label.toLowerCase()], `only ${label} with it ticked`);
  }
  // The career case goes only with the tracks: unticked, no offer can go either.
  await tickOnly(panel, labels, labels);
  await panel.getByLabel("Career tracks, levels and bands", { exact: true }).uncheck();
  const noTracks = await download(page, "Download the report (HTML)");
  assert.ok(!noTracks.text.includes("Career case"));
  assert.deepEqual(privateIn(noTracks.text), []);
  await panel.getByLabel("Career tracks, levels and bands", { exact: true }).check();
  await tickOnly(panel, labels, []);

  const seen = await lookAt(context, report.path, "report");
  assert.deepEqual(seen, []);

  // Printing from the app prints the report alone, from a layer of its own.
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  await panel.getByRole("button", { name: "Print the report" }).click();
  await page.waitForFunction(() => window.__printed === 1);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains("printing-document")), true);
  const layer = page.locator("body > .print-document");
  assert.equal(await layer.isVisible(), false, "on screen the layer stays hidden");
  await page.emulateMedia({ media: "print" });
  await layer.getByRole("heading", { level: 1, name: "Sample: Developer forum relaunch" }).waitFor();
  assert.equal(await page.locator("nav.app-nav").isVisible(), false, "only the report is printed");
  assert.equal(await page.getByRole("heading", { level: 1, name: "Goals" }).isVisible(), false);
  assert.deepEqual(privateIn(await layer.innerText()), []);
  await page.screenshot({ path: `${SHOTS}/report-printed-from-goals.png`, fullPage: true });
  // The dialog closed: the layer goes, and the page prints as itself again.
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  await layer.waitFor({ state: "detached" });
  await page.emulateMedia({ media: "screen" });

  // Every tool page offers it.
  for (const tool of ["Commitment curve", "Career"]) {
    await goTo(page, tool);
    await page.locator("section.report-panel").getByRole("button", { name: "Print the report" }).waitFor();
  }

  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("the evidence brief leaves every private part out by default, carries exactly the ones ticked, and its preview follows the plan", async () => {
  const { context, page, problems } = await newSession(browser);
  await planWithEverythingPrivate(page);
  const brief = page.locator("section[aria-labelledby='career-brief-title']");
  const labels = [
    "Include my current pay",
    "Include my offers",
    "Include my pay targets",
    "Include my self-assessment (ratings and evidence)",
  ];
  for (const label of labels) {
    assert.equal(await brief.getByLabel(label, { exact: true }).isChecked(), false, `${label} off by default`);
  }
  for (const [id, reason] of [
    ["current-pay-reason", /not to disclose your current or past pay/],
    ["offers-reason", /names another employer/],
    ["targets-reason", /your negotiating position/],
    ["self-assessment-reason", /a draft until you decide to share them/],
  ]) {
    assert.match(await brief.getByTestId(id).innerText(), reason);
  }

  const html = await download(page, "Download the brief (HTML)");
  assert.match(html.name, /-evidence-brief\.html$/);
  assert.deepEqual(privateIn(html.text), [], "nothing private by default");
  const markdown = await download(page, "Download the brief (Markdown)");
  assert.deepEqual(privateIn(markdown.text), [], "nor in the Markdown");
  // It opens with the finding; the template's note about HR is not presented as HR's.
  assert.ok(
    html.text.includes(
      `<h1>Evidence brief: Community Manager (Community)</h1>\n<p><em>Prepared by Alex Kim, DevRel &lt;lead&gt; · ${TODAY}</em></p>\n<h2>Bucketing check</h2>`,
    ),
    "the brief opens with its title, its byline and the finding",
  );
  assert.ok(html.text.indexOf("<h2>Bucketing check</h2>") < html.text.indexOf("<h2>The role</h2>"));
  assert.ok(html.text.includes("<h3>Expected behaviours by key area</h3>"));
  assert.ok(html.text.includes("<h2>Appendix: expected behaviours at rank 2</h2>"));
  assert.ok(!html.text.includes("<script"));

  for (const label of labels) {
    await tickOnly(brief, labels, [label]);
    const ticked = await download(page, "Download the brief (HTML)");
    const expected = [label.replace("Include ", "")];
    assert.deepEqual(privateIn(ticked.text), expected, `only ${label} in the HTML`);
    const md = await download(page, "Download the brief (Markdown)");
    assert.deepEqual(privateIn(md.text), expected, `only ${label} in the Markdown`);
  }
  await tickOnly(brief, labels, []);

  // The preview is the readable document, and it follows the switches and the plan.
  await brief.getByRole("button", { name: "Preview the brief" }).click();
  const preview = brief.getByTestId("brief-preview");
  await preview.getByRole("heading", { level: 1, name: "Evidence brief: Community Manager (Community)" }).waitFor();
  assert.deepEqual(privateIn(await preview.innerText()), []);
  assert.deepEqual(await axeViolations(page), [], "Career with the brief's preview open");
  await brief.getByLabel("Include my offers", { exact: true }).check();
  await preview.getByRole("heading", { name: "Pay: Offer as HR proposes it (illustrative)" }).waitFor();
  const offer = page.getByRole("article", { name: "Offer as HR proposes it (illustrative)" });
  await offer.getByLabel("Company").fill("Initech");
  await preview.getByText("Company: Initech").waitFor();
  await offer.getByLabel("Company").fill("Globex Corporation");
  await preview.getByText("Company: Globex Corporation").waitFor();
  await brief.getByLabel("Include my offers", { exact: true }).uncheck();
  await preview.getByText("Company: Globex Corporation").waitFor({ state: "detached" });

  const seen = await lookAt(context, html.path, "brief");
  assert.deepEqual(seen, []);

  // Printed from Career: the brief alone.
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  await brief.getByRole("button", { name: "Print the brief" }).click();
  await page.waitForFunction(() => window.__printed === 1);
  await page.emulateMedia({ media: "print" });
  const layer = page.locator("body > .print-document");
  await layer.getByRole("heading", { level: 1, name: "Evidence brief: Community Manager (Community)" }).waitFor();
  assert.equal(await page.getByRole("heading", { level: 1, name: "Career" }).isVisible(), false);
  await page.screenshot({ path: `${SHOTS}/brief-printed-from-career.png`, fullPage: true });

  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("at phone width the report panel and the brief's switches fit, and print from the page", async () => {
  const { context, page, problems } = await newSession(browser, { viewport: { width: 390, height: 844 } });
  await planWithEverythingPrivate(page);
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  const panel = page.locator("section.report-panel");
  await panel.getByRole("button", { name: "Download the report (HTML)" }).waitFor();
  await panel.scrollIntoViewIfNeeded();
  await mkdir(SHOTS, { recursive: true });
  await panel.screenshot({ path: `${SHOTS}/report-panel-390.png` });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the Career page is ${overflow}px too wide at 390px`);
  await panel.getByRole("button", { name: "Print the report" }).click();
  await page.waitForFunction(() => window.__printed === 1);
  await page.emulateMedia({ media: "print" });
  await page.locator("body > .print-document h1").waitFor();
  await page.screenshot({ path: `${SHOTS}/report-printed-390.png`, fullPage: true });
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});
