//! The stage table: the drawing's text equivalent, and where stages are selected, added,
//! reordered, duplicated and deleted.

use leptos::prelude::*;

use crate::core::curve::ops::{self, Direction};
use crate::ui::state::use_app_state;

use super::reorder::{DragHandle, DragList, DropSide};
use super::{display_name, use_curve_ui};

#[derive(Clone, Debug, PartialEq)]
struct Row {
    id: String,
    name: String,
    level: u8,
    now: u64,
    target: u64,
}

#[component]
pub fn StageList() -> impl IntoView {
    let state = use_app_state();
    let ui = use_curve_ui();
    let rows = Memo::new(move |_| {
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.curve
                        .stages
                        .iter()
                        .map(|s| Row {
                            id: s.id.to_string(),
                            name: display_name(&s.name),
                            level: s.commitment_level,
                            now: s.members_now,
                            target: s.target_members,
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let count = Memo::new(move |_| rows.with(Vec::len));
    let drag = DragList::new(move |moved: String, target: String| {
        let Some(to) = rows.with_untracked(|r| r.iter().position(|x| x.id == target)) else {
            return;
        };
        let moved_name = rows.with_untracked(|r| {
            r.iter()
                .find(|x| x.id == moved)
                .map(|x| x.name.clone())
                .unwrap_or_default()
        });
        let sid = moved.clone();
        state.edit_step(move |plan| {
            ops::reorder_stage(&mut plan.curve, &sid, to);
        });
        ui.select(&moved);
        state.notify(
            format!(
                "Moved stage “{moved_name}” to position {} of {}.",
                to + 1,
                count.get_untracked()
            ),
            None,
        );
    });
    let add = move |_| {
        state.edit("curve:add-stage", move |plan| {
            let id = ops::add_stage(plan, "New stage", None);
            ui.select(&id);
        });
        ui.focus_editor.set(true);
    };
    view! {
        <div class="card stage-list">
            <h2 id="stage-table-title" tabindex="-1">"Stages"</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Stage table">
                <table class="stack" aria-labelledby="stage-table-title" data-testid="stage-table">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">"Stage"</th>
                            <th scope="col" class="num">"Commitment"</th>
                            <th scope="col" class="num">"Members now"</th>
                            <th scope="col" class="num">"Target"</th>
                            <th scope="col" class="no-print">"Actions"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || rows.with(|r| r.iter().map(|r| r.id.to_string()).collect::<Vec<_>>())
                            key=|id| id.clone()
                            children=move |id| view! { <StageRow id rows count drag /> }
                        />
                    </tbody>
                </table>
            </div>
            <p class="hint no-print">
                "Select a stage to edit it. Drag a row by its handle (⠿) to reorder."
            </p>
            <div class="actions no-print">
                <button class="primary" on:click=add>"Add stage"</button>
            </div>
        </div>
    }
}

#[component]
fn StageRow(id: String, rows: Memo<Vec<Row>>, count: Memo<usize>, drag: DragList) -> impl IntoView {
    let state = use_app_state();
    let ui = use_curve_ui();
    let id = StoredValue::new(id);
    let me = Memo::new(move |_| {
        rows.with(|r| {
            r.iter()
                .position(|x| x.id == id.get_value())
                .map(|i| (i, r[i].clone()))
        })
    });
    let index = move || me.with(|m| m.as_ref().map_or(0, |m| m.0));
    let field =
        move |f: fn(&Row) -> String| me.with(|m| m.as_ref().map(|m| f(&m.1)).unwrap_or_default());
    let name = move || field(|r| r.name.clone());
    let selected = move || ui.chosen.get().as_deref() == Some(id.get_value().as_str());
    let is_first = move || index() == 0;
    let is_last = move || index() + 1 >= count.get();
    let up_ref = NodeRef::<leptos::html::Button>::new();
    let down_ref = NodeRef::<leptos::html::Button>::new();
    let mv = move |dir: Direction| {
        let sid = id.get_value();
        state.edit("curve:move-stage", move |plan| {
            ops::move_stage(&mut plan.curve, &sid, dir);
        });
        // Moving the row re-inserts it, which drops focus: put it back on a usable button.
        request_animation_frame(move || {
            let (want, other) = match dir {
                Direction::Up => (up_ref, down_ref),
                Direction::Down => (down_ref, up_ref),
            };
            let target = want
                .get_untracked()
                .filter(|b| !b.disabled())
                .or_else(|| other.get_untracked());
            if let Some(button) = target {
                let _ = button.focus();
            }
        });
    };
    let duplicate = move |_| {
        let sid = id.get_value();
        state.edit("curve:duplicate-stage", move |plan| {
            if let Some(new_id) = ops::duplicate_stage(plan, &sid) {
                ui.select(&new_id);
            }
        });
    };
    let delete = move |_| {
        let sid = id.get_value();
        let gone = name();
        state.edit("curve:delete-stage", move |plan| {
            crate::core::edits::delete_stage_everywhere(plan, &sid);
        });
        state.notify(
            format!("Deleted stage “{gone}”. Undo (Ctrl+Z) brings it back."),
            None,
        );
    };
    let index_of = move |sid: &str| rows.with(|r| r.iter().position(|x| x.id == sid));
    let side = move || drag.side(&id.get_value(), index(), index_of);
    view! {
        <tr
            class:selected=selected
            class:dragging=move || drag.is_dragged(&id.get_value())
            class:drop-before=move || side() == Some(DropSide::Before)
            class:drop-after=move || side() == Some(DropSide::After)
            on:dragover=move |ev| drag.over(&ev, &id.get_value())
            on:dragleave=move |ev| drag.leave(&ev, &id.get_value())
            on:drop=move |ev| drag.drop_on(&ev, &id.get_value())
            data-drag-id=id.get_value()
        >
            <td class="num stage-number-cell">
                <DragHandle drag id row="tr" testid="stage-drag-handle" />
                {move || index() + 1}
            </td>
            <td class="stage-name-cell">
                <button
                    class="link-button"
                    aria-pressed=move || selected().to_string()
                    on:click=move |_| ui.select(&id.get_value())
                >
                    {name}
                </button>
            </td>
            <td class="num" data-label="Commitment">{move || field(|r| r.level.to_string())}</td>
            <td class="num" data-label="Members now">{move || field(|r| r.now.to_string())}</td>
            <td class="num" data-label="Target">
                {move || field(|r| if r.target > 0 { r.target.to_string() } else { "—".into() })}
            </td>
            // On a narrow screen only the selected row shows these (style/curve.css).
            <td class="no-print row-actions-cell">
                <span class="actions row-actions">
                    <button
                        class="small"
                        node_ref=up_ref
                        aria-label=move || format!("Move “{}” earlier", name())
                        title="Move earlier"
                        disabled=is_first
                        on:click=move |_| mv(Direction::Up)
                    >
                        "↑"
                    </button>
                    <button
                        class="small"
                        node_ref=down_ref
                        aria-label=move || format!("Move “{}” later", name())
                        title="Move later"
                        disabled=is_last
                        on:click=move |_| mv(Direction::Down)
                    >
                        "↓"
                    </button>
                    <button
                        class="small"
                        aria-label=move || format!("Duplicate “{}”", name())
                        on:click=duplicate
                    >
                        "Duplicate"
                    </button>
                    <button
                        class="small danger"
                        aria-label=move || format!("Delete “{}”", name())
                        on:click=delete
                    >
                        "Delete"
                    </button>
                </span>
            </td>
        </tr>
    }
}
