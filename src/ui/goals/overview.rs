//! The Goals page: objectives with their goals as key results (OKR view), filters,
//! reviews due, and the report downloads.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::core::goals::catalog::catalog;
use crate::core::goals::templates::templates;
use crate::core::goals::text::format_date;
use crate::core::goals::{
    self, due_reviews, list_goals, progress, GoalOrder, GoalStatus, TrackStatus,
};
use crate::ui::clock;
use crate::ui::focus::{More, MoreSections, MORE_TITLE_ID};
use crate::ui::report::{ReportPanel, REPORT_SECTION, REPORT_TITLE_ID};
use crate::ui::section_index::IndexedPage;
use crate::ui::state::{use_app_state, AppState};
use crate::ui::widgets::unique_id;

use super::{focus_later, focus_selector_later, goal_href, status_class, track_class, STATUSES};
use crate::base_path::app_href;

/// The status filter and sort order chosen on the page.
#[derive(Clone, Copy)]
struct View {
    status: RwSignal<Option<GoalStatus>>,
    order: RwSignal<GoalOrder>,
}

impl View {
    /// Manual reordering only makes sense when every goal shows in the team's order.
    fn can_reorder(&self) -> bool {
        self.status.get().is_none() && self.order.get() == GoalOrder::Manual
    }
}

#[component]
pub fn Overview() -> impl IntoView {
    let state = use_app_state();
    crate::ui::focus::provide_focus(crate::core::focus::Tool::Goals, None);
    let view_state = View {
        status: RwSignal::new(None),
        order: RwSignal::new(GoalOrder::Manual),
    };
    let objective_ids = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.goals
                        .objectives
                        .iter()
                        .map(|o| o.id.to_string())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let is_empty = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .is_none_or(|p| p.goals.objectives.is_empty() && p.goals.goals.is_empty())
        })
    });
    // The index: reviews due, each objective by its title, goals without one, the add form.
    let index = Memo::new(move |_| {
        let mut sections = vec![
            ("period-title".to_string(), "Period".to_string()),
            ("reviews-due-title".to_string(), "Reviews due".to_string()),
        ];
        state.plan.with(|p| {
            if let Some(p) = p {
                sections.extend(
                    p.goals
                        .objectives
                        .iter()
                        .map(|o| (format!("objective-{}", o.id), display_objective(&o.title))),
                );
            }
        });
        sections.push(("unlinked-title".into(), "Goals without an objective".into()));
        sections.push(("new-objective-title".into(), "Add an objective".into()));
        sections.push((REPORT_TITLE_ID.into(), REPORT_SECTION.into()));
        sections.push((MORE_TITLE_ID.into(), "More in Goals".into()));
        sections
    });
    let has_unlinked = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref().is_some_and(|p| {
                p.goals.goals.iter().any(|g| {
                    g.objective_id.is_none() && goals::periods::in_open_period(&p.goals, g)
                })
            })
        })
    });
    view! {
        <div class="goals-head">
            <h1 id="goals-title">"Goals"</h1>
            <Exports />
        </div>
        <p class="lede">
            "Objectives are the why of your program; each goal under one is a key result the team can measure, track and review."
        </p>
        <IndexedPage sections=index>
            // The core first, the rest on request (`core::focus`, `ui::focus`).
            <More key="period"><super::periods::Periods /></More>
            <ReviewsDue />
            <Show when=move || !is_empty.get()>
                <Filters view_state />
            </Show>
            <Show when=move || is_empty.get()>
                <div class="empty-state" data-testid="goals-empty">
                    <h2>"No objectives yet"</h2>
                    <p>
                        "Start with an objective: the why behind your goals, e.g. “Build the infrastructure for sustainable community growth”. "
                        "Then add goals to it as key results — blank, from a template, or from a catalog metric."
                    </p>
                </div>
            </Show>
            <For
                each=move || objective_ids.get()
                key=|id| id.clone()
                children=move |id| view! { <ObjectiveCard id view_state /> }
            />
            <Show when=move || has_unlinked.get()>
                <section class="card objective" aria-labelledby="unlinked-title">
                    <h2 id="unlinked-title">"Goals without an objective"</h2>
                    <p class="hint">
                        "Link each of these to an objective from its editor, so it is clear which part of the program it serves."
                    </p>
                    <GoalList objective=None view_state />
                </section>
            </Show>
            <NewObjective />
            <More key="report"><ReportPanel /></More>
            <MoreSections />
        </IndexedPage>
    }
}

