//! The score of any plan (`rotaplan check`): its objective term by term, its KPIs, and with
//! `--against-optimum` how far it is from the optimum of the same scenario, and where.

use super::catalogue::{self, Msg, fill, t};
use super::{num_in, text_table};
use crate::domain::Lang;
use crate::domain::Weights;
use crate::plan::Score;
use crate::scoring::TERMS;
use serde_json::{Value, json};

/// The catalogue message of a label key of this module.
fn label_msg(key: &str) -> Option<Msg> {
    Some(match key {
        "component" => Msg::ScoreComponent,
        "points" => Msg::ScorePoints,
        "weight" => Msg::ScoreWeight,
        "contribution" => Msg::ScoreContribution,
        "this_plan" => Msg::ScoreThisPlan,
        "optimum" => Msg::ScoreOptimum,
        "difference" => Msg::ScoreDifference,
        "must_fill_empty" => Msg::ScoreMustFillEmpty,
        "extra_seats" => Msg::ScoreExtraSeats,
        "women_shortfall" => Msg::ScoreWomenShortfall,
        "young_shortfall" => Msg::ScoreYoungShortfall,
        "minority_shortfall" => Msg::ScoreMinorityShortfall,
        "total" => Msg::LabelObjective,
        "kpi" => Msg::ScoreKpi,
        "posts_filled" => Msg::LabelPostsFilled,
        "must_fill_filled" => Msg::XlsxMustFillFilled,
        "shortage_filled" => Msg::ScoreShortageFilled,
        "moves" => Msg::ScoreMoves,
        "women_share" => Msg::ScoreWomenShare,
        "young_share" => Msg::ScoreYoungShare,
        "minority_share" => Msg::ScoreMinorityShare,
        "training_coverage" => Msg::ScoreTrainingCoverage,
        "title" => Msg::ScoreTitle,
        "kpis" => Msg::ScoreKpis,
        "same" => Msg::ScoreSame,
        "worse" => Msg::ScoreWorse,
        "differently" => Msg::ScoreDifferently,
        "not_proven" => Msg::ScoreNotProven,
        _ => return None,
    })
}

fn label(lang: Lang, key: &str) -> &'static str {
    label_msg(key).map_or("", |m| t(lang, m))
}

/// The optimum a plan is measured against.
#[derive(Debug, Clone)]
pub struct Optimum {
    pub score: Score,
    /// The solver's status word for the optimum's solve (`optimal`, `time_limit`, …).
    pub status: String,
    /// Cadres whose move differs between the plan and the optimum.
    pub placed_differently: usize,
    /// The plan's violations of hard rules: with any, it is no plan and its distance from the
    /// optimum means nothing (said first, no difference given).
    pub breaks_rules: usize,
}

