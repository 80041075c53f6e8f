//! The browser's clock, read here only; the core takes dates as parameters.

use chrono::NaiveDate;

/// Today's date in the user's time zone.
pub fn today() -> NaiveDate {
    local_date(&js_sys::Date::new_0())
}

/// The date, in the user's time zone, of `ms` milliseconds since the epoch.
pub fn date_at(ms: f64) -> NaiveDate {
    local_date(&js_sys::Date::new(&ms.into()))
}

/// The date, in the user's time zone, of an ISO 8601 time such as a backup's `created`;
/// text that is not a time is shown as it is.
pub fn date_of_iso(iso: &str) -> String {
    let ms = js_sys::Date::parse(iso);
    if ms.is_finite() {
        date_at(ms).to_string()
    } else {
        iso.to_string()
    }
}

fn local_date(at: &js_sys::Date) -> NaiveDate {
    NaiveDate::from_ymd_opt(at.get_full_year() as i32, at.get_month() + 1, at.get_date())
        .unwrap_or_default()
}

/// The time `ms` milliseconds after the epoch, as ISO 8601 in UTC ("2026-12-03T10:15:00.000Z").
pub fn iso_time(ms: f64) -> String {
    String::from(js_sys::Date::new(&ms.into()).to_iso_string())
}

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
