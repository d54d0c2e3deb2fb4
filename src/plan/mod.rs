//! The plan: assignments with their score terms, unfilled posts with a one-line reason, KPIs and
//! the solver's status. Plain data with serde; the JSON form is a documented, stable format.

use crate::domain::{CadreIx, Date, PostIx, Scenario};
use crate::rules::{Candidates, RuleContext, RuleId};
use crate::scoring::{ObjectiveBreakdown, Terms, TrainingGain, training_gains};
use crate::solve::{InfeasibleGroup, SolveOutcome, SolveStatus};
use serde::{Deserialize, Serialize};

pub mod findings;
pub use findings::*;
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
    /// The weights the objective was weighed with (the scenario's `weights:`): `rotaplan compare`
    /// compares objectives only between plans weighed alike.
    pub weights: crate::domain::Weights,
    pub kpis: Kpis,
    /// Posts by shortage level and moves between tiers and regions: what the batch charts draw.
    pub breakdown: Breakdown,
    pub candidates: CandidateStats,
    pub assignments: Vec<Assignment>,
    pub unfilled: Vec<Unfilled>,
    /// The structural check run before the MIP (posts without candidates, must-fill posts that
    /// cannot all be filled at once); see `explain::structural`.
    pub structure: Structure,
    /// For each assigned post, the next best candidates and what choosing them would cost (exact
    /// re-solves within a budget); see `explain::runner_ups`.
    pub runner_ups: RunnerUps,
    /// When the hard requirements cannot all hold: a minimal set of groups to relax; `null` otherwise.
    pub relaxation: Option<Relaxation>,
    /// The lexicographic levels of `objective:`, in order, each with its value in this plan
    /// (absent without `objective:`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<crate::solve::lexicographic::LevelOutcome>,
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
    pub note: Option<crate::solve::Note>,
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
    /// Eligible cadres are free, but moving the best of them would lower an earlier level of the
    /// objective's order (`objective:`) below what it kept.
    ObjectiveOrder,
    /// Eligible cadres are free, but moving one costs more than filling the post gains.
    NotWorthAMove,
    /// A free eligible cadre would improve the plan here, but the solve stopped (time limit, a
    /// fallback plan, or within the allowed gap) before finding the move.
    SolverStopped,
    /// There is no plan: the requirements cannot all hold (`solver.infeasible`), or the solver
    /// stopped before it found one that meets the hard requirements (status `stopped`).
    NoPlan,
}

impl UnfilledKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnfilledKind::NoEligibleCadre => "no_eligible_cadre",
            UnfilledKind::EligibleUsedElsewhere => "eligible_used_elsewhere",
            UnfilledKind::SideConstraint => "side_constraint",
            UnfilledKind::ObjectiveOrder => "objective_order",
            UnfilledKind::NotWorthAMove => "not_worth_a_move",
            UnfilledKind::SolverStopped => "solver_stopped",
            UnfilledKind::NoPlan => "no_plan",
        }
    }
}

/// For a post without an eligible cadre: how many cadres each rule excludes, among the cadres of a
/// compatible rank (those H6 lets take the post) and over the whole pool. A cadre may count under
/// several rules.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Exclusions {
    /// Cadres whose rank H6 allows on this post.
    pub rank_compatible: usize,
    /// Among them, the cadres each other rule excludes.
    pub by_rule: BTreeMap<RuleId, usize>,
    pub all_cadres: usize,
    /// Over the whole pool (H6 first among them, usually).
    pub by_rule_all: BTreeMap<RuleId, usize>,
    /// Cadres that pass every rule but are removed by `forbids:`.
    pub forbidden: usize,
}

/// An eligible cadre of an unfilled post, and what keeps them off it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EligibleCadre {
    pub cadre_id: String,
    /// Score of the pair (this cadre on this post).
    pub score: f64,
    /// The post the cadre took in the plan, if any.
    pub placed_on: Option<String>,
    /// The side rule that keeps a free cadre off the post (`S1` departure cap, `H10` relatives).
    pub blocked_by: Option<RuleId>,
    /// What keeps them off, as data; JSON and the reports carry it in words (report/findings.rs).
    pub detail: Holdback,
}

