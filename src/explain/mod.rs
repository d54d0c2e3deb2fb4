//! Explanations of a plan: why a cadre is (not) on a post, what each assignment's runner-ups would
//! cost, and what blocks a plan (the structure of the candidate graph, pins that cannot all hold).
//!
//! The solver is kept apart from the explanation of its answer (as pubgrub does): every exact
//! answer here comes from re-solving a *copy* of the scenario with one requirement more (a pin, or
//! a forbid) through the ordinary pipeline, and comparing the two plans with the same yardstick
//! (`plan::measure`). A difference is "proven" only when both solves are proven optimal.
//!
//! - [`structural`]: before the MIP, in milliseconds: posts without candidates, and must-fill posts
//!   that cannot all be filled at once (a maximum bipartite matching, Hopcroft–Karp, with seats as
//!   capacities; when it is smaller than the must-fill seats, Hall's condition names the posts).
//! - [`explain_pair`], [`explain_cadre`], [`explain_post`]: the questions of a standing committee.
//! - [`runner_ups`]: per assigned post, the next best candidates and what choosing them would cost
//!   (re-solves in parallel with rayon, within a budget).
//! - [`relax_requirements`]: when the hard requirements cannot all hold, which groups give way —
//!   pins by a deletion filter over the solver's pins pre-check ([`relax_pins`]); pins, hard
//!   must-fill posts and hard targets together by an elastic MIP. Never a group marked
//!   `relaxable: false`.

use crate::domain::{CadreIx, PairRule, PostIx, Scenario};
use crate::plan::{Kpis, Plan, Unfilled};
use crate::rules::{Breach, Candidates, RuleContext, RuleId};
use crate::scoring::{ObjectiveBreakdown, Terms, TrainingGain};
use crate::solve::{InfeasibleGroup, SolveStatus};
use rayon::prelude::*;
use serde::Serialize;

mod counterfactual;
mod matching;
pub mod programme;
mod questions;
mod relax;
mod runner_ups;
mod structure;

pub use crate::plan::findings::{
    Cost, GroupRef, MustFillBlock, MustFillRef, Note, Notes, PinRef, PostRunnerUps, RelaxCase,
    Relaxation, RunnerUp, RunnerUps, Structure, TargetRef,
};
pub use counterfactual::*;
pub use matching::*;
pub use questions::*;
pub use relax::*;
pub use runner_ups::*;
use std::collections::BTreeMap;
pub use structure::*;

/// A question to explain: a pair (cadre and post), a cadre, a post, the whole plan, or only the
/// structural check.
#[derive(Debug, Clone, Copy)]
pub struct Question {
    pub cadre: Option<CadreIx>,
    pub post: Option<PostIx>,
    /// Only the structural check before the MIP (no solve).
    pub structure_only: bool,
    pub budget: Budget,
}

/// The answer to `q` on scenario `sc`: plans what needs a plan (a pair that a rule or a forbid
/// excludes needs none), re-solves within the budget, and returns the explanation as data
/// (report::explanation words it). `Err` with the checker's violations when the plan the program
/// made fails the independent checker (an internal error).
pub fn answer(sc: &Scenario, q: &Question) -> Result<Explanation, Vec<crate::check::Violation>> {
    let ctx = RuleContext::new(sc);
    let cands = crate::rules::candidates::generate(&ctx);
    if q.structure_only {
        return Ok(Explanation::Structure(structural(&ctx, &cands)));
    }
    let budget = q.budget;
    let excluded = matches!((q.cadre, q.post), (Some(c), Some(p)) if cands.find(c, p).is_none());
    let base = if excluded {
        None
    } else {
        // Runner-ups only for the whole plan; a question about one cadre or post costs its own.
        let only = if q.cadre.is_none() && q.post.is_none() {
            budget
        } else {
            Budget {
                per_post: 0,
                ..budget
            }
        };
        let planned = crate::plan_candidates(&ctx, &cands, &only);
        if !planned.violations.is_empty() {
            return Err(planned.violations);
        }
        Some(planned.plan)
    };
    let tl = budget
        .time_limit_s
        .unwrap_or(sc.solver.time_limit_s.min(RESOLVE_TIME_LIMIT_S));
    let mut base = base;
    if let Some(b) = &mut base
        && b.relaxation.is_some()
    {
        // Say what the plan would be with the groups relaxed.
        b.relaxation = relax_requirements(&ctx, &cands, Some(tl));
    }
    Ok(match (q.cadre, q.post, base.as_ref()) {
        (Some(c), Some(p), b) => Explanation::Pair(explain_pair(
            &ctx,
            &cands,
            b,
            c,
            p,
            (budget.max_solves > 0).then_some(tl),
        )),
        (Some(c), None, Some(b)) => Explanation::Cadre(explain_cadre(&ctx, &cands, b, c, &budget)),
        (None, Some(p), Some(b)) => Explanation::Post(explain_post(&ctx, &cands, b, p, &budget)),
        (None, None, Some(b)) => Explanation::Plan(Overview::of(b)),
        // Only an excluded pair goes without a plan, and it is matched above.
        (_, _, None) => unreachable!("a plan exists unless the pair is excluded"),
    })
}
