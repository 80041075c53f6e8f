//! The SMART check: each criterion gets pass / needs work / missing with messages that
//! say exactly what to change.

use chrono::NaiveDate;
use serde::Serialize;

use super::catalog::{catalog_metric, totalling_mismatch, MetricKind};
use super::forecast::trend_from_baseline;
use super::text::{
    capitalise, clause, format_date, format_number, format_signed, format_value, months_between,
    placeholders, quote_placeholders, with_unit, words,
};
use super::{Direction, Goal, GoalStatus, Totalling};

/// A goal whose required pace is more than this multiple of the pace seen since the
/// baseline (the baseline and the check-ins) is
/// flagged: doubling a team's observed pace rarely happens without a change of plan.
pub const MAX_REQUIRED_TO_OBSERVED_RATIO: f64 = 2.0;

/// Compound growth per month above which an increase is flagged. 10% a month is 3.1× a
/// year; community metrics (members, contributors, attendees) rarely sustain more once
/// past the first few dozen people. Not applied to running totals: they grow by
/// addition, so their relative growth says nothing about the pace of the work.
pub const MAX_RELATIVE_GROWTH_PER_MONTH: f64 = 0.10;

/// Compound reduction per month above which a decrease is flagged. Process changes (a
/// triage rotation, saved replies) can cut times fast, so this is looser than growth:
/// 20% a month halves a value in about three months.
pub const MAX_RELATIVE_DECLINE_PER_MONTH: f64 = 0.20;

/// An objective needs at least a verb and an object.
pub const MIN_OBJECTIVE_WORDS: usize = 2;

/// Verbs that say something should get better without saying what or which way.
pub const VAGUE_VERBS: &[&str] = &[
    "improve",
    "engage",
    "support",
    "enhance",
    "foster",
    "promote",
    "empower",
    "nurture",
    "strengthen",
    "optimize",
    "optimise",
    "encourage",
    "help",
    "boost",
    "drive",
    "leverage",
    "facilitate",
    "elevate",
];

/// Verbs that say what the team will do; used to spot a second objective in one goal.
pub const ACTION_VERBS: &[&str] = &[
    "increase",
    "grow",
    "raise",
    "double",
    "triple",
    "reduce",
    "decrease",
    "cut",
    "lower",
    "halve",
    "shorten",
    "launch",
    "publish",
    "ship",
    "host",
    "run",
    "hold",
    "recruit",
    "onboard",
    "retain",
    "convert",
    "reach",
    "achieve",
    "keep",
    "maintain",
    "hire",
    "train",
    "certify",
    "answer",
    "resolve",
    "release",
    "write",
    "record",
    "create",
    "translate",
    "migrate",
    "expand",
    "attract",
    "activate",
    "deliver",
    "establish",
    "start",
    "sustain",
    "speed",
    "organise",
    "organize",
];

/// Verbs whose object is the team's own output (posts, tutorials, events).
pub const OUTPUT_VERBS: &[&str] = &[
    "publish", "write", "post", "host", "hold", "run", "record", "ship", "release", "produce",
    "send", "organise", "organize", "create", "make", "film", "stream", "present", "deliver",
];

/// Words that start a noun phrase rather than an action.
pub const NON_VERB_STARTS: &[&str] = &[
    "a",
    "an",
    "the",
    "our",
    "more",
    "better",
    "new",
    "higher",
    "lower",
    "fewer",
    "less",
    "greater",
    "bigger",
    "faster",
    "community",
    "members",
    "users",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    Specific,
    Measurable,
    Achievable,
    Relevant,
    TimeBound,
}

impl Criterion {
    pub const ALL: [Criterion; 5] = [
        Criterion::Specific,
        Criterion::Measurable,
        Criterion::Achievable,
        Criterion::Relevant,
        Criterion::TimeBound,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Criterion::Specific => "Specific",
            Criterion::Measurable => "Measurable",
            Criterion::Achievable => "Achievable",
            Criterion::Relevant => "Relevant",
            Criterion::TimeBound => "Time-bound",
        }
    }
}

