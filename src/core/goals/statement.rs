//! The canonical SMART statement: "Our goal is to [objective from baseline to target unit]
//! by [deadline]. [Key players] will accomplish this goal by [steps]. Accomplishing this
//! goal will [result]." Missing parts stay visible as placeholders.

use serde::Serialize;

use super::text::{clause, format_date, format_number, join_list, with_unit};
use super::{Direction, Goal};

/// A piece of the statement: the user's words, or a placeholder for something not yet
/// filled in (also any `[placeholder]` left in the user's own text).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    Text(String),
    Missing(String),
}

#[derive(Default)]
struct Builder {
    segments: Vec<Segment>,
}

impl Builder {
    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(Segment::Text(last)) = self.segments.last_mut() {
            last.push_str(text);
        } else {
            self.segments.push(Segment::Text(text.to_string()));
        }
    }

    fn missing(&mut self, label: &str) {
        self.segments.push(Segment::Missing(label.to_string()));
    }

    /// User text, with any `[placeholder]` in it turned into a missing segment.
    fn user(&mut self, text: &str, label_if_empty: &str) {
        if text.is_empty() {
            return self.missing(label_if_empty);
        }
        let mut rest = text;
        while let Some(open) = rest.find('[') {
            let Some(close) = rest[open..].find(']') else {
                break;
            };
            self.text(&rest[..open]);
            self.missing(&rest[open + 1..open + close]);
            rest = &rest[open + close + 1..];
        }
        self.text(rest);
    }

    fn number(&mut self, value: Option<f64>, label: &str) {
        match value {
            Some(v) => self.text(&format_number(v)),
            None => self.missing(label),
        }
    }

    fn unit(&mut self, unit: &str) {
        match unit {
            "" => {
                self.text(" ");
                self.missing("unit");
            }
            "%" => self.text("%"),
            other => {
                self.text(" ");
                self.user(other, "unit");
            }
        }
    }
}

/// The statement as segments, so the UI can style placeholders.
pub fn statement(goal: &Goal) -> Vec<Segment> {
    let mut b = Builder::default();
    let unit = goal.metric.unit.trim();
    let objective = clause(&goal.objective);
    let objective = objective.strip_prefix("to ").unwrap_or(objective).trim();
    b.text("Our goal is to ");
    b.user(objective, "objective");
    match goal.metric.direction {
        Direction::Unknown(_) => {
            b.text(" from its baseline, in a direction from a newer version of Trellis, to ")
        }
        Direction::Increase | Direction::Decrease => {
            b.text(" from ");
            b.number(goal.baseline_value(), "baseline");
            if unit == "%" {
                b.text("%");
            }
            b.text(" to ");
        }
        Direction::KeepAbove => b.text(" at or above "),
        Direction::KeepBelow => b.text(" at or below "),
    }
    b.number(goal.target_value(), "target");
    b.unit(unit);
    b.text(" by ");
    match goal.deadline {
        Some(date) => b.text(&format_date(date)),
        None => b.missing("deadline"),
    }
    b.text(". ");
    let players: Vec<String> = goal
        .key_players
        .iter()
        .map(|p| clause(&p.name).to_string())
        .filter(|n| !n.is_empty())
        .collect();
    if players.is_empty() {
        b.missing("key players");
    } else {
        let joined = join_list(&players);
        let mut chars = joined.chars();
        let first = chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>())
            .unwrap_or_default();
        b.user(&format!("{first}{}", chars.as_str()), "key players");
    }
    b.text(" will accomplish this goal by ");
    let steps: Vec<String> = goal
        .steps
        .iter()
        .map(|s| clause(&s.text).to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if steps.is_empty() {
        b.missing("steps");
    } else if steps.iter().any(|s| s.contains(',')) {
        // Commas inside steps would blur where one ends; semicolons keep them apart.
        let (last, init) = steps
            .split_last()
            .map(|(l, i)| (l.clone(), i.join("; ")))
            .unwrap_or_default();
        let joined = if init.is_empty() {
            last
        } else {
            format!("{init}; and {last}")
        };
        b.user(&joined, "steps");
    } else {
        b.user(&join_list(&steps), "steps");
    }
    b.text(". Accomplishing this goal will ");
    b.user(clause(&goal.result), "result or benefit");
    b.text(".");
    b.segments
}

/// Segments as plain text, placeholders in brackets: "… by [deadline]. …".
pub fn segments_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) => t.clone(),
            Segment::Missing(label) => format!("[{label}]"),
        })
        .collect()
}

/// The statement as plain text, for copying.
pub fn statement_text(goal: &Goal) -> String {
    segments_text(&statement(goal))
}

/// What a goal is called where it is listed or cited: its title, or its statement when it has
/// no title.
pub fn goal_title(goal: &Goal) -> String {
    match goal.title.trim() {
        "" => statement_text(goal),
        title => title.to_string(),
    }
}

