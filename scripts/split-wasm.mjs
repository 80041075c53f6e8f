// Splits the app's wasm by tool (issue 16), from scripts/post-build.mjs, in trunk's staging
// folder. Trunk has no step between `cargo build` and wasm-bindgen, so this redoes the end of its
// Rust pipeline on cargo's output:
// 1. wasm-split-cli (crate wasm_split_cli_support, installed by ./dev) cuts the wasm at each
//    `wasm_split` function (src/ui/tool_routes.rs): a main module and one chunk per tool, plus
//    chunks of code that several tools share, and a JS loader, `__wasm_split.js`;
// 2. wasm-bindgen (the version Cargo.lock pins) on the main module, with `--keep-lld-exports`
//    (the chunks link against the main module's exports);
// 3. wasm-opt -Oz on every module (release builds; binaryen from npm, as trunk's own step): the
//    large ones with the wasm-opt command, the small ones in this process (optimizeSmall);
// 4. names every file by a hash of its content (scripts/content-names.mjs says how, and checks
//    it), puts them in the staging folder in place of trunk's wasm-bindgen output, renames them
//    in index.html and recomputes its SRI hashes. wasm-bindgen names a crate's JS snippets'
//    folder from the crate's name and version, not from the snippets: they are renamed too, or
//    a deploy that changed them would be answered with the old ones from a cache.
// Returns, for each tool's route, the chunks its page needs, so that page can preload them, and
// the files it named by their content.
import { createHash } from "node:crypto";
import { execFile, execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { promisify } from "node:util";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD_PLACEHOLDER, buildHash, hex16, snippetFolderName } from "./content-names.mjs";

const NAME = "trellis";
const LOADER = "__wasm_split.js";

const digest = (bytes, algorithm = "sha256") => createHash(algorithm).update(bytes).digest();

function run(command, args) {
  execFileSync(command, args, { stdio: ["ignore", "inherit", "inherit"] });
}

/** Runs `command` once per argument list, as many at a time as there are cores. */
async function runEach(command, argLists) {
  const queue = [...argLists];
  const worker = async () => {
    for (let args = queue.shift(); args; args = queue.shift()) {
      const { stderr } = await promisify(execFile)(command, args, { maxBuffer: 64 << 20 });
      // binaryen warns about the name section's newer subsections; nothing else is expected.
      const other = stderr.split("\n").filter((line) => line && !line.includes("unknown name subsection"));
      if (other.length) console.error(other.join("\n"));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, availableParallelism()) }, worker));
}

/** Below this size a module's wasm-opt run is mostly binaryen starting up (about a second of
 * CPU each, for about a hundred chunks: two of the release build's minutes on two cores). */
const SMALL_MODULE = 64 << 10;

/**
 * `wasm-opt -Oz` on each of `paths`, in this process through binaryen's own JS API (the npm
 * package's index.js, the same binaryen as the command), loaded once. Its output can differ
 * from the command's by a few bytes a chunk (measured: 7 of 21 small chunks 4 to 12 bytes
 * larger), which is why only small modules go this way.
 */
async function optimizeSmall(source, paths) {
  if (paths.length === 0) return;
  // binaryen warns about the name section's newer subsections; nothing else is expected.
  const consoleError = console.error;
  console.error = (...args) => {
    if (!String(args[0]).includes("unknown name subsection")) consoleError(...args);
  };
  try {
    const binaryenApi = pathToFileURL(resolve(source, "node_modules", "binaryen", "index.js"));
    const { default: binaryen } = await import(binaryenApi.href);
    binaryen.setOptimizeLevel(2);
    binaryen.setShrinkLevel(2);
    binaryen.setDebugInfo(false);
    for (const path of paths) {
      const module = binaryen.readBinary(readFileSync(path));
      module.optimize();
      writeFileSync(path, module.emitBinary());
      module.dispose();
      // Lets the wasm-opt commands running beside this one start their next module.
      await new Promise((done) => setImmediate(done));
    }
  } finally {
    console.error = consoleError;
  }
}

/** Where cargo put the wasm trunk built: `target/wasm32-unknown-unknown/<profile>/trellis.wasm`. */
function cargoOutput(source, release) {
  const targetDir = process.env.CARGO_TARGET_DIR ?? join(source, "target");
  return join(targetDir, "wasm32-unknown-unknown", release ? "release" : "debug", `${NAME}.wasm`);
}

