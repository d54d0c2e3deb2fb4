//! Logging: the one place that installs a `tracing` subscriber (only the CLI knows the terminal).
//!
//! The library emits events (`tracing::info!` and friends, with structured fields); here they are
//! written to stderr, as text or as one JSON object per line (`--log-format json`), at the level
//! `-v`/`-q` ask for, or as `RUST_LOG` says when it is set. Stdout is the command's result only.
//!
//! Progress bars and log lines: while bars are drawn on a terminal, every log line is written
//! through [`MultiProgress::suspend`] (the bars are cleared, the line written, the bars drawn
//! again), so neither garbles the other. With `--log-format json` there are no bars: the events
//! say the same, and stderr stays one JSON object per line.

use clap::ValueEnum;
use indicatif::MultiProgress;
use std::io::{IsTerminal, Write};
use std::sync::{Mutex, OnceLock};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::LevelFilter;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line (timestamp, level, fields with the message, target).
    Json,
}

/// The level of `-v` (counted) and `-q`: info by default, debug with -v, trace with -vv; only
/// warnings and errors with -q.
pub fn level(verbose: u8, quiet: bool) -> LevelFilter {
    if quiet {
        return LevelFilter::WARN;
    }
    match verbose {
        0 => LevelFilter::INFO,
        1 => LevelFilter::DEBUG,
        _ => LevelFilter::TRACE,
    }
}

/// The filter: `RUST_LOG` when set (and not empty), else `level` for everything.
fn filter(level: LevelFilter, rust_log: Option<&str>) -> Result<EnvFilter, String> {
    match rust_log.map(str::trim).filter(|s| !s.is_empty()) {
        Some(spec) => EnvFilter::builder()
            .parse(spec)
            .map_err(|e| format!("RUST_LOG={spec} is not a log filter ({e}); using {level}")),
        None => Ok(EnvFilter::default().add_directive(level.into())),
    }
}

static FORMAT: OnceLock<LogFormat> = OnceLock::new();

/// The bars being drawn, if any: log lines are written through them.
static BARS: Mutex<Option<MultiProgress>> = Mutex::new(None);

/// The format chosen by [`init`] (text before it).
pub fn format() -> LogFormat {
    FORMAT.get().copied().unwrap_or_default()
}

/// Log lines are written through `bars` until [`detach_bars`].
pub fn attach_bars(bars: &MultiProgress) {
    if let Ok(mut b) = BARS.lock() {
        *b = Some(bars.clone());
    }
}

pub fn detach_bars() {
    if let Ok(mut b) = BARS.lock() {
        *b = None;
    }
}

/// Stderr, through the bars while they are drawn. The fmt layer writes each event with one
/// `write_all`, so a line is never split around a redraw.
struct Stderr;

impl Write for Stderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        let bars = BARS.lock().ok().and_then(|b| b.clone());
        match bars {
            Some(m) => m.suspend(|| std::io::stderr().lock().write_all(buf)),
            None => std::io::stderr().lock().write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

/// Text for the user on stderr (through the bars while they are drawn). A stderr that is closed
/// or whose reader went away (`rotaplan … 2>&1 | head -1`) ends the printing, never the run:
/// errors are ignored here, as the fmt layer ignores them for log events. Nothing in the CLI uses
/// `eprintln!`, which panics on such an error.
pub fn to_stderr(text: &str) {
    let _ = Stderr.write_all(text.as_bytes());
}

/// Install the subscriber: events at `level` (or as `RUST_LOG` says) on stderr, in `format`.
pub fn init(level: LevelFilter, format: LogFormat) {
    let _ = FORMAT.set(format);
    let rust_log = std::env::var("RUST_LOG").ok();
    let (filter, warning) = match filter(level, rust_log.as_deref()) {
        Ok(f) => (f, None),
        Err(w) => (EnvFilter::default().add_directive(level.into()), Some(w)),
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(|| Stderr)
        // On a failed write the fmt layer would say so with `eprintln!`, which panics when
        // stderr is gone: a log line that cannot be written is dropped, and the run goes on.
        .log_internal_errors(false);
    let _ = match format {
        LogFormat::Text => {
            let ansi = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            builder.with_ansi(ansi).try_init()
        }
        LogFormat::Json => builder
            .json()
            .with_ansi(false)
            .with_current_span(false)
            .with_span_list(false)
            .try_init(),
    };
    if let Some(w) = warning {
        tracing::warn!("{w}");
    }
}

/// A one-line message for the user (`error: …`, `interrupted: …`): as it is on stderr in text
/// mode; in JSON mode an event at `level`, so that stderr stays one JSON object per line.
pub fn say_err(level: tracing::Level, line: &str) {
    if format() == LogFormat::Json {
        let line = line.trim();
        match level {
            tracing::Level::ERROR => tracing::error!(target: "rotaplan", "{line}"),
            tracing::Level::WARN => tracing::warn!(target: "rotaplan", "{line}"),
            _ => tracing::info!(target: "rotaplan", "{line}"),
        }
    } else {
        to_stderr(&format!("{line}\n"));
    }
}

/// A multi-line error for the user (a file's diagnostics, a checker's violations): `text` as it is
/// on stderr in text mode; in JSON mode one error event whose message is `summary` and whose
/// `detail` field carries the whole text, so that stderr stays one JSON object per line.
pub fn say_err_detail(summary: &str, text: &str) {
    if format() == LogFormat::Json {
        tracing::error!(target: "rotaplan", detail = %text.trim_end(), "{}", summary.trim());
    } else {
        to_stderr(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_map_to_levels() {
        assert_eq!(level(0, false), LevelFilter::INFO);
        assert_eq!(level(1, false), LevelFilter::DEBUG);
        assert_eq!(level(2, false), LevelFilter::TRACE);
        assert_eq!(level(7, false), LevelFilter::TRACE);
        assert_eq!(level(0, true), LevelFilter::WARN);
        // -q wins (clap makes -v and -q conflict; this is the library's answer anyway).
        assert_eq!(level(2, true), LevelFilter::WARN);
    }

    #[test]
    fn rust_log_overrides_the_flags() {
        let f = filter(LevelFilter::INFO, Some("rotaplan::solve=trace,warn")).unwrap();
        assert_eq!(f.max_level_hint(), Some(LevelFilter::TRACE));
        let f = filter(LevelFilter::DEBUG, None).unwrap();
        assert_eq!(f.max_level_hint(), Some(LevelFilter::DEBUG));
        let f = filter(LevelFilter::WARN, Some("  ")).unwrap();
        assert_eq!(f.max_level_hint(), Some(LevelFilter::WARN));
        assert!(filter(LevelFilter::INFO, Some("rotaplan=loud")).is_err());
    }
}
