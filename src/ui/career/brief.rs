//! The evidence brief: Markdown to download or copy and bring to a manager or HR.

use leptos::prelude::*;

use super::career_ctx;
use crate::core::career::brief::{
    evidence_brief, goal_citation, BriefRequest, Disclosure, CURRENT_PAY_REASON,
};
use crate::core::career::scope_check::scope_check;
use crate::core::schema::file_stem;
use crate::ui::state::use_app_state;
use crate::ui::widgets::CheckboxField;

#[component]
pub fn BriefExport() -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let status = RwSignal::new(None::<(bool, String)>);
    // Chosen for this brief only: current pay is never disclosed unless switched on here.
    let disclose = RwSignal::new(Disclosure::default());
    let request = Memo::new(move |_| {
        let disclose = disclose.get();
        career.with(|c| {
            c.proposed_level_id
                .clone()
                .filter(|id| c.level(id).is_some())
                .map(|level_id| BriefRequest {
                    level_id: level_id.to_string(),
                    assessment_id: c.self_assessments.first().map(|a| a.id.to_string()),
                    disclose,
                    scope: None,
                    value: None,
                })
        })
    });
    // Built on demand: the brief is the longest text on the page.
    let build = move || -> Option<String> {
        let mut request = request.get_untracked()?;
        state.plan.with_untracked(|p| {
            p.as_ref().map(|p| {
                request.scope = scope_check(p, &request.level_id);
                request.value = Some(crate::core::value::plan_value(p, crate::ui::clock::today()));
                evidence_brief(&p.career, &request, &|id| goal_citation(&p.goals, id))
            })
        })
    };
    let download = move |_| {
        let Some(text) = build() else { return };
        let name = state
            .plan
            .with_untracked(|p| p.as_ref().map(|p| file_stem(&p.name)).unwrap_or_default());
        let result =
            crate::transfer::download(&format!("{name}-evidence-brief.md"), "text/markdown", &text);
        status.set(Some(match result {
            Ok(()) => (true, "The brief was downloaded as a Markdown file.".into()),
            Err(e) => (false, e),
        }));
    };
    let copy = move |_| {
        let Some(text) = build() else { return };
        leptos::task::spawn_local(async move {
            status.set(Some(match crate::transfer::copy_text(&text).await {
                Ok(()) => (true, "The brief was copied to the clipboard.".into()),
                Err(e) => (false, e),
            }));
        });
    };
    let preview = RwSignal::new(None::<String>);
    let toggle = move |_| {
        preview.set(if preview.with_untracked(|p| p.is_some()) {
            None
        } else {
            build()
        });
    };
    let ready = move || request.with(|r| r.is_some());
    let switch =
        move |label: &'static str, get: fn(&Disclosure) -> bool, set: fn(&mut Disclosure, bool)| {
            view! {
                <CheckboxField
                    label=label
                    checked=Signal::derive(move || disclose.with(get))
                    on_change=Callback::new(move |on: bool| {
                        disclose.update(|d| set(d, on));
                        // An open preview follows the switches.
                        if preview.with_untracked(|p| p.is_some()) {
                            preview.set(build());
                        }
                    })
                />
            }
        };
    view! {
        <section class="card" aria-labelledby="career-brief-title">
            <h2 id="career-brief-title">"Evidence brief"</h2>
            <p class="hint">
                "A Markdown summary of the comparison, the work in this plan against the title, the pay, "
                "parity gaps and your evidence, "
                "with the source and year of every figure, to bring to your manager or HR."
            </p>
            <Show when=ready fallback=|| view! { <p class="hint">"Choose the proposed role at the top to write a brief."</p> }>
                <fieldset class="brief-disclosure no-print">
                    <legend>"Pay this brief discloses"</legend>
                    {switch("Include my current pay", |d| d.current_pay, |d, on| d.current_pay = on)}
                    <p class="hint" data-testid="current-pay-reason">{CURRENT_PAY_REASON}</p>
                    {switch("Include offers", |d| d.offers, |d, on| d.offers = on)}
                    {switch("Include targets", |d| d.targets, |d, on| d.targets = on)}
                </fieldset>
                <div class="actions no-print">
                    <button type="button" class="primary" on:click=download>"Download the brief (Markdown)"</button>
                    <button type="button" on:click=copy>"Copy the brief"</button>
                </div>
                <button type="button" class="small no-print" aria-expanded=move || if preview.with(|p| p.is_some()) { "true" } else { "false" } on:click=toggle>
                    {move || if preview.with(|p| p.is_some()) { "Hide the preview" } else { "Preview the brief" }}
                </button>
                {move || preview.get().map(|text| view! { <pre class="brief-preview" tabindex="0" role="region" aria-label="Evidence brief preview" data-testid="brief-preview">{text}</pre> })}
            </Show>
            <div role="status" class="brief-status">
                {move || status.get().map(|(ok, text)| view! { <p class=if ok { "badge ok" } else { "badge bad" }>{text}</p> })}
            </div>
        </section>
    }
}
