//! The words of rule breaches (`rules::Why`), checker violations (`check::Problem`), requirement
//! groups that cannot hold (`solve::Conflict`), the solver's and explanations' notes, and failed
//! id look-ups. The model keeps them as data; `Display` here is where they become sentences, and
//! their JSON form is that text, so plan.json and the explanations keep their fields.

use super::catalogue::{self, Msg, fill, rule_title, t};
use crate::check::{Occupant, PeriodRef, Problem, ProgrammeProblem, TargetGroup, Violation};
use crate::domain::Lang;
use crate::explain::Asked;
use crate::plan::{Note, Notes};
use crate::programme::MoveKind;
use crate::rules::{Breach, LocalWhy, PlacementStep, RankLimit, Why};
use crate::solve::programme::{ProgrammeNote, ProgrammeNotes};
use crate::solve::{self, Conflict, InfeasibleGroup, Stuck};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::fmt;

as_text!(Why, Problem, Asked, solve::Note);

/// 1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st.
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn date_or(lang: Lang, d: Option<crate::domain::Date>, none: &str) -> String {
    d.map_or(none.to_string(), |d| super::date_in(lang, d))
}

fn date(lang: Lang, d: &crate::domain::Date) -> String {
    super::date_in(lang, *d)
}

/// Why a cadre counts as local, in `lang`.
pub fn local_why(lang: Lang, w: &LocalWhy) -> String {
    match w {
        LocalWhy::Born { province } => fill(lang, Msg::LocalBorn, &[("province", province)]),
        LocalWhy::Hometown { province } => {
            fill(lang, Msg::LocalHometown, &[("province", province)])
        }
        LocalWhy::Worked {
            years,
            province,
            from,
        } => fill(
            lang,
            Msg::LocalWorked,
            &[("years", years), ("province", province), ("from", from)],
        ),
    }
}

impl fmt::Display for LocalWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&local_why(Lang::En, self))
    }
}

/// Why a pair breaks a rule, in `lang` (the JSON `detail` is the English).
pub fn why(lang: Lang, w: &Why) -> String {
    let unknown = t(lang, Msg::Unknown);
    match w {
        Why::NotPlanned { cadre } => fill(lang, Msg::WhyNotPlanned, &[("cadre", cadre)]),
        Why::ServiceShort {
            months_left,
            plan_date,
            retires,
            needed,
        } => fill(
            lang,
            Msg::WhyServiceShort,
            &[
                ("months", months_left),
                ("date", &date(lang, plan_date)),
                ("retires", &date_or(lang, *retires, unknown)),
                ("needed", needed),
            ],
        ),
        Why::Retired { plan_date, retires } => fill(
            lang,
            Msg::WhyRetired,
            &[
                ("retires", &date(lang, retires)),
                ("date", &date(lang, plan_date)),
            ],
        ),
        Why::ServiceShortOfBoth {
            months_left,
            plan_date,
            retires,
            least,
            most,
            least_not_local,
        } => {
            let (low, high) = if *least_not_local {
                (Msg::NotLocalPosts, Msg::OtherPosts)
            } else {
                (Msg::OrdinaryPosts, Msg::NotLocalPosts)
            };
            fill(
                lang,
                Msg::WhyServiceShortOfBoth,
                &[
                    ("months", months_left),
                    ("date", &date(lang, plan_date)),
                    ("retires", &date_or(lang, *retires, unknown)),
                    ("least", least),
                    ("most", most),
                    ("low", &t(lang, low)),
                    ("high", &t(lang, high)),
                ],
            )
        }
        Why::RetiredBeforePlacement { retires, on } => {
            let retires = date_or(lang, *retires, "");
            match on {
                Some(on) => fill(
                    lang,
                    Msg::WhyRetiredBeforePlacementOn,
                    &[("retires", &retires), ("on", &date(lang, on))],
                ),
                None => fill(
                    lang,
                    Msg::WhyRetiredBeforePlacement,
                    &[("retires", &retires)],
                ),
            }
        }
        Why::PlacementLevel {
            post_rank,
            held,
            step,
        } => fill(
            lang,
            Msg::WhyPlacementLevel,
            &[
                ("post_rank", post_rank),
                ("held", held),
                (
                    "why",
                    &t(
                        lang,
                        match step {
                            PlacementStep::Lower => Msg::PlacementLower,
                            PlacementStep::UpUnplanned => Msg::PlacementUpUnplanned,
                            PlacementStep::TooHigh => Msg::PlacementTooHigh,
                        },
                    ),
                ),
            ],
        ),
        Why::NoHealthCertificate => t(lang, Msg::WhyNoHealthCertificate).to_string(),
        Why::HealthCertificateOld {
            issued,
            max_months,
            plan_date,
            valid_to,
        } => fill(
            lang,
            Msg::WhyHealthCertificateOld,
            &[
                ("issued", &date(lang, issued)),
                ("max", max_months),
                ("date", &date(lang, plan_date)),
                ("valid_to", &date_or(lang, *valid_to, "—")),
            ],
        ),
        Why::RotationRunning { ends, plan_date } => fill(
            lang,
            Msg::WhyRotationRunning,
            &[
                ("ends", &date(lang, ends)),
                ("date", &date(lang, plan_date)),
            ],
        ),
        Why::OwnUnit {
            cadre,
            unit,
            unit_name,
        } => fill(
            lang,
            Msg::WhyOwnUnit,
            &[("cadre", cadre), ("unit", unit), ("unit_name", unit_name)],
        ),
        Why::Rank {
            post_rank,
            current_rank,
            limit,
        } => {
            let why = match limit {
                RankLimit::Lower => t(lang, Msg::RankLower).to_string(),
                RankLimit::TooHigh(up) => fill(lang, Msg::RankTooHigh, &[("up", up)]),
                RankLimit::NotOutstanding => t(lang, Msg::RankNotOutstanding).to_string(),
            };
            fill(
                lang,
                Msg::WhyRank,
                &[
                    ("post_rank", post_rank),
                    ("current_rank", current_rank),
                    ("why", &why),
                ],
            )
        }
        Why::Local {
            post,
            title,
            cadre,
            why,
        } => fill(
            lang,
            Msg::WhyLocal,
            &[
                ("post", post),
                ("title", title),
                ("cadre", cadre),
                ("why", &local_why(lang, why)),
            ],
        ),
        Why::TermLimit {
            cadre,
            unit,
            terms,
            max,
        } => {
            // English writes "a 3rd term"; Vietnamese "nhiệm kỳ thứ 3".
            let nth = match lang {
                Lang::En => ordinal(terms + 1),
                _ => (terms + 1).to_string(),
            };
            fill(
                lang,
                Msg::WhyTermLimit,
                &[
                    ("cadre", cadre),
                    ("unit", unit),
                    ("terms", terms),
                    ("nth", &nth),
                    ("max", max),
                ],
            )
        }
        Why::FamilyHolds {
            relative,
            relative_name,
            held,
            function,
            unit,
        } => fill(
            lang,
            Msg::WhyFamilyHolds,
            &[
                ("relative", relative),
                ("name", relative_name),
                ("held", held),
                (
                    "function",
                    &function.map_or("", |x| catalogue::function(lang, x)),
                ),
                ("unit", unit),
            ],
        ),
        Why::Family {
            post,
            function,
            relative,
            relative_name,
            role,
            unit,
        } => fill(
            lang,
            Msg::WhyFamily,
            &[
                ("post", post),
                (
                    "function",
                    &function.map_or("", |x| catalogue::function(lang, x)),
                ),
                ("relative", relative),
                ("name", relative_name),
                (
                    "role",
                    &role.map_or(String::new(), |x| catalogue::role(lang, x.as_str())),
                ),
                ("unit", unit),
            ],
        ),
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&why(Lang::En, self))
    }
}

