//! Exact covering of the prime-implicant chart: the size of a minimum cover and every cover of
//! that size, in lexicographic order of implicant indexes (the reference's order of models).
//!
//! The chart splits into independent blocks (columns linked through shared implicants); each
//! block is solved alone and the models are the products of the blocks' covers. The minimum
//! size comes from branch and bound with the classic reductions at every node (essential
//! implicants, dominated implicants, dominated columns); the covers of that size are listed by
//! a depth-first search in index order, pruned by a lower bound.

use crate::chart::Bits;

/// Stop combining blocks' covers into models beyond this many (then the list is truncated).
const MAX_COMBINED: usize = 200_000;

/// Search nodes allowed per block, like the reference's limit on complex charts: past it the
/// best cover found so far is used and the result is flagged as not proven minimal.
const NODE_BUDGET: usize = 5_000;

/// Largest number of implicants or columns on which dominance is checked at a search node.
const MAX_DOMINANCE: usize = 400;

/// The outcome of covering a chart.
#[derive(Debug, PartialEq)]
pub(crate) struct Covers {
    /// Models, as increasing implicant indexes, lexicographically.
    pub models: Vec<Vec<usize>>,
    /// The list stopped at the limit.
    pub truncated: bool,
    /// The search finished within its budget: the models are minimal and all listed.
    pub exact: bool,
}

/// Solves the chart: minimum size, the models (at most `limit`), and whether the list was cut.
pub(crate) fn minimal_covers(cover: &[Bits], ncols: usize, limit: usize) -> Option<Covers> {
    let by_col = columns(cover, ncols);
    if by_col.iter().any(Vec::is_empty) {
        return None;
    }
    let blocks = blocks(cover, &by_col, ncols);
    let mut per_block: Vec<Vec<Vec<usize>>> = Vec::new();
    let mut truncated = false;
    let mut exact = true;
    for (cols, pis) in &blocks {
        let block = Block::new(cover, cols, pis);
        let k = block.min_size();
        let (found, cut) = block.all_of_size(k, limit.min(MAX_COMBINED));
        truncated |= cut;
        exact &= block.nodes.get() <= block.budget();
        if found.is_empty() {
            // Budget exhausted before a cover of that size was listed: keep the greedy one.
            per_block.push(vec![block.greedy_cover()]);
        } else {
            per_block.push(found);
        }
    }
    let mut models: Vec<Vec<usize>> = vec![Vec::new()];
    for found in &per_block {
        let mut next = Vec::new();
        'outer: for m in &models {
            for f in found {
                if next.len() >= MAX_COMBINED {
                    truncated = true;
                    break 'outer;
                }
                let mut u = m.clone();
                u.extend_from_slice(f);
                next.push(u);
            }
        }
        models = next;
    }
    for m in &mut models {
        m.sort_unstable();
    }
    models.sort();
    if models.len() > limit {
        models.truncate(limit);
        truncated = true;
    }
    Some(Covers {
        models,
        truncated,
        exact,
    })
}

fn columns(cover: &[Bits], ncols: usize) -> Vec<Vec<usize>> {
    let mut by_col = vec![Vec::new(); ncols];
    for (p, b) in cover.iter().enumerate() {
        for c in b.ones().filter(|&c| c < ncols) {
            by_col[c].push(p);
        }
    }
    by_col
}

/// Connected blocks: (columns, implicants), implicants in increasing index order.
fn blocks(cover: &[Bits], by_col: &[Vec<usize>], ncols: usize) -> Vec<(Vec<usize>, Vec<usize>)> {
    let mut block_of = vec![usize::MAX; ncols];
    let mut out = Vec::new();
    for start in 0..ncols {
        if block_of[start] != usize::MAX {
            continue;
        }
        let id = out.len();
        let (mut cols, mut pis) = (vec![start], Vec::new());
        block_of[start] = id;
        let mut seen_pi = std::collections::HashSet::new();
        let mut i = 0;
        while i < cols.len() {
            let c = cols[i];
            i += 1;
            for &p in &by_col[c] {
                if seen_pi.insert(p) {
                    pis.push(p);
                    for d in cover[p].ones() {
                        if d < ncols && block_of[d] == usize::MAX {
                            block_of[d] = id;
                            cols.push(d);
                        }
                    }
                }
            }
        }
        cols.sort_unstable();
        pis.sort_unstable();
        out.push((cols, pis));
    }
    out
}

/// One block, renumbered: local columns 0..n, local implicants 0..m in global index order.
struct Block {
    global: Vec<usize>,
    cover: Vec<Bits>,
    by_col: Vec<Vec<usize>>,
    last: Vec<usize>,
    ncols: usize,
    nodes: std::cell::Cell<usize>,
}

