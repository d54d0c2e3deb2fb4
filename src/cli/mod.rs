//! The command line: one module per command, each a clap `Args` struct and a `run` that calls one
//! library function and prints; progress bars (progress.rs) and the log subscriber (log.rs). No
//! planning logic lives here.
//!
//! Exit codes are a contract, mapped once ([`Status`]): 0 ok, 1 the input or the plan has a
//! problem (invalid files, violations, infeasible), 2 internal error.

use clap::builder::TypedValueParser as _;
use clap::{FromArgMatches as _, Parser, Subcommand};
use rotaplan::domain::{Lang, LangChoice, Scenario};
use rotaplan::output::write_atomic;
use rotaplan::report::{self, Format, Refusal};
use rotaplan::scenario;
use std::path::{Path, PathBuf};

mod batch;
mod check;
mod compare;
mod explain;
mod generate;
mod help;
mod log;
mod plan;
mod programme;
mod progress;
mod review;
mod run;
mod validate;

/// The most HiGHS threads `--threads` takes.
pub(crate) const MAX_THREADS: i64 = 256;
/// The most runner-ups per post `--runner-ups` takes (each is one re-solve).
pub(crate) const MAX_RUNNER_UPS: u64 = 40;
/// The most scenarios solved at once `--jobs` takes.
pub(crate) const MAX_JOBS: u64 = 1024;

/// How a command ended; the one place where it becomes an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 0: done, and the result is good.
    Ok,
    /// 1: the input or the result has a problem the user can act on.
    Problem,
    /// 2: a fault of rotaplan itself (a panic, a plan the checker refuses).
    Internal,
}

impl Status {
    /// `Ok` when `good`, else `Problem`.
    fn ok_if(good: bool) -> Status {
        if good { Status::Ok } else { Status::Problem }
    }
}

impl From<Status> for std::process::ExitCode {
    fn from(s: Status) -> Self {
        std::process::ExitCode::from(match s {
            Status::Ok => 0,
            Status::Problem => 1,
            Status::Internal => 2,
        })
    }
}

#[derive(Parser)]
#[command(
    name = "rotaplan",
    version,
    about = "Plan cadre rotations: the best assignment of planned cadres to vacant posts under Regulation 65-QĐ/TW",
    after_help = "Examples:\n  rotaplan validate scenarios/tutorial/tutorial.yaml\n  rotaplan plan scenarios/tutorial/tutorial.yaml --out rotaplan-out/tutorial\n  rotaplan check scenarios/tutorial/tutorial.yaml rotaplan-out/tutorial/plan.csv --against-optimum\n  rotaplan run scenarios/province/what-if.yaml --jobs 2\n\nEach command has its own examples: rotaplan <COMMAND> --help"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// More detail in the log on stderr: -v debug, -vv trace [default: info]
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    /// Only warnings and errors on stderr, and no progress
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Log lines on stderr as text, or as one JSON object per line (for log collectors)
    #[arg(long, value_enum, default_value = "text", global = true)]
    log_format: log::LogFormat,
    /// Language of what people read (tables, plan.md/html, reasons): vi or en [default: the
    /// scenario's `language:`, else the locale: LC_ALL, LC_MESSAGES, LANG]
    #[arg(long, global = true, value_parser = ["vi", "en"])]
    lang: Option<String>,
}

/// The language asked for: `--lang`, else the scenario's `language:`, else the environment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Langs(LangChoice);

impl Langs {
    fn from_cli(flag: Option<&str>) -> Langs {
        let var = |k| std::env::var(k).ok();
        let (all, messages, lang) = (var("LC_ALL"), var("LC_MESSAGES"), var("LANG"));
        Langs(LangChoice {
            asked: flag.and_then(Lang::parse),
            fallback: Lang::from_locale(all.as_deref(), messages.as_deref(), lang.as_deref()),
        })
    }

    /// The language for outputs about `sc`.
    pub(crate) fn of(self, sc: &Scenario) -> Lang {
        self.0.of(sc)
    }

    /// The language asked for by `--lang` or the scenario's `language:`, not by the locale.
    pub(crate) fn chosen(self, sc: &Scenario) -> Option<Lang> {
        self.0.asked.or(sc.language)
    }

