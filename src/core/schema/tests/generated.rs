//! Generated plans with records in every tool and references across them, read by both
//! import routes: sound ones as they are, and each with one thing broken.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::full_route;
use crate::core::career::{
    Ageing, Band, Behaviour, BehaviourRating, CitedGoal, CompRecord, Evidence, ExchangeRate,
    KeyArea, Level, ResearchEntry, SelfAssessment, Source, Statistic, Track,
};
use crate::core::curve::activity::{ActivityRules, CountedFrom, StageRule};
use crate::core::curve::flows::{Flows, StageFlow};
use crate::core::curve::{Ask, ProblemArea, Snapshot, Stage, StageCount, TouchPoint};
use crate::core::goals::periods::{
    Closing, GoalResult, Held, Outcome, Period, PeriodKind, Reading, Score,
};
use crate::core::goals::{CheckIn, Commitment, Goal, KeyPlayer, Milestone, Objective, Step};
use crate::core::ids::PeriodId;
use crate::core::plan::Plan;
use crate::core::schema::{export_plan, store_plan, PlanReader};
use crate::core::value::{Assumption, Driver, ValueModel};
use chrono::NaiveDate;

/// Choices drawn in turn, so one list of numbers shapes a whole plan.
struct Draw {
    numbers: Vec<u32>,
    next: usize,
    ids: u64,
}

