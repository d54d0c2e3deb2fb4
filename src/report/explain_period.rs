//! The words of `rotaplan explain --cadre ID --period YEAR` on a programme
//! (`explain::programme::PeriodExplanation`): a headline, what the programme does with the cadre,
//! the rules on the period's date, and the re-solve with the cadre forced into the period.

use super::catalogue::{Msg, fill, rule_title, status, t};
use super::rules::why;
use crate::domain::{Date, Lang};
use crate::explain::programme::{PeriodExplanation, PeriodFinding};
use crate::programme::MoveKind;

fn period(lang: Lang, k: usize, date: Date) -> String {
    fill(
        lang,
        Msg::Period,
        &[("n", &(k + 1)), ("date", &super::date_in(lang, date))],
    )
}

fn rule(lang: Lang, r: crate::rules::RuleId) -> String {
    format!("{r} ({})", rule_title(lang, r))
}

/// A whole number as people of `lang` read it ("11.631" in Vietnamese), "—" for none.
fn number(lang: Lang, x: Option<f64>) -> String {
    x.map_or("—".to_string(), |v| {
        super::number_in(lang, &format!("{v:.0}"))
    })
}

/// The explanation as lines of text in `lang`.
pub fn explain_period_text(e: &PeriodExplanation, lang: Lang) -> String {
    let at = period(lang, e.period, e.date);
    let retires = e.retirement.map_or_else(
        || t(lang, Msg::XpNoRetirement).to_string(),
        |d| super::date_in(lang, d),
    );
    let mut out = fill(
        lang,
        Msg::XpHeadline,
        &[
            ("cadre", &e.cadre),
            ("name", &e.cadre_name),
            ("period", &at),
            ("months", &e.months_left),
            ("retires", &retires),
        ],
    );
    out.push('\n');
    out += &fill(lang, Msg::XpStatus, &[("status", &status(lang, e.status))]);
    out.push('\n');
    if e.moves.is_empty() {
        out += &format!("  {}\n", fill(lang, Msg::XpNoMoves, &[("cadre", &e.cadre)]));
    }
    for m in &e.moves {
        let msg = match m.kind {
            MoveKind::Rotation => Msg::XpMoveRotation,
            MoveKind::Placement => Msg::XpMovePlacement,
        };
        out += &format!(
            "  {}\n",
            fill(
                lang,
                msg,
                &[
                    ("cadre", &e.cadre),
                    ("period", &period(lang, m.period, m.date)),
                    ("post", &m.post),
                    ("unit", &m.unit),
                ],
            )
        );
    }
    out += &fill(lang, Msg::XpWhy, &[("date", &super::date_in(lang, e.date))]);
    out.push('\n');
    let placed = e.moves.iter().any(|m| m.kind == MoveKind::Placement);
    for f in &e.findings {
        let line = match f {
            PeriodFinding::Cadre { breach } => {
                format!("{}: {}", rule(lang, breach.rule), why(lang, &breach.detail))
            }
            PeriodFinding::NeedsCertificate { issued } => {
                let issued = issued.map_or_else(
                    || t(lang, Msg::UnknownDate).to_string(),
                    |d| super::date_in(lang, d),
                );
                fill(
                    lang,
                    Msg::XpNeedsCertificate,
                    &[("issued", &issued), ("date", &super::date_in(lang, e.date))],
                )
            }
            PeriodFinding::PlacedAfterRunning {
                ends,
                period: k,
                date,
            } => fill(
                lang,
                // The programme may leave the cadre unplaced (no post passes the placement's
                // rules and seats): said so, not "is placed".
                if placed {
                    Msg::XpPlacedAfterRunning
                } else {
                    Msg::XpUnplacedAfterRunning
                },
                &[
                    ("ends", ends),
                    ("cadre", &e.cadre),
                    ("period", &period(lang, *k, *date)),
                ],
            ),
            PeriodFinding::PeriodOver { as_of } => fill(
                lang,
                Msg::XpPeriodOver,
                &[("period", &at), ("as_of", &super::date_in(lang, *as_of))],
            ),
            PeriodFinding::Executed {
                move_kind: kind,
                period: k,
                date,
                post,
                line,
            } => fill(
                lang,
                Msg::XpExecuted,
                &[
                    ("cadre", &e.cadre),
                    ("kind", &super::rules::kind_words(lang, *kind)),
                    ("post", post),
                    ("date", &super::date_in(lang, *date)),
                    ("period", &(k + 1)),
                    ("line", line),
                ],
            ),
            PeriodFinding::RotatedInOtherPeriod {
                period: k,
                date,
                post,
            } => fill(
                lang,
                Msg::XpRotatedInOther,
                &[
                    ("cadre", &e.cadre),
                    ("period", &period(lang, *k, *date)),
                    ("post", post),
                ],
            ),
            PeriodFinding::Posts {
                looked,
                eligible,
                by_rule,
            } => {
                let mut s = fill(
                    lang,
                    Msg::XpPosts,
                    &[
                        ("eligible", eligible),
                        ("looked", looked),
                        ("date", &super::date_in(lang, e.date)),
                    ],
                );
                s += &rule_lines(lang, by_rule);
                s
            }
            PeriodFinding::Forbidden { posts } => fill(
                lang,
                Msg::XpForbidden,
                &[("n", &posts.len()), ("posts", &posts.join(", "))],
            ),
            PeriodFinding::Relative {
                post,
                relative,
                relative_post,
                unit,
            } => fill(
                lang,
                Msg::XpRelative,
                &[
                    ("post", post),
                    ("relative", relative),
                    ("relative_post", relative_post),
                    ("unit", unit),
                ],
            ),
            PeriodFinding::NoSeat { eligible } => fill(
                lang,
                Msg::XpNoSeat,
                &[
                    ("eligible", eligible),
                    ("date", &super::date_in(lang, e.date)),
                ],
            ),
            PeriodFinding::NoPlacement {
                period,
                date,
                looked,
                by_rule,
                forbidden,
            } => {
                let mut s = fill(
                    lang,
                    Msg::XpNoPlacement,
                    &[
                        ("period", &(period + 1)),
                        ("date", &super::date_in(lang, *date)),
                        ("looked", looked),
                    ],
                );
                s += &rule_lines(lang, by_rule);
                if !forbidden.is_empty() {
                    s += &format!(
                        "\n    {}",
                        fill(
                            lang,
                            Msg::XpPlacementForbidden,
                            &[
                                ("n", &forbidden.len()),
                                ("posts", &forbidden.join(", ")),
                                ("period", &(period + 1)),
                            ],
                        )
                    );
                }
                s
            }
            PeriodFinding::DeparturesFull { unit, max, cadres } => fill(
                lang,
                Msg::XpDeparturesFull,
                &[
                    ("unit", unit),
                    ("n", &cadres.len()),
                    ("max", max),
                    ("cadres", &cadres.join(", ")),
                ],
            ),
        };
        out += &format!("  {line}\n");
    }
    match &e.forced {
        Some(f) if f.status.has_plan() => {
            let post = f.post.as_ref().map_or(String::new(), |p| {
                fill(lang, Msg::XpForcedPost, &[("cadre", &e.cadre), ("post", p)])
            });
            let proven = t(
                lang,
                if f.proven {
                    Msg::XpProven
                } else {
                    Msg::XpNotProven
                },
            );
            out += &fill(
                lang,
                Msg::XpForced,
                &[
                    ("cadre", &e.cadre),
                    ("period", &at),
                    ("before", &number(lang, f.objective_before)),
                    ("after", &number(lang, f.objective_after)),
                    ("cost", &number(lang, f.cost)),
                    ("proven", &proven),
                    ("post", &post),
                    ("changed", &f.changed),
                ],
            );
        }
        Some(f) => {
            out += &fill(
                lang,
                Msg::XpForcedNone,
                &[
                    ("cadre", &e.cadre),
                    ("period", &at),
                    ("status", &status(lang, f.status)),
                ],
            );
        }
        None if !e.rotated_then => {
            let over = e
                .findings
                .iter()
                .any(|f| matches!(f, PeriodFinding::PeriodOver { .. }));
            let executed = e
                .findings
                .iter()
                .any(|f| matches!(f, PeriodFinding::Executed { .. }));
            // A running rotation's cadre is placed, never rotated again: no rotation to force.
            let running = e
                .findings
                .iter()
                .any(|f| matches!(f, PeriodFinding::PlacedAfterRunning { .. }));
            out += &fill(
                lang,
                if over {
                    Msg::XpNoResolveOver
                } else if executed {
                    Msg::XpNoResolveExecuted
                } else if running && placed {
                    Msg::XpNoResolveRunning
                } else if running {
                    Msg::XpNoResolveUnplaced
                } else {
                    Msg::XpNoResolve
                },
                &[("cadre", &e.cadre), ("period", &at)],
            );
        }
        None => {}
    }
    out.push('\n');
    out
}

/// The explanation as JSON (the data, with the text in `summary`).
pub fn explain_period_json(e: &PeriodExplanation, lang: Lang) -> String {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        e: &'a PeriodExplanation,
        summary: String,
    }
    let mut s = serde_json::to_string_pretty(&Out {
        e,
        summary: explain_period_text(e, lang),
    })
    .unwrap_or_default();
    s.push('\n');
    s
}

/// The lines "N post(s) excluded by RULE, e.g. WHY", one per rule, each on a new indented line.
fn rule_lines(lang: Lang, by_rule: &[crate::explain::programme::RuleCount]) -> String {
    by_rule
        .iter()
        .map(|r| {
            format!(
                "\n    {}",
                fill(
                    lang,
                    Msg::XpPostsRule,
                    &[
                        ("n", &r.posts),
                        ("rule", &rule(lang, r.rule)),
                        ("why", &why(lang, &r.example.detail)),
                    ],
                )
            )
        })
        .collect()
}
