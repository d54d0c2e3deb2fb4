//! HiGHS through good_lp. The model is built with good_lp and handed to HiGHS on a worker thread;
//! the caller waits at most `deadline`, so a backend that overruns its own time limit cannot hold
//! the plan hostage (the worker is left to finish on its own).

use super::SolveStatus;
use super::model::Model;
use good_lp::SolverModel;
use good_lp::solvers::highs::{HighsProblem, highs};
use highs::HighsModelStatus;
use std::sync::mpsc;
use std::time::Duration;

pub const NAME: &str = "highs";

pub struct Raw {
    pub status: SolveStatus,
    pub objective: f64,
    /// Values of the x columns (the model's first columns).
    pub x: Vec<f64>,
    pub bound: Option<f64>,
    pub gap: Option<f64>,
    /// Row duals (LP only), in the model's row order; d = c − Aᵀy.
    pub row_duals: Vec<f64>,
    /// Column duals (LP only), for checking the pricing's sign convention.
    pub col_duals: Vec<f64>,
}

pub enum Failure {
    Deadline,
    /// Stopped at a limit before finding any plan.
    NoPlan,
    Infeasible,
    Other(String),
}

pub struct RunOptions {
    pub time_limit_s: f64,
    pub relative_gap: f64,
    pub threads: u32,
    pub deadline: Duration,
}

/// Solve `m` (a MIP or, if its columns are continuous, an LP), starting from the x columns `warm`
/// (local column indexes) when given.
pub fn solve(m: Model, warm: Option<&[usize]>, o: &RunOptions) -> Result<Raw, Failure> {
    let n_cols = m.vars.len();
    let n_x = m.x.len();
    let start = warm.map(|w| {
        let mut s = vec![0.0; n_cols];
        for &k in w {
            s[k] = 1.0;
        }
        s
    });
    let mut pb = m.vars.maximise(m.objective).using(highs);
    for (_, row) in m.rows {
        pb.add_constraint(row);
    }
    let (tx, rx) = mpsc::channel();
    let (tl, gap, threads) = (o.time_limit_s, o.relative_gap, o.threads);
    std::thread::Builder::new()
        .name("highs".into())
        .spawn(move || {
            let _ = tx.send(run(pb, start, tl, gap, threads, n_x));
        })
        .map_err(|e| Failure::Other(format!("cannot start the solver thread: {e}")))?;
    match rx.recv_timeout(o.deadline) {
        Ok(r) => r,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::Deadline),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(Failure::Other("the solver thread died".into()))
        }
    }
}

fn run(
    pb: HighsProblem,
    start: Option<Vec<f64>>,
    tl: f64,
    gap: f64,
    threads: u32,
    n_x: usize,
) -> Result<Raw, Failure> {
    let mut model = pb
        .try_into_inner()
        .map_err(|e| Failure::Other(e.to_string()))?;
    let opt = |r: Result<(), highs::TrySetOptionError>, k: &str| {
        r.map_err(|e| Failure::Other(format!("option {k}: {e:?}")))
    };
    // ROTAPLAN_HIGHS_LOG=1 shows HiGHS's own log (for diagnosing slow models).
    let log = std::env::var_os("ROTAPLAN_HIGHS_LOG").is_some_and(|v| v != "0");
    opt(model.try_set_option("output_flag", log), "output_flag")?;
    opt(
        model.try_set_option("log_to_console", log),
        "log_to_console",
    )?;
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
    if threads <= 1 {
        opt(model.try_set_option("parallel", "off"), "parallel")?;
    }
    // HiGHS rejects a start on a model without columns.
    if let Some(s) = start.as_ref().filter(|s| !s.is_empty()) {
        model.set_solution(Some(s), None, None, None);
    }
    let solved = model
        .try_solve()
        .map_err(|e| Failure::Other(format!("{e:?}")))?;
    let has_solution = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
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
    let status = match solved.status() {
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
    };
    if !has_solution {
        return Err(Failure::NoPlan);
    }
    let objective = solved.objective_value();
    let sol = solved.get_solution();
    Ok(Raw {
        status,
        objective,
        x: sol.columns()[..n_x].to_vec(),
        bound,
        gap,
        row_duals: sol.dual_rows().to_vec(),
        col_duals: sol.dual_columns()[..n_x].to_vec(),
    })
}
