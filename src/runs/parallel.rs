//! Many scenarios at once: every variant of every file, solved in parallel with rayon (each HiGHS
//! solve single-threaded, so N jobs use N cores), results in input order whatever the thread
//! count, one failure never stopping the others. Progress goes through [`Progress`]; this module
//! prints nothing.

use crate::compare::{self, Comparison, PlanSummary};
use crate::domain::{Lang, LangChoice, Scenario};
use crate::output::write_set;
use crate::plan::Plan;
use crate::report;
use crate::rules::{Candidates, RuleContext, candidates};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// One scenario to solve: a variant of a file.
pub struct Job {
    pub file: PathBuf,
    /// The file's name in the run, unique among the run's files (see [`labels`]).
    pub label: String,
    pub variant: String,
    pub scenario: Result<Scenario, JobError>,
}

impl Job {
    /// `label/variant`: the job's name in tables and its output folder. A separator inside the
    /// variant's name becomes `_` (its folder is one level below the file's, never deeper).
    pub fn name(&self) -> String {
        format!("{}/{}", self.label, self.variant.replace(['/', '\\'], "_"))
    }
}

/// The files' names in a run, unique by construction: the file stem (`province`) when no other
/// file of the run has that stem; for files sharing a stem (`a/scenario.yaml`, `b/scenario.yaml`),
/// the path relative to their common folder without the extension (`a/scenario`, `b/scenario`);
/// and a file named twice, or any name still taken, gets `-2`, `-3`, … in argument order.
pub fn labels(files: &[PathBuf]) -> Vec<String> {
    let stem = |f: &PathBuf| {
        f.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "scenario".into())
    };
    // `absolute` keeps `..`: cleaned here, or "../2026/x.yaml" gave a label leading out of the
    // run's folder.
    let abs = |f: &PathBuf| crate::output::lexical_absolute(f);
    let stems: Vec<String> = files.iter().map(stem).collect();
    let mut out = stems.clone();
    for (i, s) in stems.iter().enumerate() {
        let same: Vec<PathBuf> = files
            .iter()
            .zip(&stems)
            .filter(|(_, t)| *t == s)
            .map(|(f, _)| abs(f))
            .collect();
        let distinct: std::collections::BTreeSet<&PathBuf> = same.iter().collect();
        if distinct.len() < 2 {
            continue;
        }
        // The common folder of the files sharing this stem.
        let mut common = same[0].parent().map(Path::to_path_buf).unwrap_or_default();
        for f in &same[1..] {
            while !f.starts_with(&common) {
                if !common.pop() {
                    break;
                }
            }
        }
        let me = abs(&files[i]);
        let rel = me.strip_prefix(&common).unwrap_or(&me).with_extension("");
        out[i] = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
    }
    let mut taken = std::collections::BTreeSet::new();
    for l in &mut out {
        if !taken.insert(l.clone()) {
            let fresh = (2..)
                .map(|n| format!("{l}-{n}"))
                .find(|c| !taken.contains(c))
                .unwrap_or_default();
            taken.insert(fresh.clone());
            *l = fresh;
        }
    }
    out
}

pub use super::manifest::JobError;

#[derive(Debug, Clone)]
pub enum Outcome {
    Planned(Box<Plan>),
    /// A scenario with `programme:`: its programme, passed by the checker.
    Programmed(Box<crate::programme::plan::ProgrammePlan>),
    /// No plan: the input could not be loaded, the plan failed the checker, or the job never ran.
    Failed(JobError),
}

/// What a job's solve gave, plan or programme alike: its status and figures.
#[derive(Debug, Clone, Copy)]
pub struct Solved {
    pub status: crate::solve::SolveStatus,
    pub objective: Option<f64>,
    pub bound: Option<f64>,
    pub gap: Option<f64>,
}

impl Outcome {
    /// The solve's figures, `None` for a failed job.
    pub fn solved(&self) -> Option<Solved> {
        match self {
            Outcome::Planned(p) => Some(Solved {
                status: p.solver.status,
                objective: p.solver.objective,
                bound: p.solver.bound,
                gap: p.solver.gap,
            }),
            Outcome::Programmed(p) => Some(Solved {
                status: p.status,
                objective: p.objective.map(|o| o.total),
                bound: p.bound,
                gap: p.gap,
            }),
            Outcome::Failed(_) => None,
        }
    }
}

pub struct Finished {
    pub name: String,
    /// The fingerprint of the scenario's objective weights ([`compare::weights_key`]), when it loaded.
    pub weights: Option<String>,
    pub outcome: Outcome,
    pub seconds: f64,
}

