//! The merge of one node of the three JSON trees (base, mine, theirs), and below it: objects
//! key by key, arrays of records id by id, anything else as one value.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::order::order;
use super::{Choice, Conflict, MergeError, Step};

/// What is known of a node's common ancestor: `None` when nothing is (a two-way merge, or
/// inside a record both sides added with one id), `Some(None)` when the ancestor had no such
/// node, `Some(Some(value))` when it had one.
pub(super) type Ancestor<'a> = Option<Option<&'a Value>>;

/// One walk over the trees. Every conflict met is recorded in order and settled by `choose`
/// (a first walk takes "mine" to find them; a second walk applies the user's choices; the
/// walk is deterministic, so the n-th conflict of both walks is the same one).
pub(super) struct Walk<'c> {
    path: Vec<Step>,
    choose: &'c mut dyn FnMut(usize, &Conflict) -> Choice,
    /// Records whose deletion on one side is a conflict even where the other side left them
    /// as they were: the other side refers to them (or to a record inside them).
    referenced: &'c HashSet<String>,
    pub conflicts: Vec<Conflict>,
    pub error: Option<MergeError>,
}

impl<'c> Walk<'c> {
    pub fn new(
        choose: &'c mut dyn FnMut(usize, &Conflict) -> Choice,
        referenced: &'c HashSet<String>,
    ) -> Self {
        Walk {
            path: Vec::new(),
            choose,
            referenced,
            conflicts: Vec::new(),
            error: None,
        }
    }

    /// The merged node, or `None` when it is absent from the result. `element` says the node
    /// is a record in an array: without an ancestor, a record on one side only is kept.
    pub fn node(
        &mut self,
        base: Ancestor,
        mine: Option<&Value>,
        theirs: Option<&Value>,
        element: bool,
    ) -> Option<Value> {
        if mine == theirs {
            return mine.cloned();
        }
        match base {
            Some(base) if mine == base && !self.drops_referenced(theirs, mine) => {
                return theirs.cloned()
            }
            Some(base) if theirs == base && !self.drops_referenced(mine, theirs) => {
                return mine.cloned()
            }
            Some(_) => {}
            None if element => {
                if let (Some(only), None) | (None, Some(only)) = (mine, theirs) {
                    return Some(only.clone());
                }
            }
            None => {}
        }
        if let (Some(m), Some(t)) = (mine, theirs) {
            match (m, t) {
                (Value::Object(mo), Value::Object(to)) => {
                    let bo = match base {
                        Some(Some(Value::Object(bo))) => Some(bo),
                        _ => None,
                    };
                    if objects_merge(bo, mo, to) {
                        return Some(Value::Object(self.object(base, bo, mo, to)));
                    }
                }
                (Value::Array(ma), Value::Array(ta)) => {
                    if let (Some(mi), Some(ti)) = (record_ids(ma), record_ids(ta)) {
                        if !(mi.is_empty() && ti.is_empty()) {
                            // The ancestor's records: none when it had no such array, unknown
                            // when nothing is known or it held something else there.
                            let base_records = match base {
                                Some(Some(Value::Array(ba))) => {
                                    record_ids(ba).map(|bi| (ba.as_slice(), bi))
                                }
                                Some(None) => Some((&[][..], Vec::new())),
                                Some(Some(_)) | None => None,
                            };
                            let records = self.records(base_records, (ma, mi), (ta, ti));
                            return Some(Value::Array(records));
                        }
                    }
                }
                _ => {}
            }
        }
        self.conflict(base, mine, theirs)
    }

    /// Whether taking `taken` for `other` would drop a record the other side refers to (then
    /// the walk goes down to that record, where its deletion is a conflict).
    fn drops_referenced(&self, taken: Option<&Value>, other: Option<&Value>) -> bool {
        self.referenced
            .iter()
            .any(|id| other.is_some_and(|o| holds(o, id)) && !taken.is_some_and(|t| holds(t, id)))
    }

    fn object(
        &mut self,
        base: Ancestor,
        bo: Option<&Map<String, Value>>,
        mine: &Map<String, Value>,
        theirs: &Map<String, Value>,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        let keys = mine
            .keys()
            .chain(theirs.keys().filter(|k| !mine.contains_key(*k)));
        for key in keys {
            let child: Ancestor = match (base, bo) {
                (Some(Some(_)), Some(bo)) => Some(bo.get(key)),
                _ => None,
            };
            self.path.push(Step::Field(key.clone()));
            let merged = self.node(child, mine.get(key), theirs.get(key), false);
            self.path.pop();
            if let Some(value) = merged {
                out.insert(key.clone(), value);
            }
        }
        out
    }

