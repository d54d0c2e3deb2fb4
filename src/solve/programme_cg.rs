//! Column generation for large programmes (issue 14, "the national programme").
//!
//! Above `programme::FILTER_ABOVE` the programme's model starts from the best columns of each
//! cadre and period; the others are in `Columns::left_out`. Instead of pricing them once against
//! the kept model's LP (`programme_pricing::full_bound`, still the path when the pricing does not
//! model every row), rounds of
//!
//! 1. solve the restricted LP, live in the backend (`Backend::live_lp`, the machinery of the
//!    single plan's pricing loop, `pricing.rs`): from the second round on, from the previous
//!    basis;
//! 2. price every left-out column against its duals (`programme_pricing::Pricer`, the reduced
//!    costs checked against HiGHS's own on every column of the LP each round), and bound the
//!    programme over every column with the bounds of `programme_pricing` (Farley per cadre, the
//!    per-cadre Lagrangian; the smaller);
//! 3. add each cadre's best positive columns (a few rotations and a few placements) to the live LP
//!
//! run until no left-out column prices positive (the LP is then optimal over every column, and
//! its value bounds every programme), or the bound is close to the LP's value, or the rounds' share
//! of the time limit is spent. The columns added are then promoted into the model's columns, and
//! the MIP over them starts from the greedy programme (`programme::solve_growing`).
//!
//! The restricted LP is built with every row of the full model that could bind
//! (`build_parts_relaxed` with the left-out columns as `extra`), so that an added column finds
//! its rows: the LP over the restricted columns is exactly the full LP with the others at 0, and
//! only an optimal LP's duals are used for a bound.
//!
//! Why the first rounds matter: a running rotation whose few kept placements are all taken sits
//! on its unplaced slack, so its row's dual is −unplaced_penalty and every left-out placement of
//! that cadre prices at about +penalty; the first rounds add those placements and the slack leaves
//! the basis.

use super::backend::{NewColumn, RunOptions, backend};
use super::model::RowKey;
use super::programme::{ProgrammeRow, build_parts_relaxed};
use super::programme_pricing::{FullBound, Pricer, kept};
use crate::domain::{CadreIx, Scenario};
use crate::programme::{Columns, MoveKind, OutCol, PlacementCol, RotationCol, Timeline};
use rayon::prelude::*;
use std::collections::HashMap;
use std::time::Instant;

/// Positive columns added per cadre and kind (rotation, placement) in one round.
const ADD_PER_CADRE: usize = 3;
/// Columns added in one round at most (the best of each cadre first, cadre order).
const MAX_ADD_PER_ROUND: usize = 60_000;
const MAX_ROUNDS: usize = 40;
/// Share of the time limit the rounds may end by (the Lagrangian's second part and the MIP over
/// the grown set need the rest: at national size 12 s and 15–20 s; at 80 % the whole national
/// command took 5 min 0 s, at 72 % 4 min 42 s with two rounds more than at 65 %).
const TIME_SHARE: f64 = 0.72;
/// The rounds stop when the bound over every column is within this share of the requested gap
/// of the restricted LP's value: the rest of the gap is the MIP's.
const CLOSE_SHARE: f64 = 0.25;
/// Columns pricing positive below which the rounds go on to convergence even when the bound is
/// close (as `pricing::FINISH_BELOW` for single plans).
const FINISH_BELOW: usize = 2_000;
/// A round that raises the LP by less than this share of it ends the rounds while at least
/// `STALL_POSITIVE` columns price positive (see `grow`): far from convergence, where the rounds
/// would not reach it in the time (national: 84 M; the test programme's rounds converge from
/// 1.0 M, each raising the LP by more).
const STALL_SHARE: f64 = 1e-3;
const STALL_POSITIVE: usize = 1_000_000;
/// Reduced costs at most this are not positive (HiGHS's dual feasibility tolerance is 1e-7).
const EPS: f64 = 1e-6;

/// What one cadre's left-out columns (not yet in the LP) price at.
#[derive(Default)]
struct CadrePrice {
    /// The largest positive reduced cost of a rotation, of a placement (0 if none).
    rot_max: f64,
    plc_max: f64,
    /// The sum of the positive reduced costs of the placements, of every column.
    plc_sum: f64,
    pos_sum: f64,
    /// Columns pricing above `EPS`.
    positive: usize,
    /// The largest reduced cost of any column (−∞ if none).
    best: f64,
    /// The columns to add (indexes of `left_out`), best first per kind.
    add: Vec<usize>,
}

