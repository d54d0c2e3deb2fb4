//! The programme's MIP over the time-expanded columns of `programme::generate`, solved through the
//! same [`Backend`](super::backend::Backend) as a single plan.
//!
//! maximise  Σ score·rot + Σ score·plc − unplaced_penalty·Σ unplaced − smoothing·Σ dev_t
//! s.t.      a cadre rotates at most once (P2);
//!           a running rotation ending inside: Σ plc + unplaced = 1 (P1);
//!           a planned rotation ending inside: Σ plc (its period) = Σ rot, and a placement after
//!           each rank held (P1, H6 of a placement);
//!           seats on every period's date: occupants before any move (a holder until they leave or
//!           move: vacancy chains) + rotations until their placement + placements until retirement
//!           ≤ seats (H7, P2);
//!           at most K rotations leave one unit in one period (S1);
//!           relatives never one in a sensitive post and the other head or deputy of the same unit
//!           on a period's date, where the moves put them or a holder still sits (H10);
//!           T·n_t − N ≤ T·dev_t and N − T·n_t ≤ T·dev_t (not in waves; in the MIP n_t is a
//!           column equal to period t's rotations, N = Σ n_t).

use super::SolveStatus;
use super::backend::{Failure, RunOptions, backend};
use super::model::{Aux, Model, RowIndex, RowKey};
use crate::domain::{CadreIx, PostIx, Scenario, UnitIx};
use crate::programme::{Columns, OutCol, Timeline};
use crate::rules::RuleContext;
use crate::rules::family::{FamilySide, has_side};
use good_lp::{Expression, ProblemVariables, Variable, variable};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// A row of the programme model (its name in an exported model).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProgrammeRow {
    /// A cadre rotates at most once.
    OneRotation(CadreIx),
    /// A running rotation's placement (or its unplaced slack).
    Running(CadreIx),
    /// The placement of a planned rotation ending in period `.1`.
    Placement(CadreIx, u16),
    /// A placement after rank `.2` held in the rotation ending in period `.1`.
    PlacementRank(CadreIx, u16, i32),
    /// Seats of a post on a period's date.
    Seats(PostIx, u16),
    /// Departures of a unit in a period.
    Departures(UnitIx, u16),
    /// H10 on a period's date: relative `.0` in a sensitive post and relative `.1` head or deputy
    /// of unit `.2` in period `.3`, not both (`.4`: 0 both moved, 1 the leader still the holder,
    /// 2 the sensitive one still the holder).
    Family(CadreIx, CadreIx, UnitIx, u16, u8),
    /// The rotations of a period, counted once (the MIP's smoothing rows read the count).
    PeriodRotations(u16),
    /// The deviation of a period's rotations from the average, above and below.
    Above(u16),
    Below(u16),
    /// A programme share target (women, young, minority).
    Share(u8),
    /// A key-head cadre's months at a lower level or in a difficult area.
    KeyHead(CadreIx),
    /// The share of the moves in one period.
    PeriodShare(u16),
    /// A must-fill post on its deadline.
    MustFill(PostIx),
    /// A must-fill post whose holder rotates in period `.1`, on the deadline counted from then.
    MustFillOpened(PostIx, u16),
    /// A pin (index of `pins:`).
    Pin(u32),
    /// The cadre rotates in the period (a counterfactual of `explain`).
    Forced(CadreIx, u16),
    /// A move of the programme kept in a neighbourhood search's round (`programme_lns`): the
    /// cadre's move in the period, its kind (0 rotation, 1 placement).
    Kept(CadreIx, u16, u8),
}

/// What the backend said, over the columns of `Columns`.
#[derive(Debug, Clone)]
pub struct ProgrammeOutcome {
    pub status: SolveStatus,
    pub backend: String,
    /// Chosen rotation and placement columns, sorted.
    pub rotations: Vec<usize>,
    pub placements: Vec<usize>,
    /// The backend's objective (with the model's constant), to compare with the recomputed one.
    pub backend_objective: Option<f64>,
    pub bound: Option<f64>,
    pub gap: Option<f64>,
    pub columns: usize,
    pub rows: usize,
    pub build_s: f64,
    pub solve_s: f64,
    pub note: Option<ProgrammeNotes>,
    /// The lexicographic levels, in order (empty: the weighted sum alone).
    pub levels: Vec<super::lexicographic::LevelOutcome>,
    /// Above `programme::FILTER_ABOVE`: the pricing of the columns left out of the model, whose
    /// bound is `bound` (`Err`: why no bound over every column is claimed).
    pub pricing: Option<Result<super::programme_pricing::FullBound, String>>,
}

/// Something a person should know about how a programme was reached, with its numbers;
/// `report::programme_note` words it (plan.json's `note` is the English).
#[derive(Debug, Clone, PartialEq)]
pub enum ProgrammeNote {
    /// The pins and hard requirements cannot all hold (worded by `report::rules::programme_note`).
    HardCannotHold,
    /// No rotation or placement passes the rules.
    NothingToOptimise,
    /// The backend missed its deadline (seconds): the empty programme.
    Deadline { seconds: f64 },
    /// No programme within the time limit (seconds): the empty programme.
    NoProgrammeWithin { seconds: f64 },
    /// The backend returned no programme within `seconds`: the greedy start is the programme.
    GreedyKept { seconds: f64 },
    /// The backend stopped by its time limit (seconds) with a programme worth less than the
    /// greedy start's: the greedy programme is kept, under the backend's bound.
    GreedyBetter {
        seconds: f64,
        backend: f64,
        greedy: f64,
    },
    /// `explain --period`: no programme rotates the cadre in that period.
    ForcedImpossible,
    /// The backend calls the programme infeasible although the empty one is feasible.
    CalledInfeasible,
    /// The backend failed (its own message).
    BackendError(String),
    /// Executed moves of the history the programme has no column for: each with the rule it
    /// breaks on its date, if it breaks one.
    HistoryBreaksRules(Vec<HistoryMove>),
    /// Pins whose move breaks a rule in every period it may be made in.
    PinsBreakRules(Vec<PinBreach>),
    /// The history's executed moves cannot all hold together.
    HistoryCannotHold,
    /// The history's executed moves overfill these posts (the first period of each): why it
    /// cannot hold, named.
    HistorySeatsOverfilled(Vec<SeatsOverfilled>),
    /// Level `level` (1-based) stopped without a solution; the programme is the previous level's.
    LevelStopped { level: usize, name: String },
    /// The backend's objective differs from the recomputed one.
    ObjectiveDiffers { backend: f64, recomputed: f64 },
    /// A lexicographic level's value breaks the row that holds it.
    LevelBreaksRow { name: String, got: f64, want: f64 },
}

/// An executed move of the history, as a note names it.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryMove {
    pub line: usize,
    pub kind: crate::programme::MoveKind,
    pub cadre: String,
    pub post: String,
    /// 1-based.
    pub period: usize,
    /// The rule the move breaks on its date (the first), `None`: it passes the rules, but no seat
    /// is free for it or no placement can follow it.
    pub breach: Option<crate::rules::Breach>,
    /// With no breach: the post's holder, who has no move in the history by the move's period,
    /// which is over on the re-plan's date (`as_of`): the planner cannot move them there.
    pub holder_stays: Option<String>,
}

/// A pin whose move breaks a rule on its date, as a note names it.
#[derive(Debug, Clone, PartialEq)]
pub struct PinBreach {
    pub cadre: String,
    pub post: String,
    /// 1-based: the first period the pin may be made in.
    pub period: usize,
    pub breach: crate::rules::Breach,
}

/// The notes naming the pins that break a rule on every date they may be made (none: `None`).
pub fn pins_note(sc: &Scenario, tl: &Timeline, cols: &Columns) -> Option<ProgrammeNote> {
    let pins: Vec<PinBreach> = crate::programme::targets::pin_breaches(sc, tl, cols)
        .into_iter()
        .map(|(k, t, breach)| PinBreach {
            cadre: sc.cadre(sc.pins[k].cadre).id.clone(),
            post: sc.post(sc.pins[k].post).id.clone(),
            period: t + 1,
            breach,
        })
        .collect();
    (!pins.is_empty()).then_some(ProgrammeNote::PinsBreakRules(pins))
}

