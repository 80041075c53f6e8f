// The benchmark of issue 7 (`./dev bench`): builds the release and a minimal Leptos page (the
// floor), serves both like a static host, drives Debian's Chromium through playwright-core and
// writes bench/results.json plus a table. Figures that depend on the machine's speed are ratios
// against a reference measured in the same run, in the same browser.
//
//   node bench/run.mjs [--no-build] [--skip-lighthouse] [--runs N]
//   node bench/run.mjs --typing-only <dist> [--scale 1,5] [--typing-runs 3] [--against <dist>]   (3b)
//   node bench/run.mjs --lighthouse-only <dist> [--paths ",goals"]   (Lighthouse per route, no build)
//
// --no-build reuses bench/.out from the last run. CARGO_TARGET_DIR is respected (both builds use
// it, so the floor shares the compiled dependencies); CHROMIUM overrides /usr/bin/chromium.
// Measurement only: nothing here is a pass/fail test, and `./dev test` does not run it.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { storageKeys } from "../scripts/storage-keys.mjs";

import { serveStatic } from "../scripts/serve-static.mjs";
import { CHROMIUM_ARGS } from "../tests/e2e/harness.mjs";
import { exportText, largePlan, planOfSize, scaledShape, SHAPE, storedText } from "./large-plan.mjs";
import { wasmBreakdown } from "./wasm-size.mjs";
import { criticalPath, sizes, wholeApp } from "./critical-path.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BENCH = join(ROOT, "bench");
const OUT = join(BENCH, ".out");
const APP_DIST = join(OUT, "app");
// The same release with the timing hooks of src/bench.rs (cargo feature `bench`), used only for
// import, save and edit timings; every size and load figure comes from APP_DIST, the shipped build.
const HOOKS_DIST = join(OUT, "app-with-hooks");
const FLOOR_DIST = join(OUT, "floor");
const FLOOR_DIR = join(BENCH, "floor");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const argv = process.argv.slice(2);
const NO_BUILD = argv.includes("--no-build");
const SKIP_LIGHTHOUSE = argv.includes("--skip-lighthouse");
const COLD_RUNS = Number(argv[argv.indexOf("--runs") + 1]) || 12; // ≥ 10 fresh contexts each
const WARM_KEYS = 20;
const KEYS = 220; // measured keystrokes (≥ 200), after WARM_KEYS unmeasured ones
const IMPORT_REPS = 7;
const SAVE_REPS = 15;
/** Goals in the closed period of the period check's timing (bench_period_check). */
const PERIOD_GOALS = 20_000;
const IMPORT_BYTES = 5_000_000;

// The budgets of issue 7, with those of issue 16 (first load) where it set new ones.
const BUDGET = {
  criticalPathGzipBytes: 350_000,
  wholeAppGzipBytes: 700_000,
  coldStartRatio: 1.8,
  typingP95Ratio: 2,
  typingP95Ms: 16,
  importRatio: 4,
  importLongestBlockMs: 200,
  saveMedianMs: 20,
  lighthouseMobile: 90, // the median of three runs
  lighthouseDesktop: 100,
};

process.env.PATH = `${join(ROOT, "node_modules/.bin")}:${process.env.HOME}/.cargo/bin:${process.env.PATH}`;

const say = (text) => console.log(`\x1b[1m==> ${text}\x1b[0m`);
const notMeasured = (why) => ({ measured: false, note: `not measured: ${why}` });
const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}
const round = (x, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
const verdict = (ok) => (ok ? "met" : "missed");
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: "utf8", ...opts }).trim();
const trySh = (cmd, args, opts) => {
  try {
    return sh(cmd, args, { stdio: ["ignore", "pipe", "ignore"], ...opts });
  } catch {
    return null;
  }
};

// ---------------------------------------------------------------------------------------------
// Build

function build() {
  const targetDir = process.env.CARGO_TARGET_DIR ?? join(ROOT, "target");
  const env = { ...process.env, CARGO_TARGET_DIR: targetDir };
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  say(`Release build of Trellis (CARGO_TARGET_DIR=${targetDir})`);
  run("trunk", ["build", "--release", "--dist", APP_DIST], { cwd: ROOT, env });
  say("Release build of Trellis with the benchmark's timing hooks (--features bench)");
  run("trunk", ["build", "--release", "--features", "bench", "--dist", HOOKS_DIST], { cwd: ROOT, env });
  // The floor resolves to the same crate versions: a copy of the main lock file, which cargo
  // then trims to what the floor uses (it is all on disk already, so this works offline).
  copyFileSync(join(ROOT, "Cargo.lock"), join(FLOOR_DIR, "Cargo.lock"));
  say("Release build of the floor (bench/floor: a minimal Leptos counter)");
  // The repository's .cargo/config.toml applies to the floor too: it keeps the erased views, but
  // not `--emit-relocs`, which only the split needs (its relocation sections would otherwise stay
  // in the floor's unsplit wasm: 665 KB instead of about 100). Its own target folder, so the two
  // sets of flags do not rebuild each other's dependencies.
  const floorEnv = {
    ...env,
    CARGO_TARGET_DIR: join(targetDir, "floor"),
    // RUSTFLAGS replaces the config's target flags (an env var of the same key would add to them).
    RUSTFLAGS: "--cfg erase_components",
  };
  run("cargo", ["fetch", "--quiet"], { cwd: FLOOR_DIR, env: floorEnv });
  run("trunk", ["build", "--release", "--dist", FLOOR_DIST], { cwd: FLOOR_DIR, env: floorEnv });
  return targetDir;
}

/** The reference page for typing: a bare <input> on a blank page, from the floor's server. */
function writeBlankPage() {
  writeFileSync(
    join(FLOOR_DIST, "blank.html"),
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head>' +
      '<body><main><input type="text" aria-label="Text"></main></body></html>\n',
  );
}

