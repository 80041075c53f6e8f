use super::*;
use crate::core::curve::test_support::{curve, date};

fn three() -> Curve {
    curve(&[
        ("Explorers", 1, 0, 0),
        ("Contributors", 2, 0, 0),
        ("Leaders, core", 3, 0, 0),
    ])
}

fn count(p: &ParsedSnapshot, stage: &str) -> Option<u64> {
    p.counts
        .iter()
        .find(|c| c.stage_id == stage)
        .map(|c| c.count)
}

#[test]
fn long_csv_with_header_groups_counts_by_date() {
    let text = "date,stage,count\n2025-02-01,explorers,120\n2025-01-01,Explorers,100\n\
                2025-01-01,Contributors,9\n";
    let p = parse_snapshots_csv(&three(), text).unwrap();
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].date, date(2025, 1, 1));
    assert_eq!(count(&p[0], "s2"), Some(9));
    assert_eq!(count(&p[1], "s1"), Some(120));
}

#[test]
fn long_csv_without_header_is_accepted() {
    let p = parse_snapshots_csv(&three(), "2025-01-01,s3,4").unwrap();
    assert_eq!(count(&p[0], "s3"), Some(4));
}

#[test]
fn wide_csv_with_quoted_names_and_blank_cells() {
    let text = "Date,Explorers,Contributors,\"Leaders, core\"\r\n2025-01-01,100,9,1\r\n\
                2025-02-01,110,,2\r\n";
    let p = parse_snapshots_csv(&three(), text).unwrap();
    assert_eq!(p.len(), 2);
    assert_eq!(count(&p[0], "s3"), Some(1));
    assert_eq!(count(&p[1], "s2"), None);
    assert_eq!(count(&p[1], "s3"), Some(2));
}

#[test]
fn a_spreadsheet_paste_is_tab_separated() {
    let text = "date\tExplorers\tContributors\n2025-01-01\t1000\t90";
    let p = parse_snapshots_csv(&three(), text).unwrap();
    assert_eq!(count(&p[0], "s1"), Some(1000));
}

#[test]
fn every_bad_line_gets_its_own_specific_error() {
    let text = "date,stage,count\n2025-13-01,Explorers,1\n2025-01-01,Leeders,2\n\
                2025-01-01,Explorers,12.5\n2025-01-01,Explorers\n2025-01-01,Explorers,3\n\
                2025-01-01,explorers,4";
    let errs = parse_snapshots_csv(&three(), text).unwrap_err();
    let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 3, 4, 5, 7]);
    assert!(errs[0].message.contains("`2025-13-01` is not a date"));
    assert!(errs[1].message.contains("No stage named `Leeders`"));
    assert!(errs[1].message.contains("Explorers, Contributors"));
    assert!(errs[2].message.contains("`12.5` is not a count"));
    assert!(errs[3].message.contains("found 2"));
    assert!(errs[4].message.contains("already counted"));
    assert_eq!(errs[0].to_string(), format!("Line 2: {}", errs[0].message));
}

#[test]
fn unknown_stage_in_a_wide_header_is_reported_on_the_header_line() {
    let errs = parse_snapshots_csv(&three(), "date,Explorers,Lurkers\n2025-01-01,1,2").unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].line, 1);
}

#[test]
fn a_stage_twice_in_the_header_is_refused() {
    let errs = parse_snapshots_csv(&three(), "date,s1,Explorers\n2025-01-01,1,2").unwrap_err();
    assert!(errs[0].message.contains("twice"));
}

#[test]
fn empty_text_header_only_and_unknown_layouts_are_refused() {
    assert!(parse_snapshots_csv(&three(), "  \n").unwrap_err()[0]
        .message
        .contains("Nothing to import"));
    assert!(
        parse_snapshots_csv(&three(), "date,stage,count\n").unwrap_err()[0]
            .message
            .contains("no counts")
    );
    assert!(
        parse_snapshots_csv(&three(), "when,who\n1,2").unwrap_err()[0]
            .message
            .contains("Expected a header")
    );
}

#[test]
fn negative_counts_are_refused() {
    let errs = parse_snapshots_csv(&three(), "2025-01-01,Explorers,-4").unwrap_err();
    assert!(errs[0].message.contains("not a count"));
}

#[test]
fn import_adds_snapshots_and_replaces_a_date_already_recorded() {
    let mut plan = Plan::new("p", "P");
    plan.curve = three();
    let first = parse_snapshots_csv(&plan.curve, "2025-01-01,Explorers,5").unwrap();
    import_snapshots(&mut plan, first);
    let again =
        parse_snapshots_csv(&plan.curve, "2025-01-01,Explorers,6\n2024-12-01,s2,1").unwrap();
    let ids = import_snapshots(&mut plan, again);
    assert_eq!(ids.len(), 2);
    assert_eq!(plan.curve.snapshots.len(), 2);
    assert_eq!(plan.curve.snapshots[1].count_for("s1"), Some(6));
}

#[test]
fn exported_csv_parses_back_to_the_same_counts() {
    let mut plan = Plan::new("p", "P");
    plan.curve = three();
    let text =
        "date,Explorers,Contributors,\"Leaders, core\"\n2025-01-01,100,9,1\n2025-02-01,110,,2\n";
    let parsed = parse_snapshots_csv(&plan.curve, text).unwrap();
    import_snapshots(&mut plan, parsed);
    assert_eq!(snapshots_csv(&plan.curve), text);
}

