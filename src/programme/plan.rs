//! A programme's result as data: the moves (rotations and placements by period), the objective
//! recomputed from the moves alone ([`evaluate`], the yardstick of the MIP, the checker's tests and
//! the brute-force oracle), the cadres left without a placement and the per-period KPIs. No
//! sentences: `report::programme` words it.

use super::{Move, MoveKind, Timeline, Unplaced, placement_score, rotation_end, running};
use crate::domain::{CadreIx, Date, Scenario, Sex};
use crate::solve::SolveStatus;
use crate::solve::programme::{ProgrammeNote, add_note};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The objective of a programme, part by part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ProgrammeObjective {
    /// Σ of the rotations' weighted terms (staffing, training, fit, disruption) at their dates.
    pub rotations: f64,
    /// Σ of the placements' scores (staffing, fit, less the origin penalty).
    pub placements: f64,
    /// Rotations ending inside the programme without a placement × `unplaced_penalty` (a cost).
    pub unplaced: f64,
    /// Σ over periods of |rotations in the period − the average| × `smoothing` (a cost).
    pub smoothing: f64,
    /// The soft programme targets and must-fill posts missed (a cost; `targets::results`).
    #[serde(skip_serializing_if = "is_zero")]
    pub targets: f64,
    pub total: f64,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// The cadres the moves rotate.
pub(crate) fn rotated_cadres(moves: &[Move]) -> BTreeSet<CadreIx> {
    moves
        .iter()
        .filter(|m| m.kind == MoveKind::Rotation)
        .map(|m| m.cadre)
        .collect()
}

/// Whether placement `m` puts a cadre the programme rotated back into their unit of origin
/// ("khép kín", at `origin_penalty`).
pub(crate) fn back_to_origin(sc: &Scenario, rotated: &BTreeSet<CadreIx>, m: &Move) -> bool {
    rotated
        .contains(&m.cadre)
        .then(|| sc.cadre(m.cadre).current_unit)
        .flatten()
        .is_some_and(|u| sc.post(m.post).unit == u)
}

/// The objective of `moves`, from the moves alone.
pub fn evaluate(sc: &Scenario, tl: &Timeline, moves: &[Move]) -> ProgrammeObjective {
    let Some(prog) = sc.programme.as_ref() else {
        return ProgrammeObjective::default();
    };
    let w = &sc.weights;
    let mut o = ProgrammeObjective::default();
    let rotated = rotated_cadres(moves);
    let mut per_period = vec![0f64; tl.periods.len()];
    for m in moves {
        match m.kind {
            MoveKind::Rotation => {
                o.rotations +=
                    crate::scoring::pair_terms(&tl.at[m.period], m.cadre, m.post).weighted(w);
                if let Some(n) = per_period.get_mut(m.period) {
                    *n += 1.0;
                }
            }
            MoveKind::Placement => {
                let to_origin = back_to_origin(sc, &rotated, m);
                o.placements += placement_score(sc, m.cadre, m.post, to_origin);
            }
        }
    }
    o.unplaced = prog.unplaced_penalty * unplaced_cadres(sc, tl, moves).len() as f64;
    let n_t = per_period.len() as f64;
    if n_t > 1.0 {
        let avg = per_period.iter().sum::<f64>() / n_t;
        o.smoothing = prog.smoothing * per_period.iter().map(|n| (n - avg).abs()).sum::<f64>();
    }
    o.targets = super::targets::penalty(&super::targets::results(sc, tl, moves));
    o.total = o.rotations + o.placements - o.unplaced - o.smoothing - o.targets;
    o
}

/// The cadres `moves` places after a rotation.
fn placed_cadres(moves: &[Move]) -> BTreeSet<CadreIx> {
    moves
        .iter()
        .filter(|m| m.kind == MoveKind::Placement)
        .map(|m| m.cadre)
        .collect()
}

/// The running rotations (cadres.csv `rotation_end`, [`running`]) that `moves` leaves without a
/// placement, with the period it was due: the part of [`unplaced_cadres`] that is no breach.
pub fn running_unplaced(sc: &Scenario, moves: &[Move]) -> Vec<(CadreIx, usize)> {
    let Some(prog) = sc.programme.as_ref() else {
        return Vec::new();
    };
    let placed = placed_cadres(moves);
    running(sc, prog)
        .into_iter()
        .filter(|r| !placed.contains(&r.cadre))
        .map(|r| (r.cadre, r.period))
        .collect()
}

/// The cadres whose rotation (running or planned) ends inside the programme and who have no
/// placement in `moves`, with the period the placement was due.
pub fn unplaced_cadres(sc: &Scenario, tl: &Timeline, moves: &[Move]) -> Vec<(CadreIx, usize)> {
    let Some(prog) = sc.programme.as_ref() else {
        return Vec::new();
    };
    let placed = placed_cadres(moves);
    let mut due: BTreeMap<CadreIx, usize> = running(sc, prog)
        .into_iter()
        .map(|r| (r.cadre, r.period))
        .collect();
    for m in moves.iter().filter(|m| m.kind == MoveKind::Rotation) {
        let end = super::rotation_end_of(sc, prog, (m.cadre, m.post), m.period);
        if let (true, Some(s)) = (
            Some(&end) <= tl.periods.last(),
            super::placement_due(sc, prog, m.cadre, end),
        ) {
            due.insert(m.cadre, s);
        }
    }
    due.into_iter()
        .filter(|(c, _)| !placed.contains(c))
        .collect()
}

/// A period index as people count it, from 1 (programme.json's `rows` and `kpis`, like
/// programme.csv, `unplaced` and `renewals`).
pub(crate) fn one_based<S: serde::Serializer>(t: &usize, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(*t as u64 + 1)
}

/// What happened in one period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PeriodKpis {
    /// From 0 here; written from 1, as in programme.csv and every other output.
    #[serde(serialize_with = "one_based")]
    pub period: usize,
    pub date: Date,
    pub rotations: usize,
    pub placements: usize,
    /// Rotations onto a post a move of the programme freed in that period or before (its holder
    /// rotated away, or a cadre rotated onto it was placed elsewhere): vacancy chains.
    pub chained: usize,
    /// Seats free on the date after the period's moves.
    pub vacant_seats: u32,
    /// The posts of those seats (ids, in posts.csv's order; a post twice for two seats), so that
    /// which stay empty can be looked up (`explain --post`).
    pub vacant_posts: Vec<String>,
    pub women: usize,
    pub minority: usize,
    /// Most cadres leaving one unit on rotation in the period.
    pub max_departures: usize,
    /// Rotations whose cadre needs a renewed health certificate (H3) by the date.
    pub renewals: usize,
}

