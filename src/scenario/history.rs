//! Re-planning a programme: `programme.history` (history.csv, the executed moves) and
//! `programme.previous` (the previous programme's programme.csv), read against the scenario they
//! belong to. history.csv has the columns `cadre_id`, `post_id`, `kind` (rotation or placement),
//! `start` (the date the move was made) and, optionally, `end`; every problem is located (file,
//! line, column, field) and coded E5003 unless an id is unknown (E4002, E4003). A row dated before
//! the programme is a move of the tables' past: kept in `Replan::past` (not planned again), a
//! rotation there must be the one cadres.csv records (`rotation_end`, `rotation_start`) and gives
//! the cadre's `rotation_start` when cadres.csv has none.

use std::collections::BTreeSet;
use std::path::Path;

use super::diagnostic::{self as code, Diagnostic, Diags, LoadError, Say, Text, quoted};
use super::tables::{self, Column, CsvSpec, Ids};
use super::text::DateFormat;
use super::yaml::TableRef;
use super::{Locate, read_failure};
use crate::domain::MoveKind;
use crate::domain::{CadreIx, Date, HistoryMove, PostIx, Programme, Replan, Scenario};

const HISTORY_COLUMNS: &[Column] = &[
    ("cadre_id", true),
    ("post_id", true),
    ("kind", true),
    ("start", true),
    ("end", false),
    // Read for people, not used: a history made from programme.csv keeps them (and its period,
    // which the start says again).
    ("cadre_name", false),
    ("unit_id", false),
    ("period", false),
    ("note", false),
];

/// Strict: a misspelt column (`end_date`) is E2002, never silently unread (the end of a
/// rotation would be lost and its placement fall due at the default length).
const HISTORY: CsvSpec = CsvSpec {
    columns: HISTORY_COLUMNS,
    strict: true,
    exact_width: false,
    missing_code: code::MISSING_COLUMN,
    aliases: tables::HISTORY_ALIASES,
};

/// `sc` with `replan` filled from the history and previous tables of `programme:` (none: as is),
/// and the warnings and notes of those files (the history's separator, its dates' order).
pub(crate) fn with_replan(
    history: Option<&TableRef>,
    previous: Option<&TableRef>,
    tolerance: f64,
    dates: DateFormat,
    loc: &dyn Locate,
    mut sc: Scenario,
) -> Result<(Scenario, Vec<Diagnostic>, Vec<Text>), LoadError> {
    if sc.programme.is_none() {
        return Ok((sc, Vec::new(), Vec::new()));
    }
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    let mut replan = Replan {
        tolerance,
        as_of: sc.programme.as_ref().and_then(|p| p.replan.as_of),
        ..Replan::default()
    };
    if let Some(t) = history {
        let prog = sc.programme.as_ref();
        let (history, past, w, running_ends, n) = read_history(
            &t.path,
            t.sheet.as_deref(),
            Some((t, loc)),
            dates,
            true,
            Some(&sc),
            prog,
        )?;
        (replan.history, replan.past) = (history, past);
        warnings.extend(w);
        notes = n;
        // A running rotation ends with its executed placement's period (`link_placements`).
        if !running_ends.is_empty() {
            let cadres = std::sync::Arc::make_mut(&mut sc.cadres);
            for (c, e) in running_ends {
                if let Some(w) = cadres[c as usize].rotation_end {
                    replan.written_ends.insert(c, w);
                }
                cadres[c as usize].rotation_end = Some(e);
            }
        }
        // A move made onto a post that fell vacant earlier in the move's period (`vacant_from`,
        // or its holder's rotation ending): the model moves on period dates, so the seat is free
        // from the period's date, or the executed move could not be kept.
        let freed = freed_in_period(&sc, &replan.history);
        for &(p, _, handover) in &freed {
            // Made before the post fell vacant (its vacant_from, its holder's rotation_end):
            // two on one seat until then.
            if let Some((line, until)) = handover {
                let post = sc.post(p);
                let holder = sc
                    .programme
                    .as_ref()
                    .and_then(|prog| prog.holders.get(p as usize).copied().flatten());
                let said = match holder {
                    Some(h) => Text::say(Say::HistSeatHeld)
                        .arg("post", &post.id)
                        .arg("seats", post.seats)
                        .arg("cadre", &sc.cadre(h).id)
                        .arg("line", format!("{} rotation_end", sc.tables.cadres))
                        .arg("until", until),
                    None => Text::say(Say::HistSeatVacantFrom)
                        .arg("post", &post.id)
                        .arg("line", format!("{} vacant_from", sc.tables.posts))
                        .arg("until", until),
                };
                warnings.push(
                    Diagnostic::new(code::SEAT_HANDOVER, &t.path)
                        .at(Some(line), None)
                        .field(format!("{}: start", file_name(&t.path)))
                        .found(quoted(
                            &replan
                                .history
                                .iter()
                                .find(|h| h.line == line)
                                .map_or(String::new(), |h| h.start.to_string()),
                        ))
                        .expected(said)
                        .fix(Say::HistSeatHandoverFix),
                );
            }
        }
        if !freed.is_empty() {
            let posts = std::sync::Arc::make_mut(&mut sc.posts);
            for (p, d, _) in freed {
                let v = &mut posts[p as usize].vacant_from;
                *v = Some(v.map_or(d, |v| v.min(d)));
            }
        }
        // A rotation before the programme gives the start of the cadre's rotation when
        // cadres.csv has none (the key-head experience counts from it).
        let starts: Vec<(CadreIx, Date)> = replan
            .past
            .iter()
            .filter(|h| h.kind == MoveKind::Rotation)
            .filter(|h| sc.cadre(h.cadre).rotation_start.is_none())
            .map(|h| (h.cadre, h.start))
            .collect();
        if !starts.is_empty() {
            let cadres = std::sync::Arc::make_mut(&mut sc.cadres);
            for (c, s) in starts {
                cadres[c as usize].rotation_start = Some(s);
            }
        }
    }
    // Where the re-plan's warnings point: the history (or, without one, the scenario).
    let at = history.map_or_else(|| loc.file().to_path_buf(), |t| t.path.clone());
    // The date of the re-plan (`as_of`): the periods before the one in force then are
    // over: only executed moves are made in them, and a placement that fell due there and
    // is not in the history is planned in the first period open (the cadre stays on the
    // rotation until then), with W5003. Without it no period is over (a history may hold
    // only some of the moves made), and a history reaching past the first period says so
    // (W5004).
    if let (None, Some(prog), Some(last)) = (
        replan.as_of,
        sc.programme.as_ref(),
        replan.history.iter().max_by_key(|h| (h.start, h.line)),
    ) && last.period > 0
    {
        warnings.push(
            Diagnostic::new(code::NO_AS_OF, &at)
                .at(Some(last.line), None)
                .field(format!("{}: start", file_name(&at)))
                .found(
                    Text::say(Say::NoAsOfFound)
                        .arg("iso", last.start)
                        .arg("period", prog.periods[last.period]),
                )
                .expected(Say::NoAsOfExpected)
                .fix(Text::say(Say::NoAsOfFix).arg("iso", last.start)),
        );
    }
    if let (Some(a), Some(prog)) = (replan.as_of, sc.programme.as_ref()) {
        replan.open_from = prog.periods.iter().rposition(|&p| p <= a).unwrap_or(0);
        let o = overdue_placements(&sc, prog, &replan.history, (replan.open_from, a), &at);
        if !o.errors.is_empty() {
            return Err(LoadError {
                diagnostics: o.errors,
                warnings,
            });
        }
        warnings.extend(o.warnings);
        let open = prog.periods[replan.open_from];
        for i in o.executed {
            replan.history[i].end = Some(open);
        }
        if !o.running.is_empty() {
            let cadres = std::sync::Arc::make_mut(&mut sc.cadres);
            for (c, written) in o.running {
                // Reports show the end cadres.csv writes.
                replan.written_ends.entry(c).or_insert(written);
                cadres[c as usize].rotation_end = Some(open);
            }
        }
    }
    if let Some(t) = previous {
        if let Err(f) = super::text::check_file(&t.path) {
            return Err(LoadError {
                diagnostics: vec![read_failure(&t.path, f, Some((t, loc)))],
                warnings,
            });
        }
        let file = super::programme::read_programme_in(t, Some(loc), &sc).map_err(|mut e| {
            e.add_warnings(warnings.clone());
            e
        })?;
        replan.previous = Some(file.moves);
        warnings.extend(file.warnings);
    }
    if let Some(p) = sc.programme.as_mut() {
        p.replan = replan;
    }
    Ok((sc, warnings, notes))
}

