//! The shell: header, navigation, routes, banners and footer.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::base_path::{app_href, router_base};
use crate::ui;
use crate::ui::state::AppState;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    ui::plans::import::provide_import_context();
    let shared_view = ui::plans::share::provide_shared_view().0;
    let help = ui::help::provide_help();
    state.load();
    state.fetch_reader_when_idle();
    listen_to_the_browser(state, help);

    view! {
        <Router base=router_base()>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="app-header">
                <a class="brand" href=app_href("/")>
                    <img src=app_href("/icons/icon.svg") alt="" width="28" height="28" />
                    <span>"Trellis"</span>
                </a>
                <ui::shell::CurrentPlan />
                <nav class="app-nav" aria-label="Tools">
                    <A href=app_href("/")>"Plans"</A>
                    <A href=app_href("/goals")>"Goals"</A>
                    <A href=app_href("/curve")>"Commitment curve"</A>
                    <A href=app_href("/career")>"Career"</A>
                </nav>
                <ui::shell::HeaderTools />
            </header>
            <main id="main" tabindex="-1">
                <ui::shell::Banners />
                <ui::plans::share::SharedPlan />
                // A shared plan open for reading stands in for the page until it is closed.
                <div class="route" hidden=move || shared_view.get()>
                    <Routes fallback=ui::not_found::NotFound>
                        <Route path=path!("/") view=ui::plans::PlansPage />
                        <Route path=path!("/goals") view=ui::tool_routes::GoalsRoute />
                        <Route path=path!("/curve") view=ui::tool_routes::CurveRoute />
                        <Route path=path!("/career") view=ui::tool_routes::CareerRoute />
                    </Routes>
                </div>
            </main>
            <ui::shell::Notices />
            <ui::help::HelpDialog />
            <ui::shell::DocumentTitle />
            <footer class="app-footer">
                <p>
                    "Your plans stay in this browser: nothing is sent to a server. "
                    "Browsers can clear stored data, so export plans you care about."
                </p>
            </footer>
        </Router>
    }
}

/// Saves on tab hide/close (and asks before leaving while something is unsaved), follows
/// other tabs, and takes the undo/redo shortcuts.
fn listen_to_the_browser(state: AppState, help: ui::help::Help) {
    // Handles live as long as the page: the App is never unmounted. Leaving cannot wait for
    // the storage lock: those saves run at once (checked as always).
    let hide = window_event_listener(ev::pagehide, move |_| state.flush_now());
    std::mem::forget(hide);
    let leave = window_event_listener(ev::beforeunload, move |event| {
        state.flush_now();
        if state.has_unsaved_work() {
            event.prevent_default();
            event.set_return_value("");
        }
    });
    std::mem::forget(leave);
    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            state.flush_now();
        }
    });
    std::mem::forget(visibility);
    let storage = window_event_listener(ev::storage, move |event| {
        // Events for sessionStorage or other origins' data are not ours, nor are another
        // deployment's keys on this origin.
        if let Some(key) = crate::storage::event_key(event.key()) {
            state.on_external_change(key);
        }
    });
    std::mem::forget(storage);
    // A plan file dropped anywhere on the page is imported.
    let over = window_event_listener(ev::dragover, |event| event.prevent_default());
    std::mem::forget(over);
    let drop = window_event_listener(ev::drop, move |event| {
        event.prevent_default();
        let file = event
            .data_transfer()
            .and_then(|data| data.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            ui::plans::import::import_file(state, file);
        }
    });
    std::mem::forget(drop);
    // boot.js announces a new build that the service worker has installed.
    let update = window_event_listener_untyped("trellis:update-ready", move |_| {
        state.add_banner(ui::state::Banner::UpdateReady);
    });
    std::mem::forget(update);
    if document()
        .document_element()
        .and_then(|root| root.get_attribute("data-update-ready"))
        .is_some()
    {
        state.add_banner(ui::state::Banner::UpdateReady);
    }
    let keys = window_event_listener(ev::keydown, move |event| {
        ui::shell::on_shortcut(state, help, &event)
    });
    std::mem::forget(keys);
}
