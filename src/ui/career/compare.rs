//! The proposed role next to the levels of the same rank in every other track: the
//! bucketing check, a table and a band chart.

use leptos::prelude::*;

use super::fields::SourceLine;
use super::{career_ctx, edit_career, level_options, marked_record, MarkedPay};
use crate::core::career::brief::{band_facts, band_summary};
use crate::core::career::chart::{band_chart, BandChart, ChartLayout};
use crate::core::career::compare::{
    band_needed, bucketing_check, market_figures, side_by_side, ComparedLevel, AGE_REFUSE_YEARS,
    AGE_WARN_YEARS, NON_COMPARABLE_MARKER, SAME_RANK_NOTE,
};
use crate::core::career::format::money;
use crate::core::career::reference::{caveat_applies, CAVEAT};
use crate::core::career::research::set_count_anyway;
use crate::core::career::Career;
use crate::core::signal::Tone;
use crate::ui::state::use_app_state;
use crate::ui::widgets::{NumberField, SelectField, TextField};

fn proposed(career: &Career) -> Option<String> {
    career
        .proposed_level_id
        .clone()
        .filter(|id| career.level(id).is_some())
        .map(String::from)
}

#[component]
pub fn ProposedRole() -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let marked = expect_context::<MarkedPay>().0;
    let options = Memo::new(move |_| career.with(level_options));
    let records = Memo::new(move |_| {
        career.with(|c| {
            c.comp_records
                .iter()
                .map(|r| {
                    let name = if r.label.trim().is_empty() {
                        r.kind.label().to_string()
                    } else {
                        r.label.clone()
                    };
                    (r.id.to_string(), name)
                })
                .collect::<Vec<_>>()
        })
    });
    let level_value = Signal::derive(move || career.with(proposed).unwrap_or_default());
    let record_value = Signal::derive(move || {
        career
            .with(|c| marked_record(c, marked.get().as_deref()))
            .unwrap_or_default()
    });
    view! {
        <section class="card" aria-labelledby="career-proposed-title">
            <h2 id="career-proposed-title">"The role under discussion"</h2>
            <div class="field-row">
                {move || {
                    let mut opts = vec![(String::new(), "Choose a level…".to_string())];
                    opts.extend(options.get());
                    view! {
                        <SelectField
                            label="Proposed role (track and level)"
                            options=opts
                            value=level_value
                            hint="For example Community Manager as HR proposes it."
                            on_change=Callback::new(move |id: String| {
                                edit_career(state, "career:proposed", move |c| {
                                    c.proposed_level_id = (!id.is_empty()).then(|| id.into());
                                })
                            })
                        />
                    }
                }}
                {move || {
                    let opts = records.get();
                    (!opts.is_empty()).then(|| view! {
                        <SelectField
                            label="Pay to mark on the chart"
                            options=opts
                            value=record_value
                            on_change=Callback::new(move |id: String| marked.set(Some(id)))
                        />
                    })
                }}
                <NumberField
                    label="Warn when more than this % below peers"
                    value=Signal::derive(move || career.with(|c| Some(c.bucketing_threshold_percent)))
                    min=0.0
                    max=100.0
                    step="0.5"
                    on_change=Callback::new(move |v: Option<f64>| {
                        if let Some(v) = v.filter(|v| (0.0..=100.0).contains(v)) {
                            edit_career(state, "career:threshold", move |c| c.bucketing_threshold_percent = v);
                        }
                    })
                />
            </div>
        </section>
    }
}