impl Draw {
    fn below(&mut self, n: usize) -> usize {
        let number = self.numbers[self.next % self.numbers.len()];
        self.next += 1;
        number as usize % n.max(1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A fresh id, like the ones `Plan::fresh_id` makes.
    fn id<T: From<String>>(&mut self, prefix: &str) -> T {
        self.ids += 1;
        format!("{prefix}{}", self.ids).into()
    }

    /// One of `ids`, or none.
    fn pick<T: Clone>(&mut self, ids: &[T]) -> Option<T> {
        if ids.is_empty() || self.chance(20) {
            return None;
        }
        Some(ids[self.below(ids.len())].clone())
    }
}

/// A value model now and then, with figures, a source and a date on some assumptions.
fn value_model(draw: &mut Draw, driver: Driver) -> Option<ValueModel> {
    if !draw.chance(30) {
        return None;
    }
    let assumptions = (0..draw.below(3))
        .map(|i| Assumption {
            label: format!("Unit value {i}"),
            unit: if draw.chance(30) { "%" } else { "USD" }.into(),
            low: draw.chance(80).then(|| draw.below(10) as f64),
            expected: Some(10.0 + draw.below(10) as f64),
            high: Some(20.5),
            middle_is_mean: draw.chance(20),
            source: "Budget".into(),
            date: NaiveDate::from_ymd_opt(2026, 1, 1 + draw.below(28) as u32),
            extra: Default::default(),
        })
        .collect();
    Some(ValueModel {
        driver,
        assumptions,
        unit: "USD".into(),
        example: draw.chance(50).then(|| "support-deflection".into()),
        extra: Default::default(),
    })
}

pub(super) fn build(numbers: Vec<u32>) -> Plan {
    let mut draw = Draw {
        numbers,
        next: 0,
        ids: 0,
    };
    let mut plan = Plan::new("plan-a", "Generated");
    // Curve first: goals refer to its stages and touch points.
    for _ in 0..1 + draw.below(4) {
        let mut stage = Stage {
            id: draw.id("s"),
            name: "Stage".into(),
            ..Stage::default()
        };
        for _ in 0..draw.below(3) {
            stage.asks.push(Ask {
                id: draw.id("a"),
                ..Ask::default()
            });
        }
        plan.curve.stages.push(stage);
    }
    let stages: Vec<_> = plan.curve.stages.iter().map(|s| s.id.clone()).collect();
    for _ in 0..draw.below(4) {
        let from = draw.pick(&stages).unwrap_or_else(|| stages[0].clone());
        let to = draw.pick(&stages).unwrap_or_else(|| stages[0].clone());
        plan.curve.touch_points.push(TouchPoint {
            id: draw.id("t"),
            from_stage_id: from,
            to_stage_id: to,
            value: value_model(&mut draw, Driver::MovedNow),
            ..TouchPoint::default()
        });
    }
    let touch_points: Vec<_> = plan
        .curve
        .touch_points
        .iter()
        .map(|t| t.id.clone())
        .collect();
    for _ in 0..draw.below(3) {
        let on_stage = draw.chance(50);
        plan.curve.problem_areas.push(ProblemArea {
            id: draw.id("pa"),
            stage_id: if on_stage { draw.pick(&stages) } else { None },
            touch_point_id: if on_stage {
                None
            } else {
                draw.pick(&touch_points)
            },
            ..ProblemArea::default()
        });
    }
    for _ in 0..draw.below(3) {
        let counts = stages
            .iter()
            .map(|s| StageCount {
                stage_id: s.clone(),
                count: draw.below(500) as u64,
                extra: Default::default(),
            })
            .collect();
        let flows = draw.chance(50).then(|| Flows {
            since: NaiveDate::default(),
            stages: stages
                .iter()
                .map(|s| StageFlow {
                    stage_id: s.clone(),
                    moved_in: draw.below(50) as u64,
                    ..StageFlow::default()
                })
                .collect(),
            extra: Default::default(),
        });
        plan.curve.snapshots.push(Snapshot {
            id: draw.id("n"),
            counts,
            flows,
            ..Snapshot::default()
        });
    }

    for _ in 0..draw.below(3) {
        plan.goals.objectives.push(Objective {
            id: draw.id("o"),
            title: "Objective".into(),
            ..Objective::default()
        });
    }
    let objectives: Vec<_> = plan.goals.objectives.iter().map(|o| o.id.clone()).collect();
    for _ in 0..1 + draw.below(4) {
        let mut goal = Goal {
            id: draw.id("g"),
            objective_id: draw.pick(&objectives),
            stage_id: draw.pick(&stages),
            touch_point_id: draw.pick(&touch_points),
            value: value_model(&mut draw, Driver::GainToTarget),
            commitment: draw.chance(30).then(Commitment::default),
            ..Goal::default()
        };
        for _ in 0..draw.below(3) {
            goal.key_players.push(KeyPlayer {
                id: draw.id("k"),
                name: "Ana".into(),
                owner: false,
                extra: Default::default(),
            });
        }
        let players: Vec<_> = goal.key_players.iter().map(|p| p.id.clone()).collect();
        for _ in 0..draw.below(3) {
            goal.steps.push(Step {
                id: draw.id("st"),
                owner_id: draw.pick(&players),
                ..Step::default()
            });
        }
        for _ in 0..draw.below(3) {
            goal.milestones.push(Milestone {
                id: draw.id("m"),
                value: draw.below(100) as f64,
                ..Milestone::default()
            });
        }
        for _ in 0..draw.below(3) {
            goal.check_ins.push(CheckIn {
                id: draw.id("c"),
                value: draw.below(100) as f64,
                ..CheckIn::default()
            });
        }
        plan.goals.goals.push(goal);
    }
    let goals: Vec<_> = plan.goals.goals.iter().map(|g| g.id.clone()).collect();
    if draw.chance(50) {
        close_a_period(&mut draw, &mut plan);
    }
    let periods: Vec<_> = plan.goals.periods.iter().map(|p| p.id.clone()).collect();

    for _ in 0..1 + draw.below(2) {
        let mut track = Track {
            id: draw.id("tr"),
            name: "Track".into(),
            ..Track::default()
        };
        for rank in 0..1 + draw.below(3) {
            let band = draw.chance(50).then(|| Band {
                currency: "USD".into(),
                mid: Some(1_000_000),
                source: Source {
                    link: "https://example.org/pay".into(),
                    ..Source::default()
                },
                statistic: draw.chance(50).then_some(Statistic::Percentile(50)),
                ..Band::default()
            });
            let research = (0..draw.below(2))
                .map(|_| ResearchEntry {
                    id: draw.id("f"),
                    ..ResearchEntry::default()
                })
                .collect();
            track.levels.push(Level {
                id: draw.id("l"),
                rank: rank as u32,
                band,
                research,
                ..Level::default()
            });
        }
        let levels: Vec<_> = track.levels.iter().map(|l| l.id.clone()).collect();
        for _ in 0..draw.below(3) {
            let mut area = KeyArea {
                id: draw.id("ka"),
                ..KeyArea::default()
            };
            for _ in 0..draw.below(3) {
                let level_id = draw.pick(&levels).unwrap_or_else(|| levels[0].clone());
                area.behaviours.push(Behaviour {
                    id: draw.id("b"),
                    level_id,
                    text: "Does".into(),
                    extra: Default::default(),
                });
            }
            track.key_areas.push(area);
        }
        plan.career.tracks.push(track);
    }
    let tracks: Vec<_> = plan.career.tracks.iter().map(|t| t.id.clone()).collect();
    let levels: Vec<_> = plan
        .career
        .tracks
        .iter()
        .flat_map(|t| t.levels.iter().map(|l| l.id.clone()))
        .collect();
    let behaviours: Vec<_> = plan
        .career
        .tracks
        .iter()
        .flat_map(|t| &t.key_areas)
        .flat_map(|a| a.behaviours.iter().map(|b| b.id.clone()))
        .collect();
    for _ in 0..draw.below(3) {
        plan.career.comp_records.push(CompRecord {
            id: draw.id("r"),
            track_id: draw.pick(&tracks),
            level_id: draw.pick(&levels),
            currency: "USD".into(),
            ..CompRecord::default()
        });
    }
    for _ in 0..draw.below(3) {
        let target = draw.pick(&levels).unwrap_or_else(|| levels[0].clone());
        let mut assessment = SelfAssessment {
            id: draw.id("sa"),
            target_level_id: target,
            ..SelfAssessment::default()
        };
        for _ in 0..draw.below(3) {
            if let Some(behaviour_id) = draw.pick(&behaviours) {
                assessment.ratings.push(BehaviourRating {
                    behaviour_id,
                    ..BehaviourRating::default()
                });
            }
        }
        for _ in 0..draw.below(3) {
            let cited = (0..draw.below(3))
                .filter_map(|_| draw.pick(&behaviours))
                .collect();
            assessment.evidence.push(Evidence {
                id: draw.id("e"),
                text: "Ran the summit".into(),
                goal_id: draw.pick(&goals),
                period_id: draw.pick(&periods),
                behaviour_ids: cited,
                link: if draw.chance(50) {
                    "https://example.org/summit".into()
                } else {
                    String::new()
                },
                cited_goal: draw.chance(30).then(|| CitedGoal {
                    plan: "other-plan".into(),
                    goal: "g1".into(),
                    ..CitedGoal::default()
                }),
                ..Evidence::default()
            });
        }
        plan.career.self_assessments.push(assessment);
    }
    for _ in 0..draw.below(2) {
        plan.career.exchange_rates.push(ExchangeRate {
            id: draw.id("x"),
            from: "EUR".into(),
            to: "USD".into(),
            rate: 1.1,
            ..ExchangeRate::default()
        });
    }
    if draw.chance(50) {
        plan.career.ageing = Ageing {
            annual_rate_percent: Some(3.5),
            source: "Consumer price index".into(),
            ..Ageing::default()
        };
    }
    plan.career.proposed_level_id = draw.pick(&levels);
    plan.career.count_anyway_level_ids = (0..draw.below(3))
        .filter_map(|_| draw.pick(&levels))
        .collect();
    if draw.chance(50) {
        plan.base = Some(crate::core::plan::Base {
            revision: draw.below(9) as u64,
            fingerprint: format!("{:016x}", draw.below(1 << 20)),
            extra: Default::default(),
        });
    }
    // Drawn last, so the plans drawn before issue 33 stay as they were.
    let stages: Vec<_> = plan.curve.stages.iter().map(|s| s.id.clone()).collect();
    if draw.chance(60) {
        plan.curve.activity_rules = Some(ActivityRules {
            stages: stages
                .iter()
                .map(|s| StageRule {
                    stage_id: s.clone(),
                    min_activities: 1 + draw.below(9) as u32,
                    types: vec!["post".into()],
                    ..StageRule::default()
                })
                .collect(),
            ..ActivityRules::default()
        });
    }
    for snapshot in &mut plan.curve.snapshots {
        if draw.chance(50) {
            snapshot.counted_from = Some(CountedFrom {
                file_name: "activity.csv".into(),
                rows: draw.below(1000) as u64,
                rules: vec!["Core: at least 5 activities of any type in the last 30 days.".into()],
                ..CountedFrom::default()
            });
        }
    }
    plan.next_id = draw.ids;
    plan
}

/// A closed quarter in which the first goal was finished (and the others carried forward),
/// and maybe the open quarter after it.
fn close_a_period(draw: &mut Draw, plan: &mut Plan) {
    let date = |m| chrono::NaiveDate::from_ymd_opt(2026, m, 1).unwrap_or_default();
    let id: PeriodId = draw.id("p");
    let results = plan
        .goals
        .goals
        .iter()
        .enumerate()
        .map(|(n, g)| GoalResult {
            goal: g.id.clone(),
            title: "Goal".into(),
            computed: Score::Scored(draw.below(101) as f64),
            latest: draw.chance(50).then(|| Reading {
                date: date(3),
                value: draw.below(100) as f64,
                ..Reading::default()
            }),
            outcome: if n == 0 {
                Outcome::Finished
            } else {
                Outcome::CarriedForward
            },
            held: draw.chance(50).then(|| Held {
                held: draw.below(4) as u32,
                of: 4,
                ..Held::default()
            }),
            ..GoalResult::default()
        })
        .collect();
    if let Some(first) = plan.goals.goals.first_mut() {
        first.period_id = Some(id.clone());
    }
    plan.goals.periods.push(Period {
        id,
        name: "Q1 2026".into(),
        kind: PeriodKind::Quarter,
        start: date(1),
        end: date(3),
        closing: Some(Closing {
            closed_on: date(4),
            what_worked: "Office hours".into(),
            results,
            ..Closing::default()
        }),
        extra: Default::default(),
    });
    if draw.chance(50) {
        plan.goals.periods.push(Period {
            id: draw.id("p"),
            name: "Q2 2026".into(),
            start: date(4),
            end: date(6),
            ..Period::default()
        });
    }
}

pub(crate) fn plan() -> impl Strategy<Value = Plan> {
    prop::collection::vec(any::<u32>(), 1..96).prop_map(build)
}

/// Where a plan document holds ids, references and links, as JSON pointers.
#[derive(Default)]
struct Places {
    ids: Vec<String>,
    references: Vec<String>,
    links: Vec<String>,
}

fn places(value: &Value, pointer: &str, found: &mut Places) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let here = format!("{pointer}/{key}");
                match child {
                    Value::String(_) if key == "id" && !pointer.is_empty() => {
                        found.ids.push(here.clone())
                    }
                    // A stage rule's stage may be gone: an older build that keeps the rules as
                    // unknown fields can delete the stage, so a rule without its stage is
                    // ignored, never refused (`ActivityRules::stages`).
                    Value::String(_) if pointer.starts_with("/curve/activity_rules/") => {}
                    Value::String(_) if key.ends_with("_id") => found.references.push(here.clone()),
                    Value::String(_) if key == "link" => found.links.push(here.clone()),
                    Value::Array(items) if key.ends_with("_ids") => {
                        (0..items.len()).for_each(|n| found.references.push(format!("{here}/{n}")))
                    }
                    _ => {}
                }
                places(child, &here, found);
            }
        }
        Value::Array(items) => {
            for (n, item) in items.iter().enumerate() {
                places(item, &format!("{pointer}/{n}"), found);
            }
        }
        _ => {}
    }
}

