//! Flows between two dates, per stage: how many members moved in, stayed, moved up, moved
//! down and left (counts only, no personal data). With flows, conversion is a real rate
//! (moved up ÷ were there), the bottleneck is the stage where that rate is lowest, and the
//! change in gravity splits into growth (joining and leaving) and movement between stages.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::core::plan::Extra;

use super::gravity::stage_weight;
use super::{Curve, Snapshot, StageCount, StageId};
use crate::core::csv::{guess_separator, read_records, ReadError};
use crate::core::goals::text::months_between;
use crate::core::goals::{smart_check_with, Goal, ObservedInflow, SmartCheck};
use crate::core::plan::Plan;

/// Flows recorded with a snapshot: from `since` to the snapshot's date.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Flows {
    pub since: NaiveDate,
    pub stages: Vec<StageFlow>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One stage's flows over the period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageFlow {
    pub stage_id: StageId,
    /// Arrived in the stage: new members, or from another stage.
    pub moved_in: u64,
    pub stayed: u64,
    /// Moved on to a stage further in.
    pub moved_up: u64,
    /// Moved back to a stage further out.
    pub moved_down: u64,
    /// Left the community.
    pub left: u64,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

impl StageFlow {
    /// Members in the stage at the start of the period.
    pub fn were_there(&self) -> u64 {
        self.stayed
            .saturating_add(self.moved_up)
            .saturating_add(self.moved_down)
            .saturating_add(self.left)
    }

    /// Members in the stage at the end of the period.
    pub fn are_there(&self) -> u64 {
        self.stayed.saturating_add(self.moved_in)
    }
}

impl Flows {
    pub fn stage(&self, stage_id: &str) -> Option<&StageFlow> {
        self.stages.iter().find(|f| f.stage_id == stage_id)
    }
}

/// The latest snapshot that records flows.
pub fn latest_flows(curve: &Curve) -> Option<(&Snapshot, &Flows)> {
    curve
        .snapshots
        .iter()
        .filter_map(|s| s.flows.as_ref().map(|f| (s, f)))
        .max_by_key(|(s, _)| s.date)
}

/// An observed rate: of the members at a stage at the start, how many moved up.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowRate {
    pub stage_id: StageId,
    pub were_there: u64,
    pub moved_up: u64,
    /// None when nobody was there.
    pub rate_pct: Option<f64>,
    pub since: NaiveDate,
    pub until: NaiveDate,
}

impl FlowRate {
    /// "Observed 2026-01-01 to 2026-04-01: 12 of 300 members at Participant moved up (4.0%)."
    pub fn sentence(&self, stage: &str) -> String {
        let rate = self
            .rate_pct
            .map_or("no rate: nobody was there".to_string(), |r| {
                format!("{r:.1}%")
            });
        format!(
            "Observed {} to {}: {} of {} members at {stage} moved up ({rate}).",
            self.since, self.until, self.moved_up, self.were_there
        )
    }
}

impl FlowRate {
    /// The bottleneck as a sentence: a share of members seen moving on.
    pub fn bottleneck_headline(&self, from: &str, to: &str) -> String {
        let rate = self
            .rate_pct
            .map_or("—".to_string(), |r| format!("{r:.1}%"));
        format!(
            "Bottleneck (observed flows, {} to {}): {from} → {to}. {} of {} members at {from} \
             moved up ({rate}), the lowest observed rate.",
            self.since, self.until, self.moved_up, self.were_there
        )
    }
}

/// The observed rate of every stage with flows except the innermost (which has nowhere to
/// move up to), in curve order.
pub fn flow_rates(curve: &Curve, snapshot: &Snapshot, flows: &Flows) -> Vec<FlowRate> {
    let n = curve.stages.len();
    curve
        .stages
        .iter()
        .take(n.saturating_sub(1))
        .filter_map(|s| {
            let f = flows.stage(&s.id)?;
            let were = f.were_there();
            Some(FlowRate {
                stage_id: s.id.clone(),
                were_there: were,
                moved_up: f.moved_up,
                rate_pct: (were > 0).then(|| f.moved_up as f64 * 100.0 / were as f64),
                since: flows.since,
                until: snapshot.date,
            })
        })
        .collect()
}

