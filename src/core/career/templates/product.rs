//! Product Management: the track the source material compares community management with
//! ("Is Product Management the same as Community Management?" No, though they overlap in
//! carrying the customer's voice into development).

use super::{AreaSpec, LevelSpec, TrackSpec};
use crate::core::career::{Family, TrackKind};

pub(super) const SPEC: TrackSpec = TrackSpec {
    name: "Product Management",
    family: Family::Product,
    kind: TrackKind::IndividualContributor,
    hr_classification: "Product family. It overlaps with community management in carrying \
        the customer's voice into development, but product managers rarely have the time to \
        engage, foster and build a community.",
    levels: [
        LevelSpec {
            code: "PM1",
            title: "Associate Product Manager",
            reference: None,
        },
        LevelSpec {
            code: "PM2",
            title: "Product Manager",
            reference: None,
        },
        LevelSpec {
            code: "PM3",
            title: "Senior Product Manager",
            reference: None,
        },
        LevelSpec {
            code: "PM4",
            title: "Staff Product Manager",
            reference: None,
        },
        LevelSpec {
            code: "PM5",
            title: "Principal Product Manager",
            reference: None,
        },
        LevelSpec {
            code: "PM6",
            title: "Distinguished Product Manager",
            reference: None,
        },
    ],
    areas: &[
        AreaSpec {
            name: "Customer voice and discovery",
            description: "Researching users and customers, and advocating their needs inside \
                the development process.",
            behaviours: [
                "Joins customer calls and reads support and forum threads; writes up what users \
                 ask for with evidence.",
                "Runs discovery for a feature: interviews users, tests prototypes, and states \
                 the problem before the solution.",
                "Makes sure the development cycle works for the customer across several teams; \
                 turns research into requirements they act on.",
                "Sets how the organisation learns from customers (research, community and \
                 support signals) and which questions it answers first.",
                "Shapes the company's view of its customers and markets; its product bets rest \
                 on that evidence.",
                "Known across the industry for understanding a market; changes how others \
                 build for it.",
            ],
        },
        AreaSpec {
            name: "Roadmap and prioritisation",
            description: "Deciding what to build, in what order, and what not to build.",
            behaviours: [
                "Keeps a feature backlog clear and ordered with the team.",
                "Owns the roadmap of one product area; says no with reasons.",
                "Prioritises across several teams' roadmaps; manages trade-offs between scope, \
                 time and quality.",
                "Sets the product strategy of an organisation with its leaders; funds and stops \
                 work against business goals.",
                "Sets company-wide product direction with executives; sequences big bets.",
                "Defines a product category or platform that others in the industry build on.",
            ],
        },
        AreaSpec {
            name: "Delivery with engineering",
            description: "Shipping with engineering and design: requirements, trade-offs, \
                launches.",
            behaviours: [
                "Writes clear user stories and acceptance criteria; answers the team's \
                 questions quickly.",
                "Ships features end to end with engineering and design; defines release \
                 criteria and success measures.",
                "Delivers launches spanning several teams; resolves cross-team trade-offs.",
                "Owns the outcomes of an organisation's product line; measures adoption and \
                 business results.",
                "Accountable for company-level product outcomes and the operating model that \
                 delivers them.",
                "Leads cross-company product efforts, such as a shared platform or standard.",
            ],
        },
        AreaSpec {
            name: "Communication and alignment",
            description: "Keeping customers, colleagues and leaders informed and agreed.",
            behaviours: [
                "Writes release notes and updates the team relies on.",
                "Presents the plan and its reasons to stakeholders; writes launch content with \
                 marketing.",
                "Aligns sales, support, marketing and community around a launch.",
                "Communicates the organisation's product direction to executives, customers and \
                 partners.",
                "Represents the company's product vision to the board, analysts and key \
                 customers.",
                "A recognised voice on product practice across the industry.",
            ],
        },
    ],
};
