//! rotaplan: plans cadre rotations (which cadre of the planning pool goes to which vacant post) as
//! an exact assignment optimisation under Regulation 65-QĐ/TW.
//!
//! Data flows one way: files → [`scenario`] → [`domain::Scenario`] → [`rules::candidates`] →
//! [`solve`] → [`plan::Plan`] → [`check`] → [`report`].

pub mod check;
pub mod compare;
pub mod domain;
pub mod explain;
pub mod generate;
pub mod output;
pub mod plan;
pub mod programme;
pub mod pseudonym;
pub mod report;
pub mod rules;
pub mod runs;
pub mod scenario;
pub mod scoring;
pub mod solve;

/// A plan and the checker's verdict on it.
pub struct Planned {
    pub plan: plan::Plan,
    /// Violations found by the independent checker; a plan the program writes must have none.
    pub violations: Vec<check::Violation>,
}

/// The whole pipeline on a validated scenario: candidates → model → plan → check, with the
/// structural check and, when the requirements cannot all hold, the groups to relax; no runner-ups (each costs
/// a re-solve: see [`plan_scenario_with`]).
pub fn plan_scenario(sc: &domain::Scenario) -> Planned {
    plan_scenario_with(sc, &explain::Budget::NONE)
}

/// The whole pipeline, with `budget` for the runner-ups' re-solves (`per_post: 0` for none): the
/// structural check before the MIP, then the plan, the groups to relax when the requirements cannot all hold,
/// and the runner-ups.
pub fn plan_scenario_with(sc: &domain::Scenario, budget: &explain::Budget) -> Planned {
    let ctx = rules::RuleContext::new(sc);
    let cands = rules::candidates::generate(&ctx);
    plan_candidates(&ctx, &cands, budget)
}

/// The pipeline from given candidates (generated, or re-scored from another variant's by
/// `rules::candidates::rescore`) on: model → plan → check.
pub fn plan_candidates(
    ctx: &rules::RuleContext,
    cands: &rules::Candidates,
    budget: &explain::Budget,
) -> Planned {
    let secs = |t: std::time::Instant| crate::output::seconds_ms(t.elapsed().as_secs_f64());
    let started = std::time::Instant::now();
    let structure = explain::structural(ctx, cands);
    tracing::debug!(seconds = secs(started), "structural check");
    let outcome = solve::solve(ctx, cands);
    let built = std::time::Instant::now();
    let mut plan = plan::build(ctx, cands, &outcome);
    tracing::debug!(
        seconds = secs(built),
        unfilled = plan.unfilled.len(),
        "plan built (with the reasons of the unfilled posts)"
    );
    plan.structure = structure;
    // Only a proven "cannot hold" has groups to relax (not a solve that stopped without a plan).
    if outcome.status == solve::SolveStatus::Infeasible {
        plan.relaxation = explain::relax_requirements(ctx, cands, None);
    }
    plan.runner_ups = explain::runner_ups(ctx, cands, &plan, budget);
    let checked = std::time::Instant::now();
    let violations = if outcome.status.has_plan() {
        check::check(ctx, &plan.pairs())
    } else {
        Vec::new()
    };
    tracing::debug!(seconds = secs(checked), "plan checked");
    // The levels of `objective:` recomputed from the plan alone must bear out the solve's rows.
    if let Some((name, got, want)) = check::plan_levels(ctx, &plan.pairs(), &plan.levels)
        .into_iter()
        .next()
    {
        plan.solver.note = Some(solve::Note::LevelBreaksRow { name, got, want });
    }
    Planned { plan, violations }
}

/// A programme and the checker's verdict on it.
pub struct Programmed {
    pub plan: programme::plan::ProgrammePlan,
    /// Violations found by `check::programme`; a programme the program writes must have none.
    pub violations: Vec<check::Violation>,
}

/// The programme pipeline on a scenario with `programme:`: the timeline (the scenario at each
/// period's date) → the time-expanded columns → the MIP → the programme → the checker. `None`
/// without `programme:`.
pub fn plan_programme(sc: &domain::Scenario) -> Option<Programmed> {
    let started = std::time::Instant::now();
    let tl = programme::Timeline::new(sc)?;
    let mut cols = programme::generate(sc, &tl);
    tracing::debug!(
        rotations = cols.rotations.len(),
        placements = cols.placements.len(),
        seconds = crate::output::seconds_ms(started.elapsed().as_secs_f64()),
        "programme columns generated"
    );
    // Level by level with `objective:`, a history or a previous programme; else the weighted sum.
    // Above `programme::FILTER_ABOVE` the columns grow by column generation (`cols` with them).
    let outcome = match solve::lexicographic::solve(sc, &tl, &cols) {
        Some(o) => o,
        None => solve::programme::solve_growing(sc, &tl, &mut cols),
    };
    tracing::debug!(
        status = outcome.status.as_str(),
        build_s = crate::output::seconds_ms(outcome.build_s),
        solve_s = crate::output::seconds_ms(outcome.solve_s),
        "programme solved"
    );
    let mut plan = programme::plan::build(sc, &tl, &cols, &outcome);
    // Only a proven "cannot hold" has groups to relax (not a solve that stopped without a plan).
    let cannot_hold = plan.note.as_ref().is_some_and(|n| {
        n.0.contains(&solve::programme::ProgrammeNote::HardCannotHold)
    });
    if plan.status == solve::SolveStatus::Infeasible && cannot_hold {
        let relaxed = std::time::Instant::now();
        plan.relaxation = solve::programme_relax::relax(sc, &tl, &cols);
        tracing::debug!(
            solves = plan.relaxation.as_ref().map_or(0, |r| r.solves),
            seconds = crate::output::seconds_ms(relaxed.elapsed().as_secs_f64()),
            "programme relaxation"
        );
    }
    let checked = std::time::Instant::now();
    let violations = if plan.status.has_plan() {
        check::programme::check(sc, &plan.moves)
    } else {
        Vec::new()
    };
    tracing::debug!(
        seconds = crate::output::seconds_ms(checked.elapsed().as_secs_f64()),
        "programme checked"
    );
    Some(Programmed { plan, violations })
}
