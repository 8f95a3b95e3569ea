//! The prime-implicant chart: bit sets of covered rows, the reference's order of prime
//! implicants, row dominance.

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
    pub fn and(&self, other: &Bits) -> Bits {
        Bits(self.0.iter().zip(&other.0).map(|(a, b)| a & b).collect())
    }
    pub fn clear(&mut self, i: usize) {
        self.0[i / 64] &= !(1 << (i % 64));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_puts_negations_first_and_short_terms_first() {
        // A, ~A*B, B: by literals A (1) and B (1) first; ~A before A.
        let v = vec![vec![2, 0], vec![1, 2], vec![0, 2]];
        assert_eq!(reference_order(&v), vec![0, 2, 1]);
    }
}
