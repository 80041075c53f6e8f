//! The curve drawing as a standalone SVG, for slides and for the plan report: a title, the
//! same geometry the app draws, the bottleneck marked, and a legend; colours written in (a
//! file has no stylesheet) and user text escaped.

use std::fmt::Write;

use super::analysis::{shown_bottleneck, NO_BOTTLENECK};
use super::geometry::{
    curve_path, segments, stage_points, touch_point_markers, Frame, Point, Segment,
};
use super::Curve;
pub use crate::core::html::escape;

pub const EXPORT_WIDTH: f64 = 960.0;
/// The plot: axes, curve, stages and touch points.
pub const PLOT_HEIGHT: f64 = 440.0;
/// Room above the plot for the title.
const TITLE_BAND: f64 = 56.0;
/// Room below the plot for the legend.
const LEGEND_BAND: f64 = 52.0;
/// The whole drawing: title, plot and legend.
pub const EXPORT_HEIGHT: f64 = TITLE_BAND + PLOT_HEIGHT + LEGEND_BAND;
pub const EXPORT_PADDING: f64 = 72.0;

const INK: &str = "#1c2421";
const MUTED: &str = "#4f5b56";
const CURVE: &str = "#1f6f5c";
const TOUCH: &str = "#8a5a00";
const BOTTLENECK: &str = "#b3261e";

/// The frame the plot uses (inside the drawing, below the title).
pub fn export_frame() -> Frame {
    Frame::new(EXPORT_WIDTH, PLOT_HEIGHT, EXPORT_PADDING).with_x_inset(24.0)
}

/// The drawing's title: "Commitment curve: <plan name>".
pub fn drawing_title(plan_name: &str) -> String {
    match plan_name.trim() {
        "" => "Commitment curve".to_string(),
        name => format!("Commitment curve: {name}"),
    }
}

