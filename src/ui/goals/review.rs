//! Commitment (with drift), the review schedule, and the effort warnings.

use leptos::prelude::*;

use crate::core::goals::review::{due_review, next_review};
use crate::core::goals::text::format_date;
use crate::core::goals::{self, drift_messages, effort_signal, GoalStatus};
use crate::ui::clock;

use super::{cadence_label, GoalCtx};

#[component]
pub fn Review(ctx: GoalCtx) -> impl IntoView {
    let committed_on =
        Memo::new(move |_| ctx.read(|g| g.commitment.as_ref().map(|c| c.committed_on)));
    let drift = Memo::new(move |_| ctx.read(drift_messages));
    let effort =
        Memo::new(move |_| ctx.read(|g| effort_signal(g).map(|s| s.message(&g.metric.name))));
    let schedule = Memo::new(move |_| {
        let today = clock::today();
        ctx.read(|g| {
            Some((
                g.status,
                due_review(g, today),
                next_review(g, today),
                g.last_reviewed,
                cadence_label(g.cadence),
            ))
        })
    });
    let commit = move |_| {
        let today = clock::today();
        let _ = ctx.run("commit", |plan, id| {
            goals::commit_goal(&mut plan.goals, id, today)
        });
    };
    let mark_reviewed = move |_| {
        let today = clock::today();
        let _ = ctx.run("reviewed", |plan, id| {
            goals::mark_reviewed(&mut plan.goals, id, today)
        });
    };
    view! {
        <section class="card" aria-labelledby="review-title">
            <h2 id="review-title">"Commitment and reviews"</h2>
            <div role="status" class="warnings">
                {move || {
                    effort
                        .get()
                        .map(|m| view! { <p class="banner warn" data-testid="effort-signal">{m}</p> })
                }}
                <Show when=move || !drift.with(|d| d.is_empty())>
                    <div class="banner warn" data-testid="drift">
                        <p>
                            <strong>"Drift from what the team agreed: "</strong>
                            {move || drift.get().join(" ")}
                        </p>
                    </div>
                </Show>
            </div>
            <p>
                {move || match committed_on.get() {
                    Some(d) => format!("Committed on {}: the baseline, target and deadline agreed then are kept, and later edits show as drift.", format_date(d)),
                    None => "Not committed yet. Commit the goal when the team agrees on it: its baseline, target and deadline are frozen, and later edits show as drift in reviews.".to_string(),
                }}
            </p>
            <div class="actions no-print">
                <button class="primary" on:click=commit>
                    {move || if committed_on.get().is_some() { "Commit again with these numbers" } else { "Commit goal" }}
                </button>
            </div>
            {move || {
                schedule
                    .get()
                    .map(|(status, due, next, last, cadence)| {
                        let last = last
                            .map(|d| format!(" Last reviewed {}.", format_date(d)))
                            .unwrap_or_default();
                        if status != GoalStatus::Active {
                            return view! {
                                <p class="hint">{format!("Reviews ({}) are scheduled for active goals only.{last}", cadence.to_lowercase())}</p>
                            }
                                .into_any();
                        }
                        let line = match (due, next) {
                            (Some(d), _) => format!("Review due since {}.", format_date(d)),
                            (None, Some(n)) => format!("Next review: {}.", format_date(n)),
                            (None, None) => "No more reviews are scheduled.".to_string(),
                        };
                        let class = if due.is_some() { "banner warn review-line" } else { "review-line" };
                        view! {
                            <div class=class data-testid="review-line">
                                <p>{format!("{cadence} reviews. {line}{last}")}</p>
                                <button class="no-print" on:click=mark_reviewed>"Mark reviewed"</button>
                            </div>
                        }
                            .into_any()
                    })
            }}
        </section>
    }
}
