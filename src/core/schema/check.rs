//! The one check of a plan, on its types: every id unique and not empty, every reference
//! naming a record of the kind it expects (a goal's `objective_id` an objective, a touch
//! point's stages stages), every link safe, and the id counter past every id. Both import
//! routes (`direct.rs` and the full one) end here, and so does [`check_plan`](super::check_plan).
//!
//! The walk goes through the plan's fields by name, so a new field is checked only when it
//! is added here: a reference field is `refer(...)`, a link `link(...)`. Fields this build
//! does not know (the `extra` maps) are kept as they are; their links are still held to the
//! safe schemes and their ids still raise the counter, but their references are not judged,
//! since nothing here knows what kind of record they name.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::error::{ImportError, JsonPath};
use super::validate::{is_link, is_safe_link, MAX_DEPTH};
use crate::core::career::Band;
use crate::core::ids::Kind;
use crate::core::plan::{Extra, Plan};
use crate::core::value::ValueModel;

/// Where a record (or a part of the plan holding references) sits in the document. Cheap to
/// copy; turned into a [`JsonPath`] only to word a refusal.
#[derive(Clone, Copy, Debug)]
enum At {
    Plan,
    GoalBook,
    Objective(usize),
    Goal(usize),
    KeyPlayer(usize, usize),
    Step(usize, usize),
    Milestone(usize, usize),
    CheckIn(usize, usize),
    Period(usize),
    Curve,
    Stage(usize),
    Ask(usize, usize),
    TouchPoint(usize),
    ProblemArea(usize),
    Snapshot(usize),
    StageCount(usize, usize),
    FlowStage(usize, usize),
    Career,
    Track(usize),
    Level(usize, usize),
    ResearchEntry(usize, usize, usize),
    KeyArea(usize, usize),
    Behaviour(usize, usize, usize),
    CompRecord(usize),
    ExchangeRate(usize),
    SelfAssessment(usize),
    Rating(usize, usize),
    Evidence(usize, usize),
}

impl At {
    fn path(self) -> JsonPath {
        let mut path = JsonPath::root();
        let mut at = |keys: &[&str], index: Option<usize>| {
            keys.iter().for_each(|key| path.push_key(key));
            if let Some(index) = index {
                path.push_index(index);
            }
        };
        match self {
            At::Plan => {}
            At::GoalBook => at(&["goals"], None),
            At::Curve => at(&["curve"], None),
            At::Objective(i) => at(&["goals", "objectives"], Some(i)),
            At::Goal(i) => at(&["goals", "goals"], Some(i)),
            At::KeyPlayer(g, i) | At::Step(g, i) | At::Milestone(g, i) | At::CheckIn(g, i) => {
                at(&["goals", "goals"], Some(g));
                let list = match self {
                    At::KeyPlayer(..) => "key_players",
                    At::Step(..) => "steps",
                    At::Milestone(..) => "milestones",
                    _ => "check_ins",
                };
                at(&[list], Some(i));
            }
            At::Period(i) => at(&["goals", "periods"], Some(i)),
            At::Stage(i) => at(&["curve", "stages"], Some(i)),
            At::Ask(s, i) => {
                at(&["curve", "stages"], Some(s));
                at(&["asks"], Some(i));
            }
            At::TouchPoint(i) => at(&["curve", "touch_points"], Some(i)),
            At::ProblemArea(i) => at(&["curve", "problem_areas"], Some(i)),
            At::Snapshot(i) => at(&["curve", "snapshots"], Some(i)),
            At::StageCount(s, i) => {
                at(&["curve", "snapshots"], Some(s));
                at(&["counts"], Some(i));
            }
            At::FlowStage(s, i) => {
                at(&["curve", "snapshots"], Some(s));
                at(&["flows", "stages"], Some(i));
            }
            At::Career => at(&["career"], None),
            At::Track(i) => at(&["career", "tracks"], Some(i)),
            At::Level(t, i) => {
                at(&["career", "tracks"], Some(t));
                at(&["levels"], Some(i));
            }
            At::ResearchEntry(t, l, i) => {
                at(&["career", "tracks"], Some(t));
                at(&["levels"], Some(l));
                at(&["research"], Some(i));
            }
            At::KeyArea(t, i) => {
                at(&["career", "tracks"], Some(t));
                at(&["key_areas"], Some(i));
            }
            At::Behaviour(t, a, i) => {
                at(&["career", "tracks"], Some(t));
                at(&["key_areas"], Some(a));
                at(&["behaviours"], Some(i));
            }
            At::CompRecord(i) => at(&["career", "comp_records"], Some(i)),
            At::ExchangeRate(i) => at(&["career", "exchange_rates"], Some(i)),
            At::SelfAssessment(i) => at(&["career", "self_assessments"], Some(i)),
            At::Rating(a, i) => {
                at(&["career", "self_assessments"], Some(a));
                at(&["ratings"], Some(i));
            }
            At::Evidence(a, i) => {
                at(&["career", "self_assessments"], Some(a));
                at(&["evidence"], Some(i));
            }
        }
        path
    }

