use super::*;
use crate::core::career::compare::side_by_side;
use crate::core::career::parity::parity_gaps;
use crate::core::career::templates::{add_template, Template};
use crate::core::schema;

/// A ladder as a spreadsheet exports it: CRLF, quoted fields, a line break inside a cell.
const SPREADSHEET: &str = "Level,Title,Scope,Competency,Expectations\r\n\
L1,Associate Advocate,Self,Content,\"Writes tutorials, with review\"\r\n\
L1,Associate Advocate,Self,Community,Answers questions\r\n\
L2,Advocate,Team,Content,\"Owns a content series;\r\nmeasures it\"\r\n\
L2,Advocate,Team,Community,\"Runs the \"\"office hours\"\"\"\r\n";

fn ladder_of(text: &str) -> Result<Ladder, Vec<LadderProblem>> {
    let table = read_table(text)?;
    let mapping = guess_mapping(&table.header);
    build_ladder(&table, &mapping, "Imported ladder")
}

fn kinds(text: &str) -> Vec<(usize, ProblemKind)> {
    match ladder_of(text) {
        Ok(l) => panic!("expected problems, got {l:?}"),
        Err(p) => p.into_iter().map(|p| (p.line, p.kind)).collect(),
    }
}

#[test]
fn a_spreadsheet_export_reads_into_one_track() {
    let table = read_table(SPREADSHEET).unwrap();
    let mapping = guess_mapping(&table.header);
    assert_eq!(
        mapping,
        Mapping {
            track: None,
            level: Some(0),
            title: Some(1),
            scope: Some(2),
            key_area: Some(3),
            behaviour: Some(4),
        }
    );
    let ladder = build_ladder(&table, &mapping, "Developer advocacy").unwrap();
    assert_eq!(ladder.tracks.len(), 1);
    let track = &ladder.tracks[0];
    assert_eq!(track.name, "Developer advocacy");
    let levels: Vec<(&str, &str, u32, Scope)> = track
        .levels
        .iter()
        .map(|l| (l.code.as_str(), l.title.as_str(), l.rank, l.scope))
        .collect();
    assert_eq!(
        levels,
        vec![
            ("L1", "Associate Advocate", 1, Scope::OneSelf),
            ("L2", "Advocate", 2, Scope::Team)
        ]
    );
    let content = &track.key_areas[0];
    assert_eq!(content.name, "Content");
    assert_eq!(
        content.behaviours[1].text,
        "Owns a content series;\nmeasures it"
    );
    assert_eq!(
        track.key_areas[1].behaviours[1].text,
        "Runs the \"office hours\""
    );
    assert_eq!(
        ladder.summary(),
        "1 track, 2 levels, 2 key areas, 4 behaviours"
    );
    assert!(!ladder.scope_missing);
}

#[test]
fn a_markdown_table_with_a_track_column_reads_into_tracks() {
    let text = "Our ladder\n\n| Track | Level | Key area | Behaviour |\n|:--|---|---|---|\n\
                | Community | C1 | Programs | Runs a meetup \\| with help |\n\
                | Community | C2 | Programs | Runs a program |\n\
                | DevRel | D1 | Talks | Gives a talk |\n\nAfter the table.";
    let ladder = ladder_of(text).unwrap();
    let names: Vec<&str> = ladder.tracks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Community", "DevRel"]);
    assert_eq!(
        ladder.tracks[0].key_areas[0].behaviours[0].text,
        "Runs a meetup | with help"
    );
    // No title column: the level is its own title; no scope column: the preview says so.
    assert_eq!(ladder.tracks[1].levels[0].title, "D1");
    assert!(ladder.scope_missing);
}

#[test]
fn tab_separated_paste_reads_too() {
    let text = "Level\tTitle\tKey area\tBehaviour\nS1\tSpecialist\tCare\tHelps members\n";
    let ladder = ladder_of(text).unwrap();
    assert_eq!(ladder.tracks[0].levels[0].title, "Specialist");
}

