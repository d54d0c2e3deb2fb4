//! The programme: rotations and placements after rotation planned over several periods (a term of
//! five years, yearly or half-yearly), see docs/programme.md. This room owns the data of a
//! programme and its time-expanded candidate set; the MIP is built in `solve::programme` (only
//! `solve/` knows good_lp), the result is a [`ProgrammePlan`], and `check::programme` re-checks it
//! without this room's columns.
//!
//! Every rule is the single plan's rule function, evaluated on the scenario *at the period's date*
//! ([`scenario_at`]: the plan date moved, head terms advanced), so H2's service left shrinks, H4's
//! running rotations end and H9's terms grow with time. H3 (the health certificate) excludes on the
//! plan date only: in a later period a certificate can be renewed, so it is reported as "needs a
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
    s.certificate_renewable = date > sc.plan_date;
    s.pins.clear();
    s.baseline.clear();
    s.programme = None;
    let months = whole_months_between(sc.plan_date, date).max(0);
    let terms = months / TERM_MONTHS;
    let gone = leaders_elsewhere(sc, date);
    let drop_relatives = sc
        .cadres
        .iter()
        .any(|c| c.relatives.iter().any(|&r| gone[r as usize]));
    if months > 0 || drop_relatives {
        let mut cadres = (*sc.cadres).clone();
        for c in &mut cadres {
            // H8's years worked in the province of the unit the cadre works in grow with the
            // date (a running rotation's unit until it ends): 19 years on the plan date are 21
            // two years on, and the cadre is local there.
            let until = c
                .rotation_end
                .filter(|&e| e >= sc.plan_date)
                .map_or(date, |e| e.min(date));
            let worked = whole_months_between(sc.plan_date, until).max(0);
            if let (true, Some(province)) = (
                worked > 0,
                c.current_unit.and_then(|u| sc.unit(u).province.clone()),
            ) {
                let years = worked as f64 / 12.0;
                match c
                    .worked_years
                    .binary_search_by(|(p, _)| p.as_str().cmp(&province))
                {
                    Ok(i) => c.worked_years[i].1 += years,
                    Err(i) => c.worked_years.insert(i, (province, years)),
                }
            }
            if terms > 0
                && let (Some(u), Some(crate::domain::Role::Head)) = (c.current_unit, c.current_role)
            {
                match c.head_terms.binary_search_by_key(&u, |&(x, _)| x) {
                    Ok(i) => c.head_terms[i].1 += terms as u32,
                    Err(i) => c.head_terms.insert(i, (u, terms as u32)),
                }
            }
            c.relatives.retain(|&r| !gone[r as usize]);
        }
        s.cadres = Arc::new(cadres);
    }
    s
}

