//! What each tool shows first (issue 31): the few sections that serve the task most people
//! open the tool for (its core), and the rest, one deliberate step away. Nothing here hides
//! data: a section outside the core is still on the page (hidden on screen, printed), in every
//! export, and the step that reveals it says what the plan holds there ([`more_sections`]).
//!
//! The decisions, tool by tool (README, "What each tool shows first"):
//! - **Career**: the role under discussion, the bucketing check, the band chart (side by side),
//!   the self-assessment and the evidence brief. The rest is for someone going further: pay
//!   records, exchange rates, parity across tracks, the scope check, the report for readers, the
//!   track editor, adding a track, bringing one's own ladder.
//! - **Commitment curve**: the drawing, the stages with the stage editor, the touch points, and
//!   distribution and conversion (the bottleneck). The rest: checks, gap analysis, problem
//!   areas, snapshots and flows, exports, the report, starting over.
//! - **Goals**: reviews due, the objectives with their goals and statuses, adding an objective.
//!   The rest: periods and the report.
//! - **A goal**: the statement and SMART check, and everything the check asks for: the goal
//!   (title, objective, status), its metric, baseline, target and deadline, key players (the
//!   owner), steps, the result or benefit; then progress, milestones and check-ins, removing it.
//!   The rest: what it is worth, scope and key areas, commitment and reviews.

use crate::core::plan::Plan;

/// A tool page whose sections are split into a core and the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tool {
    Career,
    Curve,
    Goals,
    /// One goal's editor.
    Goal,
}

impl Tool {
    /// The tool's name in the step that shows everything ("More in Career").
    pub fn name(self) -> &'static str {
        match self {
            Tool::Career => "Career",
            Tool::Curve => "the commitment curve",
            Tool::Goals => "Goals",
            Tool::Goal => "this goal",
        }
    }

    /// A stable name, for remembering what a plan has revealed.
    pub fn key(self) -> &'static str {
        match self {
            Tool::Career => "career",
            Tool::Curve => "curve",
            Tool::Goals => "goals",
            Tool::Goal => "goal",
        }
    }

    /// Every section of the tool, in page order.
    pub fn sections(self) -> &'static [SectionDef] {
        match self {
            Tool::Career => CAREER,
            Tool::Curve => CURVE,
            Tool::Goals => GOALS,
            Tool::Goal => GOAL,
        }
    }

    /// Whether `key` is one of the tool's core sections (an unknown key is not).
    pub fn is_core(self, key: &str) -> bool {
        self.sections().iter().any(|s| s.key == key && s.core)
    }
}

/// A section of a tool page: a stable key, its name, and whether it is in the core view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionDef {
    pub key: &'static str,
    pub name: &'static str,
    pub core: bool,
}

const fn core(key: &'static str, name: &'static str) -> SectionDef {
    SectionDef {
        key,
        name,
        core: true,
    }
}

const fn more(key: &'static str, name: &'static str) -> SectionDef {
    SectionDef {
        key,
        name,
        core: false,
    }
}

const CAREER: &[SectionDef] = &[
    core("proposed", "The role under discussion"),
    core("bucketing", "Bucketing check"),
    more("scope", "The work against the title"),
    core("side", "Side by side"),
    more("pay", "Pay"),
    more("rates", "Exchange rates"),
    more("parity", "Parity across tracks"),
    core("assess", "Self-assessment"),
    core("brief", "Evidence brief"),
    more("report", "Report for readers"),
    more("tracks", "Tracks and levels"),
    more("add", "Add a track"),
    more("ladder", "Bring your own ladder"),
];

const CURVE: &[SectionDef] = &[
    core("drawing", "The curve"),
    core("stages", "Stages"),
    core("editor", "Stage editor"),
    core("touch", "Touch points"),
    core("distribution", "Distribution and conversion"),
    more("checks", "Checks"),
    more("gaps", "Gap analysis"),
    more("problems", "Problem areas"),
    more("snapshots", "Snapshots over time"),
    more("export", "Export"),
    more("report", "Report for readers"),
    more("start-over", "Start over"),
];

