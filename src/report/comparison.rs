//! Renderers of the comparison table and of a plan diff.

use super::{md_table, num, text_table};
use crate::compare::{Comparison, Diff};

fn cell(v: Option<f64>, best: bool) -> String {
    let s = v.map_or("—".to_string(), num);
    if best { format!("{s} *") } else { s }
}

fn header(cmp: &Comparison) -> Vec<&str> {
    let mut h = vec!["plan", "status"];
    h.extend(cmp.columns.iter().map(|(n, _)| *n));
    h
}

fn rows(cmp: &Comparison) -> Vec<Vec<String>> {
    cmp.rows
        .iter()
        .map(|r| {
            let mut row = vec![r.name.clone(), r.status.clone()];
            row.extend(r.values.iter().zip(&r.best).map(|(v, b)| cell(*v, *b)));
            row
        })
        .collect()
}

fn failures_lines(failures: &[(String, String)]) -> String {
    failures
        .iter()
        .map(|(name, e)| format!("- {name}: {}\n", e.lines().next().unwrap_or("failed")))
        .collect()
}

/// Terminal table; `*` marks the best value of each column.
pub fn comparison_text(cmp: &Comparison, failures: &[(String, String)]) -> String {
    let mut out = text_table(&header(cmp), &rows(cmp));
    out += "* best in its column (higher or lower, as the column's goal says)\n";
    if !failures.is_empty() {
        out += &format!(
            "\nfailed ({}):\n{}",
            failures.len(),
            failures_lines(failures)
        );
    }
    out
}

pub fn comparison_markdown(cmp: &Comparison, failures: &[(String, String)]) -> String {
    let mut out = String::from("# Comparison\n\n");
    out += &md_table(&header(cmp), &rows(cmp));
    out += "\n`*` best in its column. Better is higher for objective, posts and shares, lower for gap, moves, extra seats and disruption.\n";
    if !failures.is_empty() {
        out += &format!("\n## Failed\n\n{}", failures_lines(failures));
    }
    out
}

pub fn comparison_csv(cmp: &Comparison) -> String {
    let mut out = super::csv_line(
        &header(cmp)
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    );
    for r in &cmp.rows {
        let mut row = vec![r.name.clone(), r.status.clone()];
        row.extend(r.values.iter().map(|v| v.map_or(String::new(), num)));
        out += &super::csv_line(&row);
    }
    out
}

pub fn comparison_json(cmp: &Comparison) -> String {
    let mut s = serde_json::to_string_pretty(cmp).unwrap_or_default();
    s.push('\n');
    s
}

/// A diff in words a planner reads.
pub fn diff_text(d: &Diff, a: &str, b: &str) -> String {
    let mut out = format!("A = {a}\nB = {b}\n");
    if d.cadres.is_empty() && d.newly_filled.is_empty() && d.emptied.is_empty() && d.kpis.is_empty()
    {
        return out + "\nthe two plans are the same\n";
    }
    if !d.cadres.is_empty() {
        out += &format!("\nCadres placed differently ({}):\n", d.cadres.len());
        for c in &d.cadres {
            let line = match (&c.in_a, &c.in_b) {
                (Some(x), Some(y)) => format!("{}: {} in A, {} in B", c.cadre, x, y),
                (Some(x), None) => format!("{}: moves to {} in A, stays in B", c.cadre, x),
                (None, Some(y)) => format!("{}: stays in A, moves to {} in B", c.cadre, y),
                (None, None) => continue,
            };
            out += &format!("  {line}\n");
        }
    }
    if !d.newly_filled.is_empty() {
        out += &format!(
            "\nPosts filled in B but empty in A ({}):\n",
            d.newly_filled.len()
        );
        out += &d
            .newly_filled
            .iter()
            .map(|p| format!("  {p}\n"))
            .collect::<String>();
    }
    if !d.emptied.is_empty() {
        out += &format!(
            "\nPosts filled in A but empty in B ({}):\n",
            d.emptied.len()
        );
        out += &d
            .emptied
            .iter()
            .map(|p| format!("  {p}\n"))
            .collect::<String>();
    }
    if !d.kpis.is_empty() {
        out += "\nKPIs that change:\n";
        for k in &d.kpis {
            let delta = match (k.a, k.b) {
                (Some(x), Some(y)) => format!(" ({}{})", if y >= x { "+" } else { "" }, num(y - x)),
                _ => String::new(),
            };
            out += &format!(
                "  {}: {} → {}{}\n",
                k.kpi,
                k.a.map_or("—".into(), num),
                k.b.map_or("—".into(), num),
                delta
            );
        }
    }
    out
}
