//! Quine–McCluskey over an explicit set of configurations, in the order R QCA's `C_QMC`
//! produces its prime implicants. That order decides ties in the reference's sorting of
//! implicants (see [`crate::chart::reference_order`]), so the conservative and intermediate
//! solutions use it when the positive configurations are few enough; the result is the same
//! set of prime implicants as [`crate::implicant::prime_implicants`] gives.

/// Implicants as value + 1 per condition (0 = absent), rows in the truth table's row order.
/// Returns the prime implicants in the reference's order of discovery.
pub(crate) fn qmc(rows: &[Vec<u8>], levels: &[u8]) -> Vec<Vec<u8>> {
    let nconds = levels.len();
    let mut current: Vec<Vec<u8>> = rows.to_vec();
    let mut seen = std::collections::HashSet::new();
    current.retain(|r| seen.insert(r.clone()));
    loop {
        let m = current.len();
        if m < 2 {
            return current;
        }
        let mut minimized = vec![false; m];
        let mut found: Vec<Vec<u8>> = Vec::new();
        let mut found_set = std::collections::HashSet::new();
        // Index of implicants by their value with one condition blanked, to find siblings.
        let mut index: std::collections::HashMap<(usize, Vec<u8>), Vec<usize>> =
            std::collections::HashMap::new();
        for (i, r) in current.iter().enumerate() {
            for c in 0..nconds {
                if r[c] > 0 {
                    let mut key = r.clone();
                    key[c] = 0;
                    index.entry((c, key)).or_default().push(i);
                }
            }
        }
        for a in 0..m {
            for b in a + 1..m {
                let (ra, rb) = (&current[a], &current[b]);
                let mut diffs = 0;
                let mut which = 0;
                let mut comparable = true;
                for c in 0..nconds {
                    if ra[c] != rb[c] {
                        comparable = ra[c] > 0 && rb[c] > 0;
                        diffs += 1;
                        which = c;
                        if diffs > 1 || !comparable {
                            break;
                        }
                    }
                }
                if diffs != 1 || !comparable {
                    continue;
                }
                let mut merged = ra.clone();
                merged[which] = 0;
                let siblings = &index[&(which, merged.clone())];
                if siblings.len() < usize::from(levels[which]) {
                    continue;
                }
                for &s in siblings {
                    minimized[s] = true;
                }
                if found_set.insert(merged.clone()) {
                    found.push(merged);
                }
            }
        }
        if found.is_empty() {
            return current;
        }
        found.extend(
            current
                .iter()
                .enumerate()
                .filter(|(i, _)| !minimized[*i])
                .map(|(_, r)| r.clone()),
        );
        current = found;
    }
}
