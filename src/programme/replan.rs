//! Lexicographic levels and re-planning of a programme, as data: what each objective term of
//! `scoring::level_names` is worth for a column and for a whole programme (the yardstick the
//! levels of `solve::lexicographic` are checked against), the columns the executed moves of the
//! history must take, and the changes from the previous programme with their reason. No sentences
//! (`report::programme` words them) and no solver.

use super::plan::{back_to_origin, evaluate, rotated_cadres, unplaced_cadres};
use super::{Columns, Move, MoveKind, PlacementCol, RotationCol, Timeline};
use crate::domain::{CadreIx, HistoryMove, Scenario};
use crate::scoring::{self, TERMS};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The name of the re-planning level that counts the changes from the previous programme.
pub const CHANGES: &str = "changes";
/// The name of the level that is the weighted sum of every term (the objective without
/// `objective:`).
pub use crate::scoring::WEIGHTED;

/// The part `name` of a rotation column's score (0 for a name a rotation has no part of).
pub fn rotation_part(sc: &Scenario, r: &RotationCol, name: &str) -> f64 {
    TERMS
        .iter()
        .find(|t| t.name == name)
        .map_or(0.0, |t| t.weighted(&r.terms, &sc.weights))
}

/// The part `name` of a placement's score: its staffing and fit (weighted as a rotation's), less
/// the origin penalty back into the unit of origin (see `programme::placement_score`).
pub fn placement_part(
    sc: &Scenario,
    c: CadreIx,
    p: crate::domain::PostIx,
    to_origin: bool,
    name: &str,
) -> f64 {
    let w = &sc.weights;
    let post = sc.post(p);
    match name {
        "staffing" => w.staffing * scoring::staffing(post, sc.post_unit(p)),
        "fit" => w.fit * scoring::fit(sc.cadre(c), post),
        "origin" if to_origin => -sc.programme.as_ref().map_or(0.0, |x| x.origin_penalty),
        _ => 0.0,
    }
}

/// The part `name` of a placement column's score.
pub fn placement_col_part(sc: &Scenario, x: &PlacementCol, name: &str) -> f64 {
    placement_part(sc, x.cadre, x.post, x.to_origin, name)
}

/// The value of every level name (`scoring::level_names`) of the programme `moves`, from the
/// moves alone: the parts of `plan::evaluate`'s total, which they sum to. `changes` is added when
/// `previous` is given (minus the number of cadres whose moves differ), `weighted` is the total.
pub fn level_values(
    sc: &Scenario,
    tl: &Timeline,
    moves: &[Move],
    previous: Option<&[Move]>,
) -> BTreeMap<&'static str, f64> {
    let mut out: BTreeMap<&'static str, f64> = scoring::level_names().map(|n| (n, 0.0)).collect();
    let rotated = rotated_cadres(moves);
    for m in moves {
        match m.kind {
            MoveKind::Rotation => {
                let terms = scoring::pair_terms(&tl.at[m.period], m.cadre, m.post);
                for t in TERMS {
                    *out.entry(t.name).or_default() += t.weighted(&terms, &sc.weights);
                }
            }
            MoveKind::Placement => {
                let to_origin = back_to_origin(sc, &rotated, m);
                for (name, v) in out.iter_mut() {
                    *v += placement_part(sc, m.cadre, m.post, to_origin, name);
                }
            }
        }
    }
    let o = evaluate(sc, tl, moves);
    debug_assert_eq!(
        unplaced_cadres(sc, tl, moves).len() as f64
            * sc.programme.as_ref().map_or(0.0, |p| p.unplaced_penalty),
        o.unplaced
    );
    out.insert("unplaced", -o.unplaced);
    out.insert("smoothing", -o.smoothing);
    out.insert(WEIGHTED, o.total);
    if let Some(prev) = previous {
        out.insert(CHANGES, -(changed_cadres(prev, moves).len() as f64));
    }
    out
}

