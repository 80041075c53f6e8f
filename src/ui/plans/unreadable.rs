//! A stored plan that cannot be read: its reason, its raw data for download, and, once that
//! was downloaded, deleting it together with its backup copy under `trellis.backup.*`.

use leptos::prelude::*;

use crate::storage;
use crate::ui::shell::download_backup;
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
    backup_key: String,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = use_app_state();
    let step = RwSignal::new(Step::NotDownloaded);
    let backup_key = StoredValue::new(backup_key);
    let id = StoredValue::new(id);
    let download = move |_| match download_backup(&backup_key.get_value()) {
        Ok(()) => {
            error.set(None);
            if step.get_untracked() == Step::NotDownloaded {
                step.set(Step::Downloaded);
            }
        }
        Err(why) => error.set(Some(why)),
    };
    let delete = move |_| {
        let id = id.get_value();
        // The plan's key and its backup copy; a failure leaves both listed and says why.
        let removed = storage::remove(&storage::plan_key(&id))
            .and_then(|()| storage::remove(&backup_key.get_value()));
        match removed {
            Ok(()) => {
                state.plans.update(|plans| plans.retain(|e| e.id != id));
                state.save_index();
                state.notify(
                    "Deleted the unreadable plan and its backup copy.".into(),
                    None,
                );
            }
            Err(problem) => error.set(Some(problem.to_string())),
        }
    };
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
