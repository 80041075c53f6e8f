// The first load: every real route has its own page, answered 200 by a static host with that
// route's header, navigation and heading in the HTML itself (painted before the wasm arrives),
// which the app replaces when it mounts without moving anything; unknown addresses get 404.html,
// which says so; and all of it under a base path too.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, serve, newSession, open, heading1, SAMPLE, openFiles, WITH_WORKER } from "./harness.mjs";
import { serveStatic } from "../../scripts/serve-static.mjs";

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const DIST = new URL("../../dist", import.meta.url).pathname;

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
  ["", "Plans"],
  ["goals", "Goals"],
  ["curve", "Commitment curve"],
  ["career", "Career"],
];

// Sums the page's layout shifts (the Layout Instability API, as Lighthouse's CLS does).
function recordLayoutShifts() {
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
}

/** The page with its wasm never arriving: what a visitor sees before it has loaded. */
async function shellOnly(session) {
  await session.context.route(/\.wasm$/, (route) => route.abort());
}

async function boxOf(locator) {
  const box = await locator.boundingBox();
  return box && Object.fromEntries(Object.entries(box).map(([k, v]) => [k, Math.round(v)]));
}

async function fetchPage(url) {
  const response = await fetch(url);
  return { status: response.status, html: await response.text(), url: response.url };
}

