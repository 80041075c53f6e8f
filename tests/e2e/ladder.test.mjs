// Bring your own ladder: a spreadsheet's CSV imported with a preview (problems named by
// line, nothing changed until confirmed, undoable), then compared with a template track.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, newSession, open, waitSaved, cspViolations, showEverything } from "./harness.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// As a spreadsheet exports it: CRLF, quoted fields, a quote and a line break inside a cell.
const LADDER =
  "Level,Title,Scope,Competency,Expectations\r\n" +
  'A1,Associate Advocate,Self,Content,"Writes tutorials, with review"\r\n' +
  "A1,Associate Advocate,Self,Community,Answers questions\r\n" +
  'A2,Advocate,Team,Content,"Owns a content series;\r\nmeasures it"\r\n' +
  'A2,Advocate,Team,Community,"Runs the ""office hours"""\r\n';

const BROKEN = "Level,Title,Scope\r\nA1,Associate,Self\r\nA1,Junior,Self\r\nA2,Advocate,galaxy\r\n";

async function pick(page, name, text) {
  await page.getByLabel("Ladder file (CSV, TSV or Markdown)").setInputFiles({
    name,
    mimeType: "text/csv",
    buffer: Buffer.from(text),
  });
}

test("import a ladder from a CSV file and compare it with a template track", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  await page.getByRole("button", { name: "Start a blank plan" }).click();
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Career", exact: true }).click();
  await page.getByRole("button", { name: "Add Community track" }).click();
  // The track is in Tracks and levels, outside Career's core until shown (issue 31).
  await page.locator(".track-card").first().waitFor({ state: "attached" });
  // Bringing one's own ladder is outside Career's core (issue 31).
  await showEverything(page);

  // Problems, each with its line; nothing changes.
  await pick(page, "broken.csv", BROKEN);
  const listed = page.getByTestId("ladder-problems");
  await listed.waitFor();
  assert.deepEqual(await listed.locator("li").allInnerTexts(), [
    'Line 3: level "A1" is titled "Junior" here but "Associate" on line 2.',
    'Line 4: "galaxy" is not a scope; use self, team, several teams, organisation, company or industry.',
  ]);
  assert.equal(await page.getByRole("button", { name: "Import the ladder" }).count(), 0);
  assert.equal(await page.locator(".track-card").count(), 1);

  // A sound file: the preview maps the columns and names the track.
  await pick(page, "ladder.csv", LADDER);
  const summary = page.getByTestId("ladder-summary");
  await summary.waitFor();
  assert.equal(await summary.innerText(), "Ready to import: 1 track, 2 levels, 2 key areas, 4 behaviours.");
  assert.equal(await page.getByLabel("Key area column").evaluate((s) => s.options[s.selectedIndex].text), "Competency");
  assert.equal(await page.getByLabel("Behaviour column").evaluate((s) => s.options[s.selectedIndex].text), "Expectations");
  await page.getByLabel("Name of the imported track").fill("Developer advocacy");
  await page.getByTestId("ladder-preview").getByText("Developer advocacy").waitFor();
  assert.equal(await page.locator(".track-card").count(), 1);

  await page.getByRole("button", { name: "Import the ladder" }).click();
  await page.getByText("Imported 1 track, 2 levels, 2 key areas, 4 behaviours.").waitFor();
  assert.equal(await page.locator(".track-card").count(), 2);

  // Undo takes it back, Redo brings it again.
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll(".track-card").length === 1);
  await page.getByRole("button", { name: "Redo", exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll(".track-card").length === 2);

  // The imported ladder takes part in the comparison and the parity check.
  await page.getByLabel("Proposed role (track and level)").selectOption({ label: "Developer advocacy · A2 Advocate" });
  await page.locator(".compare-fold > summary").click();
  const table = page.getByTestId("compare-table");
  await table.filter({ hasText: "Community Manager" }).waitFor();
  assert.match(await table.innerText(), /Owns a content series;\s*measures it/);
  assert.match(await page.getByTestId("parity-gaps").innerText(), /Developer advocacy has 2 levels but Community has 6\./);
  await waitSaved(page);

  // Exported back as CSV, the same shape.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export the ladder (CSV)" }).click(),
  ]);
  const exported = await (await download.createReadStream()).toArray().then((parts) => Buffer.concat(parts).toString("utf8"));
  assert.ok(exported.startsWith("Track,Level,Title,Scope,Key area,Behaviour\r\n"), exported.slice(0, 80));
  assert.ok(exported.includes('Developer advocacy,A2,Advocate,Team,Community,"Runs the ""office hours"""\r\n'), exported);

  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});
