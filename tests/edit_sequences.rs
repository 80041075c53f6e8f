//! Random edit sequences through the core's public operations, across all three
//! tools, seeded so every failure replays exactly (the message names the seed and
//! the step). After every step the plan must pass the import checks (ids unique
//! plan-wide, every reference resolves, links safe), keep its id counter above
//! every id it holds, and come back unchanged from export → import. A step an
//! operation refuses must leave the plan exactly as it was. Each run of at most
//! `MAX_UNDO_STEPS` steps is recorded in a `History`: undoing all of it returns
//! the run's first plan, redoing all of it the last.

#![cfg(not(target_arch = "wasm32"))]

use chrono::{Days, NaiveDate};
use serde_json::Value;
use trellis::core::career::edit as career_edit;
use trellis::core::career::templates::{add_template, Template as TrackTemplate};
use trellis::core::career::{
    Band, CompKind, CompRecord, Evidence, ExchangeRate, Family, PayBasis, Rating, Source,
    SourceKind, TrackKind,
};
use trellis::core::curve::ops::{self as curve_ops, Attachment, DeletedStage, DeletedTouchPoint};
use trellis::core::curve::snapshots::{import_snapshots, parse_snapshots_csv, snapshots_csv};
use trellis::core::curve::{goal_seed_from_gap, goal_seed_from_touch_point};
use trellis::core::curve::{StageCount, TemplateKind};
use trellis::core::edits::{
    apply_template_everywhere, delete_stage_everywhere, delete_touch_point_everywhere,
    remove_goal_everywhere,
};
use trellis::core::goals::{self, catalog::catalog, templates::templates, Cadence, Growth};
use trellis::core::history::Grouping;
use trellis::core::history::{History, MAX_UNDO_STEPS};
use trellis::core::plan::Plan;
use trellis::core::sample::sample_plan;
use trellis::core::schema;

/// xorshift64*: tiny, fast and good enough to pick edits.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // Never zero, or xorshift stays at zero.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> Option<T> {
        if items.is_empty() {
            None
        } else {
            Some(items[self.below(items.len())].clone())
        }
    }

    /// An id from `items`, or now and then one that does not exist (to exercise refusals).
    fn id(&mut self, items: &[String]) -> String {
        if items.is_empty() || self.chance(5) {
            "nope404".to_string()
        } else {
            items[self.below(items.len())].clone()
        }
    }

    fn date(&mut self) -> NaiveDate {
        base_date() + Days::new(self.below(900) as u64)
    }

    /// Finite numbers of every shape: whole, tiny, huge, negative, with long fractions.
    fn number(&mut self) -> f64 {
        match self.below(6) {
            0 => self.below(1000) as f64,
            1 => 0.1 + 0.2 * self.below(50) as f64,
            2 => (self.next() as f64 / u64::MAX as f64) * 10f64.powi(self.below(40) as i32 - 20),
            3 => -(self.below(10_000) as f64) / 7.0,
            4 => f64::from_bits(self.next() >> 2).min(1e300),
            _ => 1.0 / (1 + self.below(97)) as f64,
        }
    }

    fn text(&mut self) -> String {
        let words = [
            "Forum",
            "  padded  ",
            "<img src=x onerror=alert(1)>",
            "émoji 🎉 e\u{301}",
            "\u{202E}rtl",
            "",
            "line\nbreak",
            "quote \" and , comma",
        ];
        words[self.below(words.len())].to_string()
    }
}

fn base_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

// Ids currently in the plan, by kind.

fn objective_ids(p: &Plan) -> Vec<String> {
    p.goals
        .objectives
        .iter()
        .map(|o| o.id.to_string())
        .collect()
}

fn goal_ids(p: &Plan) -> Vec<String> {
    p.goals.goals.iter().map(|g| g.id.to_string()).collect()
}

/// (goal id, child id) pairs for one kind of record inside goals.
fn in_goals(p: &Plan, ids: impl Fn(&goals::Goal) -> Vec<String>) -> Vec<(String, String)> {
    p.goals
        .goals
        .iter()
        .flat_map(|g| ids(g).into_iter().map(|c| (g.id.to_string(), c)))
        .collect()
}

fn stage_ids(p: &Plan) -> Vec<String> {
    p.curve.stages.iter().map(|s| s.id.to_string()).collect()
}