function run(cmd, args, opts) {
  const result = spawnSync(cmd, args, { stdio: "inherit", ...opts });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${result.status})`);
}

// ---------------------------------------------------------------------------------------------
// The machine

function machine() {
  const cpu = cpus()[0]?.model ?? "unknown";
  return {
    nproc: Number(trySh("nproc", [])) || cpus().length,
    cpu,
    chromium: trySh(CHROMIUM, ["--version"]) ?? "unknown",
    node: process.version,
    commit: trySh("git", ["rev-parse", "--short=12", "HEAD"], { cwd: ROOT }) ?? "unknown",
    uncommitted_changes: (trySh("git", ["status", "--porcelain"], { cwd: ROOT }) ?? "") !== "",
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Transfer size of a first visit

async function transferSize(browser, server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched = [];
  // On the context, so the service worker's requests (its precache) count too.
  context.on("response", async (response) => {
    const url = new URL(response.url());
    if (!url.href.startsWith(server.url) || response.status() !== 200) return;
    fetched.push(response.body().then((body) => ({ path: url.pathname, type: response.headers()["content-type"] ?? "", body })).catch(() => null));
  });
  await page.goto(server.url);
  await waitForMark(page);
  await page.waitForLoadState("networkidle");
  // Let a service worker finish installing (and precaching) before counting.
  await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((ok) => setTimeout(ok, 5000))]));
  await page.waitForLoadState("networkidle");
  const files = (await Promise.all(fetched)).filter(Boolean);
  await context.close();
  const kinds = { wasm: 0, js: 0, css: 0, html: 0, other: 0 };
  const byKind = Object.fromEntries(Object.keys(kinds).map((k) => [k, { files: [], raw: 0, gzip: 0, brotli: 0 }]));
  // A body fetched twice (the service worker's precache) is counted once; bodies the browser
  // took from its cache after a 304 come back empty and do not count.
  const seen = new Set();
  for (const { path, type, body } of files) {
    if (!body.length || seen.has(path)) continue;
    seen.add(path);
    const kind = type.includes("wasm") ? "wasm" : type.includes("javascript") ? "js" : type.includes("css") ? "css" : type.includes("html") ? "html" : "other";
    const entry = byKind[kind];
    entry.files.push(path);
    entry.raw += body.length;
    // What a static host typically sends: gzip -9 and brotli at its best quality.
    entry.gzip += gzipSync(body, { level: 9 }).length;
    entry.brotli += brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const entry of Object.values(byKind)) for (const k of Object.keys(total)) total[k] += entry[k];
  return { ...byKind, total };
}

// The routes a first visit may open, each with its own page (scripts/post-build.mjs).
const ROUTES = ["/", "/goals", "/curve", "/career"];

/**
 * What a first visit to each route downloads before that route is interactive: every response
 * the page requested before the app's mark (Resource Timing, the page and its subresources; the
 * service worker's precache waits until after the mark). Sizes are those of the served files,
 * gzip -9 and brotli 11, beside what the server sent (encoded body sizes).
 */
async function criticalPaths(browser, server, stored = null) {
  const out = {};
  // With a plan stored, a tool's page also fetches the tool's code (boot.js, src/ui/tool_routes.rs).
  for (const route of stored ? ROUTES.filter((r) => r !== "/") : ROUTES) {
    const context = stored ? await contextWithPlan(browser, stored) : await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url + route.slice(1));
    const mark = await waitForMark(page);
    const entries = await page.evaluate((mark) => {
      const all = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
      return all.filter((e) => e.startTime <= mark).map((e) => ({ url: e.name, encoded: e.encodedBodySize }));
    }, mark);
    await context.close();
    const files = [];
    const sum = { gzip: 0, brotli: 0, served: 0 };
    for (const { url, encoded } of entries) {
      let path = new URL(url).pathname.slice(1);
      if (path === "" || path.endsWith("/")) path += "index.html";
      const file = join(APP_DIST, path);
      if (!existsSync(file)) continue;
      const s = sizes(file);
      files.push(path);
      sum.gzip += s.gzip;
      sum.brotli += s.brotli;
      sum.served += encoded;
    }
    out[route] = { ...sum, files, mark_ms: round(mark, 1) };
  }
  // The same figure for / from the files alone (what ./dev test checks against bench/budget.json).
  if (!stored) out.from_files = { "/": criticalPath(APP_DIST) };
  return out;
}

/** Whether the shipped wasm was run through wasm-opt -Oz: -Oz again must gain (almost) nothing. */
function wasmOptApplied(wasmFile) {
  const html = readFileSync(join(ROOT, "index.html"), "utf8");
  const configured = /data-wasm-opt="z"/.test(html);
  const out = join(tmpdir(), `trellis-bench-${process.pid}.wasm`);
  const ok = trySh("wasm-opt", ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue", wasmFile, "-o", out]);
  if (ok === null || !existsSync(out)) return { configured, again_bytes: null };
  const before = readFileSync(wasmFile).length;
  const after = readFileSync(out).length;
  rmSync(out, { force: true });
  return { configured, shipped_bytes: before, after_another_Oz_bytes: after, applied: configured && after >= before * 0.98 };
}

// ---------------------------------------------------------------------------------------------
// 2. Cold start

async function waitForMark(page, timeout = 30_000) {
  await page.waitForFunction(() => performance.getEntriesByName("trellis:interactive").length > 0, null, { timeout, polling: 10 });
  return page.evaluate(() => performance.getEntriesByName("trellis:interactive")[0].startTime);
}

async function coldStart(browser, appUrl, floorUrl) {
  const app = [];
  const floor = [];
  const appWasm = [];
  const floorWasm = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    // Alternate, so drift on a shared machine touches both alike.
    for (const [url, into] of [[appUrl, app], [floorUrl, floor]]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      const mark = await waitForMark(page);
      const wasmEnd = await page.evaluate(() => performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"))?.responseEnd ?? NaN);
      into.push(mark);
      (into === app ? appWasm : floorWasm).push(wasmEnd);
      await context.close();
    }
  }
  return { app_ms: app.map((x) => round(x, 1)), floor_ms: floor.map((x) => round(x, 1)), app_median_ms: round(median(app), 1), floor_median_ms: round(median(floor), 1), ratio: round(median(app) / median(floor)),
    // Until the wasm has arrived, and from then to the mark (compile, instantiate, first render).
    wasm_received_median_ms: { app: round(median(appWasm), 1), floor: round(median(floorWasm), 1) },
    after_wasm_median_ms: { app: round(median(app.map((m, i) => m - appWasm[i])), 1), floor: round(median(floor.map((m, i) => m - floorWasm[i])), 1) } };
}

// ---------------------------------------------------------------------------------------------
// 2b. Start-up with ten stored 1 MB plans (the list is read from headers; one plan is parsed)

const TEN_PLANS_RUNS = 7;

/** Ten stored plans of the large plan's shape, each at least 1 MB as stored, the first current. */
const STORAGE = storageKeys(ROOT);

function tenStoredPlans() {
  let goals = SHAPE.goals;
  while (storedText(largePlan({ goals })).length < 1_000_000) goals += 25;
  const plans = Array.from({ length: 10 }, (_, i) => ({ ...largePlan({ goals }), id: `pbench${i}`, name: `Bench plan ${i + 1}` }));
  const index = { format: "trellis-workspace", version: 1, plans: plans.map(({ id, name }) => ({ id, name })), current: plans[0].id };
  const one = { ...index, plans: index.plans.slice(0, 1) };
  return {
    items: [...plans.map((p) => [STORAGE.PLAN_PREFIX + p.id, storedText(p)]), [STORAGE.INDEX_KEY, JSON.stringify(index)]],
    oneItem: [[STORAGE.PLAN_PREFIX + plans[0].id, storedText(plans[0])], [STORAGE.INDEX_KEY, JSON.stringify(one)]],
    bytes: storedText(plans[0]).length,
  };
}

/**
 * Median time to the interactive mark with ten stored 1 MB plans, with one (the one opened),
 * and with empty storage: ten minus one is what the nine plans not opened cost.
 */
async function startWithTenPlans(browser, url) {
  const { items, oneItem, bytes } = tenStoredPlans();
  const runs = { empty: [], one_plan: [], ten_plans: [] };
  for (let i = 0; i < TEN_PLANS_RUNS; i++) {
    for (const [what, stored] of [["empty", []], ["one_plan", oneItem], ["ten_plans", items]]) {
      const context = await browser.newContext();
      await context.addInitScript((items) => {
        if (!sessionStorage.getItem("seeded")) {
          for (const [key, text] of items) localStorage.setItem(key, text);
          sessionStorage.setItem("seeded", "1");
        }
      }, stored);
      const page = await context.newPage();
      await page.goto(url);
      runs[what].push(await waitForMark(page));
      await context.close();
    }
  }
  const [empty, one, ten] = [runs.empty, runs.one_plan, runs.ten_plans].map(median);
  return { plan_bytes: bytes, empty_median_ms: round(empty, 1), one_plan_median_ms: round(one, 1), ten_plans_median_ms: round(ten, 1),
    nine_more_plans_ms: round(ten - one, 1) };
}

// ---------------------------------------------------------------------------------------------
// The large plan in the app's storage, before the app starts

/** A fresh context whose pages keep trunk's wasm instance (for its memory) in `window.__wasm`. */
async function benchContext(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    addEventListener("TrunkApplicationStarted", (e) => (window.__wasm = e.detail.wasm));
  });
  return context;
}

async function contextWithPlan(browser, stored) {
  const context = await benchContext(browser);
  const index = JSON.stringify({ format: "trellis-workspace", version: 1, plans: [{ id: stored.id, name: stored.name }], current: stored.id });
  await context.addInitScript(
    ({ key, text, index, indexKey }) => {
      if (localStorage.getItem(key) === null) {
        localStorage.setItem(key, text);
        localStorage.setItem(indexKey, index);
      }
    },
    { key: STORAGE.PLAN_PREFIX + stored.id, text: stored.text, index, indexKey: STORAGE.INDEX_KEY },
  );
  return context;
}

async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = await cdp.send("Runtime.getHeapUsage");
  await cdp.detach();
  const wasmBytes = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? null);
  return { wasm_linear_memory_bytes: wasmBytes, js_heap_used_bytes: heap.usedSize, js_heap_total_bytes: heap.totalSize };
}

// ---------------------------------------------------------------------------------------------
// 3. Typing latency: keydown → the frame after it

const LATENCY_PROBE = () => {
  window.__latencies = [];
  addEventListener(
    "keydown",
    (event) => {
      const start = event.timeStamp;
      // The frame the keystroke produces: after its rAF callbacks, style, layout and paint,
      // a posted message runs; its time is the latency.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.__latencies.push(performance.now() - start);
        channel.port2.postMessage(null);
      });
    },
    true,
  );
};

/** The renderer's main-thread totals so far (Chromium's Performance domain), in ms. */
async function mainThreadMs(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const get = (name) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
  return { task: get("TaskDuration"), script: get("ScriptDuration") };
}

async function typeInto(page, input) {
  await page.evaluate(LATENCY_PROBE);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  await input.click();
  const letters = "the quick brown fox jumps over the lazy dog ";
  let start;
  for (let i = 0; i < WARM_KEYS + KEYS; i++) {
    if (i === WARM_KEYS) start = await mainThreadMs(cdp);
    await page.keyboard.press(letters[i % letters.length] === " " ? "Space" : letters[i % letters.length]);
    await page.waitForFunction((n) => window.__latencies.length >= n, i + 1, { polling: 1, timeout: 10_000 });
  }
  const end = await mainThreadMs(cdp);
  await cdp.detach();
  const all = await page.evaluate(() => window.__latencies);
  const measured = all.slice(WARM_KEYS);
  return {
    keystrokes: measured.length,
    p50_ms: round(quantile(measured, 0.5)),
    p95_ms: round(quantile(measured, 0.95)),
    max_ms: round(Math.max(...measured)),
    // Everything the page's main thread ran per keystroke (events, script, style, layout,
    // paint; the probe's polling too, alike on both pages), by Chromium's own counters.
    main_thread_ms_per_key: round((end.task - start.task) / measured.length, 3),
    script_ms_per_key: round((end.script - start.script) / measured.length, 3),
  };
}

/** The first text field inside <main> on /goals, opening a goal first when the page lists them. */
async function goalTextField(page) {
  const title = page.getByLabel("Title", { exact: true });
  if ((await title.count()) === 1 && (await title.isEditable())) return title;
  const selector = 'main input[type="text"], main input:not([type])';
  const found = async () => {
    for (const input of await page.locator(selector).all()) if (await input.isVisible() && await input.isEditable()) return input;
    return null;
  };
  let input = await found();
  if (input) return input;
  // A list of goals: open the first (a link, button or row that names "Goal 1").
  const opener = page.locator("main a, main button, main [role=button], main li, main summary").filter({ hasText: /Goal 1\b/ }).first();
  if (await opener.count()) {
    await opener.click();
    await page.waitForTimeout(300);
    input = await found();
  }
  return input;
}

async function typingLatency(browser, appUrl, floorUrl, stored) {
  const refContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const refPage = await refContext.newPage();
  await refPage.goto(`${floorUrl}blank.html`);
  const reference = await typeInto(refPage, refPage.locator("input"));
  await refContext.close();

  const context = await contextWithPlan(browser, stored);
  const page = await context.newPage();
  // The goal editor of the plan's first goal: typing into its title, as a user renaming a goal.
  const firstGoal = JSON.parse(stored.text).goals?.goals?.[0]?.id;
  await page.goto(`${appUrl}goals${firstGoal ? `?goal=${encodeURIComponent(firstGoal)}` : ""}`);
  await waitForMark(page);
  await page.waitForTimeout(500);
  const loaded = await planLoaded(page, stored);
  const mem = await memory(page);
  let app;
  if (!loaded.ok) app = notMeasured(loaded.why);
  else {
    const input = await goalTextField(page);
    if (!input) {
      const shown = (await page.locator("main").innerText()).replace(/\s+/g, " ").trim().slice(0, 120);
      app = notMeasured(`no text field inside <main> on /goals with the large plan open (the page shows: "${shown}")`);
    } else {
      try {
        app = { measured: true, field: await input.evaluate((el) => el.getAttribute("aria-label") || el.labels?.[0]?.textContent?.trim() || el.name || el.id || el.outerHTML.slice(0, 80)), ...(await typeInto(page, input)) };
      } catch (err) {
        app = notMeasured(`typing into the goal field failed: ${err.message.split("\n")[0]}`);
      }
    }
  }
  await context.close();
  const result = { reference_bare_input: reference, app };
  if (app.measured) {
    result.p50_ratio = round(app.p50_ms / reference.p50_ms);
    result.p95_ratio = round(app.p95_ms / reference.p95_ms);
  }
  return { typing: result, memoryAfterLoad: { ...mem, plan_loaded: loaded } };
}

/** Whether the app opened the large plan from storage (and did not set it aside as unreadable). */
async function planLoaded(page, stored) {
  const state = await page.evaluate(
    ({ id, name, keys }) => ({
      backups: Object.keys(localStorage).filter((k) => k.startsWith(keys.BACKUP_PREFIX)),
      named: document.body.innerText.includes(name),
      still: localStorage.getItem(keys.PLAN_PREFIX + id) !== null,
    }),
    { ...stored, keys: STORAGE },
  );
  if (state.backups.length) return { ok: false, why: `the app could not read the large plan (backed up under ${state.backups[0]})` };
  if (!state.still) return { ok: false, why: "the large plan vanished from storage" };
  if (!state.named) return { ok: false, why: "the app did not show the large plan's name" };
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// 3b. Typing as the plan grows (issue 15), on its own:
//
//   node bench/run.mjs --typing-only <dist> [--scale 1,5] [--typing-runs 3] [--against <dist>]
//
// For each run and each scale (the large plan, and largePlan(scaledShape(n))), the typing
// latency of the goal title and of a bare <input> in the same run, each in a fresh context, and
// the main-thread time per keystroke of both. With a dist built with `--features bench`, also
// the core's part of one keystroke (bench_edit in src/bench.rs) on a plan of that scale.
// Writes bench/results.json's `typing_scaling` (the full benchmark's figures there are kept).

const argValue = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const spread = (xs, digits = 2) => ({ median: round(median(xs), digits), min: round(Math.min(...xs), digits), max: round(Math.max(...xs), digits), runs: xs.map((x) => round(x, digits)) });

/** One sample of bench_edit, in the page: as many keystrokes as fill 50 ms (at least ten), as
 * one keystroke can be far below the timer's resolution. The time of one. */
const EDIT_SAMPLE = () => {
  const t = performance.now();
  let k = 0;
  do {
    window.wasmBindings.bench_edit();
    k++;
  } while (k < 10 || performance.now() - t < 50);
  return (performance.now() - t) / k;
};

/** The core's work per keystroke on `text`'s plan, through the hooks of src/bench.rs. */
async function coreEditTime(browser, url, text) {
  const context = await benchContext(browser);
  const page = await context.newPage();
  await page.goto(url);
  await waitForMark(page);
  if (!(await page.evaluate(() => typeof window.wasmBindings?.bench_edit === "function"))) {
    await context.close();
    return notMeasured("the dist has no bench hooks (build it with --features bench)");
  }
  const goals = await page.evaluate((text) => window.wasmBindings.bench_import(text), text);
  const times = [];
  for (let i = 0; i < SAVE_REPS; i++) times.push(await page.evaluate(EDIT_SAMPLE));
  await context.close();
  return goals < 0 ? notMeasured("the app refused the plan") : { measured: true, median_ms: round(median(times), 4), min_ms: round(Math.min(...times), 4) };
}

/** One build's typing samples of every scale, summed up as medians with their spread. */
async function typingSummary(browser, url, plans, samples) {
  const scales = {};
  for (const [n, t] of Object.entries(samples)) {
    const app = (k) => t.map((x) => x.app[k]);
    const bare = (k) => t.map((x) => x.reference_bare_input[k]);
    scales[n] = {
      goals: plans[n].goals,
      stored_characters: plans[n].text.length,
      p50_ratio: spread(t.map((x) => x.p50_ratio)),
      p95_ratio: spread(t.map((x) => x.p95_ratio)),
      p50_ms: spread(app("p50_ms")),
      p95_ms: spread(app("p95_ms")),
      bare_p50_ms: spread(bare("p50_ms")),
      bare_p95_ms: spread(bare("p95_ms")),
      main_thread_ms_per_key: spread(app("main_thread_ms_per_key"), 3),
      bare_main_thread_ms_per_key: spread(bare("main_thread_ms_per_key"), 3),
      main_thread_ratio: spread(t.map((x) => x.app.main_thread_ms_per_key / x.reference_bare_input.main_thread_ms_per_key)),
      script_ms_per_key: spread(app("script_ms_per_key"), 3),
      core_edit: await coreEditTime(browser, url, plans[n].text),
    };
  }
  return scales;
}

async function typingOnly(dist) {
  const scales = (argValue("--scale") ?? "1,5").split(",").map(Number).filter((n) => n > 0);
  const runs = Number(argValue("--typing-runs")) || 3;
  // `--against <dist>`: another build (say, before a change), measured in the same runs,
  // alternating with this one, so both see the same machine.
  const builds = [{ label: "this", dist }];
  if (argValue("--against")) builds.push({ label: "against", dist: argValue("--against") });
  const blankDir = join(tmpdir(), `trellis-bench-blank-${process.pid}`);
  mkdirSync(blankDir, { recursive: true });
  writeFileSync(join(blankDir, "blank.html"), '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body><main><input type="text" aria-label="Text"></main></body></html>\n');
  for (const b of builds) {
    b.server = await serveStatic(b.dist, "/", 0, { gzip: true });
    b.samples = Object.fromEntries(scales.map((n) => [n, []]));
  }
  const blankServer = await serveStatic(blankDir, "/", 0, { gzip: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const plans = Object.fromEntries(scales.map((n) => {
    const plan = largePlan(scaledShape(n));
    return [n, { id: plan.id, name: plan.name, text: storedText(plan), goals: plan.goals.goals.length }];
  }));
  const results = { date: new Date().toISOString(), machine: machine(), keystrokes: KEYS, runs };
  try {
    for (let r = 0; r < runs; r++) {
      for (const n of scales) {
        for (const b of builds) {
          say(`Typing, run ${r + 1} of ${runs}: plan × ${n} (${plans[n].goals} goals, ${(plans[n].text.length / 1e6).toFixed(1)} MB stored), ${b.dist}`);
          const { typing } = await typingLatency(browser, b.server.url, blankServer.url, plans[n]);
          if (!typing.app.measured) throw new Error(typing.app.note);
          b.samples[n].push(typing);
          console.log(`  p50 ${typing.app.p50_ms} ms (bare ${typing.reference_bare_input.p50_ms}), p95 ${typing.app.p95_ms} ms (bare ${typing.reference_bare_input.p95_ms}), main thread ${typing.app.main_thread_ms_per_key} ms/key (bare ${typing.reference_bare_input.main_thread_ms_per_key})`);
        }
      }
    }
    for (const b of builds) {
      say(`The core's work per keystroke, ${b.dist}`);
      results[b.label] = { dist: b.dist, scales: await typingSummary(browser, b.server.url, plans, b.samples) };
    }
  } finally {
    await browser.close();
    for (const b of builds) await b.server.close();
    await blankServer.close();
    rmSync(blankDir, { recursive: true, force: true });
  }
  // Into bench/results.json as `typing_scaling`, beside the full benchmark's figures (kept).
  const file = join(BENCH, "results.json");
  let all = {};
  try {
    all = JSON.parse(readFileSync(file, "utf8"));
  } catch {}
  writeFileSync(file, JSON.stringify({ ...all, typing_scaling: results }, null, 2) + "\n");
  for (const b of builds) {
    console.log(`\n${b.dist}:`);
    for (const [n, x] of Object.entries(results[b.label].scales)) {
      const core = x.core_edit.measured ? `${x.core_edit.median_ms} ms` : x.core_edit.note;
      console.log(`  plan × ${n} (${x.goals} goals): p50 ${x.p50_ratio.median} × bare [${x.p50_ratio.min}–${x.p50_ratio.max}], p95 ${x.p95_ratio.median} × [${x.p95_ratio.min}–${x.p95_ratio.max}]; main thread ${x.main_thread_ms_per_key.median} ms/key [${x.main_thread_ms_per_key.min}–${x.main_thread_ms_per_key.max}] vs bare ${x.bare_main_thread_ms_per_key.median}; core edit ${core}`);
    }
  }
  console.log("\nWritten to bench/results.json (typing_scaling)");
}

