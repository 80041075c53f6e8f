//! The bundled sample plan: what a good plan looks like, for first-time users.

use chrono::NaiveDate;

use super::career::Scope;
use super::plan::Plan;
use super::{career, curve, goals};

pub const SAMPLE_NAME: &str = "Sample: Developer forum relaunch";

/// A complete example plan under `id`: goals, a commitment curve and a career worksheet.
/// Goal dates are laid around `today` so the sample never shows deadlines long past.
pub fn sample_plan(id: impl Into<String>, today: NaiveDate) -> Plan {
    let mut plan = Plan::new(id, SAMPLE_NAME);
    goals::sample_as_of(&mut plan, today);
    curve::sample(&mut plan);
    career::sample(&mut plan);
    tag_work(&mut plan);
    plan
}

/// What the name of every sample plan starts with: while a plan's name still says it, the plan
/// is the example, and the plan page says so with the way out (issue 31).
pub const SAMPLE_PREFIX: &str = "Sample: ";

/// The name a cleared example takes, unless it was renamed first.
pub const CLEARED_NAME: &str = "My community plan";

/// Whether the plan is still the example: its name says "Sample: ".
pub fn is_example(plan: &Plan) -> bool {
    plan.name.starts_with(SAMPLE_PREFIX)
}

/// Clears the example's own data and keeps what is worth building on (issue 31):
/// - **Goals**: the example's objectives, goals and periods go (they are about a developer
///   forum).
/// - **Commitment curve**: the stages and touch points stay (a journey to adapt), with no members,
///   targets, value models or goal links; the snapshots and problem areas go.
/// - **Career**: the tracks, levels, key areas and behaviours stay, with their public reference
///   bands; every figure made up for the example (the illustrative company bands, in use or in a
///   research log) goes, a level then using its public figure when its log has one. The example's
///   pay records, exchange rates, self-assessment, role owners, HR note and choices go.
/// - **The plan**: "Sample: …" becomes "My community plan"; "prepared by" is cleared.
pub fn clear_example_data(plan: &mut Plan) {
    use super::career::SourceKind;
    plan.goals = goals::GoalBook {
        extra: std::mem::take(&mut plan.goals.extra),
        ..goals::GoalBook::default()
    };
    let c = &mut plan.curve;
    for stage in &mut c.stages {
        stage.members_now = 0;
        stage.target_members = 0;
        stage.target_date = None;
    }
    for t in &mut c.touch_points {
        t.value = None;
    }
    c.snapshots.clear();
    c.problem_areas.clear();
    let career = &mut plan.career;
    let made_up = |b: &career::Band| b.source.kind == SourceKind::Illustrative;
    for track in &mut career.tracks {
        track.hr_classification.clear();
        for level in &mut track.levels {
            level.research.retain(|e| !made_up(&e.band));
            if level.band.as_ref().is_some_and(made_up) {
                level.band = level.research.first().map(|e| e.band.clone());
            }
        }
    }
    career.comp_records.clear();
    career.exchange_rates.clear();
    career.self_assessments.clear();
    career.role_owners.clear();
    career.count_anyway_level_ids.clear();
    career.ageing = career::Ageing::default();
    plan.prepared_by.clear();
    if is_example(plan) {
        plan.name = CLEARED_NAME.into();
    }
}

