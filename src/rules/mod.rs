//! The hard rules H1–H10 of Regulation 65-QĐ/TW, one small named function each, and candidate
//! generation through indexes. A rule returns `Err(Breach)` saying why a pair is not allowed, with
//! the numbers; the checker, the explanations and the docs all use the same ids.

pub mod candidates;
pub mod family;
pub mod retirement;

use crate::domain::{Cadre, CadreIx, Date, Post, PostIx, Scenario, Unit};
use chrono::Months;
use serde::{Deserialize, Serialize};
use std::fmt;

pub use candidates::{Candidate, Candidates};

/// Ids of the hard rules (H1–H10) and of the scenario's side rules (S1–S4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RuleId {
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    H7,
    H8,
    H9,
    H10,
    /// At most `max_departures_per_unit` cadres leave one unit.
    S1,
    /// A pinned pair is in the plan.
    S2,
    /// A forbidden pair is not in the plan.
    S3,
    /// A cadre takes at most one post.
    S4,
    /// Every quota seat of a must-fill post is filled (only with `requirements.must_fill.hard`).
    S5,
    /// The structure targets hold among the cadres moved (only with `requirements.targets.hard`).
    S6,
    /// Programmes: every rotation that ends inside the programme is followed by one placement, in
    /// the period of its end, after the rotation's rank.
    P1,
    /// Programmes: a cadre rotates at most once, holds one post at a time, and a post holds at
    /// most its seats on every period's date (vacancies and chains).
    P2,
    /// Programmes: every executed move of the history (`programme.history`) is in the programme.
    P3,
}

impl RuleId {
    pub const PAIRWISE: [RuleId; 9] = [
        RuleId::H1,
        RuleId::H2,
        RuleId::H3,
        RuleId::H4,
        RuleId::H5,
        RuleId::H6,
        RuleId::H8,
        RuleId::H9,
        RuleId::H10,
    ];
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Why a pair breaks a rule: the rule and the numbers. `report/` words it (`Display`, and its JSON
/// form is that sentence), so a language is written in one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Breach {
    pub rule: RuleId,
    pub detail: Why,
}

/// The facts behind a breach, one variant per way a rule fails.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// H1: no planned title.
    NotPlanned { cadre: String },
    /// H2: too little service left for the one threshold that applies.
    ServiceShort {
        months_left: i64,
        plan_date: Date,
        retires: Option<Date>,
        needed: u32,
    },
    /// H2: retired before the plan date (whatever the threshold, even 0).
    Retired { plan_date: Date, retires: Date },
    /// H2 over posts with two thresholds: the least is for not-local posts (`least_not_local`) or
    /// for ordinary ones.
    ServiceShortOfBoth {
        months_left: i64,
        plan_date: Date,
        retires: Option<Date>,
        least: u32,
        most: u32,
        least_not_local: bool,
    },
    /// H3: no certificate at all.
    NoHealthCertificate,
    /// H3: the certificate is too old on the plan date.
    HealthCertificateOld {
        issued: Date,
        max_months: u32,
        plan_date: Date,
        valid_to: Option<Date>,
    },
    /// H4: still inside a running rotation.
    RotationRunning { ends: Date, plan_date: Date },
    /// H5: the post is in the cadre's own unit.
    OwnUnit {
        cadre: String,
        unit: String,
        unit_name: String,
    },
    /// H6: the post's rank is not allowed.
    Rank {
        post_rank: i32,
        current_rank: i32,
        limit: RankLimit,
    },
    /// H8: a not-local post and a local cadre.
    Local {
        post: String,
        title: String,
        cadre: String,
        why: LocalWhy,
    },
    /// H9: one more term as head would pass the limit.
    TermLimit {
        cadre: String,
        unit: String,
        terms: u32,
        max: u32,
    },
    /// H10 (pairwise): a sensitive post under a relative who leads the unit.
    Family {
        post: String,
        function: Option<crate::domain::Function>,
        relative: String,
        relative_name: String,
        role: Option<crate::domain::Role>,
        unit: String,
    },
    /// H10 (pairwise, single plan): a head or deputy post of a unit where a relative holds a
    /// sensitive post (posts.csv `holder_id`).
    FamilyHolds {
        relative: String,
        relative_name: String,
        held: String,
        function: Option<crate::domain::Function>,
        unit: String,
    },
    /// H2 for a placement: the cadre retires (Decree 135) before the placement's date.
    RetiredBeforePlacement {
        retires: Option<Date>,
        on: Option<Date>,
    },
    /// H6 for a placement: its rank against the rank held during the rotation.
    PlacementLevel {
        post_rank: i32,
        held: i32,
        step: PlacementStep,
    },
}

