//! What a SMART goal created from the curve is prefilled with. The goal keeps
//! `stage_id` as its link back to the stage.

use chrono::NaiveDate;

use super::{Curve, StageId, TouchPointId};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoalSeed {
    pub title: String,
    pub metric: String,
    /// "members" for a stage gap, "%" for a touch point's conversion.
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    pub deadline: Option<NaiveDate>,
    pub stage_id: StageId,
    pub touch_point_id: Option<TouchPointId>,
    /// The stage's member counts in the curve's snapshots, oldest first; empty for a
    /// touch point's conversion (snapshots count members, not conversions).
    pub history: Vec<(NaiveDate, f64)>,
}

/// A goal to close a stage's gap: members now → target members by the target date.
pub fn goal_seed_from_gap(curve: &Curve, stage_id: &str) -> Option<GoalSeed> {
    let s = curve.stage(stage_id)?;
    Some(GoalSeed {
        title: format!(
            "Grow “{}” from {} to {} members",
            s.name, s.members_now, s.target_members
        ),
        metric: format!("Members at the “{}” stage", s.name),
        unit: "members".into(),
        baseline: s.members_now as f64,
        target: s.target_members as f64,
        deadline: s.target_date,
        stage_id: s.id.clone(),
        touch_point_id: None,
        history: stage_history(curve, &s.id),
    })
}

/// The stage's count in each snapshot that has one, oldest first.
pub fn stage_history(curve: &Curve, stage_id: &str) -> Vec<(NaiveDate, f64)> {
    let mut points: Vec<(NaiveDate, f64)> = curve
        .snapshots
        .iter()
        .filter_map(|n| n.count_for(stage_id).map(|c| (n.date, c as f64)))
        .collect();
    points.sort_by_key(|p| p.0);
    points.dedup_by_key(|p| p.0);
    points
}

/// A goal on a touch point's data point: current → target conversion, deadline of the
/// stage it leads into. Without a data point, the gap of that stage instead.
pub fn goal_seed_from_touch_point(curve: &Curve, touch_point_id: &str) -> Option<GoalSeed> {
    let t = curve.touch_point(touch_point_id)?;
    let to = curve.stage(&t.to_stage_id)?;
    if !t.data_point.is_set() {
        let mut seed = goal_seed_from_gap(curve, &to.id)?;
        seed.touch_point_id = Some(t.id.clone());
        return Some(seed);
    }
    let dp = &t.data_point;
    let pct = |v: Option<f64>| v.filter(|x| x.is_finite()).unwrap_or(0.0);
    Some(GoalSeed {
        title: format!("Improve “{}”: {}", t.name, dp.metric.trim()),
        metric: dp.metric.trim().to_string(),
        unit: "%".into(),
        baseline: pct(dp.current_conversion_pct),
        target: pct(dp.target_conversion_pct),
        deadline: to.target_date,
        stage_id: to.id.clone(),
        touch_point_id: Some(t.id.clone()),
        history: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::curve::test_support::{curve, date, touch};

    #[test]
    fn goal_from_a_gap_carries_baseline_target_deadline_and_stage_link() {
        let mut c = curve(&[("Aware", 10, 1000, 2000), ("Member", 40, 120, 300)]);
        c.stages[1].target_date = Some(date(2026, 6, 30));
        let g = goal_seed_from_gap(&c, "s2").unwrap();
        assert_eq!((g.baseline, g.target), (120.0, 300.0));
        assert_eq!(g.deadline, Some(date(2026, 6, 30)));
        assert_eq!(g.stage_id, "s2");
        assert_eq!(g.metric, "Members at the “Member” stage");
        assert!(goal_seed_from_gap(&c, "nope").is_none());
    }

    #[test]
    fn goal_from_a_gap_carries_the_stage_snapshots_oldest_first() {
        let mut c = curve(&[("Member", 20, 120, 300), ("Belong", 60, 12, 30)]);
        let snap = |day: u32, count: u64| crate::core::curve::Snapshot {
            flows: None,
            counted_from: None,
            id: format!("n{day}").into(),
            date: date(2026, 1, day),
            counts: vec![crate::core::curve::StageCount {
                stage_id: c.stages[0].id.clone(),
                count,
                extra: Default::default(),
            }],
            extra: Default::default(),
        };
        let (later, earlier) = (snap(20, 110), snap(5, 100));
        c.snapshots = vec![later, earlier];
        let g = goal_seed_from_gap(&c, &c.stages[0].id).unwrap();
        assert_eq!(
            g.history,
            [(date(2026, 1, 5), 100.0), (date(2026, 1, 20), 110.0)]
        );
        assert!(goal_seed_from_gap(&c, &c.stages[1].id)
            .unwrap()
            .history
            .is_empty());
    }

    #[test]
    fn goal_from_a_touch_point_uses_its_data_point() {
        let mut c = curve(&[("A", 10, 10, 20), ("B", 40, 1, 5)]);
        let mut t = touch("t1", "s1", "s2");
        t.data_point.current_conversion_pct = Some(4.0);
        t.data_point.target_conversion_pct = Some(f64::NAN);
        c.touch_points = vec![t];
        let g = goal_seed_from_touch_point(&c, "t1").unwrap();
        assert_eq!((g.unit.as_str(), g.baseline, g.target), ("%", 4.0, 0.0));
        assert_eq!(g.stage_id, "s2");
        assert_eq!(g.touch_point_id.as_deref(), Some("t1"));
    }

    #[test]
    fn goal_from_a_touch_point_without_data_point_targets_the_stage_gap() {
        let mut c = curve(&[("A", 10, 10, 20), ("B", 40, 1, 5)]);
        let mut t = touch("t1", "s1", "s2");
        t.data_point.metric.clear();
        c.touch_points = vec![t];
        let g = goal_seed_from_touch_point(&c, "t1").unwrap();
        assert_eq!(
            (g.baseline, g.target, g.unit.as_str()),
            (1.0, 5.0, "members")
        );
    }
}
