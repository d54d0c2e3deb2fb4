//! A greedy programme, period by period, feasible for the programme's model by construction: the
//! MIP's start, so that HiGHS has an incumbent at once and a time limit still returns a programme.
//!
//! Conservative choices keep it feasible without the model's finer rows: a holder's seat is taken
//! until it falls vacant by itself or the holder rotates (a vacancy chain: freed from that period
//! on, for the moves the greedy takes after); a cadre
//! with a relative in the pool never goes to a sensitive, head or deputy post (H10); at most
//! `max_departures_per_period` rotations leave a unit in a period (S1); a rotation is taken only
//! with a placement after it that follows its rank (P1, H6) and has a free seat up to retirement.
//! The smoothing deviations, the unplaced slacks and the soft targets' slacks are continuous:
//! the backend completes them. A start that breaks a hard target or pin is simply not used.

use crate::domain::{CadreIx, PostIx, Scenario, UnitIx};
use crate::programme::{Columns, MoveKind, OutCol, Timeline};
use crate::rules::RuleContext;
use crate::rules::family::{FamilySide, has_side};
use std::collections::BTreeMap;

/// Seats in use on each period's date, and the moves' checks.
struct Seats<'a> {
    sc: &'a Scenario,
    tl: &'a Timeline,
    /// post · n_t + t: seats taken by the occupants and the moves chosen so far.
    used: Vec<u32>,
}

impl Seats<'_> {
    fn room(&self, p: PostIx, periods: &[usize]) -> bool {
        let n_t = self.tl.periods.len();
        let seats = self.sc.post(p).seats;
        periods
            .iter()
            .all(|&t| self.used[p as usize * n_t + t] < seats)
    }

    fn take(&mut self, p: PostIx, periods: &[usize]) {
        let n_t = self.tl.periods.len();
        for &t in periods {
            self.used[p as usize * n_t + t] += 1;
        }
    }

    /// The periods a placement of cadre `c` in period `s` holds its post (until retirement).
    fn placement_periods(&self, ctx0: &RuleContext, c: CadreIx, s: usize) -> Vec<usize> {
        self.rotation_periods(ctx0, c, s, None)
    }

    /// The periods a move of cadre `c` in period `t` holds its post: until `placement` (none: a
    /// placement's own, or a rotation ending after the programme) and the cadre's retirement.
    fn rotation_periods(
        &self,
        ctx0: &RuleContext,
        c: CadreIx,
        t: usize,
        placement: Option<usize>,
    ) -> Vec<usize> {
        let r = ctx0.facts[c as usize].retirement;
        (t..self.tl.periods.len())
            .filter(|&u| crate::programme::holds_post_on(&self.tl.periods, r, (t, placement), u))
            .collect()
    }
}

/// The greedy programme's x columns (rotation k is k, placement j is rotations.len() + j), sorted.
pub fn start(sc: &Scenario, tl: &Timeline, cols: &Columns) -> Vec<usize> {
    let cands = super::programme_pricing::kept(sc, cols);
    let mut chosen = greedy(sc, tl, cols, &cands);
    chosen.sort_unstable();
    chosen
}

/// Rotations and placements of each cadre and period the greedy over every column looks at:
/// the best by score (the programme's model keeps 5; the greedy needs more where the best posts
/// are everybody's best and their seats go first).
const ROTATIONS_PER_PERIOD: usize = 40;
const PLACEMENTS_PER_PERIOD: usize = 200;

