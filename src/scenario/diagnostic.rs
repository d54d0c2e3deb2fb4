//! Located error messages: every problem found while loading a scenario is one [`Diagnostic`] with a
//! stable code (documented in `docs/errors.md`), and [`LoadError`] carries all of them at once.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

macro_rules! codes {
    ($($name:ident = $code:literal : $title:literal;)*) => {
        $(pub(crate) const $name: &str = $code;)*
        /// Every error code the loader can report, with its short title, in code order.
        /// `docs/errors.md` documents each of them.
        pub const ERROR_CODES: &[(&str, &str)] = &[$(($code, $title)),*];
    };
}

codes! {
    FILE_NOT_FOUND = "E1001": "file not found";
    UNKNOWN_KEY = "E1002": "unknown key";
    MISSING_KEY = "E1003": "missing key";
    WRONG_TYPE = "E1004": "wrong type";
    BAD_VALUE = "E1005": "value out of range";
    UNKNOWN_RULE_SET = "E1006": "unknown rule set";
    YAML_SYNTAX = "E1007": "YAML syntax error";
    IS_DIRECTORY = "E1008": "a directory, not a file";
    UNREADABLE = "E1009": "file cannot be read";
    NOT_UTF8 = "E1010": "file is not UTF-8 text";
    YAML_BAD_DATE = "E1011": "bad date";
    UNKNOWN_NAME = "E1012": "unknown name in a list";
    EXTENDS_CYCLE = "E1013": "extends cycle";
    SWEEP_TOO_LARGE = "E1014": "sweep too large";
    DUPLICATE_VARIANT = "E1015": "duplicate variant name";
    MISSING_COLUMN = "E2001": "missing column";
    UNKNOWN_COLUMN = "E2002": "unknown column";
    EMPTY_TABLE = "E2003": "empty table";
    BAD_ENUM = "E2004": "value not allowed";
    BAD_NUMBER = "E2005": "bad number";
    BAD_DATE = "E2006": "bad date";
    DUPLICATE_ID = "E2007": "duplicate id";
    UNKNOWN_REFERENCE = "E2008": "unknown reference";
    IMPOSSIBLE_VALUE = "E2009": "impossible value";
    BAD_LIST = "E2010": "bad list";
    OUT_OF_RANGE = "E2011": "number out of range";
    MISSING_VALUE = "E2012": "missing value";
    NO_HEADER = "E2013": "no header row";
    BAD_ROW = "E2014": "wrong number of cells";
    DUPLICATE_COLUMN = "E2015": "duplicate column";
    UNKNOWN_ID = "E3001": "unknown id";
    PINNED_AND_FORBIDDEN = "E3002": "pinned and forbidden";
    PINNED_TWICE = "E3003": "cadre pinned twice";
    POST_OVERPINNED = "E3004": "more pins than seats";
    PLAN_MISSING_COLUMN = "E4001": "plan without cadre_id/post_id column";
    PLAN_UNKNOWN_CADRE = "E4002": "unknown cadre in plan";
    PLAN_UNKNOWN_POST = "E4003": "unknown post in plan";
    PLAN_MISSING_VALUE = "E4004": "empty cell in plan";
}

/// The short title of a code (empty for an unknown code).
pub fn title(code: &str) -> &'static str {
    ERROR_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, t)| *t)
        .unwrap_or("")
}

/// One problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `"E2006"`; see `docs/errors.md`.
    pub code: &'static str,
    /// Short title of the code, e.g. `"bad date"`.
    pub message: &'static str,
    /// The file the problem is in (as given, joined to the scenario's folder for tables).
    pub file: PathBuf,
    /// 1-based line in `file`; for a CSV the line where the record starts.
    pub line: Option<usize>,
    /// 1-based column: the character column in a YAML file, the cell's field number in a CSV file.
    pub column: Option<usize>,
    /// Field path: `weights.stafing`, `extra_seats[0].post`, or `cadres.csv: birth_date`.
    pub field: String,
    /// What the file holds there (values quoted).
    pub found: String,
    /// What was expected instead.
    pub expected: String,
    /// What to do about it.
    pub fix: String,
}