impl fmt::Display for Breach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.rule, self.detail)
    }
}

impl Serialize for Breach {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Breach", 2)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("detail", &self.detail)?;
        st.end()
    }
}

fn reason(r: &Option<String>) -> String {
    r.as_deref().map(|r| format!(" ({r})")).unwrap_or_default()
}

pub(super) fn group(lang: Lang, g: TargetGroup) -> &'static str {
    t(
        lang,
        match g {
            TargetGroup::Women => Msg::GroupWomen,
            TargetGroup::Young => Msg::GroupYoung,
            TargetGroup::Minority => Msg::GroupMinority,
        },
    )
}

/// More cadres leaving a unit than its cap (the plan's, or the pins'), in `lang`.
fn departures(
    lang: Lang,
    m: Msg,
    (unit, name): (&str, &str),
    max: u32,
    cadres: &[String],
) -> String {
    fill(
        lang,
        m,
        &[
            ("n", &cadres.len()),
            ("unit", &unit),
            ("unit_name", &name),
            ("max", &max),
            ("cadres", &cadres.join(", ")),
        ],
    )
}

/// What the checker found wrong, in `lang` (the JSON `detail` is the English).
pub fn problem(lang: Lang, p: &Problem) -> String {
    match p {
        Problem::Pair(w) => why(lang, w),
        Problem::Forbidden { reason: r } => {
            fill(lang, Msg::ProbForbidden, &[("reason", &reason(r))])
        }
        Problem::SeveralPosts { posts } => fill(
            lang,
            Msg::ProbSeveralPosts,
            &[("n", &posts.len()), ("posts", &posts.join(", "))],
        ),
        Problem::OverSeats {
            cadres,
            seats,
            extra,
            held,
        } => {
            let over = fill(
                lang,
                Msg::ProbOverSeats,
                &[("cadres", cadres), ("seats", seats), ("extra", extra)],
            );
            match held {
                None => over,
                Some(crate::check::Held::Holder(h)) => {
                    over + &fill(lang, Msg::ProbSeatHeld, &[("holder", h)])
                }
                Some(crate::check::Held::VacantFrom(d)) => {
                    over + &fill(
                        lang,
                        Msg::ProbSeatLater,
                        &[("date", &super::date_in(lang, *d))],
                    )
                }
            }
        }
        Problem::Departures {
            unit,
            unit_name,
            max,
            cadres,
        } => departures(lang, Msg::ProbDepartures, (unit, unit_name), *max, cadres),
        Problem::Relatives {
            unit,
            first,
            second,
        } => fill(
            lang,
            Msg::ProbRelatives,
            &[
                ("unit", unit),
                ("a", &first.0),
                ("p", &first.1),
                ("b", &second.0),
                ("q", &second.1),
            ],
        ),
        Problem::PinMissing { reason: r } => {
            fill(lang, Msg::ProbPinMissing, &[("reason", &reason(r))])
        }
        Problem::MustFillShort { filled, seats } => fill(
            lang,
            Msg::ProbMustFillShort,
            &[("filled", filled), ("seats", seats)],
        ),
        Problem::Target {
            group: g,
            count,
            moved,
            target,
        } => fill(
            lang,
            Msg::ProbTarget,
            &[
                ("count", count),
                ("moved", moved),
                ("group", &group(lang, *g)),
                (
                    "share",
                    &super::number_in(
                        lang,
                        &format!("{:.1}", 100.0 * *count as f64 / *moved as f64),
                    ),
                ),
                (
                    "target",
                    &super::number_in(lang, &format!("{:.1}", 100.0 * target)),
                ),
            ],
        ),
        Problem::Programme(p) => programme_problem(lang, p),
    }
}

