//! Bring your own ladder: tracks × levels × key areas × behaviours read from a spreadsheet
//! (CSV or TSV as it exports them) or from a Markdown table, one behaviour per row, and
//! written back in the same shape.
//!
//! Reading goes: the table ([`read_table`]), which column is what ([`guess_mapping`], which
//! the user can change), then the tracks ([`build_ladder`]), every problem naming its line.
//! Nothing touches the plan until [`add_ladder`].

use std::fmt;

use serde::Serialize;

use super::{Behaviour, Career, Family, KeyArea, Level, Scope, Track, TrackKind};
use crate::core::csv::{
    defuse_formula, guess_separator, read_records, ReadError, Record, FORMULA_STARTS,
};
use crate::core::ids::{LevelId, TrackId};
use crate::core::plan::Plan;

/// Largest ladder text read: far above any real ladder (a 10 × 10 × 10 ladder is ~100 KB).
pub const MAX_LADDER_BYTES: usize = 2 * 1024 * 1024;

/// What a column of the table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Track,
    Level,
    Title,
    Scope,
    KeyArea,
    Behaviour,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Track,
        Role::Level,
        Role::Title,
        Role::Scope,
        Role::KeyArea,
        Role::Behaviour,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Role::Track => "Track",
            Role::Level => "Level",
            Role::Title => "Title",
            Role::Scope => "Scope",
            Role::KeyArea => "Key area",
            Role::Behaviour => "Behaviour",
        }
    }

    /// Header words that name this role, lower case.
    fn names(self) -> &'static [&'static str] {
        match self {
            Role::Track => &["track", "ladder", "family", "job family"],
            Role::Level => &["level", "code", "grade", "band", "rank"],
            Role::Title => &["title", "job title", "role", "name"],
            Role::Scope => &["scope", "scope of influence", "influence"],
            Role::KeyArea => &[
                "key area",
                "area",
                "competency",
                "skill",
                "dimension",
                "pillar",
            ],
            Role::Behaviour => &[
                "behaviour",
                "behavior",
                "behaviours",
                "behaviors",
                "expectation",
                "expectations",
                "description",
            ],
        }
    }
}

/// A table read from text: its header, and its rows with their lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub header_line: usize,
    pub header: Vec<String>,
    pub rows: Vec<Record>,
}

/// Which column holds what; None: no such column.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Mapping {
    pub track: Option<usize>,
    pub level: Option<usize>,
    pub title: Option<usize>,
    pub scope: Option<usize>,
    pub key_area: Option<usize>,
    pub behaviour: Option<usize>,
}

impl Mapping {
    pub fn get(&self, role: Role) -> Option<usize> {
        match role {
            Role::Track => self.track,
            Role::Level => self.level,
            Role::Title => self.title,
            Role::Scope => self.scope,
            Role::KeyArea => self.key_area,
            Role::Behaviour => self.behaviour,
        }
    }

    pub fn set(&mut self, role: Role, column: Option<usize>) {
        let slot = match role {
            Role::Track => &mut self.track,
            Role::Level => &mut self.level,
            Role::Title => &mut self.title,
            Role::Scope => &mut self.scope,
            Role::KeyArea => &mut self.key_area,
            Role::Behaviour => &mut self.behaviour,
        };
        *slot = column;
    }
}

/// A problem with the ladder text, on one line (counting from 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LadderProblem {
    pub line: usize,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    Empty,
    TooLarge {
        bytes: usize,
    },
    UnclosedQuote,
    TextAfterQuote,
    /// A Markdown table without its `|---|` line under the header.
    NoSeparatorRow,
    HeaderOnly,
    FieldCount {
        found: usize,
        expected: usize,
    },
    NoLevelColumn,
    SameColumnTwice {
        column: String,
    },
    MissingLevel,
    BehaviourWithoutKeyArea,
    TitleConflict {
        level: String,
        title: String,
        first: String,
        first_line: usize,
    },
    ScopeConflict {
        level: String,
        first_line: usize,
    },
    UnknownScope {
        value: String,
    },
    DuplicateBehaviour {
        level: String,
        key_area: String,
        first_line: usize,
    },
}

