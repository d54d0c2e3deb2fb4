//! The file formats: a scenario YAML file and its CSV tables (see `docs/scenario-format.md`), read
//! into a validated [`Scenario`], and plan CSV files read back against a scenario.
//!
//! Loading never stops at the first problem: every problem of every file is collected as a
//! [`Diagnostic`] with a stable code (`docs/errors.md`), a location and a fix, and returned together
//! in one [`LoadError`]. No input makes it panic.
//!
//! The YAML is first parsed to a `serde_yaml::Value`; its keys are checked against the schema
//! ([`yaml::SCENARIO`]) and it is converted by [`from_value`], which does not read the YAML file, so
//! that values merged from several files (`extends:`, `variants:`) can go through it as well.
//! serde_yaml and csv are used only in this module.

mod diagnostic;
mod file_kind;
mod history;
mod locate;
mod plan;
mod programme;
pub mod provinces;
mod tables;
mod text;
mod variants;
mod web_table;
mod xlsx;
mod yaml;

pub use variants::{
    DEFAULT_SWEEP_LIMIT, Variant, input_files, load_each, load_variants, people_named,
};

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_yaml::Value;

pub use diagnostic::{
    Arg, Diagnostic, ERROR_CODES, LoadError, Part, Repeats, Say, Text, WARNING_CODES, title,
};
pub use history::{HistoryFile, is_history_file, read_history_file};
pub use plan::{
    MovesFile, PlanRow, PreviousPlan, ReadPlan, problems_without_scenario, read_plan,
    read_plan_csv, use_previous_plan,
};
pub use programme::{ProgrammeFile, read_programme};
pub use tables::DEFAULT_MAX_TABLE_ROWS;
pub use yaml::MAX_TIME_LIMIT_S;

use crate::domain::{Cadre, PairRule, Post, Scenario, Unit};
use diagnostic::{self as code, Diags, quoted};
use locate::{KeyPath, Locate, Target};
use tables::{Csv, CsvSpec, Ids};
use text::{DateFormat, ReadFailure};
use yaml::{IdRef, RawPair, TableRef};

/// A scenario that loaded, with the warnings its files gave (coded `W…`, located like errors) and
/// notes on how the tables were read (the separator of a CSV file, day/month/year dates).
#[derive(Debug, Clone)]
pub struct Checked {
    pub scenario: Scenario,
    pub warnings: Vec<Diagnostic>,
    pub notes: Vec<Text>,
}

/// Whether the scenario file at `path` declares a `programme:` (a programme's `check` reads a
/// programme file, a single plan's a plan), told from its YAML alone for a scenario whose tables
/// have errors: `None` when that cannot be told (the YAML does not parse, or it `extends`
/// another file).
pub fn declares_programme(path: &Path) -> Option<bool> {
    let text = std::fs::read_to_string(path).ok()?;
    let v: Value = serde_yaml::from_str(&text).ok()?;
    let m = v.as_mapping()?;
    if m.contains_key("programme") {
        return Some(true);
    }
    if m.contains_key("extends") {
        return None;
    }
    Some(false)
}

/// Reads a scenario: the YAML file at `path` and the tables it names, validated. Warnings are
/// dropped (see [`load_checked`]), unless the scenario says `deny_warnings: true`.
pub fn load(path: &Path) -> Result<Scenario, LoadError> {
    load_checked(path).map(|c| c.scenario)
}

/// Reads a scenario with its warnings and notes.
pub fn load_checked(path: &Path) -> Result<Checked, LoadError> {
    variants::load_base(path)
}

/// A table of a scenario, for [`check_table_bytes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Units,
    Posts,
    Cadres,
}

/// Reads the bytes of a scenario YAML file as the loader does (UTF-8, syntax, known keys, every
/// setting and its range) without reading any other file, and returns what it reports: errors
/// and warnings, located in `path`. The entry point of the readers' fuzz test (tests/it/fuzz.rs).
pub fn check_yaml_bytes(path: &Path, bytes: &[u8]) -> Vec<Diagnostic> {
    let text = match text::decode_utf8(bytes.to_vec()) {
        Ok(t) => t,
        Err(f) => return vec![read_failure(path, f, None)],
    };
    let mut value: Value = match parse_yaml(path, &text) {
        Ok(v) => v,
        Err(d) => return vec![*d],
    };
    if let Err(e) = value.apply_merge() {
        return vec![yaml_syntax(path, &text, &e)];
    }
    let loc = locate::YamlText::new(path, &text);
    let mut diags = Diags::default();
    yaml::check_keys(&value, &yaml::SCENARIO, &KeyPath::root(), &loc, &mut diags);
    yaml::check_controls(&value, &KeyPath::root(), &loc, &mut diags);
    let _ = yaml::settings(&value, Path::new(""), &loc, &mut diags);
    match diags.finish() {
        Ok((warnings, _)) => warnings,
        Err(e) => e.all().cloned().collect(),
    }
}

/// Reads the bytes of one table as the loader does (UTF-8, separator, quotes, header, every
/// cell), without the other tables (references are not resolved), and returns what it reports,
/// located in `path`. The entry point of the readers' fuzz test (tests/it/fuzz.rs).
pub fn check_table_bytes(path: &Path, table: TableKind, bytes: &[u8]) -> Vec<Diagnostic> {
    let mut diags = Diags::default();
    let text = match text::decode_table(path, bytes.to_vec(), &mut diags) {
        Ok(t) => t,
        Err(f) => return vec![read_failure(path, f, None)],
    };
    let spec = match table {
        TableKind::Units => &tables::UNITS,
        TableKind::Posts => &tables::POSTS,
        TableKind::Cadres => &tables::CADRES,
    };
    if let Some(csv) = tables::read_csv(
        path,
        &text,
        spec,
        tables::DEFAULT_MAX_TABLE_ROWS,
        &mut diags,
    ) {
        match table {
            TableKind::Units => drop(tables::units(&csv, &mut diags)),
            TableKind::Posts => drop(tables::posts(
                &csv,
                "units.csv",
                None,
                None,
                &crate::domain::RuleSet::qd65_2022(),
                DateFormat::Auto,
                &mut diags,
            )),
            TableKind::Cadres => {
                let refs = tables::CadreRefs {
                    units_file: "units.csv",
                    posts_file: "posts.csv",
                    units: None,
                    unit_rows: None,
                    units_complete: false,
                    posts: None,
                    plan_date: crate::domain::Date::from_ymd_opt(2027, 1, 1),
                    dates: DateFormat::Auto,
                };
                drop(tables::cadres(&csv, &refs, &mut diags))
            }
        }
    }
    match diags.finish() {
        Ok((warnings, _)) => warnings,
        Err(e) => e.all().cloned().collect(),
    }
}

/// Warnings as a [`LoadError`] (`--deny-warnings`); `Ok` when there are none.
pub fn deny(warnings: &[Diagnostic]) -> Result<(), LoadError> {
    if warnings.is_empty() {
        Ok(())
    } else {
        Err(LoadError {
            diagnostics: warnings.to_vec(),
            warnings: Vec::new(),
        })
    }
}

/// A table's name for messages: its file name, with the sheet of a workbook as a scenario writes
/// it (`du-lieu.xlsx#CanBo`); `default` when the scenario names none.
fn table_name(t: Option<&TableRef>, default: &str) -> String {
    read_name(t, None, default)
}

