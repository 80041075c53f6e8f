//! Who each part of a plan is for. Goals, the commitment curve and the career tracks (levels,
//! bands, key areas) are shareable. The author's current pay, offers, targets and
//! self-assessment are private: they leave the browser only when the author ticks them, for
//! that one link, file or document. The backup of all plans is the author's own copy and keeps
//! everything.
//!
//! A copy that leaves without some parts says which (`Plan::left_out`), so importing it over
//! the author's own plan keeps the author's parts instead of deleting them
//! ([`keep_own_parts`]).

use crate::core::newer::FromNewer;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::career::citation::cite;
use super::career::CompKind;
use super::plan::Plan;
use super::schema::PlanReader;

/// A part of a plan, as the share and export step lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Goals,
    Curve,
    Tracks,
    CurrentPay,
    Offers,
    Targets,
    SelfAssessment,
    /// A value from a newer version of Trellis, kept as read and written back as it was;
    /// never taken for a known one (`core::newer`).
    #[serde(untagged)]
    Unknown(FromNewer),
}

impl Part {
    pub const ALL: [Part; 7] = [
        Part::Goals,
        Part::Curve,
        Part::Tracks,
        Part::CurrentPay,
        Part::Offers,
        Part::Targets,
        Part::SelfAssessment,
    ];

    /// The author's own: off unless ticked.
    pub fn is_private(self) -> bool {
        matches!(
            self,
            Part::CurrentPay | Part::Offers | Part::Targets | Part::SelfAssessment
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            Part::Unknown(_) => crate::core::newer::LABEL,
            Part::Goals => "Goals and objectives",
            Part::Curve => "Commitment curve",
            Part::Tracks => "Career tracks, levels and bands",
            Part::CurrentPay => "My current pay",
            Part::Offers => "My offers",
            Part::Targets => "My pay targets",
            Part::SelfAssessment => "My self-assessment (ratings and evidence)",
        }
    }

    /// Why a private part is off until the author ticks it.
    pub fn reason(self) -> Option<&'static str> {
        match self {
            Part::CurrentPay => Some(
                "The advice this worksheet follows is not to disclose your current or past pay.",
            ),
            Part::Offers => Some(
                "An outside offer names another employer and your price: it is yours to use \
                 when and with whom you choose.",
            ),
            Part::Targets => Some(
                "The pay you are aiming for is your negotiating position: state it when you \
                 choose to.",
            ),
            Part::SelfAssessment => {
                Some("Your own ratings and evidence are a draft until you decide to share them.")
            }
            _ => None,
        }
    }

    /// The kind of pay record this part holds, for the three pay parts.
    pub fn comp_kind(self) -> Option<CompKind> {
        match self {
            Part::CurrentPay => Some(CompKind::Current),
            Part::Offers => Some(CompKind::Offer),
            Part::Targets => Some(CompKind::Target),
            _ => None,
        }
    }

    /// The parts a pay record of `kind` belongs to: its own, or for a kind from a newer
    /// version of Trellis every pay part (it goes only when all of them go).
    fn of_comp_kind(kind: CompKind) -> &'static [Part] {
        match kind {
            CompKind::Current => &[Part::CurrentPay],
            CompKind::Offer => &[Part::Offers],
            CompKind::Target => &[Part::Targets],
            CompKind::Unknown(_) => &[Part::CurrentPay, Part::Offers, Part::Targets],
        }
    }
}

/// Which parts go: the shareable ones unless unticked, the private ones only when ticked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Selection {
    included: [bool; Part::ALL.len()],
}

impl Default for Selection {
    fn default() -> Self {
        let mut included = [false; Part::ALL.len()];
        for (i, part) in Part::ALL.iter().enumerate() {
            included[i] = !part.is_private();
        }
        Selection { included }
    }
}

impl Selection {
    /// Every part, private ones included: the backup of all plans.
    pub fn everything() -> Self {
        Selection {
            included: [true; Part::ALL.len()],
        }
    }

    fn index(part: Part) -> usize {
        Part::ALL.iter().position(|p| *p == part).unwrap_or(0)
    }

