//! localStorage, the one place Trellis keeps data. Every failure becomes a [`StorageProblem`]
//! the user is shown; nothing here panics, and nothing here overwrites data it could not read.
//!
//! Layout: one key per plan (`trellis.plan.<id>`, a compact plan document), an index
//! (`trellis.workspace`: plan order and the last opened plan), raw copies of unreadable data
//! (`trellis.backup.<key>`), the theme (`trellis.theme`), and which sections of a plan are
//! collapsed (`trellis.collapsed.<plan id>`, see `ui::section_index`).
//!
//! We talk to `web_sys::Storage` directly rather than through gloo-storage: gloo's
//! `LocalStorage::raw()` throws when the browser blocks storage access (private modes, disabled
//! cookies), and its error type drops the DOMException `code` needed to recognise every
//! browser's spelling of "storage full".

use wasm_bindgen::{JsCast, JsValue};

use crate::core::plan::Plan;
use crate::core::schema;

pub const PLAN_PREFIX: &str = "trellis.plan.";
pub const INDEX_KEY: &str = "trellis.workspace";
pub const BACKUP_PREFIX: &str = "trellis.backup.";
pub const THEME_KEY: &str = "trellis.theme";

/// Why storage could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageProblem {
    /// localStorage is absent or access throws (private mode, storage disabled).
    Unavailable(String),
    /// The browser's quota is used up.
    Full,
    /// Any other failure, with the browser's own words.
    Failed(String),
}

impl std::fmt::Display for StorageProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageProblem::Unavailable(why) => write!(
                f,
                "This browser does not let Trellis store data ({why}). Your work is kept only while this tab is open: export it to keep it."
            ),
            StorageProblem::Full => write!(
                f,
                "Browser storage is full, so changes are not being saved. Your last saved copy is intact; export this plan to keep your latest changes."
            ),
            StorageProblem::Failed(why) => write!(f, "Saving failed: {why}. Export this plan to keep your changes."),
        }
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
    Ok(Some(schema::peek_header(&String::from(text))))
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

pub fn plan_key(id: &str) -> String {
    format!("{PLAN_PREFIX}{id}")
}

