//! HiGHS, through good_lp (the model: `HighsProblem`) and the `highs` / `highs-sys` crates (what
//! good_lp does not expose: options, status, bound and gap, duals, a live LP that grows by columns,
//! names and writing the model). Every solve runs on a worker thread and the caller waits at most
//! `RunOptions::deadline`, so a backend that overruns its own time limit cannot hold the plan
//! hostage (the worker is left to finish on its own).

use super::{Backend, FaceLp, Failure, LiveLp, Names, NewColumn, Raw, RunOptions};
use crate::solve::SolveStatus;
use crate::solve::model::Model;
use good_lp::SolverModel;
use good_lp::solvers::highs::{HighsProblem, highs};
use highs::{HighsModelStatus, HighsSolutionStatus, SolvedModel};
use std::ffi::{CString, c_void};
use std::path::Path;
use std::sync::mpsc;

/// HiGHS (compiled into the binary by highs-sys).
pub struct Highs;

/// The good_lp problem of `m` (plain Rust data: it can move to the worker thread), its number of
/// x columns and the objective's constant.
fn problem(m: Model) -> (HighsProblem, usize, f64) {
    let n_x = m.x.len();
    let constant = m.constant;
    let mut pb = m.vars.maximise(m.objective).using(highs);
    for (_, row) in m.rows {
        pb.add_constraint(row);
    }
    (pb, n_x, constant)
}

fn inner(pb: HighsProblem) -> Result<highs::Model, Failure> {
    pb.try_into_inner()
        .map_err(|e| Failure::Other(e.to_string()))
}

/// HiGHS's log lines as log events (ROTAPLAN_HIGHS_LOG=1), which the CLI writes on stderr.
unsafe extern "C" fn log_to_stderr(
    kind: std::os::raw::c_int,
    message: *const std::os::raw::c_char,
    _: *const highs_sys::HighsCallbackDataOut,
    _: *mut highs_sys::HighsCallbackDataIn,
    _: *mut c_void,
) {
    if kind != highs_sys::kHighsCallbackLogging as std::os::raw::c_int || message.is_null() {
        return;
    }
    // SAFETY: HiGHS passes a NUL-terminated message, alive for the call.
    let text = unsafe { std::ffi::CStr::from_ptr(message) }.to_string_lossy();
    // An event like every other: the CLI's subscriber puts it on stderr.
    tracing::info!(target: "rotaplan::highs", "{}", text.trim_end());
}

/// The options every solve sets: quiet unless ROTAPLAN_HIGHS_LOG=1, the limits, a fixed seed.
fn configure(model: &mut highs::Model, tl: f64, gap: f64, threads: u32) -> Result<(), Failure> {
    let opt = |r: Result<(), highs::TrySetOptionError>, k: &str| {
        r.map_err(|e| Failure::Other(format!("option {k}: {e:?}")))
    };
    // ROTAPLAN_HIGHS_LOG=1 shows HiGHS's own log (for diagnosing slow models).
    let log = std::env::var_os("ROTAPLAN_HIGHS_LOG").is_some_and(|v| v != "0");
    opt(model.try_set_option("output_flag", log), "output_flag")?;
    // HiGHS's console is stdout, where `--format json` answers: its log goes to stderr through
    // its logging callback instead.
    opt(
        model.try_set_option("log_to_console", false),
        "log_to_console",
    )?;
    if log {
        // SAFETY: the callback is a plain function; HiGHS passes it the message as a C string.
        let ptr = model.as_mut_ptr();
        unsafe {
            check(
                highs_sys::Highs_setCallback(ptr, Some(log_to_stderr), std::ptr::null_mut()),
                "setting the log callback",
            )?;
            check(
                highs_sys::Highs_startCallback(ptr, highs_sys::kHighsCallbackLogging),
                "starting the log callback",
            )?;
        }
    }
    opt(
        model.try_set_option("time_limit", tl.max(0.01)),
        "time_limit",
    )?;
    opt(model.try_set_option("mip_rel_gap", gap), "mip_rel_gap")?;
    opt(
        model.try_set_option("threads", threads.max(1) as i32),
        "threads",
    )?;
    opt(model.try_set_option("random_seed", 0), "random_seed")?;
    // HiGHS 1.x compares `time_limit` with the run time of every run of this instance (its clock
    // is not reset by a run): a live LP re-solved round after round stopped long before its limit
    // (20,000 × 8,000: round 7 after 34 s of a 60 s limit). Each run gets its own limit.
    // SAFETY: the pointer is the live model's own, used before `configure` returns.
    let zeroed = unsafe { highs_sys::Highs_zeroAllClocks(model.as_mut_ptr()) };
    if zeroed != highs_sys::STATUS_OK {
        return Err(Failure::Other("cannot reset the solver's clock".into()));
    }
    if threads <= 1 {
        opt(model.try_set_option("parallel", "off"), "parallel")?;
    }
    Ok(())
}