/// The moves of each cadre, sorted.
fn by_cadre(moves: &[Move]) -> BTreeMap<CadreIx, Vec<Move>> {
    let mut out: BTreeMap<CadreIx, Vec<Move>> = BTreeMap::new();
    for m in moves {
        out.entry(m.cadre).or_default().push(m.clone());
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

/// The cadres whose moves (post, kind or period) differ between `before` and `after`.
pub fn changed_cadres(before: &[Move], after: &[Move]) -> Vec<CadreIx> {
    let (b, a) = (by_cadre(before), by_cadre(after));
    let cadres: BTreeSet<CadreIx> = b.keys().chain(a.keys()).copied().collect();
    cadres
        .into_iter()
        .filter(|c| b.get(c) != a.get(c))
        .collect()
}

/// Why a cadre's moves differ from the previous programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeReason {
    /// The history fixes a move of the cadre that the previous programme did not have.
    HistoryFixed,
    /// A move of the previous programme no longer passes the rules on its date, or its post or
    /// period is gone (the tables or the settings changed).
    DataChanged,
    /// A previous move is in a period over on the re-plan's date (`programme.as_of`) and the
    /// history does not hold it: it was not made.
    PeriodOver,
    /// An executed move the previous programme did not have put another cadre on the post of
    /// one of this cadre's previous moves.
    HistoryTookSeat,
    /// The previous moves are still possible: the new ones are worth more (or needed to make room
    /// for a fixed or changed move).
    BetterValue,
}

/// A cadre whose moves differ from the previous programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    #[serde(skip)]
    pub cadre: CadreIx,
    #[serde(skip)]
    pub before: Vec<Move>,
    #[serde(skip)]
    pub after: Vec<Move>,
    pub reason: ChangeReason,
}

/// The changes from `previous` to `moves`, by cadre, with their reason.
pub fn changes(
    sc: &crate::domain::Scenario,
    cols: &Columns,
    (history, open_from): (&[HistoryMove], usize),
    previous: &[Move],
    moves: &[Move],
) -> Vec<Change> {
    let (b, a) = (by_cadre(previous), by_cadre(moves));
    changed_cadres(previous, moves)
        .into_iter()
        .map(|c| {
            let before = b.get(&c).cloned().unwrap_or_default();
            let after = a.get(&c).cloned().unwrap_or_default();
            // An executed move the previous programme lacked, or one it had (in the same
            // period) whose real date moved what follows it (the placement's period).
            let lost = || before.iter().any(|m| column_of(cols, m).is_none());
            // An executed rotation whose real dates put its placement in another period than
            // the previous programme's placement (it started later than its period's date).
            let moved_placement = || {
                let Some(prog) = sc.programme.as_ref() else {
                    return false;
                };
                history
                    .iter()
                    .filter(|h| h.cadre == c && h.kind == MoveKind::Rotation)
                    .any(|h| {
                        let end = h.rotation_end(sc.rules.min_rotation_months);
                        let due = super::placement_due(sc, prog, c, end);
                        before.iter().any(|m| {
                            m.kind == MoveKind::Placement
                                && m.period > h.period
                                && Some(m.period) != due
                        })
                    })
            };
            let fixed = history
                .iter()
                .any(|h| h.cadre == c && !before.iter().any(|m| same(h, m)))
                || (history.iter().any(|h| h.cadre == c) && (lost() || moved_placement()));
            // An executed move of another cadre, new to the previous programme, onto the post of
            // one of this cadre's previous moves.
            let took = || {
                before.iter().any(|m| {
                    history.iter().any(|h| {
                        h.cadre != c
                            && h.post == m.post
                            && h.period <= m.period
                            && !previous.iter().any(|p| same(h, p))
                    })
                })
            };
            let not_made = before
                .iter()
                .any(|m| m.period < open_from && !history.iter().any(|h| same(h, m)));
            let reason = if fixed {
                ChangeReason::HistoryFixed
            } else if not_made {
                ChangeReason::PeriodOver
            } else if lost() {
                ChangeReason::DataChanged
            } else if took() {
                ChangeReason::HistoryTookSeat
            } else {
                ChangeReason::BetterValue
            };
            Change {
                cadre: c,
                before,
                after,
                reason,
            }
        })
        .collect()
}

fn same(h: &HistoryMove, m: &Move) -> bool {
    h.cadre == m.cadre && h.post == m.post && h.kind == m.kind && h.period == m.period
}

