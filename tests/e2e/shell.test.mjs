// The app shell on the release build: it loads cleanly, every route renders, navigation
// works, and deep links survive a reload on a static host (each route has its own page).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, newSession, open, cspViolations, takeCspViolations, heading1 } from "./harness.mjs";

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

test("the app loads with no console errors and no CSP violations", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  assert.equal(await page.title(), "Plans — Trellis");
  assert.match(await page.locator("footer").innerText(), /stay in this browser/);
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("the shipped build exports no benchmark hooks (they exist only in ./dev bench's own build)", async () => {
  const { context, page } = await newSession(browser);
  await open(page, server);
  const exports = await page.evaluate(() => Object.keys(window.wasmBindings ?? {}));
  assert.ok(exports.length > 0, "trunk exposes the wasm's exports as window.wasmBindings");
  assert.deepEqual(exports.filter((name) => name.startsWith("bench_")), []);
  await context.close();
});

test("a Content-Security-Policy violation is caught by the suite (so zero means zero)", async () => {
  const { context, page } = await newSession(browser);
  await open(page, server);
  // An inline script is exactly what the policy forbids; the suite must notice it.
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.__ran = true";
    document.body.append(s);
  });
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.__ran ?? false), false);
  const caught = takeCspViolations();
  assert.equal(caught.length, 1);
  assert.match(caught[0], /^script-src/);
  await context.close();
});

test("navigation links lead to each tool and mark the current one", async () => {
  const { context, page, problems } = await newSession(browser);
  await open(page, server);
  for (const [path, heading] of ROUTES.slice(1)) {
    await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: heading }).click();
    await heading1(page, heading);
    assert.equal(new URL(page.url()).pathname, path);
    const current = page.locator('nav a[aria-current="page"]');
    assert.equal(await current.innerText(), heading);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("every route renders when opened directly and after a reload", async () => {
  const { context, page } = await newSession(browser);
  for (const [path, heading] of ROUTES) {
    await open(page, server, path);
    await heading1(page, heading);
    await page.reload();
    await heading1(page, heading);
    // A static host answers /goals with goals/index.html, after redirecting to /goals/ as
    // GitHub Pages does; the app reads either.
    assert.ok([path, `${path}/`].includes(new URL(page.url()).pathname), new URL(page.url()).pathname);
  }
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("an unknown address says so instead of showing a blank page", async () => {
  const { context, page } = await newSession(browser);
  await open(page, server, "/no-such-page");
  await heading1(page, "Page not found");
  await context.close();
});
