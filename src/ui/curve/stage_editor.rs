//! The selected stage's editor: what it is, how many members it holds and should hold,
//! the asks members take on there, and the empathy map.

use leptos::prelude::*;

use crate::core::curve::ops::{self, Direction};
use crate::core::curve::{level_from_f64, Ask, MAX_EFFORT, MIN_EFFORT};
use crate::ui::state::use_app_state;
use crate::ui::widgets::{unique_id, DateField, NumberField, TextField};

use super::goal_link::{CreateGoalButton, GoalSource, LinkedGoals};
use super::{count_from, display_name, edit_stage, stage_field, use_curve_ui};

#[component]
pub fn StageEditor() -> impl IntoView {
    let ui = use_curve_ui();
    // The form shows once the user picks a stage (issue 31): until then the page shows the
    // curve's figures, not one stage's fifteen fields, nor an empty card saying how to get
    // them (the stage table says it), and the page's index leaves the editor out.
    let shown = ui.chosen;
    view! {
        <Show when=move || shown.with(Option::is_some)>
            <div class="card stage-editor" data-testid="stage-editor">
                // Keyed by stage: another stage gets a form of its own, never the previous
                // stage's fields rebuilt in place (a focused field rebuilt in place made the
                // page jump to it when a point on the drawing was pressed, and the drag
                // followed the jump).
                <For each=move || shown.get() key=|id| id.clone() let(id)>
                    <StageForm id />
                </For>
            </div>
        </Show>
    }
}

#[component]
fn StageForm(id: String) -> impl IntoView {
    let state = use_app_state();
    let sid = StoredValue::new(id.clone());
    let name = stage_field(state, id.clone(), |s| s.name.clone());
    let heading = move || format!("Edit stage: {}", display_name(&name.get()));
    let text = |field: &'static str,
                read: fn(&crate::core::curve::Stage) -> String,
                write: fn(&mut crate::core::curve::Stage, String)| {
        (
            stage_field(state, id.clone(), read),
            Callback::new(move |v: String| {
                edit_stage(state, &sid.get_value(), field, move |s| write(s, v))
            }),
        )
    };
    let (name_v, name_cb) = text("name", |s| s.name.clone(), |s, v| s.name = v);
    let (desc_v, desc_cb) = text(
        "description",
        |s| s.description.clone(),
        |s, v| s.description = v,
    );
    let (notes_v, notes_cb) = text("notes", |s| s.notes.clone(), |s, v| s.notes = v);
    let level = stage_field(state, id.clone(), |s| Some(f64::from(s.commitment_level)));
    let now = stage_field(state, id.clone(), |s| Some(s.members_now as f64));
    let target = stage_field(state, id.clone(), |s| {
        (s.target_members > 0).then_some(s.target_members as f64)
    });
    let by = stage_field(state, id.clone(), |s| s.target_date);
    let desired = stage_field(state, id.clone(), |s| s.emotions_desired.join(", "));
    let observed = stage_field(state, id.clone(), |s| s.emotions_observed.join(", "));

    let ui = use_curve_ui();
    let form_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(form) = form_ref.get() {
            if ui.focus_editor.get_untracked() {
                ui.focus_editor.set(false);
                super::focus_first_input(&form);
            }
        }
    });
    view! {
        <h2 id="stage-editor-title" tabindex="-1">{heading}</h2>
        <div class="stage-form" node_ref=form_ref>
            <div class="field-row">
                <TextField label="Name" value=name_v on_change=name_cb />
                <NumberField
                    label="Commitment level (0–100)"
                    value=level
                    min=0.0
                    max=100.0
                    step="1"
                    on_change=Callback::new(move |v: Option<f64>| {
                        if let Some(l) = v.and_then(level_from_f64) {
                            edit_stage(state, &sid.get_value(), "level", move |s| s.commitment_level = l);
                        }
                    })
                />
            </div>
            <TextField
                label="Description: who is at this stage"
                value=desc_v
                on_change=desc_cb
                multiline=true
            />
            <div class="field-row">
                <NumberField
                    label="Members now"
                    value=now
                    min=0.0
                    step="1"
                    on_change=Callback::new(move |v| {
                        let n = count_from(v);
                        edit_stage(state, &sid.get_value(), "now", move |s| s.members_now = n);
                    })
                />
                <NumberField
                    label="Target members"
                    value=target
                    min=0.0
                    step="1"
                    hint="Empty: no target yet"
                    on_change=Callback::new(move |v| {
                        let n = count_from(v);
                        edit_stage(state, &sid.get_value(), "target", move |s| s.target_members = n);
                    })
                />
                <DateField
                    label="Target by"
                    value=by
                    on_change=Callback::new(move |d| {
                        edit_stage(state, &sid.get_value(), "by", move |s| s.target_date = d);
                    })
                />
            </div>
            // The empathy map, asks and notes: folded until wanted (issue 31), printed anyway.
            <details class="stage-more">
                <summary>"Asks, emotions and notes"</summary>
            <Asks stage_id=id.clone() />
            <div class="field-row">
                <ListField
                    label="Desired emotions (to amplify)"
                    value=desired
                    on_change=Callback::new(move |v: Vec<String>| {
                        edit_stage(state, &sid.get_value(), "desired", move |s| s.emotions_desired = v);
                    })
                />
                <ListField
                    label="Observed emotions (to ease)"
                    value=observed
                    on_change=Callback::new(move |v: Vec<String>| {
                        edit_stage(state, &sid.get_value(), "observed", move |s| s.emotions_observed = v);
                    })
                />
            </div>
            <TextField label="Notes" value=notes_v on_change=notes_cb multiline=true />
            </details>
            <div class="stage-goals">
                <h3>"Goals for this stage"</h3>
                <LinkedGoals stage_id=id.clone() />
                <CreateGoalButton source=GoalSource::Gap(id.clone()) label=format!("Create goal for this stage") />
            </div>
        </div>
    }
}