    /// The language of outputs about no scenario in particular: `--lang`, else the locale.
    pub(crate) fn plain(self) -> Lang {
        self.0.asked.unwrap_or(self.0.fallback)
    }

    /// The choice itself, for the library's runs of many scenarios.
    pub(crate) fn choice(self) -> LangChoice {
        self.0
    }
}

#[derive(Subcommand)]
enum Command {
    /// Solve a scenario and write the plan (plan.csv, unfilled.csv, plan.md, plan.html, plan.json, plan.xlsx, committee.html) to --out.
    Plan(plan::Args),
    /// Verify a plan CSV (written by rotaplan or by hand) against every rule of a scenario.
    Check(check::Args),
    /// Check a scenario's files alone; warnings (W codes) are shown too.
    Validate(validate::Args),
    /// Solve every scenario and variant of the given files in parallel, and compare the plans.
    Run(run::Args),
    /// Compare plans written earlier: plan.json files, or folders searched for them.
    Compare(compare::CompareArgs),
    /// What changed between two plans (plan.json files or the folders holding them).
    Diff(compare::DiffArgs),
    /// Nightly batch: every scenario under folders or lists into a dated run folder, resumable.
    Batch(batch::Args),
    /// Explain a plan: why a cadre is (not) on a post, what runner-ups would cost, what blocks a plan.
    Explain(explain::Args),
    /// Write a valid synthetic scenario of any size.
    Generate(generate::Args),
    /// The review figures of a programme file: counts by year, direction, tier, shares, purpose, outcome.
    Review(review::Args),
}

/// The program: a panic is an internal error (exit 2, as the contract says, not Rust's 101).
pub fn main() -> std::process::ExitCode {
    std::panic::catch_unwind(run)
        .unwrap_or(Status::Internal)
        .into()
}

fn run() -> Status {
    // `--help` and clap's errors in the language of the command line (`--lang`, else the locale).
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let parsed = help::command(help::lang_of(&argv))
        .try_get_matches_from(&argv)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            // `--help` and `--version` print to stdout: one that cannot be written is exit 1,
            // but a reader that went away (`--help | head -1`) is not an error, as for every
            // other command.
            let printed = e
                .print()
                .map_or_else(|w| w.kind() == std::io::ErrorKind::BrokenPipe, |()| true);
            return Status::ok_if(!e.use_stderr() && printed);
        }
    };
    log::init(log::level(cli.verbose, cli.quiet), cli.log_format);
    cap_rayon_threads();
    let quiet = cli.quiet;
    let langs = Langs::from_cli(cli.lang.as_deref());
    let _ = REFUSALS.set(langs.plain());
    let status = match cli.command {
        Command::Plan(a) => plan::run(a, langs),
        Command::Check(a) => check::run(a, langs),
        Command::Validate(a) => validate::run(a, langs),
        Command::Run(a) => run::run(a, quiet, langs),
        Command::Compare(a) => compare::compare(a, langs),
        Command::Diff(a) => compare::diff(a, langs),
        Command::Batch(a) => batch::run(a, quiet, langs),
        Command::Explain(a) => explain::run(a, langs),
        Command::Generate(a) => generate::run(a, langs),
        Command::Review(a) => review::run(a, langs),
    };
    // A folder this command made for its outputs and left empty (a full disk, a refused write)
    // is removed: no empty folder where none was. One with anything in it stays.
    remove_made_out_dir_if_empty();
    match STDOUT_FAILED.get() {
        Some(e) => {
            refuse(Refusal::Stdout(e.clone()));
            match status {
                Status::Internal => status,
                _ => Status::Problem,
            }
        }
        None => status,
    }
}

/// `RAYON_NUM_THREADS` past [`MAX_THREADS`] (5,000 made the tutorial's plan take 9 s, 100,000 more
/// than a minute, and `--threads` does not size rayon's pool): the pool gets at most that many,
/// said in a warning. The output does not depend on the count.
fn cap_rayon_threads() {
    let Some(asked) = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
    else {
        return;
    };
    let most = MAX_THREADS as usize;
    if asked > most {
        tracing::warn!(
            asked,
            used = most,
            "RAYON_NUM_THREADS is more than rotaplan uses: {most} threads"
        );
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(most)
            .build_global();
    }
}

