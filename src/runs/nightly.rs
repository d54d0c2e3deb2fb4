//! Nightly batch planning that never loses work: every scenario found under the given folders or
//! lists is solved into a dated run folder; each finished scenario leaves a `done.json` (written
//! last, atomically) with the hashes of its input files, so that `--resume` after any crash skips
//! what is complete and unchanged; `manifest.json` is written last of all. `--shard I/N` takes a
//! deterministic slice of the scenarios; [`merge`] joins the shards' manifests.

use super::manifest::{Entry, InputFile, Manifest, ManifestStatus, RunStatus, ShardOf};
use super::parallel::{self as batch, Finished, Job, JobError, Outcome, Progress};
use crate::domain::{Lang, LangChoice};
use crate::output::{clean_leftovers, sha256_hex, write_atomic, write_set};
use crate::report::{
    self,
    catalogue::{Msg, fill, t},
};
use crate::solve::SolveStatus;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

pub struct Options {
    pub out: PathBuf,
    pub resume: bool,
    /// (I, N), 1-based I.
    pub shard: Option<(usize, usize)>,
    pub jobs: usize,
    pub deadline: Option<Instant>,
    /// The language of each scenario's outputs.
    pub langs: crate::domain::LangChoice,
}

pub use super::manifest::DiscoverError;

/// The largest list file read (one path a line).
const MAX_LIST_BYTES: u64 = 16 << 20;

/// Scenario files named by the arguments: a `.yaml`/`.yml` file, a folder (searched recursively
/// for them, each folder once: a link to itself or to a parent made the walk repeat one
/// scenario 41 times, or never end), or a list file (one path per line, `#` comments, relative
/// to the list's folder).
pub fn discover(args: &[PathBuf]) -> Result<Vec<PathBuf>, DiscoverError> {
    let mut out = Vec::new();
    for a in args {
        if a.is_dir() {
            out.extend(crate::output::files_under(a, is_yaml));
        } else if is_yaml(a) || !a.exists() {
            out.push(a.clone());
        } else {
            let unreadable = |error: String| DiscoverError::ListUnreadable {
                path: a.clone(),
                error,
            };
            let meta = std::fs::metadata(a).map_err(|e| unreadable(e.to_string()))?;
            if !meta.is_file() {
                return Err(DiscoverError::NotAFile(a.clone()));
            }
            if meta.len() > MAX_LIST_BYTES {
                return Err(DiscoverError::ListTooLarge {
                    path: a.clone(),
                    bytes: meta.len(),
                });
            }
            let text = std::fs::read_to_string(a).map_err(|e| unreadable(e.to_string()))?;
            let dir = a.parent().unwrap_or(Path::new(""));
            for (i, l) in text.lines().enumerate() {
                // A list saved by Notepad starts with a byte-order mark.
                let l = l.trim_start_matches('\u{feff}').trim();
                if l.is_empty() || l.starts_with('#') {
                    continue;
                }
                let p = dir.join(l);
                // Each line a scenario file or a folder of them: any other line is no list's.
                if !is_yaml(&p) && !p.is_dir() {
                    return Err(DiscoverError::NotAList {
                        path: a.clone(),
                        line: i + 1,
                        text: l.chars().take(80).collect(),
                    });
                }
                if p.is_dir() {
                    out.extend(crate::output::files_under(&p, is_yaml));
                } else {
                    out.push(p);
                }
            }
        }
    }
    if out.is_empty() {
        return Err(DiscoverError::NoScenario);
    }
    Ok(out)
}

fn is_yaml(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "yaml" || e == "yml")
}

/// The input files of a scenario file with their hashes (a file that cannot be read hashes as
/// "unreadable": its scenario fails and is retried on resume).
fn inputs(file: &Path) -> Vec<InputFile> {
    let files = crate::scenario::input_files(file).unwrap_or_else(|_| vec![file.to_path_buf()]);
    files.iter().map(|p| input_file(p)).collect()
}

/// The hash recorded for an input file that changed while the batch read it: matches no file.
const CHANGED_WHILE_READ: &str = "changed while read";

/// Marks the files of `after` whose hash differs from `before` (hashed before the scenario was
/// loaded) as [`CHANGED_WHILE_READ`]; their paths.
fn mark_changed(before: &[InputFile], after: &mut [InputFile]) -> Vec<String> {
    let mut changed = Vec::new();
    for f in after.iter_mut() {
        if !before.contains(f) {
            changed.push(f.path.clone());
            f.sha256 = CHANGED_WHILE_READ.to_string();
        }
    }
    changed
}

fn input_file(p: &Path) -> InputFile {
    InputFile {
        path: p.display().to_string(),
        sha256: std::fs::read(p).map_or_else(|_| "unreadable".into(), |b| sha256_hex(&b)),
    }
}

/// The hash of what makes a scenario's outputs: rotaplan's version, the variant, the input files
/// and the language of the words (a change of `--lang` or of the locale re-runs the scenario).
///
/// A file is named in the hash by where it is, not how it was spelled: relative to the scenario
/// file's folder (resolved, links followed), or resolved when outside it, so `--resume` with
/// `./s.yaml` for `s.yaml`, an absolute path or the folder moved whole reuses the plans.
fn inputs_hash(variant: &str, scenario: &Path, inputs: &[InputFile], lang: Lang) -> String {
    let mut text = format!(
        "rotaplan {}\nvariant {variant}\n",
        env!("CARGO_PKG_VERSION")
    );
    if lang != Lang::En {
        text += &format!("lang {}\n", lang.as_str());
    }
    // The folder the scenario's tables are read from: the link's own when the file is a link.
    let home = scenario
        .parent()
        .map(|d| {
            if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            }
        })
        .and_then(|d| d.canonicalize().ok());
    let mut named: Vec<(String, &str)> = inputs
        .iter()
        .map(|i| {
            let p = Path::new(&i.path);
            let place = match (p.canonicalize(), &home) {
                (Ok(c), Some(h)) => c
                    .strip_prefix(h)
                    .map_or_else(|_| c.display().to_string(), |r| r.display().to_string()),
                (Ok(c), None) => c.display().to_string(),
                (Err(_), _) => i.path.clone(),
            };
            (place, i.sha256.as_str())
        })
        .collect();
    named.sort();
    for (place, sha) in named {
        text += &format!("{sha} {place}\n");
    }
    sha256_hex(text.as_bytes())
}

