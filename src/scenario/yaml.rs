//! The YAML side of a scenario: the schema of known keys, the walk that reports every unknown key,
//! and the conversion of a `serde_yaml::Value` into [`Settings`] (everything but the tables), each
//! problem located through a [`Locate`].

use super::diagnostic::{Say, Text};
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::diagnostic::{self as code, Diagnostic, Diags, quoted};
use super::locate::{KeyPath, Locate, Target};
use super::text::{DateFormat, closest_name, date_parts, did_you_mean, one_of, parse_date_as};
use crate::domain::{
    Date, Function, Requirements, RetirementRoadmap, RuleSet, SolverSettings, Targets,
    TrainingPoints, Weights,
};

/// The shape of the known keys.
pub(crate) enum Schema {
    /// A value whose keys are not checked further (numbers, strings, lists of names).
    Leaf,
    Map(&'static [(&'static str, Schema)]),
    /// A list whose items all have this shape.
    List(&'static Schema),
}

use Schema::{Leaf, List, Map};

const ROADMAP: Schema = Map(&[
    ("base_year", Leaf),
    ("base_months", Leaf),
    ("step_months", Leaf),
    ("max_months", Leaf),
]);
const PAIR: Schema = Map(&[
    ("cadre", Leaf),
    ("post", Leaf),
    ("reason", Leaf),
    ("period", Leaf),
]);
const PIN: Schema = Map(&[
    ("cadre", Leaf),
    ("post", Leaf),
    ("reason", Leaf),
    ("relaxable", Leaf),
    ("period", Leaf),
]);
const PROGRAMME_TARGETS: Schema = Map(&[
    ("women", Leaf),
    ("young", Leaf),
    ("minority", Leaf),
    ("key_head_months", Leaf),
    ("key_head_shortfall", Leaf),
    ("max_period_share", Leaf),
    ("period_excess", Leaf),
]);
const REQUIREMENT: Schema = Map(&[("hard", Leaf), ("relaxable", Leaf)]);
const EXTRA_SEAT: Schema = Map(&[("post", Leaf), ("seats", Leaf), ("reason", Leaf)]);

/// Every key of `docs/scenario-format.md`.
pub(crate) const SCENARIO: Schema = Map(&[
    ("name", Leaf),
    ("description", Leaf),
    ("plan_date", Leaf),
    (
        "tables",
        Map(&[("units", Leaf), ("posts", Leaf), ("cadres", Leaf)]),
    ),
    (
        "rules",
        Map(&[
            ("base", Leaf),
            ("min_service_months", Leaf),
            ("min_service_months_policy", Leaf),
            ("health_cert_max_months", Leaf),
            ("min_rotation_months", Leaf),
            ("outstanding_rank_up", Leaf),
            ("local_by_birth", Leaf),
            ("local_by_hometown", Leaf),
            ("local_min_worked_years", Leaf),
            ("not_local_titles", Leaf),
            ("max_head_terms", Leaf),
            ("family_functions", Leaf),
            ("young_max_age", Leaf),
            ("retirement_men", ROADMAP),
            ("retirement_women", ROADMAP),
        ]),
    ),
    (
        "weights",
        Map(&[
            ("staffing", Leaf),
            ("training", Leaf),
            ("fit", Leaf),
            ("disruption", Leaf),
            ("must_fill", Leaf),
            ("extra_seat", Leaf),
            ("women_shortfall", Leaf),
            ("young_shortfall", Leaf),
            ("minority_shortfall", Leaf),
            ("stability", Leaf),
            (
                "training_points",
                Map(&[
                    ("new_tier", Leaf),
                    ("grassroots", Leaf),
                    ("new_sector", Leaf),
                    ("new_region", Leaf),
                    ("difficult_area", Leaf),
                    ("lower_level", Leaf),
                ]),
            ),
        ]),
    ),
    (
        "targets",
        Map(&[("women", Leaf), ("young", Leaf), ("minority", Leaf)]),
    ),
    (
        "requirements",
        Map(&[("must_fill", REQUIREMENT), ("targets", REQUIREMENT)]),
    ),
    ("max_departures_per_unit", Leaf),
    ("baseline", Leaf),
    ("date_format", Leaf),
    ("deny_warnings", Leaf),
    ("allow_outside_paths", Leaf),
    (
        "limits",
        Map(&[
            ("max_table_rows", Leaf),
            ("max_candidate_pairs", Leaf),
            ("programme_whole_model", Leaf),
        ]),
    ),
    ("language", Leaf),
    // Handled before conversion (scenario::variants); listed so the key check knows them.
    ("extends", Leaf),
    ("variants", Leaf),
    ("sweep", Leaf),
    ("sweep_limit", Leaf),
    ("extra_seats", List(&EXTRA_SEAT)),
    ("pins", List(&PIN)),
    ("forbids", List(&PAIR)),
    (
        "programme",
        Map(&[
            ("start", Leaf),
            ("end", Leaf),
            ("period_months", Leaf),
            ("periods", Leaf),
            ("max_departures_per_period", Leaf),
            ("origin_penalty", Leaf),
            ("smoothing", Leaf),
            ("unplaced_penalty", Leaf),
            ("history", Leaf),
            ("previous", Leaf),
            ("replan_tolerance", Leaf),
            ("as_of", Leaf),
            ("targets", PROGRAMME_TARGETS),
            ("must_fill_within", Leaf),
        ]),
    ),
    ("objective", Map(&[("order", Leaf), ("tolerance", Leaf)])),
    (
        "solver",
        Map(&[
            ("time_limit_s", Leaf),
            ("relative_gap", Leaf),
            ("threads", Leaf),
        ]),
    ),
]);

/// Reports every key of `value` that `schema` does not know (E1002), with a "did you mean".
pub(crate) fn check_keys(
    value: &Value,
    schema: &Schema,
    path: &KeyPath,
    loc: &dyn Locate,
    diags: &mut Diags,
) {
    match (schema, value) {
        (Map(fields), Value::Mapping(m)) => {
            for (k, v) in m {
                let name = key_text(k);
                let here = path.key(&name);
                match fields.iter().find(|(f, _)| *f == name) {
                    Some((_, sub)) => check_keys(v, sub, &here, loc, diags),
                    None => {
                        let known: Vec<&str> = fields.iter().map(|(f, _)| *f).collect();
                        // `pin+:` means a list to append to: `pins+`.
                        let appended = name.strip_suffix('+').and_then(|n| {
                            closest_name(n, super::variants::APPENDABLE.iter().copied())
                                .map(|s| format!("{s}+"))
                        });
                        let suggestion = appended
                            .as_deref()
                            .or_else(|| closest_name(&name, known.iter().copied()));
                        let fix = match (
                            suggestion,
                            key_elsewhere(&SCENARIO, &name, &KeyPath::root()),
                        ) {
                            (Some(s), _) => {
                                Text::say(Say::DidYouMeanRenameTheKey).arg("name", quoted(s))
                            }
                            (None, Some(other)) if other != here => Text::say(Say::KeyBelongsAt)
                                .arg("name", &name)
                                .arg("other", other),
                            _ => Say::RemoveTheKeyOrCorrect.into(),
                        };
                        let l = loc.locate(&here, Target::Key);
                        diags.push(
                            Diagnostic::new(code::UNKNOWN_KEY, &l.file)
                                .at(l.line, l.column)
                                .field(here.to_string())
                                .found(quoted(&name))
                                .expected(Text::say(Say::OneOf).arg("v1", one_of(&known)))
                                .fix(fix),
                        );
                    }
                }
            }
        }
        (List(item), Value::Sequence(items)) => {
            for (i, v) in items.iter().enumerate() {
                check_keys(v, item, &path.index(i), loc, diags);
            }
        }
        _ => {}
    }
}

