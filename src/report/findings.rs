//! The words of the plan's findings: why a post stays empty and what keeps each eligible cadre off
//! it. The plan holds them as data (`plan::Finding`, `plan::Holdback`); `Display` here is the one
//! place they become sentences, and their JSON form (plan.json's `reason` and `detail`) is that text.

use super::catalogue::{Msg, fill, rule_title, t};
use super::num;
use crate::domain::Lang;
use crate::plan::{
    Exclusions, Finding, GroupRef, Holdback, MovedElsewhere, Named, RelaxCase, Relaxation,
    rule_list,
};
use serde::{Serialize, Serializer};
use std::fmt;

/// The names kept (at most `plan::NAMED`), then "and N more" for the `more` that are not.
fn list(lang: Lang, names: &[String], more: usize) -> String {
    let mut s = names.join(", ");
    if more > 0 {
        s += &fill(lang, Msg::AndMore, &[("n", &more)]);
    }
    s
}

/// The moves kept in `moves`, in words, then "and N more".
fn moves_list(lang: Lang, moves: &Named<MovedElsewhere>) -> String {
    let names: Vec<String> = moves.first.iter().map(|m| moved(lang, m)).collect();
    list(lang, &names, moves.more())
}

fn there(score: Option<f64>) -> String {
    score.map_or("?".into(), num)
}

fn moved(lang: Lang, m: &MovedElsewhere) -> String {
    // A lower score there: the plan is better so for another reason, said.
    let lower = m.score_there.is_some_and(|t| t < m.score_here);
    let key = match (lower, m.must_fill_there) {
        _ if m.pinned_there => Msg::FindMovedPinned,
        (true, true) => Msg::FindMovedMustFill,
        (true, false) => Msg::FindMovedPlanGains,
        (false, _) => Msg::FindMoved,
    };
    fill(
        lang,
        key,
        &[
            ("cadre", &m.cadre_id),
            ("post", &m.post_id),
            ("there", &there(m.score_there)),
            ("here", &num(m.score_here)),
        ],
    )
}

/// "[all N cadres: H6 12, H2 2, …, forbidden 1]": the exclusions over the whole pool.
fn all_cadres(lang: Lang, ex: &Exclusions) -> String {
    let all = rule_list(&ex.by_rule_all)
        .iter()
        .map(|(r, n)| format!("{r} {n}"))
        .chain((ex.forbidden > 0).then(|| fill(lang, Msg::FindForbidden, &[("n", &ex.forbidden)])))
        .collect::<Vec<_>>()
        .join(", ");
    fill(
        lang,
        Msg::FindAllCadres,
        &[("n", &ex.all_cadres), ("list", &all)],
    )
}