/// `true` when nothing in the statement is left to fill in.
pub fn statement_is_complete(goal: &Goal) -> bool {
    statement(goal)
        .iter()
        .all(|s| matches!(s, Segment::Text(_)))
}

/// The target with its unit, e.g. "180 contributors" (used by reports and calendars).
pub fn target_text(goal: &Goal) -> String {
    goal.target_value().map_or_else(String::new, |t| {
        with_unit(&format_number(t), &goal.metric.unit)
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::plain_goal;
    use super::super::{Goal, Step};
    use super::*;

    #[test]
    fn a_complete_goal_reads_as_the_canonical_sentence() {
        assert_eq!(
            statement_text(&plain_goal()),
            "Our goal is to grow monthly active contributors from 120 to 180 contributors by 1 October 2026. \
             The community team and maintainers will accomplish this goal by labelling 40 good first issues and running a monthly onboarding call. \
             Accomplishing this goal will spread maintenance across more people."
        );
        assert!(statement_is_complete(&plain_goal()));
    }

    #[test]
    fn an_empty_goal_shows_every_placeholder() {
        let segments = statement(&Goal::default());
        let missing: Vec<&str> = segments
            .iter()
            .filter_map(|s| match s {
                Segment::Missing(l) => Some(l.as_str()),
                Segment::Text(_) => None,
            })
            .collect();
        assert_eq!(
            missing,
            vec![
                "objective",
                "baseline",
                "target",
                "unit",
                "deadline",
                "key players",
                "steps",
                "result or benefit"
            ]
        );
        assert_eq!(
            statement_text(&Goal::default()),
            "Our goal is to [objective] from [baseline] to [target] [unit] by [deadline]. [key players] will accomplish this goal by [steps]. Accomplishing this goal will [result or benefit]."
        );
    }

    #[test]
    fn placeholders_in_user_text_become_missing_segments() {
        let goal = Goal {
            objective: "reduce response time in [the forum]".into(),
            ..plain_goal()
        };
        let segments = statement(&goal);
        assert_eq!(
            segments[0],
            Segment::Text("Our goal is to reduce response time in ".into())
        );
        assert_eq!(segments[1], Segment::Missing("the forum".into()));
        assert!(matches!(&segments[2], Segment::Text(t) if t.starts_with(" from 120 to 180")));
        assert!(!statement_is_complete(&goal));
    }

    #[test]
    fn percent_units_attach_to_both_numbers() {
        let mut goal = plain_goal();
        goal.metric.unit = "%".into();
        assert!(statement_text(&goal).contains("from 120% to 180% by"));
    }

    #[test]
    fn keep_goals_read_as_a_floor_or_ceiling() {
        let mut goal = Goal {
            objective: "keep support satisfaction".into(),
            target: Some(90.0),
            ..plain_goal()
        };
        goal.metric.unit = "%".into();
        goal.metric.direction = Direction::KeepAbove;
        assert!(statement_text(&goal)
            .starts_with("Our goal is to keep support satisfaction at or above 90% by"));
        goal.metric.direction = Direction::KeepBelow;
        assert!(statement_text(&goal).contains("at or below 90%"));
    }

    #[test]
    fn trailing_full_stops_and_a_leading_to_do_not_double_up() {
        let goal = Goal {
            objective: "to grow monthly active contributors.".into(),
            result: "spread maintenance across more people.".into(),
            ..plain_goal()
        };
        let text = statement_text(&goal);
        assert!(text.starts_with("Our goal is to grow monthly"));
        assert!(text.ends_with("more people."));
        assert!(!text.contains(".."));
    }

    #[test]
    fn steps_with_commas_are_separated_by_semicolons() {
        let goal = Goal {
            steps: vec![
                Step {
                    text: "write, test and publish a quickstart".into(),
                    ..Step::default()
                },
                Step {
                    text: "run office hours".into(),
                    ..Step::default()
                },
            ],
            ..plain_goal()
        };
        assert!(statement_text(&goal)
            .contains("by write, test and publish a quickstart; and run office hours."));
    }

    #[test]
    fn blank_steps_and_players_are_skipped() {
        let mut goal = plain_goal();
        goal.steps.push(Step {
            text: "  ".into(),
            ..Step::default()
        });
        goal.key_players[1].name = " ".into();
        let text = statement_text(&goal);
        assert!(text.contains("The community team will accomplish"));
        assert!(text.contains("and running a monthly onboarding call. Accomplishing"));
    }

    #[test]
    fn target_text_has_the_unit() {
        assert_eq!(target_text(&plain_goal()), "180 contributors");
        assert_eq!(target_text(&Goal::default()), "");
    }
}
