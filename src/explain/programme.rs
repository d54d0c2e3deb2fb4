//! "Why is cadre X not rotated in 2028?" for a programme: the cadre's rules evaluated on that
//! period's date (the scenario at the date, `programme::scenario_at`), what the programme already
//! does with the cadre (moved once, placed after a running rotation), the posts of the cadre's
//! ranks by the rule that excludes each, the unit's departures that period, and — as every exact
//! answer here — a re-solve: the programme with the cadre forced to rotate in that period, its
//! objective compared with the programme's (both recomputed from the moves). Data only;
//! `report::explain_period` words it.

use crate::domain::{CadreIx, Date, Scenario};
use crate::programme::plan::ProgrammePlan;
use crate::programme::{self as prog, Move, MoveKind, Timeline};
use crate::rules::{Breach, RuleContext, RuleId};
use crate::solve::SolveStatus;
use serde::Serialize;
use std::collections::BTreeMap;

/// A period as people count it (from 1, as the text, programme.csv and programme.json do); the
/// index stays 0-based inside.
fn one_based<S: serde::Serializer>(p: &usize, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(*p as u64 + 1)
}

/// A move the programme makes with the cadre.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedMove {
    pub kind: MoveKind,
    #[serde(serialize_with = "one_based")]
    pub period: usize,
    pub date: Date,
    pub post: String,
    pub unit: String,
}

/// One reason, as facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PeriodFinding {
    /// A rule on the cadre alone broken on the date (H1; H2 at its lower threshold; H4; H3 on the
    /// plan date only).
    Cadre { breach: Breach },
    /// H3 after the plan date: the certificate is too old on the date, so a renewed one is a
    /// condition of the move (not an exclusion).
    NeedsCertificate { issued: Option<Date> },
    /// A running rotation (cadres.csv `rotation_end`) ends inside the programme: the cadre is
    /// placed after it, in `period`, not rotated again (P2).
    PlacedAfterRunning {
        ends: Date,
        #[serde(serialize_with = "one_based")]
        period: usize,
        date: Date,
    },
    /// A move of the cadre is executed (the history's line `line`): fixed, the programme keeps
    /// it, so the cadre is not rotated in another period (P2) and no re-solve can change it.
    Executed {
        move_kind: MoveKind,
        #[serde(serialize_with = "one_based")]
        period: usize,
        date: Date,
        post: String,
        line: usize,
    },
    /// The period is over on the re-plan's date (`programme.as_of`): only the executed moves
    /// are made in it.
    PeriodOver { as_of: Date },
    /// The programme rotates the cadre in another period, and a cadre rotates once (P2).
    RotatedInOtherPeriod {
        #[serde(serialize_with = "one_based")]
        period: usize,
        date: Date,
        post: String,
    },
    /// The posts of the cadre's ranks on the date: how many pass every rule, and for the others
    /// the first rule each breaks, counted per rule with one example.
    Posts {
        looked: usize,
        eligible: usize,
        by_rule: Vec<RuleCount>,
    },
    /// Eligible posts the scenario forbids the cadre in that period (S3, `forbids:` with or
    /// without `period:`).
    Forbidden { posts: Vec<String> },
    /// Eligible posts that would seat the cadre beside a relative in one unit on the date, one
    /// leading it and the other in a sensitive post (H10 across the programme: the relative is
    /// there by the programme or as the post's holder).
    Relative {
        post: String,
        relative: String,
        relative_post: String,
        unit: String,
    },
    /// Eligible posts, but none has a seat that can be free on the date.
    NoSeat { eligible: usize },
    /// A rotation in the period would end inside the programme, and no post can take the
    /// placement that must follow it: on that period's date every post of the ranks the
    /// placement allows breaks a rule, counted per rule with one example.
    NoPlacement {
        #[serde(serialize_with = "one_based")]
        period: usize,
        date: Date,
        looked: usize,
        by_rule: Vec<RuleCount>,
        /// Posts that pass the rules but the scenario forbids the cadre then (S3).
        forbidden: Vec<String>,
    },
    /// The cadre's unit already sends the most cadres the period allows (S1 per period).
    DeparturesFull {
        unit: String,
        max: u32,
        cadres: Vec<String>,
    },
}

/// Posts excluded by one rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleCount {
    pub rule: RuleId,
    pub posts: usize,
    pub example: Breach,
}

