//! Exports: the drawing as SVG or PNG for slides, the curve as CONTRIBUTOR_LADDER.md,
//! and the snapshots as CSV.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::curve::ladder::contributor_ladder_md;
use crate::core::curve::snapshots::snapshots_csv;
use crate::core::curve::svg_export::{drawing_svg, EXPORT_HEIGHT, EXPORT_WIDTH};
use crate::core::schema;
use crate::transfer;
use crate::ui::state::use_app_state;

#[component]
pub fn Exports() -> impl IntoView {
    let state = use_app_state();
    let error = RwSignal::new(None::<String>);
    let with_plan = move |f: &dyn Fn(&crate::core::plan::Plan) -> Result<(), String>| {
        let result = state
            .plan
            .with_untracked(|p| p.as_ref().map(f))
            .unwrap_or(Ok(()));
        error.set(result.err());
    };
    let stem = |name: &str| format!("{}-curve", schema::file_stem(name));
    let svg = move |_| {
        with_plan(&|p| {
            let text = drawing_svg(&p.curve, &p.name);
            transfer::download(&format!("{}.svg", stem(&p.name)), "image/svg+xml", &text)
        })
    };
    let png = move |_| {
        with_plan(&|p| {
            let text = drawing_svg(&p.curve, &p.name);
            download_png(&text, &format!("{}.png", stem(&p.name)), error)
        })
    };
    let ladder = move |_| {
        with_plan(&|p| {
            transfer::download(
                "CONTRIBUTOR_LADDER.md",
                "text/markdown",
                &contributor_ladder_md(&p.curve, &p.name),
            )
        })
    };
    let csv = move |_| {
        with_plan(&|p| {
            transfer::download(
                &format!("{}-snapshots.csv", schema::file_stem(&p.name)),
                "text/csv",
                &snapshots_csv(&p.curve),
            )
        })
    };
    view! {
        <div class="card exports no-print">
            <h2 id="curve-export-title" tabindex="-1">"Export"</h2>
            <p class="hint">
                "The drawing for slides, and the curve as a contributor ladder in the style open-source foundations publish "
                "(each rung: who it is for, what they do, how to move up)."
            </p>
            <div class="actions">
                <button on:click=svg>"Download drawing (SVG)"</button>
                <button on:click=png>"Download drawing (PNG)"</button>
                <button on:click=ladder>"Download CONTRIBUTOR_LADDER.md"</button>
                <button on:click=csv>"Download snapshots (CSV)"</button>
            </div>
            <Show when=move || error.get().is_some()>
                <p class="banner bad" role="alert">{move || error.get().unwrap_or_default()}</p>
            </Show>
        </div>
    }
}

/// Draws the SVG onto a canvas at twice its size and downloads the result as PNG.
fn download_png(svg: &str, file_name: &str, error: RwSignal<Option<String>>) -> Result<(), String> {
    let fail = |e: JsValue| {
        format!(
            "The PNG could not be made: {}",
            e.as_string().unwrap_or_default()
        )
    };
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("The PNG could not be made: no document.")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let img = web_sys::HtmlImageElement::new().map_err(fail)?;
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "The PNG could not be made: no canvas.".to_string())?;
    let scale = 2.0;
    canvas.set_width((EXPORT_WIDTH * scale) as u32);
    canvas.set_height((EXPORT_HEIGHT * scale) as u32);
    let name = file_name.to_string();
    let image = img.clone();
    let object_url = url.clone();
    let onload = Closure::once_into_js(move || {
        let result = (|| -> Result<(), String> {
            let ctx = canvas
                .get_context("2d")
                .map_err(fail)?
                .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
                .ok_or("The PNG could not be made: no 2D canvas.")?;
            ctx.draw_image_with_html_image_element_and_dw_and_dh(
                &image,
                0.0,
                0.0,
                EXPORT_WIDTH * scale,
                EXPORT_HEIGHT * scale,
            )
            .map_err(fail)?;
            let data = canvas.to_data_url_with_type("image/png").map_err(fail)?;
            let anchor: web_sys::HtmlAnchorElement = document
                .create_element("a")
                .map_err(fail)?
                .dyn_into()
                .map_err(|_| "The PNG could not be made.".to_string())?;
            anchor.set_href(&data);
            anchor.set_download(&name);
            anchor.click();
            Ok(())
        })();
        let _ = web_sys::Url::revoke_object_url(&object_url);
        if let Err(why) = result {
            error.set(Some(why));
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    let onerror = Closure::once_into_js(move || {
        error.set(Some(
            "The PNG could not be made: the drawing did not load.".into(),
        ));
    });
    img.set_onerror(Some(onerror.unchecked_ref()));
    img.set_src(&url);
    Ok(())
}
