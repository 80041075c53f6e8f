//! Problem areas found in the gap analysis, each with a proposed solution.

use leptos::prelude::*;

use crate::core::curve::ops::{self, Attachment};
use crate::ui::state::use_app_state;
use crate::ui::widgets::unique_id;

use super::display_name;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct ProblemView {
    /// "Stage: Aware", "Touch point: Welcome" or "Not attached".
    on: String,
    /// The value of the "About" choice: "s:<stage id>" or "t:<touch point id>".
    target: String,
    problem: String,
    solution: String,
}

/// The "About" choice's value as an attachment.
fn attachment(target: &str) -> Option<Attachment> {
    match target.split_once(':') {
        Some(("t", id)) => Some(Attachment::TouchPoint(id.to_string())),
        Some(("s", id)) => Some(Attachment::Stage(id.to_string())),
        _ => None,
    }
}

/// What a problem-area form holds, checked: what it is about, the problem, the solution.
fn read_draft(
    target: &str,
    problem: RwSignal<String>,
    solution: RwSignal<String>,
) -> Result<(Attachment, String, String), String> {
    let text = problem.get_untracked();
    if text.trim().is_empty() {
        return Err("Describe the problem first.".into());
    }
    let on = attachment(target).ok_or("Choose the stage or touch point it is about.")?;
    Ok((on, text, solution.get_untracked()))
}

fn problem_view(c: &crate::core::curve::Curve, id: &str) -> Option<ProblemView> {
    let pa = c.problem_areas.iter().find(|p| p.id == id)?;
    let (on, target) = if let Some(s) = pa.stage_id.as_deref().and_then(|s| c.stage(s)) {
        (
            format!("Stage: {}", display_name(&s.name)),
            format!("s:{}", s.id),
        )
    } else if let Some(t) = pa.touch_point_id.as_deref().and_then(|t| c.touch_point(t)) {
        (format!("Touch point: {}", t.name), format!("t:{}", t.id))
    } else {
        ("Not attached".to_string(), String::new())
    };
    Some(ProblemView {
        on,
        target,
        problem: pa.problem.clone(),
        solution: pa.proposed_solution.clone(),
    })
}

#[component]
pub fn ProblemAreas() -> impl IntoView {
    let state = use_app_state();
    let ids = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.curve
                        .problem_areas
                        .iter()
                        .map(|pa| pa.id.to_string())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let editing = RwSignal::new(None::<String>);
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
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The list shows its first entry until the user picks one.
        let target = on.get_untracked();
        let target = if target.is_empty() {
            targets.with_untracked(|t| t.first().map(|t| t.0.clone()).unwrap_or_default())
        } else {
            target
        };
        match read_draft(&target, problem, solution) {
            Ok((attachment, text, fix)) => {
                state.edit("curve:add-problem", move |plan| {
                    ops::add_problem_area(plan, attachment, &text, &fix);
                });
                error.set(None);
                problem.set(String::new());
                solution.set(String::new());
            }
            Err(why) => error.set(Some(why)),
        }
    };
    view! {
        <div class="card problem-areas">
            <h2 id="problems-title" tabindex="-1">"Problem areas"</h2>
            <Show
                when=move || ids.with(|l| !l.is_empty())
                fallback=|| view! { <p class="hint">"No problem areas recorded. Note what the gap analysis reveals, and what you propose to do about it."</p> }
            >
                <ul class="problem-list" data-testid="problem-list">
                    <For
                        each=move || ids.get()
                        key=|id| id.clone()
                        children=move |id| view! { <ProblemItem id targets editing /> }
                    />
                </ul>
            </Show>
            <form class="no-print add-problem" on:submit=add>
                <h3>"Add a problem area"</h3>
                <ProblemFields on problem solution targets error />
                <button type="submit">"Add problem area"</button>
            </form>
        </div>
    }
}