/// The greedy programme over every column, the left-out ones included (`Columns::left_out`):
/// the columns it uses, as [`OutCol`]s sorted by (kind, cadre, period, post). For large
/// programmes, whose kept columns (each cadre's few best) are everybody's best posts: a greedy
/// over them alone leaves running rotations unplaced and most cadres unrotated.
pub fn over_every_column(sc: &Scenario, tl: &Timeline, cols: &Columns) -> Vec<OutCol> {
    use rayon::prelude::*;
    let n_c = sc.cadres.len();
    // Each cadre's candidates, kept and left out (both in cadre order), in parallel; then in
    // cadre order. Only one cadre's columns are copied at a time: the left-out ones are gigabytes.
    let kept = super::programme_pricing::kept(sc, cols);
    let (kept_rot, kept_plc) = kept.split_at(cols.rotations.len());
    let of = |v: &[OutCol], c: CadreIx| {
        let a = v.partition_point(|x| x.cadre < c);
        let b = v.partition_point(|x| x.cadre <= c);
        (a, b)
    };
    let cands: Vec<OutCol> = (0..n_c as CadreIx)
        .into_par_iter()
        .flat_map_iter(|c| {
            let mut v: Vec<OutCol> = Vec::new();
            for list in [kept_rot, kept_plc, &cols.left_out[..]] {
                let (a, b) = of(list, c);
                v.extend_from_slice(&list[a..b]);
            }
            // Best first within (kind, period); ties: the lower post.
            v.sort_by(|a, b| {
                (a.kind == MoveKind::Placement, a.period)
                    .cmp(&(b.kind == MoveKind::Placement, b.period))
                    .then(b.score.total_cmp(&a.score))
                    .then(a.post.cmp(&b.post))
            });
            let mut out = Vec::new();
            let mut run = (None, 0usize);
            for x in v {
                let key = Some((x.kind == MoveKind::Placement, x.period));
                if run.0 != key {
                    run = (key, 0);
                }
                let cap = match x.kind {
                    MoveKind::Rotation => ROTATIONS_PER_PERIOD,
                    MoveKind::Placement => PLACEMENTS_PER_PERIOD,
                };
                if run.1 < cap {
                    out.push(x);
                }
                run.1 += 1;
            }
            out
        })
        .collect();
    let mut chosen: Vec<OutCol> = greedy(sc, tl, cols, &cands)
        .into_iter()
        .map(|i| cands[i])
        .collect();
    chosen.sort_by_key(|x| (x.kind == MoveKind::Placement, x.cadre, x.period, x.post));
    chosen
}

/// The greedy over the candidate columns `cands` (any order): the indexes of `cands` it uses.
/// Ties are broken by cadre and post, never by position, so that the same columns give the
/// same programme whatever set holds them.
fn greedy(sc: &Scenario, tl: &Timeline, cols: &Columns, cands: &[OutCol]) -> Vec<usize> {
    let scores: Vec<f64> = cands.iter().map(|x| x.score).collect();
    greedy_by(sc, tl, cols, cands, &scores)
}

/// Each cadre's columns beyond the candidates, best first by the greedy's key: after the
/// candidates, a cadre still unmoved (or a running rotation still unplaced) tries every one of
/// its columns in that order (`greedy_deeper`). At national size the candidates (each cadre's
/// 100 best rotations by reduced cost) ran out for about 1,400 to 5,000 cadres a call, whose
/// seats went to others first.
pub(super) trait Deeper: Sync {
    /// Cadre `c`'s rotation columns, every period, best first.
    fn rotations(&self, c: CadreIx) -> Vec<OutCol>;
    /// Cadre `c`'s placement columns of period `s`, best first.
    fn placements(&self, c: CadreIx, s: usize) -> Vec<OutCol>;
}

/// [`greedy`] taking the candidates in the order of `key` (one per candidate, best first) instead
/// of their scores: the Lagrangian heuristic of `programme_lagrange` orders them by reduced cost,
/// so that everybody's favourite posts go to those who lose most without them. A move is still
/// taken only when its score (with its placement's) is positive.
pub(super) fn greedy_by(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    cands: &[OutCol],
    key: &[f64],
) -> Vec<usize> {
    if sc.programme.is_none() {
        return Vec::new();
    }
    let mut state = State::new(sc, tl, cols);
    let chosen = state.over(cands, key);
    state.log();
    chosen
}