/// Reports every string value of `value` holding a control character (E2016), as a table's cell:
/// written as a YAML escape (`"\e]0;…\a"`) it reached the terminal and every page. A tab or a
/// line break is text.
pub(crate) fn check_controls(value: &Value, path: &KeyPath, loc: &dyn Locate, diags: &mut Diags) {
    match value {
        Value::String(s)
            if s.chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) =>
        {
            let l = loc.locate(path, Target::Value);
            let shown = crate::domain::text::control_pictures(s).replace('\0', "\u{2400}");
            diags.push(
                Diagnostic::new(code::NUL_BYTE, &l.file)
                    .at(l.line, l.column)
                    .field(path.to_string())
                    .found(quoted(&super::tables::shorten(&shown)))
                    .expected(Say::TextWithoutNULBytes0x00)
                    .fix(Say::RemoveTheControlCharacters),
            );
        }
        Value::Mapping(m) => {
            for (k, v) in m {
                check_controls(v, &path.key(&key_text(k)), loc, diags);
            }
        }
        Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                check_controls(v, &path.index(i), loc, diags);
            }
        }
        _ => {}
    }
}

/// The full path of a key named `name` somewhere in the schema (for keys put at the wrong level).
fn key_elsewhere(schema: &Schema, name: &str, path: &KeyPath) -> Option<KeyPath> {
    match schema {
        Map(fields) => fields.iter().find_map(|(f, sub)| {
            if *f == name {
                Some(path.key(f))
            } else {
                key_elsewhere(sub, name, &path.key(f))
            }
        }),
        List(item) => key_elsewhere(item, name, &path.index(0)),
        Leaf => None,
    }
}

fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => key_name(other),
    }
}

/// A value as shown after `found:`.
pub(crate) fn describe(v: &Value) -> Text {
    match v {
        Value::Null => Say::NothingEmptyValue.into(),
        Value::Bool(b) => Text::value(b.to_string()),
        Value::Number(n) => Text::value(n.to_string()),
        Value::String(s) => Text::value(quoted(s)),
        Value::Sequence(_) => Say::AList.into(),
        Value::Mapping(_) => Say::AMappingKeyValueLines.into(),
        Value::Tagged(t) => Text::say(Say::AValueTagged).arg("tag", &t.tag),
    }
}

/// A key that is not text, as a name (the same in every language): `[…]`, `{…}`, `!tag`.
pub(crate) fn key_name(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        Value::Null => "~".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Sequence(_) => "[…]".to_string(),
        Value::Mapping(_) => "{…}".to_string(),
        Value::Tagged(t) => t.tag.to_string(),
    }
}

/// A table file named by `tables.*`, resolved against the scenario's folder.
#[derive(Debug, Clone)]
pub(crate) struct TableRef {
    pub path: PathBuf,
    /// The sheet of a workbook (`can-bo.xlsx#CanBo`); `None`: the sheet named after the table.
    pub sheet: Option<String>,
    /// Which table: `units`, `posts`, `cadres` or `plan`.
    pub table: &'static str,
    /// Where it is named (`tables.units`), to locate "file not found".
    pub key: KeyPath,
}

/// An id written in the YAML (`pins[0].cadre`), to be resolved against the tables.
#[derive(Debug, Clone)]
pub(crate) struct IdRef {
    pub id: String,
    pub key: KeyPath,
}

#[derive(Debug, Clone)]
pub(crate) struct RawPair {
    pub cadre: IdRef,
    pub post: IdRef,
    pub reason: Option<String>,
    /// `relaxable:` of a pin (default true).
    pub relaxable: bool,
    /// `period:` the year of the programme period the pair is pinned to or forbidden in.
    pub year: Option<i32>,
    pub key: KeyPath,
}

#[derive(Debug, Clone)]
pub(crate) struct RawExtraSeat {
    pub post: IdRef,
    pub seats: u32,
    pub reason: Option<String>,
}

/// The YAML settings, converted; ids still as text. Fields that had errors keep their defaults.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub name: String,
    pub plan_date: Option<Date>,
    pub units: Option<TableRef>,
    pub posts: Option<TableRef>,
    pub cadres: Option<TableRef>,
    pub rules: RuleSet,
    pub weights: Weights,
    pub targets: Targets,
    pub requirements: Requirements,
    pub max_departures_per_unit: u32,
    pub extra_seats: Vec<RawExtraSeat>,
    pub pins: Vec<RawPair>,
    pub forbids: Vec<RawPair>,
    pub solver: SolverSettings,
    /// `baseline:` a previous plan CSV (absolute, or relative to the scenario's folder).
    pub baseline: Option<TableRef>,
    /// `baseline: previous`: the plan this scenario had in its previous run.
    pub baseline_previous: bool,
    /// `date_format:` how the tables write dates.
    pub date_format: DateFormat,
    /// `deny_warnings:` warnings stop the load as errors do.
    pub deny_warnings: bool,
    /// `limits.max_table_rows:` the most rows a table may have.
    pub max_table_rows: usize,
    /// `limits.max_candidate_pairs:` the most rank-compatible cadre–post pairs.
    pub max_candidate_pairs: u64,
    /// `limits.programme_whole_model:` the most triples a programme's whole model holds.
    pub programme_whole_model: u64,
    /// `programme:` as written (periods still to check against the plan date).
    pub programme: Option<RawProgramme>,
    /// `language: vi|en`: the language of the outputs for people.
    pub language: Option<crate::domain::Lang>,
    /// `objective:` the lexicographic levels.
    pub objective: Option<crate::domain::Lexicographic>,
}

/// `programme:` converted; the period dates are checked against the plan date in `scenario/`.
#[derive(Debug, Clone)]
pub(crate) struct RawProgramme {
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub period_months: Option<u32>,
    /// `periods:` explicit dates, each with its key.
    pub periods: Option<Vec<(Date, KeyPath)>>,
    pub max_departures_per_period: Option<u32>,
    pub origin_penalty: f64,
    pub smoothing: f64,
    pub unplaced_penalty: Option<f64>,
    /// `history:` executed moves (history.csv).
    pub history: Option<TableRef>,
    /// `previous:` the previous programme (programme.csv).
    pub previous: Option<TableRef>,
    pub replan_tolerance: f64,
    /// `as_of:` the date of the re-plan.
    pub as_of: Option<Date>,
    /// `targets:` the programme's targets.
    pub targets: Option<crate::domain::ProgrammeTargets>,
    /// `must_fill_within:` periods of grace for a must-fill post.
    pub must_fill_within: Option<u32>,
    pub key: KeyPath,
}

