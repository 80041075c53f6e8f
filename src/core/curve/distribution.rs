//! Participation-inequality distributions, to start a curve with plausible counts.

use super::templates::{apply_template, TemplateKind};
use super::{Curve, Stage};
use crate::core::plan::Plan;

/// Each middle stage holds this fraction of the one before it when a distribution's
/// middle share is spread over more than one stage.
pub const MIDDLE_STAGE_RATIO: f64 = 1.0 / 3.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Distribution {
    /// Jakob Nielsen's participation inequality: 90% lurk, 9% contribute a little,
    /// 1% contribute most.
    NinetyNineOne,
    /// A rough 90/10/1 split over the Orbit template's four levels. No source is known to
    /// state it, so it is not attributed.
    Orbit,
}

impl Distribution {
    /// Outer, middle and inner weights (not necessarily summing to 100).
    pub fn weights(self) -> [f64; 3] {
        match self {
            Distribution::NinetyNineOne => [90.0, 9.0, 1.0],
            Distribution::Orbit => [90.0, 10.0, 1.0],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Distribution::NinetyNineOne => "90-9-1 (participation inequality, Jakob Nielsen)",
            Distribution::Orbit => "≈90/10/1 (a rough split, no source attributed)",
        }
    }

    /// The template a new curve from this distribution starts with.
    pub fn template(self) -> TemplateKind {
        match self {
            Distribution::NinetyNineOne => TemplateKind::CommitmentCurve,
            Distribution::Orbit => TemplateKind::Orbit,
        }
    }
}

/// Weights for `n` stages. The outermost stage takes the outer weight and the innermost
/// the inner one; the middle weight is spread over the stages between, each
/// [`MIDDLE_STAGE_RATIO`] of the one before. Two stages: outer vs middle + inner.
pub fn stage_weights(dist: Distribution, n: usize) -> Vec<f64> {
    let [outer, middle, inner] = dist.weights();
    match n {
        0 => Vec::new(),
        1 => vec![1.0],
        2 => vec![outer, middle + inner],
        _ => {
            let k = n - 2;
            let raw: Vec<f64> = (0..k).map(|i| MIDDLE_STAGE_RATIO.powi(i as i32)).collect();
            let sum: f64 = raw.iter().sum();
            let mut w = vec![outer];
            w.extend(raw.iter().map(|r| middle * r / sum));
            w.push(inner);
            w
        }
    }
}