/// [`greedy_by`] over `first` (period by period, by its own key within a period: an averaged
/// or rounded solution's columns by their weight), then over `cands`; then every running
/// rotation left unplaced and every cadre left unmoved (those whose best candidate comes first
/// by `key` first) takes its first column of `deeper` that fits (the second pass): the columns
/// used, and how many moves of the second pass use a column that is not a candidate (the others
/// are candidates that fit now: a vacancy chain taken after them freed their seat).
pub(super) fn greedy_deeper(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    first: Option<(&[OutCol], &[f64])>,
    cands: &[OutCol],
    key: &[f64],
    deeper: &dyn Deeper,
) -> (Vec<OutCol>, usize) {
    use rayon::prelude::*;
    if sc.programme.is_none() {
        return (Vec::new(), 0);
    }
    let mut state = State::new(sc, tl, cols);
    let mut chosen: Vec<OutCol> = Vec::new();
    if let Some((f, k)) = first {
        // Again while it takes more: a move whose seat a later vacancy chain of the same
        // period freed fits on the next pass (a chain of k moves in k passes).
        for _ in 0..FIRST_PASSES {
            let more = state.over(f, k);
            if more.is_empty() {
                break;
            }
            chosen.extend(more.into_iter().map(|i| f[i]));
        }
    }
    chosen.extend(state.over(cands, key).into_iter().map(|i| cands[i]));
    let running: BTreeMap<CadreIx, usize> =
        cols.running.iter().map(|r| (r.cadre, r.period)).collect();
    // Each cadre's best key among its rotation candidates (none: no rotation to look for).
    let mut best = vec![f64::NEG_INFINITY; sc.cadres.len()];
    for (x, &k) in cands.iter().zip(key) {
        if x.kind == MoveKind::Rotation {
            best[x.cadre as usize] = best[x.cadre as usize].max(k);
        }
    }
    // Running rotations unplaced, then cadres unmoved; their columns listed in parallel, a
    // chunk at a time (a cadre's columns are megabytes at national size). A running rotation's
    // cadre has no rotation column (`programme::generate_keeping`): the two lists do not meet.
    let before = chosen.len();
    let todo: Vec<CadreIx> = running
        .iter()
        .filter(|(c, _)| !state.moved[**c as usize])
        .map(|(c, _)| *c)
        .collect();
    for chunk in todo.chunks(DEEPER_CHUNK) {
        let lists: Vec<Vec<OutCol>> = chunk
            .par_iter()
            .map(|&c| deeper.placements(c, running[&c]))
            .collect();
        for (&c, list) in chunk.iter().zip(&lists) {
            if let Some(x) = state.place_running(c, running[&c], list.iter().map(|x| (x, x))) {
                chosen.push(*x);
            }
        }
    }
    let mut todo: Vec<CadreIx> = (0..sc.cadres.len() as CadreIx)
        .filter(|&c| best[c as usize] > f64::NEG_INFINITY && !state.moved[c as usize])
        .collect();
    todo.sort_by(|&a, &b| {
        best[b as usize]
            .total_cmp(&best[a as usize])
            .then(a.cmp(&b))
    });
    for chunk in todo.chunks(DEEPER_CHUNK) {
        let lists: Vec<Vec<OutCol>> = chunk.par_iter().map(|&c| deeper.rotations(c)).collect();
        for (&c, list) in chunk.iter().zip(&lists) {
            let mut after: BTreeMap<usize, Vec<OutCol>> = BTreeMap::new();
            for r in list {
                if state.moved[c as usize] {
                    break;
                }
                let s = r.placement_period();
                if let Some(s) = s
                    && !after.contains_key(&s)
                {
                    after.insert(s, deeper.placements(c, s));
                }
                let plc = s.map_or(&[][..], |s| &after[&s][..]);
                if let Some(j) = state.rotate(r, plc.iter().map(|x| (x, x))) {
                    chosen.push(*r);
                    chosen.extend(j.copied());
                }
            }
        }
    }
    // The second pass's moves (a cadre's columns, at most a rotation and its placement) with a
    // column that is not a candidate: one scan of the candidates, each compared with its
    // cadre's few columns of the second pass.
    let second = &chosen[before..];
    let mut of: BTreeMap<CadreIx, Vec<usize>> = BTreeMap::new();
    for (i, x) in second.iter().enumerate() {
        of.entry(x.cadre).or_default().push(i);
    }
    let mut listed = vec![false; sc.cadres.len()];
    for c in of.keys() {
        listed[*c as usize] = true;
    }
    let key_of = |x: &OutCol| (x.kind, x.cadre, x.period, x.post);
    let mut candidate = vec![false; second.len()];
    for x in cands.iter().filter(|x| listed[x.cadre as usize]) {
        for &i in &of[&x.cadre] {
            candidate[i] |= key_of(x) == key_of(&second[i]);
        }
    }
    let deeper_moves = of
        .values()
        .filter(|v| v.iter().any(|&i| !candidate[i]))
        .count();
    tracing::debug!(
        second_pass = second.len(),
        deeper_moves,
        "programme greedy: columns taken by the second pass, moves with a column beyond the candidates"
    );
    state.log();
    (chosen, deeper_moves)
}

