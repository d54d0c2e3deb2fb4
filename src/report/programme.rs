//! The words and files of a programme: programme.csv, programme.json, the summary (per-period
//! KPIs, the cadres left without a placement and why, the certificates to renew).

use super::catalogue::{Msg, fill, role as role_words, t, tier as tier_words};
use super::{csv_line, gap, num, opt, text_table};
use crate::domain::{Lang, Scenario};
use crate::programme::plan::ProgrammePlan;
use crate::programme::replan::ChangeReason;
use crate::programme::targets::{TargetKind, TargetResult};
use crate::programme::{Move, Unplaced};
use crate::solve::programme_relax::{GroupRef, ProgrammeRelaxation, RelaxKind};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// The columns of programme.csv.
pub const PROGRAMME_COLUMNS: &[&str] = &[
    "cadre_id",
    "cadre_name",
    "post_id",
    "unit_id",
    "kind",
    "period",
    "start",
    "end",
];

/// `programme.csv`: one row per move, by period (periods counted from 1).
pub fn programme_csv(plan: &ProgrammePlan) -> String {
    let mut out = csv_line(
        &PROGRAMME_COLUMNS
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    );
    for r in &plan.rows {
        out += &csv_line(&[
            r.cadre_id.clone(),
            r.cadre_name.clone(),
            r.post_id.clone(),
            r.unit_id.clone(),
            r.kind.as_str().to_string(),
            (r.period + 1).to_string(),
            r.start.to_string(),
            r.end.map_or(String::new(), |d| d.to_string()),
        ]);
    }
    out
}

/// Why a cadre has no placement, in words.
pub fn unplaced_words(u: &Unplaced) -> String {
    unplaced_words_in(u, Lang::En)
}

/// [`unplaced_words`] in `lang`.
pub fn unplaced_words_in(u: &Unplaced, lang: Lang) -> String {
    match u {
        Unplaced::NoEligiblePost { posts: 0, .. } => t(lang, Msg::PgsNoPostExists).to_string(),
        Unplaced::NoEligiblePost { posts, first } => {
            let first = first.as_ref().map_or(String::new(), |b| {
                let breach = format!("{}: {}", b.rule, super::rules::why(lang, &b.detail));
                fill(lang, Msg::PgsFirstBreach, &[("breach", &breach)])
            });
            fill(
                lang,
                Msg::PgsNonePasses,
                &[("posts", posts), ("first", &first)],
            )
        }
        Unplaced::AllTaken { posts } => fill(lang, Msg::PgsAllTaken, &[("posts", posts)]),
    }
}

#[derive(Serialize)]
struct UnplacedRow {
    cadre_id: String,
    cadre_name: String,
    period: usize,
    date: crate::domain::Date,
    /// In English, as plan.json's `reason`.
    reason: String,
    /// In the output language, as `changes[].reason_words`.
    reason_words: String,
    #[serde(flatten)]
    why: Unplaced,
}

/// A must-fill post empty in every period, for programme.json.
#[derive(Serialize)]
struct EmptyMustFillRow {
    post_id: String,
    /// Cadres the rules let take it in some period (0: nobody).
    could_take: usize,
    /// With nobody: cadres each rule excludes on the first period's date.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    excluded_by: BTreeMap<String, usize>,
    /// In English.
    reason: String,
    reason_words: String,
}

fn empty_must_fill_words(
    sc: &Scenario,
    plan: &ProgrammePlan,
    e: &crate::programme::plan::EmptyMustFill,
    lang: Lang,
) -> String {
    let post = sc.post(e.post);
    if e.could_take > 0 {
        return fill(
            lang,
            Msg::PgsEmptyMustFillUnused,
            &[
                ("post", &post.id),
                ("title", &post.title),
                ("count", &e.could_take),
            ],
        );
    }
    let rules: Vec<String> = e
        .excluded_by
        .iter()
        .map(|(r, n)| {
            fill(
                lang,
                Msg::PgsEmptyMustFillRule,
                &[("rule", r), ("count", n)],
            )
        })
        .collect();
    let date = plan
        .periods
        .first()
        .map_or(String::new(), |&d| super::date_in(lang, d));
    if e.pass_rules > 0 {
        return fill(
            lang,
            Msg::PgsEmptyMustFillNoMove,
            &[
                ("post", &post.id),
                ("title", &post.title),
                ("date", &date),
                ("count", &e.pass_rules),
                ("cadres", &e.cadres),
            ],
        );
    }
    fill(
        lang,
        Msg::PgsEmptyMustFillNobody,
        &[
            ("post", &post.id),
            ("title", &post.title),
            ("date", &date),
            ("cadres", &e.cadres),
            ("rules", &rules.join(", ")),
        ],
    )
}

fn empty_must_fill_rows(sc: &Scenario, plan: &ProgrammePlan, lang: Lang) -> Vec<EmptyMustFillRow> {
    plan.empty_must_fill
        .iter()
        .map(|e| EmptyMustFillRow {
            post_id: sc.post(e.post).id.clone(),
            could_take: e.could_take,
            excluded_by: e
                .excluded_by
                .iter()
                .map(|(r, n)| (r.to_string(), *n))
                .collect(),
            reason: empty_must_fill_words(sc, plan, e, Lang::En),
            reason_words: empty_must_fill_words(sc, plan, e, lang),
        })
        .collect()
}

