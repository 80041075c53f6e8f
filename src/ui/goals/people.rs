//! Key players (one of them the owner) and the ordered steps of a goal.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::core::goals;
use crate::ui::widgets::unique_id;

use super::{focus_later, GoalCtx};

#[component]
pub fn KeyPlayers(ctx: GoalCtx) -> impl IntoView {
    let new_name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let group = unique_id("owner");
    let new_id = unique_id("new-player");
    let ids = Memo::new(move |_| {
        ctx.read(|g| {
            g.key_players
                .iter()
                .map(|p| p.id.to_string())
                .collect::<Vec<_>>()
        })
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked();
        if name.trim().is_empty() {
            error.set(Some("Type the name of a person or team first.".into()));
            return;
        }
        match ctx.run_step(|plan, id| goals::add_key_player(plan, id, &name)) {
            Ok(_) => {
                error.set(None);
                new_name.set(String::new());
            }
            Err(why) => error.set(Some(why)),
        }
    };
    view! {
        <section class="card" aria-labelledby="players-title">
            <h2 id="players-title">"Key players"</h2>
            <p class="hint">"The people or teams who will do the work. Mark one as the owner: they answer for the goal."</p>
            <Show when=move || ids.with(|i| i.is_empty())>
                <p class="hint empty-goals">"No key players yet: add the first below (they become the owner)."</p>
            </Show>
            <ul class="rows" aria-label="Key players">
                <For
                    each=move || ids.get()
                    key=|id| id.clone()
                    children={
                        let group = group.clone();
                        move |player_id| view! { <PlayerRow ctx player_id group=group.clone() /> }
                    }
                />
            </ul>
            <form class="add-row no-print" on:submit=add>
                <div class="field">
                    <label for=new_id.clone()>"New key player"</label>
                    <input id=new_id type="text" maxlength="200" placeholder="e.g. The community team" bind:value=new_name />
                </div>
                <button type="submit">"Add key player"</button>
            </form>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}

#[component]
fn PlayerRow(ctx: GoalCtx, player_id: String, group: String) -> impl IntoView {
    let pid = StoredValue::new(player_id);
    let player = Memo::new(move |_| {
        ctx.read(|g| {
            g.key_players
                .iter()
                .find(|p| p.id == pid.get_value())
                .map(|p| (p.name.clone(), p.owner))
        })
    });
    let name = move || player.with(|p| p.as_ref().map(|p| p.0.clone()).unwrap_or_default());
    let spoken = move || {
        let n = name();
        if n.trim().is_empty() {
            "unnamed key player".to_string()
        } else {
            n
        }
    };
    view! {
        <li class="row">
            <input
                type="text"
                maxlength="200"
                aria-label=move || format!("Name of key player {}", spoken())
                prop:value=name
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    let p = pid.get_value();
                    ctx.edit(&format!("player:{p}:name"), |g| {
                        if let Some(player) = g.key_players.iter_mut().find(|k| k.id == p) {
                            player.name = v;
                        }
                    });
                }
            />
            <label class="inline">
                <input
                    type="radio"
                    name=group
                    prop:checked=move || player.with(|p| p.as_ref().is_some_and(|p| p.1))
                    on:change=move |_| {
                        let p = pid.get_value();
                        let _ = ctx.run("owner", |plan, id| goals::set_owner(&mut plan.goals, id, &p));
                    }
                />
                <span>"Owner"</span>
                <span class="visually-hidden">{move || format!(": {}", spoken())}</span>
            </label>
            <button
                class="small danger no-print"
                aria-label=move || format!("Remove key player {}", spoken())
                on:click=move |_| {
                    let p = pid.get_value();
                    let _ = ctx.run_step(|plan, id| goals::remove_key_player(&mut plan.goals, id, &p));
                }
            >
                "Remove"
            </button>
        </li>
    }
}

#[component]
pub fn Steps(ctx: GoalCtx) -> impl IntoView {
    let new_text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let new_id = unique_id("new-step");
    let ids = Memo::new(move |_| {
        ctx.read(|g| g.steps.iter().map(|s| s.id.to_string()).collect::<Vec<_>>())
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = new_text.get_untracked();
        if text.trim().is_empty() {
            error.set(Some(
                "Describe the step first, e.g. “labelling 40 good first issues”.".into(),
            ));
            return;
        }
        match ctx.run_step(|plan, id| goals::add_step(plan, id, &text)) {
            Ok(_) => {
                error.set(None);
                new_text.set(String::new());
            }
            Err(why) => error.set(Some(why)),
        }
    };
    view! {
        <section class="card" aria-labelledby="steps-title">
            <h2 id="steps-title">"Steps"</h2>
            <p class="hint">"What the team will do, in order. They complete the sentence “… will accomplish this goal by …”."</p>
            <Show when=move || ids.with(|i| i.is_empty())>
                <p class="hint empty-goals">"No steps yet: add the first below."</p>
            </Show>
            <ol class="rows steps" aria-label="Steps">
                <For each=move || ids.get() key=|id| id.clone() children=move |step_id| view! { <StepRow ctx step_id /> } />
            </ol>
            <form class="add-row no-print" on:submit=add>
                <div class="field">
                    <label for=new_id.clone()>"New step"</label>
                    <input id=new_id type="text" maxlength="300" placeholder="e.g. running a monthly onboarding call" bind:value=new_text />
                </div>
                <button type="submit">"Add step"</button>
            </form>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}

#[derive(Clone, PartialEq)]
struct StepView {
    number: usize,
    count: usize,
    text: String,
    owner: Option<String>,
    due: Option<NaiveDate>,
    done: bool,
    players: Vec<(String, String)>,
}

#[component]
fn StepRow(ctx: GoalCtx, step_id: String) -> impl IntoView {
    let sid = StoredValue::new(step_id.clone());
    let step = Memo::new(move |_| {
        ctx.read(|g| {
            let id = sid.get_value();
            let number = g.steps.iter().position(|s| s.id == id)?;
            let s = &g.steps[number];
            Some(StepView {
                number: number + 1,
                count: g.steps.len(),
                text: s.text.clone(),
                owner: s.owner_id.clone().map(String::from),
                due: s.due,
                done: s.done,
                players: g
                    .key_players
                    .iter()
                    .map(|p| (p.id.to_string(), p.name.clone()))
                    .collect(),
            })
        })
    });
    let n = move || step.with(|s| s.as_ref().map(|s| s.number).unwrap_or(0));
    let edit = move |part: &str, change: Box<dyn FnOnce(&mut goals::Step)>| {
        let id = sid.get_value();
        ctx.edit(&format!("step:{id}:{part}"), |g| {
            if let Some(s) = g.steps.iter_mut().find(|s| s.id == id) {
                change(s);
            }
        });
    };
    let up_id = format!("step-{step_id}-up");
    let down_id = format!("step-{step_id}-down");
    let shift = move |delta: isize, focus: String, fallback: String| {
        let id = sid.get_value();
        let to = (n() as isize - 1 + delta).max(0) as usize;
        let _ = ctx.run("step:move", |plan, g| {
            goals::move_step(&mut plan.goals, g, &id, to)
        });
        focus_later(focus, fallback);
    };
    let (up_focus, down_focus) = (up_id.clone(), down_id.clone());
    view! {
        <li class="row step">
            <input
                type="checkbox"
                aria-label=move || format!("Step {} done", n())
                prop:checked=move || step.with(|s| s.as_ref().is_some_and(|s| s.done))
                on:change=move |ev| {
                    let done = event_target_checked(&ev);
                    edit("done", Box::new(move |s| s.done = done));
                }
            />
            <input
                type="text"
                class="grow"
                maxlength="300"
                aria-label=move || format!("Step {}", n())
                prop:value=move || step.with(|s| s.as_ref().map(|s| s.text.clone()).unwrap_or_default())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    edit("text", Box::new(move |s| s.text = v));
                }
            />
            <select
                aria-label=move || format!("Owner of step {}", n())
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let owner = (!v.is_empty()).then_some(v);
                    let id = sid.get_value();
                    let _ = ctx.run("step:owner", |plan, g| goals::set_step_owner(&mut plan.goals, g, &id, owner.as_deref()));
                }
            >
                {move || {
                    let (owner, players) = step
                        .with(|s| s.as_ref().map(|s| (s.owner.clone(), s.players.clone())))
                        .unwrap_or_default();
                    let mut opts = vec![(String::new(), "No owner".to_string())];
                    opts.extend(players.into_iter().map(|(id, name)| {
                        let name = if name.trim().is_empty() { "Unnamed".to_string() } else { name };
                        (id, name)
                    }));
                    opts.into_iter()
                        .map(|(value, label)| {
                            let selected = Some(&value) == owner.as_ref() || (value.is_empty() && owner.is_none());
                            view! { <option value=value selected=selected>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <input
                type="date"
                aria-label=move || format!("Due date of step {}", n())
                prop:value=move || step.with(|s| s.as_ref().and_then(|s| s.due).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default())
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let due = NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok();
                    if due.is_some() || v.is_empty() {
                        edit("due", Box::new(move |s| s.due = due));
                    }
                }
            />
            <span class="reorder no-print">
                <button
                    id=up_id.clone()
                    class="small"
                    aria-label=move || format!("Move step {} up", n())
                    disabled=move || n() <= 1
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
                    aria-label=move || format!("Move step {} down", n())
                    disabled=move || step.with(|s| s.as_ref().is_none_or(|s| s.number >= s.count))
                    on:click={
                        let (f, b) = (down_focus.clone(), up_focus.clone());
                        move |_| shift(1, f.clone(), b.clone())
                    }
                >
                    "↓"
                </button>
                <button
                    class="small danger"
                    aria-label=move || format!("Remove step {}", n())
                    on:click=move |_| {
                        let id = sid.get_value();
                        let _ = ctx.run_step(|plan, g| goals::remove_step(&mut plan.goals, g, &id));
                    }
                >
                    "Remove"
                </button>
            </span>
        </li>
    }
}
