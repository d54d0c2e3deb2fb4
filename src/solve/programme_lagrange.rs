//! A Lagrangian bound over every column of a large programme, each cadre's own rows kept
//! (issue 14, "the national programme").
//!
//! The column generation of `programme_cg` prices with the restricted LP's duals, and its bounds
//! (Farley, blocks: `programme_pricing`) take each cadre's own rows — one rotation, the placement
//! after it, its rank — with those duals too. At national size most cadres do not rotate in the
//! restricted LP, their rows are slack, and every one of their columns prices at about its
//! score: the bound stayed near Σ_c (best score of c), 14 times the programme found.
//!
//! Here only the rows that couple cadres are priced, with multipliers λ in a domain D: the seats
//! of a post on a period's date (`Seats`), the departures of a unit in a period (`Departures`),
//! the smoothing's rows (`Above`, `Below`: their multipliers a_t + b_t ≤ smoothing / periods, or
//! the deviation's column would be unbounded) and H10's rows between relatives (`Family`, only
//! those that hold for every programme: `Pricer::family_row_holds`), each multiplier ≥ 0. Each
//! cadre's own rows stay in its subproblem, solved exactly over all of its columns, kept and
//! left out:
//!
//! - a cadre rotates at most once; a rotation whose placement period s is inside the programme
//!   is followed by exactly one placement in s that follows its rank (P1, H6);
//! - a running rotation is followed by one placement in its period, or is unplaced
//!   (−unplaced_penalty; with no placement column at all the penalty is in the constant). Such a
//!   cadre's own rotation is relaxed further: its placement is optional.
//!
//! For every λ in D and every programme x over every column,
//!
//! ```text
//! value(x) ≤ value(x) + Σ_r λ_r (b_r − a_r·x) ≤ L(λ) = Σ_r λ_r b_r + Σ_c max_{plans of c} Σ_j d_j + constant
//! ```
//!
//! with d_j = score_j − a_jᵀλ (`Pricer::reduced_cost` with those multipliers alone), since x
//! restricted to cadre c is one of c's plans (the subproblem is integral, so the least L is the
//! LP's bound over every column; the pipeline reports the smaller of the bounds it has). λ is
//! improved by projected subgradient steps (Polyak's rule toward the best programme known), nine
//! in ten of them over each cadre's best columns at the last exact step (an estimate that steers);
//! the bound reported is the least L of the exact steps.
//!
//! Each subproblem is cheap because each cadre's columns are grouped by kind and period and
//! sorted by score: with λ ≥ 0 a column's d is at most its score plus the terms that do not depend
//! on its post (`Pricer::rotation_ceiling`, `placement_ceiling`), so a group's scan stops at the
//! first column whose score cannot beat the best found.

use super::programme_bundle::Seeds;
use super::programme_pricing::{Pricer, kept};
use crate::domain::{CadreIx, PostIx, Scenario};
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

impl Plan {
    /// Its columns' ids.
    pub(super) fn columns(&self) -> impl Iterator<Item = u32> {
        [self.rotation, self.after, self.running]
            .into_iter()
            .flatten()
    }
}

/// Every column of the programme, grouped for the subproblems, and the coupling rows' sides.
pub(super) struct Lagrangian<'a> {
    sc: &'a Scenario,
    tl: &'a Timeline,
    cols: &'a Columns,
    n_t: usize,
    kept: Vec<OutCol>,
    /// Every column (its id: kept columns first, then `cols.left_out`) grouped by (cadre, kind,
    /// period), each group by score, best first, with what the subproblems read of it side by
    /// side: the scans walk memory in order instead of jumping about 2 GB of columns.
    all: Groups,
    /// The running rotation's period of each cadre with one that has a placement column.
    running: Vec<Option<usize>>,
    /// Right-hand sides: seats free on each period's date (post · n_t + t) and departures allowed
    /// per unit and period.
    seats_b: Vec<f64>,
    departures_b: f64,
    /// The largest above + below of a period (smoothing / n_t; 0 without smoothing rows).
    smoothing_cap: f64,
    /// −unplaced_penalty for each running rotation with no placement column at all.
    constant: f64,
    penalty: f64,
}

/// Columns grouped by (cadre, kind, period), each group by score, best first: group
/// g = (cadre · 2 + kind) · n_t + period is `order[starts[g]..starts[g + 1]]`.
struct Groups {
    order: Vec<Slim>,
    starts: Vec<usize>,
}

impl Groups {
    fn get(&self, g: usize) -> &[Slim] {
        &self.order[self.starts[g]..self.starts[g + 1]]
    }
}

/// A column as the subproblems scan it.
#[derive(Debug, Clone, Copy)]
struct Slim {
    score: f64,
    post: PostIx,
    id: u32,
}

/// The pricing of the subproblems: with the coupling rows' multipliers alone, a column's
/// reduced cost is its score less its post's seat multipliers over the periods it holds the post,
/// plus a term of its group (cadre, kind, period): `Pricer::rotation_ceiling`, exact then (a
/// cadre with relatives is priced in full: its H10 rows depend on the column's unit). The
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

    /// The reduced cost of column `x` of `lag`'s groups of cadre `c`, holding its post over
    /// `range`, in a group whose own term is `k`.
    fn slim(
        &self,
        lag: &Lagrangian,
        c: CadreIx,
        x: &Slim,
        range: std::ops::Range<usize>,
        k: f64,
    ) -> f64 {
        // The H10 rows a column meets depend on its unit: priced in full (few cadres have
        // relatives; the group's ceiling stays a ceiling, as those multipliers only subtract).
        if self.pr.in_family(c) {
            return self.pr.reduced_cost(lag.col(x.id));
        }
        self.seats_off(x.score, x.post, range, k)
    }

    fn seats_off(&self, score: f64, post: PostIx, range: std::ops::Range<usize>, k: f64) -> f64 {
        let base = post as usize * (self.n_t + 1);
        score - (self.pre[base + range.end] - self.pre[base + range.start]) + k
    }
}

/// An H10 row: (relative in the sensitive post, relative leading, unit, period, kind), as
/// `ProgrammeRow::Family`.
pub type FamilyKey = (CadreIx, CadreIx, crate::domain::UnitIx, u16, u8);

/// The multipliers of the rows that couple cadres: seats (post · n_t + t), departures
/// (unit · n_t + t), the smoothing's rows above and below the average (per period; with
/// above + below ≤ smoothing / n_t, else the deviation's column is unbounded), and the H10 rows
/// with a multiplier (the others are 0).
#[derive(Debug, Clone, Default)]
pub struct Multipliers {
    pub seats: Vec<f64>,
    pub departures: Vec<f64>,
    pub above: Vec<f64>,
    pub below: Vec<f64>,
    pub family: std::collections::BTreeMap<FamilyKey, f64>,
}

impl Multipliers {
    /// Every multiplier 0.
    pub fn zero(sc: &Scenario, n_t: usize) -> Self {
        Multipliers {
            seats: vec![0.0; sc.posts.len() * n_t],
            departures: vec![0.0; sc.units.len() * n_t],
            above: vec![0.0; n_t],
            below: vec![0.0; n_t],
            family: Default::default(),
        }
    }

    /// The dense coordinates: seats, departures, above, below.
    pub fn dense(&mut self) -> impl Iterator<Item = &mut f64> {
        self.seats
            .iter_mut()
            .chain(&mut self.departures)
            .chain(&mut self.above)
            .chain(&mut self.below)
    }

    /// The dense coordinates of `self` and `other` in pairs.
    fn dense_mut<'s>(
        &'s mut self,
        other: &'s Multipliers,
    ) -> impl Iterator<Item = (&'s mut f64, &'s f64)> {
        self.seats
            .iter_mut()
            .zip(&other.seats)
            .chain(self.departures.iter_mut().zip(&other.departures))
            .chain(self.above.iter_mut().zip(&other.above))
            .chain(self.below.iter_mut().zip(&other.below))
    }

    /// self += a · o.
    fn axpy(&mut self, a: f64, o: &Multipliers) {
        for (y, x) in self.dense_mut(o) {
            *y += a * x;
        }
        for (k, x) in &o.family {
            *self.family.entry(*k).or_default() += a * x;
        }
    }
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
    /// 0 was a subgradient at an exact step: λ minimises L, no step can lower the bound (the
    /// plans need not be a programme: the subproblems relax ranks beyond 16 and running
    /// rotations).
    pub converged: bool,
}

