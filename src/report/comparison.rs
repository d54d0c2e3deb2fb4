//! Renderers of the comparison table and of a plan diff.

use super::catalogue::{self, Msg, t};
use super::{md_table, num, num_in, number_in, text_table};
use crate::compare::{Comparison, Diff};
use crate::domain::Lang;

/// The line before the violations of a hand-made plan that `compare` scored.
pub fn hand_made_breaks_rules(lang: Lang, file: &str) -> String {
    catalogue::fill(lang, Msg::HandMadeBreaksRules, &[("file", &file)])
}

/// The catalogue message of a label key of this module.
fn label_msg(key: &str) -> Option<Msg> {
    Some(match key {
        "plan" => Msg::CmpPlan,
        "weights" => Msg::CmpWeights,
        "status" => Msg::LabelStatus,
        "objective" => Msg::CmpObjective,
        "gap" => Msg::CmpGap,
        "posts_filled" => Msg::LabelPostsFilled,
        "must_fill_filled" => Msg::CmpMustFillFilled,
        "shortage_filled" => Msg::CmpShortageFilled,
        "moves" => Msg::ScoreMoves,
        "women_share" => Msg::ScoreWomenShare,
        "young_share" => Msg::ScoreYoungShare,
        "minority_share" => Msg::ScoreMinorityShare,
        "extra_seats_used" => Msg::CmpExtraSeatsUsed,
        "training_coverage" => Msg::CmpTrainingCoverage,
        "title" => Msg::CmpTitle,
        "plans" => Msg::CmpPlans,
        "sec_objective" => Msg::CmpSecObjective,
        "sec_posts" => Msg::CmpSecPosts,
        "sec_shares" => Msg::CmpSecShares,
        "failed" => Msg::CmpFailed,
        "note_best" => Msg::CmpNoteBest,
        "note_unknown" => Msg::CmpNoteUnknown,
        "none" => Msg::CmpNone,
        _ => return None,
    })
}

/// The label of `key` in `lang` (an objective term's name, or the key itself when it has none).
fn label(lang: Lang, key: &'static str) -> &'static str {
    label_msg(key)
        .or_else(|| catalogue::term_msg(key))
        .map_or(key, |m| t(lang, m))
}

/// The widest a table may be: a terminal of 100 columns, and an A4 page in the Markdown/HTML form.
pub const MAX_WIDTH: usize = 100;

/// A value as people read it: shares as percentages with one decimal, others as numbers.
fn shown(lang: Lang, v: Option<f64>, percent: bool) -> String {
    match v {
        None => "—".into(),
        Some(x) if percent => number_in(lang, &format!("{:.1}", x * 100.0)),
        Some(x) => num_in(lang, x),
    }
}

fn cell(lang: Lang, v: Option<f64>, percent: bool, best: bool) -> String {
    let s = shown(lang, v, percent);
    if best { format!("{s} *") } else { s }
}

/// The sections of the comparison: the objective with its terms, the posts and moves, the shares;
/// each a list of column indexes.
fn sections(cmp: &Comparison) -> Vec<(&'static str, Vec<usize>)> {
    let mut obj = Vec::new();
    let mut posts = Vec::new();
    let mut shares = Vec::new();
    for (k, c) in cmp.columns.iter().enumerate() {
        if c.weighted {
            obj.push(k);
        } else if c.percent && c.name != "gap" {
            shares.push(k);
        } else {
            posts.push(k);
        }
    }
    vec![
        ("sec_objective", obj),
        ("sec_posts", posts),
        ("sec_shares", shares),
    ]
}

/// Column indexes split into tables that fit [`MAX_WIDTH`] (the `#` column repeated in each).
fn fit_width(lang: Lang, cmp: &Comparison, cols: &[usize]) -> Vec<Vec<usize>> {
    let width = |k: usize| {
        let c = &cmp.columns[k];
        cmp.rows
            .iter()
            .map(|r| {
                cell(lang, r.values[k], c.percent, r.best[k])
                    .chars()
                    .count()
            })
            .chain([label(lang, c.name).chars().count()])
            .max()
            .unwrap_or(0)
    };
    let first = cmp.rows.len().to_string().len().max(1);
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut used = first;
    for &k in cols {
        let w = width(k) + 2;
        match out.last_mut() {
            Some(t) if used + w <= MAX_WIDTH => t.push(k),
            _ => {
                out.push(vec![k]);
                used = first;
            }
        }
        used += w;
    }
    out
}

/// The list of plans: number, name, weights letter, status.
fn plan_rows(cmp: &Comparison, lang: Lang) -> Vec<Vec<String>> {
    cmp.rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                r.name.clone(),
                r.weights.clone().unwrap_or_else(|| "?".into()),
                catalogue::status_id(lang, &r.status),
            ]
        })
        .collect()
}

