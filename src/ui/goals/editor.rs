//! One goal, every field the core keeps, with the statement and SMART check beside it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::core::career::scope_check::toggle_key_area;
use crate::core::goals::catalog::{catalog, catalog_metric};
use crate::core::goals::{self, progress, Ambition, ASPIRATIONAL_SUCCESS_PERCENT};
use crate::ui::focus::{More, MoreSections};
use crate::ui::section_index::{fixed_sections, IndexedPage};
use crate::ui::state::use_app_state;
use crate::ui::widgets::{unique_id, DateField, NumberField, SelectField, TextField, WorkTags};

use super::overview::display_title;
use super::{
    cadence_label, index_of, options, pick, status_class, track_class, GoalCtx, CADENCES,
    DIRECTIONS, STATUSES, TOTALLINGS, WINDOWS,
};
use crate::base_path::app_href;

const AMBITIONS: [Ambition; 2] = [Ambition::Committed, Ambition::Aspirational];

/// The editor's sections, by the ids of their headings, for the page's index.
const EDITOR_SECTIONS: &[(&str, &str)] = &[
    ("statement-title", "Statement"),
    ("smart-title", "SMART check"),
    ("basics-title", "The goal"),
    ("metric-title", "Metric"),
    ("numbers-title", "Baseline, target and deadline"),
    ("players-title", "Key players"),
    ("steps-title", "Steps"),
    ("result-title", "Result or benefit"),
    ("value-title", "What it is worth"),
    ("career-work-title", "Scope and career key areas"),
    ("progress-title", "Progress"),
    ("milestones-title", "Milestones"),
    ("checkins-title", "Check-ins"),
    ("review-title", "Commitment and reviews"),
    ("remove-title", "Remove this goal"),
    (crate::ui::focus::MORE_TITLE_ID, "More in this goal"),
];

#[component]
pub fn GoalEditor(id: String) -> impl IntoView {
    let state = use_app_state();
    let ctx = GoalCtx::new(state, id);
    let exists = move || ctx.goal.with(|g| g.is_some());
    view! {
        <Show when=exists fallback=|| view! { <GoalNotFound /> }>
            <Editor ctx />
        </Show>
    }
}

#[component]
fn GoalNotFound() -> impl IntoView {
    view! {
        <h1 id="goals-title">"Goal not found"</h1>
        <div class="empty-state">
            <p>"This plan has no goal at that address. It may have been removed, or the link belongs to another plan."</p>
            <A href=app_href("/goals")>"Back to all goals"</A>
        </div>
    }
}

#[component]
fn Editor(ctx: GoalCtx) -> impl IntoView {
    let state = ctx.state;
    crate::ui::focus::provide_focus(crate::core::focus::Tool::Goal, Some(ctx.id()));
    let title = move || ctx.read(|g| display_title(&g.title));
    let status = Memo::new(move |_| ctx.read(|g| g.status));
    let track = Memo::new(move |_| ctx.read(|g| progress(g).status));
    let linked = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref().and_then(|p| {
                ctx.goal
                    .with(|g| g.as_ref().and_then(|g| super::stage_link_text(p, g)))
            })
        })
    });
    view! {
        <nav class="no-print back" aria-label="Breadcrumb">
            <A href=app_href("/goals")>"← All goals"</A>
        </nav>
        <header class="goal-head">
            <p class="eyebrow">
                {move || {
                    let objective = ctx.read(|g| g.objective_id.clone());
                    state
                        .plan
                        .with(|p| {
                            p.as_ref()
                                .and_then(|p| objective.and_then(|o| p.goals.objective(&o).map(|o| o.title.clone())))
                        })
                        .map(|t| format!("Objective: {t}"))
                        .unwrap_or_else(|| "No objective yet".into())
                }}
            </p>
            <h1 id="goals-title">{title}</h1>
            <div class="goal-meta">
                <span class=move || status_class(status.get()) data-testid="goal-status">
                    {move || status.get().label()}
                </span>
                <span class=move || track_class(track.get()) data-testid="track-status">
                    {move || track.get().label()}
                </span>
            </div>
            {move || linked.get().map(|text| view! { <p class="linked" data-testid="stage-link">{text}</p> })}
            {move || {
                let id = ctx.id();
                state.plan.with(|p| p.as_ref().and_then(|p| crate::core::goals::periods::period_note(&p.goals, &id)))
            }
                .map(|text| view! { <p class="linked" data-testid="period-note">{text}</p> })}
        </header>
        <IndexedPage sections=fixed_sections(EDITOR_SECTIONS) compact=true label="Sections of this goal">
            <div class="goal-editor">
                <div class="goal-form">
                    // The core first, the rest on request (`core::focus`, `ui::focus`).
                    <Basics ctx />
                    <MetricSection ctx />
                    <Numbers ctx />
                    <super::people::KeyPlayers ctx />
                    <super::people::Steps ctx />
                    <ResultSection ctx />
                    <More key="value">
                        <section class="card" aria-labelledby="value-title">
                            <h2 id="value-title">"What it is worth"</h2>
                            <crate::ui::value::ValueModelEditor kind=crate::core::value::OwnerKind::Goal id=ctx.id() />
                        </section>
                    </More>
                    <More key="work"><CareerWork ctx /></More>
                    <super::tracking::Tracking ctx />
                    <More key="review"><super::review::Review ctx /></More>
                    <RemoveGoal ctx />
                    <MoreSections />
                </div>
                <div class="goal-aside" role="region" tabindex="0" aria-label="Statement and SMART check">
                    <super::smart_panel::StatementPreview ctx />
                    <super::smart_panel::SmartPanel ctx />
                </div>
            </div>
        </IndexedPage>
    }
}

