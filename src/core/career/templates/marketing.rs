//! Marketing and communications, the other half of the community blend.

use super::{AreaSpec, LevelSpec, TrackSpec};
use crate::core::career::reference::BLS_PR_SPECIALISTS_2020;
use crate::core::career::{Family, TrackKind};

pub(super) const SPEC: TrackSpec = TrackSpec {
    name: "Marketing",
    family: Family::Marketing,
    kind: TrackKind::IndividualContributor,
    hr_classification: "Marketing job family; public relations and communications roles sit here.",
    levels: [
        LevelSpec {
            code: "M1",
            title: "Marketing Associate",
            reference: None,
        },
        LevelSpec {
            code: "M2",
            title: "Marketing Specialist",
            reference: Some(BLS_PR_SPECIALISTS_2020),
        },
        LevelSpec {
            code: "M3",
            title: "Senior Marketing Specialist",
            reference: None,
        },
        LevelSpec {
            code: "M4",
            title: "Lead Marketing Manager",
            reference: None,
        },
        LevelSpec {
            code: "M5",
            title: "Principal Marketing Strategist",
            reference: None,
        },
        LevelSpec {
            code: "M6",
            title: "Distinguished Marketing Strategist",
            reference: None,
        },
    ],
    areas: &[
        AreaSpec {
            name: "Communication and messaging",
            description: "Positioning, messaging and the brand voice.",
            behaviours: [
                "Writes copy to a brief in the brand voice.",
                "Owns the messaging for a product area or channel; adapts it for each audience.",
                "Defines positioning and messaging for launches across several teams.",
                "Sets the organisation's messaging framework and brand narrative.",
                "Shapes how the company positions itself in its markets.",
                "A recognised industry voice on marketing and communications.",
            ],
        },
        AreaSpec {
            name: "Program delivery",
            description: "Campaigns and launches with goals, budget and results.",
            behaviours: [
                "Executes campaign tasks (emails, posts, event logistics) on schedule.",
                "Runs campaigns end to end with goals, budget and reporting.",
                "Delivers integrated campaigns with several teams; reports reach and pipeline \
                 outcomes.",
                "Owns the marketing plan for an organisation; ties spend to business results.",
                "Sets company-wide marketing strategy and budget priorities.",
                "Leads industry-wide initiatives and creates categories.",
            ],
        },
        AreaSpec {
            name: "Growing yourself and others",
            description: "Learning, mentoring, building the team's playbooks.",
            behaviours: [
                "Learns the tools, audiences and product; acts on feedback.",
                "Shares what works; helps new colleagues.",
                "Mentors marketers; improves the team's playbooks.",
                "Builds marketing capability across the organisation; hires and develops people.",
                "Develops marketing leaders across the company.",
                "Develops the profession through writing, speaking and mentoring.",
            ],
        },
    ],
};
