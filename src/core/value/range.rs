//! The figures of a model: the driver's quantity, and the value's low, expected and high as
//! the driver times every assumption's figure of that kind. Every way a figure can be missing
//! or unusable has its own message, so nothing on screen is ever "NaN" or a silent zero.

use std::fmt;

use super::{Assumption, Driver, ValueModel};
use crate::core::curve::{Curve, TouchPoint};
use crate::core::goals::text::{format_number, format_value};
use crate::core::goals::{Direction, Goal};

/// The record a model sits on.
#[derive(Clone, Copy, Debug)]
pub enum Subject<'a> {
    Goal(&'a Goal),
    /// A touch point, with the curve its stages are in.
    TouchPoint(&'a Curve, &'a TouchPoint),
}

/// The driver's quantity and how it was taken.
#[derive(Clone, Debug, PartialEq)]
pub struct DriverValue {
    pub quantity: f64,
    /// The unit of the quantity, e.g. "questions per month".
    pub unit: String,
    /// How it was taken, e.g. "target 150 − baseline 30 = 120 questions per month".
    pub working: String,
}

/// A value's low, expected and high, in the model's unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ValueRange {
    pub low: f64,
    pub expected: f64,
    pub high: f64,
}

/// Which figure of an assumption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Low,
    Expected,
    High,
}

impl Bound {
    pub fn label(self) -> &'static str {
        match self {
            Bound::Low => "low",
            Bound::Expected => "expected",
            Bound::High => "high",
        }
    }

    fn of(self, a: &Assumption) -> Option<f64> {
        match self {
            Bound::Low => a.low,
            Bound::Expected => a.expected,
            Bound::High => a.high,
        }
    }
}

const BOUNDS: [Bound; 3] = [Bound::Low, Bound::Expected, Bound::High];

/// Past this, a value is not a figure anyone can check; the model says so instead.
const LARGEST: f64 = 1e15;

/// Why a model shows no value.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueProblem {
    NoAssumptions,
    Unlabelled {
        index: usize,
    },
    Missing {
        label: String,
        bound: Bound,
    },
    NotANumber {
        label: String,
        bound: Bound,
    },
    Negative {
        label: String,
        bound: Bound,
    },
    ZeroExpected {
        label: String,
    },
    OutOfOrder {
        label: String,
    },
    NoTarget,
    NoBaseline,
    NoCheckIn,
    /// A gain on a goal that holds its metric at a line.
    KeepHasNoGain,
    /// The driver came out at zero or below.
    NoDriver {
        working: String,
    },
    /// A goal's driver on a touch point, or the other way round.
    WrongDriver {
        driver: Driver,
    },
    StageGone,
    NoConversion {
        which: &'static str,
    },
    BadConversion {
        which: &'static str,
    },
    TooLarge,
}

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueProblem::NoAssumptions => {
                write!(
                    f,
                    "Add an assumption: a unit value to multiply the driver by."
                )
            }
            ValueProblem::Unlabelled { index } => write!(
                f,
                "Assumption {} needs a label: what its figures are.",
                index + 1
            ),
            ValueProblem::Missing { label, bound } => {
                write!(f, "Enter the {} figure of “{label}”.", bound.label())
            }
            ValueProblem::NotANumber { label, bound } => write!(
                f,
                "The {} figure of “{label}” is not a number.",
                bound.label()
            ),
            ValueProblem::Negative { label, bound } => write!(
                f,
                "The {} figure of “{label}” is below zero: a unit value, rate or share here \
                 cannot be negative.",
                bound.label()
            ),
            ValueProblem::ZeroExpected { label } => write!(
                f,
                "The expected figure of “{label}” is 0, which makes the value 0: enter what you \
                 expect, or remove the assumption."
            ),
            ValueProblem::OutOfOrder { label } => write!(
                f,
                "The figures of “{label}” are out of order: low must not exceed expected, nor \
                 expected exceed high."
            ),
            ValueProblem::NoTarget => write!(
                f,
                "The goal has no target yet: set one, or choose another driver."
            ),
            ValueProblem::NoBaseline => write!(
                f,
                "The goal has no baseline yet: set one, or choose another driver."
            ),
            ValueProblem::NoCheckIn => write!(
                f,
                "The goal has no check-in yet: record one, or choose another driver."
            ),
            ValueProblem::KeepHasNoGain => write!(
                f,
                "A goal that holds its metric at a line has no gain: choose its target or its \
                 latest check-in as the driver."
            ),
            ValueProblem::NoDriver { working } => write!(
                f,
                "The driver is {working}: a value needs a driver above zero."
            ),
            ValueProblem::WrongDriver { driver } => write!(
                f,
                "“{}” is not a driver of this kind of record: choose another.",
                driver.label()
            ),
            ValueProblem::StageGone => {
                write!(
                    f,
                    "The touch point's starting stage is no longer on the curve."
                )
            }
            ValueProblem::NoConversion { which } => write!(
                f,
                "The touch point has no {which} conversion yet: set it in its data point, or \
                 choose another driver."
            ),
            ValueProblem::BadConversion { which } => write!(
                f,
                "The touch point's {which} conversion is below zero: correct it in its data point."
            ),
            ValueProblem::TooLarge => write!(
                f,
                "The value is too large to be a figure anyone can check: look at the figures again."
            ),
        }
    }
}

