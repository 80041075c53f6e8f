//! Parity across tracks, and the self-assessment against a target level with evidence.

use leptos::prelude::*;

use super::evidence::EvidenceCard;
use super::other_plans::{provide_other_plans, use_other_plans};
use super::{career_ctx, edit_career, level_options};
use crate::core::career::edit::{
    add_evidence, add_self_assessment, rate_behaviour, retarget_track, set_target_level,
};
use crate::core::career::format::percent;
use crate::core::career::parity::{parity_gaps, parity_summary};
use crate::core::career::readiness::{behaviour_view, BehaviourView};
use crate::core::career::readiness::{default_target_level, readiness};
use crate::core::career::scope_check::{evidence_from_goal, offered_evidence, WorkItem};
use crate::core::career::{Evidence, Rating};
use crate::core::plan::Plan;
use crate::ui::section_index::Collapsible;
use crate::ui::state::use_app_state;
use crate::ui::widgets::{unique_id, SelectField};

/// One part of a [`BehaviourView`]: its open or its folded behaviours, by key area.
type ViewPart = fn(&BehaviourView) -> &Vec<(String, Vec<String>)>;

const RATINGS: [Rating; 3] = [Rating::WorkingTowards, Rating::Meeting, Rating::Exceeding];

#[component]
pub fn Parity() -> impl IntoView {
    let career = career_ctx();
    let gaps = Memo::new(move |_| {
        career.with(|c| {
            parity_gaps(c)
                .iter()
                .map(|g| g.message())
                .collect::<Vec<_>>()
        })
    });
    // Colour and words from one computation: with fewer than two tracks there is nothing to
    // line up, which is neutral, not "no gaps".
    let summary = Memo::new(move |_| career.with(parity_summary));
    view! {
        <section class="card" aria-labelledby="career-parity-title">
            <h2 id="career-parity-title">"Parity across tracks"</h2>
            <p class="hint">"Tracks of the same kind should have the same levels, ranks that line up, and scope that widens as level rises."</p>
            {move || {
                let summary = summary.get();
                let gaps = gaps.get();
                view! {
                    <div class=summary.tone.banner_class() role="status" data-testid="parity-summary">
                        <p>{summary.text}</p>
                    </div>
                    {(!gaps.is_empty()).then(|| view! {
                        <ul class="compact-list" data-testid="parity-gaps">
                            {gaps.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}
                        </ul>
                    })}
                }
            }}
        </section>
    }
}

#[component]
pub fn SelfAssessments() -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let ids = Memo::new(move |_| {
        career.with(|c| {
            c.self_assessments
                .iter()
                .map(|a| a.id.to_string())
                .collect::<Vec<_>>()
        })
    });
    let options = Memo::new(move |_| career.with(level_options));
    let needed = Memo::new(move |_| {
        career.with(|c| c.self_assessments.iter().any(|a| !a.evidence.is_empty()))
    });
    provide_other_plans(needed);
    let target = RwSignal::new(String::new());
    // Until one is chosen, the level above the role under discussion: the select never shows
    // a blank, and it says what "Start" will use (issue 31).
    let shown_target = Signal::derive(move || {
        let chosen = target.get();
        let known = options.with(|o| o.iter().any(|(id, _)| *id == chosen));
        if known {
            chosen
        } else {
            career.with(default_target_level).unwrap_or_default()
        }
    });
    let start = move |_| {
        let chosen = shown_target.get_untracked();
        let level = (!chosen.is_empty()).then_some(chosen);
        if let Some(level) = level {
            state.edit("career:add-assessment", move |plan: &mut Plan| {
                let _ = add_self_assessment(plan, &level);
            });
        }
    };
    view! {
        <section class="card" aria-labelledby="career-assess-title">
            <h2 id="career-assess-title">"Self-assessment"</h2>
            <p class="hint">"Rate yourself against the behaviours of the level you are aiming for, and attach the results that show it."</p>
            <For each=move || ids.get() key=|id| id.clone() children=move |id| view! { <AssessmentCard id /> } />
            <div class="field-row no-print">
                {move || view! {
                    <SelectField label="Target level" options=options.get() value=shown_target
                        on_change=Callback::new(move |v: String| target.set(v)) />
                }}
                <div class="field align-end">
                    <button type="button" on:click=start>"Start a self-assessment"</button>
                </div>
            </div>
        </section>
    }
}

