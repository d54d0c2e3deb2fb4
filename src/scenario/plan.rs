//! Reading a plan file (CSV or a workbook's sheet, written by rotaplan or by hand) back against its
//! scenario.

use super::diagnostic::{Say, Text};
use std::path::Path;

use super::diagnostic::{self as code, Diagnostic, Diags, LoadError, quoted};
use super::tables::{self, Column, Csv, CsvSpec, Ids};
use super::{read_failure, xlsx};
use crate::domain::text::same_key;
use crate::domain::{CadreIx, PostIx, Scenario};

/// One assignment of a plan file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanRow {
    /// The line of the row in the file.
    pub line: usize,
    pub cadre: CadreIx,
    pub post: PostIx,
}

/// A plan file read: its rows, and its warnings (a name that does not match the id on its row).
#[derive(Debug, Clone)]
pub struct ReadPlan {
    pub rows: Vec<PlanRow>,
    pub warnings: Vec<Diagnostic>,
    /// Rows left out because their cadre or post is not in the scenario (previous plans only).
    pub dropped: usize,
}

const PLAN_COLUMNS: &[Column] = &[
    ("cadre_id", true),
    ("post_id", true),
    ("cadre_name", false),
    ("post_title", false),
    // Read only to recognise the label row of `plan --labels` (true or false on every plan row).
    ("pinned", false),
];

const PLAN: CsvSpec = CsvSpec {
    columns: PLAN_COLUMNS,
    strict: false,
    exact_width: false,
    missing_code: code::PLAN_MISSING_COLUMN,
    aliases: &[
        ("ma_can_bo", "cadre_id"),
        ("ma_vi_tri", "post_id"),
        ("ho_ten", "cadre_name"),
        ("ho_va_ten", "cadre_name"),
        ("name", "cadre_name"),
        ("chuc_danh", "post_title"),
        ("title", "post_title"),
    ],
};

/// Reads the `cadre_id,post_id` pairs of a plan CSV (other columns are ignored; a header-only
/// file is an empty plan; a row with both ids empty is skipped). Every unknown id is reported.
/// Duplicates are returned as written: judging them is `check`'s job. Warnings are dropped (see
/// [`read_plan`]).
pub fn read_plan_csv(path: &Path, scenario: &Scenario) -> Result<Vec<PlanRow>, LoadError> {
    read_plan(path, scenario).map(|p| p.rows)
}

/// Reads a plan file: CSV, or a workbook (`plan.xlsx`, `plan.xlsx#Sheet`; without a sheet name, the
/// sheet `plan` or the only one), with the same rules; a `cadre_name` / `post_title` that does not
/// match the id on its row is a warning (W4001).
pub fn read_plan(path: &Path, scenario: &Scenario) -> Result<ReadPlan, LoadError> {
    let r = super::yaml::table_ref(path, "plan", super::locate::KeyPath::root());
    read_plan_in(&r.path, r.sheet.as_deref(), scenario, false)
}

/// What a previous plan gave as a baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousPlan {
    /// Pairs kept as the baseline.
    pub pairs: usize,
    /// Rows left out because their cadre or post is no longer in the scenario's tables.
    pub dropped: usize,
}

/// `baseline: previous`: the plan at `plan` (this scenario's previous plan, CSV or a workbook)
/// becomes the scenario's baseline. The tables may have changed since that plan was made, so a row
/// whose cadre or post is gone is left out and counted, not an error; any other problem of the file
/// is.
pub fn use_previous_plan(sc: &mut Scenario, plan: &Path) -> Result<PreviousPlan, LoadError> {
    let r = super::yaml::table_ref(plan, "plan", super::locate::KeyPath::root());
    let read = read_plan_in(&r.path, r.sheet.as_deref(), sc, true)?;
    sc.baseline = read.rows.iter().map(|r| (r.cadre, r.post)).collect();
    sc.baseline.sort_unstable();
    sc.baseline.dedup();
    Ok(PreviousPlan {
        pairs: sc.baseline.len(),
        dropped: read.dropped,
    })
}

