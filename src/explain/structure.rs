//! The structural check: what the candidate pairs alone make impossible, before any MIP.

use super::*;

// ---------------------------------------------------------------------------------------------
// Structural check

/// The structural check of a scenario's candidates (milliseconds even at national size).
pub fn structural(ctx: &RuleContext, cands: &Candidates) -> Structure {
    let sc = ctx.sc;
    let posts_without_candidate = (0..sc.posts.len())
        .filter(|&p| cands.post_len(p as PostIx) == 0)
        .map(|p| sc.posts[p].id.clone())
        .collect();
    let must: Vec<PostIx> = (0..sc.posts.len() as PostIx)
        .filter(|&p| sc.post(p).criticality >= 5)
        .collect();
    // A pinned cadre can fill only the post of the pin.
    let mut pinned_to: BTreeMap<CadreIx, PostIx> = BTreeMap::new();
    for pin in &sc.pins {
        if cands.find(pin.cadre, pin.post).is_some() {
            pinned_to.insert(pin.cadre, pin.post);
        }
    }
    // Right nodes: the cadres that are candidates of a must-fill post, renumbered.
    let mut right: BTreeMap<CadreIx, usize> = BTreeMap::new();
    let mut adj: Vec<Vec<usize>> = Vec::with_capacity(must.len());
    for &p in &must {
        let mut row = Vec::new();
        for i in cands.of_post(p) {
            let c = cands.cadre(i);
            if pinned_to.get(&c).is_some_and(|&q| q != p) {
                continue;
            }
            let n = right.len();
            row.push(*right.entry(c).or_insert(n));
        }
        adj.push(row);
    }
    let caps: Vec<u32> = must.iter().map(|&p| sc.post(p).seats).collect();
    let m = max_matching(&caps, &adj, right.len());
    let cadre_of: Vec<CadreIx> = {
        let mut v = vec![0; right.len()];
        for (&c, &r) in &right {
            v[r] = c;
        }
        v
    };
    // Split the deficient posts into groups connected by shared candidates (union–find).
    let mut parent: Vec<usize> = (0..must.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut first_of_right: Vec<usize> = vec![NONE; right.len()];
    for &l in &m.deficient {
        for &r in &adj[l] {
            if first_of_right[r] == NONE {
                first_of_right[r] = l;
            } else {
                let (a, b) = (root(&mut parent, l), root(&mut parent, first_of_right[r]));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &l in &m.deficient {
        let r = root(&mut parent, l);
        groups.entry(r).or_default().push(l);
    }
    let must_fill_blocks = groups
        .into_values()
        .map(|ls| {
            let mut cs: Vec<CadreIx> = ls
                .iter()
                .flat_map(|&l| adj[l].iter().map(|&r| cadre_of[r]))
                .collect();
            cs.sort_unstable();
            cs.dedup();
            let seats: u32 = ls.iter().map(|&l| caps[l]).sum();
            MustFillBlock {
                posts: ls.iter().map(|&l| sc.post(must[l]).id.clone()).collect(),
                seats,
                short: seats.saturating_sub(cs.len() as u32),
                cadres: cs.iter().map(|&c| sc.cadre(c).id.clone()).collect(),
            }
        })
        .collect();
    Structure {
        posts_without_candidate,
        must_fill_seats: caps.iter().sum(),
        must_fill_fillable: m.size as u32,
        must_fill_blocks,
    }
}
