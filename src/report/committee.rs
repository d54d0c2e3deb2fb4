//! `committee.html`: the plan in the form a standing committee reads and signs — one printable
//! document (A4, page breaks, PDF through the browser's print). The moves grouped by receiving unit,
//! then by sending unit; each row the cadre, from → to, the rotation term, the reason in words and
//! who else was considered; a summary with the review's figures (by direction, by tier, women and
//! minority shares) and the posts left empty, one actionable line per reason (the rule and the
//! count, not a list of ids).

use super::catalogue::{Msg, fill, rule_title, t};
use crate::domain::{Date, Lang, Scenario, Tier};
use crate::plan::{Assignment, Plan, UnfilledKind};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The catalogue message of a label key of this module.
fn label_msg(key: &str) -> Option<Msg> {
    Some(match key {
        "title" => Msg::CommitteeTitle,
        "plan_date" => Msg::CommitteePlanDate,
        "rule_set" => Msg::CommitteeRuleSet,
        "summary" => Msg::CommitteeSummary,
        "moves" => Msg::CommitteeMoves,
        "posts_filled" => Msg::CommitteePostsFilled,
        "women" => Msg::CommitteeWomen,
        "minority" => Msg::CommitteeMinority,
        "by_direction" => Msg::CommitteeByDirection,
        "by_tier" => Msg::CommitteeByTier,
        "direction" => Msg::CommitteeDirection,
        "tier" => Msg::CommitteeTier,
        "cadres" => Msg::CommitteeCadres,
        "centre_to_locality" => Msg::CommitteeCentreToLocality,
        "locality_to_centre" => Msg::CommitteeLocalityToCentre,
        "between_localities" => Msg::CommitteeBetweenLocalities,
        "within_centre" => Msg::CommitteeWithinCentre,
        "between_agencies" => Msg::CommitteeBetweenAgencies,
        "to_lower" => Msg::CommitteeToLower,
        "to_higher" => Msg::CommitteeToHigher,
        "from_outside" => Msg::CommitteeFromOutside,
        "central" => Msg::CommitteeCentral,
        "province" => Msg::CommitteeProvince,
        "district" => Msg::CommitteeDistrict,
        "commune" => Msg::CommitteeCommune,
        "empty" => Msg::CommitteeEmpty,
        "no_empty" => Msg::CommitteeNoEmpty,
        "posts" => Msg::CommitteePosts,
        "must_fill" => Msg::CommitteeMustFill,
        "moves_section" => Msg::CommitteeMovesSection,
        "receiving" => Msg::CommitteeReceiving,
        "sending" => Msg::CommitteeSending,
        "no_unit" => Msg::CommitteeNoUnit,
        "cadre" => Msg::CommitteeCadre,
        "from_to" => Msg::CommitteeFromTo,
        "term" => Msg::CommitteeTerm,
        "reason" => Msg::CommitteeReason,
        "considered" => Msg::CommitteeConsidered,
        "months" => Msg::CommitteeMonths,
        "reason_staffing" => Msg::CommitteeReasonStaffing,
        "reason_training" => Msg::CommitteeReasonTraining,
        "reason_not_local" => Msg::CommitteeReasonNotLocal,
        "reason_two_term" => Msg::CommitteeReasonTwoTerm,
        "reason_fit" => Msg::CommitteeReasonFit,
        "reason_pinned" => Msg::CommitteeReasonPinned,
        "gain_new_tier" => Msg::CommitteeGainNewTier,
        "gain_grassroots" => Msg::CommitteeGainGrassroots,
        "gain_new_sector" => Msg::CommitteeGainNewSector,
        "gain_new_region" => Msg::CommitteeGainNewRegion,
        "gain_difficult_area" => Msg::CommitteeGainDifficultArea,
        "gain_lower_level" => Msg::CommitteeGainLowerLevel,
        "kind_no_eligible_cadre" => Msg::CommitteeKindNoEligibleCadre,
        "kind_eligible_used_elsewhere" => Msg::CommitteeKindEligibleUsedElsewhere,
        "kind_side_constraint" => Msg::CommitteeKindSideConstraint,
        "kind_objective_order" => Msg::CommitteeKindObjectiveOrder,
        "kind_not_worth_a_move" => Msg::CommitteeKindNotWorthAMove,
        "kind_solver_stopped" => Msg::CommitteeKindSolverStopped,
        "kind_no_plan" => Msg::CommitteeKindNoPlan,
        "unknown_rule" => Msg::CommitteeUnknownRule,
        "footer" => Msg::CommitteeFooter,
        _ => return None,
    })
}

