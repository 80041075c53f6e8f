// Files named by their content, and the check that they are (scripts/post-build.mjs runs it on
// every release build; tests/e2e/build-names.test.mjs on a build and on a tampered copy). The
// service worker answers these files from its cache first (a name holds one content for ever),
// so a file whose name does not change with its content would be served stale after a deploy:
// the build fails instead.
//
// How a name is derived:
// - most files: `<stem>-<h>.<ext>`, h the first 16 hex digits of the SHA-256 of the file;
// - the JS snippets of crates: `snippets/<crate>-<h>/…`, h of the folder's files (their
//   paths and contents, in order), since the bindings import them by path;
// - the bindings, the split wasm's loader and the main wasm (`trellis-<h>.js`,
//   `trellis-split-<h>.js`, `trellis-<h>_bg.wasm`): the two scripts import each other, so they
//   share one h, of the main wasm and the two scripts with BUILD_PLACEHOLDER in place of h.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";

export const BUILD_PLACEHOLDER = "BUILD_HASH_XXXXX";

export const hex16 = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

/** The shared hash of the bindings, the loader and the main wasm (texts with the placeholder). */
export function buildHash(mainWasm, bindings, loader) {
  return createHash("sha256").update(mainWasm).update(bindings).update(loader).digest("hex").slice(0, 16);
}

/** The name of a snippet folder `folder` (wasm-bindgen's `<crate>-<hash of name and version>`)
 *  at `path`, from what it holds. */
export function snippetFolderName(path, folder) {
  const hash = createHash("sha256");
  for (const file of readdirSync(path, { recursive: true }).sort()) {
    if (!statSync(join(path, file)).isFile()) continue;
    hash.update(file).update("\0").update(readFileSync(join(path, file))).update("\0");
  }
  const crate = folder.replace(/-[0-9a-f]+$/, "");
  return `${crate}-${hash.digest("hex").slice(0, 16)}`;
}

/** Throws unless every file of `files` (paths in `dir`) is named by its content as above. */
export function checkContentNames(dir, files) {
  const problems = [];
  const trio = files.filter((file) => /^trellis-(split-)?[0-9a-f]{16}(\.js|_bg\.wasm)$/.test(file));
  const hashes = new Set(trio.map((file) => file.match(/[0-9a-f]{16}/)[0]));
  if (trio.length !== 3 || hashes.size !== 1) {
    problems.push(`the bindings, the loader and the main wasm are not three files of one build hash: ${trio.join(", ")}`);
  } else {
    const [hash] = hashes;
    const text = (file) => readFileSync(join(dir, file), "utf8").replaceAll(hash, BUILD_PLACEHOLDER);
    const actual = buildHash(readFileSync(join(dir, `trellis-${hash}_bg.wasm`)), text(`trellis-${hash}.js`), text(`trellis-split-${hash}.js`));
    if (actual !== hash) problems.push(`trellis-${hash}.js and its loader and wasm: their content gives ${actual}`);
  }
  for (const file of files) {
    if (trio.includes(file)) continue;
    const snippet = file.match(/^snippets\/([^/]+)\//);
    if (snippet) {
      const expected = snippetFolderName(join(dir, "snippets", snippet[1]), snippet[1]);
      if (expected !== snippet[1]) problems.push(`${file}: its folder's content gives ${expected}`);
      continue;
    }
    const named = basename(file).match(/-([0-9a-f]{16})\.[a-z]+$/)?.[1];
    const actual = hex16(readFileSync(join(dir, file)));
    if (named !== actual) problems.push(`${file}: its content gives ${actual}`);
  }
  if (problems.length) {
    throw new Error(`files the service worker keeps for good are not named by their content:\n  ${problems.join("\n  ")}`);
  }
}
