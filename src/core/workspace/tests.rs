use super::*;

fn ids(workspace: &Workspace) -> Vec<&str> {
    workspace.plans.iter().map(|p| p.id.as_str()).collect()
}

/// A workspace with plans a, b, c (named A, B, C), `current` set to b.
fn three() -> (Workspace, Vec<Plan>) {
    let mut workspace = Workspace::new();
    let plans: Vec<Plan> = ["a", "b", "c"]
        .iter()
        .map(|id| workspace.create_blank(id, &id.to_uppercase()))
        .collect::<Result<_, _>>()
        .unwrap();
    workspace.open("b").unwrap();
    (workspace, plans)
}

#[test]
fn create_blank_lists_the_plan_and_makes_it_current() {
    let mut workspace = Workspace::new();
    let plan = workspace.create_blank("p1", "  Forum relaunch  ").unwrap();
    assert_eq!(plan, Plan::new("p1", "Forum relaunch"));
    assert_eq!(
        workspace.plans,
        vec![PlanSummary {
            id: "p1".into(),
            name: "Forum relaunch".into(),
            extra: Default::default()
        }]
    );
    assert_eq!(workspace.current.as_deref(), Some("p1"));
}

#[test]
fn create_blank_refuses_a_taken_or_empty_id() {
    let (mut workspace, _) = three();
    assert_eq!(
        workspace.create_blank("a", "X"),
        Err(WorkspaceError::IdTaken("a".into()))
    );
    assert_eq!(
        workspace.create_blank("", "X"),
        Err(WorkspaceError::EmptyId)
    );
    assert_eq!(ids(&workspace), ["a", "b", "c"]);
}

#[test]
fn names_are_trimmed_non_empty_and_bounded() {
    assert_eq!(clean_name("  x "), Ok("x".into()));
    assert_eq!(clean_name(" \t\n"), Err(WorkspaceError::EmptyName));
    let longest = "é".repeat(MAX_NAME_CHARS);
    assert_eq!(clean_name(&longest), Ok(longest.clone()));
    assert_eq!(
        clean_name(&format!("{longest}x")),
        Err(WorkspaceError::NameTooLong {
            max: MAX_NAME_CHARS
        })
    );
}

#[test]
fn rename_changes_the_plan_and_its_list_entry() {
    let (mut workspace, mut plans) = three();
    workspace.rename(&mut plans[1], " Promotion case ").unwrap();
    assert_eq!(plans[1].name, "Promotion case");
    assert_eq!(workspace.plans[1].name, "Promotion case");
}

#[test]
fn rename_to_blank_changes_nothing() {
    let (mut workspace, mut plans) = three();
    let before = workspace.clone();
    assert_eq!(
        workspace.rename(&mut plans[0], "   "),
        Err(WorkspaceError::EmptyName)
    );
    assert_eq!(plans[0].name, "A");
    assert_eq!(workspace, before);
}

#[test]
fn duplicate_copies_contents_under_a_new_id_right_after_the_source() {
    let (mut workspace, mut plans) = three();
    plans[0].next_id = 12;
    plans[0].revision = 40;
    plans[0]
        .extra
        .insert("future".into(), serde_json::json!({"x": 1}));
    let copy = workspace.duplicate(&plans[0], "a2").unwrap();
    assert_eq!(copy.id, "a2");
    assert_eq!(copy.name, "A (copy)");
    assert_eq!(copy.next_id, 12);
    assert_eq!(copy.revision, 0);
    assert_eq!(copy.extra, plans[0].extra);
    assert_eq!(ids(&workspace), ["a", "a2", "b", "c"]);
}

#[test]
fn duplicate_of_a_longest_name_still_fits() {
    let mut workspace = Workspace::new();
    let plan = workspace
        .create_blank("a", &"n".repeat(MAX_NAME_CHARS))
        .unwrap();
    let copy = workspace.duplicate(&plan, "b").unwrap();
    assert_eq!(copy.name.chars().count(), MAX_NAME_CHARS);
    assert!(copy.name.ends_with(" (copy)"));
}

#[test]
fn duplicate_refuses_a_taken_id() {
    let (mut workspace, plans) = three();
    assert_eq!(
        workspace.duplicate(&plans[0], "c"),
        Err(WorkspaceError::IdTaken("c".into()))
    );
    assert_eq!(ids(&workspace), ["a", "b", "c"]);
}

#[test]
fn deleting_the_current_plan_opens_its_neighbour() {
    let (mut workspace, plans) = three();
    workspace.delete(plans[1].clone()).unwrap();
    assert_eq!(ids(&workspace), ["a", "c"]);
    assert_eq!(workspace.current.as_deref(), Some("c"));
    let (mut workspace, plans) = three();
    workspace.open("c").unwrap();
    workspace.delete(plans[2].clone()).unwrap();
    assert_eq!(workspace.current.as_deref(), Some("b"));
}

