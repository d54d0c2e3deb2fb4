//! A greedy programme, period by period, feasible for the programme's model by construction: the
//! MIP's start, so that HiGHS has an incumbent at once and a time limit still returns a programme.
//!
//! Conservative choices keep it feasible without the model's finer rows: a holder's seat counts
//! as taken until it falls vacant by itself (their own move would only free it earlier); a cadre
//! with a relative in the pool never goes to a sensitive, head or deputy post (H10); at most
//! `max_departures_per_period` rotations leave a unit in a period (S1); a rotation is taken only
//! with a placement after it that follows its rank (P1, H6) and has a free seat up to retirement.
//! The smoothing deviations, the unplaced slacks and the soft targets' slacks are continuous:
//! the backend completes them. A start that breaks a hard target or pin is simply not used.

use crate::domain::{CadreIx, PostIx, Scenario, UnitIx};
use crate::programme::{Columns, Timeline};
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
    let Some(prog) = sc.programme.as_ref() else {
        return Vec::new();
    };
    let n_t = tl.periods.len();
    let n_rot = cols.rotations.len();
    let ctx0 = RuleContext::new(&tl.at[0]);
    let mut used = vec![0u32; sc.posts.len() * n_t];
    for (p, o) in cols.occupancy.iter().enumerate() {
        for (t, &d) in tl.periods.iter().enumerate() {
            used[p * n_t + t] = o.taken_on(d);
        }
    }
    let mut seats = Seats { sc, tl, used };
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
    // The placement columns of each (cadre, period), best first.
    let mut plc_of: BTreeMap<(CadreIx, usize), Vec<usize>> = BTreeMap::new();
    for (j, x) in cols.placements.iter().enumerate() {
        plc_of.entry((x.cadre, x.period)).or_default().push(j);
    }
    for v in plc_of.values_mut() {
        v.sort_by(|&a, &b| {
            let (sa, sb) = (cols.placements[a].score, cols.placements[b].score);
            sb.total_cmp(&sa).then(a.cmp(&b))
        });
    }
    let mut chosen = Vec::new();
    let mut moved = vec![false; sc.cadres.len()];

    // Running rotations first: their placement (or the unplaced penalty).
    for r in &cols.running {
        for &j in plc_of.get(&(r.cadre, r.period)).map_or(&[][..], |v| v) {
            let x = &cols.placements[j];
            let held = seats.placement_periods(&ctx0, x.cadre, x.period);
            if risky(x.cadre, x.post) || !seats.room(x.post, &held) {
                continue;
            }
            seats.take(x.post, &held);
            chosen.push(n_rot + j);
            moved[x.cadre as usize] = true;
            break;
        }
    }

    // Rotations period by period, best first, each with its placement.
    let mut order: Vec<usize> = (0..n_rot).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (&cols.rotations[a], &cols.rotations[b]);
        ra.period
            .cmp(&rb.period)
            .then(rb.score.total_cmp(&ra.score))
            .then(a.cmp(&b))
    });
    let mut departures: BTreeMap<(UnitIx, usize), u32> = BTreeMap::new();
    for k in order {
        let r = &cols.rotations[k];
        if moved[r.cadre as usize] || risky(r.cadre, r.post) {
            continue;
        }
        let unit = sc.cadre(r.cadre).current_unit;
        if let Some(u) = unit
            && departures.get(&(u, r.period)).copied().unwrap_or(0)
                >= prog.max_departures_per_period
        {
            continue;
        }
        let on = seats.rotation_periods(r.period, r.placement);
        if !seats.room(r.post, &on) {
            continue;
        }
        let mut after = None;
        if let Some(s) = r.placement {
            let rank = sc.post(r.post).rank;
            for &j in plc_of.get(&(r.cadre, s)).map_or(&[][..], |v| v) {
                let x = &cols.placements[j];
                let held = seats.placement_periods(&ctx0, x.cadre, s);
                if x.after_ranks.contains(&rank)
                    && !risky(x.cadre, x.post)
                    && seats.room(x.post, &held)
                {
                    after = Some((j, held));
                    break;
                }
            }
            if after.is_none() {
                continue;
            }
        }
        let worth = r.score
            + after
                .as_ref()
                .map_or(0.0, |(j, _)| cols.placements[*j].score);
        if worth <= 0.0 {
            continue;
        }
        seats.take(r.post, &on);
        chosen.push(k);
        if let Some((j, held)) = after {
            seats.take(cols.placements[j].post, &held);
            chosen.push(n_rot + j);
        }
        moved[r.cadre as usize] = true;
        if let Some(u) = unit {
            *departures.entry((u, r.period)).or_default() += 1;
        }
    }
    chosen.sort_unstable();
    chosen
}
