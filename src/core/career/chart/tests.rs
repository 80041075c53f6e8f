use super::*;
use crate::core::career::tests::four_tracks;
use crate::core::career::{CompRecord, ExchangeRate};

fn with_record(currency: &str, base: i64) -> Career {
    let mut career = four_tracks();
    career.comp_records.push(CompRecord {
        id: "r1".into(),
        level_id: Some("c-2".into()),
        currency: currency.into(),
        base,
        ..CompRecord::default()
    });
    career
}

#[test]
fn nice_axis_uses_round_steps_that_cover_the_range() {
    let axis = nice_axis(5_040_000, 15_600_000, 5);
    assert_eq!(axis.step, 2_000_000);
    assert_eq!((axis.min, axis.max), (4_000_000, 16_000_000));
    let small = nice_axis(3, 97, 5);
    assert_eq!((small.min, small.max, small.step), (0, 100, 20));
}

#[test]
fn nice_axis_widens_a_single_value_and_survives_extremes() {
    let axis = nice_axis(7_000_000, 7_000_000, 5);
    assert!(axis.min < 7_000_000 && axis.max > 7_000_000);
    let wide = nice_axis(i64::MIN, i64::MAX, 5);
    assert!(wide.step > 0);
    assert_eq!((wide.min, wide.max), (i64::MIN, i64::MAX));
}

#[test]
fn chart_has_a_bar_per_track_at_the_rank_with_the_chosen_one_first() {
    let chart = band_chart(&four_tracks(), "c-2", None, &ChartLayout::default()).unwrap();
    let labels: Vec<_> = chart.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Community · Community 2",
            "Engineering · Engineering 2",
            "Program · Program 2",
            "Marketing · Marketing 2"
        ]
    );
    assert!(chart.rows[0].chosen && !chart.rows[1].chosen);
    assert!(chart.rows[1].y > chart.rows[0].y);
}

#[test]
fn bars_share_one_scale_within_the_plot_area() {
    let layout = ChartLayout::default();
    let chart = band_chart(&four_tracks(), "c-2", None, &layout).unwrap();
    for row in &chart.rows {
        assert!(row.low_x >= layout.left && row.high_x <= layout.width - layout.right);
        assert!(row.low_x < row.mid_x.unwrap() && row.mid_x.unwrap() < row.high_x);
    }
    // Engineering's 130k midpoint sits right of Program's 95k.
    assert!(chart.rows[1].mid_x > chart.rows[2].mid_x);
    let first = chart.axis.ticks.first().unwrap();
    let last = chart.axis.ticks.last().unwrap();
    assert_eq!(first.x, layout.left);
    assert_eq!(last.x, layout.width - layout.right);
    assert!(chart.axis.min <= 5_040_000 && chart.axis.max >= 15_600_000);
    assert_eq!(chart.axis.ticks[1].label, "60k");
}

#[test]
fn the_pay_marker_sits_at_the_records_pay() {
    let career = with_record("USD", 7_000_000);
    let chart = band_chart(&career, "c-2", Some("r1"), &ChartLayout::default()).unwrap();
    let marker = chart.marker.unwrap();
    assert_eq!(marker.value, 7_000_000);
    assert_eq!(Some(marker.x), chart.rows[0].mid_x);
    assert_eq!(marker.label, "USD 70,000");
}

#[test]
fn pay_in_another_currency_is_marked_only_with_a_rate() {
    let mut career = with_record("EUR", 6_000_000);
    let chart = band_chart(&career, "c-2", Some("r1"), &ChartLayout::default()).unwrap();
    assert!(chart.marker.is_none());
    assert!(chart.marker_problem.unwrap().contains("EUR→USD"));
    career.exchange_rates.push(ExchangeRate {
        id: "x1".into(),
        from: "EUR".into(),
        to: "USD".into(),
        rate: 1.1,
        ..ExchangeRate::default()
    });
    let chart = band_chart(&career, "c-2", Some("r1"), &ChartLayout::default()).unwrap();
    assert_eq!(chart.marker.unwrap().value, 6_600_000);
}

#[test]
fn tracks_without_a_band_are_listed_not_drawn() {
    let chart = band_chart(&four_tracks(), "c-3", None, &ChartLayout::default()).unwrap();
    assert!(chart.rows.is_empty());
    assert_eq!(chart.excluded.len(), 4);
    assert!(chart.height > 0.0);
}

#[test]
fn the_chart_grows_with_its_rows() {
    let layout = ChartLayout::default();
    let chart = band_chart(&four_tracks(), "c-2", None, &layout).unwrap();
    let expected = layout.top + 4.0 * layout.row_height + 3.0 * layout.row_gap;
    assert_eq!(chart.axis_y, expected);
    assert_eq!(chart.height, expected + layout.axis_height);
}