/// The executed moves of a history.csv for a review (`rotaplan review SCENARIO HISTORY`): the
/// moves may be dated before the programme as well as inside it (the `period` of a move before
/// it is 0), every other problem is located and coded as for `programme.history`; the scenario
/// need not have a `programme:`.
pub fn read_history_file(path: &Path, sc: &Scenario) -> Result<HistoryFile, LoadError> {
    // `history.xlsx#Sheet` names a workbook's sheet.
    let r = super::yaml::table_ref(path, "history", super::locate::KeyPath::root());
    read_history(
        &r.path,
        r.sheet.as_deref(),
        None,
        DateFormat::Auto,
        false,
        Some(sc),
        sc.programme.as_ref(),
    )
    .map(|(moves, _, warnings, _, _)| HistoryFile { moves, warnings })
}

/// [`super::plan::problems_without_scenario`] of a history: what needs no table (a bad date, an
/// unknown kind, an empty cell, a missing column).
pub(super) fn problems_without_scenario(path: &Path) -> Option<LoadError> {
    let r = super::yaml::table_ref(path, "history", super::locate::KeyPath::root());
    let read = read_history(
        &r.path,
        r.sheet.as_deref(),
        None,
        DateFormat::Auto,
        false,
        None,
        None,
    );
    read.err()
}

/// A history.csv read for a review: its moves, and its warnings (W1001: read as Windows-1258).
#[derive(Debug, Clone)]
pub struct HistoryFile {
    pub moves: Vec<HistoryMove>,
    pub warnings: Vec<Diagnostic>,
}

/// Whether the moves file at `path` is a history.csv (its header has a `start` column and no
/// `period` column, or a period column and a row without its period or, under an `end` column, a
/// rotation without its end, which programme files always write) rather than a programme.csv.
/// The header is found as the tables find theirs (title rows above it skipped, Vietnamese
/// headers, a workbook's sheet); `false` when it cannot be read: reading it as a programme file
/// reports why.
pub fn is_history_file(path: &Path) -> bool {
    // Not strict: a misspelt column is told by the reader the file goes to, not here.
    const SNIFF: CsvSpec = CsvSpec {
        strict: false,
        ..HISTORY
    };
    let r = super::yaml::table_ref(path, "history", super::locate::KeyPath::root());
    let mut diags = Diags::default();
    match super::plan::read_moves_table(
        &r.path,
        (r.sheet.as_deref(), "history"),
        &SNIFF,
        None,
        &mut diags,
    ) {
        Ok(Some(csv)) if csv.column("start").is_some() => {
            // A `period` column ("Kỳ") may be there for people: rotaplan's programme files give
            // every row its period and, with an `end` column, every rotation its end; a history
            // need not.
            let ends = csv.column("end").is_some();
            csv.column("period").is_none()
                || csv.rows.iter().any(|row| {
                    let cell = |c: &str| csv.text(row, c);
                    let moved = !cell("cadre_id").is_empty() || !cell("post_id").is_empty();
                    moved
                        && (cell("period").is_empty()
                            || (ends
                                && MoveKind::parse(&cell("kind")) == Some(MoveKind::Rotation)
                                && cell("end").is_empty()))
                })
        }
        _ => false,
    }
}

