use super::*;

fn plan(id: &str, name: &str) -> Plan {
    Plan::new(id, name)
}

fn unreadable() -> UnreadableCopy {
    UnreadableCopy {
        key: "trellis.plan.pbroken".into(),
        reason: "Line 1, column 9: EOF while parsing".into(),
        raw: "{\"format\":\"trellis-plan\",\"na".into(),
    }
}

fn written() -> String {
    let mut changed = BTreeMap::new();
    changed.insert("a".to_string(), "2026-12-01T09:00:00.000Z".to_string());
    changed.insert("gone".to_string(), "2026-11-01T09:00:00.000Z".to_string());
    write_backup(
        &[plan("a", "Alpha"), plan("b", "Beta")],
        &changed,
        &[unreadable()],
        &[],
        "2026-12-03T10:15:00.000Z",
    )
}

#[test]
fn a_backup_round_trips_every_plan_and_keeps_unreadable_data_verbatim() {
    let backup = read_backup(&written(), PlanReader::linked()).unwrap();
    assert_eq!(backup.created, "2026-12-03T10:15:00.000Z");
    assert_eq!(
        backup.items,
        vec![
            BackupItem::Plan {
                plan: Box::new(plan("a", "Alpha")),
                changed: Some("2026-12-01T09:00:00.000Z".into()),
            },
            BackupItem::Plan {
                plan: Box::new(plan("b", "Beta")),
                changed: None,
            },
            BackupItem::Unreadable(unreadable()),
        ]
    );
}

#[test]
fn each_plan_in_a_backup_is_in_the_plan_format() {
    let doc: Value = serde_json::from_str(&written()).unwrap();
    assert_eq!(doc["format"], BACKUP_FORMAT);
    assert_eq!(doc["version"], BACKUP_VERSION);
    let first = doc["plans"][0].to_string();
    assert_eq!(PlanReader::linked().import(&first), Ok(plan("a", "Alpha")));
    assert_eq!(doc["unreadable"][0]["raw"], unreadable().raw);
    // Only listed plans' change times are written.
    assert!(doc["changed"].get("gone").is_none());
}

#[test]
fn the_file_name_carries_the_date() {
    assert_eq!(file_name("2026-12-03"), "trellis-backup-2026-12-03.json");
}

fn refusal(text: &str) -> String {
    match read_backup(text, PlanReader::linked()) {
        Err(err) => err.to_string(),
        Ok(backup) => panic!("accepted: {backup:?}"),
    }
}

