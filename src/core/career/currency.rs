//! Currencies: codes, minor units and conversion with rates the user entered.
//! Nothing is ever converted without a rate; a missing one is reported, not guessed.

use serde::Serialize;

use std::fmt;

use super::{Career, ExchangeRate};

/// A three-letter uppercase code, e.g. "USD". Does not check the code is in use.
pub fn is_valid_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Digits after the decimal point (ISO 4217); 2 unless the currency is known to differ.
pub fn minor_exponent(code: &str) -> u32 {
    match code.trim().to_ascii_uppercase().as_str() {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

fn same_code(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CurrencyError {
    /// Two currencies meet and the user has entered no rate between them.
    MissingRate { from: String, to: String },
    /// A rate that is zero, negative or not a number.
    InvalidRate { rate_id: String },
    /// The converted amount does not fit.
    Overflow,
}

impl fmt::Display for CurrencyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CurrencyError::MissingRate { from, to } => write!(
                f,
                "Amounts in {from} and {to} are mixed but no {from}→{to} exchange rate is entered; \
                 add one (with its date and source) to compare them."
            ),
            CurrencyError::InvalidRate { rate_id } => write!(
                f,
                "Exchange rate {rate_id} is not a positive number; correct it to convert."
            ),
            CurrencyError::Overflow => write!(f, "The converted amount is too large to show."),
        }
    }
}

/// An amount after conversion, with the rate that was used so the UI can show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Converted {
    pub amount: i64,
    /// None when no conversion was needed (same currency).
    pub rate_id: Option<String>,
    /// The rate was entered the other way round (to→from) and was inverted.
    pub inverted: bool,
}

/// The rate to use between two currencies: the most recent by date, direct before inverted.
pub fn find_rate<'a>(
    rates: &'a [ExchangeRate],
    from: &str,
    to: &str,
) -> Option<(&'a ExchangeRate, bool)> {
    rates
        .iter()
        .filter_map(|r| {
            if same_code(&r.from, from) && same_code(&r.to, to) {
                Some((r, false))
            } else if same_code(&r.from, to) && same_code(&r.to, from) {
                Some((r, true))
            } else {
                None
            }
        })
        .max_by_key(|(r, inverted)| (r.date, !inverted))
}

/// Converts minor units of `from` to minor units of `to`, rounding half away from zero.
pub fn convert(
    amount: i64,
    from: &str,
    to: &str,
    rates: &[ExchangeRate],
) -> Result<Converted, CurrencyError> {
    if same_code(from, to) {
        return Ok(Converted {
            amount,
            rate_id: None,
            inverted: false,
        });
    }
    let (rate, inverted) =
        find_rate(rates, from, to).ok_or_else(|| CurrencyError::MissingRate {
            from: from.trim().to_ascii_uppercase(),
            to: to.trim().to_ascii_uppercase(),
        })?;
    if !(rate.rate.is_finite() && rate.rate > 0.0) {
        return Err(CurrencyError::InvalidRate {
            rate_id: rate.id.to_string(),
        });
    }
    let factor = if inverted { 1.0 / rate.rate } else { rate.rate };
    let shift = minor_exponent(to) as i32 - minor_exponent(from) as i32;
    let value = (amount as f64 * factor * 10_f64.powi(shift)).round();
    // i64::MAX as f64 rounds up to 2^63, so the bound must be strict.
    if !value.is_finite() || value >= i64::MAX as f64 || value < i64::MIN as f64 {
        return Err(CurrencyError::Overflow);
    }
    Ok(Converted {
        amount: value as i64,
        rate_id: Some(rate.id.to_string()),
        inverted,
    })
}

