//! Members per stage on chosen dates, and the flows between consecutive dates, member by
//! member, from the file's activities and the plan's rules.
//!
//! One pass over the activities, which are sorted by member then day: for each member, each
//! date and each rule (highest stage first), the activities in the rule's window are found by
//! binary search in that member's own rows. No date rescans the file.

use chrono::{Datelike, Months, NaiveDate};

use super::read::Activities;
use super::rules::{rules_highest_first, sentences, MAX_DAYS};
use super::{fingerprint, ActivityRules, CountedFrom};
use crate::core::curve::flows::{Flows, StageFlow};
use crate::core::curve::{Curve, Snapshot, StageCount, StageId};
use crate::core::plan::Plan;

/// Most dates counted at once.
pub const MAX_DATES: usize = 12;

/// The default dates: the last day of each month the file covers (a month whose last day is
/// on or before the file's last date), the latest [`MAX_DATES`]; the file's last date when it
/// covers no month's end.
pub fn default_dates(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    let mut month_start = first.with_day(1).unwrap_or(first);
    while month_start <= last {
        let Some(next) = month_start.checked_add_months(Months::new(1)) else {
            break;
        };
        let Some(end) = next.pred_opt() else { break };
        if end >= first && end <= last {
            dates.push(end);
        }
        month_start = next;
    }
    if dates.is_empty() {
        dates.push(last);
    }
    let skip = dates.len().saturating_sub(MAX_DATES);
    dates.split_off(skip)
}

/// One date's counts, and the flows since the date before it (None for the first).
#[derive(Clone, Debug, PartialEq)]
pub struct DateCount {
    pub date: NaiveDate,
    /// Per stage with a rule, in curve order.
    pub counts: Vec<StageCount>,
    pub flows: Option<Flows>,
    /// Members in a stage on the date who were in none on the date before.
    pub new: u64,
    /// Members in any stage on the date.
    pub active: u64,
}

/// The counts of every date, ready for [`add_counts`].
#[derive(Clone, Debug, PartialEq)]
pub struct Counted {
    pub dates: Vec<DateCount>,
    pub counted_from: CountedFrom,
    pub rules: ActivityRules,
}

/// What the rules could not count by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CountProblem {
    NoRules,
    NoDates,
    TooManyDates,
}

impl std::fmt::Display for CountProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CountProblem::NoRules => f.write_str("Give at least one stage a rule to count by."),
            CountProblem::NoDates => f.write_str("Choose at least one date to count on."),
            CountProblem::TooManyDates => {
                write!(f, "Choose at most {MAX_DATES} dates to count on.")
            }
        }
    }
}

/// A rule as the count applies it.
struct Compiled {
    stage: usize,
    min: usize,
    days: i32,
    /// Per activity type of the file: whether the rule counts it; None: every type.
    types: Option<Vec<bool>>,
}

