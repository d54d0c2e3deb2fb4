//! Re-solving a copy of the scenario with one requirement more, and comparing the two plans.

use super::*;

// ---------------------------------------------------------------------------------------------
// Re-solving a copy of the scenario

/// Settings of the explanations' re-solves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// Runner-ups per assigned post (0: none).
    pub per_post: usize,
    /// Re-solves at most, over the whole explanation.
    pub max_solves: usize,
    /// Time limit of each re-solve; `None`: the scenario's, at most [`RESOLVE_TIME_LIMIT_S`].
    pub time_limit_s: Option<f64>,
}

/// Default time limit of one re-solve (seconds), when the scenario's is longer.
pub const RESOLVE_TIME_LIMIT_S: f64 = 10.0;

impl Default for Budget {
    /// What `rotaplan explain` computes unless told otherwise: two runner-ups per post, at most 40
    /// re-solves.
    fn default() -> Self {
        Budget {
            per_post: 2,
            max_solves: 40,
            time_limit_s: None,
        }
    }
}

impl Budget {
    /// No runner-ups: what `plan_scenario` uses, so that a plan costs one solve.
    pub const NONE: Budget = Budget {
        per_post: 0,
        max_solves: 0,
        time_limit_s: None,
    };

    pub(crate) fn time_limit(&self, sc: &Scenario) -> f64 {
        self.time_limit_s
            .unwrap_or_else(|| sc.solver.time_limit_s.min(RESOLVE_TIME_LIMIT_S))
    }
}

/// A change of the requirements to re-solve under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// The pair must be in the plan (a pin; an existing pin of the cadre is replaced).
    Pin(CadreIx, PostIx),
    /// The pair must not be in the plan (a forbid).
    Forbid(CadreIx, PostIx),
}

impl Requirement {
    fn asked(self, sc: &Scenario) -> Asked {
        let ids = |c, p| (sc.cadre(c).id.clone(), sc.post(p).id.clone());
        match self {
            Requirement::Pin(c, p) => {
                let (cadre, post) = ids(c, p);
                Asked::Pin { cadre, post }
            }
            Requirement::Forbid(c, p) => {
                let (cadre, post) = ids(c, p);
                Asked::Forbid { cadre, post }
            }
        }
    }
}

/// The requirement a counterfactual adds, by ids (`report/` words it: `pin C04 → VT05`).
#[derive(Debug, Clone, PartialEq)]
pub enum Asked {
    Pin { cadre: String, post: String },
    Forbid { cadre: String, post: String },
}

/// One number before and after a change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub name: String,
    pub before: f64,
    pub after: f64,
    pub delta: f64,
}

/// A cadre whose post differs between the plan and the re-solved one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    pub cadre_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The plan re-solved with one requirement more, compared with the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counterfactual {
    /// The requirement added (in JSON its words: `pin C04 → VT05`).
    pub change: Asked,
    /// The re-solve's status (`infeasible` if the requirement cannot hold with the others).
    pub status: SolveStatus,
    /// Both the plan and the re-solve are proven optimal, so `delta` is exact.
    pub proven: bool,
    pub objective_before: Option<f64>,
    pub objective_after: Option<f64>,
    /// after − before: negative when the requirement costs objective.
    pub delta: Option<f64>,
    /// before − after, the objective the requirement costs: positive when the plan is better as it
    /// is. The figure every view quotes ("cost if forced", "cost if forbidden").
    pub cost: Option<f64>,
    /// Parts of the objective that change (terms, penalties, shortfalls).
    pub objective_changes: Vec<Change>,
    /// Every KPI, before and after.
    pub kpis: Vec<Change>,
    /// Cadres whose post changes.
    pub moves: Vec<Move>,
    /// For `infeasible`: why.
    pub infeasible: Vec<InfeasibleGroup>,
    /// A pin of the cadre that the forced pair replaced, or how the re-solve ended.
    pub note: Notes,
}

/// The pairs, objective, KPIs and status of a plan (the base or a re-solved one).
pub(crate) struct Measured {
    status: SolveStatus,
    pairs: Vec<(CadreIx, PostIx)>,
    objective: Option<ObjectiveBreakdown>,
    kpis: Option<Kpis>,
    infeasible: Vec<InfeasibleGroup>,
    note: Option<crate::solve::Note>,
}

