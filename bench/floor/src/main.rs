//! A minimal Leptos counter: the floor Trellis's cold start is compared with.

use leptos::prelude::*;

#[component]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! {
        <main>
            <button on:click=move |_| set_count.update(|n| *n += 1)>"Count: " {count}</button>
            <input type="text" aria-label="Text" />
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(Counter);
    // Same mark as Trellis's `start()`: navigation start → first interactive render.
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("trellis:interactive");
    }
}
