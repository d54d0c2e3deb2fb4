//! `run`, `compare` and `diff`: the what-if commands, and the progress bars of a run.

use super::{CompareFormat, say};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rotaplan::batch::{self, Finished, Outcome, Progress};
use rotaplan::compare::{self, PlanSummary};
use rotaplan::report;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// One bar per running scenario and a total on a terminal; plain lines otherwise; nothing if quiet.
enum Bars {
    Quiet,
    Lines {
        total: usize,
        done: Mutex<usize>,
    },
    Terminal {
        multi: MultiProgress,
        total: ProgressBar,
        running: Mutex<Vec<Option<ProgressBar>>>,
    },
}

impl Bars {
    fn new(n: usize, quiet: bool) -> Bars {
        if quiet {
            Bars::Quiet
        } else if std::io::stderr().is_terminal() {
            let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
            let total = multi.add(ProgressBar::new(n as u64));
            total.set_style(
                ProgressStyle::with_template(
                    "{elapsed_precise} [{bar:30}] {pos}/{len} scenarios {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            Bars::Terminal {
                multi,
                total,
                running: Mutex::new(vec![None; n]),
            }
        } else {
            Bars::Lines {
                total: n,
                done: Mutex::new(0),
            }
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

impl Progress for Bars {
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
                eprintln!("[{}/{}] {}: {}", n.unwrap_or(0), total, f.name, summary(f));
            }
            Bars::Terminal {
                multi,
                total,
                running,
            } => {
                if let Some(bar) = running.lock().ok().and_then(|mut r| r[i].take()) {
                    bar.finish_and_clear();
                    multi.remove(&bar);
                }
                let _ = multi.println(format!("  {}: {}", f.name, summary(f)));
                total.inc(1);
            }
        }
    }
}

pub fn run(files: &[PathBuf], jobs: Option<usize>, out: Option<PathBuf>, quiet: bool) -> i32 {
    let work = batch::jobs(files);
    let threads =
        jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let bars = Bars::new(work.len(), quiet);
    let results = batch::run(&work, threads, &bars);
    if let Bars::Terminal { total, .. } = &bars {
        total.finish_and_clear();
    }
    let out = out.unwrap_or_else(|| PathBuf::from("rotaplan-out/run"));
    if let Err(e) = batch::write(&out, &results) {
        eprintln!("error: cannot write the run to {}: {e}", out.display());
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
        eprintln!("{name}:\n{e}");
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
            eprintln!("error: {e}");
            return 1;
        }
    };
    let mut plans = Vec::new();
    for f in &files {
        match read_summary(f) {
            Ok(s) => plans.push((label(f), s)),
            Err(e) => {
                eprintln!("error: {e}");
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
            eprintln!("error: {e}");
            1
        }
    }
}
