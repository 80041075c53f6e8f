use super::*;
use crate::core::career::templates::{add_template, Template};
use crate::core::curve::ops::{add_stage, add_touch_point};
use crate::core::goals::{add_goal, add_objective};
use crate::core::schema;

/// A plan with the Community template; returns it with the track id.
fn community_plan() -> (Plan, String) {
    let mut plan = Plan::new("plan", "P");
    let track = add_template(&mut plan, Template::Community);
    (plan, track)
}

fn level_at(plan: &Plan, track: &str, rank: u32) -> String {
    plan.career
        .track(track)
        .unwrap()
        .level_at_rank(rank)
        .unwrap()
        .id
        .to_string()
}

/// A goal owned by "The community team" (the role's, in these tests) unless `owner` says.
fn goal_with(plan: &mut Plan, title: &str, scope: Option<Scope>) -> String {
    goal_owned(plan, title, scope, "The community team")
}

fn goal_owned(plan: &mut Plan, title: &str, scope: Option<Scope>, owner: &str) -> String {
    let id = add_goal(plan, None).unwrap();
    let goal = plan.goals.goal_mut(&id).unwrap();
    goal.title = title.into();
    goal.scope = scope;
    if !owner.is_empty() {
        goal.key_players = vec![crate::core::goals::KeyPlayer {
            id: format!("{id}-k").into(),
            name: owner.into(),
            owner: true,
            extra: Default::default(),
        }];
    }
    plan.career.role_owners = vec!["The community team".into()];
    id
}

#[test]
fn goals_tagged_at_organisation_scope_are_the_scope_of_the_first_level_that_reaches_it() {
    let (mut plan, track) = community_plan();
    for title in [
        "Launch the summit",
        "Open the forum",
        "Run the champions program",
    ] {
        goal_with(&mut plan, title, Some(Scope::Organisation));
    }
    goal_with(&mut plan, "Answer questions", Some(Scope::Team));
    let manager = level_at(&plan, &track, 2);

    let check = scope_check(&plan, &manager).unwrap();

    assert_eq!(check.findings.len(), 1);
    let finding = &check.findings[0];
    assert_eq!(finding.scope, Scope::Organisation);
    assert_eq!(finding.items.len(), 3);
    assert_eq!(
        finding.message(&check.level, &check.track_name),
        "3 goals owned by the role or its team are tagged at organisation scope, wider than \
         Community Manager's (team): the scope of C4 Lead Community Manager."
    );
    assert_eq!((check.within, check.counted, check.total), (1, 4, 4));
    assert_eq!(
        check.summary(),
        "4 of the 4 pieces of work in this plan are owned by the role or its team (The \
         community team) and tagged with a scope: 1 fits Community Manager's scope (team); 3 \
         are wider."
    );
    assert_eq!(
        check.next_text(),
        "The next level, C3 Senior Community Manager, has scope several teams."
    );
}

#[test]
fn the_summarys_tone_is_neutral_when_nothing_is_counted() {
    use crate::core::signal::Tone;
    let (mut plan, track) = community_plan();
    let manager = level_at(&plan, &track, 2);
    // A blank plan: 0 of 0 pieces of work is nothing to judge, not a success.
    assert_eq!(scope_check(&plan, &manager).unwrap().tone(), Tone::Neutral);
    goal_with(&mut plan, "Answer questions", Some(Scope::Team));
    assert_eq!(scope_check(&plan, &manager).unwrap().tone(), Tone::Good);
    goal_with(&mut plan, "Launch the summit", Some(Scope::Organisation));
    assert_eq!(scope_check(&plan, &manager).unwrap().tone(), Tone::Warn);
}

#[test]
fn work_within_the_level_gives_no_finding() {
    let (mut plan, track) = community_plan();
    goal_with(&mut plan, "Answer questions", Some(Scope::Team));
    goal_with(&mut plan, "Write posts", Some(Scope::OneSelf));
    let check = scope_check(&plan, &level_at(&plan, &track, 2)).unwrap();
    assert!(check.findings.is_empty());
    assert_eq!(check.within, 2);
}

