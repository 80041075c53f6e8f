//! The community commitment curve. (Filled in by the Commitment-curve tool.)

use serde::{Deserialize, Serialize};

/// Everything the Commitment-curve tool keeps in a plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Curve {}
