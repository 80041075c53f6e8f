//! What a merge shows before anything is written (issue 32): what it changes in the plan
//! here, counted per tool, and each conflict in words: where it is (the tool, the record by
//! its title, the field) and the three values (mine, theirs, the original).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{Conflict, Step};
use crate::core::plan::Plan;

/// The tools of a plan, by their key in the plan's tree, as users name them.
const TOOLS: [(&str, &str); 3] = [
    ("goals", "Goals"),
    ("curve", "Commitment curve"),
    ("career", "Career"),
];

/// What a merge changes in one tool: its records (goals, check-ins, touch points, …) by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ToolChanges {
    pub tool: &'static str,
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    /// Something outside its records changed (a setting of the tool).
    pub details: bool,
}

/// The tools whose content differs between `before` and `after`, with their records counted.
pub fn changes(before: &Plan, after: &Plan) -> Vec<ToolChanges> {
    let (before, after) = (tree(before), tree(after));
    TOOLS
        .iter()
        .filter_map(|(key, tool)| {
            let (b, a) = (before.get(*key)?, after.get(*key)?);
            if b == a {
                return None;
            }
            let (mut was, mut is) = (BTreeMap::new(), BTreeMap::new());
            records(b, &mut was);
            records(a, &mut is);
            let added = is.keys().filter(|id| !was.contains_key(*id)).count();
            let removed = was.keys().filter(|id| !is.contains_key(*id)).count();
            let changed = is
                .iter()
                .filter(|(id, record)| was.get(*id).is_some_and(|w| w != *record))
                .count();
            Some(ToolChanges {
                tool,
                added,
                changed,
                removed,
                details: added + changed + removed == 0,
            })
        })
        .collect()
}

