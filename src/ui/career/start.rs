//! Starting the worksheet: tracks from templates, or a blank one.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
            <TemplateButtons from_empty=true />
        </div>
        <super::ladder::LadderImport />
    }
}

/// Below the worksheet: more tracks once it has some.
#[component]
pub fn AddTracks() -> impl IntoView {
    view! {
        <section class="card no-print career-add" aria-labelledby="career-add-title">
            <h2 id="career-add-title">"Add a track"</h2>
            <TemplateButtons from_empty=false />
        </section>
    }
}

/// After the first track the empty state is replaced by the worksheet; keyboard focus
/// moves to the same button under "Add a track" instead of being lost.
fn refocus(name: &'static str) {
    request_animation_frame(move || {
        let selector = format!(".career-add [data-template=\"{name}\"]");
        if let Ok(Some(button)) = document().query_selector(&selector) {
            if let Ok(button) = button.dyn_into::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        }
    });
}

#[component]
fn TemplateButtons(from_empty: bool) -> impl IntoView {
    let state = use_app_state();
    // Adding tracks keeps "Add a track" shown: the plan uses it (`ui::focus`).
    let focus = crate::ui::focus::use_focus();
    let buttons = Template::ALL
        .into_iter()
        .map(|template| {
            let name = template.name();
            view! {
                <button
                    type="button"
                    data-template=name
                    on:click=move |_| {
                        state.edit(&format!("career:add-template:{name}"), move |plan: &mut Plan| {
                            add_template(plan, template);
                        });
                        if let Some(focus) = focus {
                            focus.keep("add");
                        }
                        if from_empty {
                            refocus(name);
                        }
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
                data-template="blank"
                on:click=move |_| {
                    state.edit("career:add-track", |plan: &mut Plan| {
                        add_track(plan, "New track", Family::Other, TrackKind::IndividualContributor);
                    });
                    if from_empty {
                        refocus("blank");
                    }
                }
            >
                "Add a blank track"
            </button>
        </div>
    }
}
