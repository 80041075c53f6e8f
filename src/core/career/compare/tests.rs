use super::*;
use crate::core::career::research::set_count_anyway;
use crate::core::career::tests::{band, four_tracks};
use crate::core::career::{Ageing, ExchangeRate, Population, Statistic};

#[test]
fn side_by_side_lists_the_same_rank_in_every_other_track() {
    let career = four_tracks();
    let view = side_by_side(&career, "c-2").unwrap();
    assert_eq!(view.chosen.title, "Community 2");
    let titles: Vec<_> = view.peers.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["Engineering 2", "Program 2", "Marketing 2"]);
    assert!(view.peers.iter().all(|p| p.rank == 2));
    assert_eq!(view.peers[0].behaviours.len(), 1);
    assert_eq!(view.peers[0].scope, Scope::Team);
    assert_eq!(
        view.peers[0].band.as_ref().and_then(|b| b.mid),
        Some(13_000_000)
    );
}

#[test]
fn side_by_side_names_tracks_without_a_level_at_that_rank() {
    let mut career = four_tracks();
    career.tracks[1].levels.truncate(1);
    let view = side_by_side(&career, "c-2").unwrap();
    assert_eq!(view.tracks_without_rank, ["Engineering"]);
    assert_eq!(view.peers.len(), 2);
}

#[test]
fn side_by_side_of_an_unknown_level_is_none() {
    assert!(side_by_side(&Career::default(), "x").is_none());
}

#[test]
fn median_handles_odd_even_and_empty_lists() {
    assert_eq!(median(&[3, 1, 2]), Some(2));
    assert_eq!(median(&[4, 1, 3, 2]), Some(2));
    assert_eq!(median(&[i64::MAX, i64::MAX]), Some(i64::MAX));
    assert_eq!(median(&[]), None);
}

#[test]
fn bucketing_warns_when_midpoint_is_more_than_threshold_below_peers() {
    let check = bucketing_check(&four_tracks(), "c-2", DEFAULT_BUCKETING_THRESHOLD_PERCENT);
    // Peers 130k, 95k, 63k → median 95k; 70k is 26.3% below.
    assert_eq!(check.peer_median, Some(9_500_000));
    assert!(check.warns());
    match check.outcome {
        BucketingOutcome::BelowPeers { gap } => assert!((gap + 25.0 / 95.0).abs() < 1e-9),
        ref other => panic!("unexpected {other:?}"),
    }
    let text = check.message("Community 2");
    assert!(text.contains("26.3% below"), "{text}");
    assert!(text.contains("USD 95,000"), "{text}");
    assert!(text.contains("threshold 10%"), "{text}");
}

#[test]
fn bucketing_does_not_warn_within_the_threshold() {
    let mut career = four_tracks();
    career.tracks[0].levels[1].band = Some(band(8_600_000)); // 9.5% below 95k
    let check = bucketing_check(&career, "c-2", DEFAULT_BUCKETING_THRESHOLD_PERCENT);
    assert!(!check.warns());
    assert!(matches!(check.outcome, BucketingOutcome::Fair { gap } if gap < 0.0));
    assert!(check.message("Community 2").contains(
        "9.5% below USD 95,000, the median of the midpoints of 3 tracks with no stated \
             difference."
    ));
}

#[test]
fn bucketing_warning_clears_when_the_band_is_raised_to_the_peers() {
    let mut career = four_tracks();
    assert!(bucketing_check(&career, "c-2", 10.0).warns());
    career.tracks[0].levels[1].band = Some(band(9_500_000));
    let check = bucketing_check(&career, "c-2", 10.0);
    assert_eq!(check.outcome, BucketingOutcome::Fair { gap: 0.0 });
}

#[test]
fn bucketing_threshold_is_configurable() {
    let career = four_tracks();
    assert!(!bucketing_check(&career, "c-2", 30.0).warns());
    assert!(bucketing_check(&career, "c-2", 20.0).warns());
}

#[test]
fn exactly_the_threshold_below_does_not_warn() {
    let mut career = four_tracks();
    career.tracks[0].levels[1].band = Some(band(8_550_000)); // exactly 10% below 95k
    assert!(!bucketing_check(&career, "c-2", 10.0).warns());
}

