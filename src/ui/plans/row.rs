//! One plan in the list, with its actions.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::share_step::Route;
use crate::core::plan::Plan;
use crate::ui::state::{use_app_state, PlanCondition, PlanEntry};

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Normal,
    Renaming,
    ConfirmingDelete,
    /// Choosing what leaves with a link, a file or copied JSON (the plan in `sharing`).
    Sharing(Route),
}

#[component]
pub fn PlanRow(entry: PlanEntry) -> impl IntoView {
    let state = use_app_state();
    let mode = RwSignal::new(Mode::Normal);
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(entry.id.clone());
    let name = entry.name.clone();
    let is_current = move || {
        state
            .plan
            .with(|p| p.as_ref().map(|p| p.id == id.get_value()).unwrap_or(false))
    };
    let class = move || {
        if is_current() {
            "plan-item current"
        } else {
            "plan-item"
        }
    };
    let navigate = use_navigate();
    let sharing = RwSignal::new(None::<Plan>);
    let share_name = StoredValue::new(entry.name.clone());

    let unsaved = entry.unsaved;
    let body = match entry.condition.clone() {
        PlanCondition::NotYetRead | PlanCondition::Readable => {
            let name_for_view = name.clone();
            let rename_from = entry.name.clone();
            let delete_name = entry.name.clone();
            view! {
                <span class="plan-name">{name_for_view}</span>
                <Show when=is_current>
                    <span class="badge ok">"Open"</span>
                </Show>
                {unsaved.then(|| view! {
                    <span class="badge warn" data-testid="unsaved-badge">"Not saved"</span>
                    <p class="plan-meta">
                        "Its last changes could not be stored, so this tab keeps them. Open it to try again, or export it."
                    </p>
                })}
                <Show when=move || mode.get() == Mode::Normal>
                    <PlanActions id=id.get_value() name=name.clone() mode sharing navigate=navigate.clone() />
                </Show>
                {move || match (mode.get(), sharing.get()) {
                    (Mode::Sharing(route), Some(plan)) => {
                        let done = Callback::new(move |()| {
                            mode.set(Mode::Normal);
                            sharing.set(None);
                            // Focus goes back to the button that opened the step.
                            super::focus_later(&format!(
                                "[data-plan-id=\"{}\"] button[aria-label=\"{}\"]",
                                id.get_value(),
                                route.button_label(&share_name.get_value())
                            ));
                        });
                        Some(view! { <ShareStepOnDemand plan route done /> })
                    }
                    _ => None,
                }}
                <Show when=move || mode.get() == Mode::Renaming>
                    <RenameForm id=id.get_value() current=rename_from.clone() mode error />
                </Show>
                <Show when=move || mode.get() == Mode::ConfirmingDelete>
                    <ConfirmDelete id=id.get_value() name=delete_name.clone() mode />
                </Show>
            }
            .into_any()
        }
        PlanCondition::Unreadable { reason, .. } => view! {
            <super::unreadable::UnreadableBody id=entry.id.clone() name=name.clone() reason error />
        }
        .into_any(),
        PlanCondition::Newer { version } => view! {
            <span class="plan-name">{name.clone()}</span>
            <span class="badge warn">"Newer version"</span>
            <p class="plan-meta">
                {format!(
                    "Saved by a newer Trellis (file version {version}). Open it with that version; this one leaves it untouched.",
                )}
            </p>
        }
        .into_any(),
    };
    let _ = state;
    view! {
        <li class=class data-plan-id=entry.id.clone()>
            {body}
            <Show when=move || error.get().is_some()>
                <p class="hint" role="alert">{move || error.get().unwrap_or_default()}</p>
            </Show>
        </li>
    }
}