impl fmt::Display for LadderProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Line {}: ", self.line)?;
        match &self.kind {
            ProblemKind::Empty => write!(f, "nothing to import: paste or choose a ladder."),
            ProblemKind::TooLarge { bytes } => write!(
                f,
                "the text is {} KB, more than the {} KB a ladder import reads.",
                bytes / 1024,
                MAX_LADDER_BYTES / 1024
            ),
            ProblemKind::UnclosedQuote => {
                write!(f, "a quoted field opens here and never closes (a missing \").")
            }
            ProblemKind::TextAfterQuote => write!(
                f,
                "text follows a closing quote; quote the whole field, writing a quote inside it as \"\"."
            ),
            ProblemKind::NoSeparatorRow => write!(
                f,
                "a Markdown table needs a line like |---|---| under its header."
            ),
            ProblemKind::HeaderOnly => write!(f, "a header but no rows: add one row per behaviour."),
            ProblemKind::FieldCount { found, expected } => write!(
                f,
                "{found} fields where the header has {expected}; check for a separator inside an unquoted field."
            ),
            ProblemKind::NoLevelColumn => {
                write!(f, "choose which column holds the level (e.g. \"C2\" or \"Senior\").")
            }
            ProblemKind::SameColumnTwice { column } => {
                write!(f, "the column \"{column}\" is chosen for two roles.")
            }
            ProblemKind::MissingLevel => write!(f, "this row has no level."),
            ProblemKind::BehaviourWithoutKeyArea => {
                write!(f, "a behaviour with no key area; say which key area it belongs to.")
            }
            ProblemKind::TitleConflict {
                level,
                title,
                first,
                first_line,
            } => write!(
                f,
                "level \"{level}\" is titled \"{title}\" here but \"{first}\" on line {first_line}."
            ),
            ProblemKind::ScopeConflict { level, first_line } => write!(
                f,
                "level \"{level}\" has a different scope here than on line {first_line}."
            ),
            ProblemKind::UnknownScope { value } => write!(
                f,
                "\"{value}\" is not a scope; use self, team, several teams, organisation, company or industry."
            ),
            ProblemKind::DuplicateBehaviour {
                level,
                key_area,
                first_line,
            } => write!(
                f,
                "level \"{level}\" already has a behaviour in \"{key_area}\" on line {first_line}."
            ),
        }
    }
}

fn problem(line: usize, kind: ProblemKind) -> LadderProblem {
    LadderProblem { line, kind }
}

fn is_markdown_row(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

fn is_separator_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// The cells of a Markdown table row: between the outer pipes, `\|` for a pipe in a cell.
fn markdown_cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = if t.ends_with('|') && !t.ends_with("\\|") {
        &t[..t.len() - 1]
    } else {
        t
    };
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cur).trim().to_string()),
            c => cur.push(c),
        }
    }
    cells.push(cur.trim().to_string());
    cells
}

fn read_markdown(text: &str) -> Result<Table, Vec<LadderProblem>> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .skip_while(|(_, l)| !is_markdown_row(l))
        .take_while(|(_, l)| is_markdown_row(l));
    let Some((header_line, header)) = lines.next() else {
        return Err(vec![problem(1, ProblemKind::Empty)]);
    };
    match lines.next() {
        Some((_, l)) if is_separator_row(l) => {}
        _ => return Err(vec![problem(header_line + 1, ProblemKind::NoSeparatorRow)]),
    }
    let rows = lines
        .map(|(line, l)| Record {
            line,
            fields: markdown_cells(l),
        })
        .collect();
    Ok(Table {
        header_line,
        header: markdown_cells(header),
        rows,
    })
}