/// The errors of `programme.history` while the tables have errors (#12: all errors at once):
/// its header, kinds, dates and the programme's span; the ids, and the rows of the tables' past,
/// are checked once the tables load.
pub(crate) fn errors_without_tables(
    t: &TableRef,
    dates: DateFormat,
    loc: &dyn Locate,
    programme: Option<&Programme>,
) -> Vec<Diagnostic> {
    match read_history(
        &t.path,
        t.sheet.as_deref(),
        Some((t, loc)),
        dates,
        true,
        None,
        programme,
    ) {
        Ok(_) => Vec::new(),
        Err(e) => e.all().cloned().collect(),
    }
}

/// A history.csv read: the moves inside the programme, those before it, and the file's warnings.
/// The running rotations' ends taken from the executed placements (`link_placements`) last.
type Read = (
    Vec<HistoryMove>,
    Vec<HistoryMove>,
    Vec<Diagnostic>,
    Vec<(CadreIx, Date)>,
    Vec<Text>,
);

/// `within`: the moves of `programme.history`, inside the programme (a move before it is an
/// error); otherwise any date (a review). Without the scenario (`sc`: its tables have errors),
/// only what needs no table is checked.
fn read_history(
    path: &Path,
    sheet: Option<&str>,
    named_by: Option<(&TableRef, &dyn Locate)>,
    dates: DateFormat,
    within: bool,
    sc: Option<&Scenario>,
    prog: Option<&Programme>,
) -> Result<Read, LoadError> {
    let mut diags = Diags::default();
    let empty = || LoadError {
        diagnostics: Vec::new(),
        warnings: Vec::new(),
    };
    let Some(csv) =
        super::plan::read_moves_table(path, (sheet, "history"), &HISTORY, named_by, &mut diags)?
    else {
        return Err(diags.into_error().unwrap_or_else(empty));
    };
    if HISTORY_COLUMNS
        .iter()
        .any(|(c, required)| *required && csv.column(c).is_none())
    {
        return Err(diags.into_error().unwrap_or_else(empty));
    }
    let history_file = file_name(path);
    // The scenario's own table files, for the messages (the defaults when the tables have errors).
    let names = sc.map(|sc| sc.tables.clone()).unwrap_or_default();
    if within && prog.is_none() {
        let (warnings, notes) = diags.finish()?;
        return Ok((Vec::new(), Vec::new(), warnings, Vec::new(), notes));
    }
    let cadres = sc.map(|sc| Ids::from_unique(sc.cadres.iter().map(|c| c.id.as_str())));
    let posts = sc.map(|sc| Ids::from_unique(sc.posts.iter().map(|p| p.id.as_str())));
    let hints = sc.map(super::plan::IdHints::new);
    let mark = diags.marks();
    let mut out: Vec<HistoryMove> = Vec::new();
    // The rows dated before the programme (`programme.history` only).
    let mut past: Vec<HistoryMove> = Vec::new();
    // The cadres (as written) with a row of kind rotation, read or not (a row with an error is
    // said; its placement is not said again as without a rotation).
    let mut rotation_rows: BTreeSet<String> = BTreeSet::new();
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
        // An empty cell is a missing value (E2005), not an unknown id: the fix is to fill it in.
        for (col, v, table) in [
            ("cadre_id", &c, &names.cadres),
            ("post_id", &p, &names.posts),
        ] {
            if v.is_empty() {
                diags.push(
                    here(code::MISSING_VALUE, col)
                        .found(Say::AnEmptyCell)
                        .expected(Text::say(Say::HistIdOfARow).arg("table", table))
                        .fix(Text::say(Say::HistFillId).arg("table", table)),
                );
            }
        }
        let cadre = cadres.as_ref().and_then(|ids| ids.get(&c));
        if let Some(cadres) = &cadres
            && cadre.is_none()
            && !c.is_empty()
        {
            let d = here(code::PLAN_UNKNOWN_CADRE, "cadre_id")
                .expected(Text::say(Say::HistIdOfARow).arg("table", &names.cadres));
            let fallback = Text::say(Say::HistCorrectTheId).arg("table", &names.cadres);
            let name = csv.cell(row, "cadre_name");
            diags.push(match &hints {
                Some(h) => h.fix(d, cadres, (&c, true), name, fallback),
                None => d.fix(fallback),
            });
        }
        let post = posts.as_ref().and_then(|ids| ids.get(&p));
        if let Some(posts) = &posts
            && post.is_none()
            && !p.is_empty()
        {
            let d = here(code::PLAN_UNKNOWN_POST, "post_id")
                .expected(Text::say(Say::HistIdOfARow).arg("table", &names.posts));
            let fallback = Text::say(Say::HistCorrectTheId).arg("table", &names.posts);
            diags.push(match &hints {
                Some(h) => h.fix(d, posts, (&p, false), None, fallback),
                None => d.fix(fallback),
            });
        }
        // The English words, or the Vietnamese ones the messages give beside them.
        let kind = match MoveKind::parse(&k) {
            Some(kind) => Some(kind),
            None => {
                let (id, found) = if k.is_empty() {
                    (code::MISSING_VALUE, Text::say(Say::AnEmptyCell))
                } else {
                    (code::BAD_HISTORY, Text::value(quoted(&k)))
                };
                // A transfer or an appointment is either, or neither: not for rotaplan to guess.
                let transfer = matches!(
                    crate::domain::text::fold(&k).as_str(),
                    "dieu-dong"
                        | "dieu-dong-bo-nhiem"
                        | "bo-nhiem"
                        | "chuyen-cong-tac"
                        | "biet-phai"
                        | "dieu-chuyen"
                );
                diags.push(here(id, "kind").found(found).expected(Say::HistKind).fix(
                    if transfer {
                        Say::HistTransferKind
                    } else {
                        Say::HistWriteKind
                    },
                ));
                None
            }
        };
        let date = |col: &str, _: &str, diags: &mut Diags| {
            super::tables::moves_date(&csv, row, col, dates, diags)
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
        // A placement's `end`, whatever it holds, is the one problem said below (not first a bad
        // date, then, once that is corrected, the end itself).
        let placement = kind == Some(MoveKind::Placement);
        let end = if e.is_empty() || placement {
            None
        } else {
            date("end", &e, &mut diags)
        };
        // The period the move was made in: the last one starting on or before `start`.
        let period = start.map(|d| {
            let Some(prog) = prog.filter(|_| within) else {
                // A review: any date; the period, when there is one, is the last starting on or
                // before it.
                return prog
                    .and_then(|p| p.periods.iter().rposition(|&x| x <= d))
                    .unwrap_or(0);
            };
            // Before the programme: a move of the tables' past (see below), period 0.
            let t = prog.periods.iter().rposition(|&p| p <= d).unwrap_or(0);
            if d > prog.end {
                diags.push(
                    here(code::BAD_HISTORY, "start")
                        .expected(
                            Text::say(Say::HistInsideProgramme)
                                .arg("start", prog.start)
                                .arg("end", prog.end),
                        )
                        .fix(Say::HistAfterProgramme),
                );
            } else if let Some(a) = prog.replan.as_of.filter(|&a| d > a) {
                diags.push(
                    here(code::BAD_HISTORY, "start")
                        .expected(Text::say(Say::HistAfterAsOf).arg("as_of", a))
                        .fix(Say::HistAfterAsOfFix),
                );
            }
            t
        });
        let before = within && start.is_some_and(|d| prog.is_some_and(|p| d < p.start));
        if let (Some(s), Some(e)) = (start, end)
            && e <= s
            && kind != Some(MoveKind::Placement)
        {
            diags.push(
                here(code::BAD_HISTORY, "end")
                    .expected(Text::say(Say::HistAfterStart).arg("start", s))
                    .fix(Say::HistCorrectEnd),
            );
        }
        // A placement after rotation is for good: an `end` on it would be silently unread.
        if placement && !e.is_empty() {
            diags.push(
                here(code::BAD_HISTORY, "end")
                    .expected(Say::HistPlacementNoEnd)
                    .fix(Say::HistPlacementNoEndFix),
            );
        }
        if kind == Some(MoveKind::Rotation) {
            rotation_rows.insert(c.clone());
        }
        let (Some(sc), Some(cadre), Some(post), Some(kind), Some(start), Some(period)) =
            (sc, cadre, post, kind, start, period)
        else {
            continue;
        };
        // A rotation made before the programme is the one cadres.csv records: its end is the
        // cadre's `rotation_end`, its start the `rotation_start` when one is written.
        let recorded = sc.cadre(cadre);
        let other_start = recorded.rotation_start.is_some_and(|s| s != start);
        if before
            && kind == MoveKind::Rotation
            && (recorded.rotation_end.is_none_or(|e| start >= e)
                || end.is_some_and(|e| Some(e) != recorded.rotation_end)
                || other_start)
        {
            let shown = |d: Option<Date>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
            diags.push(
                here(
                    code::BAD_HISTORY,
                    if end.is_some() && recorded.rotation_end.is_some() && !other_start {
                        "end"
                    } else {
                        "start"
                    },
                )
                .expected(
                    Text::say(Say::HistPastRotation)
                        .arg("end", shown(recorded.rotation_end))
                        .arg("start", shown(recorded.rotation_start))
                        .arg("cadres", &sc.tables.cadres),
                )
                .fix(
                    Text::say(Say::HistPastRotationFix)
                        .arg("history", &history_file)
                        .arg("cadres", &sc.tables.cadres),
                ),
            );
            continue;
        }
        let list = if before { &past } else { &out };
        // A review reads every term: a cadre rotated again after a rotation ended, or placed
        // after each, is no error; rotations whose months overlap, or two placements on one day,
        // are. A programme plans one of each.
        let min = sc.rules.min_rotation_months;
        let until = |start: Date, end: Option<Date>| {
            end.unwrap_or_else(|| {
                start
                    .checked_add_months(chrono::Months::new(min))
                    .unwrap_or(Date::MAX)
            })
        };
        let clash = |h: &&HistoryMove| {
            h.cadre == cadre
                && h.kind == kind
                && (within
                    || match kind {
                        MoveKind::Rotation => {
                            h.start < until(start, end) && start < until(h.start, h.end)
                        }
                        MoveKind::Placement => h.start == start,
                    })
        };
        if let Some(first) = list.iter().find(clash) {
            let other =
                (!within && kind == MoveKind::Rotation).then(|| until(first.start, first.end));
            diags.push(
                here(code::BAD_HISTORY, "cadre_id")
                    .expected(match other {
                        Some(to) => Text::say(Say::HistRotationsOverlap)
                            .arg("line", first.line)
                            .arg("cadre", &c)
                            .arg("start", first.start)
                            .arg("end", to),
                        None => Text::say(Say::HistOnePerCadre)
                            .text(
                                "kind",
                                Text::say(match kind {
                                    MoveKind::Rotation => Say::HistKindRotation,
                                    MoveKind::Placement => Say::HistKindPlacement,
                                }),
                            )
                            .arg("line", first.line)
                            .arg("cadre", &c),
                    })
                    .fix(Say::HistKeepOne),
            );
            continue;
        }
        // An executed rotation shorter than H4 allows: a likely slip of the pen, read as written
        // (its placement falls due on its end; the checker takes its length as a fact).
        if let (MoveKind::Rotation, Some(e)) = (kind, end)
            && e > start
        {
            let earliest = until(start, None);
            if e < earliest {
                diags.push(
                    csv.at_cell(code::SHORT_EXECUTED_ROTATION, path, row, "end")
                        .found(
                            Text::say(Say::HistShortFound)
                                .arg("end", e)
                                .arg("months", whole_months(start, e))
                                .arg("start", start),
                        )
                        .expected(
                            Text::say(Say::HistShortExpected)
                                .arg("min", min)
                                .arg("earliest", earliest),
                        )
                        .fix(Say::HistShortFix),
                );
            }
        }
        (if before { &mut past } else { &mut out }).push(HistoryMove {
            cadre,
            post,
            kind,
            start,
            end,
            written_end: end,
            period,
            line: row.line,
        });
    }
    let mut running_ends = Vec::new();
    if let (true, Some(sc), Some(prog)) = (within, sc, prog) {
        running_ends = link_placements(sc, prog, &csv, path, &mut out, &mut diags);
        seat_clashes(sc, prog, (&csv, path), &mut out, &mut diags);
    }
    if let (false, Some(sc)) = (within, sc) {
        placements_alone(sc, (&csv, path), (&out, &rotation_rows), &mut diags);
    }
    if let Some(sheet) = &csv.sheet {
        diags.in_sheet(mark, path, sheet);
    }
    let (warnings, notes) = diags.finish()?;
    out.sort_by_key(|h| (h.period, h.kind, h.cadre, h.post));
    past.sort_by_key(|h| (h.start, h.kind, h.cadre, h.post));
    Ok((out, past, warnings, running_ends, notes))
}

