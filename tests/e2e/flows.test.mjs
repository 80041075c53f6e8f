// Touches dates: flows end on a chosen day; the sample's goals are dated from today.
// Flows between two dates on the commitment curve: typed per stage, they turn conversion into
// an observed rate (moved up ÷ were there) and move the bottleneck to where it is lowest.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
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

const COLUMNS = ["moved in", "stayed", "moved up", "moved down", "left"];

async function typeFlows(page, rows) {
  for (const [stage, values] of Object.entries(rows)) {
    for (const [i, value] of values.entries()) {
      await page.getByLabel(`${stage}: ${COLUMNS[i]}`, { exact: true }).fill(String(value));
    }
  }
  await page.getByRole("button", { name: "Save these flows" }).click();
}

test("typed flows give observed rates, and the bottleneck follows them", async () => {
  const { context, page, problems } = await newSession(browser);
  await startWithSample(page, server);
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Commitment curve" }).click();
  await heading1(page, "Commitment curve");
  // Snapshots and their flows are outside the curve's core (issue 31).
  await showEverything(page);
  const bottleneck = page.getByTestId("bottleneck");
  assert.match(await bottleneck.innerText(), /^Bottleneck now: .* a ratio of the counts at the two stages today/);

  await page.locator(".flows-entry > summary").click();
  await page.getByLabel("Flows from").fill("2027-03-31");
  await page.getByLabel("Flows to (the snapshot's date)").fill("2027-06-30");

  // A problem names the stage and the column; nothing is saved.
  await typeFlows(page, { Join: [150, 400, "ten", 10, 70] });
  assert.deepEqual(await page.getByTestId("flow-errors").locator("li").allInnerTexts(), [
    "Join, moved up: `ten` is not a count; use a whole number like 12.",
  ]);
  assert.equal(await page.getByTestId("flow-rates").count(), 0);

  await typeFlows(page, {
    Discover: [300, 1500, 150, 0, 350],
    Join: [150, 400, 20, 10, 70],
    Contribute: [22, 90, 8, 2, 0],
    Lead: [8, 20, 0, 0, 0],
  });
  await page.getByText("Saved the flows up to 2027-06-30.").waitFor();
  await bottleneck
    .filter({
      hasText:
        "Bottleneck (observed flows, 2027-03-31 to 2027-06-30): Join → Contribute. 20 of 500 members at Join moved up (4.0%), the lowest observed rate.",
    })
    .waitFor();
  const rates = page.getByTestId("flow-rates");
  assert.deepEqual(
    (await rates.locator("tbody tr").allInnerTexts()).map((r) => r.split(/\s+/).join(" ")),
    ["Discover 2000 150 7.5%", "Join 500 20 4.0%", "Contribute 100 8 8.0%"],
  );
  assert.match(await page.getByTestId("flow-gravity").innerText(), /^Gravity over the period: [+-]\d+\.\d\d, of which [+-]\d+\.\d\d from growth \(members joining and leaving\) and [+-]\d+\.\d\d from movement between stages\.$/);

  // More members move up from Join: the bottleneck moves to Discover → Join.
  await typeFlows(page, {
    Discover: [300, 1500, 150, 0, 350],
    Join: [150, 400, 60, 10, 70],
    Contribute: [22, 90, 8, 2, 0],
    Lead: [8, 20, 0, 0, 0],
  });
  await bottleneck.filter({ hasText: "Discover → Join. 150 of 2000 members at Discover moved up (7.5%)" }).waitFor();
  assert.match(await rates.innerText(), /Join\s+540\s+60\s+11\.1%/);
  await waitSaved(page);

  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});
