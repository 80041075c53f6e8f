// The size of a first visit, from the files of a build (no browser, a few seconds):
// - the critical path of a page: the page itself and what it makes the browser fetch before the
//   app can mount (its stylesheets, scripts, module preloads — the bindings and the split
//   wasm's loader — and the wasm preloads: the main module). A tool's page also names its
//   chunks of the wasm (scripts/split-wasm.mjs) on boot.js's tag: they are on its critical path
//   only when a plan is stored (boot.js preloads them then; with no plan open the tool shows the
//   way to one and does not load its code). A first visit has no plan stored, so both figures
//   are given: "first visit" and "with a plan";
// - the whole app: every file the service worker precaches for offline use.
// Sizes are gzip -9 (what budgets count: GitHub Pages and many hosts serve gzip only) and brotli
// at quality 11 beside it.
//
//   node bench/critical-path.mjs [DIST] --check   fails if the critical path of a route has grown
//                                                 more than 5 % over bench/budget.json (./dev test)
//   node bench/critical-path.mjs [DIST]           prints the figures
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const BUDGET_FILE = join(ROOT, "bench", "budget.json");
/** How far the critical path of / may grow over its committed figure before `./dev test` fails. */
export const ALLOWED_GROWTH = 0.05;

const compressed = new Map();
export function sizes(file) {
  if (!compressed.has(file)) {
    const body = readFileSync(file);
    compressed.set(file, {
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return compressed.get(file);
}

/**
 * The files a page loads before the app mounts, as paths inside `dist`; `withPlan`: when a plan
 * is stored, which adds a tool's chunks.
 */
export function criticalFiles(dist, page, { withPlan = false } = {}) {
  const html = readFileSync(join(dist, page), "utf8");
  const base = html.match(/<base href="([^"]*)"/)?.[1] ?? "/";
  const local = (url) => (url.startsWith(base) ? url.slice(base.length) : url.replace(/^\//, ""));
  const files = [page];
  const tags = [
    ...html.matchAll(/<link\b[^>]*\brel="(stylesheet|modulepreload|preload)"[^>]*>/g),
    ...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g),
  ];
  for (const [tag] of tags) {
    const url = tag.match(/\b(?:href|src)="([^"]+)"/)?.[1];
    if (url && !/^[a-z]+:/i.test(url)) files.push(local(url));
  }
  if (withPlan) {
    const chunks = html.match(/<script\b[^>]*\bdata-plan-chunks="([^"]*)"/)?.[1] ?? "";
    files.push(...chunks.split(" ").filter(Boolean).map(local));
  }
  return [...new Set(files)];
}

function total(dist, files) {
  const sum = { raw: 0, gzip: 0, brotli: 0, files };
  for (const file of files) {
    const s = sizes(join(dist, file));
    sum.raw += s.raw;
    sum.gzip += s.gzip;
    sum.brotli += s.brotli;
  }
  return sum;
}

/** Each route's page, as `bench/budget.json` names them. */
export const PAGES = { "/": "index.html", "/goals": "goals/index.html", "/curve": "curve/index.html", "/career": "career/index.html" };

export function criticalPath(dist, page = "index.html", options = {}) {
  return total(dist, criticalFiles(dist, page, options));
}

/** Every file the service worker precaches (its list, written by scripts/post-build.mjs). */
export function wholeApp(dist) {
  const worker = readFileSync(join(dist, "sw.js"), "utf8");
  const list = JSON.parse(worker.match(/const FILES = (\[[^\]]*\]);/)[1]).filter((file) => file !== "./");
  return total(dist, list);
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

function main() {
  const args = process.argv.slice(2);
  const dist = args.find((a) => !a.startsWith("--")) ?? join(ROOT, "dist");
  if (!existsSync(join(dist, "index.html"))) {
    console.error(`critical-path: no build in ${dist} (run trunk build --release first)`);
    process.exit(1);
  }
  const paths = Object.entries(PAGES).map(([route, page]) => [route, criticalPath(dist, page)]);
  const withPlan = Object.entries(PAGES).map(([route, page]) => [route, criticalPath(dist, page, { withPlan: true })]);
  for (const [i, [route, path]] of paths.entries()) {
    console.log(`Critical path of ${route}, first visit: ${kb(path.gzip)} gzip, ${kb(path.brotli)} brotli (${path.files.join(", ")})`);
    const [, stored] = withPlan[i];
    if (stored.gzip !== path.gzip) {
      console.log(`  with a plan stored: ${kb(stored.gzip)} gzip, ${kb(stored.brotli)} brotli (+ ${stored.files.slice(path.files.length).join(", ")})`);
    }
  }
  if (existsSync(join(dist, "sw.js"))) {
    const all = wholeApp(dist);
    console.log(`Whole app (the service worker's precache): ${kb(all.gzip)} gzip, ${kb(all.brotli)} brotli, ${all.files.length} files`);
  }
  if (!args.includes("--check")) return;
  const budget = JSON.parse(readFileSync(BUDGET_FILE, "utf8"));
  let failed = false;
  const checked = [
    ...paths.map(([route, path]) => [route, path, budget.critical_path_gzip_bytes[route]]),
    ...withPlan.map(([route, path]) => [`${route} with a plan`, path, budget.critical_path_with_plan_gzip_bytes?.[route]]),
  ];
  for (const [route, path, committed] of checked) {
    if (committed === undefined) continue;
    const limit = Math.floor(committed * (1 + ALLOWED_GROWTH));
    if (path.gzip > limit) {
      failed = true;
      console.error(
        `critical-path: ${route} needs ${path.gzip} bytes gzip before it is interactive, more than ${limit} ` +
          `(bench/budget.json's ${committed} + ${ALLOWED_GROWTH * 100} %). Make it smaller, or raise the ` +
          "figure in bench/budget.json on purpose, with the reason, in the same commit.",
      );
    } else {
      console.log(`${route}: within ${ALLOWED_GROWTH * 100} % of bench/budget.json (${committed} bytes gzip).`);
    }
  }
  if (failed) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
