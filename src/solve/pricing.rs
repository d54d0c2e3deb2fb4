//! Exact solving of large instances by pricing, built on the assignment core.
//!
//! 1. Restricted set R: each cadre's and each post's best pairs, the greedy plan, pins and every
//!    pair in an H10 conflict row.
//! 2. Column generation on the LP relaxation: solve the LP over R, price every pair left out with
//!    the row duals (d = c − Aᵀy), add each cadre's and each post's best pairs with d > 0,
//!    repeat. With any duals, z_LP = z_R + Σ max(0, d) over the pairs left out bounds every plan
//!    (x ≤ 1 absorbs each positive d; `price` has tighter amounts, and the least bound of the
//!    rounds is kept); when nothing prices positive it is the full LP optimum. One LP lives through
//!    the rounds (`Backend::live_lp`, built with a row for every cadre, post and unit): the priced
//!    pairs are added to it as columns and each round starts from the previous basis.
//! 3. If the last LP's solution is integral and its plan is worth the bound z_LP, it is optimal
//!    over all pairs: no MIP. Otherwise the MIP over R → incumbent z_inc.
//! 4. Reduced-cost fixing: any plan that uses a pair with d < z_inc − z_LP scores below z_inc, so
//!    only pairs with d ≥ z_inc − z_LP can be in a better plan. Add them to R and solve the MIP
//!    again from the incumbent. Its optimum over that set is the optimum over all pairs, and its
//!    bound is a bound for the full problem.

use super::backend::{Failure, Raw, RunOptions, backend};
use super::{Call, Note, SolveOutcome, SolveStatus, direct, model, remaining, tie_weights};
use crate::rules::{Candidates, RuleContext};
use std::time::Instant;

/// Best pairs per cadre and per post in the first restricted set.
const SEED_PER_CADRE: usize = 3;
const SEED_PER_POST: usize = 4;
/// Columns added per pricing round: each cadre's best priced pairs and each post's, at most
/// `MAX_ADD_PER_ROUND` in all (the best). The post's best pairs are what its share of the bound
/// (`Priced::by_post`, usually the least amount) is made of: at 20,000 × 8,000, adding 4 a post
/// halved the gap after 6 rounds (performance.md, "Columns by post").
const ADD_PER_CADRE: usize = 3;
const ADD_PER_POST: usize = 4;
const MAX_ADD_PER_ROUND: usize = 30_000;
/// Rounds are cheap on the live LP (a few dual simplex iterations from the last basis), so they
/// run until nothing prices positive, which the shortcut of step 3 needs.
const MAX_ROUNDS: usize = 60;
/// Share of the time limit the LP rounds may use before settling for the bound they have, when
/// the last LP solution is fractional (the MIP over the set needs the rest).
const PRICING_TIME_SHARE: f64 = 0.4;
/// The same when the last LP solution is integral: it is then the optimum over the set, no MIP
/// over the set is needed, and the rounds (which tighten the bound) may use nearly all the time.
const PRICING_TIME_SHARE_INTEGRAL: f64 = 0.85;
/// Re-admitted pairs beyond which the final MIP would be too large to pay off: the plan over the
/// restricted set is kept and its proven gap reported instead.
const MAX_READMIT: usize = 150_000;
const EPS: f64 = 1e-6;
/// Pairs still pricing positive below which the rounds go on to prove optimality even when the
/// best plan is already within the requested gap.
const FINISH_BELOW: usize = 2_000;
/// Above this many candidate pairs the tie-break over the optimal face is skipped and the plan is
/// the LP's own optimal vertex (deterministic, but not the designed choice among equal optima):
/// at national size (2.6 M pairs, 39,000 zero-reduced-cost pairs added) the face LP took 21 s of
/// a 26 s command, against 0.5 s for the whole region (154,000 pairs).
const FACE_MAX_PAIRS: usize = 500_000;