/// The move of a history row.
pub fn history_move(h: &HistoryMove) -> Move {
    Move {
        cadre: h.cadre,
        post: h.post,
        kind: h.kind,
        period: h.period,
    }
}

/// The x column (rotations first, then placements, as in the programme's model) of move `m`,
/// if the rules allow it.
pub fn column_of(cols: &Columns, m: &Move) -> Option<usize> {
    match m.kind {
        MoveKind::Rotation => cols
            .rotations
            .iter()
            .position(|r| r.cadre == m.cadre && r.post == m.post && r.period == m.period),
        MoveKind::Placement => cols
            .placements
            .iter()
            .position(|x| x.cadre == m.cadre && x.post == m.post && x.period == m.period)
            .map(|k| cols.rotations.len() + k),
    }
}

/// An executed move the rules or the seats of this programme leave no column for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unkeepable {
    /// The line of history.csv.
    pub line: usize,
    #[serde(skip)]
    pub cadre: CadreIx,
    #[serde(skip)]
    pub post: crate::domain::PostIx,
    pub kind: MoveKind,
    pub period: usize,
}

/// The x columns of the executed moves, or the moves that have none.
pub fn history_columns(
    cols: &Columns,
    history: &[HistoryMove],
) -> Result<Vec<usize>, Vec<Unkeepable>> {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for h in history {
        match column_of(cols, &history_move(h)) {
            Some(k) => ok.push(k),
            None => bad.push(Unkeepable {
                line: h.line,
                cadre: h.cadre,
                post: h.post,
                kind: h.kind,
                period: h.period,
            }),
        }
    }
    if bad.is_empty() { Ok(ok) } else { Err(bad) }
}

/// For the changes level: each cadre of the previous programme with the x columns of its previous
/// moves (`None`: a move has no column any more, so the cadre changes whatever is planned), and
/// the x columns that move a cadre the previous programme did not move.
pub struct PreviousColumns {
    pub kept: Vec<(CadreIx, Option<Vec<usize>>)>,
    pub new_movers: Vec<usize>,
}

/// See [`PreviousColumns`].
pub fn previous_columns(cols: &Columns, previous: &[Move]) -> PreviousColumns {
    let prev = by_cadre(previous);
    let kept = prev
        .iter()
        .map(|(&c, ms)| (c, ms.iter().map(|m| column_of(cols, m)).collect()))
        .collect();
    // A cadre moves when it rotates (a placement follows a rotation), or, with a running
    // rotation, when it is placed.
    let running: BTreeSet<CadreIx> = cols.running.iter().map(|r| r.cadre).collect();
    let mut new_movers: Vec<usize> = cols
        .rotations
        .iter()
        .enumerate()
        .filter(|(_, r)| !prev.contains_key(&r.cadre))
        .map(|(k, _)| k)
        .collect();
    new_movers.extend(
        cols.placements
            .iter()
            .enumerate()
            .filter(|(_, x)| running.contains(&x.cadre) && !prev.contains_key(&x.cadre))
            .map(|(k, _)| cols.rotations.len() + k),
    );
    PreviousColumns { kept, new_movers }
}

/// The holder of the post of the executed move `u`, when `u`'s period is over on the re-plan's
/// date and the holder has no move in the history by then: the planner cannot move them there,
/// so no seat is free for `u` (the note names them).
pub fn holder_stays(prog: &crate::domain::Programme, u: &Unkeepable) -> Option<CadreIx> {
    let h = prog.holders.get(u.post as usize).copied().flatten()?;
    let moved = prog
        .replan
        .history
        .iter()
        .any(|x| x.cadre == h && x.period <= u.period);
    (prog.is_over(u.period) && !moved).then_some(h)
}

/// A post whose seats the history's executed moves overfill in a period, on the model's own
/// occupancy: the moves there (history lines, cadres) and, when a holder keeps a seat, who.
#[derive(Debug, Clone, PartialEq)]
pub struct Overfilled {
    pub post: crate::domain::PostIx,
    pub period: usize,
    pub seats: u32,
    /// The executed moves on the post in the period (arrived by then, not left), line order.
    pub moves: Vec<(usize, CadreIx)>,
    /// The post's holder, who has no executed move by then in a period that is over.
    pub holder: Option<CadreIx>,
    /// Without a holder: the seats are taken until this date (posts.csv `vacant_from`).
    pub taken_until: Option<crate::domain::Date>,
}

