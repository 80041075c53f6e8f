//! What the file gave: rows read and skipped by reason, problems by line, and the counts and
//! flows that Confirm would add.

use leptos::prelude::*;

use crate::core::curve::activity::count::{replaced_dates, Counted};
use crate::core::curve::activity::group_thousands;
use crate::core::curve::activity::read::{Activities, ActivityProblem};
use crate::ui::state::use_app_state;

use super::super::display_name;
use super::panel::{rows, Problems};

#[component]
pub(super) fn ReadSummary(
    activities: Memo<Option<Result<Activities, Vec<ActivityProblem>>>>,
) -> impl IntoView {
    move || {
        activities.with(|a| match a {
            None => ().into_any(),
            Some(Err(problems)) => view! { <Problems problems=problems.clone() /> }.into_any(),
            Some(Ok(a)) => {
                let span = match (a.first_date, a.last_date) {
                    (Some(f), Some(l)) => format!(" from {f} to {l}"),
                    _ => String::new(),
                };
                let summary = format!(
                    "Read {}: {} activities of {} members{span}; {} skipped.",
                    rows(a.rows_read),
                    group_thousands(a.rows.len() as u64),
                    group_thousands(u64::from(a.members)),
                    rows(a.skipped_total()),
                );
                let skipped = a.skipped.clone();
                let problems = a.problems.clone();
                let more = a.skipped_total() as usize > problems.len();
                let out_of_order = a.out_of_order;
                view! {
                    <p data-testid="activity-summary">{summary}</p>
                    <Show when=move || out_of_order>
                        <p class="hint">"The rows are not in date order; that is fine, they are sorted as they are read."</p>
                    </Show>
                    <Show when={let s = skipped.clone(); move || !s.is_empty()}>
                        <div class="banner warn" data-testid="activity-skipped">
                            <p>"Rows skipped, by reason:"</p>
                            <ul class="compact-list">
                                {skipped.iter().map(|(reason, n)| view! { <li>{format!("{}: {}", reason.label(), rows(*n))}</li> }).collect_view()}
                            </ul>
                            <p>{if more { "The first of them, by line:" } else { "By line:" }}</p>
                            <ul class="compact-list" data-testid="activity-row-problems">
                                {problems.iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}
                            </ul>
                        </div>
                    </Show>
                }
                .into_any()
            }
        })
    }
}

#[component]
pub(super) fn CountedPreview(counted: Memo<Option<Result<Counted, Vec<String>>>>) -> impl IntoView {
    let state = use_app_state();
    move || {
        let Some(result) = counted.get() else {
            return ().into_any();
        };
        let c = match result {
            Err(problems) => {
                return view! {
                    <div class="banner warn" role="alert" data-testid="activity-count-problems">
                        <p>"Nothing to confirm yet:"</p>
                        <ul class="compact-list">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    </div>
                }
                .into_any()
            }
            Ok(c) => c,
        };
        let (names, replaced) = state.plan.with(|p| {
            p.as_ref().map_or((Vec::new(), Vec::new()), |p| {
                let names: Vec<String> = c
                    .dates
                    .first()
                    .map(|d| d.counts.as_slice())
                    .unwrap_or_default()
                    .iter()
                    .map(|sc| {
                        display_name(
                            &p.curve
                                .stage(&sc.stage_id)
                                .map(|s| s.name.clone())
                                .unwrap_or_default(),
                        )
                    })
                    .collect();
                (names, replaced_dates(&p.curve, &c))
            })
        });
        let caption = format!(
            "Members per stage on each date, counted from {} by the rules above. Exact counts, shown here only.",
            if c.counted_from.file_name.is_empty() { "the pasted rows".to_string() } else { c.counted_from.file_name.clone() }
        );
        let replaced_note = (!replaced.is_empty()).then(|| {
            let list: Vec<String> = replaced.iter().map(|d| d.to_string()).collect();
            format!(
                "Confirm replaces the snapshots of {} (their counts and flows).",
                list.join(", ")
            )
        });
        let sum = |d: &crate::core::curve::activity::count::DateCount,
                   f: fn(&crate::core::curve::flows::StageFlow) -> u64| {
            d.flows.as_ref().map_or("—".to_string(), |fl| {
                fl.stages.iter().map(f).sum::<u64>().to_string()
            })
        };
        view! {
            <h4>"Check and confirm"</h4>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Counts to add">
                <table class="compact" data-testid="activity-counts">
                    <caption>{caption}</caption>
                    <thead><tr>
                        <th scope="col">"Date"</th>
                        {names.iter().map(|n| view! { <th scope="col">{n.clone()}</th> }).collect_view()}
                        <th scope="col">"New"</th>
                        <th scope="col">"Moved up"</th>
                        <th scope="col">"Moved down"</th>
                        <th scope="col">"Left"</th>
                    </tr></thead>
                    <tbody>
                        {c.dates.iter().map(|d| view! {
                            <tr>
                                <th scope="row">{d.date.to_string()}</th>
                                {d.counts.iter().map(|sc| view! { <td>{sc.count}</td> }).collect_view()}
                                <td>{if d.flows.is_some() { d.new.to_string() } else { "—".into() }}</td>
                                <td>{sum(d, |f| f.moved_up)}</td>
                                <td>{sum(d, |f| f.moved_down)}</td>
                                <td>{sum(d, |f| f.left)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="hint">"Flows run from each date to the next, member by member; the first date has none. "
                {c.counted_from.sentence()}</p>
            {replaced_note.map(|n| view! { <p class="banner warn" data-testid="activity-replaces">{n}</p> })}
        }
        .into_any()
    }
}
