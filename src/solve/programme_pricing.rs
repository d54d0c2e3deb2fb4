//! A bound over every column of a large programme (issue 14, "the national programme").
//!
//! Above `programme::FILTER_ABOVE` the programme's model keeps only the best columns of each cadre
//! and period; the others are in `Columns::left_out`. Their reduced costs under the duals y of the
//! kept model's LP relaxation bound what they could add (a Lagrangian bound):
//!
//! For any multipliers y of the right signs on the full model's rows (≥ 0 on the ≤ rows of a
//! maximisation, ≤ 0 on ≥ rows, free on equalities), every programme over all columns is worth at
//! most L(y) = y·b + Σ_j max(0, d_j) + (the aux columns' share) + constant, with d_j = c_j − a_jᵀy
//! and every x column in [0, 1] (the binaries relaxed). Take y = the kept LP's optimal duals on its
//! rows and 0 on the rows the full model has beyond them (a row that no kept column could bind is
//! left out of the kept model). Over the kept columns and the aux columns, y·b + Σ max(0, d_j) + the
//! aux share is the kept LP's optimum z_R by LP duality (its reduced costs are exactly these d_j,
//! checked against HiGHS's own below), so
//!
//! ```text
//! L(y) = z_R + Σ_{j left out} max(0, d_j).
//! ```
//!
//! Tighter (Farley): every rotation column of cadre c has coefficient 1 in the row
//! "c rotates at most once" (Σ_j rot_cj ≤ 1, b = 1). Raise that row's multiplier by
//! Δ_c = max(0, max_{j of c left out} d_j) (still ≥ 0, so still a valid y'). Every left-out rotation
//! column of c then has d'_j = d_j − Δ_c ≤ 0 and adds nothing, the kept columns' max(0, d'_j) can
//! only shrink, and y'·b grows by exactly Δ_c. So L(y') ≤ z_R + Σ_c Δ_c. The same holds for the
//! placements after a running rotation: "Σ placements + unplaced = 1" is an equality (its
//! multiplier is free), so it takes Δ_c of c's left-out placements the same way (the unplaced
//! slack, bounded by 1, only loses). Placements after a planned rotation are in an equality with
//! right-hand side 0, so they add their positive reduced costs one by one. Hence the bound
//!
//! ```text
//! z_R + Σ_c max(0, max d over c's left-out rotations)
//!     + Σ_{running c} max(0, max d over c's left-out placements)
//!     + Σ_{other left-out placements} max(0, d),
//! ```
//!
//! which holds for the LP over every column and so for every programme over every column.
//!
//! A second bound, often much tighter when many columns price positive: every programme over
//! every column has Σ rotations of c ≤ 1 and Σ placements of c ≤ 1 for each cadre c (a cadre
//! rotates once and is placed once: "Σ placements = Σ rotations ≤ 1", or "= 1 − unplaced"). Those
//! inequalities are valid for every programme, so the Lagrangian subproblem may keep them instead
//! of the box alone: max over {0 ≤ x ≤ 1, each block's sum ≤ 1} of Σ d_j x_j is Σ over blocks of
//! max(0, max_j d_j), kept and left-out columns together. By LP duality over the kept model,
//! y·b + (the aux columns' share) = z_R − Σ_{j kept} max(0, d_j), so
//!
//! ```text
//! L' = z_R − Σ_{j kept} max(0, d_j) + Σ_c [max(0, max d of c's rotations)
//!                                         + max(0, max d of c's placements)]
//! ```
//!
//! bounds every programme over every column (not the LP over them). Both bounds hold; the smaller
//! is reported.

use super::backend::{RunOptions, backend};
use super::model::RowKey;
use super::programme::{ProgrammeRow, build_parts_relaxed};
use crate::domain::{CadreIx, Date, PostIx, Scenario, UnitIx};
use crate::programme::{Columns, MoveKind, OutCol, Timeline};
use crate::rules::RuleContext;
use crate::rules::family::{FamilySide, has_side};
use std::collections::BTreeMap;

