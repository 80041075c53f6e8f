//! The curve drawing: x is the member journey, y is commitment. Stage points are sliders:
//! drag them or use the arrow keys to change a stage's commitment level.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::curve::analysis::{shown_bottleneck, NO_BOTTLENECK};
use crate::core::curve::geometry::{
    label_sides, path_d, stage_points, touch_point_markers, Frame, LabelSide, LabelSpan, Point,
};
use crate::core::curve::ops;
use crate::core::curve::{MAX_LEVEL, MIN_LEVEL};
use crate::ui::state::use_app_state;

use super::{display_name, use_curve_ui};

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 380.0;
const PADDING: f64 = 64.0;
/// Keeps the end stages' labels clear of the axis and its tick labels.
const X_INSET: f64 = 36.0;
/// A stage label (name over member count) and its distance from the point.
const LABEL_HEIGHT: f64 = 34.0;
const LABEL_GAP: f64 = 14.0;

fn frame() -> Frame {
    Frame::new(WIDTH, HEIGHT, PADDING).with_x_inset(X_INSET)
}

/// A stage as drawn: where, at what level, and what it says.
#[derive(Clone, Debug, PartialEq)]
struct Drawn {
    id: String,
    name: String,
    members: u64,
    x: f64,
    y: f64,
    level: u8,
    /// Labels of the end stages lean inward so they clear the axis and the edge.
    anchor: &'static str,
    /// Below the point when above would overlap a neighbour's label.
    below: bool,
    /// 1 for the first stage: on a phone the point shows its number, the legend its name.
    number: usize,
}

/// A label's x: end labels lean inward from their point.
fn label_x(x: f64, anchor: &str) -> f64 {
    match anchor {
        "start" => x - 12.0,
        "end" => x + 12.0,
        _ => x,
    }
}

/// A label's rough width: SVG text cannot be measured before it is drawn, and a
/// generous estimate only moves a label below its point a little early.
fn label_span(d: &Drawn) -> LabelSpan {
    let chars = |s: &str| s.chars().count() as f64;
    let width = (chars(&d.name) * 8.6).max(chars(&format!("{} members", d.members)) * 7.0);
    let x = label_x(d.x, d.anchor);
    let (left, right) = match d.anchor {
        "start" => (x, x + width),
        "end" => (x - width, x),
        _ => (x - width / 2.0, x + width / 2.0),
    };
    LabelSpan {
        left,
        right,
        y: d.y,
    }
}

