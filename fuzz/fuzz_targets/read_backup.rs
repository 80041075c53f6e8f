//! Feeds arbitrary bytes to the backup reader (restore). It may refuse anything, but never
//! panic; every plan it lists as restorable passed the plan check and reads back unchanged
//! once stored, and no two of them share an id.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trellis::core::backup::{read_backup, BackupItem};
use trellis::core::schema::{self, PlanReader};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let reader = PlanReader::linked();
    let Ok(backup) = read_backup(text, reader) else {
        return;
    };
    let mut ids = Vec::new();
    for item in &backup.items {
        if let BackupItem::Plan { plan, .. } = item {
            assert_eq!(schema::check_plan(plan), Ok(()));
            let stored = reader
                .read_stored(&schema::store_plan(plan))
                .expect("a restorable plan reads back from storage");
            assert!(stored == **plan, "save → read changed a restorable plan");
            assert!(!ids.contains(&plan.id), "two restorable plans share an id");
            ids.push(plan.id.clone());
        }
    }
});