#[component]
fn PlanActions(
    id: String,
    name: String,
    mode: RwSignal<Mode>,
    sharing: RwSignal<Option<Plan>>,
    navigate: impl Fn(&str, leptos_router::NavigateOptions) + Clone + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let id = StoredValue::new(id);
    let open = move |_| {
        state.open(&id.get_value());
        navigate("/goals", Default::default());
    };
    // Each asks what leaves, about the plan once it is open: opening may wait for the reader.
    let choose = move |route: Route| {
        state.open_then(&id.get_value(), move |plan| {
            sharing.set(Some(plan));
            mode.set(Mode::Sharing(route));
        });
    };
    view! {
        <span class="actions">
            <button on:click=open aria-label=format!("Open {name}")>"Open"</button>
            <button on:click=move |_| mode.set(Mode::Renaming) aria-label=format!("Rename {name}")>
                "Rename"
            </button>
            <button on:click=move |_| state.duplicate(&id.get_value()) aria-label=format!("Duplicate {name}")>
                "Duplicate"
            </button>
            <button on:click=move |_| choose(Route::File) aria-label=Route::File.button_label(&name)>"Export"</button>
            <button on:click=move |_| choose(Route::CopyJson) aria-label=Route::CopyJson.button_label(&name)>"Copy JSON"</button>
            <button on:click=move |_| choose(Route::Link) aria-label=Route::Link.button_label(&name)>"Share link"</button>
            <button
                class="danger"
                on:click=move |_| mode.set(Mode::ConfirmingDelete)
                aria-label=format!("Delete {name}")
            >
                "Delete"
            </button>
        </span>
    }
}

#[component]
fn RenameForm(
    id: String,
    current: String,
    mode: RwSignal<Mode>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = use_app_state();
    let value = RwSignal::new(current);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    // On the next frame, once the value is in the field: selected, so typing replaces it.
    Effect::new(move || {
        if let Some(input) = input_ref.get() {
            request_animation_frame(move || {
                let _ = input.focus();
                input.select();
            });
        }
    });
    let id = StoredValue::new(id);
    // Closing the form (saved or cancelled) puts focus back on the row's Rename button; a
    // renamed row is drawn anew, so it is found by the plan's id.
    let back_to_rename = move || {
        mode.set(Mode::Normal);
        super::focus_later(&format!(
            "[data-plan-id=\"{}\"] button[aria-label^=\"Rename \"]",
            id.get_value()
        ));
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.rename(
            &id.get_value(),
            &value.get_untracked(),
            move |refused| match refused {
                None => {
                    error.set(None);
                    back_to_rename();
                }
                Some(why) => error.set(Some(why)),
            },
        );
    };
    let cancel = move |_| {
        error.set(None);
        back_to_rename();
    };
    view! {
        <form class="actions" on:submit=save>
            <label class="visually-hidden" for=format!("rename-{}", id.get_value())>"New name"</label>
            <input
                id=format!("rename-{}", id.get_value())
                type="text"
                maxlength="200"
                node_ref=input_ref
                bind:value=value
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        back_to_rename();
                    }
                }
            />
            <button type="submit" class="primary">"Save name"</button>
            <button type="button" on:click=cancel>"Cancel"</button>
        </form>
    }
}

#[component]
fn ConfirmDelete(id: String, name: String, mode: RwSignal<Mode>) -> impl IntoView {
    let state = use_app_state();
    let cancel_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move || {
        if let Some(button) = cancel_ref.get() {
            let _ = button.focus();
        }
    });
    let id = StoredValue::new(id);
    view! {
        <span class="actions" role="group" aria-label="Confirm delete">
            <span>{format!("Delete “{name}”? It stays in the trash below for 30 days.")}</span>
            <button class="danger" on:click=move |_| state.delete(&id.get_value())>"Delete plan"</button>
            <button
                node_ref=cancel_ref
                on:click=move |_| {
                    mode.set(Mode::Normal);
                    super::focus_later(&format!(
                        "[data-plan-id=\"{}\"] button[aria-label^=\"Delete \"]",
                        id.get_value()
                    ));
                }
            >
                "Keep it"
            </button>
        </span>
    }
}

/// The share step, from its chunk of the wasm (it is not needed until a plan leaves).
#[component]
fn ShareStepOnDemand(plan: Plan, route: Route, done: Callback<()>) -> impl IntoView {
    let plan = StoredValue::new(plan);
    let step = move || {
        Suspend::new(async move {
            crate::ui::on_demand::share_step(plan.get_value(), route, done)
                .await
                .unwrap_or_else(|_| {
                    view! {
                        <p class="banner bad" role="alert">
                            "This part of Trellis could not be downloaded. Check the connection and try again."
                        </p>
                    }
                    .into_any()
                })
        })
    };
    view! { <Suspense fallback=|| view! { <p class="hint" aria-busy="true">"Preparing…"</p> }>{step}</Suspense> }
}
