use super::*;
use crate::core::workspace::{PlanSummary, Workspace};
use serde_json::json;

fn err(text: &str) -> String {
    match PlanReader::linked().import(text) {
        Ok(plan) => panic!("expected an error, read {plan:?}"),
        Err(err) => err.to_string(),
    }
}

fn doc(fields: Value) -> String {
    let mut doc = json!({"format": "trellis-plan", "version": CURRENT_VERSION});
    if let (Some(doc), Value::Object(fields)) = (doc.as_object_mut(), fields) {
        doc.extend(fields);
    }
    doc.to_string()
}

// --- the migration chain, with stand-in steps (version 1 has none yet) ---

fn rename_title_to_name(mut doc: Map<String, Value>) -> Result<Map<String, Value>, String> {
    let title = doc.shift_remove("title").ok_or("it has no title")?;
    doc.insert("name".into(), title);
    Ok(doc)
}

fn add_revision(mut doc: Map<String, Value>) -> Result<Map<String, Value>, String> {
    doc.entry("revision").or_insert(json!(0));
    Ok(doc)
}

const STEPS: &[Migration] = &[rename_title_to_name, add_revision];

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

#[test]
fn migration_chain_runs_every_step_from_the_documents_version() {
    let v1 = object(json!({"format": "trellis-plan", "version": 1, "title": "T"}));
    let migrated = migrate_with(v1, 1, STEPS).unwrap();
    assert_eq!(
        Value::Object(migrated),
        json!({"format": "trellis-plan", "version": 3, "name": "T", "revision": 0})
    );
}

#[test]
fn migration_chain_skips_steps_the_document_is_already_past() {
    let v2 = object(json!({"version": 2, "name": "T"}));
    let migrated = migrate_with(v2, 2, STEPS).unwrap();
    assert_eq!(
        Value::Object(migrated),
        json!({"version": 3, "name": "T", "revision": 0})
    );
}

#[test]
fn migrating_a_current_document_is_the_identity() {
    let current = object(json!({"version": 3, "name": "T", "x": [1, 2]}));
    assert_eq!(migrate_with(current.clone(), 3, STEPS), Ok(current.clone()));
    let plan_doc = object(json!({"format": "trellis-plan", "version": CURRENT_VERSION, "id": "p"}));
    assert_eq!(
        migrate_plan(plan_doc.clone(), CURRENT_VERSION),
        Ok(plan_doc)
    );
}

#[test]
fn a_failing_migration_step_names_its_versions_and_reason() {
    let v1 = object(json!({"version": 1, "name": "no title"}));
    let error = migrate_with(v1, 1, STEPS).unwrap_err();
    assert_eq!(
        error,
        ImportError::MigrationFailed {
            from: 1,
            to: 2,
            reason: "it has no title".into()
        }
    );
    assert_eq!(
        error.to_string(),
        "This plan is from version 1 of Trellis and could not be upgraded to version 2: it has no title"
    );
}

#[test]
fn the_plan_migration_chain_reaches_the_current_version() {
    assert_eq!(PLAN_MIGRATIONS.len() as u64 + 1, CURRENT_VERSION);
}

// --- export ---

#[test]
fn export_starts_with_format_and_version_in_a_stable_order() {
    let mut plan = Plan::new("p1", "Forum");
    plan.extra.insert("zeta".into(), json!(1));
    plan.extra.insert("alpha".into(), json!(2));
    let text = export_plan(&plan);
    let keys: Vec<String> = object(serde_json::from_str(&text).unwrap())
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        keys,
        [
            "format", "version", "id", "name", "revision", "next_id", "goals", "curve", "career",
            "zeta", "alpha"
        ]
    );
    assert!(text.starts_with("{\n  \"format\": \"trellis-plan\",\n  \"version\": 2,\n"));
    assert_eq!(export_plan(&plan), text);
}

#[test]
fn export_never_writes_the_markers_twice() {
    let mut plan = Plan::new("p1", "N");
    plan.extra.insert("format".into(), json!("other"));
    plan.extra.insert("version".into(), json!(99));
    let text = export_plan(&plan);
    assert_eq!(text.matches("\"format\"").count(), 1);
    assert_eq!(
        PlanReader::linked().import(&text).map(|p| p.extra.len()),
        Ok(0)
    );
}

#[test]
fn export_then_import_gives_the_same_plan() {
    let mut plan = Plan::new("p1", "Forum <script>alert(1)</script> \u{202e}");
    plan.revision = 12;
    plan.next_id = 30;
    plan.extra
        .insert("later".into(), json!({"nested": [1, "two", null]}));
    assert_eq!(PlanReader::linked().import(&export_plan(&plan)), Ok(plan));
}

