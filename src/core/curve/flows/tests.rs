use super::*;
use crate::core::curve::ops::{add_stage, put_snapshot};
use crate::core::schema;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Four stages: Observer, Participant, Contributor, Leader.
fn plan() -> (Plan, Vec<String>) {
    let mut plan = Plan::new("plan", "P");
    let mut ids: Vec<String> = Vec::new();
    for name in ["Observer", "Participant", "Contributor", "Leader"] {
        let after = ids.last().cloned();
        ids.push(add_stage(&mut plan, name, after.as_deref()));
    }
    (plan, ids)
}

fn typed(ids: &[String], rows: [[&str; 5]; 4]) -> Vec<(String, [String; 5])> {
    ids.iter()
        .zip(rows)
        .map(|(id, row)| (id.clone(), row.map(String::from)))
        .collect()
}

/// in, stayed, up, down, left per stage.
const ROWS: [[&str; 5]; 4] = [
    ["200", "700", "80", "0", "220"],
    ["80", "250", "10", "5", "35"],
    ["12", "40", "2", "3", "5"],
    ["2", "10", "0", "0", "0"],
];

fn recorded() -> (Plan, Vec<String>) {
    let (mut plan, ids) = plan();
    let (until, flows) = typed_flows(
        &plan.curve,
        Some(date(2026, 1, 1)),
        Some(date(2026, 4, 1)),
        &typed(&ids, ROWS),
    )
    .unwrap();
    put_flows(&mut plan, until, flows);
    (plan, ids)
}

#[test]
fn conversion_with_flows_is_moved_up_over_were_there() {
    let (plan, ids) = recorded();
    let (snapshot, flows) = latest_flows(&plan.curve).unwrap();
    let rates = flow_rates(&plan.curve, snapshot, flows);
    let pct: Vec<(u64, u64, Option<f64>)> = rates
        .iter()
        .map(|r| (r.moved_up, r.were_there, r.rate_pct))
        .collect();
    assert_eq!(
        pct,
        vec![
            (80, 1000, Some(8.0)),
            (10, 300, Some(10.0 / 3.0)),
            (2, 50, Some(4.0)),
        ]
    );
    assert_eq!(
        rates[1].sentence("Participant"),
        "Observed 2026-01-01 to 2026-04-01: 10 of 300 members at Participant moved up (3.3%)."
    );
    assert_eq!(rates[0].stage_id, ids[0]);
}

#[test]
fn the_bottleneck_is_where_the_observed_rate_is_lowest() {
    let (plan, ids) = recorded();
    let b = flow_bottleneck(&plan.curve).unwrap();
    assert_eq!(b.stage_id, ids[1]);
    // Without flows there is no observed bottleneck.
    let (bare, _) = self::plan();
    assert_eq!(flow_bottleneck(&bare.curve), None);
}

#[test]
fn the_observed_rate_into_a_stage_comes_from_the_stage_before_it() {
    let (plan, ids) = recorded();
    let r = observed_rate_into(&plan.curve, &ids[2]).unwrap();
    assert_eq!((r.moved_up, r.were_there), (10, 300));
    assert_eq!(observed_rate_into(&plan.curve, &ids[0]), None);
}

#[test]
fn gravity_splits_into_growth_and_movement_that_add_up() {
    let (plan, _) = recorded();
    let (_, flows) = latest_flows(&plan.curve).unwrap();
    let split = gravity_split(&plan.curve, flows);
    // Weights 1, 4, 7, 10 → squared 1, 16, 49, 100.
    // Change: 1×(900−1000) + 16×(330−300) + 49×(52−50) + 100×(12−10) = −100+480+98+200.
    assert_eq!(split.weighted_change, 678.0);
    // Movement: up 80×15 + 10×33 + 2×51; down 5×(1−16) + 3×(16−49).
    let movement = 80.0 * 15.0 + 10.0 * 33.0 + 2.0 * 51.0 - 5.0 * 15.0 - 3.0 * 33.0;
    assert_eq!(split.from_movement, movement);
    assert_eq!(
        split.from_growth + split.from_movement,
        split.weighted_change
    );
    assert_eq!(split.members_at_end, 900 + 330 + 52 + 12);
    let (g, growth, moving) = split.gravity().unwrap();
    assert!((g - (growth + moving)).abs() < 1e-9);
}

