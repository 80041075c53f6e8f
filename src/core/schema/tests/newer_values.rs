//! A value of a plan's enum that this build does not know (a newer Trellis added it) is read,
//! kept and written back as it was, for every enum of the plan (`core::newer`); and it is
//! never taken for a value this build knows.

use serde_json::{json, Value};

use super::full_route;
use super::generated::{build, place_of};
use crate::core::newer::{FromNewer, LABEL};
use crate::core::schema::{direct, export_plan, store_plan, PlanReader};

/// Every field of a plan that holds an enum: the enum, the place of its record (as
/// `generated::RECORD_PLACES` writes places) and the field. `record_types` fails when an enum
/// that keeps unknown values is missing here.
pub(super) const ENUM_FIELDS: &[(&str, &str, &str)] = &[
    ("Part", "", "left_out"),
    ("Scope", "/goals/objectives[]", "scope"),
    ("GoalStatus", "/goals/goals[]", "status"),
    ("Cadence", "/goals/goals[]", "cadence"),
    ("Growth", "/goals/goals[]", "growth"),
    ("Scope", "/goals/goals[]", "scope"),
    ("Ambition", "/goals/goals[]", "ambition"),
    ("Direction", "/goals/goals[]/metric", "direction"),
    ("Totalling", "/goals/goals[]/metric", "totalling"),
    ("Window", "/goals/goals[]/metric", "window"),
    ("Driver", "/goals/goals[]/value", "driver"),
    ("PeriodKind", "/goals/periods[]", "kind"),
    (
        "Direction",
        "/goals/periods[]/closing/results[]",
        "direction",
    ),
    ("Score", "/goals/periods[]/closing/results[]", "computed"),
    (
        "NotScored",
        "/goals/periods[]/closing/results[]",
        "computed",
    ),
    ("Outcome", "/goals/periods[]/closing/results[]", "outcome"),
    (
        "GoalStatus",
        "/goals/periods[]/closing/results[]",
        "status_before",
    ),
    ("Ambition", "/goals/periods[]/closing/results[]", "ambition"),
    ("TouchPointKind", "/curve/touch_points[]", "kind"),
    ("TouchPointStatus", "/curve/touch_points[]", "status"),
    ("Outcome", "/curve/touch_points[]", "outcome"),
    ("Scope", "/curve/touch_points[]", "scope"),
    ("Family", "/career/tracks[]", "family"),
    ("TrackKind", "/career/tracks[]", "kind"),
    ("Scope", "/career/tracks[]/levels[]", "scope"),
    ("PayBasis", "/career/tracks[]/levels[]/band", "basis"),
    ("Statistic", "/career/tracks[]/levels[]/band", "statistic"),
    ("Population", "/career/tracks[]/levels[]/band", "population"),
    (
        "SourceKind",
        "/career/tracks[]/levels[]/band/source",
        "kind",
    ),
    ("CompKind", "/career/comp_records[]", "kind"),
    ("Rating", "/career/self_assessments[]/ratings[]", "rating"),
    (
        "GoalStatus",
        "/career/self_assessments[]/evidence[]/cited_goal",
        "status",
    ),
];

/// The value a newer Trellis is imagined to have written: text for a plain value, an object of
/// one key for a value with data of its own (both shapes newer builds can write).
fn newer_value(n: usize) -> Value {
    if n.is_multiple_of(2) {
        json!(format!("from_trellis_{n}"))
    } else {
        json!({ format!("from_trellis_{n}"): {"share": n, "note": "é\n\"quoted\""} })
    }
}

/// The value of `field` of `enum_name` that holds `newer` (an unknown `NotScored` is the reason
/// inside a known `Score`; an unknown `Part` is one in the list of parts left out).
fn holding(enum_name: &str, newer: Value) -> Value {
    match enum_name {
        "NotScored" => json!({ "not_scored": newer }),
        "Part" => json!(["goals", newer]),
        _ => newer,
    }
}

/// Puts a newer value into every field of `enum_name` at `place` in `doc`: the pointers of the
/// fields with their values.
fn plant(
    doc: &mut Value,
    pointer: &str,
    field: (&str, &str, &str),
    n: &mut usize,
) -> Vec<(String, Value)> {
    let mut planted = Vec::new();
    let (enum_name, place, key) = field;
    match doc {
        Value::Object(map) => {
            for (child_key, child) in map.iter_mut() {
                planted.extend(plant(child, &format!("{pointer}/{child_key}"), field, n));
            }
            if place_of(pointer) == place {
                *n += 1;
                let value = holding(enum_name, newer_value(*n));
                map.insert(key.to_string(), value.clone());
                planted.push((format!("{pointer}/{key}"), value));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                planted.extend(plant(item, &format!("{pointer}/{i}"), field, n));
            }
        }
        _ => {}
    }
    planted
}

fn generated(seed: u32) -> Value {
    let numbers = (0..96u32)
        .map(|i| {
            i.wrapping_mul(2_654_435_761)
                .wrapping_add(seed.wrapping_mul(97))
        })
        .collect();
    serde_json::from_str(&export_plan(&build(numbers))).unwrap()
}

