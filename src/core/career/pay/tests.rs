use super::*;
use crate::core::career::Percentiles;

fn record() -> CompRecord {
    CompRecord {
        currency: "USD".into(),
        base: 10_000_000,
        target_bonus: 1_000_000,
        sign_on: 1_200_000,
        equity_grant: 4_000_000,
        vesting_years: 4,
        ..CompRecord::default()
    }
}

fn band(min: i64, mid: Option<i64>, max: i64) -> Band {
    Band {
        currency: "USD".into(),
        min: Some(min),
        mid,
        max: Some(max),
        ..Band::default()
    }
}

#[test]
fn first_year_total_counts_the_whole_sign_on_and_one_year_of_equity() {
    // 100,000 + 10,000 + 12,000 + 40,000/4
    assert_eq!(first_year_total(&record()), Ok(13_200_000));
}

#[test]
fn annualised_total_leaves_out_an_unspread_sign_on() {
    assert_eq!(annualised_total(&record()), Ok(12_000_000));
}

#[test]
fn annualised_total_spreads_the_sign_on_over_the_vesting_years_when_asked() {
    let r = CompRecord {
        spread_sign_on: true,
        ..record()
    };
    assert_eq!(annualised_total(&r), Ok(12_300_000));
}

#[test]
fn equity_per_year_rounds_half_away_from_zero_in_minor_units() {
    let r = CompRecord {
        equity_grant: 10_000_000,
        vesting_years: 3,
        target_bonus: 0,
        sign_on: 0,
        ..record()
    };
    // 100,000.00 / 3 = 33,333.33 (and a third of a cent, dropped)
    assert_eq!(annualised_total(&r), Ok(10_000_000 + 3_333_333));
    assert_eq!(div_round(5, 2), Some(3));
    assert_eq!(div_round(-5, 2), Some(-3));
    assert_eq!(div_round(5, 0), None);
}

#[test]
fn equity_without_a_vesting_period_is_an_error_not_a_crash() {
    let r = CompRecord {
        vesting_years: 0,
        ..record()
    };
    assert_eq!(annualised_total(&r), Err(PayError::NoVestingPeriod));
    assert_eq!(first_year_total(&r), Err(PayError::NoVestingPeriod));
    let no_equity = CompRecord {
        equity_grant: 0,
        ..r
    };
    assert_eq!(annualised_total(&no_equity), Ok(11_000_000));
}

#[test]
fn totals_that_overflow_are_reported() {
    let r = CompRecord {
        base: i64::MAX,
        ..record()
    };
    assert_eq!(first_year_total(&r), Err(PayError::Overflow));
}

#[test]
fn pay_for_basis_picks_the_matching_part_of_the_package() {
    let r = record();
    assert_eq!(pay_for_basis(&r, PayBasis::Base), Ok(10_000_000));
    assert_eq!(pay_for_basis(&r, PayBasis::TotalCash), Ok(11_000_000));
    assert_eq!(pay_for_basis(&r, PayBasis::TotalComp), Ok(12_000_000));
}

#[test]
fn compa_ratio_divides_pay_by_the_midpoint() {
    let b = band(80, Some(100), 120);
    assert_eq!(compa_ratio(95, &b), Some(0.95));
}

#[test]
fn compa_ratio_prefers_the_target_over_the_midpoint() {
    let b = Band {
        target: Some(50),
        ..band(80, Some(100), 120)
    };
    assert_eq!(compa_ratio(100, &b), Some(2.0));
}

#[test]
fn compa_ratio_uses_halfway_between_min_and_max_when_mid_is_missing() {
    assert_eq!(compa_ratio(150, &band(100, None, 200)), Some(1.0));
}

#[test]
fn compa_ratio_is_none_without_a_positive_reference() {
    let empty = Band::default();
    assert_eq!(compa_ratio(100, &empty), None);
    assert_eq!(compa_ratio(100, &band(0, Some(0), 0)), None);
}

#[test]
fn range_penetration_of_125_in_100_to_200_is_25_percent() {
    assert_eq!(range_penetration(125, &band(100, None, 200)), Some(0.25));
}

