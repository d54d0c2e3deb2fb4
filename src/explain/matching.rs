//! Maximum bipartite matching with capacities (Hopcroft–Karp): the engine of the structural check.

// ---------------------------------------------------------------------------------------------
// Maximum bipartite matching with capacities

pub(crate) const NONE: usize = usize::MAX;
pub(crate) const INF: u32 = u32::MAX;

/// A maximum matching between left nodes with capacities (posts with seats) and right nodes of
/// capacity 1 (cadres, who take one post each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    /// Number of matched (left copy, right) pairs.
    pub size: usize,
    /// The right nodes matched to each left node, sorted.
    pub matched: Vec<Vec<usize>>,
    /// Left nodes reachable by alternating paths from an unmatched unit of capacity: together they
    /// have fewer neighbours than capacity (Hall's condition fails on them). Empty when every unit
    /// of capacity is matched.
    pub deficient: Vec<usize>,
}

/// Hopcroft–Karp on the left nodes expanded into one copy per unit of capacity. `adj[l]` lists the
/// right nodes (`< n_right`) of left node `l`. O(E·√V); iterative, so deep augmenting paths cannot
/// overflow the stack.
pub fn max_matching(caps: &[u32], adj: &[Vec<usize>], n_right: usize) -> Matching {
    assert_eq!(caps.len(), adj.len(), "one capacity per left node");
    let owner: Vec<usize> = caps
        .iter()
        .enumerate()
        .flat_map(|(l, &c)| std::iter::repeat_n(l, c as usize))
        .collect();
    let n = owner.len();
    let mut match_l = vec![NONE; n];
    let mut match_r = vec![NONE; n_right];
    let mut dist = vec![INF; n];
    let mut size = 0;
    let mut queue = Vec::with_capacity(n);
    loop {
        // BFS: layers of left copies from the free ones.
        queue.clear();
        for k in 0..n {
            if match_l[k] == NONE {
                dist[k] = 0;
                queue.push(k);
            } else {
                dist[k] = INF;
            }
        }
        let mut found = false;
        let mut head = 0;
        while head < queue.len() {
            let k = queue[head];
            head += 1;
            for &r in &adj[owner[k]] {
                let k2 = match_r[r];
                if k2 == NONE {
                    found = true;
                } else if dist[k2] == INF {
                    dist[k2] = dist[k] + 1;
                    queue.push(k2);
                }
            }
        }
        if !found {
            break;
        }
        // DFS along the layers from each free copy; each success augments by one.
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for start in 0..n {
            if match_l[start] != NONE {
                continue;
            }
            stack.clear();
            stack.push((start, 0));
            while let Some(&(k, e)) = stack.last() {
                let nbrs = &adj[owner[k]];
                if e >= nbrs.len() {
                    dist[k] = INF;
                    stack.pop();
                    continue;
                }
                let top = stack.len() - 1;
                stack[top].1 += 1;
                let r = nbrs[e];
                let k2 = match_r[r];
                if k2 == NONE {
                    for &(kk, ee) in stack.iter() {
                        let rr = adj[owner[kk]][ee - 1];
                        match_l[kk] = rr;
                        match_r[rr] = kk;
                    }
                    size += 1;
                    break;
                } else if dist[k2] != INF && dist[k2] == dist[k] + 1 {
                    stack.push((k2, 0));
                }
            }
        }
    }
    let mut matched = vec![Vec::new(); caps.len()];
    for k in 0..n {
        if match_l[k] != NONE {
            matched[owner[k]].push(match_l[k]);
        }
    }
    for m in &mut matched {
        m.sort_unstable();
    }
    // Hall violator: alternating reachability from the unmatched copies.
    let mut seen_l = vec![false; caps.len()];
    let mut seen_r = vec![false; n_right];
    let mut queue: Vec<usize> = (0..n).filter(|&k| match_l[k] == NONE).collect();
    let mut head = 0;
    while head < queue.len() {
        let k = queue[head];
        head += 1;
        seen_l[owner[k]] = true;
        for &r in &adj[owner[k]] {
            if !seen_r[r] {
                seen_r[r] = true;
                let k2 = match_r[r];
                if k2 != NONE {
                    queue.push(k2);
                }
            }
        }
    }
    Matching {
        size,
        matched,
        deficient: (0..caps.len()).filter(|&l| seen_l[l]).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    /// The largest matching by brute force: every right node to one of its left nodes or none.
    fn brute(caps: &[u32], adj: &[Vec<usize>], n_right: usize) -> usize {
        let mut right_adj: Vec<Vec<usize>> = vec![Vec::new(); n_right];
        for (l, row) in adj.iter().enumerate() {
            for &r in row {
                right_adj[r].push(l);
            }
        }
        fn go(r: usize, right_adj: &[Vec<usize>], used: &mut [u32], caps: &[u32]) -> usize {
            if r == right_adj.len() {
                return 0;
            }
            let mut best = go(r + 1, right_adj, used, caps);
            for &l in &right_adj[r] {
                if used[l] < caps[l] {
                    used[l] += 1;
                    best = best.max(1 + go(r + 1, right_adj, used, caps));
                    used[l] -= 1;
                }
            }
            best
        }
        go(0, &right_adj, &mut vec![0; caps.len()], caps)
    }

    fn check_hall(caps: &[u32], adj: &[Vec<usize>], m: &Matching) {
        let seats: u32 = caps.iter().sum();
        if m.size as u32 == seats {
            assert!(m.deficient.is_empty());
            return;
        }
        // The deficient posts have fewer distinct neighbours than seats, by exactly the deficit.
        let mut nbrs: Vec<usize> = m.deficient.iter().flat_map(|&l| adj[l].clone()).collect();
        nbrs.sort_unstable();
        nbrs.dedup();
        let s: u32 = m.deficient.iter().map(|&l| caps[l]).sum();
        assert_eq!(s as usize - nbrs.len(), seats as usize - m.size);
    }

    #[test]
    fn matching_respects_seats() {
        // Post 0 (2 seats) and post 1 (1 seat) share cadres 0 and 1; only cadre 2 is post 1's own.
        let caps = [2, 1];
        let adj = vec![vec![0, 1], vec![1, 2]];
        let m = max_matching(&caps, &adj, 3);
        assert_eq!(m.size, 3);
        assert_eq!(m.matched, vec![vec![0, 1], vec![2]]);
        assert!(m.deficient.is_empty());
    }

    #[test]
    fn matching_names_the_posts_that_share_too_few_cadres() {
        // Posts 0 and 1 can only take cadre 0; post 2 has its own cadre 1.
        let caps = [1, 1, 1];
        let adj = vec![vec![0], vec![0], vec![1]];
        let m = max_matching(&caps, &adj, 2);
        assert_eq!(m.size, 2);
        assert_eq!(m.deficient, vec![0, 1]);
        // A post of two seats with one candidate.
        let m = max_matching(&[2], &[vec![0]], 1);
        assert_eq!((m.size, m.deficient.clone()), (1, vec![0]));
        // No candidate at all.
        let m = max_matching(&[1, 1], &[vec![], vec![0]], 1);
        assert_eq!((m.size, m.deficient.clone()), (1, vec![0]));
    }

    #[test]
    fn matching_needs_augmenting_paths() {
        // Greedy in order would match post 0 with cadre 0 and leave post 1 without; the maximum
        // moves post 0 to cadre 1.
        let m = max_matching(&[1, 1], &[vec![0, 1], vec![0]], 2);
        assert_eq!(m.size, 2);
        assert_eq!(m.matched, vec![vec![1], vec![0]]);
    }

    #[test]
    fn matching_equals_brute_force_on_random_graphs() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for _ in 0..400 {
            let n_left = rng.gen_range(0..5);
            let n_right = rng.gen_range(0..7);
            let caps: Vec<u32> = (0..n_left).map(|_| rng.gen_range(0..3)).collect();
            let adj: Vec<Vec<usize>> = (0..n_left)
                .map(|_| (0..n_right).filter(|_| rng.gen_bool(0.35)).collect())
                .collect();
            let m = max_matching(&caps, &adj, n_right);
            assert_eq!(m.size, brute(&caps, &adj, n_right), "{caps:?} {adj:?}");
            // A valid matching: within capacity, each right node once, along edges.
            let mut used = vec![0; n_right];
            for (l, rs) in m.matched.iter().enumerate() {
                assert!(rs.len() as u32 <= caps[l]);
                for &r in rs {
                    assert!(adj[l].contains(&r));
                    used[r] += 1;
                }
            }
            assert!(used.iter().all(|&u| u <= 1));
            check_hall(&caps, &adj, &m);
        }
    }

    #[test]
    fn matching_handles_long_augmenting_chains() {
        // A path graph: post k can take cadre k or k + 1; a long chain, no stack overflow.
        let n = 200_000;
        let adj: Vec<Vec<usize>> = (0..n).map(|k| vec![k + 1, k]).collect();
        let m = max_matching(&vec![1; n], &adj, n + 1);
        assert_eq!(m.size, n);
    }
}