/// Who owns what, and the scope the sample's team tagged, where its own data says: the
/// community team and the community manager are the role's; the first objective and its
/// contributor goal span the community team, developer support, SDK maintainers and developer
/// advocates (several teams); the community manager's two touch points are one person's
/// work. The second objective (owned with developer education) and the other goals are left
/// untagged, so the check shows what it leaves out.
fn tag_work(plan: &mut Plan) {
    plan.career.role_owners = vec![
        "Developer community team".into(),
        "The community team".into(),
        "Community manager".into(),
    ];
    if let Some(o) = plan.goals.objectives.first_mut() {
        o.scope = Some(Scope::SeveralTeams);
    }
    if let Some(g) = plan.goals.goals.first_mut() {
        g.scope = Some(Scope::SeveralTeams);
    }
    for t in &mut plan.curve.touch_points {
        if t.owner == "Community manager" {
            t.scope = Some(Scope::OneSelf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::schema;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn the_sample_is_an_example_until_renamed_or_cleared() {
        let mut plan = sample_plan("p1", today());
        assert!(is_example(&plan));
        plan.name = "Forum relaunch 2027".into();
        assert!(!is_example(&plan));
    }

    #[test]
    fn clearing_the_example_keeps_the_structure_and_drops_its_data() {
        use crate::core::career::SourceKind;
        let mut plan = sample_plan("p1", today());
        let stages: Vec<String> = plan.curve.stages.iter().map(|s| s.name.clone()).collect();
        let tracks = plan.career.tracks.len();
        let touch_points = plan.curve.touch_points.len();
        clear_example_data(&mut plan);
        assert!(!is_example(&plan));
        assert_eq!(plan.name, CLEARED_NAME);
        assert!(plan.goals.goals.is_empty() && plan.goals.objectives.is_empty());
        assert!(plan.goals.periods.is_empty());
        // The journey stays, without the example's figures.
        let kept: Vec<String> = plan.curve.stages.iter().map(|s| s.name.clone()).collect();
        assert_eq!(kept, stages);
        assert_eq!(plan.curve.touch_points.len(), touch_points);
        assert!(plan
            .curve
            .stages
            .iter()
            .all(|s| s.members_now == 0 && s.target_members == 0));
        assert!(plan.curve.snapshots.is_empty() && plan.curve.problem_areas.is_empty());
        assert!(plan.curve.touch_points.iter().all(|t| t.value.is_none()));
        // The tracks stay with their public figures; nothing made up is left anywhere.
        assert_eq!(plan.career.tracks.len(), tracks);
        let levels = plan.career.tracks.iter().flat_map(|t| &t.levels);
        let bands: Vec<_> = levels
            .clone()
            .flat_map(|l| l.band.iter().chain(l.research.iter().map(|e| &e.band)))
            .collect();
        assert!(!bands.is_empty(), "public reference bands are kept");
        assert!(bands
            .iter()
            .all(|b| b.source.kind != SourceKind::Illustrative));
        // The proposed level uses its public figure from the research log.
        let proposed = plan.career.proposed_level_id.clone().unwrap();
        let (_, level) = plan.career.level(&proposed).unwrap();
        assert!(
            level.band.is_some(),
            "the proposed level uses its public figure"
        );
        assert!(plan.career.comp_records.is_empty());
        assert!(plan.career.self_assessments.is_empty());
        assert!(plan.career.role_owners.is_empty());
        // Nothing points at what went: the plan is as sound as an import requires.
        assert_eq!(schema::check_plan(&plan), Ok(()));
    }

    #[test]
    fn clearing_keeps_a_name_the_user_chose() {
        let mut plan = sample_plan("p1", today());
        plan.name = "Forum relaunch 2027".into();
        clear_example_data(&mut plan);
        assert_eq!(plan.name, "Forum relaunch 2027");
    }

    #[test]
    fn sample_plan_passes_import_validation() {
        let plan = sample_plan("p1", today());
        assert_eq!(schema::check_plan(&plan), Ok(()));
    }

    #[test]
    fn sample_plan_survives_export_and_import_unchanged() {
        let plan = sample_plan("p1", today());
        let back = crate::core::schema::PlanReader::linked().import(&schema::export_plan(&plan));
        assert_eq!(back, Ok(plan));
    }

    #[test]
    fn the_sample_scope_check_shows_a_finding_its_owners_and_tags_support() {
        let plan = sample_plan("p1", today());
        let level = plan.career.proposed_level_id.clone().unwrap();
        let check = career::scope_check::scope_check(&plan, &level).unwrap();
        let messages: Vec<String> = check
            .findings
            .iter()
            .map(|f| f.message(&check.level, &check.track_name))
            .collect();
        assert_eq!(
            messages,
            [
                "1 goal and 1 objective owned by the role or its team are tagged at several teams \
              scope, wider than Community Manager's (team): the scope of C3 Senior Community \
              Manager."
            ]
        );
        assert_eq!(
            check.summary(),
            "4 of the 10 pieces of work in this plan are owned by the role or its team \
             (Developer community team, The community team and Community manager) and tagged \
             with a scope: 2 fit Community Manager's scope (team); 2 are wider. Not counted: 6 \
             not tagged with a scope."
        );
        // The sponsor's strategy is nobody's work here: no objective is organisation scope.
        assert!(check
            .findings
            .iter()
            .all(|f| f.scope == Scope::SeveralTeams));
    }

    #[test]
    fn sample_plan_fills_every_tool() {
        let plan = sample_plan("p1", today());
        assert!(!plan.curve.stages.is_empty());
        assert!(!plan.career.tracks.is_empty());
        assert!(!plan.goals.goals.is_empty());
    }
}
