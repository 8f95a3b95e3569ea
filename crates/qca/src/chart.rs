//! The prime-implicant chart: the reference's order of prime implicants, row dominance, the
//! size of a minimum cover and every cover of that size.

/// A set of chart columns (rows of the truth table to explain) as bits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bits(pub Vec<u64>);

impl Bits {
    pub fn new(n: usize) -> Self {
        Bits(vec![0; n.div_ceil(64)])
    }
    pub fn full(n: usize) -> Self {
        let mut b = Bits::new(n);
        for i in 0..n {
            b.set(i);
        }
        b
    }
    pub fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    pub fn get(&self, i: usize) -> bool {
        self.0[i / 64] >> (i % 64) & 1 == 1
    }
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }
    pub fn count(&self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }
    pub fn minus(&self, other: &Bits) -> Bits {
        Bits(self.0.iter().zip(&other.0).map(|(a, b)| a & !b).collect())
    }
    pub fn and_count(&self, other: &Bits) -> u32 {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a & b).count_ones())
            .sum()
    }
    pub fn is_subset(&self, other: &Bits) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| a & !b == 0)
    }
    pub fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            let mut x = word;
            std::iter::from_fn(move || {
                if x == 0 {
                    return None;
                }
                let t = x.trailing_zeros() as usize;
                x &= x - 1;
                Some(w * 64 + t)
            })
        })
    }
}

/// Order of prime implicants as R QCA prints them (its `sort_cols`/`sort_matrix`): condition by
/// condition from the last to the first, a stable sort putting present literals first in
/// increasing value (`~A` before `A`) and absent ones last, then a stable sort by number of
/// literals. `values[p][c]` is 0 when condition `c` is absent from implicant `p`, else value + 1.
///
/// The reference leaves the last implicant out of the increasing pass when no implicant lacks
/// the condition; that is reproduced, as it decides the order of the models.
pub(crate) fn reference_order(values: &[Vec<u8>]) -> Vec<usize> {
    let n = values.len();
    let mut order: Vec<usize> = (0..n).collect();
    if n == 0 {
        return order;
    }
    let nconds = values[0].len();
    for c in (0..nconds).rev() {
        order.sort_by(|&a, &b| values[b][c].cmp(&values[a][c]));
        let end = order
            .iter()
            .position(|&p| values[p][c] == 0)
            .unwrap_or(n - 1);
        order[..end].sort_by(|&a, &b| values[a][c].cmp(&values[b][c]));
    }
    order.sort_by_key(|&p| values[p].iter().filter(|&&v| v > 0).count());
    order
}

/// Keeps the implicants whose covered columns are not a strict subset of another's.
pub(crate) fn row_dominance(cover: &[Bits]) -> Vec<usize> {
    (0..cover.len())
        .filter(|&j| {
            !(0..cover.len()).any(|i| {
                i != j && cover[j].is_subset(&cover[i]) && cover[i].count() > cover[j].count()
            })
        })
        .collect()
}

/// Exact covering: every cover of the minimum size, in lexicographic order of implicant
/// indexes (the reference's order of models M1, M2, …), at most `limit` of them.
pub(crate) struct Covering<'a> {
    cover: &'a [Bits],
    ncols: usize,
    /// For every column, the implicants covering it.
    by_col: Vec<Vec<usize>>,
    /// For every column, the largest index of an implicant covering it.
    last: Vec<usize>,
}

impl<'a> Covering<'a> {
    pub fn new(cover: &'a [Bits], ncols: usize) -> Option<Self> {
        let mut by_col = vec![Vec::new(); ncols];
        for (p, b) in cover.iter().enumerate() {
            for c in b.ones() {
                if c < ncols {
                    by_col[c].push(p);
                }
            }
        }
        if by_col.iter().any(Vec::is_empty) {
            return None;
        }
        let last = by_col.iter().map(|v| *v.last().unwrap_or(&0)).collect();
        Some(Covering {
            cover,
            ncols,
            by_col,
            last,
        })
    }