impl Diagnostic {
    pub(crate) fn new(code: &'static str, file: &Path) -> Diagnostic {
        Diagnostic {
            code,
            message: title(code),
            file: file.to_path_buf(),
            line: None,
            column: None,
            field: String::new(),
            found: String::new(),
            expected: String::new(),
            fix: String::new(),
        }
    }
    pub(crate) fn at(mut self, line: Option<usize>, column: Option<usize>) -> Diagnostic {
        self.line = line;
        self.column = if line.is_some() { column } else { None };
        self
    }
    pub(crate) fn field(mut self, field: impl Into<String>) -> Diagnostic {
        self.field = field.into();
        self
    }
    pub(crate) fn found(mut self, found: impl Into<String>) -> Diagnostic {
        self.found = found.into();
        self
    }
    pub(crate) fn expected(mut self, expected: impl Into<String>) -> Diagnostic {
        self.expected = expected.into();
        self
    }
    pub(crate) fn fix(mut self, fix: impl Into<String>) -> Diagnostic {
        self.fix = fix.into();
        self
    }

    /// The column name when the field is a CSV cell (`"cadres.csv: birth_date"` gives `birth_date`).
    fn csv_column(&self) -> Option<&str> {
        let name = self.file.file_name()?.to_str()?;
        self.field.strip_prefix(name)?.strip_prefix(": ")
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error[{}]: {}", self.code, self.message)?;
        write!(f, "  --> {}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(column) = self.csv_column() {
            write!(f, " (column {column})")?;
        } else if !self.field.is_empty() {
            write!(f, " ({})", self.field)?;
        }
        for (label, text) in [
            ("found", &self.found),
            ("expected", &self.expected),
            ("fix", &self.fix),
        ] {
            if !text.is_empty() {
                write!(f, "\n  {label}: {text}")?;
            }
        }
        Ok(())
    }
}

/// Everything wrong with a scenario (or a plan file), found in one pass. Never empty.
#[derive(Debug, Clone, thiserror::Error)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    /// The distinct codes reported, in order of first appearance.
    pub fn codes(&self) -> Vec<&'static str> {
        let mut codes: Vec<&'static str> = Vec::new();
        for d in &self.diagnostics {
            if !codes.contains(&d.code) {
                codes.push(d.code);
            }
        }
        codes
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Collects diagnostics; files are numbered in the order they were first seen so the final list
/// reads file by file, line by line.
#[derive(Debug, Default)]
pub(crate) struct Diags {
    list: Vec<Diagnostic>,
    /// Files listed first, in this order (the scenario, then its tables).
    order: Vec<PathBuf>,
}

impl Diags {
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// Lists the diagnostics of these files first, in this order.
    pub(crate) fn order_files(&mut self, files: Vec<PathBuf>) {
        self.order = files;
    }
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.list.push(d);
    }
    /// The collected diagnostics sorted by file (first-seen order), line and column; `None` if none.
    pub(crate) fn into_error(self) -> Option<LoadError> {
        if self.list.is_empty() {
            return None;
        }
        let mut files: Vec<PathBuf> = self.order;
        for d in &self.list {
            if !files.contains(&d.file) {
                files.push(d.file.clone());
            }
        }
        let mut list = self.list;
        list.sort_by_key(|d| {
            let file = files.iter().position(|f| *f == d.file).unwrap_or(0);
            (file, d.line.unwrap_or(0), d.column.unwrap_or(0))
        });
        Some(LoadError { diagnostics: list })
    }
}

/// A value as shown after `found:`.
pub(crate) fn quoted(s: &str) -> String {
    format!("{s:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_csv_cell() {
        let d = Diagnostic::new(BAD_DATE, Path::new("scenarios/x/cadres.csv"))
            .at(Some(14), Some(5))
            .field("cadres.csv: birth_date")
            .found(quoted("1975-13-01"))
            .expected("a date YYYY-MM-DD")
            .fix("write the date as YYYY-MM-DD");
        assert_eq!(
            d.to_string(),
            "error[E2006]: bad date\n  --> scenarios/x/cadres.csv:14:5 (column birth_date)\n  \
             found: \"1975-13-01\"\n  expected: a date YYYY-MM-DD\n  fix: write the date as YYYY-MM-DD"
        );
    }

    #[test]
    fn display_yaml_field_without_location() {
        let d = Diagnostic::new(UNKNOWN_KEY, Path::new("s.yaml")).field("weights.stafing");
        assert_eq!(
            d.to_string(),
            "error[E1002]: unknown key\n  --> s.yaml (weights.stafing)"
        );
    }

    #[test]
    fn codes_are_unique_and_sorted() {
        for w in ERROR_CODES.windows(2) {
            assert!(w[0].0 < w[1].0, "{} before {}", w[0].0, w[1].0);
        }
    }
}
