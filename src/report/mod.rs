//! Renderers of a plan (terminal table, JSON, CSV, Markdown) and of check results. They format
//! what the plan already holds; they compute nothing a caller should.

use crate::check::Violation;
use crate::domain::Lang;
use crate::plan::Plan;
use catalogue::{Msg, fill, rule_title, t};
use std::borrow::Cow;
use std::fmt::Write as _;

/// Implements `Serialize` as the value's `Display` text: in JSON a finding, a breach or a note is
/// its English sentence.
macro_rules! as_text {
    ($($t:ty),*) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    )*};
}

pub mod catalogue;
pub mod charts;
mod diagnostics;
pub mod help;
pub use diagnostics::{
    DiagnosticRecord, code_title, diagnostic_record, diagnostic_records, diagnostic_text,
    diagnostics_text, file_error_summary, load_error_summary, text,
};
mod comparison;
pub use comparison::*;
mod errors;
mod explain;
mod jobs;
pub use errors::{
    BudgetFault, FileSet, Refusal, export_text, locked_text, merge_text, not_a_plan_text,
    not_found_text, out_dir_text, refusal_text, refusal_words,
};
pub use jobs::{Valid, job_error_text, note_line, plan_xlsx_error, valid_line, warnings_summary};
mod explain_period;
mod findings;
pub mod programme;
pub mod review_page;
pub use explain_period::{explain_period_json, explain_period_text};
mod rules;
pub mod timeline;
pub use explain::{
    cadre_summary, cadre_worded, explanation, explanation_in, pair_summary, pair_worded,
    post_summary, post_worded, status_words, structure_lines, structure_lines_in, why_not_text,
    worded,
};
pub use findings::{finding, holdback, relaxation_summary, relaxation_summary_in};
pub use rules::{note_text, notes_text, programme_notes};
mod committee;
mod excel_csv;
mod score;
mod xlsx;
pub use committee::committee_html;
pub use excel_csv::{excel_csv, numeric_locale, separator_for_locale};
pub use score::{Optimum, score_json, score_text};
pub use xlsx::{comparison_xlsx, plan_xlsx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

pub fn render(plan: &Plan, format: Format) -> String {
    render_in(plan, format, Lang::En)
}

/// [`render`] with the words for people in `lang` (JSON and CSV ids do not change).
pub fn render_in(plan: &Plan, format: Format, lang: Lang) -> String {
    match format {
        Format::Table => table_in(plan, lang),
        Format::Json => json(plan),
        Format::Csv => assignments_csv(plan),
        Format::Markdown => markdown_in(plan, lang),
    }
}

/// A number for people and files: at most 4 decimals, no trailing zeros, no "-0".
pub fn num(x: f64) -> String {
    // Whole numbers (most scores) skip the exact decimal formatting: the same text, far faster.
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return (x as i64).to_string();
    }
    let s = format!("{:.4}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// A number as people of `lang` read it, from its English form at the start of `en` (`6314.5`,
/// `-12.5 %`): Vietnamese groups thousands with a dot and writes a decimal comma (`6.314,5`,
/// `-12,5 %`); English is returned unchanged. The one place for the number format of human outputs
/// (terminal, Markdown, HTML); CSV, JSON and workbook cells keep numbers as numbers.
pub fn number_in(lang: Lang, en: &str) -> String {
    if lang == Lang::En {
        return en.to_string();
    }
    let (sign, rest) = match en.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", en),
    };
    let int_len = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    if int_len == 0 {
        return en.to_string();
    }
    let (int, tail) = rest.split_at(int_len);
    let (frac, tail) = match tail.strip_prefix('.') {
        Some(t) if t.starts_with(|c: char| c.is_ascii_digit()) => {
            let n = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
            (Some(&t[..n]), &t[n..])
        }
        _ => (None, tail),
    };
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(',');
        out += f;
    }
    out + tail
}

/// What separates numbers in a list for people of `lang`: `, `, or `; ` where the comma is the
/// decimal mark (`5,5; 8`).
pub fn numbers_sep(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", ",
        Lang::Vi => "; ",
    }
}

