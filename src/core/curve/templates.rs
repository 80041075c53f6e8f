//! Well-known models to start a curve from, each naming its source.

use super::templates_data::{StageDef, TemplateDef, TouchDef, TEMPLATES};
use super::{Ask, Curve, DataPoint, Stage, TouchPoint, TouchPointStatus};
use crate::core::plan::Plan;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TemplateKind {
    /// Awareness → membership → belonging → leadership, adapted from the commitment curve.
    CommitmentCurve,
    /// Adapted from Mozilla's community-building pages: interested → casual → active → core.
    Mozilla,
    /// Orbit model v2 levels: exploring → participating → contributing → leading.
    Orbit,
    /// Apache: user → contributor → committer → PMC member.
    Apache,
    /// CNCF contributor ladder.
    Cncf,
    Blank,
}

impl TemplateKind {
    pub const ALL: [TemplateKind; 6] = [
        TemplateKind::CommitmentCurve,
        TemplateKind::Mozilla,
        TemplateKind::Orbit,
        TemplateKind::Apache,
        TemplateKind::Cncf,
        TemplateKind::Blank,
    ];

    fn def(self) -> &'static TemplateDef {
        let i = match self {
            TemplateKind::CommitmentCurve => 0,
            TemplateKind::Mozilla => 1,
            TemplateKind::Orbit => 2,
            TemplateKind::Apache => 3,
            TemplateKind::Cncf => 4,
            TemplateKind::Blank => 5,
        };
        &TEMPLATES[i]
    }
}

/// What the template picker shows.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateInfo {
    pub kind: TemplateKind,
    pub name: &'static str,
    /// Who the model comes from, shown in the UI and stored as the curve's source.
    pub source: &'static str,
    pub stage_names: Vec<&'static str>,
}

pub fn template_info(kind: TemplateKind) -> TemplateInfo {
    let def = kind.def();
    TemplateInfo {
        kind,
        name: def.name,
        source: def.source,
        stage_names: def.stages.iter().map(|s| s.name).collect(),
    }
}

pub fn templates() -> Vec<TemplateInfo> {
    TemplateKind::ALL
        .iter()
        .map(|k| template_info(*k))
        .collect()
}

/// Builds the template's curve with fresh ids from the plan (the plan is not changed
/// otherwise).
pub fn build_template(plan: &mut Plan, kind: TemplateKind) -> Curve {
    let def = kind.def();
    let stages: Vec<Stage> = def.stages.iter().map(|s| build_stage(plan, s)).collect();
    let touch_points = def
        .touch_points
        .iter()
        .filter_map(|t| build_touch(plan, t, &stages))
        .collect();
    Curve {
        stages,
        touch_points,
        source: if def.stages.is_empty() {
            String::new()
        } else {
            def.source.to_string()
        },
        ..Curve::default()
    }
}

/// Replaces the plan's curve with a template and returns the curve it replaced (so the
/// UI can undo). Snapshots go with the old curve: their stages no longer exist.
pub(in crate::core) fn apply_template(plan: &mut Plan, kind: TemplateKind) -> Curve {
    let curve = build_template(plan, kind);
    std::mem::replace(&mut plan.curve, curve)
}

fn build_stage(plan: &mut Plan, def: &StageDef) -> Stage {
    Stage {
        id: plan.fresh_id("s").into(),
        name: def.name.to_string(),
        description: def.who.to_string(),
        commitment_level: def.level,
        asks: def
            .asks
            .iter()
            .map(|(text, effort)| Ask {
                id: plan.fresh_id("a").into(),
                text: text.to_string(),
                effort: *effort,
                extra: Default::default(),
            })
            .collect(),
        emotions_desired: def.desired.iter().map(|e| e.to_string()).collect(),
        ..Stage::default()
    }
}

