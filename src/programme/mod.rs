//! The programme: rotations and placements after rotation planned over several periods (a term of
//! five years, yearly or half-yearly), see docs/programme.md. This room owns the data of a
//! programme and its time-expanded candidate set; the MIP is built in `solve::programme` (only
//! `solve/` knows good_lp), the result is a [`ProgrammePlan`], and `check::programme` re-checks it
//! without this room's columns.
//!
//! Every rule is the single plan's rule function, evaluated on the scenario *at the period's date*
//! ([`scenario_at`]: the plan date moved, head terms advanced), so H2's service left shrinks, H4's
//! running rotations end and H9's terms grow with time. H3 (the health certificate) excludes in the
//! first period only: in a later one a certificate can be renewed, so it is reported as "needs a
//! renewed certificate".

use crate::domain::{CadreIx, Date, PostIx, Programme, Scenario, UnitIx};
pub use crate::domain::{Move, MoveKind};
use crate::rules::retirement::whole_months_between;
use crate::rules::{Breach, RuleContext, RuleId, RuleResult};
use crate::scoring::{self, Terms};
use chrono::Months;
use serde::Serialize;
use std::sync::Arc;

/// Months of a head's term: the head terms of H9 advance by one per this many months as head.
pub const TERM_MONTHS: i64 = 60;

/// The scenario as it stands on `date`: the plan date moved there and the head terms of cadres who
/// head their current unit advanced by the whole terms between the plan date and `date`. Pins and
/// the baseline belong to one plan and are dropped.
pub fn scenario_at(sc: &Scenario, date: Date) -> Scenario {
    let mut s = sc.clone();
    s.plan_date = date;
    s.pins.clear();
    s.baseline.clear();
    s.programme = None;
    let terms = whole_months_between(sc.plan_date, date).max(0) / TERM_MONTHS;
    if terms > 0 {
        let mut cadres = (*sc.cadres).clone();
        for c in &mut cadres {
            if let (Some(u), Some(crate::domain::Role::Head)) = (c.current_unit, c.current_role) {
                match c.head_terms.binary_search_by_key(&u, |&(x, _)| x) {
                    Ok(i) => c.head_terms[i].1 += terms as u32,
                    Err(i) => c.head_terms.insert(i, (u, terms as u32)),
                }
            }
        }
        s.cadres = Arc::new(cadres);
    }
    s
}

/// The scenario at each period's date.
pub struct Timeline {
    pub periods: Vec<Date>,
    pub at: Vec<Scenario>,
}

impl Timeline {
    /// `None` when the scenario has no `programme:`.
    pub fn new(sc: &Scenario) -> Option<Timeline> {
        let prog = sc.programme.as_ref()?;
        Some(Timeline {
            periods: prog.periods.clone(),
            at: prog.periods.iter().map(|&d| scenario_at(sc, d)).collect(),
        })
    }

    /// The rule context of each period (per-cadre facts at that date).
    pub fn contexts(&self) -> Vec<RuleContext<'_>> {
        self.at.iter().map(RuleContext::new).collect()
    }
}

/// The rules a rotation of cadre `c` to post `p` in period `t` breaks, in the order of
/// `RuleId::PAIRWISE`; H3 only in the first period (later, a certificate can be renewed).
pub fn rotation_breaches(ctx: &RuleContext, t: usize, c: CadreIx, p: PostIx) -> Vec<Breach> {
    RuleId::PAIRWISE
        .iter()
        .filter(|&&r| t == 0 || r != RuleId::H3)
        .filter_map(|&r| ctx.check_rule(r, c, p).err())
        .collect()
}

/// Whether a rotation of cadre `c` to post `p` in period `t` breaks none of
/// [`rotation_breaches`]'s rules (the same rule functions, stopping at the first breach).
pub fn rotation_ok(ctx: &RuleContext, t: usize, c: CadreIx, p: PostIx) -> bool {
    RuleId::PAIRWISE
        .iter()
        .filter(|&&r| t == 0 || r != RuleId::H3)
        .all(|&r| ctx.check_rule(r, c, p).is_ok())
}

