//! Opening a share link: a preview of the plan in the link, and "Add to my plans".
//! Nothing is added until the user says so; the fragment leaves the address bar at once.

use leptos::prelude::*;

use crate::core::plan::Plan;
use crate::core::share;
use crate::transfer;
use crate::ui::plans::import;
use crate::ui::state::use_app_state;

#[derive(Clone, PartialEq)]
enum Incoming {
    Plan(Box<Plan>),
    Error(String),
}

/// Reads a share link's fragment now and whenever it changes.
#[component]
pub fn SharedPlan() -> impl IntoView {
    let state = use_app_state();
    let incoming = RwSignal::new(None::<Incoming>);
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
        leptos::task::spawn_local(async move {
            let read =
                async { transfer::read_share_data(&data, state.plan_reader_or_why().await?).await };
            incoming.set(Some(match read.await {
                Ok(plan) => Incoming::Plan(Box::new(plan)),
                Err(why) => Incoming::Error(why),
            }));
        });
    };
    read();
    let listener = window_event_listener_untyped("hashchange", move |_| read());
    on_cleanup(move || listener.remove());

    move || match incoming.get() {
        None => ().into_any(),
        Some(Incoming::Error(why)) => view! {
            <div class="banner bad" role="alert" data-testid="share-error">
                <p>{why}</p>
                <button on:click=move |_| incoming.set(None)>"Dismiss"</button>
            </div>
        }
        .into_any(),
        Some(Incoming::Plan(plan)) => {
            let summary = format!(
                "{} goals in {} objectives · {} curve stages · {} career tracks",
                plan.goals.goals.len(),
                plan.goals.objectives.len(),
                plan.curve.stages.len(),
                plan.career.tracks.len(),
            );
            let name = plan.name.clone();
            let add = move |_| {
                if let Some(Incoming::Plan(plan)) = incoming.get_untracked() {
                    incoming.set(None);
                    import::offer(state, *plan);
                }
            };
            view! {
                <section class="banner ok share-preview" aria-labelledby="share-title" data-testid="share-preview">
                    <div>
                        <h2 id="share-title">{format!("Shared plan: {name}")}</h2>
                        <p>{summary}</p>
                        <p class="hint">"Adding it never replaces one of your plans without asking."</p>
                    </div>
                    <div class="actions">
                        <button class="primary" on:click=add>"Add to my plans"</button>
                        <button on:click=move |_| incoming.set(None)>"Not now"</button>
                    </div>
                </section>
            }
            .into_any()
        }
    }
}
