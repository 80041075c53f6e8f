//! The value interval: each assumption is a triangular distribution over its three points,
//! and the value is the driver times one draw of each, repeated [`DRAWS`] times with a fixed
//! seed, so the same figures always give the same interval (on every machine, in every test).
//!
//! A triangular distribution is the usual reading of a three-point estimate: the low and high
//! figures are its ends and the most likely figure its peak. When the team says the middle
//! figure is a mean, the peak is the one that gives that mean (mean = (low + peak + high) / 3),
//! and a mean no triangle over low and high can have is refused.

/// How many times the model is drawn.
pub const DRAWS: usize = 10_000;

/// The seed of every simulation ("trellis" in ASCII): the interval never changes between runs.
pub const SEED: u64 = 0x0074_7265_6c6c_6973;

/// The share of outcomes the stated interval holds: from the 5th to the 95th percentile.
pub const INTERVAL_PERCENT: u32 = 90;

/// SplitMix64 (Steele, Lea and Flood, 2014): a small, well-mixed generator, enough for drawing
/// a few thousand numbers reproducibly. Not for anything secret.
#[derive(Clone, Debug)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A uniform draw in [0, 1), from the top 53 bits.
    pub(crate) fn next_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A triangular distribution from `low` to `high`, peaking at `peak`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Triangle {
    pub low: f64,
    pub peak: f64,
    pub high: f64,
}

impl Triangle {
    /// The triangle whose mean is `mean`, if one over `low`..`high` has it: its peak is
    /// 3 × mean − low − high, which must lie between low and high.
    pub fn with_mean(low: f64, mean: f64, high: f64) -> Option<Triangle> {
        let peak = 3.0 * mean - low - high;
        // A hair of slack for decimal figures: 3 × 10.1 is not exactly 30.3 in binary.
        let slack = 1e-9 * (high - low).abs().max(1.0);
        (peak >= low - slack && peak <= high + slack).then_some(Triangle {
            low,
            peak: peak.clamp(low, high),
            high,
        })
    }

    /// The lowest and highest mean a triangle over `low`..`high` can have.
    pub fn mean_bounds(low: f64, high: f64) -> (f64, f64) {
        ((2.0 * low + high) / 3.0, (low + 2.0 * high) / 3.0)
    }

    pub fn mean(&self) -> f64 {
        (self.low + self.peak + self.high) / 3.0
    }

    /// The value below which a share `u` (0–1) of the distribution lies (inverse CDF).
    pub fn quantile(&self, u: f64) -> f64 {
        let Triangle { low, peak, high } = *self;
        let width = high - low;
        if width <= 0.0 {
            return low;
        }
        let split = (peak - low) / width;
        if u < split {
            low + (u * width * (peak - low)).sqrt()
        } else {
            high - ((1.0 - u) * width * (high - peak)).sqrt()
        }
    }
}

/// The value at percentile `p` (0–100) of sorted `values`, interpolating between neighbours.
pub(crate) fn percentile(sorted: &[f64], p: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else {
        return f64::NAN;
    };
    let at = p / 100.0 * last as f64;
    let (i, frac) = (at.floor() as usize, at.fract());
    let lo = sorted[i.min(last)];
    let hi = sorted[(i + 1).min(last)];
    lo + (hi - lo) * frac
}

/// [`DRAWS`] uniform draws in [0, 1), one in each of [`DRAWS`] equal slices, in random order:
/// Latin hypercube sampling, so that every part of each assumption's range is drawn as often as
/// it should be and the interval settles with far fewer draws than plain random sampling.
fn stratified(rng: &mut SplitMix64) -> Vec<f64> {
    let n = DRAWS as f64;
    let mut u: Vec<f64> = (0..DRAWS)
        .map(|i| (i as f64 + rng.next_unit()) / n)
        .collect();
    for i in (1..u.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        u.swap(i, j);
    }
    u
}