#[test]
fn an_empty_text_is_refused() {
    assert_eq!(kinds("  \r\n\n"), vec![(1, ProblemKind::Empty)]);
}

#[test]
fn a_huge_text_is_refused_before_reading() {
    let text = "a".repeat(MAX_LADDER_BYTES + 1);
    assert!(matches!(kinds(&text)[0], (1, ProblemKind::TooLarge { .. })));
}

#[test]
fn an_unclosed_quote_names_its_line() {
    assert_eq!(
        kinds("Level,Behaviour\nL1,\"never closed\nL2,x"),
        vec![(2, ProblemKind::UnclosedQuote)]
    );
}

#[test]
fn text_after_a_quote_names_its_line() {
    assert_eq!(
        kinds("Level,Behaviour\nL1,\"quoted\" then more"),
        vec![(2, ProblemKind::TextAfterQuote)]
    );
}

#[test]
fn a_markdown_table_without_its_separator_row_is_refused() {
    assert_eq!(
        kinds("| Level | Behaviour |\n| L1 | x |"),
        vec![(2, ProblemKind::NoSeparatorRow)]
    );
}

#[test]
fn a_header_without_rows_is_refused() {
    assert_eq!(kinds("\nLevel,Title\n"), vec![(2, ProblemKind::HeaderOnly)]);
}

#[test]
fn every_row_with_the_wrong_number_of_fields_is_named() {
    assert_eq!(
        kinds("Level,Title\nL1,A\nL2,B,extra\nL3"),
        vec![
            (
                3,
                ProblemKind::FieldCount {
                    found: 3,
                    expected: 2
                }
            ),
            (
                4,
                ProblemKind::FieldCount {
                    found: 1,
                    expected: 2
                }
            ),
        ]
    );
}

#[test]
fn a_table_without_a_level_column_asks_for_one() {
    assert_eq!(
        kinds("Name,Thing\nA,B"),
        vec![(1, ProblemKind::NoLevelColumn)]
    );
}

#[test]
fn one_column_chosen_for_two_roles_is_refused() {
    let table = read_table("Level,Title\nL1,A").unwrap();
    let mapping = Mapping {
        level: Some(0),
        title: Some(0),
        ..Mapping::default()
    };
    let problems = build_ladder(&table, &mapping, "T").unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "Line 1: the column \"Level\" is chosen for two roles."
    );
}

#[test]
fn a_row_without_a_level_is_named() {
    assert_eq!(
        kinds("Level,Key area,Behaviour\nL1,A,x\n,A,y"),
        vec![(3, ProblemKind::MissingLevel)]
    );
}

#[test]
fn a_behaviour_without_a_key_area_is_named() {
    assert_eq!(
        kinds("Level,Key area,Behaviour\nL1,,does things"),
        vec![(2, ProblemKind::BehaviourWithoutKeyArea)]
    );
}

#[test]
fn a_level_titled_two_ways_names_both_lines() {
    let problems = ladder_of("Level,Title\nL1,Associate\nL1,Junior").unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "Line 3: level \"L1\" is titled \"Junior\" here but \"Associate\" on line 2."
    );
}

#[test]
fn a_level_with_two_scopes_names_both_lines() {
    assert_eq!(
        kinds("Level,Scope\nL1,Team\nL1,\nL1,Company"),
        vec![(
            4,
            ProblemKind::ScopeConflict {
                level: "L1".into(),
                first_line: 2
            }
        )]
    );
}

#[test]
fn an_unknown_scope_is_named_and_known_spellings_are_read() {
    assert_eq!(
        kinds("Level,Scope\nL1,galaxy"),
        vec![(
            2,
            ProblemKind::UnknownScope {
                value: "galaxy".into()
            }
        )]
    );
    assert_eq!(parse_scope("Organization"), Some(Scope::Organisation));
    assert_eq!(parse_scope("several_teams"), Some(Scope::SeveralTeams));
    assert_eq!(parse_scope(" SELF "), Some(Scope::OneSelf));
}