/// Default of `limits.max_candidate_pairs`: the pairs of a national scenario (about 8,000 cadres
/// and 2,700 posts) fit several times over; each pair held costs about 100 bytes.
pub const DEFAULT_MAX_CANDIDATE_PAIRS: u64 = 20_000_000;
/// The most `limits.max_candidate_pairs:` may be set to.
pub const MAX_CANDIDATE_PAIRS_LIMIT: u64 = 1_000_000_000;
/// The years a pin's or forbid's `period:` may name.
const MIN_YEAR: i64 = 1900;
const MAX_YEAR: i64 = 2200;
/// The largest weight: beyond it the solver's sums lose the precision the smaller terms need.
pub const MAX_WEIGHT: f64 = 1_000_000.0;
/// The longest `solver.time_limit_s` (about 11.5 days).
pub const MAX_TIME_LIMIT_S: f64 = 1_000_000.0;

/// `file.xlsx#Sheet` → (`file.xlsx`, `Sheet`) for a workbook; any other path as it is.
pub(crate) fn table_ref(path: &Path, table: &'static str, key: KeyPath) -> TableRef {
    let text = path.to_string_lossy();
    // The first `#` after a workbook's name: a folder ("Đợt #2/…") or a sheet ("Cán bộ #2") may
    // hold one too.
    for (at, _) in text.match_indices('#') {
        let (file, sheet) = (&text[..at], &text[at + 1..]);
        let file = super::text::as_found(Path::new(file));
        // (Text under a workbook's name has one table: its sheet name is split off too.)
        let workbook =
            super::xlsx::is_workbook(&file) || super::xlsx::is_text_named_as_workbook(&file);
        if workbook && !sheet.trim().is_empty() {
            return TableRef {
                path: file,
                sheet: Some(sheet.trim().to_string()),
                table,
                key,
            };
        }
    }
    TableRef {
        path: super::text::as_found(path),
        sheet: None,
        table,
        key,
    }
}

/// Default of `max_departures_per_unit` (docs/scenario-format.md).
const DEFAULT_MAX_DEPARTURES: u32 = 2;

