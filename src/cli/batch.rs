//! `rotaplan batch`: nightly runs into dated run folders, resumable; `batch merge` of shards.

use super::progress::Bars;
use super::{Status, log, refuse, say};
use rotaplan::report::{
    self, BudgetFault, Refusal,
    catalogue::{Msg, fill},
};
use rotaplan::runs::nightly;
use std::path::PathBuf;
use std::time::Duration;

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
#[command(
    after_help = "Examples:\n  rotaplan batch /srv/rotaplan/scenarios --out /srv/rotaplan/runs --budget 5h\n  rotaplan batch /srv/rotaplan/scenarios --out /srv/rotaplan/runs --resume\n  rotaplan batch merge runs/shard-1/2027-01-01 runs/shard-2/2027-01-01 --out runs/merged"
)]
pub struct Args {
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
    /// Scenarios solved at once, 1 to 1024 [default: the cores]
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=super::MAX_JOBS))]
    jobs: Option<u64>,
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
    #[command(
        after_help = "Example:\n  rotaplan batch merge runs/shard-1/2027-01-01 runs/shard-2/2027-01-01 --out runs/merged"
    )]
    Merge {
        /// The run folders of the shards
        #[arg(required = true)]
        shards: Vec<PathBuf>,
        /// The folder of the merged run
        #[arg(long)]
        out: PathBuf,
    },
}

static STOP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn run(a: Args, quiet: bool, langs: super::Langs) -> Status {
    if let Some(BatchCommand::Merge { shards, out }) = a.command {
        return match nightly::merge(&shards, &out, langs.choice()) {
            Ok(m) => {
                let lang = langs.plain();
                say(&format!(
                    "{}\n{}\n",
                    report::batch_line(lang, &m),
                    fill(lang, Msg::BatchMerged, &[("path", &out.display())])
                ));
                Status::ok_if(m.all_ok())
            }
            Err(e) => {
                refuse(Refusal::Merge(e));
                Status::Problem
            }
        };
    }
    if a.inputs.is_empty() {
        refuse(Refusal::NoInputs);
        return Status::Problem;
    }
    let shard = match a.shard.as_deref().map(parse_shard).transpose() {
        Ok(s) => s,
        Err(e) => {
            refuse(e);
            return Status::Problem;
        }
    };
    let seconds = match (&a.budget, &a.deadline) {
        (Some(b), _) => parse_budget(b).map(Some),
        (None, Some(d)) => parse_deadline(d, chrono::Local::now().naive_local()).map(Some),
        (None, None) => Ok(None),
    };
    let deadline = match seconds {
        Ok(s) => s.map(|s| std::time::Instant::now() + Duration::from_secs_f64(s)),
        Err(e) => {
            refuse(e);
            return Status::Problem;
        }
    };
    if let Err(e) = rotaplan::output::check_out_dir(&a.out) {
        refuse(Refusal::OutDir(e));
        return Status::Problem;
    }
    let _ = ctrlc::set_handler(|| {
        STOP.store(true, std::sync::atomic::Ordering::SeqCst);
        log::say_err(
            tracing::Level::WARN,
            "\ninterrupted: finishing the running scenarios, starting no new one (Ctrl-C again is ignored)",
        );
    });
    let files = match nightly::discover(&a.inputs) {
        Ok(f) => f,
        Err(e) => {
            refuse(Refusal::Discover(e));
            return Status::Problem;
        }
    };
    let threads = a.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        |j| j as usize,
    );
    let opts = nightly::Options {
        out: a.out,
        resume: a.resume,
        shard,
        jobs: threads,
        deadline,
        langs: langs.choice(),
    };
    // The number of scenarios is known once the files are loaded (Progress::total).
    let bars = Bars::new(0, quiet, false);
    let result = nightly::batch(&files, &opts, &bars, &STOP);
    bars.finish();
    match result {
        Ok((m, dir)) => {
            let reused = m.scenarios.iter().filter(|e| e.reused).count();
            let lang = langs.plain();
            let reused = if reused > 0 {
                fill(lang, Msg::BatchReusedCount, &[("n", &reused)])
            } else {
                String::new()
            };
            say(&format!(
                "{}{reused}\n{}\n",
                report::batch_line(lang, &m),
                fill(lang, Msg::BatchRunFolder, &[("path", &dir.display())])
            ));
            if m.status != rotaplan::runs::manifest::ManifestStatus::Complete {
                log::say_err(
                    tracing::Level::WARN,
                    "the run was interrupted; `rotaplan batch --resume` with the same arguments finishes it",
                );
            }
            Status::ok_if(m.all_ok())
        }
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
            refuse(Refusal::Io(e));
            Status::Problem
        }
        Err(e) => {
            refuse(Refusal::BatchWrite {
                dir: opts.out.clone(),
                error: e.to_string(),
            });
            Status::Problem
        }
    }
}

