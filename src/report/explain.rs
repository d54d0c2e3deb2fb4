//! Renderers of the explanations (`rotaplan explain`) and of the explanation parts of a plan report
//! (structure, requirements to relax, runner-ups). They format what `explain` computed; nothing more.

use super::catalogue::{Msg, fill, t};
use super::{Format, md_escape, md_table, num_in, text_table};
use crate::domain::Lang;
use crate::explain::{
    CadreExplanation, Change, Cost, Counterfactual, Explanation, MustFillBlock, Overview,
    PairExplanation, PostExplanation, Relaxation, RunnerUps, Structure, WhyNot,
};
use crate::plan::{Plan, Unfilled, UnfilledKind};
use crate::solve::SolveStatus;
use std::fmt::Write as _;

/// Render an explanation as a text table (`Format::Table`), JSON or Markdown (CSV falls back to
/// the table).
/// The explanation with its text fields (`summary`, each option's and candidate's `why_not`)
/// written from its data: explain/ answers with data, and these are its words.
pub fn worded(e: &Explanation) -> Explanation {
    worded_in(e, Lang::En)
}

/// [`worded`] in `lang`.
pub fn worded_in(e: &Explanation, lang: Lang) -> Explanation {
    match e {
        Explanation::Pair(p) => Explanation::Pair(pair_worded_in(p.clone(), lang)),
        Explanation::Cadre(c) => Explanation::Cadre(cadre_worded_in(c.clone(), lang)),
        Explanation::Post(p) => Explanation::Post(post_worded_in(p.clone(), lang)),
        other => other.clone(),
    }
}

pub fn pair_worded(e: PairExplanation) -> PairExplanation {
    pair_worded_in(e, Lang::En)
}

fn pair_worded_in(mut e: PairExplanation, lang: Lang) -> PairExplanation {
    e.summary = pair_summary_in(&e, lang);
    e
}

pub fn cadre_worded(e: CadreExplanation) -> CadreExplanation {
    cadre_worded_in(e, Lang::En)
}

fn cadre_worded_in(mut e: CadreExplanation, lang: Lang) -> CadreExplanation {
    for o in &mut e.options {
        o.why_not = o.reason.as_ref().map(|r| why_not_in(&e.cadre_id, r, lang));
    }
    e.summary = cadre_summary_in(&e, lang);
    e
}

pub fn post_worded(e: PostExplanation) -> PostExplanation {
    post_worded_in(e, Lang::En)
}

fn post_worded_in(mut e: PostExplanation, lang: Lang) -> PostExplanation {
    for c in &mut e.candidates {
        c.why_not = c
            .reason
            .as_ref()
            .filter(|r| !matches!(r, WhyNot::OnPost { .. }))
            .map(|r| why_not_in(&c.cadre_id, r, lang));
    }
    e.summary = post_summary_in(&e, lang);
    e
}

pub fn explanation(e: &Explanation, format: Format) -> String {
    explanation_in(e, format, Lang::En)
}

/// [`explanation`] in `lang`: every view in every language of the catalogue (JSON keys and ids
/// stay, its sentences follow `lang`).
pub fn explanation_in(e: &Explanation, format: Format, lang: Lang) -> String {
    let e = &worded_in(e, lang);
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(e)
                .unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"));
            s.push('\n');
            s
        }
        Format::Markdown => markdown(e, lang),
        Format::Table | Format::Csv => text(e, lang),
    }
}

fn text(e: &Explanation, lang: Lang) -> String {
    match e {
        Explanation::Pair(x) => pair_text(x, lang),
        Explanation::Cadre(x) => cadre_text(x, lang),
        Explanation::Post(x) => post_text(x, lang),
        Explanation::Plan(x) => overview_text(x, lang),
        Explanation::Structure(x) => {
            let mut out = format!("{}\n", t(lang, Msg::StructureBeforeMip));
            for l in structure_lines_in(x, usize::MAX, lang) {
                let _ = writeln!(out, "  {l}");
            }
            out
        }
    }
}

fn markdown(e: &Explanation, lang: Lang) -> String {
    match e {
        Explanation::Pair(x) => pair_md(x, lang),
        Explanation::Cadre(x) => cadre_md(x, lang),
        Explanation::Post(x) => post_md(x, lang),
        Explanation::Plan(x) => overview_md(x, lang),
        Explanation::Structure(x) => {
            let mut out = format!("## {}\n\n", t(lang, Msg::Structure));
            for l in structure_lines_in(x, usize::MAX, lang) {
                out += &format!("- {l}\n");
            }
            out
        }
    }
}

fn opt_num(x: Option<f64>, lang: Lang) -> String {
    x.map_or("—".into(), |x| num_in(lang, x))
}

fn signed(x: f64, lang: Lang) -> String {
    let s = num_in(lang, x);
    if x > 0.0 { format!("+{s}") } else { s }
}

// ---------------------------------------------------------------------------------------------
// Words: every sentence of an explanation is made here, from the data `explain` computed.

/// A solver status for people (the JSON keeps the ids).
pub fn status_words(s: SolveStatus) -> &'static str {
    super::catalogue::status(Lang::En, s)
}

/// The kind of an empty post for people (the JSON keeps the ids, docs/plan-format.md).
/// An empty post's kind and reason, " (kind): reason", or ": reason" when the reason starts
/// with the kind's own words ("(no plan): no plan: …" said it twice).
fn kind_and_reason(u: &crate::plan::Unfilled, lang: Lang) -> String {
    let kind = kind_words(u.kind, lang);
    let reason = super::findings::finding(lang, &u.reason);
    if reason.to_lowercase().starts_with(&kind.to_lowercase()) {
        format!(": {reason}")
    } else {
        format!(" ({kind}): {reason}")
    }
}

fn kind_words(k: UnfilledKind, lang: Lang) -> &'static str {
    t(
        lang,
        match k {
            UnfilledKind::NoEligibleCadre => Msg::XcKindNoEligible,
            UnfilledKind::EligibleUsedElsewhere => Msg::XcKindUsedElsewhere,
            UnfilledKind::SideConstraint => Msg::XcKindSideRule,
            UnfilledKind::ObjectiveOrder => Msg::XcKindObjectiveOrder,
            UnfilledKind::NotWorthAMove => Msg::XcKindNotWorth,
            UnfilledKind::SolverStopped => Msg::XcKindStopped,
            UnfilledKind::NoPlan => Msg::XcKindNoPlan,
        },
    )
}

