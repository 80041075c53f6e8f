//! Progress: the chart and its summary, milestones (generated or by hand) and check-ins.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::core::goals::text::{format_date, format_value};
use crate::core::goals::{self, progress, Growth};
use crate::ui::clock;
use crate::ui::widgets::unique_id;

use super::{growth_label, index_of, pick, track_class, GoalCtx, GROWTHS};

#[component]
pub fn Tracking(ctx: GoalCtx) -> impl IntoView {
    let summary = Memo::new(move |_| ctx.read(|g| Some(progress(g))).unwrap_or_default());
    let forecast_text = Memo::new(move |_| {
        ctx.read(|g| Some(goals::forecast::forecast_text(g)))
            .unwrap_or_default()
    });
    view! {
        <section class="card" aria-labelledby="progress-title">
            <h2 id="progress-title">"Progress"</h2>
            <div class="progress-summary" role="status" data-testid="progress-summary">
                <span class=move || track_class(summary.with(|s| s.status))>
                    {move || summary.with(|s| s.status.label())}
                </span>
                {move || {
                    summary
                        .with(|s| s.percent_complete)
                        .map(|p| {
                            view! {
                                <span class="percent">
                                    <progress max="100" value=format!("{p:.0}") aria-hidden="true"></progress>
                                    {format!("{p:.0}% complete")}
                                </span>
                            }
                        })
                }}
                {move || {
                    summary
                        .with(|s| s.confidence.filter(|_| s.forecast.is_some()))
                        .map(|c| view! { <span>{format!("Team confidence {c}%")}</span> })
                }}
            </div>
            <p class="hint" data-testid="forecast-text">{forecast_text}</p>
            <super::chart::ProgressChart ctx />
        </section>
        <Milestones ctx />
        <CheckIns ctx />
    }
}