/// H3 in a period after the first: the cadre needs a renewed certificate to move then.
pub fn needs_certificate(ctx: &RuleContext, t: usize, c: CadreIx) -> bool {
    t > 0 && crate::rules::h3_health_certificate(ctx.sc, ctx.sc.cadre(c)).is_err()
}

/// The rules a placement after rotation of cadre `c` on post `p` breaks at `ctx`'s date, the
/// cadre having held rank `held` during the rotation: still in service (H2: retirement by Decree
/// 135), the level ([`crate::rules::placement_level`], H6), not-local posts (H8), term limits (H9)
/// and family (H10). Going back to the unit of origin is allowed (at a cost), so H5 does not apply.
pub fn placement_breaches(ctx: &RuleContext, c: CadreIx, p: PostIx, held: i32) -> Vec<Breach> {
    let sc = ctx.sc;
    let mut out = Vec::new();
    let facts = &ctx.facts[c as usize];
    if !in_service_for_placement(facts) {
        out.push(Breach {
            rule: RuleId::H2,
            detail: crate::rules::Why::RetiredBeforePlacement {
                retires: facts.retirement,
                on: Some(sc.plan_date),
            },
        });
    }
    if let Err(b) = crate::rules::placement_level(sc.cadre(c), sc.post(p), held) {
        out.push(b);
    }
    for r in [RuleId::H8, RuleId::H9, RuleId::H10] {
        if let Err(b) = ctx.check_rule(r, c, p) {
            out.push(b);
        }
    }
    out
}

/// H2 of a placement: still in service on the date.
fn in_service_for_placement(facts: &crate::rules::CadreFacts) -> bool {
    facts.months_left >= 1
}

/// Whether a placement breaks none of [`placement_breaches`]'s rules (the same rule functions,
/// stopping at the first breach).
pub fn placement_ok(ctx: &RuleContext, c: CadreIx, p: PostIx, held: i32) -> bool {
    let sc = ctx.sc;
    in_service_for_placement(&ctx.facts[c as usize])
        && crate::rules::placement_level(sc.cadre(c), sc.post(p), held).is_ok()
        && [RuleId::H8, RuleId::H9, RuleId::H10]
            .iter()
            .all(|&r| ctx.check_rule(r, c, p).is_ok())
}

/// The end of a rotation starting on `start`: `min_rotation_months` later.
pub fn rotation_end(sc: &Scenario, start: Date) -> Date {
    start
        .checked_add_months(Months::new(sc.rules.min_rotation_months))
        .unwrap_or(Date::MAX)
}

/// The end of the rotation of cadre `c` onto post `p` in period `t`: an executed rotation's own
/// end when history.csv writes one, `min_rotation_months` after its real start otherwise (its
/// placement falls due then); a planned one `min_rotation_months` after the period's date
/// ([`rotation_end`]).
pub fn rotation_end_of(
    sc: &Scenario,
    prog: &Programme,
    (c, p): (CadreIx, PostIx),
    t: usize,
) -> Date {
    targets::executed(prog, c, p, MoveKind::Rotation, t)
        .map(|h| h.rotation_end(sc.rules.min_rotation_months))
        .unwrap_or_else(|| rotation_end(sc, prog.periods[t]))
}

/// The period of the placement after a rotation ending on `end`: the first period on or after it
/// (`None`: the rotation ends after the last period, its placement is outside the programme).
pub fn placement_period(prog: &Programme, end: Date) -> Option<usize> {
    prog.period_on_or_after(end)
}

/// A rotation already running when the programme starts that ends inside it (cadres.csv
/// `rotation_end` on or after the first period and on or before the last): a placement follows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Running {
    pub cadre: CadreIx,
    pub end: Date,
    pub period: usize,
}