/// A programme period for people: "period 2 (2028-01-01)".
fn period(lang: Lang, p: &PeriodRef) -> String {
    match p.date {
        Some(d) => fill(
            lang,
            Msg::Period,
            &[("n", &(p.index + 1)), ("date", &super::date_in(lang, d))],
        ),
        None => fill(lang, Msg::PeriodOutside, &[("n", &(p.index + 1))]),
    }
}

/// A programme move's kind for people.
pub(crate) fn kind_words(lang: Lang, k: crate::programme::MoveKind) -> &'static str {
    match k {
        crate::programme::MoveKind::Rotation => t(lang, Msg::KindRotation),
        crate::programme::MoveKind::Placement => t(lang, Msg::KindPlacement),
    }
}

/// What the programme checker found wrong, in `lang`.
fn programme_problem(lang: Lang, p: &ProgrammeProblem) -> String {
    use ProgrammeProblem as P;
    match p {
        P::NoProgramme => t(lang, Msg::ProgNoProgramme).to_string(),
        P::PeriodOutside { at, periods } => fill(
            lang,
            Msg::ProgPeriodOutside,
            &[("at", &period(lang, at)), ("periods", periods)],
        ),
        // A rotation's breach is the rule's own sentence after its period.
        P::Rule {
            at,
            placement: false,
            why: w,
        } => format!("{}: {}", period(lang, at), why(lang, w)),
        P::Rule {
            at,
            placement: true,
            why: w,
        } => fill(
            lang,
            Msg::ProgPlacementRule,
            &[("at", &period(lang, at)), ("why", &why(lang, w))],
        ),
        P::Forbidden { at } => fill(lang, Msg::ProgForbidden, &[("at", &period(lang, at))]),
        P::RotatesTwice { times } => fill(lang, Msg::ProgRotatesTwice, &[("times", times)]),
        P::RotatedWhileRunning { at, ends } => fill(
            lang,
            Msg::ProgRotatedWhileRunning,
            &[("at", &period(lang, at)), ("ends", &date(lang, ends))],
        ),
        P::PlacementWithoutRotation { at } => fill(
            lang,
            Msg::ProgPlacementWithoutRotation,
            &[("at", &period(lang, at))],
        ),
        P::NoPlacement { due } => fill(lang, Msg::ProgNoPlacement, &[("due", &period(lang, due))]),
        P::SeveralPlacements { count } => {
            fill(lang, Msg::ProgSeveralPlacements, &[("count", count)])
        }
        P::PlacedInOtherPeriod { at, due } => fill(
            lang,
            Msg::ProgPlacedInOtherPeriod,
            &[("at", &period(lang, at)), ("due", &period(lang, due))],
        ),
        P::RotationShort {
            start,
            months,
            on,
            min,
        } => fill(
            lang,
            Msg::ProgRotationShort,
            &[
                ("start", &date(lang, start)),
                ("months", months),
                ("on", &date(lang, on)),
                ("min", min),
            ],
        ),
        P::PlacedBeforeRotation { at, rotation } => fill(
            lang,
            Msg::ProgPlacedBeforeRotation,
            &[
                ("at", &period(lang, at)),
                ("rotation", &period(lang, rotation)),
            ],
        ),
        P::PeriodOver { at, kind, as_of } => fill(
            lang,
            Msg::ProgPeriodOver,
            &[
                ("kind", &kind_words(lang, *kind)),
                ("at", &period(lang, at)),
                ("as_of", &date(lang, as_of)),
            ],
        ),
        P::HistoryMissing {
            at,
            kind,
            line,
            file,
        } => fill(
            lang,
            Msg::ProgHistoryMissing,
            &[
                ("kind", &kind_words(lang, *kind)),
                ("at", &period(lang, at)),
                ("line", line),
                ("file", file),
            ],
        ),
        P::SeveralMoves { at, moves } => fill(
            lang,
            Msg::ProgSeveralMoves,
            &[("at", &period(lang, at)), ("moves", moves)],
        ),
        P::OverSeats {
            at,
            count,
            seats,
            who,
        } => {
            let who: Vec<String> = who
                .iter()
                .map(|o| match o {
                    Occupant::Holder(id) => fill(lang, Msg::OccupantHolder, &[("id", id)]),
                    Occupant::Present { until } => {
                        fill(lang, Msg::OccupantPresent, &[("until", until)])
                    }
                    Occupant::Cadre(id) => id.clone(),
                })
                .collect();
            fill(
                lang,
                Msg::ProgOverSeats,
                &[
                    ("at", &period(lang, at)),
                    ("count", count),
                    ("seats", seats),
                    ("who", &who.join(", ")),
                ],
            )
        }
        P::Departures {
            at,
            unit,
            max,
            cadres,
        } => fill(
            lang,
            Msg::ProgDepartures,
            &[
                ("at", &period(lang, at)),
                ("n", &cadres.len()),
                ("unit", unit),
                ("max", max),
                ("cadres", &cadres.join(", ")),
            ],
        ),
        P::Missed(r) => format!(
            "{}: {}",
            super::programme::target_words(lang, r),
            super::programme::target_verdict(lang, r)
        ),
        P::Relatives {
            at,
            unit,
            first,
            second,
            holder,
        } => fill(
            lang,
            if *holder {
                Msg::ProgRelativesHolder
            } else {
                Msg::ProgRelatives
            },
            &[
                ("at", &period(lang, at)),
                ("unit", unit),
                ("a", &first.0),
                ("p", &first.1),
                ("b", &second.0),
                ("q", &second.1),
            ],
        ),
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&problem(Lang::En, self))
    }
}

