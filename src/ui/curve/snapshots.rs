//! Snapshots over time: dated counts per stage (recorded or pasted as CSV), a chart of
//! each stage, and gravity (the Orbit model's formula) between snapshots. Counts only.

use leptos::prelude::*;

use crate::core::curve::gravity::{gravity_series, weights_note, GRAVITY_EXPLAINED};
use crate::core::curve::ops;
use crate::core::curve::snapshots::{
    import_snapshots, parse_snapshots_csv, stage_series, typed_snapshot,
};
use crate::ui::clock;
use crate::ui::section_index::Collapsible;
use crate::ui::state::use_app_state;
use crate::ui::widgets::{unique_id, DateField, NumberField};

use super::display_name;

const SW: f64 = 200.0;
const SH: f64 = 40.0;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct SnapRow {
    id: String,
    date: String,
    counts: Vec<String>,
}

#[component]
pub fn Snapshots() -> impl IntoView {
    let state = use_app_state();
    let table = Memo::new(move |_| {
        state.plan.with(|p| {
            let Some(p) = p.as_ref() else {
                return (Vec::new(), Vec::new());
            };
            let c = &p.curve;
            let heads: Vec<String> = c.stages.iter().map(|s| display_name(&s.name)).collect();
            let mut snaps: Vec<_> = c.snapshots.iter().collect();
            snaps.sort_by_key(|s| s.date);
            let rows = snaps
                .iter()
                .map(|s| SnapRow {
                    id: s.id.to_string(),
                    date: s.date.to_string(),
                    counts: c
                        .stages
                        .iter()
                        .map(|st| s.count_for(&st.id).map_or("—".into(), |n| n.to_string()))
                        .collect(),
                })
                .collect();
            (heads, rows)
        })
    });
    let has = Memo::new(move |_| table.with(|t| !t.1.is_empty()));
    let record = move |_| {
        let today = clock::today();
        state.edit("curve:snapshot", move |plan| {
            ops::snapshot_current(plan, today);
        });
    };
    view! {
        <div class="card snapshots">
            <h2 id="snapshots-title" tabindex="-1">"Snapshots over time"</h2>
            <p class="hint">
                "Record members per stage now and then to see the curve move. Only counts are kept: no personal data."
            </p>
            <div class="actions no-print">
                <button class="primary" on:click=record>"Record today's counts"</button>
            </div>
            <TypedSnapshot />
            <CsvPaste />
            <super::flows::FlowsEntry />
            <super::activity::CountFromActivity />
            <Show
                when=move || has.get()
                fallback=|| view! { <p>"No snapshots yet. Record today's counts, or paste earlier ones as CSV."</p> }
            >
                <SnapshotChart />
                <Collapsible name="curve:snapshot-table" title="Snapshot table" testid="snapshot-table-section">
                    <div class="table-wrap" tabindex="0" role="region" aria-label="Snapshot table">
                        <table aria-labelledby="snapshots-title" data-testid="snapshot-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Date"</th>
                                    {move || table.with(|t| t.0.iter().map(|h| view! { <th scope="col" class="num">{h.clone()}</th> }).collect_view())}
                                    <th scope="col" class="no-print">"Actions"</th>
                                </tr>
                            </thead>
                            <tbody>
                                <For
                                    each=move || table.with(|t| t.1.clone())
                                    key=|r| r.clone()
                                    children=move |r| {
                                        let sid = StoredValue::new(r.id.to_string());
                                        let remove = move |_| {
                                            let id = sid.get_value();
                                            state.edit("curve:delete-snapshot", move |plan| {
                                                ops::delete_snapshot(&mut plan.curve, &id);
                                            });
                                        };
                                        view! {
                                            <tr>
                                                <th scope="row">{r.date.clone()}</th>
                                                {r.counts.iter().map(|c| view! { <td class="num">{c.clone()}</td> }).collect_view()}
                                                <td class="no-print">
                                                    <button class="small danger" aria-label=format!("Delete snapshot of {}", r.date) on:click=remove>
                                                        "Delete"
                                                    </button>
                                                </td>
                                            </tr>
                                        }
                                    }
                                />
                            </tbody>
                        </table>
                    </div>
                </Collapsible>
                <Gravity />
            </Show>
            <super::flows::ObservedFlows />
        </div>
    }
}

