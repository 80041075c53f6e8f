//! The dates of an activity file, in the forms platforms and spreadsheets write them.
//!
//! Accepted: ISO dates (`2026-03-05`, `2026/03/05`), ISO date-times with a `T` or a space, with
//! or without seconds, fractions and a zone (`2026-03-05T14:02:11.5Z`, `2026-03-05 14:02`,
//! `2026-03-05T23:30:00-05:00`, `+0100`); day-first dotted dates (`05.03.2026`, which is how
//! every locale that writes dots orders them); and slash dates with the year last (`3/5/2026`),
//! read month-first or day-first for the whole file (see [`SlashOrder`]), each optionally
//! followed by a time (`14:02`, `2:02 PM`).
//!
//! **Which day a date-time counts on.** By default, the day written in the file: a time with
//! a zone counts on its own local date (`2026-03-31T23:30:00-05:00` is 31 March), because that
//! is the day the platform showed its members, and the count must not depend on the zone of
//! the browser that reads the file. [`Zone::Offset`] moves times that carry a zone to one fixed
//! offset first (a community that lives in UTC+9 reading a UTC export); times without a zone
//! are taken as already in it.

use chrono::NaiveDate;

/// How slash dates (`3/5/2026`) are read; one order for the whole file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SlashOrder {
    /// From the file: a first part over 12 means day-first, a second part over 12 month-first;
    /// a file that never shows it leaves its slash dates unread until the user chooses.
    #[default]
    FromFile,
    MonthFirst,
    DayFirst,
}

/// The zone dates are counted in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Zone {
    /// The local date each row was written with.
    #[default]
    AsWritten,
    /// Minutes east of UTC: times with a zone are moved to it.
    Offset(i32),
}

/// A date read from a cell: the day it counts on and the second of that day when a time was
/// written (for telling duplicate rows apart), or why it could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadDate {
    Day {
        day: NaiveDate,
        second: Option<u32>,
    },
    /// A slash date whose parts are both 12 or under, in a file that has not settled the order.
    Ambiguous,
    NotADate,
}

/// The order a slash date shows, if it shows one: `Some(true)` month-first (`3/25/2026`),
/// `Some(false)` day-first (`25/3/2026`).
pub fn slash_hint(cell: &str) -> Option<bool> {
    let (date, _) = split_time(cell.trim());
    let parts: Vec<&str> = date.split('/').collect();
    let [a, b, y] = parts[..] else { return None };
    if y.len() != 4 {
        return None;
    }
    let a: u32 = a.parse().ok()?;
    let b: u32 = b.parse().ok()?;
    match (a > 12, b > 12) {
        (true, false) => Some(false),
        (false, true) => Some(true),
        _ => None,
    }
}

/// Reads one date cell.
pub fn read_date(cell: &str, slash: SlashOrder, zone: Zone) -> ReadDate {
    let cell = cell.trim();
    if let Some(read) = iso_fast(cell, zone) {
        return read;
    }
    let (date, time) = split_time(cell);
    let day = if date.contains('/') && date.len() <= 10 && !starts_with_year(date) {
        match slash_date(date, slash) {
            Ok(d) => d,
            Err(r) => return r,
        }
    } else if date.contains('.') {
        dotted_date(date)
    } else {
        iso_date(date)
    };
    let Some(day) = day else {
        return ReadDate::NotADate;
    };
    let Some(time) = time else {
        return ReadDate::Day { day, second: None };
    };
    let Some((second, offset)) = read_time(time) else {
        return ReadDate::NotADate;
    };
    match (zone, offset) {
        (Zone::Offset(to), Some(from)) => {
            // The same instant, seen from the chosen offset.
            let shifted = i64::from(second) + i64::from(to - from) * 60;
            let days = shifted.div_euclid(86_400);
            let Some(day) = day.checked_add_signed(chrono::Duration::days(days)) else {
                return ReadDate::NotADate;
            };
            ReadDate::Day {
                day,
                second: Some(shifted.rem_euclid(86_400) as u32),
            }
        }
        _ => ReadDate::Day {
            day,
            second: Some(second),
        },
    }
}

