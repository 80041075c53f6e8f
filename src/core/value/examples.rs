//! Models the catalog suggests. They are examples of a model's shape (what to multiply by
//! what), never data: every figure, source and date is left for the team to enter.
//!
//! Each starts from the gain over the baseline, not the target: what was there before the
//! work would be there without it. The support-deflection example also asks what share of the
//! questions members answer would otherwise have become tickets: members × cost of a ticket
//! alone counts every answered question as a ticket avoided, which practitioners call an
//! inflated deflection figure.

use super::{Assumption, Driver, OwnerKind, ValueModel};

/// A suggested model.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    pub key: &'static str,
    /// "Gain in questions answered by members × share that would have become tickets × …".
    pub name: &'static str,
    /// The driver on a goal and on a touch point.
    pub goal_driver: Driver,
    pub touch_point_driver: Driver,
    /// (label, unit) of each assumption.
    pub assumptions: &'static [(&'static str, &'static str)],
    pub unit: &'static str,
}

impl Example {
    /// The model, with every figure, source and date still to enter.
    pub fn model(&self, owner: OwnerKind) -> ValueModel {
        ValueModel {
            driver: match owner {
                OwnerKind::Goal => self.goal_driver,
                OwnerKind::TouchPoint => self.touch_point_driver,
            },
            assumptions: self
                .assumptions
                .iter()
                .map(|(label, unit)| Assumption {
                    label: (*label).to_string(),
                    unit: (*unit).to_string(),
                    ..Assumption::default()
                })
                .collect(),
            unit: self.unit.to_string(),
            example: Some(self.key.to_string()),
            extra: Default::default(),
        }
    }

    /// "Example: questions answered by members × cost of a support ticket".
    pub fn label(&self) -> String {
        format!("Example: {}", self.name)
    }
}

const EXAMPLES: &[Example] = &[
    Example {
        key: "support-deflection",
        name: "gain in questions answered by members × share that would otherwise have become \
               support tickets × cost of a support ticket",
        goal_driver: Driver::GainToTarget,
        touch_point_driver: Driver::MovedGain,
        assumptions: &[
            (
                "Share of those questions that would otherwise have become support tickets",
                "%",
            ),
            ("Cost of a support ticket", "USD per ticket"),
        ],
        unit: "USD",
    },
    Example {
        key: "outside-contributions",
        name: "gain in merged outside contributions × engineering hours saved × loaded hourly \
               cost",
        goal_driver: Driver::GainToTarget,
        touch_point_driver: Driver::MovedGain,
        assumptions: &[
            ("Engineering hours saved per contribution", "hours"),
            ("Loaded hourly cost of an engineer", "USD per hour"),
        ],
        unit: "USD",
    },
    Example {
        key: "activated-sign-ups",
        name: "gain in sign-ups × activation rate × value of an active account",
        goal_driver: Driver::GainToTarget,
        touch_point_driver: Driver::MovedGain,
        assumptions: &[
            ("Activation rate", "%"),
            ("Value of an active account", "USD per account"),
        ],
        unit: "USD",
    },
];

pub fn examples() -> &'static [Example] {
    EXAMPLES
}

pub fn example(key: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.key == key)
}