/// A post the history's executed moves overfill, as a note names it.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatsOverfilled {
    pub post: String,
    /// 1-based.
    pub period: usize,
    pub seats: u32,
    /// The executed moves on the post then: history line and cadre.
    pub moves: Vec<(usize, String)>,
    /// The holder who keeps a seat: no move in the history by then, and the period is over.
    pub holder: Option<String>,
    /// Without a holder, the seats are taken until this date (posts.csv `vacant_from`).
    pub taken_until: Option<crate::domain::Date>,
}

/// The notes of a programme, in the order they arose (never empty inside a `Some`).
#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeNotes(pub Vec<ProgrammeNote>);

/// Add `n` after the notes already there.
pub fn add_note(notes: &mut Option<ProgrammeNotes>, n: ProgrammeNote) {
    match notes {
        Some(ns) => ns.0.push(n),
        None => *notes = Some(ProgrammeNotes(vec![n])),
    }
}

/// Build and solve the programme's MIP.
pub fn solve(sc: &Scenario, tl: &Timeline, cols: &Columns) -> ProgrammeOutcome {
    solve_forced(sc, tl, cols, &[])
}

/// Share of the time limit by which the Lagrangian of `programme_lagrange` stops: the
/// subgradient's steps are counted (the share only cuts them short on a slow machine), the bundle
/// method after them has the rest. Solved in blocks (national size), the bundle still lowers the
/// bound by 100–200 a second when its time ends, where the neighbourhood search gains a few a
/// second: a larger share (`programme_bundle`, performance.md part O).
const LAGRANGE_SHARE: f64 = 0.5;
const LAGRANGE_SHARE_BLOCKS: f64 = 0.7;
/// Share of the time limit the blocks of `programme_lagrange::by_blocks` may use.
const BLOCK_SHARE: f64 = 0.25;
/// Share of the time limit by which the Lagrangian from the column generation's duals stops.
const REFINE_BY: f64 = 0.8;
/// Share of the time limit by which the neighbourhood search (`programme_lns`) stops: the whole
/// command takes 4 min 43 s of a 300 s limit at national size (performance.md part Q), the
/// reading and the columns before the solve's clock starts included.
const LNS_BY: f64 = 0.92;
/// Seconds per cadre kept after the search whatever the limit's share: what follows it grows with
/// the programme, not with the limit (a short limit on a national programme would run past it).
/// At national size (8,000 cadres) it took 2.1 s (the MIP over the programme's columns 1.1 s, the
/// checker and the files 1 s): twice that is kept.
const AFTER_SEARCH_S_PER_CADRE: f64 = 0.0005;

/// When the neighbourhood search stops, `limit_s` after the programme's solve started: by LNS_BY
/// of the limit, and early enough for what follows it on `cadres` cadres.
fn search_ends(limit_s: f64, cadres: usize) -> f64 {
    (LNS_BY * limit_s).min(limit_s - AFTER_SEARCH_S_PER_CADRE * cadres as f64)
}
/// A column of the subgradient's averaged plans guides the neighbourhood search after the blocks
/// when the plans hold it at least this often.
const GUIDE_SHARE: f64 = 0.25;

/// [`solve`] for the programme pipeline: above `programme::FILTER_ABOVE`, `cols` first grows by
/// column generation (`programme_cg`) and the bound over every column is its LP's; when the
/// pricing does not model every row (targets, must-fill, pins), today's single pricing of the kept
/// model (`programme_pricing::full_bound`) and its rule: no bound over every column claimed.
pub fn solve_growing(sc: &Scenario, tl: &Timeline, cols: &mut Columns) -> ProgrammeOutcome {
    let started = Instant::now();
    let mut out = grow_and_solve(sc, tl, cols, started);
    // `solve_s` is every phase after the build (column generation, the Lagrangian and bundle,
    // the search, the MIP), not the last MIP alone: plan.json's two times add up to the solve.
    out.solve_s = (started.elapsed().as_secs_f64() - out.build_s).max(out.solve_s);
    out
}

