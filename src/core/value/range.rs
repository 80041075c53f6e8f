//! The figures of a model: the driver's quantity, and the value's stated interval (the 5th
//! percentile, median and 95th percentile of a seeded simulation, `simulate`). Every way a
//! figure can be missing or unusable has its own message, so nothing on screen is ever "NaN"
//! or a silent zero.

use std::fmt;

use super::simulate::{simulate, Triangle};
use super::{Assumption, Driver, ValueModel};
use crate::core::curve::{Curve, TouchPoint};
use crate::core::goals::text::{format_number, format_value};
use crate::core::goals::{Direction, Goal, Totalling, Window};

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
    /// The time window the driver is counted over ("per month"), carried into the value's
    /// unit; None for a total or a count with no window.
    pub per: Option<&'static str>,
}

/// A value's stated interval, in the model's unit: [`super::INTERVAL_PERCENT`]% of the
/// simulated outcomes lie between `low` and `high`; half lie below `median`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ValueInterval {
    /// The 5th percentile of the outcomes.
    pub low: f64,
    pub median: f64,
    /// The 95th percentile.
    pub high: f64,
}

/// Which figure of an assumption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Low,
    /// The most likely figure, or the mean when the team says so.
    Middle,
    High,
}

impl Bound {
    /// "low", "high", and for the middle what the team says it is ("most likely", "mean").
    pub fn word(self, a: &Assumption) -> &'static str {
        match self {
            Bound::Low => "low",
            Bound::Middle => a.middle_word(),
            Bound::High => "high",
        }
    }

    fn of(self, a: &Assumption) -> Option<f64> {
        match self {
            Bound::Low => a.low,
            Bound::Middle => a.expected,
            Bound::High => a.high,
        }
    }
}

const BOUNDS: [Bound; 3] = [Bound::Low, Bound::Middle, Bound::High];

/// Past this, a value is not a figure anyone can check; the model says so instead.
const LARGEST: f64 = 1e15;