/// A complete `<svg>` document of the curve of the plan named `plan_name`: the title, axes,
/// the smooth path, stage points with names and member counts, touch-point markers, the
/// bottleneck marked (as [`shown_bottleneck`] finds it) and a legend. Its `<title>` and
/// `<desc>` (the bottleneck's sentence) name it for assistive technology.
pub fn drawing_svg(curve: &Curve, plan_name: &str) -> String {
    let frame = export_frame();
    let (w, h, pad) = (EXPORT_WIDTH, EXPORT_HEIGHT, EXPORT_PADDING);
    let title = drawing_title(plan_name);
    let bottleneck = shown_bottleneck(curve);
    let desc = bottleneck
        .as_ref()
        .map_or(NO_BOTTLENECK.to_string(), |b| b.headline.clone());
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" role="img" aria-labelledby="report-curve-title report-curve-desc">"##
    );
    let _ = write!(
        out,
        r##"<title id="report-curve-title">{}</title><desc id="report-curve-desc">{}</desc>"##,
        escape(&title),
        escape(&desc)
    );
    let _ = write!(out, r##"<rect width="{w}" height="{h}" fill="#ffffff"/>"##);
    let _ = write!(
        out,
        r##"<text x="{pad}" y="34" font-size="22" font-weight="700" fill="{INK}">{}</text>"##,
        escape(&title)
    );
    let _ = write!(out, r##"<g transform="translate(0 {TITLE_BAND})">"##);
    let (top, bottom) = (frame.y_of_level(100.0), frame.y_of_level(0.0));
    let _ = write!(
        out,
        r##"<line x1="{pad}" y1="{bottom}" x2="{x2}" y2="{bottom}" stroke="{MUTED}"/><line x1="{pad}" y1="{top}" x2="{pad}" y2="{bottom}" stroke="{MUTED}"/>"##,
        x2 = w - pad
    );
    let _ = write!(
        out,
        r##"<text x="{x}" y="{y}" font-size="13" fill="{MUTED}" text-anchor="middle">Member journey →</text>"##,
        x = w / 2.0,
        y = PLOT_HEIGHT - 12.0
    );
    let _ = write!(
        out,
        r##"<text x="18" y="{y}" font-size="13" fill="{MUTED}" text-anchor="middle" transform="rotate(-90 18 {y})">Commitment →</text>"##,
        y = PLOT_HEIGHT / 2.0
    );
    let points = stage_points(curve, frame);
    let xy: Vec<Point> = points.iter().map(|p| Point { x: p.x, y: p.y }).collect();
    // The bottleneck under the curve: a wide band along its piece of the path, and its label.
    let marked = bottleneck.as_ref().and_then(|b| {
        let from = curve.stage_index(&b.from_stage_id)?;
        let to = curve.stage_index(&b.to_stage_id)?;
        (to == from + 1).then_some(())?;
        segments(&xy).get(from).copied()
    });
    if let Some(seg) = marked {
        let _ = write!(
            out,
            r##"<path d="{}" fill="none" stroke="{BOTTLENECK}" stroke-opacity="0.35" stroke-width="16" stroke-linecap="round"/>"##,
            segment_d(&seg)
        );
        let mid = seg.at(0.5);
        let _ = write!(
            out,
            r##"<text x="{x:.1}" y="{y:.1}" font-size="13" font-weight="700" fill="{BOTTLENECK}" text-anchor="middle">Bottleneck</text>"##,
            x = mid.x,
            y = mid.y + 30.0
        );
    }
    let d = curve_path(curve, frame);
    if !d.is_empty() {
        let _ = write!(
            out,
            r##"<path d="{d}" fill="none" stroke="{CURVE}" stroke-width="3"/>"##
        );
    }
    let markers = touch_point_markers(curve, frame);
    for m in &markers {
        let name = curve
            .touch_point(&m.touch_point_id)
            .map(|t| t.name.as_str())
            .unwrap_or("");
        let _ = write!(
            out,
            r##"<rect x="{x}" y="{y}" width="10" height="10" transform="rotate(45 {cx} {cy})" fill="{TOUCH}"><title>{name}</title></rect>"##,
            x = m.x - 5.0,
            y = m.y - 5.0,
            cx = m.x,
            cy = m.y,
            name = escape(name)
        );
    }
    let n = points.len();
    for (i, p) in points.into_iter().enumerate() {
        // Labels of the end stages lean inward so they clear the axis and the edge.
        let (anchor, lx) = match i {
            _ if n < 2 => ("middle", p.x),
            0 => ("start", p.x - 12.0),
            i if i + 1 == n => ("end", p.x + 12.0),
            _ => ("middle", p.x),
        };
        let Some(stage) = curve.stage(&p.stage_id) else {
            continue;
        };
        let _ = write!(
            out,
            r##"<circle cx="{x}" cy="{y}" r="8" fill="{CURVE}" stroke="#ffffff" stroke-width="2"/>"##,
            x = p.x,
            y = p.y
        );
        let _ = write!(
            out,
            r##"<text x="{x}" y="{y}" font-size="14" font-weight="600" fill="{INK}" text-anchor="{anchor}">{name}</text>"##,
            x = lx,
            y = p.y - 34.0,
            name = escape(&stage.name)
        );
        let _ = write!(
            out,
            r##"<text x="{x}" y="{y}" font-size="12" fill="{MUTED}" text-anchor="{anchor}">{count} members</text>"##,
            x = lx,
            y = p.y - 18.0,
            count = stage.members_now
        );
    }
    out.push_str("</g>");
    legend(
        &mut out,
        !markers.is_empty(),
        bottleneck.as_ref().map(|b| {
            format!(
                "Bottleneck{}: {} → {}",
                if b.observed { " (observed flows)" } else { "" },
                super::analysis::stage_name(curve, &b.from_stage_id),
                super::analysis::stage_name(curve, &b.to_stage_id)
            )
        }),
    );
    out.push_str("</svg>\n");
    out
}

/// The legend below the plot: what the line, the dots, the diamonds and the band mean. Items
/// flow left to right and wrap to a second row.
fn legend(out: &mut String, touch_points: bool, bottleneck: Option<String>) {
    let mut items: Vec<(&str, String)> = vec![
        ("curve", "Commitment curve".to_string()),
        ("stage", "Stage, with its members now".to_string()),
    ];
    if touch_points {
        items.push(("touch", "Touch point".to_string()));
    }
    match bottleneck {
        Some(text) => items.push(("bottleneck", text)),
        None => items.push(("none", NO_BOTTLENECK.to_string())),
    }
    let top = TITLE_BAND + PLOT_HEIGHT;
    let (left, right) = (EXPORT_PADDING, EXPORT_WIDTH - 24.0);
    let (mut x, mut row) = (left, 0.0);
    for (kind, text) in items {
        // About 7.5 units a character at 13 units: enough to keep items apart.
        let width = 28.0 + 7.5 * text.chars().count() as f64;
        if x > left && x + width > right {
            x = left;
            row += 22.0;
        }
        let y = top + 14.0 + row;
        let swatch = match kind {
            "curve" => format!(
                r##"<line x1="{x}" y1="{y}" x2="{x2}" y2="{y}" stroke="{CURVE}" stroke-width="3"/>"##,
                x2 = x + 20.0
            ),
            "stage" => format!(
                r##"<circle cx="{cx}" cy="{y}" r="6" fill="{CURVE}"/>"##,
                cx = x + 10.0
            ),
            "touch" => format!(
                r##"<rect x="{rx}" y="{ry}" width="9" height="9" transform="rotate(45 {cx} {y})" fill="{TOUCH}"/>"##,
                rx = x + 5.5,
                ry = y - 4.5,
                cx = x + 10.0
            ),
            "bottleneck" => format!(
                r##"<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{BOTTLENECK}" stroke-opacity="0.35" stroke-width="12" stroke-linecap="round"/>"##,
                x1 = x + 4.0,
                x2 = x + 18.0
            ),
            _ => String::new(),
        };
        out.push_str(&swatch);
        let _ = write!(
            out,
            r##"<text x="{tx}" y="{ty}" font-size="13" fill="{INK}">{}</text>"##,
            escape(&text),
            tx = x + 28.0,
            ty = y + 4.5
        );
        x += width + 28.0;
    }
}

/// The path `d` of one piece of the curve.
fn segment_d(s: &Segment) -> String {
    format!(
        "M{:.2} {:.2} C{:.2} {:.2} {:.2} {:.2} {:.2} {:.2}",
        s.start.x, s.start.y, s.c1.x, s.c1.y, s.c2.x, s.c2.y, s.end.x, s.end.y
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::curve::test_support::{curve, touch};

    #[test]
    fn export_is_a_complete_svg_with_every_stage_and_its_count() {
        let c = curve(&[("Aware", 10, 1000, 0), ("Member", 40, 200, 0)]);
        let svg = drawing_svg(&c, "Forum");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains(">Aware</text>"));
        assert!(svg.contains(">1000 members</text>"));
        assert!(svg.contains("<path d=\"M"));
        assert_eq!(
            svg.matches("<circle").count(),
            3,
            "two stages and the legend's dot"
        );
        assert!(svg.contains(&format!("height=\"{EXPORT_HEIGHT}\"")));
    }

    #[test]
    fn the_drawing_has_a_title_a_legend_and_the_bottleneck_marked() {
        let mut c = curve(&[
            ("Aware", 10, 1000, 0),
            ("Member", 40, 200, 0),
            ("Belong", 70, 20, 0),
            ("Lead", 95, 10, 0),
        ]);
        c.touch_points = vec![touch("t1", "s1", "s2")];
        let svg = drawing_svg(&c, "Forum relaunch");
        assert!(svg
            .contains("<title id=\"report-curve-title\">Commitment curve: Forum relaunch</title>"));
        assert!(svg.contains(">Commitment curve: Forum relaunch</text>"));
        // Member → Belong keeps 10%, the lowest ratio: marked on the curve and in the legend.
        assert!(svg.contains("<desc id=\"report-curve-desc\">Bottleneck now: Member → Belong."));
        assert!(svg.contains(">Bottleneck</text>"));
        assert_eq!(svg.matches(&format!("stroke=\"{BOTTLENECK}\"")).count(), 2);
        for item in [
            ">Commitment curve</text>",
            ">Stage, with its members now</text>",
            ">Touch point</text>",
            ">Bottleneck: Member → Belong</text>",
        ] {
            assert!(svg.contains(item), "legend: {item}");
        }
    }

    #[test]
    fn without_a_bottleneck_the_legend_says_so() {
        let c = curve(&[("Aware", 10, 10, 0), ("Member", 40, 20, 0)]);
        let svg = drawing_svg(&c, "");
        assert!(svg.contains(">Commitment curve</text>"));
        assert!(!svg.contains(">Bottleneck</text>"));
        assert!(svg.contains(&format!(">{NO_BOTTLENECK}</text>")));
        assert!(!svg.contains(">Touch point</text>"));
    }

    #[test]
    fn user_text_in_the_export_is_escaped() {
        let mut c = curve(&[("<script>&\"x\"", 10, 1, 0), ("B", 40, 1, 0)]);
        c.touch_points = vec![touch("t1", "s1", "s2")];
        c.touch_points[0].name = "a<b".into();
        let svg = drawing_svg(&c, "Tom's <plan>");
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;&amp;&quot;x&quot;"));
        assert!(svg.contains("<title>a&lt;b</title>"));
        assert!(svg.contains("Tom&#39;s &lt;plan&gt;"));
    }

    #[test]
    fn an_empty_curve_exports_axes_without_a_path() {
        let svg = drawing_svg(&Curve::default(), "");
        assert!(!svg.contains("<path"));
        assert!(svg.contains("Member journey"));
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(escape("a\u{1}b\nc"), "ab\nc");
    }
}
