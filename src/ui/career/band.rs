//! The salary band of one level: figures, what they cover, and where they come from.

use leptos::prelude::*;

use super::fields::{LinkField, MoneyField, SourceLine};
use super::{career_ctx, edit_career, edit_level};
use crate::core::career::edit::set_band_link;
use crate::core::career::format::money;
use crate::core::career::reference::{reference_figures, CAVEAT};
use crate::core::career::{Band, PayBasis, Source, SourceKind};
use crate::ui::state::use_app_state;
use crate::ui::widgets::{NumberField, SelectField, TextField};

const BASES: [PayBasis; 3] = [PayBasis::Base, PayBasis::TotalCash, PayBasis::TotalComp];
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
            l.band = Some(Band {
                currency: "USD".into(),
                source: Source {
                    kind: SourceKind::OwnEstimate,
                    ..Source::default()
                },
                ..Band::default()
            });
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
        <div class="field-row">
            <TextField label="Currency" hint="ISO code, e.g. USD"
                value=currency
                on_change=Callback::new(move |v: String| band_mut(&lid.get_value(), &key("currency"), move |b| b.currency = v.trim().to_ascii_uppercase())) />
            {amount("Minimum", |b| b.min, |b, v| b.min = v, "min")}
            {amount("Midpoint", |b| b.mid, |b, v| b.mid = v, "mid")}
            {amount("Maximum", |b| b.max, |b, v| b.max = v, "max")}
            <SelectField label="Covers"
                options=BASES.iter().map(|b| (format!("{b:?}"), b.label().to_string())).collect()
                value=Signal::derive(move || band.with(|b| format!("{:?}", b.as_ref().map(|b| b.basis).unwrap_or_default())))
                on_change=Callback::new(move |v: String| {
                    let basis = BASES.into_iter().find(|b| format!("{b:?}") == v).unwrap_or_default();
                    band_mut(&lid.get_value(), &key("basis"), move |b| b.basis = basis)
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
            <legend>"Source of these figures"</legend>
            <div class="field-row">
                {text("Publisher", |b| b.source.publisher.clone(), |b, v| b.source.publisher = v, "publisher")}
                <NumberField label="Year" min=1900.0 max=2100.0 step="1"
                    value=Signal::derive(move || band.with(|b| b.as_ref().and_then(|b| b.source.year).map(f64::from)))
                    on_change=Callback::new(move |v: Option<f64>| {
                        let year = v.filter(|y| (1900.0..=2100.0).contains(y)).map(|y| y.round() as i32);
                        if v.is_none() || year.is_some() {
                            band_mut(&lid.get_value(), &key("year"), move |b| b.source.year = year)
                        }
                    }) />
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
                    "{} {}: {} ({}, {})",
                    f.occupation,
                    f.statistic.label(),
                    money(f.amount, "USD"),
                    f.publisher,
                    f.year
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
    view! {
        <details class="reference-picker no-print">
            <summary>"Use a public reference figure"</summary>
            <p class="hint">{CAVEAT}</p>
            <SelectField label="Reference figure" options value=chosen
                on_change=Callback::new(move |v: String| chosen.set(v)) />
            <p class="reference-source">
                {move || {
                    let key = chosen.get();
                    figures.with_value(|all| all.iter().find(|f| f.key == key).map(|f| f.to_band().source))
                        .map(|source| view! { <SourceLine source /> })
                }}
            </p>
            <div class="actions">
                <button type="button" class="small" on:click=apply>"Use as this level's band"</button>
            </div>
        </details>
    }
}