impl Finished {
    /// A plan exists and the solver did not report infeasibility.
    pub fn ok(&self) -> bool {
        self.outcome.solved().is_some_and(|s| s.status.has_plan())
    }
}

/// What a caller (the CLI's progress bars) hears of a run.
pub trait Progress: Sync {
    /// How many jobs will run (called before the first starts, when the caller did not know).
    fn total(&self, _jobs: usize) {}
    fn started(&self, index: usize, name: &str);
    fn finished(&self, index: usize, f: &Finished);
}

/// Load every variant of every file as jobs, in file order then variant order. A file that cannot
/// be read at all becomes one failed job, so the rest still run.
pub fn jobs(files: &[PathBuf]) -> Vec<Job> {
    let mut out: Vec<Job> = Vec::new();
    for (f, label) in files.iter().zip(labels(files)) {
        match crate::scenario::load_each(f) {
            Ok(vs) => out.extend(vs.into_iter().map(|(variant, r)| Job {
                file: f.clone(),
                label: label.clone(),
                variant,
                scenario: r.map_err(JobError::from),
            })),
            Err(e) => out.push(Job {
                file: f.clone(),
                label,
                variant: "base".into(),
                scenario: Err(JobError::from(e)),
            }),
        }
    }
    // Two names that give one folder ("a b" and "a_b"): the later job would overwrite the
    // earlier's files, so it fails, naming the other.
    let mut folders: std::collections::BTreeMap<String, String> = Default::default();
    for j in &mut out {
        let name = j.name();
        match folders.entry(folder(&name)) {
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(name);
            }
            std::collections::btree_map::Entry::Occupied(o) => {
                j.scenario = Err(JobError::SameFolder {
                    other: o.get().clone(),
                    folder: o.key().clone(),
                });
            }
        }
    }
    out
}

/// What may stop or shorten a run: a stop flag (SIGINT) checked before each job starts, and a
/// deadline shared among the jobs not yet started.
#[derive(Default)]
pub struct Control<'a> {
    pub stop: Option<&'a AtomicBool>,
    pub deadline: Option<Instant>,
}

/// Solve every job on a pool of `threads` threads. Results come back in job order.
pub fn run(jobs: &[Job], threads: usize, progress: &dyn Progress) -> Vec<Finished> {
    run_with(jobs, threads, progress, &Control::default())
}

/// [`run`] under a [`Control`]: jobs not started when the stop flag is set are reported as
/// [`NOT_STARTED`]; with a deadline, each job's time limit is at most its share of the time left
/// (time left × threads ÷ jobs left, at least one second).
pub fn run_with(
    jobs: &[Job],
    threads: usize,
    progress: &dyn Progress,
    control: &Control,
) -> Vec<Finished> {
    let threads = threads.max(1);
    tracing::debug!(
        jobs = jobs.len(),
        threads,
        // Seconds to the deadline (absent without one).
        deadline_s = control
            .deadline
            .map(|d| d.saturating_duration_since(Instant::now()).as_secs_f64()),
        "scheduling jobs"
    );
    let left = AtomicUsize::new(jobs.len());
    let shared = Mutex::new(Vec::new());
    let solve = || {
        jobs.par_iter()
            .enumerate()
            .map(|(i, job)| {
                let name = job.name();
                let t = Instant::now();
                if control.stop.is_some_and(|s| s.load(Ordering::SeqCst)) {
                    left.fetch_sub(1, Ordering::SeqCst);
                    tracing::debug!(job = %name, "job not started: the run was stopped");
                    let f = Finished {
                        name,
                        weights: None,
                        outcome: Outcome::Failed(JobError::NotStarted),
                        seconds: 0.0,
                    };
                    progress.finished(i, &f);
                    return f;
                }
                progress.started(i, &name);
                let jobs_left = left.fetch_sub(1, Ordering::SeqCst).max(1);
                let outcome = match &job.scenario {
                    Err(e) => {
                        tracing::debug!(job = %name, index = i, "job failed to load");
                        Outcome::Failed(e.clone())
                    }
                    Ok(sc) => {
                        let mut sc = sc.clone();
                        let mut share_s = None;
                        if let Some(d) = control.deadline {
                            let share = d.saturating_duration_since(Instant::now()).as_secs_f64()
                                * threads as f64
                                / jobs_left as f64;
                            share_s = Some(share);
                            sc.solver.time_limit_s = sc.solver.time_limit_s.min(share.max(1.0));
                        }
                        tracing::debug!(
                            job = %name,
                            index = i,
                            jobs_left,
                            // The job's share of the time left (absent without a deadline).
                            budget_share_s = share_s,
                            time_limit_s = sc.solver.time_limit_s,
                            "job started"
                        );
                        // A programme shares nothing with the single plans of the run.
                        let programme = sc
                            .programme
                            .is_some()
                            .then(|| crate::plan_programme(&sc))
                            .flatten();
                        if let Some(done) = programme {
                            if done.violations.is_empty() {
                                Outcome::Programmed(Box::new(done.plan))
                            } else {
                                Outcome::Failed(JobError::Checker(done.violations))
                            }
                        } else {
                            let planned = plan_shared(&sc, &shared);
                            if planned.violations.is_empty() {
                                Outcome::Planned(Box::new(planned.plan))
                            } else {
                                Outcome::Failed(JobError::Checker(planned.violations))
                            }
                        }
                    }
                };
                let f = Finished {
                    name,
                    weights: job
                        .scenario
                        .as_ref()
                        .ok()
                        .map(|sc| compare::weights_key(&sc.weights)),
                    outcome,
                    seconds: t.elapsed().as_secs_f64(),
                };
                tracing::debug!(job = %f.name, index = i, ok = f.ok(), seconds = crate::report::seconds_ms(f.seconds), "job finished");
                progress.finished(i, &f);
                f
            })
            .collect()
    };
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(solve),
        Err(_) => solve(),
    }
}

