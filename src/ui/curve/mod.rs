//! The Commitment-curve tool: the drawing, stages and touch points, the analysis of where
//! members stall, snapshots over time and exports.

mod activity;
mod analysis;
mod drawing;
mod export;
mod flows;
mod goal_link;
mod problems;
mod reorder;
mod snapshots;
mod stage_editor;
mod stage_list;
mod start;
mod touch_points;

use leptos::prelude::*;

use crate::core::curve::Stage;
use crate::ui::focus::{More, MoreSections};
use crate::ui::section_index::{fixed_sections, IndexedPage};
use crate::ui::state::{use_app_state, AppState};

/// The curve page's sections, by the ids of their headings, for the page's index.
const CURVE_SECTIONS: &[(&str, &str)] = &[
    ("curve-drawing-title", "The curve"),
    ("stage-table-title", "Stages"),
    ("stage-editor-title", "Stage editor"),
    ("touch-points-title", "Touch points"),
    ("distribution-title", "Distribution and conversion"),
    ("curve-warnings-title", "Checks"),
    ("gap-title", "Gap analysis"),
    ("problems-title", "Problem areas"),
    ("snapshots-title", "Snapshots over time"),
    ("curve-export-title", "Export"),
    (
        crate::ui::report::REPORT_TITLE_ID,
        crate::ui::report::REPORT_SECTION,
    ),
    (crate::ui::focus::MORE_TITLE_ID, "More in the curve"),
];

/// What the curve's pieces share: which stage is selected.
#[derive(Clone, Copy)]
pub(crate) struct CurveUi {
    /// The stage the user picked (it may have been deleted since: see `chosen`).
    pub picked: RwSignal<Option<String>>,
    /// The stage the user picked, while it exists; None until one is picked. The table and the
    /// drawing mark it, and the stage editor shows only then (issue 31: the page opens on the
    /// curve's figures, not one stage's form).
    pub chosen: Memo<Option<String>>,
    /// A touch point just added, shown open.
    pub fresh_touch_point: RwSignal<Option<String>>,
    /// Set when a stage was just added: its editor takes the focus once it shows.
    pub focus_editor: RwSignal<bool>,
}

impl CurveUi {
    pub fn select(&self, id: &str) {
        self.picked.set(Some(id.to_string()));
    }
}

pub(crate) fn use_curve_ui() -> CurveUi {
    expect_context::<CurveUi>()
}

#[component]
pub fn CurvePage() -> impl IntoView {
    let state = use_app_state();
    let picked = RwSignal::new(None::<String>);
    let chosen = Memo::new(move |_| {
        state.plan.with(|p| {
            let stages = &p.as_ref()?.curve.stages;
            picked.get().filter(|id| stages.iter().any(|s| &s.id == id))
        })
    });
    provide_context(CurveUi {
        picked,
        chosen,
        fresh_touch_point: RwSignal::new(None),
        focus_editor: RwSignal::new(false),
    });
    let has_stages = Memo::new(move |_| {
        state
            .plan
            .with(|p| p.as_ref().is_some_and(|p| !p.curve.stages.is_empty()))
    });
    // Shown only with a plan open (`ui::tool_routes`).
    view! {
        <section class="tool curve" aria-labelledby="curve-title">
            <h1 id="curve-title">"Commitment curve"</h1>
            <Show when=move || has_stages.get() fallback=start::StartCurve>
                <CurveWorkspace />
            </Show>
        </section>
    }
}

#[component]
fn CurveWorkspace() -> impl IntoView {
    let state = use_app_state();
    crate::ui::focus::provide_focus(crate::core::focus::Tool::Curve, None);
    let source = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| p.curve.source.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <p class="lede curve-intro">
            "Map how members grow from first contact to the core, find where they stall, and plan the touch points that move them."
        </p>
        <Show when=move || !source.get().is_empty()>
            <p class="hint curve-source" data-testid="curve-source">
                "Started from: " {move || source.get()}
            </p>
        </Show>
        <IndexedPage sections=fixed_sections(CURVE_SECTIONS)>
            // The core first, the rest on request (`core::focus`, `ui::focus`).
            <drawing::CurveDrawing />
            <stage_list::StageList />
            <stage_editor::StageEditor />
            <touch_points::TouchPoints />
            <analysis::Distribution />
            <More key="checks"><analysis::Warnings /></More>
            <More key="gaps"><analysis::GapAnalysis /></More>
            <More key="problems"><problems::ProblemAreas /></More>
            <More key="snapshots"><snapshots::Snapshots /></More>
            <More key="export"><export::Exports /></More>
            <More key="report"><crate::ui::report::ReportPanel /></More>
            <More key="start-over"><start::StartOver /></More>
            <MoreSections />
        </IndexedPage>
    }
}

/// Moves the focus to an element once the view has caught up with an edit.
pub(crate) fn focus_by_id(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    });
}

/// Moves the focus to the first text field inside an element (a form just shown).
pub(crate) fn focus_first_input(within: &web_sys::Element) {
    if let Some(input) = within
        .query_selector("input, textarea, select")
        .ok()
        .flatten()
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = input.focus();
    }
}

/// A stage's field as a memo, so a view re-renders only when that field changes.
pub(crate) fn stage_field<T>(
    state: AppState,
    id: String,
    read: impl Fn(&Stage) -> T + Send + Sync + 'static,
) -> Signal<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    plan_memo(state, move |plan| plan.curve.stage(&id).map(&read))
}

/// Something read from the open plan as a memo (the default when there is no plan or no match).
pub(crate) fn plan_memo<T>(
    state: AppState,
    read: impl Fn(&crate::core::plan::Plan) -> Option<T> + Send + Sync + 'static,
) -> Signal<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| {
        state
            .plan
            .with(|p| p.as_ref().and_then(&read).unwrap_or_default())
    })
    .into()
}

/// Each stage's id and shown name, in order, following renames and reorders.
pub(crate) fn stage_names(state: AppState) -> Signal<Vec<(String, String)>> {
    plan_memo(state, |plan| {
        Some(
            plan.curve
                .stages
                .iter()
                .map(|s| (s.id.to_string(), display_name(&s.name)))
                .collect(),
        )
    })
}

/// Changes one stage; `field` keeps typing in one field as one undo step.
pub(crate) fn edit_stage(
    state: AppState,
    id: &str,
    field: &str,
    change: impl FnOnce(&mut Stage) + 'static,
) {
    let sid = id.to_string();
    state.edit(&format!("stage:{id}:{field}"), move |plan| {
        if let Some(stage) = plan.curve.stage_mut(&sid) {
            change(stage);
        }
    });
}

/// The name of a stage for labels ("Untitled stage" when blank).
pub(crate) fn display_name(name: &str) -> String {
    if name.trim().is_empty() {
        "Untitled stage".to_string()
    } else {
        name.to_string()
    }
}

/// A percentage for tables: one decimal, "—" when unknown.
pub(crate) fn pct(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{v:.1}%"),
        _ => "—".to_string(),
    }
}

/// A whole, non-negative count from a number field (None when empty or negative).
pub(crate) fn count_from(value: Option<f64>) -> u64 {
    value
        .filter(|v| v.is_finite() && *v > 0.0)
        .map(|v| v.round().min(u64::MAX as f64) as u64)
        .unwrap_or(0)
}