/// A file of moves (a plan, a programme, a history) as a table: CSV, or the sheet `sheet` of a
/// workbook (none named: the sheet `table` or the only one). `Ok(None)`: its errors are in `diags`.
pub(crate) fn read_moves_table(
    path: &Path,
    (sheet, table): (Option<&str>, &str),
    spec: &CsvSpec,
    named_by: Option<(&super::yaml::TableRef, &dyn super::Locate)>,
    diags: &mut Diags,
) -> Result<Option<Csv>, LoadError> {
    if xlsx::is_workbook(path) {
        // A sheet that cannot be read is said in `diags` (the callers' error).
        return Ok(super::read_sheet_at(
            path,
            (sheet, table),
            spec,
            named_by,
            tables::DEFAULT_MAX_TABLE_ROWS,
            diags,
        ));
    }
    if xlsx::is_text_named_as_workbook(path) {
        diags.note(Text::say(Say::NoteTextNamedAsWorkbook).arg("file", path.display()));
    }
    let text = super::text::read_table_text(path, diags).map_err(|f| LoadError {
        diagnostics: vec![read_failure(path, f, named_by)],
        warnings: Vec::new(),
    })?;
    Ok(tables::read_csv(
        path,
        &text,
        spec,
        tables::DEFAULT_MAX_TABLE_ROWS,
        diags,
    ))
}

/// The fixes for unknown ids of a moves file read against `sc`; the cadres' names are indexed on
/// the first unknown id that needs them (a file of unknown ids is no scan of the cadres per row).
pub(crate) struct IdHints<'s> {
    sc: &'s Scenario,
    /// Each cadre name's key ([`crate::domain::text::key`]) with its cadres.
    names: std::cell::OnceCell<std::collections::HashMap<String, Vec<CadreIx>>>,
}

impl<'s> IdHints<'s> {
    pub(crate) fn new(sc: &'s Scenario) -> Self {
        IdHints {
            sc,
            names: std::cell::OnceCell::new(),
        }
    }

    /// `d` (an unknown `id`: `cadre`, a cadre's id, else a post's) with its fix: the hint of
    /// [`IdHints::hint`], or `fallback` when there is none. A hint is the row's own: rows with
    /// different hints are not grouped as one problem.
    pub(crate) fn fix(
        &self,
        d: Diagnostic,
        ids: &Ids,
        (id, cadre): (&str, bool),
        name_in_row: Option<&str>,
        fallback: Text,
    ) -> Diagnostic {
        match self.hint(ids, (id, cadre), name_in_row) {
            Some((text, who)) => d.fix(text).group(format!("hint {who}")),
            None => d.fix(fallback),
        }
    }

    /// Who an unknown id may mean, and a key of that hint: the cadres the row's `cadre_name`
    /// names (one: write its id; several: the ids to choose from; none: no one is named so);
    /// without a name, the nearest id with its cadre's name or post's title: an id a character
    /// off is as likely another person as a slip, and the name lets the user tell which. `None`
    /// when nothing is near.
    fn hint(
        &self,
        ids: &Ids,
        (id, cadre): (&str, bool),
        name_in_row: Option<&str>,
    ) -> Option<(Text, String)> {
        let sc = self.sc;
        if cadre && let Some(n) = name_in_row.filter(|n| !n.trim().is_empty()) {
            let names = self.names.get_or_init(|| {
                let mut m: std::collections::HashMap<String, Vec<CadreIx>> = Default::default();
                for (i, c) in sc.cadres.iter().enumerate() {
                    m.entry(crate::domain::text::key(&c.name))
                        .or_default()
                        .push(i as CadreIx);
                }
                m
            });
            let named = names
                .get(&crate::domain::text::key(n))
                .map_or(&[][..], Vec::as_slice);
            let list = named
                .iter()
                .map(|&c| quoted(&sc.cadre(c).id))
                .collect::<Vec<_>>()
                .join(", ");
            return Some(match named {
                [c] => (
                    Text::say(Say::RowsNameIsCadre)
                        .arg("name", quoted(n))
                        .arg("id", quoted(&sc.cadre(*c).id)),
                    list,
                ),
                [] => (
                    Text::say(Say::RowsNameIsNoCadre)
                        .arg("name", quoted(n))
                        .arg("table", &sc.tables.cadres),
                    format!("no {n}"),
                ),
                _ => (
                    Text::say(Say::RowsNameIsCadres)
                        .arg("name", quoted(n))
                        .arg("ids", &list),
                    list,
                ),
            });
        }
        let s = ids.suggest(id)?;
        let ix = ids.get(s)?;
        let text = if cadre {
            Text::say(Say::DidYouMeanNamedCorrectTheId).arg("name", &sc.cadre(ix).name)
        } else {
            Text::say(Say::DidYouMeanPostCorrectTheId).arg("title", &sc.post(ix).title)
        };
        Some((text.arg("id", quoted(s)), s.to_string()))
    }
}

