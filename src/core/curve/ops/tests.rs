use super::*;
use crate::core::curve::test_support::{curve, date, touch};

fn plan_with(stages: &[(&str, u8, u64, u64)]) -> Plan {
    let mut plan = Plan::new("p", "P");
    plan.curve = curve(stages);
    plan.next_id = 100;
    plan
}

fn names(curve: &Curve) -> Vec<&str> {
    curve.stages.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn add_stage_appends_with_a_higher_level_and_a_fresh_id() {
    let mut plan = plan_with(&[("A", 10, 0, 0), ("B", 90, 0, 0)]);
    let id = add_stage(&mut plan, "C", None);
    assert_eq!(names(&plan.curve), ["A", "B", "C"]);
    assert_eq!(plan.curve.stages[2].id, id);
    assert_eq!(plan.curve.stages[2].commitment_level, 100);
    assert_ne!(id, "s1");
}

#[test]
fn add_stage_after_another_inserts_between_at_the_midpoint_level() {
    let mut plan = plan_with(&[("A", 10, 0, 0), ("B", 90, 0, 0)]);
    add_stage(&mut plan, "Mid", Some("s1"));
    assert_eq!(names(&plan.curve), ["A", "Mid", "B"]);
    assert_eq!(plan.curve.stages[1].commitment_level, 50);
}

#[test]
fn add_stage_to_an_empty_curve_works() {
    let mut plan = Plan::new("p", "P");
    add_stage(&mut plan, "Only", None);
    assert_eq!(plan.curve.stages.len(), 1);
}

#[test]
fn duplicate_stage_inserts_a_copy_after_with_fresh_ids_for_stage_and_asks() {
    let mut plan = plan_with(&[("A", 10, 5, 9), ("B", 90, 0, 0)]);
    let ask = add_ask(&mut plan, "s1", "Read", 2.0).unwrap();
    let copy = duplicate_stage(&mut plan, "s1").unwrap();
    assert_eq!(names(&plan.curve), ["A", "A (copy)", "B"]);
    let dup = &plan.curve.stages[1];
    assert_eq!(dup.id, copy);
    assert_eq!(dup.members_now, 5);
    assert_ne!(dup.asks[0].id, ask);
    assert_eq!(dup.asks[0].text, "Read");
}

#[test]
fn delete_stage_removes_its_touch_points_problem_areas_and_snapshot_counts() {
    let mut plan = plan_with(&[("A", 10, 0, 0), ("B", 50, 0, 0), ("C", 90, 0, 0)]);
    plan.curve.touch_points = vec![touch("t1", "s1", "s2"), touch("t2", "s2", "s3")];
    add_problem_area(&mut plan, Attachment::TouchPoint("t1".into()), "x", "y").unwrap();
    add_problem_area(&mut plan, Attachment::Stage("s3".into()), "x", "y").unwrap();
    snapshot_current(&mut plan, date(2025, 1, 1));
    let deleted = delete_stage(&mut plan.curve, "s1").unwrap();
    assert_eq!(names(&plan.curve), ["B", "C"]);
    assert_eq!(plan.curve.touch_points.len(), 1);
    assert_eq!(plan.curve.problem_areas.len(), 1);
    assert_eq!(plan.curve.snapshots[0].counts.len(), 2);
    assert_eq!(deleted.touch_points.len(), 1);
    assert_eq!(deleted.problem_areas.len(), 1);
}

#[test]
fn restoring_a_deleted_stage_gives_back_the_same_curve() {
    let mut plan = plan_with(&[("A", 10, 3, 0), ("B", 50, 2, 0), ("C", 90, 1, 0)]);
    plan.curve.touch_points = vec![
        touch("t1", "s1", "s2"),
        touch("t2", "s2", "s3"),
        touch("t3", "s1", "s3"),
    ];
    add_problem_area(&mut plan, Attachment::TouchPoint("t2".into()), "x", "y").unwrap();
    add_problem_area(&mut plan, Attachment::Stage("s1".into()), "x", "y").unwrap();
    snapshot_current(&mut plan, date(2025, 1, 1));
    let before = plan.curve.clone();
    let deleted = delete_stage(&mut plan.curve, "s2").unwrap();
    restore_stage(&mut plan.curve, deleted);
    assert_eq!(plan.curve.stages, before.stages);
    assert_eq!(plan.curve.touch_points, before.touch_points);
    assert_eq!(plan.curve.problem_areas, before.problem_areas);
    assert_eq!(
        plan.curve.snapshots[0].count_for("s2"),
        before.snapshots[0].count_for("s2")
    );
}

#[test]
fn deleting_an_unknown_stage_changes_nothing() {
    let mut plan = plan_with(&[("A", 10, 0, 0)]);
    assert!(delete_stage(&mut plan.curve, "nope").is_none());
    assert_eq!(plan.curve.stages.len(), 1);
}

#[test]
fn move_stage_swaps_with_its_neighbour_and_stops_at_the_ends() {
    let mut plan = plan_with(&[("A", 10, 0, 0), ("B", 50, 0, 0), ("C", 90, 0, 0)]);
    assert!(move_stage(&mut plan.curve, "s2", Direction::Up));
    assert_eq!(names(&plan.curve), ["B", "A", "C"]);
    assert!(!move_stage(&mut plan.curve, "s2", Direction::Up));
    assert!(move_stage(&mut plan.curve, "s1", Direction::Down));
    assert_eq!(names(&plan.curve), ["B", "C", "A"]);
    assert!(!move_stage(&mut plan.curve, "s1", Direction::Down));
}

#[test]
fn reorder_stage_moves_to_the_drop_position_clamped_to_the_list() {
    let mut plan = plan_with(&[("A", 10, 0, 0), ("B", 50, 0, 0), ("C", 90, 0, 0)]);
    assert!(reorder_stage(&mut plan.curve, "s1", 99));
    assert_eq!(names(&plan.curve), ["B", "C", "A"]);
    assert!(reorder_stage(&mut plan.curve, "s1", 0));
    assert_eq!(names(&plan.curve), ["A", "B", "C"]);
    assert!(!reorder_stage(&mut plan.curve, "s1", 0));
}

#[test]
fn set_commitment_level_clamps_to_0_100_and_ignores_nan() {
    let mut plan = plan_with(&[("A", 10, 0, 0)]);
    assert_eq!(
        set_commitment_level(&mut plan.curve, "s1", 140.0),
        Some(100)
    );
    assert_eq!(set_commitment_level(&mut plan.curve, "s1", -3.0), Some(0));
    assert_eq!(set_commitment_level(&mut plan.curve, "s1", 42.4), Some(42));
    assert_eq!(set_commitment_level(&mut plan.curve, "s1", f64::NAN), None);
    assert_eq!(plan.curve.stages[0].commitment_level, 42);
}

#[test]
fn nudging_the_level_with_arrow_keys_stops_at_the_bounds() {
    let mut plan = plan_with(&[("A", 98, 0, 0)]);
    assert_eq!(nudge_commitment_level(&mut plan.curve, "s1", 5), Some(100));
    assert_eq!(nudge_commitment_level(&mut plan.curve, "s1", -1), Some(99));
}

#[test]
fn ask_effort_is_clamped_to_the_1_to_12_scale() {
    let mut plan = plan_with(&[("A", 10, 0, 0)]);
    let id = add_ask(&mut plan, "s1", "Host a meetup", 30.0).unwrap();
    assert_eq!(plan.curve.stages[0].asks[0].effort, 12);
    assert_eq!(set_ask_effort(&mut plan.curve, &id, 0.0), Some(1));
    assert!(add_ask(&mut plan, "missing", "x", 1.0).is_none());
}

#[test]
fn asks_move_within_their_stage_and_can_be_deleted() {
    let mut plan = plan_with(&[("A", 10, 0, 0)]);
    let a = add_ask(&mut plan, "s1", "a", 1.0).unwrap();
    let b = add_ask(&mut plan, "s1", "b", 2.0).unwrap();
    assert!(move_ask(&mut plan.curve, &b, Direction::Up));
    assert_eq!(plan.curve.stages[0].asks[0].id, b);
    let (stage, index, ask) = delete_ask(&mut plan.curve, &a).unwrap();
    assert_eq!((stage.as_str(), index, ask.id), ("s1", 1, a.into()));
}

#[test]
fn touch_points_need_existing_stages() {
    let mut plan = plan_with(&[("A", 10, 0, 0), ("B", 50, 0, 0)]);
    assert!(add_touch_point(&mut plan, "Welcome", "s1", "nope").is_none());
    let id = add_touch_point(&mut plan, "Welcome", "s1", "s2").unwrap();
    assert_eq!(plan.curve.touch_point(&id).unwrap().to_stage_id, "s2");
}

#[test]
fn touch_points_duplicate_reorder_delete_and_restore() {
    let mut plan = plan_with(&[("A", 10, 0, 0), ("B", 50, 0, 0)]);
    let t = add_touch_point(&mut plan, "Welcome", "s1", "s2").unwrap();
    let copy = duplicate_touch_point(&mut plan, &t).unwrap();
    assert_eq!(plan.curve.touch_points[1].id, copy);
    assert!(move_touch_point(&mut plan.curve, &copy, Direction::Up));
    assert!(reorder_touch_point(&mut plan.curve, &copy, 1));
    assert_eq!(plan.curve.touch_points[1].id, copy);
    add_problem_area(&mut plan, Attachment::TouchPoint(t.clone()), "x", "y").unwrap();
    let before = plan.curve.clone();
    let deleted = delete_touch_point(&mut plan.curve, &t).unwrap();
    assert!(plan.curve.problem_areas.is_empty());
    restore_touch_point(&mut plan.curve, deleted);
    assert_eq!(plan.curve, before);
}

#[test]
fn problem_areas_attach_only_to_existing_records() {
    let mut plan = plan_with(&[("A", 10, 0, 0)]);
    assert!(add_problem_area(&mut plan, Attachment::Stage("zz".into()), "x", "y").is_none());
    let id = add_problem_area(&mut plan, Attachment::Stage("s1".into()), "Slow", "Faster").unwrap();
    let (_, removed) = delete_problem_area(&mut plan.curve, &id).unwrap();
    assert_eq!(removed.proposed_solution, "Faster");
}

#[test]
fn snapshots_stay_in_date_order_and_one_per_date() {
    let mut plan = plan_with(&[("A", 10, 7, 0)]);
    let later = snapshot_current(&mut plan, date(2025, 3, 1));
    snapshot_current(&mut plan, date(2025, 1, 1));
    plan.curve.stages[0].members_now = 9;
    let again = snapshot_current(&mut plan, date(2025, 3, 1));
    assert_eq!(later, again);
    assert_eq!(plan.curve.snapshots.len(), 2);
    assert_eq!(plan.curve.snapshots[0].date, date(2025, 1, 1));
    assert_eq!(plan.curve.snapshots[1].count_for("s1"), Some(9));
    let (_, gone) = delete_snapshot(&mut plan.curve, &later).unwrap();
    assert_eq!(gone.date, date(2025, 3, 1));
}

#[test]
fn put_snapshot_drops_counts_for_unknown_stages() {
    let mut plan = plan_with(&[("A", 10, 7, 0)]);
    let counts = vec![
        StageCount {
            stage_id: "s1".into(),
            count: 3,
            extra: Default::default(),
        },
        StageCount {
            stage_id: "ghost".into(),
            count: 4,
            extra: Default::default(),
        },
    ];
    put_snapshot(&mut plan, date(2025, 1, 1), counts);
    assert_eq!(plan.curve.snapshots[0].counts.len(), 1);
}

#[test]
fn restoring_a_stage_after_a_neighbour_was_deleted_leaves_out_touch_points_to_the_neighbour() {
    let mut plan = plan_with(&[("A", 10, 0, 0), ("B", 50, 0, 0), ("C", 90, 0, 0)]);
    plan.curve.touch_points = vec![touch("t1", "s1", "s2"), touch("t2", "s2", "s2")];
    add_problem_area(&mut plan, Attachment::TouchPoint("t1".into()), "x", "y").unwrap();
    add_problem_area(&mut plan, Attachment::TouchPoint("t2".into()), "x", "y").unwrap();
    let deleted = delete_stage(&mut plan.curve, "s2").unwrap();
    delete_stage(&mut plan.curve, "s1").unwrap();
    restore_stage(&mut plan.curve, deleted);
    assert_eq!(names(&plan.curve), ["C", "B"]);
    let kept: Vec<&str> = plan
        .curve
        .touch_points
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(kept, ["t2"]);
    assert_eq!(plan.curve.problem_areas.len(), 1);
    assert_eq!(
        plan.curve.problem_areas[0].touch_point_id.as_deref(),
        Some("t2")
    );
    assert_eq!(crate::core::schema::check_plan(&plan), Ok(()));
}

#[test]
fn restoring_a_touch_point_whose_stage_is_gone_changes_nothing() {
    let mut plan = plan_with(&[("A", 10, 0, 0), ("B", 50, 0, 0)]);
    let t = add_touch_point(&mut plan, "Welcome", "s1", "s2").unwrap();
    let deleted = delete_touch_point(&mut plan.curve, &t).unwrap();
    delete_stage(&mut plan.curve, "s2").unwrap();
    let before = plan.curve.clone();
    restore_touch_point(&mut plan.curve, deleted);
    assert_eq!(plan.curve, before);
}

#[test]
fn restoring_the_same_deletion_twice_restores_it_once() {
    let mut plan = plan_with(&[("A", 10, 0, 0), ("B", 50, 0, 0)]);
    let t = add_touch_point(&mut plan, "Welcome", "s1", "s2").unwrap();
    let deleted = delete_touch_point(&mut plan.curve, &t).unwrap();
    restore_touch_point(&mut plan.curve, deleted.clone());
    restore_touch_point(&mut plan.curve, deleted);
    assert_eq!(plan.curve.touch_points.len(), 1);
    let stage = delete_stage(&mut plan.curve, "s1").unwrap();
    restore_stage(&mut plan.curve, stage.clone());
    restore_stage(&mut plan.curve, stage);
    assert_eq!(names(&plan.curve), ["A", "B"]);
    assert_eq!(plan.curve.touch_points.len(), 1);
}

#[test]
fn update_problem_area_changes_text_and_moves_it_to_a_touch_point() {
    let mut plan = plan_with(&[("A", 10, 0, 0), ("B", 90, 0, 0)]);
    plan.curve.touch_points.push(touch("t1", "s1", "s2"));
    let id = add_problem_area(&mut plan, Attachment::Stage("s1".into()), "old", "fix").unwrap();
    assert!(update_problem_area(
        &mut plan.curve,
        &id,
        Attachment::TouchPoint("t1".into()),
        "new problem",
        "new fix",
    ));
    let pa = &plan.curve.problem_areas[0];
    assert_eq!(pa.stage_id, None);
    assert_eq!(pa.touch_point_id.as_deref(), Some("t1"));
    assert_eq!(pa.problem, "new problem");
    assert_eq!(pa.proposed_solution, "new fix");
    // And back onto a stage: the touch-point link goes.
    assert!(update_problem_area(
        &mut plan.curve,
        &id,
        Attachment::Stage("s2".into()),
        "p",
        ""
    ));
    let pa = &plan.curve.problem_areas[0];
    assert_eq!(pa.stage_id.as_deref(), Some("s2"));
    assert_eq!(pa.touch_point_id, None);
}

#[test]
fn update_problem_area_refuses_unknown_ids_and_changes_nothing() {
    let mut plan = plan_with(&[("A", 10, 0, 0)]);
    let id = add_problem_area(&mut plan, Attachment::Stage("s1".into()), "old", "fix").unwrap();
    let before = plan.curve.clone();
    assert!(!update_problem_area(
        &mut plan.curve,
        &id,
        Attachment::Stage("nope".into()),
        "x",
        "y"
    ));
    assert!(!update_problem_area(
        &mut plan.curve,
        &id,
        Attachment::TouchPoint("t9".into()),
        "x",
        "y"
    ));
    assert!(!update_problem_area(
        &mut plan.curve,
        "p999",
        Attachment::Stage("s1".into()),
        "x",
        "y"
    ));
    assert_eq!(plan.curve, before);
}

#[test]
fn deleted_problem_area_comes_back_from_its_position() {
    let mut plan = plan_with(&[("A", 10, 0, 0)]);
    add_problem_area(&mut plan, Attachment::Stage("s1".into()), "one", "").unwrap();
    let two = add_problem_area(&mut plan, Attachment::Stage("s1".into()), "two", "").unwrap();
    let (index, pa) = delete_problem_area(&mut plan.curve, &two).unwrap();
    assert_eq!(index, 1);
    assert_eq!(pa.problem, "two");
    assert_eq!(plan.curve.problem_areas.len(), 1);
    assert_eq!(delete_problem_area(&mut plan.curve, &two), None);
}

/// A curve losing most members between its second and third stage (B → C).
fn bottleneck_at_b_c() -> Plan {
    plan_with(&[
        ("A", 10, 1000, 1000),
        ("B", 40, 500, 500),
        ("C", 70, 20, 50),
        ("D", 90, 15, 20),
    ])
}

#[test]
fn a_new_touch_point_starts_from_the_picked_stage_to_the_next() {
    let plan = bottleneck_at_b_c();
    let span = new_touch_point_span(&plan.curve, Some("s1")).unwrap();
    assert_eq!((span.from.as_str(), span.to.as_str()), ("s1", "s2"));
    assert_eq!(span.reason, SpanReason::Picked);
    assert_eq!(
        span.describe(&plan.curve),
        "A → B, from the stage you picked"
    );
}

#[test]
fn a_new_touch_point_on_the_innermost_stage_leads_into_it() {
    let plan = bottleneck_at_b_c();
    let span = new_touch_point_span(&plan.curve, Some("s4")).unwrap();
    assert_eq!((span.from.as_str(), span.to.as_str()), ("s3", "s4"));
    assert_eq!(span.reason, SpanReason::Picked);
}

#[test]
fn with_nothing_picked_a_new_touch_point_starts_at_the_bottleneck() {
    let plan = bottleneck_at_b_c();
    for picked in [None, Some("gone")] {
        let span = new_touch_point_span(&plan.curve, picked).unwrap();
        assert_eq!(
            (span.from.as_str(), span.to.as_str()),
            ("s2", "s3"),
            "{picked:?}"
        );
        assert_eq!(span.reason, SpanReason::Bottleneck);
        assert_eq!(span.describe(&plan.curve), "B → C, the bottleneck");
    }
}

#[test]
fn without_a_bottleneck_a_new_touch_point_starts_at_the_first_move() {
    let plan = plan_with(&[("A", 10, 0, 0), ("B", 50, 0, 0), ("C", 90, 0, 0)]);
    let span = new_touch_point_span(&plan.curve, None).unwrap();
    assert_eq!((span.from.as_str(), span.to.as_str()), ("s1", "s2"));
    assert_eq!(span.reason, SpanReason::First);
    assert_eq!(span.describe(&plan.curve), "A → B");
}

#[test]
fn with_one_stage_a_new_touch_point_is_within_it_and_without_stages_there_is_none() {
    let mut plan = plan_with(&[("Only", 10, 5, 5)]);
    let span = new_touch_point_span(&plan.curve, None).unwrap();
    assert_eq!((span.from.as_str(), span.to.as_str()), ("s1", "s1"));
    assert_eq!(span.describe(&plan.curve), "within Only");
    plan.curve.stages.clear();
    assert_eq!(new_touch_point_span(&plan.curve, Some("s1")), None);
    assert_eq!(add_touch_point_in_view(&mut plan, "x", None), None);
}

#[test]
fn adding_a_touch_point_in_view_uses_that_span() {
    let mut plan = bottleneck_at_b_c();
    let id = add_touch_point_in_view(&mut plan, "Mentoring", None).unwrap();
    let t = plan.curve.touch_point(&id).unwrap();
    assert_eq!(
        (t.from_stage_id.as_str(), t.to_stage_id.as_str()),
        ("s2", "s3")
    );
    let id = add_touch_point_in_view(&mut plan, "Welcome", Some("s1")).unwrap();
    let t = plan.curve.touch_point(&id).unwrap();
    assert_eq!(
        (t.from_stage_id.as_str(), t.to_stage_id.as_str()),
        ("s1", "s2")
    );
}
