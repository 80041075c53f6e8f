//! Labelled form fields. Each reads its value from a signal and reports changes through a
//! callback, so a tool wires it straight to `AppState::edit`.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::unique_id;

#[component]
pub fn TextField(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] multiline: bool,
    #[prop(optional, into)] placeholder: Option<String>,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    let id = unique_id("text");
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                aria-describedby=described
                placeholder=placeholder
                data-testid=testid
                prop:value=move || value.get()
                on:input=move |ev| on_change.run(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type="text"
                aria-describedby=described
                placeholder=placeholder
                data-testid=testid
                prop:value=move || value.get()
                on:input=move |ev| on_change.run(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {control}
            {hint.map(|hint| view! { <span class="hint" id=hint_id>{hint}</span> })}
        </div>
    }
}

/// A number input; empty means "not set" (`None`). Text that is not a number is ignored.
#[component]
pub fn NumberField(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<Option<f64>>,
    #[prop(into)] on_change: Callback<Option<f64>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] min: Option<f64>,
    #[prop(optional, into)] max: Option<f64>,
    #[prop(optional, into)] step: Option<String>,
) -> impl IntoView {
    let id = unique_id("number");
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    let shown = move || value.get().map(format_number).unwrap_or_default();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="number"
                inputmode="decimal"
                min=min
                max=max
                step=step.unwrap_or_else(|| "any".into())
                aria-describedby=described
                prop:value=shown
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let text = text.trim();
                    if text.is_empty() {
                        on_change.run(None);
                    } else if let Ok(number) = text.parse::<f64>() {
                        if number.is_finite() {
                            on_change.run(Some(number));
                        }
                    }
                }
            />
            {hint.map(|hint| view! { <span class="hint" id=hint_id>{hint}</span> })}
        </div>
    }
}

fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// A date input; empty means "not set".
#[component]
pub fn DateField(
    #[prop(into)] label: String,
    #[prop(into)] value: Signal<Option<NaiveDate>>,
    #[prop(into)] on_change: Callback<Option<NaiveDate>>,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let id = unique_id("date");
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="date"
                aria-describedby=described
                prop:value=move || value.get().map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    if text.is_empty() {
                        on_change.run(None);
                    } else if let Ok(date) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                        on_change.run(Some(date));
                    }
                }
            />
            {hint.map(|hint| view! { <span class="hint" id=hint_id>{hint}</span> })}
        </div>
    }
}

/// A `<select>` over `(value, label)` options.
#[component]
pub fn SelectField(
    #[prop(into)] label: String,
    options: Vec<(String, String)>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let id = unique_id("select");
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                aria-describedby=described
                prop:value=move || value.get()
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                // A value from a newer version of Trellis: shown as what it is, and kept until
                // another value is picked.
                {
                    let keys: Vec<String> = options.iter().map(|(key, _)| key.clone()).collect();
                    move || {
                        let current = value.get();
                        (current == crate::core::newer::OPTION && !keys.contains(&current)).then(|| {
                            view! {
                                <option value=crate::core::newer::OPTION selected=true disabled=true>
                                    {crate::core::newer::LABEL}
                                </option>
                            }
                        })
                    }
                }
                {options
                    .into_iter()
                    .map(|(option, text)| {
                        let selected_value = option.clone();
                        view! {
                            <option value=option selected=move || value.get() == selected_value>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {hint.map(|hint| view! { <span class="hint" id=hint_id>{hint}</span> })}
        </div>
    }
}

#[component]
pub fn CheckboxField(
    #[prop(into)] label: String,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_change: Callback<bool>,
) -> impl IntoView {
    let id = unique_id("check");
    view! {
        <div class="field checkbox">
            <input
                id=id.clone()
                type="checkbox"
                prop:checked=move || checked.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </div>
    }
}

/// The choices of a "which column is …" picker for a file with `header`: "None", then each
/// column by its heading ("Column 3" for one without).
pub fn column_options(header: &[String]) -> Vec<(String, String)> {
    std::iter::once((String::new(), "None".to_string()))
        .chain(header.iter().enumerate().map(|(i, h)| {
            let name = if h.is_empty() {
                format!("Column {}", i + 1)
            } else {
                h.clone()
            };
            (i.to_string(), name)
        }))
        .collect()
}