/// Counts typed for a chosen date, one number field per stage.
#[component]
fn TypedSnapshot() -> impl IntoView {
    let state = use_app_state();
    let stages = super::stage_names(state);
    let date = RwSignal::new(Some(clock::today()));
    let typed = RwSignal::new(Vec::<(String, Option<f64>)>::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let done = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let when = date.get_untracked();
        let values = typed.get_untracked();
        let checked = state
            .plan
            .with_untracked(|p| p.as_ref().map(|p| typed_snapshot(&p.curve, when, &values)));
        match checked {
            Some(Ok(snap)) => {
                let day = snap.date;
                state.edit_step(move |plan| {
                    ops::put_snapshot(plan, snap.date, snap.counts);
                });
                errors.set(Vec::new());
                typed.set(Vec::new());
                done.set(Some(format!("Saved the counts of {day}.")));
            }
            Some(Err(errs)) => {
                done.set(None);
                errors.set(errs);
            }
            None => {}
        }
    };
    view! {
        <form class="typed-snapshot no-print" novalidate on:submit=save aria-labelledby="typed-snapshot-title">
            <h3 id="typed-snapshot-title">"Type counts for a date"</h3>
            <div class="field-row">
                <DateField
                    label="Date of the counts"
                    value=date
                    on_change=Callback::new(move |d| date.set(d))
                />
                <For
                    each=move || stages.get()
                    key=|s| s.clone()
                    children=move |(sid, name)| {
                        let id = StoredValue::new(sid);
                        let value = Signal::derive(move || {
                            typed.with(|t| t.iter().find(|(s, _)| *s == id.get_value()).and_then(|(_, v)| *v))
                        });
                        let set = Callback::new(move |v: Option<f64>| {
                            typed.update(|t| {
                                let sid = id.get_value();
                                match t.iter_mut().find(|(s, _)| *s == sid) {
                                    Some(entry) => entry.1 = v,
                                    None => t.push((sid, v)),
                                }
                            });
                        });
                        view! { <NumberField label=name value on_change=set min=0.0 step="1" /> }
                    }
                />
            </div>
            <p class="hint">"Leave a stage empty if it was not counted. A date that already has a snapshot is replaced."</p>
            <Show when=move || !errors.with(Vec::is_empty)>
                <div class="banner bad" role="alert">
                    <p>"The counts were not saved:"</p>
                    <ul class="csv-errors">
                        {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                    </ul>
                </div>
            </Show>
            <div class="actions">
                <button type="submit">"Save these counts"</button>
            </div>
            <p role="status" class="hint">{move || done.get().unwrap_or_default()}</p>
        </form>
    }
}

#[component]
fn CsvPaste() -> impl IntoView {
    let state = use_app_state();
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let done = RwSignal::new(None::<String>);
    let id = unique_id("csv");
    let import = move |_| {
        let raw = text.get_untracked();
        let parsed = state
            .plan
            .with_untracked(|p| p.as_ref().map(|p| parse_snapshots_csv(&p.curve, &raw)));
        match parsed {
            Some(Ok(snaps)) => {
                let n = snaps.len();
                state.edit("curve:import-snapshots", move |plan| {
                    import_snapshots(plan, snaps);
                });
                errors.set(Vec::new());
                text.set(String::new());
                done.set(Some(format!("Imported {n} snapshot(s).")));
            }
            Some(Err(errs)) => {
                done.set(None);
                errors.set(errs.iter().map(|e| e.to_string()).collect());
            }
            None => {}
        }
    };
    view! {
        <details class="csv-paste no-print">
            <summary>"Paste counts as CSV"</summary>
            <div class="field">
                <label for=id.clone()>"CSV (from a spreadsheet or a file)"</label>
                <textarea id=id.clone() aria-describedby=format!("{id}-hint") bind:value=text></textarea>
                <span class="hint" id=format!("{id}-hint")>
                    "Either a header “date,<stage name>,<stage name>…” and one line per date, or lines of “date,stage,count”. "
                    "Dates as 2026-01-31. A date that already has a snapshot is replaced."
                </span>
            </div>
            <div class="actions">
                <button on:click=import>"Import snapshots"</button>
            </div>
            <Show when=move || !errors.with(Vec::is_empty)>
                <div class="banner bad" role="alert">
                    <p>"Nothing was imported. Fix these lines and try again:"</p>
                    <ul class="csv-errors">
                        {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                    </ul>
                </div>
            </Show>
            <p role="status" class="hint">{move || done.get().unwrap_or_default()}</p>
        </details>
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Spark {
    name: String,
    d: String,
    range: String,
}

/// One small chart per stage, each on its own scale: inner stages are a hundredth of the
/// outer one, and on a shared scale their lines would be flat.
#[component]
fn SnapshotChart() -> impl IntoView {
    let state = use_app_state();
    let sparks = Memo::new(move |_| {
        state.plan.with(|p| {
            let Some(p) = p.as_ref() else {
                return Vec::new();
            };
            stage_series(&p.curve)
                .iter()
                .map(|s| {
                    let n = s.points.len();
                    let known: Vec<u64> = s.points.iter().filter_map(|(_, c)| *c).collect();
                    let (lo, hi) = (
                        known.iter().copied().min().unwrap_or(0),
                        known.iter().copied().max().unwrap_or(0),
                    );
                    let span = (hi - lo).max(1) as f64;
                    let x = |i: usize| {
                        if n <= 1 {
                            SW / 2.0
                        } else {
                            SW * i as f64 / (n - 1) as f64
                        }
                    };
                    let y = |c: u64| SH - 2.0 - (SH - 4.0) * (c - lo) as f64 / span;
                    let mut d = String::new();
                    let mut pen_down = false;
                    for (i, (_, c)) in s.points.iter().enumerate() {
                        match c {
                            Some(c) => {
                                let cmd = if pen_down { 'L' } else { 'M' };
                                d.push_str(&format!("{cmd}{:.1} {:.1} ", x(i), y(*c)));
                                if n == 1 {
                                    d.push_str("h0.5 ");
                                }
                                pen_down = true;
                            }
                            None => pen_down = false,
                        }
                    }
                    let first = known.first().map_or("—".into(), |v| v.to_string());
                    let last = known.last().map_or("—".into(), |v| v.to_string());
                    Spark {
                        name: p
                            .curve
                            .stage(&s.stage_id)
                            .map(|st| display_name(&st.name))
                            .unwrap_or_default(),
                        d,
                        range: format!("{first} → {last} members"),
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <ul class="sparklines" aria-label="Members per stage over time; the table below has the figures">
            <For
                each=move || sparks.get()
                key=|s| s.clone()
                children=|s| view! {
                    <li class="sparkline">
                        <h3>{s.name.clone()}</h3>
                        <p class="range">{s.range.clone()}</p>
                        <svg viewBox=format!("0 0 {SW} {SH}") preserveAspectRatio="none" aria-hidden="true">
                            <path d=s.d />
                        </svg>
                    </li>
                }
            />
        </ul>
    }
}

#[component]
fn Gravity() -> impl IntoView {
    let state = use_app_state();
    let weights = Memo::new(move |_| {
        state
            .plan
            .with(|p| weights_note(p.as_ref().map_or(0, |p| p.curve.stages.len())))
    });
    let steps = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    gravity_series(&p.curve)
                        .into_iter()
                        .map(|g| {
                            (
                                format!("{} → {}", g.from_date, g.to_date),
                                format!("{:.0}", g.weighted_before),
                                format!("{:.0}", g.weighted_after),
                                g.gravity.map_or("—".into(), |v| format!("{v:+.2}")),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <h3 id="gravity-title">"Gravity between snapshots"</h3>
        <p class="hint">{GRAVITY_EXPLAINED}</p>
        <p class="hint" data-testid="gravity-weights">{move || weights.get()}</p>
        <Show
            when=move || steps.with(|s| !s.is_empty())
            fallback=|| view! { <p class="hint">"Gravity needs at least two snapshots."</p> }
        >
            <div class="table-wrap" tabindex="0" role="region" aria-label="Gravity table">
                <table aria-labelledby="gravity-title" data-testid="gravity-table">
                    <thead>
                        <tr>
                            <th scope="col">"Between"</th>
                            <th scope="col" class="num">"Weighted before"</th>
                            <th scope="col" class="num">"Weighted after"</th>
                            <th scope="col" class="num">"Gravity"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || steps.get()
                            key=|s| s.clone()
                            children=|(between, before, after, g)| view! {
                                <tr>
                                    <th scope="row">{between}</th>
                                    <td class="num">{before}</td>
                                    <td class="num">{after}</td>
                                    <td class="num">{g}</td>
                                </tr>
                            }
                        />
                    </tbody>
                </table>
            </div>
        </Show>
    }
}
