//! Renderers of the explanations (`rotaplan explain`) and of the explanation parts of a plan report
//! (structure, requirements to relax, runner-ups). They format what `explain` computed; nothing more.

use super::{Format, md_escape, md_table, num, text_table};
use crate::explain::{
    CadreExplanation, Change, Cost, Counterfactual, Explanation, MustFillBlock, Overview,
    PairExplanation, PostExplanation, Relaxation, RunnerUps, Structure,
};
use crate::plan::{Plan, Unfilled};
use std::fmt::Write as _;

/// Render an explanation as a text table (`Format::Table`), JSON or Markdown (CSV falls back to
/// the table).
pub fn explanation(e: &Explanation, format: Format) -> String {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(e)
                .unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"));
            s.push('\n');
            s
        }
        Format::Markdown => markdown(e),
        Format::Table | Format::Csv => text(e),
    }
}

fn text(e: &Explanation) -> String {
    match e {
        Explanation::Pair(x) => pair_text(x),
        Explanation::Cadre(x) => cadre_text(x),
        Explanation::Post(x) => post_text(x),
        Explanation::Plan(x) => overview_text(x),
        Explanation::Structure(x) => {
            let mut out = String::from("Structure (before the MIP)\n");
            for l in structure_lines(x, usize::MAX) {
                let _ = writeln!(out, "  {l}");
            }
            out
        }
    }
}

fn markdown(e: &Explanation) -> String {
    match e {
        Explanation::Pair(x) => pair_md(x),
        Explanation::Cadre(x) => cadre_md(x),
        Explanation::Post(x) => post_md(x),
        Explanation::Plan(x) => overview_md(x),
        Explanation::Structure(x) => {
            let mut out = String::from("## Structure\n\n");
            for l in structure_lines(x, usize::MAX) {
                out += &format!("- {l}\n");
            }
            out
        }
    }
}

fn opt_num(x: Option<f64>) -> String {
    x.map_or("—".into(), num)
}

fn signed(x: f64) -> String {
    let s = num(x);
    if x > 0.0 { format!("+{s}") } else { s }
}

fn names(v: &[String], max: usize) -> String {
    let mut s = v.iter().take(max).cloned().collect::<Vec<_>>().join(", ");
    if v.len() > max {
        s += &format!(" and {} more", v.len() - max);
    }
    s
}

fn block_line(b: &MustFillBlock) -> String {
    let cadres = if b.cadres.is_empty() {
        "no candidate".to_string()
    } else {
        format!("{} candidate(s): {}", b.cadres.len(), names(&b.cadres, 10))
    };
    format!(
        "must-fill {} ({} seat(s)) share {cadres}; at least {} seat(s) stay empty",
        names(&b.posts, 10),
        b.seats,
        b.short
    )
}

/// The structural check in lines (`max` names per list).
pub fn structure_lines(s: &Structure, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    if s.posts_without_candidate.is_empty() {
        out.push("every post has at least one candidate".to_string());
    } else {
        out.push(format!(
            "{} post(s) without any candidate: {}",
            s.posts_without_candidate.len(),
            names(&s.posts_without_candidate, max)
        ));
    }
    if s.must_fill_seats == 0 {
        out.push("no must-fill post".to_string());
    } else if s.must_fill_fillable == s.must_fill_seats {
        out.push(format!(
            "all {} must-fill seat(s) can be filled at once (before S1 and H10)",
            s.must_fill_seats
        ));
    } else {
        out.push(format!(
            "at most {} of {} must-fill seat(s) can be filled at once, in any plan",
            s.must_fill_fillable, s.must_fill_seats
        ));
        for b in &s.must_fill_blocks {
            out.push(block_line(b));
        }
    }
    out
}

fn relaxation_lines(r: &Relaxation) -> Vec<String> {
    let mut out = vec![r.summary.clone()];
    for d in &r.drop {
        for g in &d.breaks {
            out.push(format!(
                "{} → {} breaks {} ({}): {}",
                d.cadre_id,
                d.post_id,
                g.rule,
                g.rule.title(),
                g.detail
            ));
        }
    }
    out
}

fn cost_text(c: &Option<Cost>) -> (String, String) {
    match c {
        None => ("not re-solved".into(), String::new()),
        Some(c) => match c.cost {
            Some(x) => (
                num(x),
                if c.proven {
                    "yes".into()
                } else {
                    format!("no ({})", c.status.as_str())
                },
            ),
            None => ("no plan".into(), c.note.clone().unwrap_or_default()),
        },
    }
}

const RUNNER_UP_HEADER: [&str; 7] = [
    "post",
    "assigned",
    "runner-up",
    "score",
    "placed on",
    "cost",
    "proven",
];

