//! Solving: pins pre-check, greedy warm start, the MIP (built with good_lp, solved by the
//! `backend::Backend`) under a deadline that holds even if the backend overruns, and an honest
//! status. Only this module knows good_lp, and only `backend/` knows a solver.

pub mod backend;
pub mod export;
pub mod greedy;
pub mod lexicographic;
pub mod model;
mod pricing;
pub mod programme;
mod programme_bundle;
mod programme_cg;
pub mod programme_greedy;
pub mod programme_lagrange;
pub mod programme_lns;
pub mod programme_pricing;
pub mod programme_relax;
pub mod programme_targets;
pub mod requirements;

use crate::domain::{CadreIx, PostIx, Scenario, UnitIx};
use crate::rules::{Candidates, RuleContext, RuleId};
use backend::{Failure, RunOptions, backend};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// What the solver says about the plan it returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SolveStatus {
    /// Proven optimal (gap 0 within tolerance).
    Optimal,
    /// Proven within the relative gap the scenario allows.
    GapLimit,
    /// Stopped at the time limit; the plan is the best found, the gap says how far it may be.
    TimeLimit,
    /// The backend missed its deadline; the plan is the greedy one, with no proven bound.
    DeadlineFallback,
    /// The requirements cannot all hold; see `infeasible`.
    Infeasible,
    /// The backend failed; the plan is the greedy one.
    BackendError,
    /// Hard requirements are set and the solver stopped before it found a plan that meets them
    /// or proved there is none: no plan.
    Stopped,
}

impl SolveStatus {
    pub const ALL: [SolveStatus; 7] = [
        SolveStatus::Optimal,
        SolveStatus::GapLimit,
        SolveStatus::TimeLimit,
        SolveStatus::DeadlineFallback,
        SolveStatus::Infeasible,
        SolveStatus::BackendError,
        SolveStatus::Stopped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SolveStatus::Optimal => "optimal",
            SolveStatus::GapLimit => "gap_limit",
            SolveStatus::TimeLimit => "time_limit",
            SolveStatus::DeadlineFallback => "deadline_fallback",
            SolveStatus::Infeasible => "infeasible",
            SolveStatus::BackendError => "backend_error",
            SolveStatus::Stopped => "stopped",
        }
    }
    /// A plan proven optimal, or within the gap the scenario allows.
    pub fn proven(self) -> bool {
        matches!(self, SolveStatus::Optimal | SolveStatus::GapLimit)
    }
    /// A plan exists (possibly not proven optimal).
    pub fn has_plan(self) -> bool {
        !matches!(self, SolveStatus::Infeasible | SolveStatus::Stopped)
    }
}

/// A requirement group that cannot be met: the rule and the facts (`report/` words them, and the
/// JSON `detail` is that sentence).
#[derive(Debug, Clone, PartialEq)]
pub struct InfeasibleGroup {
    pub rule: RuleId,
    pub detail: Conflict,
    /// The group is marked `relaxable: false` (named when relaxing the others does not help).
    pub fixed: bool,
}

impl InfeasibleGroup {
    fn new(rule: RuleId, detail: Conflict) -> InfeasibleGroup {
        InfeasibleGroup {
            rule,
            detail,
            fixed: false,
        }
    }
}

/// Why a requirement group cannot hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Conflict {
    /// A pin that is not a candidate pair: the rules it breaks (none: not a candidate otherwise).
    PinBreaks {
        cadre: String,
        post: String,
        breaches: Vec<crate::rules::Breach>,
    },
    /// More pins on a post than its seats.
    PinnedOverSeats {
        post: String,
        title: String,
        seats: u32,
        cadres: Vec<String>,
    },
    /// More pinned cadres leave a unit than the cap.
    PinnedDepartures {
        unit: String,
        unit_name: String,
        max: u32,
        cadres: Vec<String>,
    },
    /// Two pinned relatives, one in a sensitive post under the other.
    PinnedRelatives {
        first: (String, String),
        second: (String, String),
    },
    /// The backend says infeasible although the pre-check passed.
    MipInfeasible,
    /// A pin that cannot hold together with the other hard requirements.
    Pin { cadre: String, post: String },
    /// A must-fill post that cannot be filled together with the other hard requirements.
    MustFill {
        post: String,
        title: String,
        unit_name: String,
        seats: u32,
    },
    /// A structure target (index into `model::TARGET_NAMES`) that cannot be met with the others.
    Target { target: usize, share: f64 },
}