/// A move with its dates, as written to programme.csv.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoveRow {
    pub cadre_id: String,
    pub cadre_name: String,
    pub post_id: String,
    pub unit_id: String,
    pub kind: MoveKind,
    /// From 0 here; written from 1, as in programme.csv and every other output.
    #[serde(serialize_with = "one_based")]
    pub period: usize,
    pub start: Date,
    /// A rotation: its placement's date inside the programme, else its planned end. A placement:
    /// the retirement date when it falls inside the programme.
    pub end: Option<Date>,
}

fn no_seconds(x: &f64) -> bool {
    x.is_nan()
}

/// A programme: the solver's answer, the moves and what they achieve.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammePlan {
    pub scenario: String,
    pub status: SolveStatus,
    pub backend: String,
    pub objective: Option<ProgrammeObjective>,
    pub bound: Option<f64>,
    pub gap: Option<f64>,
    pub periods: Vec<Date>,
    #[serde(skip)]
    pub moves: Vec<Move>,
    pub rows: Vec<MoveRow>,
    /// Cadres whose rotation ends inside the programme without a placement, and why.
    #[serde(skip)]
    pub unplaced: Vec<(CadreIx, usize, Unplaced)>,
    /// Rotations (cadre, period) that need a renewed health certificate.
    #[serde(skip)]
    pub renewals: Vec<(CadreIx, usize)>,
    pub kpis: Vec<PeriodKpis>,
    /// The programme targets, must-fill posts and pins, each measured (empty: none asked).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<super::targets::TargetResult>,
    pub columns: usize,
    pub model_rows: usize,
    /// Seconds; NaN (left out of the JSON) in a batch's files, whose reruns are byte-identical.
    #[serde(skip_serializing_if = "no_seconds")]
    pub build_s: f64,
    #[serde(skip_serializing_if = "no_seconds")]
    pub solve_s: f64,
    pub note: Option<crate::solve::programme::ProgrammeNotes>,
    /// The lexicographic levels (`objective:`, re-planning), in order; empty without them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<crate::solve::lexicographic::LevelOutcome>,
    /// With `programme.previous`: the cadres whose moves changed, and why (`report::programme`
    /// writes them to programme.json with the cadres' ids).
    #[serde(skip)]
    pub changes: Option<Vec<super::replan::Change>>,
    /// When the pins and hard requirements cannot all hold: which of them give way (filled by
    /// `plan_programme`; `report::programme` writes it to programme.json with its words).
    #[serde(skip)]
    pub relaxation: Option<crate::solve::programme_relax::ProgrammeRelaxation>,
    /// Must-fill posts (criticality 5) with a seat empty on every period's date, and why
    /// (`report::programme` writes them with the posts' ids).
    #[serde(skip)]
    pub empty_must_fill: Vec<EmptyMustFill>,
}