/// A review's placements with no rotation to follow (none of the cadre's before it in the file, no
/// `rotation_end` in cadres.csv): W5006. Counted among the placements, the outcome of no rotation;
/// in `programme.history` the same row is E5003 (`link_placements`). A cadre whose rotation row has
/// an error (`rotation_rows`: every cadre with a row of kind rotation) is left to that error; one
/// whose rotation is dated on or after the placement is told so, with its line.
fn placements_alone(
    sc: &Scenario,
    (csv, path): (&tables::Csv, &Path),
    (out, rotation_rows): (&[HistoryMove], &BTreeSet<String>),
    diags: &mut Diags,
) {
    let of_cadre = index_by(out, |h| h.cadre);
    for pl in out.iter().filter(|h| h.kind == MoveKind::Placement) {
        let cadre = sc.cadre(pl.cadre);
        let rotations: Vec<&HistoryMove> = of_cadre
            .get(&pl.cadre)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&j| &out[j])
            .filter(|h| h.kind == MoveKind::Rotation)
            .collect();
        if rotations.iter().any(|r| r.start < pl.start) || cadre.rotation_end.is_some() {
            continue;
        }
        let later = rotations.iter().min_by_key(|r| (r.start, r.line));
        if later.is_none() && rotation_rows.contains(&cadre.id) {
            continue;
        }
        let Ok(at) = csv.rows.binary_search_by_key(&pl.line, |r| r.line) else {
            continue;
        };
        let d = csv
            .at_cell(code::REVIEW_PLACEMENT_ALONE, path, &csv.rows[at], "start")
            .found(quoted(&pl.start.to_string()));
        diags.push(match later {
            Some(r) => d
                .expected(
                    Text::say(Say::HistReviewRotationNotBefore)
                        .arg("cadre", &cadre.id)
                        .arg("line", r.line)
                        .arg("start", r.start),
                )
                .fix(Say::HistReviewRotationNotBeforeFix),
            None => d
                .expected(
                    Text::say(Say::HistPlacementWithoutRotation)
                        .arg("cadre", &cadre.id)
                        .arg("cadres", &sc.tables.cadres),
                )
                .fix(Say::HistReviewPlacementWithoutRotationFix),
        });
    }
}

