//! Starting the worksheet: tracks from templates, or a blank one.

use leptos::prelude::*;

use crate::core::career::edit::add_track;
use crate::core::career::templates::{add_template, Template};
use crate::core::career::{Family, TrackKind};
use crate::core::plan::Plan;
use crate::ui::state::use_app_state;

#[component]
pub fn EmptyWorksheet() -> impl IntoView {
    view! {
        <div class="empty-state" data-testid="career-empty">
            <h2>"Start the worksheet"</h2>
            <p>
                "Add the track HR proposes for the role and the tracks it should be compared "
                "with. Each template has six levels lined up by rank, key areas with expected "
                "behaviours, and public salary figures with their source and year where one fits."
            </p>
            <TemplateButtons />
        </div>
    }
}

/// Below the worksheet: more tracks once it has some.
#[component]
pub fn AddTracks() -> impl IntoView {
    view! {
        <section class="card no-print" aria-labelledby="career-add-title">
            <h2 id="career-add-title">"Add a track"</h2>
            <TemplateButtons />
        </section>
    }
}

#[component]
fn TemplateButtons() -> impl IntoView {
    let state = use_app_state();
    let buttons = Template::ALL
        .into_iter()
        .map(|template| {
            let name = template.name();
            view! {
                <button
                    type="button"
                    on:click=move |_| {
                        state.edit(&format!("career:add-template:{name}"), move |plan: &mut Plan| {
                            add_template(plan, template);
                        })
                    }
                >
                    {format!("Add {name} track")}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="actions">
            {buttons}
            <button
                type="button"
                on:click=move |_| {
                    state.edit("career:add-track", |plan: &mut Plan| {
                        add_track(plan, "New track", Family::Other, TrackKind::IndividualContributor);
                    })
                }
            >
                "Add a blank track"
            </button>
        </div>
    }
}