/// For diagnosing a slow MIP outside rotaplan: ROTAPLAN_HIGHS_WRITE=FILE.mps writes the model as
/// it is about to be solved (options included: FILE.mps.opt), ROTAPLAN_HIGHS_OPTIONS=FILE reads
/// extra HiGHS options (HiGHS's own `key = value` format) over the ones `configure` set.
fn diagnose(model: &mut highs::Model) -> Result<(), Failure> {
    let ptr = model.as_mut_ptr();
    if let Some(f) = std::env::var_os("ROTAPLAN_HIGHS_OPTIONS") {
        let file = c_string(&f.to_string_lossy())?;
        // SAFETY: the pointer is the live model's own, used before this function returns.
        check(
            unsafe { highs_sys::Highs_readOptions(ptr, file.as_ptr()) },
            "reading ROTAPLAN_HIGHS_OPTIONS",
        )?;
    }
    if let Some(f) = std::env::var_os("ROTAPLAN_HIGHS_WRITE") {
        let f = f.to_string_lossy();
        let (file, opts) = (c_string(&f)?, c_string(&format!("{f}.opt"))?);
        // SAFETY: as above.
        check(
            unsafe { highs_sys::Highs_writeModel(ptr, file.as_ptr()) },
            "writing ROTAPLAN_HIGHS_WRITE",
        )?;
        check(
            unsafe { highs_sys::Highs_writeOptionsDeviations(ptr, opts.as_ptr()) },
            "writing ROTAPLAN_HIGHS_WRITE's options",
        )?;
    }
    Ok(())
}

/// HiGHS's model status as the plan's status, or the failure it means.
fn status_of(status: HighsModelStatus, gap: Option<f64>) -> Result<SolveStatus, Failure> {
    Ok(match status {
        HighsModelStatus::Optimal => {
            if gap.is_some_and(|g| g > 1e-9) {
                SolveStatus::GapLimit
            } else {
                SolveStatus::Optimal
            }
        }
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => {
            return Err(Failure::Infeasible);
        }
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedMemoryLimit => SolveStatus::TimeLimit,
        other => return Err(Failure::Other(format!("HiGHS status {other:?}"))),
    })
}

/// What a solved model says; `n_x`: how many leading columns to return (all when `None`).
fn raw_of(solved: &SolvedModel, n_x: Option<usize>) -> Result<Raw, Failure> {
    let has_solution = solved.primal_solution_status() == HighsSolutionStatus::Feasible;
    let gap = solved
        .double_info_value(c"mip_gap")
        .ok()
        .filter(|g| g.is_finite());
    let bound = solved
        .double_info_value(c"mip_dual_bound")
        .ok()
        .filter(|b| b.is_finite());
    tracing::trace!(
        model_status = ?solved.status(),
        has_solution,
        gap,
        bound,
        "HiGHS finished"
    );
    let status = status_of(solved.status(), gap)?;
    if !has_solution {
        return Err(Failure::NoPlan);
    }
    let sol = solved.get_solution();
    let n = n_x.unwrap_or(sol.columns().len());
    Ok(Raw {
        status,
        objective: solved.objective_value(),
        x: sol.columns()[..n].to_vec(),
        bound,
        gap,
        row_duals: sol.dual_rows().to_vec(),
        col_duals: sol.dual_columns()[..n].to_vec(),
    })
}

/// Run `job` on a worker thread and wait for it at most `deadline`.
fn on_worker<T: Send + 'static>(
    deadline: std::time::Duration,
    job: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("highs".into())
        .spawn(move || {
            let _ = tx.send(job());
        })
        .map_err(|e| Failure::Other(format!("cannot start the solver thread: {e}")))?;
    match rx.recv_timeout(deadline) {
        Ok(r) => r,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::Deadline),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(Failure::Other("the solver thread died".into()))
        }
    }
}

