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
    /// Solve a scenario and write the plan (plan.csv, unfilled.csv, plan.json, plan.md) to --out.
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
        /// No progress on stderr.
        #[arg(long, short)]
        quiet: bool,
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
    match cli.command {
        Command::Plan {
            scenario,
            out,
            format,
            time_limit,
            gap,
            threads,
        } => plan(&scenario, out, format.into(), time_limit, gap, threads),
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
            quiet,
        } => whatif::run(&scenarios, jobs, out, quiet),
        Command::Compare { plans, format } => whatif::compare(&plans, format),
        Command::Diff { a, b } => whatif::diff(&a, &b),
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

fn load(path: &Path) -> Result<Scenario, i32> {
    scenario::load(path).map_err(|e| {
        eprintln!("{e}");
        eprintln!(
            "{} problem(s) in the scenario files; nothing was planned",
            e.diagnostics.len()
        );
        1
    })
}

fn write(path: &Path, text: &str) -> Result<(), i32> {
    write_atomic(path, text.as_bytes()).map_err(|e| {
        eprintln!("error: cannot write {}: {e}", path.display());
        1
    })
}

fn plan(
    path: &Path,
    out: Option<PathBuf>,
    format: Format,
    tl: Option<f64>,
    gap: Option<f64>,
    threads: Option<u32>,
) -> i32 {
    let mut sc = match load(path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Some(t) = tl {
        if !(t > 0.0 && t.is_finite()) {
            eprintln!("error: --time-limit must be a positive number of seconds, got {t}");
            return 1;
        }
        sc.solver.time_limit_s = t;
    }
    if let Some(g) = gap {
        if !(0.0..1.0).contains(&g) {
            eprintln!("error: --gap must be in [0, 1), got {g}");
            return 1;
        }
        sc.solver.relative_gap = g;
    }
    if let Some(n) = threads {
        sc.solver.threads = n.max(1);
    }
    let planned = rotaplan::plan_scenario(&sc);
    if !planned.violations.is_empty() {
        eprintln!("internal error: the plan failed the independent checker; nothing was written");
        eprint!("{}", report::violations_text(&planned.violations));
        return 2;
    }
    let plan = &planned.plan;
    let dir = out.unwrap_or_else(|| {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "plan".into());
        PathBuf::from("rotaplan-out").join(stem)
    });
    let files = [
        ("plan.csv", report::assignments_csv(plan)),
        ("unfilled.csv", report::unfilled_csv(plan)),
        ("plan.md", report::markdown(plan)),
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

fn check(scenario_path: &Path, plan_path: &Path, format: CheckFormat) -> i32 {
    let sc = match load(scenario_path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let rows = match scenario::read_plan_csv(plan_path, &sc) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
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
            eprintln!("{e}");
            eprintln!(
                "{} problem(s) in the scenario files; nothing was planned",
                e.diagnostics.len()
            );
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
        eprintln!("error: --cadres and --posts must be at least 1");
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