fn value_table(
    lang: Lang,
    cmp: &Comparison,
    cols: &[usize],
) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let mut h = vec!["#"];
    h.extend(cols.iter().map(|&k| label(lang, cmp.columns[k].name)));
    let rows = cmp
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row = vec![(i + 1).to_string()];
            row.extend(
                cols.iter()
                    .map(|&k| cell(lang, r.values[k], cmp.columns[k].percent, r.best[k])),
            );
            row
        })
        .collect();
    (h, rows)
}

fn notes(lang: Lang, cmp: &Comparison) -> String {
    let mut out = wrap(label(lang, "note_best"));
    if cmp.weights_unknown() {
        out += &wrap(label(lang, "note_unknown"));
    }
    out
}

/// Text broken into lines of at most [`MAX_WIDTH`] characters, at spaces.
pub(crate) fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for w in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + w.chars().count() > MAX_WIDTH {
            out += &line;
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line += w;
    }
    out += &line;
    out.push('\n');
    out
}

fn failures_lines(failures: &[(String, String)]) -> String {
    failures_lines_with(failures, |s| s.to_string())
}

/// A list item per failure, its name and the first line of its error passed through `shown`
/// (Markdown escapes each, not the item's own `- `).
fn failures_lines_with(failures: &[(String, String)], shown: impl Fn(&str) -> String) -> String {
    failures
        .iter()
        .map(|(name, e)| {
            format!(
                "- {}: {}\n",
                shown(name),
                shown(e.lines().next().unwrap_or("failed"))
            )
        })
        .collect()
}

fn plan_header(lang: Lang) -> Vec<&'static str> {
    ["#", "plan", "weights", "status"]
        .into_iter()
        .map(|k| label(lang, k))
        .collect()
}

/// Terminal text: the plans numbered, then their values in tables of at most [`MAX_WIDTH`]
/// characters (the objective with its terms, the posts and moves, the shares in percent); `*`
/// marks the best within a group.
pub fn comparison_text(cmp: &Comparison, failures: &[(String, String)]) -> String {
    comparison_text_in(cmp, failures, Lang::En)
}

/// [`comparison_text`] in `lang`.
pub fn comparison_text_in(cmp: &Comparison, failures: &[(String, String)], lang: Lang) -> String {
    let mut out = format!("{}\n", label(lang, "plans"));
    if cmp.rows.is_empty() {
        // Empty tables would read as a comparison that found nothing.
        out += &wrap(label(lang, "none"));
        out += &failures_text(lang, failures);
        return out;
    }
    out += &text_table(&plan_header(lang), &plan_rows(cmp, lang));
    for (title, cols) in sections(cmp) {
        for part in fit_width(lang, cmp, &cols) {
            let (h, rows) = value_table(lang, cmp, &part);
            out += &format!("\n{}\n", label(lang, title));
            out += &text_table(&h, &rows);
        }
    }
    out += "\n";
    out += &notes(lang, cmp);
    out += &failures_text(lang, failures);
    out
}

fn failures_text(lang: Lang, failures: &[(String, String)]) -> String {
    if failures.is_empty() {
        return String::new();
    }
    format!(
        "\n{} ({}):\n{}",
        label(lang, "failed"),
        failures.len(),
        failures_lines(failures)
    )
}

/// The same tables in Markdown (each fits an A4 page in summary.html).
pub fn comparison_markdown(cmp: &Comparison, failures: &[(String, String)]) -> String {
    comparison_markdown_in(cmp, failures, Lang::En)
}

