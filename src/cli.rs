//! The command line: clap structs, exit codes, printing. No planning logic lives here.
//!
//! Exit codes are a contract: 0 ok, 1 the input or the plan has a problem (invalid files,
//! violations, infeasible), 2 internal error.

use clap::{Parser, Subcommand, ValueEnum};
use rotaplan::domain::Scenario;
use rotaplan::output::write_atomic;
use rotaplan::report::{self, Format};
use rotaplan::rules::RuleContext;
use rotaplan::scenario;
use std::path::{Path, PathBuf};

/// A one-line error for the user: as it is on stderr in text mode, an error event in JSON mode.
macro_rules! fail {
    ($($t:tt)*) => {
        log::say_err(tracing::Level::ERROR, &format!($($t)*))
    };
}

#[path = "cli_log.rs"]
mod log;
#[path = "cli_whatif.rs"]
mod whatif;

#[derive(Parser)]
#[command(
    name = "rotaplan",
    version,
    about = "Plan cadre rotations: the best assignment of planned cadres to vacant posts under Regulation 65-QĐ/TW"
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
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    Table,
    Json,
    Csv,
    Markdown,
}

impl From<OutFormat> for Format {
    fn from(f: OutFormat) -> Format {
        match f {
            OutFormat::Table => Format::Table,
            OutFormat::Json => Format::Json,
            OutFormat::Csv => Format::Csv,
            OutFormat::Markdown => Format::Markdown,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum CompareFormat {
    Table,
    Markdown,
    Csv,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Table,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Solve a scenario and write the plan (plan.csv, unfilled.csv, plan.md, plan.html, plan.json) to --out.
    Plan {
        scenario: PathBuf,
        /// Output folder [default: rotaplan-out/<scenario file stem>]
        #[arg(long)]
        out: Option<PathBuf>,
        /// What to print on stdout.
        #[arg(long, value_enum, default_value = "table")]
        format: OutFormat,
        /// Override the scenario's solver time limit (seconds).
        #[arg(long)]
        time_limit: Option<f64>,
        /// Override the scenario's relative gap.
        #[arg(long)]
        gap: Option<f64>,
        /// Override the scenario's HiGHS threads.
        #[arg(long)]
        threads: Option<u32>,
        /// Runner-up candidates per assigned post, each costed by an exact re-solve (0 = none).
        #[arg(long, default_value_t = 0)]
        runner_ups: usize,
        /// Also write the model (.mps or .lp): every eligible pair, names by cadre, post and rule.
        #[arg(long, value_name = "FILE")]
        export_model: Option<PathBuf>,
        /// With --export-model, the model actually solved (after pricing) instead of the full one.
        #[arg(long, requires = "export_model")]
        restricted: bool,
    },
    /// Verify a plan CSV (written by rotaplan or by hand) against every rule of a scenario.
    Check {
        scenario: PathBuf,
        plan: PathBuf,
        #[arg(long, value_enum, default_value = "table")]
        format: CheckFormat,
    },
    /// Check a scenario's files alone.
    Validate { scenario: PathBuf },
    /// Solve every scenario and variant of the given files in parallel, and compare the plans.
    Run {
        #[arg(required = true)]
        scenarios: Vec<PathBuf>,
        /// Scenarios solved at once (each HiGHS solve uses one thread) [default: the cores]
        #[arg(long)]
        jobs: Option<usize>,
        /// Output folder [default: rotaplan-out/run]
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Compare plans written earlier: plan.json files, or folders searched for them.
    Compare {
        #[arg(required = true)]
        plans: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: CompareFormat,
    },
    /// What changed between two plans (plan.json files or the folders holding them).
    Diff { a: PathBuf, b: PathBuf },
    /// Nightly batch: every scenario under folders or lists into a dated run folder, resumable.
    Batch(whatif::BatchArgs),
    /// Explain a plan: why a cadre is (not) on a post, what runner-ups would cost, what blocks a plan.
    Explain(ExplainArgs),
    /// Write a valid synthetic scenario of any size.
    Generate {
        #[arg(long)]
        cadres: usize,
        #[arg(long)]
        posts: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
        /// Plan date of the scenario (YYYY-MM-DD).
        #[arg(long, default_value = "2027-01-01")]
        plan_date: chrono::NaiveDate,
        #[arg(long)]
        name: Option<String>,
    },
}

/// Print to stdout; a closed pipe (`rotaplan … | head`) is not an error worth a panic.
pub(crate) fn say(text: &str) {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(text.as_bytes()).and_then(|_| o.flush());
}

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 1 } else { 0 };
        }
    };
    log::init(log::level(cli.verbose, cli.quiet), cli.log_format);
    let quiet = cli.quiet;
    match cli.command {
        Command::Plan {
            scenario,
            out,
            format,
            time_limit,
            gap,
            threads,
            runner_ups,
            export_model,
            restricted,
        } => plan(
            &scenario,
            out,
            format.into(),
            time_limit,
            gap,
            threads,
            runner_ups,
            export_model.map(|f| (f, restricted)),
        ),
        Command::Check {
            scenario,
            plan,
            format,
        } => check(&scenario, &plan, format),
        Command::Validate { scenario } => validate(&scenario),
        Command::Run {
            scenarios,
            jobs,
            out,
        } => whatif::run(&scenarios, jobs, out, quiet),
        Command::Compare { plans, format } => whatif::compare(&plans, format),
        Command::Diff { a, b } => whatif::diff(&a, &b),
        Command::Batch(args) => whatif::batch(args, quiet),
        Command::Explain(args) => explain(&args),
        Command::Generate {
            cadres,
            posts,
            seed,
            out,
            plan_date,
            name,
        } => generate(cadres, posts, seed, &out, plan_date, name),
    }
}

