//! Ways through a long tool page: an index of its sections (a sticky list beside the page on
//! wide screens, a compact "Jump to…" control on narrow ones) that marks the section in view
//! and moves the focus to a section's heading, and sections that can be collapsed, with
//! their state remembered per plan.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::storage;
use crate::ui::state::use_app_state;
use crate::ui::widgets::unique_id;

/// A section of a page: the id of its heading and the name the index shows.
pub type Section = (String, String);

/// Sections known when the page is written.
pub fn fixed_sections(list: &[(&str, &str)]) -> Signal<Vec<Section>> {
    let list: Vec<Section> = list
        .iter()
        .map(|(id, label)| (id.to_string(), label.to_string()))
        .collect();
    Signal::stored(list)
}

/// How far below the top of the window a heading counts as "reached" while scrolling.
const READ_LINE: f64 = 0.3;

/// A page with an index of its sections. `sections` are the ids of the sections' headings
/// (ids of elements rendered by `children`) with the names to show; a section whose heading
/// is not on the page is left out of the index. `compact` keeps the "Jump to…" control at
/// every width (for pages with a sidebar of their own).
#[component]
pub fn IndexedPage(
    #[prop(into)] sections: Signal<Vec<Section>>,
    #[prop(optional)] compact: bool,
    #[prop(default = "Sections of this page")] label: &'static str,
    children: Children,
) -> impl IntoView {
    let current = RwSignal::new(None::<String>);
    // The sections whose heading is on the page now (re-read after each change and scroll).
    let present = RwSignal::new(Vec::<Section>::new());
    let details = NodeRef::<leptos::html::Details>::new();
    // The section just jumped to, and the scroll position the jump left: it stays marked
    // until the page scrolls on (near the end of a page its heading may never reach the line).
    let pinned = StoredValue::new(None::<(String, f64)>);

    let update = move || {
        let doc = document();
        // A frame scheduled just before the page went away finds its signals gone: nothing to do.
        let Some(found) = sections.try_with_untracked(|s| {
            // A section outside the tool's core that is not shown is left out (`ui::focus`).
            s.iter()
                .filter(|(id, _)| {
                    doc.get_element_by_id(id).is_some_and(|el| {
                        el.closest(".more-section[hidden]").ok().flatten().is_none()
                    })
                })
                .cloned()
                .collect::<Vec<Section>>()
        }) else {
            return;
        };
        if present.is_disposed() || current.is_disposed() || pinned.is_disposed() {
            return;
        }
        let line = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0)
            * READ_LINE;
        // The last heading above the reading line; the first section before any is reached.
        let mut now = found.first().map(|(id, _)| id.clone());
        for (id, _) in &found {
            if let Some(el) = doc.get_element_by_id(id) {
                if el.get_bounding_client_rect().top() <= line {
                    now = Some(id.clone());
                }
            }
        }
        // At the very bottom the last sections may never reach the line: mark the last one.
        let bottom = doc.document_element().is_some_and(|root| {
            let max = f64::from(root.scroll_height() - root.client_height());
            max > 0.0 && window().scroll_y().unwrap_or(0.0) >= max - 2.0
        });
        if bottom {
            if let Some((id, _)) = found.last() {
                now = Some(id.clone());
            }
        }
        if let Some((id, at)) = pinned.get_value() {
            let here = window().scroll_y().unwrap_or(0.0);
            if (here - at).abs() < 2.0 && found.iter().any(|(f, _)| *f == id) {
                now = Some(id);
            } else {
                pinned.set_value(None);
            }
        }
        if present.with_untracked(|p| *p != found) {
            present.set(found);
        }
        if current.get_untracked() != now {
            current.set(now);
        }
    };
    // One update per frame however many scroll events arrive.
    let pending = Rc::new(Cell::new(false));
    let schedule = {
        let pending = pending.clone();
        move || {
            if pending.replace(true) {
                return;
            }
            let pending = pending.clone();
            request_animation_frame(move || {
                pending.set(false);
                update();
            });
        }
    };
    let on_scroll = window_event_listener(leptos::ev::scroll, {
        let schedule = schedule.clone();
        move |_| schedule()
    });
    let on_resize = window_event_listener(leptos::ev::resize, {
        let schedule = schedule.clone();
        move |_| schedule()
    });
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
    // The list of sections may change with the plan (an objective added, a section shown).
    {
        let schedule = schedule.clone();
        let state = use_app_state();
        let focus = crate::ui::focus::use_focus();
        Effect::new(move |_| {
            sections.track();
            state.plan.track();
            if let Some(f) = focus {
                f.everything();
                f.any();
            }
            schedule();
        });
    }

    // And with the page's own content: a part shown by a choice on the page (a stage picked
    // opens the stage editor) or downloaded on demand changes no signal this index reads.
    let content = NodeRef::<leptos::html::Div>::new();
    watch_content(content, schedule.clone());

    let jump = move |ev: leptos::ev::MouseEvent, id: String| {
        ev.prevent_default();
        let Some(heading) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        focus_heading(&heading);
        pinned.set_value(Some((id.clone(), window().scroll_y().unwrap_or(0.0))));
        current.set(Some(id));
        if let Some(d) = details.get_untracked() {
            d.set_open(false);
        }
    };
    let links = move |class: &'static str| {
        view! {
            <ul class=class>
                <For
                    each=move || present.get()
                    key=|s| s.clone()
                    children=move |(id, name)| {
                        let target = StoredValue::new(id.clone());
                        let is_current = move || current.with(|c| target.with_value(|t| c.as_ref() == Some(t)));
                        view! {
                            <li>
                                <a
                                    href=format!("#{id}")
                                    class:current=is_current
                                    aria-current=move || is_current().then_some("location")
                                    on:click=move |ev| jump(ev, target.get_value())
                                >
                                    {name}
                                </a>
                            </li>
                        }
                    }
                />
            </ul>
        }
    };
    let current_name = move || {
        current.with(|c| {
            present.with(|p| {
                p.iter()
                    .find(|(id, _)| Some(id) == c.as_ref())
                    .map(|(_, name)| name.clone())
            })
        })
    };
    view! {
        <div class="indexed-page" class:compact=compact>
            <nav class="section-index no-print" aria-label=label data-testid="section-index">
                <details class="jump-to" node_ref=details>
                    <summary>
                        <span class="jump-label">"Jump to…"</span>
                        <span class="jump-current">
                            {move || current_name().map(|n| format!(" (now: {n})")).unwrap_or_default()}
                        </span>
                    </summary>
                    {links("jump-list")}
                </details>
                <div class="index-side">
                    <p class="index-title" aria-hidden="true">"On this page"</p>
                    {links("index-list")}
                </div>
            </nav>
            <div class="indexed-content" node_ref=content>{children()}</div>
        </div>
    }
}

