//! The generic checks every plan passes, whatever the tools store in it.
//!
//! They rely only on the naming convention all tools follow: a record's id is
//! its `id` field; a field named `*_id` (text) or `*_ids` (list of text) refers
//! to records; a field named `link`, `links`, `*_url` or `*_urls` holds links.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::error::{ImportError, JsonPath};

/// Deeper than any real plan; guards the recursive walk for values that did
/// not come through the parser (whose own limit is 128).
pub(super) const MAX_DEPTH: usize = 256;

/// Checks ids, references and links in a plan document (without its `format`
/// and `version` markers); returns the first problem in document order.
pub fn validate_plan_value(doc: &Value) -> Result<(), ImportError> {
    // Most plans are fine: check them without building a path for every field, and walk
    // again with paths only to say where a problem is.
    if quick::is_valid(doc) {
        return Ok(());
    }
    let mut ids = HashMap::new();
    let mut path = JsonPath::root();
    collect_ids(doc, &mut path, &mut ids, 0)?;
    check_references(doc, &mut path, &ids, 0)
}

/// The same checks as the walk below, answering only yes or no, without allocating per field.
mod quick {
    use std::borrow::Cow;
    use std::collections::HashSet;

    use serde_json::Value;

    use super::{is_link, is_reference, is_safe_link, MAX_DEPTH};

    pub fn is_valid(doc: &Value) -> bool {
        let mut ids = HashSet::new();
        collect_ids(doc, &mut ids, 0) && references_hold(doc, &ids, 0)
    }

    fn id_text(value: &Value) -> Option<Cow<'_, str>> {
        match value {
            Value::String(s) => Some(Cow::Borrowed(s.as_str())),
            Value::Number(n) => Some(Cow::Owned(n.to_string())),
            _ => None,
        }
    }

    fn collect_ids<'a>(value: &'a Value, ids: &mut HashSet<Cow<'a, str>>, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        match value {
            Value::Object(map) => {
                if let Some(id) = map.get("id").and_then(id_text) {
                    if id.is_empty() || !ids.insert(id) {
                        return false;
                    }
                }
                map.values().all(|child| collect_ids(child, ids, depth + 1))
            }
            Value::Array(items) => items.iter().all(|item| collect_ids(item, ids, depth + 1)),
            _ => true,
        }
    }

    fn references_hold(value: &Value, ids: &HashSet<Cow<'_, str>>, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        let resolves = |target: &str| target.is_empty() || ids.contains(target);
        match value {
            Value::Object(map) => map.iter().all(|(key, child)| {
                let reference_ok = !is_reference(key)
                    || match child {
                        Value::String(target) => resolves(target),
                        Value::Array(items) => items.iter().all(|item| match item {
                            Value::String(target) => resolves(target),
                            _ => true,
                        }),
                        _ => true,
                    };
                reference_ok
                    && (!is_link(key) || links_safe(child))
                    && references_hold(child, ids, depth + 1)
            }),
            Value::Array(items) => items
                .iter()
                .all(|item| references_hold(item, ids, depth + 1)),
            _ => true,
        }
    }

    fn links_safe(value: &Value) -> bool {
        match value {
            Value::String(link) => is_safe_link(link),
            Value::Array(items) => items.iter().all(links_safe),
            _ => true,
        }
    }
}

fn too_deep() -> ImportError {
    ImportError::NotAPlan {
        found: format!("it is nested more than {MAX_DEPTH} levels deep"),
    }
}

/// An id as text: ids may be text or whole numbers.
fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn collect_ids(
    value: &Value,
    path: &mut JsonPath,
    ids: &mut HashMap<String, String>,
    depth: usize,
) -> Result<(), ImportError> {
    if depth > MAX_DEPTH {
        return Err(too_deep());
    }
    match value {
        Value::Object(map) => {
            if let Some(id) = map.get("id").and_then(id_text) {
                path.push_key("id");
                let here = path.to_string();
                path.pop();
                if id.is_empty() {
                    return Err(ImportError::EmptyId { path: here });
                }
                if let Some(first) = ids.get(&id) {
                    return Err(ImportError::DuplicateId {
                        path: here,
                        id,
                        first: first.clone(),
                    });
                }
                ids.insert(id, here);
            }
            for_each_child(map, path, |_, child, path| {
                collect_ids(child, path, ids, depth + 1)
            })
        }
        Value::Array(items) => for_each_item(items, path, |item, path| {
            collect_ids(item, path, ids, depth + 1)
        }),
        _ => Ok(()),
    }
}