/// Why a post stays empty, in `lang` (plan.json's `reason` is the English).
pub fn finding(lang: Lang, f: &Finding) -> String {
    match f {
        Finding::NoRankCompatible {
            post_rank,
            exclusions,
        } => fill(
            lang,
            Msg::FindNoRank,
            &[("rank", post_rank), ("all", &all_cadres(lang, exclusions))],
        ),
        Finding::AllForbidden { exclusions } => fill(
            lang,
            Msg::FindAllForbidden,
            &[
                ("n", &exclusions.rank_compatible),
                ("all", &all_cadres(lang, exclusions)),
            ],
        ),
        Finding::CutByRules { exclusions } => {
            let cut = rule_list(&exclusions.by_rule)
                .iter()
                .enumerate()
                .map(|(k, (r, n))| {
                    let verb = if k == 0 {
                        t(lang, Msg::FindExcludes)
                    } else {
                        ""
                    };
                    format!("{r} ({}) {verb}{n}", rule_title(lang, *r))
                })
                .chain(
                    (exclusions.forbidden > 0)
                        .then(|| fill(lang, Msg::FindForbidden, &[("n", &exclusions.forbidden)])),
                )
                .collect::<Vec<_>>()
                .join(", ");
            fill(
                lang,
                Msg::FindCutByRules,
                &[
                    ("n", &exclusions.rank_compatible),
                    ("cut", &cut),
                    ("all", &all_cadres(lang, exclusions)),
                ],
            )
        }
        Finding::AllSeatedHere { here } => fill(lang, Msg::FindAllSeatedHere, &[("n", here)]),
        Finding::UsedElsewhere { moves } => {
            // "To the plan's gain" only when the plan chose every move it names; a pin is no
            // choice, and each pinned move says so itself.
            let chosen = !moves.first.iter().any(|m| m.pinned_there);
            match (moves.first.as_slice(), moves.len()) {
                ([one], 1) => fill(
                    lang,
                    if chosen {
                        Msg::FindOneElsewhere
                    } else {
                        Msg::FindOneElsewherePinned
                    },
                    &[("moved", &moved(lang, one))],
                ),
                _ => fill(
                    lang,
                    if chosen {
                        Msg::FindAllElsewhere
                    } else {
                        Msg::FindAllElsewhereSomePinned
                    },
                    &[("n", &moves.len()), ("moved", &moves_list(lang, moves))],
                ),
            }
        }
        Finding::Blocked {
            capped,
            cap,
            family,
            elsewhere,
        } => {
            let mut parts = Vec::new();
            if !capped.is_empty() {
                let key = if *cap == 1 {
                    Msg::FindCappedOne
                } else {
                    Msg::FindCapped
                };
                parts.push(fill(
                    lang,
                    key,
                    &[
                        ("cadres", &list(lang, &capped.first, capped.more())),
                        ("cap", cap),
                    ],
                ));
            }
            if !family.is_empty() {
                let names: Vec<String> = family
                    .first
                    .iter()
                    .map(|(c, r, q)| {
                        fill(
                            lang,
                            Msg::FindFamilyOne,
                            &[("cadre", c), ("relative", r), ("post", q)],
                        )
                    })
                    .collect();
                parts.push(fill(
                    lang,
                    Msg::FindFamily,
                    &[("cadres", &list(lang, &names, family.more()))],
                ));
            }
            if !elsewhere.is_empty() {
                parts.push(fill(
                    lang,
                    Msg::FindOthersTook,
                    &[("moved", &moves_list(lang, elsewhere))],
                ));
            }
            let reason = parts.join("; ");
            if capped.is_empty() {
                fill(lang, Msg::FindBlocked, &[("reason", &reason)])
            } else {
                reason
            }
        }
        Finding::SolverStopped {
            cadre_id,
            gain,
            status,
        } => {
            // English keeps the status id it always wrote; people elsewhere read words.
            let status = match lang {
                Lang::En => status.as_str(),
                _ => super::catalogue::status(lang, *status),
            };
            fill(
                lang,
                Msg::FindSolverStopped,
                &[
                    ("cadre", cadre_id),
                    ("gain", &num(*gain)),
                    ("status", &status),
                ],
            )
        }
        Finding::HardTargets { cadre_id, targets } => {
            let names: Vec<&str> = targets
                .iter()
                .map(|&g| super::rules::group(lang, g))
                .collect();
            fill(
                lang,
                Msg::FindHardTargets,
                &[("cadre", cadre_id), ("targets", &names.join(", "))],
            )
        }
        Finding::LevelKept {
            cadre_id,
            gain,
            drop,
        } => fill(
            lang,
            Msg::FindLevelKept,
            &[
                ("cadre", cadre_id),
                ("gain", &num(*gain)),
                ("drop", &level_drop(lang, drop)),
            ],
        ),
        Finding::TargetsCost {
            cadre_id,
            gain,
            cost,
        } => fill(
            lang,
            Msg::FindTargetsCost,
            &[
                ("cadre", cadre_id),
                ("gain", &num(*gain)),
                ("cost", &num(*cost)),
            ],
        ),
        Finding::NotWorthAMove { free, best } => {
            let best = best.as_ref().map_or(String::new(), |(id, s)| {
                fill(
                    lang,
                    Msg::FindBestFree,
                    &[("cadre", id), ("score", &num(*s))],
                )
            });
            fill(lang, Msg::FindNotWorth, &[("free", free), ("best", &best)])
        }
        Finding::NoPlan { stopped, eligible } => fill(
            lang,
            if *stopped {
                Msg::FindNoPlanStopped
            } else {
                Msg::FindNoPlanInfeasible
            },
            &[("n", eligible)],
        ),
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&finding(Lang::En, self))
    }
}

