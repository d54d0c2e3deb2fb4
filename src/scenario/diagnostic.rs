//! Located error messages: every problem found while loading a scenario is one [`Diagnostic`] with a
//! stable code (documented in `docs/errors.md`), and [`LoadError`] carries all of them at once.

use std::fmt;
use std::path::{Path, PathBuf};

macro_rules! codes {
    ($($name:ident = $code:literal : $title:ident;)*) => {
        $(pub(crate) const $name: &str = $code;)*
        /// Every error code the loader can report, with the catalogue key of its short title
        /// (`report::code_title` words it), in code order. `docs/errors.md` documents each of them.
        pub const ERROR_CODES: &[(&str, Say)] = &[$(($code, Say::$title)),*];
    };
}

codes! {
    FILE_NOT_FOUND = "E1001": CodeE1001;
    UNKNOWN_KEY = "E1002": CodeE1002;
    MISSING_KEY = "E1003": CodeE1003;
    WRONG_TYPE = "E1004": CodeE1004;
    BAD_VALUE = "E1005": CodeE1005;
    UNKNOWN_RULE_SET = "E1006": CodeE1006;
    YAML_SYNTAX = "E1007": CodeE1007;
    IS_DIRECTORY = "E1008": CodeE1008;
    UNREADABLE = "E1009": CodeE1009;
    NOT_UTF8 = "E1010": CodeE1010;
    YAML_BAD_DATE = "E1011": CodeE1011;
    UNKNOWN_NAME = "E1012": CodeE1012;
    EXTENDS_CYCLE = "E1013": CodeE1013;
    SWEEP_TOO_LARGE = "E1014": CodeE1014;
    DUPLICATE_VARIANT = "E1015": CodeE1015;
    SHEET_NOT_FOUND = "E1016": CodeE1016;
    ALIAS_BOMB = "E1017": CodeE1017;
    OUTSIDE_PATH = "E1018": CodeE1018;
    TOO_MANY_PROBLEMS = "E1019": CodeE1019;
    SHEETS_AMBIGUOUS = "E1020": CodeE1020;
    MISSING_COLUMN = "E2001": CodeE2001;
    UNKNOWN_COLUMN = "E2002": CodeE2002;
    EMPTY_TABLE = "E2003": CodeE2003;
    BAD_ENUM = "E2004": CodeE2004;
    BAD_NUMBER = "E2005": CodeE2005;
    BAD_DATE = "E2006": CodeE2006;
    DUPLICATE_ID = "E2007": CodeE2007;
    UNKNOWN_REFERENCE = "E2008": CodeE2008;
    IMPOSSIBLE_VALUE = "E2009": CodeE2009;
    BAD_LIST = "E2010": CodeE2010;
    OUT_OF_RANGE = "E2011": CodeE2011;
    MISSING_VALUE = "E2012": CodeE2012;
    NO_HEADER = "E2013": CodeE2013;
    BAD_ROW = "E2014": CodeE2014;
    DUPLICATE_COLUMN = "E2015": CodeE2015;
    NUL_BYTE = "E2016": CodeE2016;
    UNCLOSED_QUOTE = "E2017": CodeE2017;
    TOO_MANY_ROWS = "E2018": CodeE2018;
    CELL_TOO_LONG = "E2019": CodeE2019;
    NO_CELL_VALUE = "E2020": CodeE2020;
    LEGACY_FONT_TEXT = "E2021": CodeE2021;
    LETTERS_LOST = "E2022": CodeE2022;
    UNKNOWN_ID = "E3001": CodeE3001;
    PINNED_AND_FORBIDDEN = "E3002": CodeE3002;
    PINNED_TWICE = "E3003": CodeE3003;
    POST_OVERPINNED = "E3004": CodeE3004;
    TOO_MANY_PAIRS = "E3005": CodeE3005;
    PLAN_MISSING_COLUMN = "E4001": CodeE4001;
    PLAN_UNKNOWN_CADRE = "E4002": CodeE4002;
    PLAN_UNKNOWN_POST = "E4003": CodeE4003;
    PLAN_MISSING_VALUE = "E4004": CodeE4004;
    BAD_MOVE = "E4005": CodeE4005;
    BAD_PROGRAMME = "E5001": CodeE5001;
    HOLDS_TWO_POSTS = "E5002": CodeE5002;
    BAD_HISTORY = "E5003": CodeE5003;
    BAD_PAIR_PERIOD = "E5004": CodeE5004;
}

macro_rules! warning_codes {
    ($($name:ident = $code:literal : $title:ident;)*) => {
        $(pub(crate) const $name: &str = $code;)*
        /// Every warning code the loader can report, with the catalogue key of its short title, in
        /// code order. A warning
        /// does not stop a plan (unless `--deny-warnings` or `deny_warnings: true`); `docs/errors.md`
        /// documents each of them.
        pub const WARNING_CODES: &[(&str, Say)] = &[$(($code, Say::$title)),*];
    };
}