// ---------------------------------------------------------------------------------------------
// 4. Import and 5. Save, through the app's own code (src/bench.rs)

/** Runs one measured call in a task of its own (a timer), as a file or paste import does. */
const IN_A_TASK = (what) =>
  new Promise((ok) =>
    setTimeout(async () => {
      const t = performance.now();
      const n =
        what === "parse"
          ? JSON.parse(window.__text) && 1
          : what === "steps"
            ? await window.wasmBindings.bench_import_in_steps(window.__text)
            : window.wasmBindings.bench_import(window.__text);
      ok({ t, ms: performance.now() - t, n });
    }),
  );

async function importAndSave(browser, appUrl, fiveMb, large) {
  const context = await benchContext(browser);
  const page = await context.newPage();
  await page.goto(appUrl);
  await waitForMark(page);
  const hooks = await page.evaluate(() => ({ import: typeof window.wasmBindings?.bench_import, save: typeof window.wasmBindings?.bench_save }));
  if (hooks.import !== "function") {
    await context.close();
    const why = "the wasm exports no bench_import (src/bench.rs)";
    return { import: notMeasured(why), save: notMeasured(why), memoryEmpty: null };
  }
  const memoryEmpty = await memory(page);
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: "longtask" });
  });

  // Validation: the generated plans must pass the app's import as they are.
  const largeGoals = await page.evaluate((text) => window.wasmBindings.bench_import(text), exportText(large));
  await page.evaluate((text) => (window.__text = text), fiveMb.text);
  const fiveGoals = await page.evaluate(() => window.wasmBindings.bench_import(window.__text));
  const validation = { large_plan_goals: largeGoals, five_mb_plan_goals: fiveGoals, passed: largeGoals === SHAPE.goals && fiveGoals === fiveMb.goals };
  let importResult;
  if (!validation.passed) importResult = { ...notMeasured("the generated plan did not pass the app's import validation"), validation };
  else {
    const parse = [];
    const app = [];
    const windows = [];
    for (let i = 0; i < IMPORT_REPS; i++) {
      // One call per task, as an import from a file or a paste is.
      parse.push((await page.evaluate(IN_A_TASK, "parse")).ms);
      app.push((await page.evaluate(IN_A_TASK, "import")).ms);
      // The page's own import yields between its steps; the freeze is its longest step.
      windows.push(await page.evaluate(IN_A_TASK, "steps"));
    }
    // A refused import costs more: the direct route reads the file and gives up, then the full
    // route reads it again to name the wrong field (here, a type error in the very last one).
    const refusedTimes = [];
    await page.evaluate((t) => (window.__variant = t), fiveMb.text.replace(/"bucketing_threshold_percent": 10(\s*\}\s*\}\s*)$/, '"bucketing_threshold_percent": "x"$1'));
    for (let i = 0; i < 3; i++) {
      const r = await page.evaluate(() => { const t = performance.now(); const n = window.wasmBindings.bench_import(window.__variant); return { ms: performance.now() - t, n }; });
      if (r.n === -1) refusedTimes.push(r.ms);
    }
    await page.evaluate(() => delete window.__variant);
    await page.waitForTimeout(200);
    const longTasks = await page.evaluate(() => window.__longTasks);
    // Long tasks (≥ 50 ms, as the browser reports them) overlapping each stepped import.
    const blocks = windows.map((w) => Math.max(0, ...longTasks.filter((lt) => lt.start < w.t + w.ms && lt.start + lt.duration > w.t).map((lt) => lt.duration)));
    importResult = {
      measured: true,
      file_bytes: fiveMb.text.length,
      goals: fiveMb.goals,
      validation,
      json_parse_median_ms: round(median(parse)),
      app_median_ms: round(median(app)),
      ratio: round(median(app) / median(parse)),
      longest_main_thread_block_ms: round(Math.max(...blocks), 0),
      refused_median_ms: refusedTimes.length === 3 ? round(median(refusedTimes)) : null,
      route_note: "a sound plan of the current version is read straight into the plan's types and checked on them; anything else is read again through a JSON tree that names the problem (refused_median_ms: a wrong type in the last field)",
    };
  }

  // Save: the large plan held by the app, serialized alone and saved the autosave's whole way.
  await page.evaluate((text) => window.wasmBindings.bench_import(text), storedText(large));
  const serialize = [];
  const save = [];
  for (let i = 0; i < SAVE_REPS; i++) {
    serialize.push(await page.evaluate(() => { const t = performance.now(); window.wasmBindings.bench_save(false); return performance.now() - t; }));
    const r = await page.evaluate(() => { const t = performance.now(); const ok = window.wasmBindings.bench_save(true); return { ms: performance.now() - t, ok }; });
    if (r.ok < 0) {
      await context.close();
      return { import: importResult, save: notMeasured("the app's save of the large plan failed (storage full?)"), memoryEmpty };
    }
    save.push(r.ms);
  }
  // The core's part of one keystroke in AppState::edit (before any view runs): a floor under
  // typing latency on the large plan, whatever the Goals UI renders.
  let edit = notMeasured("the wasm exports no bench_edit (src/bench.rs)");
  if (await page.evaluate(() => typeof window.wasmBindings.bench_edit === "function")) {
    const times = [];
    for (let i = 0; i < SAVE_REPS; i++) times.push(await page.evaluate(EDIT_SAMPLE));
    edit = { measured: true, median_ms: round(median(times), 4), note: "the core's part of a keystroke in a word (src/bench.rs, bench_edit): the undo copy only when a step starts" };
  }
  // The period check every import runs (check_periods) on 20,000 goals finished in a closed
  // period, against indexing the same ids once: a ratio that stays small when the check takes
  // time in proportion to the plan (it was about 200 × when each result's goal was looked up
  // by walking the goals). The unit test counts id reads instead; the time is only here.
  let periodCheck = notMeasured("the wasm exports no bench_period_check (src/bench.rs)");
  if (await page.evaluate(() => typeof window.wasmBindings.bench_period_check === "function")) {
    const time = (indexOnly) => page.evaluate(([goals, indexOnly]) => {
      const t = performance.now();
      const ok = window.wasmBindings.bench_period_check(goals, indexOnly);
      return { ms: performance.now() - t, ok };
    }, [PERIOD_GOALS, indexOnly]);
    await time(false); // builds the goals once, outside the timings
    const check = [];
    const index = [];
    let passed = true;
    for (let i = 0; i < IMPORT_REPS; i++) {
      const c = await time(false);
      const x = await time(true);
      passed &&= c.ok === 1 && x.ok === 1;
      check.push(c.ms);
      index.push(x.ms);
    }
    periodCheck = passed
      ? { measured: true, goals: PERIOD_GOALS, check_median_ms: round(median(check), 3), index_median_ms: round(median(index), 3), ratio: round(median(check) / median(index)) }
      : notMeasured("bench_period_check did not pass its own plan");
  }
  const debounce = readFileSync(join(ROOT, "src/ui/state.rs"), "utf8").match(/SAVE_DEBOUNCE: Duration = Duration::from_millis\((\d+)\)/);
  await context.close();
  return {
    import: importResult,
    save: {
      measured: true,
      plan_characters: storedText(large).length,
      serialize_median_ms: round(median(serialize)),
      save_median_ms: round(median(save)),
      debounced_ms: debounce ? Number(debounce[1]) : null,
    },
    edit,
    periodCheck,
    memoryEmpty,
  };
}

