// Lighthouse on a built dist folder, route by route, as bench/run.mjs runs it for / (mobile three
// times, desktop once; served gzip-compressed like a static host), without rebuilding anything:
//   node bench/lighthouse.mjs <dist> [path …]      e.g. node bench/lighthouse.mjs dist "" goals
// Prints performance / accessibility / best practices / SEO and the paint and blocking figures.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { serveStatic } from "../scripts/serve-static.mjs";

const CHROMIUM_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync";

// Asynchronous: the server answering Lighthouse runs in this process.
function run(bin, args, env) {
  return new Promise((done) => {
    const child = spawn(bin, args, { env });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => done({ status, stderr }));
  });
}

const [dist, ...paths] = process.argv.slice(2);
const server = await serveStatic(dist, "/", 0, { gzip: true });
for (const [i, preset] of ["mobile", "mobile", "mobile", "desktop"].entries()) {
  for (const path of paths.length ? paths : [""]) {
    const file = `${tmpdir()}/trellis-lighthouse-${preset}-${i}-${path.replace(/\W/g, "_")}.json`;
    const args = [server.url + path, "--quiet", "--output=json", `--output-path=${file}`, "--only-categories=performance,accessibility,best-practices,seo", `--chrome-flags=${CHROMIUM_FLAGS}`];
    if (preset === "desktop") args.push("--preset=desktop");
    const result = await run("node_modules/.bin/lighthouse", args, { ...process.env, CHROME_PATH: process.env.CHROMIUM ?? "/usr/bin/chromium" });
    if (result.status !== 0) {
      console.log(preset, `/${path}`, `lighthouse exited ${result.status}: ${result.stderr.trim().split("\n").pop()}`);
      continue;
    }
    const report = JSON.parse(readFileSync(file, "utf8"));
    const score = (k) => Math.round(report.categories[k].score * 100);
    const audit = (k) => report.audits[k]?.displayValue;
    console.log(preset, `/${path}`, score("performance"), score("accessibility"), score("best-practices"), score("seo"),
      "FCP", audit("first-contentful-paint"), "LCP", audit("largest-contentful-paint"), "TBT", audit("total-blocking-time"), "CLS", audit("cumulative-layout-shift"));
  }
}
await server.close();