#[derive(Serialize)]
struct RenewalRow {
    cadre_id: String,
    cadre_name: String,
    period: usize,
    date: crate::domain::Date,
}

#[derive(Serialize)]
struct ProgrammeJson<'a> {
    #[serde(flatten)]
    plan: &'a ProgrammePlan,
    unplaced: Vec<UnplacedRow>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    empty_must_fill: Vec<EmptyMustFillRow>,
    renewals: Vec<RenewalRow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changes: Option<Vec<ChangeRow>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relaxation: Option<RelaxationJson<'a>>,
}

/// programme.json's `relaxation`: the data, `summary` in English and `summary_words` in the output
/// language.
#[derive(Serialize)]
struct RelaxationJson<'a> {
    #[serde(flatten)]
    relaxation: &'a ProgrammeRelaxation,
    summary: String,
    summary_words: String,
}

/// Which pins and hard requirements of a programme give way, in words in `lang`.
pub fn programme_relaxation_in(lang: Lang, r: &ProgrammeRelaxation) -> String {
    let seconds = super::number_in(lang, &format!("{}", r.time_limit_s));
    let list = r
        .groups
        .iter()
        .map(|g| relax_group(lang, g))
        .collect::<Vec<_>>()
        .join("; ");
    match r.kind {
        RelaxKind::Relax => {
            let what = match r.groups.len() {
                1 => t(lang, Msg::RxOneGroup).to_string(),
                n => fill(lang, Msg::RxNGroups, &[("n", &n)]),
            };
            let mut s = fill(lang, Msg::PrxRelax, &[("what", &what), ("groups", &list)]);
            if r.minimal {
                s += t(lang, Msg::PrxMinimal);
            } else {
                s += &fill(lang, Msg::PrxNotMinimal, &[("seconds", &seconds)]);
            }
            if r.fixed > 0 {
                s += &fill(lang, Msg::PrxNeverRelaxed, &[("n", &r.fixed)]);
            }
            s
        }
        RelaxKind::Fixed => fill(lang, Msg::PrxFixed, &[("n", &r.fixed), ("groups", &list)]),
        RelaxKind::Unknown => fill(lang, Msg::PrxUnknown, &[("seconds", &seconds)]),
    }
}

/// A programme's requirement group and the way it gives way.
fn relax_group(lang: Lang, g: &GroupRef) -> String {
    let pct = |x: f64| super::number_in(lang, &format!("{:.0}", 100.0 * x));
    match g {
        GroupRef::Pin {
            cadre_id,
            post_id,
            year: None,
        } => fill(
            lang,
            Msg::RxGroupPin,
            &[("cadre", cadre_id), ("post", post_id)],
        ),
        GroupRef::Pin {
            cadre_id,
            post_id,
            year: Some(y),
        } => fill(
            lang,
            Msg::PrxGroupPinYear,
            &[("cadre", cadre_id), ("post", post_id), ("year", y)],
        ),
        GroupRef::MustFill {
            post_id,
            post_title,
        } => fill(
            lang,
            Msg::RxGroupMustFill,
            &[("post", post_id), ("title", post_title)],
        ),
        GroupRef::Share { target, share } => fill(
            lang,
            Msg::RxGroupTarget,
            &[
                ("target", &super::findings::target_group(lang, target)),
                ("share", &pct(*share)),
            ],
        ),
        GroupRef::KeyHead { cadre_id, months } => fill(
            lang,
            Msg::PrxGroupKeyHead,
            &[("cadre", cadre_id), ("months", months)],
        ),
        GroupRef::PeriodShare { share } => {
            fill(lang, Msg::PrxGroupPeriodShare, &[("share", &pct(*share))])
        }
    }
}

/// A cadre whose moves differ from the previous programme, for programme.json and changes.csv.
#[derive(Serialize)]
struct ChangeRow {
    cadre_id: String,
    cadre_name: String,
    before: String,
    after: String,
    reason: ChangeReason,
    reason_words: String,
}

