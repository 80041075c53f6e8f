//! Looking after the stored data in the browser: the record of changes and backups
//! (`core::care`), asking the browser to keep the data (`navigator.storage.persist()`),
//! and the header's storage answer and backup reminder.

use std::cell::OnceCell;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::care::{self, DataCare, Persistence};
use crate::core::plan::Plan;
use crate::storage;
use crate::ui::clock;
use crate::ui::state::use_app_state;

/// Where the record is kept.
pub const CARE_KEY: &str = "trellis.care";

thread_local! {
    static RECORD: OnceCell<ArcRwSignal<DataCare>> = const { OnceCell::new() };
}

/// The record, read from storage on first use. Not arena-owned, so no component's cleanup
/// can dispose it: it lives as long as the page.
pub fn record() -> ArcRwSignal<DataCare> {
    RECORD.with(|cell| {
        cell.get_or_init(|| {
            let care = storage::read(CARE_KEY)
                .ok()
                .flatten()
                .map(|text| DataCare::read(&text))
                .unwrap_or_default();
            ArcRwSignal::new(care)
        })
        .clone()
    })
}

/// Changes the record and stores it (a failure to store it loses no user work).
pub fn change(update: impl FnOnce(&mut DataCare)) {
    let record = record();
    record.update(update);
    let text = record.with_untracked(DataCare::write);
    let _ = storage::write(CARE_KEY, &text);
}

/// A plan was saved with a change.
pub fn saved(plan: &Plan) {
    let now = clock::now_ms();
    let id = plan.id.clone();
    change(|care| care.note_change(&id, now));
    if record().with_untracked(|care| care.should_request_persistence(care::is_own_plan(plan))) {
        leptos::task::spawn_local(request_persistence());
    }
}

/// Every plan was backed up, or one exported. While the browser has not promised to keep the
/// data, it is asked again (a first refusal is not for good).
pub fn backed_up() {
    let now = clock::now_ms();
    change(|care| care.note_backup(now));
    if record().with_untracked(DataCare::should_ask_after_backup) {
        leptos::task::spawn_local(request_persistence());
    }
}

/// Reads whether the browser keeps the data now (`navigator.storage.persisted()`), once at
/// start, so an answer given or withdrawn since the last visit shows.
async fn read_persisted() {
    let Some(persisted) = call_storage_manager("persisted").await else {
        return;
    };
    let Some(persisted) = persisted.as_bool() else {
        return;
    };
    let now = record().with_untracked(|care| care.persistence_after_check(persisted));
    if record().with_untracked(|care| care.persistence) != now {
        change(|care| care.persistence = now);
    }
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

/// Asks the browser to keep this site's data, once, and remembers the answer.
async fn request_persistence() {
    if storage_manager().is_none() {
        return;
    }
    // Asked once: an answer arriving late must not send a second request meanwhile.
    change(|care| {
        care.persistence.get_or_insert(Persistence::Refused);
    });
    let answer = call_storage_manager("persist").await;
    let granted = answer.and_then(|a| a.as_bool()).unwrap_or(false);
    change(|care| {
        care.persistence = Some(if granted {
            Persistence::Granted
        } else {
            Persistence::Refused
        })
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
    leptos::task::spawn_local(read_persisted());
    let answer = move || record().with(|care| care.persistence);
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
    let due = move || record().with(|care| care.reminder_due(clock::now_ms()));
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
                        change(|care| care.snooze(now));
                    }
                >
                    "Not now"
                </button>
            </span>
        </Show>
    }
}
