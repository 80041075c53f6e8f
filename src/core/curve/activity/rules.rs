//! The stage rules as the user reads and edits them: a sentence per stage, a starting point
//! per curve template, and the checks of typed values.

use super::{ActivityRules, StageRule};
use crate::core::curve::templates::{template_info, TemplateKind};
use crate::core::curve::{Curve, Stage};

/// Longest window a rule can look back: ten years.
pub const MAX_DAYS: u32 = 3653;

/// "Core: at least 10 activities of type commit or review in the last 30 days."
pub fn sentence(stage_name: &str, rule: &StageRule) -> String {
    let name = if stage_name.trim().is_empty() {
        "Untitled stage"
    } else {
        stage_name.trim()
    };
    let n = rule.min_activities;
    let noun = if n == 1 { "activity" } else { "activities" };
    let types: Vec<&str> = rule
        .types
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let of = match types.len() {
        0 => " of any type".to_string(),
        1 => format!(" of type {}", types[0]),
        _ => {
            let (last, rest) = types.split_last().unwrap_or((&"", &[]));
            format!(" of type {} or {last}", rest.join(", "))
        }
    };
    let days = if rule.days == 1 {
        "the last day".to_string()
    } else {
        format!("the last {} days", rule.days)
    };
    format!("{name}: at least {n} {noun}{of} in {days}.")
}

/// The rules of the curve's stages, highest first, as they are checked: each with its stage.
/// Rules for stages the curve no longer has are left out.
pub fn rules_highest_first<'a>(
    curve: &'a Curve,
    rules: &'a ActivityRules,
) -> Vec<(usize, &'a Stage, &'a StageRule)> {
    let mut out: Vec<_> = curve
        .stages
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            rules
                .stages
                .iter()
                .find(|r| r.stage_id == s.id)
                .map(|r| (i, s, r))
        })
        .collect();
    out.reverse();
    out
}

/// The rules as sentences, highest stage first, with the line that says how they are read.
pub fn sentences(curve: &Curve, rules: &ActivityRules) -> Vec<String> {
    rules_highest_first(curve, rules)
        .into_iter()
        .map(|(_, stage, rule)| sentence(&stage.name, rule))
        .collect()
}

/// How the rules are applied, shown with them.
pub const HOW_RULES_APPLY: &str = "Each member is counted in the highest stage whose rule \
they meet on the date, checked from the innermost stage out; \"the last 30 days\" is the date \
itself and the 29 days before it. A member who meets no rule is not counted that day.";

/// A starting point for the rules of this curve: from its template when it was started from
/// one, otherwise from its stages' order (more activity further in).
pub fn template_rules(curve: &Curve) -> ActivityRules {
    let kind = TemplateKind::ALL
        .into_iter()
        .find(|k| !curve.source.is_empty() && template_info(*k).source == curve.source);
    let n = curve.stages.len();
    let stages = curve
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (min_activities, types, days) = template_rule(kind, i, n);
            StageRule {
                stage_id: s.id.clone(),
                min_activities,
                types: types.iter().map(|t| t.to_string()).collect(),
                days,
                ..StageRule::default()
            }
        })
        .collect();
    ActivityRules {
        stages,
        ..ActivityRules::default()
    }
}

/// What the template labels itself as.
pub const TEMPLATE_NOTE: &str = "A starting point, not a standard: change the numbers and the \
activity types to what each stage means in your community.";

/// The rule for stage `i` of `n`: code hosts' ladders name their activities; the other
/// models count any activity, more of it further in.
fn template_rule(
    kind: Option<TemplateKind>,
    i: usize,
    n: usize,
) -> (u32, &'static [&'static str], u32) {
    const CODE: &[&str] = &["commit", "pull_request", "review", "issue"];
    const MAINTAIN: &[&str] = &["review", "merge"];
    match kind {
        Some(TemplateKind::Apache | TemplateKind::Cncf) => match i {
            0 => (1, &[], 90),
            1 => (1, CODE, 90),
            _ if i + 1 == n => (10, MAINTAIN, 90),
            _ => (5, CODE, 90),
        },
        _ => {
            // 1, 3, 10, 20… activities; the outermost stage looks back 90 days, the rest 30.
            let min = match i {
                0 => 1,
                1 => 3,
                2 => 10,
                _ => 20 * (i as u32 - 2),
            };
            (min, &[], if i == 0 { 90 } else { 30 })
        }
    }
}