/// One violation as the checker prints it, in `lang`.
pub fn violation(lang: Lang, v: &Violation) -> String {
    let ids = match (&v.cadre, &v.post) {
        (Some(c), Some(p)) => format!(" {c} → {p}"),
        (Some(c), None) => format!(" {c}"),
        (None, Some(p)) => format!(" {p}"),
        (None, None) => String::new(),
    };
    format!(
        "{} ({}){ids}: {}",
        v.rule,
        rule_title(lang, v.rule),
        problem(lang, &v.detail)
    )
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&violation(Lang::En, self))
    }
}

/// Why a requirement group cannot hold, in `lang` (the JSON `detail` is the English).
pub fn conflict(lang: Lang, c: &Conflict) -> String {
    match c {
        Conflict::PinBreaks {
            cadre,
            post,
            breaches,
        } => {
            let why = if breaches.is_empty() {
                t(lang, Msg::ConflictNotCandidate).to_string()
            } else {
                breaches
                    .iter()
                    .map(|b| format!("{}: {}", b.rule, why(lang, &b.detail)))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            fill(
                lang,
                Msg::ConflictPinBreaks,
                &[("cadre", cadre), ("post", post), ("why", &why)],
            )
        }
        Conflict::PinnedOverSeats {
            post,
            title,
            seats,
            cadres,
        } => fill(
            lang,
            Msg::ConflictPinnedOverSeats,
            &[
                ("n", &cadres.len()),
                ("post", post),
                ("title", title),
                ("seats", seats),
                ("cadres", &cadres.join(", ")),
            ],
        ),
        Conflict::PinnedDepartures {
            unit,
            unit_name,
            max,
            cadres,
        } => departures(
            lang,
            Msg::ConflictPinnedDepartures,
            (unit, unit_name),
            *max,
            cadres,
        ),
        Conflict::PinnedRelatives { first, second } => fill(
            lang,
            Msg::ConflictPinnedRelatives,
            &[
                ("a", &first.0),
                ("p", &first.1),
                ("b", &second.0),
                ("q", &second.1),
            ],
        ),
        Conflict::MipInfeasible => t(lang, Msg::ConflictMipInfeasible).to_string(),
        Conflict::Pin { cadre, post } => {
            fill(lang, Msg::ConflictPin, &[("cadre", cadre), ("post", post)])
        }
        Conflict::MustFill {
            post,
            title,
            unit_name,
            seats,
        } => fill(
            lang,
            Msg::ConflictMustFill,
            &[
                ("post", post),
                ("title", title),
                ("unit_name", unit_name),
                ("seats", seats),
            ],
        ),
        Conflict::Target { target, share } => {
            let g = [
                TargetGroup::Women,
                TargetGroup::Young,
                TargetGroup::Minority,
            ];
            // TARGET_NAMES order; an index out of it is named by the model's id.
            let name = g.get(*target).map_or_else(
                || {
                    solve::model::TARGET_NAMES
                        .get(*target)
                        .copied()
                        .unwrap_or("")
                        .to_string()
                },
                |&g| group(lang, g).to_string(),
            );
            fill(
                lang,
                Msg::ConflictTarget,
                &[
                    ("group", &name),
                    (
                        "share",
                        &super::number_in(lang, &format!("{:.0}", share * 100.0)),
                    ),
                ],
            )
        }
    }
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&conflict(Lang::En, self))
    }
}

