//! The templates' contents. Asks rise in effort by small steps on the 1–12 scale.

use super::{Outcome, TouchPointKind};

pub(super) struct TemplateDef {
    pub name: &'static str,
    pub source: &'static str,
    pub stages: &'static [StageDef],
    pub touch_points: &'static [TouchDef],
}

pub(super) struct StageDef {
    pub name: &'static str,
    pub who: &'static str,
    pub level: u8,
    pub asks: &'static [(&'static str, u8)],
    pub desired: &'static [&'static str],
}

pub(super) struct TouchDef {
    pub from: usize,
    pub to: usize,
    pub name: &'static str,
    pub kind: TouchPointKind,
    pub channel: &'static str,
    pub outcome: Outcome,
    pub reward: &'static str,
    pub follow_up: &'static str,
    pub metric: &'static str,
}

/// In the order of `TemplateKind::ALL`.
pub(super) const TEMPLATES: [TemplateDef; 6] = [COMMITMENT, MOZILLA, ORBIT, APACHE, CNCF, BLANK];

const COMMITMENT: TemplateDef = TemplateDef {
    name: "Community commitment curve",
    source: "Adapted from the commitment curve — Douglas Atkin (The Culting of Brands); Carrie \
             Melissa Jones, carriemelissajones.com/blog/community-commitment-curve. The stage \
             names awareness, membership, belonging and leadership are Trellis's adaptation.",
    stages: &[
        StageDef {
            name: "Awareness",
            who: "People who have heard of the community and read or watch without joining.",
            level: 10,
            asks: &[
                ("Read a post or watch a talk", 1),
                ("Follow the community on social media", 1),
                ("Subscribe to the newsletter", 2),
            ],
            desired: &["curious", "welcome"],
        },
        StageDef {
            name: "Membership",
            who: "Signed-up members who ask and answer questions.",
            level: 35,
            asks: &[
                ("Create an account and introduce yourself", 3),
                ("Ask a question", 3),
                ("Answer someone else's question", 4),
            ],
            desired: &["helped", "competent"],
        },
        StageDef {
            name: "Belonging",
            who: "Regulars who identify with the community and help others.",
            level: 65,
            asks: &[
                ("Share a project or tutorial", 5),
                ("Speak at a community call", 6),
                ("Mentor a newcomer", 7),
            ],
            desired: &["recognised", "among peers"],
        },
        StageDef {
            name: "Leadership",
            who: "Members who organise, moderate and shape the community.",
            level: 90,
            asks: &[
                ("Moderate a channel", 8),
                ("Organise a local meetup", 9),
                ("Lead a working group", 10),
            ],
            desired: &["trusted", "proud"],
        },
    ],
    touch_points: &[
        TouchDef {
            from: 0,
            to: 1,
            name: "Welcome thread and onboarding emails",
            kind: TouchPointKind::Onboarding,
            channel: "Forum + email",
            outcome: Outcome::Acquisition,
            reward: "Newcomer badge",
            follow_up: "Personal reply to every introduction within 24 hours",
            metric: "Visitors who create an account (%)",
        },
        TouchDef {
            from: 1,
            to: 2,
            name: "Member spotlight",
            kind: TouchPointKind::Recognition,
            channel: "Newsletter",
            outcome: Outcome::Engagement,
            reward: "Featured in the newsletter",
            follow_up: "Invitation to speak at the next community call",
            metric: "Members active in 3 of the last 4 weeks (%)",
        },
        TouchDef {
            from: 2,
            to: 3,
            name: "Community leaders program",
            kind: TouchPointKind::Incentive,
            channel: "Private channel + monthly call",
            outcome: Outcome::Contribution,
            reward: "Leader title, swag, event tickets",
            follow_up: "Quarterly 1:1 with the community manager",
            metric: "Regulars who take on a role (%)",
        },
    ],
};

