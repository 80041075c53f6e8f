//! The built-in catalog of community and developer-relations metrics, and the check that
//! a goal totals its metric the way the metric is defined.

use serde::Serialize;

use super::text::words;
use super::{Direction, Metric, Totalling, Window};

/// Whether a metric counts what the team produces or what changes for the community.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    #[default]
    Outcome,
    /// Counts the team's own work (posts, tutorials, events held): useful, but not a result.
    Output,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(default)]
pub struct CatalogMetric {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub direction: Direction,
    pub totalling: Totalling,
    pub window: Window,
    pub kind: MetricKind,
    /// How to measure it, in one sentence.
    pub description: String,
}

impl CatalogMetric {
    /// The metric a goal gets when it starts from this entry.
    pub fn to_metric(&self) -> Metric {
        Metric {
            name: self.name.clone(),
            unit: self.unit.clone(),
            direction: self.direction,
            totalling: self.totalling,
            window: self.window,
            catalog_key: Some(self.key.clone()),
            extra: Default::default(),
        }
    }
}

type Entry = (
    &'static str,
    &'static str,
    &'static str,
    Direction,
    Totalling,
    Window,
    MetricKind,
    &'static str,
);

use Direction::{Decrease, Increase};
use MetricKind::{Outcome, Output};
use Totalling::{LatestValue, Rate, RunningTotal};
use Window::{Month, Quarter, SinceBaseline};

#[rustfmt::skip]
const ENTRIES: &[Entry] = &[
    ("monthly_active_members", "Monthly active members", "members", Increase, LatestValue, Month, Outcome,
        "Distinct members who posted, replied or reacted in the last 30 days."),
    ("monthly_active_contributors", "Monthly active contributors", "contributors", Increase, LatestValue, Month, Outcome,
        "Distinct people who opened, reviewed or merged a change in the last 30 days."),
    ("contributors_with_merged_change", "Contributors with a merged change", "contributors", Increase, LatestValue, Quarter, Outcome,
        "Distinct people with at least one merged change in the quarter."),
    ("first_time_contributors", "First-time contributors", "contributors", Increase, Rate, Month, Outcome,
        "People whose first change was merged this month."),
    ("median_time_to_first_response", "Median time to first response", "hours", Decrease, LatestValue, Month, Outcome,
        "Median hours from a new question to its first reply, over the last 30 days."),
    ("questions_answered_share", "Questions answered within 48 hours", "%", Increase, LatestValue, Month, Outcome,
        "Share of new questions with an accepted or helpful answer within 48 hours."),
    ("community_answers_share", "Answers from community members", "%", Increase, LatestValue, Month, Outcome,
        "Share of accepted answers written by people outside the company."),
    ("new_member_retention", "New members active after 30 days", "%", Increase, LatestValue, Month, Outcome,
        "Share of last month's new members who were active again 30 days after joining."),
    ("median_time_to_first_api_call", "Median time to first API call", "minutes", Decrease, LatestValue, Month, Outcome,
        "Median minutes from sign-up to the first successful API call."),
    ("tutorial_completions", "Tutorial completions", "completions", Increase, RunningTotal, SinceBaseline, Outcome,
        "Tutorials finished to the last step, added up since the baseline date."),
    ("event_attendees", "Event attendees", "attendees", Increase, RunningTotal, SinceBaseline, Outcome,
        "People who attended (not registered for) events, added up since the baseline date."),
    ("developer_nps", "Developer Net Promoter Score", "points", Increase, LatestValue, Quarter, Outcome,
        "Promoters minus detractors, in points from -100 to 100, from the quarterly survey."),
    ("support_csat", "Support satisfaction (CSAT)", "%", Increase, LatestValue, Quarter, Outcome,
        "Share of rated support conversations rated satisfied or better."),
    ("moderation_reports_resolved", "Moderation reports resolved within 72 hours", "%", Increase, LatestValue, Month, Outcome,
        "Share of code-of-conduct and spam reports closed within 72 hours."),
    ("tutorials_published", "Tutorials published", "tutorials", Increase, RunningTotal, SinceBaseline, Output,
        "Tutorials published since the baseline date."),
    ("posts_published", "Posts published", "posts", Increase, RunningTotal, SinceBaseline, Output,
        "Blog posts and articles published since the baseline date."),
    ("events_held", "Events held", "events", Increase, RunningTotal, SinceBaseline, Output,
        "Meetups, workshops and office hours held since the baseline date."),
];