/// The [start, end) of each cadre's run of `left_out` (which is in cadre order); `None` if not.
pub(super) fn cadre_runs(left_out: &[OutCol]) -> Option<Vec<(CadreIx, usize, usize)>> {
    let mut runs: Vec<(CadreIx, usize, usize)> = Vec::new();
    for (i, x) in left_out.iter().enumerate() {
        match runs.last_mut() {
            Some(r) if r.0 == x.cadre => r.2 = i + 1,
            Some(r) if r.0 > x.cadre => return None,
            _ => runs.push((x.cadre, i, i + 1)),
        }
    }
    Some(runs)
}

/// What the rounds leave: the bound over every column, and the last LP's rows and duals (with
/// the sum of the left-out columns' positive reduced costs) when no left-out column priced
/// above `EPS` against them (for the reduced-cost fixing of [`readmit`]).
pub(super) struct Grown {
    pub bound: FullBound,
    pub keys: Vec<RowKey>,
    pub duals: Option<(Vec<f64>, f64)>,
    /// The last optimal LP of the rounds, column by column: what [`restrict`] chooses the MIP's
    /// columns by.
    pub last_lp: LastLp,
    /// The last optimal LP's row duals (on `keys`): the Lagrangian of `programme_lagrange`
    /// starts again from their seat and departure multipliers.
    pub last_duals: Vec<f64>,
}

/// The columns of the last optimal LP of the rounds with their value and reduced cost, and the
/// sum of the positive reduced costs of the columns outside it then (`pos_sum` of
/// `FullBound::left_out_bound`). Columns added after it (the LP of the next round stopped) have
/// no values: `None`.
#[derive(Default)]
pub(super) struct LastLp {
    pub columns: Vec<(OutCol, Option<(f64, f64)>)>,
    pub pos_sum: f64,
}

/// Left-out columns re-admitted into the model by reduced cost, at most this many.
pub(super) const MAX_READMIT: usize = 200_000;

