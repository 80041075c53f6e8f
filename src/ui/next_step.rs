//! The plan page's next step for the open plan (issue 31), so that starting a plan never ends
//! on a list with nothing to do: the sample says it is an example, with the way to rename it,
//! clear its example data or start one's own; an empty plan shows the three places to start.
//! Which applies is the core's decision (`core::focus::next_step`).

use leptos::prelude::*;

use crate::base_path::app_href;
use crate::core::focus::{next_step, NextStep};
use crate::core::sample::clear_example_data;
use crate::ui::state::use_app_state;

#[component]
pub fn NextStepCard() -> impl IntoView {
    let state = use_app_state();
    let step = Memo::new(move |_| state.plan.with(|p| p.as_ref().and_then(next_step)));
    move || match step.get() {
        Some(NextStep::Example) => view! { <ExampleCard /> }.into_any(),
        Some(NextStep::Empty) => view! { <EmptyPlanCard /> }.into_any(),
        None => ().into_any(),
    }
}

/// Names the open plan where the next step is offered (the list's Rename does the same).
#[component]
fn NameThisPlan(button: &'static str) -> impl IntoView {
    let state = use_app_state();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = state
            .plan
            .with_untracked(|p| p.as_ref().map(|p| p.id.clone()))
        else {
            return;
        };
        state.rename(&id, &name.get_untracked(), move |refused| match refused {
            None => {
                error.set(None);
                name.set(String::new());
            }
            Some(why) => error.set(Some(why)),
        });
    };
    view! {
        <form class="field-row name-this-plan" on:submit=rename>
            <div class="field">
                <label for="name-this-plan">"Name this plan"</label>
                <input id="name-this-plan" type="text" maxlength="200" bind:value=name />
            </div>
            <button type="submit">{button}</button>
        </form>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}

#[component]
fn ExampleCard() -> impl IntoView {
    let state = use_app_state();
    let clear = move |_| {
        state.edit_step(clear_example_data);
        state.notify(
            "Cleared the example data: the curve's stages and touch points and the career tracks \
             with their public figures are kept to build on. Undo brings the example back."
                .into(),
            None,
        );
    };
    view! {
        <section class="card next-step example-card" aria-labelledby="next-step-title" data-testid="example-card">
            <h2 id="next-step-title">"This is an example"</h2>
            <p>
                "The sample shows what a good plan looks like, with made-up goals, members and pay. "
                "Before it goes to anyone: rename it, clear the example data, or start your own."
            </p>
            <NameThisPlan button="Rename it" />
            <div class="actions">
                <button on:click=clear>"Clear the example data"</button>
                <button class="primary" on:click=move |_| state.create_blank("My community plan")>
                    "Start your own plan"
                </button>
            </div>
        </section>
    }
}

#[component]
fn EmptyPlanCard() -> impl IntoView {
    let state = use_app_state();
    let name = move || {
        state
            .plan
            .with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default())
    };
    view! {
        <section class="card next-step" aria-labelledby="next-step-title" data-testid="empty-plan-card">
            <h2 id="next-step-title">{move || format!("“{}” is open and empty", name())}</h2>
            <NameThisPlan button="Name it" />
            <p>"Where to start:"</p>
            <ul class="next-step-list">
                <li>
                    <a href=app_href("/goals")>"Write a goal"</a>
                    " — an objective and the SMART goals that measure it."
                </li>
                <li>
                    <a href=app_href("/curve")>"Draw the commitment curve"</a>
                    " — the stages your members move through, from a model."
                </li>
                <li>
                    <a href=app_href("/career")>"Make a career case"</a>
                    " — the role next to the tracks it is paid against."
                </li>
            </ul>
        </section>
    }
}
