//! The scope an objective, goal or touch point demands and the career key areas it
//! exercises; the Career tool's scope check reads them.

use leptos::prelude::*;

use crate::core::career::scope_check::key_area_options;
use crate::core::career::Scope;
use crate::core::ids::KeyAreaId;
use crate::ui::state::use_app_state;

use super::{CheckboxField, SelectField};

/// Tags one piece of work. `on_scope` gets None for "not tagged";
/// `on_key_area` gets a key area id and whether it is now chosen.
#[component]
pub fn WorkTags(
    #[prop(into)] scope: Signal<Option<Scope>>,
    #[prop(into)] key_areas: Signal<Vec<KeyAreaId>>,
    #[prop(into)] on_scope: Callback<Option<Scope>>,
    #[prop(into)] on_key_area: Callback<(String, bool)>,
) -> impl IntoView {
    let state = use_app_state();
    let areas = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| key_area_options(&p.career))
                .unwrap_or_default()
        })
    });
    // Work starts untagged: the scope check never guesses a scope.
    let mut scope_options = vec![(String::new(), "Not tagged".to_string())];
    scope_options.extend(
        Scope::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| (i.to_string(), s.label().to_string())),
    );
    let scope_value = Signal::derive(move || {
        scope
            .get()
            .and_then(|s| Scope::ALL.iter().position(|x| *x == s))
            .map(|i| i.to_string())
            .unwrap_or_default()
    });
    let chosen_count = move || key_areas.with(Vec::len);
    view! {
        <div class="work-tags" data-testid="work-tags">
            <SelectField
                label="Scope it demands"
                hint="How wide an influence owning this takes; the Career tool's scope check compares it with a level's scope when the work's owner is the role or its team. Untagged work is listed, not counted."
                options=scope_options
                value=scope_value
                on_change=Callback::new(move |v: String| {
                    on_scope.run(v.parse::<usize>().ok().and_then(|i| Scope::ALL.get(i).copied()))
                })
            />
            <details class="key-area-picker">
                <summary>
                    {move || match chosen_count() {
                        0 => "Career key areas it exercises (none chosen)".to_string(),
                        n => format!("Career key areas it exercises ({n} chosen)"),
                    }}
                </summary>
                <Show when=move || areas.with(Vec::is_empty)>
                    <p class="hint">"The Career tool has no key areas yet: add a track there first."</p>
                </Show>
                <For each=move || areas.get() key=|a| a.clone() children=move |(id, label)| {
                    let area = StoredValue::new(id);
                    view! {
                        <CheckboxField
                            label=label
                            checked=Signal::derive(move || key_areas.with(|k| area.with_value(|a| k.contains(a))))
                            on_change=Callback::new(move |on: bool| on_key_area.run((area.get_value().to_string(), on)))
                        />
                    }
                } />
            </details>
        </div>
    }
}