#[test]
fn bucketing_leaves_out_peers_in_another_currency_without_a_rate() {
    let mut career = four_tracks();
    if let Some(b) = career.tracks[1].levels[1].band.as_mut() {
        b.currency = "EUR".into();
    }
    let check = bucketing_check(&career, "c-2", 10.0);
    assert_eq!(check.peers.len(), 2);
    let (name, why) = &check.excluded[0];
    assert_eq!(name, "Engineering");
    assert!(matches!(
        why,
        Exclusion::Currency(CurrencyError::MissingRate { .. })
    ));
    assert!(why.message(name).contains("no EUR→USD exchange rate"));
    // 95k and 63k → 79k
    assert_eq!(check.peer_median, Some(7_900_000));
}

#[test]
fn bucketing_converts_peers_with_an_entered_rate() {
    let mut career = four_tracks();
    if let Some(b) = career.tracks[1].levels[1].band.as_mut() {
        b.currency = "EUR".into();
        b.mid = Some(10_000_000);
    }
    career.exchange_rates.push(ExchangeRate {
        id: "x1".into(),
        from: "EUR".into(),
        to: "USD".into(),
        rate: 1.1,
        ..ExchangeRate::default()
    });
    let check = bucketing_check(&career, "c-2", 10.0);
    let eng = check.peers.iter().find(|p| p.track_id == "e").unwrap();
    assert_eq!(eng.midpoint, 11_000_000);
    assert_eq!(eng.rate_id.as_deref(), Some("x1"));
}

#[test]
fn bucketing_leaves_out_bands_of_a_different_pay_basis() {
    let mut career = four_tracks();
    if let Some(b) = career.tracks[1].levels[1].band.as_mut() {
        b.basis = PayBasis::TotalComp;
    }
    let check = bucketing_check(&career, "c-2", 10.0);
    let eng = &check.not_comparable[0];
    assert_eq!(eng.track_name, "Engineering");
    assert_eq!(
        eng.reasons,
        [Reason::Basis {
            peer: PayBasis::TotalComp,
            proposed: PayBasis::Base
        }]
    );
    assert_eq!(
        eng.reasons_text(),
        "not comparable: covers total compensation, against base salary"
    );
    assert_eq!(check.peers.len(), 2);
}

#[test]
fn bucketing_without_bands_or_peers_explains_what_is_missing() {
    let career = four_tracks();
    let no_band = bucketing_check(&career, "c-3", 10.0);
    assert!(matches!(
        no_band.outcome,
        BucketingOutcome::NotComparable { .. }
    ));
    assert!(no_band.message("Community 3").contains("has no band"));
    let no_peers = bucketing_check(&career, "c-1", 10.0);
    assert!(no_peers.message("Community 1").contains("rank 1"));
    assert_eq!(no_peers.excluded.len(), 3);
    let unknown = bucketing_check(&Career::default(), "x", 10.0);
    assert!(!unknown.warns());
}

#[test]
fn the_checks_tone_follows_its_outcome_and_nothing_to_compare_is_neutral() {
    use crate::core::signal::Tone;
    let career = four_tracks();
    assert_eq!(bucketing_check(&career, "c-2", 10.0).tone(), Tone::Bad);
    assert_eq!(bucketing_check(&career, "c-2", 30.0).tone(), Tone::Good);
    // No band on the proposed level, or no peer at its rank: nothing to judge, not a success.
    assert_eq!(bucketing_check(&career, "c-3", 10.0).tone(), Tone::Neutral);
    assert_eq!(bucketing_check(&career, "c-1", 10.0).tone(), Tone::Neutral);
}

#[test]
fn the_check_names_the_band_it_needs() {
    let mut career = four_tracks();
    assert_eq!(band_needed(&career, "c-3").as_deref(), Some("c-3"));
    assert_eq!(band_needed(&career, "c-2"), None);
    assert_eq!(band_needed(&career, "nope"), None);
    // A band without a midpoint or median cannot be compared either.
    if let Some(b) = career.tracks[0].levels[1].band.as_mut() {
        b.mid = None;
        b.min = None;
        b.max = None;
    }
    assert_eq!(band_needed(&career, "c-2").as_deref(), Some("c-2"));
}

