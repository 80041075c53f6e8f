//! localStorage, the one place Trellis keeps data: [`LocalStore`] is the core's
//! [`PlanStore`] on it, and `read`/`write`/`remove` serve the few UI settings kept beside
//! plans. Every failure becomes a [`StorageProblem`] the user is shown; nothing here panics.
//! What a save, a conflict or an unreadable plan means is decided in `core::open_plan`.
//!
//! Layout: see `core::open_plan::store`; besides plans, the theme (`trellis.theme`) and which
//! sections of a plan are collapsed (`trellis.collapsed.<plan id>`, see `ui::section_index`).
//!
//! We talk to `web_sys::Storage` directly rather than through gloo-storage: gloo's
//! `LocalStorage::raw()` throws when the browser blocks storage access (private modes, disabled
//! cookies), and its error type drops the DOMException `code` needed to recognise every
//! browser's spelling of "storage full".

use wasm_bindgen::{JsCast, JsValue};

use crate::core::open_plan::store::{classify_failure, header_of};
use crate::core::schema;

pub use crate::core::open_plan::{
    plan_key, PlanStore, SaveRefused, StorageProblem, StoredPlan, BACKUP_PREFIX, INDEX_KEY,
    PLAN_PREFIX,
};

pub const THEME_KEY: &str = "trellis.theme";

/// The browser's localStorage as the core's [`PlanStore`].
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalStore;

impl PlanStore for LocalStore {
    fn read(&self, key: &str) -> Result<Option<String>, StorageProblem> {
        read(key)
    }

    fn write(&self, key: &str, text: &str) -> Result<(), StorageProblem> {
        write(key, text)
    }

    fn remove(&self, key: &str) -> Result<(), StorageProblem> {
        remove(key)
    }

    fn keys_with_prefix(&self, prefix: &str) -> Result<Vec<String>, StorageProblem> {
        keys_with_prefix(prefix)
    }

    fn header(&self, key: &str) -> Result<Option<schema::Header>, StorageProblem> {
        stored_header(key)
    }
}

fn storage() -> Result<web_sys::Storage, StorageProblem> {
    let window =
        web_sys::window().ok_or_else(|| StorageProblem::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(StorageProblem::Unavailable(
            "localStorage is missing".into(),
        )),
        Err(err) => Err(StorageProblem::Unavailable(describe(&err))),
    }
}

/// Whether storage can be used at all right now.
pub fn availability() -> Result<(), StorageProblem> {
    storage().map(|_| ())
}

pub fn read(key: &str) -> Result<Option<String>, StorageProblem> {
    storage()?
        .get_item(key)
        .map_err(|err| StorageProblem::Failed(describe(&err)))
}

/// How much of a stored plan a save reads to find its header: far more than any header
/// Trellis writes (format, version, id, name, revision), far less than a large plan.
const HEADER_READ_CHARS: u32 = 4096;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Storage` seen through a `getItem` that returns the JS string itself, so only a slice
    /// of it need be copied into wasm.
    type RawStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item(this: &RawStorage, key: &str) -> Result<JsValue, JsValue>;
}

/// The header of the plan stored under `key` (`None` when nothing is stored). Reads only the
/// start of the document when that holds the header, as it does for everything Trellis writes;
/// otherwise the whole of it.
pub fn stored_header(key: &str) -> Result<Option<schema::Header>, StorageProblem> {
    let value = storage()?
        .unchecked_ref::<RawStorage>()
        .get_item(key)
        .map_err(|err| StorageProblem::Failed(describe(&err)))?;
    let Some(text) = value.dyn_ref::<js_sys::JsString>() else {
        return Ok(None);
    };
    let start = String::from(text.slice(0, HEADER_READ_CHARS));
    if let Some(header) = schema::peek_leading_header(&start) {
        return Ok(Some(header));
    }
    Ok(Some(header_of(&String::from(text))))
}

pub fn write(key: &str, value: &str) -> Result<(), StorageProblem> {
    storage()?
        .set_item(key, value)
        .map_err(|err| classify(&err))
}

pub fn remove(key: &str) -> Result<(), StorageProblem> {
    storage()?
        .remove_item(key)
        .map_err(|err| StorageProblem::Failed(describe(&err)))
}

/// Every key that starts with `prefix`.
pub fn keys_with_prefix(prefix: &str) -> Result<Vec<String>, StorageProblem> {
    let storage = storage()?;
    let count = storage
        .length()
        .map_err(|err| StorageProblem::Failed(describe(&err)))?;
    let mut keys = Vec::new();
    for index in 0..count {
        if let Ok(Some(key)) = storage.key(index) {
            if key.starts_with(prefix) {
                keys.push(key);
            }
        }
    }
    Ok(keys)
}

/// Whether any plan is stored (start-up needs the plan reader first when one is).
pub fn plans_stored() -> Result<bool, StorageProblem> {
    keys_with_prefix(PLAN_PREFIX).map(|keys| !keys.is_empty())
}

/// Names an exception localStorage threw (see `core::open_plan::store::classify_failure`
/// for the spellings of "storage full").
pub fn classify(err: &JsValue) -> StorageProblem {
    let name = js_string(err, "name");
    let code = js_sys::Reflect::get(err, &JsValue::from_str("code"))
        .ok()
        .and_then(|code| code.as_f64());
    classify_failure(name.as_deref(), code, describe(err))
}

fn js_string(value: &JsValue, field: &str) -> Option<String> {
    js_sys::Reflect::get(value, &JsValue::from_str(field))
        .ok()
        .and_then(|v| v.as_string())
}

fn describe(err: &JsValue) -> String {
    if let Some(err) = err.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    js_string(err, "message")
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Runs `act` while this tab holds the Web Lock named `name` (`navigator.locks.request`,
/// exclusive), once the browser grants it: another tab's `act` under the same name never
/// runs at the same time. False, and `act` not run, where the Locks API is missing (then
/// the caller runs it unlocked, as before). Called through `Reflect` because web-sys has the
/// Locks API only behind its unstable-APIs flag.
pub fn with_lock(name: &str, act: impl FnOnce() + 'static) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let get = |target: &JsValue, field: &str| {
        js_sys::Reflect::get(target, &JsValue::from_str(field)).ok()
    };
    let Some(locks) = get(&window.navigator(), "locks").filter(|l| l.is_object()) else {
        return false;
    };
    let Some(request) = get(&locks, "request").and_then(|r| r.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    // The callback returns nothing, so the lock is released as soon as `act` returns.
    let callback = wasm_bindgen::closure::Closure::once_into_js(move |_lock: JsValue| act());
    let Ok(granted) = request.call2(&locks, &JsValue::from_str(name), &callback) else {
        return false;
    };
    // A refused request (the page is going away) needs no message: the save state says it.
    if let Some(catch) = get(&granted, "catch").and_then(|c| c.dyn_into::<js_sys::Function>().ok())
    {
        let ignore = wasm_bindgen::closure::Closure::once_into_js(|_: JsValue| {});
        let _ = catch.call1(&granted, &ignore);
    }
    true
}

/// Removes a stored plan and what the UI kept about it.
pub fn delete_plan(id: &str) -> Result<(), StorageProblem> {
    remove(&plan_key(id))?;
    // Which of its sections were collapsed goes with it (a leftover would only be unused).
    let _ = remove(&crate::ui::section_index::collapsed_key(id));
    let _ = remove(&crate::ui::focus::focus_key(id));
    Ok(())
}
