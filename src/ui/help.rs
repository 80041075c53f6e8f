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
        <dialog node_ref=help.0 aria-labelledby="help-title" class="help-dialog">
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