fn seed_set(ctx: &RuleContext, cands: &Candidates, pins: &[usize], warm: &[usize]) -> Vec<usize> {
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
    let mut set = seed_set(ctx, cands, pins, warm);
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
    // The best plan known (objective, candidate indexes): the warm start, then any integral LP
    // solution of the rounds.
    let mut best = (ctx.evaluate(cands, warm).total, warm.to_vec());
    // The last round solved to optimality: its bound, LP solution, set and number of LP columns
    // (a later round's LP that stops at the time limit has no valid duals; this one stands).
    let mut prev: Option<(f64, Raw, Vec<usize>, usize)> = None;
    // The least bound of the rounds so far (each round's is valid for every plan).
    let mut best_bound = f64::INFINITY;
    let (z_round, priced_out, last) = loop {
        rounds += 1;
        let t = Instant::now();
        let r = match live.solve(&lp_opts()) {
            Ok(r) if r.status == SolveStatus::Optimal => r,
            other => match (other, prev.take()) {
                (Ok(_) | Err(Failure::NoPlan | Failure::Deadline), Some((bound, r, s, n))) => {
                    tracing::debug!(
                        round = rounds,
                        "pricing: this round's LP was stopped by the time limit; the last round's bound stands"
                    );
                    rounds -= 1;
                    set = s;
                    lp_cols.truncate(n);
                    break (bound, false, r);
                }
                // Only an optimal LP gives duals that bound anything.
                (Ok(_), None) => return Err(Failure::NoPlan),
                (Err(e), _) => return Err(e),
            },
        };
        let lp_s = t.elapsed().as_secs_f64();
        check_sign_convention(ctx, cands, &lp_cols, &special, &index, &r)?;
        let (cadre_dual, post_dual) = index.split_duals(ctx, &r.row_duals);
        let priced = price(ctx, cands, &index, &set, &cadre_dual, &post_dual);
        let bound = r.objective + constant + priced.slack();
        let positive = priced.by_pair;
        let chosen = choose(&priced, post_dual.len(), ADD_PER_CADRE, ADD_PER_POST);
        best_bound = best_bound.min(bound);
        let add = priced.add;
        // The LP's own solution, when integral, is a plan: the best plan known may improve.
        let integral = integral_plan(&lp_cols, &r.x);
        let share = if integral.is_some() {
            PRICING_TIME_SHARE_INTEGRAL
        } else {
            PRICING_TIME_SHARE
        };
        if let Some(chosen) = integral {
            let z = ctx.evaluate(cands, &chosen).total;
            if z > best.0 {
                best = (z, chosen);
            }
        }
        // Within the requested gap, the rounds stop, unless only a few pairs still price positive:
        // then the proof of optimality is a few cheap rounds away (national size: the last
        // rounds add tens of pairs each and take a fraction of a second) and is worth finishing.
        let within_gap = best_bound - best.0 <= sc.solver.relative_gap * best.0.abs().max(1.0)
            && add.len() >= FINISH_BELOW;
        tracing::debug!(
            round = rounds,
            columns = set.len(),
            lp_objective = r.objective + constant,
            positive_reduced_costs = positive,
            by_cadre = priced.by_cadre,
            by_post = priced.by_post,
            by_both = priced.by_both,
            priced_in = chosen.len(),
            bound,
            best_bound,
            best_plan = best.0,
            lp_s,
            cpu_s = process_cpu_s(),
            "pricing round"
        );
        let out_of_time = started.elapsed().as_secs_f64() > share * sc.solver.time_limit_s;
        // Stop when nothing prices positive (the LP is solved over all pairs), when the best plan
        // known is within the requested gap of the bound (nothing left to prove), or when the
        // rounds or their time share are used up.
        if add.is_empty() || within_gap || rounds >= MAX_ROUNDS || out_of_time {
            break (bound, add.is_empty(), r);
        }
        prev = Some((bound, r, set.clone(), lp_cols.len()));
        let new = chosen;
        live.add_columns(new.iter().map(|&i| index.column(ctx, cands, i)).collect())?;
        lp_cols.extend(new.iter().map(|&i| Some(i)));
        merge(&mut set, &new);
    };
    let duals = last.row_duals.clone();
    // Every round's bound holds for every plan: the least of them is reported. The reduced-cost
    // fixing of step 4 needs the last round's own bound (that of its duals), `z_round`.
    let z_lp = best_bound.min(z_round);

    // 3a. Priced out: the LP over the set is the LP over every pair, and the designed tie-break
    // (`solve::tie_weights`, as on the direct path) chooses among its optimal solutions. The
    // optimal face of the full LP is {x feasible: x_j = 0 where d_j < 0, x_j at its upper bound
    // where d_j > 0, rows with a nonzero dual active} for any optimal dual (complementary
    // slackness), so it only holds pairs with d_j = 0 outside the set: those are added, and
    // the face over the set is then the face over every pair. Its tie-break optimum, when
    // integral and worth the bound, is the plan the direct path would choose.
    if priced_out && cands.len() <= FACE_MAX_PAIRS {
        let t = Instant::now();
        let (cadre_dual, post_dual) = index.split_duals(ctx, &duals);
        let zero = zero_reduced_cost(cands, &set, &cadre_dual, &post_dual);
        if !zero.is_empty() {
            live.add_columns(zero.iter().map(|&i| index.column(ctx, cands, i)).collect())?;
            lp_cols.extend(zero.iter().map(|&i| Some(i)));
            merge(&mut set, &zero);
        }
        let pairs: Vec<usize> = lp_cols.iter().flatten().copied().collect();
        let mut w = tie_weights(ctx, cands, &pairs).into_iter();
        let tie: Vec<f64> = lp_cols
            .iter()
            .map(|c| c.map_or(0.0, |_| w.next().unwrap_or(0.0)))
            .collect();
        let face = live.face(&tie, &lp_opts())?;
        let chosen = face.as_deref().and_then(|x| integral_plan(&lp_cols, x));
        let z = chosen.as_ref().map(|c| ctx.evaluate(cands, c).total);
        let tight = z.is_some_and(|z| (z_lp - z).abs() <= 1e-9 * z.abs().max(1.0));
        tracing::debug!(
            zero_reduced_cost = zero.len(),
            integral = chosen.is_some(),
            plan = z,
            proven = tight,
            seconds = t.elapsed().as_secs_f64(),
            "pricing: the tie-break over the LP's optimal face"
        );
        if let (true, Some(chosen)) = (tight, chosen) {
            *solved_cols = set.clone();
            let held = (lp_cols.len(), n_rows, set.len(), cands.len());
            proven_by_lp(out, z_lp, held, rounds);
            return Ok(chosen);
        }
    }
    drop(live);
    *solved_cols = set.clone();

    // 3b. The LP's own solution, when integral: a plan. Worth the bound over all pairs, it is
    // optimal, and no MIP is needed.
    if let Some(chosen) = integral_plan(&lp_cols, &last.x) {
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
            let held = (lp_cols.len(), n_rows, set.len(), cands.len());
            proven_by_lp(out, z_lp, held, rounds);
            return Ok(chosen);
        }
    }

    // 3c. The best plan found is within the requested gap of the bound over every pair: nothing
    // left to prove, no MIP.
    let best_gap = (z_lp - best.0) / best.0.abs().max(1.0);
    if best_gap <= sc.solver.relative_gap {
        out.status = if best_gap <= 1e-9 {
            SolveStatus::Optimal
        } else {
            SolveStatus::GapLimit
        };
        out.bound = Some(z_lp);
        out.gap = Some(best_gap.max(0.0));
        out.columns = lp_cols.len();
        out.rows = n_rows;
        out.note = Some(Note::PricingWithinGap {
            held: set.len(),
            pairs: cands.len(),
            rounds,
            bound: z_lp,
            plan: best.0,
        });
        return Ok(best.1);
    }

    // 3d. MIP over the restricted set.
    // An integral LP solution over the set is the MIP's optimum over the set (the MIP is worth
    // at most the LP, and this plan is worth the LP): no MIP.
    let z_set = last.objective + constant;
    let over_set = integral_plan(&lp_cols, &last.x).filter(|c| {
        let z = ctx.evaluate(cands, c).total;
        (z - z_set).abs() <= 1e-9 * z.abs().max(1.0)
    });
    let first = match over_set {
        Some(chosen) => {
            tracing::debug!("pricing: the LP over the set is integral; no MIP over the set");
            out.status = SolveStatus::Optimal;
            out.columns = lp_cols.len();
            out.rows = n_rows;
            chosen
        }
        None => direct(call, &set, warm, out)?,
    };
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
    let threshold = z_inc - z_round - EPS;
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
        lp_bound = z_round,
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

