// Shared set-up for the end-to-end tests: the release build in dist/, served like a static
// host, driven in Debian's Chromium through playwright-core.
import { afterEach } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { serveStatic } from "../../scripts/serve-static.mjs";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/**
 * The day every browser session starts on, and its time zone: no test depends on the day or
 * the zone it runs in. `./dev test` runs the files that touch dates a second time with
 * TRELLIS_TEST_DATE and TRELLIS_TEST_TZ moved (see DATE_CHECK below); a contributor runs the
 * suite "as if it were" another day the same way, e.g.
 * `TRELLIS_TEST_DATE=2029-03-31 TRELLIS_TEST_TZ=America/Los_Angeles node --test tests/e2e/goals.test.mjs`.
 */
export const TEST_DATE = process.env.TRELLIS_TEST_DATE ?? "2026-11-10";
export const TEST_TIME_ZONE = process.env.TRELLIS_TEST_TZ ?? "UTC";

/** The zone's offset from UTC at `instant`, in milliseconds. */
function zoneOffset(instant, timeZone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  );
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - instant;
}

/** Noon of `isoDay` in `timeZone`, as milliseconds since the epoch. */
export function noonIn(isoDay, timeZone = TEST_TIME_ZONE) {
  const [y, m, d] = isoDay.split("-").map(Number);
  const utcNoon = Date.UTC(y, m - 1, d, 12);
  return utcNoon - zoneOffset(utcNoon, timeZone);
}

/** When every session's page clock starts: noon of TEST_DATE in TEST_TIME_ZONE. */
export const TEST_NOW = noonIn(TEST_DATE);
if (!Number.isFinite(TEST_NOW)) throw new Error(`TRELLIS_TEST_DATE must be YYYY-MM-DD, not ${TEST_DATE}`);