/// Grow `cols` by column generation and bound the programme over every column. `Err`: why not
/// (rows the pricing does not model, an LP that stopped in the first round, a pricing that
/// disagrees with HiGHS); `cols` is then unchanged.
pub(super) fn grow(
    sc: &Scenario,
    tl: &Timeline,
    cols: &mut Columns,
    o: &RunOptions,
    started: Instant,
) -> Result<Grown, String> {
    let runs = cadre_runs(&cols.left_out).ok_or("the left-out columns are not in cadre order")?;
    let n_c = sc.cadres.len();
    let built = Instant::now();
    let (m, _) = build_parts_relaxed(sc, tl, cols, false, &cols.left_out);
    let keys: Vec<RowKey> = m.rows.iter().map(|(k, _)| *k).collect();
    let rows: HashMap<ProgrammeRow, usize> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| match k {
            RowKey::Programme(r) => Some((*r, i)),
            _ => None,
        })
        .collect();
    let constant = m.constant;
    let n_aux = m.vars.len() - m.x.len();
    // The LP's columns in order: the kept x columns, the aux columns, then the added ones.
    let mut lp_cols: Vec<Option<OutCol>> = kept(sc, cols).into_iter().map(Some).collect();
    lp_cols.extend(std::iter::repeat_n(None, n_aux));
    let (n_rows, n_kept) = (keys.len(), lp_cols.len() - n_aux);
    let mut live = backend().live_lp(m).map_err(|f| f.to_string())?;
    tracing::debug!(
        columns = lp_cols.len(),
        rows = n_rows,
        left_out = cols.left_out.len(),
        seconds = built.elapsed().as_secs_f64(),
        "programme column generation: restricted LP built"
    );
    let mut in_lp = vec![false; cols.left_out.len()];
    let mut added = 0usize;
    let (mut lp_s, mut pricing_s) = (0.0, 0.0);
    let mut rounds = 0;
    let mut last: Option<FullBound> = None;
    let mut duals = None;
    let mut last_lp = LastLp::default();
    let mut last_duals = Vec::new();
    let result = loop {
        rounds += 1;
        let spent = started.elapsed();
        let lp_o = RunOptions {
            time_limit_s: (o.time_limit_s - spent.as_secs_f64()).max(1.0),
            relative_gap: 0.0,
            threads: o.threads,
            deadline: o.deadline.saturating_sub(spent),
        };
        let t = Instant::now();
        let raw = match live.solve(&lp_o) {
            Ok(r) if r.status == super::SolveStatus::Optimal => r,
            // Only an optimal LP's duals bound anything: the last round's bound stands.
            other => {
                let why = match other {
                    Ok(r) => format!("the LP stopped: {}", r.status.as_str()),
                    Err(f) => f.to_string(),
                };
                tracing::debug!(
                    round = rounds,
                    why,
                    "programme column generation: LP stopped"
                );
                match last {
                    Some(b) => break b,
                    None => return Err(why),
                }
            }
        };
        lp_s += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let pricer = Pricer::new(sc, tl, cols, &keys, &raw.row_duals)
            .ok_or("the model has rows the pricing does not know (targets, must-fill, pins)")?;
        // Every column of the LP: HiGHS's reduced cost must be the pricing's (a guard against a
        // coefficient the pricing or `Pricer::entries` would get wrong), and the per-cadre
        // largest reduced cost of each kind for the second bound.
        let mut block_rot = vec![0.0f64; n_c];
        let mut block_plc = vec![0.0f64; n_c];
        let mut lp_positive = 0.0;
        for (k, x) in lp_cols.iter().enumerate() {
            let Some(x) = x else { continue };
            let mine = pricer.reduced_cost(x);
            let theirs = raw.col_duals[k];
            if (mine - theirs).abs() > 1e-5 * (1.0 + theirs.abs()) {
                return Err(format!(
                    "pricing disagrees with HiGHS on column {k}: {mine} vs {theirs}"
                ));
            }
            lp_positive += mine.max(0.0);
            let b = match x.kind {
                MoveKind::Rotation => &mut block_rot[x.cadre as usize],
                MoveKind::Placement => &mut block_plc[x.cadre as usize],
            };
            *b = b.max(mine);
        }
        let left_out = &cols.left_out;
        let priced: Vec<CadrePrice> = runs
            .par_iter()
            .map(|&(_, a, b)| price_cadre(&pricer, left_out, &in_lp, a, b))
            .collect();
        let lp = raw.objective + constant;
        // The bounds of `programme_pricing`, over the columns not in the LP.
        let mut farley = lp;
        let mut blocks = lp - lp_positive;
        let mut positive = 0;
        let mut pos_sum = 0.0;
        let mut best = f64::NEG_INFINITY;
        for (&(c, _, _), p) in runs.iter().zip(&priced) {
            let ci = c as usize;
            farley += p.rot_max
                + if pricer.is_running(c) {
                    p.plc_max
                } else {
                    p.plc_sum
                };
            block_rot[ci] = block_rot[ci].max(p.rot_max);
            block_plc[ci] = block_plc[ci].max(p.plc_max);
            positive += p.positive;
            pos_sum += p.pos_sum;
            best = best.max(p.best);
        }
        blocks += block_rot.iter().sum::<f64>() + block_plc.iter().sum::<f64>();
        let bound = farley.min(blocks);
        pricing_s += t.elapsed().as_secs_f64();
        let fb = FullBound {
            lp,
            bound,
            positive,
            priced: cols.left_out.len() - added,
            lp_s,
            pricing_s,
            rounds,
            added,
            left_out_bound: Some(lp + pos_sum + best.min(0.0)),
        };
        last_lp = LastLp {
            columns: lp_cols
                .iter()
                .zip(raw.x.iter().zip(&raw.col_duals))
                .filter_map(|(c, (&v, &d))| c.map(|c| (c, Some((v, d)))))
                .collect(),
            pos_sum,
        };
        last_duals.clone_from(&raw.row_duals);
        let mut new: Vec<usize> = priced.iter().flat_map(|p| p.add.iter().copied()).collect();
        new.truncate(MAX_ADD_PER_ROUND);
        tracing::debug!(
            round = rounds,
            columns = lp_cols.len(),
            lp,
            bound,
            positive_reduced_costs = positive,
            priced_in = new.len(),
            lp_s = lp_s,
            pricing_s = pricing_s,
            "programme column generation round"
        );
        // Close enough only while many columns still price positive: with few, convergence
        // (and with it the reduced-cost fixing of `readmit`) is a few cheap rounds away.
        let close = bound - lp <= CLOSE_SHARE * sc.solver.relative_gap * lp.abs().max(1.0)
            && positive >= FINISH_BELOW;
        let out_of_time = started.elapsed().as_secs_f64() > TIME_SHARE * o.time_limit_s;
        // Tailing off: the last round raised the LP by a hair while millions of columns still
        // price positive (at national size 0.04–0.06 % a round for 20 s each): the time goes to
        // the Lagrangian's bound instead.
        let stalled = last.as_ref().is_some_and(|b: &FullBound| {
            lp - b.lp < STALL_SHARE * lp.abs().max(1.0) && positive >= STALL_POSITIVE
        });
        if new.is_empty() || close || out_of_time || stalled || rounds >= MAX_ROUNDS {
            if positive == 0 {
                duals = Some((raw.row_duals, pos_sum));
            }
            break fb;
        }
        let columns: Vec<NewColumn> = new
            .iter()
            .map(|&i| NewColumn {
                cost: cols.left_out[i].score,
                upper: 1.0,
                entries: pricer.entries(&cols.left_out[i], &rows),
            })
            .collect();
        live.add_columns(columns).map_err(|f| f.to_string())?;
        for &i in &new {
            in_lp[i] = true;
            lp_cols.push(Some(cols.left_out[i]));
            last_lp.columns.push((cols.left_out[i], None));
        }
        added += new.len();
        last = Some(fb);
    };
    drop(live);
    tracing::debug!(
        kept = n_kept,
        added,
        rounds = result.rounds,
        bound = result.bound,
        lp = result.lp,
        "programme column generation done"
    );
    promote(sc, tl, cols, &in_lp);
    Ok(Grown {
        bound: result,
        keys,
        duals,
        last_lp,
        last_duals,
    })
}