/// The running rotations that end inside the programme, in cadre order.
pub fn running(sc: &Scenario, prog: &Programme) -> Vec<Running> {
    sc.cadres
        .iter()
        .enumerate()
        .filter_map(|(c, cadre)| {
            let end = cadre.rotation_end?;
            if end < prog.periods[0] {
                return None;
            }
            let period = placement_period(prog, end)?;
            Some(Running {
                cadre: c as CadreIx,
                end,
                period,
            })
        })
        .collect()
}

/// Who holds a post's seats before anything moves, and until when.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Occupancy {
    /// The seats are taken before this date (`None`: free from the start).
    pub until: Option<Date>,
    /// The holder (posts.csv `holder_id`): moving them frees the seat earlier (a vacancy chain).
    pub holder: Option<CadreIx>,
    /// Seats taken before `until`: 1 with a holder, every seat without one.
    pub seats: u32,
}

impl Occupancy {
    /// Seats taken on `d` if nobody moves.
    pub fn taken_on(&self, d: Date) -> u32 {
        match self.until {
            Some(u) if d < u => self.seats,
            _ => 0,
        }
    }
}

/// The day after `d` (a retirement date is the last day of service).
fn day_after(d: Date) -> Date {
    d.succ_opt().unwrap_or(d)
}

/// Post `p`'s occupancy: with a holder, until the first of `vacant_from`, the day after the
/// holder's retirement (Decree 135) and the end of the holder's running rotation; without one,
/// every seat until `vacant_from` (or free from the start).
pub fn occupancy(sc: &Scenario, prog: &Programme, ctx0: &RuleContext, p: PostIx) -> Occupancy {
    let post = sc.post(p);
    match prog.holders.get(p as usize).copied().flatten() {
        None => Occupancy {
            until: post.vacant_from,
            holder: None,
            seats: post.seats,
        },
        Some(h) => {
            let retire = ctx0.facts[h as usize].retirement.map(day_after);
            let rot = sc.cadre(h).rotation_end;
            let until = [post.vacant_from, retire, rot].into_iter().flatten().min();
            Occupancy {
                until: Some(until.unwrap_or(Date::MAX)),
                holder: Some(h),
                seats: 1,
            }
        }
    }
}

/// A rotation column: cadre `cadre` to `post` in `period`.
#[derive(Debug, Clone, PartialEq)]
pub struct RotationCol {
    pub cadre: CadreIx,
    pub post: PostIx,
    pub period: usize,
    pub end: Date,
    /// The period of its placement (`None`: after the programme).
    pub placement: Option<usize>,
    pub terms: Terms,
    pub score: f64,
    /// The cadre's certificate is too old on that date: a renewed one is needed.
    pub needs_certificate: bool,
}

/// A placement column: cadre `cadre` placed on `post` in `period`, after a rotation.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacementCol {
    pub cadre: CadreIx,
    pub post: PostIx,
    pub period: usize,
    /// After a running rotation (from cadres.csv), not a planned one.
    pub running: bool,
    /// The ranks held during the rotation this placement may follow (H6 of a placement).
    pub after_ranks: Vec<i32>,
    /// Back to the unit the cadre left for the rotation ("khép kín").
    pub to_origin: bool,
    pub score: f64,
}

/// Why a cadre whose rotation ends inside the programme has no placement.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unplaced {
    /// No post passes the placement rules on that date: the posts looked at and the first breach.
    NoEligiblePost { posts: usize, first: Option<Breach> },
    /// Posts pass the rules, but every seat is held on that date.
    AllTaken { posts: usize },
}

/// The time-expanded candidate set of a programme.
pub struct Columns {
    pub rotations: Vec<RotationCol>,
    pub placements: Vec<PlacementCol>,
    pub running: Vec<Running>,
    /// Per post.
    pub occupancy: Vec<Occupancy>,
    /// Running rotations with no placement column at all, and why.
    pub unplaceable: Vec<(CadreIx, Unplaced)>,
    /// Rotation columns left out because no placement could follow them.
    pub without_placement: usize,
    /// The columns of the full programme not kept above [`FILTER_ABOVE`] (empty below it: every
    /// column is kept), in cadre order.
    pub left_out: Vec<OutCol>,
}