/// A scenario's diagnostics, all of them, and their count.
fn say_problems(e: &scenario::LoadError) {
    let summary = format!(
        "{} problem(s) in the scenario files; nothing was planned",
        e.diagnostics.len()
    );
    log::say_err_detail(&summary, &format!("{e}\n{summary}\n"));
}

/// The checker's verdict on a plan the program made (an internal error).
fn say_violations(headline: &str, v: &[rotaplan::check::Violation]) {
    log::say_err_detail(
        headline,
        &format!("{headline}\n{}", report::violations_text(v)),
    );
}

fn load(path: &Path) -> Result<Scenario, i32> {
    scenario::load(path).map_err(|e| {
        say_problems(&e);
        1
    })
}

fn write(path: &Path, text: &str) -> Result<(), i32> {
    write_atomic(path, text.as_bytes()).map_err(|e| {
        fail!("error: cannot write {}: {e}", path.display());
        1
    })
}

#[allow(clippy::too_many_arguments)]
fn plan(
    path: &Path,
    out: Option<PathBuf>,
    format: Format,
    tl: Option<f64>,
    gap: Option<f64>,
    threads: Option<u32>,
    runner_ups: usize,
    export: Option<(PathBuf, bool)>,
) -> i32 {
    let mut sc = match load(path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Some(t) = tl {
        if !(t > 0.0 && t.is_finite()) {
            fail!("error: --time-limit must be a positive number of seconds, got {t}");
            return 1;
        }
        sc.solver.time_limit_s = t;
    }
    if let Some(g) = gap {
        if !(0.0..1.0).contains(&g) {
            fail!("error: --gap must be in [0, 1), got {g}");
            return 1;
        }
        sc.solver.relative_gap = g;
    }
    if let Some(n) = threads {
        sc.solver.threads = n.max(1);
    }
    let dir = out.unwrap_or_else(|| {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "plan".into());
        PathBuf::from("rotaplan-out").join(stem)
    });
    // `baseline: previous`: the plan this output folder holds from the last run, if any.
    let previous = dir.join("plan.csv");
    if sc.baseline_previous && previous.is_file() {
        match rotaplan::scenario::use_previous_plan(&mut sc, &previous) {
            Ok(p) => tracing::info!(
                file = %previous.display(),
                pairs = p.pairs,
                dropped = p.dropped,
                "baseline: previous plan"
            ),
            Err(e) => {
                say_problems(&e);
                return 1;
            }
        }
    }
    if let Some((file, restricted)) = &export
        && let Err(code) = export_model(&sc, file, *restricted)
    {
        return code;
    }
    let planned = if runner_ups == 0 {
        rotaplan::plan_scenario(&sc)
    } else {
        let budget = rotaplan::explain::Budget {
            per_post: runner_ups,
            ..Default::default()
        };
        rotaplan::plan_scenario_with(&sc, &budget)
    };
    if !planned.violations.is_empty() {
        say_violations(
            "internal error: the plan failed the independent checker; nothing was written",
            &planned.violations,
        );
        return 2;
    }
    let plan = &planned.plan;
    let files = [
        ("plan.csv", report::assignments_csv(plan)),
        ("unfilled.csv", report::unfilled_csv(plan)),
        ("plan.md", report::markdown(plan)),
        ("plan.html", report::html(plan)),
        // The JSON last: its presence says the others are complete.
        ("plan.json", report::json(plan)),
    ];
    for (name, text) in &files {
        if let Err(code) = write(&dir.join(name), text) {
            return code;
        }
    }
    say(&report::render(plan, format));
    if format == Format::Table {
        say(&format!("\nwritten: {}\n", dir.display()));
    }
    if plan.solver.status.has_plan() { 0 } else { 1 }
}

