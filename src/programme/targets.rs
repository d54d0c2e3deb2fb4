//! What a programme is asked for beyond its rules (docs/programme.md, "Targets, pins and
//! must-fill"): the programme targets of `programme.targets:`, pins and forbids with a `period:`,
//! and must-fill posts with `programme.must_fill_within:`. This file owns their definitions, once:
//! the MIP (`solve::programme`) takes its coefficients from here, and [`results`] measures a list of
//! moves against them for the objective (`plan::evaluate`), the checker (`check::programme`) and
//! the report. Soft or hard as a single plan's: `requirements.targets.hard` (S6),
//! `requirements.must_fill.hard` (S5); pins are always hard (S2).
//!
//! - **Key-head experience**: a cadre with a planned title of `rules.not_local_titles` (the key
//!   head titles: party secretary, People's Committee chair, …; compared by `text::title_matches`)
//!   has at least `key_head_months` months at a lower level or in a difficult area by the
//!   programme's end. A move counts when its post's unit is a difficult area or at a lower level
//!   (a larger `Tier::depth`) than the cadre's current unit, for the months from its date to the
//!   next move (or the programme's end, or retirement); an executed move of the history from its
//!   own `start` (and to its `end` when written), not from its period's date. A running rotation in a difficult or
//!   grassroots unit counts from its start (cadres.csv `rotation_start`) to its end, or, without
//!   a start, `min_rotation_months` up to its end.
//! - **Shares**: women, young and minority shares among the cadres the programme rotates (flags on
//!   the rotation's date), shortfall per cadre costing `weights.*_shortfall` as in a single plan.
//! - **Period share**: at most `max_period_share` of all the moves (rotations and placements) in
//!   any one period; each move above costs `period_excess`.

use super::{Move, MoveKind, Occupancy, Timeline};
use crate::domain::{CadreIx, Date, PostIx, Programme, ProgrammeTargets, Scenario};
use crate::rules::RuleContext;
use crate::rules::retirement::whole_months_between;
use crate::rules::{TARGET_NAMES, target_flag};
use chrono::Datelike;
use serde::Serialize;
use std::collections::BTreeMap;

/// Whether cadre `c` is planned for a key head title (a title of `rules.not_local_titles`).
pub fn key_head(sc: &Scenario, c: CadreIx) -> bool {
    let keys = sc.rules.not_local_classes();
    sc.cadre(c)
        .planned_titles
        .iter()
        .any(|t| crate::domain::text::title_matches(t, &keys))
}

/// Whether a move of cadre `c` onto post `p` counts as lower-level or difficult-area experience.
pub fn counts(sc: &Scenario, c: CadreIx, p: PostIx) -> bool {
    let to = sc.post_unit(p);
    let from = sc.cadre(c).current_unit.map(|u| sc.unit(u));
    to.difficult || from.is_some_and(|f| to.tier.depth() > f.tier.depth())
}

/// The day after the programme's last day: months are counted up to it.
fn after_end(prog: &Programme) -> Date {
    prog.end.succ_opt().unwrap_or(prog.end)
}

/// Months a running rotation counts for when the cadre's current unit is difficult or
/// grassroots: from its start (cadres.csv `rotation_start`) to its end, or, without a start,
/// `min_rotation_months` up to its end; the months after the programme's end do not count.
pub fn credit_months(sc: &Scenario, prog: &Programme, c: CadreIx) -> i64 {
    let cadre = sc.cadre(c);
    // The months served run to the end cadres.csv writes, not to the period the model snapped
    // it to for an executed placement.
    let written = prog.replan.written_end(c, cadre.rotation_end);
    let (Some(end), Some(u)) = (written, cadre.current_unit) else {
        return 0;
    };
    let unit = sc.unit(u);
    if !(unit.difficult || unit.tier.is_grassroots()) || end < prog.start {
        return 0;
    }
    if let Some(start) = cadre.rotation_start {
        return whole_months_between(start, end.min(after_end(prog))).max(0);
    }
    // The rotation lasts min_rotation_months up to `end`; the months after the programme's end
    // do not count.
    let after = whole_months_between(after_end(prog), end).max(0);
    (i64::from(sc.rules.min_rotation_months) - after).max(0)
}

