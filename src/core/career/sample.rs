//! The career worksheet of the bundled sample plan: a community manager whose offer maps
//! the role onto a Community track that the public figures put below its peers.

use chrono::NaiveDate;

use super::edit::{add_comp_record, add_evidence, add_self_assessment, rate_behaviour};
use super::templates::{add_template, Template};
use super::{Career, CompKind, CompRecord, Evidence, Rating};
use crate::core::plan::Plan;

/// Replaces `plan.career` with the sample worksheet. Pay records are labelled illustrative;
/// band figures are the public reference figures with their sources.
pub fn sample(plan: &mut Plan) {
    plan.career = Career::default();
    let community = add_template(plan, Template::Community);
    add_template(plan, Template::SoftwareEngineering);
    add_template(plan, Template::Marketing);
    add_template(plan, Template::TechnicalProgramManagement);
    let Some(track) = plan.career.track(&community).cloned() else {
        return;
    };
    let (Some(manager), Some(senior)) = (track.level_at_rank(2), track.level_at_rank(3)) else {
        return;
    };
    plan.career.proposed_level_id = Some(manager.id.clone());
    if let Some(t) = plan.career.tracks.iter_mut().find(|t| t.id == community) {
        t.hr_classification = "HR proposes \"Community Manager\" in its own Community family, \
            benchmarked against community surveys rather than program management."
            .into();
    }

    add_comp_record(
        plan,
        CompRecord {
            label: "Current pay (illustrative)".into(),
            kind: CompKind::Current,
            company: "Current employer".into(),
            track_id: Some(community.clone()),
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
            track_id: Some(community.clone()),
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
    let behaviours: Vec<String> = track
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
