//! From a minimum spanning tree to flat HDBSCAN labels (Campello, Moulavi & Sander 2013;
//! McInnes, Healy & Astels 2017): single-linkage tree, condensed tree, cluster stability,
//! excess-of-mass or leaf selection, labelling. Node numbering follows scikit-learn's so that
//! cluster numbers agree with it when the tree is the same.

use serde::{Deserialize, Serialize};

use super::dbscan::UnionFind;

/// How flat clusters are chosen from the condensed tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClusterSelection {
    /// Excess of mass: the most stable clusters (scikit-learn's default `"eom"`).
    #[default]
    Eom,
    /// The leaves of the condensed cluster tree (`"leaf"`).
    Leaf,
}

/// One merge of the single-linkage tree: node `n + k` joins `left` and `right`.
#[derive(Debug, Clone, Copy)]
struct Merge {
    left: usize,
    right: usize,
    dist: f64,
    size: usize,
}

/// One row of the condensed tree.
#[derive(Debug, Clone, Copy)]
struct Row {
    parent: usize,
    child: usize,
    lambda: f64,
    size: usize,
}

/// Labels from MST edges `(a, b, weight)` over `n` points.
pub(crate) fn labels_from_mst(
    n: usize,
    mut edges: Vec<(usize, usize, f64)>,
    min_cluster_size: usize,
    selection: ClusterSelection,
) -> Vec<i64> {
    if n < 2 {
        return vec![-1; n];
    }
    edges.sort_by(|a, b| a.2.total_cmp(&b.2));
    let merges = single_linkage(n, &edges);
    let rows = condense(n, &merges, min_cluster_size);
    select_and_label(n, &rows, selection)
}

fn single_linkage(n: usize, edges: &[(usize, usize, f64)]) -> Vec<Merge> {
    let mut uf = UnionFind::new(n);
    // The tree node currently standing for each union-find root.
    let mut node_of: Vec<usize> = (0..n).collect();
    let mut size_of = vec![1usize; 2 * n];
    let mut merges = Vec::with_capacity(n - 1);
    for (k, &(a, b, d)) in edges.iter().enumerate() {
        let (ra, rb) = (uf.find(a), uf.find(b));
        let (left, right) = (node_of[ra], node_of[rb]);
        let size = size_of[left] + size_of[right];
        merges.push(Merge {
            left,
            right,
            dist: d,
            size,
        });
        let r = uf.union(ra, rb);
        node_of[r] = n + k;
        size_of[n + k] = size;
    }
    merges
}

fn count(n: usize, merges: &[Merge], node: usize) -> usize {
    if node < n { 1 } else { merges[node - n].size }
}

/// Leaves under `node`, in breadth-first order (left before right).
fn leaves_bfs(n: usize, merges: &[Merge], node: usize, ignore: &mut [bool], out: &mut Vec<usize>) {
    let mut queue = std::collections::VecDeque::from([node]);
    while let Some(x) = queue.pop_front() {
        ignore[x] = true;
        if x < n {
            out.push(x);
        } else {
            let m = merges[x - n];
            queue.push_back(m.left);
            queue.push_back(m.right);
        }
    }
}

fn condense(n: usize, merges: &[Merge], min_size: usize) -> Vec<Row> {
    let root = 2 * n - 2;
    let mut relabel = vec![0usize; root + 1];
    relabel[root] = n;
    let mut next_label = n + 1;
    let mut ignore = vec![false; root + 1];
    let mut rows = Vec::with_capacity(2 * n);
    let mut queue = std::collections::VecDeque::from([root]);
    let mut fallen = Vec::new();
    while let Some(node) = queue.pop_front() {
        if node >= n {
            let m = merges[node - n];
            queue.push_back(m.left);
            queue.push_back(m.right);
        }
        if ignore[node] || node < n {
            continue;
        }
        let m = merges[node - n];
        let lambda = if m.dist > 0.0 {
            1.0 / m.dist
        } else {
            f64::INFINITY
        };
        let (lc, rc) = (count(n, merges, m.left), count(n, merges, m.right));
        let parent = relabel[node];
        let mut fall = |child: usize, rows: &mut Vec<Row>, ignore: &mut Vec<bool>| {
            fallen.clear();
            leaves_bfs(n, merges, child, ignore, &mut fallen);
            rows.extend(fallen.iter().map(|&p| Row {
                parent,
                child: p,
                lambda,
                size: 1,
            }));
        };
        match (lc >= min_size, rc >= min_size) {
            (true, true) => {
                for (child, c) in [(m.left, lc), (m.right, rc)] {
                    relabel[child] = next_label;
                    rows.push(Row {
                        parent,
                        child: next_label,
                        lambda,
                        size: c,
                    });
                    next_label += 1;
                }
            }
            (false, false) => {
                fall(m.left, &mut rows, &mut ignore);
                fall(m.right, &mut rows, &mut ignore);
            }
            (false, true) => {
                relabel[m.right] = parent;
                fall(m.left, &mut rows, &mut ignore);
            }
            (true, false) => {
                relabel[m.left] = parent;
                fall(m.right, &mut rows, &mut ignore);
            }
        }
    }
    rows
}

fn select_and_label(n: usize, rows: &[Row], selection: ClusterSelection) -> Vec<i64> {
    let max_cluster = rows.iter().map(|r| r.parent).max().unwrap_or(n).max(n);
    let nc = max_cluster - n + 1;
    let mut birth = vec![0.0f64; nc];
    let mut parent_of = vec![usize::MAX; nc];
    let mut point_parent = vec![usize::MAX; n];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nc];
    for r in rows {
        if r.size > 1 {
            birth[r.child - n] = r.lambda;
            parent_of[r.child - n] = r.parent;
            children[r.parent - n].push(r.child);
        } else {
            point_parent[r.child] = r.parent;
        }
    }
    let mut stability = vec![0.0f64; nc];
    for r in rows {
        stability[r.parent - n] += (r.lambda - birth[r.parent - n]) * r.size as f64;
    }
    // The root is never a cluster (scikit-learn's `allow_single_cluster=False`).
    let mut selected = vec![false; nc];
    match selection {
        ClusterSelection::Eom => {
            for c in (1..nc).rev() {
                let sub: f64 = children[c].iter().map(|&k| stability[k - n]).sum();
                if sub > stability[c] {
                    stability[c] = sub;
                } else {
                    selected[c] = true;
                    let mut stack: Vec<usize> = children[c].clone();
                    while let Some(k) = stack.pop() {
                        selected[k - n] = false;
                        stack.extend(children[k - n].iter().copied());
                    }
                }
            }
        }
        ClusterSelection::Leaf => {
            for c in 1..nc {
                selected[c] = children[c].is_empty();
            }
        }
    }
    let mut label_of = vec![-1i64; nc];
    let mut next = 0;
    for c in 0..nc {
        if selected[c] {
            label_of[c] = next;
            next += 1;
        }
    }
    // A point belongs to its nearest selected ancestor; none below the root means noise.
    let mut memo = vec![i64::MIN; nc];
    let mut resolve = |mut c: usize| -> i64 {
        let mut path = Vec::new();
        let l = loop {
            let k = c - n;
            if memo[k] != i64::MIN {
                break memo[k];
            }
            if selected[k] {
                break label_of[k];
            }
            if c == n {
                break -1;
            }
            path.push(k);
            c = parent_of[k];
        };
        for k in path {
            memo[k] = l;
        }
        l
    };
    point_parent
        .iter()
        .map(|&c| if c == usize::MAX { -1 } else { resolve(c) })
        .collect()
}
