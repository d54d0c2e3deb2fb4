//! Independent verification of a plan against a scenario. It never calls the solver: it
//! re-evaluates every rule on the pairs it is given, so it also checks plans written by hand or by
//! an older version.

pub mod programme;

use crate::domain::{CadreIx, PostIx, UnitIx};
use crate::rules::family::conflicts;
use crate::rules::{RuleContext, RuleId, Why};
use serde::Serialize;
use std::collections::BTreeMap;

/// One rule the plan breaks, with the ids it concerns; `report/` words it (and its JSON `detail`
/// is that sentence).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub rule: RuleId,
    pub cadre: Option<String>,
    pub post: Option<String>,
    pub detail: Problem,
}

/// The lexicographic levels that the values recomputed from a plan or a programme (`values`,
/// by level name) do not bear out, as (name, value, what the level claims): every level's value
/// must be at least the row it was kept at for the later levels, and the last level's value must
/// equal its optimum (the backend's objective on the last solve). One test for single plans
/// ([`plan_levels`]) and programmes (`programme::levels`).
pub fn level_breaches(
    values: &BTreeMap<&'static str, f64>,
    levels: &[crate::solve::lexicographic::LevelOutcome],
) -> Vec<(String, f64, f64)> {
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0);
    let mut out = Vec::new();
    for (i, l) in levels.iter().enumerate() {
        let got = values.get(l.name.as_str()).copied().unwrap_or(f64::NAN);
        if let Some(floor) = l.kept_at_least
            && (got.is_nan() || got < floor - 1e-6 * floor.abs().max(1.0))
        {
            out.push((l.name.clone(), got, floor));
        }
        if i + 1 == levels.len()
            && let Some(opt) = l.optimum
            && !close(got, opt)
        {
            out.push((l.name.clone(), got, opt));
        }
    }
    out
}

/// [`level_breaches`] of a single plan's `pairs`, its level values recomputed from the pairs
/// alone (`scoring::plan_level_values` over `scoring::pair_terms`).
pub fn plan_levels(
    ctx: &RuleContext,
    pairs: &[(CadreIx, PostIx)],
    levels: &[crate::solve::lexicographic::LevelOutcome],
) -> Vec<(String, f64, f64)> {
    if levels.is_empty() {
        return Vec::new();
    }
    let sc = ctx.sc;
    let b = crate::scoring::evaluate(
        sc,
        pairs
            .iter()
            .map(|&(c, p)| (p, ctx.flags(c), crate::scoring::pair_terms(sc, c, p))),
    );
    level_breaches(&crate::scoring::plan_level_values(sc, &b), levels)
}

/// Why a post has fewer seats on a single plan's date than posts.csv gives it (a single plan fills
/// only the seats free on its date).
#[derive(Debug, Clone, PartialEq)]
pub enum Held {
    /// Its holder (posts.csv `holder_id`) is still there.
    Holder(String),
    /// It falls vacant later (`vacant_from`).
    VacantFrom(crate::domain::Date),
}

/// Why post `p` may have fewer seats on a single plan's date than posts.csv gives it: its holder,
/// or a later `vacant_from`.
pub fn held(sc: &crate::domain::Scenario, p: PostIx) -> Option<Held> {
    let post = sc.post(p);
    match (&post.vacant_from, &post.holder_id) {
        (Some(d), _) if *d > sc.plan_date => Some(Held::VacantFrom(*d)),
        (_, Some(h)) if sc.programme.is_none() => Some(Held::Holder(h.clone())),
        _ => None,
    }
}