/// The fewest members a stage must start a flow period with before its observed rate can
/// name the bottleneck. A rule of thumb: below 20, one member more or less moves the rate by
/// five points or more.
pub const MIN_MEMBERS_FOR_BOTTLENECK: u64 = 20;

/// The stage whose observed rate of moving up is lowest (ties: the outer one), from the
/// latest flows, among stages that started the period with at least
/// [`MIN_MEMBERS_FOR_BOTTLENECK`] members; None without flows or without such a stage.
pub fn flow_bottleneck(curve: &Curve) -> Option<FlowRate> {
    let (snapshot, flows) = latest_flows(curve)?;
    let mut best: Option<FlowRate> = None;
    for r in flow_rates(curve, snapshot, flows) {
        if r.were_there < MIN_MEMBERS_FOR_BOTTLENECK {
            continue;
        }
        let Some(rate) = r.rate_pct else { continue };
        if best
            .as_ref()
            .and_then(|b| b.rate_pct)
            .is_none_or(|b| rate < b)
        {
            best = Some(r);
        }
    }
    best
}

/// Why the latest flows name no bottleneck, when they have rates but every stage started too
/// small; None otherwise.
pub fn flow_bottleneck_note(curve: &Curve) -> Option<String> {
    let (snapshot, flows) = latest_flows(curve)?;
    let rates = flow_rates(curve, snapshot, flows);
    let small = !rates.is_empty()
        && rates
            .iter()
            .all(|r| r.were_there < MIN_MEMBERS_FOR_BOTTLENECK);
    small.then(|| {
        format!(
            "The flows since {} name no bottleneck: every stage started the period with fewer \
             than {MIN_MEMBERS_FOR_BOTTLENECK} members, where one member more or less moves a \
             rate by five points or more (a rule of thumb).",
            flows.since
        )
    })
}

/// The observed rate into `stage_id` from the stage before it (the latest flows): what a
/// goal to grow that stage can count on from movement.
pub fn observed_rate_into(curve: &Curve, stage_id: &str) -> Option<FlowRate> {
    let index = curve.stage_index(stage_id)?;
    let before = curve.stages.get(index.checked_sub(1)?)?;
    let (snapshot, flows) = latest_flows(curve)?;
    flow_rates(curve, snapshot, flows)
        .into_iter()
        .find(|r| r.stage_id == before.id)
}

/// Members a month seen moving up into `stage_id` (the latest flows), for the SMART check of
/// a goal that grows the stage.
pub fn observed_inflow(curve: &Curve, stage_id: &str) -> Option<ObservedInflow> {
    let r = observed_rate_into(curve, stage_id)?;
    let months = months_between(r.since, r.until);
    (months > 0.0).then(|| ObservedInflow {
        per_month: r.moved_up as f64 / months,
        source: r.sentence(&stage_name(curve, &r.stage_id)),
    })
}

/// The SMART check of a goal in this plan: with the observed inflow into its stage when the
/// goal was seeded from one and the curve records flows.
pub fn smart_check_in(curve: &Curve, goal: &Goal, today: NaiveDate) -> SmartCheck {
    let inflow = goal
        .stage_id
        .as_deref()
        .and_then(|s| observed_inflow(curve, s));
    smart_check_with(goal, today, inflow.as_ref())
}

/// The change in weighted commitment over a flow period, split in two.
#[derive(Clone, Debug, PartialEq)]
pub struct GravitySplit {
    /// Σ weight² × (members at the end − members at the start).
    pub weighted_change: f64,
    /// From members joining and leaving.
    pub from_growth: f64,
    /// From members moving between stages, each move counted as one stage.
    pub from_movement: f64,
    pub members_at_end: u64,
}

