//! Compensation records (current pay, offers, targets) and the exchange rates that let
//! them be compared across currencies.

use leptos::prelude::*;

use super::fields::MoneyField;
use super::{career_ctx, edit_career, level_options};
use crate::core::career::assess::{assess_record, RecordAssessment};
use crate::core::career::currency::{conversion_note, unlinked_currencies};
use crate::core::career::edit::{add_comp_record, add_exchange_rate};
use crate::core::career::format::{money, percent};
use crate::core::career::{CompKind, CompRecord, ExchangeRate};
use crate::core::plan::Plan;
use crate::ui::state::use_app_state;
use crate::ui::widgets::{CheckboxField, DateField, NumberField, SelectField, TextField};

fn edit_record(id: &str, key: &str, change: impl FnOnce(&mut CompRecord)) {
    let state = use_app_state();
    let id = id.to_string();
    edit_career(state, key, move |c| {
        if let Some(r) = c.comp_records.iter_mut().find(|r| r.id == id) {
            change(r);
        }
    });
}

#[component]
pub fn PayRecords() -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let ids = Memo::new(move |_| {
        career.with(|c| {
            c.comp_records
                .iter()
                .map(|r| r.id.to_string())
                .collect::<Vec<_>>()
        })
    });
    let add = move |_| {
        let level = career.with_untracked(|c| c.proposed_level_id.clone());
        let track = career.with_untracked(|c| {
            level
                .as_deref()
                .and_then(|l| c.level(l))
                .map(|(t, _)| t.id.to_string())
        });
        let currency = career.with_untracked(|c| {
            level
                .as_deref()
                .and_then(|l| c.level(l))
                .and_then(|(_, l)| l.band.as_ref())
                .map(|b| b.currency.clone())
        });
        state.edit("career:add-record", move |plan: &mut Plan| {
            add_comp_record(
                plan,
                CompRecord {
                    label: "Current pay".into(),
                    track_id: track.map(Into::into),
                    level_id: level,
                    currency: currency.unwrap_or_else(|| "USD".into()),
                    vesting_years: 4,
                    ..CompRecord::default()
                },
            );
        });
    };
    view! {
        <section class="card" aria-labelledby="career-pay-title">
            <h2 id="career-pay-title">"Pay: current, offers and targets"</h2>
            <p class="hint">
                "Amounts are annual, in whole units of the record's currency. Your own figures "
                "stay in this browser: a share link, an exported plan or the brief carries them "
                "only when you tick them for it. Only your backup of all plans keeps them."
            </p>
            <Show when=move || !ids.with(|i| i.is_empty())>
                <div class="records">
                    <For each=move || ids.get() key=|id| id.clone() children=move |id| view! { <RecordCard id /> } />
                </div>
            </Show>
            <Show when=move || ids.with(|i| i.is_empty())>
                <p class="empty-hint">"No pay entered yet. Add your current pay or an offer to see where it sits in the band."</p>
            </Show>
            <div class="actions no-print">
                <button type="button" on:click=add>"Add a pay record"</button>
            </div>
        </section>
    }
}