/** The calendar day `days` after TEST_DATE (before, when negative), as YYYY-MM-DD. */
export function testDay(days = 0) {
  const [y, m, d] = TEST_DATE.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export async function serve(base = "/") {
  return serveStatic(new URL("../../dist", import.meta.url).pathname, base);
}

// Every Content-Security-Policy violation in any page of any session lands here, and the
// hook below fails the test that caused it: the whole suite runs with zero violations.
const sessionCspViolations = [];
afterEach(() => {
  const seen = sessionCspViolations.splice(0);
  assert.deepEqual(seen, [], "Content-Security-Policy violations during this test");
});

/** Drains the violations recorded so far (for a test that provokes one on purpose). */
export function takeCspViolations() {
  return sessionCspViolations.splice(0);
}

/**
 * A fresh browser context with a page that records console errors, page errors and
 * Content-Security-Policy violations. `init` scripts run before the app in every page.
 * `hasTouch` makes it a touch screen (Playwright's touch emulation).
 *
 * The page clock starts at `now` (TEST_NOW unless a test needs another moment) in
 * TEST_TIME_ZONE and then runs: Playwright's clock (`context.clock`), so a test can move it
 * on with `context.clock.setSystemTime` or `fastForward`. The clock also fakes
 * `performance`; the real one is put back, because the app's `trellis:interactive` mark and
 * the first-load tests read the browser's own performance timeline.
 *
 * The service worker is blocked unless the session asks for it ({@link WITH_WORKER}): once the
 * app has mounted it downloads and stores the whole app for offline use, measured at 1.4 s of
 * CPU per session, a third of a test's start, and only the files about offline use, loading
 * and deploys test it.
 */
export async function newSession(browser, { init = [], viewport, hasTouch = false, now = TEST_NOW, serviceWorkers = "block" } = {}) {
  const context = await browser.newContext({
    viewport: viewport ?? { width: 1280, height: 900 },
    serviceWorkers,
    hasTouch,
    timezoneId: TEST_TIME_ZONE,
    locale: "en-US",
  });
  await context.clock.install({ time: now });
  await context.addInitScript(() => {
    if (globalThis.__pwClock) globalThis.performance = globalThis.__pwClock.builtins.performance;
  });
  await context.exposeBinding("__trellisCspViolation", (_source, text) => {
    sessionCspViolations.push(text);
  });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      const text = `${e.violatedDirective} ${e.blockedURI} (${location.pathname})`;
      window.__cspViolations.push(text);
      window.__trellisCspViolation?.(text);
    });
  });
  for (const script of init) await context.addInitScript(script);
  const problems = [];
  const watch = (page) => {
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      problems.push(`console: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  };
  context.on("page", watch);
  const page = await context.newPage();
  return { context, page, problems, watch };
}

/** The option of a session whose service worker runs, as on a user's browser. */
export const WITH_WORKER = Object.freeze({ serviceWorkers: "allow" });

/** Opens `path` under the server's base and waits until the app has rendered its shell. */
export async function open(page, server, path = "") {
  await page.goto(server.url + path.replace(/^\//, ""));
  await page.waitForSelector("header.app-header");
  return page;
}

export const SAMPLE = "Sample: Developer forum relaunch";

/** Opens the app and starts the sample plan, once it is listed and saved. */
export async function startWithSample(page, server) {
  await open(page, server);
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item").filter({ hasText: SAMPLE }).waitFor();
  await waitSaved(page);
}

export async function waitSaved(page) {
  await page.getByTestId("save-status").filter({ hasText: /^Saved$/ }).waitFor();
}

/** The names in the plan list, in order. */
export async function planNames(page) {
  return page.locator(".plan-item .plan-name").allInnerTexts();
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations);
}

/** The raw localStorage contents, for checking that a failure left stored data untouched. */
export async function storedData(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      out[key] = localStorage.getItem(key);
    }
    return out;
  });
}

/**
 * Waits for the page's level-1 heading `name`, and for the tool behind it to have arrived: a
 * tool's code is downloaded when its page opens (src/ui/tool_routes.rs), and until then the
 * route shows the tool's heading over a placeholder (`#tool-loading-title`). A page load shows
 * the static shell's copy of the heading until the app mounts (`data-mounted`).
 */
export async function heading1(page, name) {
  await page.getByRole("heading", { level: 1, name }).waitFor();
  // The static shell has the heading too: the app must have mounted over it (src/lib.rs).
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-mounted"));
  await page.locator("#tool-loading-title").waitFor({ state: "detached" });
}

const ROUTE_BUTTONS = {
  link: (name) => `Share a link to ${name}`,
  file: (name) => `Export ${name}`,
  json: (name) => `Copy ${name} as JSON`,
};
const ROUTE_ACTIONS = { link: "Copy the link", file: "Download the file", json: "Copy the JSON" };
export const PRIVATE_PARTS = ["My current pay", "My offers", "My pay targets", "My self-assessment (ratings and evidence)"];

/**
 * Opens the step that asks what leaves the browser with plan `name` (`route`: "link",
 * "file" or "json"), ticks the parts named in `include` (labels such as "My offers") and
 * confirms; `include: "all"` ticks every private part the plan holds. Returns the step.
 */
export async function leaveThrough(page, name, route, { include = [] } = {}) {
  await page.getByRole("button", { name: ROUTE_BUTTONS[route](name), exact: true }).click();
  const step = page.getByTestId("share-step");
  await step.waitFor();
  // "all": every private part the plan holds (a part with nothing in it cannot be ticked).
  const labels = include === "all" ? PRIVATE_PARTS : include;
  for (const label of labels) {
    const box = step.getByLabel(new RegExp(`^${label.replace(/[()]/g, "\\$&")} — `));
    if (include === "all" && (await box.isDisabled())) continue;
    await box.check();
  }
  await step.getByRole("button", { name: ROUTE_ACTIONS[route] }).click();
  return step;
}

/** A YYYY-MM-DD day as the app writes dates in text: "10 November 2026". */
export function longDate(isoDay) {
  const [y, m, d] = isoDay.split("-").map(Number);
  const month = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
  return `${d} ${month} ${y}`;
}

/**
 * Shows every section of the tool page that is open (issue 31: a tool shows its core first and
 * the rest on request, `src/ui/focus.rs`), as a user does with "Show everything" at the end of
 * the page. The choice is kept per plan and tool, so it lasts across reloads.
 */
export async function showEverything(page) {
  const more = page.getByTestId("more-sections");
  // A tool with nothing in it yet (no stages, no tracks) shows its start, not sections.
  if (!(await more.waitFor({ timeout: 5000 }).then(() => true, () => false))) return;
  const button = more.getByRole("button", { name: "Show everything", exact: true });
  if (await button.isVisible()) await button.click();
  await page.waitForFunction(() => document.querySelectorAll(".more-section[hidden]").length === 0);
}

/**
 * Import and restore, as a first visitor reaches them (issue 31): the plan page shows them once
 * there is a plan, and before that behind the welcome's "Open a plan file or a backup". Does
 * nothing when they are already shown.
 */
export async function openFiles(page) {
  const button = page.getByRole("button", { name: "Open a plan file or a backup" });
  const panel = page.getByRole("heading", { name: "Import a plan" });
  await button.or(panel).first().waitFor();
  if (await button.isVisible()) {
    await button.click();
    await panel.waitFor();
  }
}

/**
 * An edit in `page` that its debounced save has not written yet: an objective added on Goals
 * with the page clock paused first, so the save's timer cannot fire until
 * `page.clock.resume()`. Another tab's write in the meantime meets an unsaved edit.
 */
export async function unsavedEdit(page, title) {
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Goals" }).click();
  await heading1(page, "Goals");
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  await page.getByLabel("Objective", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Add objective" }).click();
  await page.getByTestId("objective").filter({ hasText: title }).first().waitFor();
}