/// `plan --export-model FILE [--restricted]`: the model file, before the plan.
fn export_model(sc: &Scenario, file: &Path, restricted: bool) -> Result<(), i32> {
    use rotaplan::solve::export::{Which, export_scenario};
    let which = if restricted {
        Which::Restricted
    } else {
        Which::Full
    };
    match export_scenario(sc, file, which) {
        Ok(_) => Ok(()),
        Err(e) => {
            fail!("error: {e}");
            Err(1)
        }
    }
}

fn check(scenario_path: &Path, plan_path: &Path, format: CheckFormat) -> i32 {
    let sc = match load(scenario_path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let rows = match scenario::read_plan_csv(plan_path, &sc) {
        Ok(r) => r,
        Err(e) => {
            let text = format!("{e}\n");
            log::say_err_detail(text.lines().next().unwrap_or("error"), &text);
            return 1;
        }
    };
    let ctx = RuleContext::new(&sc);
    let pairs: Vec<_> = rows.iter().map(|r| (r.cadre, r.post)).collect();
    let v = rotaplan::check::check(&ctx, &pairs);
    match format {
        CheckFormat::Table => say(&report::violations_text(&v)),
        CheckFormat::Json => say(&report::violations_json(&v)),
    }
    if v.is_empty() { 0 } else { 1 }
}

/// Checks the file's own scenario and every variant and sweep point it describes.
fn validate(path: &Path) -> i32 {
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
            0
        }
        Err(e) => {
            say_problems(&e);
            1
        }
    }
}

fn generate(
    cadres: usize,
    posts: usize,
    seed: u64,
    out: &Path,
    plan_date: chrono::NaiveDate,
    name: Option<String>,
) -> i32 {
    if cadres == 0 || posts == 0 {
        fail!("error: --cadres and --posts must be at least 1");
        return 1;
    }
    let opts = rotaplan::generate::GenOptions {
        cadres,
        posts,
        seed,
        plan_date,
        name,
    };
    for f in rotaplan::generate::generate(&opts) {
        if let Err(code) = write(&out.join(&f.name), &f.contents) {
            return code;
        }
    }
    say(&format!(
        "wrote {} ({} cadres, {} posts, seed {seed})\n",
        out.join("scenario.yaml").display(),
        cadres,
        posts
    ));
    0
}