    /// Whether `part` goes. The self-assessment rates the tracks' behaviours, so it goes only
    /// with the tracks.
    pub fn includes(&self, part: Part) -> bool {
        let ticked = self.included[Self::index(part)];
        match part {
            Part::SelfAssessment => ticked && self.includes(Part::Tracks),
            _ => ticked,
        }
    }

    /// Whether the user ticked `part`, whether or not it can go (see [`Selection::includes`]).
    pub fn ticked(&self, part: Part) -> bool {
        self.included[Self::index(part)]
    }

    pub fn set(&mut self, part: Part, on: bool) {
        self.included[Self::index(part)] = on;
    }

    pub fn with(mut self, part: Part, on: bool) -> Self {
        self.set(part, on);
        self
    }

    /// The private parts that go.
    pub fn private_included(&self) -> Vec<Part> {
        Part::ALL
            .into_iter()
            .filter(|p| p.is_private() && self.includes(*p))
            .collect()
    }
}

/// What one part holds in a plan, as the share step shows it before anything leaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartSummary {
    pub part: Part,
    /// "4 goals in 2 objectives", "1 offer: Globex", "nothing in this plan".
    pub contents: String,
    /// The plan holds something of this part.
    pub present: bool,
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Every part of `plan`, with what it holds.
pub fn summarise(plan: &Plan) -> Vec<PartSummary> {
    Part::ALL
        .into_iter()
        .map(|part| {
            let (present, contents) = match part {
                Part::Unknown(_) => (false, String::new()),
                Part::Goals => {
                    let g = &plan.goals;
                    (
                        !g.goals.is_empty() || !g.objectives.is_empty(),
                        format!(
                            "{} in {}",
                            count(g.goals.len(), "goal", "goals"),
                            count(g.objectives.len(), "objective", "objectives")
                        ),
                    )
                }
                Part::Curve => {
                    let c = &plan.curve;
                    (
                        !c.stages.is_empty(),
                        format!(
                            "{}, {}",
                            count(c.stages.len(), "stage", "stages"),
                            count(c.touch_points.len(), "touch point", "touch points")
                        ),
                    )
                }
                Part::Tracks => {
                    let tracks = &plan.career.tracks;
                    let bands = tracks
                        .iter()
                        .flat_map(|t| &t.levels)
                        .filter(|l| l.band.is_some())
                        .count();
                    (
                        !tracks.is_empty(),
                        format!(
                            "{}, {}",
                            count(tracks.len(), "track", "tracks"),
                            count(bands, "band", "bands")
                        ),
                    )
                }
                Part::CurrentPay | Part::Offers | Part::Targets => {
                    let records: Vec<_> = plan
                        .career
                        .comp_records
                        .iter()
                        .filter(|r| Some(r.kind) == part.comp_kind())
                        .collect();
                    let companies: Vec<&str> = records
                        .iter()
                        .map(|r| r.company.trim())
                        .filter(|c| !c.is_empty())
                        .collect();
                    let (one, many) = match part {
                        Part::CurrentPay => ("pay record", "pay records"),
                        Part::Offers => ("offer", "offers"),
                        _ => ("target", "targets"),
                    };
                    let mut text = count(records.len(), one, many);
                    if !companies.is_empty() {
                        text += &format!(": {}", companies.join(", "));
                    }
                    (!records.is_empty(), text)
                }
                Part::SelfAssessment => {
                    let a = &plan.career.self_assessments;
                    let ratings: usize = a.iter().map(|a| a.ratings.len()).sum();
                    let evidence: usize = a.iter().map(|a| a.evidence.len()).sum();
                    (
                        !a.is_empty(),
                        format!(
                            "{}, {}",
                            count(ratings, "rated behaviour", "rated behaviours"),
                            count(evidence, "piece of evidence", "pieces of evidence")
                        ),
                    )
                }
            };
            let contents = if present {
                contents
            } else {
                "nothing in this plan".to_string()
            };
            PartSummary {
                part,
                contents,
                present,
            }
        })
        .collect()
}