/// [`comparison_markdown`] in `lang`.
pub fn comparison_markdown_in(
    cmp: &Comparison,
    failures: &[(String, String)],
    lang: Lang,
) -> String {
    let mut out = format!("# {}\n\n", label(lang, "title"));
    if cmp.rows.is_empty() {
        out += label(lang, "none");
        out.push('\n');
    } else {
        out += &comparison_tables_md(cmp, lang);
    }
    if !failures.is_empty() {
        out += &format!(
            "\n## {}\n\n{}",
            label(lang, "failed"),
            failures_lines_with(failures, super::md_escape)
        );
    }
    out
}

fn comparison_tables_md(cmp: &Comparison, lang: Lang) -> String {
    let mut out = md_table(&plan_header(lang), &plan_rows(cmp, lang));
    for (title, cols) in sections(cmp) {
        // One heading per section: a section too wide for the page goes on as further tables
        // under the same heading.
        for (i, part) in fit_width(lang, cmp, &cols).into_iter().enumerate() {
            let (h, rows) = value_table(lang, cmp, &part);
            if i == 0 {
                out += &format!("\n### {}\n\n", label(lang, title));
            } else {
                out += "\n";
            }
            out += &md_table(&h, &rows);
        }
    }
    out += "\n";
    out += &notes(lang, cmp).replace('*', "\\*");
    out
}

/// The key of a column in CSV and JSON: shares carry `_pct` (their values are percentages).
fn key(c: &crate::compare::ColumnInfo) -> String {
    if c.percent {
        format!("{}_pct", c.name)
    } else {
        c.name.to_string()
    }
}

fn machine_value(v: Option<f64>, percent: bool) -> Option<f64> {
    v.map(|x| {
        if percent {
            (x * 1e6 * 100.0).round() / 1e6
        } else {
            x
        }
    })
}