/// The language of the command line's own errors: `--lang`, else the locale (set once in `run`).
static REFUSALS: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// A one-line error for the user, worded by report/ in `--lang` or the locale's language: as it
/// is on stderr in text mode, an error event in JSON mode.
pub(crate) fn refuse(r: Refusal) {
    let lang = REFUSALS.get().copied().unwrap_or(Lang::En);
    log::say_err(tracing::Level::ERROR, &report::refusal_text(lang, &r));
}

/// `--format`: the formats a command writes, each parsed into the one [`Format`] of report/.
fn formats(
    allowed: &'static [&'static str],
) -> impl clap::builder::TypedValueParser<Value = Format> {
    clap::builder::PossibleValuesParser::new(allowed).map(|s| match s.as_str() {
        "json" => Format::Json,
        "csv" => Format::Csv,
        "markdown" => Format::Markdown,
        _ => Format::Table,
    })
}

/// A note when writing `files` into `dir` removes another command's outputs there (a `run`'s
/// scenario folders and comparison under a `plan`): the set replaces the folder as a whole, and
/// nobody should find a run gone without a word. A re-plan's own stale files (`changes.csv`) are
/// not worth one.
fn say_dropped(dir: &Path, files: &[(String, Vec<u8>)], lang: Lang) {
    let dropped = rotaplan::output::dropped_by(dir, files);
    if !dropped.iter().any(|r| r.contains('/')) {
        return;
    }
    let shown: Vec<&str> = dropped.iter().take(5).map(String::as_str).collect();
    let more = dropped.len().saturating_sub(shown.len());
    log::say_err(
        tracing::Level::WARN,
        &report::catalogue::fill(
            lang,
            report::catalogue::Msg::OtherOutputsReplaced,
            &[
                ("dir", &dir.display()),
                ("n", &dropped.len()),
                (
                    "files",
                    &if more > 0 {
                        format!("{}, …", shown.join(", "))
                    } else {
                        shown.join(", ")
                    },
                ),
            ],
        ),
    );
}

/// Take the output folder's lock for this command and clean what a killed earlier run left there
/// (`recursive`: in its scenario folders too). One writer per folder: a second `plan`, `run` or
/// `batch` on it exits 1, naming the holder.
pub(crate) fn take_out_dir(
    dir: &std::path::Path,
    recursive: bool,
) -> Result<std::fs::File, Status> {
    let made = missing_folders(dir);
    let lock = lock_out_dir(dir)?;
    for p in rotaplan::output::clean_set_leftovers(dir, recursive) {
        tracing::info!(path = %p.display(), "leftover temporary of a killed run removed");
    }
    if !made.is_empty() {
        remove_if_empty_on_signal(made);
    }
    Ok(lock)
}

/// The lock of an output folder (made if missing); held by another command, or the folder not
/// writable, refused with the reason.
pub(crate) fn lock_out_dir(dir: &std::path::Path) -> Result<std::fs::File, Status> {
    rotaplan::output::lock_dir(dir, rotaplan::output::Holder::Command).map_err(|e| {
        // Another holder is named by the lock's own words; any other failure (a read-only disk,
        // no permission) names the folder.
        let ours = rotaplan::output::Locked::of(&e).is_some()
            || rotaplan::output::OutDirError::of(&e).is_some();
        refuse(match ours {
            true => Refusal::Io(e),
            false => Refusal::CannotWriteCheck {
                path: dir.to_path_buf(),
                error: e.to_string(),
            },
        });
        Status::Problem
    })
}

/// The folders this command made for its outputs (`rotaplan-out/` and `rotaplan-out/<stem>/`),
/// deepest first, removed by [`on_signal`] and at the end while still empty.
#[cfg(unix)]
static MADE_OUT_DIRS: std::sync::OnceLock<Vec<std::ffi::CString>> = std::sync::OnceLock::new();

