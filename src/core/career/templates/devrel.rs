//! Developer Relations: key areas are the four aspects of technical community management
//! in the source material ("A Practical Strategy for Technical Community Program
//! Management"): program management, advocacy, communications and culture.

use super::{AreaSpec, LevelSpec, TrackSpec};
use crate::core::career::{Family, TrackKind};

pub(super) const SPEC: TrackSpec = TrackSpec {
    name: "Developer Relations",
    family: Family::DeveloperRelations,
    kind: TrackKind::IndividualContributor,
    hr_classification: "Often split between marketing, engineering and program management; \
        defined here level for level so the technical community work is not bucketed below \
        any of them.",
    levels: [
        LevelSpec {
            code: "D1",
            title: "Associate Developer Advocate",
            reference: None,
        },
        LevelSpec {
            code: "D2",
            title: "Developer Advocate",
            reference: None,
        },
        LevelSpec {
            code: "D3",
            title: "Senior Developer Advocate",
            reference: None,
        },
        LevelSpec {
            code: "D4",
            title: "Staff Developer Advocate",
            reference: None,
        },
        LevelSpec {
            code: "D5",
            title: "Principal Developer Advocate",
            reference: None,
        },
        LevelSpec {
            code: "D6",
            title: "Distinguished Developer Advocate",
            reference: None,
        },
    ],
    areas: &[
        AreaSpec {
            name: "Program management",
            description: "Running the technical community program from the highest-level \
                overview: commitment campaigns, user-experience maps, strong and weak touch \
                points, analytics.",
            behaviours: [
                "Runs parts of a developer program from a plan: events, office hours, a \
                 newsletter; records what happened.",
                "Runs a developer program end to end with SMART goals; maps the developer \
                 journey and reports which touch points move people on.",
                "Designs commitment campaigns across several teams' products; finds the weak \
                 touch points in the developer journey and fixes them with data.",
                "Owns the organisation's portfolio of developer programs against goals that \
                 business leaders set; chooses the measures.",
                "Proposes to business leaders, with evidence, which developer programs to fund \
                 and stop across the company; runs the ones chosen.",
                "Leads programs that shape a developer ecosystem beyond the company: a \
                 foundation, a shared standard, an industry program.",
            ],
        },
        AreaSpec {
            name: "Advocacy",
            description: "Advocacy on behalf of the product and the developer: education, \
                troubleshooting with users, onboarding, the knowledge base.",
            behaviours: [
                "Answers developers' questions accurately; reproduces problems and files clear \
                 bug reports.",
                "Writes tutorials, samples and onboarding that developers finish; keeps a part \
                 of the knowledge base current.",
                "Owns developer education for a product line; brings developer pain points to \
                 engineering with evidence and gets them fixed.",
                "Sets how the organisation educates and onboards developers; measures developer \
                 success, not just reach.",
                "Shapes the company's developer experience across products with engineering \
                 and product leaders.",
                "A recognised technical voice across the industry; developers and peers change \
                 how they build because of the work.",
            ],
        },
        AreaSpec {
            name: "Communications",
            description: "Representing the team to users and the users to the team: content, \
                channels, internal and external communications.",
            behaviours: [
                "Writes clear posts, talks and social content in the team's voice.",
                "Owns a channel (blog, newsletter, forum, talks); adapts one message for \
                 developers in each.",
                "Defines the message for launches across several teams; reports developer \
                 feedback so product and engineering act on it.",
                "Sets the organisation's developer communications plan; keeps stakeholders and \
                 users informed of each other's interests.",
                "Shapes how the company speaks with developers; a trusted spokesperson with \
                 executives and in a crisis.",
                "Speaks for developer communities across the industry; publishes and keynotes.",
            ],
        },
        AreaSpec {
            name: "Culture",
            description: "Being in the community and assessing its culture from the ground up: \
                journey mapping, moderation, representing the team.",
            behaviours: [
                "Takes part in the community's channels with a beginner's mind; moderates by \
                 the code of conduct.",
                "Maps the community's culture across its channels and stages; welcomes and \
                 grows active members.",
                "Grows contributor and leader paths that others run; resolves conflicts among \
                 members fairly.",
                "Sets the organisation's community norms, moderation and recognition; develops \
                 leaders among members and staff.",
                "Makes community health a company concern; builds a culture others adopt.",
                "Shapes the culture of an ecosystem across companies and open source projects.",
            ],
        },
    ],
};