/// The run folder: `OUT/<date>`; with `--resume`, the newest run folder without a manifest, else
/// today's newest (`<date>.N` with the largest N: "2026-12-05.10" is after "2026-12-05.9").
pub fn run_dir(out: &Path, resume: bool, today: &str) -> PathBuf {
    let base = out.join(today);
    if resume {
        // Only run folders: a `merged` or `archive` beside them is the user's, not a run.
        let dirs = run_folders(out);
        if let Some((_, d)) = dirs
            .iter()
            .rev()
            .find(|(_, d)| !d.join("manifest.json").exists())
        {
            return d.clone();
        }
        if let Some((_, d)) = dirs.iter().rev().find(|(o, _)| o.0 == today) {
            return d.clone();
        }
    }
    // A run without --resume never writes into a folder of today's that holds anything: a
    // finished run, or one killed midway (its plans are left for --resume, not mixed into this
    // run's folder under a manifest that does not list them).
    let empty = |d: &Path| std::fs::read_dir(d).is_ok_and(|mut r| r.next().is_none());
    if resume || !base.exists() || empty(&base) {
        return base;
    }
    tracing::info!(
        folder = %base.display(),
        "today's run folder is taken (a finished or a killed run; --resume finishes a killed one): this run gets a new folder"
    );
    // A run of today exists: the next one gets a new folder.
    (2..)
        .map(|n| out.join(format!("{today}.{n}")))
        .find(|d| !d.exists())
        .unwrap_or(base)
}

/// The jobs of shard I of N: every N-th job of the sorted list, starting at I − 1.
fn shard(jobs: Vec<Job>, shard: Option<(usize, usize)>) -> Vec<Job> {
    match shard {
        None => jobs,
        Some((i, n)) => jobs
            .into_iter()
            .enumerate()
            .filter(|(k, _)| k % n == i - 1)
            .map(|(_, j)| j)
            .collect(),
    }
}

fn entry(
    job: &Job,
    inputs: Vec<InputFile>,
    hash: String,
    f: &Finished,
    outputs: &[(String, String)],
) -> Entry {
    let settings = job.scenario.as_ref().ok().map(|s| s.solver);
    let (status, objective, bound, gap, error) = match &f.outcome {
        Outcome::Planned(_) | Outcome::Programmed(_) => match f.outcome.solved() {
            Some(s) => (RunStatus::from(s.status), s.objective, s.bound, s.gap, None),
            None => (RunStatus::Failed, None, None, None, None),
        },
        Outcome::Failed(e @ JobError::NotStarted) => {
            (RunStatus::NotStarted, None, None, None, Some(e.to_string()))
        }
        Outcome::Failed(e) => (RunStatus::Failed, None, None, None, Some(e.to_string())),
    };
    Entry {
        name: f.name.clone(),
        file: job.file.display().to_string(),
        variant: job.variant.clone(),
        inputs,
        inputs_hash: hash,
        backend: "highs".into(),
        time_limit_s: settings.map(|s| s.time_limit_s),
        relative_gap: settings.map(|s| s.relative_gap),
        threads: settings.map(|s| s.threads),
        status,
        objective,
        bound,
        gap,
        seconds: f.seconds,
        outputs: outputs.iter().map(|(p, _)| p.clone()).collect(),
        outputs_sha256: outputs.iter().cloned().collect(),
        error,
        weights: f.weights.clone(),
        reused: false,
    }
}

fn json<T: Serialize>(v: &T) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// A finished entry from an earlier run of this folder, if its inputs are unchanged and every
/// output it lists is there with the SHA-256 its `done.json` recorded (the marker is checked,
/// not trusted: a scenario without outputs, or with a file changed or missing, is planned again).
fn reusable(dir: &Path, name: &str, hash: &str) -> Option<Entry> {
    let done = batch::job_dir(dir, name).join("done.json");
    let e: Entry = serde_json::from_str(&std::fs::read_to_string(done).ok()?).ok()?;
    let outputs_intact = !e.outputs.is_empty()
        && e.outputs.iter().all(|o| {
            e.outputs_sha256.get(o).is_some_and(|want| {
                std::fs::read(dir.join(o)).is_ok_and(|b| sha256_hex(&b) == *want)
            })
        });
    if e.inputs_hash == hash && e.status != RunStatus::NotStarted && !outputs_intact {
        tracing::warn!(
            scenario = %name,
            "scenario planned again on resume: its outputs are missing or not those its done.json records"
        );
    }
    let complete = e.inputs_hash == hash && e.status != RunStatus::NotStarted && outputs_intact;
    complete.then_some(Entry { reused: true, ..e })
}

/// Take the lock of the `--out` folder for this process ([`crate::output::lock_dir`]): held by
/// another process, an error of kind `WouldBlock` that names the holder.
pub fn lock_out(out: &Path) -> std::io::Result<File> {
    crate::output::lock_dir(out, crate::output::Holder::Batch)
}

