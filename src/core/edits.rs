//! Edits that reach across tools. A tool's own operations keep references inside
//! that tool consistent; the ones here also clear what other tools keep about the
//! record, so a plan never points at something that is gone. The single-tool
//! removals they wrap are private to the core, so the UI can only call these.

use super::career::edit::{forget_goal, remove_key_area, remove_track, EditError};
use super::career::scope_check::forget_key_areas;
use super::curve::distribution::{start_from_distribution, Distribution};
use super::curve::ops::{delete_stage, delete_touch_point, DeletedStage, DeletedTouchPoint};
use super::curve::{apply_template, Curve, TemplateKind};
use super::goals::{self, Goal, GoalError};
use super::plan::Plan;

/// Deletes a goal and drops every citation of it: career evidence that cited it
/// keeps its text but loses the link. Call this, not `goals::remove_goal`.
/// Returns the removed goal.
pub fn remove_goal_everywhere(plan: &mut Plan, goal_id: &str) -> Result<Goal, GoalError> {
    let goal = goals::remove_goal(&mut plan.goals, goal_id)?;
    forget_goal(&mut plan.career, goal_id);
    Ok(goal)
}

/// Deletes a stage with everything in the curve that refers to it (see
/// `curve::ops::delete_stage`) and unlinks goals made from it or from its touch
/// points. Call this, not `curve::ops::delete_stage`.
pub fn delete_stage_everywhere(plan: &mut Plan, stage_id: &str) -> Option<DeletedStage> {
    let deleted = delete_stage(&mut plan.curve, stage_id)?;
    forget_curve_links(plan);
    Some(deleted)
}

/// Deletes a touch point with its problem areas and unlinks goals made from it.
/// Call this, not `curve::ops::delete_touch_point`.
pub fn delete_touch_point_everywhere(plan: &mut Plan, id: &str) -> Option<DeletedTouchPoint> {
    let deleted = delete_touch_point(&mut plan.curve, id)?;
    forget_curve_links(plan);
    Some(deleted)
}

/// Replaces the curve with a template (returning the old curve) and unlinks goals
/// from the stages and touch points that went with it. Call this, not
/// `curve::apply_template`.
pub fn apply_template_everywhere(plan: &mut Plan, kind: TemplateKind) -> Curve {
    let old = apply_template(plan, kind);
    forget_curve_links(plan);
    old
}

/// Replaces the curve with a participation distribution's template scaled to the community
/// (returning the old curve) and unlinks goals from what went with it. Call this, not
/// `curve::distribution::start_from_distribution`.
pub fn start_from_distribution_everywhere(
    plan: &mut Plan,
    dist: Distribution,
    community_size: u64,
) -> Curve {
    let old = start_from_distribution(plan, dist, community_size);
    forget_curve_links(plan);
    old
}

/// Removes a key area and the tags on objectives, goals and touch points that named it.
/// Call this, not `career::edit::remove_key_area`.
pub fn remove_key_area_everywhere(plan: &mut Plan, key_area_id: &str) -> Result<(), EditError> {
    remove_key_area(&mut plan.career, key_area_id)?;
    forget_key_areas(plan);
    Ok(())
}

/// Removes a track and the tags naming its key areas. Call this, not
/// `career::edit::remove_track`.
pub fn remove_track_everywhere(plan: &mut Plan, track_id: &str) -> Result<(), EditError> {
    remove_track(&mut plan.career, track_id)?;
    forget_key_areas(plan);
    Ok(())
}

