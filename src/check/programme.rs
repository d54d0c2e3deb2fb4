//! Independent verification of a programme: every move re-checked at its period's date, never
//! through the programme's columns or model. A programme written by hand (programme.csv) is
//! checked the same way.
//!
//! - a rotation passes every pairwise rule on its date (H3 only on the plan date) and is not a
//!   forbidden pair; a cadre rotates at most once, and not while a rotation that ends inside the
//!   programme is running (P2);
//! - every planned rotation ending inside the programme has exactly one placement, in the first
//!   period on or after its end (an executed rotation with an `end` in history.csv ends then, one
//!   without `min_rotation_months` after its real start, a planned one `min_rotation_months`
//!   after its period's date), a running one at most one there (one left without is reported as
//!   unplaced, not a breach), and nothing else is a placement (P1); the rotation lasts at least
//!   `min_rotation_months` from its real start (H4); the placement passes the placement rules on its date
//!   (in service, the level after the rotation's rank, H8, H9, H10);
//! - on every period's date each post holds at most its seats: the occupants before anything moves
//!   (a holder until `vacant_from`, retirement, the end of their rotation, or their own move), and
//!   every cadre where their last move put them (H7); a cadre is on one post at a time (P2);
//! - on every period's date no two relatives sit where H10 forbids (one in a sensitive post, the
//!   other head or deputy of the same unit), where the moves up to that date put them or where a
//!   holder still sits, when at least one of the two was moved (H10 across the programme);
//! - at most `max_departures_per_period` cadres leave one unit on rotation in one period (S1);
//! - every executed move of the history (`programme.history`) is in the programme (P3);
//! - hard programme targets are met (S6), must-fill posts are full by their deadline (S5) and
//!   every pin is in the programme in its period (S2), measured by `programme::targets::results`.
//!
//! [`levels`] re-checks the lexicographic levels a programme reports against its moves.

use super::{Occupant, PeriodRef, Problem, ProgrammeProblem, Violation};
use crate::domain::{CadreIx, Date, PostIx, Scenario, UnitIx};
use crate::programme::{Move, MoveKind, scenario_at};
use crate::rules::family::conflicts;
use crate::rules::retirement::{retirement_date, roadmap, whole_months_between};
use crate::rules::{RuleContext, RuleId, Why};
use chrono::Months;
use std::collections::{BTreeMap, BTreeSet};

/// The placement due after a cadre's rotation: (period, rank held, unit of origin, rotation start
/// to check against `min_rotation_months`, planned: a placement must follow).
type Due = (usize, i32, Option<UnitIx>, Option<Date>, bool);

/// The row of history.csv that the rotation `r` of cadre `c` is, if any (its real start and
/// its written end).
fn executed_rotation<'a>(
    sc: &'a Scenario,
    c: CadreIx,
    r: &Move,
) -> Option<&'a crate::domain::HistoryMove> {
    sc.programme.as_ref()?.replan.history.iter().find(|h| {
        h.cadre == c && h.post == r.post && h.kind == MoveKind::Rotation && h.period == r.period
    })
}

/// The rules [`check`] verifies on a programme, in the order of `RuleId` (its verdict names them).
pub const RULES: [RuleId; 18] = [
    RuleId::H1,
    RuleId::H2,
    RuleId::H3,
    RuleId::H4,
    RuleId::H5,
    RuleId::H6,
    RuleId::H7,
    RuleId::H8,
    RuleId::H9,
    RuleId::H10,
    RuleId::S1,
    RuleId::S2,
    RuleId::S3,
    RuleId::S5,
    RuleId::S6,
    RuleId::P1,
    RuleId::P2,
    RuleId::P3,
];

fn at(t: usize, periods: &[Date]) -> PeriodRef {
    PeriodRef {
        index: t,
        date: periods.get(t).copied(),
    }
}