/// What [`readmit`] found.
pub(super) struct Readmit {
    /// Per left-out column: its reduced cost is above the threshold.
    pub readmit: Vec<bool>,
    pub count: usize,
    /// The largest reduced cost of the others (`None`: no other).
    pub best_left: Option<f64>,
}

/// The left-out columns whose reduced cost against `duals` (the rows `keys`) is above
/// `threshold`. `None` if the pricing cannot read the rows.
pub(super) fn readmit(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    keys: &[RowKey],
    duals: &[f64],
    threshold: f64,
) -> Option<Readmit> {
    let pricer = Pricer::new(sc, tl, cols, keys, duals)?;
    let readmit: Vec<bool> = cols
        .left_out
        .par_iter()
        .map(|x| pricer.reduced_cost(x) > threshold)
        .collect();
    let count = readmit.iter().filter(|&&r| r).count();
    // The maximum is exact whatever the order: the same with any number of threads.
    let best_left = cols
        .left_out
        .par_iter()
        .zip(&readmit)
        .filter(|(_, r)| !**r)
        .map(|(x, _)| pricer.reduced_cost(x))
        .reduce_with(f64::max);
    Some(Readmit {
        readmit,
        count,
        best_left,
    })
}

/// The left-out columns `a..b` of one cadre not in the LP, priced.
fn price_cadre(
    pricer: &Pricer,
    left_out: &[OutCol],
    in_lp: &[bool],
    a: usize,
    b: usize,
) -> CadrePrice {
    let mut p = CadrePrice {
        best: f64::NEG_INFINITY,
        ..CadrePrice::default()
    };
    let mut rot: Vec<(f64, usize)> = Vec::new();
    let mut plc: Vec<(f64, usize)> = Vec::new();
    for i in a..b {
        if in_lp[i] {
            continue;
        }
        let x = &left_out[i];
        let d = pricer.reduced_cost(x);
        p.best = p.best.max(d);
        if d <= 0.0 {
            continue;
        }
        p.pos_sum += d;
        if d > EPS {
            p.positive += 1;
        }
        match x.kind {
            MoveKind::Rotation => {
                p.rot_max = p.rot_max.max(d);
                if d > EPS {
                    rot.push((d, i));
                }
            }
            MoveKind::Placement => {
                p.plc_max = p.plc_max.max(d);
                p.plc_sum += d;
                if d > EPS {
                    plc.push((d, i));
                }
            }
        }
    }
    for v in [&mut rot, &mut plc] {
        v.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        p.add.extend(v.iter().take(ADD_PER_CADRE).map(|x| x.1));
    }
    p
}