fn runner_up_rows(r: &RunnerUps) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for p in &r.posts {
        for c in &p.candidates {
            let (cost, proven) = cost_text(&c.forced);
            rows.push(vec![
                p.post_id.clone(),
                p.assigned.join(", "),
                format!("{} {}", c.cadre_id, c.cadre_name),
                num(c.score),
                c.placed_on.clone().unwrap_or_else(|| "—".into()),
                cost,
                proven,
            ]);
        }
    }
    rows
}

fn runner_ups_heading(r: &RunnerUps) -> String {
    format!(
        "Runner-ups ({} per post; {} of at most {} re-solves; cost = objective lost if the runner-up is forced in)",
        r.per_post, r.solves, r.max_solves
    )
}

/// Extra lines of the plan's terminal table: the structural check and the requirements to relax.
pub(super) fn plan_table_notes(plan: &Plan) -> String {
    let mut out = String::new();
    let lines = structure_lines(&plan.structure, 10);
    if !plan.structure.is_clear() {
        for l in lines {
            let _ = writeln!(out, "  structure: {l}");
        }
    }
    if let Some(r) = &plan.relaxation {
        for (k, l) in relaxation_lines(r).iter().enumerate() {
            if k == 0 {
                let _ = writeln!(out, "  to get a plan: {l}");
            } else {
                let _ = writeln!(out, "    {l}");
            }
        }
    }
    out
}

/// Extra sections of plan.md: the structural check, the requirements to relax and the runner-ups.
pub(super) fn plan_markdown_sections(plan: &Plan) -> String {
    let mut out = String::from("\n## Structure\n\n");
    for l in structure_lines(&plan.structure, 50) {
        out += &format!("- {}\n", md_escape(&l));
    }
    if let Some(r) = &plan.relaxation {
        out += "\n## Requirements to relax\n\n";
        for l in relaxation_lines(r) {
            out += &format!("- {}\n", md_escape(&l));
        }
    }
    let rows = runner_up_rows(&plan.runner_ups);
    if !rows.is_empty() || plan.runner_ups.note.is_some() {
        out += &format!("\n## {}\n\n", runner_ups_heading(&plan.runner_ups));
        if !rows.is_empty() {
            out += &md_table(&RUNNER_UP_HEADER, &rows);
        }
        if let Some(n) = &plan.runner_ups.note {
            out += &format!("\n> {n}\n");
        }
    }
    out
}