impl Measured {
    fn of_plan(plan: &Plan) -> Measured {
        let has = plan.solver.status.has_plan();
        Measured {
            status: plan.solver.status,
            pairs: plan.pairs(),
            objective: has.then(|| plan.objective.clone()),
            kpis: has.then(|| plan.kpis.clone()),
            infeasible: plan.solver.infeasible.clone(),
            note: plan.solver.note.clone(),
        }
    }
}

/// Re-solve a copy of the scenario with `req` added, under `time_limit` seconds.
pub(crate) fn resolve(
    ctx: &RuleContext,
    cands: &Candidates,
    req: Requirement,
    time_limit: f64,
) -> (Measured, Option<Note>) {
    let mut sc = ctx.sc.clone();
    sc.solver.time_limit_s = time_limit;
    let mut note = None;
    let regenerated;
    let cands = match req {
        Requirement::Pin(c, p) => {
            if let Some(old) = sc.pins.iter().position(|x| x.cadre == c) {
                if sc.pins[old].post == p {
                    // Already pinned: nothing changes.
                } else {
                    note = Some(Note::PinReplaced {
                        cadre: sc.cadre(c).id.clone(),
                        post: sc.post(sc.pins[old].post).id.clone(),
                    });
                    sc.pins.remove(old);
                }
            }
            if !sc.pins.iter().any(|x| x.cadre == c && x.post == p) {
                sc.pins.push(PairRule {
                    cadre: c,
                    post: p,
                    reason: Some("explain".into()),
                    relaxable: true,
                });
            }
            cands
        }
        Requirement::Forbid(c, p) => {
            if let Some(old) = sc.pins.iter().position(|x| x.cadre == c && x.post == p) {
                note = Some(Note::PinDropped {
                    cadre: sc.cadre(c).id.clone(),
                    post: sc.post(p).id.clone(),
                });
                sc.pins.remove(old);
            }
            sc.forbids.push(PairRule {
                cadre: c,
                post: p,
                reason: Some("explain".into()),
                relaxable: true,
            });
            // Candidates depend on forbids: generate them again for the copy.
            let ctx2 = RuleContext::new(&sc);
            regenerated = crate::rules::candidates::generate(&ctx2);
            &regenerated
        }
    };
    let ctx2 = RuleContext::new(&sc);
    let out = crate::solve::solve(&ctx2, cands);
    let has = out.status.has_plan();
    let (objective, kpis) = if has {
        let (o, k) = crate::plan::measure(&ctx2, cands, &out.chosen);
        (Some(o), Some(k))
    } else {
        (None, None)
    };
    let pairs = out
        .chosen
        .iter()
        .map(|&i| (cands.cadre(i), cands.post(i)))
        .collect();
    (
        Measured {
            status: out.status,
            pairs,
            objective,
            kpis,
            infeasible: out.infeasible,
            note: out.note,
        },
        note,
    )
}