/// A group's detail with its `relaxable: false` mark, in `lang`.
pub(crate) fn detail(lang: Lang, g: &InfeasibleGroup) -> String {
    let mut s = conflict(lang, &g.detail);
    if g.fixed {
        s += t(lang, Msg::MarkedFixed);
    }
    s
}

/// A group's detail with its `relaxable: false` mark (English).
pub(crate) struct Detail<'a>(pub &'a InfeasibleGroup);

impl fmt::Display for Detail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&detail(Lang::En, self.0))
    }
}

impl Serialize for InfeasibleGroup {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("InfeasibleGroup", 2)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("detail", &Detail(self).to_string())?;
        st.end()
    }
}

/// "rule: detail; rule: detail" for groups that cannot hold, in `lang`.
pub(crate) fn groups_text_in(lang: Lang, groups: &[InfeasibleGroup]) -> String {
    groups
        .iter()
        .map(|g| format!("{}: {}", g.rule, detail(lang, g)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why the hard requirements are neither met nor proven impossible, in `lang`.
pub fn stuck_text(lang: Lang, s: &Stuck) -> String {
    match s {
        Stuck::NoPlanWithin { seconds } => fill(
            lang,
            Msg::StuckNoPlanWithin,
            &[("seconds", &super::number_in(lang, &format!("{seconds:.1}")))],
        ),
        Stuck::Backend(msg) => msg.clone(),
        Stuck::MayNotGiveWay => t(lang, Msg::StuckMayNotGiveWay).to_string(),
        Stuck::NoColumnSet => t(lang, Msg::StuckNoColumnSet).to_string(),
    }
}

/// The solver's note in `lang` (plan.json keeps the English one).
pub fn solver_note(lang: Lang, n: &solve::Note) -> String {
    use solve::Note as N;
    let num = |x: String| super::number_in(lang, &x);
    match n {
        N::RequirementsUnknown(stuck) => fill(
            lang,
            Msg::NoteRequirementsUnknown,
            &[("why", &stuck_text(lang, stuck))],
        ),
        N::NothingToOptimise => t(lang, Msg::NoteNothingToOptimise).to_string(),
        N::DeadlineFallback { seconds } => fill(
            lang,
            Msg::NoteDeadlineFallback,
            &[("seconds", &num(format!("{seconds:.1}")))],
        ),
        N::NoPlanInTime { seconds } => fill(
            lang,
            Msg::NoteNoPlanInTime,
            &[("seconds", &num(format!("{seconds}")))],
        ),
        N::BackendError(msg) => fill(lang, Msg::NoteBackendError, &[("message", msg)]),
        N::PricingIntegral {
            held,
            pairs,
            rounds,
            bound,
        }
        | N::PricingAtBound {
            held,
            pairs,
            rounds,
            bound,
        } => fill(
            lang,
            if matches!(n, N::PricingIntegral { .. }) {
                Msg::NotePricingIntegral
            } else {
                Msg::NotePricingAtBound
            },
            &[
                ("held", held),
                ("pairs", pairs),
                ("rounds", rounds),
                ("bound", &num(format!("{bound:.4}"))),
            ],
        ),
        N::PricingWithinGap {
            held,
            pairs,
            rounds,
            bound,
            plan,
        } => fill(
            lang,
            Msg::NotePricingWithinGap,
            &[
                ("held", held),
                ("pairs", pairs),
                ("rounds", rounds),
                ("bound", &num(format!("{bound:.4}"))),
                ("plan", &num(format!("{plan:.4}"))),
            ],
        ),
        N::Pricing {
            held,
            pairs,
            rounds,
            bound,
            first,
            by_reduced_cost,
            readmitted,
        } => fill(
            lang,
            if *readmitted {
                Msg::NotePricingReadmitted
            } else {
                Msg::NotePricingNotReadmitted
            },
            &[
                ("held", held),
                ("pairs", pairs),
                ("rounds", rounds),
                ("bound", &num(format!("{bound:.4}"))),
                ("first", &num(format!("{first:.4}"))),
                ("fixed", by_reduced_cost),
            ],
        ),
        N::LevelsOnEveryPair { pairs } => {
            fill(lang, Msg::NoteLevelsOnEveryPair, &[("pairs", pairs)])
        }
        N::LevelStopped { level, name } => fill(
            lang,
            Msg::NoteLevelStopped,
            &[("level", level), ("name", name), ("kept", &(level - 1))],
        ),
        N::LevelBreaksRow { name, got, want } => fill(
            lang,
            Msg::NoteLevelBreaksRow,
            &[
                ("name", name),
                ("got", &num(format!("{got}"))),
                ("want", &num(format!("{want}"))),
            ],
        ),
    }
}

/// A programme's note in `lang` (plan.json keeps the English one).
pub fn programme_note(lang: Lang, n: &ProgrammeNote) -> String {
    use ProgrammeNote as P;
    let num = |x: String| super::number_in(lang, &x);
    match n {
        P::HardCannotHold => t(lang, Msg::PNoteHardCannotHold).to_string(),
        P::NothingToOptimise => t(lang, Msg::PNoteNothingToOptimise).to_string(),
        P::Deadline { seconds } => fill(
            lang,
            Msg::PNoteDeadline,
            &[("seconds", &num(format!("{seconds:.1}")))],
        ),
        P::GreedyKept { seconds } => fill(
            lang,
            Msg::PNoteGreedyKept,
            &[("seconds", &num(format!("{seconds:.1}")))],
        ),
        P::GreedyBetter {
            seconds,
            backend,
            greedy,
        } => fill(
            lang,
            Msg::PNoteGreedyBetter,
            &[
                ("seconds", &num(format!("{seconds:.1}"))),
                ("backend", &num(format!("{backend:.0}"))),
                ("greedy", &num(format!("{greedy:.0}"))),
            ],
        ),
        P::NoProgrammeWithin { seconds } => fill(
            lang,
            Msg::PNoteNoProgrammeWithin,
            &[("seconds", &num(format!("{seconds}")))],
        ),
        P::ForcedImpossible => t(lang, Msg::PNoteForcedImpossible).to_string(),
        P::CalledInfeasible => t(lang, Msg::PNoteCalledInfeasible).to_string(),
        P::BackendError(m) => fill(lang, Msg::PNoteBackendError, &[("message", m)]),
        P::HistoryBreaksRules(moves) => {
            let moves: Vec<String> = moves
                .iter()
                .map(|m| {
                    let kind = match m.kind {
                        MoveKind::Rotation => t(lang, Msg::PNoteRotation),
                        MoveKind::Placement => t(lang, Msg::PNotePlacement),
                    };
                    let (line, period) = (m.line.to_string(), m.period.to_string());
                    let mut args: Vec<(&str, &dyn std::fmt::Display)> = vec![
                        ("line", &line),
                        ("kind", &kind),
                        ("cadre", &m.cadre),
                        ("post", &m.post),
                        ("period", &period),
                    ];
                    match &m.breach {
                        Some(b) => {
                            let (rule, title, why) = (
                                b.rule.to_string(),
                                crate::report::catalogue::rule_title(lang, b.rule),
                                why(lang, &b.detail),
                            );
                            args.extend([
                                ("rule", &rule as &dyn std::fmt::Display),
                                ("title", &title),
                                ("why", &why),
                            ]);
                            fill(lang, Msg::PNoteHistoryMoveBreaks, &args)
                        }
                        None => match &m.holder_stays {
                            Some(h) => {
                                args.push(("holder", h));
                                fill(lang, Msg::PNoteHistoryMoveHolderStays, &args)
                            }
                            None => fill(lang, Msg::PNoteHistoryMoveNoRoom, &args),
                        },
                    }
                })
                .collect();
            fill(
                lang,
                Msg::PNoteHistoryCannotBeKept,
                &[("moves", &moves.join("; "))],
            )
        }
        P::HistoryCannotHold => t(lang, Msg::PNoteHistoryCannotHold).to_string(),
        P::PinsBreakRules(pins) => {
            let pins: Vec<String> = pins
                .iter()
                .map(|p| {
                    let (rule, title, why) = (
                        p.breach.rule.to_string(),
                        crate::report::catalogue::rule_title(lang, p.breach.rule),
                        why(lang, &p.breach.detail),
                    );
                    fill(
                        lang,
                        Msg::PNotePinBreaks,
                        &[
                            ("cadre", &p.cadre),
                            ("post", &p.post),
                            ("period", &p.period),
                            ("rule", &rule),
                            ("title", &title),
                            ("why", &why),
                        ],
                    )
                })
                .collect();
            fill(
                lang,
                Msg::PNotePinsBreakRules,
                &[("pins", &pins.join("; "))],
            )
        }
        P::HistorySeatsOverfilled(posts) => {
            let posts: Vec<String> = posts
                .iter()
                .map(|o| {
                    let moves: Vec<String> = o
                        .moves
                        .iter()
                        .map(|(line, cadre)| {
                            fill(
                                lang,
                                Msg::PNoteSeatsMove,
                                &[("cadre", cadre), ("line", line)],
                            )
                        })
                        .collect();
                    let besides = match (&o.holder, o.taken_until) {
                        (Some(h), _) => fill(lang, Msg::PNoteSeatsHolder, &[("holder", h)]),
                        (None, Some(u)) => fill(lang, Msg::PNoteSeatsTakenUntil, &[("until", &u)]),
                        (None, None) => String::new(),
                    };
                    fill(
                        lang,
                        Msg::PNoteSeatsOverfilled,
                        &[
                            ("post", &o.post),
                            ("seats", &o.seats),
                            ("period", &o.period),
                            ("moves", &moves.join(", ")),
                            ("besides", &besides),
                        ],
                    )
                })
                .collect();
            fill(
                lang,
                Msg::PNoteHistorySeatsOverfilled,
                &[("posts", &posts.join("; "))],
            )
        }
        P::LevelStopped { level, name } => fill(
            lang,
            Msg::PNoteLevelStopped,
            &[("level", level), ("name", name), ("kept", &(level - 1))],
        ),
        P::ObjectiveDiffers {
            backend,
            recomputed,
        } => fill(
            lang,
            Msg::PNoteObjectiveDiffers,
            &[
                ("backend", &num(format!("{backend:.6}"))),
                ("recomputed", &num(format!("{recomputed:.6}"))),
            ],
        ),
        P::LevelBreaksRow { name, got, want } => fill(
            lang,
            Msg::PNoteLevelBreaksRow,
            &[
                ("name", name),
                ("got", &num(format!("{got}"))),
                ("want", &num(format!("{want}"))),
            ],
        ),
    }
}

/// A programme's notes in `lang`, joined by "; ".
pub fn programme_notes(lang: Lang, ns: &ProgrammeNotes) -> String {
    let all: Vec<String> = ns.0.iter().map(|n| programme_note(lang, n)).collect();
    all.join("; ")
}

/// English, the words of the programme's plan.json `note`.
impl fmt::Display for ProgrammeNotes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&programme_notes(Lang::En, self))
    }
}

