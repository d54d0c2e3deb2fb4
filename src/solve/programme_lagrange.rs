//! A Lagrangian bound over every column of a large programme, each cadre's own rows kept
//! (issue 14, "the national programme").
//!
//! The column generation of `programme_cg` prices with the restricted LP's duals, and its bounds
//! (Farley, blocks: `programme_pricing`) take each cadre's own rows — one rotation, the placement
//! after it, its rank — with those duals too. At national size most cadres do not rotate in the
//! restricted LP, their rows are slack, and every one of their columns prices at about its
//! score: the bound stayed near Σ_c (best score of c), 14 times the programme found.
//!
//! Here only the rows that couple cadres are priced: the seats of a post on a period's date
//! (`Seats`) and the departures of a unit in a period (`Departures`), with multipliers λ ≥ 0.
//! H10's family rows and the smoothing rows get multiplier 0 (dropping a row only relaxes; the
//! smoothing's deviation columns then cost ≤ 0 and add nothing). Each cadre's own rows stay in
//! its subproblem, solved exactly over all of its columns, kept and left out:
//!
//! - a cadre rotates at most once; a rotation whose placement period s is inside the programme
//!   is followed by exactly one placement in s that follows its rank (P1, H6);
//! - a running rotation is followed by one placement in its period, or is unplaced
//!   (−unplaced_penalty; with no placement column at all the penalty is in the constant). Such a
//!   cadre's own rotation is relaxed further: its placement is optional.
//!
//! For every λ ≥ 0 and every programme x over every column,
//!
//! ```text
//! value(x) ≤ value(x) + Σ_r λ_r (b_r − a_r·x) ≤ L(λ) = Σ_r λ_r b_r + Σ_c max_{plans of c} Σ_j d_j + constant
//! ```
//!
//! with d_j = score_j − a_jᵀλ (`Pricer::reduced_cost` with those multipliers alone), since x
//! restricted to cadre c is one of c's plans (the subproblem is integral, so L can be below the LP
//! bound; having dropped the family and smoothing rows, it can also be above it: the pipeline
//! reports the smaller). λ is improved by projected subgradient steps (Polyak's rule toward the
//! best programme known); the bound reported is the least L seen.
//!
//! Each subproblem is cheap because each cadre's columns are grouped by kind and period and
//! sorted by score: with λ ≥ 0 a column's d is at most its score plus the terms that do not depend
//! on its post (`Pricer::rotation_ceiling`, `placement_ceiling`), so a group's scan stops at the
//! first column whose score cannot beat the best found.

use super::programme_pricing::{Pricer, kept};
use crate::domain::{CadreIx, Scenario};
use crate::programme::{Columns, MoveKind, OutCol, Timeline};
use rayon::prelude::*;
use std::time::Instant;

/// One cadre's best plan under the multipliers.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Plan {
    /// Σ d of the plan (with −unplaced_penalty for an unplaced running rotation).
    pub value: f64,
    /// Column ids ([`Lagrangian::col`]) of the rotation, the placement after it, and a running
    /// rotation's placement.
    pub rotation: Option<u32>,
    pub after: Option<u32>,
    pub running: Option<u32>,
}

/// Every column of the programme, grouped for the subproblems, and the coupling rows' sides.
pub(super) struct Lagrangian<'a> {
    sc: &'a Scenario,
    tl: &'a Timeline,
    cols: &'a Columns,
    n_t: usize,
    kept: Vec<OutCol>,
    /// Column ids (kept columns first, then `cols.left_out`) grouped by (cadre, kind, period),
    /// each group by score, best first.
    order: Vec<u32>,
    /// Group g = (cadre · 2 + kind) · n_t + period is `order[starts[g]..starts[g + 1]]`.
    starts: Vec<usize>,
    /// The running rotation's period of each cadre with one that has a placement column.
    running: Vec<Option<usize>>,
    /// Right-hand sides: seats free on each period's date (post · n_t + t) and departures allowed
    /// per unit and period.
    seats_b: Vec<f64>,
    departures_b: f64,
    /// −unplaced_penalty for each running rotation with no placement column at all.
    constant: f64,
    penalty: f64,
}

