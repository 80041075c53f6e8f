//! Inputs and labels the Career tool needs beyond the shared widgets: money typed in
//! major units, and the source line shown next to every figure.

use leptos::prelude::*;

use crate::core::career::format::{major_units, parse_money, safe_link};
use crate::core::career::{Source, SourceKind};
use crate::core::schema::is_safe_link;
use crate::ui::widgets::unique_id;

/// Money typed in major units ("94,500.50"), stored as integer minor units. Text that
/// cannot be stored exactly is kept in the box with a message, and not saved.
#[component]
pub fn MoneyField(
    #[prop(into)] label: String,
    #[prop(into)] currency: Signal<String>,
    #[prop(into)] value: Signal<Option<i64>>,
    #[prop(into)] on_change: Callback<Option<i64>>,
) -> impl IntoView {
    let id = unique_id("money");
    let hint_id = format!("{id}-hint");
    let shown = move |v: Option<i64>, c: &str| v.map(|v| major_units(v, c)).unwrap_or_default();
    let text = RwSignal::new(shown(value.get_untracked(), &currency.get_untracked()));
    let error = RwSignal::new(None::<String>);
    // Follow changes made elsewhere (undo, a new currency) unless the box already says so.
    Effect::new(move |_| {
        let v = value.get();
        let c = currency.get();
        if parse_money(&text.get_untracked(), &c) != Ok(v) {
            text.set(shown(v, &c));
            error.set(None);
        }
    });
    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        text.set(typed.clone());
        match parse_money(&typed, &currency.get_untracked()) {
            Ok(v) => {
                error.set(None);
                on_change.run(v);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <div class="field money-field">
            <label for=id.clone()>{label}</label>
            <div class="money-input">
                <span class="money-code" aria-hidden="true">{move || currency.get()}</span>
                <input
                    id=id
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    aria-describedby=hint_id.clone()
                    aria-invalid=move || error.with(|e| e.is_some()).then_some("true")
                    prop:value=move || text.get()
                    on:input=on_input
                />
            </div>
            <span class="hint" id=hint_id>
                {move || match error.get() {
                    Some(e) => view! { <span class="field-error" role="alert">{e}</span> }.into_any(),
                    None => {
                        let code = currency.get();
                        let code = if code.trim().is_empty() { "no currency set".to_string() } else { code };
                        view! { <span>{format!("In {code}, whole units")}</span> }.into_any()
                    }
                }}
            </span>
        </div>
    }
}

/// "Source: publisher, year (kind)" with a link when it is a web or mail link, and a badge
/// when the figures are illustrative.
#[component]
pub fn SourceLine(source: Source) -> impl IntoView {
    let illustrative = source.kind == SourceKind::Illustrative;
    let link = safe_link(&source.link).map(str::to_string);
    let note = source.note.trim().to_string();
    view! {
        <span class="source-line">
            {illustrative.then(|| view! { <span class="badge warn">"Illustrative"</span> " " })}
            "Source: " {source.label()}
            {link.map(|href| view! {
                " "
                <a href=href rel="noopener noreferrer" target="_blank">"link"<span class="visually-hidden">" to the source"</span></a>
            })}
            {(!note.is_empty()).then(|| view! { <span class="source-note">" " {note}</span> })}
        </span>
    }
}

/// A link input that saves only links the plan file format accepts (http, https, mailto).
/// Anything else stays in the box, with a message next to it saying it is not saved and why.
#[component]
pub fn LinkField(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
) -> impl IntoView {
    let id = unique_id("link");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let text = RwSignal::new(value.get_untracked());
    // Follow changes made elsewhere (undo, another field) unless the box is showing a refused link.
    Effect::new(move |_| {
        let v = value.get();
        if is_safe_link(&text.get_untracked()) && text.get_untracked().trim() != v {
            text.set(v);
        }
    });
    let refused = move || !is_safe_link(&text.get());
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if refused() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    view! {
        <div class="field link-field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="url"
                inputmode="url"
                autocomplete="off"
                aria-describedby=described
                aria-invalid=move || refused().then_some("true")
                prop:value=move || text.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    text.set(typed.clone());
                    if is_safe_link(&typed) {
                        on_change.run(typed.trim().to_string());
                    }
                }
            />
            <span class="hint" id=hint_id>"Starts with https://, http:// or mailto:"</span>
            {move || refused().then(|| {
                let saved = value.get();
                let kept = if saved.is_empty() {
                    "No link is saved.".to_string()
                } else {
                    format!("The saved link is still {saved}.")
                };
                view! {
                    <span class="field-error" role="alert" id=error_id.clone()>
                        {format!("Not saved: a plan can only keep links starting with https://, http:// or mailto: (other links could run code when opened, so plan files holding them are refused). {kept}")}
                    </span>
                }
            })}
        </div>
    }
}
