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
}