/// Run a batch. Returns the manifest (also written, last) and the run folder.
pub fn batch(
    files: &[PathBuf],
    o: &Options,
    progress: &dyn Progress,
    stop: &AtomicBool,
) -> std::io::Result<(Manifest, PathBuf)> {
    let started = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    // One batch at a time in an --out folder, for the whole run (choosing the run folder too).
    let _lock = lock_out(&o.out)?;
    let dir = run_dir(&o.out, o.resume, &today);
    std::fs::create_dir_all(&dir)?;
    // What killed runs left: half-written temporaries and folders cut in the middle of a swap.
    for p in clean_leftovers(&dir, true) {
        tracing::info!(path = %p.display(), "leftover temporary of a killed run removed");
    }

    // The input files hashed before the scenarios are loaded and again after: a file changed
    // in between was planned from one version and recorded with another, and a resume trusted
    // that stale plan. Such a file is recorded as changed, so a resume plans it again.
    let before: std::collections::HashMap<&Path, Vec<InputFile>> =
        files.iter().map(|f| (f.as_path(), inputs(f))).collect();
    let mut jobs = batch::jobs(files);
    jobs.sort_by_key(|j| j.name());
    let shard_of = o.shard.map(|_| {
        let names: Vec<String> = jobs.iter().map(|j| j.name()).collect();
        ShardOf {
            scenarios: names.len(),
            names_sha256: crate::output::sha256_hex(names.join("\n").as_bytes()),
        }
    });
    let mut jobs = shard(jobs, o.shard);
    // `baseline: previous`: each such scenario's plan in the previous finished run; that plan is
    // an input like the scenario's files (a resume re-plans if it changed).
    let previous = batch::use_previous_plans(&mut jobs, previous_run(&dir).as_deref());
    let hashes: Vec<(Vec<InputFile>, String)> = jobs
        .iter()
        .zip(previous)
        .map(|(j, prev)| {
            let mut i = inputs(&j.file);
            if let Some(b) = before.get(j.file.as_path()) {
                for f in mark_changed(b, &mut i) {
                    tracing::warn!(
                        file = %f,
                        "an input file changed while the batch read it: its plan is made again on resume"
                    );
                }
            }
            i.extend(prev.iter().map(|p| input_file(p)));
            // The language the job's files are written in (batch::job_files).
            let lang = match &j.scenario {
                Ok(sc) => o.langs.of(sc),
                Err(_) => o.langs.asked.unwrap_or(o.langs.fallback),
            };
            let h = inputs_hash(&j.variant, &j.file, &i, lang);
            (i, h)
        })
        .collect();
    let reused: Vec<Option<Entry>> = jobs
        .iter()
        .zip(&hashes)
        .map(|(j, (_, h))| {
            if o.resume {
                reusable(&dir, &j.name(), h)
            } else {
                None
            }
        })
        .collect();

    let todo: Vec<usize> = (0..jobs.len()).filter(|&k| reused[k].is_none()).collect();
    tracing::info!(
        run_dir = %dir.display(),
        scenarios = jobs.len(),
        to_solve = todo.len(),
        reused = jobs.len() - todo.len(),
        shard = o.shard.map(|(i, n)| format!("{i}/{n}")).as_deref(),
        // Seconds for the whole batch (absent without --budget or --deadline).
        budget_s = o
            .deadline
            .map(|d| d.saturating_duration_since(Instant::now()).as_secs_f64()),
        jobs = o.jobs,
        resume = o.resume,
        "batch started"
    );
    for e in reused.iter().flatten() {
        tracing::info!(
            scenario = %e.name,
            status = e.status.as_str(),
            objective = e.objective,
            gap = e.gap,
            seconds = report::seconds_ms(e.seconds),
            reused = true,
            "scenario skipped on resume: inputs unchanged, outputs complete"
        );
    }
    let todo_jobs: Vec<Job> = todo
        .iter()
        .map(|&k| Job {
            file: jobs[k].file.clone(),
            label: jobs[k].label.clone(),
            variant: jobs[k].variant.clone(),
            scenario: jobs[k].scenario.clone(),
        })
        .collect();
    // Each job's outputs and its done.json are written as soon as it finishes (through the
    // progress callback), so a kill loses at most the jobs that were running.
    let writer = Writer {
        dir: &dir,
        jobs: &todo_jobs,
        hashes: todo.iter().map(|&k| hashes[k].clone()).collect(),
        entries: Mutex::new(vec![None; todo_jobs.len()]),
        inner: progress,
        langs: o.langs,
    };
    progress.total(todo_jobs.len());
    let control = batch::Control {
        stop: Some(stop),
        deadline: o.deadline,
    };
    let results = batch::run_with(&todo_jobs, o.jobs, &writer, &control);

    let mut entries: Vec<Entry> = reused.into_iter().flatten().collect();
    let written = writer.entries.into_inner().unwrap_or_default();
    for (k, f) in results.iter().enumerate() {
        entries.push(written.get(k).cloned().flatten().unwrap_or_else(|| {
            let (i, h) = writer.hashes[k].clone();
            entry(&todo_jobs[k], i, h, f, &[])
        }));
    }
    entries.sort_by(|a, b| natural_cmp(&a.name, &b.name));

    let not_started = entries
        .iter()
        .filter(|e| e.status == RunStatus::NotStarted)
        .count();
    let interrupted = not_started > 0;
    if interrupted {
        tracing::warn!(
            run_dir = %dir.display(),
            not_started,
            "batch interrupted: scenarios not started are left for --resume"
        );
    }
    let manifest = Manifest {
        rotaplan_version: env!("CARGO_PKG_VERSION").into(),
        backend: "highs".into(),
        started,
        finished: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        status: if interrupted {
            ManifestStatus::Interrupted
        } else {
            ManifestStatus::Complete
        },
        shard: o.shard.map(|(i, n)| format!("{i}/{n}")),
        shard_of,
        scenarios: entries,
    };
    finish(&dir, &manifest, o.langs)?;
    finished_event(&dir, &manifest);
    Ok((manifest, dir))
}

