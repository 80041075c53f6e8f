//! Text for figures: money with its currency, compact axis labels, percentages.

use super::currency::minor_exponent;

/// "USD 94,500" or "USD 94,500.50": whole units with separators, cents only when present.
pub fn money(amount_minor: i64, currency: &str) -> String {
    let exp = minor_exponent(currency);
    let scale = 10_i128.pow(exp);
    let value = i128::from(amount_minor);
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.abs();
    let whole = group_thousands(abs / scale);
    let frac = abs % scale;
    let code = currency.trim();
    if frac == 0 {
        format!("{code} {sign}{whole}")
    } else {
        let width = exp as usize;
        format!("{code} {sign}{whole}.{frac:0width$}")
    }
}

/// Axis label in whole units: "94.5k", "1.2M", "950".
pub fn compact(amount_minor: i64, currency: &str) -> String {
    let units = amount_minor as f64 / 10_f64.powi(minor_exponent(currency) as i32);
    let (value, suffix) = if units.abs() >= 1_000_000.0 {
        (units / 1_000_000.0, "M")
    } else if units.abs() >= 1_000.0 {
        (units / 1_000.0, "k")
    } else {
        (units, "")
    };
    let text = format!("{value:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text}{suffix}")
}

/// A ratio as a percentage: 0.25 → "25%", -0.2614 → "-26.1%".
pub fn percent(ratio: f64) -> String {
    if !ratio.is_finite() {
        return "—".to_string();
    }
    let text = format!("{:.1}", ratio * 100.0);
    let text = text.strip_suffix(".0").unwrap_or(&text);
    let text = if text == "-0" { "0" } else { text };
    format!("{text}%")
}

/// A difference of two ratios in percentage points: 0.082 → "8.2 points", 0.01 → "1 point".
pub fn points(ratio: f64) -> String {
    let text = percent(ratio);
    let number = text.trim_end_matches('%');
    if number == "1" || number == "-1" {
        format!("{number} point")
    } else {
        format!("{number} points")
    }
}

/// An amount in minor units as a user types it in major units: "94500", "94500.5".
/// No separators, so the text parses back with [`parse_money`].
pub fn major_units(amount_minor: i64, currency: &str) -> String {
    let exp = minor_exponent(currency);
    let scale = 10_i128.pow(exp);
    let value = i128::from(amount_minor);
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.abs();
    let frac = abs % scale;
    if frac == 0 {
        format!("{sign}{}", abs / scale)
    } else {
        let width = exp as usize;
        let frac = format!("{frac:0width$}");
        format!("{sign}{}.{}", abs / scale, frac.trim_end_matches('0'))
    }
}

/// Why typed money could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoneyInputError {
    NotANumber,
    Negative,
    TooManyDecimals { allowed: u32 },
    TooLarge,
}

impl std::fmt::Display for MoneyInputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MoneyInputError::NotANumber => {
                write!(
                    f,
                    "Enter an amount in whole units, e.g. 94500 or 94,500.50."
                )
            }
            MoneyInputError::Negative => write!(f, "Enter an amount of zero or more."),
            MoneyInputError::TooManyDecimals { allowed: 0 } => {
                write!(f, "This currency has no minor units; enter whole units.")
            }
            MoneyInputError::TooManyDecimals { allowed } => {
                write!(f, "Enter at most {allowed} digits after the decimal point.")
            }
            MoneyInputError::TooLarge => write!(f, "That amount is too large."),
        }
    }
}

/// Reads an amount typed in major units ("94,500.50") into minor units of `currency`.
/// Empty text is `None`; commas, spaces and underscores between digits are ignored.
pub fn parse_money(text: &str, currency: &str) -> Result<Option<i64>, MoneyInputError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '\u{a0}'))
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    if cleaned.starts_with('-') {
        return Err(MoneyInputError::Negative);
    }
    let (whole, frac) = match cleaned.split_once('.') {
        Some((w, f)) => (w, f),
        None => (cleaned.as_str(), ""),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) {
        return Err(MoneyInputError::NotANumber);
    }
    let exp = minor_exponent(currency);
    if frac.len() > exp as usize {
        return Err(MoneyInputError::TooManyDecimals { allowed: exp });
    }
    let whole: i128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| MoneyInputError::TooLarge)?
    };
    let width = exp as usize;
    let frac: i128 = if exp == 0 {
        0
    } else {
        format!("{frac:0<width$}")
            .parse()
            .map_err(|_| MoneyInputError::NotANumber)?
    };
    let value = whole
        .checked_mul(10_i128.pow(exp))
        .and_then(|w| w.checked_add(frac))
        .ok_or(MoneyInputError::TooLarge)?;
    i64::try_from(value)
        .map(Some)
        .map_err(|_| MoneyInputError::TooLarge)
}