#[component]
fn Exports() -> impl IntoView {
    let state = use_app_state();
    let download = move |what: &'static str| {
        let Some(plan) = state.plan.get_untracked() else {
            return;
        };
        let today = clock::today();
        let stem = crate::core::schema::file_stem(&plan.name);
        let result = match what {
            "report" => crate::transfer::download(
                &format!("{stem}-goals.md"),
                "text/markdown",
                &goals::goals_report_markdown(&plan, today),
            ),
            "csv" => crate::transfer::download(
                &format!("{stem}-check-ins.csv"),
                "text/csv",
                &goals::check_ins_csv(&plan.goals),
            ),
            _ => crate::transfer::download(
                &format!("{stem}-reviews.ics"),
                "text/calendar",
                &goals::review_calendar_ics(&plan, today),
            ),
        };
        if let Err(why) = result {
            state.notify(why, None);
        }
    };
    view! {
        <div class="actions no-print" role="group" aria-label="Downloads">
            <button on:click=move |_| download("report")>"Export goals report (Markdown)"</button>
            <button on:click=move |_| download("csv")>"Export check-ins (CSV)"</button>
            <button on:click=move |_| download("ics")>"Download review schedule (.ics)"</button>
        </div>
    }
}

#[component]
fn ReviewsDue() -> impl IntoView {
    let state = use_app_state();
    let due = Memo::new(move |_| {
        let today = clock::today();
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    due_reviews(&p.goals, today)
                        .into_iter()
                        .map(|d| {
                            let title = p
                                .goals
                                .goal(&d.goal_id)
                                .map(|g| display_title(&g.title))
                                .unwrap_or_default();
                            (d.goal_id, title, d.due)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <div role="status">
            <Show when=move || !due.with(|d| d.is_empty())>
                <section class="banner warn reviews-due" aria-labelledby="reviews-due-title">
                    <h2 id="reviews-due-title">
                        {move || match due.with(|d| d.len()) {
                            1 => "1 review is due".to_string(),
                            n => format!("{n} reviews are due"),
                        }}
                    </h2>
                    <ul>
                        <For
                            each=move || due.get()
                            key=|d| d.clone()
                            children=move |(id, title, date)| {
                                let mark_id = id.clone();
                                let mark_label = format!("Mark “{title}” reviewed");
                                view! {
                                    <li>
                                        <A href=app_href(&goal_href(&id))>{title.clone()}</A>
                                        {format!(" — due {}", format_date(date))}
                                        " "
                                        <button
                                            class="small"
                                            aria-label=mark_label
                                            on:click=move |_| {
                                                let id = mark_id.clone();
                                                state
                                                    .edit(
                                                        &format!("goal:{id}:reviewed"),
                                                        |plan| {
                                                            let _ = goals::mark_reviewed(
                                                                &mut plan.goals,
                                                                &id,
                                                                clock::today(),
                                                            );
                                                        },
                                                    );
                                            }
                                        >
                                            "Mark reviewed"
                                        </button>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </section>
            </Show>
        </div>
    }
}

#[component]
fn Filters(view_state: View) -> impl IntoView {
    let status_id = unique_id("status-filter");
    let order_id = unique_id("order");
    view! {
        <div class="field-row filters no-print" role="group" aria-label="Filter and sort goals">
            <div class="field">
                <label for=status_id.clone()>"Show"</label>
                <select
                    id=status_id
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        view_state.status.set(super::pick(&STATUSES, &v));
                    }
                >
                    <option value="" selected=move || view_state.status.get().is_none()>
                        "All statuses"
                    </option>
                    {STATUSES
                        .iter()
                        .enumerate()
                        .map(|(i, s)| {
                            let s = *s;
                            view! {
                                <option value=i.to_string() selected=move || view_state.status.get() == Some(s)>
                                    {s.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=order_id.clone()>"Sort by"</label>
                <select
                    id=order_id
                    on:change=move |ev| {
                        view_state
                            .order
                            .set(
                                if event_target_value(&ev) == "deadline" {
                                    GoalOrder::Deadline
                                } else {
                                    GoalOrder::Manual
                                },
                            );
                    }
                >
                    <option value="manual">"Your order"</option>
                    <option value="deadline">"Deadline, soonest first"</option>
                </select>
            </div>
        </div>
    }
}

#[component]
fn NewObjective() -> impl IntoView {
    let state = use_app_state();
    let title = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let input_id = unique_id("new-objective");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = title.get_untracked();
        if text.trim().is_empty() {
            error.set(Some("Write the objective first, e.g. “Simplify onboarding to increase developer success”.".into()));
            return;
        }
        error.set(None);
        state.edit_step(|plan| {
            goals::add_objective(plan, &text);
        });
        title.set(String::new());
    };
    view! {
        <form class="card no-print" on:submit=submit aria-labelledby="new-objective-title">
            <h2 id="new-objective-title">"Add an objective"</h2>
            <div class="field">
                <label for=input_id.clone()>"Objective"</label>
                <input
                    id=input_id
                    type="text"
                    maxlength="300"
                    placeholder="e.g. Build the infrastructure for sustainable community growth"
                    bind:value=title
                />
                <span class="hint">"The why of your program. Goals under it are its key results."</span>
            </div>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
            <div class="actions">
                <button type="submit" class="primary">"Add objective"</button>
            </div>
        </form>
    }
}

#[derive(Clone, Copy, PartialEq)]
enum CardMode {
    Normal,
    Renaming,
    ConfirmingRemove,
}

#[component]
fn ObjectiveCard(id: String, view_state: View) -> impl IntoView {
    let state = use_app_state();
    let mode = RwSignal::new(CardMode::Normal);
    let oid = StoredValue::new(id.clone());
    let objective = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .and_then(|p| p.goals.objective(&oid.get_value()))
                .map(|o| (o.title.clone(), o.description.clone()))
        })
    });
    let title = move || {
        objective.with(|o| {
            o.as_ref()
                .map(|(t, _)| display_objective(t))
                .unwrap_or_default()
        })
    };
    let description =
        move || objective.with(|o| o.as_ref().map(|(_, d)| d.clone()).unwrap_or_default());
    let accountability = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .and_then(|p| p.goals.objective(&oid.get_value()))
                .map(|o| {
                    (
                        goals::accountability::accountability_line(o),
                        goals::accountability::accountability_findings(o),
                        (o.owner.clone(), o.sponsor.clone(), o.business_goal.clone()),
                    )
                })
        })
    });
    let who = move |pick: fn(&(String, String, String)) -> String| {
        Signal::derive(move || {
            accountability.with(|a| a.as_ref().map(|(_, _, w)| pick(w)).unwrap_or_default())
        })
    };
    let heading_id = format!("objective-{id}");
    let labelled_by = heading_id.clone();
    // Focus follows the card's inline dialogs: into them when they open, back to the button
    // that opened them when they close (their markup is replaced, which would drop focus).
    let rename_id = format!("objective-{id}-rename");
    let remove_id = format!("objective-{id}-remove");
    let keep_id = format!("objective-{id}-keep");
    let rename_area_id = format!("objective-{id}-renaming");
    let ids = StoredValue::new((
        rename_id.clone(),
        remove_id.clone(),
        keep_id.clone(),
        rename_area_id.clone(),
    ));
    let start_rename = move |_| {
        mode.set(CardMode::Renaming);
        focus_selector_later(format!("#{} input", ids.with_value(|i| i.3.clone())));
    };
    let finish_rename = move || {
        mode.set(CardMode::Normal);
        let rename = ids.with_value(|i| i.0.clone());
        focus_later(rename.clone(), rename);
    };
    let start_remove = move |_| {
        mode.set(CardMode::ConfirmingRemove);
        let keep = ids.with_value(|i| i.2.clone());
        focus_later(keep.clone(), keep);
    };
    let keep = move || {
        mode.set(CardMode::Normal);
        let remove = ids.with_value(|i| i.1.clone());
        focus_later(remove.clone(), remove);
    };
    let edit_objective = move |field: &'static str, value: String| {
        let id = oid.get_value();
        state.edit(&format!("objective:{id}:{field}"), |plan| {
            if let Some(o) = plan.goals.objective_mut(&id) {
                match field {
                    "title" => o.title = value,
                    "owner" => o.owner = value,
                    "sponsor" => o.sponsor = value,
                    "business_goal" => o.business_goal = value,
                    _ => o.description = value,
                }
            }
        });
    };
    let remove = move |_| {
        let id = oid.get_value();
        let name = title();
        state.edit_step(|plan| {
            let _ = goals::remove_objective(&mut plan.goals, &id);
        });
        state.notify(
            format!("Removed the objective “{name}”. Its goals are kept under “Goals without an objective”; Undo brings it back."),
            None,
        );
    };
    view! {
        <section class="card objective" aria-labelledby=labelled_by data-testid="objective">
            <div class="objective-head">
                <div class="objective-text">
                    <p class="eyebrow">"Objective"</p>
                    <h2 id=heading_id>{title}</h2>
                    <Show when=move || !description().is_empty()>
                        <p class="objective-description">{description}</p>
                    </Show>
                    <p class="objective-accountability" data-testid="objective-accountability">
                        {move || accountability.with(|a| a.as_ref().map(|(line, _, _)| line.clone()))}
                    </p>
                    {move || {
                        let findings = accountability.with(|a| a.as_ref().map(|(_, f, _)| f.clone()).unwrap_or_default());
                        (!findings.is_empty()).then(|| view! {
                            <ul class="objective-findings hint" data-testid="objective-findings">
                                {findings.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
                            </ul>
                        })
                    }}
                </div>
                <Show when=move || mode.get() == CardMode::Normal>
                    <div class="actions no-print">
                        <button
                            class="small"
                            id=rename_id.clone()
                            aria-label=move || format!("Edit objective “{}”", title())
                            on:click=start_rename
                        >
                            "Edit"
                        </button>
                        <button
                            class="small danger"
                            id=remove_id.clone()
                            aria-label=move || format!("Remove objective “{}”", title())
                            on:click=start_remove
                        >
                            "Remove"
                        </button>
                    </div>
                </Show>
            </div>
            <Show when=move || mode.get() == CardMode::Renaming>
                <div
                    class="rename no-print"
                    id=rename_area_id.clone()
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            finish_rename();
                        }
                    }
                >
                    <crate::ui::widgets::TextField
                        label="Objective title"
                        value=Signal::derive(move || objective.with(|o| o.as_ref().map(|(t, _)| t.clone()).unwrap_or_default()))
                        on_change=Callback::new(move |v| edit_objective("title", v))
                    />
                    <crate::ui::widgets::TextField
                        label="Description (optional)"
                        multiline=true
                        value=Signal::derive(description)
                        on_change=Callback::new(move |v| edit_objective("description", v))
                    />
                    <crate::ui::widgets::TextField
                        label="Owner"
                        hint="Who answers for this objective day to day."
                        value=who(|w| w.0.clone())
                        on_change=Callback::new(move |v| edit_objective("owner", v))
                    />
                    <crate::ui::widgets::TextField
                        label="Sponsor (business leader)"
                        hint="The business leader who owns the strategy this objective serves."
                        value=who(|w| w.1.clone())
                        on_change=Callback::new(move |v| edit_objective("sponsor", v))
                    />
                    <crate::ui::widgets::TextField
                        label="Business goal it serves"
                        value=who(|w| w.2.clone())
                        on_change=Callback::new(move |v| edit_objective("business_goal", v))
                    />
                    <ObjectiveWorkTags id=oid.get_value() />
                    <div class="actions">
                        <button class="primary" on:click=move |_| finish_rename()>"Done"</button>
                    </div>
                </div>
            </Show>
            <Show when=move || mode.get() == CardMode::ConfirmingRemove>
                <div
                    class="banner warn no-print"
                    role="alert"
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            keep();
                        }
                    }
                >
                    <p>"Remove this objective? Its goals stay in the plan, without an objective."</p>
                    <button class="danger" on:click=remove>"Remove objective"</button>
                    <button id=keep_id.clone() on:click=move |_| keep()>"Keep it"</button>
                </div>
            </Show>
            <GoalList objective=Some(id.clone()) view_state />
            <AddGoal objective=id />
        </section>
    }
}

