//! Technical Program Management: where HR often classifies community architects.

use super::{AreaSpec, LevelSpec, TrackSpec};
use crate::core::career::reference::BLS_PROJECT_MANAGEMENT_2021;
use crate::core::career::{Family, TrackKind};

pub(super) const SPEC: TrackSpec = TrackSpec {
    name: "Technical Program Management",
    family: Family::ProgramManagement,
    kind: TrackKind::IndividualContributor,
    hr_classification: "Where HR has no community track, community architects and developer \
        ecosystem roles are often classified here (Red Hat, Google).",
    levels: [
        LevelSpec {
            code: "P1",
            title: "Associate Technical Program Manager",
            reference: None,
        },
        LevelSpec {
            code: "P2",
            title: "Technical Program Manager",
            reference: Some(BLS_PROJECT_MANAGEMENT_2021),
        },
        LevelSpec {
            code: "P3",
            title: "Senior Technical Program Manager",
            reference: None,
        },
        LevelSpec {
            code: "P4",
            title: "Staff Technical Program Manager",
            reference: None,
        },
        LevelSpec {
            code: "P5",
            title: "Principal Technical Program Manager",
            reference: None,
        },
        LevelSpec {
            code: "P6",
            title: "Distinguished Technical Program Manager",
            reference: None,
        },
    ],
    areas: &[
        AreaSpec {
            name: "Program delivery",
            description: "Plans, dependencies, risks and launches, including developer and \
                ecosystem programs.",
            behaviours: [
                "Tracks tasks, dependencies and dates for a workstream; keeps plans and status \
                 current.",
                "Runs a program for one team from plan to launch (milestones, risks, release \
                 criteria), such as a developer program launch.",
                "Delivers programs spanning several teams; manages cross-team dependencies, \
                 scope trade-offs and launch readiness.",
                "Owns a portfolio of programs for an organisation, such as its developer \
                 ecosystem; sets the operating cadence and measures.",
                "Drives company-wide initiatives; chooses which programs to fund and sequences \
                 them against company goals.",
                "Leads programs across companies or open source foundations; sets practices \
                 the industry adopts.",
            ],
        },
        AreaSpec {
            name: "Communication and messaging",
            description: "Status, risks and decisions, told to each audience.",
            behaviours: [
                "Writes clear status notes and meeting minutes; keeps stakeholders informed.",
                "Tailors status and risk messages for engineers, managers, partners and \
                 community members; runs effective reviews.",
                "Explains trade-offs and decisions across teams; keeps partners and the \
                 community aligned with release plans.",
                "Sets the organisation's program communications; presents to leadership with \
                 data, not anecdotes.",
                "Communicates company-level program strategy to executives, partners and the \
                 public.",
                "Represents the company's programs in industry forums and standards bodies.",
            ],
        },
        AreaSpec {
            name: "Lateral leadership",
            description: "Getting commitments and alignment without authority.",
            behaviours: [
                "Follows up with owners to unblock tasks.",
                "Gets commitments from engineers and partners without authority; escalates \
                 early and constructively.",
                "Aligns product, engineering, community and marketing on one plan; resolves \
                 conflicting priorities.",
                "Influences organisation roadmaps; builds relationships with leaders across \
                 functions.",
                "Shapes executive decisions through influence; mediates between divisions.",
                "Builds consensus among organisations with competing interests.",
            ],
        },
        AreaSpec {
            name: "Growing yourself and others",
            description: "Learning the domain, mentoring, building the practice.",
            behaviours: [
                "Learns the technical domain and program tools; seeks feedback.",
                "Shares templates and lessons learned; helps new team members.",
                "Mentors program managers; improves the team's methods.",
                "Builds program management practice across the organisation; hires and \
                 develops program managers.",
                "Defines the company's program management career path and standards.",
                "Develops the profession beyond the company through talks, writing and \
                 mentoring.",
            ],
        },
    ],
};
