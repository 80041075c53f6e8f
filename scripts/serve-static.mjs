// A static file server like GitHub Pages: serves a folder (a folder's address without its
// trailing slash is redirected to it), and answers unknown paths with the folder's 404.html and
// status 404. Used by the end-to-end tests and the benchmark.
// Usage as a module: `const server = await serveStatic(dir, base)`; as a command: node serve-static.mjs DIR [PORT]
// With `{ gzip: true }` (the benchmark) it behaves more like a real static host such as GitHub
// Pages: text and wasm gzip-compressed for clients that accept it, and an ETag, so a revalidation
// (the service worker's precache right after a first visit) is answered 304 without a body.
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** Serves `dir` under the URL path `base` (e.g. "/" or "/trellis/") on a free loopback port. */
// `maxAge` (seconds) lets browsers keep files in their HTTP cache, as most hosts do; `delay(ms)`
// on the returned server holds back every HTML answer (a slow network, for the service worker);
// `fail(status)` answers every request with that status (a host in trouble), `fail(0)` stops.
// `also: [[dir, base], …]` serves more folders on the same origin (two deployments of one
// github.io account); the first whose base a path starts with, longest first, answers.
export async function serveStatic(dir, base = "/", port = 0, { gzip = false, maxAge = 0, also = [] } = {}) {
  const mounts = [[resolve(dir), base], ...also.map(([d, b]) => [resolve(d), b])].sort((a, b) => b[1].length - a[1].length);
  let htmlDelayMs = 0;
  let failWith = 0;
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    try {
      if (failWith) {
        res.writeHead(failWith, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" });
        return res.end(`<!DOCTYPE html><title>${failWith}</title><h1>The host answers ${failWith}</h1>`);
      }
      if (htmlDelayMs > 0 && /text\/html/.test(req.headers.accept ?? "")) await new Promise((ok) => setTimeout(ok, htmlDelayMs));
      let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      const [root, base] = mounts.find(([, b]) => path.startsWith(b)) ?? mounts[mounts.length - 1];
      if (!path.startsWith(base)) return send404(res, root);
      path = "/" + path.slice(base.length);
      if (path.endsWith("/")) path += "index.html";
      const file = normalize(join(root, path));
      if (!file.startsWith(root)) return send404(res, root);
      const info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        // Like GitHub Pages: /goals is redirected to /goals/, which serves goals/index.html.
        const url = new URL(req.url, "http://x");
        res.writeHead(301, { location: url.pathname + "/" + url.search });
        return res.end();
      }
      if (!info || !info.isFile()) return send404(res, root);
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      const headers = { "content-type": type, "cache-control": maxAge > 0 ? `max-age=${maxAge}` : "no-cache" };
      if (gzip) {
        headers.etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
        if (req.headers["if-none-match"] === headers.etag) {
          res.writeHead(304, headers);
          return res.end();
        }
      }
      let body = await readFile(file);
      if (gzip && /text|javascript|json|wasm|svg|manifest/.test(type) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        const key = `${file}:${info.mtimeMs}`;
        if (!compressed.has(key)) compressed.set(key, gzipSync(body));
        body = compressed.get(key);
        headers["content-encoding"] = "gzip";
        headers.vary = "accept-encoding";
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch (err) {
      res.writeHead(500);
      res.end(String(err));
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const { port: actual } = server.address();
  return {
    url: `http://127.0.0.1:${actual}${base}`,
    close: () => {
      server.closeAllConnections?.();
      return new Promise((ok) => server.close(ok));
    },
    delay: (ms) => {
      htmlDelayMs = ms;
    },
    fail: (status) => {
      failWith = status;
    },
  };
}

async function send404(res, root) {
  const page = await readFile(join(root, "404.html")).catch(() => "Not found");
  res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
  res.end(page);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await serveStatic(process.argv[2] ?? "dist", "/", Number(process.argv[3] ?? 8081));
  console.log(`Serving ${process.argv[2] ?? "dist"} at ${server.url}`);
}
