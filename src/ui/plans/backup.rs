//! Backing up every plan to one file, restoring from it, and the backup reminder's setting.

use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::backup::{self, Backup, BackupItem, RestoreChoice, UnreadableCopy};
use crate::core::plan::Plan;
use crate::core::schema::PlanReader;
use crate::core::session::TrashReason;
use crate::transfer;
use crate::ui::clock;
use crate::ui::state::{use_app_state, AppState};

/// Downloads a backup of every plan (the open one saved first, under the storage lock); a
/// failure is told in a notice.
pub fn back_up_now(state: AppState) {
    state.with_reader(move |reader| {
        state.run(
            |s, slot| s.flush(slot, clock::now_ms()),
            move |_| match back_up(state, reader) {
                Ok(count) => state.notify(
                    format!(
                        "Backed up {count} in one file. Keep it somewhere other than this browser."
                    ),
                    None,
                ),
                Err(why) => state.notify(why, None),
            },
        )
    });
}

fn back_up(state: AppState, reader: PlanReader) -> Result<String, String> {
    let contents = state.backup_contents(reader);
    let changed: BTreeMap<String, String> = state.care.with_untracked(|care| {
        care.changed
            .iter()
            .map(|(id, ms)| (id.clone(), clock::iso_time(*ms)))
            .collect()
    });
    let trash: Vec<UnreadableCopy> = contents
        .trash
        .iter()
        .map(|(entry, plan_text)| UnreadableCopy {
            key: entry.key.clone(),
            reason: format!(
                "{} {}",
                match entry.why {
                    TrashReason::Deleted => "deleted",
                    TrashReason::Replaced => "replaced",
                },
                clock::date_at(entry.trashed_ms)
            ),
            raw: plan_text.clone(),
        })
        .collect();
    let text = backup::write_backup(
        &contents.plans,
        &changed,
        &contents.unreadable,
        &trash,
        &clock::iso_time(clock::now_ms()),
    );
    let name = backup::file_name(&clock::today().format("%Y-%m-%d").to_string());
    transfer::download(&name, "application/json", &text)?;
    state.backed_up(contents.plans.iter().map(|p| p.id.clone()).collect(), true);
    let mut count = match contents.plans.len() {
        1 => "1 plan".to_string(),
        n => format!("{n} plans"),
    };
    if !contents.unreadable.is_empty() {
        count.push_str(&format!(
            " and the raw data of {} unreadable",
            contents.unreadable.len()
        ));
    }
    if !trash.is_empty() {
        count.push_str(&format!(", with the {} in the trash", trash.len()));
    }
    Ok(count)
}