const MOZILLA: TemplateDef = TemplateDef {
    name: "Mozilla contribution pathways",
    source: "Adapted from Mozilla's community-building pages on the Mozilla wiki (Community \
             Building Team): wiki.mozilla.org/Community, which describes core, active and casual \
             contributors, and wiki.mozilla.org/Contribute. The stage names are Trellis's \
             adaptation.",
    stages: &[
        StageDef {
            name: "Interested",
            who: "People curious about the project who have not contributed yet.",
            level: 10,
            asks: &[
                ("Star or watch the repository", 1),
                ("Read the contributing guide", 2),
                ("Join the chat", 2),
            ],
            desired: &["invited", "oriented"],
        },
        StageDef {
            name: "Casual",
            who: "Occasional contributors with one or a few contributions.",
            level: 35,
            asks: &[
                ("Report a bug", 3),
                ("Fix a typo in the docs", 3),
                ("Fix a good first issue", 5),
            ],
            desired: &["thanked", "capable"],
        },
        StageDef {
            name: "Active",
            who: "Regular contributors who know the codebase and the people.",
            level: 65,
            asks: &[
                ("Review a pull request", 6),
                ("Triage issues for a week", 7),
                ("Ship a feature", 8),
            ],
            desired: &["valued", "connected"],
        },
        StageDef {
            name: "Core",
            who: "Contributors who own parts of the project and guide others.",
            level: 90,
            asks: &[
                ("Own a component", 9),
                ("Mentor new contributors", 9),
                ("Set the roadmap with the maintainers", 10),
            ],
            desired: &["ownership", "trusted"],
        },
    ],
    touch_points: &[
        TouchDef {
            from: 0,
            to: 1,
            name: "Labelled good first issues with a mentor",
            kind: TouchPointKind::Onboarding,
            channel: "GitHub",
            outcome: Outcome::Contribution,
            reward: "Thank-you comment and name in the release notes",
            follow_up: "Suggest a next issue when the first one merges",
            metric: "Interested people who make a first contribution (%)",
        },
        TouchDef {
            from: 1,
            to: 2,
            name: "Contributor of the month",
            kind: TouchPointKind::Recognition,
            channel: "Blog + chat",
            outcome: Outcome::Contribution,
            reward: "Public shout-out",
            follow_up: "Invitation to the contributors' call",
            metric: "First-time contributors who contribute again within 90 days (%)",
        },
        TouchDef {
            from: 2,
            to: 3,
            name: "Invitation to the core team",
            kind: TouchPointKind::Incentive,
            channel: "Email from a maintainer",
            outcome: Outcome::Contribution,
            reward: "Commit access and a seat in planning",
            follow_up: "Pairing with a core member for the first month",
            metric: "Active contributors who join the core team (%)",
        },
    ],
};

const ORBIT: TemplateDef = TemplateDef {
    name: "Orbit model levels",
    source: "The Orbit Model v2, orbit levels (orbit-love/orbit-model)",
    stages: &[
        StageDef {
            name: "Exploring",
            who: "Newcomers and passive observers (Orbit 4).",
            level: 10,
            asks: &[
                ("Read the newsletter", 1),
                ("Browse the forum", 2),
                ("Join the community chat", 3),
            ],
            desired: &["curious", "welcome"],
        },
        StageDef {
            name: "Participating",
            who: "Casually involved regulars (Orbit 3).",
            level: 40,
            asks: &[
                ("Attend an event", 4),
                ("Ask or answer a question", 5),
                ("Show up two days a week", 6),
            ],
            desired: &["known by name", "helped"],
        },
        StageDef {
            name: "Contributing",
            who: "Active coordinators and volunteers (Orbit 2).",
            level: 70,
            asks: &[
                ("Write a blog post or tutorial", 7),
                ("Give a talk", 8),
                ("Volunteer at an event", 9),
            ],
            desired: &["appreciated", "effective"],
        },
        StageDef {
            name: "Leading",
            who: "Trusted leaders and advocates (Orbit 1).",
            level: 95,
            asks: &[
                ("Host a meetup", 10),
                ("Run a community program", 11),
                ("Represent the community publicly", 12),
            ],
            desired: &["trusted", "influential"],
        },
    ],
    touch_points: &[
        TouchDef {
            from: 0,
            to: 1,
            name: "Onboarding journey",
            kind: TouchPointKind::Onboarding,
            channel: "Email + chat",
            outcome: Outcome::Engagement,
            reward: "Welcome from a community member",
            follow_up: "Invitation to the next event",
            metric: "Explorers who participate within 30 days (%)",
        },
        TouchDef {
            from: 1,
            to: 2,
            name: "Member-to-member introductions",
            kind: TouchPointKind::Event,
            channel: "Community events",
            outcome: Outcome::Engagement,
            reward: "Introductions to peers",
            follow_up: "Ask to help at the next event",
            metric: "Participants who contribute within a quarter (%)",
        },
        TouchDef {
            from: 2,
            to: 3,
            name: "Ambassador program",
            kind: TouchPointKind::Incentive,
            channel: "Application + cohort",
            outcome: Outcome::Acquisition,
            reward: "Ambassador title, budget for meetups",
            follow_up: "Monthly ambassador call",
            metric: "Contributors who lead within two quarters (%)",
        },
    ],
};

