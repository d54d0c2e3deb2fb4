//! Exact solving of large instances by pricing, built on the assignment core.
//!
//! 1. Restricted set R: each cadre's and each post's best pairs, the greedy plan, pins and every
//!    pair in an H10 conflict row.
//! 2. Column generation on the LP relaxation: solve the LP over R, price every pair left out with
//!    the row duals (d = c − Aᵀy), add each cadre's best pairs with d > 0, repeat. With any duals,
//!    z_LP = z_R + Σ max(0, d) over the pairs left out bounds every plan (x ≤ 1 absorbs each
//!    positive d); when nothing prices positive it is the full LP optimum. One LP lives through
//!    the rounds (`Backend::live_lp`, built with a row for every cadre, post and unit): the priced
//!    pairs are added to it as columns and each round starts from the previous basis.
//! 3. If the last LP's solution is integral and its plan is worth the bound z_LP, it is optimal
//!    over all pairs: no MIP. Otherwise the MIP over R → incumbent z_inc.
//! 4. Reduced-cost fixing: any plan that uses a pair with d < z_inc − z_LP scores below z_inc, so
//!    only pairs with d ≥ z_inc − z_LP can be in a better plan. Add them to R and solve the MIP
//!    again from the incumbent. Its optimum over that set is the optimum over all pairs, and its
//!    bound is a bound for the full problem.

use super::backend::{Failure, Raw, RunOptions, backend};
use super::{Call, Note, SolveOutcome, SolveStatus, direct, model, remaining};
use crate::rules::{Candidates, RuleContext};
use std::time::Instant;

/// Best pairs per cadre and per post in the first restricted set.
const SEED_PER_CADRE: usize = 3;
const SEED_PER_POST: usize = 4;
/// Columns added per pricing round: each cadre's best priced pairs, at most this many in all.
const ADD_PER_CADRE: usize = 3;
const MAX_ADD_PER_ROUND: usize = 30_000;
/// Rounds are cheap on the live LP (a few dual simplex iterations from the last basis), so they
/// run until nothing prices positive, which the shortcut of step 3 needs.
const MAX_ROUNDS: usize = 60;
/// Share of the time limit the LP rounds may use before settling for the bound they have.
const PRICING_TIME_SHARE: f64 = 0.4;
/// Re-admitted pairs beyond which the final MIP would be too large to pay off: the plan over the
/// restricted set is kept and its proven gap reported instead.
const MAX_READMIT: usize = 150_000;
const EPS: f64 = 1e-6;

fn seed(ctx: &RuleContext, cands: &Candidates, pins: &[usize], warm: &[usize]) -> Vec<usize> {
    let mut r: Vec<usize> = Vec::new();
    // The k best by (score desc, index): a total order, so the same k pairs every time; their
    // order does not matter (the set is sorted at the end), so a selection, not a sort.
    let best = |idx: &mut Vec<usize>, k: usize, out: &mut Vec<usize>| {
        let cmp =
            |&a: &usize, &b: &usize| cands.score(b).total_cmp(&cands.score(a)).then(a.cmp(&b));
        if k < idx.len() {
            idx.select_nth_unstable_by(k, cmp);
        }
        out.extend(idx.iter().take(k));
    };
    for c in 0..ctx.sc.cadres.len() {
        let mut idx: Vec<usize> = (cands.by_cadre[c]..cands.by_cadre[c + 1]).collect();
        best(&mut idx, SEED_PER_CADRE, &mut r);
    }
    for p in 0..cands.posts_len() as u32 {
        let mut idx: Vec<usize> = cands.of_post(p).collect();
        best(
            &mut idx,
            SEED_PER_POST + ctx.sc.post(p).seats as usize,
            &mut r,
        );
    }
    r.extend_from_slice(pins);
    r.extend_from_slice(warm);
    r.extend(model::family_pairs(ctx, cands));
    r.sort_unstable();
    r.dedup();
    r
}

/// Merge sorted `add` into sorted `set`.
fn merge(set: &mut Vec<usize>, add: &[usize]) {
    set.extend_from_slice(add);
    set.sort_unstable();
    set.dedup();
}