/// A comma-separated list, saved as it is typed. The field keeps the text as typed (a
/// trailing comma or space is not eaten) while it still says the same list as the plan.
#[component]
fn ListField(
    #[prop(into)] label: String,
    value: Signal<String>,
    on_change: Callback<Vec<String>>,
) -> impl IntoView {
    let id = unique_id("list");
    let hint_id = format!("{id}-hint");
    let typed = RwSignal::new(String::new());
    let shown = move || {
        let stored = value.get();
        let draft = typed.get_untracked();
        if split_list(&draft) == split_list(&stored) {
            draft
        } else {
            stored
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                aria-describedby=hint_id.clone()
                prop:value=shown
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let items = split_list(&text);
                    typed.set(text);
                    on_change.run(items);
                }
            />
            <span class="hint" id=hint_id>"Separate with commas"</span>
        </div>
    }
}

fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[component]
fn Asks(stage_id: String) -> impl IntoView {
    let state = use_app_state();
    let sid = StoredValue::new(stage_id.clone());
    let asks = stage_field(state, stage_id, |s| s.asks.clone());
    let add = move |_| {
        let stage = sid.get_value();
        state.edit("curve:add-ask", move |plan| {
            let effort = plan
                .curve
                .stage(&stage)
                .and_then(|s| s.asks.last())
                .map_or(f64::from(MIN_EFFORT), |a| f64::from(a.effort));
            ops::add_ask(plan, &stage, "", effort);
        });
    };
    view! {
        <fieldset class="asks">
            <legend>"Asks at this stage"</legend>
            <p class="hint">
                "What members are asked to do here, smallest first. Effort runs from 1 (a click) to 12 (leading). "
                "Keep each step small: a jump of more than 3 is flagged."
            </p>
            <Show when=move || asks.with(|a| a.is_empty())>
                <p class="hint">"No asks yet."</p>
            </Show>
            <ol class="ask-list">
                <For
                    each=move || asks.with(|a| a.iter().map(|a| a.id.to_string()).collect::<Vec<_>>())
                    key=|id| id.clone()
                    children=move |ask_id| view! { <AskRow ask_id asks /> }
                />
            </ol>
            <button class="small" on:click=add>"Add ask"</button>
        </fieldset>
    }
}

#[component]
fn AskRow(ask_id: String, asks: Signal<Vec<Ask>>) -> impl IntoView {
    let state = use_app_state();
    let aid = StoredValue::new(ask_id);
    let me = Memo::new(move |_| {
        asks.with(|a| {
            a.iter()
                .position(|x| x.id == aid.get_value())
                .map(|i| (i, a[i].clone(), a.len()))
        })
    });
    let number = move || me.with(|m| m.as_ref().map_or(0, |m| m.0 + 1));
    let text = move || me.with(|m| m.as_ref().map(|m| m.1.text.clone()).unwrap_or_default());
    let effort = move || me.with(|m| m.as_ref().map_or(1, |m| m.1.effort));
    let last = move || me.with(|m| m.as_ref().is_none_or(|m| m.0 + 1 >= m.2));
    let text_id = unique_id("ask-text");
    let effort_id = unique_id("ask-effort");
    let set_text = move |ev| {
        let v = event_target_value(&ev);
        let a = aid.get_value();
        state.edit(&format!("ask:{a}:text"), move |plan| {
            if let Some(ask) = plan
                .curve
                .stages
                .iter_mut()
                .flat_map(|s| s.asks.iter_mut())
                .find(|x| x.id == a)
            {
                ask.text = v;
            }
        });
    };
    let set_effort = move |ev| {
        if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
            let a = aid.get_value();
            state.edit(&format!("ask:{a}:effort"), move |plan| {
                ops::set_ask_effort(&mut plan.curve, &a, v);
            });
        }
    };
    let mv = move |dir| {
        let a = aid.get_value();
        state.edit("curve:move-ask", move |plan| {
            ops::move_ask(&mut plan.curve, &a, dir);
        });
    };
    let remove = move |_| {
        let a = aid.get_value();
        state.edit("curve:delete-ask", move |plan| {
            ops::delete_ask(&mut plan.curve, &a);
        });
    };
    view! {
        <li class="ask-row">
            <div class="field ask-text">
                <label for=text_id.clone()>{move || format!("Ask {}", number())}</label>
                <input id=text_id type="text" prop:value=text on:input=set_text />
            </div>
            <div class="field ask-effort">
                <label for=effort_id.clone()>"Effort (1–12)"</label>
                <input
                    id=effort_id
                    type="number"
                    min=MIN_EFFORT
                    max=MAX_EFFORT
                    step="1"
                    prop:value=move || effort().to_string()
                    on:input=set_effort
                />
            </div>
            <span class="actions">
                <button
                    class="small"
                    aria-label=move || format!("Move ask {} earlier", number())
                    disabled=move || number() <= 1
                    on:click=move |_| mv(Direction::Up)
                >
                    "↑"
                </button>
                <button
                    class="small"
                    aria-label=move || format!("Move ask {} later", number())
                    disabled=last
                    on:click=move |_| mv(Direction::Down)
                >
                    "↓"
                </button>
                <button
                    class="small danger"
                    aria-label=move || format!("Remove ask {}", number())
                    on:click=remove
                >
                    "Remove"
                </button>
            </span>
        </li>
    }
}