/// Whether a copy made with `selection` carries everything `plan` holds (then it is also a
/// backup of that plan).
pub fn is_whole(plan: &Plan, selection: &Selection) -> bool {
    summarise(plan)
        .iter()
        .all(|s| !s.present || selection.includes(s.part))
}

/// The plain warning shown while a private part is ticked: what will leave and who can read
/// it. `carrier` is "link", "file" or "text". None when nothing private goes.
pub fn private_warning(plan: &Plan, selection: &Selection, carrier: &str) -> Option<String> {
    let going: Vec<String> = summarise(plan)
        .into_iter()
        .filter(|s| s.part.is_private() && s.present && selection.includes(s.part))
        .map(|s| format!("{} ({})", lower_first(s.part.label()), s.contents))
        .collect();
    if going.is_empty() {
        return None;
    }
    Some(format!(
        "This {carrier} will carry {}. Anyone who gets it can read them, and you cannot take \
         them back.",
        join_and(&going)
    ))
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The copy of `plan` that leaves with `selection`: what is not included is taken out, links
/// into a part that stays behind are cut (so the copy passes the import check), and the copy
/// records what was left out. `today` dates the snapshot kept when evidence cites a goal that
/// stays behind.
pub fn redact(plan: &Plan, selection: Selection, today: NaiveDate) -> Plan {
    let mut copy = plan.clone();
    let goes = |part| selection.includes(part);
    if !goes(Part::SelfAssessment) {
        copy.career.self_assessments.clear();
    } else if !goes(Part::Goals) {
        // Evidence that cites one of the plan's goals keeps what the goal said, not the link.
        for evidence in copy
            .career
            .self_assessments
            .iter_mut()
            .flat_map(|a| &mut a.evidence)
        {
            if let Some(goal) = evidence.goal_id.take() {
                if evidence.cited_goal.is_none() {
                    evidence.cited_goal = cite(&plan.id, &plan.name, &plan.goals, &goal, today);
                }
            }
            evidence.period_id = None;
        }
    }
    copy.career
        .comp_records
        .retain(|r| Part::of_comp_kind(r.kind).iter().all(|&part| goes(part)));
    if !goes(Part::Tracks) {
        copy.career.tracks.clear();
        copy.career.proposed_level_id = None;
        copy.career.count_anyway_level_ids.clear();
        for record in &mut copy.career.comp_records {
            record.track_id = None;
            record.level_id = None;
        }
        for objective in &mut copy.goals.objectives {
            objective.key_area_ids.clear();
        }
        for goal in &mut copy.goals.goals {
            goal.key_area_ids.clear();
        }
        for touch_point in &mut copy.curve.touch_points {
            touch_point.key_area_ids.clear();
        }
    }
    if !goes(Part::Curve) {
        copy.curve = Default::default();
        for goal in &mut copy.goals.goals {
            goal.stage_id = None;
            goal.touch_point_id = None;
        }
    }
    if !goes(Part::Goals) {
        copy.goals = Default::default();
    }
    // Fields this build does not know may be private (a newer build's reviewer ratings):
    // they go only when everything private goes.
    let all_private = Part::ALL
        .iter()
        .filter(|p| p.is_private())
        .all(|p| goes(*p));
    if !all_private {
        copy.career.extra.clear();
    }
    // A part with nothing in it is left out too: a copy never stands for "delete all my
    // offers" when its author simply had none.
    let present: Vec<Part> = summarise(plan)
        .into_iter()
        .filter(|s| s.present)
        .map(|s| s.part)
        .collect();
    copy.left_out = Part::ALL
        .into_iter()
        .filter(|p| !goes(*p) || !present.contains(p))
        .collect();
    copy
}

/// A copy that comes back without some parts (`incoming.left_out`) replaces `own`: the parts
/// it left out are taken from `own`, so an import never deletes what the copy did not carry.
/// The result carries no `left_out`: it is whole again.
pub fn keep_own_parts(mut incoming: Plan, own: &Plan) -> Plan {
    let left_out = std::mem::take(&mut incoming.left_out);
    let kept = |part: Part| left_out.contains(&part);
    if kept(Part::Goals) {
        incoming.goals = own.goals.clone();
    }
    if kept(Part::Curve) {
        incoming.curve = own.curve.clone();
    }
    if kept(Part::Tracks) {
        incoming.career.tracks = own.career.tracks.clone();
        incoming.career.proposed_level_id = own.career.proposed_level_id.clone();
        incoming.career.count_anyway_level_ids = own.career.count_anyway_level_ids.clone();
        restore_key_area_tags(&mut incoming, own);
        for record in &mut incoming.career.comp_records {
            let mine = own.career.comp_records.iter().find(|r| r.id == record.id);
            if let Some(mine) = mine.filter(|_| record.track_id.is_none()) {
                record.track_id = mine.track_id.clone();
                record.level_id = mine.level_id.clone();
            }
        }
    }
    if kept(Part::Curve) && !kept(Part::Goals) {
        // The copy's goals lost their links into the curve that stayed behind.
        for goal in &mut incoming.goals.goals {
            if let Some(mine) = own.goals.goal(&goal.id) {
                if goal.stage_id.is_none() && goal.touch_point_id.is_none() {
                    goal.stage_id = mine.stage_id.clone();
                    goal.touch_point_id = mine.touch_point_id.clone();
                }
            }
        }
    }
    for part in [Part::CurrentPay, Part::Offers, Part::Targets] {
        if kept(part) {
            incoming
                .career
                .comp_records
                .retain(|r| Some(r.kind) != part.comp_kind());
            incoming.career.comp_records.extend(
                own.career
                    .comp_records
                    .iter()
                    .filter(|r| Some(r.kind) == part.comp_kind())
                    .cloned(),
            );
        }
    }
    // In the author's order, with what the copy added after.
    let position = |id: &str| {
        own.career
            .comp_records
            .iter()
            .position(|r| r.id.as_str() == id)
            .unwrap_or(usize::MAX)
    };
    incoming
        .career
        .comp_records
        .sort_by_key(|r| position(r.id.as_str()));
    if kept(Part::SelfAssessment) {
        incoming.career.self_assessments = own.career.self_assessments.clone();
    }
    if left_out.iter().any(|p| p.is_private()) && incoming.career.extra.is_empty() {
        incoming.career.extra = own.career.extra.clone();
    }
    incoming.next_id = incoming.next_id.max(own.next_id);
    incoming
}

/// The plan that replaces `own` when `incoming`, a copy that went without some parts, comes
/// back: [`keep_own_parts`], checked the way an import is. Err: why they do not fit, and that
/// nothing was replaced.
pub fn replacement(incoming: Plan, own: &Plan, reader: PlanReader) -> Result<Plan, String> {
    if incoming.left_out.is_empty() {
        return Ok(incoming);
    }
    let mut plan = reader.keep_own_parts(incoming, own);
    reader.check(&mut plan).map_err(|why| {
        format!(
            "The imported copy went without some parts, and your own parts do not fit it ({why}). Nothing was replaced: keep both instead."
        )
    })?;
    Ok(plan)
}

/// The copy's objectives, goals and touch points lost their key-area tags with the tracks
/// that stayed behind; where the author's own plan has the same record untagged in the copy,
/// its tags come back.
fn restore_key_area_tags(incoming: &mut Plan, own: &Plan) {
    for objective in &mut incoming.goals.objectives {
        if let Some(mine) = own.goals.objectives.iter().find(|o| o.id == objective.id) {
            if objective.key_area_ids.is_empty() {
                objective.key_area_ids = mine.key_area_ids.clone();
            }
        }
    }
    for goal in &mut incoming.goals.goals {
        if let Some(mine) = own.goals.goal(&goal.id) {
            if goal.key_area_ids.is_empty() {
                goal.key_area_ids = mine.key_area_ids.clone();
            }
        }
    }
    for touch_point in &mut incoming.curve.touch_points {
        if let Some(mine) = own
            .curve
            .touch_points
            .iter()
            .find(|t| t.id == touch_point.id)
        {
            if touch_point.key_area_ids.is_empty() {
                touch_point.key_area_ids = mine.key_area_ids.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests;