fn grow_and_solve(
    sc: &Scenario,
    tl: &Timeline,
    cols: &mut Columns,
    started: Instant,
) -> ProgrammeOutcome {
    if cols.left_out.is_empty() {
        return solve(sc, tl, cols);
    }
    let o = run_options(sc);
    // The greedy programme over every column, its columns in the model from the first round: the
    // LP starts from a programme that places the running rotations and spreads the rotations over
    // the posts, where the kept columns (each cadre's few best) are everybody's same best posts.
    let mut greedy = super::programme_greedy::over_every_column(sc, tl, cols);
    // The Lagrangian bound with each cadre's own rows kept, and its heuristic's programme as the
    // start when better (`programme_lagrange`).
    let floor = super::programme_lagrange::value_of(sc, tl.periods.len(), cols, &greedy);
    // Large programmes (several times the size where the Lagrangian converges in seconds) are
    // first solved in blocks: a start for the Lagrangian over every column.
    let blocks = sc.cadres.len() / super::programme_lagrange::BLOCK_CADRES;
    let warm = (blocks >= 2)
        .then(|| {
            super::programme_lagrange::by_blocks(sc, tl, cols, blocks, BLOCK_SHARE * o.time_limit_s)
        })
        .flatten();
    let lagrange = super::programme_lagrange::run(
        sc,
        tl,
        cols,
        if warm.is_some() {
            LAGRANGE_SHARE_BLOCKS
        } else {
            LAGRANGE_SHARE
        } * o.time_limit_s
            - started.elapsed().as_secs_f64(),
        floor,
        warm.as_ref(),
    );
    if let Some(f) = &lagrange {
        tracing::debug!(
            bound = f.bound,
            heuristic = f.value,
            greedy = floor,
            iterations = f.iterations,
            seconds = f.seconds,
            "programme Lagrangian"
        );
    }
    let lagrange_bound = lagrange.as_ref().map(|f| f.bound);
    let mut lagrange_at = None;
    let mut averaged = Vec::new();
    if let Some(f) = lagrange {
        lagrange_at = Some((f.at, f.theta, f.value.max(floor)));
        if f.value > floor {
            greedy = f.start;
        }
        averaged = f.averaged;
    }
    let promoted = super::programme_cg::promote_these(sc, tl, cols, &greedy);
    // Solved in blocks (national size), the column generation's two rounds in their time left a
    // restricted LP below the programme already known (1,227,684 against 1,228,688) and the
    // Lagrangian again moved its bound by 0.01 %: their 45 s go to the neighbourhood search,
    // guided by the columns the subgradient's averaged plans hold at least GUIDE_SHARE of
    // instead of that LP (all of them spread each neighbourhood over too many posts: +1,157 in
    // 106 s, against +3,525 in 111 s with these).
    if warm.is_some()
        && let Some(bound) = lagrange_bound
    {
        let at = lagrange_at.map(|(at, _, _)| at);
        let guide = (greedy, &averaged[..], at.as_ref());
        return searched_from_blocks(sc, tl, cols, started, guide, bound, promoted);
    }
    tracing::debug!(
        columns = greedy.len(),
        seconds = started.elapsed().as_secs_f64(),
        "programme greedy over every column"
    );
    let mut grown = match super::programme_cg::grow(sc, tl, cols, &o, started) {
        Ok(mut g) => {
            g.bound.added += promoted;
            g.bound.lagrangian(lagrange_bound);
            g
        }
        Err(why) => {
            tracing::debug!(why = why.as_str(), "programme column generation not used");
            // The LP of the bound gets what is left of the limit, not the whole limit again: a
            // 3 s limit ran 11 s, the LP started after the rounds had missed their deadline.
            let left = o.time_limit_s - started.elapsed().as_secs_f64();
            let pricing = if left < 1.0 {
                Err("no time left for the LP".to_string())
            } else {
                let lp_o = RunOptions {
                    time_limit_s: left,
                    deadline: o.deadline.saturating_sub(started.elapsed()),
                    ..o.clone()
                };
                super::programme_pricing::full_bound(sc, tl, cols, &lp_o)
            }
            .map(|mut b| {
                b.added += promoted;
                b.lagrangian(lagrange_bound);
                b
            });
            return solve_priced(sc, tl, cols, &[], started, Some(pricing), None);
        }
    };
    // The Lagrangian again after the rounds, from the better of its own multipliers and the
    // last LP's seat and departure duals, with the step factor it ended with, toward the best
    // programme known (the LP's value need not be below the least L); its own multipliers have
    // been the better start at national size: 1.78 M against 2.34 M.
    if let Some((at, theta, known)) = lagrange_at {
        let mut from = vec![at];
        if !grown.last_duals.is_empty() {
            from.push(super::programme_lagrange::multipliers_of(
                sc,
                tl.periods.len(),
                &grown.keys,
                &grown.last_duals,
            ));
        }
        let left = o.time_limit_s * REFINE_BY - started.elapsed().as_secs_f64();
        let t = Instant::now();
        // The last LP's solution rounded (its columns first, by value within a period), when
        // the LP is above the best programme known (on the test programme the converged LP,
        // 157,754, has 1,606 fractional columns; rounded 154,759–155,085).
        let (lp_cols, lp_vals): (Vec<OutCol>, Vec<f64>) = grown
            .last_lp
            .columns
            .iter()
            .filter_map(|(x, v)| v.filter(|v| v.0 > 1e-6).map(|v| (*x, v.0)))
            .unzip();
        let round =
            (grown.bound.lp > known && !lp_cols.is_empty()).then_some((&lp_cols[..], &lp_vals[..]));
        let again = super::programme_lagrange::Again {
            from,
            target: known,
            theta,
            seconds: left.max(0.0),
            round,
        };
        if let Some(r) = super::programme_lagrange::refine(sc, tl, cols, again) {
            tracing::debug!(
                bound = r.bound,
                iterations = r.iterations,
                rounded = r.rounded.as_ref().map(|r| r.1),
                seconds = t.elapsed().as_secs_f64(),
                "programme Lagrangian again"
            );
            grown.bound.lagrangian(Some(r.bound));
            if let Some((s, v)) = r.rounded
                && v > known
            {
                grown.bound.added += super::programme_cg::promote_these(sc, tl, cols, &s);
                greedy = s;
            }
        }
    }
    // Neighbourhood MIPs from the best programme known (`programme_lns`), until LNS_BY of the
    // time limit; the MIP below starts from their programme.
    let lp: Vec<(OutCol, f64)> = grown
        .last_lp
        .columns
        .iter()
        .filter_map(|(x, v)| v.map(|v| (*x, v.0)))
        .collect();
    let guide = super::programme_lns::Guide {
        lp: &lp,
        grow: 0.0,
        price: None,
    };
    let better = searched(sc, tl, cols, started, (&greedy, guide), grown.bound.bound);
    // Its left-out columns join the model's (the MIP's start must be among them).
    grown.bound.added += super::programme_cg::promote_these(sc, tl, cols, &better);
    greedy = better;
    let bound = grown.bound.clone();
    // The MIP over the LP's support and the columns nearest to it, from the greedy programme
    // over every grown column; the columns left aside weaken the bound by what `restrict` says.
    let mut start: Vec<usize> = greedy
        .iter()
        .filter_map(|x| super::programme_cg::index_of(cols, x))
        .collect();
    if start.len() != greedy.len() {
        start = super::programme_greedy::start(sc, tl, cols);
    }
    start.sort_unstable();
    let r = super::programme_cg::restrict(cols, &grown.last_lp, bound.lp, &start);
    let sub_bound = super::programme_pricing::FullBound {
        left_out_bound: match (bound.left_out_bound, r.left_aside_bound) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, None) => a,
            (None, Some(_)) => None,
        },
        ..bound.clone()
    };
    tracing::debug!(
        columns = r.sub.rotations.len() + r.sub.placements.len(),
        of = cols.rotations.len() + cols.placements.len(),
        left_aside_bound = r.left_aside_bound,
        "programme MIP columns chosen"
    );
    let mut out = solve_priced(
        sc,
        tl,
        &r.sub,
        &[],
        started,
        Some(Ok(sub_bound)),
        Some(r.warm),
    );
    out.rotations = out.rotations.iter().map(|&k| r.rotations[k]).collect();
    out.placements = out.placements.iter().map(|&j| r.placements[j]).collect();
    // Reduced-cost fixing: with the LP optimal over every column (nothing prices positive), a
    // programme that uses left-out column j is worth at most lp + Σ max(0, d) + d_j (the sum
    // tiny: no d above the tolerance), so only the columns with that above the programme found
    // could be in a better one. Re-admitted (when few enough),
    // the MIP over the model they join proves the optimum over every column.
    let (Some((duals, pos_sum)), Some(z)) = (grown.duals.as_ref(), out.backend_objective) else {
        return out;
    };
    let proven = out.status == SolveStatus::Optimal;
    if !out.status.has_plan() || proven || bound.positive > 0 {
        return out;
    }
    let threshold = z - bound.lp - pos_sum - 1e-7 * z.abs().max(1.0);
    let Some(fix) = super::programme_cg::readmit(sc, tl, cols, &grown.keys, duals, threshold)
    else {
        return out;
    };
    tracing::debug!(
        readmitted = fix.count,
        "programme: columns re-admitted by reduced cost"
    );
    if fix.count == 0 || fix.count > super::programme_cg::MAX_READMIT {
        return out;
    }
    // The incumbent's moves, found again among the grown columns: the second MIP's start.
    let moves: Vec<(bool, CadreIx, usize, PostIx)> = out
        .rotations
        .iter()
        .map(|&k| {
            let r = &cols.rotations[k];
            (true, r.cadre, r.period, r.post)
        })
        .chain(out.placements.iter().map(|&j| {
            let x = &cols.placements[j];
            (false, x.cadre, x.period, x.post)
        }))
        .collect();
    super::programme_cg::promote(sc, tl, cols, &fix.readmit);
    let n_rot = cols.rotations.len();
    let mut warm: Vec<usize> = Vec::new();
    for (rot, c, t, p) in moves {
        let found = if rot {
            cols.rotations
                .binary_search_by_key(&(c, t, p), |r| (r.cadre, r.period, r.post))
        } else {
            cols.placements
                .binary_search_by_key(&(c, t, p), |x| (x.cadre, x.period, x.post))
                .map(|j| n_rot + j)
        };
        match found {
            Ok(k) => warm.push(k),
            Err(_) => return out,
        }
    }
    warm.sort_unstable();
    let bound = super::programme_pricing::FullBound {
        added: bound.added + fix.count,
        priced: cols.left_out.len(),
        left_out_bound: Some(
            bound.lp + pos_sum + fix.best_left.unwrap_or(f64::NEG_INFINITY).min(0.0),
        ),
        ..bound
    };
    solve_priced(sc, tl, cols, &[], started, Some(Ok(bound)), Some(warm))
}

/// The neighbourhood search (`programme_lns`) from `start`, guided by `lp` (a fractional
/// programme), until LNS_BY of the time limit or within the requested gap of `bound`: its best
/// programme.
fn searched(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    started: Instant,
    (start, guide): (&[OutCol], super::programme_lns::Guide),
    bound: f64,
) -> Vec<OutCol> {
    let o = run_options(sc);
    let until =
        started + Duration::from_secs_f64(search_ends(o.time_limit_s, sc.cadres.len()).max(0.0));
    let (better, searched) = super::programme_lns::improve(
        sc,
        tl,
        cols,
        (start, guide),
        (bound, o.relative_gap),
        until,
        (usize::MAX, super::programme_lns::NEIGHBOURHOOD),
        o.threads,
    );
    tracing::debug!(
        rounds = searched.rounds,
        improved = searched.improved,
        kept = searched.kept,
        failed = searched.failed,
        value = searched.value,
        seconds = searched.seconds,
        "programme neighbourhood search"
    );
    better
}

