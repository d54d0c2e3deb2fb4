//! The MIP, built from small named pieces. One binary per candidate pair; every row belongs to a
//! named group so that an infeasible or slow model can be explained by group.
//!
//! maximise  Σ score·x − must_fill·Σ empty − extra_seat·Σ extra − Σ w_t·shortfall_t
//! s.t.      each cadre at most one post (S4); each post at most seats + approved extra (H7);
//!           at most K departures per unit (S1); relatives conflicts (H10); pins (S2);
//!           empty_p ≥ seats_p − Σ x (must-fill posts); share targets with shortfall (soft).

use crate::rules::family::{side, FamilySide};
use crate::domain::{CadreIx, PostIx, UnitIx};
use crate::rules::{Candidates, RuleContext};
use good_lp::{variable, Constraint, Expression, ProblemVariables, Variable};
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
}

pub struct Model {
    pub vars: ProblemVariables,
    /// One per candidate pair, same index.
    pub x: Vec<Variable>,
    pub extra: Vec<(PostIx, Variable)>,
    pub empty: Vec<(PostIx, Variable)>,
    pub shortfall: Vec<Variable>,
    pub objective: Expression,
    pub rows: Vec<(Group, Constraint)>,
}

impl Model {
    pub fn count_rows(&self, g: Group) -> usize {
        self.rows.iter().filter(|(k, _)| *k == g).count()
    }
}

pub fn build(ctx: &RuleContext, cands: &Candidates, pins: &[usize]) -> Model {
    let mut vars = ProblemVariables::new();
    let x: Vec<Variable> = vars.add_vector(variable().binary(), cands.len());
    let mut objective = Expression::with_capacity(cands.len() + 64);
    for (i, c) in cands.pairs.iter().enumerate() {
        objective.add_mul(c.score, x[i]);
    }
    let mut m = Model { vars, x, extra: Vec::new(), empty: Vec::new(), shortfall: Vec::new(), objective, rows: Vec::new() };
    one_post_per_cadre(ctx, cands, &mut m);
    seats(ctx, cands, &mut m);
    departures(ctx, cands, &mut m);
    family(ctx, cands, &mut m);
    pin_rows(pins, &mut m);
    must_fill(ctx, cands, &mut m);
    targets(ctx, cands, &mut m);
    m
}

fn sum(m: &Model, idx: impl IntoIterator<Item = usize>) -> Expression {
    let mut e = Expression::default();
    for i in idx {
        e.add_mul(1.0, m.x[i]);
    }
    e
}

/// S4: Σ_p x[c,p] ≤ 1 for every cadre with more than one candidate.
fn one_post_per_cadre(_ctx: &RuleContext, cands: &Candidates, m: &mut Model) {
    for w in cands.by_cadre.windows(2) {
        if w[1] - w[0] > 1 {
            let row = sum(m, w[0]..w[1]).leq(1.0);
            m.rows.push((Group::OnePostPerCadre, row));
        }
    }
}

/// H7: Σ_c x[c,p] ≤ seats + extra_p, extra_p ∈ [0, approved] integer, penalised.
fn seats(ctx: &RuleContext, cands: &Candidates, m: &mut Model) {
    let sc = ctx.sc;
    for (p, list) in cands.by_post.iter().enumerate() {
        let post = sc.post(p as PostIx);
        if list.len() as u32 <= post.seats {
            continue;
        }
        let mut e = sum(m, list.iter().copied());
        let approved = sc.extra_seats_of(p as PostIx).min(list.len() as u32 - post.seats);
        if approved > 0 {
            let v = m.vars.add(variable().integer().min(0).max(approved as f64));
            m.objective.add_mul(-sc.weights.extra_seat, v);
            m.extra.push((p as PostIx, v));
            e.add_mul(-1.0, v);
        }
        m.rows.push((Group::Seats, e.leq(post.seats as f64)));
    }
}