warning_codes! {
    LEGACY_ENCODING = "W1001": CodeW1001;
    LEVEL_WORTH_NOTHING = "W1002": CodeW1002;
    PROVINCE_BY_NAME = "W2001": CodeW2001;
    UNKNOWN_PROVINCE = "W2002": CodeW2002;
    UNMATCHED_TITLE = "W2003": CodeW2003;
    NOT_LOCAL_LOOKING = "W2004": CodeW2004;
    ONE_SIDED_RELATIVE = "W2005": CodeW2005;
    CENTRAL_NOT_LOCAL = "W2006": CodeW2006;
    MERGED_PROVINCE = "W2007": CodeW2007;
    AMBIGUOUS_DATE = "W2008": CodeW2008;
    TITLE_ROWS_SKIPPED = "W2009": CodeW2009;
    HOLDER_ELSEWHERE = "W2010": CodeW2010;
    LAYOUT_ROWS_SKIPPED = "W2011": CodeW2011;
    UNIT_BY_NAME = "W2012": CodeW2012;
    HIDDEN_READ = "W2013": CodeW2013;
    POSITION_NOT_ROLE = "W2014": CodeW2014;
    BIRTH_MONTH_ONLY = "W2015": CodeW2015;
    WEB_TABLE_NOT_READ = "W2016": CodeW2016;
    UNLIKELY_AGE = "W2017": CodeW2017;
    MERGED_ACROSS = "W2018": CodeW2018;
    NO_PROVINCE_IN_COMMON = "W2019": CodeW2019;
    NOTE_THAT_MATTERS = "W2020": CodeW2020;
    SAME_PERSON_TWICE = "W2021": CodeW2021;
    NUMBER_WITH_REMARK = "W2022": CodeW2022;
    YEARS_FROM_A_SPAN = "W2023": CodeW2023;
    PLAN_NAME_MISMATCH = "W4001": CodeW4001;
    SHORT_EXECUTED_ROTATION = "W5001": CodeW5001;
    SEAT_HANDOVER = "W5002": CodeW5002;
    OVERDUE_PLACEMENT = "W5003": CodeW5003;
    NO_AS_OF = "W5004": CodeW5004;
    SINGLE_PLAN_KEY = "W5005": CodeW5005;
    REVIEW_PLACEMENT_ALONE = "W5006": CodeW5006;
}

/// Repeats of one problem in one column: from this many on, they are reported once, with the
/// count and the first rows.
const GROUP_FROM: usize = 4;

/// The catalogue key of a code's short title (`None` for an unknown code).
pub fn title(code: &str) -> Option<Say> {
    ERROR_CODES
        .iter()
        .chain(WARNING_CODES)
        .find(|(c, _)| *c == code)
        .map(|(_, t)| *t)
}

/// Wording for people, as data: catalogue keys ([`Say`]) with their arguments, and values read
/// from the files (ids, cells, paths), one after the other. `report/` turns it into words in a
/// language; nothing here is a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Text(pub Vec<Part>);

/// One piece of a [`Text`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Part {
    /// A catalogue message with its named arguments.
    Say(Say, Vec<(&'static str, Arg)>),
    /// A value as it is (an id, a quoted cell, a path, a number): the same in every language.
    Value(String),
}

/// The argument of a catalogue message.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Arg {
    /// A value as it is (a number, an id, a quoted cell).
    Value(String),
    /// Wording of its own, in the same language.
    Text(Text),
}

impl Text {
    /// The catalogue message `key`.
    pub fn say(key: Say) -> Text {
        Text(vec![Part::Say(key, Vec::new())])
    }
    /// A value shown as it is (nothing when empty).
    pub fn value(v: impl Into<String>) -> Text {
        let v = v.into();
        if v.is_empty() {
            Text::default()
        } else {
            Text(vec![Part::Value(v)])
        }
    }
    /// Gives the last message the argument `name`, a value.
    pub fn arg(self, name: &'static str, value: impl fmt::Display) -> Text {
        self.with(name, Arg::Value(value.to_string()))
    }
    /// Gives the last message the argument `name`, wording of its own.
    pub fn text(self, name: &'static str, text: Text) -> Text {
        self.with(name, Arg::Text(text))
    }
    fn with(mut self, name: &'static str, arg: Arg) -> Text {
        if let Some(Part::Say(_, args)) = self.0.last_mut() {
            args.push((name, arg));
        }
        self
    }
    /// This text, then `more`.
    pub fn then(mut self, more: Text) -> Text {
        self.0.extend(more.0);
        self
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The catalogue keys this text uses (its arguments' included).
    pub fn keys(&self) -> Vec<Say> {
        let mut out = Vec::new();
        for p in &self.0 {
            if let Part::Say(k, args) = p {
                out.push(*k);
                for (_, a) in args {
                    if let Arg::Text(t) = a {
                        out.extend(t.keys());
                    }
                }
            }
        }
        out
    }
}

/// A value shown as it is (see [`Text::value`]).
impl From<String> for Text {
    fn from(value: String) -> Text {
        Text::value(value)
    }
}

impl From<Say> for Text {
    fn from(key: Say) -> Text {
        Text::say(key)
    }
}

/// One problem, located as precisely as the input allows. Its words (the code's title, found,
/// expected, fix) are [`Text`]: `report::diagnostic_text` writes them in a language, and
/// `Display` in English.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Stable code, e.g. `"E2006"`; see `docs/errors.md`.
    pub code: &'static str,
    /// The file the problem is in (as given, joined to the scenario's folder for tables).
    pub file: PathBuf,
    /// 1-based line in `file`; for a CSV the line where the record starts.
    pub line: Option<usize>,
    /// 1-based column: the character column in a YAML file, the cell's field number in a CSV file
    /// or the sheet's column (A = 1) in a workbook.
    pub column: Option<usize>,
    /// The sheet of a workbook (XLSX) table; then `line` is the sheet's row and the location is
    /// shown as `Sheet!F12`.
    pub sheet: Option<String>,
    /// Field path: `weights.stafing`, `extra_seats[0].post`, or `cadres.csv: birth_date`.
    pub field: String,
    /// What the file holds there (values quoted).
    pub found: Text,
    /// What was expected instead.
    pub expected: Text,
    /// What to do about it.
    pub fix: Text,
    /// The same problem in the same column of other rows, reported with this one.
    pub repeats: Option<Repeats>,
    /// What makes two diagnostics of one column "the same problem" beyond code and expectation
    /// (the unknown title or province), for grouping repeats.
    pub(crate) group: String,
}

/// Repeats of one problem in one column, grouped into one diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Repeats {
    /// How many rows have the problem (this one included).
    pub count: usize,
    /// The first lines (or sheet rows) of them, at most five.
    pub first: Vec<usize>,
    /// Other values than the one shown, each with the first line holding it, at most four (a
    /// column of dates written several wrong ways names each way).
    pub others: Vec<(usize, Text)>,
}