/// Why a model shows no value.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueProblem {
    NoAssumptions,
    Unlabelled {
        index: usize,
    },
    /// `figure` is the bound's word: "low", "most likely", "mean", "high".
    Missing {
        label: String,
        figure: &'static str,
    },
    NotANumber {
        label: String,
        figure: &'static str,
    },
    Negative {
        label: String,
        figure: &'static str,
    },
    /// Every figure is 0, so every outcome is 0.
    AllZero {
        label: String,
    },
    OutOfOrder {
        label: String,
        middle: &'static str,
    },
    /// A mean no triangular estimate between the low and high figures can have.
    MeanOutOfReach {
        label: String,
        lowest: f64,
        highest: f64,
    },
    NoTarget,
    NoBaseline,
    NoCheckIn,
    /// A gain on a goal that holds its metric at a line.
    KeepHasNoGain,
    /// A gain on a goal whose direction is a value from a newer version of Trellis.
    UnknownDirection,
    /// A driver that is a value from a newer version of Trellis.
    UnknownDriver,
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
            ValueProblem::Missing { label, figure } => {
                write!(f, "Enter the {figure} figure of “{label}”.")
            }
            ValueProblem::NotANumber { label, figure } => {
                write!(f, "The {figure} figure of “{label}” is not a number.")
            }
            ValueProblem::Negative { label, figure } => write!(
                f,
                "The {figure} figure of “{label}” is below zero: a unit value, rate or share \
                 here cannot be negative."
            ),
            ValueProblem::AllZero { label } => write!(
                f,
                "Every figure of “{label}” is 0, which makes the value 0: enter what you \
                 expect, or remove the assumption."
            ),
            ValueProblem::OutOfOrder { label, middle } => write!(
                f,
                "The figures of “{label}” are out of order: low must not exceed {middle}, nor \
                 {middle} exceed high."
            ),
            ValueProblem::MeanOutOfReach {
                label,
                lowest,
                highest,
            } => write!(
                f,
                "The mean of “{label}” is out of reach of its low and high figures: a \
                 three-point estimate over them has a mean from {} to {}. Widen the low or \
                 high figure, or enter the most likely figure instead of the mean.",
                format_number(*lowest),
                format_number(*highest)
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
            ValueProblem::UnknownDirection => write!(
                f,
                "The goal's direction is a value from a newer version of Trellis, so this \
                 version cannot tell its gain: choose its target or its latest check-in as the \
                 driver, or open the plan in the newer version."
            ),
            ValueProblem::UnknownDriver => write!(
                f,
                "The driver is a value from a newer version of Trellis, which this version \
                 cannot compute: choose another driver, or open the plan in the newer version."
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

fn positive(
    quantity: f64,
    working: String,
    unit: &str,
    per: Option<&'static str>,
) -> Result<DriverValue, ValueProblem> {
    if quantity.is_finite() && quantity > 0.0 {
        Ok(DriverValue {
            quantity,
            unit: unit.to_string(),
            working,
            per,
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

/// The window a goal's metric is counted over, as the value carries it ("per month"): none
/// for a running total or a count since the baseline, nor when the unit already says one.
fn window_of(goal: &Goal) -> Option<&'static str> {
    let metric = &goal.metric;
    if metric.totalling == Totalling::RunningTotal
        || metric.window == Window::SinceBaseline
        || metric.unit.to_lowercase().contains("per ")
    {
        return None;
    }
    Some(metric.window.label())
}

/// Said of a driver taken from a percentage: it is a share, and counts as its hundredth.
const SHARE_NOTE: &str = "a share: the assumptions must include the count it is a share of";

fn goal_driver(driver: Driver, goal: &Goal) -> Result<DriverValue, ValueProblem> {
    let unit = goal.metric.unit.trim();
    // A percentage is a share: 60% multiplies as 0.6, never as 60.
    let percent = unit == "%";
    let per = window_of(goal);
    let counted = match (per, percent) {
        (_, true) => "share".to_string(),
        (Some(per), false) if !unit.is_empty() => format!("{unit} {per}"),
        (Some(per), false) => per.to_string(),
        (None, false) => unit.to_string(),
    };
    let shown = |v: f64| {
        if percent {
            format!("{}%", format_number(v))
        } else {
            format_number(v)
        }
    };
    let finish = |quantity: f64, working: String| {
        if percent {
            let share = quantity / 100.0;
            let working = format!("{working} = {} ({SHARE_NOTE})", format_number(share));
            positive(share, working, &counted, per)
        } else {
            positive(quantity, working, &counted, per)
        }
    };
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
            Direction::Unknown(_) => return Err(ValueProblem::UnknownDirection),
            Direction::Increase => (
                to - from,
                format!("{to_name} {} − baseline {}", shown(to), shown(from)),
            ),
            Direction::Decrease => (
                from - to,
                format!("baseline {} − {to_name} {}", shown(from), shown(to)),
            ),
            Direction::KeepAbove | Direction::KeepBelow => return Err(ValueProblem::KeepHasNoGain),
        };
        let gained = if percent {
            format!("{} points", format_number(quantity))
        } else {
            format_value(quantity, &counted)
        };
        finish(quantity, format!("{working} = {gained}"))
    };
    let single = |v: f64, name: &str| {
        let working = if percent {
            format!("{name} {}", shown(v))
        } else {
            format!("{name} {}", format_value(v, &counted))
        };
        finish(v, working)
    };
    match driver {
        Driver::Target => single(target()?, "target"),
        Driver::Latest => single(latest()?, "latest check-in"),
        Driver::GainToTarget => gain(target()?, "target"),
        Driver::GainSoFar => gain(latest()?, "latest check-in"),
        Driver::Unknown(_) => Err(ValueProblem::UnknownDriver),
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
        Driver::Unknown(_) => return Err(ValueProblem::UnknownDriver),
        other => return Err(ValueProblem::WrongDriver { driver: other }),
    };
    let quantity = members * pct / 100.0;
    let working = format!(
        "{} members of {name} now × {how} = {} members",
        super::format_amount(members),
        format_number(quantity)
    );
    positive(quantity, working, "members", None)
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
            let figure = bound.word(a);
            let problem = match bound.of(a) {
                None => Some(ValueProblem::Missing {
                    label: name.clone(),
                    figure,
                }),
                Some(v) if !v.is_finite() => Some(ValueProblem::NotANumber {
                    label: name.clone(),
                    figure,
                }),
                Some(v) if v < 0.0 => Some(ValueProblem::Negative {
                    label: name.clone(),
                    figure,
                }),
                Some(_) => None,
            };
            if let Some(p) = problem {
                complete = false;
                problems.push(p);
            }
        }
        let (true, Some(low), Some(middle), Some(high)) = (complete, a.low, a.expected, a.high)
        else {
            continue;
        };
        if low > middle || middle > high {
            problems.push(ValueProblem::OutOfOrder {
                label: name,
                middle: a.middle_word(),
            });
        } else if high == 0.0 {
            problems.push(ValueProblem::AllZero { label: name });
        } else if a.middle_is_mean && Triangle::with_mean(low, middle, high).is_none() {
            let (lowest, highest) = Triangle::mean_bounds(low, high);
            problems.push(ValueProblem::MeanOutOfReach {
                label: name,
                lowest,
                highest,
            });
        }
    }
    problems
}

/// The distribution of an assumption as a multiplier (a percentage as its hundredth); None
/// while a figure is missing or unusable (the problems say which).
fn triangle(a: &Assumption) -> Option<Triangle> {
    let (low, middle, high) = (a.low?, a.expected?, a.high?);
    let t = if a.middle_is_mean {
        Triangle::with_mean(low, middle, high)?
    } else {
        Triangle {
            low,
            peak: middle,
            high,
        }
    };
    Some(Triangle {
        low: factor(a, t.low),
        peak: factor(a, t.peak),
        high: factor(a, t.high),
    })
}

/// The value of `model` on `subject`: the driver and the stated interval, or every reason
/// there is none.
pub fn valuation(
    model: &ValueModel,
    subject: Subject,
) -> Result<(DriverValue, ValueInterval), Vec<ValueProblem>> {
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
    let Some(factors) = model
        .assumptions
        .iter()
        .map(triangle)
        .collect::<Option<Vec<_>>>()
    else {
        return Err(vec![ValueProblem::NoAssumptions]);
    };
    // The largest outcome possible: every figure at its high end.
    let ceiling = factors.iter().fold(driver.quantity, |v, t| v * t.high);
    if !ceiling.is_finite() || ceiling > LARGEST {
        return Err(vec![ValueProblem::TooLarge]);
    }
    let (low, median, high) = simulate(driver.quantity, &factors);
    let interval = ValueInterval { low, median, high };
    if [low, median, high].iter().any(|v| !v.is_finite()) {
        return Err(vec![ValueProblem::TooLarge]);
    }
    Ok((driver, interval))
}