/// S1: at most K cadres leave one unit ("not in waves").
fn departures(ctx: &RuleContext, cands: &Candidates, m: &mut Model) {
    let sc = ctx.sc;
    let k = sc.max_departures_per_unit as usize;
    let mut by_unit: BTreeMap<UnitIx, Vec<CadreIx>> = BTreeMap::new();
    for (c, cadre) in sc.cadres.iter().enumerate() {
        if let Some(u) = cadre.current_unit
            && !cands.of_cadre(c as CadreIx).is_empty()
        {
            by_unit.entry(u).or_default().push(c as CadreIx);
        }
    }
    for cadres in by_unit.values() {
        if cadres.len() > k {
            let idx = cadres.iter().flat_map(|&c| {
                let c = c as usize;
                cands.by_cadre[c]..cands.by_cadre[c + 1]
            });
            let row = sum(m, idx).leq(k as f64);
            m.rows.push((Group::Departures, row));
        }
    }
}

/// H10 across the plan: for relatives a, b and a unit U, a's sensitive posts in U and b's head or
/// deputy posts in U are not both taken (one row per ordered pair and unit).
fn family(ctx: &RuleContext, cands: &Candidates, m: &mut Model) {
    let sc = ctx.sc;
    let by_unit_side = |c: CadreIx, want: FamilySide| {
        let mut out: BTreeMap<UnitIx, Vec<usize>> = BTreeMap::new();
        let start = cands.by_cadre[c as usize];
        for (k, cand) in cands.of_cadre(c).iter().enumerate() {
            if side(sc, cand.post) == want {
                out.entry(sc.post(cand.post).unit).or_default().push(start + k);
            }
        }
        out
    };
    for (a, cadre) in sc.cadres.iter().enumerate() {
        let a = a as CadreIx;
        if cadre.relatives.is_empty() {
            continue;
        }
        let sensitive = by_unit_side(a, FamilySide::Sensitive);
        if sensitive.is_empty() {
            continue;
        }
        for &b in &cadre.relatives {
            let leaders = by_unit_side(b, FamilySide::Leader);
            for (u, s) in &sensitive {
                if let Some(l) = leaders.get(u) {
                    let row = sum(m, s.iter().chain(l.iter()).copied()).leq(1.0);
                    m.rows.push((Group::Family, row));
                }
            }
        }
    }
}

/// S2: pinned pairs are taken.
fn pin_rows(pins: &[usize], m: &mut Model) {
    for &i in pins {
        let row = sum(m, [i]).geq(1.0);
        m.rows.push((Group::Pins, row));
    }
}

/// Must-fill posts: empty_p ≥ seats_p − Σ x, penalised per empty quota seat.
fn must_fill(ctx: &RuleContext, cands: &Candidates, m: &mut Model) {
    let sc = ctx.sc;
    for (p, post) in sc.posts.iter().enumerate() {
        if post.criticality < 5 {
            continue;
        }
        let list = &cands.by_post[p];
        let seats = post.seats as f64;
        if list.is_empty() {
            continue; // a constant: the penalty is paid whatever the plan
        }
        let v = m.vars.add(variable().min(0).max(seats));
        m.objective.add_mul(-sc.weights.must_fill, v);
        m.empty.push((p as PostIx, v));
        let mut e = sum(m, list.iter().copied());
        e.add_mul(1.0, v);
        m.rows.push((Group::MustFill, e.geq(seats)));
    }
}

/// Structure targets, soft: Σ (flag − target)·x + shortfall ≥ 0, shortfall penalised.
fn targets(ctx: &RuleContext, cands: &Candidates, m: &mut Model) {
    let sc = ctx.sc;
    let t = sc.targets;
    let w = &sc.weights;
    let specs: [(f64, f64, fn(&crate::scoring::StructureFlags) -> bool); 3] = [
        (t.women, w.women_shortfall, |f| f.woman),
        (t.young, w.young_shortfall, |f| f.young),
        (t.minority, w.minority_shortfall, |f| f.minority),
    ];
    for (target, weight, flag) in specs {
        if target <= 0.0 || weight <= 0.0 || cands.is_empty() {
            continue;
        }
        let s = m.vars.add(variable().min(0));
        m.objective.add_mul(-weight, s);
        m.shortfall.push(s);
        let mut e = Expression::with_capacity(cands.len() + 1);
        for (i, c) in cands.pairs.iter().enumerate() {
            let f = if flag(&ctx.flags(c.cadre)) { 1.0 } else { 0.0 };
            e.add_mul(f - target, m.x[i]);
        }
        e.add_mul(1.0, s);
        m.rows.push((Group::Targets, e.geq(0.0)));
    }
}