/// Four tracks whose rank-2 bands all say what they are: medians of one level at one
/// employer, national, effective June 2024.
fn described() -> Career {
    let mut career = four_tracks();
    for t in &mut career.tracks {
        for l in &mut t.levels {
            if let Some(b) = l.band.as_mut() {
                b.statistic = Some(Statistic::Median);
                b.population = Some(Population::OneLevel);
                b.geography = "United States (national)".into();
                b.effective_year = Some(2024);
                b.effective_month = Some(6);
            }
        }
    }
    career
}

fn rank2_band(career: &mut Career, track: usize) -> &mut Band {
    career.tracks[track].levels[1].band.as_mut().unwrap()
}

#[test]
fn bands_that_say_the_same_things_are_comparable() {
    let check = bucketing_check(&described(), "c-2", 10.0);
    assert_eq!(check.peers.len(), 3);
    assert!(check.not_comparable.is_empty());
    assert!(!check.includes_non_comparable());
    assert!(check.message("Community 2").contains(
        "band median is 26.3% below USD 95,000, the median of the medians of 3 comparable tracks"
    ));
}

#[test]
fn a_peer_with_another_statistic_is_not_comparable() {
    let mut career = described();
    rank2_band(&mut career, 1).statistic = Some(Statistic::Mean);
    let check = bucketing_check(&career, "c-2", 10.0);
    assert_eq!(
        check.not_comparable[0].reasons,
        [Reason::Statistic {
            peer: Some(Statistic::Mean),
            proposed: Some(Statistic::Median)
        }]
    );
    assert_eq!(
        check.not_comparable[0].reasons_text(),
        "not comparable: statistic: mean (average), against median"
    );
    // 95k and 63k → 79k.
    assert_eq!(check.peer_median, Some(7_900_000));
}

#[test]
fn a_median_known_only_as_the_50th_percentile_is_a_median() {
    let mut career = described();
    let b = rank2_band(&mut career, 1);
    b.percentiles.p50 = b.mid.take();
    b.statistic = None;
    let check = bucketing_check(&career, "c-2", 10.0);
    assert_eq!(check.peers.len(), 3);
}

#[test]
fn a_peer_with_another_population_is_not_comparable() {
    let mut career = described();
    rank2_band(&mut career, 2).population = Some(Population::OccupationAllLevels);
    let check = bucketing_check(&career, "c-2", 10.0);
    let p = &check.not_comparable[0];
    assert_eq!(p.track_name, "Program");
    assert_eq!(
        p.reasons_text(),
        "not comparable: levels covered: all levels of an occupation, against one level"
    );
}

#[test]
fn a_peer_from_another_place_is_not_comparable_but_spacing_and_case_do_not_matter() {
    let mut career = described();
    rank2_band(&mut career, 3).geography = "  united states  (national) ".into();
    assert!(bucketing_check(&career, "c-2", 10.0)
        .not_comparable
        .is_empty());
    rank2_band(&mut career, 3).geography = "US West Coast".into();
    let check = bucketing_check(&career, "c-2", 10.0);
    assert_eq!(
        check.not_comparable[0].reasons,
        [Reason::Geography {
            peer: "US West Coast".into(),
            proposed: "United States (national)".into()
        }]
    );
}

#[test]
fn a_peer_more_than_the_allowed_years_apart_is_not_comparable_and_the_limit_is_editable() {
    let mut career = described();
    rank2_band(&mut career, 1).effective_year = Some(2021); // 3 years before
    rank2_band(&mut career, 2).effective_year = Some(2022); // exactly 2 years
    let check = bucketing_check(&career, "c-2", 10.0);
    assert_eq!(check.not_comparable.len(), 1);
    assert_eq!(
        check.not_comparable[0].reasons,
        [Reason::YearsApart {
            months: 36,
            limit_years: 2
        }]
    );
    assert_eq!(
        check.not_comparable[0].reasons_text(),
        "not comparable: 3 years apart (more than 2 years)"
    );
    career.comparable_within_years = 3;
    assert!(bucketing_check(&career, "c-2", 10.0)
        .not_comparable
        .is_empty());
}

