//! `rotaplan explain`: the CLI parses and prints; the library answers.

use super::{Status, formats, load, say, say_violations};
use rotaplan::report::{self, Format};
use rotaplan::rules::RuleContext;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  rotaplan explain scenarios/province/province.yaml --cadre C100\n  rotaplan explain scenarios/province/province.yaml --cadre C100 --post VT41\n  rotaplan explain scenarios/tutorial/tutorial.yaml --post VT03"
)]
pub struct Args {
    /// The scenario file (YAML)
    scenario: PathBuf,
    /// A cadre id: why they got their post or none (with --post, that pair)
    #[arg(long)]
    cadre: Option<String>,
    /// A post id: who holds it and why, who else could (with --cadre, that pair)
    #[arg(long)]
    post: Option<String>,
    /// Only the structural check before the MIP (no solve)
    #[arg(long, conflicts_with_all = ["cadre", "post"])]
    structure: bool,
    /// Runner-ups re-solved per post, for the whole plan or one --post
    #[arg(long, default_value_t = 2)]
    runner_ups: usize,
    /// At most this many re-solves in all
    #[arg(long, default_value_t = 40)]
    max_solves: usize,
    /// Time limit of each re-solve, seconds [default: the scenario's, at most 10]
    #[arg(long)]
    time_limit: Option<f64>,
    /// What to print on stdout.
    #[arg(long, value_parser = formats(&["table", "json", "markdown"]), default_value = "table")]
    format: Format,
}

pub fn run(a: Args) -> Status {
    use rotaplan::explain::{self as ex, Explanation};
    let sc = match load(&a.scenario) {
        Ok(s) => s,
        Err(s) => return s,
    };
    if let Err(s) = super::time_limit(a.time_limit) {
        return s;
    }
    let cadre = match a
        .cadre
        .as_deref()
        .map(|id| ex::find_cadre(&sc, id))
        .transpose()
    {
        Ok(c) => c,
        Err(e) => {
            fail!("error: {e}");
            return Status::Problem;
        }
    };
    let post = match a
        .post
        .as_deref()
        .map(|id| ex::find_post(&sc, id))
        .transpose()
    {
        Ok(p) => p,
        Err(e) => {
            fail!("error: {e}");
            return Status::Problem;
        }
    };
    let budget = ex::Budget {
        per_post: a.runner_ups,
        max_solves: a.max_solves,
        time_limit_s: a.time_limit,
    };
    let ctx = RuleContext::new(&sc);
    let cands = rotaplan::rules::candidates::generate(&ctx);
    let e = if a.structure {
        Explanation::Structure(ex::structural(&ctx, &cands))
    } else {
        // A pair that a rule or a forbid excludes needs no plan.
        let excluded = matches!((cadre, post), (Some(c), Some(p)) if cands.find(c, p).is_none());
        let planned = (!excluded).then(|| {
            let none = ex::Budget {
                per_post: 0,
                ..budget
            };
            let only = if cadre.is_none() && post.is_none() {
                &budget
            } else {
                &none
            };
            rotaplan::plan_scenario_with(&sc, only)
        });
        if let Some(p) = &planned
            && !p.violations.is_empty()
        {
            say_violations(
                "internal error: the plan failed the independent checker",
                &p.violations,
            );
            return Status::Internal;
        }
        let mut base = planned.map(|p| p.plan);
        if let Some(b) = &mut base
            && b.relaxation.is_some()
        {
            // Say what the plan would be with the groups relaxed.
            let tl = budget
                .time_limit_s
                .unwrap_or(sc.solver.time_limit_s.min(ex::RESOLVE_TIME_LIMIT_S));
            b.relaxation = ex::relax_requirements(&ctx, &cands, Some(tl));
        }
        let tl = budget
            .time_limit_s
            .unwrap_or(sc.solver.time_limit_s.min(ex::RESOLVE_TIME_LIMIT_S));
        match (cadre, post, base.as_ref()) {
            (Some(c), Some(p), b) => Explanation::Pair(ex::explain_pair(&ctx, &cands, b, c, p, tl)),
            (Some(c), None, Some(b)) => {
                Explanation::Cadre(ex::explain_cadre(&ctx, &cands, b, c, &budget))
            }
            (None, Some(p), Some(b)) => {
                Explanation::Post(ex::explain_post(&ctx, &cands, b, p, &budget))
            }
            (None, None, Some(b)) => Explanation::Plan(ex::Overview::of(b)),
            // Only an excluded pair goes without a plan, and it is handled above.
            _ => {
                fail!("internal error: no plan to explain");
                return Status::Internal;
            }
        }
    };
    say(&report::explanation(&e, a.format));
    Status::Ok
}
