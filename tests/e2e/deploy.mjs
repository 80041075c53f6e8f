// Deploys for the end-to-end tests: copies of the release build in dist/, served like a static
// host, and the next deploy made from such a copy as a second build would make it. The next
// build's files are named by the build's own rules (scripts/content-names.mjs: a changed file
// gets a new name from its new content; the bindings, the loader and the main wasm a new shared
// hash), so the worker and the pages see what a real second build gives them, without
// compiling the wasm again: its main module (and a tool's chunk, when asked) get a custom
// section, which changes their bytes and nothing they do.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILD_PLACEHOLDER, buildHash, checkContentNames, hex16, snippetFolderName } from "../../scripts/content-names.mjs";

export const DIST = new URL("../../dist", import.meta.url).pathname;

const sha256 = (text) => createHash("sha256").update(text).digest("base64");
const sha384 = (bytes) => createHash("sha384").update(bytes).digest("base64");

/**
 * A copy of dist/ as `./dev build <base>` writes it: trunk names its files from the public URL,
 * in <base> and in its loader script, whose hash in each page's Content-Security-Policy
 * follows; the pages, shells and service worker are otherwise the same files.
 */
export async function copyDist(base = "/") {
  const dir = await mkdtemp(join(tmpdir(), "trellis-deploy-"));
  await cp(DIST, dir, { recursive: true });
  if (base === "/") return dir;
  await editPages(dir, (text) =>
    text
      .replace(/((?:href|src)="|from '|module_or_path: ')\/(?=[a-z])/g, `$1${base}`)
      .replace('<base href="/">', `<base href="${base}">`)
      .replace(/(data-plan-chunks="[^"]*)/, (chunks) => chunks.replaceAll(' /', ` ${base}`).replace('="/', `="${base}`)),
  );
  return dir;
}

/** Rewrites every page of the build in `dir` with `edit`, then its CSP's script hashes. */
async function editPages(dir, edit) {
  for (const file of (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".html"))) {
    let text = edit(await readFile(join(dir, file), "utf8"));
    const hashes = [...text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${sha256(m[1])}'`);
    text = text.replace(/(script-src 'self' 'wasm-unsafe-eval')((?: 'sha256-[^']+')*)/, `$1 ${hashes.join(" ")}`);
    await writeFile(join(dir, file), text);
  }
}

/** `bytes` of a wasm module with a custom section named `name` appended: another file, the same code. */
function withCustomSection(bytes, name) {
  const label = Buffer.from(name);
  const payload = Buffer.concat([Buffer.from([label.length]), label]);
  return Buffer.concat([bytes, Buffer.from([0, payload.length]), payload]);
}

/** The build id a page of `dir` carries. */
export async function buildOf(dir) {
  return (await readFile(join(dir, "index.html"), "utf8")).match(/<meta name="trellis-build" content="([^"]+)"/)[1];
}

/**
 * Turns the build in `dir` into the next deploy: a new main wasm (and so new bindings, loader
 * and wasm names), a new build id, pages that say `<meta name="trellis-deploy" content="2">`,
 * and a worker with a new cache and file lists. With `inlineJs`, the JS snippet changes too
 * (the new bindings import a new export from it, as a change to the inline JS does); with
 * `chunk` (e.g. "split_career"), that chunk of the wasm changes, and its old file is gone from
 * the host. Returns the old and new names of what was renamed.
 */
export async function nextDeploy(dir, { inlineJs = false, chunk = null } = {}) {
  const files = await readdir(dir);
  const hash = files.map((file) => file.match(/^trellis-([0-9a-f]{16})\.js$/)?.[1]).find(Boolean);
  assert.ok(hash, "the build has hashed bindings");
  const renamed = [];
  const replaceAllIn = async (file, pairs) => {
    let text = await readFile(join(dir, file), "utf8");
    for (const [from, to] of pairs) text = text.replaceAll(from, to);
    await writeFile(join(dir, file), text);
  };
  let bindings = await readFile(join(dir, `trellis-${hash}.js`), "utf8");
  let loader = await readFile(join(dir, `trellis-split-${hash}.js`), "utf8");

  if (inlineJs) {
    const [folder] = await readdir(join(dir, "snippets"));
    const snippet = join(dir, "snippets", folder, "inline0.js");
    await writeFile(snippet, `${await readFile(snippet, "utf8")}\nexport const trellisNextBuild = 2;\n`);
    const named = snippetFolderName(join(dir, "snippets", folder), folder);
    await rename(join(dir, "snippets", folder), join(dir, "snippets", named));
    const before = bindings;
    bindings = bindings.replace(
      new RegExp(`import \\{ ([^}]*) \\} from '\\./snippets/${folder}/inline0\\.js';`),
      (_, names) => `import { ${names}, trellisNextBuild } from './snippets/${named}/inline0.js';`,
    );
    assert.notEqual(bindings, before, "the bindings import the snippet");
    renamed.push([`snippets/${folder}/`, `snippets/${named}/`]);
  }
  if (chunk) {
    const old = files.find((file) => file.startsWith(`${chunk}-`) && file.endsWith(".wasm"));
    assert.ok(old, `the build has a chunk ${chunk}`);
    const bytes = withCustomSection(await readFile(join(dir, old)), "trellis-next-build");
    const named = `${chunk}-${hex16(bytes)}.wasm`;
    await writeFile(join(dir, named), bytes);
    await rm(join(dir, old));
    loader = loader.replaceAll(old, named);
    renamed.push([old, named]);
  }
  // The main wasm, and the shared hash of the three.
  const wasm = withCustomSection(await readFile(join(dir, `trellis-${hash}_bg.wasm`)), "trellis-next-build");
  const next = buildHash(wasm, bindings.replaceAll(hash, BUILD_PLACEHOLDER), loader.replaceAll(hash, BUILD_PLACEHOLDER));
  await writeFile(join(dir, `trellis-${next}_bg.wasm`), wasm);
  await writeFile(join(dir, `trellis-${next}.js`), bindings.replaceAll(hash, next));
  await writeFile(join(dir, `trellis-split-${next}.js`), loader.replaceAll(hash, next));
  for (const file of [`trellis-${hash}_bg.wasm`, `trellis-${hash}.js`, `trellis-split-${hash}.js`]) await rm(join(dir, file));
  renamed.push([hash, next]);

  const oldBuild = await buildOf(dir);
  const newBuild = `${oldBuild.slice(0, 15)}${oldBuild.endsWith("0") ? "1" : "0"}`;
  const integrity = async (file) => `sha384-${sha384(await readFile(join(dir, file)))}`;
  const pages = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith(".html"));
  const sri = {};
  for (const file of [`trellis-${next}_bg.wasm`, `trellis-${next}.js`, `trellis-split-${next}.js`]) sri[file] = await integrity(file);
  for (const folder of await readdir(join(dir, "snippets"))) sri[`snippets/${folder}/inline0.js`] = await integrity(`snippets/${folder}/inline0.js`);
  await editPages(dir, (text) => {
    for (const [from, to] of renamed) text = text.replaceAll(from, to);
    text = text.replace(/<link\b[^>]*>/g, (tag) => {
      const file = Object.keys(sri).find((name) => tag.includes(name));
      return file && tag.includes("integrity=") ? tag.replace(/integrity="[^"]*"/, `integrity="${sri[file]}"`) : tag;
    });
    return text
      .replace(`content="${oldBuild}"`, `content="${newBuild}"`)
      .replace("<head>", '<head><meta name="trellis-deploy" content="2">');
  });
  assert.equal(pages.length, 5);
  await replaceAllIn("sw.js", [...renamed, [`const BUILD = "${oldBuild}"`, `const BUILD = "${newBuild}"`]]);
  // As the build checks its own files: every file the worker keeps for good is named by its content.
  const immutable = JSON.parse((await readFile(join(dir, "sw.js"), "utf8")).match(/const IMMUTABLE = new Set\((\[[^\]]*\])\)/)[1]);
  checkContentNames(dir, immutable);
  return { renamed, oldBuild, newBuild };
}

