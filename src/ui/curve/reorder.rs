//! Reordering by drag and drop (HTML5), shared by the stage table and the touch-point
//! list. The ↑/↓ buttons stay the keyboard way; this is the mouse way.
//!
//! Dropping an item on another puts it at that item's place: the items between shift by
//! one. The drop indicator shows the side the dragged item will land on.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which item is being dragged and which one it hovers over.
#[derive(Clone, Copy)]
pub(crate) struct DragList {
    dragged: RwSignal<Option<String>>,
    over: RwSignal<Option<String>>,
}

/// Where a drop would put the dragged item, relative to the hovered one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DropSide {
    Before,
    After,
}

impl Default for DragList {
    fn default() -> Self {
        Self::new()
    }
}

impl DragList {
    pub fn new() -> Self {
        DragList {
            dragged: RwSignal::new(None),
            over: RwSignal::new(None),
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

    /// On an item: the dragged id, if the drop is one of ours onto another item.
    pub fn drop_on(&self, ev: &web_sys::DragEvent, id: &str) -> Option<String> {
        let dragged = self.dragged.get_untracked()?;
        ev.prevent_default();
        self.end();
        (dragged != id).then_some(dragged)
    }

    pub fn end(&self) {
        self.dragged.set(None);
        self.over.set(None);
    }
}

/// The ⠿ handle an item is dragged by; `row` is the selector of the element around it that
/// the drag shows (`"tr"`, `"li"`). The ↑/↓ buttons are its keyboard equivalent.
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
