//! Model tests, and small builders the other test modules share.

use super::*;

/// A USD base-pay band: min 80% and max 120% of the midpoint.
/// A band of one structure: min, midpoint and max (80/100/120%), the statistic stated (a range
/// midpoint) and the source's year standing in for the date; population and geography not
/// stated.
pub(crate) fn band(mid: i64) -> Band {
    Band {
        currency: "USD".into(),
        min: Some(mid / 10 * 8),
        mid: Some(mid),
        max: Some(mid / 10 * 12),
        statistic: Some(Statistic::RangeMidpoint),
        source: Source {
            publisher: "Example Co".into(),
            year: Some(2024),
            kind: SourceKind::OwnEstimate,
            ..Source::default()
        },
        ..Band::default()
    }
}

/// A track `tid` whose levels `tid-1`, `tid-2`, … have ranks 1, 2, … and widening scope.
pub(crate) fn track(tid: &str, name: &str, family: Family, mids: &[Option<i64>]) -> Track {
    let levels = mids
        .iter()
        .enumerate()
        .map(|(i, mid)| Level {
            id: format!("{tid}-{}", i + 1).into(),
            code: format!("{}{}", name.chars().next().unwrap_or('X'), i + 1),
            title: format!("{name} {}", i + 1),
            rank: i as u32 + 1,
            scope: Scope::ALL[i.min(Scope::ALL.len() - 1)],
            band: mid.map(band),
            ..Level::default()
        })
        .collect::<Vec<_>>();
    let key_areas = vec![KeyArea {
        id: format!("{tid}-k").into(),
        name: "Lateral leadership".into(),
        behaviours: levels
            .iter()
            .map(|l| Behaviour {
                id: format!("{}-b", l.id).into(),
                level_id: l.id.clone(),
                text: format!("Leads sideways at {}", l.title),
                extra: Default::default(),
            })
            .collect(),
        ..KeyArea::default()
    }];
    Track {
        id: tid.into(),
        name: name.into(),
        family,
        levels,
        key_areas,
        ..Track::default()
    }
}

/// Community 2 (70k) against Engineering (130k), Program (95k) and Marketing (63k) at rank 2.
pub(crate) fn four_tracks() -> Career {
    Career {
        tracks: vec![
            track(
                "c",
                "Community",
                Family::Community,
                &[Some(5_500_000), Some(7_000_000), None],
            ),
            track(
                "e",
                "Engineering",
                Family::Engineering,
                &[None, Some(13_000_000), None],
            ),
            track(
                "p",
                "Program",
                Family::ProgramManagement,
                &[None, Some(9_500_000), None],
            ),
            track(
                "m",
                "Marketing",
                Family::Marketing,
                &[None, Some(6_300_000), None],
            ),
        ],
        ..Career::default()
    }
}

#[test]
fn an_empty_career_defaults_to_the_ten_percent_threshold() {
    let career: Career = serde_json::from_str("{}").unwrap();
    assert_eq!(
        career.bucketing_threshold_percent,
        compare::DEFAULT_BUCKETING_THRESHOLD_PERCENT
    );
    assert!(career.tracks.is_empty());
}

#[test]
fn a_career_survives_a_json_round_trip() {
    let mut career = four_tracks();
    career.proposed_level_id = Some("c-2".into());
    career.comp_records.push(CompRecord {
        id: "r1".into(),
        date: NaiveDate::from_ymd_opt(2024, 3, 1),
        ..CompRecord::default()
    });
    let text = serde_json::to_string(&career).unwrap();
    let back: Career = serde_json::from_str(&text).unwrap();
    assert_eq!(back, career);
}

#[test]
fn unknown_fields_on_career_track_and_level_are_kept() {
    let text =
        r#"{"tracks":[{"id":"t1","future":1,"levels":[{"id":"l1","colour":"red"}]}],"note":"x"}"#;
    let career: Career = serde_json::from_str(text).unwrap();
    let back = serde_json::to_value(&career).unwrap();
    assert_eq!(back["note"], "x");
    assert_eq!(back["tracks"][0]["future"], 1);
    assert_eq!(back["tracks"][0]["levels"][0]["colour"], "red");
}