/** Waits until the page is controlled by the worker and its precache is done (boot.js marks it). */
export async function waitForServiceWorker(page) {
  const controlled = () =>
    page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (navigator.serviceWorker.controller) return true;
      return new Promise((ok) => {
        navigator.serviceWorker.addEventListener("controllerchange", () => ok(true), { once: true });
        setTimeout(() => ok(Boolean(navigator.serviceWorker.controller)), 5000);
      });
    });
  // A page whose load began just before the worker claimed its clients (clients.claim() ran
  // before the page existed) stays uncontrolled and no controllerchange ever comes: its next
  // load is controlled, as a visitor's next visit would be. (Waiting for the event alone hung
  // this wait in about one run in three of "two deployments on one origin".)
  if (!(await controlled())) {
    await page.reload();
    assert.ok(await controlled(), "the worker controls the page after a reload");
  }
  await page.locator("html[data-offline-ready]").waitFor();
}

/** Asks the worker to look for a new version, and waits until the new one controls the page. */
export async function updateWorker(page) {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const before = registration.active;
    await registration.update();
    for (let i = 0; i < 400; i++) {
      const active = registration.active;
      // Activated (its activate handler done), and in control of this page.
      if (active && active !== before && active.state === "activated" && navigator.serviceWorker.controller === active) return;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    throw new Error("the new worker did not take over");
  });
}

/** This origin's cache names. */
export async function cacheNames(page) {
  return page.evaluate(() => caches.keys());
}
