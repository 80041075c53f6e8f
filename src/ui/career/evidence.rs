//! One piece of evidence in a self-assessment: what was achieved, when, a link, the
//! behaviours it shows, and the goal it cites (of this plan, or achieved in another).

use leptos::prelude::*;

use super::fields::LinkField;
use super::other_plans::{use_other_plans, OtherPlan};
use super::{career_ctx, edit_career};
use crate::core::career::citation::{
    achieved_goals, all_goals, citation_view, cite, cited_from, CitationView, Original, PlanLookup,
};
use crate::core::career::edit::{
    cite_other_goal, cite_own_goal, cite_period_result, clear_goal_citation, set_evidence_link,
};
use crate::core::career::format::safe_link;
use crate::core::career::{CitedGoal, Evidence};
use crate::core::plan::Plan;
use crate::ui::state::{use_app_state, AppState};
use crate::ui::widgets::{CheckboxField, DateField, SelectField, TextField};

/// Option value naming a goal in a plan.
fn choice_value(plan: &str, goal: &str) -> String {
    serde_json::to_string(&[plan, goal]).unwrap_or_default()
}

/// Option value naming a goal's result in a closed period of this plan.
fn period_choice_value(plan: &str, goal: &str, period: &str) -> String {
    serde_json::to_string(&[plan, goal, period]).unwrap_or_default()
}

/// The results of this plan's closed periods, newest first: (period, goal, label).
fn period_results(goals: &crate::core::goals::GoalBook) -> Vec<(String, String, String)> {
    goals
        .periods
        .iter()
        .rev()
        .filter_map(|p| Some((p, p.closing.as_ref()?)))
        .flat_map(|(p, c)| {
            c.results.iter().map(move |r| {
                (
                    p.id.to_string(),
                    r.goal.to_string(),
                    format!("{} result · {} ({})", p.name, r.title, r.score_text()),
                )
            })
        })
        .collect()
}

fn lookup<'a>(others: &'a [OtherPlan], plan: &str) -> PlanLookup<'a> {
    match others.iter().find(|p| p.id == plan) {
        None => PlanLookup::Missing,
        Some(OtherPlan { goals: Ok(g), .. }) => PlanLookup::Readable(g),
        Some(OtherPlan {
            goals: Err(why), ..
        }) => PlanLookup::Unreadable(why),
    }
}

/// Cites `goal` of `plan` (this plan or another) in the evidence.
fn cite_goal(
    state: AppState,
    others: &[OtherPlan],
    aid: String,
    eid: String,
    plan: String,
    goal: String,
) {
    let today = crate::ui::clock::today();
    let own = state
        .plan
        .with_untracked(|p| p.as_ref().is_some_and(|p| p.id == plan));
    if own {
        state.edit(
            &format!("career:evidence:{eid}:goal"),
            move |p: &mut Plan| {
                let _ = cite_own_goal(p, &aid, &eid, &goal, today);
            },
        );
        return;
    }
    let Some(cited) = others.iter().find(|p| p.id == plan).and_then(|p| {
        p.goals
            .as_ref()
            .ok()
            .and_then(|g| cite(&p.id, &p.name, g, &goal, today))
    }) else {
        return;
    };
    edit_career(state, &format!("career:evidence:{eid}:goal"), move |c| {
        let _ = cite_other_goal(c, &aid, &eid, cited);
    });
}