#[test]
fn the_source_year_stands_in_for_a_missing_effective_date() {
    let mut career = described();
    let b = rank2_band(&mut career, 1);
    b.effective_year = None;
    b.effective_month = None;
    b.source.year = Some(2015);
    let check = bucketing_check(&career, "c-2", 10.0);
    assert_eq!(
        check.not_comparable[0].reasons,
        [Reason::YearsApart {
            months: 108,
            limit_years: 2
        }]
    );
    b_without_date(&mut career);
    let check = bucketing_check(&career, "c-2", 10.0);
    assert_eq!(
        check.not_comparable[0].reasons,
        [Reason::DateUnknown {
            peer_has_date: false
        }]
    );
}

fn b_without_date(career: &mut Career) {
    let b = rank2_band(career, 1);
    b.effective_year = None;
    b.source.year = None;
}

#[test]
fn every_reason_is_listed_not_just_the_first() {
    let mut career = described();
    let b = rank2_band(&mut career, 1);
    b.statistic = Some(Statistic::Mean);
    b.population = Some(Population::SelfReported);
    b.basis = PayBasis::TotalCash;
    b.geography = "Berlin".into();
    b.effective_year = Some(2015);
    let check = bucketing_check(&career, "c-2", 10.0);
    let reasons = &check.not_comparable[0].reasons;
    assert_eq!(reasons.len(), 5, "{reasons:?}");
    let text = check.not_comparable[0].reasons_text();
    for part in [
        "statistic: mean (average), against median",
        "levels covered: a job title, at the levels respondents gave, against one level",
        "covers total cash, against base salary",
        "geography: Berlin, against United States (national)",
        "9 years apart (more than 2 years)",
    ] {
        assert!(text.contains(part), "{text}");
    }
}

#[test]
fn currency_without_a_rate_leaves_a_peer_out_with_no_figure_to_count() {
    let mut career = described();
    rank2_band(&mut career, 1).currency = "EUR".into();
    let check = bucketing_check(&career, "c-2", 10.0);
    assert!(matches!(
        check.excluded[0].1,
        Exclusion::Currency(CurrencyError::MissingRate { .. })
    ));
    assert!(check.not_comparable.is_empty());
}

#[test]
fn a_peer_counted_anyway_is_in_the_median_and_the_result_is_marked() {
    let mut career = described();
    rank2_band(&mut career, 1).statistic = Some(Statistic::Mean);
    set_count_anyway(&mut career, "e-2", true);
    let check = bucketing_check(&career, "c-2", 10.0);
    assert_eq!(check.peers.len(), 3);
    assert!(check.not_comparable.is_empty());
    let eng = check.peers.iter().find(|p| p.track_id == "e").unwrap();
    assert!(eng.counted_anyway && !eng.comparable());
    assert!(check.includes_non_comparable());
    let text = check.message("Community 2");
    assert!(
        text.starts_with(
            "Includes non-comparable figures. Community 2's band median is 26.3% below USD \
             95,000, the median of the figures of 3 tracks"
        ),
        "{text}"
    );
    set_count_anyway(&mut career, "e-2", false);
    assert!(!bucketing_check(&career, "c-2", 10.0).includes_non_comparable());
}

#[test]
fn counting_a_comparable_peer_anyway_does_not_mark_the_result() {
    let mut career = described();
    set_count_anyway(&mut career, "e-2", true);
    let check = bucketing_check(&career, "c-2", 10.0);
    assert!(!check.includes_non_comparable());
    assert!(!check.peers[0].counted_anyway);
}

#[test]
fn count_anyway_ignores_unknown_levels_and_is_cleared_when_the_level_goes() {
    let mut career = described();
    set_count_anyway(&mut career, "nope", true);
    assert!(career.count_anyway_level_ids.is_empty());
    set_count_anyway(&mut career, "e-2", true);
    crate::core::career::edit::remove_level(&mut career, "e-2").unwrap();
    assert!(career.count_anyway_level_ids.is_empty());
}

