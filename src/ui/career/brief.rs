//! The evidence brief: a readable document (preview, HTML download, print) and its Markdown
//! (download, copy), to bring to a manager or HR. The author's current pay, offers, targets
//! and self-assessment go in only when ticked here, for this brief.

use leptos::prelude::*;

use super::career_ctx;
use crate::core::audience::{Part, Selection};
use crate::core::career::brief::{
    brief_html_body, brief_title, evidence_brief, goal_citation, BriefRequest, BRIEF_PRIVATE_PARTS,
};
use crate::core::career::scope_check::scope_check;
use crate::core::html::standalone_document;
use crate::core::schema::file_stem;
use crate::ui::state::use_app_state;
use crate::ui::widgets::unique_id;

/// The brief's Markdown and its title, written from the plan as it is now.
struct Written {
    title: String,
    markdown: String,
}

#[component]
pub fn BriefExport() -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let status = RwSignal::new(None::<(bool, String)>);
    // Chosen for this brief only: nothing of the author's own goes unless ticked here.
    let selection = RwSignal::new(Selection::default());
    let level = Memo::new(move |_| {
        career.with(|c| {
            c.proposed_level_id
                .clone()
                .filter(|id| c.level(id).is_some())
                .map(|id| id.to_string())
        })
    });
    // Reads the whole plan (tracked): called from a reactive view, it follows every edit.
    let write = move || -> Option<Written> {
        let level_id = level.get()?;
        let selection = selection.get();
        let today = crate::ui::clock::today();
        state.plan.with(|p| {
            p.as_ref().map(|p| {
                let request = BriefRequest {
                    assessment_id: p.career.self_assessments.first().map(|a| a.id.to_string()),
                    selection,
                    scope: scope_check(p, &level_id),
                    value: Some(crate::core::value::plan_value(p, today)),
                    prepared_by: p.prepared_by.clone(),
                    as_of: Some(today),
                    level_id,
                    ..BriefRequest::default()
                };
                Written {
                    title: brief_title(&p.career, &request),
                    markdown: evidence_brief(&p.career, &request, &|id| {
                        goal_citation(&p.goals, id)
                    }),
                }
            })
        })
    };
    let write_now = move || untrack(write);
    let stem = move || {
        state
            .plan
            .with_untracked(|p| p.as_ref().map(|p| file_stem(&p.name)).unwrap_or_default())
    };
    let report = move |result: Result<(), String>, done: &str| {
        status.set(Some(match result {
            Ok(()) => (true, done.to_string()),
            Err(e) => (false, e),
        }));
    };
    let download_html = move |_| {
        let Some(w) = write_now() else { return };
        let page = standalone_document(&w.title, &brief_html_body(&w.markdown, 0));
        report(
            crate::transfer::download(
                &format!("{}-evidence-brief.html", stem()),
                "text/html",
                &page,
            ),
            "The brief was downloaded as an HTML page.",
        );
    };
    let print = move |_| {
        let Some(w) = write_now() else { return };
        report(
            crate::transfer::print_document(&brief_html_body(&w.markdown, 0)),
            "The brief went to the printer: choose “Save as PDF” there for a PDF.",
        );
    };
    let download_md = move |_| {
        let Some(w) = write_now() else { return };
        report(
            crate::transfer::download(
                &format!("{}-evidence-brief.md", stem()),
                "text/markdown",
                &w.markdown,
            ),
            "The brief was downloaded as a Markdown file.",
        );
    };
    let copy = move |_| {
        let Some(w) = write_now() else { return };
        leptos::task::spawn_local(async move {
            status.set(Some(match crate::transfer::copy_text(&w.markdown).await {
                Ok(()) => (
                    true,
                    "The brief was copied to the clipboard as Markdown.".into(),
                ),
                Err(e) => (false, e),
            }));
        });
    };
    let preview_open = RwSignal::new(false);
    let ready = move || level.with(|l| l.is_some());
    view! {
        <section class="card" aria-labelledby="career-brief-title">
            <h2 id="career-brief-title">"Evidence brief"</h2>
            <p class="hint">
                "The case for the role to bring to your manager or HR: it opens with the finding "
                "(the bucketing check and the work in this plan against the title), then the evidence, "
                "with the source and year of every figure. A readable page to send or print, or Markdown to paste."
            </p>
            <Show when=ready fallback=|| view! { <p class="hint">"Choose the proposed role at the top to write a brief."</p> }>
                <fieldset class="brief-disclosure no-print">
                    <legend>"What of your own this brief includes"</legend>
                    {BRIEF_PRIVATE_PARTS
                        .into_iter()
                        .map(|part| view! { <PartSwitch part selection /> })
                        .collect_view()}
                </fieldset>
                <div class="actions no-print">
                    <button type="button" class="primary" on:click=download_html>"Download the brief (HTML)"</button>
                    <button type="button" on:click=print>"Print the brief"</button>
                    <button type="button" on:click=download_md>"Download the brief (Markdown)"</button>
                    <button type="button" on:click=copy>"Copy the brief"</button>
                </div>
                <button
                    type="button"
                    class="small no-print"
                    aria-expanded=move || if preview_open.get() { "true" } else { "false" }
                    on:click=move |_| preview_open.update(|o| *o = !*o)
                >
                    {move || if preview_open.get() { "Hide the preview" } else { "Preview the brief" }}
                </button>
                // While open, the preview follows the plan and the switches.
                {move || {
                    preview_open
                        .get()
                        .then(write)
                        .flatten()
                        .map(|w| {
                            view! {
                                <div
                                    class="document-preview"
                                    tabindex="0"
                                    role="region"
                                    aria-label="Evidence brief preview"
                                    data-testid="brief-preview"
                                    inner_html=brief_html_body(&w.markdown, 0)
                                ></div>
                            }
                        })
                }}
            </Show>
            <div role="status" class="brief-status">
                {move || status.get().map(|(ok, text)| view! { <p class=if ok { "badge ok" } else { "badge bad" }>{text}</p> })}
            </div>
        </section>
    }
}

/// A switch for one private part, with the reason it is off until ticked.
#[component]
pub fn PartSwitch(part: Part, selection: RwSignal<Selection>) -> impl IntoView {
    let id = unique_id("part");
    let hint_id = format!("{id}-why");
    let label = format!("Include {}", lowercase_first(part.label()));
    view! {
        <div class="field checkbox part-switch">
            <input
                id=id.clone()
                type="checkbox"
                aria-describedby=part.reason().map(|_| hint_id.clone())
                prop:checked=move || selection.with(|s| s.ticked(part))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    selection.update(|s| s.set(part, on));
                }
            />
            <label for=id>{label}</label>
        </div>
        {part
            .reason()
            .map(|why| view! { <p class="hint part-reason" id=hint_id data-testid=format!("{}-reason", slug(part))>{why}</p> })}
    }
}

/// "current-pay": a private part's name in test ids.
fn slug(part: Part) -> &'static str {
    match part {
        Part::CurrentPay => "current-pay",
        Part::Offers => "offers",
        Part::Targets => "targets",
        Part::SelfAssessment => "self-assessment",
        Part::Goals => "goals",
        Part::Curve => "curve",
        Part::Tracks => "tracks",
        Part::Unknown(_) => "unknown",
    }
}

/// "My current pay" → "my current pay".
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
