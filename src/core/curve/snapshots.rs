//! Snapshots typed or pasted as CSV, and the per-stage series for the chart.
//!
//! Two layouts are accepted (comma, semicolon or tab separated; a spreadsheet paste is
//! tab separated):
//! - long: `date,stage,count`, one stage per line (header optional);
//! - wide: `date,<stage name>,<stage name>…` header, then one line per date.
//!
//! Stages are matched by name (ignoring case and surrounding spaces) or id.

use crate::core::csv;
use std::fmt;

use chrono::NaiveDate;

use super::activity;
use super::ops::put_snapshot;
use super::{Curve, StageCount};
use crate::core::plan::Plan;

/// A problem on one line of pasted CSV (lines count from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Line {}: {}", self.line, self.message)
    }
}

/// Counts for one date, ready for [`import_snapshots`].
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedSnapshot {
    pub date: NaiveDate,
    pub counts: Vec<StageCount>,
}

/// Checks counts typed into the snapshot form: a date, and for each stage (by id) an
/// optional number. Empty fields mean "not counted". Every problem is reported at once,
/// naming the stage; nothing is returned unless all is good.
pub fn typed_snapshot(
    curve: &Curve,
    date: Option<NaiveDate>,
    typed: &[(String, Option<f64>)],
) -> Result<ParsedSnapshot, Vec<String>> {
    let mut errors = Vec::new();
    if date.is_none() {
        errors.push("Choose the date the counts are from.".to_string());
    }
    let mut counts = Vec::new();
    for (stage_id, value) in typed {
        let Some(stage) = curve.stage(stage_id) else {
            continue;
        };
        let Some(v) = *value else { continue };
        let name = if stage.name.trim().is_empty() {
            "Untitled stage"
        } else {
            stage.name.as_str()
        };
        if !v.is_finite() || v < 0.0 {
            errors.push(format!("{name}: a count cannot be negative."));
        } else if v.fract() != 0.0 {
            errors.push(format!("{name}: a count is a whole number of members."));
        } else {
            counts.push(StageCount {
                stage_id: stage_id.clone().into(),
                count: v.min(u64::MAX as f64) as u64,
                extra: Default::default(),
            });
        }
    }
    if errors.is_empty() && counts.is_empty() {
        errors.push("Type at least one stage's count.".to_string());
    }
    match date {
        Some(date) if errors.is_empty() => Ok(ParsedSnapshot { date, counts }),
        _ => Err(errors),
    }
}

/// Parses snapshot CSV against the curve's stages. Every bad line is reported; nothing
/// is returned unless the whole text is good.
pub fn parse_snapshots_csv(
    curve: &Curve,
    text: &str,
) -> Result<Vec<ParsedSnapshot>, Vec<CsvError>> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let Some(&(first_no, first)) = lines.first() else {
        return Err(vec![CsvError {
            line: 1,
            message: "Nothing to import: paste a header and at least one line of counts.".into(),
        }]);
    };
    let sep = separator(first);
    let header = split_fields(first, sep);
    let mut out = Parsed::default();
    let is_long_header = header.len() == 3
        && header
            .iter()
            .map(|h| h.to_lowercase())
            .eq(["date", "stage", "count"].iter().map(|s| s.to_string()));
    if is_long_header {
        parse_long(curve, &lines[1..], sep, &mut out);
    } else if header
        .first()
        .is_some_and(|h| h.eq_ignore_ascii_case("date"))
    {
        parse_wide(curve, first_no, &header, &lines[1..], sep, &mut out);
    } else if header.len() == 3 && parse_date(&header[0]).is_some() {
        parse_long(curve, &lines, sep, &mut out);
    } else {
        out.errors.push(CsvError {
            line: first_no,
            message: "Expected a header: `date,stage,count`, or `date` followed by stage \
                      names."
                .into(),
        });
    }
    if out.errors.is_empty() && out.snapshots.is_empty() {
        out.errors.push(CsvError {
            line: first_no,
            message: "A header but no counts: add a line per date.".into(),
        });
    }
    if out.errors.is_empty() {
        out.snapshots.sort_by_key(|s| s.date);
        Ok(out.snapshots)
    } else {
        Err(out.errors)
    }
}

