//! Edits that reach across tools. A tool's own operations keep references inside
//! that tool consistent; the ones here also clear what other tools keep about the
//! record, so a plan never points at something that is gone. The UI calls these
//! instead of the single-tool removals they wrap.

use super::career::edit::forget_goal;
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
            goal_id: Some(goal.clone()),
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
    fn removing_an_unknown_goal_changes_nothing() {
        let mut plan = Plan::new("plan", "P");
        add_track(&mut plan, "T", Family::Community, TrackKind::Manager);
        let before = plan.clone();
        assert!(remove_goal_everywhere(&mut plan, "g404").is_err());
        assert_eq!(plan, before);
    }
}
