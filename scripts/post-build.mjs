// Runs after every trunk build, in trunk's staging folder:
// 1. writes one page per route (index.html, goals/index.html, curve/index.html,
//    career/index.html) and 404.html, each with a static shell of that page: the header, the
//    navigation and the route's heading, painted before the wasm arrives and replaced by the app
//    when it mounts (src/lib.rs). A deep link or a reload on a host without rewrite rules (GitHub
//    Pages) is answered 200 with its own page; an unknown path gets 404.html, which says so;
// 2. puts a sha256 hash of each inline script (trunk's bootstrap, the live-reload client) into
//    each page's Content-Security-Policy, so no 'unsafe-inline' is needed;
// 3. names the stylesheets and boot.js by their content, like every file the service worker
//    keeps for good, and fails the build if one such file is not (scripts/content-names.mjs);
// 4. marks each page with its build (`<meta name="trellis-build">`, which boot.js tells the
//    worker, so it keeps that build's files while the page is open);
// 5. in release builds, writes the service worker (see the end of this file).
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { ROUTES, NOT_FOUND, renderShell } from "./shell.mjs";
import { splitWasm } from "./split-wasm.mjs";
import { storageKeys } from "./storage-keys.mjs";
import { checkContentNames, hex16 } from "./content-names.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run through trunk)");
  process.exit(1);
}
// 0. gives boot.js the storage keys, named once in src/core/keys.rs (never a second spelling).
{
  const boot = join(dir, "boot.js");
  const placeholder = "/* trellis:storage-keys */ {}";
  const text = readFileSync(boot, "utf8");
  if (!text.includes(placeholder)) {
    console.error("post-build: boot.js has no storage-keys placeholder");
    process.exit(1);
  }
  const keys = storageKeys(process.env.TRUNK_SOURCE_DIR ?? ".");
  writeFileSync(boot, text.replace(placeholder, JSON.stringify(keys)));
}
// 0. splits the wasm by tool (scripts/split-wasm.mjs): the chunks each route needs.
const { byRoute: chunksByRoute, named } = await splitWasm(dir);
let template = readFileSync(join(dir, "index.html"), "utf8");

// 3. The stylesheets (trunk names them by a hash of its own) and boot.js, by their content.
const immutable = [...named];
for (const file of readdirSync(dir)) {
  const css = file.match(/^(.+)-[0-9a-f]+\.css$/);
  const boot = file === "boot.js";
  if (!css && !boot) continue;
  const hashed = `${css ? css[1] : "boot"}-${hex16(readFileSync(join(dir, file)))}.${css ? "css" : "js"}`;
  renameSync(join(dir, file), join(dir, hashed));
  template = boot
    ? template.replace('<script src="boot.js"></script>', `<script src="${hashed}"></script>`)
    : template.replaceAll(file, hashed);
  immutable.push(hashed);
}
const bootFile = immutable.find((file) => /^boot-[0-9a-f]{16}\.js$/.test(file));
if (!bootFile) {
  console.error("post-build: boot.js is missing");
  process.exit(1);
}
try {
  checkContentNames(dir, immutable);
} catch (error) {
  console.error(`post-build: ${error.message}`);
  process.exit(1);
}
// 4. Each page says which build it is; the id is filled in once every file is written.
const BUILD_ID = "TRELLIS_BUILD_ID";
template = template.replace("<head>", `<head>\n  <meta name="trellis-build" content="${BUILD_ID}">`);
for (const [placeholder, where] of [
  ["TRELLIS_SCRIPT_HASHES", "its CSP"],
  ["<!-- trellis:shell", "its body"],
  ["<title>", "its head"],
]) {
  if (!template.includes(placeholder)) {
    console.error(`post-build: index.html has no ${placeholder} placeholder in ${where}`);
    process.exit(1);
  }
}

/**
 * Each page names on boot.js's tag the chunks of the wasm it needs when a plan is stored, which
 * boot.js then preloads beside the main module: the plan reader's (the app reads the stored plan
 * before it mounts) and, on a tool's page, the tool's. With no plan stored the app needs neither
 * to start: the reader comes at idle, and a tool does not load its code.
 */
function bootTag(route) {
  const base = template.match(/<base href="([^"]*)"/)?.[1] ?? "/";
  if (!chunksByRoute.reader) throw new Error("post-build: the split made no chunk for the plan reader");
  const files = new Set([...chunksByRoute.reader, ...(chunksByRoute[route.path] ?? [])]);
  const chunks = [...files].map((file) => `${base}${file}`);
  return `<script src="${bootFile}" data-plan-chunks="${chunks.join(" ")}"></script>`;
}

function page(route) {
  if (!template.includes(`<script src="${bootFile}"></script>`)) {
    console.error("post-build: index.html does not load boot.js as expected");
    process.exit(1);
  }
  let html = template
    .replace(/<!-- trellis:shell[^>]*-->/, renderShell(route))
    .replace(`<script src="${bootFile}"></script>`, bootTag(route))
    .replace(/<title>[^<]*<\/title>/, (original) => (route.title ? `<title>${route.title}</title>` : original));
  const hashes = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    const digest = createHash("sha256").update(match[1], "utf8").digest("base64");
    hashes.push(`'sha256-${digest}'`);
  }
  return { html: html.replace("TRELLIS_SCRIPT_HASHES", hashes.join(" ")), hashes: hashes.length };
}

let inline = 0;
const pages = [];
for (const route of [...ROUTES, NOT_FOUND]) {
  const { html, hashes } = page(route);
  inline = hashes;
  const file = join(dir, route.file);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, html);
  pages.push(file);
}
console.log(
  `post-build: CSP hashes for ${inline} inline script(s); wrote ${[...ROUTES, NOT_FOUND].map((r) => r.file).join(", ")}`,
);

// The build's id: a hash of every file it ships (the pages with the id's placeholder), so it
// changes with any of them. The pages carry it; in release builds it also names the worker's cache.
const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join("/"))
  .filter((file) => file !== "sw.js" && !file.startsWith("screenshots/"))
  .sort();
const version = createHash("sha256");
for (const file of files) version.update(file).update(readFileSync(join(dir, file)));
const build = version.digest("hex").slice(0, 16);
for (const file of pages) writeFileSync(file, readFileSync(file, "utf8").replace(BUILD_ID, build));

// 5. In release builds, writes sw.js: a service worker that caches this build's files so the
//    app opens offline after one visit, in a cache of this build's own (scripts/sw.template.js
//    says when it is deleted). The files named by their content it answers from the cache
//    first; all others from the network first.
if (process.env.TRUNK_PROFILE === "release") {
  const worker = readFileSync(join(process.env.TRUNK_SOURCE_DIR ?? ".", "scripts", "sw.template.js"), "utf8")
    .replace("TRELLIS_BUILD", build)
    .replace("TRELLIS_FILES", JSON.stringify(["./", ...files]))
    .replace("TRELLIS_IMMUTABLE", JSON.stringify(immutable.sort()))
    .replace("TRELLIS_ROUTES", JSON.stringify(ROUTES.map((route) => route.path).filter(Boolean)));
  writeFileSync(join(dir, "sw.js"), worker);
  console.log(`post-build: sw.js caches ${files.length} files, ${immutable.length} of them named by their content`);
}
