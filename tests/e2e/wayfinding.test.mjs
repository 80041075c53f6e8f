// Finding one's way through the long tool pages (issue 18): the section index on every tool
// page, the section in view marked, collapsed sections remembered per plan, every scroll
// region reached and scrolled with the keyboard, dragging with a finger, the conflict
// banner's export, and Trellis's own message for a negative typed count.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { launch, serve, newSession, startWithSample, waitSaved, storedData, SAMPLE, heading1, showEverything, unsavedEdit } from "./harness.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function goTo(page, path, heading) {
  await page.goto(server.url + path);
  await heading1(page, heading);
  // Each tool shows its core first (issue 31); the ways through a page are tested on all of it
  // (focus.test.mjs tests the core view's index).
  if (path) await showEverything(page);
}

/** Opens the first goal of the sample plan in the goal editor. */
async function openFirstGoal(page) {
  await goTo(page, "goals", "Goals");
  await page.locator('[data-testid="objective"] a[href*="goal="]').first().click();
  await page.getByRole("navigation", { name: "Sections of this goal" }).waitFor();
}

/**
 * Follows every link of the page's index, as shown at this width (the list beside the page,
 * or the "Jump to…" control), and checks that the focus lands on the section's heading and
 * that the link is then marked as the current section. Returns the section names.
 */
async function jumpThroughIndex(page, name = "Sections of this page") {
  const nav = page.getByRole("navigation", { name });
  const side = nav.locator(".index-list");
  const compact = !(await side.isVisible());
  const list = compact ? nav.locator(".jump-list") : side;
  if (compact) await nav.locator(".jump-to summary").click();
  const hrefs = await list.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.length >= 3, `the index lists the sections: ${hrefs}`);
  const names = [];
  for (const href of hrefs) {
    if (compact && !(await list.isVisible())) await nav.locator(".jump-to summary").click();
    const link = list.locator(`a[href="${href}"]`);
    names.push(await link.innerText());
    await link.click();
    const id = href.slice(1);
    await page.waitForFunction((want) => document.activeElement?.id === want, id);
    const heading = page.locator(`[id="${id}"]`);
    assert.match(await heading.evaluate((el) => el.tagName), /^H[1-6]$/, `${href} is a heading`);
    assert.ok(await heading.isVisible(), `${href} is visible`);
    const box = await heading.boundingBox();
    const height = page.viewportSize().height;
    assert.ok(box.y >= 0 && box.y < height, `${href} scrolled into view (y ${box.y})`);
    if (compact) {
      assert.equal(await list.isVisible(), false, "the Jump to… list closes after a jump");
    } else {
      await page.waitForFunction(
        (want) => document.querySelector(".index-list a[aria-current='location']")?.getAttribute("href") === want,
        href,
      );
    }
  }
  return names;
}