/// [`table_name`] once the table is read: a workbook's table by the sheet it was found on
/// ("du-lieu.xlsx#Đơn vị"), not by the table's name.
fn read_name(t: Option<&TableRef>, ids: Option<&Ids>, default: &str) -> String {
    let Some(t) = t else {
        return default.to_string();
    };
    let file = t.path.file_name().map_or_else(
        || t.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let workbook = xlsx::is_workbook(&t.path);
    match t.sheet.as_ref().or(ids.and_then(|i| i.sheet.as_ref())) {
        Some(sheet) => format!("{file}#{sheet}"),
        None if workbook => format!("{file}#{}", t.table),
        None => file,
    }
}

/// The (id, name) of every row of the cadres table `value` names, problems or not (see
/// [`people_named`]); the table's other problems are not reported here.
pub(crate) fn people_in(value: &Value, loc: &dyn Locate) -> Vec<(String, String)> {
    let mut diags = Diags::default();
    let s = yaml::settings(value, Path::new(""), loc, &mut diags);
    let Some(csv) = s
        .cadres
        .as_ref()
        .and_then(|t| read_table(t, &tables::CADRES, loc, s.max_table_rows, &mut diags))
    else {
        return Vec::new();
    };
    csv.rows
        .iter()
        .map(|r| (csv.text(r, "id"), csv.text(r, "name")))
        .filter(|(id, name)| !id.is_empty() || !name.is_empty())
        .collect()
}

/// Checks and converts a scenario's YAML value; table paths are relative to `base_dir`, and `loc`
/// tells where each key was written (and which file the scenario is).
pub(crate) fn from_value(
    value: &Value,
    base_dir: &Path,
    loc: &dyn Locate,
    cache: &TableCache,
) -> Result<Checked, LoadError> {
    let mut diags = Diags::default();
    yaml::check_keys(value, &yaml::SCENARIO, &KeyPath::root(), loc, &mut diags);
    yaml::check_controls(value, &KeyPath::root(), loc, &mut diags);
    let s = yaml::settings(value, base_dir, loc, &mut diags);
    let mut files = vec![loc.file().to_path_buf()];
    files.extend(
        [&s.units, &s.posts, &s.cadres]
            .into_iter()
            .flatten()
            .map(|t| t.path.clone()),
    );
    diags.order_files(files);

    let read = |t: &Option<TableRef>, spec: &CsvSpec, diags: &mut Diags| -> Option<Csv> {
        read_table(t.as_ref()?, spec, loc, s.max_table_rows, diags)
    };
    // Tables are parsed once per file and reading settings, and shared by every scenario (variant)
    // that reads them the same way; a table with errors is never cached, so each variant reports it.
    let path_of = |t: &Option<TableRef>| {
        t.as_ref().map(|t| match &t.sheet {
            Some(sheet) => PathBuf::from(format!("{}#{sheet}", t.path.display())),
            None => PathBuf::from(format!("{}#{}", t.path.display(), t.table)),
        })
    };
    let (units, unit_ids, units_partly) =
        shared(&cache.units, path_of(&s.units), &mut diags, |d| {
            parse(read(&s.units, &tables::UNITS, d)?, d, |csv, d| {
                tables::units(csv, d)
            })
        });
    let units_file = read_name(s.units.as_ref(), unit_ids.as_deref(), "units.csv");
    let posts_key = path_of(&s.posts).map(|p| {
        (
            p,
            path_of(&s.units),
            s.rules.not_local_titles.clone(),
            s.date_format,
        )
    });
    let (posts, post_ids, _) = shared(&cache.posts, posts_key, &mut diags, |d| {
        parse(read(&s.posts, &tables::POSTS, d)?, d, |csv, d| {
            tables::posts(
                csv,
                &units_file,
                unit_ids.as_deref(),
                units.as_deref().map(|u| &u[..]),
                &s.rules,
                s.date_format,
                d,
            )
        })
    });
    let posts_file = read_name(s.posts.as_ref(), post_ids.as_deref(), "posts.csv");
    let cadres_key = path_of(&s.cadres).map(|p| {
        (
            p,
            path_of(&s.units),
            path_of(&s.posts),
            s.plan_date,
            s.date_format,
        )
    });
    let (cadres, cadre_ids, _) = shared(&cache.cadres, cadres_key, &mut diags, |d| {
        let refs = tables::CadreRefs {
            units_file: &units_file,
            posts_file: &posts_file,
            units: unit_ids.as_deref(),
            // A units table with errors still names the provinces of its other rows: without
            // them every cadre of those provinces was "unknown province" (W2002) beside the
            // table's own errors.
            unit_rows: units.as_deref().map(|u| &u[..]).or(units_partly.as_deref()),
            // The rows with errors are missing from those: a province only they name would be
            // "unknown" with a "did you mean" that corrupts right data (W2002), so none is said.
            units_complete: units.is_some(),
            posts: posts.as_deref().map(|p| &p[..]),
            plan_date: s.plan_date,
            dates: s.date_format,
        };
        parse(read(&s.cadres, &tables::CADRES, d)?, d, |csv, d| {
            tables::cadres(csv, &refs, d)
        })
    });

    let (post_ids, cadre_ids) = (post_ids.as_deref(), cadre_ids.as_deref());
    let mut refs = Refs {
        loc,
        diags: &mut diags,
    };
    let mut extra_seats = Vec::new();
    // A programme reads no extra seats (W5005 says so): not resolved, not checked.
    let seats_read = if s.programme.is_some() {
        &[][..]
    } else {
        &s.extra_seats[..]
    };
    for e in seats_read {
        if let Some(post) = refs.resolve(&e.post, post_ids, &posts_file) {
            extra_seats.push(crate::domain::ExtraSeat {
                post,
                seats: e.seats,
                reason: e.reason.clone(),
            });
        }
    }
    // The messages name the tables as given (cadres.xls#cadres), not the default names.
    let cadres_file = read_name(s.cadres.as_ref(), cadre_ids, "cadres.csv");
    let tables_of = (cadre_ids, post_ids, &cadres_file[..], &posts_file[..]);
    let pins = refs.pairs(&s.pins, tables_of);
    let forbids = refs.pairs(&s.forbids, tables_of);
    let holders = match (&posts, &s.posts) {
        (Some(posts), Some(t)) => refs.holders(
            posts,
            post_ids,
            cadre_ids,
            (
                cadres.as_deref().map(|c| &c[..]),
                units.as_deref().map(|u| &u[..]),
                s.programme.is_some(),
            ),
            &t.path,
            (&posts_file, &cadres_file),
        ),
        _ => Vec::new(),
    };
    // A single plan fills only the seats free on its date ([`Scenario::only_free_seats`]),
    // computed once: its pins see them (a pin on a held post is refused here, at the pin, not
    // left to an infeasible solve) and the finished scenario has them.
    let taken = match (&posts, &cadres, s.plan_date) {
        (Some(posts), Some(cadres), Some(date)) if s.programme.is_none() => {
            crate::domain::seats_taken(posts, cadres, &holders, &s.rules, date)
        }
        _ => Vec::new(),
    };
    // A programme's pins compete for a post's seats within one year only (a rotation pinned to
    // 2027 and another cadre's pin to 2030, after its placement, share a seat).
    let pin_years: Option<(Vec<Option<i32>>, u32)> = s.programme.is_some().then(|| {
        (
            pins.iter().map(|(_, k)| pair_year(&s.pins, k)).collect(),
            s.rules.min_rotation_months,
        )
    });
    if let Some(posts) = &posts {
        if taken.is_empty() {
            refs.check_seats(&pins, pin_years.as_ref(), posts, &extra_seats, &taken);
        } else {
            let mut free = posts.to_vec();
            for &(p, n) in &taken {
                free[p as usize].seats -= n;
            }
            refs.check_seats(&pins, pin_years.as_ref(), &free, &extra_seats, &taken);
        }
    }
    // A single plan reads the holders too: their seats are not free on its date.
    let single_holders = holders.clone();
    let mut programme = match (&s.programme, s.plan_date) {
        (Some(raw), Some(plan_date)) => refs.programme(
            raw,
            plan_date,
            holders,
            s.max_departures_per_unit,
            s.weights.must_fill,
            s.programme_whole_model,
        ),
        _ => None,
    };
    refs.check_pins((&pins, &s.pins), (&forbids, &s.forbids), programme.as_ref());
    let pin_years = refs.pair_years(&pins, &s.pins, programme.as_ref(), true);
    let forbid_years = refs.pair_years(&forbids, &s.forbids, programme.as_ref(), false);
    if let Some(p) = programme.as_mut() {
        p.requirements.pin_years = pin_years;
        p.requirements.forbid_years = forbid_years;
    }

    if let (Some(posts), Some(cadres)) = (&posts, &cadres) {
        let pairs =
            crate::domain::rank_compatible_pairs(posts, cadres, s.rules.outstanding_rank_up);
        if pairs > s.max_candidate_pairs {
            let mut d = Diagnostic::new(code::TOO_MANY_PAIRS, loc.file())
                .found(
                    Text::say(Say::CadrePostPairsOfCompatible)
                        .arg("pairs", pairs)
                        .arg("v1", cadres.len())
                        .arg("v2", posts.len())
                        .arg("v3", pairs.saturating_mul(100) / 1_000_000),
                )
                .expected(
                    Text::say(Say::AtMostPairsLimitsMax)
                        .arg("v1", s.max_candidate_pairs)
                        .arg("v2", yaml::DEFAULT_MAX_CANDIDATE_PAIRS),
                )
                .fix(
                    Text::say(Say::CheckTheTablesAWrong).arg("v1", yaml::MAX_CANDIDATE_PAIRS_LIMIT),
                );
            let l = loc.locate(&KeyPath::root().key("tables"), Target::Key);
            d.file = l.file;
            d = d.at(l.line, l.column).field("tables");
            diags.push(d);
        }
    }
    // With errors in the tables the scenario is not built: the history's own errors come now,
    // not only once the tables are right.
    if diags.len() > 0
        && let Some(t) = s.programme.as_ref().and_then(|r| r.history.as_ref())
    {
        let found = history::errors_without_tables(t, s.date_format, loc, programme.as_ref());
        for d in found {
            diags.push(d);
        }
    }
    let (warnings, mut notes) = diags.finish()?;
    // The tables' warnings come along with an error found after them (the baseline plan, the
    // history, the previous programme).
    let said_later = warnings.clone();
    // `deny_warnings:` denies the tables' warnings with those of the history and the previous
    // programme, read below.
    let deny_all = s.deny_warnings;
    match (s.plan_date, units, posts, cadres) {
        (Some(plan_date), Some(units), Some(posts), Some(cadres)) => with_baseline(
            s.baseline.as_ref(),
            loc,
            free_seats(
                Scenario {
                    name: s.name,
                    plan_date,
                    rules: s.rules,
                    weights: s.weights,
                    targets: s.targets,
                    requirements: s.requirements,
                    waived: Default::default(),
                    certificate_renewable: false,
                    max_departures_per_unit: s.max_departures_per_unit,
                    extra_seats,
                    pins: pins.into_iter().map(|(p, _)| p).collect(),
                    forbids: forbids.into_iter().map(|(p, _)| p).collect(),
                    solver: s.solver,
                    units,
                    posts,
                    cadres,
                    baseline: Vec::new(),
                    baseline_previous: s.baseline_previous,
                    held_sensitive: Vec::new(),
                    programme,
                    language: s.language,
                    objective: s.objective,
                    tables: crate::domain::TableNames {
                        units: units_file,
                        posts: posts_file.clone(),
                        cadres: cadres_file,
                        history: table_name(
                            s.programme.as_ref().and_then(|r| r.history.as_ref()),
                            "history.csv",
                        ),
                    },
                },
                &taken,
                &single_holders,
                &posts_file,
                &mut notes,
            ),
        )
        .and_then(|sc| {
            let raw = s.programme.as_ref();
            history::with_replan(
                raw.and_then(|r| r.history.as_ref()),
                raw.and_then(|r| r.previous.as_ref()),
                raw.map_or(0.0, |r| r.replan_tolerance),
                s.date_format,
                loc,
                sc,
            )
        })
        .and_then(|(scenario, more, more_notes)| {
            let warnings: Vec<Diagnostic> = warnings.into_iter().chain(more).collect();
            let mut notes = notes;
            for n in more_notes {
                if !notes.contains(&n) {
                    notes.push(n);
                }
            }
            if deny_all {
                deny(&warnings)?;
            }
            Ok(Checked {
                scenario,
                warnings,
                notes,
            })
        })
        .map_err(|mut e| {
            e.add_warnings(said_later);
            e
        }),
        // Every missing part has been reported above; this is a guard, not an expected path.
        _ => Err(single(
            diagnostic::Diagnostic::new(code::MISSING_KEY, loc.file())
                .found(Say::AnIncompleteScenario)
                .expected(Say::PlanDateAndTheThree)
                .fix(Say::CheckTheScenarioAgainstDocs),
        )),
    }
}

/// Parsed tables shared between the scenarios of one load, by what their parse depends on.
#[derive(Default)]
pub(crate) struct TableCache {
    units: RefCell<Cached<PathBuf, Unit>>,
    posts: RefCell<Cached<PostsKey, Post>>,
    cadres: RefCell<Cached<CadresKey, Cadre>>,
}

/// posts.csv, units.csv (its ids resolve `unit`), the not-local titles (they derive `not_local`)
/// and the date format (`vacant_from`).
type PostsKey = (PathBuf, Option<PathBuf>, Vec<String>, DateFormat);
/// cadres.csv, units.csv (ids and provinces), posts.csv (titles), the plan date (birth and
/// certificate dates are checked against it) and the date format.
type CadresKey = (
    PathBuf,
    Option<PathBuf>,
    Option<PathBuf>,
    Option<crate::domain::Date>,
    DateFormat,
);

/// A parsed table, its ids, and the warnings and notes its parse gave (replayed on every use).
type Entry<T> = (Arc<Vec<T>>, Arc<Ids>, Arc<(Vec<Diagnostic>, Vec<Text>)>);
type Cached<K, T> = BTreeMap<K, Entry<T>>;

/// Parses a table read from a file; the diagnostics of a workbook's table are put in its sheet.
fn parse<T>(
    csv: Csv,
    diags: &mut Diags,
    f: impl FnOnce(&Csv, &mut Diags) -> tables::Parsed<T>,
) -> Option<tables::Parsed<T>> {
    let mark = diags.marks();
    let mut parsed = f(&csv, diags);
    parsed.ids.sheet.clone_from(&csv.sheet);
    if let Some(sheet) = &csv.sheet {
        diags.in_sheet(mark, &csv.file, sheet);
    }
    Some(parsed)
}

/// A table's rows (all valid), ids, and its valid rows when some are not.
type Shared<T> = (Option<Arc<Vec<T>>>, Option<Arc<Ids>>, Option<Vec<T>>);

/// The rows and ids of a table: from the cache under `key`, or parsed (and cached if it parsed
/// without an error). Rows are `None` when some row is invalid (the problem is in `diags`); the
/// third value then holds the rows that are valid.
fn shared<K: Ord, T>(
    cache: &RefCell<Cached<K, T>>,
    key: Option<K>,
    diags: &mut Diags,
    parse: impl FnOnce(&mut Diags) -> Option<tables::Parsed<T>>,
) -> Shared<T> {
    if let Some((rows, ids, said)) = key.as_ref().and_then(|k| cache.borrow().get(k).cloned()) {
        diags.replay(&said.0, &said.1);
        return (Some(rows), Some(ids), None);
    }
    let before = diags.len();
    let mark = diags.marks();
    let Some(parsed) = parse(diags) else {
        return (None, None, None);
    };
    let ids = Arc::new(parsed.ids);
    if parsed.rows.iter().any(Option::is_none) {
        let partly = parsed.rows.into_iter().flatten().collect();
        return (None, Some(ids), Some(partly));
    }
    let rows: Arc<Vec<T>> = Arc::new(parsed.rows.into_iter().flatten().collect());
    if let (Some(k), true) = (key, diags.len() == before) {
        let said = Arc::new(diags.since(mark));
        cache
            .borrow_mut()
            .insert(k, (rows.clone(), ids.clone(), said));
    }
    (Some(rows), Some(ids), None)
}

/// A single plan's scenario with `taken`, the seats held on its date ([`domain::seats_taken`]),
/// said in one note naming the posts.
fn free_seats(
    mut sc: Scenario,
    taken: &[(crate::domain::PostIx, u32)],
    holders: &[Option<crate::domain::CadreIx>],
    posts_file: &str,
    notes: &mut Vec<Text>,
) -> Scenario {
    sc.lower_seats(taken);
    // H10: a holder still on a sensitive post keeps a relative from leading the unit.
    sc.held_sensitive = taken
        .iter()
        .filter_map(|&(p, _)| {
            let h = holders.get(p as usize).copied().flatten()?;
            sc.post(p).is_sensitive(&sc.rules).then_some((h, p))
        })
        .collect();
    sc.held_sensitive.sort_unstable();
    if !taken.is_empty() {
        const SHOWN: usize = 8;
        let mut list: Vec<String> = taken
            .iter()
            .take(SHOWN)
            .map(|&(p, _)| {
                let post = sc.post(p);
                let why = match holders.get(p as usize).copied().flatten() {
                    Some(h) => sc.cadre(h).id.clone(),
                    None => post.vacant_from.map_or_else(String::new, |d| d.to_string()),
                };
                format!("{} ({why})", post.id)
            })
            .collect();
        if taken.len() > SHOWN {
            list.push(format!("+{}", taken.len() - SHOWN));
        }
        notes.push(
            Text::say(Say::NoteSeatsNotVacant)
                .arg("posts", posts_file)
                .arg("n", taken.len())
                .arg("date", sc.plan_date)
                .arg("list", list.join("; ")),
        );
    }
    sc
}

/// Reads the scenario's `baseline:` plan, if any, against the finished scenario.
fn with_baseline(
    baseline: Option<&TableRef>,
    loc: &dyn Locate,
    mut sc: Scenario,
) -> Result<Scenario, LoadError> {
    let Some(t) = baseline else {
        return Ok(sc);
    };
    if let Err(f) = text::check_file(&t.path) {
        return Err(single(read_failure(&t.path, f, Some((t, loc)))));
    }
    let rows = plan::read_plan_in(&t.path, t.sheet.as_deref(), &sc, false)?.rows;
    sc.baseline = rows.iter().map(|r| (r.cadre, r.post)).collect();
    sc.baseline.sort_unstable();
    sc.baseline.dedup();
    Ok(sc)
}

fn single(d: Diagnostic) -> LoadError {
    LoadError {
        diagnostics: vec![d],
        warnings: Vec::new(),
    }
}

/// Reads one table named in the YAML; a file that cannot be read is reported where it is named.
fn read_table(
    t: &TableRef,
    spec: &CsvSpec,
    loc: &dyn Locate,
    max_rows: usize,
    diags: &mut Diags,
) -> Option<Csv> {
    if xlsx::is_workbook(&t.path) {
        return read_sheet_table(t, spec, loc, max_rows, diags);
    }
    if xlsx::is_text_named_as_workbook(&t.path) {
        diags.note(Text::say(Say::NoteTextNamedAsWorkbook).arg("file", t.path.display()));
    }
    match text::read_table_text(&t.path, diags) {
        Ok(text) => {
            tracing::debug!(file = %t.path.display(), bytes = text.len(), "table read");
            tables::read_csv(&t.path, &text, spec, max_rows, diags)
        }
        Err(f) => {
            diags.push(read_failure(&t.path, f, Some((t, loc))));
            None
        }
    }
}

/// Reads one table from a sheet of a workbook.
fn read_sheet_table(
    t: &TableRef,
    spec: &CsvSpec,
    loc: &dyn Locate,
    max_rows: usize,
    diags: &mut Diags,
) -> Option<Csv> {
    read_sheet_at(
        &t.path,
        (t.sheet.as_deref(), t.table),
        spec,
        Some((t, loc)),
        max_rows,
        diags,
    )
}

/// Reads table `table` from a sheet of the workbook at `path` (`sheet`, else the one named after
/// the table), `named_by` the scenario key that names the file when one does: with everything a
/// sheet can hide said (formulas without their value, hidden rows, merged cells, the web page's
/// other tables), for the three tables and the moves files (history, plan, programme) alike.
pub(crate) fn read_sheet_at(
    path: &Path,
    (sheet, table): (Option<&str>, &str),
    spec: &CsvSpec,
    named_by: Option<(&TableRef, &dyn Locate)>,
    max_rows: usize,
    diags: &mut Diags,
) -> Option<Csv> {
    if let Err(f) = text::check_file(path) {
        diags.push(read_failure(path, f, named_by));
        return None;
    }
    if xlsx::is_misnamed_workbook(path) {
        diags.note(Text::say(Say::NoteMisnamedWorkbook).arg("file", path.display()));
    } else if let Some(m) = xlsx::markup(path) {
        let say = match m {
            xlsx::Markup::WebPage => Say::NoteWebPageRead,
            xlsx::Markup::XmlSpreadsheet => Say::NoteXmlSpreadsheetRead,
            xlsx::Markup::WebArchive => Say::NoteWebArchiveRead,
        };
        diags.note(Text::say(say).arg("file", path.display()));
    }
    let started = std::time::Instant::now();
    match xlsx::read_sheet(path, sheet, table) {
        Ok(sheet) => {
            tracing::debug!(
                file = %path.display(),
                sheet = %sheet.name,
                rows = sheet.rows.len(),
                ms = started.elapsed().as_millis() as u64,
                "sheet read"
            );
            if sheet.hidden_cells > 0 {
                diags.note(
                    Text::say(Say::NoteWebCellsHidden)
                        .arg("file", path.display())
                        .arg("n", sheet.hidden_cells),
                );
            }
            if !sheet.passed_over.is_empty() && !xlsx::is_web_page(path) {
                // A workbook's other sheets of the same table (a unit's cadres on its own sheet).
                let sheets: Vec<String> = sheet
                    .passed_over
                    .iter()
                    .map(|(rows, name)| format!("{} ({rows})", quoted(name)))
                    .collect();
                let mut d = Diagnostic::new(code::WEB_TABLE_NOT_READ, path)
                    .found(
                        Text::say(Say::SheetsOfTheTableNotRead)
                            .arg("table", table)
                            .arg("sheets", sheets.join(", "))
                            .arg("sheet", quoted(&sheet.name)),
                    )
                    .expected(Say::OneSheetForTheTable)
                    .fix(Say::SheetsOfTheTableNotReadFix);
                d.sheet = Some(sheet.name.clone());
                diags.push(d);
            } else if !sheet.passed_over.is_empty() {
                let n = sheet.passed_over.len();
                let mut tables: Vec<String> = sheet
                    .passed_over
                    .iter()
                    .take(5)
                    .map(|(rows, header)| format!("{} ({rows})", quoted(&tables::shorten(header))))
                    .collect();
                if n > 5 {
                    tables.push(format!("… (+{})", n - 5));
                }
                let mut d = Diagnostic::new(code::WEB_TABLE_NOT_READ, path)
                    .found(
                        Text::say(Say::WebTablesNotRead)
                            .arg("n", n)
                            .arg("table", table)
                            .arg("tables", tables.join("; "))
                            .arg("rows", sheet.rows.len().saturating_sub(1)),
                    )
                    .expected(Say::OneTableOfEachKind)
                    .fix(Say::KeepOneTableOnThePage);
                d.sheet = Some(sheet.name.clone());
                diags.push(d);
            }
            if sheet.joined_tables > 0 {
                diags.note(
                    Text::say(Say::NoteWebTablesJoined)
                        .arg("file", path.display())
                        .arg("n", sheet.joined_tables + 1),
                );
            }
            diags.note(
                Text::say(Say::NoteSheetRead)
                    .arg("file", path.display())
                    .arg("table", table)
                    .arg("sheet", quoted(&sheet.name)),
            );
            if sheet.rows.len() > max_rows.saturating_add(1) {
                let line = sheet.rows.get(max_rows + 1).map(|r| r.0);
                let mut d = tables::too_many_rows(path, &sheet.name, max_rows, line);
                d.sheet = Some(sheet.name.clone());
                diags.push(d);
                return None;
            }
            let mark = diags.marks();
            let mut csv = tables::from_records(
                path,
                sheet.name.clone(),
                (sheet.rows, sheet.line_breaks),
                spec,
                None,
                sheet.col_offset,
                diags,
            );
            // A formula without its value reads as an empty cell: said at its place, never
            // taken for a cell left empty.
            if let Some(csv) = &csv {
                let errors = sheet.errors.iter().map(|(r, c, e)| (r, c, e, true));
                for (row, col, formula, error) in sheet
                    .uncomputed
                    .iter()
                    .map(|(r, c, f)| (r, c, f, false))
                    .chain(errors)
                {
                    // A totals row's `=SUM(…)` is the form's, not a record's.
                    let Some(field) = (*row > csv.header_line && !csv.form_lines.contains(row))
                        .then(|| csv.field_at(col.saturating_sub(1 + csv.col_offset)))
                        .flatten()
                    else {
                        continue;
                    };
                    diags.push(
                        Diagnostic::new(code::NO_CELL_VALUE, path)
                            .at(Some(*row), Some(*col))
                            .field(field)
                            .found(if error {
                                Text::say(Say::ExcelErrorValue).arg("error", formula)
                            } else {
                                Text::say(Say::FormulaWithoutValue).arg("formula", quoted(formula))
                            })
                            .expected(if error {
                                Say::AValueNotAnError
                            } else {
                                Say::TheFormulasValue
                            })
                            .fix(if error {
                                Say::CorrectTheFailedFormula
                            } else {
                                Say::OpenAndSaveTheWorkbook
                            }),
                    );
                }
            }
            if let Some(csv) = &csv {
                tables::hidden_read(csv, &sheet.hidden, diags);
                tables::struck_rows(csv, &sheet.struck, diags);
                tables::merged_across_read(csv, &sheet.merged_across, diags);
            }
            diags.in_sheet(mark, path, &sheet.name);
            if let Some(csv) = &mut csv {
                // Cells merged down over data rows, read into each row: said, with where.
                let mut merged: Vec<String> = Vec::new();
                // Cells under a merge that still hold a value of their own (LibreOffice's "keep
                // the contents of the hidden cells"): hidden, and not what the sheet shows.
                let mut stale: Vec<String> = Vec::new();
                for (top, bottom, col, value) in &sheet.merged {
                    let Some(ix) = col.checked_sub(1 + csv.col_offset) else {
                        continue;
                    };
                    if *top <= csv.header_line {
                        continue;
                    }
                    let from = csv.rows.partition_point(|r| r.line <= *top);
                    for row in csv.rows[from..]
                        .iter_mut()
                        .take_while(|r| r.line <= *bottom)
                    {
                        if let Some(cell) = row.cells.get_mut(ix) {
                            if !cell.is_empty() && cell != value && row.line > *top {
                                stale.push(format!(
                                    "{}{}",
                                    diagnostic::column_letters(*col),
                                    row.line
                                ));
                            }
                            cell.clone_from(value);
                        }
                    }
                    let col = diagnostic::column_letters(*col);
                    merged.push(format!("{col}{top}:{col}{bottom}"));
                }
                // At most eight places named, and how many more.
                let shown = |list: &[String]| {
                    const SHOWN: usize = 8;
                    let more = list.len().saturating_sub(SHOWN);
                    let mut text = list[..list.len().min(SHOWN)].join(", ");
                    if more > 0 {
                        text += &format!(", … (+{more})");
                    }
                    text
                };
                for (list, say, key) in [
                    (&merged, Say::NoteMergedCells, "ranges"),
                    (&stale, Say::NoteMergedHiddenValues, "cells"),
                ] {
                    if !list.is_empty() {
                        diags.note(
                            Text::say(say)
                                .arg("file", path.display())
                                .arg("sheet", quoted(&sheet.name))
                                .arg(key, shown(list)),
                        );
                    }
                }
                csv.sheet = Some(sheet.name);
                csv.stored_dates = sheet.stored_dates;
                csv.empty_formulas = sheet.empty_formulas;
                csv.date1904 = sheet.date1904;
                // A date moved by a two-row header (written under "Nữ") stays a stored one.
                let moved: Vec<(usize, usize)> = csv
                    .moved_cells
                    .iter()
                    .filter(|&&(l, from, _)| csv.stored_dates.contains(&(l, from)))
                    .map(|&(l, _, to)| (l, to))
                    .collect();
                csv.stored_dates.extend(moved);
            }
            csv
        }
        Err(f) => {
            diags.push(sheet_failure(path, f, named_by));
            None
        }
    }
}

/// The diagnostic of a workbook or sheet that could not be read.
/// A diagnostic about the file at `path`, located at the scenario key that names it when there is
/// one (`tables.cadres`), else at the file itself.
fn named_at(
    code: &'static str,
    path: &Path,
    named_by: Option<(&TableRef, &dyn Locate)>,
) -> Diagnostic {
    match named_by {
        Some((t, loc)) => {
            let l = loc.locate(&t.key, Target::Value);
            Diagnostic::new(code, &l.file)
                .at(l.line, l.column)
                .field(t.key.to_string())
        }
        None => Diagnostic::new(code, path),
    }
}

fn sheet_failure(
    path: &Path,
    f: xlsx::SheetFailure,
    named_by: Option<(&TableRef, &dyn Locate)>,
) -> Diagnostic {
    let at = |code: &'static str| named_at(code, path, named_by);
    let shown = quoted(&path.display().to_string());
    // The workbook as the scenario file names it: relative to that file's folder
    // (`data/book.ods`), the file's name when it cannot be told.
    let file_name = named_by
        .and_then(|(t, loc)| {
            let yaml = loc.locate(&t.key, Target::Value).file;
            let rel = path.strip_prefix(yaml.parent()?).ok()?;
            Some(rel.display().to_string())
        })
        .or_else(|| path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    // The scenario's line that reads `table` from `sheet`: under `tables:` when the tables are
    // named one by one, else `tables:` rewritten so (`tables: du-lieu.xlsx` names no sheet).
    let sheet_in_yaml = |table: &str, sheet: &str| {
        let one_workbook = named_by.is_some_and(|(t, _)| t.key.to_string() == "tables");
        Text::say(if one_workbook {
            Say::SheetInTablesMapping
        } else {
            Say::SheetUnderTables
        })
        .arg("line", format!("`{table}: {file_name}#{sheet}`"))
        .arg("file", &file_name)
    };
    // The fix that names the sheet after `#`.
    let name_the_sheet = |table: &str| {
        Text::say(Say::NameTheSheetAfterHash)
            .arg(
                "file",
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )
            .arg("table", table)
    };
    match f {
        xlsx::SheetFailure::Unreadable(e) => at(code::UNREADABLE)
            .found(Text::value(format!("{shown}: ")).then(e))
            .expected(Say::AWorkbookXLSXXLSMXLSB)
            .fix(Say::OpenTheFileInA),
        xlsx::SheetFailure::NotATable(n) => at(code::UNREADABLE)
            .found(Text::value(format!("{shown}: ")).then(n.found))
            .expected(Say::AWorkbookXLSXXLSMXLSB)
            .fix(n.fix),
        xlsx::SheetFailure::NoSheet {
            wanted,
            have,
            hidden,
        } => {
            let names: Vec<&str> = have.iter().map(String::as_str).collect();
            let table = named_by.map_or("plan", |(t, _)| t.table);
            let (found, fix) = match &wanted {
                Some(w) => (
                    Text::say(Say::HasNoSheet)
                        .arg("file", &shown)
                        .arg("sheet", quoted(w)),
                    text::did_you_mean(text::closest_name(w, names.iter().copied()))
                        .then(Say::WriteTheSheetName.into()),
                ),
                None if !hidden.is_empty() => (
                    Text::say(Say::OnlyAHiddenSheetNamedAfter)
                        .arg("file", &shown)
                        .arg("table", table)
                        .arg(
                            "sheets",
                            text::one_of(&hidden.iter().map(String::as_str).collect::<Vec<_>>()),
                        ),
                    // Renaming it `units` would not do: hidden, it is still passed over.
                    Text::say(Say::NameTheHiddenSheet)
                        .arg("sheet", quoted(&hidden[0]))
                        .text("yaml", sheet_in_yaml(table, &hidden[0])),
                ),
                None => (
                    Text::say(Say::HasNoSheetNamedAfter)
                        .arg("file", &shown)
                        .arg("table", table),
                    name_the_sheet(table),
                ),
            };
            at(code::SHEET_NOT_FOUND)
                .found(found)
                .expected(Text::say(Say::OneOfTheSheets).arg("v1", text::one_of(&names)))
                .fix(fix)
        }
        xlsx::SheetFailure::Ambiguous { sheets } => {
            let table = named_by.map_or("plan", |(t, _)| t.table);
            let names: Vec<&str> = sheets.iter().map(String::as_str).collect();
            at(code::SHEETS_AMBIGUOUS)
                .found(
                    Text::say(Say::SheetsNameTheTable)
                        .arg("file", &shown)
                        .arg("table", table)
                        .arg("sheets", text::one_of(&names)),
                )
                .expected(Say::OneSheetForTheTable)
                // Renaming one `cadres` would not do: "Cán bộ 2025" still names the table.
                .fix(
                    Text::say(Say::NameThisYearsSheet).text("yaml", sheet_in_yaml(table, names[0])),
                )
        }
        xlsx::SheetFailure::TooLarge { cell } => at(code::UNREADABLE)
            .found(
                Text::say(Say::SheetCellsTooFar)
                    .arg("file", &shown)
                    .arg("cell", cell),
            )
            .expected(Say::SheetCellsNearTheTable)
            .fix(Say::DeleteTheStrayCells),
    }
}

/// What to name instead of the directory `dir` given as a scenario: its one scenario file, or a
/// list of them (E1008).
/// A file named `*.yaml` or `*.yml` (any case).
fn is_yaml_file(p: &Path) -> bool {
    p.is_file()
        && p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "yaml" | "yml"))
}

