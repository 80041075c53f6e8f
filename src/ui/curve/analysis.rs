//! Where members stall: warnings, distribution and conversion, and the gap analysis.

use leptos::prelude::*;

use crate::core::curve::analysis::{shown_bottleneck, Conversion, NO_BOTTLENECK};
use crate::core::curve::flows::flow_bottleneck_note;
use crate::core::curve::warnings::checks_summary;
use crate::core::curve::{
    bottleneck, conversions, gap_table, shares, warnings, Basis, WarningKind,
};
use crate::core::value::{value_lines, Subject};
use crate::ui::state::use_app_state;

use super::goal_link::{CreateGoalButton, GoalSource};
use super::{display_name, pct};

#[component]
pub fn Warnings() -> impl IntoView {
    let state = use_app_state();
    let list = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    warnings(&p.curve)
                        .into_iter()
                        .map(|w| (w.kind, w.message))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // When there is nothing to warn about, what the checks say comes with its tone from the
    // core: neutral beside a bottleneck, never a green "no problems" above a red one.
    let quiet = Memo::new(move |_| {
        state
            .plan
            .with(|p| p.as_ref().and_then(|p| checks_summary(&p.curve)))
    });
    let label = |kind: WarningKind| match kind {
        WarningKind::TransitionWithoutTouchPoint => "No touch point",
        WarningKind::TouchPointWithoutDataPoint => "No data point",
        WarningKind::EffortJump => "Effort jump",
        WarningKind::Participation => "Participation",
    };
    view! {
        <div class="card curve-warnings">
            <h2 id="curve-warnings-title" tabindex="-1">"Checks"</h2>
            <div role="status" aria-labelledby="curve-warnings-title" data-testid="curve-warnings">
                <Show
                    when=move || list.with(|l| !l.is_empty())
                    fallback=move || {
                        quiet
                            .get()
                            .map(|f| view! { <p class=f.tone.banner_class() data-testid="checks-summary">{f.text}</p> })
                    }
                >
                    <ul class="warning-list">
                        <For
                            each=move || list.get()
                            key=|w| w.1.clone()
                            children=move |(kind, message)| {
                                view! {
                                    <li>
                                        <span class="badge warn">{label(kind)}</span>
                                        " "
                                        {message}
                                    </li>
                                }
                            }
                        />
                    </ul>
                </Show>
            </div>
        </div>
    }
}