/// Months of key-head experience cadre `c` still needs by the programme's end (0: none needed).
pub fn need(sc: &Scenario, prog: &Programme, c: CadreIx) -> i64 {
    let Some(t) = prog.requirements.targets else {
        return 0;
    };
    if t.key_head_months == 0 || !key_head(sc, c) {
        return 0;
    }
    (i64::from(t.key_head_months) - credit_months(sc, prog, c)).max(0)
}

/// Months from period `t`'s date to `until` (capped at the programme's end).
pub fn months_from(prog: &Programme, t: usize, until: Date) -> i64 {
    whole_months_between(prog.periods[t], until.min(after_end(prog))).max(0)
}

/// The executed move (a row of history.csv) that move `m` of `sc`'s programme is, if any.
pub fn executed_move<'a>(sc: &'a Scenario, m: &Move) -> Option<&'a crate::domain::HistoryMove> {
    sc.programme
        .as_ref()
        .and_then(|prog| executed(prog, m.cadre, m.post, m.kind, m.period))
}

/// The executed move (a row of history.csv) that the move of cadre `c` onto post `p` of kind
/// `kind` in period `t` is, if any.
pub fn executed(
    prog: &Programme,
    c: CadreIx,
    p: PostIx,
    kind: MoveKind,
    t: usize,
) -> Option<&crate::domain::HistoryMove> {
    prog.replan
        .history
        .iter()
        .find(|h| h.cadre == c && h.post == p && h.kind == kind && h.period == t)
}

/// Months a move in period `t` spends on its post up to `until` (capped at the programme's end):
/// an executed move from its own date (history.csv `start`, inside the period) and at most to its
/// `end` when one is written; a planned one from the period's date.
fn months_of(
    prog: &Programme,
    h: Option<&crate::domain::HistoryMove>,
    t: usize,
    until: Date,
) -> i64 {
    let from = h.map_or(prog.periods[t], |h| h.start.max(prog.periods[t]));
    let until = h.and_then(|h| h.end).map_or(until, |e| e.min(until));
    whole_months_between(from, until.min(after_end(prog))).max(0)
}

/// Months a rotation of cadre `c` onto post `p` in period `t` spends there inside the programme:
/// up to its placement period (`Some(s)`) or beyond the end; an executed one from its own dates.
pub fn rotation_months(
    prog: &Programme,
    (c, p): (CadreIx, PostIx),
    t: usize,
    placement: Option<usize>,
) -> i64 {
    let until = placement.map_or(after_end(prog), |s| prog.periods[s]);
    months_of(prog, executed(prog, c, p, MoveKind::Rotation, t), t, until)
}

/// Months a placement of cadre `c` on post `p` in period `s` spends there inside the programme
/// (until retirement); an executed one from its own dates.
pub fn placement_months(
    prog: &Programme,
    (c, p): (CadreIx, PostIx),
    s: usize,
    retirement: Option<Date>,
) -> i64 {
    let until = retirement
        .and_then(|r| r.succ_opt())
        .unwrap_or(after_end(prog));
    months_of(prog, executed(prog, c, p, MoveKind::Placement, s), s, until)
}

/// Whether a move in period `t` is in the year `year` names (`None`: any period).
pub fn in_year(prog: &Programme, t: usize, year: Option<i32>) -> bool {
    year.is_none_or(|y| prog.periods.get(t).is_some_and(|d| d.year() == y))
}

/// Whether the scenario forbids cadre `c` on post `p` in period `t` (a forbid without `period:`
/// forbids every period).
pub fn forbidden_at(sc: &Scenario, c: CadreIx, p: PostIx, t: usize) -> bool {
    sc.forbids.iter().enumerate().any(|(k, f)| {
        f.cadre == c
            && f.post == p
            && sc
                .programme
                .as_ref()
                .is_none_or(|prog| in_year(prog, t, prog.requirements.forbid_year(k)))
    })
}