fn inside_directory(dir: &Path) -> Text {
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| is_yaml_file(p))
        .map(|p| p.display().to_string())
        .collect();
    found.sort();
    match found.as_slice() {
        [] => Say::NameTheFileInsideThat.into(),
        [one] => Text::say(Say::DidYouMeanTheFileInside).arg("file", one),
        many => Text::say(Say::NameOneOfTheFilesInside).arg("files", many.join(", ")),
    }
}

/// The `.yaml`/`.yml` file of the folder of a scenario path that does not exist whose name is
/// closest to the one given, when close enough to be a typo (`tutorail.yaml` → `tutorial.yaml`).
fn near_scenario_file(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| is_yaml_file(p))
        .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
        .collect();
    names.sort();
    let near = text::closest_name(name, names.iter().map(String::as_str))?;
    Some(path.with_file_name(near).display().to_string())
}

/// The diagnostic of a file that could not be read; located at the YAML key naming it, if any.
fn read_failure(
    path: &Path,
    f: ReadFailure,
    named_by: Option<(&TableRef, &dyn Locate)>,
) -> Diagnostic {
    let at = |code: &'static str| named_at(code, path, named_by);
    let shown = quoted(&path.display().to_string());
    match f {
        ReadFailure::NotFound => at(code::FILE_NOT_FOUND)
            .found(shown)
            .expected(Say::AnExistingFile)
            .fix(if named_by.is_some() {
                Say::CorrectThePathRelative.into()
            } else {
                text::did_you_mean(near_scenario_file(path).as_deref())
                    .then(Say::CheckThePathAndFolder.into())
            }),
        ReadFailure::IsDirectory => at(code::IS_DIRECTORY)
            .found(Text::say(Say::ADirectory).arg("shown", shown))
            .expected(Say::AFile)
            .fix(match named_by {
                Some(_) => Say::NameTheFileInsideThat.into(),
                None => inside_directory(path),
            }),
        ReadFailure::Io(e) => at(code::UNREADABLE)
            .found(Text::value(format!("{shown}: ")).then(e))
            .expected(Say::AReadableFile)
            .fix(Say::CheckThePathAndThe),
        ReadFailure::NotUtf8 {
            line,
            column,
            found,
            utf16,
        } => Diagnostic::new(code::NOT_UTF8, path)
            .at(Some(line), Some(column))
            .found(if utf16 {
                Text::say(Say::TheFileIsUtf16).text("found", found)
            } else {
                found
            })
            .expected(Say::UTF8Text)
            .fix(Say::SaveTheFileAsUTF),
        ReadFailure::NotATable(n) => at(code::UNREADABLE)
            .found(Text::value(format!("{shown}: ")).then(n.found))
            .expected(Say::ATableCsvOrWorkbook)
            .fix(n.fix),
        ReadFailure::Tcvn3 { line, column } => Diagnostic::new(code::NOT_UTF8, path)
            .at(Some(line), Some(column))
            .found(Say::TheFileIsTcvn3)
            .expected(Say::UTF8Text)
            .fix(Say::ConvertTcvn3),
    }
}