#[derive(Debug, Clone, Serialize)]
pub struct Unfilled {
    pub post_id: String,
    pub post_title: String,
    pub unit_id: String,
    pub empty_seats: u32,
    pub must_fill: bool,
    pub kind: UnfilledKind,
    /// The rule that excluded the most cadres (for `no_eligible_cadre`), or the side rule that
    /// keeps the free eligible cadres off (for `side_constraint`).
    pub top_rule: Option<RuleId>,
    /// One line in words with the numbers in JSON and reports, from the data (report/findings.rs).
    pub reason: Finding,
    /// For `no_eligible_cadre`: the counts by rule.
    pub exclusions: Option<Exclusions>,
    /// How many cadres are eligible for the post.
    pub eligible_count: usize,
    /// The eligible cadres (at most 10, best score first) and where they went or what blocks them.
    pub eligible: Vec<EligibleCadre>,
}

/// Deserialize with defaults: `compare` reads KPIs back from plan.json files, hand-made ones too.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
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

/// Posts of one shortage level (`units.csv` `shortage`, 0 none … 3 severe) and how many are filled
/// (at least one cadre placed, as `kpis.posts_filled` counts).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShortageLevel {
    pub level: u8,
    pub posts: usize,
    pub filled: usize,
}

/// How many of the plan's moves go from `from` to `to`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Flow {
    pub from: String,
    pub to: String,
    pub cadres: usize,
}

/// Aggregates of a plan for charts. Deserialize with defaults: plan.json files written before this
/// field existed, or by hand, still load (with empty lists).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Breakdown {
    /// Always the four levels 0, 1, 2, 3, in that order.
    pub by_shortage: Vec<ShortageLevel>,
    /// Moves from the tier of the cadre's current unit (`none` without one) to the post's tier;
    /// only pairs with moves, in tier order (central, province, district, commune, then `none`).
    pub tier_flows: Vec<Flow>,
    /// The same between regions, sorted by name (`none` last).
    pub region_flows: Vec<Flow>,
}

/// The label of a cadre without a current unit in [`Breakdown`]'s flows.
pub const NO_UNIT: &str = "none";

/// The shortage levels of [`Breakdown::by_shortage`].
pub const SHORTAGE_LEVELS: std::ops::RangeInclusive<u8> = 0..=3;

