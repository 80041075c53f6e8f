//! Reading an activity file: its head (header and a few rows, for the column mapping), then
//! every row into [`Activities`], with each problem named by its line and the rows skipped
//! counted by reason.
//!
//! Member identifiers become numbers here: the table pairing them is local to
//! [`read_activities`] and dropped when it returns.
//!
//! A duplicate row is one identical to an earlier row in every column (an export run twice
//! over the same days, files joined with an overlap); it is counted once. Two rows that differ
//! in any column (a message id, a time) are two activities, even on one day.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

use super::dates::{read_date, slash_hint, ReadDate, SlashOrder, Zone};
use crate::core::csv::{guess_separator, visit_records, ReadError};

/// Largest file read: 256 MiB, far above a million rows (about 40 MB).
pub const MAX_ACTIVITY_BYTES: usize = 256 * 1024 * 1024;
/// Problems named one by one; the rest are counted with their reason.
pub const MAX_NAMED_PROBLEMS: usize = 50;
/// Rows shown in the mapping preview.
pub const PREVIEW_ROWS: usize = 5;

/// How the file is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// CSV or TSV, with its separator.
    Delimited(char),
    /// One JSON object a line; nested objects' keys are joined with dots (`actor.login`).
    JsonLines,
}

impl Shape {
    pub fn label(self) -> &'static str {
        match self {
            Shape::Delimited('\t') => "tab-separated (TSV)",
            Shape::Delimited(';') => "semicolon-separated (CSV)",
            Shape::Delimited(_) => "comma-separated (CSV)",
            Shape::JsonLines => "JSON Lines",
        }
    }
}

/// The file's columns and first rows, for choosing what each column holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    pub shape: Shape,
    pub header: Vec<String>,
    pub preview: Vec<Vec<String>>,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Member,
    Date,
    Type,
    Channel,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Member, Role::Date, Role::Type, Role::Channel];

    pub fn label(self) -> &'static str {
        match self {
            Role::Member => "Member",
            Role::Date => "Date",
            Role::Type => "Activity type",
            Role::Channel => "Channel",
        }
    }

    /// The label of the select that picks its column.
    pub fn column_label(self) -> String {
        match self {
            Role::Channel => "Channel column (optional)".to_string(),
            _ => format!("{} column", self.label()),
        }
    }

    /// Header words that name this role, in the order they are preferred.
    fn names(self) -> &'static [&'static str] {
        match self {
            Role::Member => &[
                "member",
                "member_id",
                "user",
                "user_id",
                "username",
                "login",
                "author",
                "actor",
                "actor_login",
                "actor.login",
                "user.login",
                "email",
                "person",
                "attendee",
                "name",
            ],
            Role::Date => &[
                "date",
                "timestamp",
                "time",
                "datetime",
                "created_at",
                "created",
                "occurred_at",
                "day",
                "ts",
                "when",
            ],
            Role::Type => &[
                "type",
                "activity",
                "activity_type",
                "action",
                "event",
                "event_type",
                "kind",
            ],
            Role::Channel => &[
                "channel",
                "room",
                "category",
                "forum",
                "repository",
                "repo",
                "repo.name",
                "space",
                "source",
            ],
        }
    }
}

/// Which column holds what; None: no such column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    pub member: Option<usize>,
    pub date: Option<usize>,
    pub kind: Option<usize>,
    pub channel: Option<usize>,
}

impl Mapping {
    pub fn get(&self, role: Role) -> Option<usize> {
        match role {
            Role::Member => self.member,
            Role::Date => self.date,
            Role::Type => self.kind,
            Role::Channel => self.channel,
        }
    }

    pub fn set(&mut self, role: Role, column: Option<usize>) {
        let slot = match role {
            Role::Member => &mut self.member,
            Role::Date => &mut self.date,
            Role::Type => &mut self.kind,
            Role::Channel => &mut self.channel,
        };
        *slot = column;
    }
}

