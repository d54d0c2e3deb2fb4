//! Renderers of the explanations (`rotaplan explain`) and of the explanation parts of a plan report
//! (structure, requirements to relax, runner-ups). They format what `explain` computed; nothing more.

use super::catalogue::{Msg, fill, t};
use super::{Format, md_escape, md_table, num, text_table};
use crate::domain::Lang;
use crate::explain::{
    CadreExplanation, Change, Cost, Counterfactual, Explanation, MustFillBlock, Overview,
    PairExplanation, PostExplanation, Relaxation, RunnerUps, Structure, WhyNot,
};
use crate::plan::{Plan, Unfilled, UnfilledKind};
use crate::solve::SolveStatus;
use std::fmt::Write as _;

/// The heading of the section that says which requirement groups to relax, in every format; the
/// sentences that point at it name it.
const RELAX_HEADING: &str = "Requirements to relax";

/// Render an explanation as a text table (`Format::Table`), JSON or Markdown (CSV falls back to
/// the table).
/// The explanation with its text fields (`summary`, each option's and candidate's `why_not`)
/// written from its data: explain/ answers with data, and these are its words.
pub fn worded(e: &Explanation) -> Explanation {
    match e {
        Explanation::Pair(p) => Explanation::Pair(pair_worded(p.clone())),
        Explanation::Cadre(c) => Explanation::Cadre(cadre_worded(c.clone())),
        Explanation::Post(p) => Explanation::Post(post_worded(p.clone())),
        other => other.clone(),
    }
}

pub fn pair_worded(mut e: PairExplanation) -> PairExplanation {
    e.summary = pair_summary(&e);
    e
}

pub fn cadre_worded(mut e: CadreExplanation) -> CadreExplanation {
    for o in &mut e.options {
        o.why_not = o.reason.as_ref().map(|r| why_not_text(&e.cadre_id, r));
    }
    e.summary = cadre_summary(&e);
    e
}

pub fn post_worded(mut e: PostExplanation) -> PostExplanation {
    for c in &mut e.candidates {
        c.why_not = c
            .reason
            .as_ref()
            .filter(|r| !matches!(r, WhyNot::OnPost { .. }))
            .map(|r| why_not_text(&c.cadre_id, r));
    }
    e.summary = post_summary(&e);
    e
}

pub fn explanation(e: &Explanation, format: Format) -> String {
    explanation_in(e, format, Lang::En)
}

/// [`explanation`] in `lang`. The structural check is in every language of the catalogue; the
/// other answers are in English still (their sentences have not moved to the catalogue yet).
pub fn explanation_in(e: &Explanation, format: Format, lang: Lang) -> String {
    let e = &worded(e);
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
        Explanation::Pair(x) => pair_text(x),
        Explanation::Cadre(x) => cadre_text(x),
        Explanation::Post(x) => post_text(x),
        Explanation::Plan(x) => overview_text(x),
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
        Explanation::Pair(x) => pair_md(x),
        Explanation::Cadre(x) => cadre_md(x),
        Explanation::Post(x) => post_md(x),
        Explanation::Plan(x) => overview_md(x),
        Explanation::Structure(x) => {
            let mut out = format!("## {}\n\n", t(lang, Msg::Structure));
            for l in structure_lines_in(x, usize::MAX, lang) {
                out += &format!("- {l}\n");
            }
            out
        }
    }
}

fn opt_num(x: Option<f64>) -> String {
    x.map_or("—".into(), num)
}

fn signed(x: f64) -> String {
    let s = num(x);
    if x > 0.0 { format!("+{s}") } else { s }
}

// ---------------------------------------------------------------------------------------------
// Words: every sentence of an explanation is made here, from the data `explain` computed.

/// A solver status for people (the JSON keeps the ids).
pub fn status_words(s: SolveStatus) -> &'static str {
    super::catalogue::status(Lang::En, s)
}

/// The kind of an empty post for people (the JSON keeps the ids, docs/plan-format.md).
fn kind_words(k: UnfilledKind) -> &'static str {
    match k {
        UnfilledKind::NoEligibleCadre => "no eligible cadre",
        UnfilledKind::EligibleUsedElsewhere => "eligible cadres placed elsewhere",
        UnfilledKind::SideConstraint => "held back by a side rule",
        UnfilledKind::NotWorthAMove => "not worth a move",
        UnfilledKind::SolverStopped => "the solver stopped",
        UnfilledKind::NoPlan => "no plan",
    }
}