/// `baseline: previous`: every job whose scenario asks for it takes as its baseline its own plan in
/// `previous` (a folder laid out by [`write_job`]: the batch's previous run, or `run`'s output
/// folder before it is overwritten). Returns, per job, the plan file used. A job with no plan there
/// is planned without a baseline; a plan that cannot be read fails the job, naming the file.
pub fn use_previous_plans(jobs: &mut [Job], previous: Option<&Path>) -> Vec<Option<PathBuf>> {
    jobs.iter_mut()
        .map(|job| {
            let name = job.name();
            let sc = job.scenario.as_mut().ok().filter(|s| s.baseline_previous)?;
            let Some(file) = previous
                .map(|d| job_dir(d, &name).join("plan.csv"))
                .filter(|f| f.is_file())
            else {
                tracing::info!(scenario = %name, "baseline: previous: no previous plan, planned without a baseline");
                return None;
            };
            match crate::scenario::use_previous_plan(sc, &file) {
                Ok(p) => {
                    tracing::info!(
                        scenario = %name,
                        file = %file.display(),
                        pairs = p.pairs,
                        // Rows whose cadre or post is no longer in the tables.
                        dropped = p.dropped,
                        "baseline: previous plan"
                    );
                    Some(file)
                }
                Err(e) => {
                    job.scenario = Err(JobError::PreviousPlan {
                        file: file.clone(),
                        error: e,
                    });
                    Some(file)
                }
            }
        })
        .collect()
}

/// Candidates computed in this run, by `candidates::eligibility_key`.
type SharedCandidates = Mutex<Vec<(String, Arc<Candidates>)>>;

/// Plan a scenario, re-scoring the candidates of an earlier variant with the same tables, rules,
/// plan date and forbids instead of generating them again.
fn plan_shared(sc: &Scenario, shared: &SharedCandidates) -> crate::Planned {
    let ctx = RuleContext::new(sc);
    let key = candidates::eligibility_key(sc);
    let known = shared
        .lock()
        .ok()
        .and_then(|s| s.iter().find(|(k, _)| *k == key).map(|(_, c)| c.clone()));
    let cands = match known {
        Some(c) => {
            tracing::debug!(
                scenario = %sc.name,
                "candidates re-scored from an earlier variant with the same tables and rules"
            );
            candidates::rescore(&ctx, &c)
        }
        None => {
            let c = candidates::generate(&ctx);
            if let Ok(mut s) = shared.lock() {
                s.push((key, Arc::new(c.clone())));
            }
            c
        }
    };
    crate::plan_candidates(&ctx, &cands, &crate::explain::Budget::NONE)
}

/// The comparison of a run's plans (failed jobs are left out of the table).
pub fn comparison(results: &[Finished]) -> Comparison {
    let plans: Vec<(String, PlanSummary)> = results
        .iter()
        .filter_map(|f| match &f.outcome {
            Outcome::Planned(p) => Some((
                f.name.clone(),
                PlanSummary {
                    weights: f.weights.clone(),
                    ..PlanSummary::of(p)
                },
            )),
            Outcome::Programmed(_) | Outcome::Failed(_) => None,
        })
        .collect();
    compare::compare(&plans)
}

/// (name, error in `lang`) of the jobs that failed, in job order.
pub fn failures(results: &[Finished], lang: Lang) -> Vec<(String, String)> {
    results
        .iter()
        .filter_map(|f| match &f.outcome {
            Outcome::Failed(e) => Some((f.name.clone(), report::job_error_text(lang, e))),
            Outcome::Planned(_) | Outcome::Programmed(_) => None,
        })
        .collect()
}

