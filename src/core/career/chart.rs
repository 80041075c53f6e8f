//! Numbers for the SVG band chart: one bar per track from min to max with a midpoint
//! tick, the person's pay as a marker, all on one scale with round-number ticks.
//! Coordinates are SVG user units (x to the right, y down); the view only draws them.

use serde::Serialize;

use super::currency::convert;
use super::format::{compact, money};
use super::pay::pay_for_basis;
use super::{Band, Career, CompRecord, PayBasis};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartLayout {
    pub width: f64,
    /// Room on the left for track and level labels.
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub row_height: f64,
    pub row_gap: f64,
    /// Room at the bottom for tick labels.
    pub axis_height: f64,
    pub target_ticks: u32,
}

impl Default for ChartLayout {
    fn default() -> Self {
        ChartLayout {
            width: 640.0,
            left: 180.0,
            right: 24.0,
            top: 8.0,
            row_height: 24.0,
            row_gap: 14.0,
            axis_height: 28.0,
            target_ticks: 5,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tick {
    pub value: i64,
    pub x: f64,
    pub label: String,
}

/// A round-number scale in minor units.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Axis {
    pub min: i64,
    pub max: i64,
    pub step: i64,
    pub ticks: Vec<Tick>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartRow {
    pub track_id: String,
    pub label: String,
    pub chosen: bool,
    pub basis: PayBasis,
    pub source_label: String,
    pub y: f64,
    pub height: f64,
    pub low: i64,
    pub high: i64,
    pub mid: Option<i64>,
    pub low_x: f64,
    pub high_x: f64,
    pub mid_x: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PayMarker {
    pub value: i64,
    pub x: f64,
    pub label: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BandChart {
    pub currency: String,
    pub width: f64,
    pub height: f64,
    /// Where the axis line runs, below the last row.
    pub axis_y: f64,
    pub axis: Axis,
    pub rows: Vec<ChartRow>,
    pub marker: Option<PayMarker>,
    /// Why the pay marker is missing although a record was chosen.
    pub marker_problem: Option<String>,
    /// (track name, reason) for tracks at this rank that could not be drawn.
    pub excluded: Vec<(String, String)>,
}

/// A round step near `raw`: 1, 2 or 5 times a power of ten (the thresholds are
/// √50, √10 and √2, as in d3's tick algorithm).
fn nice_step(raw: i128) -> i128 {
    let raw = raw.max(1);
    let mut magnitude: i128 = 1;
    while magnitude.saturating_mul(10) <= raw {
        magnitude *= 10;
    }
    let multiple = if raw * 100 >= magnitude * 707 {
        10
    } else if raw * 100 >= magnitude * 316 {
        5
    } else if raw * 100 >= magnitude * 141 {
        2
    } else {
        1
    };
    magnitude * multiple
}

fn clamp_i64(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// A scale covering `lo..=hi` with about `target` round-number steps.
pub fn nice_axis(lo: i64, hi: i64, target: u32) -> Axis {
    let (mut lo, mut hi) = (i128::from(lo.min(hi)), i128::from(lo.max(hi)));
    if lo == hi {
        let pad = (lo.abs() / 10).max(100);
        lo -= pad;
        hi += pad;
    }
    let step = nice_step((hi - lo) / i128::from(target.max(1)));
    let min = lo.div_euclid(step) * step;
    let max = -((-hi).div_euclid(step)) * step;
    Axis {
        min: clamp_i64(min),
        max: clamp_i64(max),
        step: clamp_i64(step),
        ticks: Vec::new(),
    }
}

struct Scale {
    min: f64,
    span: f64,
    left: f64,
    plot: f64,
}

impl Scale {
    fn x(&self, value: i64) -> f64 {
        self.left + (value as f64 - self.min) / self.span * self.plot
    }
}

struct Drawn {
    track_id: String,
    label: String,
    chosen: bool,
    band: Band,
    low: i64,
    high: i64,
    mid: Option<i64>,
}

fn to_chart_currency(career: &Career, band: &Band, currency: &str) -> Result<Drawn, String> {
    let conv = |v: i64| {
        convert(v, &band.currency, currency, &career.exchange_rates)
            .map(|c| c.amount)
            .map_err(|e| e.to_string())
    };
    let (low, high) = match (band.low(), band.high()) {
        (Some(l), Some(h)) => (conv(l)?, conv(h)?),
        _ => return Err("The band has no figures to draw.".into()),
    };
    let mid = band.midpoint().map(conv).transpose()?;
    Ok(Drawn {
        track_id: String::new(),
        label: String::new(),
        chosen: false,
        band: band.clone(),
        low,
        high,
        mid,
    })
}

/// The chart for a level and its peers at the same rank, with the record's pay marked.
/// None when the level does not exist.
pub fn band_chart(
    career: &Career,
    level_id: &str,
    record_id: Option<&str>,
    layout: &ChartLayout,
) -> Option<BandChart> {
    let (track, level) = career.level(level_id)?;
    let record = record_id.and_then(|id| career.comp_record(id));
    let currency = level
        .band
        .as_ref()
        .map(|b| b.currency.clone())
        .or_else(|| record.map(|r| r.currency.clone()))
        .unwrap_or_default();
    let mut chart = BandChart {
        currency: currency.clone(),
        width: layout.width,
        ..BandChart::default()
    };
    let mut drawn = Vec::new();
    let candidates = std::iter::once((track, Some(level))).chain(
        career
            .tracks
            .iter()
            .filter(|t| t.id != track.id)
            .map(|t| (t, t.level_at_rank(level.rank))),
    );
    for (t, l) in candidates {
        let Some(l) = l else { continue };
        let Some(band) = l.band.as_ref() else {
            chart
                .excluded
                .push((t.name.clone(), format!("{} has no band.", l.title)));
            continue;
        };
        match to_chart_currency(career, band, &currency) {
            Ok(mut d) => {
                d.track_id = t.id.to_string();
                d.label = format!("{} · {}", t.name, l.title);
                d.chosen = l.id == level.id;
                drawn.push(d);
            }
            Err(why) => chart.excluded.push((t.name.clone(), why)),
        }
    }
    let marker_value = match record.map(|r| marker_value(career, r, level.band.as_ref(), &currency))
    {
        Some(Ok(v)) => Some(v),
        Some(Err(why)) => {
            chart.marker_problem = Some(why);
            None
        }
        None => None,
    };

    let values: Vec<i64> = drawn
        .iter()
        .flat_map(|d| [d.low, d.high])
        .chain(marker_value)
        .collect();
    let (Some(lo), Some(hi)) = (values.iter().min(), values.iter().max()) else {
        chart.height = layout.top + layout.axis_height;
        chart.axis_y = layout.top;
        return Some(chart);
    };
    let mut axis = nice_axis(*lo, *hi, layout.target_ticks);
    let scale = Scale {
        min: axis.min as f64,
        span: ((i128::from(axis.max) - i128::from(axis.min)) as f64).max(1.0),
        left: layout.left,
        plot: (layout.width - layout.left - layout.right).max(1.0),
    };
    let mut tick = i128::from(axis.min);
    while tick <= i128::from(axis.max) && axis.step > 0 && axis.ticks.len() < 50 {
        let value = clamp_i64(tick);
        axis.ticks.push(Tick {
            value,
            x: scale.x(value),
            label: compact(value, &currency),
        });
        tick += i128::from(axis.step);
    }
    for (i, d) in drawn.into_iter().enumerate() {
        chart.rows.push(ChartRow {
            y: layout.top + i as f64 * (layout.row_height + layout.row_gap),
            height: layout.row_height,
            low_x: scale.x(d.low),
            high_x: scale.x(d.high),
            mid_x: d.mid.map(|m| scale.x(m)),
            source_label: d.band.source.label(),
            basis: d.band.basis,
            track_id: d.track_id,
            label: d.label,
            chosen: d.chosen,
            low: d.low,
            high: d.high,
            mid: d.mid,
        });
    }
    chart.marker = marker_value.map(|value| PayMarker {
        value,
        x: scale.x(value),
        label: money(value, &currency),
    });
    let rows = chart.rows.len() as f64;
    chart.axis_y = layout.top + rows * layout.row_height + (rows - 1.0).max(0.0) * layout.row_gap;
    chart.height = chart.axis_y + layout.axis_height;
    chart.axis = axis;
    Some(chart)
}

/// The record's pay in the chosen band's basis, in the chart's currency.
fn marker_value(
    career: &Career,
    record: &CompRecord,
    band: Option<&Band>,
    currency: &str,
) -> Result<i64, String> {
    let basis = band.map(|b| b.basis).unwrap_or_default();
    let pay = pay_for_basis(record, basis).map_err(|e| e.to_string())?;
    convert(pay, &record.currency, currency, &career.exchange_rates)
        .map(|c| c.amount)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests;
