//! Lexicographic objectives and re-planning of a programme: the levels of `objective.order`
//! solved one after the other through the same [`Backend`](super::backend::Backend), each fixed as
//! a row (value ≥ optimum − tolerance·|optimum|) before the next is optimised from the previous
//! incumbent.
//!
//! The levels are the names of `scoring::level_names` (each the weighted part of that term, a
//! penalty being a negative part), then `weighted` (the weighted sum of every term: the tie-break,
//! or the value of a re-plan), then, with `programme.previous`, `changes` (minus the number of
//! cadres whose moves differ from the previous programme). Executed moves of `programme.history`
//! are fixed columns in every level.
//!
//! A level whose coefficients are whole numbers over integer columns takes only whole values, so
//! its row is rounded up to the next whole number at or below the allowed value: rounding can
//! never cut the level's true optimum, and a tolerance of 0 keeps exactly the optimum.

use std::collections::{BTreeMap, BTreeSet};

use super::SolveStatus;
use super::backend::{Failure, Raw, backend};
use super::model::{Aux, Model, RowKey};
use super::programme::{ProgrammeOutcome, build_parts, outcome, run_options};
use crate::domain::{CadreIx, Scenario};
use crate::programme::replan::level_values;
use crate::programme::replan::{
    CHANGES, WEIGHTED, history_columns, placement_col_part, previous_columns, rotation_part,
};
use crate::programme::{Columns, Move, MoveKind, Timeline};
use crate::rules::{Candidates, RuleContext};
use crate::scoring::TERMS;
use good_lp::{Expression, variable};
use serde::Serialize;
use std::time::{Duration, Instant};

/// A row of the levels (its name in an exported model).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReplanRow {
    /// Level `.0` kept at its optimum less its tolerance.
    Level(u16),
    /// An executed move of the history, `.0` its index.
    History(u16),
    /// The cadre keeps a move of the previous programme.
    Keep(CadreIx),
    /// The cadre makes no move besides those of the previous programme.
    KeepOnly(CadreIx),
}

/// One level as solved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelOutcome {
    /// A name of `scoring::level_names`, `weighted` or `changes`.
    pub name: String,
    pub status: SolveStatus,
    /// The level's value in the solution of its own solve (for `changes`: minus the changes).
    pub optimum: Option<f64>,
    /// The level's value in the programme returned, recomputed from its moves
    /// (`programme::replan::level_values`).
    pub value: Option<f64>,
    /// The backend's bound on the level.
    pub bound: Option<f64>,
    /// The relative tolerance below the optimum allowed to the later levels.
    pub tolerance: f64,
    /// The row the later levels kept: the level at least this.
    pub kept_at_least: Option<f64>,
}

/// The levels of `sc` with their tolerances, or `None` when the programme is solved for its
/// weighted sum alone (no `objective:`, history or previous programme).
pub fn level_specs(sc: &Scenario) -> Option<Vec<(String, f64)>> {
    let prog = sc.programme.as_ref()?;
    let r = &prog.replan;
    if sc.objective.is_none() && r.history.is_empty() && r.previous.is_none() {
        return None;
    }
    let mut v: Vec<(String, f64)> = sc
        .objective
        .iter()
        .flat_map(|o| o.order.iter().cloned().zip(o.tolerance.iter().copied()))
        .collect();
    if r.previous.is_some() {
        v.push((WEIGHTED.into(), r.tolerance));
        v.push((CHANGES.into(), 0.0));
    } else {
        v.push((WEIGHTED.into(), 0.0));
    }
    Some(v)
}

/// A level of the model: its expression over the model's columns, the constant no column
/// changes, and whether it takes only whole values.
pub(crate) struct Level {
    pub expr: Expression,
    pub constant: f64,
    pub integral: bool,
}

fn whole(x: f64) -> bool {
    x.fract() == 0.0
}

