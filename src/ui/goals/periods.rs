//! The goals page's period: start one, see the open one, close it (review each goal's score,
//! adjust with a reason, write the retrospective, carry forward or finish each goal), and
//! read past periods, which are read-only. The rules are in `core::goals::periods`.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::core::goals::periods::{
    self, close_period, open_goals, open_period, preview_line, reopen_period, start_period,
    CloseRequest, Decision, NewPeriod, Outcome, Period, PeriodKind,
};
use crate::core::goals::text::format_date;
use crate::core::goals::ASPIRATIONAL_SUCCESS_PERCENT;
use crate::ui::clock;
use crate::ui::state::{use_app_state, AppState};
use crate::ui::widgets::{DateField, NumberField, SelectField, TextField};

use super::overview::display_title;

const KINDS: [PeriodKind; 3] = [PeriodKind::Quarter, PeriodKind::Half, PeriodKind::Custom];

fn dates(p: &Period) -> String {
    format!("{} to {}", format_date(p.start), format_date(p.end))
}

fn with_book<T: Default>(state: AppState, f: impl FnOnce(&crate::core::goals::GoalBook) -> T) -> T {
    state
        .plan
        .with(|p| p.as_ref().map(|p| f(&p.goals)).unwrap_or_default())
}

/// The period card at the top of the goals page.
#[component]
pub fn Periods() -> impl IntoView {
    let state = use_app_state();
    let open = Memo::new(move |_| with_book(state, |b| open_period(b).cloned()));
    let past = Memo::new(move |_| {
        with_book(state, |b| {
            b.periods
                .iter()
                .rev()
                .filter(|p| p.is_closed())
                .map(|p| (p.id.to_string(), p.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    // Its own memo, so editing a goal re-renders the count, not the card (or the close form).
    let count = Memo::new(move |_| with_book(state, |b| open_goals(b).len()));
    let closing = RwSignal::new(false);
    let shown_past = RwSignal::new(String::new());
    let past_options = move || {
        let mut options = vec![(String::new(), "Choose a closed period".to_string())];
        options.extend(past.get());
        options
    };
    view! {
        <section class="card period" aria-labelledby="period-title" data-testid="period">
            {move || match open.get() {
                Some(p) => {
                    let when = dates(&p);
                    let summary = move || {
                        let count = count.get();
                        format!("{when} · open · {count} goal{}", if count == 1 { "" } else { "s" })
                    };
                    view! {
                        <h2 id="period-title">{format!("Period: {}", p.name)}</h2>
                        <p class="period-dates">{summary}</p>
                        <Show
                            when=move || closing.get()
                            fallback=move || view! {
                                <button type="button" class="no-print" on:click=move |_| closing.set(true)>
                                    "Close this period"
                                </button>
                            }
                        >
                            <CloseForm closing />
                        </Show>
                    }
                    .into_any()
                }
                None => view! {
                    <h2 id="period-title">"Periods"</h2>
                    <StartForm />
                }
                .into_any(),
            }}
            <Show when=move || !past.with(|p| p.is_empty())>
                <div class="past-periods">
                    // Re-made when a period closes or reopens: its options are a plain list.
                    {move || view! {
                        <SelectField
                            label="Past periods"
                            options=past_options()
                            value=shown_past
                            on_change=Callback::new(move |v| shown_past.set(v))
                            hint="A closed period is read-only: its goals, scores, reasons and retrospective as they were when it closed."
                        />
                    }}
                    {move || {
                        let id = shown_past.get();
                        (!id.is_empty()).then(|| view! { <PastPeriod id /> })
                    }}
                </div>
            </Show>
        </section>
    }
}

fn kind_options() -> Vec<(String, String)> {
    super::options(&KINDS, |k| k.label().to_string())
}

/// The first (or a later) period: kind, first day, and the last day for custom dates.
#[component]
fn StartForm() -> impl IntoView {
    let state = use_app_state();
    let kind = RwSignal::new(PeriodKind::Quarter);
    let start = RwSignal::new(Some(PeriodKind::Quarter.current_start(clock::today())));
    let end = RwSignal::new(None::<NaiveDate>);
    let error = RwSignal::new(None::<String>);
    let begin = move |_| {
        let Some(first) = start.get_untracked() else {
            error.set(Some("Give the period's first day.".into()));
            return;
        };
        let new = NewPeriod {
            kind: kind.get_untracked(),
            start: first,
            end: end
                .get_untracked()
                .filter(|_| kind.get_untracked() == PeriodKind::Custom),
            name: String::new(),
        };
        let mut outcome = None;
        state.edit_step(|plan| outcome = Some(start_period(plan, &new)));
        error.set(match outcome {
            Some(Err(e)) => Some(e.to_string()),
            _ => None,
        });
    };
    view! {
        <p class="hint">
            "Work your goals in periods — a quarter, a half year or your own dates. At the end of one, close it: score each goal, say what worked, and carry goals forward or finish them."
        </p>
        <div class="field-row">
            <SelectField
                label="Period length"
                options=kind_options()
                value=Signal::derive(move || super::index_of(&KINDS, kind.get()))
                on_change=Callback::new(move |v: String| {
                    if let Some(k) = super::pick(&KINDS, &v) {
                        kind.set(k);
                        start.set(Some(k.current_start(clock::today())));
                    }
                })
            />
            <DateField label="First day" value=start on_change=Callback::new(move |d| start.set(d)) />
            <Show when=move || kind.get() == PeriodKind::Custom>
                <DateField label="Last day" value=end on_change=Callback::new(move |d| end.set(d)) />
            </Show>
        </div>
        <button type="button" class="primary no-print" on:click=begin>"Start the period"</button>
        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
    }
}

/// What the team decides for one goal while closing (kept here until they confirm).
#[derive(Clone)]
struct Draft {
    goal: String,
    title: String,
    computed: String,
    adjusted: RwSignal<Option<f64>>,
    reason: RwSignal<String>,
    outcome: RwSignal<Outcome>,
}

#[component]
fn CloseForm(closing: RwSignal<bool>) -> impl IntoView {
    let state = use_app_state();
    let Some(open) = with_book(state, |b| open_period(b).cloned()) else {
        return ().into_any();
    };
    let drafts: Vec<Draft> = with_book(state, |b| {
        open_goals(b)
            .into_iter()
            .map(|g| Draft {
                goal: g.id.to_string(),
                title: display_title(&g.title),
                computed: preview_line(b, &g.id).unwrap_or_default(),
                adjusted: RwSignal::new(None),
                reason: RwSignal::new(String::new()),
                outcome: RwSignal::new(Outcome::CarriedForward),
            })
            .collect()
    });
    let worked = RwSignal::new(String::new());
    let did_not = RwSignal::new(String::new());
    let next_kind = RwSignal::new(open.kind);
    let next_start = RwSignal::new(open.end.succ_opt());
    let next_end = RwSignal::new(None::<NaiveDate>);
    let error = RwSignal::new(None::<String>);
    let stored = StoredValue::new(drafts.clone());
    let confirm = move |_| {
        let Some(start) = next_start.get_untracked() else {
            error.set(Some("Give the next period's first day.".into()));
            return;
        };
        let request = CloseRequest {
            closed_on: clock::today(),
            what_worked: worked.get_untracked(),
            what_did_not: did_not.get_untracked(),
            decisions: stored.with_value(|ds| {
                ds.iter()
                    .map(|d| Decision {
                        goal: d.goal.clone().into(),
                        adjusted: d.adjusted.get_untracked(),
                        reason: d.reason.get_untracked(),
                        outcome: d.outcome.get_untracked(),
                    })
                    .collect()
            }),
            next: NewPeriod {
                kind: next_kind.get_untracked(),
                start,
                end: next_end
                    .get_untracked()
                    .filter(|_| next_kind.get_untracked() == PeriodKind::Custom),
                name: String::new(),
            },
        };
        let mut outcome = None;
        // One undo step: Undo takes the whole close back.
        state.edit_step(|plan| outcome = Some(close_period(plan, &request)));
        match outcome {
            Some(Ok(_)) => {
                error.set(None);
                closing.set(false);
            }
            Some(Err(e)) => error.set(Some(e.to_string())),
            None => error.set(Some("No plan is open.".into())),
        }
    };
    let outcomes = vec![
        ("carry".to_string(), "Carry forward".to_string()),
        ("finish".to_string(), "Finish in this period".to_string()),
    ];
    view! {
        <form class="close-period" aria-labelledby="close-period-title" on:submit=|ev| ev.prevent_default()>
            <h3 id="close-period-title">{format!("Close {}", open.name)}</h3>
            <p class="hint">
                {format!(
                    "Each goal's score is the share of the way from its baseline to its target that the latest check-in up to the period's last day has come, in the goal's direction (0–100%), measured since the baseline (which may be before this period). Keep-above/below goals score the share of the period's check-ins that held the line. A committed goal counts as a success at 100%, an aspirational one at {ASPIRATIONAL_SUCCESS_PERCENT}% or more. Adjust a score only with a reason."
                )}
            </p>
            {if drafts.is_empty() {
                view! { <p class="hint">"This period has no goals; closing it records the retrospective and starts the next one."</p> }.into_any()
            } else {
                view! {
                    <ul class="close-goals">
                        {drafts
                            .into_iter()
                            .map(|d| {
                                let Draft { title, computed, adjusted, reason, outcome, .. } = d;
                                view! {
                                    <li class="close-goal" data-testid="close-goal">
                                        <h4>{title.clone()}</h4>
                                        <p>"Computed score: " <strong data-testid="computed-score">{computed}</strong></p>
                                        <div class="field-row">
                                            <NumberField
                                                label=format!("Adjusted score (%) for “{title}”")
                                                value=adjusted
                                                on_change=Callback::new(move |v| adjusted.set(v))
                                                min=0.0
                                                max=100.0
                                                hint="Leave empty to keep the computed score."
                                            />
                                            <TextField
                                                label=format!("Reason for the adjustment of “{title}”")
                                                value=reason
                                                on_change=Callback::new(move |v| reason.set(v))
                                            />
                                            <SelectField
                                                label=format!("Next for “{title}”")
                                                options=outcomes.clone()
                                                value=Signal::derive(move || match outcome.get() {
                                                    Outcome::CarriedForward => "carry".to_string(),
                                                    Outcome::Finished => "finish".to_string(),
                                                    Outcome::Unknown(_) => crate::core::newer::OPTION.to_string(),
                                                })
                                                on_change=Callback::new(move |v: String| outcome.set(if v == "finish" {
                                                    Outcome::Finished
                                                } else {
                                                    Outcome::CarriedForward
                                                }))
                                            />
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <TextField label="What worked" value=worked on_change=Callback::new(move |v| worked.set(v)) multiline=true />
            <TextField label="What did not work" value=did_not on_change=Callback::new(move |v| did_not.set(v)) multiline=true />
            <div class="field-row">
                <SelectField
                    label="Next period length"
                    options=kind_options()
                    value=Signal::derive(move || super::index_of(&KINDS, next_kind.get()))
                    on_change=Callback::new(move |v: String| {
                        if let Some(k) = super::pick(&KINDS, &v) {
                            next_kind.set(k);
                        }
                    })
                />
                <DateField label="Next period's first day" value=next_start on_change=Callback::new(move |d| next_start.set(d)) />
                <Show when=move || next_kind.get() == PeriodKind::Custom>
                    <DateField label="Next period's last day" value=next_end on_change=Callback::new(move |d| next_end.set(d)) />
                </Show>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <div class="actions">
                <button type="button" class="primary" on:click=confirm>"Close the period"</button>
                <button type="button" on:click=move |_| closing.set(false)>"Cancel"</button>
            </div>
        </form>
    }
    .into_any()
}

/// A closed period, read-only.
#[component]
fn PastPeriod(id: String) -> impl IntoView {
    let state = use_app_state();
    let lookup = id.clone();
    let period = Memo::new(move |_| with_book(state, |b| b.period(&lookup).cloned()));
    let latest_closed = Memo::new(move |_| {
        with_book(state, |b| {
            b.periods
                .iter()
                .rev()
                .find(|p| p.is_closed())
                .map(|p| p.id.to_string())
        })
    });
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(id);
    let reopen = move |_| {
        let mut outcome = None;
        let period = id.get_value();
        state.edit_step(|plan| outcome = Some(reopen_period(plan, &period)));
        error.set(match outcome {
            Some(Err(e)) => Some(e.to_string()),
            _ => None,
        });
    };
    let can_reopen =
        Memo::new(move |_| id.with_value(|id| latest_closed.get().as_deref() == Some(id.as_str())));
    move || {
        let Some(p) = period.get() else {
            return ().into_any();
        };
        let Some(closing) = p.closing.clone() else {
            return ().into_any();
        };
        let heading = format!("{} (closed)", p.name);
        let label = heading.clone();
        view! {
            <article class="past-period" aria-label=label data-testid="past-period">
                <h3>{heading}</h3>
                <p class="period-dates">
                    {format!("{} · closed {}", dates(&p), format_date(closing.closed_on))}
                </p>
                <div class="table-wrap" tabindex="0" role="region" aria-label="Scores of the period">
                    <table>
                        <caption>"Goals and their scores"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Goal"</th>
                                <th scope="col">"Score"</th>
                                <th scope="col">"Latest check-in"</th>
                                <th scope="col">"Then"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {closing
                                .results
                                .iter()
                                .map(|r| view! {
                                    <tr data-testid="period-result">
                                        <th scope="row">{r.title.clone()}</th>
                                        <td>{periods::result_line(r)}</td>
                                        <td>{periods::latest_line(r).unwrap_or_else(|| "none".into())}</td>
                                        <td>{r.outcome.label()}</td>
                                    </tr>
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                {
                    let objectives = periods::objective_scores(&closing);
                    (!objectives.is_empty()).then(|| view! {
                        <h4>"By objective"</h4>
                        <ul class="compact-list" data-testid="objective-scores">
                            {objectives.iter().map(|o| view! { <li>{o.line()}</li> }).collect_view()}
                        </ul>
                    })
                }
                <h4>"What worked"</h4>
                <p class="retro">{non_empty(&closing.what_worked)}</p>
                <h4>"What did not work"</h4>
                <p class="retro">{non_empty(&closing.what_did_not)}</p>
                <Show when=move || can_reopen.get()>
                    <button type="button" class="small no-print" on:click=reopen>
                        "Reopen this period"
                    </button>
                </Show>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </article>
        }
        .into_any()
    }
}

fn non_empty(text: &str) -> String {
    if text.trim().is_empty() {
        "Nothing written.".to_string()
    } else {
        text.trim().to_string()
    }
}