/// The posts the history's executed moves overfill (the first period of each), as the model
/// counts the seats: an executed move holds the post from its period until the cadre's next
/// executed move; a holder keeps a seat (`Columns::occupancy`) until they move, and in a period
/// over on `as_of` only an executed move can move them. Why a history "cannot all hold", named.
pub fn overfilled_seats(sc: &Scenario, tl: &Timeline, cols: &Columns) -> Vec<Overfilled> {
    let Some(prog) = sc.programme.as_ref() else {
        return Vec::new();
    };
    let history = &prog.replan.history;
    let mut first_moved: BTreeMap<CadreIx, usize> = BTreeMap::new();
    let mut of_post: BTreeMap<crate::domain::PostIx, Vec<&HistoryMove>> = BTreeMap::new();
    let mut of_cadre: BTreeMap<CadreIx, Vec<&HistoryMove>> = BTreeMap::new();
    for h in history {
        let t = first_moved.entry(h.cadre).or_insert(h.period);
        *t = (*t).min(h.period);
        of_post.entry(h.post).or_default().push(h);
        of_cadre.entry(h.cadre).or_default().push(h);
    }
    // Whether the cadre of `h` has left its post by period `t` (a later executed move by then).
    let left = |h: &HistoryMove, t: usize| {
        of_cadre[&h.cadre]
            .iter()
            .any(|x| x.start > h.start && x.period <= t)
    };
    let mut out = Vec::new();
    for (&p, rows) in &of_post {
        let Some(o) = cols.occupancy.get(p as usize) else {
            continue;
        };
        let seats = sc.post(p).seats;
        for t in 0..tl.periods.len() {
            let mut moves: Vec<(usize, CadreIx)> = rows
                .iter()
                .filter(|h| h.period <= t && !left(h, t))
                .map(|h| (h.line, h.cadre))
                .collect();
            let moved = |h: CadreIx| first_moved.get(&h).is_some_and(|&f| f <= t);
            let taken = match o.holder {
                Some(h) if !prog.is_over(t) || moved(h) => 0,
                _ => o.taken_on(tl.periods[t]),
            };
            if moves.len() as u32 + taken > seats {
                moves.sort_unstable();
                out.push(Overfilled {
                    post: p,
                    period: t,
                    seats,
                    moves,
                    holder: o.holder.filter(|_| taken > 0),
                    taken_until: o.until.filter(|_| taken > 0 && o.holder.is_none()),
                });
                break;
            }
        }
    }
    out
}

/// The first rule the executed move `u` breaks on its date (a rotation: the cadre's rules and the
/// pairwise ones; a placement: the placement rules after the rank of the cadre's executed
/// rotation, or the current rank), `None` when it passes them (then no seat is free for it, or no
/// placement can follow it).
pub fn unkeepable_breach(
    sc: &Scenario,
    tl: &Timeline,
    history: &[HistoryMove],
    u: &Unkeepable,
) -> Option<crate::rules::Breach> {
    let ctx = crate::rules::RuleContext::new(tl.at.get(u.period)?);
    match u.kind {
        // An executed rotation is not held to H3 (`cadre_movable`).
        MoveKind::Rotation => super::cadre_movable(&ctx, u.cadre)
            .err()
            .filter(|b| b.rule != crate::rules::RuleId::H3)
            .or_else(|| {
                super::rotation_breaches(&ctx, u.cadre, u.post)
                    .into_iter()
                    .find(|b| b.rule != crate::rules::RuleId::H3)
            }),
        MoveKind::Placement => {
            let rotation = history
                .iter()
                .find(|h| h.cadre == u.cadre && h.kind == MoveKind::Rotation);
            let held = rotation.map_or(sc.cadre(u.cadre).current_rank, |h| sc.post(h.post).rank);
            // H9's terms as on the rotation's date (`placement_breaches`).
            let terms = rotation
                .and_then(|h| tl.at.get(h.period))
                .map(crate::rules::RuleContext::new);
            super::placement_breaches(&ctx, terms.as_ref().unwrap_or(&ctx), u.cadre, u.post, held)
                .into_iter()
                .next()
        }
    }
}