/// The model of the programme with the history fixed, and its levels `specs`.
fn model_and_levels(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    fixed: &[usize],
    specs: &[(String, f64)],
) -> (Model, Vec<Level>) {
    let prog = sc.programme.as_ref().expect("a programme scenario");
    let (mut m, parts) = build_parts(sc, tl, cols);
    for (i, &k) in fixed.iter().enumerate() {
        let e = Expression::from_other_affine(m.x[k]);
        m.rows
            .push((RowKey::Replan(ReplanRow::History(i as u16)), e.eq(1.0)));
    }
    let n_rot = cols.rotations.len();
    let smooth = !parts.deviation.is_empty();
    let mut levels = Vec::with_capacity(specs.len());
    for (name, _) in specs {
        let level = match name.as_str() {
            WEIGHTED => {
                let scores = cols
                    .rotations
                    .iter()
                    .map(|r| r.score)
                    .chain(cols.placements.iter().map(|x| x.score));
                Level {
                    expr: m.objective.clone(),
                    constant: m.constant,
                    integral: !smooth
                        && whole(prog.unplaced_penalty)
                        && scores.into_iter().all(whole),
                }
            }
            CHANGES => {
                let prev = previous_columns(cols, prog.replan.previous.as_deref().unwrap_or(&[]));
                let mut e = Expression::default();
                for &k in &prev.new_movers {
                    e -= m.x[k];
                }
                let mut constant = 0.0;
                // Each previous cadre's other columns: its rotations, and its placements by
                // period (at most one of each group is chosen, P1/P2).
                let previous: BTreeSet<CadreIx> = prev.kept.iter().map(|(c, _)| *c).collect();
                let mut others: BTreeMap<(CadreIx, usize), Vec<usize>> = BTreeMap::new();
                for (k, r) in cols.rotations.iter().enumerate() {
                    if previous.contains(&r.cadre) {
                        others.entry((r.cadre, usize::MAX)).or_default().push(k);
                    }
                }
                for (j, x) in cols.placements.iter().enumerate() {
                    if previous.contains(&x.cadre) {
                        others
                            .entry((x.cadre, x.period))
                            .or_default()
                            .push(n_rot + j);
                    }
                }
                for (c, ks) in &prev.kept {
                    constant -= 1.0;
                    let Some(ks) = ks else { continue };
                    let keep = m.vars.add(variable().min(0).max(1));
                    m.aux.push(Aux::Kept(*c));
                    e += keep;
                    for &k in ks {
                        let row = (Expression::from_other_affine(keep) - m.x[k]).leq(0.0);
                        m.rows.push((RowKey::Replan(ReplanRow::Keep(*c)), row));
                    }
                    // A cadre keeps its moves only if it makes no other: a placement the
                    // history or a shortened rotation adds is a change (the count of
                    // `replan::changed_cadres`, which compares all of a cadre's moves).
                    for (_, group) in others.range((*c, 0)..=(*c, usize::MAX)) {
                        let other: Expression = group
                            .iter()
                            .filter(|k| !ks.contains(k))
                            .map(|&k| m.x[k])
                            .sum();
                        if group.iter().any(|k| !ks.contains(k)) {
                            let row = (Expression::from_other_affine(keep) + other).leq(1.0);
                            m.rows.push((RowKey::Replan(ReplanRow::KeepOnly(*c)), row));
                        }
                    }
                }
                Level {
                    expr: e,
                    constant,
                    integral: true,
                }
            }
            term => {
                let mut e = Expression::default();
                let mut integral = true;
                for (k, r) in cols.rotations.iter().enumerate() {
                    let a = rotation_part(sc, r, term);
                    if a != 0.0 {
                        integral &= whole(a);
                        e.add_mul(a, m.x[k]);
                    }
                }
                for (k, x) in cols.placements.iter().enumerate() {
                    let a = placement_col_part(sc, x, term);
                    if a != 0.0 {
                        integral &= whole(a);
                        e.add_mul(a, m.x[n_rot + k]);
                    }
                }
                let mut constant = 0.0;
                if term == "unplaced" {
                    integral &= whole(prog.unplaced_penalty);
                    for &u in &parts.unplaced {
                        e.add_mul(-prog.unplaced_penalty, u);
                    }
                    constant -= prog.unplaced_penalty * parts.unplaceable as f64;
                }
                if term == "smoothing" {
                    integral = parts.deviation.is_empty();
                    for &d in &parts.deviation {
                        e.add_mul(-prog.smoothing, d);
                    }
                }
                Level {
                    expr: e,
                    constant,
                    integral,
                }
            }
        };
        levels.push(level);
    }
    (m, levels)
}