impl Diagnostic {
    pub(crate) fn new(code: &'static str, file: &Path) -> Diagnostic {
        Diagnostic {
            code,
            file: file.to_path_buf(),
            line: None,
            column: None,
            sheet: None,
            field: String::new(),
            found: Text::default(),
            expected: Text::default(),
            fix: Text::default(),
            repeats: None,
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
    pub(crate) fn found(mut self, found: impl Into<Text>) -> Diagnostic {
        self.found = found.into();
        self
    }
    pub(crate) fn expected(mut self, expected: impl Into<Text>) -> Diagnostic {
        self.expected = expected.into();
        self
    }
    pub(crate) fn fix(mut self, fix: impl Into<Text>) -> Diagnostic {
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

    /// The catalogue key of the code's short title.
    pub fn title(&self) -> Option<Say> {
        title(self.code)
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
    pub fn csv_column(&self) -> Option<&str> {
        let name = match &self.sheet {
            Some(sheet) => sheet.as_str(),
            None => self.file.file_name()?.to_str()?,
        };
        self.field.strip_prefix(name)?.strip_prefix(": ")
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
    /// The errors, with the warnings that explain them among them (of a column or a whole file
    /// that has an error).
    pub diagnostics: Vec<Diagnostic>,
    /// Every other warning of the files read: said after the errors, so that a file is fixed
    /// once rather than its warnings met only when its errors are gone.
    pub warnings: Vec<Diagnostic>,
}

impl LoadError {
    /// The errors, then every other warning.
    pub fn all(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().chain(&self.warnings)
    }

    /// `more` warnings said after the errors, those not said yet.
    pub fn add_warnings(&mut self, more: Vec<Diagnostic>) {
        for w in more {
            if !self.all().any(|x| *x == w) {
                self.warnings.push(w);
            }
        }
    }

    /// [`LoadError::all`], cloned.
    pub fn every(&self) -> Vec<Diagnostic> {
        self.all().cloned().collect()
    }

    /// The distinct codes of the errors (and the warnings among them), in order of first
    /// appearance.
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

/// Collects diagnostics; files are numbered in the order they were first seen so the final list
/// reads file by file, line by line.
#[derive(Debug, Default)]
pub(crate) struct Diags {
    list: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// How the tables were read (separator, workbook sheet), for `validate` to say.
    notes: Vec<Text>,
    /// Files listed first, in this order (the scenario, then its tables).
    order: Vec<PathBuf>,
}

/// The diagnostics without those of a cell already reported as holding no value (E2020: an Excel error
/// value such as #N/A, a formula never computed): the cell reads as empty, and "missing value" or
/// "bad date" beside it would send the user after a second problem that is the same one.
fn without_second_reports(list: Vec<Diagnostic>) -> Vec<Diagnostic> {
    type Cell = (PathBuf, Option<String>, usize, usize);
    let cell = |d: &Diagnostic| -> Option<Cell> {
        Some((d.file.clone(), d.sheet.clone(), d.line?, d.column?))
    };
    let no_value: std::collections::HashSet<Cell> = list
        .iter()
        .filter(|d| d.code == NO_CELL_VALUE)
        .filter_map(cell)
        .collect();
    if no_value.is_empty() {
        return list;
    }
    // The cell's own E2020 once (a workbook's error value is found as the sheet is read and
    // again as its text is).
    let mut said = std::collections::HashSet::new();
    list.into_iter()
        .filter(|d| match cell(d) {
            Some(c) if no_value.contains(&c) => d.code == NO_CELL_VALUE && said.insert(c),
            _ => true,
        })
        .collect()
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
    pub(crate) fn note(&mut self, note: Text) {
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
    pub(crate) fn since(&self, since: (usize, usize, usize)) -> (Vec<Diagnostic>, Vec<Text>) {
        (
            self.warnings[since.1.min(self.warnings.len())..].to_vec(),
            self.notes[since.2.min(self.notes.len())..].to_vec(),
        )
    }
    /// Adds warnings and notes remembered from an earlier parse.
    pub(crate) fn replay(&mut self, warnings: &[Diagnostic], notes: &[Text]) {
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

    /// As [`Diags::finish`], but with errors the warnings come along in the one sorted list: every
    /// problem of a file at once (a plan file's W4001 beside its E4003).
    pub(crate) fn finish_with_warnings(
        mut self,
    ) -> Result<(Vec<Diagnostic>, Vec<Text>), LoadError> {
        if !self.list.is_empty() {
            let mut all = std::mem::take(&mut self.list);
            all.extend(std::mem::take(&mut self.warnings));
            let all = without_repeats(all);
            return Err(LoadError {
                diagnostics: cap_per_file(self.sorted(without_second_reports(all))),
                warnings: Vec::new(),
            });
        }
        self.finish()
    }

    /// The errors (if any), else the warnings and notes; each list sorted and with repeats grouped.
    /// With errors, the warnings of a column that has an error come along (W2008's ambiguous dates
    /// beside the E2006 that proves the column's order): one column's problems are read together;
    /// so do the warnings about a whole file that has an error (W1001); every other warning
    /// follows them.
    pub(crate) fn finish(mut self) -> Result<(Vec<Diagnostic>, Vec<Text>), LoadError> {
        if !self.list.is_empty() {
            let mut list = std::mem::take(&mut self.list);
            // A warning of a column that has an error comes among the errors, and so does one
            // about the whole file (no column: W1001 read as Windows-1258), which explains what
            // its errors show; every other warning follows them. Split once, before grouping:
            // a grouped warning no longer equals the ones it stands for.
            let (with, others): (Vec<Diagnostic>, Vec<Diagnostic>) =
                std::mem::take(&mut self.warnings)
                    .into_iter()
                    .partition(|w| {
                        list.iter().any(|e| {
                            e.file == w.file
                                && e.sheet == w.sheet
                                && (w.field.is_empty() || e.field == w.field)
                        })
                    });
            list.extend(with);
            let list = without_repeats(list);
            // Errors are capped per file; warnings are grouped already and never stop a load.
            let diagnostics = cap_per_file(self.sorted(without_second_reports(list)));
            let rest = without_repeats(others);
            // In the errors' order of files.
            for d in &diagnostics {
                if !self.order.contains(&d.file) {
                    self.order.push(d.file.clone());
                }
            }
            return Err(LoadError {
                diagnostics,
                warnings: self.sorted(rest),
            });
        }
        let warnings = without_repeats(std::mem::take(&mut self.warnings));
        Ok((self.sorted(warnings), std::mem::take(&mut self.notes)))
    }
}

/// `list` with each diagnostic once, the first kept, in order: by hash, since a scan per
/// diagnostic made 100,000 rows of one problem take minutes.
fn without_repeats(list: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen: std::collections::HashSet<Diagnostic> =
        std::collections::HashSet::with_capacity(list.len());
    list.into_iter()
        .filter(|d| seen.insert(d.clone()))
        .collect()
}

/// The same problem in the same column of many rows (same code, file, sheet, field and
/// expectation), reported once: the first, with the count and the first rows.
pub(crate) fn group_repeats(list: Vec<Diagnostic>) -> Vec<Diagnostic> {
    type GroupKey = (&'static str, PathBuf, Option<String>, String, Text, String);
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
    let mut counted: std::collections::HashSet<(GroupKey, usize)> = Default::default();
    let mut values: std::collections::HashMap<GroupKey, Vec<(usize, Text)>> = Default::default();
    for d in &list {
        if let (Some(k), Some(line)) = (key(d), d.line) {
            // Lines once each: several columns of one header line are several problems, and
            // "rows 1, 1, 1" says nothing.
            if counted.insert((k.clone(), line)) {
                counts.entry(k.clone()).or_default().push(line);
            }
            let v = values.entry(k).or_default();
            if v.len() < 5 && !v.iter().any(|(_, t)| *t == d.found) {
                v.push((line, d.found.clone()));
            }
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
        if !emitted.insert(k.clone()) {
            continue;
        }
        let others = values[&k]
            .iter()
            .filter(|(_, t)| *t != d.found)
            .cloned()
            .collect();
        d.repeats = Some(Repeats {
            count: lines.len(),
            first: lines.iter().take(5).copied().collect(),
            others,
        });
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
            .found(
                Text::say(Say::MoreProblemsInFile)
                    .arg("count", count)
                    .arg("max", MAX_PER_FILE),
            )
            .expected(Text::say(Say::AtMostProblemsPerFile).arg("max", MAX_PER_FILE))
            .fix(Say::CorrectTheProblemsShown);
        out.insert(at, d);
    }
    out
}

/// A value as shown after `found:`.
pub(crate) fn quoted(s: &str) -> String {
    format!("{s:?}")
}

macro_rules! says {
    ($($key:ident)*) => {
        /// A catalogue key of the loader's wording (code titles, found, expected, fix, notes):
        /// `report::say` gives its words in each language; the catalogue must word every key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Say { $($key),* }

        impl Say {
            /// Every key, in catalogue order.
            pub const ALL: &'static [Say] = &[$(Say::$key),*];
        }
    };
}

says! {
    CodeE1001
    CodeE1002
    CodeE1003
    CodeE1004
    CodeE1005
    CodeE1006
    CodeE1007
    CodeE1008
    CodeE1009
    CodeE1010
    CodeE1011
    CodeE1012
    CodeE1013
    CodeE1014
    CodeE1015
    CodeE1016
    CodeE1017
    CodeE1018
    CodeE1019
    CodeE1020
    CodeE2001
    CodeE2002
    CodeE2003
    CodeE2004
    CodeE2005
    CodeE2006
    CodeE2007
    CodeE2008
    CodeE2009
    CodeE2010
    CodeE2011
    CodeE2012
    CodeE2013
    CodeE2014
    CodeE2015
    CodeE2016
    CodeE2017
    CodeE2018
    CodeE2019
    CodeE2020
    CodeE2021
    CodeE2022
    LettersLostFound
    LettersLostExpected
    LettersLostFix
    LegacyFontFound
    LegacyFontExpected
    LegacyFontFix
    CodeE3001
    CodeE3002
    CodeE3003
    CodeE3004
    CodeE3005
    CodeE4001
    CodeE4002
    CodeE4003
    CodeE4004
    CodeE4005
    CodeE5001
    CodeE5002
    CodeE5003
    CodeE5004
    HistIdOfARow
    HistCorrectTheId
    HistKind
    HistWriteKind
    HistTransferKind
    HistDateMade
    HistFillStart
    HistInsideProgramme
    HistAfterProgramme
    HistPastRotation
    HistPastRotationFix
    HistAfterStart
    HistCorrectEnd
    HistOnePerCadre
    HistKindRotation
    HistSeatVacantFrom
    HistSeatCutFix
    PinPeriodOver
    PinPeriodOverFix
    OverdueLeftExpected
    OverdueLeftFix
    HistSeatCutPlacedLater
    HistSeatCutSamePeriod
    NoAsOfFound
    NoAsOfExpected
    NoAsOfFix
    AsOfInsideFix
    HistAfterAsOf
    HistAfterAsOfFix
    OverduePlacementFound
    OverduePlacementExpected
    OverduePlacementFix
    HistRotationAfterPlacement
    HistRotationAfterPlacementFix
    HistSeatHeld
    HistSeatHeldFix
    HistSeatHandoverFix
    HistFillId
    HistKindPlacement
    HistKeepOne
    ObjectiveLevels
    ObjectiveTermName
    OneOfNames
    ObjectiveListTerms
    ObjectiveEachOnce
    ObjectiveRemoveRepeat
    ObjectiveEmptyList
    ObjectiveAtLeastOne
    ObjectiveListOrRemove
    ObjectiveTermList
    ObjectiveALevel
    ObjectiveTolerances
    PeriodWithoutProgramme
    PeriodRemoveOrAdd
    PeriodYearOf
    PeriodWriteYear
    CodeW1001
    CodeW2001
    CodeW2002
    CodeW2003
    CodeW2004
    CodeW2005
    CodeW2006
    CodeW2007
    CodeW4001
    CadrePostPairsOfCompatible
    AtMostPairsLimitsMax
    CheckTheTablesAWrong
    AnIncompleteScenario
    PlanDateAndTheThree
    CheckTheScenarioAgainstDocs
    AWorkbookXLSXXLSMXLSB
    OpenTheFileInA
    OneOfTheSheets
    AnExistingFile
    ADirectory
    AFile
    NameTheFileInsideThat
    AReadableFile
    CheckThePathAndThe
    UTF8Text
    SaveTheFileAsUTF
    SaveTheYamlAsUtf8
    WindowsCodePage
    SaveAsUtf8CheckNames
    OneYAMLDocumentPerScenario
    RemoveTheOrLineAnd
    AWholeNumberTooLarge
    ANumberWithinItsSetting
    WriteASmallerNumberOr
    AControlCharacterANUL
    YAMLTextWithoutControlCharacters
    DeleteTheCharacterAFile
    ValidYAML
    AScenarioWhoseAnchorsName
    WriteTheValuesOutOr
    TheIdOfARow
    AlsoHoldsPost
    EachCadreNamedAsThe
    KeepTheCadreOnThe
    TheIdOfARow2
    ASecondPinOfThis
    AtMostOnePinPer
    KeepOneOfTheTwo
    ThePairIsAlsoPinned
    APairEitherPinnedOr
    RemoveThePinOrThe
    PinsOnPostWithSeat
    NoMorePinsOnA
    RemoveAPinOrApprove
    AnEmptyCell
    FillInTheIdOr
    TheIdOfARow3
    OnTheRowOf
    TheOfInTheScenario
    CheckThatTheIdIs
    CorrectTheIdOrRead
    TheIdOfARow4
    RotationOrPlacement
    StartOfPeriod
    StartOrPeriodFix
    WriteRotationOrPlacement
    APeriodNumberFrom1
    NumberThePeriodsFrom1
    MoreThanRowsReadingStopped
    AtMostRowsLimitsMax
    CheckThatThisIsThe
    NULByteS0x00In
    ACSVTextTableUTF
    CheckThatTablesNamesThe
    ACellOpenedWithOn
    ACellOpenedWithSwallows
    EachQuotedCellClosedBy
    CloseTheQuoteOrRemove
    CellsSeparatedBy
    SaveTheTableAsCSV
    AnEmptyFile
    AHeaderRowNamingThe
    WriteTheHeaderRowThen
    EachColumnOnceAlreadyColumn
    DeleteOrRenameOneOf
    OneOfTheColumns
    TheHeader
    AColumn
    TextWithoutNULBytes0x00
    RetypeTheCellOrExport
    Cells
    CellsAsManyAsThe
    FillIn
    WriteAWholeNumberWith
    WriteWithoutThousandsSeparators
    UseAValueTheColumn
    WriteTheDateAsYYYY
    DateSerialFix
    ABoolean
    WriteTrueOrFalse
    OneOf
    AUniqueIdFirstUsed
    AnIdThatLooksLike
    GiveOneOfTheTwo
    AHeaderAndNoRows
    AtLeastOneRow
    AddTheRowsOrCheck
    AnEmptyCellACentral
    EmptyTheProvinceOrCorrect
    NoProvinceForAUnit
    TierProvinceWord
    TierDistrictWord
    TierCommuneWord
    TheIdOfTheProvince
    FillInTheProvinceIts
    FalseForTheTitle
    TrueOrAnEmptyCell
    EmptyTheCellOrWrite
    TrueForAPostOf
    FalseOrAnEmptyCell
    EmptyTheCellOrGive
    TheIdOfAProvince
    DidYouMeanItIs
    TheIdOfAProvince2
    CorrectTheProvinceAsWritten
    AProvinceMergedIntoOn
    TheIdH8ShouldCompare
    WriteIfBeingFromMakes
    ADateBeforeThePlan
    CorrectTheBirthDateOr
    TheTitle
    TheTitleOfAPost
    ADateOnOrBefore
    CorrectTheDateOfThe
    ADateBeforeTheRotationEnd
    CorrectRotationStartOrEnd
    TheEndOfTheRotationStarted
    WriteRotationEndOrClearStart
    TheItem
    TheYears
    ANumberOfYearsWith
    WriteTheYearsAsA
    ANumberOfYears0
    CorrectTheNumberOfYears
    TheTerms
    AWholeNumberOfTerms
    WriteTheNumberOfConsecutive
    AWholeNumberOfTerms2
    CorrectTheNumberOfTerms
    TheUnit
    TheCadreSOwnId
    IdsOfOtherCadres
    RemoveTheCadreSOwn
    TheId
    ListsAsARelativeLine
    EachRelativeListedOnBoth
    AddToTheRelativesOf
    LeadsOutside
    APathInsideTheFolder
    MoveTheFileIntoThe
    AChainOfExtendsThat
    RemoveTheExtendsThatLeads
    ThePathOfABase
    BaseHolds
    ExtendsAScenarioFile
    WriteExtendsBaseYamlRelative
    AMappingOfVariantNames
    WriteVariantsThenIndentedName
    AWholeNumberFrom1
    WriteEGSweepLimit
    ANonEmptyListOf
    WriteValueValue
    AtMostSweepLimit
    SweepFewerValuesOrRaise
    AMappingOfSettingPaths
    WriteSweepThenIndentedWeights
    ANameUsedOnceBase
    RenameTheVariant
    AMappingOfSettingsPlan
    WriteTheScenarioAsKey
    WriteTheDateAsYYYY2
    ADateWrittenYYYYMM
    WriteTheDateAsYYYY3
    AFilePath
    NameTheCSVFile
    OneOfViEn
    WriteViVietnameseOrEn
    WriteOneOfTheListed
    NoSuchKey
    Add
    WriteAfter
    ChangeTheValueOrRemove
    WriteTheDateAsYYYY4
    ABuiltInRuleSet
    UseABuiltInRule
    UseTheNamesOfThe
    BaseMonthsMaxMonths
    BaseMonthsMaxMonthsThe
    CorrectBaseMonthsOrMax
    MoreProblemsInFile
    AtMostProblemsPerFile
    CorrectTheProblemsShown
    FrameError
    FrameWarning
    FrameFound
    FrameExpected
    FrameFix
    FrameColumn
    FrameSheet
    SameProblemInLines
    SameProblemInRows
    OtherValuesLines
    ValueAtLine
    ValueAtRow
    ProblemsNothingPlanned
    WarningsDeniedByKey
    ProblemsWarningsNothingPlanned
    ProblemsInFileNothingDone
    NoteSheetRead
    NoteSeparator
    NoteTwoRowHeader
    NoteUnitFromHeading
    NoteUnitFromHeadingOne
    NoteSexFromWomanMarks
    AWebPageWithoutTable
    TextNamedAsWorkbook
    AnOfficeFileNamedAsTable
    AZipArchiveNamedAsTable
    NameTheTextFileCsv
    CopyTheTableIntoASheet
    UnpackAndNameTheTable
    AnArchiveNamedAsTable
    APdfNamedAsTable
    ExportTheTableNotThePdf
    AnRtfNamedAsTable
    APictureNamedAsTable
    AskForTheSpreadsheet
    AnEncryptedWorkbook
    RemoveTheWorkbookPassword
    AnXmlFileNamedAsTable
    OpenTheXmlInExcel
    ATableCsvOrWorkbook
    NoteSexFromPairOfMarks
    MarkedNamNu
    AMarkUnderNamOrNu
    MarkUnderNamOrNu
    UnknownErrorValue
    UnknownErrorValueAt
    AMarkOrAnEmptyCell
    MarkTheWomen
    MarkTheMen
    WorkbookCellTooLong
    CellOfMoreBytes
    OneOfOrVietnamese
    RemoveTheControlCharacters
    WorkbookUnpacksTooLarge
    PositionColumnNotRead
    NoteWebPageRead
    NoteWebCellsHidden
    NoteWebTablesJoined
    NoteXmlSpreadsheetRead
    NoteWebArchiveRead
    NoteUtf16Read
    NoteTextNamedAsWorkbook
    NoteSeatsNotVacant
    AnEmptyFileOfNoBytes
    AWorkbookThatDoesNotOpen
    AWebArchiveCut
    AWebArchiveDamaged
    SaveOrDownloadAgain
    AnXmlSpreadsheetWithoutSheets
    NoteMisnamedWorkbook
    AMarkNotATitle
    WriteThePlannedTitlesNotAMark
    NoteSexFromManMarks
    NoteMergedCells
    SheetCellsTooFar
    SheetCellsNearTheTable
    DeleteTheStrayCells
    NoteDatesRead
    OrderMonthDayYear
    OrderDayMonthYear
    SepSemicolon
    SepTabs
    SepComma
    DidYouMeanCorrectTheId
    DidYouMeanNamedCorrectTheId
    RowsNameIsCadre
    RowsNameIsCadres
    RowsNameIsNoCadre
    DidYouMeanPostCorrectTheId
    CorrectTheIdPlanScenario
    CorrectTheIdOrAddCadre
    CorrectTheIdOfTable
    HasNoSheet
    HasNoSheetNamedAfter
    OnlyAHiddenSheetNamedAfter
    WriteTheSheetName
    NameTheSheetAfterHash
    NameTheHiddenSheet
    NameThisYearsSheet
    SheetUnderTables
    SheetInTablesMapping
    DidYouMean
    CorrectThePathRelative
    CheckThePathAndFolder
    DidYouMeanTheFileInside
    NameOneOfTheFilesInside
    TheFileIsUtf16
    TheFileIsTcvn3
    FormulaWithoutValue
    FormulaOfEmptyValue
    FormulaOfEmptyValueFix
    ExcelErrorValue
    AValueNotAnError
    CorrectTheFailedFormula
    TheFormulasValue
    OpenAndSaveTheWorkbook
    SheetsNameTheTable
    OneSheetForTheTable
    CellOfChars
    AtMostCellChars
    ShortenTheCell
    ConvertTcvn3
    SecondYamlDocumentOnLine
    MoreThanOneYamlDocument
    RemoveOneOfTheTwoEntries
    KeepOneYamlDocument
    CheckTheIndentation
    AliasesThatRepeatAnchors
    YamlNestedTooDeep
    YamlNestedFewLevels
    YamlCloseTheBrackets
    FileExpandsTooFar
    StartBeforePlanDate
    AStartOnOrAfterPlanDate
    MoveStartToThePlanDate
    EndNotAfterStart
    AnEndAfterTheStart
    WriteTheProgrammesLastDay
    BothPeriodsAndPeriodMonths
    OneOfTheTwo
    KeepPeriodsOrPeriodMonths
    ADateAfterThePrevious
    ADateBetweenStartAndEnd
    ListThePeriodsInOrder
    TheFirstPeriodOnTheStart
    MakeTheFirstPeriodTheStart
    SameMoveAsLine
    EachMoveOnce
    DeleteOneOfTheTwoRows
    NoPeriod
    AtLeastOnePeriodDate
    ListThePeriodsUnderPeriods
    TooManyPeriods
    AtMostPeriods
    FewerPeriodsFix
    DidYouMeanRenameTheColumn
    NameTheColumnOrDelete
    RenameTheColumnToDocumented
    HeaderIsOneCell
    FirstLineMustBeHeader
    AddAColumnToHeader
    CheckRowSemicolon
    CheckRowTab
    CheckRowComma
    CheckRowCell
    AValue
    AWholeNumber
    AWholeNumberAtLeast
    AWholeNumberFromTo
    WriteMForNamFForNu
    UseOneOfTheListedValues
    CityAloneIsEitherTier
    DidYouMeanCorrectOrAddRow
    CorrectTheIdOrAddRow
    TheProvince
    CorrectTheTitleNoFit
    SeparateTheTitles
    SeparateTheListedTitles
    ListedTitlesRead
    SeparateTitlesWithSemicolon
    ADateFrom1900
    CorrectTheYearEmptyDate
    NothingToDoIfNoVacancy
    ProvinceYearsItems
    WriteEachItemProvinceYears
    ListEachProvinceOnce
    UnitTermsItems
    WriteEachItemUnitTerms
    ListEachUnitOnce
    NotARegularFile
    FileTooLarge
    TheBytes
    BoolExpected
    DateIso
    DateIsoOrDmy
    DateIsoOrMdy
    NotADay
    NotADayIso
    WorkbookCouldNotBeRead
    NothingEmptyValue
    AList
    AMappingKeyValueLines
    AValueTagged
    TheRotationDate
    ThePathOfAPreviousPlan
    TheThreeTables
    ThePathOfTableCsv
    RangeNonNegative
    RangeShare
    RangeGap
    RangeWeight
    RangeSeconds
    TheProgrammesLastDay
    AListOfDates
    AMappingOfKeyValueLines
    AListLines
    AText
    TheIdOfA
    ANumber
    TrueOrFalse
    AListOfTexts
    DidYouMeanRenameTheKey
    KeyBelongsAt
    RemoveTheKeyOrCorrect
    MoreThanMaxCombinations
    Combinations
    KeyOnLine
    // issue 13 (vi): serde_yaml's own messages in E1007's `found:`, recognised by kind
    YamlUnknownField
    YamlMissingField
    YamlInvalidType
    YamlInvalidValue
    YamlInvalidLength
    YamlNoExpectedKey
    YamlMappingValues
    YamlDuplicateKey
    YamlUnexpectedEnd
    YamlBadCharacter
    YamlNoExpectedToken
    YamlUnknownAnchor
    YamlOther
    TheNameOfInTheScenario
    TheTitleOfInTheScenario
    CodeW2008
    FixDateFormatMdy
    FixDateFormatDmy
    AmbiguousDateRead
    ColumnOrderShownBy
    SetDateFormatMdy
    SetDateFormatDmy
    YamlDateReadsBothWays
    StoredDateMaybeSwapped
    StoredDateSwappedFix
    WriteTheDateIsoOrDeclare
    CodeW2009
    RowAboveHeaderSkipped
    RowsAboveHeaderSkipped
    HeaderRowReadOnLine
    NothingToDoIfTitleRows
    CodeW5001
    CodeW5002
    CodeW5003
    CodeW5004
    CodeW5005
    CodeW5006
    HistReviewPlacementWithoutRotationFix
    HistReviewRotationNotBefore
    HistReviewRotationNotBeforeFix
    ProgrammeReadsNoKey
    ExtraSeatsInPostsSeats
    TargetsUnderProgramme
    HistShortFound
    HistShortExpected
    HistShortFix
    HistPlacementAfterRotation
    HistPlacementAfterRotationFix
    HistPlacementWithoutRotation
    HistPlacementWithoutRotationFix
    HistShortPlacementFound
    HistShortPlacementExpected
    HistShortPlacementFix
    HistPlacementNoEnd
    HistPlacementNoEndFix
    HistPlacedBeforeEndFound
    HistPlacedBeforeEndExpected
    CodeW2010
    HolderInOtherUnit
    CodeW2011
    CodeW2012
    CodeW2013
    CodeW2014
    CodeW2015
    CodeW2016
    CodeW2017
    CodeW2018
    CodeW2019
    CodeW2020
    CodeW2021
    CodeW2022
    CodeW2023
    HistRotationsOverlap
    OneHolderAPost
    VacantFromNotADate
    AColumnOrVietnamese
    NoteMergedHiddenValues
    AgeColumnDisagrees
    AnAgeOfTheBirthDate
    CorrectTheBirthDateOrAge
    WriteTheYearsNotTheYear
    YearsFromASpan
    WriteTheYearsIfTheSpan
    NameNoteThatMattersFix
    PostNoteThatMattersExpected
    PostNoteThatMattersFix
    GivenNameColumnNotRead
    OrLeaveTheUnitEmpty
    EmptyDefaultColumnNotRead
    StoredDateSwappedBack
    StoredDateSwappedBackFix
    RemoveAPinOrPinAnotherYear
    RatingLatestYearRead
    OneRatingACell
    KeepTheLatestRating
    StruckRowsRead
    StruckRowsExpected
    StruckRowsFix
    NumberWithRemarkRead
    KeepTheNumberAlone
    SamePersonTwice
    FormColumnNotRead
    LatestYearRead
    TitleColumnsJoined
    PinOnHeldPost
    PinOnPostVacantLater
    SamePersonTwiceExpected
    SamePersonTwiceFix
    ColumnMixesOrders
    SheetOrderShownBy
    WriteMixedDatesIso
    RelativeByName
    SheetsOfTheTableNotRead
    SheetsOfTheTableNotReadFix
    NoteThatMattersExpected
    RowUnderHeading
    NoteThatMattersFix
    NoProvinceInCommon
    NoProvinceInCommonExpected
    NoProvinceInCommonFix
    JsonGivenForTable
    MergedAcrossRead
    MergedAcrossHidden
    MergedAcrossBoth
    MergedAcrossExpected
    MergedAcrossFix
    AgeOnThePlanDate
    AWorkingAge
    CorrectTheBirthDateTypo
    WebTablesNotRead
    OneTableOfEachKind
    KeepOneTableOnThePage
    MonthOfBirthRead
    ABirthDateWithItsDay
    WriteTheDayOfBirth
    WriteTheDayToo
    QuarterNotADate
    YearOfBirthAloneFix
    YearAloneFix
    FourDigitYearFix
    WrittenDateNoSuchDay
    WriteTheDateIso
    APositionNoRole
    TheRoleColumn
    AddTheRoleColumn
    HiddenRowsRead
    HiddenColumnsRead
    HiddenHeaderRead
    HiddenHeaderExpected
    HiddenHeaderFix
    HiddenReadExpected
    HiddenReadFix
    VariantNameBytes
    VariantPlainName
    VariantOwnFolder
    VariantNameAtMost
    ShortenTheVariantName
    SweepPointNameBytes
    ShortenTheSweepPoint
    UnknownColumnsMore
    ABooleanOrEthnicGroup
    WriteTheEthnicGroup
    UnitGivenByName
    WriteTheUnitsId
    LayoutRowsSkipped
    LayoutRowsExpected
    LayoutRowsFix
    IgnoredColumn
    HolderOfThePostsUnit
    HolderFix
    CodeW1002
    ObjectiveLevelOfAProgramme
    ObjectiveLevelOfAPlan
    ObjectiveRemoveLevel
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
            .expected(Say::ADateWrittenYYYYMM)
            .fix(Say::WriteTheDateAsYYYY2);
        assert_eq!(
            d.to_string(),
            "error[E2006]: bad date\n  --> scenarios/x/cadres.csv:14:5 (column birth_date)\n  \
             found: \"1975-13-01\"\n  expected: a date written YYYY-MM-DD\n  fix: write the date as YYYY-MM-DD"
        );
    }

    /// With an error in a file, its whole-file warnings come among its errors (W1001 explains
    /// garbled text in the errors); another file's warnings and another column's after them.
    #[test]
    fn a_files_own_warnings_come_with_its_errors_and_every_other_after_them() {
        let cadres = Path::new("cadres.csv");
        let mut d = Diags::default();
        d.push(Diagnostic::new(LEGACY_ENCODING, cadres).at(Some(2), Some(8)));
        d.push(Diagnostic::new(LEGACY_ENCODING, Path::new("posts.csv")).at(Some(2), Some(3)));
        d.push(
            Diagnostic::new(BAD_DATE, cadres)
                .at(Some(3), Some(4))
                .field("cadres.csv: birth_date"),
        );
        d.push(
            Diagnostic::new(AMBIGUOUS_DATE, cadres)
                .at(Some(5), Some(6))
                .field("cadres.csv: health_cert_date"),
        );
        let e = d.finish().unwrap_err();
        let got: Vec<(&str, &Path)> = e
            .diagnostics
            .iter()
            .chain(&e.warnings)
            .map(|d| (d.code, d.file.as_path()))
            .collect();
        let posts = Path::new("posts.csv");
        assert_eq!(
            got,
            vec![
                ("W1001", cadres),
                ("E2006", cadres),
                ("W2008", cadres),
                ("W1001", posts)
            ]
        );
        assert_eq!(
            crate::report::load_error_summary(crate::domain::Lang::En, &e),
            "1 problem(s) and 3 warning(s) in the scenario files; nothing was planned"
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
            .found(quoted("x"))
            .expected(Say::ADateWrittenYYYYMM)
            .fix(Say::WriteTheDateAsYYYY2);
        d.sheet = Some("CanBo".into());
        assert_eq!(
            d.to_string().lines().nth(1).unwrap(),
            "  --> can-bo.xlsx, CanBo!F12 (column birth_date)"
        );
        // Several problems of one line (columns of a header) are not "rows 1, 1, 1".
        let one_line: Vec<Diagnostic> = (1..6).map(|c| d.clone().at(Some(1), Some(c))).collect();
        assert_eq!(group_repeats(one_line).len(), 5);
        let many: Vec<Diagnostic> = (2..40).map(|l| d.clone().at(Some(l), Some(6))).collect();
        let grouped = group_repeats(many);
        assert_eq!(grouped.len(), 1);
        let shown = grouped[0].to_string();
        assert!(shown.contains("38 rows"), "{shown}");
        assert!(shown.contains("rows 2, 3, 4, 5, 6, …"), "{shown}");
        assert_eq!(
            grouped[0].repeats,
            Some(Repeats {
                count: 38,
                first: vec![2, 3, 4, 5, 6],
                others: Vec::new(),
            })
        );
        let few: Vec<Diagnostic> = (2..5).map(|l| d.clone().at(Some(l), Some(6))).collect();
        assert_eq!(group_repeats(few).len(), 3);
        // Several wrong values in the group: the others are named with a line each.
        let mixed: Vec<Diagnostic> = (2..40)
            .map(|l| {
                let v = ["x", "5/3/75", "x", "31134"][l % 4];
                d.clone().at(Some(l), Some(6)).found(quoted(v))
            })
            .collect();
        let shown = group_repeats(mixed)[0].to_string();
        assert!(
            shown.contains("other values: \"31134\" (row 3), \"5/3/75\" (row 5)"),
            "{shown}"
        );
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
