//! Trellis: a browser-only planner for community and developer-relations program managers.
//!
//! `core` is the pure domain (no browser APIs) and is tested natively with `cargo test`.
//! Everything else talks to the browser and builds only for wasm32.

pub mod core;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod base_path;
/// Hooks the benchmark (bench/run.mjs) calls to time import and save: only in the benchmark's
/// own build (`--features bench`), so the shipped wasm exports nothing a page could call.
#[cfg(all(target_arch = "wasm32", feature = "bench"))]
pub mod bench;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod transfer;
#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub use app::App;

/// Mounts the app on the page's body.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
    // The benchmark reads this mark: navigation start → first interactive render.
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("trellis:interactive");
    }
}
