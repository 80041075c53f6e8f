//! Goal templates drawn from community work. Every part a team must decide is left as a
//! visible `[placeholder]` (or an empty number), so the SMART check and the statement
//! point at exactly what to replace.

use serde::Serialize;

use super::{Cadence, Direction};

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(default)]
pub struct Template {
    pub key: String,
    /// What the picker shows, e.g. "Reduce median time to first response".
    pub name: String,
    /// One line of guidance for choosing numbers.
    pub hint: String,
    pub title: String,
    pub objective: String,
    /// Catalog key of the metric the goal starts with.
    pub metric_key: String,
    /// Key players, the first being the owner.
    pub key_players: Vec<String>,
    pub steps: Vec<String>,
    pub result: String,
    pub cadence: Cadence,
    /// Overrides the catalog metric's direction (a floor to hold rather than a rise).
    pub direction: Option<Direction>,
}

type Entry = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
    Cadence,
    Option<Direction>,
);

#[rustfmt::skip]
const ENTRIES: &[Entry] = &[
    (
        "first_response",
        "Reduce median time to first response",
        "Under 24 hours is a common first target; measure the median, not the average.",
        "Reduce median time to first response in [the forum] to under [24] hours",
        "reduce median time to first response in [the forum]",
        "median_time_to_first_response",
        &["[Support or community team]", "[community moderators]"],
        &[
            "setting up a triage rotation across [team]",
            "writing saved replies for the [10] most common questions",
            "posting a weekly digest of unanswered questions",
        ],
        "help [new members] while they are still trying [the product], so more of them stay",
        Cadence::Weekly,
        None,
    ),
    (
        "active_contributors",
        "Grow monthly active contributors",
        "Rule of thumb, not a sourced figure: growth of 3–6% a month is strong for an established project.",
        "Grow monthly active contributors to [project]",
        "grow monthly active contributors to [project]",
        "monthly_active_contributors",
        &["[Community team]", "[maintainers]"],
        &[
            "labelling [20] good first issues",
            "running a monthly contributor onboarding call",
            "thanking every first-time contributor in [the newsletter]",
        ],
        "spread maintenance across more people, so [project] depends less on [the core team]",
        Cadence::Monthly,
        None,
    ),
    (
        "publish_tutorials",
        "Publish tutorials",
        "Tutorials are an output: the result should name what changes for developers.",
        "Publish [number] tutorials for [audience]",
        "publish tutorials for [audience]",
        "tutorials_published",
        &["[Developer education team]", "[developer advocates]"],
        &[
            "picking the [5] questions new developers ask most",
            "testing each tutorial with a developer new to [the product]",
            "linking each tutorial from the docs and the forum",
        ],
        "help [audience] reach [a first working integration] without asking for help",
        Cadence::Fortnightly,
        None,
    ),
    (
        "event_attendance",
        "Increase event attendance",
        "Count people who attended, not registrations; compare like-for-like periods.",
        "Increase attendance at [event series]",
        "increase attendance at [event series]",
        "event_attendees",
        &["[Events lead]", "[developer advocates]"],
        &[
            "publishing the schedule [6] weeks ahead",
            "co-hosting with [partner community]",
            "sending recordings and a summary to everyone who registered",
        ],
        "let more members meet the team and each other, turning [newcomers] into regulars",
        Cadence::Monthly,
        None,
    ),
    (
        "new_member_retention",
        "Keep more new members active",
        "Measure the share of new members active again 30 days after joining.",
        "Keep more new members of [community] active after 30 days",
        "raise the share of new members of [community] still active after 30 days",
        "new_member_retention",
        &["[Community team]", "[community ambassadors]"],
        &[
            "welcoming every new member personally within [2] days",
            "inviting new members to a [monthly] newcomer call",
            "pointing each new member to one [starter task]",
        ],
        "turn more sign-ups into members who ask, answer and contribute",
        Cadence::Monthly,
        None,
    ),
    (
        "support_csat",
        "Keep support satisfaction high",
        "A floor to hold while other goals change the programme; review it quarterly.",
        "Keep support satisfaction in [channel] above [90]%",
        "keep support satisfaction in [channel]",
        "support_csat",
        &["[Support team]"],
        &[
            "reviewing every low rating within [3] days",
            "sharing the top [3] complaints with [product team] each month",
        ],
        "keep developers' trust while [the support team] takes on new work",
        Cadence::Quarterly,
        Some(Direction::KeepAbove),
    ),
];

/// Every template, in the order the picker shows them.
pub fn templates() -> Vec<Template> {
    ENTRIES.iter().map(to_template).collect()
}

pub fn template(key: &str) -> Option<Template> {
    ENTRIES.iter().find(|e| e.0 == key).map(to_template)
}

fn to_template(e: &Entry) -> Template {
    let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
    Template {
        key: e.0.into(),
        name: e.1.into(),
        hint: e.2.into(),
        title: e.3.into(),
        objective: e.4.into(),
        metric_key: e.5.into(),
        key_players: strings(e.6),
        steps: strings(e.7),
        result: e.8.into(),
        cadence: e.9,
        direction: e.10,
    }
}

#[cfg(test)]
mod tests {
    use super::super::catalog::catalog_metric;
    use super::super::text::placeholders;
    use super::*;

    #[test]
    fn every_template_uses_a_catalog_metric_and_leaves_visible_placeholders() {
        let all = templates();
        assert!(all.len() >= 4);
        for t in &all {
            assert!(catalog_metric(&t.metric_key).is_some(), "{}", t.key);
            assert!(
                !placeholders(&t.objective).is_empty(),
                "{} objective",
                t.key
            );
            assert!(!placeholders(&t.title).is_empty(), "{} title", t.key);
            assert!(
                !t.key_players.is_empty() && !t.steps.is_empty() && !t.result.is_empty(),
                "{}",
                t.key
            );
            assert!(all.iter().filter(|o| o.key == t.key).count() == 1);
        }
    }

    #[test]
    fn the_issue_s_community_templates_are_there() {
        for key in [
            "first_response",
            "active_contributors",
            "publish_tutorials",
            "event_attendance",
        ] {
            assert!(template(key).is_some(), "{key}");
        }
        assert_eq!(template("nope"), None);
    }

    #[test]
    fn unsourced_pace_figures_in_hints_are_labelled_rules_of_thumb() {
        for t in templates() {
            if t.hint.contains("a month") && t.hint.contains('%') {
                assert!(
                    t.hint.starts_with("Rule of thumb, not a sourced figure:"),
                    "{}: {}",
                    t.key,
                    t.hint
                );
            }
        }
        assert!(template("active_contributors").is_some_and(|t| t.hint.contains("3–6% a month")));
    }

    #[test]
    fn the_output_template_names_an_effect() {
        let t = template("publish_tutorials").unwrap();
        assert!(t.result.starts_with("help "));
    }
}