#[component]
fn AssessmentCard(id: String) -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let others = use_other_plans();
    let aid = StoredValue::new(id);
    let ready = Memo::new(move |_| {
        career.with(|c| aid.with_value(|a| c.self_assessment(a).and_then(|a| readiness(c, a))))
    });
    let target = Memo::new(move |_| {
        career.with(|c| {
            aid.with_value(|a| {
                c.self_assessment(a)
                    .map(|a| a.target_level_id.to_string())
                    .unwrap_or_default()
            })
        })
    });
    let target_track = Memo::new(move |_| {
        career.with(|c| {
            target.with(|t| {
                c.level(t)
                    .map(|(t, _)| t.id.to_string())
                    .unwrap_or_default()
            })
        })
    });
    let tracks = Memo::new(move |_| {
        career.with(|c| {
            c.tracks
                .iter()
                .map(|t| {
                    let name = if t.name.trim().is_empty() {
                        "Untitled track".to_string()
                    } else {
                        t.name.clone()
                    };
                    (t.id.to_string(), name)
                })
                .collect::<Vec<_>>()
        })
    });
    let levels = Memo::new(move |_| {
        career.with(|c| {
            target_track.with(|t| {
                let mut levels: Vec<_> = c
                    .track(t)
                    .map(|t| t.levels.iter().collect())
                    .unwrap_or_default();
                levels.sort_by_key(|l| l.rank);
                levels
                    .into_iter()
                    .map(|l| {
                        let title = if l.title.trim().is_empty() {
                            "Untitled level"
                        } else {
                            l.title.trim()
                        };
                        let code = if l.code.trim().is_empty() {
                            String::new()
                        } else {
                            format!("{} ", l.code.trim())
                        };
                        (l.id.to_string(), format!("{code}{title} (rank {})", l.rank))
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    // The behaviours still to rate show; those already rated fold behind one line (issue 31,
    // `readiness::behaviour_view`). One rated on this visit stays where it was.
    let kept_open = RwSignal::new(Vec::<String>::new());
    let split = Memo::new(move |_| {
        ready.with(|r| {
            r.as_ref()
                .map(|r| kept_open.with(|k| behaviour_view(r, k)))
                .unwrap_or_default()
        })
    });
    Effect::new(move |_| {
        let open: Vec<String> = split.with(|v| v.open_ids().cloned().collect());
        if kept_open.with_untracked(|k| open.iter().any(|id| !k.contains(id))) {
            kept_open.update(|k| {
                for id in open {
                    if !k.contains(&id) {
                        k.push(id);
                    }
                }
            });
        }
    });
    // Each area with the behaviours of one part (open or folded), with their texts.
    let with_texts = move |part: ViewPart| {
        let all = ready.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.areas
                        .iter()
                        .flat_map(|a| &a.behaviours)
                        .map(|b| (b.behaviour_id.clone(), b.text.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        });
        split.with(|v| {
            part(v)
                .iter()
                .map(|(area, ids)| {
                    let behaviours = ids
                        .iter()
                        .filter_map(|id| all.iter().find(|(b, _)| b == id).cloned())
                        .collect::<Vec<_>>();
                    (area.clone(), behaviours)
                })
                .collect::<Vec<_>>()
        })
    };
    let open_areas = Memo::new(move |_| with_texts(|v| &v.open));
    let folded_areas = Memo::new(move |_| with_texts(|v| &v.folded));
    let folded_summary = Memo::new(move |_| split.with(|v| v.folded_summary.clone()));
    let has_behaviours =
        Memo::new(move |_| ready.with(|r| r.as_ref().is_some_and(|r| r.behaviours > 0)));
    let evidence_ids = Memo::new(move |_| {
        career.with(|c| {
            aid.with_value(|a| {
                c.self_assessment(a).map(|a| {
                    a.evidence
                        .iter()
                        .map(|e| e.id.to_string())
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
        })
    });
    let unreadable = Memo::new(move |_| {
        others.with(|o| {
            o.iter()
                .filter_map(|p| {
                    p.goals
                        .as_ref()
                        .err()
                        .map(|why| format!("“{}” ({why})", p.name))
                })
                .collect::<Vec<_>>()
        })
    });
    let heading = move || {
        ready.with(|r| match r {
            Some(r) => format!("Towards {} ({})", r.level_title, r.track_name),
            None => "Target level no longer exists".to_string(),
        })
    };
    // Evidence already there when the card appeared starts folded; evidence added later, open.
    let settled = StoredValue::new(false);
    request_animation_frame(move || {
        if !settled.is_disposed() {
            settled.set_value(true);
        }
    });
    let add = move |_| {
        let a = aid.get_value();
        state.edit("career:add-evidence", move |plan: &mut Plan| {
            let _ = add_evidence(
                plan,
                &a,
                Evidence {
                    date: Some(crate::ui::clock::today()),
                    ..Evidence::default()
                },
            );
        });
    };
    let remove = move |_| {
        let a = aid.get_value();
        edit_career(state, "career:remove-assessment", move |c| {
            c.self_assessments.retain(|s| s.id != a)
        });
    };
    view! {
        <article class="assessment" aria-label=heading>
            <h3>{heading}</h3>
            <div class="field-row target-level">
                {move || view! {
                    <SelectField label="Track to assess against" options=tracks.get() value=target_track
                        on_change=Callback::new(move |t: String| {
                            let a = aid.get_value();
                            edit_career(state, &format!("career:assessment:{a}:track"), move |c| {
                                let _ = retarget_track(c, &a, &t);
                            })
                        }) />
                }}
                {move || view! {
                    <SelectField label="Target level" options=levels.get() value=target
                        on_change=Callback::new(move |l: String| {
                            let a = aid.get_value();
                            edit_career(state, &format!("career:assessment:{a}:level"), move |c| {
                                let _ = set_target_level(c, &a, &l);
                            })
                        }) />
                }}
            </div>
            {move || ready.with(|r| r.as_ref().map(|r| {
                let overall = r.overall.map(percent).unwrap_or_else(|| "—".into());
                view! {
                    <p class="readiness-overall" role="status">
                        {format!("Meeting or exceeding {} of {} behaviours ({overall}); {} not rated yet.", r.meeting_or_exceeding, r.behaviours, r.unrated)}
                    </p>
                }
            }))}
            <Show when=move || ready.with(|r| r.as_ref().is_some_and(|r| r.behaviours == 0))>
                <p class="hint">"This level has no behaviours yet: write them under Tracks and levels, in the track's key areas."</p>
            </Show>
            <Show when=move || has_behaviours.get()>
                <Collapsible name=format!("assessment:{}:behaviours", aid.get_value()) title="Behaviours to rate" level=4 testid="behaviours-section">
                    <div class="readiness-areas" data-testid="readiness-areas">
                        <For each=move || open_areas.get() key=|k| k.clone()
                            children=move |(area_id, behaviours)| view! { <AreaRatings assessment_id=aid.get_value() ready area_id behaviours /> } />
                        <Show when=move || folded_summary.with(Option::is_some)>
                            // Printed open, like every fold.
                            <details class="rated-fold" data-testid="rated-behaviours">
                                <summary>{move || folded_summary.get().unwrap_or_default()}</summary>
                                <For each=move || folded_areas.get() key=|k| k.clone()
                                    children=move |(area_id, behaviours)| view! { <AreaRatings assessment_id=aid.get_value() ready area_id behaviours /> } />
                            </details>
                        </Show>
                    </div>
                </Collapsible>
            </Show>
            <h4>"Evidence"</h4>
            <Show when=move || evidence_ids.with(|e| e.is_empty())>
                <p class="hint">"No evidence yet: add a result you achieved, and which behaviours it shows. It can cite a goal from this plan or an achieved goal from any plan in this browser."</p>
            </Show>
            {move || {
                let skipped = unreadable.get();
                (!skipped.is_empty()).then(|| view! {
                    <p class="banner warn" role="status">
                        {format!("Goals of {} cannot be offered: the plan could not be read. It was left untouched.", skipped.join(", "))}
                    </p>
                })
            }}
            // Each piece of evidence reads as one line until opened (issue 31); one added now
            // opens at once.
            <For each=move || evidence_ids.get() key=|id| id.clone()
                children=move |id| view! { <EvidenceFold assessment_id=aid.get_value() id settled /> } />
            <OfferedEvidence assessment_id=aid.get_value() />
            <div class="actions no-print">
                <button type="button" on:click=add>"Add evidence"</button>
                <button type="button" class="danger" on:click=remove>"Remove this self-assessment"</button>
            </div>
        </article>
    }
}

/// One piece of evidence as a line (what was achieved, when) that opens on its editor.
#[component]
fn EvidenceFold(assessment_id: String, id: String, settled: StoredValue<bool>) -> impl IntoView {
    let career = career_ctx();
    let aid = StoredValue::new(assessment_id);
    let eid = StoredValue::new(id);
    let line = Memo::new(move |_| {
        career.with(|c| {
            aid.with_value(|a| {
                c.self_assessment(a).and_then(|a| {
                    eid.with_value(|e| a.evidence.iter().find(|x| &x.id == e))
                        .map(|x| {
                            let text = x.text.trim();
                            let text = if text.is_empty() {
                                "New evidence".to_string()
                            } else if text.chars().count() > 90 {
                                format!("{}…", text.chars().take(90).collect::<String>())
                            } else {
                                text.to_string()
                            };
                            match x.date {
                                Some(d) => format!("{text} ({})", d.format("%-d %B %Y")),
                                None => text,
                            }
                        })
                })
            })
            .unwrap_or_default()
        })
    });
    let open = settled.get_value();
    view! {
        <details class="evidence-fold" open=open>
            <summary>{move || line.get()}</summary>
            <EvidenceCard assessment_id=aid.get_value() id=eid.get_value() />
        </details>
    }
}

/// Goals the scope check found above the role's scope, offered as evidence until cited.
#[component]
fn OfferedEvidence(assessment_id: String) -> impl IntoView {
    let state = use_app_state();
    let check = super::scope::use_scope_check(state);
    let aid = StoredValue::new(assessment_id);
    let offered = Memo::new(move |_| {
        check.with(|c| {
            let Some(c) = c else { return Vec::new() };
            state.plan.with(|p| {
                p.as_ref()
                    .map(|p| {
                        aid.with_value(|a| offered_evidence(c, &p.career, a))
                            .into_iter()
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    });
    let add = move |goal: WorkItem| {
        let a = aid.get_value();
        state.edit("career:add-evidence", move |plan: &mut Plan| {
            let target = plan
                .career
                .self_assessment(&a)
                .map(|s| s.target_level_id.clone())
                .unwrap_or_default();
            let evidence = Evidence {
                date: Some(crate::ui::clock::today()),
                ..evidence_from_goal(&plan.career, &target, &goal)
            };
            let _ = add_evidence(plan, &a, evidence);
        });
    };
    view! {
        <Show when=move || !offered.with(Vec::is_empty)>
            <div class="offered-evidence no-print" data-testid="offered-evidence">
                <h4>"From the scope check"</h4>
                <p class="hint">"Goals this plan asks of the role at a wider scope than its level's. Each cites the goal and the behaviours of its key areas at the target level."</p>
                <ul class="compact-list">
                    <For each=move || offered.get() key=|g| g.id.clone() children=move |g| {
                        let label = format!("Add “{}” as evidence", g.title);
                        let title = g.title.clone();
                        view! {
                            <li>
                                {title}" "
                                <button type="button" class="small" aria-label=label on:click=move |_| add(g.clone())>"Add as evidence"</button>
                            </li>
                        }
                    } />
                </ul>
            </div>
        </Show>
    }
}

type Readiness = Memo<Option<crate::core::career::readiness::Readiness>>;

#[component]
fn AreaRatings(
    assessment_id: String,
    ready: Readiness,
    area_id: String,
    behaviours: Vec<(String, String)>,
) -> impl IntoView {
    let aid = StoredValue::new(assessment_id);
    let area = StoredValue::new(area_id);
    let heading = move || {
        ready.with(|r| {
            r.as_ref()
                .and_then(|r| area.with_value(|id| r.areas.iter().find(|a| &a.key_area_id == id)))
                .map(|a| {
                    let share = a.share.map(percent).unwrap_or_else(|| "—".into());
                    format!(
                        "{}: {} of {} met ({share})",
                        a.name,
                        a.meeting_or_exceeding,
                        a.behaviours.len()
                    )
                })
                .unwrap_or_default()
        })
    };
    let items = behaviours
        .into_iter()
        .map(|(id, text)| view! { <RatingChoice assessment_id=aid.get_value() ready behaviour_id=id text /> })
        .collect_view();
    view! {
        <div class="area-ratings">
            <h4 class="area-readiness">{heading}</h4>
            {items}
        </div>
    }
}

/// Three radios; they stay in place while ratings change, so keyboard focus is kept.
#[component]
fn RatingChoice(
    assessment_id: String,
    ready: Readiness,
    behaviour_id: String,
    text: String,
) -> impl IntoView {
    let state = use_app_state();
    let name = unique_id("rating");
    let aid = StoredValue::new(assessment_id);
    let bid = StoredValue::new(behaviour_id);
    let found = move |f: &dyn Fn(&crate::core::career::readiness::BehaviourReadiness) -> usize| {
        ready.with(|r| {
            r.as_ref()
                .and_then(|r| {
                    bid.with_value(|b| {
                        r.areas
                            .iter()
                            .flat_map(|a| &a.behaviours)
                            .find(|x| &x.behaviour_id == b)
                            .map(f)
                    })
                })
                .unwrap_or(0)
        })
    };
    let radios = RATINGS
        .into_iter()
        .enumerate()
        .map(|(i, rating)| {
            let id = unique_id("rate");
            view! {
                <span class="radio">
                    <input type="radio" id=id.clone() name=name.clone()
                        prop:checked=move || found(&|b| usize::from(b.rating == Some(rating))) == 1
                        value=i.to_string()
                        on:change=move |_| {
                            let (a, b) = (aid.get_value(), bid.get_value());
                            edit_career(state, &format!("career:rate:{a}:{b}"), move |c| {
                                let _ = rate_behaviour(c, &a, &b, rating);
                            });
                        } />
                    <label for=id>{rating.label()}</label>
                </span>
            }
        })
        .collect_view();
    let evidence = move || match found(&|b| b.evidence_ids.len()) {
        0 => "No evidence cited yet.".to_string(),
        1 => "1 piece of evidence.".to_string(),
        n => format!("{n} pieces of evidence."),
    };
    view! {
        <fieldset class="rating">
            <legend>{text}</legend>
            <div class="radios">{radios}</div>
            <span class="hint">{evidence}</span>
        </fieldset>
    }
}
