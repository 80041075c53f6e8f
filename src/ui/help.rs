//! The keyboard shortcut help: `?` anywhere outside a text field, or the header's "?" button.

use leptos::html::Dialog;
use leptos::prelude::*;

/// The dialog; `open` is set by the shortcut and the button.
#[derive(Clone, Copy)]
pub struct Help(NodeRef<Dialog>);

impl Help {
    pub fn open(&self) {
        if let Some(dialog) = self.0.get_untracked() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    }
}

pub fn provide_help() -> Help {
    let help = Help(NodeRef::new());
    provide_context(help);
    help
}

#[component]
pub fn HelpButton() -> impl IntoView {
    let help = expect_context::<Help>();
    view! {
        <button class="small" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" on:click=move |_| help.open()>
            "?"
        </button>
    }
}

/// A modal `<dialog>`: the browser traps focus inside it, closes it on Escape and returns
/// focus to where it was.
#[component]
pub fn HelpDialog() -> impl IntoView {
    let help = expect_context::<Help>();
    let close = move |_| {
        if let Some(dialog) = help.0.get_untracked() {
            dialog.close();
        }
    };
    view! {
        <dialog
            node_ref=help.0
            aria-labelledby="help-title"
            class="help-dialog"
            on:keydown=move |ev| trap_focus(&ev)
        >
            <h2 id="help-title">"Keyboard shortcuts"</h2>
            <table>
                <tbody>
                    <tr><th scope="row"><kbd>"Tab"</kbd>" / "<kbd>"Shift+Tab"</kbd></th><td>"Move between controls"</td></tr>
                    <tr><th scope="row"><kbd>"Ctrl+Z"</kbd>" (" <kbd>"⌘Z"</kbd>")"</th><td>"Undo the last change to the plan"</td></tr>
                    <tr><th scope="row"><kbd>"Ctrl+Shift+Z"</kbd>" or "<kbd>"Ctrl+Y"</kbd></th><td>"Redo"</td></tr>
                    <tr><th scope="row"><kbd>"↑"</kbd>" "<kbd>"↓"</kbd></th><td>"Change a selected curve point's commitment level"</td></tr>
                    <tr><th scope="row"><kbd>"Esc"</kbd></th><td>"Close this dialog or cancel a rename"</td></tr>
                    <tr><th scope="row"><kbd>"?"</kbd></th><td>"Show this help"</td></tr>
                </tbody>
            </table>
            <p class="hint">"Inside a text field, Ctrl+Z undoes your typing in that field."</p>
            <div class="actions">
                <button class="primary" on:click=close>"Close"</button>
            </div>
        </dialog>
    }
}

/// Keeps Tab and Shift+Tab cycling inside the open dialog (the browser's modal dialog makes
/// the page inert but would let focus leave for the browser's own controls).
fn trap_focus(event: &web_sys::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    if event.key() != "Tab" {
        return;
    }
    let Some(dialog) = event
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(focusable) = dialog.query_selector_all("button, [href], input, select, textarea") else {
        return;
    };
    let first = focusable.item(0);
    let last = focusable.item(focusable.length().saturating_sub(1));
    let active = document()
        .active_element()
        .map(|el| el.unchecked_into::<web_sys::Node>());
    let at = |node: &Option<web_sys::Node>| node.is_some() && *node == active;
    let wrap_to = if event.shift_key() && at(&first) {
        last
    } else if !event.shift_key() && at(&last) {
        first
    } else {
        None
    };
    if let Some(target) = wrap_to.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
        event.prevent_default();
        let _ = target.focus();
    }
}
