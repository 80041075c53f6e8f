//! Looking after the stored data: when a plan last changed, when the plans were last backed
//! up (or exported), whether the browser promised to keep them, and when to remind the user
//! to back up. Pure: the caller passes the time (milliseconds since the epoch), so the rules
//! are tested with any clock.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::core::plan::Extra;

use super::plan::Plan;
use super::sample::SAMPLE_NAME;

pub const DAY_MS: f64 = 24.0 * 60.0 * 60.0 * 1000.0;
/// How long after a backup the reminder waits for new changes, unless the user sets it.
pub const DEFAULT_REMINDER_DAYS: u32 = 14;
/// How long "Not now" on the reminder keeps it away.
pub const SNOOZE_DAYS: u32 = 3;
/// Longest reminder period the setting accepts.
pub const MAX_REMINDER_DAYS: u32 = 365;

/// The browser's answer to `navigator.storage.persist()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Persistence {
    /// Kept until the user deletes it.
    Granted,
    /// The browser may clear it under storage pressure or after a while unused.
    Refused,
}

/// What Trellis remembers about the stored data (kept under its own storage key). Read by
/// [`DataCare::read`], which keeps what it does not know in `extra` (no derived `Deserialize`:
/// a flattened one would bring serde's buffering into the first download, which reads this).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DataCare {
    /// Last backup of all plans.
    pub last_backup_ms: Option<f64>,
    /// Written by builds before backups were tracked per plan (the first change not in a
    /// backup); read into `unbacked` and never written again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unbacked_since_ms: Option<f64>,
    /// When each plan was last saved with a change (by plan id).
    pub changed: BTreeMap<String, f64>,
    /// When each plan last went into a backup of all plans, or out whole as an export.
    pub backed_up: BTreeMap<String, f64>,
    /// Each plan's first change since then; a plan is absent when it is backed up.
    pub unbacked: BTreeMap<String, f64>,
    pub persistence: Option<Persistence>,
    /// 0 turns the reminder off.
    pub reminder_days: u32,
    pub snoozed_until_ms: Option<f64>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for DataCare {
    fn default() -> Self {
        DataCare {
            last_backup_ms: None,
            unbacked_since_ms: None,
            changed: BTreeMap::new(),
            backed_up: BTreeMap::new(),
            unbacked: BTreeMap::new(),
            persistence: None,
            reminder_days: DEFAULT_REMINDER_DAYS,
            snoozed_until_ms: None,
            extra: Default::default(),
        }
    }
}

/// Whether `plan` is the user's own work rather than the sample as it was added: any plan
/// but the sample, or the sample once it has been changed and saved again.
pub fn is_own_plan(plan: &Plan) -> bool {
    plan.name != SAMPLE_NAME || plan.revision > 1
}

impl DataCare {
    /// The record as stored; a field that cannot be read takes its default, and a record that
    /// is not an object starts afresh (it holds no user work). Fields this build does not
    /// know are kept. A record from before per-plan backups counts every changed plan as not
    /// backed up since its first change not in a backup.
    pub fn read(text: &str) -> DataCare {
        let Ok(serde_json::Value::Object(mut fields)) = serde_json::from_str(text) else {
            return DataCare::default();
        };
        let mut take = |key: &str| fields.shift_remove(key);
        let number = |value: Option<serde_json::Value>| value.and_then(|v| v.as_f64());
        let times = |value: Option<serde_json::Value>| -> BTreeMap<String, f64> {
            match value {
                Some(serde_json::Value::Object(times)) => times
                    .into_iter()
                    .filter_map(|(id, when)| when.as_f64().map(|when| (id, when)))
                    .collect(),
                _ => BTreeMap::new(),
            }
        };
        let last_backup_ms = number(take("last_backup_ms"));
        let unbacked_since_ms = number(take("unbacked_since_ms"));
        let changed = times(take("changed"));
        let backed_up = times(take("backed_up"));
        let unbacked = times(take("unbacked"));
        let persistence = match take("persistence").as_ref().and_then(|v| v.as_str()) {
            Some("granted") => Some(Persistence::Granted),
            Some("refused") => Some(Persistence::Refused),
            _ => None,
        };
        let reminder_days = take("reminder_days")
            .and_then(|v| v.as_u64())
            .and_then(|days| u32::try_from(days).ok())
            .unwrap_or(DEFAULT_REMINDER_DAYS);
        let snoozed_until_ms = number(take("snoozed_until_ms"));
        let mut care = DataCare {
            last_backup_ms,
            unbacked_since_ms,
            changed,
            backed_up,
            unbacked,
            persistence,
            reminder_days,
            snoozed_until_ms,
            extra: fields,
        };
        if let Some(since) = care.unbacked_since_ms.take() {
            for (id, changed) in &care.changed {
                if *changed >= since {
                    care.unbacked.entry(id.clone()).or_insert(since);
                }
            }
        }
        care
    }

