// Runs after every trunk build, in trunk's staging folder:
// 1. puts a sha256 hash of each inline script (trunk's bootstrap, the live-reload client) into the
//    Content-Security-Policy, so no 'unsafe-inline' is needed;
// 2. copies index.html to 404.html, so a static host without rewrite rules serves the app at
//    deep links such as /goals (the router then reads the real path);
// 3. in release builds, writes the service worker (see the end of this file).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run through trunk)");
  process.exit(1);
}
const file = join(dir, "index.html");
let html = readFileSync(file, "utf8");

const hashes = [];
for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  const digest = createHash("sha256").update(match[1], "utf8").digest("base64");
  hashes.push(`'sha256-${digest}'`);
}
if (!html.includes("TRELLIS_SCRIPT_HASHES")) {
  console.error("post-build: index.html has no TRELLIS_SCRIPT_HASHES placeholder in its CSP");
  process.exit(1);
}
html = html.replace("TRELLIS_SCRIPT_HASHES", hashes.join(" "));
writeFileSync(file, html);
writeFileSync(join(dir, "404.html"), html);
console.log(`post-build: CSP hashes for ${hashes.length} inline script(s); wrote 404.html`);

// 3. In release builds, writes sw.js: a service worker that caches this build's files so the
//    app opens offline after one visit. Its cache name changes with every build, so a new
//    build replaces the old cache on the next visit.
if (process.env.TRUNK_PROFILE === "release") {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join("/"))
    .filter((file) => file !== "sw.js" && !file.startsWith("screenshots/"))
    .sort();
  const version = createHash("sha256");
  for (const file of files) version.update(file).update(readFileSync(join(dir, file)));
  const worker = readFileSync(join(process.env.TRUNK_SOURCE_DIR ?? ".", "scripts", "sw.template.js"), "utf8")
    .replace("TRELLIS_CACHE_VERSION", version.digest("hex").slice(0, 16))
    .replace("TRELLIS_FILES", JSON.stringify(["./", ...files]));
  writeFileSync(join(dir, "sw.js"), worker);
  console.log(`post-build: sw.js caches ${files.length} files`);
}
