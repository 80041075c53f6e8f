//! The bundled sample plan: what a good plan looks like, for first-time users.

use chrono::NaiveDate;

use super::plan::Plan;
use super::{career, curve, goals};

pub const SAMPLE_NAME: &str = "Sample: Developer forum relaunch";

/// A complete example plan under `id`: goals, a commitment curve and a career worksheet.
/// Goal dates are laid around `today` so the sample never shows deadlines long past.
pub fn sample_plan(id: impl Into<String>, today: NaiveDate) -> Plan {
    let mut plan = Plan::new(id, SAMPLE_NAME);
    goals::sample_as_of(&mut plan, today);
    curve::sample(&mut plan);
    career::sample(&mut plan);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::schema;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn sample_plan_passes_import_validation() {
        let plan = sample_plan("p1", today());
        assert_eq!(schema::check_plan(&plan), Ok(()));
    }

    #[test]
    fn sample_plan_survives_export_and_import_unchanged() {
        let plan = sample_plan("p1", today());
        let back = crate::core::schema::PlanReader::linked().import(&schema::export_plan(&plan));
        assert_eq!(back, Ok(plan));
    }

    #[test]
    fn sample_plan_fills_every_tool() {
        let plan = sample_plan("p1", today());
        assert!(!plan.curve.stages.is_empty());
        assert!(!plan.career.tracks.is_empty());
        assert!(!plan.goals.goals.is_empty());
    }
}
