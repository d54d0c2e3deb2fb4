//! A proximal bundle method for the Lagrangian dual of a large programme (issue 14, the national
//! bound), after the subgradient of `programme_lagrange`.
//!
//! At national size the subgradient stalls where it starts (from the blocks' multipliers at
//! 1,289,245, from λ = 0 at 1,335,296: performance.md), so its least L says little about the LP.
//! A bundle method keeps a model of L below it and steps to the minimiser of the model plus a
//! proximal term ‖λ − c‖²/(2t) around its centre c. The centre moves only when L falls by a share
//! of what the model predicted (a serious step); otherwise the point's cuts enrich the model (a
//! null step). Every point is evaluated exactly, so every L(λ) seen is a bound; the least is
//! reported.
//!
//! The model is disaggregated: L(λ) = const + λ·b + Σ_c max over c's plans of (v_p − a_p·λ), so
//! each plan p of cadre c seen at any point (its scores and penalties v_p, its coupling rows a_p)
//! is a cut of c's own part, kept per cadre (`CUTS_PER_CADRE`). One aggregated model of L's cuts
//! lowered the national bound by 9 a second; this one by thousands a minute (performance.md,
//! part O). The step's problem, min over λ in D of the model plus the proximal term, is solved in
//! its dual: weights θ on each cadre's simplex, maximising
//!
//! ```text
//! φ(θ) = const + Σ θ_p v_p + λ(θ)·s(θ) + ‖λ(θ) − c‖²/(2t),  s(θ) = b − Σ θ_p a_p,  λ(θ) = P_D(c − t·s(θ))
//! ```
//!
//! (for fixed θ the minimiser over D of a linear term plus the proximal one is a projection onto
//! D), concave and smooth with ∂φ/∂θ_p = v_p − a_p·λ(θ), by accelerated projected gradient from
//! the previous step's θ. The projection onto D (each multiplier ≥ 0, the smoothing's above +
//! below of a period at most its cap) is `Layout::project` (the same `onto_cap` as the
//! subgradient's). The last θ, a convex combination of each cadre's plans, is a primal estimate.
//!
//! Sums over the coordinates are taken in fixed chunks, added in order: the same input gives
//! the same steps whatever the thread count.

use super::programme_lagrange::{Coupling, FamilyKey, Lagrangian, Multipliers, Plan, family_b};
use super::programme_pricing::Pricer;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::time::Instant;

/// Cuts kept per cadre at most; beyond, its least used cut goes (an unused one first).
const CUTS_PER_CADRE: usize = 8;
/// A serious step lowers L by at least this share of the predicted decrease.
const SERIOUS: f64 = 0.1;
/// The step's dual iterations at most.
const QP_ITERATIONS: usize = 20;
/// Steps over which a centre that has not moved ends the method.
const STALL: usize = 50;
/// Coordinates per chunk of the sums (fixed: the sums' order does not depend on the threads).
const CHUNK: usize = 8_192;

/// What the bundle found.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// The least L(λ) evaluated, and its λ.
    pub bound: f64,
    pub at: Multipliers,
    pub iterations: usize,
    pub serious: usize,
    /// The last predicted decrease (about 0 near the dual's optimum, the step's problem solved).
    pub predicted: f64,
    /// The last step's weights on the plans, by column: per cadre, each column id with the
    /// weight of the plans holding it (a primal estimate).
    pub weights: Vec<Vec<(u32, f64)>>,
}

/// Multipliers as one vector: the dense coordinates (seats, departures, above, below) and the
/// H10 rows seen so far, in the order they were first seen. A vector shorter than the layout
/// is 0 beyond its end.
struct Layout {
    dense: usize,
    /// Where `above` starts, and the number of periods.
    above: usize,
    n_t: usize,
    keys: Vec<FamilyKey>,
    index: BTreeMap<FamilyKey, usize>,
}

impl Layout {
    fn new(m: &Multipliers) -> Self {
        let n_t = m.above.len();
        let above = m.seats.len() + m.departures.len();
        Layout {
            dense: above + 2 * n_t,
            above,
            n_t,
            keys: Vec::new(),
            index: BTreeMap::new(),
        }
    }

    fn len(&self) -> usize {
        self.dense + self.keys.len()
    }

    /// The index of H10 row `k`, learnt if new.
    fn learn(&mut self, k: FamilyKey) -> usize {
        let next = self.keys.len();
        let i = *self.index.entry(k).or_insert(next);
        if i == next {
            self.keys.push(k);
        }
        i
    }

    fn flat(&mut self, m: &Multipliers) -> Vec<f64> {
        let mut v: Vec<f64> = m
            .seats
            .iter()
            .chain(&m.departures)
            .chain(&m.above)
            .chain(&m.below)
            .copied()
            .collect();
        for (k, &y) in &m.family {
            let at = self.dense + self.learn(*k);
            if v.len() <= at {
                v.resize(at + 1, 0.0);
            }
            v[at] = y;
        }
        v.resize(self.len(), 0.0);
        v
    }