/// The score of a placement: the receiving post's staffing need and the cadre's fit to it
/// (planned title: a promotion, sector, rating), weighted as for a rotation, less the origin
/// penalty when it is the cadre's unit of origin.
pub fn placement_score(sc: &Scenario, c: CadreIx, p: PostIx, to_origin: bool) -> f64 {
    let post = sc.post(p);
    let w = &sc.weights;
    let prog_pen = sc.programme.as_ref().map_or(0.0, |x| x.origin_penalty);
    w.staffing * scoring::staffing(post, sc.post_unit(p)) + w.fit * scoring::fit(sc.cadre(c), post)
        - if to_origin { prog_pen } else { 0.0 }
}

/// The ranks a placement may take after holding rank `held`: the same, or one up.
fn placement_ranks(held: i32) -> std::ops::RangeInclusive<i32> {
    held..=held + 1
}

/// Above this many rank-compatible (cadre, post, period) triples, a programme's model keeps only
/// the best [`KEEP_PER_PERIOD`] rotation columns of each cadre in each period, and the best as many
/// placement columns of each cadre in each period (pinned pairs always kept): the national
/// programme's full model (tens of millions of columns) does not fit in memory. The columns left
/// out are kept compactly ([`OutCol`]) and priced by `solve::programme` with the duals of the
/// kept model's LP, so the bound reported holds for the programme over every column. Smaller
/// programmes, the shipped province's among them, keep every column in the model.
pub const FILTER_ABOVE: u64 = 2_000_000;
/// Columns kept per cadre and period above [`FILTER_ABOVE`].
pub const KEEP_PER_PERIOD: usize = 5;

/// Columns kept per cadre and period, `None`: all of them.
pub fn keep_per_period(sc: &Scenario, periods: usize) -> Option<usize> {
    let pairs =
        crate::domain::rank_compatible_pairs(&sc.posts, &sc.cadres, sc.rules.outstanding_rank_up);
    (pairs.saturating_mul(periods as u64) > FILTER_ABOVE).then_some(KEEP_PER_PERIOD)
}

/// The best `k` columns of cadre `c` in each period by score (ties: the lower post index), and
/// every column of a pinned pair, in (period, post) order; then the others, in the same order.
fn best_per_period<T>(
    sc: &Scenario,
    c: CadreIx,
    cols: Vec<T>,
    k: usize,
    key: impl Fn(&T) -> (usize, PostIx, f64),
) -> (Vec<T>, Vec<T>) {
    let pinned = |p: PostIx| sc.pins.iter().any(|x| x.cadre == c && x.post == p);
    let mut order: Vec<usize> = (0..cols.len()).collect();
    order.sort_by(|&a, &b| {
        let (ta, pa, sa) = key(&cols[a]);
        let (tb, pb, sb) = key(&cols[b]);
        ta.cmp(&tb).then(sb.total_cmp(&sa)).then(pa.cmp(&pb))
    });
    let mut kept = vec![false; cols.len()];
    let mut run = (usize::MAX, 0);
    for i in order {
        let (t, p, _) = key(&cols[i]);
        if run.0 != t {
            run = (t, 0);
        }
        if run.1 < k || pinned(p) {
            kept[i] = true;
            run.1 += 1;
        }
    }
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for (x, k) in cols.into_iter().zip(kept) {
        if k { yes.push(x) } else { no.push(x) }
    }
    (yes, no)
}