/// The pins with no column (no rotation or placement onto the post in the year of its `period:`,
/// or any) whose rotation breaks a rule in every period it may be made in: pin index, the first such period and the first rule broken then (the cadre's own rules
/// first). Why a programme's pins "cannot all hold", named as a single plan names them.
pub fn pin_breaches(
    sc: &Scenario,
    tl: &super::Timeline,
    cols: &super::Columns,
) -> Vec<(usize, usize, crate::rules::Breach)> {
    let Some(prog) = sc.programme.as_ref() else {
        return Vec::new();
    };
    let ctxs = tl.contexts();
    let mut out = Vec::new();
    for (k, pin) in sc.pins.iter().enumerate() {
        let year = prog.requirements.pin_year(k);
        // A pin is kept by a rotation or a placement onto the post in its periods: one column
        // is enough.
        let has_column = cols
            .rotations
            .iter()
            .map(|r| (r.cadre, r.post, r.period))
            .chain(cols.placements.iter().map(|x| (x.cadre, x.post, x.period)))
            .any(|(c, p, t)| c == pin.cadre && p == pin.post && in_year(prog, t, year));
        if has_column {
            continue;
        }
        let breaches: Vec<(usize, Option<crate::rules::Breach>)> = (0..tl.periods.len())
            .filter(|&t| in_year(prog, t, year))
            .map(|t| {
                let b = super::cadre_movable(&ctxs[t], pin.cadre).err().or_else(|| {
                    super::rotation_breaches(&ctxs[t], pin.cadre, pin.post)
                        .into_iter()
                        .next()
                });
                (t, b)
            })
            .collect();
        if breaches.iter().all(|(_, b)| b.is_some())
            && let Some((t, Some(b))) = breaches.into_iter().next()
        {
            out.push((k, t, b));
        }
    }
    out
}

/// The period a must-fill post must be full on: the period it falls vacant in (if nobody moves)
/// plus `must_fill_within`, at most the last; `None` for a post that is not must-fill (criticality
/// below 5), that never falls vacant inside the programme, or without `must_fill_within`.
pub fn must_fill_deadline(
    sc: &Scenario,
    prog: &Programme,
    occ: &Occupancy,
    p: PostIx,
) -> Option<usize> {
    let within = prog.requirements.must_fill_within? as usize;
    let post = sc.post(p);
    if post.criticality < 5 {
        return None;
    }
    let v = prog
        .periods
        .iter()
        .position(|&d| occ.taken_on(d) < post.seats)?;
    Some((v + within).min(prog.periods.len() - 1))
}

/// The period a must-fill post must be full on again when the programme itself opens it, by
/// rotating its holder in period `t`: `t + must_fill_within` (at most the last). `None` for a post
/// that is not must-fill, without a holder, without `must_fill_within`, that falls vacant by
/// itself by period `t` (its own deadline, [`must_fill_deadline`], applies), or whose own deadline
/// is that same period (the same requirement, asked once).
pub fn opened_deadline(
    sc: &Scenario,
    prog: &Programme,
    occ: &Occupancy,
    p: PostIx,
    t: usize,
) -> Option<usize> {
    let within = prog.requirements.must_fill_within? as usize;
    let post = sc.post(p);
    occ.holder?;
    if post.criticality < 5 {
        return None;
    }
    let natural = prog
        .periods
        .iter()
        .position(|&d| occ.taken_on(d) < post.seats);
    if natural.is_some_and(|v| v <= t) {
        return None;
    }
    let d = (t + within).min(prog.periods.len() - 1);
    (must_fill_deadline(sc, prog, occ, p) != Some(d)).then_some(d)
}

/// Which programme target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TargetKind {
    /// A structure share (`group`: women, young, minority).
    Share { group: &'static str },
    /// Key-head experience of one cadre (`cadre`: index).
    KeyHead {
        #[serde(skip)]
        cadre: CadreIx,
    },
    /// The moves of one period (written from 1, as every output's periods).
    PeriodShare {
        #[serde(serialize_with = "super::plan::one_based")]
        period: usize,
        date: Date,
    },
    /// A must-fill post on its deadline.
    MustFill {
        #[serde(skip)]
        post: PostIx,
        #[serde(serialize_with = "super::plan::one_based")]
        period: usize,
        date: Date,
    },
    /// A pin (index of `pins:`) and the year it names.
    Pin { pin: usize, year: Option<i32> },
}

/// One target or requirement measured on a programme: what was asked, what the moves give.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetResult {
    #[serde(flatten)]
    pub kind: TargetKind,
    /// The cadre or post it is about (ids), if one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cadre: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
    /// A hard requirement (a miss is a checker problem) or soft (a miss costs `penalty`).
    pub hard: bool,
    /// What was asked: a share (0–1), months, a number of moves, seats, or 1 for a pin.
    pub required: f64,
    /// What the moves give, in the same unit.
    pub achieved: f64,
    /// Counted among (share targets: the cadres rotated; period share: all the moves).
    pub among: usize,
    pub met: bool,
    /// The cost of the miss in the objective (soft), 0 when met or hard.
    pub penalty: f64,
}

