//! Bring your own ladder: import tracks × levels × key areas × behaviours from a
//! spreadsheet (CSV, TSV) or a Markdown table, with a preview; export them back as CSV.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::career::ladder::{
    add_ladder, build_ladder, guess_mapping, ladder_csv, read_table, Ladder, LadderProblem,
    Mapping, Role, MAX_LADDER_BYTES,
};
use crate::core::plan::Plan;
use crate::core::schema::file_stem;
use crate::ui::state::use_app_state;
use crate::ui::widgets::{column_options, unique_id, SelectField, TextField};

/// The preview: the table's header, and the ladder or every problem.
type Preview = Option<(Vec<String>, Result<Ladder, Vec<LadderProblem>>)>;

#[component]
pub fn LadderImport() -> impl IntoView {
    let state = use_app_state();
    let text = RwSignal::new(String::new());
    let track_name = RwSignal::new("Imported ladder".to_string());
    // The user's choice of columns, once they change the guess; reset by new text.
    let chosen = RwSignal::new(None::<Mapping>);
    let status = RwSignal::new(None::<(bool, String)>);
    let preview: Memo<Preview> = Memo::new(move |_| {
        text.with(|t| {
            if t.trim().is_empty() {
                return None;
            }
            Some(match read_table(t) {
                Err(problems) => (Vec::new(), Err(problems)),
                Ok(table) => {
                    let mapping = chosen.get().unwrap_or_else(|| guess_mapping(&table.header));
                    let ladder = build_ladder(&table, &mapping, &track_name.get());
                    (table.header, ladder)
                }
            })
        })
    });
    let mapping = Memo::new(move |_| {
        chosen.get().unwrap_or_else(|| {
            preview.with(|p| {
                p.as_ref()
                    .map(|(header, _)| guess_mapping(header))
                    .unwrap_or_default()
            })
        })
    });
    let header = Memo::new(move |_| {
        preview.with(|p| p.as_ref().map(|(h, _)| h.clone()).unwrap_or_default())
    });
    let set_text = move |t: String| {
        chosen.set(None);
        status.set(None);
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
            match crate::transfer::read_text_file(&file, MAX_LADDER_BYTES).await {
                Ok(t) => set_text(t),
                Err(why) => status.set(Some((false, format!("{}: {why}", file.name())))),
            }
        });
    };
    let confirm = move |_| {
        let Some(ladder) = preview.with_untracked(|p| p.as_ref().and_then(|(_, l)| l.clone().ok()))
        else {
            return;
        };
        let summary = ladder.summary();
        state.edit("career:import-ladder", move |plan: &mut Plan| {
            add_ladder(plan, ladder);
        });
        text.set(String::new());
        chosen.set(None);
        status.set(Some((
            true,
            format!("Imported {summary}. Undo takes the import back."),
        )));
    };
    let text_id = unique_id("ladder-text");
    let file_id = unique_id("ladder-file");
    view! {
        <section class="card no-print ladder-import" aria-labelledby="career-ladder-title">
            <h2 id="career-ladder-title">"Bring your own ladder"</h2>
            <p class="hint">
                "Import your company's ladder from a spreadsheet (CSV or TSV, as it exports them) "
                "or a Markdown table: one row per behaviour, with columns for the level, its title, "
                "the key area and the behaviour; a track and a scope column are optional. "
                "Nothing changes until you confirm, and Undo takes an import back."
            </p>
            <div class="field">
                <label for=file_id.clone()>"Ladder file (CSV, TSV or Markdown)"</label>
                <input id=file_id type="file" accept=".csv,.tsv,.txt,.md,text/csv,text/tab-separated-values,text/markdown,text/plain" on:change=on_pick />
            </div>
            <div class="field">
                <label for=text_id.clone()>"Or paste the table"</label>
                <textarea id=text_id prop:value=move || text.get()
                    on:input=move |ev| set_text(event_target_value(&ev))></textarea>
            </div>
            <Show when=move || preview.with(Option::is_some)>
                <div class="ladder-preview" data-testid="ladder-preview">
                    <h3>"Preview"</h3>
                    // Rebuilt only when the header changes, so a select keeps focus.
                    {move || {
                        let header = header.get();
                        (!header.is_empty()).then(|| view! { <ColumnChoices header mapping chosen /> })
                    }}
                    <Show when=move || !header.with(Vec::is_empty) && mapping.with(|m| m.track.is_none())>
                        <TextField label="Name of the imported track" hint="Every row goes into this track, as no column names the track."
                            value=track_name on_change=Callback::new(move |v: String| track_name.set(v)) />
                    </Show>
                    {move || preview.with(|p| p.as_ref().map(|(_, r)| r.clone())).map(|result| match result {
                        Err(problems) => view! {
                            <div class="banner warn" role="alert">
                                <p>{match problems.len() {
                                    1 => "1 problem to fix before importing; nothing has changed:".to_string(),
                                    n => format!("{n} problems to fix before importing; nothing has changed:"),
                                }}</p>
                                <ul class="compact-list" data-testid="ladder-problems">
                                    {problems.iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}
                                </ul>
                            </div>
                        }.into_any(),
                        Ok(ladder) => view! {
                            <LadderSummary ladder />
                            <button type="button" class="primary" on:click=confirm>"Import the ladder"</button>
                        }.into_any(),
                    })}
                </div>
            </Show>
            <div role="status">
                {move || status.get().map(|(ok, t)| view! { <p class=if ok { "badge ok" } else { "badge bad" }>{t}</p> })}
            </div>
            <ExportLadder />
        </section>
    }
}

