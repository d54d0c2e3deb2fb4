//! Explanations of a plan: why a cadre is (not) on a post, what each assignment's runner-ups would
//! cost, and what blocks a plan (the structure of the candidate graph, pins that cannot all hold).
//!
//! The solver is kept apart from the explanation of its answer (as pubgrub does): every exact
//! answer here comes from re-solving a *copy* of the scenario with one requirement more (a pin, or
//! a forbid) through the ordinary pipeline, and comparing the two plans with the same yardstick
//! (`plan::measure`). A difference is "proven" only when both solves are proven optimal.
//!
//! - [`structural`]: before the MIP, in milliseconds: posts without candidates, and must-fill posts
//!   that cannot all be filled at once (a maximum bipartite matching, Hopcroft–Karp, with seats as
//!   capacities; when it is smaller than the must-fill seats, Hall's condition names the posts).
//! - [`explain_pair`], [`explain_cadre`], [`explain_post`]: the questions of a standing committee.
//! - [`runner_ups`]: per assigned post, the next best candidates and what choosing them would cost
//!   (re-solves in parallel with rayon, within a budget).
//! - [`relax_requirements`]: when the hard requirements cannot all hold, which groups give way —
//!   pins by a deletion filter over the solver's pins pre-check ([`relax_pins`]); pins, hard
//!   must-fill posts and hard targets together by an elastic MIP. Never a group marked
//!   `relaxable: false`.

use crate::domain::{CadreIx, PairRule, PostIx, Scenario};
use crate::plan::{Kpis, Plan, Unfilled};
use crate::rules::{Breach, Candidates, RuleContext, RuleId};
use crate::scoring::{ObjectiveBreakdown, Terms, TrainingGain};
use crate::solve::{InfeasibleGroup, SolveStatus};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// Maximum bipartite matching with capacities

const NONE: usize = usize::MAX;
const INF: u32 = u32::MAX;

/// A maximum matching between left nodes with capacities (posts with seats) and right nodes of
/// capacity 1 (cadres, who take one post each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    /// Number of matched (left copy, right) pairs.
    pub size: usize,
    /// The right nodes matched to each left node, sorted.
    pub matched: Vec<Vec<usize>>,
    /// Left nodes reachable by alternating paths from an unmatched unit of capacity: together they
    /// have fewer neighbours than capacity (Hall's condition fails on them). Empty when every unit
    /// of capacity is matched.
    pub deficient: Vec<usize>,
}

/// Hopcroft–Karp on the left nodes expanded into one copy per unit of capacity. `adj[l]` lists the
/// right nodes (`< n_right`) of left node `l`. O(E·√V); iterative, so deep augmenting paths cannot
/// overflow the stack.
pub fn max_matching(caps: &[u32], adj: &[Vec<usize>], n_right: usize) -> Matching {
    assert_eq!(caps.len(), adj.len(), "one capacity per left node");
    let owner: Vec<usize> = caps
        .iter()
        .enumerate()
        .flat_map(|(l, &c)| std::iter::repeat_n(l, c as usize))
        .collect();
    let n = owner.len();
    let mut match_l = vec![NONE; n];
    let mut match_r = vec![NONE; n_right];
    let mut dist = vec![INF; n];
    let mut size = 0;
    let mut queue = Vec::with_capacity(n);
    loop {
        // BFS: layers of left copies from the free ones.
        queue.clear();
        for k in 0..n {
            if match_l[k] == NONE {
                dist[k] = 0;
                queue.push(k);
            } else {
                dist[k] = INF;
            }
        }
        let mut found = false;
        let mut head = 0;
        while head < queue.len() {
            let k = queue[head];
            head += 1;
            for &r in &adj[owner[k]] {
                let k2 = match_r[r];
                if k2 == NONE {
                    found = true;
                } else if dist[k2] == INF {
                    dist[k2] = dist[k] + 1;
                    queue.push(k2);
                }
            }
        }
        if !found {
            break;
        }
        // DFS along the layers from each free copy; each success augments by one.
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for start in 0..n {
            if match_l[start] != NONE {
                continue;
            }
            stack.clear();
            stack.push((start, 0));
            while let Some(&(k, e)) = stack.last() {
                let nbrs = &adj[owner[k]];
                if e >= nbrs.len() {
                    dist[k] = INF;
                    stack.pop();
                    continue;
                }
                let top = stack.len() - 1;
                stack[top].1 += 1;
                let r = nbrs[e];
                let k2 = match_r[r];
                if k2 == NONE {
                    for &(kk, ee) in stack.iter() {
                        let rr = adj[owner[kk]][ee - 1];
                        match_l[kk] = rr;
                        match_r[rr] = kk;
                    }
                    size += 1;
                    break;
                } else if dist[k2] != INF && dist[k2] == dist[k] + 1 {
                    stack.push((k2, 0));
                }
            }
        }
    }
    let mut matched = vec![Vec::new(); caps.len()];
    for k in 0..n {
        if match_l[k] != NONE {
            matched[owner[k]].push(match_l[k]);
        }
    }
    for m in &mut matched {
        m.sort_unstable();
    }
    // Hall violator: alternating reachability from the unmatched copies.
    let mut seen_l = vec![false; caps.len()];
    let mut seen_r = vec![false; n_right];
    let mut queue: Vec<usize> = (0..n).filter(|&k| match_l[k] == NONE).collect();
    let mut head = 0;
    while head < queue.len() {
        let k = queue[head];
        head += 1;
        seen_l[owner[k]] = true;
        for &r in &adj[owner[k]] {
            if !seen_r[r] {
                seen_r[r] = true;
                let k2 = match_r[r];
                if k2 != NONE {
                    queue.push(k2);
                }
            }
        }
    }
    Matching {
        size,
        matched,
        deficient: (0..caps.len()).filter(|&l| seen_l[l]).collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// Structural check

/// The structural check: what the candidate pairs alone make impossible, before any MIP.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Structure {
    /// Posts no cadre passes the hard rules for (after `forbids:`), in post order.
    pub posts_without_candidate: Vec<String>,
    /// Quota seats of the must-fill posts (criticality 5).
    pub must_fill_seats: u32,
    /// The most must-fill seats any plan can fill at once: a maximum matching of must-fill seats
    /// to their candidates, each cadre once, pinned cadres only on their pin. S1 and H10 are left
    /// out, so a plan may fill fewer.
    pub must_fill_fillable: u32,
    /// Groups of must-fill posts whose candidates are too few for their seats (connected through
    /// shared candidates). Together they leave `must_fill_seats − must_fill_fillable` seats empty.
    pub must_fill_blocks: Vec<MustFillBlock>,
}

/// Must-fill posts that share too few candidates: `seats` seats, `cadres` candidates between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MustFillBlock {
    pub posts: Vec<String>,
    pub seats: u32,
    pub cadres: Vec<String>,
    /// Seats of these posts that stay empty in every plan (seats − candidates).
    pub short: u32,
}

impl Structure {
    /// Nothing blocks: every post has a candidate and every must-fill seat can be filled.
    pub fn is_clear(&self) -> bool {
        self.posts_without_candidate.is_empty() && self.must_fill_fillable == self.must_fill_seats
    }
}