/// A must-fill post left with an empty seat on every period's date of a programme, and why: as a
/// single plan's unfilled reasons, the rules and their counts when nobody may take it.
#[derive(Debug, Clone, PartialEq)]
pub struct EmptyMustFill {
    pub post: crate::domain::PostIx,
    /// Cadres the rules let take it (a rotation or a placement) in some period; 0: nobody.
    pub could_take: usize,
    /// With nobody: how many of the cadres each rule excludes on the first period's date, the
    /// most first (a cadre may count under several rules).
    pub excluded_by: Vec<(crate::rules::RuleId, usize)>,
    /// With nobody: the cadres no rule excludes on the first period's date (their moves there
    /// are ruled out otherwise: the seats, a pin or forbid, no placement possible after).
    pub pass_rules: usize,
    /// All the cadres.
    pub cadres: usize,
}

/// The must-fill posts of `sc` with a seat empty on every period's date once `moves` are made.
pub fn empty_must_fill(
    sc: &Scenario,
    tl: &Timeline,
    cols: &super::Columns,
    moves: &[Move],
) -> Vec<EmptyMustFill> {
    let filled = super::occupancy_after(sc, tl, moves);
    let empty: Vec<crate::domain::PostIx> = filled
        .iter()
        .enumerate()
        .filter(|(p, row)| {
            let post = sc.post(*p as crate::domain::PostIx);
            post.criticality >= 5 && !row.is_empty() && row.iter().all(|&n| n < post.seats)
        })
        .map(|(p, _)| p as crate::domain::PostIx)
        .collect();
    // Who could take each of them: one pass over every column (the left-out ones are tens of
    // millions at national size; a pass per post took a minute).
    let mut takers_of: BTreeMap<crate::domain::PostIx, BTreeSet<CadreIx>> =
        empty.iter().map(|&p| (p, BTreeSet::new())).collect();
    let mut wanted = vec![false; sc.posts.len()];
    for &p in &empty {
        wanted[p as usize] = true;
    }
    let columns = (cols.rotations.iter().map(|r| (r.post, r.cadre)))
        .chain(cols.placements.iter().map(|x| (x.post, x.cadre)))
        .chain(cols.left_out.iter().map(|x| (x.post, x.cadre)));
    for (p, c) in columns {
        if wanted[p as usize]
            && let Some(t) = takers_of.get_mut(&p)
        {
            t.insert(c);
        }
    }
    let mut out = Vec::new();
    let mut ctx0 = None;
    for p in empty {
        let takers = takers_of.remove(&p).unwrap_or_default();
        let mut counts: BTreeMap<crate::rules::RuleId, usize> = BTreeMap::new();
        let mut pass_rules = 0;
        if takers.is_empty() {
            let ctx = ctx0.get_or_insert_with(|| crate::rules::RuleContext::new(&tl.at[0]));
            for c in 0..sc.cadres.len() as CadreIx {
                let breaches = ctx.breaches(c, p);
                pass_rules += usize::from(breaches.is_empty());
                for b in breaches {
                    *counts.entry(b.rule).or_default() += 1;
                }
            }
        }
        out.push(EmptyMustFill {
            post: p,
            could_take: takers.len(),
            pass_rules,
            excluded_by: crate::plan::rule_list(&counts),
            cadres: sc.cadres.len(),
        });
    }
    out
}