#[test]
fn recording_flows_makes_the_end_snapshot_from_members_at_the_end() {
    let (plan, ids) = recorded();
    let snap = &plan.curve.snapshots[0];
    assert_eq!(snap.date, date(2026, 4, 1));
    assert_eq!(snap.count_for(&ids[0]), Some(900));
    assert_eq!(snap.count_for(&ids[3]), Some(12));
    assert_eq!(schema::check_plan(&plan), Ok(()));
    assert_eq!(
        crate::core::schema::PlanReader::linked().import(&schema::export_plan(&plan)),
        Ok(plan.clone())
    );
}

#[test]
fn flows_must_match_an_existing_snapshot_of_the_end_date() {
    let (mut plan, ids) = plan();
    put_snapshot(
        &mut plan,
        date(2026, 4, 1),
        vec![StageCount {
            stage_id: ids[0].clone().into(),
            count: 950,
            extra: Default::default(),
        }],
    );
    let problems = typed_flows(
        &plan.curve,
        Some(date(2026, 1, 1)),
        Some(date(2026, 4, 1)),
        &typed(&ids, ROWS),
    )
    .unwrap_err();
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        text,
        ["Observer: stayed + moved in is 900, but the snapshot of 2026-04-01 counts 950."]
    );
}

#[test]
fn typed_problems_name_the_stage_and_column() {
    let (plan, ids) = plan();
    let mut rows = ROWS;
    rows[1][2] = "ten";
    rows[3][2] = "1";
    rows[0][3] = "4";
    let problems = typed_flows(
        &plan.curve,
        Some(date(2026, 1, 1)),
        Some(date(2026, 4, 1)),
        &typed(&ids, rows),
    )
    .unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "Participant, moved up: `ten` is not a count; use a whole number like 12."
    );
    let (plan, ids) = self::plan();
    let rows = {
        let mut r = ROWS;
        r[3][2] = "1";
        r[0][3] = "4";
        r
    };
    let text: Vec<String> = typed_flows(
        &plan.curve,
        Some(date(2026, 1, 1)),
        Some(date(2026, 4, 1)),
        &typed(&ids, rows),
    )
    .unwrap_err()
    .iter()
    .map(|p| p.to_string())
    .collect();
    assert_eq!(
        text,
        [
            "Observer is the outermost stage: nobody can move down from it.",
            "Leader is the innermost stage: nobody can move up from it.",
        ]
    );
}

#[test]
fn dates_are_required_and_in_order() {
    let (plan, ids) = plan();
    let missing = typed_flows(&plan.curve, None, None, &typed(&ids, ROWS)).unwrap_err();
    assert_eq!(missing.len(), 2);
    let backwards = typed_flows(
        &plan.curve,
        Some(date(2026, 4, 1)),
        Some(date(2026, 1, 1)),
        &typed(&ids, ROWS),
    )
    .unwrap_err();
    assert!(backwards[0]
        .to_string()
        .starts_with("The flows must start before"));
}

#[test]
fn pasted_csv_reads_like_typed_and_names_bad_lines() {
    let (plan, ids) = plan();
    let text = "stage,moved in,stayed,moved up,moved down,left\r\n\
                Observer,200,700,80,0,220\r\nparticipant,80,250,10,5,35\r\n\
                Contributor,12,40,2,3,5\r\nLeader,2,10,0,0,0\r\n";
    let (until, pasted) = parse_flows_csv(
        &plan.curve,
        Some(date(2026, 1, 1)),
        Some(date(2026, 4, 1)),
        text,
    )
    .unwrap();
    let (_, typed) = typed_flows(
        &plan.curve,
        Some(date(2026, 1, 1)),
        Some(date(2026, 4, 1)),
        &typed(&ids, ROWS),
    )
    .unwrap();
    assert_eq!((until, pasted), (date(2026, 4, 1), typed));

    let bad = "stage,moved in,stayed,moved up,moved down,left\n\
               Observer,1,2,3,0,5\nNobody,1,1,1,1,1\nObserver,1,1,1,0,1\nLeader,1,x,0,0,0\nLeader,1";
    let text: Vec<String> = parse_flows_csv(
        &plan.curve,
        Some(date(2026, 1, 1)),
        Some(date(2026, 4, 1)),
        bad,
    )
    .unwrap_err()
    .iter()
    .map(|p| p.to_string())
    .collect();
    assert_eq!(
        text,
        [
            "Line 3: no stage named `Nobody`.",
            "Line 4: Observer already has flows on an earlier line.",
            "Line 5: `x` is not a count; use a whole number like 12.",
            "Line 6: 2 fields where the header has 6.",
        ]
    );
    let header = parse_flows_csv(&plan.curve, None, None, "date,count\n1,2").unwrap_err();
    assert_eq!(
        header[0].to_string(),
        "Line 1: expected the header `stage,moved in,stayed,moved up,moved down,left`."
    );
}