#[component]
fn RecordCard(id: String) -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let rid = id.clone();
    let record =
        Memo::new(move |_| career.with(|c| c.comp_record(&rid).cloned().unwrap_or_default()));
    let assessment = Memo::new(move |_| career.with(|c| assess_record(c, &record.get())));
    let levels = Memo::new(move |_| career.with(level_options));
    let key = move |field: &str| {
        format!(
            "career:record:{}:{field}",
            record.with_untracked(|r| r.id.to_string())
        )
    };
    let currency = Signal::derive(move || record.with(|r| r.currency.clone()));
    let money_field = move |label: &'static str,
                            get: fn(&CompRecord) -> i64,
                            set: fn(&mut CompRecord, i64),
                            field: &'static str| {
        view! {
            <MoneyField
                label=label
                currency=currency
                value=Signal::derive(move || Some(record.with(get)))
                on_change=Callback::new(move |v: Option<i64>| {
                    let id = record.with_untracked(|r| r.id.to_string());
                    edit_record(&id, &key(field), move |r| set(r, v.unwrap_or(0)));
                })
            />
        }
    };
    let title = move || {
        record.with(|r| {
            if r.label.trim().is_empty() {
                r.kind.label().to_string()
            } else {
                r.label.clone()
            }
        })
    };
    let remove = move |_| {
        let id = record.with_untracked(|r| r.id.to_string());
        edit_career(state, "career:remove-record", move |c| {
            c.comp_records.retain(|r| r.id != id)
        });
    };
    view! {
        <article class="record card-inner" aria-label=title>
            <h3>{title}</h3>
            <div class="field-row">
                <TextField label="Label" value=Signal::derive(move || record.with(|r| r.label.clone()))
                    on_change=Callback::new(move |v: String| { let id = record.with_untracked(|r| r.id.to_string()); edit_record(&id, &key("label"), move |r| r.label = v) }) />
                <SelectField label="Kind"
                    options=[CompKind::Current, CompKind::Offer, CompKind::Target].into_iter().map(|k| (format!("{k:?}"), k.label().to_string())).collect()
                    value=Signal::derive(move || record.with(|r| format!("{:?}", r.kind)))
                    on_change=Callback::new(move |v: String| {
                        let kind = match v.as_str() { "Offer" => CompKind::Offer, "Target" => CompKind::Target, _ => CompKind::Current };
                        let id = record.with_untracked(|r| r.id.to_string());
                        edit_record(&id, &key("kind"), move |r| r.kind = kind)
                    }) />
                <TextField label="Company" value=Signal::derive(move || record.with(|r| r.company.clone()))
                    on_change=Callback::new(move |v: String| { let id = record.with_untracked(|r| r.id.to_string()); edit_record(&id, &key("company"), move |r| r.company = v) }) />
                {move || {
                    let mut opts = vec![(String::new(), "No level".to_string())];
                    opts.extend(levels.get());
                    view! {
                        <SelectField label="Track and level" options=opts
                            value=Signal::derive(move || record.with(|r| r.level_id.clone().map(String::from).unwrap_or_default()))
                            on_change=Callback::new(move |v: String| {
                                let id = record.with_untracked(|r| r.id.to_string());
                                let track = career.with_untracked(|c| c.level(&v).map(|(t, _)| t.id.to_string()));
                                edit_record(&id, &key("level"), move |r| {
                                    r.level_id = (!v.is_empty()).then(|| v.into());
                                    r.track_id = track.map(Into::into);
                                })
                            }) />
                    }
                }}
                <TextField label="Currency" hint="ISO code, e.g. USD, EUR, JPY"
                    value=Signal::derive(move || record.with(|r| r.currency.clone()))
                    on_change=Callback::new(move |v: String| { let id = record.with_untracked(|r| r.id.to_string()); edit_record(&id, &key("currency"), move |r| r.currency = v.trim().to_ascii_uppercase()) }) />
                <DateField label="Date" value=Signal::derive(move || record.with(|r| r.date))
                    on_change=Callback::new(move |v| { let id = record.with_untracked(|r| r.id.to_string()); edit_record(&id, &key("date"), move |r| r.date = v) }) />
            </div>
            <div class="field-row">
                {money_field("Base salary", |r| r.base, |r, v| r.base = v, "base")}
                {money_field("Target bonus", |r| r.target_bonus, |r, v| r.target_bonus = v, "bonus")}
                {money_field("Sign-on bonus", |r| r.sign_on, |r, v| r.sign_on = v, "sign-on")}
                {money_field("Equity grant (total)", |r| r.equity_grant, |r, v| r.equity_grant = v, "equity")}
                <NumberField label="Vesting years" min=0.0 max=10.0 step="1"
                    value=Signal::derive(move || Some(f64::from(record.with(|r| r.vesting_years))))
                    on_change=Callback::new(move |v: Option<f64>| {
                        let years = v.unwrap_or(0.0).clamp(0.0, 10.0).round() as u32;
                        let id = record.with_untracked(|r| r.id.to_string());
                        edit_record(&id, &key("vesting"), move |r| r.vesting_years = years)
                    }) />
                <CheckboxField label="Spread the sign-on bonus over the vesting years"
                    checked=Signal::derive(move || record.with(|r| r.spread_sign_on))
                    on_change=Callback::new(move |v: bool| { let id = record.with_untracked(|r| r.id.to_string()); edit_record(&id, &key("spread"), move |r| r.spread_sign_on = v) }) />
            </div>
            {move || {
                let a = assessment.get();
                let conversion = a.band_currency.as_deref().and_then(|to| {
                    career.with(|c| conversion_note(&c.exchange_rates, &a.currency, to))
                });
                view! { <RecordFigures a conversion /> }
            }}
            <div class="actions no-print">
                <button type="button" class="danger small" on:click=remove>
                    "Remove"<span class="visually-hidden">" " {title}</span>
                </button>
            </div>
        </article>
    }
}