/// Reads a ladder table: a Markdown table when the first non-blank line starts with `|`,
/// otherwise CSV or TSV (the separator guessed from the header).
pub fn read_table(text: &str) -> Result<Table, Vec<LadderProblem>> {
    if text.len() > MAX_LADDER_BYTES {
        return Err(vec![problem(
            1,
            ProblemKind::TooLarge { bytes: text.len() },
        )]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return Err(vec![problem(1, ProblemKind::Empty)]);
    };
    // A Markdown table may follow a line of text; a CSV row never looks like `|---|`.
    let markdown = is_markdown_row(first)
        || text
            .lines()
            .any(|l| is_markdown_row(l) && is_separator_row(l));
    let table = if markdown {
        read_markdown(text)?
    } else {
        let mut records = read_records(text, guess_separator(first)).map_err(|e| {
            vec![match e {
                ReadError::UnclosedQuote { line } => problem(line, ProblemKind::UnclosedQuote),
                ReadError::TextAfterQuote { line } => problem(line, ProblemKind::TextAfterQuote),
            }]
        })?;
        if records.is_empty() {
            return Err(vec![problem(1, ProblemKind::Empty)]);
        }
        let header = records.remove(0);
        Table {
            header_line: header.line,
            header: header.fields,
            rows: records,
        }
    };
    if table.rows.is_empty() {
        return Err(vec![problem(table.header_line, ProblemKind::HeaderOnly)]);
    }
    let expected = table.header.len();
    let problems: Vec<LadderProblem> = table
        .rows
        .iter()
        .filter(|r| r.fields.len() != expected)
        .map(|r| {
            problem(
                r.line,
                ProblemKind::FieldCount {
                    found: r.fields.len(),
                    expected,
                },
            )
        })
        .collect();
    if problems.is_empty() {
        Ok(table)
    } else {
        Err(problems)
    }
}

/// Which column is what, from the header's words; the user can change it.
pub fn guess_mapping(header: &[String]) -> Mapping {
    let mut mapping = Mapping::default();
    let mut taken = Vec::new();
    for role in Role::ALL {
        let found = header.iter().enumerate().position(|(i, h)| {
            let h = h.trim().to_lowercase();
            !taken.contains(&i) && role.names().contains(&h.as_str())
        });
        if let Some(i) = found {
            taken.push(i);
            mapping.set(role, Some(i));
        }
    }
    mapping
}

/// A scope written in a ladder: its label or key, any case; "organization" too.
pub fn parse_scope(text: &str) -> Option<Scope> {
    let t = text.trim().to_lowercase().replace(['_', '-'], " ");
    let t = t.replace("organization", "organisation");
    Scope::ALL
        .into_iter()
        .find(|s| s.label().to_lowercase() == t || (t == "one self" && *s == Scope::OneSelf))
}

/// A ladder read from a table, before it is added to a plan (ids are filled in then).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Ladder {
    pub tracks: Vec<Track>,
    /// The table had no scope column: every level starts at scope Self.
    pub scope_missing: bool,
}

impl Ladder {
    /// "2 tracks, 12 levels, 8 key areas, 48 behaviours".
    pub fn summary(&self) -> String {
        let levels: usize = self.tracks.iter().map(|t| t.levels.len()).sum();
        let areas: usize = self.tracks.iter().map(|t| t.key_areas.len()).sum();
        let behaviours: usize = self
            .tracks
            .iter()
            .flat_map(|t| &t.key_areas)
            .map(|a| a.behaviours.len())
            .sum();
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        format!(
            "{}, {}, {}, {}",
            n(self.tracks.len(), "track", "tracks"),
            n(levels, "level", "levels"),
            n(areas, "key area", "key areas"),
            n(behaviours, "behaviour", "behaviours")
        )
    }
}

/// Where a level, key area or behaviour was first seen, to name the line of a conflict.
struct Seen {
    /// (track, level, line, whether a scope was given for it yet)
    level_lines: Vec<(usize, usize, usize, bool)>,
    behaviour_lines: Vec<(usize, usize, usize, usize)>, // (track, area, level, line)
}