/// A date as people of `lang` read it: dd/mm/yyyy in Vietnamese, yyyy-mm-dd in English. The one
/// place for the date format of human outputs; CSV, JSON and workbook cells keep ISO dates.
pub fn date_in(lang: Lang, d: crate::domain::Date) -> String {
    match lang {
        Lang::Vi => d.format("%d/%m/%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// [`num`] for people of `lang` ([`number_in`]).
pub fn num_in(lang: Lang, x: f64) -> String {
    number_in(lang, &num(x))
}

/// Seconds for a log line, to the millisecond (in `output`, below the library's root).
pub use crate::output::seconds_ms;

/// A share as a percentage with one decimal for people of `lang` (`12.5 %`, `12,5 %`).
pub fn pct_in(lang: Lang, x: f64) -> String {
    number_in(lang, &pct(x))
}

fn pct(x: f64) -> String {
    format!("{:.1} %", x * 100.0)
}

fn opt(x: Option<f64>) -> String {
    x.map_or("—".into(), num)
}

fn gap(x: Option<f64>) -> String {
    x.map_or("—".into(), |g| format!("{:.4} %", g * 100.0))
}

pub fn json(plan: &Plan) -> String {
    // Plan holds only serialisable plain data; failure here would be a bug, not bad input.
    let mut s =
        serde_json::to_string_pretty(plan).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// `plan.json` without the solver's timings (`build_s`, `solve_s`): the same input then gives the
/// same bytes, which runs of many scenarios promise.
pub fn json_without_timings(plan: &Plan) -> String {
    let mut p = plan.clone();
    p.solver.build_s = 0.0;
    p.solver.solve_s = 0.0;
    let mut v = serde_json::to_value(&p).unwrap_or_default();
    if let Some(s) = v.get_mut("solver").and_then(|s| s.as_object_mut()) {
        s.remove("build_s");
        s.remove("solve_s");
    }
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
/// first; a cadre named `=HYPERLINK(…)` in cadres.csv): written after a `'`, as OWASP advises. A
/// number ("-858") and a lone sign stay as they are; the plan readers take the `'` off again.
fn defused(s: &str) -> std::borrow::Cow<'_, str> {
    let formula = s.len() > 1
        && s.starts_with(crate::domain::text::FORMULA_FIRST)
        && s.trim().parse::<f64>().is_err();
    if formula {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

fn csv_field(s: &str) -> String {
    let s = &*defused(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_line(fields: &[String]) -> String {
    let mut l = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    l.push('\n');
    l
}

/// plan.csv's columns: the assignment, each objective term of `scoring::TERMS`, the score.
pub fn assignment_columns() -> Vec<&'static str> {
    let head = [
        "cadre_id",
        "cadre_name",
        "post_id",
        "post_title",
        "unit_id",
        "unit_name",
        "from_unit",
        "pinned",
        "extra_seat",
    ];
    let terms = crate::scoring::TERMS.iter().map(|t| t.name);
    head.into_iter()
        .chain(terms)
        .chain(["score", "training_gains"])
        .collect()
}

/// The row of human labels under a CSV header of column ids (`--labels`).
fn label_row(ids: &[&str], lang: Lang) -> String {
    csv_line(
        &ids.iter()
            .map(|id| catalogue::column_label(lang, id))
            .collect::<Vec<_>>(),
    )
}

/// `plan.csv`: one row per assignment (docs/plan-format.md).
pub fn assignments_csv(plan: &Plan) -> String {
    assignments_csv_labelled(plan, None)
}

/// [`assignments_csv`], with a second header row of labels in `labels` when given.
pub fn assignments_csv_labelled(plan: &Plan, labels: Option<Lang>) -> String {
    let mut out = csv_line(
        &assignment_columns()
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    );
    if let Some(lang) = labels {
        out += &label_row(&assignment_columns(), lang);
    }
    for a in &plan.assignments {
        let gains = gain_ids(a);
        let mut row = vec![
            a.cadre_id.clone(),
            a.cadre_name.clone(),
            a.post_id.clone(),
            a.post_title.clone(),
            a.unit_id.clone(),
            a.unit_name.clone(),
            a.from_unit.clone().unwrap_or_default(),
            a.pinned.to_string(),
            a.extra_seat.to_string(),
        ];
        row.extend(a.terms.named().map(|(_, x)| num(x)));
        row.extend([num(a.score), gains]);
        out += &csv_line(&row);
    }
    out
}

pub const UNFILLED_COLUMNS: &[&str] = &[
    "post_id",
    "post_title",
    "unit_id",
    "empty_seats",
    "must_fill",
    "kind",
    "top_rule",
    "reason",
];

/// `unfilled.csv`: one row per post with an empty quota seat.
pub fn unfilled_csv(plan: &Plan) -> String {
    unfilled_csv_labelled(plan, None)
}

/// [`unfilled_csv`], with a second header row of labels in `labels` when given. The `reason`
/// column is English (plan.json's `reason`).
pub fn unfilled_csv_labelled(plan: &Plan, labels: Option<Lang>) -> String {
    unfilled_csv_in(plan, labels, Lang::En)
}

/// [`unfilled_csv_labelled`] with the human `reason` column in `lang`; the machine columns (ids,
/// counts, `kind`, `top_rule`) are the same in every language.
pub fn unfilled_csv_in(plan: &Plan, labels: Option<Lang>, lang: Lang) -> String {
    let mut out = csv_line(
        &UNFILLED_COLUMNS
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    );
    if let Some(lang) = labels {
        out += &label_row(UNFILLED_COLUMNS, lang);
    }
    for u in &plan.unfilled {
        let kind = serde_json::to_value(u.kind)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        out += &csv_line(&[
            u.post_id.clone(),
            u.post_title.clone(),
            u.unit_id.clone(),
            u.empty_seats.to_string(),
            u.must_fill.to_string(),
            kind,
            u.top_rule.map(|r| r.to_string()).unwrap_or_default(),
            findings::finding(lang, &u.reason),
        ]);
    }
    out
}

/// Rows of label/value for the summary blocks shared by the table and Markdown renderers.
fn summary_rows(plan: &Plan, timings: bool, lang: Lang) -> Vec<(Cow<'static, str>, String)> {
    // A share of no moves is none, "—" as committee.html and review.html write it, not 0.0 %.
    let share_of_moves = |x: f64| {
        if plan.kpis.moves == 0 {
            "—".to_string()
        } else {
            number_in(lang, &pct(x))
        }
    };
    let s = &plan.solver;
    let k = &plan.kpis;
    let o = &plan.objective;
    let l = |m| Cow::Borrowed(t(lang, m));
    let of = |a: &dyn std::fmt::Display, b: &dyn std::fmt::Display| {
        fill(lang, Msg::ValueOf, &[("a", a), ("b", b)])
    };
    // English keeps the status id it always printed; other languages read words.
    let status = match lang {
        Lang::En => s.status.as_str(),
        _ => catalogue::status(lang, s.status),
    };
    let mut rows = vec![
        (l(Msg::LabelStatus), status.to_string()),
        (l(Msg::LabelObjective), number_in(lang, &opt(s.objective))),
        (l(Msg::LabelBound), number_in(lang, &opt(s.bound))),
        (l(Msg::LabelGap), number_in(lang, &gap(s.gap))),
        (
            l(Msg::LabelTime),
            fill(
                lang,
                Msg::ValueTime,
                &[
                    (
                        "total",
                        &number_in(lang, &format!("{:.2}", s.build_s + s.solve_s)),
                    ),
                    ("build", &number_in(lang, &format!("{:.2}", s.build_s))),
                    ("solve", &number_in(lang, &format!("{:.2}", s.solve_s))),
                ],
            ),
        ),
        (
            l(Msg::LabelModel),
            fill(
                lang,
                Msg::ValueModel,
                &[
                    ("columns", &s.columns),
                    ("rows", &s.rows),
                    ("pairs", &plan.candidates.pairs),
                ],
            ),
        ),
        (
            l(Msg::LabelPostsFilled),
            fill(
                lang,
                Msg::ValuePostsFilled,
                &[
                    ("filled", &k.posts_filled),
                    ("posts", &k.posts),
                    ("seats_filled", &k.seats_filled),
                    ("seats", &k.seats),
                ],
            ),
        ),
        (
            l(Msg::LabelMustFillFilled),
            of(&k.must_fill_filled, &k.must_fill_posts),
        ),
        (
            l(Msg::LabelShortageFilled),
            of(&k.shortage_filled, &k.shortage_posts),
        ),
        (l(Msg::LabelMoves), k.moves.to_string()),
        (
            l(Msg::LabelShares),
            format!(
                "{} / {} / {}",
                share_of_moves(k.women_share),
                share_of_moves(k.young_share),
                share_of_moves(k.minority_share)
            ),
        ),
        (l(Msg::LabelExtraSeats), k.extra_seats_used.to_string()),
        (
            l(Msg::LabelTrainingCoverage),
            share_of_moves(k.training_coverage),
        ),
        {
            // Every term of the table that is always shown or that this plan scores.
            let shown: Vec<(&str, f64)> = o
                .terms
                .named()
                .zip(crate::scoring::TERMS)
                .filter(|((_, x), t)| t.always_shown || *x != 0.0)
                .map(|(nx, _)| nx)
                .collect();
            let names = shown
                .iter()
                .map(|(n, _)| catalogue::term(lang, n))
                .collect::<Vec<_>>()
                .join(", ");
            (
                Cow::Owned(fill(lang, Msg::LabelTerms, &[("names", &names)])),
                shown
                    .iter()
                    .map(|(_, x)| number_in(lang, &num(*x)))
                    .collect::<Vec<_>>()
                    .join(numbers_sep(lang)),
            )
        },
        (
            l(Msg::LabelShortfalls),
            [o.women_shortfall, o.young_shortfall, o.minority_shortfall]
                .map(|x| number_in(lang, &num(x)))
                .join(numbers_sep(lang)),
        ),
    ];
    if !timings {
        let time = t(lang, Msg::LabelTime);
        rows.retain(|(l, _)| l != time);
    }
    rows
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// A plain aligned text table.
pub fn text_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut w: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(width(c));
        }
    }
    let line = |cells: Vec<String>| {
        let mut l = cells
            .iter()
            .enumerate()
            .map(|(i, c)| pad(c, w[i]))
            .collect::<Vec<_>>()
            .join("  ");
        l.truncate(l.trim_end().len());
        l.push('\n');
        l
    };
    let mut out = line(header.iter().map(|s| s.to_string()).collect());
    out += &line(w.iter().map(|&n| "─".repeat(n)).collect());
    for r in rows {
        out += &line(r.clone());
    }
    out
}

fn assignment_rows(plan: &Plan, lang: Lang) -> Vec<Vec<String>> {
    let stability = has_stability(plan);
    plan.assignments
        .iter()
        .map(|a| {
            let mut row = vec![
                a.post_id.clone(),
                a.post_title.clone(),
                a.unit_name.clone(),
                format!("{} {}", a.cadre_id, a.cadre_name),
                num_in(lang, a.terms.staffing),
                num_in(lang, a.terms.training),
                num_in(lang, a.terms.fit),
            ];
            if stability {
                row.push(num_in(lang, a.terms.stability));
            }
            row.push(num_in(lang, a.score));
            row
        })
        .collect()
}

/// A plan with a baseline (`baseline:`): its pairs' stability points change the scores, so the
/// table shows them (a score 20 above its other columns was unexplained).
fn has_stability(plan: &Plan) -> bool {
    plan.assignments.iter().any(|a| a.terms.stability != 0.0)
}

/// The assignment table's header in `lang`.
fn assignment_header(plan: &Plan, lang: Lang) -> Vec<String> {
    let terms: &[&str] = if has_stability(plan) {
        &["staffing", "training", "fit", "stability"]
    } else {
        &["staffing", "training", "fit"]
    };
    [Msg::ColPost, Msg::ColTitle, Msg::ColUnit, Msg::ColCadre]
        .iter()
        .map(|&m| t(lang, m).to_string())
        .chain(terms.iter().map(|n| catalogue::term(lang, n)))
        .chain([t(lang, Msg::ColScore).to_string()])
        .collect()
}

pub fn table(plan: &Plan) -> String {
    table_in(plan, Lang::En)
}

/// The terminal table of a plan in `lang`.
pub fn table_in(plan: &Plan, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        fill(
            lang,
            Msg::PlanHeadline,
            &[
                ("scenario", &plan.scenario),
                ("date", &date_in(lang, plan.plan_date)),
                ("rules", &plan.rule_set)
            ]
        )
    );
    let rows = summary_rows(plan, true, lang);
    let lw = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    for (l, v) in rows {
        let _ = writeln!(out, "  {}  {}", pad(&l, lw), v);
    }
    if let Some(n) = &plan.solver.note {
        let n = rules::solver_note(lang, n);
        let _ = writeln!(out, "  {}: {n}", t(lang, Msg::Note));
    }
    for g in &plan.solver.infeasible {
        let _ = writeln!(
            out,
            "  {}: {} ({}): {}",
            t(lang, Msg::CannotHold),
            g.rule,
            rule_title(lang, g.rule),
            rules::detail(lang, g)
        );
    }
    out += &explain::plan_table_notes(plan, lang);
    out += &levels_text(plan, lang);
    if !plan.assignments.is_empty() {
        let _ = writeln!(out, "\n{}", t(lang, Msg::Assignments));
        out += &text_table(
            &strs(&assignment_header(plan, lang)),
            &assignment_rows(plan, lang),
        );
    }
    if !plan.unfilled.is_empty() {
        let _ = writeln!(out, "\n{}", t(lang, Msg::UnfilledPosts));
        for u in &plan.unfilled {
            let mf = if u.must_fill {
                format!(" [{}]", t(lang, Msg::MustFill))
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {} {}{}: {}",
                u.post_id,
                u.post_title,
                mf,
                findings::finding(lang, &u.reason)
            );
        }
    }
    out
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(|s| s.as_str()).collect()
}

/// Text from the users' tables in Markdown, shown as written: a table's `|`, the `](` of links
/// and images and the brackets of HTML (no viewer of plan.md follows a link or loads an image
/// from a name),
/// and the marks of emphasis, entities and escapes (`**x**`, `&amp;`, `\|`), which changed the
/// names on the pages. Only what would be read as a mark is escaped: an `_` inside a word
/// (`gap_limit`), a lone `*`, an `&` that starts no entity and a `\` before no punctuation are
/// left as they are. Backticks are left too: rotaplan's own sentences, which carry the users'
/// words, quote keys and commands in them (`objective`).
///
/// Text that starts a line or a list item also has the marks of a block escaped (`- `, `1. `,
/// `# `); in a table's cell, where none opens, [`md_cell`] leaves them as they are.
pub fn md_escape(s: &str) -> String {
    md_escape_with(s, true)
}

/// [`md_escape`] for a table's cell: no block opens there, so `2026. Sở` keeps its full stop
/// as written.
pub fn md_cell(s: &str) -> String {
    // A cell is one line: a line break in a name split its row.
    md_escape_with(&crate::domain::text::one_line_shown(s), false)
}

fn md_escape_with(s: &str, block: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    for (i, &ch) in chars.iter().enumerate() {
        let (before, after) = (
            i.checked_sub(1).and_then(|j| chars.get(j)),
            chars.get(i + 1),
        );
        let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
        let space = |c: Option<&char>| c.is_none_or(|c| c.is_whitespace());
        // A `*` or `_` between spaces opens and closes nothing (the comparison's "6314 *").
        let alone = space(before) && space(after);
        // `&name;`, `&#60;`, `&#x3C;`: what a viewer would show as another character.
        let entity = || {
            let rest: String = chars[i + 1..].iter().take(33).collect();
            rest.split_once(';').is_some_and(|(e, _)| {
                let e = e
                    .strip_prefix('#')
                    .map_or(e, |n| n.strip_prefix(['x', 'X']).unwrap_or(n));
                !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric())
            })
        };
        // What starts the text may start a block where it follows a list's `- ` or opens a
        // line: a bullet (`- `, `+ `, `* `), a heading (`# `) or a numbered item (`1. `).
        let first = block && i == lead;
        let ends_mark = |j: usize| chars.get(j).is_none_or(|c| c.is_whitespace());
        let heading = || {
            let run = chars[i..].iter().take_while(|c| **c == '#').count();
            run <= 6 && ends_mark(i + run)
        };
        let numbered = || {
            let digits = chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .count();
            (1..=9).contains(&digits) && i - digits == lead && ends_mark(i + 1)
        };
        // ` ##` closing a heading is dropped from it: `Tổ #` would lose its `#`.
        let closing = block && space(before) && chars[i..].iter().all(|c| *c == '#');
        let mark = match ch {
            '-' | '+' if first => ends_mark(i + 1),
            '*' if first && ends_mark(i + 1) => true,
            '#' if (first && heading()) || closing => true,
            '.' | ')' => block && numbered(),
            '|' | '<' | '>' => true,
            // A link or an image needs `](` (or `][` of a reference): its `]` escaped, none forms.
            ']' => matches!(after, Some('(' | '[')),
            '\\' => after.is_some_and(|c| c.is_ascii_punctuation()),
            '&' => entity(),
            '*' => !alone,
            '_' => !(alone || (word(before) && word(after))),
            _ => false,
        };
        if mark {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

fn md_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = format!(
        "| {} |\n|{}\n",
        header.join(" | "),
        "---|".repeat(header.len())
    );
    for r in rows {
        out += &format!(
            "| {} |\n",
            r.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | ")
        );
    }
    out
}

pub fn markdown(plan: &Plan) -> String {
    markdown_in(plan, Lang::En)
}

/// plan.md in `lang`.
pub fn markdown_in(plan: &Plan, lang: Lang) -> String {
    markdown_with(plan, true, lang)
}

/// `plan.html`: the Markdown report (summary, assignments, empty posts and the explanations) as one
/// self-contained page: no script, no network, a little CSS.
pub fn html(plan: &Plan) -> String {
    html_in(plan, Lang::En)
}

/// plan.html in `lang` (its `lang` attribute too).
pub fn html_in(plan: &Plan, lang: Lang) -> String {
    html_page_in(&plan.scenario, &markdown_in(plan, lang), &[], lang)
}

/// A batch's one line for the operator, in `lang`: how many scenarios are proven, unproven,
/// failed, and the run's status.
pub fn batch_line(lang: Lang, m: &crate::runs::manifest::Manifest) -> String {
    let (proven, other, failed) = m.counts();
    fill(
        lang,
        Msg::BatchOneLine,
        &[
            ("n", &m.scenarios.len()),
            ("proven", &proven),
            ("other", &other),
            ("failed", &failed),
            ("status", &catalogue::status_id(lang, m.status.as_str())),
        ],
    )
}

/// What [`plan_files`] writes besides the plan: the language of the words, the `--labels` row of
/// the CSV files, and whether the solver's timings appear (a run leaves them out, so that the same
/// input gives the same bytes).
#[derive(Debug, Clone, Copy)]
pub struct PlanFiles {
    pub lang: Lang,
    pub labels: Option<Lang>,
    pub timings: bool,
}

/// A plan's files as `rotaplan plan` writes them, and `run` and `batch` in each scenario's folder:
/// plan.csv, unfilled.csv, plan.md, plan.html, plan.json, committee.html and plan.xlsx, as (name,
/// bytes). The one list of a plan's outputs.
pub fn plan_files(
    sc: &crate::domain::Scenario,
    plan: &Plan,
    o: PlanFiles,
) -> Result<Vec<(String, Vec<u8>)>, rust_xlsxwriter::XlsxError> {
    // The files do not read each other (but plan.html, made of plan.md): built side by side on
    // rayon's pool, then listed in one fixed order, so the bytes do not depend on the threads.
    let json = || {
        if o.timings {
            json(plan)
        } else {
            json_without_timings(plan)
        }
    };
    let md_html = || {
        let md = markdown_with(plan, o.timings, o.lang);
        let html = html_page_in(&plan.scenario, &md, &[], o.lang);
        (md, html)
    };
    let (((md, html), json), ((csv, unfilled), (committee, xlsx))) = rayon::join(
        || rayon::join(md_html, json),
        || {
            rayon::join(
                || {
                    rayon::join(
                        || assignments_csv_labelled(plan, o.labels),
                        || unfilled_csv_in(plan, o.labels, o.lang),
                    )
                },
                || {
                    rayon::join(
                        || committee_html(sc, plan, o.lang),
                        || plan_xlsx(plan, o.lang),
                    )
                },
            )
        },
    );
    let mut files: Vec<(String, Vec<u8>)> = [
        ("plan.csv", csv),
        ("unfilled.csv", unfilled),
        ("plan.html", html),
        ("plan.md", md),
        ("plan.json", json),
        ("committee.html", committee),
    ]
    .into_iter()
    .map(|(n, t)| (n.to_string(), t.into_bytes()))
    .collect();
    files.push(("plan.xlsx".into(), xlsx?));
    Ok(files)
}

/// A self-contained HTML page of Markdown text (tables enabled).
pub fn html_page(title: &str, md: &str) -> String {
    html_page_with_charts(title, md, &[])
}

/// [`html_page`], then the charts (SVG made by [`charts`], the only markup inserted as it is)
/// under a "Charts" heading. The SVG namespace attribute is left out: inline `<svg>` in HTML needs
/// none, and the page then names no URL at all.
pub fn html_page_with_charts(title: &str, md: &str, charts: &[charts::Svg]) -> String {
    html_page_in(title, md, charts, Lang::En)
}

/// [`html_page_with_charts`] for a page in `lang`: the `lang` attribute names it.
pub fn html_page_in(title: &str, md: &str, charts: &[charts::Svg], lang: Lang) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
    let mut body = String::new();
    // Names and titles come from the users' tables: any HTML in them is shown as text, never run,
    // and a link or image written in them (`[x](javascript:…)`, `![x](http://…)`, an autolink)
    // is shown as its text, never followed or fetched (rotaplan's own pages have none).
    let events = Parser::new_ext(md, Options::ENABLE_TABLES).filter_map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Some(Event::Text(t)),
        Event::Start(Tag::Link { .. } | Tag::Image { .. })
        | Event::End(TagEnd::Link | TagEnd::Image) => None,
        e => Some(e),
    });
    html::push_html(&mut body, events);
    if !charts.is_empty() {
        body += &format!("<h2 id=\"charts\">{}</h2>\n", t(lang, Msg::ChartsHeading));
        for svg in charts {
            body += "<figure>\n";
            body += &svg
                .as_str()
                .replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1);
            body += "</figure>\n";
        }
    }
    let title = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let chart_css = if charts.is_empty() {
        ""
    } else {
        "figure { margin: 1rem 0; overflow-x: auto; }\nfigure svg { max-width: 100%; height: auto; }\n"
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n\
         @page {{ size: A4; margin: 14mm 12mm; }}\n\
         body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 80rem; padding: 0 1rem; color: #222; }}\n\
         table {{ border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }}\n\
         th, td {{ border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; }}\n\
         th {{ background: #f3f3f3; }}\n\
         tr:nth-child(even) td {{ background: #fafafa; }}\n\
         code {{ background: #f3f3f3; padding: 0 0.2rem; }}\n\
         {chart_css}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        lang = lang.as_str()
    )
}

/// `plan.md` without the time line (see [`json_without_timings`]).
pub fn markdown_without_timings(plan: &Plan) -> String {
    markdown_with(plan, false, Lang::En)
}

/// [`markdown_without_timings`] in `lang`.
pub fn markdown_without_timings_in(plan: &Plan, lang: Lang) -> String {
    markdown_with(plan, false, lang)
}

fn markdown_with(plan: &Plan, timings: bool, lang: Lang) -> String {
    let mut out = format!(
        "# {}\n\n{}\n\n## {}\n\n",
        md_escape(&plan.scenario),
        fill(
            lang,
            Msg::PlanDateLine,
            &[
                ("date", &date_in(lang, plan.plan_date)),
                ("rules", &plan.rule_set)
            ]
        ),
        t(lang, Msg::Summary)
    );
    if !plan.solver.status.has_plan() {
        // Said first: there is no plan, why, and where the section of what to relax is.
        let (cause, _) = explain::no_plan_facts(plan, lang);
        let banner = fill(
            lang,
            Msg::PlanNoPlanBanner,
            &[
                ("status", &catalogue::status(lang, plan.solver.status)),
                ("cause", &cause),
            ],
        );
        let at = out.len() - format!("## {}\n\n", t(lang, Msg::Summary)).len();
        out.insert_str(at, &format!("> {banner}\n\n"));
    }
    let rows: Vec<Vec<String>> = summary_rows(plan, timings, lang)
        .into_iter()
        .map(|(l, v)| vec![l.to_string(), v])
        .collect();
    out += &md_table(
        &[t(lang, Msg::SummaryMeasure), t(lang, Msg::SummaryValue)],
        &rows,
    );
    if let Some(n) = &plan.solver.note {
        out += &format!("\n> {}\n", rules::solver_note(lang, n));
    }
    out += &levels_md(plan, lang);
    for g in &plan.solver.infeasible {
        out += &format!(
            "\n- **{}** {} ({}): {}\n",
            t(lang, Msg::CannotHold),
            g.rule,
            rule_title(lang, g.rule),
            rules::detail(lang, g)
        );
    }
    if !plan.assignments.is_empty() {
        out += &format!("\n## {}\n\n", t(lang, Msg::Assignments));
        out += &md_table(
            &strs(&assignment_header(plan, lang)),
            &assignment_rows(plan, lang),
        );
    }
    if !plan.unfilled.is_empty() {
        out += &format!("\n## {}\n\n", t(lang, Msg::UnfilledPosts));
        for u in &plan.unfilled {
            let mf = if u.must_fill {
                format!(" **{}**", t(lang, Msg::MustFill))
            } else {
                String::new()
            };
            out += &format!(
                "- `{}` {}{}: {}\n",
                u.post_id,
                md_escape(&u.post_title),
                mf,
                md_escape(&findings::finding(lang, &u.reason))
            );
        }
    }
    out += &explain::plan_markdown_sections(plan, lang);
    out
}

/// The header and rows of a plan's lexicographic levels (`objective:`): each level's status,
/// optimum, bound, value in the plan, tolerance and the row the later levels kept.
fn level_rows(plan: &Plan, lang: Lang) -> ([&'static str; 8], Vec<Vec<String>>) {
    let n = |x: Option<f64>| number_in(lang, &opt(x));
    let rows = plan
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                (i + 1).to_string(),
                catalogue::term(lang, &l.name),
                catalogue::status(lang, l.status).to_string(),
                n(l.optimum),
                n(l.bound),
                n(l.value),
                number_in(lang, &format!("{}", l.tolerance)),
                n(l.kept_at_least),
            ]
        })
        .collect();
    (level_header(lang, Msg::LevelValuePlan), rows)
}

/// The header of a levels table (plan or programme); `value` names the column of the value found.
pub(crate) fn level_header(lang: Lang, value: Msg) -> [&'static str; 8] {
    [
        "#",
        t(lang, Msg::LevelName),
        t(lang, Msg::LabelStatus),
        t(lang, Msg::LevelOptimum),
        t(lang, Msg::LabelBound),
        t(lang, value),
        t(lang, Msg::LevelTolerance),
        t(lang, Msg::LevelKept),
    ]
}

/// plan.md's table of the levels (nothing without `objective:`).
fn levels_md(plan: &Plan, lang: Lang) -> String {
    if plan.levels.is_empty() {
        return String::new();
    }
    let (header, rows) = level_rows(plan, lang);
    format!(
        "\n## {}\n\n{}",
        t(lang, Msg::LevelsHeading),
        md_table(&header, &rows)
    )
}

/// The terminal's table of the levels (nothing without `objective:`).
fn levels_text(plan: &Plan, lang: Lang) -> String {
    if plan.levels.is_empty() {
        return String::new();
    }
    let (header, rows) = level_rows(plan, lang);
    format!(
        "\n{}\n{}",
        t(lang, Msg::LevelsHeading),
        text_table(&header, &rows)
    )
}

/// The checker's verdict as text.
pub fn violations_text(v: &[Violation]) -> String {
    violations_text_in(v, Lang::En)
}

/// [`violations_text`] in `lang`.
pub fn violations_text_in(v: &[Violation], lang: Lang) -> String {
    if v.is_empty() {
        return format!(
            "{}\n",
            fill(
                lang,
                Msg::Passes,
                &[("rules", &catalogue::plan_rule_ranges())]
            )
        );
    }
    let mut out = format!("{}\n", fill(lang, Msg::Violations, &[("n", &v.len())]));
    for x in v {
        let _ = writeln!(out, "  {}", rules::violation(lang, x));
    }
    out
}

pub fn violations_json(v: &[Violation]) -> String {
    let mut s =
        serde_json::to_string_pretty(&serde_json::json!({ "violations": v })).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod html_tests {
    #[test]
    fn html_from_user_text_is_escaped() {
        let page = super::html_page(
            "<b>t</b>",
            "# C01 <script>alert(1)</script>\n\n| a |\n|---|\n| <img src=x> |\n",
        );
        assert!(
            !page.contains("<script>") && !page.contains("<img"),
            "{page}"
        );
        assert!(
            page.contains("&lt;script&gt;")
                && page.contains("<table>")
                && page.contains("<title>&lt;b&gt;t&lt;/b&gt;</title>")
        );
    }

    #[test]
    fn links_and_images_in_user_text_are_not_followed() {
        let name = "Võ Bích [Loan](javascript:alert(1)) ![i](http://evil.example/p.png) <javascript:alert(2)>";
        for md in [
            format!("# {name}\n"),
            format!("| a |\n|---|\n| {} |\n", super::md_escape(name)),
        ] {
            let page = super::html_page("t", &md);
            assert!(
                !page.contains("<a ") && !page.contains("<img") && !page.contains("href"),
                "{page}"
            );
            assert!(page.contains("Loan") && page.contains("Võ Bích"), "{page}");
        }
        // Escaped in a table cell, the text is shown as written.
        let page = super::html_page(
            "t",
            &format!(
                "| a |\n|---|\n| {} |\n",
                super::md_escape("a [d](e) x|y <b>")
            ),
        );
        assert!(page.contains("a [d](e) x|y &lt;b&gt;"), "{page}");
    }

    /// A name is shown as the table holds it: no emphasis, code, entity or escape of Markdown
    /// changes it, in a cell or a heading; `_` inside a word stays unescaped in plan.md.
    #[test]
    fn names_are_shown_as_written() {
        let name = r"**Lê** _Anh_ Tom &amp; Jerry &#60;i&#62; Trần \| Văn a*b*c gap_limit KH & ĐT";
        let shown = "**Lê** _Anh_ Tom &amp;amp; Jerry &amp;#60;i&amp;#62; Trần \\| Văn a*b*c gap_limit KH &amp; ĐT";
        for md in [
            format!("# {}\n", super::md_escape(name)),
            format!("| a |\n|---|\n| {} |\n", super::md_escape(name)),
        ] {
            let page = super::html_page("t", &md);
            assert!(page.contains(shown), "{md}\n{page}");
            assert!(
                !page.contains("<strong>") && !page.contains("<em>") && !page.contains("<code>")
            );
        }
        assert_eq!(super::md_escape("gap_limit C_01"), "gap_limit C_01");
        // Block marks at its start: no list, heading or numbered item in a list item.
        for (name, shown) in [
            ("- Lê", "- Lê"),
            ("+ Lê", "+ Lê"),
            ("* Lê", "* Lê"),
            ("1. Lê", "1. Lê"),
            ("2026) Lê", "2026) Lê"),
            ("# Lê", "# Lê"),
            ("Tổ 1 #", "Tổ 1 #"),
        ] {
            for md in [
                format!("- {}\n", super::md_escape(name)),
                format!("# {}\n", super::md_escape(name)),
            ] {
                let page = super::html_page("t", &md);
                assert!(page.contains(shown), "{md}\n{page}");
                assert_eq!(
                    page.matches("<li>").count(),
                    md.starts_with('-') as usize,
                    "{page}"
                );
                assert!(!page.contains("<ol") && !page.contains("<h2"), "{page}");
            }
        }
        for plain in ["C-01", "2.5 %", "Ban 1", "#1", "a - b", "Q. TP"] {
            assert_eq!(super::md_escape(plain), plain);
        }
        // In a table's cell no block opens: the marks stay as written, the inline ones escaped.
        assert_eq!(super::md_cell("2026. Sở | Tổ #"), r"2026. Sở \| Tổ #");
        assert_eq!(super::md_cell("- Lê"), "- Lê");
        assert_eq!(super::md_escape(r"Sở KH & ĐT C:\x"), r"Sở KH & ĐT C:\x");
    }
}

#[cfg(test)]
mod chart_page_tests {
    #[test]
    fn charts_follow_the_markdown_and_user_text_stays_escaped() {
        let svg =
            super::charts::kpi_chart(&[("<b>x</b>".into(), Default::default())], super::Lang::En);
        let page = super::html_page_with_charts("t", "# <i>head</i>\n", &[svg]);
        assert!(page.contains("&lt;i&gt;head&lt;/i&gt;") && !page.contains("<i>"));
        let h2 = page.find("<h2 id=\"charts\">").unwrap();
        assert!(page.find("<h1>").unwrap() < h2 && h2 < page.find("<svg").unwrap());
        assert!(page.contains("&lt;b&gt;x&lt;/b&gt;") && !page.contains("<b>"));
        assert!(!page.contains("http"), "no URL, not even the SVG namespace");
        assert_eq!(
            super::html_page("t", "x"),
            super::html_page_with_charts("t", "x", &[])
        );
    }
}

/// An assignment's training gains as plan.csv writes them: their ids (serde's names), `;`-joined.
pub(crate) fn gain_ids(a: &crate::plan::Assignment) -> String {
    a.training
        .iter()
        .map(|g| {
            serde_json::to_value(g)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod number_tests {
    use super::{Lang, num, num_in, number_in, pct_in};

    /// `num` as it was before its whole-number shortcut: the text every output has held.
    fn num_by_format(x: f64) -> String {
        let s = format!("{:.4}", x);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" { "0".into() } else { s.to_string() }
    }

    #[test]
    fn whole_numbers_read_as_the_exact_format_wrote_them() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            81.0,
            -12.0,
            100.0,
            145868.0,
            1e14,
            -1e14,
            9.99e14,
            1e15,
            2.5e15,
            1e20,
            0.5,
            -0.00001,
            0.00004,
            0.00005,
            31.25,
            1.0e-9,
            -3.99999,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(num(x), num_by_format(x), "{x}");
        }
    }

    #[test]
    fn vietnamese_numbers_have_a_decimal_comma_and_dotted_thousands() {
        assert_eq!(num_in(Lang::Vi, 6314.0), "6.314");
        assert_eq!(num_in(Lang::Vi, 1234567.25), "1.234.567,25");
        assert_eq!(num_in(Lang::Vi, -1234.5), "-1.234,5");
        assert_eq!(num_in(Lang::Vi, 12.0), "12");
        assert_eq!(pct_in(Lang::Vi, 0.125), "12,5 %");
        assert_eq!(number_in(Lang::Vi, "—"), "—");
        assert_eq!(number_in(Lang::Vi, "0.0125 %"), "0,0125 %");
        // English is the number as it was.
        assert_eq!(num_in(Lang::En, 6314.5), "6314.5");
        assert_eq!(pct_in(Lang::En, 0.125), "12.5 %");
    }
}