/// What is wrong, with the numbers and ids.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A pair rule (H1–H6, H8–H10) the pair breaks.
    Pair(Why),
    /// S3: the scenario forbids the pair (with the forbid's reason).
    Forbidden { reason: Option<String> },
    /// S4: one cadre on several posts.
    SeveralPosts { posts: Vec<String> },
    /// H7: more cadres than seats; `held` when the post is not vacant on the plan date (a single
    /// plan fills only free seats): its holder's id, or the date it falls vacant.
    OverSeats {
        cadres: u32,
        seats: u32,
        extra: u32,
        held: Option<Held>,
    },
    /// S1: more departures from a unit than the cap.
    Departures {
        unit: String,
        unit_name: String,
        max: u32,
        cadres: Vec<String>,
    },
    /// H10 across the plan: two relatives placed together.
    Relatives {
        unit: String,
        first: (String, String),
        second: (String, String),
    },
    /// S2: a pinned pair is missing (with the pin's reason).
    PinMissing { reason: Option<String> },
    /// S5: a hard must-fill post is short.
    MustFillShort { filled: u32, seats: u32 },
    /// S6: a hard target is missed among the cadres moved.
    Target {
        group: TargetGroup,
        count: usize,
        moved: usize,
        target: f64,
    },
    /// A programme's move breaks a rule at a period's date, or the programme's own rules (P1, P2).
    Programme(ProgrammeProblem),
}

/// A period of a programme as a violation names it: its index (from 0) and date, if it is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodRef {
    pub index: usize,
    pub date: Option<crate::domain::Date>,
}

/// What is wrong with a programme (`check::programme`), as facts; `report/` words it.
#[derive(Debug, Clone, PartialEq)]
pub enum ProgrammeProblem {
    /// Moves given for a scenario without `programme:`.
    NoProgramme,
    /// A move in a period the programme does not have.
    PeriodOutside { at: PeriodRef, periods: usize },
    /// A pair rule broken by a rotation (or, `placement`, a placement) at the period's date.
    Rule {
        at: PeriodRef,
        placement: bool,
        why: Why,
    },
    /// S3 at a period: the scenario forbids the pair.
    Forbidden { at: PeriodRef },
    /// P2: more than one rotation.
    RotatesTwice { times: usize },
    /// P2: rotated again although the running rotation ends inside the programme.
    RotatedWhileRunning {
        at: PeriodRef,
        ends: crate::domain::Date,
    },
    /// P1: a placement with no rotation ending inside the programme.
    PlacementWithoutRotation { at: PeriodRef },
    /// P1: the rotation ends inside the programme and no placement follows.
    NoPlacement { due: PeriodRef },
    /// P1: several placements after one rotation.
    SeveralPlacements { count: usize },
    /// P1: the placement is not in the period the rotation ends for.
    PlacedInOtherPeriod { at: PeriodRef, due: PeriodRef },
    /// H4: the rotation is shorter than the minimum before its placement.
    RotationShort {
        start: crate::domain::Date,
        months: i64,
        on: crate::domain::Date,
        min: u32,
    },
    /// P2: placed no later than the rotation starts.
    PlacedBeforeRotation { at: PeriodRef, rotation: PeriodRef },
    /// P2: several moves of one cadre in one period.
    SeveralMoves { at: PeriodRef, moves: usize },
    /// H7 at a date: more occupants than seats.
    OverSeats {
        at: PeriodRef,
        count: u32,
        seats: u32,
        who: Vec<Occupant>,
    },
    /// P3: an executed move of the history is not in the programme.
    HistoryMissing {
        at: PeriodRef,
        kind: crate::programme::MoveKind,
        line: usize,
        /// The history table's file, as the scenario names it.
        file: String,
    },
    /// P3: a move the history does not hold in a period over on the re-plan's date.
    PeriodOver {
        at: PeriodRef,
        kind: crate::programme::MoveKind,
        as_of: crate::domain::Date,
    },
    /// S1 per period: more departures from a unit than the cap.
    Departures {
        at: PeriodRef,
        unit: String,
        max: u32,
        cadres: Vec<String>,
    },
    /// A hard programme target (S6), must-fill post (S5) or pin (S2) the moves miss.
    Missed(crate::programme::targets::TargetResult),
    /// H10 at a date: relatives where the programme's moves put them (or one of them still holds
    /// their post), one in a sensitive post and the other head or deputy of the same unit. Reported
    /// in the first period it holds, for each pair of posts. `first` was moved there by the
    /// programme (the violation names it), `second` too unless `holder` (still on its post).
    Relatives {
        at: PeriodRef,
        unit: String,
        first: (String, String),
        second: (String, String),
        holder: bool,
    },
}

/// Who sits on a post at a programme date.
#[derive(Debug, Clone, PartialEq)]
pub enum Occupant {
    /// The post's holder, still there.
    Holder(String),
    /// The present occupants of a post that falls vacant later.
    Present { until: crate::domain::Date },
    /// A cadre the programme put there.
    Cadre(String),
}