/// A part of the objective or a KPI (named as in the JSON) for people.
fn label(name: &str, lang: Lang) -> String {
    let m = match name {
        "terms.staffing" => Msg::XcLabelStaffing,
        "terms.training" => Msg::XcLabelTraining,
        "terms.fit" => Msg::XcLabelFit,
        "terms.disruption" => Msg::XcLabelDisruption,
        "terms.stability" => Msg::XcLabelStability,
        "pair_score" => Msg::XcLabelPairScore,
        "must_fill_empty_seats" => Msg::XcLabelMustFillEmpty,
        "extra_seats_used" => Msg::XcLabelExtraSeats,
        "women_shortfall" => Msg::XcLabelWomenShort,
        "young_shortfall" => Msg::XcLabelYoungShort,
        "minority_shortfall" => Msg::XcLabelMinorityShort,
        "posts_filled" => Msg::XcLabelPostsFilled,
        "seats_filled" => Msg::XcLabelSeatsFilled,
        "must_fill_posts" => Msg::XcLabelMustFillPosts,
        "must_fill_filled" => Msg::XcLabelMustFillFilled,
        "shortage_posts" => Msg::XcLabelShortagePosts,
        "shortage_filled" => Msg::XcLabelShortageFilled,
        "women_share" => Msg::XcLabelWomenShare,
        "young_share" => Msg::XcLabelYoungShare,
        "minority_share" => Msg::XcLabelMinorityShare,
        "training_coverage" => Msg::XcLabelTrainingCoverage,
        other => {
            return other.rsplit('.').next().unwrap_or(other).replace('_', " ");
        }
    };
    t(lang, m).to_string()
}

/// "(exact)" or why not.
fn exactness(proven: bool, lang: Lang) -> &'static str {
    t(
        lang,
        if proven {
            Msg::XcExact
        } else {
            Msg::XcEstimate
        },
    )
}

/// What a re-solve says, in the words and with the sign every view uses: "cost if forced: 1118
/// (exact)" — the objective the plan loses with the change (positive: the plan is better as it
/// is) — or that no plan would exist.
fn cost_words(
    forced: bool,
    cost: Option<f64>,
    has_plan: bool,
    proven: bool,
    why: &str,
    lang: Lang,
) -> String {
    match (has_plan, cost) {
        (true, Some(x)) => fill(
            lang,
            if forced {
                Msg::XcCostForced
            } else {
                Msg::XcCostForbidden
            },
            &[
                ("cost", &num_in(lang, x)),
                ("exact", &exactness(proven, lang)),
            ],
        ),
        _ => {
            let why = if why.is_empty() {
                String::new()
            } else {
                format!(" ({why})")
            };
            fill(
                lang,
                if forced {
                    Msg::XcNoPlanIfForced
                } else {
                    Msg::XcNoPlanIfForbidden
                },
                &[("why", &why)],
            )
        }
    }
}

fn cannot_hold(cf: &Counterfactual, lang: Lang) -> String {
    super::rules::groups_text_in(lang, &cf.infeasible)
}

/// The cost of a counterfactual: `forced` (a pin) or forbidden.
fn cf_cost(cf: &Counterfactual, forced: bool, lang: Lang) -> String {
    cost_words(
        forced,
        cf.cost,
        cf.status.has_plan(),
        cf.proven,
        &cannot_hold(cf, lang),
        lang,
    )
}

/// The cost of forcing a cadre onto a post, as the cadre view and the runner-ups keep it.
fn forced_cost(c: &Cost, lang: Lang) -> String {
    cost_words(
        true,
        c.cost,
        c.status.has_plan(),
        c.proven,
        &super::notes_text(lang, &c.note),
        lang,
    )
}

/// The parts of the objective that change, briefly: "sum of pair scores -9, women shortfall +1"
/// (the weighted sum and the penalties; the unweighted points are in the JSON).
fn parts_brief(v: &[Change], lang: Lang) -> String {
    v.iter()
        .filter(|c| c.delta.abs() > 1e-9 && !c.name.starts_with("terms."))
        .map(|c| format!("{} {}", label(&c.name, lang), signed(c.delta, lang)))
        .collect::<Vec<_>>()
        .join(super::numbers_sep(lang))
}

