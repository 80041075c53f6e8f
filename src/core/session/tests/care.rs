//! The care record through the session: re-read before every write, and on another tab's.

use super::*;
use crate::core::care::{DataCare, Persistence};

#[test]
fn session_the_care_record_is_read_at_start_and_followed() {
    let store = store_with(&[("a", "A")]);
    let care = DataCare {
        persistence: Some(Persistence::Granted),
        ..DataCare::default()
    };
    store.put(keys::CARE_KEY, &care.write());
    let mut one = Tab::start(&store, 1);
    assert_eq!(one.session.care().persistence, Some(Persistence::Granted));
    let mut two = Tab::start(&store, 2);
    two.act().session.care_change(|c| c.reminder_days = 3);
    one.hear();
    assert_eq!(one.session.care().reminder_days, 3);
}

#[test]
fn session_a_save_notes_the_change_for_the_reminder_without_losing_the_other_tabs_setting() {
    let store = store_with(&[("a", "A")]);
    let mut one = Tab::start(&store, 1);
    let mut two = Tab::start(&store, 2);
    two.act().session.care_change(|c| c.reminder_days = 0);
    one.edit(|p| p.name = "Edited".into());
    one.flush();
    let record = DataCare::read(&store.get(keys::CARE_KEY).unwrap());
    assert_eq!(record.reminder_days, 0, "the other tab's setting stays");
    assert_eq!(record.changed.get("a"), Some(&one.now));
}
