//! Borůvka's minimum spanning tree of the mutual-reachability graph over a k-d tree of
//! unit-sphere points (the accelerated HDBSCAN of McInnes & Healy 2017, with single-tree
//! queries). Prim's algorithm needs all n² distances; here each round every component looks for
//! its shortest outgoing edge, and whole subtrees are skipped when they lie inside the asking
//! point's component or when a lower bound on their mutual reachability (the larger of the two
//! core distances and the angle to their bounding box) cannot beat the best edge found so far.
//!
//! Edges are compared by `(weight, lower id, higher id)`, a total order, so the tree is unique
//! and does not depend on thread timing.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::dbscan::UnionFind;
use super::sphere::Prepared;

/// Points per leaf of the k-d tree.
const LEAF: usize = 16;
/// Safety margin on geometric lower bounds: the chord-to-angle conversion and the haversine
/// steps round differently, so a bound is trusted only below `1 − MARGIN` of its value.
const MARGIN: f64 = 1e-9;

struct Node {
    lo: [f64; 3],
    hi: [f64; 3],
    start: usize,
    end: usize,
    /// Children, or `usize::MAX` for a leaf.
    left: usize,
    right: usize,
    min_core: f64,
}

/// A k-d tree over the unit vectors; `order` holds point ids in leaf order.
struct Tree {
    nodes: Vec<Node>,
    order: Vec<u32>,
}

impl Tree {
    fn new(p: &Prepared, core: &[f64]) -> Self {
        let mut order: Vec<u32> = (0..p.len() as u32).collect();
        let mut nodes = Vec::with_capacity(2 * p.len() / LEAF + 2);
        build(p, core, &mut order, 0, &mut nodes);
        Self { nodes, order }
    }
}

fn build(
    p: &Prepared,
    core: &[f64],
    ids: &mut [u32],
    start: usize,
    nodes: &mut Vec<Node>,
) -> usize {
    let (mut lo, mut hi) = ([f64::INFINITY; 3], [f64::NEG_INFINITY; 3]);
    let mut min_core = f64::INFINITY;
    for &i in ids.iter() {
        let v = p.xyz[i as usize];
        for a in 0..3 {
            lo[a] = lo[a].min(v[a]);
            hi[a] = hi[a].max(v[a]);
        }
        min_core = min_core.min(core[i as usize]);
    }
    let me = nodes.len();
    nodes.push(Node {
        lo,
        hi,
        start,
        end: start + ids.len(),
        left: usize::MAX,
        right: usize::MAX,
        min_core,
    });
    if ids.len() > LEAF {
        let axis = (0..3)
            .max_by(|&a, &b| (hi[a] - lo[a]).total_cmp(&(hi[b] - lo[b])))
            .unwrap_or(0);
        let mid = ids.len() / 2;
        ids.select_nth_unstable_by(mid, |&a, &b| {
            p.xyz[a as usize][axis].total_cmp(&p.xyz[b as usize][axis])
        });
        let (l, r) = ids.split_at_mut(mid);
        let left = build(p, core, l, start, nodes);
        let right = build(p, core, r, start + mid, nodes);
        nodes[me].left = left;
        nodes[me].right = right;
    }
    me
}

/// Squared Euclidean distance from `v` to the box.
fn box_dist2(v: &[f64; 3], lo: &[f64; 3], hi: &[f64; 3]) -> f64 {
    let mut s = 0.0;
    for a in 0..3 {
        let d = (lo[a] - v[a]).max(v[a] - hi[a]).max(0.0);
        s += d * d;
    }
    s
}

/// The angle (radians) subtended by a chord of squared length `c2`, shrunk by the margin.
fn angle_lb(c2: f64) -> f64 {
    2.0 * (0.5 * c2.sqrt()).min(1.0).asin() * (1.0 - MARGIN)
}

/// An edge key that orders edges totally: weight, then the lower, then the higher endpoint.
fn key(w: f64, a: usize, b: usize) -> (f64, usize, usize) {
    (w, a.min(b), a.max(b))
}

fn less(x: (f64, usize, usize), y: (f64, usize, usize)) -> bool {
    x.0 < y.0 || (x.0 == y.0 && (x.1, x.2) < (y.1, y.2))
}

