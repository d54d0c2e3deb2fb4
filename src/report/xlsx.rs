//! Workbooks for people who work in spreadsheets: `plan.xlsx` (the plan, the unfilled posts with
//! their reasons, the summary KPIs, one row per unit) and `comparison.xlsx`. Cells carry their
//! types (dates as dates, numbers as numbers, shares as percentages), the header row is frozen,
//! every sheet has an autofilter and its columns are sized to their content. In English the sheet
//! names and headers are the ids of plan.csv and unfilled.csv; in Vietnamese (plan.xlsx is for
//! people) they are words ("Phương án", "Mã cán bộ"), as are the yes/no cells ("Có"/"Không"), the
//! kind of an empty post and the training gains. Either reads back with `rotaplan check` (the plan
//! reader takes "Mã cán bộ", "Mã vị trí"); plan.csv and plan.json keep their ids in every language.
//!
//! The bytes are the same for the same plan: the workbook's creation time is the plan date (the
//! zip entries already carry a fixed time).

use super::catalogue::{Msg, t, term};
use super::num;
use crate::compare::{Better, Comparison};
use crate::domain::Lang;
use crate::plan::Plan;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::collections::BTreeMap;

/// The catalogue message of a label key of this module.
fn label_msg(key: &str) -> Option<Msg> {
    Some(match key {
        "kpi" => Msg::XlsxKpi,
        "value" => Msg::XlsxValue,
        "scenario" => Msg::XlsxScenario,
        "plan_date" => Msg::XlsxPlanDate,
        "rule_set" => Msg::XlsxRuleSet,
        "status" => Msg::XlsxStatus,
        "objective" => Msg::LabelObjective,
        "bound" => Msg::LabelBound,
        "gap" => Msg::LabelGap,
        "posts" => Msg::XlsxPosts,
        "posts_filled" => Msg::LabelPostsFilled,
        "seats" => Msg::XlsxSeats,
        "seats_filled" => Msg::XlsxSeatsFilled,
        "must_fill_posts" => Msg::XlsxMustFillPosts,
        "must_fill_filled" => Msg::XlsxMustFillFilled,
        "shortage_posts" => Msg::XlsxShortagePosts,
        "shortage_filled" => Msg::XlsxShortageFilled,
        "moves" => Msg::XlsxMoves,
        "women_share" => Msg::XlsxWomenShare,
        "young_share" => Msg::XlsxYoungShare,
        "minority_share" => Msg::XlsxMinorityShare,
        "extra_seats_used" => Msg::XlsxExtraSeatsUsed,
        "training_coverage" => Msg::XlsxTrainingCoverage,
        "unit_id" => Msg::CsvUnitId,
        "unit_name" => Msg::ColUnit,
        "cadres_in" => Msg::XlsxCadresIn,
        "cadres_out" => Msg::XlsxCadresOut,
        "posts_unfilled" => Msg::XlsxPostsUnfilled,
        "empty_seats" => Msg::XlsxEmptySeats,
        "must_fill_empty" => Msg::XlsxMustFillEmpty,
        "start_date" => Msg::XlsxStartDate,
        _ => return None,
    })
}

/// The label of `key` in `lang` (the key itself when it has none).
fn label(lang: Lang, key: &str) -> &str {
    label_msg(key).map_or(key, |m| t(lang, m))
}

/// The header of plan.xlsx's columns `ids` in `lang`: the ids themselves in English (those of
/// plan.csv and unfilled.csv), their labels with a capital in Vietnamese ("Mã cán bộ", which the
/// plan reader takes for `cadre_id`, so the workbook still reads back with `check`).
fn header_in(lang: Lang, ids: &[&str]) -> Vec<String> {
    ids.iter()
        .map(|&id| match lang {
            Lang::En => id.to_string(),
            Lang::Vi => {
                let words = match id {
                    "kpi" => t(lang, Msg::XlsxKpiId).to_string(),
                    "label" => t(lang, Msg::XlsxKpi).to_string(),
                    id => {
                        let l = super::catalogue::column_label(lang, id);
                        if l == id {
                            label(lang, id).to_string()
                        } else {
                            l
                        }
                    }
                };
                capital(&words)
            }
        })
        .collect()
}

/// `s` with its first letter a capital.
fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A yes/no cell: a boolean in English (TRUE/FALSE, as plan.csv), "Có"/"Không" in Vietnamese.
fn yes_no(lang: Lang, b: bool) -> Cell {
    match lang {
        Lang::En => Cell::Bool(b),
        Lang::Vi => Cell::text(t(lang, if b { Msg::XlsxYes } else { Msg::XlsxNo })),
    }
}