fn check(status: i32, what: &str) -> Result<(), Failure> {
    // kHighsStatusError = -1; OK = 0 and Warning = 1 both leave a usable model.
    if status < 0 {
        Err(Failure::Other(format!("HiGHS: {what} failed")))
    } else {
        Ok(())
    }
}

fn c_string(s: &str) -> Result<CString, Failure> {
    CString::new(s).map_err(|_| Failure::Other(format!("a NUL byte in {s:?}")))
}

impl Backend for Highs {
    fn name(&self) -> &'static str {
        "highs"
    }

    fn solve(&self, m: Model, warm: Option<&[usize]>, o: &RunOptions) -> Result<Raw, Failure> {
        solve_mip(m, warm, o, None)
    }

    fn solve_nodes(
        &self,
        m: Model,
        warm: Option<&[usize]>,
        o: &RunOptions,
        nodes: u64,
    ) -> Result<Raw, Failure> {
        solve_mip(m, warm, o, Some(nodes))
    }

    fn lp_face(&self, m: Model, tie: &[f64], o: &RunOptions) -> Result<FaceLp, Failure> {
        let (pb, n_x, _) = problem(m);
        let tie = tie.to_vec();
        let (tl, threads) = (o.time_limit_s, o.threads);
        on_worker(o.deadline, move || {
            let mut model = inner(pb)?;
            configure(&mut model, tl, 0.0, threads)?;
            // The direct path's LPs are small (a few thousand columns): presolve cost more than
            // it saved (a quarter of the what-if batch's instructions), and the tie-break makes
            // the plan the same with or without it.
            model
                .try_set_option("presolve", "off")
                .map_err(|e| Failure::Other(format!("option presolve: {e:?}")))?;
            let solved = model
                .try_solve()
                .map_err(|e| Failure::Other(format!("{e:?}")))?;
            let mut lp = raw_of(&solved, None)?;
            if lp.status != SolveStatus::Optimal {
                lp.x.truncate(n_x);
                return Ok(FaceLp { lp, x: None });
            }
            let x = best_on_face(solved, &lp, &tie)?.map(|mut x| {
                x.truncate(n_x);
                x
            });
            lp.x.truncate(n_x);
            Ok(FaceLp { lp, x })
        })
    }

    fn live_lp(&self, m: Model) -> Result<Box<dyn LiveLp>, Failure> {
        let (pb, _, _) = problem(m);
        let (cmd_tx, cmd_rx) = mpsc::channel::<Cmd>();
        let (tx, rx) = mpsc::channel();
        // The HiGHS instance is not Send: it lives and dies on this thread, which serves the
        // commands until the `HighsLp` is dropped.
        std::thread::Builder::new()
            .name("highs-lp".into())
            .spawn(move || {
                let mut model = match inner(pb) {
                    Ok(m) => Some(m),
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                };
                let mut solved_once = false;
                // Columns added since the last solve.
                let mut added = 0;
                for cmd in cmd_rx {
                    let reply = match (cmd, model.take()) {
                        (_, None) => Err(Failure::Other("the live LP failed earlier".into())),
                        (Cmd::Add(cols), Some(mut m)) => {
                            added += cols.len();
                            let r = add_columns(&mut m, &cols).map(|_| None);
                            model = Some(m);
                            r
                        }
                        (Cmd::Solve(tl, threads), Some(mut m)) => {
                            configure(&mut m, tl, 0.0, threads)
                                .and_then(|_| {
                                    // Columns added to an optimal basis keep it primal
                                    // feasible: the primal simplex goes on from there, where the
                                    // dual simplex first repairs the dual infeasibilities they
                                    // bring. At national size the primal simplex won below about
                                    // 2,000 new columns and lost above (its column choice scans
                                    // every column).
                                    let primal = solved_once && added < PRIMAL_BELOW;
                                    let strategy = if primal { 4 } else { 1 };
                                    solved_once = true;
                                    added = 0;
                                    m.try_set_option("simplex_strategy", strategy).map_err(|e| {
                                        Failure::Other(format!("option simplex_strategy: {e:?}"))
                                    })
                                })
                                .and_then(|_| {
                                    m.try_solve().map_err(|e| Failure::Other(format!("{e:?}")))
                                })
                                .and_then(|solved| {
                                    let r = raw_of(&solved, None);
                                    model = Some(highs::Model::from(solved));
                                    r.map(Some)
                                })
                        }
                        (Cmd::Face(tie, tl, threads), Some(mut m)) => {
                            // From the optimal basis of the last solve: no iterations unless
                            // columns were added since.
                            configure(&mut m, tl, 0.0, threads)
                                .and_then(|_| {
                                    m.try_solve().map_err(|e| Failure::Other(format!("{e:?}")))
                                })
                                .and_then(|solved| {
                                    let lp = raw_of(&solved, None)?;
                                    if lp.status != SolveStatus::Optimal {
                                        return Ok(None);
                                    }
                                    let x = best_on_face(solved, &lp, &tie)?;
                                    Ok(x.map(|x| Raw { x, ..lp }))
                                })
                        }
                    };
                    if tx.send(reply).is_err() {
                        return;
                    }
                }
            })
            .map_err(|e| Failure::Other(format!("cannot start the solver thread: {e}")))?;
        Ok(Box::new(HighsLp {
            cmd: cmd_tx,
            reply: rx,
            broken: false,
        }))
    }

    fn write(&self, m: Model, names: &Names, path: &Path) -> Result<(), Failure> {
        let (pb, _, constant) = problem(m);
        let mut model = inner(pb)?;
        configure(&mut model, 1.0, 0.0, 1)?;
        let ptr = model.as_mut_ptr();
        for (k, name) in names.cols.iter().enumerate() {
            let n = c_string(name)?;
            check(
                unsafe { highs_sys::Highs_passColName(ptr, k as i32, n.as_ptr()) },
                "naming a column",
            )?;
        }
        for (k, name) in names.rows.iter().enumerate() {
            let n = c_string(name)?;
            check(
                unsafe { highs_sys::Highs_passRowName(ptr, k as i32, n.as_ptr()) },
                "naming a row",
            )?;
        }
        check(
            unsafe { highs_sys::Highs_changeObjectiveOffset(ptr, constant) },
            "setting the objective offset",
        )?;
        let file = c_string(&path.to_string_lossy())?;
        check(
            unsafe { highs_sys::Highs_writeModel(ptr, file.as_ptr()) },
            &format!("writing {}", path.display()),
        )
    }

    fn solve_file(&self, path: &Path, time_limit_s: f64) -> Result<(SolveStatus, f64), Failure> {
        let file = c_string(&path.to_string_lossy())?;
        let h = Instance::new()?;
        let key = |k: &str| c_string(k);
        let (flag, tl, threads, seed) = (
            key("output_flag")?,
            key("time_limit")?,
            key("threads")?,
            key("random_seed")?,
        );
        unsafe {
            check(
                highs_sys::Highs_setBoolOptionValue(h.0, flag.as_ptr(), 0),
                "option output_flag",
            )?;
            check(
                highs_sys::Highs_setDoubleOptionValue(h.0, tl.as_ptr(), time_limit_s),
                "option time_limit",
            )?;
            check(
                highs_sys::Highs_setIntOptionValue(h.0, threads.as_ptr(), 1),
                "option threads",
            )?;
            check(
                highs_sys::Highs_setIntOptionValue(h.0, seed.as_ptr(), 0),
                "option random_seed",
            )?;
        }
        check(
            unsafe { highs_sys::Highs_readModel(h.0, file.as_ptr()) },
            &format!("reading {}", path.display()),
        )?;
        check(unsafe { highs_sys::Highs_run(h.0) }, "solving")?;
        let status = unsafe { highs_sys::Highs_getModelStatus(h.0) };
        let status = HighsModelStatus::try_from(status)
            .map_err(|_| Failure::Other(format!("HiGHS model status {status}")))?;
        let status = status_of(status, None)?;
        Ok((status, unsafe { highs_sys::Highs_getObjectiveValue(h.0) }))
    }
}

