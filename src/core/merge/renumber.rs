//! Records both sides added under the same id: each copy hands out ids from the counter it
//! left with, so a record added on each side gets the same id ("o13" an objective here, "o13"
//! another one there). Both are kept: one keeps the id, the other gets a fresh one past both
//! counters, and the references to it on its side follow. Which one is renumbered does not
//! depend on which side is mine (the one whose text sorts later), so either order of the
//! merge gives the same plan. Only in a three-way merge: without an ancestor nothing says
//! which records are new.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::tree::record_ids;

/// A record renumbered because the other side added another one under its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renumbered {
    pub from: String,
    pub to: String,
    /// The side whose record it is.
    pub mine: bool,
}

/// Renumbers the colliding additions in `mine` and `theirs` (trees without counters), with
/// ids numbered after `next_id`. The renumbered records, and the highest number given.
pub(super) fn renumber(
    base: &Value,
    mine: &mut Value,
    theirs: &mut Value,
    next_id: u64,
) -> (Vec<Renumbered>, u64) {
    // Most merges have no id added on both sides: found first from the ids alone.
    let (bi, mi, ti) = (ids(base), ids(mine), ids(theirs));
    if !mi.iter().any(|id| ti.contains(id) && !bi.contains(id)) {
        return (Vec::new(), next_id);
    }
    let (b, m, t) = (records(base), records(mine), records(theirs));
    // Ids added on both sides to different records, in a fixed order.
    let collide: BTreeMap<&str, bool> = m
        .iter()
        .filter(|(id, _)| !b.contains_key(*id))
        .filter_map(|(id, mv)| {
            let tv = t.get(id)?;
            // The same record in the same place on both sides is one record; of two others,
            // the one whose place and text sort later is renumbered.
            let text = |(at, value): &(String, &Value)| (at.clone(), value.to_string());
            (mv != tv).then(|| (*id, text(mv) > text(tv)))
        })
        .collect();
    if collide.is_empty() {
        return (Vec::new(), next_id);
    }
    let taken: HashSet<&str> = b.keys().chain(m.keys()).chain(t.keys()).copied().collect();
    let mut number = next_id;
    let mut renumbered = Vec::new();
    for (id, in_mine) in &collide {
        let prefix = id.trim_end_matches(|c: char| c.is_ascii_digit());
        let to = loop {
            number = number.saturating_add(1);
            let candidate = format!("{prefix}{number}");
            if !taken.contains(candidate.as_str()) || number == u64::MAX {
                break candidate;
            }
        };
        renumbered.push(Renumbered {
            from: id.to_string(),
            to,
            mine: *in_mine,
        });
    }
    let names = |mine: bool| -> HashMap<String, String> {
        renumbered
            .iter()
            .filter(|r| r.mine == mine)
            .map(|r| (r.from.clone(), r.to.clone()))
            .collect()
    };
    let (for_mine, for_theirs) = (names(true), names(false));
    rename(mine, &for_mine);
    rename(theirs, &for_theirs);
    (renumbered, number)
}

/// The ids of every record of a tree.
fn ids(tree: &Value) -> HashSet<&str> {
    fn walk<'v>(value: &'v Value, out: &mut HashSet<&'v str>) {
        match value {
            Value::Object(fields) => fields.values().for_each(|v| walk(v, out)),
            Value::Array(items) => {
                out.extend(record_ids(items).into_iter().flatten());
                items.iter().for_each(|v| walk(v, out));
            }
            _ => {}
        }
    }
    let mut out = HashSet::new();
    walk(tree, &mut out);
    out
}

/// Every record of a tree (an element of an array of records), by id, with where it is (the
/// keys and record ids above it).
fn records(tree: &Value) -> HashMap<&str, (String, &Value)> {
    fn walk<'v>(
        value: &'v Value,
        at: &mut String,
        out: &mut HashMap<&'v str, (String, &'v Value)>,
    ) {
        match value {
            Value::Object(fields) => {
                for (key, child) in fields {
                    let len = at.len();
                    at.push('/');
                    at.push_str(key);
                    walk(child, at, out);
                    at.truncate(len);
                }
            }
            Value::Array(items) => {
                let ids = record_ids(items);
                for (i, item) in items.iter().enumerate() {
                    match ids.as_ref().and_then(|ids| ids.get(i)) {
                        Some(id) => {
                            out.insert(id, (at.clone(), item));
                            let len = at.len();
                            at.push('#');
                            at.push_str(id);
                            walk(item, at, out);
                            at.truncate(len);
                        }
                        None => walk(item, at, out),
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = HashMap::new();
    walk(tree, &mut String::new(), &mut out);
    out
}

/// Whether a key holds ids: a record's own `id`, and the plan's references (`…_id`,
/// `…_ids`, a period result's `goal`, a level's research `left_out`), as `schema::check`
/// names them.
fn holds_ids(key: &str) -> bool {
    key == "id"
        || key.ends_with("_id")
        || key.ends_with("_ids")
        || key == "goal"
        || key == "left_out"
}

/// Renames, in a tree, the ids `names` maps: in the keys that hold ids, anywhere.
fn rename(tree: &mut Value, names: &HashMap<String, String>) {
    if names.is_empty() {
        return;
    }
    let swap = |value: &mut Value| {
        if let Some(to) = value.as_str().and_then(|id| names.get(id)) {
            *value = Value::String(to.clone());
        }
    };
    match tree {
        Value::Object(fields) => {
            for (key, value) in fields.iter_mut() {
                if holds_ids(key) {
                    match &mut *value {
                        Value::Array(items) => items.iter_mut().for_each(swap),
                        other => swap(other),
                    }
                }
                rename(value, names);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rename(v, names)),
        _ => {}
    }
}