/// The folders of `dir`'s path that do not exist yet, deepest first (what `lock_dir` will make).
fn missing_folders(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    dir.ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && std::fs::symlink_metadata(d).is_err())
        .map(std::path::Path::to_path_buf)
        .collect()
}

/// On SIGINT or SIGTERM, before any output is written, the folders this command made for `--out`
/// are removed again: a stopped `plan` left empty folders where none were. A folder with anything
/// in it stays (`rmdir` removes only an empty one), and so does one that was there before. A
/// signal the process was started to ignore (`cmd &` in a script ignores SIGINT) stays ignored.
#[cfg(unix)]
fn remove_if_empty_on_signal(made: Vec<std::path::PathBuf>) {
    use std::os::unix::ffi::OsStrExt;
    let paths: Vec<std::ffi::CString> = made
        .iter()
        .filter_map(|d| std::ffi::CString::new(d.as_os_str().as_bytes()).ok())
        .collect();
    if !paths.is_empty() && MADE_OUT_DIRS.set(paths).is_ok() {
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        for sig in [libc::SIGINT, libc::SIGTERM] {
            // SAFETY: the handler calls only async-signal-safe functions (rmdir, signal, raise).
            unsafe {
                if libc::signal(sig, handler) == libc::SIG_IGN {
                    libc::signal(sig, libc::SIG_IGN);
                }
            }
        }
    }
}

#[cfg(not(unix))]
fn remove_if_empty_on_signal(_made: Vec<std::path::PathBuf>) {}

#[cfg(unix)]
fn remove_made_out_dir_if_empty() {
    use std::os::unix::ffi::OsStrExt;
    for p in MADE_OUT_DIRS.get().into_iter().flatten() {
        if std::fs::remove_dir(std::ffi::OsStr::from_bytes(p.as_bytes())).is_err() {
            break;
        }
    }
}

#[cfg(not(unix))]
fn remove_made_out_dir_if_empty() {}

#[cfg(unix)]
extern "C" fn on_signal(sig: libc::c_int) {
    if let Some(paths) = MADE_OUT_DIRS.get() {
        for p in paths {
            // SAFETY: NUL-terminated paths set before the handler was installed; rmdir is
            // async-signal-safe. A folder not empty stays, and so do those above it.
            if unsafe { libc::rmdir(p.as_ptr()) } != 0 {
                break;
            }
        }
    }
    // Then ended by the signal as before, for the shell and for whoever waits on the process.
    // SAFETY: signal and raise are async-signal-safe.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        libc::raise(sig);
    }
}

/// Print to stdout; a closed pipe (`rotaplan … | head`) is not an error worth a panic, a full disk
/// is (`STDOUT_FAILED`).
pub(crate) fn say(text: &str) {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    if !text.is_empty() && STDOUT_CLOSED_AT_START.load(std::sync::atomic::Ordering::Relaxed) {
        let _ = STDOUT_FAILED.set(std::io::Error::from_raw_os_error(libc::EBADF).to_string());
        return;
    }
    if let Err(e) = o.write_all(text.as_bytes()).and_then(|_| o.flush()) {
        // A reader that stopped early (`| head`) is no failure; a full disk or a closed file is.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            let _ = STDOUT_FAILED.set(e.to_string());
        }
    }
}