#[test]
fn when_nothing_comparable_is_left_the_check_says_so_and_names_the_figure_that_would_work() {
    let mut career = described();
    career.tracks[0].levels[1]
        .band
        .as_mut()
        .unwrap()
        .source
        .publisher = "Example Co".into();
    for t in 1..4 {
        rank2_band(&mut career, t).statistic = Some(Statistic::Mean);
    }
    let check = bucketing_check(&career, "c-2", 10.0);
    assert!(!check.warns());
    assert_eq!(check.not_comparable.len(), 3);
    let text = check.message("Community 2");
    assert!(text.starts_with("No comparable band is left"), "{text}");
    assert!(
        text.contains(
            "What would work: a band for Engineering 2, Program 2 or Marketing 2 from the same \
             source (Example Co), measured like Community 2's (median, one level, June 2024, \
             United States (national))"
        ),
        "{text}"
    );
}

#[test]
fn ageing_brings_figures_to_the_latest_date_and_shows_both() {
    let a = YearMonth {
        year: 2020,
        month: Some(5),
    };
    let b = YearMonth {
        year: 2022,
        month: Some(5),
    };
    assert_eq!(age(10_000_000, a, b, 0.03), 10_609_000);
    assert_eq!(age(10_609_000, b, a, 0.03), 10_000_000);
    assert_eq!(age(10_000_000, a, a, 0.5), 10_000_000);
    let mut career = described();
    rank2_band(&mut career, 1).effective_year = Some(2021); // 3 years before the rest
    career.ageing = Ageing {
        annual_rate_percent: Some(3.0),
        source: "Employment Cost Index".into(),
        extra: Default::default(),
    };
    let check = bucketing_check(&career, "c-2", 10.0);
    assert!(
        check.not_comparable.is_empty(),
        "ageing removes the years apart"
    );
    let applied = check.ageing.as_ref().unwrap();
    assert_eq!(applied.to.label(), "June 2024");
    let eng = check.peers.iter().find(|p| p.track_id == "e").unwrap();
    assert_eq!(eng.midpoint, 13_000_000);
    assert_eq!(
        eng.aged,
        Some(age(13_000_000, eng.effective.unwrap(), applied.to, 0.03))
    );
    assert_eq!(eng.aged, Some(14_205_451));
    assert_eq!(check.proposed_aged, Some(7_000_000));
    assert!(check
        .message("Community 2")
        .contains("(figures aged to June 2024)"));
}

#[test]
fn ageing_needs_a_rate_and_its_source_and_never_happens_silently() {
    let mut career = described();
    career.ageing.annual_rate_percent = Some(3.0);
    let check = bucketing_check(&career, "c-2", 10.0);
    assert!(check.ageing.is_none());
    assert!(check.peers.iter().all(|p| p.aged.is_none()));
    assert!(check
        .ageing_problem
        .as_deref()
        .unwrap()
        .contains("the source you take it from"));
    career.ageing = Ageing::default();
    assert!(bucketing_check(&career, "c-2", 10.0)
        .ageing_problem
        .is_none());
}

#[test]
fn the_gap_splits_into_years_apart_and_what_remains() {
    let mut career = described();
    // The proposed band is from June 2020; its peers from June 2024.
    career.tracks[0].levels[1]
        .band
        .as_mut()
        .unwrap()
        .effective_year = Some(2020);
    career.ageing = Ageing {
        annual_rate_percent: Some(5.0),
        source: "a wage index".into(),
        extra: Default::default(),
    };
    let check = bucketing_check(&career, "c-2", 10.0);
    let d = check.decomposition.unwrap();
    // As published: 70k against 95k.
    assert!((d.published - (70.0 - 95.0) / 95.0).abs() < 1e-9);
    // Aged 4 years at 5%: 70k × 1.05⁴ = 85,085.44 against 95k.
    assert_eq!(check.proposed_aged, Some(8_508_544));
    assert!((d.remaining - (85_085.44 - 95_000.0) / 95_000.0).abs() < 1e-6);
    assert!((d.published - d.from_years - d.remaining).abs() < 1e-12);
    let text = d.message(check.ageing.as_ref().unwrap());
    assert_eq!(
        text,
        "What explains the gap: as published, the proposed figure is 26.3% below its peers; \
         15.9 points of it come from the years between the figures (aged to June 2024 at 5% a \
         year, a wage index); 10.4% below remains."
    );
    assert!(matches!(check.outcome, BucketingOutcome::BelowPeers { .. }));
}