fn change_list(v: &[Change], only_changed: bool) -> String {
    v.iter()
        .filter(|c| !only_changed || c.delta.abs() > 1e-9)
        .map(|c| {
            format!(
                "{} {} → {} ({})",
                c.name,
                num(c.before),
                num(c.after),
                signed(c.delta)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn counterfactual_lines(cf: &Counterfactual) -> Vec<String> {
    let mut out = vec![format!(
        "re-solved with {}: status {}, {}",
        cf.change,
        cf.status.as_str(),
        if cf.proven {
            "proven (both solves optimal)"
        } else {
            "not proven optimal"
        }
    )];
    if cf.status.has_plan() {
        out.push(format!(
            "objective {} → {} ({})",
            opt_num(cf.objective_before),
            opt_num(cf.objective_after),
            cf.delta.map_or("—".into(), signed)
        ));
        let o = change_list(&cf.objective_changes, true);
        if !o.is_empty() {
            out.push(format!("objective parts: {o}"));
        }
        let k = change_list(&cf.kpis, true);
        out.push(if k.is_empty() {
            "KPIs: no change".to_string()
        } else {
            format!("KPIs: {k}")
        });
        if !cf.moves.is_empty() {
            out.push(format!(
                "moves: {}",
                cf.moves
                    .iter()
                    .map(|m| format!(
                        "{} {} → {}",
                        m.cadre_id,
                        m.before.as_deref().unwrap_or("—"),
                        m.after.as_deref().unwrap_or("—")
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
    }
    for g in &cf.infeasible {
        out.push(format!(
            "cannot hold: {} ({}): {}",
            g.rule,
            g.rule.title(),
            g.detail
        ));
    }
    if let Some(n) = &cf.note {
        out.push(format!("note: {n}"));
    }
    out
}

fn pair_lines(e: &PairExplanation) -> Vec<String> {
    let mut out = Vec::new();
    for b in &e.breaches {
        out.push(format!("{} ({}): {}", b.rule, b.rule.title(), b.detail));
    }
    if e.forbidden {
        out.push(format!(
            "S3 (forbid): the scenario forbids the pair{}",
            e.forbid_reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        ));
    }
    if let (Some(t), Some(s)) = (&e.terms, e.score) {
        let terms = crate::explain::numbers(t)
            .iter()
            .map(|(n, x)| format!("{n} {}", num(*x)))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(format!("score {} (points: {terms})", num(s)));
        if !e.training.is_empty() {
            out.push(format!(
                "training gains: {}",
                e.training
                    .iter()
                    .map(|g| g.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    if let Some(cf) = &e.counterfactual {
        out.extend(counterfactual_lines(cf));
    }
    out
}

fn pair_text(e: &PairExplanation) -> String {
    let mut out = format!("{}\n", e.summary);
    for l in pair_lines(e) {
        let _ = writeln!(out, "  {l}");
    }
    out
}

fn pair_md(e: &PairExplanation) -> String {
    let mut out = format!(
        "## {} → {}\n\n{}\n\n",
        e.cadre_id,
        e.post_id,
        md_escape(&e.summary)
    );
    for l in pair_lines(e) {
        out += &format!("- {}\n", md_escape(&l));
    }
    out
}

const OPTION_HEADER: [&str; 7] = [
    "post",
    "title",
    "score",
    "held by",
    "why not",
    "cost if forced",
    "proven",
];

fn option_rows(e: &CadreExplanation) -> Vec<Vec<String>> {
    e.options
        .iter()
        .map(|o| {
            let held = if o.taken {
                format!("{} (this cadre)", e.cadre_id)
            } else if o.holders.is_empty() {
                "—".into()
            } else {
                o.holders
                    .iter()
                    .map(|h| format!("{} ({})", h.cadre_id, num(h.score)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (cost, proven) = if o.taken {
                (String::new(), String::new())
            } else {
                cost_text(&o.forced)
            };
            vec![
                o.post_id.clone(),
                o.post_title.clone(),
                num(o.score),
                held,
                o.why_not.clone().unwrap_or_default(),
                cost,
                proven,
            ]
        })
        .collect()
}

fn cadre_facts(e: &CadreExplanation) -> Vec<String> {
    let mut out = vec![format!(
        "current unit {}, rank {}; plan status {}",
        e.current_unit.as_deref().unwrap_or("—"),
        e.current_rank,
        e.plan_status.as_str()
    )];
    for b in &e.cadre_rules {
        out.push(format!("{} ({}): {}", b.rule, b.rule.title(), b.detail));
    }
    let cuts = e
        .cut_by_rule
        .iter()
        .map(|(r, n)| format!("{r} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    out.push(format!(
        "{} post(s) of a compatible rank (H6){}",
        e.rank_compatible_posts,
        if cuts.is_empty() {
            String::new()
        } else {
            format!("; posts cut by each rule: {cuts}")
        }
    ));
    if !e.forbidden_posts.is_empty() {
        out.push(format!("forbidden: {}", e.forbidden_posts.join(", ")));
    }
    out
}

fn cadre_text(e: &CadreExplanation) -> String {
    let mut out = format!("{}\n", e.summary);
    for l in cadre_facts(e) {
        let _ = writeln!(out, "  {l}");
    }
    if !e.options.is_empty() {
        let _ = writeln!(
            out,
            "\nCandidate posts of {} (best score first)",
            e.cadre_id
        );
        out += &text_table(&OPTION_HEADER, &option_rows(e));
    }
    out
}

fn cadre_md(e: &CadreExplanation) -> String {
    let mut out = format!(
        "## {} {}\n\n{}\n\n",
        e.cadre_id,
        md_escape(&e.cadre_name),
        md_escape(&e.summary)
    );
    for l in cadre_facts(e) {
        out += &format!("- {}\n", md_escape(&l));
    }
    if !e.options.is_empty() {
        out += "\n### Candidate posts (best score first)\n\n";
        out += &md_table(&OPTION_HEADER, &option_rows(e));
    }
    out
}

const POST_HEADER: [&str; 6] = [
    "cadre",
    "score",
    "placed on",
    "change",
    "objective",
    "proven",
];

fn post_rows(e: &PostExplanation) -> Vec<Vec<String>> {
    e.candidates
        .iter()
        .map(|c| {
            let (change, delta, proven) = match &c.counterfactual {
                None => ("not re-solved".to_string(), String::new(), String::new()),
                Some(cf) => (
                    cf.change.clone(),
                    if cf.status.has_plan() {
                        cf.delta.map_or("—".into(), signed)
                    } else {
                        "no plan".into()
                    },
                    if cf.proven { "yes" } else { "no" }.to_string(),
                ),
            };
            vec![
                format!("{} {}", c.cadre_id, c.cadre_name),
                num(c.score),
                c.placed_on.clone().unwrap_or_else(|| "—".into()),
                change,
                delta,
                proven,
            ]
        })
        .collect()
}

fn post_text(e: &PostExplanation) -> String {
    let mut out = format!(
        "{} {} ({}), {} seat(s){}\n{}\n",
        e.post_id,
        e.post_title,
        e.unit_id,
        e.seats,
        if e.must_fill { ", must fill" } else { "" },
        e.summary
    );
    if !e.candidates.is_empty() {
        let _ = writeln!(
            out,
            "\nCandidates (holders first; objective = change if the pair is forbidden or forced in)"
        );
        out += &text_table(&POST_HEADER, &post_rows(e));
    }
    if let Some(u) = &e.unfilled {
        let d = unfilled_details(u, "  ");
        if !d.is_empty() {
            let _ = writeln!(out, "\nEmpty seat(s): {}\n{d}", u.kind.as_str());
        }
    }
    out
}

fn post_md(e: &PostExplanation) -> String {
    let mut out = format!(
        "## {} {}\n\n{}\n\n",
        e.post_id,
        md_escape(&e.post_title),
        md_escape(&e.summary)
    );
    if !e.candidates.is_empty() {
        out += &md_table(&POST_HEADER, &post_rows(e));
    }
    out
}

fn unfilled_details(u: &Unfilled, indent: &str) -> String {
    let mut out = String::new();
    // The exclusion counts are in the reason already; list the eligible cadres.
    for c in &u.eligible {
        let _ = writeln!(
            out,
            "{indent}{} (score {}): {}",
            c.cadre_id,
            num(c.score),
            c.detail
        );
    }
    if !u.eligible.is_empty() && u.eligible_count > u.eligible.len() {
        let _ = writeln!(
            out,
            "{indent}… and {} more eligible cadre(s)",
            u.eligible_count - u.eligible.len()
        );
    }
    out
}

fn overview_text(e: &Overview) -> String {
    let mut out = format!(
        "{} — status {}, objective {}\n",
        e.scenario,
        e.status.as_str(),
        opt_num(e.objective)
    );
    let _ = writeln!(out, "\nStructure (before the MIP)");
    for l in structure_lines(&e.structure, 20) {
        let _ = writeln!(out, "  {l}");
    }
    if let Some(r) = &e.relaxation {
        let _ = writeln!(out, "\nRequirements to relax");
        for l in relaxation_lines(r) {
            let _ = writeln!(out, "  {l}");
        }
    }
    let rows = runner_up_rows(&e.runner_ups);
    if !rows.is_empty() {
        let _ = writeln!(out, "\n{}", runner_ups_heading(&e.runner_ups));
        out += &text_table(&RUNNER_UP_HEADER, &rows);
    }
    if let Some(n) = &e.runner_ups.note {
        let _ = writeln!(out, "  note: {n}");
    }
    if !e.unfilled.is_empty() {
        let _ = writeln!(out, "\nUnfilled posts");
        for u in &e.unfilled {
            let mf = if u.must_fill { " [must fill]" } else { "" };
            let _ = writeln!(
                out,
                "  {} {}{} ({}): {}",
                u.post_id,
                u.post_title,
                mf,
                u.kind.as_str(),
                u.reason
            );
            out += &unfilled_details(u, "    ");
        }
    }
    out
}

fn overview_md(e: &Overview) -> String {
    let mut out = format!(
        "# {}\n\nStatus `{}`, objective {}.\n\n## Structure\n\n",
        md_escape(&e.scenario),
        e.status.as_str(),
        opt_num(e.objective)
    );
    for l in structure_lines(&e.structure, 50) {
        out += &format!("- {}\n", md_escape(&l));
    }
    if let Some(r) = &e.relaxation {
        out += "\n## Requirements to relax\n\n";
        for l in relaxation_lines(r) {
            out += &format!("- {}\n", md_escape(&l));
        }
    }
    let rows = runner_up_rows(&e.runner_ups);
    if !rows.is_empty() {
        out += &format!("\n## {}\n\n", runner_ups_heading(&e.runner_ups));
        out += &md_table(&RUNNER_UP_HEADER, &rows);
    }
    if let Some(n) = &e.runner_ups.note {
        out += &format!("\n> {n}\n");
    }
    if !e.unfilled.is_empty() {
        out += "\n## Unfilled posts\n\n";
        for u in &e.unfilled {
            out += &format!(
                "- `{}` {} (`{}`): {}\n",
                u.post_id,
                md_escape(&u.post_title),
                u.kind.as_str(),
                md_escape(&u.reason.to_string())
            );
            for l in unfilled_details(u, "").lines() {
                out += &format!("  - {}\n", md_escape(l));
            }
        }
    }
    out
}