#[component]
pub fn BucketingPanel() -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    // The level whose band is being set here, from the check's own link.
    let quick = RwSignal::new(None::<String>);
    let check = Memo::new(move |_| {
        career.with(|c| {
            let id = proposed(c)?;
            let title = c
                .level(&id)
                .map(|(_, l)| l.title.clone())
                .unwrap_or_default();
            let check = bucketing_check(c, &id, c.bucketing_threshold_percent);
            let needed = band_needed(c, &id);
            let market = market_figures(c, &id);
            let shown = std::iter::once(id.as_str())
                .chain(check.peers.iter().map(|p| p.level_id.as_str()))
                .chain(check.not_comparable.iter().map(|p| p.level_id.as_str()));
            let public = caveat_applies(
                shown
                    .filter_map(|id| c.level(id))
                    .filter_map(|(_, l)| l.band.as_ref()),
            );
            Some((check, title, public, market, needed))
        })
    });
    // The list re-renders when a peer moves in or out of the median: focus follows the
    // switch to its new place instead of dropping to the page.
    let count_anyway = move |level_id: String, label: String, checked: bool| {
        let id = format!("count-anyway-{level_id}");
        let refocus = id.clone();
        view! {
            <div class="field checkbox">
                <input
                    id=id.clone()
                    type="checkbox"
                    prop:checked=checked
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let level = level_id.clone();
                        edit_career(state, "career:count-anyway", move |c| set_count_anyway(c, &level, on));
                        focus_by_id_later(refocus.clone());
                    }
                />
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <section class="card bucketing" aria-labelledby="career-bucketing-title">
            <h2 id="career-bucketing-title" tabindex="-1">"Bucketing check"</h2>
            {move || match check.get() {
                None => view! {
                    <p class="hint">"Choose the proposed role above to compare its band with its peers."</p>
                }.into_any(),
                Some((check, title, public, market, needed)) => {
                    let message = check.message(&title);
                    let marked = check.includes_non_comparable();
                    // Colour and words from the same outcome: nothing to compare is neutral.
                    let banner = match check.tone() {
                        Tone::Bad => view! {
                            <div class="banner bad" role="alert" data-testid="bucketing-warning">
                                <p><strong>"Possible bucketing. "</strong>{message}</p>
                            </div>
                        }.into_any(),
                        Tone::Good => view! {
                            <div class="banner ok" role="status" data-testid="bucketing-ok">
                                <p>{message}</p>
                            </div>
                        }.into_any(),
                        tone => view! {
                            <div class=tone.banner_class() role="status" data-testid="bucketing-none">
                                <p>{message}</p>
                                // The check names the control that supplies what it needs.
                                {needed.map(|level_id| {
                                    let label = format!("Set the band of {title}");
                                    view! {
                                        <button type="button" class="small" on:click=move |_| quick.set(Some(level_id.clone()))>
                                            {label}
                                        </button>
                                    }
                                })}
                            </div>
                        }.into_any(),
                    };
                    let currency = check.currency.clone();
                    let peers = check.peers.iter().map(|p| {
                        let text = check.peer_line(p);
                        let anyway = p.counted_anyway.then(|| {
                            let label = format!("Count {} · {} anyway", p.track_name, p.level_title);
                            view! {
                                <p class="not-comparable">{p.reasons_text()}</p>
                                {count_anyway(p.level_id.clone(), label, true)}
                            }
                        });
                        view! { <li data-level=p.level_id.clone()>{text}{anyway}</li> }
                    }).collect_view();
                    let not_comparable = check.not_comparable.iter().map(|p| {
                        let text = format!("{} · {}: {}", p.track_name, p.level_title, p.figure_text(&currency));
                        let label = format!("Count {} · {} anyway", p.track_name, p.level_title);
                        view! {
                            <li data-level=p.level_id.clone()>
                                {text}
                                <p class="not-comparable">{p.reasons_text()}</p>
                                {count_anyway(p.level_id.clone(), label, false)}
                            </li>
                        }
                    }).collect_view();
                    let excluded = check.excluded.iter().map(|(name, why)| {
                        view! { <li>{why.message(name)}</li> }
                    }).collect_view();
                    let has_peers = !check.peers.is_empty();
                    let has_not_comparable = !check.not_comparable.is_empty();
                    let has_excluded = !check.excluded.is_empty();
                    let decomposition = match (check.decomposition, check.ageing.as_ref()) {
                        (Some(d), Some(a)) => Some(d.message(a)),
                        _ => None,
                    };
                    let proposed_line = check.proposed_line(&title);
                    let has_figure = proposed_line.is_some();
                    view! {
                        {banner}
                        {marked.then(|| view! {
                            <p class="badge warn" data-testid="non-comparable-marker">{NON_COMPARABLE_MARKER}</p>
                        })}
                        {proposed_line.map(|t| view! { <p>{t}</p> })}
                        {decomposition.map(|t| view! { <p data-testid="gap-decomposition">{t}</p> })}
                        {check.ageing_problem.clone().map(|t| view! { <p class="banner warn" role="status">{t}</p> })}
                        {has_peers.then(|| view! {
                            <h3>"Compared with"</h3>
                            <ul class="compact-list" data-testid="bucketing-peers">{peers}</ul>
                        })}
                        {has_not_comparable.then(|| view! {
                            <h3>"Not comparable, left out"</h3>
                            <ul class="compact-list" data-testid="bucketing-not-comparable">{not_comparable}</ul>
                        })}
                        {has_excluded.then(|| view! {
                            <h3>"Left out of the comparison"</h3>
                            <ul class="compact-list" data-testid="bucketing-excluded">{excluded}</ul>
                        })}
                        {has_figure.then(|| view! {
                            <p class="hint" data-testid="same-rank-note">{SAME_RANK_NOTE}</p>
                            <h3>"Market figures for this work"</h3>
                            {if market.is_empty() {
                                view! { <p class="hint">"None in the level's research log yet: add a published figure for this work there."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="compact-list" data-testid="market-figures">
                                        {market.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        })}
                        {public.then(|| view! { <p class="hint">{CAVEAT}</p> })}
                    }.into_any()
                }
            }}
            {move || quick.get().map(|level_id| view! {
                <super::band::QuickBand level_id done=Callback::new(move |_| {
                    quick.set(None);
                    focus_by_id_later("career-bucketing-title".into());
                }) />
            })}
            <details class="like-with-like-fold no-print">
                <summary>"How figures are compared: like with like, and ageing"</summary>
                <LikeWithLike />
            </details>
        </section>
    }
}

fn focus_by_id_later(id: String) {
    request_animation_frame(move || {
        let found = document()
            .get_element_by_id(&id)
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(el) = found {
            let _ = el.focus();
        }
    });
}

/// How far apart figures may be, and the rate (with its source) to age them at.
#[component]
fn LikeWithLike() -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    view! {
        <fieldset class="like-with-like no-print">
            <legend>"Like with like"</legend>
            <p class="hint">
                "Peers count only when both figures state their statistic and date, nothing stated differs "
                "(statistic, population, pay basis, geography) and they are close enough in time. Figures can "
                "be brought to a common date at a yearly rate you enter, with its source; nothing is aged "
                "without both. "
                {format!(
                    "Rules of thumb: figures more than {AGE_REFUSE_YEARS} years apart are not aged, and a figure aged over more than {AGE_WARN_YEARS} years is flagged."
                )}
            </p>
            <div class="field-row">
                <NumberField
                    label="Comparable when at most this many years apart"
                    value=Signal::derive(move || career.with(|c| Some(f64::from(c.comparable_within_years))))
                    min=0.0
                    max=50.0
                    step="1"
                    on_change=Callback::new(move |v: Option<f64>| {
                        if let Some(v) = v.filter(|v| (0.0..=50.0).contains(v) && v.fract() == 0.0) {
                            edit_career(state, "career:within-years", move |c| c.comparable_within_years = v as u32);
                        }
                    })
                />
                <NumberField
                    label="Age figures at this yearly rate (%)"
                    hint="Empty: figures are compared as published."
                    value=Signal::derive(move || career.with(|c| c.ageing.annual_rate_percent))
                    min=-50.0
                    max=100.0
                    step="0.1"
                    on_change=Callback::new(move |v: Option<f64>| {
                        if v.is_none_or(|v| (-50.0..=100.0).contains(&v)) {
                            edit_career(state, "career:ageing-rate", move |c| c.ageing.annual_rate_percent = v);
                        }
                    })
                />
                <TextField
                    label="Source of the rate"
                    hint="For example a wage index you cite, with its period."
                    value=Signal::derive(move || career.with(|c| c.ageing.source.clone()))
                    on_change=Callback::new(move |v: String| {
                        edit_career(state, "career:ageing-source", move |c| c.ageing.source = v)
                    })
                />
            </div>
        </fieldset>
    }
}

#[component]
pub fn SideBySide() -> impl IntoView {
    let career = career_ctx();
    let marked = expect_context::<MarkedPay>().0;
    let view_data =
        Memo::new(move |_| career.with(|c| proposed(c).and_then(|id| side_by_side(c, &id))));
    // Peers the bucketing check leaves out: drawn for reference, said so under the chart.
    let left_out = Memo::new(move |_| {
        career.with(|c| {
            proposed(c)
                .map(|id| {
                    bucketing_check(c, &id, c.bucketing_threshold_percent)
                        .not_comparable
                        .iter()
                        .map(|p| format!("{} · {}", p.track_name, p.level_title))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let chart = Memo::new(move |_| {
        let chosen = marked.get();
        career.with(|c| {
            let id = proposed(c)?;
            let record = marked_record(c, chosen.as_deref());
            band_chart(c, &id, record.as_deref(), &chart_layout())
        })
    });
    view! {
        <section class="card" aria-labelledby="career-side-title">
            <h2 id="career-side-title">"Side by side"</h2>
            {move || match view_data.get() {
                None => view! { <p class="hint">"Choose the proposed role to see it next to the levels of the same rank in every other track."</p> }.into_any(),
                Some(v) => {
                    let rank = v.chosen.rank;
                    let missing = v.tracks_without_rank.join(", ");
                    let columns: Vec<ComparedLevel> = std::iter::once(v.chosen).chain(v.peers).collect();
                    let public = caveat_applies(columns.iter().filter_map(|l| l.band.as_ref()));
                    view! {
                        <p class="hint">{format!("Levels at rank {rank} in every track, the proposed role first.")}</p>
                        {public.then(|| view! { <p class="caveat">{CAVEAT}</p> })}
                        // The table with titles, scope and behaviours folded to a line above the
                        // band chart (issue 31), printed open.
                        <details class="compare-fold">
                            <summary>"The levels side by side: title, scope, band and expected behaviours"</summary>
                            <CompareTable columns />
                        </details>
                        {(!missing.is_empty()).then(|| view! { <p class="hint">{format!("No level at rank {rank}: {missing}.")}</p> })}
                    }.into_any()
                }
            }}
            {move || chart.get().map(|c| view! { <BandChartView chart=c /> })}
            {move || {
                let names = left_out.get();
                (!names.is_empty()).then(|| view! {
                    <p class="hint" data-testid="chart-not-comparable">
                        {format!(
                            "Drawn for reference but not comparable with the proposed band, so left out of the bucketing check: {}.",
                            names.join("; ")
                        )}
                    </p>
                })
            }}
        </section>
    }
}

#[component]
fn CompareTable(columns: Vec<ComparedLevel>) -> impl IntoView {
    let heads = columns.iter().enumerate().map(|(i, c)| {
        let tag = if i == 0 { " (proposed)" } else { "" };
        view! { <th scope="col" class=(i == 0).then_some("chosen")>{format!("{}{tag}", c.track_name)}</th> }
    }).collect_view();
    let row = |name: &'static str, cells: Vec<AnyView>| {
        view! { <tr><th scope="row">{name}</th>{cells}</tr> }
    };
    let titles = columns
        .iter()
        .map(|c| {
            view! { <td>{format!("{} {}", c.code, c.title).trim().to_string()}</td> }.into_any()
        })
        .collect();
    let scopes = columns
        .iter()
        .map(|c| view! { <td>{c.scope.label()}</td> }.into_any())
        .collect();
    let bands = columns.iter().map(|c| match &c.band {
        Some(b) => view! { <td><span class="band-figure">{band_summary(b)}</span><br /><span class="band-facts">{band_facts(b)}</span><br /><SourceLine source=b.source.clone() /></td> }.into_any(),
        None => view! { <td class="muted">"No band yet"</td> }.into_any(),
    }).collect();
    let behaviours = columns
        .iter()
        .map(|c| {
            let items = c
                .behaviours
                .iter()
                .map(|(area, text)| {
                    view! {
                        <li><strong>{area.clone()}": "</strong>{text.clone()}</li>
                    }
                })
                .collect_view();
            view! { <td><ul class="behaviours">{items}</ul></td> }.into_any()
        })
        .collect();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Side-by-side table">
            <table class="compare-table" data-testid="compare-table">
                <caption class="visually-hidden">"The proposed level next to the levels of the same rank"</caption>
                <thead><tr><td></td>{heads}</tr></thead>
                <tbody>
                    {row("Level", titles)}
                    {row("Scope", scopes)}
                    {row("Band", bands)}
                    {row("Expected behaviours", behaviours)}
                </tbody>
            </table>
        </div>
    }
}

fn chart_layout() -> ChartLayout {
    ChartLayout {
        width: 760.0,
        left: 250.0,
        row_height: 28.0,
        row_gap: 18.0,
        axis_height: 30.0,
        ..ChartLayout::default()
    }
}

#[component]
fn BandChartView(chart: BandChart) -> impl IntoView {
    let layout = chart_layout();
    let label_x = layout.left - 10.0;
    let summary = chart_summary(&chart);
    let currency = chart.currency.clone();
    let axis_y = chart.axis_y;
    let top = layout.top;
    let rows = chart.rows.iter().map(|r| {
        // A band known only by its median has no width: draw a short bar so it shows.
        let (x, w) = if r.high_x - r.low_x < 6.0 {
            ((r.low_x + r.high_x) / 2.0 - 3.0, 6.0)
        } else {
            (r.low_x, r.high_x - r.low_x)
        };
        let (track, level) = r.label.split_once(" · ").map(|(a, b)| (a.to_string(), b.to_string())).unwrap_or((r.label.clone(), String::new()));
        let class = if r.chosen { "band-bar chosen" } else { "band-bar" };
        let mid = r.mid_x.map(|mx| view! {
            <line class="band-mid" x1=mx x2=mx y1=r.y - 3.0 y2=r.y + r.height + 3.0 />
        });
        view! {
            <g>
                <text x=label_x y=r.y + 11.0 text-anchor="end" class="chart-label">{track}</text>
                <text x=label_x y=r.y + 25.0 text-anchor="end" class="chart-sublabel">{level}</text>
                <rect class=class x=x y=r.y width=w height=r.height rx="3" />
                {mid}
            </g>
        }
    }).collect_view();
    let ticks = chart.axis.ticks.iter().map(|t| view! {
        <g>
            <line class="chart-grid" x1=t.x x2=t.x y1=top y2=axis_y />
            <text x=t.x y=axis_y + 18.0 text-anchor="middle" class="chart-tick">{t.label.clone()}</text>
        </g>
    }).collect_view();
    let marker = chart.marker.as_ref().map(|m| {
        view! {
            <g class="pay-marker">
                <line x1=m.x x2=m.x y1=0.0 y2=axis_y />
                <circle cx=m.x cy=3.0 r="4" />
            </g>
        }
    });
    let has_rows = !chart.rows.is_empty();
    let table_rows = chart.rows.iter().map(|r| view! {
        <tr>
            <th scope="row">{r.label.clone()}{r.chosen.then_some(" (proposed)")}</th>
            <td class="num">{money(r.low, &currency)}</td>
            <td class="num">{r.mid.map(|m| money(m, &currency)).unwrap_or_else(|| "—".into())}</td>
            <td class="num">{money(r.high, &currency)}</td>
            <td>{r.basis.label()}</td>
            <td>{r.source_label.clone()}</td>
        </tr>
    }).collect_view();
    let excluded = chart
        .excluded
        .iter()
        .map(|(t, why)| view! { <li>{format!("{t}: {why}")}</li> })
        .collect_view();
    let has_excluded = !chart.excluded.is_empty();
    let marker_text = chart
        .marker
        .as_ref()
        .map(|m| format!("Pay marked: {}.", m.label));
    view! {
        <h3>"Band chart"</h3>
        {has_rows.then(|| view! {
            <svg
                class="chart band-chart"
                viewBox=format!("0 0 {} {}", chart.width, chart.height)
                role="img"
                aria-label=summary.clone()
                data-testid="band-chart"
            >
                {ticks}
                <line class="chart-axis" x1=layout.left x2=chart.width - layout.right y1=axis_y y2=axis_y />
                {rows}
                {marker}
            </svg>
            <p class="chart-legend hint">
                <span class="key key-chosen" aria-hidden="true"></span>" proposed role  "
                <span class="key key-peer" aria-hidden="true"></span>" peer track  "
                <span class="key key-pay" aria-hidden="true"></span>" pay marked"
                {format!(" · bars run from minimum (or lowest known percentile) to maximum; the tick is the midpoint or median; in {currency}.")}
            </p>
        })}
        {marker_text.map(|t| view! { <p>{t}</p> })}
        {chart.marker_problem.clone().map(|p| view! { <p class="banner warn" role="status">{format!("The pay cannot be marked: {p}")}</p> })}
        {has_excluded.then(|| view! { <p>"Not drawn:"</p><ul class="compact-list">{excluded}</ul> })}
        {has_rows.then(|| view! {
            <details class="chart-table">
                <summary>"The chart as a table"</summary>
                <div class="table-wrap" tabindex="0" role="region" aria-label="Band chart table">
                    <table>
                        <thead><tr><th scope="col">"Track · level"</th><th scope="col" class="num">"Low"</th><th scope="col" class="num">"Midpoint"</th><th scope="col" class="num">"High"</th><th scope="col">"Covers"</th><th scope="col">"Source"</th></tr></thead>
                        <tbody>{table_rows}</tbody>
                    </table>
                </div>
            </details>
        })}
    }
}

fn chart_summary(chart: &BandChart) -> String {
    let rows: Vec<String> = chart
        .rows
        .iter()
        .map(|r| {
            let mid = r
                .mid
                .map(|m| format!(", midpoint {}", money(m, &chart.currency)))
                .unwrap_or_default();
            format!(
                "{}: {} to {}{mid}",
                r.label,
                money(r.low, &chart.currency),
                money(r.high, &chart.currency)
            )
        })
        .collect();
    let marker = chart
        .marker
        .as_ref()
        .map(|m| format!(" Pay marked at {}.", m.label))
        .unwrap_or_default();
    format!("Salary bands at this rank. {}.{marker}", rows.join("; "))
}
