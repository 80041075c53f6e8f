//! Opening a share link: a preview of the plan in the link, and "Add to my plans".
//! Nothing is added until the user says so; the fragment leaves the address bar at once.
//! The preview is read from the link's text without building the plan (`core::share::preview`,
//! after the records are counted); the plan is read, and checked, when the user adds it.

use leptos::prelude::*;

use crate::core::share::{self, Preview};
use crate::transfer;
use crate::ui::plans::import::{self, PendingImport};
use crate::ui::state::use_app_state;

#[derive(Clone, PartialEq)]
enum Incoming {
    /// Being read (unpacked, or the plan checked after "Add").
    Busy,
    Preview(Preview),
    Error(String),
}

/// Reads a share link's fragment now and whenever it changes.
#[component]
pub fn SharedPlan() -> impl IntoView {
    let state = use_app_state();
    let pending = expect_context::<PendingImport>().0;
    let incoming = RwSignal::new(None::<Incoming>);
    // The unpacked text of the link on show, read in full only when added.
    let text = StoredValue::new(None::<String>);
    let read = move || {
        let Some(fragment) = window().location().hash().ok() else {
            return;
        };
        let Some(data) = share::data_in_fragment(&fragment).map(str::to_string) else {
            return;
        };
        // The plan stays out of the address bar, history and bookmarks.
        let clean = format!(
            "{}{}",
            window().location().pathname().unwrap_or_default(),
            window().location().search().unwrap_or_default()
        );
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
        }
        text.set_value(None);
        leptos::task::spawn_local(async move {
            let shown = match transfer::unpack_share_data(&data).await {
                Ok((unpacked, Some(preview))) => {
                    text.set_value(Some(unpacked));
                    Incoming::Preview(preview)
                }
                // Not a plan the preview reads: reading it in full says why (the records are
                // counted already, so this read is bounded), or, for an odd but sound
                // document (a key given twice), gives the preview.
                Ok((unpacked, None)) => {
                    let read = async {
                        let reader = state.plan_reader_or_why().await?;
                        transfer::read_shared_plan(&unpacked, reader).await
                    };
                    match read.await {
                        Err(why) => Incoming::Error(why),
                        Ok(plan) => {
                            text.set_value(Some(unpacked));
                            Incoming::Preview(Preview {
                                name: crate::core::workspace::fit_name(&plan.name),
                                goals: plan.goals.goals.len(),
                                objectives: plan.goals.objectives.len(),
                                stages: plan.curve.stages.len(),
                                tracks: plan.career.tracks.len(),
                            })
                        }
                    }
                }
                Err(why) => Incoming::Error(why),
            };
            incoming.set(Some(shown));
        });
    };
    read();
    let listener = window_event_listener_untyped("hashchange", move |_| read());
    on_cleanup(move || listener.remove());

    let add = move |_| {
        let Some(unpacked) = text.get_value() else {
            return;
        };
        incoming.set(Some(Incoming::Busy));
        leptos::task::spawn_local(async move {
            let read = async {
                let reader = state.plan_reader_or_why().await?;
                let plan = transfer::read_shared_plan(&unpacked, reader).await?;
                import::offer_to(state, pending, plan)
            };
            match read.await {
                Ok(()) => {
                    text.set_value(None);
                    incoming.set(None);
                }
                Err(why) => incoming.set(Some(Incoming::Error(why))),
            }
        });
    };

    move || match incoming.get() {
        None => ().into_any(),
        Some(Incoming::Busy) => view! {
            <p class="banner" role="status" aria-busy="true" data-testid="share-busy">
                "Reading the shared plan…"
            </p>
        }
        .into_any(),
        Some(Incoming::Error(why)) => view! {
            <div class="banner bad" role="alert" data-testid="share-error">
                <p>{why}</p>
                <button on:click=move |_| incoming.set(None)>"Dismiss"</button>
            </div>
        }
        .into_any(),
        Some(Incoming::Preview(preview)) => {
            let summary = format!(
                "{} goals in {} objectives · {} curve stages · {} career tracks",
                preview.goals, preview.objectives, preview.stages, preview.tracks,
            );
            view! {
                <section class="banner ok share-preview" aria-labelledby="share-title" data-testid="share-preview">
                    <div>
                        <h2 id="share-title">{format!("Shared plan: {}", preview.name)}</h2>
                        <p>{summary}</p>
                        <p class="hint">"Adding it never replaces one of your plans without asking."</p>
                    </div>
                    <div class="actions">
                        <button class="primary" on:click=add>"Add to my plans"</button>
                        <button on:click=move |_| {
                            text.set_value(None);
                            incoming.set(None);
                        }>"Not now"</button>
                    </div>
                </section>
            }
            .into_any()
        }
    }
}
