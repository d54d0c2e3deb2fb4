//! `rotaplan run`: every variant and sweep point of what-if files, in parallel, and their comparison.

use super::progress::Bars;
use super::{Status, log, say};
use rotaplan::output::check_out_dir;
use rotaplan::report;
use rotaplan::report::catalogue::{Msg, fill};
use rotaplan::report::{FileSet, Refusal};
use rotaplan::runs::parallel as batch;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(after_help = "Example:\n  rotaplan run scenarios/province/what-if.yaml --jobs 2")]
pub struct Args {
    /// Scenario files (YAML); every variant and sweep point of each is a scenario of the run
    #[arg(required = true)]
    scenarios: Vec<PathBuf>,
    /// Scenarios solved at once, 1 to 1024 (each HiGHS solve uses one thread) [default: the cores]
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=super::MAX_JOBS))]
    jobs: Option<u64>,
    /// Output folder [default: rotaplan-out/run]
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(a: Args, quiet: bool, langs: super::Langs) -> Status {
    let Args {
        scenarios: files,
        jobs,
        out,
    } = a;
    let out = out.unwrap_or_else(|| PathBuf::from("rotaplan-out/run"));
    // Before any solve: an --out that cannot be a folder is said now.
    if let Err(e) = check_out_dir(&out) {
        super::refuse(Refusal::OutDir(e));
        return Status::Problem;
    }
    // Taken once the scenario loaded, so a scenario with errors writes nothing.
    let _lock = match super::take_out_dir(&out, true) {
        Ok(l) => l,
        Err(s) => return s,
    };
    let mut work = batch::jobs(&files);
    // `baseline: previous`: the plans this folder holds from the last run.
    batch::use_previous_plans(&mut work, Some(&out));
    let threads = jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        |j| j as usize,
    );
    let bars = Bars::new(work.len(), quiet, true);
    let results = batch::run(&work, threads, &bars);
    bars.finish();
    if let Err(e) = batch::write(&out, &work, &results, langs.choice()) {
        super::refuse(Refusal::Set {
            set: FileSet::Run,
            dir: out.clone(),
            error: e.to_string(),
        });
        return Status::Problem;
    }
    let lang = langs.plain();
    let failed = batch::failures(&results, lang);
    say(&report::comparison_text_in(
        &batch::comparison(&results),
        &failed,
        lang,
    ));
    let bad = results.iter().filter(|f| !f.ok()).count();
    say(&format!(
        "\n{}\n",
        fill(
            lang,
            Msg::RunDone,
            &[
                ("n", &results.len()),
                ("planned", &(results.len() - bad)),
                ("failed", &bad),
                ("path", &out.display()),
            ]
        )
    ));
    for (name, e) in &failed {
        if log::format() == log::LogFormat::Json {
            tracing::error!(target: "rotaplan::run", scenario = %name, error = %e, "scenario failed");
        } else {
            log::say_err(tracing::Level::ERROR, &format!("{name}:\n{e}"));
        }
    }
    Status::ok_if(bad == 0)
}
