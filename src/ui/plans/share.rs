//! Opening a share link (or viewing a plan file): the plan opens as a read-only view (`core::readable`):
//! its goals, curve and, when it came along, the career case, with "Add to my plans" beside
//! it. Nothing is stored until the reader says so; the fragment leaves the address bar at once.
//! A link is checked by what it costs before a plan is built from it (its length, its unpacked
//! size, then its records counted: `core::share::preview`); only then is the plan read, and
//! checked like any import, for the view.

use leptos::prelude::*;

use crate::core::plan::Plan;
use crate::core::readable::{readable, ReadableGoal, ReadablePlan};
use crate::core::share;
use crate::transfer;
use crate::ui::clock;
use crate::ui::plans::import;
use crate::ui::state::use_app_state;

#[derive(Clone, PartialEq)]
enum Incoming {
    Plan(Box<Plan>),
    Error(String),
}

/// Whether a shared plan is open for reading: the page's own content waits behind it.
#[derive(Clone, Copy)]
pub struct SharedViewOpen(pub RwSignal<bool>);

/// The plan open for reading (from a link, or a file the user chose to view).
#[derive(Clone, Copy)]
struct SharedIncoming(RwSignal<Option<Incoming>>);

pub fn provide_shared_view() -> SharedViewOpen {
    let open = SharedViewOpen(RwSignal::new(false));
    provide_context(open);
    provide_context(SharedIncoming(RwSignal::new(None)));
    open
}

/// What opens a plan (read from a file the user chose to view) in the read-only view; taken
/// from the context before any `await`, where contexts can no longer be looked up.
pub fn plan_viewer() -> impl Fn(Plan) + Copy + 'static {
    let incoming = expect_context::<SharedIncoming>().0;
    move |plan| incoming.set(Some(Incoming::Plan(Box::new(plan))))
}

/// Reads a share link's fragment now and whenever it changes.
#[component]
pub fn SharedPlan() -> impl IntoView {
    let state = use_app_state();
    let incoming = expect_context::<SharedIncoming>().0;
    let open = expect_context::<SharedViewOpen>().0;
    Effect::new(move || open.set(incoming.with(|i| matches!(i, Some(Incoming::Plan(_))))));
    let read = move || {
        let Some(fragment) = window().location().hash().ok() else {
            return;
        };
        let Some(data) = share::data_in_fragment(&fragment).map(str::to_string) else {
            return;
        };
        // The plan stays out of the address bar, history and bookmarks.
        let clean = format!(
            "{}{}",
            window().location().pathname().unwrap_or_default(),
            window().location().search().unwrap_or_default()
        );
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
        }
        leptos::task::spawn_local(async move {
            let read = async {
                // Refused here, before anything is built, when it costs more than any plan
                // Trellis puts in a link (the records are counted); the read is bounded then.
                let (unpacked, _preview) = transfer::unpack_share_data(&data).await?;
                let reader = state.plan_reader_or_why().await?;
                transfer::read_shared_plan(&unpacked, reader).await
            };
            incoming.set(Some(match read.await {
                Ok(plan) => Incoming::Plan(Box::new(plan)),
                Err(why) => Incoming::Error(why),
            }));
        });
    };
    read();
    let listener = window_event_listener_untyped("hashchange", move |_| read());
    on_cleanup(move || listener.remove());

    move || match incoming.get() {
        None => ().into_any(),
        Some(Incoming::Error(why)) => view! {
            <div class="banner bad" role="alert" data-testid="share-error">
                <p>{why}</p>
                <button on:click=move |_| incoming.set(None)>"Dismiss"</button>
            </div>
        }
        .into_any(),
        Some(Incoming::Plan(plan)) => {
            let add = Callback::new(move |()| {
                if let Some(Incoming::Plan(plan)) = incoming.get_untracked() {
                    incoming.set(None);
                    import::offer(state, *plan);
                }
            });
            let close = Callback::new(move |()| incoming.set(None));
            let plan = StoredValue::new(*plan);
            let shown = move || {
                Suspend::new(async move {
                    crate::ui::on_demand::shared_view(plan.get_value(), add, close)
                        .await
                        .unwrap_or_else(|_| {
                            view! {
                                <p class="banner bad" role="alert" data-testid="share-error">
                                    "The shared plan could not be shown: this part of Trellis could not be downloaded. Check the connection and reload the page."
                                </p>
                            }
                            .into_any()
                        })
                })
            };
            view! { <Suspense fallback=|| view! { <p class="hint" aria-busy="true">"Opening the shared plan…"</p> }>{shown}</Suspense> }
            .into_any()
        }
    }
}