/// The row's right-hand side (over the expression, without its constant) that keeps a level
/// whose solve found `v` (expression value) within `tol` of it.
pub fn kept_at_least(v: f64, constant: f64, tol: f64, integral: bool) -> f64 {
    let slack = tol * (v + constant).abs();
    if integral {
        (v - slack - 1e-6).ceil()
    } else {
        v - slack - 1e-6 * (1.0 + v.abs())
    }
}

/// The name of a single plan's last level, after the user's and the weighted sum: the tie-break
/// among the plans that keep every level (`super::tie_weights`, as the direct path's), solved to a
/// zero gap and not reported, so that equal-valued plans give the designed one whatever the order
/// of the tables.
pub(crate) const TIE_BREAK: &str = "tie_break";

/// What solving the levels one after the other gave.
pub(crate) struct Solved {
    pub outcomes: Vec<LevelOutcome>,
    /// The backend's relative gap of each level of `outcomes` (`None`: not given or failed).
    pub gaps: Vec<Option<f64>>,
    /// The last level solved and its constant.
    pub last: Option<(Raw, f64)>,
    /// The failure that stopped the levels, if one did.
    pub failure: Option<Failure>,
    /// Columns and rows of the last model.
    pub size: (usize, usize),
    pub solve_s: f64,
}

/// Solve `specs` level by level through the backend, the one loop of programmes and single
/// plans: `build` gives the model (with its own objective, replaced here) and its levels in the
/// order of `specs`; each level solved is kept as a row (`kept_at_least`) in every later solve,
/// which starts from the previous level's incumbent. `value_of(level, x)` recomputes a level's
/// value from the x values of a solution: a solve from the incumbent whose objective it does not
/// bear out is solved again without the start.
pub(crate) fn solve_levels(
    specs: &[(String, f64)],
    build: &dyn Fn() -> (Model, Vec<Level>),
    value_of: &dyn Fn(&str, &[f64]) -> f64,
    started: Instant,
    limit: f64,
    o: &super::backend::RunOptions,
) -> Solved {
    let mut outcomes: Vec<LevelOutcome> = Vec::new();
    let mut gaps: Vec<Option<f64>> = Vec::new();
    let mut rows: Vec<f64> = Vec::new();
    let mut last: Option<(Raw, f64)> = None;
    let mut warm: Option<Vec<usize>> = None;
    let mut size = (0, 0);
    let mut solve_s = 0.0;
    let mut failure = None;
    for (i, (name, tol)) in specs.iter().enumerate() {
        let tie = name == TIE_BREAK;
        // The tie-break only among proven optima: otherwise there is no optimum to hold.
        if tie && outcomes.iter().any(|l| l.status != SolveStatus::Optimal) {
            break;
        }
        let run = |warm: Option<&[usize]>| {
            let (mut m, mut levels) = build();
            for (j, &rhs) in rows.iter().enumerate() {
                let e = std::mem::take(&mut levels[j].expr);
                m.rows
                    .push((RowKey::Replan(ReplanRow::Level(j as u16)), e.geq(rhs)));
            }
            let level = levels.swap_remove(i);
            m.objective = level.expr.clone();
            m.constant = level.constant;
            let size = (m.vars.len(), m.rows.len());
            let remaining = (limit - started.elapsed().as_secs_f64()).max(0.01);
            let oi = super::backend::RunOptions {
                time_limit_s: remaining,
                deadline: Duration::from_secs_f64(remaining + super::deadline_grace(remaining)),
                relative_gap: if tie { 0.0 } else { o.relative_gap },
                ..o.clone()
            };
            let result = if m.x.is_empty() {
                Ok(Raw {
                    status: SolveStatus::Optimal,
                    objective: 0.0,
                    x: Vec::new(),
                    bound: Some(0.0),
                    gap: Some(0.0),
                    row_duals: Vec::new(),
                    col_duals: Vec::new(),
                })
            } else {
                backend().solve(m, warm, &oi)
            };
            (result, level, size)
        };
        let solved = Instant::now();
        let (mut result, mut level, s) = run(warm.as_deref());
        // The level's value recomputed from the solution must be the backend's: a solve from the
        // previous incumbent that says otherwise is solved again from scratch.
        if let (Ok(raw), Some(_)) = (&result, &warm) {
            let got = value_of(name, &raw.x);
            let want = raw.objective + level.constant;
            if got.is_nan() || (got - want).abs() > 1e-6 * want.abs().max(1.0) {
                tracing::debug!(level = %name, got, want, "level re-solved without a start");
                (result, level, _) = run(None);
            }
        }
        if !tie {
            size = s;
        }
        solve_s += solved.elapsed().as_secs_f64();
        match result {
            Ok(raw) => {
                let v = raw.objective;
                let rhs = kept_at_least(v, level.constant, *tol, level.integral);
                outcomes.push(LevelOutcome {
                    name: name.clone(),
                    status: raw.status,
                    optimum: Some(v + level.constant),
                    value: None,
                    bound: raw.bound.map(|b| b + level.constant),
                    tolerance: *tol,
                    kept_at_least: (i + 1 < specs.len()).then_some(rhs + level.constant),
                });
                gaps.push(raw.gap);
                rows.push(rhs);
                warm = Some(
                    raw.x
                        .iter()
                        .enumerate()
                        .filter(|(_, v)| **v > 0.5)
                        .map(|(k, _)| k)
                        .collect(),
                );
                last = Some((raw, level.constant));
            }
            Err(f) => {
                outcomes.push(LevelOutcome {
                    name: name.clone(),
                    status: match f {
                        Failure::Deadline => SolveStatus::DeadlineFallback,
                        Failure::NoPlan => SolveStatus::TimeLimit,
                        Failure::Infeasible => SolveStatus::Infeasible,
                        Failure::Other(_) => SolveStatus::BackendError,
                    },
                    optimum: None,
                    value: None,
                    bound: None,
                    tolerance: *tol,
                    kept_at_least: None,
                });
                gaps.push(None);
                failure = Some(f);
                break;
            }
        }
    }
    Solved {
        outcomes,
        gaps,
        last,
        failure,
        size,
        solve_s,
    }
}