/// A left-out column made a model's column.
pub(super) enum Column {
    Rotation(RotationCol),
    Placement(PlacementCol),
}

/// Per cadre: a rotation of `cols.running` (its placements have no unit of origin).
pub(super) fn running_cadres(sc: &Scenario, cols: &Columns) -> Vec<bool> {
    let mut running = vec![false; sc.cadres.len()];
    for r in &cols.running {
        running[r.cadre as usize] = true;
    }
    running
}

/// The model's column of the left-out column `x` (`running`: [`running_cadres`]).
pub(super) fn column_of(sc: &Scenario, tl: &Timeline, running: &[bool], x: &OutCol) -> Column {
    let (c, p, t) = (x.cadre, x.post, x.period as usize);
    let cadre = sc.cadre(c);
    match x.kind {
        MoveKind::Rotation => Column::Rotation(RotationCol {
            cadre: c,
            post: p,
            period: t,
            end: crate::programme::rotation_end(sc, tl.periods[t]),
            placement: x.placement_period(),
            terms: crate::scoring::pair_terms(&tl.at[t], c, p),
            score: x.score,
        }),
        MoveKind::Placement => {
            let to_origin = !running[c as usize] && cadre.current_unit == Some(sc.post(p).unit);
            Column::Placement(PlacementCol {
                cadre: c,
                post: p,
                period: t,
                running: x.running,
                after_ranks: (0..16i32)
                    .filter(|&d| x.after & (1u16 << d) != 0)
                    .map(|d| cadre.current_rank.saturating_add(d))
                    .collect(),
                to_origin,
                score: x.score,
            })
        }
    }
}

/// Move the left-out columns marked `in_lp` into the model's columns, in the order of
/// `programme::generate` (cadre, period, post).
pub(super) fn promote(sc: &Scenario, tl: &Timeline, cols: &mut Columns, in_lp: &[bool]) {
    if !in_lp.contains(&true) {
        return;
    }
    let running = running_cadres(sc, cols);
    let left_out = std::mem::take(&mut cols.left_out);
    for (x, &moved) in left_out.iter().zip(in_lp) {
        if moved {
            match column_of(sc, tl, &running, x) {
                Column::Rotation(r) => cols.rotations.push(r),
                Column::Placement(p) => cols.placements.push(p),
            }
        }
    }
    cols.left_out = left_out
        .into_iter()
        .zip(in_lp)
        .filter(|(_, m)| !**m)
        .map(|(x, _)| x)
        .collect();
    cols.rotations.sort_by_key(|r| (r.cadre, r.period, r.post));
    cols.placements.sort_by_key(|x| (x.cadre, x.period, x.post));
}

/// Columns of the MIP after the rounds, at most (beyond the LP's support, the start and the
/// columns without LP values): the MIP over every grown column (450,000 at national size) found
/// nothing in its time; over the LP's support and the columns nearest to entering it, HiGHS's
/// root LP is the rounds' LP and its heuristics start from there.
pub(super) const MIP_COLUMNS: usize = 60_000;

/// The MIP's columns chosen from the grown ones, and what that costs the bound.
pub(super) struct Restricted {
    /// The model over the chosen columns (no left-out column: the bound is the rounds').
    pub sub: Columns,
    /// Index in `cols` of each rotation, placement of `sub`.
    pub rotations: Vec<usize>,
    pub placements: Vec<usize>,
    /// The start (`start`, in `cols`'s x order) in `sub`'s x order.
    pub warm: Vec<usize>,
    /// Every programme using a grown column not chosen is worth at most this (`None`: every
    /// grown column chosen).
    pub left_aside_bound: Option<f64>,
}

