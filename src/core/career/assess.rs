//! One compensation record measured against the band of its level.

use serde::Serialize;

use super::currency::{convert, CurrencyError};
use super::pay::{
    annualised_total, compa_ratio, first_year_total, pay_for_basis, percentile_position,
    range_penetration, PayError, PercentilePosition,
};
use super::{Career, CompRecord, PayBasis};

/// Why a figure could not be worked out; each has a message for the user.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PayFlag {
    NoLevel,
    UnknownLevel {
        level_id: String,
    },
    NoBand {
        level_title: String,
    },
    Currency(CurrencyError),
    Pay(PayError),
    NoMidpoint,
    ZeroWidthBand,
    /// Nothing entered yet: a record at zero is not pay to place in a band (issue 31).
    NoPayYet,
}

impl PayFlag {
    pub fn message(&self) -> String {
        match self {
            PayFlag::NoLevel => "Choose a track and level to compare this pay with a band.".into(),
            PayFlag::UnknownLevel { level_id } => {
                format!("The level {level_id} no longer exists; choose another.")
            }
            PayFlag::NoBand { level_title } => {
                format!("{level_title} has no salary band yet; add one with its source and year.")
            }
            PayFlag::Currency(e) => e.to_string(),
            PayFlag::Pay(e) => e.to_string(),
            PayFlag::NoMidpoint => {
                "The band has no midpoint, median or min and max, so there is no compa-ratio."
                    .into()
            }
            PayFlag::ZeroWidthBand => {
                "The band's minimum and maximum are missing or equal, so range penetration \
                 cannot be worked out."
                    .into()
            }
            PayFlag::NoPayYet => {
                "No pay entered yet: enter the base salary to place it in the band.".into()
            }
        }
    }
}

/// Every figure the worksheet shows for one compensation record.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RecordAssessment {
    pub record_id: String,
    pub currency: String,
    pub first_year_total: Option<i64>,
    pub annualised_total: Option<i64>,
    /// The band's basis and currency; the pay compared is expressed in them.
    pub basis: Option<PayBasis>,
    pub band_currency: Option<String>,
    pub compared_pay: Option<i64>,
    /// The exchange rate used to express the pay in the band's currency.
    pub rate_id: Option<String>,
    pub compa_ratio: Option<f64>,
    pub range_penetration: Option<f64>,
    pub percentile: Option<PercentilePosition>,
    pub flags: Vec<PayFlag>,
    /// The band the figures are measured against: "Community Manager's band (Example Co
    /// salary structure, 2024 (illustrative, not market data))".
    #[serde(default)]
    pub band_of: Option<String>,
    /// What the compa-ratio divides by: "target USD 90,000" or "midpoint USD 84,000".
    #[serde(default)]
    pub compa_reference: Option<String>,
    /// The band's minimum and maximum, which range penetration runs between.
    #[serde(default)]
    pub range: Option<String>,
}

fn ok_or_flag<T>(result: Result<T, PayError>, flags: &mut Vec<PayFlag>) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            let flag = PayFlag::Pay(e);
            if !flags.contains(&flag) {
                flags.push(flag);
            }
            None
        }
    }
}

/// Totals, and the comparison with the record's level band where one exists.
pub fn assess_record(career: &Career, record: &CompRecord) -> RecordAssessment {
    let mut out = RecordAssessment {
        record_id: record.id.to_string(),
        currency: record.currency.clone(),
        ..RecordAssessment::default()
    };
    out.first_year_total = ok_or_flag(first_year_total(record), &mut out.flags);
    out.annualised_total = ok_or_flag(annualised_total(record), &mut out.flags);

    let Some(level_id) = record.level_id.as_deref() else {
        out.flags.push(PayFlag::NoLevel);
        return out;
    };
    let Some((_, level)) = career.level(level_id) else {
        out.flags.push(PayFlag::UnknownLevel {
            level_id: level_id.to_string(),
        });
        return out;
    };
    let Some(band) = level.band.as_ref() else {
        out.flags.push(PayFlag::NoBand {
            level_title: level.title.clone(),
        });
        return out;
    };
    out.basis = Some(band.basis);
    out.band_currency = Some(band.currency.clone());
    out.band_of = Some(format!(
        "{}'s band ({})",
        level.title.trim(),
        band.source.label()
    ));
    {
        use super::format::money;
        let word = band
            .central_statistic()
            .map_or("figure".to_string(), super::Statistic::short);
        out.compa_reference = match (band.target, band.midpoint()) {
            (Some(t), _) => Some(format!("target {}", money(t, &band.currency))),
            (None, Some(m)) => Some(format!("{word} {}", money(m, &band.currency))),
            _ => None,
        };
        out.range = band.min.zip(band.max).map(|(lo, hi)| {
            format!(
                "{} to {}",
                money(lo, &band.currency),
                money(hi, &band.currency)
            )
        });
    }
    let Some(pay) = ok_or_flag(pay_for_basis(record, band.basis), &mut out.flags) else {
        return out;
    };
    let pay = match convert(
        pay,
        &record.currency,
        &band.currency,
        &career.exchange_rates,
    ) {
        Ok(c) => {
            out.rate_id = c.rate_id;
            c.amount
        }
        Err(e) => {
            out.flags.push(PayFlag::Currency(e));
            return out;
        }
    };
    if pay == 0 {
        // A new record still at zero: −288% of the range would be a figure about nothing.
        out.flags.push(PayFlag::NoPayYet);
        return out;
    }
    out.compared_pay = Some(pay);
    out.compa_ratio = compa_ratio(pay, band);
    if out.compa_ratio.is_none() {
        out.flags.push(PayFlag::NoMidpoint);
    }
    out.range_penetration = range_penetration(pay, band);
    if out.range_penetration.is_none() {
        out.flags.push(PayFlag::ZeroWidthBand);
    }
    out.percentile = percentile_position(pay, band);
    out
}

