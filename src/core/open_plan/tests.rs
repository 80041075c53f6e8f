//! The open plan over a store that fails on demand: every storage fault and every conflict
//! between tabs that the Playwright tests (plans, reliability) drive through the real app.

use super::memory::{Fault, MemoryStore};
use super::*;
use crate::core::schema;

const KEY: &str = "trellis.plan.p1";

/// A store holding plan `p1` at revision 1, and a tab that opened it.
fn one_tab() -> (MemoryStore, OpenPlan, Plan) {
    let store = MemoryStore::new();
    let mut plan = Plan::new("p1", "Sample");
    plan.revision = 1;
    store.put(KEY, &schema::store_plan(&plan));
    let tab = open_tab(&store);
    (store, tab.0, tab.1)
}

/// Another tab opening `p1` from `store`.
fn open_tab(store: &MemoryStore) -> (OpenPlan, Plan) {
    let plan = read_plan(store, "p1", PlanReader::linked()).expect("p1 is stored and readable");
    let mut open = OpenPlan::new();
    open.show(store, &plan);
    (open, plan)
}

fn rename(open: &mut OpenPlan, plan: &mut Plan, name: &str) {
    let name = name.to_string();
    assert!(open.edit(plan, Grouping::Field("plan:name"), 0.0, |p| p.name = name));
}

fn stored(store: &MemoryStore) -> Plan {
    read_plan(store, "p1", PlanReader::linked()).expect("p1 readable")
}

/// The file version of a newer Trellis.
const NEWER: u64 = crate::core::schema::CURRENT_VERSION + 1;

/// Rewrites the stored `p1` document as another tab or a newer Trellis would.
fn rewrite(store: &MemoryStore, change: impl FnOnce(&mut serde_json::Value)) {
    let mut doc: serde_json::Value = serde_json::from_str(&store.get(KEY).unwrap()).unwrap();
    change(&mut doc);
    store.put(KEY, &doc.to_string());
}

fn bump_revision(doc: &mut serde_json::Value, by: u64) {
    doc["revision"] = (doc["revision"].as_u64().unwrap() + by).into();
}

#[test]
fn an_edit_is_dirty_until_flushed_then_stored_at_the_next_revision() {
    let (store, mut open, mut plan) = one_tab();
    assert_eq!(open.state(), &SaveState::Clean);
    rename(&mut open, &mut plan, "Renamed");
    assert_eq!(open.state(), &SaveState::Dirty);
    assert_eq!(
        open.flush(&store, &mut plan),
        Flushed::Saved { revision: 2 }
    );
    assert_eq!(open.state(), &SaveState::Clean);
    assert_eq!(plan.revision, 2);
    assert_eq!(stored(&store), plan);
    // Nothing unsaved: a second flush writes nothing.
    let writes = store.writes();
    assert_eq!(open.flush(&store, &mut plan), Flushed::Nothing);
    assert_eq!(store.writes(), writes);
}

#[test]
fn an_edit_that_changes_nothing_is_not_recorded_or_saved() {
    let (_store, mut open, mut plan) = one_tab();
    assert!(!open.edit(&mut plan, Grouping::OwnStep, 0.0, |_| {}));
    assert!(!open.can_undo());
    assert_eq!(open.state(), &SaveState::Clean);
}

#[test]
fn undo_and_redo_follow_the_grouping_and_are_saved_like_edits() {
    let (store, mut open, mut plan) = one_tab();
    for (n, name) in ["S", "Sa", "Sam"].into_iter().enumerate() {
        let name = name.to_string();
        open.edit(
            &mut plan,
            Grouping::Field("plan:name"),
            n as f64 * 100.0,
            |p| p.name = name,
        );
    }
    open.edit(&mut plan, Grouping::OwnStep, 400.0, |p| p.next_id = 7);
    open.edit(&mut plan, Grouping::OwnStep, 500.0, |p| p.next_id = 8);
    open.flush(&store, &mut plan);
    assert!(open.undo(&mut plan) && open.undo(&mut plan));
    assert_eq!((plan.name.as_str(), plan.next_id), ("Sam", 0));
    assert_eq!(open.state(), &SaveState::Dirty);
    assert!(open.undo(&mut plan), "typing the name is one step");
    assert_eq!(plan.name, "Sample");
    assert!(!open.can_undo());
    assert!(open.redo(&mut plan));
    assert_eq!(plan.name, "Sam");
    open.flush(&store, &mut plan);
    assert_eq!(stored(&store).name, "Sam");
}

