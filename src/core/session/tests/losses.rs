//! Each way the app once lost an edit (issue 29), as it happens now.

use super::*;
use crate::core::backup::RestoreChoice;
use crate::core::care::{self, Persistence};
use crate::core::sample::{sample_plan, SAMPLE_NAME};

fn edited_name(tab: &Tab, id: &str) -> Option<String> {
    tab.session.read_plan(&tab.slot, id, R()).map(|p| p.name)
}

/// Tab on a, b; a open with an edit that full storage refused.
fn refused_edit(store: &MemoryStore) -> Tab<'_> {
    let mut tab = Tab::start(store, 1);
    assert_eq!(tab.id(), Some("a"));
    tab.edit(|p| p.name = "A, edited".into());
    store.fail(Some(full()));
    tab.flush();
    assert_eq!(
        tab.session.status(),
        SaveStatus::NotSaved("storage is full".into())
    );
    tab
}

#[test]
fn session_switching_to_another_plan_with_storage_full_keeps_the_refused_edit() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut tab = refused_edit(&store);
    let outcome = tab.open("b");
    assert_eq!(outcome.refused, None);
    assert_eq!(tab.id(), Some("b"));
    // Kept in memory, listed as not saved, offered again as it was.
    assert_eq!(edited_name(&tab, "a").as_deref(), Some("A, edited"));
    assert!(tab.session.entries()[0].unsaved);
    assert!(tab.session.has_unsaved_work());
    tab.open("a");
    assert_eq!(
        tab.slot.as_ref().map(|p| p.name.as_str()),
        Some("A, edited")
    );
    assert!(tab.session.can_undo(), "its undo history came with it");
    // Once storage has room, it is stored.
    store.fail(None);
    tab.open("b");
    assert_eq!(
        stored(&store, "a").map(|p| p.name).as_deref(),
        Some("A, edited")
    );
    assert!(!tab.session.has_unsaved_work());
}

#[test]
fn session_adding_duplicating_importing_or_undoing_a_delete_with_storage_full_keeps_the_edit() {
    type Act = fn(&mut Tab) -> Outcome;
    let acts: [(&str, Act); 4] = [
        ("new plan", |t| t.create("c", "C")),
        ("duplicate", |t| {
            t.session.duplicate(&mut t.slot, "b", "c", R(), t.now)
        }),
        ("import", |t| {
            t.session
                .import(&mut t.slot, Plan::new("c", "C"), false, "c2", R(), t.now)
        }),
        ("share link's Add", |t| {
            t.session.import(
                &mut t.slot,
                Plan::new("b", "B again"),
                false,
                "c",
                R(),
                t.now,
            )
        }),
    ];
    for (what, act) in acts {
        let store = store_with(&[("a", "A"), ("b", "B")]);
        let mut tab = refused_edit(&store);
        let before = store.snapshot();
        let outcome = act(&mut tab);
        assert!(outcome.refused.is_some(), "{what}: refused");
        assert_eq!(store.snapshot(), before, "{what}: storage as it was");
        assert_eq!(tab.id(), Some("a"), "{what}: the open plan stays");
        assert_eq!(
            edited_name(&tab, "a").as_deref(),
            Some("A, edited"),
            "{what}"
        );
        assert!(tab.session.has_unsaved_work(), "{what}");
    }
    // Undo of a delete, with storage full by then.
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut tab = Tab::start(&store, 1);
    let deleted = tab.delete("b");
    tab.edit(|p| p.name = "A, edited".into());
    store.fail(Some(full()));
    tab.flush();
    let undone = tab.undo(&deleted);
    assert!(undone.refused.is_some());
    assert_eq!(edited_name(&tab, "a").as_deref(), Some("A, edited"));
}

#[test]
fn session_switching_in_a_conflict_or_under_a_newer_version_keeps_the_plan() {
    for newer in [false, true] {
        let store = store_with(&[("a", "A"), ("b", "B")]);
        let mut one = Tab::start(&store, 1);
        let mut two = Tab::start(&store, 2);
        one.edit(|p| p.name = "One's edit".into());
        two.edit(|p| p.name = "Two's edit".into());
        two.flush();
        if newer {
            let mut doc: serde_json::Value =
                serde_json::from_str(&store.get("trellis.plan.a").unwrap()).unwrap();
            doc["version"] = (schema::CURRENT_VERSION + 1).into();
            store.put("trellis.plan.a", &doc.to_string());
        }
        one.flush();
        assert!(one.session.status() != SaveStatus::Saved);
        one.open("b");
        assert_eq!(edited_name(&one, "a").as_deref(), Some("One's edit"));
        one.open("a");
        assert_eq!(one.slot.as_ref().unwrap().name, "One's edit");
        let banner = one.session.banners();
        assert!(
            banner.iter().any(|b| matches!(
                b,
                Banner::Conflict { .. } | Banner::NewerVersionStored { .. }
            )),
            "{banner:?}"
        );
    }
}

