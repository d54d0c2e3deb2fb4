//! The MIP, built from small named pieces over a subset of the candidate pairs (all of them, or
//! the restricted set of the pricing loop). One variable per included pair; every row belongs to a
//! named group, and the rows each pair touches are recorded so that pairs left out can be priced
//! with the LP duals (`Model::reduced_cost`).
//!
//! maximise  Σ score·x − must_fill·Σ empty − extra_seat·Σ extra − Σ w_t·shortfall_t
//! s.t.      each cadre at most one post (S4); each post at most seats + approved extra (H7);
//!           at most K departures per unit (S1); relatives conflicts (H10); pins (S2);
//!           empty_p ≥ seats_p − Σ x (must-fill posts); share targets with shortfall (soft).

use super::backend::{Names, NewColumn};
use crate::domain::{CadreIx, PostIx, UnitIx};
use crate::rules::family::{FamilySide, has_side};
use crate::rules::{Candidates, RuleContext, TARGET_FLAGS};
use good_lp::{Constraint, Expression, ProblemVariables, Variable, variable};
use std::collections::BTreeMap;

/// Named groups of rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    OnePostPerCadre,
    Seats,
    Departures,
    Family,
    Pins,
    MustFill,
    Targets,
    Programme,
    Replan,
    /// The tie-break's second solve: the objective held at its proven optimum.
    Optimum,
}

/// What a row is about: its group and the cadre, post, unit or pair it belongs to (the row's name
/// in an exported model).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowKey {
    /// S4 of a cadre.
    Cadre(CadreIx),
    /// H7 of a post.
    Seats(PostIx),
    /// S1 of a unit.
    Departures(UnitIx),
    /// H10: `sensitive` in a sensitive post of `unit` and `leader` in a head/deputy post there.
    Family {
        sensitive: CadreIx,
        leader: CadreIx,
        unit: UnitIx,
    },
    /// S2: the pinned pair (candidate index).
    Pin(usize),
    /// A must-fill post.
    MustFill(PostIx),
    /// Structure target k of `TARGET_NAMES`.
    Target(usize),
    /// A row of a programme's model (`solve::programme`).
    Programme(super::programme::ProgrammeRow),
    /// A row of the lexicographic levels and re-planning (`solve::lexicographic`).
    Replan(super::lexicographic::ReplanRow),
    /// The objective at least its proven optimum (the tie-break's second MIP, `hold_optimum`).
    Optimum,
}

impl RowKey {
    pub fn group(self) -> Group {
        match self {
            RowKey::Cadre(_) => Group::OnePostPerCadre,
            RowKey::Seats(_) => Group::Seats,
            RowKey::Departures(_) => Group::Departures,
            RowKey::Family { .. } => Group::Family,
            RowKey::Pin(_) => Group::Pins,
            RowKey::MustFill(_) => Group::MustFill,
            RowKey::Target(_) => Group::Targets,
            RowKey::Programme(_) => Group::Programme,
            RowKey::Replan(_) => Group::Replan,
            RowKey::Optimum => Group::Optimum,
        }
    }
}

/// A column that is not a pair's x: what it measures (its name in an exported model).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aux {
    /// Approved seats beyond quota used at a post (H7).
    ExtraSeats(PostIx),
    /// Empty quota seats of a must-fill post.
    Empty(PostIx),
    /// Shortfall of structure target k.
    Shortfall(usize),
    /// The elastic model's "relaxed" switch of a requirement group.
    Relaxed(Req),
    /// A programme: a running rotation's cadre left without a placement.
    Unplaced(CadreIx),
    /// A programme: the deviation of period t's rotations from the average.
    Deviation(usize),
    /// A programme: the number of period t's rotations.
    PeriodRotations(usize),
    /// Re-planning: the cadre keeps every move of the previous programme.
    Kept(CadreIx),
    /// A programme: months a key-head cadre is short of the experience target.
    KeyHeadShort(CadreIx),
    /// A programme: moves of period t above the period share target.
    PeriodExcess(usize),
    /// A programme: empty seats of a must-fill post whose holder rotates in period `.1`, on the
    /// deadline counted from then.
    EmptyOpened(PostIx, u16),
}