for (const [path, heading] of ROUTES) {
  test(`/${path} answers 200 with its own heading in the HTML, and the app mounts over it without a shift`, async () => {
    // A deep link (and a reload) without JavaScript: the host's own answer.
    for (const address of path ? [path, `${path}/`] : [""]) {
      const { status, html } = await fetchPage(server.url + address);
      assert.equal(status, 200, `/${address} answers 200`);
      assert.match(html, new RegExp(`<h1 id="shell-title">${heading}</h1>`));
      assert.match(html, /<nav class="app-nav" aria-label="Tools">/);
      assert.match(html, new RegExp(`aria-current="page">${heading}</a>`), "the route is marked in the navigation");
      assert.doesNotMatch(html, /Page not found/);
    }

    // Before the wasm: the shell is painted, with the header, the navigation and the heading.
    const before = await newSession(browser, WITH_WORKER);
    await shellOnly(before);
    await before.page.goto(server.url + path);
    const shellHeading = before.page.getByRole("heading", { level: 1, name: heading });
    await shellHeading.waitFor();
    assert.equal(await before.page.locator("header.app-header").count(), 0, "the app has not mounted");
    assert.equal(await before.page.getByRole("navigation", { name: "Tools" }).getByRole("link").count(), 4);
    const shellBoxes = {
      heading: await boxOf(shellHeading),
      nav: await boxOf(before.page.locator("nav.app-nav")),
      brand: await boxOf(before.page.locator(".brand")),
    };
    // The plan page's shell shows a first visitor the welcome the app will show, in its words.
    const shellWelcome = path === "" ? before.page.locator(".shell-welcome") : null;
    const welcome = shellWelcome && { box: await boxOf(shellWelcome), text: await shellWelcome.innerText() };
    if (welcome) assert.match(welcome.text, /Welcome to Trellis/);
    await before.context.close();

    // Then the app: it replaces the shell, with everything where the shell had it.
    const { context, page, problems } = await newSession(browser, { ...WITH_WORKER, init: [recordLayoutShifts] });
    const response = await page.goto(server.url + path);
    assert.equal(response.status(), 200);
    await page.waitForSelector("header.app-header");
    assert.equal(await page.locator("#app-shell").count(), 0, "the shell is gone once the app has mounted");
    const appHeading = page.getByRole("heading", { level: 1, name: heading });
    await appHeading.waitFor();
    assert.deepEqual(
      {
        heading: await boxOf(appHeading),
        nav: await boxOf(page.locator("nav.app-nav")),
        brand: await boxOf(page.locator(".brand")),
      },
      shellBoxes,
      "the app's header, navigation and heading sit exactly where the shell's were",
    );
    if (welcome) {
      const appWelcome = page.getByTestId("welcome");
      assert.deepEqual({ box: await boxOf(appWelcome), text: await appWelcome.innerText() }, welcome, "the shell's welcome is the app's");
    }
    // Layout-shift entries are reported after the frame that moved something.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const shift = await page.evaluate(() => window.__layoutShift);
    assert.ok(shift < 0.001, `no layout shift from the shell to the app (sum ${shift})`);

    // And the app works: its navigation leads to another tool.
    const [, other] = ROUTES.find(([p]) => p !== path);
    await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: other }).click();
    await heading1(page, other);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("an unknown address is answered 404 with a page that says so, and the app agrees", async () => {
  const { status, html } = await fetchPage(server.url + "no-such-page");
  assert.equal(status, 404);
  assert.match(html, /<h1 id="shell-title">Page not found<\/h1>/);
  assert.match(html, /There is no page at this address/);
  assert.match(html, /<title>Page not found — Trellis<\/title>/);

  const { context, page } = await newSession(browser, WITH_WORKER);
  await open(page, server, "/no-such-page");
  await heading1(page, "Page not found");
  await context.close();
});

test("the shell follows the saved theme before the wasm (no flash) and passes axe", async () => {
  const session = await newSession(browser, { ...WITH_WORKER, init: [() => localStorage.setItem("trellis.theme", "dark")] });
  await shellOnly(session);
  const { page, context } = session;
  await page.goto(server.url + "goals");
  await page.getByRole("heading", { level: 1, name: "Goals" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  const [shellBg, darkBg] = await page.evaluate(() => [
    getComputedStyle(document.body).backgroundColor,
    getComputedStyle(document.documentElement).getPropertyValue("--bg").trim(),
  ]);
  const probe = await page.evaluate((color) => {
    const el = document.createElement("i");
    el.style.color = color;
    document.body.append(el);
    const rgb = getComputedStyle(el).color;
    el.remove();
    return rgb;
  }, darkBg);
  assert.equal(shellBg, probe, "the shell is painted in the dark theme's background");
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.help}`);
  });
  assert.deepEqual(violations, []);
  await context.close();
});

/**
 * A copy of dist/ as `./dev build /trellis/` writes it: trunk names its files from the public
 * URL, in <base> and in its loader script, whose hash in each page's Content-Security-Policy
 * follows; the pages, shells and service worker are otherwise the same files.
 */
async function underBase(base) {
  const dir = await mkdtemp(join(tmpdir(), "trellis-base-"));
  await cp(DIST, dir, { recursive: true });
  const sha256 = (text) => createHash("sha256").update(text).digest("base64");
  for (const file of (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".html"))) {
    let text = await readFile(join(dir, file), "utf8");
    const scripts = [...text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    text = text
      .replace(/((?:href|src)="|from '|module_or_path: ')\/(?=[a-z])/g, `$1${base}`)
      .replace('<base href="/">', `<base href="${base}">`);
    for (const old of scripts) {
      const moved = old.replace(/(from '|module_or_path: ')\/(?=[a-z])/g, `$1${base}`);
      text = text.replace(`'sha256-${sha256(old)}'`, `'sha256-${sha256(moved)}'`);
    }
    await writeFile(join(dir, file), text);
  }
  return dir;
}

test("under a base path (a GitHub project page) every route answers 200 and the app opens", async () => {
  const dir = await underBase("/trellis/");
  const host = await serveStatic(dir, "/trellis/");
  for (const [path, heading] of ROUTES) {
    const { status, html } = await fetchPage(host.url + path);
    assert.equal(status, 200, `/trellis/${path}`);
    assert.match(html, new RegExp(`<h1 id="shell-title">${heading}</h1>`));
  }
  assert.equal((await fetchPage(host.url + "nope")).status, 404);

  const { context, page, problems } = await newSession(browser, WITH_WORKER);
  await open(page, host, "curve");
  await heading1(page, "Commitment curve");
  assert.equal(await page.locator(".brand").getAttribute("href"), "/trellis/");
  // The app's own links stay under the base, and a reload there answers 200.
  const tools = page.getByRole("navigation", { name: "Tools" });
  for (const [name, heading, path] of [["Goals", "Goals", "goals"], ["Career", "Career", "career"]]) {
    await tools.getByRole("link", { name }).click();
    await heading1(page, heading);
    assert.equal(new URL(page.url()).pathname, `/trellis/${path}`);
    assert.equal(await tools.getByRole("link", { name }).getAttribute("aria-current"), "page");
  }
  const reload = await page.reload();
  assert.equal(reload.status(), 200);
  await heading1(page, "Career");
  // After that visit the worker (scoped to the base) opens every route with the network off.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
  await page.locator("html[data-offline-ready]").waitFor();
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope), host.url);
  await context.setOffline(true);
  for (const [path, heading] of ROUTES) {
    await page.goto(host.url + path);
    await heading1(page, heading);
    await page.locator("header.app-header").waitFor();
  }
  await context.setOffline(false);
  assert.deepEqual(problems.filter((p) => !p.includes("ERR_INTERNET_DISCONNECTED")), []);
  await context.close();
  await host.close();
});

test("the service worker precaches only after the app has rendered, then the app opens offline", async () => {
  const { context, page, problems } = await newSession(browser, WITH_WORKER);
  const events = [];
  await context.exposeBinding("__trellisMounted", () => events.push("mounted"));
  await context.addInitScript(() => addEventListener("trellis:mounted", () => window.__trellisMounted()));
  context.on("request", (request) => {
    // The worker's own script is fetched when it registers; its precache is what must wait.
    const path = new URL(request.url()).pathname;
    if (request.serviceWorker() && path !== "/sw.js") events.push(`worker: ${path}`);
  });
  await open(page, server, "goals");
  await page.locator("html[data-offline-ready]").waitFor();
  const firstWorkerRequest = events.findIndex((e) => e.startsWith("worker: "));
  assert.ok(firstWorkerRequest > 0, `the worker fetched files: ${events.join(", ")}`);
  assert.equal(events.indexOf("mounted"), 0, `the app rendered before the precache began: ${events.join(", ")}`);
  assert.ok(events.includes("worker: /goals/index.html") && events.includes("worker: /career/index.html"));
  // The wasm's chunks first, so the next tool opened is already here.
  // (From its first chunk: a request of the page's own that the worker passed on, say the icon,
  // can come before.)
  const workerRequests = events.filter((e) => e.startsWith("worker: ")).map((e) => e.slice("worker: ".length));
  const fetched = workerRequests.slice(workerRequests.findIndex((path) => path.endsWith(".wasm")));
  const firstOther = fetched.findIndex((path) => !path.endsWith(".wasm"));
  assert.ok(fetched.slice(0, firstOther).some((path) => path.startsWith("/split_curve-")), `chunks first: ${fetched.join(", ")}`);
  assert.ok(!fetched.slice(firstOther).some((path) => path.endsWith(".wasm")), `chunks first: ${fetched.join(", ")}`);
  // The build's cache (the worker also keeps one of which build each tab runs).
  const cached = await page.evaluate(async () => (await (await caches.open((await caches.keys()).find((k) => !k.endsWith(" clients")))).keys()).length);
  assert.ok(cached >= 10, `every file is cached (${cached})`);

  await context.setOffline(true);
  await page.goto(server.url + "career");
  await page.waitForSelector("header.app-header");
  await heading1(page, "Career");
  await context.setOffline(false);
  assert.deepEqual(problems.filter((p) => !p.includes("ERR_INTERNET_DISCONNECTED")), []);
  await context.close();
});

test("/ leaves import, backup and the sample plan's code until after the page is interactive, and they then work", async () => {
  const { context, page, problems } = await newSession(browser, WITH_WORKER);
  await open(page, server);
  // The panels arrive at idle; a first visitor sees them once asked for (issue 31).
  await page.locator("#import-title").waitFor({ state: "attached" });
  await page.locator("#backup-title").waitFor({ state: "attached" });
  await openFiles(page);
  await page.getByRole("heading", { name: "Back up and restore" }).waitFor();
  const timing = await page.evaluate(() => ({
    interactive: performance.getEntriesByName("trellis:interactive")[0].startTime,
    wasm: performance
      .getEntriesByType("resource")
      .filter((entry) => entry.name.endsWith(".wasm"))
      .map((entry) => ({ file: new URL(entry.name).pathname.slice(1), start: entry.startTime })),
  }));
  const panels = timing.wasm.filter((entry) => entry.file.startsWith("split_files-"));
  assert.equal(panels.length, 1, `the panels' chunk was fetched once: ${JSON.stringify(timing.wasm)}`);
  assert.ok(panels[0].start > timing.interactive, "the panels' chunk is fetched after the page is interactive");
  assert.ok(!timing.wasm.some((entry) => entry.file.startsWith("split_sample-")), "the sample is not fetched unasked");

  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item").filter({ hasText: SAMPLE }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("a chunk that cannot be downloaded is said so, and nothing else breaks", async () => {
  const { context, page, problems } = await newSession(browser, WITH_WORKER);
  await context.route(/\/split_(sample|files)-[0-9a-f]+\.wasm$/, (route) => route.abort());
  await open(page, server);
  await page.getByRole("button", { name: "Open a plan file or a backup" }).click();
  await page.getByText("Import and backup could not be downloaded. Check the connection and reload the page.").waitFor();
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.getByText("The sample plan could not be downloaded. Check the connection and try again.").waitFor();
  await page.getByRole("button", { name: "Start a blank plan" }).click();
  await page.locator(".plan-item").filter({ hasText: "My community plan" }).waitFor();
  assert.deepEqual(
    problems.filter((p) => !/Failed to load resource|Failed to fetch/.test(p)),
    [],
  );
  await context.close();
});

test("a tool's page with no plan stored shows the way to one without fetching the tool's code; with a plan it preloads and opens the tool", async () => {
  const { context, page, problems } = await newSession(browser, WITH_WORKER);
  const wasmFetched = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((entry) => new URL(entry.name).pathname.slice(1))
        .filter((file) => file.endsWith(".wasm")),
    );
  await open(page, server, "goals");
  await page.getByTestId("no-plan").getByRole("link", { name: "Go to your plans" }).waitFor();
  await page.getByRole("heading", { level: 1, name: "Goals" }).waitFor();
  assert.equal(await page.locator("link[rel=preload][href*='split_goals-']").count(), 0, "no preload of the tool's code");
  assert.ok(!(await wasmFetched()).some((file) => file.startsWith("split_goals-")), "the goals code is not fetched");

  await page.getByRole("link", { name: "Go to your plans" }).click();
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item").filter({ hasText: SAMPLE }).waitFor();
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Goals" }).click();
  await heading1(page, "Goals");
  await page.getByTestId("no-plan").waitFor({ state: "detached" });
  assert.ok((await wasmFetched()).some((file) => file.startsWith("split_goals-")), "the goals code arrived once a plan was open");

  await page.reload();
  await heading1(page, "Goals");
  assert.ok((await page.locator("link[rel=preload][href*='split_goals-']").count()) > 0, "with a plan stored, the page preloads the tool's code");
  assert.deepEqual(problems, []);
  await context.close();
});

test("while the sample plan's code is on its way, its buttons say so, and a second click adds nothing more", async () => {
  const { context, page, problems } = await newSession(browser, WITH_WORKER);
  let release;
  const held = new Promise((ok) => (release = ok));
  await context.route(/\/split_sample-[0-9a-f]+\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await open(page, server);
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  const busy = page.getByRole("button", { name: "Adding the sample plan…" });
  await busy.first().waitFor();
  assert.equal(await busy.first().getAttribute("aria-busy"), "true");
  await busy.first().click();
  release();
  await page.locator(".plan-item").filter({ hasText: SAMPLE }).waitFor();
  await page.getByRole("button", { name: "Add the sample plan" }).waitFor();
  assert.equal(await page.locator(".plan-item").count(), 1, "one sample plan, not two");
  assert.deepEqual(problems, []);
  await context.close();
});
