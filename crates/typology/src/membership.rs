//! Degrees of membership in every type, from the composite score.
//!
//! Between two neighbouring types `i` and `i + 1`, with threshold `b` between them, there is a
//! transition band `[l, r]` with `l <= b <= r`. Inside it the membership of the upper type rises
//! linearly from 0 at `l` to 0.5 at `b` and from 0.5 at `b` to 1 at `r`; the lower type has the
//! rest. Outside every band the score's own type has membership 1. Bands never overlap, so the
//! memberships always sum to 1 and the type with the largest membership is the type whose
//! interval holds the score (at a threshold, 0.5 each, and the upper type wins).
//!
//! - `crisp`: no band (`l = b = r`).
//! - `trapezoidal`: `l = b − width/2`, `r = b + width/2`.
//! - `triangular`: `l` and `r` are the centres of the two types' intervals.

use crate::file::MembershipFile;
use crate::spec::Spec;

/// The transition band around the threshold between type `i` and `i + 1`.
fn band(spec: &Spec, i: usize) -> (f64, f64, f64) {
    let b = spec.types[i + 1].from;
    match spec.file.membership {
        MembershipFile::Crisp => (b, b, b),
        MembershipFile::Trapezoidal { width } => (b - width / 2.0, b, b + width / 2.0),
        MembershipFile::Triangular => {
            let lower = (spec.types[i].from + b) / 2.0;
            let upper = (b + spec.upper(i + 1)) / 2.0;
            (lower, b, upper)
        }
    }
}

/// Membership of the upper type of a band at `s` (`s` inside `[l, r]`).
fn rise(l: f64, b: f64, r: f64, s: f64) -> f64 {
    if s < b {
        if b > l { 0.5 * (s - l) / (b - l) } else { 0.0 }
    } else if r > b {
        0.5 + 0.5 * (s - b) / (r - b)
    } else {
        1.0
    }
}

/// The index of the type whose interval holds `s`.
pub(crate) fn interval_type(spec: &Spec, s: f64) -> usize {
    spec.types[1..].iter().filter(|t| s >= t.from).count()
}

/// Raw memberships of every type at composite score `s` (before requirements).
pub(crate) fn memberships(spec: &Spec, s: f64) -> Vec<f64> {
    let n = spec.types.len();
    let t = interval_type(spec, s);
    let mut mu = vec![0.0; n];
    mu[t] = 1.0;
    if t > 0 {
        let (l, b, r) = band(spec, t - 1);
        if s < r {
            let up = rise(l, b, r, s);
            mu[t] = up;
            mu[t - 1] = 1.0 - up;
            return mu;
        }
    }
    if t + 1 < n {
        let (l, b, r) = band(spec, t);
        if s > l {
            let up = rise(l, b, r, s);
            mu[t + 1] = up;
            mu[t] = 1.0 - up;
        }
    }
    mu
}

/// The assigned type and the memberships once single-dimension requirements are applied.
///
/// A type whose requirements fail gets membership 0 and the rest is renormalised. The cluster
/// goes to the interval type when it qualifies, else to the qualifying type whose interval is
/// nearest to the score (the lower one on a tie); if no qualifying type had any membership,
/// that type gets membership 1.
pub(crate) fn assign(spec: &Spec, s: f64, dims: &[f64]) -> (usize, Vec<f64>, Vec<bool>) {
    let qualifies: Vec<bool> = spec
        .types
        .iter()
        .map(|t| {
            t.require
                .iter()
                .all(|&(d, min, max)| dims[d] >= min && dims[d] <= max)
        })
        .collect();
    let mut mu = memberships(spec, s);
    let t = interval_type(spec, s);
    let chosen = if qualifies[t] {
        t
    } else {
        let distance = |i: usize| {
            let (lo, hi) = (spec.types[i].from, spec.upper(i));
            if s < lo {
                lo - s
            } else if s >= hi {
                s - hi
            } else {
                0.0
            }
        };
        // Validation guarantees at least one type without requirements.
        (0..spec.types.len())
            .filter(|&i| qualifies[i])
            .min_by(|&a, &b| distance(a).total_cmp(&distance(b)).then(a.cmp(&b)))
            .unwrap_or(t)
    };
    for (m, ok) in mu.iter_mut().zip(&qualifies) {
        if !ok {
            *m = 0.0;
        }
    }
    let sum: f64 = mu.iter().sum();
    if sum > 0.0 {
        mu.iter_mut().for_each(|m| *m /= sum);
    } else {
        mu[chosen] = 1.0;
    }
    (chosen, mu, qualifies)
}