/// Pairs of currencies in `codes` that meet without a rate between them, each pair once.
pub fn missing_rates(codes: &[&str], rates: &[ExchangeRate]) -> Vec<CurrencyError> {
    let mut distinct: Vec<String> = Vec::new();
    for code in codes {
        let code = code.trim().to_ascii_uppercase();
        if !code.is_empty() && !distinct.contains(&code) {
            distinct.push(code);
        }
    }
    let mut out = Vec::new();
    for (i, from) in distinct.iter().enumerate() {
        for to in &distinct[i + 1..] {
            if find_rate(rates, from, to).is_none() {
                out.push(CurrencyError::MissingRate {
                    from: from.clone(),
                    to: to.clone(),
                });
            }
        }
    }
    out
}

/// Every pair of currencies used in the worksheet's bands and records with no rate
/// between them. Comparisons across such a pair are left out and flagged.
pub fn unlinked_currencies(career: &Career) -> Vec<CurrencyError> {
    let bands = career
        .tracks
        .iter()
        .flat_map(|t| &t.levels)
        .filter_map(|l| l.band.as_ref())
        .map(|b| b.currency.as_str());
    let records = career.comp_records.iter().map(|r| r.currency.as_str());
    let codes: Vec<&str> = bands.chain(records).collect();
    missing_rates(&codes, &career.exchange_rates)
}

