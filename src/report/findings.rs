//! The words of the plan's findings: why a post stays empty and what keeps each eligible cadre off
//! it. The plan holds them as data (`plan::Finding`, `plan::Holdback`); `Display` here is the one
//! place they become sentences, and their JSON form (plan.json's `reason` and `detail`) is that text.

use super::catalogue::{Msg, fill, rule_title, t};
use super::num;
use crate::domain::Lang;
use crate::plan::{
    Exclusions, Finding, GroupRef, Holdback, MovedElsewhere, RelaxCase, Relaxation, rule_list,
};
use serde::{Serialize, Serializer};
use std::fmt;

/// At most `max` names, then "and N more".
fn list(lang: Lang, names: &[String], max: usize) -> String {
    let mut s = names
        .iter()
        .take(max)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > max {
        s += &fill(lang, Msg::AndMore, &[("n", &(names.len() - max))]);
    }
    s
}

fn there(score: Option<f64>) -> String {
    score.map_or("?".into(), num)
}

fn moved(lang: Lang, m: &MovedElsewhere) -> String {
    fill(
        lang,
        Msg::FindMoved,
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
        Finding::UsedElsewhere { moves } => match moves.as_slice() {
            [one] => fill(lang, Msg::FindOneElsewhere, &[("moved", &moved(lang, one))]),
            all => fill(
                lang,
                Msg::FindAllElsewhere,
                &[
                    ("n", &all.len()),
                    (
                        "moved",
                        &list(
                            lang,
                            &all.iter().map(|m| moved(lang, m)).collect::<Vec<_>>(),
                            5,
                        ),
                    ),
                ],
            ),
        },
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
                    &[("cadres", &list(lang, capped, 5)), ("cap", cap)],
                ));
            }
            if !family.is_empty() {
                let names: Vec<String> = family
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
                    &[("cadres", &list(lang, &names, 5))],
                ));
            }
            if !elsewhere.is_empty() {
                let names: Vec<String> = elsewhere.iter().map(|m| moved(lang, m)).collect();
                parts.push(fill(
                    lang,
                    Msg::FindOthersTook,
                    &[("moved", &list(lang, &names, 5))],
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
                    &[("cadre", id), ("score", &format!("{s:.1}"))],
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

fn pin_word(n: usize) -> &'static str {
    if n == 1 { "pin" } else { "pins" }
}

impl fmt::Display for GroupRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupRef::Pin { cadre_id, post_id } => {
                write!(f, "drop pin {cadre_id} → {post_id} (S2)")
            }
            GroupRef::MustFill {
                post_id,
                post_title,
            } => write!(
                f,
                "let must-fill post {post_id} ({post_title}) stay short (S5)"
            ),
            GroupRef::Target { target, share } => write!(
                f,
                "let the {target} target of {:.0} % give way (S6)",
                100.0 * share
            ),
        }
    }
}

fn joined<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|g| g.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A relaxation's summary in words: which groups give way, and what a plan is then.
pub fn relaxation_summary(r: &Relaxation) -> String {
    let resolved = match (r.status_after, r.objective_after) {
        (Some(s), Some(z)) => format!(
            " Re-solved that way: status {}, objective {}.",
            s.as_str(),
            num(z)
        ),
        _ => String::new(),
    };
    match &r.summary {
        RelaxCase::FixedPins => format!(
            "The {} {} marked `relaxable: false` cannot hold together ({}); dropping other pins does not help. Change one of them.",
            r.fixed,
            pin_word(r.fixed),
            super::groups_text(&r.fixed_conflicts)
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
            let mut s = format!(
                "The {} pins cannot all hold. Drop {} {} to get a plan: {pins}. Keeping any one of them as well makes a plan impossible again. Kept: {} {}",
                r.drop.len() + r.kept,
                r.drop.len(),
                pin_word(r.drop.len()),
                r.kept,
                pin_word(r.kept)
            );
            if r.fixed > 0 {
                s += &format!(" ({} marked `relaxable: false`)", r.fixed);
            }
            s.push('.');
            s + &resolved
        }
        RelaxCase::FixedGroups { groups } => format!(
            "The {} requirement group(s) marked `relaxable: false` cannot hold together, whatever the other groups give way: {}. Mark one of them relaxable, or change it.",
            r.fixed,
            joined(groups)
        ),
        RelaxCase::Unknown { time_limit_s, note } => format!(
            "The hard requirements do not hold together as they are, and the solver could not tell within {time_limit_s} s which groups must give way: {note}."
        ),
        RelaxCase::Groups { groups } => {
            let mut s = format!(
                "The hard requirements cannot all hold together. To get a plan, relax {}: {}.",
                match groups.len() {
                    1 => "one group".to_string(),
                    n => format!("{n} groups"),
                },
                joined(groups)
            );
            s += if r.minimum {
                " No smaller set of groups will do."
            } else {
                " Keeping any one of them as well makes a plan impossible again."
            };
            for m in &r.must_fill {
                s += &format!(
                    " Then a plan exists with {} ({}, {}) at {} of its {} seat(s).",
                    m.post_id, m.post_title, m.unit_name, m.filled, m.seats
                );
            }
            for t in &r.targets {
                s += &format!(
                    " Then a plan exists with the {} share at {:.1} % (target {:.1} %).",
                    t.target,
                    100.0 * t.reached,
                    100.0 * t.share
                );
            }
            if r.fixed > 0 {
                s += &format!(
                    " {} group(s) marked `relaxable: false` were never relaxed.",
                    r.fixed
                );
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