/// An assumption's figure as a multiplier: a percentage counts as its hundredth.
pub fn factor(assumption: &Assumption, figure: f64) -> f64 {
    if assumption.unit.trim() == "%" {
        figure / 100.0
    } else {
        figure
    }
}

fn positive(quantity: f64, working: String, unit: &str) -> Result<DriverValue, ValueProblem> {
    if quantity.is_finite() && quantity > 0.0 {
        Ok(DriverValue {
            quantity,
            unit: unit.to_string(),
            working,
        })
    } else {
        Err(ValueProblem::NoDriver { working })
    }
}

/// The driver's quantity on `subject`.
pub fn driver_value(driver: Driver, subject: Subject) -> Result<DriverValue, ValueProblem> {
    match subject {
        Subject::Goal(goal) => goal_driver(driver, goal),
        Subject::TouchPoint(curve, tp) => touch_point_driver(driver, curve, tp),
    }
}

fn goal_driver(driver: Driver, goal: &Goal) -> Result<DriverValue, ValueProblem> {
    let unit = goal.metric.unit.trim();
    let target = || goal.target_value().ok_or(ValueProblem::NoTarget);
    let baseline = || goal.baseline_value().ok_or(ValueProblem::NoBaseline);
    let latest = || {
        goal.latest_check_in()
            .map(|c| c.value)
            .ok_or(ValueProblem::NoCheckIn)
    };
    let gain = |to: f64, to_name: &str| {
        let from = baseline()?;
        let (quantity, working) = match goal.metric.direction {
            Direction::Increase => (
                to - from,
                format!(
                    "{to_name} {} − baseline {}",
                    format_number(to),
                    format_number(from)
                ),
            ),
            Direction::Decrease => (
                from - to,
                format!(
                    "baseline {} − {to_name} {}",
                    format_number(from),
                    format_number(to)
                ),
            ),
            Direction::KeepAbove | Direction::KeepBelow => return Err(ValueProblem::KeepHasNoGain),
        };
        let working = format!("{working} = {}", format_value(quantity, unit));
        positive(quantity, working, unit)
    };
    match driver {
        Driver::Target => {
            let t = target()?;
            positive(t, format!("target {}", format_value(t, unit)), unit)
        }
        Driver::Latest => {
            let l = latest()?;
            positive(
                l,
                format!("latest check-in {}", format_value(l, unit)),
                unit,
            )
        }
        Driver::GainToTarget => gain(target()?, "target"),
        Driver::GainSoFar => gain(latest()?, "latest check-in"),
        other => Err(ValueProblem::WrongDriver { driver: other }),
    }
}

