//! The trash: what goes there, how long it stays, and what comes back.

use super::*;
use crate::core::care::DAY_MS;

#[test]
fn session_a_deleted_plan_goes_to_the_trash_and_the_next_one_opens() {
    let store = store_with(&[("a", "A"), ("b", "B"), ("c", "C")]);
    let mut tab = Tab::start(&store, 1);
    tab.open("b");
    let outcome = tab.delete("b");
    assert_eq!(outcome.notice.as_ref().unwrap().text, "Deleted “B”.");
    assert_eq!(tab.names(), ["A", "C"]);
    assert_eq!(tab.id(), Some("c"), "the plan now at its place");
    assert!(store.get("trellis.plan.b").is_none());
    assert_eq!(tab.session.trash().len(), 1);
    let entry = &tab.session.trash()[0];
    assert_eq!((entry.id.as_str(), entry.name.as_str()), ("b", "B"));
    assert_eq!(entry.why, TrashReason::Deleted);
    assert_eq!(entry.expires_ms(), NOW + 30.0 * DAY_MS);
}

#[test]
fn session_undo_of_a_delete_puts_the_plan_back_where_it_was_and_opens_it() {
    let store = store_with(&[("a", "A"), ("b", "B"), ("c", "C")]);
    let mut tab = Tab::start(&store, 1);
    tab.open("b");
    let deleted = tab.delete("b");
    let undone = tab.undo(&deleted);
    assert_eq!(undone.refused, None);
    assert_eq!(tab.names(), ["A", "B", "C"]);
    assert_eq!(tab.id(), Some("b"));
    tab.assert_open_is_stored();
    assert!(tab.session.trash().is_empty());
    assert!(trash_keys(&store).is_empty());
    assert_eq!(
        stored(&store, "b").unwrap().revision,
        2,
        "a newer revision than any tab saw"
    );
}

#[test]
fn session_deleting_the_open_plan_keeps_its_unsaved_edits_in_the_trash() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut tab = Tab::start(&store, 1);
    tab.edit(|p| p.name = "Unsaved".into());
    store.fail(Some(full()));
    tab.flush();
    store.fail(None);
    tab.delete("a");
    let deleted = tab.session.trash()[0].clone();
    assert_eq!(deleted.name, "Unsaved");
    let back = tab
        .session
        .restore_from_trash(&mut tab.slot, &deleted.key, None, true, R(), NOW);
    assert_eq!(back.notice.unwrap().text, "Put back “Unsaved”.");
    assert_eq!(tab.slot.as_ref().unwrap().name, "Unsaved");
    assert_eq!(tab.names(), ["B", "Unsaved"]);
}

#[test]
fn session_a_replaced_plan_goes_to_the_trash_and_undo_swaps_them_back() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut tab = Tab::start(&store, 1);
    let replaced = tab.session.import(
        &mut tab.slot,
        Plan::new("a", "A from a colleague"),
        true,
        "x",
        R(),
        NOW,
    );
    assert_eq!(
        replaced.notice.as_ref().unwrap().text,
        "Replaced your plan with the imported “A from a colleague”."
    );
    assert_eq!(tab.names(), ["A from a colleague", "B"]);
    assert_eq!(tab.session.trash()[0].why, TrashReason::Replaced);
    tab.assert_open_is_stored();
    tab.undo(&replaced);
    assert_eq!(tab.names(), ["A", "B"]);
    tab.assert_open_is_stored();
    // The imported version is in the trash in its place: nothing is dropped.
    assert_eq!(tab.session.trash().len(), 1);
    assert_eq!(tab.session.trash()[0].name, "A from a colleague");
}

#[test]
fn session_a_copy_without_private_parts_replaces_only_the_shared_parts() {
    use crate::core::audience::{redact, Selection};
    use crate::core::sample::sample_plan;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
    let store = MemoryStore::new();
    let mut tab = Tab::start(&store, 1);
    let mine = sample_plan("p", day);
    let pay = mine.career.comp_records.len();
    assert!(pay > 0);
    tab.session.create(&mut tab.slot, mine.clone(), NOW);
    let mut copy = redact(&mine, Selection::default(), day);
    copy.name = "Shared back".into();
    assert!(!copy.left_out.is_empty());
    let outcome = tab.session.import(&mut tab.slot, copy, true, "x", R(), NOW);
    assert_eq!(outcome.refused, None);
    let now = stored(&store, "p").unwrap();
    assert_eq!(now.name, "Shared back");
    assert_eq!(now.career.comp_records.len(), pay, "my pay stays");
    assert!(now.left_out.is_empty());
}

#[test]
fn session_the_trash_forgets_plans_after_30_days() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut tab = Tab::start(&store, 1);
    tab.delete("b");
    assert_eq!(trash_keys(&store).len(), 1);
    let mut later = Session::new(&store);
    let mut slot = None;
    later.start(&mut slot, R(), NOW + 29.0 * DAY_MS);
    assert_eq!(later.trash().len(), 1);
    later.start(&mut slot, R(), NOW + 30.0 * DAY_MS);
    assert!(later.trash().is_empty());
    assert!(trash_keys(&store).is_empty());
}

#[test]
fn session_a_plan_from_the_trash_comes_back_at_the_end_without_opening() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut tab = Tab::start(&store, 1);
    tab.delete("b");
    let key = tab.session.trash()[0].key.clone();
    tab.session
        .restore_from_trash(&mut tab.slot, &key, None, false, R(), NOW);
    assert_eq!(tab.names(), ["A", "B"]);
    assert_eq!(tab.id(), Some("a"));
    let gone = tab
        .session
        .restore_from_trash(&mut tab.slot, &key, None, false, R(), NOW);
    assert_eq!(
        gone.refused.as_deref(),
        Some("That plan is no longer in the trash.")
    );
}

#[test]
fn session_trash_entries_read_back_and_foreign_text_is_ignored() {
    let text = crate::core::session::trash::entry_text(
        "p",
        "Name\nwith a line",
        NOW,
        TrashReason::Replaced,
        "{\"x\":1}\n2",
    );
    let (entry, plan) = crate::core::session::trash::read_entry("k", &text).unwrap();
    assert_eq!(entry.name, "Name\nwith a line");
    assert_eq!(entry.why, TrashReason::Replaced);
    assert_eq!(plan, "{\"x\":1}\n2");
    assert!(crate::core::session::trash::read_entry("k", "{}\nplan").is_none());
    assert!(crate::core::session::trash::read_entry("k", "no line").is_none());
}