// ---------------------------------------------------------------------------------------------
// 6. Lighthouse

/** Runs a command without blocking this process's event loop (the static servers live in it). */
function spawnAsync(cmd, args, opts) {
  return new Promise((ok) => {
    const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), opts.timeout ?? 300_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      ok({ status, stderr });
    });
  });
}

async function lighthouse(url) {
  const bin = join(ROOT, "node_modules/.bin/lighthouse");
  if (!existsSync(bin)) return notMeasured("npm lighthouse is not installed (run npm ci)");
  const runs = { mobile: [] };
  // Mobile three times (its budget is the median: it moves by about ten points between runs on
  // a shared machine), desktop once.
  for (const preset of ["mobile", "mobile", "mobile", "desktop"]) {
    const one = await lighthouseRun(bin, url, preset);
    if (preset === "mobile") runs.mobile.push(one);
    else runs.desktop = one;
  }
  const measured = runs.mobile.filter((r) => r.measured);
  if (!measured.length) return { mobile: runs.mobile[0], desktop: runs.desktop };
  const mid = [...measured].sort((a, b) => a.performance - b.performance)[Math.floor((measured.length - 1) / 2)];
  return { mobile: { ...mid, performance_runs: measured.map((r) => r.performance) }, desktop: runs.desktop };
}