pub struct Model {
    pub vars: ProblemVariables,
    /// Candidate index of each x column, in column order (x are the first columns).
    pub cols: Vec<usize>,
    pub x: Vec<Variable>,
    /// The other columns, in column order after the x columns.
    pub aux: Vec<Aux>,
    pub objective: Expression,
    pub rows: Vec<(RowKey, Constraint)>,
    pub index: RowIndex,
    /// Objective terms no column can change (must-fill posts without a column here): the plan's
    /// objective is the backend's plus this.
    pub constant: f64,
}

/// Which rows each pair touches: enough to price a pair left out of the model.
#[derive(Debug, Clone, Default)]
pub struct RowIndex {
    /// Row of each cadre's S4 row, post's H7 row, unit's S1 row, post's must-fill row.
    cadre_row: Vec<Option<usize>>,
    seat_row: Vec<Option<usize>>,
    unit_row: Vec<Option<usize>>,
    must_fill_row: Vec<Option<usize>>,
    /// Target rows: (row, flag index, target share).
    target_rows: Vec<(usize, usize, f64)>,
}

/// Build the model over the candidate pairs `cols` (sorted candidate indexes, which must include
/// the pins). `integer` = false gives the LP relaxation.
pub fn build(
    ctx: &RuleContext,
    cands: &Candidates,
    pins: &[usize],
    cols: &[usize],
    integer: bool,
) -> Model {
    build_with(ctx, cands, pins, cols, integer, false)
}

/// The LP relaxation over `cols` with a row for every cadre, post, unit and must-fill post that
/// any candidate pair touches, even when no column of `cols` is in it yet: the pricing loop adds
/// columns to this LP (`RowIndex::column`) without adding rows.
pub fn build_lp_all_rows(
    ctx: &RuleContext,
    cands: &Candidates,
    pins: &[usize],
    cols: &[usize],
) -> Model {
    build_with(ctx, cands, pins, cols, false, true)
}

fn build_with(
    ctx: &RuleContext,
    cands: &Candidates,
    pins: &[usize],
    cols: &[usize],
    integer: bool,
    all_rows: bool,
) -> Model {
    let mut vars = ProblemVariables::new();
    let def = if integer {
        variable().binary()
    } else {
        variable().min(0).max(1)
    };
    let x: Vec<Variable> = vars.add_vector(def, cols.len());
    let mut objective = Expression::with_capacity(cols.len() + 64);
    for (k, &i) in cols.iter().enumerate() {
        objective.add_mul(cands.score(i), x[k]);
    }
    let (mut m, local) = with_hard_rows(ctx, cands, vars, x, objective, cols, integer, all_rows);
    pin_rows(pins, &mut m, &local);
    must_fill(ctx, cands, &mut m, all_rows);
    targets(ctx, cands, &mut m);
    m
}

/// A model over the x columns of `cols` with the rows every model has: S4, H7, S1 and H10. Also
/// returns the local column of each candidate index. `all_rows`: see `build_lp_all_rows`.
#[allow(clippy::too_many_arguments)]
fn with_hard_rows(
    ctx: &RuleContext,
    cands: &Candidates,
    vars: ProblemVariables,
    x: Vec<Variable>,
    objective: Expression,
    cols: &[usize],
    integer: bool,
    all_rows: bool,
) -> (Model, BTreeMap<usize, usize>) {
    let sc = ctx.sc;
    let mut m = Model {
        vars,
        cols: cols.to_vec(),
        x,
        aux: Vec::new(),
        objective,
        rows: Vec::new(),
        constant: 0.0,
        index: RowIndex {
            cadre_row: vec![None; sc.cadres.len()],
            seat_row: vec![None; sc.posts.len()],
            unit_row: vec![None; sc.units.len()],
            must_fill_row: vec![None; sc.posts.len()],
            target_rows: Vec::new(),
        },
    };
    let local: BTreeMap<usize, usize> = cols.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    one_post_per_cadre(cands, &mut m, all_rows);
    seats(ctx, cands, &mut m, integer, all_rows);
    departures(ctx, cands, &mut m, all_rows);
    family(ctx, cands, &mut m, &local);
    (m, local)
}