/// The common case read byte by byte: `YYYY-MM-DD`, alone or with `THH:MM:SS` (or a space)
/// and `Z` or nothing after it; None for anything else, which the general reading takes.
fn iso_fast(cell: &str, zone: Zone) -> Option<ReadDate> {
    let b = cell.as_bytes();
    let digits = |from: usize, to: usize| -> Option<u32> {
        b.get(from..to)?.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let day = NaiveDate::from_ymd_opt(digits(0, 4)? as i32, digits(5, 7)?, digits(8, 10)?)?;
    match b.len() {
        10 => Some(ReadDate::Day { day, second: None }),
        // Without a zone, or in UTC when dates are read as written.
        19 | 20
            if matches!(b[10], b'T' | b' ')
                && b[13] == b':'
                && b[16] == b':'
                && (b.len() == 19 || (b[19] == b'Z' && zone == Zone::AsWritten)) =>
        {
            let (h, m, s) = (digits(11, 13)?, digits(14, 16)?, digits(17, 19)?);
            (h < 24 && m < 60 && s < 61).then_some(ReadDate::Day {
                day,
                second: Some(h * 3600 + m * 60 + s.min(59)),
            })
        }
        _ => None,
    }
}

fn starts_with_year(date: &str) -> bool {
    date.len() >= 5
        && date[..4].bytes().all(|b| b.is_ascii_digit())
        && !date[4..].starts_with(|c: char| c.is_ascii_digit())
}

/// The date part and the time part (after a `T` or a space), if any.
fn split_time(cell: &str) -> (&str, Option<&str>) {
    if let Some(at) = cell.find(' ') {
        return (&cell[..at], Some(cell[at + 1..].trim()));
    }
    // `T` only after an ISO date (`2026-03-05T…`): position 10.
    if cell.len() > 10 && cell.as_bytes()[10] == b'T' {
        return (&cell[..10], Some(&cell[11..]));
    }
    (cell, None)
}

fn iso_date(date: &str) -> Option<NaiveDate> {
    let mut parts = date.split(['-', '/']);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn dotted_date(date: &str) -> Option<NaiveDate> {
    let mut parts = date.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn slash_date(date: &str, order: SlashOrder) -> Result<Option<NaiveDate>, ReadDate> {
    let parts: Vec<&str> = date.split('/').collect();
    let [a, b, y] = parts[..] else {
        return Ok(None);
    };
    if y.len() != 4 {
        return Ok(None);
    }
    let (Ok(a), Ok(b), Ok(y)) = (a.parse::<u32>(), b.parse::<u32>(), y.parse::<i32>()) else {
        return Ok(None);
    };
    let month_first = match order {
        SlashOrder::MonthFirst => true,
        SlashOrder::DayFirst => false,
        // Unsettled: a date that can be read one way only is read that way.
        SlashOrder::FromFile if a == b || b > 12 => true,
        SlashOrder::FromFile if a > 12 => false,
        SlashOrder::FromFile => return Err(ReadDate::Ambiguous),
    };
    let (m, d) = if month_first { (a, b) } else { (b, a) };
    Ok(NaiveDate::from_ymd_opt(y, m, d))
}

/// The second of the day and the zone's offset in minutes east of UTC, if written:
/// `14:02`, `14:02:11`, `14:02:11.123`, `2:02 PM`, then `Z`, `+01:00`, `-0500` or ` UTC`.
fn read_time(time: &str) -> Option<(u32, Option<i32>)> {
    let time = time.trim();
    let (clock, offset) = split_zone(time)?;
    let clock = clock.trim();
    let (clock, pm) = match clock.get(clock.len().saturating_sub(2)..) {
        Some(end) if end.eq_ignore_ascii_case("am") => {
            (clock[..clock.len() - 2].trim(), Some(false))
        }
        Some(end) if end.eq_ignore_ascii_case("pm") => {
            (clock[..clock.len() - 2].trim(), Some(true))
        }
        _ => (clock, None),
    };
    let mut parts = clock.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let s: u32 = match parts.next() {
        Some(sec) => {
            let whole = sec.split(['.', ',']).next()?;
            whole.parse().ok()?
        }
        None => 0,
    };
    if parts.next().is_some() || m > 59 || s > 60 {
        return None;
    }
    let h = match pm {
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(true) => h % 12 + 12,
        Some(false) => h % 12,
        None if h > 23 => return None,
        None => h,
    };
    Some((h * 3600 + m * 60 + s.min(59), offset))
}

/// The clock part and the zone's offset in minutes, if any.
fn split_zone(time: &str) -> Option<(&str, Option<i32>)> {
    if let Some(clock) = time.strip_suffix('Z').or_else(|| time.strip_suffix(" UTC")) {
        return Some((clock, Some(0)));
    }
    let Some(at) = time.rfind(['+', '-']) else {
        return Some((time, None));
    };
    let zone = &time[at + 1..];
    let (hours, minutes) = match zone.split_once(':') {
        Some((h, m)) => (h, m),
        None if zone.len() == 4 => zone.split_at(2),
        None => return None,
    };
    if hours.len() != 2 || minutes.len() != 2 {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    let sign = if time[at..].starts_with('-') { -1 } else { 1 };
    Some((&time[..at], Some(sign * (hours * 60 + minutes))))
}

/// Dates typed as a list (`2026-01-31, 2026-02-28`; commas, spaces or lines between), sorted
/// and without repeats; every date that does not read is named.
pub fn typed_dates(text: &str) -> Result<Vec<NaiveDate>, Vec<String>> {
    let mut dates = Vec::new();
    let mut problems = Vec::new();
    for word in text
        .split([',', ';', ' ', '\n', '\t'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        match NaiveDate::parse_from_str(word, "%Y-%m-%d") {
            Ok(d) => dates.push(d),
            Err(_) => problems.push(format!(
                "`{word}` is not a date; write dates as 2026-01-31."
            )),
        }
    }
    if problems.is_empty() && dates.is_empty() {
        problems.push("Type at least one date to count on, as 2026-01-31.".to_string());
    }
    dates.sort_unstable();
    dates.dedup();
    if problems.is_empty() {
        Ok(dates)
    } else {
        Err(problems)
    }
}

/// A zone typed as `UTC`, `Z` or an offset (`+09:00`, `-0500`, `+5:30`); None when it does not
/// read.
pub fn typed_offset(text: &str) -> Option<i32> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("utc") || t.eq_ignore_ascii_case("z") || t.eq_ignore_ascii_case("gmt")
    {
        return Some(0);
    }
    let t = t
        .strip_prefix("UTC")
        .or_else(|| t.strip_prefix("GMT"))
        .unwrap_or(t)
        .trim();
    let sign = match t.chars().next()? {
        '+' => 1,
        '-' | '−' => -1,
        _ => return None,
    };
    let rest: String = t.chars().skip(1).collect();
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h.to_string(), m.to_string()),
        None if rest.len() == 4 => (rest[..2].to_string(), rest[2..].to_string()),
        None => (rest.clone(), "0".to_string()),
    };
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.parse().ok()?;
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}