fn breakdown(sc: &Scenario, assignments: &[Assignment], filled: &[u32]) -> Breakdown {
    let mut by_shortage: Vec<ShortageLevel> = SHORTAGE_LEVELS
        .map(|level| ShortageLevel {
            level,
            ..Default::default()
        })
        .collect();
    for (p, post) in sc.posts.iter().enumerate() {
        let level = sc.unit(post.unit).shortage.min(*SHORTAGE_LEVELS.end());
        let l = &mut by_shortage[level as usize];
        l.posts += 1;
        l.filled += (filled[p] > 0) as usize;
    }
    // Keys sort in the order shown: tiers by depth, regions by name; no unit last.
    let mut tiers: BTreeMap<(u8, u8), usize> = BTreeMap::new();
    let mut regions: BTreeMap<(Option<&str>, &str), usize> = BTreeMap::new();
    for a in assignments {
        let from = sc.cadre(a.cadre).current_unit.map(|u| sc.unit(u));
        let to = sc.post_unit(a.post);
        let from_tier = from.map_or(u8::MAX, |u| u.tier.depth());
        *tiers.entry((from_tier, to.tier.depth())).or_default() += 1;
        *regions
            .entry((from.map(|u| u.region.as_str()), to.region.as_str()))
            .or_default() += 1;
    }
    let tier_name = |d: u8| {
        crate::domain::Tier::ALL
            .get(d as usize)
            .map_or(NO_UNIT, |t| t.as_str())
            .to_string()
    };
    let tier_flows = tiers
        .into_iter()
        .map(|((f, t), cadres)| Flow {
            from: tier_name(f),
            to: tier_name(t),
            cadres,
        })
        .collect();
    let mut region_flows: Vec<((Option<&str>, &str), usize)> = regions.into_iter().collect();
    // `None` sorts first in a BTreeMap; move those (cadres without a unit) to the end.
    region_flows.sort_by_key(|((f, t), _)| (f.is_none(), *f, *t));
    let region_flows = region_flows
        .into_iter()
        .map(|((f, t), cadres)| Flow {
            from: f.unwrap_or(NO_UNIT).to_string(),
            to: t.to_string(),
            cadres,
        })
        .collect();
    Breakdown {
        by_shortage,
        tier_flows,
        region_flows,
    }
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
    chosen.sort_by_key(|&i| (cands.post(i), cands.cadre(i)));
    let mut filled = vec![0u32; sc.posts.len()];
    let mut assignments = Vec::with_capacity(chosen.len());
    for &i in &chosen {
        let c = cands.get(i);
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
            terms: c.terms(sc),
            score: c.score,
            training: training_gains(cadre, from, post, unit),
            cadre: c.cadre,
            post: c.post,
        });
    }
    let objective = ctx.evaluate(cands, &chosen);
    let kpis = kpis(ctx, &assignments, &filled, &objective);
    let breakdown = breakdown(sc, &assignments, &filled);
    let levels = levels_with_values(sc, &objective, out);
    let unfilled = unfilled(ctx, cands, &chosen, &filled, out.status, &levels);
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
        weights: sc.weights.clone(),
        kpis,
        breakdown,
        candidates: CandidateStats {
            pairs: cands.len(),
            cadres_excluded: cands.cadres_excluded.clone(),
            pairs_excluded: cands.pairs_excluded.clone(),
            forbidden: cands.forbidden,
        },
        assignments,
        unfilled,
        structure: Default::default(),
        runner_ups: Default::default(),
        relaxation: None,
        levels,
    }
}

/// The levels of `out`, each with its value in the plan recomputed from the plan's breakdown
/// (`scoring::plan_level_values`); no values without a plan.
fn levels_with_values(
    sc: &Scenario,
    objective: &ObjectiveBreakdown,
    out: &SolveOutcome,
) -> Vec<crate::solve::lexicographic::LevelOutcome> {
    let values = crate::scoring::plan_level_values(sc, objective);
    let mut levels = out.levels.clone();
    if out.status.has_plan() {
        for l in &mut levels {
            // + 0.0: a level worth nothing is written 0, not -0.
            l.value = values.get(l.name.as_str()).map(|v| v + 0.0);
        }
    }
    levels
}

/// A bare assignment of cadre `c` to post `p` for measuring (KPIs and terms, no display texts).
fn bare(sc: &Scenario, c: CadreIx, p: PostIx, terms: Terms, score: f64) -> Assignment {
    let (cadre, post) = (sc.cadre(c), sc.post(p));
    let unit = sc.unit(post.unit);
    let from = cadre.current_unit.map(|u| sc.unit(u));
    Assignment {
        cadre_id: String::new(),
        cadre_name: String::new(),
        post_id: String::new(),
        post_title: String::new(),
        unit_id: String::new(),
        unit_name: String::new(),
        from_unit: None,
        pinned: false,
        extra_seat: false,
        terms,
        score,
        training: training_gains(cadre, from, post, unit),
        cadre: c,
        post: p,
    }
}

