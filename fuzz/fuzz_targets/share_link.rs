//! Feeds arbitrary bytes to the share-link path: the fragment's checks and base64url decoding,
//! then (as unpacked text) the record count and the preview, which must agree with the plan
//! when the plan is accepted. The browser does the inflating; any text may come out of it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trellis::core::schema::PlanReader;
use trellis::core::share;
use trellis::core::workspace::fit_name;

fuzz_target!(|data: &[u8]| {
    if let Ok(fragment) = std::str::from_utf8(data) {
        if share::check_fragment_length(fragment).is_ok() {
            if let Ok(bytes) = share::decode(fragment) {
                assert_eq!(share::encode(&bytes).len(), fragment.len());
            }
        }
        check_unpacked(fragment);
    }
});

/// `text` as if a link had unpacked to it.
fn check_unpacked(text: &str) {
    let Ok(preview) = share::preview(text) else {
        // Refused by count: more records than any plan in a link.
        assert!(text.matches('{').count() > share::MAX_SHARED_RECORDS);
        return;
    };
    let (Some(preview), Ok(plan)) = (preview, PlanReader::linked().import(text)) else {
        return;
    };
    assert_eq!(preview.name, fit_name(&plan.name));
    assert_eq!(preview.goals, plan.goals.goals.len());
    assert_eq!(preview.objectives, plan.goals.objectives.len());
    assert_eq!(preview.stages, plan.curve.stages.len());
    assert_eq!(preview.tracks, plan.career.tracks.len());
}
