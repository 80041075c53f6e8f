//! What is kept in localStorage: plans (compact), the workspace index, and a
//! cheap look at a stored plan's header.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{
    describe_format, migrate_with, parse_object, plan_document, read_version, strip_markers, typed,
    ImportError, PLAN_FORMAT, WORKSPACE_FORMAT, WORKSPACE_MIGRATIONS, WORKSPACE_VERSION,
};
use crate::core::plan::Plan;
use crate::core::workspace::{PlanSummary, Workspace};

/// The plan document without indentation, for localStorage.
pub fn store_plan(plan: &Plan) -> String {
    plan_document(plan)
        .map(|doc| doc.to_string())
        .unwrap_or_default()
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

/// The workspace index from `(id, name)` pairs in list order, compact.
pub fn store_index(order: &[(String, String)], current: Option<&str>) -> String {
    let workspace = Workspace {
        plans: order
            .iter()
            .map(|(id, name)| PlanSummary {
                id: id.clone(),
                name: name.clone(),
            })
            .collect(),
        current: current.map(str::to_string),
    };
    workspace_document(&workspace).to_string()
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
    let mut workspace: Workspace = typed::read_typed(&Value::Object(doc))?;
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