/// Choose the MIP's columns among `cols` (the kept and added columns, all of them in the last
/// LP of [`grow`]): the LP's support, the columns added after it, the start's, then the others by
/// reduced cost, best first, up to [`MIP_COLUMNS`]. A programme that uses a column left aside, of
/// reduced cost d ≤ 0 at the LP's duals, is worth at most lp + pos_sum + d (the Lagrangian bound
/// of `programme_pricing` with that column at 1): the largest such d bounds them all.
pub(super) fn restrict(cols: &Columns, last: &LastLp, lp: f64, start: &[usize]) -> Restricted {
    let n_rot = cols.rotations.len();
    let n = n_rot + cols.placements.len();
    let index = |x: &OutCol| index_of(cols, x);
    let mut chosen = vec![false; n];
    for &k in start {
        chosen[k] = true;
    }
    // Columns of `cols` the LP did not price (none, unless the rows were rebuilt): chosen.
    let mut priced = vec![false; n];
    let mut others: Vec<(f64, usize)> = Vec::new();
    for (x, v) in &last.columns {
        let Some(k) = index(x) else { continue };
        priced[k] = true;
        match v {
            Some((value, _)) if *value > 1e-7 => chosen[k] = true,
            Some((_, d)) => others.push((*d, k)),
            None => chosen[k] = true,
        }
    }
    for (k, p) in priced.iter().enumerate() {
        if !p {
            chosen[k] = true;
        }
    }
    others.retain(|&(_, k)| !chosen[k]);
    others.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let room = MIP_COLUMNS.saturating_sub(chosen.iter().filter(|&&c| c).count());
    for &(_, k) in others.iter().take(room) {
        chosen[k] = true;
    }
    let left_aside_bound = others
        .get(room)
        .map(|&(d, _)| lp + last.pos_sum + d.min(0.0));
    restricted_to(cols, &chosen, start, left_aside_bound)
}

/// The columns of `cols` marked in `chosen` (x order) as a model of their own, `start` (in
/// `cols`'s x order, each chosen) in its order.
pub(super) fn restricted_to(
    cols: &Columns,
    chosen: &[bool],
    start: &[usize],
    left_aside_bound: Option<f64>,
) -> Restricted {
    let n_rot = cols.rotations.len();
    let n = chosen.len();
    let rotations: Vec<usize> = (0..n_rot).filter(|&k| chosen[k]).collect();
    let placements: Vec<usize> = (0..cols.placements.len())
        .filter(|&j| chosen[n_rot + j])
        .collect();
    let mut new_ix = vec![usize::MAX; n];
    for (i, &k) in rotations.iter().enumerate() {
        new_ix[k] = i;
    }
    for (i, &j) in placements.iter().enumerate() {
        new_ix[n_rot + j] = rotations.len() + i;
    }
    let mut warm: Vec<usize> = start.iter().map(|&k| new_ix[k]).collect();
    warm.sort_unstable();
    let sub = Columns {
        rotations: rotations
            .iter()
            .map(|&k| cols.rotations[k].clone())
            .collect(),
        placements: placements
            .iter()
            .map(|&j| cols.placements[j].clone())
            .collect(),
        running: cols.running.clone(),
        occupancy: cols.occupancy.clone(),
        unplaceable: cols.unplaceable.clone(),
        without_placement: cols.without_placement,
        left_out: Vec::new(),
    };
    Restricted {
        sub,
        rotations,
        placements,
        warm,
        left_aside_bound,
    }
}

/// The index of `x` among `cols`'s columns in the model's x order (rotations, then placements),
/// `None` if it is not one of them.
pub(super) fn index_of(cols: &Columns, x: &OutCol) -> Option<usize> {
    let key = (x.cadre, x.period as usize, x.post);
    match x.kind {
        MoveKind::Rotation => cols
            .rotations
            .binary_search_by_key(&key, |r| (r.cadre, r.period, r.post))
            .ok(),
        MoveKind::Placement => cols
            .placements
            .binary_search_by_key(&key, |p| (p.cadre, p.period, p.post))
            .ok()
            .map(|j| cols.rotations.len() + j),
    }
}

/// Move the left-out columns among `these` into the model's columns (see [`promote`]): how many.
pub(super) fn promote_these(
    sc: &Scenario,
    tl: &Timeline,
    cols: &mut Columns,
    these: &[OutCol],
) -> usize {
    let same = |a: &OutCol, b: &OutCol| {
        (a.kind, a.cadre, a.period, a.post) == (b.kind, b.cadre, b.period, b.post)
    };
    let left_out = &cols.left_out;
    let at: Vec<usize> = these
        .par_iter()
        .filter_map(|x| {
            let a = left_out.partition_point(|y| y.cadre < x.cadre);
            let b = left_out.partition_point(|y| y.cadre <= x.cadre);
            (a..b).find(|&i| same(&left_out[i], x))
        })
        .collect();
    let mut mask = vec![false; left_out.len()];
    for &i in &at {
        mask[i] = true;
    }
    promote(sc, tl, cols, &mask);
    at.len()
}