/// Why the elastic model could not tell whether the hard requirements hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Stuck {
    /// No plan within the time limit.
    NoPlanWithin {
        seconds: f64,
    },
    /// The backend failed (its own message).
    Backend(String),
    /// The elastic plan broke a group that may not give way.
    MayNotGiveWay,
    NoColumnSet,
}

/// Something the user should know about how the answer was reached, with its numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// Hard requirements: neither a plan nor a proof that there is none.
    RequirementsUnknown(Stuck),
    /// No pair passes the hard rules.
    NothingToOptimise,
    /// The backend missed its deadline (seconds): the greedy plan.
    DeadlineFallback { seconds: f64 },
    /// No plan from the backend within the limit: the greedy plan.
    NoPlanInTime { seconds: f64 },
    /// The backend failed (its own message): the greedy plan.
    BackendError(String),
    /// Pricing: the LP's solution was integral and met the bound.
    PricingIntegral {
        held: usize,
        pairs: usize,
        rounds: usize,
        bound: f64,
    },
    /// Pricing: the first MIP met the LP bound.
    PricingAtBound {
        held: usize,
        pairs: usize,
        rounds: usize,
        bound: f64,
    },
    /// Pricing stopped with the best plan found (the warm start or an integral LP solution)
    /// within the requested gap of the LP bound over all pairs: no MIP.
    PricingWithinGap {
        held: usize,
        pairs: usize,
        rounds: usize,
        bound: f64,
        plan: f64,
    },
    /// Pricing with reduced-cost fixing.
    Pricing {
        held: usize,
        pairs: usize,
        rounds: usize,
        bound: f64,
        first: f64,
        by_reduced_cost: usize,
        readmitted: bool,
    },
    /// `objective:` above `PRICING_THRESHOLD` pairs: the levels were solved over every pair, not
    /// through the pricing loop.
    LevelsOnEveryPair { pairs: usize },
    /// Level `level` (1-based) stopped without a solution; the plan is the previous level's.
    LevelStopped { level: usize, name: String },
    /// A lexicographic level's value recomputed from the plan breaks the row that held it.
    LevelBreaksRow { name: String, got: f64, want: f64 },
}

#[derive(Debug, Clone)]
pub struct SolveOutcome {
    pub status: SolveStatus,
    pub backend: String,
    /// Chosen candidate indexes, sorted.
    pub chosen: Vec<usize>,
    pub objective: Option<f64>,
    /// Proven upper bound on the objective (maximisation).
    pub bound: Option<f64>,
    /// Relative gap between objective and bound.
    pub gap: Option<f64>,
    pub build_s: f64,
    pub solve_s: f64,
    pub columns: usize,
    pub rows: usize,
    pub infeasible: Vec<InfeasibleGroup>,
    /// Anything the user should know about how the answer was reached.
    pub note: Option<Note>,
    /// The lexicographic levels of `objective:`, in order (empty: the weighted sum alone).
    pub levels: Vec<lexicographic::LevelOutcome>,
}

impl SolveOutcome {
    /// No plan yet: infeasible until a solve says otherwise.
    fn blank() -> SolveOutcome {
        SolveOutcome {
            status: SolveStatus::Infeasible,
            backend: backend().name().to_string(),
            chosen: Vec::new(),
            objective: None,
            bound: None,
            gap: None,
            build_s: 0.0,
            solve_s: 0.0,
            columns: 0,
            rows: 0,
            infeasible: Vec::new(),
            note: None,
            levels: Vec::new(),
        }
    }
}

/// Seconds a backend may overrun its own time limit before the deadline gives up on it.
pub fn deadline_grace(time_limit_s: f64) -> f64 {
    (time_limit_s * 0.1).clamp(2.0, 30.0)
}