/// The structural check of a scenario's candidates (milliseconds even at national size).
pub fn structural(ctx: &RuleContext, cands: &Candidates) -> Structure {
    let sc = ctx.sc;
    let posts_without_candidate = (0..sc.posts.len())
        .filter(|&p| cands.by_post[p].is_empty())
        .map(|p| sc.posts[p].id.clone())
        .collect();
    let must: Vec<PostIx> = (0..sc.posts.len() as PostIx)
        .filter(|&p| sc.post(p).criticality >= 5)
        .collect();
    // A pinned cadre can fill only the post of the pin.
    let mut pinned_to: BTreeMap<CadreIx, PostIx> = BTreeMap::new();
    for pin in &sc.pins {
        if cands.find(pin.cadre, pin.post).is_some() {
            pinned_to.insert(pin.cadre, pin.post);
        }
    }
    // Right nodes: the cadres that are candidates of a must-fill post, renumbered.
    let mut right: BTreeMap<CadreIx, usize> = BTreeMap::new();
    let mut adj: Vec<Vec<usize>> = Vec::with_capacity(must.len());
    for &p in &must {
        let mut row = Vec::new();
        for &i in &cands.by_post[p as usize] {
            let c = cands.pairs[i].cadre;
            if pinned_to.get(&c).is_some_and(|&q| q != p) {
                continue;
            }
            let n = right.len();
            row.push(*right.entry(c).or_insert(n));
        }
        adj.push(row);
    }
    let caps: Vec<u32> = must.iter().map(|&p| sc.post(p).seats).collect();
    let m = max_matching(&caps, &adj, right.len());
    let cadre_of: Vec<CadreIx> = {
        let mut v = vec![0; right.len()];
        for (&c, &r) in &right {
            v[r] = c;
        }
        v
    };
    // Split the deficient posts into groups connected by shared candidates (union–find).
    let mut parent: Vec<usize> = (0..must.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut first_of_right: Vec<usize> = vec![NONE; right.len()];
    for &l in &m.deficient {
        for &r in &adj[l] {
            if first_of_right[r] == NONE {
                first_of_right[r] = l;
            } else {
                let (a, b) = (root(&mut parent, l), root(&mut parent, first_of_right[r]));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &l in &m.deficient {
        let r = root(&mut parent, l);
        groups.entry(r).or_default().push(l);
    }
    let must_fill_blocks = groups
        .into_values()
        .map(|ls| {
            let mut cs: Vec<CadreIx> = ls
                .iter()
                .flat_map(|&l| adj[l].iter().map(|&r| cadre_of[r]))
                .collect();
            cs.sort_unstable();
            cs.dedup();
            let seats: u32 = ls.iter().map(|&l| caps[l]).sum();
            MustFillBlock {
                posts: ls.iter().map(|&l| sc.post(must[l]).id.clone()).collect(),
                seats,
                short: seats.saturating_sub(cs.len() as u32),
                cadres: cs.iter().map(|&c| sc.cadre(c).id.clone()).collect(),
            }
        })
        .collect();
    Structure {
        posts_without_candidate,
        must_fill_seats: caps.iter().sum(),
        must_fill_fillable: m.size as u32,
        must_fill_blocks,
    }
}

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

    fn time_limit(&self, sc: &Scenario) -> f64 {
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
    fn describe(self, sc: &Scenario) -> String {
        match self {
            Requirement::Pin(c, p) => {
                format!("pin {} → {}", sc.cadre(c).id, sc.post(p).id)
            }
            Requirement::Forbid(c, p) => {
                format!("forbid {} → {}", sc.cadre(c).id, sc.post(p).id)
            }
        }
    }
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
    /// The requirement added, in words (`pin C04 → VT05`).
    pub change: String,
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
    pub note: Option<String>,
}

/// The pairs, objective, KPIs and status of a plan (the base or a re-solved one).
struct Measured {
    status: SolveStatus,
    pairs: Vec<(CadreIx, PostIx)>,
    objective: Option<ObjectiveBreakdown>,
    kpis: Option<Kpis>,
    infeasible: Vec<InfeasibleGroup>,
    note: Option<String>,
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
fn resolve(
    ctx: &RuleContext,
    cands: &Candidates,
    req: Requirement,
    time_limit: f64,
) -> (Measured, Option<String>) {
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
                    note = Some(format!(
                        "{} was pinned to {}; that pin is replaced",
                        sc.cadre(c).id,
                        sc.post(sc.pins[old].post).id
                    ));
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
                note = Some(format!(
                    "{} → {} was pinned; the pin is dropped",
                    sc.cadre(c).id,
                    sc.post(p).id
                ));
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
        .map(|&i| (cands.pairs[i].cadre, cands.pairs[i].post))
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
const FIELD_ORDER: &[&str] = &[
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

fn changes(before: &[(String, f64)], after: &[(String, f64)], all: bool) -> Vec<Change> {
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
fn objective_changes(before: &ObjectiveBreakdown, after: &ObjectiveBreakdown) -> Vec<Change> {
    let mut b = numbers(before);
    let mut a = numbers(after);
    b.retain(|(n, _)| n != "total");
    a.retain(|(n, _)| n != "total");
    changes(&b, &a, false)
}

fn moves(sc: &Scenario, before: &[(CadreIx, PostIx)], after: &[(CadreIx, PostIx)]) -> Vec<Move> {
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

fn proven(s: SolveStatus) -> bool {
    s == SolveStatus::Optimal
}

fn compare(
    sc: &Scenario,
    req: Requirement,
    base: &Measured,
    after: &Measured,
    note: Option<String>,
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
    let mut note = note;
    if !proven(after.status) && after.status.has_plan() {
        let how = after.note.clone().unwrap_or_else(|| {
            format!(
                "the re-solve ended with status {}",
                crate::report::status_words(after.status)
            )
        });
        note = Some(match note {
            Some(n) => format!("{n}; {how}"),
            None => how,
        });
    }
    Counterfactual {
        change: req.describe(sc),
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

// ---------------------------------------------------------------------------------------------
// Runner-ups

/// What choosing a cadre would cost, from an exact re-solve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cost {
    /// Objective lost (plan − re-solved plan): positive means the plan is better as it is.
    /// `null` when the re-solve found no plan (see `status`).
    pub cost: Option<f64>,
    pub status: SolveStatus,
    /// Both solves proven optimal: the cost is exact.
    pub proven: bool,
    pub note: Option<String>,
}

impl Cost {
    fn of(cf: &Counterfactual) -> Cost {
        Cost {
            // 0 − d, not −d: a cost of 0 must not be written −0.
            cost: cf.delta.map(|d| 0.0 - d),
            status: cf.status,
            proven: cf.proven,
            note: if cf.status.has_plan() {
                cf.note.clone()
            } else {
                Some(
                    cf.infeasible
                        .iter()
                        .map(|g| format!("{}: {}", g.rule, g.detail))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            },
        }
    }
}

/// A candidate of a post who did not get it, and what choosing them would cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunnerUp {
    pub cadre_id: String,
    pub cadre_name: String,
    /// Score of the pair.
    pub score: f64,
    /// The post the cadre has in the plan, if any.
    pub placed_on: Option<String>,
    /// The exact cost of forcing the pair into the plan; `null` when the budget ran out first.
    pub forced: Option<Cost>,
}

/// The runner-ups of one assigned post.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostRunnerUps {
    pub post_id: String,
    pub post_title: String,
    /// The cadres the plan puts on it.
    pub assigned: Vec<String>,
    pub candidates: Vec<RunnerUp>,
}

/// Runner-ups of every assigned post, within a budget.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RunnerUps {
    /// Runner-ups asked per post.
    pub per_post: usize,
    /// Re-solves run, and the most allowed.
    pub solves: usize,
    pub max_solves: usize,
    /// Why some or all were not computed.
    pub note: Option<String>,
    pub posts: Vec<PostRunnerUps>,
}

/// The pair's candidates of post `p` not on it in the plan, best score first (ties in cadre
/// order), leaving out cadres pinned elsewhere (choosing them would break a pin).
fn challengers(ctx: &RuleContext, cands: &Candidates, base: &Plan, p: PostIx) -> Vec<usize> {
    let sc = ctx.sc;
    let on: Vec<CadreIx> = base
        .assignments
        .iter()
        .filter(|a| a.post == p)
        .map(|a| a.cadre)
        .collect();
    let mut v: Vec<usize> = cands.by_post[p as usize]
        .iter()
        .copied()
        .filter(|&i| {
            let c = cands.pairs[i].cadre;
            !on.contains(&c) && !sc.pins.iter().any(|x| x.cadre == c && x.post != p)
        })
        .collect();
    v.sort_by(|&a, &b| {
        cands.pairs[b]
            .score
            .total_cmp(&cands.pairs[a].score)
            .then(a.cmp(&b))
    });
    v
}

/// For each assigned post (not pinned), the `budget.per_post` best other candidates by score and
/// the exact cost of forcing each into the plan. Re-solves run in parallel; at most
/// `budget.max_solves`, given round-robin (every post's first runner-up, then every post's second…).
pub fn runner_ups(
    ctx: &RuleContext,
    cands: &Candidates,
    base: &Plan,
    budget: &Budget,
) -> RunnerUps {
    let sc = ctx.sc;
    let mut out = RunnerUps {
        per_post: budget.per_post,
        max_solves: budget.max_solves,
        ..Default::default()
    };
    if budget.per_post == 0 {
        return out;
    }
    if !base.solver.status.has_plan() {
        return out;
    }
    if cands.len() > crate::solve::PRICING_THRESHOLD {
        out.note = Some(format!(
            "not computed: more than {} candidate pairs make each re-solve long; ask `rotaplan explain --post ID` for one post",
            crate::solve::PRICING_THRESHOLD
        ));
        return out;
    }
    let mut posts: Vec<PostIx> = base
        .assignments
        .iter()
        .filter(|a| !a.pinned)
        .map(|a| a.post)
        .collect();
    posts.dedup();
    let lists: Vec<Vec<usize>> = posts
        .iter()
        .map(|&p| {
            let mut v = challengers(ctx, cands, base, p);
            v.truncate(budget.per_post);
            v
        })
        .collect();
    // Round-robin over ranks so that the budget reaches every post's best runner-up first.
    let mut jobs: Vec<(usize, usize)> = Vec::new();
    for rank in 0..budget.per_post {
        for (k, l) in lists.iter().enumerate() {
            if rank < l.len() {
                jobs.push((k, rank));
            }
        }
    }
    let skipped = jobs.len().saturating_sub(budget.max_solves);
    jobs.truncate(budget.max_solves);
    let tl = budget.time_limit(sc);
    let costs: Vec<((usize, usize), Cost)> = jobs
        .par_iter()
        .map(|&(k, rank)| {
            let i = lists[k][rank];
            let c = &cands.pairs[i];
            let cf = counterfactual(ctx, cands, base, Requirement::Pin(c.cadre, c.post), tl);
            ((k, rank), Cost::of(&cf))
        })
        .collect();
    out.solves = costs.len();
    let mut found: BTreeMap<(usize, usize), Cost> = costs.into_iter().collect();
    let placed: BTreeMap<CadreIx, PostIx> = base.pairs().into_iter().collect();
    for (k, &p) in posts.iter().enumerate() {
        out.posts.push(PostRunnerUps {
            post_id: sc.post(p).id.clone(),
            post_title: sc.post(p).title.clone(),
            assigned: base
                .assignments
                .iter()
                .filter(|a| a.post == p)
                .map(|a| a.cadre_id.clone())
                .collect(),
            candidates: lists[k]
                .iter()
                .enumerate()
                .map(|(rank, &i)| {
                    let c = &cands.pairs[i];
                    RunnerUp {
                        cadre_id: sc.cadre(c.cadre).id.clone(),
                        cadre_name: sc.cadre(c.cadre).name.clone(),
                        score: c.score,
                        placed_on: placed.get(&c.cadre).map(|&q| sc.post(q).id.clone()),
                        forced: found.remove(&(k, rank)),
                    }
                })
                .collect(),
        });
    }
    if skipped > 0 {
        out.note = Some(format!(
            "{skipped} runner-up(s) not re-solved: the budget is {} re-solves",
            budget.max_solves
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Pins that cannot all hold

/// A pin named in an explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PinRef {
    pub cadre_id: String,
    pub post_id: String,
    pub reason: Option<String>,
    /// The requirement groups it breaks when it is kept with the others.
    pub breaks: Vec<InfeasibleGroup>,
}

/// Which pins must give way for a plan to exist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relaxation {
    /// The requirement groups all the pins break (the solver's pre-check).
    pub groups: Vec<InfeasibleGroup>,
    /// A minimal set of pins to drop: without them a plan exists, and keeping any one of them as
    /// well makes it impossible again. Never a pin marked `relaxable: false`.
    pub drop: Vec<PinRef>,
    /// Pins kept.
    pub kept: usize,
    /// Pins marked `relaxable: false`.
    pub fixed: usize,
    /// When the pins marked `relaxable: false` alone cannot hold: their conflicts (dropping other
    /// pins does not help; `drop` is empty).
    pub fixed_conflicts: Vec<InfeasibleGroup>,
    /// Hard must-fill posts (S5) that have to stay short, with the seats a plan can fill.
    pub must_fill: Vec<MustFillRef>,
    /// Hard structure targets (S6) that have to give way, with the share a plan reaches.
    pub targets: Vec<TargetRef>,
    /// `drop`, `must_fill` and `targets` together are proven to be a smallest set of groups to
    /// relax (then no group of it can be kept); otherwise a minimal set by a deletion filter.
    pub minimum: bool,
    /// With the pins of `drop` dropped, the re-solved plan's status and objective (when checked).
    pub status_after: Option<SolveStatus>,
    pub objective_after: Option<f64>,
    /// In words.
    pub summary: String,
}

/// A hard must-fill post that has to stay short.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MustFillRef {
    pub post_id: String,
    pub post_title: String,
    pub unit_name: String,
    pub seats: u32,
    /// Seats filled in one plan found with the groups relaxed (not the most possible).
    pub filled: u32,
}

/// A hard structure target that has to give way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetRef {
    pub target: String,
    pub share: f64,
    /// Its share among the cadres moved in one plan found with the groups relaxed (not the most
    /// possible).
    pub reached: f64,
}

/// When the scenario's pins cannot all hold: a minimal set of relaxable pins to drop, by a
/// deletion filter (drop every relaxable pin, then take each back in file order and keep it if the
/// pins still hold together). `None` when the pins hold. `verify`: re-solve with the kept pins
/// under that many seconds and report the plan's status and objective.
pub fn relax_pins(
    ctx: &RuleContext,
    cands: &Candidates,
    verify: Option<f64>,
) -> Option<Relaxation> {
    let sc = ctx.sc;
    let check = |pins: &[PairRule]| crate::solve::pin_precheck(ctx, cands, pins);
    let groups = check(&sc.pins);
    if groups.is_empty() {
        return None;
    }
    let fixed: Vec<PairRule> = sc.pins.iter().filter(|p| !p.relaxable).cloned().collect();
    let fixed_conflicts = check(&fixed);
    let pin_word = |n: usize| if n == 1 { "pin" } else { "pins" };
    if !fixed_conflicts.is_empty() {
        let summary = format!(
            "The {} {} marked `relaxable: false` cannot hold together ({}); dropping other pins does not help. Change one of them.",
            fixed.len(),
            pin_word(fixed.len()),
            fixed_conflicts
                .iter()
                .map(|g| format!("{}: {}", g.rule, g.detail))
                .collect::<Vec<_>>()
                .join("; ")
        );
        return Some(Relaxation {
            groups,
            drop: Vec::new(),
            kept: sc.pins.len(),
            fixed: fixed.len(),
            fixed_conflicts,
            must_fill: Vec::new(),
            targets: Vec::new(),
            minimum: false,
            status_after: None,
            objective_after: None,
            summary,
        });
    }
    // Deletion filter: keep[k] says whether pin k is kept.
    let mut keep: Vec<bool> = sc.pins.iter().map(|p| !p.relaxable).collect();
    let kept_pins = |keep: &[bool]| -> Vec<PairRule> {
        sc.pins
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(p, _)| p.clone())
            .collect()
    };
    for k in 0..sc.pins.len() {
        if keep[k] {
            continue;
        }
        keep[k] = true;
        if !check(&kept_pins(&keep)).is_empty() {
            keep[k] = false;
        }
    }
    let kept = kept_pins(&keep);
    let drop: Vec<PinRef> = sc
        .pins
        .iter()
        .zip(&keep)
        .filter(|(_, k)| !**k)
        .map(|(pin, _)| {
            let mut with = kept.clone();
            with.push(pin.clone());
            let own = check(&with);
            PinRef {
                cadre_id: sc.cadre(pin.cadre).id.clone(),
                post_id: sc.post(pin.post).id.clone(),
                reason: pin.reason.clone(),
                breaks: own,
            }
        })
        .collect();
    let (status_after, objective_after) = match verify {
        Some(tl) => {
            let mut copy = sc.clone();
            copy.pins = kept.clone();
            copy.solver.time_limit_s = tl;
            let ctx2 = RuleContext::new(&copy);
            let out = crate::solve::solve(&ctx2, cands);
            (Some(out.status), out.objective)
        }
        None => (None, None),
    };
    let mut summary = format!(
        "The {} pins cannot all hold. Drop {} {} to get a plan: {}.",
        sc.pins.len(),
        drop.len(),
        pin_word(drop.len()),
        drop.iter()
            .map(|d| {
                let why = d
                    .breaks
                    .iter()
                    .map(|g| g.rule.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("{} → {} ({why})", d.cadre_id, d.post_id)
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    summary += &format!(
        " Keeping any one of them as well makes a plan impossible again. Kept: {} {}",
        kept.len(),
        pin_word(kept.len())
    );
    if !fixed.is_empty() {
        summary += &format!(" ({} marked `relaxable: false`)", fixed.len());
    }
    summary.push('.');
    if let (Some(s), Some(z)) = (status_after, objective_after) {
        summary += &format!(
            " Re-solved that way: status {}, objective {}.",
            s.as_str(),
            crate::report::num(z)
        );
    }
    Some(Relaxation {
        groups,
        drop,
        kept: kept.len(),
        fixed: fixed.len(),
        fixed_conflicts: Vec::new(),
        must_fill: Vec::new(),
        targets: Vec::new(),
        minimum: false,
        status_after,
        objective_after,
        summary,
    })
}

/// Which requirement groups have to give way for a plan to exist: the pins alone
/// ([`relax_pins`]) or, when must-fill posts or targets are hard (`requirements:`), every group
/// together by the elastic MIP of `solve::requirements`, shrunk to a minimal set when the MIP could
/// not prove its set smallest. Groups marked `relaxable: false` never give way. `None` when the
/// requirements hold. `verify`: re-solve with the groups given way (pins dropped, must-fill posts
/// and targets soft again, penalised as by default) under that many seconds.
pub fn relax_requirements(
    ctx: &RuleContext,
    cands: &Candidates,
    verify: Option<f64>,
) -> Option<Relaxation> {
    use crate::solve::model::{Req, TARGET_NAMES, target_shares};
    use crate::solve::requirements::{self as reqs, Verdict};
    let sc = ctx.sc;
    if !sc.requirements.any_hard() {
        return relax_pins(ctx, cands, verify);
    }
    let tl = sc.solver.time_limit_s;
    let deadline = || {
        std::time::Instant::now()
            + std::time::Duration::from_secs_f64(tl + crate::solve::deadline_grace(tl))
    };
    let user = |g: Req| reqs::user_relaxable(ctx, g);
    let fixed: Vec<Req> = reqs::groups(ctx)
        .into_iter()
        .filter(|&g| !user(g))
        .collect();
    let empty = |summary: String, minimum: bool| Relaxation {
        groups: Vec::new(),
        drop: Vec::new(),
        kept: sc.pins.len(),
        fixed: fixed.len(),
        fixed_conflicts: Vec::new(),
        must_fill: Vec::new(),
        targets: Vec::new(),
        minimum,
        status_after: None,
        objective_after: None,
        summary,
    };
    let (mut relax, minimum, mut chosen) = match reqs::elastic(ctx, cands, &user, tl, deadline()) {
        Verdict::Hold { .. } => return None,
        Verdict::Fixed => {
            let mut r = empty(String::new(), false);
            r.fixed_conflicts = fixed.iter().map(|&g| reqs::describe(ctx, g)).collect();
            r.summary = format!(
                "The {} requirement group(s) marked `relaxable: false` cannot hold together, whatever the other groups give way: {}. Mark one of them relaxable, or change it.",
                fixed.len(),
                fixed
                    .iter()
                    .map(|&g| group_name(ctx, g))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
            return Some(r);
        }
        Verdict::Unknown(note) => {
            return Some(empty(
                format!(
                    "The hard requirements do not hold together as they are, and the solver could not tell within {tl} s which groups must give way: {note}."
                ),
                false,
            ));
        }
        Verdict::Relax {
            relax,
            minimum,
            chosen,
        } => (relax, minimum, chosen),
    };
    if !minimum {
        // Deletion filter: keep each group of the set in turn if the rest still lets a plan exist.
        for g in relax.clone() {
            if !relax.contains(&g) || !user(g) {
                continue;
            }
            let allowed: Vec<Req> = relax.iter().copied().filter(|&h| h != g).collect();
            let v = reqs::elastic(ctx, cands, &|h| allowed.contains(&h), tl, deadline());
            if let Verdict::Relax {
                relax: r,
                chosen: c,
                ..
            } = with_relax(v)
            {
                relax = r;
                chosen = c;
            }
        }
    }
    chosen.sort_unstable();

    let (filled, counts) = reqs::tally(ctx, cands, &chosen);
    let mut r = empty(String::new(), minimum);
    r.groups = relax.iter().map(|&g| reqs::describe(ctx, g)).collect();
    for &g in &relax {
        match g {
            Req::Pin(k) => {
                let pin = &sc.pins[k];
                r.drop.push(PinRef {
                    cadre_id: sc.cadre(pin.cadre).id.clone(),
                    post_id: sc.post(pin.post).id.clone(),
                    reason: pin.reason.clone(),
                    breaks: crate::solve::pin_precheck(ctx, cands, std::slice::from_ref(pin)),
                });
            }
            Req::MustFill(p) => {
                let post = sc.post(p);
                r.must_fill.push(MustFillRef {
                    post_id: post.id.clone(),
                    post_title: post.title.clone(),
                    unit_name: sc.unit(post.unit).name.clone(),
                    seats: post.seats,
                    filled: filled[p as usize],
                });
            }
            Req::Target(k) => r.targets.push(TargetRef {
                target: TARGET_NAMES[k].to_string(),
                share: target_shares(sc)[k],
                reached: if chosen.is_empty() {
                    0.0
                } else {
                    counts[k] as f64 / chosen.len() as f64
                },
            }),
        }
    }
    r.kept = sc.pins.len() - r.drop.len();
    if let Some(t) = verify {
        // The relaxed groups given way: pins dropped, must-fill posts and targets soft again.
        let mut copy = sc.clone();
        for &g in &relax {
            match g {
                Req::MustFill(p) => copy.waived.must_fill.push(p),
                Req::Target(k) => copy.waived.targets[k] = true,
                Req::Pin(_) => {}
            }
        }
        copy.waived.must_fill.sort_unstable();
        copy.pins = sc
            .pins
            .iter()
            .enumerate()
            .filter(|(k, _)| !relax.contains(&Req::Pin(*k)))
            .map(|(_, p)| p.clone())
            .collect();
        copy.solver.time_limit_s = t;
        let out = crate::solve::solve(&RuleContext::new(&copy), cands);
        r.status_after = Some(out.status);
        r.objective_after = out.objective;
    }
    r.summary = format!(
        "The hard requirements cannot all hold together. To get a plan, relax {}: {}.",
        match relax.len() {
            1 => "one group".to_string(),
            n => format!("{n} groups"),
        },
        relax
            .iter()
            .map(|&g| group_name(ctx, g))
            .collect::<Vec<_>>()
            .join("; ")
    );
    r.summary += if minimum {
        " No smaller set of groups will do."
    } else {
        " Keeping any one of them as well makes a plan impossible again."
    };
    for m in &r.must_fill {
        r.summary += &format!(
            " Then a plan exists with {} ({}, {}) at {} of its {} seat(s).",
            m.post_id, m.post_title, m.unit_name, m.filled, m.seats
        );
    }
    for t in &r.targets {
        r.summary += &format!(
            " Then a plan exists with the {} share at {:.1} % (target {:.1} %).",
            t.target,
            100.0 * t.reached,
            100.0 * t.share
        );
    }
    if !fixed.is_empty() {
        r.summary += &format!(
            " {} group(s) marked `relaxable: false` were never relaxed.",
            fixed.len()
        );
    }
    if let (Some(s), Some(z)) = (r.status_after, r.objective_after) {
        r.summary += &format!(
            " Re-solved that way: status {}, objective {}.",
            s.as_str(),
            crate::report::num(z)
        );
    }
    Some(r)
}

/// A `Hold` read as a relaxation of nothing.
fn with_relax(v: crate::solve::requirements::Verdict) -> crate::solve::requirements::Verdict {
    use crate::solve::requirements::Verdict;
    match v {
        Verdict::Hold { chosen } => Verdict::Relax {
            relax: Vec::new(),
            minimum: true,
            chosen,
        },
        other => other,
    }
}

/// A requirement group in a few words.
fn group_name(ctx: &RuleContext, g: crate::solve::model::Req) -> String {
    use crate::solve::model::{Req, TARGET_NAMES, target_shares};
    let sc = ctx.sc;
    match g {
        Req::Pin(k) => {
            let p = &sc.pins[k];
            format!(
                "drop pin {} → {} (S2)",
                sc.cadre(p.cadre).id,
                sc.post(p.post).id
            )
        }
        Req::MustFill(p) => format!(
            "let must-fill post {} ({}) stay short (S5)",
            sc.post(p).id,
            sc.post(p).title
        ),
        Req::Target(k) => format!(
            "let the {} target of {:.0} % give way (S6)",
            TARGET_NAMES[k],
            100.0 * target_shares(sc)[k]
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// One pair, one cadre, one post

/// Look up a cadre by id, with a "did you mean" when there is none.
pub fn find_cadre(sc: &Scenario, id: &str) -> Result<CadreIx, String> {
    find(
        id,
        sc.cadres.iter().map(|c| c.id.as_str()),
        "cadre",
        "cadres.csv",
    )
    .map(|i| i as CadreIx)
}

/// Look up a post by id, with a "did you mean" when there is none.
pub fn find_post(sc: &Scenario, id: &str) -> Result<PostIx, String> {
    find(
        id,
        sc.posts.iter().map(|p| p.id.as_str()),
        "post",
        "posts.csv",
    )
    .map(|i| i as PostIx)
}

fn find<'a>(
    id: &str,
    ids: impl Iterator<Item = &'a str> + Clone,
    what: &str,
    table: &str,
) -> Result<usize, String> {
    if let Some(i) = ids.clone().position(|x| x == id) {
        return Ok(i);
    }
    let best = ids
        .map(|x| {
            (
                strsim::osa_distance(&x.to_lowercase(), &id.to_lowercase()),
                x,
            )
        })
        .filter(|(d, _)| *d <= id.chars().count().div_ceil(2).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, x)| format!(" (did you mean \"{x}\"?)"))
        .unwrap_or_default();
    Err(format!("no {what} with id \"{id}\" in {table}{best}"))
}

/// Who holds a post in the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Holder {
    pub cadre_id: String,
    pub cadre_name: String,
    /// Score of the holder on the post.
    pub score: f64,
    pub pinned: bool,
}

fn holders(base: &Plan, p: PostIx) -> Vec<Holder> {
    base.assignments
        .iter()
        .filter(|a| a.post == p)
        .map(|a| Holder {
            cadre_id: a.cadre_id.clone(),
            cadre_name: a.cadre_name.clone(),
            score: a.score,
            pinned: a.pinned,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Why a cadre is not on a post: one answer, whichever view asks

/// A cadre who leaves a unit in the plan (S1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Departure {
    pub cadre_id: String,
    pub post_id: String,
}

/// A holder of a full post replaced by the cadre, the rest of the plan as it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swap {
    /// The holder whose seat the cadre would take (of the holders not pinned, the swap that costs
    /// least).
    pub holder_id: String,
    pub holder_score: f64,
    /// Objective lost by the swap (plan − plan with the swap): positive when the plan is better
    /// as it is, 0 when the swap gives an equally good plan.
    pub cost: f64,
    /// The parts of the objective that the swap changes.
    pub changes: Vec<Change>,
}

/// Why a cadre is not on a post in the plan, or that they are: the ONE answer to "why not X on
/// Y?", computed by [`why_not`] whichever view asks (`explain_pair`, `explain_cadre`,
/// `explain_post`), and put into words by `report::why_not_text` alone.
///
/// The checks run in this order, so that the binding reason wins: a rule or a forbid excludes the
/// pair; there is no plan; the cadre is on the post; pinned to another post; placed on another
/// post; a free cadre whose unit already loses the most cadres it may (S1: even a free seat would
/// not take them); whose relative placed by the plan makes a conflict (H10); every seat is held
/// (then the swap with a holder and what it changes, since a lower-scoring holder alone is no
/// reason); a free seat whose move would not improve the plan. A swap or a move that would improve
/// the plan means the solve stopped before finding it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WhyNot {
    /// The cadre is on the post in the plan.
    OnPost { score: f64, pinned: bool },
    /// Every hard rule the pair breaks, and the scenario's forbid (S3): no plan may have it.
    Excluded {
        breaches: Vec<Breach>,
        forbidden: bool,
        forbid_reason: Option<String>,
    },
    /// There is no plan (the requirements cannot all hold, or the solve stopped without one).
    NoPlan { status: SolveStatus },
    /// The scenario pins the cadre to another post (S2).
    PinnedElsewhere {
        post_id: String,
        pin_reason: Option<String>,
    },
    /// The plan places the cadre on another post.
    Placed { post_id: String, score: f64 },
    /// The cadre is free, but their unit already loses `max` cadres or more (S1).
    UnitAtCap {
        unit_id: String,
        max: u32,
        leaving: Vec<Departure>,
    },
    /// The cadre is free, but a relative placed by the plan makes a conflict on this post (H10).
    Relative {
        relative_id: String,
        relative_post_id: String,
    },
    /// Every seat is held; `swap`: replacing a holder (not pinned) by the cadre, `null` when every
    /// holder is pinned.
    Taken {
        holders: Vec<Holder>,
        swap: Option<Swap>,
    },
    /// A free seat, but adding the move to the plan would cost `cost` (≥ 0) of objective.
    FreeSeatWorseObjective { cost: f64, changes: Vec<Change> },
    /// The move (onto a free seat, or `replacing` a holder) would improve the plan by −`cost`,
    /// but the solve stopped before finding it.
    SolveStopped {
        status: SolveStatus,
        cost: f64,
        replacing: Option<String>,
    },
}

/// Below this, two objectives are equal.
const EPS: f64 = 1e-6;

/// What the reasons read of a plan, computed once per explanation.
struct Reasons<'a, 's> {
    ctx: &'a RuleContext<'s>,
    cands: &'a Candidates,
    base: Option<&'a Plan>,
    placed: BTreeMap<CadreIx, PostIx>,
    chosen: Vec<usize>,
    objective: ObjectiveBreakdown,
}

impl<'a, 's> Reasons<'a, 's> {
    fn new(ctx: &'a RuleContext<'s>, cands: &'a Candidates, base: Option<&'a Plan>) -> Self {
        let pairs = base.map(|b| b.pairs()).unwrap_or_default();
        let chosen: Vec<usize> = pairs
            .iter()
            .filter_map(|&(c, p)| cands.find(c, p))
            .collect();
        let objective = ctx.evaluate(cands, &chosen);
        Reasons {
            ctx,
            cands,
            base,
            placed: pairs.into_iter().collect(),
            chosen,
            objective,
        }
    }

    /// The objective lost if the plan's pairs were `with` (plan − that), and the parts that change.
    fn cost_of(&self, with: &[usize]) -> (f64, Vec<Change>) {
        let after = self.ctx.evaluate(self.cands, with);
        (
            // 0 − d, not −d: a cost of 0 must not be −0.
            0.0 - (after.total - self.objective.total),
            objective_changes(&self.objective, &after),
        )
    }

    /// Why cadre `c` is not on post `p` (or that they are); `None` only when no plan was given and
    /// the pair is allowed.
    fn why_not(&self, c: CadreIx, p: PostIx) -> Option<WhyNot> {
        let sc = self.ctx.sc;
        let cands = self.cands;
        let Some(i) = cands.find(c, p) else {
            let forbid = sc.forbids.iter().find(|f| f.cadre == c && f.post == p);
            return Some(WhyNot::Excluded {
                breaches: self.ctx.breaches(c, p),
                forbidden: forbid.is_some(),
                forbid_reason: forbid.and_then(|f| f.reason.clone()),
            });
        };
        let base = self.base?;
        let status = base.solver.status;
        if !status.has_plan() {
            return Some(WhyNot::NoPlan { status });
        }
        let score_on = |q: PostIx| cands.find(c, q).map_or(0.0, |j| cands.pairs[j].score);
        match self.placed.get(&c) {
            Some(&q) if q == p => {
                return Some(WhyNot::OnPost {
                    score: cands.pairs[i].score,
                    pinned: sc.pins.iter().any(|x| x.cadre == c && x.post == p),
                });
            }
            Some(&q) => {
                if let Some(pin) = sc.pins.iter().find(|x| x.cadre == c && x.post == q) {
                    return Some(WhyNot::PinnedElsewhere {
                        post_id: sc.post(q).id.clone(),
                        pin_reason: pin.reason.clone(),
                    });
                }
                return Some(WhyNot::Placed {
                    post_id: sc.post(q).id.clone(),
                    score: score_on(q),
                });
            }
            None => {}
        }
        let cadre = sc.cadre(c);
        if let Some(u) = cadre.current_unit {
            let leaving: Vec<Departure> = base
                .assignments
                .iter()
                .filter(|a| a.cadre != c && sc.cadre(a.cadre).current_unit == Some(u))
                .map(|a| Departure {
                    cadre_id: a.cadre_id.clone(),
                    post_id: a.post_id.clone(),
                })
                .collect();
            if leaving.len() as u32 >= sc.max_departures_per_unit {
                return Some(WhyNot::UnitAtCap {
                    unit_id: sc.unit(u).id.clone(),
                    max: sc.max_departures_per_unit,
                    leaving,
                });
            }
        }
        for &r in &cadre.relatives {
            if let Some(&rq) = self.placed.get(&r)
                && crate::rules::family::conflicts(sc, (c, p), (r, rq))
            {
                return Some(WhyNot::Relative {
                    relative_id: sc.cadre(r).id.clone(),
                    relative_post_id: sc.post(rq).id.clone(),
                });
            }
        }
        let hs = holders(base, p);
        if hs.len() as u32 >= sc.post(p).seats {
            let mut best: Option<Swap> = None;
            for a in base.assignments.iter().filter(|a| a.post == p && !a.pinned) {
                let out = cands.find(a.cadre, p);
                let mut with: Vec<usize> = self
                    .chosen
                    .iter()
                    .copied()
                    .filter(|&j| Some(j) != out)
                    .collect();
                with.push(i);
                let (cost, changes) = self.cost_of(&with);
                if best.as_ref().is_none_or(|b| cost < b.cost - EPS) {
                    best = Some(Swap {
                        holder_id: a.cadre_id.clone(),
                        holder_score: a.score,
                        cost,
                        changes,
                    });
                }
            }
            if let Some(s) = &best
                && s.cost < -EPS
            {
                return Some(WhyNot::SolveStopped {
                    status,
                    cost: s.cost,
                    replacing: Some(s.holder_id.clone()),
                });
            }
            return Some(WhyNot::Taken {
                holders: hs,
                swap: best,
            });
        }
        let mut with = self.chosen.clone();
        with.push(i);
        let (cost, changes) = self.cost_of(&with);
        if cost < -EPS {
            return Some(WhyNot::SolveStopped {
                status,
                cost,
                replacing: None,
            });
        }
        Some(WhyNot::FreeSeatWorseObjective { cost, changes })
    }
}

/// Why cadre `c` is not on post `p` in `base` (or that they are): the answer every view gives.
/// `None` only when no plan is given and the pair is allowed.
pub fn why_not(
    ctx: &RuleContext,
    cands: &Candidates,
    base: Option<&Plan>,
    c: CadreIx,
    p: PostIx,
) -> Option<WhyNot> {
    Reasons::new(ctx, cands, base).why_not(c, p)
}

/// The requirement groups to relax, for an explanation of a scenario without a plan.
fn relaxation_of(base: Option<&Plan>) -> Option<Box<Relaxation>> {
    base.filter(|b| !b.solver.status.has_plan())
        .and_then(|b| b.relaxation.clone())
        .map(Box::new)
}

// ---------------------------------------------------------------------------------------------
// One pair, one cadre, one post

/// Why cadre X is (not) on post Y.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairExplanation {
    pub cadre_id: String,
    pub cadre_name: String,
    pub post_id: String,
    pub post_title: String,
    pub unit_id: String,
    /// The pair passes every hard rule and is not forbidden.
    pub allowed: bool,
    /// Every hard rule the pair breaks, with the numbers.
    pub breaches: Vec<Breach>,
    /// The scenario forbids the pair (S3), with the reason given.
    pub forbidden: bool,
    pub forbid_reason: Option<String>,
    /// The scenario pins the pair (S2).
    pub pinned: bool,
    /// Score terms and weighted score (when allowed).
    pub terms: Option<Terms>,
    pub score: Option<f64>,
    pub training: Vec<TrainingGain>,
    /// The plan's status (`null` when no plan was solved: the pair is excluded).
    pub plan_status: Option<SolveStatus>,
    pub in_plan: bool,
    /// The post the cadre has in the plan, and who holds this post.
    pub cadre_placed_on: Option<String>,
    pub post_holders: Vec<Holder>,
    /// Why the cadre is not on the post, or that they are: the same answer as `--cadre` and
    /// `--post` give.
    pub reason: Option<WhyNot>,
    /// The plan re-solved with the pair forced in (not in the plan) or forbidden (in the plan).
    pub counterfactual: Option<Counterfactual>,
    /// When there is no plan: the requirement groups to relax.
    pub relaxation: Option<Box<Relaxation>>,
    /// The answer in words.
    pub summary: String,
}

/// Explain the pair (cadre `c`, post `p`) against the plan `base` of the same scenario: every rule
/// that excludes it, or, if it is allowed, its score terms, why it is (not) in the plan, and the
/// exact change if it were forced into the plan (or, if it is in the plan, forbidden).
pub fn explain_pair(
    ctx: &RuleContext,
    cands: &Candidates,
    base: Option<&Plan>,
    c: CadreIx,
    p: PostIx,
    time_limit_s: f64,
) -> PairExplanation {
    let sc = ctx.sc;
    let (cadre, post) = (sc.cadre(c), sc.post(p));
    let forbid = sc.forbids.iter().find(|f| f.cadre == c && f.post == p);
    let cand = cands.find(c, p).map(|i| &cands.pairs[i]);
    let unit = sc.unit(post.unit);
    let from = cadre.current_unit.map(|u| sc.unit(u));
    let mut e = PairExplanation {
        cadre_id: cadre.id.clone(),
        cadre_name: cadre.name.clone(),
        post_id: post.id.clone(),
        post_title: post.title.clone(),
        unit_id: unit.id.clone(),
        allowed: cand.is_some(),
        breaches: ctx.breaches(c, p),
        forbidden: forbid.is_some(),
        forbid_reason: forbid.and_then(|f| f.reason.clone()),
        pinned: sc.pins.iter().any(|x| x.cadre == c && x.post == p),
        terms: cand.map(|x| x.terms),
        score: cand.map(|x| x.score),
        training: if cand.is_some() {
            crate::scoring::training_gains(cadre, from, post, unit)
        } else {
            Vec::new()
        },
        plan_status: None,
        in_plan: false,
        cadre_placed_on: None,
        post_holders: Vec::new(),
        reason: why_not(ctx, cands, base, c, p),
        counterfactual: None,
        relaxation: None,
        summary: String::new(),
    };
    if let (Some(base), Some(_)) = (base, cand) {
        e.plan_status = Some(base.solver.status);
        e.in_plan = base.assignments.iter().any(|a| a.cadre == c && a.post == p);
        e.cadre_placed_on = base
            .assignments
            .iter()
            .find(|a| a.cadre == c)
            .map(|a| a.post_id.clone());
        e.post_holders = holders(base, p);
        e.relaxation = relaxation_of(Some(base));
        if base.solver.status.has_plan() {
            let req = if e.in_plan {
                Requirement::Forbid(c, p)
            } else {
                Requirement::Pin(c, p)
            };
            e.counterfactual = Some(counterfactual(ctx, cands, base, req, time_limit_s));
        }
    }
    e.summary = crate::report::pair_summary(&e);
    e
}

/// A post a cadre could take.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CadreOption {
    pub post_id: String,
    pub post_title: String,
    pub unit_id: String,
    pub score: f64,
    pub terms: Terms,
    /// The cadre's post in the plan.
    pub taken: bool,
    /// Who holds the post in the plan.
    pub holders: Vec<Holder>,
    /// Why the cadre is not on it (for options not taken), in words: `reason` as the pair and post
    /// views say it.
    pub why_not: Option<String>,
    /// Why the cadre is not on it, as data (for options not taken).
    pub reason: Option<WhyNot>,
    /// The exact cost of forcing the cadre onto it (options not taken, within the budget).
    pub forced: Option<Cost>,
}

/// Why a cadre got their post, or none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CadreExplanation {
    pub cadre_id: String,
    pub cadre_name: String,
    pub current_unit: Option<String>,
    pub current_rank: i32,
    pub outstanding: bool,
    pub plan_status: SolveStatus,
    /// The post the cadre has in the plan.
    pub assigned: Option<String>,
    pub pinned: bool,
    /// The reason the scenario gives for the cadre's pin, if any.
    pub pin_reason: Option<String>,
    /// Rules that exclude the cadre from every post (H1–H4 depend on the cadre alone), with the
    /// numbers of the posts that matter: those of a compatible rank (H6) when there are any.
    pub cadre_rules: Vec<Breach>,
    /// Posts whose rank H6 allows the cadre.
    pub rank_compatible_posts: usize,
    /// Among them, the posts each other rule cuts.
    pub cut_by_rule: BTreeMap<RuleId, usize>,
    /// Posts the scenario forbids the cadre.
    pub forbidden_posts: Vec<String>,
    /// Candidate posts, best score first.
    pub options: Vec<CadreOption>,
    /// When there is no plan: the requirement groups to relax.
    pub relaxation: Option<Box<Relaxation>>,
    pub summary: String,
}

/// The rules on cadre `c` alone (H1–H4) that exclude them from every post, each quoted against
/// the posts that matter: those of a compatible rank (H6) when there are any, all otherwise. H2's
/// threshold differs between posts (not-local posts need less service): the least demanding one is
/// quoted, and the other named, never one post's that happens to come first.
fn cadre_rules(ctx: &RuleContext, c: CadreIx, per_post: &[Vec<Breach>]) -> Vec<Breach> {
    let sc = ctx.sc;
    let cadre = sc.cadre(c);
    let compatible: Vec<PostIx> = (0..sc.posts.len() as PostIx)
        .filter(|&p| crate::rules::h6_post_level(sc, cadre, sc.post(p)).is_ok())
        .collect();
    let relevant: Vec<PostIx> = if compatible.is_empty() {
        (0..sc.posts.len() as PostIx).collect()
    } else {
        compatible
    };
    let mut out = Vec::new();
    for rule in [RuleId::H1, RuleId::H2, RuleId::H3, RuleId::H4] {
        if per_post.is_empty() || !per_post.iter().all(|b| b.iter().any(|x| x.rule == rule)) {
            continue;
        }
        let b = if rule == RuleId::H2 {
            crate::rules::h2_over_posts(
                sc,
                &ctx.facts[c as usize],
                relevant.iter().map(|&p| sc.post(p)),
            )
            .err()
        } else {
            relevant.first().and_then(|&p| {
                per_post[p as usize]
                    .iter()
                    .find(|x| x.rule == rule)
                    .cloned()
            })
        };
        out.extend(b);
    }
    out
}

/// Why cadre `c` got their post in `base`, or none; their candidate posts ranked, each with why
/// not and (within `budget.max_solves`) the exact cost of forcing them there.
pub fn explain_cadre(
    ctx: &RuleContext,
    cands: &Candidates,
    base: &Plan,
    c: CadreIx,
    budget: &Budget,
) -> CadreExplanation {
    let sc = ctx.sc;
    let cadre = sc.cadre(c);
    let reasons = Reasons::new(ctx, cands, Some(base));
    let assigned = reasons.placed.get(&c).copied();
    let per_post: Vec<Vec<Breach>> = (0..sc.posts.len() as PostIx)
        .map(|p| ctx.breaches(c, p))
        .collect();
    let mut rank_compatible_posts = 0;
    let mut cut_by_rule: BTreeMap<RuleId, usize> = BTreeMap::new();
    for (p, b) in per_post.iter().enumerate() {
        if crate::rules::h6_post_level(sc, cadre, sc.post(p as PostIx)).is_ok() {
            rank_compatible_posts += 1;
            for x in b {
                *cut_by_rule.entry(x.rule).or_default() += 1;
            }
        }
    }
    let forbidden_posts: Vec<String> = sc
        .forbids
        .iter()
        .filter(|f| f.cadre == c)
        .map(|f| sc.post(f.post).id.clone())
        .collect();
    let mut opts: Vec<&crate::rules::Candidate> = cands.of_cadre(c).iter().collect();
    opts.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.post.cmp(&b.post)));
    let has_plan = base.solver.status.has_plan();
    let mut options: Vec<CadreOption> = opts
        .iter()
        .map(|x| {
            let taken = assigned == Some(x.post);
            let reason = if taken {
                None
            } else {
                reasons.why_not(c, x.post)
            };
            CadreOption {
                post_id: sc.post(x.post).id.clone(),
                post_title: sc.post(x.post).title.clone(),
                unit_id: sc.post_unit(x.post).id.clone(),
                score: x.score,
                terms: x.terms,
                taken,
                holders: holders(base, x.post),
                why_not: reason
                    .as_ref()
                    .map(|r| crate::report::why_not_text(&cadre.id, r)),
                reason,
                forced: None,
            }
        })
        .collect();
    // Exact costs of the options not taken, best score first, within the budget.
    if has_plan {
        let tl = budget.time_limit(sc);
        let todo: Vec<usize> = options
            .iter()
            .enumerate()
            .filter(|(_, o)| !o.taken)
            .map(|(k, _)| k)
            .take(budget.max_solves)
            .collect();
        let costs: Vec<(usize, Cost)> = todo
            .par_iter()
            .map(|&k| {
                let cf = counterfactual(ctx, cands, base, Requirement::Pin(c, opts[k].post), tl);
                (k, Cost::of(&cf))
            })
            .collect();
        for (k, cost) in costs {
            options[k].forced = Some(cost);
        }
    }
    let pin = sc.pins.iter().find(|x| x.cadre == c);
    let mut e = CadreExplanation {
        cadre_id: cadre.id.clone(),
        cadre_name: cadre.name.clone(),
        current_unit: cadre.current_unit.map(|u| sc.unit(u).id.clone()),
        current_rank: cadre.current_rank,
        outstanding: cadre.outstanding,
        plan_status: base.solver.status,
        assigned: assigned.map(|a| sc.post(a).id.clone()),
        pinned: pin.is_some_and(|x| Some(x.post) == assigned),
        pin_reason: pin.and_then(|x| x.reason.clone()),
        cadre_rules: cadre_rules(ctx, c, &per_post),
        rank_compatible_posts,
        cut_by_rule,
        forbidden_posts,
        options,
        relaxation: relaxation_of(Some(base)),
        summary: String::new(),
    };
    e.summary = crate::report::cadre_summary(&e);
    e
}

/// A candidate of a post and what choosing them would change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostCandidate {
    pub cadre_id: String,
    pub cadre_name: String,
    pub score: f64,
    /// The post the cadre has in the plan.
    pub placed_on: Option<String>,
    /// Why the cadre is not on this post (or that they are), as data: the same answer as the pair
    /// and cadre views give.
    pub reason: Option<WhyNot>,
    /// The same in words.
    pub why_not: Option<String>,
    /// On this post in the plan: the exact change if the pair were forbidden (why them);
    /// otherwise the exact cost of forcing them on (within the budget).
    pub counterfactual: Option<Counterfactual>,
}

/// Who is on a post and why; who else could be and at what cost.
#[derive(Debug, Clone, Serialize)]
pub struct PostExplanation {
    pub post_id: String,
    pub post_title: String,
    pub unit_id: String,
    pub seats: u32,
    pub must_fill: bool,
    pub plan_status: SolveStatus,
    pub holders: Vec<Holder>,
    /// The plan's reason when a quota seat is empty.
    pub unfilled: Option<Unfilled>,
    /// Candidates, holders first, then the best score first.
    pub candidates: Vec<PostCandidate>,
    /// When there is no plan: the requirement groups to relax.
    pub relaxation: Option<Box<Relaxation>>,
    pub summary: String,
}

/// Post `p` in `base`: its holders and why (the cost of forbidding each), the best other
/// candidates, why each is not on it and the cost of forcing each (within `budget`), and the
/// unfilled reason.
pub fn explain_post(
    ctx: &RuleContext,
    cands: &Candidates,
    base: &Plan,
    p: PostIx,
    budget: &Budget,
) -> PostExplanation {
    let sc = ctx.sc;
    let post = sc.post(p);
    let hs = holders(base, p);
    let reasons = Reasons::new(ctx, cands, Some(base));
    let has_plan = base.solver.status.has_plan();
    let mut list: Vec<(usize, Option<Requirement>)> = Vec::new();
    for a in base.assignments.iter().filter(|a| a.post == p) {
        if let Some(i) = cands.find(a.cadre, p) {
            list.push((i, Some(Requirement::Forbid(a.cadre, p))));
        }
    }
    let others = if has_plan {
        challengers(ctx, cands, base, p)
    } else {
        let mut v = cands.by_post[p as usize].clone();
        v.sort_by(|&a, &b| {
            cands.pairs[b]
                .score
                .total_cmp(&cands.pairs[a].score)
                .then(a.cmp(&b))
        });
        v
    };
    for (k, i) in others.into_iter().enumerate() {
        let req = (k < budget.per_post.max(1)).then(|| Requirement::Pin(cands.pairs[i].cadre, p));
        list.push((i, req));
    }
    let tl = budget.time_limit(sc);
    let jobs: Vec<(usize, Requirement)> = list
        .iter()
        .enumerate()
        .filter_map(|(k, (_, r))| r.map(|r| (k, r)))
        .take(if has_plan { budget.max_solves } else { 0 })
        .collect();
    let mut done: BTreeMap<usize, Counterfactual> = jobs
        .par_iter()
        .map(|&(k, r)| (k, counterfactual(ctx, cands, base, r, tl)))
        .collect();
    let candidates: Vec<PostCandidate> = list
        .iter()
        .enumerate()
        .map(|(k, &(i, _))| {
            let c = cands.pairs[i].cadre;
            let reason = reasons.why_not(c, p);
            PostCandidate {
                cadre_id: sc.cadre(c).id.clone(),
                cadre_name: sc.cadre(c).name.clone(),
                score: cands.pairs[i].score,
                placed_on: reasons.placed.get(&c).map(|&q| sc.post(q).id.clone()),
                why_not: reason
                    .as_ref()
                    .filter(|r| !matches!(r, WhyNot::OnPost { .. }))
                    .map(|r| crate::report::why_not_text(&sc.cadre(c).id, r)),
                reason,
                counterfactual: done.remove(&k),
            }
        })
        .collect();
    let mut e = PostExplanation {
        post_id: post.id.clone(),
        post_title: post.title.clone(),
        unit_id: sc.unit(post.unit).id.clone(),
        seats: post.seats,
        must_fill: post.criticality >= 5,
        plan_status: base.solver.status,
        holders: hs,
        unfilled: base.unfilled.iter().find(|u| u.post_id == post.id).cloned(),
        candidates,
        relaxation: relaxation_of(Some(base)),
        summary: String::new(),
    };
    e.summary = crate::report::post_summary(&e);
    e
}

// ---------------------------------------------------------------------------------------------
// The whole plan

/// Everything `rotaplan explain SCENARIO` says about a plan without a cadre or post named.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub scenario: String,
    pub status: SolveStatus,
    pub objective: Option<f64>,
    pub structure: Structure,
    pub relaxation: Option<Relaxation>,
    pub runner_ups: RunnerUps,
    pub unfilled: Vec<Unfilled>,
}

/// Any answer of `rotaplan explain`, tagged by `kind` in JSON.
// One value per command: boxing the larger answers would only make them harder to use.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Explanation {
    Pair(PairExplanation),
    Cadre(CadreExplanation),
    Post(PostExplanation),
    Plan(Overview),
    Structure(Structure),
}

impl Overview {
    pub fn of(plan: &Plan) -> Overview {
        Overview {
            scenario: plan.scenario.clone(),
            status: plan.solver.status,
            objective: plan.solver.objective,
            structure: plan.structure.clone(),
            relaxation: plan.relaxation.clone(),
            runner_ups: plan.runner_ups.clone(),
            unfilled: plan.unfilled.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    /// The largest matching by brute force: every right node to one of its left nodes or none.
    fn brute(caps: &[u32], adj: &[Vec<usize>], n_right: usize) -> usize {
        let mut right_adj: Vec<Vec<usize>> = vec![Vec::new(); n_right];
        for (l, row) in adj.iter().enumerate() {
            for &r in row {
                right_adj[r].push(l);
            }
        }
        fn go(r: usize, right_adj: &[Vec<usize>], used: &mut [u32], caps: &[u32]) -> usize {
            if r == right_adj.len() {
                return 0;
            }
            let mut best = go(r + 1, right_adj, used, caps);
            for &l in &right_adj[r] {
                if used[l] < caps[l] {
                    used[l] += 1;
                    best = best.max(1 + go(r + 1, right_adj, used, caps));
                    used[l] -= 1;
                }
            }
            best
        }
        go(0, &right_adj, &mut vec![0; caps.len()], caps)
    }

    fn check_hall(caps: &[u32], adj: &[Vec<usize>], m: &Matching) {
        let seats: u32 = caps.iter().sum();
        if m.size as u32 == seats {
            assert!(m.deficient.is_empty());
            return;
        }
        // The deficient posts have fewer distinct neighbours than seats, by exactly the deficit.
        let mut nbrs: Vec<usize> = m.deficient.iter().flat_map(|&l| adj[l].clone()).collect();
        nbrs.sort_unstable();
        nbrs.dedup();
        let s: u32 = m.deficient.iter().map(|&l| caps[l]).sum();
        assert_eq!(s as usize - nbrs.len(), seats as usize - m.size);
    }

    #[test]
    fn matching_respects_seats() {
        // Post 0 (2 seats) and post 1 (1 seat) share cadres 0 and 1; only cadre 2 is post 1's own.
        let caps = [2, 1];
        let adj = vec![vec![0, 1], vec![1, 2]];
        let m = max_matching(&caps, &adj, 3);
        assert_eq!(m.size, 3);
        assert_eq!(m.matched, vec![vec![0, 1], vec![2]]);
        assert!(m.deficient.is_empty());
    }

    #[test]
    fn matching_names_the_posts_that_share_too_few_cadres() {
        // Posts 0 and 1 can only take cadre 0; post 2 has its own cadre 1.
        let caps = [1, 1, 1];
        let adj = vec![vec![0], vec![0], vec![1]];
        let m = max_matching(&caps, &adj, 2);
        assert_eq!(m.size, 2);
        assert_eq!(m.deficient, vec![0, 1]);
        // A post of two seats with one candidate.
        let m = max_matching(&[2], &[vec![0]], 1);
        assert_eq!((m.size, m.deficient.clone()), (1, vec![0]));
        // No candidate at all.
        let m = max_matching(&[1, 1], &[vec![], vec![0]], 1);
        assert_eq!((m.size, m.deficient.clone()), (1, vec![0]));
    }

    #[test]
    fn matching_needs_augmenting_paths() {
        // Greedy in order would match post 0 with cadre 0 and leave post 1 without; the maximum
        // moves post 0 to cadre 1.
        let m = max_matching(&[1, 1], &[vec![0, 1], vec![0]], 2);
        assert_eq!(m.size, 2);
        assert_eq!(m.matched, vec![vec![1], vec![0]]);
    }

    #[test]
    fn matching_equals_brute_force_on_random_graphs() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for _ in 0..400 {
            let n_left = rng.gen_range(0..5);
            let n_right = rng.gen_range(0..7);
            let caps: Vec<u32> = (0..n_left).map(|_| rng.gen_range(0..3)).collect();
            let adj: Vec<Vec<usize>> = (0..n_left)
                .map(|_| (0..n_right).filter(|_| rng.gen_bool(0.35)).collect())
                .collect();
            let m = max_matching(&caps, &adj, n_right);
            assert_eq!(m.size, brute(&caps, &adj, n_right), "{caps:?} {adj:?}");
            // A valid matching: within capacity, each right node once, along edges.
            let mut used = vec![0; n_right];
            for (l, rs) in m.matched.iter().enumerate() {
                assert!(rs.len() as u32 <= caps[l]);
                for &r in rs {
                    assert!(adj[l].contains(&r));
                    used[r] += 1;
                }
            }
            assert!(used.iter().all(|&u| u <= 1));
            check_hall(&caps, &adj, &m);
        }
    }

    #[test]
    fn matching_handles_long_augmenting_chains() {
        // A path graph: post k can take cadre k or k + 1; a long chain, no stack overflow.
        let n = 200_000;
        let adj: Vec<Vec<usize>> = (0..n).map(|k| vec![k + 1, k]).collect();
        let m = max_matching(&vec![1; n], &adj, n + 1);
        assert_eq!(m.size, n);
    }
}