/// One select per role: which column of the table holds it.
#[component]
fn ColumnChoices(
    header: Vec<String>,
    mapping: Memo<Mapping>,
    chosen: RwSignal<Option<Mapping>>,
) -> impl IntoView {
    let columns = column_options(&header);
    let selects = Role::ALL
        .into_iter()
        .map(|role| {
            let value = Signal::derive(move || {
                mapping.with(|m| m.get(role).map(|i| i.to_string()).unwrap_or_default())
            });
            view! {
                <SelectField label=format!("{} column", role.label()) options=columns.clone() value
                    on_change=Callback::new(move |v: String| {
                        let mut m = mapping.get_untracked();
                        m.set(role, v.parse().ok());
                        chosen.set(Some(m));
                    }) />
            }
        })
        .collect_view();
    view! {
        <fieldset class="ladder-columns">
            <legend>"Which column is what"</legend>
            <div class="field-row">{selects}</div>
        </fieldset>
    }
}

#[component]
fn LadderSummary(ladder: Ladder) -> impl IntoView {
    let tracks = ladder
        .tracks
        .iter()
        .map(|t| {
            let levels: Vec<String> = t
                .levels
                .iter()
                .map(|l| {
                    if l.title == l.code {
                        format!("{} (scope {})", l.title, l.scope.label().to_lowercase())
                    } else {
                        format!(
                            "{} {} (scope {})",
                            l.code,
                            l.title,
                            l.scope.label().to_lowercase()
                        )
                    }
                })
                .collect();
            let areas: Vec<String> = t.key_areas.iter().map(|a| a.name.clone()).collect();
            view! {
                <li>
                    <strong>{t.name.clone()}</strong>
                    {format!(": levels {}; key areas {}.", levels.join(", "), if areas.is_empty() { "none".to_string() } else { areas.join(", ") })}
                </li>
            }
        })
        .collect_view();
    view! {
        <p role="status" data-testid="ladder-summary">{format!("Ready to import: {}.", ladder.summary())}</p>
        <ul class="compact-list">{tracks}</ul>
        {ladder.scope_missing.then(|| view! {
            <p class="hint">"The table has no scope column: every level starts at scope Self. Set each level's scope under Tracks and levels after importing."</p>
        })}
    }
}

#[component]
fn ExportLadder() -> impl IntoView {
    let state = use_app_state();
    let status = RwSignal::new(None::<(bool, String)>);
    let has_tracks = move || {
        state
            .plan
            .with(|p| p.as_ref().is_some_and(|p| !p.career.tracks.is_empty()))
    };
    let export = move |_| {
        let Some((name, text)) = state.plan.with_untracked(|p| {
            p.as_ref()
                .map(|p| (file_stem(&p.name), ladder_csv(&p.career)))
        }) else {
            return;
        };
        let result = crate::transfer::download(&format!("{name}-ladder.csv"), "text/csv", &text);
        status.set(Some(match result {
            Ok(()) => (true, "The ladder was downloaded as CSV.".into()),
            Err(e) => (false, e),
        }));
    };
    view! {
        <Show when=has_tracks>
            <div class="actions">
                <button type="button" on:click=export>"Export the ladder (CSV)"</button>
            </div>
            <div role="status">
                {move || status.get().map(|(ok, t)| view! { <p class=if ok { "badge ok" } else { "badge bad" }>{t}</p> })}
            </div>
        </Show>
    }
}