impl RuleCount {
    /// One more post excluded by `b`'s rule (the first such breach is the example).
    fn count(by_rule: &mut BTreeMap<RuleId, RuleCount>, b: Breach) {
        by_rule
            .entry(b.rule)
            .or_insert(RuleCount {
                rule: b.rule,
                posts: 0,
                example: b,
            })
            .posts += 1;
    }
}

/// The programme re-solved with the cadre forced to rotate in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForcedRotation {
    pub status: SolveStatus,
    /// Both solves proven optimal: the cost is exact.
    pub proven: bool,
    pub objective_before: Option<f64>,
    pub objective_after: Option<f64>,
    /// before − after: the objective the programme loses by rotating the cadre then.
    pub cost: Option<f64>,
    /// The post the re-solve gives the cadre.
    pub post: Option<String>,
    /// Moves of the programme that differ in the re-solve, each once ([`moves_that_differ`]).
    pub changed: usize,
}

/// The answer to "why not cadre X in period t".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodExplanation {
    pub cadre: String,
    pub cadre_name: String,
    #[serde(serialize_with = "one_based")]
    pub period: usize,
    pub date: Date,
    /// The retirement date (Decree 135) and the whole months of service left on the date.
    pub retirement: Option<Date>,
    pub months_left: i64,
    /// The programme's own status and the cadre's moves in it.
    pub status: SolveStatus,
    pub moves: Vec<PlannedMove>,
    /// Rotated in that very period by the programme (then the findings say what it met).
    pub rotated_then: bool,
    pub findings: Vec<PeriodFinding>,
    /// `None` when no re-solve was made (rotated then already, or no rotation in that period
    /// passes the rules and seats: the findings say why).
    pub forced: Option<ForcedRotation>,
}

/// A period named by the user: a year (the first period that starts in it) or a date (the period
/// in force on it: the last starting on or before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Year(i32),
    Date(Date),
}

/// The period index `w` names, or `None`: a date after the programme's `end` is in no period.
pub fn period_of(periods: &[Date], end: Date, w: When) -> Option<usize> {
    use chrono::Datelike;
    match w {
        When::Year(y) => periods.iter().position(|d| d.year() == y),
        When::Date(d) if d > end => None,
        When::Date(d) => periods.iter().rposition(|&p| p <= d),
    }
}

/// [`PeriodFinding::NoPlacement`] when a rotation of `c` in period `t` onto a post of one of
/// `ranks` would end inside the programme and no post passes the placement's rules on that
/// period's date after any of those ranks (H9's terms counted to `t`, as the planner does).
fn no_placement_after(
    sc: &Scenario,
    tl: &Timeline,
    ctxs: &[RuleContext],
    c: CadreIx,
    t: usize,
    ranks: &std::collections::BTreeSet<i32>,
) -> Option<PeriodFinding> {
    let programme = sc.programme.as_ref()?;
    let end = prog::rotation_end(sc, tl.periods[t]);
    if end > *tl.periods.last()? {
        return None;
    }
    let s = prog::placement_due(sc, programme, c, end)?;
    let mut by_rule: BTreeMap<RuleId, RuleCount> = BTreeMap::new();
    let mut looked = 0;
    let mut forbidden = Vec::new();
    for (p, post) in sc.posts.iter().enumerate() {
        let after: Vec<i32> = ranks
            .iter()
            .copied()
            .filter(|&h| prog::placement_ranks(h).contains(&post.rank))
            .collect();
        if after.is_empty() {
            continue;
        }
        looked += 1;
        let p = p as crate::domain::PostIx;
        let mut first = None;
        for h in after {
            match prog::placement_breaches(&ctxs[s], &ctxs[t], c, p, h)
                .into_iter()
                .next()
            {
                None if crate::programme::targets::forbidden_at(sc, c, p, s) => {
                    forbidden.push(post.id.clone());
                    first = None;
                    break;
                }
                None => return None,
                Some(b) => {
                    first.get_or_insert(b);
                }
            }
        }
        if let Some(b) = first {
            RuleCount::count(&mut by_rule, b);
        }
    }
    Some(PeriodFinding::NoPlacement {
        period: s,
        date: tl.periods[s],
        looked,
        by_rule: by_rule.into_values().collect(),
        forbidden,
    })
}