/// The pins pre-check on any list of pins (the scenario's own, or a subset or extension of them,
/// as `explain` tries): the requirement groups that cannot hold. Empty means that the pins can all
/// hold together, and then a plan exists (the pins alone are one: every other group of the model is
/// soft or capped by the pins' own counts).
pub fn pin_precheck(
    ctx: &RuleContext,
    cands: &Candidates,
    pins: &[crate::domain::PairRule],
) -> Vec<InfeasibleGroup> {
    let (ok, mut bad) = pins_of(ctx, cands, pins);
    bad.extend(pin_conflicts(ctx.sc, cands, &ok));
    bad
}

/// Candidate indexes of the scenario's pins; pins that are not candidate pairs are infeasible.
fn pins(ctx: &RuleContext, cands: &Candidates) -> (Vec<usize>, Vec<InfeasibleGroup>) {
    pins_of(ctx, cands, &ctx.sc.pins)
}

fn pins_of(
    ctx: &RuleContext,
    cands: &Candidates,
    pins: &[crate::domain::PairRule],
) -> (Vec<usize>, Vec<InfeasibleGroup>) {
    let sc = ctx.sc;
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for pin in pins {
        match cands.find(pin.cadre, pin.post) {
            Some(i) => ok.push(i),
            None => {
                bad.push(InfeasibleGroup::new(
                    RuleId::S2,
                    Conflict::PinBreaks {
                        cadre: sc.cadre(pin.cadre).id.clone(),
                        post: sc.post(pin.post).id.clone(),
                        breaches: ctx.breaches(pin.cadre, pin.post),
                    },
                ));
            }
        }
    }
    ok.sort_unstable();
    (ok, bad)
}

/// Requirement groups the pins alone already break (seats, departures, family).
fn pin_conflicts(sc: &Scenario, cands: &Candidates, pins: &[usize]) -> Vec<InfeasibleGroup> {
    let mut out = Vec::new();
    let mut per_post: BTreeMap<PostIx, Vec<CadreIx>> = BTreeMap::new();
    let mut per_unit: BTreeMap<UnitIx, Vec<CadreIx>> = BTreeMap::new();
    for &i in pins {
        let c = cands.get(i);
        per_post.entry(c.post).or_default().push(c.cadre);
        if let Some(u) = sc.cadre(c.cadre).current_unit {
            per_unit.entry(u).or_default().push(c.cadre);
        }
    }
    let ids = |v: &[CadreIx]| v.iter().map(|&c| sc.cadre(c).id.clone()).collect();
    for (p, cs) in &per_post {
        let cap = sc.post(*p).seats + sc.extra_seats_of(*p);
        if cs.len() as u32 > cap {
            out.push(InfeasibleGroup::new(
                RuleId::H7,
                Conflict::PinnedOverSeats {
                    post: sc.post(*p).id.clone(),
                    title: sc.post(*p).title.clone(),
                    seats: cap,
                    cadres: ids(cs),
                },
            ));
        }
    }
    for (u, cs) in &per_unit {
        if cs.len() as u32 > sc.max_departures_per_unit {
            out.push(InfeasibleGroup::new(
                RuleId::S1,
                Conflict::PinnedDepartures {
                    unit: sc.unit(*u).id.clone(),
                    unit_name: sc.unit(*u).name.clone(),
                    max: sc.max_departures_per_unit,
                    cadres: ids(cs),
                },
            ));
        }
    }
    for (k, &i) in pins.iter().enumerate() {
        for &j in &pins[k + 1..] {
            let (a, b) = (cands.get(i), cands.get(j));
            if crate::rules::family::conflicts(sc, (a.cadre, a.post), (b.cadre, b.post)) {
                out.push(InfeasibleGroup::new(
                    RuleId::H10,
                    Conflict::PinnedRelatives {
                        first: (sc.cadre(a.cadre).id.clone(), sc.post(a.post).id.clone()),
                        second: (sc.cadre(b.cadre).id.clone(), sc.post(b.post).id.clone()),
                    },
                ));
            }
        }
    }
    out
}

/// Solve a scenario's candidates to a plan. Never panics on a solver result: every outcome is a
/// status with, where one exists, a plan.
pub fn solve(ctx: &RuleContext, cands: &Candidates) -> SolveOutcome {
    solve_traced(ctx, cands).0
}