// --- import, in the order of the checks ---

#[test]
fn import_over_the_size_limit_is_refused_before_parsing() {
    let huge = " ".repeat(MAX_IMPORT_BYTES + 1);
    assert_eq!(
        PlanReader::linked().import(&huge),
        Err(ImportError::TooLarge {
            bytes: MAX_IMPORT_BYTES + 1,
            limit: MAX_IMPORT_BYTES
        })
    );
    assert_eq!(
        err(&huge),
        "This file is 10 MB; Trellis opens plans up to 10 MB."
    );
}

#[test]
fn stored_plans_are_not_held_to_the_import_size_limit() {
    let mut plan = Plan::new("p1", "N");
    plan.extra
        .insert("big".into(), json!("x".repeat(MAX_IMPORT_BYTES)));
    let text = export_plan(&plan);
    assert!(PlanReader::linked().import(&text).is_err());
    assert_eq!(PlanReader::linked().read_stored(&text), Ok(plan));
}

#[test]
fn import_of_bytes_that_are_not_text_is_refused() {
    assert_eq!(
        PlanReader::linked().import_bytes(b"{\"a\": \xff\xfe}"),
        Err(ImportError::NotText { valid_up_to: 6 })
    );
    let big = vec![0xff_u8; MAX_IMPORT_BYTES + 1];
    assert!(matches!(
        PlanReader::linked().import_bytes(&big),
        Err(ImportError::TooLarge { .. })
    ));
    let plan = Plan::new("p", "N");
    assert_eq!(
        PlanReader::linked().import_bytes(export_plan(&plan).as_bytes()),
        Ok(plan)
    );
}

#[test]
fn import_of_empty_or_blank_text_says_it_is_empty() {
    assert_eq!(PlanReader::linked().import(""), Err(ImportError::Empty));
    assert_eq!(
        PlanReader::linked().import(" \n\t "),
        Err(ImportError::Empty)
    );
    assert_eq!(
        PlanReader::linked().import("\u{feff}"),
        Err(ImportError::Empty)
    );
}

#[test]
fn import_tolerates_a_byte_order_mark() {
    let plan = Plan::new("p", "N");
    assert_eq!(
        PlanReader::linked().import(&format!("\u{feff}{}", export_plan(&plan))),
        Ok(plan)
    );
}

#[test]
fn json_syntax_errors_give_line_and_column() {
    assert_eq!(
        err("{\n  \"format\": \"trellis-plan\",\n  \"version\": 1 \"id\": \"p\"\n}"),
        "Line 3, column 16: expected `,` or `}`"
    );
}

#[test]
fn truncated_json_says_the_file_is_cut_short() {
    let text = export_plan(&Plan::new("p", "N"));
    for cut in [
        text.len() / 2,
        text.len() - 1,
        text.find("\"N").unwrap_or(0) + 2,
    ] {
        assert!(
            err(&text[..cut]).ends_with(": the file ends too soon (is it cut short?)"),
            "cut at {cut}"
        );
    }
}

#[test]
fn deeply_nested_json_is_refused_without_overflowing_the_stack() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(
        PlanReader::linked().import(&deep),
        Err(ImportError::TooDeep {
            line: 1,
            column: 128
        })
    );
    let deep_objects = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    assert!(matches!(
        PlanReader::linked().import(&deep_objects),
        Err(ImportError::TooDeep { .. })
    ));
}

#[test]
fn json_that_is_not_an_object_is_not_a_plan() {
    assert_eq!(
        err("[1, 2]"),
        "This is not a Trellis plan: it is a list, not an object."
    );
    assert_eq!(
        err("\"hello\""),
        "This is not a Trellis plan: it is just the text \"hello\"."
    );
}