/// A column of the full programme that [`generate`] left out of [`Columns`] (above
/// [`FILTER_ABOVE`]), kept in 24 bytes so that `solve::programme` can price it: its reduced cost
/// bounds what it could add, so the bound reported is over every column, not only the kept ones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutCol {
    pub cadre: CadreIx,
    pub post: PostIx,
    pub score: f64,
    pub kind: MoveKind,
    pub period: u8,
    /// A rotation's placement period ([`NO_PERIOD`]: after the programme).
    pub placement: u8,
    /// `PlacementCol::running` (no unit of origin); the placements after a running rotation are
    /// those of the cadres of `Columns::running`.
    pub running: bool,
    /// A placement's `after_ranks`: bit i for the cadre's current rank + i.
    pub after: u16,
}

/// [`OutCol::placement`] of a rotation whose placement is after the programme.
pub const NO_PERIOD: u8 = u8::MAX;

impl OutCol {
    pub fn of_rotation(r: &RotationCol) -> OutCol {
        OutCol {
            cadre: r.cadre,
            post: r.post,
            score: r.score,
            kind: MoveKind::Rotation,
            period: r.period as u8,
            placement: r.placement.map_or(NO_PERIOD, |s| s as u8),
            running: false,
            after: 0,
        }
    }

    pub fn of_placement(sc: &Scenario, x: &PlacementCol) -> OutCol {
        let base = sc.cadre(x.cadre).current_rank;
        let after = x
            .after_ranks
            .iter()
            .map(|&b| b - base)
            .filter(|d| (0..16).contains(d))
            .fold(0u16, |m, d| m | (1 << d));
        OutCol {
            cadre: x.cadre,
            post: x.post,
            score: x.score,
            kind: MoveKind::Placement,
            period: x.period as u8,
            placement: NO_PERIOD,
            running: x.running,
            after,
        }
    }

    /// The placement period of a rotation.
    pub fn placement_period(&self) -> Option<usize> {
        (self.placement != NO_PERIOD).then_some(self.placement as usize)
    }

    /// Whether a placement may follow a rotation held at rank `b`.
    pub fn follows(&self, sc: &Scenario, b: i32) -> bool {
        let d = b - sc.cadre(self.cadre).current_rank;
        (0..16).contains(&d) && self.after & (1 << d) != 0
    }
}

/// Every rotation and placement column of the programme of `sc` (deterministic: cadre, period,
/// post order); above [`FILTER_ABOVE`] only the best of each cadre and period, the others in
/// [`Columns::left_out`].
pub fn generate(sc: &Scenario, tl: &Timeline) -> Columns {
    generate_keeping(sc, tl, keep_per_period(sc, tl.periods.len()))
}

/// The posts of each range of ranks, by post index, computed once: `posts(lo..=hi)` is the posts
/// whose rank is in the range, without allocating.
struct PostsByRank {
    /// The ranks of the posts, ascending, without repeats.
    ranks: Vec<i32>,
    /// For `i <= j`: the posts of ranks `ranks[i]..=ranks[j]` in index order, at `i * n + j`.
    lists: Vec<Vec<PostIx>>,
}

impl PostsByRank {
    fn new(sc: &Scenario) -> PostsByRank {
        let mut ranks: Vec<i32> = sc.posts.iter().map(|p| p.rank).collect();
        ranks.sort_unstable();
        ranks.dedup();
        let n = ranks.len();
        let mut lists = vec![Vec::new(); n * n];
        for i in 0..n {
            for j in i..n {
                lists[i * n + j] = (0..sc.posts.len() as PostIx)
                    .filter(|&p| (ranks[i]..=ranks[j]).contains(&sc.post(p).rank))
                    .collect();
            }
        }
        PostsByRank { ranks, lists }
    }

    fn posts(&self, r: std::ops::RangeInclusive<i32>) -> &[PostIx] {
        let i = self.ranks.partition_point(|&x| x < *r.start());
        let j = self.ranks.partition_point(|&x| x <= *r.end());
        if i >= j {
            return &[];
        }
        &self.lists[i * self.ranks.len() + j - 1]
    }
}

