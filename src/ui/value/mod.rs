//! The value model of a goal or a touch point: add one (blank or from an example), choose its
//! driver, edit its dated, sourced three-point assumptions, remove it; and the value it gives,
//! always as the core states it (an interval, its method and its assumptions).

use leptos::prelude::*;

use crate::core::value::{
    example, examples, method_text, model_slot, model_slot_mut, stale_note, summary_in, Assumption,
    Driver, OwnerKind, ValueModel,
};
use crate::ui::clock;
use crate::ui::state::{use_app_state, AppState};
use crate::ui::widgets::{
    unique_id, CheckboxField, DateField, NumberField, SelectField, TextField,
};

/// Which record a model sits on.
#[derive(Clone, Copy)]
struct Owner {
    kind: OwnerKind,
    id: StoredValue<String>,
}

impl Owner {
    fn key(&self, field: &str) -> String {
        let kind = match self.kind {
            OwnerKind::Goal => "goal",
            OwnerKind::TouchPoint => "touch",
        };
        format!("value:{kind}:{}:{field}", self.id.get_value())
    }

    /// A value read from the model (the default while there is none).
    fn read<T: Default>(&self, state: AppState, f: impl FnOnce(&ValueModel) -> T) -> T {
        let id = self.id.get_value();
        state.plan.with(|p| {
            p.as_ref()
                .and_then(|p| model_slot(p, self.kind, &id))
                .and_then(|m| m.as_ref())
                .map(f)
                .unwrap_or_default()
        })
    }

    /// Changes the model; `field` names what changes, so typing in it undoes as one step.
    fn edit(&self, state: AppState, field: &str, change: impl FnOnce(&mut ValueModel)) {
        let (kind, id) = (self.kind, self.id.get_value());
        state.edit(&self.key(field), move |plan| {
            if let Some(Some(model)) = model_slot_mut(plan, kind, &id) {
                change(model);
            }
        });
    }

    /// Sets or clears the model, as an undo step of its own.
    fn replace(&self, state: AppState, model: Option<ValueModel>) {
        let (kind, id) = (self.kind, self.id.get_value());
        state.edit_step(move |plan| {
            if let Some(slot) = model_slot_mut(plan, kind, &id) {
                *slot = model;
            }
        });
    }

    /// An edit of the model that is an undo step of its own (adding, removing an assumption).
    fn step(&self, state: AppState, change: impl FnOnce(&mut ValueModel)) {
        let (kind, id) = (self.kind, self.id.get_value());
        state.edit_step(move |plan| {
            if let Some(Some(model)) = model_slot_mut(plan, kind, &id) {
                change(model);
            }
        });
    }
}

/// The value model editor of a goal or touch point.
#[component]
pub fn ValueModelEditor(kind: OwnerKind, id: String) -> impl IntoView {
    let state = use_app_state();
    let owner = Owner {
        kind,
        id: StoredValue::new(id),
    };
    let has_model = Memo::new(move |_| owner.read(state, |_| true));
    view! {
        <div class="value-model" data-testid="value-model">
            <Show when=move || has_model.get() fallback=move || view! { <AddModel owner /> }>
                <ModelFields owner />
            </Show>
        </div>
    }
}

const BLANK: &str = "blank";

#[component]
fn AddModel(owner: Owner) -> impl IntoView {
    let state = use_app_state();
    let choice = RwSignal::new(BLANK.to_string());
    let mut options = vec![(BLANK.to_string(), "A blank model".to_string())];
    options.extend(examples().iter().map(|e| (e.key.to_string(), e.label())));
    let add = move |_| {
        let key = choice.get_untracked();
        let model = example(&key)
            .map(|e| e.model(owner.kind))
            .unwrap_or_else(|| ValueModel::blank(owner.kind));
        owner.replace(state, Some(model));
    };
    let what = match owner.kind {
        OwnerKind::Goal => "this goal measures (its target, or its gain)",
        OwnerKind::TouchPoint => "this touch point moves (its stage's members at its conversion)",
    };
    view! {
        <p class="hint">
            {format!("A value model multiplies a quantity {what} by unit values you assume, each a three-point estimate (low, most likely, high) with a source and a date. ")}
            "No value is shown until you enter your assumptions."
        </p>
        <div class="field-row value-add no-print">
            <SelectField
                label="Start the value model from"
                hint="The examples give a model's shape only: every figure, source and date is yours to enter."
                options
                value=choice
                on_change=Callback::new(move |v| choice.set(v))
            />
            <div class="actions">
                <button type="button" on:click=add>"Add value model"</button>
            </div>
        </div>
    }
}

