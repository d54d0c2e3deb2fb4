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
        let c = cands.get(i);
        c.score
            + if sc.post(c.post).criticality >= 5 {
                w_mf
            } else {
                0.0
            }
    };
    let mut keyed: Vec<(f64, u32)> = (0..cands.len())
        .map(|i| (gain(i), i as u32))
        .filter(|&(g, _)| g > 0.0)
        .collect();
    // Tie-break on the index, i.e. on (cadre, post), the candidates' order: a total order, so
    // the unstable sort gives the same order every time.
    keyed.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i as usize).collect();

    let mut state = Placement::new(sc);
    let mut chosen = Vec::new();
    for &i in pins.iter().chain(order.iter()) {
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
