//! Small text and date helpers shared by the Goals modules: number and date formatting,
//! word splitting, `[placeholder]` detection.

use chrono::NaiveDate;

/// Average length of a month in days (365.2425 / 12); rates "per month" use it.
pub const DAYS_PER_MONTH: f64 = 30.436875;

/// Months (fractional) from `from` to `to`; negative when `to` is earlier.
pub fn months_between(from: NaiveDate, to: NaiveDate) -> f64 {
    (to - from).num_days() as f64 / DAYS_PER_MONTH
}

/// A number for people: at most two decimals, no trailing zeros, "?" when unusable.
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return "?".to_string();
    }
    let rounded = (value * 100.0).round() / 100.0;
    if !rounded.is_finite() {
        return format!("{value}");
    }
    let text = format!("{rounded:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// A number with a sign, e.g. "+6.5" or "-2".
pub fn format_signed(value: f64) -> String {
    let text = format_number(value);
    if value > 0.0 && text != "0" {
        format!("+{text}")
    } else {
        text
    }
}

/// A value with its unit: "90%", "24 hours", or just the number when there is no unit.
pub fn format_value(value: f64, unit: &str) -> String {
    with_unit(&format_number(value), unit)
}

/// Appends a unit to already formatted text; "%" attaches without a space.
pub fn with_unit(number: &str, unit: &str) -> String {
    let unit = unit.trim();
    if unit.is_empty() {
        number.to_string()
    } else if unit == "%" {
        format!("{number}%")
    } else {
        format!("{number} {unit}")
    }
}

/// A date for people: "30 June 2026".
pub fn format_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "a", "a and b", "a, b and c".
pub fn join_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Lower-case words (letters, digits, apostrophes), placeholders' brackets dropped.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty() && *w != "-")
        .map(str::to_lowercase)
        .collect()
}

/// The `[placeholder]` texts left in `text`, in order.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) => {
                found.push(after[..close].to_string());
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    found
}

/// "[a]" or "[a] and [b]", for messages about placeholders.
pub fn quote_placeholders(found: &[String]) -> String {
    let quoted: Vec<String> = found.iter().map(|p| format!("[{p}]")).collect();
    join_list(&quoted)
}

/// Text with trailing spaces and full stops removed, for embedding in a sentence.
pub fn clause(text: &str) -> &str {
    text.trim().trim_end_matches(['.', ' '])
}

/// The first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_trailing_zeros_and_round_to_two_decimals() {
        assert_eq!(format_number(120.0), "120");
        assert_eq!(format_number(4.5), "4.5");
        assert_eq!(format_number(2.0 / 3.0), "0.67");
        assert_eq!(format_number(-0.001), "0");
        assert_eq!(format_number(f64::NAN), "?");
        assert!(!format_number(f64::MAX).contains("inf"));
    }

    #[test]
    fn signed_numbers_show_plus_for_gains_only() {
        assert_eq!(format_signed(6.5), "+6.5");
        assert_eq!(format_signed(-2.0), "-2");
        assert_eq!(format_signed(0.0), "0");
    }

    #[test]
    fn percent_attaches_and_other_units_are_spaced() {
        assert_eq!(format_value(90.0, "%"), "90%");
        assert_eq!(format_value(24.0, "hours"), "24 hours");
        assert_eq!(format_value(3.0, " "), "3");
    }

    #[test]
    fn dates_read_as_day_month_year() {
        let date = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        assert_eq!(format_date(date), "30 June 2026");
    }

    #[test]
    fn lists_join_with_commas_and_a_final_and() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_list(&items(&[])), "");
        assert_eq!(join_list(&items(&["a"])), "a");
        assert_eq!(join_list(&items(&["a", "b", "c"])), "a, b and c");
    }

    #[test]
    fn placeholders_are_found_in_order_and_unclosed_brackets_ignored() {
        assert_eq!(
            placeholders("in [the forum] by [team] [x"),
            vec!["the forum", "team"]
        );
        assert!(placeholders("no brackets").is_empty());
    }

    #[test]
    fn months_between_is_fractional_and_signed() {
        let a = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let b = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert!((months_between(a, b) - 11.99).abs() < 0.02);
        assert!(months_between(b, a) < 0.0);
    }

    #[test]
    fn words_are_lower_case_without_punctuation() {
        assert_eq!(
            words("Grow  [monthly], active-users!"),
            vec!["grow", "monthly", "active-users"]
        );
    }
}
