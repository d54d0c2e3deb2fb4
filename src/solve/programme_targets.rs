//! The rows of a programme's targets, must-fill posts and pins (docs/programme.md, "Targets, pins
//! and must-fill"), added to the programme's model by `solve::programme::build`. Every coefficient
//! comes from `programme::targets`, which also measures a programme against them, so the model's
//! objective and the recomputed one agree. Soft (a penalised slack) or hard (no slack) as a single
//! plan's requirements:
//!
//!   shares:      Σ_rot (flag − share)·rot + short_k ≥ 0                 (S6 when hard)
//!   key heads:   Σ months·x (moves that count) + short_c ≥ need_c        (S6 when hard)
//!   period t:    Σ_{x in t} x − share·Σ x − excess_t ≤ 0                (S6 when hard)
//!   must-fill:   seats filled on the deadline's date + empty_p ≥ seats    (S5 when hard)
//!   opened:      seats filled on t + within + empty_pt ≥ seats·R_t       (S5 when hard; R_t: the
//!                holder's rotations in period t, a vacancy the programme itself opens)
//!   pin:         Σ x of the pinned pair in its period(s) ≥ 1             (S2, always hard)

use super::model::{Aux, target_flag};
use super::programme::ProgrammeRow;
use crate::domain::{CadreIx, PostIx, Scenario};
use crate::programme::targets::{self as tg, share_targets, share_weights};
use crate::programme::{Columns, Timeline};
use crate::rules::RuleContext;
use good_lp::{Constraint, Expression, ProblemVariables, Variable, variable};
use std::collections::BTreeMap;

/// The model's parts the rows add to.
pub struct Parts<'a> {
    pub vars: &'a mut ProblemVariables,
    pub aux: &'a mut Vec<Aux>,
    pub objective: &'a mut Expression,
    /// Objective terms no column can change (soft targets no column can help).
    pub constant: &'a mut f64,
    pub rows: &'a mut dyn FnMut(ProgrammeRow, Constraint),
}

/// Whether the scenario asks anything of a programme beyond its rules.
pub fn any(sc: &Scenario) -> bool {
    sc.programme.as_ref().is_some_and(|p| {
        p.requirements.targets.is_some()
            || p.requirements.must_fill_within.is_some()
            || !sc.pins.is_empty()
    })
}