#[component]
fn Milestones(ctx: GoalCtx) -> impl IntoView {
    let count = RwSignal::new(4usize);
    let growth = RwSignal::new(ctx.read(|g| Some(g.growth)).unwrap_or(Growth::Linear));
    let error = RwSignal::new(None::<String>);
    let count_id = unique_id("milestone-count");
    let growth_id = unique_id("growth");
    let ids = Memo::new(move |_| {
        ctx.read(|g| {
            g.milestones
                .iter()
                .map(|m| m.id.to_string())
                .collect::<Vec<_>>()
        })
    });
    let generate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (n, growth) = (count.get_untracked(), growth.get_untracked());
        match ctx.run_step(|plan, id| goals::generate_milestones(plan, id, n, growth)) {
            Ok(_) => error.set(None),
            Err(why) => error.set(Some(why)),
        }
    };
    let add_date = RwSignal::new(String::new());
    let add_value = RwSignal::new(String::new());
    let add_error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(date) = NaiveDate::parse_from_str(&add_date.get_untracked(), "%Y-%m-%d") else {
            add_error.set(Some("Choose the milestone's date.".into()));
            return;
        };
        let Ok(value) = add_value.get_untracked().trim().parse::<f64>() else {
            add_error.set(Some(
                "Enter the value planned for that date, as a number.".into(),
            ));
            return;
        };
        match ctx.run_step(|plan, id| goals::add_milestone(plan, id, date, value)) {
            Ok(_) => {
                add_error.set(None);
                add_value.set(String::new());
            }
            Err(why) => add_error.set(Some(why)),
        }
    };
    let (add_date_id, add_value_id) = (unique_id("ms-date"), unique_id("ms-value"));
    view! {
        <section class="card" aria-labelledby="milestones-title">
            <h2 id="milestones-title">"Milestones"</h2>
            <p class="hint">"Points on the way from baseline to target. Generate evenly spaced ones, then adjust them by hand."</p>
            <form class="add-row no-print" on:submit=generate>
                <div class="field">
                    <label for=count_id.clone()>"How many"</label>
                    <input
                        id=count_id
                        type="number"
                        min="1"
                        max=goals::trajectory::MAX_MILESTONES.to_string()
                        step="1"
                        prop:value=move || count.get().to_string()
                        on:input=move |ev| {
                            if let Ok(n) = event_target_value(&ev).trim().parse::<usize>() {
                                count.set(n);
                            }
                        }
                    />
                </div>
                <div class="field">
                    <label for=growth_id.clone()>"Growth"</label>
                    <select
                        id=growth_id
                        on:change=move |ev| {
                            if let Some(g) = pick(&GROWTHS, &event_target_value(&ev)) {
                                growth.set(g);
                            }
                        }
                    >
                        {GROWTHS
                            .iter()
                            .map(|g| {
                                let g = *g;
                                view! {
                                    <option value=index_of(&GROWTHS, g) selected=move || growth.get() == g>
                                        {growth_label(g)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit">
                    {move || if ids.with(|i| i.is_empty()) { "Generate milestones" } else { "Replace with generated milestones" }}
                </button>
            </form>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
            <Show
                when=move || !ids.with(|i| i.is_empty())
                fallback=|| view! { <p class="hint empty-goals">"No milestones yet."</p> }
            >
                <div class="table-wrap" tabindex="0" role="region" aria-label="Milestones table">
                    <table class="stack">
                        <caption class="visually-hidden">"Milestones"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">"Planned value"</th>
                                <th scope="col">"Note"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || ids.get() key=|id| id.clone() children=move |mid| view! { <MilestoneRow ctx mid /> } />
                        </tbody>
                    </table>
                </div>
            </Show>
            <form class="add-row no-print" on:submit=add>
                <div class="field">
                    <label for=add_date_id.clone()>"Milestone date"</label>
                    <input id=add_date_id type="date" bind:value=add_date />
                </div>
                <div class="field">
                    <label for=add_value_id.clone()>"Planned value"</label>
                    <input id=add_value_id type="number" step="any" inputmode="decimal" bind:value=add_value />
                </div>
                <button type="submit">"Add milestone"</button>
            </form>
            <Show when=move || add_error.get().is_some()>
                <p class="error" role="alert">{move || add_error.get()}</p>
            </Show>
        </section>
    }
}

#[component]
fn MilestoneRow(ctx: GoalCtx, mid: String) -> impl IntoView {
    let mid = StoredValue::new(mid);
    let m = Memo::new(move |_| {
        ctx.read(|g| {
            g.milestones
                .iter()
                .find(|m| m.id == mid.get_value())
                .map(|m| (m.date, m.value, m.note.clone()))
        })
    });
    let date = move || m.with(|m| m.as_ref().map(|m| format_date(m.0)).unwrap_or_default());
    let change = move |date: Option<NaiveDate>, value: Option<f64>, note: Option<String>| {
        let id = mid.get_value();
        let _ = ctx.run(&format!("milestone:{id}"), |plan, g| {
            goals::edit_milestone(&mut plan.goals, g, &id, date, value, note.as_deref())
        });
    };
    view! {
        <tr>
            <td data-label="Date">
                <input
                    type="date"
                    aria-label=move || format!("Date of the milestone on {}", date())
                    prop:value=move || m.with(|m| m.as_ref().map(|m| m.0.format("%Y-%m-%d").to_string()).unwrap_or_default())
                    on:change=move |ev| {
                        if let Ok(d) = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
                            change(Some(d), None, None);
                        }
                    }
                />
            </td>
            <td data-label="Planned value">
                <input
                    type="number"
                    step="any"
                    inputmode="decimal"
                    aria-label=move || format!("Planned value on {}", date())
                    prop:value=move || m.with(|m| m.as_ref().map(|m| m.1.to_string()).unwrap_or_default())
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                            change(None, Some(v), None);
                        }
                    }
                />
            </td>
            <td data-label="Note">
                <input
                    type="text"
                    maxlength="300"
                    aria-label=move || format!("Note for the milestone on {}", date())
                    prop:value=move || m.with(|m| m.as_ref().map(|m| m.2.clone()).unwrap_or_default())
                    on:input=move |ev| change(None, None, Some(event_target_value(&ev)))
                />
            </td>
            <td>
                <button
                    class="small danger"
                    aria-label=move || format!("Remove the milestone on {}", date())
                    on:click=move |_| {
                        let id = mid.get_value();
                        let _ = ctx.run_step(|plan, g| goals::remove_milestone(&mut plan.goals, g, &id));
                    }
                >
                    "Remove"
                </button>
            </td>
        </tr>
    }
}

#[component]
fn CheckIns(ctx: GoalCtx) -> impl IntoView {
    let date = RwSignal::new(clock::today().format("%Y-%m-%d").to_string());
    let value = RwSignal::new(String::new());
    let confidence = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let ids = Memo::new(move |_| {
        ctx.read(|g| {
            g.check_ins
                .iter()
                .rev()
                .map(|c| c.id.to_string())
                .collect::<Vec<_>>()
        })
    });
    let unit = move || ctx.read(|g| g.metric.unit.clone());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(day) = NaiveDate::parse_from_str(&date.get_untracked(), "%Y-%m-%d") else {
            error.set(Some("Choose the date the value was measured.".into()));
            return;
        };
        let Ok(v) = value.get_untracked().trim().parse::<f64>() else {
            error.set(Some("Enter the measured value as a number.".into()));
            return;
        };
        let c = confidence.get_untracked();
        let c = if c.trim().is_empty() {
            None
        } else {
            match c.trim().parse::<u8>() {
                Ok(c) if c <= goals::MAX_CONFIDENCE => Some(c),
                _ => {
                    error.set(Some(
                        "Confidence is a whole percentage from 0 to 100, or leave it empty.".into(),
                    ));
                    return;
                }
            }
        };
        let text = note.get_untracked();
        match ctx.run_step(|plan, id| goals::add_check_in(plan, id, day, v, &text, c)) {
            Ok(_) => {
                error.set(None);
                value.set(String::new());
                note.set(String::new());
            }
            Err(why) => error.set(Some(why)),
        }
    };
    let (date_id, value_id, conf_id, note_id) = (
        unique_id("ci-date"),
        unique_id("ci-value"),
        unique_id("ci-confidence"),
        unique_id("ci-note"),
    );
    view! {
        <section class="card" aria-labelledby="checkins-title">
            <h2 id="checkins-title">"Check-ins"</h2>
            <form class="add-row no-print" on:submit=add aria-label="New check-in">
                <div class="field">
                    <label for=date_id.clone()>"Check-in date"</label>
                    <input id=date_id type="date" bind:value=date />
                </div>
                <div class="field">
                    <label for=value_id.clone()>"Measured value"</label>
                    <input id=value_id type="number" step="any" inputmode="decimal" bind:value=value />
                </div>
                <div class="field">
                    <label for=conf_id.clone()>"Confidence (0–100%)"</label>
                    <input id=conf_id type="number" min="0" max="100" step="1" inputmode="numeric" bind:value=confidence />
                </div>
                <div class="field grow">
                    <label for=note_id.clone()>"Note"</label>
                    <input id=note_id type="text" maxlength="500" bind:value=note />
                </div>
                <button type="submit" class="primary">"Add check-in"</button>
            </form>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
            <Show
                when=move || !ids.with(|i| i.is_empty())
                fallback=|| view! { <p class="hint empty-goals">"No check-ins yet. Record the metric's value at each review to see the forecast."</p> }
            >
                <div class="table-wrap" tabindex="0" role="region" aria-label="Check-ins table">
                    <table class="stack" data-testid="check-ins">
                        <caption class="visually-hidden">"Check-ins, newest first"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Date"</th>
                                <th scope="col" class="num">"Value"</th>
                                <th scope="col" class="num">"Confidence"</th>
                                <th scope="col">"Note"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || ids.get()
                                key=|id| id.clone()
                                children=move |cid| {
                                    let lookup = cid.clone();
                                    let c = ctx.read(|g| g.check_ins.iter().find(|c| c.id == lookup).cloned());
                                    c.map(|c| {
                                        let when = format_date(c.date);
                                        view! {
                                            <tr>
                                                <td data-label="Date">{when.clone()}</td>
                                                <td class="num" data-label="Value">{format_value(c.value, &unit())}</td>
                                                <td class="num" data-label="Confidence">{c.confidence.map(|c| format!("{c}%")).unwrap_or_else(|| "—".into())}</td>
                                                <td data-label="Note">{c.note.clone()}</td>
                                                <td>
                                                    <button
                                                        class="small danger no-print"
                                                        aria-label=format!("Remove the check-in of {when}")
                                                        on:click=move |_| {
                                                            let id = cid.clone();
                                                            let _ = ctx.run_step(|plan, g| goals::remove_check_in(&mut plan.goals, g, &id));
                                                        }
                                                    >
                                                        "Remove"
                                                    </button>
                                                </td>
                                            </tr>
                                        }
                                    })
                                }
                            />
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
