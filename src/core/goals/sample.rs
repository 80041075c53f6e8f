//! The sample plan's goals: what a good set of SMART goals looks like, with a few months
//! of history. Dates are laid out around "today" so the sample always reads as current.

use chrono::{Datelike, Duration, Months, NaiveDate};

use super::catalog::catalog_metric;
use super::review::review_dates;
use super::trajectory::milestone_points;
use super::{
    Cadence, CheckIn, Commitment, Goal, GoalBook, GoalStatus, Growth, KeyPlayer, Milestone,
    Objective, Step,
};
use crate::core::plan::Plan;

/// The "today" [`sample`] uses; the UI should prefer [`sample_as_of`] with the real date.
pub fn default_sample_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 16).unwrap_or_default()
}

/// Fills `plan.goals` with the sample objectives and goals, dated around
/// [`default_sample_today`]. Replaces existing objectives and goals.
pub fn sample(plan: &mut Plan) {
    sample_as_of(plan, default_sample_today());
}

/// The program started on the first of the month four months before `today`;
/// check-ins fall on the first of each month since.
pub fn sample_as_of(plan: &mut Plan, today: NaiveDate) {
    let calendar = Calendar::starting(today).or_else(|| Calendar::starting(default_sample_today()));
    let Some(cal) = calendar else { return };
    let extra = std::mem::take(&mut plan.goals.extra);
    let mut s = Sampler {
        plan,
        cal,
        objectives_made: Vec::new(),
    };
    let growth = s.objective(
        "Build the infrastructure for sustainable community growth",
        "Relaunch the developer forum as the place where developers get fast answers and grow into contributors, so the community no longer depends on the core team.",
    );
    let onboarding = s.objective(
        "Simplify onboarding to increase developer success",
        "Get new developers from sign-up to a working integration in their first session.",
    );
    let mut goals = vec![
        s.contributors(&growth),
        s.first_response(&growth),
        s.first_api_call(&onboarding),
        s.quickstarts(&onboarding),
    ];
    // The sample's story: the at-risk goal has one review due, on whatever day it is added.
    for goal in &mut goals {
        let held = if goal.title == AT_RISK_GOAL { 1 } else { 0 };
        goal.last_reviewed = review_held_before(goal, today, held).or(goal.last_reviewed);
    }
    let mut objectives = std::mem::take(&mut s.objectives_made);
    // Who each objective belongs to: the community team owns and runs it; a business
    // leader sponsors it and owns the strategy it serves.
    let accountable = [
        (
            "Developer community team",
            "VP Developer Experience",
            "Lower the cost of supporting developers as the developer base grows",
        ),
        (
            "Developer community team, with developer education",
            "Head of Product, Developer Platform",
            "More trial sign-ups become active integrations",
        ),
    ];
    for (o, (owner, sponsor, business_goal)) in objectives.iter_mut().zip(accountable) {
        o.owner = owner.into();
        o.sponsor = sponsor.into();
        o.business_goal = business_goal.into();
    }
    plan.goals = GoalBook {
        objectives,
        goals,
        periods: Vec::new(),
        extra,
    };
}

/// The sample goal that is behind its milestones and has a review due.
pub const AT_RISK_GOAL: &str = "Answer forum questions within a day";

/// The scheduled review `skipped` reviews before the latest one on or before `today`: with
/// `skipped` = 0 the goal is reviewed up to date, with 1 exactly one review is due.
fn review_held_before(goal: &Goal, today: NaiveDate, skipped: usize) -> Option<NaiveDate> {
    let held: Vec<NaiveDate> = review_dates(goal)
        .into_iter()
        .take_while(|d| *d <= today)
        .collect();
    held.len()
        .checked_sub(1 + skipped)
        .and_then(|i| held.get(i))
        .copied()
}

#[derive(Clone, Copy)]
struct Calendar {
    start: NaiveDate,
}

impl Calendar {
    fn starting(today: NaiveDate) -> Option<Calendar> {
        let first = today.with_day(1)?;
        let start = first.checked_sub_months(Months::new(4))?;
        // The latest date used is month 10; make sure it exists.
        start.checked_add_months(Months::new(10))?;
        Some(Calendar { start })
    }

    /// The first of the month `k` months after the start.
    fn month(&self, k: u32) -> NaiveDate {
        self.start
            .checked_add_months(Months::new(k))
            .unwrap_or(self.start)
    }