/// The columns of one cadre (see [`generate_keeping`]).
#[derive(Default)]
struct CadreColumns {
    rotations: Vec<RotationCol>,
    placements: Vec<PlacementCol>,
    unplaced: Option<Unplaced>,
    without_placement: usize,
    left_out: Vec<OutCol>,
}

/// Cadres generated together in parallel before their columns are appended (in cadre order):
/// the memory held twice is one batch's, not the programme's.
const CADRES_PER_BATCH: usize = 256;

/// [`generate`] keeping the best `keep` columns of each cadre and period in the model (`None`:
/// every column), the others in [`Columns::left_out`]. The cadres are generated in parallel and
/// their columns appended in cadre order: the same columns whatever the thread count.
pub fn generate_keeping(sc: &Scenario, tl: &Timeline, keep: Option<usize>) -> Columns {
    use rayon::prelude::*;
    let prog = sc.programme.as_ref().expect("a programme scenario");
    let ctxs = tl.contexts();
    let running = running(sc, prog);
    let mut running_of: Vec<Option<usize>> = vec![None; sc.cadres.len()];
    for r in &running {
        running_of[r.cadre as usize] = Some(r.period);
    }
    // The ends of the executed rotations (`rotation_end_of`), looked up once.
    let executed_ends: std::collections::BTreeMap<(CadreIx, PostIx, usize), Date> = prog
        .replan
        .history
        .iter()
        .filter(|h| h.kind == MoveKind::Rotation)
        .map(|h| {
            let end = h.rotation_end(sc.rules.min_rotation_months);
            ((h.cadre, h.post, h.period), end)
        })
        .collect();
    let occupancy: Vec<Occupancy> = (0..sc.posts.len() as PostIx)
        .map(|p| occupancy(sc, prog, &ctxs[0], p))
        .collect();
    let by_rank = PostsByRank::new(sc);
    // Whether some seat of post p is free on period s if nobody moved, or its holder can move.
    let could_be_free = |p: PostIx, s: usize| {
        let o = &occupancy[p as usize];
        o.taken_on(tl.periods[s]) < sc.post(p).seats || o.holder.is_some()
    };
    let placement_cols = |c: CadreIx, s: usize, held: &[i32], origin: Option<UnitIx>| {
        let lo = *held.iter().min().unwrap_or(&0);
        let hi = *held.iter().max().unwrap_or(&0);
        let mut cols = Vec::new();
        let mut looked = 0;
        let mut first = None;
        for &p in by_rank.posts(lo..=hi + 1) {
            looked += 1;
            let ok_after: Vec<i32> = held
                .iter()
                .copied()
                .filter(|&h| placement_ranks(h).contains(&sc.post(p).rank))
                .filter(|&h| {
                    // The breaches themselves only until the first one is known.
                    if first.is_some() {
                        return placement_ok(&ctxs[s], c, p, h);
                    }
                    let b = placement_breaches(&ctxs[s], c, p, h);
                    first = b.first().cloned();
                    b.is_empty()
                })
                .collect();
            if ok_after.is_empty() || targets::forbidden_at(sc, c, p, s) {
                continue;
            }
            let to_origin = origin.is_some_and(|u| sc.post(p).unit == u);
            cols.push(PlacementCol {
                cadre: c,
                post: p,
                period: s,
                running: origin.is_none(),
                after_ranks: ok_after,
                to_origin,
                score: placement_score(sc, c, p, to_origin),
            });
        }
        (cols, looked, first)
    };

    let one_cadre = |c: CadreIx| -> CadreColumns {
        let cadre = sc.cadre(c);
        let mut out = CadreColumns::default();
        if let Some(period) = running_of[c as usize] {
            let (cols, looked, first) = placement_cols(c, period, &[cadre.current_rank], None);
            let eligible = cols.len();
            let cols: Vec<PlacementCol> = cols
                .into_iter()
                .filter(|x| could_be_free(x.post, period))
                .collect();
            if cols.is_empty() {
                out.unplaced = Some(if eligible > 0 {
                    Unplaced::AllTaken { posts: eligible }
                } else {
                    Unplaced::NoEligiblePost {
                        posts: looked,
                        first,
                    }
                });
            }
            out.placements = match keep {
                Some(k) => {
                    let (yes, no) =
                        best_per_period(sc, c, cols, k, |x| (x.period, x.post, x.score));
                    out.left_out = no.iter().map(|x| OutCol::of_placement(sc, x)).collect();
                    yes
                }
                None => cols,
            };
            // Placed, not rotated again inside the programme.
            return out;
        }
        let up = if cadre.outstanding {
            sc.rules.outstanding_rank_up.max(0)
        } else {
            0
        };
        let mut mine: Vec<RotationCol> = Vec::new();
        for (t, ctx) in ctxs.iter().enumerate() {
            if cadre_movable(ctx, t, c).is_err() {
                continue;
            }
            let certificate = needs_certificate(ctx, t, c);
            for &p in by_rank.posts(cadre.current_rank..=cadre.current_rank + up) {
                // The cheap tests first; the rules as booleans; the score only after.
                if !could_be_free(p, t)
                    || targets::forbidden_at(sc, c, p, t)
                    || !rotation_ok(ctx, t, c, p)
                {
                    continue;
                }
                let end = executed_ends
                    .get(&(c, p, t))
                    .copied()
                    .unwrap_or_else(|| rotation_end(sc, tl.periods[t]));
                let placement = if end <= *tl.periods.last().unwrap_or(&end) {
                    placement_period(prog, end)
                } else {
                    None
                };
                let terms = scoring::pair_terms(&tl.at[t], c, p);
                mine.push(RotationCol {
                    cadre: c,
                    post: p,
                    period: t,
                    end,
                    placement,
                    score: terms.weighted(&sc.weights),
                    terms,
                    needs_certificate: certificate,
                });
            }
        }
        // Placements for each period a rotation of this cadre can end in, after the ranks held.
        let mut ends: Vec<usize> = mine.iter().filter_map(|r| r.placement).collect();
        ends.sort_unstable();
        ends.dedup();
        let mut mine_plc = Vec::new();
        for s in ends {
            let mut held: Vec<i32> = mine
                .iter()
                .filter(|r| r.placement == Some(s))
                .map(|r| sc.post(r.post).rank)
                .collect();
            held.sort_unstable();
            held.dedup();
            let (cols, _, _) = placement_cols(c, s, &held, cadre.current_unit);
            let cols: Vec<PlacementCol> = cols
                .into_iter()
                .filter(|x| could_be_free(x.post, s))
                .collect();
            // A rotation whose held rank no placement follows cannot be planned.
            let followed: Vec<i32> = held
                .iter()
                .copied()
                .filter(|h| cols.iter().any(|x| x.after_ranks.contains(h)))
                .collect();
            mine.retain(|r| {
                let keep = r.placement != Some(s) || followed.contains(&sc.post(r.post).rank);
                if !keep {
                    out.without_placement += 1;
                }
                keep
            });
            mine_plc.extend(cols);
        }
        // Above FILTER_ABOVE: the best of each period kept, the rest priced by the solve. A kept
        // rotation that no kept placement follows is left out too (its rows would forbid it).
        if let Some(k) = keep {
            let (rot_yes, rot_no) =
                best_per_period(sc, c, mine, k, |r| (r.period, r.post, r.score));
            let (plc_yes, plc_no) =
                best_per_period(sc, c, mine_plc, k, |x| (x.period, x.post, x.score));
            let mut left: Vec<OutCol> = Vec::with_capacity(rot_no.len() + plc_no.len() + k);
            left.extend(rot_no.iter().map(OutCol::of_rotation));
            mine = Vec::with_capacity(rot_yes.len());
            for r in rot_yes {
                let followed = r.placement.is_none_or(|s| {
                    plc_yes
                        .iter()
                        .any(|x| x.period == s && x.after_ranks.contains(&sc.post(r.post).rank))
                });
                if followed {
                    mine.push(r);
                } else {
                    left.push(OutCol::of_rotation(&r));
                }
            }
            left.extend(plc_no.iter().map(|x| OutCol::of_placement(sc, x)));
            out.left_out = left;
            mine_plc = plc_yes;
        }
        out.placements = mine_plc;
        out.rotations = mine;
        out
    };

    let mut rotations = Vec::new();
    let mut placements = Vec::new();
    let mut unplaceable = Vec::new();
    let mut without_placement = 0;
    let mut left_out = Vec::new();
    let n = sc.cadres.len() as CadreIx;
    let mut start: CadreIx = 0;
    while start < n {
        let end = start.saturating_add(CADRES_PER_BATCH as CadreIx).min(n);
        let batch: Vec<CadreColumns> = (start..end).into_par_iter().map(&one_cadre).collect();
        for (c, x) in (start..end).zip(batch) {
            rotations.extend(x.rotations);
            placements.extend(x.placements);
            if let Some(u) = x.unplaced {
                unplaceable.push((c, u));
            }
            without_placement += x.without_placement;
            left_out.extend(x.left_out);
        }
        start = end;
    }
    Columns {
        rotations,
        placements,
        running,
        occupancy,
        unplaceable,
        without_placement,
        left_out,
    }
}

