//! Starting-point tracks. All six have six levels with the same ranks and scopes, so
//! they line up for comparison. Bands come only from the public reference figures (with
//! publisher and year), placed at the level they best describe; other levels have none.

use serde::Serialize;

mod community;
mod devrel;
mod engineering;
mod marketing;
mod product;
mod program;

use super::reference;
use super::{Behaviour, Family, KeyArea, Level, Scope, Track, TrackKind, YearsRange};
use crate::core::plan::Plan;

pub(super) struct LevelSpec {
    code: &'static str,
    title: &'static str,
    /// A `reference::` key whose figure becomes this level's band.
    reference: Option<&'static str>,
}

pub(super) struct AreaSpec {
    name: &'static str,
    description: &'static str,
    /// One behaviour per level, lowest level first.
    behaviours: [&'static str; LEVELS],
}

pub(super) struct TrackSpec {
    name: &'static str,
    family: Family,
    kind: TrackKind,
    hr_classification: &'static str,
    levels: [LevelSpec; LEVELS],
    areas: &'static [AreaSpec],
}

/// Every template has this many levels.
pub const LEVELS: usize = 6;

/// Scope and typical years at each rank, shared by all templates so ranks line up.
const LADDER: [(Scope, u32, Option<u32>); LEVELS] = [
    (Scope::OneSelf, 0, Some(2)),
    (Scope::Team, 2, Some(5)),
    (Scope::SeveralTeams, 5, Some(8)),
    (Scope::Organisation, 8, Some(12)),
    (Scope::Company, 10, None),
    (Scope::Industry, 15, None),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    Community,
    SoftwareEngineering,
    Marketing,
    TechnicalProgramManagement,
    ProductManagement,
    DeveloperRelations,
}

impl Template {
    pub const ALL: [Template; 6] = [
        Template::Community,
        Template::SoftwareEngineering,
        Template::Marketing,
        Template::TechnicalProgramManagement,
        Template::ProductManagement,
        Template::DeveloperRelations,
    ];

    fn spec(self) -> &'static TrackSpec {
        match self {
            Template::Community => &community::SPEC,
            Template::SoftwareEngineering => &engineering::SPEC,
            Template::Marketing => &marketing::SPEC,
            Template::TechnicalProgramManagement => &program::SPEC,
            Template::ProductManagement => &product::SPEC,
            Template::DeveloperRelations => &devrel::SPEC,
        }
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }
}

/// A new track from a template, with fresh ids from the plan; not yet added to it.
pub fn build_track(plan: &mut Plan, template: Template) -> Track {
    let spec = template.spec();
    let track_id = plan.fresh_id("t");
    let levels: Vec<Level> = spec
        .levels
        .iter()
        .zip(LADDER)
        .enumerate()
        .map(|(i, (l, (scope, min, max)))| Level {
            id: plan.fresh_id("l").into(),
            code: l.code.to_string(),
            title: l.title.to_string(),
            rank: i as u32 + 1,
            scope,
            typical_years: YearsRange {
                min,
                max,
                extra: Default::default(),
            },
            band: l.reference.and_then(reference::find).map(|f| {
                let mut band = f.to_band();
                band.source.note = format!(
                    "{} The template places it at {}; replace it with your company's band.",
                    band.source.note, l.title
                );
                band
            }),
            ..Level::default()
        })
        .collect();
    let key_areas = spec
        .areas
        .iter()
        .map(|a| KeyArea {
            id: plan.fresh_id("k").into(),
            name: a.name.to_string(),
            description: a.description.to_string(),
            behaviours: levels
                .iter()
                .zip(a.behaviours)
                .map(|(level, text)| Behaviour {
                    id: plan.fresh_id("b").into(),
                    level_id: level.id.clone(),
                    text: text.to_string(),
                    extra: Default::default(),
                })
                .collect(),
            extra: Default::default(),
        })
        .collect();
    Track {
        id: track_id.into(),
        name: spec.name.to_string(),
        family: spec.family,
        kind: spec.kind,
        hr_classification: spec.hr_classification.to_string(),
        levels,
        key_areas,
        ..Track::default()
    }
}

/// Adds a track from a template to the plan's career worksheet; returns its id.
pub fn add_template(plan: &mut Plan, template: Template) -> String {
    let track = build_track(plan, template);
    let id = track.id.to_string();
    plan.career.tracks.push(track);
    id
}

/// Whether `text` is a template's note on how HR classifies its track, as the template wrote
/// it: Trellis's wording, which a brief must not present as HR's.
pub fn is_template_hr_classification(text: &str) -> bool {
    let text = text.trim();
    Template::ALL
        .iter()
        .any(|t| t.spec().hr_classification == text)
}

/// Whether `text` is one of the templates' behaviours, as the template wrote it.
pub fn is_template_behaviour(text: &str) -> bool {
    let text = text.trim();
    Template::ALL
        .iter()
        .flat_map(|t| t.spec().areas)
        .any(|a| a.behaviours.contains(&text))
}

#[cfg(test)]
mod tests;
