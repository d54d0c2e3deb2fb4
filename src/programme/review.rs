//! The review (sơ kết) of a programme's moves: the figures DOMAIN.md lists, as data (words in
//! `report::programme`). The moves are those of a programme file read against its scenario, or
//! the executed moves of a history.csv, each on its own date.

use super::{Move, MoveKind, Timeline};
use crate::domain::{CadreIx, Date, HistoryMove, PostIx, Role, Scenario, Sex, Tier};
use crate::rules::retirement::whole_months_between;
use chrono::Datelike;
use serde::Serialize;
use std::collections::BTreeMap;

/// Direction of a rotation, from the cadre's unit to the post's: the domain's one classification,
/// shared with the committee's report.
pub use crate::domain::Direction;

/// What followed a rotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Placed at a higher rank than before the rotation.
    Higher,
    /// Placed at the same rank, in another unit than the one of origin.
    Equal,
    /// Placed on the rotation's own post, at the rank held before the rotation: kept there.
    Stayed,
    /// Placed back in the unit of origin ("khép kín").
    Returned,
    /// No placement inside the programme (the rotation ends after it).
    NotYet,
    /// Retired (Decree 135) before the rotation's end: no placement is due.
    Retired,
}

/// The review's figures.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Review {
    pub rotations: usize,
    pub placements: usize,
    /// Rotations and placements by calendar year of their start.
    pub by_year: BTreeMap<i32, (usize, usize)>,
    pub by_direction: BTreeMap<Direction, usize>,
    /// Rotations by the tier of the receiving unit.
    pub by_tier: BTreeMap<Tier, usize>,
    /// Rotations by the role of the receiving post (head, deputy, member).
    pub by_role: BTreeMap<&'static str, usize>,
    pub women: usize,
    pub minority: usize,
    /// Purposes (a rotation may serve several): training (it brings a training gain),
    /// strengthening (the receiving unit is short of people, shortage ≥ 2), policy (a not-local
    /// post, or the cadre at the term limit where they are).
    pub training: usize,
    pub strengthening: usize,
    pub policy: usize,
    pub by_outcome: BTreeMap<Outcome, usize>,
    /// The rotations without a placement after them (`Outcome::NotYet`), each with what is known
    /// of it on the review's date, in the order of the moves.
    pub waiting: Vec<Waiting>,
}

/// A rotation without a placement after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waiting {
    pub cadre_id: String,
    pub post_id: String,
    pub start: Date,
    /// Its end: the one history.csv writes, else `min_rotation_months` after its start.
    pub end: Date,
    /// Whether history.csv writes the end.
    pub end_written: bool,
    pub state: WaitingState,
}

/// Where a rotation without a placement stands on the review's date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum WaitingState {
    /// Still running on the review's date; its placement falls due in `due_period` (1-based) on
    /// `due_date`, or (both `None`) after the programme (`after_programme`) or without one.
    Running {
        due_period: Option<usize>,
        due_date: Option<Date>,
        after_programme: bool,
    },
    /// Ended on or before the review's date without a placement recorded after it.
    Ended,
}

/// The unit the cadre of move `m` left for it: the unit of the cadre's last move before it in
/// `moves`, or else, for a move on or after the plan date, cadres.csv's `current_unit` (the state
/// on the plan date). A move before the plan date with none before it has no known origin:
/// cadres.csv already shows where it led (a rotation of the term before is the cadre's
/// `current_unit` now), so the current unit would read as a move inside one unit.
fn origin(sc: &Scenario, moves: &[Dated], m: &Dated) -> Option<crate::domain::UnitIx> {
    let before = moves
        .iter()
        .filter(|x| x.cadre == m.cadre && x.date < m.date)
        .max_by_key(|x| x.date);
    match before {
        Some(x) => Some(sc.post(x.post).unit),
        None if m.date >= sc.plan_date => sc.cadre(m.cadre).current_unit,
        None => None,
    }
}

/// A move with its date: a programme's on its period's date, an executed one on its own `start`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dated {
    pub cadre: CadreIx,
    pub post: PostIx,
    pub kind: MoveKind,
    pub date: Date,
    /// A rotation's end when written (history.csv `end`; a programme's rotations: its own end).
    pub end: Option<Date>,
}

/// The review of a programme's `moves`, each on its period's date (a rotation without a
/// placement ends after the programme: the review's date is the programme's end).
pub fn review(sc: &Scenario, tl: &Timeline, moves: &[Move]) -> Review {
    let prog = sc.programme.as_ref();
    let dated: Vec<Dated> = moves
        .iter()
        .map(|m| Dated {
            cadre: m.cadre,
            post: m.post,
            kind: m.kind,
            date: tl.periods[m.period],
            // A programme's rotation ends where the programme says (programme.csv writes it): the
            // executed end, else `min_rotation_months` after its date. Not "no end written".
            end: prog
                .and_then(|p| {
                    super::targets::executed(p, m.cadre, m.post, m.kind, m.period)
                        .and_then(|h| h.end)
                })
                .or_else(|| {
                    (m.kind == MoveKind::Rotation)
                        .then(|| super::rotation_end(sc, tl.periods[m.period]))
                }),
        })
        .collect();
    let as_of = prog.map_or(sc.plan_date, |p| p.end);
    review_dated(sc, &dated, as_of)
}