/// The objective and the KPIs of a set of chosen candidate pairs, without the rest of a plan (no
/// unfilled reasons): what `explain` compares between a plan and a re-solved one.
pub fn measure(
    ctx: &RuleContext,
    cands: &Candidates,
    chosen: &[usize],
) -> (ObjectiveBreakdown, Kpis) {
    let sc = ctx.sc;
    let mut filled = vec![0u32; sc.posts.len()];
    let mut assignments = Vec::with_capacity(chosen.len());
    for &i in chosen {
        let c = cands.get(i);
        filled[c.post as usize] += 1;
        assignments.push(bare(sc, c.cadre, c.post, c.terms(sc), c.score));
    }
    let objective = ctx.evaluate(cands, chosen);
    let kpis = kpis(ctx, &assignments, &filled, &objective);
    (objective, kpis)
}

/// The objective of any list of (cadre, post) pairs — a plan made by hand, by an older version, or
/// by the solver — term by term, with its KPIs. Pairs that break a rule are scored all the same
/// (`check` says which rules they break); each pair's terms are those the candidates would carry.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Score {
    pub objective: ObjectiveBreakdown,
    pub kpis: Kpis,
}

/// See [`Score`].
pub fn score(ctx: &RuleContext, pairs: &[(CadreIx, PostIx)]) -> Score {
    let sc = ctx.sc;
    let mut filled = vec![0u32; sc.posts.len()];
    let mut assignments = Vec::with_capacity(pairs.len());
    let mut scored = Vec::with_capacity(pairs.len());
    for &(c, p) in pairs {
        filled[p as usize] += 1;
        let terms = crate::scoring::pair_terms(sc, c, p);
        scored.push((p, ctx.flags(c), terms));
        assignments.push(bare(sc, c, p, terms, terms.weighted(&sc.weights)));
    }
    let objective = crate::scoring::evaluate(sc, scored);
    let kpis = kpis(ctx, &assignments, &filled, &objective);
    Score { objective, kpis }
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
    // A post with no seat free on the plan date (its holder still there, `vacant_from` later)
    // is no vacancy of this plan: counted nowhere.
    let vacant = sc.posts.iter().filter(|p| p.seats > 0).count();
    let mut k = Kpis {
        posts: vacant,
        moves: assignments.len(),
        ..Default::default()
    };
    for (p, post) in sc.posts.iter().enumerate() {
        let f = filled[p];
        if post.seats == 0 && f == 0 {
            continue;
        }
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

/// A one-line reason for every post with an empty quota seat, with the data behind it.
fn unfilled(
    ctx: &RuleContext,
    cands: &Candidates,
    chosen: &[usize],
    filled: &[u32],
    status: SolveStatus,
    levels: &[crate::solve::lexicographic::LevelOutcome],
) -> Vec<Unfilled> {
    use rayon::prelude::*;
    let sc = ctx.sc;
    let mut placed: Vec<Option<PostIx>> = vec![None; sc.cadres.len()];
    let mut departures = vec![0u32; sc.units.len()];
    for &i in chosen {
        let c = cands.get(i);
        placed[c.cadre as usize] = Some(c.post);
        if let Some(u) = sc.cadre(c.cadre).current_unit {
            departures[u as usize] += 1;
        }
    }
    let state = PlanState {
        ctx,
        cands,
        chosen,
        placed: &placed,
        departures: &departures,
        base: ctx.evaluate(cands, chosen).total,
        status,
        levels,
    };
    let empty: Vec<PostIx> = (0..sc.posts.len() as PostIx)
        .filter(|&p| filled[p as usize] < sc.post(p).seats)
        .collect();
    empty
        .par_iter()
        .map(|&p| {
            let post = sc.post(p);
            let eligible = cands.of_post(p);
            let why = if eligible.len() == 0 {
                no_eligible_reason(ctx, cands, p)
            } else if !status.has_plan() {
                Why {
                    kind: UnfilledKind::NoPlan,
                    top_rule: None,
                    reason: Finding::NoPlan {
                        stopped: status == SolveStatus::Stopped,
                        eligible: eligible.len(),
                    },
                    exclusions: None,
                    eligible: Vec::new(),
                }
            } else {
                state.reason(p)
            };
            Unfilled {
                post_id: post.id.clone(),
                post_title: post.title.clone(),
                unit_id: sc.unit(post.unit).id.clone(),
                empty_seats: post.seats - filled[p as usize],
                must_fill: post.criticality >= 5,
                kind: why.kind,
                top_rule: why.top_rule,
                reason: why.reason,
                exclusions: why.exclusions,
                eligible_count: eligible.len(),
                eligible: why.eligible,
            }
        })
        .collect()
}

/// Eligible cadres listed per unfilled post.
const ELIGIBLE_LISTED: usize = 10;
/// Free eligible cadres whose move is evaluated exactly (best score first).
const MOVES_EVALUATED: usize = 3;

struct Why {
    kind: UnfilledKind,
    top_rule: Option<RuleId>,
    reason: Finding,
    exclusions: Option<Exclusions>,
    eligible: Vec<EligibleCadre>,
}

/// What the unfilled reasons read of the plan.
struct PlanState<'a> {
    ctx: &'a RuleContext<'a>,
    cands: &'a Candidates,
    chosen: &'a [usize],
    placed: &'a [Option<PostIx>],
    departures: &'a [u32],
    /// The plan's objective.
    base: f64,
    status: SolveStatus,
    /// The lexicographic levels (`objective:`), empty for the weighted sum alone.
    levels: &'a [crate::solve::lexicographic::LevelOutcome],
}

/// What keeps one eligible cadre off an unfilled post.
enum Off {
    /// Sits on this post already (another seat).
    Here,
    /// Took another post.
    Elsewhere(PostIx),
    /// Free, but the cadre's unit already loses the maximum (S1).
    Cap,
    /// Free, but a relative placed by the plan makes a conflict (H10).
    Family(CadreIx, PostIx),
    /// Free and movable.
    Free,
}

impl PlanState<'_> {
    fn off(&self, c: CadreIx, p: PostIx) -> Off {
        let sc = self.ctx.sc;
        match self.placed[c as usize] {
            Some(q) if q == p => return Off::Here,
            Some(q) => return Off::Elsewhere(q),
            None => {}
        }
        if sc
            .cadre(c)
            .current_unit
            .is_some_and(|u| self.departures[u as usize] >= sc.max_departures_per_unit)
        {
            return Off::Cap;
        }
        for &r in &sc.cadre(c).relatives {
            if let Some(q) = self.placed[r as usize]
                && crate::rules::family::conflicts(sc, (c, p), (r, q))
            {
                return Off::Family(r, q);
            }
        }
        Off::Free
    }

    /// The change of the objective if candidate `i` were added to the plan as it is.
    fn delta(&self, i: usize) -> f64 {
        self.with(i).total - self.base
    }

    /// The plan's objective with pair `i` added.
    fn with(&self, i: usize) -> crate::scoring::ObjectiveBreakdown {
        let mut with = self.chosen.to_vec();
        with.push(i);
        self.ctx.evaluate(self.cands, &with)
    }

    /// The first lexicographic level that adding pair `i` would take below the value the later
    /// levels kept (`objective:`): (level, its value in the plan, with the pair, kept). A move
    /// that adds to the weighted sum is no missed move when it costs an earlier level.
    fn lowers_a_level(&self, i: usize) -> Option<LevelDrop> {
        if self.levels.is_empty() {
            return None;
        }
        let now = self.ctx.evaluate(self.cands, self.chosen);
        level_dropped(self.ctx.sc, self.levels, &now, &self.with(i))
    }

    /// The hard structure targets (S6) adding pair `i` would break, or make fall shorter than
    /// the plan already does (an elastic plan may fall short): such a move is no move of any
    /// plan, whatever it adds.
    fn breaks_hard_targets(&self, i: usize) -> Vec<crate::domain::TargetGroup> {
        use crate::domain::TargetGroup as G;
        let sc = self.ctx.sc;
        let short = |b: &crate::scoring::ObjectiveBreakdown| {
            [b.women_shortfall, b.young_shortfall, b.minority_shortfall]
        };
        let now = short(&self.ctx.evaluate(self.cands, self.chosen));
        let with = short(&self.with(i));
        [G::Women, G::Young, G::Minority]
            .into_iter()
            .enumerate()
            .filter(|&(k, _)| sc.target_hard(k) && with[k] > now[k] + 1e-9)
            .map(|(_, g)| g)
            .collect()
    }

    fn reason(&self, p: PostIx) -> Why {
        let sc = self.ctx.sc;
        let cands = self.cands;
        let mut eligible: Vec<usize> = self.cands.of_post(p).collect();
        // Best score first; ties in cadre order (a total order: the unstable sort is exact).
        eligible
            .sort_unstable_by(|&a, &b| cands.score(b).total_cmp(&cands.score(a)).then(a.cmp(&b)));
        let offs: Vec<(usize, Off)> = eligible
            .iter()
            .map(|&i| (i, self.off(cands.cadre(i), p)))
            .collect();
        let id = |c: CadreIx| sc.cadre(c).id.clone();
        let score_of = |c: CadreIx, q: PostIx| cands.find(c, q).map(|j| cands.score(j));
        let moved = |i: usize, q: PostIx| {
            let c = cands.cadre(i);
            MovedElsewhere {
                cadre_id: id(c),
                post_id: sc.post(q).id.clone(),
                score_there: score_of(c, q),
                score_here: cands.score(i),
                must_fill_there: sc.post(q).criticality >= 5,
                pinned_there: sc.pins.iter().any(|x| x.cadre == c && x.post == q),
            }
        };
        let mut free: Vec<usize> = Vec::new();
        let mut listed: Vec<EligibleCadre> = Vec::new();
        // One pass in score order: the counts of each kind, and only the first few of each named
        // (the words name at most `NAMED`; the rest is "and N more").
        let mut here = 0usize;
        let mut elsewhere: Named<MovedElsewhere> = Named::default();
        let mut capped: Named<String> = Named::default();
        let mut family: Named<(String, String, String)> = Named::default();
        for (i, off) in &offs {
            let c = cands.cadre(*i);
            let score = cands.score(*i);
            match *off {
                Off::Here => here += 1,
                Off::Elsewhere(q) => elsewhere.push_with(|| moved(*i, q)),
                Off::Cap => capped.push_with(|| id(c)),
                Off::Family(r, q) => family.push_with(|| (id(c), id(r), sc.post(q).id.clone())),
                Off::Free => free.push(*i),
            }
            if listed.len() >= ELIGIBLE_LISTED {
                continue;
            }
            let (placed_on, blocked_by, detail) = match *off {
                Off::Here => (Some(sc.post(p).id.clone()), None, Holdback::Here),
                Off::Elsewhere(q) if sc.pins.iter().any(|x| x.cadre == c && x.post == q) => (
                    Some(sc.post(q).id.clone()),
                    Some(RuleId::S2),
                    Holdback::Pinned {
                        post_id: sc.post(q).id.clone(),
                    },
                ),
                Off::Elsewhere(q) => (
                    Some(sc.post(q).id.clone()),
                    None,
                    Holdback::Elsewhere {
                        post_id: sc.post(q).id.clone(),
                        score_there: score_of(c, q),
                        score_here: score,
                    },
                ),
                Off::Cap => {
                    let u = sc.cadre(c).current_unit.unwrap_or(0);
                    (
                        None,
                        Some(RuleId::S1),
                        Holdback::UnitAtCap {
                            unit_id: sc.unit(u).id.clone(),
                            leaving: self.departures[u as usize],
                        },
                    )
                }
                Off::Family(r, q) => (
                    None,
                    Some(RuleId::H10),
                    Holdback::Relative {
                        relative_id: id(r),
                        post_id: sc.post(q).id.clone(),
                    },
                ),
                Off::Free => (None, None, Holdback::Free),
            };
            listed.push(EligibleCadre {
                cadre_id: id(c),
                score,
                placed_on,
                blocked_by,
                detail,
            });
        }
        let why = |kind, top_rule, reason| Why {
            kind,
            top_rule,
            reason,
            exclusions: None,
            eligible: listed.clone(),
        };
        if free.is_empty() && capped.is_empty() && family.is_empty() {
            if elsewhere.is_empty() {
                return why(
                    UnfilledKind::NoEligibleCadre,
                    None,
                    Finding::AllSeatedHere { here },
                );
            }
            return why(
                UnfilledKind::EligibleUsedElsewhere,
                None,
                Finding::UsedElsewhere { moves: elsewhere },
            );
        }
        if free.is_empty() {
            let top = if capped.len() >= family.len() {
                RuleId::S1
            } else {
                RuleId::H10
            };
            return why(
                UnfilledKind::SideConstraint,
                Some(top),
                Finding::Blocked {
                    capped,
                    cap: sc.max_departures_per_unit,
                    family,
                    elsewhere,
                },
            );
        }
        // Free, movable cadres: the exact change of adding each of the best ones, when the move
        // keeps the hard targets (a move that breaks S6 was said to be one the solver missed).
        let mut best: Option<(usize, f64)> = None;
        let mut s6: Option<(usize, Vec<crate::domain::TargetGroup>)> = None;
        for &i in free.iter().take(MOVES_EVALUATED) {
            let broken = if sc.requirements.targets.hard {
                self.breaks_hard_targets(i)
            } else {
                Vec::new()
            };
            if !broken.is_empty() {
                s6.get_or_insert((i, broken));
                continue;
            }
            let d = self.delta(i);
            if best.is_none_or(|(_, b)| d > b) {
                best = Some((i, d));
            }
        }
        let Some((bi, bd)) = best else {
            let (i, targets) = s6.expect("free is not empty");
            return why(
                UnfilledKind::SideConstraint,
                Some(RuleId::S6),
                Finding::HardTargets {
                    cadre_id: id(cands.cadre(i)),
                    targets,
                },
            );
        };
        let b = cands.get(bi);
        let must = sc.post(p).criticality >= 5;
        let gain = b.score + if must { sc.weights.must_fill } else { 0.0 };
        if bd > 1e-6
            && let Some(drop) = self.lowers_a_level(bi)
        {
            // Another evaluated move that adds and keeps every level is one the solve missed:
            // the order keeps the post empty only when every such move lowers a level.
            let kept = free
                .iter()
                .take(MOVES_EVALUATED)
                .filter(|&&i| i != bi && self.breaks_hard_targets(i).is_empty())
                .map(|&i| (i, self.delta(i)))
                .filter(|&(i, d)| d > 1e-6 && self.lowers_a_level(i).is_none())
                .max_by(|a, b| a.1.total_cmp(&b.1));
            let Some((ki, kd)) = kept else {
                return why(
                    UnfilledKind::ObjectiveOrder,
                    None,
                    Finding::LevelKept {
                        cadre_id: id(b.cadre),
                        gain: bd,
                        drop,
                    },
                );
            };
            return why(
                UnfilledKind::SolverStopped,
                None,
                Finding::SolverStopped {
                    cadre_id: id(cands.cadre(ki)),
                    gain: kd,
                    status: self.status,
                },
            );
        }
        if bd > 1e-6 {
            return why(
                UnfilledKind::SolverStopped,
                None,
                Finding::SolverStopped {
                    cadre_id: id(b.cadre),
                    gain: bd,
                    status: self.status,
                },
            );
        }
        if gain > 1e-6 {
            return why(
                UnfilledKind::SideConstraint,
                None,
                Finding::TargetsCost {
                    cadre_id: id(b.cadre),
                    gain,
                    cost: gain - bd,
                },
            );
        }
        let best_free = free
            .iter()
            .map(|&i| cands.get(i))
            .max_by(|a, b| a.score.total_cmp(&b.score).then(b.cadre.cmp(&a.cadre)));
        why(
            UnfilledKind::NotWorthAMove,
            None,
            Finding::NotWorthAMove {
                free: free.len(),
                best: best_free.map(|b| (id(b.cadre), b.score)),
            },
        )
    }
}

