//! Touch points: what the program does to move members from one stage to the next,
//! who owns it, the outcome it serves and the data point that measures it.

use leptos::prelude::*;

use crate::core::career::scope_check::toggle_key_area;
use crate::core::curve::ops::{self, Direction};
use crate::core::curve::{Outcome, TouchPoint, TouchPointKind, TouchPointStatus};
use crate::ui::state::{use_app_state, AppState};
use crate::ui::widgets::{unique_id, NumberField, SelectField, TextField, WorkTags};

use super::goal_link::{CreateGoalButton, GoalSource};
use super::reorder::{DragHandle, DragList, DropSide};
use super::{display_name, use_curve_ui};

fn tp_field<T>(
    state: AppState,
    id: String,
    read: impl Fn(&TouchPoint) -> T + Send + Sync + 'static,
) -> Signal<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    super::plan_memo(state, move |plan| plan.curve.touch_point(&id).map(&read))
}

fn edit_tp(state: AppState, id: &str, field: &str, change: impl FnOnce(&mut TouchPoint) + 'static) {
    let tid = id.to_string();
    state.edit(&format!("touch:{id}:{field}"), move |plan| {
        if let Some(tp) = plan.curve.touch_point_mut(&tid) {
            change(tp);
        }
    });
}

#[component]
pub fn TouchPoints() -> impl IntoView {
    let state = use_app_state();
    let ui = use_curve_ui();
    let ids = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.curve
                        .touch_points
                        .iter()
                        .map(|t| t.id.to_string())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let count = Memo::new(move |_| ids.with(Vec::len));
    let drag = DragList::new(move |moved: String, target: String| {
        let Some(to) = ids.with_untracked(|ids| ids.iter().position(|x| *x == target)) else {
            return;
        };
        let moved_name = state.plan.with_untracked(|p| {
            p.as_ref()
                .and_then(|p| p.curve.touch_point(&moved))
                .map(|t| t.name.clone())
                .unwrap_or_default()
        });
        state.edit_step(move |plan| {
            ops::reorder_touch_point(&mut plan.curve, &moved, to);
        });
        state.notify(
            format!(
                "Moved touch point “{moved_name}” to position {} of {}.",
                to + 1,
                ids.with_untracked(Vec::len)
            ),
            None,
        );
    });
    // A new touch point starts between the stages the user is looking at: the core decides
    // (`ops::new_touch_point_span`), and the words beside the button say which.
    let span_text = Memo::new(move |_| {
        let picked = ui.picked.get();
        state.plan.with(|p| {
            let curve = &p.as_ref()?.curve;
            ops::new_touch_point_span(curve, picked.as_deref()).map(|s| s.describe(curve))
        })
    });
    let span_id = unique_id("new-touch-point-span");
    let add = move |_| {
        let picked = ui.picked.get_untracked();
        state.edit("curve:add-touch-point", move |plan| {
            if let Some(id) =
                ops::add_touch_point_in_view(plan, "New touch point", picked.as_deref())
            {
                ui.fresh_touch_point.set(Some(id));
            }
        });
    };
    view! {
        <div class="card touch-points">
            <h2 id="touch-points-title" tabindex="-1">"Touch points"</h2>
            <p class="hint">
                "What moves members from one stage to the next: onboarding, content, events, recognition, rewards, moderation. "
                "Give each one a data point so you can tell whether it works."
            </p>
            <Show when=move || count.get() == 0>
                <p>"No touch points yet. Add one for each move between stages."</p>
            </Show>
            <ul class="touch-point-list">
                <For
                    each=move || ids.get()
                    key=|id| id.clone()
                    children=move |id| view! { <TouchPointCard id ids drag /> }
                />
            </ul>
            <div class="actions no-print">
                <button class="primary" on:click=add aria-describedby=span_id.clone()>
                    "Add touch point"
                </button>
                <span class="hint" id=span_id data-testid="new-touch-point-span">
                    {move || span_text.get().map(|t| format!("Starts at {t}")).unwrap_or_default()}
                </span>
            </div>
        </div>
    }
}

