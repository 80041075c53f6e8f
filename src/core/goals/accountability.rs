//! Who an objective belongs to: its owner, the business leader who sponsors it, and the
//! business goal it serves. The source material is clear that strategy is set with and owned
//! by business leaders; the community role executes and informs it. Where an objective's words
//! suggest a community role is asked to own strategy, this asks the question: it is a match on
//! words ("strategy", "community"), not a fact about the plan.

use super::Objective;

/// Words that mark a community role (as an owner's name or title).
const COMMUNITY_ROLE_WORDS: [&str; 4] = ["community", "devrel", "developer relations", "advocate"];

/// Words that mark an executive, who may sponsor strategy whatever their field: a VP of
/// Developer Relations is a business leader, not "a community role".
const EXECUTIVE_WORDS: [&str; 9] = [
    "vp",
    "vice president",
    "head of",
    "director",
    "chief",
    "cmo",
    "cto",
    "ceo",
    "general manager",
];

fn has_word(who: &str, words: &[&str]) -> bool {
    let who = format!(
        " {} ",
        who.to_lowercase().replace(['.', ',', '(', ')'], " ")
    );
    words.iter().any(|w| who.contains(&format!(" {w} ")))
}

/// What to fix about who an objective belongs to; empty when owner, sponsor and business
/// goal are named and no community role is made to own a strategy.
pub fn accountability_findings(objective: &Objective) -> Vec<String> {
    let mut out = Vec::new();
    let owner = objective.owner.trim();
    let sponsor = objective.sponsor.trim();
    if owner.is_empty() {
        out.push("Name the owner: who answers for this objective day to day.".to_string());
    }
    if sponsor.is_empty() {
        out.push(
            "Name the sponsor: the business leader who owns the strategy this objective serves."
                .to_string(),
        );
    }
    if objective.business_goal.trim().is_empty() {
        out.push("Say which business goal this objective serves.".to_string());
    }
    // A community role that is not an executive: a VP or head of developer relations is a
    // business leader and may own strategy.
    let is_community = |who: &str| {
        let lower = who.to_lowercase();
        COMMUNITY_ROLE_WORDS.iter().any(|w| lower.contains(w)) && !has_word(who, &EXECUTIVE_WORDS)
    };
    let text = format!("{} {}", objective.title, objective.description).to_lowercase();
    let about_strategy = text.contains("strategy") || text.contains("strategic");
    if about_strategy && !owner.is_empty() && is_community(owner) {
        out.push(format!(
            "Does this objective ask {owner} to own strategy? Its words mention strategy and \
             its owner reads as a community role. If so: strategy is set with and owned by \
             business leaders, and the community role executes and informs it; make a business \
             leader the sponsor who owns it, or word the objective as the community work that \
             serves it."
        ));
    }
    if !sponsor.is_empty() && is_community(sponsor) {
        out.push(format!(
            "Is the sponsor ({sponsor}) the business leader whose goal this serves? The name \
             reads as a community role; a sponsor owns the business goal, and the community \
             role informs and executes."
        ));
    }
    out
}

/// "Owner: … · Sponsor: … · Serves: …", naming what is not set.
pub fn accountability_line(objective: &Objective) -> String {
    let or_unset = |v: &str| {
        if v.trim().is_empty() {
            "not named".to_string()
        } else {
            v.trim().to_string()
        }
    };
    format!(
        "Owner: {} · Sponsor: {} · Serves: {}",
        or_unset(&objective.owner),
        or_unset(&objective.sponsor),
        if objective.business_goal.trim().is_empty() {
            "no business goal named".to_string()
        } else {
            objective.business_goal.trim().to_string()
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objective() -> Objective {
        Objective {
            id: "o1".into(),
            title: "Build the infrastructure for sustainable community growth".into(),
            owner: "Developer community team".into(),
            sponsor: "VP Developer Experience".into(),
            business_goal: "Cut support cost per developer by 15%".into(),
            ..Objective::default()
        }
    }

    #[test]
    fn an_objective_with_owner_sponsor_and_business_goal_has_no_findings() {
        assert!(accountability_findings(&objective()).is_empty());
        assert_eq!(
            accountability_line(&objective()),
            "Owner: Developer community team · Sponsor: VP Developer Experience · Serves: Cut \
             support cost per developer by 15%"
        );
    }

    #[test]
    fn missing_owner_sponsor_and_business_goal_are_each_named() {
        let o = Objective::default();
        let f = accountability_findings(&o);
        assert_eq!(f.len(), 3);
        assert!(f[0].starts_with("Name the owner"));
        assert!(f[1].starts_with("Name the sponsor"));
        assert!(f[2].starts_with("Say which business goal"));
        assert_eq!(
            accountability_line(&o),
            "Owner: not named · Sponsor: not named · Serves: no business goal named"
        );
    }

    #[test]
    fn a_community_role_owning_strategy_is_asked_as_a_question_not_stated_as_fact() {
        let mut o = objective();
        o.title = "Own the company's developer strategy".into();
        let f = accountability_findings(&o);
        assert_eq!(f.len(), 1);
        assert!(f[0].starts_with(
            "Does this objective ask Developer community team to own strategy? Its words \
             mention strategy"
        ));
        let mut o = objective();
        o.sponsor = "Community manager".into();
        assert!(accountability_findings(&o)[0].starts_with(
            "Is the sponsor (Community manager) the business leader whose goal this serves?"
        ));
    }

    #[test]
    fn executives_are_left_alone_whatever_their_field() {
        for sponsor in [
            "VP of Developer Relations",
            "Head of Community",
            "Director, DevRel",
            "Chief Community Officer",
        ] {
            let mut o = objective();
            o.title = "Set the developer strategy".into();
            o.sponsor = sponsor.into();
            o.owner = sponsor.into();
            assert!(accountability_findings(&o).is_empty(), "{sponsor}");
        }
        // A developer advocate is a community role, not an executive: still asked.
        let mut o = objective();
        o.sponsor = "Developer advocate".into();
        assert_eq!(accountability_findings(&o).len(), 1);
    }
}
