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

#[test]
fn session_the_browsers_answer_at_start_is_kept_only_when_it_changed() {
    let store = store_with(&[("a", "A")]);
    let mut tab = Tab::start(&store, 1);
    tab.session.persisted_now(false);
    assert_eq!(
        store.get(keys::CARE_KEY),
        None,
        "nothing asked yet: nothing written"
    );
    tab.session.persisted_now(true);
    assert_eq!(tab.session.care().persistence, Some(Persistence::Granted));
    let record = DataCare::read(&store.get(keys::CARE_KEY).unwrap());
    assert_eq!(record.persistence, Some(Persistence::Granted));
    tab.session.persisted_now(false);
    assert_eq!(
        tab.session.care().persistence,
        Some(Persistence::Refused),
        "withdrawn"
    );
}

#[test]
fn session_a_backup_asks_again_until_the_browser_promises() {
    let store = store_with(&[("a", "A")]);
    let mut tab = Tab::start(&store, 1);
    tab.session
        .care_change(|c| c.persistence = Some(Persistence::Refused));
    assert!(tab.session.backed_up_all(&["a".into()], NOW));
    assert!(tab.session.exported_whole("a", NOW + 1.0));
    tab.session
        .care_change(|c| c.persistence = Some(Persistence::Granted));
    assert!(!tab.session.backed_up_all(&["a".into()], NOW + 2.0));
    assert!(!tab.session.exported_whole("a", NOW + 3.0));
}
