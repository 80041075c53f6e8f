//! What is kept in localStorage: plans (compact), the workspace index, and a
//! cheap look at a stored plan's header.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{
    describe_format, migrate_with, parse_object, read_version, strip_markers, typed, ImportError,
    PlanDocument, PLAN_FORMAT, WORKSPACE_FORMAT, WORKSPACE_MIGRATIONS, WORKSPACE_VERSION,
};
use crate::core::plan::Plan;
use crate::core::workspace::{PlanSummary, Workspace};

/// The plan document without indentation, for localStorage.
pub fn store_plan(plan: &Plan) -> String {
    store_plan_at(plan, plan.revision)
}

/// [`store_plan`] with `revision` in place of the plan's own (what a save writes).
pub fn store_plan_at(plan: &Plan, revision: u64) -> String {
    serde_json::to_string(&PlanDocument::new(plan, revision)).unwrap_or_default()
}

/// The top of a stored document, read without validating the rest, so the
/// storage layer can tell "newer version" or "saved by another tab" apart from
/// "unreadable". Anything absent or of the wrong type is `None`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Header {
    pub format: Option<String>,
    pub version: Option<u64>,
    pub name: Option<String>,
    pub revision: Option<u64>,
}

pub fn peek_header(text: &str) -> Header {
    #[derive(Deserialize)]
    struct Raw {
        #[serde(default)]
        format: Value,
        #[serde(default)]
        version: Value,
        #[serde(default)]
        name: Value,
        #[serde(default)]
        revision: Value,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Raw>(text) {
        Ok(raw) => Header {
            format: raw.format.as_str().map(str::to_string),
            version: raw.version.as_u64(),
            name: raw.name.as_str().map(str::to_string),
            revision: raw.revision.as_u64(),
        },
        Err(_) => Header::default(),
    }
}

/// The header read from the start of `text` alone, when the keys it needs come first,
/// as they do in every document Trellis writes: `format`, `version` and `revision` (and
/// `name` when it comes before them). `None` when the start does not hold them all (a
/// long name first, a hand-written file, cut-off text): then read the whole document with
/// [`peek_header`]. Lets a save check another tab's revision without reading megabytes.
pub fn peek_leading_header(text: &str) -> Option<Header> {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

    struct Leading<'h>(&'h mut Header, &'h mut [bool; 3]);
    impl<'de> Visitor<'de> for Leading<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let Leading(header, seen) = self;
            while let Some(key) = map.next_key::<std::borrow::Cow<str>>()? {
                match key.as_ref() {
                    "format" => {
                        header.format = map.next_value::<Value>()?.as_str().map(str::to_string);
                        seen[0] = true;
                    }
                    "version" => {
                        header.version = map.next_value::<Value>()?.as_u64();
                        seen[1] = true;
                    }
                    "revision" => {
                        header.revision = map.next_value::<Value>()?.as_u64();
                        seen[2] = true;
                    }
                    "name" => header.name = map.next_value::<Value>()?.as_str().map(str::to_string),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                if seen.iter().all(|s| *s) {
                    // Stop reading here; the caller keeps what was found.
                    return Err(serde::de::Error::custom("header read"));
                }
            }
            Ok(())
        }
    }

    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut header = Header::default();
    let mut seen = [false; 3];
    let mut reader = serde_json::Deserializer::from_str(text);
    let _ = reader.deserialize_map(Leading(&mut header, &mut seen));
    seen.iter().all(|s| *s).then_some(header)
}

/// The workspace index from `(id, name)` pairs in list order, compact. What `kept` (the index
/// stored now) holds that this build does not know stays: its own unknown fields, and those
/// of each plan's entry that is still listed.
pub fn store_index(order: &[(String, String)], current: Option<&str>, kept: &Workspace) -> String {
    let workspace = Workspace {
        plans: order
            .iter()
            .map(|(id, name)| PlanSummary {
                id: id.clone(),
                name: name.clone(),
                extra: kept
                    .plans
                    .iter()
                    .find(|entry| entry.id == *id)
                    .map(|entry| entry.extra.clone())
                    .unwrap_or_default(),
            })
            .collect(),
        current: current.map(str::to_string),
        extra: kept.extra.clone(),
    };
    workspace_document(&workspace).to_string()
}