#[component]
pub fn CurveDrawing() -> impl IntoView {
    let state = use_app_state();
    let ui = use_curve_ui();
    // While a point is dragged, its level lives here; the plan changes once, on release.
    let dragging = RwSignal::new(None::<(String, u8)>);
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();

    let drawn = Memo::new(move |_| {
        let drag = dragging.get();
        let mut drawn = state.plan.with(|p| {
            let Some(p) = p.as_ref() else {
                return Vec::new();
            };
            let n = p.curve.stages.len();
            stage_points(&p.curve, frame())
                .into_iter()
                .zip(&p.curve.stages)
                .enumerate()
                .map(|(i, (pt, s))| {
                    let level = match &drag {
                        Some((id, l)) if *id == s.id => *l,
                        _ => pt.level,
                    };
                    Drawn {
                        id: s.id.to_string(),
                        name: display_name(&s.name),
                        members: s.members_now,
                        x: pt.x,
                        y: frame().y_of_level(f64::from(level)),
                        level,
                        anchor: match i {
                            _ if n < 2 => "middle",
                            0 => "start",
                            i if i + 1 == n => "end",
                            _ => "middle",
                        },
                        below: false,
                        number: i + 1,
                    }
                })
                .collect::<Vec<_>>()
        });
        let spans: Vec<LabelSpan> = drawn.iter().map(label_span).collect();
        for (d, side) in drawn
            .iter_mut()
            .zip(label_sides(&spans, LABEL_HEIGHT, LABEL_GAP))
        {
            d.below = side == LabelSide::Below;
        }
        drawn
    });
    let path = Memo::new(move |_| {
        drawn.with(|d| {
            path_d(
                &d.iter()
                    .map(|p| Point { x: p.x, y: p.y })
                    .collect::<Vec<_>>(),
            )
        })
    });
    let markers = Memo::new(move |_| {
        state.plan.with(|p| {
            let Some(p) = p.as_ref() else {
                return Vec::new();
            };
            touch_point_markers(&p.curve, frame())
                .into_iter()
                .filter_map(|m| {
                    let t = p.curve.touch_point(&m.touch_point_id)?;
                    Some((m.touch_point_id, t.name.clone(), m.x, m.y))
                })
                .collect::<Vec<_>>()
        })
    });
    // Where members stall, by the stages' names (its figures are under Distribution).
    let headline = Memo::new(move |_| {
        state.plan.with(|p| {
            let Some(p) = p.as_ref() else {
                return String::new();
            };
            match shown_bottleneck(&p.curve) {
                Some(b) => {
                    let name = |id: &str| {
                        display_name(
                            &p.curve
                                .stage(id)
                                .map(|s| s.name.clone())
                                .unwrap_or_default(),
                        )
                    };
                    format!(
                        "Bottleneck: {} → {}",
                        name(&b.from_stage_id),
                        name(&b.to_stage_id)
                    )
                }
                None => NO_BOTTLENECK.to_string(),
            }
        })
    });
    let summary = Memo::new(move |_| {
        drawn.with(|d| {
            let parts: Vec<String> = d
                .iter()
                .map(|p| format!("{} at level {} with {} members", p.name, p.level, p.members))
                .collect();
            format!(
                "Commitment curve with {} stages: {}. The stage table below has the same figures.",
                d.len(),
                parts.join("; ")
            )
        })
    });

    let level_at = move |client_y: i32| -> Option<u8> {
        let svg = svg_ref.get_untracked()?;
        let rect = svg.get_bounding_client_rect();
        if rect.height() <= 0.0 {
            return None;
        }
        let y = (f64::from(client_y) - rect.top()) / rect.height() * HEIGHT;
        Some(frame().level_at_y(y))
    };
    // One undo step per drag, even for two drags of the same point in a row.
    let commit_drag = move || {
        if let Some((id, level)) = dragging.get_untracked() {
            dragging.set(None);
            state.edit_step(move |plan| {
                ops::set_commitment_level(&mut plan.curve, &id, f64::from(level));
            });
        }
    };

    // A finger on a stage point drags it instead of scrolling the page (see keep_touch_on_points).
    Effect::new(move |_| {
        if let Some(svg) = svg_ref.get() {
            keep_touch_on_points(&svg);
        }
    });

    let y_ticks = [0u8, 25, 50, 75, 100];
    view! {
        <div class="card curve-drawing">
            <h2 id="curve-drawing-title" tabindex="-1">"The curve"</h2>
            <p class="hint no-print" id="curve-drawing-help">
                "Select a stage point to edit it. Drag it up or down, or use the arrow keys, to change its commitment level. "
                "Diamonds are touch points."
            </p>
            <div class="chart-wrap" tabindex="0" role="region" aria-label="Curve drawing">
                <svg
                    node_ref=svg_ref
                    class="chart curve-svg"
                    viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                    role="group"
                    aria-labelledby="curve-drawing-title"
                    aria-describedby="curve-drawing-summary"
                    data-testid="curve-svg"
                >
                    <g class="axes" aria-hidden="true">
                        {y_ticks
                            .iter()
                            .map(|l| {
                                let y = frame().y_of_level(f64::from(*l));
                                view! {
                                    <line class="grid" x1=PADDING y1=y x2=WIDTH - PADDING y2=y />
                                    <text class="tick" x=PADDING - 10.0 y=y + 4.0 text-anchor="end">
                                        {l.to_string()}
                                    </text>
                                }
                            })
                            .collect_view()}
                        <text class="axis-label" x=WIDTH / 2.0 y=HEIGHT - 10.0 text-anchor="middle">
                            "Member journey →"
                        </text>
                        <text
                            class="axis-label"
                            x=16
                            y=HEIGHT / 2.0
                            text-anchor="middle"
                            transform=format!("rotate(-90 16 {})", HEIGHT / 2.0)
                        >
                            "Commitment →"
                        </text>
                    </g>
                    <path class="curve-line" d=move || path.get() fill="none" aria-hidden="true" />
                    <For
                        each=move || markers.get()
                        key=|m| format!("{m:?}")
                        children=move |(_, name, x, y)| {
                            view! {
                                <rect
                                    class="touch-marker"
                                    x=x - 6.0
                                    y=y - 6.0
                                    width="12"
                                    height="12"
                                    transform=format!("rotate(45 {x} {y})")
                                    role="img"
                                    aria-label=format!("Touch point: {name}")
                                />
                            }
                        }
                    />
                    <For
                        each=move || drawn.with(|d| d.iter().map(|p| p.id.to_string()).collect::<Vec<_>>())
                        key=|id| id.clone()
                        children=move |id| {
                            let sid = StoredValue::new(id.clone());
                            let me = Memo::new(move |_| {
                                drawn.with(|d| d.iter().find(|p| p.id == sid.get_value()).cloned())
                            });
                            let x = move || me.with(|m| m.as_ref().map_or(0.0, |m| m.x));
                            let y = move || me.with(|m| m.as_ref().map_or(0.0, |m| m.y));
                            let level = move || me.with(|m| m.as_ref().map_or(0, |m| m.level));
                            let name = move || me.with(|m| m.as_ref().map(|m| m.name.clone()).unwrap_or_default());
                            let members = move || me.with(|m| m.as_ref().map_or(0, |m| m.members));
                            let anchor = move || me.with(|m| m.as_ref().map_or("middle", |m| m.anchor));
                            let lx = move || label_x(x(), anchor());
                            let below = move || me.with(|m| m.as_ref().is_some_and(|m| m.below));
                            let number = move || me.with(|m| m.as_ref().map_or(0, |m| m.number));
                            // Baselines of the name and the count lines, above or below the point.
                            let name_y = move || if below() { y() + LABEL_GAP + 16.0 } else { y() - 34.0 };
                            let count_y = move || if below() { y() + LABEL_GAP + 32.0 } else { y() - 18.0 };
                            let selected = move || ui.chosen.get().as_deref() == Some(sid.get_value().as_str());
                            let on_key = move |ev: leptos::ev::KeyboardEvent| {
                                let current = i32::from(level());
                                let next = match ev.key().as_str() {
                                    "ArrowUp" | "ArrowRight" => current + 1,
                                    "ArrowDown" | "ArrowLeft" => current - 1,
                                    "PageUp" => current + 10,
                                    "PageDown" => current - 10,
                                    "Home" => i32::from(MIN_LEVEL),
                                    "End" => i32::from(MAX_LEVEL),
                                    _ => return,
                                };
                                ev.prevent_default();
                                let id = sid.get_value();
                                ui.select(&id);
                                let key = format!("stage:{id}:level");
                                state.edit(&key, move |plan| {
                                    ops::set_commitment_level(&mut plan.curve, &id, f64::from(next));
                                });
                            };
                            let on_down = move |ev: leptos::ev::PointerEvent| {
                                if ev.button() != 0 {
                                    return;
                                }
                                // Focus first, then select: selecting re-renders the stage
                                // editor, and in erased builds it reuses the form's inputs in
                                // place, so an input still focused there gets the new stage's
                                // value and Chromium scrolls the page to it mid-drag.
                                if let Some(el) = ev
                                    .target()
                                    .and_then(|t| t.dyn_into::<web_sys::SvgElement>().ok())
                                {
                                    let _ = el.focus();
                                    let _ = el.set_pointer_capture(ev.pointer_id());
                                }
                                ui.select(&sid.get_value());
                                dragging.set(Some((sid.get_value(), level())));
                            };
                            let on_move = move |ev: leptos::ev::PointerEvent| {
                                let Some((id, old)) = dragging.get_untracked() else { return };
                                if id != sid.get_value() {
                                    return;
                                }
                                if let Some(l) = level_at(ev.client_y()) {
                                    if l != old {
                                        dragging.set(Some((id, l)));
                                    }
                                }
                            };
                            view! {
                                <g class="stage-point" class:selected=selected>
                                    <text class="stage-label" x=lx y=name_y text-anchor=anchor aria-hidden="true">
                                        {name}
                                    </text>
                                    <text class="stage-count" x=lx y=count_y text-anchor=anchor aria-hidden="true">
                                        {move || format!("{} members", members())}
                                    </text>
                                    <text class="stage-number" x=x y=move || y() - 26.0 text-anchor="middle" aria-hidden="true">
                                        {move || number().to_string()}
                                    </text>
                                    <circle
                                        class="stage-handle"
                                        cx=x
                                        cy=y
                                        r="11"
                                        tabindex="0"
                                        role="slider"
                                        aria-orientation="vertical"
                                        aria-valuemin=MIN_LEVEL.to_string()
                                        aria-valuemax=MAX_LEVEL.to_string()
                                        aria-valuenow=move || level().to_string()
                                        aria-valuetext=move || format!("Commitment level {}", level())
                                        aria-label=move || format!("Commitment level of {}", name())
                                        aria-describedby="curve-drawing-help"
                                        data-stage-id=sid.get_value()
                                        on:keydown=on_key
                                        on:pointerdown=on_down
                                        on:pointermove=on_move
                                        on:pointerup=move |_| commit_drag()
                                        on:pointercancel=move |_| commit_drag()
                                        on:contextmenu=|ev| ev.prevent_default()
                                        on:focus=move |_| ui.select(&sid.get_value())
                                    />
                                </g>
                            }
                        }
                    />
                </svg>
            </div>
            // On a phone the drawing fits the width: its points show numbers, named here, with
            // where members stall (the names and counts are too small to read in the drawing).
            <ol class="curve-legend" data-testid="curve-legend">
                <For
                    each=move || drawn.get()
                    key=|d| (d.id.clone(), d.name.clone(), d.members)
                    children=move |d| {
                        view! {
                            <li>
                                <strong>{d.name}</strong>
                                {format!(" · {} members", d.members)}
                            </li>
                        }
                    }
                />
            </ol>
            <p class="curve-legend-bottleneck" data-testid="drawing-bottleneck">
                {move || headline.get()}
            </p>
            <p class="visually-hidden" id="curve-drawing-summary">
                {move || summary.get()}
            </p>
        </div>
    }
}

thread_local! {
    /// One listener for every drawing: cancels a touch that starts on a stage point.
    static TOUCH_GUARD: wasm_bindgen::closure::Closure<dyn Fn(web_sys::Event)> =
        wasm_bindgen::closure::Closure::new(|ev: web_sys::Event| {
            let on_point = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest(".stage-handle").ok().flatten())
                .is_some();
            if on_point {
                ev.prevent_default();
            }
        });
}

/// Chromium ignores `touch-action` on SVG shapes, so a finger on a stage point would scroll
/// the page and cancel the drag. A touchstart listener that is not passive (Leptos' own
/// listeners are delegated to the document, where touch listeners are passive) cancels the
/// scrolling of touches that start on a point; anywhere else on the drawing, touches scroll.
fn keep_touch_on_points(svg: &web_sys::SvgElement) {
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(false);
    TOUCH_GUARD.with(|guard| {
        let _ = svg.add_event_listener_with_callback_and_add_event_listener_options(
            "touchstart",
            guard.as_ref().unchecked_ref(),
            &options,
        );
    });
}