#[test]
fn an_unknown_value_of_every_enum_is_kept_by_a_read_and_a_save() {
    for &field in ENUM_FIELDS {
        let mut planted_somewhere = false;
        for seed in 0..16u32 {
            let mut doc = generated(seed);
            let mut n = seed as usize;
            let planted = plant(&mut doc, "", field, &mut n);
            if planted.is_empty() {
                continue;
            }
            planted_somewhere = true;
            let text = doc.to_string();
            // Every route reads it: the direct one (the usual one for a sound plan), the full
            // one, and storage's.
            assert!(
                direct::read(&text).is_some(),
                "{field:?}: the direct route refused it"
            );
            let read = PlanReader::linked().import(&text);
            assert_eq!(read, full_route(&text), "{field:?}");
            assert_eq!(read, PlanReader::linked().read_stored(&text), "{field:?}");
            let plan = read.unwrap_or_else(|err| panic!("{field:?}: {err}"));
            // Saved and exported, each value is where it was, as it was.
            let stored = store_plan(&plan);
            for saved in [stored.clone(), export_plan(&plan)] {
                let saved: Value = serde_json::from_str(&saved).unwrap();
                for (pointer, value) in &planted {
                    assert_eq!(
                        saved.pointer(pointer),
                        Some(value),
                        "{field:?} at {pointer}"
                    );
                }
            }
            // Byte for byte: what a save wrote is read and saved again unchanged.
            let again = PlanReader::linked().read_stored(&stored).unwrap();
            assert_eq!(store_plan(&again), stored, "{field:?}");
            assert_eq!(again, plan, "{field:?}");
        }
        assert!(planted_somewhere, "no generated plan holds {field:?}");
    }
}

#[test]
fn a_stored_plan_with_newer_values_is_written_back_byte_for_byte() {
    // A plan as a newer build would store it, with a newer value in every enum field at once.
    let mut doc = generated(3);
    let mut n = 0;
    let mut planted = Vec::new();
    for &field in ENUM_FIELDS {
        planted.extend(plant(&mut doc, "", field, &mut n));
    }
    assert!(planted.len() >= ENUM_FIELDS.len());
    let plan = PlanReader::linked().read_stored(&doc.to_string()).unwrap();
    let saved = store_plan(&plan);
    let resaved = store_plan(&PlanReader::linked().read_stored(&saved).unwrap());
    assert_eq!(saved, resaved);
    // Every planted value is in the saved text exactly as the newer build wrote it (a field
    // planted twice holds the second).
    let planted: std::collections::BTreeMap<_, _> = planted.into_iter().collect();
    for (pointer, value) in &planted {
        let written = serde_json::to_string(value).unwrap();
        assert!(saved.contains(&written), "{pointer}: {written}");
    }
}

#[test]
fn a_value_of_no_enum_shape_is_still_refused_with_its_path() {
    let mut doc = generated(1);
    let goal = doc.pointer_mut("/goals/goals/0/metric").unwrap();
    goal["window"] = json!([1]);
    let message = PlanReader::linked()
        .import(&doc.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("`goals.goals[0].metric.window`"),
        "{message}"
    );
    // A known value with data, written wrong, is not taken for a newer one.
    let mut doc = generated(1);
    doc["career"]["tracks"][0]["levels"][0]["band"]["statistic"] = json!({"percentile": "ten"});
    assert!(PlanReader::linked().import(&doc.to_string()).is_err());
}

#[test]
fn an_unknown_value_is_shown_as_one_and_counts_as_no_known_one() {
    use crate::core::career::compare::comparability;
    use crate::core::career::pay::{pay_for_basis, PayError};
    use crate::core::career::{Band, CompRecord, PayBasis, Scope, Statistic};
    use crate::core::goals::periods::{score, NotScored, Score};
    use crate::core::goals::{CheckIn, Direction, Goal, GoalStatus};

    let newer: FromNewer = serde_json::from_str("\"from_trellis_9\"").unwrap();
    // Shown as what it is.
    assert_eq!(PayBasis::Unknown(newer).label(), LABEL);
    assert_eq!(GoalStatus::Unknown(newer).label(), LABEL);
    assert_eq!(Statistic::Unknown(newer).label(), LABEL);
    // Pay of a basis this build does not know is not computed as some known basis.
    assert_eq!(
        pay_for_basis(&CompRecord::default(), PayBasis::Unknown(newer)),
        Err(PayError::UnknownBasis)
    );
    // Two bands that both say a basis or statistic this build does not know are not known to
    // measure the same thing.
    let band = Band {
        basis: PayBasis::Unknown(newer),
        statistic: Some(Statistic::Unknown(newer)),
        ..Band::default()
    };
    let reasons = comparability(&band, &band, 100, false);
    assert!(reasons.len() >= 2, "{reasons:?}");
    // A goal whose direction is unknown is not scored as an increase or a decrease.
    let day = |m| chrono::NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
    let goal = Goal {
        baseline: Some(10.0),
        target: Some(20.0),
        check_ins: vec![CheckIn {
            date: day(2),
            value: 15.0,
            ..CheckIn::default()
        }],
        ..Goal::default()
    };
    let mut unknown = goal.clone();
    unknown.metric.direction = Direction::Unknown(newer);
    assert_eq!(score(&goal, day(1), day(3)), Score::Scored(50.0));
    assert_eq!(
        score(&unknown, day(1), day(3)),
        Score::NotScored(NotScored::DirectionFromNewer)
    );
    assert!(!unknown.meets_target(25.0) && !unknown.meets_target(5.0));
    // A scope this build does not know has no width.
    assert_eq!(Scope::Unknown(newer).known(), None);
    assert_eq!(Scope::Team.known(), Some(Scope::Team));
}