/// A scenario's YAML text as a value. Brackets opened [`PARSER_DEEPEST`] deep are refused before
/// the parser runs: its time grows with the square of the depth (an 80 KB `a: [[[…` took 10 s).
/// The count is rough (a `[` inside a text counts), so only a depth no scenario's text reaches
/// is refused so; the parser's own refusal names [`DEEPEST`].
fn parse_yaml(path: &Path, text: &str) -> Result<Value, Box<Diagnostic>> {
    if let Some(far) = too_deep(text, PARSER_DEEPEST) {
        // Said where level DEEPEST + 1 opens, as the parser's refusal is.
        let (line, column) = too_deep(text, DEEPEST).unwrap_or(far);
        return Err(Box::new(nested_too_deep(path, line, column)));
    }
    serde_yaml::from_str(text).map_err(|e| Box::new(yaml_syntax(path, text, &e)))
}

fn nested_too_deep(path: &Path, line: usize, column: usize) -> Diagnostic {
    Diagnostic::new(code::YAML_SYNTAX, path)
        .at(Some(line), Some(column))
        .found(Text::say(Say::YamlNestedTooDeep).arg("depth", DEEPEST))
        .expected(Say::YamlNestedFewLevels)
        .fix(Say::YamlCloseTheBrackets)
}