fn ask_ids(p: &Plan) -> Vec<String> {
    p.curve
        .stages
        .iter()
        .flat_map(|s| s.asks.iter().map(|a| a.id.to_string()))
        .collect()
}

fn touch_point_ids(p: &Plan) -> Vec<String> {
    p.curve
        .touch_points
        .iter()
        .map(|t| t.id.to_string())
        .collect()
}

fn track_ids(p: &Plan) -> Vec<String> {
    p.career.tracks.iter().map(|t| t.id.to_string()).collect()
}

fn level_ids(p: &Plan) -> Vec<String> {
    p.career
        .tracks
        .iter()
        .flat_map(|t| t.levels.iter().map(|l| l.id.to_string()))
        .collect()
}

fn key_area_ids(p: &Plan) -> Vec<String> {
    p.career
        .tracks
        .iter()
        .flat_map(|t| t.key_areas.iter().map(|a| a.id.to_string()))
        .collect()
}

fn behaviour_ids(p: &Plan) -> Vec<String> {
    p.career
        .tracks
        .iter()
        .flat_map(|t| &t.key_areas)
        .flat_map(|a| a.behaviours.iter().map(|b| b.id.to_string()))
        .collect()
}

fn assessment_ids(p: &Plan) -> Vec<String> {
    p.career
        .self_assessments
        .iter()
        .map(|a| a.id.to_string())
        .collect()
}

/// What the sequence keeps besides the plan: deletions it may restore later.
#[derive(Default)]
struct Stash {
    stages: Vec<DeletedStage>,
    touch_points: Vec<DeletedTouchPoint>,
}

/// Number of kinds of edit `edit` knows.
const EDITS: usize = 62;

/// Whether edit `which` adds to something already at its cap. Caps keep plans at
/// the size of a real one, so thousands of checked steps stay quick.
fn at_cap(which: usize, p: &Plan) -> bool {
    let most_check_ins = p
        .goals
        .goals
        .iter()
        .map(|g| g.check_ins.len() + g.milestones.len() + g.steps.len() + g.key_players.len())
        .max();
    let evidence: usize = p
        .career
        .self_assessments
        .iter()
        .map(|a| a.evidence.len())
        .sum();
    match which {
        0 => p.goals.objectives.len() >= 4,
        3..=6 => p.goals.goals.len() >= 8,
        14 | 17 | 20 | 21 | 24 => most_check_ins.unwrap_or(0) >= 14,
        26..=28 => p.curve.stages.len() >= 7,
        34 => p.curve.stages.iter().map(|s| s.asks.len()).sum::<usize>() >= 16,
        37..=39 => p.curve.touch_points.len() >= 10,
        43 => p.curve.problem_areas.len() >= 6,
        45 | 46 => p.curve.snapshots.len() >= 6,
        50 => p.career.tracks.len() >= 2,
        51 | 52 => level_ids(p).len() + key_area_ids(p).len() >= 24,
        54 => p.career.comp_records.len() >= 4,
        55 => p.career.exchange_rates.len() >= 3,
        56 => p.career.self_assessments.len() >= 3,
        58 => evidence >= 6,
        _ => false,
    }
}

