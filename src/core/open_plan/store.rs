//! Where plans are kept, seen through [`PlanStore`]: the browser's localStorage in the app
//! (`crate::storage`), an in-memory store in tests. Everything here reads and writes only
//! through the trait, so every fault a store can have is testable natively.
//!
//! Layout (every key is named in `core::keys`): one key per plan (a compact plan document),
//! an index (plan order and the last opened plan), raw copies of unreadable data, and the
//! trash (`core::session::trash`).

use std::fmt;

use crate::core::plan::Plan;
use crate::core::schema::{self, Header, PlanReader};

pub use crate::core::keys::{plan_key, BACKUP_PREFIX, INDEX_KEY, PLAN_PREFIX};

/// Why storage could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageProblem {
    /// Storage is absent or access throws (private mode, storage disabled).
    Unavailable(String),
    /// The browser's quota is used up.
    Full,
    /// Any other failure, with the browser's own words.
    Failed(String),
}

impl fmt::Display for StorageProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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

impl StorageProblem {
    /// The few words the save status shows after "Not saved: ".
    pub fn short_reason(&self) -> String {
        match self {
            StorageProblem::Full => "storage is full".into(),
            StorageProblem::Unavailable(_) => "storage is blocked".into(),
            StorageProblem::Failed(why) => why.clone(),
        }
    }
}

/// Names an exception a store threw: "storage full" in every spelling browsers use —
/// `QuotaExceededError` (current browsers), Firefox's `NS_ERROR_DOM_QUOTA_REACHED` (code
/// 1014) and old Safari's code 22 —, `SecurityError` as storage being blocked, anything
/// else as a failure in the browser's own words.
pub fn classify_failure(name: Option<&str>, code: Option<f64>, message: String) -> StorageProblem {
    let is_quota = matches!(
        name,
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED")
    ) || matches!(code, Some(c) if c == 22.0 || c == 1014.0);
    if is_quota {
        StorageProblem::Full
    } else if name == Some("SecurityError") {
        StorageProblem::Unavailable(message)
    } else {
        StorageProblem::Failed(message)
    }
}

/// Key-value text storage, as localStorage offers it. Reads never change anything.
pub trait PlanStore {
    fn read(&self, key: &str) -> Result<Option<String>, StorageProblem>;
    fn write(&self, key: &str, text: &str) -> Result<(), StorageProblem>;
    fn remove(&self, key: &str) -> Result<(), StorageProblem>;
    /// Every key that starts with `prefix`.
    fn keys_with_prefix(&self, prefix: &str) -> Result<Vec<String>, StorageProblem>;

    /// The header of the plan stored under `key` (`None` when nothing is stored). A store
    /// that can read only the start of a text should (localStorage does: see `storage.rs`).
    fn header(&self, key: &str) -> Result<Option<Header>, StorageProblem> {
        Ok(self.read(key)?.map(|text| header_of(&text)))
    }

    /// A fingerprint of the text stored under `key` ([`fingerprint`]), `None` when nothing is.
    fn fingerprint(&self, key: &str) -> Result<Option<u64>, StorageProblem> {
        Ok(self.read(key)?.map(|text| fingerprint(&text)))
    }
}

impl<S: PlanStore + ?Sized> PlanStore for &S {
    fn read(&self, key: &str) -> Result<Option<String>, StorageProblem> {
        (**self).read(key)
    }
    fn write(&self, key: &str, text: &str) -> Result<(), StorageProblem> {
        (**self).write(key, text)
    }
    fn remove(&self, key: &str) -> Result<(), StorageProblem> {
        (**self).remove(key)
    }
    fn keys_with_prefix(&self, prefix: &str) -> Result<Vec<String>, StorageProblem> {
        (**self).keys_with_prefix(prefix)
    }
    fn header(&self, key: &str) -> Result<Option<Header>, StorageProblem> {
        (**self).header(key)
    }
    fn fingerprint(&self, key: &str) -> Result<Option<u64>, StorageProblem> {
        (**self).fingerprint(key)
    }
}

/// The header of a stored text: from its start when that holds it, else from the whole.
pub fn header_of(text: &str) -> Header {
    schema::peek_leading_header(text).unwrap_or_else(|| schema::peek_header(text))
}