fn yaml_syntax(path: &Path, text: &str, e: &serde_yaml::Error) -> Diagnostic {
    let message = e.to_string();
    let mut message = match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    let mut at = e.location().map(|l| (l.line(), l.column()));
    if message.contains("recursion limit exceeded")
        && let Some((line, column)) = too_deep(text, DEEPEST)
    {
        // Nesting, not aliases: brackets opened far deeper than any scenario needs.
        return nested_too_deep(path, line, column);
    }
    if message.contains("repetition limit exceeded") || message.contains("recursion limit exceeded")
    {
        return alias_bomb(path, text, &message);
    }
    if message.contains("more than one document") {
        let second = second_document(text);
        return Diagnostic::new(code::YAML_SYNTAX, path)
            .at(second, second.map(|_| 1))
            .found(match second {
                Some(l) => Text::say(Say::SecondYamlDocumentOnLine).arg("line", l),
                None => Say::MoreThanOneYamlDocument.into(),
            })
            .expected(Say::OneYAMLDocumentPerScenario)
            .fix(Say::RemoveTheOrLineAnd);
    }
    // A whole number too large for any setting: a range problem, not a syntax one.
    if let Some(i) = message.find("invalid type: integer `") {
        let rest = &message[i + "invalid type: integer `".len()..];
        let number = rest.split('`').next().unwrap_or("").to_string();
        let field = message[..i].strip_suffix(": ").unwrap_or("").to_string();
        let d = Diagnostic::new(code::BAD_VALUE, path)
            .at(at.map(|a| a.0), at.map(|a| a.1))
            .found(Text::say(Say::AWholeNumberTooLarge).arg("number", number))
            .expected(Say::ANumberWithinItsSetting)
            .fix(Say::WriteASmallerNumberOr);
        return if field.is_empty() { d } else { d.field(field) };
    }
    // "control characters are not allowed at position N": a byte offset, turned into a place.
    if let Some(i) = message.find("control characters are not allowed at position ") {
        let offset: Option<usize> = message
            [i + "control characters are not allowed at position ".len()..]
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse().ok());
        // A byte offset (into the text without its byte-order mark).
        let offset = offset.filter(|o| text.is_char_boundary(*o));
        let place = offset.and_then(|o| text.get(..o)).map(|before| {
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line, column)
        });
        let shown = offset
            .and_then(|o| text.get(o..))
            .and_then(|t| t.chars().next())
            .map_or(String::new(), |c| format!(" {}", quoted(&c.to_string())));
        return Diagnostic::new(code::YAML_SYNTAX, path)
            .at(place.map(|p| p.0), place.map(|p| p.1))
            .found(Text::say(Say::AControlCharacterANUL).arg("shown", shown))
            .expected(Say::YAMLTextWithoutControlCharacters)
            .fix(Say::DeleteTheCharacterAFile);
    }
    let mut field = String::new();
    let fix = if let Some(i) = message.find("duplicate entry with key ") {
        // serde_yaml points at the start of the mapping; point at the second entry instead.
        if let Some(parent) = message[..i].strip_suffix(": ") {
            field = parent.to_string();
        }
        message = message[i..].to_string();
        let key = message["duplicate entry with key ".len()..].trim_matches('"');
        if let Some(second) = at.and_then(|(l, c)| second_key(text, l, c, key)) {
            at = Some(second);
        }
        Say::RemoveOneOfTheTwoEntries
    } else if message.contains("more than one document") {
        Say::KeepOneYamlDocument
    } else {
        Say::CheckTheIndentation
    };
    let d = Diagnostic::new(code::YAML_SYNTAX, path)
        .at(at.map(|a| a.0), at.map(|a| a.1))
        .found(yaml_message(&message))
        .expected(Say::ValidYAML)
        .fix(fix);
    if field.is_empty() { d } else { d.field(field) }
}

/// serde_yaml's message (English, from serde or libyaml) recognised by its kind: the catalogue
/// words the kind in each language and keeps the message itself as a quoted detail (in English
/// the message alone, as serde_yaml wrote it).
fn yaml_message(message: &str) -> Text {
    // serde puts the field path first ("weights: invalid type: …"); libyaml the problem first.
    let has = |p: &str| message.contains(p);
    let key = if has("unknown field `") || has("unknown variant `") {
        Say::YamlUnknownField
    } else if has("missing field `") {
        Say::YamlMissingField
    } else if has("invalid type: ") {
        Say::YamlInvalidType
    } else if has("invalid value: ") {
        Say::YamlInvalidValue
    } else if has("invalid length ") {
        Say::YamlInvalidLength
    } else if has("did not find expected key") {
        Say::YamlNoExpectedKey
    } else if has("mapping values are not allowed") {
        Say::YamlMappingValues
    } else if has("duplicate entry with key") || has("found duplicate key") {
        Say::YamlDuplicateKey
    } else if has("unexpected end of stream") || has("found unexpected end") {
        Say::YamlUnexpectedEnd
    } else if has("found character that cannot start any token")
        || has("found a tab character")
        || has("found unexpected ':'")
    {
        Say::YamlBadCharacter
    } else if has("did not find expected") || has("could not find expected") {
        Say::YamlNoExpectedToken
    } else if has("unknown anchor") || has("found undefined alias") {
        Say::YamlUnknownAnchor
    } else {
        Say::YamlOther
    };
    Text::say(key).arg("message", message)
}

/// The 1-based line where a second YAML document starts: a `---` line after content (or after a
/// first `---` followed by content), or a `...` end marker followed by content.
fn second_document(text: &str) -> Option<usize> {
    let mut content = false;
    let mut ended = None;
    for (n, l) in text.lines().enumerate() {
        let t = l.trim_end();
        let marker = t == "---" || t.starts_with("--- ") || t.starts_with("---\t");
        if marker {
            if content {
                return Some(n + 1);
            }
            if t.len() > 3 && !t[3..].trim_start().starts_with('#') {
                content = true;
            }
            continue;
        }
        if t == "..." {
            if content {
                ended = Some(n + 1);
            }
            continue;
        }
        let blank = t.trim_start().is_empty() || t.trim_start().starts_with('#');
        if !blank && !t.starts_with('%') {
            if let Some(end) = ended {
                return Some(end);
            }
            content = true;
        }
    }
    None
}

/// Brackets nested this deep are refused by name (serde_yaml stops at 128 levels).
const DEEPEST: usize = 100;

/// The rough depth refused before parsing ([`parse_yaml`]): the parser takes a tenth of a second
/// there, and no scenario's own brackets come near it.
const PARSER_DEEPEST: usize = 5_000;

