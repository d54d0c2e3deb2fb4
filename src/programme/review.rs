//! The review (sơ kết) of a programme's moves: the figures DOMAIN.md lists, as data (words in
//! `report::programme`). The moves are those of a programme file read against its scenario.

use super::{Move, MoveKind, Timeline};
use crate::domain::{Role, Scenario, Sex, Tier};
use chrono::Datelike;
use serde::Serialize;
use std::collections::BTreeMap;

/// Direction of a rotation, from the cadre's unit to the post's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    CentreToLocality,
    LocalityToCentre,
    /// Between localities: another province, or another tier.
    LocalityToLocality,
    /// Between agencies of one level: the same tier, the same province (or both central).
    BetweenAgencies,
    /// The cadre has no current unit.
    Unknown,
}

/// What followed a rotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Placed at a higher rank than before the rotation.
    Higher,
    /// Placed at the same rank, in another unit than the one of origin.
    Equal,
    /// Placed back in the unit of origin ("khép kín").
    Returned,
    /// No placement inside the programme (the rotation ends after it).
    NotYet,
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
}

pub fn direction(sc: &Scenario, m: &Move) -> Direction {
    let to = sc.post_unit(m.post);
    let Some(from) = sc.cadre(m.cadre).current_unit.map(|u| sc.unit(u)) else {
        return Direction::Unknown;
    };
    match (from.tier == Tier::Central, to.tier == Tier::Central) {
        (true, false) => Direction::CentreToLocality,
        (false, true) => Direction::LocalityToCentre,
        (true, true) => Direction::BetweenAgencies,
        (false, false) if from.tier == to.tier && from.province == to.province => {
            Direction::BetweenAgencies
        }
        (false, false) => Direction::LocalityToLocality,
    }
}

/// The review of `moves`.
pub fn review(sc: &Scenario, tl: &Timeline, moves: &[Move]) -> Review {
    let mut r = Review::default();
    for m in moves {
        let year = tl.periods[m.period].year();
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
        *r.by_direction.entry(direction(sc, m)).or_default() += 1;
        *r.by_tier.entry(unit.tier).or_default() += 1;
        let role = match post.role {
            Role::Head => "head",
            Role::Deputy => "deputy",
            Role::Member => "member",
        };
        *r.by_role.entry(role).or_default() += 1;
        r.women += usize::from(cadre.sex == Sex::F);
        r.minority += usize::from(cadre.ethnic_minority);
        let from = cadre.current_unit.map(|u| sc.unit(u));
        if !crate::scoring::training_gains(cadre, from, post, unit).is_empty() {
            r.training += 1;
        }
        if unit.shortage >= 2 {
            r.strengthening += 1;
        }
        let term_limited = cadre.current_unit.is_some_and(|u| {
            crate::rules::head_terms(&tl.at[m.period].cadres[m.cadre as usize], u)
                >= sc.rules.max_head_terms
        });
        if crate::rules::h8_applies(post, unit) || term_limited {
            r.policy += 1;
        }
        let placed = moves
            .iter()
            .find(|p| p.cadre == m.cadre && p.kind == MoveKind::Placement && p.period > m.period);
        let outcome = match placed {
            None => Outcome::NotYet,
            Some(p) if sc.post(p.post).rank > cadre.current_rank => Outcome::Higher,
            Some(p) if Some(sc.post(p.post).unit) == cadre.current_unit => Outcome::Returned,
            Some(_) => Outcome::Equal,
        };
        *r.by_outcome.entry(outcome).or_default() += 1;
    }
    r.placements = moves.len() - r.rotations;
    r
}
