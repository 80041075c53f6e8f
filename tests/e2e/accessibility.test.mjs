// Usable by anyone: no axe-core violations on any route, the goal editor too, in either theme
// at phone, tablet and desktop widths, on the first visit and in an empty plan. (A file of its
// own so the end-to-end files share out evenly between two workers: these are the longest.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { launch, serve, newSession, open, heading1 } from "./harness.mjs";

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const ROUTES = [
  ["/", "Plans"],
  ["/goals", "Goals"],
  ["/curve", "Commitment curve"],
  ["/career", "Career"],
];

async function withSample(page) {
  await open(page, server);
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item .plan-name", { hasText: "Sample: Developer forum relaunch" }).waitFor();
}

async function axeViolations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")} — ${v.help}`);
  });
}

// Every route, the goal editor too, at phone, tablet and desktop widths in both themes: at
// narrow widths tables and the curve drawing scroll sideways, and each such region must be
// reachable by keyboard (axe's scrollable-region-focusable).
for (const width of [360, 768, 1280]) {
  for (const scheme of ["light", "dark"]) {
    test(`no accessibility violations on any route at ${width} px (${scheme} theme, sample plan)`, async () => {
      const { context, page } = await newSession(browser, { viewport: { width, height: 900 } });
      await page.emulateMedia({ colorScheme: scheme });
      await withSample(page);
      for (const [path, heading] of ROUTES) {
        await page.goto(server.url + path.slice(1));
        await heading1(page, heading);
        await page.waitForTimeout(200);
        assert.deepEqual(await axeViolations(page), [], `${path} at ${width} px in ${scheme}`);
      }
      // The goal editor, and with the "Jump to…" list open.
      await page.goto(server.url + "goals");
      await page.locator('[data-testid="objective"] a[href*="goal="]').first().click();
      await page.getByRole("navigation", { name: "Sections of this goal" }).waitFor();
      await page.waitForTimeout(200);
      assert.deepEqual(await axeViolations(page), [], `goal editor at ${width} px in ${scheme}`);
      await page.locator(".jump-to summary").click();
      assert.deepEqual(await axeViolations(page), [], `goal editor, Jump to… open, at ${width} px in ${scheme}`);
      await context.close();
    });
  }
}

test("no accessibility violations on the first visit and in an empty plan", async () => {
  const { context, page } = await newSession(browser);
  await open(page, server);
  assert.deepEqual(await axeViolations(page), [], "welcome");
  await page.getByRole("button", { name: "Start a blank plan" }).click();
  for (const [path, heading] of ROUTES.slice(1)) {
    await page.goto(server.url + path.slice(1));
    await heading1(page, heading);
    assert.deepEqual(await axeViolations(page), [], `empty ${path}`);
  }
  await context.close();
});