/// The pricing of the subproblems: with the seat and departure multipliers alone, a column's
/// reduced cost is its score less its post's seat multipliers over the periods it holds the post,
/// plus a term of its group (cadre, kind, period): `Pricer::rotation_ceiling`, exact then. The
/// seat multipliers are summed once per post (prefix sums over the periods), so that a column
/// costs two reads instead of `Pricer::reduced_cost`'s walk (checked equal by
/// [`Lagrangian::check_prices`]).
struct Prices<'p, 'a> {
    pr: &'p Pricer<'a>,
    /// post · (n_t + 1) + u: Σ of the post's seat multipliers over periods before u.
    pre: Vec<f64>,
    n_t: usize,
}

impl<'p, 'a> Prices<'p, 'a> {
    fn new(pr: &'p Pricer<'a>, seats: &[f64], n_t: usize) -> Self {
        let mut pre = Vec::with_capacity(seats.len() / n_t.max(1) * (n_t + 1));
        for row in seats.chunks(n_t.max(1)) {
            let mut acc = 0.0;
            pre.push(0.0);
            for &y in row {
                acc += y;
                pre.push(acc);
            }
        }
        Prices { pr, pre, n_t }
    }

    /// The reduced cost of `x`, holding its post over `range`, in a group whose own term is `k`.
    fn d(&self, x: &OutCol, range: std::ops::Range<usize>, k: f64) -> f64 {
        let base = x.post as usize * (self.n_t + 1);
        x.score - (self.pre[base + range.end] - self.pre[base + range.start]) + k
    }
}

/// The multipliers (post · n_t + t, unit · n_t + t).
#[derive(Debug, Clone, Default)]
pub struct Multipliers {
    pub seats: Vec<f64>,
    pub departures: Vec<f64>,
}

/// What the subgradient found.
#[derive(Debug, Clone)]
pub(super) struct Dual {
    /// The least L(λ) seen (a bound over every programme over every column) and its λ.
    pub bound: f64,
    pub at: Multipliers,
    pub iterations: usize,
    /// The step factor at the end (the next part goes on from it).
    pub theta: f64,
}

fn kind_ix(k: MoveKind) -> usize {
    match k {
        MoveKind::Rotation => 0,
        MoveKind::Placement => 1,
    }
}