impl Model {
    fn push(&mut self, key: RowKey, c: Constraint) -> usize {
        self.rows.push((key, c));
        self.rows.len() - 1
    }

    /// The tie-break's second model: the objective (with `constant`) at least `floor`, and
    /// Σ `tie[k]`·x[k] maximised instead.
    pub fn hold_optimum(&mut self, floor: f64, tie: &[f64]) {
        let objective = std::mem::take(&mut self.objective);
        let row = objective.geq(floor - self.constant);
        self.push(RowKey::Optimum, row);
        let mut e = Expression::with_capacity(self.x.len());
        for (&w, &v) in tie.iter().zip(&self.x) {
            e.add_mul(w, v);
        }
        self.objective = e;
        self.constant = 0.0;
    }

    fn add_aux(&mut self, what: Aux, def: good_lp::VariableDefinition) -> Variable {
        self.aux.push(what);
        self.vars.add(def)
    }

    /// Column and row names that say cadre, post and rule group (`x_C012_VT41`, `seats_VT41`,
    /// `depart_U05`, `family_C07_C08_U04` …), made safe for MPS and LP files and unique.
    pub fn names(&self, ctx: &RuleContext, cands: &Candidates) -> Names {
        let sc = ctx.sc;
        let cadre = |c: CadreIx| sc.cadre(c).id.as_str();
        let post = |p: PostIx| sc.post(p).id.as_str();
        let pair = |i: usize| {
            let p = cands.get(i);
            format!("{}_{}", cadre(p.cadre), post(p.post))
        };
        let mut cols: Vec<String> = self
            .cols
            .iter()
            .map(|&i| format!("x_{}", pair(i)))
            .collect();
        cols.extend(self.aux.iter().map(|a| match *a {
            Aux::ExtraSeats(p) => format!("extra_{}", post(p)),
            Aux::Empty(p) => format!("empty_{}", post(p)),
            Aux::Shortfall(k) => format!("shortfall_{}", TARGET_NAMES[k]),
            Aux::Relaxed(Req::Pin(k)) => {
                let pin = &sc.pins[k];
                format!("relax_pin_{}_{}", cadre(pin.cadre), post(pin.post))
            }
            Aux::Relaxed(Req::MustFill(p)) => format!("relax_fill_{}", post(p)),
            Aux::Relaxed(Req::Target(k)) => format!("relax_target_{}", TARGET_NAMES[k]),
            Aux::Unplaced(c) => format!("unplaced_{}", cadre(c)),
            Aux::Deviation(t) => format!("deviation_{t}"),
            Aux::PeriodRotations(t) => format!("rotations_{t}"),
            Aux::Kept(c) => format!("kept_{}", cadre(c)),
            Aux::KeyHeadShort(c) => format!("key_head_short_{}", cadre(c)),
            Aux::PeriodExcess(t) => format!("period_excess_{t}"),
            Aux::EmptyOpened(p, t) => format!("empty_{}_opened_{t}", post(p)),
        }));
        let rows = self
            .rows
            .iter()
            .map(|(key, _)| match *key {
                RowKey::Cadre(c) => format!("cadre_{}", cadre(c)),
                RowKey::Seats(p) => format!("seats_{}", post(p)),
                RowKey::Departures(u) => format!("depart_{}", sc.unit(u).id),
                RowKey::Family {
                    sensitive,
                    leader,
                    unit,
                } => format!(
                    "family_{}_{}_{}",
                    cadre(sensitive),
                    cadre(leader),
                    sc.unit(unit).id
                ),
                RowKey::Pin(i) => format!("pin_{}", pair(i)),
                RowKey::MustFill(p) => format!("fill_{}", post(p)),
                RowKey::Target(k) => format!("target_{}", TARGET_NAMES[k]),
                RowKey::Programme(r) => format!("programme_{r:?}"),
                RowKey::Replan(r) => format!("replan_{r:?}"),
                RowKey::Optimum => "optimum".to_string(),
            })
            .collect();
        Names {
            cols: unique(cols),
            rows: unique(rows),
        }
    }
}