/// Converts a scenario's YAML value (unknown keys are reported by [`check_keys`], not here).
pub(crate) fn settings(
    value: &Value,
    base_dir: &Path,
    loc: &dyn Locate,
    diags: &mut Diags,
) -> Settings {
    let mut c = Conv {
        loc,
        diags,
        dates: None,
    };
    let root = KeyPath::root();
    let default_name = loc
        .file()
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut s = Settings {
        name: default_name,
        plan_date: None,
        units: None,
        posts: None,
        cadres: None,
        rules: RuleSet::qd65_2022(),
        weights: Weights::default(),
        targets: Targets::default(),
        requirements: Requirements::default(),
        max_departures_per_unit: DEFAULT_MAX_DEPARTURES,
        extra_seats: Vec::new(),
        pins: Vec::new(),
        forbids: Vec::new(),
        solver: SolverSettings::default(),
        baseline: None,
        baseline_previous: false,
        date_format: DateFormat::Auto,
        deny_warnings: false,
        max_table_rows: super::tables::DEFAULT_MAX_TABLE_ROWS,
        max_candidate_pairs: DEFAULT_MAX_CANDIDATE_PAIRS,
        programme_whole_model: crate::domain::DEFAULT_PROGRAMME_WHOLE_MODEL,
        programme: None,
        language: None,
        objective: None,
    };
    let empty = Mapping::new();
    let top = match value {
        Value::Mapping(m) => m,
        Value::Null => &empty,
        other => {
            c.push(
                c.diag(code::WRONG_TYPE, &root, Target::Key)
                    .found(describe(other))
                    .expected(Say::AMappingOfSettingsPlan)
                    .fix(Say::WriteTheScenarioAsKey),
            );
            return s;
        }
    };

    match get(top, "name") {
        Some(Value::Number(n)) => s.name = n.to_string(),
        _ => {
            if let Some(name) = c.string(top, &root, "name") {
                s.name = name;
            }
        }
    }
    c.string(top, &root, "description");

    c.dates = declared_dates(top);
    let p = root.key("plan_date");
    match get(top, "plan_date") {
        None => c.missing(&root, "plan_date", Say::TheRotationDate.into()),
        Some(v) => {
            let text = match v {
                Value::String(t) => Some(t.as_str()),
                _ => None,
            };
            match text.map(|t| yaml_date(t, c.dates)) {
                // The years the tables' dates may have: 0001-01-01 blamed every birth date
                // (after the plan date), 9999-12-31 planned nobody and said nothing.
                Some(Ok(d)) if !(1900..=2200).contains(&chrono::Datelike::year(&d)) => c.push(
                    c.diag(code::YAML_BAD_DATE, &p, Target::Value)
                        .found(describe(v))
                        .expected(Say::ADateFrom1900)
                        .fix(Say::WriteTheDateAsYYYY3),
                ),
                Some(Ok(d)) => s.plan_date = Some(d),
                Some(Err(expected)) => c.push(
                    c.diag(code::YAML_BAD_DATE, &p, Target::Value)
                        .found(describe(v))
                        .expected(expected)
                        .fix(if c.dates.is_none() {
                            Say::WriteTheDateIsoOrDeclare
                        } else {
                            Say::WriteTheDateAsYYYY2
                        }),
                ),
                None => c.push(
                    c.diag(code::YAML_BAD_DATE, &p, Target::Value)
                        .found(describe(v))
                        .expected(Say::ADateWrittenYYYYMM)
                        .fix(Say::WriteTheDateAsYYYY3),
                ),
            }
        }
    }

    let bp = root.key("baseline");
    match get(top, "baseline") {
        None | Some(Value::Null) => {}
        Some(Value::String(word)) if word.trim() == super::variants::BASELINE_PREVIOUS => {
            s.baseline_previous = true
        }
        Some(Value::String(path)) if !path.trim().is_empty() => {
            s.baseline = Some(table_ref(&base_dir.join(path.trim()), "plan", bp))
        }
        Some(v) => c.wrong_type(&bp, v, Say::ThePathOfAPreviousPlan.into()),
    }

    let p = root.key("tables");
    match get(top, "tables") {
        None => c.missing(&root, "tables", Say::TheThreeTables.into()),
        Some(Value::String(book)) if !book.trim().is_empty() => {
            // One workbook for the three tables: a sheet each, found by its name.
            let path = base_dir.join(book.trim());
            for (key, slot) in [
                ("units", &mut s.units),
                ("posts", &mut s.posts),
                ("cadres", &mut s.cadres),
            ] {
                *slot = Some(table_ref(&path, key, p.clone()));
            }
        }
        Some(v) => {
            if let Some(m) = c.mapping(Some(v), &p) {
                for (key, slot) in [
                    ("units", &mut s.units),
                    ("posts", &mut s.posts),
                    ("cadres", &mut s.cadres),
                ] {
                    match c.string(m, &p, key) {
                        None if get(m, key).is_none() => c.missing_in(
                            m,
                            &p,
                            key,
                            Text::say(Say::ThePathOfTableCsv).arg("key", key),
                        ),
                        None => {}
                        Some(path) if path.trim().is_empty() => c.push(
                            c.diag(code::BAD_VALUE, &p.key(key), Target::Value)
                                .found(quoted(&path))
                                .expected(Say::AFilePath)
                                .fix(Text::say(Say::NameTheCSVFile).arg("key", key)),
                        ),
                        Some(path) => {
                            *slot = Some(table_ref(&base_dir.join(path.trim()), key, p.key(key)))
                        }
                    }
                }
            }
        }
    }

    let rules_path = root.key("rules");
    let rules = c.mapping(get(top, "rules"), &rules_path);
    s.rules = c.rules(rules, &rules_path);

    let wp = root.key("weights");
    if let Some(m) = c.mapping(get(top, "weights"), &wp) {
        let w = &mut s.weights;
        for (key, field) in [
            ("staffing", &mut w.staffing),
            ("training", &mut w.training),
            ("fit", &mut w.fit),
            ("disruption", &mut w.disruption),
            ("must_fill", &mut w.must_fill),
            ("extra_seat", &mut w.extra_seat),
            ("women_shortfall", &mut w.women_shortfall),
            ("young_shortfall", &mut w.young_shortfall),
            ("minority_shortfall", &mut w.minority_shortfall),
            ("stability", &mut w.stability),
        ] {
            c.set_f64(m, &wp, key, field, Range::Weight);
        }
        let tp = wp.key("training_points");
        if let Some(m) = c.mapping(get(m, "training_points"), &tp) {
            let t: &mut TrainingPoints = &mut w.training_points;
            for (key, field) in [
                ("new_tier", &mut t.new_tier),
                ("grassroots", &mut t.grassroots),
                ("new_sector", &mut t.new_sector),
                ("new_region", &mut t.new_region),
                ("difficult_area", &mut t.difficult_area),
                ("lower_level", &mut t.lower_level),
            ] {
                c.set_f64(m, &tp, key, field, Range::Weight);
            }
        }
    }

    let tp = root.key("targets");
    if let Some(m) = c.mapping(get(top, "targets"), &tp) {
        let t = &mut s.targets;
        for (key, field) in [
            ("women", &mut t.women),
            ("young", &mut t.young),
            ("minority", &mut t.minority),
        ] {
            c.set_f64(m, &tp, key, field, Range::Share);
        }
    }

    let rp = root.key("requirements");
    if let Some(m) = c.mapping(get(top, "requirements"), &rp) {
        let r = &mut s.requirements;
        for (key, field) in [("must_fill", &mut r.must_fill), ("targets", &mut r.targets)] {
            let kp = rp.key(key);
            if let Some(g) = c.mapping(get(m, key), &kp) {
                c.set_bool(g, &kp, "hard", &mut field.hard);
                c.set_bool(g, &kp, "relaxable", &mut field.relaxable);
            }
        }
    }

    c.set_u32(
        top,
        &root,
        "max_departures_per_unit",
        &mut s.max_departures_per_unit,
        1,
        u32::MAX,
    );

    let pp = root.key("programme");
    if let Some(m) = c.mapping(get(top, "programme"), &pp) {
        s.programme = Some(c.programme(m, &pp, base_dir));
        // A programme plans with the posts' own seats and its own targets: these keys would
        // otherwise be read and silently ignored.
        for (key, fix) in [
            ("extra_seats", Say::ExtraSeatsInPostsSeats),
            ("targets", Say::TargetsUnderProgramme),
        ] {
            if get(top, key).is_some() {
                let d = c
                    .diag(code::SINGLE_PLAN_KEY, &root.key(key), Target::Key)
                    .found(quoted(key))
                    .expected(Text::say(Say::ProgrammeReadsNoKey).arg("key", key))
                    .fix(fix);
                c.push(d);
            }
        }
    }
    let op = root.key("objective");
    if let Some(m) = c.mapping(get(top, "objective"), &op) {
        s.objective = Some(c.objective(m, &op, s.programme.is_some()));
    }

    c.set_bool(top, &root, "deny_warnings", &mut s.deny_warnings);
    if let Some(l) = c.string(top, &root, "language") {
        match crate::domain::Lang::parse(&l) {
            Some(lang) => s.language = Some(lang),
            None => c.push(
                c.diag(code::UNKNOWN_NAME, &root.key("language"), Target::Value)
                    .found(quoted(&l))
                    .expected(Say::OneOfViEn)
                    .fix(Say::WriteViVietnameseOrEn),
            ),
        }
    }
    // Read before conversion (scenario::variants); checked here for its type.
    let mut allow_outside = false;
    c.set_bool(top, &root, "allow_outside_paths", &mut allow_outside);
    let lp = root.key("limits");
    if let Some(m) = c.mapping(get(top, "limits"), &lp) {
        let max_rows = super::tables::MAX_TABLE_ROWS_LIMIT as i64;
        if let Some(n) = c.integer(m, &lp, "max_table_rows", 1, max_rows) {
            s.max_table_rows = n as usize;
        }
        if let Some(n) = c.integer(
            m,
            &lp,
            "max_candidate_pairs",
            1,
            MAX_CANDIDATE_PAIRS_LIMIT as i64,
        ) {
            s.max_candidate_pairs = n as u64;
        }
        if let Some(n) = c.integer(
            m,
            &lp,
            "programme_whole_model",
            0,
            crate::domain::MAX_PROGRAMME_WHOLE_MODEL as i64,
        ) {
            s.programme_whole_model = n as u64;
        }
    }
    if let Some(f) = c.string(top, &root, "date_format") {
        let names: Vec<&str> = DateFormat::NAMES.iter().map(|(n, _)| *n).collect();
        match DateFormat::NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(f.trim()))
        {
            Some((_, d)) => s.date_format = *d,
            None => c.push(
                c.diag(code::UNKNOWN_NAME, &root.key("date_format"), Target::Value)
                    .found(quoted(&f))
                    .expected(Text::say(Say::OneOf).arg("v1", one_of(&names)))
                    .fix(
                        did_you_mean(closest_name(&f, names.iter().copied()))
                            .then(Say::WriteOneOfTheListed.into()),
                    ),
            ),
        }
    }

    let sp = root.key("solver");
    if let Some(m) = c.mapping(get(top, "solver"), &sp) {
        c.set_f64(
            m,
            &sp,
            "time_limit_s",
            &mut s.solver.time_limit_s,
            Range::Seconds,
        );
        c.set_f64(
            m,
            &sp,
            "relative_gap",
            &mut s.solver.relative_gap,
            Range::Gap,
        );
        c.set_u32(m, &sp, "threads", &mut s.solver.threads, 1, 1024);
    }

    let ep = root.key("extra_seats");
    for (i, item) in c.items(top, "extra_seats").into_iter().enumerate() {
        let ip = ep.index(i);
        let Some(m) = c.mapping(Some(item), &ip) else {
            continue;
        };
        let post = c.id(m, &ip, "post");
        let mut seats = 1;
        c.set_u32(m, &ip, "seats", &mut seats, 1, u32::MAX);
        let reason = c.string(m, &ip, "reason");
        if let Some(post) = post {
            s.extra_seats.push(RawExtraSeat {
                post,
                seats,
                reason,
            });
        }
    }
    for (list, key) in [(&mut s.pins, "pins"), (&mut s.forbids, "forbids")] {
        let lp = root.key(key);
        for (i, item) in c.items(top, key).into_iter().enumerate() {
            let ip = lp.index(i);
            let Some(m) = c.mapping(Some(item), &ip) else {
                continue;
            };
            let cadre = c.id(m, &ip, "cadre");
            let post = c.id(m, &ip, "post");
            let reason = c.string(m, &ip, "reason");
            let mut relaxable = true;
            if key == "pins" {
                c.set_bool(m, &ip, "relaxable", &mut relaxable);
            }
            let year = c
                .integer(m, &ip, "period", MIN_YEAR, MAX_YEAR)
                .map(|y| y as i32);
            if let (Some(cadre), Some(post)) = (cadre, post) {
                list.push(RawPair {
                    cadre,
                    post,
                    reason,
                    relaxable,
                    year,
                    key: ip,
                });
            }
        }
    }
    s
}

