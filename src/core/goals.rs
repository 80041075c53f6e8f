//! Program objectives and SMART goals. (Filled in by the Goals tool.)

use serde::{Deserialize, Serialize};

/// Everything the Goals tool keeps in a plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GoalBook {}