/// Whether stdout was closed when the process started (`rotaplan … >&-`): Rust's runtime opens
/// /dev/null on a closed descriptor before `main`, so every write would look made. Read by a
/// constructor, which runs before the runtime.
static STDOUT_CLOSED_AT_START: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static READ_STDOUT_AT_START: extern "C" fn() = {
    extern "C" fn read() {
        // SAFETY: fcntl(F_GETFD) only reads the descriptor's flags.
        if unsafe { libc::fcntl(1, libc::F_GETFD) } == -1 {
            STDOUT_CLOSED_AT_START.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    read
};

/// The first error writing to stdout: the command then exits 1 whatever it did (its output, a
/// plan on stdout or a JSON answer, is cut short), saying so on stderr.
static STDOUT_FAILED: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// A scenario's diagnostics, all of them, and their count, in `lang`.
fn say_problems(e: &scenario::LoadError, lang: Lang) {
    say_problems_masked(e, lang, &|t: &str| t.to_string());
}

/// [`say_problems`] with `mask` applied to their words (`--pseudonymise`: ids and names replaced).
fn say_problems_masked(e: &scenario::LoadError, lang: Lang, mask: &dyn Fn(&str) -> String) {
    let summary = report::load_error_summary(lang, e);
    let text = mask(&report::diagnostics_text(lang, &e.every()));
    log::say_err_detail(&summary, &format!("{text}\n{summary}\n"));
}

/// The checker's verdict on a plan the program made (an internal error).
fn say_violations(headline: &str, v: &[rotaplan::check::Violation]) {
    log::say_err_detail(
        headline,
        &format!("{headline}\n{}", report::violations_text(v)),
    );
}

fn load(path: &Path, langs: Langs) -> Result<Scenario, Status> {
    load_warned(path, false, langs)
}

/// Loads a scenario and shows its warnings on stderr; with `deny`, a warning stops as an error.
/// Its problems are said in the language of `--lang` or the environment, its warnings in the
/// scenario's.
fn load_warned(path: &Path, deny: bool, langs: Langs) -> Result<Scenario, Status> {
    let c = load_unwarned(path, langs)?;
    say_warnings(&c.warnings, deny, langs.of(&c.scenario))?;
    Ok(c.scenario)
}

/// [`load_warned`] without saying the warnings yet (the caller says them, e.g. masked).
fn load_unwarned(path: &Path, langs: Langs) -> Result<scenario::Checked, Status> {
    scenario::load_checked(path).map_err(|e| {
        say_problems(&e, langs.plain());
        Status::Problem
    })
}

/// Loads the scenario of a moves file given on the command line (`check`'s plan, `review`'s
/// programme or history), its warnings not said yet. When the scenario has errors, the file's own
/// problems (those found without the scenario, read as the first of `accepts` it fits:
/// unreadable, a column missing, a bad date) are said after them, each with its count line (in
/// JSON, in the one answer): one run names both files'. Those the scenario's already hold (the
/// file is its own `history:`) are said once.
fn load_for_file(
    scenario: &Path,
    (file, accepts): (&Path, &[scenario::MovesFile]),
    format: Format,
    langs: Langs,
) -> Result<scenario::Checked, Status> {
    scenario::load_checked(scenario).map_err(|e| {
        let lang = langs.plain();
        let theirs = scenario::problems_without_scenario(file, accepts).and_then(|mut f| {
            f.diagnostics.retain(|d| !e.all().any(|x| x == d));
            f.warnings.retain(|d| !e.all().any(|x| x == d));
            (!f.diagnostics.is_empty()).then_some(f)
        });
        if format == Format::Json {
            let mut summary = report::load_error_summary(lang, &e);
            let mut all = e;
            if let Some(f) = theirs {
                summary = format!("{summary}\n{}", report::file_error_summary(lang, &f, file));
                all.diagnostics.extend(f.diagnostics);
                all.add_warnings(f.warnings);
            }
            say_problems_json_with(&all, lang, &summary);
        } else {
            say_problems(&e, lang);
            if let Some(f) = theirs {
                file_problems(&f, file, format, lang);
            }
        }
        Status::Problem
    })
}

/// The problems of a moves file given on the command line (`check`'s plan, `review`'s programme
/// or history): JSON on stdout with `format` json, else the text on stderr; the last line counts
/// them and names the file.
fn file_problems(e: &scenario::LoadError, file: &Path, format: Format, lang: Lang) -> Status {
    let summary = report::file_error_summary(lang, e, file);
    if format == Format::Json {
        say_problems_json_with(e, lang, &summary);
    } else {
        let text = report::diagnostics_text(lang, &e.every());
        log::say_err_detail(&summary, &format!("{text}\n{summary}\n"));
    }
    Status::Problem
}

/// A file's problems as JSON on stdout (`--format json`): `{"errors": [...], "warnings": [...]}`
/// (the warnings beside the errors), each record with stable keys ([`report::DiagnosticRecord`]),
/// words in `lang`. The summary still goes to stderr.
fn say_problems_json_with(e: &scenario::LoadError, lang: Lang, summary: &str) {
    let (warnings, errors): (Vec<_>, Vec<_>) = e.all().cloned().partition(|d| d.is_warning());
    let j = serde_json::json!({
        "errors": report::diagnostic_records(lang, &errors),
        "warnings": report::diagnostic_records(lang, &warnings),
    });
    let mut s = serde_json::to_string_pretty(&j).unwrap_or_default();
    s.push('\n');
    say(&s);
    log::say_err(tracing::Level::ERROR, summary);
}

/// [`say_warnings`] for a command whose `--format json` puts its problems on stdout (`check`):
/// denied warnings are said there too, `{"errors": [], "warnings": [...], "warnings_denied":
/// true}`, so a script reading stdout is not left with nothing.
fn say_warnings_as(
    w: &[scenario::Diagnostic],
    deny: bool,
    lang: Lang,
    format: Format,
) -> Result<(), Status> {
    let denied = say_warnings(w, deny, lang);
    if denied.is_err() && format == Format::Json {
        let j = serde_json::json!({
            "errors": [],
            "warnings": report::diagnostic_records(lang, w),
            "warnings_denied": true,
        });
        let mut s = serde_json::to_string_pretty(&j).unwrap_or_default();
        s.push('\n');
        say(&s);
    }
    denied
}

/// Warnings on stderr (they never change the exit code), or with `deny` as errors (exit 1).
fn say_warnings(w: &[scenario::Diagnostic], deny: bool, lang: Lang) -> Result<(), Status> {
    say_warnings_masked(w, deny, lang, &|t: &str| t.to_string())
}

/// [`say_warnings`] with `mask` applied to their words (`--pseudonymise`: ids and names replaced).
fn say_warnings_masked(
    w: &[scenario::Diagnostic],
    deny: bool,
    lang: Lang,
    mask: &dyn Fn(&str) -> String,
) -> Result<(), Status> {
    if w.is_empty() {
        return Ok(());
    }
    let text = mask(&report::diagnostics_text(lang, w));
    if deny {
        let summary = report::warnings_summary(lang, w.len(), true);
        log::say_err_detail(&summary, &format!("{text}\n{summary}\n"));
        return Err(Status::Problem);
    }
    let summary = report::warnings_summary(lang, w.len(), false);
    if log::format() == log::LogFormat::Json {
        tracing::warn!(target: "rotaplan", detail = %text, "{summary}");
    } else {
        log::say_err_detail(&summary, &format!("{text}\n{summary}\n"));
    }
    Ok(())
}

/// The scenario file and every file its scenarios read (none when it cannot be read: loading
/// it says why).
fn scenario_inputs(scenario: &Path) -> Vec<PathBuf> {
    let mut v = rotaplan::scenario::input_files(scenario).unwrap_or_default();
    v.push(scenario.to_path_buf());
    v
}

/// Refuses, before any work, an output file that is a folder or one of `inputs` (a
/// `--pseudonym-map` onto cadres.csv replaced the table; `--html` onto the programme file).
fn guard_output_file(path: &Path, inputs: &[PathBuf]) -> Result<(), Status> {
    let refusal = if path.is_dir() {
        Refusal::OutputIsFolder(path.to_path_buf())
    } else if rotaplan::output::is_one_of(path, inputs) {
        Refusal::OverwritesInput(path.to_path_buf())
    } else if let Err(e) = rotaplan::output::regular_target(path) {
        // A device, a pipe or a socket: refused before the solve, not replaced after it.
        Refusal::CannotWrite {
            path: path.to_path_buf(),
            error: e.to_string(),
        }
    } else {
        return Ok(());
    };
    refuse(refusal);
    Err(Status::Problem)
}

/// Every file a plan's or a programme's set may write into its folder.
const SET_NAMES: &[&str] = &[
    "plan.csv",
    "unfilled.csv",
    "plan.html",
    "plan.md",
    "plan.json",
    "committee.html",
    "plan.xlsx",
    "programme.csv",
    "programme.json",
    "programme.md",
    "timeline.svg",
    "programme.html",
    "review.html",
    "changes.csv",
];

/// Refuses an output folder where writing the set (`names`: what it writes; `None`: any name a
/// set may write, before the solve) or dropping the last set's stale files would replace one of
/// `inputs` (a table named plan.csv read from the folder given as `--out`).
fn guard_out_set(
    dir: &Path,
    names: Option<&mut dyn Iterator<Item = &str>>,
    inputs: &[PathBuf],
) -> Result<(), Status> {
    let mut all: Vec<String> = match names {
        Some(n) => n.map(str::to_string).collect(),
        None => SET_NAMES.iter().map(|s| s.to_string()).collect(),
    };
    all.extend(rotaplan::output::dropped_by(dir, &[]));
    for name in all {
        let path = dir.join(name);
        if rotaplan::output::is_one_of(&path, inputs) {
            refuse(Refusal::OverwritesInput(path));
            return Err(Status::Problem);
        }
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), Status> {
    write_atomic(path, text.as_bytes()).map_err(|e| {
        refuse(Refusal::CannotWrite {
            path: path.to_path_buf(),
            error: e.to_string(),
        });
        Status::Problem
    })
}

/// `--csv-separator`: one of `,` `;` `|` or a tab (`tab` or `\t`); checked after parsing, so
/// that the refusal is worded in `--lang`.
fn csv_separator(s: &str) -> Result<char, Refusal> {
    match s {
        "," => Ok(','),
        ";" => Ok(';'),
        "|" => Ok('|'),
        "tab" | "\\t" | "\t" => Ok('\t'),
        _ => Err(Refusal::Separator(s.to_string())),
    }
}

/// `--excel`'s list separator without `--csv-separator`: `;` when Vietnamese was asked for
/// (`--lang vi` or the scenario's `language: vi`; Excel with Vietnamese settings expects it), else
/// the locale's.
fn excel_separator(chosen: Option<Lang>) -> char {
    match chosen {
        Some(Lang::Vi) => ';',
        _ => locale_separator(),
    }
}

/// The list separator of the user's locale (LC_ALL, then LC_NUMERIC, then LANG).
fn locale_separator() -> char {
    let var = |k: &str| std::env::var(k).ok();
    let (all, numeric, lang) = (var("LC_ALL"), var("LC_NUMERIC"), var("LANG"));
    report::separator_for_locale(report::numeric_locale(
        all.as_deref(),
        numeric.as_deref(),
        lang.as_deref(),
    ))
}

/// A positive, finite number of seconds for `--time-limit`.
fn time_limit(t: Option<f64>) -> Result<Option<f64>, Status> {
    match t {
        // Past a clock's range a deadline panicked (1e19 s); the scenario's cap holds here too.
        Some(t) if !(t > 0.0 && t <= rotaplan::scenario::MAX_TIME_LIMIT_S) => {
            refuse(Refusal::TimeLimit(t));
            Err(Status::Problem)
        }
        t => Ok(t),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every command, subcommands too, has an Examples section, and every argument a description.
    #[test]
    fn every_command_has_examples_and_every_argument_help() {
        fn walk(c: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let after = c
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            if !after.contains("Example") {
                missing.push(format!("`{path}`: no Examples section"));
            }
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                let described = a
                    .get_help()
                    .or(a.get_long_help())
                    .is_some_and(|h| !h.to_string().trim().is_empty());
                if !described {
                    missing.push(format!("`{path}`: argument {id} has no description"));
                }
            }
            for s in c.get_subcommands() {
                walk(s, &format!("{path} {}", s.get_name()), missing);
            }
        }
        let cli = super::Cli::command();
        assert!(cli.get_subcommands().count() >= 10);
        let mut missing = Vec::new();
        walk(&cli, "rotaplan", &mut missing);
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    /// The texts of `--help` as the derive writes them: (command path, id, text), with `@about`,
    /// `@examples` and `id=value` as in report::help.
    fn derive_texts() -> Vec<(String, String, String)> {
        fn walk(c: &clap::Command, path: &str, out: &mut Vec<(String, String, String)>) {
            let s = |x: Option<&clap::builder::StyledStr>| x.map(|h| h.to_string());
            let mut row = |id: &str, text: Option<String>| {
                out.push((path.to_string(), id.to_string(), text.unwrap_or_default()))
            };
            row("@about", s(c.get_long_about().or(c.get_about())));
            row(
                "@examples",
                s(c.get_after_long_help().or(c.get_after_help())),
            );
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                row(id, s(a.get_long_help().or(a.get_help())));
                for v in a.get_possible_values() {
                    if let Some(h) = v.get_help() {
                        row(&format!("{id}={}", v.get_name()), Some(h.to_string()));
                    }
                }
            }
            for sub in c.get_subcommands() {
                let p = if path.is_empty() {
                    sub.get_name().to_string()
                } else {
                    format!("{path} {}", sub.get_name())
                };
                walk(sub, &p, out);
            }
        }
        let mut out = Vec::new();
        walk(&super::Cli::command(), "", &mut out);
        out
    }

    /// Every command's description and examples and every argument's help (and each possible
    /// value's) has a row in report::help in both languages; the English row is what the derive
    /// writes, the Vietnamese one is not English; and no row is left over.
    #[test]
    fn every_help_text_is_in_the_catalogue_in_both_languages() {
        use rotaplan::domain::Lang;
        use rotaplan::report::help::{ROWS, help};
        let texts = derive_texts();
        assert!(texts.len() > 80, "{}", texts.len());
        let mut wrong = Vec::new();
        for (path, id, text) in &texts {
            match (help(Lang::En, path, id), help(Lang::Vi, path, id)) {
                (Some(en), Some(vi)) if en == text && !vi.trim().is_empty() && vi != en => {}
                _ => wrong.push(format!(
                    "    ({path:?}, {id:?}) {{ en: {text:?}, vi: {:?} }}",
                    help(Lang::Vi, path, id).unwrap_or("")
                )),
            }
        }
        assert!(
            wrong.is_empty(),
            "rows missing or different:\n{}",
            wrong.join("\n")
        );
        for (path, id, _, _) in ROWS {
            assert!(
                texts.iter().any(|(p, i, _)| p == path && i == id),
                "a row for no argument: ({path:?}, {id:?})"
            );
        }
    }

    /// `--lang` anywhere in argv chooses the help's language; the locale otherwise.
    #[test]
    fn the_language_of_help_is_the_flag_anywhere_then_the_locale() {
        use rotaplan::domain::Lang;
        let argv = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(
            super::help::lang_of(&argv(&["rotaplan", "plan", "--help", "--lang", "vi"])),
            Lang::Vi
        );
        assert_eq!(
            super::help::lang_of(&argv(&["rotaplan", "--lang=vi", "check", "--help"])),
            Lang::Vi
        );
        assert_eq!(
            super::help::lang_of(&argv(&["rotaplan", "--lang", "en", "--help"])),
            Lang::En
        );
    }

    /// In Vietnamese, every argument of every command shows the catalogue's words, and clap's
    /// English headings and value notes are gone; English is the derive's help unchanged.
    #[test]
    fn vietnamese_help_replaces_every_text_and_english_is_unchanged() {
        use rotaplan::domain::Lang;
        let en = super::help::command(Lang::En)
            .render_long_help()
            .to_string();
        assert_eq!(
            en,
            <super::Cli as clap::CommandFactory>::command()
                .render_long_help()
                .to_string()
        );
        let mut vi = super::help::command(Lang::Vi);
        for path in [vec![], vec!["plan"], vec!["batch"], vec!["batch", "merge"]] {
            let mut c = &mut vi;
            for p in &path {
                c = c.find_subcommand_mut(p).unwrap();
            }
            let text = c.render_long_help().to_string();
            for english in [
                "Usage:",
                "Options:",
                "Arguments:",
                "Commands:",
                "[default:",
                "[possible values:",
                "Print help",
                "Examples:",
                "Example:",
                "[OPTIONS]",
            ] {
                assert!(!text.contains(english), "{path:?}: {english} in\n{text}");
            }
            assert!(
                text.contains("Cách dùng:") && text.contains("Tùy chọn:"),
                "{text}"
            );
        }
    }
}
