//! The committee's questions: one pair, one cadre, one post, the whole plan; one answer each.

use super::*;

// ---------------------------------------------------------------------------------------------
// One pair, one cadre, one post

/// Look up a cadre by id, with a "did you mean" when there is none.
pub fn find_cadre(sc: &Scenario, id: &str) -> Result<CadreIx, NotFound> {
    find(id, sc.cadres.iter().map(|c| c.id.as_str()), Table::Cadres)
        .map(|i| i as CadreIx)
        .map_err(|e| NotFound {
            file: sc.tables.cadres.clone(),
            ..e
        })
}

/// Look up a post by id, with a "did you mean" when there is none.
pub fn find_post(sc: &Scenario, id: &str) -> Result<PostIx, NotFound> {
    find(id, sc.posts.iter().map(|p| p.id.as_str()), Table::Posts)
        .map(|i| i as PostIx)
        .map_err(|e| NotFound {
            file: sc.tables.posts.clone(),
            ..e
        })
}

/// The table an id was looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Cadres,
    Posts,
}

/// No row with the id asked for; `near` is the closest id, if one is close enough. `report/`
/// words it (`Display`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    pub table: Table,
    /// The table's file as the scenario names it (`can-bo.csv`).
    pub file: String,
    pub id: String,
    pub near: Option<String>,
}

impl std::error::Error for NotFound {}

pub(crate) fn find<'a>(
    id: &str,
    ids: impl Iterator<Item = &'a str> + Clone,
    table: Table,
) -> Result<usize, NotFound> {
    if let Some(i) = ids.clone().position(|x| x == id) {
        return Ok(i);
    }
    let near = ids
        .map(|x| {
            (
                strsim::osa_distance(&x.to_lowercase(), &id.to_lowercase()),
                x,
            )
        })
        .filter(|(d, _)| *d <= id.chars().count().div_ceil(2).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, x)| x.to_string());
    Err(NotFound {
        table,
        file: match table {
            Table::Cadres => "cadres.csv".into(),
            Table::Posts => "posts.csv".into(),
        },
        id: id.to_string(),
        near,
    })
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

