//! Pieces of the shell: the open plan's name, save status, undo/redo, theme, banners, notices.

use leptos::prelude::*;

use crate::storage::StorageProblem;
use crate::transfer;
use crate::ui::state::{use_app_state, AppState, Banner, SaveStatus};
use crate::ui::theme::ThemeToggle;

#[component]
pub fn CurrentPlan() -> impl IntoView {
    let state = use_app_state();
    let name = move || state.plan.with(|p| p.as_ref().map(|p| p.name.clone()));
    view! {
        <Show when=move || name().is_some()>
            <span class="current-plan" title=name>
                <span class="visually-hidden">"Open plan: "</span>
                {name}
            </span>
        </Show>
    }
}

#[component]
pub fn HeaderTools() -> impl IntoView {
    let state = use_app_state();
    let has_plan = move || state.plan.with(|p| p.is_some());
    view! {
        <div class="header-tools">
            <Show when=has_plan>
                <SaveIndicator />
                <crate::ui::care::PersistStatus />
                <button
                    class="small"
                    on:click=move |_| state.undo()
                    disabled=move || !state.can_undo()
                    aria-keyshortcuts="Control+Z"
                    title="Undo (Ctrl+Z)"
                >
                    "Undo"
                </button>
                <button
                    class="small"
                    on:click=move |_| state.redo()
                    disabled=move || !state.can_redo()
                    aria-keyshortcuts="Control+Shift+Z"
                    title="Redo (Ctrl+Shift+Z)"
                >
                    "Redo"
                </button>
            </Show>
            <crate::ui::care::BackupReminder />
            <ThemeToggle />
            <crate::ui::help::HelpButton />
        </div>
    }
}

#[component]
fn SaveIndicator() -> impl IntoView {
    let state = use_app_state();
    let text = move || match state.save_status.get() {
        SaveStatus::Saved => "Saved".to_string(),
        SaveStatus::Saving => "Saving…".to_string(),
        SaveStatus::NotSaved(reason) => format!("Not saved: {reason}"),
    };
    let class = move || match state.save_status.get() {
        SaveStatus::NotSaved(_) => "save-status bad",
        _ => "save-status",
    };
    view! {
        <span class=class role="status" aria-live="polite" data-testid="save-status">
            {text}
        </span>
    }
}

/// Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z (or Ctrl+Y) redoes, `?` opens the help — except
/// inside a text field, where the browser's own text undo (and typing "?") is what the user expects.
pub fn on_shortcut(state: AppState, help: crate::ui::help::Help, event: &web_sys::KeyboardEvent) {
    let in_text_field = event
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .map(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        })
        .unwrap_or(false);
    if in_text_field {
        return;
    }
    if event.key() == "?" && !event.ctrl_key() && !event.meta_key() {
        event.prevent_default();
        help.open();
        return;
    }
    if !(event.ctrl_key() || event.meta_key()) || event.alt_key() {
        return;
    }
    let key = event.key().to_lowercase();
    if key == "z" && event.shift_key() || key == "y" {
        event.prevent_default();
        state.redo();
    } else if key == "z" {
        event.prevent_default();
        state.undo();
    }
}

#[component]
pub fn Banners() -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="banners" role="alert" aria-live="assertive">
            <For
                each=move || state.banners.get()
                key=|banner| format!("{banner:?}")
                children=move |banner| view! { <BannerView banner /> }
            />
        </div>
    }
}