/// Every programme target and requirement that applies, measured on `moves`, in a stable order:
/// shares, key-head cadres, periods, must-fill posts, pins. Empty when the programme asks none.
pub fn results(sc: &Scenario, tl: &Timeline, moves: &[Move]) -> Vec<TargetResult> {
    let Some(prog) = sc.programme.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let rots: Vec<&Move> = moves
        .iter()
        .filter(|m| m.kind == MoveKind::Rotation)
        .collect();
    if let Some(tg) = prog.requirements.targets {
        shares(sc, tl, &tg, &rots, &mut out);
        key_heads(sc, prog, &tg, moves, &mut out);
        period_shares(sc, prog, &tg, moves, &mut out);
    }
    must_fill(sc, tl, prog, moves, &mut out);
    for (k, pin) in sc.pins.iter().enumerate() {
        let year = prog.requirements.pin_year(k);
        let ok = moves
            .iter()
            .any(|m| m.cadre == pin.cadre && m.post == pin.post && in_year(prog, m.period, year));
        out.push(TargetResult {
            kind: TargetKind::Pin { pin: k, year },
            cadre: Some(sc.cadre(pin.cadre).id.clone()),
            post: Some(sc.post(pin.post).id.clone()),
            hard: true,
            required: 1.0,
            achieved: f64::from(u8::from(ok)),
            among: 1,
            met: ok,
            penalty: 0.0,
        });
    }
    out
}

/// The share targets' weights, in `TARGET_NAMES` order.
pub fn share_weights(sc: &Scenario) -> [f64; 3] {
    let w = &sc.weights;
    [w.women_shortfall, w.young_shortfall, w.minority_shortfall]
}

/// The shares asked, in `TARGET_NAMES` order.
pub fn share_targets(tg: &ProgrammeTargets) -> [f64; 3] {
    [tg.shares.women, tg.shares.young, tg.shares.minority]
}

fn shares(
    sc: &Scenario,
    tl: &Timeline,
    tg: &ProgrammeTargets,
    rots: &[&Move],
    out: &mut Vec<TargetResult>,
) {
    let ctxs: Vec<RuleContext> = tl.contexts();
    let w = share_weights(sc);
    for (k, share) in share_targets(tg).into_iter().enumerate() {
        let hard = sc.target_hard(k);
        if share <= 0.0 || (!hard && w[k] <= 0.0) {
            continue;
        }
        let count = rots
            .iter()
            .filter(|m| target_flag(&ctxs[m.period], m.cadre, k))
            .count();
        // Σ (flag − share) over the cadres rotated, as the model's row has it.
        let short = (share * rots.len() as f64 - count as f64).max(0.0);
        let met = short <= 1e-9;
        out.push(TargetResult {
            kind: TargetKind::Share {
                group: TARGET_NAMES[k],
            },
            cadre: None,
            post: None,
            hard,
            required: share,
            achieved: if rots.is_empty() {
                0.0
            } else {
                count as f64 / rots.len() as f64
            },
            among: rots.len(),
            met,
            penalty: if hard { 0.0 } else { w[k] * short },
        });
    }
}

/// Months of key-head experience the moves of one cadre give inside the programme.
pub fn experience(sc: &Scenario, prog: &Programme, c: CadreIx, mine: &[&Move]) -> i64 {
    let placed_at = mine
        .iter()
        .find(|m| m.kind == MoveKind::Placement)
        .map(|m| m.period);
    let retirement = crate::rules::retirement::retirement_date(
        crate::rules::retirement::roadmap(&sc.rules, sc.cadre(c)),
        sc.cadre(c).birth_date,
    );
    mine.iter()
        .filter(|m| counts(sc, c, m.post))
        .map(|m| match m.kind {
            MoveKind::Rotation => {
                let after = placed_at.filter(|&s| s > m.period);
                rotation_months(prog, (c, m.post), m.period, after)
            }
            MoveKind::Placement => placement_months(prog, (c, m.post), m.period, retirement),
        })
        .sum()
}