/// Why the history alone cannot hold: the posts its executed moves overfill, named, or the
/// general note when no post is overfilled (one move per cadre, a placement after each rotation).
fn overfilled_note(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
) -> super::programme::ProgrammeNote {
    use super::programme::{ProgrammeNote, SeatsOverfilled};
    let over = crate::programme::replan::overfilled_seats(sc, tl, cols);
    if over.is_empty() {
        return ProgrammeNote::HistoryCannotHold;
    }
    let id = |c: CadreIx| sc.cadre(c).id.to_string();
    ProgrammeNote::HistorySeatsOverfilled(
        over.into_iter()
            .map(|o| SeatsOverfilled {
                post: sc.post(o.post).id.to_string(),
                period: o.period + 1,
                seats: o.seats,
                moves: o.moves.into_iter().map(|(l, c)| (l, id(c))).collect(),
                holder: o.holder.map(id),
                taken_until: o.taken_until,
            })
            .collect(),
    )
}

/// Solve the programme level by level (see the module's text); `None` when `sc` has no levels.
pub fn solve(sc: &Scenario, tl: &Timeline, cols: &Columns) -> Option<ProgrammeOutcome> {
    let specs = level_specs(sc)?;
    let prog = sc.programme.as_ref()?;
    let started = Instant::now();
    let o = run_options(sc);
    let limit = sc.solver.time_limit_s;
    let fixed = match history_columns(cols, &prog.replan.history) {
        Ok(k) => k,
        Err(bad) => {
            let mut out = outcome(sc, tl, cols, Some(Err(Failure::Infeasible)), 0.0, &o, false);
            out.status = SolveStatus::Infeasible;
            let moves = bad
                .iter()
                .map(|b| {
                    let breach = crate::programme::replan::unkeepable_breach(
                        sc,
                        tl,
                        &prog.replan.history,
                        b,
                    );
                    let holder_stays = crate::programme::replan::holder_stays(prog, b)
                        .filter(|_| breach.is_none())
                        .map(|h| sc.cadre(h).id.to_string());
                    super::programme::HistoryMove {
                        line: b.line,
                        kind: b.kind,
                        cadre: sc.cadre(b.cadre).id.to_string(),
                        post: sc.post(b.post).id.to_string(),
                        period: b.period + 1,
                        breach,
                        holder_stays,
                    }
                })
                .collect();
            out.note = Some(super::programme::ProgrammeNotes(vec![
                super::programme::ProgrammeNote::HistoryBreaksRules(moves),
            ]));
            return Some(out);
        }
    };
    let previous = prog.replan.previous.as_deref();
    let build = || model_and_levels(sc, tl, cols, &fixed, &specs);
    let value_of = |name: &str, x: &[f64]| {
        let moves = moves_of(cols, x);
        level_values(sc, tl, &moves, previous)
            .get(name)
            .copied()
            .unwrap_or(f64::NAN)
    };
    let Solved {
        outcomes,
        last,
        failure,
        size: (n_cols, n_rows),
        solve_s,
        ..
    } = solve_levels(&specs, &build, &value_of, started, limit, &o);
    let stopped_early = failure.is_some();
    let mut out = match (last, failure) {
        // The last level solved is the answer; a later level that failed leaves it standing.
        (Some((raw, constant)), _) => outcome(sc, tl, cols, Some(Ok(raw)), constant, &o, false),
        (None, Some(Failure::Infeasible)) if !fixed.is_empty() => {
            let mut out = outcome(sc, tl, cols, Some(Err(Failure::Infeasible)), 0.0, &o, false);
            out.status = SolveStatus::Infeasible;
            // Decided by testing: the history alone (no hard requirement, no pin) holds, so
            // the requirements are what cannot hold with it.
            let note = if history_alone_holds(sc, tl, cols, &fixed, started, limit, &o) {
                super::programme::ProgrammeNote::HardCannotHold
            } else {
                overfilled_note(sc, tl, cols)
            };
            let pins = (note == super::programme::ProgrammeNote::HardCannotHold)
                .then(|| super::programme::pins_note(sc, tl, cols))
                .flatten();
            out.note = Some(super::programme::ProgrammeNotes(
                std::iter::once(note).chain(pins).collect(),
            ));
            out
        }
        (None, Some(f)) => outcome(sc, tl, cols, Some(Err(f)), 0.0, &o, false),
        (None, None) => outcome(sc, tl, cols, None, 0.0, &o, false),
    };
    // The weighted sum is compared with the recomputed objective only when it was the last level.
    let weighted_last = outcomes.last().is_some_and(|l| l.name == WEIGHTED) && !stopped_early;
    if !weighted_last {
        out.backend_objective = None;
        out.bound = None;
        out.gap = None;
    }
    let worst = outcomes
        .iter()
        .map(|l| l.status)
        .find(|s| *s != SolveStatus::Optimal);
    if let (Some(s), true) = (worst, out.status.has_plan()) {
        out.status = if s.has_plan() {
            s
        } else {
            SolveStatus::TimeLimit
        };
        if stopped_early {
            let n = outcomes.len();
            super::programme::add_note(
                &mut out.note,
                super::programme::ProgrammeNote::LevelStopped {
                    level: n,
                    name: outcomes[n - 1].name.clone(),
                },
            );
        }
    }
    out.levels = outcomes;
    out.columns = n_cols;
    out.rows = n_rows;
    out.build_s = 0.0;
    out.solve_s = solve_s;
    Some(out)
}

