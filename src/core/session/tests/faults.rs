//! Every operation, failed at each of its writes in turn: when it is refused, storage is
//! byte for byte what it was, the list and the open plan are what they were, and the open
//! plan is the stored one. A write whose failure loses nothing (the care record, which plan
//! was open last) may fail without refusing the operation; everything else then is as when
//! no write failed.

use std::collections::BTreeMap;

use super::*;
use crate::core::backup::RestoreChoice;

/// Plans a (open), b, an unreadable x, and plan t in the trash.
fn setup() -> MemoryStore {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    store.put("trellis.plan.x", "not a plan");
    store.put("trellis.backup.trellis.plan.x", "not a plan");
    let mut t = Plan::new("t", "T");
    t.revision = 3;
    let text = crate::core::session::trash::entry_text(
        "t",
        "T",
        NOW - 1000.0,
        TrashReason::Deleted,
        &schema::store_plan(&t),
    );
    store.put("trellis.trash.t.1799999999000", &text);
    store
}

type Prepare = fn(&mut Tab) -> Option<UndoAction>;
type Act = fn(&mut Tab, Option<UndoAction>) -> Outcome;

fn nothing(_: &mut Tab) -> Option<UndoAction> {
    None
}

fn without(mut snapshot: BTreeMap<String, String>, keys: &[&str]) -> BTreeMap<String, String> {
    snapshot.retain(|key, _| !keys.iter().any(|k| key == k) && key != keys::CARE_KEY);
    snapshot
}

fn every_write_fails_in_turn(name: &str, prepare: Prepare, act: Act, best_effort: &[&str]) {
    let store = setup();
    let mut tab = Tab::start(&store, 1);
    let ctx = prepare(&mut tab);
    let start = store.mutations();
    let outcome = act(&mut tab, ctx);
    assert_eq!(outcome.refused, None, "{name} works without faults");
    let writes = store.mutations() - start;
    let after = store.snapshot();
    tab.assert_open_is_stored();
    assert!(writes > 0, "{name} writes");
    let mut refusals = 0;
    for n in 0..writes {
        let store = setup();
        let mut tab = Tab::start(&store, 1);
        let ctx = prepare(&mut tab);
        let before = store.snapshot();
        let (open_before, entries_before) = (tab.slot.clone(), tab.session.entries().to_vec());
        store.fail_mutation(Some(n), false);
        let outcome = act(&mut tab, ctx);
        store.fail_mutation(None, false);
        if outcome.refused.is_some() {
            refusals += 1;
            assert_eq!(
                store.snapshot(),
                before,
                "{name}, write {n} failing: storage"
            );
            assert_eq!(
                tab.slot, open_before,
                "{name}, write {n} failing: open plan"
            );
            assert_eq!(
                tab.session.entries(),
                &entries_before[..],
                "{name}, write {n} failing: list"
            );
            assert!(!tab.session.has_unsaved_work(), "{name}, write {n}");
        } else {
            assert_eq!(
                without(store.snapshot(), best_effort),
                without(after.clone(), best_effort),
                "{name}, write {n} failing: only what loses nothing may differ"
            );
        }
        tab.assert_open_is_stored();
    }
    assert!(refusals > 0, "{name}: some failing write refuses it");
}

macro_rules! every_write {
    ($($test:ident: $prepare:expr, $act:expr, $best_effort:expr;)*) => {
        $(
            #[test]
            fn $test() {
                every_write_fails_in_turn(stringify!($test), $prepare, $act, $best_effort);
            }
        )*
    };
}

fn undo(tab: &mut Tab, action: Option<UndoAction>) -> Outcome {
    let action = action.expect("prepared an undo");
    tab.session.undo_action(&mut tab.slot, action, R(), tab.now)
}

fn undo_of(outcome: Outcome) -> Option<UndoAction> {
    outcome.notice.and_then(|n| n.undo)
}

every_write! {
    session_fault_create: nothing, |t, _| t.create("c", "C"), &[];
    session_fault_duplicate_another: nothing,
        |t, _| t.session.duplicate(&mut t.slot, "b", "c", R(), NOW), &[];
    session_fault_duplicate_the_open_one: nothing,
        |t, _| t.session.duplicate(&mut t.slot, "a", "c", R(), NOW), &[];
    session_fault_rename_another: nothing, |t, _| t.rename("b", "B renamed"), &[];
    session_fault_delete_the_open_one: nothing, |t, _| t.delete("a"), &["trellis.collapsed.a"];
    session_fault_delete_another: nothing, |t, _| t.delete("b"), &["trellis.collapsed.b"];
    session_fault_delete_unreadable: nothing, |t, _| t.session.delete_unreadable("x"), &[];
    session_fault_import_new: nothing,
        |t, _| t.session.import(&mut t.slot, Plan::new("n", "N"), false, "n2", R(), NOW), &[];
    session_fault_import_keep_both: nothing,
        |t, _| t.session.import(&mut t.slot, Plan::new("a", "A2"), false, "n2", R(), NOW), &[];
    session_fault_import_replace_the_open_one: nothing,
        |t, _| t.session.import(&mut t.slot, Plan::new("a", "A2"), true, "n2", R(), NOW), &[];
    session_fault_import_replace_another: nothing,
        |t, _| t.session.import(&mut t.slot, Plan::new("b", "B2"), true, "n2", R(), NOW), &[];
    session_fault_restore_from_trash: nothing,
        |t, _| t.session.restore_from_trash(&mut t.slot, "trellis.trash.t.1799999999000", None, false, R(), NOW), &[];
    session_fault_undo_delete_of_the_open_one: |t| undo_of(t.delete("a")), undo, &[];
    session_fault_undo_replace: |t| undo_of(t.session.import(&mut t.slot, Plan::new("b", "B2"), true, "n", R(), NOW)), undo, &[];
    session_fault_restore_a_backup: nothing,
        |t, _| t.session.restore(
            &mut t.slot,
            vec![
                (Plan::new("a", "A backed up"), RestoreChoice::Replace),
                (Plan::new("b", "B backed up"), RestoreChoice::KeepBoth),
                (Plan::new("n", "New"), RestoreChoice::KeepBoth),
            ],
            || "k".into(),
            R(),
            NOW,
        ), &[];
    session_fault_undo_a_restore: |t| undo_of(t.session.restore(
            &mut t.slot,
            vec![
                (Plan::new("a", "A backed up"), RestoreChoice::Replace),
                (Plan::new("n", "New"), RestoreChoice::KeepBoth),
            ],
            || "k".into(),
            R(),
            NOW,
        )), undo, &[];
}

#[test]
fn session_fault_open_another_loses_nothing_when_the_index_cannot_be_written() {
    every_write_fails_in_turn_allowing_success("open", |t, _| t.open("b"), &[keys::INDEX_KEY]);
}

/// For an operation whose only write loses nothing when it fails (opening a plan writes
/// only which plan was open last).
fn every_write_fails_in_turn_allowing_success(name: &str, act: Act, best_effort: &[&str]) {
    let store = setup();
    let mut tab = Tab::start(&store, 1);
    let start = store.mutations();
    act(&mut tab, None);
    let writes = store.mutations() - start;
    assert!(writes > 0);
    for n in 0..writes {
        let store = setup();
        let mut tab = Tab::start(&store, 1);
        let before = store.snapshot();
        store.fail_mutation(Some(n), false);
        let outcome = act(&mut tab, None);
        store.fail_mutation(None, false);
        assert_eq!(outcome.refused, None, "{name}");
        assert_eq!(
            without(store.snapshot(), best_effort),
            without(before, best_effort)
        );
        tab.assert_open_is_stored();
    }
}