pub(crate) fn holders(base: &Plan, p: PostIx) -> Vec<Holder> {
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
    /// The post has no seat free on the plan date: its holder (posts.csv `holder_id`) is still
    /// there, or it falls vacant only on `vacant_from`.
    NotVacant {
        holder_id: Option<String>,
        vacant_from: Option<crate::domain::Date>,
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
    /// The move would add −`cost` to the weighted sum, but take an earlier level of the
    /// objective's order (`objective:`) below what it kept: the lexicographic plan is right.
    LevelKept {
        cost: f64,
        replacing: Option<String>,
        drop: crate::plan::LevelDrop,
    },
}

/// Below this, two objectives are equal.
pub(crate) const EPS: f64 = 1e-6;

/// What the reasons read of a plan, computed once per explanation.
pub(crate) struct Reasons<'a, 's> {
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

    /// A move that adds to the weighted sum: missed by a stopped solve, or kept out by an
    /// earlier level of the objective's order.
    fn adds(
        &self,
        status: SolveStatus,
        cost: f64,
        replacing: Option<String>,
        with: &[usize],
    ) -> WhyNot {
        let levels = self.base.map_or(&[][..], |b| &b.levels[..]);
        let after = self.ctx.evaluate(self.cands, with);
        match crate::plan::level_dropped(self.ctx.sc, levels, &self.objective, &after) {
            Some(drop) => WhyNot::LevelKept {
                cost,
                replacing,
                drop,
            },
            None => WhyNot::SolveStopped {
                status,
                cost,
                replacing,
            },
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
        let score_on = |q: PostIx| cands.find(c, q).map_or(0.0, |j| cands.score(j));
        match self.placed.get(&c) {
            Some(&q) if q == p => {
                return Some(WhyNot::OnPost {
                    score: cands.score(i),
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
        if hs.is_empty()
            && sc.post(p).seats + sc.extra_seats_of(p) == 0
            && let Some(held) = crate::check::held(sc, p)
        {
            let (holder_id, vacant_from) = match held {
                crate::check::Held::Holder(h) => (Some(h), None),
                crate::check::Held::VacantFrom(d) => (None, Some(d)),
            };
            return Some(WhyNot::NotVacant {
                holder_id,
                vacant_from,
            });
        }
        if hs.len() as u32 >= sc.post(p).seats {
            // The best swap, with the plan's pairs it would make.
            let mut best: Option<(Swap, Vec<usize>)> = None;
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
                if best.as_ref().is_none_or(|(b, _)| cost < b.cost - EPS) {
                    let swap = Swap {
                        holder_id: a.cadre_id.clone(),
                        holder_score: a.score,
                        cost,
                        changes,
                    };
                    best = Some((swap, with));
                }
            }
            if let Some((s, with)) = &best
                && s.cost < -EPS
            {
                return Some(self.adds(status, s.cost, Some(s.holder_id.clone()), with));
            }
            return Some(WhyNot::Taken {
                holders: hs,
                swap: best.map(|(s, _)| s),
            });
        }
        let mut with = self.chosen.clone();
        with.push(i);
        let (cost, changes) = self.cost_of(&with);
        if cost < -EPS {
            return Some(self.adds(status, cost, None, &with));
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
pub(crate) fn relaxation_of(base: Option<&Plan>) -> Option<Box<Relaxation>> {
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
    // `None`: no re-solve (`--max-solves 0`), so no cost of forcing the pair either way.
    time_limit_s: Option<f64>,
) -> PairExplanation {
    let sc = ctx.sc;
    let (cadre, post) = (sc.cadre(c), sc.post(p));
    let forbid = sc.forbids.iter().find(|f| f.cadre == c && f.post == p);
    let cand = cands.find(c, p).map(|i| cands.get(i));
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
        terms: cand.map(|x| x.terms(sc)),
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
        if let (true, Some(time_limit_s)) = (base.solver.status.has_plan(), time_limit_s) {
            let req = if e.in_plan {
                Requirement::Forbid(c, p)
            } else {
                Requirement::Pin(c, p)
            };
            e.counterfactual = Some(counterfactual(ctx, cands, base, req, time_limit_s));
        }
    }
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
pub(crate) fn cadre_rules(ctx: &RuleContext, c: CadreIx, per_post: &[Vec<Breach>]) -> Vec<Breach> {
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
    let mut opts: Vec<crate::rules::Candidate> = cands.of_cadre(c).map(|i| cands.get(i)).collect();
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
                terms: x.terms(sc),
                taken,
                holders: holders(base, x.post),
                // Worded by report/ from `reason`.
                why_not: None,
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
    CadreExplanation {
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
    }
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
        let mut v: Vec<usize> = cands.of_post(p).collect();
        v.sort_by(|&a, &b| cands.score(b).total_cmp(&cands.score(a)).then(a.cmp(&b)));
        v
    };
    for (k, i) in others.into_iter().enumerate() {
        let req = (k < budget.per_post.max(1)).then(|| Requirement::Pin(cands.cadre(i), p));
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
            let c = cands.cadre(i);
            let reason = reasons.why_not(c, p);
            PostCandidate {
                cadre_id: sc.cadre(c).id.clone(),
                cadre_name: sc.cadre(c).name.clone(),
                score: cands.score(i),
                placed_on: reasons.placed.get(&c).map(|&q| sc.post(q).id.clone()),
                // Worded by report/ from `reason`.
                why_not: None,
                reason,
                counterfactual: done.remove(&k),
            }
        })
        .collect();
    PostExplanation {
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
    }
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

impl Explanation {
    /// The status of the plan the answer read (`None`: none was solved, as for an excluded pair
    /// or the structural check). An answer about a scenario with no plan still explains, but
    /// the command exits 1 as every command does for an infeasible scenario.
    pub fn plan_status(&self) -> Option<SolveStatus> {
        match self {
            Explanation::Pair(e) => e.plan_status,
            Explanation::Cadre(e) => Some(e.plan_status),
            Explanation::Post(e) => Some(e.plan_status),
            Explanation::Plan(e) => Some(e.status),
            Explanation::Structure(_) => None,
        }
    }
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