/// Why a post is empty (`kind`): the id in English, in words in Vietnamese.
fn kind_in(lang: Lang, kind: crate::plan::UnfilledKind) -> Cell {
    use crate::plan::UnfilledKind as K;
    if lang == Lang::En {
        return Cell::text(kind.as_str());
    }
    Cell::text(t(
        lang,
        match kind {
            K::NoEligibleCadre => Msg::XlsxKindNoEligibleCadre,
            K::EligibleUsedElsewhere => Msg::XlsxKindEligibleUsedElsewhere,
            K::SideConstraint => Msg::XlsxKindSideConstraint,
            K::ObjectiveOrder => Msg::XlsxKindObjectiveOrder,
            K::NotWorthAMove => Msg::XlsxKindNotWorthAMove,
            K::SolverStopped => Msg::XlsxKindSolverStopped,
            K::NoPlan => Msg::XlsxKindNoPlan,
        },
    ))
}

/// A typed cell.
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Num(f64),
    /// A share 0..1, shown as a percentage.
    Pct(f64),
    Bool(bool),
    Date(crate::domain::Date),
    Empty,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    fn opt(x: Option<f64>) -> Cell {
        x.map_or(Cell::Empty, Cell::Num)
    }
    /// Characters it takes on screen, for the column width.
    fn width(&self) -> usize {
        match self {
            Cell::Text(s) => s.chars().count(),
            Cell::Num(x) => num(*x).len(),
            Cell::Pct(_) => 7,
            Cell::Bool(_) => 5,
            Cell::Date(_) => 10,
            Cell::Empty => 0,
        }
    }
}

struct Formats {
    head: Format,
    date: Format,
    pct: Format,
    num: Format,
}

fn excel_date(d: crate::domain::Date) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// The most characters a cell holds (Excel's limit, in UTF-16 units).
const EXCEL_CELL_CHARS: usize = 32_767;

/// `s` as a cell can hold it: a longer text (a scenario's 40,000-character name) is cut, with
/// "…" at the end, where it made the whole workbook, and with it the plan, fail to write.
fn excel_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= EXCEL_CELL_CHARS {
        return s.into();
    }
    let mut units = 0;
    let mut out = String::new();
    for ch in s.chars() {
        units += ch.len_utf16();
        if units > EXCEL_CELL_CHARS - 1 {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out.into()
}

/// One sheet: a header of column ids, typed rows, the header frozen, an autofilter, widths fitted.
fn sheet(
    ws: &mut Worksheet,
    name: &str,
    header: &[impl AsRef<str>],
    rows: &[Vec<Cell>],
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let mut widths: Vec<usize> = header.iter().map(|h| h.as_ref().chars().count()).collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, excel_text(h.as_ref()), &f.head)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            if c < widths.len() {
                widths[c] = widths[c].max(cell.width());
            }
            match cell {
                Cell::Text(s) => {
                    ws.write_string(r, col, excel_text(s))?;
                }
                Cell::Num(x) => {
                    ws.write_number_with_format(r, col, *x, &f.num)?;
                }
                Cell::Pct(x) => {
                    ws.write_number_with_format(r, col, *x, &f.pct)?;
                }
                Cell::Bool(b) => {
                    ws.write_boolean(r, col, *b)?;
                }
                Cell::Date(d) => {
                    ws.write_date_with_format(r, col, &excel_date(*d)?, &f.date)?;
                }
                Cell::Empty => {}
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(6, 60) as f64 + 2.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = header.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, rows.len() as u32, last_col)?;
    Ok(())
}

fn workbook(date: crate::domain::Date, lang: Lang) -> Result<(Workbook, Formats), XlsxError> {
    let mut wb = Workbook::new();
    // A fixed creation time: the same plan gives the same bytes.
    wb.set_properties(&DocProperties::new().set_creation_datetime(&excel_date(date)?));
    let f = Formats {
        head: Format::new().set_bold(),
        // Dates as the language writes them (they stay dates: Excel sorts and filters them).
        date: Format::new().set_num_format(match lang {
            Lang::En => "yyyy-mm-dd",
            Lang::Vi => "dd/mm/yyyy",
        }),
        pct: Format::new().set_num_format("0.0%"),
        num: Format::new().set_num_format("General"),
    };
    Ok((wb, f))
}