#[component]
pub fn BackupPanel() -> impl IntoView {
    let state = use_app_state();
    let has_plans = move || state.plans.with(|p| !p.is_empty());
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Backup>);
    let last_backup = move || {
        state.care.with(|care| match care.last_backup_or_export() {
            Some(ms) => format!("Last backup or export: {}.", clock::date_at(ms)),
            None => "No backup or export yet.".to_string(),
        })
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let Some(input) = input else { return };
        let file = input.files().and_then(|files| files.get(0));
        input.set_value("");
        let Some(file) = file else { return };
        error.set(None);
        pending.set(None);
        leptos::task::spawn_local(async move {
            let read = async {
                transfer::read_backup_file(&file, state.plan_reader_or_why().await?).await
            };
            match read.await {
                Ok(backup) => pending.set(Some(backup)),
                Err(why) => error.set(Some(format!("{}: {why}", file.name()))),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="backup-title" data-testid="backup-panel">
            <h2 id="backup-title">"Back up and restore"</h2>
            // Backing up means something once there is a plan; restoring, from the first visit.
            <Show when=has_plans>
                <p class="hint">
                    "One file with every plan in this browser, including the raw data of any plan "
                    "that cannot be read. Keep it somewhere other than this browser."
                </p>
                <p class="hint" data-testid="backup-keeps-everything">
                    "It is your own copy, so it keeps everything: your pay, offers, targets and "
                    "self-assessment too. To send a plan to someone, use its Export or Share link, "
                    "which leave those out unless you tick them."
                </p>
                <p data-testid="last-backup">{last_backup}</p>
                <div class="actions">
                    <button class="primary" on:click=move |_| back_up_now(state)>"Back up all plans"</button>
                </div>
            </Show>
            <div class="field">
                <label for="restore-file">"Restore from a backup file"</label>
                <input id="restore-file" type="file" accept=".json,application/json" on:change=on_pick />
            </div>
            <Show when=move || error.get().is_some()>
                <p class="banner bad" role="alert" data-testid="restore-error">
                    {move || error.get().unwrap_or_default()}
                </p>
            </Show>
            {move || pending.get().map(|backup| view! { <RestorePreview backup pending error /> })}
            <Show when=has_plans>
                <ReminderSetting />
            </Show>
        </section>
    }
}

#[component]
fn RestorePreview(
    backup: Backup,
    pending: RwSignal<Option<Backup>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = use_app_state();
    let exists = move |id: &str| {
        state
            .plans
            .with_untracked(|plans| plans.iter().any(|e| e.id == id))
    };
    // One choice per restorable plan, in the order of the backup; a new plan is simply added.
    let choices: Vec<RwSignal<RestoreChoice>> = backup
        .plans()
        .map(|_| RwSignal::new(RestoreChoice::KeepBoth))
        .collect();
    let plans: Vec<Plan> = backup.plans().cloned().collect();
    let created = if backup.created.is_empty() {
        "Backup".to_string()
    } else {
        format!("Backup of {}", clock::date_of_iso(&backup.created))
    };
    let mut index = 0;
    let rows = backup
        .items
        .iter()
        .map(|item| match item {
            BackupItem::Plan { plan, changed } => {
                let choice = choices[index];
                index += 1;
                let changed = changed
                    .as_deref()
                    .map(|c| format!("last changed {}", clock::date_of_iso(c)))
                    .unwrap_or_else(|| "last change not recorded".into());
                let collides = exists(&plan.id);
                let select_id = format!("restore-choice-{index}");
                let name = plan.name.clone();
                view! {
                    <li class="plan-item" data-testid="restore-item">
                        <span class="plan-name">{plan.name.clone()}</span>
                        <span class="badge ok">"Readable"</span>
                        <span class="plan-meta">{changed}</span>
                        {collides.then(|| view! {
                            <span class="field">
                                <label for=select_id.clone()>{format!("You already have “{name}”:")}</label>
                                <select
                                    id=select_id
                                    on:change=move |ev| choice.set(match event_target_value(&ev).as_str() {
                                        "replace" => RestoreChoice::Replace,
                                        "skip" => RestoreChoice::Skip,
                                        _ => RestoreChoice::KeepBoth,
                                    })
                                >
                                    <option value="keep">"Keep both"</option>
                                    <option value="replace">"Replace mine (you can undo)"</option>
                                    <option value="skip">"Leave mine, skip this one"</option>
                                </select>
                            </span>
                        })}
                    </li>
                }
                .into_any()
            }
            BackupItem::Refused { name, reason } => view! {
                <li class="plan-item" data-testid="restore-item">
                    <span class="plan-name">{name.clone()}</span>
                    <span class="badge bad">"Not readable"</span>
                    <span class="plan-meta">{format!("Cannot be restored: {reason}.")}</span>
                </li>
            }
            .into_any(),
            BackupItem::Unreadable(copy) => view! {
                <li class="plan-item" data-testid="restore-item">
                    <span class="plan-name">{format!("Unreadable data ({})", copy.key)}</span>
                    <span class="badge bad">"Not readable"</span>
                    <span class="plan-meta">
                        {format!("Could not be read when backed up ({}). Its raw text stays in the backup file; it is not restored.", copy.reason)}
                    </span>
                </li>
            }
            .into_any(),
        })
        .collect_view();
    let restorable = plans.len();
    let plans = StoredValue::new(plans);
    let restore = move |_| {
        let chosen: Vec<(Plan, RestoreChoice)> = plans
            .get_value()
            .into_iter()
            .zip(choices.iter().map(|c| c.get_untracked()))
            .collect();
        pending.set(None);
        state.restore(chosen, move |refused| error.set(refused));
    };
    view! {
        <div class="restore-preview" role="group" aria-labelledby="restore-title" data-testid="restore-preview">
            <h3 id="restore-title">{format!("{created}: {} plans", backup.items.len())}</h3>
            <ul class="plan-list">{rows}</ul>
            <div class="actions">
                <button class="primary" disabled=restorable == 0 on:click=restore>
                    {format!("Restore {restorable} {}", if restorable == 1 { "plan" } else { "plans" })}
                </button>
                <button on:click=move |_| pending.set(None)>"Cancel restore"</button>
            </div>
        </div>
    }
}

#[component]
fn ReminderSetting() -> impl IntoView {
    let state = use_app_state();
    let days = state
        .care
        .with_untracked(|care| care.reminder_days.to_string());
    let entry = RwSignal::new(days);
    let problem = RwSignal::new(None::<String>);
    let apply = move || {
        let text = entry.get_untracked();
        // Checked here, then set in the stored record (re-read first: another tab's).
        let checked = state
            .care
            .with_untracked(|care| care.clone().set_reminder_days(&text));
        problem.set(checked.clone().err());
        if checked.is_ok() {
            state.care_change(move |care| {
                let _ = care.set_reminder_days(&text);
            });
        }
    };
    view! {
        <div class="field">
            <label for="reminder-days">"Remind me to back up after (days; 0 = never)"</label>
            <input
                id="reminder-days"
                type="number"
                min="0"
                max="365"
                inputmode="numeric"
                bind:value=entry
                on:input=move |_| apply()
            />
            <Show when=move || problem.get().is_some()>
                <p class="hint" role="alert">{move || problem.get().unwrap_or_default()}</p>
            </Show>
        </div>
    }
}
