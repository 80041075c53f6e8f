//! The live statement preview (missing parts as visible placeholders) and the SMART check.

use leptos::prelude::*;

use crate::core::curve::flows::smart_check_in;
use crate::core::goals::{statement, statement_text, Segment, Verdict};
use crate::ui::clock;

use super::GoalCtx;

#[component]
pub fn StatementPreview(ctx: GoalCtx) -> impl IntoView {
    let segments = Memo::new(move |_| ctx.read(statement));
    let copied = RwSignal::new(None::<String>);
    let copy = move |_| {
        let text = ctx.read(statement_text);
        leptos::task::spawn_local(async move {
            let message = match crate::transfer::copy_text(&text).await {
                Ok(()) => "Statement copied.".to_string(),
                Err(why) => why,
            };
            copied.set(Some(message));
        });
    };
    view! {
        <section class="card statement" aria-labelledby="statement-title">
            <h2 id="statement-title">"Statement"</h2>
            <p class="statement-text" data-testid="statement">
                {move || {
                    segments
                        .get()
                        .into_iter()
                        .map(|s| match s {
                            Segment::Text(t) => view! { <span>{t}</span> }.into_any(),
                            Segment::Missing(label) => {
                                view! {
                                    <span class="missing">
                                        <span class="visually-hidden">"missing: "</span>
                                        {label}
                                    </span>
                                }
                                    .into_any()
                            }
                        })
                        .collect_view()
                }}
            </p>
            <div class="actions no-print">
                <button on:click=copy>"Copy statement"</button>
                <span class="hint" role="status">{move || copied.get()}</span>
            </div>
        </section>
    }
}

#[component]
pub fn SmartPanel(ctx: GoalCtx) -> impl IntoView {
    let check = Memo::new(move |_| {
        let today = clock::today();
        let goal = ctx.goal.get()?;
        ctx.state
            .plan
            .with(|p| p.as_ref().map(|p| smart_check_in(&p.curve, &goal, today)))
    });
    let summary = move || {
        check.with(|c| {
            c.as_ref()
                .map(|c| {
                    if c.passes() {
                        "All five criteria pass.".to_string()
                    } else {
                        format!("{} of 5 criteria pass.", c.passed())
                    }
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="card smart" aria-labelledby="smart-title">
            <h2 id="smart-title">"SMART check"</h2>
            <div role="status" data-testid="smart-check">
                <p class="smart-summary">{summary}</p>
                <ul class="criteria">
                    {move || {
                        check
                            .get()
                            .map(|c| c.criteria)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|c| {
                                let (class, mark) = match c.verdict {
                                    Verdict::Pass => ("criterion pass", "✓"),
                                    Verdict::NeedsWork => ("criterion needs-work", "!"),
                                    Verdict::Missing => ("criterion missing", "○"),
                                };
                                view! {
                                    <li class=class data-criterion=c.criterion.label()>
                                        <div class="criterion-head">
                                            <span class="mark" aria-hidden="true">{mark}</span>
                                            <strong>{c.criterion.label()}</strong>
                                            <span class="verdict">{c.verdict.label()}</span>
                                        </div>
                                        <ul class="messages">
                                            {c.messages
                                                .into_iter()
                                                .filter(|m| !m.is_empty())
                                                .map(|m| view! { <li>{m}</li> })
                                                .collect_view()}
                                        </ul>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </section>
    }
}