#[component]
fn TouchPointCard(id: String, ids: Memo<Vec<String>>, drag: DragList) -> impl IntoView {
    let state = use_app_state();
    let ui = use_curve_ui();
    let tid = StoredValue::new(id.clone());
    let index = Memo::new(move |_| ids.with(|ids| ids.iter().position(|x| *x == tid.get_value())));
    let last = move || index.get().is_none_or(|i| i + 1 >= ids.with(Vec::len));
    let name = tp_field(state, id.clone(), |t| t.name.clone());
    let span = Memo::new(move |_| {
        state.plan.with(|p| {
            let p = p.as_ref()?;
            let t = p.curve.touch_point(&tid.get_value())?;
            let from = display_name(&p.curve.stage(&t.from_stage_id)?.name);
            let to = display_name(&p.curve.stage(&t.to_stage_id)?.name);
            Some(if t.from_stage_id == t.to_stage_id {
                format!("within {from}")
            } else {
                format!("{from} → {to}")
            })
        })
    });
    let shown_name = move || {
        let n = name.get();
        if n.trim().is_empty() {
            "Untitled touch point".to_string()
        } else {
            n
        }
    };
    let open = ui.fresh_touch_point.get_untracked().as_deref() == Some(id.as_str());

    let text = |field: &'static str,
                read: fn(&TouchPoint) -> String,
                write: fn(&mut TouchPoint, String)| {
        (
            tp_field(state, id.clone(), read),
            Callback::new(move |v: String| {
                edit_tp(state, &tid.get_value(), field, move |t| write(t, v))
            }),
        )
    };
    let (name_v, name_cb) = text("name", |t| t.name.clone(), |t, v| t.name = v);
    let (channel_v, channel_cb) = text("channel", |t| t.channel.clone(), |t, v| t.channel = v);
    let (owner_v, owner_cb) = text("owner", |t| t.owner.clone(), |t, v| t.owner = v);
    let (reward_v, reward_cb) = text("reward", |t| t.reward.clone(), |t, v| t.reward = v);
    let (follow_v, follow_cb) = text("follow", |t| t.follow_up.clone(), |t, v| t.follow_up = v);
    let (metric_v, metric_cb) = text(
        "metric",
        |t| t.data_point.metric.clone(),
        |t, v| t.data_point.metric = v,
    );
    let (source_v, source_cb) = text(
        "source",
        |t| t.data_point.data_source.clone(),
        |t, v| t.data_point.data_source = v,
    );
    let (notes_v, notes_cb) = text("notes", |t| t.notes.clone(), |t, v| t.notes = v);
    let kind = tp_field(state, id.clone(), |t| format!("{:?}", t.kind));
    let status = tp_field(state, id.clone(), |t| format!("{:?}", t.status));
    let outcome = tp_field(state, id.clone(), |t| format!("{:?}", t.outcome));
    let current = tp_field(state, id.clone(), |t| t.data_point.current_conversion_pct);
    let target = tp_field(state, id.clone(), |t| t.data_point.target_conversion_pct);
    let from = tp_field(state, id.clone(), |t| t.from_stage_id.to_string());
    let to = tp_field(state, id.clone(), |t| t.to_stage_id.to_string());

    let mv = move |dir| {
        let t = tid.get_value();
        state.edit("curve:move-touch-point", move |plan| {
            ops::move_touch_point(&mut plan.curve, &t, dir);
        });
    };
    let duplicate = move |_| {
        let t = tid.get_value();
        state.edit("curve:duplicate-touch-point", move |plan| {
            if let Some(new_id) = ops::duplicate_touch_point(plan, &t) {
                ui.fresh_touch_point.set(Some(new_id));
            }
        });
    };
    let delete = move |_| {
        let t = tid.get_value();
        let gone = shown_name();
        state.edit("curve:delete-touch-point", move |plan| {
            crate::core::edits::delete_touch_point_everywhere(plan, &t);
        });
        state.notify(
            format!("Deleted touch point “{gone}”. Undo (Ctrl+Z) brings it back."),
            None,
        );
    };
    let pct_cb = |field: &'static str, write: fn(&mut TouchPoint, Option<f64>)| {
        Callback::new(move |v: Option<f64>| {
            edit_tp(state, &tid.get_value(), field, move |t| write(t, v))
        })
    };

    let index_of = move |t: &str| ids.with(|ids| ids.iter().position(|x| x == t));
    let side = move || drag.side(&tid.get_value(), index.get().unwrap_or(0), index_of);
    let li_ref = NodeRef::<leptos::html::Li>::new();
    Effect::new(move |_| {
        if let Some(li) = li_ref.get() {
            if ui.fresh_touch_point.get_untracked().as_deref() == Some(tid.get_value().as_str()) {
                ui.fresh_touch_point.set(None);
                super::focus_first_input(&li);
            }
        }
    });
    view! {
        <li
            node_ref=li_ref
            class="touch-point"
            class:dragging=move || drag.is_dragged(&tid.get_value())
            class:drop-before=move || side() == Some(DropSide::Before)
            class:drop-after=move || side() == Some(DropSide::After)
            on:dragover=move |ev| drag.over(&ev, &tid.get_value())
            on:dragleave=move |ev| drag.leave(&ev, &tid.get_value())
            on:drop=move |ev| drag.drop_on(&ev, &tid.get_value())
            data-drag-id=tid.get_value()
        >
            <DragHandle drag id=tid row="li" testid="touch-point-drag-handle" />
            <details class="touch-point-details" open=open>
                <summary>
                    <span class="tp-name">{shown_name}</span>
                    <span class="hint">" · " {move || span.get().unwrap_or_default()}</span>
                </summary>
                <div class="field-row">
                    <TextField label="Name" value=name_v on_change=name_cb />
                    <StageSelect
                        label="From stage"
                        value=from
                        on_change=Callback::new(move |v: String| edit_tp(state, &tid.get_value(), "from", move |t| t.from_stage_id = v.into()))
                    />
                    <StageSelect
                        label="To stage"
                        value=to
                        on_change=Callback::new(move |v: String| edit_tp(state, &tid.get_value(), "to", move |t| t.to_stage_id = v.into()))
                    />
                </div>
                <div class="field-row">
                    <SelectField
                        label="Kind"
                        options=TouchPointKind::ALL.iter().map(|k| (format!("{k:?}"), k.label().to_string())).collect()
                        value=kind
                        on_change=Callback::new(move |v: String| {
                            if let Some(k) = TouchPointKind::ALL.iter().find(|k| format!("{k:?}") == v).copied() {
                                edit_tp(state, &tid.get_value(), "kind", move |t| t.kind = k);
                            }
                        })
                    />
                    <TextField label="Channel" value=channel_v on_change=channel_cb placeholder="e.g. forum, Discord, newsletter" />
                    <TextField label="Owner" value=owner_v on_change=owner_cb />
                    <SelectField
                        label="Status"
                        options=vec![
                            ("Existing".to_string(), "Existing".to_string()),
                            ("Planned".to_string(), "Planned".to_string()),
                        ]
                        value=status
                        on_change=Callback::new(move |v: String| {
                            let s = if v == "Existing" { TouchPointStatus::Existing } else { TouchPointStatus::Planned };
                            edit_tp(state, &tid.get_value(), "status", move |t| t.status = s);
                        })
                    />
                    <SelectField
                        label="Outcome (SPACES)"
                        options=Outcome::ALL.iter().map(|o| (format!("{o:?}"), o.label().to_string())).collect()
                        value=outcome
                        on_change=Callback::new(move |v: String| {
                            if let Some(o) = Outcome::ALL.iter().find(|o| format!("{o:?}") == v).copied() {
                                edit_tp(state, &tid.get_value(), "outcome", move |t| t.outcome = o);
                            }
                        })
                    />
                </div>
                <div class="field-row">
                    <TextField label="Reward or recognition" value=reward_v on_change=reward_cb />
                    <TextField label="Follow-up" value=follow_v on_change=follow_cb />
                </div>
                <fieldset class="data-point">
                    <legend>"Data point"</legend>
                    <div class="field-row">
                        <TextField label="Metric" value=metric_v on_change=metric_cb placeholder="e.g. first-post rate" />
                        <TextField label="Data source" value=source_v on_change=source_cb />
                        <NumberField
                            label="Current conversion %"
                            value=current
                            min=0.0
                            max=100.0
                            on_change=pct_cb("current", |t, v| t.data_point.current_conversion_pct = v)
                        />
                        <NumberField
                            label="Target conversion %"
                            value=target
                            min=0.0
                            max=100.0
                            on_change=pct_cb("target", |t, v| t.data_point.target_conversion_pct = v)
                        />
                    </div>
                </fieldset>
                <TextField label="Notes" value=notes_v on_change=notes_cb multiline=true />
                <fieldset class="value-of-touch-point">
                    <legend>"What it is worth"</legend>
                    <crate::ui::value::ValueModelEditor kind=crate::core::value::OwnerKind::TouchPoint id=tid.get_value() />
                </fieldset>
                <WorkTags
                    scope=tp_field(state, id.clone(), |t| t.scope)
                    key_areas=tp_field(state, id.clone(), |t| t.key_area_ids.clone())
                    on_scope=Callback::new(move |s| edit_tp(state, &tid.get_value(), "scope", move |t| t.scope = s))
                    on_key_area=Callback::new(move |(area, on): (String, bool)| {
                        edit_tp(state, &tid.get_value(), &format!("key-area:{area}:{on}"), move |t| {
                            toggle_key_area(&mut t.key_area_ids, &area, on)
                        })
                    })
                />
                <p class="hint no-print">
                    "Drag a touch point by its handle (⠿) to reorder, or use Earlier and Later."
                </p>
                <div class="actions no-print">
                    <button
                        class="small"
                        aria-label=move || format!("Move “{}” earlier", shown_name())
                        disabled=move || index.get().is_none_or(|i| i == 0)
                        on:click=move |_| mv(Direction::Up)
                    >
                        "↑ Earlier"
                    </button>
                    <button
                        class="small"
                        aria-label=move || format!("Move “{}” later", shown_name())
                        disabled=last
                        on:click=move |_| mv(Direction::Down)
                    >
                        "↓ Later"
                    </button>
                    <button
                        class="small"
                        aria-label=move || format!("Duplicate “{}”", shown_name())
                        on:click=duplicate
                    >
                        "Duplicate"
                    </button>
                    <CreateGoalButton source=GoalSource::TouchPoint(id.clone()) label="Create goal" />
                    <button
                        class="small danger"
                        aria-label=move || format!("Delete “{}”", shown_name())
                        on:click=delete
                    >
                        "Delete"
                    </button>
                </div>
            </details>
        </li>
    }
}

/// A `<select>` of the curve's stages, following renames and reorders.
#[component]
fn StageSelect(
    #[prop(into)] label: String,
    value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let id = unique_id("stage-select");
    let options = super::stage_names(use_app_state());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                prop:value=move || value.get()
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                <For
                    each=move || options.get()
                    key=|o| o.clone()
                    children=move |(sid, name)| {
                        let check = sid.clone();
                        view! {
                            <option value=sid selected=move || value.get() == check>
                                {name}
                            </option>
                        }
                    }
                />
            </select>
        </div>
    }
}