/// Ordered from best to worst, so the worst finding decides a criterion's verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    #[default]
    Pass,
    NeedsWork,
    Missing,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "Pass",
            Verdict::NeedsWork => "Needs work",
            Verdict::Missing => "Missing",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriterionCheck {
    pub criterion: Criterion,
    pub verdict: Verdict,
    /// On a pass, one sentence saying why; otherwise one sentence per thing to fix.
    pub messages: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SmartCheck {
    /// Always the five criteria, in S-M-A-R-T order.
    pub criteria: Vec<CriterionCheck>,
}

impl SmartCheck {
    pub fn get(&self, criterion: Criterion) -> Option<&CriterionCheck> {
        self.criteria.iter().find(|c| c.criterion == criterion)
    }

    pub fn passes(&self) -> bool {
        self.criteria.iter().all(|c| c.verdict == Verdict::Pass)
    }

    /// How many of the five criteria pass.
    pub fn passed(&self) -> usize {
        self.criteria
            .iter()
            .filter(|c| c.verdict == Verdict::Pass)
            .count()
    }
}

struct Findings {
    criterion: Criterion,
    items: Vec<(Verdict, String)>,
}

impl Findings {
    fn new(criterion: Criterion) -> Self {
        Findings {
            criterion,
            items: Vec::new(),
        }
    }

    fn missing(&mut self, message: impl Into<String>) {
        self.items.push((Verdict::Missing, message.into()));
    }

    fn needs_work(&mut self, message: impl Into<String>) {
        self.items.push((Verdict::NeedsWork, message.into()));
    }

    fn placeholders_in(&mut self, text: &str, place: &str) {
        let found = placeholders(text);
        if !found.is_empty() {
            self.needs_work(format!(
                "Replace {} in {place} with your own words.",
                quote_placeholders(&found)
            ));
        }
    }

    fn finish(self, pass: impl FnOnce() -> String) -> CriterionCheck {
        let verdict = self
            .items
            .iter()
            .map(|(v, _)| *v)
            .max()
            .unwrap_or(Verdict::Pass);
        let messages = if self.items.is_empty() {
            vec![pass()]
        } else {
            self.items.into_iter().map(|(_, m)| m).collect()
        };
        CriterionCheck {
            criterion: self.criterion,
            verdict,
            messages,
        }
    }
}

/// Checks a goal against all five SMART criteria as of `today`.
pub fn smart_check(goal: &Goal, today: NaiveDate) -> SmartCheck {
    smart_check_with(goal, today, None)
}

/// Members seen moving into the stage a goal grows, from flows recorded on the curve.
#[derive(Clone, Debug, PartialEq)]
pub struct ObservedInflow {
    /// Members a month who moved up into the stage from the one before it.
    pub per_month: f64,
    /// Where the figure comes from, as a sentence.
    pub source: String,
}

/// [`smart_check`], with the observed inflow into the goal's stage when there is one: the
/// Achievable check then sets the pace the target needs against the members seen moving in.
pub fn smart_check_with(
    goal: &Goal,
    today: NaiveDate,
    inflow: Option<&ObservedInflow>,
) -> SmartCheck {
    SmartCheck {
        criteria: vec![
            specific(goal),
            measurable(goal),
            achievable(goal, today, inflow),
            relevant(goal),
            time_bound(goal, today),
        ],
    }
}

fn metric_name(goal: &Goal) -> String {
    let name = goal.metric.name.trim();
    if name.is_empty() {
        "the metric".to_string()
    } else {
        name.to_string()
    }
}

fn specific(goal: &Goal) -> CriterionCheck {
    let mut f = Findings::new(Criterion::Specific);
    let text = goal.objective.trim();
    let all = words(text);
    let Some(first) = all.first() else {
        f.missing("Write the objective as an action verb and what it changes, e.g. 'increase monthly active contributors'.");
        return f.finish(String::new);
    };
    let first = first.as_str();
    if first == "to" {
        f.needs_work("Drop the leading 'to': the statement already reads 'Our goal is to …'.");
    } else if VAGUE_VERBS.contains(&first) && goal.metric.name.trim().is_empty() {
        f.needs_work(format!(
            "'{}' is vague on its own: name the metric it should move (e.g. 'median time to first response'), or use a verb that gives the direction, like 'grow' or 'reduce'.",
            capitalise(first)
        ));
    } else if NON_VERB_STARTS.contains(&first) || first.starts_with(|c: char| c.is_ascii_digit()) {
        f.needs_work(format!(
            "Start with an action verb that says what the team will do: '{text}' doesn't. Try 'grow', 'reduce' or 'launch'."
        ));
    } else if all.len() < MIN_OBJECTIVE_WORDS {
        f.needs_work(format!(
            "'{}' needs an object: say what to {first}, e.g. '{first} monthly active contributors'.",
            capitalise(first)
        ));
    }
    if let Some(second) = second_objective(text) {
        f.needs_work(format!(
            "This reads as more than one goal ('{first} …' and '{second} …'). Split it into separate goals, each with its own metric and target."
        ));
    }
    f.placeholders_in(&goal.title, "the title");
    f.placeholders_in(text, "the objective");
    f.finish(|| {
        let rest = text
            .split_once(char::is_whitespace)
            .map(|(_, r)| r.trim())
            .unwrap_or("");
        format!(
            "'{}' says what the team will do, and '{rest}' what changes.",
            capitalise(first)
        )
    })
}

/// The verb of a second objective joined to the first ("grow X and reduce Y" → "reduce").
fn second_objective(text: &str) -> Option<String> {
    let lowered = format!(" {} ", text.to_lowercase())
        .replace(" as well as ", " and ")
        .replace([';', ',', '&', '+'], " and ");
    lowered.split(" and ").skip(1).find_map(|part| {
        let verb = words(part).into_iter().next()?;
        (ACTION_VERBS.contains(&verb.as_str()) || VAGUE_VERBS.contains(&verb.as_str()))
            .then_some(verb)
    })
}

fn measurable(goal: &Goal) -> CriterionCheck {
    let mut f = Findings::new(Criterion::Measurable);
    let metric = &goal.metric;
    let name = metric.name.trim();
    let unit = metric.unit.trim();
    if name.is_empty() {
        f.missing("Name the metric that will show progress, e.g. 'monthly active contributors', or pick one from the catalog.");
    } else if unit.is_empty() {
        f.needs_work(format!(
            "Give '{name}' a unit (people, hours, %, posts) so the numbers can't be misread."
        ));
    }
    f.placeholders_in(name, "the metric name");
    f.placeholders_in(unit, "the unit");
    let baseline = goal.baseline_value();
    let target = goal.target_value();
    match baseline {
        None => f.missing(format!(
            "Enter the baseline: the value of {} when the goal starts.",
            metric_name(goal)
        )),
        Some(_) if goal.baseline_date.is_none() => f.needs_work(
            "Add the date the baseline was measured, so progress is counted from the right point.",
        ),
        Some(_) => {}
    }
    if target.is_none() {
        f.missing(format!(
            "Enter the target: the value of {} to reach by the deadline.",
            metric_name(goal)
        ));
    }
    if let (Some(b), Some(t)) = (baseline, target) {
        let (bs, ts) = (format_value(b, unit), format_value(t, unit));
        let conflict = match metric.direction {
            Direction::Increase if t <= b => Some(format!(
                "The target ({ts}) is not above the baseline ({bs}), but the metric should increase. Raise the target, or change the direction."
            )),
            Direction::Decrease if t >= b => Some(format!(
                "The target ({ts}) is not below the baseline ({bs}), but the metric should decrease. Lower the target, or change the direction."
            )),
            Direction::KeepAbove if b < t => Some(format!(
                "The baseline ({bs}) is already below the floor ({ts}) you want to keep above: that is a goal to increase. Change the direction to 'increase'."
            )),
            Direction::KeepBelow if b > t => Some(format!(
                "The baseline ({bs}) is already above the ceiling ({ts}) you want to keep below: that is a goal to decrease. Change the direction to 'decrease'."
            )),
            Direction::Unknown(_) => Some(format!(
                "The metric's direction is {}: this version cannot tell whether the target ({ts}) is ahead of the baseline ({bs}). Choose a direction, or open the plan in the version of Trellis that set it.",
                crate::core::newer::LABEL
            )),
            _ => None,
        };
        if let Some(message) = conflict {
            f.needs_work(message);
        }
    }
    if let Some(message) = totalling_mismatch(metric) {
        f.needs_work(message);
    }
    f.finish(|| match (baseline, target) {
        (Some(b), Some(t)) => format!(
            "Measured by {name} ({}, {}): from {} to {}.",
            metric.direction.label(),
            metric.totalling.label(),
            format_value(b, unit),
            format_value(t, unit)
        ),
        _ => String::new(),
    })
}

/// The pace a goal needs from its latest measured value, and the pace seen so far.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Pace {
    /// The latest check-in's value, or the baseline before any check-in.
    pub current: f64,
    /// When `current` was measured (None: an undated baseline, taken as today).
    pub measured_on: Option<NaiveDate>,
    /// Months from when `current` was measured to the deadline.
    pub months_left: f64,
    /// Absolute change needed per month (signed).
    pub required_per_month: f64,
    /// Compound change needed per month (0.05 = 5%); `None` unless both values are positive,
    /// and for a percentage, whose change is in points.
    pub required_relative_per_month: Option<f64>,
    /// Least-squares change per month over the check-ins (signed).
    pub observed_per_month: Option<f64>,
}

