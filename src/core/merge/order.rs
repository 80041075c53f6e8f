//! The order of a merged array of records, the same whichever side is "mine".
//!
//! The records both sides hold keep the order of the side that reordered them (against the
//! ancestor); when neither or both did, the smaller of the two orders (compared id by id), so
//! the choice does not depend on which side is which. A record one side holds alone (added
//! there, or deleted by the other side) follows the record it follows on its own side among
//! those both hold; two sides' records after the same one go side by side, the side whose
//! first id is smaller first.

use std::collections::{HashMap, HashSet};

/// Every id of `mine` and `theirs`, once each, in the merged order (a record only the
/// ancestor holds was deleted by both sides: it is in no merge).
pub(super) fn order<'a>(
    base: Option<&[&'a str]>,
    mine: &[&'a str],
    theirs: &[&'a str],
) -> Vec<&'a str> {
    let in_mine: HashSet<&str> = mine.iter().copied().collect();
    let in_theirs: HashSet<&str> = theirs.iter().copied().collect();
    let both_mine: Vec<&str> = mine
        .iter()
        .copied()
        .filter(|id| in_theirs.contains(id))
        .collect();
    let both_theirs: Vec<&str> = theirs
        .iter()
        .copied()
        .filter(|id| in_mine.contains(id))
        .collect();
    let skeleton = if both_mine == both_theirs {
        both_mine
    } else {
        let reordered = |side: &[&str]| match base {
            Some(base) => {
                let in_base: HashSet<&str> = base.iter().copied().collect();
                let was: Vec<&str> = base
                    .iter()
                    .copied()
                    .filter(|id| in_mine.contains(id) && in_theirs.contains(id))
                    .collect();
                let now: Vec<&str> = side
                    .iter()
                    .copied()
                    .filter(|id| in_base.contains(id))
                    .collect();
                was != now
            }
            None => true,
        };
        match (reordered(&both_mine), reordered(&both_theirs)) {
            (true, false) => both_mine,
            (false, true) => both_theirs,
            _ => std::cmp::min(both_mine, both_theirs),
        }
    };
    let common: HashSet<&str> = skeleton.iter().copied().collect();
    // The records one side holds alone, grouped after the common record they follow there.
    let groups = |side: &[&'a str]| {
        let mut after: HashMap<Option<&'a str>, Vec<&'a str>> = HashMap::new();
        let mut anchor = None;
        for id in side {
            if common.contains(id) {
                anchor = Some(*id);
            } else {
                after.entry(anchor).or_default().push(*id);
            }
        }
        after
    };
    let mine_alone = groups(mine);
    let theirs_alone = groups(theirs);
    let mut out = Vec::with_capacity(mine.len().max(theirs.len()));
    let emit = |anchor: Option<&'a str>, out: &mut Vec<&'a str>| {
        let m = mine_alone.get(&anchor).map(Vec::as_slice).unwrap_or(&[]);
        let t = theirs_alone.get(&anchor).map(Vec::as_slice).unwrap_or(&[]);
        let (first, second) = if !t.is_empty() && (m.is_empty() || t[0] < m[0]) {
            (t, m)
        } else {
            (m, t)
        };
        out.extend_from_slice(first);
        out.extend_from_slice(second);
    };
    emit(None, &mut out);
    for id in &skeleton {
        out.push(id);
        emit(Some(id), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::order;

    #[test]
    fn additions_follow_the_record_they_follow_on_their_side() {
        let base = ["a", "b", "c"];
        assert_eq!(
            order(Some(&base), &["a", "x", "b", "c"], &["a", "b", "c", "y"]),
            ["a", "x", "b", "c", "y"]
        );
    }

    #[test]
    fn the_side_that_reordered_gives_the_order() {
        let base = ["a", "b", "c"];
        assert_eq!(
            order(Some(&base), &["a", "b", "c"], &["c", "a", "b"]),
            ["c", "a", "b"]
        );
        assert_eq!(
            order(Some(&base), &["c", "a", "b"], &["a", "b", "c"]),
            ["c", "a", "b"]
        );
    }

    #[test]
    fn both_sides_adding_at_one_place_give_one_order_either_way() {
        let base = ["a"];
        let one = order(Some(&base), &["a", "x"], &["a", "y"]);
        let other = order(Some(&base), &["a", "y"], &["a", "x"]);
        assert_eq!(one, ["a", "x", "y"]);
        assert_eq!(one, other);
    }

    #[test]
    fn records_deleted_by_one_side_keep_their_place_until_dropped() {
        let base = ["a", "b", "c"];
        assert_eq!(
            order(Some(&base), &["a", "c"], &["a", "b", "c"]),
            ["a", "b", "c"]
        );
        assert_eq!(order(Some(&base), &["a"], &["c"]), ["a", "c"]);
    }
}
