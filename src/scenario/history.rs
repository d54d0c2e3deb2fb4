//! Re-planning a programme: `programme.history` (history.csv, the executed moves) and
//! `programme.previous` (the previous programme's programme.csv), read against the scenario they
//! belong to. history.csv has the columns `cadre_id`, `post_id`, `kind` (rotation or placement),
//! `start` (the date the move was made) and, optionally, `end`; every problem is located (file,
//! line, column, field) and coded E5003 unless an id is unknown (E4002, E4003).

use std::path::Path;

use super::diagnostic::{self as code, Diagnostic, Diags, LoadError, Say, Text, quoted};
use super::tables::{self, Column, CsvSpec, Ids};
use super::text::{DateFormat, parse_date_as};
use super::yaml::TableRef;
use super::{Locate, read_failure};
use crate::domain::MoveKind;
use crate::domain::{HistoryMove, Replan, Scenario};

const HISTORY_COLUMNS: &[Column] = &[
    ("cadre_id", true),
    ("post_id", true),
    ("kind", true),
    ("start", true),
    ("end", false),
];

const HISTORY: CsvSpec = CsvSpec {
    columns: HISTORY_COLUMNS,
    strict: false,
    exact_width: false,
    missing_code: code::MISSING_COLUMN,
    aliases: &[],
};

/// `sc` with `replan` filled from the history and previous tables of `programme:` (none: as is),
/// and the warnings of those files.
pub(crate) fn with_replan(
    history: Option<&TableRef>,
    previous: Option<&TableRef>,
    tolerance: f64,
    dates: DateFormat,
    loc: &dyn Locate,
    mut sc: Scenario,
) -> Result<(Scenario, Vec<Diagnostic>), LoadError> {
    if sc.programme.is_none() {
        return Ok((sc, Vec::new()));
    }
    let mut warnings = Vec::new();
    let mut replan = Replan {
        tolerance,
        ..Replan::default()
    };
    if let Some(t) = history {
        let (history, w) = read_history(t, dates, loc, &sc)?;
        replan.history = history;
        warnings.extend(w);
    }
    if let Some(t) = previous {
        if let Err(f) = super::text::check_file(&t.path) {
            return Err(LoadError {
                diagnostics: vec![read_failure(&t.path, f, Some((t, loc)))],
            });
        }
        let file = super::read_programme(&t.path, &sc)?;
        replan.previous = Some(file.moves);
        warnings.extend(file.warnings);
    }
    if let Some(p) = sc.programme.as_mut() {
        p.replan = replan;
    }
    Ok((sc, warnings))
}

