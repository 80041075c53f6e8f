//! A tab left open across a deploy. The service worker keeps the files of a build while a tab
//! of that build is open (scripts/sw.template.js), so the tab goes on loading its own chunks.
//! When one is nowhere to be had (the tab opened before the worker had cached its build, and
//! the host has dropped the file), the tab saves and reloads into the build the host serves
//! now, which keeps the user's edits; it never mixes that build's files into its own.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::ui::state::AppState;

/// What became of a tab whose chunk could not be downloaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterMissingChunk {
    /// The host serves the same build (or cannot be asked): the network is the problem.
    SameBuild,
    /// Another build is deployed; the plan is saved and the page is reloading into it.
    Reloading,
    /// Another build is deployed, but the plan's last edits could not be saved (storage full,
    /// another tab's save): the page stays, so nothing is lost.
    UnsavedEdits,
}

/// Call when a chunk of the wasm could not be downloaded.
pub async fn after_missing_chunk(state: AppState) -> AfterMissingChunk {
    let (Some(own), Some(served)) = (own_build(), served_build().await) else {
        return AfterMissingChunk::SameBuild;
    };
    if own == served {
        return AfterMissingChunk::SameBuild;
    }
    state.flush();
    // Anything unsaved (the open plan, or another kept in memory) stays: nothing is lost.
    if state.has_unsaved_work() {
        return AfterMissingChunk::UnsavedEdits;
    }
    match web_sys::window().map(|w| w.location().reload()) {
        Some(Ok(())) => AfterMissingChunk::Reloading,
        _ => AfterMissingChunk::SameBuild,
    }
}

/// The build of this page (`<meta name="trellis-build">`, scripts/post-build.mjs).
fn own_build() -> Option<String> {
    leptos::prelude::document()
        .query_selector(r#"meta[name="trellis-build"]"#)
        .ok()
        .flatten()?
        .get_attribute("content")
}

/// The build of the page the host serves at this address now, asked past every cache.
async fn served_build() -> Option<String> {
    let window = web_sys::window()?;
    let get = |target: &JsValue, field: &str| {
        js_sys::Reflect::get(target, &JsValue::from_str(field)).ok()
    };
    let fetch = get(&window, "fetch")?.dyn_into::<js_sys::Function>().ok()?;
    let init = js_sys::Object::new();
    js_sys::Reflect::set(
        &init,
        &JsValue::from_str("cache"),
        &JsValue::from_str("no-store"),
    )
    .ok()?;
    let href = window.location().href().ok()?;
    let response = fetch
        .call2(&window, &JsValue::from_str(&href), &init)
        .ok()?;
    let response = JsFuture::from(response.dyn_into::<js_sys::Promise>().ok()?)
        .await
        .ok()?;
    if get(&response, "ok")?.as_bool() != Some(true) {
        return None;
    }
    let text = get(&response, "text")?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call0(&response)
        .ok()?;
    let text = JsFuture::from(text.dyn_into::<js_sys::Promise>().ok()?)
        .await
        .ok()?
        .as_string()?;
    build_of(&text)
}

/// The build a page's HTML names.
fn build_of(html: &str) -> Option<String> {
    let start = html.find(r#"<meta name="trellis-build" content=""#)?
        + r#"<meta name="trellis-build" content=""#.len();
    let rest = &html[start..];
    Some(rest[..rest.find('"')?].to_string())
}