/// The scope an objective demands and the career key areas it exercises.
#[component]
fn ObjectiveWorkTags(id: String) -> impl IntoView {
    use crate::core::career::scope_check::toggle_key_area;
    let state = use_app_state();
    let oid = StoredValue::new(id);
    let tags = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .and_then(|p| p.goals.objective(&oid.get_value()))
                .map(|o| (o.scope, o.key_area_ids.clone()))
                .unwrap_or_default()
        })
    });
    let edit = move |key: String, change: Box<dyn FnOnce(&mut goals::Objective)>| {
        let id = oid.get_value();
        state.edit(&format!("objective:{id}:{key}"), move |plan| {
            if let Some(o) = plan.goals.objective_mut(&id) {
                change(o);
            }
        });
    };
    view! {
        <crate::ui::widgets::WorkTags
            scope=Signal::derive(move || tags.with(|t| t.0))
            key_areas=Signal::derive(move || tags.with(|t| t.1.clone()))
            on_scope=Callback::new(move |s| edit("scope".into(), Box::new(move |o| o.scope = s)))
            on_key_area=Callback::new(move |(area, on): (String, bool)| {
                edit(
                    format!("key-area:{area}:{on}"),
                    Box::new(move |o| toggle_key_area(&mut o.key_area_ids, &area, on)),
                )
            })
        />
    }
}