/// The tracks a table describes, one behaviour per row, under `mapping`. Without a track
/// column every row belongs to one track named `track_name`. Levels rank in the order they
/// first appear. Every problem is reported, each with its line.
pub fn build_ladder(
    table: &Table,
    mapping: &Mapping,
    track_name: &str,
) -> Result<Ladder, Vec<LadderProblem>> {
    let mut problems = Vec::new();
    let Some(level_col) = mapping.level else {
        return Err(vec![problem(table.header_line, ProblemKind::NoLevelColumn)]);
    };
    let chosen: Vec<usize> = Role::ALL.iter().filter_map(|r| mapping.get(*r)).collect();
    for (i, c) in chosen.iter().enumerate() {
        if chosen[..i].contains(c) {
            let column = table.header.get(*c).cloned().unwrap_or_default();
            return Err(vec![problem(
                table.header_line,
                ProblemKind::SameColumnTwice { column },
            )]);
        }
    }
    let cell = |r: &Record, col: Option<usize>| -> String {
        let text = col.and_then(|c| r.fields.get(c)).map_or("", |s| s.trim());
        // A cell this export defused (`'=x`) reads as what was written (`=x`).
        match text.strip_prefix('\'') {
            Some(rest) if rest.starts_with(FORMULA_STARTS) => rest.to_string(),
            _ => text.to_string(),
        }
    };
    let mut ladder = Ladder {
        tracks: Vec::new(),
        scope_missing: mapping.scope.is_none(),
    };
    let mut seen = Seen {
        level_lines: Vec::new(),
        behaviour_lines: Vec::new(),
    };
    for row in &table.rows {
        let line = row.line;
        let level_name = cell(row, Some(level_col));
        if level_name.is_empty() {
            problems.push(problem(line, ProblemKind::MissingLevel));
            continue;
        }
        let track_cell = cell(row, mapping.track);
        let track_label = if track_cell.is_empty() {
            track_name.trim().to_string()
        } else {
            track_cell
        };
        let t = match ladder.tracks.iter().position(|t| t.name == track_label) {
            Some(t) => t,
            None => {
                ladder.tracks.push(Track {
                    name: track_label,
                    family: Family::Other,
                    kind: TrackKind::IndividualContributor,
                    ..Track::default()
                });
                ladder.tracks.len() - 1
            }
        };
        let scope_cell = cell(row, mapping.scope);
        let scope = if scope_cell.is_empty() {
            None
        } else {
            match parse_scope(&scope_cell) {
                Some(s) => Some(s),
                None => {
                    problems.push(problem(
                        line,
                        ProblemKind::UnknownScope { value: scope_cell },
                    ));
                    None
                }
            }
        };
        let title_cell = cell(row, mapping.title);
        let track = &mut ladder.tracks[t];
        let l = match track.levels.iter().position(|l| l.code == level_name) {
            Some(l) => {
                let first = seen
                    .level_lines
                    .iter_mut()
                    .find(|(st, sl, _, _)| *st == t && *sl == l);
                let first_line = first.as_ref().map_or(line, |s| s.2);
                let had_scope = first.is_some_and(|s| {
                    let had = s.3;
                    s.3 |= scope.is_some();
                    had
                });
                let level = &mut track.levels[l];
                if !title_cell.is_empty() && level.title != title_cell {
                    if level.title.is_empty() || level.title == level.code {
                        level.title = title_cell;
                    } else {
                        problems.push(problem(
                            line,
                            ProblemKind::TitleConflict {
                                level: level_name.clone(),
                                title: title_cell,
                                first: level.title.clone(),
                                first_line,
                            },
                        ));
                    }
                }
                if let Some(s) = scope {
                    if !had_scope {
                        level.scope = s;
                    } else if level.scope != s {
                        problems.push(problem(
                            line,
                            ProblemKind::ScopeConflict {
                                level: level_name.clone(),
                                first_line,
                            },
                        ));
                    }
                }
                l
            }
            None => {
                let level = Level {
                    code: level_name.clone(),
                    title: if title_cell.is_empty() {
                        level_name.clone()
                    } else {
                        title_cell
                    },
                    rank: track.levels.len() as u32 + 1,
                    scope: scope.unwrap_or_default(),
                    ..Level::default()
                };
                track.levels.push(level);
                seen.level_lines
                    .push((t, track.levels.len() - 1, line, scope.is_some()));
                track.levels.len() - 1
            }
        };
        let area_name = cell(row, mapping.key_area);
        let behaviour = cell(row, mapping.behaviour);
        if area_name.is_empty() {
            if !behaviour.is_empty() {
                problems.push(problem(line, ProblemKind::BehaviourWithoutKeyArea));
            }
            continue;
        }
        let a = match track
            .key_areas
            .iter()
            .position(|a| a.name.eq_ignore_ascii_case(&area_name))
        {
            Some(a) => a,
            None => {
                track.key_areas.push(KeyArea {
                    name: area_name.clone(),
                    ..KeyArea::default()
                });
                track.key_areas.len() - 1
            }
        };
        if behaviour.is_empty() {
            continue;
        }
        if let Some(first) = seen
            .behaviour_lines
            .iter()
            .find(|(st, sa, sl, _)| *st == t && *sa == a && *sl == l)
        {
            problems.push(problem(
                line,
                ProblemKind::DuplicateBehaviour {
                    level: level_name,
                    key_area: track.key_areas[a].name.clone(),
                    first_line: first.3,
                },
            ));
            continue;
        }
        seen.behaviour_lines.push((t, a, l, line));
        // The level's position stands in for its id until the ladder is added to a plan.
        track.key_areas[a].behaviours.push(Behaviour {
            level_id: l.to_string().into(),
            text: behaviour,
            ..Behaviour::default()
        });
    }
    if problems.is_empty() {
        Ok(ladder)
    } else {
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

/// Adds the ladder's tracks to the plan with fresh ids; returns the new tracks' ids.
pub fn add_ladder(plan: &mut Plan, ladder: Ladder) -> Vec<TrackId> {
    let mut ids = Vec::new();
    for mut track in ladder.tracks {
        track.id = plan.fresh_id("t").into();
        let level_ids: Vec<LevelId> = track
            .levels
            .iter_mut()
            .map(|l| {
                l.id = plan.fresh_id("l").into();
                l.id.clone()
            })
            .collect();
        for area in &mut track.key_areas {
            area.id = plan.fresh_id("k").into();
            for b in &mut area.behaviours {
                b.id = plan.fresh_id("b").into();
                b.level_id = b
                    .level_id
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| level_ids.get(i).cloned())
                    .unwrap_or_default();
            }
            area.behaviours.retain(|b| !b.level_id.is_empty());
        }
        ids.push(track.id.clone());
        plan.career.tracks.push(track);
    }
    ids
}

/// Quotes a CSV field when it needs it, after defusing a formula start.
fn field(text: &str) -> String {
    let defused = defuse_formula(text);
    if defused.contains([',', '"', '\r', '\n', ';', '\t']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// The worksheet's tracks in the shape [`build_ladder`] reads: one row per level and key
/// area, CRLF line ends as spreadsheets write them.
pub fn ladder_csv(career: &Career) -> String {
    let mut out = String::from("Track,Level,Title,Scope,Key area,Behaviour\r\n");
    for track in &career.tracks {
        let mut levels: Vec<&Level> = track.levels.iter().collect();
        levels.sort_by_key(|l| l.rank);
        for level in levels {
            let code = if level.code.trim().is_empty() {
                &level.title
            } else {
                &level.code
            };
            let start = [
                field(&track.name),
                field(code),
                field(&level.title),
                field(level.scope.label()),
            ]
            .join(",");
            if track.key_areas.is_empty() {
                out += &format!("{start},,\r\n");
            }
            for area in &track.key_areas {
                let text = area
                    .behaviours
                    .iter()
                    .find(|b| b.level_id == level.id)
                    .map_or("", |b| b.text.as_str());
                out += &format!("{start},{},{}\r\n", field(&area.name), field(text));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