#[test]
fn each_refusal_says_what_is_wrong() {
    assert_eq!(
        refusal(" \n"),
        "The file is empty: there is no backup in it."
    );
    assert!(refusal("{\"format\":").starts_with("This is not a Trellis backup: line 1, column 10:"));
    assert_eq!(
        refusal("[1, 2]"),
        "This is not a Trellis backup: the file holds a list."
    );
    assert!(
        refusal(r#"{"format":"trellis-plan","version":1,"id":"a","name":"A"}"#)
            .contains("single plan's file, not a backup")
    );
    assert_eq!(
        refusal(r#"{"format":"trellis-workspace","version":1}"#),
        "This is not a Trellis backup: its format is \"trellis-workspace\"."
    );
    assert!(refusal(r#"{"plans":[]}"#).contains("no \"format\": \"trellis-backup\" marker"));
    assert_eq!(
        refusal(r#"{"format":"trellis-backup","plans":[]}"#),
        "This Trellis backup has no valid version number (found none)."
    );
    assert_eq!(
        refusal(r#"{"format":"trellis-backup","version":"1","plans":[]}"#),
        "This Trellis backup has no valid version number (found \"1\")."
    );
    assert!(
        refusal(r#"{"format":"trellis-backup","version":7,"plans":[]}"#)
            .contains("newer version of Trellis (backup version 7; this app reads up to 1)")
    );
    assert_eq!(
        refusal(r#"{"format":"trellis-backup","version":1}"#),
        "This Trellis backup has no list of plans (`plans` is missing)."
    );
    assert_eq!(
        refusal(r#"{"format":"trellis-backup","version":1,"plans":{}}"#),
        "This Trellis backup is damaged: `plans` should be a list, but is an object."
    );
    assert_eq!(
        refusal(
            r#"{"format":"trellis-backup","version":1,"plans":[],"unreadable":[{"key":"k","reason":"r","raw":5}]}"#
        ),
        "This Trellis backup is damaged: `unreadable[0].raw` should be a text, but is a number."
    );
    assert_eq!(
        refusal(
            r#"{"format":"trellis-backup","version":1,"plans":[],"unreadable":[{"key":"k","raw":""}]}"#
        ),
        "This Trellis backup is damaged: `unreadable[0].reason` should be a text, but is missing."
    );
    assert_eq!(
        refusal(r#"{"format":"trellis-backup","version":1,"plans":[],"created":3}"#),
        "This Trellis backup is damaged: `created` should be a date text, but is a number."
    );
    let huge = " ".repeat(MAX_BACKUP_BYTES + 1);
    assert!(refusal(&huge).contains("at most 15 MB"));
}

#[test]
fn a_bad_plan_inside_a_backup_is_listed_as_refused_and_the_rest_still_restores() {
    let good = schema::export_plan(&plan("a", "Alpha"));
    let text = format!(
        r#"{{"format":"trellis-backup","version":1,"plans":[{good},{{"format":"trellis-plan","version":1,"id":"b","name":"Bad","goals":5}},{good}]}}"#
    );
    let backup = read_backup(&text, PlanReader::linked()).unwrap();
    assert_eq!(backup.plans().count(), 1);
    match &backup.items[1] {
        BackupItem::Refused { name, reason } => {
            assert_eq!(name, "Bad");
            assert!(reason.contains("`goals`"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        backup.items[2],
        BackupItem::Refused {
            name: "Alpha".into(),
            reason: "another plan in this backup has the same id \"a\"".into()
        }
    );
}

fn listed(workspace: &Workspace) -> Vec<(&str, &str)> {
    workspace
        .plans
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect()
}

#[test]
fn restore_adds_new_plans_and_follows_each_choice_then_undoes_as_one_step() {
    let mut workspace = Workspace::new();
    let mine_a = workspace.create_blank("a", "Alpha mine").unwrap();
    workspace.create_blank("b", "Beta mine").unwrap();
    workspace.create_blank("c", "Gamma mine").unwrap();
    let mut ids = ["n1", "n2"].into_iter();
    let restored = restore(
        &mut workspace,
        vec![
            (plan("a", "Alpha backup"), RestoreChoice::Replace),
            (plan("b", "Beta backup"), RestoreChoice::KeepBoth),
            (plan("c", "Gamma backup"), RestoreChoice::Skip),
            (plan("d", "Delta backup"), RestoreChoice::Replace),
        ],
        |id| (id == "a").then(|| mine_a.clone()),
        || ids.next().unwrap().to_string(),
    )
    .unwrap();
    assert_eq!(
        listed(&workspace),
        [
            ("a", "Alpha backup"),
            ("b", "Beta mine"),
            ("c", "Gamma mine"),
            ("n1", "Beta backup (imported)"),
            ("d", "Delta backup"),
        ]
    );
    let stored: Vec<&str> = restored.store.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(stored, ["a", "n1", "d"]);
    let (put_back, removed) = undo_restore(&mut workspace, restored.undo).unwrap();
    assert_eq!(put_back, vec![mine_a]);
    assert_eq!(removed, ["n1", "d"]);
    assert_eq!(
        listed(&workspace),
        [("a", "Alpha mine"), ("b", "Beta mine"), ("c", "Gamma mine")]
    );
}

#[test]
fn a_backup_larger_than_browser_storage_could_hold_is_refused_before_it_is_parsed() {
    // 16 MiB of an array's opening brackets: parsing would go as deep as serde_json lets it
    // before saying anything; the size says it first.
    for text in ["[".repeat(16 << 20), " ".repeat(16 << 20)] {
        assert_eq!(
            BackupSteps::begin(&text, PlanReader::linked()).err(),
            Some(BackupError::TooLarge { bytes: 16 << 20 })
        );
    }
}

#[test]
fn a_backup_of_a_full_storage_is_read() {
    // One plan filling the whole of localStorage with a stage's description in a script of
    // three bytes a character in UTF-8 (one UTF-16 unit each): the largest backup there is.
    let mut plan = plan("full", "Full");
    plan.curve.stages.push(crate::core::curve::Stage {
        id: "s1".into(),
        name: "Everyone".into(),
        ..Default::default()
    });
    plan.next_id = 1;
    let room = MAX_STORED_CHARS - schema::store_plan(&plan).encode_utf16().count() - 20;
    plan.curve.stages[0].description = std::iter::repeat_n('\u{754C}', room).collect();
    let stored = schema::store_plan(&plan).encode_utf16().count();
    assert!(stored <= MAX_STORED_CHARS && stored > MAX_STORED_CHARS - 100);
    let text = write_backup(
        std::slice::from_ref(&plan),
        &Default::default(),
        &[],
        &[],
        "2026-12-03",
    );
    assert!(text.len() <= MAX_BACKUP_BYTES, "{} bytes", text.len());
    let backup = read_backup(&text, PlanReader::linked()).unwrap();
    match &backup.items[..] {
        // Not assert_eq: the plan is megabytes long.
        [BackupItem::Plan { plan: read, .. }] => assert!(**read == plan, "read back otherwise"),
        [BackupItem::Refused { reason, .. }] => panic!("refused: {reason}"),
        other => panic!("{} items", other.len()),
    }
    // Where the characters are one byte, the file's indentation stays far below three times
    // the stored text.
    let sample = crate::core::sample::sample_plan(
        "p1",
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
    );
    let pretty = write_backup(
        std::slice::from_ref(&sample),
        &Default::default(),
        &[],
        &[],
        "2026-12-03",
    );
    assert!(pretty.len() < 2 * schema::store_plan(&sample).len());
}