for (const width of [1280, 360]) {
  test(`at ${width} px the index of every tool page moves the focus to each section's heading`, async () => {
    const { context, page, problems } = await newSession(browser, { viewport: { width, height: 800 } });
    await startWithSample(page, server);

    // goTo shows every section (issue 31), so every link of the index is followed
    // (focus.test.mjs checks the core's index).
    await goTo(page, "career", "Career");
    const career = await jumpThroughIndex(page);
    for (const section of ["Bucketing check", "Pay", "Self-assessment"]) assert.ok(career.includes(section), `${section} in ${career}`);

    await goTo(page, "curve", "Commitment curve");
    const curve = await jumpThroughIndex(page);
    assert.deepEqual(curve, [
      // The stage editor shows once a stage is picked (focus.test.mjs).
      "The curve", "Stages", "Touch points", "Distribution and conversion", "Checks",
      "Gap analysis", "Problem areas", "Snapshots over time", "Export", "Report for readers", "More in the curve",
    ]);

    await goTo(page, "goals", "Goals");
    const goals = await jumpThroughIndex(page);
    assert.ok(goals.includes("Add an objective"), `${goals}`);

    // The goal editor has its own sidebar (statement and SMART check): its index is the
    // compact control at every width.
    await openFirstGoal(page);
    await showEverything(page);
    const editor = await jumpThroughIndex(page, "Sections of this goal");
    for (const section of ["SMART check", "Milestones", "Check-ins"]) assert.ok(editor.includes(section), `${section} in ${editor}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("the index marks the section in view as the page scrolls, and works from the keyboard", async () => {
  const { context, page } = await newSession(browser, { viewport: { width: 1280, height: 800 } });
  await startWithSample(page, server);
  await goTo(page, "career", "Career");
  await page.evaluate(() => window.scrollTo(0, 0));
  const current = () => page.locator(".index-list a[aria-current='location']").innerText();
  // The index follows the scroll on its next update: waited for, like the moves below.
  await page.waitForFunction(() => document.querySelector(".index-list a[aria-current='location']")?.textContent === "The role under discussion");
  assert.equal(await current(), "The role under discussion");
  await page.locator("#career-assess-title").evaluate((el) => el.scrollIntoView());
  await page.waitForFunction(() => document.querySelector(".index-list a[aria-current='location']")?.textContent === "Self-assessment");
  await page.locator("#career-pay-title").evaluate((el) => el.scrollIntoView());
  await page.waitForFunction(() => document.querySelector(".index-list a[aria-current='location']")?.textContent === "Pay");
  // Keyboard: focus a link, press Enter, land on the heading; Tab goes on inside that section.
  await page.locator(".index-list a", { hasText: "Bucketing check" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "career-bucketing-title");
  assert.equal(await current(), "Bucketing check");
  await context.close();
});

test("every region that scrolls on its own is focusable, named, and scrolls with the arrow keys", async () => {
  const { context, page } = await newSession(browser, { viewport: { width: 360, height: 800 } });
  await startWithSample(page, server);
  let scrolled = 0;
  const pages = {
    curve: () => goTo(page, "curve", "Commitment curve"),
    career: () => goTo(page, "career", "Career"),
    "goal editor": () => openFirstGoal(page),
  };
  for (const [path, visit] of Object.entries(pages)) {
    await visit();
    // Every section, not only the tool's core (issue 31), so every table is measured.
    await showEverything(page);
    await page.waitForTimeout(300);
    // Open what is folded away, so every table is measured.
    await page.evaluate(() => document.querySelectorAll("main details:not(.jump-to)").forEach((d) => (d.open = true)));
    const regions = await page.evaluate(() =>
      [...document.querySelectorAll("main *")]
        .filter((el) => {
          const style = getComputedStyle(el);
          const scrolls = (v) => v === "auto" || v === "scroll";
          return (
            el.offsetParent !== null &&
            !el.matches("textarea, input, select") &&
            // The index's own list is links, each focusable and scrolled to when focused.
            !el.closest(".section-index") &&
            el.checkVisibility() &&
            ((scrolls(style.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
              (scrolls(style.overflowY) && el.scrollHeight > el.clientHeight + 1))
          );
        })
        .map((el, i) => {
          el.dataset.scrollProbe = `${i}`;
          return {
            probe: `${i}`,
            what: `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`,
            tabindex: el.getAttribute("tabindex"),
            name: el.getAttribute("aria-label"),
            role: el.getAttribute("role"),
            sideways: el.scrollWidth > el.clientWidth + 1,
          };
        }),
    );
    assert.ok(regions.length > 0, `${path} at 360 px has regions that scroll`);
    for (const region of regions) {
      assert.equal(region.tabindex, "0", `${path}: ${region.what} is focusable`);
      assert.ok(region.name, `${path}: ${region.what} has a name`);
      assert.equal(region.role, "region", `${path}: ${region.what} is a region`);
      const el = page.locator(`[data-scroll-probe="${region.probe}"]`);
      await el.focus();
      assert.equal(await el.evaluate((e) => e === document.activeElement), true);
      const key = region.sideways ? "ArrowRight" : "ArrowDown";
      const where = () => el.evaluate((e) => e.scrollLeft + e.scrollTop);
      for (let i = 0; i < 4; i++) await page.keyboard.press(key);
      await page.waitForFunction((e) => e.scrollLeft + e.scrollTop > 0, await el.elementHandle());
      assert.ok((await where()) > 0, `${path}: ${region.what} scrolled with ${key}`);
      scrolled += 1;
    }
  }
  assert.ok(scrolled >= 3, `at least the curve drawing and two tables scroll (${scrolled})`);
  await context.close();
});

/** Drags with one finger from (x, y) by (dx, dy), through the DevTools protocol. */
async function touchDrag(cdp, x, y, dx, dy, steps = 8) {
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
  for (let i = 1; i <= steps; i++) {
    await cdp.send("Input.dispatchTouchEvent", {
      type: "touchMove",
      touchPoints: [{ x: x + (dx * i) / steps, y: y + (dy * i) / steps }],
    });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

async function centre(locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  return [box.x + box.width / 2, box.y + box.height / 2];
}

const stageNames = (page) =>
  page.getByTestId("stage-table").locator("tbody tr td:nth-child(2)").allInnerTexts();

for (const width of [1280, 360]) {
  test(`on a touch screen at ${width} px a finger drags a curve point and reorders stages and touch points, each one undo step`, async () => {
    const { context, page, problems } = await newSession(browser, { viewport: { width, height: 800 }, hasTouch: true });
    await startWithSample(page, server);
    await goTo(page, "curve", "Commitment curve");
    const cdp = await context.newCDPSession(page);
    const undo = page.getByRole("button", { name: "Undo", exact: true }).first();

    // A curve point: up by a finger, without scrolling the page.
    const point = page.getByRole("slider").first();
    const before = Number(await point.getAttribute("aria-valuenow"));
    const [x, y] = await centre(point);
    const scrollY = await page.evaluate(() => window.scrollY);
    await touchDrag(cdp, x, y, 0, -60);
    await page.waitForFunction(
      ([el, was]) => Number(el.getAttribute("aria-valuenow")) > was + 5,
      [await point.elementHandle(), before],
    );
    const after = Number(await point.getAttribute("aria-valuenow"));
    assert.ok(after > before + 5 && after <= 100, `level ${before} → ${after}`);
    assert.equal(await page.evaluate(() => window.scrollY), scrollY, "the page did not scroll under the finger");
    await waitSaved(page);
    await undo.click();
    await page.waitForFunction(
      ([el, was]) => el.getAttribute("aria-valuenow") === String(was),
      [await point.elementHandle(), before],
    );

    // A long press on a stage handle opens no context menu.
    const handles = page.getByTestId("stage-drag-handle");
    const cancelled = await handles.first().evaluate((el) => !el.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true })));
    assert.ok(cancelled, "contextmenu is cancelled on a handle");

    // A stage handle dragged onto the third row: the stage takes that place; one undo step.
    const start = await stageNames(page);
    const rows = page.getByTestId("stage-table").locator("tbody tr");
    const [hx, hy] = await centre(handles.first());
    const [, ty] = await centre(rows.nth(2));
    await touchDrag(cdp, hx, hy, 0, ty - hy);
    const moved = [start[1], start[2], start[0], ...start.slice(3)];
    await page.waitForFunction(
      (want) => [...document.querySelectorAll('[data-testid="stage-table"] tbody tr td:nth-child(2)')].map((td) => td.innerText).join("|") === want,
      moved.join("|"),
    );
    await page.getByText(`Moved stage “${start[0]}” to position 3 of ${start.length}.`).waitFor();
    await undo.click();
    await page.waitForFunction(
      (want) => [...document.querySelectorAll('[data-testid="stage-table"] tbody tr td:nth-child(2)')].map((td) => td.innerText).join("|") === want,
      start.join("|"),
    );

    // A touch point handle dragged onto the last touch point.
    const tps = await page.locator(".touch-point-list .tp-name").allInnerTexts();
    const items = page.locator(".touch-point-list > li");
    const [px, py] = await centre(page.getByTestId("touch-point-drag-handle").first());
    const last = await items.last().boundingBox();
    // The list may be taller than the window: drag within what is on screen.
    const targetY = Math.min(last.y + last.height / 2, page.viewportSize().height - 5);
    const [, ly] = [0, targetY];
    await touchDrag(cdp, px, py, 0, ly - py, 12);
    await page.getByText(new RegExp(`Moved touch point “${tps[0]}” to position \\d+ of ${tps.length}\\.`)).waitFor();
    assert.notEqual((await page.locator(".touch-point-list .tp-name").allInnerTexts())[0], tps[0]);
    await undo.click();
    await page.waitForFunction(
      (want) => document.querySelector(".touch-point-list .tp-name")?.textContent === want,
      tps[0],
    );
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("a finger elsewhere on the drawing scrolls the page, not a point", async () => {
  const { context, page } = await newSession(browser, { viewport: { width: 360, height: 700 }, hasTouch: true });
  await startWithSample(page, server);
  await goTo(page, "curve", "Commitment curve");
  const levels = () => page.getByRole("slider").evaluateAll((s) => s.map((e) => e.getAttribute("aria-valuenow")).join(","));
  const was = await levels();
  const svg = page.getByTestId("curve-svg");
  await svg.scrollIntoViewIfNeeded();
  const box = await svg.boundingBox();
  const cdp = await context.newCDPSession(page);
  const scrollY = await page.evaluate(() => window.scrollY);
  // An empty spot near the bottom-left of the drawing, pushed up.
  await touchDrag(cdp, box.x + 20, box.y + box.height - 20, 0, -150, 10);
  await page.waitForFunction((was) => window.scrollY > was, scrollY);
  assert.equal(await levels(), was, "no point moved");
  await context.close();
});

test("collapsed sections stay collapsed after a reload, per plan, and never hide a warning", async () => {
  const { context, page } = await newSession(browser);
  await startWithSample(page, server);
  const planKey = Object.keys(await storedData(page)).find((k) => k.startsWith("trellis.plan."));
  const planId = planKey.slice("trellis.plan.".length);

  // The snapshot table on the curve page.
  await goTo(page, "curve", "Commitment curve");
  const toggle = page.getByRole("button", { name: /^Snapshot table/ });
  const table = page.getByTestId("snapshot-table");
  if (!(await table.count())) {
    await page.getByRole("button", { name: "Record today's counts" }).click();
  }
  await table.waitFor();
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  await table.waitFor({ state: "hidden" });

  // The behaviours of a self-assessment on the Career page.
  await goTo(page, "career", "Career");
  if (!(await page.getByTestId("behaviours-section").count())) {
    await page.getByRole("button", { name: "Start a self-assessment" }).click();
  }
  const behaviours = page.getByTestId("behaviours-section").first();
  const areas = behaviours.getByTestId("readiness-areas");
  await areas.waitFor();
  await behaviours.getByRole("button", { name: /^Behaviours to rate/ }).click();
  await areas.waitFor({ state: "hidden" });

  await page.waitForTimeout(600);
  const stored = JSON.parse((await storedData(page))[`trellis.collapsed.${planId}`]);
  assert.equal(stored.length, 2, `both remembered: ${stored}`);
  await page.reload();
  await heading1(page, "Career");
  await page.getByTestId("behaviours-section").first().getByRole("button", { name: /^Behaviours to rate/ }).waitFor();
  assert.equal(await page.getByTestId("behaviours-section").first().getByTestId("readiness-areas").isVisible(), false);
  await goTo(page, "curve", "Commitment curve");
  await toggle.waitFor();
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  assert.equal(await table.isVisible(), false);
  // Checks and warnings sit outside anything that collapses.
  assert.equal(await page.locator(".collapsible [role=alert], .collapsible .banner, .collapsible .badge.warn").count(), 0);
  // Opening it again forgets it.
  await toggle.click();
  await table.waitFor();

  // Another plan has its own state: the same section is open there.
  await goTo(page, "", "Plans");
  await page.getByLabel("Name", { exact: true }).fill("Second plan");
  await page.getByRole("button", { name: "Create blank plan" }).click();
  await waitSaved(page);
  const keys = Object.keys(await storedData(page)).filter((k) => k.startsWith("trellis.collapsed."));
  assert.deepEqual(keys, [`trellis.collapsed.${planId}`]);
  await context.close();
});

test("the conflict banner offers this tab's copy as an export", async () => {
  const { context, page: a } = await newSession(browser);
  await startWithSample(a, server);
  const b = await context.newPage();
  await b.goto(server.url);
  await b.waitForSelector("header.app-header");
  const key = Object.keys(await storedData(a)).find((k) => k.startsWith("trellis.plan."));
  await unsavedEdit(a, "This tab's objective");
  await b.evaluate((key) => {
    const doc = JSON.parse(localStorage.getItem(key));
    doc.name = "Other tab's name";
    doc.revision += 5;
    localStorage.setItem(key, JSON.stringify(doc));
  }, key);
  const banner = a.getByTestId("conflict-banner");
  await banner.waitFor();
  await a.clock.resume();
  const [download] = await Promise.all([
    a.waitForEvent("download"),
    banner.getByRole("button", { name: "Export this tab's copy" }).click(),
  ]);
  const exported = JSON.parse(await readFile(await download.path(), "utf8"));
  assert.equal(exported.name, SAMPLE);
  assert.ok(exported.goals.objectives.some((o) => o.title === "This tab's objective"));
  // Nothing was decided: the banner stays, and the other tab's save is untouched.
  assert.ok(await banner.isVisible());
  assert.equal(JSON.parse((await storedData(a))[key]).name, "Other tab's name");
  await context.close();
});

test("a negative typed snapshot count gets Trellis's own message", async () => {
  const { context, page } = await newSession(browser);
  await startWithSample(page, server);
  await goTo(page, "curve", "Commitment curve");
  const form = page.getByRole("form", { name: "Type counts for a date" });
  const first = (await stageNames(page))[0];
  await form.getByLabel("Date of the counts").fill("2019-01-31");
  await form.getByLabel(first, { exact: true }).fill("-5");
  await form.getByRole("button", { name: "Save these counts" }).click();
  const alert = form.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), new RegExp(`${first}: a count cannot be negative\\.`));
  assert.equal(await page.getByTestId("snapshot-table").getByRole("row", { name: /2019-01-31/ }).count(), 0);
  await context.close();
});