/// `plan.xlsx` (the labels of the KPIs in `lang`): sheets `plan` (plan.csv's columns, typed, and the rotation's start date),
/// `unfilled` (unfilled.csv's columns), `summary` (the KPIs) and `units` (one row per unit:
/// cadres received and sent, posts filled and left empty).
pub fn plan_xlsx(plan: &Plan, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let (mut wb, f) = workbook(plan.plan_date, lang)?;
    // The plan.
    let mut header = super::assignment_columns();
    header.push("start_date");
    let rows: Vec<Vec<Cell>> = plan
        .assignments
        .iter()
        .map(|a| {
            let mut row = vec![
                Cell::text(&a.cadre_id),
                Cell::text(&a.cadre_name),
                Cell::text(&a.post_id),
                Cell::text(&a.post_title),
                Cell::text(&a.unit_id),
                Cell::text(&a.unit_name),
                a.from_unit.as_ref().map_or(Cell::Empty, Cell::text),
                yes_no(lang, a.pinned),
                yes_no(lang, a.extra_seat),
            ];
            row.extend(a.terms.named().map(|(_, x)| Cell::Num(x)));
            row.push(Cell::Num(a.score));
            row.push(Cell::text(match lang {
                Lang::En => super::gain_ids(a),
                Lang::Vi => a
                    .training
                    .iter()
                    .map(|g| super::explain::gain_words(*g, lang))
                    .collect::<Vec<_>>()
                    .join("; "),
            }));
            row.push(Cell::Date(plan.plan_date));
            row
        })
        .collect();
    let name = |m: Msg| t(lang, m);
    sheet(
        wb.add_worksheet(),
        name(Msg::XlsxSheetPlan),
        &header_in(lang, &header),
        &rows,
        &f,
    )?;
    // The posts left empty, with their reasons.
    let rows: Vec<Vec<Cell>> = plan
        .unfilled
        .iter()
        .map(|u| {
            vec![
                Cell::text(&u.post_id),
                Cell::text(&u.post_title),
                Cell::text(&u.unit_id),
                Cell::Num(u.empty_seats as f64),
                yes_no(lang, u.must_fill),
                kind_in(lang, u.kind),
                u.top_rule
                    .map_or(Cell::Empty, |r| Cell::text(r.to_string())),
                Cell::text(super::findings::finding(lang, &u.reason)),
            ]
        })
        .collect();
    sheet(
        wb.add_worksheet(),
        name(Msg::XlsxSheetUnfilled),
        &header_in(lang, super::UNFILLED_COLUMNS),
        &rows,
        &f,
    )?;
    // The KPIs.
    let k = &plan.kpis;
    let s = &plan.solver;
    let kpi = |key: &str, v: Cell| vec![Cell::text(key), Cell::text(label(lang, key)), v];
    // A share of no moves is none: an empty cell, as plan.md writes "—", not 0.0 %.
    let share = |x: f64| {
        if k.moves == 0 {
            Cell::Empty
        } else {
            Cell::Pct(x)
        }
    };
    let rows = vec![
        kpi("scenario", Cell::text(&plan.scenario)),
        kpi("plan_date", Cell::Date(plan.plan_date)),
        kpi("rule_set", Cell::text(&plan.rule_set)),
        kpi(
            "status",
            Cell::text(super::catalogue::status_id(lang, s.status.as_str())),
        ),
        kpi("objective", Cell::opt(s.objective)),
        kpi("bound", Cell::opt(s.bound)),
        kpi("gap", s.gap.map_or(Cell::Empty, Cell::Pct)),
        kpi("posts", Cell::Num(k.posts as f64)),
        kpi("posts_filled", Cell::Num(k.posts_filled as f64)),
        kpi("seats", Cell::Num(k.seats as f64)),
        kpi("seats_filled", Cell::Num(k.seats_filled as f64)),
        kpi("must_fill_posts", Cell::Num(k.must_fill_posts as f64)),
        kpi("must_fill_filled", Cell::Num(k.must_fill_filled as f64)),
        kpi("shortage_posts", Cell::Num(k.shortage_posts as f64)),
        kpi("shortage_filled", Cell::Num(k.shortage_filled as f64)),
        kpi("moves", Cell::Num(k.moves as f64)),
        kpi("women_share", share(k.women_share)),
        kpi("young_share", share(k.young_share)),
        kpi("minority_share", share(k.minority_share)),
        kpi("extra_seats_used", Cell::Num(k.extra_seats_used as f64)),
        kpi("training_coverage", share(k.training_coverage)),
    ];
    let mut rows = rows;
    for (name, x) in plan.objective.terms.named() {
        rows.push(vec![
            Cell::text(name),
            Cell::text(term(lang, name)),
            Cell::Num(x),
        ]);
    }
    sheet(
        wb.add_worksheet(),
        name(Msg::XlsxSheetSummary),
        &header_in(lang, &["kpi", "label", "value"]),
        &rows,
        &f,
    )?;
    // One row per unit that receives, sends, or keeps an empty post.
    #[derive(Default)]
    struct U {
        name: String,
        cadres_in: usize,
        cadres_out: usize,
        posts_filled: std::collections::BTreeSet<String>,
        posts_unfilled: usize,
        empty_seats: u32,
        must_fill_empty: usize,
    }
    let mut units: BTreeMap<String, U> = BTreeMap::new();
    for a in &plan.assignments {
        let u = units.entry(a.unit_id.clone()).or_default();
        u.name = a.unit_name.clone();
        u.cadres_in += 1;
        u.posts_filled.insert(a.post_id.clone());
        if let Some(from) = &a.from_unit {
            units.entry(from.clone()).or_default().cadres_out += 1;
        }
    }
    for x in &plan.unfilled {
        let u = units.entry(x.unit_id.clone()).or_default();
        u.posts_unfilled += 1;
        u.empty_seats += x.empty_seats;
        u.must_fill_empty += x.must_fill as usize;
    }
    let rows: Vec<Vec<Cell>> = units
        .into_iter()
        .map(|(id, u)| {
            vec![
                Cell::text(id),
                Cell::text(u.name),
                Cell::Num(u.cadres_in as f64),
                Cell::Num(u.cadres_out as f64),
                Cell::Num(u.posts_filled.len() as f64),
                Cell::Num(u.posts_unfilled as f64),
                Cell::Num(u.empty_seats as f64),
                Cell::Num(u.must_fill_empty as f64),
            ]
        })
        .collect();
    sheet(
        wb.add_worksheet(),
        name(Msg::XlsxSheetUnits),
        &header_in(
            lang,
            &[
                "unit_id",
                "unit_name",
                "cadres_in",
                "cadres_out",
                "posts_filled",
                "posts_unfilled",
                "empty_seats",
                "must_fill_empty",
            ],
        ),
        &rows,
        &f,
    )?;
    wb.save_to_buffer()
}