/// Each executed placement (inside the programme) linked to the rotation it follows: the cadre's
/// executed rotation inside the programme, or the one cadres.csv records (`rotation_end`). None,
/// or one in the placement's period or later, is E5003 (the programme could keep neither).
///
/// Real moves are dated inside their periods (a rotation ending 2030-03-31, its placement made
/// 2030-04-01), while a planned placement falls due on the first period date on or after the
/// rotation's end (2031-01-01 with yearly periods): the executed placement is a fact, so the
/// rotation is taken to end with the placement's period (its `end` there; for the running one,
/// the cadre's `rotation_end`, returned). A placement before `min_rotation_months` is W5001.
fn link_placements(
    sc: &Scenario,
    prog: &Programme,
    csv: &tables::Csv,
    path: &Path,
    out: &mut [HistoryMove],
    diags: &mut Diags,
) -> Vec<(CadreIx, Date)> {
    let mut running_ends = Vec::new();
    let placements: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].kind == MoveKind::Placement)
        .collect();
    let min = sc.rules.min_rotation_months;
    // A rotation after the cadre's placement: the programme moves a cadre once, and after a
    // rotation ending inside it places them; it plans no rotation after that (P2), so it could
    // keep neither (the note would say only that no seat is free).
    let of_cadre = index_by(out, |h| h.cadre);
    let mine = |c: CadreIx| of_cadre.get(&c).map_or(&[][..], Vec::as_slice);
    for h in out.iter().filter(|h| h.kind == MoveKind::Rotation) {
        let Some(pl) = mine(h.cadre)
            .iter()
            .map(|&j| &out[j])
            .find(|x| x.kind == MoveKind::Placement && x.start < h.start)
        else {
            continue;
        };
        let Ok(at) = csv.rows.binary_search_by_key(&h.line, |r| r.line) else {
            continue;
        };
        diags.push(
            csv.at_cell(code::BAD_HISTORY, path, &csv.rows[at], "start")
                .found(quoted(&h.start.to_string()))
                .expected(Text::say(Say::HistRotationAfterPlacement).arg("line", pl.line))
                .fix(Say::HistRotationAfterPlacementFix),
        );
    }
    for i in placements {
        let pl = out[i].clone();
        // The rows are in line order.
        let Ok(at) = csv.rows.binary_search_by_key(&pl.line, |r| r.line) else {
            continue;
        };
        let row = &csv.rows[at];
        let here = |code| {
            csv.at_cell(code, path, row, "start")
                .found(quoted(&pl.start.to_string()))
        };
        let cadre = sc.cadre(pl.cadre);
        // The executed rotation made before the placement; without one, the running rotation
        // (a rotation after the placement is not the one it follows: that is E5003 on the
        // rotation's row, and without a running one this placement has none to follow).
        let rotation = mine(pl.cadre)
            .iter()
            .copied()
            .find(|&j| out[j].kind == MoveKind::Rotation && out[j].start < pl.start);
        // The rotation's start and its end as the history or cadres.csv write it.
        let (start, end) = match rotation {
            Some(r) => {
                let h = &out[r];
                if h.period >= pl.period {
                    diags.push(
                        here(code::BAD_HISTORY)
                            .expected(
                                Text::say(Say::HistPlacementAfterRotation)
                                    .arg("line", h.line)
                                    .arg("start", h.start)
                                    .arg("next", shown_period(prog, h.period + 1)),
                            )
                            .fix(Say::HistPlacementAfterRotationFix),
                    );
                    continue;
                }
                (Some(h.start), h.rotation_end(min))
            }
            None => match cadre.rotation_end {
                Some(e) => (cadre.rotation_start, e),
                None => {
                    diags.push(
                        here(code::BAD_HISTORY)
                            .expected(
                                Text::say(Say::HistPlacementWithoutRotation)
                                    .arg("cadre", &cadre.id)
                                    .arg("cadres", &sc.tables.cadres),
                            )
                            .fix(
                                Text::say(Say::HistPlacementWithoutRotationFix)
                                    .arg("cadres", &sc.tables.cadres),
                            ),
                    );
                    continue;
                }
            },
        };
        // Placed before the end the history or cadres.csv writes: the rotation is cut short.
        let written_end = match rotation {
            Some(r) => out[r].end,
            None => Some(end),
        };
        if let Some(e) = written_end.filter(|&e| pl.start < e) {
            diags.push(
                here(code::SHORT_EXECUTED_ROTATION)
                    .found(Text::say(Say::HistPlacedBeforeEndFound).arg("date", pl.start))
                    .expected(
                        Text::say(Say::HistPlacedBeforeEndExpected)
                            .arg("end", e)
                            .arg(
                                "where",
                                match rotation {
                                    Some(r) => format!("{}:{}", file_name(path), out[r].line),
                                    None => format!("{} rotation_end", sc.tables.cadres),
                                },
                            ),
                    )
                    .fix(Say::HistShortPlacementFix),
            );
        }
        // Placed before the rotation's `min_rotation_months` (no written end said so already).
        if let Some(s) = start
            && rotation.is_some_and(|r| out[r].end.is_none())
        {
            let earliest = s
                .checked_add_months(chrono::Months::new(min))
                .unwrap_or(Date::MAX);
            if pl.start < earliest {
                diags.push(
                    here(code::SHORT_EXECUTED_ROTATION)
                        .found(
                            Text::say(Say::HistShortPlacementFound)
                                .arg("date", pl.start)
                                .arg("months", whole_months(s, pl.start))
                                .arg("start", s),
                        )
                        .expected(
                            Text::say(Say::HistShortPlacementExpected)
                                .arg("min", min)
                                .arg("earliest", earliest),
                        )
                        .fix(Say::HistShortPlacementFix),
                );
            }
        }
        if end >= sc.plan_date && prog.period_on_or_after(end) == Some(pl.period) {
            continue;
        }
        let ends = prog.periods[pl.period];
        match rotation {
            Some(r) => out[r].end = Some(ends),
            None => running_ends.push((pl.cadre, ends)),
        }
    }
    running_ends
}