fn read_history(
    t: &TableRef,
    dates: DateFormat,
    loc: &dyn Locate,
    sc: &Scenario,
) -> Result<(Vec<HistoryMove>, Vec<Diagnostic>), LoadError> {
    let path: &Path = &t.path;
    let mut diags = Diags::default();
    let text = super::text::read_table_text(path, &mut diags).map_err(|f| LoadError {
        diagnostics: vec![read_failure(path, f, Some((t, loc)))],
    })?;
    let empty = || LoadError {
        diagnostics: Vec::new(),
    };
    let Some(csv) = tables::read_csv(
        path,
        &text,
        &HISTORY,
        tables::DEFAULT_MAX_TABLE_ROWS,
        &mut diags,
    ) else {
        return Err(diags.into_error().unwrap_or_else(empty));
    };
    if HISTORY_COLUMNS
        .iter()
        .any(|(c, required)| *required && csv.column(c).is_none())
    {
        return Err(diags.into_error().unwrap_or_else(empty));
    }
    let Some(prog) = sc.programme.as_ref() else {
        return Ok((Vec::new(), diags.finish()?.0));
    };
    let cadres = Ids::from_unique(sc.cadres.iter().map(|c| c.id.as_str()));
    let posts = Ids::from_unique(sc.posts.iter().map(|p| p.id.as_str()));
    let mut out: Vec<HistoryMove> = Vec::new();
    for row in &csv.rows {
        let cell = |c: &str| csv.text(row, c);
        let here = |code, col: &str| csv.at_cell(code, path, row, col).found(quoted(&cell(col)));
        let (c, p, k, s, e) = (
            cell("cadre_id"),
            cell("post_id"),
            cell("kind"),
            cell("start"),
            cell("end"),
        );
        if [&c, &p, &k, &s, &e].iter().all(|x| x.is_empty()) {
            continue;
        }
        let cadre = cadres.get(&c);
        if cadre.is_none() {
            let fix = match cadres.suggest(&c) {
                Some(s) => Text::say(Say::DidYouMeanCorrectTheId).arg("id", format!("{s:?}")),
                None => Text::say(Say::HistCorrectTheId).arg("table", "cadres.csv"),
            };
            diags.push(
                here(code::PLAN_UNKNOWN_CADRE, "cadre_id")
                    .expected(Text::say(Say::HistIdOfARow).arg("table", "cadres.csv"))
                    .fix(fix),
            );
        }
        let post = posts.get(&p);
        if post.is_none() {
            let fix = match posts.suggest(&p) {
                Some(s) => Text::say(Say::DidYouMeanCorrectTheId).arg("id", format!("{s:?}")),
                None => Text::say(Say::HistCorrectTheId).arg("table", "posts.csv"),
            };
            diags.push(
                here(code::PLAN_UNKNOWN_POST, "post_id")
                    .expected(Text::say(Say::HistIdOfARow).arg("table", "posts.csv"))
                    .fix(fix),
            );
        }
        let kind = match k.to_lowercase().as_str() {
            "rotation" => Some(MoveKind::Rotation),
            "placement" => Some(MoveKind::Placement),
            _ => {
                diags.push(
                    here(code::BAD_HISTORY, "kind")
                        .expected(Say::HistKind)
                        .fix(Say::HistWriteKind),
                );
                None
            }
        };
        let date = |col: &str, v: &str, diags: &mut Diags| match parse_date_as(v, dates) {
            Ok(d) => Some(d),
            Err(expected) => {
                diags.push(
                    here(code::BAD_DATE, col)
                        .expected(expected)
                        .fix(Say::WriteTheDateAsYYYY4),
                );
                None
            }
        };
        let start = if s.is_empty() {
            diags.push(
                here(code::MISSING_VALUE, "start")
                    .found(Say::AnEmptyCell)
                    .expected(Say::HistDateMade)
                    .fix(Say::HistFillStart),
            );
            None
        } else {
            date("start", &s, &mut diags)
        };
        let end = if e.is_empty() {
            None
        } else {
            date("end", &e, &mut diags)
        };
        // The period the move was made in: the last one starting on or before `start`.
        let period = start.and_then(|d| {
            let t = prog.periods.iter().rposition(|&p| p <= d);
            if t.is_none() || d > prog.end {
                diags.push(
                    here(code::BAD_HISTORY, "start")
                        .expected(
                            Text::say(Say::HistInsideProgramme)
                                .arg("start", prog.start)
                                .arg("end", prog.end),
                        )
                        .fix(Say::HistBeforeProgramme),
                );
            }
            t
        });
        if let (Some(s), Some(e)) = (start, end)
            && e <= s
        {
            diags.push(
                here(code::BAD_HISTORY, "end")
                    .expected(Text::say(Say::HistAfterStart).arg("start", s))
                    .fix(Say::HistCorrectEnd),
            );
        }
        let (Some(cadre), Some(post), Some(kind), Some(start), Some(period)) =
            (cadre, post, kind, start, period)
        else {
            continue;
        };
        if let Some(first) = out.iter().find(|h| h.cadre == cadre && h.kind == kind) {
            diags.push(
                here(code::BAD_HISTORY, "cadre_id")
                    .expected(
                        Text::say(Say::HistOnePerCadre)
                            .arg("kind", kind.as_str())
                            .arg("line", first.line)
                            .arg("cadre", &c),
                    )
                    .fix(Say::HistKeepOne),
            );
            continue;
        }
        out.push(HistoryMove {
            cadre,
            post,
            kind,
            start,
            end,
            period,
            line: row.line,
        });
    }
    let (warnings, _) = diags.finish()?;
    out.sort_by_key(|h| (h.period, h.kind, h.cadre, h.post));
    Ok((out, warnings))
}
