//! Starting a curve: from a well-known model, from a participation distribution scaled
//! to the community, or blank. Replacing a curve that has stages asks first.

use leptos::prelude::*;

use crate::core::curve::distribution::Distribution;
use crate::core::curve::ops;
use crate::core::curve::templates::{templates, TemplateInfo, TemplateKind};
use crate::core::edits::{apply_template_everywhere, start_from_distribution_everywhere};
use crate::core::plan::Plan;
use crate::ui::state::use_app_state;
use crate::ui::widgets::{NumberField, SelectField};

use super::count_from;

#[derive(Clone, Copy, PartialEq)]
enum Choice {
    Template(TemplateKind),
    Distribution(Distribution, u64),
}

/// Replaces the curve; goals linked to the replaced curve's stages keep their text but lose
/// the link.
fn apply(plan: &mut Plan, choice: Choice) {
    match choice {
        Choice::Template(TemplateKind::Blank) => {
            apply_template_everywhere(plan, TemplateKind::Blank);
            ops::add_stage(plan, "First stage", None);
        }
        Choice::Template(kind) => {
            apply_template_everywhere(plan, kind);
        }
        Choice::Distribution(dist, size) => {
            start_from_distribution_everywhere(plan, dist, size);
        }
    }
}

/// The empty curve: every way to start.
#[component]
pub fn StartCurve() -> impl IntoView {
    let state = use_app_state();
    let ui = super::use_curve_ui();
    let start = Callback::new(move |choice: Choice| {
        state.edit("curve:start", move |plan| apply(plan, choice));
        // A blank curve's one stage is the next thing to fill in: its editor opens.
        if choice == Choice::Template(TemplateKind::Blank) {
            let first = state.plan.with_untracked(|p| {
                p.as_ref()
                    .and_then(|p| p.curve.stages.first().map(|s| s.id.to_string()))
            });
            if let Some(id) = first {
                ui.select(&id);
            }
        }
        // The button that started it is gone: carry on from the top of the new curve.
        super::focus_by_id("curve-drawing-title");
    });
    view! {
        <div class="empty-state curve-start" data-testid="curve-start">
            <h2>"Start your commitment curve"</h2>
            <p>
                "A commitment curve maps the member journey from first contact to the core of the community. "
                "Start from a well-known model and adapt it, from a participation distribution scaled to your community, or from a blank curve."
            </p>
            <StartChoices start />
        </div>
    }
}

#[component]
fn StartChoices(start: Callback<Choice>) -> impl IntoView {
    view! {
        <h3>"From a model"</h3>
        <ul class="template-list" aria-label="Curve templates">
            {templates()
                .into_iter()
                .map(|info| view! { <TemplateCard info start /> })
                .collect_view()}
        </ul>
        <DistributionStart start />
    }
}

#[component]
fn TemplateCard(info: TemplateInfo, start: Callback<Choice>) -> impl IntoView {
    let kind = info.kind;
    let stages = if info.stage_names.is_empty() {
        "No stages: add your own.".to_string()
    } else {
        info.stage_names.join(" → ")
    };
    let button = if kind == TemplateKind::Blank {
        "Start blank".to_string()
    } else {
        format!("Use {}", info.name)
    };
    view! {
        <li class="card template-card">
            <h4>{info.name}</h4>
            <p class="template-stages">{stages}</p>
            {(kind != TemplateKind::Blank && !info.source.is_empty())
                .then(|| view! { <p class="hint">"Source: " {info.source}</p> })}
            <button class="primary small" on:click=move |_| start.run(Choice::Template(kind))>
                {button}
            </button>
        </li>
    }
}

#[component]
fn DistributionStart(start: Callback<Choice>) -> impl IntoView {
    let dist = RwSignal::new("nielsen".to_string());
    let size = RwSignal::new(Some(1000.0));
    let go = move |_| {
        let d = if dist.get_untracked() == "orbit" {
            Distribution::Orbit
        } else {
            Distribution::NinetyNineOne
        };
        start.run(Choice::Distribution(d, count_from(size.get_untracked())));
    };
    view! {
        <h3>"From a participation distribution"</h3>
        <p class="hint">
            "Most communities follow participation inequality: most members watch, a few contribute, very few lead. "
            "This fills in members per stage for a community of your size; adjust them afterwards."
        </p>
        <div class="field-row">
            <SelectField
                label="Distribution"
                options=vec![
                    ("nielsen".to_string(), Distribution::NinetyNineOne.label().to_string()),
                    ("orbit".to_string(), Distribution::Orbit.label().to_string()),
                ]
                value=dist
                on_change=Callback::new(move |v| dist.set(v))
            />
            <NumberField
                label="Community size (members)"
                value=size
                on_change=Callback::new(move |v| size.set(v))
                min=0.0
                step="1"
            />
        </div>
        <div class="actions">
            <button on:click=go>"Start from this distribution"</button>
        </div>
    }
}

/// On a curve with stages: start over, after confirming (Undo brings the old curve back).
#[component]
pub fn StartOver() -> impl IntoView {
    let state = use_app_state();
    let pending = RwSignal::new(None::<Choice>);
    let stage_count = Memo::new(move |_| {
        state
            .plan
            .with(|p| p.as_ref().map_or(0, |p| p.curve.stages.len()))
    });
    let ask = Callback::new(move |choice: Choice| pending.set(Some(choice)));
    let confirm = move |_| {
        if let Some(choice) = pending.get_untracked() {
            state.edit("curve:start", move |plan| apply(plan, choice));
            state.notify(
                "Started a new curve. Undo brings the previous one back.".into(),
                None,
            );
        }
        pending.set(None);
    };
    view! {
        <details class="card no-print start-over">
            <summary>"Start over from a model or distribution"</summary>
            <Show
                when=move || pending.get().is_some()
                fallback=move || view! { <StartChoices start=ask /> }
            >
                <div class="banner warn" role="alert">
                    <p>
                        {move || {
                            format!(
                                "This replaces the current curve ({} stages, its touch points, problem areas and snapshots). You can undo it.",
                                stage_count.get(),
                            )
                        }}
                    </p>
                    <button class="danger" on:click=confirm>"Replace the curve"</button>
                    <button on:click=move |_| pending.set(None)>"Keep the current curve"</button>
                </div>
            </Show>
        </details>
    }
}