    /// The last day of the month `k - 1` months after the start.
    fn end_of(&self, k: u32) -> NaiveDate {
        self.month(k) - Duration::days(1)
    }
}

struct Sampler<'a> {
    plan: &'a mut Plan,
    cal: Calendar,
    objectives_made: Vec<Objective>,
}

impl Sampler<'_> {
    fn objective(&mut self, title: &str, description: &str) -> String {
        let id = self.plan.fresh_id("o");
        self.objectives_made.push(Objective {
            id: id.clone().into(),
            title: title.into(),
            description: description.into(),
            ..Objective::default()
        });
        id
    }

    fn players(&mut self, names: &[&str]) -> Vec<KeyPlayer> {
        names
            .iter()
            .enumerate()
            .map(|(i, name)| KeyPlayer {
                id: self.plan.fresh_id("k").into(),
                name: (*name).into(),
                owner: i == 0,
                extra: Default::default(),
            })
            .collect()
    }

    /// Steps as (text, owner index into `players`, done).
    fn steps(&mut self, players: &[KeyPlayer], steps: &[(&str, usize, bool)]) -> Vec<Step> {
        steps
            .iter()
            .map(|(text, owner, done)| Step {
                id: self.plan.fresh_id("s").into(),
                text: (*text).into(),
                owner_id: players.get(*owner).map(|p| p.id.clone()),
                due: None,
                done: *done,
                extra: Default::default(),
            })
            .collect()
    }

    /// Monthly check-ins from month 1: (value, confidence, note).
    fn check_ins(&mut self, values: &[(f64, u8, &str)]) -> Vec<CheckIn> {
        values
            .iter()
            .zip(1u32..)
            .map(|((value, confidence, note), k)| CheckIn {
                id: self.plan.fresh_id("c").into(),
                date: self.cal.month(k),
                value: *value,
                note: (*note).into(),
                confidence: Some(*confidence),
                extra: Default::default(),
            })
            .collect()
    }

    fn milestones(&mut self, goal: &Goal, count: usize, growth: Growth) -> Vec<Milestone> {
        milestone_points(goal, count, growth)
            .unwrap_or_default()
            .into_iter()
            .map(|p| Milestone {
                id: self.plan.fresh_id("m").into(),
                date: p.date,
                value: p.value,
                note: String::new(),
                extra: Default::default(),
            })
            .collect()
    }

    /// Common shape: active, committed at the start, reviewed at the last check-in.
    #[allow(clippy::too_many_arguments)]
    fn goal(
        &mut self,
        objective_id: &str,
        title: &str,
        objective: &str,
        metric_key: &str,
        (baseline, target, months): (f64, f64, u32),
        result: &str,
        cadence: Cadence,
        growth: Growth,
    ) -> Goal {
        let id = self.plan.fresh_id("g");
        let metric = catalog_metric(metric_key)
            .map(|m| m.to_metric())
            .unwrap_or_default();
        let start = self.cal.month(0);
        let deadline = self.cal.end_of(months);
        Goal {
            id: id.into(),
            objective_id: Some(objective_id.into()),
            title: title.into(),
            objective: objective.into(),
            metric,
            baseline: Some(baseline),
            baseline_date: Some(start),
            target: Some(target),
            deadline: Some(deadline),
            result: result.into(),
            status: GoalStatus::Active,
            cadence,
            growth,
            commitment: Some(Commitment {
                committed_on: start,
                baseline: Some(baseline),
                baseline_date: Some(start),
                target: Some(target),
                deadline: Some(deadline),
                extra: Default::default(),
            }),
            last_reviewed: Some(self.cal.month(4)),
            ..Goal::default()
        }
    }

    fn contributors(&mut self, objective: &str) -> Goal {
        let mut goal = self.goal(
            objective,
            "Grow monthly active contributors",
            "grow monthly active contributors to the SDK repositories",
            "monthly_active_contributors",
            (120.0, 180.0, 9),
            "spread review and maintenance across more people, so SDK releases stop waiting on three core engineers",
            Cadence::Monthly,
            Growth::Linear,
        );
        goal.key_players = self.players(&[
            "The community team",
            "SDK maintainers",
            "developer advocates",
        ]);
        goal.steps = self.steps(
            &goal.key_players,
            &[
                (
                    "labelling 40 good first issues across the SDK repositories",
                    1,
                    true,
                ),
                ("running a monthly contributor onboarding call", 2, true),
                (
                    "thanking every first merged change in the monthly newsletter",
                    0,
                    true,
                ),
                (
                    "pairing 10 maintainers with new contributors in a mentoring pilot",
                    1,
                    false,
                ),
            ],
        );
        goal.check_ins = self.check_ins(&[
            (
                127.0,
                70,
                "Good first issues went live; 9 first-time contributors.",
            ),
            (135.0, 70, "Onboarding call averaged 22 people."),
            (141.0, 65, "Holiday dip in reviews; merges slowed."),
            (
                149.0,
                75,
                "Newsletter thank-yous brought back 6 lapsed contributors.",
            ),
        ]);
        goal.milestones = self.milestones(&goal, 2, Growth::Linear);
        goal
    }

    fn first_response(&mut self, objective: &str) -> Goal {
        let mut goal = self.goal(
            objective,
            AT_RISK_GOAL,
            "reduce median time to first response in the community forum",
            "median_time_to_first_response",
            (41.0, 24.0, 8),
            "help developers while they are still evaluating the SDK, so fewer of them give up at setup",
            Cadence::Fortnightly,
            Growth::Linear,
        );
        goal.key_players = self.players(&[
            "Developer support",
            "community moderators",
            "SDK maintainers",
        ]);
        goal.steps = self.steps(
            &goal.key_players,
            &[
                (
                    "setting up a daily triage rotation across developer support",
                    0,
                    true,
                ),
                (
                    "writing saved replies for the 15 most common setup questions",
                    1,
                    true,
                ),
                (
                    "posting a weekly digest of unanswered questions to the maintainers' channel",
                    1,
                    false,
                ),
                (
                    "moving SDK bug reports from the forum to the issue tracker within a day",
                    2,
                    false,
                ),
            ],
        );
        goal.check_ins = self.check_ins(&[
            (39.0, 65, "Triage rotation started mid-month."),
            (36.5, 60, "Saved replies cover a third of new questions."),
            (34.5, 55, "Weekend questions still wait two days."),
            (33.0, 55, "Need weekend cover before the launch spike."),
        ]);
        goal
    }

    fn first_api_call(&mut self, objective: &str) -> Goal {
        let mut goal = self.goal(
            objective,
            "Cut time to first API call",
            "reduce median time from sign-up to first API call",
            "median_time_to_first_api_call",
            (95.0, 30.0, 9),
            "let more trial developers reach a working integration in their first session, when most decide whether to stay",
            Cadence::Monthly,
            Growth::Compound,
        );
        goal.key_players = self.players(&[
            "The developer experience team",
            "the docs team",
            "developer advocates",
        ]);
        goal.steps = self.steps(
            &goal.key_players,
            &[
                (
                    "rewriting the quickstart around one copy-and-paste example",
                    1,
                    true,
                ),
                ("issuing a sandbox API key at sign-up", 0, true),
                ("adding a first-call checklist to the dashboard", 0, false),
            ],
        );
        goal.check_ins = self.check_ins(&[
            (88.0, 60, "New quickstart published."),
            (72.0, 70, "Sandbox keys live: the biggest drop so far."),
            (
                63.0,
                70,
                "Most of the remaining time is finding the API key page.",
            ),
            (55.0, 75, "Checklist prototype tested with five developers."),
        ]);
        goal.milestones = self.milestones(&goal, 3, Growth::Compound);
        goal
    }

    fn quickstarts(&mut self, objective: &str) -> Goal {
        let mut goal = self.goal(
            objective,
            "Publish framework quickstarts",
            "publish quickstart tutorials for the six most-used frameworks",
            "tutorials_published",
            (0.0, 6.0, 8),
            "give React, Django, Rails, Spring, Laravel and Express developers a quickstart for their stack, cutting their time to first API call",
            Cadence::Monthly,
            Growth::Linear,
        );
        goal.key_players = self.players(&["The developer education team", "developer advocates"]);
        goal.steps = self.steps(
            &goal.key_players,
            &[
                ("choosing the frameworks from the sign-up survey", 0, true),
                (
                    "testing each quickstart with a developer new to the product",
                    1,
                    true,
                ),
                (
                    "linking each quickstart from the docs home page and the forum",
                    0,
                    false,
                ),
            ],
        );
        goal.check_ins = self.check_ins(&[
            (1.0, 80, "React quickstart out."),
            (2.0, 80, "Django quickstart out."),
            (3.0, 75, "Rails quickstart out; Spring is in review."),
            (4.0, 80, "Spring quickstart out."),
        ]);
        goal
    }
}

#[cfg(test)]
mod tests;