fn label(lang: Lang, key: &str) -> &'static str {
    label_msg(key).map_or("", |m| t(lang, m))
}

pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Text with `…` spans as `<code>` (a command to type).
fn code_spans(s: &str) -> String {
    let mut out = String::new();
    for (k, part) in s.split('`').enumerate() {
        if k % 2 == 1 {
            let _ = write!(out, "<code>{part}</code>");
        } else {
            out += part;
        }
    }
    out
}

/// A date as the reader of `lang` writes it ([`super::date_in`]).
fn date(lang: Lang, d: Date) -> String {
    super::date_in(lang, d)
}

fn pct(lang: Lang, n: usize, of: usize) -> String {
    if of == 0 {
        "—".into()
    } else {
        super::pct_in(lang, n as f64 / of as f64)
    }
}

/// The label key of a move's direction (the one classification, `domain::direction`).
fn direction(d: crate::domain::Direction) -> &'static str {
    use crate::domain::Direction as D;
    match d {
        D::Unknown => "from_outside",
        D::BetweenAgencies => "between_agencies",
        D::CentreToLocality => "centre_to_locality",
        D::LocalityToCentre => "locality_to_centre",
        D::LocalityToLocality => "between_localities",
        D::ToLower => "to_lower",
        D::ToHigher => "to_higher",
    }
}

/// The reasons of one move, in words.
fn reasons(lang: Lang, sc: &Scenario, a: &Assignment) -> String {
    let cadre = sc.cadre(a.cadre);
    let post = sc.post(a.post);
    let unit = sc.unit(post.unit);
    let mut out: Vec<String> = Vec::new();
    if a.pinned {
        out.push(label(lang, "reason_pinned").into());
    }
    if unit.shortage >= 2 {
        out.push(label(lang, "reason_staffing").into());
    }
    if post.not_local {
        out.push(label(lang, "reason_not_local").into());
    }
    if let Some(u) = cadre.current_unit
        && cadre
            .head_terms
            .iter()
            .any(|(hu, n)| *hu == u && *n >= sc.rules.max_head_terms)
    {
        out.push(label(lang, "reason_two_term").into());
    }
    if !a.training.is_empty() {
        let gains: Vec<&str> = a
            .training
            .iter()
            .map(|g| {
                let id = serde_json::to_value(g)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default();
                label(lang, &format!("gain_{id}"))
            })
            .filter(|l| !l.is_empty())
            .collect();
        out.push(format!(
            "{}: {}",
            label(lang, "reason_training"),
            gains.join(", ")
        ));
    }
    if a.terms.fit >= 3.0 {
        out.push(label(lang, "reason_fit").into());
    }
    out.join("; ")
}

/// The rotation's end: the plan date plus the rule set's minimum rotation, in months.
fn term_end(sc: &Scenario, start: Date) -> Date {
    start
        .checked_add_months(chrono::Months::new(sc.rules.min_rotation_months))
        .unwrap_or(start)
}