/// An earlier lexicographic level (`objective:`) a change of the plan takes below the value its
/// solve kept for the later levels: its value in the plan (`now`) and with the change (`with`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelDrop {
    pub level: String,
    pub now: f64,
    pub with: f64,
    pub kept: f64,
}

/// The first of `levels` that going from the objective `now` to `with` takes below its kept
/// value: why a change that adds to the weighted sum is not the lexicographic plan's.
pub fn level_dropped(
    sc: &Scenario,
    levels: &[crate::solve::lexicographic::LevelOutcome],
    now: &crate::scoring::ObjectiveBreakdown,
    with: &crate::scoring::ObjectiveBreakdown,
) -> Option<LevelDrop> {
    if levels.is_empty() {
        return None;
    }
    let (a, b) = (
        crate::scoring::plan_level_values(sc, now),
        crate::scoring::plan_level_values(sc, with),
    );
    levels.iter().find_map(|l| {
        let kept = l.kept_at_least?;
        let (&now, &with) = (a.get(l.name.as_str())?, b.get(l.name.as_str())?);
        (with < kept - 1e-6 && with < now - 1e-9).then(|| LevelDrop {
            level: l.name.clone(),
            now,
            with,
            kept,
        })
    })
}

/// Whether H6 lets cadre `c` take post `p` (the cadre's rank, or up to the allowed step for an
/// outstanding cadre).
fn rank_compatible(sc: &Scenario, c: CadreIx, p: PostIx) -> bool {
    crate::rules::h6_post_level(sc, sc.cadre(c), sc.post(p)).is_ok()
}