/// A part of the objective or a KPI (named as in the JSON) for people.
fn label(name: &str) -> String {
    let words = match name {
        "terms.staffing" => "staffing points",
        "terms.training" => "training points",
        "terms.fit" => "fit points",
        "terms.disruption" => "disruption points",
        "terms.stability" => "stability points",
        "pair_score" => "sum of pair scores",
        "must_fill_empty_seats" => "empty must-fill seats",
        "extra_seats_used" => "extra seats used",
        "women_shortfall" => "women shortfall",
        "young_shortfall" => "young shortfall",
        "minority_shortfall" => "minority shortfall",
        "posts_filled" => "posts filled",
        "seats_filled" => "seats filled",
        "must_fill_posts" => "must-fill posts",
        "must_fill_filled" => "must-fill posts filled",
        "shortage_posts" => "posts in short-staffed units",
        "shortage_filled" => "posts in short-staffed units filled",
        "women_share" => "women share",
        "young_share" => "young share",
        "minority_share" => "minority share",
        "training_coverage" => "training coverage",
        other => {
            return other.rsplit('.').next().unwrap_or(other).replace('_', " ");
        }
    };
    words.to_string()
}

/// "(exact)" or why not.
fn exactness(proven: bool) -> &'static str {
    if proven {
        "exact"
    } else {
        "an estimate: not proven optimal"
    }
}

/// What a re-solve says, in the words and with the sign every view uses: "cost if forced: 1118
/// (exact)" — the objective the plan loses with the change (positive: the plan is better as it
/// is) — or that no plan would exist.
fn cost_words(forced: bool, cost: Option<f64>, has_plan: bool, proven: bool, why: &str) -> String {
    let what = if forced { "forced" } else { "forbidden" };
    match (has_plan, cost) {
        (true, Some(x)) => format!("cost if {what}: {} ({})", num(x), exactness(proven)),
        _ if why.is_empty() => format!("if {what}, no plan would exist"),
        _ => format!("if {what}, no plan would exist ({why})"),
    }
}

fn cannot_hold(cf: &Counterfactual) -> String {
    super::groups_text(&cf.infeasible)
}

/// The cost of a counterfactual: `forced` (a pin) or forbidden.
fn cf_cost(cf: &Counterfactual, forced: bool) -> String {
    cost_words(
        forced,
        cf.cost,
        cf.status.has_plan(),
        cf.proven,
        &cannot_hold(cf),
    )
}

/// The cost of forcing a cadre onto a post, as the cadre view and the runner-ups keep it.
fn forced_cost(c: &Cost) -> String {
    cost_words(
        true,
        c.cost,
        c.status.has_plan(),
        c.proven,
        &c.note.to_string(),
    )
}