/// A rule as typed: the number of activities, the types (comma separated, blank for any)
/// and the days. A problem names the stage and the field; nothing is returned unless all is
/// good.
pub fn typed_rule(
    stage: &Stage,
    min_activities: &str,
    types: &str,
    days: &str,
) -> Result<StageRule, Vec<String>> {
    let name = if stage.name.trim().is_empty() {
        "Untitled stage"
    } else {
        stage.name.trim()
    };
    let mut problems = Vec::new();
    let min = match min_activities.trim().parse::<u32>() {
        Ok(n) if n >= 1 => Some(n),
        _ => {
            problems.push(format!(
                "{name}: the number of activities is a whole number of at least 1, not `{}`.",
                min_activities.trim()
            ));
            None
        }
    };
    let days_n = match days.trim().parse::<u32>() {
        Ok(d) if (1..=MAX_DAYS).contains(&d) => Some(d),
        _ => {
            problems.push(format!(
                "{name}: the days are a whole number from 1 to {MAX_DAYS}, not `{}`.",
                days.trim()
            ));
            None
        }
    };
    let mut list: Vec<String> = Vec::new();
    for t in types.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !list.iter().any(|l| l.eq_ignore_ascii_case(t)) {
            list.push(t.to_string());
        }
    }
    match (min, days_n) {
        (Some(min_activities), Some(days)) if problems.is_empty() => Ok(StageRule {
            stage_id: stage.id.clone(),
            min_activities,
            types: list,
            days,
            ..StageRule::default()
        }),
        _ => Err(problems),
    }
}

/// The rules with one stage's rule put in place (kept fields it does not know), or removed.
pub fn with_rule(rules: &ActivityRules, stage_id: &str, rule: Option<StageRule>) -> ActivityRules {
    let mut out = rules.clone();
    match (out.stages.iter().position(|r| r.stage_id == stage_id), rule) {
        (Some(i), Some(mut rule)) => {
            rule.extra = std::mem::take(&mut out.stages[i].extra);
            out.stages[i] = rule;
        }
        (Some(i), None) => {
            out.stages.remove(i);
        }
        (None, Some(rule)) => out.stages.push(rule),
        (None, None) => {}
    }
    out
}

/// One stage's rule as the form holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedRule {
    pub stage_id: String,
    /// False: the stage is not counted (no rule).
    pub counted: bool,
    pub min_activities: String,
    pub types: String,
    pub days: String,
}

/// The form's rows for the rules, highest stage first: a stage without a rule gets the
/// starting point's values, not counted.
pub fn typed_form(curve: &Curve, rules: &ActivityRules) -> Vec<TypedRule> {
    let start = template_rules(curve);
    curve
        .stages
        .iter()
        .rev()
        .map(|s| {
            let own = rules.stages.iter().find(|r| r.stage_id == s.id);
            let rule = own
                .or_else(|| start.stages.iter().find(|r| r.stage_id == s.id))
                .cloned()
                .unwrap_or_default();
            TypedRule {
                stage_id: s.id.to_string(),
                counted: own.is_some(),
                min_activities: rule.min_activities.to_string(),
                types: rule.types.join(", "),
                days: rule.days.to_string(),
            }
        })
        .collect()
}

/// The rules from the form, and the threshold as typed, over `base` (whose fields this
/// build does not know are kept). Every problem is listed; nothing is returned unless all
/// is good.
pub fn typed_rules(
    curve: &Curve,
    base: &ActivityRules,
    typed: &[TypedRule],
    threshold: &str,
) -> Result<ActivityRules, Vec<String>> {
    let mut rules = base.clone();
    let mut problems = Vec::new();
    for t in typed {
        let Some(stage) = curve.stage(&t.stage_id) else {
            continue;
        };
        let rule = if t.counted {
            match typed_rule(stage, &t.min_activities, &t.types, &t.days) {
                Ok(r) => Some(r),
                Err(mut p) => {
                    problems.append(&mut p);
                    continue;
                }
            }
        } else {
            None
        };
        rules = with_rule(&rules, &t.stage_id, rule);
    }
    match threshold.trim().parse::<u64>() {
        Ok(n) => rules.threshold = n,
        Err(_) => problems.push(format!(
            "The threshold is a whole number of members (0 to show every count), not `{}`.",
            threshold.trim()
        )),
    }
    if problems.is_empty() && rules_highest_first(curve, &rules).is_empty() {
        problems.push("Count at least one stage: tick it and give it a rule.".to_string());
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(problems)
    }
}