/// Applies edit number `which` with random arguments. Returns its name and whether
/// the operation reported that it did something (false: refused or nothing to do).
fn edit(which: usize, p: &mut Plan, rng: &mut Rng, stash: &mut Stash) -> (&'static str, bool) {
    match which {
        // Goals: objectives.
        0 => ("add_objective", {
            let title = rng.text();
            goals::add_objective(p, &title);
            true
        }),
        1 => ("remove_objective", {
            let id = rng.id(&objective_ids(p));
            goals::remove_objective(&mut p.goals, &id).is_ok()
        }),
        2 => ("move_objective", {
            let id = rng.id(&objective_ids(p));
            let to = rng.below(6);
            goals::move_objective(&mut p.goals, &id, to).is_ok()
        }),
        // Goals: goals.
        4 => ("add_goal_from_curve", {
            let seed = if rng.chance(50) {
                let stage = rng.id(&stage_ids(p));
                goal_seed_from_gap(&p.curve, &stage)
            } else {
                let touch_point = rng.id(&touch_point_ids(p));
                goal_seed_from_touch_point(&p.curve, &touch_point)
            };
            let objective = rng.pick(&objective_ids(p));
            let today = rng.date();
            match seed {
                Some(seed) => {
                    goals::add_goal_from_curve(p, &seed, objective.as_deref(), today).is_ok()
                }
                None => false,
            }
        }),
        3 => ("add_goal", {
            let objective = rng.pick(&objective_ids(p));
            let objective = if rng.chance(30) { None } else { objective };
            goals::add_goal(p, objective.as_deref()).is_ok()
        }),
        5 => ("add_goal_from_catalog", {
            let key = rng.pick(&catalog()).map(|m| m.key).unwrap_or_default();
            let objective = rng.pick(&objective_ids(p));
            let today = rng.date();
            goals::add_goal_from_catalog(p, &key, objective.as_deref(), today).is_ok()
        }),
        6 => ("add_goal_from_template", {
            let key = rng.pick(&templates()).map(|t| t.key).unwrap_or_default();
            let objective = rng.pick(&objective_ids(p));
            let today = rng.date();
            goals::add_goal_from_template(p, &key, objective.as_deref(), today).is_ok()
        }),
        7 => ("remove_goal_everywhere", {
            let id = rng.id(&goal_ids(p));
            remove_goal_everywhere(p, &id).is_ok()
        }),
        8 => ("move_goal", {
            let id = rng.id(&goal_ids(p));
            let to = rng.below(10);
            goals::move_goal(&mut p.goals, &id, to).is_ok()
        }),
        9 => ("move_goal_within_objective", {
            let id = rng.id(&goal_ids(p));
            let delta = if rng.chance(50) { -1 } else { 1 };
            goals::move_goal_within_objective(&mut p.goals, &id, delta).is_ok()
        }),
        10 => ("set_goal_objective", {
            let id = rng.id(&goal_ids(p));
            let objective = if rng.chance(20) {
                None
            } else {
                Some(rng.id(&objective_ids(p)))
            };
            goals::set_goal_objective(&mut p.goals, &id, objective.as_deref()).is_ok()
        }),
        11 => ("edit goal numbers", {
            let id = rng.pick(&goal_ids(p));
            let (baseline, target, deadline, start) =
                (rng.number(), rng.number(), rng.date(), rng.date());
            match id.and_then(|id| p.goals.goal_mut(&id)) {
                Some(goal) => {
                    goal.baseline = Some(baseline);
                    goal.target = Some(target);
                    goal.baseline_date = Some(start.min(deadline));
                    goal.deadline = Some(deadline.max(start) + Days::new(30));
                    true
                }
                None => false,
            }
        }),
        12 => ("commit_goal", {
            let id = rng.id(&goal_ids(p));
            let today = rng.date();
            goals::commit_goal(&mut p.goals, &id, today).is_ok()
        }),
        13 => ("mark_reviewed / set_cadence", {
            let id = rng.id(&goal_ids(p));
            let on = rng.date();
            let cadence = [Cadence::Weekly, Cadence::Quarterly][rng.below(2)];
            goals::mark_reviewed(&mut p.goals, &id, on).is_ok()
                && goals::set_cadence(&mut p.goals, &id, cadence).is_ok()
        }),
        // Goals: key players and steps.
        14 => ("add_key_player", {
            let id = rng.id(&goal_ids(p));
            let name = rng.text();
            goals::add_key_player(p, &id, &name).is_ok()
        }),
        15 => ("remove_key_player", {
            match rng.pick(&in_goals(p, |g| {
                g.key_players.iter().map(|k| k.id.to_string()).collect()
            })) {
                Some((g, k)) => goals::remove_key_player(&mut p.goals, &g, &k).is_ok(),
                None => false,
            }
        }),
        16 => ("set_owner", {
            match rng.pick(&in_goals(p, |g| {
                g.key_players.iter().map(|k| k.id.to_string()).collect()
            })) {
                Some((g, k)) => goals::set_owner(&mut p.goals, &g, &k).is_ok(),
                None => false,
            }
        }),
        17 => ("add_step", {
            let id = rng.id(&goal_ids(p));
            let text = rng.text();
            goals::add_step(p, &id, &text).is_ok()
        }),
        18 => ("remove_step / move_step / set_step_done", {
            match rng.pick(&in_goals(p, |g| {
                g.steps.iter().map(|s| s.id.to_string()).collect()
            })) {
                Some((g, s)) => match rng.below(3) {
                    0 => goals::remove_step(&mut p.goals, &g, &s).is_ok(),
                    1 => goals::move_step(&mut p.goals, &g, &s, rng.below(4)).is_ok(),
                    _ => goals::set_step_done(&mut p.goals, &g, &s, rng.chance(50)).is_ok(),
                },
                None => false,
            }
        }),
        19 => ("set_step_owner", {
            match rng.pick(&in_goals(p, |g| {
                g.steps.iter().map(|s| s.id.to_string()).collect()
            })) {
                Some((g, s)) => {
                    let players: Vec<String> = p
                        .goals
                        .goal(&g)
                        .map(|goal| goal.key_players.iter().map(|k| k.id.to_string()).collect())
                        .unwrap_or_default();
                    let owner = if rng.chance(20) {
                        None
                    } else {
                        Some(rng.id(&players))
                    };
                    goals::set_step_owner(&mut p.goals, &g, &s, owner.as_deref()).is_ok()
                }
                None => false,
            }
        }),
        // Goals: check-ins and milestones.
        20 | 21 => ("add_check_in", {
            let id = rng.id(&goal_ids(p));
            let (date, value) = (rng.date(), rng.number());
            let confidence = rng.chance(70).then(|| rng.below(120) as u8);
            let note = rng.text();
            goals::add_check_in(p, &id, date, value, &note, confidence).is_ok()
        }),
        22 => ("remove_check_in", {
            match rng.pick(&in_goals(p, |g| {
                g.check_ins.iter().map(|c| c.id.to_string()).collect()
            })) {
                Some((g, c)) => goals::remove_check_in(&mut p.goals, &g, &c).is_ok(),
                None => false,
            }
        }),
        23 => ("generate_milestones", {
            let id = rng.id(&goal_ids(p));
            let growth = [Growth::Linear, Growth::Compound][rng.below(2)];
            let count = rng.below(8);
            goals::generate_milestones(p, &id, count, growth).is_ok()
        }),
        24 => ("add_milestone", {
            let id = rng.id(&goal_ids(p));
            let (date, value) = (rng.date(), rng.number());
            goals::add_milestone(p, &id, date, value).is_ok()
        }),
        25 => ("remove_milestone", {
            match rng.pick(&in_goals(p, |g| {
                g.milestones.iter().map(|m| m.id.to_string()).collect()
            })) {
                Some((g, m)) => goals::remove_milestone(&mut p.goals, &g, &m).is_ok(),
                None => false,
            }
        }),
        // Curve: stages.
        26 | 27 => ("add_stage", {
            let after = rng.pick(&stage_ids(p));
            let name = rng.text();
            curve_ops::add_stage(p, &name, after.as_deref());
            true
        }),
        28 => ("duplicate_stage", {
            let id = rng.id(&stage_ids(p));
            curve_ops::duplicate_stage(p, &id).is_some()
        }),
        29 => ("delete_stage", {
            let id = rng.id(&stage_ids(p));
            match delete_stage_everywhere(p, &id) {
                Some(deleted) => {
                    stash.stages.push(deleted);
                    true
                }
                None => false,
            }
        }),
        30 => ("restore_stage", {
            match stash.stages.pop() {
                Some(deleted) => {
                    curve_ops::restore_stage(&mut p.curve, deleted);
                    true
                }
                None => false,
            }
        }),
        31 => ("move_stage / reorder_stage", {
            let id = rng.id(&stage_ids(p));
            if rng.chance(50) {
                let direction =
                    [curve_ops::Direction::Up, curve_ops::Direction::Down][rng.below(2)];
                curve_ops::move_stage(&mut p.curve, &id, direction)
            } else {
                curve_ops::reorder_stage(&mut p.curve, &id, rng.below(8))
            }
        }),
        32 => ("set / nudge commitment level", {
            let id = rng.id(&stage_ids(p));
            if rng.chance(50) {
                let level = rng.number();
                curve_ops::set_commitment_level(&mut p.curve, &id, level).is_some()
            } else {
                let delta = rng.below(41) as i32 - 20;
                curve_ops::nudge_commitment_level(&mut p.curve, &id, delta).is_some()
            }
        }),
        33 => ("edit stage counts", {
            let id = rng.pick(&stage_ids(p));
            let (now, target, date) = (rng.below(5000) as u64, rng.below(5000) as u64, rng.date());
            match id.and_then(|id| p.curve.stage_mut(&id)) {
                Some(stage) => {
                    stage.members_now = now;
                    stage.target_members = target;
                    stage.target_date = Some(date);
                    true
                }
                None => false,
            }
        }),
        // Curve: asks.
        34 => ("add_ask", {
            let id = rng.id(&stage_ids(p));
            let (text, effort) = (rng.text(), rng.number());
            curve_ops::add_ask(p, &id, &text, effort).is_some()
        }),
        35 => ("set_ask_effort / move_ask", {
            let id = rng.id(&ask_ids(p));
            if rng.chance(50) {
                let effort = rng.number();
                curve_ops::set_ask_effort(&mut p.curve, &id, effort).is_some()
            } else {
                let direction =
                    [curve_ops::Direction::Up, curve_ops::Direction::Down][rng.below(2)];
                curve_ops::move_ask(&mut p.curve, &id, direction)
            }
        }),
        36 => ("delete_ask", {
            let id = rng.id(&ask_ids(p));
            curve_ops::delete_ask(&mut p.curve, &id).is_some()
        }),
        // Curve: touch points and problem areas.
        37 | 38 => ("add_touch_point", {
            let stages = stage_ids(p);
            let (from, to) = (rng.id(&stages), rng.id(&stages));
            let name = rng.text();
            curve_ops::add_touch_point(p, &name, &from, &to).is_some()
        }),
        39 => ("duplicate_touch_point", {
            let id = rng.id(&touch_point_ids(p));
            curve_ops::duplicate_touch_point(p, &id).is_some()
        }),
        40 => ("delete_touch_point", {
            let id = rng.id(&touch_point_ids(p));
            match delete_touch_point_everywhere(p, &id) {
                Some(deleted) => {
                    stash.touch_points.push(deleted);
                    true
                }
                None => false,
            }
        }),
        41 => ("restore_touch_point", {
            match stash.touch_points.pop() {
                Some(deleted) => {
                    curve_ops::restore_touch_point(&mut p.curve, deleted);
                    true
                }
                None => false,
            }
        }),
        42 => ("move / reorder touch point", {
            let id = rng.id(&touch_point_ids(p));
            if rng.chance(50) {
                let direction =
                    [curve_ops::Direction::Up, curve_ops::Direction::Down][rng.below(2)];
                curve_ops::move_touch_point(&mut p.curve, &id, direction)
            } else {
                curve_ops::reorder_touch_point(&mut p.curve, &id, rng.below(8))
            }
        }),
        43 => ("add_problem_area", {
            let on = if rng.chance(50) {
                Attachment::Stage(rng.id(&stage_ids(p)))
            } else {
                Attachment::TouchPoint(rng.id(&touch_point_ids(p)))
            };
            let (problem, solution) = (rng.text(), rng.text());
            curve_ops::add_problem_area(p, on, &problem, &solution).is_some()
        }),
        44 => ("delete_problem_area", {
            let ids: Vec<String> = p
                .curve
                .problem_areas
                .iter()
                .map(|a| a.id.to_string())
                .collect();
            let id = rng.id(&ids);
            curve_ops::delete_problem_area(&mut p.curve, &id).is_some()
        }),
        // Curve: snapshots and templates.
        45 => ("snapshot_current", {
            let date = rng.date();
            curve_ops::snapshot_current(p, date);
            true
        }),
        46 => ("put_snapshot", {
            let mut counts: Vec<StageCount> = stage_ids(p)
                .into_iter()
                .filter_map(|stage_id| {
                    let count = rng.below(3000) as u64;
                    rng.chance(70).then_some(StageCount {
                        stage_id: stage_id.into(),
                        count,
                        extra: Default::default(),
                    })
                })
                .collect();
            if rng.chance(20) {
                counts.push(StageCount {
                    stage_id: "gone".into(),
                    count: 3,
                    extra: Default::default(),
                });
            }
            let date = rng.date();
            curve_ops::put_snapshot(p, date, counts);
            true
        }),
        47 => ("delete_snapshot", {
            let ids: Vec<String> = p.curve.snapshots.iter().map(|s| s.id.to_string()).collect();
            let id = rng.id(&ids);
            curve_ops::delete_snapshot(&mut p.curve, &id).is_some()
        }),
        48 => ("snapshots CSV out and back in", {
            let csv = snapshots_csv(&p.curve);
            match parse_snapshots_csv(&p.curve, &csv) {
                Ok(parsed) => {
                    import_snapshots(p, parsed);
                    true
                }
                Err(_) => false,
            }
        }),
        49 => ("apply_template", {
            let kind = TemplateKind::ALL[rng.below(TemplateKind::ALL.len())];
            // Rarely, so curves grow between templates.
            if rng.chance(25) {
                apply_template_everywhere(p, kind);
                true
            } else {
                false
            }
        }),
        // Career.
        50 => ("add_template / add_track", {
            if rng.chance(60) {
                let template = TrackTemplate::ALL[rng.below(TrackTemplate::ALL.len())];
                add_template(p, template);
                true
            } else {
                let name = rng.text();
                career_edit::add_track(p, &name, Family::Other, TrackKind::Manager);
                true
            }
        }),
        51 => ("add_level / add_key_area", {
            let id = rng.id(&track_ids(p));
            let name = rng.text();
            if rng.chance(50) {
                career_edit::add_level(p, &id, &name).is_ok()
            } else {
                career_edit::add_key_area(p, &id, &name).is_ok()
            }
        }),
        52 => ("set_behaviour", {
            let (area, level) = (rng.id(&key_area_ids(p)), rng.id(&level_ids(p)));
            let text = rng.text();
            career_edit::set_behaviour(p, &area, &level, &text).is_ok()
        }),
        53 => ("set band", {
            let id = rng.pick(&level_ids(p));
            let (low, high) = (rng.below(90_000) as i64, rng.below(90_000) as i64);
            let level = id.and_then(|id| {
                p.career
                    .tracks
                    .iter_mut()
                    .flat_map(|t| t.levels.iter_mut())
                    .find(|l| l.id == id)
            });
            match level {
                Some(level) => {
                    level.band = Some(Band {
                        currency: "EUR".into(),
                        min: Some(low.min(high) * 100),
                        max: Some(low.max(high) * 100),
                        basis: PayBasis::TotalCash,
                        source: Source {
                            publisher: "Own estimate".into(),
                            kind: SourceKind::OwnEstimate,
                            link: "https://example.org/pay".into(),
                            ..Source::default()
                        },
                        ..Band::default()
                    });
                    true
                }
                None => false,
            }
        }),
        54 => ("add_comp_record", {
            let track_id = rng.pick(&track_ids(p));
            let level_id = rng.pick(&level_ids(p));
            let record = CompRecord {
                id: "ignored".into(),
                label: rng.text(),
                kind: CompKind::Offer,
                track_id: track_id.map(Into::into),
                level_id: level_id.map(Into::into),
                currency: "USD".into(),
                base: rng.below(300_000) as i64 * 100,
                equity_grant: rng.below(100_000) as i64 * 100,
                vesting_years: rng.below(5) as u32,
                date: Some(rng.date()),
                ..CompRecord::default()
            };
            career_edit::add_comp_record(p, record);
            true
        }),
        55 => ("add_exchange_rate", {
            let rate = ExchangeRate {
                from: "USD".into(),
                to: "EUR".into(),
                rate: rng.number().abs(),
                date: Some(rng.date()),
                source: rng.text(),
                ..ExchangeRate::default()
            };
            career_edit::add_exchange_rate(p, rate);
            true
        }),
        56 => ("add_self_assessment", {
            let level = rng.id(&level_ids(p));
            career_edit::add_self_assessment(p, &level).is_ok()
        }),
        57 => ("rate_behaviour", {
            let (a, b) = (rng.id(&assessment_ids(p)), rng.id(&behaviour_ids(p)));
            let rating = [Rating::WorkingTowards, Rating::Meeting, Rating::Exceeding][rng.below(3)];
            career_edit::rate_behaviour(&mut p.career, &a, &b, rating).is_ok()
        }),
        58 => ("add_evidence citing a goal", {
            let a = rng.id(&assessment_ids(p));
            let goal_id = rng.pick(&goal_ids(p));
            let behaviours = behaviour_ids(p);
            let behaviour_ids = (0..rng.below(3))
                .filter_map(|_| rng.pick(&behaviours).map(Into::into))
                .collect();
            let evidence = Evidence {
                text: rng.text(),
                date: Some(rng.date()),
                goal_id: goal_id.map(Into::into),
                behaviour_ids,
                link: "https://example.org/summit".into(),
                ..Evidence::default()
            };
            career_edit::add_evidence(p, &a, evidence).is_ok()
        }),
        59 => ("remove_level", {
            let id = rng.id(&level_ids(p));
            career_edit::remove_level(&mut p.career, &id).is_ok()
        }),
        60 => ("remove_track / remove_key_area", {
            if rng.chance(40) {
                let id = rng.id(&track_ids(p));
                career_edit::remove_track(&mut p.career, &id).is_ok()
            } else {
                let id = rng.id(&key_area_ids(p));
                career_edit::remove_key_area(&mut p.career, &id).is_ok()
            }
        }),
        61 => ("remove comp record / rate / assessment, propose a level", {
            match rng.below(4) {
                0 if !p.career.comp_records.is_empty() => {
                    let i = rng.below(p.career.comp_records.len());
                    p.career.comp_records.remove(i);
                    true
                }
                1 if !p.career.exchange_rates.is_empty() => {
                    let i = rng.below(p.career.exchange_rates.len());
                    p.career.exchange_rates.remove(i);
                    true
                }
                2 if !p.career.self_assessments.is_empty() => {
                    let i = rng.below(p.career.self_assessments.len());
                    p.career.self_assessments.remove(i);
                    true
                }
                3 => {
                    p.career.proposed_level_id = rng.pick(&level_ids(p)).map(Into::into);
                    true
                }
                _ => false,
            }
        }),
        _ => unreachable!("edit {which} of {EDITS}"),
    }
}