/// Every built-in metric, in display order.
pub fn catalog() -> Vec<CatalogMetric> {
    ENTRIES.iter().map(to_catalog_metric).collect()
}

/// The built-in metric with this key.
pub fn catalog_metric(key: &str) -> Option<CatalogMetric> {
    ENTRIES.iter().find(|e| e.0 == key).map(to_catalog_metric)
}

fn to_catalog_metric(e: &Entry) -> CatalogMetric {
    CatalogMetric {
        key: e.0.to_string(),
        name: e.1.to_string(),
        unit: e.2.to_string(),
        direction: e.3,
        totalling: e.4,
        window: e.5,
        kind: e.6,
        description: e.7.to_string(),
    }
}

/// Words in a custom metric's name that mark a snapshot: a value that can fall as well as
/// rise, so it must never be totalled as a running total.
pub const SNAPSHOT_WORDS: &[&str] = &[
    "active",
    "daily",
    "weekly",
    "monthly",
    "quarterly",
    "median",
    "average",
    "mean",
    "rate",
    "ratio",
    "share",
    "percent",
    "percentage",
    "score",
    "nps",
    "csat",
    "satisfaction",
    "retention",
];

/// A sentence explaining why the metric's totalling (or window) does not fit what it
/// measures, or `None` when it fits.
pub fn totalling_mismatch(metric: &Metric) -> Option<String> {
    let name = metric.name.trim();
    if let Some(entry) = metric.catalog_key.as_deref().and_then(catalog_metric) {
        if metric.totalling != entry.totalling {
            return Some(format!(
                "'{}' is defined as a {}{}; {}. Set how it is totalled to '{}'.",
                entry.name,
                entry.totalling.label(),
                window_suffix(entry.window),
                consequence(entry.totalling, metric.totalling),
                entry.totalling.label()
            ));
        }
        if metric.window != entry.window {
            return Some(format!(
                "'{}' is measured {}, but this goal counts it {}. Use {}, or make it a custom metric with its own name.",
                entry.name,
                entry.window.label(),
                metric.window.label(),
                entry.window.label()
            ));
        }
        return None;
    }
    let looks_like_snapshot = metric.unit.trim() == "%"
        || words(name)
            .iter()
            .any(|w| SNAPSHOT_WORDS.contains(&w.as_str()));
    if metric.totalling == Totalling::RunningTotal && looks_like_snapshot && !name.is_empty() {
        return Some(format!(
            "'{name}' looks like a snapshot that can fall as well as rise; as a running total it would only ever grow. Set how it is totalled to 'latest value'."
        ));
    }
    if metric.totalling == Totalling::Rate && metric.window == Window::SinceBaseline {
        return Some(format!(
            "A rate needs a time window: choose per week, per month or another window for '{name}'."
        ));
    }
    None
}

fn window_suffix(window: Window) -> String {
    match window {
        Window::SinceBaseline => String::new(),
        other => format!(" {}", other.label()),
    }
}