/// The large path after the blocks and the Lagrangian: the neighbourhood search from `start`
/// (guided by the subgradient's averaged plans, `guide`) until LNS_BY of the time limit, then the
/// MIP over its programme's columns alone (the programme through the common path: outcome,
/// fallback, the bound over every column, `bound`: the Lagrangian's).
fn searched_from_blocks(
    sc: &Scenario,
    tl: &Timeline,
    cols: &mut Columns,
    started: Instant,
    (start, guide, at): (
        Vec<OutCol>,
        &[(OutCol, f64)],
        Option<&super::programme_lagrange::Multipliers>,
    ),
    bound: f64,
    promoted: usize,
) -> ProgrammeOutcome {
    // The left-out columns a neighbourhood's cadres bring, by their reduced cost at the
    // Lagrangian's multipliers (by score, the popular posts' columns crowd out the rest).
    let pricer = at.map(|m| {
        let mut pr = super::programme_pricing::Pricer::base(sc, tl, cols);
        pr.set_coupling(m);
        pr
    });
    let lp_guide = guide;
    let price = |x: &OutCol| pricer.as_ref().map_or(x.score, |pr| pr.reduced_cost(x));
    let guide = super::programme_lns::Guide {
        lp: guide,
        grow: GUIDE_SHARE,
        price: pricer
            .is_some()
            .then_some(&price as super::programme_lns::Price),
    };
    let better = searched(sc, tl, cols, started, (&start, guide), bound);
    drop(pricer);
    if tracing::enabled!(tracing::Level::DEBUG) {
        let n_t = tl.periods.len();
        let best: Vec<(OutCol, f64)> = better.iter().map(|x| (*x, 1.0)).collect();
        tracing::debug!(
            lp = super::programme_lagrange::parts_of(cols, n_t, lp_guide),
            best = super::programme_lagrange::parts_of(cols, n_t, &best),
            "programme: the guide's parts (the bundle's weights) and the searched programme's"
        );
    }
    let value = super::programme_lagrange::value_of(sc, tl.periods.len(), cols, &better);
    let added = promoted + super::programme_cg::promote_these(sc, tl, cols, &better);
    let mut chosen = vec![false; cols.rotations.len() + cols.placements.len()];
    let mut warm: Vec<usize> = Vec::with_capacity(better.len());
    for x in &better {
        if let Some(k) = super::programme_cg::index_of(cols, x) {
            chosen[k] = true;
            warm.push(k);
        }
    }
    warm.sort_unstable();
    let r = super::programme_cg::restricted_to(cols, &chosen, &warm, None);
    let full = super::programme_pricing::FullBound {
        lp: value,
        bound,
        positive: 0,
        priced: cols.left_out.len(),
        lp_s: 0.0,
        pricing_s: 0.0,
        rounds: 0,
        added,
        left_out_bound: None,
    };
    let mut out = solve_priced(sc, tl, &r.sub, &[], started, Some(Ok(full)), Some(r.warm));
    out.rotations = out.rotations.iter().map(|&k| r.rotations[k]).collect();
    out.placements = out.placements.iter().map(|&j| r.placements[j]).collect();
    out
}

/// The programme's MIP with one rotation column of `forced` (rotation columns of one cadre in
/// one period) required: `explain`'s "what if the cadre rotated then". Without `forced`, the
/// programme's own MIP. `infeasible` when no programme can take one of them.
pub fn solve_forced(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    forced: &[usize],
) -> ProgrammeOutcome {
    let started = Instant::now();
    let o = run_options(sc);
    // Above FILTER_ABOVE the model holds the best columns only: the LP over them prices the
    // others, for a bound over every column (`programme_pricing`).
    let large = !cols.left_out.is_empty();
    let pricing = (large && forced.is_empty())
        .then(|| super::programme_pricing::full_bound(sc, tl, cols, &o));
    solve_priced(sc, tl, cols, forced, started, pricing, None)
}

/// The MIP over `cols` once the columns left out are priced (`pricing`).
fn solve_priced(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    forced: &[usize],
    started: Instant,
    pricing: Option<Result<super::programme_pricing::FullBound, String>>,
    warm: Option<Vec<usize>>,
) -> ProgrammeOutcome {
    let o = run_options(sc);
    let large = !cols.left_out.is_empty() || pricing.is_some();
    if let Some(p) = &pricing {
        match p {
            Ok(b) => tracing::debug!(
                kept = cols.rotations.len() + cols.placements.len(),
                left_out = b.priced,
                positive_reduced_costs = b.positive,
                lp = b.lp,
                bound = b.bound,
                lp_s = b.lp_s,
                pricing_s = b.pricing_s,
                "programme priced"
            ),
            Err(why) => tracing::debug!(why = why.as_str(), "programme not priced"),
        }
    }
    // The pricing before this is its own phase: the build counts from here.
    let building = started.elapsed().as_secs_f64();
    let mut m = build(sc, tl, cols);
    if let Some(&k0) = forced.first() {
        let r = &cols.rotations[k0];
        let e: Expression = forced.iter().map(|&k| m.x[k]).sum();
        m.rows.push((
            RowKey::Programme(ProgrammeRow::Forced(r.cadre, r.period as u16)),
            e.geq(1.0),
        ));
    }
    let (n_cols, n_rows) = (m.vars.len(), m.rows.len());
    let constant = m.constant;
    // The MIP gets what is left of the time limit after the pricing.
    let spent = started.elapsed().as_secs_f64();
    let mip_o = RunOptions {
        time_limit_s: (o.time_limit_s - spent).max(1.0),
        deadline: o.deadline.saturating_sub(started.elapsed()),
        ..o.clone()
    };
    let build_s = started.elapsed().as_secs_f64() - building;
    // A greedy start for the large model: an incumbent at once.
    let warm = warm.or_else(|| large.then(|| super::programme_greedy::start(sc, tl, cols)));
    let solved = Instant::now();
    let result = if m.x.is_empty() {
        None
    } else {
        Some(backend().solve(m, warm.as_deref(), &mip_o))
    };
    let failed_in_time = matches!(result, Some(Err(Failure::Deadline | Failure::NoPlan)));
    let mut out = outcome(sc, tl, cols, result, constant, &o, !forced.is_empty());
    (out.columns, out.rows, out.build_s) = (n_cols, n_rows, build_s);
    out.solve_s = solved.elapsed().as_secs_f64();
    // No answer in time: the greedy start is a programme (feasible by construction; the checker
    // re-checks it as every programme), better than the empty one. A small model gets no start
    // (its MIP's path and plan stay as they were) but the same fallback, unless pins, targets,
    // must-fill rows or a history bind it: the greedy programme does not model those.
    let plain = forced.is_empty()
        && !super::programme_targets::any(sc)
        && sc
            .programme
            .as_ref()
            .is_some_and(|p| p.replan.history.is_empty());
    let warm = warm.or_else(|| {
        (failed_in_time && plain).then(|| super::programme_greedy::start(sc, tl, cols))
    });
    let mut fallback_value = None;
    if let (true, Some(w)) = (failed_in_time, warm.as_ref().filter(|w| !w.is_empty())) {
        (out.rotations, out.placements) = split_start(w, cols);
        out.status = SolveStatus::DeadlineFallback;
        // The fallback programme's own value: with the bound over every column (below, large
        // programmes only), its gap.
        fallback_value = large.then(|| worth(sc, tl, cols, &out.rotations, &out.placements));
        out.backend_objective = None;
        out.note = None;
        add_note(
            &mut out.note,
            ProgrammeNote::GreedyKept {
                seconds: out.solve_s,
            },
        );
    }
    // Stopped by its time limit, the backend's programme may be a poor incumbent of its own
    // heuristics (on the province programme at 1 s: placements and no rotation at all): the
    // greedy programme replaces it when worth more, under the backend's bound.
    if !failed_in_time && plain && !large && out.status == SolveStatus::TimeLimit {
        let (rotations, placements) =
            split_start(&super::programme_greedy::start(sc, tl, cols), cols);
        let mip = worth(sc, tl, cols, &out.rotations, &out.placements);
        let start = worth(sc, tl, cols, &rotations, &placements);
        if start > mip + 1e-6 {
            tracing::debug!(
                mip,
                greedy = start,
                "programme: the greedy start beats the incumbent"
            );
            (out.rotations, out.placements) = (rotations, placements);
            out.backend_objective = None;
            out.gap = out
                .bound
                .map(|b| ((b - start) / start.abs().max(1e-9)).max(0.0));
            add_note(
                &mut out.note,
                ProgrammeNote::GreedyBetter {
                    seconds: out.solve_s,
                    backend: mip,
                    greedy: start,
                },
            );
        }
    }
    if large && forced.is_empty() {
        over_every_column(sc.solver.relative_gap, &mut out, pricing, fallback_value);
    }
    out
}