/// One row per plan: `plan,group,weights,status`, the columns (shares as `_pct`), and `best` (the
/// columns where the plan is best within its group, `;`-separated).
pub fn comparison_csv(cmp: &Comparison) -> String {
    let mut head: Vec<String> = ["plan", "group", "weights", "status"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    head.extend(cmp.columns.iter().map(key));
    head.push("best".into());
    let mut out = super::csv_line(&head);
    for r in &cmp.rows {
        let mut row = vec![
            r.name.clone(),
            r.group.clone(),
            r.weights.clone().unwrap_or_default(),
            r.status.clone(),
        ];
        row.extend(
            r.values
                .iter()
                .zip(&cmp.columns)
                .map(|(v, c)| machine_value(*v, c.percent).map_or(String::new(), num)),
        );
        row.push(best_keys(cmp, r).join(";"));
        out += &super::csv_line(&row);
    }
    out
}

fn best_keys(cmp: &Comparison, r: &crate::compare::ComparisonRow) -> Vec<String> {
    cmp.columns
        .iter()
        .zip(&r.best)
        .filter(|(_, b)| **b)
        .map(|(c, _)| key(c))
        .collect()
}

/// `{"columns": [...], "plans": [{"plan": …, "group": …, "weights": …, "status": …, <column>: value,
/// …, "best": [<column>, …]}]}`: one record per plan keyed by field name.
pub fn comparison_json(cmp: &Comparison) -> String {
    use serde_json::{Map, Value, json};
    let columns: Vec<Value> = cmp
        .columns
        .iter()
        .map(|c| {
            json!({
                "name": key(c),
                "better": c.better,
                "percent": c.percent,
                "weighted": c.weighted,
            })
        })
        .collect();
    let plans: Vec<Value> = cmp
        .rows
        .iter()
        .map(|r| {
            let mut m = Map::new();
            m.insert("plan".into(), json!(r.name));
            m.insert("group".into(), json!(r.group));
            m.insert("weights".into(), json!(r.weights));
            m.insert("status".into(), json!(r.status));
            for (c, v) in cmp.columns.iter().zip(&r.values) {
                m.insert(key(c), json!(machine_value(*v, c.percent)));
            }
            m.insert("best".into(), json!(best_keys(cmp, r)));
            Value::Object(m)
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&json!({ "columns": columns, "plans": plans }))
        .unwrap_or_default();
    s.push('\n');
    s
}

/// A diff in words a planner reads.
pub fn diff_text(d: &Diff, a: &str, b: &str) -> String {
    diff_text_in(d, a, b, Lang::En)
}

/// [`diff_text`] in `lang`: the KPIs by their labels (as the comparison's columns), shares in
/// percent.
pub fn diff_text_in(d: &Diff, a: &str, b: &str, lang: Lang) -> String {
    use super::catalogue::fill;
    let mut out = format!("A = {a}\nB = {b}\n");
    if d.cadres.is_empty() && d.newly_filled.is_empty() && d.emptied.is_empty() && d.kpis.is_empty()
    {
        return out + &format!("\n{}\n", t(lang, Msg::DiffSame));
    }
    if !d.cadres.is_empty() {
        out += &format!(
            "\n{}\n",
            fill(lang, Msg::DiffCadres, &[("n", &d.cadres.len())])
        );
        for c in &d.cadres {
            let line = match (&c.in_a, &c.in_b) {
                (Some(x), Some(y)) => fill(
                    lang,
                    Msg::DiffBoth,
                    &[("cadre", &c.cadre), ("a", x), ("b", y)],
                ),
                (Some(x), None) => fill(lang, Msg::DiffOnlyA, &[("cadre", &c.cadre), ("post", x)]),
                (None, Some(y)) => fill(lang, Msg::DiffOnlyB, &[("cadre", &c.cadre), ("post", y)]),
                (None, None) => continue,
            };
            out += &format!("  {line}\n");
        }
    }
    let posts = |key: Msg, list: &[String]| {
        format!(
            "\n{}\n{}",
            fill(lang, key, &[("n", &list.len())]),
            list.iter().map(|p| format!("  {p}\n")).collect::<String>()
        )
    };
    if !d.newly_filled.is_empty() {
        out += &posts(Msg::DiffNewlyFilled, &d.newly_filled);
    }
    if !d.emptied.is_empty() {
        out += &posts(Msg::DiffEmptied, &d.emptied);
    }
    if !d.kpis.is_empty() {
        out += &format!("\n{}\n", t(lang, Msg::DiffKpis));
        for k in &d.kpis {
            let percent =
                k.kpi.ends_with("_share") || k.kpi == "training_coverage" || k.kpi == "gap";
            let scale = if percent { 100.0 } else { 1.0 };
            let value = |v: Option<f64>| match v {
                None => "—".to_string(),
                Some(x) if percent => number_in(lang, &format!("{:.1}", x * scale)),
                Some(x) => num_in(lang, x),
            };
            let delta = match (k.a, k.b) {
                (Some(x), Some(y)) => {
                    let sign = if y >= x { "+" } else { "" };
                    let dv = if percent {
                        number_in(lang, &format!("{:.1}", (y - x) * scale))
                    } else {
                        num_in(lang, y - x)
                    };
                    format!(" ({sign}{dv})")
                }
                _ => String::new(),
            };
            out += &format!(
                "  {}: {} → {}{}\n",
                label(lang, k.kpi),
                value(k.a),
                value(k.b),
                delta
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Failures only: the sentence that there is nothing to compare, and each failure a list item
    /// whose own `- ` is not escaped (its name and error are).
    #[test]
    fn a_run_with_no_plan_says_so_and_lists_its_failures() {
        let cmp = crate::compare::compare(&[]);
        let failed = vec![("a/base".to_string(), "error[E1007]: x|y\nmore".to_string())];
        let md = comparison_markdown_in(&cmp, &failed, Lang::En);
        assert!(md.contains("No single-date plan to compare."), "{md}");
        assert!(md.contains("\n- a/base: error[E1007]: x\\|y\n"), "{md}");
        let text = comparison_text_in(&cmp, &failed, Lang::En);
        assert!(text.contains("- a/base: error[E1007]: x|y\n"), "{text}");
        assert!(!text.contains("posts filled"), "{text}");
    }
}