impl GravitySplit {
    /// Gravity (change ÷ members at the end) and its two parts; None with no members.
    pub fn gravity(&self) -> Option<(f64, f64, f64)> {
        let m = self.members_at_end as f64;
        (self.members_at_end > 0).then(|| {
            (
                self.weighted_change / m,
                self.from_growth / m,
                self.from_movement / m,
            )
        })
    }
}

/// How the split is worked out, shown with it.
pub const SPLIT_EXPLAINED: &str = "Movement: each member who moved up or down is counted as \
moving one stage (a rule of thumb where a move skips stages), weighted by the difference of the \
two stages' weights squared. Growth: the rest of the change, from members joining and leaving.";

/// The split of the latest flows; None without flows.
pub fn gravity_split(curve: &Curve, flows: &Flows) -> GravitySplit {
    let n = curve.stages.len();
    let w2 = |i: usize| {
        let w = stage_weight(i, n);
        w * w
    };
    let mut change = 0.0;
    let mut movement = 0.0;
    let mut members = 0u64;
    for (i, s) in curve.stages.iter().enumerate() {
        let Some(f) = flows.stage(&s.id) else {
            continue;
        };
        members = members.saturating_add(f.are_there());
        change += w2(i) * (f.are_there() as f64 - f.were_there() as f64);
        if i + 1 < n {
            movement += f.moved_up as f64 * (w2(i + 1) - w2(i));
        }
        if i > 0 {
            movement += f.moved_down as f64 * (w2(i - 1) - w2(i));
        }
    }
    GravitySplit {
        weighted_change: change,
        from_growth: change - movement,
        from_movement: movement,
        members_at_end: members,
    }
}

/// A problem with flows typed or pasted, on a line (pasted) or for a stage (typed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowProblem {
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for FlowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "Line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

fn stage_name(curve: &Curve, id: &str) -> String {
    curve
        .stage(id)
        .map(|s| s.name.trim())
        .filter(|n| !n.is_empty())
        .unwrap_or("Untitled stage")
        .to_string()
}

/// The columns of flows, in the order typed and pasted.
pub const FLOW_COLUMNS: [&str; 5] = ["moved in", "stayed", "moved up", "moved down", "left"];

fn set(flow: &mut StageFlow, column: usize, value: u64) {
    match column {
        0 => flow.moved_in = value,
        1 => flow.stayed = value,
        2 => flow.moved_up = value,
        3 => flow.moved_down = value,
        _ => flow.left = value,
    }
}

/// A whole, non-negative count from typed text; empty is 0.
fn count(text: &str) -> Result<u64, String> {
    let t = text.trim().replace(['_', ' '], "");
    if t.is_empty() {
        return Ok(0);
    }
    t.parse::<u64>().map_err(|_| {
        format!(
            "`{}` is not a count; use a whole number like 12",
            text.trim()
        )
    })
}