/// A start (rotation columns, then placement columns after them) as its rotations and
/// placements.
fn split_start(w: &[usize], cols: &Columns) -> (Vec<usize>, Vec<usize>) {
    let n_rot = cols.rotations.len();
    let rotations = w.iter().copied().filter(|&k| k < n_rot).collect();
    let placements = w
        .iter()
        .filter(|&&k| k >= n_rot)
        .map(|&k| k - n_rot)
        .collect();
    (rotations, placements)
}

/// A programme's value (`programme_lagrange::value_of`) from its rotation and placement columns.
fn worth(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    rotations: &[usize],
    placements: &[usize],
) -> f64 {
    let chosen: Vec<OutCol> = rotations
        .iter()
        .map(|&k| OutCol::of_rotation(&cols.rotations[k]))
        .chain(
            placements
                .iter()
                .map(|&j| OutCol::of_placement(sc, &cols.placements[j])),
        )
        .collect();
    super::programme_lagrange::value_of(sc, tl.periods.len(), cols, &chosen)
}

/// The status, bound and gap of a programme whose model kept the best columns only, over every
/// column: the MIP's own bound holds for the kept columns alone, so it is replaced by the pricing's
/// bound; without that bound, nothing is proven (`time_limit`, no bound).
fn over_every_column(
    relative_gap: f64,
    out: &mut ProgrammeOutcome,
    pricing: Option<Result<super::programme_pricing::FullBound, String>>,
    fallback_value: Option<f64>,
) {
    let has_plan = matches!(
        out.status,
        SolveStatus::Optimal | SolveStatus::GapLimit | SolveStatus::TimeLimit
    );
    match (&pricing, out.backend_objective) {
        (Some(Ok(b)), Some(z)) if has_plan => {
            // The MIP's bound is for the kept columns; over every column the pricing's holds.
            // A programme that uses a left-out column is worth at most `left_out_bound`, one
            // that uses none at most the MIP's bound over the model's columns: the larger of the
            // two bounds every programme, and may be below the LP's.
            let mut bound = b.bound;
            if let (Some(mip), Some(l)) = (out.bound, b.left_out_bound) {
                bound = bound.min(mip.max(l));
            }
            let gap = ((bound - z) / z.abs().max(1.0)).max(0.0);
            out.bound = Some(bound);
            out.gap = Some(gap);
            out.status = if gap <= 1e-9 {
                SolveStatus::Optimal
            } else if gap <= relative_gap {
                SolveStatus::GapLimit
            } else {
                SolveStatus::TimeLimit
            };
        }
        _ if has_plan => {
            out.bound = None;
            out.gap = None;
            out.status = SolveStatus::TimeLimit;
        }
        // The MIP did not answer in time and the fallback programme stands: the bound over every
        // column holds for it as for any programme (it was lost before: "bound —").
        (Some(Ok(b)), None) if out.status == SolveStatus::DeadlineFallback => {
            out.bound = Some(b.bound);
            out.gap = fallback_value.map(|z| ((b.bound - z) / z.abs().max(1.0)).max(0.0));
        }
        _ => {}
    }
    out.pricing = pricing;
}

/// The limits of a programme's solve.
pub(super) fn run_options(sc: &Scenario) -> RunOptions {
    let limit = sc.solver.time_limit_s;
    RunOptions {
        time_limit_s: limit,
        relative_gap: sc.solver.relative_gap,
        threads: sc.solver.threads,
        deadline: Duration::from_secs_f64(limit + super::deadline_grace(limit)),
    }
}

/// The outcome of the backend's `result` (`None`: nothing could move) over the columns `cols`.
pub(super) fn outcome(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    result: Option<Result<super::backend::Raw, Failure>>,
    constant: f64,
    o: &RunOptions,
    forced: bool,
) -> ProgrammeOutcome {
    let limit = sc.solver.time_limit_s;
    let n_rot = cols.rotations.len();
    let mut out = ProgrammeOutcome {
        status: SolveStatus::Infeasible,
        backend: backend().name().to_string(),
        rotations: Vec::new(),
        placements: Vec::new(),
        backend_objective: None,
        bound: None,
        gap: None,
        columns: 0,
        rows: 0,
        build_s: 0.0,
        solve_s: 0.0,
        note: None,
        levels: Vec::new(),
        pricing: None,
    };
    match result {
        // Nothing can move: the empty programme is the only one.
        None => {
            let missed = crate::programme::targets::results(sc, tl, &[])
                .into_iter()
                .any(|r| r.hard && !r.met);
            if missed {
                out.status = SolveStatus::Infeasible;
                add_note(&mut out.note, ProgrammeNote::HardCannotHold);
                if let Some(n) = pins_note(sc, tl, cols) {
                    add_note(&mut out.note, n);
                }
            } else {
                out.status = SolveStatus::Optimal;
                out.backend_objective = Some(constant);
                out.bound = Some(constant);
                out.gap = Some(0.0);
                add_note(&mut out.note, ProgrammeNote::NothingToOptimise);
            }
        }
        Some(Ok(raw)) => {
            out.status = raw.status;
            for (k, &v) in raw.x.iter().enumerate() {
                if v > 0.5 {
                    if k < n_rot {
                        out.rotations.push(k);
                    } else {
                        out.placements.push(k - n_rot);
                    }
                }
            }
            out.backend_objective = Some(raw.objective + constant);
            out.bound = raw.bound.map(|b| b + constant);
            out.gap = raw.gap;
        }
        // The empty programme is always feasible (unplaced is a slack), so every failure keeps
        // it as the answer, with an honest status.
        Some(Err(f)) => {
            let (status, note) = match f {
                Failure::Deadline => (
                    SolveStatus::DeadlineFallback,
                    ProgrammeNote::Deadline {
                        seconds: o.deadline.as_secs_f64(),
                    },
                ),
                Failure::NoPlan => (
                    SolveStatus::TimeLimit,
                    ProgrammeNote::NoProgrammeWithin { seconds: limit },
                ),
                Failure::Infeasible if forced => {
                    (SolveStatus::Infeasible, ProgrammeNote::ForcedImpossible)
                }
                Failure::Infeasible if super::programme_targets::any(sc) => {
                    (SolveStatus::Infeasible, ProgrammeNote::HardCannotHold)
                }
                Failure::Infeasible => (SolveStatus::BackendError, ProgrammeNote::CalledInfeasible),
                Failure::Other(m) => (SolveStatus::BackendError, ProgrammeNote::BackendError(m)),
            };
            let pins = (note == ProgrammeNote::HardCannotHold)
                .then(|| pins_note(sc, tl, cols))
                .flatten();
            out.status = status;
            add_note(&mut out.note, note);
            if let Some(n) = pins {
                add_note(&mut out.note, n);
            }
        }
    }
    out
}