/// Adds the rows of the targets, must-fill posts and pins over the columns `rot` and `plc`.
pub fn add(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    rot: &[Variable],
    plc: &[Variable],
    m: Parts,
) {
    let Some(prog) = sc.programme.as_ref() else {
        return;
    };
    let Parts {
        vars,
        aux,
        objective,
        constant,
        rows,
    } = m;
    if let Some(t) = prog.requirements.targets {
        // Shares among the cadres rotated, each flag on the rotation's date.
        let ctxs = tl.contexts();
        let w = share_weights(sc);
        for (k, share) in share_targets(&t).into_iter().enumerate() {
            let hard = sc.target_hard(k);
            if share <= 0.0 || (!hard && w[k] <= 0.0) || rot.is_empty() {
                continue;
            }
            let mut e = Expression::with_capacity(rot.len() + 1);
            for (j, r) in cols.rotations.iter().enumerate() {
                let f = f64::from(u8::from(target_flag(&ctxs[r.period], r.cadre, k)));
                e.add_mul(f - share, rot[j]);
            }
            if !hard {
                let s = vars.add(variable().min(0));
                aux.push(Aux::Shortfall(k));
                *objective -= w[k] * s;
                e += s;
            }
            rows(ProgrammeRow::Share(k as u8), e.geq(0.0));
        }
        // Key-head experience, per cadre still short of it.
        if t.key_head_months > 0 {
            let retirement = |c: CadreIx| {
                crate::rules::retirement::retirement_date(
                    crate::rules::retirement::roadmap(&sc.rules, sc.cadre(c)),
                    sc.cadre(c).birth_date,
                )
            };
            let mut terms: BTreeMap<CadreIx, Vec<(f64, Variable)>> = BTreeMap::new();
            for (j, r) in cols.rotations.iter().enumerate() {
                if tg::counts(sc, r.cadre, r.post) {
                    let months =
                        tg::rotation_months(prog, (r.cadre, r.post), r.period, r.placement);
                    terms
                        .entry(r.cadre)
                        .or_default()
                        .push((months as f64, rot[j]));
                }
            }
            for (j, p) in cols.placements.iter().enumerate() {
                if tg::counts(sc, p.cadre, p.post) {
                    let months = tg::placement_months(
                        prog,
                        (p.cadre, p.post),
                        p.period,
                        retirement(p.cadre),
                    );
                    terms
                        .entry(p.cadre)
                        .or_default()
                        .push((months as f64, plc[j]));
                }
            }
            let hard = sc.requirements.targets.hard;
            for c in 0..sc.cadres.len() as CadreIx {
                let need = tg::need(sc, prog, c);
                if need == 0 {
                    continue;
                }
                let need = need as f64;
                let mine = terms.remove(&c).unwrap_or_default();
                if mine.is_empty() && !hard {
                    *constant -= t.key_head_shortfall * need;
                    continue;
                }
                let mut e = Expression::with_capacity(mine.len() + 1);
                for (months, v) in mine {
                    e.add_mul(months, v);
                }
                if !hard {
                    let s = vars.add(variable().min(0).max(need));
                    aux.push(Aux::KeyHeadShort(c));
                    *objective -= t.key_head_shortfall * s;
                    e += s;
                }
                rows(ProgrammeRow::KeyHead(c), e.geq(need));
            }
        }
        // At most a share of all the moves in one period.
        if t.max_period_share < 1.0 && !(rot.is_empty() && plc.is_empty()) {
            let hard = sc.requirements.targets.hard;
            for period in 0..tl.periods.len() {
                let mut e = Expression::with_capacity(rot.len() + plc.len() + 1);
                for (j, r) in cols.rotations.iter().enumerate() {
                    let inside = f64::from(u8::from(r.period == period));
                    e.add_mul(inside - t.max_period_share, rot[j]);
                }
                for (j, p) in cols.placements.iter().enumerate() {
                    let inside = f64::from(u8::from(p.period == period));
                    e.add_mul(inside - t.max_period_share, plc[j]);
                }
                if !hard {
                    let s = vars.add(variable().min(0));
                    aux.push(Aux::PeriodExcess(period));
                    *objective -= t.period_excess * s;
                    e -= s;
                }
                rows(ProgrammeRow::PeriodShare(period as u16), e.leq(0.0));
            }
        }
    }
    // Must-fill posts: full on their deadline's date.
    if prog.requirements.must_fill_within.is_some() {
        let ctx0 = RuleContext::new(&tl.at[0]);
        let by = ByPost::new(cols);
        let hard = sc.requirements.must_fill.hard;
        for (p, occ) in cols.occupancy.iter().enumerate() {
            let p = p as PostIx;
            let Some(d) = tg::must_fill_deadline(sc, prog, occ, p) else {
                continue;
            };
            let seats = sc.post(p).seats;
            let (e, taken) = filled_on((tl, cols, &ctx0, &by), rot, plc, p, d);
            let room = f64::from(seats) - taken;
            if room <= 0.0 {
                continue;
            }
            let mut e = e;
            if !hard {
                let s = vars.add(variable().min(0).max(room));
                aux.push(Aux::Empty(p));
                *objective -= sc.weights.must_fill * s;
                e += s;
            }
            rows(ProgrammeRow::MustFill(p), e.geq(room));
        }
        // A vacancy the programme opens by rotating the holder in period t (before the post falls
        // vacant by itself): full again on t + must_fill_within. With R_t the holder's rotations
        // in t (at most one is 1): seats filled on the deadline ≥ seats·R_t, a row that cannot
        // bind when R_t = 0 (the seats filled are never negative).
        for (p, occ) in cols.occupancy.iter().enumerate() {
            let p = p as PostIx;
            let Some(h) = occ.holder else {
                continue;
            };
            let mut in_period: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for &j in by.rot_of.get(&h).map_or(&[][..], |v| v) {
                in_period
                    .entry(cols.rotations[j].period)
                    .or_default()
                    .push(j);
            }
            for (t, ks) in in_period {
                let Some(d) = tg::opened_deadline(sc, prog, occ, p, t) else {
                    continue;
                };
                let seats = f64::from(sc.post(p).seats);
                let (mut e, taken) = filled_on((tl, cols, &ctx0, &by), rot, plc, p, d);
                for &j in &ks {
                    e -= seats * rot[j];
                }
                if !hard {
                    let s = vars.add(variable().min(0).max(seats));
                    aux.push(Aux::EmptyOpened(p, t as u16));
                    *objective -= sc.weights.must_fill * s;
                    e += s;
                }
                rows(ProgrammeRow::MustFillOpened(p, t as u16), e.geq(-taken));
            }
        }
    }
    // Pins: the pair moves in its period (or in any).
    for (k, pin) in sc.pins.iter().enumerate() {
        let year = prog.requirements.pin_year(k);
        let mut e = Expression::default();
        for (j, r) in cols.rotations.iter().enumerate() {
            if r.cadre == pin.cadre && r.post == pin.post && tg::in_year(prog, r.period, year) {
                e += rot[j];
            }
        }
        for (j, p) in cols.placements.iter().enumerate() {
            if p.cadre == pin.cadre && p.post == pin.post && tg::in_year(prog, p.period, year) {
                e += plc[j];
            }
        }
        rows(ProgrammeRow::Pin(k as u32), e.geq(1.0));
    }
}

