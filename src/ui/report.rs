//! The plan report from a tool's page: who prepared it, which parts go in, and the page to
//! download or print. The core writes it (`core::report`), in a chunk of the wasm of its own
//! that comes when it is first asked for.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::core::audience::{summarise, Part, Selection};
use crate::core::html::standalone_document;
use crate::core::plan::Plan;
use crate::core::report::{plan_report, Report};
use crate::ui::on_demand::{on_demand, NotDownloaded};
use crate::ui::state::use_app_state;
use crate::ui::widgets::{unique_id, TextField};

on_demand!(
    /// The plan report (`core::report::plan_report`) and the page that holds it: the
    /// documents' stylesheet comes with this chunk, not with the tools'.
    report, fn write_report(plan: Plan, selection: Selection, today: NaiveDate) -> (Report, String) {
        let report = plan_report(&plan, &selection, today);
        let page = standalone_document(&report.title, &report.body);
        (report, page)
    }
);

/// The id of the panel's heading, for the pages' section indexes.
pub const REPORT_TITLE_ID: &str = "report-title";
/// The panel's name in the section indexes.
pub const REPORT_SECTION: &str = "Report for readers";

/// What to do with the report once it is written.
#[derive(Clone, Copy, PartialEq)]
enum Out {
    Download,
    Print,
}

#[component]
pub fn ReportPanel() -> impl IntoView {
    let state = use_app_state();
    // Chosen for this report only: the shareable parts in, the author's own out unless ticked.
    let selection = RwSignal::new(Selection::default());
    let status = RwSignal::new(None::<(bool, String)>);
    let busy = RwSignal::new(false);
    let prepared_by = Signal::derive(move || {
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| p.prepared_by.clone())
                .unwrap_or_default()
        })
    });
    let set_prepared_by = Callback::new(move |text: String| {
        state.edit("prepared_by", move |plan| plan.prepared_by = text);
    });
    let parts = Memo::new(move |_| {
        state
            .plan
            .with(|p| p.as_ref().map(summarise).unwrap_or_default())
    });
    let run = move |out: Out| {
        let Some(plan) = state.plan.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let selection = selection.get_untracked();
        let today = crate::ui::clock::today();
        leptos::task::spawn_local(async move {
            let written = write_report(plan.clone(), selection, today).await;
            busy.set(false);
            let result = match written {
                Err(NotDownloaded) => Err(
                    "The report could not be written: this part of Trellis could not be downloaded. Check the connection and try again."
                        .to_string(),
                ),
                Ok((report, page)) => match out {
                    Out::Download => crate::transfer::download(
                        &format!(
                            "{}-report.html",
                            crate::core::schema::file_stem(&plan.name)
                        ),
                        "text/html",
                        &page,
                    )
                    .map(|_| "The report was downloaded as an HTML page.".to_string()),
                    Out::Print => crate::transfer::print_document(&report.body).map(|_| {
                        "The report went to the printer: choose “Save as PDF” there for a PDF."
                            .to_string()
                    }),
                },
            };
            status.set(Some(match result {
                Ok(text) => (true, text),
                Err(text) => (false, text),
            }));
        });
    };
    view! {
        <section class="card report-panel no-print" aria-labelledby=REPORT_TITLE_ID>
            <h2 id=REPORT_TITLE_ID>{REPORT_SECTION}</h2>
            <p class="hint">
                "One readable page of this plan for someone who will not open Trellis: the goals by objective "
                "with their status and forecast, the commitment curve with its bottleneck and the touch points "
                "that address the gap, and the career case if you include the tracks. Download it as a page to "
                "send, or print it (and save it as a PDF)."
            </p>
            <TextField
                label="Prepared by"
                value=prepared_by
                on_change=set_prepared_by
                hint="Shown under the title of the report and the evidence brief, e.g. your name and role."
            />
            <fieldset class="report-parts">
                <legend>"What the report includes"</legend>
                {Part::ALL
                    .into_iter()
                    .map(|part| {
                        let contents = move || {
                            parts.with(|all| {
                                all.iter()
                                    .find(|s| s.part == part)
                                    .map(|s| s.contents.clone())
                                    .unwrap_or_default()
                            })
                        };
                        view! { <PartChoice part selection contents=Signal::derive(contents) /> }
                    })
                    .collect_view()}
            </fieldset>
            <div class="actions">
                <button type="button" class="primary" aria-busy=move || busy.get().to_string() on:click=move |_| run(Out::Download)>
                    "Download the report (HTML)"
                </button>
                <button type="button" aria-busy=move || busy.get().to_string() on:click=move |_| run(Out::Print)>
                    "Print the report"
                </button>
            </div>
            <div role="status">
                {move || status.get().map(|(ok, text)| view! { <p class=if ok { "badge ok" } else { "badge bad" }>{text}</p> })}
            </div>
        </section>
    }
}

/// One part of the plan: ticked or not, what it holds, and for a private part why it is off
/// until ticked.
#[component]
fn PartChoice(
    part: Part,
    selection: RwSignal<Selection>,
    #[prop(into)] contents: Signal<String>,
) -> impl IntoView {
    let id = unique_id("report-part");
    let about_id = format!("{id}-about");
    view! {
        <div class="field checkbox part-choice">
            <input
                id=id.clone()
                type="checkbox"
                aria-describedby=about_id.clone()
                prop:checked=move || selection.with(|s| s.ticked(part))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    selection.update(|s| s.set(part, on));
                }
            />
            <label for=id>{part.label()}</label>
        </div>
        <p class="hint part-reason" id=about_id>
            {move || contents.get()}
            {part.reason().map(|why| format!(". {why}"))}
        </p>
    }
}
