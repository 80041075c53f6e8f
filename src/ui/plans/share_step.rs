//! The one step before a plan leaves the browser (a share link, a file, copied JSON): what
//! will leave, part by part, with the author's private parts unticked, a plain warning while
//! one is ticked, and nothing sent until the author confirms. The decisions are the core's
//! (`core::audience`); this shows them.

use leptos::prelude::*;

use crate::core::audience::{is_whole, private_warning, summarise, Part, Selection};
use crate::core::plan::Plan;
use crate::core::schema;
use crate::core::session::Leaving;
use crate::transfer;
use crate::ui::state::use_app_state;

/// How the plan leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Link,
    File,
    CopyJson,
}

impl Route {
    /// The accessible name of the plan row's button that opens the step.
    pub fn button_label(self, name: &str) -> String {
        match self {
            Route::Link => format!("Share a link to {name}"),
            Route::File => format!("Export {name}"),
            Route::CopyJson => format!("Copy {name} as JSON"),
        }
    }

    fn heading(self, name: &str) -> String {
        match self {
            Route::Link => format!("Share a link to “{name}”"),
            Route::File => format!("Export “{name}” as a file"),
            Route::CopyJson => format!("Copy “{name}” as JSON"),
        }
    }

    fn carrier(self) -> &'static str {
        match self {
            Route::Link => "link",
            Route::File => "file",
            Route::CopyJson => "text",
        }
    }

    fn action(self) -> &'static str {
        match self {
            Route::Link => "Copy the link",
            Route::File => "Download the file",
            Route::CopyJson => "Copy the JSON",
        }
    }
}

/// Sends `leaving` by `route` and says how it went (and when its return can only be
/// compared field by field) in a notice.
async fn send_copy(
    state: crate::ui::state::AppState,
    route: Route,
    leaving: Leaving,
    id: String,
    whole: bool,
) {
    let copy = leaving.copy;
    let message = match route {
        Route::Link => match transfer::share_link(&copy).await {
            Ok(link) => {
                let length = link.chars().count();
                transfer::copy_text(&link).await.map(|_| {
                    format!(
                        "Copied a share link ({length} characters). The plan is inside the link itself: it is never sent to a server."
                    )
                })
            }
            Err(why) => Err(why),
        },
        Route::File => transfer::download(
            &transfer::export_file_name(&copy),
            "application/json",
            &schema::export_plan(&copy),
        )
        .map(|()| {
            // Only a file with everything the plan holds is a backup of it.
            if whole {
                state.backed_up(vec![id], false);
                "Exported the plan as a file.".to_string()
            } else {
                "Exported the plan as a file, without the parts you left out. It is not a backup: use “Back up all plans” for that.".to_string()
            }
        }),
        Route::CopyJson => transfer::copy_text(&schema::export_plan(&copy))
            .await
            .map(|()| "Copied the plan as JSON.".to_string()),
    };
    let text = match (message, leaving.not_kept) {
        (Ok(text), Some(why)) => format!(
            "{text} This browser could not keep this version to merge the copy when it comes back ({why}), so a returned copy will be compared field by field."
        ),
        (Ok(text), None) | (Err(text), _) => text,
    };
    state.notify(text, None);
}

/// What leaves, chosen part by part. `done` runs when the step closes (sent or cancelled).
#[component]
pub fn ShareStep(plan: Plan, route: Route, #[prop(into)] done: Callback<()>) -> impl IntoView {
    let state = use_app_state();
    let selection = RwSignal::new(Selection::default());
    let plan = StoredValue::new(plan);
    let title_id = format!("share-step-{}", plan.with_value(|p| p.id.clone()));
    let name = plan.with_value(|p| p.name.clone());
    let parts = plan.with_value(summarise);
    let warning = move || {
        let chosen = selection.get();
        plan.with_value(|p| private_warning(p, &chosen, route.carrier()))
    };
    let row = move |summary: crate::core::audience::PartSummary| {
        let part = summary.part;
        let id = format!("share-part-{part:?}");
        let reason = part.reason();
        let label = if summary.present {
            format!("{} — {}", part.label(), summary.contents)
        } else {
            format!("{} — nothing in this plan", part.label())
        };
        // The self-assessment rates the tracks' behaviours: it goes only with them.
        let needs_tracks = part == Part::SelfAssessment;
        let disabled = move || {
            !summary.present || (needs_tracks && !selection.with(|s| s.includes(Part::Tracks)))
        };
        view! {
            <li class="field checkbox">
                <input
                    id=id.clone()
                    type="checkbox"
                    prop:checked=move || selection.with(|s| s.includes(part))
                    disabled=disabled
                    on:change=move |ev| selection.update(|s| s.set(part, event_target_checked(&ev)))
                />
                <label for=id>{label}</label>
                {reason.map(|r| view! { <p class="hint">{r}</p> })}
            </li>
        }
    };
    let (private, shareable): (Vec<_>, Vec<_>) =
        parts.into_iter().partition(|s| s.part.is_private());
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = selection.get_untracked();
        let whole = plan.with_value(|p| is_whole(p, &chosen));
        let id = plan.with_value(|p| p.id.clone());
        done.run(());
        // The copy says which revision it left from, and that revision is kept here, so its
        // return can be merged against it (issue 32).
        state.send_copy(plan.get_value(), chosen, move |leaving| {
            leptos::task::spawn_local(send_copy(state, route, leaving, id, whole));
        });
    };
    let first_ref = NodeRef::<leptos::html::Button>::new();
    // On the next frame, once the step is in the document (the button that opened it is gone).
    Effect::new(move || {
        if let Some(button) = first_ref.get() {
            request_animation_frame(move || {
                let _ = button.focus();
            });
        }
    });
    let heading_id = title_id.clone();
    view! {
        <form class="share-step" aria-labelledby=title_id on:submit=send data-testid="share-step">
            <h3 id=heading_id>{route.heading(&name)}</h3>
            <p class="hint">"Only what is ticked leaves this browser."</p>
            <fieldset>
                <legend>"Shared"</legend>
                <ul class="plain">{shareable.into_iter().map(row).collect_view()}</ul>
            </fieldset>
            <fieldset>
                <legend>"Yours: off unless you tick them"</legend>
                <ul class="plain">{private.into_iter().map(row).collect_view()}</ul>
            </fieldset>
            <div role="status">
                {move || warning().map(|w| view! { <p class="banner warn" data-testid="share-warning">{w}</p> })}
            </div>
            <div class="actions">
                <button type="submit" class="primary" node_ref=first_ref>{route.action()}</button>
                <button type="button" on:click=move |_| done.run(())>"Cancel"</button>
            </div>
        </form>
    }
}