/// The columns of each post and each cadre's rotations, to find the seats filled on a date.
struct ByPost {
    rot: BTreeMap<PostIx, Vec<usize>>,
    plc: BTreeMap<PostIx, Vec<usize>>,
    rot_of: BTreeMap<CadreIx, Vec<usize>>,
}

impl ByPost {
    fn new(cols: &Columns) -> ByPost {
        let mut b = ByPost {
            rot: BTreeMap::new(),
            plc: BTreeMap::new(),
            rot_of: BTreeMap::new(),
        };
        for (j, r) in cols.rotations.iter().enumerate() {
            b.rot.entry(r.post).or_default().push(j);
            b.rot_of.entry(r.cadre).or_default().push(j);
        }
        for (j, x) in cols.placements.iter().enumerate() {
            b.plc.entry(x.post).or_default().push(j);
        }
        b
    }
}

/// The seats of post `p` taken on period `t`'s date that moves change (the rotations and
/// placements there then, less the holder's own rotation by then), and those taken if nobody
/// moves.
fn filled_on(
    at: (&Timeline, &Columns, &RuleContext, &ByPost),
    rot: &[Variable],
    plc: &[Variable],
    p: PostIx,
    t: usize,
) -> (Expression, f64) {
    let (tl, cols, ctx0, by) = at;
    let d = tl.periods[t];
    let occ = &cols.occupancy[p as usize];
    let mut e = Expression::default();
    let holds = crate::programme::holds_post_on;
    for &j in by.rot.get(&p).map_or(&[][..], |v| v) {
        let r = &cols.rotations[j];
        let retire = ctx0.facts[r.cadre as usize].retirement;
        if holds(&tl.periods, retire, (r.period, r.placement), t) {
            e += rot[j];
        }
    }
    for &j in by.plc.get(&p).map_or(&[][..], |v| v) {
        let x = &cols.placements[j];
        let retire = ctx0.facts[x.cadre as usize].retirement;
        if holds(&tl.periods, retire, (x.period, None), t) {
            e += plc[j];
        }
    }
    let taken = occ.taken_on(d);
    if let (Some(h), true) = (occ.holder, taken > 0) {
        for &j in by.rot_of.get(&h).map_or(&[][..], |v| v) {
            if cols.rotations[j].period <= t {
                e -= rot[j];
            }
        }
    }
    (e, f64::from(taken))
}