impl<'a> Lagrangian<'a> {
    /// `None` when the programme has rows the subproblems do not model (targets, must-fill,
    /// pins: `programme_targets::any`, or a history that fixes moves).
    pub(super) fn new(sc: &'a Scenario, tl: &'a Timeline, cols: &'a Columns) -> Option<Self> {
        let prog = sc.programme.as_ref()?;
        if super::programme_targets::any(sc) || !prog.replan.history.is_empty() {
            return None;
        }
        let n_t = tl.periods.len();
        // `OutCol` holds periods in a u8 (`NO_PERIOD` = 255).
        if n_t >= crate::programme::NO_PERIOD as usize {
            return None;
        }
        let n_c = sc.cadres.len();
        let kept = kept(sc, cols);
        let n_kept = kept.len() as u32;
        // Each cadre's column ids: its kept ones, then its run of the left-out ones.
        let mut by_cadre: Vec<Vec<u32>> = vec![Vec::new(); n_c];
        for (i, x) in kept.iter().enumerate() {
            by_cadre[x.cadre as usize].push(i as u32);
        }
        // Each cadre's run of the left-out columns (in cadre order, `programme_cg::cadre_runs`).
        let mut runs = vec![(0usize, 0usize); n_c];
        for (c, a, b) in super::programme_cg::cadre_runs(&cols.left_out)? {
            runs[c as usize] = (a, b);
        }
        let lo = &cols.left_out;
        let col = |id: u32| -> &OutCol {
            if id < n_kept {
                &kept[id as usize]
            } else {
                &lo[(id - n_kept) as usize]
            }
        };
        let grouped: Vec<Vec<u32>> = by_cadre
            .into_par_iter()
            .enumerate()
            .map(|(c, mut ids)| {
                let (a, b) = runs[c];
                ids.extend((a..b).map(|i| i as u32 + n_kept));
                // Sorted on a key built once: (kind, period, score descending, id).
                let mut keyed: Vec<(u64, u32)> = ids
                    .iter()
                    .map(|&id| {
                        let x = col(id);
                        let s = x.score;
                        // Order-preserving bits of −score (descending score).
                        let bits = (-s).to_bits();
                        let ord = if bits >> 63 == 1 {
                            !bits
                        } else {
                            bits | 1 << 63
                        };
                        let hi = ((kind_ix(x.kind) as u64) << 8 | x.period as u64) << 48;
                        (hi | ord >> 16, id)
                    })
                    .collect();
                keyed.sort_unstable_by(|p, q| {
                    p.0.cmp(&q.0)
                        .then_with(|| col(q.1).score.total_cmp(&col(p.1).score))
                        .then(p.1.cmp(&q.1))
                });
                ids.clear();
                ids.extend(keyed.into_iter().map(|k| k.1));
                ids
            })
            .collect();
        let n_groups = n_c * 2 * n_t;
        let mut starts = vec![0usize; n_groups + 1];
        let mut order = Vec::with_capacity(grouped.iter().map(Vec::len).sum());
        for (c, ids) in grouped.into_iter().enumerate() {
            for &id in &ids {
                let x = col(id);
                starts[(c * 2 + kind_ix(x.kind)) * n_t + x.period as usize + 1] += 1;
            }
            order.extend(ids);
        }
        for g in 0..n_groups {
            starts[g + 1] += starts[g];
        }
        let mut running = vec![None; n_c];
        let mut constant = 0.0;
        for r in &cols.running {
            let g = (r.cadre as usize * 2 + 1) * n_t + r.period;
            if r.period < n_t && starts[g + 1] > starts[g] {
                running[r.cadre as usize] = Some(r.period);
            } else {
                constant -= prog.unplaced_penalty;
            }
        }
        let seats_b = cols
            .occupancy
            .iter()
            .enumerate()
            .flat_map(|(p, o)| {
                let seats = sc.posts[p].seats as f64;
                tl.periods
                    .iter()
                    .map(move |&d| seats - o.taken_on(d) as f64)
            })
            .collect();
        Some(Lagrangian {
            sc,
            tl,
            cols,
            n_t,
            kept,
            order,
            starts,
            running,
            seats_b,
            departures_b: prog.max_departures_per_period as f64,
            constant,
            penalty: prog.unplaced_penalty,
        })
    }

    /// The column of id `id` (kept columns first, then the left-out ones).
    pub(super) fn col(&self, id: u32) -> &OutCol {
        let n = self.kept.len() as u32;
        if id < n {
            &self.kept[id as usize]
        } else {
            &self.cols.left_out[(id - n) as usize]
        }
    }

    /// Column ids of cadre `c`'s group of `kind` in period `t`, best score first.
    fn group(&self, c: CadreIx, kind: MoveKind, t: usize) -> &[u32] {
        let g = (c as usize * 2 + kind_ix(kind)) * self.n_t + t;
        &self.order[self.starts[g]..self.starts[g + 1]]
    }

    /// The best placement of `c` in period `s` (following rank `b` if given): (d, id).
    fn best_placement(
        &self,
        pr: &Prices,
        c: CadreIx,
        s: usize,
        b: Option<i32>,
    ) -> Option<(f64, u32)> {
        let group = self.group(c, MoveKind::Placement, s);
        let &first = group.first()?;
        // Every placement of the group holds its post over the same periods (s to retirement).
        let range = pr.pr.active(self.col(first));
        let ceiling = pr.pr.placement_ceiling(c, s);
        let mut best: Option<(f64, u32)> = None;
        for &id in group {
            let x = self.col(id);
            if best.is_some_and(|(d, _)| x.score + ceiling <= d) {
                break;
            }
            if b.is_some_and(|b| !x.follows(self.sc, b)) {
                continue;
            }
            let d = pr.d(x, range.clone(), ceiling);
            if best.is_none_or(|(e, _)| d > e) {
                best = Some((d, id));
            }
        }
        best
    }