#[test]
fn json_without_the_format_marker_is_not_a_plan() {
    assert_eq!(
        err(r#"{"id": "p", "name": "N"}"#),
        "This is not a Trellis plan: it has no \"format\": \"trellis-plan\" marker."
    );
    assert_eq!(
        err(r#"{"format": 3}"#),
        "This is not a Trellis plan: its format is the number 3."
    );
}

#[test]
fn a_workspace_index_is_recognised_and_refused_as_a_plan() {
    let index = export_workspace(&Workspace::default());
    assert_eq!(
        PlanReader::linked().import(&index),
        Err(ImportError::WorkspaceNotPlan)
    );
}

#[test]
fn import_of_newer_version_is_refused_with_its_version() {
    let text = r#"{"format": "trellis-plan", "version": 7, "id": "p", "name": "N"}"#;
    assert_eq!(
        err(text),
        "This plan was made by a newer version of Trellis (version 7); this app reads up to 2 \
         — update Trellis or open it where it was made."
    );
    assert_eq!(
        PlanReader::linked().read_stored(text),
        Err(ImportError::NewerVersion {
            version: 7,
            supported: 2
        })
    );
}

#[test]
fn missing_zero_or_non_numeric_versions_are_refused() {
    let base =
        |version: &str| format!(r#"{{"format": "trellis-plan"{version}, "id": "p", "name": "N"}}"#);
    assert_eq!(
        err(&base("")),
        "This Trellis plan has no valid version number (found none)."
    );
    assert!(err(&base(r#", "version": 0"#)).contains("(found the number 0)"));
    assert!(err(&base(r#", "version": 1.5"#)).contains("(found the number 1.5)"));
    assert!(err(&base(r#", "version": "1""#)).contains("(found the text \"1\")"));
}

#[test]
fn missing_plan_fields_are_named() {
    assert_eq!(err(&doc(json!({"id": "p"}))), "`name` is missing.");
}

#[test]
fn wrongly_typed_plan_fields_are_named_with_expected_type() {
    assert_eq!(
        err(&doc(json!({"id": "p", "name": "N", "revision": "three"}))),
        "`revision`: expected a whole number, 0 or more, found the text \"three\"."
    );
}

#[test]
fn negative_revision_is_out_of_range() {
    assert_eq!(
        err(&doc(json!({"id": "p", "name": "N", "next_id": -1}))),
        "`next_id`: -1 is out of range (expected a whole number, 0 or more)."
    );
}

#[test]
fn fields_this_build_does_not_know_are_kept_and_only_their_links_are_judged() {
    // What a newer build's record names, and which kind, is not this build's to judge.
    let text = doc(json!({"id": "p", "name": "N",
        "later": {"items": [{"id": "p", "owner_id": "nobody", "timezone_id": "Europe/Paris"}]}}));
    let plan = PlanReader::linked().import(&text).unwrap();
    assert_eq!(plan.extra["later"]["items"][0]["owner_id"], "nobody");
    // Its links are still held to the safe schemes.
    let text =
        doc(json!({"id": "p", "name": "N", "later": {"items": [{"home_url": "javascript:x"}]}}));
    assert_eq!(
        err(&text),
        "`later.items[0].home_url`: only http, https and mailto links are allowed, not \"javascript:x\"."
    );
}

#[test]
fn empty_plan_id_is_refused() {
    assert_eq!(
        err(&doc(json!({"id": "", "name": "N"}))),
        "`id`: an id can't be empty."
    );
}

#[test]
fn unknown_fields_survive_import_and_export() {
    let text = doc(json!({"id": "p", "name": "N", "fromTheFuture": {"x": [1, {"y": true}]}}));
    let plan = PlanReader::linked().import(&text).unwrap();
    let again: Value = serde_json::from_str(&export_plan(&plan)).unwrap();
    assert_eq!(again["fromTheFuture"], json!({"x": [1, {"y": true}]}));
}

#[test]
fn unknown_fields_of_records_inside_records_are_checked_like_the_plan_s() {
    // A link under a key this build does not know, in a check-in: held to the safe schemes.
    let text = doc(
        json!({"id": "p", "name": "N", "goals": {"goals": [{"id": "g1",
        "check_ins": [{"id": "c2", "date": "2026-01-01", "value": 1,
            "evidence": {"home_url": "javascript:x"}}]}]}}),
    );
    assert_eq!(
        err(&text),
        "`goals.goals[0].check_ins[0].evidence.home_url`: only http, https and mailto links \
         are allowed, not \"javascript:x\"."
    );
    // An id a newer Trellis gave a record inside an objective's unknown field: never handed
    // out again.
    let text = doc(
        json!({"id": "p", "name": "N", "next_id": 3, "goals": {"objectives": [
        {"id": "o1", "title": "O", "reviews": [{"id": "v41", "note": "later"}]}]}}),
    );
    let mut plan = PlanReader::linked().import(&text).unwrap();
    assert_eq!(plan.next_id, 41);
    assert_eq!(plan.fresh_id("g"), "g42");
}

#[test]
fn a_build_of_version_1_refuses_what_this_build_writes() {
    // Builds of version 1 keep unknown fields only in nine record types, so they would drop
    // an objective's scope or key areas, a snapshot's flows or a goal's period on their next
    // save. What this build writes says a version they refuse as newer.
    let plan = crate::core::sample::sample_plan(
        "p1",
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
    );
    for text in [store_plan(&plan), export_plan(&plan)] {
        let header = peek_header(&text);
        assert_eq!(header.format.as_deref(), Some(PLAN_FORMAT));
        assert!(
            header.version.is_some_and(|version| version > 1),
            "{header:?}"
        );
    }
    // And this build reads version 1 as it was written: the step to version 2 is the identity.
    let mut doc: Value = serde_json::from_str(&export_plan(&plan)).unwrap();
    doc["version"] = json!(1);
    let text = doc.to_string();
    assert!(direct::read(&text).is_some());
    assert_eq!(PlanReader::linked().import(&text), Ok(plan.clone()));
    assert_eq!(full_route(&text), Ok(plan));
}

#[test]
fn check_plan_finds_problems_in_a_plan_in_memory() {
    let mut plan = Plan::new("p", "N");
    assert_eq!(check_plan(&plan), Ok(()));
    plan.goals.goals.push(crate::core::goals::Goal {
        id: "g1".into(),
        objective_id: Some("nobody".into()),
        ..Default::default()
    });
    assert!(matches!(
        check_plan(&plan),
        Err(ImportError::DanglingReference { .. })
    ));
}

// --- the workspace index ---

fn sample_workspace() -> Workspace {
    Workspace {
        plans: vec![
            PlanSummary {
                id: "a".into(),
                name: "A".into(),
                extra: Default::default(),
            },
            PlanSummary {
                id: "b".into(),
                name: "B".into(),
                extra: Default::default(),
            },
        ],
        current: Some("b".into()),
        extra: Default::default(),
    }
}

#[test]
fn workspace_index_round_trips() {
    let text = export_workspace(&sample_workspace());
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value,
        json!({"format": "trellis-workspace", "version": 1,
               "plans": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
               "current": "b"})
    );
    assert_eq!(parse_workspace(&text), Ok(sample_workspace()));
}

#[test]
fn workspace_current_naming_no_plan_is_read_as_none() {
    let text = r#"{"format":"trellis-workspace","version":1,"plans":[{"id":"a","name":"A"}],"current":"gone"}"#;
    assert_eq!(parse_workspace(text).map(|w| w.current), Ok(None));
}

#[test]
fn workspace_with_duplicate_plan_ids_is_refused() {
    let text = r#"{"format":"trellis-workspace","version":1,"plans":[{"id":"a","name":"A"},{"id":"a","name":"B"}],"current":null}"#;
    assert_eq!(
        parse_workspace(text).unwrap_err().to_string(),
        "`plans[1].id`: the id \"a\" is already used at `plans[0].id`; every id in a plan must be unique."
    );
}

#[test]
fn a_plan_is_not_read_as_the_workspace_index() {
    let plan = export_plan(&Plan::new("p", "N"));
    assert_eq!(
        parse_workspace(&plan).unwrap_err().to_string(),
        "This is not a Trellis workspace index: it is a single plan."
    );
    assert!(matches!(
        parse_workspace("[]"),
        Err(ImportError::NotAWorkspace { .. })
    ));
}

#[test]
fn newer_workspace_index_is_refused_with_its_version() {
    let text = r#"{"format":"trellis-workspace","version":4,"plans":[]}"#;
    assert_eq!(
        parse_workspace(text),
        Err(ImportError::NewerWorkspace {
            version: 4,
            supported: 1
        })
    );
}

// --- what the storage layer uses ---

#[test]
fn stored_plans_are_compact_and_read_back() {
    let mut plan = Plan::new("p1", "N");
    plan.revision = 4;
    let text = store_plan(&plan);
    assert!(!text.contains('\n'));
    assert!(text.starts_with(r#"{"format":"trellis-plan","version":2,"id":"p1""#));
    assert_eq!(PlanReader::linked().read_stored(&text), Ok(plan));
}

#[test]
fn header_is_read_from_documents_that_do_not_validate() {
    let text = r#"{"format":"trellis-plan","version":9,"name":"Later","revision":3,"goals":{"new":[]}, "id": 5}"#;
    assert_eq!(
        peek_header(text),
        Header {
            format: Some("trellis-plan".into()),
            version: Some(9),
            name: Some("Later".into()),
            revision: Some(3),
        }
    );
}

#[test]
fn document_lists_every_plan_field_in_order() {
    let mut plan = crate::core::sample::sample_plan(
        "p1",
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
    );
    plan.extra
        .insert("later_tool".into(), json!({"kept": [1, 2]}));
    plan.prepared_by = "Alex Kim, DevRel".into();
    plan.base = Some(base_of(&plan));
    let fields = object(serde_json::to_value(&plan).unwrap());
    let stored = object(serde_json::from_str(&store_plan(&plan)).unwrap());
    let mut expected = vec!["format".to_string(), "version".to_string()];
    expected.extend(fields.keys().cloned());
    assert_eq!(stored.keys().cloned().collect::<Vec<_>>(), expected);
    for (key, value) in &fields {
        assert_eq!(&stored[key], value, "{key}");
    }
    assert_eq!(
        PlanReader::linked().read_stored(&store_plan(&plan)),
        Ok(plan.clone())
    );
    assert_eq!(PlanReader::linked().import(&export_plan(&plan)), Ok(plan));
}

#[test]
fn a_save_writes_the_revision_it_is_given_without_changing_the_plan() {
    let mut plan = Plan::new("p1", "N");
    plan.revision = 4;
    let text = store_plan_at(&plan, 5);
    assert_eq!(plan.revision, 4);
    assert_eq!(peek_header(&text).revision, Some(5));
    let back = PlanReader::linked().read_stored(&text).unwrap();
    assert_eq!(back.revision, 5);
}

#[test]
fn leading_header_is_read_from_the_start_of_a_stored_plan() {
    let mut plan = Plan::new("p1", "Name");
    plan.revision = 12;
    let text = store_plan(&plan);
    let whole = peek_header(&text);
    assert_eq!(whole.revision, Some(12));
    assert_eq!(peek_leading_header(&text), Some(whole.clone()));
    // The start alone is enough, even cut in the middle of what follows.
    let cut = text.find("\"next_id\"").unwrap() + 3;
    assert_eq!(peek_leading_header(&text[..cut]), Some(whole));
}

#[test]
fn leading_header_gives_up_when_the_start_does_not_hold_it() {
    let mut plan = Plan::new("p1", "x".repeat(10_000));
    plan.revision = 3;
    let text = store_plan(&plan);
    assert_eq!(peek_leading_header(&text[..4096]), None);
    assert_eq!(peek_leading_header(&text).and_then(|h| h.revision), Some(3));
    for text in [
        "",
        "garbage",
        "[1]",
        r#"{"format":"trellis-plan","version":1}"#,
    ] {
        assert_eq!(peek_leading_header(text), None, "{text:?}");
    }
    // A newer version is reported, so a save can refuse it.
    let newer = r#"{"format":"trellis-plan","version":9,"revision":2,"future":"#;
    assert_eq!(peek_leading_header(newer).and_then(|h| h.version), Some(9));
}

#[test]
fn an_import_in_steps_reads_what_an_import_reads() {
    let plan = crate::core::sample::sample_plan(
        "p1",
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
    );
    let text = export_plan(&plan);
    let mut steps = ImportSteps::begin(&text).unwrap();
    steps.read_fields(PlanReader::linked()).unwrap();
    assert_eq!(
        steps.finish(PlanReader::linked()),
        PlanReader::linked().import(&text)
    );
    // Each step refuses what it checks, with PlanReader::import's words.
    let bad_type = doc(json!({"id": "p", "name": 5}));
    let mut steps = ImportSteps::begin(&bad_type).unwrap();
    assert_eq!(
        steps.read_fields(PlanReader::linked()),
        PlanReader::linked().import(&bad_type).map(|_| ())
    );
    let dangling = doc(
        json!({"id": "p", "name": "N", "goals": {"goals": [{"id": "g1", "objective_id": "o9"}]}}),
    );
    let mut steps = ImportSteps::begin(&dangling).unwrap();
    steps.read_fields(PlanReader::linked()).unwrap();
    assert_eq!(
        steps.finish(PlanReader::linked()),
        PlanReader::linked().import(&dangling)
    );
    assert!(PlanReader::linked().import(&dangling).is_err());
    let huge = " ".repeat(MAX_IMPORT_BYTES + 1);
    assert!(matches!(
        ImportSteps::begin(&huge),
        Err(ImportError::TooLarge { .. })
    ));
}

#[test]
fn header_of_garbage_is_empty() {
    for text in [
        "",
        "garbage",
        "[1]",
        "{\"version\": \"x\"",
        "{\"version\": -2}",
    ] {
        let header = peek_header(text);
        assert_eq!(header.version, None, "{text:?}");
        assert_eq!(header.format, None, "{text:?}");
    }
}

#[test]
fn the_index_keeps_what_a_newer_trellis_added() {
    let stored = r#"{"format":"trellis-workspace","version":1,
        "plans":[{"id":"a","name":"A","pinned":true},{"id":"gone","name":"G","colour":"red"}],
        "current":"a","folders":[{"name":"Q3"}]}"#;
    let kept = parse_index(stored).unwrap();
    let order = [
        ("b".to_string(), "B".to_string()),
        ("a".to_string(), "A renamed".to_string()),
    ];
    let text = store_index(&order, Some("b"), &kept);
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["folders"], json!([{"name": "Q3"}]));
    assert_eq!(
        doc["plans"],
        json!([{"id": "b", "name": "B"}, {"id": "a", "name": "A renamed", "pinned": true}])
    );
    assert_eq!(doc["current"], json!("b"));
}

#[test]
fn stored_index_lists_plans_in_order() {
    let order = [
        ("b".to_string(), "B".to_string()),
        ("a".to_string(), "A".to_string()),
    ];
    let text = store_index(&order, Some("a"), &Workspace::default());
    let workspace = parse_index(&text).unwrap();
    let ids: Vec<&str> = workspace.plans.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["b", "a"]);
    assert_eq!(workspace.current.as_deref(), Some("a"));
}

#[test]
fn file_stem_replaces_characters_file_systems_refuse() {
    assert_eq!(super::file_stem("Q1/Q2: plan?"), "Q1-Q2- plan-");
    assert_eq!(super::file_stem("evil\u{202E}txt.exe"), "evil-txt.exe");
    assert_eq!(super::file_stem("  ..  "), "plan");
}

// --- the id counter of a plan that enters ---

fn low_counter_doc() -> String {
    doc(json!({
        "id": "p9000", "name": "Hand-edited", "next_id": 2,
        "goals": {"objectives": [{"id": "o1"}],
                  "goals": [{"id": "g7", "objective_id": "o1",
                             "steps": [{"id": "s12"}], "extra": {"id": "x30"}},
                            {"id": "g007"}]}
    }))
}

#[test]
fn import_raises_next_id_past_every_id_already_in_the_plan() {
    let mut plan = PlanReader::linked().import(&low_counter_doc()).unwrap();
    // s12 and the unknown field's x30 count; the plan's own id and g007 (which
    // no fresh id can equal) do not.
    assert_eq!(plan.next_id, 30);
    let fresh = crate::core::goals::add_goal(&mut plan, None).unwrap();
    assert_eq!(fresh, "g31");
    assert_eq!(check_plan(&plan), Ok(()));
}

#[test]
fn a_stored_plan_with_a_low_next_id_never_hands_out_a_taken_id() {
    let mut plan = PlanReader::linked()
        .read_stored(&low_counter_doc())
        .unwrap();
    let ids: Vec<String> = (0..40).map(|_| plan.fresh_id("s")).collect();
    assert!(!ids.contains(&"s12".to_string()));
    assert_eq!(plan.next_id, 70);
}

#[test]
fn a_plan_whose_next_id_already_covers_its_ids_imports_unchanged() {
    let text =
        doc(json!({"id": "p1", "name": "N", "next_id": 5, "goals": {"goals": [{"id": "g3"}]}}));
    assert_eq!(PlanReader::linked().import(&text).unwrap().next_id, 5);
}

#[test]
fn ids_numbered_beyond_any_counter_do_not_raise_next_id() {
    let huge = format!("g{}", u64::MAX);
    let text =
        doc(json!({"id": "p1", "name": "N", "next_id": 4, "goals": {"goals": [{"id": huge}]}}));
    assert_eq!(PlanReader::linked().import(&text).unwrap().next_id, 4);
}

#[test]
fn a_counter_at_its_top_is_kept_and_fresh_ids_do_not_overflow() {
    let text = doc(json!({"id": "p1", "name": "N", "next_id": u64::MAX}));
    let mut plan = PlanReader::linked().import(&text).unwrap();
    assert_eq!(plan.next_id, u64::MAX);
    assert_eq!(plan.fresh_id("g"), format!("g{}", u64::MAX));
}

#[test]
fn a_record_without_an_id_is_refused_as_an_empty_id() {
    let text = doc(
        json!({"id": "p1", "name": "N", "goals": {"goals": [{"id": "g1"}, {"title": "No id"}]}}),
    );
    assert_eq!(err(&text), "`goals.goals[1].id`: an id can't be empty.");
    assert!(PlanReader::linked().read_stored(&text).is_err());
}

// --- the direct route (direct.rs) agrees with the full route ---

/// The full route alone: what `PlanReader::import` answered before the direct route existed.
fn full_route(text: &str) -> Result<Plan, ImportError> {
    check_size(text.len())?;
    let mut plan = full_read(text)?;
    check::check_and_settle(&mut plan)?;
    Ok(plan)
}

fn sample_text() -> String {
    let plan = crate::core::sample::sample_plan(
        "p1",
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
    );
    export_plan(&plan)
}

#[test]
fn a_current_plan_takes_the_direct_route() {
    let text = sample_text();
    let plan = direct::read(&text).expect("read directly");
    assert!(!plan.extra.contains_key("format") && !plan.extra.contains_key("version"));
    assert_eq!(PlanReader::linked().import(&text), full_route(&text));
    assert_eq!(PlanReader::linked().import(&text), Ok(plan));
}

#[test]
fn every_fixture_gets_the_same_answer_from_both_routes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            PlanReader::linked().import(&text),
            full_route(&text),
            "{}",
            path.display()
        );
        seen += 1;
    }
    assert!(seen >= 16);
}

#[test]
fn what_the_check_refuses_is_refused_in_the_same_words_on_both_routes() {
    let goal =
        |id: &str, objective: &str| json!({"id": id, "title": "G", "objective_id": objective});
    let cases = [
        // Duplicate, empty and left-out ids (a left-out id reads as empty in the types).
        doc(
            json!({"id": "p", "name": "N", "goals": {"objectives": [{"id": "o1", "title": "O"}],
            "goals": [goal("g1", "o1"), goal("g1", "o1")]}}),
        ),
        doc(json!({"id": "p", "name": "N", "goals": {"goals": [goal("", "")]}})),
        doc(json!({"id": "p", "name": "N", "goals": {"goals": [{"title": "No id"}]}})),
        // The plan's own id used again inside it.
        doc(json!({"id": "p", "name": "N", "goals": {"goals": [goal("p", "")]}})),
        // A reference to nothing, and one to a record of the wrong kind.
        doc(json!({"id": "p", "name": "N", "goals": {"goals": [goal("g1", "o9")]}})),
        doc(json!({"id": "p", "name": "N", "goals": {"goals": [goal("g1", "g1")]}})),
        doc(json!({"id": "p", "name": "N", "goals": {"goals": [goal("g1", "p")]}})),
        // Unsafe links, in fields this build does not know and nested in lists.
        doc(
            json!({"id": "p", "name": "N", "later": {"links": [["https://a.example", "javascript:x"]]}}),
        ),
        doc(json!({"id": "p", "name": "N", "later": [{"home_url": " JaVaScRiPt:alert(1)"}]})),
        // A key given twice (the full route keeps the last), an old version, other markers,
        // a byte-order mark, an id written as a number.
        r#"{"format":"trellis-plan","version":1,"id":"p","name":"A","name":"B"}"#.to_string(),
        r#"{"format":"trellis-plan","version":0,"id":"p","name":"N"}"#.to_string(),
        r#"{"format":"trellis-plan","version":"1","id":"p","name":"N"}"#.to_string(),
        r#"{"format":"trellis-workspace","version":1,"id":"p","name":"N"}"#.to_string(),
        r#"{"version":1,"id":"p","name":"N"}"#.to_string(),
        format!(
            "\u{feff}{}",
            doc(json!({"id": "p", "name": "N", "next_id": 2,
            "goals": {"objectives": [{"id": "o41", "title": "O"}]}}))
        ),
        doc(json!({"id": "p", "name": "N", "goals": {"goals": [{"id": 7}]}})),
    ];
    for (n, text) in cases.iter().enumerate() {
        assert_eq!(
            PlanReader::linked().import(text),
            full_route(text),
            "{text}"
        );
        // The first nine read into the types and are refused: only the check of the typed
        // plan stands between them and the app.
        if n < 9 {
            assert!(
                direct::read(text).is_some() && PlanReader::linked().import(text).is_err(),
                "{text}"
            );
        }
    }
    // Both routes raise the id counter past the ids in the plan (but not the plan's own),
    // including those in fields this build does not know.
    let counted = doc(json!({"id": "p99", "name": "N", "next_id": 2,
        "goals": {"objectives": [{"id": "o41", "title": "O"}]}, "later": {"id": "x60"}}));
    assert!(direct::read(&counted).is_some());
    assert_eq!(
        PlanReader::linked().import(&counted).map(|p| p.next_id),
        Ok(60)
    );
    assert_eq!(full_route(&counted).map(|p| p.next_id), Ok(60));
}

#[test]
fn a_reference_to_the_wrong_kind_of_record_names_both_places() {
    let text = doc(json!({"id": "p", "name": "N", "goals": {
        "objectives": [{"id": "o1"}],
        "goals": [{"id": "g1", "objective_id": "o1"}, {"id": "g2", "objective_id": "g1"}]}}));
    assert_eq!(
        err(&text),
        "`goals.goals[1].objective_id`: refers to \"g1\", which is a goal (at `goals.goals[0].id`), \
         not an objective."
    );
    let text = doc(json!({"id": "p", "name": "N", "curve": {
        "stages": [{"id": "s1"}],
        "touch_points": [{"id": "t1", "from_stage_id": "s1", "to_stage_id": "t1"}]}}));
    assert_eq!(
        err(&text),
        "`curve.touch_points[0].to_stage_id`: refers to \"t1\", which is a touch point \
         (at `curve.touch_points[0].id`), not a stage."
    );
}

#[test]
fn links_the_plan_knows_are_checked_where_they_are() {
    let text = doc(json!({"id": "p", "name": "N", "career": {
        "tracks": [{"id": "t1", "levels": [{"id": "l1", "band": {"source": {"link": "data:x"}}}]}],
        "self_assessments": [{"id": "a1", "target_level_id": "l1",
            "evidence": [{"id": "e1", "link": "javascript:x"}]}]}}));
    assert_eq!(
        err(&text),
        "`career.tracks[0].levels[0].band.source.link`: only http, https and mailto links are \
         allowed, not \"data:x\"."
    );
}

// --- the base a copy carries (issue 32) ---

#[test]
fn a_plan_without_a_base_reads_as_before_and_writes_none() {
    let plan = PlanReader::linked()
        .import(&doc(json!({"id": "p1", "name": "N", "revision": 3})))
        .unwrap();
    assert_eq!(plan.base, None);
    assert!(!store_plan(&plan).contains("\"base\""));
}

#[test]
fn a_base_round_trips_with_what_a_newer_build_added_to_it() {
    let text = doc(json!({"id": "p1", "name": "N", "revision": 3,
        "base": {"revision": 2, "fingerprint": "00ff00ff00ff00ff", "signed_by": "x"}}));
    let plan = PlanReader::linked().import(&text).unwrap();
    let base = plan.base.clone().unwrap();
    assert_eq!(
        (base.revision, base.fingerprint.as_str()),
        (2, "00ff00ff00ff00ff")
    );
    let back: Value = serde_json::from_str(&export_plan(&plan)).unwrap();
    assert_eq!(back["base"]["signed_by"], "x");
    assert_eq!(PlanReader::linked().import(&export_plan(&plan)), Ok(plan));
}

#[test]
fn a_base_of_the_wrong_type_is_named_by_its_path() {
    let text =
        doc(json!({"id": "p1", "name": "N", "base": {"revision": "two", "fingerprint": "a"}}));
    assert!(err(&text).contains("base.revision"), "{}", err(&text));
}

#[test]
fn the_fingerprint_is_of_the_content_not_the_revision_or_the_base() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut plan = crate::core::sample::sample_plan("p1", today);
    let first = fingerprint(&plan);
    assert_eq!(first.len(), 16);
    assert!(first.chars().all(|c| c.is_ascii_hexdigit()));
    plan.revision += 5;
    plan.base = Some(base_of(&plan));
    assert_eq!(fingerprint(&plan), first);
    let read = PlanReader::linked().import(&export_plan(&plan)).unwrap();
    assert_eq!(fingerprint(&read), first);
    plan.name.push('!');
    assert_ne!(fingerprint(&plan), first);
}

#[test]
fn fnv1a64_matches_its_published_values() {
    assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
}

#[test]
fn the_base_of_a_plan_is_its_revision_and_fingerprint() {
    let mut plan = Plan::new("p1", "N");
    plan.revision = 7;
    let base = base_of(&plan);
    assert_eq!(base.revision, 7);
    assert_eq!(base.fingerprint, fingerprint(&plan));
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod generated;

#[cfg(not(target_arch = "wasm32"))]
mod record_types;

#[cfg(not(target_arch = "wasm32"))]
mod newer_values;