/// The operator's one line as an event: counts by outcome, the run folder, the manifest.
fn finished_event(dir: &Path, m: &Manifest) {
    let count = |s: &[RunStatus]| m.scenarios.iter().filter(|e| s.contains(&e.status)).count();
    let manifest = if m.status == ManifestStatus::Complete {
        "manifest.json"
    } else {
        "manifest.partial.json"
    };
    tracing::info!(
        run_dir = %dir.display(),
        manifest = %dir.join(manifest).display(),
        status = m.status.as_str(),
        scenarios = m.scenarios.len(),
        proven = m.scenarios.iter().filter(|e| e.status.proven()).count(),
        unproven = m
            .scenarios
            .iter()
            .filter(|e| !e.status.proven() && !e.status.failed())
            .count(),
        failed = count(&[RunStatus::Failed]),
        infeasible = count(&[RunStatus::Solved(SolveStatus::Infeasible)]),
        not_started = count(&[RunStatus::NotStarted]),
        reused = m.scenarios.iter().filter(|e| e.reused).count(),
        all_ok = m.all_ok(),
        "{}",
        crate::report::batch_line(crate::domain::Lang::En, m)
    );
}

/// The run's summary files, then `manifest.json` last.
/// A fixed date for a workbook's properties: the earliest plan date of the run's plans.
fn m_date(plans: &[(String, crate::compare::PlanSummary)]) -> crate::domain::Date {
    plans
        .iter()
        .filter_map(|(_, p)| p.plan_date)
        .min()
        .unwrap_or_default()
}

fn finish(dir: &Path, m: &Manifest, langs: LangChoice) -> std::io::Result<()> {
    // The summaries say "complete" only beside the manifest that makes it so: when a later
    // write fails (a full disk), the ones written here are removed again.
    let written = std::cell::RefCell::new(Vec::new());
    let result = finish_files(dir, m, langs, &written);
    if result.is_err() {
        for p in written.borrow().iter() {
            let _ = std::fs::remove_file(p);
        }
    }
    result
}

fn finish_files(
    dir: &Path,
    m: &Manifest,
    langs: LangChoice,
    written: &std::cell::RefCell<Vec<std::path::PathBuf>>,
) -> std::io::Result<()> {
    let write_atomic = |p: &Path, b: &[u8]| {
        write_atomic(p, b)?;
        written.borrow_mut().push(p.to_path_buf());
        Ok::<(), std::io::Error>(())
    };
    let lang = langs.asked.unwrap_or(langs.fallback);
    let (plans, unread) = read_run_plans(dir, m, lang);
    let md = summary_md_of(dir, m, (&plans, &unread), lang, false);
    write_atomic(&dir.join("summary.md"), md.as_bytes())?;
    let title = format!(
        "rotaplan batch {}",
        dir.file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned())
    );
    write_atomic(
        &dir.join("summary.html"),
        report::html_page_in(
            &title,
            &summary_md_of(dir, m, (&plans, &unread), lang, true),
            &report::charts::batch(&plans, lang),
            lang,
        )
        .as_bytes(),
    )?;
    if !plans.is_empty() {
        let cmp = crate::compare::compare(&plans);
        match crate::report::comparison_xlsx(&cmp, m_date(&plans), lang) {
            Ok(b) => write_atomic(&dir.join("comparison.xlsx"), &b)?,
            Err(e) => tracing::warn!(error = %e, "comparison.xlsx not written"),
        }
    }
    let name = if m.status == ManifestStatus::Complete {
        "manifest.json"
    } else {
        // An interrupted run keeps no manifest, so that `--resume` picks this folder up again.
        "manifest.partial.json"
    };
    write_atomic(&dir.join(name), json(m).as_bytes())?;
    if m.status == ManifestStatus::Complete {
        // The record of an interrupted attempt is superseded.
        let _ = std::fs::remove_file(dir.join("manifest.partial.json"));
    }
    tracing::info!(path = %dir.join(name).display(), scenarios = m.scenarios.len(), "manifest written");
    Ok(())
}

struct Writer<'a> {
    dir: &'a Path,
    jobs: &'a [Job],
    hashes: Vec<(Vec<InputFile>, String)>,
    /// Each finished job's entry, as its done.json says (or failed when its files could not be
    /// written).
    entries: Mutex<Vec<Option<Entry>>>,
    inner: &'a dyn Progress,
    langs: crate::domain::LangChoice,
}

impl Writer<'_> {
    /// A job's outputs and its `done.json` (holding their SHA-256) as one set, swapped in whole:
    /// the marker exists only beside the very files it describes, flushed to disk.
    /// The job's entry, and the write error when its files could not be written (the job then
    /// failed, whatever its plan was).
    fn write(&self, index: usize, f: &Finished) -> (Entry, Option<JobError>) {
        let (i, h) = self.hashes[index].clone();
        let job_dir = batch::job_dir(self.dir, &f.name);
        let rel = job_dir
            .strip_prefix(self.dir)
            .unwrap_or(&job_dir)
            .to_path_buf();
        let mut files = batch::job_files(&self.jobs[index], f, self.langs);
        let outputs: Vec<(String, String)> = files
            .iter()
            .map(|(n, b)| (rel.join(n).display().to_string(), sha256_hex(b)))
            .collect();
        let e = entry(&self.jobs[index], i.clone(), h.clone(), f, &outputs);
        files.push(("done.json".into(), json(&e).into_bytes()));
        match write_set(&job_dir, &files) {
            Ok(()) => (e, None),
            Err(err) => {
                tracing::error!(scenario = %f.name, path = %job_dir.display(), error = %err, "cannot write the scenario's outputs");
                let failed = JobError::Write {
                    dir: job_dir.clone(),
                    error: err.to_string(),
                };
                let e = Entry {
                    status: RunStatus::Failed,
                    outputs: Vec::new(),
                    outputs_sha256: Default::default(),
                    error: Some(failed.to_string()),
                    ..entry(&self.jobs[index], i, h, f, &[])
                };
                (e, Some(failed))
            }
        }
    }
}

