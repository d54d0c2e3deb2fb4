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
    SHEET_NOT_FOUND = "E1016": "sheet not found";
    ALIAS_BOMB = "E1017": "YAML aliases expand too far";
    OUTSIDE_PATH = "E1018": "path outside the scenario's folder";
    TOO_MANY_PROBLEMS = "E1019": "more problems in this file";
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
    NUL_BYTE = "E2016": "NUL byte in a table";
    UNCLOSED_QUOTE = "E2017": "unclosed quote";
    TOO_MANY_ROWS = "E2018": "table too large";
    UNKNOWN_ID = "E3001": "unknown id";
    PINNED_AND_FORBIDDEN = "E3002": "pinned and forbidden";
    PINNED_TWICE = "E3003": "cadre pinned twice";
    POST_OVERPINNED = "E3004": "more pins than seats";
    TOO_MANY_PAIRS = "E3005": "too many candidate pairs";
    PLAN_MISSING_COLUMN = "E4001": "plan without cadre_id/post_id column";
    PLAN_UNKNOWN_CADRE = "E4002": "unknown cadre in plan";
    PLAN_UNKNOWN_POST = "E4003": "unknown post in plan";
    PLAN_MISSING_VALUE = "E4004": "empty cell in plan";
    BAD_MOVE = "E4005": "bad kind or period in a programme";
    BAD_PROGRAMME = "E5001": "programme periods out of order";
    HOLDS_TWO_POSTS = "E5002": "cadre holds two posts";
    BAD_PAIR_PERIOD = "E5004": "pin or forbid in a period the programme does not have";
}

macro_rules! warning_codes {
    ($($name:ident = $code:literal : $title:literal;)*) => {
        $(pub(crate) const $name: &str = $code;)*
        /// Every warning code the loader can report, with its short title, in code order. A warning
        /// does not stop a plan (unless `--deny-warnings` or `deny_warnings: true`); `docs/errors.md`
        /// documents each of them.
        pub const WARNING_CODES: &[(&str, &str)] = &[$(($code, $title)),*];
    };
}

warning_codes! {
    PROVINCE_BY_NAME = "W2001": "province written as a name";
    UNKNOWN_PROVINCE = "W2002": "unknown province";
    UNMATCHED_TITLE = "W2003": "planned title matches no post";
    NOT_LOCAL_LOOKING = "W2004": "not-local title marked not_local=false";
    ONE_SIDED_RELATIVE = "W2005": "relative listed on one side only";
    CENTRAL_NOT_LOCAL = "W2006": "central post marked not-local";
    MERGED_PROVINCE = "W2007": "province merged into one of the scenario's";
    PLAN_NAME_MISMATCH = "W4001": "name does not match the id";
}

/// Repeats of one problem in one column: from this many on, they are reported once, with the
/// count and the first rows.
const GROUP_FROM: usize = 4;

/// The short title of a code (empty for an unknown code).
pub fn title(code: &str) -> &'static str {
    ERROR_CODES
        .iter()
        .chain(WARNING_CODES)
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
    /// 1-based column: the character column in a YAML file, the cell's field number in a CSV file
    /// or the sheet's column (A = 1) in a workbook.
    pub column: Option<usize>,
    /// The sheet of a workbook (XLSX) table; then `line` is the sheet's row and the location is
    /// shown as `Sheet!F12`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Field path: `weights.stafing`, `extra_seats[0].post`, or `cadres.csv: birth_date`.
    pub field: String,
    /// What the file holds there (values quoted).
    pub found: String,
    /// What was expected instead.
    pub expected: String,
    /// What to do about it.
    pub fix: String,
    /// What makes two diagnostics of one column "the same problem" beyond code and expectation
    /// (the unknown title or province), for grouping repeats.
    #[serde(skip)]
    pub(crate) group: String,
}