/// Why cadre `c` is (not) rotated in period `t` of the programme `base` of `sc`.
pub fn explain_period(
    sc: &Scenario,
    base: &ProgrammePlan,
    c: CadreIx,
    t: usize,
) -> PeriodExplanation {
    let tl = Timeline::new(sc).expect("a programme scenario");
    let ctxs = tl.contexts();
    let ctx: &RuleContext = &ctxs[t];
    let cadre = sc.cadre(c);
    let date = tl.periods[t];
    let moves: Vec<PlannedMove> = base
        .moves
        .iter()
        .filter(|m| m.cadre == c)
        .map(|m| PlannedMove {
            kind: m.kind,
            period: m.period,
            date: tl.periods[m.period],
            post: sc.post(m.post).id.clone(),
            unit: sc.post_unit(m.post).id.clone(),
        })
        .collect();
    let rotated_then = moves
        .iter()
        .any(|m| m.kind == MoveKind::Rotation && m.period == t);
    let mut findings = Vec::new();

    // The cadre alone, on the date.
    if let Err(b) = prog::cadre_movable(ctx, c) {
        findings.push(PeriodFinding::Cadre { breach: b });
    } else if t > 0 {
        // H2 short of every post's threshold (the posts' own are counted per post below): the
        // lower one only where a post applies it (not-local, or the cadre at the term limit).
        if let Err(b) =
            crate::rules::h2_over_posts(ctx.sc, &ctx.facts[c as usize], ctx.sc.posts.iter())
        {
            findings.push(PeriodFinding::Cadre { breach: b });
        }
    }
    if prog::needs_certificate(ctx, c) {
        findings.push(PeriodFinding::NeedsCertificate {
            issued: cadre.health_cert_date,
        });
    }
    let programme = sc.programme.as_ref().expect("a programme scenario");
    if let Some(r) = prog::running(sc, programme)
        .into_iter()
        .find(|r| r.cadre == c)
    {
        findings.push(PeriodFinding::PlacedAfterRunning {
            ends: programme
                .replan
                .written_end(c, Some(r.end))
                .unwrap_or(r.end),
            period: r.period,
            date: tl.periods[r.period],
        });
    }
    if let (true, Some(as_of)) = (programme.is_over(t), programme.replan.as_of) {
        findings.push(PeriodFinding::PeriodOver { as_of });
    }
    // The executed moves (history.csv) of the cadre: facts, kept whatever is asked.
    let executed: Vec<&crate::domain::HistoryMove> = programme
        .replan
        .history
        .iter()
        .filter(|h| h.cadre == c)
        .collect();
    for h in &executed {
        findings.push(PeriodFinding::Executed {
            move_kind: h.kind,
            period: h.period,
            date: h.start,
            post: sc.post(h.post).id.clone(),
            line: h.line,
        });
    }
    let is_executed = |m: &PlannedMove| {
        executed
            .iter()
            .any(|h| h.kind == m.kind && h.period == m.period && sc.post(h.post).id == m.post)
    };
    for m in &moves {
        if m.kind == MoveKind::Rotation && m.period != t && !is_executed(m) {
            findings.push(PeriodFinding::RotatedInOtherPeriod {
                period: m.period,
                date: m.date,
                post: m.post.clone(),
            });
        }
    }

    // The posts of the cadre's ranks, by the first rule each breaks on the date.
    let up = if cadre.outstanding {
        sc.rules.outstanding_rank_up.max(0)
    } else {
        0
    };
    let ranks = cadre.current_rank..=cadre.current_rank.saturating_add(up);
    let mut looked = 0;
    let mut eligible = 0;
    let mut by_rule: BTreeMap<RuleId, RuleCount> = BTreeMap::new();
    let mut forbidden = Vec::new();
    let mut beside = Vec::new();
    // Where each relative of the cadre sits on the date: the post of their last move of the
    // programme by then, else the post they hold (posts.csv holder_id) while it is theirs.
    let relatives: Vec<(CadreIx, crate::domain::PostIx)> = cadre
        .relatives
        .iter()
        .filter_map(|&b| {
            let moved = base
                .moves
                .iter()
                .filter(|m| m.cadre == b && m.period <= t)
                .max_by_key(|m| (m.period, m.kind == MoveKind::Placement))
                .map(|m| m.post);
            let held = || {
                programme
                    .holders
                    .iter()
                    .position(|h| *h == Some(b))
                    .map(|p| p as crate::domain::PostIx)
                    .filter(|&p| prog::occupancy(sc, programme, ctx, p).taken_on(date) > 0)
            };
            Some((b, moved.or_else(held)?))
        })
        .collect();
    let mut eligible_ranks = std::collections::BTreeSet::new();
    for (p, post) in sc.posts.iter().enumerate() {
        if !ranks.contains(&post.rank) {
            continue;
        }
        looked += 1;
        let pix = p as crate::domain::PostIx;
        match prog::rotation_breaches(ctx, c, pix).into_iter().next() {
            None => {
                eligible += 1;
                eligible_ranks.insert(post.rank);
                if crate::programme::targets::forbidden_at(sc, c, pix, t) {
                    forbidden.push(post.id.clone());
                }
                if let Some(&(b, pb)) = relatives
                    .iter()
                    .find(|&&(b, pb)| crate::rules::family::conflicts(sc, (c, pix), (b, pb)))
                {
                    beside.push(PeriodFinding::Relative {
                        post: post.id.clone(),
                        relative: sc.cadre(b).id.clone(),
                        relative_post: sc.post(pb).id.clone(),
                        unit: sc.post_unit(pix).id.clone(),
                    });
                }
            }
            Some(b) => RuleCount::count(&mut by_rule, b),
        }
    }
    findings.push(PeriodFinding::Posts {
        looked,
        eligible,
        by_rule: by_rule.into_values().collect(),
    });
    // Posts that only a forbid or a relative keeps out are not the seats' doing.
    let kept_out: std::collections::BTreeSet<&String> = forbidden
        .iter()
        .chain(beside.iter().filter_map(|f| match f {
            PeriodFinding::Relative { post, .. } => Some(post),
            _ => None,
        }))
        .collect();
    let open_posts = eligible - kept_out.len();
    if !forbidden.is_empty() {
        findings.push(PeriodFinding::Forbidden { posts: forbidden });
    }
    findings.extend(beside);

    // The columns: rotations of this cadre in this period that rules and seats allow.
    let cols = prog::generate(sc, &tl);
    let forced: Vec<usize> = cols
        .rotations
        .iter()
        .enumerate()
        .filter(|(_, r)| r.cadre == c && r.period == t)
        .map(|(k, _)| k)
        .collect();
    // The placement a rotation then must be followed by: can any post take it?
    let no_placement = (forced.is_empty() && open_posts > 0)
        .then(|| no_placement_after(sc, &tl, &ctxs, c, t, &eligible_ranks))
        .flatten();
    let placement_blocked = no_placement.is_some();
    findings.extend(no_placement);
    if forced.is_empty()
        && open_posts > 0
        && !placement_blocked
        && findings.iter().all(|f| {
            !matches!(
                f,
                PeriodFinding::Cadre { .. }
                    | PeriodFinding::PlacedAfterRunning { .. }
                    | PeriodFinding::Executed { .. }
                    | PeriodFinding::PeriodOver { .. }
            )
        })
    {
        findings.push(PeriodFinding::NoSeat {
            eligible: open_posts,
        });
    }
    // S1 that period.
    if let Some(u) = cadre.current_unit {
        let leaving: Vec<String> = base
            .moves
            .iter()
            .filter(|m| {
                m.kind == MoveKind::Rotation
                    && m.period == t
                    && m.cadre != c
                    && sc.cadre(m.cadre).current_unit == Some(u)
            })
            .map(|m| sc.cadre(m.cadre).id.clone())
            .collect();
        if leaving.len() as u32 >= programme.max_departures_per_period {
            findings.push(PeriodFinding::DeparturesFull {
                unit: sc.unit(u).id.clone(),
                max: programme.max_departures_per_period,
                cadres: leaving,
            });
        }
    }

    // The counterfactual: the programme with the cadre rotating in that period.
    // An executed rotation, or a placement after a running one, fixes the cadre's moves: a
    // rotation forced into another period could only be infeasible.
    let fixed = programme.is_over(t)
        || executed.iter().any(|h| h.kind == MoveKind::Rotation)
        || findings
            .iter()
            .any(|f| matches!(f, PeriodFinding::PlacedAfterRunning { .. }))
            && executed.iter().any(|h| h.kind == MoveKind::Placement);
    let forced = (!rotated_then && !fixed && !forced.is_empty()).then(|| {
        let out = crate::solve::programme::solve_forced(sc, &tl, &cols, &forced);
        let after = prog::plan::build(sc, &tl, &cols, &out);
        let before_obj = base.objective.map(|o| o.total);
        let after_obj = after.objective.map(|o| o.total);
        let post = after
            .moves
            .iter()
            .find(|m| m.cadre == c && m.kind == MoveKind::Rotation && m.period == t)
            .map(|m| sc.post(m.post).id.clone());
        let changed = moves_that_differ(&base.moves, &after.moves);
        ForcedRotation {
            status: after.status,
            proven: base.status == SolveStatus::Optimal && after.status == SolveStatus::Optimal,
            objective_before: before_obj,
            objective_after: after_obj,
            cost: before_obj.zip(after_obj).map(|(b, a)| b - a),
            post,
            changed: if after.status.has_plan() { changed } else { 0 },
        }
    });

    PeriodExplanation {
        cadre: cadre.id.clone(),
        cadre_name: cadre.name.clone(),
        period: t,
        date,
        retirement: ctx.facts[c as usize].retirement,
        months_left: ctx.facts[c as usize].months_left,
        status: base.status,
        moves,
        rotated_then,
        findings,
        forced,
    }
}