fn key_heads(
    sc: &Scenario,
    prog: &Programme,
    tg: &ProgrammeTargets,
    moves: &[Move],
    out: &mut Vec<TargetResult>,
) {
    if tg.key_head_months == 0 {
        return;
    }
    let hard = sc.requirements.targets.hard;
    let mut by_cadre: BTreeMap<CadreIx, Vec<&Move>> = BTreeMap::new();
    for m in moves {
        by_cadre.entry(m.cadre).or_default().push(m);
    }
    for c in 0..sc.cadres.len() as CadreIx {
        if !key_head(sc, c) {
            continue;
        }
        let needed = need(sc, prog, c);
        let credit = i64::from(tg.key_head_months) - needed;
        let got = by_cadre.get(&c).map_or(0, |ms| experience(sc, prog, c, ms));
        let short = (needed - got).max(0);
        out.push(TargetResult {
            kind: TargetKind::KeyHead { cadre: c },
            cadre: Some(sc.cadre(c).id.clone()),
            post: None,
            hard,
            required: f64::from(tg.key_head_months),
            achieved: (credit + got) as f64,
            among: 1,
            met: short == 0,
            penalty: if hard {
                0.0
            } else {
                tg.key_head_shortfall * short as f64
            },
        });
    }
}

fn period_shares(
    sc: &Scenario,
    prog: &Programme,
    tg: &ProgrammeTargets,
    moves: &[Move],
    out: &mut Vec<TargetResult>,
) {
    if tg.max_period_share >= 1.0 {
        return;
    }
    let hard = sc.requirements.targets.hard;
    let total = moves.len();
    for t in 0..prog.periods.len() {
        let n = moves.iter().filter(|m| m.period == t).count();
        let excess = (n as f64 - tg.max_period_share * total as f64).max(0.0);
        let met = excess <= 1e-9;
        out.push(TargetResult {
            kind: TargetKind::PeriodShare {
                period: t,
                date: prog.periods[t],
            },
            cadre: None,
            post: None,
            hard,
            required: tg.max_period_share,
            achieved: if total == 0 {
                0.0
            } else {
                n as f64 / total as f64
            },
            among: total,
            met,
            penalty: if hard { 0.0 } else { tg.period_excess * excess },
        });
    }
}

fn must_fill(
    sc: &Scenario,
    tl: &Timeline,
    prog: &Programme,
    moves: &[Move],
    out: &mut Vec<TargetResult>,
) {
    if prog.requirements.must_fill_within.is_none() {
        return;
    }
    let ctx0 = RuleContext::new(&tl.at[0]);
    let filled = super::occupancy_after(sc, tl, moves);
    for p in 0..sc.posts.len() as PostIx {
        let occ = super::occupancy(sc, prog, &ctx0, p);
        let Some(d) = must_fill_deadline(sc, prog, &occ, p) else {
            continue;
        };
        push_must_fill(sc, prog, p, d, &filled, out);
    }
    // Vacancies the programme opens by rotating a holder before the post falls vacant by itself.
    for m in moves.iter().filter(|m| m.kind == MoveKind::Rotation) {
        let Some(p) = prog.holders.iter().position(|&h| h == Some(m.cadre)) else {
            continue;
        };
        let p = p as PostIx;
        let occ = super::occupancy(sc, prog, &ctx0, p);
        if let Some(d) = opened_deadline(sc, prog, &occ, p, m.period) {
            push_must_fill(sc, prog, p, d, &filled, out);
        }
    }
}

/// The result of must-fill post `p` on period `d`'s date, its seats taken as `filled` says.
fn push_must_fill(
    sc: &Scenario,
    prog: &Programme,
    p: PostIx,
    d: usize,
    filled: &[Vec<u32>],
    out: &mut Vec<TargetResult>,
) {
    {
        let seats = sc.post(p).seats;
        let have = filled[p as usize][d].min(seats);
        let hard = sc.requirements.must_fill.hard;
        let short = seats - have;
        out.push(TargetResult {
            kind: TargetKind::MustFill {
                post: p,
                period: d,
                date: prog.periods[d],
            },
            cadre: None,
            post: Some(sc.post(p).id.clone()),
            hard,
            required: f64::from(seats),
            achieved: f64::from(have),
            among: 1,
            met: short == 0,
            penalty: if hard {
                0.0
            } else {
                sc.weights.must_fill * f64::from(short)
            },
        });
    }
}

/// The soft cost of the misses.
pub fn penalty(results: &[TargetResult]) -> f64 {
    results.iter().map(|r| r.penalty).sum()
}