/// Moves for people: `VT05 rotation 2027-01-01; VT09 placement 2030-01-01`, an executed move on
/// its own date (history.csv `start`, as programme.csv), a planned one on its period's.
fn moves_words(sc: &Scenario, plan: &ProgrammePlan, moves: &[Move], lang: Lang) -> String {
    if moves.is_empty() {
        return t(lang, Msg::ChangeNoMove).to_string();
    }
    moves
        .iter()
        .map(|m| {
            format!(
                "{} {} {}",
                sc.post(m.post).id,
                super::rules::kind_words(lang, m.kind),
                crate::programme::targets::executed_move(sc, m)
                    .map(|h| h.start)
                    .or_else(|| plan.periods.get(m.period).copied())
                    .map_or(String::new(), |d| d.to_string())
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn reason_words(lang: Lang, r: ChangeReason) -> &'static str {
    t(
        lang,
        match r {
            ChangeReason::HistoryFixed => Msg::ReasonHistoryFixed,
            ChangeReason::DataChanged => Msg::ReasonDataChanged,
            ChangeReason::PeriodOver => Msg::ReasonPeriodOver,
            ChangeReason::HistoryTookSeat => Msg::ReasonHistoryTookSeat,
            ChangeReason::BetterValue => Msg::ReasonBetterValue,
        },
    )
}

fn change_rows(sc: &Scenario, plan: &ProgrammePlan, lang: Lang) -> Option<Vec<ChangeRow>> {
    let changes = plan.changes.as_ref()?;
    Some(
        changes
            .iter()
            .map(|c| ChangeRow {
                cadre_id: sc.cadre(c.cadre).id.clone(),
                cadre_name: sc.cadre(c.cadre).name.clone(),
                before: moves_words(sc, plan, &c.before, lang),
                after: moves_words(sc, plan, &c.after, lang),
                reason: c.reason,
                reason_words: reason_words(lang, c.reason).to_string(),
            })
            .collect(),
    )
}

/// The columns of changes.csv.
pub const CHANGES_COLUMNS: &[&str] = &[
    "cadre_id",
    "cadre_name",
    "before",
    "after",
    "reason",
    "reason_words",
];

/// `changes.csv` of a re-planned programme (`programme.previous`): one row per cadre whose moves
/// changed, with the reason; `None` without a previous programme.
pub fn changes_csv(sc: &Scenario, plan: &ProgrammePlan) -> Option<String> {
    changes_csv_in(sc, plan, sc.language.unwrap_or_default())
}

/// [`changes_csv`] with `before`, `after` and `reason_words` in `lang`.
pub fn changes_csv_in(sc: &Scenario, plan: &ProgrammePlan, lang: Lang) -> Option<String> {
    let rows = change_rows(sc, plan, lang)?;
    let mut out = csv_line(
        &CHANGES_COLUMNS
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    );
    for r in rows {
        let reason = serde_json::to_value(r.reason)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        out += &csv_line(&[
            r.cadre_id,
            r.cadre_name,
            r.before,
            r.after,
            reason,
            r.reason_words,
        ]);
    }
    Some(out)
}

/// The lexicographic levels and the changes from the previous programme, for the summary.
fn levels_and_changes(sc: &Scenario, plan: &ProgrammePlan, out: &mut String, lang: Lang) {
    if !plan.levels.is_empty() {
        let _ = writeln!(out, "\n{}:", t(lang, Msg::LevelsHeading));
        let rows: Vec<Vec<String>> = plan
            .levels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                vec![
                    (i + 1).to_string(),
                    super::catalogue::term(lang, &l.name),
                    super::catalogue::status(lang, l.status).to_string(),
                    opt(l.optimum),
                    opt(l.bound),
                    opt(l.value),
                    format!("{}", l.tolerance),
                    opt(l.kept_at_least),
                ]
            })
            .collect();
        *out += &text_table(&super::level_header(lang, Msg::LevelValue), &rows);
    }
    if let Some(rows) = change_rows(sc, plan, lang) {
        let _ = writeln!(out, "\n{}:", t(lang, Msg::ChangesHeading));
        if rows.is_empty() {
            let _ = writeln!(out, "{}", t(lang, Msg::ChangesNone));
        } else {
            let _ = writeln!(
                out,
                "{}",
                fill(lang, Msg::ChangesCount, &[("n", &rows.len())])
            );
            let table: Vec<Vec<String>> = rows
                .into_iter()
                .map(|r| {
                    vec![
                        format!("{} {}", r.cadre_id, r.cadre_name),
                        r.before,
                        r.after,
                        r.reason_words,
                    ]
                })
                .collect();
            *out += &text_table(
                &[
                    t(lang, Msg::ChangeCadre),
                    t(lang, Msg::ChangeBefore),
                    t(lang, Msg::ChangeAfter),
                    t(lang, Msg::ChangeReasonLabel),
                ],
                &table,
            );
        }
    }
}

fn unplaced_rows(sc: &Scenario, plan: &ProgrammePlan, lang: Lang) -> Vec<UnplacedRow> {
    plan.unplaced
        .iter()
        .map(|(c, s, why)| UnplacedRow {
            cadre_id: sc.cadre(*c).id.clone(),
            cadre_name: sc.cadre(*c).name.clone(),
            period: s + 1,
            date: plan.periods[*s],
            reason: unplaced_words_in(why, Lang::En),
            reason_words: unplaced_words_in(why, lang),
            why: why.clone(),
        })
        .collect()
}

fn renewal_rows(sc: &Scenario, plan: &ProgrammePlan) -> Vec<RenewalRow> {
    plan.renewals
        .iter()
        .map(|(c, t)| RenewalRow {
            cadre_id: sc.cadre(*c).id.clone(),
            cadre_name: sc.cadre(*c).name.clone(),
            period: t + 1,
            date: plan.periods[*t],
        })
        .collect()
}

/// The files of a programme, as (name, bytes): programme.csv, programme.json, programme.md,
/// timeline.svg, programme.html, review.html and, re-planned, changes.csv. Without `timings`
/// (a batch's, whose reruns are byte-identical) programme.json has no `build_s` and `solve_s`
/// and programme.md no seconds.
pub fn programme_files(
    sc: &Scenario,
    plan: &ProgrammePlan,
    lang: Lang,
    timings: bool,
) -> Vec<(String, Vec<u8>)> {
    let review = crate::programme::Timeline::new(sc)
        .map(|tl| crate::programme::review::review(sc, &tl, &plan.moves))
        .unwrap_or_default();
    let json = if timings {
        programme_json_in(sc, plan, lang)
    } else {
        let mut untimed = plan.clone();
        (untimed.build_s, untimed.solve_s) = (f64::NAN, f64::NAN);
        programme_json_in(sc, &untimed, lang)
    };
    [
        ("programme.csv", programme_csv(plan)),
        ("programme.json", json),
        (
            "programme.md",
            programme_summary_with(sc, plan, lang, timings),
        ),
        (
            "timeline.svg",
            super::timeline::timeline_svg(sc, plan, lang),
        ),
        (
            "programme.html",
            super::review_page::programme_html(sc, plan, lang),
        ),
        (
            "review.html",
            super::review_page::review_html(sc, &review, "programme.csv", lang),
        ),
    ]
    .into_iter()
    .chain(changes_csv_in(sc, plan, lang).map(|t| ("changes.csv", t)))
    .map(|(n, t)| (n.to_string(), t.into_bytes()))
    .collect()
}

/// `programme.json`: the solver's answer, the objective part by part, the moves, the KPIs per
/// period, the cadres without a placement (with the reason in words) and the renewals.
pub fn programme_json(sc: &Scenario, plan: &ProgrammePlan) -> String {
    programme_json_in(sc, plan, sc.language.unwrap_or_default())
}

/// [`programme_json`] with the worded fields (`unplaced[].reason_words`, `changes[].before`,
/// `after`, `reason_words`) in `lang`; ids and `unplaced[].reason` stay as they are in English.
pub fn programme_json_in(sc: &Scenario, plan: &ProgrammePlan, lang: Lang) -> String {
    let j = ProgrammeJson {
        plan,
        unplaced: unplaced_rows(sc, plan, lang),
        empty_must_fill: empty_must_fill_rows(sc, plan, lang),
        renewals: renewal_rows(sc, plan),
        changes: change_rows(sc, plan, lang),
        relaxation: plan.relaxation.as_ref().map(|r| RelaxationJson {
            relaxation: r,
            summary: programme_relaxation_in(Lang::En, r),
            summary_words: programme_relaxation_in(lang, r),
        }),
    };
    let mut s =
        serde_json::to_string_pretty(&j).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// The objective part by part, one line.
fn objective_line(
    lang: Lang,
    o: &crate::programme::plan::ProgrammeObjective,
    targets: bool,
) -> String {
    let n = |x: f64| super::num_in(lang, x);
    let mut out = fill(
        lang,
        Msg::PgsObjective,
        &[
            ("rotations", &n(o.rotations)),
            ("placements", &n(o.placements)),
            ("unplaced", &n(o.unplaced)),
            ("smoothing", &n(o.smoothing)),
        ],
    );
    if targets {
        out += &fill(lang, Msg::PgsTargetsMissed, &[("n", &n(o.targets))]);
    }
    out.push('\n');
    out
}

/// programme.html's summary: the status, objective, bound and gap (a programme stopped at its
/// time limit says so, as the terminal does), the objective part by part, and the KPIs of each
/// period as a table.
pub fn programme_status_html(plan: &ProgrammePlan, lang: Lang) -> String {
    use super::committee::esc;
    let status = fill(
        lang,
        Msg::PgsStatus,
        &[
            (
                "status",
                &super::catalogue::status_id(lang, plan.status.as_str()),
            ),
            (
                "objective",
                &super::number_in(lang, &opt(plan.objective.map(|o| o.total))),
            ),
            ("bound", &super::number_in(lang, &opt(plan.bound))),
            ("gap", &super::number_in(lang, &gap(plan.gap))),
        ],
    );
    let proven = plan.status.proven();
    let mut out = format!(
        "<section class=\"status{}\">\n<p>{}{}</p>\n",
        if proven { "" } else { " unproven" },
        esc(&status),
        if proven || !plan.status.has_plan() {
            String::new()
        } else {
            format!(" — <strong>{}</strong>", esc(t(lang, Msg::ScoreNotProven)))
        }
    );
    if let Some(o) = plan.objective {
        let _ = writeln!(
            out,
            "<p>{}</p>",
            esc(objective_line(lang, &o, !plan.targets.is_empty()).trim_end())
        );
    }
    out += "</section>\n";
    if plan.status.has_plan() && !plan.kpis.is_empty() {
        let (header, rows) = kpi_rows(lang, &plan.kpis);
        out += "<table class=\"figures kpis\"><thead><tr>";
        for h in header {
            let _ = write!(out, "<th>{}</th>", esc(h));
        }
        out += "</tr></thead><tbody>\n";
        for r in rows {
            out += "<tr>";
            for (i, c) in r.iter().enumerate() {
                let class = if i == 1 { "" } else { " class=\"n\"" };
                let _ = write!(out, "<td{class}>{}</td>", esc(c));
            }
            out += "</tr>\n";
        }
        out += "</tbody></table>\n";
        let vacant = vacant_periods(lang, &plan.kpis);
        if !vacant.is_empty() {
            let head = t(lang, Msg::PgsVacantHeading);
            let _ = writeln!(out, "<p>{}</p>\n<ul class=\"vacant\">", esc(head));
            for l in vacant {
                let _ = writeln!(out, "<li>{}</li>", esc(&l));
            }
            out += "</ul>\n";
        }
    }
    out
}

/// The posts whose seats stay empty, a line per period that has any (the KPIs count them).
fn vacant_lines(lang: Lang, kpis: &[crate::programme::plan::PeriodKpis]) -> String {
    let lines = vacant_periods(lang, kpis);
    if lines.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{}\n", t(lang, Msg::PgsVacantHeading));
    for l in lines {
        let _ = writeln!(out, "  {l}");
    }
    out
}

/// A line per period with empty seats: "period 1 (2027-01-01): VT03, VT11".
fn vacant_periods(lang: Lang, kpis: &[crate::programme::plan::PeriodKpis]) -> Vec<String> {
    kpis.iter()
        .filter(|k| !k.vacant_posts.is_empty())
        .map(|k| {
            fill(
                lang,
                Msg::PgsVacantLine,
                &[
                    ("period", &(k.period + 1)),
                    ("date", &super::date_in(lang, k.date)),
                    ("posts", &seats_of_posts(&k.vacant_posts).join(", ")),
                ],
            )
        })
        .collect()
}

/// Post ids a seat each, a post of several empty seats once with their count: "VT07 ×2".
fn seats_of_posts(ids: &[String]) -> Vec<String> {
    let mut out: Vec<(&str, usize)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for id in ids {
        match at.get(id.as_str()) {
            Some(&i) => out[i].1 += 1,
            None => {
                at.insert(id, out.len());
                out.push((id, 1));
            }
        }
    }
    out.into_iter()
        .map(|(id, n)| {
            if n > 1 {
                format!("{id} ×{n}")
            } else {
                id.to_string()
            }
        })
        .collect()
}

/// The KPIs, a row per period.
fn kpi_table(lang: Lang, kpis: &[crate::programme::plan::PeriodKpis]) -> String {
    let (header, rows) = kpi_rows(lang, kpis);
    text_table(&header, &rows)
}

/// The KPIs' header and a row per period.
fn kpi_rows(
    lang: Lang,
    kpis: &[crate::programme::plan::PeriodKpis],
) -> ([&'static str; 10], Vec<Vec<String>>) {
    let rows: Vec<Vec<String>> = kpis
        .iter()
        .map(|k| {
            vec![
                (k.period + 1).to_string(),
                super::date_in(lang, k.date),
                k.rotations.to_string(),
                k.placements.to_string(),
                k.chained.to_string(),
                k.vacant_seats.to_string(),
                k.women.to_string(),
                k.minority.to_string(),
                k.max_departures.to_string(),
                k.renewals.to_string(),
            ]
        })
        .collect();
    let header = [
        Msg::PgsHPeriod,
        Msg::PgsHDate,
        Msg::PgsHRotations,
        Msg::PgsHPlacements,
        Msg::PgsHChained,
        Msg::PgsHVacant,
        Msg::PgsHWomen,
        Msg::PgsHMinority,
        Msg::PgsHMostLeaving,
        Msg::PgsHRenewals,
    ]
    .map(|m| t(lang, m));
    (header, rows)
}

/// What `check` prints after the rules for a programme file: its score
/// ([`crate::programme::plan::score`]), the objective part by part and the KPIs per period.
pub fn programme_score_text_in(s: &crate::programme::plan::ProgrammeScore, lang: Lang) -> String {
    format!(
        "{}: {}\n{}\n{}",
        t(lang, Msg::PgsScoreTitle),
        fill(
            lang,
            Msg::PgsScoreObjective,
            &[("objective", &super::num_in(lang, s.objective.total))]
        ),
        objective_line(lang, &s.objective, s.has_targets),
        kpi_table(lang, &s.kpis)
    )
}

/// `check --format json` on a programme file: its violations and its score.
pub fn programme_check_json(
    v: &[crate::check::Violation],
    s: Option<&crate::programme::plan::ProgrammeScore>,
) -> String {
    let mut out = serde_json::to_string_pretty(&serde_json::json!({ "violations": v, "score": s }))
        .unwrap_or_default();
    out.push('\n');
    out
}

/// The summary a person reads: status, objective, the KPIs per period, the cadres without a
/// placement and the certificates to renew (in the scenario's `language:`).
pub fn programme_summary(sc: &Scenario, plan: &ProgrammePlan) -> String {
    programme_summary_in(sc, plan, sc.language.unwrap_or_default())
}

/// [`programme_summary`] in `lang`.
pub fn programme_summary_in(sc: &Scenario, plan: &ProgrammePlan, lang: Lang) -> String {
    programme_summary_with(sc, plan, lang, true)
}

/// [`programme_summary_in`], with the seconds of the build and the solve or (a batch's) without.
fn programme_summary_with(
    sc: &Scenario,
    plan: &ProgrammePlan,
    lang: Lang,
    timings: bool,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        fill(
            lang,
            Msg::PgsHeadline,
            &[
                ("scenario", &plan.scenario),
                ("n", &plan.periods.len()),
                (
                    "start",
                    &plan
                        .periods
                        .first()
                        .map_or(String::new(), |&d| super::date_in(lang, d))
                ),
                (
                    "end",
                    &sc.programme
                        .as_ref()
                        .map_or(String::new(), |p| super::date_in(lang, p.end))
                ),
            ],
        )
    );
    let _ = writeln!(
        out,
        "{}",
        fill(
            lang,
            Msg::PgsStatus,
            &[
                (
                    "status",
                    &super::catalogue::status_id(lang, plan.status.as_str())
                ),
                (
                    "objective",
                    &super::number_in(lang, &opt(plan.objective.map(|o| o.total)))
                ),
                ("bound", &super::number_in(lang, &opt(plan.bound))),
                ("gap", &super::number_in(lang, &gap(plan.gap))),
            ],
        )
    );
    if let Some(o) = plan.objective {
        out += &objective_line(lang, &o, !plan.targets.is_empty());
    }
    let columns = super::number_in(lang, &plan.columns.to_string());
    let rows = super::number_in(lang, &plan.model_rows.to_string());
    let model = if timings {
        let seconds = |x: f64| super::number_in(lang, &format!("{x:.2}"));
        fill(
            lang,
            Msg::PgsModel,
            &[
                ("columns", &columns),
                ("rows", &rows),
                ("build", &seconds(plan.build_s)),
                ("solve", &seconds(plan.solve_s)),
            ],
        )
    } else {
        fill(
            lang,
            Msg::PgsModelSize,
            &[("columns", &columns), ("rows", &rows)],
        )
    };
    let _ = writeln!(out, "{model}");
    if let Some(note) = &plan.note {
        let _ = writeln!(
            out,
            "{}",
            fill(
                lang,
                Msg::PgsNote,
                &[("note", &super::rules::programme_notes(lang, note))],
            )
        );
    }
    if let Some(r) = &plan.relaxation {
        let _ = writeln!(out, "{}", programme_relaxation_in(lang, r));
    }
    out.push('\n');
    out += &kpi_table(lang, &plan.kpis);
    out += &vacant_lines(lang, &plan.kpis);
    out += &targets_section(lang, plan);
    let unplaced = unplaced_rows(sc, plan, lang);
    if !unplaced.is_empty() {
        let _ = writeln!(out, "\n{}", t(lang, Msg::PgsUnplacedHeading));
        for u in &unplaced {
            let line = fill(
                lang,
                Msg::PgsUnplacedLine,
                &[
                    ("cadre", &u.cadre_id),
                    ("name", &u.cadre_name),
                    ("period", &u.period),
                    ("date", &super::date_in(lang, u.date)),
                    ("reason", &u.reason_words),
                ],
            );
            let _ = writeln!(out, "  {line}");
        }
    }
    let empty = empty_must_fill_rows(sc, plan, lang);
    if !empty.is_empty() {
        let _ = writeln!(out, "\n{}", t(lang, Msg::PgsEmptyMustFillHeading));
        for e in &empty {
            let _ = writeln!(out, "  {}", e.reason_words);
        }
    }
    let renewals = renewal_rows(sc, plan);
    if !renewals.is_empty() {
        let _ = writeln!(out, "\n{}", t(lang, Msg::PgsRenewHeading));
        for r in &renewals {
            let line = fill(
                lang,
                Msg::PgsRenewLine,
                &[
                    ("cadre", &r.cadre_id),
                    ("name", &r.cadre_name),
                    ("date", &super::date_in(lang, r.date)),
                    ("period", &r.period),
                ],
            );
            let _ = writeln!(out, "  {line}");
        }
    }
    levels_and_changes(sc, plan, &mut out, lang);
    out
}

/// The moves as a table for the terminal (in the scenario's `language:`).
pub fn programme_table(sc: &Scenario, plan: &ProgrammePlan) -> String {
    programme_table_in(sc, plan, sc.language.unwrap_or_default())
}

/// [`programme_table`] in `lang`.
pub fn programme_table_in(sc: &Scenario, plan: &ProgrammePlan, lang: Lang) -> String {
    let rows: Vec<Vec<String>> = plan
        .rows
        .iter()
        .map(|r| {
            vec![
                (r.period + 1).to_string(),
                super::date_in(lang, r.start),
                super::rules::kind_words(lang, r.kind).to_string(),
                format!("{} {}", r.cadre_id, r.cadre_name),
                r.post_id.clone(),
                r.unit_id.clone(),
                r.end.map_or(String::new(), |d| super::date_in(lang, d)),
            ]
        })
        .collect();
    let mut out = programme_summary_in(sc, plan, lang);
    out.push('\n');
    let header = [
        Msg::PgsHPeriod,
        Msg::PgsHStart,
        Msg::PgsHKind,
        Msg::PgsHCadre,
        Msg::PgsHPost,
        Msg::PgsHUnit,
        Msg::PgsHEnd,
    ]
    .map(|m| t(lang, m));
    out += &text_table(&header, &rows);
    out
}

/// The checker's verdict on a programme.
pub fn programme_violations_text(v: &[crate::check::Violation]) -> String {
    programme_violations_text_in(v, Lang::En)
}

/// `check`'s note on the running rotations a programme file leaves without a placement (not a
/// breach, but the objective's unplaced penalty): `None` when it places them all.
pub fn running_unplaced_note_in(sc: &Scenario, moves: &[Move], lang: Lang) -> Option<String> {
    let prog = sc.programme.as_ref()?;
    let left: Vec<String> = crate::programme::plan::running_unplaced(sc, moves)
        .into_iter()
        .map(|(c, s)| format!("{} ({})", sc.cadre(c).id, prog.periods[s]))
        .collect();
    (!left.is_empty()).then(|| {
        fill(
            lang,
            Msg::PgsRunningUnplaced,
            &[
                ("n", &left.len()),
                ("penalty", &num(prog.unplaced_penalty)),
                ("list", &left.join(", ")),
            ],
        ) + "\n"
    })
}

/// [`programme_violations_text`] in `lang`: the rules named are those `check::programme` verifies.
pub fn programme_violations_text_in(v: &[crate::check::Violation], lang: Lang) -> String {
    if v.is_empty() {
        return fill(
            lang,
            Msg::PgsPasses,
            &[("rules", &super::catalogue::programme_rule_ranges())],
        ) + "\n";
    }
    super::violations_text_in(v, lang)
}

fn direction_words(lang: Lang, d: crate::programme::review::Direction) -> &'static str {
    use crate::programme::review::Direction::*;
    t(
        lang,
        match d {
            CentreToLocality => Msg::ReviewCentreToLocality,
            LocalityToCentre => Msg::ReviewLocalityToCentre,
            LocalityToLocality => Msg::ReviewLocalityToLocality,
            BetweenAgencies => Msg::ReviewBetweenAgencies,
            ToLower => Msg::ReviewToLower,
            ToHigher => Msg::ReviewToHigher,
            Unknown => Msg::ReviewFromNoUnit,
        },
    )
}

fn outcome_words(lang: Lang, o: crate::programme::review::Outcome) -> &'static str {
    use crate::programme::review::Outcome::*;
    t(
        lang,
        match o {
            Higher => Msg::ReviewPlacedHigher,
            Equal => Msg::ReviewPlacedEqual,
            Stayed => Msg::ReviewStayed,
            Returned => Msg::ReviewReturned,
            NotYet => Msg::ReviewNotYet,
            Retired => Msg::ReviewRetired,
        },
    )
}

