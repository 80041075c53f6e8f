//! Start, opening, adding, renaming and what another tab's writes do to the list.

use super::*;

#[test]
fn session_start_opens_the_last_opened_plan_and_reads_only_its_body() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    store.put(
        keys::INDEX_KEY,
        &schema::store_index(
            &[("a".into(), "A".into()), ("b".into(), "B".into())],
            Some("b"),
            &Default::default(),
        ),
    );
    let tab = Tab::start(&store, 1);
    assert_eq!(tab.id(), Some("b"));
    assert_eq!(tab.names(), ["A", "B"]);
    assert_eq!(tab.session.entries()[0].condition, Condition::NotYetRead);
    assert_eq!(tab.session.entries()[1].condition, Condition::Readable);
    assert_eq!(tab.session.status(), SaveStatus::Saved);
    assert!(tab.session.banners().is_empty());
}

#[test]
fn session_start_skips_an_unreadable_last_plan_and_opens_the_first_readable() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    store.put("trellis.plan.a", "{broken");
    let tab = Tab::start(&store, 1);
    assert_eq!(tab.id(), Some("b"));
    let a = &tab.session.entries()[0];
    assert!(matches!(
        &a.condition,
        Condition::Unreadable {
            backup_key: Some(_),
            ..
        }
    ));
    assert_eq!(
        store.get("trellis.backup.trellis.plan.a").as_deref(),
        Some("{broken")
    );
}

#[test]
fn session_start_without_the_reader_touches_nothing_until_it_arrives() {
    let store = store_with(&[("a", "A")]);
    let before = store.snapshot();
    let mut session = Session::new(&store);
    let mut slot = None;
    session.start_without_reader();
    assert!(session.reader_missing());
    assert_eq!(session.banners(), vec![Banner::ReaderNotDownloaded]);
    assert!(!session.storage_usable());
    assert_eq!(store.snapshot(), before);
    session.reader_arrived(&mut slot, R(), NOW);
    assert_eq!(slot.map(|p| p.id).as_deref(), Some("a"));
    assert!(session.banners().is_empty());
    // With nothing stored there is nothing to wait for.
    let empty = MemoryStore::new();
    let mut session = Session::new(&empty);
    session.start_without_reader();
    assert!(!session.reader_missing() && session.storage_usable());
}

#[test]
fn session_opening_an_unreadable_or_newer_plan_is_refused_and_the_open_plan_stays() {
    let store = store_with(&[("a", "A")]);
    store.put("trellis.plan.x", "nonsense");
    store.put(
        "trellis.plan.n",
        r#"{"format":"trellis-plan","version":99,"id":"n","name":"Future","revision":1}"#,
    );
    let mut tab = Tab::start(&store, 1);
    let refused = tab.open("x").refused.unwrap();
    assert!(
        refused.starts_with("That plan cannot be opened"),
        "{refused}"
    );
    let refused = tab.open("n").refused.unwrap();
    assert!(
        refused.contains("newer Trellis (file version 99)"),
        "{refused}"
    );
    assert_eq!(tab.id(), Some("a"));
    assert!(tab
        .open("gone")
        .refused
        .unwrap()
        .contains("no longer stored"));
}

#[test]
fn session_a_new_plan_is_stored_listed_last_and_opened() {
    let store = store_with(&[("a", "A")]);
    let mut tab = Tab::start(&store, 1);
    let outcome = tab.create("c", "Mine");
    assert!(outcome.plan_changed && outcome.ask_persistence);
    assert_eq!(tab.id(), Some("c"));
    assert_eq!(tab.names(), ["A", "Mine"]);
    tab.assert_open_is_stored();
    let index = schema::parse_index(&store.get(keys::INDEX_KEY).unwrap()).unwrap();
    assert_eq!(index.current.as_deref(), Some("c"));
    assert_eq!(index.plans.len(), 2);
}

#[test]
fn session_a_copy_is_listed_after_its_source_stored_and_open() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut tab = Tab::start(&store, 1);
    tab.edit(|p| p.prepared_by = "Unsaved yet".into());
    tab.session.duplicate(&mut tab.slot, "a", "c", R(), NOW);
    assert_eq!(tab.names(), ["A", "A (copy)", "B"]);
    assert_eq!(tab.id(), Some("c"));
    assert_eq!(tab.slot.as_ref().unwrap().prepared_by, "Unsaved yet");
    tab.assert_open_is_stored();
    assert_eq!(
        stored(&store, "a").unwrap().prepared_by,
        "Unsaved yet",
        "saved first"
    );
}

#[test]
fn session_renaming_the_open_plan_stores_it_at_once_and_undoes() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut tab = Tab::start(&store, 1);
    assert_eq!(tab.rename("a", "  Forum  ").refused, None);
    assert_eq!(tab.names(), ["Forum", "B"]);
    tab.assert_open_is_stored();
    assert!(tab.session.undo(&mut tab.slot));
    assert_eq!(tab.names(), ["A", "B"]);
    assert_eq!(
        tab.rename("a", " ").refused.as_deref(),
        Some("A plan needs a name.")
    );
}