/// Rules with their counts, the most first (ties: the lower id).
pub fn rule_list(counts: &BTreeMap<RuleId, usize>) -> Vec<(RuleId, usize)> {
    let mut parts: Vec<(RuleId, usize)> = counts.iter().map(|(r, n)| (*r, *n)).collect();
    parts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    parts
}

/// Count, for a post without candidates, how many cadres each rule excludes (a cadre may be cut by
/// several), among the cadres of a compatible rank (H6 passes) and over the whole pool, and name
/// the rule that excludes the most cadres of a compatible rank (H6 when there is none).
fn no_eligible_reason(ctx: &RuleContext, cands: &Candidates, p: PostIx) -> Why {
    let sc = ctx.sc;
    let _ = cands;
    let mut ex = Exclusions {
        all_cadres: sc.cadres.len(),
        ..Default::default()
    };
    for c in 0..sc.cadres.len() as CadreIx {
        let b = ctx.breaches(c, p);
        if b.is_empty() {
            ex.forbidden += 1; // passes every rule, so only a forbid can have removed it
        }
        let compatible = rank_compatible(sc, c, p);
        ex.rank_compatible += compatible as usize;
        for r in b {
            *ex.by_rule_all.entry(r.rule).or_default() += 1;
            if compatible {
                *ex.by_rule.entry(r.rule).or_default() += 1;
            }
        }
    }
    let compatible = rule_list(&ex.by_rule);
    let (top, reason) = if ex.rank_compatible == 0 {
        (
            Some(RuleId::H6),
            Finding::NoRankCompatible {
                post_rank: sc.post(p).rank,
                exclusions: ex.clone(),
            },
        )
    } else if compatible.is_empty() {
        (
            None,
            Finding::AllForbidden {
                exclusions: ex.clone(),
            },
        )
    } else {
        (
            Some(compatible[0].0),
            Finding::CutByRules {
                exclusions: ex.clone(),
            },
        )
    };
    Why {
        kind: UnfilledKind::NoEligibleCadre,
        top_rule: top,
        reason,
        exclusions: Some(ex),
        eligible: Vec::new(),
    }
}