/// A 64-bit FNV-1a hash of `text`: tells whether the text stored under a key is still the
/// one this tab wrote or read, without keeping a copy of it.
pub fn fingerprint(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// One plan as found in storage.
#[derive(Clone, Debug, PartialEq)]
pub enum StoredPlan {
    Readable(Box<Plan>),
    /// Known only from its header, which is sound and of this version: read in full when
    /// opened ([`list_workspace`] lists plans this way).
    Listed {
        id: String,
        name: String,
    },
    /// Could not be read; the raw text is kept where it was and copied under `backup_key`
    /// (`None` when the copy could not be written: storage was full).
    Unreadable {
        id: String,
        reason: String,
        backup_key: Option<String>,
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
            StoredPlan::Listed { id, .. }
            | StoredPlan::Unreadable { id, .. }
            | StoredPlan::Newer { id, .. } => id,
        }
    }
}

/// Reads the plan stored under `key`, keeping a backup copy of anything unreadable.
pub fn load_plan_at(
    store: &impl PlanStore,
    key: &str,
    reader: PlanReader,
) -> Result<Option<StoredPlan>, StorageProblem> {
    let Some(raw) = store.read(key)? else {
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
    match reader.read_stored(&raw) {
        Ok(plan) => Ok(Some(StoredPlan::Readable(Box::new(plan)))),
        Err(err) => {
            let backup_key = crate::core::keys::backup_key(key);
            // A backup that cannot be written (storage full) is no loss: the original stays
            // put, and is what a download offers.
            let copied = store.read(&backup_key).ok().flatten().as_deref() == Some(raw.as_str())
                || store.write(&backup_key, &raw).is_ok();
            Ok(Some(StoredPlan::Unreadable {
                id,
                reason: err.to_string(),
                backup_key: copied.then_some(backup_key),
            }))
        }
    }
}

/// The plan stored under `key` as the plan list needs it: from its header alone when that is
/// a sound header of this version (every plan Trellis writes has one, within its first
/// bytes), otherwise read in full ([`load_plan_at`]: unreadable or newer).
pub fn list_plan_at(
    store: &impl PlanStore,
    key: &str,
    reader: PlanReader,
) -> Result<Option<StoredPlan>, StorageProblem> {
    let Some(header) = store.header(key)? else {
        return Ok(None);
    };
    let sound = header.format.as_deref() == Some(schema::PLAN_FORMAT)
        && header.revision.is_some()
        && header
            .version
            .is_some_and(|v| (1..=schema::CURRENT_VERSION).contains(&v));
    match header.name {
        Some(name) if sound => Ok(Some(StoredPlan::Listed {
            id: key.strip_prefix(PLAN_PREFIX).unwrap_or(key).to_string(),
            name,
        })),
        _ => load_plan_at(store, key, reader),
    }
}

/// The readable plan stored under `id`, if there is one.
pub fn read_plan(store: &impl PlanStore, id: &str, reader: PlanReader) -> Option<Plan> {
    match load_plan_at(store, &plan_key(id), reader) {
        Ok(Some(StoredPlan::Readable(plan))) => Some(*plan),
        _ => None,
    }
}

/// Everything stored: the plans (readable or not) in the user's order, and the last opened one.
#[derive(Clone, Debug, Default)]
pub struct StoredWorkspace {
    pub plans: Vec<StoredPlan>,
    pub current: Option<String>,
}

/// Every stored plan, from headers ([`list_plan_at`]): start-up parses only the plan it opens.
pub fn list_workspace(
    store: &impl PlanStore,
    reader: PlanReader,
) -> Result<StoredWorkspace, StorageProblem> {
    read_workspace(store, reader, list_plan_at)
}

/// Every stored plan, each read in full.
pub fn load_workspace(
    store: &impl PlanStore,
    reader: PlanReader,
) -> Result<StoredWorkspace, StorageProblem> {
    read_workspace(store, reader, load_plan_at)
}

fn read_workspace<S: PlanStore>(
    store: &S,
    reader: PlanReader,
    read: fn(&S, &str, PlanReader) -> Result<Option<StoredPlan>, StorageProblem>,
) -> Result<StoredWorkspace, StorageProblem> {
    let index = store
        .read(INDEX_KEY)?
        .map(|raw| schema::parse_index(&raw).unwrap_or_default())
        .unwrap_or_default();
    let mut keys = store.keys_with_prefix(PLAN_PREFIX)?;
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
        if let Some(plan) = read(store, &key, reader)? {
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
    /// Another tab saved this plan since this tab loaded or saved it: a newer revision, or
    /// the same revision with other content.
    Conflict {
        stored_revision: u64,
    },
    /// A newer Trellis wrote this plan; this version must not overwrite it.
    NewerVersion {
        version: u64,
    },
    /// The plan was stored and is gone: deleted in another tab (or cleared by the browser).
    /// Writing it back is the user's choice, never a save's.
    Deleted,
}

impl SaveRefused {
    /// The reason as a sentence, for a save of a plan that is not the open one.
    pub fn sentence(&self) -> String {
        match self {
            SaveRefused::Storage(problem) => problem.to_string(),
            SaveRefused::Conflict { .. } => "Another tab changed that plan; try again.".into(),
            SaveRefused::NewerVersion { version } => {
                format!("A newer Trellis (file version {version}) saved that plan; open it there.")
            }
            SaveRefused::Deleted => "That plan was deleted in another tab.".into(),
        }
    }

    /// The few words the save status shows after "Not saved: ".
    pub fn short_reason(&self) -> String {
        match self {
            SaveRefused::Storage(problem) => problem.short_reason(),
            SaveRefused::Conflict { .. } => "another tab changed this plan".into(),
            SaveRefused::NewerVersion { .. } => "a newer Trellis saved this plan".into(),
            SaveRefused::Deleted => "it was deleted in another tab".into(),
        }
    }
}

/// What a save knows of the stored copy it may overwrite: its revision and, when known,
/// the fingerprint of its text.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Base {
    pub revision: u64,
    pub fingerprint: Option<u64>,
}

/// Saves `plan` at `base.revision + 1` unless something this tab has not seen is stored: a
/// newer format, another revision, or the same revision with another text. Returns the new
/// base.
pub fn save_plan(store: &impl PlanStore, plan: &Plan, base: Base) -> Result<Base, SaveRefused> {
    let key = plan_key(&plan.id);
    check_save(store, &key, base)?;
    let revision = base.revision + 1;
    let text = schema::store_plan_at(plan, revision);
    store.write(&key, &text).map_err(SaveRefused::Storage)?;
    Ok(Base {
        revision,
        fingerprint: Some(fingerprint(&text)),
    })
}

/// Whether a save based on `base` may write `key`: not over a newer format, another revision,
/// the same revision with another text, or (when `base` was stored) over nothing — the plan
/// was deleted elsewhere.
pub fn check_save(store: &impl PlanStore, key: &str, base: Base) -> Result<(), SaveRefused> {
    let Some(header) = store.header(key).map_err(SaveRefused::Storage)? else {
        return if base.revision > 0 {
            Err(SaveRefused::Deleted)
        } else {
            Ok(())
        };
    };
    if let Some(version) = header.version {
        if version > schema::CURRENT_VERSION {
            return Err(SaveRefused::NewerVersion { version });
        }
    }
    if let Some(stored_revision) = header.revision {
        // An older revision than this tab's base is someone else's write too: a plan put back
        // from the trash in another tab is stored at the trashed copy's revision + 1.
        if stored_revision != base.revision {
            return Err(SaveRefused::Conflict { stored_revision });
        }
        if stored_revision == base.revision {
            if let Some(known) = base.fingerprint {
                let stored = store.fingerprint(key).map_err(SaveRefused::Storage)?;
                if stored.is_some_and(|stored| stored != known) {
                    return Err(SaveRefused::Conflict { stored_revision });
                }
            }
        }
    }
    Ok(())
}

/// What is stored under `id` now, as a base to overwrite it from (revision 0 when nothing).
pub fn stored_base(store: &impl PlanStore, id: &str) -> Base {
    let key = plan_key(id);
    let revision = store
        .header(&key)
        .ok()
        .flatten()
        .and_then(|header| header.revision)
        .unwrap_or(0);
    Base {
        revision,
        fingerprint: store.fingerprint(&key).ok().flatten(),
    }
}
