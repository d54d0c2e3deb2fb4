//! `committee.html`: the plan in the form a standing committee reads and signs — one printable
//! document (A4, page breaks, PDF through the browser's print). The moves grouped by receiving unit,
//! then by sending unit; each row the cadre, from → to, the rotation term, the reason in words and
//! who else was considered; a summary with the review's figures (by direction, by tier, women and
//! minority shares) and the posts left empty, one actionable line per reason (the rule and the
//! count, not a list of ids).

use crate::domain::{Date, Scenario, Tier};
use crate::plan::{Assignment, Plan, UnfilledKind};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Every human-facing word of the committee report: (key, English, Vietnamese). The lead moves
/// these into the message catalogue; today the English column is used.
const LABELS: &[(&str, &str, &str)] = &[
    (
        "title",
        "Cadre rotation plan for the standing committee",
        "Phương án luân chuyển cán bộ trình Ban Thường vụ",
    ),
    ("plan_date", "Plan date", "Ngày lập phương án"),
    ("rule_set", "Rule set", "Quy định áp dụng"),
    ("summary", "Summary", "Tổng hợp"),
    ("moves", "Cadres rotated", "Số cán bộ luân chuyển"),
    ("posts_filled", "Posts filled", "Số vị trí được bố trí"),
    ("of", "of", "trên"),
    ("women", "Women", "Nữ"),
    ("minority", "Ethnic minorities", "Dân tộc thiểu số"),
    ("by_direction", "By direction", "Theo hướng luân chuyển"),
    (
        "by_tier",
        "By level of the receiving post",
        "Theo cấp của vị trí đến",
    ),
    ("direction", "direction", "hướng"),
    ("tier", "level", "cấp"),
    ("cadres", "cadres", "cán bộ"),
    (
        "centre_to_locality",
        "centre → locality",
        "Trung ương → địa phương",
    ),
    (
        "locality_to_centre",
        "locality → centre",
        "địa phương → Trung ương",
    ),
    (
        "between_localities",
        "between localities",
        "giữa các địa phương",
    ),
    (
        "within_centre",
        "between central agencies",
        "giữa các cơ quan Trung ương",
    ),
    (
        "to_lower",
        "to a lower level in the locality",
        "xuống cấp dưới ở địa phương",
    ),
    (
        "to_higher",
        "to a higher level in the locality",
        "lên cấp trên ở địa phương",
    ),
    (
        "from_outside",
        "from outside the units of the plan",
        "từ ngoài các đơn vị của phương án",
    ),
    ("central", "central", "Trung ương"),
    ("province", "province", "tỉnh"),
    ("district", "district", "huyện"),
    ("commune", "commune", "xã"),
    ("empty", "Posts left empty", "Vị trí chưa bố trí được"),
    (
        "no_empty",
        "Every post is filled.",
        "Tất cả các vị trí đều đã được bố trí.",
    ),
    ("posts", "post(s)", "vị trí"),
    ("must_fill", "must fill", "bắt buộc"),
    (
        "moves_section",
        "Rotations by receiving unit",
        "Danh sách luân chuyển theo đơn vị đến",
    ),
    ("receiving", "Receiving unit", "Đơn vị đến"),
    ("sending", "from", "từ"),
    ("no_unit", "no current unit", "chưa có đơn vị"),
    ("cadre", "Cadre", "Cán bộ"),
    ("from_to", "From → to", "Từ → đến"),
    ("term", "Rotation term", "Thời gian luân chuyển"),
    ("reason", "Reason", "Lý do"),
    ("considered", "Also considered", "Đã xem xét thêm"),
    ("none_considered", "—", "—"),
    ("months", "months", "tháng"),
    (
        "reason_staffing",
        "strengthens a unit short of people",
        "tăng cường cho đơn vị thiếu cán bộ",
    ),
    ("reason_training", "training", "đào tạo, rèn luyện"),
    (
        "reason_not_local",
        "not-local policy (key post)",
        "bố trí cán bộ không là người địa phương",
    ),
    (
        "reason_two_term",
        "two-term limit as head in the unit",
        "đã giữ chức vụ người đứng đầu hai nhiệm kỳ",
    ),
    (
        "reason_fit",
        "fits the planned title",
        "phù hợp chức danh quy hoạch",
    ),
    (
        "reason_pinned",
        "decided by the committee (pin)",
        "theo quyết định của cấp ủy (đã chốt)",
    ),
    (
        "gain_new_tier",
        "a new level (centre ↔ locality)",
        "cấp mới (Trung ương ↔ địa phương)",
    ),
    ("gain_grassroots", "the grassroots", "cơ sở"),
    ("gain_new_sector", "a new sector", "lĩnh vực mới"),
    ("gain_new_region", "a new region", "vùng mới"),
    (
        "gain_difficult_area",
        "a difficult area",
        "địa bàn khó khăn",
    ),
    (
        "gain_lower_level",
        "lower-level experience",
        "kinh nghiệm cấp dưới",
    ),
    (
        "kind_no_eligible_cadre",
        "no cadre of the pool passes the hard rules; most are excluded by {rule}: widen the planning pool for these titles or review that rule",
        "không có cán bộ nào trong nguồn đáp ứng các điều kiện bắt buộc; chủ yếu do {rule}: mở rộng nguồn quy hoạch cho các chức danh này hoặc xem xét lại quy định đó",
    ),
    (
        "kind_eligible_used_elsewhere",
        "every eligible cadre is placed on a post that counts more: add cadres to the planning pool for these titles",
        "mọi cán bộ đủ điều kiện đã được bố trí vào vị trí cần hơn: bổ sung nguồn quy hoạch cho các chức danh này",
    ),
    (
        "kind_side_constraint",
        "free eligible cadres are held back by {rule}: review that limit for these units",
        "cán bộ đủ điều kiện bị giữ lại do {rule}: xem xét lại giới hạn này cho các đơn vị",
    ),
    (
        "kind_not_worth_a_move",
        "moving a free eligible cadre costs more than filling the post gains: raise the posts' priority if they must be filled",
        "chi phí luân chuyển lớn hơn lợi ích: nâng mức ưu tiên nếu cần bố trí",
    ),
    (
        "kind_solver_stopped",
        "the solver stopped before it found the move: give it more time",
        "bộ giải dừng trước khi tìm được phương án: cho thêm thời gian",
    ),
    (
        "kind_no_plan",
        "there is no plan: the requirements cannot all hold; see the requirements to relax in plan.md",
        "chưa có phương án: các yêu cầu không thể cùng thỏa mãn; xem các yêu cầu cần nới trong plan.md",
    ),
    ("unknown_rule", "a hard rule", "một điều kiện bắt buộc"),
    (
        "footer",
        "Made by rotaplan from the scenario's files; every move passed the independent check of every rule.",
        "Lập bằng rotaplan từ dữ liệu của kịch bản; mọi trường hợp đã qua kiểm tra độc lập theo tất cả các quy định.",
    ),
];

