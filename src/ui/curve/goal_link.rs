//! Links to goals: "Create goal" from a gap or a touch point, and a stage's linked goals.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::base_path::app_href;
use crate::core::curve::{goal_seed_from_gap, goal_seed_from_touch_point};
use crate::core::goals::add_goal_from_curve;
use crate::ui::clock;
use crate::ui::goals::goal_href;
use crate::ui::state::use_app_state;

#[derive(Clone, Debug, PartialEq)]
pub enum GoalSource {
    /// A stage's gap (stage id).
    Gap(String),
    /// A touch point's data point (touch-point id).
    TouchPoint(String),
}

#[component]
pub fn CreateGoalButton(
    source: GoalSource,
    #[prop(into)] label: String,
    #[prop(optional, into)] aria_label: Option<String>,
) -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let source = StoredValue::new(source);
    let create = move |_| {
        let created = Rc::new(RefCell::new(None::<String>));
        let out = created.clone();
        let today = clock::today();
        let from = source.get_value();
        state.edit("curve:create-goal", move |plan| {
            let seed = match &from {
                GoalSource::Gap(stage) => goal_seed_from_gap(&plan.curve, stage),
                GoalSource::TouchPoint(tp) => goal_seed_from_touch_point(&plan.curve, tp),
            };
            if let Some(seed) = seed {
                *out.borrow_mut() = add_goal_from_curve(plan, &seed, None, today).ok();
            }
        });
        let id = created.borrow_mut().take();
        match id {
            Some(id) => navigate(&goal_href(&id), Default::default()),
            None => state.notify(
                "That goal could not be created: its stage is gone.".into(),
                None,
            ),
        }
    };
    view! {
        <button class="small" aria-label=aria_label on:click=create>
            {label}
        </button>
    }
}

/// The goals created from a stage, linking to the Goals tool.
#[component]
pub fn LinkedGoals(stage_id: String) -> impl IntoView {
    let state = use_app_state();
    let goals = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.goals
                        .goals
                        .iter()
                        .filter(|g| g.stage_id.as_deref() == Some(stage_id.as_str()))
                        .map(|g| {
                            let title = if g.title.trim().is_empty() {
                                "Untitled goal".to_string()
                            } else {
                                g.title.clone()
                            };
                            (g.id.to_string(), title)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <Show
            when=move || goals.with(|g| !g.is_empty())
            fallback=|| view! { <p class="hint">"No goal is linked to this stage yet."</p> }
        >
            <ul class="linked-goals" data-testid="linked-goals">
                <For
                    each=move || goals.get()
                    key=|g| g.clone()
                    children=|(id, title)| {
                        view! {
                            <li>
                                <A href=app_href(&goal_href(&id))>{title}</A>
                            </li>
                        }
                    }
                />
            </ul>
        </Show>
    }
}
