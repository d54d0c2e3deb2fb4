//! Comparing plans: a KPI table across plans (best value per column marked) and the diff of two
//! plans in words. Both work on [`PlanSummary`], the part of `plan.json` they need, so they take
//! plans from this run or from files written earlier (`rotaplan compare`, `rotaplan diff`).

use crate::plan::{Breakdown, Kpis, Plan};
use crate::scoring::ObjectiveBreakdown;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SummarySolver {
    pub status: String,
    pub objective: Option<f64>,
    pub bound: Option<f64>,
    pub gap: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SummaryAssignment {
    pub cadre_id: String,
    pub cadre_name: String,
    pub post_id: String,
    pub post_title: String,
    pub unit_id: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SummaryUnfilled {
    pub post_id: String,
    pub post_title: String,
}

/// A file that is not a plan.json rotaplan can read, and why; report/ words it (`Display` in
/// report/errors.rs, in either language).
#[derive(Debug)]
pub enum NotAPlan {
    /// Not JSON, or a field of the wrong type (serde's own words).
    Json(serde_json::Error),
    NoAssignments,
    /// `format_version` newer than this rotaplan's.
    Newer {
        found: u64,
        reads: u32,
    },
    /// `assignments[i]` without its `cadre_id` or `post_id`.
    NoId {
        i: usize,
        field: &'static str,
    },
    /// `assignments[i]` moves a cadre `assignments[j]` moves too.
    MovedTwice {
        i: usize,
        j: usize,
        cadre: String,
    },
    /// A `solver.status` no solve gives.
    UnknownStatus(String),
    /// A negative or NaN `solver.gap`.
    BadGap(f64),
}

impl std::error::Error for NotAPlan {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            NotAPlan::Json(e) => Some(e),
            _ => None,
        }
    }
}

/// What comparison and diff read of a plan (unknown fields of plan.json are ignored, missing ones
/// default, so a hand-made plan.json with only assignments works too; without them it is no plan).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanSummary {
    pub scenario: String,
    pub plan_date: Option<crate::domain::Date>,
    pub solver: SummarySolver,
    pub objective: ObjectiveBreakdown,
    pub kpis: Kpis,
    /// Empty lists for a plan.json written before the field existed.
    pub breakdown: Breakdown,
    pub assignments: Vec<SummaryAssignment>,
    pub unfilled: Vec<SummaryUnfilled>,
    /// What the objective was weighed with (a fingerprint of the scenario's weights,
    /// [`weights_key`]): read from plan.json's `weights` (a plan.json written before the field
    /// existed, or a hand-made one, has none), or given by the caller (`rotaplan run`, `compare`
    /// with a scenario). Objectives are compared only between plans with the same fingerprint.
    #[serde(skip_serializing, deserialize_with = "weights_of")]
    pub weights: Option<String>,
    /// Hard-rule violations the checker found in a hand-made plan: such a plan is listed but
    /// never marked best (it is not a plan the committee may adopt).
    #[serde(skip)]
    pub violations: usize,
    /// The group the caller puts the plan in (`compare`: its scenario); `None`: [`group_of`] its
    /// name, the run folder of a variant.
    #[serde(skip)]
    pub group: Option<String>,
}

impl PlanSummary {
    pub fn of(plan: &Plan) -> PlanSummary {
        // Through JSON: one definition of the fields, the same as for files written earlier.
        serde_json::to_value(plan)
            .and_then(serde_json::from_value)
            .unwrap_or_default()
    }