/// An integral LP solution worth the bound over every pair: optimal, no MIP. `held` is (LP
/// columns, LP rows, pairs in the restricted set, all pairs).
fn proven_by_lp(
    out: &mut SolveOutcome,
    z_lp: f64,
    (columns, rows, held, pairs): (usize, usize, usize, usize),
    rounds: usize,
) {
    out.status = SolveStatus::Optimal;
    out.bound = Some(z_lp);
    out.gap = Some(0.0);
    out.columns = columns;
    out.rows = rows;
    out.note = Some(Note::PricingIntegral {
        held,
        pairs,
        rounds,
        bound: z_lp,
    });
}

/// What one pricing pass over the pairs left out of the restricted set finds.
#[derive(Debug, Clone, PartialEq)]
struct Priced {
    /// Each cadre's best pairs with d > EPS (at most `ADD_PER_CADRE` a cadre): (d, index). Every
    /// sum below counts only d > EPS, as the stopping rule does.
    add: Vec<(f64, usize)>,
    /// Σ max(0, d) over the pairs left out.
    by_pair: f64,
    /// Σ_c max(0, max d over cadre c's pairs left out) (infinite if such a cadre had no S4 row).
    by_cadre: f64,
    /// Σ_p (seats_p + extra_p) · max(0, max d over post p's pairs left out) (infinite if such a
    /// post had no H7 row).
    by_post: f64,
    /// Σ_p (seats_p + extra_p)·δ_p + Σ_c max(0, max_p (d_cp − δ_p)) for the best of a few
    /// δ ≥ 0 tried by [`split_bound`]: both rows share each pair's d. Never above `by_cadre`
    /// (δ = 0) nor `by_post` (δ_p = post p's largest d).
    by_both: f64,
    /// Every pair left out with d > EPS, grouped by cadre: (cadre, post, d).
    edges: Vec<(u32, u32, f64)>,
    /// The candidate index of each of `edges`.
    edge_pair: Vec<usize>,
}

impl Priced {
    /// What may be added to the restricted LP's optimum z_R for a bound over every pair: the
    /// least of the three valid amounts (see [`price`]).
    fn slack(&self) -> f64 {
        self.by_pair
            .min(self.by_cadre)
            .min(self.by_post)
            .min(self.by_both)
    }
}

