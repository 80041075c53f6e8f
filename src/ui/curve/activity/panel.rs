//! The activity-file import: the file, which column is what, the rules, the dates, then the
//! counts to confirm. Nothing changes until Confirm; the file's text and everything read from
//! it live in this panel only and go when it closes.

use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::curve::activity::count::{count, default_dates, Counted};
use crate::core::curve::activity::dates::{typed_dates, typed_offset, SlashOrder, Zone};
use crate::core::curve::activity::read::{
    guess_mapping, read_activities, read_head, Activities, ActivityProblem, Head, Mapping,
    ReadOptions, Role, MAX_ACTIVITY_BYTES,
};
use crate::core::curve::activity::rules::{template_rules, typed_form, typed_rules, TypedRule};
use crate::core::curve::activity::{group_thousands, ActivityRules};
use crate::ui::state::use_app_state;
use crate::ui::widgets::{column_options, unique_id, SelectField, TextField};

use super::result::{CountedPreview, ReadSummary};
use super::rules_form::RulesForm;

/// The promise made before the file is read.
const PRIVACY: &str = "The file is read in this browser and never uploaded. Member identifiers \
stay here: Trellis counts members per stage and keeps only the counts, the rules and the file's \
name, row count and dates. Closing this panel forgets the file.";

#[component]
pub fn ActivityImport(close: Callback<()>) -> impl IntoView {
    let state = use_app_state();
    let text = RwSignal::new(String::new());
    let file_name = RwSignal::new(String::new());
    let status = RwSignal::new(None::<(bool, String)>);
    // The user's choices, once they change the guesses; reset by a new file.
    let chosen_mapping = RwSignal::new(None::<Mapping>);
    let options = RwSignal::new(ReadOptions::default());
    let rules_typed = RwSignal::new(None::<Vec<TypedRule>>);
    let threshold_typed = RwSignal::new(None::<String>);
    let dates_typed = RwSignal::new(None::<String>);

    let head: Memo<Option<Result<Head, Vec<ActivityProblem>>>> =
        Memo::new(move |_| text.with(|t| (!t.trim().is_empty()).then(|| read_head(t))));
    let mapping = Memo::new(move |_| {
        chosen_mapping.get().unwrap_or_else(|| {
            head.with(|h| match h {
                Some(Ok(h)) => guess_mapping(&h.header),
                _ => Mapping::default(),
            })
        })
    });
    let activities: Memo<Option<Result<Activities, Vec<ActivityProblem>>>> = Memo::new(move |_| {
        let mapping = mapping.get();
        let options = options.get();
        head.with(|h| match h {
            Some(Ok(h)) => text.with(|t| Some(read_activities(t, h, &mapping, options))),
            _ => None,
        })
    });
    // The plan's rules, or the starting point for this curve.
    let base_rules = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref().map_or((ActivityRules::default(), false), |p| {
                match &p.curve.activity_rules {
                    Some(r) => (r.clone(), false),
                    None => (template_rules(&p.curve), true),
                }
            })
        })
    });
    let form = Memo::new(move |_| {
        rules_typed.get().unwrap_or_else(|| {
            state.plan.with(|p| {
                p.as_ref()
                    .map(|p| typed_form(&p.curve, &base_rules.with(|b| b.0.clone())))
                    .unwrap_or_default()
            })
        })
    });
    let threshold = Memo::new(move |_| {
        threshold_typed
            .get()
            .unwrap_or_else(|| base_rules.with(|b| b.0.threshold.to_string()))
    });
    let rules: Memo<Result<ActivityRules, Vec<String>>> = Memo::new(move |_| {
        let typed = form.get();
        let threshold = threshold.get();
        state.plan.with(|p| match p {
            Some(p) => base_rules.with(|b| typed_rules(&p.curve, &b.0, &typed, &threshold)),
            None => Err(Vec::new()),
        })
    });
    let file_span = Memo::new(move |_| {
        activities.with(|a| match a {
            Some(Ok(a)) => a.first_date.zip(a.last_date),
            _ => None,
        })
    });
    let dates_text = Memo::new(move |_| {
        dates_typed.get().unwrap_or_else(|| {
            file_span
                .get()
                .map(|(a, b)| {
                    default_dates(a, b)
                        .iter()
                        .map(NaiveDate::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
        })
    });
    let counted: Memo<Option<Result<Counted, Vec<String>>>> = Memo::new(move |_| {
        let rules = match rules.get() {
            Ok(r) => r,
            Err(problems) => return Some(Err(problems)),
        };
        let dates = match typed_dates(&dates_text.get()) {
            Ok(d) => d,
            Err(problems) => return Some(Err(problems)),
        };
        let name = file_name.get();
        activities.with(|a| {
            let Some(Ok(a)) = a else { return None };
            state.plan.with(|p| {
                let p = p.as_ref()?;
                Some(
                    count(&p.curve, &rules, a, &dates, None, &name)
                        .map_err(|e| vec![e.to_string()]),
                )
            })
        })
    });

    let set_text = move |name: String, t: String| {
        chosen_mapping.set(None);
        dates_typed.set(None);
        status.set(None);
        file_name.set(name);
        text.set(t);
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let Some(input) = input else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            match crate::transfer::read_text_file(&file, MAX_ACTIVITY_BYTES).await {
                Ok(t) => set_text(file.name(), t),
                Err(why) => status.set(Some((false, format!("{}: {why}", file.name())))),
            }
        });
    };
    let confirm = move |_| {
        let Some(Ok(result)) = counted.get_untracked() else {
            return;
        };
        let n = result.dates.len();
        let source = result.counted_from.sentence();
        state.edit_step(move |plan| {
            crate::core::curve::activity::count::add_counts(plan, result);
        });
        // The file goes: only the counts stay, in the plan.
        text.set(String::new());
        file_name.set(String::new());
        status.set(Some((
            true,
            format!(
                "Added {n} snapshot{} with flows. {source} Undo takes them back.",
                if n == 1 { "" } else { "s" }
            ),
        )));
    };

    let file_id = unique_id("activity-file");
    let text_id = unique_id("activity-text");
    let has_head = move || head.with(|h| matches!(h, Some(Ok(_))));
    view! {
        <section id="activity-import" class="card-inset activity-import no-print" aria-labelledby="activity-import-title" data-testid="activity-import">
            <h3 id="activity-import-title">"Count from an activity file"</h3>
            <p class="banner info" data-testid="activity-privacy">{PRIVACY}</p>
            <p class="hint">
                "An export of who did what when: a forum's user actions, a chat's messages, a code host's commits and reviews, an event tool's attendance. "
                "CSV, TSV or JSON Lines, with a column for the member and one for the date; an activity type and a channel are optional."
            </p>
            <div class="field">
                <label for=file_id.clone()>"Activity file (CSV, TSV or JSON Lines)"</label>
                <input id=file_id type="file" accept=".csv,.tsv,.txt,.jsonl,.ndjson,.json,text/csv,text/tab-separated-values,text/plain,application/x-ndjson" on:change=on_pick />
            </div>
            <details class="activity-paste">
                <summary>"Or paste the rows"</summary>
                <div class="field">
                    <label for=text_id.clone()>"Rows, with a header line"</label>
                    <textarea id=text_id prop:value=move || if file_name.with(String::is_empty) { text.get() } else { String::new() }
                        on:change=move |ev| set_text(String::new(), event_target_value(&ev))></textarea>
                </div>
            </details>
            {move || head.with(|h| match h {
                Some(Err(problems)) => Some(view! { <Problems problems=problems.clone() /> }.into_any()),
                _ => None,
            })}
            <Show when=has_head>
                <h4>"Which column is what"</h4>
                {move || head.with(|h| match h {
                    Some(Ok(h)) => Some(view! { <ColumnChoices head=h.clone() mapping chosen=chosen_mapping /> }),
                    _ => None,
                })}
                <ReadSummary activities />
                <h4>"Stage rules"</h4>
                <RulesForm form rules_typed rules from_template=Signal::derive(move || base_rules.with(|b| b.1))
                    types=Signal::derive(move || activities.with(|a| match a {
                        Some(Ok(a)) => a.types.iter().take(12).map(|(t, n)| (t.clone(), *n)).collect(),
                        _ => Vec::new(),
                    })) />
                <h4>"Dates to count on"</h4>
                <TextField label="Dates (YYYY-MM-DD, separated by commas)"
                    hint="Members are counted in their stage on each date; flows run from each date to the next. By default the last day of each month the file covers, at most 12."
                    value=Signal::derive(move || dates_text.get())
                    on_change=Callback::new(move |v: String| dates_typed.set(Some(v))) testid="activity-dates" />
                <Advanced options threshold threshold_typed />
                <CountedPreview counted />
                <div class="actions">
                    <button type="button" class="primary" data-testid="activity-confirm"
                        disabled=move || !matches!(counted.get(), Some(Ok(_)))
                        on:click=confirm>"Confirm: add these snapshots and flows"</button>
                    <button type="button" on:click=move |_| close.run(())>"Cancel"</button>
                </div>
            </Show>
            <div role="status" data-testid="activity-status">
                {move || status.get().map(|(ok, t)| view! { <p class=if ok { "badge ok" } else { "badge bad" }>{t}</p> })}
            </div>
        </section>
    }
}

