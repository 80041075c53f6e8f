//! Parity across tracks, and the self-assessment against a target level with evidence.

use leptos::prelude::*;

use super::{career_ctx, edit_career, level_options};
use crate::core::career::brief::goal_citation;
use crate::core::career::edit::{add_evidence, add_self_assessment, rate_behaviour};
use crate::core::career::format::{percent, safe_link};
use crate::core::career::parity::parity_gaps;
use crate::core::career::readiness::{readiness, AreaReadiness, BehaviourReadiness};
use crate::core::career::{Evidence, Rating};
use crate::core::plan::Plan;
use crate::ui::state::use_app_state;
use crate::ui::widgets::{unique_id, CheckboxField, DateField, SelectField, TextField};

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
    view! {
        <section class="card" aria-labelledby="career-parity-title">
            <h2 id="career-parity-title">"Parity across tracks"</h2>
            <p class="hint">"Tracks of the same kind should have the same levels, ranks that line up, and scope that widens as level rises."</p>
            {move || {
                let gaps = gaps.get();
                if gaps.is_empty() {
                    view! { <p class="banner ok" role="status">"No parity gaps: the tracks line up."</p> }.into_any()
                } else {
                    view! {
                        <div class="banner warn" role="status">
                            <p>{format!("{} parity {} found:", gaps.len(), if gaps.len() == 1 { "gap" } else { "gaps" })}</p>
                        </div>
                        <ul class="compact-list" data-testid="parity-gaps">
                            {gaps.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}
                        </ul>
                    }.into_any()
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
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let options = Memo::new(move |_| career.with(level_options));
    let target = RwSignal::new(String::new());
    let start = move |_| {
        let chosen = target.get_untracked();
        let level = if chosen.is_empty() {
            options.with_untracked(|o| o.first().map(|o| o.0.clone()))
        } else {
            Some(chosen)
        };
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
                    <SelectField label="Target level" options=options.get() value=target
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
    let aid = StoredValue::new(id);
    let ready = Memo::new(move |_| {
        career.with(|c| aid.with_value(|a| c.self_assessment(a).and_then(|a| readiness(c, a))))
    });
    let evidence_ids = Memo::new(move |_| {
        career.with(|c| {
            aid.with_value(|a| {
                c.self_assessment(a)
                    .map(|a| a.evidence.iter().map(|e| e.id.clone()).collect::<Vec<_>>())
            })
            .unwrap_or_default()
        })
    });
    let heading = move || {
        ready.with(|r| match r {
            Some(r) => format!("Towards {} ({})", r.level_title, r.track_name),
            None => "Target level no longer exists".to_string(),
        })
    };
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
            {move || ready.get().map(|r| {
                let overall = r.overall.map(percent).unwrap_or_else(|| "—".into());
                view! {
                    <p class="readiness-overall" role="status">
                        {format!("Meeting or exceeding {} of {} behaviours ({overall}); {} not rated yet.", r.meeting_or_exceeding, r.behaviours, r.unrated)}
                    </p>
                }
            })}
            {move || ready.get().map(|r| {
                r.areas.into_iter().filter(|a| !a.behaviours.is_empty()).map(|area| view! { <AreaRatings assessment_id=aid.get_value() area /> }).collect_view()
            })}
            <h4>"Evidence"</h4>
            <Show when=move || evidence_ids.with(|e| e.is_empty())>
                <p class="hint">"No evidence yet: add a result you achieved, and which behaviours it shows."</p>
            </Show>
            <For each=move || evidence_ids.get() key=|id| id.clone()
                children=move |id| view! { <EvidenceCard assessment_id=aid.get_value() id /> } />
            <div class="actions no-print">
                <button type="button" on:click=add>"Add evidence"</button>
                <button type="button" class="danger" on:click=remove>"Remove this self-assessment"</button>
            </div>
        </article>
    }
}

#[component]
fn AreaRatings(assessment_id: String, area: AreaReadiness) -> impl IntoView {
    let share = area.share.map(percent).unwrap_or_else(|| "—".into());
    let aid = StoredValue::new(assessment_id);
    let count = area.behaviours.len();
    let items = area
        .behaviours
        .into_iter()
        .map(|b| view! { <RatingChoice assessment_id=aid.get_value() behaviour=b /> })
        .collect_view();
    view! {
        <div class="area-ratings">
            <h4>{format!("{}: {} of {} met ({share})", area.name, area.meeting_or_exceeding, count)}</h4>
            {items}
        </div>
    }
}

#[component]
fn RatingChoice(assessment_id: String, behaviour: BehaviourReadiness) -> impl IntoView {
    let state = use_app_state();
    let name = unique_id("rating");
    let aid = StoredValue::new(assessment_id);
    let bid = StoredValue::new(behaviour.behaviour_id.clone());
    let current = behaviour.rating;
    let evidence = behaviour.evidence_ids.len();
    let radios = RATINGS.into_iter().map(|rating| {
        let id = unique_id("rate");
        view! {
            <span class="radio">
                <input type="radio" id=id.clone() name=name.clone() checked=current == Some(rating)
                    on:change=move |_| {
                        let (a, b) = (aid.get_value(), bid.get_value());
                        edit_career(state, &format!("career:rate:{a}:{b}"), move |c| {
                            let _ = rate_behaviour(c, &a, &b, rating);
                        });
                    } />
                <label for=id>{rating.label()}</label>
            </span>
        }
    }).collect_view();
    view! {
        <fieldset class="rating">
            <legend>{behaviour.text.clone()}</legend>
            <div class="radios">{radios}</div>
            <span class="hint">{match evidence { 0 => "No evidence cited yet.".to_string(), 1 => "1 piece of evidence.".to_string(), n => format!("{n} pieces of evidence.") }}</span>
        </fieldset>
    }
}

#[component]
fn EvidenceCard(assessment_id: String, id: String) -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let aid = StoredValue::new(assessment_id);
    let eid = StoredValue::new(id);
    let item = Memo::new(move |_| {
        career.with(|c| {
            aid.with_value(|a| {
                c.self_assessment(a).and_then(|a| {
                    eid.with_value(|e| a.evidence.iter().find(|x| &x.id == e).cloned())
                })
            })
            .unwrap_or_default()
        })
    });
    let behaviours = Memo::new(move |_| {
        career.with(|c| {
            aid.with_value(|a| {
                c.self_assessment(a).and_then(|a| {
                    c.level(&a.target_level_id).map(|(t, l)| {
                        t.behaviours_at(&l.id)
                            .into_iter()
                            .map(|(k, b)| (b.id.clone(), format!("{}: {}", k.name, b.text)))
                            .collect::<Vec<_>>()
                    })
                })
            })
            .unwrap_or_default()
        })
    });
    let goals = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.goals
                        .goals
                        .iter()
                        .map(|g| {
                            (
                                g.id.clone(),
                                if g.title.trim().is_empty() {
                                    g.id.clone()
                                } else {
                                    g.title.clone()
                                },
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let citation = Memo::new(move |_| {
        let goal = item.with(|e| e.goal_id.clone());
        goal.map(|g| {
            state
                .plan
                .with(|p| p.as_ref().and_then(|p| goal_citation(&p.goals, &g)))
        })
    });
    let edit = move |f: &'static str, change: Box<dyn FnOnce(&mut Evidence)>| {
        let (a, e) = (aid.get_value(), eid.get_value());
        edit_career(state, &format!("career:evidence:{e}:{f}"), move |c| {
            if let Some(x) = c
                .self_assessments
                .iter_mut()
                .find(|s| s.id == a)
                .and_then(|s| s.evidence.iter_mut().find(|x| x.id == e))
            {
                change(x);
            }
        });
    };
    let remove = move |_| {
        let (a, e) = (aid.get_value(), eid.get_value());
        edit_career(state, "career:remove-evidence", move |c| {
            if let Some(s) = c.self_assessments.iter_mut().find(|s| s.id == a) {
                s.evidence.retain(|x| x.id != e);
            }
        });
    };
    view! {
        <div class="evidence card-inner">
            <TextField label="What you achieved" multiline=true value=Signal::derive(move || item.with(|e| e.text.clone()))
                on_change=Callback::new(move |v: String| edit("text", Box::new(move |e| e.text = v))) />
            <div class="field-row">
                <DateField label="When" value=Signal::derive(move || item.with(|e| e.date))
                    on_change=Callback::new(move |v| edit("date", Box::new(move |e| e.date = v))) />
                <TextField label="Link (optional)" hint="http, https or mailto" value=Signal::derive(move || item.with(|e| e.link.clone()))
                    on_change=Callback::new(move |v: String| {
                        // Links the file format refuses are never stored: the plan would not reopen.
                        if crate::core::schema::is_safe_link(&v) {
                            edit("link", Box::new(move |e| e.link = v.trim().to_string()));
                        }
                    }) />
                {move || {
                    let mut opts = vec![(String::new(), "No goal".to_string())];
                    opts.extend(goals.get());
                    view! {
                        <SelectField label="Cites a goal of this plan" options=opts
                            value=Signal::derive(move || item.with(|e| e.goal_id.clone().unwrap_or_default()))
                            on_change=Callback::new(move |v: String| edit("goal", Box::new(move |e| e.goal_id = (!v.is_empty()).then_some(v)))) />
                    }
                }}
            </div>
            {move || item.with(|e| {
                let link = e.link.trim().to_string();
                if link.is_empty() { return None; }
                Some(match safe_link(&link) {
                    Some(href) => view! { <p><a href=href.to_string() rel="noopener noreferrer" target="_blank">{link.clone()}</a></p> }.into_any(),
                    None => view! { <p class="field-error" role="alert">"Only http, https and mailto links are shown as links."</p> }.into_any(),
                })
            })}
            {move || citation.get().map(|c| match c {
                Some(c) => view! {
                    <blockquote class="goal-citation">
                        <p>{c.statement}</p>
                        <p class="hint">{c.final_check_in.map(|t| format!("Latest check-in: {t}")).unwrap_or_else(|| "No check-ins yet.".into())}</p>
                    </blockquote>
                }.into_any(),
                None => view! { <p class="field-error" role="status">"The cited goal is no longer in this plan."</p> }.into_any(),
            })}
            <fieldset class="cites">
                <legend>"Behaviours this shows"</legend>
                <For each=move || behaviours.get() key=|(id, text)| (id.clone(), text.clone())
                    children=move |(bid, text)| {
                        let b = StoredValue::new(bid);
                        view! {
                            <CheckboxField label=text
                                checked=Signal::derive(move || item.with(|e| b.with_value(|b| e.behaviour_ids.contains(b))))
                                on_change=Callback::new(move |on: bool| {
                                    let b = b.get_value();
                                    edit("behaviours", Box::new(move |e| {
                                        e.behaviour_ids.retain(|x| x != &b);
                                        if on { e.behaviour_ids.push(b); }
                                    }))
                                }) />
                        }
                    } />
            </fieldset>
            <div class="actions no-print">
                <button type="button" class="danger small" on:click=remove>"Remove evidence"</button>
            </div>
        </div>
    }
}