/// [`solve`], and the candidate indexes of the last model solved (every pair, or the restricted
/// set of the pricing loop; empty when no model was solved): what `export` writes with
/// `--restricted`.
pub fn solve_traced(ctx: &RuleContext, cands: &Candidates) -> (SolveOutcome, Vec<usize>) {
    let mut solved_cols = Vec::new();
    let out = solve_inner(ctx, cands, &mut solved_cols);
    (out, solved_cols)
}

fn solve_inner(
    ctx: &RuleContext,
    cands: &Candidates,
    solved_cols: &mut Vec<usize>,
) -> SolveOutcome {
    let sc = ctx.sc;
    let started = Instant::now();
    let (pin_ix, mut infeasible) = pins(ctx, cands);
    infeasible.extend(pin_conflicts(sc, cands, &pin_ix));
    let mut out = SolveOutcome::blank();
    if !infeasible.is_empty() {
        tracing::debug!(
            scenario = %sc.name,
            groups = infeasible.len(),
            "pins pre-check: infeasible, no solve"
        );
        out.infeasible = infeasible;
        out.build_s = started.elapsed().as_secs_f64();
        return out;
    }

    let limit = sc.solver.time_limit_s;
    let deadline = started + Duration::from_secs_f64(limit + deadline_grace(limit));
    // Hard requirements: first a plan that meets them all (the warm start and the fallback), or
    // the groups that cannot hold together.
    let mut hard_plan = None;
    let greedy_plan = greedy::greedy(ctx, cands, &pin_ix);
    // A greedy plan that meets every hard requirement proves they hold, and is the better start.
    if sc.requirements.any_hard() && requirements::broken(ctx, cands, &greedy_plan).is_empty() {
        hard_plan = Some(greedy_plan.clone());
    } else if sc.requirements.any_hard() {
        use requirements::Verdict;
        // With the user's `relaxable:` marks, so that the groups named here are those `explain`
        // proposes to relax.
        let user = |g| requirements::user_relaxable(ctx, g);
        match requirements::elastic(ctx, cands, &user, (0.25 * limit).max(1.0), deadline) {
            Verdict::Hold { chosen } => hard_plan = Some(chosen),
            Verdict::Relax { relax, .. } => {
                out.infeasible = relax
                    .into_iter()
                    .map(|g| requirements::describe(ctx, g))
                    .collect();
                out.build_s = started.elapsed().as_secs_f64();
                return out;
            }
            Verdict::Fixed => {
                // Relaxing every group the user allows does not help: name the others.
                out.infeasible = requirements::groups(ctx)
                    .into_iter()
                    .filter(|&g| !user(g))
                    .map(|g| {
                        let mut d = requirements::describe(ctx, g);
                        d.fixed = true;
                        d
                    })
                    .collect();
                out.build_s = started.elapsed().as_secs_f64();
                return out;
            }
            Verdict::Unknown(stuck) => {
                out.status = SolveStatus::Stopped;
                out.note = Some(Note::RequirementsUnknown(stuck));
                out.solve_s = started.elapsed().as_secs_f64();
                return out;
            }
        }
    }

    if cands.is_empty() {
        // Nothing can move: the empty plan is the only one, and optimal.
        out.status = SolveStatus::Optimal;
        out.objective = Some(ctx.evaluate(cands, &[]).total);
        out.note = Some(Note::NothingToOptimise);
        out.bound = out.objective;
        out.gap = Some(0.0);
        return out;
    }
    // The greedy plan may break a hard requirement; then the requirements' plan is the start.
    let warm = hard_plan.unwrap_or(greedy_plan);
    tracing::debug!(
        scenario = %sc.name,
        candidates = cands.len(),
        pins = pin_ix.len(),
        hard_requirements = sc.requirements.any_hard(),
        method = if cands.len() > PRICING_THRESHOLD { "pricing" } else { "direct" },
        time_limit_s = limit,
        relative_gap = sc.solver.relative_gap,
        threads = sc.solver.threads,
        "solving"
    );
    let call = Call {
        ctx,
        cands,
        pins: &pin_ix,
        started,
        deadline,
    };
    let result = if let Some(specs) = lexicographic::plan_level_specs(sc) {
        lexicographic::solve_plan(
            ctx,
            cands,
            &pin_ix,
            &specs,
            started,
            deadline,
            &mut out,
            solved_cols,
        )
    } else if cands.len() > PRICING_THRESHOLD {
        pricing::solve(call, &warm, &mut out, solved_cols)
    } else {
        let all: Vec<usize> = (0..cands.len()).collect();
        let r = canonical(call, &all, &warm, &mut out);
        *solved_cols = all;
        r
    };

    let fallback = |out: &mut SolveOutcome, status: SolveStatus, note: Note| {
        out.status = status;
        out.objective = Some(ctx.evaluate(cands, &warm).total);
        out.chosen = warm.clone();
        out.bound = None;
        out.gap = None;
        out.note = Some(note);
    };
    match &result {
        Err(Failure::Deadline) => tracing::warn!(
            scenario = %sc.name,
            deadline_s = limit + deadline_grace(limit),
            "the backend missed its deadline; using the greedy plan"
        ),
        Err(Failure::Other(msg)) => tracing::warn!(
            scenario = %sc.name,
            error = %msg,
            "backend error; using the greedy plan"
        ),
        _ => {}
    }
    match result {
        Err(Failure::Deadline) => fallback(
            &mut out,
            SolveStatus::DeadlineFallback,
            Note::DeadlineFallback {
                seconds: limit + deadline_grace(limit),
            },
        ),
        Err(Failure::NoPlan) => fallback(
            &mut out,
            SolveStatus::TimeLimit,
            Note::NoPlanInTime { seconds: limit },
        ),
        Err(Failure::Infeasible) => {
            out.infeasible
                .push(InfeasibleGroup::new(RuleId::S2, Conflict::MipInfeasible));
        }
        Err(Failure::Other(msg)) => {
            fallback(&mut out, SolveStatus::BackendError, Note::BackendError(msg))
        }
        Ok(chosen) => {
            out.chosen = chosen;
            // The objective is recomputed from the plan, not trusted from the backend.
            out.objective = Some(ctx.evaluate(cands, &out.chosen).total);
        }
    }
    if out.status == SolveStatus::Optimal {
        out.bound = out.objective;
        out.gap = Some(0.0);
    }
    out.solve_s = started.elapsed().as_secs_f64() - out.build_s;
    tracing::debug!(
        scenario = %sc.name,
        status = out.status.as_str(),
        objective = out.objective,
        bound = out.bound,
        gap = out.gap,
        columns = out.columns,
        rows = out.rows,
        build_s = out.build_s,
        solve_s = out.solve_s,
        "solved"
    );
    out
}