/// The minimum spanning tree of the mutual-reachability graph `max(core_a, core_b, d_ab)` as
/// `(a, b, weight)` edges, `weight` in radians.
pub(crate) fn boruvka_mst(p: &Prepared, core: &[f64]) -> Vec<(usize, usize, f64)> {
    let n = p.len();
    let mut edges = Vec::with_capacity(n.saturating_sub(1));
    if n < 2 {
        return edges;
    }
    let tree = Tree::new(p, core);
    let mut uf = UnionFind::new(n);
    let mut comp: Vec<u32> = (0..n as u32).collect();
    let mut node_comp = vec![u32::MAX; tree.nodes.len()];
    while edges.len() < n - 1 {
        label_nodes(&tree, &comp, &mut node_comp, 0);
        // Best weight found so far per component, shared for pruning (non-negative f64 bit
        // patterns order as the values do).
        let bound: Vec<AtomicU64> = (0..n)
            .map(|_| AtomicU64::new(f64::INFINITY.to_bits()))
            .collect();
        let found: Vec<Option<(f64, usize, usize)>> = tree
            .order
            .par_iter()
            .with_min_len(256)
            .map(|&a| {
                let a = a as usize;
                let c = comp[a] as usize;
                let cb = f64::from_bits(bound[c].load(Ordering::Relaxed));
                if core[a] > cb {
                    return None;
                }
                let best = query(p, core, &tree, &comp, &node_comp, a, &bound[c]);
                if let Some(e) = best {
                    bound[c].fetch_min(e.0.to_bits(), Ordering::Relaxed);
                }
                best
            })
            .collect();
        let mut best_of: Vec<Option<(f64, usize, usize)>> = vec![None; n];
        for e in found.into_iter().flatten() {
            let c = comp[e.1] as usize;
            if best_of[c].is_none_or(|b| less(key(e.0, e.1, e.2), key(b.0, b.1, b.2))) {
                best_of[c] = Some(e);
            }
        }
        let before = edges.len();
        let mut chosen: Vec<(f64, usize, usize)> = best_of.into_iter().flatten().collect();
        chosen.sort_by(|x, y| {
            let (kx, ky) = (key(x.0, x.1, x.2), key(y.0, y.1, y.2));
            kx.0.total_cmp(&ky.0).then((kx.1, kx.2).cmp(&(ky.1, ky.2)))
        });
        for (w, a, b) in chosen {
            if uf.find(a) != uf.find(b) {
                uf.union(a, b);
                edges.push((a, b, w));
            }
        }
        if edges.len() == before {
            break;
        }
        for (i, c) in comp.iter_mut().enumerate() {
            *c = uf.find(i) as u32;
        }
    }
    edges
}

/// Marks each node with its component when all its points share one, else `u32::MAX`.
fn label_nodes(tree: &Tree, comp: &[u32], out: &mut [u32], node: usize) -> u32 {
    let nd = &tree.nodes[node];
    let c = if nd.left == usize::MAX {
        let first = comp[tree.order[nd.start] as usize];
        if tree.order[nd.start..nd.end]
            .iter()
            .all(|&i| comp[i as usize] == first)
        {
            first
        } else {
            u32::MAX
        }
    } else {
        let l = label_nodes(tree, comp, out, nd.left);
        let r = label_nodes(tree, comp, out, nd.right);
        if l == r { l } else { u32::MAX }
    };
    out[node] = c;
    c
}

