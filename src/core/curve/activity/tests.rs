use chrono::NaiveDate;

use super::count::{add_counts, count, default_dates, CountProblem, Counted};
use super::dates::{read_date, ReadDate, SlashOrder, Zone};
use super::read::{
    guess_mapping, read_activities, read_head, Activities, Mapping, ProblemKind, ReadOptions,
    Shape, SkipReason,
};
use super::rules::{sentence, template_rules, typed_rule, with_rule};
use super::*;
use crate::core::curve::test_support::{curve, date};
use crate::core::curve::Curve;
use crate::core::plan::Plan;

fn three() -> Curve {
    curve(&[
        ("Newcomer", 10, 0, 0),
        ("Regular", 50, 0, 0),
        ("Core", 90, 0, 0),
    ])
}

fn rule(stage: &str, min: u32, types: &[&str], days: u32) -> StageRule {
    StageRule {
        stage_id: stage.into(),
        min_activities: min,
        types: types.iter().map(|t| t.to_string()).collect(),
        days,
        ..StageRule::default()
    }
}

fn rules() -> ActivityRules {
    ActivityRules {
        stages: vec![
            rule("s1", 1, &[], 30),
            rule("s2", 3, &[], 30),
            rule("s3", 5, &["Review"], 30),
        ],
        ..ActivityRules::default()
    }
}

/// The hand-built histories (see each member's line) as CSV, in the order given.
const HISTORIES: &[&str] = &[
    // ann joins in February and is gone by the end of March.
    "ann.m,2026-02-10,post,forum",
    // bob moves up two stages (Newcomer in January, Core in February), then down to Regular.
    "bob.m,2026-01-20,post,forum",
    "bob.m,2026-02-05T10:00:00Z,review,code",
    "bob.m,2026-02-06T10:00:00Z,review,code",
    "bob.m,2026-02-07T10:00:00Z,review,code",
    "bob.m,2026-02-08T10:00:00Z,review,code",
    "bob.m,2026-02-09T10:00:00Z,review,code",
    "bob.m,2026-03-10,post,forum",
    "bob.m,2026-03-11,post,forum",
    "bob.m,2026-03-12,post,forum",
    // cy leaves in February (a gap) and returns in March.
    "cy.m,2026-01-10,post,forum",
    "cy.m,2026-01-11,post,forum",
    "cy.m,2026-01-12,post,forum",
    "cy.m,2026-03-15,post,forum",
    // dee is active exactly on the first day of January's window (31 − 29 = 2 January),
    // and one day before March's (1 March).
    "dee.m,2026-01-02,post,forum",
    "dee.m,2026-03-01,post,forum",
    // eve posts at 23:30 in New York on 31 January: 1 February in UTC.
    "eve.m,2026-01-31T23:30:00-05:00,post,chat",
    // fay's one review, exported three times: one activity, not the three Regular needs.
    "fay.m,2026-02-20 10:00,review,code",
    "fay.m,2026-02-20 10:00,review,code",
    "fay.m,2026-02-20 10:00,review,code",
];

