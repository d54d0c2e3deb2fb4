//! `rotaplan check`: verify a plan CSV against every rule of its scenario.

use super::{Status, formats, load, log, say};
use rotaplan::report::{self, Format};
use rotaplan::rules::RuleContext;
use rotaplan::scenario;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  rotaplan check scenarios/tutorial/tutorial.yaml rotaplan-out/tutorial/plan.csv"
)]
pub struct Args {
    /// The scenario file (YAML) the plan was made for
    scenario: PathBuf,
    /// The plan CSV: rotaplan's plan.csv or one written by hand (columns cadre_id, post_id)
    plan: PathBuf,
    /// What to print on stdout.
    #[arg(long, value_parser = formats(&["table", "json"]), default_value = "table")]
    format: Format,
}

pub fn run(a: Args) -> Status {
    let sc = match load(&a.scenario) {
        Ok(s) => s,
        Err(s) => return s,
    };
    let rows = match scenario::read_plan_csv(&a.plan, &sc) {
        Ok(r) => r,
        Err(e) => {
            let text = format!("{e}\n");
            log::say_err_detail(text.lines().next().unwrap_or("error"), &text);
            return Status::Problem;
        }
    };
    let ctx = RuleContext::new(&sc);
    let pairs: Vec<_> = rows.iter().map(|r| (r.cadre, r.post)).collect();
    let v = rotaplan::check::check(&ctx, &pairs);
    say(&match a.format {
        Format::Json => report::violations_json(&v),
        _ => report::violations_text(&v),
    });
    Status::ok_if(v.is_empty())
}