/// A kind of moves file a command reads beside its scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MovesFile {
    /// A plan (`cadre_id`, `post_id`): `check` of a single plan.
    Plan,
    /// A programme.csv (`kind`, `period` besides): `check` and `review` of a programme.
    Programme,
    /// A history.csv (`start`, no `period`): `review`.
    History,
}

/// The problems of a moves file found without its scenario (whose tables have errors), `None`
/// when there are none: the file cannot be read, a column is missing, or a history's cell is wrong
/// in itself (a bad date, an unknown kind). `check` and `review` say them beside the scenario's
/// errors, so that one run names the problems of both. The file is read as the first of `accepts`
/// its header fits: a history (`start` and no `period`); a programme (`kind` or `period`, or no
/// plan accepted); else a plan.
pub fn problems_without_scenario(path: &Path, accepts: &[MovesFile]) -> Option<LoadError> {
    if accepts.contains(&MovesFile::History) && super::history::is_history_file(path) {
        return super::history::problems_without_scenario(path);
    }
    let r = super::yaml::table_ref(path, "plan", super::locate::KeyPath::root());
    let sheet = r.sheet.as_deref();
    let mut diags = Diags::default();
    let as_programme = accepts.contains(&MovesFile::Programme)
        && match read_moves_table(
            &r.path,
            (sheet, "programme"),
            &super::programme::SPEC,
            None,
            &mut diags,
        ) {
            Err(e) => return Some(e),
            Ok(csv) => {
                !accepts.contains(&MovesFile::Plan)
                    || csv
                        .is_some_and(|c| c.column("kind").is_some() || c.column("period").is_some())
            }
        };
    if !as_programme {
        diags = Diags::default();
        if let Err(e) = read_moves_table(&r.path, (sheet, "plan"), &PLAN, None, &mut diags) {
            return Some(e);
        }
    }
    diags.finish_with_warnings().err()
}

/// `skip_unknown`: rows with an id the scenario does not have are counted in `dropped` instead of
/// reported.
pub(crate) fn read_plan_in(
    path: &Path,
    sheet: Option<&str>,
    scenario: &Scenario,
    skip_unknown: bool,
) -> Result<ReadPlan, LoadError> {
    let mut diags = Diags::default();
    let csv = read_moves_table(path, (sheet, "plan"), &PLAN, None, &mut diags)?;
    let Some(csv) = csv else {
        return Err(diags.into_error().unwrap_or_else(|| LoadError {
            diagnostics: Vec::new(),
            warnings: Vec::new(),
        }));
    };
    if csv.column("cadre_id").is_none() || csv.column("post_id").is_none() {
        return Err(diags.into_error().unwrap_or_else(|| LoadError {
            diagnostics: Vec::new(),
            warnings: Vec::new(),
        }));
    }
    let mark = diags.marks();
    let (out, dropped) = plan_rows(&csv, scenario, skip_unknown, &mut diags);
    if let Some(sheet) = &csv.sheet {
        diags.in_sheet(mark, path, sheet);
    }
    let (warnings, _) = diags.finish_with_warnings()?;
    Ok(ReadPlan {
        rows: out,
        warnings,
        dropped,
    })
}