fn label(key: &str) -> &'static str {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or("", |(_, en, _)| en)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn date(d: Date) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn pct(n: usize, of: usize) -> String {
    if of == 0 {
        "—".into()
    } else {
        format!("{:.1} %", n as f64 * 100.0 / of as f64)
    }
}

/// The direction of a move from the cadre's current unit's tier to the post's.
fn direction(from: Option<Tier>, to: Tier) -> &'static str {
    match (from, to) {
        (None, _) => "from_outside",
        (Some(Tier::Central), Tier::Central) => "within_centre",
        (Some(Tier::Central), _) => "centre_to_locality",
        (Some(_), Tier::Central) => "locality_to_centre",
        (Some(f), t) if f == t => "between_localities",
        (Some(f), t) if t.depth() > f.depth() => "to_lower",
        _ => "to_higher",
    }
}

/// The reasons of one move, in words.
fn reasons(sc: &Scenario, a: &Assignment) -> String {
    let cadre = sc.cadre(a.cadre);
    let post = sc.post(a.post);
    let unit = sc.unit(post.unit);
    let mut out: Vec<String> = Vec::new();
    if a.pinned {
        out.push(label("reason_pinned").into());
    }
    if unit.shortage >= 2 {
        out.push(label("reason_staffing").into());
    }
    if post.not_local {
        out.push(label("reason_not_local").into());
    }
    if let Some(u) = cadre.current_unit
        && cadre
            .head_terms
            .iter()
            .any(|(hu, n)| *hu == u && *n >= sc.rules.max_head_terms)
    {
        out.push(label("reason_two_term").into());
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
                label(&format!("gain_{id}"))
            })
            .filter(|l| !l.is_empty())
            .collect();
        out.push(format!(
            "{}: {}",
            label("reason_training"),
            gains.join(", ")
        ));
    }
    if a.terms.fit >= 3.0 {
        out.push(label("reason_fit").into());
    }
    out.join("; ")
}