/// Which H6 limit a rank breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankLimit {
    Lower,
    /// At most this many ranks up for an outstanding cadre.
    TooHigh(i32),
    NotOutstanding,
}

/// Why a cadre counts as local to a province (H8).
#[derive(Debug, Clone, PartialEq)]
pub enum LocalWhy {
    Born {
        province: String,
    },
    Hometown {
        province: String,
    },
    Worked {
        years: f64,
        province: String,
        from: f64,
    },
}

/// How a placement after rotation breaks the level rule (H6 for placements).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacementStep {
    /// Below the rank held during the rotation.
    Lower,
    /// One rank up, but the title is not planned and the cadre not outstanding.
    UpUnplanned,
    /// More than one rank up.
    TooHigh,
}

pub type RuleResult = Result<(), Breach>;

fn breach(rule: RuleId, detail: Why) -> RuleResult {
    Err(Breach { rule, detail })
}

/// Per-cadre facts that several rules need, computed once per scenario.
#[derive(Debug, Clone)]
pub struct CadreFacts {
    pub retirement: Option<Date>,
    /// Whole months of service left on the plan date.
    pub months_left: i64,
    /// The cadre has served the maximum terms as head of the current unit: moving them applies
    /// the two-term policy (H2's lower threshold).
    pub term_limited: bool,
    /// Younger than the rule set's `young_max_age` on the plan date (structure target).
    pub young: bool,
}

/// The scenario plus its per-cadre facts: what the rule functions read.
pub struct RuleContext<'a> {
    pub sc: &'a Scenario,
    pub facts: Vec<CadreFacts>,
}

impl<'a> RuleContext<'a> {
    pub fn new(sc: &'a Scenario) -> Self {
        let facts = sc
            .cadres
            .iter()
            .map(|c| {
                let retirement =
                    retirement::retirement_date(retirement::roadmap(&sc.rules, c), c.birth_date);
                let months_left =
                    retirement.map_or(i64::MIN / 2, |r| retirement::months_left(sc.plan_date, r));
                let term_limited = c
                    .current_unit
                    .is_some_and(|u| head_terms(c, u) >= sc.rules.max_head_terms);
                let young = retirement::age_years(c.birth_date, sc.plan_date)
                    < sc.rules.young_max_age as i64;
                CadreFacts {
                    retirement,
                    months_left,
                    term_limited,
                    young,
                }
            })
            .collect();
        RuleContext { sc, facts }
    }

    /// What the structure targets count for cadre `c`.
    pub fn flags(&self, c: CadreIx) -> crate::scoring::StructureFlags {
        let cadre = self.sc.cadre(c);
        crate::scoring::StructureFlags {
            woman: cadre.sex == crate::domain::Sex::F,
            young: self.facts[c as usize].young,
            minority: cadre.ethnic_minority,
        }
    }

    /// Evaluate the objective of chosen candidate pairs (indexes into `cands.pairs`).
    pub fn evaluate(
        &self,
        cands: &Candidates,
        chosen: &[usize],
    ) -> crate::scoring::ObjectiveBreakdown {
        crate::scoring::evaluate(
            self.sc,
            chosen.iter().map(|&i| {
                let p = cands.get(i);
                (p.post, self.flags(p.cadre), p.terms(self.sc))
            }),
        )
    }

    /// Every pairwise rule in order; the first breach, or Ok.
    pub fn check_pair(&self, c: CadreIx, p: PostIx) -> RuleResult {
        for rule in RuleId::PAIRWISE {
            self.check_rule(rule, c, p)?;
        }
        Ok(())
    }

    /// Every pairwise rule the pair breaks (for explanations).
    pub fn breaches(&self, c: CadreIx, p: PostIx) -> Vec<Breach> {
        RuleId::PAIRWISE
            .iter()
            .filter_map(|&r| self.check_rule(r, c, p).err())
            .collect()
    }

