// The storage keys as src/core/keys.rs names them (the one place they are spelled): the
// build gives them to public/boot.js (scripts/post-build.mjs), the benchmark stores plans
// under them. Each is a line `pub const NAME: &str = "text";` (tests/keys_in_one_place.rs
// checks that every key in that file has this form).
import { readFileSync } from "node:fs";
import { join } from "node:path";

export function storageKeys(sourceDir) {
  const text = readFileSync(join(sourceDir, "src", "core", "keys.rs"), "utf8");
  const keys = {};
  for (const match of text.matchAll(/^pub const (\w+): &str = "([^"]*)";$/gm)) keys[match[1]] = match[2];
  for (const needed of ["PLAN_PREFIX", "INDEX_KEY", "THEME_KEY", "OWNER_KEY", "UNPREFIXED", "PREFIXED"]) {
    if (!keys[needed]) throw new Error(`storage-keys: src/core/keys.rs names no ${needed}`);
  }
  return keys;
}
