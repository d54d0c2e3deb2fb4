//! The pages a person opens of a programme: programme.html (the timeline and the moves by period)
//! and review.html (the review figures — sơ kết — as tables and bar charts). Both are A4 pages
//! with the committee report's print CSS; every label comes from the catalogue.

use super::catalogue::{Msg, fill, t};
use super::charts::{self, Svg};
use super::committee::{CSS, esc};
use crate::domain::{Lang, Scenario, Tier};
use crate::programme::MoveKind;
use crate::programme::plan::ProgrammePlan;
use crate::programme::review::{Direction, Outcome, Review};
use std::fmt::Write as _;

/// The extra CSS of these pages: charts and the timeline fit the page width.
const PAGE_CSS: &str = "\
svg { max-width: 100%; height: auto; }
figure { margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid; }
svg.timeline { display: block; }
td.n { text-align: right; white-space: nowrap; }
table.kpis { width: 100%; font-size: 8.5pt; }
table.kpis td:nth-child(2) { white-space: nowrap; }
section.status { margin: 0 0 3mm; }
section.status p { margin: 0 0 1mm; }
section.status.unproven { border-left: 1mm solid #b60; padding-left: 3mm; }
table.pmoves th { white-space: nowrap; }
table.pmoves th:nth-child(1) { width: 8%; } table.pmoves th:nth-child(2) { width: 14%; }
table.pmoves th:nth-child(3) { width: 13%; } table.pmoves th:nth-child(4) { width: 22%; }
table.pmoves th:nth-child(5) { width: 23%; } table.pmoves th:nth-child(6) { width: 20%; }
";

fn page(lang: Lang, title: &str, body: &str) -> String {
    let code = match lang {
        Lang::En => "en",
        Lang::Vi => "vi",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{CSS}{PAGE_CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        esc(title)
    )
}

/// Rows of a figure: a label and a count.
type Rows = Vec<(String, usize)>;

/// The page's title and the line under it (two sentences).
fn heading(title: &str, first: &str, second: &str) -> String {
    format!(
        "<h1>{}</h1>\n<p class=\"meta\">{} {}</p>\n",
        esc(title),
        esc(first),
        esc(second)
    )
}

/// `n` as a share of `of`, written as people of `lang` read numbers (`10.4 %`, `10,4 %`).
fn share(lang: Lang, n: usize, of: usize) -> String {
    if of == 0 {
        "—".to_string()
    } else {
        super::pct_in(lang, n as f64 / of as f64)
    }
}

/// A table of (label, count, share of `of`) rows under a heading of three columns.
fn table(lang: Lang, head: [&str; 3], rows: &[(String, usize)], of: usize) -> String {
    let mut s = format!(
        "<table class=\"figures\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
        esc(head[0]),
        esc(head[1]),
        esc(head[2])
    );
    for (label, n) in rows {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(label),
            super::number_in(lang, &n.to_string()),
            share(lang, *n, of)
        );
    }
    s + "</tbody></table>\n"
}

fn figure(svg: &Svg) -> String {
    format!("<figure>{}</figure>\n", svg.as_str())
}

pub fn direction_label(lang: Lang, d: Direction) -> &'static str {
    t(
        lang,
        match d {
            Direction::CentreToLocality => Msg::RvDirCentreToLocality,
            Direction::LocalityToCentre => Msg::RvDirLocalityToCentre,
            Direction::LocalityToLocality => Msg::RvDirLocalityToLocality,
            Direction::BetweenAgencies => Msg::RvDirBetweenAgencies,
            Direction::ToLower => Msg::RvDirToLower,
            Direction::ToHigher => Msg::RvDirToHigher,
            Direction::Unknown => Msg::RvDirUnknown,
        },
    )
}