#[test]
fn untagged_work_is_listed_as_not_tagged_never_given_a_scope() {
    let (mut plan, track) = community_plan();
    add_objective(&mut plan, "Grow the community");
    plan.goals.objectives[0].owner = "The community team".into();
    goal_with(&mut plan, "Untagged goal", None);
    let a = add_stage(&mut plan, "Observer", None);
    let b = add_stage(&mut plan, "Participant", Some(&a));
    add_touch_point(&mut plan, "Welcome", &a, &b).unwrap();

    let work = plan_work(&plan);
    let standings: Vec<(WorkKind, Option<Scope>, Standing)> = work
        .iter()
        .map(|w| (w.kind, w.scope, w.standing()))
        .collect();
    assert_eq!(
        standings,
        vec![
            (WorkKind::Objective, None, Standing::NotTagged),
            (WorkKind::Goal, None, Standing::NotTagged),
            (WorkKind::TouchPoint, None, Standing::NotTagged),
        ]
    );
    let check = scope_check(&plan, &level_at(&plan, &track, 1)).unwrap();
    assert!(check.findings.is_empty());
    assert_eq!(check.not_tagged.len(), 3);
    assert_eq!(
        check.summary(),
        "None of the 3 pieces of work in this plan is both owned by the role or its team (The \
         community team) and tagged with a scope, so none is counted. Not counted: 3 not tagged \
         with a scope."
    );
    let text = scope_check_markdown(&check);
    assert!(text.contains(
        "Not tagged with a scope, not counted:\n\n- Grow the community (objective, owner: The \
         community team)\n- Untagged goal (goal, owner: The community team)\n- Welcome (touch \
         point, no owner named)\n"
    ));
    assert!(NOT_TAGGED_NOTE.contains("does not guess a scope"));
}

#[test]
fn work_owned_by_others_is_not_the_roles_however_wide() {
    let (mut plan, track) = community_plan();
    add_objective(&mut plan, "Own the developer strategy");
    let o = &mut plan.goals.objectives[0];
    o.owner = "VP Developer Experience".into();
    o.scope = Some(Scope::Company);
    goal_owned(
        &mut plan,
        "Support backlog",
        Some(Scope::Organisation),
        "Support",
    );
    goal_owned(&mut plan, "Nobody's", Some(Scope::Organisation), "");
    let check = scope_check(&plan, &level_at(&plan, &track, 2)).unwrap();
    assert!(check.findings.is_empty(), "{:?}", check.findings);
    assert_eq!(check.owned_by_others.len(), 2);
    assert_eq!(check.no_owner.len(), 1);
    assert!(check.summary().ends_with(
        "so none is counted. Not counted: 2 owned by others and 1 with no owner named."
    ));
    // Naming the VP as the role's owner would count it: the user says whose work it is.
    set_role_owner(&mut plan.career, "  vp developer  experience ", true);
    let check = scope_check(&plan, &level_at(&plan, &track, 2)).unwrap();
    assert_eq!(check.findings.len(), 1);
    assert_eq!(check.findings[0].items[0].kind, WorkKind::Objective);
}

#[test]
fn without_role_owners_nothing_is_counted_and_the_check_says_what_to_do() {
    let (mut plan, track) = community_plan();
    goal_with(&mut plan, "Run the summit", Some(Scope::Organisation));
    plan.career.role_owners.clear();
    let check = scope_check(&plan, &level_at(&plan, &track, 2)).unwrap();
    assert!(check.findings.is_empty());
    assert_eq!(
        check.summary(),
        "No work is counted yet: say which owners named in this plan are the person in the role \
         or their team. Of the 1 piece of work in this plan, 1 is tagged with a scope."
    );
}

#[test]
fn owner_names_are_offered_once_each_and_role_owners_toggle_without_repeats() {
    let (mut plan, _) = community_plan();
    add_objective(&mut plan, "O");
    plan.goals.objectives[0].owner = "Community team".into();
    goal_owned(&mut plan, "G", None, "community  TEAM");
    goal_owned(&mut plan, "H", None, "Support");
    assert_eq!(owner_names(&plan), ["Community team", "Support"]);
    let mut career = Career::default();
    set_role_owner(&mut career, "Support", true);
    set_role_owner(&mut career, "support ", true);
    assert_eq!(career.role_owners, ["Support"]);
    set_role_owner(&mut career, "SUPPORT", false);
    assert!(career.role_owners.is_empty());
    set_role_owner(&mut career, "   ", true);
    assert!(career.role_owners.is_empty());
}

#[test]
fn a_tagged_scope_within_the_level_leaves_no_finding() {
    let (mut plan, track) = community_plan();
    add_objective(&mut plan, "Small objective");
    plan.goals.objectives[0].scope = Some(Scope::Team);
    plan.goals.objectives[0].owner = "The community team".into();
    plan.career.role_owners = vec!["The community team".into()];
    let check = scope_check(&plan, &level_at(&plan, &track, 2)).unwrap();
    assert!(check.findings.is_empty());
    assert_eq!((check.counted, check.within), (1, 1));
}