/// One thing broken in a plan document; `refused` says whether the plan must then be refused.
fn mutate(doc: &mut Value, how: usize, which: usize, other: usize) -> bool {
    let mut found = Places::default();
    places(doc, "", &mut found);
    let pick = |list: &[String], n: usize| (!list.is_empty()).then(|| list[n % list.len()].clone());
    let id_at = |doc: &Value, pointer: &str| doc.pointer(pointer).cloned().unwrap_or(Value::Null);
    let set = |doc: &mut Value, pointer: &str, value: Value| {
        if let Some(slot) = doc.pointer_mut(pointer) {
            *slot = value;
        }
    };
    match how % 8 {
        // A reference to another record, maybe of the wrong kind.
        0 => match (pick(&found.references, which), pick(&found.ids, other)) {
            (Some(reference), Some(id)) => {
                let id = id_at(doc, &id);
                set(doc, &reference, id);
                false
            }
            _ => false,
        },
        // A reference to nothing.
        1 => pick(&found.references, which).is_some_and(|reference| {
            set(doc, &reference, json!("nowhere9"));
            true
        }),
        // An id used twice.
        2 => match (pick(&found.ids, which), pick(&found.ids, other)) {
            (Some(a), Some(b)) if a != b => {
                let id = id_at(doc, &b);
                set(doc, &a, id);
                true
            }
            _ => false,
        },
        // An empty id, or the plan's own.
        3 => pick(&found.ids, which).is_some_and(|id| {
            set(
                doc,
                &id,
                json!(if other.is_multiple_of(2) {
                    ""
                } else {
                    "plan-a"
                }),
            );
            true
        }),
        // An unsafe link.
        4 => pick(&found.links, which).is_some_and(|link| {
            set(doc, &link, json!("javascript:alert(1)"));
            true
        }),
        // A reference or an id of the wrong type.
        5 => pick(&found.references, which)
            .or_else(|| pick(&found.ids, which))
            .is_some_and(|at| {
                set(doc, &at, json!(7));
                true
            }),
        // A field this build does not know, naming nothing: kept, not judged.
        6 => {
            if let Some(goals) = doc.pointer_mut("/goals").and_then(Value::as_object_mut) {
                goals.insert("later".into(), json!({"owner_id": "nobody", "id": "x9"}));
            }
            false
        }
        // A record without its id.
        _ => pick(&found.ids, which).is_some_and(|id| {
            let (parent, _) = id.rsplit_once('/').unwrap_or(("", ""));
            if let Some(record) = doc.pointer_mut(parent).and_then(Value::as_object_mut) {
                record.shift_remove("id");
            }
            true
        }),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_generated_plan_reads_back_the_same_on_both_routes(plan in plan()) {
        prop_assert!(!plan.goals.goals.is_empty() && !plan.curve.stages.is_empty());
        prop_assert!(!plan.career.tracks.is_empty());
        let text = export_plan(&plan);
        prop_assert_eq!(PlanReader::linked().import(&text), Ok(plan.clone()));
        prop_assert_eq!(full_route(&text), Ok(plan.clone()));
        prop_assert_eq!(super::PlanReader::linked().read_stored(&store_plan(&plan)), Ok(plan));
    }

    #[test]
    fn a_broken_plan_gets_the_same_answer_from_both_routes(
        plan in plan(),
        how in 0usize..8,
        which in any::<usize>(),
        other in any::<usize>(),
    ) {
        let mut doc: Value = serde_json::from_str(&export_plan(&plan)).unwrap();
        let refused = mutate(&mut doc, how, which, other);
        let text = doc.to_string();
        let direct = PlanReader::linked().import(&text);
        prop_assert_eq!(&direct, &full_route(&text));
        if refused {
            prop_assert!(direct.is_err(), "{text}");
        }
    }

    #[test]
    fn a_field_of_the_wrong_type_is_named_by_its_path(plan in plan(), which in any::<usize>()) {
        let mut doc: Value = serde_json::from_str(&export_plan(&plan)).unwrap();
        let mut leaves = Vec::new();
        leaf_pointers(&doc, "", &mut leaves);
        let pointer = &leaves[which % leaves.len()];
        let slot = doc.pointer_mut(pointer).unwrap();
        // No field takes a list where it holds a scalar, nor text where it holds a number.
        *slot = if slot.is_string() { json!([1]) } else { json!("ten") };
        let path: String = pointer
            .split('/')
            .skip(1)
            .enumerate()
            .map(|(n, step)| match step.parse::<usize>() {
                Ok(index) => format!("[{index}]"),
                Err(_) if n == 0 => step.to_string(),
                Err(_) => format!(".{step}"),
            })
            .collect();
        let message = PlanReader::linked().import(&doc.to_string()).unwrap_err().to_string();
        prop_assert!(message.starts_with(&format!("`{path}`")), "{} for {}", message, path);
    }
}

/// Every text, number and true/false in a document, as JSON pointers.
fn leaf_pointers(value: &Value, pointer: &str, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => map
            .iter()
            .for_each(|(key, child)| leaf_pointers(child, &format!("{pointer}/{key}"), found)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(n, item)| leaf_pointers(item, &format!("{pointer}/{n}"), found)),
        Value::Null => {}
        _ if pointer == "/format" || pointer == "/version" => {}
        _ => found.push(pointer.to_string()),
    }
}

