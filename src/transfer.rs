//! Getting plans in and out of the browser: download as a file, copy to the clipboard,
//! read a picked or dropped file, share links. Parsing and validation live in `core::schema`.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::plan::Plan;
use crate::core::schema::{self, ImportError, PlanReader};
use crate::core::share;

/// `<plan-name>.trellis.json`, with characters file systems dislike replaced.
pub fn export_file_name(plan: &Plan) -> String {
    format!("{}.trellis.json", schema::file_stem(&plan.name))
}

/// Offers `text` to the user as a download named `file_name`.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |err: JsValue| format!("The download could not start: {}", js_error(&err));
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("The download could not start: no document.")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "The download could not start.".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoke on the next task: revoking at once can cancel the download in some browsers.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000);
    }
    Ok(())
}

/// Downloads the plan's whole file (the caller counts it as a backup of the plan).
pub fn download_plan(plan: &Plan) -> Result<(), String> {
    download(
        &export_file_name(plan),
        "application/json",
        &schema::export_plan(plan),
    )
}

/// Copies `text` to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let clipboard = web_sys::window()
        .map(|w| w.navigator().clipboard())
        .ok_or("The clipboard is not available here.")?;
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|err| format!("Copying failed: {}", js_error(&err)))
}

/// Reads and validates a plan file. The size limit is checked before the file is read.
pub async fn read_plan_file(file: &web_sys::File, reader: PlanReader) -> Result<Plan, String> {
    let size = file.size() as u64;
    if size > schema::MAX_IMPORT_BYTES as u64 {
        return Err(ImportError::TooLarge {
            bytes: size as usize,
            limit: schema::MAX_IMPORT_BYTES,
        }
        .to_string());
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|err| format!("The file could not be read: {}", js_error(&err)))?
        .as_string()
        .unwrap_or_default();
    import_text(&text, reader)
        .await
        .map_err(|err| err.to_string())
}

/// [`PlanReader::import`], letting the browser paint and handle input between its steps, so a
/// large file does not freeze the page for the whole import.
pub async fn import_text(text: &str, reader: PlanReader) -> Result<Plan, ImportError> {
    let mut steps = schema::ImportSteps::begin(text)?;
    yield_to_browser().await;
    steps.read_fields(reader)?;
    yield_to_browser().await;
    steps.finish(reader)
}

/// Resolves in a later task (a zero-delay timer), after the browser has had its turn.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window()
            .map(|window| window.set_timeout_with_callback(&resolve).is_ok())
            .unwrap_or(false);
        if !scheduled {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

fn js_error(err: &JsValue) -> String {
    if let Some(err) = err.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    err.as_string().unwrap_or_else(|| "unknown error".into())
}

/// Compression through the browser's CompressionStream, kept in JS because web-sys marks the
/// stream-compression bindings unstable. wasm-bindgen emits this as a file of its own, so the
/// Content-Security-Policy needs nothing extra.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export async function deflate(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
export async function inflate_capped(bytes, cap) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return await new Blob(chunks).text();
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn deflate(text: &str) -> Result<JsValue, JsValue>;
    /// The inflated text, or `null` once it passes `cap` bytes (reading stops there).
    #[wasm_bindgen(catch)]
    async fn inflate_capped(bytes: &[u8], cap: u32) -> Result<JsValue, JsValue>;
}

/// A link that carries `plan` in its fragment, under the app's base address.
pub async fn share_link(plan: &Plan) -> Result<String, String> {
    let compressed = deflate(&schema::store_plan(plan))
        .await
        .map_err(|err| format!("The plan could not be compressed: {}", js_error(&err)))?;
    let bytes = js_sys::Uint8Array::new(&compressed).to_vec();
    let link = format!(
        "{}{}{}",
        app_address(),
        share::FRAGMENT_PREFIX,
        share::encode(&bytes)
    );
    share::check_length(&link).map_err(|err| err.to_string())?;
    Ok(link)
}

/// The text in a share link's fragment data, looked at as [`share::preview`] does: the length
/// is checked before decoding, unpacking stops at [`share::MAX_SHARED_JSON_BYTES`], and the
/// records are counted before anything is parsed. Nothing here builds a plan.
pub async fn unpack_share_data(data: &str) -> Result<(String, Option<share::Preview>), String> {
    share::check_fragment_length(data).map_err(|err| err.to_string())?;
    let bytes = share::decode(data).map_err(|err| err.to_string())?;
    let inflated = inflate_capped(&bytes, share::MAX_SHARED_JSON_BYTES as u32)
        .await
        .map_err(|_| share::ShareError::Damaged.to_string())?;
    if inflated.is_null() {
        return Err(share::ShareError::UnpacksTooLarge.to_string());
    }
    let text = inflated.as_string().unwrap_or_default();
    yield_to_browser().await;
    let preview = share::preview(&text).map_err(|err| err.to_string())?;
    Ok((text, preview))
}

