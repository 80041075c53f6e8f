//! Light and dark themes: follows the system until the user picks one, then remembers it.
//! `public/boot.js` applies the saved choice before the first paint.

use leptos::prelude::*;

use crate::storage;

#[derive(Clone, Copy, PartialEq)]
enum Theme {
    System,
    Light,
    Dark,
}

fn saved() -> Theme {
    match storage::read(storage::THEME_KEY).ok().flatten().as_deref() {
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        _ => Theme::System,
    }
}

fn apply(theme: Theme) {
    let Some(root) = document().document_element() else {
        return;
    };
    let result = match theme {
        Theme::System => root.remove_attribute("data-theme"),
        Theme::Light => root.set_attribute("data-theme", "light"),
        Theme::Dark => root.set_attribute("data-theme", "dark"),
    };
    let _ = result;
    // A theme that cannot be remembered still applies for this visit.
    let _ = match theme {
        Theme::System => storage::remove(storage::THEME_KEY),
        Theme::Light => storage::write(storage::THEME_KEY, "light"),
        Theme::Dark => storage::write(storage::THEME_KEY, "dark"),
    };
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(saved());
    let label = move || match theme.get() {
        Theme::System => "Theme: system",
        Theme::Light => "Theme: light",
        Theme::Dark => "Theme: dark",
    };
    let next = move |_| {
        let next = match theme.get_untracked() {
            Theme::System => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::System,
        };
        theme.set(next);
        apply(next);
    };
    view! {
        <button class="small" on:click=next title="Switch between system, dark and light themes">
            {label}
        </button>
    }
}