/// The plans of a run of steps, averaged (an ergodic primal: as λ nears its optimum, the
/// average nears an optimal solution of the LP over every column, where each plan alone breaks
/// the seats by ties among a cadre's equally good columns). Per cadre, each column's share of
/// the steps.
pub(super) struct Average {
    per: Vec<Vec<(u32, f64)>>,
    steps: f64,
}

impl Average {
    pub(super) fn new(n_c: usize) -> Self {
        Average {
            per: vec![Vec::new(); n_c],
            steps: 0.0,
        }
    }

    fn add(&mut self, plans: &[Plan]) {
        self.per.par_iter_mut().zip(plans).for_each(|(v, p)| {
            for id in p.columns() {
                match v.iter_mut().find(|e| e.0 == id) {
                    Some(e) => e.1 += 1.0,
                    None => v.push((id, 1.0)),
                }
            }
        });
        self.steps += 1.0;
    }

    /// Each share times `f`: the earlier rounds count less in the next one's average.
    fn fade(&mut self, f: f64) {
        for v in &mut self.per {
            for e in v.iter_mut() {
                e.1 *= f;
            }
        }
        self.steps *= f;
    }

    /// Every column of the average with its share, by cadre then column id.
    fn columns(&self, lag: &Lagrangian) -> (Vec<OutCol>, Vec<f64>) {
        let n = self.steps.max(1.0);
        self.per
            .iter()
            .flat_map(|v| {
                let mut v = v.clone();
                v.sort_by_key(|e| e.0);
                v.into_iter().map(move |(id, w)| (*lag.col(id), w / n))
            })
            .unzip()
    }
}

/// A row coupling cadres, as [`Lagrangian::coupling`] names it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Coupling {
    /// post · n_t + period.
    Seat(usize),
    /// unit · n_t + period.
    Departure(usize),
    /// The smoothing's rows of a rotation in this period.
    Rotation(usize),
    Family(FamilyKey),
}

/// The right-hand side of an H10 row: 1 for kind 0 (not both), else 0.
pub(super) fn family_b(k: FamilyKey) -> f64 {
    if k.4 == 0 { 1.0 } else { 0.0 }
}

