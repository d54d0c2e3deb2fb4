//! The solver backend: the one place that talks to a solver. The pricing loop (`pricing.rs`), the
//! elastic model (`requirements.rs`), the main MIP (`solve::direct`) and the model export all call
//! the [`Backend`] trait through [`backend()`]; nothing else in the crate names a solver.
//!
//! The model itself is built with good_lp (`model.rs`: variables, expressions, named rows), so a
//! backend takes a [`Model`] and turns it into its solver's problem. Adding a backend is one impl of
//! [`Backend`] in a file of this folder, behind a cargo feature, and one line in [`backend()`].

use super::SolveStatus;
use super::model::Model;
use std::path::Path;
use std::time::Duration;

#[cfg(feature = "highs")]
mod highs;

#[cfg(not(feature = "highs"))]
compile_error!("rotaplan needs a solver backend: build with the `highs` feature (the default)");

/// The backend this build solves with.
pub fn backend() -> &'static dyn Backend {
    #[cfg(feature = "highs")]
    {
        &highs::Highs
    }
}

/// A solver: MIPs and LPs built by `model.rs`, an LP that grows by columns between solves (the
/// pricing loop), and the model written to a file.
pub trait Backend: Sync {
    /// The name reported in plan.json (`solver.backend`).
    fn name(&self) -> &'static str;

    /// Solve `m` (a MIP or, if its columns are continuous, an LP), starting from the x columns
    /// `warm` (local column indexes) when given. Never waits past `o.deadline`.
    fn solve(&self, m: Model, warm: Option<&[usize]>, o: &RunOptions) -> Result<Raw, Failure>;

    /// [`Backend::solve`] stopped after `nodes` branch-and-bound nodes as well: a limit that does
    /// not depend on the machine's speed (the neighbourhood search's rounds).
    fn solve_nodes(
        &self,
        m: Model,
        warm: Option<&[usize]>,
        o: &RunOptions,
        nodes: u64,
    ) -> Result<Raw, Failure>;

    /// Solve the LP `m` (its columns must be continuous), then choose among its optimal
    /// solutions: over the LP's optimal face (every column with a nonzero reduced cost held at its
    /// bound, every row with a nonzero dual held at its active side: exactly the LP's optimal
    /// solutions, by complementary slackness) maximise Σ `tie[k]`·x over the x columns, from the
    /// first solve's basis. `FaceLp::lp` is the first LP (its objective is the LP bound),
    /// `FaceLp::x` the x columns of the second, if it was solved to optimality.
    fn lp_face(&self, m: Model, tie: &[f64], o: &RunOptions) -> Result<FaceLp, Failure>;

    /// An LP (the columns of `m` must be continuous) kept alive between solves: columns are added
    /// to it and each solve starts from the previous basis.
    fn live_lp(&self, m: Model) -> Result<Box<dyn LiveLp>, Failure>;

    /// Write `m` to `path` with the column and row names `names`; the format follows the file's
    /// extension (`.mps` or `.lp`). The objective's constant (`Model::constant`) is written as the
    /// objective offset, so the file's optimum is the plan's objective.
    fn write(&self, m: Model, names: &Names, path: &Path) -> Result<(), Failure>;

    /// Read a model file written by [`Backend::write`] (or any MPS/LP file) and solve it: the
    /// status and objective (tests and the peers' benchmark use it).
    fn solve_file(&self, path: &Path, time_limit_s: f64) -> Result<(SolveStatus, f64), Failure>;
}

/// What [`Backend::lp_face`] returns.
pub struct FaceLp {
    /// The LP over `m` with its own objective.
    pub lp: Raw,
    /// The x columns of the tie-break's optimum over the LP's optimal face (`None` if the first
    /// LP was not optimal or the second did not finish).
    pub x: Option<Vec<f64>>,
}

/// An LP that grows by columns; see [`Backend::live_lp`].
pub trait LiveLp {
    /// Add columns (continuous, `0 ≤ x ≤ upper`) after the existing ones.
    fn add_columns(&mut self, cols: Vec<NewColumn>) -> Result<(), Failure>;
    /// Solve from the current basis. `Raw::x` and `Raw::col_duals` hold every column, in order.
    fn solve(&mut self, o: &RunOptions) -> Result<Raw, Failure>;
    /// Solve from the current basis, then choose among the LP's optimal solutions as
    /// [`Backend::lp_face`] does: over the optimal face, maximise Σ `tie[k]`·x_k (`tie`: one
    /// weight per column, in column order). Every column's value, or `None` if either LP was not
    /// solved to optimality. The live LP is spent afterwards (its bounds and costs are changed).
    fn face(&mut self, tie: &[f64], o: &RunOptions) -> Result<Option<Vec<f64>>, Failure>;
}

/// A column for [`LiveLp::add_columns`]: objective coefficient, upper bound and its (row,
/// coefficient) entries, rows in the model's row order.
#[derive(Debug, Clone, PartialEq)]
pub struct NewColumn {
    pub cost: f64,
    pub upper: f64,
    pub entries: Vec<(usize, f64)>,
}

/// Column and row names of a model, in the model's order (`Model::names`).
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub cols: Vec<String>,
    pub rows: Vec<String>,
}

/// What a backend returns.
pub struct Raw {
    pub status: SolveStatus,
    /// The backend's objective, without `Model::constant`.
    pub objective: f64,
    /// Values of the x columns (the model's first columns; every column for a live LP).
    pub x: Vec<f64>,
    pub bound: Option<f64>,
    pub gap: Option<f64>,
    /// Row duals (LP only), in the model's row order; d = c − Aᵀy.
    pub row_duals: Vec<f64>,
    /// Column duals (LP only), for checking the pricing's sign convention.
    pub col_duals: Vec<f64>,
}

/// Why a backend returned no solution (worded by report/errors.rs).
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The backend did not answer within `RunOptions::deadline`.
    Deadline,
    /// Stopped at a limit before finding any plan.
    NoPlan,
    Infeasible,
    Other(String),
}

/// Limits of one solve.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub time_limit_s: f64,
    pub relative_gap: f64,
    pub threads: u32,
    /// How long the caller waits at most, whatever the backend does with its own time limit.
    pub deadline: Duration,
}
