//! The revisions of a plan that left as copies, kept so that a copy coming back can be merged
//! three-way against the revision it started from (issue 32).
//!
//! Only revisions that leave are kept, not every save: the ancestor a returned copy names is
//! always one that left (its `base`), a save happens at every pause in typing, and a history
//! of saves would fill the browser's storage with copies no merge asks for. The history of a
//! plan is bounded: the last [`MAX_ANCESTORS`] revisions that left, and at most
//! [`MAX_ANCESTOR_CHARS`] characters of plan text in all, the oldest dropped first (a plan
//! larger than that alone keeps none, and its returned copies merge two-way). It lives under
//! its own key, `keys::ancestors_key`, counted in the storage it takes like every other key,
//! written only by the session ([`Session::keep_leaving`]) in a transaction, and deleted with
//! its plan.
//!
//! The key holds `{"format": "trellis-ancestors", "version": 1, "entries": [{"revision": 4,
//! "fingerprint": "…", "plan": "<the stored plan text>"}, …]}`, oldest first. Entries and the
//! document keep what a newer build added to them. Text this build cannot read, or of a newer
//! version, is never overwritten (nothing is kept for the plan, and its copies merge two-way).

use serde_json::{json, Map, Value};

use super::txn::Txn;
use super::Session;
use crate::core::keys;
use crate::core::open_plan::store::PlanStore;
use crate::core::plan::{Base, Plan};
use crate::core::schema;

pub const ANCESTORS_FORMAT: &str = "trellis-ancestors";
pub const ANCESTORS_VERSION: u64 = 1;
/// At most this many revisions of one plan are kept.
pub const MAX_ANCESTORS: usize = 20;
/// At most this many characters of plan text are kept for one plan (2 Mi: with the plan
/// itself, well inside the 5 Mi characters a browser gives an origin's localStorage; the
/// benchmark's large plan, about 1 Mi characters stored, keeps its last revision).
pub const MAX_ANCESTOR_CHARS: usize = 2 * 1024 * 1024;

/// One plan's kept ancestors.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ancestors {
    /// The document's fields other than its entries (markers, a newer build's fields).
    fields: Map<String, Value>,
    entries: Vec<Map<String, Value>>,
}

/// Why a plan's kept ancestors are not used.
#[derive(Clone, Debug, PartialEq)]
pub enum AncestorsProblem {
    /// The text is not a history this build reads; it is left as it is.
    Unreadable,
    /// A newer Trellis wrote it; it is left as it is.
    Newer { version: u64 },
}

impl Ancestors {
    /// Reads a plan's history (`None`: nothing kept yet).
    pub fn read(text: Option<&str>) -> Result<Ancestors, AncestorsProblem> {
        let Some(text) = text else {
            return Ok(Ancestors::default());
        };
        let Ok(Value::Object(mut fields)) = serde_json::from_str::<Value>(text) else {
            return Err(AncestorsProblem::Unreadable);
        };
        if fields.get("format").and_then(Value::as_str) != Some(ANCESTORS_FORMAT) {
            return Err(AncestorsProblem::Unreadable);
        }
        match fields.get("version").and_then(Value::as_u64) {
            Some(version) if version > ANCESTORS_VERSION => {
                return Err(AncestorsProblem::Newer { version })
            }
            Some(1..) => {}
            _ => return Err(AncestorsProblem::Unreadable),
        }
        let entries = match fields.shift_remove("entries") {
            Some(Value::Array(entries)) => entries,
            None => Vec::new(),
            Some(_) => return Err(AncestorsProblem::Unreadable),
        };
        let entries = entries
            .into_iter()
            .filter_map(|entry| match entry {
                Value::Object(entry) if Entry::of(&entry).is_some() => Some(entry),
                _ => None,
            })
            .collect();
        Ok(Ancestors { fields, entries })
    }

    /// The text of the kept revision `base` names: its revision and fingerprint both match.
    pub fn find(&self, base: &Base) -> Option<&str> {
        self.entries
            .iter()
            .filter_map(Entry::of)
            .find(|e| e.revision == base.revision && e.fingerprint == base.fingerprint)
            .map(|e| e.plan)
    }