    /// A plan.json: a JSON object with `assignments` at least (`{"x": 1}` or `[]` read as a plan
    /// of zeros before).
    pub fn from_json(text: &str) -> Result<PlanSummary, NotAPlan> {
        let v: serde_json::Value = serde_json::from_str(text).map_err(NotAPlan::Json)?;
        if !v
            .get("assignments")
            .is_some_and(serde_json::Value::is_array)
        {
            return Err(NotAPlan::NoAssignments);
        }
        if let Some(n) = v.get("format_version").and_then(serde_json::Value::as_u64)
            && n > u64::from(crate::plan::FORMAT_VERSION)
        {
            return Err(NotAPlan::Newer {
                found: n,
                reads: crate::plan::FORMAT_VERSION,
            });
        }
        let mut s: PlanSummary = serde_json::from_value(v).map_err(NotAPlan::Json)?;
        // Every move names its cadre and its post (one without was shown as "moves to  ").
        for (i, a) in s.assignments.iter().enumerate() {
            for (field, value) in [("cadre_id", &a.cadre_id), ("post_id", &a.post_id)] {
                if value.trim().is_empty() {
                    return Err(NotAPlan::NoId { i, field });
                }
            }
        }
        // A cadre moved twice, or a status no solve gives, would be shown as a plan's facts.
        let mut first: std::collections::HashMap<&str, usize> = Default::default();
        for (i, a) in s.assignments.iter().enumerate() {
            if let Some(j) = first.insert(a.cadre_id.trim(), i) {
                return Err(NotAPlan::MovedTwice {
                    i,
                    j,
                    cadre: a.cadre_id.trim().to_string(),
                });
            }
        }
        let known = crate::solve::SolveStatus::ALL.map(crate::solve::SolveStatus::as_str);
        if !s.solver.status.is_empty() && !known.contains(&s.solver.status.as_str()) {
            return Err(NotAPlan::UnknownStatus(s.solver.status.clone()));
        }
        if let Some(g) = s.solver.gap.filter(|g| g.is_nan() || *g < 0.0) {
            return Err(NotAPlan::BadGap(g));
        }
        // Text shown on a terminal: a control character (an escape sequence) shown as its
        // picture, never sent to the terminal.
        let clean = |t: &mut String| {
            if t.chars().any(char::is_control) {
                *t = crate::domain::text::control_pictures(t)
                    .chars()
                    .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
                    .collect();
            }
        };
        clean(&mut s.scenario);
        clean(&mut s.solver.status);
        for a in &mut s.assignments {
            for t in [
                &mut a.cadre_id,
                &mut a.cadre_name,
                &mut a.post_id,
                &mut a.post_title,
                &mut a.unit_id,
            ] {
                clean(t);
            }
        }
        for u in &mut s.unfilled {
            clean(&mut u.post_id);
            clean(&mut u.post_title);
        }
        Ok(s)
    }
}

/// Which direction of a column is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Higher,
    Lower,
}

type Getter = fn(&PlanSummary) -> Option<f64>;

/// Where a column's value comes from: a KPI of the plan, or one objective term of the table.
#[derive(Clone, Copy)]
pub enum Source {
    Kpi(Getter),
    Term(&'static crate::scoring::Term),
}

/// A column of the comparison.
#[derive(Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub better: Better,
    pub source: Source,
}

impl Column {
    /// A share (0..1), which people read as a percentage.
    pub fn percent(&self) -> bool {
        self.name.ends_with("_share") || self.name == "training_coverage" || self.name == "gap"
    }
    /// A value that depends on the objective's weights (the objective and its terms): compared
    /// only between plans weighed alike.
    pub fn weighted(&self) -> bool {
        self.name == "objective" || matches!(self.source, Source::Term(_))
    }
}

/// A column as the comparison reports it.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnInfo {
    pub name: &'static str,
    pub better: Better,
    /// A share 0..1: shown as a percentage.
    pub percent: bool,
    /// Depends on the objective's weights: its best is marked only among plans weighed alike.
    pub weighted: bool,
}

/// plan.json's `weights` object as its fingerprint; `None` when absent or not weights.
fn weights_of<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(
        v.and_then(|v| serde_json::from_value::<crate::domain::Weights>(v).ok())
            .map(|w| weights_key(&w)),
    )
}

/// The weights fingerprint of a scenario, for [`PlanSummary::weights`].
pub fn weights_key(w: &crate::domain::Weights) -> String {
    serde_json::to_string(w).unwrap_or_default()
}