fn touch_point_driver(
    driver: Driver,
    curve: &Curve,
    tp: &TouchPoint,
) -> Result<DriverValue, ValueProblem> {
    let stage = curve
        .stage(&tp.from_stage_id)
        .ok_or(ValueProblem::StageGone)?;
    let name = if stage.name.trim().is_empty() {
        "Untitled stage"
    } else {
        stage.name.trim()
    };
    let conversion = |value: Option<f64>, which: &'static str| match value {
        None => Err(ValueProblem::NoConversion { which }),
        Some(v) if !v.is_finite() || v < 0.0 => Err(ValueProblem::BadConversion { which }),
        Some(v) => Ok(v),
    };
    let members = stage.members_now as f64;
    let (pct, how) = match driver {
        Driver::MovedNow => {
            let c = conversion(tp.data_point.current_conversion_pct, "current")?;
            (c, format!("current conversion {}%", format_number(c)))
        }
        Driver::MovedAtTarget => {
            let t = conversion(tp.data_point.target_conversion_pct, "target")?;
            (t, format!("target conversion {}%", format_number(t)))
        }
        Driver::MovedGain => {
            let c = conversion(tp.data_point.current_conversion_pct, "current")?;
            let t = conversion(tp.data_point.target_conversion_pct, "target")?;
            (
                t - c,
                format!(
                    "(target {}% − current {}%)",
                    format_number(t),
                    format_number(c)
                ),
            )
        }
        other => return Err(ValueProblem::WrongDriver { driver: other }),
    };
    let quantity = members * pct / 100.0;
    let working = format!(
        "{} members of {name} now × {how} = {} members",
        super::format_amount(members),
        format_number(quantity)
    );
    positive(quantity, working, "members")
}

/// Every problem of the assumptions, in order.
fn assumption_problems(model: &ValueModel) -> Vec<ValueProblem> {
    if model.assumptions.is_empty() {
        return vec![ValueProblem::NoAssumptions];
    }
    let mut problems = Vec::new();
    for (index, a) in model.assumptions.iter().enumerate() {
        let label = a.label.trim().to_string();
        if label.is_empty() {
            problems.push(ValueProblem::Unlabelled { index });
        }
        let name = if label.is_empty() {
            format!("assumption {}", index + 1)
        } else {
            label
        };
        let mut complete = true;
        for bound in BOUNDS {
            let problem = match bound.of(a) {
                None => Some(ValueProblem::Missing {
                    label: name.clone(),
                    bound,
                }),
                Some(v) if !v.is_finite() => Some(ValueProblem::NotANumber {
                    label: name.clone(),
                    bound,
                }),
                Some(v) if v < 0.0 => Some(ValueProblem::Negative {
                    label: name.clone(),
                    bound,
                }),
                Some(v) if v == 0.0 && bound == Bound::Expected => {
                    Some(ValueProblem::ZeroExpected {
                        label: name.clone(),
                    })
                }
                Some(_) => None,
            };
            if let Some(p) = problem {
                complete = false;
                problems.push(p);
            }
        }
        if let (true, Some(low), Some(expected), Some(high)) = (complete, a.low, a.expected, a.high)
        {
            if low > expected || expected > high {
                problems.push(ValueProblem::OutOfOrder { label: name });
            }
        }
    }
    problems
}

/// The value of `model` on `subject`: the driver and the range, or every reason there is none.
pub fn valuation(
    model: &ValueModel,
    subject: Subject,
) -> Result<(DriverValue, ValueRange), Vec<ValueProblem>> {
    let driver = driver_value(model.driver, subject);
    let mut problems = assumption_problems(model);
    let driver = match driver {
        Ok(d) if problems.is_empty() => d,
        Ok(_) => return Err(problems),
        Err(p) => {
            problems.insert(0, p);
            return Err(problems);
        }
    };
    let product = |bound: Bound| {
        model.assumptions.iter().fold(driver.quantity, |value, a| {
            value * factor(a, bound.of(a).unwrap_or(f64::NAN))
        })
    };
    let range = ValueRange {
        low: product(Bound::Low),
        expected: product(Bound::Expected),
        high: product(Bound::High),
    };
    if [range.low, range.expected, range.high]
        .iter()
        .any(|v| !v.is_finite() || *v > LARGEST)
    {
        return Err(vec![ValueProblem::TooLarge]);
    }
    Ok((driver, range))
}