pub(super) fn solve(
    call: Call,
    warm: &[usize],
    out: &mut SolveOutcome,
    solved_cols: &mut Vec<usize>,
) -> Result<Vec<usize>, Failure> {
    let (ctx, cands, pins) = (call.ctx, call.cands, call.pins);
    let (started, deadline) = (call.started, call.deadline);
    let sc = ctx.sc;
    let mut set = seed(ctx, cands, pins, warm);
    // Pairs in pin or family rows: always in the set, never priced.
    let mut special: Vec<usize> = model::family_pairs(ctx, cands);
    merge(&mut special, pins);
    let lp_opts = || RunOptions {
        time_limit_s: (sc.solver.time_limit_s - started.elapsed().as_secs_f64()).max(0.5),
        relative_gap: 0.0,
        threads: sc.solver.threads,
        deadline: remaining(deadline),
    };

    // 2. Column generation on one live LP.
    let t = Instant::now();
    let lp = model::build_lp_all_rows(ctx, cands, pins, &set);
    // Kept for pricing: the backend consumes the good_lp parts of the model.
    let index = lp.index.clone();
    let constant = lp.constant;
    // Candidate index of each LP column, in the LP's column order (None: an extra-seat,
    // empty-seat or shortfall column).
    let mut lp_cols: Vec<Option<usize>> = set.iter().map(|&i| Some(i)).collect();
    lp_cols.extend(std::iter::repeat_n(None, lp.aux.len()));
    let n_rows = lp.rows.len();
    let mut live = backend().live_lp(lp)?;
    out.build_s += t.elapsed().as_secs_f64();
    let mut rounds = 0;
    let (z_lp, priced_out, last) = loop {
        rounds += 1;
        let t = Instant::now();
        let r = live.solve(&lp_opts())?;
        let lp_s = t.elapsed().as_secs_f64();
        check_sign_convention(ctx, cands, &lp_cols, &special, &index, &r)?;
        // Each cadre's best positive pair outside the set, and the sum of all positive reduced
        // costs outside: z_R + that sum bounds the full LP (x ≤ 1 absorbs every positive d).
        let mut add: Vec<(f64, usize)> = Vec::new();
        let mut positive = 0.0;
        let mut k = 0;
        let (cadre_dual, post_dual) = index.split_duals(ctx, &r.row_duals);
        for (c, &cadre_d) in cadre_dual.iter().enumerate() {
            let mut best: Vec<(f64, usize)> = Vec::new();
            for i in cands.by_cadre[c]..cands.by_cadre[c + 1] {
                while k < set.len() && set[k] < i {
                    k += 1;
                }
                if k < set.len() && set[k] == i {
                    continue;
                }
                let p = cands.get(i);
                let d = p.score - cadre_d - post_dual[p.post as usize];
                if d > EPS {
                    positive += d;
                    best.push((d, i));
                }
            }
            best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            add.extend(best.into_iter().take(ADD_PER_CADRE));
        }
        let bound = r.objective + constant + positive;
        tracing::debug!(
            round = rounds,
            columns = set.len(),
            lp_objective = r.objective + constant,
            positive_reduced_costs = positive,
            priced_in = add.len().min(MAX_ADD_PER_ROUND),
            bound,
            lp_s,
            "pricing round"
        );
        let out_of_time =
            started.elapsed().as_secs_f64() > PRICING_TIME_SHARE * sc.solver.time_limit_s;
        // Stop when nothing prices positive (the LP is solved over all pairs), or the rounds or
        // their time share are used up.
        if add.is_empty() || rounds >= MAX_ROUNDS || out_of_time {
            break (bound, add.is_empty(), r);
        }
        add.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut new: Vec<usize> = add.iter().take(MAX_ADD_PER_ROUND).map(|x| x.1).collect();
        new.sort_unstable();
        live.add_columns(new.iter().map(|&i| index.column(ctx, cands, i)).collect())?;
        lp_cols.extend(new.iter().map(|&i| Some(i)));
        merge(&mut set, &new);
    };
    drop(live);
    let duals = last.row_duals.clone();
    *solved_cols = set.clone();

    // 3a. The LP's own solution, when integral: a plan. Worth the bound over all pairs, it is
    // optimal, and no MIP is needed.
    if let Some(chosen) = integral_plan(&lp_cols, &last) {
        let z = ctx.evaluate(cands, &chosen).total;
        let tight = (z_lp - z).abs() <= 1e-9 * z.abs().max(1.0);
        tracing::debug!(
            lp_bound = z_lp,
            plan = z,
            all_priced = priced_out,
            proven = tight,
            "pricing: the LP solution is integral"
        );
        if tight {
            out.status = SolveStatus::Optimal;
            out.bound = Some(z_lp);
            out.gap = Some(0.0);
            out.columns = lp_cols.len();
            out.rows = n_rows;
            out.note = Some(Note::PricingIntegral {
                held: set.len(),
                pairs: cands.len(),
                rounds,
                bound: z_lp,
            });
            return Ok(chosen);
        }
    }

    // 3. MIP over the restricted set.
    let first = direct(call, &set, warm, out)?;
    let z_inc = ctx.evaluate(cands, &first).total;

    // The first plan may already meet the bound (then it is optimal over all pairs) or be within
    // the allowed gap of it: nothing to re-admit.
    let proven_gap = (z_lp - z_inc) / z_inc.abs().max(1.0);
    if proven_gap <= 1e-9 || proven_gap <= sc.solver.relative_gap {
        out.status = if proven_gap <= 1e-9 {
            SolveStatus::Optimal
        } else {
            SolveStatus::GapLimit
        };
        out.bound = Some(z_lp);
        out.gap = Some(proven_gap.max(0.0));
        out.note = Some(Note::PricingAtBound {
            held: set.len(),
            pairs: cands.len(),
            rounds,
            bound: z_lp,
        });
        return Ok(first);
    }

    // 4. Reduced-cost fixing: the pairs that could still be in a better plan. z_lp is the LP
    // bound (z_R plus the positive reduced costs left outside, if any).
    let threshold = z_inc - z_lp - EPS;
    let mut extra = Vec::new();
    let mut k = 0;
    let (cadre_dual, post_dual) = index.split_duals(ctx, &duals);
    for i in 0..cands.len() {
        if k < set.len() && set[k] == i {
            k += 1;
            continue;
        }
        let p = cands.get(i);
        if p.score - cadre_dual[p.cadre as usize] - post_dual[p.post as usize] >= threshold {
            extra.push(i);
        }
    }
    let first_status = out.status;
    tracing::debug!(
        lp_bound = z_lp,
        first_plan = z_inc,
        by_reduced_cost = extra.len(),
        max_readmit = MAX_READMIT,
        "pricing: reduced-cost fixing"
    );
    let mut readmitted = extra.len();
    let result = if extra.is_empty() {
        first
    } else if extra.len() > MAX_READMIT {
        // Too many to re-admit: keep the plan over the restricted set with its proven gap.
        readmitted = 0;
        out.status = if (z_lp - z_inc) <= sc.solver.relative_gap * z_inc.abs().max(1.0) {
            SolveStatus::GapLimit
        } else {
            SolveStatus::TimeLimit
        };
        out.bound = None;
        first
    } else {
        merge(&mut set, &extra);
        match direct(call, &set, &first, out) {
            Ok(better) => better,
            // The incumbent is still a plan: report it with the LP bound.
            Err(Failure::Deadline | Failure::NoPlan) => {
                out.status = SolveStatus::TimeLimit;
                out.bound = None;
                first
            }
            Err(e) => return Err(e),
        }
    };
    let z = ctx.evaluate(cands, &result).total;
    out.note = Some(Note::Pricing {
        held: set.len(),
        pairs: cands.len(),
        rounds,
        bound: z_lp,
        first: z_inc,
        by_reduced_cost: extra.len(),
        readmitted: readmitted > 0 || extra.is_empty(),
    });
    // The LP bound holds for every plan; keep the tighter of it and the MIP's bound.
    let bound = out.bound.map_or(z_lp, |b| b.min(z_lp));
    out.bound = Some(bound);
    out.gap = Some(((bound - z) / z.abs().max(1.0)).max(0.0));
    if extra.is_empty() && first_status == SolveStatus::Optimal {
        out.status = SolveStatus::Optimal;
    }
    *solved_cols = set;
    Ok(result)
}