/// Above this many candidate pairs the pricing loop (LP column generation and reduced-cost
/// fixing, see `pricing`) replaces the direct MIP over every pair.
pub const PRICING_THRESHOLD: usize = 30_000;

fn remaining(deadline: Instant) -> Duration {
    deadline.saturating_duration_since(Instant::now())
}

/// The limits of a solve started at `started`: what is left of the time limit, and of the
/// deadline.
fn run_options(sc: &Scenario, started: Instant, deadline: Instant) -> RunOptions {
    RunOptions {
        time_limit_s: (sc.solver.time_limit_s - started.elapsed().as_secs_f64()).max(0.5),
        relative_gap: sc.solver.relative_gap,
        threads: sc.solver.threads,
        deadline: remaining(deadline),
    }
}

/// The tie-break among plans of equal objective: a fixed weight per pair, 1 … 2^20, from the
/// SHA-256 of its cadre's and post's ids. Among the optimal plans the one with the largest sum of
/// weights is chosen. The weights depend on nothing but the two ids, so a pair weighs the same in
/// every run, variant and order of the tables, and with 2^20 values two different optimal plans
/// have the same sum almost never (if they do, the choice is still the same every run).
pub fn tie_weights(ctx: &RuleContext, cands: &Candidates, cols: &[usize]) -> Vec<f64> {
    use sha2::{Digest, Sha256};
    cols.iter()
        .map(|&i| {
            let p = cands.get(i);
            let mut h = Sha256::new();
            h.update(ctx.sc.cadre(p.cadre).id.as_bytes());
            h.update([0x1f]);
            h.update(ctx.sc.post(p.post).id.as_bytes());
            let d = h.finalize();
            let v = u64::from_le_bytes(d[..8].try_into().expect("SHA-256 has 32 bytes"));
            1.0 + (v >> 44) as f64
        })
        .collect()
}

