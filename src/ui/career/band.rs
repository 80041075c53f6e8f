//! The salary band of one level: figures, what they cover, and where they come from.

use leptos::prelude::*;

use super::fields::{LinkField, MoneyField, SourceLine};
use super::{career_ctx, edit_career, edit_level};
use crate::core::career::brief::{band_facts, band_summary};
use crate::core::career::edit::set_band_link;
use crate::core::career::format::{money, percent};
use crate::core::career::reference::{reference_figures, CAVEAT};
use crate::core::career::research::{add_entry, entry_in_use, remove_entry, spread, use_entry};
use crate::core::career::{Band, PayBasis, Population, Source, SourceKind, Statistic};
use crate::ui::state::use_app_state;
use crate::ui::widgets::{NumberField, SelectField, TextField};

const BASES: [PayBasis; 4] = [
    PayBasis::Base,
    PayBasis::TotalCash,
    PayBasis::TotalComp,
    PayBasis::Wages,
];
const KINDS: [SourceKind; 5] = [
    SourceKind::OfficialStatistic,
    SourceKind::Survey,
    SourceKind::SelfReported,
    SourceKind::OwnEstimate,
    SourceKind::Illustrative,
];

fn band_mut(level_id: &str, key: &str, change: impl FnOnce(&mut Band) + 'static) {
    let state = use_app_state();
    edit_level(state, level_id, key, move |l| {
        if let Some(b) = l.band.as_mut() {
            change(b);
        }
    });
}

#[component]
pub fn BandEditor(level_id: String) -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let lid = StoredValue::new(level_id);
    let band = Memo::new(move |_| {
        career.with(|c| lid.with_value(|id| c.level(id).and_then(|(_, l)| l.band.clone())))
    });
    let title = Memo::new(move |_| {
        career.with(|c| {
            lid.with_value(|id| {
                c.level(id)
                    .map(|(_, l)| l.title.clone())
                    .unwrap_or_default()
            })
        })
    });
    let has_band = move || band.with(|b| b.is_some());
    let add_blank = move |_| {
        edit_level(state, &lid.get_value(), "career:band:add", |l| {
            l.band = Some(blank_band());
        })
    };
    let remove = move |_| {
        edit_level(state, &lid.get_value(), "career:band:remove", |l| {
            l.band = None
        })
    };
    view! {
        <div class="band-editor">
            <Show when=has_band fallback=move || view! {
                <p class="hint">"No band for this level yet."</p>
                <div class="actions no-print">
                    <button type="button" class="small" on:click=add_blank>
                        "Add a band"<span class="visually-hidden">" for " {move || title.get()}</span>
                    </button>
                </div>
            }>
                <BandFields level_id=lid.get_value() band />
                <div class="actions no-print">
                    <button type="button" class="danger small" on:click=remove>
                        "Remove band"<span class="visually-hidden">" of " {move || title.get()}</span>
                    </button>
                </div>
            </Show>
            <ReferencePicker level_id=lid.get_value() />
            <ResearchLog level_id=lid.get_value() />
        </div>
    }
}