#[test]
fn series_lists_each_stage_over_time_with_gaps() {
    let mut plan = Plan::new("p", "P");
    plan.curve = three();
    let parsed =
        parse_snapshots_csv(&plan.curve, "date,s1,s2\n2025-02-01,3,\n2025-01-01,1,2").unwrap();
    import_snapshots(&mut plan, parsed);
    let s = stage_series(&plan.curve);
    assert_eq!(s.len(), 3);
    assert_eq!(
        s[1].points,
        [(date(2025, 1, 1), Some(2)), (date(2025, 2, 1), None)]
    );
}

fn typed(values: &[Option<f64>]) -> Vec<(String, Option<f64>)> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("s{}", i + 1), *v))
        .collect()
}

#[test]
fn typed_snapshot_keeps_filled_counts_and_skips_empty_fields() {
    let c = three();
    let p = typed_snapshot(
        &c,
        Some(date(2026, 3, 1)),
        &typed(&[Some(900.0), None, Some(4.0)]),
    )
    .unwrap();
    assert_eq!(p.date, date(2026, 3, 1));
    assert_eq!(count(&p, "s1"), Some(900));
    assert_eq!(count(&p, "s2"), None);
    assert_eq!(count(&p, "s3"), Some(4));
}

#[test]
fn typed_snapshot_names_every_problem_at_once() {
    let c = three();
    let errs = typed_snapshot(&c, None, &typed(&[Some(-1.0), Some(2.5), Some(1.0)])).unwrap_err();
    assert_eq!(errs.len(), 3);
    assert!(errs[0].contains("date"));
    assert!(errs[1].starts_with("Explorers") && errs[1].contains("negative"));
    assert!(errs[2].starts_with("Contributors") && errs[2].contains("whole"));
}

#[test]
fn typed_snapshot_needs_at_least_one_count_and_ignores_unknown_stages() {
    let c = three();
    let errs = typed_snapshot(&c, Some(date(2026, 3, 1)), &typed(&[None, None, None])).unwrap_err();
    assert_eq!(errs, ["Type at least one stage's count."]);
    let stray = vec![
        ("gone".to_string(), Some(5.0)),
        ("s2".to_string(), Some(0.0)),
    ];
    let p = typed_snapshot(&c, Some(date(2026, 3, 1)), &stray).unwrap();
    assert_eq!(p.counts.len(), 1);
    assert_eq!(count(&p, "s2"), Some(0));
}

#[test]
fn exported_stage_names_never_start_a_formula_and_read_back_as_the_same_stages() {
    let mut c = curve(&[
        ("=HYPERLINK(\"http://x\")", 1, 0, 0),
        ("+Leads", 2, 0, 0),
        ("-core", 3, 0, 0),
        ("@team", 4, 0, 0),
        ("Plain", 5, 0, 0),
    ]);
    c.snapshots.push(crate::core::curve::Snapshot {
        flows: None,
        counted_from: None,
        id: "n1".into(),
        date: date(2026, 1, 1),
        counts: (1..=5)
            .map(|i| StageCount {
                stage_id: format!("s{i}").into(),
                count: i * 10,
                extra: Default::default(),
            })
            .collect(),
        extra: Default::default(),
    });
    let csv = snapshots_csv(&c);
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "date,\"'=HYPERLINK(\"\"http://x\"\")\",'+Leads,'-core,'@team,Plain"
    );
    for cell in split_fields(header, ',') {
        assert!(
            !cell.starts_with(crate::core::csv::FORMULA_STARTS),
            "{cell} would run as a formula"
        );
    }
    let back = parse_snapshots_csv(&c, &csv).unwrap();
    assert_eq!(back.len(), 1);
    for i in 1..=5 {
        assert_eq!(count(&back[0], &format!("s{i}")), Some(i * 10));
    }
}

#[test]
fn a_stage_name_with_a_carriage_return_cannot_start_a_row_with_a_formula() {
    let mut c = three();
    // No comma, quote or semicolon, which would have the name quoted anyway.
    c.stages[0].name = "x\r=cmd|' /C calc'!A0".into();
    c.snapshots.push(crate::core::curve::Snapshot {
        id: "n1".into(),
        date: date(2025, 1, 1),
        counts: vec![StageCount {
            stage_id: "s1".into(),
            count: 5,
            extra: Default::default(),
        }],
        ..crate::core::curve::Snapshot::default()
    });
    let text = snapshots_csv(&c);
    // Read as a spreadsheet reads it: a bare CR outside quotes ends a row.
    let records = crate::core::csv::read_records(&text, ',').unwrap();
    assert_eq!(records.len(), 2, "{text:?}");
    assert!(records.iter().all(|r| r.fields.len() == 4), "{records:?}");
    for field in records.iter().flat_map(|r| &r.fields) {
        assert!(
            !field.starts_with(crate::core::csv::FORMULA_STARTS),
            "{field:?}"
        );
    }
    assert_eq!(records[0].fields[1], c.stages[0].name);
}