/// The notes as one English string (plan.json's `note`).
impl Serialize for ProgrammeNotes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for Stuck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&stuck_text(Lang::En, self))
    }
}

/// English, the words of plan.json's `note`.
impl fmt::Display for solve::Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&solver_note(Lang::En, self))
    }
}

/// An explanation's note in `lang` (plan.json and the explanations' JSON keep the English).
pub fn note_text(lang: Lang, n: &Note) -> String {
    let num = |x: &usize| super::number_in(lang, &x.to_string());
    match n {
        Note::Solver(n) => solver_note(lang, n),
        Note::PinReplaced { cadre, post } => fill(
            lang,
            Msg::NotePinReplaced,
            &[("cadre", cadre), ("post", post)],
        ),
        Note::PinDropped { cadre, post } => fill(
            lang,
            Msg::NotePinDropped,
            &[("cadre", cadre), ("post", post)],
        ),
        Note::Ended(status) => fill(
            lang,
            Msg::NoteEnded,
            &[("status", &super::catalogue::status(lang, *status))],
        ),
        Note::Infeasible(groups) => groups_text_in(lang, groups),
        Note::RunnerUpsNotComputed { threshold } => fill(
            lang,
            Msg::NoteRunnerUpsNotComputed,
            &[("threshold", &num(threshold))],
        ),
        Note::RunnerUpsSkipped {
            skipped,
            max_solves,
        } => fill(
            lang,
            Msg::NoteRunnerUpsSkipped,
            &[("skipped", &num(skipped)), ("max_solves", &num(max_solves))],
        ),
    }
}

