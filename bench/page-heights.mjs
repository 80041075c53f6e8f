// How long each tool page is with the sample plan, and how many controls a first visitor sees
// on the Plans page (issue 31). Usage: node bench/page-heights.mjs [DIST] [--everything]
// Prints one JSON object: for each width (390 and 1280 px) the page height in CSS pixels of
// Career, Commitment curve, Goals and the sample's first goal, as a visitor who just added the
// sample sees them (the core view); with --everything also after "Show everything" on each.
import { serveStatic } from "../scripts/serve-static.mjs";
import { launch, newSession } from "../tests/e2e/harness.mjs";

const args = process.argv.slice(2);
const dist = args.find((a) => !a.startsWith("--")) ?? new URL("../dist", import.meta.url).pathname;
const everything = args.includes("--everything");

const TOOLS = [
  ["career", "Career"],
  ["curve", "Commitment curve"],
  ["goals", "Goals"],
];

async function settle(page) {
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-mounted"));
  await page.locator("#tool-loading-title").waitFor({ state: "detached" });
  await page.waitForTimeout(400);
}

const height = (page) => page.evaluate(() => document.documentElement.scrollHeight);

/** Visible controls inside <main>: what a visitor can press, type into or open. */
export async function visibleControls(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("main a[href], main button, main input, main select, main textarea, main summary")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
      })
      .map((el) => (el.getAttribute("aria-label") || el.textContent || el.getAttribute("type") || el.tagName).trim().slice(0, 60)),
  );
}

async function revealEverything(page) {
  const button = page.getByRole("button", { name: /^Show everything/ });
  if (await button.count()) {
    await button.first().click();
    await page.waitForTimeout(400);
  }
}

const server = await serveStatic(dist, "/");
const browser = await launch();
const out = {};
try {
  for (const width of [390, 1280]) {
    const { context, page } = await newSession(browser, { viewport: { width, height: 844 } });
    await page.goto(server.url);
    await page.waitForSelector("header.app-header");
    await page.waitForFunction(() => document.documentElement.hasAttribute("data-mounted"));
    await page.waitForTimeout(1500); // the import and backup panels arrive at idle
    const controls = await visibleControls(page);
    const row = { plans_first_visit_controls: controls.length, plans_first_visit: controls };
    await page.getByRole("button", { name: "Start with the sample plan" }).click();
    await page.locator(".plan-item").first().waitFor();
    await page.waitForTimeout(600);
    row.plans_after_sample = await height(page);
    for (const [path, name] of TOOLS) {
      await page.goto(server.url + path);
      await page.getByRole("heading", { level: 1, name }).waitFor();
      await settle(page);
      row[path] = await height(page);
      if (everything) {
        await revealEverything(page);
        row[`${path}_everything`] = await height(page);
      }
    }
    await page.goto(server.url + "goals");
    await settle(page);
    await page.locator('[data-testid="objective"] a[href*="goal="]').first().click();
    await page.getByRole("navigation", { name: "Sections of this goal" }).waitFor();
    await page.waitForTimeout(400);
    row.goal = await height(page);
    if (everything) {
      await revealEverything(page);
      row.goal_everything = await height(page);
    }
    out[width] = row;
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(out, null, 2));