/// How dates are read, chosen one step away from the mapping.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    pub slash: SlashOrder,
    pub zone: Zone,
}

/// A problem with the file, on one line (counting from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityProblem {
    pub line: usize,
    pub kind: ProblemKind,
}

/// Why a row or the file could not be read. No variant carries a member identifier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    Empty,
    TooLarge { bytes: usize },
    UnclosedQuote,
    TextAfterQuote,
    HeaderOnly,
    NoMemberColumn,
    NoDateColumn,
    SameColumnTwice { column: String },
    NotJsonObject,
    FieldCount { found: usize, needed: usize },
    MissingMember,
    MissingDate,
    NotADate { value: String },
    AmbiguousDate { value: String },
    Duplicate { first_line: usize },
}

impl fmt::Display for ActivityProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Line {}: ", self.line)?;
        match &self.kind {
            ProblemKind::Empty => write!(f, "nothing to read: choose or paste an activity file."),
            ProblemKind::TooLarge { bytes } => write!(
                f,
                "the file is {} MB, more than the {} MB an activity import reads.",
                bytes / (1024 * 1024),
                MAX_ACTIVITY_BYTES / (1024 * 1024)
            ),
            ProblemKind::UnclosedQuote => {
                write!(f, "a quoted field opens here and never closes (a missing \").")
            }
            ProblemKind::TextAfterQuote => write!(
                f,
                "text follows a closing quote; quote the whole field, writing a quote inside it as \"\"."
            ),
            ProblemKind::HeaderOnly => write!(f, "a header but no rows of activity."),
            ProblemKind::NoMemberColumn => write!(f, "choose the column that names the member."),
            ProblemKind::NoDateColumn => write!(f, "choose the column that holds the date."),
            ProblemKind::SameColumnTwice { column } => write!(
                f,
                "the column `{column}` is chosen for two roles; choose one column per role."
            ),
            ProblemKind::NotJsonObject => {
                write!(f, "not a JSON object; JSON Lines has one {{…}} per line. Skipped.")
            }
            ProblemKind::FieldCount { found, needed } => write!(
                f,
                "{found} field{}, but the chosen columns need {needed}. Skipped.",
                if *found == 1 { "" } else { "s" }
            ),
            ProblemKind::MissingMember => write!(f, "no member. Skipped."),
            ProblemKind::MissingDate => write!(f, "no date. Skipped."),
            ProblemKind::NotADate { value } => write!(
                f,
                "`{value}` is not a date Trellis reads (2026-03-05, 2026-03-05T14:02:00Z, \
                 05.03.2026, 3/5/2026). Skipped."
            ),
            ProblemKind::AmbiguousDate { value } => write!(
                f,
                "`{value}` could be month-first or day-first, and no date in the file tells; \
                 choose how slash dates are read. Skipped."
            ),
            ProblemKind::Duplicate { first_line } => write!(
                f,
                "the same as line {first_line} in every column; counted once."
            ),
        }
    }
}

/// Why rows were skipped, for the counts shown with the problems.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    NotJsonObject,
    FieldCount,
    MissingMember,
    MissingDate,
    NotADate,
    AmbiguousDate,
    Duplicate,
}

impl SkipReason {
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::NotJsonObject => "not a JSON object",
            SkipReason::FieldCount => "too few fields",
            SkipReason::MissingMember => "no member",
            SkipReason::MissingDate => "no date",
            SkipReason::NotADate => "a date Trellis does not read",
            SkipReason::AmbiguousDate => "a slash date that could be read two ways",
            SkipReason::Duplicate => "a duplicate of an earlier row (counted once)",
        }
    }

    fn of(kind: &ProblemKind) -> Option<SkipReason> {
        Some(match kind {
            ProblemKind::NotJsonObject => SkipReason::NotJsonObject,
            ProblemKind::FieldCount { .. } => SkipReason::FieldCount,
            ProblemKind::MissingMember => SkipReason::MissingMember,
            ProblemKind::MissingDate => SkipReason::MissingDate,
            ProblemKind::NotADate { .. } => SkipReason::NotADate,
            ProblemKind::AmbiguousDate { .. } => SkipReason::AmbiguousDate,
            ProblemKind::Duplicate { .. } => SkipReason::Duplicate,
            _ => return None,
        })
    }
}