/// Where `[` or `{` (outside quotes and comments) first opens level [`DEEPEST`] + 1: the place of
/// a "recursion limit exceeded" that no alias explains.
fn too_deep(text: &str, deepest: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    // Block nesting: the indents of the open levels (a `- ` item one more each).
    let mut indents: Vec<usize> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        if depth == 0 && !trimmed.is_empty() && !trimmed.starts_with('#') {
            let indent = line.len() - trimmed.len();
            while indents.last().is_some_and(|&i| i >= indent) {
                indents.pop();
            }
            indents.push(indent);
            let (mut rest, mut items) = (trimmed, 0usize);
            while let Some(r) = rest.strip_prefix("- ") {
                items += 1;
                rest = r.trim_start_matches(' ');
            }
            if indents.len() + items > deepest {
                return Some((n + 1, indent + 1));
            }
        }
        let mut quote: Option<char> = None;
        for (col, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > deepest {
                        return Some((n + 1, col + 1));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

/// An alias bomb ("billion laughs"): aliases of anchors that hold aliases, expanding to more
/// values than a scenario can have. Located at the first alias used inside an anchored value that
/// is itself aliased, else at the first alias.
fn alias_bomb(path: &Path, text: &str, message: &str) -> Diagnostic {
    // Anchors whose line also uses an alias: the nested ones that multiply.
    let mut nested: Vec<String> = Vec::new();
    let mut first_alias: Option<(usize, usize, String)> = None;
    let mut bomb: Option<(usize, usize, String)> = None;
    for (n, l) in text.lines().enumerate() {
        let names = |sigil: char| -> Vec<(usize, String)> {
            let chars: Vec<char> = l.chars().collect();
            let mut out = Vec::new();
            for (i, c) in chars.iter().enumerate() {
                let starts = *c == sigil
                    && (i == 0 || matches!(chars[i - 1], ' ' | '[' | ',' | '{' | '-' | ':'));
                if starts {
                    let name: String = chars[i + 1..]
                        .iter()
                        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}'))
                        .collect();
                    if !name.is_empty() {
                        out.push((i + 1, name));
                    }
                }
            }
            out
        };
        let aliases = names('*');
        if let Some((col, name)) = aliases.first() {
            first_alias.get_or_insert((n + 1, *col, name.clone()));
        }
        if bomb.is_none()
            && let Some((col, name)) = aliases.iter().find(|(_, a)| nested.contains(a))
        {
            bomb = Some((n + 1, *col, name.clone()));
        }
        if !aliases.is_empty() {
            nested.extend(names('&').into_iter().map(|(_, a)| a));
        }
    }
    let at = bomb.or(first_alias);
    Diagnostic::new(code::ALIAS_BOMB, path)
        .at(at.as_ref().map(|a| a.0), at.as_ref().map(|a| a.1))
        .found(match &at {
            Some((_, _, name)) => Text::say(Say::AliasesThatRepeatAnchors)
                .arg("name", name)
                .arg("message", message),
            None => Text::say(Say::FileExpandsTooFar).arg("message", message),
        })
        .expected(Say::AScenarioWhoseAnchorsName)
        .fix(Say::WriteTheValuesOutOr)
}

/// The line and column of the second `key:` of the block mapping whose first key is at
/// `line:column` (1-based), if it can be found by indentation.
fn second_key(text: &str, line: usize, column: usize, key: &str) -> Option<(usize, usize)> {
    let indent = column.checked_sub(1)?;
    let mut seen = 0;
    for (n, l) in text.lines().enumerate().skip(line.checked_sub(1)?) {
        let chars: Vec<char> = l.chars().collect();
        let lead = chars
            .iter()
            .take_while(|c| **c == ' ' || **c == '-')
            .count();
        if n + 1 > line && lead < indent && chars.iter().any(|c| !c.is_whitespace()) {
            break; // the mapping ended
        }
        if lead != indent && !(n + 1 == line && lead >= indent) {
            continue;
        }
        let rest: String = chars.get(indent..)?.iter().collect();
        let matches = [key.to_string(), format!("{key:?}"), format!("'{key}'")]
            .iter()
            .any(|k| {
                rest.strip_prefix(k.as_str())
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            });
        if matches {
            seen += 1;
            if seen == 2 {
                return Some((n + 1, column));
            }
        }
    }
    None
}

/// Resolves the ids the YAML names (pins, forbids, extra seats) and checks them together.
struct Refs<'a> {
    loc: &'a dyn Locate,
    diags: &'a mut Diags,
}

/// A holder's name as lists write a person: "Đ/c", "đồng chí" (comrade), "Ông", "Bà" before it.
fn holder_name(h: &str) -> &str {
    let t = h.trim();
    for title in [
        "Đ/c",
        "đ/c",
        "Đ/C",
        "Đồng chí",
        "đồng chí",
        "Ông",
        "ông",
        "Bà",
        "bà",
    ] {
        if let Some(rest) = t.strip_prefix(title)
            && rest.starts_with([' ', '.'])
        {
            return rest.trim_start_matches(['.', ' ']);
        }
    }
    t
}

impl Refs<'_> {
    fn located(&self, code: &'static str, key: &KeyPath) -> Diagnostic {
        let l = self.loc.locate(key, Target::Value);
        Diagnostic::new(code, &l.file)
            .at(l.line, l.column)
            .field(key.to_string())
    }

    /// posts.csv's `holder_id` resolved against cadres.csv, one entry per post; an unknown id is
    /// E2008 and a cadre holding two posts E5002, both located at the post's row. In a programme
    /// (`in_programme`), a holder whose `current_unit` is another unit is W2010 (moving them frees this post, but their departure
    /// counts against, and the origin penalty is of, their `current_unit`).
    fn holders(
        &mut self,
        posts: &[Post],
        post_ids: Option<&Ids>,
        cadre_ids: Option<&Ids>,
        (cadres, units, in_programme): (
            Option<&[crate::domain::Cadre]>,
            Option<&[crate::domain::Unit]>,
            bool,
        ),
        file: &Path,
        (posts_name, cadres_name): (&str, &str),
    ) -> Vec<Option<crate::domain::CadreIx>> {
        let mut out = vec![None; posts.len()];
        let Some(cadre_ids) = cadre_ids.filter(|i| !i.is_empty()) else {
            return out;
        };
        let mut held: BTreeMap<u32, &str> = BTreeMap::new();
        for (i, post) in posts.iter().enumerate() {
            let Some(h) = &post.holder_id else { continue };
            let line = post_ids.and_then(|ids| ids.line(&post.id));
            let here = |code| {
                Diagnostic::new(code, file)
                    .at(line, None)
                    .field(format!("{posts_name}: holder_id"))
            };
            // The id with the name beside it ("C160 (Sùng Minh Đạt)", "C160 - Sùng Minh Đạt"),
            // as lists write a person: the id is read.
            // Read only when the words beside the id are that cadre's name: "C160 (C161)" or
            // "C160 (đã chuyển công tác)" is no holder to guess.
            let named = |c: u32, name: &str| {
                let name = name.trim_matches([' ', '(', ')', '-', '–']);
                cadres
                    .and_then(|cs| cs.get(c as usize))
                    .is_some_and(|cadre| {
                        crate::domain::text::key(&cadre.name) == crate::domain::text::key(name)
                    })
                    .then_some(c)
            };
            let with_name = || {
                // "Sùng Minh Đạt (C160)": the id in brackets after the name.
                if let Some((name, id)) = h.strip_suffix(')').and_then(|x| x.rsplit_once('('))
                    && let Some(c) = cadre_ids.get(id.trim()).and_then(|c| named(c, name))
                {
                    return Some(c);
                }
                // "C160 - Sùng Minh Đạt": the id first (an id may hold a dash: "CB-01 (…)").
                h.char_indices()
                    .filter(|(_, ch)| [' ', '(', '-', '–'].contains(ch))
                    .find_map(|(at, _)| {
                        let (id, rest) = h.split_at(at);
                        cadre_ids.get(id.trim()).and_then(|c| named(c, rest))
                    })
            };
            match cadre_ids.get(h).or_else(with_name) {
                None => {
                    // Two holders of a post of two seats; a holder by name ("Đ/c Sùng Minh Đạt").
                    let named = || {
                        let name = holder_name(h);
                        let mut same = cadres?.iter().enumerate().filter(|(_, c)| {
                            crate::domain::text::key(&c.name) == crate::domain::text::key(name)
                        });
                        match (same.next(), same.next()) {
                            (Some((_, c)), None) => Some(c),
                            _ => None,
                        }
                    };
                    let several = h
                        .split([';', ',', '\n'])
                        .filter(|x| cadre_ids.get(x.trim()).is_some())
                        .count()
                        > 1;
                    let fix = if several {
                        Text::say(Say::OneHolderAPost)
                    } else if let Some(c) = named() {
                        Text::say(Say::DidYouMeanCorrectTheId)
                            .arg("id", format!("{} ({})", quoted(&c.id), c.name))
                    } else {
                        match cadre_ids.suggest(h) {
                            Some(s) => Text::say(Say::DidYouMeanCorrectTheId).arg("id", quoted(s)),
                            None => {
                                Text::say(Say::CorrectTheIdOrAddCadre).arg("table", cadres_name)
                            }
                        }
                    };
                    self.diags.push(
                        here(code::UNKNOWN_REFERENCE)
                            .found(quoted(h))
                            .expected(Text::say(Say::TheIdOfARow).arg("table", cadres_name))
                            .fix(fix),
                    );
                }
                Some(c) => {
                    if let Some(first) = held.get(&c) {
                        self.diags.push(
                            here(code::HOLDS_TWO_POSTS)
                                .found(
                                    Text::say(Say::AlsoHoldsPost)
                                        .arg("v1", quoted(h))
                                        .arg("first", first),
                                )
                                .expected(Say::EachCadreNamedAsThe)
                                .fix(Say::KeepTheCadreOnThe),
                        );
                        continue;
                    }
                    held.insert(c, &post.id);
                    out[i] = Some(c);
                    let unit_id = |u: crate::domain::UnitIx| {
                        units
                            .and_then(|us| us.get(u as usize))
                            .map_or_else(|| u.to_string(), |u| u.id.clone())
                    };
                    // Only a programme reads `holder_id`.
                    if let Some(other) = cadres
                        .filter(|_| in_programme)
                        .and_then(|cs| cs.get(c as usize))
                        .and_then(|cadre| cadre.current_unit)
                        .filter(|&u| u != post.unit)
                    {
                        self.diags.push(
                            here(code::HOLDER_ELSEWHERE)
                                .found(
                                    Text::say(Say::HolderInOtherUnit)
                                        .arg("cadre", quoted(h))
                                        .arg("unit", quoted(&unit_id(other)))
                                        .arg("cadres", cadres_name),
                                )
                                .expected(
                                    Text::say(Say::HolderOfThePostsUnit)
                                        .arg("unit", quoted(&unit_id(post.unit))),
                                )
                                .fix(Text::say(Say::HolderFix).arg("cadres", cadres_name)),
                        );
                    }
                }
            }
        }
        out
    }

    /// `programme:` checked against the plan date: the periods (E5001), the defaults.
    fn programme(
        &mut self,
        raw: &yaml::RawProgramme,
        plan_date: crate::domain::Date,
        holders: Vec<Option<crate::domain::CadreIx>>,
        max_departures: u32,
        must_fill: f64,
        whole_model_above: u64,
    ) -> Option<crate::domain::Programme> {
        use chrono::Months;
        let first = raw
            .periods
            .as_ref()
            .and_then(|l| l.first().map(|(d, _)| *d));
        let start = raw.start.or(first).unwrap_or(plan_date);
        let end = raw.end?;
        let bad = |this: &Self, key: &KeyPath, found: Text, expected: Say, fix: Say| {
            this.located(code::BAD_PROGRAMME, key)
                .found(found)
                .expected(expected)
                .fix(fix)
        };
        let mut ok = true;
        if start < plan_date {
            let d = bad(
                self,
                &raw.key.key("start"),
                Text::say(Say::StartBeforePlanDate)
                    .arg("start", start)
                    .arg("plan_date", plan_date),
                Say::AStartOnOrAfterPlanDate,
                Say::MoveStartToThePlanDate,
            );
            self.diags.push(d);
            ok = false;
        }
        if end <= start {
            let d = bad(
                self,
                &raw.key.key("end"),
                Text::say(Say::EndNotAfterStart)
                    .arg("end", end)
                    .arg("start", start),
                Say::AnEndAfterTheStart,
                Say::WriteTheProgrammesLastDay,
            );
            self.diags.push(d);
            ok = false;
        }
        let periods: Vec<crate::domain::Date> = match (&raw.periods, raw.period_months) {
            (Some(_), Some(_)) => {
                let d = bad(
                    self,
                    &raw.key.key("period_months"),
                    Say::BothPeriodsAndPeriodMonths.into(),
                    Say::OneOfTheTwo,
                    Say::KeepPeriodsOrPeriodMonths,
                );
                self.diags.push(d);
                return None;
            }
            (Some(list), None) => {
                let mut prev: Option<crate::domain::Date> = None;
                for (d, key) in list {
                    let wrong = if prev.is_some_and(|p| *d <= p) {
                        Some(Say::ADateAfterThePrevious)
                    } else if *d < start || *d > end {
                        Some(Say::ADateBetweenStartAndEnd)
                    } else {
                        None
                    };
                    if let Some(expected) = wrong {
                        let diag = bad(
                            self,
                            key,
                            Text::value(d.to_string()),
                            expected,
                            Say::ListThePeriodsInOrder,
                        );
                        self.diags.push(diag);
                        ok = false;
                    }
                    prev = Some(*d);
                }
                if list.first().is_some_and(|(d, _)| *d != start) {
                    let diag = bad(
                        self,
                        &list[0].1,
                        Text::value(list[0].0.to_string()),
                        Say::TheFirstPeriodOnTheStart,
                        Say::MakeTheFirstPeriodTheStart,
                    );
                    self.diags.push(diag);
                    ok = false;
                }
                list.iter().map(|(d, _)| *d).collect()
            }
            (None, months) => {
                let months = months.unwrap_or(12);
                let mut out = Vec::new();
                let mut k = 0u32;
                while let Some(d) = start.checked_add_months(Months::new(months * k)) {
                    // One past the most is enough to refuse (below): no need to list them all.
                    if d > end || out.len() > crate::domain::MAX_PROGRAMME_PERIODS {
                        break;
                    }
                    out.push(d);
                    k += 1;
                }
                out
            }
        };
        if periods.len() > crate::domain::MAX_PROGRAMME_PERIODS {
            let key = match (&raw.periods, raw.period_months) {
                (Some(_), _) => raw.key.key("periods"),
                (None, Some(_)) => raw.key.key("period_months"),
                (None, None) => raw.key.key("end"),
            };
            let counted = match &raw.periods {
                Some(list) => list.len().to_string(),
                None => format!("{}+", periods.len()),
            };
            let d = self
                .located(code::BAD_PROGRAMME, &key)
                .found(
                    Text::say(Say::TooManyPeriods)
                        .arg("n", counted)
                        .arg("start", start)
                        .arg("end", end),
                )
                .expected(
                    Text::say(Say::AtMostPeriods).arg("max", crate::domain::MAX_PROGRAMME_PERIODS),
                )
                .fix(Say::FewerPeriodsFix);
            self.diags.push(d);
            ok = false;
        }
        // The date of the re-plan lies inside the programme.
        if let Some(a) = raw.as_of
            && (a < start || a > end)
        {
            let d = bad(
                self,
                &raw.key.key("as_of"),
                Text::value(a.to_string()),
                Say::ADateBetweenStartAndEnd,
                Say::AsOfInsideFix,
            );
            self.diags.push(d);
            ok = false;
        }
        if periods.is_empty() && ok {
            let d = bad(
                self,
                &raw.key,
                Say::NoPeriod.into(),
                Say::AtLeastOnePeriodDate,
                Say::ListThePeriodsUnderPeriods,
            );
            self.diags.push(d);
            ok = false;
        }
        ok.then(|| crate::domain::Programme {
            start,
            end,
            periods,
            holders,
            max_departures_per_period: raw.max_departures_per_period.unwrap_or(max_departures),
            origin_penalty: raw.origin_penalty,
            smoothing: raw.smoothing,
            unplaced_penalty: raw.unplaced_penalty.unwrap_or(must_fill),
            replan: crate::domain::Replan {
                as_of: raw.as_of,
                ..Default::default()
            },
            requirements: crate::domain::ProgrammeRequirements {
                targets: raw.targets,
                must_fill_within: raw.must_fill_within,
                ..Default::default()
            },
            whole_model_above,
        })
    }

    /// The `period:` (year) of each resolved pin or forbid, checked against the programme's
    /// periods (E5004: no period starts in that year, or no programme).
    fn pair_years(
        &mut self,
        pairs: &[(PairRule, KeyPath)],
        raw: &[RawPair],
        prog: Option<&crate::domain::Programme>,
        pins: bool,
    ) -> Vec<Option<i32>> {
        use chrono::Datelike;
        let mut out = Vec::with_capacity(pairs.len());
        for (_, key) in pairs {
            let year = pair_year(raw, key);
            if let Some(y) = year {
                let years: Vec<i32> = prog
                    .map(|p| p.periods.iter().map(|d| d.year()).collect())
                    .unwrap_or_default();
                if !years.contains(&y) {
                    let (expected, fix) = match prog {
                        None => (
                            Text::say(Say::PeriodWithoutProgramme),
                            Text::say(Say::PeriodRemoveOrAdd),
                        ),
                        Some(_) => {
                            let mut ys = years.clone();
                            ys.dedup();
                            let list: Vec<String> = ys.iter().map(|y| y.to_string()).collect();
                            (
                                Text::say(Say::PeriodYearOf).arg("years", list.join(", ")),
                                Text::say(Say::PeriodWriteYear),
                            )
                        }
                    };
                    let d = self
                        .located(code::BAD_PAIR_PERIOD, &key.key("period"))
                        .found(y.to_string())
                        .expected(expected)
                        .fix(fix);
                    self.diags.push(d);
                } else if let Some((p, as_of)) = prog.and_then(|p| Some((p, p.replan.as_of?)))
                    && pins
                    && p.periods.iter().position(|d| d.year() == y)
                        < p.periods.iter().rposition(|&d| d <= as_of)
                {
                    // A pin in a period over on the re-plan's date: nothing is made there.
                    let d = self
                        .located(code::BAD_PAIR_PERIOD, &key.key("period"))
                        .found(y.to_string())
                        .expected(Text::say(Say::PinPeriodOver).arg("as_of", as_of))
                        .fix(Say::PinPeriodOverFix);
                    self.diags.push(d);
                }
            }
            out.push(year);
        }
        out
    }

    /// `None` if unknown (reported) or if the table could not be read (reported there).
    fn resolve(&mut self, r: &IdRef, ids: Option<&Ids>, table: &str) -> Option<u32> {
        let ids = ids.filter(|i| !i.is_empty())?;
        if let Some(ix) = ids.get(&r.id) {
            return Some(ix);
        }
        let fix = match ids.suggest(&r.id) {
            Some(s) => Text::say(Say::DidYouMeanCorrectTheId).arg("id", quoted(s)),
            None => Text::say(Say::CorrectTheIdOfTable).arg("table", table),
        };
        let d = self
            .located(code::UNKNOWN_ID, &r.key)
            .found(quoted(&r.id))
            .expected(Text::say(Say::TheIdOfARow2).arg("table", table))
            .fix(fix);
        self.diags.push(d);
        None
    }

    fn pairs(
        &mut self,
        raw: &[RawPair],
        (cadres, posts, cadres_file, posts_file): (Option<&Ids>, Option<&Ids>, &str, &str),
    ) -> Vec<(PairRule, KeyPath)> {
        let mut out = Vec::new();
        for p in raw {
            let cadre = self.resolve(&p.cadre, cadres, cadres_file);
            let post = self.resolve(&p.post, posts, posts_file);
            if let (Some(cadre), Some(post)) = (cadre, post) {
                out.push((
                    PairRule {
                        cadre,
                        post,
                        reason: p.reason.clone(),
                        relaxable: p.relaxable,
                    },
                    p.key.clone(),
                ));
            }
        }
        out
    }

    fn line_of(&self, key: &KeyPath) -> Text {
        match self.loc.locate(key, Target::Key).line {
            Some(line) => Text::say(Say::KeyOnLine).arg("key", key).arg("line", line),
            None => Text::value(format!("`{key}`")),
        }
    }

    /// A cadre pinned twice, or a pair both pinned and forbidden.
    fn check_pins(
        &mut self,
        (pins, raw_pins): (&[(PairRule, KeyPath)], &[RawPair]),
        (forbids, raw_forbids): (&[(PairRule, KeyPath)], &[RawPair]),
        prog: Option<&crate::domain::Programme>,
    ) {
        use chrono::Datelike;
        let year = pair_year;
        // A forbid's year that holds every period of the programme leaves a pin without one none.
        let every_period_in =
            |y: i32| prog.is_some_and(|p| p.periods.iter().all(|d| d.year() == y));
        for (i, (pin, key)) in pins.iter().enumerate() {
            // A programme's cadre makes a rotation and then a placement: two pins in two years
            // are those two moves (a third, or two in one year or without one, is not).
            let own_year = year(raw_pins, key);
            let earlier: Vec<&(PairRule, KeyPath)> = pins[..i]
                .iter()
                .filter(|(p, _)| p.cadre == pin.cadre)
                .collect();
            let two_moves = prog.is_some()
                && earlier.len() == 1
                && own_year.is_some()
                && year(raw_pins, &earlier[0].1).is_some_and(|y| Some(y) != own_year);
            if let Some((_, first)) = earlier.first().filter(|_| !two_moves) {
                let d = self
                    .located(code::PINNED_TWICE, &key.key("cadre"))
                    .found(Text::say(Say::ASecondPinOfThis).text("v1", self.line_of(first)))
                    .expected(Say::AtMostOnePinPer)
                    .fix(Say::KeepOneOfTheTwo);
                self.diags.push(d);
            }
        }
        for (forbid, key) in forbids {
            // A programme's pin and forbid of one pair clash only in a period both hold: a
            // forbid in 2030 leaves a pin to 2027 (or to any other period) possible.
            let clash = |pin_key: &KeyPath| match (year(raw_pins, pin_key), year(raw_forbids, key))
            {
                (_, None) => true,
                (None, Some(b)) => every_period_in(b),
                (Some(a), Some(b)) => a == b,
            };
            if let Some((_, pin)) = pins
                .iter()
                .find(|(p, k)| p.cadre == forbid.cadre && p.post == forbid.post && clash(k))
            {
                let d = self
                    .located(code::PINNED_AND_FORBIDDEN, key)
                    .found(Text::say(Say::ThePairIsAlsoPinned).text("v1", self.line_of(pin)))
                    .expected(Say::APairEitherPinnedOr)
                    .fix(Say::RemoveThePinOrThe);
                self.diags.push(d);
            }
        }
    }

    /// More pins on a post than its quota seats plus the approved extra seats.
    fn check_seats(
        &mut self,
        pins: &[(PairRule, KeyPath)],
        years: Option<&(Vec<Option<i32>>, u32)>,
        posts: &[crate::domain::Post],
        extra: &[crate::domain::ExtraSeat],
        taken: &[(crate::domain::PostIx, u32)],
    ) {
        for (i, (pin, key)) in pins.iter().enumerate() {
            let Some(post) = posts.get(pin.post as usize) else {
                continue;
            };
            let seats = u64::from(post.seats)
                + extra
                    .iter()
                    .filter(|e| e.post == pin.post)
                    .map(|e| u64::from(e.seats))
                    .sum::<u64>();
            // A programme's pins of one post compete for certain only in one year (or when one
            // has no year). Pins in years closer than a rotation lasts may still both hold (the
            // first cadre retires, or its rotation ends early): the solve decides, and names the
            // pins to relax when they cannot.
            let same_year = |j: usize| {
                years.is_none_or(|(y, _)| match (y[j], y[i]) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                })
            };
            let pinned_so_far = pins[..=i]
                .iter()
                .enumerate()
                .filter(|&(j, (p, _))| p.post == pin.post && same_year(j))
                .count() as u64;
            if pinned_so_far == seats + 1 {
                let d = self
                    .located(code::POST_OVERPINNED, &key.key("post"))
                    .found(
                        Text::say(Say::PinsOnPostWithSeat)
                            .arg("pinned_so_far", pinned_so_far)
                            .arg("v1", quoted(&post.id))
                            .arg("seats", seats),
                    )
                    .expected(Say::NoMorePinsOnA);
                // A seat held on the plan date is no seat to approve: say why it is taken.
                let held = taken.iter().any(|&(p, _)| p == pin.post);
                let d = match (held, &post.holder_id, post.vacant_from) {
                    (true, Some(h), _) => d.fix(
                        Text::say(Say::PinOnHeldPost)
                            .arg("post", quoted(&post.id))
                            .arg("holder", quoted(h)),
                    ),
                    (true, None, Some(from)) => d.fix(
                        Text::say(Say::PinOnPostVacantLater)
                            .arg("post", quoted(&post.id))
                            .arg("date", from),
                    ),
                    _ if years.is_some() => d.fix(Say::RemoveAPinOrPinAnotherYear),
                    _ => d.fix(Say::RemoveAPinOrApprove),
                };
                self.diags.push(d);
            }
        }
    }
}