/// Clears goals' links to stages and touch points that are not in the curve; the
/// goals keep everything else.
pub fn forget_curve_links(plan: &mut Plan) {
    let curve = &plan.curve;
    for goal in &mut plan.goals.goals {
        if goal
            .stage_id
            .as_deref()
            .is_some_and(|s| curve.stage(s).is_none())
        {
            goal.stage_id = None;
        }
        if goal
            .touch_point_id
            .as_deref()
            .is_some_and(|t| curve.touch_point(t).is_none())
        {
            goal.touch_point_id = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::career::edit::{add_evidence, add_self_assessment, add_track};
    use crate::core::career::templates::{add_template, Template};
    use crate::core::career::{Evidence, Family, TrackKind};
    use crate::core::schema;

    #[test]
    fn removing_a_goal_cited_as_evidence_keeps_the_evidence_without_the_link() {
        let mut plan = Plan::new("plan", "P");
        let goal = goals::add_goal(&mut plan, None).unwrap();
        let track = add_template(&mut plan, Template::Community);
        let level = plan.career.track(&track).unwrap().levels[0].id.clone();
        let assessment = add_self_assessment(&mut plan, &level).unwrap();
        let evidence = Evidence {
            text: "Ran the summit".into(),
            goal_id: Some(goal.clone().into()),
            ..Evidence::default()
        };
        add_evidence(&mut plan, &assessment, evidence).unwrap();

        let removed = remove_goal_everywhere(&mut plan, &goal).unwrap();

        assert_eq!(removed.id, goal);
        let kept = &plan.career.self_assessments[0].evidence[0];
        assert_eq!(
            (kept.text.as_str(), kept.goal_id.as_deref()),
            ("Ran the summit", None)
        );
        assert_eq!(schema::check_plan(&plan), Ok(()));
    }

    #[test]
    fn deleting_a_stage_or_touch_point_unlinks_goals_made_from_them() {
        let mut plan = Plan::new("plan", "P");
        let a = crate::core::curve::ops::add_stage(&mut plan, "A", None);
        let b = crate::core::curve::ops::add_stage(&mut plan, "B", None);
        let t = crate::core::curve::ops::add_touch_point(&mut plan, "Welcome", &a, &b).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let seed = crate::core::curve::goal_seed_from_touch_point(&plan.curve, &t).unwrap();
        let from_touch = goals::add_goal_from_curve(&mut plan, &seed, None, today).unwrap();
        let seed = crate::core::curve::goal_seed_from_gap(&plan.curve, &a).unwrap();
        let from_gap = goals::add_goal_from_curve(&mut plan, &seed, None, today).unwrap();

        delete_touch_point_everywhere(&mut plan, &t).unwrap();
        let goal = plan.goals.goal(&from_touch).unwrap();
        assert_eq!(
            (goal.stage_id.as_deref(), goal.touch_point_id.as_deref()),
            (Some(b.as_str()), None)
        );
        delete_stage_everywhere(&mut plan, &a).unwrap();
        assert_eq!(plan.goals.goal(&from_gap).unwrap().stage_id, None);
        assert_eq!(schema::check_plan(&plan), Ok(()));
        apply_template_everywhere(&mut plan, TemplateKind::Orbit);
        assert_eq!(plan.goals.goal(&from_touch).unwrap().stage_id, None);
        assert_eq!(schema::check_plan(&plan), Ok(()));
    }

    #[test]
    fn removing_an_unknown_goal_changes_nothing() {
        let mut plan = Plan::new("plan", "P");
        add_track(&mut plan, "T", Family::Community, TrackKind::Manager);
        let before = plan.clone();
        assert!(remove_goal_everywhere(&mut plan, "g404").is_err());
        assert_eq!(plan, before);
    }

    #[test]
    fn removing_a_key_area_or_its_track_drops_the_tags_that_named_it() {
        let mut plan = Plan::new("plan", "P");
        let track = add_template(&mut plan, Template::Community);
        let areas: Vec<crate::core::ids::KeyAreaId> = plan.career.track(&track).unwrap().key_areas
            [..2]
            .iter()
            .map(|a| a.id.clone())
            .collect();
        let goal = goals::add_goal(&mut plan, None).unwrap();
        let objective = goals::add_objective(&mut plan, "O");
        plan.goals.goal_mut(&goal).unwrap().key_area_ids = areas.clone();
        plan.goals.objectives[0].key_area_ids = areas.clone();

        remove_key_area_everywhere(&mut plan, &areas[0]).unwrap();
        assert_eq!(
            plan.goals.goal(&goal).unwrap().key_area_ids,
            [areas[1].clone()]
        );
        assert_eq!(schema::check_plan(&plan), Ok(()));

        remove_track_everywhere(&mut plan, &track).unwrap();
        assert!(plan.goals.goal(&goal).unwrap().key_area_ids.is_empty());
        assert!(plan
            .goals
            .objective(&objective)
            .unwrap()
            .key_area_ids
            .is_empty());
        assert_eq!(schema::check_plan(&plan), Ok(()));
    }
}