/// Passes over the first columns of [`greedy_deeper`] at most.
const FIRST_PASSES: usize = 16;

/// Cadres whose columns [`greedy_deeper`] lists at once.
const DEEPER_CHUNK: usize = 64;

/// What the greedy has taken so far.
struct State<'a> {
    sc: &'a Scenario,
    cols: &'a Columns,
    max_departures: u32,
    ctx0: RuleContext<'a>,
    seats: Seats<'a>,
    held: Vec<Option<PostIx>>,
    related: Vec<bool>,
    moved: Vec<bool>,
    departures: BTreeMap<(UnitIx, usize), u32>,
    /// Why candidates were passed over, per period: moved already, H10, S1, no seat, no
    /// placement after, not worth it (the debug log's).
    why: Vec<[usize; 6]>,
}

impl<'a> State<'a> {
    fn new(sc: &'a Scenario, tl: &'a Timeline, cols: &'a Columns) -> Self {
        let n_t = tl.periods.len();
        let mut used = vec![0u32; sc.posts.len() * n_t];
        for (p, o) in cols.occupancy.iter().enumerate() {
            for (t, &d) in tl.periods.iter().enumerate() {
                used[p * n_t + t] = o.taken_on(d);
            }
        }
        let mut held: Vec<Option<PostIx>> = vec![None; sc.cadres.len()];
        for (p, o) in cols.occupancy.iter().enumerate() {
            if let Some(h) = o.holder {
                held[h as usize] = Some(p as PostIx);
            }
        }
        // H10, conservatively: no cadre with a relative in the pool on a sensitive or leading
        // post.
        let mut related = vec![false; sc.cadres.len()];
        for (a, cadre) in sc.cadres.iter().enumerate() {
            if !cadre.relatives.is_empty() {
                related[a] = true;
                for &b in &cadre.relatives {
                    related[b as usize] = true;
                }
            }
        }
        State {
            sc,
            cols,
            max_departures: sc
                .programme
                .as_ref()
                .map_or(0, |p| p.max_departures_per_period),
            ctx0: RuleContext::new(&tl.at[0]),
            seats: Seats { sc, tl, used },
            held,
            related,
            moved: vec![false; sc.cadres.len()],
            departures: BTreeMap::new(),
            why: vec![[0usize; 6]; n_t],
        }
    }

    fn risky(&self, c: CadreIx, p: PostIx) -> bool {
        self.related[c as usize]
            && (has_side(self.sc, p, FamilySide::Sensitive)
                || has_side(self.sc, p, FamilySide::Leader))
    }

    /// The running rotation of `c`, ending in period `s`: its first placement of `plc` that fits,
    /// taken. The placements come with a tag, returned with the one taken.
    fn place_running<'x, K>(
        &mut self,
        c: CadreIx,
        s: usize,
        plc: impl Iterator<Item = (K, &'x OutCol)>,
    ) -> Option<K> {
        if self.moved[c as usize] {
            return None;
        }
        for (k, x) in plc {
            let held = self.seats.placement_periods(&self.ctx0, c, s);
            if self.risky(c, x.post) || !self.seats.room(x.post, &held) {
                continue;
            }
            self.seats.take(x.post, &held);
            self.moved[c as usize] = true;
            return Some(k);
        }
        None
    }

