//! Renderers of a plan (terminal table, JSON, CSV, Markdown) and of check results. They format
//! what the plan already holds; they compute nothing a caller should.

use crate::check::Violation;
use crate::plan::Plan;
use std::borrow::Cow;
use std::fmt::Write as _;

pub mod charts;
mod comparison;
pub use comparison::*;
mod explain;
mod findings;
pub use explain::{
    cadre_summary, cadre_worded, explanation, pair_summary, pair_worded, post_summary, post_worded,
    status_words, structure_lines, why_not_text, worded,
};
pub use findings::relaxation_summary;
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
    match format {
        Format::Table => table(plan),
        Format::Json => json(plan),
        Format::Csv => assignments_csv(plan),
        Format::Markdown => markdown(plan),
    }
}

/// A number for people and files: at most 4 decimals, no trailing zeros, no "-0".
pub fn num(x: f64) -> String {
    let s = format!("{:.4}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
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

fn csv_field(s: &str) -> String {
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

/// `plan.csv`: one row per assignment (docs/plan-format.md).
pub fn assignments_csv(plan: &Plan) -> String {
    let mut out = csv_line(
        &assignment_columns()
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    );
    for a in &plan.assignments {
        let gains: Vec<String> = a
            .training
            .iter()
            .map(|g| {
                serde_json::to_value(g)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            })
            .collect();
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
        row.extend([num(a.score), gains.join(";")]);
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
    let mut out = csv_line(
        &UNFILLED_COLUMNS
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    );
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
            u.reason.to_string(),
        ]);
    }
    out
}

/// Rows of label/value for the summary blocks shared by the table and Markdown renderers.
fn summary_rows(plan: &Plan, timings: bool) -> Vec<(Cow<'static, str>, String)> {
    let s = &plan.solver;
    let k = &plan.kpis;
    let o = &plan.objective;
    let mut rows = vec![
        ("status".into(), s.status.as_str().to_string()),
        ("objective".into(), opt(s.objective)),
        ("bound".into(), opt(s.bound)),
        ("gap".into(), gap(s.gap)),
        (
            "time".into(),
            format!(
                "{:.2} s (model {:.2} s, solve {:.2} s)",
                s.build_s + s.solve_s,
                s.build_s,
                s.solve_s
            ),
        ),
        (
            "model".into(),
            format!(
                "{} columns, {} rows, {} candidate pairs",
                s.columns, s.rows, plan.candidates.pairs
            ),
        ),
        (
            "posts filled".into(),
            format!(
                "{} of {} ({} of {} seats)",
                k.posts_filled, k.posts, k.seats_filled, k.seats
            ),
        ),
        (
            "must-fill filled".into(),
            format!("{} of {}", k.must_fill_filled, k.must_fill_posts),
        ),
        (
            "shortage posts filled".into(),
            format!("{} of {}", k.shortage_filled, k.shortage_posts),
        ),
        ("moves".into(), k.moves.to_string()),
        (
            "women / young / minority".into(),
            format!(
                "{} / {} / {}",
                pct(k.women_share),
                pct(k.young_share),
                pct(k.minority_share)
            ),
        ),
        ("extra seats used".into(), k.extra_seats_used.to_string()),
        ("training coverage".into(), pct(k.training_coverage)),
        {
            // Every term of the table that is always shown or that this plan scores.
            let shown: Vec<(&str, f64)> = o
                .terms
                .named()
                .zip(crate::scoring::TERMS)
                .filter(|((_, x), t)| t.always_shown || *x != 0.0)
                .map(|(nx, _)| nx)
                .collect();
            (
                Cow::Owned(format!(
                    "terms ({})",
                    shown.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                )),
                shown
                    .iter()
                    .map(|(_, x)| num(*x))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        },
        (
            "shortfalls (women, young, minority)".into(),
            format!(
                "{}, {}, {}",
                num(o.women_shortfall),
                num(o.young_shortfall),
                num(o.minority_shortfall)
            ),
        ),
    ];
    if !timings {
        rows.retain(|(l, _)| l != "time");
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

fn assignment_rows(plan: &Plan) -> Vec<Vec<String>> {
    plan.assignments
        .iter()
        .map(|a| {
            vec![
                a.post_id.clone(),
                a.post_title.clone(),
                a.unit_name.clone(),
                format!("{} {}", a.cadre_id, a.cadre_name),
                num(a.terms.staffing),
                num(a.terms.training),
                num(a.terms.fit),
                num(a.score),
            ]
        })
        .collect()
}

const ASSIGNMENT_HEADER: [&str; 8] = [
    "post", "title", "unit", "cadre", "staffing", "training", "fit", "score",
];

pub fn table(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — plan date {}, rule set {}",
        plan.scenario, plan.plan_date, plan.rule_set
    );
    let rows = summary_rows(plan, true);
    let lw = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    for (l, v) in rows {
        let _ = writeln!(out, "  {}  {}", pad(&l, lw), v);
    }
    if let Some(n) = &plan.solver.note {
        let _ = writeln!(out, "  note: {n}");
    }
    for g in &plan.solver.infeasible {
        let _ = writeln!(
            out,
            "  cannot hold: {} ({}): {}",
            g.rule,
            g.rule.title(),
            g.detail
        );
    }
    out += &explain::plan_table_notes(plan);
    if !plan.assignments.is_empty() {
        let _ = writeln!(out, "\nAssignments");
        out += &text_table(&ASSIGNMENT_HEADER, &assignment_rows(plan));
    }
    if !plan.unfilled.is_empty() {
        let _ = writeln!(out, "\nUnfilled posts");
        for u in &plan.unfilled {
            let mf = if u.must_fill { " [must fill]" } else { "" };
            let _ = writeln!(out, "  {} {}{}: {}", u.post_id, u.post_title, mf, u.reason);
        }
    }
    out
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
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
            r.iter()
                .map(|c| md_escape(c))
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
    out
}

pub fn markdown(plan: &Plan) -> String {
    markdown_with(plan, true)
}

/// `plan.html`: the Markdown report (summary, assignments, empty posts and the explanations) as one
/// self-contained page: no script, no network, a little CSS.
pub fn html(plan: &Plan) -> String {
    html_page(&plan.scenario, &markdown(plan))
}

/// A self-contained HTML page of Markdown text (tables enabled).
pub fn html_page(title: &str, md: &str) -> String {
    html_page_with_charts(title, md, &[])
}

/// [`html_page`], then the charts (SVG made by [`charts`], the only markup inserted as it is)
/// under a "Charts" heading. The SVG namespace attribute is left out: inline `<svg>` in HTML needs
/// none, and the page then names no URL at all.
pub fn html_page_with_charts(title: &str, md: &str, charts: &[charts::Svg]) -> String {
    use pulldown_cmark::{Event, Options, Parser, html};
    let mut body = String::new();
    // Names and titles come from the users' tables: any HTML in them is shown as text, never run.
    let events = Parser::new_ext(md, Options::ENABLE_TABLES).map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        e => e,
    });
    html::push_html(&mut body, events);
    if !charts.is_empty() {
        body += "<h2 id=\"charts\">Charts</h2>\n";
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
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n\
         body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 80rem; padding: 0 1rem; color: #222; }}\n\
         table {{ border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }}\n\
         th, td {{ border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; }}\n\
         th {{ background: #f3f3f3; }}\n\
         tr:nth-child(even) td {{ background: #fafafa; }}\n\
         code {{ background: #f3f3f3; padding: 0 0.2rem; }}\n\
         {chart_css}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

/// `plan.md` without the time line (see [`json_without_timings`]).
pub fn markdown_without_timings(plan: &Plan) -> String {
    markdown_with(plan, false)
}

fn markdown_with(plan: &Plan, timings: bool) -> String {
    let mut out = format!(
        "# {}\n\nPlan date {}, rule set `{}`.\n\n## Summary\n\n",
        plan.scenario, plan.plan_date, plan.rule_set
    );
    let rows: Vec<Vec<String>> = summary_rows(plan, timings)
        .into_iter()
        .map(|(l, v)| vec![l.to_string(), v])
        .collect();
    out += &md_table(&["", ""], &rows);
    if let Some(n) = &plan.solver.note {
        out += &format!("\n> {n}\n");
    }
    for g in &plan.solver.infeasible {
        out += &format!(
            "\n- **cannot hold** {} ({}): {}\n",
            g.rule,
            g.rule.title(),
            g.detail
        );
    }
    if !plan.assignments.is_empty() {
        out += "\n## Assignments\n\n";
        out += &md_table(&ASSIGNMENT_HEADER, &assignment_rows(plan));
    }
    if !plan.unfilled.is_empty() {
        out += "\n## Unfilled posts\n\n";
        for u in &plan.unfilled {
            let mf = if u.must_fill { " **must fill**" } else { "" };
            out += &format!(
                "- `{}` {}{}: {}\n",
                u.post_id,
                md_escape(&u.post_title),
                mf,
                u.reason
            );
        }
    }
    out += &explain::plan_markdown_sections(plan);
    out
}

/// The checker's verdict as text.
pub fn violations_text(v: &[Violation]) -> String {
    if v.is_empty() {
        return "the plan passes every rule (H1–H10, S1–S4)\n".into();
    }
    let mut out = format!("{} violation(s)\n", v.len());
    for x in v {
        let _ = writeln!(out, "  {x}");
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
}

#[cfg(test)]
mod chart_page_tests {
    #[test]
    fn charts_follow_the_markdown_and_user_text_stays_escaped() {
        let svg = super::charts::kpi_chart(&[("<b>x</b>".into(), Default::default())]);
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