#[component]
fn BannerView(banner: Banner) -> impl IntoView {
    let state = use_app_state();
    let export = move |_| {
        if let Some(plan) = state.plan.get_untracked() {
            match transfer::download_plan(&plan) {
                Ok(()) => state.backed_up(vec![plan.id], false),
                Err(why) => state.notify(why, None),
            }
        }
    };
    match banner {
        Banner::Storage(problem) => {
            let class = match problem {
                StorageProblem::Full | StorageProblem::Failed(_) => "banner bad",
                StorageProblem::Unavailable(_) => "banner warn",
            };
            let message = problem.to_string();
            view! {
                <div class=class data-testid="storage-banner">
                    <p>{message}</p>
                    <button class="primary" on:click=export>"Export this plan"</button>
                </div>
            }
            .into_any()
        }
        Banner::Conflict { .. } => view! {
            <div class="banner warn" data-testid="conflict-banner">
                <p>
                    "This plan was changed in another tab while you were editing it here. "
                    "Choose which version to keep; the other is discarded."
                </p>
                <button on:click=move |_| state.take_theirs()>"Load the other tab's version"</button>
                <button class="primary" on:click=move |_| state.keep_mine()>"Keep this tab's version"</button>
                <button on:click=export>"Export this tab's copy"</button>
            </div>
        }
        .into_any(),
        Banner::DeletedElsewhere { .. } => view! {
            <div class="banner warn" data-testid="deleted-banner">
                <p>
                    "This plan was deleted in another tab (it is in the trash there). This tab "
                    "keeps its copy and saves nothing until you choose."
                </p>
                <button class="primary" on:click=move |_| state.keep_mine()>"Keep it: store this tab's copy again"</button>
                <button on:click=move |_| state.take_theirs()>"Close it"</button>
                <button on:click=export>"Export this tab's copy"</button>
            </div>
        }
        .into_any(),
        Banner::UpdateReady => view! {
            <div class="banner ok" data-testid="update-banner">
                <p>"A new version of Trellis is ready. Your plans are saved; reload to start using it."</p>
                <button
                    class="primary"
                    on:click=move |_| {
                        state.flush_now();
                        let _ = window().location().reload();
                    }
                >
                    "Reload now"
                </button>
            </div>
        }
        .into_any(),
        Banner::ReaderNotDownloaded => view! {
            <div class="banner bad" data-testid="reader-banner">
                <p>
                    "Your plans are stored in this browser, but the part of Trellis that reads them "
                    "could not be downloaded. They are untouched: nothing is listed or saved until "
                    "it arrives. Reload the page when you are online."
                </p>
                <button
                    class="primary"
                    on:click=move |_| {
                        let _ = window().location().reload();
                    }
                >
                    "Reload now"
                </button>
            </div>
        }
        .into_any(),
        Banner::NewerVersionStored { version } => view! {
            <div class="banner bad" data-testid="newer-banner">
                <p>
                    {format!(
                        "A newer version of Trellis saved this plan (file version {version}). This tab will not overwrite it: reload the page to use the newer version, or export your copy.",
                    )}
                </p>
                <button class="primary" on:click=export>"Export this tab's copy"</button>
            </div>
        }
        .into_any(),
    }
}

#[component]
pub fn Notices() -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="notice-stack" role="status" aria-live="polite">
            <For
                each=move || state.notices.get()
                key=|notice| notice.id
                children=move |notice| {
                    let id = notice.id;
                    view! {
                        <div class="notice">
                            <span>{notice.text.clone()}</span>
                            <span class="actions">
                                {notice
                                    .undo
                                    .is_some()
                                    .then(|| {
                                        view! {
                                            <button class="small" on:click=move |_| state.run_undo_action(id)>
                                                "Undo"
                                            </button>
                                        }
                                    })}
                                <button class="small" aria-label="Dismiss" on:click=move |_| state.dismiss(id)>
                                    "×"
                                </button>
                            </span>
                        </div>
                    }
                }
            />
        </div>
    }
}

/// What a tool shows when no plan is open.
#[component]
pub fn NoPlanOpen() -> impl IntoView {
    let state = use_app_state();
    let href = crate::base_path::app_href("/");
    // Not a dead end (issue 31): a plan can be started right here, and the tool then shows it.
    view! {
        <div class="empty-state" data-testid="no-plan">
            <h2>"No plan is open"</h2>
            <p>
                "Trellis keeps goals, the commitment curve and the career worksheet inside a plan. "
                "Start one here and this page opens it, or start from the sample plan to see what a good plan looks like."
            </p>
            <div class="actions">
                // As on the plan page: with plans stored that cannot be read yet, none is offered.
                <Show when=move || !state.loading.get() && !state.reader_missing()>
                    <button
                        class="primary"
                        aria-busy=move || state.adding_sample.get().to_string()
                        on:click=move |_| state.create_sample()
                    >
                        {move || if state.adding_sample.get() { "Adding the sample plan…" } else { "Start with the sample plan" }}
                    </button>
                    <button on:click=move |_| state.create_blank("My community plan")>"Start a blank plan"</button>
                </Show>
                <a class="button" href=href>"Go to your plans"</a>
            </div>
        </div>
    }
}

/// Keeps the page title as "<tool> — <plan> — Trellis": tabs, history and printed reports
/// (the PDF's title) then say what they show.
#[component]
pub fn DocumentTitle() -> impl IntoView {
    let state = use_app_state();
    let location = leptos_router::hooks::use_location();
    Effect::new(move || {
        let path = location.pathname.get();
        let tool = match path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default()
        {
            "goals" => "Goals",
            "curve" => "Commitment curve",
            "career" => "Career",
            _ => "Plans",
        };
        let plan = state.plan.with(|p| p.as_ref().map(|p| p.name.clone()));
        let title = match plan {
            Some(plan) => format!("{tool} — {plan} — Trellis"),
            None => format!("{tool} — Trellis"),
        };
        document().set_title(&title);
    });
}