fn check_references(
    value: &Value,
    path: &mut JsonPath,
    ids: &HashMap<String, String>,
    depth: usize,
) -> Result<(), ImportError> {
    if depth > MAX_DEPTH {
        return Err(too_deep());
    }
    match value {
        Value::Object(map) => for_each_child(map, path, |key, child, path| {
            if is_reference(key) {
                check_reference(child, path, ids)?;
            }
            if is_link(key) {
                check_link(child, path)?;
            }
            check_references(child, path, ids, depth + 1)
        }),
        Value::Array(items) => for_each_item(items, path, |item, path| {
            check_references(item, path, ids, depth + 1)
        }),
        _ => Ok(()),
    }
}

fn for_each_child(
    map: &Map<String, Value>,
    path: &mut JsonPath,
    mut visit: impl FnMut(&str, &Value, &mut JsonPath) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    for (key, child) in map {
        path.push_key(key);
        let result = visit(key, child, path);
        path.pop();
        result?;
    }
    Ok(())
}

fn for_each_item(
    items: &[Value],
    path: &mut JsonPath,
    mut visit: impl FnMut(&Value, &mut JsonPath) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    for (index, item) in items.iter().enumerate() {
        path.push_index(index);
        let result = visit(item, path);
        path.pop();
        result?;
    }
    Ok(())
}

pub(super) fn is_reference(key: &str) -> bool {
    (key.len() > 3 && key.ends_with("_id")) || (key.len() > 4 && key.ends_with("_ids"))
}

pub(super) fn is_link(key: &str) -> bool {
    key == "link" || key == "links" || key.ends_with("_url") || key.ends_with("_urls")
}

/// Text (or a list of text) naming an id; empty text and null mean "none".
/// Numbers are not references: counters such as `next_id` share the suffix.
fn check_reference(
    value: &Value,
    path: &mut JsonPath,
    ids: &HashMap<String, String>,
) -> Result<(), ImportError> {
    let dangling = |target: &str, path: &JsonPath| {
        if target.is_empty() || ids.contains_key(target) {
            Ok(())
        } else {
            Err(ImportError::DanglingReference {
                path: path.to_string(),
                id: target.to_string(),
            })
        }
    };
    match value {
        Value::String(target) => dangling(target, path),
        Value::Array(items) => for_each_item(items, path, |item, path| match item {
            Value::String(target) => dangling(target, path),
            _ => Ok(()),
        }),
        _ => Ok(()),
    }
}

fn check_link(value: &Value, path: &mut JsonPath) -> Result<(), ImportError> {
    match value {
        Value::String(link) => {
            if is_safe_link(link) {
                Ok(())
            } else {
                Err(ImportError::UnsafeLink {
                    path: path.to_string(),
                    link: link.clone(),
                })
            }
        }
        Value::Array(items) => for_each_item(items, path, check_link),
        _ => Ok(()),
    }
}