    fn multipliers(&self, v: &[f64], like: &Multipliers) -> Multipliers {
        let (s, d) = (like.seats.len(), like.departures.len());
        Multipliers {
            seats: v[..s].to_vec(),
            departures: v[s..s + d].to_vec(),
            above: v[self.above..self.above + self.n_t].to_vec(),
            below: v[self.above + self.n_t..self.dense].to_vec(),
            family: self
                .keys
                .iter()
                .enumerate()
                .filter_map(|(i, k)| {
                    v.get(self.dense + i)
                        .filter(|y| **y > 0.0)
                        .map(|y| (*k, *y))
                })
                .collect(),
        }
    }

    /// `v` projected onto D (`cap`: the smoothing's, `Lagrangian::smoothing_cap`).
    fn project(&self, v: &mut [f64], cap: f64) {
        for y in v.iter_mut() {
            *y = y.max(0.0);
        }
        for t in 0..self.n_t {
            let (a, b) = super::programme_lagrange::onto_cap(
                v[self.above + t],
                v[self.above + self.n_t + t],
                cap,
            );
            v[self.above + t] = a;
            v[self.above + self.n_t + t] = b;
        }
    }
}

/// Σ f(a_i, b_i) over the common length, in fixed chunks added in order (the same sum whatever
/// the thread count).
fn chunked_sum(a: &[f64], b: &[f64], f: impl Fn(f64, f64) -> f64 + Sync) -> f64 {
    let n = a.len().min(b.len());
    let parts: Vec<f64> = a[..n]
        .par_chunks(CHUNK)
        .zip(b[..n].par_chunks(CHUNK))
        .map(|(x, y)| x.iter().zip(y).map(|(p, q)| f(*p, *q)).sum())
        .collect();
    parts.iter().sum()
}

/// Σ a_i b_i ([`chunked_sum`]).
fn dot(a: &[f64], b: &[f64]) -> f64 {
    chunked_sum(a, b, |p, q| p * q)
}

/// Σ (a_i − b_i)² ([`chunked_sum`]).
fn sq_dist(a: &[f64], b: &[f64]) -> f64 {
    chunked_sum(a, b, |p, q| (p - q) * (p - q))
}

/// The smoothing's price of a rotation by period at `lam` (its above rows from `above`, `n`
/// periods): g_u = Σ_t (n·[t = u] − 1)·(λ above_t − λ below_t), the rotation's coefficients on
/// those rows times their multipliers.
fn prices(lam: &[f64], above: usize, n: usize) -> Vec<f64> {
    let d: Vec<f64> = (0..n)
        .map(|t| lam[above + t] - lam[above + n + t])
        .collect();
    let sum: f64 = d.iter().sum();
    d.iter().map(|x| n as f64 * x - sum).collect()
}

/// The Euclidean projection of `x` onto the unit simplex.
fn onto_simplex(x: &mut [f64]) {
    let mut s: Vec<f64> = x.to_vec();
    s.sort_by(|a, b| b.total_cmp(a));
    let mut acc = 0.0;
    let mut tau = 0.0;
    for (i, &v) in s.iter().enumerate() {
        acc += v;
        let t = (acc - 1.0) / (i + 1) as f64;
        if v - t > 0.0 {
            tau = t;
        }
    }
    for v in x.iter_mut() {
        *v = (*v - tau).max(0.0);
    }
}

/// Cuts from another method's steps (the subgradient's), the bundle's first model: each
/// cadre's newest distinct plans, `CUTS_PER_CADRE` at most. Every plan found at any λ is a cut
/// of its cadre's part of L, so the steps before the bundle spare it the null steps that would
/// find them again (about a hundred at national size).
pub(super) struct Seeds {
    lay: Layout,
    per: Vec<Vec<Cut>>,
}

impl Seeds {
    pub(super) fn new(like: &Multipliers, cadres: usize) -> Self {
        Seeds {
            lay: Layout::new(like),
            per: vec![Vec::new(); cadres],
        }
    }

    /// The plans found at `m` (the plans of a step over a working set too: each is a plan).
    pub(super) fn add(&mut self, lag: &Lagrangian, pr: &Pricer, m: &Multipliers, plans: &[Plan]) {
        lag.learn(pr, &mut self.lay, plans);
        let lam = self.lay.flat(m);
        let lay = &self.lay;
        self.per.par_iter_mut().zip(plans).for_each(|(mine, p)| {
            if mine.iter().any(|x| same_plan(&x.plan, p)) {
                return;
            }
            if mine.len() >= CUTS_PER_CADRE {
                mine.remove(0);
            }
            mine.push(lag.cut(pr, lay, p, &lam));
        });
    }
}

/// A cut of one cadre's part of L: the plan's value v − a·λ, linear in λ (v the plan's scores
/// and penalties, a its coupling rows, flat). The smoothing's rows are kept apart as the
/// rotations per period (`rot`): a rotation in period u has the coefficient n_t·[t = u] − 1 on
/// every period's above row (the opposite on below), so 2·n_t entries a rotation shrink to one
/// and their price is [`Model::prices`]' g_u.
#[derive(Debug, Clone)]
struct Cut {
    plan: Plan,
    v: f64,
    rows: Vec<(u32, f64)>,
    rot: Vec<(u32, f64)>,
}