/// The required and observed pace, or `None` without baseline, target and deadline. The
/// required pace runs from the date the latest value was measured (the latest check-in, or
/// the baseline's date before any), not from today: a baseline from March is March's value.
pub fn pace(goal: &Goal, today: NaiveDate) -> Option<Pace> {
    let baseline = goal.baseline_value()?;
    let target = goal.target_value()?;
    let deadline = goal.deadline?;
    let (current, measured_on) = match goal.latest_check_in() {
        Some(c) => (c.value, Some(c.date)),
        None => (baseline, goal.baseline_date),
    };
    let from = measured_on.unwrap_or(today);
    let months_left = months_between(from, deadline);
    let percent = goal.metric.unit.trim() == "%";
    let (required_per_month, required_relative_per_month) = if months_left > 0.0 {
        let relative = (current > 0.0 && target > 0.0 && !percent)
            .then(|| (target / current).powf(1.0 / months_left) - 1.0);
        (
            (target - current) / months_left,
            relative.filter(|r| r.is_finite()),
        )
    } else {
        (0.0, None)
    };
    Some(Pace {
        current,
        measured_on,
        months_left,
        required_per_month,
        required_relative_per_month,
        observed_per_month: trend_from_baseline(goal).map(|t| t.per_month()),
    })
}