#[test]
fn session_with_blocked_storage_adding_a_blank_plan_after_the_sample_keeps_the_sample() {
    let store = MemoryStore::new();
    store.fail(Some(Fault::Blocked));
    let mut tab = Tab::start(&store, 1);
    assert!(!tab.session.storage_usable());
    assert!(matches!(
        tab.session.banners()[..],
        [Banner::Storage(StorageProblem::Unavailable(_))]
    ));
    let sample = sample_plan("s", chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap());
    tab.session.create(&mut tab.slot, sample.clone(), NOW);
    tab.edit(|p| p.prepared_by = "Me".into());
    tab.create("b", "Blank");
    assert_eq!(tab.id(), Some("b"));
    assert_eq!(tab.names(), [SAMPLE_NAME, "Blank"]);
    let kept = tab.session.read_plan(&tab.slot, "s", R()).unwrap();
    assert_eq!(kept.prepared_by, "Me");
    tab.open("s");
    assert_eq!(tab.slot.as_ref().unwrap().prepared_by, "Me");
    assert!(
        tab.session.has_unsaved_work(),
        "leaving the page asks first"
    );
    assert_eq!(
        tab.session.status(),
        SaveStatus::NotSaved("storage is blocked".into())
    );
    store.fail(None);
    assert!(store.snapshot().is_empty(), "nothing was written");
}

#[test]
fn session_leaving_the_page_asks_only_while_something_is_unsaved() {
    let store = store_with(&[("a", "A")]);
    let mut tab = Tab::start(&store, 1);
    assert!(!tab.session.has_unsaved_work());
    tab.edit(|p| p.name = "Typed".into());
    assert!(tab.session.has_unsaved_work(), "before the debounced save");
    tab.flush();
    assert!(!tab.session.has_unsaved_work());
}

#[test]
fn session_a_restore_failing_at_the_open_plan_rolls_back_and_never_writes_the_backup_later() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut tab = Tab::start(&store, 1);
    let before = store.snapshot();
    let from_backup = vec![
        (Plan::new("new", "From the backup"), RestoreChoice::KeepBoth),
        (Plan::new("a", "A from the backup"), RestoreChoice::Replace),
    ];
    // Writes: the new plan, the trash entry of a, a itself (the open plan), the index.
    store.fail_mutation(Some(2), false);
    let outcome = tab
        .session
        .restore(&mut tab.slot, from_backup, || "k".into(), R(), NOW);
    let why = outcome.refused.expect("refused");
    assert!(
        why.starts_with(
            "Nothing was restored: “A from the backup” could not be stored: storage is full."
        ),
        "{why}"
    );
    assert!(why.ends_with("Nothing was changed."), "{why}");
    assert_eq!(store.snapshot(), before);
    tab.assert_open_is_stored();
    assert!(!tab.session.has_unsaved_work());
    assert_eq!(tab.names(), ["A", "B"]);
    // The next edit saves the user's plan, not the backup's copy.
    tab.edit(|p| p.prepared_by = "Me".into());
    tab.flush();
    assert_eq!(stored(&store, "a").unwrap().name, "A");
}

#[test]
fn session_a_restore_whose_undo_writes_fail_too_names_what_could_not_be_put_back() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut tab = Tab::start(&store, 1);
    let from_backup = vec![
        (Plan::new("b", "B from the backup"), RestoreChoice::Replace),
        (Plan::new("c", "C"), RestoreChoice::KeepBoth),
    ];
    // Trash entry of b, b, then c fails and everything after it: b cannot be put back.
    store.fail_mutation(Some(2), true);
    let outcome = tab
        .session
        .restore(&mut tab.slot, from_backup, || "k".into(), R(), NOW);
    let why = outcome.refused.expect("refused");
    assert!(
        why.contains("These could not be put back as they were:"),
        "{why}"
    );
    assert!(why.contains("“B”"), "{why}");
}

#[test]
fn session_a_plan_deleted_in_another_tab_is_never_written_back_silently() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut one = Tab::start(&store, 1);
    let mut two = Tab::start(&store, 2);
    assert_eq!(one.id(), Some("a"));
    two.delete("a");
    assert!(store.get("trellis.plan.a").is_none());
    // Tab one edits before it hears of the delete: the save is refused.
    one.edit(|p| p.name = "Edited in one".into());
    one.flush();
    assert!(store.get("trellis.plan.a").is_none(), "not written back");
    assert_eq!(
        one.session.banners(),
        vec![Banner::DeletedElsewhere {
            plan_id: "a".into()
        }]
    );
    assert!(one.session.has_unsaved_work());
    // Hearing of it changes nothing more; a later save writes nothing either.
    one.hear();
    one.edit(|p| p.name = "Edited again".into());
    one.flush();
    assert!(store.get("trellis.plan.a").is_none());
    // "Close it": this tab's edits go to the trash beside the deleted version.
    one.session.take_theirs(&mut one.slot, R(), NOW);
    assert_eq!(one.id(), Some("b"));
    let trashed: Vec<String> = trash_keys(&store)
        .iter()
        .filter_map(|k| store.get(k))
        .collect();
    assert!(trashed.iter().any(|t| t.contains("Edited again")));
    assert!(trashed.iter().any(|t| t.contains("\"name\":\"A\"")));
}