/// The rules on the cadre alone at period `t`'s date: all of them (H1–H4) in the first period;
/// later, H3 is a renewal to report, not an exclusion (H2 is checked per post).
pub fn cadre_movable(ctx: &RuleContext, t: usize, c: CadreIx) -> RuleResult {
    if t == 0 {
        return ctx.check_cadre(c);
    }
    let cadre = ctx.sc.cadre(c);
    crate::rules::h1_planned(cadre)?;
    crate::rules::h4_rotation_finished(ctx.sc, cadre)
}

/// Seats taken of every post (outer) on every period's date (inner) once `moves` are made: the
/// occupants before anything moves (a holder until they leave or move), the rotations until their
/// placement, and the placements until the cadre retires.
pub fn occupancy_after(sc: &Scenario, tl: &Timeline, moves: &[Move]) -> Vec<Vec<u32>> {
    let Some(prog) = sc.programme.as_ref() else {
        return Vec::new();
    };
    let ctx0 = RuleContext::new(&tl.at[0]);
    let n_t = tl.periods.len();
    let placed_at: std::collections::BTreeMap<CadreIx, usize> = moves
        .iter()
        .filter(|m| m.kind == MoveKind::Placement)
        .map(|m| (m.cadre, m.period))
        .collect();
    let rotated_at: std::collections::BTreeMap<CadreIx, usize> = moves
        .iter()
        .filter(|m| m.kind == MoveKind::Rotation)
        .map(|m| (m.cadre, m.period))
        .collect();
    let mut out = vec![vec![0u32; n_t]; sc.posts.len()];
    for (p, row) in out.iter_mut().enumerate() {
        let o = occupancy(sc, prog, &ctx0, p as PostIx);
        for (t, slot) in row.iter_mut().enumerate() {
            let moved = o
                .holder
                .and_then(|h| rotated_at.get(&h))
                .is_some_and(|&r| r <= t);
            if !moved {
                *slot += o.taken_on(tl.periods[t]);
            }
        }
    }
    for m in moves {
        let retire = ctx0.facts[m.cadre as usize].retirement;
        for (t, &d) in tl.periods.iter().enumerate().skip(m.period) {
            let here = match m.kind {
                MoveKind::Rotation => placed_at.get(&m.cadre).is_none_or(|&s| t < s),
                MoveKind::Placement => retire.is_none_or(|r| d <= r),
            };
            if here {
                out[m.post as usize][t] += 1;
            }
        }
    }
    out
}

pub mod plan;
pub mod replan;
pub mod review;
pub mod targets;