#[test]
fn storage_full_in_every_spelling_keeps_the_saved_copy_and_the_edits() {
    let spellings = [
        (Some("QuotaExceededError"), None),
        (Some("NS_ERROR_DOM_QUOTA_REACHED"), None),
        (Some("Error"), Some(22.0)),
        (None, Some(1014.0)),
    ];
    for (name, code) in spellings {
        let (store, mut open, mut plan) = one_tab();
        let before = store.snapshot();
        store.fail(Some(Fault::WriteThrows { name, code }));
        rename(&mut open, &mut plan, "Edited while full");
        assert_eq!(
            open.flush(&store, &mut plan),
            Flushed::Refused(SaveRefused::Storage(StorageProblem::Full)),
            "{name:?} {code:?}"
        );
        assert_eq!(open.state(), &SaveState::Blocked(StorageProblem::Full));
        assert_eq!(StorageProblem::Full.short_reason(), "storage is full");
        assert_eq!(store.snapshot(), before, "the saved copy is intact");
        assert_eq!(
            plan.name, "Edited while full",
            "the open plan keeps the edit"
        );
        assert!(open.has_unsaved_edits());

        // Space freed: the next flush saves what was refused.
        store.fail(None);
        assert_eq!(
            open.flush(&store, &mut plan),
            Flushed::Saved { revision: 2 }
        );
        assert_eq!(stored(&store).name, "Edited while full");
    }
}

#[test]
fn an_edit_after_a_refused_save_is_due_again() {
    let (store, mut open, mut plan) = one_tab();
    store.fail(Some(Fault::WriteThrows {
        name: Some("QuotaExceededError"),
        code: None,
    }));
    rename(&mut open, &mut plan, "A");
    open.flush(&store, &mut plan);
    rename(&mut open, &mut plan, "B");
    assert_eq!(open.state(), &SaveState::Dirty);
}

#[test]
fn another_failure_is_reported_in_the_browsers_words() {
    let (store, mut open, mut plan) = one_tab();
    store.fail(Some(Fault::WriteThrows {
        name: Some("InvalidStateError"),
        code: Some(11.0),
    }));
    rename(&mut open, &mut plan, "X");
    assert_eq!(
        open.flush(&store, &mut plan),
        Flushed::Refused(SaveRefused::Storage(StorageProblem::Failed("full".into())))
    );
}

#[test]
fn blocked_storage_is_reported_at_load_and_the_tab_works_in_memory() {
    let store = MemoryStore::new();
    store.fail(Some(Fault::Blocked));
    let Err(problem) = load_workspace(&store, PlanReader::linked()) else {
        panic!("a blocked store cannot be loaded");
    };
    assert!(matches!(problem, StorageProblem::Unavailable(_)));
    assert_eq!(problem.short_reason(), "storage is blocked");

    // Working in memory with such a store: `session::tests` (blocked storage).
}

