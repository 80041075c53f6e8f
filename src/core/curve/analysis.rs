//! Distribution, conversion, bottleneck and gap analysis.

use super::Curve;

/// Which member counts to analyse.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Basis {
    #[default]
    Now,
    Target,
}

impl Basis {
    pub fn label(self) -> &'static str {
        match self {
            Basis::Now => "now",
            Basis::Target => "target",
        }
    }
}

/// (stage id, members) in curve order for a basis.
pub fn counts(curve: &Curve, basis: Basis) -> Vec<(String, u64)> {
    curve
        .stages
        .iter()
        .map(|s| {
            let n = match basis {
                Basis::Now => s.members_now,
                Basis::Target => s.target_members,
            };
            (s.id.to_string(), n)
        })
        .collect()
}

/// `part ÷ whole × 100`, None when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64 * 100.0)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Share {
    pub stage_id: String,
    pub members: u64,
    /// Share of all members in the curve; None when the curve has no members.
    pub share_pct: Option<f64>,
}

pub fn shares(curve: &Curve, basis: Basis) -> Vec<Share> {
    let counts = counts(curve, basis);
    let total = counts
        .iter()
        .fold(0u64, |sum, (_, n)| sum.saturating_add(*n));
    counts
        .into_iter()
        .map(|(stage_id, members)| Share {
            stage_id,
            members,
            share_pct: percent(members, total),
        })
        .collect()
}

/// Movement from one stage to the next. Counts are members currently at each stage,
/// so the rate reads "for every 100 members at this stage there are N at the next".
#[derive(Clone, Debug, PartialEq)]
pub struct Conversion {
    pub from_stage_id: String,
    pub to_stage_id: String,
    pub from_members: u64,
    pub to_members: u64,
    /// None when the earlier stage has no members.
    pub rate_pct: Option<f64>,
}

impl Conversion {
    /// The bottleneck as a sentence: a ratio of the members at two stages now, not a flow
    /// of members seen moving on (no flow data is recorded).
    pub fn headline(&self, from: &str, to: &str) -> String {
        let rate = match self.rate_pct {
            Some(r) if r.is_finite() => format!("{r:.1}%"),
            _ => "—".to_string(),
        };
        format!(
            "Bottleneck now: {from} → {to}. {to} holds {rate} as many members as {from} \
             ({} against {}): a ratio of the counts at the two stages today, not a share of \
             members seen moving on.",
            self.to_members, self.from_members
        )
    }

    /// Percentage lost between the stages (100 − rate), 0 when the next stage is larger.
    pub fn drop_pct(&self) -> Option<f64> {
        self.rate_pct.map(|r| (100.0 - r).max(0.0))
    }
}

/// Conversion between each pair of consecutive stages.
pub fn conversions(curve: &Curve, basis: Basis) -> Vec<Conversion> {
    counts(curve, basis)
        .windows(2)
        .map(|w| Conversion {
            from_stage_id: w[0].0.clone(),
            to_stage_id: w[1].0.clone(),
            from_members: w[0].1,
            to_members: w[1].1,
            rate_pct: percent(w[1].1, w[0].1),
        })
        .collect()
}