/// Price every pair left out of `set` (sorted) under the restricted LP's optimal duals, split as
/// d = score − cadre_dual[c] − post_dual[p], and the three amounts that bound the full LP.
///
/// Why each is a valid bound (LP duality; maximisation, rows a·x ≤ b with duals y ≥ 0, ≥ rows
/// with y ≤ 0, columns 0 ≤ x ≤ u): for ANY dual-feasible y, D(y) = b·y + Σ_j u_j·max(0, d_j(y))
/// over every column j bounds every solution of the full LP, hence every plan. At the restricted
/// LP's optimal duals y, D(y) over the restricted columns is z_R (strong duality), so
/// D(y) = z_R + Σ_{j left out} max(0, d_j): the bound `by_pair`. Now change y before summing:
///
/// - Cadre rows. Every pair column has coefficient 1 in exactly one row Σ_p x_cp ≤ 1 (S4,
///   `model::one_post_per_cadre`), and no other column is in that row. Raise that row's dual by
///   δ_c = max(0, max_{p left out} d_cp): y stays feasible (a ≤ row, y only grows), every column
///   of c loses δ_c of reduced cost, no other column changes. So the left-out columns of c add
///   nothing to D any more, the restricted ones add no more than before, and b·y grows by
///   1·δ_c. Hence z_LP ≤ z_R + Σ_c δ_c: a Lagrangian (Farley) bound, one term per cadre instead
///   of one per pair.
/// - Post rows. Every pair column has coefficient 1 in its post's H7 row Σ_c x_cp − extra_p ≤
///   seats_p. Raising its dual by δ_p lowers each pair of p by δ_p, and raises the reduced cost of
///   the extra-seat column (coefficient −1, 0 ≤ extra_p ≤ approved_p) by δ_p: D grows by at most
///   seats_p·δ_p + approved_p·δ_p. Hence z_LP ≤ z_R + Σ_p (seats_p + approved_p)·δ_p.
///
/// - Both. Raise every post row's dual by some δ_p ≥ 0 first (D grows by at most
///   Σ_p (seats_p + approved_p)·δ_p, as above), then every cadre row's by the reduced costs left,
///   δ_c = max(0, max_p (d_cp − δ_p)) over c's pairs left out (D grows by Σ_c δ_c): valid for
///   any δ ≥ 0, and δ = 0 gives the cadre amount, δ_p = max_c d_cp the post amount. A post of
///   few seats that many cadres would price in is best paid for by its row, a cadre that would
///   go to many posts by its own: [`split_bound`] looks for such a δ.
///
/// Each is valid alone, so the least of the four is (`Priced::slack`); the cadre amount never
/// exceeds the per-pair sum (a maximum is at most the sum of the positive terms). Pairs in pin or
/// family rows are always in the set, so no left-out column touches a row these arguments skip.
fn price(
    ctx: &RuleContext,
    cands: &Candidates,
    index: &model::RowIndex,
    set: &[usize],
    cadre_dual: &[f64],
    post_dual: &[f64],
) -> Priced {
    let mut add: Vec<(f64, usize)> = Vec::new();
    let (mut by_pair, mut by_cadre) = (0.0, 0.0);
    let mut post_best = vec![0.0_f64; post_dual.len()];
    let mut k = 0;
    let mut best: Vec<(f64, usize)> = Vec::new();
    // Every pair left out with d > EPS, by cadre: (cadre, post, d).
    let mut edges: Vec<(u32, u32, f64)> = Vec::new();
    let mut edge_pair: Vec<usize> = Vec::new();
    for (c, &cadre_d) in cadre_dual.iter().enumerate() {
        best.clear();
        let mut top = 0.0_f64;
        for i in cands.by_cadre[c]..cands.by_cadre[c + 1] {
            while k < set.len() && set[k] < i {
                k += 1;
            }
            if k < set.len() && set[k] == i {
                continue;
            }
            let p = cands.post(i) as usize;
            let d = cands.score(i) - cadre_d - post_dual[p];
            // Below EPS a reduced cost is zero (solver tolerance), as in the stopping rule.
            if d > EPS {
                by_pair += d;
                top = top.max(d);
                post_best[p] = post_best[p].max(d);
                best.push((d, i));
                edges.push((c as u32, p as u32, d));
                edge_pair.push(i);
            }
        }
        if top > 0.0 {
            by_cadre += if index.has_cadre_row(c) {
                top
            } else {
                f64::INFINITY
            };
        }
        best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        add.extend(best.iter().take(ADD_PER_CADRE));
    }
    // Seats a post row pays for (seats + approved extra seats); infinite without a row (its dual
    // cannot be raised).
    let cap: Vec<f64> = post_best
        .iter()
        .enumerate()
        .map(|(p, &top)| {
            if top <= 0.0 {
                0.0
            } else if index.has_seat_row(p) {
                let post = p as crate::domain::PostIx;
                (ctx.sc.post(post).seats + model::extra_seat_cap(ctx.sc, cands, post)) as f64
            } else {
                f64::INFINITY
            }
        })
        .collect();
    let mut by_post = 0.0;
    for (p, &top) in post_best.iter().enumerate() {
        if top > 0.0 {
            by_post += cap[p] * top;
        }
    }
    let cadre_row: Vec<bool> = (0..cadre_dual.len())
        .map(|c| index.has_cadre_row(c))
        .collect();
    let by_both = split_bound(&edges, &cap, &cadre_row, SPLIT_ROUNDS);
    Priced {
        add,
        by_pair,
        by_cadre,
        by_post,
        by_both,
        edges,
        edge_pair,
    }
}

