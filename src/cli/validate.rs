//! `rotaplan validate`: check a scenario's files alone, every variant and sweep point included.

use super::{Status, say, say_problems};
use rotaplan::scenario;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(after_help = "Example:\n  rotaplan validate scenarios/province/what-if.yaml")]
pub struct Args {
    /// The scenario file (YAML)
    scenario: PathBuf,
}

pub fn run(a: Args) -> Status {
    let path = &a.scenario;
    match scenario::load_variants(path) {
        Ok(vs) => {
            let sc = &vs[0].scenario;
            let more = match vs.len() - 1 {
                0 => String::new(),
                n => format!(", and {n} variant(s)"),
            };
            say(&format!(
                "{}: valid ({} units, {} posts, {} cadres, plan date {}, rule set {}{more})\n",
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