/// One activity: numbers only. `member` numbers the file's members in the order first met;
/// `kind` and `channel` index [`Activities::types`] and [`Activities::channels`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Activity {
    pub member: u32,
    /// Days since 1 January of year 1 (`NaiveDate::num_days_from_ce`).
    pub day: i32,
    pub kind: u32,
    pub channel: u32,
    pub line: u32,
    /// Of the whole row, to tell a duplicate row from two activities.
    pub row_hash: u64,
}

/// Every activity of the file, sorted by member then day, without duplicates.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Activities {
    pub rows: Vec<Activity>,
    pub members: u32,
    /// The distinct activity types ("" where the row has none) and how many rows have each.
    pub types: Vec<(String, u64)>,
    pub channels: Vec<(String, u64)>,
    /// Rows of activity in the file (not counting the header and blank lines).
    pub rows_read: u64,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// Rows skipped, by reason.
    pub skipped: Vec<(SkipReason, u64)>,
    /// The first [`MAX_NAMED_PROBLEMS`] problems, by line.
    pub problems: Vec<ActivityProblem>,
    /// True when the file's rows were not in date order (they are read all the same).
    pub out_of_order: bool,
}

impl Activities {
    pub fn skipped_total(&self) -> u64 {
        self.skipped.iter().map(|(_, n)| n).sum()
    }
}

fn problem(line: usize, kind: ProblemKind) -> Vec<ActivityProblem> {
    vec![ActivityProblem { line, kind }]
}

fn read_error(e: ReadError) -> Vec<ActivityProblem> {
    match e {
        ReadError::UnclosedQuote { line } => problem(line, ProblemKind::UnclosedQuote),
        ReadError::TextAfterQuote { line } => problem(line, ProblemKind::TextAfterQuote),
    }
}

/// The shape of the text: JSON Lines when its first character (after blanks) is `{`.
pub fn shape_of(text: &str) -> Shape {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first_line.trim_start().starts_with('{') {
        Shape::JsonLines
    } else {
        Shape::Delimited(guess_separator(first_line))
    }
}

/// The header and the first rows.
pub fn read_head(text: &str) -> Result<Head, Vec<ActivityProblem>> {
    if text.len() > MAX_ACTIVITY_BYTES {
        return Err(problem(1, ProblemKind::TooLarge { bytes: text.len() }));
    }
    if text.trim().is_empty() {
        return Err(problem(1, ProblemKind::Empty));
    }
    let shape = shape_of(text);
    let mut header = Vec::new();
    let mut preview = Vec::new();
    match shape {
        Shape::Delimited(sep) => {
            let mut header_line = 1;
            visit_records(text, sep, |line, fields| {
                if header.is_empty() {
                    header = fields.to_vec();
                    header_line = line;
                    true
                } else {
                    preview.push(fields.to_vec());
                    preview.len() < PREVIEW_ROWS
                }
            })
            .map_err(read_error)?;
            if preview.is_empty() {
                return Err(problem(header_line, ProblemKind::HeaderOnly));
            }
        }
        Shape::JsonLines => {
            for (_, line) in json_lines(text) {
                // A line that is not an object is named when every row is read.
                let Ok(Value::Object(map)) = serde_json::from_str::<Value>(line) else {
                    continue;
                };
                if header.is_empty() {
                    flat_keys(&map, "", &mut header);
                }
                preview.push(header.iter().map(|k| json_cell(&map, k)).collect());
                if preview.len() == PREVIEW_ROWS {
                    break;
                }
            }
            if preview.is_empty() {
                let line = json_lines(text).next().map_or(1, |(i, _)| i);
                return Err(problem(line, ProblemKind::NotJsonObject));
            }
        }
    }
    Ok(Head {
        shape,
        header,
        preview,
    })
}

