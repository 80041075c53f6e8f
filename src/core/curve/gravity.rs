//! The Orbit model's gravity (orbit-love/orbit-model, `pages/gravity/measure.mdx`):
//! weighted commitment = Σ weight² × members; gravity = change in weighted commitment
//! ÷ members.

use chrono::NaiveDate;

use super::{Curve, Snapshot};

/// The Orbit model's level weights, from the outermost level (Exploring) inward.
pub const ORBIT_WEIGHTS: [f64; 4] = [1.0, 4.0, 7.0, 10.0];

/// Weight of the stage at `index` among `count`. Four stages use [`ORBIT_WEIGHTS`];
/// any other number of stages spreads the same range, 1 (outermost) to 10 (innermost),
/// evenly — which for four stages gives exactly 1, 4, 7, 10. A lone stage weighs 1.
pub fn stage_weight(index: usize, count: usize) -> f64 {
    let first = ORBIT_WEIGHTS[0];
    let last = ORBIT_WEIGHTS[ORBIT_WEIGHTS.len() - 1];
    if count <= 1 {
        return first;
    }
    let i = index.min(count - 1) as f64;
    first + (last - first) * i / (count - 1) as f64
}

/// Σ weight² × members over the curve's stages, reading counts with `count_of`.
fn weighted(curve: &Curve, count_of: impl Fn(&str) -> u64) -> f64 {
    let n = curve.stages.len();
    curve
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let w = stage_weight(i, n);
            w * w * count_of(&s.id) as f64
        })
        .sum()
}

/// Weighted commitment of the members now.
pub fn weighted_commitment_now(curve: &Curve) -> f64 {
    weighted(curve, |id| curve.stage(id).map_or(0, |s| s.members_now))
}

/// Weighted commitment of a snapshot; counts for stages no longer on the curve are
/// ignored, stages missing from the snapshot count as 0.
pub fn weighted_commitment(curve: &Curve, snapshot: &Snapshot) -> f64 {
    weighted(curve, |id| snapshot.count_for(id).unwrap_or(0))
}

/// What the gravity table measures, shown above it. Counts only: gravity rises whenever
/// the weighted headcount rises, which new members in the outermost stage alone can do.
pub const GRAVITY_EXPLAINED: &str = "Weighted commitment = Σ (stage weight² × members); \
gravity = change in weighted commitment between two snapshots ÷ members at the later one. \
From counts alone it measures how the weighted headcount changed, not whether members moved \
inward: new members in the outermost stage raise it too. Formula and the weights 1, 4, 7, 10 for \
four levels: orbit-love/orbit-model, “Measuring gravity”.";

/// Says where a curve's weights come from: Orbit's for four stages, Trellis's even spread of
/// the same range for any other number (Orbit defines only four levels).
pub fn weights_note(stage_count: usize) -> String {
    let weights: Vec<String> = (0..stage_count)
        .map(|i| {
            let w = stage_weight(i, stage_count);
            if w.fract() == 0.0 {
                format!("{w:.0}")
            } else {
                format!("{w:.1}")
            }
        })
        .collect();
    if stage_count == ORBIT_WEIGHTS.len() {
        format!(
            "Weights from the outermost stage in: {} (the Orbit model's).",
            weights.join(", ")
        )
    } else {
        format!(
            "Weights from the outermost stage in: {}. The Orbit model defines weights for four \
             levels only; for {stage_count} stages these are Trellis's interpolation of its 1–10 \
             range, not Orbit's.",
            weights.join(", ")
        )
    }
}

/// Gravity between two consecutive snapshots.
#[derive(Clone, Debug, PartialEq)]
pub struct GravityStep {
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    pub weighted_before: f64,
    pub weighted_after: f64,
    /// Members in the later snapshot (on the curve's stages).
    pub members: u64,
    /// Change in weighted commitment ÷ members; None when the later snapshot is empty.
    pub gravity: Option<f64>,
}

