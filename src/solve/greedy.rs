//! A fast feasible plan: pins first, then pairs by decreasing gain, each taken when the cadre is
//! free, the post has a quota seat, the cadre's unit is under its departure cap and no relative
//! conflict (H10) arises. It is the MIP's warm start and the plan of last resort when a backend
//! overruns its deadline.

use crate::rules::family::Placement;
use crate::rules::{Candidates, RuleContext};

pub fn greedy(ctx: &RuleContext, cands: &Candidates, pins: &[usize]) -> Vec<usize> {
    let sc = ctx.sc;
    let w_mf = sc.weights.must_fill;
    let gain = |i: usize| {
        let c = &cands.pairs[i];
        c.score
            + if sc.post(c.post).criticality >= 5 {
                w_mf
            } else {
                0.0
            }
    };
    let mut order: Vec<usize> = (0..cands.len()).filter(|&i| gain(i) > 0.0).collect();
    // Stable tie-break on (cadre, post), which is the candidates' order.
    order.sort_by(|&a, &b| gain(b).total_cmp(&gain(a)).then(a.cmp(&b)));

    let mut state = Placement::new(sc);
    let mut chosen = Vec::new();
    for &i in pins.iter().chain(order.iter()) {
        let c = &cands.pairs[i];
        if state.can_place(sc, c.cadre, c.post, pins.contains(&i)) {
            state.place(sc, c.cadre, c.post);
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    chosen.dedup();
    chosen
}
