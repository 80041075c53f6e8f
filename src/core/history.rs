//! Undo and redo for edits in the open plan: whole-plan snapshots, in memory
//! only, bounded. Clear it when another plan is opened.

use std::collections::VecDeque;

use super::plan::Plan;

/// Most undo steps kept; the oldest is dropped beyond this.
pub const MAX_UNDO_STEPS: usize = 100;

/// Edits of the same field less than this apart (ms) are one undo step, so
/// typing a word in a field is undone at once.
pub const COALESCE_WINDOW_MS: f64 = 1_000.0;

/// How an edit is grouped for undo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping<'k> {
    /// Merges with the previous edit when that was of this same field (named by the key,
    /// e.g. `"goal:g3:title"`) less than [`COALESCE_WINDOW_MS`] before: typing a word.
    Field(&'k str),
    /// A step of its own, never merged with the edits before or after it: adding or
    /// removing something, a drop, a drag.
    OwnStep,
}

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: VecDeque<Plan>,
    redo: Vec<Plan>,
    /// Field key and time of the latest recorded field edit, while it may still be extended.
    last: Option<(String, f64)>,
}

impl History {
    pub fn new() -> Self {
        History::default()
    }

    /// Records an edit about to be applied: `before` is the plan as it was.
    /// `grouping` says whether it may merge with the previous edit; `now_ms` is any
    /// monotonic-ish clock in milliseconds.
    pub fn record(&mut self, before: Plan, grouping: Grouping, now_ms: f64) {
        // The step already holds the plan from before the first edit in the run.
        if self.extends_last(grouping, now_ms) {
            self.record_extension(grouping, now_ms);
            return;
        }
        self.redo.clear();
        self.last = match grouping {
            Grouping::Field(key) => Some((key.to_string(), now_ms)),
            Grouping::OwnStep => None,
        };
        self.undo.push_back(before);
        while self.undo.len() > MAX_UNDO_STEPS {
            self.undo.pop_front();
        }
    }

    /// Whether an edit now merges into the latest undo step (typing on in one field), so
    /// the plan from before it is not needed: the step already holds the plan from before
    /// the run's first edit.
    pub fn extends_last(&self, grouping: Grouping, now_ms: f64) -> bool {
        match (grouping, &self.last) {
            (Grouping::Field(key), Some((last_key, last_ms))) => {
                let gap = now_ms - last_ms;
                last_key == key
                    && (0.0..=COALESCE_WINDOW_MS).contains(&gap)
                    && !self.undo.is_empty()
            }
            _ => false,
        }
    }

    /// Records an edit that [`History::extends_last`] said merges into the latest step.
    pub fn record_extension(&mut self, grouping: Grouping, now_ms: f64) {
        self.redo.clear();
        if let (Grouping::Field(_), Some((_, last_ms))) = (grouping, &mut self.last) {
            *last_ms = now_ms;
        }
    }

    /// The plan before the latest step, or `None` if there is nothing to undo.
    pub fn undo(&mut self, current: &Plan) -> Option<Plan> {
        let previous = self.undo.pop_back()?;
        self.redo.push(current.clone());
        self.last = None;
        Some(previous)
    }