#[component]
fn ProblemItem(
    id: String,
    targets: Memo<Vec<(String, String)>>,
    editing: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = use_app_state();
    let pid = StoredValue::new(id.clone());
    let me: Signal<ProblemView> = super::plan_memo(state, move |plan| {
        problem_view(&plan.curve, &pid.get_value())
    });
    let is_editing = move || editing.with(|e| e.as_deref() == Some(pid.get_value().as_str()));
    let problem_text = move || me.with(|m| m.problem.clone());
    let edit_ref = NodeRef::<leptos::html::Button>::new();
    let delete = move |_| {
        let id = pid.get_value();
        let gone = problem_text();
        state.edit(&format!("curve:delete-problem:{id}"), move |plan| {
            ops::delete_problem_area(&mut plan.curve, &id);
        });
        state.notify(
            format!("Deleted problem area “{gone}”. Undo (Ctrl+Z) brings it back."),
            None,
        );
    };
    let done = Callback::new(move |_: ()| {
        editing.set(None);
        request_animation_frame(move || {
            if let Some(b) = edit_ref.get_untracked() {
                let _ = b.focus();
            }
        });
    });
    view! {
        <li class="problem">
            <Show
                when=is_editing
                fallback=move || view! {
                    <p class="hint">{move || me.with(|m| m.on.clone())}</p>
                    <p><strong>"Problem: "</strong>{problem_text}</p>
                    <p>
                        <strong>"Proposed solution: "</strong>
                        {move || me.with(|m| if m.solution.trim().is_empty() { "—".to_string() } else { m.solution.clone() })}
                    </p>
                    <span class="actions no-print">
                        <button
                            class="small"
                            node_ref=edit_ref
                            aria-label=move || format!("Edit problem: {}", problem_text())
                            on:click=move |_| editing.set(Some(pid.get_value()))
                        >
                            "Edit"
                        </button>
                        <button
                            class="small danger"
                            aria-label=move || format!("Delete problem: {}", problem_text())
                            on:click=delete
                        >
                            "Delete"
                        </button>
                    </span>
                }
            >
                <ProblemEditForm id=pid.get_value() current=me.get_untracked() targets done />
            </Show>
        </li>
    }
}

/// The fields both problem-area forms share, and the form's error. `placeholder` adds a
/// "Choose…" entry (an edited problem area may be attached to nothing any more); `focus` puts
/// the cursor in the problem field when the form opens.
#[component]
fn ProblemFields(
    on: RwSignal<String>,
    problem: RwSignal<String>,
    solution: RwSignal<String>,
    targets: Memo<Vec<(String, String)>>,
    error: RwSignal<Option<String>>,
    #[prop(optional)] placeholder: bool,
    #[prop(optional)] focus: bool,
) -> impl IntoView {
    let (on_id, problem_id, solution_id) = (
        unique_id("pa-on"),
        unique_id("pa-problem"),
        unique_id("pa-solution"),
    );
    let problem_ref = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = problem_ref.get() {
            if focus {
                let _ = input.focus();
            }
        }
    });
    view! {
        <div class="field-row">
            <div class="field">
                <label for=on_id.clone()>"About"</label>
                <select id=on_id on:change=move |ev| on.set(event_target_value(&ev))>
                    {placeholder.then(|| view! {
                        <option value="" selected=move || on.get().is_empty() disabled=true>
                            "Choose a stage or touch point"
                        </option>
                    })}
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
                <input id=problem_id node_ref=problem_ref type="text" bind:value=problem />
            </div>
            <div class="field grow">
                <label for=solution_id.clone()>"Proposed solution"</label>
                <input id=solution_id type="text" bind:value=solution />
            </div>
        </div>
        <Show when=move || error.get().is_some()>
            <p class="hint error" role="alert">{move || error.get().unwrap_or_default()}</p>
        </Show>
    }
}

/// Editing one problem area; the plan changes on Save, in one undo step.
#[component]
fn ProblemEditForm(
    id: String,
    current: ProblemView,
    targets: Memo<Vec<(String, String)>>,
    done: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let pid = StoredValue::new(id);
    let on = RwSignal::new(current.target);
    let problem = RwSignal::new(current.problem);
    let solution = RwSignal::new(current.solution);
    let error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match read_draft(&on.get_untracked(), problem, solution) {
            Ok((on, text, fix)) => {
                let id = pid.get_value();
                state.edit(&format!("problem:{id}:edit"), move |plan| {
                    ops::update_problem_area(&mut plan.curve, &id, on, &text, &fix);
                });
                done.run(());
            }
            Err(why) => error.set(Some(why)),
        }
    };
    view! {
        <form class="no-print edit-problem" on:submit=save>
            <ProblemFields on problem solution targets error placeholder=true focus=true />
            <div class="actions">
                <button type="submit" class="primary small">"Save"</button>
                <button type="button" class="small" on:click=move |_| done.run(())>"Cancel"</button>
            </div>
        </form>
    }
}