/// The moves that differ between `before` and `after`, each once: a cadre's rotation (or
/// placement) that changes post or period is one move changed, not one dropped and one made; a
/// move made or dropped with no counterpart is one.
pub fn moves_that_differ(before: &[Move], after: &[Move]) -> usize {
    let slots = |ms: &[Move]| -> std::collections::BTreeMap<(CadreIx, MoveKind), Vec<Move>> {
        let mut out: std::collections::BTreeMap<(CadreIx, MoveKind), Vec<Move>> =
            Default::default();
        for m in ms {
            out.entry((m.cadre, m.kind)).or_default().push(m.clone());
        }
        for v in out.values_mut() {
            v.sort();
        }
        out
    };
    let (b, a) = (slots(before), slots(after));
    let keys: std::collections::BTreeSet<&(CadreIx, MoveKind)> = b.keys().chain(a.keys()).collect();
    keys.into_iter()
        .map(|k| {
            let (x, y) = (
                b.get(k).map_or(&[][..], |v| v),
                a.get(k).map_or(&[][..], |v| v),
            );
            let same = x.iter().filter(|m| y.contains(m)).count();
            x.len().max(y.len()) - same
        })
        .sum()
}

#[cfg(test)]
mod differ_tests {
    use super::*;
    use crate::domain::PostIx;