#[derive(Clone, Debug, PartialEq)]
struct DistRow {
    name: String,
    now: u64,
    target: u64,
    share_now: Option<f64>,
    share_target: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
struct ConvRow {
    from: String,
    to: String,
    now: Option<f64>,
    target: Option<f64>,
    bottleneck_now: bool,
    bottleneck_target: bool,
}

fn same(a: &Option<Conversion>, c: &Conversion) -> bool {
    a.as_ref()
        .is_some_and(|b| b.from_stage_id == c.from_stage_id && b.to_stage_id == c.to_stage_id)
}

#[component]
pub fn Distribution() -> impl IntoView {
    let state = use_app_state();
    let figures = Memo::new(move |_| {
        state.plan.with(|p| {
            let Some(p) = p.as_ref() else {
                return (Vec::new(), Vec::new(), None, None);
            };
            let c = &p.curve;
            let name =
                |id: &str| display_name(&c.stage(id).map(|s| s.name.clone()).unwrap_or_default());
            let now = shares(c, Basis::Now);
            let target = shares(c, Basis::Target);
            let dist: Vec<DistRow> = now
                .iter()
                .zip(&target)
                .map(|(n, t)| DistRow {
                    name: name(&n.stage_id),
                    now: n.members,
                    target: t.members,
                    share_now: n.share_pct,
                    share_target: t.share_pct,
                })
                .collect();
            let b_now = bottleneck(c, Basis::Now);
            let b_target = bottleneck(c, Basis::Target);
            let conv: Vec<ConvRow> = conversions(c, Basis::Now)
                .iter()
                .zip(conversions(c, Basis::Target))
                .map(|(n, t)| ConvRow {
                    from: name(&n.from_stage_id),
                    to: name(&n.to_stage_id),
                    now: n.rate_pct,
                    target: t.rate_pct,
                    bottleneck_now: same(&b_now, n),
                    bottleneck_target: same(&b_target, &t),
                })
                .collect();
            // With flows, the bottleneck is where the observed rate of moving up is lowest.
            let headline = shown_bottleneck(c).map(|b| b.headline);
            (dist, conv, headline, flow_bottleneck_note(c))
        })
    });
    // Bars are scaled to the largest count, now or target.
    let max = Memo::new(move |_| {
        figures.with(|f| {
            f.0.iter()
                .map(|r| r.now.max(r.target))
                .max()
                .unwrap_or(0)
                .max(1)
        })
    });
    view! {
        <div class="card distribution">
            <h2 id="distribution-title" tabindex="-1">"Distribution and conversion"</h2>
            // The stage table has each stage's members and target: their shares fold under a
            // line (issue 31), printed open; where members stall and the conversions follow.
            <details class="distribution-fold">
            <summary>"Each stage's share of members, now and in the targets"</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Distribution table">
                <table class="stack" aria-labelledby="distribution-title" data-testid="distribution-table">
                    <thead>
                        <tr>
                            <th scope="col">"Stage"</th>
                            <th scope="col" class="num">"Now"</th>
                            <th scope="col" class="num">"Share now"</th>
                            <th scope="col" class="num">"Target"</th>
                            <th scope="col" class="num">"Share of target"</th>
                            <th scope="col" class="bar-col">
                                <span class="legend now">"now"</span>
                                " / "
                                <span class="legend target">"target"</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || figures.with(|f| f.0.clone())
                            key=|r| format!("{r:?}")
                            children=move |r| {
                                let m = max.get_untracked() as f64;
                                let wn = r.now as f64 / m * 100.0;
                                let wt = r.target as f64 / m * 100.0;
                                view! {
                                    <tr>
                                        <th scope="row">{r.name.clone()}</th>
                                        <td class="num" data-label="Now">{r.now}</td>
                                        <td class="num" data-label="Share now">{pct(r.share_now)}</td>
                                        <td class="num" data-label="Target">{if r.target > 0 { r.target.to_string() } else { "—".into() }}</td>
                                        <td class="num" data-label="Share of target">{pct(r.share_target)}</td>
                                        <td class="bar-col">
                                            <svg class="bars" viewBox="0 0 100 14" preserveAspectRatio="none" aria-hidden="true">
                                                <rect class="bar-now" x="0" y="0" width=wn height="6" />
                                                <rect class="bar-target" x="0" y="8" width=wt height="6" />
                                            </svg>
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            </details>
            <p class="bottleneck-headline" role="status" data-testid="bottleneck">
                {move || {
                    figures
                        .with(|f| f.2.clone())
                        .unwrap_or_else(|| NO_BOTTLENECK.into())
                }}
            </p>
            {move || figures.with(|f| f.3.clone()).map(|note| view! { <p class="hint" data-testid="bottleneck-note">{note}</p> })}
            <div class="table-wrap" tabindex="0" role="region" aria-label="Conversion table">
                <table class="stack" aria-label="Conversion between stages" data-testid="conversion-table">
                    <thead>
                        <tr>
                            <th scope="col">"From → to"</th>
                            <th scope="col" class="num">"Next stage as % of this one, now"</th>
                            <th scope="col" class="num">"… in targets"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || figures.with(|f| f.1.clone())
                            key=|r| format!("{r:?}")
                            children=move |r| {
                                view! {
                                    <tr class:bottleneck=r.bottleneck_now>
                                        <th scope="row">{format!("{} → {}", r.from, r.to)}</th>
                                        <td class="num" data-label="Now">
                                            <span>
                                                {pct(r.now)}
                                                {r.bottleneck_now.then(|| view! { " " <span class="badge bad">"Bottleneck"</span> })}
                                            </span>
                                        </td>
                                        <td class="num" data-label="In targets">
                                            <span>
                                            {pct(r.target)}
                                            {r.bottleneck_target.then(|| view! { " " <span class="badge warn">"Bottleneck"</span> })}
                                            </span>
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
        </div>
    }
}

#[derive(Clone, Debug, PartialEq)]
struct GapView {
    stage_id: String,
    name: String,
    now: u64,
    target: u64,
    gap: Option<i64>,
    gap_pct: Option<f64>,
    touch_points: Vec<String>,
    /// Touch points leading in that have a value model: name, value line, assumptions.
    values: Vec<(String, String, Vec<String>)>,
    flagged: bool,
}

#[component]
pub fn GapAnalysis() -> impl IntoView {
    let state = use_app_state();
    let rows = Memo::new(move |_| {
        let today = crate::ui::clock::today();
        state.plan.with(|p| {
            let Some(p) = p.as_ref() else {
                return Vec::new();
            };
            gap_table(&p.curve)
                .into_iter()
                .map(|g| {
                    let leading_in: Vec<_> = g
                        .touch_point_ids
                        .iter()
                        .filter_map(|t| p.curve.touch_point(t))
                        .collect();
                    GapView {
                        name: display_name(&g.stage_name),
                        touch_points: leading_in.iter().map(|t| t.name.clone()).collect(),
                        values: leading_in
                            .iter()
                            .filter_map(|t| {
                                let model = t.value.as_ref()?;
                                let subject = Subject::TouchPoint(&p.curve, t);
                                let (line, assumptions) = value_lines(model, subject, today);
                                Some((display_name(&t.name), line, assumptions))
                            })
                            .collect(),
                        stage_id: g.stage_id,
                        now: g.now,
                        target: g.target,
                        gap: g.gap,
                        gap_pct: g.gap_pct,
                        flagged: g.flagged,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="card gap-analysis">
            <h2 id="gap-title" tabindex="-1">"Gap analysis"</h2>
            <p class="hint">
                "How far each stage is from its target, and the touch points leading into it, with the value of those that have a value model. "
                "A gap with no touch point is flagged: nothing is planned to close it."
            </p>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Gap analysis table">
                <table class="stack" aria-labelledby="gap-title" data-testid="gap-table">
                    <thead>
                        <tr>
                            <th scope="col">"Stage"</th>
                            <th scope="col" class="num">"Now"</th>
                            <th scope="col" class="num">"Target"</th>
                            <th scope="col" class="num">"Gap"</th>
                            <th scope="col" class="num">"Gap %"</th>
                            <th scope="col">"Touch points leading in, and their value"</th>
                            <th scope="col" class="no-print">"Goal"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || rows.get()
                            key=|r| format!("{r:?}")
                            children=move |r| {
                                let gap = r.gap.map_or("—".to_string(), |g| g.to_string());
                                let tps = if r.touch_points.is_empty() {
                                    "—".to_string()
                                } else {
                                    r.touch_points.join(", ")
                                };
                                let has_gap = r.gap.is_some_and(|g| g > 0);
                                view! {
                                    <tr class:flagged=r.flagged>
                                        <th scope="row">{r.name.clone()}</th>
                                        <td class="num" data-label="Now">{r.now}</td>
                                        <td class="num" data-label="Target">{if r.target > 0 { r.target.to_string() } else { "—".into() }}</td>
                                        <td class="num" data-label="Gap">{gap}</td>
                                        <td class="num" data-label="Gap %">{pct(r.gap_pct)}</td>
                                        <td>
                                            {tps}
                                            {r.flagged.then(|| view! { " " <span class="badge bad">"Gap without a touch point"</span> })}
                                            {(!r.values.is_empty()).then(|| view! {
                                                <ul class="value-list" data-testid="gap-values">
                                                    {r.values.iter().map(|(name, line, assumptions)| view! {
                                                        <li>
                                                            <strong>{format!("{name}: ")}</strong>{line.clone()}
                                                            <ul>{assumptions.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
                                                        </li>
                                                    }).collect_view()}
                                                </ul>
                                            })}
                                        </td>
                                        <td class="no-print">
                                            {has_gap.then(|| view! {
                                                <CreateGoalButton
                                                    source=GoalSource::Gap(r.stage_id.clone())
                                                    label="Create goal"
                                                    aria_label=format!("Create goal for {}", r.name)
                                                />
                                            })}
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
        </div>
    }
}