impl Cut {
    /// The cut at `lam`, `g` the smoothing's price of a rotation by period there.
    fn at(&self, lam: &[f64], g: &[f64]) -> f64 {
        self.v
            - self
                .rows
                .iter()
                .map(|&(r, a)| a * lam[r as usize])
                .sum::<f64>()
            - self
                .rot
                .iter()
                .map(|&(u, a)| a * g[u as usize])
                .sum::<f64>()
    }
}

/// The model of L: each cadre's cuts (the plans seen), and the weights of the last step.
struct Model {
    b: Vec<f64>,
    constant: f64,
    /// Cadre c's cuts are `cuts[starts[c]..starts[c + 1]]`, weights in `theta` alike.
    cuts: Vec<Cut>,
    starts: Vec<usize>,
    theta: Vec<f64>,
    /// [`Model::index`]: row r's cuts are `by_row[row_starts[r]..row_starts[r + 1]]`.
    row_starts: Vec<usize>,
    by_row: Vec<(u32, f64)>,
    /// Each cut's v, in cut order ([`Model::index`]).
    vs: Vec<f64>,
    /// Where the smoothing's above rows start, and the number of periods (`Layout`'s).
    above: usize,
    n_t: usize,
}

/// The step's dual at θ: φ, its gradient, λ(θ) and s(θ).
struct Point {
    phi: f64,
    grad: Vec<f64>,
    lam: Vec<f64>,
    s: Vec<f64>,
}

impl Model {
    fn prices(&self, lam: &[f64]) -> Vec<f64> {
        prices(lam, self.above, self.n_t)
    }

    /// const + λ·b + Σ_c max over c's cuts.
    fn value(&self, lam: &[f64]) -> f64 {
        let g = self.prices(lam);
        let per: Vec<f64> = self
            .starts
            .par_windows(2)
            .map(|w| {
                self.cuts[w[0]..w[1]]
                    .iter()
                    .map(|x| x.at(lam, &g))
                    .fold(f64::NEG_INFINITY, f64::max)
            })
            .collect();
        self.constant + dot(lam, &self.b) + per.iter().sum::<f64>()
    }

    /// The cuts by row (each row's (cut, a) in cut order), for the sums over a row.
    fn index(&mut self, rows: usize) {
        let mut count = vec![0usize; rows + 1];
        for x in &self.cuts {
            for &(r, _) in &x.rows {
                count[r as usize + 1] += 1;
            }
        }
        for r in 0..rows {
            count[r + 1] += count[r];
        }
        let mut at = count.clone();
        let mut by_row = vec![(0u32, 0.0f64); count[rows]];
        for (k, x) in self.cuts.iter().enumerate() {
            for &(r, a) in &x.rows {
                by_row[at[r as usize]] = (k as u32, a);
                at[r as usize] += 1;
            }
        }
        (self.row_starts, self.by_row) = (count, by_row);
        self.vs = self.cuts.iter().map(|x| x.v).collect();
    }

    /// s(θ) = b − Σ θ_p a_p: row by row over the index, the smoothing's rows from the
    /// rotations per period.
    fn s_of(&self, theta: &[f64]) -> Vec<f64> {
        let mut s = self.b.clone();
        s.par_chunks_mut(CHUNK).enumerate().for_each(|(k, part)| {
            for (i, v) in part.iter_mut().enumerate() {
                let r = k * CHUNK + i;
                let (a, b) = (self.row_starts[r], self.row_starts[r + 1]);
                for &(x, w) in &self.by_row[a..b] {
                    *v -= theta[x as usize] * w;
                }
            }
        });
        let n = self.n_t;
        if n > 0 {
            let parts: Vec<Vec<f64>> = self
                .cuts
                .par_chunks(CHUNK)
                .zip(theta.par_chunks(CHUNK))
                .map(|(xs, ws)| {
                    let mut p = vec![0.0; n];
                    for (x, w) in xs.iter().zip(ws) {
                        for &(u, a) in &x.rot {
                            p[u as usize] += w * a;
                        }
                    }
                    p
                })
                .collect();
            let mut p = vec![0.0; n];
            for q in parts {
                for (x, y) in p.iter_mut().zip(q) {
                    *x += y;
                }
            }
            let total: f64 = p.iter().sum();
            for (t, pt) in p.iter().enumerate() {
                let k = n as f64 * pt - total;
                s[self.above + t] -= k;
                s[self.above + n + t] += k;
            }
        }
        s
    }

    /// φ at θ and λ(θ) = P_D(c − t·s), `s` = s(θ); with `grad` its gradient (else empty).
    #[allow(clippy::too_many_arguments)]
    fn at(
        &self,
        lay: &Layout,
        c: &[f64],
        t: f64,
        cap: f64,
        theta: &[f64],
        s: Vec<f64>,
        grad: bool,
    ) -> Point {
        let mut lam: Vec<f64> = c.par_iter().zip(&s).map(|(ci, si)| ci - t * si).collect();
        lay.project(&mut lam, cap);
        let grad: Vec<f64> = if grad {
            let g = self.prices(&lam);
            self.cuts.par_iter().map(|x| x.at(&lam, &g)).collect()
        } else {
            Vec::new()
        };
        let phi =
            self.constant + dot(theta, &self.vs) + dot(&lam, &s) + sq_dist(&lam, c) / (2.0 * t);
        Point { phi, grad, lam, s }
    }