pub use crate::domain::TargetGroup;

/// Every violation of the plan `pairs` (cadre → post), in a stable order: pair rules in plan order,
/// then plan-level rules.
pub fn check(ctx: &RuleContext, pairs: &[(CadreIx, PostIx)]) -> Vec<Violation> {
    let sc = ctx.sc;
    let mut out = Vec::new();
    let v = |rule, c: Option<CadreIx>, p: Option<PostIx>, detail: Problem| Violation {
        rule,
        cadre: c.map(|c| sc.cadre(c).id.clone()),
        post: p.map(|p| sc.post(p).id.clone()),
        detail,
    };

    for &(c, p) in pairs {
        for b in ctx.breaches(c, p) {
            out.push(v(b.rule, Some(c), Some(p), Problem::Pair(b.detail)));
        }
        if let Some(f) = sc.forbids.iter().find(|f| f.cadre == c && f.post == p) {
            out.push(v(
                RuleId::S3,
                Some(c),
                Some(p),
                Problem::Forbidden {
                    reason: f.reason.clone(),
                },
            ));
        }
    }

    let mut posts_of: BTreeMap<CadreIx, Vec<PostIx>> = BTreeMap::new();
    let mut filled: BTreeMap<PostIx, u32> = BTreeMap::new();
    let mut leaving: BTreeMap<UnitIx, Vec<CadreIx>> = BTreeMap::new();
    for &(c, p) in pairs {
        posts_of.entry(c).or_default().push(p);
        *filled.entry(p).or_default() += 1;
    }
    for (&c, ps) in &posts_of {
        if ps.len() > 1 {
            out.push(v(
                RuleId::S4,
                Some(c),
                None,
                Problem::SeveralPosts {
                    posts: ps.iter().map(|&p| sc.post(p).id.clone()).collect(),
                },
            ));
        }
        if let Some(u) = sc.cadre(c).current_unit {
            leaving.entry(u).or_default().push(c);
        }
    }
    for (&p, &n) in &filled {
        let post = sc.post(p);
        let cap = post.seats + sc.extra_seats_of(p);
        if n > cap {
            out.push(v(
                RuleId::H7,
                None,
                Some(p),
                Problem::OverSeats {
                    cadres: n,
                    seats: post.seats,
                    extra: cap - post.seats,
                    held: held(sc, p),
                },
            ));
        }
    }
    for (&u, cs) in &leaving {
        if cs.len() as u32 > sc.max_departures_per_unit {
            out.push(Violation {
                rule: RuleId::S1,
                cadre: None,
                post: None,
                detail: Problem::Departures {
                    unit: sc.unit(u).id.clone(),
                    unit_name: sc.unit(u).name.clone(),
                    max: sc.max_departures_per_unit,
                    cadres: cs.iter().map(|&c| sc.cadre(c).id.clone()).collect(),
                },
            });
        }
    }
    // H10 conflicts can only arise inside one unit: compare within units, not all pairs.
    let mut in_unit: BTreeMap<UnitIx, Vec<(CadreIx, PostIx)>> = BTreeMap::new();
    for &(c, p) in pairs {
        in_unit.entry(sc.post(p).unit).or_default().push((c, p));
    }
    for placed in in_unit.values() {
        for (k, &a) in placed.iter().enumerate() {
            for &b in &placed[k + 1..] {
                if !conflicts(sc, a, b) {
                    continue;
                }
                out.push(v(
                    RuleId::H10,
                    Some(a.0),
                    Some(a.1),
                    Problem::Relatives {
                        unit: sc.post_unit(a.1).id.clone(),
                        first: (sc.cadre(a.0).id.clone(), sc.post(a.1).id.clone()),
                        second: (sc.cadre(b.0).id.clone(), sc.post(b.1).id.clone()),
                    },
                ));
            }
        }
    }
    for pin in &sc.pins {
        if !pairs.contains(&(pin.cadre, pin.post)) {
            out.push(v(
                RuleId::S2,
                Some(pin.cadre),
                Some(pin.post),
                Problem::PinMissing {
                    reason: pin.reason.clone(),
                },
            ));
        }
    }
    if sc.requirements.must_fill.hard {
        for (p, post) in sc.posts.iter().enumerate() {
            let n = filled.get(&(p as PostIx)).copied().unwrap_or(0);
            if sc.must_fill_hard(p as PostIx) && n < post.seats {
                out.push(v(
                    RuleId::S5,
                    None,
                    Some(p as PostIx),
                    Problem::MustFillShort {
                        filled: n,
                        seats: post.seats,
                    },
                ));
            }
        }
    }
    if sc.requirements.targets.hard {
        out.extend(target_breaches(ctx, pairs));
    }
    out
}

