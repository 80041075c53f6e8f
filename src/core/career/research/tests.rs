use super::*;
use crate::core::career::tests::{band, four_tracks};
use crate::core::career::Source;

fn plan() -> Plan {
    let mut plan = Plan::new("p1", "Research");
    plan.career = four_tracks();
    plan
}

fn from(publisher: &str, mid: i64) -> Band {
    Band {
        source: Source {
            publisher: publisher.into(),
            year: Some(2024),
            ..Source::default()
        },
        ..band(mid)
    }
}

#[test]
fn a_level_logs_several_sources_and_the_user_picks_the_band_in_use() {
    let mut plan = plan();
    let a = add_entry(&mut plan, "c-2", from("Indeed", 7_500_000)).unwrap();
    let b = add_entry(&mut plan, "c-2", from("Glassdoor", 9_000_000)).unwrap();
    assert_ne!(a, b);
    let level = plan.career.level("c-2").unwrap().1;
    assert_eq!(level.research.len(), 2);
    assert!(
        entry_in_use(level).is_none(),
        "logging does not change the band"
    );
    use_entry(&mut plan.career, "c-2", &b).unwrap();
    let level = plan.career.level("c-2").unwrap().1;
    assert_eq!(level.band.as_ref().unwrap().source.publisher, "Glassdoor");
    assert_eq!(entry_in_use(level).map(|e| e.id.as_str()), Some(b.as_str()));
    remove_entry(&mut plan.career, "c-2", &b).unwrap();
    let level = plan.career.level("c-2").unwrap().1;
    assert_eq!(level.band.as_ref().unwrap().source.publisher, "Glassdoor");
    assert!(use_entry(&mut plan.career, "c-2", &b).is_err());
    assert!(add_entry(&mut plan, "nope", band(1)).is_err());
}

#[test]
fn the_spread_between_sources_is_shown_not_hidden() {
    let mut plan = plan();
    assert!(spread(plan.career.level("c-2").unwrap().1).is_none());
    let low = add_entry(&mut plan, "c-2", from("Indeed", 8_000_000)).unwrap();
    assert!(spread(plan.career.level("c-2").unwrap().1).is_none());
    add_entry(&mut plan, "c-2", from("Levels", 9_000_000)).unwrap();
    let high = add_entry(&mut plan, "c-2", from("Glassdoor", 10_000_000)).unwrap();
    let mut eur = from("Stepstone", 6_000_000);
    eur.currency = "EUR".into();
    let other = add_entry(&mut plan, "c-2", eur).unwrap();
    let s = spread(plan.career.level("c-2").unwrap().1).unwrap();
    assert_eq!(s.lowest, (low.into(), 8_000_000));
    assert_eq!(s.highest, (high.into(), 10_000_000));
    assert_eq!(s.ratio, Some(0.25));
    assert_eq!(s.count, 3);
    assert_eq!(s.left_out, [other]);
    assert!(!s.measures_differ);
}

#[test]
fn the_spread_says_when_its_sources_measure_different_things() {
    let mut plan = plan();
    add_entry(&mut plan, "c-2", from("Indeed", 8_000_000)).unwrap();
    let mut mean = from("A survey", 9_000_000);
    mean.statistic = Some(crate::core::career::Statistic::Mean);
    add_entry(&mut plan, "c-2", mean).unwrap();
    assert!(
        spread(plan.career.level("c-2").unwrap().1)
            .unwrap()
            .measures_differ
    );
}

#[test]
fn a_research_log_survives_a_json_round_trip_and_old_levels_read_without_one() {
    let mut plan = plan();
    add_entry(&mut plan, "c-2", from("Indeed", 8_000_000)).unwrap();
    let text = serde_json::to_string(&plan.career).unwrap();
    let back: Career = serde_json::from_str(&text).unwrap();
    assert_eq!(back, plan.career);
    let old: Level =
        serde_json::from_str(r#"{"id":"l1","band":{"currency":"USD","mid":1}}"#).unwrap();
    assert!(old.research.is_empty());
    assert_eq!(old.band.unwrap().statistic, None);
}

#[test]
fn a_plan_with_every_new_band_field_exports_and_imports_unchanged() {
    use crate::core::career::{Ageing, Population, Statistic};
    use crate::core::schema::{export_plan, PlanReader};
    let mut plan = plan();
    let mut p75 = from("Levels", 9_900_000);
    p75.statistic = Some(Statistic::Percentile(75));
    p75.population = Some(Population::SelfReported);
    p75.geography = "Berlin".into();
    p75.effective_year = Some(2023);
    p75.effective_month = Some(11);
    let entry = add_entry(&mut plan, "c-2", p75).unwrap();
    use_entry(&mut plan.career, "c-2", &entry).unwrap();
    set_count_anyway(&mut plan.career, "e-2", true);
    plan.career.comparable_within_years = 3;
    plan.career.ageing = Ageing {
        annual_rate_percent: Some(3.5),
        source: "ECI".into(),
        extra: Default::default(),
    };
    let text = export_plan(&plan);
    let back = PlanReader::linked().import(&text).unwrap();
    assert_eq!(back.career, plan.career);
    // A count-anyway id that points nowhere is refused like any other dangling reference.
    let broken = text.replace(
        "\"count_anyway_level_ids\": [\n      \"e-2\"",
        "\"count_anyway_level_ids\": [\n      \"gone\"",
    );
    assert!(broken != text, "the id was replaced");
    assert!(PlanReader::linked().import(&broken).is_err());
}
