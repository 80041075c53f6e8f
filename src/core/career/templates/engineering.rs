//! Software Engineering: the ladder the other tracks are usually levelled against.

use super::{AreaSpec, LevelSpec, TrackSpec};
use crate::core::career::reference::BLS_SOFTWARE_DEVELOPERS_2022;
use crate::core::career::{Family, TrackKind};

pub(super) const SPEC: TrackSpec = TrackSpec {
    name: "Software Engineering",
    family: Family::Engineering,
    kind: TrackKind::IndividualContributor,
    hr_classification: "Engineering job family; usually the reference ladder for level counts.",
    levels: [
        LevelSpec {
            code: "E1",
            title: "Software Engineer I",
            reference: None,
        },
        LevelSpec {
            code: "E2",
            title: "Software Engineer II",
            reference: Some(BLS_SOFTWARE_DEVELOPERS_2022),
        },
        LevelSpec {
            code: "E3",
            title: "Senior Software Engineer",
            reference: None,
        },
        LevelSpec {
            code: "E4",
            title: "Staff Software Engineer",
            reference: None,
        },
        LevelSpec {
            code: "E5",
            title: "Principal Software Engineer",
            reference: None,
        },
        LevelSpec {
            code: "E6",
            title: "Distinguished Engineer",
            reference: None,
        },
    ],
    areas: &[
        AreaSpec {
            name: "Technical delivery",
            description: "Designing, building and running software.",
            behaviours: [
                "Implements well-scoped tasks with tests and reviews, with guidance.",
                "Delivers features for a team independently; writes maintainable, tested code.",
                "Designs and delivers systems several teams depend on; leads a project's \
                 technical decisions.",
                "Sets technical direction for an organisation's systems; solves the hardest \
                 cross-team problems.",
                "Shapes the company's technical strategy and architecture.",
                "Advances the state of the art; a recognised technical authority in the \
                 industry.",
            ],
        },
        AreaSpec {
            name: "Communication and messaging",
            description: "Explaining designs and decisions; working with users and contributors.",
            behaviours: [
                "Asks for help early; explains own work clearly in reviews and stand-ups.",
                "Writes clear design notes and documentation; works well with product, support \
                 and community.",
                "Explains designs and trade-offs across teams; engages with users and open \
                 source contributors.",
                "Aligns teams on technical direction; writes documents leadership decides from.",
                "Influences executive decisions and company-wide standards.",
                "Represents the company in open source, standards bodies and the wider \
                 engineering community.",
            ],
        },
        AreaSpec {
            name: "Growing yourself and others",
            description: "Learning, reviewing, mentoring, hiring.",
            behaviours: [
                "Learns the codebase, tools and practices; acts on feedback.",
                "Reviews others' code helpfully; onboards new teammates.",
                "Mentors engineers; raises the team's engineering practices.",
                "Grows senior engineers across the organisation; leads hiring for technical \
                 roles.",
                "Develops technical leaders across the company.",
                "Develops engineers across the industry through open source, writing and \
                 speaking.",
            ],
        },
    ],
};