/// The `period:` (a year) written on the pin or forbid at `key`, if any.
fn pair_year(raw: &[RawPair], key: &KeyPath) -> Option<i32> {
    // The pair at its list index first: a scan per pair made 20,000 forbids take seconds.
    let at = match key.0.last() {
        Some(locate::PathSeg::Index(i)) => raw.get(*i).filter(|r| &r.key == key),
        _ => None,
    };
    at.or_else(|| raw.iter().find(|r| &r.key == key))
        .and_then(|r| r.year)
}

#[cfg(test)]
mod tests {
    /// Brackets in texts (a block scalar's `xem [1`, emoticons `:-[`) are no nesting: the rough
    /// count before parsing refuses only a depth no scenario's text reaches.
    #[test]
    fn brackets_in_texts_do_not_refuse_a_valid_scenario() {
        let lines: String = (0..300).map(|i| format!("  xem [{i}\n")).collect();
        let yaml = format!(
            "name: a\ndescription: >-\n{lines}plan_date: 2027-01-01\nnote: \"{}\"\n",
            ":-[ ".repeat(300)
        );
        let d = super::check_yaml_bytes(std::path::Path::new("s.yaml"), yaml.as_bytes());
        assert!(d.iter().all(|d| d.code != "E1007"), "{d:?}");
        let deep = format!(
            "name: a\nvariants: {}{}\n",
            "[".repeat(6000),
            "]".repeat(6000)
        );
        let d = super::check_yaml_bytes(std::path::Path::new("s.yaml"), deep.as_bytes());
        assert_eq!(d[0].code, "E1007");
        assert_eq!((d[0].line, d[0].column), (Some(2), Some(111)));
    }
    use super::*;