#[test]
fn deleting_the_last_plan_leaves_no_current_plan() {
    let mut workspace = Workspace::new();
    let plan = workspace.create_blank("a", "A").unwrap();
    workspace.delete(plan).unwrap();
    assert_eq!(workspace, Workspace::new());
}

#[test]
fn undo_delete_restores_the_plan_its_position_and_current() {
    let (mut workspace, mut plans) = three();
    plans[1].next_id = 7;
    let before = workspace.clone();
    let deleted = workspace.delete(plans[1].clone()).unwrap();
    let restored = workspace.undo_delete(deleted).unwrap();
    assert_eq!(restored, plans[1]);
    assert_eq!(workspace, before);
}

#[test]
fn undo_delete_of_another_plan_keeps_the_current_one() {
    let (mut workspace, plans) = three();
    let deleted = workspace.delete(plans[0].clone()).unwrap();
    assert!(!deleted.was_current);
    workspace.undo_delete(deleted).unwrap();
    assert_eq!(ids(&workspace), ["a", "b", "c"]);
    assert_eq!(workspace.current.as_deref(), Some("b"));
}

#[test]
fn undo_delete_after_other_deletes_clamps_the_position() {
    let (mut workspace, plans) = three();
    let deleted_c = workspace.delete(plans[2].clone()).unwrap();
    workspace.delete(plans[0].clone()).unwrap();
    workspace.undo_delete(deleted_c).unwrap();
    assert_eq!(ids(&workspace), ["b", "c"]);
}

#[test]
fn deleting_an_unlisted_plan_is_refused() {
    let (mut workspace, _) = three();
    assert_eq!(
        workspace.delete(Plan::new("zz", "Z")),
        Err(WorkspaceError::UnknownPlan("zz".into()))
    );
}

#[test]
fn import_without_collision_adds_the_plan_as_is() {
    let (mut workspace, _) = three();
    let incoming = Plan::new("new", "Shared plan");
    let outcome = workspace
        .import(
            incoming.clone(),
            ImportChoice::KeepBoth {
                new_id: "unused".into(),
            },
        )
        .unwrap();
    assert_eq!(outcome, ImportOutcome::Added(Box::new(incoming)));
    assert_eq!(ids(&workspace), ["a", "b", "c", "new"]);
    assert_eq!(workspace.current.as_deref(), Some("b"));
}

#[test]
fn import_keep_both_gives_a_new_id_and_marks_the_name() {
    let (mut workspace, _) = three();
    let mut incoming = Plan::new("a", "A");
    incoming.next_id = 5;
    let outcome = workspace
        .import(
            incoming,
            ImportChoice::KeepBoth {
                new_id: "a-2".into(),
            },
        )
        .unwrap();
    let ImportOutcome::Added(added) = outcome else {
        panic!("expected Added, got {outcome:?}");
    };
    assert_eq!(
        (added.id.as_str(), added.name.as_str()),
        ("a-2", "A (imported)")
    );
    assert_eq!(added.next_id, 5);
    assert_eq!(ids(&workspace), ["a", "b", "c", "a-2"]);
}

#[test]
fn import_keep_both_refuses_a_new_id_that_is_taken() {
    let (mut workspace, _) = three();
    let result = workspace.import(
        Plan::new("a", "A"),
        ImportChoice::KeepBoth { new_id: "b".into() },
    );
    assert_eq!(result, Err(WorkspaceError::IdTaken("b".into())));
    assert_eq!(ids(&workspace), ["a", "b", "c"]);
}

#[test]
fn import_replace_can_be_undone() {
    let (mut workspace, plans) = three();
    let before = workspace.clone();
    let mut incoming = Plan::new("b", "B from a colleague");
    incoming.next_id = 99;
    let outcome = workspace
        .import(
            incoming.clone(),
            ImportChoice::Replace {
                existing: Box::new(plans[1].clone()),
            },
        )
        .unwrap();
    let ImportOutcome::Replaced { plan, undo } = outcome else {
        panic!("expected Replaced, got {outcome:?}");
    };
    assert_eq!(*plan, incoming);
    assert_eq!(workspace.plans[1].name, "B from a colleague");
    assert_eq!(ids(&workspace), ["a", "b", "c"]);
    let previous = workspace.undo_replace(undo).unwrap();
    assert_eq!(previous, plans[1]);
    assert_eq!(workspace, before);
}

