//! A stored plan that cannot be read: its reason, its raw data for download (from where it
//! is stored, or its backup copy), and, once that was downloaded, deleting it together with
//! its backup copy (`Session::delete_unreadable`).

use leptos::prelude::*;

use crate::transfer;
use crate::ui::state::use_app_state;

#[derive(Clone, Copy, PartialEq)]
enum Step {
    /// The raw data has not been downloaded in this visit.
    NotDownloaded,
    Downloaded,
    ConfirmingDelete,
}

#[component]
pub fn UnreadableBody(
    id: String,
    name: String,
    reason: String,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = use_app_state();
    let step = RwSignal::new(Step::NotDownloaded);
    let id = StoredValue::new(id);
    let download = move |_| match state.raw_text(&id.get_value()).and_then(|raw| {
        transfer::download("trellis-unreadable-plan.json", "application/json", &raw)
    }) {
        Ok(()) => {
            error.set(None);
            if step.get_untracked() == Step::NotDownloaded {
                step.set(Step::Downloaded);
            }
        }
        Err(why) => error.set(Some(why)),
    };
    // The plan's key and its backup copy; a failure leaves both listed and says why.
    let delete =
        move |_| state.delete_unreadable(&id.get_value(), move |refused| error.set(refused));
    let label = format!("Delete {name}");
    view! {
        <span class="plan-name">{name.clone()}</span>
        <span class="badge bad">"Unreadable"</span>
        <p class="plan-meta">
            {format!(
                "This stored plan could not be read: {reason}. It is kept exactly as it was, and nothing will overwrite it.",
            )}
        </p>
        <span class="actions">
            <button on:click=download>"Download the raw data"</button>
            <Show when=move || step.get() == Step::Downloaded>
                <button class="danger" aria-label=label.clone() on:click=move |_| step.set(Step::ConfirmingDelete)>
                    "Delete"
                </button>
            </Show>
            <Show when=move || step.get() == Step::NotDownloaded>
                <span class="hint">"Download its raw data to be able to delete it."</span>
            </Show>
        </span>
        <Show when=move || step.get() == Step::ConfirmingDelete>
            <span class="actions" role="group" aria-label="Confirm delete">
                <span>"Delete this data and its backup copy from the browser? Your download keeps it."</span>
                <button class="danger" on:click=delete>"Delete unreadable plan"</button>
                <button on:click=move |_| step.set(Step::Downloaded)>"Keep it"</button>
            </span>
        </Show>
    }
}
