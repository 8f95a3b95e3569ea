//! Sobol' quasi-random sequences (Bratley & Fox 1988, Gray-code order) with the direction numbers of
//! Joe & Kuo (2008), shipped as data in `data/index/sobol-joe-kuo-6.txt`.

use crate::error::{IndexError, Result};

const DIRECTIONS: &str = include_str!("../../../data/index/sobol-joe-kuo-6.txt");
const BITS: usize = 32;

/// The highest dimension the shipped direction numbers support.
pub fn max_dimension() -> usize {
    1 + DIRECTIONS
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .count()
}

/// A Sobol' sequence generator. The first point is the origin.
///
/// # Examples
/// ```
/// let mut s = creacity_index::sobol::SobolSeq::new(2).unwrap();
/// let p: Vec<Vec<f64>> = (0..4).map(|_| s.next_point()).collect();
/// assert_eq!(p, vec![vec![0.0, 0.0], vec![0.5, 0.5], vec![0.75, 0.25], vec![0.25, 0.75]]);
/// ```
#[derive(Clone, Debug)]
pub struct SobolSeq {
    v: Vec<[u32; BITS]>,
    x: Vec<u32>,
    index: u64,
}

impl SobolSeq {
    /// A generator of `dim` dimensions.
    ///
    /// # Errors
    /// [`IndexError::BadSetting`] when `dim` is 0 or above [`max_dimension`].
    pub fn new(dim: usize) -> Result<SobolSeq> {
        let max = max_dimension();
        if dim == 0 || dim > max {
            return Err(IndexError::BadSetting {
                setting: "sobol dimension".into(),
                value: dim.to_string(),
                expected: format!("1 to {max}"),
            });
        }
        let mut v = Vec::with_capacity(dim);
        let mut first = [0u32; BITS];
        for (i, e) in first.iter_mut().enumerate() {
            *e = 1u32 << (BITS - 1 - i);
        }
        v.push(first);
        let rows = DIRECTIONS
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()));
        for line in rows.take(dim - 1) {
            let nums: Vec<u32> = line
                .split_whitespace()
                .map(|t| t.parse().expect("direction file is numeric"))
                .collect();
            let (s, a) = (nums[1] as usize, nums[2]);
            let m = &nums[3..];
            let mut w = [0u32; BITS];
            for i in 0..BITS.min(s) {
                w[i] = m[i] << (BITS - 1 - i);
            }
            for i in s..BITS {
                w[i] = w[i - s] ^ (w[i - s] >> s);
                for k in 1..s {
                    if (a >> (s - 1 - k)) & 1 == 1 {
                        w[i] ^= w[i - k];
                    }
                }
            }
            v.push(w);
        }
        Ok(SobolSeq {
            x: vec![0; dim],
            v,
            index: 0,
        })
    }

    /// The next point in [0, 1)^dim.
    pub fn next_point(&mut self) -> Vec<f64> {
        if self.index > 0 {
            // Rightmost zero bit of index − 1 picks the direction number (Gray-code update).
            let c = (!(self.index - 1)).trailing_zeros() as usize;
            for (xj, vj) in self.x.iter_mut().zip(&self.v) {
                *xj ^= vj[c.min(BITS - 1)];
            }
        }
        self.index += 1;
        self.x.iter().map(|&x| x as f64 / 4_294_967_296.0).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn third_dimension_matches_joe_kuo() {
        // Oracle: SciPy 1.16 `qmc.Sobol(d, scramble=False)` (Joe-Kuo direction numbers), dimension 3.
        let mut s = SobolSeq::new(3).unwrap();
        let z: Vec<f64> = (0..8).map(|_| s.next_point()[2]).collect();
        assert_eq!(z, vec![0.0, 0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375]);
    }

    #[test]
    fn point_1000_of_16_dimensions_matches_scipy() {
        // SciPy `qmc.Sobol(d=16, scramble=False).random(1024)[1000]`, printed to 8 decimals.
        let want = [
            0.21972656, 0.09667969, 0.51855469, 0.67675781, 0.28027344, 0.90722656, 0.04589844,
            0.89941406, 0.50097656, 0.06933594, 0.08496094, 0.25488281, 0.16113281, 0.38378906,
            0.14355469, 0.37011719,
        ];
        let mut s = SobolSeq::new(16).unwrap();
        let p = (0..=1000).map(|_| s.next_point()).last().unwrap();
        for (a, b) in p.iter().zip(want) {
            assert!((a - b).abs() < 1e-8, "{a} vs {b}");
        }
    }

    #[test]
    fn every_dimension_is_balanced() {
        // Any 2^k consecutive points from the start put exactly one point in each interval of width 2^-k.
        let d = max_dimension();
        let mut s = SobolSeq::new(d).unwrap();
        let pts: Vec<Vec<f64>> = (0..64).map(|_| s.next_point()).collect();
        for j in 0..d {
            let mut bins = [0; 64];
            for p in &pts {
                bins[(p[j] * 64.0) as usize] += 1;
            }
            assert!(bins.iter().all(|&b| b == 1), "dimension {}", j + 1);
        }
    }
}
