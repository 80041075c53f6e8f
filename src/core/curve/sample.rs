//! The bundled sample curve: a developer community at four stages, every transition
//! covered by measured touch points — what a well-kept curve looks like.

use chrono::NaiveDate;

use super::ops::{add_problem_area, put_snapshot, Attachment};
use super::{
    Ask, Curve, DataPoint, Outcome, Stage, StageCount, TouchPoint, TouchPointKind, TouchPointStatus,
};
use crate::core::plan::Plan;

struct StageText {
    name: &'static str,
    who: &'static str,
    level: u8,
    now: u64,
    target: u64,
    asks: [(&'static str, u8); 3],
    desired: [&'static str; 2],
    observed: [&'static str; 2],
}

const STAGES: [StageText; 4] = [
    StageText {
        name: "Discover",
        who: "Developers who read the docs, blog or newsletter but have not joined the forum.",
        level: 10,
        now: 4200,
        target: 6000,
        asks: [
            ("Read a getting-started guide", 1),
            ("Star the SDK repository", 1),
            ("Subscribe to the developer newsletter", 2),
        ],
        desired: ["curious", "confident they can start"],
        observed: ["unsure where to ask", "overwhelmed by the docs"],
    },
    StageText {
        name: "Join",
        who: "Forum members who have introduced themselves, asked or answered a question.",
        level: 35,
        now: 380,
        target: 600,
        asks: [
            ("Introduce yourself in the forum", 3),
            ("Ask a question", 3),
            ("Answer someone's question", 4),
        ],
        desired: ["welcome", "helped"],
        observed: [
            "ignored when questions wait",
            "unsure their answer is good enough",
        ],
    },
    StageText {
        name: "Contribute",
        who: "Developers who share code samples, tutorials and docs fixes.",
        level: 65,
        now: 42,
        target: 80,
        asks: [
            ("Share a code sample", 5),
            ("Fix a docs issue", 6),
            ("Write a tutorial", 6),
        ],
        desired: ["recognised", "among peers"],
        observed: ["proud", "unsure what comes next"],
    },
    StageText {
        name: "Lead",
        who: "Champions who mentor newcomers, moderate and run meetups.",
        level: 90,
        now: 6,
        target: 12,
        asks: [
            ("Mentor a newcomer", 7),
            ("Moderate a forum category", 8),
            ("Host a local meetup", 9),
        ],
        desired: ["trusted", "influential"],
        observed: ["stretched thin", "valued"],
    },
];

/// Fills `plan.curve` with the sample (replacing what was there).
pub fn sample(plan: &mut Plan) {
    let by = NaiveDate::from_ymd_opt(2026, 6, 30);
    let stages: Vec<Stage> = STAGES
        .iter()
        .map(|t| Stage {
            id: plan.fresh_id("s").into(),
            name: t.name.into(),
            description: t.who.into(),
            commitment_level: t.level,
            members_now: t.now,
            target_members: t.target,
            target_date: by,
            asks: t
                .asks
                .iter()
                .map(|(text, effort)| Ask {
                    id: plan.fresh_id("a").into(),
                    text: (*text).into(),
                    effort: *effort,
                    extra: Default::default(),
                })
                .collect(),
            emotions_desired: t.desired.iter().map(|e| (*e).into()).collect(),
            emotions_observed: t.observed.iter().map(|e| (*e).into()).collect(),
            ..Stage::default()
        })
        .collect();
    let ids: Vec<String> = stages.iter().map(|s| s.id.to_string()).collect();
    plan.curve = Curve {
        stages,
        source: "The commitment curve — Douglas Atkin; Carrie Melissa Jones".into(),
        ..Curve::default()
    };
    let tp = touch_points(plan, &ids);
    plan.curve.touch_points = tp;
    add_problems(plan, &ids);
    add_snapshots(plan, &ids);
}

fn tp(
    plan: &mut Plan,
    (from, to): (&str, &str),
    name: &str,
    (kind, status, outcome): (TouchPointKind, TouchPointStatus, Outcome),
    (channel, owner): (&str, &str),
    (reward, follow_up): (&str, &str),
    (metric, source, current, target): (&str, &str, f64, f64),
) -> TouchPoint {
    TouchPoint {
        id: plan.fresh_id("t").into(),
        name: name.into(),
        from_stage_id: from.into(),
        to_stage_id: to.into(),
        kind,
        channel: channel.into(),
        owner: owner.into(),
        status,
        outcome,
        reward: reward.into(),
        follow_up: follow_up.into(),
        data_point: DataPoint {
            metric: metric.into(),
            data_source: source.into(),
            current_conversion_pct: Some(current),
            target_conversion_pct: Some(target),
            extra: Default::default(),
        },
        ..TouchPoint::default()
    }
}

fn touch_points(plan: &mut Plan, s: &[String]) -> Vec<TouchPoint> {
    use Outcome::*;
    use TouchPointKind::*;
    use TouchPointStatus::*;
    let (Some(s1), Some(s2), Some(s3), Some(s4)) = (s.first(), s.get(1), s.get(2), s.get(3)) else {
        return Vec::new();
    };
    vec![
        tp(
            plan,
            (s1, s2),
            "Welcome email series with forum invitation",
            (Onboarding, Existing, Acquisition),
            ("Email", "Community manager"),
            ("Newcomer badge", "Personal welcome reply within 24 hours"),
            (
                "Newsletter subscribers who post in the forum within 30 days (%)",
                "Email tool + forum analytics",
                9.0,
                10.0,
            ),
        ),
        tp(
            plan,
            (s1, s2),
            "Monthly live office hours",
            (Event, Existing, Support),
            ("Live stream", "DevRel engineer"),
            (
                "Question answered live",
                "Post the answer in the forum and tag the asker",
            ),
            (
                "Office-hours attendees who join the forum (%)",
                "Event registrations",
                12.0,
                20.0,
            ),
        ),
        tp(
            plan,
            (s2, s3),
            "Answer of the week",
            (Recognition, Existing, Engagement),
            ("Forum + newsletter", "Community manager"),
            (
                "Featured in the newsletter",
                "Invite to turn the answer into a code sample",
            ),
            (
                "Members who publish a sample or tutorial within 90 days (%)",
                "Forum + GitHub",
                11.0,
                13.0,
            ),
        ),
        tp(
            plan,
            (s3, s4),
            "Community champions program",
            (Incentive, Planned, Contribution),
            ("Application + private channel", "Head of DevRel"),
            (
                "Champion title, conference ticket, swag",
                "Quarterly 1:1 and a monthly champions' call",
            ),
            (
                "Contributors accepted as champions (%)",
                "Champions roster",
                14.0,
                15.0,
            ),
        ),
    ]
}

fn add_problems(plan: &mut Plan, s: &[String]) {
    if let Some(join) = s.get(1) {
        add_problem_area(
            plan,
            Attachment::Stage(join.clone()),
            "Questions wait three days for a first answer; newcomers leave before anyone replies.",
            "Answer rotation among DevRel engineers with a 24-hour first-response target; \
             unanswered questions listed in the weekly digest.",
        );
    }
    let champions = plan.curve.touch_points.last().map(|t| t.id.to_string());
    if let Some(t) = champions {
        add_problem_area(
            plan,
            Attachment::TouchPoint(t),
            "No visible path from contributor to leader: today's champions were hand-picked.",
            "Publish the criteria as CONTRIBUTOR_LADDER.md and open applications each quarter.",
        );
    }
}

fn add_snapshots(plan: &mut Plan, s: &[String]) {
    let history: [((i32, u32, u32), [u64; 4]); 3] = [
        ((2025, 1, 31), [3100, 260, 28, 4]),
        ((2025, 4, 30), [3600, 310, 34, 5]),
        ((2025, 7, 31), [4200, 380, 42, 6]),
    ];
    for ((y, m, d), counts) in history {
        let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
            continue;
        };
        let counts = s
            .iter()
            .zip(counts)
            .map(|(id, count)| StageCount {
                stage_id: id.clone().into(),
                count,
                extra: Default::default(),
            })
            .collect();
        put_snapshot(plan, date, counts);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::curve::analysis::{bottleneck, gap_table, Basis};
    use crate::core::curve::gravity::gravity_series;
    use crate::core::curve::warnings::warnings;

    fn sampled() -> Plan {
        let mut plan = Plan::new("p", "Sample");
        sample(&mut plan);
        plan
    }

    #[test]
    fn sample_is_a_four_stage_curve_with_no_warnings() {
        let plan = sampled();
        assert_eq!(plan.curve.stages.len(), 4);
        assert_eq!(warnings(&plan.curve), []);
    }

    #[test]
    fn sample_closes_every_gap_with_a_touch_point_except_the_entry_stage() {
        let rows = gap_table(&plan_curve());
        assert!(rows[1..]
            .iter()
            .all(|r| !r.flagged && r.gap.unwrap_or(0) > 0));
    }

    fn plan_curve() -> Curve {
        sampled().curve
    }

    #[test]
    fn sample_has_a_bottleneck_and_positive_gravity() {
        let c = plan_curve();
        assert_eq!(
            bottleneck(&c, Basis::Now).unwrap().from_stage_id,
            c.stages[0].id
        );
        let g = gravity_series(&c);
        assert_eq!(g.len(), 2);
        assert!(g.iter().all(|s| s.gravity.unwrap_or(0.0) > 0.0));
    }

    #[test]
    fn sample_ids_are_unique_and_every_reference_resolves() {
        let plan = sampled();
        let v = serde_json::to_value(&plan).unwrap();
        let mut ids = Vec::new();
        let mut refs = Vec::new();
        collect(&v, &mut ids, &mut refs);
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate ids");
        for r in refs {
            assert!(ids.contains(&r), "dangling reference {r}");
        }
    }

    fn collect(v: &serde_json::Value, ids: &mut Vec<String>, refs: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    match (k.as_str(), x.as_str()) {
                        ("id", Some(s)) => ids.push(s.to_string()),
                        (k, Some(s)) if k.ends_with("_id") => refs.push(s.to_string()),
                        _ => collect(x, ids, refs),
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, ids, refs)),
            _ => {}
        }
    }

    #[test]
    fn sample_survives_a_json_round_trip() {
        let plan = sampled();
        let text = serde_json::to_string(&plan).unwrap();
        let back: Plan = serde_json::from_str(&text).unwrap();
        assert_eq!(back, plan);
    }
}
