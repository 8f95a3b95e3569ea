//! Prime implicants, bit-parallel.
//!
//! A configuration is coded as one integer: condition `j` takes `width[j]` bits (enough for its
//! levels) at `offset[j]`, so a cube (a conjunction of literals) is a pair `(mask, value)` and
//! "row r lies in the cube" is `r & mask == value`. Prime implicants are found as in Dusa's
//! CCubes (Dusa 2018, *QCA with R*, ch. 9): for k = 1, 2, … literals and every set of k
//! conditions, the positive rows are projected on those conditions; a projection is an implicant
//! when no forbidden row projects on it, and prime when dropping any one literal lets a
//! forbidden row in. Projections are looked up in a dense table indexed by the projected code
//! (a generation stamp avoids clearing it), or in a hash map when the code is too wide.

use std::collections::HashMap;

/// How configurations are coded as integers.
#[derive(Debug, Clone)]
pub(crate) struct Coding {
    pub levels: Vec<u8>,
    pub offset: Vec<u32>,
    pub masks: Vec<u64>,
    pub bits: u32,
}

impl Coding {
    pub fn new(levels: &[u8]) -> Self {
        let mut offset = Vec::new();
        let mut masks = Vec::new();
        let mut bits = 0;
        for &l in levels {
            let w = (u32::from(l.max(2)) - 1).ilog2() + 1;
            offset.push(bits);
            masks.push(((1u64 << w) - 1) << bits);
            bits += w;
        }
        Coding {
            levels: levels.to_vec(),
            offset,
            masks,
            bits,
        }
    }

    pub fn encode(&self, values: &[u8]) -> u64 {
        values
            .iter()
            .zip(&self.offset)
            .fold(0, |acc, (&v, &o)| acc | (u64::from(v) << o))
    }

    /// The cube of an implicant written as value + 1 per condition (0 = absent).
    pub fn cube_of(&self, shifted: &[u8]) -> Cube {
        let mut cube = Cube { mask: 0, value: 0 };
        for (j, &v) in shifted.iter().enumerate() {
            if v > 0 {
                cube.mask |= self.masks[j];
                cube.value |= u64::from(v - 1) << self.offset[j];
            }
        }
        cube
    }

    /// Per-condition value of a cube: `None` where the condition is absent.
    pub fn cube_values(&self, cube: Cube) -> Vec<Option<u8>> {
        self.masks
            .iter()
            .zip(&self.offset)
            .map(|(&m, &o)| {
                if cube.mask & m != 0 {
                    Some(((cube.value & m) >> o) as u8)
                } else {
                    None
                }
            })
            .collect()
    }
}

/// A conjunction of literals: rows `r` with `r & mask == value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Cube {
    pub mask: u64,
    pub value: u64,
}

impl Cube {
    pub fn contains(self, row: u64) -> bool {
        row & self.mask == self.value
    }
}

/// Which rows an implicant may not cover.
pub(crate) enum Forbidden<'a> {
    /// These rows (negative and contradictory rows; remainders are free): parsimonious.
    Rows(&'a [u64]),
    /// Every row outside the generating rows: conservative and intermediate.
    AllButGenerators,
}

/// Counts per projected code: dense with generation stamps when narrow, else hashed.
struct CodeCounts {
    stamp: Vec<u32>,
    count: Vec<u32>,
    hashed: HashMap<u64, u32>,
    generation: u32,
    dense: bool,
}

impl CodeCounts {
    fn new(bits: u32) -> Self {
        let dense = bits <= 20;
        let size = if dense { 1usize << bits } else { 0 };
        CodeCounts {
            stamp: vec![0; size],
            count: vec![0; size],
            hashed: HashMap::new(),
            generation: 0,
            dense,
        }
    }
    fn reset(&mut self) {
        self.generation += 1;
        if !self.dense {
            self.hashed.clear();
        }
    }
    fn get(&self, code: u64) -> u32 {
        if self.dense {
            let i = code as usize;
            if self.stamp[i] == self.generation {
                self.count[i]
            } else {
                0
            }
        } else {
            self.hashed.get(&code).copied().unwrap_or(0)
        }
    }
    fn add(&mut self, code: u64) {
        if self.dense {
            let i = code as usize;
            if self.stamp[i] != self.generation {
                self.stamp[i] = self.generation;
                self.count[i] = 0;
            }
            self.count[i] += 1;
        } else {
            *self.hashed.entry(code).or_insert(0) += 1;
        }
    }
}