// --- fields of a newer Trellis, in every record ---

/// Where each record type sits in a plan document (list positions as `[]`). The generated
/// plans hold every one (`the_generated_plans_hold_every_record_type`), and `record_types`
/// holds this list to the types in the source.
pub(super) const RECORD_PLACES: &[(&str, &str)] = &[
    ("Plan", ""),
    ("Base", "/base"),
    ("GoalBook", "/goals"),
    ("Objective", "/goals/objectives[]"),
    ("Goal", "/goals/goals[]"),
    ("Metric", "/goals/goals[]/metric"),
    ("KeyPlayer", "/goals/goals[]/key_players[]"),
    ("Step", "/goals/goals[]/steps[]"),
    ("Milestone", "/goals/goals[]/milestones[]"),
    ("CheckIn", "/goals/goals[]/check_ins[]"),
    ("Commitment", "/goals/goals[]/commitment"),
    ("ValueModel", "/goals/goals[]/value"),
    ("Assumption", "/goals/goals[]/value/assumptions[]"),
    ("Period", "/goals/periods[]"),
    ("Closing", "/goals/periods[]/closing"),
    ("GoalResult", "/goals/periods[]/closing/results[]"),
    ("Reading", "/goals/periods[]/closing/results[]/latest"),
    ("Held", "/goals/periods[]/closing/results[]/held"),
    ("Curve", "/curve"),
    ("Stage", "/curve/stages[]"),
    ("Ask", "/curve/stages[]/asks[]"),
    ("TouchPoint", "/curve/touch_points[]"),
    ("DataPoint", "/curve/touch_points[]/data_point"),
    ("ProblemArea", "/curve/problem_areas[]"),
    ("Snapshot", "/curve/snapshots[]"),
    ("StageCount", "/curve/snapshots[]/counts[]"),
    ("Flows", "/curve/snapshots[]/flows"),
    ("StageFlow", "/curve/snapshots[]/flows/stages[]"),
    ("CountedFrom", "/curve/snapshots[]/counted_from"),
    ("ActivityRules", "/curve/activity_rules"),
    ("StageRule", "/curve/activity_rules/stages[]"),
    ("Career", "/career"),
    ("Ageing", "/career/ageing"),
    ("Track", "/career/tracks[]"),
    ("Level", "/career/tracks[]/levels[]"),
    ("YearsRange", "/career/tracks[]/levels[]/typical_years"),
    ("Band", "/career/tracks[]/levels[]/band"),
    ("Source", "/career/tracks[]/levels[]/band/source"),
    ("Percentiles", "/career/tracks[]/levels[]/band/percentiles"),
    ("ResearchEntry", "/career/tracks[]/levels[]/research[]"),
    ("KeyArea", "/career/tracks[]/key_areas[]"),
    ("Behaviour", "/career/tracks[]/key_areas[]/behaviours[]"),
    ("CompRecord", "/career/comp_records[]"),
    ("ExchangeRate", "/career/exchange_rates[]"),
    ("SelfAssessment", "/career/self_assessments[]"),
    ("BehaviourRating", "/career/self_assessments[]/ratings[]"),
    ("Evidence", "/career/self_assessments[]/evidence[]"),
    (
        "CitedGoal",
        "/career/self_assessments[]/evidence[]/cited_goal",
    ),
];

