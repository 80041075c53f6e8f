//! SVG-ready numbers for drawing the curve: x is the member journey (stages in order),
//! y is commitment (0 at the bottom of the plot area, 100 at the top).

use std::fmt::Write;

use super::{level_from_f64, Curve, MAX_LEVEL};

/// The drawing area in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub padding: f64,
    /// Room left and right between the axis and the first and last stage, so their
    /// labels clear the axis' tick labels.
    pub x_inset: f64,
}

impl Frame {
    pub fn new(width: f64, height: f64, padding: f64) -> Self {
        Frame {
            width,
            height,
            padding,
            x_inset: 0.0,
        }
    }

    /// The same frame with the stages kept `inset` units away from each side.
    pub fn with_x_inset(self, inset: f64) -> Self {
        Frame {
            x_inset: finite(inset).max(0.0),
            ..self
        }
    }

    fn left(&self) -> f64 {
        finite(self.padding)
    }

    fn plot_width(&self) -> f64 {
        (finite(self.width) - 2.0 * finite(self.padding)).max(0.0)
    }

    fn top(&self) -> f64 {
        finite(self.padding)
    }

    fn plot_height(&self) -> f64 {
        (finite(self.height) - 2.0 * finite(self.padding)).max(0.0)
    }

    fn bottom(&self) -> f64 {
        self.top() + self.plot_height()
    }

    /// y of a commitment level.
    pub fn y_of_level(&self, level: f64) -> f64 {
        let l = finite(level).clamp(0.0, f64::from(MAX_LEVEL));
        self.bottom() - l / f64::from(MAX_LEVEL) * self.plot_height()
    }

    /// The commitment level under a y pixel (for dragging), clamped to 0–100.
    /// A zero-height plot gives 0.
    pub fn level_at_y(&self, y: f64) -> u8 {
        let h = self.plot_height();
        if h <= 0.0 {
            return 0;
        }
        level_from_f64((self.bottom() - y) / h * f64::from(MAX_LEVEL)).unwrap_or(0)
    }

    /// x of the stage at `index` among `count`; a lone stage sits in the middle.
    pub fn x_of_stage(&self, index: usize, count: usize) -> f64 {
        let inset = self.x_inset.min(self.plot_width() / 2.0);
        let left = self.left() + inset;
        let width = self.plot_width() - 2.0 * inset;
        if count <= 1 {
            return left + width / 2.0;
        }
        left + width * index as f64 / (count - 1) as f64
    }
}

fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StagePoint {
    pub stage_id: String,
    pub x: f64,
    pub y: f64,
    pub level: u8,
}

pub fn stage_points(curve: &Curve, frame: Frame) -> Vec<StagePoint> {
    let n = curve.stages.len();
    curve
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| StagePoint {
            stage_id: s.id.to_string(),
            x: frame.x_of_stage(i, n),
            y: frame.y_of_level(f64::from(s.commitment_level)),
            level: s.commitment_level,
        })
        .collect()
}

/// One cubic Bézier piece: from `start` through controls `c1`, `c2` to `end`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub start: Point,
    pub c1: Point,
    pub c2: Point,
    pub end: Point,
}

impl Segment {
    pub fn at(&self, t: f64) -> Point {
        let u = 1.0 - t;
        let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        Point {
            x: a * self.start.x + b * self.c1.x + c * self.c2.x + d * self.end.x,
            y: a * self.start.y + b * self.c1.y + c * self.c2.y + d * self.end.y,
        }
    }
}

/// Monotone cubic interpolation (Fritsch–Carlson) as Bézier segments. Between two points
/// the curve never leaves their y range, so it cannot overshoot 0 or 100.
/// Points must be in increasing x.
pub fn segments(points: &[Point]) -> Vec<Segment> {
    let n = points.len();
    if n < 2 {
        return Vec::new();
    }
    let slopes: Vec<f64> = points.windows(2).map(|w| slope(w[0], w[1])).collect();
    let mut tangents = vec![0.0; n];
    for i in 0..n {
        tangents[i] = if i == 0 {
            slopes[0]
        } else if i == n - 1 {
            slopes[n - 2]
        } else if slopes[i - 1] * slopes[i] <= 0.0 {
            0.0
        } else {
            (slopes[i - 1] + slopes[i]) / 2.0
        };
    }
    for (i, &d) in slopes.iter().enumerate() {
        if d == 0.0 {
            tangents[i] = 0.0;
            tangents[i + 1] = 0.0;
            continue;
        }
        let (a, b) = (tangents[i] / d, tangents[i + 1] / d);
        let s = a * a + b * b;
        // Fritsch–Carlson: keep (a, b) inside the circle of radius 3 to stay monotone.
        if s > 9.0 {
            let t = 3.0 / s.sqrt();
            tangents[i] = t * a * d;
            tangents[i + 1] = t * b * d;
        }
    }
    points
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let h = (w[1].x - w[0].x) / 3.0;
            Segment {
                start: w[0],
                c1: Point {
                    x: w[0].x + h,
                    y: w[0].y + tangents[i] * h,
                },
                c2: Point {
                    x: w[1].x - h,
                    y: w[1].y - tangents[i + 1] * h,
                },
                end: w[1],
            }
        })
        .collect()
}