/// The dated rows of `moves`, sorted by period, kind, unit, post and cadre.
pub fn move_rows(sc: &Scenario, tl: &Timeline, moves: &[Move]) -> Vec<MoveRow> {
    let placed_at: BTreeMap<CadreIx, usize> = moves
        .iter()
        .filter(|m| m.kind == MoveKind::Placement)
        .map(|m| (m.cadre, m.period))
        .collect();
    let mut rows: Vec<(Move, MoveRow)> = moves
        .iter()
        .map(|m| {
            // An executed move starts on its own date (history.csv `start`), not its period's.
            let executed = super::targets::executed_move(sc, m);
            let start = executed.map_or(tl.periods[m.period], |h| h.start);
            let retires = crate::rules::retirement::retirement_date(
                crate::rules::retirement::roadmap(&sc.rules, sc.cadre(m.cadre)),
                sc.cadre(m.cadre).birth_date,
            );
            let end = match m.kind {
                // An executed rotation ends on its own end (history.csv `end`) when written,
                // `min_rotation_months` after its real start otherwise.
                // One taken to end with its executed placement's period shows its own end: the
                // one written, else the placement's date.
                MoveKind::Rotation => Some(
                    executed
                        .map(|h| match (h.written_end, h.end) {
                            (Some(w), _) => w,
                            (None, Some(_)) => executed_placement_of(sc, m.cadre).map_or_else(
                                || h.rotation_end(sc.rules.min_rotation_months),
                                |p| p.start,
                            ),
                            (None, None) => h.rotation_end(sc.rules.min_rotation_months),
                        })
                        .unwrap_or_else(|| {
                            placed_at
                                .get(&m.cadre)
                                .filter(|&&s| s > m.period)
                                .map_or_else(|| rotation_end(sc, start), |&s| tl.periods[s])
                        })
                        // A rotation that ends in retirement ends on the retirement's date.
                        .min(retires.unwrap_or(Date::MAX)),
                ),
                MoveKind::Placement => {
                    retires.filter(|&d| sc.programme.as_ref().is_some_and(|p| d <= p.end))
                }
            };
            let row = MoveRow {
                cadre_id: sc.cadre(m.cadre).id.clone(),
                cadre_name: sc.cadre(m.cadre).name.clone(),
                post_id: sc.post(m.post).id.clone(),
                unit_id: sc.post_unit(m.post).id.clone(),
                kind: m.kind,
                period: m.period,
                start,
                end,
            };
            (m.clone(), row)
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.0.period, a.0.kind, &a.1.unit_id, a.0.post, a.0.cadre).cmp(&(
            b.0.period,
            b.0.kind,
            &b.1.unit_id,
            b.0.post,
            b.0.cadre,
        ))
    });
    rows.into_iter().map(|(_, r)| r).collect()
}

/// The rotations of `moves` that need a renewed health certificate (H3 after the plan date), as
/// (cadre, period). An executed rotation is not held to H3: its certificate on its
/// date is not in the tables.
pub fn renewals_of(sc: &Scenario, tl: &Timeline, moves: &[Move]) -> Vec<(CadreIx, usize)> {
    let Some(prog) = sc.programme.as_ref() else {
        return Vec::new();
    };
    moves
        .iter()
        .filter(|m| m.kind == MoveKind::Rotation)
        .filter(|m| {
            let at = &tl.at[m.period];
            super::needs_certificate_at(at, m.cadre)
                && super::targets::executed(prog, m.cadre, m.post, MoveKind::Rotation, m.period)
                    .is_none()
        })
        .map(|m| (m.cadre, m.period))
        .collect()
}

/// A programme file's score, recomputed from its moves alone (`rotaplan check`): the objective
/// part by part, whether it has programme targets, and the KPIs per period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeScore {
    pub objective: ProgrammeObjective,
    #[serde(skip)]
    pub has_targets: bool,
    pub kpis: Vec<PeriodKpis>,
}

/// [`ProgrammeScore`] of `moves`; `None` for a scenario without `programme:`.
pub fn score(sc: &Scenario, moves: &[Move]) -> Option<ProgrammeScore> {
    let tl = Timeline::new(sc)?;
    let renewals = renewals_of(sc, &tl, moves);
    Some(ProgrammeScore {
        objective: evaluate(sc, &tl, moves),
        has_targets: !super::targets::results(sc, &tl, moves).is_empty(),
        kpis: kpis(sc, &tl, moves, &renewals),
    })
}