/// The rotation's end: the plan date plus the rule set's minimum rotation, in months.
fn term_end(sc: &Scenario, start: Date) -> Date {
    start
        .checked_add_months(chrono::Months::new(sc.rules.min_rotation_months))
        .unwrap_or(start)
}

const CSS: &str = "\
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
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.figures { width: auto; min-width: 50%; }
table.moves col.c1 { width: 19%; } table.moves col.c2 { width: 30%; }
table.moves col.c3 { width: 15%; } table.moves col.c4 { width: 23%; } table.moves col.c5 { width: 13%; }
span.d { white-space: nowrap; }
h2.moves { break-before: page; page-break-before: always; }
ul.empty li { margin: 0 0 1mm; }
footer { margin-top: 6mm; font-size: 8.5pt; color: #444; }
@media screen { body { padding: 8mm; } }
";

/// `committee.html` for a plan of `sc`.
pub fn committee_html(sc: &Scenario, plan: &Plan) -> String {
    let mut b = String::new();
    let _ = write!(
        b,
        "<h1>{}</h1>\n<p class=\"meta\">{} — {} {} — {} {}</p>\n",
        label("title"),
        esc(&plan.scenario),
        label("plan_date"),
        date(plan.plan_date),
        label("rule_set"),
        esc(&plan.rule_set)
    );
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
    let _ = write!(
        b,
        "<h2>{}</h2>\n<table class=\"figures\"><tbody>\n\
         <tr><th>{}</th><td>{}</td></tr>\n<tr><th>{}</th><td>{} {} {}</td></tr>\n\
         <tr><th>{}</th><td>{} ({})</td></tr>\n<tr><th>{}</th><td>{} ({})</td></tr>\n</tbody></table>\n",
        label("summary"),
        label("moves"),
        n,
        label("posts_filled"),
        k.posts_filled,
        label("of"),
        k.posts,
        label("women"),
        women,
        pct(women, n),
        label("minority"),
        minority,
        pct(minority, n),
    );
    let mut by_dir: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_tier: BTreeMap<u8, usize> = BTreeMap::new();
    for a in &plan.assignments {
        let from = sc.cadre(a.cadre).current_unit.map(|u| sc.unit(u).tier);
        let to = sc.post_unit(a.post).tier;
        *by_dir.entry(direction(from, to)).or_default() += 1;
        *by_tier.entry(to.depth()).or_default() += 1;
    }
    let order = [
        "centre_to_locality",
        "locality_to_centre",
        "between_localities",
        "within_centre",
        "to_lower",
        "to_higher",
        "from_outside",
    ];
    let _ = write!(
        b,
        "<h3>{}</h3>\n<table class=\"figures\"><thead><tr><th>{}</th><th>{}</th><th>%</th></tr></thead><tbody>\n",
        label("by_direction"),
        label("direction"),
        label("cadres")
    );
    for d in order {
        if let Some(c) = by_dir.get(d) {
            let _ = writeln!(
                b,
                "<tr><td>{}</td><td>{c}</td><td>{}</td></tr>",
                label(d),
                pct(*c, n)
            );
        }
    }
    b += "</tbody></table>\n";
    let _ = write!(
        b,
        "<h3>{}</h3>\n<table class=\"figures\"><thead><tr><th>{}</th><th>{}</th><th>%</th></tr></thead><tbody>\n",
        label("by_tier"),
        label("tier"),
        label("cadres")
    );
    for (d, c) in &by_tier {
        let t = Tier::ALL[*d as usize];
        let _ = writeln!(
            b,
            "<tr><td>{}</td><td>{c}</td><td>{}</td></tr>",
            label(t.as_str()),
            pct(*c, n)
        );
    }
    b += "</tbody></table>\n";
    // The posts left empty: one line per reason, with the count.
    let _ = writeln!(b, "<h3>{}</h3>", label("empty"));
    if plan.unfilled.is_empty() {
        let _ = writeln!(b, "<p>{}</p>", label("no_empty"));
    } else {
        let mut groups: BTreeMap<(usize, Option<String>), (usize, usize, &'static str)> =
            BTreeMap::new();
        for u in &plan.unfilled {
            let rank = UNFILLED_ORDER
                .iter()
                .position(|k| *k == u.kind)
                .unwrap_or(UNFILLED_ORDER.len());
            let rule = u.top_rule.map(|r| {
                format!(
                    "{r} ({})",
                    super::catalogue::rule_title(crate::domain::Lang::En, r)
                )
            });
            let e = groups
                .entry((rank, rule))
                .or_insert((0, 0, u.kind.as_str()));
            e.0 += 1;
            e.1 += u.must_fill as usize;
        }
        b += "<ul class=\"empty\">\n";
        for ((_, rule), (count, must, kind)) in &groups {
            let text = label(&format!("kind_{kind}")).replace(
                "{rule}",
                &esc(rule.as_deref().unwrap_or(label("unknown_rule"))),
            );
            let must = if *must > 0 {
                format!(" ({must} {})", label("must_fill"))
            } else {
                String::new()
            };
            let _ = writeln!(
                b,
                "<li><strong>{count} {}</strong>{must}: {text}</li>",
                label("posts")
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
        date(start),
        date(end),
        sc.rules.min_rotation_months,
        label("months")
    );
    let _ = writeln!(b, "<h2 class=\"moves\">{}</h2>", label("moves_section"));
    for (to, senders) in &by_unit {
        let unit = sc.unit(*to);
        let _ = write!(
            b,
            "<section class=\"unit\">\n<h3>{}: {}</h3>\n",
            label("receiving"),
            esc(&unit.name)
        );
        for ((_, from), moves) in senders {
            let from_name = if *from == u32::MAX {
                label("no_unit").to_string()
            } else {
                esc(&sc.unit(*from).name)
            };
            let _ = write!(
                b,
                "<h4>{} {from_name}</h4>\n<table class=\"moves\"><colgroup><col class=\"c1\"><col class=\"c2\"><col class=\"c3\"><col class=\"c4\"><col class=\"c5\"></colgroup>\n\
                 <thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
                label("sending"),
                label("cadre"),
                label("from_to"),
                label("term"),
                label("reason"),
                label("considered"),
            );
            for a in moves {
                let cadre = sc.cadre(a.cadre);
                let from_post = match (cadre.current_unit, cadre.current_role) {
                    (Some(u), Some(r)) => format!("{} ({})", esc(&sc.unit(u).name), r.as_str()),
                    (Some(u), None) => esc(&sc.unit(u).name),
                    _ => label("no_unit").into(),
                };
                let others = runner_ups
                    .get(a.post_id.as_str())
                    .filter(|v| !v.is_empty())
                    .map_or(label("none_considered").to_string(), |v| {
                        v.iter().map(|n| esc(n)).collect::<Vec<_>>().join(", ")
                    });
                let _ = writeln!(
                    b,
                    "<tr><td>{}<br><small>{}</small></td><td>{from_post} → <strong>{}</strong> <small>({})</small></td><td>{term}</td><td>{}</td><td>{others}</td></tr>",
                    esc(&a.cadre_name),
                    esc(&a.cadre_id),
                    esc(&a.post_title),
                    esc(&a.post_id),
                    esc(&reasons(sc, a)),
                );
            }
            b += "</tbody></table>\n";
        }
        b += "</section>\n";
    }
    let _ = writeln!(b, "<footer>{}</footer>", label("footer"));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n{b}</body>\n</html>\n",
        esc(&plan.scenario)
    )
}

/// The order of the empty posts' reasons: what a person can act on first.
const UNFILLED_ORDER: [UnfilledKind; 6] = [
    UnfilledKind::NoEligibleCadre,
    UnfilledKind::EligibleUsedElsewhere,
    UnfilledKind::SideConstraint,
    UnfilledKind::NotWorthAMove,
    UnfilledKind::SolverStopped,
    UnfilledKind::NoPlan,
];