#[component]
fn Basics(ctx: GoalCtx) -> impl IntoView {
    let state = ctx.state;
    let objective_options = Memo::new(move |_| {
        let mut opts = vec![(String::new(), "No objective".to_string())];
        state.plan.with(|p| {
            if let Some(p) = p {
                opts.extend(p.goals.objectives.iter().map(|o| {
                    let title = if o.title.trim().is_empty() {
                        "Untitled objective".to_string()
                    } else {
                        o.title.clone()
                    };
                    (o.id.to_string(), title)
                }));
            }
        });
        opts
    });
    let objective_id = unique_id("goal-objective");
    view! {
        <section class="card" aria-labelledby="basics-title">
            <h2 id="basics-title">"The goal"</h2>
            <TextField
                label="Title"
                hint="A short name the team will recognise, e.g. “Grow monthly active contributors”."
                value=ctx.signal(|g| g.title.clone())
                on_change=Callback::new(move |v: String| ctx.edit("title", |g| g.title = v))
            />
            <div class="field">
                <label for=objective_id.clone()>"Program objective"</label>
                <select
                    id=objective_id
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let chosen = (!value.is_empty()).then_some(value);
                        let _ = ctx
                            .run(
                                "objective-link",
                                |plan, id| goals::set_goal_objective(&mut plan.goals, id, chosen.as_deref()),
                            );
                    }
                >
                    {move || {
                        let current = ctx.read(|g| g.objective_id.clone()).unwrap_or_default();
                        objective_options
                            .get()
                            .into_iter()
                            .map(|(value, label)| {
                                let selected = value == current;
                                view! { <option value=value selected=selected>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <TextField
                label="Objective statement"
                hint="An action verb and what it changes, e.g. “increase monthly active contributors”."
                value=ctx.signal(|g| g.objective.clone())
                on_change=Callback::new(move |v: String| ctx.edit("objective", |g| g.objective = v))
            />
            <div class="field-row">
                <SelectField
                    label="Status"
                    options=options(&STATUSES, |s| s.label().to_string())
                    value=ctx.signal(|g| index_of(&STATUSES, g.status))
                    on_change=Callback::new(move |v: String| {
                        if let Some(s) = pick(&STATUSES, &v) {
                            ctx.edit("status", |g| g.status = s);
                        }
                    })
                />
                <SelectField
                    label="Review cadence"
                    options=options(&CADENCES, |c| cadence_label(c).to_string())
                    value=ctx.signal(|g| index_of(&CADENCES, g.cadence))
                    on_change=Callback::new(move |v: String| {
                        if let Some(c) = pick(&CADENCES, &v) {
                            ctx.edit("cadence", |g| g.cadence = c);
                        }
                    })
                />
                <SelectField
                    label="Committed or aspirational"
                    hint=format!(
                        "How the goal is graded when its period closes: committed counts as a success at 100%, aspirational (a stretch) at {}% or more (a rule of thumb from OKR practice).",
                        ASPIRATIONAL_SUCCESS_PERCENT
                    )
                    options=options(&AMBITIONS, |a| a.label().to_string())
                    value=ctx.signal(|g| index_of(&AMBITIONS, g.ambition))
                    on_change=Callback::new(move |v: String| {
                        if let Some(a) = pick(&AMBITIONS, &v) {
                            ctx.edit("ambition", |g| g.ambition = a);
                        }
                    })
                />
            </div>
        </section>
    }
}

/// The scope this goal demands and the career key areas it exercises.
#[component]
fn CareerWork(ctx: GoalCtx) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="career-work-title">
            <h2 id="career-work-title">"Scope and career key areas"</h2>
            <p class="hint">"The Career tool's scope check sets the work in this plan against the scope and behaviours of a level."</p>
            <WorkTags
                scope=ctx.signal(|g| g.scope)
                key_areas=ctx.signal(|g| g.key_area_ids.clone())
                on_scope=Callback::new(move |s| ctx.edit("scope", |g| g.scope = s))
                on_key_area=Callback::new(move |(id, on): (String, bool)| {
                    ctx.edit(&format!("key-area:{id}:{on}"), |g| toggle_key_area(&mut g.key_area_ids, &id, on))
                })
            />
        </section>
    }
}

#[component]
fn MetricSection(ctx: GoalCtx) -> impl IntoView {
    let catalog_id = unique_id("catalog");
    let description = move || {
        ctx.read(|g| g.metric.catalog_key.clone())
            .and_then(|k| catalog_metric(&k))
            .map(|m| m.description)
    };
    view! {
        <section class="card" aria-labelledby="metric-title">
            <h2 id="metric-title">"Metric"</h2>
            <div class="field">
                <label for=catalog_id.clone()>"From the catalog"</label>
                <select
                    id=catalog_id
                    on:change=move |ev| {
                        let key = event_target_value(&ev);
                        if key.is_empty() {
                            ctx.edit("metric:custom", |g| g.metric.catalog_key = None);
                        } else {
                            let _ = ctx.run("metric:catalog", |plan, id| goals::use_catalog_metric(&mut plan.goals, id, &key));
                        }
                    }
                >
                    {move || {
                        let current = ctx.read(|g| g.metric.catalog_key.clone()).unwrap_or_default();
                        let mut opts = vec![(String::new(), "A custom metric".to_string())];
                        opts.extend(catalog().into_iter().map(|m| (m.key, m.name)));
                        opts.into_iter()
                            .map(|(value, label)| {
                                let selected = value == current;
                                view! { <option value=value selected=selected>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
                {move || description().map(|d| view! { <span class="hint">{d}</span> })}
            </div>
            <div class="field-row">
                <TextField
                    label="Metric name"
                    value=ctx.signal(|g| g.metric.name.clone())
                    on_change=Callback::new(move |v: String| ctx.edit("metric:name", |g| g.metric.name = v))
                />
                <TextField
                    label="Unit"
                    hint="people, hours, %, posts…"
                    value=ctx.signal(|g| g.metric.unit.clone())
                    on_change=Callback::new(move |v: String| ctx.edit("metric:unit", |g| g.metric.unit = v))
                />
            </div>
            <div class="field-row">
                <SelectField
                    label="Direction"
                    options=options(&DIRECTIONS, |d| capital(d.label()))
                    value=ctx.signal(|g| index_of(&DIRECTIONS, g.metric.direction))
                    on_change=Callback::new(move |v: String| {
                        if let Some(d) = pick(&DIRECTIONS, &v) {
                            ctx.edit("metric:direction", |g| g.metric.direction = d);
                        }
                    })
                />
                <SelectField
                    label="Totalled as"
                    options=options(&TOTALLINGS, |t| capital(t.label()))
                    value=ctx.signal(|g| index_of(&TOTALLINGS, g.metric.totalling))
                    on_change=Callback::new(move |v: String| {
                        if let Some(t) = pick(&TOTALLINGS, &v) {
                            ctx.edit("metric:totalling", |g| g.metric.totalling = t);
                        }
                    })
                />
                <SelectField
                    label="Counted"
                    options=options(&WINDOWS, |w| capital(w.label()))
                    value=ctx.signal(|g| index_of(&WINDOWS, g.metric.window))
                    on_change=Callback::new(move |v: String| {
                        if let Some(w) = pick(&WINDOWS, &v) {
                            ctx.edit("metric:window", |g| g.metric.window = w);
                        }
                    })
                />
            </div>
        </section>
    }
}

#[component]
fn Numbers(ctx: GoalCtx) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="numbers-title">
            <h2 id="numbers-title">"Baseline, target and deadline"</h2>
            <div class="field-row">
                <NumberField
                    label="Baseline value"
                    value=ctx.signal(|g| g.baseline)
                    on_change=Callback::new(move |v| ctx.edit("baseline", |g| g.baseline = v))
                />
                <DateField
                    label="Baseline date"
                    value=ctx.signal(|g| g.baseline_date)
                    on_change=Callback::new(move |v| ctx.edit("baseline_date", |g| g.baseline_date = v))
                />
            </div>
            <div class="field-row">
                <NumberField
                    label="Target value"
                    value=ctx.signal(|g| g.target)
                    on_change=Callback::new(move |v| ctx.edit("target", |g| g.target = v))
                />
                <DateField
                    label="Deadline"
                    value=ctx.signal(|g| g.deadline)
                    on_change=Callback::new(move |v| ctx.edit("deadline", |g| g.deadline = v))
                />
            </div>
        </section>
    }
}

#[component]
fn ResultSection(ctx: GoalCtx) -> impl IntoView {
    let output_only = Memo::new(move |_| ctx.read(goals::is_output_only));
    view! {
        <section class="card" aria-labelledby="result-title">
            <h2 id="result-title">"Result or benefit"</h2>
            <TextField
                label="Accomplishing this goal will…"
                hint="What will be better for the community or the business, e.g. “spread maintenance across more people”."
                multiline=true
                value=ctx.signal(|g| g.result.clone())
                on_change=Callback::new(move |v: String| ctx.edit("result", |g| g.result = v))
            />
            <div role="status">
                <Show when=move || output_only.get()>
                    <p class="banner warn" data-testid="output-only">
                        "Output only: this goal counts what the team produces, not what changes for the community. Name the effect above, or track an outcome metric instead."
                    </p>
                </Show>
            </div>
        </section>
    }
}

#[component]
fn RemoveGoal(ctx: GoalCtx) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let navigate = use_navigate();
    let remove = move |_| {
        let name = ctx.read(|g| display_title(&g.title));
        let _ = ctx.run_step(crate::core::edits::remove_goal_everywhere);
        ctx.state.notify(
            format!("Removed the goal “{name}”. Undo brings it back."),
            None,
        );
        navigate("/goals", Default::default());
    };
    // Focus moves to the safe choice when asked, and back to the opener when kept.
    let ask = move |_| {
        confirming.set(true);
        super::focus_later("remove-goal-keep".into(), "remove-goal-keep".into());
    };
    let keep = move || {
        confirming.set(false);
        super::focus_later("remove-goal-start".into(), "remove-goal-start".into());
    };
    view! {
        <section class="card no-print danger-zone" aria-labelledby="remove-title">
            <h2 id="remove-title">"Remove this goal"</h2>
            <Show
                when=move || confirming.get()
                fallback=move || view! { <button class="danger" id="remove-goal-start" on:click=ask>"Remove goal…"</button> }
            >
                <div
                    role="alert"
                    class="actions"
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            keep();
                        }
                    }
                >
                    <span>"Remove this goal with its milestones and check-ins?"</span>
                    <button class="danger" on:click=remove.clone()>"Remove goal"</button>
                    <button id="remove-goal-keep" on:click=move |_| keep()>"Keep it"</button>
                </div>
            </Show>
        </section>
    }
}

fn capital(text: &str) -> String {
    goals::text::capitalise(text)
}