/**
 * The chunks each split point needs, from the loader: `export const __wasm_split_load_<split>_… =
 * wrapAsyncCb(makeLoad(<fetch of its own file, if any>, [<shared chunks>]))`.
 */
function chunksBySplit(loader) {
  const fileOf = (loaderBody) => loaderBody.match(/fetch\(new URL\("\.\/([^"]+)"/)?.[1];
  const shared = new Map();
  const needs = new Map();
  for (const part of loader.split(/\n(?=const __chunk_|export const )/)) {
    const chunk = part.match(/^const (__chunk_\d+) = makeLoad\(/);
    if (chunk) shared.set(chunk[1], fileOf(part));
    const split = part.match(/^export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(/);
    if (!split) continue;
    const files = [fileOf(part)].filter(Boolean);
    const deps = part.match(/\n, \[([^\]]*)\]\)\);\s*$/)?.[1] ?? "";
    for (const variable of deps.split(",").map((d) => d.trim()).filter(Boolean)) {
      if (!shared.get(variable)) throw new Error(`split-wasm: the loader names an unknown chunk ${variable}`);
      files.push(shared.get(variable));
    }
    needs.set(split[1], files);
  }
  return needs;
}

export async function splitWasm(staging) {
  const source = process.env.TRUNK_SOURCE_DIR ?? ".";
  const release = process.env.TRUNK_PROFILE === "release";
  const input = cargoOutput(source, release);
  if (!existsSync(input)) throw new Error(`split-wasm: no cargo output at ${input}`);
  const work = join(source, "target", "wasm-split", release ? "release" : "debug");
  rmSync(work, { recursive: true, force: true });
  const split = join(work, "split");
  const bound = join(work, "bindgen");
  mkdirSync(split, { recursive: true });
  mkdirSync(bound, { recursive: true });

  run("wasm-split-cli", [input, split, "--out-name", NAME, "--target", "web"]);
  run("wasm-bindgen", [
    "--target=web",
    "--keep-lld-exports",
    "--no-typescript",
    `--out-dir=${bound}`,
    `--out-name=${NAME}`,
    ...(release ? [] : ["--keep-debug"]),
    join(split, `${NAME}.wasm`),
  ]);
  const modules = [join(bound, `${NAME}_bg.wasm`)];
  const chunkNames = readdirSync(split).filter((file) => file.endsWith(".wasm") && file !== `${NAME}.wasm`);
  modules.push(...chunkNames.map((file) => join(split, file)));
  if (release) {
    const wasmOpt = join(source, "node_modules", ".bin", "wasm-opt");
    const large = modules.filter((module) => statSync(module).size >= SMALL_MODULE);
    const small = modules.filter((module) => statSync(module).size < SMALL_MODULE);
    const commands = runEach(wasmOpt, large.map((module) => ["-Oz", `--output=${module}`, module]));
    await optimizeSmall(source, small);
    await commands;
  }

  // Content-hashed names. The chunks hold no file names; the two scripts name each other (the
  // loader imports the bindings' initSync, the bindings import the loader), so they share one
  // hash, of the main wasm and the two scripts as they are written with a placeholder in
  // place of that hash (content-names.mjs checks it the same way).
  let loader = readFileSync(join(split, LOADER), "utf8");
  const renamed = new Map();
  for (const file of chunkNames) {
    const body = readFileSync(join(split, file));
    renamed.set(file, `${file.replace(/\.wasm$/, "")}-${hex16(body)}.wasm`);
  }
  const needs = chunksBySplit(loader);
  const mainWasm = readFileSync(modules[0]);
  let bindings = readFileSync(join(bound, `${NAME}.js`), "utf8");
  // The snippets' folders, named by what is in them.
  const snippetFolders = new Map();
  if (existsSync(join(bound, "snippets"))) {
    for (const folder of readdirSync(join(bound, "snippets"))) {
      const named = snippetFolderName(join(bound, "snippets", folder), folder);
      snippetFolders.set(folder, named);
      bindings = bindings.replaceAll(`./snippets/${folder}/`, `./snippets/${named}/`);
    }
  }
  const placeholder = {
    bindings: `${NAME}-${BUILD_PLACEHOLDER}.js`,
    loader: `${NAME}-split-${BUILD_PLACEHOLDER}.js`,
  };
  for (const [file, hashed] of renamed) loader = loader.replaceAll(`"./${file}"`, `"./${hashed}"`);
  loader = loader.replaceAll(`"./${NAME}.js"`, `"./${placeholder.bindings}"`);
  if (!bindings.includes(`'./${LOADER}'`) && !bindings.includes(`"./${LOADER}"`)) {
    throw new Error(`split-wasm: wasm-bindgen's output does not import ./${LOADER}`);
  }
  // Only the import statements: the import object's keys are the wasm's own module names.
  bindings = bindings.replace(/(\bfrom\s*)(["'])\.\/__wasm_split\.js\2/g, `$1$2./${placeholder.loader}$2`);
  const hash = buildHash(mainWasm, bindings, loader);
  bindings = bindings.replaceAll(BUILD_PLACEHOLDER, hash);
  loader = loader.replaceAll(BUILD_PLACEHOLDER, hash);
  const names = {
    bindings: `${NAME}-${hash}.js`,
    wasm: `${NAME}-${hash}_bg.wasm`,
    loader: `${NAME}-split-${hash}.js`,
  };

  // Trunk's own output of the unsplit wasm goes; ours takes its place.
  let html = readFileSync(join(staging, "index.html"), "utf8");
  const trunkJs = html.match(new RegExp(`${NAME}-[0-9a-f]+\\.js`))?.[0];
  const trunkWasm = html.match(new RegExp(`${NAME}-[0-9a-f]+_bg\\.wasm`))?.[0];
  if (!trunkJs || !trunkWasm) throw new Error("split-wasm: index.html does not name trunk's wasm and JS");
  rmSync(join(staging, trunkJs), { force: true });
  rmSync(join(staging, trunkWasm), { force: true });
  writeFileSync(join(staging, names.bindings), bindings);
  writeFileSync(join(staging, names.wasm), mainWasm);
  writeFileSync(join(staging, names.loader), loader);
  for (const [file, hashed] of renamed) writeFileSync(join(staging, hashed), readFileSync(join(split, file)));
  // The JS snippets of crates (`inline_js`), in folders named by their content.
  rmSync(join(staging, "snippets"), { recursive: true, force: true });
  for (const [folder, named] of snippetFolders) {
    cpSync(join(bound, "snippets", folder), join(staging, "snippets", named), { recursive: true });
    html = html.replaceAll(`snippets/${folder}/`, `snippets/${named}/`);
  }

  html = html.replaceAll(trunkJs, names.bindings).replaceAll(trunkWasm, names.wasm);
  // Subresource integrity of the renamed files, as trunk writes it (sha384).
  html = html.replace(/<link\b[^>]*>/g, (tag) => {
    const snippet = tag.match(/snippets\/[^"]+/)?.[0];
    const file = Object.values(names).find((name) => tag.includes(name)) ?? snippet;
    if (!file || !tag.includes("integrity=")) return tag;
    const sri = `sha384-${digest(readFileSync(join(staging, file)), "sha384").toString("base64")}`;
    return tag.replace(/integrity="[^"]*"/, `integrity="${sri}"`);
  });
  // The bindings import the loader at once: fetch it beside them, not after them.
  const preloadTag = html.match(new RegExp(`<link\\b[^>]*rel="modulepreload"[^>]*${names.bindings.replace(".", "\\.")}[^>]*>`))?.[0];
  if (preloadTag) {
    const base = preloadTag.match(/href="([^"]*)"/)[1].replace(names.bindings, "");
    const sri = `sha384-${digest(Buffer.from(loader), "sha384").toString("base64")}`;
    html = html.replace(
      preloadTag,
      `${preloadTag}\n<link rel="modulepreload" href="${base}${names.loader}" crossorigin="anonymous" integrity="${sri}">`,
    );
  }
  for (const [, snippet] of html.matchAll(/"[^"]*?(snippets\/[^"]+)"/g)) {
    if (!existsSync(join(staging, snippet))) throw new Error(`split-wasm: index.html names ${snippet}, which wasm-bindgen did not write`);
  }
  writeFileSync(join(staging, "index.html"), html);

  const byRoute = {};
  for (const [splitName, files] of needs) byRoute[splitName] = files.map((file) => renamed.get(file) ?? file);
  console.log(
    `split-wasm: main ${names.wasm} and ${renamed.size} chunk(s); ` +
      Object.entries(byRoute)
        .map(([route, files]) => `${route}: ${files.join(" + ")}`)
        .join("; "),
  );
  // Every file written here is named by its content.
  const named = [...Object.values(names), ...renamed.values()];
  for (const folder of snippetFolders.values()) {
    for (const file of readdirSync(join(staging, "snippets", folder), { recursive: true })) {
      named.push(`snippets/${folder}/${file}`);
    }
  }
  return { byRoute, named };
}