/// `rotaplan review` as JSON.
pub fn review_json(r: &crate::programme::review::Review) -> String {
    let mut s =
        serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// `rotaplan review` as tables: counts by year, direction, tier, role, shares, purpose, outcome.
pub fn review_text(r: &crate::programme::review::Review) -> String {
    review_text_in(r, Lang::En)
}

/// [`review_text`] in `lang`.
pub fn review_text_in(r: &crate::programme::review::Review, lang: Lang) -> String {
    let l = |m| t(lang, m);
    let share = |n: usize| {
        if r.rotations == 0 {
            "—".to_string()
        } else {
            super::pct_in(lang, n as f64 / r.rotations as f64)
        }
    };
    let (rotations, share_h) = (l(Msg::ReviewRotations), l(Msg::ReviewShare));
    let mut out = format!(
        "{}\n\n",
        fill(
            lang,
            Msg::ReviewHeadline,
            &[("rotations", &r.rotations), ("placements", &r.placements)]
        )
    );
    let rows: Vec<Vec<String>> = r
        .by_year
        .iter()
        .map(|(y, (a, b))| vec![y.to_string(), a.to_string(), b.to_string()])
        .collect();
    out += &text_table(
        &[l(Msg::ReviewYear), rotations, l(Msg::ReviewPlacements)],
        &rows,
    );
    out.push('\n');
    let rows: Vec<Vec<String>> = r
        .by_direction
        .iter()
        .map(|(d, n)| {
            vec![
                direction_words(lang, *d).to_string(),
                n.to_string(),
                share(*n),
            ]
        })
        .collect();
    out += &text_table(&[l(Msg::ReviewDirection), rotations, share_h], &rows);
    out.push('\n');
    let rows: Vec<Vec<String>> = r
        .by_tier
        .iter()
        .map(|(tier, n)| {
            vec![
                tier_words(lang, *tier).to_string(),
                n.to_string(),
                share(*n),
            ]
        })
        .chain(r.by_role.iter().map(|(role, n)| {
            vec![
                fill(
                    lang,
                    Msg::ReviewRolePost,
                    &[("role", &role_words(lang, role))],
                ),
                n.to_string(),
                share(*n),
            ]
        }))
        .collect();
    out += &text_table(&[l(Msg::ReviewReceiving), rotations, share_h], &rows);
    out.push('\n');
    let rows: Vec<Vec<String>> = [
        (Msg::ReviewWomen, r.women),
        (Msg::ReviewMinorities, r.minority),
        (Msg::ReviewPurposeTraining, r.training),
        (Msg::ReviewPurposeStrengthening, r.strengthening),
        (Msg::ReviewPurposePolicy, r.policy),
    ]
    .into_iter()
    .map(|(m, n)| vec![l(m).to_string(), n.to_string(), share(n)])
    .collect();
    out += &text_table(&[l(Msg::ReviewAmongRotated), rotations, share_h], &rows);
    out.push('\n');
    let rows: Vec<Vec<String>> = r
        .by_outcome
        .iter()
        .map(|(o, n)| {
            vec![
                outcome_words(lang, *o).to_string(),
                n.to_string(),
                share(*n),
            ]
        })
        .collect();
    out += &text_table(&[l(Msg::ReviewAfter), rotations, share_h], &rows);
    if !r.waiting.is_empty() {
        let _ = writeln!(out, "\n{}", l(Msg::RvWaitingHeading));
        for w in &r.waiting {
            let _ = writeln!(out, "  {}", waiting_words(lang, w));
        }
    }
    out
}

/// A rotation without a placement, as a person needs it: still running until its end and when
/// its placement falls due, or ended without a recorded placement.
pub fn waiting_words(lang: Lang, w: &crate::programme::review::Waiting) -> String {
    use crate::programme::review::WaitingState;
    let d = |x: crate::domain::Date| super::date_in(lang, x);
    let args: [(&str, &dyn std::fmt::Display); 4] = [
        ("cadre", &w.cadre_id),
        ("post", &w.post_id),
        ("start", &d(w.start)),
        ("end", &d(w.end)),
    ];
    let mut s = match w.state {
        WaitingState::Ended => fill(lang, Msg::RvWaitingEnded, &args),
        WaitingState::Running { .. } => fill(lang, Msg::RvWaitingRunning, &args),
    };
    if !w.end_written {
        let months = crate::rules::retirement::whole_months_between(w.start, w.end);
        s += &fill(lang, Msg::RvWaitingEndOf, &[("months", &months)]);
    }
    match w.state {
        WaitingState::Running {
            due_period: Some(n),
            due_date: Some(at),
            ..
        } => s += &fill(lang, Msg::RvWaitingDue, &[("period", &n), ("date", &d(at))]),
        WaitingState::Running {
            after_programme: true,
            ..
        } => s += t(lang, Msg::RvWaitingAfter),
        _ => {}
    }
    s
}

/// One measured programme target, must-fill post or pin, in `lang` (without the verdict).
pub fn target_words(lang: Lang, r: &TargetResult) -> String {
    let pct = |x: f64| super::number_in(lang, &format!("{:.1}", 100.0 * x));
    let cadre = r.cadre.clone().unwrap_or_default();
    let post = r.post.clone().unwrap_or_default();
    let at = |n: usize, d: crate::domain::Date| {
        fill(
            lang,
            Msg::Period,
            &[("n", &(n + 1)), ("date", &super::date_in(lang, d))],
        )
    };
    match r.kind {
        TargetKind::Share { group } => {
            let g = match group {
                "women" => Msg::GroupWomen,
                "young" => Msg::GroupYoung,
                _ => Msg::GroupMinority,
            };
            fill(
                lang,
                Msg::TgtShare,
                &[
                    ("group", &t(lang, g)),
                    ("among", &r.among),
                    ("achieved", &pct(r.achieved)),
                    ("required", &pct(r.required)),
                ],
            )
        }
        TargetKind::KeyHead { .. } => fill(
            lang,
            Msg::TgtKeyHead,
            &[
                ("cadre", &cadre),
                ("achieved", &r.achieved),
                ("required", &r.required),
            ],
        ),
        TargetKind::PeriodShare { period, date } => fill(
            lang,
            Msg::TgtPeriodShare,
            &[
                ("at", &at(period, date)),
                ("among", &r.among),
                ("achieved", &pct(r.achieved)),
                ("required", &pct(r.required)),
            ],
        ),
        TargetKind::MustFill { period, date, .. } => fill(
            lang,
            Msg::TgtMustFill,
            &[
                ("post", &post),
                ("at", &at(period, date)),
                ("achieved", &r.achieved),
                ("required", &r.required),
            ],
        ),
        TargetKind::Pin { year, .. } => {
            let when = match year {
                Some(y) => fill(lang, Msg::TgtYear, &[("year", &y)]),
                None => t(lang, Msg::TgtAnyPeriod).to_string(),
            };
            fill(
                lang,
                Msg::TgtPin,
                &[("cadre", &cadre), ("post", &post), ("when", &when)],
            )
        }
    }
}

/// Whether the target was met, and what a soft miss costs, in `lang`.
pub fn target_verdict(lang: Lang, r: &TargetResult) -> String {
    if r.met {
        t(lang, Msg::TgtMet).to_string()
    } else if r.penalty > 0.0 {
        fill(lang, Msg::TgtMissedCost, &[("penalty", &num(r.penalty))])
    } else {
        t(lang, Msg::TgtMissed).to_string()
    }
}

/// Most lines of met key-head cadres and must-fill posts listed in the summary (misses, shares,
/// periods and pins are always all listed).
const MET_LINES: usize = 20;

/// The targets section of the summary: every miss, and the met ones up to [`MET_LINES`].
fn targets_section(lang: Lang, plan: &ProgrammePlan) -> String {
    let mut out = String::new();
    if plan.targets.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\n{}", t(lang, Msg::TgtHeading));
    let mut hidden = 0;
    let mut shown_met = 0;
    for r in &plan.targets {
        let many = matches!(
            r.kind,
            TargetKind::KeyHead { .. } | TargetKind::MustFill { .. }
        );
        if many && r.met && shown_met >= MET_LINES {
            hidden += 1;
            continue;
        }
        shown_met += usize::from(many && r.met);
        let kind = t(lang, if r.hard { Msg::TgtHard } else { Msg::TgtSoft });
        let _ = writeln!(
            out,
            "  [{kind}] {}: {}",
            target_words(lang, r),
            target_verdict(lang, r)
        );
    }
    if hidden > 0 {
        let _ = writeln!(out, "  {}", fill(lang, Msg::TgtMore, &[("n", &hidden)]));
    }
    out
}

/// `explain` without `--period` on a programme scenario: the answer is a single plan's on the plan
/// date (the first period), said before it, with how to ask about the programme (`None`: not a
/// programme).
pub fn explain_scope(sc: &Scenario, scenario: &str, lang: Lang) -> Option<String> {
    let prog = sc.programme.as_ref()?;
    // From the first period to the programme's end, as `plan` says it (not the last period's
    // start).
    let (first, last) = (prog.periods.first()?, &prog.end);
    Some(fill(
        lang,
        Msg::ExplainProgrammeScope,
        &[
            ("periods", &prog.periods.len()),
            ("first", &super::date_in(lang, *first)),
            ("last", &super::date_in(lang, *last)),
            ("date", &super::date_in(lang, sc.plan_date)),
            ("scenario", &scenario),
        ],
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_post_of_several_empty_seats_is_named_once_with_their_count() {
        let ids: Vec<String> = ["VT01", "VT07", "VT07", "VT09", "VT07"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(super::seats_of_posts(&ids), vec!["VT01", "VT07 ×3", "VT09"]);
    }
}