    pub fn check_rule(&self, rule: RuleId, c: CadreIx, p: PostIx) -> RuleResult {
        let sc = self.sc;
        let cadre = sc.cadre(c);
        let post = sc.post(p);
        let unit = sc.unit(post.unit);
        let facts = &self.facts[c as usize];
        match rule {
            RuleId::H1 => h1_planned(cadre),
            RuleId::H2 => h2_remaining_service(sc, facts, post),
            RuleId::H3 => h3_health_certificate(sc, cadre),
            RuleId::H4 => h4_rotation_finished(sc, cadre),
            RuleId::H5 => h5_not_own_unit(cadre, post, unit),
            RuleId::H6 => h6_post_level(sc, cadre, post),
            RuleId::H8 => h8_not_local(sc, cadre, post, unit),
            RuleId::H9 => h9_term_limit(sc, cadre, post, unit),
            RuleId::H10 => h10_family(sc, cadre, post, unit),
            // Plan-level rules: not a property of one pair.
            _ => Ok(()),
        }
    }

    /// The rules that depend on the cadre alone, with the most lenient H2 threshold: a cadre who
    /// fails one has no candidate post at all.
    pub fn check_cadre(&self, c: CadreIx) -> RuleResult {
        let sc = self.sc;
        let cadre = sc.cadre(c);
        h1_planned(cadre)?;
        let lenient = sc
            .rules
            .min_service_months
            .min(sc.rules.min_service_months_policy);
        h2_threshold(sc, &self.facts[c as usize], lenient)?;
        h3_health_certificate(sc, cadre)?;
        h4_rotation_finished(sc, cadre)
    }
}

/// The share-target flags (structure targets S1), in the order of `TARGET_NAMES`.
type FlagFn = fn(&crate::scoring::StructureFlags) -> bool;
pub const TARGET_FLAGS: [FlagFn; 3] = [|f| f.woman, |f| f.young, |f| f.minority];

pub const TARGET_NAMES: [&str; 3] = ["women", "young", "minority"];

/// The target shares in the order of `TARGET_FLAGS` and `TARGET_NAMES`.
pub fn target_shares(sc: &Scenario) -> [f64; 3] {
    [sc.targets.women, sc.targets.young, sc.targets.minority]
}

/// Whether a cadre counts towards target `k`.
pub fn target_flag(ctx: &RuleContext, c: CadreIx, k: usize) -> bool {
    TARGET_FLAGS[k](&ctx.flags(c))
}

/// H1: the cadre is in the approved planning for a leadership title.
pub fn h1_planned(cadre: &Cadre) -> RuleResult {
    if cadre.planned_titles.is_empty() {
        return breach(
            RuleId::H1,
            Why::NotPlanned {
                cadre: cadre.id.clone(),
            },
        );
    }
    Ok(())
}

/// H2's threshold for a pair: the lower one when the move applies the not-local policy (the post
/// is not-local) or the two-term policy (the cadre has reached the term limit where they are).
pub fn h2_required_months(sc: &Scenario, facts: &CadreFacts, post: &Post) -> u32 {
    if h8_applies(post, sc.unit(post.unit)) || facts.term_limited {
        sc.rules.min_service_months_policy
    } else {
        sc.rules.min_service_months
    }
}

/// H2: enough service left at the rotation date, to the actual retirement date.
pub fn h2_remaining_service(sc: &Scenario, facts: &CadreFacts, post: &Post) -> RuleResult {
    h2_threshold(sc, facts, h2_required_months(sc, facts, post))
}

/// H2 over a set of posts (those that matter for a cadre, say the ones whose rank H6 allows): a
/// breach when the cadre falls short of the threshold of *every* one of them, quoting the least
/// demanding threshold, and the other one when the posts differ (not-local posts need
/// `min_service_months_policy`, the others `min_service_months`). `Ok` when one post lets the cadre
/// pass, or when `posts` is empty.
pub fn h2_over_posts<'p>(
    sc: &Scenario,
    facts: &CadreFacts,
    posts: impl IntoIterator<Item = &'p Post>,
) -> RuleResult {
    let mut needed: Vec<(u32, bool)> = posts
        .into_iter()
        .map(|p| (h2_required_months(sc, facts, p), p.not_local))
        .collect();
    needed.sort_unstable();
    needed.dedup_by_key(|x| x.0);
    let Some(&(least, least_not_local)) = needed.first() else {
        return Ok(());
    };
    retired_before_the_plan(sc, facts)?;
    if facts.months_left >= least as i64 {
        return Ok(());
    }
    if needed.len() == 1 {
        return h2_threshold(sc, facts, least);
    }
    // The thresholds differ only by the not-local policy (the two-term one applies to every post).
    let most = needed[needed.len() - 1].0;
    breach(
        RuleId::H2,
        Why::ServiceShortOfBoth {
            months_left: facts.months_left.max(0),
            plan_date: sc.plan_date,
            retires: facts.retirement,
            least,
            most,
            least_not_local,
        },
    )
}

