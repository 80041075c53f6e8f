//! The curve drawing as a standalone SVG file, for slides: the same geometry the app
//! draws, with colours written in (a file has no stylesheet) and user text escaped.

use std::fmt::Write;

use super::geometry::{curve_path, stage_points, touch_point_markers, Frame};
use super::Curve;

pub const EXPORT_WIDTH: f64 = 960.0;
pub const EXPORT_HEIGHT: f64 = 440.0;
pub const EXPORT_PADDING: f64 = 72.0;

/// The frame the exported drawing uses.
pub fn export_frame() -> Frame {
    Frame::new(EXPORT_WIDTH, EXPORT_HEIGHT, EXPORT_PADDING).with_x_inset(24.0)
}

/// A complete `<svg>` document of the curve: axes, the smooth path, stage points with
/// names and member counts, and touch-point markers.
pub fn drawing_svg(curve: &Curve, title: &str) -> String {
    let frame = export_frame();
    let (w, h, pad) = (EXPORT_WIDTH, EXPORT_HEIGHT, EXPORT_PADDING);
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="system-ui, sans-serif">"##
    );
    let _ = write!(out, "<title>{}</title>", escape(title));
    let _ = write!(out, r##"<rect width="{w}" height="{h}" fill="#ffffff"/>"##);
    let (top, bottom) = (frame.y_of_level(100.0), frame.y_of_level(0.0));
    let _ = write!(
        out,
        r##"<line x1="{pad}" y1="{bottom}" x2="{x2}" y2="{bottom}" stroke="#4f5b56"/><line x1="{pad}" y1="{top}" x2="{pad}" y2="{bottom}" stroke="#4f5b56"/>"##,
        x2 = w - pad
    );
    let _ = write!(
        out,
        r##"<text x="{x}" y="{y}" font-size="13" fill="#4f5b56" text-anchor="middle">Member journey →</text>"##,
        x = w / 2.0,
        y = h - 12.0
    );
    let _ = write!(
        out,
        r##"<text x="18" y="{y}" font-size="13" fill="#4f5b56" text-anchor="middle" transform="rotate(-90 18 {y})">Commitment →</text>"##,
        y = h / 2.0
    );
    let d = curve_path(curve, frame);
    if !d.is_empty() {
        let _ = write!(
            out,
            r##"<path d="{d}" fill="none" stroke="#1f6f5c" stroke-width="3"/>"##
        );
    }
    for m in touch_point_markers(curve, frame) {
        let name = curve
            .touch_point(&m.touch_point_id)
            .map(|t| t.name.as_str())
            .unwrap_or("");
        let _ = write!(
            out,
            r##"<rect x="{x}" y="{y}" width="10" height="10" transform="rotate(45 {cx} {cy})" fill="#8a5a00"><title>{name}</title></rect>"##,
            x = m.x - 5.0,
            y = m.y - 5.0,
            cx = m.x,
            cy = m.y,
            name = escape(name)
        );
    }
    let points = stage_points(curve, frame);
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
            r##"<circle cx="{x}" cy="{y}" r="8" fill="#1f6f5c" stroke="#ffffff" stroke-width="2"/>"##,
            x = p.x,
            y = p.y
        );
        let _ = write!(
            out,
            r##"<text x="{x}" y="{y}" font-size="14" font-weight="600" fill="#1c2421" text-anchor="{anchor}">{name}</text>"##,
            x = lx,
            y = p.y - 34.0,
            name = escape(&stage.name)
        );
        let _ = write!(
            out,
            r##"<text x="{x}" y="{y}" font-size="12" fill="#4f5b56" text-anchor="{anchor}">{count} members</text>"##,
            x = lx,
            y = p.y - 18.0,
            count = stage.members_now
        );
    }
    out.push_str("</svg>\n");
    out
}

/// Escapes text for SVG/XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&apos;"),
            // Control characters other than tab/newline are not allowed in XML 1.0.
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => s.push(c),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::curve::test_support::{curve, touch};

    #[test]
    fn export_is_a_complete_svg_with_every_stage_and_its_count() {
        let c = curve(&[("Aware", 10, 1000, 0), ("Member", 40, 200, 0)]);
        let svg = drawing_svg(&c, "Curve");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains(">Aware</text>"));
        assert!(svg.contains(">1000 members</text>"));
        assert!(svg.contains("<path d=\"M"));
        assert_eq!(svg.matches("<circle").count(), 2);
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
        assert!(svg.contains("Tom&apos;s &lt;plan&gt;"));
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