/// The smoothing's multipliers (a, b) of a period, each ≥ 0, taken to the nearest point with
/// a + b at most `cap`.
pub(super) fn onto_cap(a: f64, b: f64, cap: f64) -> (f64, f64) {
    // A hair inside the cap: a + b rounded may exceed it by an ulp, where L is +∞.
    let cap = cap * (1.0 - 1e-12);
    let over = a + b - cap;
    if over <= 0.0 {
        return (a, b);
    }
    // The nearest point of the segment a + b = cap, a, b ≥ 0.
    let (na, nb) = (a - over / 2.0, b - over / 2.0);
    if na < 0.0 {
        (0.0, cap)
    } else if nb < 0.0 {
        (cap, 0.0)
    } else {
        (na, nb)
    }
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
        if n_t == 0 || n_t >= crate::programme::NO_PERIOD as usize {
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
        // Each cadre's columns sorted on a key built once, (kind, period, score descending, id),
        // written straight into its own slice of one buffer, in parallel.
        let len_of = |c: usize| by_cadre[c].len() + (runs[c].1 - runs[c].0);
        let total: usize = (0..n_c).map(len_of).sum();
        let blank = Slim {
            score: 0.0,
            post: 0,
            id: 0,
        };
        // Filled on both cores: the first touch of fresh memory is slow on a virtual machine
        // (about 46 µs a 4 KiB page on this one, 1.4 GB here).
        let mut order = Vec::with_capacity(total);
        order.par_extend(rayon::iter::repeat_n(blank, total));
        let mut slices: Vec<&mut [Slim]> = Vec::with_capacity(n_c);
        let mut rest = &mut order[..];
        for c in 0..n_c {
            let (mine, after) = rest.split_at_mut(len_of(c));
            slices.push(mine);
            rest = after;
        }
        let n_groups = n_c * 2 * n_t;
        let mut starts = vec![0usize; n_groups + 1];
        by_cadre
            .into_par_iter()
            .zip(slices)
            .zip(starts[1..].par_chunks_mut(2 * n_t))
            .enumerate()
            .for_each(|(c, ((kept_ids, out), counts))| {
                let (a, b) = runs[c];
                let ids = kept_ids
                    .into_iter()
                    .chain((a..b).map(|i| i as u32 + n_kept));
                let mut keyed: Vec<(u64, u32)> = ids
                    .map(|id| {
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
                for (slot, &(_, id)) in out.iter_mut().zip(&keyed) {
                    let x = col(id);
                    counts[kind_ix(x.kind) * n_t + x.period as usize] += 1;
                    *slot = Slim {
                        score: x.score,
                        post: x.post,
                        id,
                    };
                }
            });
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
            all: Groups { order, starts },
            running,
            seats_b,
            departures_b: prog.max_departures_per_period as f64,
            // The model has the smoothing rows when smoothing is on over two periods or more
            // (`build_parts_relaxed`); they hold for every programme, so they may be priced
            // whether or not a rotation column exists.
            smoothing_cap: if prog.smoothing > 0.0 && n_t > 1 {
                prog.smoothing / n_t as f64
            } else {
                0.0
            },
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

    /// As the subproblems price cadre `c`'s group of `kind` in period `t` (`None`: empty): the
    /// periods its columns hold their posts and its own term, both from its first column
    /// (`Pricer::rotation_ceiling`, `Pricer::placement_ceiling`).
    fn terms_of(
        &self,
        pr: &Pricer,
        c: CadreIx,
        kind: MoveKind,
        t: usize,
    ) -> Option<(std::ops::Range<usize>, f64)> {
        let first = self.col(self.group(c, kind, t).first()?.id);
        Some(match kind {
            MoveKind::Rotation => (
                pr.active(first),
                pr.rotation_ceiling(c, t, first.placement_period()),
            ),
            MoveKind::Placement => (pr.active(first), pr.placement_ceiling(c, t)),
        })
    }

    /// Cadre `c`'s group of `kind` in period `t`, best score first.
    fn group(&self, c: CadreIx, kind: MoveKind, t: usize) -> &[Slim] {
        self.all.get(self.gi(c, kind, t))
    }

    fn gi(&self, c: CadreIx, kind: MoveKind, t: usize) -> usize {
        (c as usize * 2 + kind_ix(kind)) * self.n_t + t
    }

    /// The best placement of `c` in period `s` (following rank `b` if given): (d, id).
    fn best_placement(
        &self,
        pr: &Prices,
        src: &Groups,
        c: CadreIx,
        s: usize,
        b: Option<i32>,
    ) -> Option<(f64, u32)> {
        let group = src.get(self.gi(c, MoveKind::Placement, s));
        let first = group.first()?;
        // Every placement of the group holds its post over the same periods (s to retirement).
        let range = pr.pr.active(self.col(first.id));
        let ceiling = pr.pr.placement_ceiling(c, s);
        let mut best: Option<(f64, u32)> = None;
        for x in group {
            if best.is_some_and(|(d, _)| x.score + ceiling <= d) {
                break;
            }
            if b.is_some_and(|b| !self.col(x.id).follows(self.sc, b)) {
                continue;
            }
            let d = pr.slim(self, c, x, range.clone(), ceiling);
            if best.is_none_or(|(e, _)| d > e) {
                best = Some((d, x.id));
            }
        }
        best
    }

    /// Cadre `c`'s best plan under the multipliers of `pr`, over its columns in `src` (all of
    /// them: exact; a working set: an estimate).
    fn cadre(&self, pr: &Prices, src: &Groups, c: CadreIx) -> Plan {
        let mut plan = Plan::default();
        let running = self.running[c as usize];
        if let Some(s) = running {
            plan.value = -self.penalty;
            if let Some((d, id)) = self.best_placement(pr, src, c, s, None)
                && d > plan.value
            {
                plan.value = d;
                plan.running = Some(id);
            }
        }
        let base = plan.value;
        // Each period's rotations: (t, its placement period, the best placement after it with
        // no rank asked, what a placement adds at most, the group's own term, the most any of
        // its rotations is worth). Taken by that most, so that the best found early stops the
        // scans of the others sooner.
        type Group = (usize, Option<usize>, Option<(f64, u32)>, f64, f64, f64);
        let mut groups: Vec<Group> = Vec::with_capacity(self.n_t);
        for t in 0..self.n_t {
            let Some(first) = src.get(self.gi(c, MoveKind::Rotation, t)).first() else {
                continue;
            };
            let s = self.col(first.id).placement_period();
            // The most the placement after a rotation of period t adds; a rotation that needs
            // one and has none is no plan.
            let found = s.and_then(|s| self.best_placement(pr, src, c, s, None));
            let top = match (s, found, running) {
                (None, _, _) => 0.0,
                (Some(_), Some((d, _)), None) => d,
                (Some(_), Some((d, _)), Some(_)) => d.max(0.0),
                (Some(_), None, None) => continue,
                (Some(_), None, Some(_)) => 0.0,
            };
            let k = pr.pr.rotation_ceiling(c, t, s);
            groups.push((t, s, found, top, k, first.score + k + top));
        }
        groups.sort_by(|a, b| b.5.total_cmp(&a.5).then(a.0.cmp(&b.0)));
        let mut best = 0.0f64; // no rotation
        for (t, s, found, top, k, most) in groups {
            if most <= best {
                break;
            }
            let group = src.get(self.gi(c, MoveKind::Rotation, t));
            let range = pr.pr.active(self.col(group[0].id));
            let ceiling = k + top;
            let mut memo: Vec<(i32, Option<(f64, u32)>)> = Vec::new();
            for x in group {
                if x.score + ceiling <= best {
                    break;
                }
                let d = pr.slim(self, c, x, range.clone(), k);
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
                        let found = match (rank, found) {
                            (None, f) => f,
                            // The best placement of all follows this rank: the best for it.
                            (Some(b), Some(f)) if self.col(f.1).follows(self.sc, b) => Some(f),
                            (Some(_), _) => match memo.iter().find(|m| m.0 == b) {
                                Some(m) => m.1,
                                None => {
                                    let f = self.best_placement(pr, src, c, s, rank);
                                    memo.push((b, f));
                                    f
                                }
                            },
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
                    plan.rotation = Some(x.id);
                    plan.after = after.and_then(|a| a.1);
                }
            }
        }
        plan.value = base + best;
        plan
    }

    /// L(λ) and each cadre's plan; `pr` is set to λ.
    pub(super) fn evaluate(&self, pr: &mut Pricer, m: &Multipliers) -> (f64, Vec<Plan>) {
        self.evaluate_on(pr, m, &self.all)
    }

    /// [`Lagrangian::evaluate`] over the columns of `src` only: L(λ) itself over every column,
    /// an estimate from below over a working set.
    fn evaluate_on(&self, pr: &mut Pricer, m: &Multipliers, src: &Groups) -> (f64, Vec<Plan>) {
        pr.set_coupling(m);
        let prices = Prices::new(pr, &m.seats, self.n_t);
        let plans: Vec<Plan> = (0..self.sc.cadres.len() as CadreIx)
            .into_par_iter()
            .map(|c| self.cadre(&prices, src, c))
            .collect();
        let mut l = self.constant;
        for (y, b) in m.seats.iter().zip(&self.seats_b) {
            l += y * b;
        }
        l += m.departures.iter().sum::<f64>() * self.departures_b;
        // H10 rows of kind 0 have 1 on the right; kinds 1 and 2 and the smoothing's rows 0.
        l += m
            .family
            .iter()
            .filter(|(k, _)| k.4 == 0)
            .map(|(_, y)| y)
            .sum::<f64>();
        l += plans.iter().map(|p| p.value).sum::<f64>();
        (l, plans)
    }

    /// Each group's best columns by reduced cost at `m` (up to `WORKING_ROTATIONS` rotations,
    /// `WORKING_PLACEMENTS` placements), by score as in [`Lagrangian::all`]: the steps between
    /// two exact evaluations price these alone. A group's scan stops as the subproblems' does,
    /// once a column's score cannot beat the least of the best found.
    fn working_set(&self, pr: &mut Pricer, m: &Multipliers) -> Groups {
        pr.set_coupling(m);
        let prices = Prices::new(pr, &m.seats, self.n_t);
        let n_t = self.n_t;
        let per: Vec<(Vec<Slim>, Vec<usize>)> = (0..self.sc.cadres.len() as CadreIx)
            .into_par_iter()
            .map(|c| {
                let mut out = Vec::new();
                let mut counts = vec![0usize; 2 * n_t];
                for (kind, keep) in [
                    (MoveKind::Rotation, WORKING_ROTATIONS),
                    (MoveKind::Placement, WORKING_PLACEMENTS),
                ] {
                    for t in 0..n_t {
                        let group = self.group(c, kind, t);
                        let mut chosen: Vec<usize> = self
                            .top_of(&prices, c, kind, t, keep)
                            .into_iter()
                            .map(|e| e.0)
                            .collect();
                        chosen.sort_unstable();
                        counts[kind_ix(kind) * n_t + t] = chosen.len();
                        out.extend(chosen.into_iter().map(|i| group[i]));
                    }
                }
                (out, counts)
            })
            .collect();
        let mut starts = Vec::with_capacity(self.all.starts.len());
        starts.push(0);
        let mut order = Vec::new();
        for (out, counts) in per {
            order.extend(out);
            for n in counts {
                starts.push(starts.last().copied().unwrap_or(0) + n);
            }
        }
        Groups { order, starts }
    }

    /// Whether [`Prices::slim`] is `Pricer::reduced_cost` on every column at multipliers `m` (the
    /// test API [`bound_at`] checks it: the bound is only as sound as that equality).
    fn check_prices(&self, pr: &mut Pricer, m: &Multipliers) -> Result<(), String> {
        pr.set_coupling(m);
        let prices = Prices::new(pr, &m.seats, self.n_t);
        for c in 0..self.sc.cadres.len() as CadreIx {
            for t in 0..self.n_t {
                for kind in [MoveKind::Rotation, MoveKind::Placement] {
                    let group = self.group(c, kind, t);
                    let Some((range, k)) = self.terms_of(pr, c, kind, t) else {
                        continue;
                    };
                    for g in group {
                        let x = self.col(g.id);
                        let fast = prices.slim(self, c, g, range.clone(), k);
                        let slow = pr.reduced_cost(x);
                        // The scans' early stop: no column above its score plus the group's term.
                        if slow > g.score + k + 1e-9 * (1.0 + slow.abs()) {
                            return Err(format!("{x:?}: {slow} above its ceiling {}", g.score + k));
                        }
                        if (fast - slow).abs() > 1e-9 * (1.0 + slow.abs()) {
                            return Err(format!("{x:?}: {fast} against {slow}"));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The subgradient b − a·x of the plans, by row: the rows of `m` and every valid H10 row the
    /// plans break (the others' multipliers stay 0 under a projected step).
    pub(super) fn subgradient(&self, pr: &Pricer, plans: &[Plan], m: &Multipliers) -> Multipliers {
        let n_t = self.n_t;
        let mut g = Multipliers {
            seats: self.seats_b.clone(),
            departures: vec![self.departures_b; self.sc.units.len() * n_t],
            above: vec![0.0; n_t],
            below: vec![0.0; n_t],
            family: m.family.keys().map(|&k| (k, family_b(k))).collect(),
        };
        let mut per = vec![0.0f64; n_t];
        for p in plans {
            for id in p.columns() {
                self.coupling(pr, self.col(id), |row, a| match row {
                    Coupling::Seat(i) => g.seats[i] -= a,
                    Coupling::Departure(i) => g.departures[i] -= a,
                    Coupling::Rotation(t) => per[t] += a,
                    Coupling::Family(k) => {
                        *g.family.entry(k).or_insert(family_b(k)) -= a;
                    }
                });
            }
        }
        if self.smoothing_cap > 0.0 {
            // Above_t: n_t·T − total − T·dev_t ≤ 0, Below_t: total − T·n_t − T·dev_t ≤ 0; dev_t
            // maximises the Lagrangian: 0 while its reduced cost is negative, else the deviation.
            let tf = n_t as f64;
            let total: f64 = per.iter().sum();
            for (t, &n) in per.iter().enumerate() {
                let free = m.above[t] + m.below[t] >= self.smoothing_cap * (1.0 - 1e-9);
                let dev = if free {
                    (tf * n - total).abs() / tf
                } else {
                    0.0
                };
                g.above[t] = -(tf * n - total - tf * dev);
                g.below[t] = -(total - tf * n - tf * dev);
            }
        }
        g
    }

    /// The rows coupling cadres that column `x` meets, each with its coefficient a (the
    /// subgradient is b − Σ a over the plans' columns): the seats of its post over the periods
    /// it holds it, for a rotation the seats its holder's post frees (−1) and its unit's
    /// departures, and the valid H10 rows; `Rotation(t)` stands for the smoothing's rows of a
    /// rotation in period t (`Lagrangian::subgradient`).
    pub(super) fn coupling(&self, pr: &Pricer, x: &OutCol, mut f: impl FnMut(Coupling, f64)) {
        use super::programme::ProgrammeRow;
        let n_t = self.n_t;
        for u in pr.active(x) {
            f(Coupling::Seat(x.post as usize * n_t + u), 1.0);
        }
        if x.kind == MoveKind::Rotation {
            let t = x.period as usize;
            f(Coupling::Rotation(t), 1.0);
            if let Some(q) = pr.held(x.cadre) {
                let occ = &self.cols.occupancy[q as usize];
                for u in t..n_t {
                    if occ.taken_on(pr.period(u)) > 0 {
                        f(Coupling::Seat(q as usize * n_t + u), -1.0);
                    }
                }
            }
            if let Some(u) = self.sc.cadre(x.cadre).current_unit {
                f(Coupling::Departure(u as usize * n_t + t), 1.0);
            }
        }
        if pr.has_relatives(x.cadre) {
            for (row, v) in pr.terms(x) {
                if let ProgrammeRow::Family(a, b, u, t, k) = row
                    && pr.family_row_holds((a, b, u, t, k))
                {
                    f(Coupling::Family((a, b, u, t, k)), v);
                }
            }
        }
    }

    /// Right-hand sides: the seats free on each period's date (post · n_t + t), the departures
    /// allowed per unit and period, and the constant of L.
    pub(super) fn sides(&self) -> (&[f64], f64, f64) {
        (&self.seats_b, self.departures_b, self.constant)
    }

    /// The periods.
    pub(super) fn n_t(&self) -> usize {
        self.n_t
    }

    /// The largest above + below of a period (0 without smoothing rows).
    pub(super) fn smoothing_cap(&self) -> f64 {
        self.smoothing_cap
    }

    /// λ taken into its domain from anywhere (an LP's duals, a caller's): H10 multipliers only on
    /// rows that hold for every programme, then [`Lagrangian::project`].
    fn to_domain(&self, pr: &Pricer, m: &mut Multipliers) {
        m.family.retain(|&k, _| pr.family_row_holds(k));
        self.project(m);
    }

    /// λ projected onto its domain: every multiplier at least 0, above + below of a period at
    /// most `smoothing_cap`; H10 multipliers at 0 dropped.
    fn project(&self, m: &mut Multipliers) {
        for y in m.dense() {
            *y = y.max(0.0);
        }
        for (a, b) in m.above.iter_mut().zip(&mut m.below) {
            (*a, *b) = onto_cap(*a, *b, self.smoothing_cap);
        }
        m.family.retain(|_, y| {
            *y = y.max(0.0);
            *y > 0.0
        });
    }

    /// Projected subgradient from λ = `from` (0 if `None`) toward `target` (the best programme
    /// known), for at most `seconds` or `max_iterations` (`limits`), each step's plans added to
    /// `avg`.
    pub(super) fn ascend(
        &self,
        pr: &mut Pricer,
        from: Option<Multipliers>,
        target: f64,
        limits: (f64, usize),
        theta: f64,
        (mut avg, mut seeds): (Option<&mut Average>, Option<&mut Seeds>),
    ) -> Dual {
        let (seconds, max_iterations) = limits;
        let started = Instant::now();
        let n_t = self.n_t;
        let mut m = from.unwrap_or_else(|| Multipliers::zero(self.sc, n_t));
        let mut best: Option<(f64, Multipliers)> = None;
        // A step factor carried from an earlier part that had shrunk to nothing starts again.
        // (Only below the rounds' stop, 10⁻³: a factor the time limit cut short goes on where it
        // was; at national size from 0.1 instead of 0.008 the Lagrangian again stalled in 72
        // steps, each too long.)
        let mut theta = if theta < 1e-3 { 0.01 } else { theta };
        let mut since = 0;
        let mut it = 0;
        // The previous direction: each step goes along g + ½·(previous direction) (a deflected
        // subgradient; plain steps zig-zag between the seats of the same popular posts).
        let mut dir: Option<Multipliers> = None;
        let mut converged = false;
        // Every `EXACT_EVERY` steps L(λ) over every column (the bound, and each cadre's best
        // columns at λ as the working set); the steps between price the working set alone, an
        // estimate from below of L that costs a fraction of a full pass and steers as well.
        let mut working: Option<Groups> = None;
        // The least L or estimate seen: the step factor halves when it stalls.
        let mut steer = f64::INFINITY;
        let mut exact = true;
        let mut times = [0.0f64; 5];
        while it < max_iterations {
            it += 1;
            exact = (it - 1) % EXACT_EVERY == 0;
            let t0 = Instant::now();
            let (l, plans) = match &working {
                Some(w) if !exact => {
                    let r = self.evaluate_on(pr, &m, w);
                    times[1] += t0.elapsed().as_secs_f64();
                    r
                }
                _ => {
                    let r = self.evaluate(pr, &m);
                    if best.as_ref().is_none_or(|b| r.0 < b.0) {
                        best = Some((r.0, m.clone()));
                    }
                    times[0] += t0.elapsed().as_secs_f64();
                    let t1 = Instant::now();
                    working = Some(self.working_set(pr, &m));
                    times[2] += t1.elapsed().as_secs_f64();
                    exact = true;
                    r
                }
            };
            if let Some(a) = avg.as_deref_mut() {
                a.add(&plans);
            }
            if let Some(s) = seeds.as_deref_mut() {
                let t0 = Instant::now();
                s.add(self, pr, &m, &plans);
                times[4] += t0.elapsed().as_secs_f64();
            }
            let t0 = Instant::now();
            let mut g = self.subgradient(pr, &plans, &m);
            if l < steer - 1e-9 * l.abs().max(1.0) {
                steer = l;
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
            // 0 a subgradient within the domain: λ minimises L (when the plans are exact).
            let still = |gi: f64, yi: f64| gi == 0.0 || (yi <= 0.0 && gi > 0.0);
            let stuck = g.dense_mut(&m).all(|(gi, yi)| still(*gi, *yi))
                && g.family
                    .iter()
                    .all(|(k, &gi)| still(gi, m.family.get(k).copied().unwrap_or(0.0)));
            if stuck {
                if exact {
                    converged = true;
                    break;
                }
                working = None; // the estimate's plans fit: the next step prices every column
                continue;
            }
            if let Some(p) = &dir {
                g.axpy(0.5, p);
            }
            // Projected: a row at λ = 0 that is slack does not move.
            let mut norm = 0.0;
            for (gi, yi) in g.dense_mut(&m) {
                if *yi <= 0.0 && *gi > 0.0 {
                    *gi = 0.0;
                }
                norm += *gi * *gi;
            }
            for (k, gi) in g.family.iter_mut() {
                if m.family.get(k).is_none_or(|&y| y <= 0.0) && *gi > 0.0 {
                    *gi = 0.0;
                }
                norm += *gi * *gi;
            }
            g.family.retain(|_, gi| *gi != 0.0);
            if norm == 0.0 {
                dir = None; // the deflection cancelled the step: the next one goes along g
                continue;
            }
            let step = theta * (l - target).max(1e-6 * l.abs().max(1.0)) / norm;
            m.axpy(-step, &g);
            self.project(&mut m);
            dir = Some(g);
            exact = false;
            times[3] += t0.elapsed().as_secs_f64();
        }
        tracing::debug!(
            ?times,
            "programme Lagrangian: exact, estimates, working sets, steps, seeds"
        );
        // The last λ stepped to, or estimated only: its L.
        if !exact {
            let (l, _) = self.evaluate(pr, &m);
            if best.as_ref().is_none_or(|b| l < b.0) {
                best = Some((l, m));
            }
        }
        let (bound, at) = best.expect("one iteration at least");
        Dual {
            bound,
            at,
            iterations: it,
            theta,
            converged,
        }
    }

    /// Each cadre's best columns by reduced cost under the multipliers of `pr`: up to `rot`
    /// rotations and `plc` placements per period, and their reduced costs.
    fn candidates(&self, pr: &Prices, rot: usize, plc: usize) -> (Vec<OutCol>, Vec<f64>) {
        let n_t = self.n_t;
        let per: Vec<Vec<(OutCol, f64)>> = (0..self.sc.cadres.len() as CadreIx)
            .into_par_iter()
            .map(|c| {
                let mut out = Vec::new();
                for (kind, k) in [(MoveKind::Rotation, rot), (MoveKind::Placement, plc)] {
                    for t in 0..n_t {
                        let group = self.group(c, kind, t);
                        let mut v: Vec<(f64, u32)> = self
                            .top_of(pr, c, kind, t, k)
                            .into_iter()
                            .map(|(i, d)| (d, group[i].id))
                            .collect();
                        // Ties by post (then id), not by where a column was kept.
                        v.sort_by(|a, b| {
                            b.0.total_cmp(&a.0)
                                .then(self.col(a.1).post.cmp(&self.col(b.1).post))
                                .then(a.1.cmp(&b.1))
                        });
                        out.extend(v.into_iter().map(|(d, id)| (*self.col(id), d)));
                    }
                }
                out
            })
            .collect();
        per.into_iter().flatten().unzip()
    }

    /// The `keep` columns of cadre `c`'s group of `kind` in period `t` with the largest reduced
    /// costs at `pr` (position in the group, d), in no particular order. The scan stops once a
    /// column's score plus the group's own term (a ceiling on its d) cannot beat the least kept.
    fn top_of(
        &self,
        pr: &Prices,
        c: CadreIx,
        kind: MoveKind,
        t: usize,
        keep: usize,
    ) -> Vec<(usize, f64)> {
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;
        #[derive(PartialEq)]
        struct D(f64, usize);
        impl Eq for D {}
        impl PartialOrd for D {
            fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(o))
            }
        }
        impl Ord for D {
            // By d, then the earlier position (the higher score) as the larger.
            fn cmp(&self, o: &Self) -> std::cmp::Ordering {
                self.0.total_cmp(&o.0).then(o.1.cmp(&self.1))
            }
        }
        let Some((range, own)) = self.terms_of(pr.pr, c, kind, t) else {
            return Vec::new();
        };
        if keep == 0 {
            return Vec::new();
        }
        let mut heap: BinaryHeap<Reverse<D>> = BinaryHeap::with_capacity(keep + 1);
        for (i, x) in self.group(c, kind, t).iter().enumerate() {
            if heap.len() == keep && heap.peek().is_some_and(|m| x.score + own <= m.0.0) {
                break;
            }
            let d = D(pr.slim(self, c, x, range.clone(), own), i);
            if heap.len() < keep {
                heap.push(Reverse(d));
            } else if heap.peek().is_some_and(|m| d > m.0) {
                heap.pop();
                heap.push(Reverse(d));
            }
        }
        heap.into_iter().map(|Reverse(D(d, i))| (i, d)).collect()
    }

    /// [`Lagrangian::heuristic_with`] at `at` taking `first` first; its programme replaces
    /// `start` (worth `value`) when better. Its value.
    fn keep_better(
        &self,
        pr: &mut Pricer,
        at: &Multipliers,
        first: (&[OutCol], &[f64]),
        start: &mut Vec<OutCol>,
        value: &mut f64,
    ) -> f64 {
        let (s, v, _) = self.heuristic_with(
            pr,
            at,
            HEURISTIC_ROTATIONS,
            HEURISTIC_PLACEMENTS,
            Some(first),
        );
        if v > *value {
            (*start, *value) = (s, v);
        }
        v
    }

    /// The Lagrangian heuristic at multipliers `m`: the greedy of `programme_greedy` over the
    /// columns of `first` (by their weight, when given), then over each cadre's best columns by
    /// reduced cost (`rot` rotations and `plc` placements per period), in that order. Its
    /// columns, sorted by (kind, cadre, period, post), their value (scores less the unplaced
    /// penalties) and the moves of its greedy's second pass with a column beyond the candidates.
    fn heuristic_with(
        &self,
        pr: &mut Pricer,
        m: &Multipliers,
        rot: usize,
        plc: usize,
        first: Option<(&[OutCol], &[f64])>,
    ) -> (Vec<OutCol>, f64, usize) {
        pr.set_coupling(m);
        let prices = Prices::new(pr, &m.seats, self.n_t);
        let (cands, keys) = self.candidates(&prices, rot, plc);
        let deeper = Deeper {
            lag: self,
            prices: &prices,
        };
        let (mut chosen, deeper_moves) = super::programme_greedy::greedy_deeper(
            self.sc, self.tl, self.cols, first, &cands, &keys, &deeper,
        );
        chosen.sort_by_key(|x| (x.kind == MoveKind::Placement, x.cadre, x.period, x.post));
        let value = value_of(self.sc, self.n_t, self.cols, &chosen);
        (chosen, value, deeper_moves)
    }
}

/// Every column of a cadre, best by reduced cost first (ties by period, then post): where the
/// heuristic's greedy goes once its candidates run out.
struct Deeper<'l, 'p, 'a> {
    lag: &'l Lagrangian<'a>,
    prices: &'p Prices<'p, 'a>,
}

impl Deeper<'_, '_, '_> {
    fn sorted(&self, c: CadreIx, kind: MoveKind, periods: std::ops::Range<usize>) -> Vec<OutCol> {
        let lag = self.lag;
        // (d, period, post, id): a post is in a group once, so ties never fall to the id (which
        // depends on where a column was kept).
        let mut v: Vec<(f64, usize, PostIx, u32)> = Vec::new();
        for t in periods {
            let Some((range, k)) = lag.terms_of(self.prices.pr, c, kind, t) else {
                continue;
            };
            v.extend(lag.group(c, kind, t).iter().map(|x| {
                (
                    self.prices.slim(lag, c, x, range.clone(), k),
                    t,
                    x.post,
                    x.id,
                )
            }));
        }
        v.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        v.into_iter().map(|(.., id)| *lag.col(id)).collect()
    }
}

impl super::programme_greedy::Deeper for Deeper<'_, '_, '_> {
    fn rotations(&self, c: CadreIx) -> Vec<OutCol> {
        self.sorted(c, MoveKind::Rotation, 0..self.lag.n_t)
    }

    fn placements(&self, c: CadreIx, s: usize) -> Vec<OutCol> {
        self.sorted(c, MoveKind::Placement, s..s + 1)
    }
}

/// Rotations and placements per cadre and period in the working set of the steps between two
/// exact evaluations, and the steps from one exact evaluation to the next.
const WORKING_ROTATIONS: usize = 20;
const WORKING_PLACEMENTS: usize = 30;
const EXACT_EVERY: usize = 10;

/// Rotations and placements per cadre and period the heuristic looks at, best by reduced cost
/// first (at national size 10/50 gave 259,260, 40/200 430,852 and 100/400 573,966: the greedy
/// needs depth where seats run out).
const HEURISTIC_ROTATIONS: usize = 100;
const HEURISTIC_PLACEMENTS: usize = 400;

/// The model's objective for a programme of columns `chosen` (over `n_t` periods): their scores
/// less the penalty of each running rotation left unplaced and the smoothing's cost of uneven
/// periods (the subgradient's target: above the objective, a target could be above the least L).
pub fn value_of(sc: &Scenario, n_t: usize, cols: &Columns, chosen: &[OutCol]) -> f64 {
    let (pen, smoothing) = sc
        .programme
        .as_ref()
        .map_or((0.0, 0.0), |p| (p.unplaced_penalty, p.smoothing));
    let mut uneven = 0.0;
    if smoothing > 0.0 && n_t > 1 {
        // dev_t = |T·n_t − N| / T, as `build_parts_relaxed`'s rows.
        let mut per = vec![0.0f64; n_t];
        for x in chosen.iter().filter(|x| x.kind == MoveKind::Rotation) {
            per[(x.period as usize).min(n_t - 1)] += 1.0;
        }
        let (tf, total) = (n_t as f64, per.iter().sum::<f64>());
        uneven = smoothing
            * per
                .iter()
                .map(|&n| (tf * n - total).abs() / tf)
                .sum::<f64>();
    }
    let placed: std::collections::BTreeSet<CadreIx> = chosen
        .iter()
        .filter(|x| x.kind == MoveKind::Placement)
        .map(|x| x.cadre)
        .collect();
    chosen.iter().map(|x| x.score).sum::<f64>()
        - uneven
        - pen
            * cols
                .running
                .iter()
                .filter(|r| !placed.contains(&r.cadre))
                .count() as f64
}

/// A (fractional) programme's parts, for the debug log: rotations and placements per period, the
/// scores' sum, the running rotations left unplaced. At national size the bundle's weights (the
/// LP's estimate) and the searched programme differ most in their rotations' periods
/// (performance.md part S).
pub fn parts_of(cols: &Columns, n_t: usize, chosen: &[(OutCol, f64)]) -> String {
    if n_t == 0 {
        return String::new();
    }
    let mut rot = vec![0.0f64; n_t];
    let mut plc = vec![0.0f64; n_t];
    let mut score = 0.0;
    let mut placed: std::collections::BTreeMap<CadreIx, f64> = Default::default();
    for (x, w) in chosen {
        let t = (x.period as usize).min(n_t - 1);
        match x.kind {
            MoveKind::Rotation => rot[t] += w,
            MoveKind::Placement => {
                plc[t] += w;
                *placed.entry(x.cadre).or_default() += w;
            }
        }
        score += w * x.score;
    }
    let unplaced: f64 = cols
        .running
        .iter()
        .map(|r| 1.0 - placed.get(&r.cadre).copied().unwrap_or(0.0).min(1.0))
        .sum();
    let r: Vec<i64> = rot.iter().map(|v| v.round() as i64).collect();
    let p: Vec<i64> = plc.iter().map(|v| v.round() as i64).collect();
    format!("rotations {r:?} placements {p:?} score {score:.0} unplaced running {unplaced:.0}")
}

/// What [`run`] found.
pub struct Found {
    /// Every programme over every column is worth at most this.
    pub bound: f64,
    /// The heuristic's best programme (columns sorted as `Lagrangian::heuristic_with`'s) and its
    /// value ([`value_of`]).
    pub start: Vec<OutCol>,
    pub value: f64,
    pub iterations: usize,
    pub seconds: f64,
    /// The multipliers of `bound`, and the step factor the subgradient ended with.
    pub at: Multipliers,
    pub theta: f64,
    /// The bundle's last weights on each cadre's plans, else the subgradient's plans of the last
    /// rounds averaged: each column with its share (the neighbourhood search's guide where no LP
    /// was solved).
    pub averaged: Vec<(OutCol, f64)>,
}

/// Subgradient iterations of [`run`] at most: a first round, then rounds of `ROUND_ITERATIONS`,
/// each followed by the heuristic. A fixed count, so that the same input gives the same bound and
/// start; the time budget cuts it short at national size (where a step costs 40–100 ms).
const ITERATIONS: usize = 3_000;
const FIRST_ITERATIONS: usize = 30;
const ROUND_ITERATIONS: usize = 150;
/// Subgradient iterations at most from the blocks' start before the bundle method: its first
/// round (which completes the blocks' programme and seeds the bundle). Since the bundle's steps
/// got cheaper, its time is worth more than the subgradient's: at national size, in the same
/// time, 30 steps before it gave 1,266,645, 150 gave 1,268,016 and 700 gave 1,270,673.
const WARM_ITERATIONS: usize = 30;
/// The subgradient's share of [`run`]'s time, the bundle method's the rest.
const STEPS_SHARE: f64 = 0.5;
/// Steps of the bundle method at most (a count, as `ITERATIONS`; at national size its time ends
/// it first, after about 750 steps).
const BUNDLE_ITERATIONS: usize = 3_000;

/// The Lagrangian bound and heuristic for a large plain programme, within about `seconds`
/// (`floor`: the value of a programme already known, the first half's target). `None` when the
/// programme has rows the subproblems do not model.
pub fn run(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    seconds: f64,
    floor: f64,
    warm: Option<&Warm>,
) -> Option<Found> {
    run_then(sc, tl, cols, (seconds, floor), warm, true)
}

/// [`run`], the bundle method after the subgradient or not (`bundle`: not within the blocks,
/// whose time is the whole's start).
fn run_then(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    (seconds, floor): (f64, f64),
    warm: Option<&Warm>,
    bundle: bool,
) -> Option<Found> {
    let started = Instant::now();
    let lag = Lagrangian::new(sc, tl, cols)?;
    let mut pr = Pricer::base(sc, tl, cols);
    let floor = if floor.is_finite() { floor } else { 0.0 };
    tracing::debug!(
        seconds = started.elapsed().as_secs_f64(),
        "programme Lagrangian: columns grouped"
    );
    // Rounds of steps, each followed by the heuristic at the best λ so far over the plans of the
    // round averaged; its programme, when better, is the next rounds' target (the nearer the
    // target to the least L, the better the steps) and the start of what follows.
    let mut start = Vec::new();
    let mut value = f64::NEG_INFINITY;
    let mut best: Option<(f64, Multipliers)> = None;
    let mut from = warm.map(|w| {
        let mut m = w.at.clone();
        lag.to_domain(&pr, &mut m);
        m
    });
    // From a warm start, smaller steps: the first ones would undo it.
    let mut theta = if warm.is_some() { WARM_THETA } else { 1.0 };
    let mut iterations = 0;
    // What the last heuristic took, kept for the one after the last round.
    let mut reserve = 0.0;
    let mut avg = Average::new(sc.cadres.len());
    let mut averaged = false;
    // From the blocks' start the bundle method lowers the bound faster than the subgradient's
    // last steps (performance.md): the subgradient stops earlier.
    let most = if warm.is_some() && bundle {
        WARM_ITERATIONS
    } else {
        ITERATIONS
    };
    // The subgradient's share of the time when the bundle follows (it needs about a hundred
    // steps of 0.4 s at national size to lower the bound).
    let steps_seconds = if bundle {
        seconds * STEPS_SHARE
    } else {
        seconds
    };
    let mut seeds =
        bundle.then(|| Seeds::new(&Multipliers::zero(sc, tl.periods.len()), sc.cadres.len()));
    while iterations < most {
        let left = steps_seconds - started.elapsed().as_secs_f64() - reserve;
        if left <= 0.0 && best.is_some() {
            break;
        }
        let n = if iterations == 0 {
            FIRST_ITERATIONS
        } else {
            ROUND_ITERATIONS
        };
        avg.fade(AVERAGE_CARRY);
        let d = lag.ascend(
            &mut pr,
            best.as_ref().map(|b| b.1.clone()).or_else(|| from.take()),
            value.max(floor),
            (left.max(0.0), n.min(most - iterations)),
            theta,
            // Seeds from the last two rounds before the count ends them (a step's plans as cuts
            // cost 12 ms at national size).
            (
                Some(&mut avg),
                seeds
                    .as_mut()
                    .filter(|_| iterations + n + ROUND_ITERATIONS >= most),
            ),
        );
        let first_round = iterations == 0;
        iterations += d.iterations;
        let done = d.converged || d.theta < 1e-3;
        theta = d.theta;
        if best.as_ref().is_none_or(|b| d.bound < b.0) {
            best = Some((d.bound, d.at));
        }
        let at = &best.as_ref().expect("a round ran").1;
        let mut v = f64::NEG_INFINITY;
        // The warm start's programme, checked and completed over every column once; its time
        // is what the heuristic over the average is kept (`reserve`) for.
        if let Some(w) = warm.filter(|_| first_round) {
            let t = Instant::now();
            let ones = vec![1.0; w.programme.len()];
            v = lag.keep_better(&mut pr, at, (&w.programme, &ones), &mut start, &mut value);
            reserve = t.elapsed().as_secs_f64();
            tracing::debug!(
                value = v,
                "programme Lagrangian: the blocks' programme completed"
            );
        }
        let last = done
            || iterations >= most
            || steps_seconds - started.elapsed().as_secs_f64() - reserve <= 0.0;
        // From the blocks' start, the heuristic over the average after the last round only:
        // at national size it found 1.10–1.15 M after each round, where the blocks' programme
        // completed is worth 1.22 M, and took 4–5 s, a third of a round.
        if warm.is_none() || last {
            let t = Instant::now();
            let (ac, aw) = avg.columns(&lag);
            v = lag.keep_better(&mut pr, at, (&ac, &aw), &mut start, &mut value);
            averaged = true;
            if warm.is_none() {
                reserve = t.elapsed().as_secs_f64();
            }
        }
        tracing::debug!(
            iterations,
            bound = best.as_ref().map(|b| b.0),
            heuristic = v,
            heuristic_s = reserve,
            seconds = started.elapsed().as_secs_f64(),
            "programme Lagrangian round"
        );
        if done || last {
            break;
        }
    }
    // The bundle's last weights on each cadre's plans: the average handed on instead of the
    // subgradient's (the neighbourhood search guided by them found 1,233,819 at national size,
    // by the subgradient's plans averaged 1,230,254).
    let mut primal: Option<Vec<Vec<(u32, f64)>>> = None;
    // The bundle method from the least L found, for the time left (`programme_bundle`): the
    // subgradient stalls where it starts at national size, well above the least L.
    if bundle && let Some((b, at)) = &best {
        // The heuristic over the average still to run below keeps its time.
        let kept = if averaged { 0.0 } else { reserve };
        let left = seconds - started.elapsed().as_secs_f64() - kept;
        if left > 0.0 {
            let t = Instant::now();
            let from = (at.clone(), seeds.take());
            let f = lag.bundle(&mut pr, from, value.max(floor), (left, BUNDLE_ITERATIONS));
            tracing::debug!(
                before = b,
                bound = f.bound,
                iterations = f.iterations,
                serious = f.serious,
                predicted = f.predicted,
                seconds = t.elapsed().as_secs_f64(),
                "programme bundle"
            );
            primal = Some(f.weights);
            if f.bound < *b {
                best = Some((f.bound, f.at));
            }
        }
    }
    // The loop left at its top, out of time, before a round ran the heuristic over the average.
    if !averaged && let Some((_, at)) = &best {
        let (ac, aw) = avg.columns(&lag);
        lag.keep_better(&mut pr, at, (&ac, &aw), &mut start, &mut value);
    }
    let (bound, at) = best.expect("a round ran");
    let (ac, aw) = avg.columns(&lag);
    let mut averaged: Vec<(OutCol, f64)> = ac.into_iter().zip(aw).collect();
    if let Some(p) = primal.filter(|p| p.iter().any(|v| !v.is_empty())) {
        averaged = p
            .into_iter()
            .flat_map(|v| v.into_iter().map(|(id, w)| (*lag.col(id), w)))
            .collect();
    }
    if tracing::enabled!(tracing::Level::DEBUG) {
        let (_, plans) = lag.evaluate(&mut pr, &at);
        let mut per = vec![0usize; lag.n_t];
        for p in &plans {
            if let Some(id) = p.rotation {
                per[lag.col(id).period as usize] += 1;
            }
        }
        let g = lag.subgradient(&pr, &plans, &at);
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
    Some(Found {
        bound,
        start,
        value,
        iterations,
        seconds: started.elapsed().as_secs_f64(),
        at,
        theta,
        averaged,
    })
}

/// A start for the Lagrangian of a large programme: multipliers, and a programme (its columns).
pub struct Warm {
    pub at: Multipliers,
    pub programme: Vec<OutCol>,
}

/// What the plans of the rounds before count in a round's average, per round (at national size
/// the heuristic over the average of one round found 1,148,000, with 0.5 carried 1,167,000).
const AVERAGE_CARRY: f64 = 0.5;

/// The step factor of a Lagrangian from a warm start.
const WARM_THETA: f64 = 0.1;

/// Cadres per block of [`by_blocks`] about (the 1,000-cadre test programme converges in about
/// 700 steps, 7 s; at national size the Lagrangian over every column does not in 5 minutes).
/// Blocks of 2,000 at national size: 1,216,111 against 1,217,726, and a weaker bound (less time
/// left for the steps over every column).
pub const BLOCK_CADRES: usize = 1_000;

/// The programme solved in `blocks` parts, each the Lagrangian of [`run`] over the cadres and
/// posts of the units u with u mod blocks = b (a cadre by its current unit): every column of a
/// block is a column of the programme, and the blocks share no seat and no unit, so the
/// programmes of the blocks together break no seat or departure row. The multipliers of each
/// block's seats and units, taken together, start the Lagrangian over every column; the blocks'
/// programmes, checked and completed over every column, are its first heuristic. Within about
/// `seconds`; `None` as for [`run`].
pub fn by_blocks(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    blocks: usize,
    seconds: f64,
) -> Option<Warm> {
    let started = Instant::now();
    let n_t = tl.periods.len();
    let blocks = blocks.max(1);
    let unit_block = |u: crate::domain::UnitIx| u as usize % blocks;
    let post_block: Vec<usize> = sc.posts.iter().map(|p| unit_block(p.unit)).collect();
    let cadre_block: Vec<usize> = sc
        .cadres
        .iter()
        .enumerate()
        .map(|(i, c)| c.current_unit.map_or(i % blocks, unit_block))
        .collect();
    let mut at = Multipliers::zero(sc, n_t);
    let mut programme = Vec::new();
    for b in 0..blocks {
        let mine =
            |c: CadreIx, p: PostIx| cadre_block[c as usize] == b && post_block[p as usize] == b;
        let part = Columns {
            rotations: cols
                .rotations
                .iter()
                .filter(|r| mine(r.cadre, r.post))
                .cloned()
                .collect(),
            placements: cols
                .placements
                .iter()
                .filter(|x| mine(x.cadre, x.post))
                .cloned()
                .collect(),
            running: cols
                .running
                .iter()
                .filter(|r| cadre_block[r.cadre as usize] == b)
                .cloned()
                .collect(),
            occupancy: cols.occupancy.clone(),
            unplaceable: Vec::new(),
            without_placement: 0,
            left_out: cols
                .left_out
                .par_iter()
                .filter(|x| mine(x.cadre, x.post))
                .copied()
                .collect(),
        };
        // An even share of what is left for each block still to go.
        let left = (seconds - started.elapsed().as_secs_f64()) / (blocks - b) as f64;
        let f = run_then(sc, tl, &part, (left.max(0.0), 0.0), None, false)?;
        tracing::debug!(
            block = b,
            bound = f.bound,
            value = f.value,
            iterations = f.iterations,
            seconds = f.seconds,
            "programme Lagrangian: a block"
        );
        programme.extend(f.start);
        for (p, &pb) in post_block.iter().enumerate() {
            if pb == b {
                at.seats[p * n_t..(p + 1) * n_t]
                    .copy_from_slice(&f.at.seats[p * n_t..(p + 1) * n_t]);
            }
        }
        for u in (b..sc.units.len()).step_by(blocks) {
            at.departures[u * n_t..(u + 1) * n_t]
                .copy_from_slice(&f.at.departures[u * n_t..(u + 1) * n_t]);
        }
        // The smoothing's multipliers are the programme's: their mean over the blocks (in
        // the domain, as each block's is).
        for t in 0..n_t {
            at.above[t] += f.at.above[t] / blocks as f64;
            at.below[t] += f.at.below[t] / blocks as f64;
        }
        at.family.extend(f.at.family);
    }
    programme.sort_by_key(|x| (x.kind == MoveKind::Placement, x.cadre, x.period, x.post));
    Some(Warm { at, programme })
}

/// L(λ) at the multipliers `m` (the seats' post · n_t + t, the departures' unit · n_t + t, the
/// smoothing's and H10's rows), taken into their domain first (each ≥ 0, above + below of a
/// period at most smoothing / n_t, H10 rows that do not hold for every programme dropped): a
/// bound over every programme over every column, whatever they are (the module's comment).
/// `None` as for [`run`], or when a length is wrong.
pub fn bound_at(sc: &Scenario, tl: &Timeline, cols: &Columns, m: &Multipliers) -> Option<f64> {
    let lag = Lagrangian::new(sc, tl, cols)?;
    if !fits(sc, tl, m) {
        return None;
    }
    let mut pr = Pricer::base(sc, tl, cols);
    let mut m = m.clone();
    lag.to_domain(&pr, &mut m);
    if let Err(e) = lag.check_prices(&mut pr, &m) {
        panic!("the subproblems' pricing is not the model's: {e}");
    }
    Some(lag.evaluate(&mut pr, &m).0)
}

/// Whether `m`'s dense parts have this programme's lengths.
fn fits(sc: &Scenario, tl: &Timeline, m: &Multipliers) -> bool {
    let zero = Multipliers::zero(sc, tl.periods.len());
    let same = |a: &[f64], b: &[f64]| a.len() == b.len();
    same(&m.seats, &zero.seats)
        && same(&m.departures, &zero.departures)
        && same(&m.above, &zero.above)
        && same(&m.below, &zero.below)
}

/// The bound of the bundle method (`programme_bundle`) from multipliers `m` (taken into their
/// domain) after at most `iterations` steps, seeded with each cadre's plans at λ = 0 and at `m`;
/// each cadre's cuts checked against its best plan at every point evaluated and the model
/// against L there (a test API, as [`bound_at`]; `None` as for [`run`] or when a length is
/// wrong; a panic when a cut or a side is not the pricing's).
pub fn bundle_at(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    m: &Multipliers,
    target: f64,
    iterations: usize,
) -> Option<f64> {
    if !fits(sc, tl, m) {
        return None;
    }
    let lag = Lagrangian::new(sc, tl, cols)?;
    let mut pr = Pricer::base(sc, tl, cols);
    let mut m = m.clone();
    lag.to_domain(&pr, &mut m);
    // Seeds: each cadre's plans at λ = 0 and at m, as the subgradient's steps would give them.
    let mut seeds = Seeds::new(&m, sc.cadres.len());
    for at in [Multipliers::zero(sc, tl.periods.len()), m.clone()] {
        let (_, plans) = lag.evaluate(&mut pr, &at);
        seeds.add(&lag, &pr, &at, &plans);
    }
    let from = (m, Some(seeds));
    match lag.bundle_checked(&mut pr, from, target, (f64::INFINITY, iterations), true) {
        Ok(f) => Some(f.bound),
        Err(e) => panic!("the bundle's cuts or sides are not the pricing's: {e}"),
    }
}

/// The Lagrangian heuristic's programme at multipliers `m` (taken into their domain), with `rot`
/// rotations and `plc` placements per cadre and period as its greedy's candidates before it looks
/// at every column: the columns, their value ([`value_of`]) and the moves of its second pass with
/// a column beyond the candidates (a test API, as [`bound_at`]; `None` as for [`run`]).
pub fn heuristic_at(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    m: &Multipliers,
    rot: usize,
    plc: usize,
) -> Option<(Vec<OutCol>, f64, usize)> {
    let lag = Lagrangian::new(sc, tl, cols)?;
    let mut pr = Pricer::base(sc, tl, cols);
    let mut m = m.clone();
    lag.to_domain(&pr, &mut m);
    Some(lag.heuristic_with(&mut pr, &m, rot, plc, None))
}

/// The coupling rows' multipliers among an LP's row duals (`keys`, `duals`), each at least 0.
pub(super) fn multipliers_of(
    sc: &Scenario,
    n_t: usize,
    keys: &[super::model::RowKey],
    duals: &[f64],
) -> Multipliers {
    use super::model::RowKey;
    use super::programme::ProgrammeRow;
    let mut m = Multipliers::zero(sc, n_t);
    for (k, &y) in keys.iter().zip(duals) {
        let y = y.max(0.0);
        match *k {
            RowKey::Programme(ProgrammeRow::Seats(p, t)) => {
                m.seats[p as usize * n_t + t as usize] = y
            }
            RowKey::Programme(ProgrammeRow::Departures(u, t)) => {
                m.departures[u as usize * n_t + t as usize] = y
            }
            RowKey::Programme(ProgrammeRow::Above(t)) => m.above[t as usize] = y,
            RowKey::Programme(ProgrammeRow::Below(t)) => m.below[t as usize] = y,
            RowKey::Programme(ProgrammeRow::Family(a, b, u, t, kind)) if y > 0.0 => {
                m.family.insert((a, b, u, t, kind), y);
            }
            _ => {}
        }
    }
    m
}

/// What [`refine`] starts from and goes toward.
pub(super) struct Again<'r> {
    /// Multipliers (the first part's best, the column generation's last LP duals): the best.
    pub from: Vec<Multipliers>,
    /// The best programme known, and the step factor the first part ended with.
    pub target: f64,
    pub theta: f64,
    pub seconds: f64,
    /// Columns and weights (an LP's solution) the heuristic takes first, at the best λ.
    pub round: Option<(&'r [OutCol], &'r [f64])>,
}

/// What [`refine`] found: the least L seen, the iterations, and the heuristic's programme over
/// `Again::round` with its value.
pub(super) struct Refined {
    pub bound: f64,
    pub iterations: usize,
    pub rounded: Option<(Vec<OutCol>, f64)>,
}

/// The Lagrangian again, from the best of the multipliers `a.from`, toward `a.target`, within
/// about `a.seconds`, then the heuristic over `a.round` (`None` as for [`run`]).
pub(super) fn refine(sc: &Scenario, tl: &Timeline, cols: &Columns, a: Again) -> Option<Refined> {
    let started = Instant::now();
    let lag = Lagrangian::new(sc, tl, cols)?;
    let mut pr = Pricer::base(sc, tl, cols);
    let mut best: Option<(f64, Multipliers)> = None;
    for mut m in a.from {
        lag.to_domain(&pr, &mut m);
        let l = lag.evaluate(&mut pr, &m).0;
        tracing::debug!(l, "programme Lagrangian: a start");
        if best.as_ref().is_none_or(|b| l < b.0) {
            best = Some((l, m));
        }
    }
    let (l0, m) = best?;
    let left = (a.seconds - started.elapsed().as_secs_f64()).max(0.0);
    let d = lag.ascend(
        &mut pr,
        Some(m.clone()),
        a.target,
        (left, REFINE_ITERATIONS),
        a.theta,
        (None, None),
    );
    let (bound, at) = if d.bound < l0 {
        (d.bound, d.at)
    } else {
        (l0, m)
    };
    let rounded = a.round.map(|first| {
        let (s, v, _) = lag.heuristic_with(
            &mut pr,
            &at,
            HEURISTIC_ROTATIONS,
            HEURISTIC_PLACEMENTS,
            Some(first),
        );
        (s, v)
    });
    Some(Refined {
        bound,
        iterations: d.iterations,
        rounded,
    })
}

/// Subgradient iterations of [`refine`] at most.
/// (A count, not the time, ends it at national size: 300 steps, 25 s; the same input gives the
/// same bound and the same rounded start.)
const REFINE_ITERATIONS: usize = 300;
