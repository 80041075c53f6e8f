//! localStorage, the one place Trellis keeps data: [`LocalStore`] is the core's
//! [`PlanStore`] on it, and `read`/`write`/`remove` serve the few UI settings kept beside
//! plans (the theme, collapsed sections). Every failure becomes a [`StorageProblem`] the user
//! is shown; nothing here panics. What a save, a conflict or an unreadable plan means is
//! decided in `core::session` and `core::open_plan`; every key is named in `core::keys`.
//! Every write to plans runs under one Web Lock ([`locked`]).
//!
//! The keys of `core::keys` are logical keys: where they are in localStorage depends on the
//! path Trellis is served under (`core::keys::Namespace`), so that two deployments on one
//! origin keep their plans apart. Every function here takes and gives logical keys.
//!
//! We talk to `web_sys::Storage` directly rather than through gloo-storage: gloo's
//! `LocalStorage::raw()` throws when the browser blocks storage access (private modes, disabled
//! cookies), and its error type drops the DOMException `code` needed to recognise every
//! browser's spelling of "storage full".

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};

use crate::core::keys::{Namespace, LOCK_NAME, OWNER_KEY};
use crate::core::open_plan::store::{classify_failure, header_of};
use crate::core::schema;

pub use crate::core::keys::{plan_key, PLAN_PREFIX, THEME_KEY};
pub use crate::core::open_plan::{PlanStore, SaveRefused, StorageProblem, StoredPlan};

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

thread_local! {
    /// This deployment's namespace, and whether it has claimed the unprefixed keys yet; read
    /// on first use.
    static NAMESPACE: RefCell<Option<(Namespace, bool)>> = const { RefCell::new(None) };
}

/// The namespace of the deployment this page belongs to (see `core::keys`).
fn namespace() -> Namespace {
    NAMESPACE.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let owner = storage()
                    .ok()
                    .and_then(|s| s.get_item(OWNER_KEY).ok().flatten());
                let namespace = Namespace::new(&base_path(), owner.as_deref());
                let claimed = owner.is_some() || !namespace.is_unprefixed();
                (namespace, claimed)
            })
            .0
            .clone()
    })
}

/// The path of the pages' `<base>` ("/" at a host's root).
fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    web_sys::Url::new(&base)
        .map(|url| url.pathname())
        .unwrap_or_else(|_| "/".into())
}

/// Before this deployment first writes to the unprefixed keys, it claims them, so that another
/// deployment on the origin keeps its own from then on. A claim that cannot be written (storage
/// full) is tried again on the next write.
fn claim_before_writing(storage: &web_sys::Storage) {
    NAMESPACE.with(|cell| {
        let mut cell = cell.borrow_mut();
        if let Some((namespace, claimed)) = cell.as_mut() {
            if !*claimed && storage.set_item(OWNER_KEY, namespace.base()).is_ok() {
                *claimed = true;
            }
        }
    });
}

/// The logical key a `storage` event is about: `Some(None)` when all storage was cleared,
/// `None` when the key is not this deployment's (another deployment's, or the claim).
pub fn event_key(physical: Option<String>) -> Option<Option<String>> {
    match physical {
        None => Some(None),
        Some(physical) => namespace().logical(&physical).map(Some),
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
        .get_item(&namespace().physical(key))
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
        .get_item(&namespace().physical(key))
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
    let storage = storage()?;
    let physical = namespace().physical(key);
    claim_before_writing(&storage);
    storage
        .set_item(&physical, value)
        .map_err(|err| classify(&err))
}

pub fn remove(key: &str) -> Result<(), StorageProblem> {
    storage()?
        .remove_item(&namespace().physical(key))
        .map_err(|err| StorageProblem::Failed(describe(&err)))
}

/// Every (logical) key that starts with `prefix`.
pub fn keys_with_prefix(prefix: &str) -> Result<Vec<String>, StorageProblem> {
    let storage = storage()?;
    let namespace = namespace();
    let physical = namespace.physical(prefix);
    let count = storage
        .length()
        .map_err(|err| StorageProblem::Failed(describe(&err)))?;
    let mut keys = Vec::new();
    for index in 0..count {
        if let Ok(Some(key)) = storage.key(index) {
            if key.starts_with(&physical) {
                keys.extend(namespace.logical(&key));
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

/// How long a write waits for the storage lock before it runs without it (checked as
/// always: the core never writes over what it has not seen).
const LOCK_WAIT_MS: i32 = 1000;

/// Runs `act` while this tab holds the Web Lock every write to plans takes
/// (`navigator.locks.request`, exclusive), so two tabs' saves (each a check of what is
/// stored, then a write) never interleave. Where the Locks API is missing, or the request
/// throws or is rejected, `act` runs at once; when the lock has not come within a second
/// (another tab stuck holding it), it runs without it. It runs once either way. Called
/// through `Reflect` because web-sys has the Locks API only behind its unstable-APIs flag.
pub fn locked(act: impl FnOnce() + 'static) {
    use std::rc::Rc;
    type Once = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;
    let pending: Once = Rc::new(RefCell::new(Some(Box::new(act))));
    let run = |pending: &Once| {
        let act = pending.borrow_mut().take();
        if let Some(act) = act {
            act();
        }
    };
    let Some(window) = web_sys::window() else {
        return run(&pending);
    };
    let get = |target: &JsValue, field: &str| {
        js_sys::Reflect::get(target, &JsValue::from_str(field)).ok()
    };
    let request = get(&window.navigator(), "locks")
        .filter(|l| l.is_object())
        .and_then(|locks| {
            let request = get(&locks, "request")?
                .dyn_into::<js_sys::Function>()
                .ok()?;
            Some((locks, request))
        });
    let Some((locks, request)) = request else {
        return run(&pending);
    };
    let granted = {
        let pending = pending.clone();
        // The callback returns nothing, so the lock is released as soon as `act` returns.
        wasm_bindgen::closure::Closure::once_into_js(move |_lock: JsValue| run(&pending))
    };
    let Ok(promise) = request.call2(&locks, &JsValue::from_str(LOCK_NAME), &granted) else {
        return run(&pending);
    };
    if let Some(catch) = get(&promise, "catch").and_then(|c| c.dyn_into::<js_sys::Function>().ok())
    {
        let pending = pending.clone();
        let refused = wasm_bindgen::closure::Closure::once_into_js(move |_: JsValue| run(&pending));
        let _ = catch.call1(&promise, &refused);
    }
    let waited = wasm_bindgen::closure::Closure::once_into_js(move || run(&pending));
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        waited.unchecked_ref(),
        LOCK_WAIT_MS,
    );
}