#[test]
fn range_penetration_goes_outside_zero_to_one_outside_the_band() {
    assert_eq!(range_penetration(50, &band(100, None, 200)), Some(-0.5));
    assert_eq!(range_penetration(250, &band(100, None, 200)), Some(1.5));
}

#[test]
fn range_penetration_of_a_zero_width_or_inverted_band_is_none() {
    assert_eq!(range_penetration(100, &band(100, None, 100)), None);
    assert_eq!(range_penetration(100, &band(200, None, 100)), None);
    let open = Band {
        max: None,
        ..band(100, None, 200)
    };
    assert_eq!(range_penetration(100, &open), None);
}

#[test]
fn range_penetration_handles_extreme_amounts_without_overflow() {
    let p = range_penetration(0, &band(i64::MIN, None, i64::MAX)).unwrap();
    assert!((p - 0.5).abs() < 1e-9);
}

fn bls_pr_2020() -> Band {
    Band {
        currency: "USD".into(),
        percentiles: Percentiles {
            p10: Some(3_535_000),
            p25: Some(4_663_000),
            p50: Some(6_281_000),
            p75: Some(8_538_000),
            p90: Some(11_821_000),
            extra: Default::default(),
        },
        ..Band::default()
    }
}

#[test]
fn percentile_position_interpolates_between_neighbouring_percentiles() {
    // Halfway between the median (62,810) and the 75th (85,380).
    let pay = (6_281_000 + 8_538_000) / 2;
    match percentile_position(pay, &bls_pr_2020()) {
        Some(PercentilePosition::Between {
            lower: 50,
            upper: 75,
            estimate,
            ..
        }) => assert!((estimate - 62.5).abs() < 0.01),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn percentile_position_reports_below_the_lowest_and_above_the_highest() {
    assert_eq!(
        percentile_position(100, &bls_pr_2020()),
        Some(PercentilePosition::Below {
            percentile: 10,
            amount: 3_535_000
        })
    );
    assert_eq!(
        percentile_position(20_000_000, &bls_pr_2020()),
        Some(PercentilePosition::Above {
            percentile: 90,
            amount: 11_821_000
        })
    );
}

#[test]
fn percentile_position_treats_missing_percentiles_as_unknown_not_zero() {
    let mut b = bls_pr_2020();
    b.percentiles.p10 = None;
    b.percentiles.p90 = None; // top-coded
    assert_eq!(
        percentile_position(4_000_000, &b),
        Some(PercentilePosition::Below {
            percentile: 25,
            amount: 4_663_000
        })
    );
}

#[test]
fn percentile_position_with_only_a_median() {
    let b = Band {
        percentiles: Percentiles {
            p50: Some(9_450_000),
            ..Percentiles::default()
        },
        ..Band::default()
    };
    assert_eq!(
        percentile_position(9_450_000, &b),
        Some(PercentilePosition::At { percentile: 50 })
    );
    assert!(matches!(
        percentile_position(9_000_000, &b),
        Some(PercentilePosition::Below { percentile: 50, .. })
    ));
}

#[test]
fn percentile_position_is_none_when_percentiles_contradict_or_are_absent() {
    assert_eq!(percentile_position(1, &Band::default()), None);
    let mut b = bls_pr_2020();
    b.percentiles.p75 = Some(1);
    assert_eq!(percentile_position(5_000_000, &b), None);
}

#[test]
fn pay_equal_to_a_known_percentile_is_at_that_percentile() {
    let mut b = bls_pr_2020();
    b.percentiles.p25 = Some(6_281_000);
    assert_eq!(
        percentile_position(6_281_000, &b),
        Some(PercentilePosition::At { percentile: 25 })
    );
}

#[test]
fn percentile_descriptions_read_naturally() {
    assert_eq!(ordinal(10), "10th");
    assert_eq!(ordinal(1), "1st");
    assert_eq!(ordinal(22), "22nd");
    assert_eq!(ordinal(13), "13th");
    let p = percentile_position(4_000_000, &bls_pr_2020()).unwrap();
    assert_eq!(
        p.describe(),
        "between the 10th and 25th percentiles (about the 16th)"
    );
    let at = percentile_position(4_663_000, &bls_pr_2020()).unwrap();
    assert_eq!(at.describe(), "at the 25th percentile");
}