    fn mv(cadre: CadreIx, post: PostIx, kind: MoveKind, period: usize) -> Move {
        Move {
            cadre,
            post,
            kind,
            period,
        }
    }

    /// A year names the period starting in it; a date the period in force on it, and none before
    /// the first period or after the programme's end.
    #[test]
    fn a_period_is_named_by_its_year_or_a_date_inside_the_programme() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let periods = [d("2027-01-01"), d("2028-01-01"), d("2029-01-01")];
        let end = d("2029-12-31");
        let of = |w| period_of(&periods, end, w);
        assert_eq!(of(When::Year(2028)), Some(1));
        assert_eq!(of(When::Year(2030)), None);
        assert_eq!(of(When::Date(d("2028-06-01"))), Some(1));
        assert_eq!(of(When::Date(d("2029-12-31"))), Some(2));
        assert_eq!(of(When::Date(d("2030-01-01"))), None);
        assert_eq!(of(When::Date(d("2026-12-31"))), None);
    }

    /// A rotation and its placement moved a period later are two moves changed, not four; a new
    /// cadre's rotation and a dropped one are one each; unchanged moves are none.
    #[test]
    fn each_move_that_differs_counts_once() {
        use MoveKind::{Placement as P, Rotation as R};
        let before = vec![
            mv(0, 1, R, 0),
            mv(0, 2, P, 3),
            mv(1, 3, R, 0),
            mv(2, 4, R, 1),
        ];
        let after = vec![
            mv(0, 1, R, 1),
            mv(0, 2, P, 4),
            mv(1, 3, R, 0),
            mv(3, 5, R, 2),
        ];
        assert_eq!(moves_that_differ(&before, &after), 4);
        assert_eq!(moves_that_differ(&before, &before), 0);
        assert_eq!(moves_that_differ(&[], &after), 4);
        // Never more than the moves of the larger programme.
        assert!(moves_that_differ(&before, &after) <= before.len().max(after.len()));
    }
}
