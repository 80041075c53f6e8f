//! The scope check: the work this plan assigns to the role under discussion against the
//! scope and behaviours of its level and of the next.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::base_path::app_href;
use crate::core::career::scope_check::{
    scope_check, AreaWork, ScopeCheck, WorkItem, WorkKind, RULE_OF_THUMB,
};
use crate::ui::goals::goal_href;
use crate::ui::state::{use_app_state, AppState};

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
    let note = match (item.kind, item.by_rule) {
        (kind, true) => format!(" ({}, scope by rule of thumb)", kind.noun(1)),
        (kind, false) => format!(" ({})", kind.noun(1)),
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
                "The objectives, goals and touch points of this plan, each with the scope it demands, "
                "against the scope and behaviours of the role under discussion and of the next level. "
                "Set an item's scope and key areas where you edit it."
            </p>
            {move || match check.get() {
                None => view! { <p class="hint">"Choose the role under discussion at the top to check the work against it."</p> }.into_any(),
                Some(c) => view! { <CheckBody check=c /> }.into_any(),
            }}
        </section>
    }
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
        <p class=if wider { "banner warn" } else { "banner ok" } role="status" data-testid="scope-summary">
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
        {(check.by_rule > 0).then(|| view! { <p class="hint" data-testid="scope-rule">{RULE_OF_THUMB}</p> })}
    }
}
