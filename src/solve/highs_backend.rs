//! HiGHS through good_lp. The model is built with good_lp and handed to HiGHS on a worker thread;
//! the caller waits at most `deadline`, so a backend that overruns its own time limit cannot hold
//! the plan hostage (the worker is left to finish on its own).

use super::model::Model;
use super::SolveStatus;
use crate::domain::SolverSettings;
use good_lp::solvers::highs::highs;
use good_lp::SolverModel;
use highs::HighsModelStatus;
use std::sync::mpsc;
use std::time::Duration;

pub const NAME: &str = "highs";

pub struct Raw {
    pub status: SolveStatus,
    pub x: Vec<f64>,
    pub bound: Option<f64>,
    pub gap: Option<f64>,
}

pub enum Failure {
    Deadline,
    /// Stopped at a limit before finding any plan.
    NoPlan,
    Infeasible,
    Other(String),
}

pub fn solve(m: Model, warm: &[usize], settings: SolverSettings, deadline: Duration) -> Result<Raw, Failure> {
    let n_cols = m.vars.len();
    let mut start = vec![0.0; n_cols];
    for &i in warm {
        start[i] = 1.0; // x are the first columns, in candidate order
    }
    let mut pb = m.vars.maximise(m.objective).using(highs);
    for (_, row) in m.rows {
        pb.add_constraint(row);
    }
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("highs".into())
        .spawn(move || {
            let _ = tx.send(run(pb, start, settings));
        })
        .map_err(|e| Failure::Other(format!("cannot start the solver thread: {e}")))?;
    match rx.recv_timeout(deadline) {
        Ok(r) => r,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::Deadline),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Failure::Other("the solver thread died".into())),
    }
}

fn run(pb: good_lp::solvers::highs::HighsProblem, start: Vec<f64>, s: SolverSettings) -> Result<Raw, Failure> {
    let mut model = pb.try_into_inner().map_err(|e| Failure::Other(e.to_string()))?;
    let opt = |r: Result<(), highs::TrySetOptionError>, k: &str| r.map_err(|e| Failure::Other(format!("option {k}: {e:?}")));
    opt(model.try_set_option("output_flag", false), "output_flag")?;
    opt(model.try_set_option("time_limit", s.time_limit_s), "time_limit")?;
    opt(model.try_set_option("mip_rel_gap", s.relative_gap), "mip_rel_gap")?;
    opt(model.try_set_option("threads", s.threads.max(1) as i32), "threads")?;
    opt(model.try_set_option("random_seed", 0), "random_seed")?;
    if s.threads <= 1 {
        opt(model.try_set_option("parallel", "off"), "parallel")?;
    }
    model.set_solution(Some(&start), None, None, None);
    let solved = model.try_solve().map_err(|e| Failure::Other(format!("{e:?}")))?;
    let has_solution = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    let gap = solved.double_info_value(c"mip_gap").ok().filter(|g| g.is_finite());
    let bound = solved.double_info_value(c"mip_dual_bound").ok().filter(|b| b.is_finite());
    let status = match solved.status() {
        HighsModelStatus::Optimal => {
            if gap.is_some_and(|g| g > 1e-9) {
                SolveStatus::GapLimit
            } else {
                SolveStatus::Optimal
            }
        }
        HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => return Err(Failure::Infeasible),
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
    Ok(Raw { status, x: solved.get_solution().columns().to_vec(), bound, gap })
}