/// A band's essentials (issue 31): its figures, currency, source and year. The rest of what
/// it says (what it covers, statistic, population, place, effective date, percentiles, the
/// source's kind, link and note) is folded away in [`BandFields`].
#[component]
fn EssentialBandFields(level_id: String, band: Memo<Option<Band>>) -> impl IntoView {
    let lid = StoredValue::new(level_id);
    let key = move |f: &str| format!("career:band:{}:{f}", lid.get_value());
    let get = move |f: fn(&Band) -> Option<i64>| {
        Signal::derive(move || band.with(|b| b.as_ref().and_then(f)))
    };
    let currency = Signal::derive(move || {
        band.with(|b| b.as_ref().map(|b| b.currency.clone()).unwrap_or_default())
    });
    let amount = move |label: &'static str,
                       f: fn(&Band) -> Option<i64>,
                       set: fn(&mut Band, Option<i64>),
                       field: &'static str| {
        view! {
            <MoneyField label=label currency value=get(f)
                on_change=Callback::new(move |v: Option<i64>| band_mut(&lid.get_value(), &key(field), move |b| set(b, v))) />
        }
    };
    view! {
        <div class="field-row">
            {amount("Minimum", |b| b.min, |b, v| b.min = v, "min")}
            {amount("Midpoint", |b| b.mid, |b, v| b.mid = v, "mid")}
            {amount("Maximum", |b| b.max, |b, v| b.max = v, "max")}
            <TextField label="Currency" hint="ISO code, e.g. USD"
                value=currency
                on_change=Callback::new(move |v: String| band_mut(&lid.get_value(), &key("currency"), move |b| b.currency = v.trim().to_ascii_uppercase())) />
        </div>
        <div class="field-row">
            <TextField label="Source" hint="Who published the figures: a survey, an agency, your HR team."
                value=Signal::derive(move || band.with(|b| b.as_ref().map(|b| b.source.publisher.clone()).unwrap_or_default()))
                on_change=Callback::new(move |v: String| band_mut(&lid.get_value(), &key("publisher"), move |b| b.source.publisher = v)) />
            <NumberField label="Year" min=1900.0 max=2100.0 step="1"
                hint="The year the source published them."
                value=Signal::derive(move || band.with(|b| b.as_ref().and_then(|b| b.source.year).map(f64::from)))
                on_change=Callback::new(move |v: Option<f64>| {
                    let year = v.filter(|y| (1900.0..=2100.0).contains(y)).map(|y| y.round() as i32);
                    if v.is_none() || year.is_some() {
                        band_mut(&lid.get_value(), &key("year"), move |b| b.source.year = year)
                    }
                }) />
        </div>
    }
}