/// "+8.57 contributors per month"; percentages change in points.
fn per_month(value: f64, unit: &str) -> String {
    let unit = if unit.trim() == "%" { "points" } else { unit };
    format!("{} per month", with_unit(&format_signed(value), unit))
}

fn achievable(goal: &Goal, today: NaiveDate, inflow: Option<&ObservedInflow>) -> CriterionCheck {
    let mut f = Findings::new(Criterion::Achievable);
    if goal.key_players.iter().all(|p| p.name.trim().is_empty()) {
        f.needs_work("Name the key players: the people or teams who will do this work.");
    } else if goal.owner().is_none() {
        f.needs_work(
            "Mark one key player as the owner, so one person or team answers for the goal.",
        );
    }
    if goal.steps.iter().all(|s| s.text.trim().is_empty()) {
        f.needs_work("List the steps the team will take to move the metric.");
    }
    let players: Vec<&str> = goal.key_players.iter().map(|p| p.name.as_str()).collect();
    f.placeholders_in(&players.join(" "), "the key players");
    let steps: Vec<&str> = goal.steps.iter().map(|s| s.text.as_str()).collect();
    f.placeholders_in(&steps.join(" "), "the steps");
    let Some(p) = pace(goal, today) else {
        f.missing("Set the baseline, target and deadline first: the pace they need is worked out from them.");
        return f.finish(String::new);
    };
    let unit = goal.metric.unit.trim();
    let target = goal.target_value().unwrap_or(p.current);
    let target_text = format_value(target, unit);
    let name = metric_name(goal);
    let direction = goal.metric.direction;
    if direction.is_keep() {
        let (side, limit) = if direction == Direction::KeepAbove {
            ("above", "floor")
        } else {
            ("below", "ceiling")
        };
        if !goal.meets_target(p.current) {
            f.needs_work(format!(
                "{} is at {}, on the wrong side of the {limit} ({target_text}): it has to move {} before it can be held {side} it.",
                capitalise(&name),
                format_value(p.current, unit),
                format_value((target - p.current).abs(), unit)
            ));
        } else if let Some(observed) = p.observed_per_month {
            if !goal.meets_target(p.current + observed * p.months_left.max(0.0)) {
                f.needs_work(format!(
                    "At the pace seen since the baseline ({}), {name} would cross the {limit} ({target_text}) before the deadline. Plan what will hold it {side}.",
                    per_month(observed, unit)
                ));
            }
        }
        return f.finish(|| {
            format!(
                "{} is at {}, {side} the {limit} of {target_text}: the work is to hold it there.",
                capitalise(&name),
                format_value(p.current, unit)
            )
        });
    }
    if goal.meets_target(p.current) {
        return f.finish(|| {
            format!(
                "The target is already reached: {name} is at {}.",
                format_value(p.current, unit)
            )
        });
    }
    if p.months_left <= 0.0 || goal.deadline.is_some_and(|d| d <= today) {
        let deadline = goal.deadline.map(format_date).unwrap_or_default();
        f.needs_work(format!(
            "No time is left before the deadline ({deadline}) to reach {target_text}. Agree a new deadline with the team, or close the goal."
        ));
        return f.finish(String::new);
    }
    let Some(sign) = direction.sign() else {
        f.needs_work(format!(
            "The pace cannot be checked here: the metric's direction is {}. Choose a direction, or open the plan in the version of Trellis that set it.",
            crate::core::newer::LABEL
        ));
        return f.finish(String::new);
    };
    let months = format_number((p.months_left * 10.0).round() / 10.0);
    let relative = p
        .required_relative_per_month
        // A rule of thumb for levels and rates, not for a running total, nor for a totalling
        // from a newer version of Trellis whose sense is not known here.
        .filter(|_| {
            matches!(
                goal.metric.totalling,
                Totalling::LatestValue | Totalling::Rate
            )
        });
    if let Some(relative) = relative {
        if direction == Direction::Increase && relative > MAX_RELATIVE_GROWTH_PER_MONTH {
            f.needs_work(format!(
                "Reaching {target_text} needs {:.1}% growth every month for {months} months, more than {:.0}% a month (a rule of thumb: community metrics rarely sustain more). Lower the target, move the deadline, or say what will change the pace.",
                relative * 100.0,
                MAX_RELATIVE_GROWTH_PER_MONTH * 100.0
            ));
        }
        if direction == Direction::Decrease && -relative > MAX_RELATIVE_DECLINE_PER_MONTH {
            f.needs_work(format!(
                "Reaching {target_text} needs a {:.1}% cut every month for {months} months, more than {:.0}% a month (a rule of thumb for how fast a change of process cuts a value). Raise the target, move the deadline, or say what will change the pace.",
                -relative * 100.0,
                MAX_RELATIVE_DECLINE_PER_MONTH * 100.0
            ));
        }
    }
    let required = per_month(p.required_per_month, unit);
    if let Some(observed) = p.observed_per_month {
        let seen = per_month(observed, unit);
        if observed * sign <= 0.0 {
            f.needs_work(format!(
                "Since the baseline, {name} is flat or moving the wrong way ({seen}), but the target needs {required}. Find out what is holding it back before committing to this target."
            ));
        } else if p.required_per_month * sign > MAX_REQUIRED_TO_OBSERVED_RATIO * observed * sign {
            f.needs_work(format!(
                "The target needs {required}, more than {}× the {seen} seen since the baseline. Lower the target, move the deadline, or add steps that change the pace.",
                format_number(MAX_REQUIRED_TO_OBSERVED_RATIO)
            ));
        }
    }
    let inflow = inflow.filter(|_| direction == Direction::Increase);
    if let Some(i) = inflow {
        if p.required_per_month > i.per_month {
            f.needs_work(format!(
                "{} That is about {} moving in, before anyone leaves; the target needs {required}. Lower the target, move the deadline, or add touch points that move more members on.",
                i.source,
                per_month(i.per_month, unit)
            ));
        }
    }
    f.finish(|| {
        let relative = relative
            .map(|r| format!(" ({:.1}% a month)", r * 100.0))
            .unwrap_or_default();
        let seen = p
            .observed_per_month
            .map(|o| format!("; since the baseline: {}", per_month(o, unit)))
            .unwrap_or_default();
        let flows = inflow
            .map(|i| {
                format!(
                    "; observed flows: {} moving in",
                    per_month(i.per_month, unit)
                )
            })
            .unwrap_or_default();
        let from = match p.measured_on {
            Some(date) => format!(
                ", from {} on {}",
                format_value(p.current, unit),
                format_date(date)
            ),
            None => ", from the baseline (undated, so taken as today's)".to_string(),
        };
        format!("Needs {required}{relative} for {months} months{from}{seen}{flows}.")
    })
}