/// The programme's model: rotation columns first, then placement columns (the x columns), then
/// the unplaced slacks and the deviations.
pub fn build(sc: &Scenario, tl: &Timeline, cols: &Columns) -> Model {
    build_parts(sc, tl, cols).0
}

/// The columns of a programme's model that are not x columns, for the levels of
/// `solve::lexicographic`.
pub(super) struct Parts {
    /// The unplaced slack of each running rotation that has placement columns.
    pub unplaced: Vec<Variable>,
    /// Running rotations without any placement column (each a constant −unplaced_penalty).
    pub unplaceable: usize,
    /// The deviation of each period's rotations from the average (when smoothing is on).
    pub deviation: Vec<Variable>,
}

/// [`build`] and the model's other columns.
pub(super) fn build_parts(sc: &Scenario, tl: &Timeline, cols: &Columns) -> (Model, Parts) {
    build_parts_relaxed(sc, tl, cols, true, &[])
}

/// [`build_parts`] with binary x columns (`binary`) or their LP relaxation (0 ≤ x ≤ 1), for the
/// pricing of `programme_pricing`. The rows are those of the model over `cols` and the columns
/// `extra` together (`extra` has no column in the model): the restricted LP of the column
/// generation (`programme_cg`), to which any of `extra` can be added later as a column, has every
/// row of the full model that could bind (rows with no column in the model yet are empty).
pub(super) fn build_parts_relaxed(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    binary: bool,
    extra: &[crate::programme::OutCol],
) -> (Model, Parts) {
    let ctx0 = RuleContext::new(&tl.at[0]);
    let ex = Extra::of(sc, tl, cols, &ctx0, extra);
    let x_var = || {
        if binary {
            variable().binary()
        } else {
            variable().min(0).max(1)
        }
    };
    let mut parts = Parts {
        unplaced: Vec::new(),
        unplaceable: 0,
        deviation: Vec::new(),
    };
    let prog = sc.programme.as_ref().expect("a programme scenario");
    let n_t = tl.periods.len();
    let mut vars = ProblemVariables::new();
    let rot: Vec<Variable> = cols.rotations.iter().map(|_| vars.add(x_var())).collect();
    let plc: Vec<Variable> = cols.placements.iter().map(|_| vars.add(x_var())).collect();
    let mut aux = Vec::new();
    let mut objective = Expression::default();
    for (k, r) in cols.rotations.iter().enumerate() {
        objective += r.score * rot[k];
    }
    for (k, p) in cols.placements.iter().enumerate() {
        objective += p.score * plc[k];
    }
    let mut rows: Vec<(RowKey, good_lp::Constraint)> = Vec::new();
    let mut push = |key: ProgrammeRow, c| rows.push((RowKey::Programme(key), c));

    // P2: a cadre rotates at most once.
    let mut by_cadre: BTreeMap<CadreIx, Vec<usize>> = BTreeMap::new();
    for (k, r) in cols.rotations.iter().enumerate() {
        by_cadre.entry(r.cadre).or_default().push(k);
    }
    let mut n_rot_of: BTreeMap<CadreIx, usize> = ex.rotations.clone();
    for (&c, ks) in &by_cadre {
        *n_rot_of.entry(c).or_default() += ks.len();
    }
    for (&c, &n) in &n_rot_of {
        if n > 1 {
            let e: Expression = by_cadre
                .get(&c)
                .map_or(&[][..], |v| v)
                .iter()
                .map(|&k| rot[k])
                .sum();
            push(ProgrammeRow::OneRotation(c), e.leq(1.0));
        }
    }

    // P1: placements.
    let mut plc_of: BTreeMap<(CadreIx, usize), Vec<usize>> = BTreeMap::new();
    for (k, p) in cols.placements.iter().enumerate() {
        plc_of.entry((p.cadre, p.period)).or_default().push(k);
    }
    let mut constant = 0.0;
    for r in &cols.running {
        let ks = plc_of
            .get(&(r.cadre, r.period))
            .cloned()
            .unwrap_or_default();
        if ks.is_empty() && !ex.placed.contains(&r.cadre) {
            constant -= prog.unplaced_penalty;
            parts.unplaceable += 1;
            continue;
        }
        let u = vars.add(variable().min(0).max(1));
        parts.unplaced.push(u);
        aux.push(Aux::Unplaced(r.cadre));
        objective -= prog.unplaced_penalty * u;
        let e: Expression = ks.iter().map(|&k| plc[k]).sum::<Expression>() + u;
        push(ProgrammeRow::Running(r.cadre), e.eq(1.0));
    }
    let mut ends: BTreeMap<(CadreIx, usize), Vec<usize>> = BTreeMap::new();
    for (k, r) in cols.rotations.iter().enumerate() {
        if let Some(s) = r.placement {
            ends.entry((r.cadre, s)).or_default().push(k);
        }
    }
    for &key in ex.ends.keys() {
        ends.entry(key).or_default();
    }
    // A placement whose cadre has no rotation ending then in the model (its rotations left out,
    // or not chosen for the MIP) gets its row too, which holds it at 0: without the row it
    // would be a free column, a placement after no rotation (P1).
    let running: std::collections::BTreeSet<CadreIx> =
        cols.running.iter().map(|r| r.cadre).collect();
    for &(c, s) in plc_of.keys() {
        if !running.contains(&c) {
            ends.entry((c, s)).or_default();
        }
    }
    for (&(c, s), ks) in &ends {
        let ps = plc_of.get(&(c, s)).cloned().unwrap_or_default();
        let e: Expression = ps.iter().map(|&k| plc[k]).sum::<Expression>()
            - ks.iter().map(|&k| rot[k]).sum::<Expression>();
        push(ProgrammeRow::Placement(c, s as u16), e.eq(0.0));
        let mut ranks: Vec<i32> = ks
            .iter()
            .map(|&k| sc.post(cols.rotations[k].post).rank)
            .collect();
        if let Some(more) = ex.ends.get(&(c, s)) {
            ranks.extend(more);
        }
        ranks.sort_unstable();
        ranks.dedup();
        // No rotation ends then: the row above holds the placements at 0.
        if ranks.is_empty() {
            continue;
        }
        let extra_unfollowing = ex
            .placements_of(c, s)
            .iter()
            .any(|x| !x.follows(sc, ranks[0]));
        if ranks.len() > 1
            || extra_unfollowing
            || ps
                .iter()
                .any(|&j| !cols.placements[j].after_ranks.contains(&ranks[0]))
        {
            for b in ranks {
                let e: Expression = ks
                    .iter()
                    .filter(|&&k| sc.post(cols.rotations[k].post).rank == b)
                    .map(|&k| rot[k])
                    .sum::<Expression>()
                    - ps.iter()
                        .filter(|&&j| cols.placements[j].after_ranks.contains(&b))
                        .map(|&j| plc[j])
                        .sum::<Expression>();
                push(ProgrammeRow::PlacementRank(c, s as u16, b), e.leq(0.0));
            }
        }
    }

    // H7/P2: seats on every period's date, vacancy chains included.
    // Whether a rotation column is on its post on period t's date (until its placement), and a
    // placement column (until the cadre retires).
    let rot_active = |k: usize, t: usize| {
        let r = &cols.rotations[k];
        let retire = ctx0.facts[r.cadre as usize].retirement;
        crate::programme::holds_post_on(&tl.periods, retire, (r.period, r.placement), t)
    };
    let plc_active = |k: usize, t: usize| {
        let x = &cols.placements[k];
        let retire = ctx0.facts[x.cadre as usize].retirement;
        crate::programme::holds_post_on(&tl.periods, retire, (x.period, None), t)
    };
    let mut rot_of_post: BTreeMap<PostIx, Vec<usize>> = BTreeMap::new();
    for (k, r) in cols.rotations.iter().enumerate() {
        rot_of_post.entry(r.post).or_default().push(k);
    }
    let mut plc_of_post: BTreeMap<PostIx, Vec<usize>> = BTreeMap::new();
    for (k, p) in cols.placements.iter().enumerate() {
        plc_of_post.entry(p.post).or_default().push(k);
    }
    for (p, occ) in cols.occupancy.iter().enumerate() {
        let p = p as PostIx;
        let seats = sc.post(p).seats as f64;
        for (t, &d) in tl.periods.iter().enumerate() {
            let mut e = Expression::default();
            let mut n = 0;
            for &k in rot_of_post.get(&p).map_or(&[][..], |v| v) {
                if rot_active(k, t) {
                    e += rot[k];
                    n += 1;
                }
            }
            for &k in plc_of_post.get(&p).map_or(&[][..], |v| v) {
                if plc_active(k, t) {
                    e += plc[k];
                    n += 1;
                }
            }
            let taken = occ.taken_on(d) as f64;
            if let (Some(h), true) = (occ.holder, taken > 0.0) {
                for &k in by_cadre.get(&h).map_or(&[][..], |v| v) {
                    if cols.rotations[k].period <= t {
                        e -= rot[k];
                    }
                }
            }
            n += ex.seats[p as usize * n_t + t];
            // A row that cannot bind is left out (a holder's move only frees room).
            if n as f64 + taken <= seats {
                continue;
            }
            push(ProgrammeRow::Seats(p, t as u16), e.leq(seats - taken));
        }
    }

    // H10 on every period's date (the checker's rule, `check::programme`): for relatives a, b and
    // a unit U, a in a sensitive post of U and b head or deputy of U are not both there, whether
    // a move put them there or they still hold the post (a holder's presence is 1 − their
    // rotations so far). Two holders neither of whom moves are not the programme's doing.
    let mut plc_of_cadre: BTreeMap<CadreIx, Vec<usize>> = BTreeMap::new();
    for (k, x) in cols.placements.iter().enumerate() {
        plc_of_cadre.entry(x.cadre).or_default().push(k);
    }
    let held: BTreeMap<CadreIx, (PostIx, &crate::programme::Occupancy)> = cols
        .occupancy
        .iter()
        .enumerate()
        .filter_map(|(p, o)| Some((o.holder?, (p as PostIx, o))))
        .collect();
    let no_cols: Vec<usize> = Vec::new();
    // (a's columns on `side` in each unit at t, the unit a holds a post of `side` in at t).
    let placed = |c: CadreIx, side: FamilySide, t: usize| {
        let mut on: BTreeMap<UnitIx, Expression> = BTreeMap::new();
        for &k in by_cadre.get(&c).unwrap_or(&no_cols) {
            let post = cols.rotations[k].post;
            if rot_active(k, t) && has_side(sc, post, side) {
                *on.entry(sc.post(post).unit).or_default() += rot[k];
            }
        }
        for &k in plc_of_cadre.get(&c).unwrap_or(&no_cols) {
            let post = cols.placements[k].post;
            if plc_active(k, t) && has_side(sc, post, side) {
                *on.entry(sc.post(post).unit).or_default() += plc[k];
            }
        }
        let s = side_ix(side);
        for &(_, _, _, u) in ex.family.range((c, s, t, 0)..=(c, s, t, UnitIx::MAX)) {
            on.entry(u).or_default();
        }
        let holds = held.get(&c).and_then(|&(p, o)| {
            (o.taken_on(tl.periods[t]) > 0 && has_side(sc, p, side)).then_some(sc.post(p).unit)
        });
        (on, holds)
    };
    // The rotations of `c` up to period t: a holder who rotates has left their post.
    let rotated_by = |c: CadreIx, t: usize| -> Expression {
        by_cadre
            .get(&c)
            .unwrap_or(&no_cols)
            .iter()
            .filter(|&&k| cols.rotations[k].period <= t)
            .map(|&k| rot[k])
            .sum()
    };
    for (a, cadre) in sc.cadres.iter().enumerate() {
        let a = a as CadreIx;
        for &b in &cadre.relatives {
            for t in 0..n_t {
                let (sens, sens_holds) = placed(a, FamilySide::Sensitive, t);
                let (lead, lead_holds) = placed(b, FamilySide::Leader, t);
                let key = |u, kind| ProgrammeRow::Family(a, b, u, t as u16, kind);
                for (&u, s) in &sens {
                    if let Some(l) = lead.get(&u) {
                        push(key(u, 0), (s.clone() + l.clone()).leq(1.0));
                    }
                    if lead_holds == Some(u) {
                        push(key(u, 1), (s.clone() - rotated_by(b, t)).leq(0.0));
                    }
                }
                if let Some(u) = sens_holds
                    && let Some(l) = lead.get(&u)
                {
                    push(key(u, 2), (l.clone() - rotated_by(a, t)).leq(0.0));
                }
            }
        }
    }

    // S1 per period.
    let mut leaving: BTreeMap<(UnitIx, usize), Vec<usize>> = BTreeMap::new();
    for (k, r) in cols.rotations.iter().enumerate() {
        if let Some(u) = sc.cadre(r.cadre).current_unit {
            leaving.entry((u, r.period)).or_default().push(k);
        }
    }
    for &key in ex.leaving.keys() {
        leaving.entry(key).or_default();
    }
    let cap = prog.max_departures_per_period;
    for (&(u, t), ks) in &leaving {
        // Rows that cannot bind are left out (a cadre rotates once, so distinct cadres count).
        let mut cadres: Vec<CadreIx> = ks.iter().map(|&k| cols.rotations[k].cadre).collect();
        if let Some(more) = ex.leaving.get(&(u, t)) {
            cadres.extend(more);
        }
        cadres.sort_unstable();
        cadres.dedup();
        if cadres.len() as u32 > cap {
            let e: Expression = ks.iter().map(|&k| rot[k]).sum();
            push(ProgrammeRow::Departures(u, t as u16), e.leq(cap as f64));
        }
    }

    // Not in waves: the deviation of each period's rotations from the average.
    if prog.smoothing > 0.0 && n_t > 1 && (!cols.rotations.is_empty() || !ex.rotations.is_empty()) {
        let tf = n_t as f64;
        let of_period = |t: usize| -> Expression {
            cols.rotations
                .iter()
                .enumerate()
                .filter(|(_, r)| r.period == t)
                .map(|(k, _)| rot[k])
                .sum()
        };
        // The MIP counts each period's rotations once, in a column n_t (n_t = its rotations),
        // and the two rows of a period read the n_t: with every rotation in all 2·T rows, those
        // rows held 60 % of the province's nonzeros, and HiGHS's presolve (probing) and domain
        // propagation, which walk whole rows, spent most of the solve on them. Same LP, same MIP.
        // The LP relaxation keeps the rotations in the rows themselves: the form whose duals
        // `programme_pricing` and `programme_cg` price columns with.
        // n_t's upper bound: the cadres with a rotation column in period t (each rotates at most
        // once, P2). Presolve does not derive it; with an unbounded n_t (or one bounded by the
        // column count) HiGHS needed twice the CPU on the province (4.2 s against 2.1 s).
        let mut cadres_of: Vec<Vec<CadreIx>> = vec![Vec::new(); n_t];
        for r in &cols.rotations {
            cadres_of[r.period].push(r.cadre);
        }
        for c in &mut cadres_of {
            c.sort_unstable();
            c.dedup();
        }
        let per_period: Vec<Expression> = if binary {
            (0..n_t)
                .map(|t| {
                    let n = vars.add(variable().min(0).max(cadres_of[t].len() as f64));
                    aux.push(Aux::PeriodRotations(t));
                    push(
                        ProgrammeRow::PeriodRotations(t as u16),
                        (of_period(t) - n).eq(0.0),
                    );
                    Expression::from(n)
                })
                .collect()
        } else {
            (0..n_t).map(of_period).collect()
        };
        let total: Expression = per_period.iter().cloned().sum();
        for (t, n) in per_period.into_iter().enumerate() {
            let dev = vars.add(variable().min(0));
            parts.deviation.push(dev);
            aux.push(Aux::Deviation(t));
            objective -= prog.smoothing * dev;
            push(
                ProgrammeRow::Above(t as u16),
                (tf * n.clone() - total.clone() - tf * dev).leq(0.0),
            );
            push(
                ProgrammeRow::Below(t as u16),
                (total.clone() - tf * n - tf * dev).leq(0.0),
            );
        }
    }

    super::programme_targets::add(
        sc,
        tl,
        cols,
        &rot,
        &plc,
        super::programme_targets::Parts {
            vars: &mut vars,
            aux: &mut aux,
            objective: &mut objective,
            constant: &mut constant,
            rows: &mut push,
        },
    );

    let mut x = rot;
    x.extend(plc);
    let m = Model {
        vars,
        cols: (0..x.len()).collect(),
        x,
        aux,
        objective,
        rows,
        index: RowIndex::default(),
        constant,
    };
    (m, parts)
}