#[derive(Default)]
struct Parsed {
    snapshots: Vec<ParsedSnapshot>,
    errors: Vec<CsvError>,
}

impl Parsed {
    fn err(&mut self, line: usize, message: String) {
        self.errors.push(CsvError { line, message });
    }

    /// Adds a count, refusing a second count for the same stage and date.
    fn add(&mut self, line: usize, date: NaiveDate, stage_id: &str, stage: &str, count: u64) {
        let pos = match self.snapshots.iter().position(|s| s.date == date) {
            Some(p) => p,
            None => {
                self.snapshots.push(ParsedSnapshot {
                    date,
                    counts: Vec::new(),
                });
                self.snapshots.len() - 1
            }
        };
        let snap = &mut self.snapshots[pos];
        if snap.counts.iter().any(|c| c.stage_id == stage_id) {
            self.err(
                line,
                format!("`{stage}` on {date} is already counted on an earlier line."),
            );
            return;
        }
        snap.counts.push(StageCount {
            stage_id: stage_id.into(),
            count,
            extra: Default::default(),
        });
    }
}

fn parse_long(curve: &Curve, lines: &[(usize, &str)], sep: char, out: &mut Parsed) {
    for &(no, line) in lines {
        let f = split_fields(line, sep);
        if f.len() != 3 {
            out.err(
                no,
                format!("Expected 3 values (date, stage, count), found {}.", f.len()),
            );
            continue;
        }
        let date = date_or_err(&f[0], no, out);
        let stage = stage_or_err(curve, &f[1], no, out);
        let count = count_or_err(&f[2], no, out);
        if let (Some(d), Some(s), Some(c)) = (date, stage, count) {
            out.add(no, d, &s, &f[1], c);
        }
    }
}

fn parse_wide(
    curve: &Curve,
    header_no: usize,
    header: &[String],
    lines: &[(usize, &str)],
    sep: char,
    out: &mut Parsed,
) {
    let mut stage_ids = Vec::new();
    for name in &header[1..] {
        match stage_or_err(curve, name, header_no, out) {
            Some(id) if stage_ids.contains(&id) => {
                out.err(header_no, format!("`{name}` appears twice in the header."));
            }
            Some(id) => stage_ids.push(id),
            None => {}
        }
    }
    if !out.errors.is_empty() {
        return;
    }
    for &(no, line) in lines {
        let f = split_fields(line, sep);
        if f.len() > header.len() {
            out.err(
                no,
                format!(
                    "Expected at most {} values, found {}.",
                    header.len(),
                    f.len()
                ),
            );
            continue;
        }
        let Some(date) = date_or_err(&f[0], no, out) else {
            continue;
        };
        let cells = f.iter().skip(1).zip(&stage_ids).zip(header.iter().skip(1));
        for ((cell, stage_id), name) in cells {
            // A blank cell means "not counted that day".
            if cell.is_empty() {
                continue;
            }
            if let Some(c) = count_or_err(cell, no, out) {
                out.add(no, date, stage_id, name, c);
            }
        }
    }
}

fn date_or_err(cell: &str, line: usize, out: &mut Parsed) -> Option<NaiveDate> {
    let d = parse_date(cell);
    if d.is_none() {
        out.err(
            line,
            format!("`{cell}` is not a date; write it as YYYY-MM-DD."),
        );
    }
    d
}

fn parse_date(cell: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(cell.trim(), "%Y-%m-%d").ok()
}