/// H2 for a cadre whose retirement date is before the plan date: no day of service is left, so no
/// threshold (`min_service_months: 0` included) lets them move.
fn retired_before_the_plan(sc: &Scenario, facts: &CadreFacts) -> RuleResult {
    match facts.retirement {
        Some(r) if r < sc.plan_date => breach(
            RuleId::H2,
            Why::Retired {
                plan_date: sc.plan_date,
                retires: r,
            },
        ),
        _ => Ok(()),
    }
}

pub fn h2_threshold(sc: &Scenario, facts: &CadreFacts, needed: u32) -> RuleResult {
    retired_before_the_plan(sc, facts)?;
    if facts.months_left < needed as i64 {
        return breach(
            RuleId::H2,
            Why::ServiceShort {
                months_left: facts.months_left.max(0),
                plan_date: sc.plan_date,
                retires: facts.retirement,
                needed,
            },
        );
    }
    Ok(())
}

/// H3: a health certificate no older than the rule set allows on the plan date.
pub fn h3_health_certificate(sc: &Scenario, cadre: &Cadre) -> RuleResult {
    let max = sc.rules.health_cert_max_months;
    match cadre.health_cert_date {
        None => breach(RuleId::H3, Why::NoHealthCertificate),
        Some(d) => match d.checked_add_months(Months::new(max)) {
            Some(valid_to) if valid_to >= sc.plan_date => Ok(()),
            valid_to => breach(
                RuleId::H3,
                Why::HealthCertificateOld {
                    issued: d,
                    max_months: max,
                    plan_date: sc.plan_date,
                    valid_to,
                },
            ),
        },
    }
}

/// H4: a cadre still inside a running rotation is not moved again.
pub fn h4_rotation_finished(sc: &Scenario, cadre: &Cadre) -> RuleResult {
    match cadre.rotation_end {
        Some(end) if end > sc.plan_date => breach(
            RuleId::H4,
            Why::RotationRunning {
                ends: end,
                plan_date: sc.plan_date,
            },
        ),
        _ => Ok(()),
    }
}

/// H5: any direction, but never to the cadre's own current unit.
pub fn h5_not_own_unit(cadre: &Cadre, post: &Post, unit: &Unit) -> RuleResult {
    if cadre.current_unit == Some(post.unit) {
        return breach(
            RuleId::H5,
            Why::OwnUnit {
                cadre: cadre.id.clone(),
                unit: unit.id.clone(),
                unit_name: unit.name.clone(),
            },
        );
    }
    Ok(())
}

/// H6: an equivalent post; higher only for an outstanding cadre, by at most the allowed step.
pub fn h6_post_level(sc: &Scenario, cadre: &Cadre, post: &Post) -> RuleResult {
    let step = post.rank - cadre.current_rank;
    if step == 0 || (step > 0 && cadre.outstanding && step <= sc.rules.outstanding_rank_up) {
        return Ok(());
    }
    let limit = if step < 0 {
        RankLimit::Lower
    } else if cadre.outstanding {
        RankLimit::TooHigh(sc.rules.outstanding_rank_up)
    } else {
        RankLimit::NotOutstanding
    };
    breach(
        RuleId::H6,
        Why::Rank {
            post_rank: post.rank,
            current_rank: cadre.current_rank,
            limit,
        },
    )
}

/// H6 for a placement after rotation: the rank held during the rotation (`held`) or one above it,
/// the step up only onto a title the cadre is planned for (the promotion the planning prepared)
/// or for a cadre marked outstanding; never lower.
pub fn placement_level(cadre: &Cadre, post: &Post, held: i32) -> RuleResult {
    // The titles compared only when they matter (a step of one without outstanding).
    placement_level_given(cadre, post, held, || planned_for(cadre, post))
}