/// The goals of one objective (or of none), filtered and sorted as chosen.
#[component]
fn GoalList(objective: Option<String>, view_state: View) -> impl IntoView {
    let state = use_app_state();
    let objective = StoredValue::new(objective);
    let ids = Memo::new(move |_| {
        let status = view_state.status.get();
        let order = view_state.order.get();
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    objective.with_value(|o| {
                        list_goals(&p.goals, status, order)
                            .into_iter()
                            .filter(|g| g.objective_id.as_deref() == o.as_deref())
                            .filter(|g| goals::periods::in_open_period(&p.goals, g))
                            .map(|g| g.id.to_string())
                            .collect::<Vec<_>>()
                    })
                })
                .unwrap_or_default()
        })
    });
    let total = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    objective.with_value(|o| {
                        p.goals
                            .goals_of(o.as_deref())
                            .into_iter()
                            .filter(|g| goals::periods::in_open_period(&p.goals, g))
                            .count()
                    })
                })
                .unwrap_or(0)
        })
    });
    let empty_text = move || {
        if total.get() == 0 {
            "No goals yet. Add one below: blank, from a template, or from a catalog metric."
                .to_string()
        } else {
            let status = view_state
                .status
                .get()
                .map(|s| s.label().to_lowercase())
                .unwrap_or_default();
            format!(
                "No {status} goals here. Choose “All statuses” to see all {} of them.",
                total.get()
            )
        }
    };
    view! {
        <Show
            when=move || !ids.with(|i| i.is_empty())
            fallback=move || view! { <p class="hint empty-goals">{empty_text}</p> }
        >
            <ul class="goal-list" aria-label="Key results">
                <For
                    each=move || ids.get()
                    key=|id| id.clone()
                    children=move |id| view! { <GoalRow id view_state /> }
                />
            </ul>
        </Show>
    }
}