/// The index's known fields, typed to word a refusal; its unknown fields are taken from the
/// document (`unknown`). Not a record: nothing is written from it.
#[derive(Deserialize)]
struct Index {
    plans: Vec<IndexEntry>,
    #[serde(default)]
    current: Option<String>,
}

#[derive(Deserialize)]
struct IndexEntry {
    id: String,
    name: String,
}

/// The fields of `doc` but `known`, in their order.
fn unknown(mut doc: Map<String, Value>, known: &[&str]) -> Map<String, Value> {
    for key in known {
        doc.shift_remove(*key);
    }
    doc
}

/// The unknown fields of each entry of an index's plan list.
fn unknown_of_entries(doc: &Map<String, Value>) -> Vec<Map<String, Value>> {
    match doc.get("plans") {
        Some(Value::Array(entries)) => entries
            .iter()
            .map(|entry| match entry {
                Value::Object(fields) => unknown(fields.clone(), &["id", "name"]),
                _ => Map::new(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Same as [`parse_workspace`].
pub fn parse_index(text: &str) -> Result<Workspace, ImportError> {
    parse_workspace(text)
}

fn workspace_document(workspace: &Workspace) -> Value {
    let mut doc = Map::new();
    doc.insert("format".into(), WORKSPACE_FORMAT.into());
    doc.insert("version".into(), WORKSPACE_VERSION.into());
    if let Ok(Value::Object(fields)) = serde_json::to_value(workspace) {
        doc.extend(fields);
    }
    Value::Object(doc)
}

/// The stored workspace index, `{"format": "trellis-workspace", "version": 1,
/// "plans": [{"id", "name"}...], "current": id|null}`.
pub fn export_workspace(workspace: &Workspace) -> String {
    serde_json::to_string_pretty(&workspace_document(workspace)).unwrap_or_default()
}

/// Reads the stored workspace index. Plan ids must be non-empty and unique;
/// a `current` that names no listed plan is read as no current plan (a tab
/// may have deleted it), not as an error.
pub fn parse_workspace(text: &str) -> Result<Workspace, ImportError> {
    let mut doc = parse_object(text).map_err(|err| match err {
        ImportError::NotAPlan { found } => ImportError::NotAWorkspace { found },
        other => other,
    })?;
    match doc.get("format") {
        Some(Value::String(format)) if format == WORKSPACE_FORMAT => {}
        Some(Value::String(format)) if format == PLAN_FORMAT => {
            return Err(ImportError::NotAWorkspace {
                found: "it is a single plan".into(),
            })
        }
        other => {
            return Err(ImportError::NotAWorkspace {
                found: describe_format(other, WORKSPACE_FORMAT),
            })
        }
    }
    let version = read_version(&doc)?;
    if version > WORKSPACE_VERSION {
        return Err(ImportError::NewerWorkspace {
            version,
            supported: WORKSPACE_VERSION,
        });
    }
    doc = migrate_with(doc, version, WORKSPACE_MIGRATIONS)?;
    strip_markers(&mut doc);
    // The known fields typed (with the path of a wrong one); the rest kept as it was.
    let index: Index = typed::read_typed(&Value::Object(doc.clone()))?;
    let mut workspace = Workspace {
        plans: index
            .plans
            .into_iter()
            .zip(unknown_of_entries(&doc))
            .map(|(entry, extra)| PlanSummary {
                id: entry.id,
                name: entry.name,
                extra,
            })
            .collect(),
        current: index.current,
        extra: unknown(doc, &["plans", "current"]),
    };
    let mut seen = HashMap::new();
    for (index, summary) in workspace.plans.iter().enumerate() {
        let path = format!("plans[{index}].id");
        if summary.id.is_empty() {
            return Err(ImportError::EmptyId { path });
        }
        if let Some(first) = seen.insert(summary.id.as_str(), path.clone()) {
            return Err(ImportError::DuplicateId {
                path,
                id: summary.id.clone(),
                first,
            });
        }
    }
    if let Some(current) = &workspace.current {
        if !seen.contains_key(current.as_str()) {
            workspace.current = None;
        }
    }
    Ok(workspace)
}
