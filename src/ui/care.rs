//! Looking after the stored data in the browser: asking the browser to keep the data
//! (`navigator.storage.persist()`), and the header's storage answer and backup reminder. The
//! record of changes and backups is the session's (`core::care`, re-read before each write
//! and on another tab's), shown from `AppState::care`.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::care::Persistence;
use crate::ui::clock;
use crate::ui::state::{use_app_state, AppState};

/// Asks the browser to keep this site's data, and remembers the answer. The session decided
/// to ask: after the first save of a plan of the user's own (once: the record already says
/// "refused" until the answer comes), and after every backup while the browser has not
/// promised (a first refusal is not for good).
pub async fn request_persistence(state: AppState) {
    if storage_manager().is_none() {
        return;
    }
    let answer = call_storage_manager("persist").await;
    let granted = answer.and_then(|a| a.as_bool()).unwrap_or(false);
    state.persistence_answer(if granted {
        Persistence::Granted
    } else {
        Persistence::Refused
    });
}

/// Reads whether the browser keeps the data now (`navigator.storage.persisted()`), once at
/// start, so an answer given or withdrawn since the last visit shows.
async fn read_persisted(state: AppState) {
    let Some(persisted) = call_storage_manager("persisted").await else {
        return;
    };
    let Some(persisted) = persisted.as_bool() else {
        return;
    };
    state.persisted_now(persisted);
}

/// Calls `navigator.storage.<method>()` and waits for its answer; None where there is no
/// such method or it fails.
async fn call_storage_manager(method: &str) -> Option<JsValue> {
    let manager = storage_manager()?;
    let function = js_sys::Reflect::get(&manager, &JsValue::from_str(method)).ok()?;
    let function = function.dyn_ref::<js_sys::Function>()?;
    let promise = function
        .call0(&manager)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    JsFuture::from(promise).await.ok()
}

fn storage_manager() -> Option<JsValue> {
    let navigator = window().navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("storage"))
        .ok()
        .filter(|manager| !manager.is_undefined() && !manager.is_null())
}

/// The browser's answer, next to the save status.
#[component]
pub fn PersistStatus() -> impl IntoView {
    let state = use_app_state();
    leptos::task::spawn_local(read_persisted(state));
    let answer = move || state.care.with(|care| care.persistence);
    move || {
        match answer() {
        Some(Persistence::Granted) => view! {
            <span class="persist-status" data-testid="persist-status">"Kept until you delete it"</span>
        }
        .into_any(),
        Some(Persistence::Refused) => view! {
            <span class="persist-status warn" data-testid="persist-status">
                "The browser may clear this data: back it up"
                <button class="small" on:click=move |_| crate::ui::on_demand::start_backup(state)>
                    "Back up"
                </button>
            </span>
        }
        .into_any(),
        None => ().into_any(),
    }
    }
}

/// A quiet notice in the header when plans changed and the last backup is older than the
/// user's period.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let state = use_app_state();
    let due = move || state.care.with(|care| care.reminder_due(clock::now_ms()));
    view! {
        <Show when=due>
            <span class="backup-reminder" role="status" data-testid="backup-reminder">
                "Plans changed since your last backup."
                <button class="small primary" on:click=move |_| crate::ui::on_demand::start_backup(state)>
                    "Back up now"
                </button>
                <button
                    class="small"
                    aria-label="Remind me later"
                    on:click=move |_| {
                        let now = clock::now_ms();
                        state.care_change(move |care| care.snooze(now));
                    }
                >
                    "Not now"
                </button>
            </span>
        </Show>
    }
}