/// The notes joined by "; ", in `lang`.
pub fn notes_text(lang: Lang, ns: &Notes) -> String {
    ns.0.iter()
        .map(|n| note_text(lang, n))
        .collect::<Vec<_>>()
        .join("; ")
}

/// English: plan.json's and the explanations' JSON `note`.
impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&note_text(Lang::En, self))
    }
}

impl fmt::Display for Notes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, n) in self.0.iter().enumerate() {
            if k > 0 {
                f.write_str("; ")?;
            }
            n.fmt(f)?;
        }
        Ok(())
    }
}

/// `null` without a note, else the notes joined by "; ".
impl Serialize for Notes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_empty() {
            s.serialize_none()
        } else {
            s.collect_str(self)
        }
    }
}

impl fmt::Display for Asked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Asked::Pin { cadre, post } => write!(f, "pin {cadre} → {post}"),
            Asked::Forbid { cadre, post } => write!(f, "forbid {cadre} → {post}"),
        }
    }
}

#[cfg(test)]
mod solver_note_tests {
    use super::*;

    /// Every explanation note keeps its English (plan.json, the explanations' JSON) and has
    /// Vietnamese words of its own, with the Vietnamese number format.
    #[test]
    fn explanation_notes_are_english_in_json_and_vietnamese_in_words() {
        use crate::solve::SolveStatus;
        let notes = Notes(vec![
            Note::PinReplaced {
                cadre: "C1".into(),
                post: "P1".into(),
            },
            Note::PinDropped {
                cadre: "C1".into(),
                post: "P2".into(),
            },
            Note::Ended(SolveStatus::TimeLimit),
            Note::RunnerUpsNotComputed { threshold: 30000 },
            Note::RunnerUpsSkipped {
                skipped: 3,
                max_solves: 20,
            },
            Note::Solver(crate::solve::Note::DeadlineFallback { seconds: 2.5 }),
        ]);
        assert_eq!(
            notes.to_string(),
            "C1 was pinned to P1; that pin is replaced; C1 → P2 was pinned; the pin is dropped; \
             the re-solve ended with status time limit reached; not computed: more than 30000 \
             candidate pairs make each re-solve long; ask `rotaplan explain --post ID` for one \
             post; 3 runner-up(s) not re-solved: the budget is 20 re-solves; the backend did not \
             return within 2.5 s; this is the greedy plan, not proven"
        );
        assert_eq!(notes_text(Lang::En, &notes), notes.to_string());
        for n in &notes.0 {
            let (en, vi) = (note_text(Lang::En, n), note_text(Lang::Vi, n));
            assert_ne!(en, vi, "{n:?} has no Vietnamese words");
        }
        let vi = notes_text(Lang::Vi, &notes);
        assert!(vi.contains("ấn định đó được thay thế"), "{vi}");
        assert!(vi.contains("hơn 30.000 cặp"), "{vi}");
        assert!(vi.contains("hết thời gian cho phép"), "{vi}");
    }
    use crate::solve::Note as N;