fn side_ix(side: FamilySide) -> u8 {
    match side {
        FamilySide::Sensitive => 0,
        FamilySide::Leader => 1,
        FamilySide::Neither => 2,
    }
}

/// What the columns `extra` (not in the model, but columns of the full model that may be added
/// to it later) bring to the choice of rows of [`build_parts_relaxed`].
#[derive(Default)]
struct Extra<'a> {
    /// Rotation columns per cadre.
    rotations: BTreeMap<CadreIx, usize>,
    /// Cadres with a placement column.
    placed: std::collections::BTreeSet<CadreIx>,
    /// The ranks of the rotations of a cadre ending in a period.
    ends: BTreeMap<(CadreIx, usize), Vec<i32>>,
    /// The placement columns of (cadre, period), as indexes of `extra`.
    placements: BTreeMap<(CadreIx, usize), Vec<usize>>,
    /// Columns on post · n_t + t.
    seats: Vec<usize>,
    /// (cadre, side, period, unit): a column on a post of that side of the unit in that period.
    family: std::collections::BTreeSet<(CadreIx, u8, usize, UnitIx)>,
    /// The cadres leaving a unit in a period.
    leaving: BTreeMap<(UnitIx, usize), Vec<CadreIx>>,
    cols: &'a [crate::programme::OutCol],
}

