//! The plan list: create, open, rename, duplicate, delete, import and export plans.

pub mod backup;
pub mod import;
pub mod merge;
mod row;
pub mod share;
pub mod share_step;
mod unreadable;

use leptos::prelude::*;

use crate::ui::state::use_app_state;

/// Focuses the element matching `selector` on the next frame: the inline forms on this page
/// replace the markup that had focus, which would otherwise drop it on the page body.
pub fn focus_later(selector: &str) {
    let selector = selector.to_string();
    request_animation_frame(move || {
        let found = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(el) = found {
            let _ = el.focus();
        }
    });
}

#[component]
pub fn PlansPage() -> impl IntoView {
    let state = use_app_state();
    let has_plans = move || state.plans.with(|p| !p.is_empty());
    // Whether a first visitor asked for import and restore.
    let files = RwSignal::new(false);
    let welcome = move || !state.loading.get() && !state.reader_missing() && !has_plans();
    view! {
        <section class="tool" aria-labelledby="plans-title">
            <h1 id="plans-title">"Plans"</h1>
            // With plans stored that cannot be read yet (the banner says why), a new plan could
            // not be saved: none is offered.
            <Show when=move || !state.loading.get() && !state.reader_missing()>
                // A first visitor sees the welcome's two ways to start, and the way to open a
                // file they were sent; the list, a second new-plan form, import, backup and the
                // reminder come once there is a plan (issue 31).
                <Show when=has_plans fallback=move || view! { <Welcome files /> }>
                    <crate::ui::next_step::NextStepCard />
                    <PlanList />
                    <NewPlan />
                </Show>
                // The trash also when every plan was deleted (the welcome then shows too).
                <Trash />
            </Show>
            // Hidden only while the welcome is what the page shows and no file was asked for.
            <div class="file-panels" hidden=move || welcome() && !files.get()>
                <FilePanels />
            </div>
        </section>
    }
}

/// First visit: what Trellis does, and the two ways to start.
#[component]
fn Welcome(files: RwSignal<bool>) -> impl IntoView {
    let state = use_app_state();
    let open_files = move |_| {
        files.set(true);
        focus_later("[aria-labelledby=import-title] input");
    };
    view! {
        <div class="empty-state" data-testid="welcome">
            <h2>"Welcome to Trellis"</h2>
            <p class="lede">
                "Trellis plans a community program in one place: SMART goals your team can track, "
                "the commitment curve your members climb, and the career case for the people who run it. "
                "Everything stays in this browser; share a plan by exporting it as a file."
            </p>
            <div class="actions">
                <button
                    class="primary"
                    aria-busy=move || state.adding_sample.get().to_string()
                    on:click=move |_| state.create_sample()
                >
                    {move || if state.adding_sample.get() { "Adding the sample plan…" } else { "Start with the sample plan" }}
                </button>
                <button on:click=move |_| state.create_blank("My community plan")>
                    "Start a blank plan"
                </button>
            </div>
            <p class="welcome-files">
                <button
                    class="link-button"
                    aria-expanded=move || files.get().to_string()
                    on:click=open_files
                >
                    "Open a plan file or a backup"
                </button>
            </p>
        </div>
    }
}

#[component]
fn PlanList() -> impl IntoView {
    let state = use_app_state();
    view! {
        <ul class="plan-list" aria-label="Your plans">
            <For
                each=move || state.plans.get()
                key=|entry| (entry.id.clone(), entry.name.clone(), format!("{:?}", entry.condition))
                children=move |entry| view! { <row::PlanRow entry /> }
            />
        </ul>
    }
}

#[component]
fn NewPlan() -> impl IntoView {
    let state = use_app_state();
    let name = RwSignal::new(String::new());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wanted = name.get_untracked();
        let wanted = if wanted.trim().is_empty() {
            "Untitled plan".to_string()
        } else {
            wanted
        };
        state.create_blank(&wanted);
        name.set(String::new());
    };
    view! {
        <form class="card" on:submit=create aria-labelledby="new-plan-title">
            <h2 id="new-plan-title">"New plan"</h2>
            <div class="field-row">
                <div class="field">
                    <label for="new-plan-name">"Name"</label>
                    <input
                        id="new-plan-name"
                        type="text"
                        maxlength="200"
                        placeholder="e.g. Forum relaunch 2027"
                        bind:value=name
                    />
                </div>
            </div>
            <div class="actions">
                <button type="submit" class="primary">"Create blank plan"</button>
                <button
                    type="button"
                    aria-busy=move || state.adding_sample.get().to_string()
                    on:click=move |_| state.create_sample()
                >
                    {move || if state.adding_sample.get() { "Adding the sample plan…" } else { "Add the sample plan" }}
                </button>
            </div>
        </form>
    }
}

/// Deleted and replaced plans, kept for 30 days (`core::session::trash`), each with Restore.
#[component]
fn Trash() -> impl IntoView {
    let state = use_app_state();
    let has_trash = move || state.trash.with(|t| !t.is_empty());
    let row = move |entry: crate::ui::state::TrashEntry| {
        let why = match entry.why {
            crate::core::session::TrashReason::Deleted => "Deleted",
            crate::core::session::TrashReason::Replaced => "Replaced",
        };
        let meta = format!(
            "{why} {}; kept until {}.",
            crate::ui::clock::date_at(entry.trashed_ms),
            crate::ui::clock::date_at(entry.expires_ms())
        );
        let key = StoredValue::new(entry.key.clone());
        view! {
            <li class="trash-item" data-testid="trash-item">
                <span class="trash-name">{entry.name.clone()}</span>
                <span class="plan-meta">{meta}</span>
                <button
                    aria-label=format!("Restore {} from the trash", entry.name)
                    on:click=move |_| state.restore_from_trash(&key.get_value())
                >
                    "Restore"
                </button>
            </li>
        }
    };
    view! {
        <Show when=has_trash>
            <section class="card" aria-labelledby="trash-title" data-testid="trash">
                <h2 id="trash-title">"Trash"</h2>
                <p class="hint">
                    "Deleted plans, and plans an import or a restore replaced, stay here for 30 days. "
                    "A backup of all plans includes them."
                </p>
                <ul class="plan-list" aria-label="Plans in the trash">
                    <For each=move || state.trash.get() key=|entry| entry.key.clone() children=row />
                </ul>
            </section>
        </Show>
    }
}

/// The import and backup panels, loaded once the page has rendered and the browser is idle
/// (`ui::on_demand`): the first render does not wait for their code. They come last on the
/// page, so their arrival moves nothing above them.
#[component]
fn FilePanels() -> impl IntoView {
    let wanted = RwSignal::new(false);
    request_idle_callback(move || wanted.set(true));
    let panels = move || {
        Suspend::new(async move {
            crate::ui::on_demand::file_panels().await.unwrap_or_else(|_| {
                view! {
                    <p class="banner bad" role="status">
                        "Import and backup could not be downloaded. Check the connection and reload the page."
                    </p>
                }
                .into_any()
            })
        })
    };
    view! {
        <Show when=move || wanted.get()>
            <Suspense fallback=|| ()>{panels}</Suspense>
        </Show>
    }
}
