//! The scope check: the work this plan gives the role under discussion (owned by the person or
//! their team, as the user says, and tagged with a scope) against the scope and behaviours of
//! its level and of the next; and what it leaves out (not tagged, owned by others).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::base_path::app_href;
use crate::core::career::scope_check::{
    is_role_owner, owner_names, scope_check, set_role_owner, AreaWork, ScopeCheck, WorkItem,
    WorkKind, NOT_TAGGED_NOTE,
};
use crate::ui::goals::goal_href;
use crate::ui::state::{use_app_state, AppState};
use crate::ui::widgets::CheckboxField;

/// The scope check of the role under discussion, or None when no role is chosen.
pub(crate) fn use_scope_check(state: AppState) -> Memo<Option<ScopeCheck>> {
    Memo::new(move |_| {
        state.plan.with(|p| {
            let p = p.as_ref()?;
            scope_check(p, p.career.proposed_level_id.as_deref()?)
        })
    })
}

fn href(item: &WorkItem) -> String {
    match item.kind {
        WorkKind::Goal => goal_href(&item.id),
        WorkKind::Objective => "/goals".to_string(),
        WorkKind::TouchPoint => "/curve".to_string(),
    }
}

fn item_view(item: WorkItem) -> impl IntoView {
    let note = if item.owner.is_empty() {
        format!(" ({}, no owner named)", item.kind.noun(1))
    } else {
        format!(" ({}, owner: {})", item.kind.noun(1), item.owner)
    };
    view! {
        <li>
            <A href=app_href(&href(&item))>{item.title.clone()}</A>
            {note}
        </li>
    }
}

#[component]
pub fn ScopeCheckPanel() -> impl IntoView {
    let state = use_app_state();
    let check = use_scope_check(state);
    view! {
        <section class="card" aria-labelledby="career-scope-title">
            <h2 id="career-scope-title">"The work against the title"</h2>
            <p class="hint">
                "The objectives, goals and touch points of this plan that the person in the role or their team owns, "
                "each with the scope the team tagged it with, against the scope and behaviours of the role under "
                "discussion and of the next level. Set an item's scope and key areas where you edit it."
            </p>
            <RoleOwners />
            {move || match check.get() {
                None => view! { <p class="hint">"Choose the role under discussion at the top to check the work against it."</p> }.into_any(),
                Some(c) => view! { <CheckBody check=c /> }.into_any(),
            }}
        </section>
    }
}

/// Which owners named in the plan are the person in the role or their team.
#[component]
fn RoleOwners() -> impl IntoView {
    let state = use_app_state();
    let names = Memo::new(move |_| {
        state
            .plan
            .with(|p| p.as_ref().map(owner_names).unwrap_or_default())
    });
    view! {
        <fieldset class="role-owners" data-testid="role-owners">
            <legend>"Whose work is the role's: the person in the role or their team"</legend>
            <Show when=move || names.with(Vec::is_empty)>
                <p class="hint">"No owner is named in this plan yet: name one on an objective, a goal's key players or a touch point."</p>
            </Show>
            <For each=move || names.get() key=|n| n.clone() children=move |name| {
                let name = StoredValue::new(name);
                let checked = Signal::derive(move || {
                    state.plan.with(|p| {
                        p.as_ref()
                            .is_some_and(|p| is_role_owner(&p.career.role_owners, &name.get_value()))
                    })
                });
                view! {
                    <CheckboxField
                        label=name.get_value()
                        checked
                        on_change=Callback::new(move |on: bool| {
                            let owner = name.get_value();
                            state.edit_step(move |plan| set_role_owner(&mut plan.career, &owner, on));
                        })
                    />
                }
            } />
        </fieldset>
    }
}

/// A list of work the check leaves out, under its heading.
fn left_out(heading: &'static str, test_id: &'static str, items: &[WorkItem]) -> impl IntoView {
    (!items.is_empty()).then(|| {
        let items = items.iter().cloned().map(item_view).collect_view();
        view! {
            <div data-testid=test_id>
                <h3>{heading}</h3>
                <ul class="compact-list">{items}</ul>
            </div>
        }
    })
}

#[component]
fn CheckBody(check: ScopeCheck) -> impl IntoView {
    let wider = !check.findings.is_empty();
    let findings = check
        .findings
        .iter()
        .map(|f| {
            let message = f.message(&check.level, &check.track_name);
            let items = f.items.iter().cloned().map(item_view).collect_view();
            view! {
                <li>
                    <p>{message}</p>
                    <ul class="compact-list">{items}</ul>
                </li>
            }
        })
        .collect_view();
    let tagged: Vec<AreaWork> = check
        .areas
        .iter()
        .filter(|a| !a.items.is_empty())
        .cloned()
        .collect();
    let untagged = check.areas.len() - tagged.len();
    let next_title = check
        .next
        .as_ref()
        .map_or("Next level".to_string(), |n| n.name());
    let level_title = check.level.name();
    view! {
        <p class=check.tone().banner_class() role="status" data-testid="scope-summary">
            {check.summary()}
        </p>
        {wider.then(|| view! { <ul class="scope-findings" data-testid="scope-findings">{findings}</ul> })}
        <p data-testid="scope-next">{check.next_text()}</p>
        {(!tagged.is_empty()).then(|| view! {
            <div class="table-wrap" role="region" tabindex="0" aria-label="Key areas the work exercises">
                <table class="scope-areas" data-testid="scope-areas">
                    <caption>"Key areas the work exercises"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Key area"</th>
                            <th scope="col">"Work"</th>
                            <th scope="col">{format!("{level_title} expects")}</th>
                            <th scope="col">{format!("{next_title} expects")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {tagged.into_iter().map(|a| {
                            let expects = |b: Option<(crate::core::ids::BehaviourId, String)>| b.map_or("Not written yet.".to_string(), |b| b.1);
                            view! {
                                <tr>
                                    <th scope="row">{a.name.clone()}</th>
                                    <td><ul class="compact-list">{a.items.iter().cloned().map(item_view).collect_view()}</ul></td>
                                    <td>{expects(a.at_level.clone())}</td>
                                    <td>{expects(a.at_next.clone())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        {(untagged > 0).then(|| view! {
            <p class="hint">{format!(
                "{untagged} of the {} key areas of the {} track have no work tagged with them.",
                check.areas.len(),
                check.track_name
            )}</p>
        })}
        {left_out("Owned by others, not counted", "scope-others", &check.owned_by_others)}
        {left_out("Tagged but with no owner named, not counted", "scope-no-owner", &check.no_owner)}
        {left_out("Not tagged with a scope, not counted", "scope-not-tagged", &check.not_tagged)}
        {(!check.not_tagged.is_empty()).then(|| view! { <p class="hint">{NOT_TAGGED_NOTE}</p> })}
    }
}