/// The chosen candidate indexes, or why there are none.
type Solved = Result<Vec<usize>, Failure>;

/// What every MIP of one solve shares: the rules, the candidates, the pinned pairs (candidate
/// indexes) and the clock (the solve's start and its deadline).
#[derive(Clone, Copy)]
pub(super) struct Call<'a> {
    pub ctx: &'a RuleContext<'a>,
    pub cands: &'a Candidates,
    pub pins: &'a [usize],
    pub started: Instant,
    pub deadline: Instant,
}

/// The optimal plan over the candidate pairs `cols` that the tie-break ([`tie_weights`]) prefers,
/// by the cheapest route that proves it:
///
/// 1. The LP relaxation, then the tie-break over its optimal face (`Backend::lp_face`). If that
///    solution is integral and worth the LP bound, it is an optimal plan, and the tie-break's best
///    among all of them (every optimal plan is on the face when the LP bound is met). No MIP.
/// 2. Otherwise the MIP (`direct`), and if it proves its plan optimal, a second MIP that holds the
///    objective at that optimum and maximises the tie-break: the same plan step 1 would give
///    whenever both apply, so the route never changes the plan.
fn canonical(call: Call, cols: &[usize], warm: &[usize], out: &mut SolveOutcome) -> Solved {
    let (ctx, cands, pins) = (call.ctx, call.cands, call.pins);
    let (started, deadline) = (call.started, call.deadline);
    let sc = ctx.sc;
    let t = Instant::now();
    let lp = model::build(ctx, cands, pins, cols, false);
    let tie = tie_weights(ctx, cands, cols);
    let (constant, columns, rows) = (lp.constant, lp.vars.len(), lp.rows.len());
    out.build_s += t.elapsed().as_secs_f64();
    tracing::debug!(
        columns,
        rows,
        build_s = t.elapsed().as_secs_f64(),
        relaxed = true,
        "MIP model built"
    );
    let t = Instant::now();
    match backend().lp_face(lp, &tie, &run_options(sc, started, deadline)) {
        Ok(face) if face.lp.status == SolveStatus::Optimal => {
            let bound = face.lp.objective + constant;
            let plan = face.x.as_deref().and_then(integral_choice);
            let chosen: Option<Vec<usize>> =
                plan.map(|local| local.into_iter().map(|k| cols[k]).collect());
            let z = chosen.as_ref().map(|c| ctx.evaluate(cands, c).total);
            let proven = z.is_some_and(|z| (bound - z).abs() <= 1e-9 * z.abs().max(1.0));
            tracing::debug!(
                lp_bound = bound,
                integral = chosen.is_some(),
                plan = z,
                proven,
                seconds = t.elapsed().as_secs_f64(),
                "LP and tie-break over its optimal face"
            );
            if let (true, Some(chosen)) = (proven, chosen) {
                out.status = SolveStatus::Optimal;
                out.bound = z;
                out.gap = Some(0.0);
                out.columns = columns;
                out.rows = rows;
                return Ok(chosen);
            }
        }
        Err(Failure::Deadline) => return Err(Failure::Deadline),
        Ok(_) | Err(_) => {
            tracing::debug!("the LP gave no optimum; solving the MIP");
        }
    }
    let first = direct(call, cols, warm, out)?;
    if out.status != SolveStatus::Optimal {
        // Not proven optimal: there is no optimum to hold, so no tie-break.
        return Ok(first);
    }
    Ok(tie_break_mip(call, cols, &tie, first))
}