#[test]
fn without_ageing_there_is_no_decomposition() {
    assert!(bucketing_check(&described(), "c-2", 10.0)
        .decomposition
        .is_none());
}

#[test]
fn years_text_reads_naturally() {
    assert_eq!(years_text(12), "1 year");
    assert_eq!(years_text(84), "7 years");
    assert_eq!(years_text(27), "2 years 3 months");
    assert_eq!(years_text(-5), "5 months");
    assert_eq!(years_text(0), "0 months");
}

#[test]
fn the_message_names_the_statistic_and_never_calls_a_mean_a_midpoint() {
    let mut career = described();
    for t in &mut career.tracks {
        if let Some(b) = t.levels[1].band.as_mut() {
            b.statistic = Some(Statistic::Mean);
        }
    }
    let text = bucketing_check(&career, "c-2", 10.0).message("Community 2");
    assert!(text.starts_with("Community 2's band mean is 26.3% below USD 95,000, the median of the means of 3 comparable tracks"), "{text}");
    assert!(!text.contains("band midpoint") && !text.contains("midpoints of"));
    assert_eq!(
        statistic_words(Some(Statistic::Percentile(75))).1,
        "75th percentiles"
    );
    // A figure that does not say what it is is a figure, not a midpoint.
    assert_eq!(statistic_words(None), ("figure".into(), "figures".into()));
}

// Issue 28: what a peer must state, the gap to each peer, ageing spans.

#[test]
fn a_peer_counts_only_when_both_figures_state_their_statistic_and_date() {
    let mut career = described();
    for t in &mut career.tracks {
        if let Some(b) = t.levels[1].band.as_mut() {
            b.statistic = None;
        }
    }
    let check = bucketing_check(&career, "c-2", 10.0);
    assert!(check.peers.is_empty());
    assert_eq!(
        check.not_comparable[0].reasons,
        [Reason::Statistic {
            peer: None,
            proposed: None
        }]
    );
    assert_eq!(
        check.not_comparable[0].reasons_text(),
        "not comparable: statistic: not stated, against not stated"
    );
    let mut career = described();
    for t in &mut career.tracks {
        if let Some(b) = t.levels[1].band.as_mut() {
            b.effective_year = None;
            b.source.year = None;
        }
    }
    let check = bucketing_check(&career, "c-2", 10.0);
    assert_eq!(check.not_comparable[0].reasons, [Reason::NoDates]);
    assert_eq!(
        Reason::NoDates.message(),
        "neither figure has an effective date"
    );
}

#[test]
fn figures_that_state_no_population_or_geography_show_no_stated_difference_not_comparability() {
    // four_tracks' bands state their statistic and year but not population or geography.
    let text = bucketing_check(&four_tracks(), "c-2", 10.0).message("Community 2");
    assert!(
        text.contains("the median of the midpoints of 3 tracks with no stated difference"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "Population and geography are stated on none of these figures: they show no stated \
             difference, not a known like-for-like."
        ),
        "{text}"
    );
    assert!(!text.contains("comparable"), "{text}");
    // Stated on both sides and equal: comparable.
    let described = bucketing_check(&described(), "c-2", 10.0).message("Community 2");
    assert!(described.contains("3 comparable tracks"), "{described}");
    assert!(!described.contains("no stated difference"), "{described}");
}