#[component]
fn BandFields(level_id: String, band: Memo<Option<Band>>) -> impl IntoView {
    let state = use_app_state();
    let lid = StoredValue::new(level_id);
    let key = move |f: &str| format!("career:band:{}:{f}", lid.get_value());
    let get = move |f: fn(&Band) -> Option<i64>| {
        Signal::derive(move || band.with(|b| b.as_ref().and_then(f)))
    };
    let currency = Signal::derive(move || {
        band.with(|b| b.as_ref().map(|b| b.currency.clone()).unwrap_or_default())
    });
    let amount = move |label: &'static str,
                       f: fn(&Band) -> Option<i64>,
                       set: fn(&mut Band, Option<i64>),
                       field: &'static str| {
        view! {
            <MoneyField label=label currency value=get(f)
                on_change=Callback::new(move |v: Option<i64>| band_mut(&lid.get_value(), &key(field), move |b| set(b, v))) />
        }
    };
    let text = move |label: &'static str,
                     f: fn(&Band) -> String,
                     set: fn(&mut Band, String),
                     field: &'static str| {
        view! {
            <TextField label=label value=Signal::derive(move || band.with(|b| b.as_ref().map(f).unwrap_or_default()))
                on_change=Callback::new(move |v: String| band_mut(&lid.get_value(), &key(field), move |b| set(b, v))) />
        }
    };
    view! {
        {move || band.get().map(|b| view! { <p class="band-source"><SourceLine source=b.source /></p> })}
        <EssentialBandFields level_id=lid.get_value() band />
        <details class="band-details">
            <summary>
                "What the figures cover, and more about the source"
                <span class="band-facts">{move || band.with(|b| b.as_ref().map(|b| format!(" ({})", band_facts(b))))}</span>
            </summary>
            <div class="field-row">
                <SelectField label="Covers"
                    options=BASES.iter().map(|b| (format!("{b:?}"), b.label().to_string())).collect()
                    value=Signal::derive(move || band.with(|b| format!("{:?}", b.as_ref().map(|b| b.basis).unwrap_or_default())))
                    on_change=Callback::new(move |v: String| {
                        let basis = BASES.into_iter().find(|b| format!("{b:?}") == v).unwrap_or_default();
                        band_mut(&lid.get_value(), &key("basis"), move |b| b.basis = basis)
                    }) />
                <SelectField label="Statistic"
                    hint="What the midpoint figure is."
                    options=statistic_options()
                    value=Signal::derive(move || band.with(|b| b.as_ref().and_then(|b| b.statistic).map(Statistic::key).unwrap_or_default()))
                    on_change=Callback::new(move |v: String| {
                        let statistic = Statistic::CHOICES.into_iter().find(|s| s.key() == v);
                        band_mut(&lid.get_value(), &key("statistic"), move |b| b.statistic = statistic)
                    }) />
                <SelectField label="Population"
                    hint="Whose pay the figures describe."
                    options=population_options()
                    value=Signal::derive(move || band.with(|b| b.as_ref().and_then(|b| b.population).map(|p| p.key().to_string()).unwrap_or_default()))
                    on_change=Callback::new(move |v: String| {
                        let population = Population::ALL.into_iter().find(|p| p.key() == v);
                        band_mut(&lid.get_value(), &key("population"), move |b| b.population = population)
                    }) />
                {text("Geography", |b| b.geography.clone(), |b, v| b.geography = v, "geography")}
            </div>
            <div class="field-row">
                <NumberField label="Effective year" min=1900.0 max=2100.0 step="1"
                    hint="The year the figures describe, when it is not the source's year (a survey's reference year)."
                    value=Signal::derive(move || band.with(|b| b.as_ref().and_then(|b| b.effective_year).map(f64::from)))
                    on_change=Callback::new(move |v: Option<f64>| {
                        let year = v.filter(|y| (1900.0..=2100.0).contains(y)).map(|y| y.round() as i32);
                        if v.is_none() || year.is_some() {
                            band_mut(&lid.get_value(), &key("effective-year"), move |b| b.effective_year = year)
                        }
                    }) />
                <NumberField label="Effective month (1–12)" min=1.0 max=12.0 step="1"
                    value=Signal::derive(move || band.with(|b| b.as_ref().and_then(|b| b.effective_month).map(f64::from)))
                    on_change=Callback::new(move |v: Option<f64>| {
                        let month = v.filter(|m| (1.0..=12.0).contains(m) && m.fract() == 0.0).map(|m| m as u32);
                        if v.is_none() || month.is_some() {
                            band_mut(&lid.get_value(), &key("effective-month"), move |b| b.effective_month = month)
                        }
                    }) />
            </div>
            <details class="percentiles">
                <summary>"Percentiles (optional)"</summary>
                <div class="field-row">
                    {amount("10th percentile", |b| b.percentiles.p10, |b, v| b.percentiles.p10 = v, "p10")}
                    {amount("25th percentile", |b| b.percentiles.p25, |b, v| b.percentiles.p25 = v, "p25")}
                    {amount("Median (50th)", |b| b.percentiles.p50, |b, v| b.percentiles.p50 = v, "p50")}
                    {amount("75th percentile", |b| b.percentiles.p75, |b, v| b.percentiles.p75 = v, "p75")}
                    {amount("90th percentile", |b| b.percentiles.p90, |b, v| b.percentiles.p90 = v, "p90")}
                </div>
            </details>
            <fieldset class="source-fields">
                <legend>"More about the source"</legend>
                <div class="field-row">
                    <SelectField label="Kind of source"
                        options=KINDS.iter().map(|k| (format!("{k:?}"), k.label().to_string())).collect()
                        value=Signal::derive(move || band.with(|b| format!("{:?}", b.as_ref().map(|b| b.source.kind).unwrap_or_default())))
                        on_change=Callback::new(move |v: String| {
                            let kind = KINDS.into_iter().find(|k| format!("{k:?}") == v).unwrap_or_default();
                            band_mut(&lid.get_value(), &key("kind"), move |b| b.source.kind = kind)
                        }) />
                    <LinkField label="Link to the source"
                        value=Signal::derive(move || band.with(|b| b.as_ref().map(|b| b.source.link.clone()).unwrap_or_default()))
                        on_change=Callback::new(move |v: String| {
                            let level = lid.get_value();
                            edit_career(state, &key("link"), move |c| {
                                let _ = set_band_link(c, &level, &v);
                            })
                        }) />
                </div>
                {text("Note", |b| b.source.note.clone(), |b, v| b.source.note = v, "note")}
            </fieldset>
        </details>
    }
}