pub fn parse_shard(s: &str) -> Result<(usize, usize), Refusal> {
    let (i, n) = s
        .split_once('/')
        .ok_or_else(|| Refusal::ShardForm(s.to_string()))?;
    match (i.trim().parse::<usize>(), n.trim().parse::<usize>()) {
        (Ok(i), Ok(n)) if n >= 1 && (1..=n).contains(&i) => Ok((i, n)),
        _ => Err(Refusal::ShardRange(s.to_string())),
    }
}

/// The longest `--budget`: a year.
const MAX_BUDGET_S: f64 = 365.0 * 24.0 * 3600.0;

/// `--budget 2h` / `90m` / `45s` / `1h30m` as seconds.
pub fn parse_budget(s: &str) -> Result<f64, Refusal> {
    let refused = |fault| Refusal::Budget {
        value: s.to_string(),
        fault,
    };
    let mut total = 0.0;
    let mut num = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let v: f64 = num.parse().map_err(|_| refused(BudgetFault::Form))?;
        num.clear();
        total += v * match c {
            'h' => 3600.0,
            'm' => 60.0,
            's' => 1.0,
            _ => return Err(refused(BudgetFault::Unit)),
        };
    }
    if !num.is_empty() {
        total += num.parse::<f64>().map_err(|_| refused(BudgetFault::Form))?;
    }
    if total > MAX_BUDGET_S {
        Err(refused(BudgetFault::TooLong))
    } else if total > 0.0 {
        Ok(total)
    } else {
        Err(refused(BudgetFault::Zero))
    }
}

/// `--deadline 05:30`: seconds from `now` to the next such local time.
pub fn parse_deadline(s: &str, now: chrono::NaiveDateTime) -> Result<f64, Refusal> {
    let t = chrono::NaiveTime::parse_from_str(s.trim(), "%H:%M")
        .map_err(|_| Refusal::Deadline(s.to_string()))?;
    let mut at = now.date().and_time(t);
    if at <= now {
        at += chrono::Duration::days(1);
    }
    Ok((at - now).num_milliseconds() as f64 / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_shards_and_deadlines_parse() {
        assert_eq!(parse_budget("2h").ok(), Some(7200.0));
        assert_eq!(parse_budget("1h30m").ok(), Some(5400.0));
        assert_eq!(parse_budget("600").ok(), Some(600.0));
        let fault = |s| match parse_budget(s) {
            Err(Refusal::Budget { fault, .. }) => Some(fault),
            _ => None,
        };
        assert_eq!(fault("2x"), Some(BudgetFault::Unit));
        assert_eq!(fault("0m"), Some(BudgetFault::Zero));
        assert_eq!(fault("h"), Some(BudgetFault::Form));
        // Past a clock's range a deadline panicked.
        assert_eq!(fault("9223372036854775807s"), Some(BudgetFault::TooLong));
        assert_eq!(fault("5000000000000000h"), Some(BudgetFault::TooLong));
        assert_eq!(parse_budget("8760h").ok(), Some(31_536_000.0));
        assert_eq!(parse_shard("2/4").ok(), Some((2, 4)));
        assert!(matches!(parse_shard("0/4"), Err(Refusal::ShardRange(_))));
        assert!(matches!(parse_shard("5/4"), Err(Refusal::ShardRange(_))));
        assert!(matches!(parse_shard("x"), Err(Refusal::ShardForm(_))));
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
            .unwrap()
            .and_hms_opt(23, 0, 0)
            .unwrap();
        assert_eq!(parse_deadline("05:30", now).ok(), Some(6.5 * 3600.0));
        assert_eq!(parse_deadline("23:30", now).ok(), Some(1800.0));
        assert!(matches!(
            parse_deadline("5h", now),
            Err(Refusal::Deadline(_))
        ));
    }
}
