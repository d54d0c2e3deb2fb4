//! Reading a plan CSV (written by rotaplan or by hand) back against its scenario.

use std::path::Path;

use super::diagnostic::{self as code, Diagnostic, Diags, LoadError, quoted};
use super::read_failure;
use super::tables::{self, Column, CsvSpec, Ids};
use super::text::read_text;
use crate::domain::{CadreIx, PostIx, Scenario};

/// One assignment of a plan file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanRow {
    /// The line of the row in the file.
    pub line: usize,
    pub cadre: CadreIx,
    pub post: PostIx,
}

const PLAN_COLUMNS: &[Column] = &[("cadre_id", true), ("post_id", true)];

const PLAN: CsvSpec = CsvSpec {
    columns: PLAN_COLUMNS,
    strict: false,
    exact_width: false,
    missing_code: code::PLAN_MISSING_COLUMN,
};

/// Reads the `cadre_id,post_id` pairs of a plan CSV (other columns are ignored; a header-only
/// file is an empty plan; a row with both ids empty is skipped). Every unknown id is reported.
/// Duplicates are returned as written: judging them is `check`'s job.
pub fn read_plan_csv(path: &Path, scenario: &Scenario) -> Result<Vec<PlanRow>, LoadError> {
    read_rows(path, scenario, false).map(|(rows, _)| rows)
}

/// What a previous plan gave as a baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousPlan {
    /// Pairs kept as the baseline.
    pub pairs: usize,
    /// Rows left out because their cadre or post is no longer in the scenario's tables.
    pub dropped: usize,
}

/// `baseline: previous`: the plan at `plan_csv` (this scenario's previous plan) becomes the
/// scenario's baseline. The tables may have changed since that plan was made, so a row whose cadre
/// or post is gone is left out and counted, not an error; any other problem of the file is.
pub fn use_previous_plan(sc: &mut Scenario, plan_csv: &Path) -> Result<PreviousPlan, LoadError> {
    let (rows, dropped) = read_rows(plan_csv, sc, true)?;
    sc.baseline = rows.iter().map(|r| (r.cadre, r.post)).collect();
    sc.baseline.sort_unstable();
    sc.baseline.dedup();
    Ok(PreviousPlan {
        pairs: sc.baseline.len(),
        dropped,
    })
}

/// The rows of a plan CSV; with `skip_unknown`, rows with an id the scenario does not have are
/// counted instead of reported.
fn read_rows(
    path: &Path,
    scenario: &Scenario,
    skip_unknown: bool,
) -> Result<(Vec<PlanRow>, usize), LoadError> {
    let mut dropped = 0;
    let text = read_text(path).map_err(|f| LoadError {
        diagnostics: vec![read_failure(path, f, None)],
    })?;
    let mut diags = Diags::default();
    let Some(csv) = tables::read_csv(path, &text, &PLAN, &mut diags) else {
        return Err(diags.into_error().unwrap_or_else(|| LoadError {
            diagnostics: Vec::new(),
        }));
    };
    if csv.column("cadre_id").is_none() || csv.column("post_id").is_none() {
        return Err(diags.into_error().unwrap_or_else(|| LoadError {
            diagnostics: Vec::new(),
        }));
    }
    let cadres = Ids::from_unique(scenario.cadres.iter().map(|c| c.id.as_str()));
    let posts = Ids::from_unique(scenario.posts.iter().map(|p| p.id.as_str()));
    let mut out = Vec::new();
    for row in &csv.rows {
        let cadre_id = csv.cell(row, "cadre_id").unwrap_or("");
        let post_id = csv.cell(row, "post_id").unwrap_or("");
        if cadre_id.is_empty() && post_id.is_empty() {
            continue;
        }
        let mut resolve = |col: &str, id: &str, ids: &Ids, unknown: &'static str, table: &str| {
            let d = Diagnostic::new(code::PLAN_MISSING_VALUE, path)
                .at(Some(row.line), csv.column(col).map(|c| c + 1))
                .field(format!("{}: {col}", csv.name))
                .found(quoted(id));
            if id.is_empty() {
                diags.push(
                    d.found("an empty cell")
                        .expected(format!("the id of a row of {table}"))
                        .fix("fill in the id, or delete the row"),
                );
                return None;
            }
            let ix = ids.get(id);
            if ix.is_none() && !skip_unknown {
                let fix = match ids.suggest(id) {
                    Some(s) => format!("did you mean {s:?}? correct the id"),
                    None => format!(
                        "correct the id: the plan must be read with the scenario it was made for ({table})"
                    ),
                };
                diags.push(
                    Diagnostic {
                        code: unknown,
                        message: code::title(unknown),
                        ..d
                    }
                    .expected(format!("the id of a row of the scenario's {table}"))
                    .fix(fix),
                );
            }
            ix
        };
        let cadre = resolve(
            "cadre_id",
            cadre_id,
            &cadres,
            code::PLAN_UNKNOWN_CADRE,
            "cadres.csv",
        );
        let post = resolve(
            "post_id",
            post_id,
            &posts,
            code::PLAN_UNKNOWN_POST,
            "posts.csv",
        );
        if let (Some(cadre), Some(post)) = (cadre, post) {
            out.push(PlanRow {
                line: row.line,
                cadre,
                post,
            });
        } else {
            dropped += 1;
        }
    }
    match diags.into_error() {
        Some(e) => Err(e),
        None => Ok((out, dropped)),
    }
}