#[test]
fn a_dangling_stage_in_flows_is_refused_on_import() {
    let (mut plan, _) = recorded();
    if let Some(f) = plan.curve.snapshots[0].flows.as_mut() {
        f.stages[0].stage_id = "s-gone".into();
    }
    let refused = crate::core::schema::PlanReader::linked()
        .import(&schema::export_plan(&plan))
        .unwrap_err();
    assert!(
        refused.to_string().contains("flows.stages[0].stage_id"),
        "{refused}"
    );
}

#[test]
fn deleting_a_stage_takes_its_flows_and_restoring_it_brings_them_back() {
    use crate::core::curve::ops::{delete_stage, restore_stage};
    let (mut plan, ids) = recorded();
    let deleted = delete_stage(&mut plan.curve, &ids[1]).unwrap();
    let flows = plan.curve.snapshots[0].flows.as_ref().unwrap();
    assert!(flows.stage(&ids[1]).is_none());
    assert_eq!(schema::check_plan(&plan), Ok(()));
    restore_stage(&mut plan.curve, deleted);
    let flows = plan.curve.snapshots[0].flows.as_ref().unwrap();
    assert_eq!(flows.stage(&ids[1]).map(|f| f.stayed), Some(250));
}

fn achievable_messages(check: &SmartCheck) -> Vec<String> {
    check
        .get(crate::core::goals::Criterion::Achievable)
        .map(|c| c.messages.clone())
        .unwrap_or_default()
}

#[test]
fn the_smart_check_of_a_goal_seeded_from_a_stage_uses_the_observed_rate() {
    let (mut plan, ids) = recorded();
    let stage = plan.curve.stage_mut(&ids[2]).unwrap();
    stage.members_now = 52;
    stage.target_members = 200;
    stage.target_date = Some(date(2026, 10, 1));
    let seed = crate::core::curve::goal_seed::goal_seed_from_gap(&plan.curve, &ids[2]).unwrap();
    let today = date(2026, 4, 1);
    let id = crate::core::goals::add_goal_from_curve(&mut plan, &seed, None, today).unwrap();
    let goal = plan.goals.goal(&id).unwrap().clone();

    let messages = achievable_messages(&smart_check_in(&plan.curve, &goal, today));
    let flow = messages
        .iter()
        .find(|m| m.contains("moving in"))
        .expect("a finding from the observed flows");
    assert!(
        flow.starts_with(
            "Observed 2026-01-01 to 2026-04-01: 10 of 300 members at Participant moved up \
             (3.3%). That is about +3.38 members per month moving in, before anyone leaves; \
             the target needs +24.6"
        ),
        "{flow}"
    );
    // Without flows (or for a goal not seeded from a stage) the check says nothing of them.
    let plain = achievable_messages(&crate::core::goals::smart_check(&goal, today));
    assert!(plain.iter().all(|m| !m.contains("moving in")), "{plain:?}");

    // A target the observed inflow can carry raises no flow finding.
    let mut modest = goal.clone();
    modest.target = Some(60.0);
    let messages = achievable_messages(&smart_check_in(&plan.curve, &modest, today));
    assert!(
        messages.iter().all(|m| !m.contains("moving in")),
        "{messages:?}"
    );
}