/// Every `id` in the plan below its top level (the plan's own id is not from the counter).
fn inner_ids(value: &Value, top: bool, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if !top {
                if let Some(Value::String(id)) = map.get("id") {
                    out.push(id.clone());
                }
            }
            for child in map.values() {
                inner_ids(child, false, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| inner_ids(item, false, out)),
        _ => {}
    }
}

/// `stored` also checks the compact localStorage form (the same reader as import,
/// so only every so often, to keep the run quick).
fn check_invariants(plan: &Plan, context: &str, stored: bool) {
    if let Err(err) = schema::check_plan(plan) {
        panic!("{context}: the plan fails the import checks: {err}");
    }
    let mut ids = Vec::new();
    inner_ids(&serde_json::to_value(plan).unwrap(), true, &mut ids);
    for id in &ids {
        let digits = id.trim_start_matches(|c: char| !c.is_ascii_digit());
        if let Ok(n) = digits.parse::<u64>() {
            assert!(
                n <= plan.next_id,
                "{context}: id {id} is beyond next_id {}; a fresh id could repeat it",
                plan.next_id
            );
        }
    }
    let text = schema::export_plan(plan);
    match schema::PlanReader::linked().import(&text) {
        Ok(back) => assert!(
            back == *plan,
            "{context}: export → import changed the plan\n{}",
            first_difference(plan, &back)
        ),
        Err(err) => panic!("{context}: the exported plan does not import: {err}"),
    }
    if stored {
        assert!(
            schema::PlanReader::linked()
                .read_stored(&schema::store_plan(plan))
                .as_ref()
                == Ok(plan),
            "{context}: the stored plan does not read back"
        );
    }
}