/// A bare HiGHS instance, destroyed on drop.
struct Instance(*mut c_void);

impl Instance {
    fn new() -> Result<Self, Failure> {
        let p = unsafe { highs_sys::Highs_create() };
        if p.is_null() {
            Err(Failure::Other("HiGHS: cannot create an instance".into()))
        } else {
            Ok(Instance(p))
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        unsafe { highs_sys::Highs_destroy(self.0) }
    }
}

/// Reduced costs and duals below this are zero: the column or row is free on the optimal face
/// (HiGHS's own dual feasibility tolerance is 1e-7).
const FACE_TOL: f64 = 1e-7;

/// Restrict the solved LP `m` to its optimal face under the duals of `lp`: a column with a
/// nonzero reduced cost is fixed at the bound it is at, a row with a nonzero dual at the bound
/// its `activity` is at. Every point left is an optimum of the LP, and every optimum is left.
fn hold_optimal_face(m: &mut highs::Model, lp: &Raw, activity: &[f64]) -> Result<(), Failure> {
    let ptr = m.as_mut_ptr();
    for (j, (&d, &v)) in lp.col_duals.iter().zip(&lp.x).enumerate() {
        if d.abs() > FACE_TOL {
            check(
                unsafe { highs_sys::Highs_changeColBounds(ptr, j as i32, v, v) },
                "holding a column at its bound",
            )?;
        }
    }
    let n_rows = activity.len();
    if n_rows == 0 {
        return Ok(());
    }
    let (mut lower, mut upper) = (vec![0.0; n_rows], vec![0.0; n_rows]);
    let nnz = unsafe { highs_sys::Highs_getNumNz(ptr) }.max(1) as usize;
    let (mut got, mut got_nz) = (0, 0);
    let (mut start, mut index, mut value) = (vec![0; n_rows], vec![0; nnz], vec![0.0; nnz]);
    check(
        unsafe {
            highs_sys::Highs_getRowsByRange(
                ptr,
                0,
                n_rows as i32 - 1,
                &mut got,
                lower.as_mut_ptr(),
                upper.as_mut_ptr(),
                &mut got_nz,
                start.as_mut_ptr(),
                index.as_mut_ptr(),
                value.as_mut_ptr(),
            )
        },
        "reading the row bounds",
    )?;
    for (i, &y) in lp.row_duals.iter().enumerate() {
        if y.abs() > FACE_TOL {
            let a = activity[i];
            let at = if (a - lower[i]).abs() <= (a - upper[i]).abs() {
                lower[i]
            } else {
                upper[i]
            };
            check(
                unsafe { highs_sys::Highs_changeRowBounds(ptr, i as i32, at, at) },
                "holding a row at its bound",
            )?;
        }
    }
    Ok(())
}

/// Over the optimal face of `solved` (whose solution is `lp`), maximise Σ `tie[k]`·x_k (`tie`
/// may be shorter than the columns: the rest weigh 0). Every column's value, or `None` if that LP
/// did not solve to optimality.
fn best_on_face(solved: SolvedModel, lp: &Raw, tie: &[f64]) -> Result<Option<Vec<f64>>, Failure> {
    let activity = solved.get_solution().rows().to_vec();
    let mut model = highs::Model::from(solved);
    hold_optimal_face(&mut model, lp, &activity)?;
    let mut cost = vec![0.0; lp.x.len()];
    let n = tie.len().min(cost.len());
    cost[..n].copy_from_slice(&tie[..n]);
    if cost.is_empty() {
        return Ok(Some(Vec::new()));
    }
    check(
        unsafe {
            highs_sys::Highs_changeColsCostByRange(
                model.as_mut_ptr(),
                0,
                cost.len() as i32 - 1,
                cost.as_ptr(),
            )
        },
        "setting the tie-break objective",
    )?;
    let second = model
        .try_solve()
        .map_err(|e| Failure::Other(format!("{e:?}")))
        .and_then(|s| raw_of(&s, None));
    Ok(match second {
        Ok(r) if r.status == SolveStatus::Optimal => Some(r.x),
        _ => None,
    })
}

/// Add `cols` to `m` in one call (column-wise: starts, row indexes, values).
fn add_columns(m: &mut highs::Model, cols: &[NewColumn]) -> Result<(), Failure> {
    if cols.is_empty() {
        return Ok(());
    }
    let cost: Vec<f64> = cols.iter().map(|c| c.cost).collect();
    let lower = vec![0.0; cols.len()];
    let upper: Vec<f64> = cols.iter().map(|c| c.upper).collect();
    let mut starts = Vec::with_capacity(cols.len());
    let mut index = Vec::new();
    let mut value = Vec::new();
    for c in cols {
        starts.push(index.len() as i32);
        for &(r, v) in &c.entries {
            index.push(r as i32);
            value.push(v);
        }
    }
    check(
        unsafe {
            highs_sys::Highs_addCols(
                m.as_mut_ptr(),
                cols.len() as i32,
                cost.as_ptr(),
                lower.as_ptr(),
                upper.as_ptr(),
                index.len() as i32,
                starts.as_ptr(),
                index.as_ptr(),
                value.as_ptr(),
            )
        },
        "adding columns",
    )
}

/// New columns below which a live LP re-solves with the primal simplex.
const PRIMAL_BELOW: usize = 2_000;

enum Cmd {
    Add(Vec<NewColumn>),
    /// Time limit, threads.
    Solve(f64, u32),
    /// The tie-break weights, time limit, threads.
    Face(Vec<f64>, f64, u32),
}

/// The caller's side of a live LP on its worker thread.
struct HighsLp {
    cmd: mpsc::Sender<Cmd>,
    reply: mpsc::Receiver<Result<Option<Raw>, Failure>>,
    /// A reply was missed (deadline): the worker's state is unknown from here on.
    broken: bool,
}

impl HighsLp {
    fn call(&mut self, cmd: Cmd, deadline: std::time::Duration) -> Result<Option<Raw>, Failure> {
        if self.broken {
            return Err(Failure::Other(
                "the live LP missed an earlier deadline".into(),
            ));
        }
        self.cmd
            .send(cmd)
            .map_err(|_| Failure::Other("the solver thread died".into()))?;
        match self.reply.recv_timeout(deadline) {
            Ok(r) => r,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                self.broken = true;
                Err(Failure::Deadline)
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                Err(Failure::Other("the solver thread died".into()))
            }
        }
    }
}

