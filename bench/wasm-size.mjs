// What a wasm file is made of, by crate: reads the code section's function bodies and the
// "name" custom section the linker writes (so it needs the linker's output, not the stripped
// file that ships), and adds up body sizes by the crate that leads each function's name.
// A fallback for `twiggy top`, which needs an install; shares are what matter.

function reader(bytes) {
  let at = 0;
  const r = {
    get at() { return at; },
    set at(v) { at = v; },
    byte: () => bytes[at++],
    u32() {
      let result = 0, shift = 0, b;
      do {
        b = bytes[at++];
        result += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      return result;
    },
    name() {
      const len = r.u32();
      const text = new TextDecoder().decode(bytes.subarray(at, at + len));
      at += len;
      return text;
    },
  };
  return r;
}

/**
 * The crate a Rust symbol belongs to: `<serde_json::Value as …>::fmt` → serde_json. Legacy
 * mangled names (`_ZN10serde_json…`) are read by their first path segment; `drop_in_place` and
 * other `core`/`alloc` generics count for the crate of the type they are instantiated with.
 */
export function crateOf(name) {
  if (name.startsWith("_ZN")) {
    const segments = [];
    let at = 3;
    while (at < name.length && /\d/.test(name[at])) {
      const len = Number(name.slice(at).match(/^\d+/)[0]);
      at += String(len).length;
      segments.push(name.slice(at, at + len));
      at += len;
    }
    const first = (segments[0] ?? "").replace(/^_?\$LT\$/, "").replace(/^(\$RF\$|mut\$u20\$|dyn\$u20\$)+/, "");
    let crate = first.split("..")[0].split("$")[0];
    if (["core", "alloc", "std"].includes(crate)) {
      const inner = segments.join("::").match(/\$LT\$(?:\$RF\$|mut\$u20\$|dyn\$u20\$)*([a-z_][a-z0-9_]*)\.\./);
      if (inner && !["core", "alloc", "std"].includes(inner[1])) crate = `${inner[1]} (via ${crate} generics)`;
    }
    if (crate) return crate;
  }
  const plain = name.replace(/\[[0-9a-f]{8,}\]/g, "");
  const m = plain.replace(/^([<&*\s]|(dyn|mut|const)\s)+/, "").match(/^([A-Za-z_][A-Za-z0-9_]*)(::|>| as )/);
  if (m && /^[a-z_][a-z0-9_]*$/.test(m[1]) && !["char", "str", "u8", "f64", "bool"].includes(m[1])) return m[1];
  // `<T as tachys::…>`, `<Match as leptos_router::…>`: the trait's crate; `<char>::…`: core.
  const trait = plain.match(/ as ([a-z_][a-z0-9_]*)::/);
  if (trait) return trait[1];
  if (m) return "core";
  if (/^(__wbg|__wbindgen|wasm_bindgen)/.test(name)) return "wasm_bindgen";
  if (/^(dlmalloc|__rust_|rust_)/.test(name)) return "std (allocator, runtime)";
  if (/^(memcpy|memset|memmove|memcmp|__)/.test(name)) return "compiler_builtins";
  return "(other)";
}

export function wasmBreakdown(bytes, { others = null } = {}) {
  const r = reader(bytes);
  r.at = 8;
  let imported = 0;
  const bodies = [];
  const names = new Map();
  let dataBytes = 0;
  while (r.at < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.at + size;
    if (id === 2) {
      const count = r.u32();
      for (let i = 0; i < count; i++) {
        r.name();
        r.name();
        const kind = r.byte();
        if (kind === 0) { r.u32(); imported++; }
        else if (kind === 1) { r.byte(); const f = r.byte(); r.u32(); if (f & 1) r.u32(); }
        else if (kind === 2) { const f = r.byte(); r.u32(); if (f & 1) r.u32(); }
        else if (kind === 3) { r.byte(); r.byte(); }
        else if (kind === 4) { r.byte(); r.u32(); }
      }
    } else if (id === 10) {
      const count = r.u32();
      for (let i = 0; i < count; i++) {
        const len = r.u32();
        bodies.push(len);
        r.at += len;
      }
    } else if (id === 11) dataBytes += size;
    else if (id === 0) {
      const name = r.name();
      if (name === "name") {
        while (r.at < end) {
          const sub = r.byte();
          const subSize = r.u32();
          const subEnd = r.at + subSize;
          if (sub === 1) {
            const count = r.u32();
            for (let i = 0; i < count; i++) {
              const index = r.u32();
              names.set(index, r.name());
            }
          }
          r.at = subEnd;
        }
      }
    }
    r.at = end;
  }
  if (!names.size) throw new Error("the wasm has no name section (use the linker's output)");
  const byCrate = new Map();
  bodies.forEach((len, i) => {
    const crate = crateOf(names.get(imported + i) ?? "");
    if (others && crate === "(other)") others.push([len, names.get(imported + i)]);
    byCrate.set(crate, (byCrate.get(crate) ?? 0) + len);
  });
  byCrate.set("(data: string constants, tables)", dataBytes);
  const total = [...byCrate.values()].reduce((a, b) => a + b, 0);
  return [...byCrate.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([crate, b]) => ({ crate, bytes: b, percent: Number(((100 * b) / total).toFixed(1)) }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { readFileSync } = await import("node:fs");
  console.table(wasmBreakdown(readFileSync(process.argv[2])));
}