#[test]
fn import_replace_with_a_different_plan_is_refused() {
    let (mut workspace, plans) = three();
    let result = workspace.import(
        Plan::new("b", "B2"),
        ImportChoice::Replace {
            existing: Box::new(plans[0].clone()),
        },
    );
    assert_eq!(result, Err(WorkspaceError::UnknownPlan("a".into())));
    assert_eq!(workspace.plans[1].name, "B");
}

#[test]
fn imported_names_are_made_usable() {
    let mut workspace = Workspace::new();
    let choice = || ImportChoice::KeepBoth { new_id: "x".into() };
    let Ok(ImportOutcome::Added(blank)) = workspace.import(Plan::new("a", "  "), choice()) else {
        panic!("blank name not imported");
    };
    assert_eq!(blank.name, IMPORTED_NAME);
    let long = "w".repeat(MAX_NAME_CHARS * 3);
    let Ok(ImportOutcome::Added(long)) = workspace.import(Plan::new("b", long), choice()) else {
        panic!("long name not imported");
    };
    assert_eq!(long.name.chars().count(), MAX_NAME_CHARS);
}

#[test]
fn collision_names_the_listed_plan() {
    let (workspace, _) = three();
    assert_eq!(
        workspace
            .collision(&Plan::new("c", "other"))
            .map(|p| p.name.as_str()),
        Some("C")
    );
    assert_eq!(workspace.collision(&Plan::new("d", "D")), None);
}

#[test]
fn opening_an_unlisted_plan_is_refused() {
    let (mut workspace, _) = three();
    assert_eq!(
        workspace.open("zz"),
        Err(WorkspaceError::UnknownPlan("zz".into()))
    );
    assert_eq!(workspace.current.as_deref(), Some("b"));
}

mod copies_without_private_parts {
    use super::*;
    use crate::core::audience::{redact, Part, Selection};
    use crate::core::sample::sample_plan;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 9).unwrap()
    }

    /// The author's sample plan in a workspace, and the copy she shared by default.
    fn shared() -> (Workspace, Plan, Plan) {
        let mut workspace = Workspace::new();
        let own = sample_plan("p1", today());
        workspace
            .import(own.clone(), ImportChoice::KeepBoth { new_id: "x".into() })
            .unwrap();
        let copy = redact(&own, Selection::default(), today());
        (workspace, own, copy)
    }

    #[test]
    fn replacing_with_the_copy_keeps_the_authors_pay_and_assessment() {
        let (mut workspace, own, mut copy) = shared();
        assert!(copy.career.comp_records.is_empty());
        copy.goals.goals[0].target = Some(190.0);
        let refused = workspace.import(
            copy.clone(),
            ImportChoice::Replace {
                existing: Box::new(own.clone()),
            },
        );
        assert_eq!(refused, Err(WorkspaceError::PartsLeftOut));
        let whole = crate::core::audience::replacement(
            copy,
            &own,
            crate::core::schema::PlanReader::linked(),
        )
        .unwrap();
        let outcome = workspace
            .import(
                whole,
                ImportChoice::Replace {
                    existing: Box::new(own.clone()),
                },
            )
            .unwrap();
        let ImportOutcome::Replaced { plan, .. } = outcome else {
            panic!("not replaced")
        };
        assert_eq!(plan.goals.goals[0].target, Some(190.0));
        assert_eq!(plan.career.comp_records, own.career.comp_records);
        assert_eq!(plan.career.self_assessments, own.career.self_assessments);
        assert!(plan.left_out.is_empty());
    }

    #[test]
    fn keeping_both_adds_the_copy_as_it_is_without_marks() {
        let (mut workspace, _, copy) = shared();
        let outcome = workspace
            .import(
                copy,
                ImportChoice::KeepBoth {
                    new_id: "p2".into(),
                },
            )
            .unwrap();
        let ImportOutcome::Added(plan) = outcome else {
            panic!("not added")
        };
        assert!(plan.career.comp_records.is_empty());
        assert!(plan.left_out.is_empty());
    }

    #[test]
    fn a_copy_whose_parts_do_not_fit_replaces_nothing() {
        let (_, own, mut copy) = shared();
        // The copy's evidence rates a behaviour that is not in the author's tracks.
        copy.left_out = vec![Part::Tracks];
        copy.career.tracks.clear();
        copy.career.self_assessments = own.career.self_assessments.clone();
        let mut other = own.clone();
        other.career.tracks.clear();
        let refused = crate::core::audience::replacement(
            copy,
            &other,
            crate::core::schema::PlanReader::linked(),
        );
        assert!(refused.is_err_and(|why| why.contains("Nothing was replaced")));
    }
}