impl LiveLp for HighsLp {
    fn add_columns(&mut self, cols: Vec<NewColumn>) -> Result<(), Failure> {
        // Adding columns takes no solver time: no deadline beyond a generous one.
        self.call(Cmd::Add(cols), std::time::Duration::from_secs(600))
            .map(|_| ())
    }

    fn solve(&mut self, o: &RunOptions) -> Result<Raw, Failure> {
        self.call(Cmd::Solve(o.time_limit_s, o.threads), o.deadline)?
            .ok_or_else(|| Failure::Other("no solution from the live LP".into()))
    }

    fn face(&mut self, tie: &[f64], o: &RunOptions) -> Result<Option<Vec<f64>>, Failure> {
        let cmd = Cmd::Face(tie.to_vec(), o.time_limit_s, o.threads);
        Ok(self.call(cmd, o.deadline)?.map(|r| r.x))
    }
}

/// [`Backend::solve`], stopped after `nodes` nodes when given.
fn solve_mip(
    m: Model,
    warm: Option<&[usize]>,
    o: &RunOptions,
    nodes: Option<u64>,
) -> Result<Raw, Failure> {
    let n_cols = m.vars.len();
    let start = warm.map(|w| {
        let mut s = vec![0.0; n_cols];
        for &k in w {
            s[k] = 1.0;
        }
        s
    });
    let (pb, n_x, _) = problem(m);
    let (tl, gap, threads) = (o.time_limit_s, o.relative_gap, o.threads);
    on_worker(o.deadline, move || {
        let mut model = inner(pb)?;
        configure(&mut model, tl, gap, threads)?;
        if let Some(n) = nodes {
            model
                .try_set_option("mip_max_nodes", n.min(i32::MAX as u64) as i32)
                .map_err(|e| Failure::Other(format!("option mip_max_nodes: {e:?}")))?;
        }
        // HiGHS rejects a start on a model without columns.
        if let Some(s) = start.as_ref().filter(|s| !s.is_empty()) {
            model.set_solution(Some(s), None, None, None);
            // Feasibility jump only looks for a first plan, and the start is one: on the
            // province it found none better and was 17 % of each solve (issue 15, the what-if
            // batch). Every golden plan is unchanged without it.
            model
                .try_set_option("mip_heuristic_run_feasibility_jump", false)
                .map_err(|e| {
                    Failure::Other(format!("option mip_heuristic_run_feasibility_jump: {e:?}"))
                })?;
        }
        diagnose(&mut model)?;
        let solved = model
            .try_solve()
            .map_err(|e| Failure::Other(format!("{e:?}")))?;
        raw_of(&solved, Some(n_x))
    })
}