/// Whether the programme with the executed moves `fixed` has a solution once every hard
/// requirement (targets, must-fill) is soft and the pins are dropped: `false` when it has none or
/// when there is nothing to drop (the history is then what cannot hold).
fn history_alone_holds(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    fixed: &[usize],
    started: Instant,
    limit: f64,
    o: &super::backend::RunOptions,
) -> bool {
    if !sc.requirements.any_hard() && sc.pins.is_empty() {
        return false;
    }
    let mut soft = sc.clone();
    soft.requirements.must_fill.hard = false;
    soft.requirements.targets.hard = false;
    soft.pins.clear();
    let specs = [(WEIGHTED.to_string(), 0.0)];
    let build = || model_and_levels(&soft, tl, cols, fixed, &specs);
    let solved = solve_levels(&specs, &build, &|_, _| 0.0, started, limit, o);
    solved.last.is_some()
}

/// The moves of the x values `x` (rotation columns, then placement columns).
fn moves_of(cols: &Columns, x: &[f64]) -> Vec<Move> {
    let n_rot = cols.rotations.len();
    x.iter()
        .enumerate()
        .filter(|(_, v)| **v > 0.5)
        .map(|(k, _)| match cols.rotations.get(k) {
            Some(r) => Move {
                cadre: r.cadre,
                post: r.post,
                kind: MoveKind::Rotation,
                period: r.period,
            },
            None => {
                let p = &cols.placements[k - n_rot];
                Move {
                    cadre: p.cadre,
                    post: p.post,
                    kind: MoveKind::Placement,
                    period: p.period,
                }
            }
        })
        .collect()
}

