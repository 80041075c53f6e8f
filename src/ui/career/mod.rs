//! The Career tool: tracks, levels and pay compared side by side, to show whether a
//! community role is being bucketed into a lower-paid track.

mod assessment;
mod band;
mod brief;
mod compare;
mod evidence;
mod fields;
mod ladder;
mod other_plans;
mod pay;
mod scope;
mod start;
mod tracks;

use leptos::prelude::*;

use crate::core::career::{Career, Level, Track};
use crate::core::plan::Plan;
use crate::ui::focus::{More, MoreSections};
use crate::ui::section_index::{fixed_sections, IndexedPage};
use crate::ui::state::{use_app_state, AppState};

/// The worksheet's sections, by the ids of their headings, for the page's index.
const CAREER_SECTIONS: &[(&str, &str)] = &[
    ("career-proposed-title", "The role under discussion"),
    ("career-bucketing-title", "Bucketing check"),
    ("career-scope-title", "The work against the title"),
    ("career-side-title", "Side by side"),
    ("career-pay-title", "Pay"),
    ("career-rates-title", "Exchange rates"),
    ("career-parity-title", "Parity across tracks"),
    ("career-assess-title", "Self-assessment"),
    ("career-brief-title", "Evidence brief"),
    (
        crate::ui::report::REPORT_TITLE_ID,
        crate::ui::report::REPORT_SECTION,
    ),
    ("career-tracks-title", "Tracks and levels"),
    ("career-add-title", "Add a track"),
    ("career-ladder-title", "Bring your own ladder"),
    (crate::ui::focus::MORE_TITLE_ID, "More in Career"),
];

#[component]
pub fn CareerPage() -> impl IntoView {
    // Shown only with a plan open (`ui::tool_routes`).
    view! {
        <section class="tool career" aria-labelledby="career-title">
            <h1 id="career-title">"Career"</h1>
            <Worksheet />
        </section>
    }
}

/// The worksheet of the open plan, read once per change of the career part only.
pub(crate) fn use_career() -> Memo<Career> {
    let state = use_app_state();
    Memo::new(move |_| {
        state
            .plan
            .with(|p| p.as_ref().map(|p| p.career.clone()).unwrap_or_default())
    })
}

#[component]
fn Worksheet() -> impl IntoView {
    let career = use_career();
    provide_context(career);
    crate::ui::focus::provide_focus(crate::core::focus::Tool::Career, None);
    provide_context(MarkedPay(RwSignal::new(None)));
    let empty = move || career.with(|c| c.tracks.is_empty());
    view! {
        <p class="lede">
            "Put the role you are offered next to the roles it is comparable with. Community "
            "roles are often bucketed into lower-paid tracks; this worksheet lines the levels up "
            "by rank so the titles, scope, behaviours and pay can be compared with their sources."
        </p>
        <Show when=move || !empty() fallback=start::EmptyWorksheet>
            <IndexedPage sections=fixed_sections(CAREER_SECTIONS)>
                // The core first, the rest on request (`core::focus`, `ui::focus`).
                <compare::ProposedRole />
                <compare::BucketingPanel />
                <More key="scope"><scope::ScopeCheckPanel /></More>
                <compare::SideBySide />
                <More key="pay"><pay::PayRecords /></More>
                <More key="rates"><pay::ExchangeRates /></More>
                <More key="parity"><assessment::Parity /></More>
                <assessment::SelfAssessments />
                <brief::BriefExport />
                <More key="report"><crate::ui::report::ReportPanel /></More>
                <More key="tracks"><tracks::TrackEditor /></More>
                <More key="add"><start::AddTracks /></More>
                <More key="ladder"><ladder::LadderImport /></More>
                <MoreSections />
            </IndexedPage>
        </Show>
    }
}

/// Moves the focus to the first field inside an element (a form just shown).
pub(crate) fn focus_first_field(within: &web_sys::HtmlElement) {
    use wasm_bindgen::JsCast;
    if let Some(input) = within
        .query_selector("input, textarea, select")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = input.focus();
    }
}

pub(crate) fn career_ctx() -> Memo<Career> {
    expect_context::<Memo<Career>>()
}

/// Changes the worksheet through the app's undoable edit.
pub(crate) fn edit_career(state: AppState, key: &str, change: impl FnOnce(&mut Career)) {
    state.edit(key, move |plan: &mut Plan| change(&mut plan.career));
}

pub(crate) fn edit_track(
    state: AppState,
    track_id: &str,
    key: &str,
    change: impl FnOnce(&mut Track),
) {
    let id = track_id.to_string();
    edit_career(state, key, move |c| {
        if let Some(t) = c.tracks.iter_mut().find(|t| t.id == id) {
            change(t);
        }
    });
}

pub(crate) fn edit_level(
    state: AppState,
    level_id: &str,
    key: &str,
    change: impl FnOnce(&mut Level),
) {
    let id = level_id.to_string();
    edit_career(state, key, move |c| {
        if let Some(l) = c
            .tracks
            .iter_mut()
            .flat_map(|t| t.levels.iter_mut())
            .find(|l| l.id == id)
        {
            change(l);
        }
    });
}

/// Every level as (id, "Track · CODE Title"), in track order, for pickers.
pub(crate) fn level_options(career: &Career) -> Vec<(String, String)> {
    career
        .tracks
        .iter()
        .flat_map(|t| {
            let mut levels: Vec<&Level> = t.levels.iter().collect();
            levels.sort_by_key(|l| l.rank);
            levels
                .into_iter()
                .map(move |l| (l.id.to_string(), level_label(t, l)))
        })
        .collect()
}

pub(crate) fn level_label(track: &Track, level: &Level) -> String {
    let title = if level.title.trim().is_empty() {
        "Untitled level"
    } else {
        level.title.trim()
    };
    let name = if track.name.trim().is_empty() {
        "Untitled track"
    } else {
        track.name.trim()
    };
    if level.code.trim().is_empty() {
        format!("{name} · {title}")
    } else {
        format!("{name} · {} {title}", level.code.trim())
    }
}

/// Which compensation record the chart marks and the brief writes up; None picks one.
#[derive(Clone, Copy)]
pub(crate) struct MarkedPay(pub RwSignal<Option<String>>);

/// The record to mark: the one chosen, else the first at the proposed level, else the first.
pub(crate) fn marked_record(career: &Career, chosen: Option<&str>) -> Option<String> {
    if let Some(id) = chosen.filter(|id| career.comp_record(id).is_some()) {
        return Some(id.to_string());
    }
    let proposed = career.proposed_level_id.as_deref();
    career
        .comp_records
        .iter()
        .find(|r| r.level_id.is_some() && r.level_id.as_deref() == proposed)
        .or(career.comp_records.first())
        .map(|r| r.id.to_string())
}