fn plan_rows(
    csv: &Csv,
    scenario: &Scenario,
    skip_unknown: bool,
    diags: &mut Diags,
) -> (Vec<PlanRow>, usize) {
    let mut dropped = 0;
    let path = csv.file.as_path();
    let cadres = Ids::from_unique(scenario.cadres.iter().map(|c| c.id.as_str()));
    let posts = Ids::from_unique(scenario.posts.iter().map(|p| p.id.as_str()));
    let hints = IdHints::new(scenario);
    let mut out = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (k, row) in csv.rows.iter().enumerate() {
        let cadre_id = csv.cell(row, "cadre_id").unwrap_or("");
        let post_id = csv.cell(row, "post_id").unwrap_or("");
        if cadre_id.is_empty() && post_id.is_empty() {
            continue;
        }
        // The row of labels for people that `plan --labels` writes under the header: no known id,
        // and a word where every plan row has true or false.
        let labels = k == 0
            && cadres.get(cadre_id).is_none()
            && posts.get(post_id).is_none()
            && csv
                .cell(row, "pinned")
                .is_some_and(|p| !p.is_empty() && p != "true" && p != "false");
        if labels {
            continue;
        }
        let mut resolve = |col: &str, id: &str, ids: &Ids, unknown: &'static str, table: &str| {
            let d = Diagnostic::new(code::PLAN_MISSING_VALUE, path)
                .at(Some(row.line), csv.column(col).map(|c| csv.col_number(c)))
                .field(csv.field(col))
                .found(quoted(id));
            if id.is_empty() {
                diags.push(
                    d.found(Say::AnEmptyCell)
                        .expected(Text::say(Say::TheIdOfARow2).arg("table", table))
                        .fix(Say::FillInTheIdOr),
                );
                return None;
            }
            let ix = ids.get(id);
            if ix.is_none() && !skip_unknown {
                let d = Diagnostic { code: unknown, ..d }
                    .expected(Text::say(Say::TheIdOfARow3).arg("table", table));
                diags.push(hints.fix(
                    d,
                    ids,
                    (id, col == "cadre_id"),
                    csv.cell(row, "cadre_name"),
                    Text::say(Say::CorrectTheIdPlanScenario).arg("table", table),
                ));
            }
            ix
        };
        let cadre = resolve(
            "cadre_id",
            cadre_id,
            &cadres,
            code::PLAN_UNKNOWN_CADRE,
            &scenario.tables.cadres,
        );
        let post = resolve(
            "post_id",
            post_id,
            &posts,
            code::PLAN_UNKNOWN_POST,
            &scenario.tables.posts,
        );
        // Each name is checked against its own id, whether or not the other id of the row is
        // known: every problem of the file is reported at once.
        {
            let names = [
                cadre.map(|c| {
                    let actual = &scenario.cadre(c).name;
                    ("cadre_name", actual, cadre_id, Say::TheNameOfInTheScenario)
                }),
                post.map(|p| {
                    let actual = &scenario.post(p).title;
                    ("post_title", actual, post_id, Say::TheTitleOfInTheScenario)
                }),
            ];
            for (col, actual, id, what) in names.into_iter().flatten() {
                let Some(written) = csv.cell(row, col).filter(|w| !w.is_empty()) else {
                    continue;
                };
                // A name the plan files wrote after a `'` (a formula defused) is the name.
                if same_key(crate::domain::text::undefused(written), actual) {
                    continue;
                }
                diags.push(
                    Diagnostic::new(code::PLAN_NAME_MISMATCH, path)
                        .at(Some(row.line), csv.column(col).map(|c| csv.col_number(c)))
                        .field(csv.field(col))
                        .found(
                            Text::say(Say::OnTheRowOf)
                                .arg("v1", quoted(written))
                                .arg("v2", quoted(id)),
                        )
                        .expected(
                            Text::say(what)
                                .arg("v1", quoted(id))
                                .arg("v2", quoted(actual)),
                        )
                        .fix(Say::CheckThatTheIdIs),
                );
            }
        }
        if let (Some(cadre), Some(post)) = (cadre, post) {
            // A row pasted twice is one assignment written twice, not a cadre on two seats (S4
            // and H7 said so, and the seat was scored twice).
            if let Some(&first) = seen.get(&(cadre, post)) {
                diags.push(
                    Diagnostic::new(code::BAD_MOVE, path)
                        .at(
                            Some(row.line),
                            csv.column("cadre_id").map(|c| csv.col_number(c)),
                        )
                        .field(csv.field("cadre_id"))
                        .found(Text::say(Say::SameMoveAsLine).arg("line", first))
                        .expected(Say::EachMoveOnce)
                        .fix(Say::DeleteOneOfTheTwoRows),
                );
                continue;
            }
            seen.insert((cadre, post), row.line);
            out.push(PlanRow {
                line: row.line,
                cadre,
                post,
            });
        } else {
            dropped += 1;
        }
    }
    (out, dropped)
}
