//! The list of plans a user keeps, and the operations on it. Pure: the caller
//! supplies new ids (the browser makes random ones) and stores the results.
//! Each plan is stored on its own; this index says which exist, in what order,
//! and which one was open last.

use std::fmt;

use serde::Serialize;

use crate::core::plan::Extra;

use super::plan::Plan;

/// Longest plan name, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// Name given to an imported plan whose name is blank.
pub const IMPORTED_NAME: &str = "Imported plan";

/// An entry of the plan list's index. Read by `schema::parse_workspace`, which keeps what it
/// does not know in `extra` (no derived `Deserialize`: a flattened one would bring serde's
/// buffering into the first download, which reads the index at start).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanSummary {
    pub id: String,
    pub name: String,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The plan list's index, read by `schema::parse_workspace` (see [`PlanSummary`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Workspace {
    pub plans: Vec<PlanSummary>,
    pub current: Option<String>,
    /// Fields this build does not know, kept for the build that wrote them.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkspaceError {
    EmptyName,
    NameTooLong {
        max: usize,
    },
    EmptyId,
    IdTaken(String),
    UnknownPlan(String),
    /// A copy that went without some parts, not yet put together with the author's own.
    PartsLeftOut,
}

impl fmt::Display for WorkspaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkspaceError::EmptyName => f.write_str("A plan needs a name."),
            WorkspaceError::NameTooLong { max } => {
                write!(f, "A plan name can be at most {max} characters long.")
            }
            WorkspaceError::EmptyId => f.write_str("A plan needs an id."),
            WorkspaceError::IdTaken(id) => write!(f, "There is already a plan with id {id:?}."),
            WorkspaceError::UnknownPlan(id) => write!(f, "There is no plan with id {id:?}."),
            WorkspaceError::PartsLeftOut => f.write_str(
                "This copy went without some parts; it replaces nothing until your own parts are put back into it.",
            ),

        }
    }
}

impl std::error::Error for WorkspaceError {}

/// What a delete leaves behind so it can be undone.
#[derive(Clone, Debug, PartialEq)]
pub struct DeletedPlan {
    pub plan: Plan,
    pub position: usize,
    pub was_current: bool,
}

/// The plan an import replaced, so the replacement can be undone.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplacedPlan {
    pub previous: Box<Plan>,
}

/// What to do when an imported plan has the id of one already in the list.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportChoice {
    /// Add it as a separate plan under `new_id`, named "… (imported)".
    KeepBoth { new_id: String },
    /// Put it in place of `existing` (the stored plan with the same id).
    Replace { existing: Box<Plan> },
}

#[derive(Clone, Debug, PartialEq)]
pub enum ImportOutcome {
    /// The plan (possibly with a new id and name) was added at the end.
    Added(Box<Plan>),
    /// The plan took the place of another; `undo` brings that one back.
    Replaced { plan: Box<Plan>, undo: ReplacedPlan },
}

/// The name trimmed, or why it cannot be used.
pub fn clean_name(name: &str) -> Result<String, WorkspaceError> {
    let name = name.trim();
    if name.is_empty() {
        Err(WorkspaceError::EmptyName)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(WorkspaceError::NameTooLong {
            max: MAX_NAME_CHARS,
        })
    } else {
        Ok(name.to_string())
    }
}

/// A name from a file, made usable: trimmed, shortened, never empty.
pub fn fit_name(name: &str) -> String {
    let name = with_suffix(name, "");
    if name.is_empty() {
        IMPORTED_NAME.to_string()
    } else {
        name
    }
}

/// `name` followed by `suffix`, shortening `name` so the whole fits.
fn with_suffix(name: &str, suffix: &str) -> String {
    let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
    let base: String = name.trim().chars().take(room).collect();
    format!("{}{suffix}", base.trim_end())
}

impl Workspace {
    pub fn new() -> Self {
        Workspace::default()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.position(id).is_some()
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.plans.iter().position(|p| p.id == id)
    }

    /// The listed plan an imported one would collide with, if any.
    pub fn collision(&self, incoming: &Plan) -> Option<&PlanSummary> {
        self.plans.iter().find(|p| p.id == incoming.id)
    }

    fn check_new_id(&self, id: &str) -> Result<(), WorkspaceError> {
        if id.is_empty() {
            Err(WorkspaceError::EmptyId)
        } else if self.contains(id) {
            Err(WorkspaceError::IdTaken(id.to_string()))
        } else {
            Ok(())
        }
    }

    /// Adds an empty plan at the end of the list and makes it current.
    pub fn create_blank(&mut self, id: &str, name: &str) -> Result<Plan, WorkspaceError> {
        let name = clean_name(name)?;
        self.check_new_id(id)?;
        let plan = Plan::new(id, name);
        self.push(&plan);
        self.current = Some(plan.id.clone());
        Ok(plan)
    }

    fn push(&mut self, plan: &Plan) {
        self.plans.push(PlanSummary {
            id: plan.id.clone(),
            name: plan.name.clone(),
            extra: Default::default(),
        });
    }