/// Names with every character outside `[A-Za-z0-9_.-]` replaced by `_`, and a `~k` suffix where
/// two would otherwise be the same.
fn unique(names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::with_capacity(names.len());
    names
        .into_iter()
        .map(|n| {
            let safe: String = n
                .chars()
                .map(|ch| {
                    if ch.is_ascii_alphanumeric() || matches!(ch, '_' | '.' | '-') {
                        ch
                    } else {
                        '_'
                    }
                })
                .collect();
            let mut name = safe.clone();
            let mut k = 1;
            while !seen.insert(name.clone()) {
                k += 1;
                name = format!("{safe}~{k}");
            }
            name
        })
        .collect()
}

impl RowIndex {
    /// Whether cadre `c` has an S4 row (Σ_p x_cp ≤ 1): the pricing bound raises its dual.
    pub fn has_cadre_row(&self, c: usize) -> bool {
        self.cadre_row.get(c).is_some_and(|r| r.is_some())
    }

    /// Whether post `p` has an H7 row (Σ_c x_cp − extra_p ≤ seats): the pricing bound raises its
    /// dual.
    pub fn has_seat_row(&self, p: usize) -> bool {
        self.seat_row.get(p).is_some_and(|r| r.is_some())
    }

    /// Reduced cost of candidate `i` (included or not) under the row duals `y` (HiGHS's sign
    /// convention: d = c − Σ a·y). Only valid for pairs outside family and pin rows, which the
    /// pricing loop always includes.
    pub fn reduced_cost(&self, ctx: &RuleContext, cands: &Candidates, i: usize, y: &[f64]) -> f64 {
        let p = cands.get(i);
        let mut d = p.score;
        let dual = |r: Option<usize>| r.map_or(0.0, |r| y[r]);
        d -= dual(self.cadre_row[p.cadre as usize]);
        d -= dual(self.seat_row[p.post as usize]);
        d -= dual(self.must_fill_row[p.post as usize]);
        if let Some(u) = ctx.sc.cadre(p.cadre).current_unit {
            d -= dual(self.unit_row[u as usize]);
        }
        if !self.target_rows.is_empty() {
            let f = ctx.flags(p.cadre);
            for &(r, k, t) in &self.target_rows {
                let a = if TARGET_FLAGS[k](&f) { 1.0 } else { 0.0 } - t;
                d -= a * y[r];
            }
        }
        d
    }

    /// The row duals a pair's reduced cost subtracts, split into a cadre part (S4, S1, targets)
    /// and a post part (H7, must-fill): d = score − cadre[c] − post[p], as `reduced_cost` but
    /// without a per-pair lookup (the pricing loop prices millions of pairs a round).
    pub fn split_duals(&self, ctx: &RuleContext, y: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let dual = |r: Option<usize>| r.map_or(0.0, |r| y[r]);
        let cadre = (0..self.cadre_row.len())
            .map(|c| {
                let mut d = dual(self.cadre_row[c]);
                if let Some(u) = ctx.sc.cadre(c as CadreIx).current_unit {
                    d += dual(self.unit_row[u as usize]);
                }
                if !self.target_rows.is_empty() {
                    let f = ctx.flags(c as CadreIx);
                    for &(r, k, t) in &self.target_rows {
                        let a = if TARGET_FLAGS[k](&f) { 1.0 } else { 0.0 } - t;
                        d += a * y[r];
                    }
                }
                d
            })
            .collect();
        let post = (0..self.seat_row.len())
            .map(|p| dual(self.seat_row[p]) + dual(self.must_fill_row[p]))
            .collect();
        (cadre, post)
    }

    /// Column of candidate `i` in the rows of this index (objective: its score, 0 ≤ x ≤ 1): what
    /// the pricing loop adds to a live LP. Only valid for pairs outside family and pin rows.
    pub fn column(&self, ctx: &RuleContext, cands: &Candidates, i: usize) -> NewColumn {
        let p = cands.get(i);
        let mut entries = Vec::with_capacity(4 + self.target_rows.len());
        let rows = [
            self.cadre_row[p.cadre as usize],
            self.seat_row[p.post as usize],
            self.must_fill_row[p.post as usize],
            ctx.sc
                .cadre(p.cadre)
                .current_unit
                .and_then(|u| self.unit_row[u as usize]),
        ];
        entries.extend(rows.into_iter().flatten().map(|r| (r, 1.0)));
        if !self.target_rows.is_empty() {
            let f = ctx.flags(p.cadre);
            for &(r, k, t) in &self.target_rows {
                let a = if TARGET_FLAGS[k](&f) { 1.0 } else { 0.0 } - t;
                if a != 0.0 {
                    entries.push((r, a));
                }
            }
        }
        entries.sort_unstable_by_key(|e| e.0);
        NewColumn {
            cost: p.score,
            upper: 1.0,
            entries,
        }
    }
}