/// What the pricing found.
#[derive(Debug, Clone, PartialEq)]
pub struct FullBound {
    /// The kept model's LP optimum (with the model's constant).
    pub lp: f64,
    /// The bound over every column.
    pub bound: f64,
    /// Left-out columns whose reduced cost is positive.
    pub positive: usize,
    /// Left-out columns priced.
    pub priced: usize,
    pub lp_s: f64,
    pub pricing_s: f64,
    /// Rounds of column generation (`programme_cg`; 1: the kept model's LP priced once) and the
    /// left-out columns added to the model (by the greedy over every column and the rounds).
    pub rounds: usize,
    pub added: usize,
    /// Every programme that uses a column left out of the model is worth at most this (`None`:
    /// not known): with x_j = 1 in the Lagrangian bound of the module's comment,
    /// lp + Σ_{i left out} max(0, d_i) + min(0, d_j), so at most that with the largest d_j of
    /// the left-out columns (−∞ when none is left out). `programme_cg` sets it; with it, the MIP's
    /// own bound over the model's columns and this one bound every programme.
    pub left_out_bound: Option<f64>,
}

impl FullBound {
    /// Take the Lagrangian bound of `programme_lagrange` too (the smaller holds).
    pub(super) fn lagrangian(&mut self, l: Option<f64>) {
        if let Some(l) = l {
            self.bound = self.bound.min(l);
        }
    }
}

/// The duals of the kept LP by row kind, and what a column's reduced cost needs to know.
pub(super) struct Pricer<'a> {
    sc: &'a Scenario,
    periods: &'a [Date],
    cols: &'a Columns,
    retirement: Vec<Option<Date>>,
    /// The post each cadre holds (posts.csv `holder_id`).
    held: Vec<Option<PostIx>>,
    /// For each cadre x, the cadres a with x among a's relatives.
    rev: Vec<Vec<CadreIx>>,
    /// Cadres whose running rotation ends inside the programme (their placements are in the
    /// row "Σ placements + unplaced = 1"; `PlacementCol::running` only says "no unit of origin").
    is_running: Vec<bool>,
    one_rot: Vec<f64>,
    running: Vec<f64>,
    /// cadre · n_t + s.
    placement: Vec<f64>,
    prank: BTreeMap<(CadreIx, u16, i32), f64>,
    /// post · n_t + t.
    seats: Vec<f64>,
    /// unit · n_t + t.
    departures: Vec<f64>,
    above: Vec<f64>,
    below: Vec<f64>,
    family: BTreeMap<(CadreIx, CadreIx, UnitIx, u16, u8), f64>,
}