/// (key, points, weight, signed contribution) of every part of the objective.
fn components(s: &Score, w: &Weights) -> Vec<(&'static str, f64, f64, f64)> {
    let o = &s.objective;
    let mut out: Vec<(&'static str, f64, f64, f64)> = TERMS
        .iter()
        .map(|t| {
            (
                t.name,
                (t.points)(&o.terms),
                (t.weight)(w),
                t.weighted(&o.terms, w),
            )
        })
        .collect();
    let pen = |k, x: f64, wt: f64| (k, x, wt, -wt * x);
    out.push(pen(
        "must_fill_empty",
        o.must_fill_empty_seats as f64,
        w.must_fill,
    ));
    out.push(pen("extra_seats", o.extra_seats_used as f64, w.extra_seat));
    out.push(pen("women_shortfall", o.women_shortfall, w.women_shortfall));
    out.push(pen("young_shortfall", o.young_shortfall, w.young_shortfall));
    out.push(pen(
        "minority_shortfall",
        o.minority_shortfall,
        w.minority_shortfall,
    ));
    out
}

/// A component's or KPI's name in `lang` (an objective term by its catalogue name).
fn name(lang: Lang, key: &'static str) -> &'static str {
    label_msg(key)
        .or_else(|| catalogue::term_msg(key))
        .map_or(key, |m| t(lang, m))
}

fn kpi_rows(lang: Lang, s: &Score) -> Vec<(&'static str, String)> {
    let k = &s.kpis;
    // A share of no moves is none: "—", as plan.md and the pages write it.
    let pct = |x: f64| {
        if k.moves == 0 {
            "—".to_string()
        } else {
            super::number_in(lang, &format!("{:.1}", x * 100.0))
        }
    };
    vec![
        (
            "posts_filled",
            fill(
                lang,
                Msg::ValueOf,
                &[("a", &k.posts_filled), ("b", &k.posts)],
            ),
        ),
        (
            "must_fill_filled",
            fill(
                lang,
                Msg::ValueOf,
                &[("a", &k.must_fill_filled), ("b", &k.must_fill_posts)],
            ),
        ),
        (
            "shortage_filled",
            fill(
                lang,
                Msg::ValueOf,
                &[("a", &k.shortage_filled), ("b", &k.shortage_posts)],
            ),
        ),
        ("moves", k.moves.to_string()),
        ("women_share", pct(k.women_share)),
        ("young_share", pct(k.young_share)),
        ("minority_share", pct(k.minority_share)),
        ("training_coverage", pct(k.training_coverage)),
    ]
}

/// The score in words and tables; with an optimum, its column and the difference, and a sentence
/// naming where most of the difference lies.
pub fn score_text(s: &Score, w: &Weights, optimum: Option<&Optimum>, lang: Lang) -> String {
    // A plan that breaks hard rules: said first, and no distance from the optimum given.
    let invalid = optimum.is_some_and(|o| o.breaks_rules > 0);
    let mut out = String::new();
    if let Some(o) = optimum.filter(|_| invalid) {
        out += &fill(lang, Msg::ScoreBreaksRules, &[("n", &o.breaks_rules)]);
        out += "\n\n";
    }
    out += &format!(
        "{}: {} {}\n\n",
        label(lang, "title"),
        label(lang, "total"),
        num_in(lang, s.objective.total)
    );
    let diff = |x: f64| {
        if invalid {
            "—".to_string()
        } else {
            num_in(lang, x)
        }
    };
    let mine = components(s, w);
    let theirs = optimum.map(|o| components(&o.score, w));
    let mut header = vec![
        label(lang, "component"),
        label(lang, "points"),
        label(lang, "weight"),
        label(lang, "contribution"),
    ];
    if optimum.is_some() {
        header.extend([label(lang, "optimum"), label(lang, "difference")]);
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (i, (k, pts, wt, c)) in mine.iter().enumerate() {
        let other = theirs.as_ref().map(|t| t[i].3);
        // Penalties that neither plan pays are left out.
        if i >= TERMS.len() && *c == 0.0 && other.is_none_or(|x| x == 0.0) {
            continue;
        }
        let mut row = vec![
            name(lang, k).to_string(),
            num_in(lang, *pts),
            num_in(lang, *wt),
            num_in(lang, *c),
        ];
        if let Some(x) = other {
            row.extend([num_in(lang, x), diff(c - x)]);
        }
        rows.push(row);
    }
    let mut total = vec![
        label(lang, "total").to_string(),
        String::new(),
        String::new(),
        num_in(lang, s.objective.total),
    ];
    if let Some(o) = optimum {
        total.extend([
            num_in(lang, o.score.objective.total),
            diff(s.objective.total - o.score.objective.total),
        ]);
    }
    rows.push(total);
    out += &text_table(&header, &rows);
    out += &format!("\n{}\n", label(lang, "kpis"));
    let mut kh = vec![label(lang, "kpi"), label(lang, "this_plan")];
    if optimum.is_some() {
        kh.push(label(lang, "optimum"));
    }
    let theirs_k = optimum.map(|o| kpi_rows(lang, &o.score));
    let krows: Vec<Vec<String>> = kpi_rows(lang, s)
        .into_iter()
        .enumerate()
        .map(|(i, (k, v))| {
            let mut r = vec![name(lang, k).to_string(), v];
            if let Some(t) = &theirs_k {
                r.push(t[i].1.clone());
            }
            r
        })
        .collect();
    out += &text_table(&kh, &krows);
    if let (Some(o), Some(t)) = (optimum, &theirs) {
        let d = o.score.objective.total - s.objective.total;
        out += "\n";
        if invalid {
            out += &fill(lang, Msg::ScoreBreaksRules, &[("n", &o.breaks_rules)]);
        } else if d.abs() < 1e-6 {
            out += label(lang, "same");
        } else {
            // The parts where this plan loses most, largest first.
            let mut loss: Vec<(&str, f64)> = mine
                .iter()
                .zip(t)
                .map(|(m, o)| (m.0, o.3 - m.3))
                .filter(|(_, x)| *x > 1e-6)
                .collect();
            loss.sort_by(|a, b| b.1.total_cmp(&a.1));
            let w: Vec<String> = loss
                .iter()
                .take(3)
                .map(|(k, x)| format!("{} (−{})", name(lang, k), num_in(lang, *x)))
                .collect();
            out += &fill(
                lang,
                Msg::ScoreWorse,
                &[("d", &num_in(lang, d)), ("w", &w.join(", "))],
            );
        }
        out += "\n";
        let worded = super::catalogue::status_id(lang, &o.status);
        let status = if o.status == "optimal" {
            worded
        } else {
            format!("{worded}, {}", label(lang, "not_proven"))
        };
        out += &fill(
            lang,
            Msg::ScoreDifferently,
            &[("n", &o.placed_differently), ("s", &status)],
        );
        out += "\n";
    }
    out
}

/// The score as JSON: `objective` (plan.json's breakdown), `kpis`, `components` (key, points,
/// weight, contribution), and `optimum` with `difference` per component when measured.
pub fn score_json(s: &Score, w: &Weights, optimum: Option<&Optimum>) -> Value {
    let comps = |s: &Score| -> Vec<Value> {
        components(s, w)
            .into_iter()
            // `0.0 + c`: a contribution of −0 (a weight times no points, subtracted) is 0.
            .map(|(k, p, wt, c)| json!({"component": k, "points": p, "weight": wt, "contribution": 0.0 + c}))
            .collect()
    };
    let mut v = json!({
        "objective": s.objective,
        "kpis": s.kpis,
        "components": comps(s),
    });
    if let Some(o) = optimum {
        let diff: Vec<Value> = components(s, w)
            .into_iter()
            .zip(components(&o.score, w))
            .map(|(m, t)| json!({"component": m.0, "difference": m.3 - t.3}))
            .collect();
        v["optimum"] = json!({
            "status": o.status,
            "objective": o.score.objective,
            "kpis": o.score.kpis,
            "components": comps(&o.score),
            "placed_differently": o.placed_differently,
            "breaks_hard_rules": o.breaks_rules,
            "difference": s.objective.total - o.score.objective.total,
            "difference_by_component": diff,
        });
        // A plan that breaks hard rules is no plan: no distance from the optimum.
        if o.breaks_rules > 0 {
            v["optimum"]["difference"] = Value::Null;
            v["optimum"]["difference_by_component"] = Value::Null;
        }
    }
    v
}