    /// plan.json's `note` keeps the English words; the report says them in Vietnamese with the
    /// Vietnamese number format.
    #[test]
    fn the_solver_note_is_english_in_json_and_vietnamese_in_the_report() {
        let n = N::DeadlineFallback { seconds: 2.5 };
        assert_eq!(
            n.to_string(),
            "the backend did not return within 2.5 s; this is the greedy plan, not proven"
        );
        let vi = solver_note(Lang::Vi, &n);
        assert!(vi.contains("2,5 giây") && !vi.contains("greedy"), "{vi}");
        let n = N::RequirementsUnknown(Stuck::NoPlanWithin { seconds: 10.0 });
        assert_eq!(
            n.to_string(),
            "no plan meets the hard requirements yet, and none was proven impossible: \
             the solver found no plan for the requirements within 10.0 s"
        );
        assert!(solver_note(Lang::Vi, &n).contains("10,0 giây"));
        let p = |readmitted| N::Pricing {
            held: 1200,
            pairs: 90000,
            rounds: 3,
            bound: 1234.5,
            first: 1230.25,
            by_reduced_cost: 7,
            readmitted,
        };
        assert_eq!(
            p(false).to_string(),
            "pricing: 1200 of 90000 pairs in the model (3 LP rounds, LP bound 1234.5000, first plan 1230.2500, 7 pairs could not be re-admitted by reduced cost)"
        );
        assert!(
            p(true)
                .to_string()
                .contains("7 pairs re-admitted by reduced cost")
        );
        assert!(solver_note(Lang::Vi, &p(true)).contains("cận LP 1.234,5000"));
    }

    /// A programme's notes keep their English in plan.json (joined by "; ") and are said in
    /// Vietnamese, numbers in the Vietnamese format, by `programme_notes`.
    #[test]
    fn programme_notes_are_english_in_json_and_vietnamese_for_people() {
        use crate::programme::MoveKind;
        use crate::solve::programme::{HistoryMove, ProgrammeNote as P, ProgrammeNotes};
        let ns = ProgrammeNotes(vec![
            P::HistoryBreaksRules(vec![HistoryMove {
                line: 3,
                kind: MoveKind::Rotation,
                cadre: "C01".into(),
                post: "P02".into(),
                period: 2,
                breach: None,
                holder_stays: None,
            }]),
            P::LevelStopped {
                level: 2,
                name: "fill".into(),
            },
            P::NoProgrammeWithin { seconds: 1.5 },
        ]);
        assert_eq!(
            serde_json::to_string(&ns).unwrap(),
            "\"the history's executed moves cannot all be kept: line 3 (rotation C01 → P02, period 2) \
             passes the rules on its date, but no seat of the post is free then or no placement can \
             follow it; correct the history or the tables (see `rotaplan check`); level 2 (fill) stopped without a solution; the programme is level 1's; \
             no programme found within 1.5 s; the programme is empty\""
        );
        let vi = programme_notes(Lang::Vi, &ns);
        assert!(vi.contains("dòng 3 (luân chuyển C01 → P02, kỳ 2)"), "{vi}");
        assert!(
            vi.contains("mức 2 (fill)") && vi.contains("1,5 giây"),
            "{vi}"
        );
        assert!(!vi.contains("period") && !vi.contains("level"), "{vi}");
    }
}