/// Whether the post's title is one the cadre is planned for (`text::same_key`).
pub fn planned_for(cadre: &Cadre, post: &Post) -> bool {
    cadre
        .planned_titles
        .iter()
        .any(|t| crate::domain::text::planned_is(t, &post.title))
}

/// [`placement_level`] with `planned` saying whether the post's title is one the cadre is planned
/// for (column generation answers it from `scoring::TextIds`, without comparing texts).
pub fn placement_level_given(
    cadre: &Cadre,
    post: &Post,
    held: i32,
    planned: impl FnOnce() -> bool,
) -> RuleResult {
    let step = post.rank - held;
    if step == 0 || (step == 1 && (cadre.outstanding || planned())) {
        return Ok(());
    }
    let step = if step < 0 {
        PlacementStep::Lower
    } else if step == 1 {
        PlacementStep::UpUnplanned
    } else {
        PlacementStep::TooHigh
    };
    breach(
        RuleId::H6,
        Why::PlacementLevel {
            post_rank: post.rank,
            held,
            step,
        },
    )
}

/// Why the cadre counts as local to `province` (H8), if they do.
pub fn local_reason(sc: &Scenario, cadre: &Cadre, province: &str) -> Option<LocalWhy> {
    local_reason_after(sc, cadre, province, 0.0)
}

/// [`local_reason`] with `more` years worked in `province` than cadres.csv counts (a programme's
/// rotation there, before the placement that follows it).
pub fn local_reason_after(
    sc: &Scenario,
    cadre: &Cadre,
    province: &str,
    more: f64,
) -> Option<LocalWhy> {
    let r = &sc.rules;
    let province_owned = || province.to_string();
    if r.local_by_birth && cadre.birth_province.as_deref() == Some(province) {
        return Some(LocalWhy::Born {
            province: province_owned(),
        });
    }
    if r.local_by_hometown && cadre.hometown_province.as_deref() == Some(province) {
        return Some(LocalWhy::Hometown {
            province: province_owned(),
        });
    }
    let years = worked_years(cadre, province) + more;
    if years >= r.local_min_worked_years {
        return Some(LocalWhy::Worked {
            years,
            province: province_owned(),
            from: r.local_min_worked_years,
        });
    }
    None
}

pub fn worked_years(cadre: &Cadre, province: &str) -> f64 {
    cadre
        .worked_years
        .binary_search_by(|(p, _)| p.as_str().cmp(province))
        .map_or(0.0, |i| cadre.worked_years[i].1)
}

pub fn head_terms(cadre: &Cadre, unit: crate::domain::UnitIx) -> u32 {
    cadre
        .head_terms
        .binary_search_by_key(&unit, |&(u, _)| u)
        .map_or(0, |i| cadre.head_terms[i].1)
}

/// H8: a not-local post goes to a cadre who is not local to the post's province.
/// H8 applies to a post marked not-local in a unit of a province: the not-local policy is about
/// provincial and local key posts, and a central unit has no province to be local to. H2's lower
/// threshold for moves that apply the policy follows the same test (issue 16).
pub fn h8_applies(post: &Post, unit: &Unit) -> bool {
    post.not_local && unit.province.is_some()
}

pub fn h8_not_local(sc: &Scenario, cadre: &Cadre, post: &Post, unit: &Unit) -> RuleResult {
    h8_not_local_after(sc, cadre, post, unit, 0.0)
}

/// [`h8_not_local`] with `more` years worked in the post's province ([`local_reason_after`]).
pub fn h8_not_local_after(
    sc: &Scenario,
    cadre: &Cadre,
    post: &Post,
    unit: &Unit,
    more: f64,
) -> RuleResult {
    if !h8_applies(post, unit) {
        return Ok(());
    }
    let Some(province) = unit.province.as_deref() else {
        return Ok(());
    };
    match local_reason_after(sc, cadre, province, more) {
        Some(why) => breach(
            RuleId::H8,
            Why::Local {
                post: post.id.clone(),
                title: post.title.clone(),
                cadre: cadre.id.clone(),
                why,
            },
        ),
        None => Ok(()),
    }
}

