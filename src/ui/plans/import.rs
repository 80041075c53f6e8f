//! Importing plans: a file picker, a file dropped anywhere on the page, or pasted JSON.
//! Imported plans are always added; a plan whose id is already here asks "keep both", "merge"
//! (`merge.rs`) or "replace".

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::plan::Plan;
use crate::transfer;
use crate::ui::plans::focus_later;
use crate::ui::plans::merge::{MergeInProgress, MergeStep};
use crate::ui::state::{use_app_state, AppState};

/// An import waiting for the user to choose between keeping both plans or replacing.
#[derive(Clone, Copy)]
pub struct PendingImport(pub RwSignal<Option<Plan>>);

/// The last import's error, shown in the import panel.
#[derive(Clone, Copy)]
pub struct ImportError(pub RwSignal<Option<String>>);

pub fn provide_import_context() {
    provide_context(PendingImport(RwSignal::new(None)));
    provide_context(MergeInProgress(RwSignal::new(None)));
    provide_context(ImportError(RwSignal::new(None)));
}

/// Takes a validated plan: adds it, or asks when its id is already in the list.
pub fn offer(state: AppState, plan: Plan) {
    let error = expect_context::<ImportError>().0;
    offer_to(
        state,
        expect_context::<PendingImport>().0,
        plan,
        move |why| error.set(Some(why)),
    );
}

/// [`offer`] with the signals in hand, for code running outside the component tree (after
/// an `await`), where contexts cannot be looked up. `failed` gets why it was not added.
fn offer_to(
    state: AppState,
    pending: RwSignal<Option<Plan>>,
    plan: Plan,
    failed: impl FnOnce(String) + 'static,
) {
    let exists = state
        .plans
        .with_untracked(|plans| plans.iter().any(|e| e.id == plan.id));
    if exists {
        pending.set(Some(plan));
    } else {
        state.import(plan, false, move |refused| {
            if let Some(why) = refused {
                failed(why)
            }
        });
    }
}

/// Reads a file (picked or dropped) and offers the plan in it.
pub fn import_file(state: AppState, file: web_sys::File) {
    let error = expect_context::<ImportError>().0;
    let pending = expect_context::<PendingImport>().0;
    error.set(None);
    leptos::task::spawn_local(async move {
        let read =
            async { transfer::read_plan_file(&file, state.plan_reader_or_why().await?).await };
        match read.await {
            Ok(plan) => {
                let name = file.name();
                offer_to(state, pending, plan, move |why| {
                    error.set(Some(format!("{name}: {why}")))
                });
            }
            Err(why) => error.set(Some(format!("{}: {why}", file.name()))),
        }
    });
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = use_app_state();
    let error = expect_context::<ImportError>().0;
    let pending = expect_context::<PendingImport>().0;
    let pasted = RwSignal::new(String::new());
    let on_pick = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                import_file(state, file);
            }
            input.set_value("");
        }
    };
    // A file to read, not to add: it opens in the read-only view, with Add beside it.
    let view_plan = crate::ui::plans::share::plan_viewer();
    let on_view = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let Some(input) = input else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        error.set(None);
        leptos::task::spawn_local(async move {
            let read =
                async { transfer::read_plan_file(&file, state.plan_reader_or_why().await?).await };
            match read.await {
                Ok(plan) => view_plan(plan),
                Err(why) => error.set(Some(format!("{}: {why}", file.name()))),
            }
        });
    };
    let import_pasted = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        leptos::task::spawn_local(async move {
            let read = async {
                let reader = state.plan_reader_or_why().await?;
                transfer::import_text(&pasted.get_untracked(), reader)
                    .await
                    .map_err(|err| err.to_string())
            };
            match read.await {
                Ok(plan) => {
                    pasted.set(String::new());
                    offer_to(state, pending, plan, move |why| {
                        error.set(Some(format!("Pasted text: {why}")))
                    });
                }
                Err(why) => error.set(Some(format!("Pasted text: {why}"))),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="import-title">
            <h2 id="import-title">"Import a plan"</h2>
            <p class="hint">
                "Add a plan someone shared with you: a "<code>".trellis.json"</code>
                " file, dropped anywhere on this page, picked below, or pasted. "
                "Importing never replaces a plan without asking."
            </p>
            <div class="field">
                <label for="import-file">"Plan file"</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=on_pick />
            </div>
            <div class="field">
                <label for="view-file">"Or only view a file, read-only: nothing is added"</label>
                <input id="view-file" type="file" accept=".json,application/json" on:change=on_view />
            </div>
            <form on:submit=import_pasted class="field">
                <label for="import-text">"Or paste the plan's JSON"</label>
                <textarea id="import-text" bind:value=pasted spellcheck="false"></textarea>
                <div class="actions">
                    <button type="submit" disabled=move || pasted.with(|t| t.trim().is_empty())>
                        "Import pasted plan"
                    </button>
                </div>
            </form>
            <Show when=move || error.get().is_some()>
                <p class="banner bad" role="alert" data-testid="import-error">
                    {move || error.get().unwrap_or_default()}
                </p>
            </Show>
            <CollisionChoice />
            <MergeStep />
        </section>
    }
}

#[component]
fn CollisionChoice() -> impl IntoView {
    let state = use_app_state();
    let pending = expect_context::<PendingImport>().0;
    let error = expect_context::<ImportError>().0;
    // Whatever the answer, focus goes back to the file picker the import started from.
    let answered = move |refused: Option<String>| {
        if let Some(why) = refused {
            error.set(Some(why));
        }
        focus_later("#import-file");
    };
    let choose = move |replace: bool| {
        if let Some(plan) = pending.get_untracked() {
            pending.set(None);
            state.import(plan, replace, answered);
        }
    };
    let keep_both = move |_| choose(false);
    let replace = move |_| choose(true);
    // The merge is shown first and written only once the user confirms it.
    let merging = expect_context::<MergeInProgress>().0;
    let merge = move |_| {
        let Some(plan) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        leptos::task::spawn_local(async move {
            let prepared = match crate::ui::on_demand::merger().await {
                Ok(merger) => state.prepare_merge(plan, merger),
                Err(_) => Err("The merge could not start: this part of Trellis could not be downloaded. Check the connection and import the copy again.".into()),
            };
            match prepared {
                Ok(merge) => merging.set(Some(merge)),
                Err(why) => answered(Some(why)),
            }
        });
    };
    let focus_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move || {
        if let Some(button) = focus_ref.get() {
            let _ = button.focus();
        }
    });
    view! {
        <Show when=move || pending.with(|p| p.is_some())>
            <div class="banner warn" role="alertdialog" aria-labelledby="collision-text" data-testid="collision">
                <p id="collision-text">
                    {move || {
                        pending
                            .with(|p| p.as_ref().map(|p| p.name.clone()))
                            .map(|name| format!("You already have the plan “{name}”. Keep both, merge the imported copy's changes into yours (you see them first), or replace yours with it (you can undo a merge or a replace)."))
                            .unwrap_or_default()
                    }}
                </p>
                <button class="primary" node_ref=focus_ref on:click=keep_both>"Keep both"</button>
                <button on:click=merge>"Merge into mine"</button>
                <button on:click=replace>"Replace mine"</button>
                <button
                    on:click=move |_| {
                        pending.set(None);
                        answered(None);
                    }
                >
                    "Cancel import"
                </button>
            </div>
        </Show>
    }
}
