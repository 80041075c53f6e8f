//! The Career tool: tracks, levels and pay compared side by side.

use leptos::prelude::*;

#[component]
pub fn CareerPage() -> impl IntoView {
    view! {
        <section class="tool" aria-labelledby="career-title">
            <h1 id="career-title">"Career"</h1>
            <p class="not-built">"The career worksheet is not built yet."</p>
        </section>
    }
}