impl Diagnostic {
    pub(crate) fn new(code: &'static str, file: &Path) -> Diagnostic {
        Diagnostic {
            code,
            message: title(code),
            file: file.to_path_buf(),
            line: None,
            column: None,
            sheet: None,
            field: String::new(),
            found: String::new(),
            expected: String::new(),
            fix: String::new(),
            group: String::new(),
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
    pub(crate) fn group(mut self, group: impl Into<String>) -> Diagnostic {
        self.group = group.into();
        self
    }

    /// A warning (a `W` code) rather than an error.
    pub fn is_warning(&self) -> bool {
        self.code.starts_with('W')
    }

    /// `F12` of a workbook cell (column letters, row number).
    pub fn cell(&self) -> Option<String> {
        let row = self.line?;
        Some(match self.column {
            Some(c) => format!("{}{row}", column_letters(c)),
            None => format!("{row}:{row}"),
        })
    }

    /// The column name when the field is a CSV cell (`"cadres.csv: birth_date"` gives `birth_date`).
    fn csv_column(&self) -> Option<&str> {
        let name = match &self.sheet {
            Some(sheet) => sheet.as_str(),
            None => self.file.file_name()?.to_str()?,
        };
        self.field.strip_prefix(name)?.strip_prefix(": ")
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.is_warning() {
            "warning"
        } else {
            "error"
        };
        writeln!(f, "{kind}[{}]: {}", self.code, self.message)?;
        write!(f, "  --> {}", self.file.display())?;
        if let Some(sheet) = &self.sheet {
            match self.cell() {
                Some(cell) => write!(f, ", {sheet}!{cell}")?,
                None => write!(f, ", sheet {sheet}")?,
            }
        } else if let Some(line) = self.line {
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

/// `A`…`Z`, `AA`… for a 1-based column number.
pub(crate) fn column_letters(mut c: usize) -> String {
    let mut out = Vec::new();
    while c > 0 {
        let r = (c - 1) % 26;
        out.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
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
    warnings: Vec<Diagnostic>,
    /// How the tables were read (separator, workbook sheet), for `validate` to say.
    notes: Vec<String>,
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
    /// An error, or a warning (a `W` code).
    pub(crate) fn push(&mut self, d: Diagnostic) {
        if d.is_warning() {
            self.warnings.push(d);
        } else {
            self.list.push(d);
        }
    }
    pub(crate) fn note(&mut self, note: String) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }
    /// The warnings and notes collected from `since` (counts of [`Diags::marks`]) on.
    pub(crate) fn marks(&self) -> (usize, usize, usize) {
        (self.list.len(), self.warnings.len(), self.notes.len())
    }
    /// Puts the diagnostics pushed since `since` in a workbook's sheet.
    pub(crate) fn in_sheet(&mut self, since: (usize, usize, usize), file: &Path, sheet: &str) {
        let e = since.0.min(self.list.len());
        let w = since.1.min(self.warnings.len());
        for d in self.list[e..]
            .iter_mut()
            .chain(self.warnings[w..].iter_mut())
        {
            if d.file == file && d.sheet.is_none() {
                d.sheet = Some(sheet.to_string());
            }
        }
    }
    /// The warnings and notes pushed since `since`, copied (to be cached with a table).
    pub(crate) fn since(&self, since: (usize, usize, usize)) -> (Vec<Diagnostic>, Vec<String>) {
        (
            self.warnings[since.1.min(self.warnings.len())..].to_vec(),
            self.notes[since.2.min(self.notes.len())..].to_vec(),
        )
    }
    /// Adds warnings and notes remembered from an earlier parse.
    pub(crate) fn replay(&mut self, warnings: &[Diagnostic], notes: &[String]) {
        self.warnings.extend(warnings.iter().cloned());
        for n in notes {
            self.note(n.clone());
        }
    }

    fn sorted(&self, list: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut files: Vec<PathBuf> = self.order.clone();
        for d in &list {
            if !files.contains(&d.file) {
                files.push(d.file.clone());
            }
        }
        let mut list = list;
        list.sort_by_key(|d| {
            let file = files.iter().position(|f| *f == d.file).unwrap_or(0);
            (
                file,
                d.sheet.clone(),
                d.line.unwrap_or(0),
                d.column.unwrap_or(0),
            )
        });
        group_repeats(list)
    }

    /// The collected errors sorted by file (first-seen order), line and column; `None` if none.
    pub(crate) fn into_error(self) -> Option<LoadError> {
        self.finish().err()
    }

    /// The errors (if any), else the warnings and notes; each list sorted and with repeats grouped.
    pub(crate) fn finish(mut self) -> Result<(Vec<Diagnostic>, Vec<String>), LoadError> {
        if !self.list.is_empty() {
            let list = std::mem::take(&mut self.list);
            // Errors are capped per file; warnings are grouped already and never stop a load.
            return Err(LoadError {
                diagnostics: cap_per_file(self.sorted(list)),
            });
        }
        let mut seen = Vec::new();
        let warnings = std::mem::take(&mut self.warnings)
            .into_iter()
            .filter(|w| {
                let new = !seen.contains(w);
                if new {
                    seen.push(w.clone());
                }
                new
            })
            .collect();
        Ok((self.sorted(warnings), std::mem::take(&mut self.notes)))
    }
}

/// The same problem in the same column of many rows (same code, file, sheet, field and
/// expectation), reported once: the first, with the count and the first rows.
pub(crate) fn group_repeats(list: Vec<Diagnostic>) -> Vec<Diagnostic> {
    type GroupKey = (
        &'static str,
        PathBuf,
        Option<String>,
        String,
        String,
        String,
    );
    let key = |d: &Diagnostic| -> Option<GroupKey> {
        (d.line.is_some() && !d.field.is_empty()).then(|| {
            (
                d.code,
                d.file.clone(),
                d.sheet.clone(),
                d.field.clone(),
                d.expected.clone(),
                d.group.clone(),
            )
        })
    };
    let mut counts: std::collections::HashMap<GroupKey, Vec<usize>> = Default::default();
    for d in &list {
        if let (Some(k), Some(line)) = (key(d), d.line) {
            counts.entry(k).or_default().push(line);
        }
    }
    let mut out = Vec::with_capacity(list.len());
    let mut emitted: std::collections::HashSet<GroupKey> = Default::default();
    for mut d in list {
        let Some(k) = key(&d) else {
            out.push(d);
            continue;
        };
        let lines = &counts[&k];
        if lines.len() < GROUP_FROM {
            out.push(d);
            continue;
        }
        if !emitted.insert(k) {
            continue;
        }
        let what = if d.sheet.is_some() { "rows" } else { "lines" };
        let first: Vec<String> = lines.iter().take(5).map(|l| l.to_string()).collect();
        d.found = format!(
            "{}; the same problem in {} rows of this column ({what} {}{})",
            d.found,
            lines.len(),
            first.join(", "),
            if lines.len() > 5 { ", …" } else { "" }
        );
        out.push(d);
    }
    out
}

/// Most diagnostics shown for one file; the rest are counted in one last diagnostic (E1019).
pub const MAX_PER_FILE: usize = 50;

/// Keeps the first [`MAX_PER_FILE`] diagnostics of each file (the list is sorted by file) and
/// replaces the rest by one E1019 saying how many more there are.
pub(crate) fn cap_per_file(list: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::with_capacity(list.len().min(4 * MAX_PER_FILE));
    let mut shown: std::collections::HashMap<PathBuf, usize> = Default::default();
    let mut more: Vec<(PathBuf, usize, usize)> = Vec::new();
    for d in list {
        let n = shown.entry(d.file.clone()).or_default();
        *n += 1;
        if *n <= MAX_PER_FILE {
            out.push(d);
            continue;
        }
        match more.iter_mut().find(|(f, _, _)| *f == d.file) {
            Some(m) => m.1 += 1,
            None => {
                // After the last diagnostic shown of the file.
                let at = out
                    .iter()
                    .rposition(|x| x.file == d.file)
                    .map_or(0, |i| i + 1);
                more.push((d.file.clone(), 1, at));
            }
        }
    }
    for (file, count, at) in more.into_iter().rev() {
        let d = Diagnostic::new(TOO_MANY_PROBLEMS, &file)
            .found(format!(
                "and {count} more problem(s) in this file (the first {MAX_PER_FILE} are shown)"
            ))
            .expected(format!("at most {MAX_PER_FILE} problems shown per file"))
            .fix(
                "correct the problems shown and validate again; so many problems often mean the wrong \
                 file, another separator or a column shifted by one",
            );
        out.insert(at, d);
    }
    out
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
    fn sheet_cells_and_groups() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(6), "F");
        assert_eq!(column_letters(27), "AA");
        let mut d = Diagnostic::new(BAD_DATE, Path::new("can-bo.xlsx"))
            .at(Some(12), Some(6))
            .field("CanBo: birth_date")
            .found("\"x\"")
            .expected("a date")
            .fix("f");
        d.sheet = Some("CanBo".into());
        assert_eq!(
            d.to_string().lines().nth(1).unwrap(),
            "  --> can-bo.xlsx, CanBo!F12 (column birth_date)"
        );
        let many: Vec<Diagnostic> = (2..40).map(|l| d.clone().at(Some(l), Some(6))).collect();
        let grouped = group_repeats(many);
        assert_eq!(grouped.len(), 1);
        assert!(grouped[0].found.contains("38 rows"), "{}", grouped[0].found);
        assert!(
            grouped[0].found.contains("rows 2, 3, 4, 5, 6, …"),
            "{}",
            grouped[0].found
        );
        let few: Vec<Diagnostic> = (2..5).map(|l| d.clone().at(Some(l), Some(6))).collect();
        assert_eq!(group_repeats(few).len(), 3);
    }

    #[test]
    fn codes_are_unique_and_sorted() {
        for w in WARNING_CODES.windows(2) {
            assert!(w[0].0 < w[1].0, "{} before {}", w[0].0, w[1].0);
        }
        for w in ERROR_CODES.windows(2) {
            assert!(w[0].0 < w[1].0, "{} before {}", w[0].0, w[1].0);
        }
    }
}
