//! "Count from an activity file…" (issue 33): the button in the snapshots section, and the
//! panel behind it, in a chunk of the wasm of its own that comes when first opened.

mod panel;
mod result;
mod rules_form;

use leptos::prelude::*;

use crate::ui::on_demand::on_demand;

on_demand!(
    /// The activity-file panel (`panel::ActivityImport`).
    activity_import, fn activity_import_panel(close: Callback<()>) -> AnyView {
        view! { <panel::ActivityImport close /> }.into_any()
    }
);

/// The button that opens the panel, and the panel once its code has arrived.
#[component]
pub fn CountFromActivity() -> impl IntoView {
    let open = RwSignal::new(false);
    let close = Callback::new(move |_| {
        open.set(false);
        super::focus_by_id("count-activity-open");
    });
    let panel = move || {
        Suspend::new(async move {
            activity_import_panel(close).await.unwrap_or_else(|_| {
                view! {
                    <p class="banner bad" role="status">
                        "The activity import could not be downloaded. Check the connection and try again."
                    </p>
                }
                .into_any()
            })
        })
    };
    view! {
        <div class="actions no-print">
            <button id="count-activity-open" type="button"
                aria-expanded=move || open.get().to_string() aria-controls="activity-import"
                on:click=move |_| open.update(|o| *o = !*o)>
                "Count from an activity file…"
            </button>
        </div>
        <Show when=move || open.get()>
            <Suspense fallback=|| view! { <p class="hint" role="status">"Loading the activity import…"</p> }>
                {panel}
            </Suspense>
        </Show>
    }
}