/// H9: no more than the allowed consecutive terms as head of the same unit.
pub fn h9_term_limit(sc: &Scenario, cadre: &Cadre, post: &Post, unit: &Unit) -> RuleResult {
    if !h9_applies(post) {
        return Ok(());
    }
    let terms = head_terms(cadre, post.unit);
    let max = sc.rules.max_head_terms;
    if terms >= max {
        return breach(
            RuleId::H9,
            Why::TermLimit {
                cadre: cadre.id.clone(),
                unit: unit.id.clone(),
                terms,
                max,
            },
        );
    }
    Ok(())
}

/// H9 applies to a head's post only.
pub fn h9_applies(post: &Post) -> bool {
    post.role == crate::domain::Role::Head
}

/// Whether pairwise rule `rule` can break on `post` at all, whoever the cadre: H8 only on a
/// not-local post of a province, H9 only on a head's post, H10 only on a sensitive post (the rule
/// functions pass every other post at once); the other rules may break on any post. Column
/// generation tests it once per post and skips the rules that cannot break there.
pub fn may_break(sc: &Scenario, rule: RuleId, post: &Post) -> bool {
    match rule {
        RuleId::H8 => h8_applies(post, sc.unit(post.unit)),
        RuleId::H9 => h9_applies(post),
        RuleId::H10 => {
            is_sensitive(sc, post) || (post.role.is_leader() && !sc.held_sensitive.is_empty())
        }
        _ => true,
    }
}

/// Is `post` one of H10's sensitive posts under this rule set?
pub fn is_sensitive(sc: &Scenario, post: &Post) -> bool {
    post.is_sensitive(&sc.rules)
}

/// Whether `cadre` retires (Decree 135) before the date `on`: in service on the day they retire.
/// One reading for H10's relatives and the programme's placements (`programme::retired_before`).
pub fn retired_before(sc: &Scenario, cadre: &Cadre, on: Date) -> bool {
    retirement::retirement_date(retirement::roadmap(&sc.rules, cadre), cadre.birth_date)
        .is_some_and(|r| r < on)
}

/// H10 (pairwise part): no sensitive post in a unit whose head or deputy is already a relative.
/// Relatives that the same plan places as head or deputy are side constraints of the model and a
/// plan-level check (see `check`).
pub fn h10_family(sc: &Scenario, cadre: &Cadre, post: &Post, unit: &Unit) -> RuleResult {
    if post.role.is_leader() && !sc.held_sensitive.is_empty() {
        h10_relative_holds_sensitive(sc, cadre, post, unit)?;
    }
    if !is_sensitive(sc, post) {
        return Ok(());
    }
    for &r in &cadre.relatives {
        let rel = sc.cadre(r);
        // A relative retired before the plan date leads nowhere (as a programme reads them).
        if !retired_before(sc, rel, sc.plan_date)
            && rel.current_unit == Some(post.unit)
            && rel.current_role.is_some_and(|x| x.is_leader())
        {
            return breach(
                RuleId::H10,
                Why::Family {
                    post: post.id.clone(),
                    function: post.function,
                    relative: rel.id.clone(),
                    relative_name: rel.name.clone(),
                    role: rel.current_role,
                    unit: unit.id.clone(),
                },
            );
        }
    }
    Ok(())
}

/// H10 the other way round, in a single plan: no head or deputy post of a unit where a relative
/// holds a sensitive post (posts.csv `holder_id`, still there on the plan date) — cadres.csv has
/// no function, so only the holder's post tells it.
fn h10_relative_holds_sensitive(
    sc: &Scenario,
    cadre: &Cadre,
    post: &Post,
    unit: &Unit,
) -> RuleResult {
    for &r in &cadre.relatives {
        let from = sc.held_sensitive.partition_point(|&(h, _)| h < r);
        for &(_, held) in sc.held_sensitive[from..].iter().take_while(|x| x.0 == r) {
            let held = sc.post(held);
            if held.unit == post.unit {
                let rel = sc.cadre(r);
                return breach(
                    RuleId::H10,
                    Why::FamilyHolds {
                        relative: rel.id.clone(),
                        relative_name: rel.name.clone(),
                        held: held.id.clone(),
                        function: held.function,
                        unit: unit.id.clone(),
                    },
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