/// What keeps an eligible cadre off an empty post, in `lang` (plan.json's `detail` is the English).
pub fn holdback(lang: Lang, h: &Holdback) -> String {
    match h {
        Holdback::Here => t(lang, Msg::HbHere).to_string(),
        Holdback::Elsewhere {
            post_id,
            score_there,
            score_here,
        } => fill(
            lang,
            Msg::HbElsewhere,
            &[
                ("post", post_id),
                ("there", &super::number_in(lang, &there(*score_there))),
                ("here", &super::num_in(lang, *score_here)),
            ],
        ),
        Holdback::Pinned { post_id } => fill(lang, Msg::HbPinned, &[("post", post_id)]),
        Holdback::UnitAtCap { unit_id, leaving } => {
            fill(lang, Msg::HbUnitAtCap, &[("unit", unit_id), ("n", leaving)])
        }
        Holdback::Relative {
            relative_id,
            post_id,
        } => fill(
            lang,
            Msg::HbRelative,
            &[("relative", relative_id), ("post", post_id)],
        ),
        Holdback::Free => t(lang, Msg::HbFree).to_string(),
    }
}

impl fmt::Display for Holdback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&holdback(Lang::En, self))
    }
}

// In JSON a finding is its sentence (plan.json's `reason`, `eligible[].detail`).
as_text!(Finding, Holdback);

impl fmt::Display for GroupRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&group_ref(Lang::En, self))
    }
}

/// A structure target's group ("women", "young", "minority") for people of `lang`.
pub(super) fn target_group(lang: Lang, target: &str) -> String {
    match (lang, target) {
        (Lang::En, _) => target.to_string(),
        (_, "women") => t(lang, Msg::GroupWomen).into(),
        (_, "young") => t(lang, Msg::GroupYoung).into(),
        (_, "minority") => t(lang, Msg::GroupMinority).into(),
        _ => target.to_string(),
    }
}

/// A requirement group as people of `lang` know it, with the way it gives way.
fn group_ref(lang: Lang, g: &GroupRef) -> String {
    match g {
        GroupRef::Pin { cadre_id, post_id } => fill(
            lang,
            Msg::RxGroupPin,
            &[("cadre", cadre_id), ("post", post_id)],
        ),
        GroupRef::MustFill {
            post_id,
            post_title,
        } => fill(
            lang,
            Msg::RxGroupMustFill,
            &[("post", post_id), ("title", post_title)],
        ),
        GroupRef::Target { target, share } => fill(
            lang,
            Msg::RxGroupTarget,
            &[
                ("target", &target_group(lang, target)),
                (
                    "share",
                    &super::number_in(lang, &format!("{:.0}", 100.0 * share)),
                ),
            ],
        ),
    }
}

fn joined(lang: Lang, items: &[GroupRef]) -> String {
    items
        .iter()
        .map(|g| group_ref(lang, g))
        .collect::<Vec<_>>()
        .join("; ")
}

fn pin_word(lang: Lang, n: usize) -> &'static str {
    t(
        lang,
        if n == 1 {
            Msg::RxPinWord
        } else {
            Msg::RxPinsWord
        },
    )
}

/// A relaxation's summary in words (English: plan.json's `summary`).
pub fn relaxation_summary(r: &Relaxation) -> String {
    relaxation_summary_in(Lang::En, r)
}

