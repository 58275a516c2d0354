//! Summary statistics of a set of timing samples.

use serde::Serialize;

/// Summary of one set of samples (milliseconds unless said otherwise). NaN fields are written
/// to JSON as `null`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub n: usize,
    pub median: f64,
    pub p95: f64,
    pub min: f64,
    pub max: f64,
    pub samples: Vec<f64>,
}

impl Stats {
    /// Median (mean of the middle two for an even count) and nearest-rank p95.
    /// NaN samples are dropped; an empty set gives NaN everywhere.
    pub fn of(samples: &[f64]) -> Self {
        let mut sorted: Vec<f64> = samples.iter().copied().filter(|v| !v.is_nan()).collect();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let at = |i: usize| sorted.get(i).copied().unwrap_or(f64::NAN);
        let median = if n % 2 == 1 {
            at(n / 2)
        } else if n == 0 {
            f64::NAN
        } else {
            (at(n / 2 - 1) + at(n / 2)) / 2.0
        };
        // Nearest rank: the smallest value with at least 95% of the samples at or below it.
        let rank = (0.95 * n as f64).ceil() as usize;
        Stats {
            n,
            median,
            p95: at(rank.max(1) - 1),
            min: at(0),
            max: at(n.wrapping_sub(1)),
            samples: samples.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_nearest_rank_p95() {
        let s = Stats::of(&[5.0, 1.0, 3.0, 2.0, 4.0]);
        assert_eq!(
            (s.n, s.median, s.min, s.max, s.p95),
            (5, 3.0, 1.0, 5.0, 5.0)
        );
        let even = Stats::of(&[4.0, 1.0, 3.0, 2.0]);
        assert_eq!(even.median, 2.5);
        let twenty: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(Stats::of(&twenty).p95, 19.0);
        let with_nan = Stats::of(&[f64::NAN, 2.0]);
        assert_eq!((with_nan.n, with_nan.median), (1, 2.0));
        let empty = Stats::of(&[]);
        assert!(empty.median.is_nan() && empty.p95.is_nan() && empty.max.is_nan());
    }

    #[test]
    fn nan_is_null_in_json() -> Result<(), serde_json::Error> {
        let json = serde_json::to_string(&Stats::of(&[f64::NAN, 2.0]))?;
        assert_eq!(
            json,
            r#"{"n":1,"median":2.0,"p95":2.0,"min":2.0,"max":2.0,"samples":[null,2.0]}"#
        );
        Ok(())
    }
}
