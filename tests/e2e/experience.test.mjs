// Usable by anyone: no horizontal overflow from phone to desktop, a clean printed report,
// keyboard-only flows, and help. (Accessibility checks with axe-core: accessibility.test.mjs.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, newSession, open, heading1, openFiles } from "./harness.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const SAMPLE = "Sample: Developer forum relaunch";
const ROUTES = [
  ["/", "Plans"],
  ["/goals", "Goals"],
  ["/curve", "Commitment curve"],
  ["/career", "Career"],
];

async function withSample(page) {
  await open(page, server);
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
}

for (const width of [360, 768, 1280]) {
  test(`nothing overflows horizontally at ${width} px`, async () => {
    const { context, page } = await newSession(browser, { viewport: { width, height: 800 } });
    await withSample(page);
    for (const [path, heading] of ROUTES) {
      await page.goto(server.url + path.slice(1));
      await heading1(page, heading);
      await page.waitForTimeout(150);
      const overflow = await page.evaluate(() => {
        const doc = document.documentElement;
        const wide = [...document.querySelectorAll("body *")]
          .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1 && !el.closest(".table-wrap, .chart-wrap"))
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
        return { scroll: doc.scrollWidth, client: doc.clientWidth, wide };
      });
      assert.ok(overflow.scroll <= overflow.client, `${path} at ${width}px: ${JSON.stringify(overflow)}`);
      await page.screenshot({ path: `test-results/${path === "/" ? "plans" : path.slice(1)}-${width}.png`, fullPage: true });
    }
    await context.close();
  });
}

test("each tool prints as a report with the plan's title, without navigation", async () => {
  const { context, page } = await newSession(browser);
  await withSample(page);
  for (const [path, heading] of ROUTES.slice(1)) {
    await page.goto(server.url + path.slice(1));
    await heading1(page, heading);
    assert.equal(await page.title(), `${heading} — ${SAMPLE} — Trellis`);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator("nav.app-nav").isVisible(), false, "navigation is not printed");
    assert.ok(await page.getByRole("heading", { level: 1, name: heading }).isVisible());
    const pdf = await page.pdf({ format: "A4" });
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
    assert.ok(pdfTitle(pdf).includes(SAMPLE), `PDF title of ${path}: ${pdfTitle(pdf)}`);
    await page.emulateMedia({ media: "screen" });
  }
  await context.close();
});

/** The /Title of a PDF's info dictionary (Chromium writes it as UTF-16BE hex or a literal). */
function pdfTitle(pdf) {
  const text = pdf.toString("latin1");
  const hex = text.match(/\/Title\s*<FEFF([0-9A-Fa-f]*)>/);
  if (hex) {
    const bytes = Buffer.from(hex[1], "hex");
    let out = "";
    for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes.readUInt16BE(i));
    return out;
  }
  return text.match(/\/Title\s*\(([^)]*)\)/)?.[1] ?? "";
}

test("a plan can be created, renamed and opened with the keyboard alone", async () => {
  const { context, page } = await newSession(browser);
  await open(page, server);
  // Skip link first, then into the page.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to content");
  // A first visitor starts from the welcome, then names the plan where the page offers it.
  await page.getByRole("button", { name: "Start a blank plan" }).focus();
  await page.keyboard.press("Enter");
  await page.getByLabel("Name this plan").focus();
  await page.keyboard.type("Keyboard plan");
  await page.keyboard.press("Enter");
  await page.locator(".plan-item .plan-name", { hasText: "Keyboard plan" }).waitFor();
  await page.getByRole("button", { name: "Rename Keyboard plan" }).focus();
  await page.keyboard.press("Enter");
  // The name field takes the focus on the next frame; a person is never faster than that.
  await page.waitForFunction(() => document.activeElement?.id?.startsWith("rename-"));
  await page.keyboard.press("Control+a");
  await page.keyboard.type("Typed without a mouse");
  await page.keyboard.press("Enter");
  await page.locator(".plan-item .plan-name", { hasText: "Typed without a mouse" }).waitFor();
  await page.getByRole("button", { name: "Open Typed without a mouse" }).focus();
  await page.keyboard.press("Enter");
  await heading1(page, "Goals");
  // Focus is visible: the next focused control draws an outline.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement.matches("a, button, input, select, textarea"))) break;
  }
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none");
  await context.close();
});

test("? opens the keyboard shortcut help; Escape closes it and focus returns", async () => {
  const { context, page } = await newSession(browser);
  await withSample(page);
  const opener = page.getByRole("button", { name: "Keyboard shortcuts" });
  await opener.focus();
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Ctrl\+Z/);
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => document.activeElement.closest("dialog") !== null), "focus stays in the dialog");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label") ?? document.activeElement.textContent), "Keyboard shortcuts");
  // Typing "?" in a text field types it.
  await openFiles(page);
  await page.getByLabel("Or paste the plan's JSON").fill("");
  await page.getByLabel("Or paste the plan's JSON").press("?");
  assert.equal(await dialog.isVisible(), false);
  await context.close();
});

test("the theme toggle persists and applies before the first paint", async () => {
  const { context, page } = await newSession(browser);
  await open(page, server);
  await page.getByRole("button", { name: /Theme: system/ }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  await page.reload();
  // boot.js set it before the app ran.
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  await page.getByRole("button", { name: /Theme: dark/ }).waitFor();
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, "rgb(18, 23, 21)");
  await context.close();
});