/// The columns a round adds (candidate indexes, sorted): among the pairs that price positive
/// (`priced.edges`, d > EPS), each cadre's best `per_cadre` and each post's best `per_post` by
/// reduced cost, then the best `MAX_ADD_PER_ROUND` of those. Ties by candidate index:
/// deterministic. With `per_post` 0 this is the earlier rule (each cadre's best 3).
fn choose(priced: &Priced, n_posts: usize, per_cadre: usize, per_post: usize) -> Vec<usize> {
    let (edges, pair) = (&priced.edges, &priced.edge_pair);
    let cmp = |a: &usize, b: &usize| {
        edges[*b]
            .2
            .total_cmp(&edges[*a].2)
            .then(pair[*a].cmp(&pair[*b]))
    };
    let mut take: Vec<usize> = Vec::new();
    let mut group: Vec<usize> = Vec::new();
    let pick = |group: &mut Vec<usize>, n: usize, take: &mut Vec<usize>| {
        group.retain(|&e| edges[e].2 > EPS);
        if n == 0 || group.is_empty() {
            return;
        }
        if n < group.len() {
            group.select_nth_unstable_by(n, cmp);
            group.truncate(n);
        }
        take.extend_from_slice(group);
    };
    let mut i = 0;
    while i < edges.len() {
        let c = edges[i].0;
        group.clear();
        while i < edges.len() && edges[i].0 == c {
            group.push(i);
            i += 1;
        }
        pick(&mut group, per_cadre, &mut take);
    }
    if per_post > 0 {
        let (start, by_post) = edges_by_post(edges, n_posts);
        for p in 0..n_posts {
            group.clear();
            group.extend_from_slice(&by_post[start[p]..start[p + 1]]);
            pick(&mut group, per_post, &mut take);
        }
    }
    take.sort_unstable();
    take.dedup();
    take.sort_by(cmp);
    take.truncate(MAX_ADD_PER_ROUND);
    let mut out: Vec<usize> = take.into_iter().map(|e| pair[e]).collect();
    out.sort_unstable();
    out
}

/// Passes of [`split_bound`]'s search for the post rows' share δ.
const SPLIT_ROUNDS: usize = 8;

/// The least of f(δ) = Σ_p cap_p·δ_p + Σ_c max(0, max_p (d_cp − δ_p)) over the δ ≥ 0 it tries
/// (see [`price`], "Both": every such value bounds what the pairs left out can add). `edges`:
/// (cadre, post, d > 0), grouped by cadre; `cap`: per post, infinite where the post has no row
/// (then δ_p must stay 0); `cadre_row`: whether the cadre has a row (if not, δ_p must cover its
/// pairs). Starts at δ = 0 (the cadre amount) and at δ_p = max d of post p (the post amount),
/// then takes up to `passes` coordinate steps from each: for each post, with every other post's
/// δ fixed, the best δ_p is the (cap_p + 1)-th largest of d_cp − s_c (s_c: what cadre c would
/// pay through its other posts), since f falls by one per cadre above δ_p and rises by cap_p.
/// All posts step at once, so a step may not lower f: it is then halved once, and if that does
/// not lower f either the search from that start ends. The least value seen is returned.
/// Deterministic (fixed order throughout).
fn split_bound(edges: &[(u32, u32, f64)], cap: &[f64], cadre_row: &[bool], passes: usize) -> f64 {
    let n_posts = cap.len();
    if edges.is_empty() {
        return 0.0;
    }
    // δ_p may not go below the d of a pair whose cadre has no row (nothing else pays for it).
    let mut floor = vec![0.0_f64; n_posts];
    for &(c, p, d) in edges {
        if !cadre_row[c as usize] {
            floor[p as usize] = floor[p as usize].max(d);
        }
    }
    let f = |delta: &[f64]| -> f64 {
        let mut total = 0.0;
        for (p, &dp) in delta.iter().enumerate() {
            if dp > 0.0 {
                total += cap[p] * dp;
            }
        }
        let mut i = 0;
        while i < edges.len() {
            let c = edges[i].0;
            let mut top = 0.0_f64;
            while i < edges.len() && edges[i].0 == c {
                let (_, p, d) = edges[i];
                top = top.max(d - delta[p as usize]);
                i += 1;
            }
            if top > 0.0 {
                total += if cadre_row[c as usize] {
                    top
                } else {
                    f64::INFINITY
                };
            }
        }
        total
    };
    let mut top = floor.clone();
    for &(_, p, d) in edges {
        top[p as usize] = top[p as usize].max(d);
    }
    // The edges by post, to find each post's step.
    let (start, by_post) = edges_by_post(edges, n_posts);
    // Per cadre: the best and second best of d_cp − δ_p (floored at 0) and the post of the best.
    let n_cadres = cadre_row.len();
    let mut first = vec![(0.0_f64, u32::MAX); n_cadres];
    let mut second = vec![0.0_f64; n_cadres];
    let mut v: Vec<f64> = Vec::new();
    let mut least = f64::INFINITY;
    for start_at in [floor.clone(), top] {
        let mut delta = start_at;
        let mut here = f(&delta);
        least = least.min(here);
        for _ in 0..passes {
            first.fill((0.0, u32::MAX));
            second.fill(0.0);
            for &(c, p, d) in edges {
                let x = d - delta[p as usize];
                let (b, _) = first[c as usize];
                if x > b {
                    second[c as usize] = b;
                    first[c as usize] = (x, p);
                } else if x > second[c as usize] {
                    second[c as usize] = x;
                }
            }
            let mut next = delta.clone();
            for p in 0..n_posts {
                if cap[p].is_infinite() {
                    continue;
                }
                v.clear();
                for &e in &by_post[start[p]..start[p + 1]] {
                    let (c, _, d) = edges[e];
                    let (b, at) = first[c as usize];
                    let s = if at == p as u32 {
                        second[c as usize]
                    } else {
                        b
                    };
                    if d - s > 0.0 {
                        v.push(d - s);
                    }
                }
                let k = cap[p] as usize;
                next[p] = if v.len() > k {
                    v.select_nth_unstable_by(k, |a, b| b.total_cmp(a));
                    v[k]
                } else {
                    0.0
                }
                .max(floor[p]);
            }
            // A step that does not lower f is halved once, then the search from this start ends.
            let mut worth = f(&next);
            if worth >= here {
                for (n, &d) in next.iter_mut().zip(&delta) {
                    *n = 0.5 * (*n + d);
                }
                worth = f(&next);
                if worth >= here {
                    break;
                }
            }
            delta = next;
            here = worth;
            least = least.min(here);
        }
    }
    least
}