/// `g` with an empty entry for every key of `keys` it lacks (`all_rows`).
fn with_keys<K: Ord>(
    mut g: BTreeMap<K, Vec<usize>>,
    all: bool,
    keys: impl Iterator<Item = K>,
) -> BTreeMap<K, Vec<usize>> {
    if all {
        for k in keys {
            g.entry(k).or_default();
        }
    }
    g
}

/// Posts with at least one candidate pair.
fn posts_with_pairs(cands: &Candidates) -> impl Iterator<Item = PostIx> + '_ {
    (0..cands.posts_len() as PostIx).filter(|&p| cands.post_len(p) > 0)
}

fn sum(m: &Model, idx: impl IntoIterator<Item = usize>) -> Expression {
    let mut e = Expression::default();
    for k in idx {
        e.add_mul(1.0, m.x[k]);
    }
    e
}

/// Local column indexes grouped by a key of their pair, in column order.
fn group_by<K: Ord>(
    m: &Model,
    cands: &Candidates,
    key: impl Fn(usize) -> Option<K>,
) -> BTreeMap<K, Vec<usize>> {
    let mut g: BTreeMap<K, Vec<usize>> = BTreeMap::new();
    for (k, &i) in m.cols.iter().enumerate() {
        if let Some(key) = key(i) {
            g.entry(key).or_default().push(k);
        }
        let _ = cands;
    }
    g
}

/// S4: Σ_p x[c,p] ≤ 1.
fn one_post_per_cadre(cands: &Candidates, m: &mut Model, all: bool) {
    let n = cands.by_cadre.len().saturating_sub(1);
    let keys = (0..n)
        .filter(|&c| cands.by_cadre[c + 1] > cands.by_cadre[c])
        .map(|c| c as CadreIx);
    let by_cadre = with_keys(group_by(m, cands, |i| Some(cands.cadre(i))), all, keys);
    for (c, ks) in by_cadre {
        let row = sum(m, ks).leq(1.0);
        m.index.cadre_row[c as usize] = Some(m.push(RowKey::Cadre(c), row));
    }
}

/// H7: Σ_c x[c,p] ≤ seats + extra_p, extra_p ∈ [0, approved], penalised.
fn seats(ctx: &RuleContext, cands: &Candidates, m: &mut Model, integer: bool, all: bool) {
    let sc = ctx.sc;
    let by_post = group_by(m, cands, |i| Some(cands.post(i)));
    for (p, ks) in with_keys(by_post, all, posts_with_pairs(cands)) {
        let post = sc.post(p);
        let mut e = sum(m, ks);
        let approved = extra_seat_cap(sc, cands, p);
        if approved > 0 {
            let def = variable().min(0).max(approved as f64);
            let v = m.add_aux(
                Aux::ExtraSeats(p),
                if integer { def.integer() } else { def },
            );
            m.objective.add_mul(-sc.weights.extra_seat, v);
            e.add_mul(-1.0, v);
        }
        m.index.seat_row[p as usize] = Some(m.push(RowKey::Seats(p), e.leq(post.seats as f64)));
    }
}

/// H7: the extra seats of post `p` the model may use: the approved ones, at most as many as the post
/// has candidates (more could never be filled).
pub fn extra_seat_cap(
    sc: &crate::domain::Scenario,
    cands: &Candidates,
    p: crate::domain::PostIx,
) -> u32 {
    sc.extra_seats_of(p).min(cands.post_len(p) as u32)
}