    /// A lower bound: columns pairwise sharing no implicant each need their own.
    fn lower_bound(&self, open: &Bits, min_index: usize) -> usize {
        let mut used = vec![false; self.cover.len()];
        let mut lb = 0;
        for c in open.ones() {
            let cands = self.by_col[c].iter().filter(|&&p| p >= min_index);
            if cands.clone().all(|&p| !used[p]) {
                lb += 1;
                for &p in self.by_col[c].iter().filter(|&&p| p >= min_index) {
                    used[p] = true;
                }
            }
        }
        lb
    }

    /// Size of a minimum cover (branch and bound on the column with fewest implicants).
    pub fn min_size(&self) -> usize {
        let mut best = self.greedy();
        let open = Bits::full(self.ncols);
        self.branch(&open, 0, &mut best);
        best
    }

    fn greedy(&self) -> usize {
        let mut open = Bits::full(self.ncols);
        let mut k = 0;
        while !open.is_empty() {
            let p = (0..self.cover.len())
                .max_by_key(|&p| self.cover[p].and_count(&open))
                .unwrap_or(0);
            open = open.minus(&self.cover[p]);
            k += 1;
        }
        k
    }

    fn branch(&self, open: &Bits, depth: usize, best: &mut usize) {
        if open.is_empty() {
            *best = (*best).min(depth);
            return;
        }
        if depth + self.lower_bound(open, 0) >= *best {
            return;
        }
        let Some(col) = open.ones().min_by_key(|&c| self.by_col[c].len()) else {
            return;
        };
        let mut cands = self.by_col[col].clone();
        cands.sort_by_key(|&p| std::cmp::Reverse(self.cover[p].and_count(open)));
        for p in cands {
            self.branch(&open.minus(&self.cover[p]), depth + 1, best);
        }
    }

    /// Every cover with exactly `k` implicants, lexicographically; the flag says whether the
    /// enumeration stopped at `limit`.
    pub fn all_of_size(&self, k: usize, limit: usize) -> (Vec<Vec<usize>>, bool) {
        let mut out = Vec::new();
        let mut chosen = Vec::with_capacity(k);
        let open = Bits::full(self.ncols);
        let truncated = !self.enumerate(&open, 0, k, &mut chosen, &mut out, limit);
        (out, truncated)
    }

    fn enumerate(
        &self,
        open: &Bits,
        start: usize,
        k: usize,
        chosen: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
        limit: usize,
    ) -> bool {
        if chosen.len() == k {
            if open.is_empty() {
                if out.len() >= limit {
                    return false;
                }
                out.push(chosen.clone());
            }
            return true;
        }
        if open.is_empty() {
            return true;
        }
        let left = k - chosen.len();
        // The open column whose last implicant comes first must be covered by start..=that.
        let bound = open.ones().map(|c| self.last[c]).min().unwrap_or(0);
        if bound < start || self.lower_bound(open, start) > left {
            return true;
        }
        let n = self.cover.len();
        for p in start..=bound.min(n - left) {
            chosen.push(p);
            let rest = open.minus(&self.cover[p]);
            let go = self.enumerate(&rest, p + 1, k, chosen, out, limit);
            chosen.pop();
            if !go {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(cols: &[usize], n: usize) -> Bits {
        let mut b = Bits::new(n);
        cols.iter().for_each(|&c| b.set(c));
        b
    }

    #[test]
    fn cyclic_chart_has_two_minimal_covers() {
        // columns 0..3; implicants {0,1} {1,2} {2,3} {3,0}: covers {0,2} and {1,3}.
        let cover = vec![
            bits(&[0, 1], 4),
            bits(&[1, 2], 4),
            bits(&[2, 3], 4),
            bits(&[3, 0], 4),
        ];
        let c = Covering::new(&cover, 4).unwrap();
        assert_eq!(c.min_size(), 2);
        assert_eq!(c.all_of_size(2, 100).0, vec![vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn order_puts_negations_first_and_short_terms_first() {
        // A, ~A*B, B: by literals A (1) and B (1) first; ~A before A.
        let v = vec![vec![2, 0], vec![1, 2], vec![0, 2]];
        assert_eq!(reference_order(&v), vec![0, 2, 1]);
    }
}