/// Empty, or http/https/mailto. Browsers ignore whitespace and control
/// characters inside a scheme (`java\tscript:`), so those are dropped first.
pub fn is_safe_link(link: &str) -> bool {
    let squeezed: String = link
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(8)
        .flat_map(char::to_lowercase)
        .collect();
    squeezed.is_empty()
        || squeezed.starts_with("http://")
        || squeezed.starts_with("https://")
        || squeezed.starts_with("mailto:")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problem(doc: Value) -> String {
        assert!(!quick::is_valid(&doc), "the quick check passed {doc}");
        match validate_plan_value(&doc) {
            Ok(()) => panic!("expected a problem in {doc}"),
            Err(err) => err.to_string(),
        }
    }

    #[test]
    fn consistent_plan_passes() {
        let doc = json!({
            "id": "p1", "name": "N", "next_id": 9,
            "goals": {
                "objectives": [{"id": "o1", "link": "https://example.org"}],
                "goals": [{"id": "g2", "objective_id": "o1", "owner_id": "",
                           "related_ids": ["o1", "g3"], "doc_url": "mailto:a@b.c"},
                          {"id": "g3", "parent_id": null}]
            }
        });
        assert_eq!(validate_plan_value(&doc), Ok(()));
    }

    #[test]
    fn duplicate_ids_anywhere_in_the_plan_are_refused_with_both_places() {
        let doc = json!({"id": "p1", "goals": {"goals": [{"id": "g1"}]},
                         "curve": {"stages": [{"id": "g1"}]}});
        assert_eq!(
            problem(doc),
            "`curve.stages[0].id`: the id \"g1\" is already used at `goals.goals[0].id`; \
             every id in a plan must be unique."
        );
    }

    #[test]
    fn numeric_and_text_ids_share_one_namespace() {
        let doc = json!({"a": [{"id": 7}, {"id": "7"}]});
        assert!(problem(doc).contains("the id \"7\" is already used at `a[0].id`"));
    }

    #[test]
    fn empty_id_is_refused() {
        assert_eq!(
            problem(json!({"id": "p", "goals": {"goals": [{"id": ""}]}})),
            "`goals.goals[0].id`: an id can't be empty."
        );
    }

    #[test]
    fn reference_to_a_missing_id_is_refused() {
        let doc = json!({"goals": {"goals": [{"id": "g1", "objective_id": "o9"}]}});
        assert_eq!(
            problem(doc),
            "`goals.goals[0].objective_id`: refers to \"o9\", which is not in this plan."
        );
    }

    #[test]
    fn references_may_point_forward_in_the_document() {
        let doc = json!({"a": {"stage_id": "s1"}, "b": [{"id": "s1"}]});
        assert_eq!(validate_plan_value(&doc), Ok(()));
    }

    #[test]
    fn reference_lists_are_checked_item_by_item() {
        let doc = json!({"x": [{"id": "a"}], "y": {"member_ids": ["a", "b"]}});
        assert_eq!(
            problem(doc),
            "`y.member_ids[1]`: refers to \"b\", which is not in this plan."
        );
    }

    #[test]
    fn numeric_counters_ending_in_id_are_not_references() {
        assert_eq!(validate_plan_value(&json!({"next_id": 40})), Ok(()));
    }

    #[test]
    fn javascript_links_are_refused() {
        let doc = json!({"goals": {"goals": [{"id": "g1", "link": "javascript:alert(1)"}]}});
        assert_eq!(
            problem(doc),
            "`goals.goals[0].link`: only http, https and mailto links are allowed, \
             not \"javascript:alert(1)\"."
        );
    }

    #[test]
    fn url_fields_and_link_lists_are_checked_too() {
        assert!(problem(json!({"slides_url": "data:text/html,x"})).contains("slides_url"));
        assert!(problem(json!({"links": ["https://a.b", "file:///etc"]})).contains("links[1]"));
    }

    #[test]
    fn disguised_schemes_are_not_safe() {
        for link in [
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "\u{0}javascript:x",
            "vbscript:x",
            "//evil.example",
            "example.org",
        ] {
            assert!(!is_safe_link(link), "{link:?} passed");
        }
    }

    #[test]
    fn ordinary_links_are_safe() {
        for link in [
            "",
            "https://example.org/a?b",
            "HTTP://X.Y",
            "mailto:someone@example.org",
        ] {
            assert!(is_safe_link(link), "{link:?} refused");
        }
    }

    #[test]
    fn values_deeper_than_the_walk_allows_are_refused_without_overflow() {
        let mut doc = json!(null);
        for _ in 0..(MAX_DEPTH + 10) {
            doc = json!([doc]);
        }
        assert!(problem(doc).contains("nested more than"));
    }
}