impl<'a> Extra<'a> {
    fn of(
        sc: &Scenario,
        tl: &Timeline,
        cols: &Columns,
        ctx0: &RuleContext,
        extra: &'a [crate::programme::OutCol],
    ) -> Extra<'a> {
        use crate::programme::MoveKind;
        let n_t = tl.periods.len();
        let mut ex = Extra {
            seats: vec![0; cols.occupancy.len() * n_t],
            cols: extra,
            ..Extra::default()
        };
        if extra.is_empty() {
            return ex;
        }
        let mut in_family = vec![false; sc.cadres.len()];
        for (a, cadre) in sc.cadres.iter().enumerate() {
            for &b in &cadre.relatives {
                in_family[a] = true;
                in_family[b as usize] = true;
            }
        }
        for (i, x) in extra.iter().enumerate() {
            let (c, p, t) = (x.cadre, x.post, x.period as usize);
            let active: Vec<usize> = match x.kind {
                MoveKind::Rotation => {
                    *ex.rotations.entry(c).or_default() += 1;
                    if let Some(s) = x.placement_period() {
                        ex.ends.entry((c, s)).or_default().push(sc.post(p).rank);
                    }
                    if let Some(u) = sc.cadre(c).current_unit {
                        let v = ex.leaving.entry((u, t)).or_default();
                        if v.last() != Some(&c) {
                            v.push(c);
                        }
                    }
                    let s = x.placement_period();
                    (t..n_t).filter(|&u| s.is_none_or(|s| u < s)).collect()
                }
                MoveKind::Placement => {
                    ex.placed.insert(c);
                    ex.placements.entry((c, t)).or_default().push(i);
                    let r = ctx0.facts[c as usize].retirement;
                    (t..n_t)
                        .filter(|&u| r.is_none_or(|r| tl.periods[u] <= r))
                        .collect()
                }
            };
            for &u in &active {
                ex.seats[p as usize * n_t + u] += 1;
            }
            if in_family[c as usize] {
                let unit = sc.post(p).unit;
                for side in [FamilySide::Sensitive, FamilySide::Leader] {
                    if has_side(sc, p, side) {
                        for &u in &active {
                            ex.family.insert((c, side_ix(side), u, unit));
                        }
                    }
                }
            }
        }
        ex
    }

    fn placements_of(&self, c: CadreIx, s: usize) -> Vec<&crate::programme::OutCol> {
        self.placements
            .get(&(c, s))
            .map_or(&[][..], |v| v)
            .iter()
            .map(|&i| &self.cols[i])
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The search keeps the share of a long limit, and what follows it on a short one.
    #[test]
    fn the_search_ends_early_enough_for_what_follows_it() {
        assert_eq!(search_ends(300.0, 8_000), LNS_BY * 300.0);
        let short = search_ends(30.0, 8_000);
        assert!(
            short < LNS_BY * 30.0 && 30.0 - short >= 4.0 - 1e-9,
            "{short}"
        );
        assert_eq!(search_ends(60.0, 100), LNS_BY * 60.0);
    }

    fn outcome_with(status: SolveStatus) -> ProgrammeOutcome {
        ProgrammeOutcome {
            status,
            backend: "highs".into(),
            rotations: vec![0],
            placements: Vec::new(),
            backend_objective: None,
            bound: None,
            gap: None,
            columns: 1,
            rows: 1,
            build_s: 0.0,
            solve_s: 0.0,
            note: None,
            levels: Vec::new(),
            pricing: None,
        }
    }

    fn bound(b: f64) -> super::super::programme_pricing::FullBound {
        super::super::programme_pricing::FullBound {
            lp: 90.0,
            bound: b,
            positive: 5,
            priced: 10,
            lp_s: 0.0,
            pricing_s: 0.0,
            rounds: 2,
            added: 0,
            left_out_bound: None,
        }
    }

    #[test]
    fn a_deadline_fallback_keeps_the_bound_over_every_column_and_its_gap() {
        let mut out = outcome_with(SolveStatus::DeadlineFallback);
        over_every_column(0.005, &mut out, Some(Ok(bound(110.0))), Some(100.0));
        assert_eq!(out.status, SolveStatus::DeadlineFallback);
        assert_eq!(out.bound, Some(110.0));
        assert!((out.gap.unwrap() - 0.1).abs() < 1e-12, "{:?}", out.gap);
        // Without a bound over every column, none is claimed.
        let mut out = outcome_with(SolveStatus::DeadlineFallback);
        over_every_column(0.005, &mut out, Some(Err("why".into())), Some(100.0));
        assert_eq!((out.bound, out.gap), (None, None));
    }

    #[test]
    fn a_mip_answer_is_judged_by_the_bound_over_every_column() {
        let mut out = outcome_with(SolveStatus::Optimal);
        (out.backend_objective, out.bound) = (Some(100.0), Some(100.0));
        over_every_column(0.005, &mut out, Some(Ok(bound(100.4))), None);
        assert_eq!(out.status, SolveStatus::GapLimit);
        assert_eq!(out.bound, Some(100.4));
        let mut out = outcome_with(SolveStatus::Optimal);
        (out.backend_objective, out.bound) = (Some(100.0), Some(100.0));
        over_every_column(0.005, &mut out, Some(Ok(bound(110.0))), None);
        assert_eq!(out.status, SolveStatus::TimeLimit);
        assert!((out.gap.unwrap() - 0.1).abs() < 1e-12);
    }
}