impl Column {
    pub fn get(&self, p: &PlanSummary) -> Option<f64> {
        match self.source {
            Source::Kpi(get) => get(p),
            Source::Term(t) => Some((t.points)(&p.objective.terms)),
        }
    }
}

/// A share among a plan's moves; none when it moves nobody.
fn share(p: &PlanSummary, x: f64) -> Option<f64> {
    (p.kpis.moves > 0).then_some(x)
}

/// The KPI columns of the comparison; each objective term of `scoring::TERMS` follows them.
const KPI_COLUMNS: &[(&str, Better, Getter)] = &[
    ("objective", Better::Higher, |p| p.solver.objective),
    ("gap", Better::Lower, |p| p.solver.gap),
    ("posts_filled", Better::Higher, |p| {
        Some(p.kpis.posts_filled as f64)
    }),
    ("must_fill_filled", Better::Higher, |p| {
        Some(p.kpis.must_fill_filled as f64)
    }),
    ("shortage_filled", Better::Higher, |p| {
        Some(p.kpis.shortage_filled as f64)
    }),
    ("moves", Better::Lower, |p| Some(p.kpis.moves as f64)),
    // A share of no moves is none ("—"), neither 0 % nor a best.
    ("women_share", Better::Higher, |p| {
        share(p, p.kpis.women_share)
    }),
    ("young_share", Better::Higher, |p| {
        share(p, p.kpis.young_share)
    }),
    ("minority_share", Better::Higher, |p| {
        share(p, p.kpis.minority_share)
    }),
    ("extra_seats_used", Better::Lower, |p| {
        Some(p.kpis.extra_seats_used as f64)
    }),
    ("training_coverage", Better::Higher, |p| {
        share(p, p.kpis.training_coverage)
    }),
];