/// Executed moves onto a post whose seats are all held on the move's date by another executed
/// move or by the holder leaving it by one, on the real dates. The one who leaves inside the
/// arrival's period is a likely handover (the model moves on the period's date, where the seat is
/// free): warning W5002. An executed rotation that ends inside the arrival's period, before or
/// after it, is taken to end with that period (its post free from the period's date, as for a
/// placement made in it), or the model could not keep both. One who stays past the period makes
/// the history impossible: E5003 on the arrival, naming the other's line.
fn seat_clashes(
    sc: &Scenario,
    prog: &Programme,
    (csv, path): (&tables::Csv, &Path),
    out: &mut [HistoryMove],
    diags: &mut Diags,
) {
    let min = sc.rules.min_rotation_months;
    let (of_cadre, of_post) = (index_by(out, |h| h.cadre), index_by(out, |h| h.post));
    let mine = |c: CadreIx| of_cadre.get(&c).map_or(&[][..], Vec::as_slice);
    // When the cadre of move `i` leaves its post, on the real dates: its next executed move, or
    // a rotation's written end (`min_rotation_months` after its start without one).
    let leaves = |out: &[HistoryMove], i: usize| {
        let h = &out[i];
        let next = mine(h.cadre)
            .iter()
            .map(|&j| &out[j])
            .filter(|o| o.start > h.start)
            .map(|o| o.start)
            .min();
        let own = match h.kind {
            MoveKind::Rotation => h.written_end.unwrap_or_else(|| {
                HistoryMove {
                    end: None,
                    ..h.clone()
                }
                .rotation_end(min)
            }),
            MoveKind::Placement => Date::MAX,
        };
        next.map_or(own, |n| n.min(own))
    };
    // Whether executed rotation `i` can be taken to end with period `t` (the model holds a
    // rotation's post until its placement's period): it began in an earlier period, and no
    // executed placement of its cadre comes in a later period than `t`.
    let placed_after = |out: &[HistoryMove], i: usize, t: usize| {
        mine(out[i].cadre)
            .iter()
            .copied()
            .find(|&j| out[j].kind == MoveKind::Placement && out[j].period > t)
    };
    let cuttable = |out: &[HistoryMove], i: usize, t: usize| {
        out[i].period < t && placed_after(out, i, t).is_none()
    };
    // A row named in a message: `history.csv:5`, or a workbook's `Lịch sử!5:5` (its row).
    let row_name = |line: usize| match &csv.sheet {
        Some(sheet) => format!("{sheet}!{line}:{line}"),
        None => format!("{}:{line}", file_name(path)),
    };
    let mut arrivals: Vec<usize> = (0..out.len()).collect();
    arrivals.sort_by_key(|&i| (out[i].post, out[i].start, out[i].line));
    let mut snaps: Vec<(usize, Date)> = Vec::new();
    for &b in &arrivals {
        let (post, start, t) = (out[b].post, out[b].start, out[b].period);
        let seats = sc.post(post).seats.max(1) as usize;
        let Ok(at) = csv.rows.binary_search_by_key(&out[b].line, |r| r.line) else {
            continue;
        };
        let row = &csv.rows[at];
        // Who else holds the post on `start`: (the move, or None for the holder; cadre; until).
        let mut others: Vec<(Option<usize>, CadreIx, Date)> = Vec::new();
        // The holder, when an executed move takes them away after this arrival.
        if let Some(h) = prog.holders.get(post as usize).copied().flatten()
            && h != out[b].cadre
            && let Some(gone) = mine(h)
                .iter()
                .map(|&j| &out[j])
                .filter(|o| o.post != post)
                .map(|o| o.start)
                .min()
            && gone > start
        {
            others.push((None, h, gone));
        }
        // Executed rotations on the post gone before this arrival but inside its period: the
        // model (moves on the period's date) holds the seat there unless they end with it.
        let mut gone_inside: Vec<usize> = Vec::new();
        for &i in of_post.get(&post).map_or(&[][..], Vec::as_slice) {
            let o = &out[i];
            if i != b && o.cadre != out[b].cadre && o.start <= start {
                let until = leaves(out, i);
                if until > start {
                    others.push((Some(i), o.cadre, until));
                } else if o.kind == MoveKind::Rotation && o.rotation_end(min) > prog.periods[t] {
                    gone_inside.push(i);
                }
            }
        }
        // A seat is free once enough of the others have left: the first of them to leave
        // decides on a post of several seats.
        let blocking = if others.len() >= seats {
            others.sort_by_key(|x| (x.2, x.0));
            Some(others[others.len() - seats])
        } else {
            None
        };
        let next = prog.periods.get(t + 1).copied().unwrap_or(Date::MAX);
        let handover = blocking.is_some_and(|(_, _, until)| until < next);
        // The rotations the model must take to end with this period for the arrival to hold.
        let mut cut: Vec<usize> = gone_inside;
        if let Some((Some(i), _, _)) = blocking.filter(|_| handover)
            && out[i].kind == MoveKind::Rotation
            && out[i].rotation_end(min) > prog.periods[t]
        {
            cut.push(i);
        }
        let mut refused = false;
        for &i in &cut {
            if cuttable(out, i, t) {
                snaps.push((i, prog.periods[t]));
                continue;
            }
            // Not representable: a rotation and its successor on the post in one period, or a
            // rotation whose executed placement comes after the period its successor arrives in.
            let placed_later = placed_after(out, i, t).map(|j| &out[j]);
            let said = match placed_later {
                Some(pl) => Text::say(Say::HistSeatCutPlacedLater)
                    .arg("cadre", &sc.cadre(out[i].cadre).id)
                    .arg("line", row_name(out[i].line))
                    .arg("placement", row_name(pl.line))
                    .arg("post", &sc.post(post).id),
                None => Text::say(Say::HistSeatCutSamePeriod)
                    .arg("cadre", &sc.cadre(out[i].cadre).id)
                    .arg("line", row_name(out[i].line))
                    .arg("post", &sc.post(post).id)
                    .arg("period", prog.periods[t]),
            };
            diags.push(
                csv.at_cell(code::BAD_HISTORY, path, row, "start")
                    .found(quoted(&start.to_string()))
                    .expected(said)
                    .fix(Say::HistSeatCutFix),
            );
            refused = true;
        }
        let Some((who, cadre, until)) = blocking else {
            continue;
        };
        if refused {
            continue;
        }
        let said = Text::say(Say::HistSeatHeld)
            .arg("post", &sc.post(post).id)
            .arg("seats", seats)
            .arg("cadre", &sc.cadre(cadre).id)
            .arg(
                "line",
                who.map_or_else(
                    || format!("{} holder_id", sc.tables.posts),
                    |i| row_name(out[i].line),
                ),
            )
            .arg(
                "until",
                if until == Date::MAX {
                    "—".to_string()
                } else {
                    until.to_string()
                },
            );
        if handover {
            diags.push(
                csv.at_cell(code::SEAT_HANDOVER, path, row, "start")
                    .found(quoted(&start.to_string()))
                    .expected(said)
                    .fix(Say::HistSeatHandoverFix),
            );
        } else {
            diags.push(
                csv.at_cell(code::BAD_HISTORY, path, row, "start")
                    .found(quoted(&start.to_string()))
                    .expected(said)
                    .fix(Say::HistSeatHeldFix),
            );
        }
    }
    for (i, d) in snaps {
        out[i].end = Some(out[i].end.map_or(d, |e| e.min(d)));
    }
}