use crate::domain::text::folder_name as folder;

/// The folder of a job's outputs inside a run folder.
pub fn job_dir(out: &Path, name: &str) -> PathBuf {
    out.join(folder(name))
}

/// One job's output files (the files of `rotaplan plan`, [`report::plan_files`], without timings;
/// or `error.txt`), as (path relative to the job's folder, bytes), in the language `langs` gives
/// the job's scenario.
pub fn job_files(job: &Job, f: &Finished, langs: LangChoice) -> Vec<(String, Vec<u8>)> {
    // The scenario's language when it loaded, else the one asked for (or the locale's).
    let lang = match &job.scenario {
        Ok(sc) => langs.of(sc),
        Err(_) => langs.asked.unwrap_or(langs.fallback),
    };
    let error = |e: String| vec![("error.txt".to_string(), format!("{e}\n").into_bytes())];
    match (&f.outcome, &job.scenario) {
        (Outcome::Planned(plan), Ok(sc)) => {
            let o = report::PlanFiles {
                lang,
                labels: None,
                timings: false,
            };
            report::plan_files(sc, plan, o).unwrap_or_else(|e| {
                tracing::warn!(job = %f.name, error = %e, "plan.xlsx not written");
                error(report::plan_xlsx_error(lang, &e))
            })
        }
        (Outcome::Programmed(p), Ok(sc)) => report::programme::programme_files(sc, p, lang, false),
        (Outcome::Failed(e), _) => error(report::job_error_text(lang, e)),
        // A plan exists only for a scenario that loaded.
        (Outcome::Planned(_) | Outcome::Programmed(_), Err(e)) => {
            error(report::job_error_text(lang, e))
        }
    }
}

/// Write one job's outputs as one set (all or nothing, see [`write_set`]).
pub fn write_job(
    out: &Path,
    job: &Job,
    f: &Finished,
    langs: LangChoice,
) -> std::io::Result<Vec<PathBuf>> {
    let dir = job_dir(out, &f.name);
    let files = job_files(job, f, langs);
    write_set(&dir, &files)?;
    Ok(files.into_iter().map(|(n, _)| dir.join(n)).collect())
}

/// Write a run: per job its plan files (without timings, so that reruns are byte-identical) or
/// its error, then the comparison in four formats and `timings.csv`. The folder is written as one
/// set and swapped in whole ([`write_set`]): after a kill or a full disk it holds the previous run
/// or this one, never a mix.
pub fn write(
    out: &Path,
    jobs: &[Job],
    results: &[Finished],
    langs: LangChoice,
) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (job, f) in jobs.iter().zip(results) {
        let rel = folder(&f.name);
        files.extend(
            job_files(job, f, langs)
                .into_iter()
                .map(|(n, b)| (format!("{rel}/{n}"), b)),
        );
    }
    let mut written = Vec::new();
    write_comparison_files(results, &mut files, langs.asked.unwrap_or(langs.fallback));
    write_set(out, &files)?;
    written.extend(files.into_iter().map(|(n, _)| out.join(n)));
    Ok(written)
}

/// `timings.csv` and the comparison in four formats, appended to `files`; the text and Markdown
/// (tables and failure lines) in `lang`, CSV and JSON with their ids.
fn write_comparison_files(results: &[Finished], files: &mut Vec<(String, Vec<u8>)>, lang: Lang) {
    let mut put = |n: &str, text: String| files.push((n.to_string(), text.into_bytes()));
    let mut timings = String::from("scenario,status,seconds\n");
    for f in results {
        let status = f.outcome.solved().map_or("failed", |s| s.status.as_str());
        timings += &format!("{},{},{:.3}\n", f.name, status, f.seconds);
    }
    put("timings.csv", timings);
    let cmp = comparison(results);
    let failed = failures(results, lang);
    put(
        "comparison.txt",
        report::comparison_text_in(&cmp, &failed, lang),
    );
    put(
        "comparison.md",
        report::comparison_markdown_in(&cmp, &failed, lang),
    );
    put("comparison.csv", report::comparison_csv(&cmp));
    put("comparison.json", report::comparison_json(&cmp));
    let date = results
        .iter()
        .filter_map(|f| match &f.outcome {
            Outcome::Planned(p) => Some(p.plan_date),
            Outcome::Programmed(_) | Outcome::Failed(_) => None,
        })
        .min()
        .unwrap_or_default();
    match report::comparison_xlsx(&cmp, date, lang) {
        Ok(b) => files.push(("comparison.xlsx".into(), b)),
        Err(e) => tracing::warn!(error = %e, "comparison.xlsx not written"),
    }
}
