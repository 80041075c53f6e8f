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