/// One line for the preview: "Goals: 1 changed. Commitment curve: 1 added."; `None` when
/// nothing changes.
pub fn changes_sentence(before: &Plan, after: &Plan) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if before.name != after.name {
        parts.push(format!("The plan's name becomes “{}”.", after.name));
    }
    for change in changes(before, after) {
        let counts: Vec<String> = [
            (change.added, "added"),
            (change.changed, "changed"),
            (change.removed, "removed"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if counts.is_empty() {
            parts.push(format!("{}: its settings change.", change.tool));
        } else {
            parts.push(format!("{}: {}.", change.tool, counts.join(", ")));
        }
    }
    if before.prepared_by != after.prepared_by {
        parts.push("Who prepared the plan changes.".to_string());
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Every record below `value` (an element of a list whose elements all carry a text `id`),
/// by id, each without its own lists of records (a changed check-in is not also a changed
/// goal).
fn records(value: &Value, out: &mut BTreeMap<String, Value>) {
    match value {
        Value::Array(items) if is_record_list(items) => {
            for item in items {
                if let (Value::Object(fields), Some(id)) = (item, id_of(item)) {
                    out.insert(id.to_string(), Value::Object(shallow(fields)));
                    fields.values().for_each(|v| records(v, out));
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| records(v, out)),
        Value::Object(fields) => fields.values().for_each(|v| records(v, out)),
        _ => {}
    }
}

fn is_record_list(items: &[Value]) -> bool {
    !items.is_empty() && items.iter().all(|item| id_of(item).is_some())
}

fn id_of(value: &Value) -> Option<&str> {
    value.as_object()?.get("id")?.as_str()
}

fn shallow(fields: &Map<String, Value>) -> Map<String, Value> {
    fields
        .iter()
        .filter(|(_, v)| !matches!(v, Value::Array(items) if is_record_list(items)))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn tree(plan: &Plan) -> Map<String, Value> {
    match serde_json::to_value(plan) {
        Ok(Value::Object(fields)) => fields,
        _ => Map::new(),
    }
}

/// A conflict in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictView {
    /// Where: the tool and the record, e.g. "Goals › “Grow weekly posters”".
    pub place: String,
    /// The field, e.g. "Target"; "The whole record" when one side deleted it.
    pub field: String,
    pub mine: String,
    pub theirs: String,
    /// The original value; `None` when no common ancestor is known (a two-way merge).
    pub original: Option<String>,
    /// One side deleted what the other changed.
    pub deletion: bool,
}

/// The conflicts of a merge of `theirs` into `mine`, in words, in the order of the choices.
pub fn describe(conflicts: &[Conflict], mine: &Plan, theirs: &Plan) -> Vec<ConflictView> {
    let (mine, theirs) = (Value::Object(tree(mine)), Value::Object(tree(theirs)));
    conflicts
        .iter()
        .map(|c| {
            let (place, field) = place_of(&c.path, &mine, &theirs);
            ConflictView {
                place,
                field,
                mine: value_text(c.mine.as_ref()),
                theirs: value_text(c.theirs.as_ref()),
                original: c.ancestor.as_ref().map(|a| match a {
                    Some(value) => value_text(Some(value)),
                    None => "Not there".to_string(),
                }),
                deletion: c.is_deletion(),
            }
        })
        .collect()
}

/// The place (tool › record) and the field of a conflict's path, records named by their
/// title as either side has it.
fn place_of(path: &[Step], mine: &Value, theirs: &Value) -> (String, String) {
    let mut place: Vec<String> = Vec::new();
    let mut field: Vec<String> = Vec::new();
    let (mut in_mine, mut in_theirs) = (Some(mine), Some(theirs));
    for (index, step) in path.iter().enumerate() {
        match step {
            Step::Field(key) => {
                in_mine = in_mine.and_then(|v| v.get(key));
                in_theirs = in_theirs.and_then(|v| v.get(key));
                if index == 0 {
                    let tool = TOOLS.iter().find(|(k, _)| k == key).map(|(_, t)| *t);
                    match tool {
                        Some(tool) => place.push(tool.to_string()),
                        None => field.push(words(key)),
                    }
                } else if !(index == 1 && path.first() == Some(step)) {
                    // ("goals" › "goals": the tool and its list have one name.)
                    field.push(words(key));
                }
            }
            Step::Record(id) => {
                let find = |v: Option<&Value>| -> Option<Value> {
                    v?.as_array()?
                        .iter()
                        .find(|item| id_of(item) == Some(id))
                        .cloned()
                };
                let (m, t) = (find(in_mine), find(in_theirs));
                let name = m
                    .as_ref()
                    .and_then(label_of)
                    .or_else(|| t.as_ref().and_then(label_of))
                    .map(|label| format!("“{label}”"))
                    .unwrap_or_else(|| format!("record {id}"));
                place.append(&mut field);
                place.push(name);
                in_mine =
                    in_mine.and_then(|v| v.as_array()?.iter().find(|item| id_of(item) == Some(id)));
                in_theirs = in_theirs
                    .and_then(|v| v.as_array()?.iter().find(|item| id_of(item) == Some(id)));
            }
        }
    }
    if place.is_empty() {
        place.push("The plan".to_string());
    }
    let field = if field.is_empty() {
        "The whole record".to_string()
    } else {
        field.join(" › ")
    };
    (place.join(" › "), field)
}

/// A record's own name: its first non-empty title-like field.
fn label_of(record: &Value) -> Option<String> {
    ["title", "name", "label", "statement", "objective", "text"]
        .iter()
        .find_map(|key| {
            record
                .get(*key)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        })
}

/// "business_goal" → "Business goal".
fn words(key: &str) -> String {
    let spaced = key.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// A value as a person reads it. Longer values are cut at 200 characters.
pub fn value_text(value: Option<&Value>) -> String {
    let text = match value {
        None => return "Deleted".to_string(),
        Some(Value::Null) => "Empty".to_string(),
        Some(Value::String(s)) if s.trim().is_empty() => "Empty".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(true)) => "Yes".to_string(),
        Some(Value::Bool(false)) => "No".to_string(),
        Some(Value::Number(n)) => match n.as_f64() {
            // 250.0 reads as 250, as the tools show it.
            Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{x:.0}"),
            _ => n.to_string(),
        },
        Some(Value::Array(items)) if items.is_empty() => "None".to_string(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| value_text(Some(v)))
            .collect::<Vec<_>>()
            .join(", "),
        Some(record @ Value::Object(fields)) => match label_of(record) {
            Some(label) => format!("“{label}” with all its details"),
            None if fields.len() == 1 => fields
                .iter()
                .map(|(k, v)| format!("{}: {}", words(k), value_text(Some(v))))
                .collect(),
            None => record.to_string(),
        },
    };
    const LONGEST: usize = 200;
    if text.chars().count() > LONGEST {
        let cut: String = text.chars().take(LONGEST).collect();
        format!("{cut}…")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::goals::Goal;
    use crate::core::merge::merge;
    use serde_json::json;

    fn plan_with_goal(title: &str, target: f64) -> Plan {
        let mut plan = Plan::new("p", "Plan");
        plan.goals.goals.push(Goal {
            id: "g1".into(),
            title: title.into(),
            target: Some(target),
            ..Goal::default()
        });
        plan.next_id = 2;
        plan
    }

    #[test]
    fn changes_count_records_added_and_changed_per_tool() {
        let before = plan_with_goal("Grow posters", 100.0);
        let mut after = before.clone();
        after.goals.goals[0].target = Some(120.0);
        after.goals.goals.push(Goal {
            id: "g2".into(),
            title: "Second".into(),
            ..Goal::default()
        });
        let counted = changes(&before, &after);
        assert_eq!(counted.len(), 1);
        assert_eq!(
            (counted[0].added, counted[0].changed, counted[0].removed),
            (1, 1, 0)
        );
        assert_eq!(
            changes_sentence(&before, &after).as_deref(),
            Some("Goals: 1 added, 1 changed.")
        );
        assert_eq!(changes_sentence(&before, &before), None);
    }

    #[test]
    fn a_conflict_names_its_record_by_title_and_its_field_in_words() {
        let base = plan_with_goal("Grow posters", 100.0);
        let (mut mine, mut theirs) = (base.clone(), base.clone());
        mine.goals.goals[0].target = Some(110.0);
        theirs.goals.goals[0].target = Some(130.0);
        let outcome = merge(Some(&base), &mine, &theirs);
        let views = describe(outcome.conflicts(), &mine, &theirs);
        assert_eq!(
            views,
            vec![ConflictView {
                place: "Goals › “Grow posters”".into(),
                field: "Target".into(),
                mine: "110".into(),
                theirs: "130".into(),
                original: Some("100".into()),
                deletion: false,
            }]
        );
    }

    #[test]
    fn a_deletion_against_an_edit_is_shown_as_the_whole_record() {
        let base = plan_with_goal("Grow posters", 100.0);
        let (mut mine, mut theirs) = (base.clone(), base.clone());
        mine.goals.goals[0].target = Some(110.0);
        theirs.goals.goals.clear();
        let outcome = merge(Some(&base), &mine, &theirs);
        let views = describe(outcome.conflicts(), &mine, &theirs);
        assert_eq!(views.len(), 1);
        assert_eq!(views[0].place, "Goals › “Grow posters”");
        assert_eq!(views[0].field, "The whole record");
        assert_eq!(views[0].theirs, "Deleted");
        assert_eq!(views[0].mine, "“Grow posters” with all its details");
        assert!(views[0].deletion);
    }

    #[test]
    fn values_read_as_words() {
        assert_eq!(value_text(None), "Deleted");
        assert_eq!(value_text(Some(&json!(null))), "Empty");
        assert_eq!(value_text(Some(&json!(""))), "Empty");
        assert_eq!(value_text(Some(&json!(["a", "b"]))), "a, b");
        assert_eq!(value_text(Some(&json!(2.5))), "2.5");
        assert_eq!(value_text(Some(&json!(250.0))), "250");
        assert_eq!(
            value_text(Some(&json!({"percentile": 50}))),
            "Percentile: 50"
        );
        assert_eq!(
            value_text(Some(&json!("x".repeat(300)))).chars().count(),
            201
        );
    }
}