#[test]
fn dropped_goals_are_not_work_the_plan_asks_for() {
    let (mut plan, track) = community_plan();
    let g = goal_with(&mut plan, "Old idea", Some(Scope::Company));
    plan.goals.goal_mut(&g).unwrap().status = GoalStatus::Dropped;
    let check = scope_check(&plan, &level_at(&plan, &track, 2)).unwrap();
    assert_eq!((check.total, check.findings.len()), (0, 0));
}

#[test]
fn work_wider_than_every_level_says_so_and_mixed_kinds_are_counted_apart() {
    let (mut plan, track) = community_plan();
    // Narrow the track so nothing reaches industry.
    for level in &mut plan.career.tracks[0].levels {
        level.scope = level.scope.min(Scope::Company);
    }
    goal_with(&mut plan, "Set the standard", Some(Scope::Industry));
    add_objective(&mut plan, "Lead the field");
    plan.goals.objectives[0].scope = Some(Scope::Industry);
    plan.goals.objectives[0].owner = "The community team".into();
    let check = scope_check(&plan, &level_at(&plan, &track, 2)).unwrap();
    assert_eq!(
        check.findings[0].message(&check.level, &check.track_name),
        "1 goal and 1 objective owned by the role or its team are tagged at industry scope, \
         wider than Community Manager's (team): wider than any level of the Community track."
    );
}

#[test]
fn key_areas_show_the_work_and_the_behaviours_of_the_level_and_the_next() {
    let (mut plan, track) = community_plan();
    let area = plan.career.track(&track).unwrap().key_areas[0].clone();
    let g = goal_with(&mut plan, "Launch messaging", Some(Scope::SeveralTeams));
    plan.goals.goal_mut(&g).unwrap().key_area_ids = vec![area.id.clone()];
    let manager = level_at(&plan, &track, 2);
    let senior = level_at(&plan, &track, 3);

    let check = scope_check(&plan, &manager).unwrap();
    let a = check
        .areas
        .iter()
        .find(|a| a.key_area_id == area.id)
        .unwrap();
    assert_eq!(a.items.len(), 1);
    let expected = |level: &str| {
        area.behaviours
            .iter()
            .find(|b| b.level_id == level)
            .map(|b| b.text.clone())
    };
    assert_eq!(a.at_level.as_ref().map(|b| b.1.clone()), expected(&manager));
    assert_eq!(a.at_next.as_ref().map(|b| b.1.clone()), expected(&senior));
    assert!(check.areas.iter().skip(1).all(|a| a.items.is_empty()));
}

#[test]
fn the_top_level_has_no_next_level() {
    let (plan, track) = community_plan();
    let check = scope_check(&plan, &level_at(&plan, &track, 6)).unwrap();
    assert_eq!(check.next, None);
    assert_eq!(
        check.next_text(),
        "C6 Distinguished Community Architect is the top level of its track."
    );
    assert_eq!(scope_check(&plan, "missing"), None);
}

#[test]
fn goals_above_the_level_are_offered_as_evidence_until_cited() {
    let (mut plan, track) = community_plan();
    let area = plan.career.track(&track).unwrap().key_areas[1].clone();
    let g = goal_with(
        &mut plan,
        "Run the champions program",
        Some(Scope::Organisation),
    );
    plan.goals.goal_mut(&g).unwrap().key_area_ids = vec![area.id.clone()];
    let manager = level_at(&plan, &track, 2);
    let senior = level_at(&plan, &track, 3);
    let assessment = crate::core::career::edit::add_self_assessment(&mut plan, &senior).unwrap();

    let check = scope_check(&plan, &manager).unwrap();
    let offered = offered_evidence(&check, &plan.career, &assessment);
    assert_eq!(offered.len(), 1);
    let evidence = evidence_from_goal(&plan.career, &senior, offered[0]);
    let behaviour = area
        .behaviours
        .iter()
        .find(|b| b.level_id == senior)
        .unwrap();
    assert_eq!(evidence.goal_id.as_deref(), Some(g.as_str()));
    assert_eq!(evidence.text, "Run the champions program");
    assert_eq!(evidence.behaviour_ids, vec![behaviour.id.clone()]);

    crate::core::career::edit::add_evidence(&mut plan, &assessment, evidence).unwrap();
    assert!(offered_evidence(&check, &plan.career, &assessment).is_empty());
    assert_eq!(schema::check_plan(&plan), Ok(()));
}