/// Per-period KPIs of `moves`.
pub fn kpis(
    sc: &Scenario,
    tl: &Timeline,
    moves: &[Move],
    renewals: &[(CadreIx, usize)],
) -> Vec<PeriodKpis> {
    let occ = super::occupancy_after(sc, tl, moves);
    // The periods in which moves of the programme free a seat of each post: its holder rotates
    // away, or a cadre rotated onto it is placed elsewhere. A rotation onto a post takes such a
    // seat, freed then or before and not yet taken (a link of a vacancy chain); on a post of
    // several seats, a rotation onto a seat that was always vacant is no link.
    let mut freed: BTreeMap<crate::domain::PostIx, Vec<usize>> = BTreeMap::new();
    let mut free_at = |p: crate::domain::PostIx, t: usize| freed.entry(p).or_default().push(t);
    let mut rotated_to: BTreeMap<CadreIx, crate::domain::PostIx> = BTreeMap::new();
    for m in moves.iter().filter(|m| m.kind == MoveKind::Rotation) {
        rotated_to.insert(m.cadre, m.post);
    }
    if let Some(p) = sc.programme.as_ref() {
        let held: BTreeMap<CadreIx, crate::domain::PostIx> = p
            .holders
            .iter()
            .enumerate()
            .filter_map(|(i, h)| Some(((*h)?, i as crate::domain::PostIx)))
            .collect();
        for m in moves.iter().filter(|m| m.kind == MoveKind::Rotation) {
            if let Some(&post) = held.get(&m.cadre) {
                free_at(post, m.period);
            }
        }
    }
    for m in moves.iter().filter(|m| m.kind == MoveKind::Placement) {
        if let Some(&post) = rotated_to.get(&m.cadre)
            && post != m.post
        {
            free_at(post, m.period);
        }
    }
    // Each rotation that takes a freed seat, period by period.
    let mut chained_in = vec![0usize; tl.periods.len()];
    let mut taken: BTreeMap<crate::domain::PostIx, usize> = BTreeMap::new();
    let mut by_period: Vec<&Move> = moves
        .iter()
        .filter(|m| m.kind == MoveKind::Rotation && m.period < tl.periods.len())
        .collect();
    by_period.sort_by_key(|m| (m.period, m.post, m.cadre));
    for m in by_period {
        let free = freed
            .get(&m.post)
            .map_or(0, |v| v.iter().filter(|&&f| f <= m.period).count());
        let used = taken.entry(m.post).or_default();
        if *used < free {
            *used += 1;
            chained_in[m.period] += 1;
        }
    }
    (0..tl.periods.len())
        .map(|t| {
            let here: Vec<&Move> = moves.iter().filter(|m| m.period == t).collect();
            let rot: Vec<&&Move> = here
                .iter()
                .filter(|m| m.kind == MoveKind::Rotation)
                .collect();
            let mut leaving: BTreeMap<u32, usize> = BTreeMap::new();
            for m in &rot {
                if let Some(u) = sc.cadre(m.cadre).current_unit {
                    *leaving.entry(u).or_default() += 1;
                }
            }
            PeriodKpis {
                period: t,
                date: tl.periods[t],
                rotations: rot.len(),
                placements: here.len() - rot.len(),
                chained: chained_in[t],
                vacant_seats: sc
                    .posts
                    .iter()
                    .enumerate()
                    .map(|(p, post)| post.seats.saturating_sub(occ[p][t]))
                    .sum(),
                vacant_posts: sc
                    .posts
                    .iter()
                    .enumerate()
                    .flat_map(|(p, post)| {
                        let empty = post.seats.saturating_sub(occ[p][t]) as usize;
                        std::iter::repeat_n(post.id.clone(), empty)
                    })
                    .collect(),
                women: rot
                    .iter()
                    .filter(|m| sc.cadre(m.cadre).sex == Sex::F)
                    .count(),
                minority: rot
                    .iter()
                    .filter(|m| sc.cadre(m.cadre).ethnic_minority)
                    .count(),
                max_departures: leaving.values().copied().max().unwrap_or(0),
                renewals: renewals.iter().filter(|r| r.1 == t).count(),
            }
        })
        .collect()
}