/// The first JSON path where two plans differ, for readable failures.
fn first_difference(a: &Plan, b: &Plan) -> String {
    fn walk(a: &Value, b: &Value, path: String) -> Option<String> {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, v) in x {
                    let here = format!("{path}.{k}");
                    match y.get(k) {
                        Some(w) => {
                            if let Some(d) = walk(v, w, here) {
                                return Some(d);
                            }
                        }
                        None => return Some(format!("{here} missing after")),
                    }
                }
                (x.len() != y.len()).then(|| format!("{path}: keys differ"))
            }
            (Value::Array(x), Value::Array(y)) => {
                for (i, (v, w)) in x.iter().zip(y).enumerate() {
                    if let Some(d) = walk(v, w, format!("{path}[{i}]")) {
                        return Some(d);
                    }
                }
                (x.len() != y.len()).then(|| format!("{path}: lengths {} vs {}", x.len(), y.len()))
            }
            _ if a == b => None,
            _ => Some(format!("{path}: {a} became {b}")),
        }
    }
    let (a, b) = (
        serde_json::to_value(a).unwrap(),
        serde_json::to_value(b).unwrap(),
    );
    walk(&a, &b, String::new()).unwrap_or_else(|| "(no difference in JSON)".into())
}

/// Totals per sequence, so a test can show it covered every kind of edit.
struct Tally {
    steps: usize,
    done: [usize; EDITS],
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            steps: 0,
            done: [0; EDITS],
        }
    }
}