#[test]
fn a_newer_version_that_changed_what_a_field_means_is_refused_on_every_route() {
    use crate::core::schema::{ImportError, CURRENT_VERSION};
    // A newer Trellis that writes the bucketing threshold as a share (0.1 for 10 %) instead of
    // a percent. The document fits this build's types exactly, so only the version can stop
    // this build from reading 0.1 % where the user meant 10 %.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let sample = crate::core::sample::sample_plan("p1", today);
    let mut doc: Value = serde_json::from_str(&store_plan(&sample)).unwrap();
    doc["career"]["bucketing_threshold_percent"] = json!(0.1);
    let as_current = doc.to_string();
    let read = PlanReader::linked().import(&as_current).unwrap();
    assert_eq!(
        read.career.bucketing_threshold_percent, 0.1,
        "the field fits as it is"
    );

    let newer = CURRENT_VERSION + 1;
    doc["version"] = json!(newer);
    let refused = Err(ImportError::NewerVersion {
        version: newer,
        supported: CURRENT_VERSION,
    });
    for text in [doc.to_string(), serde_json::to_string_pretty(&doc).unwrap()] {
        assert!(
            direct::read(&text).is_none(),
            "the direct route leaves it to the guard"
        );
        assert_eq!(PlanReader::linked().import(&text), refused);
        assert_eq!(PlanReader::linked().read_stored(&text), refused);
        assert_eq!(PlanReader::linked().import_bytes(text.as_bytes()), refused);
        assert_eq!(full_route(&text), refused);
    }
    // Also when the changed field no longer fits this build's type: the version is checked
    // before any field.
    doc["career"]["bucketing_threshold_percent"] = json!({"share": 0.1});
    assert_eq!(PlanReader::linked().import(&doc.to_string()), refused);
}

/// Every document and judgement the app makes of a plan with a newer value in every enum field
/// at once: no figure comes out as NaN or infinite, and a goal whose direction is unknown is
/// neither on nor off track (which side of its target is better is not known here).
#[test]
fn a_plan_full_of_newer_values_is_described_without_a_number_it_cannot_compute() {
    use crate::core::audience::Selection;
    use crate::core::goals::forecast::{forecast_text, progress, TrackStatus};
    use crate::core::goals::periods::past_periods_markdown;
    use crate::core::goals::report::{check_ins_csv, goals_report_markdown};
    use crate::core::goals::smart::smart_check;
    use crate::core::goals::Direction;
    use crate::core::readable::readable;
    use crate::core::report::plan_report_document;

    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
    let mut judged_unknown_goals = 0;
    let mut not_judged = 0;
    // Generated plans reach every enum; the sample's goals have targets and check-ins.
    let sample = crate::core::sample::sample_plan("sample", today);
    let sample: Value = serde_json::from_str(&export_plan(&sample)).unwrap();
    let docs = (0..16u32).map(generated).chain([sample]);
    for (seed, mut doc) in docs.enumerate() {
        let mut n = 0;
        for &field in ENUM_FIELDS {
            plant(&mut doc, "", field, &mut n);
        }
        let plan = PlanReader::linked().read_stored(&doc.to_string()).unwrap();
        let mut texts = vec![
            plan_report_document(&plan, &Selection::everything(), today),
            goals_report_markdown(&plan, today),
            past_periods_markdown(&plan.goals),
            check_ins_csv(&plan.goals),
            format!("{:?}", readable(&plan, today)),
        ];
        for goal in &plan.goals.goals {
            texts.push(format!("{:?}", smart_check(goal, today)));
            texts.push(forecast_text(goal));
            let status = progress(goal).status;
            texts.push(status.label().to_string());
            if matches!(goal.metric.direction, Direction::Unknown(_)) {
                judged_unknown_goals += 1;
                let expected = if goal.target_value().is_none() {
                    TrackStatus::NotEnoughData
                } else {
                    TrackStatus::NotJudged
                };
                if status != TrackStatus::Achieved {
                    assert_eq!(status, expected, "seed {seed}");
                }
                not_judged += usize::from(status == TrackStatus::NotJudged);
            }
        }
        for text in &texts {
            for word in ["NaN", "inf%", " inf ", "-inf", "∞"] {
                assert!(!text.contains(word), "seed {seed}: {word} in {text}");
            }
        }
    }
    assert!(judged_unknown_goals > 0 && not_judged > 0);
}