#[test]
fn the_brief_section_lists_findings_items_areas_and_what_is_not_counted() {
    let (mut plan, track) = community_plan();
    let area = plan.career.track(&track).unwrap().key_areas[0].clone();
    let g = goal_with(
        &mut plan,
        "Own the *launch* | narrative",
        Some(Scope::Organisation),
    );
    plan.goals.goal_mut(&g).unwrap().key_area_ids = vec![area.id.clone()];
    goal_with(&mut plan, "Untagged", None);
    let check = scope_check(&plan, &level_at(&plan, &track, 2)).unwrap();
    let text = scope_check_markdown(&check);
    assert!(text.starts_with("## The work in this plan against the title\n\n"));
    assert!(text.contains(
        "- 1 goal owned by the role or its team is tagged at organisation scope, wider than \
         Community Manager's (team): the scope of C4 Lead Community Manager.\n"
    ));
    assert!(
        text.contains("  - Own the \\*launch\\* \\| narrative (goal, owner: The community team)\n")
    );
    assert!(text.contains("| Communication and messaging | Own the \\*launch\\* \\| narrative |"));
    assert!(text.contains("Not tagged with a scope, not counted:\n\n- Untagged (goal"));
    assert!(!text.contains("rule of thumb"));
}

#[test]
fn tags_survive_export_and_a_tag_naming_no_key_area_is_refused() {
    let (mut plan, track) = community_plan();
    let area = plan.career.track(&track).unwrap().key_areas[0].id.clone();
    let g = goal_with(&mut plan, "Tagged", Some(Scope::Company));
    plan.goals.goal_mut(&g).unwrap().key_area_ids = vec![area.clone()];
    add_objective(&mut plan, "O");
    plan.goals.objectives[0].scope = Some(Scope::SeveralTeams);
    plan.goals.objectives[0].key_area_ids = vec![area.clone()];
    let back = crate::core::schema::PlanReader::linked().import(&schema::export_plan(&plan));
    assert_eq!(back, Ok(plan.clone()));

    plan.goals.goal_mut(&g).unwrap().key_area_ids = vec!["k-gone".into()];
    let refused = crate::core::schema::PlanReader::linked()
        .import(&schema::export_plan(&plan))
        .unwrap_err();
    assert!(refused.to_string().contains("key_area_ids[0]"), "{refused}");
    assert!(refused.to_string().contains("k-gone"), "{refused}");
}

#[test]
fn removing_key_areas_drops_the_tags_that_named_them() {
    let (mut plan, track) = community_plan();
    let area = plan.career.track(&track).unwrap().key_areas[0].id.clone();
    let g = goal_with(&mut plan, "Tagged", None);
    plan.goals.goal_mut(&g).unwrap().key_area_ids = vec![area.clone()];
    crate::core::career::edit::remove_key_area(&mut plan.career, &area).unwrap();
    forget_key_areas(&mut plan);
    assert!(plan.goals.goal(&g).unwrap().key_area_ids.is_empty());
    assert_eq!(schema::check_plan(&plan), Ok(()));
}

#[test]
fn key_area_options_name_the_track() {
    let (plan, _) = community_plan();
    let options = key_area_options(&plan.career);
    assert_eq!(options[0].1, "Community · Communication and messaging");
}

#[test]
fn the_evidence_brief_includes_the_scope_check_after_the_bucketing_check() {
    use crate::core::career::brief::{evidence_brief, BriefRequest};
    let (mut plan, track) = community_plan();
    goal_with(&mut plan, "Run the summit", Some(Scope::Organisation));
    let manager = level_at(&plan, &track, 2);
    let mut request = BriefRequest {
        level_id: manager.clone(),
        ..BriefRequest::default()
    };
    let without = evidence_brief(&plan.career, &request, &|_| None);
    assert!(!without.contains("against the title"));
    request.scope = scope_check(&plan, &manager);
    let with = evidence_brief(&plan.career, &request, &|_| None);
    let at = with
        .find("## The work in this plan against the title")
        .unwrap();
    assert!(at > with.find("## Bucketing check").unwrap());
    assert!(with[at..].contains("the scope of C4 Lead Community Manager."));
}

#[test]
fn toggling_a_key_area_never_repeats_it() {
    let mut ids: Vec<KeyAreaId> = vec!["k1".into()];
    toggle_key_area(&mut ids, "k1", true);
    toggle_key_area(&mut ids, "k2", true);
    assert_eq!(ids, ["k1", "k2"]);
    toggle_key_area(&mut ids, "k1", false);
    assert_eq!(ids, ["k2"]);
}

#[test]
fn a_tag_naming_a_record_that_is_not_a_key_area_is_refused() {
    let (mut plan, _) = community_plan();
    let g = goal_with(&mut plan, "Tagged", None);
    plan.goals.goal_mut(&g).unwrap().key_area_ids = vec![g.as_str().into()];
    let refused = crate::core::schema::PlanReader::linked()
        .import(&schema::export_plan(&plan))
        .unwrap_err();
    assert!(refused.to_string().contains("key_area_ids[0]"), "{refused}");
    assert!(refused.to_string().contains("key area"), "{refused}");
}
