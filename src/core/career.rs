//! Career tracks, levels and pay. (Filled in by the Career tool.)

use serde::{Deserialize, Serialize};

/// Everything the Career tool keeps in a plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Career {}