#[test]
fn a_second_behaviour_for_one_level_and_area_is_named() {
    let problems = ladder_of("Level,Key area,Behaviour\nL1,Care,a\nL1,care,b").unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "Line 3: level \"L1\" already has a behaviour in \"Care\" on line 2."
    );
}

#[test]
fn every_problem_is_reported_in_line_order() {
    let lines: Vec<usize> =
        kinds("Level,Scope,Key area,Behaviour\n,Team,A,x\nL1,wide,A,y\nL1,Team,,z")
            .into_iter()
            .map(|(line, _)| line)
            .collect();
    assert_eq!(lines, [2, 3, 4]);
}

#[test]
fn an_added_ladder_gets_ids_passes_validation_and_is_compared_with_templates() {
    let mut plan = Plan::new("plan", "P");
    let template = add_template(&mut plan, Template::Community);
    let ladder = ladder_of(SPREADSHEET).unwrap();
    let ids = add_ladder(&mut plan, ladder);
    assert_eq!(ids.len(), 1);
    assert_eq!(schema::check_plan(&plan), Ok(()));
    let track = plan.career.track(&ids[0]).unwrap().clone();
    let advocate = track.level_at_rank(2).unwrap();
    let behaviours = track.behaviours_at(&advocate.id);
    assert_eq!(behaviours.len(), 2);

    let view = side_by_side(&plan.career, &advocate.id).unwrap();
    assert_eq!(view.chosen.title, "Advocate");
    assert_eq!(view.peers.len(), 1);
    assert_eq!(view.peers[0].track_id, template);
    assert_eq!(view.peers[0].title, "Community Manager");
    // Parity: the imported ladder has 2 levels, the template 6.
    let gaps: Vec<String> = parity_gaps(&plan.career)
        .iter()
        .map(|g| g.message())
        .collect();
    assert!(
        gaps.contains(&"Imported ladder has 2 levels but Community has 6.".to_string()),
        "{gaps:?}"
    );
}

#[test]
fn the_export_reads_back_into_the_same_ladder() {
    let mut plan = Plan::new("plan", "P");
    add_template(&mut plan, Template::Community);
    let text = ladder_csv(&plan.career);
    assert!(text.starts_with("Track,Level,Title,Scope,Key area,Behaviour\r\n"));
    let back = ladder_of(&text).unwrap();
    let original = &plan.career.tracks[0];
    let read = &back.tracks[0];
    assert_eq!(read.name, original.name);
    let shape = |t: &Track| {
        let levels: Vec<(String, String, u32, Scope)> = t
            .levels
            .iter()
            .map(|l| (l.code.clone(), l.title.clone(), l.rank, l.scope))
            .collect();
        let areas: Vec<(String, usize)> = t
            .key_areas
            .iter()
            .map(|a| (a.name.clone(), a.behaviours.len()))
            .collect();
        (levels, areas)
    };
    assert_eq!(shape(read), shape(original));
}

#[test]
fn the_export_defuses_formulas_and_quotes_what_needs_it() {
    let mut plan = Plan::new("plan", "P");
    let ladder =
        ladder_of("Level,Title,Key area,Behaviour\n\"=HYPERLINK(1)\",\"A, B\",@area,-x").unwrap();
    add_ladder(&mut plan, ladder);
    let text = ladder_csv(&plan.career);
    let row = text.lines().nth(1).unwrap();
    assert_eq!(
        row,
        "Imported ladder,'=HYPERLINK(1),\"A, B\",Self,'@area,'-x"
    );
    // Read back, the defused cells are the original text again.
    let back = ladder_of(&text).unwrap();
    assert_eq!(back.tracks[0].levels[0].code, "=HYPERLINK(1)");
    assert_eq!(back.tracks[0].key_areas[0].name, "@area");
}
