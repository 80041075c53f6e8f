//! The Commitment-curve tool: stages, touch points, gap analysis.

use leptos::prelude::*;

#[component]
pub fn CurvePage() -> impl IntoView {
    view! {
        <section class="tool" aria-labelledby="curve-title">
            <h1 id="curve-title">"Commitment curve"</h1>
            <p class="not-built">"The commitment-curve editor is not built yet."</p>
        </section>
    }
}