/// The plan in a share link's unpacked text, validated like any import.
pub async fn read_shared_plan(text: &str, reader: PlanReader) -> Result<Plan, String> {
    import_text(text, reader)
        .await
        .map_err(|err| format!("This share link's plan cannot be opened: {err}"))
}

/// The address the app is served from, without fragment or query (e.g. `https://host/trellis/`).
fn app_address() -> String {
    let Some(window) = web_sys::window() else {
        return String::new();
    };
    let location = window.location();
    let origin = location.origin().unwrap_or_default();
    format!("{origin}{}/", crate::base_path::router_base())
}

/// Reads a text file the user picked (a ladder, a CSV), refusing one larger than `limit`
/// bytes before reading it.
pub async fn read_text_file(file: &web_sys::File, limit: usize) -> Result<String, String> {
    let size = file.size() as u64;
    if size > limit as u64 {
        return Err(format!(
            "the file is {} KB, more than the {} KB this import reads.",
            size / 1024,
            limit / 1024
        ));
    }
    JsFuture::from(file.text())
        .await
        .map_err(|err| format!("the file could not be read: {}", js_error(&err)))
        .map(|text| text.as_string().unwrap_or_default())
}

/// Reads a backup file for a restore: the size is checked before the file is read, and its
/// plans are checked one at a time, letting the browser paint between them.
pub async fn read_backup_file(
    file: &web_sys::File,
    reader: PlanReader,
) -> Result<crate::core::backup::Backup, String> {
    use crate::core::backup::{BackupError, BackupSteps, MAX_BACKUP_BYTES};
    let size = file.size() as usize;
    if size > MAX_BACKUP_BYTES {
        return Err(BackupError::TooLarge { bytes: size }.to_string());
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|err| format!("The file could not be read: {}", js_error(&err)))?
        .as_string()
        .unwrap_or_default();
    yield_to_browser().await;
    let mut steps = BackupSteps::begin(&text, reader).map_err(|err| err.to_string())?;
    drop(text);
    yield_to_browser().await;
    while steps.next_plan() {
        yield_to_browser().await;
    }
    Ok(steps.finish())
}

/// The class on `<html>` while a document is being printed (style/document.css).
const PRINTING_CLASS: &str = "printing-document";
/// The class of the layer a document is printed from.
const PRINT_LAYER_CLASS: &str = "print-document";

/// Prints a document the core built (an `<article class="trellis-doc">`: the plan report or
/// the evidence brief, every user text escaped, no script, no style attribute) from a layer of
/// its own: while it prints, style/document.css hides the rest of the page, so the browser's
/// "Save as PDF" makes a clean copy of the document alone, under the app's own CSP. The layer
/// goes when the print dialog closes.
pub fn print_document(body_html: &str) -> Result<(), String> {
    let fail = |err: JsValue| format!("Printing could not start: {}", js_error(&err));
    let window = web_sys::window().ok_or("Printing is not available here.")?;
    let document = window
        .document()
        .ok_or("Printing is not available here: no document.")?;
    let body = document
        .body()
        .ok_or("Printing is not available here: no page body.")?;
    let root = document
        .document_element()
        .ok_or("Printing is not available here: no page.")?;
    end_printing(&document);
    let layer = document.create_element("div").map_err(fail)?;
    layer.set_class_name(PRINT_LAYER_CLASS);
    // The core's HTML: tags it wrote itself around text it escaped (core::html).
    layer.set_inner_html(body_html);
    body.append_child(&layer).map_err(fail)?;
    root.class_list().add_1(PRINTING_CLASS).map_err(fail)?;
    let after = wasm_bindgen::closure::Closure::once_into_js(move || end_printing(&document));
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    window
        .add_event_listener_with_callback_and_add_event_listener_options(
            "afterprint",
            after.unchecked_ref(),
            &options,
        )
        .map_err(fail)?;
    window.print().map_err(fail)
}

/// Takes away the print layer and the page's printing class, if there are any.
fn end_printing(document: &web_sys::Document) {
    if let Some(root) = document.document_element() {
        let _ = root.class_list().remove_1(PRINTING_CLASS);
    }
    let layers = document.get_elements_by_class_name(PRINT_LAYER_CLASS);
    while let Some(layer) = layers.item(0) {
        layer.remove();
    }
}
