//! Feeds arbitrary bytes to every way a plan enters Trellis: file import (bytes),
//! the localStorage reader and the share-link decoder. None may panic; a plan
//! that is accepted must survive export → import unchanged and be safe to edit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trellis::core::{schema, share};

fuzz_target!(|data: &[u8]| {
    if let Ok(plan) = schema::import_plan_bytes(data) {
        check_accepted(plan);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(plan) = schema::parse_stored_plan(text) {
            check_accepted(plan);
        }
        let _ = schema::peek_header(text);
        let _ = schema::parse_workspace(text);
        if let Ok(bytes) = share::decode(text) {
            let _ = schema::import_plan_bytes(&bytes);
        }
    }
});

fn check_accepted(mut plan: trellis::core::plan::Plan) {
    assert_eq!(schema::check_plan(&plan), Ok(()));
    let back =
        schema::import_plan(&schema::export_plan(&plan)).expect("an accepted plan re-imports");
    assert!(back == plan, "export → import changed an accepted plan");
    // Records made with fresh ids never repeat an id the plan already holds.
    for _ in 0..3 {
        trellis::core::goals::add_goal(&mut plan, None).expect("a goal without objective");
        trellis::core::goals::add_objective(&mut plan, "o");
    }
    assert_eq!(
        schema::check_plan(&plan),
        Ok(()),
        "a fresh id repeats an id"
    );
}
