//! The loader's diagnostics in words: `scenario::Diagnostic` carries codes, places and
//! [`Text`] (catalogue keys with their arguments); this module writes them in a language, as the
//! terminal shows them or as JSON records. `Display` of a diagnostic or a `LoadError` is English.

use std::fmt::{self, Write as _};

use serde::Serialize;

use super::catalogue::say;
use crate::domain::Lang;
use crate::scenario::{Arg, Diagnostic, LoadError, Part, Say, Text};

/// `text` in `lang`: each key's words with its arguments filled in, values as they are but
/// for the counts and dates Vietnamese writes its own way (`catalogue::value_words`).
pub fn text(lang: Lang, text: &Text) -> String {
    let mut out = String::new();
    for part in &text.0 {
        match part {
            Part::Value(v) => out += v.as_str(),
            Part::Say(key, args) => fill(&mut out, say(lang, *key), lang, args.as_slice()),
        }
    }
    out
}

/// The template with each `{name}` replaced by its argument, in one pass (a value holding `{…}`
/// is never read again); a `{…}` without an argument stays as it is.
fn fill(out: &mut String, template: &str, lang: Lang, args: &[(&'static str, Arg)]) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        *out += &rest[..open];
        let after = &rest[open + 1..];
        let found = after
            .find('}')
            .and_then(|close| Some((close, args.iter().find(|(n, _)| *n == &after[..close])?)));
        match found {
            Some((close, (name, value))) => {
                match value {
                    Arg::Value(v) => *out += &super::catalogue::value_words(lang, name, v.clone()),
                    Arg::Text(t) => *out += &text(lang, t),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    *out += rest;
}

/// The short title of a code in `lang` (empty for an unknown code).
pub fn code_title(lang: Lang, code: &str) -> &'static str {
    crate::scenario::title(code).map_or("", |k| say(lang, k))
}

/// What the file holds, in `lang`, with the count and first rows of the problem's repeats.
fn found(lang: Lang, d: &Diagnostic) -> String {
    let mut out = text(lang, &d.found);
    if let Some(r) = &d.repeats {
        let key = if d.sheet.is_some() {
            Say::SameProblemInRows
        } else {
            Say::SameProblemInLines
        };
        let first: Vec<String> = r.first.iter().map(usize::to_string).collect();
        let more = if r.count > r.first.len() { ", …" } else { "" };
        out += &text(
            lang,
            &Text::say(key)
                .arg("count", r.count)
                .arg("first", first.join(", "))
                .arg("more", more),
        );
        if !r.others.is_empty() {
            let at = if d.sheet.is_some() {
                Say::ValueAtRow
            } else {
                Say::ValueAtLine
            };
            let values: Vec<String> = r
                .others
                .iter()
                .map(|(line, v)| {
                    text(
                        lang,
                        &Text::say(at).arg("value", text(lang, v)).arg("line", line),
                    )
                })
                .collect();
            out += &text(
                lang,
                &Text::say(Say::OtherValuesLines).arg("values", values.join(", ")),
            );
        }
    }
    out
}

/// Where the problem is: `file:line:column`, `file, Sheet!F12` or `file, sheet S`, then the column
/// or field in parentheses.
fn place(lang: Lang, d: &Diagnostic) -> String {
    let mut out = crate::domain::text::one_line_shown(&d.file.display().to_string());
    if let Some(sheet) = &d.sheet {
        match d.cell() {
            Some(cell) => {
                let _ = write!(out, ", {sheet}!{cell}");
            }
            None => {
                let _ = write!(
                    out,
                    ", {}",
                    text(lang, &Text::say(Say::FrameSheet).arg("sheet", sheet))
                );
            }
        }
    } else if let Some(line) = d.line {
        let _ = write!(out, ":{line}");
        if let Some(column) = d.column {
            let _ = write!(out, ":{column}");
        }
    }
    if let Some(column) = d.csv_column() {
        let _ = write!(
            out,
            " ({})",
            text(lang, &Text::say(Say::FrameColumn).arg("column", column))
        );
    } else if !d.field.is_empty() {
        let _ = write!(out, " ({})", d.field);
    }
    out
}

/// One diagnostic as the terminal shows it, in `lang`.
pub fn diagnostic_text(lang: Lang, d: &Diagnostic) -> String {
    let kind = say(
        lang,
        if d.is_warning() {
            Say::FrameWarning
        } else {
            Say::FrameError
        },
    );
    let mut out = format!(
        "{kind}[{}]: {}\n  --> {}",
        d.code,
        code_title(lang, d.code),
        place(lang, d)
    );
    for (label, words) in [
        (Say::FrameFound, found(lang, d)),
        (Say::FrameExpected, text(lang, &d.expected)),
        (Say::FrameFix, text(lang, &d.fix)),
    ] {
        if !words.is_empty() {
            let _ = write!(out, "\n  {}: {words}", say(lang, label));
        }
    }
    out
}

/// Several diagnostics, a blank line between two.
pub fn diagnostics_text(lang: Lang, list: &[Diagnostic]) -> String {
    let all: Vec<String> = list.iter().map(|d| diagnostic_text(lang, d)).collect();
    all.join("\n\n")
}

/// The headline under a scenario's errors: how many, and that nothing was planned.
/// The last line of a moves file's problems (a plan for `check`, a programme or history for
/// `review`): its errors counted (denied warnings when there is none), nothing done.
pub fn file_error_summary(lang: Lang, e: &LoadError, file: &std::path::Path) -> String {
    let n = match e.diagnostics.iter().filter(|d| !d.is_warning()).count() {
        0 => e.diagnostics.len(),
        n => n,
    };
    text(
        lang,
        &Text::say(Say::ProblemsInFileNothingDone)
            .arg("n", n)
            .arg("file", file.display()),
    )
}

pub fn load_error_summary(lang: Lang, e: &LoadError) -> String {
    text(
        lang,
        &match (
            e.diagnostics.iter().filter(|d| !d.is_warning()).count(),
            e.all().filter(|d| d.is_warning()).count(),
        ) {
            // Warnings denied (`deny_warnings: true`): each is a problem, and said so.
            (0, _) => Text::say(Say::WarningsDeniedByKey).arg("n", e.diagnostics.len()),
            (n, 0) => Text::say(Say::ProblemsNothingPlanned).arg("n", n),
            (n, w) => Text::say(Say::ProblemsWarningsNothingPlanned)
                .arg("n", n)
                .arg("w", w),
        },
    )
}

/// One diagnostic as a JSON record (`validate --format json`, `check --format json`): stable
/// keys, every one present (`null` where the input gives no place), words in `lang`.
#[derive(Debug, Serialize)]
pub struct DiagnosticRecord {
    pub code: &'static str,
    /// `error` or `warning`.
    pub severity: &'static str,
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub sheet: Option<String>,
    pub field: String,
    /// The code's short title.
    pub message: &'static str,
    pub found: String,
    pub expected: String,
    pub fix: String,
}

/// The JSON record of `d` in `lang`.
pub fn diagnostic_record(lang: Lang, d: &Diagnostic) -> DiagnosticRecord {
    DiagnosticRecord {
        code: d.code,
        severity: if d.is_warning() { "warning" } else { "error" },
        file: d.file.display().to_string(),
        line: d.line,
        column: d.column,
        sheet: d.sheet.clone(),
        field: d.field.clone(),
        message: code_title(lang, d.code),
        found: found(lang, d),
        expected: text(lang, &d.expected),
        fix: text(lang, &d.fix),
    }
}

/// The records of several diagnostics, in their order.
pub fn diagnostic_records(lang: Lang, list: &[Diagnostic]) -> Vec<DiagnosticRecord> {
    list.iter().map(|d| diagnostic_record(lang, d)).collect()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&diagnostic_text(Lang::En, self))
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&diagnostics_text(Lang::En, &self.every()))
    }
}

/// The text in English.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&text(Lang::En, self))
    }
}