impl Progress for Writer<'_> {
    fn started(&self, index: usize, name: &str) {
        tracing::info!(scenario = %name, file = %self.jobs[index].file.display(), "scenario started");
        self.inner.started(index, name);
    }
    fn finished(&self, index: usize, f: &Finished) {
        if matches!(&f.outcome, Outcome::Failed(JobError::NotStarted)) {
            return self.inner.finished(index, f);
        }
        let (e, write_error) = self.write(index, f);
        finished_scenario(&e);
        if let Ok(mut all) = self.entries.lock() {
            all[index] = Some(e);
        }
        match write_error {
            // The terminal counts what the manifest records: a plan whose files could not be
            // written is a failed scenario, not a planned one.
            Some(err) => self.inner.finished(
                index,
                &Finished {
                    name: f.name.clone(),
                    weights: f.weights.clone(),
                    outcome: Outcome::Failed(err),
                    seconds: f.seconds,
                },
            ),
            None => self.inner.finished(index, f),
        }
    }
}

/// A scenario of this run finished: info with its numbers, or warn with the error.
fn finished_scenario(e: &Entry) {
    match &e.error {
        None if e.status == RunStatus::Solved(SolveStatus::Infeasible) => tracing::warn!(
            scenario = %e.name,
            status = e.status.as_str(),
            seconds = report::seconds_ms(e.seconds),
            reused = false,
            "scenario finished"
        ),
        None => tracing::info!(
            scenario = %e.name,
            status = e.status.as_str(),
            objective = e.objective,
            gap = e.gap,
            seconds = report::seconds_ms(e.seconds),
            reused = false,
            "scenario finished"
        ),
        Some(err) => tracing::warn!(
            scenario = %e.name,
            status = e.status.as_str(),
            seconds = report::seconds_ms(e.seconds),
            reused = false,
            error = %one_line(err),
            "scenario finished"
        ),
    }
}

/// A multi-line error (a scenario's diagnostics) on one line, its lines joined by ` | `, so that a
/// text log line stays one line; the full text is in the scenario's `error.txt` and the manifest.
pub fn one_line(err: &str) -> String {
    err.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The plan.json of a scenario's folder: `Ok(None)` when there is none (no plan, or a
/// programme), `Err` with the reason when it cannot be read as a plan.
/// The reason is worded in `lang`.
fn read_plan_json(job: &Path, lang: Lang) -> Result<Option<crate::compare::PlanSummary>, String> {
    let text = match std::fs::read_to_string(job.join("plan.json")) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    crate::compare::PlanSummary::from_json(&text)
        .map(Some)
        .map_err(|e| report::not_a_plan_text(lang, &e))
}

/// The plans of a run folder, read back from its plan.json files (scenarios without one, or
/// with one that cannot be read, which the morning page says, are left out), in the manifest's
/// order.
pub fn run_plans(dir: &Path, m: &Manifest) -> Vec<(String, crate::compare::PlanSummary)> {
    read_run_plans(dir, m, Lang::En).0
}

/// [`run_plans`], and why each plan.json that could not be read was not (in `lang`), by
/// scenario name: each file is read once for the whole morning page.
fn read_run_plans(dir: &Path, m: &Manifest, lang: Lang) -> (RunPlans, BTreeMap<String, String>) {
    let mut plans = Vec::new();
    let mut unread = BTreeMap::new();
    for e in &m.scenarios {
        match read_plan_json(&batch::job_dir(dir, &e.name), lang) {
            Ok(Some(mut plan)) => {
                // The weights the manifest recorded (plan.json does not): objectives compare.
                plan.weights = e.weights.clone();
                plans.push((e.name.clone(), plan));
            }
            Ok(None) => {}
            Err(why) => {
                unread.insert(e.name.clone(), why);
            }
        }
    }
    (plans, unread)
}

/// The plans of a run folder by scenario name.
type RunPlans = Vec<(String, crate::compare::PlanSummary)>;

/// The morning page as Markdown: the one line, the status of every scenario, the comparison.
pub fn summary_md(dir: &Path, m: &Manifest) -> String {
    let (plans, unread) = read_run_plans(dir, m, Lang::En);
    summary_md_of(dir, m, (&plans, &unread), Lang::En, false)
}

/// The morning page in `lang`, for summary.md or (`html`) for summary.html.
fn summary_md_of(
    dir: &Path,
    m: &Manifest,
    (plans, unread): (&RunPlans, &BTreeMap<String, String>),
    lang: Lang,
    html: bool,
) -> String {
    let mut out = format!(
        "# rotaplan batch {}\n\n{}\n\n",
        dir.display(),
        report::batch_line(lang, m)
    );
    out += t(lang, Msg::BatchHeader);
    out += "\n|---|---|---|---|---|---|\n";
    for e in &m.scenarios {
        let mut note = match (&e.error, e.reused) {
            (Some(err), _) => report::md_cell(&failure_line(dir, e, err, lang)),
            (None, true) => t(lang, Msg::BatchReused).into(),
            _ => String::new(),
        };
        // A plan.json the comparison could not read is said, not silently left out.
        if e.error.is_none()
            && let Some(why) = unread.get(&e.name)
        {
            let why = report::md_cell(&fill(lang, Msg::BatchPlanUnread, &[("why", why)]));
            note = if note.is_empty() {
                why
            } else {
                format!("{note}; {why}")
            };
        }
        out += &format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            report::md_cell(&e.name),
            report::catalogue::status_id(lang, e.status.as_str()),
            e.objective.map_or("—".into(), |x| report::num_in(lang, x)),
            e.gap.map_or("—".into(), |g| report::number_in(
                lang,
                &format!("{:.4} %", g * 100.0)
            )),
            report::number_in(lang, &format!("{:.1}", e.seconds)),
            note
        );
    }
    if !plans.is_empty() {
        out += "\n";
        out += &report::comparison_markdown_in(&crate::compare::compare(plans), &[], lang);
        // summary.md points at summary.html; summary.html itself has them below.
        let note = if html {
            Msg::BatchChartsBelow
        } else {
            Msg::BatchChartsNote
        };
        out += &format!("\n{}\n", t(lang, note));
    }
    if let Some(prev) = previous_run(dir) {
        out += &changes_since(&prev, dir, plans, lang);
    }
    out
}

