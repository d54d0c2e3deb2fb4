//! A fast feasible plan: pins first, then pairs by decreasing gain, each taken when the cadre is
//! free, the post has a quota seat, the cadre's unit is under its departure cap and no relative
//! conflict (H10) arises. It is the MIP's warm start and the plan of last resort when a backend
//! overruns its deadline.

use crate::rules::family::Placement;
use crate::rules::{Candidates, RuleContext};

pub fn greedy(ctx: &RuleContext, cands: &Candidates, pins: &[usize]) -> Vec<usize> {
    let sc = ctx.sc;
    let w_mf = sc.weights.must_fill;
    // The must-fill bonus by post, and the pairs' scores and posts read as slices: one pass over
    // the arrays, no per-pair struct.
    let bonus: Vec<f64> = sc
        .posts
        .iter()
        .map(|p| if p.criticality >= 5 { w_mf } else { 0.0 })
        .collect();
    let (scores, posts) = (cands.scores(), cands.posts());
    // Sort keys: a positive f64's bits order as the number does, so (gain descending, index
    // ascending) is one integer, compared in one instruction: the same total order as comparing
    // (gain, index) with `total_cmp`. The post rides in the low bits (the index decides first),
    // so the loop below reads only the cadre of each pair out of order.
    let mut keyed: Vec<u128> = Vec::with_capacity(cands.len());
    for (i, (&s, &p)) in scores.iter().zip(posts).enumerate() {
        let g = s + bonus[p as usize];
        if g > 0.0 {
            keyed.push(((!g.to_bits()) as u128) << 64 | (i as u128) << 32 | p as u128);
        }
    }
    // Tie-break on the index, i.e. on (cadre, post), the candidates' order: a total order, so
    // the unstable sort gives the same order every time.
    keyed.sort_unstable();

    let mut state = Placement::new(sc);
    let mut chosen = Vec::new();
    // Pins first, forced past the quota and the cap.
    for &i in pins {
        let c = cands.get(i);
        if state.can_place(sc, c.cadre, c.post, true) {
            state.place(sc, c.cadre, c.post);
            chosen.push(i);
        }
    }
    // A pin met again here is refused unforced as it was forced: its cadre is placed, or the
    // relative conflict that refused it is still there (placements only grow).
    for k in keyed {
        let (i, p) = ((k >> 32) as u32 as usize, k as u32);
        let c = cands.cadre(i);
        if state.can_place(sc, c, p, false) {
            state.place(sc, c, p);
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    chosen.dedup();
    chosen
}

#[cfg(test)]
mod tests {
    use crate::rules::{RuleContext, candidates};

    /// The greedy plan as it was written first: (gain, index) pairs sorted by a comparator, every
    /// pair placed through `Candidates::get`.
    fn greedy_by_comparator(
        ctx: &RuleContext,
        cands: &candidates::Candidates,
        pins: &[usize],
    ) -> Vec<usize> {
        let sc = ctx.sc;
        let gain = |i: usize| {
            let c = cands.get(i);
            c.score
                + if sc.post(c.post).criticality >= 5 {
                    sc.weights.must_fill
                } else {
                    0.0
                }
        };
        let mut keyed: Vec<(f64, u32)> = (0..cands.len())
            .map(|i| (gain(i), i as u32))
            .filter(|&(g, _)| g > 0.0)
            .collect();
        keyed.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut state = crate::rules::family::Placement::new(sc);
        let mut chosen = Vec::new();
        for i in pins
            .iter()
            .copied()
            .chain(keyed.into_iter().map(|(_, i)| i as usize))
        {
            let c = cands.get(i);
            if state.can_place(sc, c.cadre, c.post, pins.contains(&i)) {
                state.place(sc, c.cadre, c.post);
                chosen.push(i);
            }
        }
        chosen.sort_unstable();
        chosen.dedup();
        chosen
    }

    #[test]
    fn integer_keys_give_the_comparator_s_plan() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/province/province.yaml");
        let sc = crate::scenario::load(&path).unwrap();
        let ctx = RuleContext::new(&sc);
        let cands = candidates::generate(&ctx);
        // Pins: the best pair of a few cadres, one of them twice.
        let pins: Vec<usize> = (0..cands.len())
            .step_by(cands.len() / 7 + 1)
            .chain([0])
            .collect();
        for pins in [&[][..], &pins[..]] {
            let got = super::greedy(&ctx, &cands, pins);
            assert!(!got.is_empty());
            assert_eq!(got, greedy_by_comparator(&ctx, &cands, pins));
        }
    }
}