#[component]
pub fn EvidenceCard(assessment_id: String, id: String) -> impl IntoView {
    let state = use_app_state();
    let career = career_ctx();
    let others = use_other_plans();
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
                            .map(|(k, b)| (b.id.to_string(), format!("{}: {}", k.name, b.text)))
                            .collect::<Vec<_>>()
                    })
                })
            })
            .unwrap_or_default()
        })
    });
    let this_plan = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| (p.id.to_string(), all_goals(&p.goals)))
                .unwrap_or_default()
        })
    });
    let own_results = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| period_results(&p.goals))
                .unwrap_or_default()
        })
    });
    let citation = Memo::new(move |_| {
        item.with(|e| {
            if e.goal_id.is_none() && e.cited_goal.is_none() {
                return None;
            }
            state.plan.with(|p| {
                let p = p.as_ref()?;
                others.with(|o| citation_view(e, (&p.id, &p.goals), &|id| lookup(o, id)))
            })
        })
    });
    let options = Memo::new(move |_| {
        let mut opts = vec![(String::new(), "No goal".to_string())];
        let (this_id, own) = this_plan.get();
        opts.extend(own.into_iter().map(|g| {
            (
                choice_value(&this_id, &g.goal),
                format!(
                    "This plan · {} ({})",
                    g.title,
                    g.status.label().to_lowercase()
                ),
            )
        }));
        opts.extend(own_results.get().into_iter().map(|(period, goal, label)| {
            (
                period_choice_value(&this_id, &goal, &period),
                format!("This plan · {label}"),
            )
        }));
        others.with(|o| {
            for plan in o {
                if let Ok(goals) = &plan.goals {
                    opts.extend(achieved_goals(goals).into_iter().map(|g| {
                        (
                            choice_value(&plan.id, &g.goal),
                            format!("{} · {} (achieved)", plan.name, g.title),
                        )
                    }));
                }
            }
        });
        // A cited goal that is no longer offered still shows as chosen.
        if let Some(CitedGoal {
            plan,
            goal,
            plan_name,
            statement,
            ..
        }) = item.with(|e| e.cited_goal.clone())
        {
            let value = choice_value(&plan, &goal);
            if !opts.iter().any(|(v, _)| *v == value) {
                opts.push((value, format!("{plan_name} · {statement} (as cited)")));
            }
        }
        opts
    });
    let chosen = Signal::derive(move || {
        item.with(|e| {
            if let (Some(g), Some(period)) = (&e.goal_id, &e.period_id) {
                this_plan.with(|(id, _)| period_choice_value(id, g, period))
            } else if let Some(g) = &e.goal_id {
                this_plan.with(|(id, _)| choice_value(id, g))
            } else if let Some(c) = &e.cited_goal {
                choice_value(&c.plan, &c.goal)
            } else {
                String::new()
            }
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
    let choose_goal = Callback::new(move |v: String| {
        let (a, e) = (aid.get_value(), eid.get_value());
        if v.is_empty() {
            edit_career(state, &format!("career:evidence:{e}:goal"), move |c| {
                let _ = clear_goal_citation(c, &a, &e);
            });
            return;
        }
        if v == chosen.get_untracked() {
            return;
        }
        if let Ok([_, goal, period]) = serde_json::from_str::<[String; 3]>(&v) {
            let today = crate::ui::clock::today();
            state.edit(&format!("career:evidence:{e}:goal"), move |p: &mut Plan| {
                let _ = cite_period_result(p, &a, &e, &period, &goal, today);
            });
            return;
        }
        let Ok([plan, goal]) = serde_json::from_str::<[String; 2]>(&v) else {
            return;
        };
        others.with_untracked(|o| cite_goal(state, o, a, e, plan, goal));
    });
    let refresh = move |cited: CitedGoal| {
        let (a, e) = (aid.get_value(), eid.get_value());
        others.with_untracked(|o| cite_goal(state, o, a, e, cited.plan, cited.goal));
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
        <div class="evidence card-inner" data-testid="evidence">
            <TextField label="What you achieved" multiline=true value=Signal::derive(move || item.with(|e| e.text.clone()))
                on_change=Callback::new(move |v: String| edit("text", Box::new(move |e| e.text = v))) />
            <div class="field-row">
                <DateField label="When" value=Signal::derive(move || item.with(|e| e.date))
                    on_change=Callback::new(move |v| edit("date", Box::new(move |e| e.date = v))) />
                <LinkField label="Link (optional)" value=Signal::derive(move || item.with(|e| e.link.clone()))
                    on_change=Callback::new(move |v: String| {
                        let (a, e) = (aid.get_value(), eid.get_value());
                        edit_career(state, &format!("career:evidence:{e}:link"), move |c| {
                            let _ = set_evidence_link(c, &a, &e, &v);
                        });
                    }) />
            </div>
            {move || {
                let options = options.get();
                // With no goal anywhere to cite, the evidence still stands on its own: say so
                // instead of sending the user to Goals first (issue 31).
                let hint = if options.len() <= 1 {
                    "No goal to cite yet. What you achieved, when, and a link are evidence on their own; a goal written later in Goals can be cited then."
                } else {
                    "Optional. Goals of this plan, their results in its closed periods, and achieved goals of the other plans in this browser."
                };
                view! {
                    <SelectField label="Cites a goal" options value=chosen on_change=choose_goal hint />
                }
            }}
            {move || item.with(|e| {
                let href = safe_link(e.link.trim())?.to_string();
                let text = e.link.trim().to_string();
                Some(view! { <p><a href=href rel="noopener noreferrer" target="_blank">{text}</a></p> })
            })}
            {move || citation.get().map(|c| match c {
                CitationView::Live(c) => view! {
                    <blockquote class="goal-citation" data-testid="goal-citation">
                        <p>{c.statement}</p>
                        <p class="hint">{match (c.period_result, c.final_check_in) {
                            (Some(result), _) => format!("Result: {result}"),
                            (None, Some(t)) => format!("Latest check-in: {t}"),
                            (None, None) => "No check-ins yet.".into(),
                        }}</p>
                    </blockquote>
                }.into_any(),
                CitationView::Snapshot { cited, original } => {
                    let note = original.message(&cited);
                    let changed = matches!(original, Original::Changed(_));
                    let from = format!("{}.", cited_from(&cited));
                    let check_in = cited.final_check_in.clone().map(|t| format!("Final check-in: {t}")).unwrap_or_else(|| "No check-ins when cited.".into());
                    view! {
                        <blockquote class="goal-citation" data-testid="goal-citation">
                            <p>{cited.statement.clone()}</p>
                            <p class="hint">{check_in}</p>
                            <p class="hint">{from}</p>
                        </blockquote>
                        {note.map(|n| view! {
                            <div class="banner warn citation-note" role="status">
                                <p>{n}</p>
                                {changed.then(|| view! {
                                    <button type="button" class="small no-print" on:click=move |_| refresh(cited.clone())>
                                        "Cite the goal as it is now"
                                    </button>
                                })}
                            </div>
                        })}
                    }.into_any()
                }
                CitationView::Gone => view! { <p class="field-error" role="status">"The cited goal is no longer in this plan."</p> }.into_any(),
            })}
            <fieldset class="cites">
                <legend>"Behaviours this shows"</legend>
                <For each=move || behaviours.get() key=|(id, text)| (id.clone(), text.clone())
                    children=move |(bid, text)| {
                        let b = StoredValue::new(bid);
                        view! {
                            <CheckboxField label=text
                                checked=Signal::derive(move || item.with(|e| b.with_value(|b| e.behaviour_ids.iter().any(|x| x == b))))
                                on_change=Callback::new(move |on: bool| {
                                    let b = b.get_value();
                                    edit("behaviours", Box::new(move |e| {
                                        e.behaviour_ids.retain(|x| *x != b);
                                        if on { e.behaviour_ids.push(b.into()); }
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