#[test]
fn the_gap_is_shown_to_each_peer_and_in_grades_of_the_structures_progression() {
    let check = bucketing_check(&described(), "c-2", 10.0);
    // Community 1 at 55k and Community 2 at 70k, one structure: 27.3% a grade.
    let pr = check.progression.as_ref().unwrap();
    assert!((pr.per_grade - (70.0 / 55.0 - 1.0)).abs() < 1e-9);
    assert_eq!(
        pr.text(),
        "27.3% a grade (geometric mean from C1 Community 1 to C2 Community 2, 2 levels of the \
         same structure)"
    );
    let lines: Vec<String> = check.peers.iter().map(|p| check.peer_line(p)).collect();
    assert_eq!(
        lines,
        [
            // ln(130/70) / ln(70/55) = 2.57 grades.
            "Engineering · Engineering 2: median USD 130,000 (June 2024); the proposed figure \
             is 46.2% below it (about 2.6 grades)",
            "Program · Program 2: median USD 95,000 (June 2024); the proposed figure is 26.3% \
             below it (about 1.3 grades)",
            "Marketing · Marketing 2: median USD 63,000 (June 2024); the proposed figure is \
             11.1% above it (about 0.4 of a grade)",
        ]
    );
    let text = check.message("Community 2");
    assert!(
        text.contains(
            "That is about 1.3 grades at this structure's midpoint progression of 27.3% a grade"
        ),
        "{text}"
    );
    assert_eq!(
        check.proposed_line("Community 2").as_deref(),
        Some("Community 2 (proposed): median USD 70,000 (June 2024), base salary")
    );
    // A structure with one band has no progression, and says nothing of grades.
    let mut one = described();
    one.tracks[0].levels[0].band = None;
    let check = bucketing_check(&one, "c-2", 10.0);
    assert!(check.progression.is_none());
    assert!(!check.message("Community 2").contains("grade"));
    // A published survey's job titles are not a structure's grades.
    let mut survey = described();
    for l in &mut survey.tracks[0].levels {
        if let Some(b) = l.band.as_mut() {
            b.source.kind = crate::core::career::SourceKind::Survey;
        }
    }
    assert!(bucketing_check(&survey, "c-2", 10.0).progression.is_none());
}

#[test]
fn a_single_peer_reads_as_one_peer_not_a_median_of_one() {
    let mut career = described();
    career.tracks.truncate(3); // Community, Engineering, Program
    career.tracks.remove(1); // Community, Program
    let text = bucketing_check(&career, "c-2", 10.0).message("Community 2");
    assert!(
        text.starts_with(
            "Community 2's band median is 26.3% below USD 95,000, Program 2's median (the only \
             comparable track) (threshold 10%)."
        ),
        "{text}"
    );
    assert!(!text.contains("median of the"), "{text}");
}

#[test]
fn ageing_is_refused_beyond_five_years_and_warned_beyond_two() {
    let mut career = described();
    career.ageing = Ageing {
        annual_rate_percent: Some(3.5),
        source: "a wage index".into(),
        extra: Default::default(),
    };
    // The proposed band from June 2016; Engineering from 2024 is 8 years on: at 3.5% a year
    // that is 31.7%, enough to turn the verdict on the rate alone. Refused.
    career.tracks[0].levels[1]
        .band
        .as_mut()
        .unwrap()
        .effective_year = Some(2016);
    rank2_band(&mut career, 2).effective_year = Some(2019); // Program: 3 years on
    rank2_band(&mut career, 3).effective_year = Some(2017); // Marketing: 1 year on
    let check = bucketing_check(&career, "c-2", 10.0);
    let eng = &check.not_comparable[0];
    assert_eq!(eng.track_name, "Engineering");
    assert_eq!(eng.reasons, [Reason::TooFarToAge { months: 96 }]);
    assert_eq!(
        eng.reasons_text(),
        "not comparable: 8 years apart: too far to age (more than 5 years, a rule of thumb: \
         one yearly rate cannot stand for pay over that long)"
    );
    // Figures are aged to the latest counted date, June 2019: Marketing over 2 years, the
    // proposed figure over 3 (a warning each past 2 years), Program not at all.
    let lines: Vec<String> = check.peers.iter().map(|p| check.peer_line(p)).collect();
    assert!(
        lines[0].starts_with("Program · Program 2: median USD 95,000 (June 2019); the proposed"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with(
            "Marketing · Marketing 2: median USD 63,000 (June 2017), aged to USD 67,487.17 over 2 \
             years (to June 2019); the proposed"
        ),
        "{lines:?}"
    );
    assert_eq!(
        check.proposed_line("Community 2").as_deref(),
        Some(
            "Community 2 (proposed): median USD 70,000 (June 2016), base salary, aged to USD \
             77,610.25 over 3 years (to June 2019) — aged more than 2 years: one yearly rate stands \
             for the whole span, read with care (a rule of thumb)"
        )
    );
}