    /// Cadre `c`'s best plan under the multipliers of `pr` (seats and departures alone).
    fn cadre(&self, pr: &Prices, c: CadreIx) -> Plan {
        let mut plan = Plan::default();
        let running = self.running[c as usize];
        if let Some(s) = running {
            plan.value = -self.penalty;
            if let Some((d, id)) = self.best_placement(pr, c, s, None)
                && d > plan.value
            {
                plan.value = d;
                plan.running = Some(id);
            }
        }
        let base = plan.value;
        let mut best = 0.0f64; // no rotation
        for t in 0..self.n_t {
            let group = self.group(c, MoveKind::Rotation, t);
            let Some(&first) = group.first() else {
                continue;
            };
            let s = self.col(first).placement_period();
            // The most the placement after a rotation of period t adds; a rotation that needs
            // one and has none is no plan.
            let top = match s {
                None => 0.0,
                Some(s) => match (self.best_placement(pr, c, s, None), running) {
                    (Some((d, _)), None) => d,
                    (Some((d, _)), Some(_)) => d.max(0.0),
                    (None, None) => continue,
                    (None, Some(_)) => 0.0,
                },
            };
            let k = pr.pr.rotation_ceiling(c, t, s);
            let range = pr.pr.active(self.col(first));
            let ceiling = k + top;
            let mut memo: Vec<(i32, Option<(f64, u32)>)> = Vec::new();
            for &id in group {
                let x = self.col(id);
                if x.score + ceiling <= best {
                    break;
                }
                let d = pr.d(x, range.clone(), k);
                if d + top <= best {
                    continue;
                }
                let after = match s {
                    None => None,
                    Some(s) => {
                        let b = self.sc.post(x.post).rank;
                        // `OutCol::follows` knows the ranks current + 0..16 only: beyond, any
                        // placement may follow here (a relaxation, so still a bound).
                        let offset = b - self.sc.cadre(c).current_rank;
                        let rank = (0..16).contains(&offset).then_some(b);
                        let found = match memo.iter().find(|m| m.0 == b) {
                            Some(m) => m.1,
                            None => {
                                let f = self.best_placement(pr, c, s, rank);
                                memo.push((b, f));
                                f
                            }
                        };
                        match (found, running) {
                            (Some((e, pid)), None) => Some((e, Some(pid))),
                            (None, None) => continue,
                            (Some((e, pid)), Some(_)) if e > 0.0 => Some((e, Some(pid))),
                            (_, Some(_)) => Some((0.0, None)),
                        }
                    }
                };
                let v = d + after.map_or(0.0, |a| a.0);
                if v > best {
                    best = v;
                    plan.rotation = Some(id);
                    plan.after = after.and_then(|a| a.1);
                }
            }
        }
        plan.value = base + best;
        plan
    }

    /// L(λ) and each cadre's plan; `pr` is set to λ.
    pub(super) fn evaluate(&self, pr: &mut Pricer, m: &Multipliers) -> (f64, Vec<Plan>) {
        pr.set_coupling(&m.seats, &m.departures);
        let prices = Prices::new(pr, &m.seats, self.n_t);
        let plans: Vec<Plan> = (0..self.sc.cadres.len() as CadreIx)
            .into_par_iter()
            .map(|c| self.cadre(&prices, c))
            .collect();
        let mut l = self.constant;
        for (y, b) in m.seats.iter().zip(&self.seats_b) {
            l += y * b;
        }
        l += m.departures.iter().sum::<f64>() * self.departures_b;
        l += plans.iter().map(|p| p.value).sum::<f64>();
        (l, plans)
    }