    pub fn write(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A plan was saved with a change at `now`.
    pub fn note_change(&mut self, plan_id: &str, now: f64) {
        self.changed.insert(plan_id.to_string(), now);
        self.unbacked.entry(plan_id.to_string()).or_insert(now);
    }

    /// Plans `ids` went into a backup at `now`: all of them for "Back up all plans" (which
    /// counts as the last backup), one for an export with everything in it. The others
    /// are as backed up as they were.
    pub fn note_backup(&mut self, ids: &[String], now: f64) {
        for id in ids {
            self.backed_up.insert(id.clone(), now);
            self.unbacked.remove(id);
        }
        if self.unbacked.is_empty() {
            self.snoozed_until_ms = None;
        }
    }

    /// Every plan went into a backup at `now`.
    pub fn note_full_backup(&mut self, ids: &[String], now: f64) {
        self.note_backup(ids, now);
        self.last_backup_ms = Some(now);
        self.unbacked.clear();
        self.snoozed_until_ms = None;
    }

    /// The last time any plan went into a backup or out as a whole export.
    pub fn last_backup_or_export(&self) -> Option<f64> {
        self.backed_up
            .values()
            .copied()
            .chain(self.last_backup_ms)
            .reduce(f64::max)
    }

    /// Whether to ask the browser for persistent storage: once the user has a plan of their
    /// own, and only until the browser has answered once (a backup asks again, see
    /// [`DataCare::should_ask_after_backup`]).
    pub fn should_request_persistence(&self, has_own_plan: bool) -> bool {
        has_own_plan && self.persistence.is_none()
    }

    /// The answer to keep once the browser says whether it keeps the data now
    /// (`navigator.storage.persisted()`, read at start): a promise given since the last
    /// visit (the site installed or bookmarked, say) shows as kept; one withdrawn (in the
    /// site's settings) as not. A "no" before anything was asked changes nothing: the app
    /// asks when there is a plan of the user's own.
    pub fn persistence_after_check(&self, persisted: bool) -> Option<Persistence> {
        match (persisted, self.persistence) {
            (true, _) => Some(Persistence::Granted),
            (false, Some(_)) => Some(Persistence::Refused),
            (false, None) => None,
        }
    }

    /// Whether to ask the browser again after a backup: a first "no" is not for good (browsers
    /// decide by how the site is used), so every backup while it is not promised asks again.
    pub fn should_ask_after_backup(&self) -> bool {
        self.persistence != Some(Persistence::Granted)
    }

    /// Whether the header offers "Back up now": changes not in a backup, the last backup (or,
    /// with none, the first such change) longer ago than the period, and not snoozed.
    pub fn reminder_due(&self, now: f64) -> bool {
        if self.reminder_days == 0 {
            return false;
        }
        if self.snoozed_until_ms.is_some_and(|until| now < until) {
            return false;
        }
        let period = f64::from(self.reminder_days) * DAY_MS;
        // Each plan with changes not in a backup counts from its own last backup (or the
        // last backup of all plans, or, with neither, its first such change).
        self.unbacked.iter().any(|(id, first_change)| {
            let since = self
                .backed_up
                .get(id)
                .copied()
                .or(self.last_backup_ms)
                .unwrap_or(*first_change);
            now - since >= period
        })
    }

    /// "Not now" on the reminder.
    pub fn snooze(&mut self, now: f64) {
        self.snoozed_until_ms = Some(now + f64::from(SNOOZE_DAYS) * DAY_MS);
    }

    /// Sets the reminder period from the user's entry; Err says why it is refused.
    pub fn set_reminder_days(&mut self, entry: &str) -> Result<(), String> {
        let days: u32 = entry.trim().parse().map_err(|_| {
            format!("Enter a whole number of days from 0 to {MAX_REMINDER_DAYS} (0 turns the reminder off).")
        })?;
        if days > MAX_REMINDER_DAYS {
            return Err(format!(
                "At most {MAX_REMINDER_DAYS} days; 0 turns the reminder off."
            ));
        }
        self.reminder_days = days;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: f64 = 1_800_000_000_000.0;

    #[test]
    fn the_browser_s_answer_at_start_replaces_the_one_remembered() {
        let mut care = DataCare::default();
        assert_eq!(
            care.persistence_after_check(false),
            None,
            "nothing asked yet"
        );
        assert_eq!(
            care.persistence_after_check(true),
            Some(Persistence::Granted)
        );
        care.persistence = Some(Persistence::Refused);
        assert_eq!(
            care.persistence_after_check(true),
            Some(Persistence::Granted),
            "granted since the last visit"
        );
        care.persistence = Some(Persistence::Granted);
        assert_eq!(
            care.persistence_after_check(false),
            Some(Persistence::Refused),
            "withdrawn since the last visit"
        );
    }

    #[test]
    fn a_backup_asks_again_until_the_browser_promises() {
        let mut care = DataCare::default();
        assert!(care.should_ask_after_backup());
        care.persistence = Some(Persistence::Refused);
        assert!(care.should_ask_after_backup());
        assert!(
            !care.should_request_persistence(true),
            "the first ask is once"
        );
        care.persistence = Some(Persistence::Granted);
        assert!(!care.should_ask_after_backup());
    }

    #[test]
    fn the_record_keeps_what_a_newer_trellis_added() {
        let mut care = DataCare::read(r#"{"reminder_days":7,"sync":{"device":"laptop"}}"#);
        care.note_full_backup(&[], T0);
        let written: serde_json::Value = serde_json::from_str(&care.write()).unwrap();
        assert_eq!(written["sync"], serde_json::json!({"device": "laptop"}));
        assert_eq!(written["reminder_days"], 7);
    }

    fn days(n: f64) -> f64 {
        T0 + n * DAY_MS
    }

    #[test]
    fn no_reminder_without_changes_since_the_last_backup() {
        let mut care = DataCare::default();
        assert!(!care.reminder_due(days(100.0)));
        care.note_full_backup(&[], T0);
        assert!(!care.reminder_due(days(100.0)));
    }

    #[test]
    fn the_reminder_comes_once_the_last_backup_is_older_than_the_period() {
        let mut care = DataCare::default();
        care.note_full_backup(&[], T0);
        care.note_change("a", days(10.0));
        assert!(!care.reminder_due(days(13.9)));
        assert!(care.reminder_due(days(14.0)));
        care.note_full_backup(&["a".into()], days(15.0));
        assert!(!care.reminder_due(days(40.0)));
    }

    #[test]
    fn without_any_backup_the_period_runs_from_the_first_change() {
        let mut care = DataCare::default();
        care.note_change("a", days(1.0));
        care.note_change("a", days(12.0));
        assert_eq!(care.changed["a"], days(12.0));
        assert!(!care.reminder_due(days(14.9)));
        assert!(care.reminder_due(days(15.0)));
    }

    #[test]
    fn exporting_one_plan_backs_up_that_plan_only() {
        let mut care = DataCare::default();
        care.note_change("a", T0);
        care.note_change("b", T0);
        care.note_backup(&["a".into()], days(1.0));
        assert!(care.reminder_due(days(14.0)), "b is still not backed up");
        care.note_backup(&["b".into()], days(2.0));
        assert!(!care.reminder_due(days(100.0)));
        assert_eq!(care.last_backup_or_export(), Some(days(2.0)));
        assert_eq!(care.last_backup_ms, None, "no backup of all plans yet");
    }

    #[test]
    fn a_record_from_before_per_plan_backups_keeps_its_reminder() {
        let old = format!(
            r#"{{"last_backup_ms":{T0},"unbacked_since_ms":{},"changed":{{"a":{},"b":{}}},"reminder_days":14}}"#,
            days(2.0),
            days(3.0),
            days(-5.0)
        );
        let care = DataCare::read(&old);
        assert_eq!(care.unbacked.keys().collect::<Vec<_>>(), ["a"]);
        assert!(care.reminder_due(days(14.0)));
        assert!(!care.write().contains("unbacked_since_ms"));
    }

    #[test]
    fn snoozing_hides_the_reminder_for_three_days() {
        let mut care = DataCare::default();
        care.note_change("a", T0);
        care.snooze(days(20.0));
        assert!(!care.reminder_due(days(22.9)));
        assert!(care.reminder_due(days(23.0)));
    }

    #[test]
    fn the_period_is_the_users_and_zero_turns_the_reminder_off() {
        let mut care = DataCare::default();
        care.note_change("a", T0);
        assert_eq!(care.set_reminder_days(" 3 "), Ok(()));
        assert!(care.reminder_due(days(3.0)));
        assert_eq!(care.set_reminder_days("0"), Ok(()));
        assert!(!care.reminder_due(days(300.0)));
        assert!(care
            .set_reminder_days("two")
            .unwrap_err()
            .contains("whole number"));
        assert!(care
            .set_reminder_days("400")
            .unwrap_err()
            .contains("At most 365"));
        assert!(care.set_reminder_days("-1").is_err());
        assert_eq!(care.reminder_days, 0);
    }

    #[test]
    fn persistence_is_asked_once_and_only_for_the_users_own_plan() {
        let mut care = DataCare::default();
        let mut sample = Plan::new("s", SAMPLE_NAME);
        sample.revision = 1;
        assert!(!is_own_plan(&sample));
        assert!(!care.should_request_persistence(is_own_plan(&sample)));
        sample.revision = 2;
        assert!(is_own_plan(&sample));
        assert!(is_own_plan(&Plan::new("b", "My plan")));
        assert!(care.should_request_persistence(true));
        care.persistence = Some(Persistence::Refused);
        assert!(!care.should_request_persistence(true));
    }

    #[test]
    fn the_record_round_trips_and_a_damaged_one_starts_afresh() {
        let mut care = DataCare::default();
        care.note_change("a", T0);
        care.persistence = Some(Persistence::Granted);
        assert_eq!(DataCare::read(&care.write()), care);
        assert_eq!(DataCare::read("{oops"), DataCare::default());
        assert_eq!(DataCare::read("{}").reminder_days, DEFAULT_REMINDER_DAYS);
        assert!(care.write().contains("\"granted\""));
    }
}