/// The best outgoing edge of point `a`: the point of another component with the smallest
/// mutual reachability (ties to the lower id), as `(weight, a, b)`.
fn query(
    p: &Prepared,
    core: &[f64],
    tree: &Tree,
    comp: &[u32],
    node_comp: &[u32],
    a: usize,
    shared: &AtomicU64,
) -> Option<(f64, usize, usize)> {
    let ca = comp[a];
    let va = p.xyz[a];
    let core_a = core[a];
    let mut best: Option<(f64, usize, usize)> = None;
    let mut best_w = f64::INFINITY;
    let mut stack: Vec<(usize, f64)> = Vec::with_capacity(64);
    stack.push((0, 0.0));
    while let Some((node, lb)) = stack.pop() {
        // The component's shared best may have improved since this node was pushed; a node
        // whose bound only equals it is still searched, for the tie order.
        let limit = best_w.min(f64::from_bits(shared.load(Ordering::Relaxed)));
        if lb > limit || node_comp[node] == ca {
            continue;
        }
        let nd = &tree.nodes[node];
        if nd.left == usize::MAX {
            for &b in &tree.order[nd.start..nd.end] {
                let b = b as usize;
                if comp[b] == ca {
                    continue;
                }
                let floor = core_a.max(core[b]);
                if floor > best_w {
                    continue;
                }
                // The chord gives the angle to within rounding: when it is clearly below the
                // core distances the weight is `floor` without a haversine; when clearly above
                // the best, the pair is out.
                let vb = p.xyz[b];
                let c2 =
                    (va[0] - vb[0]).powi(2) + (va[1] - vb[1]).powi(2) + (va[2] - vb[2]).powi(2);
                let approx = 2.0 * (0.5 * c2.sqrt()).min(1.0).asin();
                if approx * (1.0 - MARGIN) > best_w {
                    continue;
                }
                let w = if approx * (1.0 + MARGIN) < floor {
                    floor
                } else {
                    floor.max(p.dist(a, b))
                };
                if best.is_none_or(|x| w < x.0 || (w == x.0 && b < x.2)) {
                    best = Some((w, a, b));
                    best_w = w;
                }
            }
            continue;
        }
        let bound_of = |c: usize| {
            let n = &tree.nodes[c];
            core_a
                .max(n.min_core)
                .max(angle_lb(box_dist2(&va, &n.lo, &n.hi)))
        };
        let (l, r) = (nd.left, nd.right);
        let (bl, br) = (bound_of(l), bound_of(r));
        // Nearer child last, so it is popped first.
        if bl <= br {
            stack.push((r, br));
            stack.push((l, bl));
        } else {
            stack.push((l, bl));
            stack.push((r, br));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spatial::hdbscan::core_distances;
    use crate::spatial::prim::prim_mst;

    /// Clustered points (SplitMix64): towns of Gaussian-ish blobs plus background, with
    /// duplicates, so ties and dense cores both occur.
    fn points(n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
        let mut s = seed;
        let mut next = move || {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
        };
        let centres: Vec<(f64, f64)> = (0..12)
            .map(|_| (55.0 + next(), 60.0 + 2.0 * next()))
            .collect();
        let (mut lat, mut lon) = (Vec::new(), Vec::new());
        for i in 0..n {
            if i % 10 == 9 {
                lat.push(55.0 + next());
                lon.push(60.0 + 2.0 * next());
            } else if i % 37 == 5 && i > 0 {
                lat.push(lat[i - 1]);
                lon.push(lon[i - 1]);
            } else {
                let (a, b) = centres[i % 12];
                let r = 0.002 + 0.01 * next();
                lat.push(a + r * (next() - 0.5));
                lon.push(b + r * (next() - 0.5));
            }
        }
        (lat, lon)
    }

    #[test]
    fn same_tree_weight_as_prim() {
        for (n, k, seed) in [(2, 1, 1), (50, 3, 2), (1500, 10, 3), (4000, 5, 4)] {
            let (lat, lon) = points(n, seed);
            let p = Prepared::new(&lat, &lon);
            let core = core_distances(&p, k);
            let prim = prim_mst(&p, &core);
            let bor = boruvka_mst(&p, &core);
            assert_eq!(bor.len(), n - 1, "n={n}: a spanning tree");
            let wp: f64 = prim.iter().map(|e| e.2).sum();
            let wb: f64 = bor.iter().map(|e| e.2).sum();
            assert!(
                (wp - wb).abs() <= 1e-12 * wp.max(1e-300),
                "n={n}: {wp} vs {wb}"
            );
            // The sorted weights agree one by one (any two MSTs share their weight multiset).
            let mut a: Vec<f64> = prim.iter().map(|e| e.2).collect();
            let mut b: Vec<f64> = bor.iter().map(|e| e.2).collect();
            a.sort_by(f64::total_cmp);
            b.sort_by(f64::total_cmp);
            assert_eq!(a, b, "n={n}");
        }
    }
}