#[test]
fn session_renaming_another_plan_checks_what_is_stored_and_refuses_with_nothing_changed() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut tab = Tab::start(&store, 1);
    assert_eq!(tab.rename("b", "Bee").refused, None);
    assert_eq!(stored(&store, "b").unwrap().name, "Bee");
    assert_eq!(stored(&store, "b").unwrap().revision, 2);
    store.fail(Some(full()));
    let before = store.snapshot();
    let refused = tab.rename("b", "Never").refused.unwrap();
    assert_eq!(
        refused,
        "Not renamed: storage is full. Nothing was changed."
    );
    assert_eq!(store.snapshot(), before);
    assert_eq!(tab.names(), ["A", "Bee"]);
    // The open plan's new name is an edit like typing: kept, and said not to be saved.
    assert_eq!(tab.rename("a", "Unsaved name").refused, None);
    assert_eq!(store.snapshot(), before);
    assert_eq!(tab.slot.as_ref().unwrap().name, "Unsaved name");
    assert_eq!(
        tab.session.status(),
        SaveStatus::NotSaved("storage is full".into())
    );
    assert!(tab.session.can_undo());
}

#[test]
fn session_another_tabs_new_plan_rename_and_delete_are_listed() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut one = Tab::start(&store, 1);
    let mut two = Tab::start(&store, 2);
    two.create("c", "C");
    two.rename("b", "Bee");
    two.delete("c");
    one.hear();
    assert_eq!(one.names(), ["A", "Bee"]);
    assert_eq!(
        one.session.trash().len(),
        1,
        "the other tab's trash is listed"
    );
    assert_eq!(one.id(), Some("a"));
}

#[test]
fn session_a_clean_tab_follows_another_tabs_save_of_the_open_plan() {
    let store = store_with(&[("a", "A")]);
    let mut one = Tab::start(&store, 1);
    let mut two = Tab::start(&store, 2);
    two.edit(|p| p.name = "From two".into());
    two.flush();
    let outcomes = one.hear();
    assert!(outcomes.iter().any(|o| o.plan_changed));
    assert_eq!(one.slot.as_ref().unwrap().name, "From two");
    assert_eq!(one.names(), ["From two"]);
}

#[test]
fn session_the_index_keeps_plans_another_tab_listed() {
    let store = store_with(&[("a", "A")]);
    let mut one = Tab::start(&store, 1);
    let mut two = Tab::start(&store, 2);
    two.create("c", "C");
    // Tab one writes the index before it hears of c: c stays in it.
    one.create("d", "D");
    let index = schema::parse_index(&store.get(keys::INDEX_KEY).unwrap()).unwrap();
    let ids: Vec<&str> = index.plans.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["a", "d", "c"]);
}

#[test]
fn session_blocked_storage_is_reported_and_plans_live_in_memory() {
    let store = MemoryStore::new();
    store.fail(Some(Fault::Blocked));
    let mut tab = Tab::start(&store, 1);
    tab.create("a", "A");
    tab.edit(|p| p.name = "In memory".into());
    assert_eq!(tab.flush(), Outcome::default());
    assert!(tab.session.has_unsaved_work());
    let outcome = tab.session.import(
        &mut tab.slot,
        Plan::new("i", "Imported"),
        false,
        "i2",
        R(),
        NOW,
    );
    assert_eq!(outcome.refused, None);
    assert_eq!(tab.names(), ["In memory", "Imported"]);
    let deleted = tab.delete("i");
    assert_eq!(tab.id(), Some("a"));
    tab.undo(&deleted);
    assert_eq!(tab.names(), ["In memory", "Imported"]);
    assert_eq!(tab.id(), Some("i"));
    store.fail(None);
    assert!(store.snapshot().is_empty());
}

#[test]
fn session_what_a_backup_holds_includes_unsaved_unreadable_and_trashed_plans() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    store.put("trellis.plan.x", "broken");
    let mut tab = Tab::start(&store, 1);
    tab.delete("b");
    tab.edit(|p| p.name = "A, not stored".into());
    store.fail(Some(full()));
    tab.flush();
    store.fail(None);
    let contents = tab.session.backup_contents(&tab.slot, R());
    let names: Vec<&str> = contents.plans.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["A, not stored"]);
    assert_eq!(contents.unreadable.len(), 1);
    assert_eq!(contents.unreadable[0].raw, "broken");
    assert_eq!(contents.trash.len(), 1);
    assert_eq!(contents.trash[0].0.name, "B");
}

#[test]
fn session_every_write_of_the_index_keeps_what_a_newer_trellis_added() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut index: serde_json::Value =
        serde_json::from_str(&store.get(keys::INDEX_KEY).unwrap()).unwrap();
    index["folders"] = serde_json::json!([{"name": "Work"}]);
    index["plans"][1]["folder"] = serde_json::json!("Work");
    store.put(keys::INDEX_KEY, &index.to_string());
    let mut tab = Tab::start(&store, 1);
    tab.session.create(&mut tab.slot, Plan::new("c", "C"), NOW);
    assert_eq!(tab.names(), ["A", "B", "C"]);
    let written: serde_json::Value =
        serde_json::from_str(&store.get(keys::INDEX_KEY).unwrap()).unwrap();
    assert_eq!(written["folders"], serde_json::json!([{"name": "Work"}]));
    assert_eq!(written["plans"][1]["folder"], serde_json::json!("Work"));
    assert_eq!(written["plans"][2]["id"], serde_json::json!("c"));
    assert_eq!(written["plans"][2].get("folder"), None);
}
