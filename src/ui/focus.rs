//! Each tool's core first, the rest on request (issue 31). The core decides which sections are
//! a tool's core and what a plan holds in the others (`core::focus`); this shows the core,
//! keeps the others on the page but hidden on screen (printed all the same), and ends the page
//! with the step that shows them: each section by name with what the plan holds there, or all
//! of them. What a plan has revealed is remembered per plan in this browser.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::focus::{in_core, more_sections, MoreSection, Revealed, Tool};
use crate::core::keys::focus_key;
use crate::storage;
use crate::ui::state::use_app_state;

fn load(plan_id: Option<&str>) -> Revealed {
    match plan_id.map(|id| storage::read(&focus_key(id))) {
        Some(Ok(Some(text))) => Revealed::from_text(&text),
        _ => Revealed::default(),
    }
}

/// A tool page's view of its sections: which show, and the way to show the rest.
#[derive(Clone, Copy)]
pub struct Focus {
    pub tool: Tool,
    state: crate::ui::state::AppState,
    revealed: RwSignal<Revealed>,
    plan_id: Memo<Option<String>>,
    /// The goal whose editor is open ([`Tool::Goal`]).
    goal: StoredValue<Option<String>>,
}

impl Focus {
    /// Whether the section `key` shows now: the plan's core, or revealed.
    pub fn shows(&self, key: &str) -> bool {
        let tool = self.tool;
        let core = self
            .state
            .plan
            .with(|p| p.as_ref().is_some_and(|p| in_core(p, tool, key)));
        core || self.revealed.with(|r| r.shows(tool, key))
    }

    /// Whether every section shows.
    pub fn everything(&self) -> bool {
        self.revealed.with(|r| r.everything(self.tool))
    }

    /// Whether anything beyond the core shows.
    pub fn any(&self) -> bool {
        self.revealed.with(|r| r.any(self.tool))
    }

    fn change(&self, f: impl FnOnce(&mut Revealed)) {
        self.revealed.update(f);
        // A convenience, like collapsed sections: a storage failure only means it is not kept.
        if let Some(id) = self.plan_id.get_untracked() {
            let key = focus_key(&id);
            let _ = self.revealed.with_untracked(|r| {
                if r.is_empty() {
                    storage::remove(&key)
                } else {
                    storage::write(&key, &r.to_text())
                }
            });
        }
    }

    /// Keeps the section `key` shown from now on, where it is in use (adding a track from it).
    pub fn keep(&self, key: &'static str) {
        let tool = self.tool;
        if !self.revealed.with_untracked(|r| r.shows(tool, key)) {
            self.change(|r| r.reveal(tool, key));
        }
    }

    /// Shows the section `key` and moves the focus to its heading.
    pub fn reveal(&self, key: &'static str) {
        let tool = self.tool;
        self.change(|r| r.reveal(tool, key));
        focus_section(key);
    }

    pub fn reveal_all(&self) {
        let tool = self.tool;
        self.change(|r| r.reveal_all(tool));
    }

    pub fn core_only(&self) {
        let tool = self.tool;
        self.change(|r| r.core_only(tool));
    }

    /// The sections outside the core with what the plan holds in them.
    fn more(&self) -> Vec<MoreSection> {
        let state = self.state;
        let goal = self.goal.get_value();
        let tool = self.tool;
        state.plan.with(|p| {
            p.as_ref()
                .map(|p| more_sections(p, tool, goal.as_deref()))
                .unwrap_or_default()
        })
    }
}

/// Sets up the tool page's focus (call once, at the top of the page).
pub fn provide_focus(tool: Tool, goal: Option<String>) -> Focus {
    let state = use_app_state();
    let plan_id = Memo::new(move |_| state.plan.with(|p| p.as_ref().map(|p| p.id.clone())));
    let revealed = RwSignal::new(load(plan_id.get_untracked().as_deref()));
    Effect::new(move |_| {
        let now = load(plan_id.get().as_deref());
        if revealed.with_untracked(|r| *r != now) {
            revealed.set(now);
        }
    });
    let focus = Focus {
        tool,
        state,
        revealed,
        plan_id,
        goal: StoredValue::new(goal),
    };
    provide_context(focus);
    focus
}

pub fn use_focus() -> Option<Focus> {
    use_context::<Focus>()
}

/// Once a section shows, moves the focus to its first heading.
fn focus_section(key: &'static str) {
    request_animation_frame(move || {
        let selector = format!("[data-section=\"{key}\"] :is(h2, h3, summary)");
        let Some(heading) = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        crate::ui::section_index::focus_heading(&heading);
    });
}

/// Moves the focus to the element `id` once the view has caught up.
fn focus_id(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// A section outside the tool's core: on the page, hidden on screen until revealed, printed
/// either way.
#[component]
pub fn More(key: &'static str, children: Children) -> impl IntoView {
    let focus = use_focus();
    let shows = move || focus.is_none_or(|f| f.shows(key));
    view! {
        <div class="more-section" data-section=key hidden=move || !shows()>
            {children()}
        </div>
    }
}

/// The id of the closing section's heading, for the pages' indexes.
pub const MORE_TITLE_ID: &str = "more-sections-title";

/// The end of a tool page: the sections not shown, each with what the plan holds there, and
/// the choice to show them all or only the core again.
#[component]
pub fn MoreSections() -> impl IntoView {
    let Some(focus) = use_focus() else {
        return ().into_any();
    };
    let hidden = Memo::new(move |_| {
        focus
            .more()
            .into_iter()
            .filter(|m| !focus.shows(m.key))
            .collect::<Vec<_>>()
    });
    let title = format!("More in {}", focus.tool.name());
    view! {
        <section class="card more-sections no-print" aria-labelledby=MORE_TITLE_ID data-testid="more-sections">
            <h2 id=MORE_TITLE_ID>{title}</h2>
            <Show
                when=move || hidden.with(|h| !h.is_empty())
                fallback=|| view! { <p class="hint">"Every section of this page is shown."</p> }
            >
                <p class="hint">
                    "The rest of this page, one step away (printed and exported either way):"
                </p>
                <ul class="more-list">
                    <For
                        each=move || hidden.get()
                        key=|m| (m.key, m.holds.clone())
                        children=move |m| {
                            let key = m.key;
                            let label = match &m.holds {
                                Some(h) => format!("Show {} ({h})", m.name),
                                None => format!("Show {}", m.name),
                            };
                            view! {
                                <li>
                                    <button class="link-button" on:click=move |_| focus.reveal(key)>
                                        {label}
                                    </button>
                                </li>
                            }
                        }
                    />
                </ul>
            </Show>
            // Each button gives way to the other: the focus follows, so a keyboard keeps its place.
            <div class="actions">
                <Show when=move || !focus.everything()>
                    <button
                        id="more-show-all"
                        on:click=move |_| {
                            focus.reveal_all();
                            focus_id("more-core-only");
                        }
                    >
                        "Show everything"
                    </button>
                </Show>
                <Show when=move || focus.any()>
                    <button
                        id="more-core-only"
                        on:click=move |_| {
                            focus.core_only();
                            focus_id("more-show-all");
                        }
                    >
                        "Show only the core"
                    </button>
                </Show>
            </div>
        </section>
    }
    .into_any()
}