/// `m[key]`, with a null value counted as absent.
fn get<'v>(m: &'v Mapping, key: &str) -> Option<&'v Value> {
    m.get(key).filter(|v| !v.is_null())
}

#[derive(Clone, Copy)]
enum Range {
    NonNegative,
    /// A share in [0, 1].
    Share,
    /// A relative gap in [0, 1).
    Gap,
    /// A weight in [0, MAX_WEIGHT].
    Weight,
    /// Seconds in (0, MAX_TIME_LIMIT_S].
    Seconds,
}

impl Range {
    fn allows(self, x: f64) -> bool {
        x.is_finite()
            && match self {
                Range::NonNegative => x >= 0.0,
                Range::Share => (0.0..=1.0).contains(&x),
                Range::Gap => (0.0..1.0).contains(&x),
                Range::Weight => (0.0..=MAX_WEIGHT).contains(&x),
                Range::Seconds => x > 0.0 && x <= MAX_TIME_LIMIT_S,
            }
    }
    fn expected(self) -> Say {
        match self {
            Range::NonNegative => Say::RangeNonNegative,
            Range::Share => Say::RangeShare,
            Range::Gap => Say::RangeGap,
            Range::Weight => Say::RangeWeight,
            Range::Seconds => Say::RangeSeconds,
        }
    }
}

struct Conv<'a> {
    loc: &'a dyn Locate,
    diags: &'a mut Diags,
    /// The scenario's `date_format:` when it names one: the YAML's own dates follow it too.
    dates: Option<DateFormat>,
}

/// The `date_format:` a scenario's YAML names, read ahead of its dates (`None` when absent or not a
/// known name; the key itself is reported where it is read).
fn declared_dates(top: &Mapping) -> Option<DateFormat> {
    let Some(Value::String(f)) = get(top, "date_format") else {
        return None;
    };
    DateFormat::NAMES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(f.trim()))
        .map(|(_, d)| *d)
}

/// A date of the YAML: ISO, or in the order `date_format:` declares; without it, dd/mm/yyyy only
/// when it cannot be read month first (`25/12/2026`, `01/01/2027`).
fn yaml_date(t: &str, declared: Option<DateFormat>) -> Result<Date, Say> {
    // A timestamp's date ("2027-01-01T00:00:00", "2027-01-01 00:00"), as YAML and Excel write
    // them; an ISO date without its zeros ("2027-1-1"), as the tables read it.
    let t = t.trim();
    // Midnight only, with no offset: "2026-12-31T17:00:00Z" is another day in Vietnam.
    let t = match t.split_once(['T', ' ']) {
        Some((date, time))
            if time.contains(':') && time.chars().all(|c| matches!(c, '0' | ':' | '.')) =>
        {
            date
        }
        _ => t,
    };
    if let [y, m, d] = t.split('-').collect::<Vec<_>>()[..]
        && y.len() == 4
        && (m.len() == 1 || d.len() == 1)
        && let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse())
        && let Some(date) = Date::from_ymd_opt(y, m, d)
    {
        return Ok(date);
    }
    match declared {
        Some(f) => parse_date_as(t, f),
        None => match date_parts(t) {
            Some((a, b)) if a <= 12 && b <= 12 && a != b => {
                parse_date_as(t, DateFormat::Iso).map_err(|_| Say::YamlDateReadsBothWays)
            }
            Some(_) => parse_date_as(t, DateFormat::DayMonthYear),
            None => parse_date_as(t, DateFormat::Iso),
        },
    }
}

