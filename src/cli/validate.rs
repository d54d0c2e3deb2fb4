//! `rotaplan validate`: check a scenario's files alone, every variant and sweep point included.

use super::{Status, say, say_problems};
use rotaplan::scenario;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(after_help = "Example:\n  rotaplan validate scenarios/province/what-if.yaml")]
pub struct Args {
    /// The scenario file (YAML)
    scenario: PathBuf,
    /// Treat warnings as errors (exit 1 if there is one), e.g. for nightly runs.
    #[arg(long)]
    deny_warnings: bool,
}

pub fn run(a: Args) -> Status {
    let path = &a.scenario;
    match scenario::load_variants(path) {
        Ok(vs) => {
            let sc = &vs[0].scenario;
            let mut warnings: Vec<scenario::Diagnostic> = Vec::new();
            let mut notes: Vec<&String> = Vec::new();
            for v in &vs {
                for w in &v.warnings {
                    if !warnings.contains(w) {
                        warnings.push(w.clone());
                    }
                }
                for n in &v.notes {
                    if !notes.contains(&n) {
                        notes.push(n);
                    }
                }
            }
            for n in notes {
                say(&format!("note: {n}\n"));
            }
            if let Err(s) = super::say_warnings(&warnings, a.deny_warnings) {
                return s;
            }
            let warned = match warnings.len() {
                0 => String::new(),
                n => format!(", {n} warning(s)"),
            };
            let more = match vs.len() - 1 {
                0 => String::new(),
                n => format!(", and {n} variant(s)"),
            };
            say(&format!(
                "{}: valid ({} units, {} posts, {} cadres, plan date {}, rule set {}{more}){warned}\n",
                path.display(),
                sc.units.len(),
                sc.posts.len(),
                sc.cadres.len(),
                sc.plan_date,
                sc.rules.name
            ));
            Status::Ok
        }
        Err(e) => {
            say_problems(&e);
            Status::Problem
        }
    }
}