#[test]
fn unreadable_stored_text_is_listed_backed_up_and_never_overwritten() {
    let (store, mut open, mut plan) = one_tab();
    let garbage = [
        ("trellis.plan.pgarbage", "\u{0}\u{1} not json at all"),
        (
            "trellis.plan.ptruncated",
            r#"{"format":"trellis-plan","version":1,"id":"ptruncated","name":"Cut"#,
        ),
        ("trellis.plan.pempty", ""),
        ("trellis.plan.pnull", "null"),
    ];
    for (key, text) in garbage {
        store.put(key, text);
    }
    let loaded = load_workspace(&store, PlanReader::linked()).unwrap();
    let unreadable: Vec<_> = loaded
        .plans
        .iter()
        .filter_map(|p| match p {
            StoredPlan::Unreadable { backup_key, .. } => Some(backup_key.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(unreadable.len(), 4);
    for (key, text) in garbage {
        assert_eq!(store.get(key).as_deref(), Some(text), "{key} unchanged");
        assert_eq!(
            store.get(&format!("{BACKUP_PREFIX}{key}")).as_deref(),
            Some(text),
            "{key} backed up"
        );
    }
    rename(&mut open, &mut plan, "Still working");
    open.flush(&store, &mut plan);
    for (key, text) in garbage {
        assert_eq!(store.get(key).as_deref(), Some(text));
    }
}

#[test]
fn a_newer_trellis_save_is_listed_and_never_overwritten() {
    let (store, mut open, mut plan) = one_tab();
    rewrite(&store, |doc| {
        doc["version"] = NEWER.into();
        bump_revision(doc, 1);
        doc["hologram"] = serde_json::json!({"enabled": true});
    });
    let newer = store.snapshot();
    match load_plan_at(&store, KEY, PlanReader::linked()).unwrap() {
        Some(StoredPlan::Newer { version, .. }) => assert_eq!(version, NEWER),
        other => panic!("listed as newer, got {other:?}"),
    }
    rename(&mut open, &mut plan, "Edited in the old tab");
    assert_eq!(
        open.flush(&store, &mut plan),
        Flushed::Refused(SaveRefused::NewerVersion { version: NEWER })
    );
    assert_eq!(open.state(), &SaveState::NewerElsewhere { version: NEWER });
    // Neither more edits nor keeping this tab's version write over it.
    rename(&mut open, &mut plan, "Another edit");
    assert_eq!(open.state(), &SaveState::NewerElsewhere { version: NEWER });
    open.flush(&store, &mut plan);
    assert_eq!(
        open.keep_mine(&store, &mut plan),
        Flushed::Refused(SaveRefused::NewerVersion { version: NEWER })
    );
    assert_eq!(store.snapshot(), newer, "byte for byte unchanged");
}

#[test]
fn unsaved_edits_when_another_tab_saves_ask_then_keep_mine_writes_over_it() {
    let (store, mut open, mut plan) = one_tab();
    rename(&mut open, &mut plan, "Tab A's name");
    rewrite(&store, |doc| {
        doc["name"] = "Tab B's name".into();
        bump_revision(doc, 5);
    });
    assert_eq!(
        open.on_external_write(&store, &mut plan, PlanReader::linked()),
        External::Conflict
    );
    assert_eq!(open.state(), &SaveState::Conflict { stored_revision: 6 });
    // The pending save does not overwrite the other tab's.
    assert!(matches!(
        open.flush(&store, &mut plan),
        Flushed::Refused(SaveRefused::Conflict { .. })
    ));
    assert_eq!(stored(&store).name, "Tab B's name");
    assert_eq!(
        open.keep_mine(&store, &mut plan),
        Flushed::Saved { revision: 7 }
    );
    assert_eq!(stored(&store).name, "Tab A's name");
    assert_eq!(open.state(), &SaveState::Clean);
}

#[test]
fn take_theirs_loads_the_other_tabs_copy_and_writes_nothing() {
    let (store, mut open, mut plan) = one_tab();
    rename(&mut open, &mut plan, "Mine");
    rewrite(&store, |doc| {
        doc["name"] = "Theirs".into();
        bump_revision(doc, 1);
    });
    open.on_external_write(&store, &mut plan, PlanReader::linked());
    let before = store.snapshot();
    assert_eq!(
        open.take_theirs(&store, &mut plan, PlanReader::linked()),
        Theirs::Loaded
    );
    assert_eq!((plan.name.as_str(), plan.revision), ("Theirs", 2));
    assert_eq!(open.state(), &SaveState::Clean);
    assert!(!open.can_undo());
    assert_eq!(open.flush(&store, &mut plan), Flushed::Nothing);
    assert_eq!(store.snapshot(), before);
}

#[test]
fn taking_a_newer_trellis_copy_explains_it_cannot() {
    let (store, mut open, mut plan) = one_tab();
    rename(&mut open, &mut plan, "Mine");
    rewrite(&store, |doc| {
        doc["version"] = NEWER.into();
        bump_revision(doc, 1);
    });
    assert_eq!(
        open.on_external_write(&store, &mut plan, PlanReader::linked()),
        External::Conflict
    );
    assert_eq!(
        open.take_theirs(&store, &mut plan, PlanReader::linked()),
        Theirs::Newer { version: NEWER }
    );
    assert_eq!(open.state(), &SaveState::NewerElsewhere { version: NEWER });
    assert_eq!(plan.name, "Mine");
}

#[test]
fn a_clean_tab_follows_another_tabs_save_keeping_unknown_fields() {
    let (store, mut open, mut plan) = one_tab();
    rewrite(&store, |doc| {
        doc["name"] = "Saved by a newer tab".into();
        doc["hologram"] = serde_json::json!({"enabled": true});
        bump_revision(doc, 1);
    });
    assert_eq!(
        open.on_external_write(&store, &mut plan, PlanReader::linked()),
        External::Followed(Theirs::Loaded)
    );
    assert_eq!(plan.name, "Saved by a newer tab");
    rename(&mut open, &mut plan, "Added on top");
    assert_eq!(
        open.flush(&store, &mut plan),
        Flushed::Saved { revision: 3 }
    );
    let saved: serde_json::Value = serde_json::from_str(&store.get(KEY).unwrap()).unwrap();
    assert_eq!(saved["hologram"], serde_json::json!({"enabled": true}));
}

#[test]
fn a_tab_that_missed_a_newer_save_asks_instead_of_overwriting_it() {
    let (store, mut open, mut plan) = one_tab();
    // Written while this tab slept: no storage event arrives.
    rewrite(&store, |doc| {
        doc["name"] = "Saved by a newer tab".into();
        bump_revision(doc, 3);
    });
    let newer = store.snapshot();
    rename(&mut open, &mut plan, "Edited in the sleepy tab");
    assert_eq!(
        open.flush(&store, &mut plan),
        Flushed::Refused(SaveRefused::Conflict { stored_revision: 4 })
    );
    assert_eq!(
        open.take_theirs(&store, &mut plan, PlanReader::linked()),
        Theirs::Loaded
    );
    assert_eq!(plan.name, "Saved by a newer tab");
    assert_eq!(store.snapshot(), newer);
}

#[test]
fn the_same_revision_with_other_content_is_a_conflict_never_a_silent_win() {
    let (store, mut open, mut plan) = one_tab();
    rename(&mut open, &mut plan, "Mine");
    open.flush(&store, &mut plan);
    // Another writer (an older build, or a race) stores revision 2 with other content.
    rewrite(&store, |doc| {
        doc["name"] = "Theirs at the same revision".into()
    });
    let theirs = store.snapshot();
    rename(&mut open, &mut plan, "Mine again");
    assert_eq!(
        open.flush(&store, &mut plan),
        Flushed::Refused(SaveRefused::Conflict { stored_revision: 2 })
    );
    assert_eq!(store.snapshot(), theirs);
}

#[test]
fn a_write_between_one_tabs_check_and_write_is_surfaced_in_the_tab_that_lost() {
    let store = MemoryStore::new();
    let mut plan = Plan::new("p1", "Sample");
    plan.revision = 1;
    store.put(KEY, &schema::store_plan(&plan));
    let (mut a, mut plan_a) = open_tab(&store);
    let (mut b, mut plan_b) = open_tab(&store);
    rename(&mut a, &mut plan_a, "A's edit");
    rename(&mut b, &mut plan_b, "B's edit");
    // B saves in the instant between A's check of the stored revision and A's write.
    let scratch = MemoryStore::new();
    scratch.put(KEY, &store.get(KEY).unwrap());
    assert_eq!(
        b.flush(&scratch, &mut plan_b),
        Flushed::Saved { revision: 2 }
    );
    store.write_between_check_and_write(KEY, &scratch.get(KEY).unwrap());
    assert_eq!(a.flush(&store, &mut plan_a), Flushed::Saved { revision: 2 });
    assert_eq!(stored(&store).name, "A's edit");

    // B believes revision 2 holds its edit. The storage event of A's write, or B's next
    // save, tells it otherwise.
    let mut b_next = b.clone();
    let mut plan_b_next = plan_b.clone();
    assert_eq!(
        b.on_external_write(&store, &mut plan_b, PlanReader::linked()),
        External::Conflict
    );
    assert_eq!(plan_b.name, "B's edit", "B's edit is still on screen");
    rename(&mut b_next, &mut plan_b_next, "B's next edit");
    assert_eq!(
        b_next.flush(&store, &mut plan_b_next),
        Flushed::Refused(SaveRefused::Conflict { stored_revision: 2 })
    );
    assert_eq!(stored(&store).name, "A's edit");
}

#[test]
fn a_tab_hearing_of_its_own_write_stays_as_it_is() {
    let (store, mut open, mut plan) = one_tab();
    rename(&mut open, &mut plan, "Mine");
    open.flush(&store, &mut plan);
    rename(&mut open, &mut plan, "Mine, typed on");
    // A late event for this tab's earlier write: what is stored is what this tab wrote.
    assert_eq!(
        open.on_external_write(&store, &mut plan, PlanReader::linked()),
        External::Unchanged
    );
    assert_eq!(open.state(), &SaveState::Dirty);
    assert_eq!(plan.name, "Mine, typed on");
}

#[test]
fn the_plan_list_is_read_from_headers_and_unsound_ones_are_read_in_full() {
    let (store, _open, _plan) = one_tab();
    // A body that does not parse behind a sound header: listed by its header, found out when
    // opened.
    store.put(
        "trellis.plan.p2",
        r#"{"format":"trellis-plan","version":1,"id":"p2","name":"Second","revision":4,"goals":7}"#,
    );
    store.put("trellis.plan.p3", "not json");
    store.put(
        "trellis.plan.p4",
        r#"{"format":"trellis-plan","version":9,"id":"p4","name":"Future","revision":1}"#,
    );
    let listed = list_workspace(&store, PlanReader::linked()).unwrap().plans;
    assert_eq!(
        listed[..2],
        [
            StoredPlan::Listed {
                id: "p1".into(),
                name: "Sample".into()
            },
            StoredPlan::Listed {
                id: "p2".into(),
                name: "Second".into()
            },
        ]
    );
    assert!(matches!(listed[2], StoredPlan::Unreadable { .. }));
    assert!(matches!(listed[3], StoredPlan::Newer { version: 9, .. }));
    assert!(store.get("trellis.backup.trellis.plan.p3").is_some());
    assert!(matches!(
        load_plan_at(&store, "trellis.plan.p2", PlanReader::linked()).unwrap(),
        Some(StoredPlan::Unreadable { .. })
    ));
}

/// Types `text` into the plan's name the way the UI does: the core's snapshot, the change in
/// place, the record; keystrokes `gap_ms` apart from `start_ms`. How many copies it took.
fn type_in_place(
    open: &mut OpenPlan,
    plan: &mut Plan,
    text: &str,
    start_ms: f64,
    gap_ms: f64,
) -> usize {
    let mut copies = 0;
    for (n, c) in text.chars().enumerate() {
        let now = start_ms + n as f64 * gap_ms;
        let grouping = Grouping::Field("plan:name");
        let before = open.snapshot_for(plan, grouping, now);
        copies += usize::from(before.is_some());
        plan.name.push(c);
        assert!(open.record_edit(before, plan, grouping, now));
    }
    copies
}

#[test]
fn typing_a_word_copies_the_plan_once_and_undoes_as_one_step() {
    let (store, mut open, mut plan) = one_tab();
    assert_eq!(type_in_place(&mut open, &mut plan, " plan", 0.0, 150.0), 1);
    assert_eq!(plan.name, "Sample plan");
    assert_eq!(open.state(), &SaveState::Dirty);
    assert_eq!(
        open.flush(&store, &mut plan),
        Flushed::Saved { revision: 2 }
    );
    assert_eq!(stored(&store).name, "Sample plan");
    assert!(open.undo(&mut plan));
    assert_eq!(plan.name, "Sample");
    assert!(!open.can_undo());
    assert!(open.redo(&mut plan));
    assert_eq!(plan.name, "Sample plan");
}

#[test]
fn a_pause_another_field_or_an_undo_starts_a_step_with_its_own_copy() {
    let (_store, mut open, mut plan) = one_tab();
    assert_eq!(type_in_place(&mut open, &mut plan, "ab", 0.0, 100.0), 1);
    let later = 100.0 + crate::core::history::COALESCE_WINDOW_MS + 1.0;
    assert_eq!(type_in_place(&mut open, &mut plan, "cd", later, 100.0), 1);
    let other = Grouping::Field("plan:other");
    assert!(open.snapshot_for(&plan, other, later + 150.0).is_some());
    assert!(open
        .snapshot_for(&plan, Grouping::OwnStep, later + 150.0)
        .is_some());
    assert!(open.undo(&mut plan));
    assert_eq!(plan.name, "Sampleab");
    // Typing on after an undo is a new step: the undone one is not extended.
    assert_eq!(
        type_in_place(&mut open, &mut plan, "x", later + 200.0, 100.0),
        1
    );
    assert!(!open.can_redo());
    assert!(open.undo(&mut plan));
    assert_eq!(plan.name, "Sampleab");
    assert!(open.undo(&mut plan));
    assert_eq!(plan.name, "Sample");
}