/// Whether the goal counts the team's own output (posts, tutorials, events held).
pub fn is_output_metric(goal: &Goal) -> bool {
    let from_catalog = goal
        .metric
        .catalog_key
        .as_deref()
        .and_then(catalog_metric)
        .is_some_and(|m| m.kind == MetricKind::Output);
    let verb = words(&goal.objective)
        .into_iter()
        .next()
        .unwrap_or_default();
    from_catalog || OUTPUT_VERBS.contains(&verb.as_str())
}

/// An output goal ("publish 12 posts") that names no effect: it counts work, not results.
pub fn is_output_only(goal: &Goal) -> bool {
    is_output_metric(goal) && clause(&goal.result).is_empty()
}

fn relevant(goal: &Goal) -> CriterionCheck {
    let mut f = Findings::new(Criterion::Relevant);
    if goal
        .objective_id
        .as_deref()
        .is_none_or(|id| id.trim().is_empty())
    {
        f.missing("Link this goal to a program objective, so it's clear which part of the program it serves.");
    }
    if is_output_only(goal) {
        let verb = words(&goal.objective)
            .into_iter()
            .next()
            .unwrap_or_else(|| "this".into());
        f.missing(format!(
            "'{}' counts what the team produces, not what changes for the community. Name the effect in the result (e.g. 'help new developers reach a first API call faster'), or track an outcome metric instead.",
            capitalise(&verb)
        ));
    } else if clause(&goal.result).is_empty() {
        f.missing("State the result or benefit: what will be better for the community or the business when this is reached?");
    }
    f.placeholders_in(&goal.result, "the result");
    f.finish(|| {
        format!(
            "Serves its objective and says what it will achieve: {}.",
            clause(&goal.result)
        )
    })
}

