//! Problem areas found in the gap analysis, each with a proposed solution.

use leptos::prelude::*;

use crate::core::curve::ops::{self, Attachment};
use crate::ui::state::use_app_state;
use crate::ui::widgets::unique_id;

use super::display_name;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct ProblemView {
    id: String,
    on: String,
    problem: String,
    solution: String,
}

#[component]
pub fn ProblemAreas() -> impl IntoView {
    let state = use_app_state();
    let list = Memo::new(move |_| {
        state.plan.with(|p| {
            let Some(p) = p.as_ref() else {
                return Vec::new();
            };
            let c = &p.curve;
            c.problem_areas
                .iter()
                .map(|pa| {
                    let on = if let Some(s) = pa.stage_id.as_deref().and_then(|s| c.stage(s)) {
                        format!("Stage: {}", display_name(&s.name))
                    } else if let Some(t) =
                        pa.touch_point_id.as_deref().and_then(|t| c.touch_point(t))
                    {
                        format!("Touch point: {}", t.name)
                    } else {
                        "Not attached".to_string()
                    };
                    ProblemView {
                        id: pa.id.clone(),
                        on,
                        problem: pa.problem.clone(),
                        solution: pa.proposed_solution.clone(),
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let targets = Memo::new(move |_| {
        state.plan.with(|p| {
            let Some(p) = p.as_ref() else {
                return Vec::new();
            };
            let mut out: Vec<(String, String)> = p
                .curve
                .stages
                .iter()
                .map(|s| {
                    (
                        format!("s:{}", s.id),
                        format!("Stage: {}", display_name(&s.name)),
                    )
                })
                .collect();
            out.extend(
                p.curve
                    .touch_points
                    .iter()
                    .map(|t| (format!("t:{}", t.id), format!("Touch point: {}", t.name))),
            );
            out
        })
    });
    let on = RwSignal::new(String::new());
    let problem = RwSignal::new(String::new());
    let solution = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let (on_id, problem_id, solution_id) = (
        unique_id("pa-on"),
        unique_id("pa-problem"),
        unique_id("pa-solution"),
    );
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = problem.get_untracked();
        if text.trim().is_empty() {
            error.set(Some("Describe the problem first.".into()));
            return;
        }
        let target = on.get_untracked();
        let target = if target.is_empty() {
            targets.with_untracked(|t| t.first().map(|t| t.0.clone()).unwrap_or_default())
        } else {
            target
        };
        let attachment = match target.split_once(':') {
            Some(("t", id)) => Attachment::TouchPoint(id.to_string()),
            Some((_, id)) => Attachment::Stage(id.to_string()),
            None => {
                error.set(Some("Choose the stage or touch point it is about.".into()));
                return;
            }
        };
        let fix = solution.get_untracked();
        state.edit("curve:add-problem", move |plan| {
            ops::add_problem_area(plan, attachment, &text, &fix);
        });
        error.set(None);
        problem.set(String::new());
        solution.set(String::new());
    };
    view! {
        <div class="card problem-areas">
            <h2>"Problem areas"</h2>
            <Show
                when=move || list.with(|l| !l.is_empty())
                fallback=|| view! { <p class="hint">"No problem areas recorded. Note what the gap analysis reveals, and what you propose to do about it."</p> }
            >
                <ul class="problem-list">
                    <For
                        each=move || list.get()
                        key=|p| p.clone()
                        children=move |p| {
                            let pid = StoredValue::new(p.id.clone());
                            let remove = move |_| {
                                let id = pid.get_value();
                                state.edit("curve:delete-problem", move |plan| {
                                    ops::delete_problem_area(&mut plan.curve, &id);
                                });
                            };
                            view! {
                                <li class="problem">
                                    <p class="hint">{p.on.clone()}</p>
                                    <p><strong>"Problem: "</strong>{p.problem.clone()}</p>
                                    <p><strong>"Proposed solution: "</strong>
                                        {if p.solution.trim().is_empty() { "—".to_string() } else { p.solution.clone() }}
                                    </p>
                                    <button
                                        class="small danger no-print"
                                        aria-label=format!("Remove problem: {}", p.problem)
                                        on:click=remove
                                    >
                                        "Remove"
                                    </button>
                                </li>
                            }
                        }
                    />
                </ul>
            </Show>
            <form class="no-print add-problem" on:submit=add>
                <h3>"Add a problem area"</h3>
                <div class="field-row">
                    <div class="field">
                        <label for=on_id.clone()>"About"</label>
                        <select id=on_id on:change=move |ev| on.set(event_target_value(&ev))>
                            <For
                                each=move || targets.get()
                                key=|t| t.clone()
                                children=move |(value, text)| {
                                    let check = value.clone();
                                    view! { <option value=value selected=move || on.get() == check>{text}</option> }
                                }
                            />
                        </select>
                    </div>
                    <div class="field grow">
                        <label for=problem_id.clone()>"Problem"</label>
                        <input id=problem_id type="text" bind:value=problem />
                    </div>
                    <div class="field grow">
                        <label for=solution_id.clone()>"Proposed solution"</label>
                        <input id=solution_id type="text" bind:value=solution />
                    </div>
                </div>
                <Show when=move || error.get().is_some()>
                    <p class="hint error" role="alert">{move || error.get().unwrap_or_default()}</p>
                </Show>
                <button type="submit">"Add problem area"</button>
            </form>
        </div>
    }
}