/// The levels of a single plan: `objective.order` with its tolerances, then `weighted` (the
/// tie-break among plans equal on them); `None` without `objective:` or for a programme.
pub fn plan_level_specs(sc: &Scenario) -> Option<Vec<(String, f64)>> {
    if sc.programme.is_some() {
        return None;
    }
    let o = sc.objective.as_ref()?;
    let mut v: Vec<(String, f64)> = o
        .order
        .iter()
        .cloned()
        .zip(o.tolerance.iter().copied())
        .collect();
    v.push((WEIGHTED.into(), 0.0));
    Some(v)
}

/// A single plan's model over the candidate pairs `cols` (`model::build`) and its levels
/// `specs`: a pair term is Σ (its weighted part)·x, a penalty minus its weighted slack columns
/// (must-fill's constant included), `weighted` the model's own objective.
fn plan_model_and_levels(
    ctx: &RuleContext,
    cands: &Candidates,
    pins: &[usize],
    cols: &[usize],
    specs: &[(String, f64)],
) -> (Model, Vec<Level>) {
    let sc = ctx.sc;
    let w = &sc.weights;
    let m = super::model::build(ctx, cands, pins, cols, true);
    let aux: Vec<(Aux, good_lp::Variable)> = m
        .aux
        .iter()
        .copied()
        .zip(
            m.vars
                .iter_variables_with_def()
                .skip(m.x.len())
                .map(|(v, _)| v),
        )
        .collect();
    let target_w = [w.women_shortfall, w.young_shortfall, w.minority_shortfall];
    let penalty = |pick: &dyn Fn(Aux) -> Option<f64>| {
        let mut e = Expression::default();
        for &(a, v) in &aux {
            if let Some(c) = pick(a) {
                e.add_mul(-c, v);
            }
        }
        e
    };
    let levels = specs
        .iter()
        .map(|(name, _)| match name.as_str() {
            WEIGHTED => Level {
                expr: m.objective.clone(),
                constant: m.constant,
                integral: false,
            },
            TIE_BREAK => {
                let mut e = Expression::default();
                for (k, t) in super::tie_weights(ctx, cands, cols).into_iter().enumerate() {
                    e.add_mul(t, m.x[k]);
                }
                Level {
                    expr: e,
                    constant: 0.0,
                    integral: true,
                }
            }
            "must_fill" => Level {
                expr: penalty(&|a| matches!(a, Aux::Empty(_)).then_some(w.must_fill)),
                constant: m.constant,
                integral: whole(w.must_fill),
            },
            "extra_seats" => Level {
                expr: penalty(&|a| matches!(a, Aux::ExtraSeats(_)).then_some(w.extra_seat)),
                constant: 0.0,
                integral: whole(w.extra_seat),
            },
            "targets" => Level {
                expr: penalty(&|a| match a {
                    Aux::Shortfall(k) => Some(target_w[k]),
                    _ => None,
                }),
                constant: 0.0,
                integral: false,
            },
            term => {
                let mut e = Expression::default();
                let mut integral = true;
                if let Some(t) = TERMS.iter().find(|t| t.name == term) {
                    for (k, &i) in cols.iter().enumerate() {
                        let a = t.weighted(&cands.get(i).terms(sc), w);
                        if a != 0.0 {
                            integral &= whole(a);
                            e.add_mul(a, m.x[k]);
                        }
                    }
                }
                // A programme's penalty (`unplaced`, `origin`, `smoothing`) is 0 in a plan.
                Level {
                    expr: e,
                    constant: 0.0,
                    integral,
                }
            }
        })
        .collect();
    (m, levels)
}