/// The first line of why a scenario has no plan, in `lang`: the manifest keeps the English; the
/// scenario's error.txt holds the words in the run's language.
fn failure_line(dir: &Path, e: &Entry, english: &str, lang: Lang) -> String {
    let first = |s: &str| s.lines().next().unwrap_or("").to_string();
    if lang == Lang::En {
        return first(english);
    }
    if e.status == RunStatus::NotStarted {
        return report::job_error_text(lang, &JobError::NotStarted);
    }
    std::fs::read_to_string(batch::job_dir(dir, &e.name).join("error.txt"))
        .map_or_else(|_| first(english), |s| first(&s))
}

/// The newest other finished run next to `dir` (same parent, a `manifest.json`, an earlier name).
fn previous_run(dir: &Path) -> Option<PathBuf> {
    let this = run_order(&dir.file_name()?.to_string_lossy())?;
    run_folders(dir.parent()?)
        .into_iter()
        .filter(|(o, p)| *o < this && p.join("manifest.json").is_file())
        .map(|(_, p)| p)
        .next_back()
}

/// A run folder's name, `YYYY-MM-DD` or `YYYY-MM-DD.N`, as its order: the date, then the number
/// (none before .2; .10 after .9). Any other name is no run folder.
fn run_order(name: &str) -> Option<(String, u64)> {
    let (date, n) = match name.split_once('.') {
        Some((date, n)) => (date, n.parse::<u64>().ok().filter(|&n| n >= 2)?),
        None => (name, 0),
    };
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    (date.len() == 10).then(|| (date.to_string(), n))
}