fn consequence(defined: Totalling, chosen: Totalling) -> &'static str {
    match (defined, chosen) {
        (_, Totalling::RunningTotal) => {
            "as a running total it would only ever grow, even when people leave"
        }
        (Totalling::RunningTotal, _) => {
            "counted any other way it would show one period, not the total so far"
        }
        (_, Totalling::Rate) => "as a rate it would add up a snapshot as if each reading were new",
        _ => "counted as a snapshot it would hide how many were added in each period",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_keys_are_unique_and_every_entry_is_complete() {
        let all = catalog();
        assert!(all.len() >= 12);
        for (i, m) in all.iter().enumerate() {
            assert!(!m.name.is_empty() && !m.unit.is_empty() && !m.description.is_empty());
            assert!(
                all[i + 1..].iter().all(|o| o.key != m.key),
                "duplicate {}",
                m.key
            );
            assert_eq!(totalling_mismatch(&m.to_metric()), None, "{}", m.key);
        }
    }

    #[test]
    fn catalog_has_the_metrics_community_teams_ask_for() {
        for key in [
            "monthly_active_members",
            "median_time_to_first_response",
            "contributors_with_merged_change",
            "event_attendees",
            "tutorial_completions",
            "developer_nps",
            "support_csat",
        ] {
            assert!(catalog_metric(key).is_some(), "{key}");
        }
        assert_eq!(catalog_metric("nope"), None);
    }

    #[test]
    fn monthly_active_totalled_as_running_total_is_a_mismatch() {
        let mut metric = catalog_metric("monthly_active_members")
            .unwrap()
            .to_metric();
        metric.totalling = Totalling::RunningTotal;
        assert_eq!(
            totalling_mismatch(&metric).unwrap(),
            "'Monthly active members' is defined as a latest value per month; as a running total it would only ever grow, even when people leave. Set how it is totalled to 'latest value'."
        );
    }

    #[test]
    fn running_total_metric_counted_as_latest_value_is_a_mismatch() {
        let mut metric = catalog_metric("event_attendees").unwrap().to_metric();
        metric.totalling = Totalling::LatestValue;
        assert_eq!(
            totalling_mismatch(&metric).unwrap(),
            "'Event attendees' is defined as a running total; counted any other way it would show one period, not the total so far. Set how it is totalled to 'running total'."
        );
    }

    #[test]
    fn snapshot_counted_as_rate_is_a_mismatch() {
        let mut metric = catalog_metric("developer_nps").unwrap().to_metric();
        metric.totalling = Totalling::Rate;
        assert!(totalling_mismatch(&metric)
            .unwrap()
            .contains("as a rate it would add up a snapshot"));
    }

    #[test]
    fn rate_metric_counted_as_snapshot_is_a_mismatch() {
        let mut metric = catalog_metric("first_time_contributors")
            .unwrap()
            .to_metric();
        metric.totalling = Totalling::LatestValue;
        assert!(totalling_mismatch(&metric)
            .unwrap()
            .contains("hide how many were added in each period"));
    }

    #[test]
    fn catalog_window_change_is_a_mismatch() {
        let mut metric = catalog_metric("monthly_active_members")
            .unwrap()
            .to_metric();
        metric.window = Window::Week;
        assert_eq!(
            totalling_mismatch(&metric).unwrap(),
            "'Monthly active members' is measured per month, but this goal counts it per week. Use per month, or make it a custom metric with its own name."
        );
    }

    #[test]
    fn custom_snapshot_metric_as_running_total_is_a_mismatch() {
        let metric = Metric {
            name: "Weekly active users".into(),
            totalling: Totalling::RunningTotal,
            ..Metric::default()
        };
        assert_eq!(
            totalling_mismatch(&metric).unwrap(),
            "'Weekly active users' looks like a snapshot that can fall as well as rise; as a running total it would only ever grow. Set how it is totalled to 'latest value'."
        );
        let percent = Metric {
            name: "Docs rated helpful".into(),
            unit: "%".into(),
            ..metric
        };
        assert!(totalling_mismatch(&percent).is_some());
    }

    #[test]
    fn custom_count_as_running_total_is_fine() {
        let metric = Metric {
            name: "Workshop sign-ups".into(),
            totalling: Totalling::RunningTotal,
            ..Metric::default()
        };
        assert_eq!(totalling_mismatch(&metric), None);
    }

    #[test]
    fn rate_without_a_window_is_flagged() {
        let metric = Metric {
            name: "New forum members".into(),
            totalling: Totalling::Rate,
            ..Metric::default()
        };
        assert_eq!(
            totalling_mismatch(&metric).unwrap(),
            "A rate needs a time window: choose per week, per month or another window for 'New forum members'."
        );
    }
}