/// Gravity between each pair of consecutive snapshots, in date order.
pub fn gravity_series(curve: &Curve) -> Vec<GravityStep> {
    let mut snaps: Vec<&Snapshot> = curve.snapshots.iter().collect();
    snaps.sort_by_key(|s| s.date);
    snaps
        .windows(2)
        .map(|w| {
            let before = weighted_commitment(curve, w[0]);
            let after = weighted_commitment(curve, w[1]);
            let members = curve
                .stages
                .iter()
                .filter_map(|s| w[1].count_for(&s.id))
                .fold(0u64, |sum, c| sum.saturating_add(c));
            GravityStep {
                from_date: w[0].date,
                to_date: w[1].date,
                weighted_before: before,
                weighted_after: after,
                members,
                gravity: (members > 0).then(|| (after - before) / members as f64),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::curve::test_support::{curve, date};
    use crate::core::curve::StageCount;

    fn snap(d: NaiveDate, counts: &[u64]) -> Snapshot {
        Snapshot {
            flows: None,
            counted_from: None,
            id: format!("n{d}").into(),
            date: d,
            counts: counts
                .iter()
                .enumerate()
                .map(|(i, c)| StageCount {
                    stage_id: format!("s{}", i + 1).into(),
                    count: *c,
                    extra: Default::default(),
                })
                .collect(),
            extra: Default::default(),
        }
    }

    fn orbit_curve() -> Curve {
        let mut c = curve(&[
            ("Exploring", 10, 0, 0),
            ("Participating", 40, 0, 0),
            ("Contributing", 70, 0, 0),
            ("Leading", 95, 0, 0),
        ]);
        // Out of order on purpose: the series sorts by date.
        c.snapshots = vec![
            snap(date(2022, 3, 1), &[12, 10, 6, 2]),
            snap(date(2022, 1, 1), &[17, 8, 4, 1]),
            snap(date(2022, 2, 1), &[15, 9, 5, 1]),
        ];
        c
    }

    #[test]
    fn four_stages_use_the_orbit_weights() {
        let w: Vec<f64> = (0..4).map(|i| stage_weight(i, 4)).collect();
        assert_eq!(w, ORBIT_WEIGHTS);
    }

    #[test]
    fn other_stage_counts_spread_weights_from_1_to_10() {
        assert_eq!(stage_weight(0, 1), 1.0);
        assert_eq!((stage_weight(0, 2), stage_weight(1, 2)), (1.0, 10.0));
        let five: Vec<f64> = (0..5).map(|i| stage_weight(i, 5)).collect();
        assert_eq!(five, [1.0, 3.25, 5.5, 7.75, 10.0]);
    }

    #[test]
    fn weighted_commitment_matches_the_orbit_model_worked_example() {
        let c = orbit_curve();
        let jan = &c.snapshots[1];
        assert_eq!(weighted_commitment(&c, jan), 441.0);
    }

    #[test]
    fn gravity_wording_does_not_claim_members_moved_inward() {
        assert!(!GRAVITY_EXPLAINED.contains("means members are moving inward"));
        assert!(GRAVITY_EXPLAINED.contains("new members in the outermost stage raise it too"));
        // Which is what the computation does: only new outer members, and gravity is positive.
        let mut c = orbit_curve();
        c.snapshots = vec![
            snap(date(2024, 1, 1), &[100, 10, 5, 1]),
            snap(date(2024, 2, 1), &[150, 10, 5, 1]),
        ];
        assert!(gravity_series(&c)[0].gravity.unwrap() > 0.0);
    }

    #[test]
    fn weights_for_other_than_four_stages_are_labelled_as_trellis_interpolation() {
        assert_eq!(
            weights_note(4),
            "Weights from the outermost stage in: 1, 4, 7, 10 (the Orbit model's)."
        );
        let five = weights_note(5);
        assert!(
            five.starts_with("Weights from the outermost stage in: 1, 3.2, 5.5, 7.8, 10."),
            "{five}"
        );
        assert!(five.contains("Trellis's interpolation"));
        assert!(five.contains("not Orbit's"));
    }

    #[test]
    fn gravity_matches_the_orbit_model_worked_example() {
        let g = gravity_series(&orbit_curve());
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].from_date, date(2022, 1, 1));
        assert_eq!((g[0].weighted_before, g[0].weighted_after), (441.0, 504.0));
        assert!((g[0].gravity.unwrap() - 2.1).abs() < 1e-9);
        assert!((g[1].gravity.unwrap() - 5.4).abs() < 1e-9);
    }

    #[test]
    fn gravity_of_an_empty_snapshot_is_unknown() {
        let mut c = orbit_curve();
        c.snapshots = vec![snap(date(2022, 1, 1), &[1]), snap(date(2022, 2, 1), &[])];
        let g = gravity_series(&c);
        assert_eq!((g[0].members, g[0].gravity), (0, None));
    }

    #[test]
    fn fewer_than_two_snapshots_give_no_gravity() {
        let mut c = orbit_curve();
        c.snapshots.truncate(1);
        assert!(gravity_series(&c).is_empty());
    }

    #[test]
    fn weighted_commitment_now_uses_members_now() {
        let mut c = curve(&[("A", 1, 3, 0), ("B", 2, 1, 0)]);
        assert_eq!(weighted_commitment_now(&c), 3.0 + 100.0);
        c.stages.clear();
        assert_eq!(weighted_commitment_now(&c), 0.0);
    }
}
