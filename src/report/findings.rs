//! The words of the plan's findings: why a post stays empty and what keeps each eligible cadre off
//! it. The plan holds them as data (`plan::Finding`, `plan::Holdback`); `Display` here is the one
//! place they become sentences, and their JSON form (plan.json's `reason` and `detail`) is that text.

use super::num;
use crate::plan::{
    Exclusions, Finding, GroupRef, Holdback, MovedElsewhere, RelaxCase, Relaxation, rule_list,
};
use serde::{Serialize, Serializer};
use std::fmt;

/// At most `max` names, then "and N more".
fn list(names: &[String], max: usize) -> String {
    let mut s = names
        .iter()
        .take(max)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > max {
        s += &format!(" and {} more", names.len() - max);
    }
    s
}

fn there(score: Option<f64>) -> String {
    score.map_or("?".into(), num)
}

fn moved(m: &MovedElsewhere) -> String {
    format!(
        "{} → {} (score {} there, {} here)",
        m.cadre_id,
        m.post_id,
        there(m.score_there),
        num(m.score_here)
    )
}

/// "[all N cadres: H6 12, H2 2, …, forbidden 1]": the exclusions over the whole pool.
fn all_cadres(ex: &Exclusions) -> String {
    let all = rule_list(&ex.by_rule_all)
        .iter()
        .map(|(r, n)| format!("{r} {n}"))
        .chain((ex.forbidden > 0).then(|| format!("forbidden {}", ex.forbidden)))
        .collect::<Vec<_>>()
        .join(", ");
    format!("[all {} cadres: {all}]", ex.all_cadres)
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::NoRankCompatible {
                post_rank,
                exclusions,
            } => write!(
                f,
                "no eligible cadre: no cadre holds a rank H6 allows on this rank-{post_rank} post {}",
                all_cadres(exclusions)
            ),
            Finding::AllForbidden { exclusions } => write!(
                f,
                "no eligible cadre: the {} cadre(s) of a compatible rank pass every rule but are forbidden by the scenario {}",
                exclusions.rank_compatible,
                all_cadres(exclusions)
            ),
            Finding::CutByRules { exclusions } => {
                let cut = rule_list(&exclusions.by_rule)
                    .iter()
                    .enumerate()
                    .map(|(k, (r, n))| {
                        let verb = if k == 0 { "excludes " } else { "" };
                        format!("{r} ({}) {verb}{n}", r.title())
                    })
                    .chain(
                        (exclusions.forbidden > 0)
                            .then(|| format!("forbidden {}", exclusions.forbidden)),
                    )
                    .collect::<Vec<_>>()
                    .join(", ");
                write!(
                    f,
                    "no eligible cadre: of the {} cadre(s) of a compatible rank, {cut} {}",
                    exclusions.rank_compatible,
                    all_cadres(exclusions)
                )
            }
            Finding::AllSeatedHere { here } => write!(
                f,
                "its {here} eligible cadre(s) already sit on it; no one else passes the rules for the other seat(s)"
            ),
            Finding::UsedElsewhere { moves } => match moves.as_slice() {
                [one] => write!(
                    f,
                    "the other eligible cadre is worth more elsewhere: {}",
                    moved(one)
                ),
                all => write!(
                    f,
                    "all {} other eligible cadres are worth more elsewhere: {}",
                    all.len(),
                    list(&all.iter().map(moved).collect::<Vec<_>>(), 5)
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
                    parts.push(format!(
                        "the free eligible cadres ({}) belong to units that already lose {cap} cadres (S1)",
                        list(capped, 5)
                    ));
                }
                if !family.is_empty() {
                    let names: Vec<String> = family
                        .iter()
                        .map(|(c, r, q)| format!("{c} (relative {r} → {q})"))
                        .collect();
                    parts.push(format!(
                        "{} would sit in a sensitive post under a relative, or lead one, placed by the plan (H10)",
                        list(&names, 5)
                    ));
                }
                if !elsewhere.is_empty() {
                    let names: Vec<String> = elsewhere.iter().map(moved).collect();
                    parts.push(format!("the others took other posts: {}", list(&names, 5)));
                }
                let reason = parts.join("; ");
                if capped.is_empty() {
                    write!(f, "the free eligible cadres are blocked: {reason}")
                } else {
                    f.write_str(&reason)
                }
            }
            Finding::SolverStopped {
                cadre_id,
                gain,
                status,
            } => write!(
                f,
                "moving {cadre_id} here would add {} to the objective, but the solve stopped before finding it (status {})",
                num(*gain),
                status.as_str()
            ),
            Finding::TargetsCost {
                cadre_id,
                gain,
                cost,
            } => write!(
                f,
                "moving {cadre_id} here would gain {} but cost {} in structure-target shortfall (women, young, minority targets)",
                num(*gain),
                num(*cost)
            ),
            Finding::NotWorthAMove { free, best } => {
                let detail = best.as_ref().map_or(String::new(), |(id, s)| {
                    format!(" (best free cadre {id} scores {s:.1})")
                });
                write!(
                    f,
                    "{free} free eligible cadre(s), but no move here improves the plan under the targets and caps{detail}"
                )
            }
            Finding::NoPlan { stopped, eligible } => write!(
                f,
                "no plan: {}; {eligible} cadre(s) are eligible for this post",
                if *stopped {
                    "the solver stopped before it found a plan that meets the hard requirements"
                } else {
                    "the requirements cannot all hold (see Requirements to relax)"
                }
            ),
        }
    }
}

impl fmt::Display for Holdback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Holdback::Here => f.write_str("sits on another seat of this post"),
            Holdback::Elsewhere {
                post_id,
                score_there,
                score_here,
            } => write!(
                f,
                "took {post_id} (score {} there, {} here)",
                there(*score_there),
                num(*score_here)
            ),
            Holdback::UnitAtCap { unit_id, leaving } => write!(
                f,
                "{unit_id} already loses {leaving} cadre(s), the maximum (S1)"
            ),
            Holdback::Relative {
                relative_id,
                post_id,
            } => write!(
                f,
                "relative {relative_id} takes {post_id} in the same unit (H10)"
            ),
            Holdback::Free => f.write_str("free"),
        }
    }
}

/// In JSON a finding is its sentence (plan.json's `reason`, `eligible[].detail`).
impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for Holdback {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

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
            r.fixed_conflicts
                .iter()
                .map(|g| format!("{}: {}", g.rule, g.detail))
                .collect::<Vec<_>>()
                .join("; ")
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