/// The rotations whose placement fell due in a period over on the re-plan's date `as_of` (before
/// `open_from`) with none in the history: the executed ones (indices into `history`) and the
/// running ones of cadres.csv (cadres), each with warning W5003. Their placement is planned in
/// the first period open: the cadre stays on the rotation until then. A cadre retired by then is
/// due none (as in `programme::running`) and gets no warning.
fn overdue_placements(
    sc: &Scenario,
    prog: &Programme,
    history: &[HistoryMove],
    (open_from, as_of): (usize, Date),
    path: &Path,
) -> Overdue {
    let mut o = Overdue::default();
    if open_from == 0 {
        return o;
    }
    let min = sc.rules.min_rotation_months;
    let open = prog.periods[open_from];
    let kinds_of = |k: MoveKind| -> std::collections::BTreeSet<CadreIx> {
        history
            .iter()
            .filter(|h| h.kind == k)
            .map(|h| h.cadre)
            .collect()
    };
    let (placed_set, rotated_set) = (kinds_of(MoveKind::Placement), kinds_of(MoveKind::Rotation));
    let placed = |c: CadreIx| placed_set.contains(&c);
    // A cadre retired before the first open period is due no placement there (as
    // `programme::running` decides once the end is moved there): nothing is planned, so no
    // warning.
    let retired = |c: CadreIx| {
        let cadre = sc.cadre(c);
        sc.rules
            .roadmap(cadre.sex)
            .retirement_date(cadre.birth_date)
            .is_some_and(|r| r < open)
    };
    let of_post = index_by(history, |h| h.post);
    let overdue = |end: Date| {
        prog.period_on_or_after(end)
            .filter(|&due| due < open_from)
            .map(|due| prog.periods[due])
    };
    let found = |c: CadreIx, end: Date, due: Date| {
        Text::say(Say::OverduePlacementFound)
            .arg("cadre", &sc.cadre(c).id)
            .arg("end", end)
            .arg("due", due)
            .arg("as_of", as_of)
    };
    let warn = |c: CadreIx, end: Date, due: Date| {
        Diagnostic::new(code::OVERDUE_PLACEMENT, path)
            .found(found(c, end, due))
            .expected(Text::say(Say::OverduePlacementExpected).arg("due", due))
            .fix(Text::say(Say::OverduePlacementFix).arg("open", open))
    };
    // The post each holder holds (posts.csv holder_id).
    let holder_of: std::collections::BTreeMap<CadreIx, usize> = prog
        .holders
        .iter()
        .enumerate()
        .filter_map(|(p, h)| Some(((*h)?, p)))
        .collect();
    // An executed move of another cadre onto the rotation's post after its end: the cadre left
    // it, so it cannot be taken to stay there until the first open period; the placement
    // missing from the history is then an error naming both rows.
    let taken_after = |c: CadreIx, p: PostIx, end: Date| {
        of_post
            .get(&p)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&j| &history[j])
            .find(|x| x.cadre != c && x.start >= end)
    };
    let left = |c: CadreIx, p: PostIx, end: Date, due: Date, line: Option<usize>| {
        taken_after(c, p, end).map(|x| {
            Diagnostic::new(code::BAD_HISTORY, path)
                .at(line.or(Some(x.line)), None)
                .field(format!("{}: start", file_name(path)))
                .found(found(c, end, due))
                .expected(
                    Text::say(Say::OverdueLeftExpected)
                        .arg("other", &sc.cadre(x.cadre).id)
                        .arg("post", &sc.post(p).id)
                        .arg("date", x.start)
                        .arg("line", x.line),
                )
                .fix(Say::OverdueLeftFix)
        })
    };
    for (i, h) in history.iter().enumerate() {
        if h.kind != MoveKind::Rotation || placed(h.cadre) {
            continue;
        }
        let end = h.rotation_end(min);
        if let Some(due) = overdue(end) {
            if let Some(e) = left(h.cadre, h.post, end, due, Some(h.line)) {
                o.errors.push(e);
                continue;
            }
            if !retired(h.cadre) {
                let d = warn(h.cadre, end, due)
                    .at(Some(h.line), None)
                    .field(format!("{}: end", file_name(path)));
                o.warnings.push(d);
            }
            o.executed.push(i);
        }
    }
    for c in 0..sc.cadres.len() as CadreIx {
        let Some(end) = sc.running_rotation_end(c) else {
            continue;
        };
        if rotated_set.contains(&c) || placed(c) {
            continue;
        }
        if let Some(due) = overdue(end) {
            // The post the cadre holds on the rotation (posts.csv holder_id), if any.
            let held = holder_of.get(&c).copied();
            if let Some(e) = held.and_then(|p| left(c, p as PostIx, end, due, None)) {
                o.errors.push(e);
                continue;
            }
            // The history is what lacks the placement; the end is cadres.csv's.
            if !retired(c) {
                o.warnings
                    .push(warn(c, end, due).field(format!("{}: rotation_end", sc.tables.cadres)));
            }
            o.running.push((c, end));
        }
    }
    o
}