    /// Rotation `r`, with the first placement of `plc` (best first) that follows it and fits,
    /// taken when everything fits and it is worth it: `Some(the placement's tag, if any)`.
    fn rotate<'x, K>(
        &mut self,
        r: &OutCol,
        plc: impl Iterator<Item = (K, &'x OutCol)>,
    ) -> Option<Option<K>> {
        let t = r.period as usize;
        if self.moved[r.cadre as usize] || self.risky(r.cadre, r.post) {
            self.why[t][if self.moved[r.cadre as usize] { 0 } else { 1 }] += 1;
            return None;
        }
        let unit = self.sc.cadre(r.cadre).current_unit;
        if let Some(u) = unit
            && self.departures.get(&(u, t)).copied().unwrap_or(0) >= self.max_departures
        {
            self.why[t][2] += 1;
            return None;
        }
        let on = self
            .seats
            .rotation_periods(&self.ctx0, r.cadre, t, r.placement_period());
        if !self.seats.room(r.post, &on) {
            self.why[t][3] += 1;
            return None;
        }
        let mut after = None;
        if let Some(s) = r.placement_period() {
            let rank = self.sc.post(r.post).rank;
            for (k, x) in plc {
                let held = self.seats.placement_periods(&self.ctx0, x.cadre, s);
                if x.follows(self.sc, rank)
                    && !self.risky(x.cadre, x.post)
                    && self.seats.room(x.post, &held)
                {
                    after = Some((k, x, held));
                    break;
                }
            }
            if after.is_none() {
                self.why[t][4] += 1;
                return None;
            }
        }
        let worth = r.score + after.as_ref().map_or(0.0, |(_, x, _)| x.score);
        if worth <= 0.0 {
            self.why[t][5] += 1;
            return None;
        }
        self.seats.take(r.post, &on);
        if let Some((_, x, held)) = &after {
            self.seats.take(x.post, held);
        }
        self.moved[r.cadre as usize] = true;
        if let Some(u) = unit {
            *self.departures.entry((u, t)).or_default() += 1;
        }
        // A vacancy chain: the holder's move frees their seat from its period on (the model's
        // seat row counts the holder's rotations so far against the seat), for the moves taken
        // after this one.
        if let Some(q) = self.held[r.cadre as usize] {
            let occ = &self.cols.occupancy[q as usize];
            let n_t = self.seats.tl.periods.len();
            for u in t..n_t {
                if occ.taken_on(self.seats.tl.periods[u]) > 0 {
                    let k = q as usize * n_t + u;
                    self.seats.used[k] = self.seats.used[k].saturating_sub(1);
                }
            }
        }
        Some(after.map(|(k, _, _)| k))
    }

    /// The candidates `cands` in the order of `key`: running rotations' placements first, then
    /// rotations period by period, best first. The indexes of `cands` taken.
    fn over(&mut self, cands: &[OutCol], key: &[f64]) -> Vec<usize> {
        let mut chosen = Vec::new();
        let best_first = |i: usize, j: usize| {
            let (a, b) = (&cands[i], &cands[j]);
            key[j]
                .total_cmp(&key[i])
                .then(a.cadre.cmp(&b.cadre))
                .then(a.post.cmp(&b.post))
        };
        // The placement columns of each (cadre, period), best first.
        let mut plc_of: BTreeMap<(CadreIx, usize), Vec<usize>> = BTreeMap::new();
        for (j, x) in cands.iter().enumerate() {
            if x.kind == MoveKind::Placement {
                plc_of
                    .entry((x.cadre, x.period as usize))
                    .or_default()
                    .push(j);
            }
        }
        for v in plc_of.values_mut() {
            v.sort_by(|&a, &b| best_first(a, b));
        }
        let list = |c: CadreIx, s: usize| {
            plc_of
                .get(&(c, s))
                .map_or(&[][..], |v| &v[..])
                .iter()
                .map(|&j| (j, &cands[j]))
        };
        // Running rotations first: their placement (or the unplaced penalty).
        for r in &self.cols.running {
            if let Some(j) = self.place_running(r.cadre, r.period, list(r.cadre, r.period)) {
                chosen.push(j);
            }
        }
        // Rotations period by period, best first, each with its placement.
        let mut order: Vec<usize> = (0..cands.len())
            .filter(|&k| cands[k].kind == MoveKind::Rotation)
            .collect();
        order.sort_by(|&a, &b| cands[a].period.cmp(&cands[b].period).then(best_first(a, b)));
        for k in order {
            let r = &cands[k];
            let plc = r
                .placement_period()
                .map_or_else(|| list(r.cadre, usize::MAX), |s| list(r.cadre, s));
            if let Some(after) = self.rotate(r, plc) {
                chosen.push(k);
                chosen.extend(after);
            }
        }
        chosen
    }

    fn log(&self) {
        tracing::debug!(
            why = ?self.why,
            "programme greedy: candidates passed over per period (moved, H10, S1, seat, placement, worth)"
        );
    }
}
