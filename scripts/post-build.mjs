// Runs after every trunk build, in trunk's staging folder:
// 1. puts a sha256 hash of each inline script (trunk's bootstrap, the live-reload client) into the
//    Content-Security-Policy, so no 'unsafe-inline' is needed;
// 2. copies index.html to 404.html, so a static host without rewrite rules serves the app at
//    deep links such as /goals (the router then reads the real path).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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