/// What [`overdue_placements`] found: the executed rotations (indices into the history) and the
/// running ones (cadre, cadres.csv's end) taken to run until the first open period, W5003 for
/// each, and E5003 for those whose post another executed move took after their end.
#[derive(Default)]
struct Overdue {
    executed: Vec<usize>,
    running: Vec<(CadreIx, Date)>,
    warnings: Vec<Diagnostic>,
    errors: Vec<Diagnostic>,
}

/// A post an executed move took in a period it fell vacant in, with the period's date; when it
/// fell vacant after the move's own date (a handover), the move's line and that date (W5002).
type Freed = (PostIx, Date, Option<(usize, Date)>);

/// The posts executed moves of `history` took inside the period they fell vacant in (`Freed`).
fn freed_in_period(sc: &Scenario, history: &[HistoryMove]) -> Vec<Freed> {
    let Some(prog) = sc.programme.as_ref() else {
        return Vec::new();
    };
    history
        .iter()
        .filter_map(|h| {
            let at = prog.periods[h.period];
            let holder_end = prog
                .holders
                .get(h.post as usize)
                .copied()
                .flatten()
                .and_then(|c| sc.running_rotation_end(c));
            let until = [sc.post(h.post).vacant_from, holder_end]
                .into_iter()
                .flatten()
                .min()?;
            let next = prog.periods.get(h.period + 1).copied().unwrap_or(Date::MAX);
            let handover = (until > h.start).then_some((h.line, until));
            (until > at && until < next).then_some((h.post, at, handover))
        })
        .collect()
}

/// The indices of `moves` by cadre (or by post, with `key`), in order: the lookups of one
/// history's rows among themselves stay linear in its size.
fn index_by<K: Ord>(
    moves: &[HistoryMove],
    key: impl Fn(&HistoryMove) -> K,
) -> std::collections::BTreeMap<K, Vec<usize>> {
    let mut out: std::collections::BTreeMap<K, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, h) in moves.iter().enumerate() {
        out.entry(key(h)).or_default().push(i);
    }
    out
}

/// The file name of `path`, for a message.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A period's date for a message (after the last: the programme's end).
fn shown_period(prog: &Programme, t: usize) -> String {
    prog.periods
        .get(t)
        .map_or_else(|| prog.end.to_string(), |d| d.to_string())
}

/// Whole months from `a` to `b` (`b` after `a`): a month counts once its day is reached.
fn whole_months(a: Date, b: Date) -> i64 {
    use chrono::Datelike;
    let m = (i64::from(b.year()) - i64::from(a.year())) * 12 + i64::from(b.month())
        - i64::from(a.month());
    if b.day() < a.day() { m - 1 } else { m }
}