impl<'a> Pricer<'a> {
    /// `None` when the model has a row this pricing does not know (targets, must-fill, pins,
    /// a forced rotation): then no bound over every column is claimed.
    pub(super) fn new(
        sc: &'a Scenario,
        tl: &'a Timeline,
        cols: &'a Columns,
        keys: &[RowKey],
        duals: &[f64],
    ) -> Option<Pricer<'a>> {
        let mut p = Pricer::base(sc, tl, cols);
        p.set_duals(keys, duals).then_some(p)
    }

    /// A pricing with every multiplier 0 (what the scenario and columns give, once).
    pub(super) fn base(sc: &'a Scenario, tl: &'a Timeline, cols: &'a Columns) -> Pricer<'a> {
        let n_t = tl.periods.len();
        let n_c = sc.cadres.len();
        let ctx0 = RuleContext::new(&tl.at[0]);
        let mut held = vec![None; n_c];
        for (p, o) in cols.occupancy.iter().enumerate() {
            if let Some(h) = o.holder {
                held[h as usize] = Some(p as PostIx);
            }
        }
        let mut rev = vec![Vec::new(); n_c];
        for (a, cadre) in sc.cadres.iter().enumerate() {
            for &b in &cadre.relatives {
                rev[b as usize].push(a as CadreIx);
            }
        }
        let mut is_running = vec![false; n_c];
        for r in &cols.running {
            is_running[r.cadre as usize] = true;
        }
        Pricer {
            is_running,
            sc,
            periods: &tl.periods,
            cols,
            retirement: (0..n_c).map(|c| ctx0.facts[c].retirement).collect(),
            held,
            rev,
            one_rot: vec![0.0; n_c],
            running: vec![0.0; n_c],
            placement: vec![0.0; n_c * n_t],
            prank: BTreeMap::new(),
            seats: vec![0.0; sc.posts.len() * n_t],
            departures: vec![0.0; sc.units.len() * n_t],
            above: vec![0.0; n_t],
            below: vec![0.0; n_t],
            family: BTreeMap::new(),
        }
    }

    /// Price with `duals` on the rows `keys` (every other row's multiplier 0). `false` when a row
    /// is one this pricing does not know (targets, must-fill, pins, a forced rotation): then no
    /// bound over every column is claimed.
    pub(super) fn set_duals(&mut self, keys: &[RowKey], duals: &[f64]) -> bool {
        let n_t = self.periods.len();
        let p = self;
        for v in [
            &mut p.one_rot,
            &mut p.running,
            &mut p.placement,
            &mut p.seats,
            &mut p.departures,
            &mut p.above,
            &mut p.below,
        ] {
            v.iter_mut().for_each(|y| *y = 0.0);
        }
        p.prank.clear();
        p.family.clear();
        for (key, &y) in keys.iter().zip(duals) {
            let RowKey::Programme(row) = *key else {
                return false;
            };
            match row {
                ProgrammeRow::OneRotation(c) => p.one_rot[c as usize] += y,
                ProgrammeRow::Running(c) => p.running[c as usize] += y,
                ProgrammeRow::Placement(c, s) => p.placement[c as usize * n_t + s as usize] += y,
                ProgrammeRow::PlacementRank(c, s, b) => *p.prank.entry((c, s, b)).or_default() += y,
                ProgrammeRow::Seats(q, t) => p.seats[q as usize * n_t + t as usize] += y,
                ProgrammeRow::Departures(u, t) => p.departures[u as usize * n_t + t as usize] += y,
                ProgrammeRow::Family(a, b, u, t, k) => {
                    *p.family.entry((a, b, u, t, k)).or_default() += y
                }
                ProgrammeRow::Above(t) => p.above[t as usize] += y,
                ProgrammeRow::Below(t) => p.below[t as usize] += y,
                ProgrammeRow::Share(_)
                | ProgrammeRow::KeyHead(_)
                | ProgrammeRow::PeriodShare(_)
                | ProgrammeRow::PeriodRotations(_)
                | ProgrammeRow::MustFill(_)
                | ProgrammeRow::MustFillOpened(..)
                | ProgrammeRow::Pin(_)
                | ProgrammeRow::Forced(..)
                | ProgrammeRow::Kept(..) => return false,
            }
        }
        true
    }

    /// The multipliers of the rows that couple cadres (seats, departures, smoothing, H10), set
    /// directly, every other multiplier 0: the Lagrangian of `programme_lagrange`.
    pub(super) fn set_coupling(&mut self, m: &super::programme_lagrange::Multipliers) {
        self.set_duals(&[], &[]);
        self.seats.copy_from_slice(&m.seats);
        self.departures.copy_from_slice(&m.departures);
        self.above.copy_from_slice(&m.above);
        self.below.copy_from_slice(&m.below);
        self.family.clone_from(&m.family);
    }

    /// Whether `c` has relatives, or is one's: a column of `c` can meet an H10 row.
    pub(super) fn has_relatives(&self, c: CadreIx) -> bool {
        !self.sc.cadre(c).relatives.is_empty() || !self.rev[c as usize].is_empty()
    }

    /// Whether a column of `c` can meet an H10 row with a multiplier (then its reduced cost
    /// depends on its unit, not on its post's seats alone).
    pub(super) fn in_family(&self, c: CadreIx) -> bool {
        !self.family.is_empty() && self.has_relatives(c)
    }

    /// Whether the H10 row `k` = (a, b, unit, period, kind) holds for every programme, whatever
    /// the model built (b a relative of a): kind 0 (a sensitive, b leading, not both) always;
    /// kinds 1 and 2 only
    /// while b, or a, holds a post of that side in the unit on the period's date
    /// (`build_parts_relaxed`).
    pub(super) fn family_row_holds(&self, k: (CadreIx, CadreIx, UnitIx, u16, u8)) -> bool {
        let (a, b, unit, t, kind) = k;
        let n_c = self.sc.cadres.len();
        if a as usize >= n_c
            || b as usize >= n_c
            || t as usize >= self.periods.len()
            || !self.sc.cadre(a).relatives.contains(&b)
        {
            return false;
        }
        let holds = |c: CadreIx, side: FamilySide| {
            self.held[c as usize].is_some_and(|p| {
                self.sc.post(p).unit == unit
                    && has_side(self.sc, p, side)
                    && self.cols.occupancy[p as usize].taken_on(self.periods[t as usize]) > 0
            })
        };
        match kind {
            0 => true,
            1 => holds(b, FamilySide::Leader),
            2 => holds(a, FamilySide::Sensitive),
            _ => false,
        }
    }

    /// The date of period `u`.
    pub(super) fn period(&self, u: usize) -> crate::domain::Date {
        self.periods[u]
    }

    /// Whether `c` holds a post (posts.csv `holder_id`), and which.
    pub(super) fn held(&self, c: CadreIx) -> Option<PostIx> {
        self.held[c as usize]
    }

    /// An upper bound on d − score of every rotation column of cadre `c` in period `t` whose
    /// placement is in period `s`: the terms that do not depend on the post, with the seat,
    /// family and rank multipliers that do taken as ≥ 0 (they can only subtract).
    pub(super) fn rotation_ceiling(&self, c: CadreIx, t: usize, s: Option<usize>) -> f64 {
        let n_t = self.periods.len();
        let ci = c as usize;
        let mut d = -self.one_rot[ci];
        if let Some(q) = self.held[ci] {
            let occ = &self.cols.occupancy[q as usize];
            for u in t..n_t {
                if occ.taken_on(self.periods[u]) > 0 {
                    d += self.seats[q as usize * n_t + u];
                }
            }
            let uq = self.sc.post(q).unit;
            if !self.family.is_empty() {
                for u in t..n_t {
                    for &a in &self.rev[ci] {
                        d += self.fam((a, c, uq, u, 1));
                    }
                    for &b in &self.sc.cadre(c).relatives {
                        d += self.fam((c, b, uq, u, 2));
                    }
                }
            }
        }
        if let Some(s) = s {
            d += self.placement[ci * n_t + s];
        }
        if let Some(u) = self.sc.cadre(c).current_unit {
            d -= self.departures[u as usize * n_t + t];
        }
        let tf = n_t as f64;
        for u in 0..n_t {
            let here = if u == t { tf } else { 0.0 };
            d -= (here - 1.0) * self.above[u] + (1.0 - here) * self.below[u];
        }
        d
    }

    /// An upper bound on d − score of every placement column of cadre `c` in period `t` (see
    /// [`Pricer::rotation_ceiling`]).
    pub(super) fn placement_ceiling(&self, c: CadreIx, t: usize) -> f64 {
        let ci = c as usize;
        if self.is_running[ci] {
            return -self.running[ci];
        }
        let mut d = -self.placement[ci * self.periods.len() + t];
        for (&(cc, s, _), &y) in self.prank.range((c, t as u16, i32::MIN)..) {
            if cc != c || s as usize != t {
                break;
            }
            d += y.max(0.0);
        }
        d
    }

    /// Whether `c`'s rotation is a running one ending inside the programme.
    pub(super) fn is_running(&self, c: CadreIx) -> bool {
        self.is_running[c as usize]
    }

    fn fam(&self, k: (CadreIx, CadreIx, UnitIx, usize, u8)) -> f64 {
        self.family
            .get(&(k.0, k.1, k.2, k.3 as u16, k.4))
            .copied()
            .unwrap_or(0.0)
    }

    /// The periods whose seat rows a column holds: a rotation until its placement's period, a
    /// placement until the cadre retires (one rule for the pricing and the added columns). A
    /// range, not a list: the periods ascend, and the pricing calls this for tens of millions of
    /// columns a round.
    pub(super) fn active(&self, x: &OutCol) -> std::ops::Range<usize> {
        let (n_t, t) = (self.periods.len(), x.period as usize);
        // Both until the cadre retires (`programme::holds_post_on`), a rotation until its
        // placement too.
        let retired = match self.retirement[x.cadre as usize] {
            Some(r) => self.periods.partition_point(|&d| d <= r).min(n_t),
            None => n_t,
        };
        let end = match x.kind {
            MoveKind::Rotation => x.placement_period().map_or(n_t, |s| s.min(n_t)),
            MoveKind::Placement => n_t,
        }
        .min(retired);
        t..end.max(t)
    }

    /// c − aᵀy of a column of the full model, the coefficients mirroring
    /// `solve::programme::build_parts`, row by row.
    pub(super) fn reduced_cost(&self, x: &OutCol) -> f64 {
        let sc = self.sc;
        let n_t = self.periods.len();
        let (c, p, t) = (x.cadre, x.post, x.period as usize);
        let ci = c as usize;
        let mut d = x.score;
        let active = self.active(x);
        for u in active.clone() {
            d -= self.seats[p as usize * n_t + u];
        }
        match x.kind {
            MoveKind::Rotation => {
                d -= self.one_rot[ci];
                // The holder's own move frees the seat of the post they hold (−1).
                if let Some(q) = self.held[ci] {
                    let occ = &self.cols.occupancy[q as usize];
                    for u in t..n_t {
                        if occ.taken_on(self.periods[u]) > 0 {
                            d += self.seats[q as usize * n_t + u];
                        }
                    }
                }
                if let Some(s) = x.placement_period() {
                    d += self.placement[ci * n_t + s];
                    let b = sc.post(p).rank;
                    d -= self.prank.get(&(c, s as u16, b)).copied().unwrap_or(0.0);
                }
                if let Some(u) = sc.cadre(c).current_unit {
                    d -= self.departures[u as usize * n_t + t];
                }
                let tf = n_t as f64;
                for u in 0..n_t {
                    let here = if u == t { tf } else { 0.0 };
                    d -= (here - 1.0) * self.above[u] + (1.0 - here) * self.below[u];
                }
            }
            MoveKind::Placement => {
                if self.is_running[ci] {
                    d -= self.running[ci];
                } else {
                    d -= self.placement[ci * n_t + t];
                    for (&(cc, s, b), &y) in self.prank.range((c, t as u16, i32::MIN)..) {
                        if cc != c || s as usize != t {
                            break;
                        }
                        if x.follows(sc, b) {
                            d += y;
                        }
                    }
                }
            }
        }
        if !self.family.is_empty() {
            let unit = sc.post(p).unit;
            if has_side(sc, p, FamilySide::Sensitive) {
                for &b in &sc.cadre(c).relatives {
                    for u in active.clone() {
                        d -= self.fam((c, b, unit, u, 0)) + self.fam((c, b, unit, u, 1));
                    }
                }
            }
            if has_side(sc, p, FamilySide::Leader) {
                for &a in &self.rev[ci] {
                    for u in active.clone() {
                        d -= self.fam((a, c, unit, u, 0)) + self.fam((a, c, unit, u, 2));
                    }
                }
            }
            if let (MoveKind::Rotation, Some(q)) = (x.kind, self.held[ci]) {
                let uq = sc.post(q).unit;
                for u in t..n_t {
                    for &a in &self.rev[ci] {
                        d += self.fam((a, c, uq, u, 1));
                    }
                    for &b in &sc.cadre(c).relatives {
                        d += self.fam((c, b, uq, u, 2));
                    }
                }
            }
        }
        d
    }
}