#[derive(Clone, PartialEq)]
struct RowInfo {
    title: String,
    status: GoalStatus,
    track: TrackStatus,
    percent: Option<f64>,
    deadline: Option<chrono::NaiveDate>,
    smart_passed: usize,
    review_due: Option<chrono::NaiveDate>,
    owner: Option<String>,
    linked: Option<String>,
    first: bool,
    last: bool,
}

#[component]
fn GoalRow(id: String, view_state: View) -> impl IntoView {
    let state = use_app_state();
    let gid = StoredValue::new(id.clone());
    let info = Memo::new(move |_| {
        let today = clock::today();
        state.plan.with(|p| {
            let p = p.as_ref()?;
            let id = gid.get_value();
            let g = p.goals.goal(&id)?;
            let siblings = p.goals.goals_of(g.objective_id.as_deref());
            let progress = progress(g);
            Some(RowInfo {
                title: display_title(&g.title),
                status: g.status,
                track: progress.status,
                percent: progress.percent_complete,
                deadline: g.deadline,
                smart_passed: crate::core::curve::flows::smart_check_in(&p.curve, g, today)
                    .passed(),
                review_due: goals::review::due_review(g, today),
                owner: g.owner().map(|o| o.name.clone()),
                linked: super::stage_link_text(p, g),
                first: siblings.first().is_some_and(|s| s.id == id),
                last: siblings.last().is_some_and(|s| s.id == id),
            })
        })
    });
    let read =
        move |f: fn(&RowInfo) -> String| info.with(|i| i.as_ref().map(f).unwrap_or_default());
    let title = move || read(|i| i.title.clone());
    let up_id = format!("goal-{id}-up");
    let down_id = format!("goal-{id}-down");
    let shift = move |delta: isize, focus: String, fallback: String| {
        let id = gid.get_value();
        state.edit(&format!("goal:{id}:move"), |plan| {
            let _ = goals::move_goal_within_objective(&mut plan.goals, &id, delta);
        });
        focus_later(focus, fallback);
    };
    let (up_focus, down_focus) = (up_id.clone(), down_id.clone());
    let class = move || {
        if info.with(|i| i.as_ref().is_some_and(|i| i.review_due.is_some())) {
            "goal-row review-due"
        } else {
            "goal-row"
        }
    };
    view! {
        <li class=class data-testid="goal-row">
            <div class="goal-row-main">
                <A href=app_href(&goal_href(&id))>{title}</A>
                <div class="goal-meta">
                    <span class=move || info.with(|i| i.as_ref().map(|i| status_class(i.status)).unwrap_or("badge"))>
                        {move || read(|i| i.status.label().to_string())}
                    </span>
                    <span class=move || info.with(|i| i.as_ref().map(|i| track_class(i.track)).unwrap_or("badge"))>
                        {move || read(|i| i.track.label().to_string())}
                    </span>
                    <span>
                        {move || read(|i| i.percent.map(|p| format!("{p:.0}% complete")).unwrap_or_else(|| "No progress yet".into()))}
                    </span>
                    <span>
                        {move || read(|i| i.deadline.map(|d| format!("Due {}", format_date(d))).unwrap_or_else(|| "No deadline".into()))}
                    </span>
                    <span>{move || read(|i| format!("SMART {}/5", i.smart_passed))}</span>
                    {move || {
                        read(|i| i.owner.clone().unwrap_or_default())
                            .chars()
                            .next()
                            .is_some()
                            .then(|| view! { <span>{read(|i| format!("Owner: {}", i.owner.clone().unwrap_or_default()))}</span> })
                    }}
                </div>
                {move || {
                    info.with(|i| i.as_ref().and_then(|i| i.review_due))
                        .map(|d| view! { <p class="due-note">{format!("Review due since {}", format_date(d))}</p> })
                }}
                {move || {
                    info.with(|i| i.as_ref().and_then(|i| i.linked.clone()))
                        .map(|text| view! { <p class="hint">{text}</p> })
                }}
            </div>
            <Show when=move || view_state.can_reorder()>
                <div class="reorder no-print" role="group" aria-label=move || format!("Reorder “{}”", title())>
                    <button
                        id=up_id.clone()
                        class="small"
                        aria-label=move || format!("Move “{}” up", title())
                        disabled=move || info.with(|i| i.as_ref().is_none_or(|i| i.first))
                        on:click={
                            let (f, b) = (up_focus.clone(), down_focus.clone());
                            move |_| shift(-1, f.clone(), b.clone())
                        }
                    >
                        "↑"
                    </button>
                    <button
                        id=down_id.clone()
                        class="small"
                        aria-label=move || format!("Move “{}” down", title())
                        disabled=move || info.with(|i| i.as_ref().is_none_or(|i| i.last))
                        on:click={
                            let (f, b) = (down_focus.clone(), up_focus.clone());
                            move |_| shift(1, f.clone(), b.clone())
                        }
                    >
                        "↓"
                    </button>
                </div>
            </Show>
        </li>
    }
}