/// The plan of an LP solution whose pair columns are all integral (candidate indexes, sorted).
fn integral_plan(lp_cols: &[Option<usize>], r: &Raw) -> Option<Vec<usize>> {
    let mut chosen = Vec::new();
    for (k, c) in lp_cols.iter().enumerate() {
        if let Some(i) = c {
            let v = r.x[k];
            if (v - v.round()).abs() > 1e-6 {
                return None;
            }
            if v > 0.5 {
                chosen.push(*i);
            }
        }
    }
    chosen.sort_unstable();
    Some(chosen)
}

/// The pricing formula must agree with HiGHS's own reduced costs on the columns it has: a guard
/// against a dual sign convention that changes under us (which would make the fixing unsound).
fn check_sign_convention(
    ctx: &RuleContext,
    cands: &Candidates,
    lp_cols: &[Option<usize>],
    special: &[usize],
    index: &model::RowIndex,
    r: &Raw,
) -> Result<(), Failure> {
    for (k, &i) in lp_cols.iter().enumerate() {
        let Some(i) = i else { continue };
        if special.binary_search(&i).is_ok() {
            continue;
        }
        let mine = index.reduced_cost(ctx, cands, i, &r.row_duals);
        let theirs = r.col_duals[k];
        if (mine - theirs).abs() > 1e-5 * (1.0 + theirs.abs()) {
            return Err(Failure::Other(format!(
                "pricing disagrees with HiGHS on pair {i}: {mine} vs {theirs}; refusing to prune"
            )));
        }
    }
    Ok(())
}