/// Runs `steps` random edits from `start`, checking everything after each one.
fn run_sequence(seed: u64, start: Plan, steps: usize) -> (Plan, Tally) {
    let mut rng = Rng::new(seed);
    let mut plan = start;
    let mut stash = Stash::default();
    let mut tally = Tally::default();
    check_invariants(&plan, &format!("seed {seed}, start"), true);
    let mut step = 0;
    while step < steps {
        let run_len = (steps - step).min(1 + rng.below(MAX_UNDO_STEPS));
        let run_start = plan.clone();
        let mut history = History::new();
        for _ in 0..run_len {
            let which = rng.below(EDITS);
            let before = plan.clone();
            history.record(before.clone(), Grouping::OwnStep, step as f64 * 10_000.0);
            let (name, did) = if at_cap(which, &plan) {
                ("skipped: at its cap", false)
            } else {
                edit(which, &mut plan, &mut rng, &mut stash)
            };
            let context = format!("seed {seed}, step {step} ({name})");
            if did {
                tally.done[which] += 1;
            } else {
                assert!(
                    plan == before,
                    "{context}: a refused edit changed the plan\n{}",
                    first_difference(&before, &plan)
                );
            }
            check_invariants(&plan, &context, step % 10 == 0);
            step += 1;
        }
        let run_end = plan.clone();
        let mut undone = 0;
        while let Some(previous) = history.undo(&plan) {
            plan = previous;
            undone += 1;
        }
        assert_eq!(
            undone, run_len,
            "seed {seed}: undo steps before step {step}"
        );
        assert!(
            plan == run_start,
            "seed {seed}: undoing the run ending at step {step} did not return its start"
        );
        while let Some(next) = history.redo(&plan) {
            plan = next;
        }
        assert!(
            plan == run_end,
            "seed {seed}: redoing the run ending at step {step} did not return its end"
        );
    }
    tally.steps = steps;
    (plan, tally)
}

