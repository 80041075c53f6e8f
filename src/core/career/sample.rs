//! The career worksheet of the bundled sample plan: a community manager whose offer maps
//! the role onto a Community track whose band, in one (illustrative) company structure,
//! sits 25% below the bands of the same rank in its other tracks: about two grades of the
//! structure's own midpoint progression (15% a grade, from its Community bands at ranks 1-3).

use chrono::NaiveDate;

use super::edit::{add_comp_record, add_evidence, add_self_assessment, rate_behaviour};
use super::reference;
use super::research::{add_entry, use_entry};
use super::templates::{add_template, Template};
use super::{
    Band, BehaviourId, Career, CompKind, CompRecord, Evidence, Population, Rating, Source,
    SourceKind, Statistic,
};
use crate::core::plan::Plan;

/// Publisher of the sample's rank-2 bands: one made-up company structure, so that the
/// bucketing check compares like with like.
pub const EXAMPLE_STRUCTURE: &str = "Example Co salary structure";

/// A band of the illustrative company structure: midpoint of a range running from 80% to 120%
/// of it, one level at one employer, effective January 2024.
fn example_band(mid_dollars: i64) -> Band {
    let mid = mid_dollars * 100;
    Band {
        currency: "USD".into(),
        min: Some(mid / 10 * 8),
        mid: Some(mid),
        max: Some(mid / 10 * 12),
        statistic: Some(Statistic::RangeMidpoint),
        population: Some(Population::OneLevel),
        geography: "United States (national)".into(),
        effective_year: Some(2024),
        effective_month: Some(1),
        source: Source {
            publisher: EXAMPLE_STRUCTURE.into(),
            year: Some(2024),
            kind: SourceKind::Illustrative,
            note: "Made up for the sample plan to show how the check works; not market data. \
                   Replace it with your company's bands."
                .into(),
            ..Source::default()
        },
        ..Band::default()
    }
}

/// Puts the company band in use at `rank` of a track and keeps the template's public
/// figure (and any others) in the level's research log.
fn use_example_band(
    plan: &mut Plan,
    (track_id, rank): (&str, u32),
    mid_dollars: i64,
    also: &[&str],
) {
    let Some(level) = plan
        .career
        .track(track_id)
        .and_then(|t| t.level_at_rank(rank))
        .cloned()
    else {
        return;
    };
    if let Some(public) = level.band.clone() {
        let _ = add_entry(plan, &level.id, public);
    }
    for key in also {
        if let Some(f) = reference::find(key) {
            let _ = add_entry(plan, &level.id, f.to_band());
        }
    }
    if let Ok(entry) = add_entry(plan, &level.id, example_band(mid_dollars)) {
        let _ = use_entry(&mut plan.career, &level.id, &entry);
    }
}

/// Replaces `plan.career` with the sample worksheet. Pay records and the rank-2 company
/// bands are labelled illustrative; every other band is a public reference figure with its
/// source, and the public figures for rank 2 stay in the research logs.
pub fn sample(plan: &mut Plan) {
    plan.career = Career::default();
    let community = add_template(plan, Template::Community);
    let engineering = add_template(plan, Template::SoftwareEngineering);
    let marketing = add_template(plan, Template::Marketing);
    let program = add_template(plan, Template::TechnicalProgramManagement);
    use_example_band(
        plan,
        (&community, 2),
        84_000,
        &[
            "cmx-2016-east-coast",
            "cmx-2016-central",
            "cmx-2016-west-remote",
        ],
    );
    // The structure's Community bands one rank below and above: 15% a grade.
    use_example_band(plan, (&community, 1), 73_000, &[]);
    use_example_band(plan, (&community, 3), 96_600, &[]);
    use_example_band(plan, (&engineering, 2), 126_000, &[]);
    use_example_band(plan, (&marketing, 2), 104_000, &[]);
    use_example_band(plan, (&program, 2), 112_000, &[]);
    let Some(track) = plan.career.track(&community).cloned() else {
        return;
    };
    let (Some(manager), Some(senior)) = (track.level_at_rank(2), track.level_at_rank(3)) else {
        return;
    };
    plan.career.proposed_level_id = Some(manager.id.clone());
    if let Some(t) = plan.career.tracks.iter_mut().find(|t| t.id == community) {
        t.hr_classification = "HR proposes \"Community Manager\" in its own Community family, \
            whose range sits below the Program Management, Marketing and Engineering families \
            at the same rank."
            .into();
    }

    add_comp_record(
        plan,
        CompRecord {
            label: "Current pay (illustrative)".into(),
            kind: CompKind::Current,
            company: "Current employer".into(),
            track_id: Some(community.as_str().into()),
            level_id: Some(manager.id.clone()),
            currency: "USD".into(),
            base: 6_800_000,
            target_bonus: 340_000,
            date: NaiveDate::from_ymd_opt(2024, 1, 1),
            ..CompRecord::default()
        },
    );
    add_comp_record(
        plan,
        CompRecord {
            label: "Offer as HR proposes it (illustrative)".into(),
            kind: CompKind::Offer,
            company: "Example Co".into(),
            track_id: Some(community.as_str().into()),
            level_id: Some(manager.id.clone()),
            currency: "USD".into(),
            base: 7_200_000,
            target_bonus: 720_000,
            sign_on: 500_000,
            equity_grant: 2_000_000,
            vesting_years: 4,
            date: NaiveDate::from_ymd_opt(2024, 6, 3),
            ..CompRecord::default()
        },
    );

    let Ok(assessment) = add_self_assessment(plan, &senior.id) else {
        return;
    };
    let ratings = [
        Rating::Meeting,
        Rating::WorkingTowards,
        Rating::Exceeding,
        Rating::Meeting,
    ];
    let behaviours: Vec<BehaviourId> = track
        .behaviours_at(&senior.id)
        .iter()
        .map(|(_, b)| b.id.clone())
        .collect();
    for (id, rating) in behaviours.iter().zip(ratings) {
        let _ = rate_behaviour(&mut plan.career, &assessment, id, rating);
    }
    let cite = |i: usize| behaviours.get(i).cloned().into_iter().collect::<Vec<_>>();
    let evidence = [
        (
            "Launched the first contributor summit: 240 attendees from 31 companies, run with \
             engineering, developer relations and events.",
            NaiveDate::from_ymd_opt(2024, 5, 16),
            [cite(2), cite(3)].concat(),
        ),
        (
            "Wrote the 2.0 launch messaging for forum, blog and newsletter; product marketing \
             adopted it for the release.",
            NaiveDate::from_ymd_opt(2024, 3, 4),
            cite(0),
        ),
        (
            "Brought the top forum requests to quarterly planning; two made the roadmap.",
            NaiveDate::from_ymd_opt(2024, 4, 10),
            cite(3),
        ),
        (
            "Coaching two volunteer moderators towards leading the regional meetups.",
            NaiveDate::from_ymd_opt(2024, 6, 1),
            cite(1),
        ),
    ];
    for (text, date, behaviour_ids) in evidence {
        let _ = add_evidence(
            plan,
            &assessment,
            Evidence {
                text: text.into(),
                date,
                behaviour_ids,
                ..Evidence::default()
            },
        );
    }
}

#[cfg(test)]
mod tests;