fn time_bound(goal: &Goal, today: NaiveDate) -> CriterionCheck {
    let mut f = Findings::new(Criterion::TimeBound);
    let Some(deadline) = goal.deadline else {
        f.missing("Set a deadline: the date by which the target should be reached.");
        return f.finish(String::new);
    };
    let due = format_date(deadline);
    if let Some(start) = goal.baseline_date {
        if deadline <= start {
            f.needs_work(format!(
                "The deadline ({due}) is not after the baseline date ({}): move it later.",
                format_date(start)
            ));
        }
    }
    if deadline < today {
        match goal.status {
            GoalStatus::Active => f.needs_work(format!(
                "The deadline ({due}) has passed and the goal is still active: mark it achieved or missed, or agree a new deadline with the team."
            )),
            GoalStatus::Draft => f.needs_work(format!("The deadline ({due}) is in the past: choose a date ahead.")),
            _ => {}
        }
    }
    let late: Vec<NaiveDate> = goal
        .milestones
        .iter()
        .map(|m| m.date)
        .filter(|d| *d > deadline)
        .collect();
    if let Some(first) = late.iter().min() {
        f.needs_work(format!(
            "{} after the deadline (first on {}): move {} on or before {due}.",
            count_milestones(late.len(), "falls", "fall"),
            format_date(*first),
            if late.len() == 1 { "it" } else { "them" }
        ));
    }
    if let Some(start) = goal.baseline_date {
        let early = goal.milestones.iter().filter(|m| m.date <= start).count();
        if early > 0 {
            f.needs_work(format!(
                "{} on or before the baseline date ({}): milestones mark progress after the start.",
                count_milestones(early, "falls", "fall"),
                format_date(start)
            ));
        }
    }
    f.finish(|| {
        let away = months_between(today, deadline);
        if away > 0.0 {
            format!(
                "Due {due}, {} months from today.",
                format_number((away * 10.0).round() / 10.0)
            )
        } else {
            format!("Due {due}.")
        }
    })
}

fn count_milestones(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 milestone {one}")
    } else {
        format!("{n} milestones {many}")
    }
}

#[cfg(test)]
mod tests;
