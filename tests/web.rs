//! Browser-only code, tested in headless Chromium with wasm-bindgen-test:
//! storage failure handling and a component mounted into the page.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use trellis::core::open_plan::store::{load_plan_at, load_workspace, save_plan, Base};
use trellis::core::plan::Plan;
use trellis::core::schema::{self, PlanReader};
use trellis::storage::{self, LocalStore, SaveRefused, StorageProblem, StoredPlan};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn clear_storage() {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.clear();
    }
}

fn dom_exception(name: &str) -> JsValue {
    web_sys::DomException::new_with_message_and_name("refused", name)
        .map(JsValue::from)
        .unwrap_or(JsValue::NULL)
}

fn error_with_code(code: f64) -> JsValue {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &"code".into(), &code.into());
    let _ = js_sys::Reflect::set(&object, &"name".into(), &"Error".into());
    object.into()
}

#[wasm_bindgen_test]
fn every_spelling_of_storage_full_is_recognised() {
    assert_eq!(
        storage::classify(&dom_exception("QuotaExceededError")),
        StorageProblem::Full
    );
    assert_eq!(
        storage::classify(&dom_exception("NS_ERROR_DOM_QUOTA_REACHED")),
        StorageProblem::Full
    );
    assert_eq!(
        storage::classify(&error_with_code(22.0)),
        StorageProblem::Full
    );
    assert_eq!(
        storage::classify(&error_with_code(1014.0)),
        StorageProblem::Full
    );
}

#[wasm_bindgen_test]
fn blocked_storage_and_other_failures_are_told_apart() {
    assert!(matches!(
        storage::classify(&dom_exception("SecurityError")),
        StorageProblem::Unavailable(_)
    ));
    assert!(matches!(
        storage::classify(&dom_exception("InvalidStateError")),
        StorageProblem::Failed(_)
    ));
}

/// A save based on `revision`, as a tab that read it without its fingerprint.
fn at(revision: u64) -> Base {
    Base {
        revision,
        fingerprint: None,
    }
}

#[wasm_bindgen_test]
fn save_refuses_to_overwrite_a_newer_revision_from_another_tab() {
    clear_storage();
    let mut theirs = Plan::new("p-conflict", "Theirs");
    theirs.revision = 5;
    storage::write(
        &storage::plan_key("p-conflict"),
        &schema::store_plan(&theirs),
    )
    .unwrap();
    let mine = Plan::new("p-conflict", "Mine");
    assert_eq!(
        save_plan(&LocalStore, &mine, at(3)),
        Err(SaveRefused::Conflict { stored_revision: 5 })
    );
    let stored = storage::read(&storage::plan_key("p-conflict"))
        .unwrap()
        .unwrap();
    assert_eq!(stored, schema::store_plan(&theirs));
    // The same revision with other content than this tab last saw is refused too.
    let seen = Base {
        revision: 5,
        fingerprint: Some(0),
    };
    assert_eq!(
        save_plan(&LocalStore, &mine, seen),
        Err(SaveRefused::Conflict { stored_revision: 5 })
    );
    assert_eq!(
        save_plan(&LocalStore, &mine, at(5)).map(|b| b.revision),
        Ok(6)
    );
}

#[wasm_bindgen_test]
fn save_never_overwrites_a_plan_from_a_newer_version() {
    clear_storage();
    let newer =
        r#"{"format":"trellis-plan","version":99,"id":"p-new","name":"Future","revision":1}"#;
    storage::write(&storage::plan_key("p-new"), newer).unwrap();
    assert_eq!(
        save_plan(&LocalStore, &Plan::new("p-new", "Old tab"), at(1)),
        Err(SaveRefused::NewerVersion { version: 99 })
    );
    assert_eq!(
        storage::read(&storage::plan_key("p-new"))
            .unwrap()
            .as_deref(),
        Some(newer)
    );
}

#[wasm_bindgen_test]
fn an_unreadable_stored_plan_is_backed_up_and_left_in_place() {
    clear_storage();
    let key = storage::plan_key("p-bad");
    storage::write(&key, "{\"format\":\"trellis-plan\",\"version\":1,\"id\":").unwrap();
    let Ok(Some(StoredPlan::Unreadable {
        backup_key, reason, ..
    })) = load_plan_at(&LocalStore, &key, PlanReader::linked())
    else {
        panic!("expected an unreadable plan");
    };
    assert!(reason.contains("ends too soon"), "{reason}");
    let original = storage::read(&key).unwrap();
    let backup_key = backup_key.expect("a copy was written");
    assert_eq!(storage::read(&backup_key).unwrap(), original);
    assert_eq!(
        original.as_deref(),
        Some("{\"format\":\"trellis-plan\",\"version\":1,\"id\":")
    );
}

#[wasm_bindgen_test]
async fn the_welcome_screen_creates_the_sample_plan() {
    clear_storage();
    let document = document();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let _handle = leptos::mount::mount_to(host.clone().unchecked_into(), trellis::App);
    tick().await;
    let start = host
        .query_selector("[data-testid=welcome] button.primary")
        .unwrap()
        .expect("the welcome screen offers the sample plan")
        .unchecked_into::<web_sys::HtmlElement>();
    start.click();
    // The plan is stored under the storage lock, which the browser grants in a task of its own.
    for _ in 0..50 {
        tick().await;
        sleep(20).await;
        if host.query_selector(".plan-item").ok().flatten().is_some() {
            break;
        }
    }
    let names: Vec<String> = {
        let list = host.query_selector_all(".plan-item .plan-name").unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.text_content())
            .collect()
    };
    assert_eq!(names, vec![trellis::core::sample::SAMPLE_NAME.to_string()]);
    let stored = load_workspace(&LocalStore, PlanReader::linked()).unwrap();
    assert_eq!(stored.plans.len(), 1);
    host.remove();
}
