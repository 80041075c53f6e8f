//! The routes of the three tools, each loaded only when it is opened (issue 16): the build
//! (scripts/split-wasm.mjs) splits the wasm at each `wasm_split` function below, so a first visit
//! to `/` downloads the shell and the plans page, and a tool's code arrives when its page opens.
//! Until it has, the route shows the tool's heading and a placeholder, in the places the page's
//! static shell had them; if it cannot arrive (offline before the first full visit), it says so.

use leptos::prelude::*;

use crate::ui::career::CareerPage;
use crate::ui::curve::CurvePage;
use leptos::__reexports::send_wrapper::SendWrapper;

use crate::ui::deploys::{after_missing_chunk, AfterMissingChunk};
use crate::ui::goals::GoalsPage;
use crate::ui::on_demand::{on_demand, NotDownloaded};
use crate::ui::shell::NoPlanOpen;
use crate::ui::state::use_app_state;

/// The id of the placeholder's heading: while it is on the page, the route waits for its chunk.
pub const LOADING_ID: &str = "tool-loading-title";

on_demand!(
    goals,
    fn goals_page() -> AnyView {
        view! { <GoalsPage /> }.into_any()
    }
);
on_demand!(
    curve,
    fn curve_page() -> AnyView {
        view! { <CurvePage /> }.into_any()
    }
);
on_demand!(
    career,
    fn career_page() -> AnyView {
        view! { <CareerPage /> }.into_any()
    }
);

#[component]
pub fn GoalsRoute() -> impl IntoView {
    tool_route("Goals", goals_page)
}

#[component]
pub fn CurveRoute() -> impl IntoView {
    tool_route("Commitment curve", curve_page)
}

#[component]
pub fn CareerRoute() -> impl IntoView {
    tool_route("Career", career_page)
}

/// With no plan open a tool has nothing to show but the way to one, so its code is not
/// fetched: a first visit to a tool's address (no plan is stored yet) needs only the main
/// module. The tool's code comes when a plan is open.
fn tool_route<F>(heading: &'static str, page: fn() -> F) -> impl IntoView
where
    F: std::future::Future<Output = Result<AnyView, NotDownloaded>> + Send + 'static,
{
    let state = use_app_state();
    let has_plan = move || state.plan.with(|p| p.is_some());
    let tool = move || {
        view! {
            <Suspense fallback=move || view! { <ToolPlaceholder heading status="Opening this tool…" /> }>
                {Suspend::new(async move {
                    let page = page().await;
                    crate::announce_interactive();
                    let status = match page {
                        Ok(page) => return page,
                        // A deploy since this tab opened may have taken the chunk from the host.
                        Err(NotDownloaded) => match SendWrapper::new(after_missing_chunk(state)).await {
                            AfterMissingChunk::SameBuild => {
                                "This tool could not be downloaded. Check the connection and reload the page."
                            }
                            AfterMissingChunk::Reloading => "Opening the new version of Trellis…",
                            AfterMissingChunk::UnsavedEdits => {
                                "Trellis was updated since this tab opened, and this tool is only in the new version. Your last edits are not saved yet (see the message above): save or export them, then reload the page."
                            }
                        },
                    };
                    view! { <ToolPlaceholder heading status /> }.into_any()
                })}
            </Suspense>
        }
    };
    view! {
        <Show when=has_plan fallback=move || view! { <NoPlanTool heading /> }>
            {tool}
        </Show>
    }
}

/// A tool's page with no plan open, as the tool itself shows it (`ui::shell::NoPlanOpen`).
#[component]
fn NoPlanTool(heading: &'static str) -> impl IntoView {
    view! {
        <section class="tool" aria-labelledby="no-plan-tool-title">
            <h1 id="no-plan-tool-title">{heading}</h1>
            <NoPlanOpen />
        </section>
    }
}

/// The tool's heading and a placeholder, with the classes of the static shell's
/// (scripts/shell.mjs), so nothing moves between the shell, this and the tool.
#[component]
fn ToolPlaceholder(heading: &'static str, status: &'static str) -> impl IntoView {
    view! {
        <section class="tool" aria-labelledby=LOADING_ID>
            <h1 id=LOADING_ID>{heading}</h1>
            <p class="shell-status" role="status">{status}</p>
            <div class="shell-placeholder" aria-hidden="true"></div>
        </section>
    }
}
