// Touches dates: the shared view is as of today, with the sample's forecasts.
// Offline use through the service worker, update notices, and share links.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { launch, serve, newSession, open, storedData, cspViolations, heading1, openFiles, WITH_WORKER } from "./harness.mjs";
import { serveStatic } from "../../scripts/serve-static.mjs";
import { copyDist, nextDeploy, updateWorker } from "./deploy.mjs";

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

// The worker precaches once the app has rendered, at idle; boot.js marks when that is done.
async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
  await page.locator("html[data-offline-ready]").waitFor();
}

test("after one visit the app opens and works with the network off, deep links included", async () => {
  const { context, page, problems } = await newSession(browser, WITH_WORKER);
  await open(page, server);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await heading1(page, "Plans");
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  await page.goto(server.url + "curve");
  await heading1(page, "Commitment curve");
  await page.locator(".current-plan", { hasText: SAMPLE }).waitFor();
  await context.setOffline(false);
  assert.deepEqual(problems.filter((p) => !p.includes("ERR_INTERNET_DISCONNECTED")), []);
  await context.close();
});

test("a new build is installed in the background and the user is told to reload", async () => {
  const dir = await mkdtemp(join(tmpdir(), "trellis-update-"));
  await cp(new URL("../../dist", import.meta.url).pathname, dir, { recursive: true });
  const local = await serveStatic(dir, "/");
  const { context, page } = await newSession(browser, WITH_WORKER);
  await open(page, local);
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item").first().waitFor();
  await waitForServiceWorker(page);
  const before = await storedData(page);
  // A new deploy: the worker script changes.
  await appendFile(join(dir, "sw.js"), "\n// next build\n");
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  const banner = page.getByTestId("update-banner");
  await banner.waitFor();
  assert.match(await banner.innerText(), /new version of Trellis is ready/);
  assert.deepEqual(await storedData(page), before);
  await banner.getByRole("button", { name: "Reload now" }).click();
  await page.locator(".current-plan", { hasText: SAMPLE }).waitFor();
  assert.deepEqual(await storedData(page), before);
  await context.close();
  await local.close();
});

test("an update served with HTTP caching still opens offline as the new version (the worker precaches from the network, not the HTTP cache)", async () => {
  const dir = await copyDist();
  // Like most static hosts: every file may be kept for an hour.
  const host = await serveStatic(dir, "/", 0, { maxAge: 3600 });
  const { context, page, problems } = await newSession(browser, WITH_WORKER);
  await open(page, host);
  await waitForServiceWorker(page);
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();

  const { newBuild } = await nextDeploy(dir);
  await updateWorker(page);
  await page.getByTestId("update-banner").waitFor();
  const cached = await page.evaluate(async (build) => {
    const cache = await caches.open((await caches.keys()).find((k) => k.endsWith(` ${build}`)));
    return (await (await cache.match("index.html")).text()).includes('name="trellis-deploy"');
  }, newBuild);
  assert.equal(cached, true, "the new worker's cache holds the new index.html, not the one in the HTTP cache");

  await context.setOffline(true);
  await page.reload();
  await page.locator(".current-plan", { hasText: SAMPLE }).waitFor();
  assert.equal(await page.locator('meta[name="trellis-deploy"]').count(), 1, "the new version opened");
  await context.setOffline(false);
  assert.deepEqual(problems.filter((p) => !p.includes("ERR_INTERNET_DISCONNECTED")), []);
  await context.close();
  await host.close();
});

test("a navigation the network does not answer within a few seconds opens the cached app", async () => {
  const dir = await mkdtemp(join(tmpdir(), "trellis-slow-"));
  await cp(new URL("../../dist", import.meta.url).pathname, dir, { recursive: true });
  const host = await serveStatic(dir, "/");
  const { context, page } = await newSession(browser, WITH_WORKER);
  await open(page, host);
  await waitForServiceWorker(page);
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  // The host now takes a minute to answer any page: the worker gives up on it after 3 s.
  host.delay(60_000);
  await page.goto(host.url + "curve", { waitUntil: "commit", timeout: 20_000 });
  await page.getByRole("heading", { level: 1, name: "Commitment curve" }).waitFor({ timeout: 20_000 });
  await page.locator(".current-plan", { hasText: SAMPLE }).waitFor();
  await context.close();
  await host.close();
});

async function copyShareLink(page, name) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: `Share a link to ${name}` }).click();
  await page.getByTestId("share-step").getByRole("button", { name: "Copy the link" }).click();
  await page.locator(".notice", { hasText: "Copied a share link" }).waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

