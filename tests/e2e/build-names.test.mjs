// Every file the service worker answers from its cache first is named by its content, as the
// build checks (scripts/content-names.mjs, run by scripts/post-build.mjs): here on the release
// build in dist/, and on copies where one such file changed without a new name, which the check
// must refuse. No browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFile, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { checkContentNames } from "../../scripts/content-names.mjs";
import { copyDist, DIST } from "./deploy.mjs";

async function immutableOf(dir) {
  const worker = await readFile(join(dir, "sw.js"), "utf8");
  return JSON.parse(worker.match(/const IMMUTABLE = new Set\((\[[^\]]*\])\)/)[1]);
}

test("the build names every file the worker keeps for good by its content: chunks, bindings, snippets, styles, boot.js", async () => {
  const immutable = await immutableOf(DIST);
  checkContentNames(DIST, immutable);
  const kinds = [/^split_career-[0-9a-f]{16}\.wasm$/, /^trellis-[0-9a-f]{16}\.js$/, /^trellis-split-[0-9a-f]{16}\.js$/, /^trellis-[0-9a-f]{16}_bg\.wasm$/, /^snippets\/trellis-[0-9a-f]{16}\/inline0\.js$/, /^main-[0-9a-f]{16}\.css$/, /^boot-[0-9a-f]{16}\.js$/];
  for (const kind of kinds) assert.ok(immutable.some((file) => kind.test(file)), `${kind} among ${immutable.join(", ")}`);
  // Everything else the worker caches is fetched from the network first: the pages, the
  // manifest and the icons, whose names stay the same from build to build.
  const worker = await readFile(join(DIST, "sw.js"), "utf8");
  const files = JSON.parse(worker.match(/const FILES = (\[[^\]]*\])/)[1]);
  const others = files.filter((file) => !immutable.includes(file));
  assert.deepEqual(
    others.filter((file) => !/^(\.\/|404\.html|index\.html|(goals|curve|career)\/index\.html|manifest\.webmanifest|icons\/.*)$/.test(file)),
    [],
  );
  // The pages load boot.js by its hashed name, and carry their build.
  const page = await readFile(join(DIST, "index.html"), "utf8");
  assert.match(page, /<script src="boot-[0-9a-f]{16}\.js"/);
  assert.match(page, /<meta name="trellis-build" content="[0-9a-f]{16}">/);
});

test("a file the worker keeps for good that changed without a new name fails the check", async () => {
  const cases = [
    ["a chunk of the wasm", (files) => files.find((file) => file.startsWith("split_career-")), /split_career-.*its content gives/],
    // wasm-bindgen names a snippet's folder from the crate's name and version: a change to the
    // inline JS alone kept the name (issue 30), and a returning visitor got the old snippet.
    ["the inline JS", (files) => files.find((file) => file.startsWith("snippets/")), /snippets\/.*its folder's content gives/],
    ["boot.js", (files) => files.find((file) => file.startsWith("boot-")), /boot-.*its content gives/],
    ["a stylesheet", (files) => files.find((file) => file.startsWith("main-")), /main-.*its content gives/],
    ["the bindings", (files) => files.find((file) => /^trellis-[0-9a-f]{16}\.js$/.test(file)), /trellis-.*its loader and wasm: their content gives/],
  ];
  for (const [what, pick, expected] of cases) {
    const dir = await copyDist();
    const immutable = await immutableOf(dir);
    const file = pick(immutable);
    assert.ok(file, what);
    await appendFile(join(dir, file), "\n// changed\n");
    assert.throws(() => checkContentNames(dir, immutable), expected, what);
  }
  assert.ok((await readdir(DIST)).includes("sw.js"));
});
