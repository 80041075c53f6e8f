//! Reordering by drag and drop, shared by the stage table and the touch-point list: HTML5
//! drag and drop for a mouse, pointer events for a finger or a pen (browsers start no HTML5
//! drag from a touch). The ↑/↓ buttons stay the keyboard way.
//!
//! Dropping an item on another puts it at that item's place: the items between shift by
//! one. The drop indicator shows the side the dragged item will land on. Each item carries
//! its id in `data-drag-id`, so a finger's position can be turned into the item under it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which item is being dragged, which one it hovers over, and what a drop does.
#[derive(Clone, Copy)]
pub(crate) struct DragList {
    dragged: RwSignal<Option<String>>,
    over: RwSignal<Option<String>>,
    /// Runs with (dragged id, id of the item it was dropped on).
    action: Callback<(String, String)>,
}

/// Where a drop would put the dragged item, relative to the hovered one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DropSide {
    Before,
    After,
}

impl DragList {
    /// `action(moved, target)` runs once per drop of `moved` onto another item `target`.
    pub fn new(action: impl Fn(String, String) + Send + Sync + 'static) -> Self {
        DragList {
            dragged: RwSignal::new(None),
            over: RwSignal::new(None),
            action: Callback::new(move |(moved, target): (String, String)| action(moved, target)),
        }
    }

    pub fn is_dragged(&self, id: &str) -> bool {
        self.dragged.with(|d| d.as_deref() == Some(id))
    }

    /// The indicator for the item `id` at `index`, given where the dragged one sits now.
    pub fn side(
        &self,
        id: &str,
        index: usize,
        index_of: impl Fn(&str) -> Option<usize>,
    ) -> Option<DropSide> {
        if self.over.with(|o| o.as_deref() != Some(id)) {
            return None;
        }
        let from = self.dragged.with(|d| d.as_deref().and_then(&index_of))?;
        match from.cmp(&index) {
            std::cmp::Ordering::Greater => Some(DropSide::Before),
            std::cmp::Ordering::Less => Some(DropSide::After),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// On the handle: the drag starts, carrying the item's id; the whole row is the image.
    pub fn start(&self, ev: &web_sys::DragEvent, id: &str, row: Option<web_sys::Element>) {
        if let Some(dt) = ev.data_transfer() {
            // Some browsers start a drag only when it carries data.
            let _ = dt.set_data("text/plain", id);
            dt.set_effect_allowed("move");
            if let Some(row) = row {
                dt.set_drag_image(&row, 16, 16);
            }
        }
        self.dragged.set(Some(id.to_string()));
    }

    /// On an item: accept the drop (only while one of ours is dragged) and show where it lands.
    pub fn over(&self, ev: &web_sys::DragEvent, id: &str) {
        let Some(dragged) = self.dragged.get_untracked() else {
            return;
        };
        ev.prevent_default();
        if let Some(dt) = ev.data_transfer() {
            dt.set_drop_effect("move");
        }
        let want = (dragged != id).then(|| id.to_string());
        if self.over.get_untracked() != want {
            self.over.set(want);
        }
    }

    /// On an item: the pointer left it for somewhere outside it.
    pub fn leave(&self, ev: &web_sys::DragEvent, id: &str) {
        let inside = match (ev.current_target(), ev.related_target()) {
            (Some(cur), Some(rel)) => match (
                cur.dyn_ref::<web_sys::Node>(),
                rel.dyn_ref::<web_sys::Node>(),
            ) {
                (Some(cur), Some(rel)) => cur.contains(Some(rel)),
                _ => false,
            },
            _ => false,
        };
        if !inside && self.over.with_untracked(|o| o.as_deref() == Some(id)) {
            self.over.set(None);
        }
    }

    /// On an item: a drop, if it is one of ours onto another item, runs the action.
    pub fn drop_on(&self, ev: &web_sys::DragEvent, id: &str) {
        let Some(dragged) = self.dragged.get_untracked() else {
            return;
        };
        ev.prevent_default();
        self.end();
        if dragged != id {
            self.action.run((dragged, id.to_string()));
        }
    }

    pub fn end(&self) {
        self.dragged.set(None);
        self.over.set(None);
    }

    /// On the handle: a finger or pen goes down. The handle keeps the pointer, so the page
    /// does not scroll (it has `touch-action: none`) and the moves come here.
    pub fn pointer_down(&self, ev: &web_sys::PointerEvent, id: &str) {
        if ev.pointer_type() == "mouse" || !ev.is_primary() {
            return;
        }
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        self.dragged.set(Some(id.to_string()));
        self.over.set(None);
    }

    /// The finger moved: the item under it, if another of ours, is where a drop would go.
    pub fn pointer_move(&self, ev: &web_sys::PointerEvent) {
        let Some(dragged) = self.dragged.get_untracked() else {
            return;
        };
        if ev.pointer_type() == "mouse" {
            return;
        }
        ev.prevent_default();
        let under = document()
            .element_from_point(ev.client_x() as f32, ev.client_y() as f32)
            .and_then(|el| el.closest("[data-drag-id]").ok().flatten())
            .and_then(|el| el.get_attribute("data-drag-id"));
        let want = under.filter(|id| *id != dragged);
        if self.over.get_untracked() != want {
            self.over.set(want);
        }
    }

    /// The finger lifted: a drop on the item under it (one undo step), or nothing.
    pub fn pointer_up(&self, ev: &web_sys::PointerEvent) {
        if ev.pointer_type() == "mouse" {
            return;
        }
        let (Some(dragged), over) = (self.dragged.get_untracked(), self.over.get_untracked())
        else {
            return;
        };
        self.end();
        if let Some(target) = over {
            self.action.run((dragged, target));
        }
    }
}

/// The ⠿ handle an item is dragged by; `row` is the selector of the element around it that
/// the drag shows (`"tr"`, `"li"`). The ↑/↓ buttons are its keyboard equivalent. A long press
/// on it opens no context menu.
#[component]
pub(crate) fn DragHandle(
    drag: DragList,
    id: StoredValue<String>,
    row: &'static str,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <span
            class="drag-handle no-print"
            draggable="true"
            aria-hidden="true"
            title="Drag to reorder"
            data-testid=testid
            on:dragstart=move |ev| drag.start(&ev, &id.get_value(), row_of(&ev, row))
            on:dragend=move |_| drag.end()
            on:pointerdown=move |ev| drag.pointer_down(&ev, &id.get_value())
            on:pointermove=move |ev| drag.pointer_move(&ev)
            on:pointerup=move |ev| drag.pointer_up(&ev)
            on:pointercancel=move |_| drag.end()
            on:contextmenu=|ev| ev.prevent_default()
        >
            "⠿"
        </span>
    }
}

/// The row (or list item) around a drag handle, used as the drag image.
fn row_of(ev: &web_sys::DragEvent, selector: &str) -> Option<web_sys::Element> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}