impl Conv<'_> {
    fn diag(&self, code: &'static str, path: &KeyPath, target: Target) -> Diagnostic {
        let l = self.loc.locate(path, target);
        Diagnostic::new(code, &l.file)
            .at(l.line, l.column)
            .field(path.to_string())
    }
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn missing(&mut self, parent: &KeyPath, key: &str, expected: Text) {
        let d = self
            .diag(code::MISSING_KEY, parent, Target::Key)
            .field(parent.key(key).to_string())
            .found(Say::NoSuchKey)
            .expected(expected)
            .fix(Text::say(Say::Add).arg("key", key));
        self.push(d);
    }

    /// [`Conv::missing`] of a key of `m`, or, when `m` has the key with nothing after it
    /// (`cadres:` alone), that empty value: "no such key, add `cadres:`" misled.
    fn missing_in(&mut self, m: &Mapping, parent: &KeyPath, key: &str, expected: Text) {
        if !m.contains_key(key) {
            return self.missing(parent, key, expected);
        }
        let path = parent.key(key);
        let d = self
            .diag(code::MISSING_KEY, &path, Target::Key)
            .found(Say::NothingEmptyValue)
            .expected(expected.clone())
            .fix(
                Text::say(Say::WriteAfter)
                    .text("expected", expected)
                    .arg("path", &path),
            );
        self.push(d);
    }

    fn wrong_type(&mut self, path: &KeyPath, v: &Value, expected: Text) {
        let d = self
            .diag(code::WRONG_TYPE, path, Target::Value)
            .found(describe(v))
            .expected(expected.clone())
            .fix(
                Text::say(Say::WriteAfter)
                    .text("expected", expected)
                    .arg("path", path),
            );
        self.push(d);
    }

    fn out_of_range(&mut self, path: &KeyPath, v: &Value, expected: Text) {
        let d = self
            .diag(code::BAD_VALUE, path, Target::Value)
            .found(describe(v))
            .expected(expected)
            .fix(Say::ChangeTheValueOrRemove);
        self.push(d);
    }

    /// A date key `YYYY-MM-DD` (`None` when absent or reported).
    fn date(&mut self, m: &Mapping, parent: &KeyPath, key: &str) -> Option<Date> {
        let path = parent.key(key);
        let v = get(m, key)?;
        self.date_value(v, &path)
    }

    fn date_value(&mut self, v: &Value, path: &KeyPath) -> Option<Date> {
        let parsed = match v {
            Value::String(t) => yaml_date(t, self.dates),
            _ => Err(Say::ADateWrittenYYYYMM),
        };
        match parsed {
            Ok(d) => Some(d),
            Err(expected) => {
                let d = self
                    .diag(code::YAML_BAD_DATE, path, Target::Value)
                    .found(describe(v))
                    .expected(expected)
                    .fix(Say::WriteTheDateAsYYYY4);
                self.push(d);
                None
            }
        }
    }

    /// `programme:` (docs/programme.md).
    fn programme(&mut self, m: &Mapping, p: &KeyPath, base_dir: &Path) -> RawProgramme {
        let mut r = RawProgramme {
            start: self.date(m, p, "start"),
            end: self.date(m, p, "end"),
            period_months: self
                .integer(m, p, "period_months", 1, 120)
                .map(|x| x as u32),
            periods: None,
            max_departures_per_period: self
                .integer(m, p, "max_departures_per_period", 1, i64::from(u32::MAX))
                .map(|x| x as u32),
            origin_penalty: 30.0,
            smoothing: 5.0,
            unplaced_penalty: None,
            history: None,
            previous: None,
            replan_tolerance: 0.0,
            as_of: self.date(m, p, "as_of"),
            targets: None,
            must_fill_within: self
                .integer(m, p, "must_fill_within", 0, 12)
                .map(|x| x as u32),
            key: p.clone(),
        };
        for (key, table) in [("history", "history"), ("previous", "programme")] {
            if let Some(path) = self.string(m, p, key) {
                let t = Some(table_ref(&base_dir.join(path.trim()), table, p.key(key)));
                if key == "history" {
                    r.history = t;
                } else {
                    r.previous = t;
                }
            }
        }
        self.set_f64(
            m,
            p,
            "replan_tolerance",
            &mut r.replan_tolerance,
            Range::Share,
        );
        let tp = p.key("targets");
        if let Some(tm) = self.mapping(get(m, "targets"), &tp) {
            r.targets = Some(self.programme_targets(tm, &tp));
        }
        if get(m, "end").is_none() {
            self.missing_in(m, p, "end", Say::TheProgrammesLastDay.into());
        }
        let kp = p.key("periods");
        match get(m, "periods") {
            None => {}
            Some(Value::Sequence(items)) => {
                let mut dates = Vec::new();
                for (i, v) in items.iter().enumerate() {
                    let path = kp.index(i);
                    if let Some(d) = self.date_value(v, &path) {
                        dates.push((d, path));
                    }
                }
                // A list whose dates were refused (E1011, each) is not also "no period".
                if dates.len() == items.len() {
                    r.periods = Some(dates);
                }
            }
            Some(other) => self.wrong_type(&kp, other, Say::AListOfDates.into()),
        }
        self.set_f64(m, p, "origin_penalty", &mut r.origin_penalty, Range::Weight);
        // Costs in the objective beside the weights: bounded as they are (precision).
        self.set_f64(m, p, "smoothing", &mut r.smoothing, Range::Weight);
        let mut unplaced = f64::NAN;
        self.set_f64(m, p, "unplaced_penalty", &mut unplaced, Range::Weight);
        r.unplaced_penalty = (!unplaced.is_nan()).then_some(unplaced);
        r
    }

    /// `objective:` the lexicographic levels: `order` names objective terms
    /// (`scoring::level_names`), each once; `tolerance` is one share for every level or a map
    /// from level name to share.
    /// A level worth nothing in this kind of scenario (`targets` in a programme, `unplaced` in a
    /// single plan) is W1002: kept, but it decides nothing.
    fn objective(
        &mut self,
        m: &Mapping,
        p: &KeyPath,
        programme: bool,
    ) -> crate::domain::Lexicographic {
        let names: Vec<&str> = crate::scoring::level_names().collect();
        let mut out = crate::domain::Lexicographic::default();
        let kp = p.key("order");
        match get(m, "order") {
            None => self.missing_in(m, p, "order", Say::ObjectiveLevels.into()),
            Some(Value::Sequence(items)) => {
                for (i, v) in items.iter().enumerate() {
                    let path = kp.index(i);
                    let Value::String(name) = v else {
                        self.wrong_type(&path, v, Say::ObjectiveTermName.into());
                        continue;
                    };
                    let n = name.trim().to_string();
                    if !names.contains(&n.as_str()) {
                        let d = self
                            .diag(code::UNKNOWN_NAME, &path, Target::Value)
                            .found(quoted(&n))
                            .expected(Text::say(Say::OneOfNames).arg("names", one_of(&names)))
                            .fix(
                                did_you_mean(closest_name(&n, names.iter().copied()))
                                    .then(Say::ObjectiveListTerms.into()),
                            );
                        self.push(d);
                    } else if out.order.contains(&n) {
                        let d = self
                            .diag(code::BAD_VALUE, &path, Target::Value)
                            .found(quoted(&n))
                            .expected(Say::ObjectiveEachOnce)
                            .fix(Say::ObjectiveRemoveRepeat);
                        self.push(d);
                    } else {
                        if !crate::scoring::level_applies(&n, programme) {
                            let d = self
                                .diag(code::LEVEL_WORTH_NOTHING, &path, Target::Value)
                                .found(quoted(&n))
                                .expected(if programme {
                                    Say::ObjectiveLevelOfAProgramme
                                } else {
                                    Say::ObjectiveLevelOfAPlan
                                })
                                .fix(Say::ObjectiveRemoveLevel);
                            self.push(d);
                        }
                        out.order.push(n);
                    }
                }
                if items.is_empty() {
                    let d = self
                        .diag(code::BAD_VALUE, &kp, Target::Value)
                        .found(Say::ObjectiveEmptyList)
                        .expected(Say::ObjectiveAtLeastOne)
                        .fix(Say::ObjectiveListOrRemove);
                    self.push(d);
                }
            }
            Some(other) => self.wrong_type(&kp, other, Say::ObjectiveTermList.into()),
        }
        out.tolerance = vec![0.0; out.order.len()];
        let tp = p.key("tolerance");
        match get(m, "tolerance") {
            None | Some(Value::Null) => {}
            Some(Value::Mapping(per)) => {
                for (k, _) in per {
                    let Value::String(k) = k else { continue };
                    match out.order.iter().position(|n| n == k.trim()) {
                        Some(i) => self.set_f64(per, &tp, k, &mut out.tolerance[i], Range::Share),
                        None => {
                            let order: Vec<&str> = out.order.iter().map(String::as_str).collect();
                            let d = self
                                .diag(code::UNKNOWN_NAME, &tp.key(k), Target::Key)
                                .found(quoted(k))
                                .expected(
                                    Text::say(Say::ObjectiveALevel).arg("names", one_of(&order)),
                                )
                                .fix(
                                    did_you_mean(closest_name(k, order.iter().copied()))
                                        .then(Say::ObjectiveTolerances.into()),
                                );
                            self.push(d);
                        }
                    }
                }
            }
            Some(_) => {
                let mut x = 0.0;
                self.set_f64(m, p, "tolerance", &mut x, Range::Share);
                out.tolerance = vec![x; out.order.len()];
            }
        }
        out
    }

    /// `programme.targets:`: shares as `targets:` (absent: 0), the key-head months (absent: 0),
    /// the most of the moves in one period (absent: 1, no limit) and the soft costs.
    fn programme_targets(&mut self, m: &Mapping, p: &KeyPath) -> crate::domain::ProgrammeTargets {
        let mut t = crate::domain::ProgrammeTargets {
            shares: crate::domain::Targets {
                women: 0.0,
                young: 0.0,
                minority: 0.0,
            },
            key_head_months: 0,
            key_head_shortfall: 5.0,
            max_period_share: 1.0,
            period_excess: 20.0,
        };
        self.set_f64(m, p, "women", &mut t.shares.women, Range::Share);
        self.set_f64(m, p, "young", &mut t.shares.young, Range::Share);
        self.set_f64(m, p, "minority", &mut t.shares.minority, Range::Share);
        self.set_u32(m, p, "key_head_months", &mut t.key_head_months, 0, 600);
        self.set_f64(
            m,
            p,
            "key_head_shortfall",
            &mut t.key_head_shortfall,
            Range::Weight,
        );
        self.set_f64(
            m,
            p,
            "max_period_share",
            &mut t.max_period_share,
            Range::Share,
        );
        self.set_f64(m, p, "period_excess", &mut t.period_excess, Range::Weight);
        t
    }

    /// A mapping, or `None` when absent/null (use the defaults) or of another type (reported).
    fn mapping<'v>(&mut self, v: Option<&'v Value>, path: &KeyPath) -> Option<&'v Mapping> {
        match v? {
            Value::Mapping(m) => Some(m),
            Value::Null => None,
            other => {
                self.wrong_type(path, other, Say::AMappingOfKeyValueLines.into());
                None
            }
        }
    }

    /// The items of a list key (none when absent).
    fn items<'v>(&mut self, m: &'v Mapping, key: &str) -> Vec<&'v Value> {
        match get(m, key) {
            None => Vec::new(),
            Some(Value::Sequence(items)) => items.iter().collect(),
            Some(other) => {
                self.wrong_type(&KeyPath::root().key(key), other, Say::AListLines.into());
                Vec::new()
            }
        }
    }

    fn string(&mut self, m: &Mapping, parent: &KeyPath, key: &str) -> Option<String> {
        match get(m, key)? {
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong_type(&parent.key(key), other, Say::AText.into());
                None
            }
        }
    }

    /// A required id (text; a number is taken as written).
    fn id(&mut self, m: &Mapping, parent: &KeyPath, key: &str) -> Option<IdRef> {
        let path = parent.key(key);
        match get(m, key) {
            None => {
                self.missing_in(m, parent, key, Text::say(Say::TheIdOfA).arg("key", key));
                None
            }
            Some(Value::String(s)) if !s.trim().is_empty() => Some(IdRef {
                id: s.trim().to_string(),
                key: path,
            }),
            Some(Value::Number(n)) => Some(IdRef {
                id: n.to_string(),
                key: path,
            }),
            Some(other) => {
                self.wrong_type(&path, other, Text::say(Say::TheIdOfA).arg("key", key));
                None
            }
        }
    }

    fn set_f64(&mut self, m: &Mapping, parent: &KeyPath, key: &str, field: &mut f64, range: Range) {
        let path = parent.key(key);
        let Some(v) = get(m, key) else { return };
        match v.as_f64() {
            Some(x) if range.allows(x) => *field = x,
            Some(_) => self.out_of_range(&path, v, range.expected().into()),
            None => self.wrong_type(&path, v, Say::ANumber.into()),
        }
    }

    /// An integer in `[min, max]` (a float with no fraction counts).
    fn integer(
        &mut self,
        m: &Mapping,
        parent: &KeyPath,
        key: &str,
        min: i64,
        max: i64,
    ) -> Option<i64> {
        let path = parent.key(key);
        let v = get(m, key)?;
        let n = match v {
            Value::Number(n) => n.as_i64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                    .map(|f| f as i64)
            }),
            _ => None,
        };
        let expected = if max >= i64::from(i32::MAX) {
            Text::say(Say::AWholeNumberAtLeast).arg("min", min)
        } else {
            Text::say(Say::AWholeNumberFromTo)
                .arg("min", min)
                .arg("max", max)
        };
        match n {
            Some(x) if (min..=max).contains(&x) => Some(x),
            None if !matches!(v, Value::Number(_)) => {
                self.wrong_type(&path, v, Say::AWholeNumber.into());
                None
            }
            // Out of range, a fraction, or too large to be a whole number.
            _ => {
                self.out_of_range(&path, v, expected);
                None
            }
        }
    }

    fn set_u32(
        &mut self,
        m: &Mapping,
        parent: &KeyPath,
        key: &str,
        field: &mut u32,
        min: u32,
        max: u32,
    ) {
        if let Some(x) = self.integer(m, parent, key, i64::from(min), i64::from(max)) {
            *field = x as u32;
        }
    }

    fn set_i32(
        &mut self,
        m: &Mapping,
        parent: &KeyPath,
        key: &str,
        field: &mut i32,
        min: i32,
        max: i32,
    ) {
        if let Some(x) = self.integer(m, parent, key, i64::from(min), i64::from(max)) {
            *field = x as i32;
        }
    }

    fn set_bool(&mut self, m: &Mapping, parent: &KeyPath, key: &str, field: &mut bool) {
        match get(m, key) {
            None => {}
            Some(Value::Bool(b)) => *field = *b,
            Some(other) => self.wrong_type(&parent.key(key), other, Say::TrueOrFalse.into()),
        }
    }

    /// A list of texts, or `None` when absent or wrong.
    fn string_list(
        &mut self,
        m: &Mapping,
        parent: &KeyPath,
        key: &str,
    ) -> Option<Vec<(usize, String)>> {
        let path = parent.key(key);
        match get(m, key)? {
            Value::Sequence(items) => {
                let mut out = Vec::new();
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => out.push((i, s.clone())),
                        other => {
                            self.wrong_type(&path.index(i), other, Say::AText.into());
                            ok = false;
                        }
                    }
                }
                ok.then_some(out)
            }
            other => {
                self.wrong_type(&path, other, Say::AListOfTexts.into());
                None
            }
        }
    }

    /// `rules:`: the base rule set, then each override.
    fn rules(&mut self, m: Option<&Mapping>, p: &KeyPath) -> RuleSet {
        let mut r = RuleSet::qd65_2022();
        let Some(m) = m else { return r };
        if let Some(base) = self.string(m, p, "base") {
            match RuleSet::builtin(base.trim()) {
                Some(b) => r = b,
                None => {
                    let suggestion =
                        closest_name(base.trim(), RuleSet::BUILTIN_NAMES.iter().copied());
                    let d = self
                        .diag(code::UNKNOWN_RULE_SET, &p.key("base"), Target::Value)
                        .found(quoted(&base))
                        .expected(
                            Text::say(Say::ABuiltInRuleSet)
                                .arg("v1", one_of(RuleSet::BUILTIN_NAMES)),
                        )
                        .fix(did_you_mean(suggestion).then(Say::UseABuiltInRule.into()));
                    self.push(d);
                }
            }
        }
        let months = 0;
        let max_months = 100 * 12;
        self.set_u32(
            m,
            p,
            "min_service_months",
            &mut r.min_service_months,
            months,
            max_months,
        );
        self.set_u32(
            m,
            p,
            "min_service_months_policy",
            &mut r.min_service_months_policy,
            months,
            max_months,
        );
        self.set_u32(
            m,
            p,
            "health_cert_max_months",
            &mut r.health_cert_max_months,
            months,
            max_months,
        );
        self.set_u32(
            m,
            p,
            "min_rotation_months",
            &mut r.min_rotation_months,
            months,
            max_months,
        );
        self.set_i32(
            m,
            p,
            "outstanding_rank_up",
            &mut r.outstanding_rank_up,
            0,
            100,
        );
        self.set_bool(m, p, "local_by_birth", &mut r.local_by_birth);
        self.set_bool(m, p, "local_by_hometown", &mut r.local_by_hometown);
        self.set_f64(
            m,
            p,
            "local_min_worked_years",
            &mut r.local_min_worked_years,
            Range::NonNegative,
        );
        if let Some(titles) = self.string_list(m, p, "not_local_titles") {
            r.not_local_titles = titles
                .into_iter()
                .map(|(_, t)| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
        }
        self.set_u32(m, p, "max_head_terms", &mut r.max_head_terms, 1, 100);
        if let Some(names) = self.string_list(m, p, "family_functions") {
            let all: Vec<&str> = Function::ALL.iter().map(|f| f.as_str()).collect();
            let mut functions = Vec::new();
            let mut ok = true;
            for (i, name) in names {
                let n = name.trim().to_lowercase();
                match Function::ALL.iter().find(|f| f.as_str() == n) {
                    Some(f) => {
                        if !functions.contains(f) {
                            functions.push(*f);
                        }
                    }
                    None => {
                        ok = false;
                        let d = self
                            .diag(
                                code::UNKNOWN_NAME,
                                &p.key("family_functions").index(i),
                                Target::Key,
                            )
                            .found(quoted(&name))
                            .expected(Text::say(Say::OneOf).arg("v1", one_of(&all)))
                            .fix(
                                did_you_mean(closest_name(&n, all.iter().copied()))
                                    .then(Say::UseTheNamesOfThe.into()),
                            );
                        self.push(d);
                    }
                }
            }
            if ok {
                r.family_functions = functions;
            }
        }
        self.set_u32(m, p, "young_max_age", &mut r.young_max_age, 1, 120);
        for (key, roadmap) in [
            ("retirement_men", &mut r.retirement_men),
            ("retirement_women", &mut r.retirement_women),
        ] {
            let rp = p.key(key);
            if let Some(rm) = self.mapping(get(m, key), &rp) {
                self.roadmap(rm, &rp, roadmap);
            }
        }
        r
    }

    fn roadmap(&mut self, m: &Mapping, p: &KeyPath, r: &mut RetirementRoadmap) {
        self.set_i32(m, p, "base_year", &mut r.base_year, 1900, 2200);
        self.set_u32(m, p, "base_months", &mut r.base_months, 0, 100 * 12);
        self.set_u32(m, p, "step_months", &mut r.step_months, 0, 100 * 12);
        self.set_u32(m, p, "max_months", &mut r.max_months, 0, 100 * 12);
        if r.base_months > r.max_months {
            let key = if get(m, "max_months").is_some() {
                "max_months"
            } else {
                "base_months"
            };
            let v = get(m, key).cloned().unwrap_or(Value::Null);
            let d = self
                .diag(code::BAD_VALUE, &p.key(key), Target::Value)
                .found(
                    Text::say(Say::BaseMonthsMaxMonths)
                        .text("v1", describe(&v))
                        .arg("v2", r.base_months)
                        .arg("v3", r.max_months),
                )
                .expected(Say::BaseMonthsMaxMonthsThe)
                .fix(Say::CorrectBaseMonthsOrMax);
            self.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `#` in a sheet's name or in a folder's: the sheet starts after the workbook's name.
    #[test]
    fn a_sheet_or_a_folder_may_hold_a_hash() {
        for (text, file, sheet) in [
            (
                "/x/du-lieu.xlsx#Cán bộ #2",
                "/x/du-lieu.xlsx",
                Some("Cán bộ #2"),
            ),
            (
                "/x/Đợt #2/du-lieu.xlsx#Cán bộ",
                "/x/Đợt #2/du-lieu.xlsx",
                Some("Cán bộ"),
            ),
            ("/x/du-lieu.ods#A#B", "/x/du-lieu.ods", Some("A#B")),
            ("/x/Đợt #2/can-bo.csv", "/x/Đợt #2/can-bo.csv", None),
        ] {
            let t = table_ref(Path::new(text), "cadres", KeyPath::root());
            assert_eq!(t.path, Path::new(file), "{text}");
            assert_eq!(t.sheet.as_deref(), sheet, "{text}");
        }
    }

    /// Dates as YAML and office tools write them besides ISO: a timestamp's date, an ISO date
    /// without its zeros; what reads both ways stays refused.
    #[test]
    fn yaml_dates_as_tools_write_them() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        for (t, want) in [
            ("2027-01-01", d("2027-01-01")),
            ("2027-1-1", d("2027-01-01")),
            ("2027-01-01T00:00:00", d("2027-01-01")),
            ("2027-01-01 00:00", d("2027-01-01")),
            ("31/12/2031", d("2031-12-31")),
        ] {
            assert_eq!(yaml_date(t, None), Ok(want), "{t}");
        }
        assert!(yaml_date("01/02/2027", None).is_err());
        assert!(yaml_date("2027-13-1", None).is_err());
        assert!(yaml_date("2027", None).is_err());
        assert!(yaml_date("2026-12-31T17:00:00Z", None).is_err());
        assert!(yaml_date("2027-01-01T08:30:00", None).is_err());
    }
}