/// The level values of the chosen candidate pairs (`scoring::plan_level_values`).
pub fn plan_values(
    ctx: &RuleContext,
    cands: &Candidates,
    chosen: &[usize],
) -> std::collections::BTreeMap<&'static str, f64> {
    crate::scoring::plan_level_values(ctx.sc, &ctx.evaluate(cands, chosen))
}

/// A single plan solved level by level over every candidate pair (also above
/// `PRICING_THRESHOLD`: the pricing loop prices one objective, so the levels are solved on the
/// full set and `Note::LevelsOnEveryPair` says so). Sets status, bound, gap, size, levels and
/// notes in `out`, and returns the chosen candidate indexes of the last level solved.
#[allow(clippy::too_many_arguments)]
pub(super) fn solve_plan(
    ctx: &RuleContext,
    cands: &Candidates,
    pins: &[usize],
    specs: &[(String, f64)],
    started: Instant,
    deadline: Instant,
    out: &mut super::SolveOutcome,
    solved_cols: &mut Vec<usize>,
) -> Result<Vec<usize>, Failure> {
    let sc = ctx.sc;
    let all: Vec<usize> = (0..cands.len()).collect();
    if cands.len() > super::PRICING_THRESHOLD {
        out.note = Some(super::Note::LevelsOnEveryPair { pairs: cands.len() });
    }
    let o = super::run_options(sc, started, deadline);
    // The user's levels and the weighted sum, then the tie-break (dropped from the outcomes).
    let mut with_tie = specs.to_vec();
    with_tie.push((TIE_BREAK.into(), 0.0));
    let build = || plan_model_and_levels(ctx, cands, pins, &all, &with_tie);
    let n = all.len();
    let tie = super::tie_weights(ctx, cands, &all);
    let value_of = |name: &str, x: &[f64]| {
        let chosen: Vec<usize> = x
            .iter()
            .take(n)
            .enumerate()
            .filter(|(_, v)| **v > 0.5)
            .map(|(k, _)| k)
            .collect();
        if name == TIE_BREAK {
            return chosen.iter().map(|&k| tie[k]).sum();
        }
        plan_values(ctx, cands, &chosen)
            .get(name)
            .copied()
            .unwrap_or(f64::NAN)
    };
    let mut solved = solve_levels(
        &with_tie,
        &build,
        &value_of,
        started,
        sc.solver.time_limit_s,
        &o,
    );
    *solved_cols = all;
    if solved.outcomes.len() > specs.len() {
        // The tie-break ran: not a level of the user's. If it failed, the plan of the weighted
        // sum (the last level solved) stays.
        solved.outcomes.truncate(specs.len());
        solved.gaps.truncate(specs.len());
        solved.failure = None;
        if let Some(l) = solved.outcomes.last_mut() {
            l.kept_at_least = None;
        }
    }
    (out.columns, out.rows) = solved.size;
    let stopped = solved.failure.is_some();
    let weighted_last = solved.outcomes.last().is_some_and(|l| l.name == WEIGHTED) && !stopped;
    out.levels = solved.outcomes;
    let Some((raw, _)) = solved.last else {
        return Err(solved.failure.unwrap_or(Failure::NoPlan));
    };
    let chosen = super::integral_choice(&raw.x[..n.min(raw.x.len())])
        .ok_or_else(|| Failure::Other("the backend returned a fractional solution".into()))?;
    out.status = match out
        .levels
        .iter()
        .map(|l| l.status)
        .find(|s| *s != SolveStatus::Optimal)
    {
        None => SolveStatus::Optimal,
        Some(s) if s.has_plan() => s,
        Some(_) => SolveStatus::TimeLimit,
    };
    // A bound and a gap only for the weighted sum, and only when it was solved.
    (out.bound, out.gap) = if weighted_last {
        (
            out.levels.last().and_then(|l| l.bound),
            solved.gaps.last().copied().flatten(),
        )
    } else {
        (None, None)
    };
    if stopped {
        let k = out.levels.len();
        out.note = Some(super::Note::LevelStopped {
            level: k,
            name: out.levels[k - 1].name.clone(),
        });
    }
    Ok(chosen)
}
