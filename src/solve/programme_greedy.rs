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
        let r = ctx0.facts[c as usize].retirement;
        (s..self.tl.periods.len())
            .filter(|&t| r.is_none_or(|r| self.tl.periods[t] <= r))
            .collect()
    }

    /// The periods a rotation in period `t` holds its post (until its placement).
    fn rotation_periods(&self, t: usize, placement: Option<usize>) -> Vec<usize> {
        (t..self.tl.periods.len())
            .filter(|&u| placement.is_none_or(|s| u < s))
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
    let Some(prog) = sc.programme.as_ref() else {
        return Vec::new();
    };
    let n_t = tl.periods.len();
    let ctx0 = RuleContext::new(&tl.at[0]);
    let mut used = vec![0u32; sc.posts.len() * n_t];
    for (p, o) in cols.occupancy.iter().enumerate() {
        for (t, &d) in tl.periods.iter().enumerate() {
            used[p * n_t + t] = o.taken_on(d);
        }
    }
    let mut seats = Seats { sc, tl, used };
    let mut held: Vec<Option<PostIx>> = vec![None; sc.cadres.len()];
    for (p, o) in cols.occupancy.iter().enumerate() {
        if let Some(h) = o.holder {
            held[h as usize] = Some(p as PostIx);
        }
    }
    // H10, conservatively: no cadre with a relative in the pool on a sensitive or leading post.
    let mut related = vec![false; sc.cadres.len()];
    for (a, cadre) in sc.cadres.iter().enumerate() {
        if !cadre.relatives.is_empty() {
            related[a] = true;
            for &b in &cadre.relatives {
                related[b as usize] = true;
            }
        }
    }
    let risky = |c: CadreIx, p: PostIx| {
        related[c as usize]
            && (has_side(sc, p, FamilySide::Sensitive) || has_side(sc, p, FamilySide::Leader))
    };
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
    let mut chosen = Vec::new();
    let mut moved = vec![false; sc.cadres.len()];

    // Running rotations first: their placement (or the unplaced penalty).
    for r in &cols.running {
        for &j in plc_of.get(&(r.cadre, r.period)).map_or(&[][..], |v| v) {
            let x = &cands[j];
            let held = seats.placement_periods(&ctx0, x.cadre, r.period);
            if risky(x.cadre, x.post) || !seats.room(x.post, &held) {
                continue;
            }
            seats.take(x.post, &held);
            chosen.push(j);
            moved[x.cadre as usize] = true;
            break;
        }
    }

    // Rotations period by period, best first, each with its placement.
    let mut order: Vec<usize> = (0..cands.len())
        .filter(|&k| cands[k].kind == MoveKind::Rotation)
        .collect();
    order.sort_by(|&a, &b| cands[a].period.cmp(&cands[b].period).then(best_first(a, b)));
    let mut departures: BTreeMap<(UnitIx, usize), u32> = BTreeMap::new();
    // Why candidates were passed over, per period: moved already, H10, S1, no seat, no placement
    // after, not worth it (the debug log's).
    let mut why = vec![[0usize; 6]; n_t];
    for k in order {
        let r = &cands[k];
        if moved[r.cadre as usize] || risky(r.cadre, r.post) {
            why[r.period as usize][if moved[r.cadre as usize] { 0 } else { 1 }] += 1;
            continue;
        }
        let unit = sc.cadre(r.cadre).current_unit;
        let t = r.period as usize;
        if let Some(u) = unit
            && departures.get(&(u, t)).copied().unwrap_or(0) >= prog.max_departures_per_period
        {
            why[t][2] += 1;
            continue;
        }
        let on = seats.rotation_periods(t, r.placement_period());
        if !seats.room(r.post, &on) {
            why[t][3] += 1;
            continue;
        }
        let mut after = None;
        if let Some(s) = r.placement_period() {
            let rank = sc.post(r.post).rank;
            for &j in plc_of.get(&(r.cadre, s)).map_or(&[][..], |v| v) {
                let x = &cands[j];
                let held = seats.placement_periods(&ctx0, x.cadre, s);
                if x.follows(sc, rank) && !risky(x.cadre, x.post) && seats.room(x.post, &held) {
                    after = Some((j, held));
                    break;
                }
            }
            if after.is_none() {
                why[t][4] += 1;
                continue;
            }
        }
        let worth = r.score + after.as_ref().map_or(0.0, |(j, _)| cands[*j].score);
        if worth <= 0.0 {
            why[t][5] += 1;
            continue;
        }
        seats.take(r.post, &on);
        chosen.push(k);
        if let Some((j, held)) = after {
            seats.take(cands[j].post, &held);
            chosen.push(j);
        }
        moved[r.cadre as usize] = true;
        if let Some(u) = unit {
            *departures.entry((u, t)).or_default() += 1;
        }
        // A vacancy chain: the holder's move frees their seat from its period on (the model's
        // seat row counts the holder's rotations so far against the seat), for the moves taken
        // after this one.
        if let Some(q) = held[r.cadre as usize] {
            let occ = &cols.occupancy[q as usize];
            for u in t..n_t {
                if occ.taken_on(tl.periods[u]) > 0 {
                    let k = q as usize * n_t + u;
                    seats.used[k] = seats.used[k].saturating_sub(1);
                }
            }
        }
    }
    tracing::debug!(
        ?why,
        "programme greedy: candidates passed over per period (moved, H10, S1, seat, placement, worth)"
    );
    chosen
}