/// The band a check needs, set where the check is (issue 31): the essentials of one level's
/// band, with a blank band added first when it has none. The whole band is in Tracks and levels.
#[component]
pub fn QuickBand(level_id: String, done: Callback<()>) -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let lid = StoredValue::new(level_id);
    let band = Memo::new(move |_| {
        career.with(|c| lid.with_value(|id| c.level(id).and_then(|(_, l)| l.band.clone())))
    });
    let title = Memo::new(move |_| {
        career.with(|c| {
            lid.with_value(|id| {
                c.level(id)
                    .map(|(_, l)| l.title.clone())
                    .unwrap_or_default()
            })
        })
    });
    if band.get_untracked().is_none() {
        edit_level(state, &lid.get_value(), "career:band:add", |l| {
            if l.band.is_none() {
                l.band = Some(blank_band());
            }
        });
    }
    let form = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = form.get() {
            crate::ui::career::focus_first_field(&el);
        }
    });
    view! {
        <div class="quick-band" node_ref=form data-testid="quick-band">
            <h3>{move || format!("The band of {}", title.get())}</h3>
            <p class="hint">
                "The figures the check compares: a midpoint, or a minimum and a maximum, with where they come from. "
                "What they cover (statistic, population, place, date) is in Tracks and levels, under this level's band."
            </p>
            <EssentialBandFields level_id=lid.get_value() band />
            <div class="actions">
                <button type="button" on:click=move |_| done.run(())>"Done"</button>
            </div>
        </div>
    }
}

/// A new band before anything is entered: in US dollars, the user's own estimate.
fn blank_band() -> Band {
    Band {
        currency: "USD".into(),
        source: Source {
            kind: SourceKind::OwnEstimate,
            ..Source::default()
        },
        ..Band::default()
    }
}

fn statistic_options() -> Vec<(String, String)> {
    std::iter::once((String::new(), "Not stated".to_string()))
        .chain(Statistic::CHOICES.iter().map(|s| (s.key(), s.label())))
        .collect()
}

fn population_options() -> Vec<(String, String)> {
    std::iter::once((String::new(), "Not stated".to_string()))
        .chain(
            Population::ALL
                .iter()
                .map(|p| (p.key().to_string(), p.label().to_string())),
        )
        .collect()
}

/// Figures for this level from several sources: which one is in use, and how far apart
/// the sources are.
#[component]
fn ResearchLog(level_id: String) -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let lid = StoredValue::new(level_id);
    let level = Memo::new(move |_| {
        career.with(|c| lid.with_value(|id| c.level(id).map(|(_, l)| l.clone())))
    });
    let log_band = move |_| {
        let Some(band) = level.with_untracked(|l| l.as_ref().and_then(|l| l.band.clone())) else {
            return;
        };
        let id = lid.get_value();
        state.edit("career:research:add", move |plan| {
            let _ = add_entry(plan, &id, band);
        });
    };
    view! {
        <details class="research-log">
            <summary>{move || {
                let n = level.with(|l| l.as_ref().map_or(0, |l| l.research.len()));
                format!("Research log ({n} {})", if n == 1 { "figure" } else { "figures" })
            }}</summary>
            <p class="hint">
                "Figures for this level from different sources. Choose the one to use as the band; "
                "the spread shows how far the sources disagree."
            </p>
            {move || level.get().map(|l| {
                let in_use = entry_in_use(&l).map(|e| e.id.to_string());
                let spread_text = spread(&l).map(|s| {
                    let ratio = s.ratio.map(|r| format!(", a spread of {}", percent(r))).unwrap_or_default();
                    let left = if s.left_out.is_empty() {
                        String::new()
                    } else {
                        format!(" {} in another currency or basis not in the spread.", s.left_out.len())
                    };
                    let differ = if s.measures_differ {
                        " The sources measure different things (statistic, population, place or date), so part of the spread is that, not disagreement."
                    } else {
                        ""
                    };
                    format!(
                        "Spread between {} sources ({}): {} to {}{ratio}.{left}{differ}",
                        s.count,
                        s.basis.label(),
                        money(s.lowest.1, &s.currency),
                        money(s.highest.1, &s.currency),
                    )
                });
                let not_logged = l.band.is_some() && in_use.is_none() && !l.research.is_empty();
                let has_band = l.band.is_some();
                let items = l.research.iter().map(|e| {
                    let entry = e.id.to_string();
                    let entry2 = e.id.to_string();
                    let used = in_use.as_deref() == Some(e.id.as_str());
                    let name = if e.band.source.publisher.trim().is_empty() { "Unknown source".to_string() } else { e.band.source.publisher.trim().to_string() };
                    let use_it = move |_| {
                        let (level, entry) = (lid.get_value(), entry.clone());
                        edit_career(state, "career:research:use", move |c| { let _ = use_entry(c, &level, &entry); });
                    };
                    let remove = move |_| {
                        let (level, entry) = (lid.get_value(), entry2.clone());
                        edit_career(state, "career:research:remove", move |c| { let _ = remove_entry(c, &level, &entry); });
                    };
                    view! {
                        <li class="research-entry">
                            <span class="band-figure">{band_summary(&e.band)}</span>
                            {used.then(|| view! { " " <span class="badge ok">"In use"</span> })}
                            <br /><span class="band-facts">{band_facts(&e.band)}</span>
                            <br /><SourceLine source=e.band.source.clone() />
                            <div class="actions no-print">
                                {(!used).then(|| view! {
                                    <button type="button" class="small" on:click=use_it>
                                        "Use as the band"<span class="visually-hidden">{format!(" ({name})")}</span>
                                    </button>
                                })}
                                <button type="button" class="small danger" on:click=remove>
                                    "Remove from the log"<span class="visually-hidden">{format!(" ({})", name.clone())}</span>
                                </button>
                            </div>
                        </li>
                    }
                }).collect_view();
                view! {
                    {spread_text.map(|t| view! { <p data-testid="research-spread">{t}</p> })}
                    {not_logged.then(|| view! { <p class="hint">"The band in use is not one of the logged figures (it was entered or changed by hand)."</p> })}
                    <ul class="compact-list research-entries">{items}</ul>
                    {has_band.then(|| view! {
                        <div class="actions no-print">
                            <button type="button" class="small" on:click=log_band>"Log the band in use"</button>
                        </div>
                    })}
                }
            })}
        </details>
    }
}

