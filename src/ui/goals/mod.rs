//! The Goals tool: objectives and SMART goals.

use leptos::prelude::*;

#[component]
pub fn GoalsPage() -> impl IntoView {
    view! {
        <section class="tool" aria-labelledby="goals-title">
            <h1 id="goals-title">"Goals"</h1>
            <p class="not-built">"The SMART-goal builder is not built yet."</p>
        </section>
    }
}
