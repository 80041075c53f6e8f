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

/// Mounts the app on the page's body, in place of the page's static shell.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    console_error_panic_hook::set_once();
    // Storage that cannot be read holds no plan to open; the app then says why.
    if storage::plans_stored().unwrap_or(false) {
        // Start-up opens a stored plan, so the code that reads plans comes first (boot.js has
        // preloaded its chunk). Should it not arrive, the app says so and changes nothing.
        wasm_bindgen_futures::spawn_local(async {
            let _ = ui::on_demand::plan_reader().await;
            mount();
        });
    } else {
        mount();
    }
}

#[cfg(target_arch = "wasm32")]
fn mount() {
    let window = web_sys::window();
    let document = window.as_ref().and_then(|w| w.document());
    // The header, navigation and heading the build wrote into each page (scripts/post-build.mjs)
    // stand in until now; removed in the same task as the mount, so no frame shows neither.
    if let Some(shell) = document
        .as_ref()
        .and_then(|d| d.get_element_by_id("app-shell"))
    {
        shell.remove();
    }
    leptos::mount::mount_to_body(App);
    // A tool's page announces itself once its chunk of the wasm has arrived (ui::tool_routes).
    let waiting_for_a_tool = document
        .as_ref()
        .and_then(|d| d.get_element_by_id(ui::tool_routes::LOADING_ID))
        .is_some();
    if !waiting_for_a_tool {
        announce_interactive();
    }
}

/// Marks the first interactive render, once per page load: the benchmark reads the mark
/// (navigation start → interactive), boot.js waits for the event to start the service worker's
/// precache at idle.
#[cfg(target_arch = "wasm32")]
pub(crate) fn announce_interactive() {
    let window = web_sys::window();
    let Some(root) = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    if root.has_attribute("data-mounted") {
        return;
    }
    if let Some(performance) = window.as_ref().and_then(|w| w.performance()) {
        let _ = performance.mark("trellis:interactive");
    }
    let _ = root.set_attribute("data-mounted", "");
    if let (Some(window), Ok(event)) = (window, web_sys::Event::new("trellis:mounted")) {
        let _ = window.dispatch_event(&event);
    }
}