/// The 5th percentile, median and 95th percentile of `driver` × one draw of each factor,
/// over [`DRAWS`] draws seeded with [`SEED`]. `factors` are triangles already scaled to
/// multipliers (a percentage as its hundredth).
pub(crate) fn simulate(driver: f64, factors: &[Triangle]) -> (f64, f64, f64) {
    let mut rng = SplitMix64::new(SEED);
    let mut outcomes = vec![driver; DRAWS];
    for t in factors {
        for (outcome, u) in outcomes.iter_mut().zip(stratified(&mut rng)) {
            *outcome *= t.quantile(u);
        }
    }
    outcomes.sort_by(f64::total_cmp);
    let tail = f64::from(100 - INTERVAL_PERCENT) / 2.0;
    (
        percentile(&outcomes, tail),
        percentile(&outcomes, 50.0),
        percentile(&outcomes, 100.0 - tail),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_the_published_splitmix64() {
        // The first outputs of SplitMix64 seeded with 0, as in the reference implementation.
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        let mut unit = SplitMix64::new(SEED);
        assert!((0..1000)
            .map(|_| unit.next_unit())
            .all(|u| (0.0..1.0).contains(&u)));
    }

    #[test]
    fn a_triangles_quantiles_have_a_closed_form() {
        // Low 60, peak 100, high 150: F(peak) = 40 / 90.
        let t = Triangle {
            low: 60.0,
            peak: 100.0,
            high: 150.0,
        };
        // 5th percentile: 60 + √(0.05 × 90 × 40) = 60 + √180.
        assert!((t.quantile(0.05) - (60.0 + 180f64.sqrt())).abs() < 1e-9);
        // Median (0.5 > 40/90): 150 − √(0.5 × 90 × 50) = 150 − √2250.
        assert!((t.quantile(0.5) - (150.0 - 2250f64.sqrt())).abs() < 1e-9);
        // 95th: 150 − √(0.05 × 90 × 50) = 150 − 15.
        assert!((t.quantile(0.95) - 135.0).abs() < 1e-9);
        assert_eq!(t.quantile(0.0), 60.0);
        assert!((t.quantile(40.0 / 90.0) - 100.0).abs() < 1e-9);
        let point = Triangle {
            low: 5.0,
            peak: 5.0,
            high: 5.0,
        };
        assert_eq!(point.quantile(0.3), 5.0);
    }

    #[test]
    fn a_mean_sets_the_peak_or_is_refused() {
        let t = Triangle::with_mean(60.0, 100.0, 150.0).unwrap();
        assert!((t.peak - 90.0).abs() < 1e-9);
        assert!((t.mean() - 100.0).abs() < 1e-9);
        assert_eq!(Triangle::mean_bounds(60.0, 150.0), (90.0, 120.0));
        assert!(Triangle::with_mean(60.0, 80.0, 150.0).is_none());
        assert!(Triangle::with_mean(60.0, 121.0, 150.0).is_none());
        assert!(Triangle::with_mean(10.1, 10.1, 10.1).is_some());
    }

    #[test]
    fn percentiles_interpolate_between_sorted_values() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(percentile(&v, 50.0), 3.0);
        assert_eq!(percentile(&v, 0.0), 1.0);
        assert_eq!(percentile(&v, 100.0), 5.0);
        assert!((percentile(&v, 5.0) - 1.2).abs() < 1e-12);
        assert!(percentile(&[], 50.0).is_nan());
    }

    #[test]
    fn one_assumption_simulates_to_its_closed_form_within_a_percent() {
        let t = Triangle {
            low: 60.0,
            peak: 100.0,
            high: 150.0,
        };
        let (p5, median, p95) = simulate(120.0, &[t]);
        for (got, exact) in [
            (p5, 120.0 * t.quantile(0.05)),
            (median, 120.0 * t.quantile(0.5)),
            (p95, 120.0 * t.quantile(0.95)),
        ] {
            assert!((got - exact).abs() / exact < 0.01, "{got} against {exact}");
        }
        // Seeded: the same every time.
        assert_eq!(simulate(120.0, &[t]), (p5, median, p95));
    }
}