/// Calls `changed` whenever an element is added to or removed from `content`, or one is shown
/// or hidden, until the owner is cleaned up.
fn watch_content(content: NodeRef<leptos::html::Div>, changed: impl Fn() + Clone + 'static) {
    type Watcher = (
        web_sys::MutationObserver,
        wasm_bindgen::closure::Closure<dyn FnMut()>,
    );
    let watcher = StoredValue::new_local(None::<Watcher>);
    Effect::new(move |_| {
        let Some(element) = content.get() else {
            return;
        };
        if watcher.with_value(Option::is_some) {
            return;
        }
        let changed = changed.clone();
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(changed);
        let Ok(observer) = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()) else {
            return;
        };
        let options = web_sys::MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        options.set_attribute_filter(&js_sys::Array::of1(&"hidden".into()));
        if observer.observe_with_options(&element, &options).is_ok() {
            watcher.set_value(Some((observer, callback)));
        }
    });
    // Cleanups run before the owner's values are dropped: the observer stops before its
    // callback goes.
    on_cleanup(move || {
        watcher.try_update_value(|w| {
            if let Some((observer, _callback)) = w.take() {
                observer.disconnect();
            }
        });
    });
}

use crate::core::keys::collapsed_key;

fn collapsed_names(plan_id: &str) -> Vec<String> {
    match storage::read(&collapsed_key(plan_id)) {
        Ok(Some(raw)) => serde_json::from_str(&raw).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Remembers (best effort) whether `name` is collapsed in the plan: the state is a convenience,
/// so a storage failure only means it is not remembered.
fn remember(plan_id: &str, name: &str, collapsed: bool) {
    let mut names = collapsed_names(plan_id);
    names.retain(|n| n != name);
    if collapsed {
        names.push(name.to_string());
    }
    let key = collapsed_key(plan_id);
    let _ = if names.is_empty() {
        storage::remove(&key)
    } else {
        match serde_json::to_string(&names) {
            Ok(text) => storage::write(&key, &text),
            Err(_) => Ok(()),
        }
    };
}

/// A section that can be collapsed to its heading; whether it is, is kept per plan under
/// `name`. `keep_open` shows it whatever was chosen: a section never hides what a check or
/// warning says.
#[component]
pub fn Collapsible(
    /// Unique within the plan, stable across reloads.
    #[prop(into)]
    name: String,
    #[prop(into)] title: Signal<String>,
    /// The heading level of the title (3 or 4).
    #[prop(default = 3)]
    level: u8,
    #[prop(optional, into)] keep_open: Option<Signal<bool>>,
    #[prop(optional)] testid: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let state = use_app_state();
    let plan_id = Memo::new(move |_| state.plan.with(|p| p.as_ref().map(|p| p.id.clone())));
    let name = StoredValue::new(name);
    let load = move |id: Option<String>| {
        id.is_some_and(|id| name.with_value(|n| collapsed_names(&id).contains(n)))
    };
    let collapsed = RwSignal::new(load(plan_id.get_untracked()));
    Effect::new(move |_| {
        let now = load(plan_id.get());
        if collapsed.get_untracked() != now {
            collapsed.set(now);
        }
    });
    let forced = move || keep_open.is_some_and(|k| k.get());
    let open = move || !collapsed.get() || forced();
    let toggle = move |_| {
        if forced() {
            return;
        }
        let next = !collapsed.get_untracked();
        collapsed.set(next);
        if let Some(id) = plan_id.get_untracked() {
            name.with_value(|n| remember(&id, n, next));
        }
    };
    let body_id = unique_id("collapsible");
    let button = {
        let body_id = body_id.clone();
        move || {
            view! {
                <button
                    type="button"
                    class="collapse-toggle"
                    aria-expanded=move || open().to_string()
                    aria-controls=body_id.clone()
                    on:click=toggle
                >
                    {move || title.get()}
                    <span class="collapse-state">
                        {move || {
                            if forced() {
                                " (kept open: it has a warning)"
                            } else if open() {
                                ""
                            } else {
                                " (collapsed)"
                            }
                        }}
                    </span>
                </button>
            }
        }
    };
    let heading = match level {
        4 => view! { <h4 class="collapse-heading">{button()}</h4> }.into_any(),
        _ => view! { <h3 class="collapse-heading">{button()}</h3> }.into_any(),
    };
    view! {
        <div class="collapsible" class:collapsed=move || !open() data-testid=testid>
            {heading}
            <div id=body_id class="collapsible-body" hidden=move || !open()>
                {children()}
            </div>
        </div>
    }
}

/// Scrolls to `heading` and moves the keyboard focus to it (focusable from script only).
pub fn focus_heading(heading: &web_sys::HtmlElement) {
    if !heading.has_attribute("tabindex") {
        let _ = heading.set_attribute("tabindex", "-1");
    }
    heading.scroll_into_view();
    let _ = heading.focus();
}
