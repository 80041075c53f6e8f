//! The merge of a returned copy, before anything is written (issue 32): what it changes, and
//! for each conflict the three values side by side (yours, theirs, the original) with a
//! choice. The core decides all of it (`Session::prepare_merge`, `Session::merge`); this
//! shows it and passes the choices back.

use leptos::prelude::*;

use crate::core::merge::view::ConflictView;
use crate::core::merge::Choice;
use crate::core::session::PendingMerge;
use crate::ui::plans::focus_later;
use crate::ui::state::use_app_state;

/// A merge waiting for the user's confirmation.
#[derive(Clone, Copy)]
pub struct MergeInProgress(pub RwSignal<Option<PendingMerge>>);

#[component]
pub fn MergeStep() -> impl IntoView {
    let pending = expect_context::<MergeInProgress>().0;
    move || pending.get().map(|merge| view! { <MergeForm merge /> })
}

#[component]
fn MergeForm(merge: PendingMerge) -> impl IntoView {
    let state = use_app_state();
    let pending = expect_context::<MergeInProgress>().0;
    let choices = RwSignal::new(merge.first_choices());
    let error = RwSignal::new(None::<String>);
    let close = move || {
        pending.set(None);
        focus_later("#import-file");
    };
    let heading = NodeRef::<leptos::html::H3>::new();
    Effect::new(move || {
        if let Some(h) = heading.get() {
            request_animation_frame(move || {
                let _ = h.focus();
            });
        }
    });
    let how = if merge.three_way {
        "Compared with the version you sent: what either side changed is kept."
    } else {
        "The version this copy started from is not kept in this browser, so the two are compared record by record: records only one side has are kept, and where a field differs you choose."
    };
    let conflicts = merge.conflicts.clone();
    let count = conflicts.len();
    let ask = match count {
        0 => None,
        1 => Some("One field was changed on both sides. Choose the value to keep:".to_string()),
        n => Some(format!(
            "{n} fields were changed on both sides. Choose the value to keep for each:"
        )),
    };
    let stored = StoredValue::new(merge.clone());
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        state.merge(
            stored.get_value(),
            choices.get_untracked(),
            move |refused| match refused {
                Some(why) => error.set(Some(why)),
                None => close(),
            },
        );
    };
    view! {
        <form class="merge-step" aria-labelledby="merge-title" on:submit=confirm data-testid="merge-step">
            <h3 id="merge-title" tabindex="-1" node_ref=heading>
                {format!("Merge the returned copy into “{}”", merge.name)}
            </h3>
            <p class="hint">{how}</p>
            <p data-testid="merge-changes">{merge.changes.clone()}</p>
            {ask.map(|a| view! { <p>{a}</p> })}
            {conflicts
                .into_iter()
                .enumerate()
                .map(|(index, conflict)| view! { <ConflictChoice index conflict choices /> })
                .collect_view()}
            <p class="hint">"Nothing changes until you merge; the notice after it can undo the whole merge."</p>
            <Show when=move || error.get().is_some()>
                <p class="banner bad" role="alert" data-testid="merge-error">
                    {move || error.get().unwrap_or_default()}
                </p>
            </Show>
            <div class="actions">
                <button type="submit" class="primary">
                    {if count == 0 { "Merge" } else { "Merge with these choices" }}
                </button>
                <button type="button" on:click=move |_| close()>"Cancel"</button>
            </div>
        </form>
    }
}

/// One conflict: its place and field as the group's name, one radio per value.
#[component]
fn ConflictChoice(
    index: usize,
    conflict: ConflictView,
    choices: RwSignal<Vec<Choice>>,
) -> impl IntoView {
    let name = format!("merge-choice-{index}");
    let mut options = vec![
        (Choice::Mine, "Yours", conflict.mine.clone()),
        (Choice::Theirs, "Theirs", conflict.theirs.clone()),
    ];
    if let Some(original) = conflict.original.clone() {
        options.push((Choice::Ancestor, "Original", original));
    }
    let option = move |(choice, who, value): (Choice, &'static str, String)| {
        let id = format!("merge-{index}-{who}");
        let chosen = move || choices.with(|c| c.get(index) == Some(&choice));
        view! {
            <label class="merge-option" for=id.clone()>
                <input
                    id=id.clone()
                    type="radio"
                    name=name.clone()
                    prop:checked=chosen
                    on:change=move |_| choices.update(|c| {
                        if let Some(slot) = c.get_mut(index) {
                            *slot = choice;
                        }
                    })
                />
                <span class="merge-who">{format!("{who}: ")}</span>
                <span class="merge-value">{value}</span>
            </label>
        }
    };
    let note = conflict
        .deletion
        .then_some("One side deleted this record; the other changed it, or refers to it.");
    view! {
        <fieldset class="merge-conflict" data-testid="merge-conflict">
            <legend>{format!("{} › {}", conflict.place, conflict.field)}</legend>
            {note.map(|n| view! { <p class="hint">{n}</p> })}
            <div class="merge-options">{options.into_iter().map(option).collect_view()}</div>
        </fieldset>
    }
}