/// Finds the prime implicants that cover at least one generating row.
///
/// `explain` are the rows to be explained (only used by `stop_early`, which reproduces CCubes'
/// rule: once the primes found cover every row to explain, the search stops after two
/// consecutive complexity levels bring no new prime).
pub(crate) fn prime_implicants(
    coding: &Coding,
    generators: &[u64],
    forbidden: Forbidden<'_>,
    explain: &[u64],
    stop_early: bool,
) -> Vec<Cube> {
    let n = coding.levels.len();
    // Order kept: it is the reference's order of discovery (ties in its sort depend on it).
    let mut unique = std::collections::HashSet::new();
    let gens: Vec<u64> = generators
        .iter()
        .copied()
        .filter(|g| unique.insert(*g))
        .collect();
    let mut bad_counts = CodeCounts::new(coding.bits);
    let mut seen = CodeCounts::new(coding.bits);
    let mut primes = Vec::new();
    let mut covered = vec![false; explain.len()];
    let mut counter = 0;
    let mut combo: Vec<usize> = Vec::with_capacity(n);
    for k in 1..=n {
        let before = primes.len();
        combo.clear();
        combo.extend(0..k);
        loop {
            let mask = combo.iter().fold(0u64, |m, &c| m | coding.masks[c]);
            bad_counts.reset();
            seen.reset();
            // For the conservative case the cube must be entirely made of generating rows.
            let full: u64 = match forbidden {
                Forbidden::Rows(rows) => {
                    for &r in rows {
                        bad_counts.add(r & mask);
                    }
                    0
                }
                Forbidden::AllButGenerators => {
                    for &g in &gens {
                        bad_counts.add(g & mask);
                    }
                    (0..n)
                        .filter(|j| !combo.contains(j))
                        .map(|j| u64::from(coding.levels[j]))
                        .product()
                }
            };
            let is_bad = |counts: &CodeCounts, v: u64| match forbidden {
                Forbidden::Rows(_) => counts.get(v) > 0,
                Forbidden::AllButGenerators => u64::from(counts.get(v)) < full,
            };
            for &g in &gens {
                let v = g & mask;
                if seen.get(v) > 0 {
                    continue;
                }
                seen.add(v);
                if is_bad(&bad_counts, v) {
                    continue;
                }
                let prime = combo.iter().all(|&c| {
                    let own = (v & coding.masks[c]) >> coding.offset[c];
                    (0..u64::from(coding.levels[c]))
                        .filter(|&w| w != own)
                        .any(|w| {
                            is_bad(
                                &bad_counts,
                                (v & !coding.masks[c]) | (w << coding.offset[c]),
                            )
                        })
                });
                if prime {
                    primes.push(Cube { mask, value: v });
                }
            }
            if !next_combination(&mut combo, n) {
                break;
            }
        }
        if stop_early && !primes.is_empty() {
            for cube in &primes[before..] {
                for (i, &r) in explain.iter().enumerate() {
                    covered[i] |= cube.contains(r);
                }
            }
            if covered.iter().all(|&c| c) {
                counter = if primes.len() > before {
                    0
                } else {
                    counter + 1
                };
                if counter > 1 {
                    break;
                }
            }
        }
    }
    primes
}

/// Next k-combination of 0..n in lexicographic order.
pub(crate) fn next_combination(combo: &mut [usize], n: usize) -> bool {
    let k = combo.len();
    let mut i = k;
    while i > 0 {
        i -= 1;
        if combo[i] < n - k + i {
            combo[i] += 1;
            for j in i + 1..k {
                combo[j] = combo[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crisp_three_conditions() {
        // f = A (rows 100,101,110,111), nothing else: A is the only prime.
        let c = Coding::new(&[2, 2, 2]);
        let pos: Vec<u64> = [[1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]]
            .iter()
            .map(|v| c.encode(v))
            .collect();
        let p = prime_implicants(&c, &pos, Forbidden::AllButGenerators, &pos, false);
        assert_eq!(p.len(), 1);
        assert_eq!(c.cube_values(p[0]), vec![Some(1), None, None]);
    }
}