/// Counts members per stage on each date (sorted, duplicates dropped) and the flows between
/// consecutive dates. `channels`, when given, is per channel of the file whether it counts.
pub fn count(
    curve: &Curve,
    rules: &ActivityRules,
    activities: &Activities,
    dates: &[NaiveDate],
    channels: Option<&[bool]>,
    file_name: &str,
) -> Result<Counted, CountProblem> {
    let mut dates: Vec<NaiveDate> = dates.to_vec();
    dates.sort_unstable();
    dates.dedup();
    if dates.is_empty() {
        return Err(CountProblem::NoDates);
    }
    if dates.len() > MAX_DATES {
        return Err(CountProblem::TooManyDates);
    }
    let compiled: Vec<Compiled> = rules_highest_first(curve, rules)
        .into_iter()
        .map(|(stage, _, rule)| Compiled {
            stage,
            min: rule.min_activities.max(1) as usize,
            // A plan written elsewhere may hold any number: the window stays in range.
            days: rule.days.clamp(1, MAX_DAYS) as i32,
            types: (!rule.types.is_empty()).then(|| {
                activities
                    .types
                    .iter()
                    .map(|(t, _)| rule.types.iter().any(|r| r.trim().eq_ignore_ascii_case(t)))
                    .collect()
            }),
        })
        .collect();
    if compiled.is_empty() {
        return Err(CountProblem::NoRules);
    }
    let days: Vec<i32> = dates.iter().map(|d| d.num_days_from_ce()).collect();
    let n_stages = curve.stages.len();
    // counts[date][stage]; flows[date][stage] (date 0 has none).
    let mut counts = vec![vec![0u64; n_stages]; dates.len()];
    let mut flows = vec![vec![StageFlow::default(); n_stages]; dates.len()];
    let mut new = vec![0u64; dates.len()];
    let mut stage_on: Vec<Option<usize>> = vec![None; dates.len()];
    let rows = &activities.rows;
    let mut start = 0;
    while start < rows.len() {
        let member = rows[start].member;
        let end = start + rows[start..].partition_point(|a| a.member == member);
        let mine = &rows[start..end];
        for (j, &day) in days.iter().enumerate() {
            stage_on[j] = stage_of(mine, day, &compiled, channels);
        }
        for j in 0..days.len() {
            if let Some(s) = stage_on[j] {
                counts[j][s] += 1;
            }
            if j == 0 {
                continue;
            }
            let flow = &mut flows[j];
            match (stage_on[j - 1], stage_on[j]) {
                (None, None) => {}
                (None, Some(c)) => {
                    flow[c].moved_in += 1;
                    new[j] += 1;
                }
                (Some(p), None) => flow[p].left += 1,
                (Some(p), Some(c)) if p == c => flow[p].stayed += 1,
                (Some(p), Some(c)) => {
                    if c > p {
                        flow[p].moved_up += 1;
                    } else {
                        flow[p].moved_down += 1;
                    }
                    flow[c].moved_in += 1;
                }
            }
        }
        start = end;
    }
    let ruled: Vec<usize> = {
        let mut r: Vec<usize> = compiled.iter().map(|c| c.stage).collect();
        r.sort_unstable();
        r
    };
    let stage_id = |i: usize| -> StageId { curve.stages[i].id.clone() };
    let mut out = Vec::with_capacity(dates.len());
    for (j, &date) in dates.iter().enumerate() {
        let stage_counts: Vec<StageCount> = ruled
            .iter()
            .map(|&i| StageCount {
                stage_id: stage_id(i),
                count: counts[j][i],
                extra: Default::default(),
            })
            .collect();
        let stage_flows = (j > 0).then(|| Flows {
            since: dates[j - 1],
            stages: ruled
                .iter()
                .map(|&i| StageFlow {
                    stage_id: stage_id(i),
                    ..flows[j][i].clone()
                })
                .collect(),
            extra: Default::default(),
        });
        out.push(DateCount {
            date,
            active: stage_counts.iter().map(|c| c.count).sum(),
            counts: stage_counts,
            flows: stage_flows,
            new: new[j],
        });
    }
    Ok(Counted {
        dates: out,
        counted_from: CountedFrom {
            file_name: file_name.trim().to_string(),
            rows: activities.rows_read,
            first_date: activities.first_date,
            last_date: activities.last_date,
            rules: sentences(curve, rules),
            ..CountedFrom::default()
        },
        rules: rules.clone(),
    })
}

/// The highest stage whose rule the member meets on `day`, from the member's activities
/// (sorted by day).
fn stage_of(
    mine: &[super::read::Activity],
    day: i32,
    rules: &[Compiled],
    channels: Option<&[bool]>,
) -> Option<usize> {
    let until = mine.partition_point(|a| a.day <= day);
    for rule in rules {
        // The window is the date itself and the `days - 1` days before it.
        let from = mine[..until].partition_point(|a| a.day <= day - rule.days);
        let window = &mine[from..until];
        if window.len() < rule.min {
            continue;
        }
        let counts = |a: &super::read::Activity| {
            rule.types
                .as_ref()
                .is_none_or(|t| t.get(a.kind as usize).copied().unwrap_or(false))
                && channels.is_none_or(|c| c.get(a.channel as usize).copied().unwrap_or(false))
        };
        let met = if rule.types.is_none() && channels.is_none() {
            true
        } else {
            window.iter().filter(|a| counts(a)).take(rule.min).count() == rule.min
        };
        if met {
            return Some(rule.stage);
        }
    }
    None
}

/// What confirming will do to the plan's snapshots: the dates whose snapshot it replaces.
pub fn replaced_dates(curve: &Curve, counted: &Counted) -> Vec<NaiveDate> {
    counted
        .dates
        .iter()
        .filter(|d| curve.snapshots.iter().any(|s| s.date == d.date))
        .map(|d| d.date)
        .collect()
}

/// Adds the counted snapshots and flows to the plan (a date that has a snapshot has it
/// replaced) and keeps the rules with the curve. Returns the snapshot ids in date order.
pub fn add_counts(plan: &mut Plan, counted: Counted) -> Vec<String> {
    let mut ids = Vec::new();
    for d in counted.dates {
        let mut marker = counted.counted_from.clone();
        marker.fingerprint = fingerprint(&d.counts, d.flows.as_ref());
        if let Some(s) = plan.curve.snapshots.iter_mut().find(|s| s.date == d.date) {
            s.counts = d.counts;
            s.flows = d.flows;
            s.counted_from = Some(marker);
            ids.push(s.id.to_string());
            continue;
        }
        let id = plan.fresh_id("n");
        plan.curve.snapshots.push(Snapshot {
            id: id.clone().into(),
            date: d.date,
            counts: d.counts,
            flows: d.flows,
            counted_from: Some(marker),
            extra: Default::default(),
        });
        ids.push(id);
    }
    plan.curve.snapshots.sort_by_key(|s| s.date);
    let mut rules = counted.rules;
    if let Some(old) = &plan.curve.activity_rules {
        if rules.extra.is_empty() {
            rules.extra = old.extra.clone();
        }
    }
    plan.curve.activity_rules = Some(rules);
    ids
}