/// A relaxation's summary in words in `lang`: which groups give way, and what a plan is then.
pub fn relaxation_summary_in(lang: Lang, r: &Relaxation) -> String {
    let number = |x: String| super::number_in(lang, &x);
    let resolved = match (r.status_after, r.objective_after) {
        (Some(s), Some(z)) => fill(
            lang,
            Msg::RxResolved,
            &[
                ("status", &super::catalogue::status_id(lang, s.as_str())),
                ("objective", &super::num_in(lang, z)),
            ],
        ),
        _ => String::new(),
    };
    match &r.summary {
        RelaxCase::FixedPins => fill(
            lang,
            Msg::RxFixedPins,
            &[
                ("n", &r.fixed),
                ("pins", &pin_word(lang, r.fixed)),
                (
                    "groups",
                    &super::rules::groups_text_in(lang, &r.fixed_conflicts),
                ),
            ],
        ),
        RelaxCase::DropPins => {
            let pins = r
                .drop
                .iter()
                .map(|d| {
                    let why = d
                        .breaks
                        .iter()
                        .map(|g| g.rule.to_string())
                        .collect::<Vec<_>>()
                        .join(", ");
                    format!("{} → {} ({why})", d.cadre_id, d.post_id)
                })
                .collect::<Vec<_>>()
                .join("; ");
            let mut s = fill(
                lang,
                Msg::RxDropPins,
                &[
                    ("total", &(r.drop.len() + r.kept)),
                    ("n", &r.drop.len()),
                    ("pins", &pin_word(lang, r.drop.len())),
                    ("list", &pins),
                    ("kept", &r.kept),
                    ("kept_pins", &pin_word(lang, r.kept)),
                ],
            );
            if r.fixed > 0 {
                s += &fill(lang, Msg::RxDropPinsFixed, &[("n", &r.fixed)]);
            }
            s.push('.');
            s + &resolved
        }
        RelaxCase::FixedGroups { groups } => fill(
            lang,
            Msg::RxFixedGroups,
            &[("n", &r.fixed), ("groups", &joined(lang, groups))],
        ),
        RelaxCase::Unknown { time_limit_s, note } => fill(
            lang,
            Msg::RxUnknown,
            &[
                ("seconds", &number(format!("{time_limit_s}"))),
                ("note", &super::rules::stuck_text(lang, note)),
            ],
        ),
        RelaxCase::Groups { groups } => {
            let what = match groups.len() {
                1 => t(lang, Msg::RxOneGroup).to_string(),
                n => fill(lang, Msg::RxNGroups, &[("n", &n)]),
            };
            let mut s = fill(
                lang,
                Msg::RxGroups,
                &[("what", &what), ("groups", &joined(lang, groups))],
            );
            s += t(
                lang,
                if r.minimum {
                    Msg::RxMinimum
                } else {
                    Msg::RxNotMinimum
                },
            );
            for m in &r.must_fill {
                s += &fill(
                    lang,
                    Msg::RxThenMustFill,
                    &[
                        ("post", &m.post_id),
                        ("title", &m.post_title),
                        ("unit", &m.unit_name),
                        ("filled", &m.filled),
                        ("seats", &m.seats),
                    ],
                );
            }
            for tg in &r.targets {
                s += &fill(
                    lang,
                    Msg::RxThenTarget,
                    &[
                        ("target", &target_group(lang, &tg.target)),
                        ("reached", &number(format!("{:.1}", 100.0 * tg.reached))),
                        ("share", &number(format!("{:.1}", 100.0 * tg.share))),
                    ],
                );
            }
            if r.fixed > 0 {
                s += &fill(lang, Msg::RxNeverRelaxed, &[("n", &r.fixed)]);
            }
            s + &resolved
        }
    }
}

/// plan.json's `relaxation`: the fields in their order, `summary` in words.
impl Serialize for Relaxation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Relaxation", 11)?;
        st.serialize_field("groups", &self.groups)?;
        st.serialize_field("drop", &self.drop)?;
        st.serialize_field("kept", &self.kept)?;
        st.serialize_field("fixed", &self.fixed)?;
        st.serialize_field("fixed_conflicts", &self.fixed_conflicts)?;
        st.serialize_field("must_fill", &self.must_fill)?;
        st.serialize_field("targets", &self.targets)?;
        st.serialize_field("minimum", &self.minimum)?;
        st.serialize_field("status_after", &self.status_after)?;
        st.serialize_field("objective_after", &self.objective_after)?;
        st.serialize_field("summary", &relaxation_summary(self))?;
        st.end()
    }
}

/// How a change takes a lexicographic level below what it kept, in `lang`.
pub fn level_drop(lang: Lang, d: &crate::plan::LevelDrop) -> String {
    fill(
        lang,
        Msg::LevelDropped,
        &[
            ("level", &super::catalogue::term(lang, &d.level)),
            ("now", &num(d.now)),
            ("with", &num(d.with)),
            ("kept", &num(d.kept)),
        ],
    )
}