#[test]
fn the_observed_bottleneck_reads_as_a_share_of_members_seen_moving() {
    let (plan, _) = recorded();
    let b = flow_bottleneck(&plan.curve).unwrap();
    assert_eq!(
        b.bottleneck_headline("Participant", "Contributor"),
        "Bottleneck (observed flows, 2026-01-01 to 2026-04-01): Participant → Contributor. \
         10 of 300 members at Participant moved up (3.3%), the lowest observed rate."
    );
}

// Issue 28, item 9: start counts, arrivals against moves, a minimum before a bottleneck.

#[test]
fn flows_must_match_an_existing_snapshot_of_the_start_date() {
    let (mut plan, ids) = plan();
    // Observer's ROWS start with 700 + 80 + 0 + 220 = 1000; the snapshot says 990.
    let counts = ids
        .iter()
        .zip([990u64, 300, 50, 10])
        .map(|(id, count)| StageCount {
            stage_id: id.clone().into(),
            count,
            extra: Default::default(),
        })
        .collect();
    put_snapshot(&mut plan, date(2026, 1, 1), counts);
    let problems = typed_flows(
        &plan.curve,
        Some(date(2026, 1, 1)),
        Some(date(2026, 4, 1)),
        &typed(&ids, ROWS),
    )
    .unwrap_err();
    let messages: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        messages,
        [
            "Observer: stayed + moved up + moved down + left is 1000, but the snapshot of \
          2026-01-01 counts 990 at the start."
        ]
    );
}

#[test]
fn arrivals_must_cover_the_moves_between_stages() {
    let (plan, ids) = plan();
    // Nobody moved in anywhere, yet 100 moved up or down.
    let mut rows = ROWS;
    for row in &mut rows {
        row[0] = "0";
    }
    let problems = typed_flows(
        &plan.curve,
        Some(date(2026, 1, 1)),
        Some(date(2026, 4, 1)),
        &typed(&ids, rows),
    )
    .unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "Moved in adds up to 0 across the stages, fewer than the 100 who moved up or down: \
         every move lands in a stage, so it counts as moved in there."
    );
    // With a stage's flows missing, its arrivals are unknown: no such check.
    let partial: Vec<(String, [String; 5])> = typed(&ids, rows).into_iter().take(3).collect();
    assert!(typed_flows(
        &plan.curve,
        Some(date(2026, 1, 1)),
        Some(date(2026, 4, 1)),
        &partial
    )
    .is_ok());
}

#[test]
fn a_bottleneck_needs_a_stage_that_started_with_enough_members() {
    // Contributor starts with 10 members, none of whom moved up (0%): the lowest rate, but too
    // few to name; Participant's 10 of 300 (3.3%) is the bottleneck.
    let (mut plan, ids) = self::plan();
    let mut rows = ROWS;
    rows[2] = ["12", "5", "0", "3", "2"];
    let (until, flows) = typed_flows(
        &plan.curve,
        Some(date(2026, 1, 1)),
        Some(date(2026, 4, 1)),
        &typed(&ids, rows),
    )
    .unwrap();
    put_flows(&mut plan, until, flows);
    assert_eq!(flow_bottleneck(&plan.curve).unwrap().stage_id, ids[1]);
    // Scaled down to a handful per stage, no stage has enough members to name one.
    let (mut small, ids) = self::plan();
    let rows = [
        ["2", "7", "1", "0", "2"],
        ["1", "2", "1", "0", "0"],
        ["1", "3", "0", "1", "0"],
        ["0", "1", "0", "0", "0"],
    ];
    let (until, flows) = typed_flows(
        &small.curve,
        Some(date(2026, 1, 1)),
        Some(date(2026, 4, 1)),
        &typed(&ids, rows),
    )
    .unwrap();
    put_flows(&mut small, until, flows);
    assert_eq!(flow_bottleneck(&small.curve), None);
    assert_eq!(
        flow_bottleneck_note(&small.curve).as_deref(),
        Some(
            "The flows since 2026-01-01 name no bottleneck: every stage started the period with \
             fewer than 20 members, where one member more or less moves a rate by five points or \
             more (a rule of thumb)."
        )
    );
    assert_eq!(flow_bottleneck_note(&plan.curve), None);
    assert_eq!(MIN_MEMBERS_FOR_BOTTLENECK, 20);
}