/// The shared plan as a reader sees it (called inside its chunk of the wasm).
pub fn shared_view(plan: Plan, add: Callback<()>, close: Callback<()>) -> AnyView {
    let view = readable(&plan, clock::today());
    view! { <SharedView view add close /> }.into_any()
}

#[component]
fn SharedView(view: ReadablePlan, add: Callback<()>, close: Callback<()>) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    // The reader starts at the plan's name.
    Effect::new(move || {
        if let Some(h) = heading.get() {
            request_animation_frame(move || {
                let _ = h.focus();
            });
        }
    });
    let holds = if view.holds.is_empty() {
        "This copy holds nothing yet.".to_string()
    } else {
        format!("This copy holds: {}.", view.holds.join(", ").to_lowercase())
    };
    let left_out = (!view.left_out.is_empty()).then(|| {
        format!(
            "It came without the sender's private parts: {}.",
            view.left_out.join(", ").to_lowercase().replace("my ", "")
        )
    });
    let has_goals = !view.objectives.is_empty() || !view.other_goals.is_empty();
    view! {
        <article class="shared-view" aria-labelledby="shared-title" data-testid="shared-view">
            <p class="kicker">"Shared plan · read-only"</p>
            <h1 id="shared-title" tabindex="-1" node_ref=heading>{view.name.clone()}</h1>
            <p class="lede">
                "Someone shared this copy of a plan with you. You are reading it: nothing is kept in this browser unless you add it to your plans."
            </p>
            <p class="hint">{holds} " " {left_out}</p>
            <p class="hint">{format!("As of {}.", view.as_of)}</p>
            <div class="actions no-print">
                <button class="primary" on:click=move |_| add.run(())>"Add to my plans"</button>
                <button on:click=move |_| close.run(())>"Close"</button>
            </div>
            {has_goals.then(|| view! {
                <section aria-labelledby="shared-goals-title">
                    <h2 id="shared-goals-title">"Goals"</h2>
                    {view.objectives.iter().map(|o| view! {
                        <section class="shared-objective">
                            <h3>{o.title.clone()}</h3>
                            {(!o.description.is_empty()).then(|| view! { <p>{o.description.clone()}</p> })}
                            {(!o.accountable.is_empty()).then(|| view! { <p class="hint">{o.accountable.clone()}</p> })}
                            {if o.goals.is_empty() {
                                view! { <p class="hint">"No goals under this objective yet."</p> }.into_any()
                            } else {
                                o.goals.iter().cloned().map(|g| view! { <SharedGoal goal=g /> }).collect_view().into_any()
                            }}
                        </section>
                    }).collect_view()}
                    {(!view.other_goals.is_empty()).then(|| view! {
                        <section class="shared-objective">
                            <h3>"Goals without an objective"</h3>
                            {view.other_goals.iter().cloned().map(|g| view! { <SharedGoal goal=g /> }).collect_view()}
                        </section>
                    })}
                </section>
            })}
            {view.curve.clone().map(|c| {
                let src = format!(
                    "data:image/svg+xml;charset=utf-8,{}",
                    String::from(js_sys::encode_uri_component(&c.svg))
                );
                view! {
                    <section aria-labelledby="shared-curve-title">
                        <h2 id="shared-curve-title">"Commitment curve"</h2>
                        <img class="shared-curve" src=src alt=c.description.clone() data-testid="shared-curve" />
                        {c.bottleneck.map(|b| view! { <p class="banner warn" data-testid="shared-bottleneck">{b}</p> })}
                        {(!c.gaps.is_empty()).then(|| view! {
                            <h3>"Where members are short of the target, and what addresses it"</h3>
                            <ul>{c.gaps.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                        })}
                    </section>
                }
            })}
            {view.career.clone().map(|c| view! {
                <section aria-labelledby="shared-career-title">
                    <h2 id="shared-career-title">"The career case"</h2>
                    <p>{c.role}</p>
                    <p>{c.finding}</p>
                </section>
            })}
        </article>
    }
}

#[component]
fn SharedGoal(goal: ReadableGoal) -> impl IntoView {
    let tone = goal.tone.badge_class();
    view! {
        <div class="shared-goal" data-testid="shared-goal">
            <h4>{goal.title}</h4>
            <blockquote>{goal.statement}</blockquote>
            {(!goal.owner.is_empty()).then(|| view! { <p class="hint">{goal.owner.clone()}</p> })}
            <p><span class=tone>{goal.status}</span></p>
            {goal.forecast.map(|f| view! { <p>{f}</p> })}
            <p class="hint">{goal.latest}</p>
        </div>
    }
}