const APACHE: TemplateDef = TemplateDef {
    name: "Apache contributor ladder",
    source: "The Apache Software Foundation — roles in the Apache Way: user, contributor, \
             committer, PMC member (apache.org/foundation/how-it-works)",
    stages: &[
        StageDef {
            name: "User",
            who: "People who use the software and follow the user mailing list.",
            level: 10,
            asks: &[
                ("Use the software and read the docs", 1),
                ("Subscribe to the user mailing list", 2),
                ("Ask a question on the list", 3),
            ],
            desired: &["supported", "confident"],
        },
        StageDef {
            name: "Contributor",
            who: "Users who contribute patches, docs, bug reports or answers.",
            level: 40,
            asks: &[
                ("Report an issue", 3),
                ("Answer questions on the user list", 4),
                ("Submit a patch", 5),
            ],
            desired: &["heard", "thanked"],
        },
        StageDef {
            name: "Committer",
            who: "Contributors given write access by the PMC for sustained merit.",
            level: 70,
            asks: &[
                ("Review and merge patches", 7),
                ("Guide contributors on the dev list", 7),
                ("Prepare a release", 8),
            ],
            desired: &["trusted", "responsible"],
        },
        StageDef {
            name: "PMC member",
            who: "Committers who govern the project and cast binding votes.",
            level: 92,
            asks: &[
                ("Cast binding votes on releases", 9),
                ("Vote in new committers", 9),
                ("Write the report to the board", 10),
            ],
            desired: &["stewardship", "respected"],
        },
    ],
    touch_points: &[
        TouchDef {
            from: 0,
            to: 1,
            name: "Contributor guide and newcomer issues",
            kind: TouchPointKind::Onboarding,
            channel: "Website + issue tracker",
            outcome: Outcome::Contribution,
            reward: "Credit in the commit message",
            follow_up: "Review within a week",
            metric: "Users who file a first patch or issue (%)",
        },
        TouchDef {
            from: 1,
            to: 2,
            name: "Committer nomination",
            kind: TouchPointKind::Recognition,
            channel: "Private PMC list",
            outcome: Outcome::Contribution,
            reward: "Commit access and an apache.org account",
            follow_up: "Committer onboarding checklist",
            metric: "Contributors voted in as committers per year",
        },
        TouchDef {
            from: 2,
            to: 3,
            name: "PMC invitation",
            kind: TouchPointKind::Recognition,
            channel: "Private PMC list",
            outcome: Outcome::Contribution,
            reward: "Binding vote",
            follow_up: "PMC orientation with the chair",
            metric: "Committers invited to the PMC per year",
        },
    ],
};

const CNCF: TemplateDef = TemplateDef {
    name: "CNCF contributor ladder",
    source: "CNCF contributor ladder template (cncf/project-template, CONTRIBUTOR_LADDER.md)",
    stages: &[
        StageDef {
            name: "Participant",
            who: "Users who have stopped being anonymous and join project discussions.",
            level: 10,
            asks: &[
                ("Try out a new release", 1),
                ("Comment on an issue", 2),
                ("Attend a community meeting", 3),
            ],
            desired: &["welcome", "informed"],
        },
        StageDef {
            name: "Contributor",
            who: "People who contribute directly, occasionally or for the first time.",
            level: 30,
            asks: &[
                ("Submit a bug report", 3),
                ("Contribute to the docs", 4),
                ("Open a pull request", 5),
            ],
            desired: &["thanked", "capable"],
        },
        StageDef {
            name: "Organization member",
            who: "Established contributors who participate regularly and vote in elections.",
            level: 55,
            asks: &[
                ("Contribute regularly for three months", 6),
                ("Take responsibility for a project area", 7),
            ],
            desired: &["belonging", "trusted"],
        },
        StageDef {
            name: "Reviewer",
            who: "Members responsible for reviewing changes to a specific area.",
            level: 75,
            asks: &[
                ("Review most pull requests in your area", 8),
                ("Help other contributors become reviewers", 9),
            ],
            desired: &["expert", "relied on"],
        },
        StageDef {
            name: "Maintainer",
            who: "Established contributors responsible for the whole project.",
            level: 95,
            asks: &[
                ("Mentor new reviewers", 10),
                ("Set strategy and policy for the project", 11),
            ],
            desired: &["ownership", "respected"],
        },
    ],
    touch_points: &[
        TouchDef {
            from: 0,
            to: 1,
            name: "Good first issues and contributor guide",
            kind: TouchPointKind::Onboarding,
            channel: "GitHub",
            outcome: Outcome::Contribution,
            reward: "Invitation to contributor events",
            follow_up: "Maintainer review within a week",
            metric: "Participants who open a first pull request (%)",
        },
        TouchDef {
            from: 1,
            to: 2,
            name: "Organization membership with two sponsors",
            kind: TouchPointKind::Recognition,
            channel: "GitHub org",
            outcome: Outcome::Contribution,
            reward: "Org membership and CI rights",
            follow_up: "Sponsor check-in after a month",
            metric: "Contributors sponsored into the org (%)",
        },
        TouchDef {
            from: 2,
            to: 3,
            name: "OWNERS file nomination",
            kind: TouchPointKind::Recognition,
            channel: "Pull request to OWNERS",
            outcome: Outcome::Contribution,
            reward: "Approve rights in an area",
            follow_up: "Reviewing guide walkthrough",
            metric: "Members who become reviewers (%)",
        },
        TouchDef {
            from: 3,
            to: 4,
            name: "Maintainer nomination",
            kind: TouchPointKind::Recognition,
            channel: "Maintainer vote",
            outcome: Outcome::Contribution,
            reward: "Vote in maintainer decisions",
            follow_up: "Join CNCF maintainer activities",
            metric: "Reviewers who become maintainers per year",
        },
    ],
};

const BLANK: TemplateDef = TemplateDef {
    name: "Blank curve",
    source: "Start from scratch",
    stages: &[],
    touch_points: &[],
};
