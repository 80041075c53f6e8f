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
/// to ask (once: the record already says "refused" until the answer comes).
pub async fn request_persistence(state: AppState) {
    let Some(manager) = storage_manager() else {
        return;
    };
    let Ok(persist) = js_sys::Reflect::get(&manager, &JsValue::from_str("persist")) else {
        return;
    };
    let Some(persist) = persist.dyn_ref::<js_sys::Function>() else {
        return;
    };
    let answer = match persist.call0(&manager) {
        Ok(promise) => match promise.dyn_into::<js_sys::Promise>() {
            Ok(promise) => JsFuture::from(promise).await.ok(),
            Err(_) => None,
        },
        Err(_) => None,
    };
    let granted = answer.and_then(|a| a.as_bool()).unwrap_or(false);
    state.persistence_answer(if granted {
        Persistence::Granted
    } else {
        Persistence::Refused
    });
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