fn json_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
}

/// The keys of an object, nested objects' keys joined with dots.
fn flat_keys(map: &serde_json::Map<String, Value>, prefix: &str, out: &mut Vec<String>) {
    for (k, v) in map {
        let key = format!("{prefix}{k}");
        match v {
            Value::Object(inner) if !inner.is_empty() => flat_keys(inner, &format!("{key}."), out),
            _ => out.push(key),
        }
    }
}

/// The value at a dotted key as text ("" when absent or null).
fn json_cell(map: &serde_json::Map<String, Value>, key: &str) -> String {
    let value = map.get(key).or_else(|| {
        let mut parts = key.split('.');
        let mut v = map.get(parts.next()?)?;
        for p in parts {
            v = v.get(p)?;
        }
        Some(v)
    });
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(other) => other.to_string(),
    }
}

/// A guess of which column is what, from the header's words.
pub fn guess_mapping(header: &[String]) -> Mapping {
    let normal = |h: &str| h.trim().to_lowercase().replace([' ', '-'], "_");
    let headers: Vec<String> = header.iter().map(|h| normal(h)).collect();
    let mut mapping = Mapping::default();
    let mut taken = Vec::new();
    for role in Role::ALL {
        let found = role.names().iter().find_map(|name| {
            headers
                .iter()
                .position(|h| h == name)
                .filter(|i| !taken.contains(i))
        });
        if let Some(i) = found {
            taken.push(i);
            mapping.set(role, Some(i));
        }
    }
    mapping
}