/// Adds a goal to an objective: blank, from a template, or from a catalog metric.
#[component]
fn AddGoal(objective: String) -> impl IntoView {
    let state = use_app_state();
    let navigate = use_navigate();
    let choice = RwSignal::new("blank".to_string());
    let select_id = unique_id("start-from");
    let objective = StoredValue::new(objective);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let picked = choice.get_untracked();
        let objective = objective.get_value();
        if let Some(id) = add_goal(state, &picked, &objective) {
            navigate(&goal_href(&id), Default::default());
            // The new goal's first field: its title is what the user writes next.
            focus_selector_later(".goal-form input".into());
        }
    };
    view! {
        <form class="add-goal no-print" on:submit=add>
            <div class="field">
                <label for=select_id.clone()>"Start a new goal from"</label>
                <select id=select_id on:change=move |ev| choice.set(event_target_value(&ev))>
                    <option value="blank">"A blank goal"</option>
                    <optgroup label="Templates">
                        {templates()
                            .into_iter()
                            .map(|t| view! { <option value=format!("template:{}", t.key)>{t.name}</option> })
                            .collect_view()}
                    </optgroup>
                    <optgroup label="Catalog metrics">
                        {catalog()
                            .into_iter()
                            .map(|m| view! { <option value=format!("metric:{}", m.key)>{m.name}</option> })
                            .collect_view()}
                    </optgroup>
                </select>
            </div>
            <button type="submit" class="primary">"Add goal"</button>
        </form>
    }
}

fn add_goal(state: AppState, picked: &str, objective: &str) -> Option<String> {
    let today = clock::today();
    let mut outcome = None;
    state.edit_step(|plan| {
        outcome = Some(if let Some(key) = picked.strip_prefix("template:") {
            goals::add_goal_from_template(plan, key, Some(objective), today)
        } else if let Some(key) = picked.strip_prefix("metric:") {
            goals::add_goal_from_catalog(plan, key, Some(objective), today)
        } else {
            goals::add_goal(plan, Some(objective))
        });
    });
    match outcome? {
        Ok(id) => Some(id),
        Err(why) => {
            state.notify(why.to_string(), None);
            None
        }
    }
}

pub fn display_title(title: &str) -> String {
    if title.trim().is_empty() {
        "Untitled goal".into()
    } else {
        title.trim().to_string()
    }
}

fn display_objective(title: &str) -> String {
    if title.trim().is_empty() {
        "Untitled objective".into()
    } else {
        title.trim().to_string()
    }
}