/// The run folders in `out`, in their order ([`run_order`]).
fn run_folders(out: &Path) -> Vec<((String, u64), PathBuf)> {
    let mut dirs: Vec<((String, u64), PathBuf)> = std::fs::read_dir(out)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .filter_map(|p| Some((run_order(&p.file_name()?.to_string_lossy())?, p)))
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

/// "What changed since the previous run": per scenario planned in both, the diff in one line.
fn changes_since(
    prev: &Path,
    dir: &Path,
    plans: &[(String, crate::compare::PlanSummary)],
    lang: Lang,
) -> String {
    let shown = prev
        .strip_prefix(dir.parent().unwrap_or(Path::new("")))
        .unwrap_or(prev);
    let mut out = format!(
        "\n## {}\n\n",
        fill(lang, Msg::BatchChangesSince, &[("run", &shown.display())])
    );
    let mut any = false;
    for (name, now) in plans {
        let before = match read_plan_json(&batch::job_dir(prev, name), lang) {
            Ok(Some(p)) => p,
            Ok(None) => {
                out += &format!("- {}\n", fill(lang, Msg::BatchNew, &[("name", name)]));
                any = true;
                continue;
            }
            Err(why) => {
                let line = report::md_escape(&fill(
                    lang,
                    Msg::BatchPreviousUnread,
                    &[("name", name), ("why", &why)],
                ));
                out += &format!("- {line}\n");
                any = true;
                continue;
            }
        };
        let d = crate::compare::diff(&before, now);
        if d.cadres.is_empty() && d.newly_filled.is_empty() && d.emptied.is_empty() {
            continue;
        }
        any = true;
        let objective = d
            .kpis
            .iter()
            .find(|k| k.kpi == "objective")
            .map_or(String::new(), |k| {
                let shown = |x: Option<f64>| x.map_or("—".into(), |x| report::num_in(lang, x));
                fill(
                    lang,
                    Msg::BatchObjectiveChange,
                    &[("a", &shown(k.a)), ("b", &shown(k.b))],
                )
            });
        let line = fill(
            lang,
            Msg::BatchChanged,
            &[
                ("name", name),
                ("moved", &d.cadres.len()),
                ("filled", &d.newly_filled.len()),
                ("emptied", &d.emptied.len()),
                ("objective", &objective),
            ],
        );
        out += &format!("- {line}\n");
    }
    if !any {
        out += t(lang, Msg::BatchNoChange);
        out += "\n";
    }
    out
}

pub use super::manifest::MergeError;

/// Join shard run folders into one: their manifests' entries (sorted by name) and the plan files,
/// copied into `out`; the merged manifest is written last.
pub fn merge(shards: &[PathBuf], out: &Path, langs: LangChoice) -> Result<Manifest, MergeError> {
    crate::output::check_out_dir(out).map_err(MergeError::OutDir)?;
    // A failure names the folder (a read-only disk said only "Read-only file system").
    let io = |e: std::io::Error| match crate::output::Locked::of(&e) {
        Some(_) => MergeError::Io(e),
        None => MergeError::File {
            path: out.to_path_buf(),
            error: e.to_string(),
        },
    };
    // The merged folder is none of the shards' and holds none (a shard's manifest was
    // overwritten with the merge's).
    // Resolved as the file system does (`..`, symlinks): `--out` need not exist yet, so its
    // deepest existing ancestor is resolved and the rest joined.
    let abs = |p: &Path| {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut base = p.as_path();
        let mut rest = Vec::new();
        loop {
            if let Ok(real) = std::fs::canonicalize(base) {
                return rest.iter().rev().fold(real, |acc, c| acc.join(c));
            }
            match (base.parent(), base.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    base = parent;
                }
                _ => return p.clone(),
            }
        }
    };
    let out_abs = abs(out);
    if let Some(s) = shards.iter().find(|s| {
        let s = abs(s);
        out_abs.starts_with(&s) || s.starts_with(&out_abs)
    }) {
        return Err(MergeError::OutInShard { shard: s.clone() });
    }
    let mut entries = Vec::new();
    let mut started = String::new();
    let mut finished = String::new();
    let mut status = ManifestStatus::Complete;
    // Every manifest read and checked before anything is written: a scenario in two shards (the
    // same shard given twice) would be merged twice, an output path leading out of its shard
    // would be read and written outside the folders.
    let mut read: Vec<(&PathBuf, Manifest)> = Vec::new();
    let mut seen: std::collections::BTreeMap<String, &PathBuf> = Default::default();
    let mut first_set: Option<(&PathBuf, ShardOf)> = None;
    for s in shards {
        let text = std::fs::read_to_string(s.join("manifest.json"))
            .or_else(|_| std::fs::read_to_string(s.join("manifest.partial.json")))
            .map_err(|e| MergeError::NoManifest {
                shard: s.clone(),
                error: e.to_string(),
            })?;
        let m: Manifest = serde_json::from_str(&text).map_err(|e| MergeError::NotManifest {
            shard: s.clone(),
            error: e.to_string(),
        })?;
        // The shards of one run record one list of scenarios (said first: shards of two runs
        // that share a scenario are no shard given twice).
        if let Some(set) = &m.shard_of {
            match &first_set {
                Some((first, want)) if want != set => {
                    return Err(MergeError::OtherRuns {
                        first: (*first).clone(),
                        other: s.clone(),
                    });
                }
                Some(_) => {}
                None => first_set = Some((s, set.clone())),
            }
        }
        for e in &m.scenarios {
            if let Some(first) = seen.insert(e.name.clone(), s) {
                return Err(MergeError::SameScenario {
                    name: e.name.clone(),
                    first: first.clone(),
                    second: s.clone(),
                });
            }
            // Plain names only, and inside the scenario's own folder (another's would be
            // overwritten).
            let own = batch::job_dir(out, &e.name);
            let inside = |o: &String| {
                let p = Path::new(o);
                p.components()
                    .all(|c| matches!(c, std::path::Component::Normal(_)))
                    && p.components().next().is_some()
                    && out.join(p).starts_with(&own)
            };
            if let Some(o) = e.outputs.iter().find(|o| !inside(o)) {
                return Err(MergeError::NotManifest {
                    shard: s.clone(),
                    error: format!("the output {o:?} of {} leads out of the shard", e.name),
                });
            }
            // Each output is the file the shard recorded, as `--resume` checks it (a plan.json
            // cut short was merged as complete).
            for o in &e.outputs {
                if let Some(want) = e.outputs_sha256.get(o) {
                    let path = s.join(o);
                    let same = std::fs::read(&path).is_ok_and(|b| sha256_hex(&b) == *want);
                    if !same {
                        return Err(MergeError::Changed { path });
                    }
                }
            }
        }
        read.push((s, m));
    }
    // Every shard of the `--shard I/N` run, once (a repeated one is SameScenario above).
    let shards_of: Vec<(usize, usize)> = read
        .iter()
        .filter_map(|(_, m)| {
            let (i, n) = m.shard.as_deref()?.split_once('/')?;
            Some((i.trim().parse().ok()?, n.trim().parse().ok()?))
        })
        .collect();
    let mut counts: Vec<usize> = shards_of.iter().map(|(_, n)| *n).collect();
    counts.sort_unstable();
    counts.dedup();
    if counts.len() > 1 {
        // Shards of two runs split differently (1/2 with 2/3, 3/3): no whole run.
        return Err(MergeError::MixedShards {
            shards: shards_of.iter().map(|(i, n)| format!("{i}/{n}")).collect(),
        });
    }
    if let Some(&(_, n)) = shards_of.iter().max_by_key(|(_, n)| *n) {
        let missing: Vec<String> = (1..=n)
            .filter(|i| !shards_of.iter().any(|(j, _)| j == i))
            .map(|i| format!("{i}/{n}"))
            .collect();
        if !missing.is_empty() {
            return Err(MergeError::MissingShards { missing, of: n });
        }
    }
    // Checked: only now is the merged folder made (a refused merge left an empty one).
    // One merge (or batch) at a time in the merged folder.
    let _lock = lock_out(out).map_err(io)?;
    for p in clean_leftovers(out, true) {
        tracing::info!(path = %p.display(), "leftover temporary of a killed run removed");
    }
    for (s, m) in read {
        if started.is_empty() || m.started < started {
            started = m.started.clone();
        }
        finished = finished.max(m.finished.clone());
        if m.status != ManifestStatus::Complete {
            status = m.status;
        }
        for e in m.scenarios {
            // The scenario's files and its done.json as one set, as `batch` writes them.
            let job_dir = batch::job_dir(out, &e.name);
            let mut files = Vec::new();
            for o in &e.outputs {
                let from = s.join(o);
                let bytes = std::fs::read(&from).map_err(|err| MergeError::File {
                    path: from.clone(),
                    error: err.to_string(),
                })?;
                let to = out.join(o);
                let rel = to.strip_prefix(&job_dir).unwrap_or(&to);
                files.push((rel.display().to_string(), bytes));
            }
            files.push(("done.json".into(), json(&e).into_bytes()));
            write_set(&job_dir, &files).map_err(|err| MergeError::File {
                path: job_dir.clone(),
                error: err.to_string(),
            })?;
            entries.push(e);
        }
    }
    entries.sort_by(|a, b| natural_cmp(&a.name, &b.name));
    tracing::info!(
        shards = shards.len(),
        scenarios = entries.len(),
        out = %out.display(),
        "shards merged"
    );
    let m = Manifest {
        rotaplan_version: env!("CARGO_PKG_VERSION").into(),
        backend: "highs".into(),
        started,
        finished,
        status,
        shard: None,
        shard_of: None,
        scenarios: entries,
    };
    finish(out, &m, langs).map_err(io)?;
    Ok(m)
}

/// `--shard I/N` parsed: 1 ≤ I ≤ N.
#[cfg(test)]
mod tests {
    use super::*;

    /// A file whose hash differs before and after the load is recorded as changed, so that the
    /// resume's hash (of the file as it is then) never matches the stale plan's.
    #[test]
    fn a_file_changed_while_read_is_recorded_as_changed() {
        let f = |p: &str, h: &str| InputFile {
            path: p.into(),
            sha256: h.into(),
        };
        let before = vec![f("s.yaml", "1"), f("cadres.csv", "2")];
        let mut same = before.clone();
        assert!(mark_changed(&before, &mut same).is_empty());
        assert_eq!(same, before);
        let mut after = vec![f("s.yaml", "1"), f("cadres.csv", "3")];
        assert_eq!(mark_changed(&before, &mut after), vec!["cadres.csv"]);
        assert_eq!(after[1].sha256, CHANGED_WHILE_READ);
        assert_eq!(after[0].sha256, "1");
    }