/// Checks the mapping against the header: a member and a date column, one role per column.
pub fn check_mapping(head: &Head, mapping: &Mapping) -> Result<(), Vec<ActivityProblem>> {
    let mut problems = Vec::new();
    if mapping.member.is_none() {
        problems.push(ActivityProblem {
            line: 1,
            kind: ProblemKind::NoMemberColumn,
        });
    }
    if mapping.date.is_none() {
        problems.push(ActivityProblem {
            line: 1,
            kind: ProblemKind::NoDateColumn,
        });
    }
    let chosen: Vec<usize> = Role::ALL.iter().filter_map(|r| mapping.get(*r)).collect();
    for (i, c) in chosen.iter().enumerate() {
        if chosen[..i].contains(c) {
            problems.push(ActivityProblem {
                line: 1,
                kind: ProblemKind::SameColumnTwice {
                    column: head.header.get(*c).cloned().unwrap_or_default(),
                },
            });
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The cells of one row that the mapping reads.
struct Cells<'a> {
    member: &'a str,
    date: &'a str,
    kind: &'a str,
    channel: &'a str,
}

/// A row whose slash date waits for the file to settle which order slash dates are in.
struct Pending {
    line: usize,
    member: u32,
    kind: u32,
    channel: u32,
    row_hash: u64,
    date: String,
}

/// FNV-1a for the tables of members and types: the keys are short and come from the file
/// the user chose (no one to attack them), and SipHash would be most of the reading time.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        // FNV moves a change in the last bytes only into the middle bits; the table also
        // reads the top ones, so they are mixed in (MurmurHash3's finaliser).
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type FastMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

/// What is built while the rows are read.
#[derive(Default)]
struct Reader {
    members: FastMap<u32>,
    types: Interner,
    channels: Interner,
    rows: Vec<Activity>,
    pending: Vec<Pending>,
    /// Slash dates seen that show month-first, and day-first.
    hints: (u64, u64),
    rows_read: u64,
    skipped: HashMap<SkipReason, u64>,
    problems: Vec<ActivityProblem>,
    last_day: Option<i32>,
    out_of_order: bool,
}

#[derive(Default)]
struct Interner {
    index: FastMap<u32>,
    values: Vec<(String, u64)>,
}

impl Interner {
    fn get(&mut self, value: &str) -> u32 {
        if let Some(&i) = self.index.get(value) {
            self.values[i as usize].1 += 1;
            return i;
        }
        let i = self.values.len() as u32;
        self.index.insert(value.to_string(), i);
        self.values.push((value.to_string(), 1));
        i
    }
}

impl Reader {
    fn skip(&mut self, line: usize, kind: ProblemKind) {
        if let Some(reason) = SkipReason::of(&kind) {
            *self.skipped.entry(reason).or_default() += 1;
        }
        if self.problems.len() < MAX_NAMED_PROBLEMS {
            self.problems.push(ActivityProblem { line, kind });
        }
    }

    fn member(&mut self, id: &str) -> u32 {
        if let Some(&n) = self.members.get(id) {
            return n;
        }
        let n = self.members.len() as u32;
        self.members.insert(id.to_string(), n);
        n
    }

    fn row(&mut self, line: usize, cells: Cells, row_hash: u64, options: ReadOptions) {
        self.rows_read += 1;
        if cells.member.is_empty() {
            return self.skip(line, ProblemKind::MissingMember);
        }
        if cells.date.is_empty() {
            return self.skip(line, ProblemKind::MissingDate);
        }
        if options.slash == SlashOrder::FromFile {
            match slash_hint(cells.date) {
                Some(true) => self.hints.0 += 1,
                Some(false) => self.hints.1 += 1,
                None => {}
            }
        }
        let read = read_date(cells.date, options.slash, options.zone);
        if read == ReadDate::NotADate {
            return self.skip(
                line,
                ProblemKind::NotADate {
                    value: short(cells.date),
                },
            );
        }
        let member = self.member(cells.member);
        let kind = self.types.get(cells.kind);
        let channel = self.channels.get(cells.channel);
        match read {
            ReadDate::Day { day, .. } => self.push(line, member, day, kind, channel, row_hash),
            ReadDate::Ambiguous => self.pending.push(Pending {
                line,
                member,
                kind,
                channel,
                row_hash,
                date: cells.date.to_string(),
            }),
            // Skipped above, before the member was numbered.
            ReadDate::NotADate => {}
        }
    }

    fn push(
        &mut self,
        line: usize,
        member: u32,
        day: NaiveDate,
        kind: u32,
        channel: u32,
        row_hash: u64,
    ) {
        let day = day.num_days_from_ce();
        if self.last_day.is_some_and(|last| day < last) {
            self.out_of_order = true;
        }
        self.last_day = Some(day);
        self.rows.push(Activity {
            member,
            day,
            kind,
            channel,
            line: line.min(u32::MAX as usize) as u32,
            row_hash,
        });
    }

    /// Reads the rows whose slash dates waited, now that the file has shown its order (or not).
    fn settle_slash_dates(&mut self, zone: Zone) {
        let order = match self.hints {
            (m, 0) if m > 0 => SlashOrder::MonthFirst,
            (0, d) if d > 0 => SlashOrder::DayFirst,
            _ => SlashOrder::FromFile,
        };
        for p in std::mem::take(&mut self.pending) {
            match read_date(&p.date, order, zone) {
                ReadDate::Day { day, .. } => {
                    self.push(p.line, p.member, day, p.kind, p.channel, p.row_hash)
                }
                _ => self.skip(
                    p.line,
                    ProblemKind::AmbiguousDate {
                        value: short(&p.date),
                    },
                ),
            }
        }
    }

    fn finish(mut self) -> Activities {
        // Member then day, then the row: equal rows side by side, the earliest line first.
        self.rows
            .sort_unstable_by_key(|a| (a.member, a.day, a.row_hash, a.line));
        let mut duplicates = Vec::new();
        let mut kept: Vec<Activity> = Vec::with_capacity(self.rows.len());
        for a in std::mem::take(&mut self.rows) {
            match kept.last() {
                Some(k) if k.member == a.member && k.day == a.day && k.row_hash == a.row_hash => {
                    duplicates.push((a.line as usize, k.line as usize));
                }
                _ => kept.push(a),
            }
        }
        duplicates.sort_unstable();
        for (line, first_line) in duplicates {
            self.skip(line, ProblemKind::Duplicate { first_line });
        }
        self.problems.sort_by_key(|p| p.line);
        let mut skipped: Vec<(SkipReason, u64)> = self.skipped.into_iter().collect();
        skipped.sort();
        let first_date = kept.iter().map(|a| a.day).min();
        let last_date = kept.iter().map(|a| a.day).max();
        let day = |d: Option<i32>| d.and_then(NaiveDate::from_num_days_from_ce_opt);
        Activities {
            members: self.members.len() as u32,
            rows: kept,
            types: self.types.values,
            channels: self.channels.values,
            rows_read: self.rows_read,
            first_date: day(first_date),
            last_date: day(last_date),
            skipped,
            problems: self.problems,
            out_of_order: self.out_of_order,
        }
    }
}

/// A cell as a problem quotes it: at most 40 characters.
fn short(cell: &str) -> String {
    let mut out: String = cell.chars().take(40).collect();
    if cell.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// FNV-1a over a row's fields, separated by a unit separator.
fn hash_fields<'a>(fields: impl Iterator<Item = &'a str>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for f in fields {
        for b in f.bytes().chain(std::iter::once(0x1f)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// Reads every row by the mapping. Fails (with the problems) only when the mapping or the
/// file's structure is wrong; a bad row is skipped, named and counted.
pub fn read_activities(
    text: &str,
    head: &Head,
    mapping: &Mapping,
    options: ReadOptions,
) -> Result<Activities, Vec<ActivityProblem>> {
    check_mapping(head, mapping)?;
    let (Some(member_col), Some(date_col)) = (mapping.member, mapping.date) else {
        return Err(problem(1, ProblemKind::NoMemberColumn));
    };
    let needed = [mapping.member, mapping.date, mapping.kind, mapping.channel]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0)
        + 1;
    let mut reader = Reader::default();
    match head.shape {
        Shape::Delimited(sep) => {
            let mut header_seen = false;
            visit_records(text, sep, |line, fields| {
                if !header_seen {
                    header_seen = true;
                    return true;
                }
                if fields.len() < needed {
                    reader.rows_read += 1;
                    reader.skip(
                        line,
                        ProblemKind::FieldCount {
                            found: fields.len(),
                            needed,
                        },
                    );
                    return true;
                }
                let cell =
                    |c: Option<usize>| c.and_then(|c| fields.get(c)).map_or("", String::as_str);
                let cells = Cells {
                    member: &fields[member_col],
                    date: &fields[date_col],
                    kind: cell(mapping.kind),
                    channel: cell(mapping.channel),
                };
                let row_hash = hash_fields(fields.iter().map(String::as_str));
                reader.row(line, cells, row_hash, options);
                true
            })
            .map_err(read_error)?;
        }
        Shape::JsonLines => {
            let column = |c: Option<usize>| c.and_then(|c| head.header.get(c));
            for (line, text) in json_lines(text) {
                let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
                    reader.rows_read += 1;
                    reader.skip(line, ProblemKind::NotJsonObject);
                    continue;
                };
                let get =
                    |c: Option<usize>| column(c).map(|k| json_cell(&map, k)).unwrap_or_default();
                let (member, date, kind, channel) = (
                    get(Some(member_col)),
                    get(Some(date_col)),
                    get(mapping.kind),
                    get(mapping.channel),
                );
                let cells = Cells {
                    member: &member,
                    date: &date,
                    kind: &kind,
                    channel: &channel,
                };
                reader.row(line, cells, hash_fields(std::iter::once(text)), options);
            }
        }
    }
    if options.slash == SlashOrder::FromFile {
        reader.settle_slash_dates(options.zone);
    }
    Ok(reader.finish())
}