/// The pairs left out of `set` (sorted) whose reduced cost is zero (within EPS) under the duals
/// split by cadre and post: what the optimal face of the full LP may hold beyond the set once
/// nothing prices positive.
fn zero_reduced_cost(
    cands: &Candidates,
    set: &[usize],
    cadre_dual: &[f64],
    post_dual: &[f64],
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut k = 0;
    for (c, &cadre_d) in cadre_dual.iter().enumerate() {
        for i in cands.by_cadre[c]..cands.by_cadre[c + 1] {
            while k < set.len() && set[k] < i {
                k += 1;
            }
            if k < set.len() && set[k] == i {
                continue;
            }
            let d = cands.score(i) - cadre_d - post_dual[cands.post(i) as usize];
            if d >= -EPS {
                out.push(i);
            }
        }
    }
    out
}

/// CPU time (user + system, every thread) of this process so far, in seconds: logged with each
/// round, as wall times say little on a loaded machine. NaN where not known.
fn process_cpu_s() -> f64 {
    #[cfg(unix)]
    {
        let mut u = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: getrusage only writes the struct it is given, which is zeroed and ours.
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, u.as_mut_ptr()) } == 0 {
            // SAFETY: getrusage returned 0, so the struct is filled in.
            let u = unsafe { u.assume_init() };
            let s = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
            return s(u.ru_utime) + s(u.ru_stime);
        }
    }
    f64::NAN
}