/// Problems that stop the file from being read at all.
#[component]
pub(super) fn Problems(problems: Vec<ActivityProblem>) -> impl IntoView {
    view! {
        <div class="banner bad" role="alert" data-testid="activity-problems">
            <p>"The file could not be read; nothing has changed:"</p>
            <ul class="compact-list">
                {problems.iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// One select per role, and the first rows as the mapping reads them.
#[component]
fn ColumnChoices(
    head: Head,
    mapping: Memo<Mapping>,
    chosen: RwSignal<Option<Mapping>>,
) -> impl IntoView {
    let columns = column_options(&head.header);
    let selects = Role::ALL
        .into_iter()
        .map(|role| {
            let value = Signal::derive(move || {
                mapping.with(|m| m.get(role).map(|i| i.to_string()).unwrap_or_default())
            });
            view! {
                <SelectField label=role.column_label() options=columns.clone() value
                    on_change=Callback::new(move |v: String| {
                        let mut m = mapping.get_untracked();
                        m.set(role, v.parse().ok());
                        chosen.set(Some(m));
                    }) />
            }
        })
        .collect_view();
    let shape = head.shape.label();
    let preview = head.preview.clone();
    let cell = move |row: &[String], role: Role| {
        mapping
            .with(|m| m.get(role))
            .and_then(|i| row.get(i).cloned())
            .unwrap_or_default()
    };
    view! {
        <fieldset class="ladder-columns">
            <legend>"Columns of this " {shape} " file"</legend>
            <div class="field-row">{selects}</div>
        </fieldset>
        <div class="table-wrap" tabindex="0" role="region" aria-label="The first rows as they will be read">
            <table class="compact" data-testid="activity-preview">
                <caption>"The first rows as they will be read (shown here only)"</caption>
                <thead><tr>{Role::ALL.iter().map(|r| view! { <th scope="col">{r.label()}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {move || preview.iter().map(|row| view! {
                        <tr>{Role::ALL.iter().map(|r| view! { <td>{cell(row, *r)}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// How dates are read and small counts shown: one step away.
#[component]
fn Advanced(
    options: RwSignal<ReadOptions>,
    threshold: Memo<String>,
    threshold_typed: RwSignal<Option<String>>,
) -> impl IntoView {
    let slash_options = vec![
        (
            "file".to_string(),
            "As the file shows (a part over 12 tells)".to_string(),
        ),
        ("month".to_string(), "Month first (3/25/2026)".to_string()),
        ("day".to_string(), "Day first (25/3/2026)".to_string()),
    ];
    let slash = Signal::derive(move || {
        match options.with(|o| o.slash) {
            SlashOrder::FromFile => "file",
            SlashOrder::MonthFirst => "month",
            SlashOrder::DayFirst => "day",
        }
        .to_string()
    });
    let zone_text = RwSignal::new(String::new());
    let zone_problem = RwSignal::new(None::<String>);
    let set_zone = move |v: String| {
        zone_text.set(v.clone());
        if v.trim().is_empty() {
            zone_problem.set(None);
            options.update(|o| o.zone = Zone::AsWritten);
            return;
        }
        match typed_offset(&v) {
            Some(minutes) => {
                zone_problem.set(None);
                options.update(|o| o.zone = Zone::Offset(minutes));
            }
            None => zone_problem.set(Some(format!(
                "`{}` is not a zone Trellis reads; write UTC or an offset such as +09:00. Dates are read as written until then.",
                v.trim()
            ))),
        }
    };
    view! {
        <details class="activity-advanced" data-testid="activity-advanced">
            <summary>"Advanced: how dates are read, small counts"</summary>
            <SelectField label="Slash dates such as 3/5/2026" options=slash_options value=slash
                hint="Dates with dots (05.03.2026) are always day first; ISO dates (2026-03-05) are never ambiguous."
                on_change=Callback::new(move |v: String| options.update(|o| o.slash = match v.as_str() {
                    "month" => SlashOrder::MonthFirst,
                    "day" => SlashOrder::DayFirst,
                    _ => SlashOrder::FromFile,
                })) />
            <TextField label="Count dates in this zone (blank: the date each row was written with)"
                hint="A time with a zone (2026-03-31T23:30:00-05:00) counts on the date it shows, 31 March, unless a zone is chosen here: then UTC moves it to 1 April. Times without a zone are taken as already in it."
                value=Signal::derive(move || zone_text.get()) on_change=Callback::new(set_zone) />
            {move || zone_problem.get().map(|p| view! { <p class="badge bad" role="alert">{p}</p> })}
            <TextField label="Show counts under this many as “fewer than …” in exports"
                hint="Small counts of people can point to people. 0 shows every count."
                value=Signal::derive(move || threshold.get())
                on_change=Callback::new(move |v: String| threshold_typed.set(Some(v))) />
        </details>
    }
}

/// "1,234 rows" for the summaries.
pub(super) fn rows(n: u64) -> String {
    format!(
        "{} row{}",
        group_thousands(n),
        if n == 1 { "" } else { "s" }
    )
}