/// Says which entered rate turns `from` into `to`, so a conversion is never silent:
/// "Converted from EUR at 1 EUR = 1.1 USD (ECB reference rate, 2026-11-27)." None when
/// no conversion is needed or no rate is entered.
pub fn conversion_note(rates: &[ExchangeRate], from: &str, to: &str) -> Option<String> {
    if same_code(from, to) {
        return None;
    }
    let (rate, inverted) = find_rate(rates, from, to)?;
    let (from, to) = (
        from.trim().to_ascii_uppercase(),
        to.trim().to_ascii_uppercase(),
    );
    let factor = if inverted { 1.0 / rate.rate } else { rate.rate };
    let factor = format!("{factor:.6}");
    let factor = factor.trim_end_matches('0').trim_end_matches('.');
    let source = if rate.source.trim().is_empty() {
        "source not given".to_string()
    } else {
        rate.source.trim().to_string()
    };
    let date = rate
        .date
        .map_or_else(|| "date not given".to_string(), |d| d.to_string());
    let how = if inverted {
        ", inverted from the rate entered"
    } else {
        ""
    };
    Some(format!(
        "Converted from {from} at 1 {from} = {factor} {to} ({source}, {date}{how})."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_conversion_names_the_rate_its_date_and_source() {
        let rates = [ExchangeRate {
            id: "x1".into(),
            from: "EUR".into(),
            to: "USD".into(),
            rate: 1.1,
            date: NaiveDate::from_ymd_opt(2026, 11, 27),
            source: "ECB reference rate".into(),
            extra: Default::default(),
        }];
        assert_eq!(
            conversion_note(&rates, "eur", "USD").as_deref(),
            Some("Converted from EUR at 1 EUR = 1.1 USD (ECB reference rate, 2026-11-27).")
        );
        assert_eq!(
            conversion_note(&rates, "USD", "EUR").as_deref(),
            Some(
                "Converted from USD at 1 USD = 0.909091 EUR (ECB reference rate, 2026-11-27, \
                 inverted from the rate entered)."
            )
        );
        assert_eq!(conversion_note(&rates, "USD", "USD"), None);
        assert_eq!(conversion_note(&rates, "GBP", "USD"), None);
    }

    fn rate(id: &str, from: &str, to: &str, rate: f64, day: u32) -> ExchangeRate {
        ExchangeRate {
            id: id.into(),
            from: from.into(),
            to: to.into(),
            rate,
            date: NaiveDate::from_ymd_opt(2024, 1, day),
            source: "entered by hand".into(),
            extra: Default::default(),
        }
    }

    #[test]
    fn same_currency_is_returned_unchanged_without_a_rate() {
        let out = convert(12_345, "USD", "usd", &[]).unwrap();
        assert_eq!(out.amount, 12_345);
        assert_eq!(out.rate_id, None);
    }

    #[test]
    fn mixing_currencies_without_a_rate_is_a_specific_error_not_a_conversion() {
        let err = convert(100, "EUR", "USD", &[]).unwrap_err();
        assert_eq!(
            err,
            CurrencyError::MissingRate {
                from: "EUR".into(),
                to: "USD".into()
            }
        );
        assert!(err.to_string().contains("no EUR→USD exchange rate"));
    }

    #[test]
    fn converts_with_the_entered_rate_and_rounds_to_minor_units() {
        let rates = [rate("x1", "EUR", "USD", 1.085, 1)];
        let out = convert(6_000_000, "EUR", "USD", &rates).unwrap();
        assert_eq!(out.amount, 6_510_000);
        assert_eq!(out.rate_id.as_deref(), Some("x1"));
        assert!(!out.inverted);
        assert_eq!(convert(1, "EUR", "USD", &rates).unwrap().amount, 1);
    }

    #[test]
    fn a_rate_entered_the_other_way_round_is_inverted() {
        let rates = [rate("x1", "USD", "EUR", 0.8, 1)];
        let out = convert(8_000, "EUR", "USD", &rates).unwrap();
        assert_eq!(out.amount, 10_000);
        assert!(out.inverted);
    }

    #[test]
    fn the_most_recent_rate_wins() {
        let rates = [
            rate("old", "GBP", "USD", 1.20, 1),
            rate("new", "GBP", "USD", 1.30, 20),
        ];
        let out = convert(100, "GBP", "USD", &rates).unwrap();
        assert_eq!(out.rate_id.as_deref(), Some("new"));
        assert_eq!(out.amount, 130);
    }

    #[test]
    fn conversion_accounts_for_currencies_without_minor_units() {
        let rates = [rate("x1", "USD", "JPY", 150.0, 1)];
        // USD 100.00 → JPY 15,000
        assert_eq!(
            convert(10_000, "USD", "JPY", &rates).unwrap().amount,
            15_000
        );
    }

    #[test]
    fn zero_or_negative_rates_are_rejected() {
        let rates = [rate("x9", "EUR", "USD", 0.0, 1)];
        assert_eq!(
            convert(100, "EUR", "USD", &rates),
            Err(CurrencyError::InvalidRate {
                rate_id: "x9".into()
            })
        );
    }

    #[test]
    fn conversion_that_would_overflow_is_an_error() {
        let rates = [rate("x1", "EUR", "USD", 1e6, 1)];
        assert_eq!(
            convert(i64::MAX / 2, "EUR", "USD", &rates),
            Err(CurrencyError::Overflow)
        );
    }

    #[test]
    fn missing_rates_lists_each_unlinked_pair_once() {
        let rates = [rate("x1", "EUR", "USD", 1.1, 1)];
        let gaps = missing_rates(&["USD", "EUR", "usd", "GBP"], &rates);
        assert_eq!(gaps.len(), 2);
        assert!(gaps.contains(&CurrencyError::MissingRate {
            from: "USD".into(),
            to: "GBP".into()
        }));
    }

    #[test]
    fn currency_codes_must_be_three_uppercase_letters() {
        assert!(is_valid_code("USD"));
        assert!(!is_valid_code("usd"));
        assert!(!is_valid_code("US"));
        assert!(!is_valid_code("€UR"));
    }

    #[test]
    fn unlinked_currencies_cover_bands_and_records() {
        let mut career = crate::core::career::tests::four_tracks();
        assert!(unlinked_currencies(&career).is_empty());
        career.comp_records.push(crate::core::career::CompRecord {
            currency: "EUR".into(),
            ..Default::default()
        });
        assert_eq!(
            unlinked_currencies(&career),
            vec![CurrencyError::MissingRate {
                from: "USD".into(),
                to: "EUR".into()
            }]
        );
        career.exchange_rates.push(rate("x1", "EUR", "USD", 1.1, 1));
        assert!(unlinked_currencies(&career).is_empty());
    }
}