#[test]
fn enums_are_written_in_snake_case_and_scope_self_is_self() {
    let level = Level {
        scope: Scope::OneSelf,
        ..Level::default()
    };
    assert_eq!(serde_json::to_value(&level).unwrap()["scope"], "self");
    assert_eq!(
        serde_json::to_value(Scope::SeveralTeams).unwrap(),
        "several_teams"
    );
    assert_eq!(
        serde_json::to_value(SourceKind::OfficialStatistic).unwrap(),
        "official_statistic"
    );
    assert_eq!(
        serde_json::to_value(Family::DeveloperRelations).unwrap(),
        "developer_relations"
    );
    assert_eq!(
        serde_json::to_value(PayBasis::TotalCash).unwrap(),
        "total_cash"
    );
}

#[test]
fn scopes_are_ordered_from_self_to_industry() {
    assert!(Scope::OneSelf < Scope::Team);
    assert!(Scope::Company < Scope::Industry);
    assert!(Scope::ALL.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn band_midpoint_falls_back_to_median_then_halfway() {
    let mut b = band(10_000);
    assert_eq!(b.midpoint(), Some(10_000));
    b.mid = None;
    b.percentiles.p50 = Some(9_000);
    assert_eq!(b.midpoint(), Some(9_000));
    b.percentiles.p50 = None;
    assert_eq!(b.midpoint(), Some(10_000));
    b.max = None;
    assert_eq!(b.midpoint(), None);
}

#[test]
fn band_low_and_high_fall_back_to_the_outer_percentiles() {
    let b = Band {
        percentiles: Percentiles {
            p25: Some(40),
            p50: Some(60),
            p75: Some(85),
            ..Percentiles::default()
        },
        ..Band::default()
    };
    assert_eq!((b.low(), b.high()), (Some(40), Some(85)));
    assert_eq!(
        (Band::default().low(), Band::default().high()),
        (None, None)
    );
}

#[test]
fn lookups_find_levels_behaviours_and_their_tracks() {
    let career = four_tracks();
    let (track, level) = career.level("e-2").unwrap();
    assert_eq!((track.name.as_str(), level.rank), ("Engineering", 2));
    let (t, area, b) = career.behaviour("m-3-b").unwrap();
    assert_eq!(
        (t.id.as_str(), area.name.as_str()),
        ("m", "Lateral leadership")
    );
    assert_eq!(b.level_id, "m-3");
    assert_eq!(track.behaviours_at("e-2").len(), 1);
    assert!(career.level("nope").is_none());
}

#[test]
fn the_latest_rating_of_a_behaviour_counts() {
    let a = SelfAssessment {
        ratings: vec![
            BehaviourRating {
                behaviour_id: "b1".into(),
                rating: Rating::WorkingTowards,
                extra: Default::default(),
            },
            BehaviourRating {
                behaviour_id: "b1".into(),
                rating: Rating::Exceeding,
                extra: Default::default(),
            },
        ],
        ..SelfAssessment::default()
    };
    assert_eq!(a.rating_of("b1"), Some(Rating::Exceeding));
    assert_eq!(a.rating_of("b2"), None);
}

#[test]
fn source_labels_name_publisher_year_and_kind() {
    let s = Source {
        publisher: "U.S. Bureau of Labor Statistics".into(),
        year: Some(2021),
        kind: SourceKind::OfficialStatistic,
        ..Source::default()
    };
    assert_eq!(
        s.label(),
        "U.S. Bureau of Labor Statistics, 2021 (official statistic)"
    );
    assert_eq!(
        Source::default().label(),
        "Unknown source, year unknown (own estimate)"
    );
}

#[test]
fn years_ranges_read_naturally() {
    let r = YearsRange {
        min: 2,
        max: Some(5),
        extra: Default::default(),
    };
    assert_eq!(r.label(), "2–5 years");
    assert_eq!(
        YearsRange {
            min: 8,
            max: None,
            extra: Default::default()
        }
        .label(),
        "8+ years"
    );
}