impl Pricer<'_> {
    /// The column of `x` in the full model: its (row, coefficient) entries on the rows of
    /// `rows` (a row missing there is not in the model), mirroring [`Pricer::reduced_cost`] term by
    /// term, so that a column added to the live LP of `programme_cg` is the one priced (checked
    /// against HiGHS's reduced costs every round). Sorted by row, one entry per row.
    pub(super) fn entries(
        &self,
        x: &OutCol,
        rows: &std::collections::HashMap<ProgrammeRow, usize>,
    ) -> Vec<(usize, f64)> {
        let mut out: Vec<(usize, f64)> = self
            .terms(x)
            .into_iter()
            .filter_map(|(k, v)| rows.get(&k).map(|&r| (r, v)))
            .collect();
        out.sort_by_key(|&(r, _)| r);
        let mut merged: Vec<(usize, f64)> = Vec::with_capacity(out.len());
        for (r, v) in out {
            match merged.last_mut() {
                Some(last) if last.0 == r => last.1 += v,
                _ => merged.push((r, v)),
            }
        }
        merged.retain(|&(_, v)| v != 0.0);
        merged
    }

    /// The column of `x` in the full model on every row it could meet, in the model or not
    /// (rows may repeat): [`Pricer::entries`] keeps those of a model, the Lagrangian of
    /// `programme_lagrange` its coupling rows.
    pub(super) fn terms(&self, x: &OutCol) -> Vec<(ProgrammeRow, f64)> {
        let sc = self.sc;
        let n_t = self.periods.len();
        let (c, p, t) = (x.cadre, x.post, x.period as usize);
        let ci = c as usize;
        let mut e: Vec<(ProgrammeRow, f64)> = Vec::new();
        let active = self.active(x);
        for u in active.clone() {
            e.push((ProgrammeRow::Seats(p, u as u16), 1.0));
        }
        match x.kind {
            MoveKind::Rotation => {
                e.push((ProgrammeRow::OneRotation(c), 1.0));
                if let Some(q) = self.held[ci] {
                    let occ = &self.cols.occupancy[q as usize];
                    for u in t..n_t {
                        if occ.taken_on(self.periods[u]) > 0 {
                            e.push((ProgrammeRow::Seats(q, u as u16), -1.0));
                        }
                    }
                }
                if let Some(s) = x.placement_period() {
                    e.push((ProgrammeRow::Placement(c, s as u16), -1.0));
                    let b = sc.post(p).rank;
                    e.push((ProgrammeRow::PlacementRank(c, s as u16, b), 1.0));
                }
                if let Some(u) = sc.cadre(c).current_unit {
                    e.push((ProgrammeRow::Departures(u, t as u16), 1.0));
                }
                let tf = n_t as f64;
                for u in 0..n_t {
                    let here = if u == t { tf } else { 0.0 };
                    e.push((ProgrammeRow::Above(u as u16), here - 1.0));
                    e.push((ProgrammeRow::Below(u as u16), 1.0 - here));
                }
            }
            MoveKind::Placement => {
                if self.is_running[ci] {
                    e.push((ProgrammeRow::Running(c), 1.0));
                } else {
                    e.push((ProgrammeRow::Placement(c, t as u16), 1.0));
                    for &(cc, s, b) in self.prank.range((c, t as u16, i32::MIN)..).map(|(k, _)| k) {
                        if cc != c || s as usize != t {
                            break;
                        }
                        if x.follows(sc, b) {
                            e.push((ProgrammeRow::PlacementRank(c, s, b), -1.0));
                        }
                    }
                }
            }
        }
        let unit = sc.post(p).unit;
        let fam = |a, b, u, k| ProgrammeRow::Family(a, b, unit, u as u16, k);
        if has_side(sc, p, FamilySide::Sensitive) {
            for &b in &sc.cadre(c).relatives {
                for u in active.clone() {
                    e.push((fam(c, b, u, 0), 1.0));
                    e.push((fam(c, b, u, 1), 1.0));
                }
            }
        }
        if has_side(sc, p, FamilySide::Leader) {
            for &a in &self.rev[ci] {
                for u in active.clone() {
                    e.push((fam(a, c, u, 0), 1.0));
                    e.push((fam(a, c, u, 2), 1.0));
                }
            }
        }
        if let (MoveKind::Rotation, Some(q)) = (x.kind, self.held[ci]) {
            let uq = sc.post(q).unit;
            for u in t..n_t {
                for &a in &self.rev[ci] {
                    e.push((ProgrammeRow::Family(a, c, uq, u as u16, 1), -1.0));
                }
                for &b in &sc.cadre(c).relatives {
                    e.push((ProgrammeRow::Family(c, b, uq, u as u16, 2), -1.0));
                }
            }
        }
        e
    }
}