/// Checks flows against the snapshots of the start and end dates, where there are any: a
/// stage's members at the start (stayed + moved up + moved down + left) must match its count
/// on the start date, and at the end (stayed + moved in) its count on the end date; the
/// innermost stage cannot move up, the outermost cannot move down; and when every stage has
/// flows, the arrivals (moved in) must be at least the moves between stages (moved up + moved
/// down), since every move lands in a stage.
fn check(
    curve: &Curve,
    since: NaiveDate,
    until: NaiveDate,
    stages: &[StageFlow],
) -> Vec<FlowProblem> {
    let mut problems = Vec::new();
    let mut add = |message: String| {
        problems.push(FlowProblem {
            line: None,
            message,
        })
    };
    if since >= until {
        add(format!(
            "The flows must start before the snapshot's date ({until}), not on {since}."
        ));
    }
    let existing = curve.snapshots.iter().find(|s| s.date == until);
    let start = curve.snapshots.iter().find(|s| s.date == since);
    let last = curve.stages.len().saturating_sub(1);
    for f in stages {
        let name = stage_name(curve, &f.stage_id);
        let index = curve.stage_index(&f.stage_id).unwrap_or(0);
        if index == last && f.moved_up > 0 {
            add(format!(
                "{name} is the innermost stage: nobody can move up from it."
            ));
        }
        if index == 0 && f.moved_down > 0 {
            add(format!(
                "{name} is the outermost stage: nobody can move down from it."
            ));
        }
        if let Some(counted) = start.and_then(|s| s.count_for(&f.stage_id)) {
            if counted != f.were_there() {
                add(format!(
                    "{name}: stayed + moved up + moved down + left is {}, but the snapshot of \
                     {since} counts {counted} at the start.",
                    f.were_there()
                ));
            }
        }
        if let Some(counted) = existing.and_then(|s| s.count_for(&f.stage_id)) {
            if counted != f.are_there() {
                add(format!(
                    "{name}: stayed + moved in is {}, but the snapshot of {until} counts {counted}.",
                    f.are_there()
                ));
            }
        }
    }
    let every_stage = !curve.stages.is_empty()
        && curve
            .stages
            .iter()
            .all(|s| stages.iter().any(|f| f.stage_id == s.id));
    if every_stage {
        let sum = |f: fn(&StageFlow) -> u64| stages.iter().map(f).fold(0u64, u64::saturating_add);
        let arrivals = sum(|f| f.moved_in);
        let moves = sum(|f| f.moved_up).saturating_add(sum(|f| f.moved_down));
        if arrivals < moves {
            add(format!(
                "Moved in adds up to {arrivals} across the stages, fewer than the {moves} who \
                 moved up or down: every move lands in a stage, so it counts as moved in there."
            ));
        }
    }
    problems
}

/// Flows typed into the form: per stage id, the five counts as text (empty means 0; a stage
/// left all empty is not recorded). Every problem is reported; nothing is returned unless all
/// is good.
pub fn typed_flows(
    curve: &Curve,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    typed: &[(String, [String; 5])],
) -> Result<(NaiveDate, Flows), Vec<FlowProblem>> {
    let mut problems = Vec::new();
    let mut stages = Vec::new();
    for (stage_id, cells) in typed {
        if curve.stage(stage_id).is_none() || cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut flow = StageFlow {
            stage_id: StageId::from(stage_id),
            ..StageFlow::default()
        };
        for (column, cell) in cells.iter().enumerate() {
            match count(cell) {
                Ok(v) => set(&mut flow, column, v),
                Err(why) => problems.push(FlowProblem {
                    line: None,
                    message: format!(
                        "{}, {}: {why}.",
                        stage_name(curve, stage_id),
                        FLOW_COLUMNS[column]
                    ),
                }),
            }
        }
        stages.push(flow);
    }
    finish(curve, since, until, stages, problems)
}

fn finish(
    curve: &Curve,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    stages: Vec<StageFlow>,
    mut problems: Vec<FlowProblem>,
) -> Result<(NaiveDate, Flows), Vec<FlowProblem>> {
    let plain = |message: &str| FlowProblem {
        line: None,
        message: message.to_string(),
    };
    if since.is_none() {
        problems.push(plain("Choose the date the flows start from."));
    }
    if until.is_none() {
        problems.push(plain(
            "Choose the date the flows run to (the snapshot's date).",
        ));
    }
    if problems.is_empty() && stages.is_empty() {
        problems.push(plain("Type at least one stage's flows."));
    }
    match (since, until) {
        (Some(since), Some(until)) if problems.is_empty() => {
            let more = check(curve, since, until, &stages);
            if more.is_empty() {
                Ok((
                    until,
                    Flows {
                        since,
                        stages,
                        extra: Default::default(),
                    },
                ))
            } else {
                Err(more)
            }
        }
        _ => Err(problems),
    }
}