fn csv(rows: &[&str]) -> String {
    let mut text = String::from("user,timestamp,action,channel\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    text
}

fn read(text: &str, options: ReadOptions) -> Activities {
    let head = read_head(text).unwrap();
    let mapping = guess_mapping(&head.header);
    read_activities(text, &head, &mapping, options).unwrap()
}

fn months() -> Vec<NaiveDate> {
    vec![date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
}

fn counted(text: &str, options: ReadOptions) -> Counted {
    let acts = read(text, options);
    count(&three(), &rules(), &acts, &months(), None, "activity.csv").unwrap()
}

fn counts(c: &Counted) -> Vec<Vec<u64>> {
    c.dates
        .iter()
        .map(|d| d.counts.iter().map(|s| s.count).collect())
        .collect()
}

/// Per stage: moved in, stayed, moved up, moved down, left.
fn flows(c: &Counted, j: usize) -> Vec<[u64; 5]> {
    c.dates[j]
        .flows
        .as_ref()
        .unwrap()
        .stages
        .iter()
        .map(|f| [f.moved_in, f.stayed, f.moved_up, f.moved_down, f.left])
        .collect()
}

#[test]
fn hand_built_histories_give_the_counts_and_flows_member_by_member() {
    let c = counted(&csv(HISTORIES), ReadOptions::default());
    // January: bob, dee, eve new; cy Regular. February: ann, eve, fay; bob Core. March: cy
    // back in Newcomer, bob down to Regular.
    assert_eq!(
        counts(&c),
        vec![vec![3, 1, 0], vec![3, 0, 1], vec![1, 1, 0]]
    );
    assert!(c.dates[0].flows.is_none());
    // February: Newcomer — ann and fay new, eve stayed, bob moved up (two stages), dee left;
    // Regular — cy left (a gap); Core — bob moved in.
    assert_eq!(
        flows(&c, 1),
        vec![[2, 1, 1, 0, 1], [0, 0, 0, 0, 1], [1, 0, 0, 0, 0]]
    );
    assert_eq!(c.dates[1].new, 2);
    assert_eq!(c.dates[1].flows.as_ref().unwrap().since, date(2026, 1, 31));
    // March: cy returns as new; ann, eve and fay left; bob moved down from Core to Regular.
    assert_eq!(
        flows(&c, 2),
        vec![[1, 0, 0, 0, 3], [1, 0, 0, 0, 0], [0, 0, 0, 1, 0]]
    );
    assert_eq!(c.dates[2].new, 1);
    assert_eq!(c.dates[2].active, 2);
}

#[test]
fn the_same_rows_out_of_order_count_the_same() {
    let mut shuffled: Vec<&str> = HISTORIES.to_vec();
    shuffled.reverse();
    shuffled.swap(2, 11);
    let acts = read(&csv(&shuffled), ReadOptions::default());
    assert!(acts.out_of_order);
    assert_eq!(
        counted(&csv(&shuffled), ReadOptions::default()),
        counted(&csv(HISTORIES), ReadOptions::default())
    );
}

#[test]
fn duplicate_rows_are_counted_once_and_named_with_the_first_line() {
    let acts = read(&csv(HISTORIES), ReadOptions::default());
    assert_eq!(acts.rows_read, 20);
    assert_eq!(acts.rows.len(), 18);
    assert_eq!(acts.skipped, vec![(SkipReason::Duplicate, 2)]);
    let named: Vec<String> = acts.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        named,
        vec![
            "Line 20: the same as line 19 in every column; counted once.",
            "Line 21: the same as line 19 in every column; counted once.",
        ]
    );
}

#[test]
fn two_activities_on_one_day_that_differ_in_a_column_are_both_counted() {
    let text = "user,date,action,id\nzed,2026-01-05,post,1\nzed,2026-01-05,post,2\n";
    let head = read_head(text).unwrap();
    let mapping = guess_mapping(&head.header);
    let acts = read_activities(text, &head, &mapping, ReadOptions::default()).unwrap();
    assert_eq!(acts.rows.len(), 2);
}

#[test]
fn a_time_with_a_zone_counts_on_the_date_written_unless_an_offset_is_chosen() {
    // As written: eve is active on 31 January.
    let c = counted(&csv(HISTORIES), ReadOptions::default());
    assert_eq!(c.dates[0].counts[0].count, 3);
    // Counted in UTC, her post is on 1 February: not in January's count.
    let utc = ReadOptions {
        zone: Zone::Offset(0),
        ..ReadOptions::default()
    };
    let c = counted(&csv(HISTORIES), utc);
    assert_eq!(c.dates[0].counts[0].count, 2);
    // And a UTC time just after midnight, counted in UTC−5, falls on the day before.
    let ny = Zone::Offset(-300);
    assert_eq!(
        read_date("2026-02-01T00:10:00Z", SlashOrder::FromFile, ny),
        ReadDate::Day {
            day: date(2026, 1, 31),
            second: Some(19 * 3600 + 10 * 60)
        }
    );
    // A time without a zone is taken as already in the chosen one.
    assert!(matches!(
        read_date("2026-02-01 00:10", SlashOrder::FromFile, ny),
        ReadDate::Day { day, .. } if day == date(2026, 2, 1)
    ));
}

#[test]
fn dates_in_the_forms_platforms_and_spreadsheets_write() {
    let day = |cell: &str| match read_date(cell, SlashOrder::FromFile, Zone::AsWritten) {
        ReadDate::Day { day, .. } => Some(day),
        _ => None,
    };
    let d = Some(date(2026, 3, 5));
    assert_eq!(day("2026-03-05"), d);
    assert_eq!(day("2026/03/05"), d);
    assert_eq!(day("2026-03-05T14:02:11.123Z"), d);
    assert_eq!(day("2026-03-05T14:02:11+0100"), d);
    assert_eq!(day("2026-03-05 14:02"), d);
    assert_eq!(day("05.03.2026"), d);
    assert_eq!(day("05.03.2026 14:02"), d);
    assert_eq!(day("3/25/2026 2:02 PM"), Some(date(2026, 3, 25)));
    assert_eq!(day("25/3/2026"), Some(date(2026, 3, 25)));
    assert_eq!(day("2026-02-30"), None);
    assert_eq!(day("yesterday"), None);
    assert_eq!(day("2026-03-05T25:00"), None);
    assert_eq!(day("5/3/26"), None);
}

#[test]
fn slash_dates_follow_the_order_the_file_shows_or_wait_for_a_choice() {
    let head = |rows: &str| format!("user,date\n{rows}");
    // 3/25/2026 shows month-first, so 3/5/2026 is 5 March.
    let acts = read(&head("a,3/25/2026\nb,3/5/2026\n"), ReadOptions::default());
    assert_eq!(acts.first_date, Some(date(2026, 3, 5)));
    assert!(acts.problems.is_empty());
    // 25/3/2026 shows day-first, so 3/5/2026 is 3 May.
    let acts = read(&head("a,25/3/2026\nb,3/5/2026\n"), ReadOptions::default());
    assert_eq!(acts.last_date, Some(date(2026, 5, 3)));
    // Nothing shows the order: the row is named and skipped until the user chooses.
    let text = head("a,3/5/2026\nb,2026-03-01\n");
    let acts = read(&text, ReadOptions::default());
    assert_eq!(acts.skipped, vec![(SkipReason::AmbiguousDate, 1)]);
    assert_eq!(acts.problems[0].line, 2);
    assert!(matches!(
        acts.problems[0].kind,
        ProblemKind::AmbiguousDate { .. }
    ));
    let chosen = ReadOptions {
        slash: SlashOrder::DayFirst,
        ..ReadOptions::default()
    };
    assert_eq!(read(&text, chosen).last_date, Some(date(2026, 5, 3)));
}

#[test]
fn bad_rows_are_named_by_line_and_counted_by_reason_and_the_rest_is_read() {
    let text = "member,date,type\n\
                a,2026-01-05,post\n\
                ,2026-01-05,post\n\
                b,,post\n\
                c,someday,post\n\
                d\n\
                e,2026-01-06,post\n";
    let acts = read(text, ReadOptions::default());
    let named: Vec<String> = acts.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(named[0], "Line 3: no member. Skipped.");
    assert_eq!(named[1], "Line 4: no date. Skipped.");
    assert!(
        named[2].starts_with("Line 5: `someday` is not a date"),
        "{}",
        named[2]
    );
    assert_eq!(
        named[3],
        "Line 6: 1 field, but the chosen columns need 3. Skipped."
    );
    assert_eq!(acts.rows_read, 6);
    assert_eq!(acts.rows.len(), 2);
    assert_eq!(acts.skipped_total(), 4);
    assert_eq!(acts.members, 2);
}

#[test]
fn no_problem_quotes_a_member_identifier() {
    let text = "member,date\nsecret-person@example.org,not a date\nother@example.org,\n";
    let acts = read(text, ReadOptions::default());
    for p in &acts.problems {
        assert!(!p.to_string().contains("example.org"), "{p}");
    }
}

#[test]
fn json_lines_with_nested_keys_are_read_like_a_table() {
    let text = r#"{"type":"PushEvent","actor":{"login":"ann"},"created_at":"2026-01-05T10:00:00Z"}
{"type":"IssuesEvent","actor":{"login":"bob"},"created_at":"2026-01-06T10:00:00Z"}
not json
{"type":"PushEvent","actor":{"login":"ann"},"created_at":"2026-01-07T10:00:00Z"}
"#;
    let head = read_head(text).unwrap();
    assert_eq!(head.shape, Shape::JsonLines);
    assert_eq!(head.header, vec!["type", "actor.login", "created_at"]);
    let mapping = guess_mapping(&head.header);
    assert_eq!(
        mapping,
        Mapping {
            member: Some(1),
            date: Some(2),
            kind: Some(0),
            channel: None
        }
    );
    let acts = read_activities(text, &head, &mapping, ReadOptions::default()).unwrap();
    assert_eq!(acts.rows.len(), 3);
    assert_eq!(acts.members, 2);
    assert_eq!(acts.skipped, vec![(SkipReason::NotJsonObject, 1)]);
    assert_eq!(acts.problems[0].line, 3);
}

#[test]
fn the_mapping_is_guessed_from_the_header_and_checked() {
    let head =
        read_head("User ID\tCreated At\tEvent Type\tRoom\nx\t2026-01-01\tpost\tgeneral\n").unwrap();
    assert_eq!(head.shape, Shape::Delimited('\t'));
    let mapping = guess_mapping(&head.header);
    assert_eq!(
        mapping,
        Mapping {
            member: Some(0),
            date: Some(1),
            kind: Some(2),
            channel: Some(3)
        }
    );
    let mut twice = mapping;
    twice.kind = Some(0);
    let err = read_activities("", &head, &twice, ReadOptions::default()).unwrap_err();
    assert_eq!(
        err[0].to_string(),
        "Line 1: the column `User ID` is chosen for two roles; choose one column per role."
    );
    assert!(read_head("").is_err());
    assert_eq!(
        read_head("a,b\n").unwrap_err()[0].kind,
        ProblemKind::HeaderOnly
    );
    assert_eq!(
        read_head("a,b\n\"open,1\n").unwrap_err()[0].kind,
        ProblemKind::UnclosedQuote
    );
}

#[test]
fn the_default_dates_are_month_ends_the_file_covers_at_most_twelve() {
    assert_eq!(
        default_dates(date(2026, 1, 15), date(2026, 3, 20)),
        vec![date(2026, 1, 31), date(2026, 2, 28)]
    );
    assert_eq!(
        default_dates(date(2026, 1, 1), date(2026, 3, 31)),
        vec![date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
    );
    assert_eq!(
        default_dates(date(2026, 3, 2), date(2026, 3, 20)),
        vec![date(2026, 3, 20)]
    );
    let long = default_dates(date(2024, 1, 1), date(2026, 3, 31));
    assert_eq!(long.len(), 12);
    assert_eq!(long[0], date(2025, 4, 30));
    assert_eq!(long[11], date(2026, 3, 31));
}

#[test]
fn counting_refuses_no_rules_and_no_dates() {
    let acts = read(&csv(HISTORIES), ReadOptions::default());
    let none = ActivityRules::default();
    assert_eq!(
        count(&three(), &none, &acts, &months(), None, "").unwrap_err(),
        CountProblem::NoRules
    );
    assert_eq!(
        count(&three(), &rules(), &acts, &[], None, "").unwrap_err(),
        CountProblem::NoDates
    );
}

#[test]
fn a_channel_filter_counts_only_the_chosen_channels() {
    let acts = read(&csv(HISTORIES), ReadOptions::default());
    // Channels in the order met: forum, code, chat.
    assert_eq!(acts.channels[0].0, "forum");
    let only_code = vec![false, true, false];
    let c = count(&three(), &rules(), &acts, &months(), Some(&only_code), "").unwrap();
    // February: bob in Core (reviews), fay Newcomer; nobody in January or March.
    assert_eq!(
        counts(&c),
        vec![vec![0, 0, 0], vec![1, 0, 1], vec![0, 0, 0]]
    );
}

#[test]
fn adding_counts_makes_marked_snapshots_and_keeps_the_rules_not_the_members() {
    let mut plan = Plan {
        curve: three(),
        ..Plan::default()
    };
    let c = counted(&csv(HISTORIES), ReadOptions::default());
    let ids = add_counts(&mut plan, c);
    assert_eq!(ids.len(), 3);
    let snaps = &plan.curve.snapshots;
    assert_eq!(snaps.len(), 3);
    let marker = counted_from(&snaps[1]).unwrap();
    assert_eq!(marker.rows, 20);
    assert_eq!(marker.first_date, Some(date(2026, 1, 2)));
    assert_eq!(marker.last_date, Some(date(2026, 3, 15)));
    assert_eq!(
        marker.sentence(),
        "Counted from activity.csv (20 rows, 2026-01-02 to 2026-03-15) by the activity rules."
    );
    assert_eq!(
        marker.rules[0],
        "Core: at least 5 activities of type Review in the last 30 days."
    );
    assert_eq!(plan.curve.activity_rules, Some(rules()));
    let json = serde_json::to_string(&plan).unwrap();
    for name in ["ann.m", "bob.m", "cy.m", "dee.m", "eve.m", "fay.m"] {
        assert!(!json.contains(name), "{name} is in the plan: {json}");
    }
    // Edited by hand (here, or by an older build), the marker no longer describes the counts.
    plan.curve.snapshots[1].counts[0].count += 1;
    assert!(counted_from(&plan.curve.snapshots[1]).is_none());
}

#[test]
fn counting_again_replaces_the_snapshots_of_the_same_dates() {
    let mut plan = Plan {
        curve: three(),
        ..Plan::default()
    };
    add_counts(&mut plan, counted(&csv(HISTORIES), ReadOptions::default()));
    let first_ids: Vec<String> = plan
        .curve
        .snapshots
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    let again = counted(&csv(HISTORIES), ReadOptions::default());
    assert_eq!(super::count::replaced_dates(&plan.curve, &again), months());
    let ids = add_counts(&mut plan, again);
    assert_eq!(ids, first_ids);
    assert_eq!(plan.curve.snapshots.len(), 3);
}

#[test]
fn counted_flows_pass_the_flow_checks_against_their_snapshots() {
    let mut plan = Plan {
        curve: three(),
        ..Plan::default()
    };
    add_counts(&mut plan, counted(&csv(HISTORIES), ReadOptions::default()));
    for s in &plan.curve.snapshots {
        let Some(f) = &s.flows else { continue };
        let start = plan
            .curve
            .snapshots
            .iter()
            .find(|x| x.date == f.since)
            .unwrap();
        for sf in &f.stages {
            assert_eq!(start.count_for(&sf.stage_id), Some(sf.were_there()));
            assert_eq!(s.count_for(&sf.stage_id), Some(sf.are_there()));
        }
    }
}

#[test]
fn rules_read_as_sentences_and_typed_values_are_checked() {
    assert_eq!(
        sentence("Core", &rule("s3", 10, &["commit", "review", "merge"], 30)),
        "Core: at least 10 activities of type commit, review or merge in the last 30 days."
    );
    assert_eq!(
        sentence("", &rule("s1", 1, &[], 1)),
        "Untitled stage: at least 1 activity of any type in the last day."
    );
    let c = three();
    let ok = typed_rule(&c.stages[1], " 4 ", "post, Post ,reply,", "14").unwrap();
    assert_eq!((ok.min_activities, ok.days), (4, 14));
    assert_eq!(ok.types, vec!["post", "reply"]);
    let err = typed_rule(&c.stages[1], "0", "", "forever").unwrap_err();
    assert_eq!(
        err,
        vec![
            "Regular: the number of activities is a whole number of at least 1, not `0`.",
            "Regular: the days are a whole number from 1 to 3653, not `forever`.",
        ]
    );
    let replaced = with_rule(&rules(), "s2", Some(ok.clone()));
    assert_eq!(replaced.stages[1], ok);
    assert_eq!(with_rule(&rules(), "s2", None).stages.len(), 2);
}

#[test]
fn every_curve_gets_a_starting_template_with_more_activity_further_in() {
    let mut plan = Plan::default();
    for kind in crate::core::curve::TemplateKind::ALL {
        let c = crate::core::curve::templates::build_template(&mut plan, kind);
        let t = template_rules(&c);
        assert_eq!(t.stages.len(), c.stages.len(), "{kind:?}");
        assert!(t
            .stages
            .windows(2)
            .all(|w| w[0].min_activities <= w[1].min_activities));
        assert_eq!(t.threshold, DEFAULT_THRESHOLD);
    }
    let mut plan = Plan::default();
    let apache = crate::core::curve::templates::build_template(
        &mut plan,
        crate::core::curve::TemplateKind::Apache,
    );
    assert!(template_rules(&apache).stages[1]
        .types
        .contains(&"commit".to_string()));
}

#[test]
fn rules_and_markers_keep_fields_from_newer_builds() {
    let text = r#"{"stages":[{"stage_id":"s1","min_activities":2,"types":[],"days":7,"glow":1}],
        "threshold":10,"future":true}"#;
    let rules: ActivityRules = serde_json::from_str(text).unwrap();
    let back = serde_json::to_value(&rules).unwrap();
    assert_eq!(back["future"], true);
    assert_eq!(back["stages"][0]["glow"], 1);
    let marker: CountedFrom = serde_json::from_str(r#"{"file_name":"a.csv","hue":2}"#).unwrap();
    assert_eq!(serde_json::to_value(&marker).unwrap()["hue"], 2);
}

#[test]
fn small_counts_are_shown_as_fewer_than_the_threshold() {
    assert_eq!(shown_count(3, 5), "fewer than 5");
    assert_eq!(shown_count(0, 5), "0");
    assert_eq!(shown_count(5, 5), "5");
    assert_eq!(shown_count(1, 0), "1");
    assert_eq!(group_thousands(1_234_567), "1,234,567");
}

#[test]
fn the_snapshot_export_writes_small_counted_counts_as_fewer_than_the_threshold() {
    let mut plan = Plan {
        curve: three(),
        ..Plan::default()
    };
    add_counts(&mut plan, counted(&csv(HISTORIES), ReadOptions::default()));
    let text = crate::core::curve::snapshots::snapshots_csv(&plan.curve);
    assert_eq!(
        text.lines().nth(1),
        Some("2026-01-31,fewer than 5,fewer than 5,0")
    );
}

#[test]
fn typed_dates_and_zones_read_or_are_named() {
    use super::dates::{typed_dates, typed_offset};
    assert_eq!(
        typed_dates("2026-02-28, 2026-01-31\n2026-02-28").unwrap(),
        vec![date(2026, 1, 31), date(2026, 2, 28)]
    );
    assert_eq!(
        typed_dates("2026-02-30 soon").unwrap_err(),
        vec![
            "`2026-02-30` is not a date; write dates as 2026-01-31.",
            "`soon` is not a date; write dates as 2026-01-31."
        ]
    );
    assert!(typed_dates("  ").is_err());
    assert_eq!(typed_offset("UTC"), Some(0));
    assert_eq!(typed_offset("+09:00"), Some(540));
    assert_eq!(typed_offset("UTC-5"), Some(-300));
    assert_eq!(typed_offset("-0330"), Some(-210));
    assert_eq!(typed_offset("+5:30"), Some(330));
    assert_eq!(typed_offset("Tokyo"), None);
    assert_eq!(typed_offset("+15:00"), None);
}

#[test]
fn the_rules_form_starts_from_the_plan_or_the_template_and_reads_back() {
    use super::rules::{typed_form, typed_rules};
    let c = three();
    let form = typed_form(&c, &ActivityRules::default());
    assert_eq!(form.len(), 3);
    assert_eq!(form[0].stage_id, "s3");
    assert!(form.iter().all(|r| !r.counted));
    assert_eq!(
        typed_rules(&c, &ActivityRules::default(), &form, "5").unwrap_err(),
        vec!["Count at least one stage: tick it and give it a rule."]
    );
    let mut form = typed_form(&c, &rules());
    assert!(form.iter().all(|r| r.counted));
    assert_eq!(form[0].types, "Review");
    assert_eq!(typed_rules(&c, &rules(), &form, "5").unwrap(), rules());
    form[1].counted = false;
    form[0].days = "x".into();
    let err = typed_rules(&c, &rules(), &form, "few").unwrap_err();
    assert_eq!(err.len(), 2);
    form[0].days = "60".into();
    let r = typed_rules(&c, &rules(), &form, "10").unwrap();
    assert_eq!(r.threshold, 10);
    assert_eq!(r.stages.len(), 2);
    assert_eq!(
        r.stages.iter().find(|s| s.stage_id == "s3").unwrap().days,
        60
    );
}

#[test]
fn a_rule_from_a_file_with_a_huge_window_counts_within_the_longest_one() {
    let acts = read(&csv(HISTORIES), ReadOptions::default());
    let mut huge = rules();
    huge.stages[0].days = u32::MAX;
    let c = count(&three(), &huge, &acts, &months(), None, "").unwrap();
    // Everyone active before a date is in at least the first stage.
    assert_eq!(c.dates[2].active, 6);
}