    /// `--resume` with every run of the day finished continues the newest ("2026-12-05.10",
    /// after ".9" and ".2"), not the first; an unfinished one comes first.
    #[test]
    fn resume_takes_the_newest_run_folder() {
        let out = tempfile::tempdir().unwrap();
        for (name, finished) in [
            ("2026-12-05", true),
            ("2026-12-05.2", true),
            ("2026-12-05.9", true),
            ("2026-12-05.10", true),
        ] {
            let d = out.path().join(name);
            std::fs::create_dir(&d).unwrap();
            if finished {
                std::fs::write(d.join("manifest.json"), "{}").unwrap();
            }
        }
        let today = "2026-12-05";
        assert_eq!(
            run_dir(out.path(), true, today),
            out.path().join("2026-12-05.10")
        );
        assert_eq!(
            run_dir(out.path(), false, today),
            out.path().join("2026-12-05.3")
        );
        std::fs::remove_file(out.path().join("2026-12-05.2/manifest.json")).unwrap();
        assert_eq!(
            run_dir(out.path(), true, today),
            out.path().join("2026-12-05.2")
        );
    }

    /// Folders of the user's beside the runs (`merged`, `archive`, as batch.md lays a merge out)
    /// are no runs: `--resume` wrote a whole night's run into `runs/merged`. And the run before
    /// ".10" is ".9", not the first of the day.
    #[test]
    fn only_run_folders_are_resumed_or_compared_with() {
        let out = tempfile::tempdir().unwrap();
        for name in [
            "2026-12-05",
            "2026-12-05.9",
            "2026-12-05.10",
            "merged",
            "archive",
            "2026-13-01",
        ] {
            std::fs::create_dir(out.path().join(name)).unwrap();
        }
        for name in ["2026-12-05", "2026-12-05.9", "2026-12-05.10"] {
            std::fs::write(out.path().join(name).join("manifest.json"), "{}").unwrap();
        }
        assert_eq!(
            run_dir(out.path(), true, "2026-12-06"),
            out.path().join("2026-12-06")
        );
        assert_eq!(
            previous_run(&out.path().join("2026-12-05.10")),
            Some(out.path().join("2026-12-05.9"))
        );
        assert_eq!(
            previous_run(&out.path().join("2026-12-06")),
            Some(out.path().join("2026-12-05.10"))
        );
        assert_eq!(previous_run(&out.path().join("2026-12-05")), None);
    }

    /// A run killed midway (a job's folder, no manifest): a new run without `--resume` gets a new
    /// folder rather than writing its plans beside the killed run's; an empty folder is taken.
    #[test]
    fn a_new_run_never_writes_into_a_killed_runs_folder() {
        let out = tempfile::tempdir().unwrap();
        let today = "2026-12-05";
        let killed = out.path().join(today);
        std::fs::create_dir_all(killed.join("g6")).unwrap();
        std::fs::write(killed.join("g6/done.json"), "{}").unwrap();
        assert_eq!(
            run_dir(out.path(), false, today),
            out.path().join("2026-12-05.2")
        );
        assert_eq!(run_dir(out.path(), true, today), killed);
        std::fs::remove_dir_all(killed.join("g6")).unwrap();
        assert_eq!(run_dir(out.path(), false, today), killed);
    }

    #[test]
    fn errors_are_logged_on_one_line() {
        assert_eq!(
            one_line("error[E1]: a\n  --> f.yaml\n\nerror[E2]: b\n"),
            "error[E1]: a | --> f.yaml | error[E2]: b"
        );
        assert_eq!(one_line("plain"), "plain");
    }

    #[test]
    fn shards_partition_the_jobs() {
        let mk = |n: usize| {
            (0..n)
                .map(|k| Job {
                    file: PathBuf::from(format!("f{k:02}.yaml")),
                    label: format!("f{k:02}"),
                    variant: "base".into(),
                    scenario: Err(JobError::NotStarted),
                })
                .collect::<Vec<_>>()
        };
        let all: Vec<String> = mk(10).iter().map(|j| j.name()).collect();
        let mut joined: Vec<String> = (1..=3)
            .flat_map(|i| shard(mk(10), Some((i, 3))).into_iter().map(|j| j.name()))
            .collect();
        joined.sort();
        assert_eq!(joined, all);
    }
}

/// Names in the order people count: runs of digits compared by their value, so the sweep point
/// `staffing=5` comes before `staffing=10`; the rest compared as text. Ties (`07` and `7`) fall
/// back to the plain order, so the order is total and the same on every machine.
pub(crate) fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut x, mut y) = (a, b);
    loop {
        match (x.chars().next(), y.chars().next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let nx = x.len() - x.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let ny = y.len() - y.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let (dx, dy) = (
                    x[..nx].trim_start_matches('0'),
                    y[..ny].trim_start_matches('0'),
                );
                let by_value = dx.len().cmp(&dy.len()).then_with(|| dx.cmp(dy));
                if by_value != Ordering::Equal {
                    return by_value;
                }
                x = &x[nx..];
                y = &y[ny..];
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x = &x[c.len_utf8()..];
                y = &y[d.len_utf8()..];
            }
        }
    }
}

#[cfg(test)]
mod natural_order_tests {
    use super::natural_cmp;

    #[test]
    fn sweep_points_sort_by_their_value() {
        let mut v = vec![
            "base/staffing=10",
            "base/staffing=5",
            "base/staffing=50",
            "base/staffing=7.5",
            "base",
            "a2",
            "a10",
            "a02",
        ];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            v,
            vec![
                "a02",
                "a2",
                "a10",
                "base",
                "base/staffing=5",
                "base/staffing=7.5",
                "base/staffing=10",
                "base/staffing=50",
            ]
        );
    }
}