fn assert_every_edit_was_made(tally: &Tally) {
    let never: Vec<usize> = (0..EDITS).filter(|&i| tally.done[i] == 0).collect();
    assert!(
        never.is_empty(),
        "edits {never:?} never succeeded in {} steps",
        tally.steps
    );
}

/// Runs each seed from `start`; with `every_edit`, checks that together they made
/// every kind of edit at least once.
fn run_seeds(seeds: &[u64], start: impl Fn() -> Plan, steps: usize, every_edit: bool) {
    let mut total = Tally::default();
    for &seed in seeds {
        let (_, tally) = run_sequence(seed, start(), steps);
        total.steps += tally.steps;
        for (sum, n) in total.done.iter_mut().zip(tally.done) {
            *sum += n;
        }
    }
    if every_edit {
        assert_every_edit_was_made(&total);
    }
}

#[test]
fn random_edits_from_an_empty_plan_keep_every_invariant() {
    run_seeds(&[1, 2, 3], || Plan::new("plan-empty", "Empty"), 400, true);
}

#[test]
fn more_random_edits_from_an_empty_plan_keep_every_invariant() {
    run_seeds(&[4, 5, 6], || Plan::new("plan-empty", "Empty"), 400, true);
}

#[test]
fn random_edits_to_the_sample_plan_keep_every_invariant() {
    // The sample is at its caps already, so not every kind of edit can happen.
    run_seeds(
        &[11, 12],
        || sample_plan("plan-sample", base_date()),
        150,
        false,
    );
}

#[test]
fn the_plan_id_is_never_handed_out_as_an_inner_id() {
    // The stage takes "s1", so the problem area would be "p2", the plan's own id.
    let mut plan = Plan::new("p2", "Id clash");
    let stage = curve_ops::add_stage(&mut plan, "Stage", None);
    let area = curve_ops::add_problem_area(&mut plan, Attachment::Stage(stage), "x", "y");
    assert_ne!(area.as_deref(), Some("p2"));
    check_invariants(&plan, "problem area on a plan with id p2", true);
}

#[test]
fn a_long_sequence_across_many_undo_runs_stays_consistent() {
    let (plan, tally) = run_sequence(99, Plan::new("plan-long", "Long"), 600);
    assert!(tally.steps == 600 && plan.next_id > 0);
}