/// The review of an executed history (history.csv): each move on its own `start`, before the
/// programme or inside it. The review's date (what a rotation without a placement is measured
/// against) is the scenario's `plan_date` or the history's last `start`, whichever is later.
pub fn review_history(sc: &Scenario, history: &[HistoryMove]) -> Review {
    let dated: Vec<Dated> = history
        .iter()
        .map(|h| Dated {
            cadre: h.cadre,
            post: h.post,
            kind: h.kind,
            date: h.start,
            end: h.end,
        })
        .collect();
    let as_of = history
        .iter()
        .map(|h| h.start)
        .max()
        .map_or(sc.plan_date, |d| d.max(sc.plan_date));
    review_dated(sc, &dated, as_of)
}

/// Cadre `c`'s consecutive head terms in unit `u` on `date`: those of cadres.csv, advanced by the
/// whole terms between the plan date and `date` when the cadre heads `u` now (as
/// `programme::scenario_at` advances them).
fn head_terms_on(sc: &Scenario, c: CadreIx, u: crate::domain::UnitIx, date: Date) -> u32 {
    let cadre = sc.cadre(c);
    let now = crate::rules::head_terms(cadre, u);
    let heads = cadre.current_unit == Some(u) && cadre.current_role == Some(Role::Head);
    let terms = whole_months_between(sc.plan_date, date).max(0) / super::TERM_MONTHS;
    if heads { now + terms as u32 } else { now }
}

/// The review of dated moves on the review's date `as_of`: a rotation's outcome is the cadre's
/// first placement after it.
pub fn review_dated(sc: &Scenario, moves: &[Dated], as_of: Date) -> Review {
    let mut r = Review::default();
    for m in moves {
        let year = m.date.year();
        let e = r.by_year.entry(year).or_default();
        match m.kind {
            MoveKind::Rotation => e.0 += 1,
            MoveKind::Placement => e.1 += 1,
        }
    }
    for m in moves.iter().filter(|m| m.kind == MoveKind::Rotation) {
        r.rotations += 1;
        let cadre = sc.cadre(m.cadre);
        let post = sc.post(m.post);
        let unit = sc.post_unit(m.post);
        let from_ix = origin(sc, moves, m);
        let from = from_ix.map(|u| sc.unit(u));
        *r.by_direction
            .entry(crate::domain::direction(from, unit))
            .or_default() += 1;
        *r.by_tier.entry(unit.tier).or_default() += 1;
        let role = match post.role {
            Role::Head => "head",
            Role::Deputy => "deputy",
            Role::Member => "member",
        };
        *r.by_role.entry(role).or_default() += 1;
        r.women += usize::from(cadre.sex == Sex::F);
        r.minority += usize::from(cadre.ethnic_minority);
        if !crate::scoring::training_gains(cadre, from, post, unit).is_empty() {
            r.training += 1;
        }
        if unit.shortage >= 2 {
            r.strengthening += 1;
        }
        let term_limited = from_ix
            .is_some_and(|u| head_terms_on(sc, m.cadre, u, m.date) >= sc.rules.max_head_terms);
        if crate::rules::h8_applies(post, unit) || term_limited {
            r.policy += 1;
        }
        // Its placement: the cadre's first after it and before their next rotation (a history
        // of two terms: the second rotation's placement is not the first's).
        let next = moves
            .iter()
            .filter(|x| x.cadre == m.cadre && x.kind == MoveKind::Rotation && x.date > m.date)
            .map(|x| x.date)
            .min();
        let placed = moves
            .iter()
            .filter(|p| p.cadre == m.cadre && p.kind == MoveKind::Placement && p.date > m.date)
            .filter(|p| next.is_none_or(|n| p.date <= n))
            .min_by_key(|p| p.date);
        let outcome = match placed {
            None if retires_during(sc, m) => Outcome::Retired,
            None => {
                r.waiting.push(waiting(sc, m, as_of));
                Outcome::NotYet
            }
            Some(p) if sc.post(p.post).rank > cadre.current_rank => Outcome::Higher,
            Some(p) if p.post == m.post => Outcome::Stayed,
            Some(p) if Some(sc.post(p.post).unit) == from_ix => Outcome::Returned,
            Some(_) => Outcome::Equal,
        };
        *r.by_outcome.entry(outcome).or_default() += 1;
    }
    r.placements = moves.len() - r.rotations;
    r
}

/// Whether the cadre of rotation `m` retires (Decree 135) before a placement could follow it: the
/// date of its placement's period in a programme (as `programme::placement_due` reads it for the
/// planner and the checker), else the rotation's end.
fn retires_during(sc: &Scenario, m: &Dated) -> bool {
    let end = m.end.unwrap_or_else(|| super::rotation_end(sc, m.date));
    let due = sc
        .programme
        .as_ref()
        .and_then(|p| Some(p.periods[super::placement_period(p, end)?]))
        .unwrap_or(end);
    super::retired_before(sc, m.cadre, due)
}

/// What is known of rotation `m`, without a placement after it, on `as_of`.
fn waiting(sc: &Scenario, m: &Dated, as_of: Date) -> Waiting {
    let end = m.end.unwrap_or_else(|| super::rotation_end(sc, m.date));
    let state = if end <= as_of {
        WaitingState::Ended
    } else {
        let due = sc
            .programme
            .as_ref()
            .and_then(|p| Some((super::placement_period(p, end)?, p)))
            .map(|(t, p)| (t + 1, p.periods[t]));
        WaitingState::Running {
            due_period: due.map(|d| d.0),
            due_date: due.map(|d| d.1),
            after_programme: due.is_none() && sc.programme.is_some(),
        }
    };
    Waiting {
        cadre_id: sc.cadre(m.cadre).id.clone(),
        post_id: sc.post(m.post).id.clone(),
        start: m.date,
        end,
        end_written: m.end.is_some(),
        state,
    }
}