const GOALS: &[SectionDef] = &[
    more("period", "Period"),
    core("reviews", "Reviews due"),
    core("objectives", "Objectives and goals"),
    core("add", "Add an objective"),
    more("report", "Report for readers"),
];

const GOAL: &[SectionDef] = &[
    core("statement", "Statement"),
    core("smart", "SMART check"),
    core("basics", "The goal"),
    core("metric", "Metric"),
    core("numbers", "Baseline, target and deadline"),
    core("players", "Key players"),
    core("steps", "Steps"),
    core("result", "Result or benefit"),
    more("value", "What it is worth"),
    more("work", "Scope and career key areas"),
    core("tracking", "Progress, milestones and check-ins"),
    more("review", "Commitment and reviews"),
    core("remove", "Remove this goal"),
];

/// A section outside the core, as the step that reveals it lists it: its name and what the
/// plan holds there ("3 pay records"), or None when it holds nothing of its own (a calculation,
/// a form, an export).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoreSection {
    pub key: &'static str,
    pub name: &'static str,
    pub holds: Option<String>,
}

/// Whether `key` belongs to the core of `tool` for this plan: its core sections, and a section
/// the plan's state makes part of the task. Adding a track is Career's core until the plan has
/// two (the bucketing check needs a peer to compare with).
pub fn in_core(plan: &Plan, tool: Tool, key: &str) -> bool {
    tool.is_core(key) || (tool == Tool::Career && key == "add" && plan.career.tracks.len() < 2)
}

/// The sections of `tool` outside its core, with what `plan` holds in each; `goal` is the goal
/// whose editor is open (for [`Tool::Goal`]).
pub fn more_sections(plan: &Plan, tool: Tool, goal: Option<&str>) -> Vec<MoreSection> {
    tool.sections()
        .iter()
        .filter(|s| !in_core(plan, tool, s.key))
        .map(|s| MoreSection {
            key: s.key,
            name: s.name,
            holds: holds(plan, tool, s.key, goal),
        })
        .collect()
}

/// "1 pay record", "3 pay records"; None for none.
fn count(n: usize, one: &str, many: &str) -> Option<String> {
    match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    }
}

