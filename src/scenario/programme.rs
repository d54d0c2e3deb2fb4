//! Reading a programme file (programme.csv, written by rotaplan or by hand) back against its
//! scenario: the columns `cadre_id`, `post_id`, `kind` (rotation or placement) and `period`
//! (1 = the first period); other columns are ignored.

use super::diagnostic::{Say, Text};
use std::path::Path;

use super::diagnostic::{self as code, Diagnostic, Diags, LoadError, quoted};
use super::tables::{self, Column, CsvSpec, Ids};
use crate::domain::Scenario;
use crate::domain::{Move, MoveKind};

const PROGRAMME_COLUMNS: &[Column] = &[
    ("cadre_id", true),
    ("post_id", true),
    ("kind", true),
    ("period", true),
    // Written by rotaplan as the period's date; checked against it when there.
    ("start", false),
];

/// The programme file's columns (`plan::problems_without_scenario` reads a header by it too).
pub(super) const SPEC: CsvSpec = CsvSpec {
    columns: PROGRAMME_COLUMNS,
    strict: false,
    exact_width: false,
    missing_code: code::PLAN_MISSING_COLUMN,
    aliases: tables::PROGRAMME_ALIASES,
};

/// A programme CSV read: its moves, and its warnings (W1001: read as Windows-1258).
#[derive(Debug, Clone)]
pub struct ProgrammeFile {
    pub moves: Vec<Move>,
    pub warnings: Vec<Diagnostic>,
}

/// The moves of a programme CSV; every unknown id, kind or period is reported (E4002–E4005).
/// `programme.xlsx#Sheet` names a workbook's sheet.
pub fn read_programme(path: &Path, sc: &Scenario) -> Result<ProgrammeFile, LoadError> {
    let r = super::yaml::table_ref(path, "programme", super::locate::KeyPath::root());
    read_programme_in(&r, None, sc)
}

/// [`read_programme`] of the file (and sheet) `t` names; `loc`: where the scenario names it
/// (`programme.previous`), for the messages of a file that cannot be read.
pub(crate) fn read_programme_in(
    t: &super::yaml::TableRef,
    loc: Option<&dyn super::Locate>,
    sc: &Scenario,
) -> Result<ProgrammeFile, LoadError> {
    let mut diags = Diags::default();
    let path = t.path.as_path();
    let sheet = (t.sheet.as_deref(), "programme");
    let named_by = loc.map(|l| (t, l));
    let Some(csv) = super::plan::read_moves_table(path, sheet, &SPEC, named_by, &mut diags)? else {
        return Err(diags.into_error().unwrap_or_else(|| LoadError {
            diagnostics: Vec::new(),
            warnings: Vec::new(),
        }));
    };
    if PROGRAMME_COLUMNS
        .iter()
        .any(|(c, required)| *required && csv.column(c).is_none())
    {
        return Err(diags.into_error().unwrap_or_else(|| LoadError {
            diagnostics: Vec::new(),
            warnings: Vec::new(),
        }));
    }
    let mark = diags.marks();
    let cadres = Ids::from_unique(sc.cadres.iter().map(|c| c.id.as_str()));
    let posts = Ids::from_unique(sc.posts.iter().map(|p| p.id.as_str()));
    let hints = super::plan::IdHints::new(sc);
    let n_t = sc.programme.as_ref().map_or(0, |p| p.periods.len());
    let mut out = Vec::new();
    // Each move's first line: a repeated row is said (it would count twice in a previous
    // programme's value and read as a second rotation in check).
    let mut seen: std::collections::BTreeMap<Move, usize> = std::collections::BTreeMap::new();
    for row in &csv.rows {
        let cell = |c: &str| csv.text(row, c);
        let here = |code, col: &str| csv.at_cell(code, path, row, col);
        let (c, p, k, t) = (
            cell("cadre_id"),
            cell("post_id"),
            cell("kind"),
            cell("period"),
        );
        if [&c, &p, &k, &t].iter().all(|x| x.is_empty()) {
            continue;
        }
        let cadre = cadres.get(&c);
        if cadre.is_none() {
            let d = here(code::PLAN_UNKNOWN_CADRE, "cadre_id")
                .found(quoted(&c))
                .expected(Text::say(Say::TheIdOfARow).arg("table", &sc.tables.cadres));
            let name = csv.cell(row, "cadre_name");
            let fallback = Text::say(Say::CorrectTheIdOrRead);
            diags.push(hints.fix(d, &cadres, (&c, true), name, fallback));
        }
        let post = posts.get(&p);
        if post.is_none() {
            let d = here(code::PLAN_UNKNOWN_POST, "post_id")
                .found(quoted(&p))
                .expected(Text::say(Say::TheIdOfARow4).arg("table", &sc.tables.posts));
            let fallback = Text::say(Say::CorrectTheIdOrRead);
            diags.push(hints.fix(d, &posts, (&p, false), None, fallback));
        }
        let kind = match MoveKind::parse(&k) {
            Some(kind) => Some(kind),
            None => {
                diags.push(
                    here(code::BAD_MOVE, "kind")
                        .found(quoted(&k))
                        .expected(Say::RotationOrPlacement)
                        .fix(Say::WriteRotationOrPlacement),
                );
                None
            }
        };
        let period = match t.parse::<usize>() {
            Ok(n) if (1..=n_t).contains(&n) => Some(n - 1),
            _ => {
                diags.push(
                    here(code::BAD_MOVE, "period")
                        .found(quoted(&t))
                        .expected(Text::say(Say::APeriodNumberFrom1).arg("n_t", n_t))
                        .fix(Say::NumberThePeriodsFrom1),
                );
                None
            }
        };
        // `start` falls in its period (programme.csv writes the period's date, or an executed
        // move's own date from the history): a start moved by hand into another period while
        // the period stayed was checked as the period, in silence.
        if let Some(t) = period
            && let Some(prog) = sc.programme.as_ref()
            && let Some(on) = prog.periods.get(t)
            && let Ok(start) =
                super::text::parse_date_as(&cell("start"), super::text::DateFormat::Auto)
            && (start < *on || prog.periods.get(t + 1).is_some_and(|next| start >= *next))
        {
            diags.push(
                here(code::BAD_MOVE, "start")
                    .found(quoted(&cell("start")))
                    .expected(
                        Text::say(Say::StartOfPeriod)
                            .arg("period", t + 1)
                            .arg("date", on),
                    )
                    .fix(Say::StartOrPeriodFix),
            );
        }
        if let (Some(cadre), Some(post), Some(kind), Some(period)) = (cadre, post, kind, period) {
            let m = Move {
                cadre,
                post,
                kind,
                period,
            };
            if let Some(first) = seen.get(&m) {
                diags.push(
                    here(code::BAD_MOVE, "cadre_id")
                        .found(Text::say(Say::SameMoveAsLine).arg("line", first))
                        .expected(Say::EachMoveOnce)
                        .fix(Say::DeleteOneOfTheTwoRows),
                );
                continue;
            }
            seen.insert(m.clone(), row.line);
            out.push(m);
        }
    }
    if let Some(sheet) = &csv.sheet {
        diags.in_sheet(mark, path, sheet);
    }
    let (warnings, _) = diags.finish()?;
    Ok(ProgrammeFile {
        moves: out,
        warnings,
    })
}
