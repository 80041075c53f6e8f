// Deploys while people use Trellis (issue 30): a returning visitor after a deploy that changed
// the inline JS, a tab left open across a deploy that renamed and removed a tool's chunk (from
// its build's cache, and, when no cache has it, by saving and reloading into the new build), a
// host answering 503, and two deployments on one origin. The next deploys are made from the
// release build as a second build would make them (tests/e2e/deploy.mjs). The update served with
// HTTP caching is in offline-and-share.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, newSession, open, heading1, storedData, cspViolations, SAMPLE, waitSaved, WITH_WORKER } from "./harness.mjs";
import { serveStatic } from "../../scripts/serve-static.mjs";
import { buildOf, cacheNames, copyDist, nextDeploy, updateWorker, waitForServiceWorker } from "./deploy.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A copy of the build on a host of its own, visited once with the sample plan started and the
 *  worker's precache done. */
async function visitedOnce({ base = "/" } = {}) {
  const dir = await copyDist(base);
  const host = await serveStatic(dir, base);
  const session = await newSession(browser, WITH_WORKER);
  await open(session.page, host);
  await session.page.getByRole("button", { name: "Start with the sample plan" }).click();
  await session.page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  await waitSaved(session.page);
  await waitForServiceWorker(session.page);
  return { dir, host, ...session };
}

const deployed = (page) => page.locator('meta[name="trellis-deploy"]').count();

test("a deploy that changes the inline JS: a returning visitor gets the new build whole, never the old snippet", { timeout: 180_000 }, async () => {
  const { dir, host, context, page, problems } = await visitedOnce();
  const { renamed } = await nextDeploy(dir, { inlineJs: true });
  const [oldSnippet, newSnippet] = renamed.find(([from]) => from.startsWith("snippets/"));
  // The new bindings import a name only the new snippet has: an old snippet from a cache would
  // stop the module from linking, and the app from starting at all.
  const fetched = [];
  page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
  await page.reload();
  await heading1(page, "Plans");
  await page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  assert.equal(await deployed(page), 1, "the new build opened");
  assert.ok(fetched.some((path) => path.includes(newSnippet)), "the new snippet was loaded");
  assert.ok(!fetched.some((path) => path.includes(oldSnippet)));
  // Once the new worker has taken over, the same again from its cache.
  await updateWorker(page);
  await page.reload();
  await page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  assert.equal(await deployed(page), 1);
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
  await host.close();
});

test("a tab left open across a deploy that renamed and removed a tool's chunk still opens that tool, from its own build's cache", { timeout: 180_000 }, async () => {
  const { dir, host, context, page, problems } = await visitedOnce();
  const oldBuild = await buildOf(dir);
  const { newBuild } = await nextDeploy(dir, { chunk: "split_career" });
  // The new worker installs and takes over the old tab, which never opened Career.
  await updateWorker(page);
  const caches = await cacheNames(page);
  assert.ok(caches.includes(`trellis / ${newBuild}`), caches.join(", "));
  assert.ok(caches.includes(`trellis / ${oldBuild}`), `the old build's cache is kept while its tab is open: ${caches}`);
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Career" }).click();
  await heading1(page, "Career");
  await page.getByRole("heading", { name: "Side by side", exact: true }).waitFor();
  assert.equal(await deployed(page), 0, "still the old build, whole");

  // Once no tab of the old build is open, its cache goes (a tab of the new build says hello).
  const fresh = await context.newPage();
  await page.close();
  await open(fresh, host);
  await fresh.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  assert.equal(await deployed(fresh), 1);
  await fresh.waitForFunction((old) => caches.keys().then((keys) => !keys.includes(`trellis / ${old}`)), oldBuild);
  assert.deepEqual(problems, []);
  await context.close();
  await host.close();
});

test("a tab whose tool chunk is gone from the host and from every cache saves and reloads into the new build, with the edit kept", { timeout: 180_000 }, async () => {
  const dir = await copyDist();
  const host = await serveStatic(dir, "/");
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (err) => problems.push(err.message));
  await open(page, host);
  await page.getByRole("button", { name: "Start with the sample plan" }).click();
  await page.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  await waitSaved(page);
  await nextDeploy(dir, { chunk: "split_career" });
  // An edit, then the tool whose code the host no longer has, before the save's pause is over.
  await page.getByRole("button", { name: `Rename ${SAMPLE}` }).click();
  await page.getByLabel("New name").fill("Renamed before the deploy");
  await page.getByRole("button", { name: "Save name" }).click();
  await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: "Career" }).click();
  // The page reloads into the new build, on the same address, with the edit.
  await page.waitForFunction(() => document.querySelector('meta[name="trellis-deploy"]'));
  await heading1(page, "Career");
  await page.getByRole("heading", { name: "Side by side", exact: true }).waitFor();
  await page.locator(".current-plan", { hasText: "Renamed before the deploy" }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
  await host.close();
});