/// The MIP over `cols` with its objective held at the optimum of `first` (less 1e-6 relative),
/// maximising the tie-break `tie`; `first` if that MIP gives no plan, or one worth less than
/// `first` (the plan's objective is recomputed, not trusted from the backend).
fn tie_break_mip(call: Call, cols: &[usize], tie: &[f64], first: Vec<usize>) -> Vec<usize> {
    let (ctx, cands, pins) = (call.ctx, call.cands, call.pins);
    let (started, deadline) = (call.started, call.deadline);
    let z = ctx.evaluate(cands, &first).total;
    let local: Vec<usize> = first
        .iter()
        .filter_map(|i| cols.binary_search(i).ok())
        .collect();
    // As in `direct`: a start that HiGHS mishandles shows as a wrong objective; then no start.
    for start in [Some(local.as_slice()), None] {
        let mut m = model::build(ctx, cands, pins, cols, true);
        m.hold_optimum(z - 1e-6 * z.abs().max(1.0), tie);
        let opts = RunOptions {
            relative_gap: 0.0,
            ..run_options(ctx.sc, started, deadline)
        };
        let r = match backend().solve(m, start, &opts) {
            Ok(r) if r.status == SolveStatus::Optimal => r,
            other => {
                tracing::debug!(
                    failed = other.is_err(),
                    "tie-break MIP: no proven optimum; the first plan stays"
                );
                return first;
            }
        };
        let Some(chosen) = integral_choice(&r.x) else {
            return first;
        };
        let weight: f64 = chosen.iter().map(|&k| tie[k]).sum();
        let chosen: Vec<usize> = chosen.into_iter().map(|k| cols[k]).collect();
        let z2 = ctx.evaluate(cands, &chosen).total;
        let honest = (r.objective - weight).abs() <= 1e-6 * weight.max(1.0);
        tracing::debug!(
            objective = z2,
            first = z,
            honest,
            warm_start = start.is_some(),
            "tie-break MIP"
        );
        if honest {
            return if z2 >= z - 1e-9 * z.abs().max(1.0) {
                chosen
            } else {
                first
            };
        }
    }
    first
}

/// The MIP over the candidate pairs `cols`, warm-started from `warm` (candidate indexes); sets
/// status, bound and gap in `out` and returns the chosen candidate indexes.
fn direct(call: Call, cols: &[usize], warm: &[usize], out: &mut SolveOutcome) -> Solved {
    let (ctx, cands, pins) = (call.ctx, call.cands, call.pins);
    let (started, deadline) = (call.started, call.deadline);
    let sc = ctx.sc;
    let local: Vec<usize> = warm
        .iter()
        .filter_map(|i| cols.binary_search(i).ok())
        .collect();
    // HiGHS 1.16 can accept a MIP start that presolve has invalidated and report it as optimal
    // with a wrong objective. So the backend's objective must match the one recomputed from the
    // plan; if it does not, solve again without the start, and fail if it still does not.
    let mut mismatch = String::new();
    for start in [Some(local.as_slice()), None] {
        let t = Instant::now();
        let m = model::build(ctx, cands, pins, cols, true);
        out.columns = m.vars.len();
        out.rows = m.rows.len();
        out.build_s += t.elapsed().as_secs_f64();
        tracing::debug!(
            columns = out.columns,
            rows = out.rows,
            build_s = t.elapsed().as_secs_f64(),
            warm_start = start.is_some(),
            "MIP model built"
        );
        let constant = m.constant;
        let opts = run_options(sc, started, deadline);
        let t = Instant::now();
        let r = backend().solve(m, start, &opts)?;
        tracing::debug!(
            status = r.status.as_str(),
            objective = r.objective + constant,
            bound = r.bound.map(|b| b + constant),
            gap = r.gap,
            seconds = t.elapsed().as_secs_f64(),
            "backend returned"
        );
        let chosen: Vec<usize> = integral_choice(&r.x)
            .ok_or_else(|| Failure::Other("the backend returned a fractional solution".into()))?
            .into_iter()
            .map(|k| cols[k])
            .collect();
        let z = ctx.evaluate(cands, &chosen).total;
        let reported = r.objective + constant;
        if (reported - z).abs() <= 1e-6 * z.abs().max(1.0) {
            out.status = r.status;
            out.bound = r.bound.map(|b| b + constant);
            out.gap = r.gap;
            return Ok(chosen);
        }
        mismatch = format!("HiGHS reports objective {reported} for a plan worth {z}");
        tracing::warn!(
            reported,
            recomputed = z,
            warm_start = start.is_some(),
            "objective mismatch: the backend's objective is not the plan's; re-solving without the MIP start"
        );
    }
    Err(Failure::Other(mismatch))
}

