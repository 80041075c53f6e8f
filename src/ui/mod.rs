//! The browser UI: one folder per tool, the shell's pieces, and shared widgets.

pub mod care;
pub mod career;
pub mod clock;
pub mod curve;
pub mod deploys;
pub mod focus;
pub mod goals;
pub mod help;
pub mod next_step;
pub mod not_found;
pub mod on_demand;
pub mod plans;
pub mod report;
pub mod section_index;
pub mod shell;
pub mod state;
pub mod theme;
pub mod tool_routes;
pub mod value;
pub mod widgets;