#[component]
fn RecordFigures(a: RecordAssessment, conversion: Option<String>) -> impl IntoView {
    let c = a.currency.clone();
    let opt_money = |v: Option<i64>, c: &str| v.map(|v| money(v, c)).unwrap_or_else(|| "—".into());
    let band_currency = a.band_currency.clone().unwrap_or_else(|| c.clone());
    let compared = a.compared_pay.map(|p| {
        format!(
            "{} ({})",
            money(p, &band_currency),
            a.basis.map(|b| b.label()).unwrap_or("base salary")
        )
    });
    let flags = a
        .flags
        .iter()
        .map(|f| view! { <li>{f.message()}</li> })
        .collect_view();
    let has_flags = !a.flags.is_empty();
    view! {
        <dl class="figures" data-testid="record-figures">
            <div><dt>"First-year total"</dt><dd>{opt_money(a.first_year_total, &c)}</dd></div>
            <div><dt>"Annualised total"</dt><dd>{opt_money(a.annualised_total, &c)}</dd></div>
            {compared.map(|t| view! { <div><dt>"Compared with the band"</dt><dd>{t}</dd></div> })}
            <div><dt>"Compa-ratio"</dt><dd>{a.compa_ratio.map(|r| format!("{r:.2}")).unwrap_or_else(|| "—".into())}</dd></div>
            <div><dt>"Range penetration"</dt><dd>{a.range_penetration.map(percent).unwrap_or_else(|| "—".into())}</dd></div>
            <div><dt>"Percentile"</dt><dd>{a.percentile.as_ref().map(|p| p.describe()).unwrap_or_else(|| "—".into())}</dd></div>
        </dl>
        {a.band_of.clone().filter(|_| a.compa_ratio.is_some()).map(|band| {
            let against = a.compa_reference.clone().unwrap_or_default();
            view! { <p class="hint" data-testid="measured-against">{format!("Compa-ratio, range penetration and percentile are measured against {band}; the compa-ratio divides by its {against}.")}</p> }
        })}
        {conversion.filter(|_| a.compared_pay.is_some()).map(|t| view! { <p class="conversion hint" data-testid="conversion">{t}</p> })}
        {has_flags.then(|| view! {
            <div role="status" aria-label="Notes on this record"><ul class="flags">{flags}</ul></div>
        })}
    }
}

#[component]
pub fn ExchangeRates() -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let ids = Memo::new(move |_| {
        career.with(|c| {
            c.exchange_rates
                .iter()
                .map(|r| r.id.to_string())
                .collect::<Vec<_>>()
        })
    });
    let missing = Memo::new(move |_| {
        career.with(|c| {
            unlinked_currencies(c)
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
        })
    });
    let add = move |_| {
        state.edit("career:add-rate", |plan: &mut Plan| {
            add_exchange_rate(
                plan,
                ExchangeRate {
                    from: "EUR".into(),
                    to: "USD".into(),
                    rate: 1.0,
                    date: Some(crate::ui::clock::today()),
                    ..ExchangeRate::default()
                },
            );
        })
    };
    view! {
        <section class="card" aria-labelledby="career-rates-title">
            <h2 id="career-rates-title">"Exchange rates"</h2>
            <p class="hint">"Nothing is converted without a rate you enter, with its date and source."</p>
            {move || {
                let m = missing.get();
                (!m.is_empty()).then(|| view! {
                    <div class="banner warn" role="alert">
                        <p>{m.join(" ")}</p>
                    </div>
                })
            }}
            <For each=move || ids.get() key=|id| id.clone() children=move |id| view! { <RateRow id /> } />
            <div class="actions no-print">
                <button type="button" on:click=add>"Add an exchange rate"</button>
            </div>
        </section>
    }
}

#[component]
fn RateRow(id: String) -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let rid = id.clone();
    let rate = Memo::new(move |_| {
        career.with(|c| {
            c.exchange_rates
                .iter()
                .find(|r| r.id == rid)
                .cloned()
                .unwrap_or_default()
        })
    });
    let edit = move |field: &'static str, change: Box<dyn FnOnce(&mut ExchangeRate)>| {
        let id = rate.with_untracked(|r| r.id.to_string());
        edit_career(state, &format!("career:rate:{id}:{field}"), move |c| {
            if let Some(r) = c.exchange_rates.iter_mut().find(|r| r.id == id) {
                change(r);
            }
        });
    };
    let remove = move |_| {
        let id = rate.with_untracked(|r| r.id.to_string());
        edit_career(state, "career:remove-rate", move |c| {
            c.exchange_rates.retain(|r| r.id != id)
        });
    };
    view! {
        <div class="field-row rate-row">
            <TextField label="From" value=Signal::derive(move || rate.with(|r| r.from.clone()))
                on_change=Callback::new(move |v: String| edit("from", Box::new(move |r| r.from = v.trim().to_ascii_uppercase()))) />
            <TextField label="To" value=Signal::derive(move || rate.with(|r| r.to.clone()))
                on_change=Callback::new(move |v: String| edit("to", Box::new(move |r| r.to = v.trim().to_ascii_uppercase()))) />
            <NumberField label="Rate (1 From buys …)" min=0.0 value=Signal::derive(move || Some(rate.with(|r| r.rate)))
                on_change=Callback::new(move |v: Option<f64>| {
                    if let Some(v) = v.filter(|v| *v > 0.0) { edit("rate", Box::new(move |r| r.rate = v)) }
                }) />
            <DateField label="Date" value=Signal::derive(move || rate.with(|r| r.date))
                on_change=Callback::new(move |v| edit("date", Box::new(move |r| r.date = v))) />
            <TextField label="Source" placeholder="e.g. ECB reference rate" value=Signal::derive(move || rate.with(|r| r.source.clone()))
                on_change=Callback::new(move |v: String| edit("source", Box::new(move |r| r.source = v))) />
            <div class="field remove-cell">
                <button type="button" class="danger small no-print" on:click=remove>"Remove rate"</button>
            </div>
        </div>
    }
}