/// The plan of an LP solution `x` whose pair columns are all integral (candidate indexes, sorted).
fn integral_plan(lp_cols: &[Option<usize>], x: &[f64]) -> Option<Vec<usize>> {
    let mut chosen = Vec::new();
    for (k, c) in lp_cols.iter().enumerate() {
        if let Some(i) = c {
            let v = x[k];
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

/// The edges (cadre, post, reduced cost) grouped by post by a counting sort, in edge order within
/// a post: post p's edges are `by_post[start[p]..start[p + 1]]`.
fn edges_by_post(edges: &[(u32, u32, f64)], n_posts: usize) -> (Vec<usize>, Vec<usize>) {
    let mut start = vec![0usize; n_posts + 1];
    for &(_, p, _) in edges {
        start[p as usize + 1] += 1;
    }
    for p in 0..n_posts {
        start[p + 1] += start[p];
    }
    let mut by_post = vec![0usize; edges.len()];
    let mut fill = start.clone();
    for (e, &(_, p, _)) in edges.iter().enumerate() {
        by_post[fill[p as usize]] = e;
        fill[p as usize] += 1;
    }
    (start, by_post)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::candidates;
    use std::time::Duration;

    /// A generated scenario of `cadres` × `posts` (seed `seed`), loaded from `dir`, gap 0.
    fn generated(
        dir: &std::path::Path,
        cadres: usize,
        posts: usize,
        seed: u64,
    ) -> crate::domain::Scenario {
        let opts = crate::generate::GenOptions {
            cadres,
            posts,
            seed,
            plan_date: "2027-01-01".parse().unwrap(),
            name: None,
        };
        for f in crate::generate::generate(&opts) {
            std::fs::write(dir.join(&f.name), f.contents).unwrap();
        }
        let mut sc = crate::scenario::load(&dir.join("scenario.yaml")).unwrap();
        sc.solver.relative_gap = 0.0;
        sc
    }

    fn opts() -> RunOptions {
        RunOptions {
            time_limit_s: 600.0,
            relative_gap: 0.0,
            threads: 1,
            deadline: Duration::from_secs(600),
        }
    }

    /// On random small instances and restricted sets of several sizes, the bounds of `price`
    /// (cadre rows, post rows) are at least the full LP's optimum (solved over every pair to
    /// compare) and at most the old per-pair bound, and the cadre bound is strictly tighter
    /// somewhere (so the comparison can fail).
    #[test]
    fn the_cadre_and_post_bounds_hold_the_full_lp_and_are_no_weaker() {
        let mut tighter = 0;
        let mut split_tighter = 0;
        let mut cases = 0;
        for seed in 1..=4 {
            let dir = tempfile::tempdir().unwrap();
            let sc = generated(dir.path(), 260 + 20 * seed as usize, 90, seed);
            let ctx = RuleContext::new(&sc);
            let cands = candidates::generate(&ctx);
            assert!(cands.len() > 500, "{}", cands.len());
            let (pins, bad) = super::super::pins(&ctx, &cands);
            assert!(bad.is_empty());
            let warm = crate::solve::greedy::greedy(&ctx, &cands, &pins);
            let all: Vec<usize> = (0..cands.len()).collect();
            let full = model::build(&ctx, &cands, &pins, &all, false);
            let constant = full.constant;
            let z_full = backend().solve(full, None, &opts()).unwrap().objective + constant;

            let first = seed_set(&ctx, &cands, &pins, &warm);
            // Sparser sets too: every k-th pair, with what the set must hold.
            for stride in [0usize, 3, 7] {
                let mut set = if stride == 0 {
                    first.clone()
                } else {
                    (0..cands.len()).filter(|i| i % stride == 0).collect()
                };
                merge(&mut set, &pins);
                merge(&mut set, &warm);
                merge(&mut set, &model::family_pairs(&ctx, &cands));
                let lp = model::build_lp_all_rows(&ctx, &cands, &pins, &set);
                let index = lp.index.clone();
                let constant = lp.constant;
                let mut live = backend().live_lp(lp).unwrap();
                let r = live.solve(&opts()).unwrap();
                let z_r = r.objective + constant;
                let (cd, pd) = index.split_duals(&ctx, &r.row_duals);
                let priced = price(&ctx, &cands, &index, &set, &cd, &pd);
                let old = z_r + priced.by_pair;
                let new = z_r + priced.slack();
                let tol = 1e-6 * z_full.abs().max(1.0);
                assert!(z_r <= z_full + tol, "seed {seed} stride {stride}");
                assert!(
                    new >= z_full - tol,
                    "seed {seed} stride {stride}: bound {new} below the full LP {z_full}"
                );
                assert!(new <= old + 1e-9, "seed {seed} stride {stride}");
                assert!(priced.by_cadre <= priced.by_pair + 1e-9);
                assert!(z_r + priced.by_post >= z_full - tol);
                assert!(z_r + priced.by_cadre >= z_full - tol);
                assert!(
                    z_r + priced.by_both >= z_full - tol,
                    "seed {seed} stride {stride}: split bound {} below the full LP {z_full}",
                    z_r + priced.by_both
                );
                assert!(priced.by_both <= priced.by_cadre.min(priced.by_post) + 1e-9);
                if new < old - 1e-6 {
                    tighter += 1;
                }
                if priced.by_both < priced.by_cadre.min(priced.by_post) - 1e-6 {
                    split_tighter += 1;
                }
                cases += 1;
            }
        }
        assert!(tighter * 2 >= cases, "{tighter} of {cases}");
        // Sharing each pair's d between its cadre and post rows is strictly tighter somewhere.
        assert!(split_tighter >= 1, "{split_tighter} of {cases}");
    }

    /// `choose` keeps each cadre's and each post's best pairs by reduced cost (ties by index)
    /// and only pairs that price positive.
    #[test]
    fn a_round_adds_each_cadres_and_each_posts_best_pairs() {
        let edges = vec![
            (0, 0, 5.0),
            (0, 1, 3.0),
            (0, 2, 1.0),
            (1, 0, 4.0),
            (1, 1, 4.0),
            (2, 0, 2.0),
            (2, 2, 0.5 * EPS),
        ];
        let priced = Priced {
            add: Vec::new(),
            by_pair: 19.0,
            by_cadre: 11.0,
            by_post: 10.0,
            by_both: 10.0,
            edges,
            edge_pair: vec![10, 11, 12, 20, 21, 30, 31],
        };
        // Each cadre's best (cadre 1: a tie, the lower index).
        assert_eq!(choose(&priced, 3, 1, 0), vec![10, 20, 30]);
        // And each post's best: 21 for post 1 (4 > 3), 12 for post 2 (31 does not price).
        assert_eq!(choose(&priced, 3, 1, 1), vec![10, 12, 20, 21, 30]);
        assert_eq!(choose(&priced, 3, 0, 2), vec![10, 11, 12, 20, 21]);
        assert_eq!(choose(&priced, 3, 3, 0), vec![10, 11, 12, 20, 21, 30]);
        assert!(choose(&priced, 3, 0, 0).is_empty());
    }

    /// A post of one seat that three cadres would price in at 5, and a cadre that would price in
    /// at 4 at three posts of one seat: the cadre rows pay 5 + 5 + 5 + 4 = 19, the post rows
    /// 5 + 3·4 = 17, shared 5 (the first post's row) + 4 (the last cadre's) = 9, which is the
    /// most these pairs can add (one cadre to the first post, the last cadre to one post).
    #[test]
    fn the_split_bound_pays_each_pair_once_by_its_cheaper_row() {
        let edges = [
            (0, 0, 5.0),
            (1, 0, 5.0),
            (2, 0, 5.0),
            (3, 1, 4.0),
            (3, 2, 4.0),
            (3, 3, 4.0),
        ];
        let cap = [1.0; 4];
        let rows = [true; 4];
        assert_eq!(split_bound(&edges, &cap, &rows, 0), 17.0);
        assert_eq!(split_bound(&edges, &cap, &rows, SPLIT_ROUNDS), 9.0);
        // Two seats at the first post: two of its cadres can take it.
        let cap2 = [2.0, 1.0, 1.0, 1.0];
        assert_eq!(split_bound(&edges, &cap2, &rows, SPLIT_ROUNDS), 14.0);
        // A cadre without a row: its post must pay its whole d.
        let rows2 = [true, true, true, false];
        assert_eq!(split_bound(&edges, &cap, &rows2, SPLIT_ROUNDS), 17.0);
        // A post without a row: its cadres pay.
        let cap3 = [f64::INFINITY, 1.0, 1.0, 1.0];
        assert_eq!(split_bound(&edges, &cap3, &rows, SPLIT_ROUNDS), 19.0);
        assert_eq!(split_bound(&[], &cap, &rows, SPLIT_ROUNDS), 0.0);
    }

    /// The pricing path, taken below its threshold, gives the plan of the direct path (the LP and
    /// the tie-break over its optimal face, `solve::canonical`, through `solve::solve`): the same
    /// designed optimum among equal ones, from a restricted set.
    #[test]
    fn the_pricing_path_chooses_the_direct_paths_optimum() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let province = root.join("scenarios/province/province.yaml");
        let dir = tempfile::tempdir().unwrap();
        let gen_sc = generated(dir.path(), 400, 140, 3);
        let mut scenarios = Vec::new();
        for cap in [None, Some(1), Some(2)] {
            let mut sc = crate::scenario::load(&province).unwrap();
            if let Some(k) = cap {
                sc.max_departures_per_unit = k;
            }
            sc.solver.relative_gap = 0.0;
            scenarios.push(sc);
        }
        scenarios.push(gen_sc);
        let mut differ_from_seed = 0;
        for (n, sc) in scenarios.iter().enumerate() {
            let ctx = RuleContext::new(sc);
            let cands = candidates::generate(&ctx);
            assert!(cands.len() <= super::super::PRICING_THRESHOLD);
            let direct = super::super::solve(&ctx, &cands);
            assert_eq!(direct.status, SolveStatus::Optimal, "case {n}");

            let (pins, bad) = super::super::pins(&ctx, &cands);
            assert!(bad.is_empty());
            let warm = crate::solve::greedy::greedy(&ctx, &cands, &pins);
            let started = Instant::now();
            let deadline = started + Duration::from_secs(600);
            let mut out = SolveOutcome::blank();
            let mut cols = Vec::new();
            let call = Call {
                ctx: &ctx,
                cands: &cands,
                pins: &pins,
                started,
                deadline,
            };
            let chosen = solve(call, &warm, &mut out, &mut cols).unwrap();
            assert_eq!(out.status, SolveStatus::Optimal, "case {n}");
            assert!(
                matches!(out.note, Some(Note::PricingIntegral { .. })),
                "case {n}: {:?}",
                out.note
            );
            // A restricted set, not every pair.
            assert!(cols.len() < cands.len(), "case {n}");
            assert_eq!(
                ctx.evaluate(&cands, &chosen).total,
                direct.objective.unwrap(),
                "case {n}"
            );
            assert_eq!(chosen, direct.chosen, "case {n}");
            // The plan needed pairs priced in after the first restricted set.
            let first = seed_set(&ctx, &cands, &pins, &warm);
            if direct
                .chosen
                .iter()
                .any(|i| first.binary_search(i).is_err())
            {
                differ_from_seed += 1;
            }
        }
        assert!(differ_from_seed >= 1);
    }
}
