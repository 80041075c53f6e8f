use super::*;
use crate::core::curve::test_support::{curve, touch};
#[cfg(not(target_arch = "wasm32"))]
use proptest::prelude::*;

fn frame() -> Frame {
    Frame::new(440.0, 240.0, 20.0)
}

#[test]
fn stages_are_spread_evenly_across_the_padded_width() {
    let c = curve(&[("A", 0, 0, 0), ("B", 50, 0, 0), ("C", 100, 0, 0)]);
    let p = stage_points(&c, frame());
    let xs: Vec<f64> = p.iter().map(|p| p.x).collect();
    assert_eq!(xs, [20.0, 220.0, 420.0]);
    let ys: Vec<f64> = p.iter().map(|p| p.y).collect();
    assert_eq!(ys, [220.0, 120.0, 20.0]);
}

#[test]
fn an_x_inset_keeps_the_end_stages_off_the_axis() {
    let c = curve(&[("A", 0, 0, 0), ("B", 50, 0, 0), ("C", 100, 0, 0)]);
    let xs: Vec<f64> = stage_points(&c, frame().with_x_inset(30.0))
        .iter()
        .map(|p| p.x)
        .collect();
    assert_eq!(xs, [50.0, 220.0, 390.0]);
    // An inset wider than half the plot puts every stage in the middle, never outside.
    let xs: Vec<f64> = stage_points(&c, frame().with_x_inset(1e9))
        .iter()
        .map(|p| p.x)
        .collect();
    assert_eq!(xs, [220.0, 220.0, 220.0]);
    assert_eq!(frame().with_x_inset(f64::NAN).x_inset, 0.0);
}

#[test]
fn a_single_stage_sits_in_the_middle() {
    let c = curve(&[("A", 50, 0, 0)]);
    let p = stage_points(&c, frame());
    assert_eq!((p[0].x, p[0].y), (220.0, 120.0));
    assert_eq!(curve_path(&c, frame()), "M220 120 h0");
}

#[test]
fn empty_curve_has_no_points_and_an_empty_path() {
    assert!(stage_points(&Curve::default(), frame()).is_empty());
    assert_eq!(curve_path(&Curve::default(), frame()), "");
}

#[test]
fn path_passes_through_every_stage_point() {
    let c = curve(&[("A", 10, 0, 0), ("B", 60, 0, 0), ("C", 95, 0, 0)]);
    let d = curve_path(&c, frame());
    assert!(d.starts_with("M20 200 C"));
    assert!(d.contains(" 220 100 C"), "{d}");
    assert!(d.ends_with(" 420 30"), "{d}");
}

#[test]
fn flat_neighbours_make_a_flat_segment() {
    let pts = [
        Point { x: 0.0, y: 50.0 },
        Point { x: 10.0, y: 50.0 },
        Point { x: 20.0, y: 0.0 },
    ];
    let s = segments(&pts);
    assert_eq!((s[0].c1.y, s[0].c2.y), (50.0, 50.0));
}

