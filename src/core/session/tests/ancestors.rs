//! The revisions kept for merging returned copies: kept as a copy leaves, found by the base
//! the copy carries, bounded, never written over what this build cannot read, deleted with
//! their plan.

use super::*;
use crate::core::plan::Base;
use crate::core::session::{Ancestors, AncestorsProblem, MAX_ANCESTORS, MAX_ANCESTOR_CHARS};

fn base(revision: u64, fingerprint: &str) -> Base {
    Base {
        revision,
        fingerprint: fingerprint.into(),
        extra: Default::default(),
    }
}

#[test]
fn session_a_revision_that_leaves_is_kept_and_found_by_the_base_its_copy_carries() {
    let store = store_with(&[("a", "A")]);
    let mut tab = Tab::start(&store, 1);
    tab.edit(|p| p.name = "Leaving".into());
    tab.flush();
    let plan = tab.slot.clone().unwrap();
    let (left, kept) = tab.session.keep_leaving(&plan);
    assert_eq!(kept, Ok(()));
    assert_eq!(left, schema::base_of(&plan));
    let text = tab.session.ancestor("a", &left).unwrap();
    assert_eq!(R().read_stored(&text), Ok(plan.clone()));
    // Another revision, or another content at that revision, is not it.
    assert_eq!(
        tab.session
            .ancestor("a", &base(left.revision + 1, &left.fingerprint)),
        None
    );
    assert_eq!(
        tab.session
            .ancestor("a", &base(left.revision, "0000000000000000")),
        None
    );
    assert_eq!(tab.session.ancestor("b", &left), None);
}

#[test]
fn session_the_same_revision_leaving_twice_is_kept_once() {
    let store = store_with(&[("a", "A")]);
    let mut tab = Tab::start(&store, 1);
    let plan = tab.slot.clone().unwrap();
    tab.session.keep_leaving(&plan).1.unwrap();
    tab.session.keep_leaving(&plan).1.unwrap();
    let kept = Ancestors::read(store.get(&keys::ancestors_key("a")).as_deref()).unwrap();
    assert_eq!(kept.len(), 1);
}

#[test]
fn the_history_keeps_the_last_revisions_within_its_bounds() {
    let mut ancestors = Ancestors::default();
    for revision in 0..(MAX_ANCESTORS as u64 + 5) {
        assert!(ancestors.keep(&base(revision, &format!("{revision:016x}")), "{}"));
    }
    assert_eq!(ancestors.len(), MAX_ANCESTORS);
    assert_eq!(ancestors.find(&base(4, &format!("{:016x}", 4))), None);
    assert!(ancestors.find(&base(5, &format!("{:016x}", 5))).is_some());
    let half = "x".repeat(MAX_ANCESTOR_CHARS / 2 + 1);
    assert!(ancestors.keep(&base(100, "a"), &half));
    assert!(ancestors.keep(&base(101, "b"), &half));
    assert!(ancestors.chars() <= MAX_ANCESTOR_CHARS);
    assert!(ancestors.find(&base(101, "b")).is_some());
    assert!(
        ancestors.find(&base(100, "a")).is_none(),
        "the oldest went first"
    );
    let too_large = "x".repeat(MAX_ANCESTOR_CHARS + 1);
    assert!(!ancestors.keep(&base(102, "c"), &too_large));
    assert!(ancestors.is_empty());
}

#[test]
fn the_history_keeps_what_a_newer_build_added_and_refuses_what_it_cannot_read() {
    let text = r#"{"format":"trellis-ancestors","version":1,"later":true,
        "entries":[{"revision":3,"fingerprint":"f","plan":"{}","signed":"x"}]}"#;
    let mut ancestors = Ancestors::read(Some(text)).unwrap();
    assert_eq!(ancestors.find(&base(3, "f")), Some("{}"));
    ancestors.keep(&base(4, "g"), "{}");
    let back: serde_json::Value = serde_json::from_str(&ancestors.to_text()).unwrap();
    assert_eq!(back["later"], true);
    assert_eq!(back["entries"][0]["signed"], "x");
    assert_eq!(
        Ancestors::read(Some(r#"{"format":"trellis-ancestors","version":2}"#)),
        Err(AncestorsProblem::Newer { version: 2 })
    );
    for text in ["", "[]", "{}", r#"{"format":"trellis-ancestors"}"#] {
        assert_eq!(
            Ancestors::read(Some(text)),
            Err(AncestorsProblem::Unreadable),
            "{text}"
        );
    }
}

#[test]
fn session_a_history_this_build_cannot_read_is_left_as_it_is() {
    let store = store_with(&[("a", "A")]);
    let key = keys::ancestors_key("a");
    store.put(&key, r#"{"format":"trellis-ancestors","version":9}"#);
    let mut tab = Tab::start(&store, 1);
    let plan = tab.slot.clone().unwrap();
    let (left, kept) = tab.session.keep_leaving(&plan);
    assert!(kept.unwrap_err().contains("newer version"));
    assert_eq!(
        left,
        schema::base_of(&plan),
        "the copy still says where it left from"
    );
    assert_eq!(
        store.get(&key).as_deref(),
        Some(r#"{"format":"trellis-ancestors","version":9}"#)
    );
}

#[test]
fn session_a_full_storage_keeps_nothing_and_changes_nothing() {
    let store = store_with(&[("a", "A")]);
    let mut tab = Tab::start(&store, 1);
    let plan = tab.slot.clone().unwrap();
    let before = store.snapshot();
    store.fail(Some(full()));
    let (_, kept) = tab.session.keep_leaving(&plan);
    store.fail(None);
    assert!(kept.is_err());
    assert_eq!(store.snapshot(), before);
}

#[test]
fn session_a_deleted_plan_takes_its_history_with_it() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut tab = Tab::start(&store, 1);
    let plan = tab.slot.clone().unwrap();
    tab.session.keep_leaving(&plan).1.unwrap();
    assert!(store.get(&keys::ancestors_key("a")).is_some());
    tab.delete("a");
    assert!(store.get(&keys::ancestors_key("a")).is_none());
}