    /// Keeps `plan_text` as revision `base`, newest; a revision kept before with the same
    /// fingerprint moves up to newest. Then the oldest go until the bounds hold. Whether the
    /// revision itself is kept (not when it alone is over the size bound).
    pub fn keep(&mut self, base: &Base, plan_text: &str) -> bool {
        self.entries
            .retain(|entry| Entry::of(entry).is_none_or(|e| e.fingerprint != base.fingerprint));
        let mut entry = Map::new();
        entry.insert("revision".into(), base.revision.into());
        entry.insert("fingerprint".into(), base.fingerprint.clone().into());
        entry.insert("plan".into(), plan_text.into());
        self.entries.push(entry);
        while self.entries.len() > MAX_ANCESTORS || self.chars() > MAX_ANCESTOR_CHARS {
            self.entries.remove(0);
        }
        self.find(base).is_some()
    }

    /// How many revisions are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Characters of plan text kept.
    pub fn chars(&self) -> usize {
        self.entries
            .iter()
            .filter_map(Entry::of)
            .map(|e| e.plan.chars().count())
            .sum()
    }

    /// The document to store.
    pub fn to_text(&self) -> String {
        let mut doc = Map::new();
        doc.insert("format".into(), ANCESTORS_FORMAT.into());
        doc.insert("version".into(), ANCESTORS_VERSION.into());
        for (key, value) in &self.fields {
            if !matches!(key.as_str(), "format" | "version" | "entries") {
                doc.insert(key.clone(), value.clone());
            }
        }
        doc.insert("entries".into(), json!(self.entries));
        Value::Object(doc).to_string()
    }
}

/// The known fields of one entry.
struct Entry<'a> {
    revision: u64,
    fingerprint: &'a str,
    plan: &'a str,
}

impl<'a> Entry<'a> {
    fn of(entry: &'a Map<String, Value>) -> Option<Entry<'a>> {
        Some(Entry {
            revision: entry.get("revision")?.as_u64()?,
            fingerprint: entry.get("fingerprint")?.as_str()?,
            plan: entry.get("plan")?.as_str()?,
        })
    }
}

impl<S: PlanStore> Session<S> {
    /// Keeps `plan` as a copy of it leaves (before an export or a share), and gives the base
    /// the copy carries. The base is given even when the revision could not be kept (storage
    /// full or unusable, a history this build does not read, a plan over the size bound): the
    /// copy's return then merges two-way, and the error says why.
    pub fn keep_leaving(&mut self, plan: &Plan) -> (Base, Result<(), String>) {
        let base = schema::base_of(plan);
        if !self.usable {
            return (base, Err("Storage cannot be used in this tab.".into()));
        }
        let key = keys::ancestors_key(&plan.id);
        let stored = match self.store.read(&key) {
            Ok(stored) => stored,
            Err(problem) => return (base, Err(problem.to_string())),
        };
        let mut ancestors = match Ancestors::read(stored.as_deref()) {
            Ok(ancestors) => ancestors,
            Err(AncestorsProblem::Newer { version }) => {
                let why = format!("The copies kept for merging were written by a newer version of Trellis (version {version}).");
                return (base, Err(why));
            }
            Err(AncestorsProblem::Unreadable) => {
                return (
                    base,
                    Err("The copies kept for merging cannot be read.".into()),
                )
            }
        };
        if !ancestors.keep(&base, &schema::store_plan(plan)) {
            return (
                base,
                Err("The plan is too large to keep a copy for merging.".into()),
            );
        }
        let mut txn = Txn::new();
        match txn.write(&self.store, &key, &ancestors.to_text()) {
            Ok(()) => (base, Ok(())),
            Err(problem) => {
                let not_put_back = txn.roll_back(&self.store);
                let mut why = problem.to_string();
                if !not_put_back.is_empty() {
                    why.push_str(" The copies kept for merging could not be put back.");
                }
                (base, Err(why))
            }
        }
    }

    /// The stored text of the revision `base` names, when it is kept for plan `plan_id`.
    pub fn ancestor(&self, plan_id: &str, base: &Base) -> Option<String> {
        let stored = self.store.read(&keys::ancestors_key(plan_id)).ok()??;
        let ancestors = Ancestors::read(Some(&stored)).ok()?;
        ancestors.find(base).map(str::to_string)
    }
}