    /// Every cut of cadre c at most c's best plan's value at `lam` (`plans`, found there): each
    /// cut, made at another λ, is a plan's value as a function of λ, so a cut above the best
    /// plan has a coefficient that is not the pricing's.
    fn check(&self, lam: &[f64], plans: &[Plan]) -> Result<(), String> {
        let g = self.prices(lam);
        for (c, w) in self.starts.windows(2).enumerate() {
            let best = plans[c].value;
            for x in &self.cuts[w[0]..w[1]] {
                let v = x.at(lam, &g);
                if v > best + 1e-7 * (1.0 + best.abs()) {
                    return Err(format!(
                        "cadre {c}: a cut worth {v} above its best plan {best}"
                    ));
                }
            }
        }
        Ok(())
    }

    /// θ projected onto each cadre's simplex.
    fn onto_simplices(&self, theta: &mut [f64]) {
        let mut parts: Vec<&mut [f64]> = Vec::with_capacity(self.starts.len());
        let mut rest = theta;
        for w in self.starts.windows(2) {
            let (mine, after) = rest.split_at_mut(w[1] - w[0]);
            parts.push(mine);
            rest = after;
        }
        parts.into_par_iter().for_each(onto_simplex);
    }

    /// The step: λ(θ) at the dual's best θ found from the last θ (FISTA with backtracking), and
    /// φ there; `lip` the curvature estimate, carried from step to step.
    fn step(
        &mut self,
        lay: &Layout,
        c: &[f64],
        t: f64,
        cap: f64,
        lip: &mut f64,
    ) -> (Vec<f64>, f64) {
        let mut x = self.theta.clone();
        self.onto_simplices(&mut x);
        // s(θ) is affine in θ: s at the extrapolated y is the same combination of s at the two
        // last iterates, one product with the cuts an iteration spared.
        let mut best = self.at(lay, c, t, cap, &x, self.s_of(&x), false);
        let mut sx = best.s.clone();
        let mut y = x.clone();
        let mut sy = sx.clone();
        let mut s = 1.0f64;
        // The curvature estimate may shrink a little from step to step (it only doubles within).
        *lip = (*lip * 0.8).max(1e-12);
        let mut best_theta = x.clone();
        for _ in 0..QP_ITERATIONS {
            let py = self.at(lay, c, t, cap, &y, sy, true);
            let (next, pn) = loop {
                let mut z: Vec<f64> = y
                    .par_iter()
                    .zip(&py.grad)
                    .map(|(a, d)| a + d / *lip)
                    .collect();
                self.onto_simplices(&mut z);
                let pz = self.at(lay, c, t, cap, &z, self.s_of(&z), false);
                let step: Vec<f64> = z.par_iter().zip(&y).map(|(a, b)| a - b).collect();
                let lin = py.phi + dot(&py.grad, &step);
                let sq = dot(&step, &step);
                if pz.phi >= lin - *lip / 2.0 * sq - 1e-12 * lin.abs() || *lip > 1e30 {
                    break (z, pz);
                }
                *lip *= 2.0;
            };
            let s_next = (1.0 + (1.0 + 4.0 * s * s).sqrt()) / 2.0;
            let beta = (s - 1.0) / s_next;
            y = next
                .par_iter()
                .zip(&x)
                .map(|(a, b)| a + beta * (a - b))
                .collect();
            sy =
                pn.s.par_iter()
                    .zip(&sx)
                    .map(|(a, b)| a + beta * (a - b))
                    .collect();
            s = s_next;
            x = next;
            sx = pn.s.clone();
            if pn.phi > best.phi {
                best = pn;
                best_theta = x.clone();
            }
        }
        self.theta = best_theta;
        (best.lam, best.phi)
    }

    /// Each cadre's plan at λ as a cut, when new; beyond `CUTS_PER_CADRE` a cadre's least used
    /// cut goes, whose weight the others share (θ stays on the simplex: it is the next step's
    /// start). Merging the two least used instead, the merged cuts gathered
    /// the rows of every plan merged and the steps slowed with them: at national size 348 steps
    /// in the bundle's time reached 1,272,484, dropping 561 steps reached 1,270,182.
    fn add(&mut self, new: Vec<Cut>) {
        let mut cuts = Vec::with_capacity(self.cuts.len() + new.len());
        let mut theta = Vec::with_capacity(cuts.capacity());
        let mut starts = vec![0];
        let mut old = std::mem::take(&mut self.cuts).into_iter();
        for (c, n) in new.into_iter().enumerate() {
            let (a, b) = (self.starts[c], self.starts[c + 1]);
            let mut mine: Vec<(Cut, f64)> = old
                .by_ref()
                .take(b - a)
                .zip(self.theta[a..b].iter().copied())
                .collect();
            if mine.iter().all(|(x, _)| !same_plan(&x.plan, &n.plan)) {
                if mine.len() >= CUTS_PER_CADRE {
                    // The least used (an unused one first), the oldest of equals.
                    let i = (0..mine.len())
                        .min_by(|&i, &j| mine[i].1.total_cmp(&mine[j].1).then(i.cmp(&j)))
                        .unwrap_or(0);
                    let (_, w) = mine.remove(i);
                    let rest: f64 = mine.iter().map(|e| e.1).sum();
                    let k = mine.len().max(1) as f64;
                    for e in &mut mine {
                        e.1 += if rest > 0.0 { w * e.1 / rest } else { w / k };
                    }
                }
                mine.push((n, 0.0));
            }
            for (x, w) in mine {
                cuts.push(x);
                theta.push(w);
            }
            starts.push(cuts.len());
        }
        (self.cuts, self.theta, self.starts) = (cuts, theta, starts);
    }
}

