//! The Goals tool: program objectives with their SMART goals as key results, and the goal
//! editor (statement, SMART check, milestones, check-ins, reviews). `/goals?goal=<id>`
//! opens one goal, so other tools can link straight to it.

mod chart;
mod editor;
mod overview;
mod people;
mod periods;
mod review;
mod smart_panel;
mod tracking;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

use crate::core::goals::{
    Cadence, Direction, Goal, GoalError, GoalStatus, Growth, Totalling, Window,
};
use crate::core::plan::Plan;
use crate::ui::state::AppState;

#[component]
pub fn GoalsPage() -> impl IntoView {
    let query = use_query_map();
    let open_goal = Memo::new(move |_| {
        query
            .with(|q| q.get("goal"))
            .filter(|id| !id.trim().is_empty())
    });
    // Shown only with a plan open (`ui::tool_routes`).
    view! {
        <section class="tool goals" aria-labelledby="goals-title">
            {move || match open_goal.get() {
                Some(id) => view! { <editor::GoalEditor id /> }.into_any(),
                None => view! { <overview::Overview /> }.into_any(),
            }}
        </section>
    }
}

/// The path inside the app that opens one goal (as `use_navigate` takes it; a link wraps it in
/// `base_path::app_href`).
pub fn goal_href(id: &str) -> String {
    format!("/goals?goal={id}")
}

/// One goal of the open plan, read and edited by id. Copy, so closures can take it freely.
#[derive(Clone, Copy)]
pub struct GoalCtx {
    pub state: AppState,
    id: StoredValue<String>,
    pub goal: Memo<Option<Goal>>,
}

impl GoalCtx {
    pub fn new(state: AppState, id: String) -> Self {
        let lookup = id.clone();
        let goal = Memo::new(move |_| {
            state
                .plan
                .with(|p| p.as_ref().and_then(|p| p.goals.goal(&lookup).cloned()))
        });
        GoalCtx {
            state,
            id: StoredValue::new(id),
            goal,
        }
    }

    pub fn id(&self) -> String {
        self.id.get_value()
    }

    /// Changes the goal; `key` names the field so typing in it undoes as one step.
    pub fn edit(&self, key: &str, change: impl FnOnce(&mut Goal)) {
        let id = self.id();
        self.state.edit(&format!("goal:{id}:{key}"), |plan| {
            if let Some(goal) = plan.goals.goal_mut(&id) {
                change(goal);
            }
        });
    }

    /// Runs a core operation on the plan; its error, if any, is returned for display.
    /// `key` names the field, so repeated changes of it undo together.
    pub fn run<R>(
        &self,
        key: &str,
        op: impl FnOnce(&mut Plan, &str) -> Result<R, GoalError>,
    ) -> Result<R, String> {
        let id = self.id();
        let mut outcome = None;
        self.state.edit(&format!("goal:{id}:{key}"), |plan| {
            outcome = Some(op(plan, &id));
        });
        Self::outcome(outcome)
    }

    /// [`GoalCtx::run`] as an undo step of its own (adding or removing something).
    pub fn run_step<R>(
        &self,
        op: impl FnOnce(&mut Plan, &str) -> Result<R, GoalError>,
    ) -> Result<R, String> {
        let id = self.id();
        let mut outcome = None;
        self.state.edit_step(|plan| {
            outcome = Some(op(plan, &id));
        });
        Self::outcome(outcome)
    }

    fn outcome<R>(outcome: Option<Result<R, GoalError>>) -> Result<R, String> {
        match outcome {
            Some(Ok(value)) => Ok(value),
            Some(Err(e)) => Err(e.to_string()),
            None => Err("No plan is open.".into()),
        }
    }

    /// A value read from the goal (the default while it is missing).
    pub fn read<T: Default>(&self, f: impl FnOnce(&Goal) -> T) -> T {
        self.goal.with(|g| g.as_ref().map(f).unwrap_or_default())
    }