    /// Whether [`Prices::d`] is `Pricer::reduced_cost` on every column at multipliers `m` (the
    /// test API [`bound_at`] checks it: the bound is only as sound as that equality).
    fn check_prices(&self, pr: &mut Pricer, m: &Multipliers) -> Result<(), String> {
        pr.set_coupling(&m.seats, &m.departures);
        let prices = Prices::new(pr, &m.seats, self.n_t);
        for c in 0..self.sc.cadres.len() as CadreIx {
            for t in 0..self.n_t {
                for kind in [MoveKind::Rotation, MoveKind::Placement] {
                    let group = self.group(c, kind, t);
                    let Some(&first) = group.first() else {
                        continue;
                    };
                    // As the subproblems do: the group's periods held and its placement period
                    // from its first column.
                    let first = self.col(first);
                    let (range, k) = match kind {
                        MoveKind::Rotation => (
                            pr.active(first),
                            pr.rotation_ceiling(c, t, first.placement_period()),
                        ),
                        MoveKind::Placement => (pr.active(first), pr.placement_ceiling(c, t)),
                    };
                    for &id in group {
                        let x = self.col(id);
                        let (fast, slow) = (prices.d(x, range.clone(), k), pr.reduced_cost(x));
                        if (fast - slow).abs() > 1e-9 * (1.0 + slow.abs()) {
                            return Err(format!("{x:?}: {fast} against {slow}"));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The subgradient b − a·x of the plans, by row (seats, departures).
    fn subgradient(&self, pr: &Pricer, plans: &[Plan]) -> Multipliers {
        let n_t = self.n_t;
        let mut g = Multipliers {
            seats: self.seats_b.clone(),
            departures: vec![self.departures_b; self.sc.units.len() * n_t],
        };
        for p in plans {
            for id in [p.rotation, p.after, p.running].into_iter().flatten() {
                let x = self.col(id);
                for u in pr.active(x) {
                    g.seats[x.post as usize * n_t + u] -= 1.0;
                }
                if x.kind == MoveKind::Rotation {
                    let t = x.period as usize;
                    if let Some(q) = pr.held(x.cadre) {
                        let occ = &self.cols.occupancy[q as usize];
                        for u in t..n_t {
                            if occ.taken_on(pr.period(u)) > 0 {
                                g.seats[q as usize * n_t + u] += 1.0;
                            }
                        }
                    }
                    if let Some(u) = self.sc.cadre(x.cadre).current_unit {
                        g.departures[u as usize * n_t + t] -= 1.0;
                    }
                }
            }
        }
        g
    }

    /// Projected subgradient from λ = `from` (0 if `None`) toward `target` (the best programme
    /// known), for at most `seconds` or `max_iterations`.
    pub(super) fn ascend(
        &self,
        pr: &mut Pricer,
        from: Option<Multipliers>,
        target: f64,
        seconds: f64,
        max_iterations: usize,
        theta: f64,
    ) -> Dual {
        let started = Instant::now();
        let n_t = self.n_t;
        let mut m = from.unwrap_or_else(|| Multipliers {
            seats: vec![0.0; self.seats_b.len()],
            departures: vec![0.0; self.sc.units.len() * n_t],
        });
        let mut best: Option<(f64, Multipliers)> = None;
        // A step factor carried from an earlier part that had shrunk to nothing starts again.
        let mut theta = if theta < 0.01 { 0.1 } else { theta };
        let mut since = 0;
        let mut it = 0;
        // The previous direction: each step goes along g + ½·(previous direction) (a deflected
        // subgradient; plain steps zig-zag between the seats of the same popular posts).
        let mut dir: Option<Multipliers> = None;
        while it < max_iterations {
            it += 1;
            let (l, plans) = self.evaluate(pr, &m);
            let improved = best
                .as_ref()
                .is_none_or(|b| l < b.0 - 1e-9 * l.abs().max(1.0));
            let mut g = self.subgradient(pr, &plans);
            if improved {
                best = Some((l, m.clone()));
                since = 0;
            } else {
                since += 1;
                if since >= 10 {
                    theta /= 2.0;
                    since = 0;
                }
            }
            if it % 10 == 1 {
                tracing::debug!(
                    it,
                    l,
                    theta,
                    seconds = started.elapsed().as_secs_f64(),
                    "programme Lagrangian"
                );
            }
            if started.elapsed().as_secs_f64() > seconds || theta < 1e-3 {
                break;
            }
            if let Some(p) = &dir {
                for (gi, pi) in g
                    .seats
                    .iter_mut()
                    .zip(&p.seats)
                    .chain(g.departures.iter_mut().zip(&p.departures))
                {
                    *gi += 0.5 * pi;
                }
            }
            // Projected: a row at λ = 0 that is slack does not move.
            let mut norm = 0.0;
            for (gi, yi) in g
                .seats
                .iter_mut()
                .zip(&m.seats)
                .chain(g.departures.iter_mut().zip(&m.departures))
            {
                if *yi <= 0.0 && *gi > 0.0 {
                    *gi = 0.0;
                }
                norm += *gi * *gi;
            }
            if norm == 0.0 {
                break; // the plans are a programme meeting every coupling row: L is optimal
            }
            let step = theta * (l - target).max(1e-6 * l.abs().max(1.0)) / norm;
            for (yi, gi) in m
                .seats
                .iter_mut()
                .zip(&g.seats)
                .chain(m.departures.iter_mut().zip(&g.departures))
            {
                *yi = (*yi - step * gi).max(0.0);
            }
            dir = Some(g);
        }
        let (bound, at) = best.expect("one iteration at least");
        Dual {
            bound,
            at,
            iterations: it,
            theta,
        }
    }

    /// Each cadre's best columns by reduced cost under the multipliers of `pr`: up to `rot`
    /// rotations and `plc` placements per period, and their reduced costs.
    pub(super) fn candidates(
        &self,
        pr: &Pricer,
        rot: usize,
        plc: usize,
    ) -> (Vec<OutCol>, Vec<f64>) {
        let n_t = self.n_t;
        let per: Vec<Vec<(OutCol, f64)>> = (0..self.sc.cadres.len() as CadreIx)
            .into_par_iter()
            .map(|c| {
                let mut out = Vec::new();
                for (kind, k) in [(MoveKind::Rotation, rot), (MoveKind::Placement, plc)] {
                    for t in 0..n_t {
                        let mut v: Vec<(f64, u32)> = self
                            .group(c, kind, t)
                            .iter()
                            .map(|&id| (pr.reduced_cost(self.col(id)), id))
                            .collect();
                        // Ties by post (then id), not by where a column was kept.
                        let best = |a: &(f64, u32), b: &(f64, u32)| {
                            b.0.total_cmp(&a.0)
                                .then(self.col(a.1).post.cmp(&self.col(b.1).post))
                                .then(a.1.cmp(&b.1))
                        };
                        if v.len() > k {
                            v.select_nth_unstable_by(k, best);
                            v.truncate(k);
                        }
                        v.sort_by(best);
                        out.extend(v.into_iter().map(|(d, id)| (*self.col(id), d)));
                    }
                }
                out
            })
            .collect();
        per.into_iter().flatten().unzip()
    }

    /// The Lagrangian heuristic at multipliers `m`: the greedy of `programme_greedy` over each
    /// cadre's best columns by reduced cost, in that order. Its columns, sorted by (kind,
    /// cadre, period, post), and their value (scores less the unplaced penalties).
    pub(super) fn heuristic(&self, pr: &mut Pricer, m: &Multipliers) -> (Vec<OutCol>, f64) {
        pr.set_coupling(&m.seats, &m.departures);
        let (cands, keys) = self.candidates(pr, HEURISTIC_ROTATIONS, HEURISTIC_PLACEMENTS);
        let mut chosen: Vec<OutCol> =
            super::programme_greedy::greedy_by(self.sc, self.tl, self.cols, &cands, &keys)
                .into_iter()
                .map(|i| cands[i])
                .collect();
        chosen.sort_by_key(|x| (x.kind == MoveKind::Placement, x.cadre, x.period, x.post));
        let value = value_of(self.sc, self.cols, &chosen);
        (chosen, value)
    }
}

/// Rotations and placements per cadre and period the heuristic looks at, best by reduced cost
/// first (at national size 10/50 gave 259,260, 40/200 430,852 and 100/400 573,966: the greedy
/// needs depth where seats run out).
const HEURISTIC_ROTATIONS: usize = 100;
const HEURISTIC_PLACEMENTS: usize = 400;

/// The value of a programme of columns `chosen` for choosing a start: their scores less the
/// penalty of each running rotation left unplaced (the smoothing's cost aside).
pub fn value_of(sc: &Scenario, cols: &Columns, chosen: &[OutCol]) -> f64 {
    let pen = sc.programme.as_ref().map_or(0.0, |p| p.unplaced_penalty);
    let placed: std::collections::BTreeSet<CadreIx> = chosen
        .iter()
        .filter(|x| x.kind == MoveKind::Placement)
        .map(|x| x.cadre)
        .collect();
    chosen.iter().map(|x| x.score).sum::<f64>()
        - pen
            * cols
                .running
                .iter()
                .filter(|r| !placed.contains(&r.cadre))
                .count() as f64
}

/// What [`run`] found.
pub struct Found {
    /// Every programme over every column is worth at most this.
    pub bound: f64,
    /// The heuristic's best programme (columns sorted as [`Lagrangian::heuristic`]'s) and its
    /// value ([`value_of`]).
    pub start: Vec<OutCol>,
    pub value: f64,
    pub iterations: usize,
    pub seconds: f64,
    /// The multipliers of `bound`, and the step factor the subgradient ended with.
    pub at: Multipliers,
    pub theta: f64,
}

/// Subgradient iterations of [`run`] at most, in two parts (the second toward the heuristic's
/// programme). A fixed count, so that the same input gives the same bound and start; the time
/// budget only cuts it short on a slow machine.
const ITERATIONS: usize = 200;
const FIRST_ITERATIONS: usize = 30;

/// The Lagrangian bound and heuristic for a large plain programme, within about `seconds`
/// (`floor`: the value of a programme already known, the first half's target). `None` when the
/// programme has rows the subproblems do not model.
pub fn run(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    seconds: f64,
    floor: f64,
) -> Option<Found> {
    let started = Instant::now();
    let lag = Lagrangian::new(sc, tl, cols)?;
    let mut pr = Pricer::base(sc, tl, cols);
    let floor = if floor.is_finite() { floor } else { 0.0 };
    tracing::debug!(
        seconds = started.elapsed().as_secs_f64(),
        "programme Lagrangian: columns grouped"
    );
    let half = |spent: f64| ((seconds - spent) / 2.0).max(0.0);
    // A few steps toward `floor`, then the heuristic's programme (better) is the target.
    let d1 = lag.ascend(
        &mut pr,
        None,
        floor,
        half(started.elapsed().as_secs_f64()),
        FIRST_ITERATIONS,
        1.0,
    );
    let (mut start, mut value) = lag.heuristic(&mut pr, &d1.at);
    let spent = started.elapsed().as_secs_f64();
    let d2 = lag.ascend(
        &mut pr,
        Some(d1.at.clone()),
        value.max(floor),
        (seconds - spent).max(0.0) * 0.7,
        ITERATIONS - FIRST_ITERATIONS,
        d1.theta,
    );
    let theta = d2.theta;
    let (bound, at) = if d2.bound < d1.bound {
        (d2.bound, d2.at)
    } else {
        (d1.bound, d1.at)
    };
    if tracing::enabled!(tracing::Level::DEBUG) {
        let (_, plans) = lag.evaluate(&mut pr, &at);
        let mut per = vec![0usize; lag.n_t];
        for p in &plans {
            if let Some(id) = p.rotation {
                per[lag.col(id).period as usize] += 1;
            }
        }
        let g = lag.subgradient(&pr, &plans);
        let over: f64 = g
            .seats
            .iter()
            .chain(&g.departures)
            .map(|x| (-x).max(0.0))
            .sum();
        let mut hper = vec![0usize; lag.n_t];
        for x in &start {
            if x.kind == MoveKind::Rotation {
                hper[x.period as usize] += 1;
            }
        }
        tracing::debug!(
            ?per,
            ?hper,
            over,
            "programme Lagrangian plans: rotations per period, the heuristic's, seats and departures over"
        );
    }
    let (s2, v2) = lag.heuristic(&mut pr, &at);
    if v2 > value {
        (start, value) = (s2, v2);
    }
    Some(Found {
        bound,
        start,
        value,
        iterations: d1.iterations + d2.iterations,
        seconds: started.elapsed().as_secs_f64(),
        at,
        theta,
    })
}

/// L(λ) at the seat multipliers `seats` (post · n_t + t) and departure multipliers `departures`
/// (unit · n_t + t), each ≥ 0: a bound over every programme over every column, whatever they are
/// (the module's comment). `None` as for [`run`], or when a length or sign is wrong.
pub fn bound_at(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    seats: &[f64],
    departures: &[f64],
) -> Option<f64> {
    let lag = Lagrangian::new(sc, tl, cols)?;
    let n_t = tl.periods.len();
    let ok = |v: &[f64], n: usize| v.len() == n * n_t && v.iter().all(|&y| y >= 0.0);
    if !ok(seats, sc.posts.len()) || !ok(departures, sc.units.len()) {
        return None;
    }
    let mut pr = Pricer::base(sc, tl, cols);
    let m = Multipliers {
        seats: seats.to_vec(),
        departures: departures.to_vec(),
    };
    if let Err(e) = lag.check_prices(&mut pr, &m) {
        panic!("the subproblems' pricing is not the model's: {e}");
    }
    Some(lag.evaluate(&mut pr, &m).0)
}

/// The seat and departure multipliers among an LP's row duals (`keys`, `duals`), each at least 0.
pub(super) fn multipliers_of(
    sc: &Scenario,
    n_t: usize,
    keys: &[super::model::RowKey],
    duals: &[f64],
) -> Multipliers {
    use super::model::RowKey;
    use super::programme::ProgrammeRow;
    let mut m = Multipliers {
        seats: vec![0.0; sc.posts.len() * n_t],
        departures: vec![0.0; sc.units.len() * n_t],
    };
    for (k, &y) in keys.iter().zip(duals) {
        match k {
            RowKey::Programme(ProgrammeRow::Seats(p, t)) => {
                m.seats[*p as usize * n_t + *t as usize] = y.max(0.0)
            }
            RowKey::Programme(ProgrammeRow::Departures(u, t)) => {
                m.departures[*u as usize * n_t + *t as usize] = y.max(0.0)
            }
            _ => {}
        }
    }
    m
}

/// The Lagrangian again, from the best of the multipliers `from` (the first part's best and the
/// column generation's last LP duals), toward `target` (the best programme known), within about
/// `seconds`: the least L seen and the iterations (`None` as for [`run`]).
pub(super) fn refine(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    from: Vec<Multipliers>,
    target: f64,
    seconds: f64,
    theta: f64,
) -> Option<(f64, usize)> {
    let started = Instant::now();
    let lag = Lagrangian::new(sc, tl, cols)?;
    let mut pr = Pricer::base(sc, tl, cols);
    let mut best: Option<(f64, Multipliers)> = None;
    for m in from {
        let l = lag.evaluate(&mut pr, &m).0;
        tracing::debug!(l, "programme Lagrangian: a start");
        if best.as_ref().is_none_or(|b| l < b.0) {
            best = Some((l, m));
        }
    }
    let (l0, m) = best?;
    let left = (seconds - started.elapsed().as_secs_f64()).max(0.0);
    let d = lag.ascend(&mut pr, Some(m), target, left, REFINE_ITERATIONS, theta);
    Some((d.bound.min(l0), d.iterations))
}

/// Subgradient iterations of [`refine`] at most.
const REFINE_ITERATIONS: usize = 100;