/// Whether two plans have the same columns.
fn same_plan(a: &Plan, b: &Plan) -> bool {
    (a.rotation, a.after, a.running) == (b.rotation, b.after, b.running)
}

/// `rows` by row, each row once with the sum of its coefficients.
fn summed(rows: &mut Vec<(u32, f64)>) {
    rows.sort_by_key(|e| e.0);
    rows.dedup_by(|e, f| {
        if e.0 == f.0 {
            f.1 += e.1;
            true
        } else {
            false
        }
    });
}

impl Lagrangian<'_> {
    /// Cadre `plan`'s cut, the plan found at flat multipliers `lam`.
    fn cut(&self, pr: &Pricer, lay: &Layout, plan: &Plan, lam: &[f64]) -> Cut {
        let n_t = self.n_t();
        let cap = self.smoothing_cap();
        let seats = self.sides().0.len();
        let mut rows: Vec<(u32, f64)> = Vec::new();
        let mut rot: Vec<(u32, f64)> = Vec::new();
        for id in plan.columns() {
            self.coupling(pr, self.col(id), |row, a| match row {
                Coupling::Seat(i) => rows.push((i as u32, a)),
                Coupling::Departure(i) => rows.push(((seats + i) as u32, a)),
                // Above_t: n_t·T_t − total ≤ dev, Below_t: total − n_t·T_t ≤ dev (`prices`).
                Coupling::Rotation(u) if cap > 0.0 => rot.push((u as u32, a)),
                Coupling::Rotation(_) => {}
                Coupling::Family(k) => rows.push(((lay.dense + lay.index[&k]) as u32, a)),
            });
        }
        summed(&mut rows);
        rows.retain(|e| e.1 != 0.0);
        summed(&mut rot);
        rot.retain(|e| e.1 != 0.0);
        // v such that the cut is the plan's value at `lam`: v − a·λ = plan.value.
        let mut x = Cut {
            plan: *plan,
            v: 0.0,
            rows,
            rot,
        };
        x.v = plan.value - x.at(lam, &prices(lam, lay.above, n_t));
        x
    }

    /// The H10 rows `plans` meet, learnt by `lay`.
    fn learn(&self, pr: &Pricer, lay: &mut Layout, plans: &[Plan]) {
        for p in plans {
            for id in p.columns() {
                self.coupling(pr, self.col(id), |row, _| {
                    if let Coupling::Family(k) = row {
                        lay.learn(k);
                    }
                });
            }
        }
    }

    /// L at flat `lam` and each cadre's plan there as a cut; the layout learns the H10 rows
    /// the plans meet.
    fn evaluate_flat(
        &self,
        pr: &mut Pricer,
        lay: &mut Layout,
        lam: &mut Vec<f64>,
        like: &Multipliers,
    ) -> (f64, Multipliers, Vec<Cut>) {
        let m = lay.multipliers(lam, like);
        let (f, plans) = self.evaluate(pr, &m);
        self.learn(pr, lay, &plans);
        lam.resize(lay.len(), 0.0);
        let cuts = plans
            .par_iter()
            .map(|p| self.cut(pr, lay, p, lam))
            .collect();
        (f, m, cuts)
    }

    /// The bundle method from `from` for at most `iterations` steps or `seconds`, `target` a
    /// programme's value (the scale of its first steps).
    pub(super) fn bundle(
        &self,
        pr: &mut Pricer,
        (from, seeds): (Multipliers, Option<Seeds>),
        target: f64,
        limits: (f64, usize),
    ) -> Found {
        self.bundle_checked(pr, (from, seeds), target, limits, false)
            .expect("unchecked")
    }

    /// [`Lagrangian::bundle`], and with `check`, each cadre's cuts checked against its best plan
    /// at every point evaluated (`Model::check`).
    pub(super) fn bundle_checked(
        &self,
        pr: &mut Pricer,
        (from, seeds): (Multipliers, Option<Seeds>),
        target: f64,
        limits: (f64, usize),
        check: bool,
    ) -> Result<Found, String> {
        let (seconds, iterations) = limits;
        let started = Instant::now();
        let cap = self.smoothing_cap();
        let (mut lay, mut seeded) = match seeds {
            Some(s) => (s.lay, s.per),
            None => (Layout::new(&from), Vec::new()),
        };
        let mut c = lay.flat(&from);
        // A bound only at a point of D.
        lay.project(&mut c, cap);
        let (f0, m0, cuts) = self.evaluate_flat(pr, &mut lay, &mut c, &from);
        // Each cadre's seeds, then its plan at the start (all the weight).
        seeded.resize(cuts.len(), Vec::new());
        let mut model = Model {
            b: Vec::new(),
            constant: self.sides().2,
            starts: vec![0],
            theta: Vec::new(),
            cuts: Vec::new(),
            row_starts: Vec::new(),
            by_row: Vec::new(),
            vs: Vec::new(),
            above: lay.above,
            n_t: lay.n_t,
        };
        for (x, mine) in cuts.into_iter().zip(seeded) {
            // The newest seeds, room left for the plan at the start.
            let skip = mine.len().saturating_sub(CUTS_PER_CADRE - 1);
            for y in mine
                .into_iter()
                .skip(skip)
                .filter(|y| !same_plan(&y.plan, &x.plan))
            {
                model.cuts.push(y);
                model.theta.push(0.0);
            }
            model.cuts.push(x);
            model.theta.push(1.0);
            model.starts.push(model.cuts.len());
        }
        self.sides_into(&lay, &mut model.b);
        model.index(lay.len());
        let mut fc = f0;
        let mut found = Found {
            bound: f0,
            at: m0,
            iterations: 0,
            serious: 0,
            predicted: f64::INFINITY,
            weights: Vec::new(),
        };
        // The proximal term's weight: the gap to the target per cadre, an eighth of it (at
        // national size about 1; steps from Polyak's rule, 2·10⁻⁴, did not grow in 250 steps).
        let cadres = (model.starts.len() - 1).max(1) as f64;
        let gap_per_cadre = (f0 - target).max(1e-6 * f0.abs().max(1.0)) / cadres;
        let t_first = gap_per_cadre / 8.0;
        let mut t = t_first;
        let mut lip = 1.0;
        let mut in_a_row = 0;
        let mut times = [0.0f64; 3];
        let mut stalled = f64::INFINITY;
        while found.iterations < iterations && started.elapsed().as_secs_f64() < seconds {
            found.iterations += 1;
            let t0 = Instant::now();
            let (mut lam, phi) = model.step(&lay, &c, t, cap, &mut lip);
            let at_lam = model.value(&lam);
            let predicted = fc - at_lam;
            times[0] += t0.elapsed().as_secs_f64();
            found.predicted = predicted;
            // Done when the model predicts (almost) nothing and the step's problem was solved:
            // its value at λ less its dual's φ (≥ 0) small too. The dual's iterations are few,
            // so a small or negative prediction alone may only be an unsolved step.
            let tol = 1e-7 * fc.abs().max(1.0);
            let sq: f64 = lam.iter().zip(&c).map(|(x, y)| (x - y) * (x - y)).sum();
            if (0.0..=tol).contains(&predicted) && at_lam + sq / (2.0 * t) - phi <= tol {
                break;
            }
            // Or when the centre has stalled: less than 10⁻⁵ of L in the last `STALL` steps (the
            // test programme's 159,109 → 158,713 took 190 steps, the next 150 gained 1).
            if found.iterations.is_multiple_of(STALL) {
                if stalled - fc < 1e-5 * fc.abs().max(1.0) {
                    break;
                }
                stalled = fc;
            }
            let t0 = Instant::now();
            let (f, m, cuts) = self.evaluate_flat(pr, &mut lay, &mut lam, &from);
            times[1] += t0.elapsed().as_secs_f64();
            c.resize(lay.len(), 0.0);
            self.sides_into(&lay, &mut model.b);
            if check {
                let plans: Vec<Plan> = cuts.iter().map(|x| x.plan).collect();
                model.check(&lam, &plans)?;
            }
            if f < found.bound {
                found.bound = f;
                found.at = m;
            }
            let t0 = Instant::now();
            model.add(cuts);
            model.index(lay.len());
            if check {
                // With each cadre's plan at λ among its cuts the model is L there: the sides b
                // and the constant are the pricing's.
                let v = model.value(&lam);
                if (v - f).abs() > 1e-7 * (1.0 + f.abs()) {
                    return Err(format!(
                        "the model {v} is not L = {f} where it was evaluated"
                    ));
                }
            }
            times[2] += t0.elapsed().as_secs_f64();
            if f <= fc - SERIOUS * predicted {
                found.serious += 1;
                in_a_row += 1;
                // Kiwiel's interpolation: the model held well, longer steps (ρ = 0.9: five
                // times); several serious steps in a row, twice as long.
                let rho = (fc - f) / predicted;
                let mut grow = if rho >= 0.5 {
                    0.5 / (1.0 - rho).max(0.05)
                } else {
                    1.0
                };
                if in_a_row >= 4 {
                    grow = grow.max(2.0);
                    in_a_row = 0;
                }
                t = (t * grow.min(10.0)).min(t_first * 1e6);
                c = lam;
                fc = f;
            } else {
                in_a_row = 0;
                // Far above the centre: the step went well beyond where the model holds.
                if f > fc + predicted {
                    t = (t / 2.0).max(t_first * 1e-4);
                }
            }
            if found.iterations % 10 == 1 {
                tracing::debug!(
                    it = found.iterations,
                    l = f,
                    centre = fc,
                    predicted,
                    t,
                    cuts = model.cuts.len(),
                    serious = found.serious,
                    lip,
                    seconds = started.elapsed().as_secs_f64(),
                    ?times,
                    "programme bundle: step, evaluation, cuts"
                );
            }
        }
        found.weights = model
            .starts
            .windows(2)
            .map(|w| {
                let mut v: Vec<(u32, f64)> = Vec::new();
                for (x, &th) in model.cuts[w[0]..w[1]].iter().zip(&model.theta[w[0]..w[1]]) {
                    if th <= 1e-9 {
                        continue;
                    }
                    for id in x.plan.columns() {
                        match v.iter_mut().find(|e| e.0 == id) {
                            Some(e) => e.1 += th,
                            None => v.push((id, th)),
                        }
                    }
                }
                v.sort_by_key(|e| e.0);
                v
            })
            .collect();
        Ok(found)
    }

    /// The flat right-hand sides b of `lay`'s rows into `b`.
    fn sides_into(&self, lay: &Layout, b: &mut Vec<f64>) {
        let (seats, departures, _) = self.sides();
        b.clear();
        b.extend_from_slice(seats);
        b.resize(lay.above, departures);
        b.resize(lay.dense, 0.0);
        b.extend(lay.keys.iter().map(|&k| family_b(k)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_simplex_projection_is_the_nearest_point() {
        let mut x = vec![0.5, 0.5, 0.5];
        onto_simplex(&mut x);
        assert!(x.iter().all(|v| (v - 1.0 / 3.0).abs() < 1e-12));
        let mut x = vec![2.0, -1.0, 0.0];
        onto_simplex(&mut x);
        assert_eq!(x, vec![1.0, 0.0, 0.0]);
        let mut x = vec![0.3, 0.2, 0.1];
        onto_simplex(&mut x);
        let s: f64 = x.iter().sum();
        assert!((s - 1.0).abs() < 1e-12 && x.iter().all(|v| *v >= 0.0));
        assert!((x[0] - x[1] - 0.1).abs() < 1e-12 && (x[1] - x[2] - 0.1).abs() < 1e-12);
    }

    /// One cadre's cuts beyond the cap: the least used goes (an unused one, or the last and
    /// lightest); the cap holds, θ stays on the simplex with the kept cuts' weights in
    /// proportion, and the newest plan is always kept.
    #[test]
    fn a_cadres_cuts_beyond_the_cap_drop_the_least_used() {
        let cut = |i: u32| Cut {
            plan: Plan {
                rotation: Some(i),
                ..Plan::default()
            },
            v: 10.0 + (i % 7) as f64,
            rows: vec![(i % 3, 1.0 + (i % 4) as f64), (3, -1.0)],
            rot: vec![(i % 2, 1.0)],
        };
        let mut m = model(vec![0.0; 8], vec![cut(0)], vec![0, 1], vec![1.0], (4, 2));
        let (mut least_seen, mut unused_seen) = (false, false);
        for i in 1..40u32 {
            let n = m.cuts.len();
            // Distinct weights (the last the least), or the second one unused, by turns.
            let total = (n * (n + 1) / 2) as f64;
            m.theta = (0..n).map(|k| (n - k) as f64 / total).collect();
            let unused = i % 2 == 0 && n > 2;
            if unused {
                m.theta[0] += m.theta[1];
                m.theta[1] = 0.0;
            }
            let before: Vec<(Option<u32>, f64)> = m
                .cuts
                .iter()
                .map(|x| x.plan.rotation)
                .zip(m.theta.iter().copied())
                .collect();
            m.add(vec![cut(i)]);
            assert!(m.cuts.len() <= CUTS_PER_CADRE);
            assert_eq!(m.starts, vec![0, m.cuts.len()]);
            assert_eq!(
                m.cuts.last().unwrap().plan.rotation,
                Some(i),
                "the newest plan kept"
            );
            assert!((m.theta.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            if n == CUTS_PER_CADRE {
                let gone: Vec<&(Option<u32>, f64)> = before
                    .iter()
                    .filter(|(r, _)| m.cuts.iter().all(|x| x.plan.rotation != *r))
                    .collect();
                assert_eq!(gone.len(), 1);
                let least = before.iter().map(|e| e.1).fold(f64::MAX, f64::min);
                assert_eq!(gone[0].1, least, "the least used goes");
                if unused {
                    unused_seen = true;
                    assert_eq!(gone[0].0, before[1].0);
                } else {
                    least_seen = true;
                    assert_eq!(gone[0].0, before[n - 1].0);
                }
                // The kept cuts' weights in proportion, the new plan's 0.
                let kept: Vec<f64> = before
                    .iter()
                    .filter(|e| e.0 != gone[0].0)
                    .map(|e| e.1)
                    .collect();
                let ratio = m.theta[0] / kept[0];
                for (w, k) in m.theta.iter().zip(&kept) {
                    assert!((w - ratio * k).abs() < 1e-12);
                }
                assert_eq!(*m.theta.last().unwrap(), 0.0);
            }
        }
        assert!(least_seen && unused_seen);
    }

    /// A model of `cuts` (no constant, not indexed), its smoothing rows `(above, n_t)`.
    fn model(
        b: Vec<f64>,
        cuts: Vec<Cut>,
        starts: Vec<usize>,
        theta: Vec<f64>,
        (above, n_t): (usize, usize),
    ) -> Model {
        Model {
            b,
            constant: 0.0,
            cuts,
            starts,
            theta,
            row_starts: Vec::new(),
            by_row: Vec::new(),
            vs: Vec::new(),
            above,
            n_t,
        }
    }

    /// Numbers in [0, 1) from `seed` (a linear congruential generator: the tests' data, fixed).
    fn uniform(mut seed: u64) -> impl FnMut() -> f64 {
        move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64
        }
    }

    /// The smoothing's rows kept as rotations per period give the same s(θ) and the same cut
    /// values as the 2·n_t explicit entries a rotation they stand for.
    #[test]
    fn the_smoothing_by_period_equals_its_explicit_rows() {
        let (above, n_t) = (5usize, 3usize);
        let rows = above + 2 * n_t;
        let mut rnd = uniform(7);
        let cuts: Vec<Cut> = (0..20u32)
            .map(|i| Cut {
                plan: Plan::default(),
                v: 10.0 * rnd(),
                rows: vec![(i % 5, rnd()), ((i + 2) % 5, rnd())],
                rot: if i % 4 == 0 {
                    Vec::new()
                } else {
                    vec![(i % 3, rnd()), ((i + 1) % 3, 0.5 * rnd())]
                },
            })
            .collect();
        let explicit = |x: &Cut| -> Vec<(usize, f64)> {
            let mut e: Vec<(usize, f64)> = x.rows.iter().map(|&(r, a)| (r as usize, a)).collect();
            for &(u, a) in &x.rot {
                for t in 0..n_t {
                    let k = if t == u as usize { n_t as f64 } else { 0.0 } - 1.0;
                    e.push((above + t, a * k));
                    e.push((above + n_t + t, -a * k));
                }
            }
            e
        };
        let b = (0..rows).map(|_| rnd()).collect();
        let theta = (0..20).map(|_| rnd()).collect();
        let mut m = model(b, cuts, vec![0, 7, 20], theta, (above, n_t));
        m.index(rows);
        let got = m.s_of(&m.theta);
        let mut want = m.b.clone();
        for (x, w) in m.cuts.iter().zip(&m.theta) {
            for (r, a) in explicit(x) {
                want[r] -= w * a;
            }
        }
        for (g, w) in got.iter().zip(&want) {
            assert!((g - w).abs() < 1e-9, "s(θ) {g} against {w}");
        }
        let lam: Vec<f64> = (0..rows).map(|_| rnd()).collect();
        let g = m.prices(&lam);
        for x in &m.cuts {
            let plain = x.v - explicit(x).iter().map(|&(r, a)| a * lam[r]).sum::<f64>();
            assert!((x.at(&lam, &g) - plain).abs() < 1e-9);
        }
        // Not vacuous: the smoothing moves s and the cuts.
        assert!(
            want[above..]
                .iter()
                .zip(&m.b[above..])
                .any(|(a, b)| (a - b).abs() > 1e-3)
        );
    }

    /// s(θ), the model's value and the sums over more than a chunk are the same, bit for bit,
    /// on one thread and on several.
    #[test]
    fn the_step_sums_are_the_same_whatever_the_thread_count() {
        let (above, n_t) = (30_000usize, 5usize);
        let rows = above + 2 * n_t;
        let mut rnd = uniform(11);
        let n = 3 * CHUNK + 17;
        let cuts: Vec<Cut> = (0..n as u32)
            .map(|i| Cut {
                plan: Plan::default(),
                v: rnd(),
                rows: vec![(i % 30_000, rnd()), ((i * 7 + 3) % 30_000, rnd())],
                rot: vec![(i % 5, rnd())],
            })
            .collect();
        let b = (0..rows).map(|_| rnd()).collect();
        let theta = (0..n).map(|_| rnd()).collect();
        // Two cuts a cadre.
        let mut starts: Vec<usize> = (0..=n).step_by(2).chain(std::iter::once(n)).collect();
        starts.dedup();
        let mut m = model(b, cuts, starts, theta, (above, n_t));
        m.index(rows);
        let lam: Vec<f64> = (0..rows).map(|_| rnd()).collect();
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                let s = m.s_of(&m.theta);
                (
                    s.iter().map(|x| x.to_bits()).collect::<Vec<u64>>(),
                    m.value(&lam).to_bits(),
                    dot(&s, &lam).to_bits(),
                    sq_dist(&s, &lam).to_bits(),
                )
            })
        };
        let one = on(1);
        for threads in [2, 3, 8] {
            assert!(on(threads) == one, "{threads} threads");
        }
    }

    #[test]
    fn sums_in_chunks_equal_the_plain_sums() {
        let a: Vec<f64> = (0..20_000).map(|i| (i % 7) as f64 - 3.0).collect();
        let b: Vec<f64> = (0..19_000).map(|i| (i % 5) as f64 * 0.5).collect();
        let plain: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!((dot(&a, &b) - plain).abs() < 1e-6);
    }
}