/// The transition losing the largest share of members (lowest conversion rate).
/// Absolute drops are not compared because the outermost stage is always the largest.
/// Ties go to the earlier transition; None when nothing is lost anywhere.
pub fn bottleneck(curve: &Curve, basis: Basis) -> Option<Conversion> {
    let mut best: Option<(f64, Conversion)> = None;
    for c in conversions(curve, basis) {
        let Some(drop) = c.drop_pct() else { continue };
        if drop <= 0.0 {
            continue;
        }
        if best.as_ref().is_none_or(|(d, _)| drop > *d) {
            best = Some((drop, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The bottleneck the curve tool shows and the drawings mark: with flows recorded, the stage
/// whose observed rate of moving up is lowest (`flows::flow_bottleneck`); else the
/// transition with the lowest ratio of counts now ([`bottleneck`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ShownBottleneck {
    pub from_stage_id: String,
    pub to_stage_id: String,
    /// From observed flows rather than counts.
    pub observed: bool,
    /// The sentence the analysis shows, with the stages' names.
    pub headline: String,
}

/// A stage's name as shown: "Untitled stage" when it has none.
pub fn stage_name(curve: &Curve, stage_id: &str) -> String {
    match curve.stage(stage_id).map(|s| s.name.trim()) {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => "Untitled stage".to_string(),
    }
}

pub fn shown_bottleneck(curve: &Curve) -> Option<ShownBottleneck> {
    let name = |id: &str| stage_name(curve, id);
    let observed = super::flows::flow_bottleneck(curve).and_then(|b| {
        let i = curve.stage_index(&b.stage_id)?;
        let next = curve.stages.get(i + 1)?;
        Some(ShownBottleneck {
            from_stage_id: b.stage_id.to_string(),
            to_stage_id: next.id.to_string(),
            observed: true,
            headline: b.bottleneck_headline(&name(&b.stage_id), &name(&next.id)),
        })
    });
    observed.or_else(|| {
        bottleneck(curve, Basis::Now).map(|b| ShownBottleneck {
            headline: b.headline(&name(&b.from_stage_id), &name(&b.to_stage_id)),
            from_stage_id: b.from_stage_id,
            to_stage_id: b.to_stage_id,
            observed: false,
        })
    })
}

/// What the analysis says when no stage loses members to the next.
pub const NO_BOTTLENECK: &str = "No bottleneck: no stage loses members to the next.";

/// One row of the gap analysis table.
#[derive(Clone, Debug, PartialEq)]
pub struct GapRow {
    pub stage_id: String,
    pub stage_name: String,
    pub now: u64,
    pub target: u64,
    /// target − now (negative when already past the target); None without a target.
    pub gap: Option<i64>,
    /// Gap as a share of the target: how much of the target is still missing.
    pub gap_pct: Option<f64>,
    /// Touch points leading into this stage, which are what closes its gap.
    pub touch_point_ids: Vec<String>,
    pub problem_area_ids: Vec<String>,
    /// There is a gap to close and nothing planned to close it.
    pub flagged: bool,
}

pub fn gap_table(curve: &Curve) -> Vec<GapRow> {
    curve
        .stages
        .iter()
        .map(|s| {
            let gap = (s.target_members > 0).then(|| signed_gap(s.target_members, s.members_now));
            let gap_pct = gap.and_then(|g| {
                (s.target_members > 0).then(|| g as f64 / s.target_members as f64 * 100.0)
            });
            let touch_point_ids: Vec<String> = curve
                .touch_points
                .iter()
                .filter(|t| t.to_stage_id == s.id)
                .map(|t| t.id.to_string())
                .collect();
            let problem_area_ids = curve
                .problem_areas
                .iter()
                .filter(|p| p.stage_id.as_deref() == Some(s.id.as_str()))
                .map(|p| p.id.to_string())
                .collect();
            GapRow {
                stage_id: s.id.to_string(),
                stage_name: s.name.clone(),
                now: s.members_now,
                target: s.target_members,
                gap,
                gap_pct,
                flagged: gap.is_some_and(|g| g > 0) && touch_point_ids.is_empty(),
                touch_point_ids,
                problem_area_ids,
            }
        })
        .collect()
}

fn signed_gap(target: u64, now: u64) -> i64 {
    if target >= now {
        i64::try_from(target - now).unwrap_or(i64::MAX)
    } else {
        i64::try_from(now - target).map_or(i64::MIN, |d| -d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::curve::test_support::{curve, touch};

    fn four() -> Curve {
        curve(&[
            ("Aware", 10, 1000, 2000),
            ("Member", 40, 200, 400),
            ("Belong", 70, 20, 100),
            ("Lead", 95, 10, 10),
        ])
    }

    #[test]
    fn shares_add_up_to_the_whole_curve() {
        let s = shares(&four(), Basis::Now);
        assert_eq!(s[0].share_pct.map(|p| (p * 100.0).round()), Some(8130.0));
        let sum: f64 = s.iter().filter_map(|x| x.share_pct).sum();
        assert!((sum - 100.0).abs() < 1e-9);
    }

    #[test]
    fn shares_of_an_empty_community_are_unknown_not_nan() {
        let c = curve(&[("A", 10, 0, 0), ("B", 50, 0, 0)]);
        assert!(shares(&c, Basis::Now).iter().all(|s| s.share_pct.is_none()));
    }

    #[test]
    fn conversion_is_next_stage_members_over_this_stage_members() {
        let c = conversions(&four(), Basis::Now);
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].rate_pct, Some(20.0));
        assert_eq!(
            c[0].headline("Member", "Belong"),
            format!(
                "Bottleneck now: Member → Belong. Belong holds 20.0% as many members as Member \
                 ({} against {}): a ratio of the counts at the two stages today, not a share of \
                 members seen moving on.",
                c[0].to_members, c[0].from_members
            )
        );
        assert!(!c[0].headline("A", "B").contains("move on."));
        assert_eq!(c[1].rate_pct, Some(10.0));
        assert_eq!(c[2].rate_pct, Some(50.0));
        assert_eq!(c[1].drop_pct(), Some(90.0));
    }

    #[test]
    fn conversion_from_an_empty_stage_is_unknown() {
        let c = curve(&[("A", 10, 0, 0), ("B", 50, 5, 0)]);
        assert_eq!(conversions(&c, Basis::Now)[0].rate_pct, None);
    }

    #[test]
    fn conversions_of_one_or_no_stage_are_empty() {
        assert!(conversions(&curve(&[("A", 1, 5, 0)]), Basis::Now).is_empty());
        assert!(conversions(&Curve::default(), Basis::Now).is_empty());
    }

    #[test]
    fn bottleneck_is_the_largest_drop_between_stages() {
        let b = bottleneck(&four(), Basis::Now).unwrap();
        assert_eq!(
            (b.from_stage_id.as_str(), b.to_stage_id.as_str()),
            ("s2", "s3")
        );
    }

    #[test]
    fn bottleneck_uses_target_counts_when_asked() {
        let b = bottleneck(&four(), Basis::Target).unwrap();
        assert_eq!(b.from_stage_id, "s3");
    }

    #[test]
    fn bottleneck_ties_go_to_the_earlier_transition() {
        let c = curve(&[("A", 1, 100, 0), ("B", 2, 10, 0), ("C", 3, 1, 0)]);
        assert_eq!(bottleneck(&c, Basis::Now).unwrap().from_stage_id, "s1");
    }

    #[test]
    fn no_bottleneck_when_no_stage_loses_members() {
        let c = curve(&[("A", 1, 10, 0), ("B", 2, 10, 0), ("C", 3, 20, 0)]);
        assert_eq!(bottleneck(&c, Basis::Now), None);
        assert_eq!(bottleneck(&Curve::default(), Basis::Now), None);
    }

    #[test]
    fn gap_is_target_minus_now_with_percent_of_target() {
        let rows = gap_table(&four());
        assert_eq!(rows[0].gap, Some(1000));
        assert_eq!(rows[0].gap_pct, Some(50.0));
        assert_eq!(rows[3].gap, Some(0));
    }

    #[test]
    fn members_past_the_target_give_a_negative_gap_and_no_flag() {
        let c = curve(&[("A", 1, 150, 100)]);
        let row = &gap_table(&c)[0];
        assert_eq!(row.gap, Some(-50));
        assert!(!row.flagged);
    }

    #[test]
    fn stage_without_a_target_has_no_gap() {
        let c = curve(&[("A", 1, 150, 0)]);
        let row = &gap_table(&c)[0];
        assert_eq!((row.gap, row.gap_pct, row.flagged), (None, None, false));
    }

    #[test]
    fn gap_without_a_touch_point_leading_into_the_stage_is_flagged() {
        let mut c = four();
        c.touch_points = vec![touch("t1", "s1", "s2")];
        let rows = gap_table(&c);
        assert!(!rows[1].flagged);
        assert_eq!(rows[1].touch_point_ids, ["t1"]);
        assert!(rows[2].flagged);
        assert!(!rows[3].flagged, "no gap, no flag");
    }

    #[test]
    fn huge_counts_do_not_overflow_the_gap() {
        let c = curve(&[("A", 1, u64::MAX, 1)]);
        assert_eq!(gap_table(&c)[0].gap, Some(i64::MIN));
        let c = curve(&[("A", 1, 0, u64::MAX)]);
        assert_eq!(gap_table(&c)[0].gap, Some(i64::MAX));
    }
}