fn slope(a: Point, b: Point) -> f64 {
    let dx = b.x - a.x;
    if dx.abs() < f64::EPSILON {
        0.0
    } else {
        (b.y - a.y) / dx
    }
}

/// The SVG path `d` for a smooth curve through the points ("" for none, a dot for one).
pub fn path_d(points: &[Point]) -> String {
    let mut d = String::new();
    let Some(first) = points.first() else {
        return d;
    };
    let _ = write!(d, "M{} {}", num(first.x), num(first.y));
    if points.len() == 1 {
        d.push_str(" h0");
    }
    for s in segments(points) {
        let _ = write!(
            d,
            " C{} {} {} {} {} {}",
            num(s.c1.x),
            num(s.c1.y),
            num(s.c2.x),
            num(s.c2.y),
            num(s.end.x),
            num(s.end.y)
        );
    }
    d
}

/// The curve's path `d` in a frame.
pub fn curve_path(curve: &Curve, frame: Frame) -> String {
    let points: Vec<Point> = stage_points(curve, frame)
        .iter()
        .map(|p| Point { x: p.x, y: p.y })
        .collect();
    path_d(&points)
}

/// Two decimals, no trailing zeros: short, stable SVG text.
fn num(v: f64) -> String {
    let v = (finite(v) * 100.0).round() / 100.0;
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub touch_point_id: String,
    pub x: f64,
    pub y: f64,
}

/// Touch-point markers on the curve. Touch points sharing the same span are spread
/// evenly along it; one inside a single stage sits on that stage's point. Touch points
/// with a missing end get no marker.
pub fn touch_point_markers(curve: &Curve, frame: Frame) -> Vec<Marker> {
    let points: Vec<Point> = stage_points(curve, frame)
        .iter()
        .map(|p| Point { x: p.x, y: p.y })
        .collect();
    let segs = segments(&points);
    let spans: Vec<Option<(usize, usize)>> = curve
        .touch_points
        .iter()
        .map(|t| curve.span(t).map(|(a, b)| (a.min(b), a.max(b))))
        .collect();
    let mut out = Vec::new();
    for (k, (tp, span)) in curve.touch_points.iter().zip(&spans).enumerate() {
        let Some((a, b)) = *span else { continue };
        let siblings = spans.iter().filter(|s| **s == Some((a, b))).count();
        let rank = spans[..k].iter().filter(|s| **s == Some((a, b))).count();
        let p = if a == b {
            points.get(a).copied()
        } else {
            // Position along the span in stage units, then on the segment it falls in.
            let u = a as f64 + (b - a) as f64 * (rank + 1) as f64 / (siblings + 1) as f64;
            let seg = (u.floor() as usize).min(segs.len().saturating_sub(1));
            segs.get(seg).map(|s| s.at(u - seg as f64))
        };
        if let Some(p) = p {
            out.push(Marker {
                touch_point_id: tp.id.to_string(),
                x: p.x,
                y: p.y,
            });
        }
    }
    out
}

/// Which side of its point a stage's label goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelSide {
    Above,
    Below,
}

/// A stage label's horizontal extent and the y of its point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelSpan {
    pub left: f64,
    pub right: f64,
    pub y: f64,
}

/// Places stage labels so none overlaps another: above its point unless that overlaps
/// a label already placed, then below if that is free (else above anyway). A label is
/// a block `height` tall, `gap` away from its point.
pub fn label_sides(labels: &[LabelSpan], height: f64, gap: f64) -> Vec<LabelSide> {
    let block = |l: &LabelSpan, side: LabelSide| match side {
        LabelSide::Above => (l.left, l.right, l.y - gap - height, l.y - gap),
        LabelSide::Below => (l.left, l.right, l.y + gap, l.y + gap + height),
    };
    let overlaps = |a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)| {
        a.0 < b.1 && b.0 < a.1 && a.2 < b.3 && b.2 < a.3
    };
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::with_capacity(labels.len());
    let mut sides = Vec::with_capacity(labels.len());
    for l in labels {
        let free = |side| {
            let b = block(l, side);
            !placed.iter().any(|p| overlaps(*p, b))
        };
        let side = if free(LabelSide::Above) || !free(LabelSide::Below) {
            LabelSide::Above
        } else {
            LabelSide::Below
        };
        placed.push(block(l, side));
        sides.push(side);
    }
    sides
}

#[cfg(test)]
mod tests;