/// Flows pasted as CSV or TSV: a header `stage,moved in,stayed,moved up,moved down,left`,
/// then a line per stage (by name, ignoring case, or id). Every problem names its line.
pub fn parse_flows_csv(
    curve: &Curve,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    text: &str,
) -> Result<(NaiveDate, Flows), Vec<FlowProblem>> {
    let at = |line: usize, message: String| FlowProblem {
        line: Some(line),
        message,
    };
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let records = match read_records(text, guess_separator(first)) {
        Ok(r) => r,
        Err(ReadError::UnclosedQuote { line }) => {
            return Err(vec![at(line, "a quoted field never closes.".into())])
        }
        Err(ReadError::TextAfterQuote { line }) => {
            return Err(vec![at(line, "text follows a closing quote.".into())])
        }
    };
    let Some((header, rows)) = records.split_first() else {
        return Err(vec![at(
            1,
            "nothing to import: paste a header and a line per stage.".into(),
        )]);
    };
    let normal = |h: &str| h.trim().to_lowercase().replace(['_', '-'], " ");
    let expected: Vec<String> = std::iter::once("stage")
        .chain(FLOW_COLUMNS)
        .map(String::from)
        .collect();
    let got: Vec<String> = header.fields.iter().map(|h| normal(h)).collect();
    if got != expected {
        return Err(vec![at(
            header.line,
            format!("expected the header `{}`.", expected.join(",")),
        )]);
    }
    let mut problems = Vec::new();
    let mut stages: Vec<StageFlow> = Vec::new();
    for row in rows {
        if row.fields.len() != expected.len() {
            problems.push(at(
                row.line,
                format!("{} fields where the header has 6.", row.fields.len()),
            ));
            continue;
        }
        let wanted = row.fields[0].trim();
        let Some(stage) = curve
            .stages
            .iter()
            .find(|s| s.id == wanted || s.name.trim().eq_ignore_ascii_case(wanted))
        else {
            problems.push(at(row.line, format!("no stage named `{wanted}`.")));
            continue;
        };
        if stages.iter().any(|f| f.stage_id == stage.id) {
            problems.push(at(
                row.line,
                format!(
                    "{} already has flows on an earlier line.",
                    stage.name.trim()
                ),
            ));
            continue;
        }
        let mut flow = StageFlow {
            stage_id: stage.id.clone(),
            ..StageFlow::default()
        };
        for (column, cell) in row.fields[1..].iter().enumerate() {
            match count(cell) {
                Ok(v) => set(&mut flow, column, v),
                Err(why) => problems.push(at(row.line, format!("{why}."))),
            }
        }
        stages.push(flow);
    }
    finish(curve, since, until, stages, problems)
}

/// Records flows with the snapshot of `until`: an existing snapshot keeps its counts and
/// gains the flows; otherwise a snapshot is made whose counts are the members at the end.
pub fn put_flows(plan: &mut Plan, until: NaiveDate, flows: Flows) {
    if let Some(s) = plan.curve.snapshots.iter_mut().find(|s| s.date == until) {
        for f in &flows.stages {
            if s.count_for(&f.stage_id).is_none() {
                s.counts.push(StageCount {
                    stage_id: f.stage_id.clone(),
                    count: f.are_there(),
                    extra: Default::default(),
                });
            }
        }
        s.flows = Some(flows);
        return;
    }
    let counts = flows
        .stages
        .iter()
        .map(|f| StageCount {
            stage_id: f.stage_id.clone(),
            count: f.are_there(),
            extra: Default::default(),
        })
        .collect();
    let id = plan.fresh_id("n");
    plan.curve.snapshots.push(Snapshot {
        id: id.into(),
        date: until,
        counts,
        flows: Some(flows),
        counted_from: None,
        extra: Default::default(),
    });
    plan.curve.snapshots.sort_by_key(|s| s.date);
}

#[cfg(test)]
mod tests;