#[test]
fn a_peak_does_not_overshoot_above_100() {
    let c = curve(&[
        ("A", 0, 0, 0),
        ("B", 100, 0, 0),
        ("C", 100, 0, 0),
        ("D", 0, 0, 0),
    ]);
    let pts: Vec<Point> = stage_points(&c, frame())
        .iter()
        .map(|p| Point { x: p.x, y: p.y })
        .collect();
    for s in segments(&pts) {
        for k in 0..=20 {
            let y = s.at(f64::from(k) / 20.0).y;
            assert!((20.0 - 1e-9..=220.0 + 1e-9).contains(&y), "{y}");
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
proptest! {
    #[test]
    fn the_curve_never_leaves_the_0_to_100_band(levels in proptest::collection::vec(0u8..=100, 2..8)) {
        let stages: Vec<(&str, u8, u64, u64)> = levels.iter().map(|l| ("S", *l, 0, 0)).collect();
        let c = curve(&stages);
        let pts: Vec<Point> = stage_points(&c, frame()).iter().map(|p| Point { x: p.x, y: p.y }).collect();
        for s in segments(&pts) {
            for y in [s.c1.y, s.c2.y] {
                prop_assert!((20.0 - 1e-9..=220.0 + 1e-9).contains(&y));
            }
            let lo = s.start.y.min(s.end.y) - 1e-9;
            let hi = s.start.y.max(s.end.y) + 1e-9;
            for k in 0..=10 {
                let y = s.at(f64::from(k) / 10.0).y;
                prop_assert!(y >= lo && y <= hi, "segment overshoots its end points");
            }
        }
    }
}

#[test]
fn dragging_maps_y_back_to_the_level() {
    let f = frame();
    assert_eq!(f.level_at_y(f.y_of_level(37.0)), 37);
    assert_eq!(f.level_at_y(-500.0), 100);
    assert_eq!(f.level_at_y(9_999.0), 0);
    assert_eq!(f.level_at_y(f64::NAN), 0);
}

#[test]
fn a_degenerate_frame_does_not_divide_by_zero() {
    let f = Frame::new(10.0, 10.0, 20.0);
    assert_eq!(f.level_at_y(5.0), 0);
    let c = curve(&[("A", 10, 0, 0), ("B", 60, 0, 0)]);
    assert!(!curve_path(&c, f).contains("NaN"));
    let nan = Frame::new(f64::NAN, f64::INFINITY, 0.0);
    assert!(!curve_path(&c, nan).contains("NaN"));
}

#[test]
fn touch_point_marker_sits_on_the_curve_between_its_stages() {
    let mut c = curve(&[("A", 0, 0, 0), ("B", 100, 0, 0)]);
    c.touch_points = vec![touch("t1", "s1", "s2")];
    let m = touch_point_markers(&c, frame());
    assert_eq!(m.len(), 1);
    assert!((m[0].x - 220.0).abs() < 1e-9);
    assert!((m[0].y - 120.0).abs() < 1e-9);
}

#[test]
fn touch_points_on_the_same_transition_are_spread_out() {
    let mut c = curve(&[("A", 0, 0, 0), ("B", 100, 0, 0), ("C", 100, 0, 0)]);
    c.touch_points = vec![
        touch("t1", "s1", "s2"),
        touch("t2", "s1", "s2"),
        touch("t3", "s2", "s3"),
        touch("t4", "s2", "s2"),
        touch("t5", "s2", "ghost"),
    ];
    let m = touch_point_markers(&c, frame());
    let xs: Vec<f64> = m.iter().map(|m| m.x.round()).collect();
    assert_eq!(m.len(), 4);
    assert!(xs[0] < xs[1] && xs[1] < 220.0);
    assert_eq!(xs[2], 320.0);
    assert_eq!((m[3].x, m[3].y), (220.0, 20.0));
}

fn span(left: f64, right: f64, y: f64) -> LabelSpan {
    LabelSpan { left, right, y }
}

#[test]
fn labels_go_above_unless_they_would_overlap_an_earlier_one() {
    use LabelSide::*;
    // Far apart: all above.
    let apart = [span(0.0, 50.0, 100.0), span(100.0, 150.0, 100.0)];
    assert_eq!(label_sides(&apart, 30.0, 10.0), [Above, Above]);
    // Side by side at the same height and overlapping in x: the second goes below.
    let level = [
        span(0.0, 120.0, 100.0),
        span(100.0, 200.0, 100.0),
        span(180.0, 260.0, 100.0),
    ];
    assert_eq!(label_sides(&level, 30.0, 10.0), [Above, Below, Above]);
    // Overlapping in x but at clearly different heights: both above.
    let rising = [span(0.0, 120.0, 200.0), span(100.0, 200.0, 100.0)];
    assert_eq!(label_sides(&rising, 30.0, 10.0), [Above, Above]);
}

#[test]
fn a_label_with_no_free_side_stays_above() {
    use LabelSide::*;
    let crowded = [
        span(0.0, 100.0, 100.0),
        span(0.0, 100.0, 100.0),
        span(0.0, 100.0, 100.0),
    ];
    assert_eq!(label_sides(&crowded, 30.0, 10.0), [Above, Below, Above]);
}