fn holder_list(hs: &[crate::explain::Holder], lang: Lang) -> String {
    hs.iter()
        .map(|h| {
            fill(
                lang,
                Msg::XcHolder,
                &[("cadre", &h.cadre_id), ("score", &num_in(lang, h.score))],
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why there is no plan, pointing at the section that says what to relax when there is one.
fn no_plan_cause(status: SolveStatus, lang: Lang) -> String {
    if status == SolveStatus::Stopped {
        t(lang, Msg::XcNoPlanStopped).to_string()
    } else {
        fill(
            lang,
            Msg::XcNoPlanInfeasible,
            &[("heading", &t(lang, Msg::XcRelaxHeading))],
        )
    }
}

fn no_plan_words(status: SolveStatus, lang: Lang) -> String {
    fill(
        lang,
        Msg::XcThereIsNoPlan,
        &[("cause", &no_plan_cause(status, lang))],
    )
}

/// " (reason)" or nothing.
fn in_brackets(r: Option<&str>) -> String {
    r.map(|r| format!(" ({r})")).unwrap_or_default()
}

/// " (parts)" or nothing.
fn parts_in_brackets(changes: &[Change], lang: Lang) -> String {
    let parts = parts_brief(changes, lang);
    if parts.is_empty() {
        parts
    } else {
        format!(" ({parts})")
    }
}

/// "C01 holds it (score 5)", pinned or not.
fn holds_words(cadre_id: &str, score: f64, pinned: bool, lang: Lang) -> String {
    fill(
        lang,
        if pinned {
            Msg::XcHoldsPinned
        } else {
            Msg::XcHolds
        },
        &[("cadre", &cadre_id), ("score", &num_in(lang, score))],
    )
}

/// THE sentence for why cadre `cadre_id` is not on a post (or that they are): the pair, cadre and
/// post views all say it with this function, from the same [`WhyNot`].
pub fn why_not_text(cadre_id: &str, w: &WhyNot) -> String {
    why_not_in(cadre_id, w, Lang::En)
}

/// [`why_not_text`] in `lang`.
pub fn why_not_in(cadre_id: &str, w: &WhyNot, lang: Lang) -> String {
    match w {
        WhyNot::OnPost { score, pinned } => holds_words(cadre_id, *score, *pinned, lang),
        WhyNot::Excluded {
            breaches,
            forbidden,
            forbid_reason,
        } => {
            let mut why: Vec<String> = breaches.iter().map(|b| breach_in(b, lang)).collect();
            if *forbidden {
                why.push(fill(
                    lang,
                    Msg::XcForbidsPair,
                    &[("reason", &in_brackets(forbid_reason.as_deref()))],
                ));
            }
            why.join("; ")
        }
        WhyNot::NoPlan { status } => no_plan_words(*status, lang),
        WhyNot::PinnedElsewhere {
            post_id,
            pin_reason,
        } => fill(
            lang,
            Msg::XcPinnedElsewhere,
            &[
                ("cadre", &cadre_id),
                ("post", post_id),
                ("reason", &in_brackets(pin_reason.as_deref())),
            ],
        ),
        WhyNot::Placed { post_id, score } => fill(
            lang,
            Msg::XcPlacedInstead,
            &[
                ("cadre", &cadre_id),
                ("post", post_id),
                ("score", &num_in(lang, *score)),
            ],
        ),
        WhyNot::UnitAtCap {
            unit_id,
            max,
            leaving,
        } => {
            let most = if leaving.len() as u32 == *max {
                t(lang, Msg::XcTheMaximum).to_string()
            } else {
                fill(lang, Msg::XcMaximumIs, &[("max", max)])
            };
            let moves = leaving
                .iter()
                .map(|d| format!("{} → {}", d.cadre_id, d.post_id))
                .collect::<Vec<_>>()
                .join(", ");
            fill(
                lang,
                Msg::XcUnitAtCap,
                &[
                    ("unit", unit_id),
                    ("n", &leaving.len()),
                    ("most", &most),
                    ("moves", &moves),
                ],
            )
        }
        WhyNot::Relative {
            relative_id,
            relative_post_id,
        } => fill(
            lang,
            Msg::XcRelative,
            &[("relative", relative_id), ("post", relative_post_id)],
        ),
        WhyNot::NotVacant {
            holder_id,
            vacant_from,
        } => match (holder_id, vacant_from) {
            (_, Some(d)) => fill(
                lang,
                Msg::XcVacantLater,
                &[("date", &super::date_in(lang, *d))],
            ),
            (h, None) => fill(
                lang,
                Msg::XcHolderStays,
                &[("holder", &h.as_deref().unwrap_or("?"))],
            ),
        },
        WhyNot::Taken { holders, swap } => {
            let held = fill(
                lang,
                Msg::XcHeldBy,
                &[("holders", &holder_list(holders, lang))],
            );
            match swap {
                None => fill(lang, Msg::XcHeldPinned, &[("held", &held)]),
                Some(s) if s.cost.abs() <= 1e-6 => fill(
                    lang,
                    Msg::XcSwapEqual,
                    &[
                        ("held", &held),
                        ("cadre", &cadre_id),
                        ("holder", &s.holder_id),
                    ],
                ),
                Some(s) => fill(
                    lang,
                    Msg::XcSwapCost,
                    &[
                        ("held", &held),
                        ("cadre", &cadre_id),
                        ("holder", &s.holder_id),
                        ("cost", &num_in(lang, s.cost)),
                        ("parts", &parts_in_brackets(&s.changes, lang)),
                    ],
                ),
            }
        }
        WhyNot::FreeSeatWorseObjective { cost, changes } => {
            if cost.abs() <= 1e-6 {
                fill(lang, Msg::XcFreeSeatSame, &[("cadre", &cadre_id)])
            } else {
                fill(
                    lang,
                    Msg::XcFreeSeatCost,
                    &[
                        ("cadre", &cadre_id),
                        ("cost", &num_in(lang, *cost)),
                        ("parts", &parts_in_brackets(changes, lang)),
                    ],
                )
            }
        }
        WhyNot::LevelKept {
            cost,
            replacing,
            drop,
        } => fill(
            lang,
            Msg::XcLevelKept,
            &[
                ("cadre", &cadre_id),
                ("instead", &in_place_of(replacing, lang)),
                ("gain", &num_in(lang, 0.0 - cost)),
                ("drop", &super::findings::level_drop(lang, drop)),
            ],
        ),
        WhyNot::SolveStopped {
            status,
            cost,
            replacing,
        } => fill(
            lang,
            Msg::XcSolveStopped,
            &[
                ("cadre", &cadre_id),
                ("instead", &in_place_of(replacing, lang)),
                ("gain", &num_in(lang, 0.0 - cost)),
                ("status", &super::catalogue::status(lang, *status)),
            ],
        ),
    }
}

/// " in H's place" when the move replaces holder H, else nothing.
fn in_place_of(replacing: &Option<String>, lang: Lang) -> String {
    replacing
        .as_deref()
        .map(|h| fill(lang, Msg::XcInPlace, &[("holder", &h)]))
        .unwrap_or_default()
}

/// A rule breach in `lang`: "H2: …".
fn breach_in(b: &crate::rules::Breach, lang: Lang) -> String {
    format!("{}: {}", b.rule, super::rules::why(lang, &b.detail))
}

/// The answer of `rotaplan explain --cadre X --post Y` in one sentence.
pub fn pair_summary(e: &PairExplanation) -> String {
    pair_summary_in(e, Lang::En)
}

fn pair_summary_in(e: &PairExplanation, lang: Lang) -> String {
    let who = format!(
        "{} ({}) → {} ({})",
        e.cadre_id, e.cadre_name, e.post_id, e.post_title
    );
    let score = num_in(lang, e.score.unwrap_or(0.0));
    let why = |r: &WhyNot| why_not_in(&e.cadre_id, r, lang);
    let cost = |forced: bool| {
        e.counterfactual
            .as_ref()
            .map(|cf| format!("; {}", cf_cost(cf, forced, lang)))
            .unwrap_or_default()
    };
    match &e.reason {
        _ if !e.allowed => fill(
            lang,
            Msg::XcPairNotAllowed,
            &[
                ("who", &who),
                ("why", &e.reason.as_ref().map(why).unwrap_or_default()),
            ],
        ),
        None => fill(
            lang,
            Msg::XcPairAllowed,
            &[("who", &who), ("score", &score)],
        ),
        Some(r @ WhyNot::NoPlan { .. }) => fill(
            lang,
            Msg::XcPairAllowedBut,
            &[("who", &who), ("score", &score), ("why", &why(r))],
        ),
        Some(WhyNot::OnPost { pinned, .. }) => fill(
            lang,
            if *pinned {
                Msg::XcPairInPlanPinned
            } else {
                Msg::XcPairInPlan
            },
            &[("who", &who), ("score", &score), ("cost", &cost(false))],
        ),
        Some(r) => fill(
            lang,
            Msg::XcPairNotInPlan,
            &[
                ("who", &who),
                ("score", &score),
                ("why", &why(r)),
                ("cost", &cost(true)),
            ],
        ),
    }
}

/// At most `max` items, then how many more.
fn some_of(v: &[String], max: usize, sep: &str, lang: Lang) -> String {
    let mut s = v.iter().take(max).cloned().collect::<Vec<_>>().join(sep);
    if v.len() > max {
        s += sep;
        s += &fill(lang, Msg::XcMoreInTable, &[("n", &(v.len() - max))]);
    }
    s
}

/// Why a cadre got their post, or none, in one sentence.
pub fn cadre_summary(e: &CadreExplanation) -> String {
    cadre_summary_in(e, Lang::En)
}

fn cadre_summary_in(e: &CadreExplanation, lang: Lang) -> String {
    let id = &e.cadre_id;
    if !e.plan_status.has_plan() {
        return fill(
            lang,
            Msg::XcCadreNoPlan,
            &[
                ("cadre", id),
                ("cause", &no_plan_cause(e.plan_status, lang)),
            ],
        );
    }
    if let Some(a) = &e.assigned {
        let s = e.options.iter().find(|o| o.taken).map_or(0.0, |o| o.score);
        if e.pinned {
            return fill(
                lang,
                Msg::XcCadrePinned,
                &[
                    ("cadre", id),
                    ("post", a),
                    ("reason", &in_brackets(e.pin_reason.as_deref())),
                ],
            );
        }
        if e.options.first().is_none_or(|o| o.taken || o.score <= s) {
            return fill(
                lang,
                Msg::XcCadreBest,
                &[
                    ("cadre", id),
                    ("post", a),
                    ("n", &e.options.len()),
                    ("score", &num_in(lang, s)),
                ],
            );
        }
        let better: Vec<String> = e
            .options
            .iter()
            .take_while(|o| !o.taken && o.score > s)
            .map(|o| {
                let mut bits = vec![fill(
                    lang,
                    Msg::XcScore,
                    &[("score", &num_in(lang, o.score))],
                )];
                if !o.holders.is_empty() {
                    bits.push(fill(
                        lang,
                        Msg::XcHeldBy,
                        &[("holders", &holder_list(&o.holders, lang))],
                    ));
                }
                if let Some(f) = &o.forced {
                    bits.push(forced_cost(f, lang));
                }
                format!("{} ({})", o.post_id, bits.join(", "))
            })
            .collect();
        return fill(
            lang,
            Msg::XcCadreWhole,
            &[
                ("cadre", id),
                ("post", a),
                ("score", &num_in(lang, s)),
                ("better", &some_of(&better, 5, "; ", lang)),
            ],
        );
    }
    if e.options.is_empty() {
        if !e.cadre_rules.is_empty() {
            let why = e
                .cadre_rules
                .iter()
                .map(|b| breach_in(b, lang))
                .collect::<Vec<_>>()
                .join("; ");
            return fill(lang, Msg::XcCadreCannot, &[("cadre", id), ("why", &why)]);
        }
        if e.rank_compatible_posts == 0 {
            let outstanding = if e.outstanding {
                t(lang, Msg::XcOutstanding)
            } else {
                ""
            };
            return fill(
                lang,
                Msg::XcCadreNoRank,
                &[
                    ("cadre", id),
                    ("rank", &e.current_rank),
                    ("outstanding", &outstanding),
                ],
            );
        }
        let mut cuts: Vec<(crate::rules::RuleId, usize)> =
            e.cut_by_rule.iter().map(|(r, n)| (*r, *n)).collect();
        cuts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut list: Vec<String> = cuts
            .iter()
            .map(|(r, n)| format!("{r} ({}) {n}", super::catalogue::rule_title(lang, *r)))
            .collect();
        if !e.forbidden_posts.is_empty() {
            list.push(fill(
                lang,
                Msg::XcForbiddenN,
                &[("n", &e.forbidden_posts.len())],
            ));
        }
        return fill(
            lang,
            Msg::XcCadreAllCut,
            &[
                ("cadre", id),
                ("n", &e.rank_compatible_posts),
                ("list", &list.join(", ")),
            ],
        );
    }
    let reasons: Vec<&WhyNot> = e.options.iter().filter_map(|o| o.reason.as_ref()).collect();
    // A reason on the cadre alone (their unit's cap) holds for every option: say it once.
    if let Some(first @ WhyNot::UnitAtCap { .. }) = reasons.first()
        && reasons.iter().all(|r| r == first)
    {
        return fill(
            lang,
            Msg::XcCadreNone,
            &[("cadre", id), ("why", &why_not_in(id, first, lang))],
        );
    }
    let each: Vec<String> = e
        .options
        .iter()
        .filter_map(|o| {
            o.reason
                .as_ref()
                .map(|r| format!("{}: {}", o.post_id, why_not_in(id, r, lang)))
        })
        .collect();
    let lead = if reasons.iter().all(|r| matches!(r, WhyNot::Taken { .. })) {
        t(lang, Msg::XcEveryTaken)
    } else {
        ""
    };
    fill(
        lang,
        Msg::XcCadreNone,
        &[
            ("cadre", id),
            ("why", &format!("{lead}{}", some_of(&each, 5, "; ", lang))),
        ],
    )
}

/// Who holds a post and why, why its best other candidates do not, in a few sentences.
pub fn post_summary(e: &PostExplanation) -> String {
    post_summary_in(e, Lang::En)
}

fn post_summary_in(e: &PostExplanation, lang: Lang) -> String {
    let mut parts = Vec::new();
    if !e.plan_status.has_plan() {
        let s = no_plan_words(e.plan_status, lang);
        let mut chars = s.chars();
        let first: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect();
        parts.push(format!("{first}{}.", chars.as_str()));
    }
    for (h, pc) in e.holders.iter().zip(&e.candidates) {
        let who = holds_words(&h.cadre_id, h.score, h.pinned, lang);
        let cost = pc
            .counterfactual
            .as_ref()
            .map(|cf| format!("; {}", cf_cost(cf, false, lang)))
            .unwrap_or_default();
        parts.push(format!("{who}{cost}."));
    }
    if let Some(u) = &e.unfilled {
        parts.push(fill(
            lang,
            Msg::XcSeatsEmpty,
            &[
                ("n", &u.empty_seats),
                ("reason", &super::findings::finding(lang, &u.reason)),
            ],
        ));
    }
    let next: Vec<String> = e.candidates[e.holders.len().min(e.candidates.len())..]
        .iter()
        .filter_map(|pc| {
            let cf = pc.counterfactual.as_ref()?;
            let why = pc
                .why_not
                .as_deref()
                .map(|w| format!("{w}; "))
                .unwrap_or_default();
            Some(fill(
                lang,
                Msg::XcNextOne,
                &[
                    ("cadre", &pc.cadre_id),
                    ("score", &num_in(lang, pc.score)),
                    ("why", &why),
                    ("cost", &cf_cost(cf, true, lang)),
                ],
            ))
        })
        .collect();
    if !next.is_empty() {
        parts.push(fill(lang, Msg::XcNextBest, &[("list", &next.join(" "))]));
    }
    if e.candidates.is_empty() {
        parts.push(fill(lang, Msg::XcNoneEligible, &[("post", &e.post_id)]));
    }
    parts.join(" ")
}

/// The lines under the "Requirements to relax" heading, when there is no plan because the
/// requirements cannot all hold (`None` when there is a plan, or the solve stopped without one).
fn relax_section(status: SolveStatus, r: Option<&Relaxation>, lang: Lang) -> Option<Vec<String>> {
    match r {
        Some(r) => Some(relaxation_lines(r, lang)),
        None if status == SolveStatus::Infeasible => {
            Some(vec![t(lang, Msg::XcNoGroupToRelax).to_string()])
        }
        None => None,
    }
}

/// Why there is no plan (the solver's status in words) and what to relax, for pages that state it
/// at their top (committee.html): the cause, and the lines of the section "Requirements to relax"
/// with the requirement groups that cannot hold.
pub(super) fn no_plan_facts(plan: &Plan, lang: Lang) -> (String, Vec<String>) {
    let cause = no_plan_cause(plan.solver.status, lang);
    let mut lines: Vec<String> = plan
        .solver
        .infeasible
        .iter()
        .map(|g| {
            format!(
                "{} {} ({}): {}",
                t(lang, Msg::CannotHold),
                g.rule,
                super::catalogue::rule_title(lang, g.rule),
                super::rules::detail(lang, g)
            )
        })
        .collect();
    lines.extend(
        relax_section(plan.solver.status, plan.relaxation.as_ref(), lang).unwrap_or_default(),
    );
    (cause, lines)
}

fn relax_section_text(status: SolveStatus, r: Option<&Relaxation>, lang: Lang) -> String {
    let mut out = String::new();
    if let Some(lines) = relax_section(status, r, lang) {
        let _ = writeln!(out, "\n{}", t(lang, Msg::XcRelaxHeading));
        for l in lines {
            let _ = writeln!(out, "  {l}");
        }
    }
    out
}

fn relax_section_md(
    status: SolveStatus,
    r: Option<&Relaxation>,
    level: &str,
    lang: Lang,
) -> String {
    let mut out = String::new();
    if let Some(lines) = relax_section(status, r, lang) {
        out += &format!("\n{level} {}\n\n", t(lang, Msg::XcRelaxHeading));
        for l in lines {
            out += &format!("- {}\n", md_escape(&l));
        }
    }
    out
}

fn names_in(v: &[String], max: usize, lang: Lang) -> String {
    let mut s = v.iter().take(max).cloned().collect::<Vec<_>>().join(", ");
    if v.len() > max {
        s += &fill(lang, Msg::AndMore, &[("n", &(v.len() - max))]);
    }
    s
}

fn block_line(b: &MustFillBlock, lang: Lang) -> String {
    let cadres = if b.cadres.is_empty() {
        t(lang, Msg::NoCandidate).to_string()
    } else {
        fill(
            lang,
            Msg::Candidates,
            &[
                ("n", &b.cadres.len()),
                ("cadres", &names_in(&b.cadres, 10, lang)),
            ],
        )
    };
    fill(
        lang,
        Msg::MustFillBlock,
        &[
            ("posts", &names_in(&b.posts, 10, lang)),
            ("seats", &b.seats),
            ("cadres", &cadres),
            ("short", &b.short),
        ],
    )
}

/// The structural check in lines (`max` names per list).
pub fn structure_lines(s: &Structure, max: usize) -> Vec<String> {
    structure_lines_in(s, max, Lang::En)
}

/// [`structure_lines`] in `lang`.
pub fn structure_lines_in(s: &Structure, max: usize, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if s.posts_without_candidate.is_empty() {
        out.push(t(lang, Msg::EveryPostHasCandidate).to_string());
    } else {
        out.push(fill(
            lang,
            Msg::PostsWithoutCandidate,
            &[
                ("n", &s.posts_without_candidate.len()),
                ("posts", &names_in(&s.posts_without_candidate, max, lang)),
            ],
        ));
    }
    if s.must_fill_seats == 0 {
        out.push(t(lang, Msg::NoMustFillPost).to_string());
    } else if s.must_fill_fillable == s.must_fill_seats {
        out.push(fill(
            lang,
            Msg::MustFillAllFillable,
            &[("n", &s.must_fill_seats)],
        ));
    } else {
        out.push(fill(
            lang,
            Msg::MustFillAtMost,
            &[
                ("fillable", &s.must_fill_fillable),
                ("seats", &s.must_fill_seats),
            ],
        ));
        for b in &s.must_fill_blocks {
            out.push(block_line(b, lang));
        }
    }
    out
}

/// "H7 (seats): …": a requirement group and its detail, in `lang`.
fn group_words(g: &crate::solve::InfeasibleGroup, lang: Lang) -> String {
    format!(
        "{} ({}): {}",
        g.rule,
        super::catalogue::rule_title(lang, g.rule),
        super::rules::detail(lang, g)
    )
}

fn relaxation_lines(r: &Relaxation, lang: Lang) -> Vec<String> {
    let mut out = vec![super::relaxation_summary_in(lang, r)];
    for d in &r.drop {
        for g in &d.breaks {
            out.push(fill(
                lang,
                Msg::XqBreaks,
                &[
                    ("cadre", &d.cadre_id),
                    ("post", &d.post_id),
                    ("group", &group_words(g, lang)),
                ],
            ));
        }
    }
    out
}

fn cost_text(c: &Option<Cost>, lang: Lang) -> (String, String) {
    match c {
        None => (t(lang, Msg::XcNotResolved).into(), String::new()),
        Some(c) => match c.cost {
            Some(x) => (
                num_in(lang, x),
                if c.proven {
                    t(lang, Msg::XcYes).into()
                } else {
                    fill(
                        lang,
                        Msg::XcNoWhy,
                        &[("status", &super::catalogue::status(lang, c.status))],
                    )
                },
            ),
            None => (
                t(lang, Msg::XcKindNoPlan).into(),
                super::notes_text(lang, &c.note),
            ),
        },
    }
}

/// The header of the runner-up table.
fn runner_up_header(lang: Lang) -> [&'static str; 7] {
    [
        Msg::XcHPost,
        Msg::RuHAssigned,
        Msg::RuHRunnerUp,
        Msg::XcHScore,
        Msg::XcHPlacedOn,
        Msg::XcHCostForced,
        Msg::XcHProven,
    ]
    .map(|m| t(lang, m))
}

fn runner_up_rows(r: &RunnerUps, lang: Lang) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for p in &r.posts {
        for c in &p.candidates {
            let (cost, proven) = cost_text(&c.forced, lang);
            rows.push(vec![
                p.post_id.clone(),
                p.assigned.join(", "),
                format!("{} {}", c.cadre_id, c.cadre_name),
                num_in(lang, c.score),
                c.placed_on.clone().unwrap_or_else(|| "—".into()),
                cost,
                proven,
            ]);
        }
    }
    rows
}

fn runner_ups_heading(r: &RunnerUps, lang: Lang) -> String {
    fill(
        lang,
        Msg::RuHeading,
        &[
            ("per_post", &r.per_post),
            ("solves", &r.solves),
            ("max", &r.max_solves),
        ],
    )
}

/// Extra lines of the plan's terminal table: the structural check and the requirements to relax.
pub(super) fn plan_table_notes(plan: &Plan, lang: Lang) -> String {
    let mut out = String::new();
    let lines = structure_lines_in(&plan.structure, 10, lang);
    if !plan.structure.is_clear() {
        for l in lines {
            let _ = writeln!(out, "  {}: {l}", t(lang, Msg::StructureNote));
        }
    }
    out += &relax_section_text(plan.solver.status, plan.relaxation.as_ref(), lang);
    out
}

/// Extra sections of plan.md: the structural check, the requirements to relax and the runner-ups.
pub(super) fn plan_markdown_sections(plan: &Plan, lang: Lang) -> String {
    let mut out = format!("\n## {}\n\n", t(lang, Msg::Structure));
    for l in structure_lines_in(&plan.structure, 50, lang) {
        out += &format!("- {}\n", md_escape(&l));
    }
    out += &relax_section_md(plan.solver.status, plan.relaxation.as_ref(), "##", lang);
    let rows = runner_up_rows(&plan.runner_ups, lang);
    if !rows.is_empty() || !plan.runner_ups.note.is_empty() {
        out += &format!("\n## {}\n\n", runner_ups_heading(&plan.runner_ups, lang));
        if !rows.is_empty() {
            out += &md_table(&runner_up_header(lang), &rows);
        }
        if let Some(n) = Some(&plan.runner_ups.note).filter(|n| !n.is_empty()) {
            out += &format!("\n> {}\n", super::notes_text(lang, n));
        }
    }
    out
}

fn change_list(v: &[Change], only_changed: bool, lang: Lang) -> String {
    v.iter()
        .filter(|c| !only_changed || c.delta.abs() > 1e-9)
        .map(|c| {
            format!(
                "{} {} → {} ({})",
                label(&c.name, lang),
                num_in(lang, c.before),
                num_in(lang, c.after),
                signed(c.delta, lang)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn counterfactual_lines(cf: &Counterfactual, lang: Lang) -> Vec<String> {
    let mut out = vec![fill(
        lang,
        Msg::XqResolved,
        &[
            ("change", &asked_in(&cf.change, lang)),
            ("status", &super::catalogue::status(lang, cf.status)),
            (
                "proven",
                &t(
                    lang,
                    if cf.proven {
                        Msg::XqProvenBoth
                    } else {
                        Msg::XqNotProven
                    },
                ),
            ),
        ],
    )];
    if cf.status.has_plan() {
        out.push(fill(
            lang,
            Msg::XqObjective,
            &[
                ("before", &opt_num(cf.objective_before, lang)),
                ("after", &opt_num(cf.objective_after, lang)),
                ("cost", &opt_num(cf.cost, lang)),
            ],
        ));
        let o = change_list(&cf.objective_changes, true, lang);
        if !o.is_empty() {
            out.push(fill(lang, Msg::XqObjectiveParts, &[("list", &o)]));
        }
        let k = change_list(&cf.kpis, true, lang);
        out.push(if k.is_empty() {
            t(lang, Msg::XqKpisSame).to_string()
        } else {
            fill(lang, Msg::XqKpis, &[("list", &k)])
        });
        if !cf.moves.is_empty() {
            let moves = cf
                .moves
                .iter()
                .map(|m| {
                    format!(
                        "{} {} → {}",
                        m.cadre_id,
                        m.before.as_deref().unwrap_or("—"),
                        m.after.as_deref().unwrap_or("—")
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            out.push(fill(lang, Msg::XqMoves, &[("list", &moves)]));
        }
    }
    for g in &cf.infeasible {
        out.push(fill(
            lang,
            Msg::XqCannotHold,
            &[("group", &group_words(g, lang))],
        ));
    }
    if !cf.note.is_empty() {
        let n = super::notes_text(lang, &cf.note);
        out.push(fill(lang, Msg::PgsNote, &[("note", &n)]));
    }
    out
}

/// A training gain in `lang`.
pub(crate) fn gain_words(g: crate::scoring::TrainingGain, lang: Lang) -> &'static str {
    use crate::scoring::TrainingGain as G;
    t(
        lang,
        match g {
            G::NewTier => Msg::XqGainNewTier,
            G::Grassroots => Msg::XqGainGrassroots,
            G::NewSector => Msg::XqGainNewSector,
            G::NewRegion => Msg::XqGainNewRegion,
            G::DifficultArea => Msg::XqGainDifficultArea,
            G::LowerLevel => Msg::XqGainLowerLevel,
        },
    )
}

/// An objective term's name ("staffing") in `lang`.
fn term_words(name: &str, lang: Lang) -> String {
    let m = match name {
        "staffing" => Msg::TermStaffing,
        "training" => Msg::TermTraining,
        "fit" => Msg::TermFit,
        "disruption" => Msg::TermDisruption,
        "stability" => Msg::TermStability,
        other => return other.replace('_', " "),
    };
    t(lang, m).to_string()
}

fn pair_lines(e: &PairExplanation, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for b in &e.breaches {
        out.push(format!(
            "{} ({}): {}",
            b.rule,
            super::catalogue::rule_title(lang, b.rule),
            super::rules::why(lang, &b.detail)
        ));
    }
    if e.forbidden {
        out.push(fill(
            lang,
            Msg::XqForbidS3,
            &[(
                "reason",
                &e.forbid_reason
                    .as_deref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default(),
            )],
        ));
    }
    if let (Some(t), Some(s)) = (&e.terms, e.score) {
        let terms = crate::explain::numbers(t)
            .iter()
            .map(|(n, x)| format!("{} {}", term_words(n, lang), num_in(lang, *x)))
            .collect::<Vec<_>>()
            .join(super::numbers_sep(lang));
        out.push(fill(
            lang,
            Msg::XqScore,
            &[("score", &num_in(lang, s)), ("terms", &terms)],
        ));
        if !e.training.is_empty() {
            let gains = e
                .training
                .iter()
                .map(|g| gain_words(*g, lang))
                .collect::<Vec<_>>()
                .join(super::numbers_sep(lang));
            out.push(fill(lang, Msg::XqTrainingGains, &[("gains", &gains)]));
        }
    }
    if let Some(cf) = &e.counterfactual {
        out.extend(counterfactual_lines(cf, lang));
    }
    out
}

fn pair_text(e: &PairExplanation, lang: Lang) -> String {
    let mut out = format!("{}\n", e.summary);
    for l in pair_lines(e, lang) {
        let _ = writeln!(out, "  {l}");
    }
    if let Some(s) = e.plan_status {
        out += &relax_section_text(s, e.relaxation.as_deref(), lang);
    }
    out
}

fn pair_md(e: &PairExplanation, lang: Lang) -> String {
    let mut out = format!(
        "## {} → {}\n\n{}\n\n",
        e.cadre_id,
        e.post_id,
        md_escape(&e.summary)
    );
    for l in pair_lines(e, lang) {
        out += &format!("- {}\n", md_escape(&l));
    }
    if let Some(s) = e.plan_status {
        out += &relax_section_md(s, e.relaxation.as_deref(), "###", lang);
    }
    out
}

/// The header of a cadre's candidate posts.
fn option_header(lang: Lang) -> [&'static str; 7] {
    [
        Msg::XcHPost,
        Msg::XcHTitle,
        Msg::XcHScore,
        Msg::XcHHeldBy,
        Msg::XcHWhyNot,
        Msg::XcHCostForced,
        Msg::XcHProven,
    ]
    .map(|m| t(lang, m))
}

fn option_rows(e: &CadreExplanation, lang: Lang) -> Vec<Vec<String>> {
    e.options
        .iter()
        .map(|o| {
            let held = if o.taken {
                fill(lang, Msg::XcThisCadre, &[("cadre", &e.cadre_id)])
            } else if o.holders.is_empty() {
                "—".into()
            } else {
                o.holders
                    .iter()
                    .map(|h| format!("{} ({})", h.cadre_id, num_in(lang, h.score)))
                    .collect::<Vec<_>>()
                    .join(super::numbers_sep(lang))
            };
            let (cost, proven) = if o.taken {
                (String::new(), String::new())
            } else {
                cost_text(&o.forced, lang)
            };
            vec![
                o.post_id.clone(),
                o.post_title.clone(),
                num_in(lang, o.score),
                held,
                o.why_not.clone().unwrap_or_default(),
                cost,
                proven,
            ]
        })
        .collect()
}

fn cadre_facts(e: &CadreExplanation, lang: Lang) -> Vec<String> {
    let mut out = vec![fill(
        lang,
        Msg::XcFacts,
        &[
            ("unit", &e.current_unit.as_deref().unwrap_or("—")),
            ("rank", &e.current_rank),
            ("status", &super::catalogue::status(lang, e.plan_status)),
        ],
    )];
    for b in &e.cadre_rules {
        out.push(format!(
            "{} ({}): {}",
            b.rule,
            super::catalogue::rule_title(lang, b.rule),
            super::rules::why(lang, &b.detail)
        ));
    }
    let cuts = e
        .cut_by_rule
        .iter()
        .map(|(r, n)| format!("{r} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let cuts = if cuts.is_empty() {
        cuts
    } else {
        fill(lang, Msg::XcCutsEach, &[("cuts", &cuts)])
    };
    out.push(fill(
        lang,
        Msg::XcCompatible,
        &[("n", &e.rank_compatible_posts), ("cuts", &cuts)],
    ));
    if !e.forbidden_posts.is_empty() {
        out.push(fill(
            lang,
            Msg::XcForbiddenList,
            &[("posts", &e.forbidden_posts.join(", "))],
        ));
    }
    out
}

fn cadre_text(e: &CadreExplanation, lang: Lang) -> String {
    let mut out = format!("{}\n", e.summary);
    for l in cadre_facts(e, lang) {
        let _ = writeln!(out, "  {l}");
    }
    if !e.options.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            fill(lang, Msg::XcCandidatePostsOf, &[("cadre", &e.cadre_id)])
        );
        out += &text_table(&option_header(lang), &option_rows(e, lang));
    }
    out += &relax_section_text(e.plan_status, e.relaxation.as_deref(), lang);
    out
}

fn cadre_md(e: &CadreExplanation, lang: Lang) -> String {
    let mut out = format!(
        "## {} {}\n\n{}\n\n",
        e.cadre_id,
        md_escape(&e.cadre_name),
        md_escape(&e.summary)
    );
    for l in cadre_facts(e, lang) {
        out += &format!("- {}\n", md_escape(&l));
    }
    if !e.options.is_empty() {
        out += &format!("\n### {}\n\n", t(lang, Msg::XcCandidatePosts));
        out += &md_table(&option_header(lang), &option_rows(e, lang));
    }
    out += &relax_section_md(e.plan_status, e.relaxation.as_deref(), "###", lang);
    out
}

/// The header of a post's candidates.
fn post_header(lang: Lang) -> [&'static str; 7] {
    [
        Msg::XcHCadre,
        Msg::XcHScore,
        Msg::XcHPlacedOn,
        Msg::XcHWhyNot,
        Msg::XcHChange,
        Msg::XcHCost,
        Msg::XcHProven,
    ]
    .map(|m| t(lang, m))
}

/// What a counterfactual asked for, in `lang` ("pin C04 → VT05").
fn asked_in(a: &crate::explain::Asked, lang: Lang) -> String {
    use crate::explain::Asked;
    let (m, cadre, post) = match a {
        Asked::Pin { cadre, post } => (Msg::XcAskedPin, cadre, post),
        Asked::Forbid { cadre, post } => (Msg::XcAskedForbid, cadre, post),
    };
    fill(lang, m, &[("cadre", cadre), ("post", post)])
}

fn post_rows(e: &PostExplanation, lang: Lang) -> Vec<Vec<String>> {
    e.candidates
        .iter()
        .map(|c| {
            let (change, cost, proven) = match &c.counterfactual {
                None => (
                    t(lang, Msg::XcNotResolved).to_string(),
                    String::new(),
                    String::new(),
                ),
                Some(cf) => (
                    asked_in(&cf.change, lang),
                    if cf.status.has_plan() {
                        opt_num(cf.cost, lang)
                    } else {
                        t(lang, Msg::XcKindNoPlan).into()
                    },
                    t(lang, if cf.proven { Msg::XcYes } else { Msg::XcNo }).to_string(),
                ),
            };
            vec![
                format!("{} {}", c.cadre_id, c.cadre_name),
                num_in(lang, c.score),
                c.placed_on.clone().unwrap_or_else(|| "—".into()),
                c.why_not.clone().unwrap_or_default(),
                change,
                cost,
                proven,
            ]
        })
        .collect()
}

fn post_text(e: &PostExplanation, lang: Lang) -> String {
    let must = if e.must_fill {
        t(lang, Msg::XcMustFill)
    } else {
        ""
    };
    let mut out = format!(
        "{}\n{}\n",
        fill(
            lang,
            Msg::XcPostHead,
            &[
                ("post", &e.post_id),
                ("title", &e.post_title),
                ("unit", &e.unit_id),
                ("seats", &e.seats),
                ("must", &must),
            ],
        ),
        e.summary
    );
    if !e.candidates.is_empty() {
        let _ = writeln!(out, "\n{}", t(lang, Msg::XcCandidatesHead));
        out += &text_table(&post_header(lang), &post_rows(e, lang));
    }
    // The reason is in the summary, and why each eligible cadre is not on the post is in the table
    // above, in the words of the pair and cadre views: only the kind here.
    if let Some(u) = &e.unfilled {
        let _ = writeln!(
            out,
            "\n{}",
            fill(
                lang,
                Msg::XcEmptySeats,
                &[("kind", &kind_words(u.kind, lang))]
            )
        );
    }
    out += &relax_section_text(e.plan_status, e.relaxation.as_deref(), lang);
    out
}

fn post_md(e: &PostExplanation, lang: Lang) -> String {
    let mut out = format!(
        "## {} {}\n\n{}\n\n",
        e.post_id,
        md_escape(&e.post_title),
        md_escape(&e.summary)
    );
    if !e.candidates.is_empty() {
        out += &md_table(&post_header(lang), &post_rows(e, lang));
    }
    out += &relax_section_md(e.plan_status, e.relaxation.as_deref(), "###", lang);
    out
}

fn unfilled_details(u: &Unfilled, indent: &str, lang: Lang) -> String {
    let mut out = String::new();
    // The exclusion counts are in the reason already; list the eligible cadres.
    for c in &u.eligible {
        let _ = writeln!(
            out,
            "{indent}{}",
            fill(
                lang,
                Msg::OvEligible,
                &[
                    ("cadre", &c.cadre_id),
                    ("score", &num_in(lang, c.score)),
                    ("detail", &super::findings::holdback(lang, &c.detail)),
                ],
            )
        );
    }
    if !u.eligible.is_empty() && u.eligible_count > u.eligible.len() {
        let _ = writeln!(
            out,
            "{indent}{}",
            fill(
                lang,
                Msg::OvMoreEligible,
                &[("n", &(u.eligible_count - u.eligible.len()))]
            )
        );
    }
    out
}

fn overview_text(e: &Overview, lang: Lang) -> String {
    let mut out = format!(
        "{}\n",
        fill(
            lang,
            Msg::OvHeadline,
            &[
                ("scenario", &e.scenario),
                ("status", &super::catalogue::status(lang, e.status)),
                ("objective", &opt_num(e.objective, lang)),
            ],
        )
    );
    let _ = writeln!(out, "\n{}", t(lang, Msg::StructureBeforeMip));
    for l in structure_lines_in(&e.structure, 20, lang) {
        let _ = writeln!(out, "  {l}");
    }
    out += &relax_section_text(e.status, e.relaxation.as_ref(), lang);
    let rows = runner_up_rows(&e.runner_ups, lang);
    if !rows.is_empty() {
        let _ = writeln!(out, "\n{}", runner_ups_heading(&e.runner_ups, lang));
        out += &text_table(&runner_up_header(lang), &rows);
    }
    if !e.runner_ups.note.is_empty() {
        let n = super::notes_text(lang, &e.runner_ups.note);
        let _ = writeln!(out, "  {}", fill(lang, Msg::PgsNote, &[("note", &n)]));
    }
    if !e.unfilled.is_empty() {
        let _ = writeln!(out, "\n{}", t(lang, Msg::UnfilledPosts));
        for u in &e.unfilled {
            let mf = if u.must_fill {
                format!(" [{}]", t(lang, Msg::MustFill))
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {} {}{}{}",
                u.post_id,
                u.post_title,
                mf,
                kind_and_reason(u, lang)
            );
            out += &unfilled_details(u, "    ", lang);
        }
    }
    out
}

fn overview_md(e: &Overview, lang: Lang) -> String {
    let mut out = format!(
        "# {}\n\n{}\n\n## {}\n\n",
        md_escape(&e.scenario),
        fill(
            lang,
            Msg::OvHeadlineMd,
            &[
                ("status", &super::catalogue::status(lang, e.status)),
                ("objective", &opt_num(e.objective, lang)),
            ],
        ),
        t(lang, Msg::Structure)
    );
    for l in structure_lines_in(&e.structure, 50, lang) {
        out += &format!("- {}\n", md_escape(&l));
    }
    out += &relax_section_md(e.status, e.relaxation.as_ref(), "##", lang);
    let rows = runner_up_rows(&e.runner_ups, lang);
    if !rows.is_empty() {
        out += &format!("\n## {}\n\n", runner_ups_heading(&e.runner_ups, lang));
        out += &md_table(&runner_up_header(lang), &rows);
    }
    if !e.runner_ups.note.is_empty() {
        out += &format!("\n> {}\n", super::notes_text(lang, &e.runner_ups.note));
    }
    if !e.unfilled.is_empty() {
        out += &format!("\n## {}\n\n", t(lang, Msg::UnfilledPosts));
        for u in &e.unfilled {
            out += &format!(
                "- `{}` {}{}\n",
                u.post_id,
                md_escape(&u.post_title),
                md_escape(&kind_and_reason(u, lang))
            );
            for l in unfilled_details(u, "", lang).lines() {
                out += &format!("  - {}\n", md_escape(l));
            }
        }
    }
    out
}