pub(crate) const CSS: &str = "\
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 186mm; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; break-after: avoid-page; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid-page; page-break-after: avoid; }
h4 { font-size: 10pt; margin: 2mm 0 1mm; font-weight: 600; break-after: avoid-page; page-break-after: avoid; }
p.meta { margin: 0 0 3mm; color: #333; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0 0 3mm; }
th, td { border: 0.3mm solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; overflow-wrap: normal; hyphens: manual; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.figures { width: auto; min-width: 50%; }
table.moves col.c1 { width: 18%; } table.moves col.c2 { width: 28%; }
table.moves col.c3 { width: 15%; } table.moves col.c4 { width: 22%; } table.moves col.c5 { width: 17%; }
table.moves4 col.c1 { width: 21%; } table.moves4 col.c2 { width: 33%; }
table.moves4 col.c3 { width: 17%; } table.moves4 col.c4 { width: 29%; }
tr.from th { background: #f6f6f6; font-weight: 600; }
p.note { font-size: 9pt; color: #444; margin: 0 0 3mm; }
span.d { white-space: nowrap; }
h2.moves { break-before: page; page-break-before: always; }
ul.empty li { margin: 0 0 1mm; }
footer { margin-top: 6mm; font-size: 8.5pt; color: #444; }
section.noplan { border: 0.6mm solid #b00; padding: 2mm 4mm; margin: 0 0 4mm; }
section.noplan h2 { color: #b00; margin-top: 0; }
p.unproven { border: 0.6mm solid #b60; padding: 2mm 4mm; margin: 0 0 4mm; }
@media screen { body { padding: 8mm; } }
";

/// `committee.html` for a plan of `sc`, in `lang` (its words, dates and numbers).
pub fn committee_html(sc: &Scenario, plan: &Plan, lang: Lang) -> String {
    let mut b = String::new();
    let _ = write!(
        b,
        "<h1>{}</h1>\n<p class=\"meta\">{} — {} {} — {} {}</p>\n",
        label(lang, "title"),
        esc(&plan.scenario),
        label(lang, "plan_date"),
        date(lang, plan.plan_date),
        label(lang, "rule_set"),
        esc(&super::catalogue::rule_set_name(lang, &plan.rule_set))
    );
    // Without a plan: say so first, why (the solver's status) and what to relax; no figures, no
    // tables of moves and no claim that moves passed the check.
    let has_plan = plan.solver.status.has_plan();
    if !has_plan {
        let (cause, lines) = super::explain::no_plan_facts(plan, lang);
        let _ = write!(
            b,
            "<section class=\"noplan\">\n<h2>{}</h2>\n<p>{}</p>\n",
            t(lang, Msg::CommitteeNoPlan),
            esc(&fill(
                lang,
                Msg::CommitteeNoPlanStatus,
                &[
                    (
                        "status",
                        &super::catalogue::status(lang, plan.solver.status)
                    ),
                    ("cause", &cause),
                ]
            ))
        );
        if !lines.is_empty() {
            let _ = writeln!(b, "<h3>{}</h3>\n<ul>", t(lang, Msg::XcRelaxHeading));
            for l in &lines {
                let _ = writeln!(b, "<li>{}</li>", code_spans(&esc(l)));
            }
            b += "</ul>\n";
        }
        b += "</section>\n";
    }
    // A plan not proven best says so before its figures: the committee signs what the
    // solver could show (plan.md and plan.html say it in their status lines).
    if has_plan && !plan.solver.status.proven() {
        use crate::solve::SolveStatus as S;
        let status = super::catalogue::status(lang, plan.solver.status);
        let text = match (plan.solver.status, plan.solver.gap) {
            // A gap over 100 % says no more than "not proven".
            (S::TimeLimit, Some(g)) if g <= 1.0 => fill(
                lang,
                Msg::CommitteeUnprovenGap,
                &[
                    ("status", &status),
                    ("gap", &super::number_in(lang, &format!("{:.2}", g * 100.0))),
                ],
            ),
            _ => fill(lang, Msg::CommitteeUnproven, &[("status", &status)]),
        };
        let _ = writeln!(
            b,
            "<p class=\"unproven\"><strong>{}</strong></p>",
            esc(&text)
        );
    }
    // The summary: the review's figures.
    let k = &plan.kpis;
    let n = plan.assignments.len();
    let women = plan
        .assignments
        .iter()
        .filter(|a| sc.cadre(a.cadre).sex == crate::domain::Sex::F)
        .count();
    let minority = plan
        .assignments
        .iter()
        .filter(|a| sc.cadre(a.cadre).ethnic_minority)
        .count();
    if has_plan {
        let _ = write!(
            b,
            "<h2>{}</h2>\n<table class=\"figures\"><tbody>\n\
         <tr><th>{}</th><td>{}</td></tr>\n<tr><th>{}</th><td>{}</td></tr>\n\
         <tr><th>{}</th><td>{} ({})</td></tr>\n<tr><th>{}</th><td>{} ({})</td></tr>\n</tbody></table>\n",
            label(lang, "summary"),
            label(lang, "moves"),
            n,
            label(lang, "posts_filled"),
            fill(
                lang,
                Msg::ValueOf,
                &[("a", &k.posts_filled), ("b", &k.posts)]
            ),
            label(lang, "women"),
            women,
            pct(lang, women, n),
            label(lang, "minority"),
            minority,
            pct(lang, minority, n),
        );
        if n == 0 {
            let _ = writeln!(b, "<p>{}</p>", t(lang, Msg::CommitteeNoMoves));
        }
        let mut by_dir: BTreeMap<&str, usize> = BTreeMap::new();
        let mut by_tier: BTreeMap<u8, usize> = BTreeMap::new();
        for a in &plan.assignments {
            let from = sc.cadre(a.cadre).current_unit.map(|u| sc.unit(u));
            let to = sc.post_unit(a.post).tier;
            let d = crate::domain::direction(from, sc.post_unit(a.post));
            *by_dir.entry(direction(d)).or_default() += 1;
            *by_tier.entry(to.depth()).or_default() += 1;
        }
        if n > 0 {
            let order = [
                "centre_to_locality",
                "locality_to_centre",
                "between_localities",
                "between_agencies",
                "to_lower",
                "to_higher",
                "from_outside",
            ];
            let _ = write!(
                b,
                "<h3>{}</h3>\n<table class=\"figures\"><thead><tr><th>{}</th><th>{}</th><th>%</th></tr></thead><tbody>\n",
                label(lang, "by_direction"),
                label(lang, "direction"),
                label(lang, "cadres")
            );
            for d in order {
                if let Some(c) = by_dir.get(d) {
                    let _ = writeln!(
                        b,
                        "<tr><td>{}</td><td>{c}</td><td>{}</td></tr>",
                        label(lang, d),
                        pct(lang, *c, n)
                    );
                }
            }
            b += "</tbody></table>\n";
            let _ = write!(
                b,
                "<h3>{}</h3>\n<table class=\"figures\"><thead><tr><th>{}</th><th>{}</th><th>%</th></tr></thead><tbody>\n",
                label(lang, "by_tier"),
                label(lang, "tier"),
                label(lang, "cadres")
            );
            for (d, c) in &by_tier {
                let t = Tier::ALL[*d as usize];
                let _ = writeln!(
                    b,
                    "<tr><td>{}</td><td>{c}</td><td>{}</td></tr>",
                    super::catalogue::tier(lang, t),
                    pct(lang, *c, n)
                );
            }
            b += "</tbody></table>\n";
        }
    }
    // The posts left empty: one line per reason, with the count.
    let _ = writeln!(b, "<h3>{}</h3>", label(lang, "empty"));
    if plan.unfilled.is_empty() {
        let _ = writeln!(b, "<p>{}</p>", label(lang, "no_empty"));
    } else {
        let unit_names: BTreeMap<&str, &str> = sc
            .units
            .iter()
            .map(|u| (u.id.as_str(), u.name.as_str()))
            .collect();
        type Group = (usize, usize, &'static str, Vec<String>);
        let mut groups: BTreeMap<(usize, Option<String>), Group> = BTreeMap::new();
        for u in &plan.unfilled {
            let rank = UNFILLED_ORDER
                .iter()
                .position(|k| *k == u.kind)
                .unwrap_or(UNFILLED_ORDER.len());
            let rule = u.top_rule.map(|r| format!("{r} ({})", rule_title(lang, r)));
            let e = groups
                .entry((rank, rule))
                .or_insert((0, 0, u.kind.as_str(), Vec::new()));
            e.0 += 1;
            e.1 += u.must_fill as usize;
            let unit = unit_names
                .get(u.unit_id.as_str())
                .copied()
                .unwrap_or(&u.unit_id);
            e.3.push(format!("{} ({})", esc(&u.post_title), esc(unit)));
        }
        b += "<ul class=\"empty\">\n";
        for ((_, rule), (count, must, kind, posts)) in &groups {
            // Stopped before a plan was found: nothing was proven impossible.
            let kind =
                if *kind == "no_plan" && plan.solver.status == crate::solve::SolveStatus::Stopped {
                    "solver_stopped"
                } else {
                    kind
                };
            let text = label(lang, &format!("kind_{kind}")).replace(
                "{rule}",
                &esc(rule.as_deref().unwrap_or(label(lang, "unknown_rule"))),
            );
            let must = if *must > 0 {
                format!(" ({must} {})", label(lang, "must_fill"))
            } else {
                String::new()
            };
            let _ = writeln!(
                b,
                "<li><strong>{count} {}</strong>{must}: {text}<br><small>{}</small></li>",
                label(lang, "posts"),
                fill(
                    lang,
                    Msg::CommitteeEmptyPostNames,
                    &[("posts", &posts.join("; "))]
                )
            );
        }
        b += "</ul>\n";
    }
    // The moves: by receiving unit (the order of units.csv), then by sending unit.
    let runner_ups: BTreeMap<&str, Vec<&str>> = plan
        .runner_ups
        .posts
        .iter()
        .map(|p| {
            (
                p.post_id.as_str(),
                p.candidates.iter().map(|c| c.cadre_name.as_str()).collect(),
            )
        })
        .collect();
    let mut by_unit: BTreeMap<u32, BTreeMap<(u32, u32), Vec<&Assignment>>> = BTreeMap::new();
    for a in &plan.assignments {
        let to = sc.post(a.post).unit;
        let from = sc
            .cadre(a.cadre)
            .current_unit
            .map_or((1, u32::MAX), |u| (0, u));
        by_unit
            .entry(to)
            .or_default()
            .entry(from)
            .or_default()
            .push(a);
    }
    let (start, end) = (plan.plan_date, term_end(sc, plan.plan_date));
    let term = format!(
        "<span class=\"d\">{}</span><br><span class=\"d\">– {}</span><br>({} {})",
        date(lang, start),
        date(lang, end),
        sc.rules.min_rotation_months,
        label(lang, "months")
    );
    // Who else was considered: the runner-ups of `--runner-ups`; without them the column is left
    // out and a line says how to have it.
    let considered = !plan.runner_ups.posts.is_empty();
    // A plan that moves nobody has no page of moves (it was an empty page under its heading).
    if has_plan && n > 0 {
        let _ = writeln!(
            b,
            "<h2 class=\"moves\">{}</h2>",
            label(lang, "moves_section")
        );
        if !considered && !plan.assignments.is_empty() {
            let _ = writeln!(
                b,
                "<p class=\"note\">{}</p>",
                code_spans(&esc(t(lang, Msg::CommitteeConsideredHow)))
            );
        }
    }
    let (class, cols) = if considered {
        ("moves", 5)
    } else {
        ("moves moves4", 4)
    };
    // One table per receiving unit; the sending units are rows heading their moves.
    for (to, senders) in &by_unit {
        let unit = sc.unit(*to);
        let _ = write!(
            b,
            "<section class=\"unit\">\n<h3>{}: {}</h3>\n<table class=\"{class}\"><colgroup>",
            label(lang, "receiving"),
            esc(&unit.name)
        );
        for k in 1..=cols {
            let _ = write!(b, "<col class=\"c{k}\">");
        }
        let _ = write!(
            b,
            "</colgroup>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>",
            label(lang, "cadre"),
            label(lang, "from_to"),
            label(lang, "term"),
            label(lang, "reason"),
        );
        if considered {
            let _ = write!(b, "<th>{}</th>", label(lang, "considered"));
        }
        b += "</tr></thead><tbody>\n";
        for ((_, from), moves) in senders {
            let from_name = if *from == u32::MAX {
                t(lang, Msg::CommitteeFromNoUnit).to_string()
            } else {
                format!("{} {}", label(lang, "sending"), esc(&sc.unit(*from).name))
            };
            let _ = writeln!(
                b,
                "<tr class=\"from\"><th colspan=\"{cols}\">{from_name}</th></tr>"
            );
            for a in moves {
                let cadre = sc.cadre(a.cadre);
                let from_post = match (cadre.current_unit, cadre.current_role) {
                    (Some(u), Some(r)) => format!(
                        "{} ({})",
                        esc(&sc.unit(u).name),
                        super::catalogue::role(lang, r.as_str())
                    ),
                    (Some(u), None) => esc(&sc.unit(u).name),
                    _ => label(lang, "no_unit").into(),
                };
                let _ = write!(
                    b,
                    "<tr><td>{}<br><small>{}</small></td><td>{from_post} → <strong>{}</strong> <small>({})</small></td><td>{term}</td><td>{}</td>",
                    esc(&a.cadre_name),
                    esc(&a.cadre_id),
                    esc(&a.post_title),
                    esc(&a.post_id),
                    esc(&reasons(lang, sc, a)),
                );
                if considered {
                    let others = runner_ups
                        .get(a.post_id.as_str())
                        .filter(|v| !v.is_empty())
                        .map_or("—".to_string(), |v| {
                            v.iter().map(|n| esc(n)).collect::<Vec<_>>().join(", ")
                        });
                    let _ = write!(b, "<td>{others}</td>");
                }
                b += "</tr>\n";
            }
        }
        b += "</tbody></table>\n</section>\n";
    }
    let footer = if !has_plan {
        t(lang, Msg::CommitteeNoPlanFooter)
    } else if n == 0 {
        t(lang, Msg::CommitteeNoMovesFooter)
    } else {
        label(lang, "footer")
    };
    let _ = writeln!(b, "<footer>{footer}</footer>");
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n{b}</body>\n</html>\n",
        lang.as_str(),
        esc(&plan.scenario)
    )
}

/// The order of the empty posts' reasons: what a person can act on first.
const UNFILLED_ORDER: [UnfilledKind; 7] = [
    UnfilledKind::NoEligibleCadre,
    UnfilledKind::EligibleUsedElsewhere,
    UnfilledKind::SideConstraint,
    UnfilledKind::ObjectiveOrder,
    UnfilledKind::NotWorthAMove,
    UnfilledKind::SolverStopped,
    UnfilledKind::NoPlan,
];
