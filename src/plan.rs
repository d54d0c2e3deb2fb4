//! The plan: assignments with their score terms, unfilled posts with a one-line reason, KPIs and
//! the solver's status. Plain data with serde; the JSON form is a documented, stable format.

use crate::domain::{CadreIx, Date, PostIx, Scenario};
use crate::rules::{Candidates, RuleContext, RuleId};
use crate::scoring::{ObjectiveBreakdown, Terms, TrainingGain, training_gains};
use crate::solve::{InfeasibleGroup, SolveOutcome, SolveStatus};
use serde::Serialize;
use std::collections::BTreeMap;

/// Version of the JSON and CSV plan formats (docs/plan-format.md).
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub format_version: u32,
    pub scenario: String,
    pub plan_date: Date,
    pub rule_set: String,
    pub solver: SolverReport,
    pub objective: ObjectiveBreakdown,
    pub kpis: Kpis,
    pub candidates: CandidateStats,
    pub assignments: Vec<Assignment>,
    pub unfilled: Vec<Unfilled>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SolverReport {
    pub status: SolveStatus,
    pub backend: String,
    pub objective: Option<f64>,
    pub bound: Option<f64>,
    pub gap: Option<f64>,
    pub time_limit_s: f64,
    pub relative_gap_limit: f64,
    pub build_s: f64,
    pub solve_s: f64,
    pub columns: usize,
    pub rows: usize,
    pub infeasible: Vec<InfeasibleGroup>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CandidateStats {
    pub pairs: usize,
    /// Cadres with no candidate at all, by the rule on the cadre alone that excludes them.
    pub cadres_excluded: BTreeMap<RuleId, usize>,
    /// Rank-compatible pairs cut, by the first rule that cuts them.
    pub pairs_excluded: BTreeMap<RuleId, usize>,
    pub forbidden: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Assignment {
    pub cadre_id: String,
    pub cadre_name: String,
    pub post_id: String,
    pub post_title: String,
    pub unit_id: String,
    pub unit_name: String,
    pub from_unit: Option<String>,
    pub pinned: bool,
    /// Sits on an approved seat beyond the quota (H7).
    pub extra_seat: bool,
    pub terms: Terms,
    /// Weighted score of the pair (its objective coefficient).
    pub score: f64,
    pub training: Vec<TrainingGain>,
    #[serde(skip)]
    pub cadre: CadreIx,
    #[serde(skip)]
    pub post: PostIx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnfilledKind {
    /// No cadre passes the hard rules for this post.
    NoEligibleCadre,
    /// Every eligible cadre took another post.
    EligibleUsedElsewhere,
    /// Eligible cadres are free but a side constraint (departure cap, relatives) keeps them.
    SideConstraint,
    /// Eligible cadres are free, but moving one costs more than filling the post gains.
    NotWorthAMove,
}

#[derive(Debug, Clone, Serialize)]
pub struct Unfilled {
    pub post_id: String,
    pub post_title: String,
    pub unit_id: String,
    pub empty_seats: u32,
    pub must_fill: bool,
    pub kind: UnfilledKind,
    /// The rule that excluded the most cadres (for `no_eligible_cadre`).
    pub top_rule: Option<RuleId>,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Kpis {
    pub posts: usize,
    pub posts_filled: usize,
    pub seats: u32,
    pub seats_filled: u32,
    pub must_fill_posts: usize,
    pub must_fill_filled: usize,
    /// Posts in units with shortage ≥ 2, and how many of them are filled.
    pub shortage_posts: usize,
    pub shortage_filled: usize,
    pub moves: usize,
    pub women_share: f64,
    pub young_share: f64,
    pub minority_share: f64,
    pub extra_seats_used: u32,
    /// Share of moves that give the cadre at least one training gain.
    pub training_coverage: f64,
}

impl Plan {
    /// The (cadre, post) pairs of the plan, for the checker.
    pub fn pairs(&self) -> Vec<(CadreIx, PostIx)> {
        self.assignments.iter().map(|a| (a.cadre, a.post)).collect()
    }
}

/// Assemble the plan of a solve outcome.
pub fn build(ctx: &RuleContext, cands: &Candidates, out: &SolveOutcome) -> Plan {
    let sc = ctx.sc;
    let mut chosen = out.chosen.clone();
    // Post order, then cadre: the order of posts.csv, stable across runs.
    chosen.sort_by_key(|&i| (cands.pairs[i].post, cands.pairs[i].cadre));
    let mut filled = vec![0u32; sc.posts.len()];
    let mut assignments = Vec::with_capacity(chosen.len());
    for &i in &chosen {
        let c = &cands.pairs[i];
        let (cadre, post) = (sc.cadre(c.cadre), sc.post(c.post));
        let unit = sc.unit(post.unit);
        let from = cadre.current_unit.map(|u| sc.unit(u));
        filled[c.post as usize] += 1;
        assignments.push(Assignment {
            cadre_id: cadre.id.clone(),
            cadre_name: cadre.name.clone(),
            post_id: post.id.clone(),
            post_title: post.title.clone(),
            unit_id: unit.id.clone(),
            unit_name: unit.name.clone(),
            from_unit: from.map(|u| u.id.clone()),
            pinned: sc
                .pins
                .iter()
                .any(|p| p.cadre == c.cadre && p.post == c.post),
            extra_seat: filled[c.post as usize] > post.seats,
            terms: c.terms,
            score: c.score,
            training: training_gains(cadre, from, post, unit),
            cadre: c.cadre,
            post: c.post,
        });
    }
    let objective = ctx.evaluate(cands, &chosen);
    let kpis = kpis(ctx, &assignments, &filled, &objective);
    let unfilled = unfilled(ctx, cands, &chosen, &filled);
    Plan {
        format_version: FORMAT_VERSION,
        scenario: sc.name.clone(),
        plan_date: sc.plan_date,
        rule_set: sc.rules.name.clone(),
        solver: SolverReport {
            status: out.status,
            backend: out.backend.clone(),
            objective: out.objective,
            bound: out.bound,
            gap: out.gap,
            time_limit_s: sc.solver.time_limit_s,
            relative_gap_limit: sc.solver.relative_gap,
            build_s: out.build_s,
            solve_s: out.solve_s,
            columns: out.columns,
            rows: out.rows,
            infeasible: out.infeasible.clone(),
            note: out.note.clone(),
        },
        objective,
        kpis,
        candidates: CandidateStats {
            pairs: cands.len(),
            cadres_excluded: cands.cadres_excluded.clone(),
            pairs_excluded: cands.pairs_excluded.clone(),
            forbidden: cands.forbidden,
        },
        assignments,
        unfilled,
    }
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { n as f64 / of as f64 }
}

fn kpis(
    ctx: &RuleContext,
    assignments: &[Assignment],
    filled: &[u32],
    obj: &ObjectiveBreakdown,
) -> Kpis {
    let sc: &Scenario = ctx.sc;
    let mut k = Kpis {
        posts: sc.posts.len(),
        moves: assignments.len(),
        ..Default::default()
    };
    for (p, post) in sc.posts.iter().enumerate() {
        let f = filled[p];
        k.seats += post.seats;
        k.seats_filled += f.min(post.seats);
        k.posts_filled += (f > 0) as usize;
        if post.criticality >= 5 {
            k.must_fill_posts += 1;
            k.must_fill_filled += (f >= post.seats) as usize;
        }
        if sc.unit(post.unit).shortage >= 2 {
            k.shortage_posts += 1;
            k.shortage_filled += (f > 0) as usize;
        }
    }
    let count = |pred: &dyn Fn(&crate::scoring::StructureFlags) -> bool| {
        assignments
            .iter()
            .filter(|a| pred(&ctx.flags(a.cadre)))
            .count()
    };
    k.women_share = share(count(&|f| f.woman), k.moves);
    k.young_share = share(count(&|f| f.young), k.moves);
    k.minority_share = share(count(&|f| f.minority), k.moves);
    k.extra_seats_used = obj.extra_seats_used;
    k.training_coverage = share(
        assignments
            .iter()
            .filter(|a| !a.training.is_empty())
            .count(),
        k.moves,
    );
    k
}

/// A one-line reason for every post with an empty quota seat.
fn unfilled(
    ctx: &RuleContext,
    cands: &Candidates,
    chosen: &[usize],
    filled: &[u32],
) -> Vec<Unfilled> {
    use rayon::prelude::*;
    let sc = ctx.sc;
    let mut placed: Vec<Option<PostIx>> = vec![None; sc.cadres.len()];
    let mut departures = vec![0u32; sc.units.len()];
    for &i in chosen {
        let c = &cands.pairs[i];
        placed[c.cadre as usize] = Some(c.post);
        if let Some(u) = sc.cadre(c.cadre).current_unit {
            departures[u as usize] += 1;
        }
    }
    let empty: Vec<PostIx> = (0..sc.posts.len() as PostIx)
        .filter(|&p| filled[p as usize] < sc.post(p).seats)
        .collect();
    empty
        .par_iter()
        .map(|&p| {
            let post = sc.post(p);
            let eligible = &cands.by_post[p as usize];
            let (kind, top_rule, reason) = if eligible.is_empty() {
                no_eligible_reason(ctx, cands, p)
            } else {
                let free: Vec<CadreIx> = eligible
                    .iter()
                    .map(|&i| cands.pairs[i].cadre)
                    .filter(|&c| placed[c as usize].is_none())
                    .collect();
                // Cadres that took one of this post's seats are not "elsewhere".
                let elsewhere: Vec<usize> = eligible
                    .iter()
                    .copied()
                    .filter(|&i| placed[cands.pairs[i].cadre as usize] != Some(p))
                    .collect();
                if free.is_empty() && elsewhere.is_empty() {
                    (
                        UnfilledKind::NoEligibleCadre,
                        None,
                        format!(
                            "its {} eligible cadre(s) already sit on it; no one else passes the rules for the other seat(s)",
                            eligible.len()
                        ),
                    )
                } else if free.is_empty() {
                    let names: Vec<String> = elsewhere
                        .iter()
                        .take(5)
                        .map(|i| {
                            let c = cands.pairs[*i].cadre;
                            let to = placed[c as usize].map_or("?", |q| sc.post(q).id.as_str());
                            format!("{} → {}", sc.cadre(c).id, to)
                        })
                        .collect();
                    let more = if elsewhere.len() > 5 { format!(" and {} more", elsewhere.len() - 5) } else { String::new() };
                    (
                        UnfilledKind::EligibleUsedElsewhere,
                        None,
                        if elsewhere.len() == 1 {
                            format!("the other eligible cadre is worth more elsewhere: {}", names.join(", "))
                        } else {
                            format!(
                                "all {} other eligible cadres are worth more elsewhere: {}{}",
                                elsewhere.len(),
                                names.join(", "),
                                more
                            )
                        },
                    )
                } else {
                    let capped: Vec<&str> = free
                        .iter()
                        .filter(|&&c| {
                            sc.cadre(c).current_unit.is_some_and(|u| departures[u as usize] >= sc.max_departures_per_unit)
                        })
                        .map(|&c| sc.cadre(c).id.as_str())
                        .collect();
                    if capped.len() == free.len() {
                        (
                            UnfilledKind::SideConstraint,
                            Some(RuleId::S1),
                            format!(
                                "the free eligible cadres ({}) belong to units that already lose {} cadres (S1)",
                                capped.join(", "),
                                sc.max_departures_per_unit
                            ),
                        )
                    } else {
                        let best = eligible
                            .iter()
                            .filter(|&&i| placed[cands.pairs[i].cadre as usize].is_none())
                            .map(|&i| &cands.pairs[i])
                            .max_by(|a, b| a.score.total_cmp(&b.score).then(b.cadre.cmp(&a.cadre)));
                        let detail = best.map_or(String::new(), |b| {
                            format!(" (best free cadre {} scores {:.1})", sc.cadre(b.cadre).id, b.score)
                        });
                        (
                            UnfilledKind::NotWorthAMove,
                            None,
                            format!(
                                "{} free eligible cadre(s), but no move here improves the plan under the targets and caps{}",
                                free.len(),
                                detail
                            ),
                        )
                    }
                }
            };
            Unfilled {
                post_id: post.id.clone(),
                post_title: post.title.clone(),
                unit_id: sc.unit(post.unit).id.clone(),
                empty_seats: post.seats - filled[p as usize],
                must_fill: post.criticality >= 5,
                kind,
                top_rule,
                reason,
            }
        })
        .collect()
}

/// Count, for a post without candidates, how many cadres each rule excludes (a cadre may be cut by
/// several), and name the rule that excludes the most.
fn no_eligible_reason(
    ctx: &RuleContext,
    cands: &Candidates,
    p: PostIx,
) -> (UnfilledKind, Option<RuleId>, String) {
    let sc = ctx.sc;
    let mut counts: BTreeMap<RuleId, usize> = BTreeMap::new();
    let mut forbidden = 0;
    for c in 0..sc.cadres.len() as CadreIx {
        let b = ctx.breaches(c, p);
        if b.is_empty() {
            forbidden += 1; // passes every rule, so only a forbid can have removed it
        }
        for r in b {
            *counts.entry(r.rule).or_default() += 1;
        }
    }
    let _ = cands;
    let top = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(r, n)| (*r, *n));
    let mut parts: Vec<(RuleId, usize)> = counts.into_iter().collect();
    parts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut list: Vec<String> = parts.iter().map(|(r, n)| format!("{r} {n}")).collect();
    if forbidden > 0 {
        list.push(format!("forbidden {forbidden}"));
    }
    let reason = match top {
        Some((r, n)) => format!(
            "no eligible cadre: {} ({}) excludes {} of {} cadres [{}]",
            r,
            r.title(),
            n,
            sc.cadres.len(),
            list.join(", ")
        ),
        None => format!(
            "no eligible cadre: all {forbidden} passing cadres are forbidden by the scenario"
        ),
    };
    (UnfilledKind::NoEligibleCadre, top.map(|t| t.0), reason)
}