/// Puts a public reference figure (with its source and year) in as the level's band.
#[component]
fn ReferencePicker(level_id: String) -> impl IntoView {
    let state = use_app_state();
    let lid = StoredValue::new(level_id);
    let figures = StoredValue::new(reference_figures());
    let figures_now = figures.get_value();
    let first = figures_now
        .first()
        .map(|f| f.key.to_string())
        .unwrap_or_default();
    let chosen = RwSignal::new(first);
    let options: Vec<(String, String)> = figures_now
        .iter()
        .map(|f| {
            (
                f.key.to_string(),
                format!(
                    "{}, {}: {} ({}, {})",
                    f.occupation,
                    f.statistic.label(),
                    money(f.amount, "USD"),
                    f.publisher,
                    f.period_label()
                ),
            )
        })
        .collect();
    let apply = move |_| {
        let key = chosen.get_untracked();
        if let Some(f) = figures.with_value(|all| all.iter().find(|f| f.key == key).cloned()) {
            let band = f.to_band();
            edit_level(state, &lid.get_value(), "career:band:reference", move |l| {
                l.band = Some(band)
            });
        }
    };
    let log = move |_| {
        let key = chosen.get_untracked();
        if let Some(f) = figures.with_value(|all| all.iter().find(|f| f.key == key).cloned()) {
            let band = f.to_band();
            let id = lid.get_value();
            state.edit("career:research:add", move |plan| {
                let _ = add_entry(plan, &id, band);
            });
        }
    };
    view! {
        <details class="reference-picker no-print">
            <summary>"Use a public reference figure"</summary>
            <p class="hint">{CAVEAT}</p>
            <SelectField label="Reference figure" options value=chosen
                on_change=Callback::new(move |v: String| chosen.set(v)) />
            <p class="reference-facts" data-testid="reference-facts">
                {move || {
                    let key = chosen.get();
                    figures.with_value(|all| all.iter().find(|f| f.key == key).map(|f| f.facts()))
                }}
            </p>
            <p class="reference-source">
                {move || {
                    let key = chosen.get();
                    figures.with_value(|all| all.iter().find(|f| f.key == key).map(|f| f.to_band().source))
                        .map(|source| view! { <SourceLine source /> })
                }}
            </p>
            <div class="actions">
                <button type="button" class="small" on:click=apply>"Use as this level's band"</button>
                <button type="button" class="small" on:click=log>"Add to the research log"</button>
            </div>
        </details>
    }
}