#[test]
fn session_a_clean_tab_hears_of_a_delete_and_keeps_its_copy_until_told() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut one = Tab::start(&store, 1);
    let mut two = Tab::start(&store, 2);
    two.delete("a");
    one.hear();
    assert!(matches!(
        one.session.save_state(),
        SaveState::DeletedElsewhere { unsaved: false }
    ));
    assert_eq!(one.ids(), ["a", "b"], "still listed here, as not stored");
    // "Keep it": stored again, for every tab.
    one.session.keep_mine(&mut one.slot, NOW);
    assert_eq!(stored(&store, "a").map(|p| p.name).as_deref(), Some("A"));
    two.hear();
    assert!(two.ids().contains(&"a"));
    // "Close it" with nothing unsaved adds nothing to the trash.
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut one = Tab::start(&store, 1);
    let mut two = Tab::start(&store, 2);
    two.delete("a");
    one.hear();
    let in_trash = trash_keys(&store).len();
    one.session.take_theirs(&mut one.slot, R(), NOW);
    assert_eq!(trash_keys(&store).len(), in_trash);
    assert_eq!(one.ids(), ["b"]);
}

#[test]
fn session_exporting_one_plan_leaves_the_reminder_for_the_others() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut tab = Tab::start(&store, 1);
    tab.edit(|p| p.name = "A2".into());
    tab.flush();
    tab.open("b");
    tab.edit(|p| p.name = "B2".into());
    tab.flush();
    tab.session.exported_whole("a", NOW + 1.0);
    let later = NOW + 20.0 * care::DAY_MS;
    assert!(tab.session.care().reminder_due(later), "b is not backed up");
    tab.session
        .backed_up_all(&["a".into(), "b".into()], NOW + 2.0);
    assert!(!tab.session.care().reminder_due(later));
}

#[test]
fn session_another_tabs_backup_date_is_never_rolled_back() {
    let store = store_with(&[("a", "A"), ("b", "B")]);
    let mut one = Tab::start(&store, 1);
    let mut two = Tab::start(&store, 2);
    one.edit(|p| p.name = "A2".into());
    one.flush();
    two.act()
        .session
        .backed_up_all(&["a".into(), "b".into()], NOW + 5.0);
    // Tab one saves again without having heard of the backup.
    one.edit(|p| p.name = "A3".into());
    one.flush();
    let record = care::DataCare::read(&store.get(keys::CARE_KEY).unwrap());
    assert_eq!(record.last_backup_ms, Some(NOW + 5.0));
    // And it hears of it.
    one.hear();
    assert_eq!(one.session.care().last_backup_ms, Some(NOW + 5.0));
}

#[test]
fn session_an_unreadable_plan_without_a_backup_copy_can_be_downloaded_and_deleted() {
    let store = store_with(&[("a", "A")]);
    let raw = r#"{"format":"trellis-plan","version":1,"id":"x","name":"Cut"#;
    store.put("trellis.plan.x", raw);
    // Storage was full when it was first read: no copy could be made.
    store.fail(Some(full()));
    let mut tab = Tab::start(&store, 1);
    store.fail(None);
    let entry = tab
        .session
        .entries()
        .iter()
        .find(|e| e.id == "x")
        .unwrap()
        .clone();
    assert!(matches!(
        entry.condition,
        Condition::Unreadable {
            backup_key: None,
            ..
        }
    ));
    assert_eq!(tab.session.raw_text("x").as_deref(), Ok(raw));
    let outcome = tab.session.delete_unreadable("x");
    assert_eq!(outcome.refused, None);
    assert!(store.get("trellis.plan.x").is_none());
    assert_eq!(tab.ids(), ["a"]);
}

#[test]
fn session_editing_the_sample_asks_to_keep_the_data_on_its_first_save() {
    let store = MemoryStore::new();
    let mut tab = Tab::start(&store, 1);
    let sample = sample_plan("s", chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap());
    let added = tab.session.create(&mut tab.slot, sample, NOW);
    assert!(
        !added.ask_persistence,
        "the sample as added is not the user's work"
    );
    tab.edit(|p| p.prepared_by = "Me".into());
    let saved = tab.flush();
    assert!(saved.ask_persistence, "the first save of an edit asks");
    assert_eq!(tab.session.care().persistence, Some(Persistence::Refused));
    tab.session
        .care_change(|c| c.persistence = Some(Persistence::Granted));
    tab.edit(|p| p.prepared_by = "Me again".into());
    assert!(!tab.flush().ask_persistence, "asked once");
}
