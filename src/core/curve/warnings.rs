//! Checks that point at weak spots in a curve, each with a message that says why.

use super::analysis::{percent, Basis};
use super::Curve;

/// Largest rise in effort between consecutive asks that still reads as a small,
/// escalating ask (a quarter of the 1–12 scale).
pub const MAX_EFFORT_STEP: u8 = 3;
/// Below this many members the participation check is skipped: ratios are noise.
pub const PARTICIPATION_MIN_MEMBERS: u64 = 100;
/// 90-9-1: the outermost stage usually holds about 90%; warn below this share.
pub const OUTER_SHARE_MIN_PCT: f64 = 50.0;
/// 90-9-1: the innermost stage usually holds about 1%; warn above this share.
pub const INNER_SHARE_MAX_PCT: f64 = 10.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningKind {
    TransitionWithoutTouchPoint,
    TouchPointWithoutDataPoint,
    EffortJump,
    Participation,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub kind: WarningKind,
    /// The stage the warning is about (for a transition: the stage it leaves).
    pub stage_id: Option<String>,
    pub touch_point_id: Option<String>,
    pub message: String,
}

impl Warning {
    fn stage(kind: WarningKind, stage_id: &str, message: String) -> Self {
        Warning {
            kind,
            stage_id: Some(stage_id.to_string()),
            touch_point_id: None,
            message,
        }
    }
}

/// Every warning for the curve, in a stable order.
pub fn warnings(curve: &Curve) -> Vec<Warning> {
    let mut all = transitions_without_touch_points(curve);
    all.extend(touch_points_without_data_points(curve));
    all.extend(effort_jumps(curve));
    all.extend(participation(curve, Basis::Now));
    all.extend(participation(curve, Basis::Target));
    all
}

/// What the checks say when they find nothing, with its tone (issue 31). The checks are about
/// the plan's coverage (touch points, data points, effort, participation), not about where
/// members stall; so with a bottleneck on the curve "no problems" would contradict it, and the
/// sentence is neutral and names the bottleneck instead. None when there are warnings (they
/// are the finding).
pub fn checks_summary(curve: &Curve) -> Option<crate::core::signal::Finding> {
    use crate::core::signal::{Finding, Tone};
    if !warnings(curve).is_empty() {
        return None;
    }
    let covered = "Every move between stages has a touch point, each with a data point, and no \
                   stage asks for a jump in effort.";
    Some(match super::analysis::shown_bottleneck(curve) {
        Some(b) => Finding::new(
            Tone::Neutral,
            format!(
                "{covered} These checks do not judge where members stall: {}",
                b.headline
            ),
        ),
        None => Finding::new(
            Tone::Good,
            format!("{covered} No problems found in the curve."),
        ),
    })
}

/// A touch point from stage i to stage j covers every transition between them.
pub fn transitions_without_touch_points(curve: &Curve) -> Vec<Warning> {
    let spans: Vec<(usize, usize)> = curve
        .touch_points
        .iter()
        .filter_map(|t| curve.span(t))
        .collect();
    curve
        .stages
        .windows(2)
        .enumerate()
        .filter(|(i, _)| !spans.iter().any(|&(a, b)| a <= *i && b > *i))
        .map(|(_, w)| {
            Warning::stage(
                WarningKind::TransitionWithoutTouchPoint,
                &w[0].id,
                format!(
                    "Nothing moves members from “{}” to “{}”. Add a touch point, or members \
                     will only cross by chance.",
                    w[0].name, w[1].name
                ),
            )
        })
        .collect()
}

pub fn touch_points_without_data_points(curve: &Curve) -> Vec<Warning> {
    curve
        .touch_points
        .iter()
        .filter(|t| !t.data_point.is_set())
        .map(|t| Warning {
            kind: WarningKind::TouchPointWithoutDataPoint,
            stage_id: None,
            touch_point_id: Some(t.id.to_string()),
            message: format!(
                "Touch point “{}” has no data point. Name the metric that measures it so \
                 you can tell whether it works.",
                t.name
            ),
        })
        .collect()
}

/// Asks are read in journey order: each stage's asks in order, stage after stage.
pub fn effort_jumps(curve: &Curve) -> Vec<Warning> {
    let asks: Vec<(&str, &super::Ask)> = curve
        .stages
        .iter()
        .flat_map(|s| s.asks.iter().map(move |a| (s.id.as_str(), a)))
        .collect();
    asks.windows(2)
        .filter(|w| w[1].1.effort > w[0].1.effort.saturating_add(MAX_EFFORT_STEP))
        .map(|w| {
            let (stage_id, next) = w[1];
            let prev = w[0].1;
            Warning::stage(
                WarningKind::EffortJump,
                stage_id,
                format!(
                    "Effort jumps from {} (“{}”) to {} (“{}”). Commitment grows through \
                     small, escalating asks; add a step of at most {} in between.",
                    prev.effort, prev.text, next.effort, next.text, MAX_EFFORT_STEP
                ),
            )
        })
        .collect()
}