/// Numeric leaves of a serialisable value, flattened one level (`terms.staffing`), in field order.
pub(crate) fn numbers<T: Serialize>(v: &T) -> Vec<(String, f64)> {
    fn walk(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, f64)>) {
        match v {
            serde_json::Value::Number(n) => {
                if let Some(x) = n.as_f64() {
                    out.push((prefix.to_string(), x));
                }
            }
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let name = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&name, x, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(value) = serde_json::to_value(v) {
        walk("", &value, &mut out);
    }
    // A JSON map may be sorted by name: put the known fields back in the order of their structs.
    let rank = |n: &str| {
        FIELD_ORDER
            .iter()
            .position(|f| *f == n)
            .unwrap_or(usize::MAX)
    };
    out.sort_by(|a, b| rank(&a.0).cmp(&rank(&b.0)).then(a.0.cmp(&b.0)));
    out
}

/// Field order of `Terms`, `ObjectiveBreakdown` and `Kpis`, for people; fields added later follow
/// by name.
pub(crate) const FIELD_ORDER: &[&str] = &[
    "staffing",
    "training",
    "fit",
    "disruption",
    "terms.staffing",
    "terms.training",
    "terms.fit",
    "terms.disruption",
    "pair_score",
    "must_fill_empty_seats",
    "extra_seats_used",
    "women_shortfall",
    "young_shortfall",
    "minority_shortfall",
    "posts",
    "posts_filled",
    "seats",
    "seats_filled",
    "must_fill_posts",
    "must_fill_filled",
    "shortage_posts",
    "shortage_filled",
    "moves",
    "women_share",
    "young_share",
    "minority_share",
    "training_coverage",
];

pub(crate) fn changes(before: &[(String, f64)], after: &[(String, f64)], all: bool) -> Vec<Change> {
    before
        .iter()
        .filter_map(|(name, b)| {
            let a = after.iter().find(|(n, _)| n == name)?.1;
            let delta = a - b;
            (all || delta.abs() > 1e-9).then(|| Change {
                name: name.clone(),
                before: *b,
                after: a,
                delta,
            })
        })
        .collect()
}

/// The parts of the objective that differ between two breakdowns (`total`, the difference itself,
/// left out).
pub(crate) fn objective_changes(
    before: &ObjectiveBreakdown,
    after: &ObjectiveBreakdown,
) -> Vec<Change> {
    let mut b = numbers(before);
    let mut a = numbers(after);
    b.retain(|(n, _)| n != "total");
    a.retain(|(n, _)| n != "total");
    changes(&b, &a, false)
}

pub(crate) fn moves(
    sc: &Scenario,
    before: &[(CadreIx, PostIx)],
    after: &[(CadreIx, PostIx)],
) -> Vec<Move> {
    let b: BTreeMap<CadreIx, PostIx> = before.iter().copied().collect();
    let a: BTreeMap<CadreIx, PostIx> = after.iter().copied().collect();
    let mut cadres: Vec<CadreIx> = b.keys().chain(a.keys()).copied().collect();
    cadres.sort_unstable();
    cadres.dedup();
    cadres
        .into_iter()
        .filter(|c| b.get(c) != a.get(c))
        .map(|c| Move {
            cadre_id: sc.cadre(c).id.clone(),
            before: b.get(&c).map(|&p| sc.post(p).id.clone()),
            after: a.get(&c).map(|&p| sc.post(p).id.clone()),
        })
        .collect()
}

pub(crate) fn proven(s: SolveStatus) -> bool {
    s == SolveStatus::Optimal
}

pub(crate) fn compare(
    sc: &Scenario,
    req: Requirement,
    base: &Measured,
    after: &Measured,
    note: Option<Note>,
) -> Counterfactual {
    let before_total = base.objective.as_ref().map(|o| o.total);
    let after_total = after.objective.as_ref().map(|o| o.total);
    let (objective_changes, kpis) =
        match (&base.objective, &after.objective, &base.kpis, &after.kpis) {
            (Some(ob), Some(oa), Some(kb), Some(ka)) => (
                self::objective_changes(ob, oa),
                changes(&numbers(kb), &numbers(ka), true),
            ),
            _ => (Vec::new(), Vec::new()),
        };
    let mut note = Notes(note.into_iter().collect());
    if !proven(after.status) && after.status.has_plan() {
        // The solver's own note says how it ended; without one, the status does.
        note.0.push(
            after
                .note
                .clone()
                .map_or(Note::Ended(after.status), Note::Solver),
        );
    }
    Counterfactual {
        change: req.asked(sc),
        status: after.status,
        proven: proven(base.status) && proven(after.status),
        objective_before: before_total,
        objective_after: after_total,
        delta: before_total.zip(after_total).map(|(b, a)| a - b),
        // 0 − d, not −d: a cost of 0 must not be written −0.
        cost: before_total.zip(after_total).map(|(b, a)| 0.0 - (a - b)),
        objective_changes,
        kpis,
        moves: if after.status.has_plan() {
            moves(sc, &base.pairs, &after.pairs)
        } else {
            Vec::new()
        },
        infeasible: after.infeasible.clone(),
        note,
    }
}

/// The plan re-solved with `req` added, compared with `base` (the plan of the same scenario).
pub fn counterfactual(
    ctx: &RuleContext,
    cands: &Candidates,
    base: &Plan,
    req: Requirement,
    time_limit_s: f64,
) -> Counterfactual {
    let (after, note) = resolve(ctx, cands, req, time_limit_s);
    compare(ctx.sc, req, &Measured::of_plan(base), &after, note)
}