pub fn outcome_label(lang: Lang, o: Outcome) -> &'static str {
    t(
        lang,
        match o {
            Outcome::Higher => Msg::RvOutHigher,
            Outcome::Equal => Msg::RvOutEqual,
            Outcome::Stayed => Msg::RvOutStayed,
            Outcome::Returned => Msg::RvOutReturned,
            Outcome::NotYet => Msg::RvOutNotYet,
            Outcome::Retired => Msg::RvOutRetired,
        },
    )
}

fn tier_label(lang: Lang, tier: Tier) -> &'static str {
    t(
        lang,
        match tier {
            Tier::Central => Msg::RvTierCentral,
            Tier::Province => Msg::RvTierProvince,
            Tier::District => Msg::RvTierDistrict,
            Tier::Commune => Msg::RvTierCommune,
        },
    )
}

fn role_label(lang: Lang, role: &str) -> &'static str {
    t(
        lang,
        match role {
            "head" => Msg::RvRoleHead,
            "deputy" => Msg::RvRoleDeputy,
            _ => Msg::RvRoleMember,
        },
    )
}

/// review.html: the review figures of `r` (the moves read from `source`), in `lang`.
pub fn review_html(sc: &Scenario, r: &Review, source: &str, lang: Lang) -> String {
    let title = fill(lang, Msg::RvTitle, &[("scenario", &sc.name)]);
    let rot = t(lang, Msg::RvRotations);
    let sh = t(lang, Msg::RvShare);
    let totals = fill(
        lang,
        Msg::RvTotals,
        &[("rotations", &r.rotations), ("placements", &r.placements)],
    );
    let mut b = heading(
        &title,
        &totals,
        &fill(lang, Msg::RvSource, &[("file", &source)]),
    );
    // Nothing to count (an infeasible programme, an empty history): said, not empty tables and
    // charts with no bars.
    if r.rotations == 0 && r.placements == 0 {
        let _ = writeln!(
            b,
            "<p>{}</p>",
            esc(&fill(lang, Msg::RvNoMoves, &[("file", &source)]))
        );
        return page(lang, &title, &b);
    }
    // By year: rotations and placements.
    let _ = writeln!(b, "<h2>{}</h2>", esc(t(lang, Msg::RvByYear)));
    let _ = writeln!(
        b,
        "<table class=\"figures\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(t(lang, Msg::RvYear)),
        esc(rot),
        esc(t(lang, Msg::RvPlacements))
    );
    for (y, (a, p)) in &r.by_year {
        let _ = writeln!(
            b,
            "<tr><td>{y}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            super::number_in(lang, &a.to_string()),
            super::number_in(lang, &p.to_string())
        );
    }
    b += "</tbody></table>\n";
    let years: Vec<(String, usize)> = r
        .by_year
        .iter()
        .map(|(y, v)| (y.to_string(), v.0))
        .collect();
    b += &figure(&charts::bars(t(lang, Msg::RvByYear), rot, &years, None));
    // Direction, tier, group: shares of the rotations.
    let sections: [(Msg, Msg, Rows); 3] = [
        (
            Msg::RvByDirection,
            Msg::RvDirection,
            r.by_direction
                .iter()
                .map(|(d, n)| (direction_label(lang, *d).to_string(), *n))
                .collect(),
        ),
        (
            Msg::RvByTier,
            Msg::RvTier,
            r.by_tier
                .iter()
                .map(|(x, n)| (tier_label(lang, *x).to_string(), *n))
                .collect(),
        ),
        (
            Msg::RvByGroup,
            Msg::RvGroup,
            r.by_role
                .iter()
                .map(|(x, n)| (role_label(lang, x).to_string(), *n))
                .collect(),
        ),
    ];
    for (heading, column, rows) in &sections {
        let _ = writeln!(b, "<h2>{}</h2>", esc(t(lang, *heading)));
        if *heading == Msg::RvByGroup {
            let _ = writeln!(b, "<p>{}</p>", esc(t(lang, Msg::RvGroupNote)));
        }
        b += &table(lang, [t(lang, *column), rot, sh], rows, r.rotations);
        b += &figure(&charts::bars(
            t(lang, *heading),
            rot,
            rows,
            Some(r.rotations),
        ));
    }
    // Shares and purposes.
    let _ = writeln!(b, "<h2>{}</h2>", esc(t(lang, Msg::RvSharesPurpose)));
    let rows: Vec<(String, usize)> = [
        (Msg::RvWomen, r.women),
        (Msg::RvMinority, r.minority),
        (Msg::RvPurposeTraining, r.training),
        (Msg::RvPurposeStrengthening, r.strengthening),
        (Msg::RvPurposePolicy, r.policy),
    ]
    .into_iter()
    .map(|(m, n)| (t(lang, m).to_string(), n))
    .collect();
    b += &table(lang, [t(lang, Msg::RvAmong), rot, sh], &rows, r.rotations);
    let _ = writeln!(b, "<p>{}</p>", esc(t(lang, Msg::RvPurposeNote)));
    b += &figure(&charts::bars(
        t(lang, Msg::RvSharesPurpose),
        rot,
        &rows,
        Some(r.rotations),
    ));
    // After the rotation.
    let _ = writeln!(b, "<h2>{}</h2>", esc(t(lang, Msg::RvOutcome)));
    let rows: Vec<(String, usize)> = r
        .by_outcome
        .iter()
        .map(|(o, n)| (outcome_label(lang, *o).to_string(), *n))
        .collect();
    b += &table(
        lang,
        [t(lang, Msg::RvOutcomeCol), rot, sh],
        &rows,
        r.rotations,
    );
    b += &figure(&charts::bars(
        t(lang, Msg::RvOutcome),
        rot,
        &rows,
        Some(r.rotations),
    ));
    // The rotations without a placement, one by one: running until when, or ended.
    if !r.waiting.is_empty() {
        let _ = writeln!(
            b,
            "<p>{}</p>\n<ul class=\"waiting\">",
            esc(t(lang, Msg::RvWaitingHeading))
        );
        for w in &r.waiting {
            let _ = writeln!(
                b,
                "<li>{}</li>",
                esc(&super::programme::waiting_words(lang, w))
            );
        }
        b += "</ul>\n";
    }
    page(lang, &title, &b)
}