/// Recognises "storage full" in every spelling browsers use: `QuotaExceededError` (current
/// browsers), Firefox's `NS_ERROR_DOM_QUOTA_REACHED` (code 1014) and old Safari's code 22.
pub fn classify(err: &JsValue) -> StorageProblem {
    let name = js_string(err, "name");
    let code = js_sys::Reflect::get(err, &JsValue::from_str("code"))
        .ok()
        .and_then(|code| code.as_f64());
    let is_quota = matches!(
        name.as_deref(),
        Some("QuotaExceededError") | Some("NS_ERROR_DOM_QUOTA_REACHED")
    ) || matches!(code, Some(c) if c == 22.0 || c == 1014.0);
    if is_quota {
        StorageProblem::Full
    } else if name.as_deref() == Some("SecurityError") {
        StorageProblem::Unavailable(describe(err))
    } else {
        StorageProblem::Failed(describe(err))
    }
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

/// One plan as found in storage.
#[derive(Clone, Debug, PartialEq)]
pub enum StoredPlan {
    Readable(Box<Plan>),
    /// Could not be read; the raw text is kept where it was and copied under `backup_key`.
    Unreadable {
        id: String,
        reason: String,
        backup_key: String,
    },
    /// Written by a newer Trellis: never overwritten by this one.
    Newer {
        id: String,
        name: String,
        version: u64,
    },
}

impl StoredPlan {
    pub fn id(&self) -> &str {
        match self {
            StoredPlan::Readable(plan) => &plan.id,
            StoredPlan::Unreadable { id, .. } | StoredPlan::Newer { id, .. } => id,
        }
    }
}

/// Reads the plan stored under `key`, keeping a backup copy of anything unreadable.
pub fn load_plan_at(key: &str) -> Result<Option<StoredPlan>, StorageProblem> {
    let Some(raw) = read(key)? else {
        return Ok(None);
    };
    let id = key.strip_prefix(PLAN_PREFIX).unwrap_or(key).to_string();
    let header = schema::peek_header(&raw);
    if let Some(version) = header.version {
        if version > schema::CURRENT_VERSION
            && header.format.as_deref() == Some(schema::PLAN_FORMAT)
        {
            return Ok(Some(StoredPlan::Newer {
                id,
                name: header.name.unwrap_or_default(),
                version,
            }));
        }
    }
    match schema::parse_stored_plan(&raw) {
        Ok(plan) => Ok(Some(StoredPlan::Readable(Box::new(plan)))),
        Err(err) => {
            let backup_key = format!("{BACKUP_PREFIX}{key}");
            // A backup that cannot be written (storage full) is no loss: the original stays put.
            if read(&backup_key).ok().flatten().as_deref() != Some(raw.as_str()) {
                let _ = write(&backup_key, &raw);
            }
            Ok(Some(StoredPlan::Unreadable {
                id,
                reason: err.to_string(),
                backup_key,
            }))
        }
    }
}

/// Everything stored: the plans (readable or not) in the user's order, and the last opened one.
#[derive(Clone, Debug, Default)]
pub struct StoredWorkspace {
    pub plans: Vec<StoredPlan>,
    pub current: Option<String>,
}

pub fn load_workspace() -> Result<StoredWorkspace, StorageProblem> {
    let index = read(INDEX_KEY)?
        .map(|raw| schema::parse_index(&raw).unwrap_or_default())
        .unwrap_or_default();
    let mut keys = keys_with_prefix(PLAN_PREFIX)?;
    // The index gives the order; plans it does not know (written by another tab) go last.
    keys.sort_by_key(|key| {
        let id = key.strip_prefix(PLAN_PREFIX).unwrap_or(key);
        index
            .plans
            .iter()
            .position(|entry| entry.id == id)
            .unwrap_or(usize::MAX)
    });
    let mut plans = Vec::new();
    for key in keys {
        if let Some(plan) = load_plan_at(&key)? {
            plans.push(plan);
        }
    }
    Ok(StoredWorkspace {
        plans,
        current: index.current,
    })
}

/// Why a save did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveRefused {
    Storage(StorageProblem),
    /// Another tab saved a newer revision since this tab loaded the plan.
    Conflict {
        stored_revision: u64,
    },
    /// A newer Trellis wrote this plan; this version must not overwrite it.
    NewerVersion {
        version: u64,
    },
}

/// Saves `plan` if nothing newer is stored. `base_revision` is the revision this tab last
/// loaded or saved; the plan is written with the next revision, which is returned.
pub fn save_plan(plan: &Plan, base_revision: u64) -> Result<u64, SaveRefused> {
    let key = plan_key(&plan.id);
    if let Some(header) = stored_header(&key).map_err(SaveRefused::Storage)? {
        if let Some(version) = header.version {
            if version > schema::CURRENT_VERSION {
                return Err(SaveRefused::NewerVersion { version });
            }
        }
        if let Some(stored_revision) = header.revision {
            if stored_revision > base_revision {
                return Err(SaveRefused::Conflict { stored_revision });
            }
        }
    }
    let revision = base_revision + 1;
    write(&key, &schema::store_plan_at(plan, revision)).map_err(SaveRefused::Storage)?;
    Ok(revision)
}

/// Writes the plan order and the last opened plan.
pub fn save_index(order: &[(String, String)], current: Option<&str>) -> Result<(), StorageProblem> {
    write(INDEX_KEY, &schema::store_index(order, current))
}

pub fn delete_plan(id: &str) -> Result<(), StorageProblem> {
    remove(&plan_key(id))?;
    // Which of its sections were collapsed goes with it (a leftover would only be unused).
    let _ = remove(&crate::ui::section_index::collapsed_key(id));
    Ok(())
}