    pub fn open(&mut self, id: &str) -> Result<(), WorkspaceError> {
        if !self.contains(id) {
            return Err(WorkspaceError::UnknownPlan(id.to_string()));
        }
        self.current = Some(id.to_string());
        Ok(())
    }

    /// Renames `plan` and its entry in the list.
    pub fn rename(&mut self, plan: &mut Plan, name: &str) -> Result<(), WorkspaceError> {
        let name = clean_name(name)?;
        let index = self
            .position(&plan.id)
            .ok_or_else(|| WorkspaceError::UnknownPlan(plan.id.clone()))?;
        self.plans[index].name = name.clone();
        plan.name = name;
        Ok(())
    }

    /// A copy of `source` under `new_id`, named "… (copy)", listed right after it.
    pub fn duplicate(&mut self, source: &Plan, new_id: &str) -> Result<Plan, WorkspaceError> {
        let index = self
            .position(&source.id)
            .ok_or_else(|| WorkspaceError::UnknownPlan(source.id.clone()))?;
        self.check_new_id(new_id)?;
        let mut copy = source.clone();
        copy.id = new_id.to_string();
        copy.name = with_suffix(&source.name, " (copy)");
        copy.revision = 0;
        self.plans.insert(
            index + 1,
            PlanSummary {
                id: copy.id.clone(),
                name: copy.name.clone(),
                extra: Default::default(),
            },
        );
        Ok(copy)
    }

    /// Removes `plan` from the list. If it was current, the plan now at its
    /// place (or the one before) becomes current. Keep the returned value to
    /// undo; the caller removes the stored copy.
    pub fn delete(&mut self, plan: Plan) -> Result<DeletedPlan, WorkspaceError> {
        let position = self
            .position(&plan.id)
            .ok_or_else(|| WorkspaceError::UnknownPlan(plan.id.clone()))?;
        self.plans.remove(position);
        let was_current = self.current.as_deref() == Some(plan.id.as_str());
        if was_current {
            let next = self.plans.get(position).or(self.plans.last());
            self.current = next.map(|p| p.id.clone());
        }
        Ok(DeletedPlan {
            plan,
            position,
            was_current,
        })
    }

    /// Puts a deleted plan back where it was (and current again if it was);
    /// returns it for the caller to store again.
    pub fn undo_delete(&mut self, deleted: DeletedPlan) -> Result<Plan, WorkspaceError> {
        self.check_new_id(&deleted.plan.id)?;
        let position = deleted.position.min(self.plans.len());
        self.plans.insert(
            position,
            PlanSummary {
                id: deleted.plan.id.clone(),
                name: deleted.plan.name.clone(),
                extra: Default::default(),
            },
        );
        if deleted.was_current {
            self.current = Some(deleted.plan.id.clone());
        }
        Ok(deleted.plan)
    }

    /// Adds an imported plan. Without a collision it is added as is and
    /// `choice` is not used; with one, `choice` decides.
    pub fn import(
        &mut self,
        mut incoming: Plan,
        choice: ImportChoice,
    ) -> Result<ImportOutcome, WorkspaceError> {
        incoming.name = fit_name(&incoming.name);
        let Some(index) = self.position(&incoming.id) else {
            // A copy that went without some parts is added as what it is: a plan without them.
            incoming.left_out.clear();
            if incoming.id.is_empty() {
                return Err(WorkspaceError::EmptyId);
            }
            self.push(&incoming);
            return Ok(ImportOutcome::Added(Box::new(incoming)));
        };
        match choice {
            ImportChoice::KeepBoth { new_id } => {
                self.check_new_id(&new_id)?;
                incoming.left_out.clear();
                incoming.id = new_id;
                incoming.name = with_suffix(&incoming.name, " (imported)");
                self.push(&incoming);
                Ok(ImportOutcome::Added(Box::new(incoming)))
            }
            ImportChoice::Replace { existing } => {
                if existing.id != incoming.id {
                    return Err(WorkspaceError::UnknownPlan(existing.id));
                }
                // A copy that went without some parts replaces nothing until it has been put
                // together with the author's own (`audience::replacement`).
                if !incoming.left_out.is_empty() {
                    return Err(WorkspaceError::PartsLeftOut);
                }
                self.plans[index].name = incoming.name.clone();
                Ok(ImportOutcome::Replaced {
                    plan: Box::new(incoming),
                    undo: ReplacedPlan { previous: existing },
                })
            }
        }
    }

    /// Brings back the plan an import replaced; returns it for the caller to store.
    pub fn undo_replace(&mut self, replaced: ReplacedPlan) -> Result<Plan, WorkspaceError> {
        let previous = *replaced.previous;
        let index = self
            .position(&previous.id)
            .ok_or_else(|| WorkspaceError::UnknownPlan(previous.id.clone()))?;
        self.plans[index].name = previous.name.clone();
        Ok(previous)
    }
}

#[cfg(test)]
mod tests;