impl Block {
    fn new(cover: &[Bits], cols: &[usize], pis: &[usize]) -> Self {
        let ncols = cols.len();
        let local: Vec<Bits> = pis
            .iter()
            .map(|&p| {
                let mut b = Bits::new(ncols);
                for (i, &c) in cols.iter().enumerate() {
                    if cover[p].get(c) {
                        b.set(i);
                    }
                }
                b
            })
            .collect();
        let by_col = columns(&local, ncols);
        let last = by_col.iter().map(|v| *v.last().unwrap_or(&0)).collect();
        Block {
            global: pis.to_vec(),
            cover: local,
            by_col,
            last,
            ncols,
            nodes: std::cell::Cell::new(0),
        }
    }

    /// Columns pairwise sharing no implicant (from `min_index` on) each need their own.
    fn lower_bound(&self, open: &Bits, min_index: usize) -> usize {
        let mut used = vec![false; self.cover.len()];
        let mut lb = 0;
        let mut cols: Vec<usize> = open.ones().collect();
        cols.sort_by_key(|&c| self.by_col[c].len());
        for c in cols {
            let mut cands = self.by_col[c].iter().filter(|&&p| p >= min_index);
            if cands.all(|&p| !used[p]) {
                lb += 1;
                for &p in self.by_col[c].iter().filter(|&&p| p >= min_index) {
                    used[p] = true;
                }
            }
        }
        lb
    }

    fn min_size(&self) -> usize {
        let all: Vec<usize> = (0..self.cover.len()).collect();
        let mut best = self.greedy();
        self.branch(Bits::full(self.ncols), all, 0, &mut best);
        best
    }

    fn greedy(&self) -> usize {
        self.greedy_cover().len()
    }

    fn greedy_cover(&self) -> Vec<usize> {
        let mut open = Bits::full(self.ncols);
        let mut chosen = Vec::new();
        while !open.is_empty() {
            let p = (0..self.cover.len())
                .max_by_key(|&p| self.cover[p].and_count(&open))
                .unwrap_or(0);
            open = open.minus(&self.cover[p]);
            chosen.push(p);
        }
        chosen.sort_unstable();
        chosen.iter().map(|&p| self.global[p]).collect()
    }

    fn spend(&self) -> bool {
        self.nodes.set(self.nodes.get() + 1);
        self.nodes.get() > self.budget()
    }

    /// Nodes allowed: fewer on big charts, where every node costs more.
    fn budget(&self) -> usize {
        let work = (self.cover.len() * self.ncols).max(1);
        (NODE_BUDGET * 200_000 / work).clamp(10, NODE_BUDGET)
    }

