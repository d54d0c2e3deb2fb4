//! rotaplan: plans cadre rotations (which cadre of the planning pool goes to which vacant post) as
//! an exact assignment optimisation under Regulation 65-QĐ/TW.
//!
//! Data flows one way: files → [`scenario`] → [`domain::Scenario`] → [`rules::candidates`] →
//! [`solve`] → [`plan::Plan`] → [`check`] → [`report`].

pub mod batch;
pub mod check;
pub mod compare;
pub mod domain;
pub mod generate;
pub mod output;
pub mod plan;
pub mod report;
pub mod rules;
pub mod scenario;
pub mod scoring;
pub mod solve;

/// A plan and the checker's verdict on it.
pub struct Planned {
    pub plan: plan::Plan,
    /// Violations found by the independent checker; a plan the program writes must have none.
    pub violations: Vec<check::Violation>,
}

/// The whole pipeline on a validated scenario: candidates → model → plan → check.
pub fn plan_scenario(sc: &domain::Scenario) -> Planned {
    let ctx = rules::RuleContext::new(sc);
    let cands = rules::candidates::generate(&ctx);
    let outcome = solve::solve(&ctx, &cands);
    let plan = plan::build(&ctx, &cands, &outcome);
    let violations = if outcome.status.has_plan() {
        check::check(&ctx, &plan.pairs())
    } else {
        Vec::new()
    };
    Planned { plan, violations }
}