/// S1: at most K cadres leave one unit ("not in waves"), where more than K could.
fn departures(ctx: &RuleContext, cands: &Candidates, m: &mut Model, all: bool) {
    let sc = ctx.sc;
    let k = sc.max_departures_per_unit as usize;
    let mut movable: BTreeMap<UnitIx, usize> = BTreeMap::new();
    for (c, cadre) in sc.cadres.iter().enumerate() {
        if let Some(u) = cadre.current_unit
            && !cands.of_cadre(c as CadreIx).is_empty()
        {
            *movable.entry(u).or_default() += 1;
        }
    }
    let by_unit = group_by(m, cands, |i| sc.cadre(cands.cadre(i)).current_unit);
    let by_unit = with_keys(by_unit, all, movable.keys().copied());
    for (u, ks) in by_unit {
        if movable.get(&u).copied().unwrap_or(0) > k {
            let row = sum(m, ks).leq(k as f64);
            m.index.unit_row[u as usize] = Some(m.push(RowKey::Departures(u), row));
        }
    }
}

/// Candidate indexes of the pairs that take part in H10 plan-level conflicts: the pricing loop
/// always includes them.
pub fn family_pairs(ctx: &RuleContext, cands: &Candidates) -> Vec<usize> {
    let sc = ctx.sc;
    let mut out = Vec::new();
    for (a, cadre) in sc.cadres.iter().enumerate() {
        for &b in &cadre.relatives {
            for (ca, cb) in [(a as CadreIx, b), (b, a as CadreIx)] {
                for i in cands.of_cadre(ca) {
                    let post = cands.post(i);
                    let unit = sc.post(post).unit;
                    let pairs = [
                        (FamilySide::Sensitive, FamilySide::Leader),
                        (FamilySide::Leader, FamilySide::Sensitive),
                    ];
                    if pairs.iter().any(|&(mine, theirs)| {
                        has_side(sc, post, mine)
                            && cands.of_cadre(cb).any(|o| {
                                let q = cands.post(o);
                                sc.post(q).unit == unit && has_side(sc, q, theirs)
                            })
                    }) {
                        out.push(i);
                    }
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// H10 across the plan: for relatives a, b and a unit U, a's sensitive posts in U and b's head or
/// deputy posts in U are not both taken (one row per ordered pair and unit).
fn family(ctx: &RuleContext, cands: &Candidates, m: &mut Model, local: &BTreeMap<usize, usize>) {
    let sc = ctx.sc;
    let by_unit_side = |c: CadreIx, want: FamilySide| {
        let mut out: BTreeMap<UnitIx, Vec<usize>> = BTreeMap::new();
        for i in cands.of_cadre(c) {
            let post = cands.post(i);
            if has_side(sc, post, want)
                && let Some(&l) = local.get(&i)
            {
                out.entry(sc.post(post).unit).or_default().push(l);
            }
        }
        out
    };
    for (a, cadre) in sc.cadres.iter().enumerate() {
        if cadre.relatives.is_empty() {
            continue;
        }
        let sensitive = by_unit_side(a as CadreIx, FamilySide::Sensitive);
        if sensitive.is_empty() {
            continue;
        }
        for &b in &cadre.relatives {
            let leaders = by_unit_side(b, FamilySide::Leader);
            for (u, s) in &sensitive {
                if let Some(l) = leaders.get(u) {
                    let row = sum(m, s.iter().chain(l.iter()).copied()).leq(1.0);
                    let key = RowKey::Family {
                        sensitive: a as CadreIx,
                        leader: b,
                        unit: *u,
                    };
                    m.push(key, row);
                }
            }
        }
    }
}

/// S2: pinned pairs are taken.
fn pin_rows(pins: &[usize], m: &mut Model, local: &BTreeMap<usize, usize>) {
    for i in pins {
        if let Some(&k) = local.get(i) {
            let row = sum(m, [k]).geq(1.0);
            m.push(RowKey::Pin(*i), row);
        }
    }
}

/// Must-fill posts: empty_p ≥ seats_p − Σ x, penalised per empty quota seat.
fn must_fill(ctx: &RuleContext, cands: &Candidates, m: &mut Model, all: bool) {
    let sc = ctx.sc;
    let by_post = group_by(m, cands, |i| Some(cands.post(i)));
    let by_post = with_keys(by_post, all, posts_with_pairs(cands));
    for (p, post) in sc.posts.iter().enumerate() {
        if post.criticality >= 5 && !by_post.contains_key(&(p as u32)) {
            m.constant -= sc.weights.must_fill * post.seats as f64;
        }
    }
    for (p, ks) in by_post {
        let post = sc.post(p);
        if post.criticality < 5 {
            continue;
        }
        let seats = post.seats as f64;
        let mut e = sum(m, ks);
        // Hard (S5): no empty-seat variable, the row must hold as it is.
        if !sc.must_fill_hard(p) {
            let v = m.add_aux(Aux::Empty(p), variable().min(0).max(seats));
            m.objective.add_mul(-sc.weights.must_fill, v);
            e.add_mul(1.0, v);
        }
        m.index.must_fill_row[p as usize] = Some(m.push(RowKey::MustFill(p), e.geq(seats)));
    }
}

/// Structure targets: Σ (flag − target)·x + shortfall ≥ 0, shortfall penalised; hard (S6): no
/// shortfall variable.
fn targets(ctx: &RuleContext, cands: &Candidates, m: &mut Model) {
    let sc = ctx.sc;
    let w = &sc.weights;
    let weights = [w.women_shortfall, w.young_shortfall, w.minority_shortfall];
    for (k, target) in target_shares(sc).into_iter().enumerate() {
        let hard = sc.target_hard(k);
        if target <= 0.0 || (!hard && weights[k] <= 0.0) || m.cols.is_empty() {
            continue;
        }
        let mut e = target_expr(ctx, cands, m, k, target);
        if !hard {
            let s = m.add_aux(Aux::Shortfall(k), variable().min(0));
            m.objective.add_mul(-weights[k], s);
            e.add_mul(1.0, s);
        }
        let r = m.push(RowKey::Target(k), e.geq(0.0));
        m.index.target_rows.push((r, k, target));
    }
}

pub use crate::rules::{TARGET_NAMES, target_flag, target_shares};

/// Σ (flag − target)·x over the model's columns: ≥ 0 when the share among the cadres moved is met.
fn target_expr(
    ctx: &RuleContext,
    cands: &Candidates,
    m: &Model,
    k: usize,
    target: f64,
) -> Expression {
    let mut e = Expression::with_capacity(m.cols.len() + 1);
    for (l, &i) in m.cols.iter().enumerate() {
        let f = if target_flag(ctx, cands.cadre(i), k) {
            1.0
        } else {
            0.0
        };
        e.add_mul(f - target, m.x[l]);
    }
    e
}

/// A requirement group that `explain` may relax when the hard requirements cannot all hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Req {
    /// The scenario's pin number k (S2).
    Pin(usize),
    /// A must-fill post (S5, hard).
    MustFill(crate::domain::PostIx),
    /// Structure target k of `TARGET_NAMES` (S6, hard).
    Target(usize),
}

impl Req {
    /// Tie-break among relaxations of equal size: targets give way first, then must-fill posts,
    /// then pins (a pin is the committee's own decision).
    fn priority(self) -> f64 {
        match self {
            Req::Target(_) => 0.0,
            Req::MustFill(_) => 1.0,
            Req::Pin(_) => 2.0,
        }
    }
}

/// The elastic model: the hard rows of `build` (S4, H7, S1, H10) over `cols`, plus the
/// requirement groups — `pins` as (pin number, candidate index), the hard must-fill posts and the
/// hard targets — each with an elastic slack switched on by a binary "relaxed" column when
/// `relaxable(group)` allows it. It maximises −Σ cost·relaxed with cost = 1 + priority/(4n + 4),
/// so the optimum relaxes as few groups as possible (the tie-breaks add up to less than one).
pub fn build_elastic(
    ctx: &RuleContext,
    cands: &Candidates,
    pins: &[(usize, usize)],
    cols: &[usize],
    relaxable: &dyn Fn(Req) -> bool,
) -> Model {
    let sc = ctx.sc;
    let mut vars = ProblemVariables::new();
    let x: Vec<Variable> = vars.add_vector(variable().binary(), cols.len());
    let (mut m, local) = with_hard_rows(
        ctx,
        cands,
        vars,
        x,
        Expression::default(),
        cols,
        true,
        false,
    );
    // Only the relaxations count (seats() priced the extra seats).
    m.objective = Expression::default();

    // (group, lhs, rhs, slack that makes the row hold whatever x is).
    let mut groups: Vec<(Req, Expression, f64, f64)> = Vec::new();
    let mut pin_pair = BTreeMap::new();
    for &(k, i) in pins {
        if let Some(&l) = local.get(&i) {
            pin_pair.insert(k, i);
            groups.push((Req::Pin(k), sum(&m, [l]), 1.0, 1.0));
        }
    }
    if sc.requirements.must_fill.hard {
        for (p, ks) in group_by(&m, cands, |i| Some(cands.post(i))) {
            if sc.must_fill_hard(p) {
                let seats = sc.post(p).seats as f64;
                groups.push((Req::MustFill(p), sum(&m, ks), seats, seats));
            }
        }
    }
    if sc.requirements.targets.hard && !m.cols.is_empty() {
        // At most this many cadres move, so Σ (flag − t)·x ≥ −t·movers always.
        let movers = group_by(&m, cands, |i| Some(cands.cadre(i))).len() as f64;
        for (k, t) in target_shares(sc).into_iter().enumerate() {
            if t > 0.0 && sc.target_hard(k) {
                let e = target_expr(ctx, cands, &m, k, t);
                groups.push((Req::Target(k), e, 0.0, t * movers));
            }
        }
    }
    let n = groups.len() as f64;
    for (g, mut e, rhs, slack) in groups {
        if relaxable(g) {
            let r = m.add_aux(Aux::Relaxed(g), variable().binary());
            e.add_mul(slack, r);
            m.objective
                .add_mul(-(1.0 + g.priority() / (4.0 * n + 4.0)), r);
        }
        let key = match g {
            Req::Pin(k) => RowKey::Pin(pin_pair[&k]),
            Req::MustFill(p) => RowKey::MustFill(p),
            Req::Target(k) => RowKey::Target(k),
        };
        m.push(key, e.geq(rhs));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_file_safe_and_unique() {
        let got = unique(vec![
            "x_C 1_VT/2".into(),
            "x_C_1_VT_2".into(),
            "seats_Bí-thư".into(),
            "x_C_1_VT_2".into(),
        ]);
        assert_eq!(
            got,
            ["x_C_1_VT_2", "x_C_1_VT_2~2", "seats_B_-th_", "x_C_1_VT_2~3"]
        );
    }

    #[test]
    fn every_row_and_column_of_the_province_model_has_a_name() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/province/province.yaml");
        let sc = crate::scenario::load(&path).unwrap();
        let ctx = RuleContext::new(&sc);
        let cands = crate::rules::candidates::generate(&ctx);
        let all: Vec<usize> = (0..cands.len()).collect();
        let m = build(&ctx, &cands, &[], &all, true);
        let names = m.names(&ctx, &cands);
        assert_eq!(names.cols.len(), m.vars.len());
        assert_eq!(names.rows.len(), m.rows.len());
        let p = cands.get(0);
        let want = format!("x_{}_{}", sc.cadre(p.cadre).id, sc.post(p.post).id);
        assert_eq!(names.cols[0], want);
        assert!(names.rows.iter().any(|r| r.starts_with("seats_")));
        assert!(names.rows.iter().any(|r| r.starts_with("cadre_")));
        // The LP with every row has the rows of the MIP and more, never fewer.
        let lp = build_lp_all_rows(&ctx, &cands, &[], &all[..10]);
        let few = build(&ctx, &cands, &[], &all[..10], false);
        assert!(lp.rows.len() > few.rows.len());
        // A pair's live-LP column touches its cadre's and post's rows.
        let col = lp.index.column(&ctx, &cands, 20);
        let c = cands.get(20);
        assert!(
            col.entries
                .contains(&(lp.index.cadre_row[c.cadre as usize].unwrap(), 1.0))
        );
        assert!(
            col.entries
                .contains(&(lp.index.seat_row[c.post as usize].unwrap(), 1.0))
        );
        assert_eq!(col.cost, c.score);
    }
}