    /// Two arrays of records merged id by id. `base` is the ancestor's array when it is known
    /// (an array of records; empty when the ancestor had none), `None` when nothing is known.
    fn records(
        &mut self,
        base: Option<(&[Value], Vec<&str>)>,
        (mine, mine_ids): (&[Value], Vec<&str>),
        (theirs, theirs_ids): (&[Value], Vec<&str>),
    ) -> Vec<Value> {
        let index = |ids: &[&str]| -> HashMap<String, usize> {
            ids.iter()
                .enumerate()
                .map(|(i, id)| (id.to_string(), i))
                .collect()
        };
        let in_mine = index(&mine_ids);
        let in_theirs = index(&theirs_ids);
        let (base_values, base_ids) = match &base {
            Some((values, ids)) => (*values, Some(ids.as_slice())),
            None => (&[][..], None),
        };
        let in_base = base_ids.map(index);
        let ordered: Vec<String> = order(base_ids, &mine_ids, &theirs_ids)
            .into_iter()
            .map(str::to_string)
            .collect();
        let mut out = Vec::with_capacity(ordered.len());
        for id in ordered {
            let m = in_mine.get(&id).map(|i| &mine[*i]);
            let t = in_theirs.get(&id).map(|i| &theirs[*i]);
            let b: Ancestor = in_base
                .as_ref()
                .map(|ib| ib.get(&id).map(|i| &base_values[*i]));
            self.path.push(Step::Record(id));
            let deleted_but_referenced = m.is_none() != t.is_none()
                && !self.referenced.is_empty()
                && m.or(t).is_some_and(|v| holds_any(v, self.referenced));
            let merged = if deleted_but_referenced {
                self.conflict(b, m, t)
            } else {
                self.node(b, m, t, true)
            };
            self.path.pop();
            out.extend(merged);
        }
        out
    }

    fn conflict(
        &mut self,
        base: Ancestor,
        mine: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        let conflict = Conflict {
            path: self.path.clone(),
            mine: mine.cloned(),
            theirs: theirs.cloned(),
            ancestor: base.map(|b| b.cloned()),
        };
        let choice = (self.choose)(self.conflicts.len(), &conflict);
        let chosen = match choice {
            Choice::Mine => mine.cloned(),
            Choice::Theirs => theirs.cloned(),
            Choice::Ancestor => match base {
                Some(base) => base.cloned(),
                None => {
                    self.error.get_or_insert(MergeError::NoAncestor {
                        conflict: self.conflicts.len(),
                    });
                    mine.cloned()
                }
            },
        };
        self.conflicts.push(conflict);
        chosen
    }
}

/// Whether two objects (and their ancestor) merge key by key. An object of one key whose key
/// differs between them is a value of an enum (`{"percentile": 50}` against `{"mean": null}`):
/// merging its keys would make an object of two variants, so it is one value.
pub(super) fn objects_merge(
    base: Option<&Map<String, Value>>,
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
) -> bool {
    let same_keys = |a: &Map<String, Value>, b: &Map<String, Value>| {
        a.len() == b.len() && a.keys().all(|k| b.contains_key(k))
    };
    let single = mine.len() == 1 || theirs.len() == 1 || base.is_some_and(|b| b.len() == 1);
    !single || (same_keys(mine, theirs) && base.is_none_or(|b| same_keys(b, mine)))
}

/// The ids of an array of records: every element an object with a text `id`, no id twice.
/// `None` for any other array (merged as one value).
pub(super) fn record_ids(values: &[Value]) -> Option<Vec<&str>> {
    let mut ids = Vec::with_capacity(values.len());
    let mut seen = std::collections::HashSet::with_capacity(values.len());
    for value in values {
        let id = value.as_object()?.get("id")?.as_str()?;
        if !seen.insert(id) {
            return None;
        }
        ids.push(id);
    }
    Some(ids)
}

/// Whether `value` is, or holds, a record with one of `ids`.
fn holds_any(value: &Value, ids: &HashSet<String>) -> bool {
    ids.iter().any(|id| holds(value, id))
}

/// Whether `value` is, or holds, the record `id`.
fn holds(value: &Value, id: &str) -> bool {
    match value {
        Value::Object(fields) => {
            fields.get("id").and_then(Value::as_str) == Some(id)
                || fields.values().any(|v| holds(v, id))
        }
        Value::Array(items) => items.iter().any(|v| holds(v, id)),
        _ => false,
    }
}