test("a share link carries the plan in its fragment; it opens read-only, then adds on request", async () => {
  const first = await newSession(browser, WITH_WORKER);
  await open(first.page, server);
  await first.page.getByRole("button", { name: "Start with the sample plan" }).click();
  const link = await copyShareLink(first.page, SAMPLE);
  assert.ok(link.startsWith(server.url + "#plan="), link.slice(0, 80));
  await first.context.close();

  // A fresh browser: the reader has no plans of her own.
  const second = await newSession(browser, WITH_WORKER);
  await second.page.goto(link);
  const view = second.page.getByTestId("shared-view");
  await view.getByRole("heading", { level: 1, name: SAMPLE }).waitFor();
  assert.match(await view.innerText(), /Shared plan · read-only/i);
  // The goals with their statement and status, the curve with its bottleneck.
  assert.equal(await view.getByTestId("shared-goal").count(), 4);
  assert.match(await view.getByTestId("shared-goal").first().innerText(), /Our goal is to grow monthly active contributors[\s\S]*Active · On track/);
  await view.getByRole("img", { name: /^The commitment curve's stages: Discover/ }).waitFor();
  assert.match(await view.getByTestId("shared-bottleneck").innerText(), /^Bottleneck now: Discover → Join\./);
  await view.getByRole("heading", { level: 2, name: "The career case" }).waitFor();
  // Read-only: nothing to edit, and the Plans page's welcome waits behind it.
  assert.equal(await view.locator("input, textarea, select").count(), 0);
  assert.equal(await second.page.getByTestId("welcome").isVisible(), false);
  assert.equal(new URL(second.page.url()).hash, "", "the plan leaves the address bar");
  assert.deepEqual(await storedData(second.page), {}, "nothing is added before the user asks");
  await view.getByRole("button", { name: "Add to my plans" }).click();
  await second.page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  assert.deepEqual(second.problems, []);
  assert.deepEqual(await cspViolations(second.page), []);
  await second.context.close();
});

/** Share-link data for `doc`: deflate (zlib), then unpadded base64url, as Trellis makes it. */
const shareData = (doc) => deflateSync(Buffer.from(JSON.stringify(doc)), { level: 9 }).toString("base64url");

test("a share link is counted before it is read: a plan the check refuses says why when opened, and nothing is added", async () => {
  const { context, page, problems } = await newSession(browser, WITH_WORKER);
  // A goal naming an objective the plan does not have: few records, refused by the check.
  const dangling = {
    format: "trellis-plan", version: 2, id: "pshared", name: `  ${"Long name ".repeat(50)}`,
    goals: { goals: [{ id: "g1", objective_id: "nowhere" }] },
  };
  await page.goto(`${server.url}#plan=${shareData(dangling)}`);
  const error = page.getByTestId("share-error");
  await error.waitFor();
  assert.match(await error.innerText(), /cannot be opened: `goals\.goals\[0\]\.objective_id`/);
  assert.equal(await page.getByTestId("shared-view").count(), 0, "no read-only view of a refused plan");
  assert.equal(new URL(page.url()).hash, "", "the plan leaves the address bar");
  assert.deepEqual(await storedData(page), {}, "nothing added");
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
});

test("a tampered or truncated share link gives a specific error and changes nothing", async () => {
  const first = await newSession(browser, WITH_WORKER);
  await open(first.page, server);
  await first.page.getByRole("button", { name: "Start with the sample plan" }).click();
  const link = await copyShareLink(first.page, SAMPLE);
  await first.context.close();

  const data = link.split("#plan=")[1];
  const cases = [
    [`${data.slice(0, 20)}*${data.slice(21)}`, /was changed: character 21/],
    [data.slice(0, Math.floor(data.length / 8) * 4 + 1), /cut short/],
    [data.slice(0, Math.floor(data.length / 8) * 4), /damaged/],
    ["", /has no plan in it/],
  ];
  for (const [fragment, expected] of cases) {
    const { context, page } = await newSession(browser, WITH_WORKER);
    await page.goto(`${server.url}#plan=${fragment}`);
    const error = page.getByTestId("share-error");
    await error.waitFor();
    assert.match(await error.innerText(), expected);
    assert.deepEqual(await storedData(page), {});
    await context.close();
  }
});

test("a plan too large for a link gets a message suggesting file export", async () => {
  const { context, page } = await newSession(browser, WITH_WORKER);
  await open(page, server);
  // Text that does not compress: a long run of random letters in a stage's description.
  const noise = Array.from({ length: 40000 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
  const plan = { format: "trellis-plan", version: 1, id: "pbig", name: "Big plan", curve: { stages: [{ id: "s1", name: "Everyone", description: noise }] } };
  await openFiles(page);
  await page.getByLabel("Or paste the plan's JSON").fill(JSON.stringify(plan));
  await page.getByRole("button", { name: "Import pasted plan" }).click();
  await page.locator(".plan-item .plan-name", { hasText: "Big plan" }).waitFor();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Share a link to Big plan" }).click();
  await page.getByTestId("share-step").getByRole("button", { name: "Copy the link" }).click();
  await page.locator(".notice", { hasText: "too large to share as a link" }).waitFor();
  assert.match(await page.locator(".notice").last().innerText(), /Export it as a file/);
  await context.close();
});