/// Assessment of a record by id; None when there is no such record.
pub fn assess_record_by_id(career: &Career, record_id: &str) -> Option<RecordAssessment> {
    career
        .comp_record(record_id)
        .map(|r| assess_record(career, r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::career::{Band, ExchangeRate, Level, Track};

    fn career_with_band(band: Option<Band>) -> Career {
        Career {
            tracks: vec![Track {
                id: "t1".into(),
                levels: vec![Level {
                    id: "l1".into(),
                    title: "Community Manager".into(),
                    band,
                    ..Level::default()
                }],
                ..Track::default()
            }],
            ..Career::default()
        }
    }

    fn usd_band() -> Band {
        Band {
            currency: "USD".into(),
            min: Some(10_000_000),
            mid: Some(15_000_000),
            max: Some(20_000_000),
            ..Band::default()
        }
    }

    fn record(currency: &str, base: i64) -> CompRecord {
        CompRecord {
            id: "r1".into(),
            level_id: Some("l1".into()),
            currency: currency.into(),
            base,
            ..CompRecord::default()
        }
    }

    #[test]
    fn a_record_in_the_band_currency_gets_all_figures() {
        let career = career_with_band(Some(usd_band()));
        let a = assess_record(&career, &record("USD", 12_500_000));
        assert_eq!(a.range_penetration, Some(0.25));
        assert_eq!(a.compa_ratio, Some(12_500_000.0 / 15_000_000.0));
        assert_eq!(a.first_year_total, Some(12_500_000));
        assert!(a.flags.is_empty(), "{:?}", a.flags);
    }

    #[test]
    fn a_record_in_another_currency_without_a_rate_is_flagged_not_converted() {
        let career = career_with_band(Some(usd_band()));
        let a = assess_record(&career, &record("EUR", 12_500_000));
        assert_eq!(a.compa_ratio, None);
        assert_eq!(a.compared_pay, None);
        assert_eq!(
            a.flags,
            vec![PayFlag::Currency(CurrencyError::MissingRate {
                from: "EUR".into(),
                to: "USD".into()
            })]
        );
    }

    #[test]
    fn a_record_in_another_currency_is_compared_with_an_entered_rate() {
        let mut career = career_with_band(Some(usd_band()));
        career.exchange_rates.push(ExchangeRate {
            id: "x1".into(),
            from: "EUR".into(),
            to: "USD".into(),
            rate: 1.25,
            ..ExchangeRate::default()
        });
        let a = assess_record(&career, &record("EUR", 10_000_000));
        assert_eq!(a.compared_pay, Some(12_500_000));
        assert_eq!(a.rate_id.as_deref(), Some("x1"));
        assert_eq!(a.range_penetration, Some(0.25));
    }

    #[test]
    fn records_without_level_or_band_say_what_is_missing() {
        let career = career_with_band(None);
        let mut r = record("USD", 1);
        assert_eq!(
            assess_record(&career, &r).flags,
            vec![PayFlag::NoBand {
                level_title: "Community Manager".into()
            }]
        );
        r.level_id = None;
        assert_eq!(assess_record(&career, &r).flags, vec![PayFlag::NoLevel]);
        r.level_id = Some("gone".into());
        assert!(assess_record(&career, &r).flags[0]
            .message()
            .contains("no longer exists"));
    }

    #[test]
    fn a_record_with_no_pay_yet_is_not_placed_in_the_band() {
        let career = career_with_band(Some(Band {
            currency: "USD".into(),
            min: Some(6_000_000),
            mid: Some(8_000_000),
            max: Some(10_000_000),
            ..Band::default()
        }));
        let record = CompRecord {
            id: "r1".into(),
            currency: "USD".into(),
            level_id: Some("l1".into()),
            ..CompRecord::default()
        };
        let a = assess_record(&career, &record);
        assert_eq!(a.range_penetration, None, "no −300% for a record at zero");
        assert_eq!(a.compa_ratio, None);
        assert_eq!(a.compared_pay, None);
        assert!(a.flags.contains(&PayFlag::NoPayYet));
        assert!(PayFlag::NoPayYet
            .message()
            .contains("enter the base salary"));
    }

    #[test]
    fn a_zero_width_band_flags_penetration_but_keeps_the_compa_ratio() {
        let band = Band {
            min: Some(100),
            mid: None,
            max: Some(100),
            ..usd_band()
        };
        let a = assess_record(&career_with_band(Some(band)), &record("USD", 100));
        assert_eq!(a.compa_ratio, Some(1.0));
        assert_eq!(a.range_penetration, None);
        assert_eq!(a.flags, vec![PayFlag::ZeroWidthBand]);
    }
}