fn build_touch(plan: &mut Plan, def: &TouchDef, stages: &[Stage]) -> Option<TouchPoint> {
    let from = stages.get(def.from)?.id.clone();
    let to = stages.get(def.to)?.id.clone();
    Some(TouchPoint {
        id: plan.fresh_id("t").into(),
        name: def.name.to_string(),
        from_stage_id: from,
        to_stage_id: to,
        kind: def.kind,
        channel: def.channel.to_string(),
        status: TouchPointStatus::Planned,
        outcome: def.outcome,
        reward: def.reward.to_string(),
        follow_up: def.follow_up.to_string(),
        data_point: DataPoint {
            metric: def.metric.to_string(),
            ..DataPoint::default()
        },
        ..TouchPoint::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::curve::warnings::{warnings, WarningKind};

    fn names(c: &Curve) -> Vec<&str> {
        c.stages.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn each_model_has_its_documented_stages_in_order() {
        let mut plan = Plan::new("p", "P");
        let expect: [(TemplateKind, &[&str]); 6] = [
            (
                TemplateKind::CommitmentCurve,
                &["Awareness", "Membership", "Belonging", "Leadership"],
            ),
            (
                TemplateKind::Mozilla,
                &["Interested", "Casual", "Active", "Core"],
            ),
            (
                TemplateKind::Orbit,
                &["Exploring", "Participating", "Contributing", "Leading"],
            ),
            (
                TemplateKind::Apache,
                &["User", "Contributor", "Committer", "PMC member"],
            ),
            (
                TemplateKind::Cncf,
                &[
                    "Participant",
                    "Contributor",
                    "Organization member",
                    "Reviewer",
                    "Maintainer",
                ],
            ),
            (TemplateKind::Blank, &[]),
        ];
        for (kind, stages) in expect {
            assert_eq!(names(&build_template(&mut plan, kind)), stages, "{kind:?}");
        }
    }

    #[test]
    fn adapted_models_say_so_and_mozilla_cites_its_community_building_pages() {
        let mozilla = template_info(TemplateKind::Mozilla).source;
        assert!(mozilla.starts_with("Adapted from Mozilla's community-building pages"));
        assert!(mozilla.contains("wiki.mozilla.org/Community"));
        assert!(!mozilla.contains("Open Leadership Training"));
        let curve = template_info(TemplateKind::CommitmentCurve).source;
        assert!(curve.starts_with("Adapted from the commitment curve"));
    }

    #[test]
    fn every_template_names_its_source() {
        for t in templates() {
            assert!(!t.source.trim().is_empty(), "{:?}", t.kind);
        }
        assert!(template_info(TemplateKind::CommitmentCurve)
            .source
            .contains("Carrie Melissa Jones"));
        assert!(template_info(TemplateKind::Orbit).source.contains("Orbit"));
    }

    #[test]
    fn non_blank_templates_come_with_asks_and_touch_points_on_every_transition() {
        let mut plan = Plan::new("p", "P");
        for kind in TemplateKind::ALL
            .into_iter()
            .filter(|k| *k != TemplateKind::Blank)
        {
            let c = build_template(&mut plan, kind);
            assert!(c.stages.iter().all(|s| !s.asks.is_empty()), "{kind:?}");
            assert!(c
                .stages
                .windows(2)
                .all(|w| w[0].commitment_level < w[1].commitment_level));
            let w: Vec<WarningKind> = warnings(&c).iter().map(|w| w.kind).collect();
            assert!(
                !w.contains(&WarningKind::TransitionWithoutTouchPoint)
                    && !w.contains(&WarningKind::TouchPointWithoutDataPoint)
                    && !w.contains(&WarningKind::EffortJump),
                "{kind:?}: {w:?}"
            );
        }
    }

    #[test]
    fn template_ids_are_fresh_and_unique() {
        let mut plan = Plan::new("p", "P");
        let c = build_template(&mut plan, TemplateKind::Cncf);
        let mut ids: Vec<&str> = c.stages.iter().map(|s| s.id.as_str()).collect();
        ids.extend(c.touch_points.iter().map(|t| t.id.as_str()));
        ids.extend(
            c.stages
                .iter()
                .flat_map(|s| s.asks.iter().map(|a| a.id.as_str())),
        );
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n);
        assert_eq!(plan.next_id as usize, n);
    }

    #[test]
    fn applying_a_template_returns_the_old_curve_and_records_the_source() {
        let mut plan = Plan::new("p", "P");
        plan.curve.source = "old".into();
        let old = apply_template(&mut plan, TemplateKind::Apache);
        assert_eq!(old.source, "old");
        assert!(plan.curve.source.contains("Apache"));
        apply_template(&mut plan, TemplateKind::Blank);
        assert_eq!(plan.curve, Curve::default());
    }
}
