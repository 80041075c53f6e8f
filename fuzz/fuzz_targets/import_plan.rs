//! Feeds arbitrary bytes to every way a plan enters Trellis as a plan: file import (bytes and
//! text), the localStorage reader, the header peeks and the workspace index. None may panic; a
//! plan that is accepted must survive export → import and save → read unchanged, and be safe to
//! edit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trellis::core::plan::Plan;
use trellis::core::schema::{self, PlanReader};

fuzz_target!(|data: &[u8]| {
    let reader = PlanReader::linked();
    if let Ok(plan) = reader.import_bytes(data) {
        check_accepted(plan);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(plan) = reader.import(text) {
            check_accepted(plan);
        }
        if let Ok(plan) = reader.read_stored(text) {
            check_accepted(plan);
        }
        let _ = schema::peek_header(text);
        let _ = schema::peek_leading_header(text);
        let _ = schema::parse_workspace(text);
    }
});

fn check_accepted(mut plan: Plan) {
    let reader = PlanReader::linked();
    assert_eq!(schema::check_plan(&plan), Ok(()));
    let back = reader
        .import(&schema::export_plan(&plan))
        .expect("an accepted plan re-imports");
    assert!(back == plan, "export → import changed an accepted plan");
    let stored = reader
        .read_stored(&schema::store_plan(&plan))
        .expect("an accepted plan reads back from storage");
    assert!(stored == plan, "save → read changed an accepted plan");
    // Records made with fresh ids never repeat an id the plan already holds.
    for _ in 0..3 {
        trellis::core::goals::add_goal(&mut plan, None).expect("a goal without objective");
        trellis::core::goals::add_objective(&mut plan, "o");
    }
    assert_eq!(schema::check_plan(&plan), Ok(()), "a fresh id repeats an id");
}