/// The link if it is safe to render as one: http, https or mailto only.
pub fn safe_link(link: &str) -> Option<&str> {
    let link = link.trim();
    let lower = link.to_ascii_lowercase();
    let ok = (lower.starts_with("https://") && link.len() > 8)
        || (lower.starts_with("http://") && link.len() > 7)
        || (lower.starts_with("mailto:") && link.len() > 7);
    ok.then_some(link)
}

fn group_thousands(value: i128) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_shows_whole_units_with_thousands_separators() {
        assert_eq!(money(9_450_000, "USD"), "USD 94,500");
        assert_eq!(money(9_450_050, "USD"), "USD 94,500.50");
        assert_eq!(money(-123_456_789, "EUR"), "EUR -1,234,567.89");
    }

    #[test]
    fn money_respects_currencies_without_minor_units() {
        assert_eq!(money(8_000_000, "JPY"), "JPY 8,000,000");
    }

    #[test]
    fn money_survives_the_most_negative_amount() {
        assert!(money(i64::MIN, "USD").starts_with("USD -92,233,720"));
    }

    #[test]
    fn compact_labels_use_k_and_m() {
        assert_eq!(compact(9_450_000, "USD"), "94.5k");
        assert_eq!(compact(10_000_000, "USD"), "100k");
        assert_eq!(compact(120_000_000, "USD"), "1.2M");
        assert_eq!(compact(95_000, "USD"), "950");
    }

    #[test]
    fn percent_rounds_to_one_decimal_and_drops_trailing_zero() {
        assert_eq!(percent(0.25), "25%");
        assert_eq!(percent(-0.26137), "-26.1%");
        assert_eq!(percent(-0.0001), "0%");
        assert_eq!(percent(f64::NAN), "—");
    }

    #[test]
    fn parse_money_reads_major_units_into_minor_units() {
        assert_eq!(parse_money("94500", "USD"), Ok(Some(9_450_000)));
        assert_eq!(parse_money(" 94,500.5 ", "USD"), Ok(Some(9_450_050)));
        assert_eq!(parse_money(".25", "USD"), Ok(Some(25)));
        assert_eq!(parse_money("8000000", "JPY"), Ok(Some(8_000_000)));
        assert_eq!(parse_money("1.234", "KWD"), Ok(Some(1_234)));
        assert_eq!(parse_money("", "USD"), Ok(None));
    }

    #[test]
    fn parse_money_rejects_what_it_cannot_store_exactly() {
        assert_eq!(parse_money("abc", "USD"), Err(MoneyInputError::NotANumber));
        assert_eq!(parse_money(".", "USD"), Err(MoneyInputError::NotANumber));
        assert_eq!(parse_money("1e5", "USD"), Err(MoneyInputError::NotANumber));
        assert_eq!(parse_money("-5", "USD"), Err(MoneyInputError::Negative));
        assert_eq!(
            parse_money("1.5", "JPY"),
            Err(MoneyInputError::TooManyDecimals { allowed: 0 })
        );
        assert_eq!(
            parse_money("1.505", "USD"),
            Err(MoneyInputError::TooManyDecimals { allowed: 2 })
        );
        assert_eq!(
            parse_money("99999999999999999999", "USD"),
            Err(MoneyInputError::TooLarge)
        );
    }

    #[test]
    fn major_units_round_trips_through_parse_money() {
        for (amount, code) in [
            (9_450_000, "USD"),
            (9_450_050, "USD"),
            (9_450_005, "EUR"),
            (7, "JPY"),
            (1_234, "KWD"),
        ] {
            let text = major_units(amount, code);
            assert_eq!(parse_money(&text, code), Ok(Some(amount)), "{text}");
        }
        assert_eq!(major_units(9_450_050, "USD"), "94500.5");
    }

    #[test]
    fn safe_link_allows_only_web_and_mail_links() {
        assert_eq!(
            safe_link(" https://www.bls.gov/ "),
            Some("https://www.bls.gov/")
        );
        assert_eq!(safe_link("HTTP://example.org"), Some("HTTP://example.org"));
        assert_eq!(
            safe_link("mailto:hr@example.org"),
            Some("mailto:hr@example.org")
        );
        assert_eq!(safe_link("javascript:alert(1)"), None);
        assert_eq!(safe_link("data:text/html,hi"), None);
        assert_eq!(safe_link("www.example.org"), None);
        assert_eq!(safe_link("https://"), None);
    }
}