/// The cadres whose role on the plan date says nothing of where they are on `date` (H10's pair
/// rule reads the relative's `current_unit` and `current_role`): those retired by then, and
/// those holding a post of their unit (posts.csv `holder_id`), who lead there only until they
/// leave it, which the programme's H10 rows and the checker's H10 across the programme follow
/// date by date. Without this, a relative who retired or was moved away kept a sensitive post
/// of their old unit closed for the whole programme.
fn leaders_elsewhere(sc: &Scenario, date: Date) -> Vec<bool> {
    let mut gone: Vec<bool> = sc
        .cadres
        .iter()
        .map(|c| {
            sc.rules
                .roadmap(c.sex)
                .retirement_date(c.birth_date)
                .is_some_and(|r| r < date)
        })
        .collect();
    // Only where those rows see what the pair rule sees: the held post leads (they read the
    // post's role), or cadres.csv does not make the holder a leader anyway.
    if let Some(prog) = &sc.programme {
        for (p, h) in prog.holders.iter().enumerate() {
            let Some(h) = *h else { continue };
            let (cadre, post) = (sc.cadre(h), &sc.posts[p]);
            let leads_by_role = cadre.current_role.is_some_and(|r| r.is_leader());
            if cadre.current_unit == Some(post.unit) && (post.role.is_leader() || !leads_by_role) {
                gone[h as usize] = true;
            }
        }
    }
    gone
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

/// The rules a rotation of cadre `c` to post `p` breaks on `ctx`'s date, in the order of
/// `RuleId::PAIRWISE`; H3 only on the plan date ([`h3_excludes`]: later, a certificate can be
/// renewed).
pub fn rotation_breaches(ctx: &RuleContext, c: CadreIx, p: PostIx) -> Vec<Breach> {
    RuleId::PAIRWISE
        .iter()
        .filter(|&&r| h3_excludes(ctx.sc) || r != RuleId::H3)
        .filter_map(|&r| ctx.check_rule(r, c, p).err())
        .collect()
}

/// Whether a rotation of cadre `c` to post `p` on `ctx`'s date breaks none of
/// [`rotation_breaches`]'s rules (the same rule functions, stopping at the first breach).
pub fn rotation_ok(ctx: &RuleContext, c: CadreIx, p: PostIx) -> bool {
    RuleId::PAIRWISE
        .iter()
        .filter(|&&r| h3_excludes(ctx.sc) || r != RuleId::H3)
        .all(|&r| ctx.check_rule(r, c, p).is_ok())
}

/// The rules of [`rotation_ok`] that depend on the post. The others (H1, H3 on the plan date,
/// H4) are on the cadre alone and [`cadre_movable`] checks them once per cadre and period, so for a
/// cadre it lets move in period `t`, `rotation_ok(ctx, c, p) == rotation_ok_movable(ctx, c, p)`.
pub fn rotation_ok_movable(ctx: &RuleContext, c: CadreIx, p: PostIx) -> bool {
    ROTATION_PER_POST
        .iter()
        .all(|&r| ctx.check_rule(r, c, p).is_ok())
}

/// The rules of [`rotation_ok_movable`].
const ROTATION_PER_POST: [RuleId; 6] = [
    RuleId::H2,
    RuleId::H5,
    RuleId::H6,
    RuleId::H8,
    RuleId::H9,
    RuleId::H10,
];

/// H3 after the plan date ([`h3_excludes`]): the cadre needs a renewed certificate to move then.
pub fn needs_certificate(ctx: &RuleContext, c: CadreIx) -> bool {
    needs_certificate_at(ctx.sc, c)
}

/// [`needs_certificate`] on the scenario at period `t`'s date.
pub fn needs_certificate_at(at: &Scenario, c: CadreIx) -> bool {
    !h3_excludes(at) && crate::rules::h3_health_certificate(at, at.cadre(c)).is_err()
}

/// Whether H3 excludes on `at`'s date: only on the plan date itself. A period after it (the
/// first one too, when the programme starts later) leaves time to renew the certificate, so an
/// old one is a condition of the move (DOMAIN.md: "needs a new certificate"), not an exclusion.
pub fn h3_excludes(at: &Scenario) -> bool {
    !at.certificate_renewable
}

/// The rules a placement after rotation of cadre `c` on post `p` breaks at `ctx`'s date, the
/// cadre having held rank `held` during the rotation: still in service (H2: retirement by Decree
/// 135), the level ([`crate::rules::placement_level`], H6), not-local posts (H8), term limits (H9)
/// and family (H10). Going back to the unit of origin is allowed (at a cost), so H5 does not apply.
/// H9 counts the head terms on `terms`'s date: a cadre rotated away stopped heading their unit
/// then, so the terms `scenario_at` adds later (one per 60 months as head) are not theirs. For a
/// planned rotation that is the rotation's period; for a running one, the placement's own.
pub fn placement_breaches(
    ctx: &RuleContext,
    terms: &RuleContext,
    c: CadreIx,
    p: PostIx,
    held: i32,
) -> Vec<Breach> {
    let sc = ctx.sc;
    let mut out = Vec::new();
    let facts = &ctx.facts[c as usize];
    if !in_service_for_placement(facts, sc.plan_date) {
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
        if let Err(b) = placement_rule(ctx, terms, r, c, p) {
            out.push(b);
        }
    }
    out
}

/// A placement's rule `r`: H9 and H8 at the date the terms and the years worked count to
/// ([`placement_breaches`]: a cadre rotated away stops counting both where they were), the others
/// on the placement's date. H8 counts the rotation's own years too, as if it was in the post's
/// province ([`rotation_years_before`]): the columns do not know the rotation's post, so a
/// placement that the rotation's years would make local is left out after any rotation (the
/// checker, knowing the rotation, is exact).
fn placement_rule(
    ctx: &RuleContext,
    terms: &RuleContext,
    r: RuleId,
    c: CadreIx,
    p: PostIx,
) -> RuleResult {
    match r {
        RuleId::H9 => terms.check_rule(r, c, p),
        RuleId::H8 => {
            let sc = terms.sc;
            let post = sc.post(p);
            let more = rotation_years_before(terms.sc.plan_date, ctx.sc.plan_date);
            crate::rules::h8_not_local_after(sc, sc.cadre(c), post, sc.unit(post.unit), more)
        }
        _ => ctx.check_rule(r, c, p),
    }
}

/// The years a rotation from `start` to the placement on `on` works in its unit's province (H8
/// counts them in the placement's province when the rotation was there).
pub fn rotation_years_before(start: Date, on: Date) -> f64 {
    whole_months_between(start, on).max(0) as f64 / 12.0
}

/// H2 of a placement: still in service on the date `on` (retiring on it or later), as the
/// checker and [`running`] read it. Whole months left (≥ 1) said otherwise for a period date
/// inside the retirement's month.
fn in_service_for_placement(facts: &crate::rules::CadreFacts, on: Date) -> bool {
    facts.retirement.is_none_or(|r| r >= on)
}

/// Whether a placement breaks none of [`placement_breaches`]'s rules (the same rule functions,
/// stopping at the first breach).
pub fn placement_ok(
    ctx: &RuleContext,
    terms: &RuleContext,
    c: CadreIx,
    p: PostIx,
    held: i32,
) -> bool {
    let (cadre, post) = (ctx.sc.cadre(c), ctx.sc.post(p));
    placement_ok_given(ctx, terms, c, p, held, || {
        crate::rules::planned_for(cadre, post)
    })
}

/// [`placement_ok`] with `planned` answering whether the post's title is planned for the cadre
/// (column generation asks `scoring::TextIds`, without comparing texts).
pub fn placement_ok_given(
    ctx: &RuleContext,
    terms: &RuleContext,
    c: CadreIx,
    p: PostIx,
    held: i32,
    planned: impl FnOnce() -> bool,
) -> bool {
    let sc = ctx.sc;
    in_service_for_placement(&ctx.facts[c as usize], ctx.sc.plan_date)
        && crate::rules::placement_level_given(sc.cadre(c), sc.post(p), held, planned).is_ok()
        && [RuleId::H8, RuleId::H9, RuleId::H10]
            .iter()
            .all(|&r| placement_rule(ctx, terms, r, c, p).is_ok())
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

/// The period of the placement due after cadre `c`'s rotation ending on `end`: the first period
/// on or after it, or `None` when the rotation ends after the last period or the cadre retires
/// (Decree 135) before that period's date. A rotation that ends in retirement is followed by no
/// placement: the planner, the checker, `explain` and the review read it so.
pub fn placement_due(sc: &Scenario, prog: &Programme, c: CadreIx, end: Date) -> Option<usize> {
    let s = placement_period(prog, end)?;
    (!retired_before(sc, c, prog.periods[s])).then_some(s)
}

/// Whether a move made in period `t` still holds its post on period `u`'s date: a rotation until
/// its placement's period, a placement for good; either until the cadre retires (a rotation that
/// ends in retirement frees its seat the day after, not at the programme's end). One reading for
/// the model, the pricing, the heuristics and the checker.
pub fn holds_post_on(
    periods: &[Date],
    retirement: Option<Date>,
    (t, placement): (usize, Option<usize>),
    u: usize,
) -> bool {
    t <= u && placement.is_none_or(|s| u < s) && retirement.is_none_or(|r| periods[u] <= r)
}

/// Whether cadre `c` retires (Decree 135) before the date `on`: still in service on the day
/// they retire, as [`in_service_for_placement`] reads it.
pub fn retired_before(sc: &Scenario, c: CadreIx, on: Date) -> bool {
    crate::rules::retired_before(sc, sc.cadre(c), on)
}

/// A rotation already running when the programme starts that ends inside it (cadres.csv
/// `rotation_end` on or after the first period and on or before the last): a placement follows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Running {
    pub cadre: CadreIx,
    pub end: Date,
    pub period: usize,
}

/// The running rotations that end inside the programme, in cadre order; a cadre who retires
/// before the placement's date is due none (not counted unplaced).
pub fn running(sc: &Scenario, prog: &Programme) -> Vec<Running> {
    (0..sc.cadres.len() as CadreIx)
        .filter_map(|c| {
            let end = sc.running_rotation_end(c)?;
            let period = placement_due(sc, prog, c, end)?;
            Some(Running {
                cadre: c,
                end,
                period,
            })
        })
        .collect()
}

pub use crate::domain::Occupancy;

/// Post `p`'s occupancy: with a holder, until the first of `vacant_from`, the day after the
/// holder's retirement (Decree 135) and the end of the holder's running rotation (one that ended
/// before the programme does not count: the holder is still there); without one,
/// every seat until `vacant_from` (or free from the start).
pub fn occupancy(sc: &Scenario, prog: &Programme, ctx0: &RuleContext, p: PostIx) -> Occupancy {
    sc.occupancy_by(&prog.holders, |h| ctx0.facts[h as usize].retirement, p)
}

/// A programme's first period as a single plan (what `explain` answers without `--period`): the
/// scenario on the programme's start, its seats those free then, its departures capped per period.
pub fn first_period_plan(sc: &Scenario) -> Scenario {
    let Some(prog) = &sc.programme else {
        return sc.clone();
    };
    let mut s = scenario_at(sc, prog.start);
    s.max_departures_per_unit = prog.max_departures_per_period;
    s.only_free_seats(&prog.holders);
    s
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
    placement_score_given(sc, p, to_origin, scoring::fit(sc.cadre(c), sc.post(p)))
}

/// [`placement_score`] with the fit points already known (`scoring::fit_given`).
pub fn placement_score_given(sc: &Scenario, p: PostIx, to_origin: bool, fit: f64) -> f64 {
    let post = sc.post(p);
    let w = &sc.weights;
    let prog_pen = sc.programme.as_ref().map_or(0.0, |x| x.origin_penalty);
    w.staffing * scoring::staffing(post, sc.post_unit(p)) + w.fit * fit
        - if to_origin { prog_pen } else { 0.0 }
}

/// The period whose head terms (H9) a placement in period `s` is held to: the latest of the
/// rotations (placement period, rotation period) it can follow — the most terms, so a placement
/// it allows is allowed after any of them; `s` itself without one.
pub(crate) fn terms_period(
    s: usize,
    rotations: impl Iterator<Item = (Option<usize>, usize)>,
) -> usize {
    rotations
        .filter(|&(placement, _)| placement == Some(s))
        .map(|(_, t)| t)
        .max()
        .unwrap_or(s)
}

/// The ranks a placement may take after holding rank `held`: the same, or one up.
pub fn placement_ranks(held: i32) -> std::ops::RangeInclusive<i32> {
    held..=held + 1
}

/// Above this many rank-compatible (cadre, post, period) triples (by default:
/// `limits.programme_whole_model` changes it), a programme's model keeps only
/// the best [`KEEP_PER_PERIOD`] rotation columns of each cadre in each period, and the best as many
/// placement columns of each cadre in each period (pinned pairs always kept): the national
/// programme's full model (tens of millions of columns) does not fit in memory. The columns left
/// out are kept compactly ([`OutCol`]) and priced by `solve::programme` with the duals of the
/// kept model's LP, so the bound reported holds for the programme over every column. Smaller
/// programmes, the shipped province's among them, keep every column in the model.
pub const FILTER_ABOVE: u64 = crate::domain::DEFAULT_PROGRAMME_WHOLE_MODEL;
/// Columns kept per cadre and period above [`FILTER_ABOVE`].
pub const KEEP_PER_PERIOD: usize = 5;

/// Columns kept per cadre and period, `None`: all of them.
pub fn keep_per_period(sc: &Scenario, periods: usize) -> Option<usize> {
    let pairs =
        crate::domain::rank_compatible_pairs(&sc.posts, &sc.cadres, sc.rules.outstanding_rank_up);
    let above = sc
        .programme
        .as_ref()
        .map_or(FILTER_ABOVE, |p| p.whole_model_above);
    tracing::debug!(
        triples = pairs.saturating_mul(periods as u64),
        whole_model_above = above,
        "programme: rank-compatible (cadre, post, period) triples"
    );
    (pairs.saturating_mul(periods as u64) > above).then_some(KEEP_PER_PERIOD)
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
        OutCol::rotation(r.cadre, r.post, r.score, r.period, r.placement)
    }

    /// The rotation column of cadre `cadre` to `post` in `period` (see [`RotationCol`]).
    pub fn rotation(
        cadre: CadreIx,
        post: PostIx,
        score: f64,
        period: usize,
        placement: Option<usize>,
    ) -> OutCol {
        OutCol {
            cadre,
            post,
            score,
            kind: MoveKind::Rotation,
            period: period as u8,
            placement: placement.map_or(NO_PERIOD, |s| s as u8),
            running: false,
            after: 0,
        }
    }

    pub fn of_placement(sc: &Scenario, x: &PlacementCol) -> OutCol {
        OutCol::placement(
            sc,
            (x.cadre, x.post),
            x.score,
            x.period,
            x.running,
            &x.after_ranks,
        )
    }

    /// The placement column of `(cadre, post)` in `period` (see [`PlacementCol`]).
    pub fn placement(
        sc: &Scenario,
        (cadre, post): (CadreIx, PostIx),
        score: f64,
        period: usize,
        running: bool,
        after_ranks: &[i32],
    ) -> OutCol {
        let base = sc.cadre(cadre).current_rank;
        let after = after_ranks
            .iter()
            .map(|&b| b - base)
            .filter(|d| (0..16).contains(d))
            .fold(0u16, |m, d| m | (1 << d));
        OutCol {
            cadre,
            post,
            score,
            kind: MoveKind::Placement,
            period: period as u8,
            placement: NO_PERIOD,
            running,
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

/// A rotation column while its cadre's columns are chosen: what the choice and [`OutCol`] need.
/// The terms (40 bytes) are recomputed from `facts` only for the columns kept in the model.
#[derive(Clone, Copy)]
struct RotCand {
    post: PostIx,
    period: usize,
    end: Date,
    placement: Option<usize>,
    score: f64,
    facts: scoring::PairFacts,
}

/// A placement column while its cadre's columns are chosen; its `after_ranks` are
/// `pool[after.0..after.1]` of the cadre's pool (one allocation per cadre, not per column).
#[derive(Clone, Copy)]
struct PlcCand {
    post: PostIx,
    period: usize,
    to_origin: bool,
    score: f64,
    after: (usize, usize),
}

/// Which of one cadre's columns (in period order, `key(i)` = (period, post, score)) are kept: in
/// each period the best `k` by score (ties: the lower post) and every column of a pinned post,
/// the same as sorting them by (period, score descending, post) and taking the first `k` of each
/// period, without sorting them all.
fn keep_best(
    n: usize,
    k: usize,
    key: impl Fn(usize) -> (usize, PostIx, f64),
    pinned: impl Fn(PostIx) -> bool,
) -> Vec<bool> {
    let mut kept = vec![false; n];
    // `a` before `b` in the order of the choice (score descending, then post).
    let before = |a: (PostIx, f64), b: (PostIx, f64)| {
        b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)) == std::cmp::Ordering::Less
    };
    let mut best: Vec<(PostIx, f64, usize)> = Vec::with_capacity(k + 1);
    let mut i = 0;
    while i < n {
        let t = key(i).0;
        best.clear();
        while i < n && key(i).0 == t {
            let (_, p, s) = key(i);
            if pinned(p) {
                kept[i] = true;
            }
            if best.len() < k || best.last().is_some_and(|w| before((p, s), (w.0, w.1))) {
                let at = best.partition_point(|w| before((w.0, w.1), (p, s)));
                best.insert(at, (p, s, i));
                best.truncate(k);
            }
            i += 1;
        }
        for w in &best {
            kept[w.2] = true;
        }
    }
    kept
}

/// [`generate`] keeping the best `keep` columns of each cadre and period in the model (`None`:
/// every column), the others in [`Columns::left_out`]. The cadres are generated in parallel and
/// their columns appended in cadre order: the same columns whatever the thread count.
///
/// The national programme has ~90 million columns, so the work per column is kept small: the rules
/// on the cadre alone once per cadre and period ([`cadre_movable`], then [`rotation_ok_movable`] per
/// post), sectors and titles compared as numbers ([`scoring::TextIds`]), no allocation per column,
/// the terms and `after_ranks` built only for the columns kept, and the best of each period chosen
/// without sorting. `reference.rs` keeps the straightforward version; a test compares the two.
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
    let texts = scoring::TextIds::new(sc);
    // Cadres some forbid or pin names: only they pay for `forbidden_at` and the pins' scan.
    let mut forbids_of = vec![false; sc.cadres.len()];
    for f in &sc.forbids {
        if let Some(x) = forbids_of.get_mut(f.cadre as usize) {
            *x = true;
        }
    }
    let last = tl.periods.last().copied().unwrap_or(Date::MAX);
    // A planned rotation's end and placement period depend on its period alone.
    let planned_end: Vec<(Date, Option<usize>)> = tl
        .periods
        .iter()
        .map(|&d| {
            let end = rotation_end(sc, d);
            let placement = if end <= last {
                placement_period(prog, end)
            } else {
                None
            };
            (end, placement)
        })
        .collect();
    // Whether some seat of post p is free on period s if nobody moved, or its holder can move:
    // per post and period once, at `s * posts + p`.
    let n_posts = sc.posts.len();
    // In a period over on the re-plan's date a holder moves only by an executed move (in it or
    // before): the planner cannot make the move that frees the seat there.
    let mut first_moved: std::collections::BTreeMap<CadreIx, usize> =
        std::collections::BTreeMap::new();
    for x in &prog.replan.history {
        let t = first_moved.entry(x.cadre).or_insert(x.period);
        *t = (*t).min(x.period);
    }
    let moved_by = |h: CadreIx, s: usize| first_moved.get(&h).is_some_and(|&t| t <= s);
    let free: Vec<bool> = (0..tl.periods.len())
        .flat_map(|s| {
            occupancy.iter().zip(sc.posts.iter()).map(move |(o, post)| {
                o.taken_on(tl.periods[s]) < post.seats
                    || o.holder.is_some_and(|h| !prog.is_over(s) || moved_by(h, s))
            })
        })
        .collect();
    let could_be_free = |p: PostIx, s: usize| free[s * n_posts + p as usize];
    // Per post, the rules of `rotation_ok_movable` that can break there (bit i:
    // ROTATION_PER_POST[i]); the others pass every cadre.
    let rules_of: Vec<u8> = sc
        .posts
        .iter()
        .map(|post| {
            ROTATION_PER_POST
                .iter()
                .enumerate()
                .filter(|&(_, &r)| crate::rules::may_break(sc, r, post))
                .fold(0u8, |m, (i, _)| m | (1 << i))
        })
        .collect();
    let rotation_ok_at = |ctx: &RuleContext, c: CadreIx, p: PostIx| {
        let mask = rules_of[p as usize];
        ROTATION_PER_POST
            .iter()
            .enumerate()
            .filter(|&(i, _)| mask & (1 << i) != 0)
            .all(|(_, &r)| ctx.check_rule(r, c, p).is_ok())
    };
    // The placement columns of cadre c in period s after the ranks `held` (ascending, no
    // repeats) into `cols`, their `after_ranks` into `pool`; with `first`, the first breach met
    // (until one is). Returns the posts looked at and the eligible ones (before could_be_free).
    let placement_cols = |c: CadreIx,
                          s: usize,
                          terms_at: usize,
                          held: &[i32],
                          origin: Option<UnitIx>,
                          cols: &mut Vec<PlcCand>,
                          pool: &mut Vec<i32>,
                          mut first: Option<&mut Option<Breach>>|
     -> (usize, usize) {
        let lo = *held.iter().min().unwrap_or(&0);
        let hi = *held.iter().max().unwrap_or(&0);
        let cadre = sc.cadre(c);
        let forbids = forbids_of[c as usize];
        let (mut looked, mut eligible) = (0, 0);
        for &p in by_rank.posts(lo..=hi + 1) {
            looked += 1;
            let post = sc.post(p);
            let planned = texts.planned_title(c, p);
            let start = pool.len();
            for &h in held {
                if !placement_ranks(h).contains(&post.rank) {
                    continue;
                }
                let ok = match first.as_deref_mut() {
                    // The breaches themselves only until the first one is known.
                    Some(f @ None) => {
                        let b = placement_breaches(&ctxs[s], &ctxs[terms_at], c, p, h);
                        *f = b.first().cloned();
                        b.is_empty()
                    }
                    _ => placement_ok_given(&ctxs[s], &ctxs[terms_at], c, p, h, || planned),
                };
                if ok {
                    pool.push(h);
                }
            }
            if pool.len() == start || (forbids && targets::forbidden_at(sc, c, p, s)) {
                pool.truncate(start);
                continue;
            }
            eligible += 1;
            if !could_be_free(p, s) {
                pool.truncate(start);
                continue;
            }
            let to_origin = origin.is_some_and(|u| post.unit == u);
            let fit = scoring::fit_given(cadre, planned, texts.same_sector(c, p));
            cols.push(PlcCand {
                post: p,
                period: s,
                to_origin,
                score: placement_score_given(sc, p, to_origin, fit),
                after: (start, pool.len()),
            });
        }
        (looked, eligible)
    };
    let placement_col = |c: CadreIx, x: &PlcCand, pool: &[i32], running: bool| PlacementCol {
        cadre: c,
        post: x.post,
        period: x.period,
        running,
        after_ranks: pool[x.after.0..x.after.1].to_vec(),
        to_origin: x.to_origin,
        score: x.score,
    };
    let out_placement = |c: CadreIx, x: &PlcCand, pool: &[i32], running: bool| {
        OutCol::placement(
            sc,
            (c, x.post),
            x.score,
            x.period,
            running,
            &pool[x.after.0..x.after.1],
        )
    };

    let one_cadre = |c: CadreIx| -> CadreColumns {
        let cadre = sc.cadre(c);
        let mut out = CadreColumns::default();
        let mut pins: Vec<PostIx> = sc
            .pins
            .iter()
            .filter(|x| x.cadre == c)
            .map(|x| x.post)
            .collect();
        pins.sort_unstable();
        let pinned = |p: PostIx| pins.binary_search(&p).is_ok();
        let mut pool: Vec<i32> = Vec::new();
        let mut plcs: Vec<PlcCand> = Vec::new();
        if let Some(period) = running_of[c as usize] {
            let mut first = None;
            // A running rotation: its cadre heads where they are until the placement.
            let (looked, eligible) = placement_cols(
                c,
                period,
                period,
                &[cadre.current_rank],
                None,
                &mut plcs,
                &mut pool,
                Some(&mut first),
            );
            if plcs.is_empty() {
                out.unplaced = Some(if eligible > 0 {
                    Unplaced::AllTaken { posts: eligible }
                } else {
                    Unplaced::NoEligiblePost {
                        posts: looked,
                        first,
                    }
                });
            }
            let kept = match keep {
                Some(k) => keep_best(
                    plcs.len(),
                    k,
                    |i| (plcs[i].period, plcs[i].post, plcs[i].score),
                    pinned,
                ),
                None => vec![true; plcs.len()],
            };
            for (x, yes) in plcs.iter().zip(kept) {
                if yes {
                    out.placements.push(placement_col(c, x, &pool, true));
                } else {
                    out.left_out.push(out_placement(c, x, &pool, true));
                }
            }
            // Placed, not rotated again inside the programme.
            return out;
        }
        let up = if cadre.outstanding {
            sc.rules.outstanding_rank_up.max(0)
        } else {
            0
        };
        let executed: Vec<((PostIx, usize), Date)> = executed_ends
            .range((c, 0, 0)..=(c, PostIx::MAX, usize::MAX))
            .map(|(&(_, p, t), &end)| ((p, t), end))
            .collect();
        let forbids = forbids_of[c as usize];
        let mut mine: Vec<RotCand> = Vec::new();
        let posts = by_rank.posts(cadre.current_rank..=cadre.current_rank.saturating_add(up));
        // A pair's facts and score read the cadre's unit, sector, titles and rating, the post,
        // its unit and the baseline, which `scenario_at` leaves alone (it clears the baseline in
        // every period): computed for the first period that needs them, then reused.
        let mut scored: Vec<Option<(scoring::PairFacts, f64)>> = Vec::new();
        for (t, ctx) in ctxs.iter().enumerate() {
            // A period over on the re-plan's date holds only the executed moves.
            let over = prog.is_over(t);
            if over && !executed.iter().any(|x| x.0.1 == t) {
                continue;
            }
            if let Err(b) = cadre_movable(ctx, c)
                && !(b.rule == RuleId::H3 && executed.iter().any(|x| x.0.1 == t))
            {
                continue;
            }
            if scored.is_empty() {
                scored = vec![None; posts.len()];
            }
            for (i, &p) in posts.iter().enumerate() {
                // The cheap tests first; the rules as booleans; the score only after.
                if (over && !executed.iter().any(|x| x.0 == (p, t)))
                    || !could_be_free(p, t)
                    || (forbids && targets::forbidden_at(sc, c, p, t))
                    || !rotation_ok_at(ctx, c, p)
                {
                    continue;
                }
                let (end, placement) = match executed.iter().find(|x| x.0 == (p, t)) {
                    Some(&(_, end)) => {
                        let placement = if end <= last {
                            placement_period(prog, end)
                        } else {
                            None
                        };
                        (end, placement)
                    }
                    None => planned_end[t],
                };
                // A rotation that ends in retirement is followed by no placement.
                let placement = placement.filter(|&s| !retired_before(sc, c, tl.periods[s]));
                let (facts, score) = *scored[i].get_or_insert_with(|| {
                    let facts = texts.facts(&tl.at[t], c, p);
                    let score = facts.terms(&tl.at[t], c, p).weighted(&sc.weights);
                    (facts, score)
                });
                mine.push(RotCand {
                    post: p,
                    period: t,
                    end,
                    placement,
                    score,
                    facts,
                });
            }
        }
        // Placements for each period a rotation of this cadre can end in, after the ranks held.
        let mut ends: Vec<usize> = mine.iter().filter_map(|r| r.placement).collect();
        ends.sort_unstable();
        ends.dedup();
        let mut held: Vec<i32> = Vec::new();
        for s in ends {
            held.clear();
            held.extend(
                mine.iter()
                    .filter(|r| r.placement == Some(s))
                    .map(|r| sc.post(r.post).rank),
            );
            held.sort_unstable();
            held.dedup();
            let from = pool.len();
            let terms_at = terms_period(s, mine.iter().map(|r| (r.placement, r.period)));
            placement_cols(
                c,
                s,
                terms_at,
                &held,
                cadre.current_unit,
                &mut plcs,
                &mut pool,
                None,
            );
            // A rotation whose held rank no placement follows cannot be planned.
            let followed = |h: i32| pool[from..].contains(&h);
            let before = mine.len();
            mine.retain(|r| r.placement != Some(s) || followed(sc.post(r.post).rank));
            out.without_placement += before - mine.len();
        }
        let rotation_col = |r: &RotCand| {
            let terms = r.facts.terms(&tl.at[r.period], c, r.post);
            RotationCol {
                cadre: c,
                post: r.post,
                period: r.period,
                end: r.end,
                placement: r.placement,
                score: r.score,
                terms,
            }
        };
        // `PlacementCol::running`: no unit of origin to go back to.
        let no_origin = cadre.current_unit.is_none();
        let out_rotation =
            |r: &RotCand| OutCol::rotation(c, r.post, r.score, r.period, r.placement);
        let Some(k) = keep else {
            out.rotations = mine.iter().map(rotation_col).collect();
            out.placements = plcs
                .iter()
                .map(|x| placement_col(c, x, &pool, no_origin))
                .collect();
            return out;
        };
        // Above FILTER_ABOVE: the best of each period kept, the rest priced by the solve. A kept
        // rotation that no kept placement follows is left out too (its rows would forbid it).
        let rot_kept = keep_best(
            mine.len(),
            k,
            |i| (mine[i].period, mine[i].post, mine[i].score),
            pinned,
        );
        let plc_kept = keep_best(
            plcs.len(),
            k,
            |i| (plcs[i].period, plcs[i].post, plcs[i].score),
            pinned,
        );
        let kept_plcs: Vec<&PlcCand> = plcs
            .iter()
            .zip(&plc_kept)
            .filter_map(|(x, &yes)| yes.then_some(x))
            .collect();
        let mut left: Vec<OutCol> = Vec::with_capacity(mine.len() + plcs.len());
        left.extend(
            mine.iter()
                .zip(&rot_kept)
                .filter(|x| !x.1)
                .map(|x| out_rotation(x.0)),
        );
        for (r, _) in mine.iter().zip(&rot_kept).filter(|x| *x.1) {
            let rank = sc.post(r.post).rank;
            let followed = r.placement.is_none_or(|s| {
                kept_plcs
                    .iter()
                    .any(|x| x.period == s && pool[x.after.0..x.after.1].contains(&rank))
            });
            if followed {
                out.rotations.push(rotation_col(r));
            } else {
                left.push(out_rotation(r));
            }
        }
        left.extend(
            plcs.iter()
                .zip(&plc_kept)
                .filter(|x| !x.1)
                .map(|x| out_placement(c, x.0, &pool, no_origin)),
        );
        out.left_out = left;
        out.placements = kept_plcs
            .iter()
            .map(|x| placement_col(c, x, &pool, no_origin))
            .collect();
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

/// The rules on the cadre alone on `ctx`'s date: all of them (H1–H4) on the plan date; later
/// (the first period too when the programme starts after the plan date), H3 is a renewal to report, not an exclusion (H2 is checked per post). An executed
/// rotation (history.csv) is not held to H3: its certificate on its date is not in the tables
/// (a `health_cert_date` after the plan date is E2009), so the planner, the checker and the
/// history's notes skip H3 for it.
pub fn cadre_movable(ctx: &RuleContext, c: CadreIx) -> RuleResult {
    if h3_excludes(ctx.sc) {
        return ctx.check_cadre(c);
    }
    let cadre = ctx.sc.cadre(c);
    crate::rules::h1_planned(cadre)?;
    crate::rules::h4_rotation_finished(ctx.sc, cadre)
}

/// Seats taken of every post (outer) on every period's date (inner) once `moves` are made: the
/// occupants before anything moves (a holder until they leave or move), and the moves as
/// [`holds_post_on`] reads them: a rotation until its placement, either until the cadre retires.
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
        let placed = match m.kind {
            MoveKind::Rotation => placed_at.get(&m.cadre).copied(),
            MoveKind::Placement => None,
        };
        // The model's reading (a rotated cadre's seat was counted taken after their retirement).
        for (t, slot) in out[m.post as usize].iter_mut().enumerate().skip(m.period) {
            if holds_post_on(&tl.periods, retire, (m.period, placed), t) {
                *slot += 1;
            }
        }
    }
    out
}

pub mod plan;
#[cfg(test)]
mod reference;
pub mod replan;
pub mod review;
pub mod targets;
