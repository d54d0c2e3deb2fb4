//! `run`, `compare` and `diff`: the what-if commands, and the progress bars of a run.

use super::{CompareFormat, log, say};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rotaplan::batch::{self, Finished, Outcome, Progress};
use rotaplan::compare::{self, PlanSummary};
use rotaplan::report;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// One bar per running scenario and a total on a terminal; plain lines (`run`) or nothing (`batch`,
/// whose log events say the same) otherwise; nothing if quiet. With `--log-format json` there are no
/// bars, and `run`'s lines are info events.
enum Bars {
    Quiet,
    Lines {
        total: Mutex<usize>,
        done: Mutex<usize>,
    },
    Terminal {
        multi: MultiProgress,
        total: ProgressBar,
        running: Mutex<Vec<Option<ProgressBar>>>,
        /// Print a line per finished scenario above the bars (`run`; `batch` logs them).
        lines: bool,
    },
}

impl Bars {
    /// `lines`: a line per finished scenario (`run`); `batch` has its log events instead.
    fn new(n: usize, quiet: bool, lines: bool) -> Bars {
        let json = log::format() == log::LogFormat::Json;
        if quiet || (json && !lines) {
            Bars::Quiet
        } else if !json && std::io::stderr().is_terminal() {
            let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
            let total = multi.add(ProgressBar::new(n as u64));
            total.set_style(
                ProgressStyle::with_template(
                    "{elapsed_precise} [{bar:30}] {pos}/{len} scenarios {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            // Log lines go through the bars from now on (see cli_log).
            log::attach_bars(&multi);
            Bars::Terminal {
                multi,
                total,
                running: Mutex::new(vec![None; n]),
                lines,
            }
        } else if lines {
            Bars::Lines {
                total: Mutex::new(n),
                done: Mutex::new(0),
            }
        } else {
            Bars::Quiet
        }
    }

    /// Clear the bars; log lines go straight to stderr again.
    fn finish(&self) {
        if let Bars::Terminal { total, .. } = self {
            total.finish_and_clear();
            log::detach_bars();
        }
    }
}

fn summary(f: &Finished) -> String {
    match &f.outcome {
        Outcome::Planned(p) => {
            let s = &p.solver;
            let obj = s.objective.map_or("—".into(), report::num);
            let gap = s
                .gap
                .map_or(String::new(), |g| format!(", gap {:.4} %", g * 100.0));
            format!("{} {obj}{gap} ({:.1} s)", s.status.as_str(), f.seconds)
        }
        Outcome::Failed(e) => format!("FAILED: {}", e.lines().next().unwrap_or("")),
    }
}

/// `run`'s progress line as an event (JSON mode): the scenario, its status and numbers.
fn finished_event(done: usize, total: usize, f: &Finished) {
    match &f.outcome {
        Outcome::Planned(p) => tracing::info!(
            target: "rotaplan::run",
            scenario = %f.name,
            status = p.solver.status.as_str(),
            objective = p.solver.objective,
            gap = p.solver.gap,
            seconds = f.seconds,
            done,
            total,
            "scenario finished"
        ),
        Outcome::Failed(e) => tracing::warn!(
            target: "rotaplan::run",
            scenario = %f.name,
            status = "failed",
            error = %e,
            seconds = f.seconds,
            done,
            total,
            "scenario finished"
        ),
    }
}

impl Progress for Bars {
    fn total(&self, jobs: usize) {
        match self {
            Bars::Terminal { total, running, .. } => {
                total.set_length(jobs as u64);
                if let Ok(mut r) = running.lock() {
                    r.resize(jobs, None);
                }
            }
            Bars::Lines { total, .. } => {
                if let Ok(mut t) = total.lock() {
                    *t = jobs;
                }
            }
            Bars::Quiet => {}
        }
    }

    fn started(&self, i: usize, name: &str) {
        if let Bars::Terminal { multi, running, .. } = self {
            let bar = multi.add(ProgressBar::new_spinner());
            bar.set_style(
                ProgressStyle::with_template("  {spinner} {elapsed:>4} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_message(format!("{name}: solving"));
            bar.enable_steady_tick(Duration::from_millis(120));
            if let Ok(mut r) = running.lock() {
                r[i] = Some(bar);
            }
        }
    }

    fn finished(&self, i: usize, f: &Finished) {
        match self {
            Bars::Quiet => {}
            Bars::Lines { total, done } => {
                let n = done.lock().map(|mut d| {
                    *d += 1;
                    *d
                });
                let (n, total) = (n.unwrap_or(0), total.lock().map_or(0, |t| *t));
                if log::format() == log::LogFormat::Json {
                    finished_event(n, total, f);
                } else {
                    eprintln!("[{n}/{total}] {}: {}", f.name, summary(f));
                }
            }
            Bars::Terminal {
                multi,
                total,
                running,
                lines,
            } => {
                if let Some(bar) = running.lock().ok().and_then(|mut r| r[i].take()) {
                    bar.finish_and_clear();
                    multi.remove(&bar);
                }
                if *lines {
                    let _ = multi.println(format!("  {}: {}", f.name, summary(f)));
                }
                total.inc(1);
            }
        }
    }
}

pub fn run(files: &[PathBuf], jobs: Option<usize>, out: Option<PathBuf>, quiet: bool) -> i32 {
    let mut work = batch::jobs(files);
    let out = out.unwrap_or_else(|| PathBuf::from("rotaplan-out/run"));
    // `baseline: previous`: the plans this folder holds from the last run.
    batch::use_previous_plans(&mut work, Some(&out));
    let threads =
        jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let bars = Bars::new(work.len(), quiet, true);
    let results = batch::run(&work, threads, &bars);
    bars.finish();
    if let Err(e) = batch::write(&out, &results) {
        fail!("error: cannot write the run to {}: {e}", out.display());
        return 1;
    }
    let failed = batch::failures(&results);
    say(&report::comparison_text(
        &batch::comparison(&results),
        &failed,
    ));
    let bad = results.iter().filter(|f| !f.ok()).count();
    say(&format!(
        "\n{} scenario(s): {} planned, {} failed or infeasible; written: {}\n",
        results.len(),
        results.len() - bad,
        bad,
        out.display()
    ));
    for (name, e) in &failed {
        if log::format() == log::LogFormat::Json {
            tracing::error!(target: "rotaplan::run", scenario = %name, error = %e, "scenario failed");
        } else {
            eprintln!("{name}:\n{e}");
        }
    }
    if bad == 0 { 0 } else { 1 }
}

/// plan.json files: the paths given, or every plan.json under a folder (sorted).
fn plan_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found);
            if found.is_empty() {
                return Err(format!("{}: no plan.json inside", p.display()));
            }
            found.sort();
            out.extend(found);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(format!("{}: no such file or folder", p.display()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, found);
        } else if p.file_name().is_some_and(|n| n == "plan.json") {
            found.push(p);
        }
    }
}

fn read_summary(path: &Path) -> Result<PlanSummary, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    PlanSummary::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A plan's name in a comparison: its folder path relative to the common root, or its file.
fn label(path: &Path) -> String {
    let dir = path
        .parent()
        .filter(|_| path.file_name().is_some_and(|n| n == "plan.json"));
    dir.unwrap_or(path).display().to_string()
}

pub fn compare(paths: &[PathBuf], format: CompareFormat) -> i32 {
    let files = match plan_files(paths) {
        Ok(f) => f,
        Err(e) => {
            fail!("error: {e}");
            return 1;
        }
    };
    let mut plans = Vec::new();
    for f in &files {
        match read_summary(f) {
            Ok(s) => plans.push((label(f), s)),
            Err(e) => {
                fail!("error: {e}");
                return 1;
            }
        }
    }
    let cmp = compare::compare(&plans);
    say(&match format {
        CompareFormat::Table => report::comparison_text(&cmp, &[]),
        CompareFormat::Markdown => report::comparison_markdown(&cmp, &[]),
        CompareFormat::Csv => report::comparison_csv(&cmp),
        CompareFormat::Json => report::comparison_json(&cmp),
    });
    0
}

pub fn diff(a: &Path, b: &Path) -> i32 {
    let one = |p: &Path| -> Result<PlanSummary, String> {
        let files = plan_files(&[p.to_path_buf()])?;
        match files.as_slice() {
            [f] => read_summary(f),
            _ => Err(format!(
                "{}: holds {} plan.json files; name one",
                p.display(),
                files.len()
            )),
        }
    };
    match (one(a), one(b)) {
        (Ok(x), Ok(y)) => {
            say(&report::diff_text(
                &compare::diff(&x, &y),
                &a.display().to_string(),
                &b.display().to_string(),
            ));
            0
        }
        (Err(e), _) | (_, Err(e)) => {
            fail!("error: {e}");
            1
        }
    }
}

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BatchArgs {
    #[command(subcommand)]
    command: Option<BatchCommand>,
    /// Scenario files, folders searched for *.yaml, or list files (one path per line).
    inputs: Vec<PathBuf>,
    /// Where the dated run folders go.
    #[arg(long, default_value = "rotaplan-out/batch")]
    out: PathBuf,
    /// Finish the newest unfinished run: skip scenarios whose inputs are unchanged and whose
    /// outputs are complete.
    #[arg(long)]
    resume: bool,
    /// Run only the I-th of N deterministic slices (for array jobs), e.g. 2/4.
    #[arg(long)]
    shard: Option<String>,
    /// Scenarios solved at once [default: the cores]
    #[arg(long)]
    jobs: Option<usize>,
    /// Time for the whole batch, shared among the scenarios (e.g. 2h, 90m, 1h30m).
    #[arg(long, conflicts_with = "deadline")]
    budget: Option<String>,
    /// Finish by this local time (HH:MM), sharing the time left among the scenarios.
    #[arg(long)]
    deadline: Option<String>,
}

#[derive(clap::Subcommand)]
enum BatchCommand {
    /// Join the run folders of shards into one run.
    Merge {
        #[arg(required = true)]
        shards: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
    },
}

static STOP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn batch(a: BatchArgs, quiet: bool) -> i32 {
    use rotaplan::nightly;
    if let Some(BatchCommand::Merge { shards, out }) = a.command {
        return match nightly::merge(&shards, &out) {
            Ok(m) => {
                say(&format!(
                    "{}\nmerged into {}\n",
                    m.one_line(),
                    out.display()
                ));
                if m.all_ok() { 0 } else { 1 }
            }
            Err(e) => {
                fail!("error: {e}");
                1
            }
        };
    }
    if a.inputs.is_empty() {
        fail!("error: name the scenario files, folders or lists to run");
        return 1;
    }
    let shard = match a.shard.as_deref().map(nightly::parse_shard).transpose() {
        Ok(s) => s,
        Err(e) => {
            fail!("error: {e}");
            return 1;
        }
    };
    let seconds = match (&a.budget, &a.deadline) {
        (Some(b), _) => nightly::parse_budget(b).map(Some),
        (None, Some(d)) => nightly::parse_deadline(d, chrono::Local::now().naive_local()).map(Some),
        (None, None) => Ok(None),
    };
    let deadline = match seconds {
        Ok(s) => s.map(|s| std::time::Instant::now() + Duration::from_secs_f64(s)),
        Err(e) => {
            fail!("error: {e}");
            return 1;
        }
    };
    let _ = ctrlc::set_handler(|| {
        STOP.store(true, std::sync::atomic::Ordering::SeqCst);
        log::say_err(
            tracing::Level::WARN,
            "\ninterrupted: finishing the running scenarios, starting no new one (Ctrl-C again is ignored)",
        );
    });
    let files = nightly::discover(&a.inputs);
    let threads = a
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let opts = nightly::Options {
        out: a.out,
        resume: a.resume,
        shard,
        jobs: threads,
        deadline,
    };
    // The number of scenarios is known once the files are loaded (Progress::total).
    let bars = Bars::new(0, quiet, false);
    let result = nightly::batch(&files, &opts, &bars, &STOP);
    bars.finish();
    match result {
        Ok((m, dir)) => {
            let reused = m.scenarios.iter().filter(|e| e.reused).count();
            let reused = if reused > 0 {
                format!(", {reused} reused (inputs unchanged, outputs complete)")
            } else {
                String::new()
            };
            say(&format!(
                "{}{reused}\nrun folder: {}\n",
                m.one_line(),
                dir.display()
            ));
            if m.status != "complete" {
                log::say_err(
                    tracing::Level::WARN,
                    "the run was interrupted; `rotaplan batch --resume` with the same arguments finishes it",
                );
            }
            if m.all_ok() { 0 } else { 1 }
        }
        Err(e) => {
            fail!("error: cannot write the run: {e}");
            1
        }
    }
}