fn join(parts: impl IntoIterator<Item = Option<String>>) -> Option<String> {
    let parts: Vec<String> = parts.into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// What the plan holds in one section outside the core.
fn holds(plan: &Plan, tool: Tool, key: &str, goal: Option<&str>) -> Option<String> {
    let career = &plan.career;
    let curve = &plan.curve;
    match (tool, key) {
        (Tool::Career, "scope") => {
            let tagged = tagged_work(plan);
            join([
                count(tagged, "piece of work tagged", "pieces of work tagged"),
                count(
                    career.role_owners.len(),
                    "owner named as the role's",
                    "owners named as the role's",
                ),
            ])
        }
        (Tool::Career, "pay") => count(career.comp_records.len(), "pay record", "pay records"),
        (Tool::Career, "rates") => count(
            career.exchange_rates.len(),
            "exchange rate",
            "exchange rates",
        ),
        (Tool::Career, "tracks") => {
            let levels: usize = career.tracks.iter().map(|t| t.levels.len()).sum();
            join([
                count(career.tracks.len(), "track", "tracks"),
                count(levels, "level", "levels"),
            ])
        }
        (Tool::Curve, "checks") => count(
            crate::core::curve::warnings(curve).len(),
            "warning",
            "warnings",
        ),
        (Tool::Curve, "problems") => {
            count(curve.problem_areas.len(), "problem area", "problem areas")
        }
        (Tool::Curve, "snapshots") => {
            let flows = curve.snapshots.iter().filter(|s| s.flows.is_some()).count();
            join([
                count(curve.snapshots.len(), "snapshot", "snapshots"),
                count(flows, "with flows", "with flows"),
            ])
        }
        (Tool::Goals, "period") => count(plan.goals.periods.len(), "period", "periods"),
        (Tool::Goal, key) => {
            let g = goal.and_then(|id| plan.goals.goal(id))?;
            match key {
                "value" => g.value.as_ref().map(|_| "a value model".to_string()),
                "work" => join([
                    g.scope
                        .map(|s| format!("{} scope", s.label().to_lowercase())),
                    count(g.key_area_ids.len(), "key area", "key areas"),
                ]),
                "review" => join([
                    g.commitment.as_ref().map(|_| "a commitment".to_string()),
                    g.last_reviewed
                        .map(|d| format!("last reviewed {}", d.format("%-d %B %Y"))),
                ]),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Goals, objectives and touch points tagged with a scope or a key area.
fn tagged_work(plan: &Plan) -> usize {
    let objectives = plan
        .goals
        .objectives
        .iter()
        .filter(|o| o.scope.is_some() || !o.key_area_ids.is_empty())
        .count();
    let goals = plan
        .goals
        .goals
        .iter()
        .filter(|g| g.scope.is_some() || !g.key_area_ids.is_empty())
        .count();
    let touch_points = plan
        .curve
        .touch_points
        .iter()
        .filter(|t| t.scope.is_some() || !t.key_area_ids.is_empty())
        .count();
    objectives + goals + touch_points
}

/// What the plan page offers next for the open plan (issue 31), so that starting a plan never
/// ends on a list with nothing to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextStep {
    /// The sample, still named so: rename it, clear its example data, or start your own.
    Example,
    /// Nothing in it yet: the three places to start.
    Empty,
}

/// The next step for `plan`, or None once it is under way.
pub fn next_step(plan: &Plan) -> Option<NextStep> {
    if crate::core::sample::is_example(plan) {
        Some(NextStep::Example)
    } else if plan.goals.goals.is_empty()
        && plan.goals.objectives.is_empty()
        && plan.curve.stages.is_empty()
        && plan.career.tracks.is_empty()
    {
        Some(NextStep::Empty)
    } else {
        None
    }
}

/// What a plan has revealed beyond the core, per tool: a section's key, or the whole tool.
/// Kept outside the plan (it is a way of looking at it, not part of it): the UI stores it per
/// plan in the browser, as [`Revealed::to_text`] writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Revealed {
    /// "career:pay" for one section, "career:*" for everything in Career.
    entries: Vec<String>,
}

impl Revealed {
    /// Reads what [`Revealed::to_text`] wrote; anything unreadable reveals nothing.
    pub fn from_text(text: &str) -> Self {
        let entries: Vec<String> = serde_json::from_str(text).unwrap_or_default();
        Revealed { entries }
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(&self.entries).unwrap_or_else(|_| "[]".into())
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether `key` of `tool` shows: a core section always does.
    pub fn shows(&self, tool: Tool, key: &str) -> bool {
        tool.is_core(key) || self.everything(tool) || self.has(&format!("{}:{key}", tool.key()))
    }

    /// Whether every section of `tool` shows.
    pub fn everything(&self, tool: Tool) -> bool {
        self.has(&format!("{}:*", tool.key()))
    }

    /// Whether anything of `tool` beyond its core shows.
    pub fn any(&self, tool: Tool) -> bool {
        let prefix = format!("{}:", tool.key());
        self.entries.iter().any(|e| e.starts_with(&prefix))
    }

    fn has(&self, entry: &str) -> bool {
        self.entries.iter().any(|e| e == entry)
    }

    /// Shows one section of `tool` (a core section needs nothing).
    pub fn reveal(&mut self, tool: Tool, key: &str) {
        let entry = format!("{}:{key}", tool.key());
        if !tool.is_core(key) && !self.has(&entry) {
            self.entries.push(entry);
        }
    }

    /// Shows every section of `tool`.
    pub fn reveal_all(&mut self, tool: Tool) {
        self.reveal(tool, "*");
    }

    /// Back to the core of `tool`.
    pub fn core_only(&mut self, tool: Tool) {
        let prefix = format!("{}:", tool.key());
        self.entries.retain(|e| !e.starts_with(&prefix));
    }
}

#[cfg(test)]
mod tests;