/// The columns for these plans: the KPIs, then every objective term that is always shown or that
/// any of the plans scores (stability only where a baseline is set).
pub fn columns<'a>(plans: impl IntoIterator<Item = &'a PlanSummary> + Clone) -> Vec<Column> {
    let kpis = KPI_COLUMNS.iter().map(|&(name, better, get)| Column {
        name,
        better,
        source: Source::Kpi(get),
    });
    let terms = crate::scoring::TERMS
        .iter()
        .filter(|t| {
            t.always_shown
                || plans
                    .clone()
                    .into_iter()
                    .any(|p| (t.points)(&p.objective.terms) != 0.0)
        })
        .map(|t| Column {
            name: t.name,
            better: match t.sense {
                crate::scoring::Sense::Gain => Better::Higher,
                crate::scoring::Sense::Cost => Better::Lower,
            },
            source: Source::Term(t),
        });
    kpis.chain(terms).collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct ComparisonRow {
    pub name: String,
    /// The base scenario the plan belongs to (a scenario file and its variants): best marks are
    /// given only within a group.
    pub group: String,
    /// Plans of one group weighed alike share a letter (A, B, …); `None` when the weights are not
    /// known (plans read from files), and then the weighted columns mark nothing.
    pub weights: Option<String>,
    pub status: String,
    /// One value per column of the comparison (None when the plan has no value, e.g. no gap).
    pub values: Vec<Option<f64>>,
    /// Columns where this row has the best value.
    pub best: Vec<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub columns: Vec<ColumnInfo>,
    pub rows: Vec<ComparisonRow>,
}

impl Comparison {
    /// Some weighted column could not be marked because a plan's weights are unknown.
    pub fn weights_unknown(&self) -> bool {
        self.rows.iter().any(|r| r.weights.is_none())
    }
}

/// The scenario a variant's plan was made from: its name without the variant's label ("Tỉnh Lâm
/// Sơn — phương án [them-ba-ghe]" is "Tỉnh Lâm Sơn — phương án").
pub fn base_scenario(name: &str) -> &str {
    match name.strip_suffix(']').and_then(|n| n.rsplit_once(" [")) {
        Some((base, _)) => base,
        None => name,
    }
}

/// The group of a plan named `file/variant` (or `folder/plan`): what comes before the last `/`.
pub fn group_of(name: &str) -> &str {
    name.rsplit_once('/').map_or(name, |(g, _)| g)
}

/// The comparison table of named plans, in the order given. The best value of a column is marked
/// only among the plans of one group (a base scenario and its variants, [`group_of`] the name),
/// and for the objective and its terms only among those weighed alike; a column where the plans
/// compared have the same value marks nothing; ties for best are all marked.
pub fn compare(plans: &[(String, PlanSummary)]) -> Comparison {
    let cols = columns(plans.iter().map(|(_, p)| p));
    // Weights fingerprints become letters per group, in order of appearance.
    let mut letters: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut per_group: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows: Vec<ComparisonRow> = plans
        .iter()
        .map(|(name, p)| {
            let group = p
                .group
                .clone()
                .unwrap_or_else(|| group_of(name).to_string());
            let weights = p.weights.as_ref().map(|w| {
                letters
                    .entry((group.clone(), w.clone()))
                    .or_insert_with(|| {
                        let n = per_group.entry(group.clone()).or_default();
                        *n += 1;
                        letter(*n - 1)
                    })
                    .clone()
            });
            ComparisonRow {
                name: name.clone(),
                group,
                weights,
                status: p.solver.status.clone(),
                values: cols.iter().map(|c| c.get(p).map(round)).collect(),
                best: vec![false; cols.len()],
            }
        })
        .collect();
    for (k, col) in cols.iter().enumerate() {
        // The sets of rows compared with each other for this column.
        let mut sets: BTreeMap<(String, Option<String>), Vec<usize>> = BTreeMap::new();
        for (i, r) in rows.iter().enumerate() {
            if plans[i].1.violations > 0 {
                continue;
            }
            if col.weighted() {
                if r.weights.is_none() {
                    continue;
                }
                sets.entry((r.group.clone(), r.weights.clone()))
                    .or_default()
                    .push(i);
            } else {
                sets.entry((r.group.clone(), None)).or_default().push(i);
            }
        }
        for set in sets.values() {
            let vals = set.iter().filter_map(|&i| rows[i].values[k]);
            let best = match col.better {
                Better::Higher => {
                    vals.fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))))
                }
                Better::Lower => {
                    vals.fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.min(v))))
                }
            };
            let distinct = set
                .iter()
                .filter_map(|&i| rows[i].values[k])
                .any(|v| Some(v) != best);
            if let Some(b) = best.filter(|_| distinct) {
                for &i in set {
                    rows[i].best[k] = rows[i].values[k] == Some(b);
                }
            }
        }
    }
    Comparison {
        columns: cols
            .iter()
            .map(|c| ColumnInfo {
                name: c.name,
                better: c.better,
                percent: c.percent(),
                weighted: c.weighted(),
            })
            .collect(),
        rows,
    }
}