async function lighthouseRun(bin, url, preset) {
  {
    const file = join(OUT, `lighthouse-${preset}.json`);
    const args = [url, "--quiet", "--output=json", `--output-path=${file}`, "--only-categories=performance,accessibility,best-practices,seo", `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(" ")}`];
    if (preset === "desktop") args.push("--preset=desktop");
    const result = await spawnAsync(bin, args, { env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: 300_000 });
    if (result.status !== 0 || !existsSync(file)) {
      return notMeasured(`lighthouse exited ${result.status}: ${(result.stderr || "").trim().split("\n").pop()}`);
    }
    const report = JSON.parse(readFileSync(file, "utf8"));
    const score = (k) => (report.categories[k]?.score == null ? null : Math.round(report.categories[k].score * 100));
    const audit = (k) => report.audits[k]?.displayValue ?? null;
    return {
      measured: true,
      performance: score("performance"),
      accessibility: score("accessibility"),
      best_practices: score("best-practices"),
      seo: score("seo"),
      first_contentful_paint: audit("first-contentful-paint"),
      largest_contentful_paint: audit("largest-contentful-paint"),
      total_blocking_time: audit("total-blocking-time"),
      cumulative_layout_shift: audit("cumulative-layout-shift"),
      speed_index: audit("speed-index"),
      runtime_error: report.runtimeError?.message ?? null,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const started = new Date();
  // `--ten-plans-only <dist>`: only the start-up with ten stored plans, on a built dist folder.
  if (argv.includes("--typing-only")) return typingOnly(argValue("--typing-only"));
  // `--lighthouse-only <dist> [--paths ",goals"]`: only Lighthouse, route by route, on a built dist.
  if (argv.includes("--lighthouse-only")) {
    mkdirSync(OUT, { recursive: true });
    const server = await serveStatic(argValue("--lighthouse-only"), "/", 0, { gzip: true });
    try {
      for (const path of (argValue("--paths") ?? "").split(",")) {
        console.log(`/${path}`, JSON.stringify(await lighthouse(server.url + path)));
      }
    } finally {
      await server.close();
    }
    return;
  }
  if (argv.includes("--ten-plans-only")) {
    const server = await serveStatic(argv[argv.indexOf("--ten-plans-only") + 1], "/", 0, { gzip: true });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      console.log(JSON.stringify(await startWithTenPlans(browser, server.url)));
    } finally {
      await browser.close();
      await server.close();
    }
    return;
  }
  if (!NO_BUILD) build();
  else if (!existsSync(join(APP_DIST, "index.html")) || !existsSync(join(HOOKS_DIST, "index.html")) || !existsSync(join(FLOOR_DIST, "index.html"))) throw new Error("--no-build: bench/.out has no earlier build");
  const targetDir = process.env.CARGO_TARGET_DIR ?? join(ROOT, "target");
  writeBlankPage();

  say("Generating the large plan and the 5 MB import file");
  const large = largePlan();
  const stored = { id: large.id, name: large.name, text: storedText(large) };
  const fiveMb = planOfSize(IMPORT_BYTES);

  // Served gzip-compressed, like a static host; both alike.
  const appServer = await serveStatic(APP_DIST, "/", 0, { gzip: true });
  const hooksServer = await serveStatic(HOOKS_DIST, "/", 0, { gzip: true });
  const floorServer = await serveStatic(FLOOR_DIST, "/", 0, { gzip: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const results = { date: started.toISOString(), machine: machine(), budgets: BUDGET };
  try {
    say("Transfer size of a first visit");
    results.transfer = await transferSize(browser, appServer);
    results.transfer_floor = (await transferSize(browser, floorServer)).total;
    say("Critical path of a first visit to each route");
    results.critical_path = await criticalPaths(browser, appServer);
    say("The same with a plan stored (a returning visitor whose worker cache is gone)");
    results.critical_path_with_plan = await criticalPaths(browser, appServer, stored);
    results.whole_app = wholeApp(APP_DIST);
    const wasmFile = join(APP_DIST, readdirSync(APP_DIST).find((f) => f.endsWith(".wasm")));
    results.wasm_opt = wasmOptApplied(wasmFile);

    say(`Cold start: ${COLD_RUNS} fresh contexts each for Trellis and the floor`);
    results.cold_start = await coldStart(browser, appServer.url, floorServer.url);

    say(`Start-up with ten stored 1 MB plans (${TEN_PLANS_RUNS} fresh contexts, and as many with empty storage)`);
    results.start_ten_plans = await startWithTenPlans(browser, appServer.url);

    say(`Typing latency: ${KEYS} keystrokes in a goal field with the large plan open, and in a bare <input>`);
    const { typing, memoryAfterLoad } = await typingLatency(browser, appServer.url, floorServer.url, stored);
    results.typing = typing;

    say(`Import of a ${(fiveMb.text.length / 1e6).toFixed(1)} MB plan and save of the large plan`);
    const io = await importAndSave(browser, hooksServer.url, fiveMb, large);
    results.import = io.import;
    results.save = { ...io.save, memory_empty_app: io.memoryEmpty, memory_after_loading_large_plan: memoryAfterLoad };
    results.typing.plan_copies_per_keystroke = io.edit;
    results.period_check = io.periodCheck;
  } finally {
    await browser.close();
  }

  say("Lighthouse (mobile and desktop presets)");
  results.lighthouse = SKIP_LIGHTHOUSE ? notMeasured("skipped (--skip-lighthouse)") : await lighthouse(appServer.url);
  await appServer.close();
  await hooksServer.close();
  await floorServer.close();

  say("Size breakdown of the wasm");
  results.wasm_size = wasmSize(targetDir);
  results.budget_report = budgets(results);
  writeFileSync(join(BENCH, "results.json"), JSON.stringify(results, null, 2) + "\n");
  const text = table(results);
  console.log(`\n${text}\n\nWritten to bench/results.json`);
  // The README shows the latest table, between its two markers.
  const readme = join(ROOT, "README.md");
  const before = readFileSync(readme, "utf8");
  const after = before.replace(/(<!-- bench:table -->\n)[\s\S]*?(\n<!-- \/bench:table -->)/, `$1${text}\n$2`);
  if (after !== before) {
    writeFileSync(readme, after);
    console.log("Updated the table in README.md");
  }
}

/** What the wasm is made of: twiggy when it is installed (or installs), else our own count. */
function wasmSize(targetDir) {
  // wasm-bindgen's output, before wasm-opt -Oz: it still has its function names (the shipped
  // file has none). Else the linker's output, which also holds wasm-bindgen's describe shims.
  const named = [join(targetDir, "wasm-bindgen/release/trellis_bg.wasm"), join(targetDir, "wasm32-unknown-unknown/release/trellis.wasm")].find(existsSync);
  if (!named) return notMeasured(`no wasm with names under ${targetDir}`);
  const out = { file: named, file_bytes: readFileSync(named).length, note: "code and data bytes before wasm-opt -Oz, by the crate that leads each function's name; the shipped file is smaller, the shares are similar. serde_path_to_error is the plan types' Deserialize code as instantiated through its path-tracking wrapper (schema/typed.rs)" };
  try {
    out.by_crate = wasmBreakdown(readFileSync(named)).slice(0, 15);
  } catch (err) {
    out.by_crate = notMeasured(err.message);
  }
  let twiggy = trySh("twiggy", ["--version"]);
  if (twiggy === null) {
    say("Installing twiggy (cargo install twiggy, once)");
    spawnSync("cargo", ["install", "twiggy", "--locked", "--quiet"], { stdio: "inherit" });
    twiggy = trySh("twiggy", ["--version"]);
  }
  if (twiggy !== null) {
    const top = trySh("twiggy", ["top", "-n", "60", "-f", "json", named], { maxBuffer: 64 << 20 });
    // Functions and data only: the name section and other custom sections do not ship.
    out.twiggy_top = top
      ? JSON.parse(top)
          .filter((item) => !/section|subsection/.test(item.name))
          .slice(0, 25)
          .map((item) => ({ name: item.name.slice(0, 140), bytes: item.shallow_size, percent_of_file: round(item.shallow_size_percent, 2) }))
      : notMeasured("twiggy top failed");
    out.twiggy = twiggy;
  } else out.twiggy_top = notMeasured("twiggy is not installed and cargo install twiggy failed");
  return out;
}

function budgets(r) {
  const rows = [];
  const add = (name, figure, ok, note) => rows.push({ budget: name, figure, status: ok === null ? "not measured" : verdict(ok), ...(note ? { note } : {}) });
  for (const route of ROUTES) {
    const cp = r.critical_path[route];
    add(`Critical path of ${route} ≤ ${BUDGET.criticalPathGzipBytes / 1000} KB gzip`, `${(cp.gzip / 1000).toFixed(1)} KB`, cp.gzip <= BUDGET.criticalPathGzipBytes);
  }
  add(`Whole app ≤ ${BUDGET.wholeAppGzipBytes / 1000} KB gzip`, `${(r.whole_app.gzip / 1000).toFixed(1)} KB`, r.whole_app.gzip <= BUDGET.wholeAppGzipBytes);
  add("wasm-opt -Oz applied", r.wasm_opt.applied == null ? "unknown" : r.wasm_opt.applied ? "yes" : "no", r.wasm_opt.applied ?? null);
  add(`Cold start ≤ ${BUDGET.coldStartRatio} × floor`, `${r.cold_start.ratio} ×`, r.cold_start.ratio <= BUDGET.coldStartRatio);
  if (r.typing.app.measured) {
    add(`Typing p95 ≤ ${BUDGET.typingP95Ratio} × bare input`, `${r.typing.p95_ratio} ×`, r.typing.p95_ratio <= BUDGET.typingP95Ratio);
    add(`Typing p95 ≤ ${BUDGET.typingP95Ms} ms`, `${r.typing.app.p95_ms} ms`, r.typing.app.p95_ms <= BUDGET.typingP95Ms);
  } else {
    add(`Typing p95 ≤ ${BUDGET.typingP95Ratio} × bare input`, "—", null, r.typing.app.note);
    add(`Typing p95 ≤ ${BUDGET.typingP95Ms} ms`, "—", null, r.typing.app.note);
  }
  if (r.import.measured) {
    add(`Import ≤ ${BUDGET.importRatio} × JSON.parse`, `${r.import.ratio} ×`, r.import.ratio <= BUDGET.importRatio);
    add(`Import blocks ≤ ${BUDGET.importLongestBlockMs} ms at a time`, `${r.import.longest_main_thread_block_ms} ms`, r.import.longest_main_thread_block_ms <= BUDGET.importLongestBlockMs);
  } else add(`Import ≤ ${BUDGET.importRatio} × JSON.parse`, "—", null, r.import.note);
  if (r.save.measured) {
    add(`Save ≤ ${BUDGET.saveMedianMs} ms median`, `${r.save.save_median_ms} ms`, r.save.save_median_ms <= BUDGET.saveMedianMs);
    add("Saving is debounced", r.save.debounced_ms ? `${r.save.debounced_ms} ms` : "no", Boolean(r.save.debounced_ms));
  } else add(`Save ≤ ${BUDGET.saveMedianMs} ms median`, "—", null, r.save.note);
  const lh = r.lighthouse;
  if (lh.mobile?.measured) add(`Lighthouse performance ≥ ${BUDGET.lighthouseMobile} mobile`, String(lh.mobile.performance), lh.mobile.performance >= BUDGET.lighthouseMobile);
  else add(`Lighthouse performance ≥ ${BUDGET.lighthouseMobile} mobile`, "—", null, lh.note ?? lh.mobile?.note);
  if (lh.desktop?.measured) add(`Lighthouse performance ≥ ${BUDGET.lighthouseDesktop} desktop`, String(lh.desktop.performance), lh.desktop.performance >= BUDGET.lighthouseDesktop);
  else add(`Lighthouse performance ≥ ${BUDGET.lighthouseDesktop} desktop`, "—", null, lh.note ?? lh.desktop?.note);
  return rows;
}

function table(r) {
  const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
  const t = r.transfer;
  const lines = [];
  const m = r.machine;
  lines.push(`Trellis benchmark, ${r.date.slice(0, 16).replace("T", " ")} UTC, commit ${m.commit}${m.uncommitted_changes ? " (+ uncommitted changes)" : ""}`);
  lines.push(`Machine: ${m.nproc} × ${m.cpu}; ${m.chromium}`);
  lines.push("");
  lines.push("| Figure | Value | Reference (same run) | Ratio | Budget |");
  lines.push("| --- | --- | --- | --- | --- |");
  const status = (name) => r.budget_report.find((b) => b.budget.startsWith(name))?.status ?? "";
  for (const route of ROUTES) {
    const cp = r.critical_path[route];
    lines.push(`| Critical path of ${route} (first visit until interactive), gzip / brotli | ${kb(cp.gzip)} / ${kb(cp.brotli)} (${cp.files.length} files) | floor ${kb(r.transfer_floor.gzip)} / ${kb(r.transfer_floor.brotli)} | — | ≤ ${BUDGET.criticalPathGzipBytes / 1000} KB gzip: ${status(`Critical path of ${route} `)} |`);
    const stored = r.critical_path_with_plan?.[route];
    if (stored) lines.push(`| … with a plan stored (the tool's code too; worker cache gone) | ${kb(stored.gzip)} / ${kb(stored.brotli)} (${stored.files.length} files) | — | — | — |`);
  }
  const w = r.whole_app;
  lines.push(`| Whole app (all the service worker precaches), gzip / brotli | ${kb(w.gzip)} / ${kb(w.brotli)} (${w.files.length} files; first visit as measured: wasm ${kb(t.wasm.gzip)}, JS ${kb(t.js.gzip)}, CSS ${kb(t.css.gzip)}, HTML ${kb(t.html.gzip)}, other ${kb(t.other.gzip)} gzip) | — | — | ≤ ${BUDGET.wholeAppGzipBytes / 1000} KB gzip: ${status("Whole app")} |`);
  const c = r.cold_start;
  lines.push(`| Cold start (median of ${c.app_ms.length}) | ${c.app_median_ms} ms | floor ${c.floor_median_ms} ms | ${c.ratio} × | ≤ ${BUDGET.coldStartRatio} ×: ${status("Cold start")} |`);
  if (c.wasm_received_median_ms) lines.push(`| … wasm received / then to the mark | ${c.wasm_received_median_ms.app} / ${c.after_wasm_median_ms.app} ms | floor ${c.wasm_received_median_ms.floor} / ${c.after_wasm_median_ms.floor} ms | — | — |`);
  const ty = r.typing;
  if (ty.app.measured) {
    lines.push(`| Typing p50 (${ty.app.keystrokes} keys, large plan) | ${ty.app.p50_ms} ms | bare input ${ty.reference_bare_input.p50_ms} ms | ${ty.p50_ratio} × | — |`);
    lines.push(`| Typing p95 | ${ty.app.p95_ms} ms | bare input ${ty.reference_bare_input.p95_ms} ms | ${ty.p95_ratio} × | ≤ 2 ×: ${status("Typing p95 ≤ 2")}; ≤ 16 ms: ${status("Typing p95 ≤ 16")} |`);
  } else lines.push(`| Typing p50 / p95 | ${ty.app.note} | bare input ${ty.reference_bare_input.p50_ms} / ${ty.reference_bare_input.p95_ms} ms | — | not measured |`);
  if (ty.plan_copies_per_keystroke?.measured) lines.push(`| Core work per keystroke (AppState::edit, large plan, no view) | ${ty.plan_copies_per_keystroke.median_ms} ms | — | — | part of the 16 ms |`);
  const im = r.import;
  if (im.measured) {
    lines.push(`| Import of a ${(im.file_bytes / 1e6).toFixed(1)} MB plan (median of ${IMPORT_REPS}) | ${im.app_median_ms} ms | JSON.parse ${im.json_parse_median_ms} ms | ${im.ratio} × | ≤ 4 ×: ${status("Import ≤")} |`);
    if (im.refused_median_ms != null) lines.push(`| … the same file refused (wrong type in its last field) | ${im.refused_median_ms} ms | — | — | — |`);
    lines.push(`| Longest main-thread block during import | ${im.longest_main_thread_block_ms ? `${im.longest_main_thread_block_ms} ms` : "no long task (none ≥ 50 ms)"} | — | — | ≤ 200 ms: ${status("Import blocks")} |`);
  } else lines.push(`| Import | ${im.note} | — | — | not measured |`);
  const pc = r.period_check;
  if (pc?.measured) lines.push(`| Period check of ${pc.goals.toLocaleString("en-US")} goals finished in a closed period (median of ${IMPORT_REPS}) | ${pc.check_median_ms} ms | indexing their ids once ${pc.index_median_ms} ms | ${pc.ratio} × | ≤ 20 × (in proportion to the plan) |`);
  else if (pc) lines.push(`| Period check | ${pc.note} | — | — | not measured |`);
  const s = r.save;
  if (s.measured) {
    lines.push(`| Save of the large plan (median of ${SAVE_REPS}) | ${s.save_median_ms} ms (serialize alone ${s.serialize_median_ms} ms) | — | — | ≤ 20 ms: ${status("Save ≤")}; debounced ${s.debounced_ms} ms |`);
    const mem = s.memory_after_loading_large_plan;
    const mb = (b) => (b == null ? "?" : `${(b / 1048576).toFixed(1)} MiB`);
    lines.push(`| Memory with the large plan open | wasm ${mb(mem.wasm_linear_memory_bytes)}, JS heap ${mb(mem.js_heap_used_bytes)} | empty app: wasm ${mb(s.memory_empty_app?.wasm_linear_memory_bytes)}, JS heap ${mb(s.memory_empty_app?.js_heap_used_bytes)} | — | — |`);
  } else lines.push(`| Save | ${s.note} | — | — | not measured |`);
  const lh = r.lighthouse;
  const lhRow = (p) => (lh[p]?.measured ? `${lh[p].performance} / ${lh[p].accessibility} / ${lh[p].best_practices} / ${lh[p].seo}` : lh.note ?? lh[p]?.note);
  const runsNote = lh.mobile?.performance_runs ? ` (perf of the three runs: ${lh.mobile.performance_runs.join(", ")}; the median shown)` : "";
  lines.push(`| Lighthouse mobile (perf / a11y / best practices / SEO) | ${lhRow("mobile")}${runsNote} | — | — | perf ≥ ${BUDGET.lighthouseMobile}: ${status(`Lighthouse performance ≥ ${BUDGET.lighthouseMobile}`)} |`);
  lines.push(`| Lighthouse desktop | ${lhRow("desktop")} | — | — | perf = 100: ${status("Lighthouse performance ≥ 100")} |`);
  const ws = r.wasm_size;
  if (Array.isArray(ws.by_crate)) lines.push(`\nWasm by crate (before wasm-opt -Oz, ${kb(ws.file_bytes)}): ${ws.by_crate.slice(0, 8).map((c) => `${c.crate} ${c.percent}%`).join(", ")}`);
  return lines.join("\n");
}

await main();