/// Fields whose value is an object that is not a record: an enum's variant with its data
/// (`{"percentile": 50}`, `{"scored": 75}`), where one key names the variant.
const VARIANT_FIELDS: &[&str] = &["statistic", "computed"];

/// The key a newer Trellis is imagined to have added to every record.
const NEWER_KEY: &str = "from_a_newer_trellis";

/// Puts [`NEWER_KEY`] into every record object of `value`, children first (so nothing is
/// planted into a planted value), each with a value of its own, some holding ids and links
/// as a newer build's records would. Returns the pointer of each object planted into, with
/// its value.
fn plant(value: &mut Value, pointer: &str, planted: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if !VARIANT_FIELDS.contains(&key.as_str()) {
                    plant(child, &format!("{pointer}/{key}"), planted);
                }
            }
            let n = planted.len();
            let newer = match n % 6 {
                0 => {
                    json!({"id": format!("zz{n}"), "note": "later", "link": "https://example.org/later"})
                }
                1 => json!(n),
                2 => json!(format!("later {n}")),
                3 => json!([n, {"deep": [n]}]),
                4 => json!(null),
                _ => json!(true),
            };
            map.insert(NEWER_KEY.into(), newer.clone());
            planted.push((pointer.to_string(), newer));
        }
        Value::Array(items) => {
            for (n, item) in items.iter_mut().enumerate() {
                plant(item, &format!("{pointer}/{n}"), planted);
            }
        }
        _ => {}
    }
}