/// Compares the distribution with participation inequality (90-9-1, Jakob Nielsen).
pub fn participation(curve: &Curve, basis: Basis) -> Vec<Warning> {
    let stages = &curve.stages;
    let count = |s: &super::Stage| match basis {
        Basis::Now => s.members_now,
        Basis::Target => s.target_members,
    };
    let mut out = Vec::new();
    let which = match basis {
        Basis::Now => "now",
        Basis::Target => "in the targets",
    };
    // A target of 0 means "not set", not "nobody".
    let unset = |n: u64| basis == Basis::Target && n == 0;
    for w in stages.windows(2) {
        let (outer, inner) = (count(&w[0]), count(&w[1]));
        if inner > outer && !unset(outer) {
            out.push(Warning::stage(
                WarningKind::Participation,
                &w[1].id,
                format!(
                    "“{}” has more members than “{}” {which} ({inner} vs {outer}). Each step \
                     in takes more time and trust, so inner stages are usually about a tenth \
                     of the stage before (90-9-1). Check the counts or whether members are \
                     counted in more than one stage.",
                    w[1].name, w[0].name
                ),
            ));
        }
    }
    let total = stages
        .iter()
        .fold(0u64, |sum, s| sum.saturating_add(count(s)));
    if stages.len() < 3
        || total < PARTICIPATION_MIN_MEMBERS
        || stages.iter().any(|s| unset(count(s)))
    {
        return out;
    }
    let (Some(first), Some(last)) = (stages.first(), stages.last()) else {
        return out;
    };
    if let Some(p) = percent(count(first), total).filter(|p| *p < OUTER_SHARE_MIN_PCT) {
        out.push(Warning::stage(
            WarningKind::Participation,
            &first.id,
            format!(
                "Only {p:.0}% of members are in “{}” {which}. In most communities about 90% \
                 watch before they take part, so a small outer stage usually means \
                 newcomers are not being counted.",
                first.name
            ),
        ));
    }
    if let Some(p) = percent(count(last), total).filter(|p| *p > INNER_SHARE_MAX_PCT) {
        out.push(Warning::stage(
            WarningKind::Participation,
            &last.id,
            format!(
                "{p:.0}% of members are in “{}” {which}, where about 1% is usual. A core \
                 this large may be counting casual members, or the outer stages are \
                 under-counted.",
                last.name
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::curve::test_support::{ask, curve, touch};
    use crate::core::curve::TouchPoint;

    fn kinds(w: &[Warning]) -> Vec<WarningKind> {
        w.iter().map(|w| w.kind).collect()
    }

    #[test]
    fn no_warnings_reads_neutral_beside_a_bottleneck_and_good_without_one() {
        use crate::core::signal::Tone;
        let mut c = curve(&[("A", 10, 100, 0), ("B", 40, 5, 0)]);
        c.touch_points = vec![touch("t1", "s1", "s2")];
        assert!(warnings(&c).is_empty());
        let with_bottleneck = checks_summary(&c).unwrap();
        assert_eq!(with_bottleneck.tone, Tone::Neutral);
        assert!(
            with_bottleneck
                .text
                .contains("do not judge where members stall"),
            "{}",
            with_bottleneck.text
        );
        assert!(with_bottleneck.text.contains("“A”") || with_bottleneck.text.contains("A"));
        let mut steady = curve(&[("A", 10, 0, 0), ("B", 40, 0, 0)]);
        steady.touch_points = vec![touch("t1", "s1", "s2")];
        assert!(warnings(&steady).is_empty());
        assert_eq!(checks_summary(&steady).unwrap().tone, Tone::Good);
        let uncovered = curve(&[("A", 10, 100, 0), ("B", 40, 5, 0)]);
        assert_eq!(
            checks_summary(&uncovered),
            None,
            "warnings speak for themselves"
        );
    }

    #[test]
    fn transition_without_a_touch_point_is_warned_about() {
        let mut c = curve(&[("A", 1, 0, 0), ("B", 2, 0, 0), ("C", 3, 0, 0)]);
        c.touch_points = vec![touch("t1", "s1", "s2")];
        let w = transitions_without_touch_points(&c);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].stage_id.as_deref(), Some("s2"));
        assert!(w[0].message.contains("“B” to “C”"));
    }

    #[test]
    fn a_touch_point_spanning_two_transitions_covers_both() {
        let mut c = curve(&[("A", 1, 0, 0), ("B", 2, 0, 0), ("C", 3, 0, 0)]);
        c.touch_points = vec![touch("t1", "s1", "s3")];
        assert!(transitions_without_touch_points(&c).is_empty());
    }

    #[test]
    fn a_touch_point_within_one_stage_covers_no_transition() {
        let mut c = curve(&[("A", 1, 0, 0), ("B", 2, 0, 0)]);
        c.touch_points = vec![touch("t1", "s1", "s1")];
        assert_eq!(transitions_without_touch_points(&c).len(), 1);
    }

    #[test]
    fn touch_point_with_a_blank_metric_has_no_data_point() {
        let mut c = curve(&[("A", 1, 0, 0), ("B", 2, 0, 0)]);
        let mut blank = touch("t2", "s1", "s2");
        blank.data_point.metric = "  ".into();
        c.touch_points = vec![touch("t1", "s1", "s2"), blank, TouchPoint::default()];
        let w = touch_points_without_data_points(&c);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].touch_point_id.as_deref(), Some("t2"));
    }

    #[test]
    fn effort_jump_beyond_the_step_between_consecutive_asks_is_warned_about() {
        let mut c = curve(&[("A", 1, 0, 0), ("B", 2, 0, 0)]);
        c.stages[0].asks = vec![ask("a1", 1), ask("a2", 4)];
        c.stages[1].asks = vec![ask("a3", 9), ask("a4", 2), ask("a5", 5)];
        let w = effort_jumps(&c);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].stage_id.as_deref(), Some("s2"));
        assert!(w[0].message.contains("from 4"));
    }

    #[test]
    fn a_step_of_exactly_the_limit_is_fine() {
        let mut c = curve(&[("A", 1, 0, 0)]);
        c.stages[0].asks = vec![ask("a1", 2), ask("a2", 2 + MAX_EFFORT_STEP)];
        assert!(effort_jumps(&c).is_empty());
    }

    #[test]
    fn more_leaders_than_contributors_is_a_participation_warning_with_the_reason() {
        let c = curve(&[
            ("Explore", 1, 900, 0),
            ("Contribute", 2, 5, 0),
            ("Lead", 3, 8, 0),
        ]);
        let w = participation(&c, Basis::Now);
        assert_eq!(kinds(&w), [WarningKind::Participation]);
        assert_eq!(w[0].stage_id.as_deref(), Some("s3"));
        assert!(w[0].message.contains("90-9-1"));
        assert!(w[0].message.contains("8 vs 5"));
    }

    #[test]
    fn a_small_outer_stage_and_a_large_core_are_warned_about() {
        let c = curve(&[("A", 1, 100, 0), ("B", 2, 100, 0), ("C", 3, 50, 0)]);
        let w = participation(&c, Basis::Now);
        assert_eq!(w.len(), 2);
        assert!(w[0].message.contains("Only 40%"));
        assert!(w[1].message.contains("20%"));
    }

    #[test]
    fn a_90_9_1_community_raises_no_participation_warning() {
        let c = curve(&[("A", 1, 900, 0), ("B", 2, 90, 0), ("C", 3, 10, 0)]);
        assert!(participation(&c, Basis::Now).is_empty());
    }

    #[test]
    fn small_communities_skip_the_share_checks() {
        let c = curve(&[("A", 1, 10, 0), ("B", 2, 8, 0), ("C", 3, 5, 0)]);
        assert!(participation(&c, Basis::Now).is_empty());
    }

    #[test]
    fn target_counts_are_checked_too() {
        let c = curve(&[("A", 1, 0, 10), ("B", 2, 0, 20)]);
        let w = participation(&c, Basis::Target);
        assert!(w[0].message.contains("in the targets"));
    }

    #[test]
    fn unset_targets_are_not_read_as_zero_members() {
        let c = curve(&[("A", 1, 0, 0), ("B", 2, 0, 300), ("C", 3, 0, 30)]);
        assert!(participation(&c, Basis::Target).is_empty());
    }

    #[test]
    fn empty_and_single_stage_curves_have_no_warnings() {
        assert!(warnings(&Curve::default()).is_empty());
        assert!(warnings(&curve(&[("A", 1, 0, 0)])).is_empty());
    }
}
