//! The goals of the other plans in this browser, for evidence that cites them. Read only:
//! nothing here writes storage, and a plan that cannot be read is reported and skipped.

use leptos::prelude::*;

use crate::core::goals::GoalBook;
use crate::core::schema::PlanReader;
use crate::ui::state::{use_app_state, PlanCondition};

/// Why another plan's goals are not listed while the plan reader is on its way.
const NOT_READ_YET: &str = "not read: Trellis has not downloaded the part that reads plans yet";

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct OtherPlan {
    pub id: String,
    pub name: String,
    /// The plan's goals, or why they cannot be read.
    pub goals: Result<GoalBook, String>,
}

/// The other plans, read again when the plan list changes. `needed` keeps them unread
/// until some evidence exists to cite them.
#[derive(Clone, Copy)]
pub(crate) struct OtherPlans(pub Memo<Vec<OtherPlan>>);

pub(crate) fn provide_other_plans(needed: Memo<bool>) {
    let state = use_app_state();
    let current = Memo::new(move |_| state.plan.with(|p| p.as_ref().map(|p| p.id.clone())));
    // The list is touched on every undo (to refresh names); only a real change re-reads.
    let entries = Memo::new(move |_| state.plans.get());
    // The other plans are read with the plan reader, which a first visit fetches at idle.
    Effect::new(move |_| {
        if needed.get() && state.reader.get().is_none() {
            leptos::task::spawn_local(async move {
                let _ = state.plan_reader().await;
            });
        }
    });
    let plans = Memo::new(move |_| {
        if !needed.get() {
            return Vec::new();
        }
        let reader = state.reader.get();
        let current = current.get();
        entries.with(|entries| {
            entries
                .iter()
                .filter(|e| Some(&e.id) != current.as_ref())
                .filter_map(|e| {
                    let goals = match &e.condition {
                        PlanCondition::NotYetRead | PlanCondition::Readable => match reader {
                            Some(reader) => read_goals(state, &e.id, reader)?,
                            None => Err(NOT_READ_YET.into()),
                        },
                        PlanCondition::Unreadable { reason, .. } => Err(reason.clone()),
                        PlanCondition::Newer { version } => Err(format!(
                            "it was saved by a newer version of Trellis (format {version})"
                        )),
                    };
                    Some(OtherPlan {
                        id: e.id.clone(),
                        name: e.name.clone(),
                        goals,
                    })
                })
                .collect()
        })
    });
    provide_context(OtherPlans(plans));
}

/// The plan's goals as this tab has it (stored, or kept in memory), or why not.
fn read_goals(
    state: crate::ui::state::AppState,
    id: &str,
    reader: PlanReader,
) -> Option<Result<GoalBook, String>> {
    Some(
        state
            .read_plan(id, reader)
            .map(|plan| plan.goals)
            .ok_or_else(|| "it could not be read".to_string()),
    )
}

pub(crate) fn use_other_plans() -> Memo<Vec<OtherPlan>> {
    expect_context::<OtherPlans>().0
}