/// S6: each hard target's share among the cadres moved (an empty plan meets every target).
fn target_breaches(ctx: &RuleContext, pairs: &[(CadreIx, PostIx)]) -> Vec<Violation> {
    let t = ctx.sc.targets;
    let moved: Vec<_> = pairs.iter().map(|&(c, _)| ctx.flags(c)).collect();
    let mut out = Vec::new();
    if moved.is_empty() {
        return out;
    }
    let n = moved.len() as f64;
    let specs = [
        (
            TargetGroup::Women,
            t.women,
            moved.iter().filter(|f| f.woman).count(),
        ),
        (
            TargetGroup::Young,
            t.young,
            moved.iter().filter(|f| f.young).count(),
        ),
        (
            TargetGroup::Minority,
            t.minority,
            moved.iter().filter(|f| f.minority).count(),
        ),
    ];
    for (k, (group, target, count)) in specs.into_iter().enumerate() {
        // Integer arithmetic would be exact; a small tolerance matches the solver's rows.
        if ctx.sc.target_hard(k) && (count as f64) < target * n - 1e-9 {
            out.push(Violation {
                rule: RuleId::S6,
                cadre: None,
                post: None,
                detail: Problem::Target {
                    group,
                    count,
                    moved: moved.len(),
                    target,
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Function;

    fn tutorial() -> crate::domain::Scenario {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/tutorial/tutorial.yaml");
        crate::scenario::load(&path).expect("the tutorial loads")
    }

    fn ix<T>(v: &[T], id: &str, get: impl Fn(&T) -> &str) -> u32 {
        v.iter().position(|x| get(x) == id).expect("id exists") as u32
    }

    #[test]
    fn h10_catches_relatives_when_the_leader_post_is_also_sensitive() {
        let mut sc = tutorial();
        let (vt04, vt05) = (
            ix(&sc.posts, "VT04", |p| &p.id),
            ix(&sc.posts, "VT05", |p| &p.id),
        );
        let (c04, c07) = (
            ix(&sc.cadres, "C04", |c| &c.id),
            ix(&sc.cadres, "C07", |c| &c.id),
        );
        // VT04 is a head post; make it sensitive too, and put it in VT05's unit.
        let unit = sc.posts[vt05 as usize].unit;
        let posts = std::sync::Arc::make_mut(&mut sc.posts);
        posts[vt04 as usize].function = Some(Function::Personnel);
        posts[vt04 as usize].unit = unit;
        let cadres = std::sync::Arc::make_mut(&mut sc.cadres);
        cadres[c04 as usize].relatives.push(c07);
        cadres[c07 as usize].relatives.push(c04);
        let ctx = RuleContext::new(&sc);
        let v = check(&ctx, &[(c04, vt04), (c07, vt05)]);
        assert!(
            v.iter()
                .any(|x| x.rule == RuleId::H10 && matches!(x.detail, Problem::Relatives { .. })),
            "{v:?}"
        );
    }

    #[test]
    fn the_tutorial_answer_passes() {
        let sc = tutorial();
        let ctx = RuleContext::new(&sc);
        let pairs: Vec<_> = [
            ("C13", "VT01"),
            ("C10", "VT02"),
            ("C14", "VT03"),
            ("C04", "VT04"),
            ("C01", "VT06"),
        ]
        .iter()
        .map(|(c, p)| (ix(&sc.cadres, c, |x| &x.id), ix(&sc.posts, p, |x| &x.id)))
        .collect();
        assert_eq!(check(&ctx, &pairs), vec![]);
    }
}