/// The parts of the objective that change, briefly: "sum of pair scores -9, women shortfall +1"
/// (the weighted sum and the penalties; the unweighted points are in the JSON).
fn parts_brief(v: &[Change]) -> String {
    v.iter()
        .filter(|c| c.delta.abs() > 1e-9 && !c.name.starts_with("terms."))
        .map(|c| format!("{} {}", label(&c.name), signed(c.delta)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn holder_list(hs: &[crate::explain::Holder]) -> String {
    hs.iter()
        .map(|h| format!("{} (score {})", h.cadre_id, num(h.score)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why there is no plan, pointing at the section that says what to relax when there is one.
fn no_plan_cause(status: SolveStatus) -> String {
    if status == SolveStatus::Stopped {
        "the solver stopped before it found one that meets the hard requirements".to_string()
    } else {
        format!("the requirements cannot all hold (see {RELAX_HEADING})")
    }
}

fn no_plan_words(status: SolveStatus) -> String {
    format!("there is no plan: {}", no_plan_cause(status))
}

/// THE sentence for why cadre `cadre_id` is not on a post (or that they are): the pair, cadre and
/// post views all say it with this function, from the same [`WhyNot`].
pub fn why_not_text(cadre_id: &str, w: &WhyNot) -> String {
    match w {
        WhyNot::OnPost { score, pinned } => {
            if *pinned {
                format!(
                    "{cadre_id} holds it because the scenario pins it (score {})",
                    num(*score)
                )
            } else {
                format!("{cadre_id} holds it (score {})", num(*score))
            }
        }
        WhyNot::Excluded {
            breaches,
            forbidden,
            forbid_reason,
        } => {
            let mut why: Vec<String> = breaches.iter().map(|b| b.to_string()).collect();
            if *forbidden {
                why.push(match forbid_reason {
                    Some(r) => format!("S3: the scenario forbids the pair ({r})"),
                    None => "S3: the scenario forbids the pair".to_string(),
                });
            }
            why.join("; ")
        }
        WhyNot::NoPlan { status } => no_plan_words(*status),
        WhyNot::PinnedElsewhere {
            post_id,
            pin_reason,
        } => format!(
            "the scenario pins {cadre_id} to {post_id}{} (S2)",
            pin_reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        ),
        WhyNot::Placed { post_id, score } => {
            format!(
                "{cadre_id} takes {post_id} instead (score {} there)",
                num(*score)
            )
        }
        WhyNot::UnitAtCap {
            unit_id,
            max,
            leaving,
        } => {
            let most = if leaving.len() as u32 == *max {
                "the maximum".to_string()
            } else {
                format!("the maximum is {max}")
            };
            format!(
                "their unit {unit_id} already loses {} cadre(s), {most} (S1): {}",
                leaving.len(),
                leaving
                    .iter()
                    .map(|d| format!("{} → {}", d.cadre_id, d.post_id))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        WhyNot::Relative {
            relative_id,
            relative_post_id,
        } => format!("relative {relative_id} takes {relative_post_id} in the same unit (H10)"),
        WhyNot::Taken { holders, swap } => {
            let held = format!("held by {}", holder_list(holders));
            match swap {
                None => format!("{held}, pinned there by the scenario (S2)"),
                Some(s) if s.cost.abs() <= 1e-6 => format!(
                    "{held}; {cadre_id} in {}'s place gives an equally good plan",
                    s.holder_id
                ),
                Some(s) => {
                    let parts = parts_brief(&s.changes);
                    format!(
                        "{held}, and {cadre_id} in {}'s place would cost {}{}",
                        s.holder_id,
                        num(s.cost),
                        if parts.is_empty() {
                            String::new()
                        } else {
                            format!(" ({parts})")
                        }
                    )
                }
            }
        }
        WhyNot::FreeSeatWorseObjective { cost, changes } => {
            if cost.abs() <= 1e-6 {
                format!("a free seat, but moving {cadre_id} there would not change the objective")
            } else {
                let parts = parts_brief(changes);
                format!(
                    "a free seat, but moving {cadre_id} there would cost {}{}",
                    num(*cost),
                    if parts.is_empty() {
                        String::new()
                    } else {
                        format!(" ({parts})")
                    }
                )
            }
        }
        WhyNot::SolveStopped {
            status,
            cost,
            replacing,
        } => format!(
            "{cadre_id} there{} would add {} to the objective, but the solve stopped before finding it (status {})",
            replacing
                .as_deref()
                .map(|h| format!(" in {h}'s place"))
                .unwrap_or_default(),
            num(0.0 - cost),
            status_words(*status)
        ),
    }
}

/// The answer of `rotaplan explain --cadre X --post Y` in one sentence.
pub fn pair_summary(e: &PairExplanation) -> String {
    let who = format!(
        "{} ({}) → {} ({})",
        e.cadre_id, e.cadre_name, e.post_id, e.post_title
    );
    let score = num(e.score.unwrap_or(0.0));
    match &e.reason {
        _ if !e.allowed => format!(
            "{who} is not allowed: {}.",
            e.reason
                .as_ref()
                .map(|r| why_not_text(&e.cadre_id, r))
                .unwrap_or_default()
        ),
        None => format!("{who} is allowed (score {score})."),
        Some(r @ WhyNot::NoPlan { .. }) => format!(
            "{who} is allowed (score {score}), but {}.",
            why_not_text(&e.cadre_id, r)
        ),
        Some(WhyNot::OnPost { pinned, .. }) => {
            let cost = e
                .counterfactual
                .as_ref()
                .map(|cf| format!("; {}", cf_cost(cf, false)))
                .unwrap_or_default();
            if *pinned {
                format!("{who} is in the plan because the scenario pins it (score {score}){cost}.")
            } else {
                format!("{who} is in the plan (score {score}){cost}.")
            }
        }
        Some(r) => {
            let cost = e
                .counterfactual
                .as_ref()
                .map(|cf| format!("; {}", cf_cost(cf, true)))
                .unwrap_or_default();
            format!(
                "{who} is allowed (score {score}) but not in the plan: {}{cost}.",
                why_not_text(&e.cadre_id, r)
            )
        }
    }
}

/// At most `max` items, then how many more.
fn some_of(v: &[String], max: usize, sep: &str) -> String {
    let mut s = v.iter().take(max).cloned().collect::<Vec<_>>().join(sep);
    if v.len() > max {
        s += &format!("{sep}and {} more (see the table)", v.len() - max);
    }
    s
}

/// Why a cadre got their post, or none, in one sentence.
pub fn cadre_summary(e: &CadreExplanation) -> String {
    let id = &e.cadre_id;
    if !e.plan_status.has_plan() {
        return format!(
            "There is no plan, so {id} has no post: {}.",
            no_plan_cause(e.plan_status)
        );
    }
    if let Some(a) = &e.assigned {
        let s = e.options.iter().find(|o| o.taken).map_or(0.0, |o| o.score);
        if e.pinned {
            let why = e
                .pin_reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            return format!("{id} takes {a} because the scenario pins it{why}.");
        }
        if e.options.first().is_none_or(|o| o.taken || o.score <= s) {
            return format!(
                "{id} takes {a}, the best-scoring of their {} candidate post(s) (score {}).",
                e.options.len(),
                num(s)
            );
        }
        let better: Vec<String> = e
            .options
            .iter()
            .take_while(|o| !o.taken && o.score > s)
            .map(|o| {
                let mut bits = vec![format!("score {}", num(o.score))];
                if !o.holders.is_empty() {
                    bits.push(format!("held by {}", holder_list(&o.holders)));
                }
                if let Some(f) = &o.forced {
                    bits.push(forced_cost(f));
                }
                format!("{} ({})", o.post_id, bits.join(", "))
            })
            .collect();
        return format!(
            "{id} takes {a} (score {}) rather than a higher-scoring option, because the plan is worth more as a whole: {}.",
            num(s),
            some_of(&better, 5, "; ")
        );
    }
    if e.options.is_empty() {
        if !e.cadre_rules.is_empty() {
            return format!(
                "{id} cannot take any post: {}.",
                e.cadre_rules
                    .iter()
                    .map(|b| b.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        }
        if e.rank_compatible_posts == 0 {
            return format!(
                "{id} has no candidate post: no vacant post has a rank H6 allows (current rank {}{}).",
                e.current_rank,
                if e.outstanding { ", outstanding" } else { "" }
            );
        }
        let mut cuts: Vec<(crate::rules::RuleId, usize)> =
            e.cut_by_rule.iter().map(|(r, n)| (*r, *n)).collect();
        cuts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut list: Vec<String> = cuts
            .iter()
            .map(|(r, n)| format!("{r} ({}) {n}", super::catalogue::rule_title(Lang::En, *r)))
            .collect();
        if !e.forbidden_posts.is_empty() {
            list.push(format!("forbidden {}", e.forbidden_posts.len()));
        }
        return format!(
            "{id} has no candidate post: each of the {} post(s) of a compatible rank is cut by a rule [{}].",
            e.rank_compatible_posts,
            list.join(", ")
        );
    }
    let reasons: Vec<&WhyNot> = e.options.iter().filter_map(|o| o.reason.as_ref()).collect();
    // A reason on the cadre alone (their unit's cap) holds for every option: say it once.
    if let Some(first @ WhyNot::UnitAtCap { .. }) = reasons.first()
        && reasons.iter().all(|r| r == first)
    {
        return format!("{id} gets no post: {}.", why_not_text(id, first));
    }
    let each: Vec<String> = e
        .options
        .iter()
        .filter_map(|o| {
            o.reason
                .as_ref()
                .map(|r| format!("{}: {}", o.post_id, why_not_text(id, r)))
        })
        .collect();
    let lead = if reasons.iter().all(|r| matches!(r, WhyNot::Taken { .. })) {
        "every candidate post went to someone else: "
    } else {
        ""
    };
    format!("{id} gets no post: {lead}{}.", some_of(&each, 5, "; "))
}

/// Who holds a post and why, why its best other candidates do not, in a few sentences.
pub fn post_summary(e: &PostExplanation) -> String {
    let mut parts = Vec::new();
    if !e.plan_status.has_plan() {
        let s = no_plan_words(e.plan_status);
        parts.push(format!("{}{}.", s[..1].to_uppercase(), &s[1..]));
    }
    for (h, pc) in e.holders.iter().zip(&e.candidates) {
        let who = if h.pinned {
            format!(
                "{} holds it because the scenario pins it (score {})",
                h.cadre_id,
                num(h.score)
            )
        } else {
            format!("{} holds it (score {})", h.cadre_id, num(h.score))
        };
        let cost = pc
            .counterfactual
            .as_ref()
            .map(|cf| format!("; {}", cf_cost(cf, false)))
            .unwrap_or_default();
        parts.push(format!("{who}{cost}."));
    }
    if let Some(u) = &e.unfilled {
        parts.push(format!("{} seat(s) empty: {}.", u.empty_seats, u.reason));
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
            Some(format!(
                "{} (score {}): {why}{}.",
                pc.cadre_id,
                num(pc.score),
                cf_cost(cf, true)
            ))
        })
        .collect();
    if !next.is_empty() {
        parts.push(format!("Next best: {}", next.join(" ")));
    }
    if e.candidates.is_empty() {
        parts.push(format!("No cadre is eligible for {}.", e.post_id));
    }
    parts.join(" ")
}

/// The lines under the "Requirements to relax" heading, when there is no plan because the
/// requirements cannot all hold (`None` when there is a plan, or the solve stopped without one).
fn relax_section(status: SolveStatus, r: Option<&Relaxation>) -> Option<Vec<String>> {
    match r {
        Some(r) => Some(relaxation_lines(r)),
        None if status == SolveStatus::Infeasible => Some(vec![
            "rotaplan found no set of requirement groups to relax; `rotaplan plan` lists the groups that cannot hold".to_string(),
        ]),
        None => None,
    }
}

fn relax_section_text(status: SolveStatus, r: Option<&Relaxation>) -> String {
    let mut out = String::new();
    if let Some(lines) = relax_section(status, r) {
        let _ = writeln!(out, "\n{RELAX_HEADING}");
        for l in lines {
            let _ = writeln!(out, "  {l}");
        }
    }
    out
}

fn relax_section_md(status: SolveStatus, r: Option<&Relaxation>, level: &str) -> String {
    let mut out = String::new();
    if let Some(lines) = relax_section(status, r) {
        out += &format!("\n{level} {RELAX_HEADING}\n\n");
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

fn relaxation_lines(r: &Relaxation) -> Vec<String> {
    let mut out = vec![super::relaxation_summary(r)];
    for d in &r.drop {
        for g in &d.breaks {
            out.push(format!(
                "{} → {} breaks {} ({}): {}",
                d.cadre_id,
                d.post_id,
                g.rule,
                super::catalogue::rule_title(Lang::En, g.rule),
                super::Detail(g)
            ));
        }
    }
    out
}

fn cost_text(c: &Option<Cost>) -> (String, String) {
    match c {
        None => ("not re-solved".into(), String::new()),
        Some(c) => match c.cost {
            Some(x) => (
                num(x),
                if c.proven {
                    "yes".into()
                } else {
                    format!("no ({})", status_words(c.status))
                },
            ),
            None => ("no plan".into(), c.note.to_string()),
        },
    }
}

const RUNNER_UP_HEADER: [&str; 7] = [
    "post",
    "assigned",
    "runner-up",
    "score",
    "placed on",
    "cost if forced",
    "proven",
];

fn runner_up_rows(r: &RunnerUps) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for p in &r.posts {
        for c in &p.candidates {
            let (cost, proven) = cost_text(&c.forced);
            rows.push(vec![
                p.post_id.clone(),
                p.assigned.join(", "),
                format!("{} {}", c.cadre_id, c.cadre_name),
                num(c.score),
                c.placed_on.clone().unwrap_or_else(|| "—".into()),
                cost,
                proven,
            ]);
        }
    }
    rows
}

fn runner_ups_heading(r: &RunnerUps) -> String {
    format!(
        "Runner-ups ({} per post; {} of at most {} re-solves; cost if forced = objective lost if the runner-up is forced in)",
        r.per_post, r.solves, r.max_solves
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
    out += &relax_section_text(plan.solver.status, plan.relaxation.as_ref());
    out
}

/// Extra sections of plan.md: the structural check, the requirements to relax and the runner-ups.
pub(super) fn plan_markdown_sections(plan: &Plan, lang: Lang) -> String {
    let mut out = format!("\n## {}\n\n", t(lang, Msg::Structure));
    for l in structure_lines_in(&plan.structure, 50, lang) {
        out += &format!("- {}\n", md_escape(&l));
    }
    out += &relax_section_md(plan.solver.status, plan.relaxation.as_ref(), "##");
    let rows = runner_up_rows(&plan.runner_ups);
    if !rows.is_empty() || !plan.runner_ups.note.is_empty() {
        out += &format!("\n## {}\n\n", runner_ups_heading(&plan.runner_ups));
        if !rows.is_empty() {
            out += &md_table(&RUNNER_UP_HEADER, &rows);
        }
        if let Some(n) = Some(&plan.runner_ups.note).filter(|n| !n.is_empty()) {
            out += &format!("\n> {n}\n");
        }
    }
    out
}

fn change_list(v: &[Change], only_changed: bool) -> String {
    v.iter()
        .filter(|c| !only_changed || c.delta.abs() > 1e-9)
        .map(|c| {
            format!(
                "{} {} → {} ({})",
                label(&c.name),
                num(c.before),
                num(c.after),
                signed(c.delta)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn counterfactual_lines(cf: &Counterfactual) -> Vec<String> {
    let mut out = vec![format!(
        "re-solved with {}: status {}, {}",
        cf.change,
        status_words(cf.status),
        if cf.proven {
            "proven (both solves optimal)"
        } else {
            "not proven optimal"
        }
    )];
    if cf.status.has_plan() {
        out.push(format!(
            "objective {} → {}: cost {}",
            opt_num(cf.objective_before),
            opt_num(cf.objective_after),
            opt_num(cf.cost)
        ));
        let o = change_list(&cf.objective_changes, true);
        if !o.is_empty() {
            out.push(format!("objective parts: {o}"));
        }
        let k = change_list(&cf.kpis, true);
        out.push(if k.is_empty() {
            "KPIs: no change".to_string()
        } else {
            format!("KPIs: {k}")
        });
        if !cf.moves.is_empty() {
            out.push(format!(
                "moves: {}",
                cf.moves
                    .iter()
                    .map(|m| format!(
                        "{} {} → {}",
                        m.cadre_id,
                        m.before.as_deref().unwrap_or("—"),
                        m.after.as_deref().unwrap_or("—")
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
    }
    for g in &cf.infeasible {
        out.push(format!(
            "cannot hold: {} ({}): {}",
            g.rule,
            super::catalogue::rule_title(Lang::En, g.rule),
            super::Detail(g)
        ));
    }
    if let Some(n) = Some(&cf.note).filter(|n| !n.is_empty()) {
        out.push(format!("note: {n}"));
    }
    out
}

fn pair_lines(e: &PairExplanation) -> Vec<String> {
    let mut out = Vec::new();
    for b in &e.breaches {
        out.push(format!(
            "{} ({}): {}",
            b.rule,
            super::catalogue::rule_title(Lang::En, b.rule),
            b.detail
        ));
    }
    if e.forbidden {
        out.push(format!(
            "S3 (forbid): the scenario forbids the pair{}",
            e.forbid_reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        ));
    }
    if let (Some(t), Some(s)) = (&e.terms, e.score) {
        let terms = crate::explain::numbers(t)
            .iter()
            .map(|(n, x)| format!("{n} {}", num(*x)))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(format!("score {} (points: {terms})", num(s)));
        if !e.training.is_empty() {
            out.push(format!(
                "training gains: {}",
                e.training
                    .iter()
                    .map(|g| g.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    if let Some(cf) = &e.counterfactual {
        out.extend(counterfactual_lines(cf));
    }
    out
}

fn pair_text(e: &PairExplanation) -> String {
    let mut out = format!("{}\n", e.summary);
    for l in pair_lines(e) {
        let _ = writeln!(out, "  {l}");
    }
    if let Some(s) = e.plan_status {
        out += &relax_section_text(s, e.relaxation.as_deref());
    }
    out
}

fn pair_md(e: &PairExplanation) -> String {
    let mut out = format!(
        "## {} → {}\n\n{}\n\n",
        e.cadre_id,
        e.post_id,
        md_escape(&e.summary)
    );
    for l in pair_lines(e) {
        out += &format!("- {}\n", md_escape(&l));
    }
    if let Some(s) = e.plan_status {
        out += &relax_section_md(s, e.relaxation.as_deref(), "###");
    }
    out
}

const OPTION_HEADER: [&str; 7] = [
    "post",
    "title",
    "score",
    "held by",
    "why not",
    "cost if forced",
    "proven",
];

fn option_rows(e: &CadreExplanation) -> Vec<Vec<String>> {
    e.options
        .iter()
        .map(|o| {
            let held = if o.taken {
                format!("{} (this cadre)", e.cadre_id)
            } else if o.holders.is_empty() {
                "—".into()
            } else {
                o.holders
                    .iter()
                    .map(|h| format!("{} ({})", h.cadre_id, num(h.score)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (cost, proven) = if o.taken {
                (String::new(), String::new())
            } else {
                cost_text(&o.forced)
            };
            vec![
                o.post_id.clone(),
                o.post_title.clone(),
                num(o.score),
                held,
                o.why_not.clone().unwrap_or_default(),
                cost,
                proven,
            ]
        })
        .collect()
}

fn cadre_facts(e: &CadreExplanation) -> Vec<String> {
    let mut out = vec![format!(
        "current unit {}, rank {}; plan status {}",
        e.current_unit.as_deref().unwrap_or("—"),
        e.current_rank,
        status_words(e.plan_status)
    )];
    for b in &e.cadre_rules {
        out.push(format!(
            "{} ({}): {}",
            b.rule,
            super::catalogue::rule_title(Lang::En, b.rule),
            b.detail
        ));
    }
    let cuts = e
        .cut_by_rule
        .iter()
        .map(|(r, n)| format!("{r} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    out.push(format!(
        "{} post(s) of a compatible rank (H6){}",
        e.rank_compatible_posts,
        if cuts.is_empty() {
            String::new()
        } else {
            format!("; posts cut by each rule: {cuts}")
        }
    ));
    if !e.forbidden_posts.is_empty() {
        out.push(format!("forbidden: {}", e.forbidden_posts.join(", ")));
    }
    out
}

fn cadre_text(e: &CadreExplanation) -> String {
    let mut out = format!("{}\n", e.summary);
    for l in cadre_facts(e) {
        let _ = writeln!(out, "  {l}");
    }
    if !e.options.is_empty() {
        let _ = writeln!(
            out,
            "\nCandidate posts of {} (best score first)",
            e.cadre_id
        );
        out += &text_table(&OPTION_HEADER, &option_rows(e));
    }
    out += &relax_section_text(e.plan_status, e.relaxation.as_deref());
    out
}

fn cadre_md(e: &CadreExplanation) -> String {
    let mut out = format!(
        "## {} {}\n\n{}\n\n",
        e.cadre_id,
        md_escape(&e.cadre_name),
        md_escape(&e.summary)
    );
    for l in cadre_facts(e) {
        out += &format!("- {}\n", md_escape(&l));
    }
    if !e.options.is_empty() {
        out += "\n### Candidate posts (best score first)\n\n";
        out += &md_table(&OPTION_HEADER, &option_rows(e));
    }
    out += &relax_section_md(e.plan_status, e.relaxation.as_deref(), "###");
    out
}

const POST_HEADER: [&str; 7] = [
    "cadre",
    "score",
    "placed on",
    "why not",
    "change",
    "cost",
    "proven",
];

fn post_rows(e: &PostExplanation) -> Vec<Vec<String>> {
    e.candidates
        .iter()
        .map(|c| {
            let (change, cost, proven) = match &c.counterfactual {
                None => ("not re-solved".to_string(), String::new(), String::new()),
                Some(cf) => (
                    cf.change.to_string(),
                    if cf.status.has_plan() {
                        opt_num(cf.cost)
                    } else {
                        "no plan".into()
                    },
                    if cf.proven { "yes" } else { "no" }.to_string(),
                ),
            };
            vec![
                format!("{} {}", c.cadre_id, c.cadre_name),
                num(c.score),
                c.placed_on.clone().unwrap_or_else(|| "—".into()),
                c.why_not.clone().unwrap_or_default(),
                change,
                cost,
                proven,
            ]
        })
        .collect()
}

fn post_text(e: &PostExplanation) -> String {
    let mut out = format!(
        "{} {} ({}), {} seat(s){}\n{}\n",
        e.post_id,
        e.post_title,
        e.unit_id,
        e.seats,
        if e.must_fill { ", must fill" } else { "" },
        e.summary
    );
    if !e.candidates.is_empty() {
        let _ = writeln!(
            out,
            "\nCandidates (holders first; cost = objective lost if the pair is forbidden (a holder) or forced in (the others))"
        );
        out += &text_table(&POST_HEADER, &post_rows(e));
    }
    // The reason is in the summary, and why each eligible cadre is not on the post is in the table
    // above, in the words of the pair and cadre views: only the kind here.
    if let Some(u) = &e.unfilled {
        let _ = writeln!(out, "\nEmpty seat(s): {}", kind_words(u.kind));
    }
    out += &relax_section_text(e.plan_status, e.relaxation.as_deref());
    out
}

fn post_md(e: &PostExplanation) -> String {
    let mut out = format!(
        "## {} {}\n\n{}\n\n",
        e.post_id,
        md_escape(&e.post_title),
        md_escape(&e.summary)
    );
    if !e.candidates.is_empty() {
        out += &md_table(&POST_HEADER, &post_rows(e));
    }
    out += &relax_section_md(e.plan_status, e.relaxation.as_deref(), "###");
    out
}

fn unfilled_details(u: &Unfilled, indent: &str) -> String {
    let mut out = String::new();
    // The exclusion counts are in the reason already; list the eligible cadres.
    for c in &u.eligible {
        let _ = writeln!(
            out,
            "{indent}{} (score {}): {}",
            c.cadre_id,
            num(c.score),
            c.detail
        );
    }
    if !u.eligible.is_empty() && u.eligible_count > u.eligible.len() {
        let _ = writeln!(
            out,
            "{indent}… and {} more eligible cadre(s)",
            u.eligible_count - u.eligible.len()
        );
    }
    out
}

fn overview_text(e: &Overview) -> String {
    let mut out = format!(
        "{} — status {}, objective {}\n",
        e.scenario,
        status_words(e.status),
        opt_num(e.objective)
    );
    let _ = writeln!(out, "\nStructure (before the MIP)");
    for l in structure_lines(&e.structure, 20) {
        let _ = writeln!(out, "  {l}");
    }
    out += &relax_section_text(e.status, e.relaxation.as_ref());
    let rows = runner_up_rows(&e.runner_ups);
    if !rows.is_empty() {
        let _ = writeln!(out, "\n{}", runner_ups_heading(&e.runner_ups));
        out += &text_table(&RUNNER_UP_HEADER, &rows);
    }
    if let Some(n) = Some(&e.runner_ups.note).filter(|n| !n.is_empty()) {
        let _ = writeln!(out, "  note: {n}");
    }
    if !e.unfilled.is_empty() {
        let _ = writeln!(out, "\nUnfilled posts");
        for u in &e.unfilled {
            let mf = if u.must_fill { " [must fill]" } else { "" };
            let _ = writeln!(
                out,
                "  {} {}{} ({}): {}",
                u.post_id,
                u.post_title,
                mf,
                kind_words(u.kind),
                u.reason
            );
            out += &unfilled_details(u, "    ");
        }
    }
    out
}

fn overview_md(e: &Overview) -> String {
    let mut out = format!(
        "# {}\n\nStatus {}, objective {}.\n\n## Structure\n\n",
        md_escape(&e.scenario),
        status_words(e.status),
        opt_num(e.objective)
    );
    for l in structure_lines(&e.structure, 50) {
        out += &format!("- {}\n", md_escape(&l));
    }
    out += &relax_section_md(e.status, e.relaxation.as_ref(), "##");
    let rows = runner_up_rows(&e.runner_ups);
    if !rows.is_empty() {
        out += &format!("\n## {}\n\n", runner_ups_heading(&e.runner_ups));
        out += &md_table(&RUNNER_UP_HEADER, &rows);
    }
    if let Some(n) = Some(&e.runner_ups.note).filter(|n| !n.is_empty()) {
        out += &format!("\n> {n}\n");
    }
    if !e.unfilled.is_empty() {
        out += "\n## Unfilled posts\n\n";
        for u in &e.unfilled {
            out += &format!(
                "- `{}` {} ({}): {}\n",
                u.post_id,
                md_escape(&u.post_title),
                kind_words(u.kind),
                md_escape(&u.reason.to_string())
            );
            for l in unfilled_details(u, "").lines() {
                out += &format!("  - {}\n", md_escape(l));
            }
        }
    }
    out
}