    fn branch(&self, mut open: Bits, mut pis: Vec<usize>, mut depth: usize, best: &mut usize) {
        if self.spend() {
            return;
        }
        // Reductions until nothing changes.
        loop {
            if open.is_empty() {
                *best = (*best).min(depth);
                return;
            }
            if depth >= *best {
                return;
            }
            let mut changed = false;
            // Essential implicants.
            for c in open.clone().ones() {
                if !open.get(c) {
                    continue;
                }
                let mut cands = pis.iter().filter(|&&p| self.cover[p].get(c));
                match (cands.next(), cands.next()) {
                    (None, _) => return,
                    (Some(&p), None) => {
                        open = open.minus(&self.cover[p]);
                        depth += 1;
                        changed = true;
                    }
                    _ => {}
                }
            }
            if open.is_empty() || depth >= *best {
                continue;
            }
            // Dominance costs quadratic time: only on charts of moderate size.
            if pis.len() <= MAX_DOMINANCE && open.count() as usize <= MAX_DOMINANCE {
                // Dominated implicants (on the open columns); among equals keep the first.
                let restricted: Vec<Bits> = pis.iter().map(|&p| self.cover[p].and(&open)).collect();
                let before = pis.len();
                let keep: Vec<bool> = (0..pis.len())
                    .map(|i| {
                        !restricted[i].is_empty()
                            && !(0..pis.len()).any(|j| {
                                j != i
                                    && restricted[i].is_subset(&restricted[j])
                                    && (restricted[i] != restricted[j] || j < i)
                            })
                    })
                    .collect();
                pis = pis
                    .iter()
                    .zip(&keep)
                    .filter(|(_, k)| **k)
                    .map(|(p, _)| *p)
                    .collect();
                changed |= pis.len() != before;
                // Dominated columns: covering a column whose implicants are a subset covers this one.
                let cols: Vec<usize> = open.ones().collect();
                let cands: Vec<Bits> = cols
                    .iter()
                    .map(|&c| {
                        let mut b = Bits::new(self.cover.len());
                        pis.iter()
                            .filter(|&&p| self.cover[p].get(c))
                            .for_each(|&p| b.set(p));
                        b
                    })
                    .collect();
                for (i, &c) in cols.iter().enumerate() {
                    let dominated = (0..cols.len()).any(|j| {
                        j != i
                            && open.get(cols[j])
                            && cands[j].is_subset(&cands[i])
                            && (cands[i] != cands[j] || j < i)
                    });
                    if dominated {
                        open.clear(c);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        if depth + self.lower_bound_among(&open, &pis) >= *best {
            return;
        }
        let Some(col) = open
            .ones()
            .min_by_key(|&c| pis.iter().filter(|&&p| self.cover[p].get(c)).count())
        else {
            return;
        };
        let mut cands: Vec<usize> = pis
            .iter()
            .copied()
            .filter(|&p| self.cover[p].get(col))
            .collect();
        cands.sort_by_key(|&p| std::cmp::Reverse(self.cover[p].and_count(&open)));
        for p in cands {
            self.branch(open.minus(&self.cover[p]), pis.clone(), depth + 1, best);
        }
    }

    fn lower_bound_among(&self, open: &Bits, pis: &[usize]) -> usize {
        let mut used = vec![false; self.cover.len()];
        let mut lb = 0;
        for c in open.ones() {
            let cands: Vec<usize> = pis
                .iter()
                .copied()
                .filter(|&p| self.cover[p].get(c))
                .collect();
            if cands.iter().all(|&p| !used[p]) {
                lb += 1;
                cands.iter().for_each(|&p| used[p] = true);
            }
        }
        lb
    }

    /// Can the open columns be covered by `left` implicants from `start` on? (Exact: branch and
    /// bound with reductions, which are valid for the size though not for listing covers.)
    fn feasible(&self, open: &Bits, start: usize, left: usize) -> bool {
        let mut best = left + 1;
        self.branch(
            open.clone(),
            (start..self.cover.len()).collect(),
            0,
            &mut best,
        );
        best <= left
    }

    /// Every cover of exactly `k` implicants, lexicographically, in global indexes.
    fn all_of_size(&self, k: usize, limit: usize) -> (Vec<Vec<usize>>, bool) {
        let mut out = Vec::new();
        let mut chosen = Vec::with_capacity(k);
        let complete = self.enumerate(&Bits::full(self.ncols), 0, k, &mut chosen, &mut out, limit);
        let out = out
            .into_iter()
            .map(|m: Vec<usize>| m.iter().map(|&p| self.global[p]).collect())
            .collect();
        (out, !complete)
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
        if open.is_empty() {
            if chosen.len() == k {
                if out.len() >= limit {
                    return false;
                }
                out.push(chosen.clone());
            }
            return true;
        }
        let left = k - chosen.len();
        if left == 0 {
            return true;
        }
        // The open column whose last implicant comes first must be covered from start..=bound.
        let bound = open.ones().map(|c| self.last[c]).min().unwrap_or(0);
        if bound < start
            || self.lower_bound(open, start) > left
            || !self.feasible(open, start, left)
        {
            return true;
        }
        let n = self.cover.len();
        for p in start..=bound.min(n - left) {
            if self.cover[p].and_count(open) == 0 {
                continue;
            }
            chosen.push(p);
            let go = self.enumerate(&open.minus(&self.cover[p]), p + 1, k, chosen, out, limit);
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
        let cover = vec![
            bits(&[0, 1], 4),
            bits(&[1, 2], 4),
            bits(&[2, 3], 4),
            bits(&[3, 0], 4),
        ];
        assert_eq!(
            minimal_covers(&cover, 4, 100),
            Some(Covers {
                models: vec![vec![0, 2], vec![1, 3]],
                truncated: false,
                exact: true
            })
        );
    }

    #[test]
    fn dominated_implicant_still_appears_in_alternative_models() {
        // q={0,1} p={0} r={2} s={1,2}: minimum 2 with {q,r}, {q,s}, {p,s}
        let cover = vec![
            bits(&[0, 1], 3),
            bits(&[0], 3),
            bits(&[2], 3),
            bits(&[1, 2], 3),
        ];
        let models = minimal_covers(&cover, 3, 100).unwrap().models;
        assert_eq!(models, vec![vec![0, 2], vec![0, 3], vec![1, 3]]);
    }

    #[test]
    fn independent_blocks_multiply() {
        // block 1: cols 0,1 each by two PIs {0,1} and {2}; block 2: col 2 by {3} or {4}
        let cover = vec![
            bits(&[0, 1], 3),
            bits(&[2], 3),
            bits(&[0, 1], 3),
            bits(&[2], 3),
        ];
        let models = minimal_covers(&cover, 3, 100).unwrap().models;
        assert_eq!(models, vec![vec![0, 1], vec![0, 3], vec![1, 2], vec![2, 3]]);
    }
}