fn stage_or_err(curve: &Curve, cell: &str, line: usize, out: &mut Parsed) -> Option<String> {
    let cell = cell.trim();
    // A name this export defused (`'=Leads`) names the stage `=Leads`.
    let wanted = match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(csv::FORMULA_STARTS) => rest,
        _ => cell,
    };
    let found = curve
        .stages
        .iter()
        .find(|s| s.id == wanted || s.name.trim().eq_ignore_ascii_case(wanted));
    if found.is_none() {
        let names: Vec<&str> = curve.stages.iter().map(|s| s.name.as_str()).collect();
        out.err(
            line,
            format!("No stage named `{wanted}`. Stages: {}.", names.join(", ")),
        );
    }
    found.map(|s| s.id.to_string())
}

fn count_or_err(cell: &str, line: usize, out: &mut Parsed) -> Option<u64> {
    let c = cell.trim().replace('_', "");
    let n = c.parse::<u64>().ok();
    if n.is_none() {
        out.err(
            line,
            format!("`{cell}` is not a count; use a whole number of members like 1200."),
        );
    }
    n
}

fn separator(header: &str) -> char {
    if header.contains('\t') {
        '\t'
    } else if header.contains(';') && !header.contains(',') {
        ';'
    } else {
        ','
    }
}

/// Splits a line on `sep`, honouring double quotes ("a, b" and "" for a quote).
fn split_fields(line: &str, sep: char) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => fields.push(std::mem::take(&mut cur).trim().to_string()),
            c => cur.push(c),
        }
    }
    fields.push(cur.trim().to_string());
    fields
}

/// Adds parsed snapshots to the plan; a date that already has a snapshot is replaced.
/// Returns the snapshot ids in date order.
pub fn import_snapshots(plan: &mut Plan, parsed: Vec<ParsedSnapshot>) -> Vec<String> {
    parsed
        .into_iter()
        .map(|p| put_snapshot(plan, p.date, p.counts))
        .collect()
}

/// Writes the snapshots as wide CSV (the same layout the parser reads). Counts counted from
/// an activity file that are under the rules' threshold are written "fewer than N"
/// (`activity::shown_count`), which the parser refuses by line rather than misread.
pub fn snapshots_csv(curve: &Curve) -> String {
    let threshold = curve
        .activity_rules
        .as_ref()
        .map_or(activity::DEFAULT_THRESHOLD, |r| r.threshold);
    let mut out = String::from("date");
    for s in &curve.stages {
        out.push(',');
        out.push_str(&quote(&csv::defuse_formula(&s.name)));
    }
    out.push('\n');
    let mut snaps: Vec<_> = curve.snapshots.iter().collect();
    snaps.sort_by_key(|s| s.date);
    for snap in snaps {
        out.push_str(&snap.date.to_string());
        for s in &curve.stages {
            out.push(',');
            match (snap.count_for(&s.id), activity::counted_from(snap)) {
                (Some(c), Some(_)) => out.push_str(&activity::shown_count(c, threshold)),
                (Some(c), None) => out.push_str(&c.to_string()),
                (None, _) => {}
            }
        }
        out.push('\n');
    }
    out
}

/// A field quoted when it holds a separator, a quote or a line break of any kind: a bare `\r`
/// ends a row in spreadsheets too, and the text after it would start a row of its own (where
/// `=HYPERLINK(…)` runs as a formula).
fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r', ';', '\t']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One stage's counts over time, for the chart (None where a snapshot has no count).
#[derive(Clone, Debug, PartialEq)]
pub struct StageSeries {
    pub stage_id: String,
    pub points: Vec<(NaiveDate, Option<u64>)>,
}

pub fn stage_series(curve: &Curve) -> Vec<StageSeries> {
    let mut snaps: Vec<_> = curve.snapshots.iter().collect();
    snaps.sort_by_key(|s| s.date);
    curve
        .stages
        .iter()
        .map(|st| StageSeries {
            stage_id: st.id.to_string(),
            points: snaps
                .iter()
                .map(|s| (s.date, s.count_for(&st.id)))
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
