//! `rotaplan explain`: the CLI parses and prints; the library answers.

use super::{Status, formats, load, say, say_violations};
use rotaplan::report::{self, Format, Refusal};
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  rotaplan explain scenarios/province/province.yaml --cadre C100\n  rotaplan explain scenarios/province/province.yaml --cadre C100 --post VT41\n  rotaplan explain scenarios/tutorial/tutorial.yaml --post VT03\n  rotaplan explain scenarios/programme/programme.yaml --cadre C031 --period 2028"
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
    /// A programme's period, as a year (2028: the first period starting in it) or a date
    /// (2028-07-01: the period in force on it): why --cadre is (not) rotated then
    #[arg(long, value_name = "YEAR|DATE", requires = "cadre", conflicts_with_all = ["post", "structure"])]
    period: Option<String>,
    /// Runner-ups re-solved per post, for the whole plan or one --post (0 to 40)
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(0..=super::MAX_RUNNER_UPS))]
    runner_ups: u64,
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

pub fn run(a: Args, langs: super::Langs) -> Status {
    use rotaplan::explain as ex;
    let sc = match load(&a.scenario, langs) {
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
            super::refuse(Refusal::NotFound(e));
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
            super::refuse(Refusal::NotFound(e));
            return Status::Problem;
        }
    };
    if let (Some(when), Some(c)) = (a.period.as_deref(), cadre) {
        return period(&sc, c, when, a.format, langs);
    }
    let budget = ex::Budget {
        per_post: a.runner_ups as usize,
        max_solves: a.max_solves,
        time_limit_s: a.time_limit,
    };
    let question = ex::Question {
        cadre,
        post,
        structure_only: a.structure,
        budget,
    };
    let e = match ex::answer(&rotaplan::programme::first_period_plan(&sc), &question) {
        Ok(e) => e,
        Err(v) => {
            say_violations(
                "internal error: the plan failed the independent checker",
                &v,
            );
            return Status::Internal;
        }
    };
    let lang = langs.of(&sc);
    let text = report::explanation_in(&e, a.format, lang);
    // A programme scenario without --period: the answer is the first period's single plan, said
    // first (in JSON, as `scope`).
    match report::programme::explain_scope(&sc, &a.scenario.display().to_string(), lang) {
        Some(scope) if a.format == Format::Json => {
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(mut v) if v.is_object() => {
                    v["scope"] = serde_json::Value::String(scope);
                    let mut s = serde_json::to_string_pretty(&v).unwrap_or(text);
                    s.push('\n');
                    say(&s);
                }
                _ => say(&text),
            }
        }
        Some(scope) => say(&format!("{scope}\n\n{text}")),
        None => say(&text),
    }
    // Explained, but a scenario with no plan (infeasible) is exit 1, as for every command.
    Status::ok_if(e.plan_status().is_none_or(|s| s.has_plan()))
}

/// `--period`: why the cadre is (not) rotated in one period of a programme.
fn period(
    sc: &rotaplan::domain::Scenario,
    c: rotaplan::domain::CadreIx,
    when: &str,
    format: Format,
    langs: super::Langs,
) -> Status {
    use rotaplan::explain::programme::{When, explain_period, period_of};
    let Some(prog) = sc.programme.as_ref() else {
        super::refuse(Refusal::PeriodNeedsProgramme);
        return Status::Problem;
    };
    let parsed = if when.len() == 4 {
        when.parse::<i32>().ok().map(When::Year)
    } else {
        when.parse::<rotaplan::domain::Date>().ok().map(When::Date)
    };
    let Some(t) = parsed.and_then(|w| period_of(&prog.periods, prog.end, w)) else {
        super::refuse(Refusal::Period {
            when: when.to_string(),
            periods: prog.periods.iter().map(|d| d.to_string()).collect(),
        });
        return Status::Problem;
    };
    let Some(done) = rotaplan::plan_programme(sc) else {
        return Status::Internal;
    };
    if !done.violations.is_empty() {
        say_violations(
            "internal error: the programme failed the independent checker",
            &done.violations,
        );
        return Status::Internal;
    }
    let e = explain_period(sc, &done.plan, c, t);
    let lang = langs.of(sc);
    say(&match format {
        Format::Json => report::explain_period_json(&e, lang),
        _ => report::explain_period_text(&e, lang),
    });
    // Explained; a programme with no solution is exit 1, as `plan` says.
    Status::ok_if(done.plan.status.has_plan())
}