/// programme.html's title: "Programme: {scenario}", or the scenario's name alone when it already
/// says it is a programme ("Tỉnh Lâm Sơn — chương trình luân chuyển 2027–2031"), not to say it twice.
fn programme_title(sc: &Scenario, lang: Lang) -> String {
    // In either language: a Vietnamese name says "chương trình" whatever language the page is in.
    let name = crate::domain::text::fold(&sc.name);
    let says = [Lang::En, Lang::Vi]
        .iter()
        .any(|&l| name.contains(&crate::domain::text::fold(t(l, Msg::PgTitleWords))));
    if says {
        sc.name.clone()
    } else {
        fill(lang, Msg::PgTitle, &[("scenario", &sc.name)])
    }
}

/// programme.html: the programme's timeline (the same drawing as timeline.svg) and its moves by
/// period, in `lang`.
pub fn programme_html(sc: &Scenario, plan: &ProgrammePlan, lang: Lang) -> String {
    let title = programme_title(sc, lang);
    let rotations = plan
        .moves
        .iter()
        .filter(|m| m.kind == MoveKind::Rotation)
        .count();
    let (start, end) = match (plan.periods.first(), sc.programme.as_ref()) {
        (Some(s), Some(p)) => (super::date_in(lang, *s), super::date_in(lang, p.end)),
        _ => (String::new(), String::new()),
    };
    let periods = fill(
        lang,
        Msg::PgPeriods,
        &[
            ("n", &plan.periods.len()),
            ("start", &start),
            ("end", &end),
            ("rotations", &rotations),
            ("placements", &(plan.moves.len() - rotations)),
        ],
    );
    // review.html is written beside this page: its name is a link to it (a relative one, no
    // network), on screen as in the PDF.
    let mut b = heading(&title, &periods, t(lang, Msg::PgReviewLink));
    if let Some(at) = b.rfind("review.html.") {
        b.replace_range(
            at..at + "review.html".len(),
            "<a href=\"review.html\">review.html</a>",
        );
    }
    b += &super::programme::programme_status_html(plan, lang);
    // No programme: why, and what gives way (the terminal's and programme.md's words).
    if !plan.status.has_plan() {
        let _ = writeln!(
            b,
            "<div class=\"noplan\"><h2>{}</h2>",
            esc(t(lang, Msg::PgNoProgramme))
        );
        if let Some(note) = &plan.note {
            let _ = writeln!(
                b,
                "<p>{}</p>",
                esc(&super::rules::programme_notes(lang, note))
            );
        }
        if let Some(r) = &plan.relaxation {
            let _ = writeln!(
                b,
                "<p>{}</p>",
                esc(&super::programme::programme_relaxation_in(lang, r))
            );
        }
        b += "</div>\n";
    }
    let _ = writeln!(b, "<h2>{}</h2>", esc(t(lang, Msg::PgTimeline)));
    b += &super::timeline::timeline_svg(sc, plan, lang);
    // No moves (no programme, or one that moves nobody): no empty table of moves.
    if !plan.rows.is_empty() {
        let _ = writeln!(b, "<h2 class=\"moves\">{}</h2>", esc(t(lang, Msg::PgMoves)));
        let _ = writeln!(
            b,
            "<table class=\"pmoves\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(t(lang, Msg::PgPeriodCol)),
            esc(t(lang, Msg::PgDateCol)),
            esc(t(lang, Msg::CsvKind)),
            esc(t(lang, Msg::CsvCadreName)),
            esc(t(lang, Msg::CsvPostTitle)),
            esc(t(lang, Msg::CsvUnitName)),
        );
        // Posts and units by id, once: a national programme has as many moves as posts.
        let posts: std::collections::HashMap<&str, &str> = sc
            .posts
            .iter()
            .map(|p| (p.id.as_str(), p.title.as_str()))
            .collect();
        let units: std::collections::HashMap<&str, &str> = sc
            .units
            .iter()
            .map(|u| (u.id.as_str(), u.name.as_str()))
            .collect();
        for row in &plan.rows {
            let kind = t(
                lang,
                match row.kind {
                    MoveKind::Rotation => Msg::TlKindRotation,
                    MoveKind::Placement => Msg::TlKindPlacement,
                },
            );
            let _ = writeln!(
                b,
                "<tr><td>{}</td><td><span class=\"d\">{}</span></td><td>{}</td><td>{} {}</td><td>{} {}</td><td>{}</td></tr>",
                row.period + 1,
                super::date_in(lang, row.start),
                esc(kind),
                esc(&row.cadre_id),
                esc(&row.cadre_name),
                esc(&row.post_id),
                esc(posts.get(row.post_id.as_str()).copied().unwrap_or("")),
                esc(units
                    .get(row.unit_id.as_str())
                    .copied()
                    .unwrap_or(&row.unit_id)),
            );
        }
        b += "</tbody></table>\n";
    }
    page(lang, &title, &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 13: review.html showed "10.4 %" under Vietnamese while the terminal says "10,4 %".
    #[test]
    fn shares_and_counts_follow_the_language() {
        assert_eq!(share(Lang::En, 52, 500), "10.4 %");
        assert_eq!(share(Lang::Vi, 52, 500), "10,4 %");
        assert_eq!(share(Lang::Vi, 1, 0), "—");
        let rows = vec![("a".to_string(), 1200)];
        let vi = table(Lang::Vi, ["x", "y", "z"], &rows, 2400);
        assert!(vi.contains(">1.200<") && vi.contains(">50,0 %<"), "{vi}");
        let en = table(Lang::En, ["x", "y", "z"], &rows, 2400);
        assert!(en.contains(">1200<") && en.contains(">50.0 %<"), "{en}");
    }
}
