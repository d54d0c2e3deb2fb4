//! The score of any plan (`rotaplan check`): its objective term by term, its KPIs, and with
//! `--against-optimum` how far it is from the optimum of the same scenario, and where.

use super::{num, text_table};
use crate::domain::Weights;
use crate::plan::Score;
use crate::scoring::TERMS;
use serde_json::{Value, json};

/// Every human-facing word of the score: (key, English, Vietnamese). The lead moves these into the
/// message catalogue; today the English column is used.
const LABELS: &[(&str, &str, &str)] = &[
    ("component", "component", "thành phần"),
    ("points", "points", "điểm"),
    ("weight", "weight", "trọng số"),
    ("contribution", "contribution", "đóng góp"),
    ("this_plan", "this plan", "phương án này"),
    ("optimum", "optimum", "tối ưu"),
    ("difference", "this − optimum", "chênh lệch so với tối ưu"),
    (
        "must_fill_empty",
        "must-fill seats left empty",
        "suất bắt buộc còn trống",
    ),
    ("extra_seats", "seats beyond quota", "suất vượt định mức"),
    (
        "women_shortfall",
        "women short of target",
        "thiếu chỉ tiêu nữ",
    ),
    (
        "young_shortfall",
        "young short of target",
        "thiếu chỉ tiêu trẻ",
    ),
    (
        "minority_shortfall",
        "minorities short of target",
        "thiếu chỉ tiêu dân tộc thiểu số",
    ),
    ("total", "objective", "giá trị mục tiêu"),
    ("kpi", "KPI", "chỉ tiêu"),
    ("posts_filled", "posts filled", "vị trí đã bố trí"),
    (
        "must_fill_filled",
        "must-fill posts filled",
        "vị trí bắt buộc đã bố trí",
    ),
    (
        "shortage_filled",
        "shortage posts filled",
        "vị trí nơi thiếu đã bố trí",
    ),
    ("moves", "moves", "lượt luân chuyển"),
    ("women_share", "women %", "nữ %"),
    ("young_share", "young %", "trẻ %"),
    ("minority_share", "minority %", "dân tộc thiểu số %"),
    ("training_coverage", "moves that train %", "có đào tạo %"),
    ("title", "Score of the plan", "Điểm của phương án"),
    ("kpis", "KPIs", "Các chỉ tiêu"),
    (
        "same",
        "The plan reaches the optimum's objective.",
        "Phương án đạt giá trị mục tiêu tối ưu.",
    ),
    (
        "worse",
        "The optimum is {d} higher; most of the difference is in: {w}.",
        "Phương án tối ưu cao hơn {d}; chênh lệch chủ yếu ở: {w}.",
    ),
    (
        "differently",
        "{n} cadre(s) are placed differently from the optimum ({s}).",
        "{n} cán bộ được bố trí khác phương án tối ưu ({s}).",
    ),
    ("not_proven", "not proven optimal", "chưa chứng minh tối ưu"),
];

fn label(key: &str) -> &'static str {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or("", |(_, en, _)| en)
}

/// The optimum a plan is measured against.
#[derive(Debug, Clone)]
pub struct Optimum {
    pub score: Score,
    /// The solver's status word for the optimum's solve (`optimal`, `time_limit`, …).
    pub status: String,
    /// Cadres whose move differs between the plan and the optimum.
    pub placed_differently: usize,
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

fn name(key: &'static str) -> &'static str {
    let l = label(key);
    if l.is_empty() { key } else { l }
}

fn kpi_rows(s: &Score) -> Vec<(&'static str, String)> {
    let k = &s.kpis;
    let pct = |x: f64| format!("{:.1}", x * 100.0);
    vec![
        ("posts_filled", format!("{} of {}", k.posts_filled, k.posts)),
        (
            "must_fill_filled",
            format!("{} of {}", k.must_fill_filled, k.must_fill_posts),
        ),
        (
            "shortage_filled",
            format!("{} of {}", k.shortage_filled, k.shortage_posts),
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
pub fn score_text(s: &Score, w: &Weights, optimum: Option<&Optimum>) -> String {
    let mut out = format!(
        "{}: {} {}\n\n",
        label("title"),
        label("total"),
        num(s.objective.total)
    );
    let mine = components(s, w);
    let theirs = optimum.map(|o| components(&o.score, w));
    let mut header = vec![
        label("component"),
        label("points"),
        label("weight"),
        label("contribution"),
    ];
    if optimum.is_some() {
        header.extend([label("optimum"), label("difference")]);
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (i, (k, pts, wt, c)) in mine.iter().enumerate() {
        let other = theirs.as_ref().map(|t| t[i].3);
        // Penalties that neither plan pays are left out.
        if i >= TERMS.len() && *c == 0.0 && other.is_none_or(|x| x == 0.0) {
            continue;
        }
        let mut row = vec![name(k).to_string(), num(*pts), num(*wt), num(*c)];
        if let Some(x) = other {
            row.extend([num(x), num(c - x)]);
        }
        rows.push(row);
    }
    let mut total = vec![
        label("total").to_string(),
        String::new(),
        String::new(),
        num(s.objective.total),
    ];
    if let Some(o) = optimum {
        total.extend([
            num(o.score.objective.total),
            num(s.objective.total - o.score.objective.total),
        ]);
    }
    rows.push(total);
    out += &text_table(&header, &rows);
    out += &format!("\n{}\n", label("kpis"));
    let mut kh = vec![label("kpi"), label("this_plan")];
    if optimum.is_some() {
        kh.push(label("optimum"));
    }
    let theirs_k = optimum.map(|o| kpi_rows(&o.score));
    let krows: Vec<Vec<String>> = kpi_rows(s)
        .into_iter()
        .enumerate()
        .map(|(i, (k, v))| {
            let mut r = vec![name(k).to_string(), v];
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
        if d.abs() < 1e-6 {
            out += label("same");
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
                .map(|(k, x)| format!("{} (−{})", name(k), num(*x)))
                .collect();
            out += &label("worse")
                .replace("{d}", &num(d))
                .replace("{w}", &w.join(", "));
        }
        out += "\n";
        let status = if o.status == "optimal" {
            o.status.clone()
        } else {
            format!("{}, {}", o.status, label("not_proven"))
        };
        out += &label("differently")
            .replace("{n}", &o.placed_differently.to_string())
            .replace("{s}", &status);
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
            .map(|(k, p, wt, c)| json!({"component": k, "points": p, "weight": wt, "contribution": c}))
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
            "difference": s.objective.total - o.score.objective.total,
            "difference_by_component": diff,
        });
    }
    v
}
