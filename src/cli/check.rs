//! `rotaplan check`: verify a plan CSV against every rule of its scenario.

use super::{Status, formats, say};
use rotaplan::domain::Lang;
use rotaplan::report::{self, Format};
use rotaplan::rules::RuleContext;
use rotaplan::scenario;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  rotaplan check scenarios/tutorial/tutorial.yaml rotaplan-out/tutorial/plan.csv\n  rotaplan check scenarios/tutorial/tutorial.yaml our-version.xlsx --against-optimum"
)]
pub struct Args {
    /// The scenario file (YAML) the plan was made for
    scenario: PathBuf,
    /// The plan: rotaplan's plan.csv or one written by hand (columns cadre_id, post_id), as CSV or a
    /// workbook (plan.xlsx, plan.xlsx#Sheet)
    plan: PathBuf,
    /// What to print on stdout.
    #[arg(long, value_parser = formats(&["table", "json"]), default_value = "table")]
    format: Format,
    /// Treat warnings (W codes) of the scenario and the plan file as errors.
    #[arg(long)]
    deny_warnings: bool,
    /// Also solve the scenario and say how far the plan is from the optimum, and where (the
    /// difference of each objective term and penalty, the KPIs side by side).
    #[arg(long)]
    against_optimum: bool,
}

pub fn run(a: Args, langs: super::Langs) -> Status {
    // A programme's check reads a programme file, a single plan's a plan: told from the YAML
    // when the scenario does not load, else from the file's header.
    use scenario::MovesFile::{Plan, Programme};
    let accepts: &[scenario::MovesFile] = match scenario::declares_programme(&a.scenario) {
        Some(true) => &[Programme],
        Some(false) => &[Plan],
        None => &[Plan, Programme],
    };
    let sc = match super::load_for_file(&a.scenario, (&a.plan, accepts), a.format, langs) {
        Ok(c) => {
            let lang = langs.of(&c.scenario);
            if let Err(s) = super::say_warnings_as(&c.warnings, a.deny_warnings, lang, a.format) {
                return s;
            }
            c.scenario
        }
        Err(s) => return s,
    };
    if sc.programme.is_some() {
        return programme(&sc, &a, langs.of(&sc));
    }
    let rows = match scenario::read_plan(&a.plan, &sc) {
        Ok(r) => {
            if let Err(s) =
                super::say_warnings_as(&r.warnings, a.deny_warnings, langs.of(&sc), a.format)
            {
                return s;
            }
            r.rows
        }
        Err(e) => return super::file_problems(&e, &a.plan, a.format, langs.of(&sc)),
    };
    let ctx = RuleContext::new(&sc);
    let pairs: Vec<_> = rows.iter().map(|r| (r.cadre, r.post)).collect();
    let v = rotaplan::check::check(&ctx, &pairs);
    let score = rotaplan::plan::score(&ctx, &pairs);
    // The status of an optimum's solve that found none (infeasible, stopped): nothing to measure
    // against (the empty plan was shown as the "optimum").
    let mut no_optimum: Option<&'static str> = None;
    let optimum = if a.against_optimum {
        let planned = rotaplan::plan_scenario(&sc);
        if !planned.violations.is_empty() {
            super::say_violations(
                "internal error: the optimum failed the independent checker",
                &planned.violations,
            );
            return Status::Internal;
        }
        let p = &planned.plan;
        if !p.solver.status.has_plan() {
            no_optimum = Some(p.solver.status.as_str());
        }
        let theirs: std::collections::BTreeMap<_, _> = p.pairs().into_iter().collect();
        let mine: std::collections::BTreeMap<_, _> = pairs.iter().copied().collect();
        let placed_differently = mine
            .keys()
            .chain(theirs.keys())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .filter(|c| mine.get(c) != theirs.get(c))
            .count();
        Some(report::Optimum {
            score: rotaplan::plan::score(&ctx, &p.pairs()),
            status: p.solver.status.as_str().to_string(),
            placed_differently,
            breaks_rules: v.len(),
        })
    } else {
        None
    };
    let optimum = optimum.filter(|_| no_optimum.is_none());
    if let Some(status) = no_optimum {
        let lang = langs.of(&sc);
        let status = report::catalogue::status_id(lang, status);
        super::log::say_err(
            tracing::Level::WARN,
            &report::catalogue::fill(
                lang,
                report::catalogue::Msg::NoOptimum,
                &[("status", &status)],
            ),
        );
    }
    say(&match a.format {
        Format::Json => {
            let mut j = serde_json::json!({ "violations": v });
            j["score"] = report::score_json(&score, &sc.weights, optimum.as_ref());
            if let Some(status) = no_optimum {
                j["score"]["optimum"] = serde_json::json!({ "status": status, "objective": null });
            }
            let mut s = serde_json::to_string_pretty(&j).unwrap_or_default();
            s.push('\n');
            s
        }
        _ => {
            let lang = langs.of(&sc);
            format!(
                "{}\n{}",
                report::violations_text_in(&v, lang),
                report::score_text(&score, &sc.weights, optimum.as_ref(), lang)
            )
        }
    });
    Status::ok_if(v.is_empty())
}

/// A scenario with `programme:`: the file is a programme (programme.csv), checked by
/// `check::programme` at every period's date.
fn programme(sc: &rotaplan::domain::Scenario, a: &Args, lang: Lang) -> Status {
    let moves = match scenario::read_programme(&a.plan, sc) {
        Ok(f) => {
            if let Err(s) = super::say_warnings_as(&f.warnings, a.deny_warnings, lang, a.format) {
                return s;
            }
            f.moves
        }
        Err(e) => return super::file_problems(&e, &a.plan, a.format, lang),
    };
    let v = rotaplan::check::programme::check(sc, &moves);
    let score = rotaplan::programme::plan::score(sc, &moves);
    say(&match a.format {
        Format::Json => report::programme::programme_check_json(&v, score.as_ref()),
        _ => report::programme::programme_violations_text_in(&v, lang),
    });
    if a.format != Format::Json {
        if let Some(note) = report::programme::running_unplaced_note_in(sc, &moves, lang) {
            say(&note);
        }
        if let Some(s) = &score {
            say(&format!(
                "\n{}",
                report::programme::programme_score_text_in(s, lang)
            ));
        }
    }
    Status::ok_if(v.is_empty())
}