/// The programme of the chosen columns, its objective recomputed from the moves (the backend's
/// only compared with it), the cadres left unplaced with their reason, the renewals and the KPIs.
pub fn build(
    sc: &Scenario,
    tl: &Timeline,
    cols: &super::Columns,
    out: &crate::solve::programme::ProgrammeOutcome,
) -> ProgrammePlan {
    let mut moves: Vec<Move> = out
        .rotations
        .iter()
        .map(|&k| {
            let r = &cols.rotations[k];
            Move {
                cadre: r.cadre,
                post: r.post,
                kind: MoveKind::Rotation,
                period: r.period,
            }
        })
        .chain(out.placements.iter().map(|&k| {
            let p = &cols.placements[k];
            Move {
                cadre: p.cadre,
                post: p.post,
                kind: MoveKind::Placement,
                period: p.period,
            }
        }))
        .collect();
    moves.sort();
    let has_plan = out.status.has_plan();
    let objective = has_plan.then(|| evaluate(sc, tl, &moves));
    let mut note = out.note.clone();
    if let (Some(o), Some(b)) = (objective, out.backend_objective)
        && (o.total - b).abs() > 1e-6 * o.total.abs().max(1.0)
    {
        add_note(
            &mut note,
            ProgrammeNote::ObjectiveDiffers {
                backend: b,
                recomputed: o.total,
            },
        );
    }
    // Without a programme nobody is placed, and that is no reason of the seats: only the
    // cadres no placement column exists for are named (with why).
    let unplaced = unplaced_cadres(sc, tl, &moves)
        .into_iter()
        .filter(|(c, _)| has_plan || cols.unplaceable.iter().any(|u| u.0 == *c))
        .map(|(c, s)| {
            let why = cols
                .unplaceable
                .iter()
                .find(|u| u.0 == c)
                .map(|u| u.1.clone())
                .unwrap_or(Unplaced::AllTaken {
                    posts: cols
                        .placements
                        .iter()
                        .filter(|p| p.cadre == c && p.period == s)
                        .count(),
                });
            (c, s, why)
        })
        .collect();
    let renewals = renewals_of(sc, tl, &moves);
    let proven = out.status == SolveStatus::Optimal
        && (out.levels.is_empty() || out.backend_objective.is_some());
    let bound = if proven {
        objective.map(|o| o.total)
    } else {
        out.bound
    };
    let previous = sc
        .programme
        .as_ref()
        .and_then(|p| p.replan.previous.as_deref());
    let mut levels = out.levels.clone();
    if has_plan && !levels.is_empty() {
        let values = super::replan::level_values(sc, tl, &moves, previous);
        for l in &mut levels {
            // + 0.0: a level worth nothing is written 0, not -0.
            l.value = values.get(l.name.as_str()).map(|v| v + 0.0);
        }
        for (name, got, want) in crate::check::programme::levels(sc, &moves, &levels) {
            add_note(&mut note, ProgrammeNote::LevelBreaksRow { name, got, want });
        }
    }
    let changes = match (previous, has_plan) {
        (Some(prev), true) => {
            let (history, open_from) = sc.programme.as_ref().map_or((&[][..], 0), |p| {
                (&p.replan.history[..], p.replan.open_from)
            });
            Some(super::replan::changes(
                sc,
                cols,
                (history, open_from),
                prev,
                &moves,
            ))
        }
        _ => None,
    };
    ProgrammePlan {
        scenario: sc.name.clone(),
        status: out.status,
        backend: out.backend.clone(),
        objective,
        bound,
        gap: if proven { Some(0.0) } else { out.gap },
        periods: tl.periods.clone(),
        rows: move_rows(sc, tl, &moves),
        kpis: kpis(sc, tl, &moves, &renewals),
        targets: if has_plan {
            super::targets::results(sc, tl, &moves)
        } else {
            Vec::new()
        },
        empty_must_fill: if has_plan {
            empty_must_fill(sc, tl, cols, &moves)
        } else {
            Vec::new()
        },
        moves,
        unplaced,
        renewals,
        columns: out.columns,
        model_rows: out.rows,
        build_s: out.build_s,
        solve_s: out.solve_s,
        note,
        levels,
        changes,
        relaxation: None,
    }
}

/// The executed placement of cadre `c` inside the programme (history.csv), if any.
fn executed_placement_of(sc: &Scenario, c: CadreIx) -> Option<&crate::domain::HistoryMove> {
    sc.programme.as_ref().and_then(|p| {
        p.replan
            .history
            .iter()
            .find(|h| h.cadre == c && h.kind == MoveKind::Placement)
    })
}