/// Every violation of the programme `moves` of `sc`, in a stable order.
pub fn check(sc: &Scenario, moves: &[Move]) -> Vec<Violation> {
    let mut out = Vec::new();
    let v = |rule, c: Option<CadreIx>, p: Option<PostIx>, detail: ProgrammeProblem| Violation {
        rule,
        cadre: c.map(|c| sc.cadre(c).id.clone()),
        post: p.map(|p| sc.post(p).id.clone()),
        detail: Problem::Programme(detail),
    };
    let Some(prog) = sc.programme.as_ref() else {
        if !moves.is_empty() {
            out.push(v(RuleId::P1, None, None, ProgrammeProblem::NoProgramme));
        }
        return out;
    };
    let periods = &prog.periods;
    let n_t = periods.len();
    let last = *periods.last().unwrap_or(&prog.start);
    let scs: Vec<Scenario> = periods.iter().map(|&d| scenario_at(sc, d)).collect();
    let ctxs: Vec<RuleContext> = scs.iter().map(RuleContext::new).collect();
    let mut moves: Vec<Move> = moves.to_vec();
    moves.sort();
    for m in &moves {
        if m.period >= n_t {
            out.push(v(
                RuleId::P1,
                Some(m.cadre),
                Some(m.post),
                ProgrammeProblem::PeriodOutside {
                    at: at(m.period, periods),
                    periods: n_t,
                },
            ));
        }
    }
    moves.retain(|m| m.period < n_t);
    // P3: the executed moves of the history.
    for h in &prog.replan.history {
        let kept = moves.iter().any(|m| {
            m.cadre == h.cadre && m.post == h.post && m.kind == h.kind && m.period == h.period
        });
        if !kept {
            out.push(v(
                RuleId::P3,
                Some(h.cadre),
                Some(h.post),
                ProgrammeProblem::HistoryMissing {
                    at: at(h.period, periods),
                    kind: h.kind,
                    line: h.line,
                    file: sc.tables.history.clone(),
                },
            ));
        }
    }
    // P3: a period over on the re-plan's date holds only the executed moves.
    if let Some(as_of) = prog.replan.as_of {
        for m in moves.iter().filter(|m| prog.is_over(m.period)) {
            let executed = prog.replan.history.iter().any(|h| {
                h.cadre == m.cadre && h.post == m.post && h.kind == m.kind && h.period == m.period
            });
            if !executed {
                out.push(v(
                    RuleId::P3,
                    Some(m.cadre),
                    Some(m.post),
                    ProgrammeProblem::PeriodOver {
                        at: at(m.period, periods),
                        kind: m.kind,
                        as_of,
                    },
                ));
            }
        }
    }
    let first_period_on_or_after = |d: Date| periods.iter().position(|&p| p >= d);
    let retire = |c: CadreIx| {
        let cadre = sc.cadre(c);
        retirement_date(roadmap(&sc.rules, cadre), cadre.birth_date)
    };

    // Each cadre's moves.
    let mut of: BTreeMap<CadreIx, Vec<&Move>> = BTreeMap::new();
    for m in &moves {
        of.entry(m.cadre).or_default().push(m);
    }
    for ms in of.values_mut() {
        ms.sort_by_key(|m| (m.period, m.kind));
    }
    // Rotations: the rules at their dates.
    for m in moves.iter().filter(|m| m.kind == MoveKind::Rotation) {
        let ctx = &ctxs[m.period];
        // H3 only on the plan date, never on an executed rotation (`cadre_movable`).
        let executed = sc.programme.as_ref().is_some_and(|p| {
            crate::programme::targets::executed(p, m.cadre, m.post, MoveKind::Rotation, m.period)
                .is_some()
        });
        for rule in RuleId::PAIRWISE {
            if rule == RuleId::H3 && (!crate::programme::h3_excludes(ctx.sc) || executed) {
                continue;
            }
            if let Err(b) = ctx.check_rule(rule, m.cadre, m.post) {
                out.push(v(
                    b.rule,
                    Some(m.cadre),
                    Some(m.post),
                    ProgrammeProblem::Rule {
                        at: at(m.period, periods),
                        placement: false,
                        why: b.detail,
                    },
                ));
            }
        }
    }
    // A forbidden pair in its period, a rotation or a placement alike (the planner has no
    // column for either).
    for m in &moves {
        if crate::programme::targets::forbidden_at(sc, m.cadre, m.post, m.period) {
            out.push(v(
                RuleId::S3,
                Some(m.cadre),
                Some(m.post),
                ProgrammeProblem::Forbidden {
                    at: at(m.period, periods),
                },
            ));
        }
    }
    // Per cadre: one rotation, the placement due, the rotation's length, the placement's rules.
    for c in 0..sc.cadres.len() as CadreIx {
        let mine = of.get(&c).cloned().unwrap_or_default();
        let rots: Vec<&Move> = mine
            .iter()
            .copied()
            .filter(|m| m.kind == MoveKind::Rotation)
            .collect();
        let plcs: Vec<&Move> = mine
            .iter()
            .copied()
            .filter(|m| m.kind == MoveKind::Placement)
            .collect();
        if rots.len() > 1 {
            out.push(v(
                RuleId::P2,
                Some(c),
                None,
                ProgrammeProblem::RotatesTwice { times: rots.len() },
            ));
        }
        let cadre = sc.cadre(c);
        let running_end = sc.running_rotation_end(c).filter(|&e| e <= last);
        // The placement due (see `Due`); whether one would be due but the cadre retires first.
        let mut retired_first = false;
        let mut unless_retired = |s: usize| {
            let due = retire(c).is_none_or(|r| r >= periods[s]);
            retired_first |= !due;
            due
        };
        let due: Option<Due> = match (running_end, rots.first()) {
            (Some(e), r) => {
                if let Some(r) = r {
                    out.push(v(
                        RuleId::P2,
                        Some(c),
                        Some(r.post),
                        ProgrammeProblem::RotatedWhileRunning {
                            at: at(r.period, periods),
                            ends: e,
                        },
                    ));
                }
                // A cadre retired by then is due no placement.
                first_period_on_or_after(e)
                    .filter(|&s| unless_retired(s))
                    .map(|s| (s, cadre.current_rank, None, None, false))
            }
            (None, Some(r)) => {
                // An executed rotation (history.csv) started on its own date, inside its
                // period: H4's months count from it. With an `end` it ends then; its length is
                // a fact of the history, not checked against `min_rotation_months`.
                let executed = executed_rotation(sc, c, r);
                let start = executed.map_or(periods[r.period], |h| h.start);
                let executed_end = executed.and_then(|h| h.end);
                let end = executed_end.unwrap_or_else(|| {
                    start
                        .checked_add_months(Months::new(sc.rules.min_rotation_months))
                        .unwrap_or(Date::MAX)
                });
                // A rotation that ends in retirement is due no placement.
                if end <= last {
                    first_period_on_or_after(end)
                        .filter(|&s| unless_retired(s))
                        .map(|s| {
                            (
                                s,
                                sc.post(r.post).rank,
                                cadre.current_unit,
                                Some(start).filter(|_| executed_end.is_none()),
                                true,
                            )
                        })
                } else {
                    None
                }
            }
            (None, None) => None,
        };
        match (due, plcs.as_slice()) {
            (None, []) => {}
            (None, ps) => {
                for p in ps {
                    // The rotation ends inside the programme but the cadre retires before the
                    // placement's date: H2, not a placement without a rotation.
                    let problem =
                        if retired_first && retire(c).is_some_and(|r| r < periods[p.period]) {
                            (
                                RuleId::H2,
                                ProgrammeProblem::Rule {
                                    at: at(p.period, periods),
                                    placement: true,
                                    why: Why::RetiredBeforePlacement {
                                        retires: retire(c),
                                        on: Some(periods[p.period]),
                                    },
                                },
                            )
                        } else {
                            (
                                RuleId::P1,
                                ProgrammeProblem::PlacementWithoutRotation {
                                    at: at(p.period, periods),
                                },
                            )
                        };
                    out.push(v(problem.0, Some(c), Some(p.post), problem.1));
                }
            }
            // A running rotation left without a placement is reported by name (the programme's
            // `unplaced`), not a breach: nothing in the programme can always place it.
            (Some((_, _, _, _, false)), []) => {}
            (Some((s, _, _, _, true)), []) => out.push(v(
                RuleId::P1,
                Some(c),
                None,
                ProgrammeProblem::NoPlacement {
                    due: at(s, periods),
                },
            )),
            (Some((s, held, _, start, _)), ps) => {
                if ps.len() > 1 {
                    out.push(v(
                        RuleId::P1,
                        Some(c),
                        None,
                        ProgrammeProblem::SeveralPlacements { count: ps.len() },
                    ));
                }
                let p = ps[0];
                if p.period != s {
                    out.push(v(
                        RuleId::P1,
                        Some(c),
                        Some(p.post),
                        ProgrammeProblem::PlacedInOtherPeriod {
                            at: at(p.period, periods),
                            due: at(s, periods),
                        },
                    ));
                }
                if let Some(start) = start {
                    let months = whole_months_between(start, periods[p.period]);
                    if months < sc.rules.min_rotation_months as i64 {
                        out.push(v(
                            RuleId::H4,
                            Some(c),
                            Some(p.post),
                            ProgrammeProblem::RotationShort {
                                start,
                                months,
                                on: periods[p.period],
                                min: sc.rules.min_rotation_months,
                            },
                        ));
                    }
                }
                let ctx = &ctxs[p.period];
                // H9's head terms as on the rotation's date: the cadre stopped heading their
                // unit when rotated (`programme::placement_breaches`); a running rotation's
                // cadre heads where they are until the placement.
                let terms = match (running_end, rots.first()) {
                    (None, Some(r)) => &ctxs[r.period],
                    _ => ctx,
                };
                let mut breaches = Vec::new();
                if retire(c).is_some_and(|r| r < periods[p.period]) {
                    breaches.push((
                        RuleId::H2,
                        Why::RetiredBeforePlacement {
                            retires: retire(c),
                            on: None,
                        },
                    ));
                }
                if let Err(b) = crate::rules::placement_level(cadre, sc.post(p.post), held) {
                    breaches.push((b.rule, b.detail));
                }
                // H8's years worked stop growing where the cadre left, as the terms do, and
                // grow where the rotation was: in the placement's province, they count.
                let post = sc.post(p.post);
                let more = match (running_end, rots.first()) {
                    (None, Some(r))
                        if sc.unit(sc.post(r.post).unit).province.is_some()
                            && sc.unit(sc.post(r.post).unit).province
                                == sc.unit(post.unit).province =>
                    {
                        crate::programme::rotation_years_before(
                            periods[r.period],
                            periods[p.period],
                        )
                    }
                    _ => 0.0,
                };
                let h8 = crate::rules::h8_not_local_after(
                    terms.sc,
                    terms.sc.cadre(c),
                    post,
                    sc.unit(post.unit),
                    more,
                );
                for rule in [RuleId::H8, RuleId::H9, RuleId::H10] {
                    let result = match rule {
                        RuleId::H8 => h8.clone(),
                        RuleId::H9 => terms.check_rule(rule, c, p.post),
                        _ => ctx.check_rule(rule, c, p.post),
                    };
                    if let Err(b) = result {
                        breaches.push((b.rule, b.detail));
                    }
                }
                for (rule, detail) in breaches {
                    out.push(v(
                        rule,
                        Some(c),
                        Some(p.post),
                        ProgrammeProblem::Rule {
                            at: at(p.period, periods),
                            placement: true,
                            why: detail,
                        },
                    ));
                }
            }
        }
        // One post at a time: a placement comes after the rotation.
        if let (Some(r), Some(p)) = (rots.first(), plcs.first())
            && p.period <= r.period
            && running_end.is_none()
        {
            out.push(v(
                RuleId::P2,
                Some(c),
                Some(p.post),
                ProgrammeProblem::PlacedBeforeRotation {
                    at: at(p.period, periods),
                    rotation: at(r.period, periods),
                },
            ));
        }
        let mut per_period: BTreeMap<usize, usize> = BTreeMap::new();
        for m in &mine {
            *per_period.entry(m.period).or_default() += 1;
        }
        for (&t, &n) in &per_period {
            if n > 1 {
                out.push(v(
                    RuleId::P2,
                    Some(c),
                    None,
                    ProgrammeProblem::SeveralMoves {
                        at: at(t, periods),
                        moves: n,
                    },
                ));
            }
        }
    }

    // Seats on every date: who sits where.
    let holders: BTreeMap<PostIx, CadreIx> = prog
        .holders
        .iter()
        .enumerate()
        .filter_map(|(p, h)| Some((p as PostIx, (*h)?)))
        .collect();
    // Whether holder `h` still sits on post `p` on period `t`'s date: not moved by then, and
    // before `vacant_from`, their retirement and the end of their running rotation (one that
    // ended before the plan date is their last, finished: they are in the post).
    let holder_there = |p: PostIx, h: CadreIx, t: usize| {
        let leaves = [
            sc.post(p).vacant_from,
            retire(h).and_then(|r| r.succ_opt()),
            sc.running_rotation_end(h),
        ]
        .into_iter()
        .flatten()
        .min();
        let moved = of
            .get(&h)
            .is_some_and(|ms| ms.iter().any(|m| m.period <= t));
        !moved && leaves.is_none_or(|l| periods[t] < l)
    };
    // Where the cadre's last moves on or before period `t` put them, if they are still there:
    // two moves in one period (a P2 breach) each claim their seat, so that a seat they
    // overfill is said too.
    let moved_to = |c: CadreIx, ms: &[&Move], t: usize| -> Vec<PostIx> {
        let Some(last) = ms.iter().filter(|m| m.period <= t).map(|m| m.period).max() else {
            return Vec::new();
        };
        // Retired, from either move (a rotation that ends in retirement frees its seat).
        if retire(c).is_some_and(|r| r < periods[t]) {
            return Vec::new();
        }
        let mut posts: Vec<PostIx> = ms
            .iter()
            .filter(|m| m.period == last)
            .map(|m| m.post)
            .collect();
        posts.sort_unstable();
        posts.dedup();
        posts
    };
    // Each post's moved occupants by period (cadre order), one pass over the cadres a period:
    // scanning every cadre for every post took 13 s of a national programme's check.
    let mut moved_in: Vec<Vec<CadreIx>> = vec![Vec::new(); sc.posts.len() * n_t];
    for t in 0..n_t {
        for (&c, ms) in &of {
            for p in moved_to(c, ms, t) {
                moved_in[p as usize * n_t + t].push(c);
            }
        }
    }
    for p in 0..sc.posts.len() as PostIx {
        let post = sc.post(p);
        for (t, &d) in periods.iter().enumerate() {
            let mut who: Vec<Occupant> = Vec::new();
            let before = match holders.get(&p) {
                Some(&h) if holder_there(p, h, t) => {
                    who.push(Occupant::Holder(sc.cadre(h).id.clone()));
                    1
                }
                Some(_) => 0,
                None if post.vacant_from.is_some_and(|f| d < f) => {
                    who.push(Occupant::Present {
                        until: post.vacant_from.unwrap_or(d),
                    });
                    post.seats
                }
                None => 0,
            };
            let mut n = before;
            for &c in &moved_in[p as usize * n_t + t] {
                n += 1;
                who.push(Occupant::Cadre(sc.cadre(c).id.clone()));
            }
            if n > post.seats {
                out.push(v(
                    RuleId::H7,
                    None,
                    Some(p),
                    ProgrammeProblem::OverSeats {
                        at: at(t, periods),
                        count: n,
                        seats: post.seats,
                        who,
                    },
                ));
            }
        }
    }

    // H10 on every date, between the occupants after the moves up to that date: the cadres the
    // programme moved where their last move put them, and the holders still on their posts. A
    // conflict between two holders neither of whom moved is not the programme's doing (and the
    // pair rule already keeps a moved cadre out of a sensitive post under a leading relative).
    let mut reported: BTreeSet<(CadreIx, PostIx, CadreIx, PostIx)> = BTreeSet::new();
    for t in 0..n_t {
        // cadre → (post, moved by the programme)
        let mut sits: BTreeMap<CadreIx, (PostIx, bool)> = BTreeMap::new();
        for (&p, &h) in &holders {
            if holder_there(p, h, t) {
                sits.insert(h, (p, false));
            }
        }
        for (&c, ms) in &of {
            if let Some(&p) = moved_to(c, ms, t).last() {
                sits.insert(c, (p, true));
            }
        }
        for (&a, &(pa, moved_a)) in &sits {
            for &b in &sc.cadre(a).relatives {
                let Some(&(pb, moved_b)) = sits.get(&b) else {
                    continue;
                };
                if !(moved_a || moved_b) || !conflicts(sc, (a, pa), (b, pb)) {
                    continue;
                }
                let key = if a < b {
                    (a, pa, b, pb)
                } else {
                    (b, pb, a, pa)
                };
                if !reported.insert(key) {
                    continue;
                }
                // The violation names a move: a holder who did not move comes second.
                let (c1, p1, c2, p2) = if moved_a && moved_b {
                    key
                } else if moved_a {
                    (a, pa, b, pb)
                } else {
                    (b, pb, a, pa)
                };
                out.push(v(
                    RuleId::H10,
                    Some(c1),
                    Some(p1),
                    ProgrammeProblem::Relatives {
                        at: at(t, periods),
                        unit: sc.post_unit(p1).id.clone(),
                        first: (sc.cadre(c1).id.clone(), sc.post(p1).id.clone()),
                        second: (sc.cadre(c2).id.clone(), sc.post(p2).id.clone()),
                        holder: !(moved_a && moved_b),
                    },
                ));
            }
        }
    }

    // S1 per period.
    let mut leaving: BTreeMap<(usize, UnitIx), Vec<CadreIx>> = BTreeMap::new();
    for m in moves.iter().filter(|m| m.kind == MoveKind::Rotation) {
        if let Some(u) = sc.cadre(m.cadre).current_unit {
            leaving.entry((m.period, u)).or_default().push(m.cadre);
        }
    }
    for (&(t, u), cs) in &leaving {
        if cs.len() as u32 > prog.max_departures_per_period {
            let ids: Vec<&str> = cs.iter().map(|&c| sc.cadre(c).id.as_str()).collect();
            out.push(Violation {
                rule: RuleId::S1,
                cadre: None,
                post: None,
                detail: Problem::Programme(ProgrammeProblem::Departures {
                    at: at(t, periods),
                    unit: sc.unit(u).id.clone(),
                    max: prog.max_departures_per_period,
                    cadres: ids.iter().map(|s| s.to_string()).collect(),
                }),
            });
        }
    }
    // Hard programme targets (S6), must-fill posts (S5) and pins (S2), on the moves alone.
    let tl = crate::programme::Timeline {
        periods: periods.clone(),
        at: scs,
    };
    for r in crate::programme::targets::results(sc, &tl, &moves) {
        if r.hard && !r.met {
            use crate::programme::targets::TargetKind;
            let rule = match r.kind {
                TargetKind::Pin { .. } => RuleId::S2,
                TargetKind::MustFill { .. } => RuleId::S5,
                _ => RuleId::S6,
            };
            out.push(Violation {
                rule,
                cadre: r.cadre.clone(),
                post: r.post.clone(),
                detail: Problem::Programme(ProgrammeProblem::Missed(r)),
            });
        }
    }
    out
}

/// The lexicographic levels of a programme that its moves do not bear out, as (name, value
/// recomputed from the moves, what the level claims): every level's value must be at least the
/// row it was kept at for the later levels, and the last level's value must equal its optimum
/// (the backend's objective on the last solve). Recomputed from the moves alone
/// (`programme::replan::level_values`).
pub fn levels(
    sc: &Scenario,
    moves: &[Move],
    levels: &[crate::solve::lexicographic::LevelOutcome],
) -> Vec<(String, f64, f64)> {
    let Some(tl) = crate::programme::Timeline::new(sc) else {
        return Vec::new();
    };
    let previous = sc
        .programme
        .as_ref()
        .and_then(|p| p.replan.previous.as_deref());
    let values = crate::programme::replan::level_values(sc, &tl, moves, previous);
    super::level_breaches(&values, levels)
}
