//! Editing tracks: name, family, kind and HR's note; levels with their bands; key areas
//! with the behaviour expected at each level.

use leptos::prelude::*;

use super::band::BandEditor;
use super::{career_ctx, edit_career, edit_level, edit_track};
use crate::core::career::edit::{add_key_area, add_level, remove_level, set_behaviour};
use crate::core::career::{Family, Scope, TrackKind};
use crate::core::edits::{remove_key_area_everywhere, remove_track_everywhere};
use crate::core::plan::Plan;
use crate::ui::state::use_app_state;
use crate::ui::widgets::{NumberField, SelectField, TextField};

const KINDS: [TrackKind; 2] = [TrackKind::IndividualContributor, TrackKind::Manager];

#[component]
pub fn TrackEditor() -> impl IntoView {
    let career = career_ctx();
    let ids = Memo::new(move |_| {
        career.with(|c| {
            c.tracks
                .iter()
                .map(|t| t.id.to_string())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card" aria-labelledby="career-tracks-title">
            <h2 id="career-tracks-title">"Tracks and levels"</h2>
            <p class="hint">"Open a track to edit its levels, bands, key areas and behaviours. Levels of the same rank are compared across tracks."</p>
            <For each=move || ids.get() key=|id| id.clone() children=move |id| view! { <TrackCard id /> } />
        </section>
    }
}

#[component]
fn TrackCard(id: String) -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let tid = StoredValue::new(id);
    let track = Memo::new(move |_| {
        career.with(|c| {
            tid.with_value(|id| c.track(id).cloned())
                .unwrap_or_default()
        })
    });
    let name = Memo::new(move |_| {
        track.with(|t| {
            if t.name.trim().is_empty() {
                "Untitled track".to_string()
            } else {
                t.name.clone()
            }
        })
    });
    let key = move |f: &str| format!("career:track:{}:{f}", tid.get_value());
    let level_ids = Memo::new(move |_| {
        track.with(|t| {
            let mut levels: Vec<(u32, String)> = t
                .levels
                .iter()
                .map(|l| (l.rank, l.id.to_string()))
                .collect();
            levels.sort();
            levels.into_iter().map(|(_, id)| id).collect::<Vec<_>>()
        })
    });
    let area_ids = Memo::new(move |_| {
        track.with(|t| {
            t.key_areas
                .iter()
                .map(|a| a.id.to_string())
                .collect::<Vec<_>>()
        })
    });
    let summary = move || {
        track.with(|t| {
            format!(
                "{} levels · {} · {}",
                t.levels.len(),
                t.family.label(),
                t.kind.label()
            )
        })
    };
    let remove = move |_| {
        let id = tid.get_value();
        let mut error = None;
        state.edit("career:remove-track", |plan: &mut Plan| {
            error = remove_track_everywhere(plan, &id).err()
        });
        if let Some(e) = error {
            state.notify(e.to_string(), None);
        }
    };
    let add_lvl = move |_| {
        let id = tid.get_value();
        state.edit("career:add-level", move |plan: &mut Plan| {
            let _ = add_level(plan, &id, "New level");
        });
    };
    let add_area = move |_| {
        let id = tid.get_value();
        state.edit("career:add-area", move |plan: &mut Plan| {
            let _ = add_key_area(plan, &id, "New key area");
        });
    };
    view! {
        <details class="track-card">
            <summary><span class="track-name">{move || name.get()}</span> " " <span class="hint">{summary}</span></summary>
            <div class="field-row">
                <TextField label="Track name" value=Signal::derive(move || track.with(|t| t.name.clone()))
                    on_change=Callback::new(move |v: String| edit_track(state, &tid.get_value(), &key("name"), move |t| t.name = v)) />
                <SelectField label="Family"
                    options=Family::ALL.iter().map(|f| (format!("{f:?}"), f.label().to_string())).collect()
                    value=Signal::derive(move || track.with(|t| format!("{:?}", t.family)))
                    on_change=Callback::new(move |v: String| {
                        let family = Family::ALL.into_iter().find(|f| format!("{f:?}") == v).unwrap_or_default();
                        edit_track(state, &tid.get_value(), &key("family"), move |t| t.family = family)
                    }) />
                <SelectField label="Individual contributor or manager"
                    options=KINDS.iter().map(|k| (format!("{k:?}"), k.label().to_string())).collect()
                    value=Signal::derive(move || track.with(|t| format!("{:?}", t.kind)))
                    on_change=Callback::new(move |v: String| {
                        let kind = KINDS.into_iter().find(|k| format!("{k:?}") == v).unwrap_or_default();
                        edit_track(state, &tid.get_value(), &key("kind"), move |t| t.kind = kind)
                    }) />
            </div>
            <TextField label="How HR classifies this track" multiline=true
                value=Signal::derive(move || track.with(|t| t.hr_classification.clone()))
                on_change=Callback::new(move |v: String| edit_track(state, &tid.get_value(), &key("hr"), move |t| t.hr_classification = v)) />

            <h3>"Levels"</h3>
            <Show when=move || level_ids.with(|l| l.is_empty())>
                <p class="hint">"No levels yet: add the first one."</p>
            </Show>
            <For each=move || level_ids.get() key=|id| id.clone() children=move |id| view! { <LevelCard id /> } />
            <div class="actions no-print">
                <button type="button" on:click=add_lvl>"Add a level"<span class="visually-hidden">" to " {move || name.get()}</span></button>
            </div>

            <h3>"Key areas and behaviours"</h3>
            <Show when=move || area_ids.with(|a| a.is_empty())>
                <p class="hint">"No key areas yet. Key areas (e.g. Program delivery) say what is expected at each level."</p>
            </Show>
            <For each=move || area_ids.get() key=|id| id.clone()
                children=move |id| view! { <KeyAreaCard track_id=tid.get_value() id /> } />
            <div class="actions no-print">
                <button type="button" on:click=add_area>"Add a key area"<span class="visually-hidden">" to " {move || name.get()}</span></button>
                <button type="button" class="danger" on:click=remove>"Remove track"<span class="visually-hidden">" " {move || name.get()}</span></button>
            </div>
        </details>
    }
}

#[component]
fn LevelCard(id: String) -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let lid = StoredValue::new(id);
    let level = Memo::new(move |_| {
        career.with(|c| {
            lid.with_value(|id| c.level(id).map(|(_, l)| l.clone()))
                .unwrap_or_default()
        })
    });
    let key = move |f: &str| format!("career:level:{}:{f}", lid.get_value());
    let heading = move || level.with(|l| format!("Rank {} · {} {}", l.rank, l.code, l.title));
    let remove = move |_| {
        let id = lid.get_value();
        let mut error = None;
        edit_career(state, "career:remove-level", |c| {
            error = remove_level(c, &id).err()
        });
        if let Some(e) = error {
            state.notify(e.to_string(), None);
        }
    };
    view! {
        <div class="level-card">
            <h4>{heading}</h4>
            <div class="field-row">
                <TextField label="Code" value=Signal::derive(move || level.with(|l| l.code.clone()))
                    on_change=Callback::new(move |v: String| edit_level(state, &lid.get_value(), &key("code"), move |l| l.code = v)) />
                <TextField label="Title" value=Signal::derive(move || level.with(|l| l.title.clone()))
                    on_change=Callback::new(move |v: String| edit_level(state, &lid.get_value(), &key("title"), move |l| l.title = v)) />
                <NumberField label="Rank" min=1.0 max=20.0 step="1" hint="Same rank = compared across tracks"
                    value=Signal::derive(move || Some(f64::from(level.with(|l| l.rank))))
                    on_change=Callback::new(move |v: Option<f64>| {
                        if let Some(r) = v.filter(|r| (1.0..=20.0).contains(r)) {
                            edit_level(state, &lid.get_value(), &key("rank"), move |l| l.rank = r.round() as u32)
                        }
                    }) />
                <SelectField label="Scope"
                    options=Scope::ALL.iter().map(|s| (format!("{s:?}"), s.label().to_string())).collect()
                    value=Signal::derive(move || level.with(|l| format!("{:?}", l.scope)))
                    on_change=Callback::new(move |v: String| {
                        let scope = Scope::ALL.into_iter().find(|s| format!("{s:?}") == v).unwrap_or_default();
                        edit_level(state, &lid.get_value(), &key("scope"), move |l| l.scope = scope)
                    }) />
                <NumberField label="Years from" min=0.0 max=60.0 step="1"
                    value=Signal::derive(move || Some(f64::from(level.with(|l| l.typical_years.min))))
                    on_change=Callback::new(move |v: Option<f64>| {
                        let years = v.unwrap_or(0.0).clamp(0.0, 60.0).round() as u32;
                        edit_level(state, &lid.get_value(), &key("ymin"), move |l| l.typical_years.min = years)
                    }) />
                <NumberField label="Years to" min=0.0 max=60.0 step="1" hint="Empty: open-ended"
                    value=Signal::derive(move || level.with(|l| l.typical_years.max.map(f64::from)))
                    on_change=Callback::new(move |v: Option<f64>| {
                        let years = v.map(|v| v.clamp(0.0, 60.0).round() as u32);
                        edit_level(state, &lid.get_value(), &key("ymax"), move |l| l.typical_years.max = years)
                    }) />
            </div>
            <details class="band-details">
                <summary>{move || level.with(|l| match &l.band {
                    Some(b) => format!("Band: {}", crate::core::career::brief::band_summary(b)),
                    None => "Band: none yet".to_string(),
                })}</summary>
                <BandEditor level_id=lid.get_value() />
            </details>
            <div class="actions no-print">
                <button type="button" class="danger small" on:click=remove>"Remove level"<span class="visually-hidden">" " {move || level.with(|l| l.title.clone())}</span></button>
            </div>
        </div>
    }
}

#[component]
fn KeyAreaCard(track_id: String, id: String) -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let aid = StoredValue::new(id);
    let tid = StoredValue::new(track_id);
    let area = Memo::new(move |_| {
        career.with(|c| {
            tid.with_value(|t| {
                c.track(t).and_then(|t| {
                    aid.with_value(|a| t.key_areas.iter().find(|k| &k.id == a).cloned())
                })
            })
            .unwrap_or_default()
        })
    });
    let levels = Memo::new(move |_| {
        career.with(|c| {
            let mut levels: Vec<(u32, String, String)> = tid
                .with_value(|t| {
                    c.track(t).map(|t| {
                        t.levels
                            .iter()
                            .map(|l| (l.rank, l.id.to_string(), l.title.clone()))
                            .collect()
                    })
                })
                .unwrap_or_default();
            levels.sort();
            levels
        })
    });
    let edit_area =
        move |f: &'static str, change: Box<dyn FnOnce(&mut crate::core::career::KeyArea)>| {
            let a = aid.get_value();
            edit_track(
                state,
                &tid.get_value(),
                &format!("career:area:{a}:{f}"),
                move |t| {
                    if let Some(k) = t.key_areas.iter_mut().find(|k| k.id == a) {
                        change(k);
                    }
                },
            );
        };
    let remove = move |_| {
        let a = aid.get_value();
        state.edit("career:remove-area", move |plan: &mut Plan| {
            let _ = remove_key_area_everywhere(plan, &a);
        });
    };
    view! {
        <fieldset class="key-area">
            <legend>{move || area.with(|a| a.name.clone())}</legend>
            <div class="field-row">
                <TextField label="Key area" value=Signal::derive(move || area.with(|a| a.name.clone()))
                    on_change=Callback::new(move |v: String| edit_area("name", Box::new(move |a| a.name = v))) />
                <TextField label="What it covers" value=Signal::derive(move || area.with(|a| a.description.clone()))
                    on_change=Callback::new(move |v: String| edit_area("description", Box::new(move |a| a.description = v))) />
            </div>
            <For each=move || levels.get() key=|(_, id, title)| (id.clone(), title.clone())
                children=move |(_, level_id, title)| {
                    let lid = StoredValue::new(level_id);
                    view! {
                        <TextField label=format!("Expected at {title}") multiline=true
                            value=Signal::derive(move || area.with(|a| lid.with_value(|l| a.behaviours.iter().find(|b| &b.level_id == l).map(|b| b.text.clone())).unwrap_or_default()))
                            on_change=Callback::new(move |v: String| {
                                let a = aid.get_value();
                                let l = lid.get_value();
                                state.edit(&format!("career:behaviour:{a}:{l}"), move |plan: &mut Plan| {
                                    let _ = set_behaviour(plan, &a, &l, &v);
                                });
                            }) />
                    }
                } />
            <div class="actions no-print">
                <button type="button" class="danger small" on:click=remove>"Remove key area"<span class="visually-hidden">" " {move || area.with(|a| a.name.clone())}</span></button>
            </div>
        </fieldset>
    }
}