    /// The plan the latest undo went back from, or `None`.
    pub fn redo(&mut self, current: &Plan) -> Option<Plan> {
        let next = self.redo.pop()?;
        self.undo.push_back(current.clone());
        self.last = None;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn clear(&mut self) {
        *self = History::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Plan {
        Plan::new("p1", name)
    }

    /// Types `text` into the name one character at a time, `gap_ms` apart.
    fn type_name(history: &mut History, plan: &mut Plan, text: &str, start_ms: f64, gap_ms: f64) {
        for (n, c) in text.chars().enumerate() {
            history.record(
                plan.clone(),
                Grouping::Field("name"),
                start_ms + n as f64 * gap_ms,
            );
            plan.name.push(c);
        }
    }

    #[test]
    fn undo_returns_the_plan_before_the_edit_and_redo_returns_after() {
        let mut history = History::new();
        let before = named("A");
        history.record(before.clone(), Grouping::Field("name"), 0.0);
        let after = named("B");
        assert_eq!(history.undo(&after), Some(before.clone()));
        assert_eq!(history.redo(&before), Some(after));
    }

    #[test]
    fn nothing_to_undo_or_redo_at_the_start() {
        let mut history = History::new();
        assert!(!history.can_undo());
        assert!(!history.can_redo());
        assert_eq!(history.undo(&named("A")), None);
        assert_eq!(history.redo(&named("A")), None);
    }

    #[test]
    fn typing_a_word_is_one_undo_step() {
        let mut history = History::new();
        let mut plan = named("");
        type_name(&mut history, &mut plan, "Forum", 0.0, 150.0);
        assert_eq!(plan.name, "Forum");
        assert_eq!(history.undo(&plan), Some(named("")));
        assert!(!history.can_undo());
    }

    #[test]
    fn a_pause_longer_than_the_window_starts_a_new_step() {
        let mut history = History::new();
        let mut plan = named("");
        type_name(&mut history, &mut plan, "ab", 0.0, 100.0);
        type_name(
            &mut history,
            &mut plan,
            "cd",
            100.0 + COALESCE_WINDOW_MS + 1.0,
            100.0,
        );
        let back = history.undo(&plan);
        assert_eq!(back, Some(named("ab")));
        assert_eq!(history.undo(&named("ab")), Some(named("")));
    }

    #[test]
    fn edits_to_different_fields_are_separate_steps() {
        let mut history = History::new();
        history.record(named("A"), Grouping::Field("name"), 0.0);
        history.record(named("B"), Grouping::Field("goal:g1:title"), 10.0);
        assert_eq!(history.undo(&named("C")), Some(named("B")));
        assert_eq!(history.undo(&named("B")), Some(named("A")));
    }

    #[test]
    fn a_clock_going_backwards_does_not_merge_steps() {
        let mut history = History::new();
        history.record(named("A"), Grouping::Field("name"), 5_000.0);
        history.record(named("B"), Grouping::Field("name"), 4_000.0);
        history.record(named("C"), Grouping::Field("name"), f64::NAN);
        assert_eq!(history.undo(&named("D")), Some(named("C")));
        assert_eq!(history.undo(&named("C")), Some(named("B")));
    }

    #[test]
    fn an_own_step_is_never_merged_with_the_edits_around_it() {
        let mut history = History::new();
        history.record(named("A"), Grouping::Field("name"), 0.0);
        history.record(named("B"), Grouping::OwnStep, 10.0);
        history.record(named("C"), Grouping::OwnStep, 20.0);
        history.record(named("D"), Grouping::Field("name"), 30.0);
        assert_eq!(history.undo(&named("E")), Some(named("D")));
        assert_eq!(history.undo(&named("D")), Some(named("C")));
        assert_eq!(history.undo(&named("C")), Some(named("B")));
        assert_eq!(history.undo(&named("B")), Some(named("A")));
        assert!(!history.can_undo());
    }

    #[test]
    fn an_edit_after_undo_is_not_merged_into_the_undone_step() {
        let mut history = History::new();
        history.record(named("A"), Grouping::Field("name"), 0.0);
        history.record(named("B"), Grouping::Field("other"), 10.0);
        assert_eq!(history.undo(&named("C")), Some(named("B")));
        history.record(named("B"), Grouping::Field("other"), 20.0);
        assert_eq!(history.undo(&named("X")), Some(named("B")));
        assert_eq!(history.undo(&named("B")), Some(named("A")));
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut history = History::new();
        history.record(named("A"), Grouping::Field("name"), 0.0);
        history.undo(&named("B"));
        assert!(history.can_redo());
        history.record(named("A"), Grouping::Field("other"), 5_000.0);
        assert!(!history.can_redo());
        assert_eq!(history.redo(&named("Z")), None);
    }

    #[test]
    fn history_keeps_only_the_latest_steps() {
        let mut history = History::new();
        for n in 0..(MAX_UNDO_STEPS + 20) {
            history.record(
                named(&n.to_string()),
                Grouping::Field("name"),
                n as f64 * 10_000.0,
            );
        }
        let mut current = named("last");
        let mut steps = 0;
        while let Some(previous) = history.undo(&current) {
            current = previous;
            steps += 1;
        }
        assert_eq!(steps, MAX_UNDO_STEPS);
        assert_eq!(current, named("20"));
    }

    #[test]
    fn undoing_everything_then_redoing_everything_returns_the_final_plan() {
        let mut history = History::new();
        let mut plan = named("start");
        for n in 0..10 {
            history.record(
                plan.clone(),
                Grouping::Field(&format!("k{}", n % 3)),
                n as f64,
            );
            plan.name = format!("step {n}");
            plan.revision += 1;
        }
        let last = plan.clone();
        while let Some(previous) = history.undo(&plan) {
            plan = previous;
        }
        assert_eq!(plan, named("start"));
        while let Some(next) = history.redo(&plan) {
            plan = next;
        }
        assert_eq!(plan, last);
    }

    #[test]
    fn clear_forgets_everything() {
        let mut history = History::new();
        history.record(named("A"), Grouping::Field("name"), 0.0);
        history.undo(&named("B"));
        history.record(named("A"), Grouping::Field("name"), 1.0);
        history.clear();
        assert!(!history.can_undo() && !history.can_redo());
    }
}
