//! Flows between two dates, per stage (typed or pasted as CSV), and what they show: the
//! observed rate of moving up, the bottleneck, and gravity split into growth and movement.

use leptos::prelude::*;

use crate::core::curve::flows::{
    flow_rates, gravity_split, latest_flows, parse_flows_csv, put_flows, typed_flows, FlowProblem,
    Flows, FLOW_COLUMNS, SPLIT_EXPLAINED,
};
use crate::ui::clock;
use crate::ui::state::use_app_state;
use crate::ui::widgets::{unique_id, DateField};

use super::display_name;

type Checked = Option<Result<(chrono::NaiveDate, Flows), Vec<FlowProblem>>>;

/// Typing or pasting flows for a period that ends on a snapshot's date.
#[component]
pub fn FlowsEntry() -> impl IntoView {
    let state = use_app_state();
    let stages = super::stage_names(state);
    let since = RwSignal::new(None::<chrono::NaiveDate>);
    let until = RwSignal::new(Some(clock::today()));
    let typed = RwSignal::new(Vec::<(String, [String; 5])>::new());
    let pasted = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let done = RwSignal::new(None::<String>);
    let apply = move |checked: Checked| match checked {
        Some(Ok((day, flows))) => {
            state.edit_step(move |plan| put_flows(plan, day, flows));
            errors.set(Vec::new());
            typed.set(Vec::new());
            pasted.set(String::new());
            done.set(Some(format!("Saved the flows up to {day}.")));
        }
        Some(Err(problems)) => {
            done.set(None);
            errors.set(problems.iter().map(|p| p.to_string()).collect());
        }
        None => {}
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let values = typed.get_untracked();
        let (from, to) = (since.get_untracked(), until.get_untracked());
        apply(
            state
                .plan
                .with_untracked(|p| p.as_ref().map(|p| typed_flows(&p.curve, from, to, &values))),
        );
    };
    let import = move |_| {
        let text = pasted.get_untracked();
        let (from, to) = (since.get_untracked(), until.get_untracked());
        apply(state.plan.with_untracked(|p| {
            p.as_ref()
                .map(|p| parse_flows_csv(&p.curve, from, to, &text))
        }));
    };
    let paste_id = unique_id("flows-csv");
    view! {
        <details class="flows-entry no-print">
            <summary>"Record flows between two dates"</summary>
            <form novalidate on:submit=save aria-labelledby="flows-entry-title">
                <h3 id="flows-entry-title">"Flows per stage"</h3>
                <p class="hint">
                    "How many members of each stage moved in, stayed, moved up, moved down or left between the two dates. "
                    "Counts only. Stayed + moved in is the stage's count on the second date; the flows are kept with that date's snapshot."
                </p>
                <div class="field-row">
                    <DateField label="Flows from" value=since on_change=Callback::new(move |d| since.set(d)) />
                    <DateField label="Flows to (the snapshot's date)" value=until on_change=Callback::new(move |d| until.set(d)) />
                </div>
                <div class="table-wrap" tabindex="0" role="region" aria-label="Flows to type">
                    <table class="flows-table">
                        <thead>
                            <tr>
                                <th scope="col">"Stage"</th>
                                {FLOW_COLUMNS.iter().map(|c| view! { <th scope="col" class="num">{capitalised(c)}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || stages.get() key=|s| s.clone() children=move |(sid, name)| {
                                let id = StoredValue::new(sid);
                                let cells = (0..5).map(|column| {
                                    let label = format!("{name}: {}", FLOW_COLUMNS[column]);
                                    let value = move || typed.with(|t| {
                                        t.iter().find(|(s, _)| *s == id.get_value()).map(|(_, v)| v[column].clone()).unwrap_or_default()
                                    });
                                    view! {
                                        <td class="num">
                                            <input type="text" inputmode="numeric" aria-label=label prop:value=value
                                                on:input=move |ev| {
                                                    let v = event_target_value(&ev);
                                                    typed.update(|t| {
                                                        let sid = id.get_value();
                                                        match t.iter_mut().find(|(s, _)| *s == sid) {
                                                            Some(entry) => entry.1[column] = v,
                                                            None => {
                                                                let mut row: [String; 5] = Default::default();
                                                                row[column] = v;
                                                                t.push((sid, row));
                                                            }
                                                        }
                                                    });
                                                } />
                                        </td>
                                    }
                                }).collect_view();
                                view! { <tr><th scope="row">{name.clone()}</th>{cells}</tr> }
                            } />
                        </tbody>
                    </table>
                </div>
                <div class="actions">
                    <button type="submit">"Save these flows"</button>
                </div>
            </form>
            <div class="field">
                <label for=paste_id.clone()>"Or paste flows as CSV"</label>
                <textarea id=paste_id.clone() aria-describedby=format!("{paste_id}-hint") bind:value=pasted></textarea>
                <span class="hint" id=format!("{paste_id}-hint")>
                    "A header “stage,moved in,stayed,moved up,moved down,left”, then one line per stage. The dates are the two above."
                </span>
            </div>
            <div class="actions">
                <button type="button" on:click=import>"Import flows"</button>
            </div>
            <Show when=move || !errors.with(Vec::is_empty)>
                <div class="banner bad" role="alert">
                    <p>"The flows were not saved:"</p>
                    <ul class="csv-errors" data-testid="flow-errors">
                        {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                    </ul>
                </div>
            </Show>
            <p role="status" class="hint">{move || done.get().unwrap_or_default()}</p>
        </details>
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[derive(Clone, Debug, PartialEq)]
struct FlowRow {
    name: String,
    were: u64,
    up: u64,
    rate: Option<f64>,
}

/// The latest flows: each stage's rate of moving up, and gravity split in two.
#[component]
pub fn ObservedFlows() -> impl IntoView {
    let state = use_app_state();
    let figures = Memo::new(move |_| {
        state.plan.with(|p| {
            let c = &p.as_ref()?.curve;
            let (snapshot, flows) = latest_flows(c)?;
            let name = |id: &str| c.stage(id).map(|s| display_name(&s.name)).unwrap_or_default();
            let rows: Vec<FlowRow> = flow_rates(c, snapshot, flows)
                .iter()
                .map(|r| FlowRow {
                    name: name(&r.stage_id),
                    were: r.were_there,
                    up: r.moved_up,
                    rate: r.rate_pct,
                })
                .collect();
            let split = gravity_split(c, flows);
            let gravity = split.gravity().map(|(g, growth, movement)| {
                format!(
                    "Gravity over the period: {g:+.2}, of which {growth:+.2} from growth (members joining and leaving) and {movement:+.2} from movement between stages."
                )
            });
            Some((format!("{} to {}", flows.since, snapshot.date), rows, gravity))
        })
    });
    view! {
        {move || figures.get().map(|(period, rows, gravity)| view! {
            <section class="observed-flows" aria-labelledby="observed-flows-title">
                <h3 id="observed-flows-title">{format!("Observed flows, {period}")}</h3>
                <div class="table-wrap" tabindex="0" role="region" aria-label="Observed rates">
                    <table data-testid="flow-rates">
                        <thead>
                            <tr>
                                <th scope="col">"Stage"</th>
                                <th scope="col" class="num">"Were there"</th>
                                <th scope="col" class="num">"Moved up"</th>
                                <th scope="col" class="num">"Rate (moved up ÷ were there)"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <tr>
                                    <th scope="row">{r.name}</th>
                                    <td class="num">{r.were}</td>
                                    <td class="num">{r.up}</td>
                                    <td class="num">{r.rate.map_or("—".to_string(), |x| format!("{x:.1}%"))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {gravity.map(|g| view! { <p data-testid="flow-gravity">{g}</p> })}
                <p class="hint">{SPLIT_EXPLAINED}</p>
            </section>
        })}
    }
}