    /// The path of `field` (dotted for a nested one) of the record here, and of its
    /// `item`-th entry when the field is a list.
    fn field(self, field: &str, item: Option<usize>) -> JsonPath {
        let mut path = self.path();
        field.split('.').for_each(|key| path.push_key(key));
        if let Some(item) = item {
            path.push_index(item);
        }
        path
    }
}

/// A reference or a link met on the walk, checked once every id is known (a reference may
/// name a record further down the document).
enum Pending<'p> {
    Reference {
        at: At,
        field: &'static str,
        item: Option<usize>,
        target: &'p str,
        wants: Kind,
    },
    Link {
        at: At,
        field: &'static str,
        link: &'p str,
    },
    /// The first unsafe link among fields this build does not know.
    UnknownLink { path: JsonPath, link: &'p str },
}

/// What the walk has met so far.
#[derive(Default)]
struct Walk<'p> {
    ids: HashMap<&'p str, (Kind, At)>,
    /// References and links in document order.
    pending: Vec<Pending<'p>>,
    /// The first id problem (empty or repeated), in document order.
    problem: Option<ImportError>,
    /// Ids met in fields this build does not know; they raise the counter.
    unknown_ids: Vec<&'p str>,
}

impl<'p> Walk<'p> {
    fn id(&mut self, id: &'p str, kind: Kind, at: At) {
        if self.problem.is_some() {
            return;
        }
        if id.is_empty() {
            self.problem = Some(ImportError::EmptyId {
                path: at.field("id", None).to_string(),
            });
        } else if let Some((_, first)) = self.ids.get(id) {
            self.problem = Some(ImportError::DuplicateId {
                path: at.field("id", None).to_string(),
                id: id.to_string(),
                first: first.field("id", None).to_string(),
            });
        } else {
            self.ids.insert(id, (kind, at));
        }
    }

    fn refer(&mut self, at: At, field: &'static str, target: &'p str, wants: Kind) {
        self.refer_item(at, field, None, target, wants);
    }

    fn refer_item(
        &mut self,
        at: At,
        field: &'static str,
        item: Option<usize>,
        target: &'p str,
        wants: Kind,
    ) {
        // Empty text means "none".
        if !target.is_empty() {
            self.pending.push(Pending::Reference {
                at,
                field,
                item,
                target,
                wants,
            });
        }
    }

    fn refer_all(
        &mut self,
        at: At,
        field: &'static str,
        targets: &'p [impl AsRef<str>],
        wants: Kind,
    ) {
        for (n, target) in targets.iter().enumerate() {
            self.refer_item(at, field, Some(n), target.as_ref(), wants);
        }
    }

    fn link(&mut self, at: At, field: &'static str, link: &'p str) {
        if !is_safe_link(link) {
            self.pending.push(Pending::Link { at, field, link });
        }
    }

    /// Fields this build does not know, kept as read: only their links and ids matter here.
    fn unknown(&mut self, at: At, extra: &'p Extra) {
        self.unknown_at(|| at.path(), extra);
    }