/// The chosen pairs if every binary is integral (|x − round(x)| ≤ 1e-6).
pub(crate) fn integral_choice(x: &[f64]) -> Option<Vec<usize>> {
    let mut chosen = Vec::new();
    for (i, &v) in x.iter().enumerate() {
        if (v - v.round()).abs() > 1e-6 {
            return None;
        }
        if v > 0.5 {
            chosen.push(i);
        }
    }
    Some(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::candidates;

    /// The two routes of [`canonical`] choose the same plan: the LP and the tie-break over its
    /// optimal face, and the MIP followed by the tie-break MIP. Otherwise skipping the MIP would
    /// change plans.
    #[test]
    fn the_lp_route_and_the_mip_route_choose_the_same_optimum() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let cases = [
            ("scenarios/province/province.yaml", None),
            ("scenarios/province/province.yaml", Some(1)),
            ("scenarios/province/province.yaml", Some(4)),
            ("scenarios/tutorial/tutorial.yaml", None),
        ];
        let mut by_lp_route = 0;
        for (file, cap) in cases {
            let mut sc = crate::scenario::load(&root.join(file)).unwrap();
            if let Some(k) = cap {
                sc.max_departures_per_unit = k;
            }
            // The MIP route's tie-break needs a proven optimum.
            sc.solver.relative_gap = 0.0;
            let ctx = RuleContext::new(&sc);
            let cands = candidates::generate(&ctx);
            let (pins, bad) = pins(&ctx, &cands);
            assert!(bad.is_empty());
            let all: Vec<usize> = (0..cands.len()).collect();
            let warm = greedy::greedy(&ctx, &cands, &pins);
            let started = Instant::now();
            let deadline = started + Duration::from_secs(600);
            let tie = tie_weights(&ctx, &cands, &all);

            let lp = model::build(&ctx, &cands, &pins, &all, false);
            let opts = run_options(&sc, started, deadline);
            let face = backend().lp_face(lp, &tie, &opts).unwrap();
            if face.x.as_deref().and_then(integral_choice).is_some() {
                by_lp_route += 1;
            }
            let call = Call {
                ctx: &ctx,
                cands: &cands,
                pins: &pins,
                started,
                deadline,
            };
            let mut a = SolveOutcome::blank();
            let chosen = canonical(call, &all, &warm, &mut a).unwrap();
            let mut b = SolveOutcome::blank();
            let first = direct(call, &all, &warm, &mut b).unwrap();
            assert_eq!(b.status, SolveStatus::Optimal, "{file} {cap:?}");
            let z = ctx.evaluate(&cands, &first).total;
            let by_mip = tie_break_mip(call, &all, &tie, first);
            assert_eq!(a.status, SolveStatus::Optimal, "{file} {cap:?}");
            assert_eq!(ctx.evaluate(&cands, &chosen).total, z, "{file} {cap:?}");
            assert_eq!(chosen, by_mip, "{file} {cap:?}");
        }
        // The province's LPs are integral: the LP route was taken there, not only the MIP's.
        assert!(by_lp_route >= 3, "{by_lp_route}");
    }

    #[test]
    fn tie_weights_depend_on_the_ids_only() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let sc = crate::scenario::load(&root.join("scenarios/province/province.yaml")).unwrap();
        let ctx = RuleContext::new(&sc);
        let cands = candidates::generate(&ctx);
        let all: Vec<usize> = (0..cands.len()).collect();
        let w = tie_weights(&ctx, &cands, &all);
        assert!(
            w.iter()
                .all(|&v| (1.0..=1_048_576.0).contains(&v) && v.fract() == 0.0)
        );
        // A pair weighs the same wherever it stands in the list.
        let back: Vec<usize> = all.iter().rev().copied().collect();
        let wb = tie_weights(&ctx, &cands, &back);
        assert!(all.iter().all(|&i| w[i] == wb[all.len() - 1 - i]));
        // Nearly all distinct: 2^20 values for a few thousand pairs.
        let mut sorted = w.clone();
        sorted.sort_by(f64::total_cmp);
        sorted.dedup();
        assert!(
            sorted.len() * 100 >= w.len() * 99,
            "{} of {}",
            sorted.len(),
            w.len()
        );
    }
}