/// `comparison.xlsx`: one row per plan with the comparison's columns (shares as percentages), and
/// a `best` column listing the columns where the plan is best within its group.
/// The `status` column in `lang` (the ids in English, their words in Vietnamese, as the tables).
pub fn comparison_xlsx(
    cmp: &Comparison,
    date: crate::domain::Date,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let (mut wb, f) = workbook(date, lang)?;
    let mut header = vec!["plan", "group", "status"];
    header.extend(cmp.columns.iter().map(|c| c.name));
    header.push("best");
    let rows: Vec<Vec<Cell>> = cmp
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![
                Cell::text(&r.name),
                Cell::text(&r.group),
                Cell::text(super::catalogue::status_id(lang, &r.status)),
            ];
            for (c, v) in cmp.columns.iter().zip(&r.values) {
                row.push(match (v, c.percent) {
                    (None, _) => Cell::Empty,
                    (Some(x), true) => Cell::Pct(*x),
                    (Some(x), false) => Cell::Num(*x),
                });
            }
            let best: Vec<&str> = cmp
                .columns
                .iter()
                .zip(&r.best)
                .filter(|(_, b)| **b)
                .map(|(c, _)| c.name)
                .collect();
            row.push(Cell::text(best.join(", ")));
            row
        })
        .collect();
    sheet(wb.add_worksheet(), "comparison", &header, &rows, &f)?;
    let cols: Vec<Vec<Cell>> = cmp
        .columns
        .iter()
        .map(|c| {
            vec![
                Cell::text(c.name),
                Cell::text(match c.better {
                    Better::Higher => "higher",
                    Better::Lower => "lower",
                }),
                Cell::Bool(c.percent),
            ]
        })
        .collect();
    sheet(
        wb.add_worksheet(),
        "columns",
        &["column", "better", "percent"],
        &cols,
        &f,
    )?;
    wb.save_to_buffer()
}