    /// [`Walk::unknown`] for a record inside one that has an [`At`]: `path` gives its place,
    /// worked out only when it holds something unknown.
    fn unknown_at(&mut self, path: impl FnOnce() -> JsonPath, extra: &'p Extra) {
        if extra.is_empty() {
            return;
        }
        let mut path = path();
        if let Err(problem) = self.unknown_fields(extra, &mut path, 0) {
            self.problem.get_or_insert(problem);
        }
    }

    /// The unknown fields of a value model and of each of its assumptions.
    fn unknown_in_value(&mut self, at: At, value: &'p Option<ValueModel>) {
        let Some(value) = value else { return };
        self.unknown_at(|| at.field("value", None), &value.extra);
        for (i, assumption) in value.assumptions.iter().enumerate() {
            self.unknown_at(|| at.field("value.assumptions", Some(i)), &assumption.extra);
        }
    }

    /// The unknown fields of a band (at `field` of the record at `at`), its source and its
    /// percentiles.
    fn unknown_in_band(&mut self, at: At, field: &'static str, band: &'p Band) {
        self.unknown_at(|| at.field(field, None), &band.extra);
        self.unknown_at(|| at.field(field, None).key("source"), &band.source.extra);
        self.unknown_at(
            || at.field(field, None).key("percentiles"),
            &band.percentiles.extra,
        );
    }

    fn unknown_fields(
        &mut self,
        map: &'p Map<String, Value>,
        path: &mut JsonPath,
        depth: usize,
    ) -> Result<(), ImportError> {
        if let Some(Value::String(id)) = map.get("id") {
            if depth > 0 {
                self.unknown_ids.push(id);
            }
        }
        for (key, value) in map {
            path.push_key(key);
            if is_link(key) {
                self.unknown_links(value, path);
            }
            self.unknown_value(value, path, depth + 1)?;
            path.pop();
        }
        Ok(())
    }