/// Every planted key, at its place in `text` with its value; the first one missing otherwise.
fn missing_key(text: &str, planted: &[(String, Value)]) -> Option<String> {
    let doc: Value = serde_json::from_str(text).ok()?;
    planted
        .iter()
        .find(|(pointer, value)| {
            doc.pointer(pointer)
                .and_then(|object| object.get(NEWER_KEY))
                != Some(value)
        })
        .map(|(pointer, _)| format!("{NEWER_KEY} lost at {pointer:?}"))
}

/// `pointer` with its list positions as `[]`: "/goals/goals/3/steps/0" -> "/goals/goals[]/steps[]".
pub(super) fn place_of(pointer: &str) -> String {
    pointer
        .split('/')
        .skip(1)
        .map(|step| {
            if step.parse::<usize>().is_ok() {
                "[]".to_string()
            } else {
                format!("/{step}")
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_field_of_a_newer_trellis_in_every_record_is_kept_by_a_read_and_a_save(plan in plan()) {
        let mut doc: Value = serde_json::from_str(&export_plan(&plan)).unwrap();
        let mut planted = Vec::new();
        plant(&mut doc, "", &mut planted);
        let text = doc.to_string();
        // Both routes read it, the direct one included (the usual one for a sound plan).
        prop_assert!(super::direct::read(&text).is_some());
        let read = PlanReader::linked().import(&text);
        prop_assert_eq!(&read, &full_route(&text));
        prop_assert_eq!(&read, &PlanReader::linked().read_stored(&text));
        let read = read.unwrap();
        for saved in [store_plan(&read), export_plan(&read)] {
            prop_assert_eq!(missing_key(&saved, &planted), None);
            prop_assert_eq!(PlanReader::linked().read_stored(&saved), Ok(read.clone()));
        }
    }
}

#[test]
fn the_generated_plans_hold_every_record_type() {
    let mut places = std::collections::BTreeSet::new();
    for seed in 0..64u32 {
        let numbers = (0..96u32)
            .map(|i| {
                i.wrapping_mul(2_654_435_761)
                    .wrapping_add(seed.wrapping_mul(97))
            })
            .collect();
        let mut doc: Value = serde_json::from_str(&export_plan(&build(numbers))).unwrap();
        let mut planted = Vec::new();
        plant(&mut doc, "", &mut planted);
        places.extend(planted.iter().map(|(pointer, _)| place_of(pointer)));
    }
    let expected: std::collections::BTreeSet<String> = RECORD_PLACES
        .iter()
        .map(|(_, place)| place.to_string())
        .collect();
    let missing: Vec<_> = expected.difference(&places).collect();
    assert!(missing.is_empty(), "never generated: {missing:?}");
    // Value models of touch points and bands of research entries are the same types again.
    let unlisted: Vec<_> = places
        .difference(&expected)
        .filter(|place| !place.contains("/value") && !place.contains("/research[]/band"))
        .collect();
    assert!(
        unlisted.is_empty(),
        "objects of no listed record type: {unlisted:?}"
    );
}

#[test]
fn an_older_tab_that_edits_a_plan_keeps_what_a_newer_trellis_added() {
    use crate::core::career::{edit, Rating};
    use crate::core::curve::ops as curve_ops;
    use crate::core::goals;

    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let sample = crate::core::sample::sample_plan("p1", today);
    let mut doc: Value = serde_json::from_str(&export_plan(&sample)).unwrap();
    let mut planted = Vec::new();
    plant(&mut doc, "", &mut planted);
    let mut plan = PlanReader::linked().import(&doc.to_string()).unwrap();

    // Edits of each kind of record, none of which moves or removes one.
    plan.name = "Renamed in an old tab".into();
    plan.curve.stages[0].name = "Lurkers".into();
    let goal = plan.goals.goals[0].id.to_string();
    goals::set_cadence(&mut plan.goals, &goal, goals::Cadence::Weekly).unwrap();
    goals::mark_reviewed(&mut plan.goals, &goal, today).unwrap();
    if let Some(step) = plan.goals.goals[0].steps.first().map(|s| s.id.to_string()) {
        goals::set_step_done(&mut plan.goals, &goal, &step, true).unwrap();
    }
    let with_milestone = plan
        .goals
        .goals
        .iter()
        .find(|g| !g.milestones.is_empty())
        .unwrap();
    let (goal, milestone) = (
        with_milestone.id.to_string(),
        with_milestone.milestones[0].id.to_string(),
    );
    goals::edit_milestone(&mut plan.goals, &goal, &milestone, None, Some(7.0), None).unwrap();
    let ask = plan
        .curve
        .stages
        .iter()
        .flat_map(|s| &s.asks)
        .next()
        .unwrap()
        .id
        .to_string();
    curve_ops::set_ask_effort(&mut plan.curve, &ask, 3.0).unwrap();
    let assessment = &plan.career.self_assessments[0];
    let (assessment, rating) = (
        assessment.id.to_string(),
        assessment.ratings[0].behaviour_id.to_string(),
    );
    edit::rate_behaviour(&mut plan.career, &assessment, &rating, Rating::Exceeding).unwrap();
    let level = plan
        .career
        .tracks
        .iter()
        .flat_map(|t| &t.levels)
        .find(|l| l.band.is_some())
        .unwrap()
        .id
        .to_string();
    edit::set_band_link(&mut plan.career, &level, "https://example.org/band").unwrap();

    assert_eq!(missing_key(&store_plan(&plan), &planted), None);
}