#[component]
fn ModelFields(owner: Owner) -> impl IntoView {
    let state = use_app_state();
    let summary = Memo::new(move |_| {
        let id = owner.id.get_value();
        state.plan.with(|p| {
            p.as_ref()
                .and_then(|p| summary_in(p, owner.kind, &id))
                .unwrap_or_default()
        })
    });
    let example = Memo::new(move |_| {
        owner.read(state, |m| {
            m.example.as_deref().and_then(example).map(|e| e.label())
        })
    });
    let count = Memo::new(move |_| owner.read(state, |m| m.assumptions.len()));
    let driver = Signal::derive(move || owner.read(state, |m| m.driver.key().to_string()));
    let unit = Signal::derive(move || owner.read(state, |m| m.unit.clone()));
    let drivers: Vec<(String, String)> = Driver::choices(owner.kind)
        .iter()
        .map(|d| (d.key().to_string(), d.label().to_string()))
        .collect();
    let summary_id = unique_id("value-summary");
    view! {
        <p class="value-summary" id=summary_id data-testid="value-summary" aria-live="polite">
            {move || summary.get()}
        </p>
        <p class="hint" data-testid="value-method">{method_text()}</p>
        {move || example.get().map(|label| view! {
            <p class="hint">{format!("Started from “{label}”: its shape only; the figures, sources and dates are yours.")}</p>
        })}
        <div class="field-row">
            <SelectField
                label="Driver"
                hint="The measured quantity the value starts from."
                options=drivers
                value=driver
                on_change=Callback::new(move |key: String| {
                    if let Some(d) = Driver::from_key(&key) {
                        owner.edit(state, "driver", move |m| m.driver = d);
                    }
                })
            />
            <TextField
                label="Value counted in"
                hint="The unit of the value, e.g. USD."
                value=unit
                on_change=Callback::new(move |v: String| owner.edit(state, "unit", move |m| m.unit = v))
            />
        </div>
        <ol class="assumptions">
            <For each=move || 0..count.get() key=|i| *i children=move |index| view! { <AssumptionFields owner index /> } />
        </ol>
        <div class="actions no-print">
            <button type="button" on:click=move |_| owner.step(state, |m| m.assumptions.push(Assumption::default()))>
                "Add assumption"
            </button>
            <button type="button" class="danger" on:click=move |_| {
                owner.replace(state, None);
                state.notify("Removed the value model. Undo (Ctrl+Z) brings it back.".to_string(), None);
            }>
                "Remove value model"
            </button>
        </div>
    }
}

#[component]
fn AssumptionFields(owner: Owner, index: usize) -> impl IntoView {
    let state = use_app_state();
    let read = move |f: fn(&Assumption) -> String| {
        Signal::derive(move || {
            owner.read(state, |m| {
                m.assumptions.get(index).map(f).unwrap_or_default()
            })
        })
    };
    let number = move |f: fn(&Assumption) -> Option<f64>| {
        Signal::derive(move || owner.read(state, |m| m.assumptions.get(index).and_then(f)))
    };
    let text_cb = move |field: &'static str, write: fn(&mut Assumption, String)| {
        Callback::new(move |v: String| {
            owner.edit(state, &format!("a{index}:{field}"), move |m| {
                if let Some(a) = m.assumptions.get_mut(index) {
                    write(a, v);
                }
            })
        })
    };
    let number_cb = move |field: &'static str, write: fn(&mut Assumption, Option<f64>)| {
        Callback::new(move |v: Option<f64>| {
            owner.edit(state, &format!("a{index}:{field}"), move |m| {
                if let Some(a) = m.assumptions.get_mut(index) {
                    write(a, v);
                }
            })
        })
    };
    let label = read(|a| a.label.clone());
    let is_mean = Signal::derive(move || {
        owner.read(state, |m| {
            m.assumptions.get(index).is_some_and(|a| a.middle_is_mean)
        })
    });
    let legend = move || match label.get().trim() {
        "" => format!("Assumption {}", index + 1),
        l => format!("Assumption {}: {l}", index + 1),
    };
    let date = Signal::derive(move || {
        owner.read(state, |m| m.assumptions.get(index).and_then(|a| a.date))
    });
    let notes = Memo::new(move |_| {
        let today = clock::today();
        owner.read(state, |m| {
            m.assumptions.get(index).and_then(|a| stale_note(a, today))
        })
    });
    let remove = move |_| {
        owner.step(state, |m| {
            if index < m.assumptions.len() {
                m.assumptions.remove(index);
            }
        })
    };
    view! {
        <li>
            <fieldset class="assumption" data-testid="assumption">
                <legend>{legend}</legend>
                <div class="field-row">
                    <TextField label="Label" value=label on_change=text_cb("label", |a, v| a.label = v) placeholder="e.g. cost of a support ticket" />
                    <TextField label="Unit" value=read(|a| a.unit.clone()) on_change=text_cb("unit", |a, v| a.unit = v)
                        hint="“%” makes the figures percentages (30 counts as 0.3)." />
                </div>
                <div class="field-row value-figures">
                    <NumberField label="Low" value=number(|a| a.low) on_change=number_cb("low", |a, v| a.low = v) min=0.0 />
                    {move || {
                        let label = if is_mean.get() { "Mean" } else { "Most likely" };
                        view! { <NumberField label value=number(|a| a.expected) on_change=number_cb("expected", |a, v| a.expected = v) min=0.0 /> }
                    }}
                    <NumberField label="High" value=number(|a| a.high) on_change=number_cb("high", |a, v| a.high = v) min=0.0 />
                </div>
                <CheckboxField
                    label="The middle figure is a mean (an average), not the most likely figure"
                    checked=is_mean
                    on_change=Callback::new(move |on: bool| owner.edit(state, &format!("a{index}:mean"), move |m| {
                        if let Some(a) = m.assumptions.get_mut(index) {
                            a.middle_is_mean = on;
                        }
                    }))
                />
                <div class="field-row">
                    <TextField label="Source" value=read(|a| a.source.clone()) on_change=text_cb("source", |a, v| a.source = v)
                        placeholder="e.g. support team budget 2026" />
                    <DateField label="Date of the figures" value=date
                        on_change=Callback::new(move |d| owner.edit(state, &format!("a{index}:date"), move |m| {
                            if let Some(a) = m.assumptions.get_mut(index) {
                                a.date = d;
                            }
                        })) />
                </div>
                {move || notes.get().map(|note| view! { <p class="badge warn">{note}</p> })}
                <div class="actions no-print">
                    <button type="button" class="small" aria-label=move || format!("Remove {}", legend()) on:click=remove>
                        "Remove assumption"
                    </button>
                </div>
            </fieldset>
        </li>
    }
}