/// The kept columns as [`OutCol`]s, in the model's x order (rotations, then placements).
pub(super) fn kept(sc: &Scenario, cols: &Columns) -> Vec<OutCol> {
    let mut v: Vec<OutCol> = cols.rotations.iter().map(OutCol::of_rotation).collect();
    v.extend(cols.placements.iter().map(|x| OutCol::of_placement(sc, x)));
    v
}

/// The LP relaxation of the kept model, its duals checked against HiGHS's reduced costs, and the
/// bound over every column of the module's comment. `Err`: why no such bound is claimed.
pub fn full_bound(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    o: &RunOptions,
) -> Result<FullBound, String> {
    let started = std::time::Instant::now();
    let (m, _) = build_parts_relaxed(sc, tl, cols, false, &[]);
    let keys: Vec<RowKey> = m.rows.iter().map(|(k, _)| *k).collect();
    let constant = m.constant;
    let lp_o = RunOptions {
        relative_gap: 0.0,
        ..o.clone()
    };
    let raw = backend().solve(m, None, &lp_o).map_err(|f| f.to_string())?;
    if raw.status != super::SolveStatus::Optimal {
        return Err(format!("the LP stopped: {}", raw.status.as_str()));
    }
    let lp_s = started.elapsed().as_secs_f64();
    let priced = std::time::Instant::now();
    let pricer = Pricer::new(sc, tl, cols, &keys, &raw.row_duals)
        .ok_or("the model has rows the pricing does not know (targets, must-fill, pins)")?;
    // The reduced costs of the kept columns must be HiGHS's own: a guard against a row whose
    // coefficients the pricing would get wrong (which would make the bound unsound).
    let n_c = sc.cadres.len();
    // Per cadre: the largest reduced cost of its rotations and of its placements, over every
    // column (L' of the module's comment), and the kept columns' positive reduced costs.
    let mut block_rot = vec![0.0f64; n_c];
    let mut block_plc = vec![0.0f64; n_c];
    let mut kept_positive = 0.0;
    let mut block = |x: &OutCol, d: f64| {
        let b = match x.kind {
            MoveKind::Rotation => &mut block_rot[x.cadre as usize],
            MoveKind::Placement => &mut block_plc[x.cadre as usize],
        };
        *b = b.max(d);
    };
    for (k, x) in kept(sc, cols).iter().enumerate() {
        let mine = pricer.reduced_cost(x);
        block(x, mine);
        kept_positive += mine.max(0.0);
        let theirs = raw.col_duals[k];
        if (mine - theirs).abs() > 1e-5 * (1.0 + theirs.abs()) {
            return Err(format!(
                "pricing disagrees with HiGHS on column {k}: {mine} vs {theirs}"
            ));
        }
    }
    let mut rot_max = vec![0.0f64; n_c];
    let mut run_max = vec![0.0f64; n_c];
    let mut other = 0.0;
    let mut positive = 0;
    for x in &cols.left_out {
        let d = pricer.reduced_cost(x);
        if d <= 0.0 {
            continue;
        }
        block(x, d);
        positive += 1;
        let c = x.cadre as usize;
        match (x.kind, pricer.is_running[c]) {
            (MoveKind::Rotation, _) => rot_max[c] = rot_max[c].max(d),
            (MoveKind::Placement, true) => run_max[c] = run_max[c].max(d),
            (MoveKind::Placement, false) => other += d,
        }
    }
    let lp = raw.objective + constant;
    let farley = lp + rot_max.iter().sum::<f64>() + run_max.iter().sum::<f64>() + other;
    let blocks = lp - kept_positive + block_rot.iter().sum::<f64>() + block_plc.iter().sum::<f64>();
    let bound = farley.min(blocks);
    Ok(FullBound {
        lp,
        bound,
        positive,
        priced: cols.left_out.len(),
        lp_s,
        pricing_s: priced.elapsed().as_secs_f64(),
        rounds: 1,
        added: 0,
        left_out_bound: None,
    })
}
