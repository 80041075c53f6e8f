use super::*;
use crate::core::career::tests::{band, four_tracks};
use crate::core::career::ExchangeRate;

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
    assert!(check.message("Community 2").contains("below the median"));
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
    assert!(check.excluded.iter().any(|(n, e)| n == "Engineering"
        && *e
            == Exclusion::DifferentBasis {
                basis: PayBasis::TotalComp
            }));
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