    pub fn signal<T>(self, f: impl Fn(&Goal) -> T + Send + Sync + 'static) -> Signal<T>
    where
        T: Default + Clone + Send + Sync + 'static,
    {
        Signal::derive(move || self.read(&f))
    }
}

/// Moves keyboard focus to the button with `id` once the view has re-rendered (a moved
/// list row is re-inserted, which drops focus), or to `fallback` when that one is now
/// disabled (the row reached the end of the list).
pub fn focus_later(id: String, fallback: String) {
    request_animation_frame(move || {
        let find = |id: &str| {
            document()
                .get_element_by_id(id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                .filter(|e| !e.has_attribute("disabled"))
        };
        if let Some(el) = find(&id).or_else(|| find(&fallback)) {
            let _ = el.focus();
        }
    });
}

/// Moves keyboard focus to the first element matching `selector` once it is rendered (it may
/// appear a frame or two later, e.g. after a route change); gives up after a few frames.
pub fn focus_selector_later(selector: String) {
    fn attempt(selector: String, frames_left: u8) {
        request_animation_frame(move || {
            let found = document()
                .query_selector(&selector)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            match found {
                Some(el) => {
                    let _ = el.focus();
                }
                None if frames_left > 0 => attempt(selector, frames_left - 1),
                None => {}
            }
        });
    }
    attempt(selector, 5);
}

// Choices for the enum selects: options are the index in these lists.

pub const STATUSES: [GoalStatus; 5] = [
    GoalStatus::Draft,
    GoalStatus::Active,
    GoalStatus::Achieved,
    GoalStatus::Missed,
    GoalStatus::Dropped,
];
pub const DIRECTIONS: [Direction; 4] = [
    Direction::Increase,
    Direction::Decrease,
    Direction::KeepAbove,
    Direction::KeepBelow,
];
pub const TOTALLINGS: [Totalling; 3] = [
    Totalling::LatestValue,
    Totalling::RunningTotal,
    Totalling::Rate,
];
pub const WINDOWS: [Window; 6] = [
    Window::Day,
    Window::Week,
    Window::Month,
    Window::Quarter,
    Window::Year,
    Window::SinceBaseline,
];
pub const CADENCES: [Cadence; 4] = [
    Cadence::Weekly,
    Cadence::Fortnightly,
    Cadence::Monthly,
    Cadence::Quarterly,
];
pub const GROWTHS: [Growth; 2] = [Growth::Linear, Growth::Compound];

pub fn cadence_label(c: Cadence) -> &'static str {
    match c {
        Cadence::Weekly => "Weekly",
        Cadence::Fortnightly => "Every two weeks",
        Cadence::Monthly => "Monthly",
        Cadence::Quarterly => "Quarterly",
        Cadence::Unknown(_) => crate::core::newer::LABEL,
    }
}

pub fn growth_label(g: Growth) -> &'static str {
    match g {
        Growth::Linear => "Linear (same amount each month)",
        Growth::Compound => "Compound (same percentage each month)",
        Growth::Unknown(_) => crate::core::newer::LABEL,
    }
}

pub fn options<T: Copy>(all: &[T], label: impl Fn(T) -> String) -> Vec<(String, String)> {
    all.iter()
        .enumerate()
        .map(|(i, v)| (i.to_string(), label(*v)))
        .collect()
}

/// The picker's key of `value`: its position in `all` (every known value), or for a value from
/// a newer version of Trellis, which no list of this build holds, [`newer::OPTION`].
///
/// [`newer::OPTION`]: crate::core::newer::OPTION
pub fn index_of<T: PartialEq>(all: &[T], value: T) -> String {
    all.iter()
        .position(|v| *v == value)
        .map_or_else(|| crate::core::newer::OPTION.to_string(), |i| i.to_string())
}

pub fn pick<T: Copy>(all: &[T], key: &str) -> Option<T> {
    key.parse::<usize>().ok().and_then(|i| all.get(i).copied())
}

/// The badge class for a goal status.
pub fn status_class(status: GoalStatus) -> &'static str {
    match status {
        GoalStatus::Draft => "badge",
        GoalStatus::Active => "badge info",
        GoalStatus::Achieved => "badge ok",
        GoalStatus::Missed => "badge bad",
        GoalStatus::Dropped => "badge",
        GoalStatus::Unknown(_) => "badge",
    }
}

/// The badge class for where a goal stands: the colour of the status the core computed
/// (`TrackStatus::tone`), so the words and the colour cannot disagree.
pub fn track_class(status: crate::core::goals::TrackStatus) -> &'static str {
    status.tone().badge_class()
}

/// "Linked to stage “Member”" for goals made from the commitment curve.
pub fn stage_link_text(plan: &Plan, goal: &Goal) -> Option<String> {
    let stage_id = goal.stage_id.as_deref()?;
    let stage = plan
        .curve
        .stage(stage_id)
        .map(|s| format!("stage “{}”", s.name))
        .unwrap_or_else(|| "a stage no longer on the curve".to_string());
    let touch = goal
        .touch_point_id
        .as_deref()
        .and_then(|t| plan.curve.touch_point(t))
        .map(|t| format!(", touch point “{}”", t.name))
        .unwrap_or_default();
    Some(format!("Linked to {stage}{touch} on the commitment curve"))
}