test("a host answering 503 (or 404) for the app's pages and files: the cached app opens instead of the error", { timeout: 180_000 }, async () => {
  const { host, context, page, problems } = await visitedOnce();
  for (const status of [503, 404]) {
    host.fail(status);
    for (const path of ["", "goals", "curve/"]) {
      await page.goto(host.url + path);
      await page.locator(".current-plan", { hasText: SAMPLE }).waitFor();
      await page.locator("header.app-header").waitFor();
    }
    host.fail(0);
  }
  // A page that is no page of the app keeps the host's 404.
  const missing = await page.goto(host.url + "no-such-page");
  assert.equal(missing.status(), 404);
  assert.deepEqual(
    problems.filter((p) => !/status of (503|404)/.test(p)),
    [],
  );
  await context.close();
  await host.close();
});

test("two deployments on one origin keep their caches and their plans apart, and plans stored by earlier builds are found", { timeout: 180_000 }, async () => {
  const a = await copyDist("/a/");
  const b = await copyDist("/b/");
  const host = await serveStatic(a, "/a/", 0, { also: [[b, "/b/"]] });
  const urlB = host.url.replace("/a/", "/b/");
  const { context, page, problems } = await newSession(browser, WITH_WORKER);
  // What a build from before this change left: its keys are not named by any path.
  await page.goto(host.url + "no-such-page");
  await page.evaluate(() => {
    const plan = { format: "trellis-plan", version: 1, id: "pearlier", name: "From an earlier build", revision: 1 };
    localStorage.setItem("trellis.plan.pearlier", JSON.stringify(plan));
    localStorage.setItem("trellis.workspace", JSON.stringify({ format: "trellis-workspace", version: 1, plans: [{ id: "pearlier", name: plan.name }], current: "pearlier" }));
  });
  await open(page, host);
  await page.locator(".plan-item .plan-name", { hasText: "From an earlier build" }).waitFor();
  // A's first write claims the earlier keys.
  await page.getByRole("button", { name: "Rename From an earlier build" }).click();
  await page.getByLabel("New name").fill("Kept by A");
  await page.getByRole("button", { name: "Save name" }).click();
  await page.locator(".plan-item .plan-name", { hasText: "Kept by A" }).waitFor();
  await waitSaved(page);
  await waitForServiceWorker(page);

  const other = await context.newPage();
  await open(other, { url: urlB });
  await other.getByRole("button", { name: "Start with the sample plan" }).click();
  await other.locator(".plan-item .plan-name", { hasText: SAMPLE }).waitFor();
  await waitSaved(other);
  assert.deepEqual(await other.locator(".plan-item .plan-name").allInnerTexts(), [SAMPLE], "B does not list A's plans");
  await waitForServiceWorker(other);

  await page.reload();
  await page.locator(".plan-item .plan-name", { hasText: "Kept by A" }).waitFor();
  assert.deepEqual(await page.locator(".plan-item .plan-name").allInnerTexts(), ["Kept by A"], "A does not list B's plans");
  const stored = await storedData(page);
  assert.equal(stored["trellis.owner"], "/a/", "A, the first to write, owns the earlier keys");
  assert.match(stored["trellis.plan.pearlier"], /Kept by A/, "the earlier plan stays where it was");
  assert.ok(Object.keys(stored).some((key) => key.startsWith("trellis@/b/.plan.")), Object.keys(stored).join(", "));

  // Each deployment's worker keeps to its own caches, also when B deploys again.
  const buildA = await buildOf(a);
  const { newBuild } = await nextDeploy(b);
  await updateWorker(other);
  const caches = await cacheNames(page);
  assert.ok(caches.includes(`trellis /a/ ${buildA}`), caches.join(", "));
  assert.ok(caches.includes(`trellis /b/ ${newBuild}`), caches.join(", "));
  // The visit to an address that is no page of the app, to write what an earlier build left.
  assert.deepEqual(problems.filter((p) => !p.includes("status of 404")), []);
  await context.close();
  await host.close();
});