/// A, B, …, Z, AA, AB, …
fn letter(n: usize) -> String {
    let mut n = n;
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Values are compared as shown: rounded to 6 decimals so float noise does not pick a "best".
fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The difference of two plans in words.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// Cadres whose move differs: (cadre, in A, in B), "—" when not moved.
    pub cadres: Vec<CadreChange>,
    pub newly_filled: Vec<String>,
    pub emptied: Vec<String>,
    pub kpis: Vec<KpiDelta>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CadreChange {
    pub cadre: String,
    pub in_a: Option<String>,
    pub in_b: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KpiDelta {
    pub kpi: &'static str,
    pub a: Option<f64>,
    pub b: Option<f64>,
}

pub fn diff(a: &PlanSummary, b: &PlanSummary) -> Diff {
    let post_label = |x: &SummaryAssignment| {
        let unit = if x.unit_id.is_empty() {
            String::new()
        } else {
            format!(" ({})", x.unit_id)
        };
        format!("{} {}{unit}", x.post_id, x.post_title).replace("  ", " ")
    };
    let mut moves: BTreeMap<&str, (String, Option<String>, Option<String>)> = BTreeMap::new();
    for x in &a.assignments {
        moves
            .entry(&x.cadre_id)
            .or_insert_with(|| (x.cadre_name.clone(), None, None))
            .1 = Some(post_label(x));
    }
    for x in &b.assignments {
        moves
            .entry(&x.cadre_id)
            .or_insert_with(|| (x.cadre_name.clone(), None, None))
            .2 = Some(post_label(x));
    }
    let cadres = moves
        .into_iter()
        .filter(|(_, (_, pa, pb))| pa != pb)
        .map(|(id, (name, in_a, in_b))| CadreChange {
            cadre: format!("{id} {name}").trim().to_string(),
            in_a,
            in_b,
        })
        .collect();
    let filled = |p: &PlanSummary| -> BTreeMap<String, String> {
        p.assignments
            .iter()
            .map(|x| {
                (
                    x.post_id.clone(),
                    format!("{} {}", x.post_id, x.post_title)
                        .trim_end()
                        .to_string(),
                )
            })
            .collect()
    };
    let (fa, fb) = (filled(a), filled(b));
    let newly_filled = fb
        .iter()
        .filter(|(k, _)| !fa.contains_key(*k))
        .map(|(_, v)| v.clone())
        .collect();
    let emptied = fa
        .iter()
        .filter(|(k, _)| !fb.contains_key(*k))
        .map(|(_, v)| v.clone())
        .collect();
    let kpis = columns([a, b])
        .into_iter()
        .map(|c| KpiDelta {
            kpi: c.name,
            a: c.get(a),
            b: c.get(b),
        })
        .filter(|d| d.a.map(round) != d.b.map(round))
        .collect();
    Diff {
        cadres,
        newly_filled,
        emptied,
        kpis,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Junk is no plan: an object without assignments or an array read as a plan of zeros.
    #[test]
    fn only_a_plan_json_with_assignments_is_a_plan() {
        for junk in ["{\"x\": 1}", "[]", "{\"assignments\": 3}", "null"] {
            assert!(PlanSummary::from_json(junk).is_err(), "{junk}");
        }
        let p = PlanSummary::from_json(
            "{\"assignments\": [{\"cadre_id\": \"C1\", \"post_id\": \"P1\"}]}",
        )
        .unwrap();
        assert_eq!(p.assignments.len(), 1);
        let twice = "{\"assignments\": [{\"cadre_id\": \"C1\", \"post_id\": \"P1\"}, \
                     {\"cadre_id\": \"C1\", \"post_id\": \"P2\"}]}";
        let e = PlanSummary::from_json(twice).unwrap_err().to_string();
        assert!(e.contains("`assignments[1]` moves cadre C1 again"), "{e}");
        let unicorn = "{\"solver\": {\"status\": \"unicorn\"}, \"assignments\": []}";
        let e = PlanSummary::from_json(unicorn).unwrap_err().to_string();
        assert!(e.contains("\"unicorn\", which no solve gives"), "{e}");
        let ok = "{\"solver\": {\"status\": \"time_limit\"}, \"assignments\": []}";
        assert!(PlanSummary::from_json(ok).is_ok());
    }

    /// A plan that moves nobody has no share of women among its moves: "—", never a best.
    #[test]
    fn shares_of_no_moves_are_none() {
        let cmp = compare(&[
            ("a".into(), plan(10.0, 0, &[])),
            ("b".into(), plan(12.0, 1, &[("C1", "P1")])),
        ]);
        let k = cmp
            .columns
            .iter()
            .position(|c| c.name == "women_share")
            .unwrap();
        assert_eq!(cmp.rows[0].values[k], None);
        assert_eq!(cmp.rows[1].values[k], Some(0.0));
    }

    fn plan(objective: f64, moves: usize, assignments: &[(&str, &str)]) -> PlanSummary {
        PlanSummary {
            solver: SummarySolver {
                status: "optimal".into(),
                objective: Some(objective),
                ..Default::default()
            },
            kpis: Kpis {
                moves,
                posts_filled: assignments.len(),
                ..Default::default()
            },
            assignments: assignments
                .iter()
                .map(|(c, p)| SummaryAssignment {
                    cadre_id: c.to_string(),
                    post_id: p.to_string(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn best_is_marked_per_column_in_its_direction() {
        let same = |p: PlanSummary| PlanSummary {
            weights: Some("w".into()),
            ..p
        };
        let t = compare(&[
            ("run/a".into(), same(plan(10.0, 3, &[]))),
            ("run/b".into(), same(plan(12.0, 5, &[]))),
        ]);
        let col = |n: &str| t.columns.iter().position(|c| c.name == n).unwrap();
        let (obj, moves) = (col("objective"), col("moves"));
        assert_eq!((t.rows[0].best[obj], t.rows[1].best[obj]), (false, true));
        assert_eq!(
            (t.rows[0].best[moves], t.rows[1].best[moves]),
            (true, false)
        );
        // Equal everywhere: nothing marked.
        let extra = col("extra_seats_used");
        assert!(!t.rows[0].best[extra] && !t.rows[1].best[extra]);
    }

    #[test]
    fn best_marks_stay_within_a_group_and_its_weights() {
        let w = |p: PlanSummary, k: &str| PlanSummary {
            weights: Some(k.into()),
            ..p
        };
        let t = compare(&[
            ("f/a".into(), w(plan(10.0, 3, &[]), "x")),
            ("f/b".into(), w(plan(12.0, 5, &[]), "y")),
            ("f/c".into(), w(plan(11.0, 4, &[]), "x")),
            ("g/a".into(), w(plan(99.0, 1, &[]), "x")),
        ]);
        let col = |n: &str| t.columns.iter().position(|c| c.name == n).unwrap();
        let (obj, moves) = (col("objective"), col("moves"));
        let marks = |k: usize| t.rows.iter().map(|r| r.best[k]).collect::<Vec<_>>();
        // Objective: f/a against f/c only (same weights); f/b alone; g/a alone.
        assert_eq!(marks(obj), vec![false, false, true, false]);
        // Moves: the whole group f; g alone.
        assert_eq!(marks(moves), vec![true, false, false, false]);
        assert_eq!(
            t.rows
                .iter()
                .map(|r| r.weights.clone().unwrap())
                .collect::<Vec<_>>(),
            vec!["A", "B", "A", "A"]
        );
        // Unknown weights: no objective mark at all.
        let u = compare(&[
            ("f/a".into(), plan(10.0, 3, &[])),
            ("f/b".into(), plan(12.0, 5, &[])),
        ]);
        assert!(u.rows.iter().all(|r| !r.best[obj]));
        assert!(u.rows[0].best[moves] && u.weights_unknown());
        assert_eq!(letter(0), "A");
        assert_eq!(letter(26), "AA");
    }

    #[test]
    fn a_variants_plan_belongs_to_its_base_scenario() {
        assert_eq!(
            base_scenario("Tỉnh Lâm Sơn — phương án [them-ba-ghe]"),
            "Tỉnh Lâm Sơn — phương án"
        );
        assert_eq!(base_scenario("A [x=1,y=2]"), "A");
        assert_eq!(base_scenario("Tỉnh [cũ] mới"), "Tỉnh [cũ] mới");
        assert_eq!(base_scenario("Tỉnh"), "Tỉnh");
    }

    #[test]
    fn diff_names_moves_posts_and_kpis() {
        let a = plan(10.0, 2, &[("C1", "P1"), ("C2", "P2")]);
        let b = plan(11.0, 2, &[("C1", "P3"), ("C2", "P2")]);
        let d = diff(&a, &b);
        assert_eq!(d.cadres.len(), 1);
        assert_eq!(d.cadres[0].cadre, "C1");
        assert!(d.cadres[0].in_a.as_deref().unwrap().starts_with("P1"));
        assert!(d.cadres[0].in_b.as_deref().unwrap().starts_with("P3"));
        assert_eq!(d.newly_filled, vec!["P3".to_string()]);
        assert_eq!(d.emptied, vec!["P1".to_string()]);
        assert_eq!(
            d.kpis.iter().map(|k| k.kpi).collect::<Vec<_>>(),
            vec!["objective"]
        );
    }
}
