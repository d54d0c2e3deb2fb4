//! Progress of many scenarios: the only user of indicatif. The library reports through its
//! `Progress` trait; here that becomes bars on a terminal, lines, or nothing.

use super::log;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rotaplan::report;
use rotaplan::runs::parallel::{Finished, Outcome, Progress};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

/// One bar per running scenario and a total on a terminal; plain lines (`run`) or nothing (`batch`,
/// whose log events say the same) otherwise; nothing if quiet. With `--log-format json` there are no
/// bars, and `run`'s lines are info events.
pub enum Bars {
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
    pub fn new(n: usize, quiet: bool, lines: bool) -> Bars {
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
    pub fn finish(&self) {
        if let Bars::Terminal { total, .. } = self {
            total.finish_and_clear();
            log::detach_bars();
        }
    }
}

fn summary(f: &Finished) -> String {
    match &f.outcome {
        Outcome::Planned(_) | Outcome::Programmed(_) => {
            let Some(s) = f.outcome.solved() else {
                return String::new();
            };
            let obj = s.objective.map_or("—".into(), report::num);
            let gap = s
                .gap
                .map_or(String::new(), |g| format!(", gap {:.4} %", g * 100.0));
            format!("{} {obj}{gap} ({:.1} s)", s.status.as_str(), f.seconds)
        }
        Outcome::Failed(e) => format!("FAILED: {}", e.to_string().lines().next().unwrap_or("")),
    }
}

/// `run`'s progress line as an event (JSON mode): the scenario, its status and numbers.
fn finished_event(done: usize, total: usize, f: &Finished) {
    match &f.outcome {
        Outcome::Planned(_) | Outcome::Programmed(_) => {
            let s = f.outcome.solved();
            tracing::info!(
                target: "rotaplan::run",
                scenario = %f.name,
                status = s.map(|s| s.status.as_str()),
                objective = s.and_then(|s| s.objective),
                gap = s.and_then(|s| s.gap),
                seconds = rotaplan::report::seconds_ms(f.seconds),
                done,
                total,
                "scenario finished"
            )
        }
        Outcome::Failed(e) => tracing::warn!(
            target: "rotaplan::run",
            scenario = %f.name,
            status = "failed",
            error = %e,
            seconds = rotaplan::report::seconds_ms(f.seconds),
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
                    log::to_stderr(&format!("[{n}/{total}] {}: {}\n", f.name, summary(f)));
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