    fn unknown_value(
        &mut self,
        value: &'p Value,
        path: &mut JsonPath,
        depth: usize,
    ) -> Result<(), ImportError> {
        if depth > MAX_DEPTH {
            return Err(ImportError::NotAPlan {
                found: format!("it is nested more than {MAX_DEPTH} levels deep"),
            });
        }
        match value {
            Value::Object(map) => self.unknown_fields(map, path, depth),
            Value::Array(items) => {
                for (n, item) in items.iter().enumerate() {
                    path.push_index(n);
                    self.unknown_value(item, path, depth + 1)?;
                    path.pop();
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Text under a link key, in lists at any depth, must be a safe link.
    fn unknown_links(&mut self, value: &'p Value, path: &mut JsonPath) {
        match value {
            Value::String(link) if !is_safe_link(link) => {
                self.pending.push(Pending::UnknownLink {
                    path: path.clone(),
                    link,
                });
            }
            Value::Array(items) => {
                for (n, item) in items.iter().enumerate() {
                    path.push_index(n);
                    self.unknown_links(item, path);
                    path.pop();
                }
            }
            _ => {}
        }
    }

    /// The first reference or link problem, in document order.
    fn first_reference_problem(&self) -> Option<ImportError> {
        self.pending.iter().find_map(|pending| match *pending {
            Pending::Reference {
                at,
                field,
                item,
                target,
                wants,
            } => match self.ids.get(target) {
                Some((kind, _)) if *kind == wants => None,
                Some((kind, there)) => Some(ImportError::WrongKindOfRecord {
                    path: at.field(field, item).to_string(),
                    id: target.to_string(),
                    expected: wants.label(),
                    found: kind.label(),
                    at: there.field("id", None).to_string(),
                }),
                None => Some(ImportError::DanglingReference {
                    path: at.field(field, item).to_string(),
                    id: target.to_string(),
                }),
            },
            Pending::Link { at, field, link } => Some(ImportError::UnsafeLink {
                path: at.field(field, None).to_string(),
                link: link.to_string(),
            }),
            Pending::UnknownLink { ref path, link } => Some(ImportError::UnsafeLink {
                path: path.to_string(),
                link: link.to_string(),
            }),
        })
    }
}

/// Checks `plan` (see the module notes); the first problem in document order, ids first.
pub fn check(plan: &Plan) -> Result<(), ImportError> {
    walk(plan).map(|_| ())
}

/// Checks `plan`, then raises its id counter past every id in it but its own, so a fresh id
/// is never one already taken (see [`Plan::raise_next_id`]).
pub fn check_and_settle(plan: &mut Plan) -> Result<(), ImportError> {
    let ids: Vec<String> = {
        let walk = walk(plan)?;
        let mut ids: Vec<&str> = walk
            .ids
            .iter()
            .filter(|(_, (kind, _))| *kind != Kind::Plan)
            .map(|(id, _)| *id)
            .collect();
        ids.extend(&walk.unknown_ids);
        // Only ids whose number could raise the counter need to outlive the walk.
        ids.into_iter()
            .filter(|id| crate::core::plan::id_number(id).is_some())
            .map(str::to_string)
            .collect()
    };
    ids.iter().for_each(|id| plan.raise_next_id(id));
    Ok(())
}

fn walk(plan: &Plan) -> Result<Walk<'_>, ImportError> {
    let mut walk = Walk::default();
    walk.id(&plan.id, Kind::Plan, At::Plan);
    goals(&mut walk, plan);
    curve(&mut walk, plan);
    career(&mut walk, plan);
    walk.unknown(At::Plan, &plan.extra);
    if let Some(problem) = walk.problem.take() {
        return Err(problem);
    }
    if let Some(problem) = walk.first_reference_problem() {
        return Err(problem);
    }
    crate::core::goals::periods::check_periods(&plan.goals).map_err(|p| {
        ImportError::InvalidValue {
            path: p.path,
            problem: p.problem,
        }
    })?;
    Ok(walk)
}

fn goals<'p>(walk: &mut Walk<'p>, plan: &'p Plan) {
    let book = &plan.goals;
    for (i, o) in book.objectives.iter().enumerate() {
        walk.id(&o.id, Kind::Objective, At::Objective(i));
        walk.refer_all(
            At::Objective(i),
            "key_area_ids",
            &o.key_area_ids,
            Kind::KeyArea,
        );
        walk.unknown(At::Objective(i), &o.extra);
    }
    for (g, goal) in book.goals.iter().enumerate() {
        let at = At::Goal(g);
        walk.id(&goal.id, Kind::Goal, at);
        if let Some(objective) = &goal.objective_id {
            walk.refer(at, "objective_id", objective, Kind::Objective);
        }
        walk.unknown_at(|| at.field("metric", None), &goal.metric.extra);
        for (i, p) in goal.key_players.iter().enumerate() {
            walk.id(&p.id, Kind::KeyPlayer, At::KeyPlayer(g, i));
            walk.unknown(At::KeyPlayer(g, i), &p.extra);
        }
        for (i, s) in goal.steps.iter().enumerate() {
            walk.id(&s.id, Kind::Step, At::Step(g, i));
            if let Some(owner) = &s.owner_id {
                walk.refer(At::Step(g, i), "owner_id", owner, Kind::KeyPlayer);
            }
            walk.unknown(At::Step(g, i), &s.extra);
        }
        for (i, m) in goal.milestones.iter().enumerate() {
            walk.id(&m.id, Kind::Milestone, At::Milestone(g, i));
            walk.unknown(At::Milestone(g, i), &m.extra);
        }
        for (i, c) in goal.check_ins.iter().enumerate() {
            walk.id(&c.id, Kind::CheckIn, At::CheckIn(g, i));
            walk.unknown(At::CheckIn(g, i), &c.extra);
        }
        if let Some(commitment) = &goal.commitment {
            walk.unknown_at(|| at.field("commitment", None), &commitment.extra);
        }
        walk.unknown_in_value(at, &goal.value);
        if let Some(stage) = &goal.stage_id {
            walk.refer(at, "stage_id", stage, Kind::Stage);
        }
        if let Some(touch_point) = &goal.touch_point_id {
            walk.refer(at, "touch_point_id", touch_point, Kind::TouchPoint);
        }
        walk.refer_all(at, "key_area_ids", &goal.key_area_ids, Kind::KeyArea);
        if let Some(period) = &goal.period_id {
            walk.refer(at, "period_id", period, Kind::Period);
        }
        walk.unknown(at, &goal.extra);
    }
    for (i, period) in book.periods.iter().enumerate() {
        let at = At::Period(i);
        walk.id(&period.id, Kind::Period, at);
        walk.unknown(at, &period.extra);
        if let Some(closing) = &period.closing {
            walk.unknown_at(|| at.field("closing", None), &closing.extra);
            for (r, result) in closing.results.iter().enumerate() {
                let place = move || at.field("closing.results", Some(r));
                walk.unknown_at(place, &result.extra);
                if let Some(latest) = &result.latest {
                    walk.unknown_at(|| place().key("latest"), &latest.extra);
                }
            }
        }
    }
    walk.unknown(At::GoalBook, &book.extra);
}

fn curve<'p>(walk: &mut Walk<'p>, plan: &'p Plan) {
    let curve = &plan.curve;
    for (s, stage) in curve.stages.iter().enumerate() {
        walk.id(&stage.id, Kind::Stage, At::Stage(s));
        for (i, ask) in stage.asks.iter().enumerate() {
            walk.id(&ask.id, Kind::Ask, At::Ask(s, i));
            walk.unknown(At::Ask(s, i), &ask.extra);
        }
        walk.unknown(At::Stage(s), &stage.extra);
    }
    for (i, t) in curve.touch_points.iter().enumerate() {
        let at = At::TouchPoint(i);
        walk.id(&t.id, Kind::TouchPoint, at);
        walk.refer(at, "from_stage_id", &t.from_stage_id, Kind::Stage);
        walk.refer(at, "to_stage_id", &t.to_stage_id, Kind::Stage);
        walk.refer_all(at, "key_area_ids", &t.key_area_ids, Kind::KeyArea);
        walk.unknown_at(|| at.field("data_point", None), &t.data_point.extra);
        walk.unknown_in_value(at, &t.value);
        walk.unknown(at, &t.extra);
    }
    for (i, p) in curve.problem_areas.iter().enumerate() {
        let at = At::ProblemArea(i);
        walk.id(&p.id, Kind::ProblemArea, at);
        if let Some(stage) = &p.stage_id {
            walk.refer(at, "stage_id", stage, Kind::Stage);
        }
        if let Some(touch_point) = &p.touch_point_id {
            walk.refer(at, "touch_point_id", touch_point, Kind::TouchPoint);
        }
        walk.unknown(at, &p.extra);
    }
    for (s, snapshot) in curve.snapshots.iter().enumerate() {
        walk.id(&snapshot.id, Kind::Snapshot, At::Snapshot(s));
        walk.unknown(At::Snapshot(s), &snapshot.extra);
        for (i, count) in snapshot.counts.iter().enumerate() {
            walk.refer(
                At::StageCount(s, i),
                "stage_id",
                &count.stage_id,
                Kind::Stage,
            );
            walk.unknown(At::StageCount(s, i), &count.extra);
        }
        if let Some(flows) = &snapshot.flows {
            walk.unknown_at(|| At::Snapshot(s).field("flows", None), &flows.extra);
        }
        for (i, flow) in snapshot.flows.iter().flat_map(|f| &f.stages).enumerate() {
            walk.refer(At::FlowStage(s, i), "stage_id", &flow.stage_id, Kind::Stage);
            walk.unknown(At::FlowStage(s, i), &flow.extra);
        }
    }
    walk.unknown(At::Curve, &curve.extra);
}

fn career<'p>(walk: &mut Walk<'p>, plan: &'p Plan) {
    let career = &plan.career;
    for (t, track) in career.tracks.iter().enumerate() {
        walk.id(&track.id, Kind::Track, At::Track(t));
        for (l, level) in track.levels.iter().enumerate() {
            let at = At::Level(t, l);
            walk.id(&level.id, Kind::Level, at);
            walk.unknown_at(
                || at.field("typical_years", None),
                &level.typical_years.extra,
            );
            if let Some(band) = &level.band {
                walk.link(at, "band.source.link", &band.source.link);
                walk.unknown_in_band(at, "band", band);
            }
            for (i, entry) in level.research.iter().enumerate() {
                let at = At::ResearchEntry(t, l, i);
                walk.id(&entry.id, Kind::ResearchEntry, at);
                walk.link(at, "band.source.link", &entry.band.source.link);
                walk.unknown(at, &entry.extra);
                walk.unknown_in_band(at, "band", &entry.band);
            }
            walk.unknown(at, &level.extra);
        }
        for (a, area) in track.key_areas.iter().enumerate() {
            walk.id(&area.id, Kind::KeyArea, At::KeyArea(t, a));
            walk.unknown(At::KeyArea(t, a), &area.extra);
            for (i, b) in area.behaviours.iter().enumerate() {
                let at = At::Behaviour(t, a, i);
                walk.id(&b.id, Kind::Behaviour, at);
                walk.refer(at, "level_id", &b.level_id, Kind::Level);
                walk.unknown(at, &b.extra);
            }
        }
        walk.unknown(At::Track(t), &track.extra);
    }
    for (i, r) in career.comp_records.iter().enumerate() {
        let at = At::CompRecord(i);
        walk.id(&r.id, Kind::CompRecord, at);
        if let Some(track) = &r.track_id {
            walk.refer(at, "track_id", track, Kind::Track);
        }
        if let Some(level) = &r.level_id {
            walk.refer(at, "level_id", level, Kind::Level);
        }
        walk.unknown(at, &r.extra);
    }
    for (i, rate) in career.exchange_rates.iter().enumerate() {
        walk.id(&rate.id, Kind::ExchangeRate, At::ExchangeRate(i));
        walk.unknown(At::ExchangeRate(i), &rate.extra);
    }
    for (a, assessment) in career.self_assessments.iter().enumerate() {
        let at = At::SelfAssessment(a);
        walk.id(&assessment.id, Kind::SelfAssessment, at);
        walk.refer(
            at,
            "target_level_id",
            &assessment.target_level_id,
            Kind::Level,
        );
        walk.unknown(at, &assessment.extra);
        for (i, rating) in assessment.ratings.iter().enumerate() {
            walk.refer(
                At::Rating(a, i),
                "behaviour_id",
                &rating.behaviour_id,
                Kind::Behaviour,
            );
            walk.unknown(At::Rating(a, i), &rating.extra);
        }
        for (i, e) in assessment.evidence.iter().enumerate() {
            let at = At::Evidence(a, i);
            walk.id(&e.id, Kind::Evidence, at);
            if let Some(goal) = &e.goal_id {
                walk.refer(at, "goal_id", goal, Kind::Goal);
            }
            if let Some(period) = &e.period_id {
                walk.refer(at, "period_id", period, Kind::Period);
            }
            walk.refer_all(at, "behaviour_ids", &e.behaviour_ids, Kind::Behaviour);
            walk.link(at, "link", &e.link);
            walk.unknown(at, &e.extra);
            if let Some(cited) = &e.cited_goal {
                walk.unknown_at(|| at.field("cited_goal", None), &cited.extra);
            }
        }
    }
    if let Some(level) = &career.proposed_level_id {
        walk.refer(At::Career, "proposed_level_id", level, Kind::Level);
    }
    walk.refer_all(
        At::Career,
        "count_anyway_level_ids",
        &career.count_anyway_level_ids,
        Kind::Level,
    );
    walk.unknown_at(|| At::Career.field("ageing", None), &career.ageing.extra);
    walk.unknown(At::Career, &career.extra);
}