#[derive(Clone, Copy, ValueEnum)]
enum ExplainFormat {
    Table,
    Json,
    Markdown,
}

#[derive(clap::Args)]
struct ExplainArgs {
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
    /// Runner-ups re-solved per post, for the whole plan or one --post
    #[arg(long, default_value_t = 2)]
    runner_ups: usize,
    /// At most this many re-solves in all
    #[arg(long, default_value_t = 40)]
    max_solves: usize,
    /// Time limit of each re-solve, seconds [default: the scenario's, at most 10]
    #[arg(long)]
    time_limit: Option<f64>,
    #[arg(long, value_enum, default_value = "table")]
    format: ExplainFormat,
}

fn explain(a: &ExplainArgs) -> i32 {
    use rotaplan::explain::{self as ex, Explanation};
    let sc = match load(&a.scenario) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Some(t) = a.time_limit
        && !(t > 0.0 && t.is_finite())
    {
        fail!("error: --time-limit must be a positive number of seconds, got {t}");
        return 1;
    }
    let cadre = match a
        .cadre
        .as_deref()
        .map(|id| ex::find_cadre(&sc, id))
        .transpose()
    {
        Ok(c) => c,
        Err(e) => {
            fail!("error: {e}");
            return 1;
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
            fail!("error: {e}");
            return 1;
        }
    };
    let budget = ex::Budget {
        per_post: a.runner_ups,
        max_solves: a.max_solves,
        time_limit_s: a.time_limit,
    };
    let format = match a.format {
        ExplainFormat::Table => Format::Table,
        ExplainFormat::Json => Format::Json,
        ExplainFormat::Markdown => Format::Markdown,
    };
    let ctx = RuleContext::new(&sc);
    let cands = rotaplan::rules::candidates::generate(&ctx);
    let e = if a.structure {
        Explanation::Structure(ex::structural(&ctx, &cands))
    } else {
        // A pair that a rule or a forbid excludes needs no plan.
        let excluded = matches!((cadre, post), (Some(c), Some(p)) if cands.find(c, p).is_none());
        let planned = (!excluded).then(|| {
            let none = ex::Budget {
                per_post: 0,
                ..budget
            };
            let only = if cadre.is_none() && post.is_none() {
                &budget
            } else {
                &none
            };
            rotaplan::plan_scenario_with(&sc, only)
        });
        if let Some(p) = &planned
            && !p.violations.is_empty()
        {
            say_violations(
                "internal error: the plan failed the independent checker",
                &p.violations,
            );
            return 2;
        }
        let mut base = planned.map(|p| p.plan);
        if let Some(b) = &mut base
            && b.relaxation.is_some()
        {
            // Say what the plan would be with the groups relaxed.
            let tl = budget
                .time_limit_s
                .unwrap_or(sc.solver.time_limit_s.min(ex::RESOLVE_TIME_LIMIT_S));
            b.relaxation = ex::relax_requirements(&ctx, &cands, Some(tl));
        }
        let tl = budget
            .time_limit_s
            .unwrap_or(sc.solver.time_limit_s.min(ex::RESOLVE_TIME_LIMIT_S));
        match (cadre, post, base.as_ref()) {
            (Some(c), Some(p), b) => Explanation::Pair(ex::explain_pair(&ctx, &cands, b, c, p, tl)),
            (Some(c), None, Some(b)) => {
                Explanation::Cadre(ex::explain_cadre(&ctx, &cands, b, c, &budget))
            }
            (None, Some(p), Some(b)) => {
                Explanation::Post(ex::explain_post(&ctx, &cands, b, p, &budget))
            }
            (None, None, Some(b)) => Explanation::Plan(ex::Overview::of(b)),
            // Only an excluded pair goes without a plan, and it is handled above.
            _ => {
                fail!("internal error: no plan to explain");
                return 2;
            }
        }
    };
    say(&report::explanation(&e, format));
    0
}