    fn load_text(yaml: &str, files: &[(&str, &[u8])]) -> Result<Scenario, LoadError> {
        let dir = tempfile::tempdir().unwrap();
        for (name, content) in files {
            std::fs::write(dir.path().join(name), content).unwrap();
        }
        let path = dir.path().join("s.yaml");
        std::fs::write(&path, yaml).unwrap();
        load(&path)
    }

    const UNITS: &[u8] = b"id,name,tier,province,region,shortage\nU1,Tinh,province,P1,north,2\n";
    const POSTS: &[u8] =
        b"id,unit,title,rank,sector,role,criticality\nP1,U1,pc_chair,5,gov,head,5\n";
    const CADRES: &[u8] = b"id,name,sex,birth_date,current_rank,sector,planned_titles,rating\n\
C1,A,M,1975-01-01,5,gov,pc_chair,3\n";

    fn tables() -> Vec<(&'static str, &'static [u8])> {
        vec![("u.csv", UNITS), ("p.csv", POSTS), ("c.csv", CADRES)]
    }
    const HEAD: &str =
        "plan_date: 2027-01-01\ntables: {units: u.csv, posts: p.csv, cadres: c.csv}\n";

    #[test]
    fn minimal_scenario_loads_with_defaults() {
        let s = load_text(HEAD, &tables()).unwrap();
        assert_eq!(s.name, "s");
        assert_eq!(s.rules, crate::domain::RuleSet::qd65_2022());
        assert_eq!(s.weights, crate::domain::Weights::default());
        assert_eq!(s.max_departures_per_unit, 2);
        assert!(s.posts[0].not_local);
        assert_eq!(s.posts[0].seats, 1);
    }

    #[test]
    fn overrides_apply() {
        let yaml = format!(
            "{HEAD}rules:\n  min_service_months: 100\n  retirement_men: {{ max_months: 750 }}\n  \
             not_local_titles: []\n  family_functions: [Personnel, treasury, personnel]\n\
             weights: {{ fit: 0, training_points: {{ new_tier: 7.5 }} }}\ntargets: {{ women: 0.5 }}\n\
             solver: {{ threads: 4, time_limit_s: 1.5 }}\nmax_departures_per_unit: 5\nname: X\n"
        );
        let s = load_text(&yaml, &tables()).unwrap();
        assert_eq!(s.rules.min_service_months, 100);
        assert_eq!(s.rules.retirement_men.max_months, 750);
        assert_eq!(s.rules.retirement_men.base_months, 723);
        assert!(
            !s.posts[0].not_local,
            "an empty not_local_titles list derives nothing"
        );
        assert_eq!(
            s.rules.family_functions,
            vec![
                crate::domain::Function::Personnel,
                crate::domain::Function::Treasury
            ]
        );
        assert_eq!(s.weights.fit, 0.0);
        assert_eq!(s.weights.training_points.new_tier, 7.5);
        assert_eq!(s.weights.staffing, 10.0);
        assert_eq!(s.targets.women, 0.5);
        assert_eq!(s.targets.young, 0.15);
        assert_eq!(s.solver.threads, 4);
        assert_eq!(s.solver.time_limit_s, 1.5);
        assert_eq!(s.max_departures_per_unit, 5);
        assert_eq!(s.name, "X");
    }

    #[test]
    fn yaml_errors_are_all_reported() {
        let yaml = format!(
            "{HEAD}weights:\n  stafing: 3\n  fit: -1\ntargets: {{ women: 2 }}\nsolver:\n  relative_gap: 1\n  \
             threads: 0\n  time_limit_s: 0\nrules: {{ base: qd65, max_head_terms: two }}\nmin_service_months: 3\n"
        );
        let e = load_text(&yaml, &tables()).unwrap_err();
        let got: Vec<(&str, &str)> = e
            .diagnostics
            .iter()
            .map(|d| (d.code, d.field.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("E1002", "weights.stafing"),
                ("E1005", "weights.fit"),
                ("E1005", "targets.women"),
                ("E1005", "solver.relative_gap"),
                ("E1005", "solver.threads"),
                ("E1005", "solver.time_limit_s"),
                ("E1006", "rules.base"),
                ("E1004", "rules.max_head_terms"),
                ("E1002", "min_service_months"),
            ],
            "{e}"
        );
        let misplaced = e.diagnostics.last().unwrap();
        assert!(
            misplaced
                .fix
                .to_string()
                .contains("rules.min_service_months"),
            "{misplaced}"
        );
        assert_eq!(misplaced.line, Some(12));
        assert!(e.diagnostics[0].fix.to_string().contains("\"staffing\""));
        assert_eq!(
            (e.diagnostics[0].line, e.diagnostics[0].column),
            (Some(4), Some(3))
        );
    }

    #[test]
    fn a_second_document_is_found_where_it_starts() {
        assert_eq!(second_document("a: 1\n---\nb: 2\n"), Some(2));
        assert_eq!(second_document("---\na: 1\n---\nb: 2\n"), Some(3));
        assert_eq!(second_document("# c\n---\na: 1\n"), None);
        assert_eq!(second_document("a: 1\n...\nb: 2\n"), Some(2));
        assert_eq!(second_document("--- a\n--- b\n"), Some(2));
    }

    #[test]
    fn many_problems_in_one_file_end_with_a_count() {
        let mut units = String::from("id,name,tier,province,region,shortage\n");
        for i in 0..80 {
            units += &format!("U{i},A,province,P1,north,9\nU{i},B,province,P1,north,9\n");
        }
        let e = load_text(
            HEAD,
            &[
                ("u.csv", units.as_bytes()),
                ("p.csv", POSTS),
                ("c.csv", CADRES),
            ],
        )
        .unwrap_err();
        let in_units: Vec<&Diagnostic> = e
            .diagnostics
            .iter()
            .filter(|d| d.file.ends_with("u.csv"))
            .collect();
        assert_eq!(in_units.len(), diagnostic::MAX_PER_FILE + 1, "{e}");
        let last = in_units.last().unwrap();
        assert_eq!(last.code, "E1019");
        assert!(last.found.to_string().starts_with("and 31 more"), "{last}");
    }

    #[test]
    fn duplicate_keys_point_at_the_second_one() {
        let yaml = format!("{HEAD}weights:\n  fit: 1\n  staffing: 2\n  fit: 3\n");
        let e = load_text(&yaml, &tables()).unwrap_err();
        let d = &e.diagnostics[0];
        assert_eq!(
            (d.code, d.line, d.column),
            ("E1007", Some(6), Some(3)),
            "{e}"
        );
        assert_eq!(d.field, "weights");
        let e = load_text(&format!("{HEAD}plan_date: 2027-01-02\n"), &tables()).unwrap_err();
        let d = &e.diagnostics[0];
        assert_eq!(
            (d.code, d.line, d.column),
            ("E1007", Some(3), Some(1)),
            "{e}"
        );
        let e = load_text("pins:\n  - cadre: a\n    post: b\n    cadre: c\n", &[]).unwrap_err();
        let d = &e.diagnostics[0];
        assert_eq!((d.line, d.column), (Some(4), Some(5)), "{e}");
        assert_eq!(second_key("a: 1\n", 9, 9, "a"), None);
        assert_eq!(second_key("a: 1\n", 1, 0, "a"), None);
    }

    #[test]
    fn odd_inputs_never_panic() {
        let cases: &[&[u8]] = &[
            b"",
            b"\xEF\xBB\xBF",
            b"- a\n- b\n",
            b"42",
            b"plan_date: [1]\ntables: 3\n",
            b"plan_date:\ntables:\n",
            b"tables: {units: ., posts: '', cadres: c.csv/x}\nplan_date: 2027-02-30\n",
            b"\xFF\xFE\x00",
            b"a: &x [*x]\n",
            b"<<: {plan_date: 2027-01-01}\n<<: 5\n",
            b"? [a, b]\n: c\n",
            b"pins: [{cadre: C1, post: P1}, 3, {cadre: [], post: ~}]\nextra_seats: {}\nforbids: 7\n",
        ];
        for yaml in cases {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("s.yaml");
            std::fs::write(&path, yaml).unwrap();
            for (name, content) in tables() {
                std::fs::write(dir.path().join(name), content).unwrap();
            }
            let r = load(&path);
            let e = r.expect_err(&String::from_utf8_lossy(yaml));
            assert!(!e.diagnostics.is_empty());
            let _ = e.to_string();
        }
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap_err().codes(), vec!["E1008"]);
        assert_eq!(
            load(&dir.path().join("none.yaml")).unwrap_err().codes(),
            vec!["E1001"]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn random_bytes_never_panic(
            yaml in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            units in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("s.yaml");
            std::fs::write(&path, &yaml).unwrap();
            std::fs::write(dir.path().join("u.csv"), &units).unwrap();
            let _ = load(&path);
            let mut good = HEAD.as_bytes().to_vec();
            good.extend_from_slice(&yaml);
            std::fs::write(&path, &good).unwrap();
            let _ = load(&path);
        }

        #[test]
        fn random_csv_never_panics(
            units in "[a-zA-Z0-9,;:\"\\n\\r é-]{0,300}",
            cadres in "[a-zA-Z0-9,;:\"\\n é-]{0,300}",
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("s.yaml");
            std::fs::write(&path, HEAD).unwrap();
            std::fs::write(dir.path().join("u.csv"), format!("id,name,tier,province,region,shortage\n{units}")).unwrap();
            std::fs::write(dir.path().join("p.csv"), POSTS).unwrap();
            std::fs::write(dir.path().join("c.csv"), format!(
                "id,name,sex,birth_date,current_rank,sector,planned_titles,rating,relatives,worked_years,head_terms\n{cadres}"
            )).unwrap();
            let _ = load(&path);
        }
    }
}
