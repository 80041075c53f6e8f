//! The Community track: six levels, like Engineering and Marketing, defined by key areas,
//! behaviours per level and width of influence.

use super::{AreaSpec, LevelSpec, TrackSpec};
use crate::core::career::reference::{
    TCR_COMMUNITY_MANAGER_2015, TCR_SPECIALIST_2015, TCR_STRATEGIST_2015,
};
use crate::core::career::{Family, TrackKind};

pub(super) const SPEC: TrackSpec = TrackSpec {
    name: "Community",
    family: Family::Community,
    kind: TrackKind::IndividualContributor,
    hr_classification:
        "Often missing from HR's job architecture. Defined here level for level \
        against Engineering and Marketing (six levels each) so the role is not bucketed below them.",
    levels: [
        LevelSpec {
            code: "C1",
            title: "Community Specialist",
            reference: Some(TCR_SPECIALIST_2015),
        },
        LevelSpec {
            code: "C2",
            title: "Community Manager",
            reference: Some(TCR_COMMUNITY_MANAGER_2015),
        },
        LevelSpec {
            code: "C3",
            title: "Senior Community Manager",
            reference: None,
        },
        LevelSpec {
            code: "C4",
            // Not "Community Strategist": strategy is set with and owned by business
            // leaders; the community role executes and informs it.
            title: "Lead Community Manager",
            reference: Some(TCR_STRATEGIST_2015),
        },
        LevelSpec {
            code: "C5",
            title: "Principal Community Architect",
            reference: None,
        },
        LevelSpec {
            code: "C6",
            title: "Distinguished Community Architect",
            reference: None,
        },
    ],
    areas: &[
        AreaSpec {
            name: "Communication and messaging",
            description: "Defining the message, choosing channels, innovating in how the \
                community hears and is heard.",
            behaviours: [
                "Writes clear posts, replies and newsletters in the community's voice; follows \
                 the moderation and style guides.",
                "Owns the messaging for a community channel or program; adapts one message for \
                 forum, social, email and events.",
                "Defines the message for launches that span several teams; turns member \
                 feedback into messages product and engineering act on.",
                "Sets the organisation's community narrative and editorial plan; tries new \
                 formats and measures which ones land.",
                "Shapes how the company speaks with its communities; a trusted spokesperson in \
                 a crisis and with executives.",
                "A recognised voice on community practice across the industry; publishes and \
                 speaks, and peers change how they communicate.",
            ],
        },
        AreaSpec {
            name: "Growing yourself and others",
            description: "Learning, mentoring, and developing members, volunteers and staff.",
            behaviours: [
                "Seeks feedback; learns the community's tools, norms and product; welcomes and \
                 helps new members.",
                "Spots and grows active members: onboards moderators and volunteer leaders and \
                 coaches them.",
                "Mentors other community staff; builds contributor ladders (member, \
                 contributor, leader) that others can run.",
                "Grows community practice across the organisation through hiring, onboarding \
                 and playbooks; develops leaders among staff and members.",
                "Builds the company's community capability: career paths, levels and training \
                 for community roles.",
                "Develops the profession: mentors community leaders beyond the company and \
                 contributes to research and shared standards.",
            ],
        },
        AreaSpec {
            name: "Program delivery",
            description: "Running community programs with goals, measures and results.",
            behaviours: [
                "Delivers assigned work reliably: moderates, answers questions, runs events \
                 from a checklist.",
                "Runs a community program end to end (a forum, meetups, a champions program) \
                 with SMART goals and regular reporting.",
                "Delivers programs that depend on several teams, such as a contributor summit; \
                 manages scope, budget and risk; reports outcomes, not activity.",
                "Owns a portfolio of community programs tied to organisation goals; sets the \
                 measures and shows business value with numbers.",
                "Informs the community strategy business leaders own: proposes, with evidence, \
                 which programs to start and stop across the company, and runs the ones chosen.",
                "Leads programs that shape an ecosystem: a foundation, a shared standard, a \
                 cross-company initiative.",
            ],
        },
        AreaSpec {
            name: "Lateral leadership",
            description: "Leading without authority; the members' voice inside the company.",
            behaviours: [
                "Raises member issues with the right team, with enough detail to act on.",
                "Brings the members' voice into the team's planning; gets commitments from \
                 colleagues without authority.",
                "Aligns product, engineering, support and marketing around community outcomes; \
                 resolves conflicts between them.",
                "Influences the organisation's roadmap and policies on behalf of members; \
                 builds coalitions with leaders in other functions.",
                "Shapes company decisions through influence with executives; brings the \
                 community's evidence to the strategy business leaders set.",
                "Leads across companies and open source projects; builds consensus among \
                 organisations with competing interests.",
            ],
        },
    ],
};