/// Splits `total` by `weights` with largest-remainder rounding, so the parts add up to
/// `total` exactly. Non-finite or negative weights count as 0; all-zero weights give
/// everything to the first part.
pub fn split(total: u64, weights: &[f64]) -> Vec<u64> {
    let clean: Vec<f64> = weights
        .iter()
        .map(|w| if w.is_finite() && *w > 0.0 { *w } else { 0.0 })
        .collect();
    let sum: f64 = clean.iter().sum();
    if clean.is_empty() {
        return Vec::new();
    }
    if sum <= 0.0 {
        let mut parts = vec![0; clean.len()];
        parts[0] = total;
        return parts;
    }
    let exact: Vec<f64> = clean.iter().map(|w| total as f64 * w / sum).collect();
    let mut parts: Vec<u64> = exact.iter().map(|e| e.floor() as u64).collect();
    // Near u64::MAX the float parts can add up to more than the total: trim the outermost.
    let assigned: u128 = parts.iter().map(|p| u128::from(*p)).sum();
    if let Some(excess) = assigned.checked_sub(u128::from(total)).filter(|e| *e > 0) {
        parts[0] = parts[0].saturating_sub(u64::try_from(excess).unwrap_or(u64::MAX));
    }
    let assigned = parts.iter().fold(0u64, |s, p| s.saturating_add(*p));
    let mut order: Vec<usize> = (0..parts.len()).collect();
    // Largest remainder first; ties to the outer stage.
    order.sort_by(|&a, &b| {
        let ra = exact[a] - exact[a].floor();
        let rb = exact[b] - exact[b].floor();
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    let mut left = total.saturating_sub(assigned);
    for i in order.iter().cycle().take(parts.len() * 2) {
        if left == 0 {
            break;
        }
        parts[*i] += 1;
        left -= 1;
    }
    // Float error on huge totals: settle any remainder on the outermost stage.
    parts[0] = parts[0].saturating_add(left);
    parts
}

/// Sets every stage's members-now from a distribution scaled to `community_size`.
pub fn apply_distribution(curve: &mut Curve, dist: Distribution, community_size: u64) {
    let parts = split(community_size, &stage_weights(dist, curve.stages.len()));
    for (stage, n) in curve.stages.iter_mut().zip(parts) {
        stage.members_now = n;
    }
}

/// Replaces the plan's curve with the distribution's template, counts scaled to the
/// community size. Returns the curve it replaced.
pub(in crate::core) fn start_from_distribution(
    plan: &mut Plan,
    dist: Distribution,
    community_size: u64,
) -> Curve {
    let old = apply_template(plan, dist.template());
    apply_distribution(&mut plan.curve, dist, community_size);
    old
}

/// Members-now a distribution would expect at each stage of this curve, for comparing.
pub fn expected_counts(curve: &Curve, dist: Distribution) -> Vec<(String, u64)> {
    let parts = split(
        curve.total_members(),
        &stage_weights(dist, curve.stages.len()),
    );
    curve
        .stages
        .iter()
        .map(|s: &Stage| s.id.to_string())
        .zip(parts)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distribution_labels_credit_nielsen_and_attribute_nothing_else() {
        assert_eq!(
            Distribution::NinetyNineOne.label(),
            "90-9-1 (participation inequality, Jakob Nielsen)"
        );
        assert_eq!(Distribution::Orbit.weights(), [90.0, 10.0, 1.0]);
        assert!(!Distribution::Orbit.label().contains("Orbit"));
    }
    use crate::core::curve::test_support::curve;

    #[test]
    fn ninety_nine_one_over_three_stages_is_exact() {
        assert_eq!(
            split(1000, &stage_weights(Distribution::NinetyNineOne, 3)),
            [900, 90, 10]
        );
    }

    #[test]
    fn rounding_keeps_the_total_exact() {
        for total in [0u64, 1, 7, 99, 101, 12_345] {
            for n in 0..7 {
                for d in [Distribution::NinetyNineOne, Distribution::Orbit] {
                    let parts = split(total, &stage_weights(d, n));
                    assert_eq!(parts.len(), n);
                    if n > 0 {
                        assert_eq!(parts.iter().sum::<u64>(), total, "{total} {n} {d:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn orbit_over_four_levels_splits_the_middle_and_keeps_one_percent_leaders() {
        let parts = split(10_100, &stage_weights(Distribution::Orbit, 4));
        assert_eq!(parts, [9000, 750, 250, 100]);
    }

    #[test]
    fn split_ignores_bad_weights() {
        assert_eq!(split(10, &[f64::NAN, -1.0, 1.0]), [0, 0, 10]);
        assert_eq!(split(10, &[0.0, 0.0]), [10, 0]);
        assert!(split(10, &[]).is_empty());
    }

    #[test]
    fn split_of_the_largest_count_still_adds_up() {
        let parts = split(u64::MAX, &[90.0, 9.0, 1.0]);
        let sum: u128 = parts.iter().map(|p| u128::from(*p)).sum();
        assert_eq!(sum, u128::from(u64::MAX));
    }

    #[test]
    fn applying_a_distribution_sets_members_now_of_existing_stages() {
        let mut c = curve(&[("A", 1, 0, 5), ("B", 2, 0, 5), ("C", 3, 0, 5)]);
        apply_distribution(&mut c, Distribution::NinetyNineOne, 200);
        let now: Vec<u64> = c.stages.iter().map(|s| s.members_now).collect();
        assert_eq!(now, [180, 18, 2]);
        assert_eq!(c.stages[0].target_members, 5);
    }

    #[test]
    fn starting_from_orbit_gives_the_four_orbit_levels_scaled_to_the_community() {
        let mut plan = Plan::new("p", "P");
        start_from_distribution(&mut plan, Distribution::Orbit, 2_000);
        assert_eq!(plan.curve.stages.len(), 4);
        assert_eq!(plan.curve.total_members(), 2_000);
        assert_eq!(plan.curve.stages[0].name, "Exploring");
    }

    #[test]
    fn expected_counts_follow_the_curve_total() {
        let c = curve(&[("A", 1, 500, 0), ("B", 2, 400, 0), ("C", 3, 100, 0)]);
        let e = expected_counts(&c, Distribution::NinetyNineOne);
        assert_eq!(e[1], ("s2".to_string(), 90));
    }
}
