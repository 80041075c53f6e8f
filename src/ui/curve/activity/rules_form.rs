//! The stage rules as a form: per stage, whether it is counted and its numbers, each rule read
//! back as a sentence.

use leptos::prelude::*;

use crate::core::curve::activity::rules::{sentences, TypedRule, HOW_RULES_APPLY, TEMPLATE_NOTE};
use crate::core::curve::activity::ActivityRules;
use crate::ui::state::use_app_state;
use crate::ui::widgets::unique_id;

use super::super::display_name;

#[component]
pub(super) fn RulesForm(
    form: Memo<Vec<TypedRule>>,
    rules_typed: RwSignal<Option<Vec<TypedRule>>>,
    rules: Memo<Result<ActivityRules, Vec<String>>>,
    from_template: Signal<bool>,
    types: Signal<Vec<(String, u64)>>,
) -> impl IntoView {
    let state = use_app_state();
    let ids =
        Memo::new(move |_| form.with(|f| f.iter().map(|r| r.stage_id.clone()).collect::<Vec<_>>()));
    let said = Memo::new(move |_| {
        let r = rules.get();
        state.plan.with(|p| match (p, r) {
            (Some(p), Ok(r)) => Ok(sentences(&p.curve, &r)),
            (_, Err(problems)) => Err(problems),
            (None, _) => Ok(Vec::new()),
        })
    });
    let type_list = move || {
        let t = types.get();
        if t.is_empty() {
            return String::new();
        }
        let names: Vec<String> = t
            .iter()
            .map(|(name, n)| {
                let name = if name.is_empty() {
                    "(no type)"
                } else {
                    name.as_str()
                };
                format!("{name} ({n})")
            })
            .collect();
        format!("Types in this file, with their rows: {}.", names.join(", "))
    };
    view! {
        <Show when=move || from_template.get()>
            <p class="hint" data-testid="activity-template-note">{TEMPLATE_NOTE}</p>
        </Show>
        <p class="hint">{HOW_RULES_APPLY}</p>
        <p class="hint" data-testid="activity-types">{type_list}</p>
        <div class="activity-rules">
            <For each=move || ids.get() key=|id| id.clone() let:id>
                <RuleRow id form rules_typed />
            </For>
        </div>
        {move || match said.get() {
            Ok(lines) => view! {
                <ul class="compact-list activity-sentences" data-testid="activity-sentences" aria-label="The rules, highest stage first">
                    {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                </ul>
            }.into_any(),
            Err(problems) => view! {
                <div class="banner warn" role="alert">
                    <ul class="compact-list">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            }.into_any(),
        }}
    }
}

#[component]
fn RuleRow(
    id: String,
    form: Memo<Vec<TypedRule>>,
    rules_typed: RwSignal<Option<Vec<TypedRule>>>,
) -> impl IntoView {
    let state = use_app_state();
    let name = {
        let id = id.clone();
        Memo::new(move |_| {
            state.plan.with(|p| {
                display_name(
                    &p.as_ref()
                        .and_then(|p| p.curve.stage(&id))
                        .map(|s| s.name.clone())
                        .unwrap_or_default(),
                )
            })
        })
    };
    let field = {
        let id = id.clone();
        move |read: fn(&TypedRule) -> String| {
            let id = id.clone();
            move || {
                form.with(|f| {
                    f.iter()
                        .find(|r| r.stage_id == id)
                        .map(read)
                        .unwrap_or_default()
                })
            }
        }
    };
    let update = {
        let id = id.clone();
        move |change: Box<dyn Fn(&mut TypedRule)>| {
            let mut f = form.get_untracked();
            if let Some(r) = f.iter_mut().find(|r| r.stage_id == id) {
                change(r);
            }
            rules_typed.set(Some(f));
        }
    };
    let counted = {
        let id = id.clone();
        Memo::new(move |_| form.with(|f| f.iter().any(|r| r.stage_id == id && r.counted)))
    };
    let (u1, u2, u3, u4) = (update.clone(), update.clone(), update.clone(), update);
    let (n_id, t_id, d_id) = (
        unique_id("rule-n"),
        unique_id("rule-types"),
        unique_id("rule-days"),
    );
    view! {
        <fieldset class="activity-rule" data-stage=id.clone()>
            <legend>{move || name.get()}</legend>
            <label class="field checkbox">
                <input type="checkbox" prop:checked=counted
                    on:change=move |ev| { let on = event_target_checked(&ev); u1(Box::new(move |r| r.counted = on)); } />
                {move || format!("Count members in {}", name.get())}
            </label>
            <div class="field-row">
                <div class="field">
                    <label for=n_id.clone()>"At least (activities)"</label>
                    <input id=n_id type="text" inputmode="numeric" size="5" prop:value=field(|r| r.min_activities.clone())
                        disabled=move || !counted.get()
                        on:change=move |ev| { let v = event_target_value(&ev); u2(Box::new(move |r| r.min_activities = v.clone())); } />
                </div>
                <div class="field">
                    <label for=t_id.clone()>"Of these types (commas; blank: any)"</label>
                    <input id=t_id type="text" prop:value=field(|r| r.types.clone())
                        disabled=move || !counted.get()
                        on:change=move |ev| { let v = event_target_value(&ev); u3(Box::new(move |r| r.types = v.clone())); } />
                </div>
                <div class="field">
                    <label for=d_id.clone()>"In the last (days)"</label>
                    <input id=d_id type="text" inputmode="numeric" size="5" prop:value=field(|r| r.days.clone())
                        disabled=move || !counted.get()
                        on:change=move |ev| { let v = event_target_value(&ev); u4(Box::new(move |r| r.days = v.clone())); } />
                </div>
            </div>
        </fieldset>
    }
}
