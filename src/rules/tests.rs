//! Unit tests of the pairwise hard rules H1–H10, of `RuleContext` (`check_cadre`, `check_pair`,
//! `breaches`, `check_rule`) and of candidate generation.
//!
//! Every scenario is built in code with `Builder`: four fixed units (a province-level unit and a
//! district in province P1, a province-level unit in P2, a central ministry), the built-in rule set
//! `qd65-2022`, plan date 2027-01-01. Posts and cadres get neutral defaults (a deputy post with no
//! sensitive function that is not a not-local post; a planned man born 1980-01-01 from province P9
//! with a fresh health certificate, no running rotation, no unit), and each test changes only what
//! it is about.

use super::*;
use crate::domain::{
    Cadre, Function, PairRule, Post, Role, RuleSet, Scenario, Sex, SolverSettings, Targets, Tier,
    UnitIx, Weights,
};
use crate::scoring::pair_terms;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

// ---------------------------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------------------------

/// Province-level unit of province P1.
const P1: UnitIx = 0;
/// District unit lying in province P1.
const D1: UnitIx = 1;
/// Province-level unit of province P2.
const P2: UnitIx = 2;
/// Central ministry: no province.
const CENTRAL: UnitIx = 3;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

struct Builder {
    sc: Scenario,
}

impl Builder {
    fn new() -> Self {
        let mut b = Builder {
            sc: Scenario {
                name: "rules-test".into(),
                plan_date: d("2027-01-01"),
                rules: RuleSet::qd65_2022(),
                weights: Weights::default(),
                targets: Targets::default(),
                requirements: Default::default(),
                waived: Default::default(),
                certificate_renewable: false,
                max_departures_per_unit: 10,
                extra_seats: Vec::new(),
                pins: Vec::new(),
                forbids: Vec::new(),
                solver: SolverSettings::default(),
                units: Default::default(),
                posts: Default::default(),
                cadres: Default::default(),
                baseline_previous: false,
                objective: None,
                tables: Default::default(),
                language: None,
                baseline: Vec::new(),
                held_sensitive: Vec::new(),
                programme: None,
            },
        };
        assert_eq!(b.unit("P1", Tier::Province, Some("P1")), P1);
        assert_eq!(b.unit("D1", Tier::District, Some("P1")), D1);
        assert_eq!(b.unit("P2", Tier::Province, Some("P2")), P2);
        assert_eq!(b.unit("CENTRAL", Tier::Central, None), CENTRAL);
        b
    }

    fn unit(&mut self, id: &str, tier: Tier, province: Option<&str>) -> UnitIx {
        Arc::make_mut(&mut self.sc.units).push(Unit {
            id: id.into(),
            name: format!("Unit {id}"),
            tier,
            province: province.map(str::to_string),
            region: "north".into(),
            shortage: 1,
            difficult: false,
        });
        (self.sc.units.len() - 1) as UnitIx
    }

    /// A plain post: deputy, no sensitive function, not a not-local post.
    fn post(&mut self, id: &str, unit: UnitIx, rank: i32) -> PostIx {
        self.post_with(id, unit, rank, |_| {})
    }

    fn post_with(
        &mut self,
        id: &str,
        unit: UnitIx,
        rank: i32,
        f: impl FnOnce(&mut Post),
    ) -> PostIx {
        let mut p = Post {
            id: id.into(),
            unit,
            title: "deputy_director".into(),
            rank,
            sector: "general".into(),
            role: Role::Deputy,
            not_local: false,
            function: None,
            seats: 1,
            criticality: 3,
            holder_id: None,
            vacant_from: None,
        };
        f(&mut p);
        Arc::make_mut(&mut self.sc.posts).push(p);
        (self.sc.posts.len() - 1) as PostIx
    }

    /// A cadre who passes every rule on the cadre alone: planned, a man born 1980-01-01 (retires
    /// 2042-01-31, 181 months left), certificate of 2026-12-01, no running rotation, from P9.
    fn cadre(&mut self, id: &str, rank: i32) -> CadreIx {
        self.cadre_with(id, rank, |_| {})
    }

    fn cadre_with(&mut self, id: &str, rank: i32, f: impl FnOnce(&mut Cadre)) -> CadreIx {
        let mut c = Cadre {
            id: id.into(),
            name: format!("Cadre {id}"),
            sex: Sex::M,
            birth_date: d("1980-01-01"),
            birth_province: Some("P9".into()),
            hometown_province: Some("P9".into()),
            current_unit: None,
            current_role: None,
            current_rank: rank,
            sector: "general".into(),
            planned_titles: vec!["director".into()],
            outstanding: false,
            rating: 3,
            health_cert_date: Some(d("2026-12-01")),
            rotation_end: None,
            rotation_start: None,
            worked_years: Vec::new(),
            head_terms: Vec::new(),
            relatives: Vec::new(),
            ethnic_minority: false,
        };
        f(&mut c);
        Arc::make_mut(&mut self.sc.cadres).push(c);
        (self.sc.cadres.len() - 1) as CadreIx
    }

    fn rules(&mut self, f: impl FnOnce(&mut RuleSet)) {
        f(&mut self.sc.rules);
    }

    fn forbid(&mut self, cadre: CadreIx, post: PostIx) {
        self.sc.forbids.push(PairRule {
            cadre,
            post,
            reason: None,
            relaxable: true,
        });
    }

    /// Makes two cadres relatives of each other.
    fn relatives(&mut self, a: CadreIx, b: CadreIx) {
        Arc::make_mut(&mut self.sc.cadres)[a as usize]
            .relatives
            .push(b);
        Arc::make_mut(&mut self.sc.cadres)[b as usize]
            .relatives
            .push(a);
    }

    /// The validated form the loader guarantees: sorted lookup vectors, relatives without self.
    fn build(mut self) -> Scenario {
        for (i, c) in Arc::make_mut(&mut self.sc.cadres).iter_mut().enumerate() {
            c.worked_years.sort_by(|a, b| a.0.cmp(&b.0));
            c.head_terms.sort_unstable();
            c.relatives.sort_unstable();
            c.relatives.dedup();
            c.relatives.retain(|&r| r as usize != i);
        }
        self.sc
    }
}

/// The breach of `r`, asserting it is one of rule `id`; returns its detail.
#[track_caller]
fn fails(r: RuleResult, id: RuleId) -> String {
    match r {
        Ok(()) => panic!("expected a breach of {id}, got Ok"),
        Err(b) => {
            assert_eq!(b.rule, id, "wrong rule in {b}");
            b.detail.to_string()
        }
    }
}

#[track_caller]
fn contains_all(detail: &str, parts: &[&str]) {
    for p in parts {
        assert!(detail.contains(p), "{detail:?} does not contain {p:?}");
    }
}

fn h2(sc: &Scenario, c: CadreIx, p: PostIx) -> RuleResult {
    let ctx = RuleContext::new(sc);
    h2_remaining_service(sc, &ctx.facts[c as usize], sc.post(p))
}

fn h2_needed(sc: &Scenario, c: CadreIx, p: PostIx) -> u32 {
    let ctx = RuleContext::new(sc);
    h2_required_months(sc, &ctx.facts[c as usize], sc.post(p))
}

fn h5(sc: &Scenario, c: CadreIx, p: PostIx) -> RuleResult {
    h5_not_own_unit(sc.cadre(c), sc.post(p), sc.post_unit(p))
}

fn h6(sc: &Scenario, c: CadreIx, p: PostIx) -> RuleResult {
    h6_post_level(sc, sc.cadre(c), sc.post(p))
}

fn h8(sc: &Scenario, c: CadreIx, p: PostIx) -> RuleResult {
    h8_not_local(sc, sc.cadre(c), sc.post(p), sc.post_unit(p))
}

fn h9(sc: &Scenario, c: CadreIx, p: PostIx) -> RuleResult {
    h9_term_limit(sc, sc.cadre(c), sc.post(p), sc.post_unit(p))
}

fn h10(sc: &Scenario, c: CadreIx, p: PostIx) -> RuleResult {
    h10_family(sc, sc.cadre(c), sc.post(p), sc.post_unit(p))
}

// ---------------------------------------------------------------------------------------------
// H1
// ---------------------------------------------------------------------------------------------

#[test]
fn h1_cadre_with_a_planned_title_passes() {
    let mut b = Builder::new();
    let c = b.cadre("c1", 2);
    let sc = b.build();
    assert_eq!(h1_planned(sc.cadre(c)), Ok(()));
}

#[test]
fn h1_cadre_without_planned_title_fails_and_names_the_cadre() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.planned_titles.clear());
    let sc = b.build();
    let detail = fails(h1_planned(sc.cadre(c)), RuleId::H1);
    contains_all(&detail, &["c1", "not in the approved planning"]);
}

// ---------------------------------------------------------------------------------------------
// H2: retirement and remaining service
// ---------------------------------------------------------------------------------------------

#[test]
fn h2_default_cadre_has_plenty_of_service() {
    // Man born 1980-01-01: the roadmap is at its 62 y cap from 2028, reached 2042-01-01, so he
    // retires 2042-01-31; service runs to 2042-02-01: 15 y 1 m = 181 months.
    let mut b = Builder::new();
    let c = b.cadre("c1", 2);
    let p = b.post("p", P2, 2);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert_eq!(ctx.facts[c as usize].retirement, Some(d("2042-01-31")));
    assert_eq!(ctx.facts[c as usize].months_left, 181);
    assert_eq!(h2(&sc, c, p), Ok(()));
}

/// A cadre retired before the plan date has no service left whatever the threshold: with
/// `min_service_months: 0` one retired the day before (and one retired years ago, whose count is
/// negative) passed or read "0 months left, 0 needed". One retiring on the plan date still serves.
#[test]
fn h2_a_retired_cadre_fails_even_at_a_threshold_of_zero() {
    let mut b = Builder::new();
    let gone = b.cadre_with("gone", 2, |c| c.birth_date = d("1965-06-15"));
    let long_gone = b.cadre_with("long", 2, |c| c.birth_date = d("1950-03-10"));
    let last_day = b.cadre_with("last", 2, |c| c.birth_date = d("1965-07-15"));
    let p = b.post("p", P2, 2);
    let mut sc = b.build();
    sc.rules.min_service_months = 0;
    sc.rules.min_service_months_policy = 0;
    let ctx = RuleContext::new(&sc);
    assert_eq!(ctx.facts[gone as usize].retirement, Some(d("2026-12-31")));
    let detail = fails(h2(&sc, gone, p), RuleId::H2);
    contains_all(
        &detail,
        &["retired on 2026-12-31", "before the plan date 2027-01-01"],
    );
    let detail = fails(h2(&sc, long_gone, p), RuleId::H2);
    contains_all(&detail, &["retired on 2010-06-30"]);
    assert!(ctx.facts[last_day as usize].retirement >= Some(sc.plan_date));
    assert_eq!(h2(&sc, last_day, p), Ok(()));
}

#[test]
fn h2_exactly_120_months_left_passes() {
    // Man born 1974-12-10: every roadmap age he could reach before 2036 is reached after its own
    // year (e.g. 2035's 62 y falls in 2036-12), so 2036's age, 62 y (cap since 2028), applies:
    // reached 2036-12-10, retirement 2036-12-31. Service 2027-01-01 → 2037-01-01 = 120 months.
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.birth_date = d("1974-12-10"));
    let p = b.post("p", P2, 2);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert_eq!(ctx.facts[c as usize].retirement, Some(d("2036-12-31")));
    assert_eq!(ctx.facts[c as usize].months_left, 120);
    assert_eq!(h2_needed(&sc, c, p), 120);
    assert_eq!(h2(&sc, c, p), Ok(()));
}

#[test]
fn h2_119_months_left_fails() {
    // Man born 1974-11-10: 62 y reached 2036-11-10, retirement 2036-11-30. Service 2027-01-01 →
    // 2036-12-01 = 119 months, one short of 120.
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.birth_date = d("1974-11-10"));
    let p = b.post("p", P2, 2);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert_eq!(ctx.facts[c as usize].retirement, Some(d("2036-11-30")));
    assert_eq!(ctx.facts[c as usize].months_left, 119);
    fails(h2(&sc, c, p), RuleId::H2);
}

#[test]
fn h2_breach_detail_has_months_left_retirement_and_needed() {
    // Same man as above: 119 months left, retires 2036-11-30, 120 needed.
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.birth_date = d("1974-11-10"));
    let p = b.post("p", P2, 2);
    let sc = b.build();
    let detail = fails(h2(&sc, c, p), RuleId::H2);
    contains_all(
        &detail,
        &["119 months", "2027-01-01", "2036-11-30", "120 needed"],
    );
}

#[test]
fn h2_woman_with_exactly_120_months_left_passes() {
    // Woman born 1976-12-05: women's age grows 4 months a year to 60 y in 2035; 2035's 60 y falls in
    // 2036-12, 2036's 60 y is reached 2036-12-05 → retirement 2036-12-31 → 120 months.
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| {
        c.sex = Sex::F;
        c.birth_date = d("1976-12-05");
    });
    let p = b.post("p", P2, 2);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert_eq!(ctx.facts[c as usize].retirement, Some(d("2036-12-31")));
    assert_eq!(ctx.facts[c as usize].months_left, 120);
    assert_eq!(h2(&sc, c, p), Ok(()));
}

#[test]
fn h2_not_local_post_lowers_the_threshold_to_60() {
    // 119 months left (man born 1974-11-10): fails an ordinary post, passes a not-local post.
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.birth_date = d("1974-11-10"));
    let plain = b.post("plain", P2, 2);
    let nl = b.post_with("secretary", P2, 2, |p| {
        p.title = "party_secretary".into();
        p.not_local = true;
    });
    let sc = b.build();
    assert_eq!(h2_needed(&sc, c, plain), 120);
    assert_eq!(h2_needed(&sc, c, nl), 60);
    fails(h2(&sc, c, plain), RuleId::H2);
    assert_eq!(h2(&sc, c, nl), Ok(()));
}

/// Issue 16: H8 never applies to a central post (no province to be local to), so a central post
/// marked not-local keeps H2's ordinary threshold, as docs/rules.md says.
#[test]
fn h2_central_post_marked_not_local_keeps_the_threshold_at_120() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.birth_date = d("1974-11-10"));
    let central = b.post_with("vu-truong", CENTRAL, 2, |p| {
        p.title = "Vụ trưởng".into();
        p.not_local = true;
    });
    let local = b.post_with("secretary", P2, 2, |p| p.not_local = true);
    let sc = b.build();
    assert!(!h8_applies(sc.post(central), sc.post_unit(central)));
    assert!(h8_applies(sc.post(local), sc.post_unit(local)));
    assert_eq!(h2_needed(&sc, c, central), 120);
    assert_eq!(h2_needed(&sc, c, local), 60);
    let detail = fails(h2(&sc, c, central), RuleId::H2);
    contains_all(&detail, &["119 months", "120 needed"]);
    assert_eq!(h8(&sc, c, central), Ok(()));
}

#[test]
fn h2_60_month_boundary_on_a_not_local_post() {
    // Man born 1969-12-15: 62 y on 2031-12-15 → retires 2031-12-31 → 2027-01-01..2032-01-01 = 60.
    // Man born 1969-11-15: retires 2031-11-30 → 59 months.
    let mut b = Builder::new();
    let ok = b.cadre_with("ok", 2, |c| c.birth_date = d("1969-12-15"));
    let short = b.cadre_with("short", 2, |c| c.birth_date = d("1969-11-15"));
    let nl = b.post_with("chair", P2, 2, |p| p.not_local = true);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert_eq!(ctx.facts[ok as usize].retirement, Some(d("2031-12-31")));
    assert_eq!(ctx.facts[ok as usize].months_left, 60);
    assert_eq!(ctx.facts[short as usize].months_left, 59);
    assert_eq!(h2(&sc, ok, nl), Ok(()));
    let detail = fails(h2(&sc, short, nl), RuleId::H2);
    contains_all(&detail, &["59 months", "2031-11-30", "60 needed"]);
}

#[test]
fn h2_over_posts_quotes_the_least_demanding_threshold_and_says_when_they_differ() {
    // Man born 1969-06-15: retires 2031-06-30, 54 months left on 2027-01-01: short of both 60
    // (not-local) and 120 (ordinary).
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.birth_date = d("1969-06-15"));
    let plain = b.post("plain", P2, 2);
    let nl = b.post_with("chair", P2, 2, |p| p.not_local = true);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    let facts = &ctx.facts[c as usize];
    assert_eq!(facts.months_left, 54);
    // Only the not-local post matters: its threshold, not the ordinary one.
    let only_nl = fails(h2_over_posts(&sc, facts, [sc.post(nl)]), RuleId::H2);
    contains_all(&only_nl, &["54 months", "2031-06-30", "60 needed"]);
    assert!(!only_nl.contains("120"), "{only_nl}");
    // Only ordinary posts: 120, as the pair rule says.
    let only_plain = fails(h2_over_posts(&sc, facts, [sc.post(plain)]), RuleId::H2);
    assert_eq!(only_plain, fails(h2(&sc, c, plain), RuleId::H2));
    // Both: the least demanding first, and the other one named.
    let both = fails(
        h2_over_posts(&sc, facts, [sc.post(plain), sc.post(nl)]),
        RuleId::H2,
    );
    contains_all(
        &both,
        &["54 months", "60 needed for not-local posts, 120 for others"],
    );
    // A cadre who passes one of the posts passes the set; no post, no breach.
    let ok = RuleContext::new(&sc);
    let mut f = ok.facts[c as usize].clone();
    f.months_left = 70;
    assert_eq!(
        h2_over_posts(&sc, &f, [sc.post(plain), sc.post(nl)]),
        Ok(())
    );
    assert_eq!(h2_over_posts(&sc, facts, []), Ok(()));
}

#[test]
fn h2_head_terms_at_max_in_current_unit_lowers_the_threshold_to_60() {
    // 119 months left; head of P1 for 2 terms (the maximum): moving him applies the two-term
    // policy, so 60 months suffice even for an ordinary post.
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| {
        c.birth_date = d("1974-11-10");
        c.current_unit = Some(P1);
        c.current_role = Some(Role::Head);
        c.head_terms = vec![(P1, 2)];
    });
    let plain = b.post("plain", P2, 2);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert!(ctx.facts[c as usize].term_limited);
    assert_eq!(h2_needed(&sc, c, plain), 60);
    assert_eq!(h2(&sc, c, plain), Ok(()));
}

#[test]
fn h2_one_head_term_in_current_unit_keeps_the_threshold_at_120() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| {
        c.birth_date = d("1974-11-10");
        c.current_unit = Some(P1);
        c.current_role = Some(Role::Head);
        c.head_terms = vec![(P1, 1)];
    });
    let plain = b.post("plain", P2, 2);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert!(!ctx.facts[c as usize].term_limited);
    assert_eq!(h2_needed(&sc, c, plain), 120);
    fails(h2(&sc, c, plain), RuleId::H2);
}

#[test]
fn h2_max_head_terms_in_another_unit_keeps_the_threshold_at_120() {
    // Two terms as head of D1, but he now works in P1: not the two-term policy.
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| {
        c.birth_date = d("1974-11-10");
        c.current_unit = Some(P1);
        c.head_terms = vec![(D1, 2)];
    });
    let plain = b.post("plain", P2, 2);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert!(!ctx.facts[c as usize].term_limited);
    assert_eq!(h2_needed(&sc, c, plain), 120);
    fails(h2(&sc, c, plain), RuleId::H2);
}

#[test]
fn h2_no_current_unit_is_never_term_limited() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| {
        c.birth_date = d("1974-11-10");
        c.head_terms = vec![(P1, 5)];
    });
    let plain = b.post("plain", P2, 2);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert!(!ctx.facts[c as usize].term_limited);
    assert_eq!(h2_needed(&sc, c, plain), 120);
}

#[test]
fn h2_term_limit_follows_the_max_head_terms_override() {
    // With max_head_terms 3, two terms no longer make the move a two-term-policy move.
    let mut b = Builder::new();
    b.rules(|r| r.max_head_terms = 3);
    let c = b.cadre_with("c1", 2, |c| {
        c.birth_date = d("1974-11-10");
        c.current_unit = Some(P1);
        c.head_terms = vec![(P1, 2)];
    });
    let plain = b.post("plain", P2, 2);
    let sc = b.build();
    assert_eq!(h2_needed(&sc, c, plain), 120);
    fails(h2(&sc, c, plain), RuleId::H2);
}

#[test]
fn h2_thresholds_follow_rule_set_overrides() {
    // 119 months left: passes once the ordinary threshold is 100; fails a not-local post once the
    // policy threshold is 130.
    let mut b = Builder::new();
    b.rules(|r| {
        r.min_service_months = 100;
        r.min_service_months_policy = 130;
    });
    let c = b.cadre_with("c1", 2, |c| c.birth_date = d("1974-11-10"));
    let plain = b.post("plain", P2, 2);
    let nl = b.post_with("nl", P2, 2, |p| p.not_local = true);
    let sc = b.build();
    assert_eq!(h2_needed(&sc, c, plain), 100);
    assert_eq!(h2_needed(&sc, c, nl), 130);
    assert_eq!(h2(&sc, c, plain), Ok(()));
    let detail = fails(h2(&sc, c, nl), RuleId::H2);
    contains_all(&detail, &["119 months", "130 needed"]);
}

#[test]
fn h2_man_and_woman_born_the_same_day_retire_on_different_dates_at_the_cap() {
    // Born 1975-06-15.
    // Man: 62 y (cap since 2028) reached 2037-06-15 → retires 2037-06-30; service 2027-01-01 →
    //   2037-07-01 = 126 months: passes 120.
    // Woman: 2034's age 59 y 8 m (55y4m + 13×4m) falls in 2035-02, not 2034; 2035's age 60 y (cap)
    //   is reached 2035-06-15 → retires 2035-06-30; service to 2035-07-01 = 102 months: fails 120,
    //   passes the 60 of a not-local post.
    let mut b = Builder::new();
    let man = b.cadre_with("man", 2, |c| c.birth_date = d("1975-06-15"));
    let woman = b.cadre_with("woman", 2, |c| {
        c.sex = Sex::F;
        c.birth_date = d("1975-06-15");
    });
    let plain = b.post("plain", P2, 2);
    let nl = b.post_with("nl", P2, 2, |p| p.not_local = true);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert_eq!(ctx.facts[man as usize].retirement, Some(d("2037-06-30")));
    assert_eq!(ctx.facts[woman as usize].retirement, Some(d("2035-06-30")));
    assert_eq!(ctx.facts[man as usize].months_left, 126);
    assert_eq!(ctx.facts[woman as usize].months_left, 102);
    assert_eq!(h2(&sc, man, plain), Ok(()));
    let detail = fails(h2(&sc, woman, plain), RuleId::H2);
    contains_all(&detail, &["102 months", "2035-06-30", "120 needed"]);
    assert_eq!(h2(&sc, woman, nl), Ok(()));
}

#[test]
fn h2_man_and_woman_born_the_same_day_mid_roadmap() {
    // Born 1972-05-20.
    // Woman: 2029's age 58 y 0 m (55y4m + 8×4m) falls in 2030-05, not 2029; 2030's age 58 y 4 m is
    //   reached 2030-09-20 → retires 2030-09-30; service to 2030-10-01 = 45 months: fails even 60.
    // Man: 62 y reached 2034-05-20 → retires 2034-05-31; service to 2034-06-01 = 89 months.
    let mut b = Builder::new();
    let man = b.cadre_with("man", 2, |c| c.birth_date = d("1972-05-20"));
    let woman = b.cadre_with("woman", 2, |c| {
        c.sex = Sex::F;
        c.birth_date = d("1972-05-20");
    });
    let nl = b.post_with("nl", P2, 2, |p| p.not_local = true);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert_eq!(ctx.facts[woman as usize].retirement, Some(d("2030-09-30")));
    assert_eq!(ctx.facts[man as usize].retirement, Some(d("2034-05-31")));
    assert_eq!(ctx.facts[woman as usize].months_left, 45);
    assert_eq!(ctx.facts[man as usize].months_left, 89);
    assert_eq!(h2(&sc, man, nl), Ok(()));
    let detail = fails(h2(&sc, woman, nl), RuleId::H2);
    contains_all(&detail, &["45 months", "2030-09-30", "60 needed"]);
}

#[test]
fn h2_man_mid_roadmap_and_woman_already_retired() {
    // Born 1965-07-10.
    // Man: 2026's age 61 y 6 m (60y3m + 5×3m) falls in 2027-01, not 2026; 2027's age 61 y 9 m is
    //   reached 2027-04-10 → retires 2027-04-30; 4 months left.
    // Woman: retired years ago (55 y 4 m in 2020/21): said retired, whatever the threshold.
    let mut b = Builder::new();
    let man = b.cadre_with("man", 2, |c| c.birth_date = d("1965-07-10"));
    let woman = b.cadre_with("woman", 2, |c| {
        c.sex = Sex::F;
        c.birth_date = d("1965-07-10");
    });
    let nl = b.post_with("nl", P2, 2, |p| p.not_local = true);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert_eq!(ctx.facts[man as usize].retirement, Some(d("2027-04-30")));
    assert_eq!(ctx.facts[man as usize].months_left, 4);
    assert!(ctx.facts[woman as usize].retirement.unwrap() < sc.plan_date);
    assert!(ctx.facts[woman as usize].months_left < 0);
    contains_all(
        &fails(h2(&sc, man, nl), RuleId::H2),
        &["4 months", "2027-04-30"],
    );
    contains_all(
        &fails(h2(&sc, woman, nl), RuleId::H2),
        &["retired on 2020-11-30", "no service left"],
    );
}

#[test]
fn h2_woman_born_january_1966_gets_2021_age() {
    // Decree 135 appendix, first row: a woman born 01/1966 retires at 55 y 4 m, reached 2021-05.
    // Born 1966-01-10 → 2021-05-10 → retirement 2021-05-31.
    let mut b = Builder::new();
    let w = b.cadre_with("w", 2, |c| {
        c.sex = Sex::F;
        c.birth_date = d("1966-01-10");
    });
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert_eq!(ctx.facts[w as usize].retirement, Some(d("2021-05-31")));
}

// ---------------------------------------------------------------------------------------------
// H3: health certificate
// ---------------------------------------------------------------------------------------------

fn h3_for(cert: Option<&str>, max_months: Option<u32>) -> RuleResult {
    let mut b = Builder::new();
    if let Some(m) = max_months {
        b.rules(|r| r.health_cert_max_months = m);
    }
    let c = b.cadre_with("c1", 2, |c| c.health_cert_date = cert.map(d));
    let sc = b.build();
    h3_health_certificate(&sc, sc.cadre(c))
}

#[test]
fn h3_certificate_exactly_6_months_old_passes() {
    // 2026-07-01 + 6 months = 2027-01-01 = the plan date.
    assert_eq!(h3_for(Some("2026-07-01"), None), Ok(()));
}

#[test]
fn h3_certificate_one_day_older_than_6_months_fails() {
    // 2026-06-30 + 6 months = 2026-12-30 < 2027-01-01.
    let detail = fails(h3_for(Some("2026-06-30"), None), RuleId::H3);
    contains_all(
        &detail,
        &[
            "2026-06-30",
            "2027-01-01",
            "more than 6 months old",
            "valid to 2026-12-30",
        ],
    );
}

#[test]
fn h3_recent_certificate_passes() {
    assert_eq!(h3_for(Some("2026-12-31"), None), Ok(()));
    assert_eq!(h3_for(Some("2027-01-01"), None), Ok(()));
}

#[test]
fn h3_much_older_certificate_says_when_it_expired() {
    // 2025-10-01 + 6 months = 2026-04-01.
    let detail = fails(h3_for(Some("2025-10-01"), None), RuleId::H3);
    contains_all(
        &detail,
        &[
            "2025-10-01",
            "more than 6 months old",
            "valid to 2026-04-01",
        ],
    );
}

#[test]
fn h3_missing_certificate_fails() {
    let detail = fails(h3_for(None, None), RuleId::H3);
    contains_all(&detail, &["no health certificate"]);
}

#[test]
fn h3_override_to_12_months_moves_the_boundary() {
    // 10 months old: fails under 6, passes under 12.
    fails(h3_for(Some("2026-03-01"), None), RuleId::H3);
    assert_eq!(h3_for(Some("2026-03-01"), Some(12)), Ok(()));
    // Exactly 12 months passes, one day more fails.
    assert_eq!(h3_for(Some("2026-01-01"), Some(12)), Ok(()));
    let detail = fails(h3_for(Some("2025-12-31"), Some(12)), RuleId::H3);
    contains_all(
        &detail,
        &[
            "2025-12-31",
            "more than 12 months old",
            "valid to 2026-12-31",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// H4: running rotation
// ---------------------------------------------------------------------------------------------

fn h4_for(end: Option<&str>) -> RuleResult {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.rotation_end = end.map(d));
    let sc = b.build();
    h4_rotation_finished(&sc, sc.cadre(c))
}

#[test]
fn h4_rotation_ending_on_the_plan_date_passes() {
    assert_eq!(h4_for(Some("2027-01-01")), Ok(()));
}

#[test]
fn h4_rotation_ending_one_day_after_the_plan_date_fails() {
    let detail = fails(h4_for(Some("2027-01-02")), RuleId::H4);
    contains_all(&detail, &["2027-01-02", "2027-01-01"]);
}

#[test]
fn h4_no_running_rotation_passes() {
    assert_eq!(h4_for(None), Ok(()));
}

#[test]
fn h4_rotation_ended_long_ago_passes() {
    assert_eq!(h4_for(Some("2020-06-30")), Ok(()));
}

// ---------------------------------------------------------------------------------------------
// H5: own unit
// ---------------------------------------------------------------------------------------------

#[test]
fn h5_post_in_own_unit_fails() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.current_unit = Some(P1));
    let p = b.post("p", P1, 2);
    let sc = b.build();
    let detail = fails(h5(&sc, c, p), RuleId::H5);
    contains_all(&detail, &["c1", "P1", "Unit P1"]);
}

#[test]
fn h5_post_in_another_unit_passes() {
    // Including a district inside the cadre's own province: only the unit itself is excluded.
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.current_unit = Some(P1));
    let other = b.post("other", P2, 2);
    let district = b.post("district", D1, 2);
    let sc = b.build();
    assert_eq!(h5(&sc, c, other), Ok(()));
    assert_eq!(h5(&sc, c, district), Ok(()));
}

#[test]
fn h5_cadre_without_current_unit_passes() {
    let mut b = Builder::new();
    let c = b.cadre("c1", 2);
    let ps: Vec<PostIx> = [P1, D1, P2, CENTRAL]
        .iter()
        .map(|&u| b.post(&format!("p{u}"), u, 2))
        .collect();
    let sc = b.build();
    for p in ps {
        assert_eq!(h5(&sc, c, p), Ok(()));
    }
}

// ---------------------------------------------------------------------------------------------
// H6: post level
// ---------------------------------------------------------------------------------------------

fn h6_for(cadre_rank: i32, post_rank: i32, outstanding: bool, rank_up: i32) -> RuleResult {
    let mut b = Builder::new();
    b.rules(|r| r.outstanding_rank_up = rank_up);
    let c = b.cadre_with("c1", cadre_rank, |c| c.outstanding = outstanding);
    let p = b.post("p", P2, post_rank);
    let sc = b.build();
    h6(&sc, c, p)
}

#[test]
fn h6_same_rank_passes() {
    assert_eq!(h6_for(3, 3, false, 1), Ok(()));
    assert_eq!(h6_for(3, 3, true, 1), Ok(()));
}

#[test]
fn h6_lower_rank_fails_even_for_outstanding() {
    let detail = fails(h6_for(3, 2, false, 1), RuleId::H6);
    contains_all(&detail, &["post rank 2", "current rank 3", "lower rank"]);
    fails(h6_for(3, 2, true, 1), RuleId::H6);
}

#[test]
fn h6_one_rank_up_for_non_outstanding_fails() {
    let detail = fails(h6_for(3, 4, false, 1), RuleId::H6);
    contains_all(&detail, &["post rank 4", "current rank 3", "outstanding"]);
}

#[test]
fn h6_one_rank_up_for_outstanding_passes() {
    assert_eq!(h6_for(3, 4, true, 1), Ok(()));
}

#[test]
fn h6_two_ranks_up_for_outstanding_fails_with_rank_up_1() {
    let detail = fails(h6_for(3, 5, true, 1), RuleId::H6);
    contains_all(
        &detail,
        &["post rank 5", "current rank 3", "at most 1 rank(s) up"],
    );
}

#[test]
fn h6_two_ranks_up_for_outstanding_passes_with_rank_up_2() {
    assert_eq!(h6_for(3, 5, true, 2), Ok(()));
    fails(h6_for(3, 6, true, 2), RuleId::H6);
}

#[test]
fn h6_rank_up_0_forbids_any_step_up() {
    fails(h6_for(3, 4, true, 0), RuleId::H6);
    assert_eq!(h6_for(3, 3, true, 0), Ok(()));
}

// ---------------------------------------------------------------------------------------------
// H8: not-local posts
// ---------------------------------------------------------------------------------------------

/// A not-local post (party secretary) in P1's province-level unit, plus the same in D1 (in P1),
/// P2 and the central ministry, and an ordinary post in P1.
struct H8Posts {
    p1: PostIx,
    d1: PostIx,
    p2: PostIx,
    central: PostIx,
    plain_p1: PostIx,
}

fn h8_posts(b: &mut Builder) -> H8Posts {
    let nl = |u: UnitIx| {
        move |p: &mut Post| {
            p.title = "party_secretary".into();
            p.role = Role::Head;
            p.not_local = true;
            assert_eq!(p.unit, u);
        }
    };
    H8Posts {
        p1: b.post_with("sec_p1", P1, 2, nl(P1)),
        d1: b.post_with("sec_d1", D1, 2, nl(D1)),
        p2: b.post_with("sec_p2", P2, 2, nl(P2)),
        central: b.post_with("sec_central", CENTRAL, 2, nl(CENTRAL)),
        plain_p1: b.post("plain_p1", P1, 2),
    }
}

#[test]
fn h8_born_in_the_province_fails() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.birth_province = Some("P1".into()));
    let ps = h8_posts(&mut b);
    let sc = b.build();
    let detail = fails(h8(&sc, c, ps.p1), RuleId::H8);
    contains_all(&detail, &["sec_p1", "party_secretary", "c1", "born in P1"]);
    // The district lies in P1 too.
    fails(h8(&sc, c, ps.d1), RuleId::H8);
    assert_eq!(h8(&sc, c, ps.p2), Ok(()));
}

#[test]
fn h8_hometown_in_the_province_fails() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.hometown_province = Some("P1".into()));
    let ps = h8_posts(&mut b);
    let sc = b.build();
    let detail = fails(h8(&sc, c, ps.p1), RuleId::H8);
    contains_all(&detail, &["hometown in P1"]);
    assert_eq!(h8(&sc, c, ps.p2), Ok(()));
}

#[test]
fn h8_worked_exactly_20_years_in_the_province_is_local() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| {
        c.worked_years = vec![("P1".into(), 20.0), ("P2".into(), 3.0)];
    });
    let ps = h8_posts(&mut b);
    let sc = b.build();
    let detail = fails(h8(&sc, c, ps.p1), RuleId::H8);
    contains_all(&detail, &["20 years in P1"]);
    assert_eq!(h8(&sc, c, ps.p2), Ok(()));
}

#[test]
fn h8_worked_19_5_years_in_the_province_is_not_local() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.worked_years = vec![("P1".into(), 19.5)]);
    let ps = h8_posts(&mut b);
    let sc = b.build();
    assert_eq!(h8(&sc, c, ps.p1), Ok(()));
    assert_eq!(local_reason(&sc, sc.cadre(c), "P1"), None);
}

#[test]
fn h8_worked_years_are_looked_up_per_province() {
    // Several provinces, sorted by the builder (as the loader does); binary search finds each.
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| {
        c.worked_years = vec![("P3".into(), 1.0), ("P1".into(), 25.0), ("A0".into(), 2.0)];
    });
    let sc = b.build();
    let cadre = sc.cadre(c);
    assert_eq!(worked_years(cadre, "P1"), 25.0);
    assert_eq!(worked_years(cadre, "A0"), 2.0);
    assert_eq!(worked_years(cadre, "P3"), 1.0);
    assert_eq!(worked_years(cadre, "P2"), 0.0);
}

#[test]
fn h8_local_min_worked_years_override() {
    let mut b = Builder::new();
    b.rules(|r| r.local_min_worked_years = 10.0);
    let c = b.cadre_with("c1", 2, |c| c.worked_years = vec![("P1".into(), 12.0)]);
    let ps = h8_posts(&mut b);
    let sc = b.build();
    let detail = fails(h8(&sc, c, ps.p1), RuleId::H8);
    contains_all(&detail, &["12 years in P1", "local from 10"]);
}

#[test]
fn h8_local_by_birth_false_makes_birth_irrelevant() {
    let mut b = Builder::new();
    b.rules(|r| r.local_by_birth = false);
    let c = b.cadre_with("c1", 2, |c| c.birth_province = Some("P1".into()));
    let home = b.cadre_with("c2", 2, |c| c.hometown_province = Some("P1".into()));
    let ps = h8_posts(&mut b);
    let sc = b.build();
    assert_eq!(h8(&sc, c, ps.p1), Ok(()));
    assert_eq!(local_reason(&sc, sc.cadre(c), "P1"), None);
    // The hometown still counts.
    fails(h8(&sc, home, ps.p1), RuleId::H8);
}

#[test]
fn h8_local_by_hometown_false_makes_hometown_irrelevant() {
    let mut b = Builder::new();
    b.rules(|r| r.local_by_hometown = false);
    let c = b.cadre_with("c1", 2, |c| c.hometown_province = Some("P1".into()));
    let ps = h8_posts(&mut b);
    let sc = b.build();
    assert_eq!(h8(&sc, c, ps.p1), Ok(()));
}

#[test]
fn h8_central_unit_never_fails() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| {
        c.birth_province = Some("P1".into());
        c.hometown_province = Some("P2".into());
        c.worked_years = vec![("P1".into(), 30.0), ("P2".into(), 30.0)];
    });
    let ps = h8_posts(&mut b);
    let sc = b.build();
    assert_eq!(h8(&sc, c, ps.central), Ok(()));
}

#[test]
fn h8_post_not_marked_not_local_never_fails() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| {
        c.birth_province = Some("P1".into());
        c.hometown_province = Some("P1".into());
        c.worked_years = vec![("P1".into(), 30.0)];
    });
    let ps = h8_posts(&mut b);
    let sc = b.build();
    assert_eq!(h8(&sc, c, ps.plain_p1), Ok(()));
    // The flag decides, not the title: a post titled party_secretary without the flag passes too.
    let mut sc2 = sc.clone();
    Arc::make_mut(&mut sc2.posts)[ps.p1 as usize].not_local = false;
    assert_eq!(h8(&sc2, c, ps.p1), Ok(()));
}

#[test]
fn h8_local_reason_names_the_first_reason() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| {
        c.birth_province = Some("P1".into());
        c.hometown_province = Some("P1".into());
    });
    let sc = b.build();
    assert_eq!(
        local_reason(&sc, sc.cadre(c), "P1").map(|w| w.to_string()),
        Some("born in P1".to_string())
    );
    assert_eq!(local_reason(&sc, sc.cadre(c), "P2"), None);
}

#[test]
fn h8_cadre_with_unknown_provinces_is_not_local() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| {
        c.birth_province = None;
        c.hometown_province = None;
    });
    let ps = h8_posts(&mut b);
    let sc = b.build();
    assert_eq!(h8(&sc, c, ps.p1), Ok(()));
}

// ---------------------------------------------------------------------------------------------
// H9: term limit as head
// ---------------------------------------------------------------------------------------------

fn h9_scenario(terms: u32, max: Option<u32>) -> (Scenario, CadreIx, PostIx, PostIx) {
    let mut b = Builder::new();
    if let Some(m) = max {
        b.rules(|r| r.max_head_terms = m);
    }
    let c = b.cadre_with("c1", 2, |c| {
        c.current_unit = Some(P1);
        c.head_terms = vec![(P2, terms)];
    });
    let head = b.post_with("head_p2", P2, 2, |p| p.role = Role::Head);
    let deputy = b.post_with("deputy_p2", P2, 2, |p| p.role = Role::Deputy);
    (b.build(), c, head, deputy)
}

#[test]
fn h9_head_post_in_unit_headed_for_two_terms_fails() {
    let (sc, c, head, _) = h9_scenario(2, None);
    let detail = fails(h9(&sc, c, head), RuleId::H9);
    contains_all(
        &detail,
        &[
            "c1",
            "P2",
            "2 consecutive term(s)",
            "a 3rd consecutive term",
            "at most 2 are allowed",
        ],
    );
    // Not the contradictory "2 consecutive terms, at most 2 allowed".
    assert!(!detail.contains("terms, at most"), "{detail}");
}

#[test]
fn h9_head_post_in_unit_headed_for_one_term_passes() {
    let (sc, c, head, _) = h9_scenario(1, None);
    assert_eq!(h9(&sc, c, head), Ok(()));
}

#[test]
fn h9_deputy_post_passes_even_with_two_terms() {
    let (sc, c, _, deputy) = h9_scenario(2, None);
    assert_eq!(h9(&sc, c, deputy), Ok(()));
}

#[test]
fn h9_member_post_passes_even_with_two_terms() {
    let (mut sc, c, _, deputy) = h9_scenario(2, None);
    Arc::make_mut(&mut sc.posts)[deputy as usize].role = Role::Member;
    assert_eq!(h9(&sc, c, deputy), Ok(()));
}

#[test]
fn h9_terms_in_another_unit_do_not_count() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.head_terms = vec![(D1, 2), (CENTRAL, 3)]);
    let head = b.post_with("head_p2", P2, 2, |p| p.role = Role::Head);
    let sc = b.build();
    assert_eq!(h9(&sc, c, head), Ok(()));
}

#[test]
fn h9_max_head_terms_override_3() {
    let (sc, c, head, _) = h9_scenario(2, Some(3));
    assert_eq!(h9(&sc, c, head), Ok(()));
    let (sc, c, head, _) = h9_scenario(3, Some(3));
    let detail = fails(h9(&sc, c, head), RuleId::H9);
    contains_all(
        &detail,
        &[
            "3 consecutive term(s)",
            "a 4th consecutive term",
            "at most 3 are allowed",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// H10: family in sensitive posts
// ---------------------------------------------------------------------------------------------

/// A cadre (currently in P1) and a relative who holds `role` in `rel_unit`; an accounting post and
/// a plain post in P2.
struct H10 {
    sc: Scenario,
    cadre: CadreIx,
    sensitive: PostIx,
    plain: PostIx,
}

fn h10_scenario(rel_unit: UnitIx, role: Option<Role>, function: Function) -> H10 {
    h10_scenario_with(rel_unit, role, function, |_| {})
}

fn h10_scenario_with(
    rel_unit: UnitIx,
    role: Option<Role>,
    function: Function,
    rules: impl FnOnce(&mut RuleSet),
) -> H10 {
    let mut b = Builder::new();
    b.rules(rules);
    let cadre = b.cadre_with("c1", 2, |c| c.current_unit = Some(P1));
    let rel = b.cadre_with("rel", 3, |c| {
        c.current_unit = Some(rel_unit);
        c.current_role = role;
    });
    b.relatives(cadre, rel);
    let sensitive = b.post_with("acct_p2", P2, 2, |p| {
        p.role = Role::Member;
        p.function = Some(function);
    });
    let plain = b.post_with("plain_p2", P2, 2, |p| p.role = Role::Member);
    H10 {
        sc: b.build(),
        cadre,
        sensitive,
        plain,
    }
}

#[test]
fn h10_sensitive_post_where_a_relative_is_head_fails() {
    let s = h10_scenario(P2, Some(Role::Head), Function::Accounting);
    let detail = fails(h10(&s.sc, s.cadre, s.sensitive), RuleId::H10);
    contains_all(
        &detail,
        &["acct_p2", "accounting", "rel", "Cadre rel", "head", "P2"],
    );
}

#[test]
fn h10_sensitive_post_where_a_relative_is_deputy_fails() {
    let s = h10_scenario(P2, Some(Role::Deputy), Function::Accounting);
    let detail = fails(h10(&s.sc, s.cadre, s.sensitive), RuleId::H10);
    contains_all(&detail, &["deputy"]);
}

#[test]
fn h10_every_sensitive_function_is_covered() {
    for f in Function::ALL {
        let s = h10_scenario(P2, Some(Role::Head), f);
        let detail = fails(h10(&s.sc, s.cadre, s.sensitive), RuleId::H10);
        contains_all(&detail, &[f.as_str()]);
    }
}

#[test]
fn h10_relative_as_member_passes() {
    let s = h10_scenario(P2, Some(Role::Member), Function::Accounting);
    assert_eq!(h10(&s.sc, s.cadre, s.sensitive), Ok(()));
}

#[test]
fn h10_relative_without_a_role_passes() {
    let s = h10_scenario(P2, None, Function::Personnel);
    assert_eq!(h10(&s.sc, s.cadre, s.sensitive), Ok(()));
}

/// A relative who retired before the plan date (still listed as the unit's head) leads nowhere:
/// a programme read them so, a single plan kept the post closed.
#[test]
fn h10_relative_retired_before_the_plan_date_passes() {
    let mut s = h10_scenario(P2, Some(Role::Head), Function::Accounting);
    let rel = s.sc.cadres.iter().position(|c| c.id == "rel").unwrap();
    let mut cadres = (*s.sc.cadres).clone();
    cadres[rel].birth_date = chrono::NaiveDate::from_ymd_opt(1955, 1, 1).unwrap();
    s.sc.cadres = std::sync::Arc::new(cadres);
    assert_eq!(h10(&s.sc, s.cadre, s.sensitive), Ok(()));
}

#[test]
fn h10_relative_heading_another_unit_passes() {
    let s = h10_scenario(D1, Some(Role::Head), Function::Accounting);
    assert_eq!(h10(&s.sc, s.cadre, s.sensitive), Ok(()));
}

#[test]
fn h10_non_sensitive_post_passes() {
    let s = h10_scenario(P2, Some(Role::Head), Function::Accounting);
    assert_eq!(h10(&s.sc, s.cadre, s.plain), Ok(()));
    assert!(!is_sensitive(&s.sc, s.sc.post(s.plain)));
}

#[test]
fn h10_head_who_is_not_a_relative_passes() {
    let mut s = h10_scenario(P2, Some(Role::Head), Function::Treasury);
    // Break the family tie: the head of P2 is now a stranger.
    for c in Arc::make_mut(&mut s.sc.cadres).iter_mut() {
        c.relatives.clear();
    }
    assert_eq!(h10(&s.sc, s.cadre, s.sensitive), Ok(()));
}

#[test]
fn h10_family_functions_override_without_accounting() {
    let keep = |r: &mut RuleSet| r.family_functions.retain(|&f| f != Function::Accounting);
    let s = h10_scenario_with(P2, Some(Role::Head), Function::Accounting, keep);
    assert!(!is_sensitive(&s.sc, s.sc.post(s.sensitive)));
    assert_eq!(h10(&s.sc, s.cadre, s.sensitive), Ok(()));
    // Personnel is still sensitive under the same override.
    let s = h10_scenario_with(P2, Some(Role::Head), Function::Personnel, keep);
    fails(h10(&s.sc, s.cadre, s.sensitive), RuleId::H10);
}

// ---------------------------------------------------------------------------------------------
// RuleContext: check_cadre, check_pair, breaches, check_rule
// ---------------------------------------------------------------------------------------------

#[test]
fn check_cadre_passes_a_cadre_without_cadre_level_problems() {
    let mut b = Builder::new();
    let c = b.cadre("c1", 2);
    let sc = b.build();
    assert_eq!(RuleContext::new(&sc).check_cadre(c), Ok(()));
}

#[test]
fn check_cadre_reports_each_cadre_rule() {
    let mut b = Builder::new();
    let h1 = b.cadre_with("h1", 2, |c| c.planned_titles.clear());
    let h2 = b.cadre_with("h2", 2, |c| c.birth_date = d("1969-11-15")); // 59 months
    let h3 = b.cadre_with("h3", 2, |c| c.health_cert_date = None);
    let h4 = b.cadre_with("h4", 2, |c| c.rotation_end = Some(d("2028-01-01")));
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    fails(ctx.check_cadre(h1), RuleId::H1);
    contains_all(
        &fails(ctx.check_cadre(h2), RuleId::H2),
        &["59 months", "60 needed"],
    );
    fails(ctx.check_cadre(h3), RuleId::H3);
    fails(ctx.check_cadre(h4), RuleId::H4);
}

#[test]
fn check_cadre_reports_the_first_rule_in_order() {
    let mut b = Builder::new();
    let all = b.cadre_with("all", 2, |c| {
        c.planned_titles.clear();
        c.birth_date = d("1960-01-01");
        c.health_cert_date = None;
        c.rotation_end = Some(d("2030-01-01"));
    });
    let h3h4 = b.cadre_with("h3h4", 2, |c| {
        c.health_cert_date = None;
        c.rotation_end = Some(d("2030-01-01"));
    });
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    fails(ctx.check_cadre(all), RuleId::H1);
    fails(ctx.check_cadre(h3h4), RuleId::H3);
}

#[test]
fn check_cadre_uses_the_lenient_h2_threshold() {
    // 119 months left: fails H2 on an ordinary post but may still take a not-local one, so the
    // cadre-level check lets him through.
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.birth_date = d("1974-11-10"));
    let sc = b.build();
    assert_eq!(RuleContext::new(&sc).check_cadre(c), Ok(()));
    // With the policy threshold above the ordinary one, the ordinary one is the lenient one.
    let mut sc2 = sc.clone();
    sc2.rules.min_service_months = 100;
    sc2.rules.min_service_months_policy = 130;
    assert_eq!(RuleContext::new(&sc2).check_cadre(c), Ok(()));
    sc2.rules.min_service_months = 125;
    let detail = fails(RuleContext::new(&sc2).check_cadre(c), RuleId::H2);
    contains_all(&detail, &["119 months", "125 needed"]);
}

#[test]
fn check_cadre_ignores_pair_rules() {
    // Own unit, rank, not-local, term limits, family: none is a property of the cadre alone.
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| {
        c.current_unit = Some(P1);
        c.birth_province = Some("P1".into());
        c.head_terms = vec![(P1, 9)];
    });
    let sc = b.build();
    assert_eq!(RuleContext::new(&sc).check_cadre(c), Ok(()));
}

#[test]
fn check_pair_passes_a_clean_pair() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.current_unit = Some(P1));
    let p = b.post("p", P2, 2);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert_eq!(ctx.check_pair(c, p), Ok(()));
    assert!(ctx.breaches(c, p).is_empty());
}

/// A pair that breaks H3, H5, H6, H8, H9 and H10 at once (not H1, H2, H4).
fn many_breaches() -> (Scenario, CadreIx, PostIx) {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 3, |c| {
        c.current_unit = Some(P2);
        c.health_cert_date = Some(d("2025-01-01"));
        c.birth_province = Some("P2".into());
        c.head_terms = vec![(P2, 2)];
    });
    let rel = b.cadre_with("rel", 3, |c| {
        c.current_unit = Some(P2);
        c.current_role = Some(Role::Deputy);
    });
    b.relatives(c, rel);
    let p = b.post_with("bad", P2, 2, |p| {
        p.role = Role::Head;
        p.not_local = true;
        p.function = Some(Function::Personnel);
    });
    (b.build(), c, p)
}

#[test]
fn breaches_lists_every_broken_rule_in_order() {
    let (sc, c, p) = many_breaches();
    let ctx = RuleContext::new(&sc);
    let rules: Vec<RuleId> = ctx.breaches(c, p).iter().map(|b| b.rule).collect();
    assert_eq!(
        rules,
        vec![
            RuleId::H3,
            RuleId::H5,
            RuleId::H6,
            RuleId::H8,
            RuleId::H9,
            RuleId::H10
        ]
    );
}

#[test]
fn check_pair_returns_the_first_breach() {
    let (sc, c, p) = many_breaches();
    let ctx = RuleContext::new(&sc);
    let first = ctx.check_pair(c, p).unwrap_err();
    assert_eq!(first.rule, RuleId::H3);
    assert_eq!(Some(&first), ctx.breaches(c, p).first());
}

#[test]
fn breaches_detail_matches_the_rule_function() {
    let (sc, c, p) = many_breaches();
    let ctx = RuleContext::new(&sc);
    for b in ctx.breaches(c, p) {
        assert_eq!(ctx.check_rule(b.rule, c, p), Err(b.clone()));
        assert!(b.to_string().starts_with(&format!("{}: ", b.rule)));
    }
}

#[test]
fn check_rule_is_ok_for_plan_level_rules() {
    let (sc, c, p) = many_breaches();
    let ctx = RuleContext::new(&sc);
    for r in [RuleId::H7, RuleId::S1, RuleId::S2, RuleId::S3, RuleId::S4] {
        assert_eq!(ctx.check_rule(r, c, p), Ok(()));
    }
}

#[test]
fn check_pair_uses_the_pair_h2_threshold() {
    // 87 months left (man born 1972-03-10: 62 y on 2034-03-10, retires 2034-03-31, service to
    // 2034-04-01): passes check_cadre, fails an ordinary post, passes a not-local post.
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.birth_date = d("1972-03-10"));
    let plain = b.post("plain", P2, 2);
    let nl = b.post_with("nl", P2, 2, |p| p.not_local = true);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    assert_eq!(ctx.facts[c as usize].months_left, 87);
    assert_eq!(ctx.check_cadre(c), Ok(()));
    let detail = fails(ctx.check_pair(c, plain), RuleId::H2);
    contains_all(&detail, &["87 months", "120 needed"]);
    assert_eq!(ctx.check_pair(c, nl), Ok(()));
}

// ---------------------------------------------------------------------------------------------
// Candidate generation
// ---------------------------------------------------------------------------------------------

fn posts_of(cands: &Candidates, c: CadreIx) -> Vec<PostIx> {
    cands.of_cadre(c).map(|i| cands.post(i)).collect()
}

#[test]
fn candidates_only_at_the_cadres_rank_when_not_outstanding() {
    let mut b = Builder::new();
    let c = b.cadre("c1", 2);
    let r1 = b.post("r1", P2, 1);
    let r2a = b.post("r2a", P2, 2);
    let r3 = b.post("r3", P2, 3);
    let r2b = b.post("r2b", D1, 2);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    assert_eq!(posts_of(&cands, c), vec![r2a, r2b]);
    assert!(cands.find(c, r1).is_none());
    assert!(cands.find(c, r3).is_none());
    // Rank-incompatible posts are never looked at, so never counted as cut.
    assert!(cands.pairs_excluded.is_empty());
    assert_eq!(cands.forbidden, 0);
}

#[test]
fn candidates_of_outstanding_cadre_go_one_rank_up() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.outstanding = true);
    // Post indexes deliberately not in rank order.
    let r3 = b.post("r3", P2, 3);
    let r4 = b.post("r4", P2, 4);
    let r2 = b.post("r2", P2, 2);
    let r1 = b.post("r1", P2, 1);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    // The ranks are visited 2 then 3, but the candidates come in post order.
    assert_eq!(posts_of(&cands, c), vec![r3, r2]);
    assert!(r3 < r2);
    assert!(cands.find(c, r4).is_none());
    assert!(cands.find(c, r1).is_none());
}

#[test]
fn candidates_of_outstanding_cadre_go_two_ranks_up_with_rank_up_2() {
    let mut b = Builder::new();
    b.rules(|r| r.outstanding_rank_up = 2);
    let c = b.cadre_with("c1", 2, |c| c.outstanding = true);
    let plain = b.cadre("plain", 2);
    let r2 = b.post("r2", P2, 2);
    let r3 = b.post("r3", P2, 3);
    let r4 = b.post("r4", P2, 4);
    let r5 = b.post("r5", P2, 5);
    let sc = b.build();
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    assert_eq!(posts_of(&cands, c), vec![r2, r3, r4]);
    assert!(cands.find(c, r5).is_none());
    assert_eq!(posts_of(&cands, plain), vec![r2]);
}

#[test]
fn candidates_with_negative_rank_up_stay_at_the_cadres_rank() {
    let mut b = Builder::new();
    b.rules(|r| r.outstanding_rank_up = -1);
    let c = b.cadre_with("c1", 2, |c| c.outstanding = true);
    let r2 = b.post("r2", P2, 2);
    b.post("r3", P2, 3);
    let sc = b.build();
    let cands = candidates::generate(&RuleContext::new(&sc));
    assert_eq!(posts_of(&cands, c), vec![r2]);
}

#[test]
fn candidates_remove_and_count_forbidden_pairs() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| c.current_unit = Some(P1));
    let other = b.cadre("c2", 2);
    let own = b.post("own", P1, 2);
    let a = b.post("a", P2, 2);
    let x = b.post("x", D1, 2);
    let high = b.post("high", P2, 3);
    b.forbid(c, a); // eligible: removed and counted as forbidden
    b.forbid(c, own); // cut by H5 first: counted under H5, not as forbidden
    b.forbid(c, high); // rank-incompatible: never looked at
    let sc = b.build();
    let cands = candidates::generate(&RuleContext::new(&sc));
    assert_eq!(posts_of(&cands, c), vec![x]);
    assert_eq!(cands.forbidden, 1);
    assert_eq!(cands.pairs_excluded.get(&RuleId::H5), Some(&1));
    assert_eq!(cands.pairs_excluded.len(), 1);
    // The forbid is for c1 only.
    assert_eq!(posts_of(&cands, other), vec![own, a, x]);
}

#[test]
fn candidates_count_excluded_cadres_per_rule() {
    let mut b = Builder::new();
    b.cadre_with("h1a", 2, |c| c.planned_titles.clear());
    b.cadre_with("h1b", 2, |c| {
        c.planned_titles.clear();
        c.health_cert_date = None; // H1 is reported first
    });
    b.cadre_with("h2", 2, |c| c.birth_date = d("1969-11-15")); // 59 months left
    b.cadre_with("h3", 2, |c| c.health_cert_date = Some(d("2026-06-30")));
    b.cadre_with("h4", 2, |c| c.rotation_end = Some(d("2027-01-02")));
    let ok = b.cadre("ok", 2);
    let p = b.post("p", P2, 2);
    let sc = b.build();
    let cands = candidates::generate(&RuleContext::new(&sc));
    let expected: BTreeMap<RuleId, usize> = [
        (RuleId::H1, 2),
        (RuleId::H2, 1),
        (RuleId::H3, 1),
        (RuleId::H4, 1),
    ]
    .into_iter()
    .collect();
    assert_eq!(cands.cadres_excluded, expected);
    assert!(cands.pairs_excluded.is_empty());
    assert_eq!(cands.len(), 1);
    assert_eq!(cands.cadre(0), ok);
    assert_eq!(cands.post(0), p);
    for c in 0..5 {
        assert!(cands.of_cadre(c).is_empty());
    }
}

#[test]
fn candidates_count_pairs_cut_by_the_first_pair_rule() {
    let mut b = Builder::new();
    // 87 months left: passes check_cadre (60), fails H2 on ordinary posts (120).
    let c = b.cadre_with("c1", 2, |c| {
        c.birth_date = d("1972-03-10");
        c.current_unit = Some(P1);
        c.birth_province = Some("P2".into());
    });
    b.post("own", P1, 2); // H2 (ordinary post) before H5
    b.post("plain", P2, 2); // H2
    let nl_local = b.post_with("nl_p2", P2, 2, |p| p.not_local = true); // H8 (born in P2)
    let nl_ok = b.post_with("nl_d1", D1, 2, |p| p.not_local = true); // candidate
    let sc = b.build();
    let cands = candidates::generate(&RuleContext::new(&sc));
    assert_eq!(posts_of(&cands, c), vec![nl_ok]);
    assert!(cands.find(c, nl_local).is_none());
    let expected: BTreeMap<RuleId, usize> =
        [(RuleId::H2, 2), (RuleId::H8, 1)].into_iter().collect();
    assert_eq!(cands.pairs_excluded, expected);
    assert!(cands.cadres_excluded.is_empty());
}

#[test]
fn candidate_terms_and_score_come_from_scoring() {
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| {
        c.current_unit = Some(CENTRAL);
        c.planned_titles = vec!["deputy_director".into()];
    });
    let p = b.post_with("p", D1, 2, |p| {
        p.criticality = 5;
        p.sector = "finance".into();
    });
    let sc = b.build();
    let cands = candidates::generate(&RuleContext::new(&sc));
    let i = cands.find(c, p).expect("a candidate");
    let cand = cands.get(i);
    let terms = pair_terms(&sc, c, p);
    assert_eq!(cand.terms(&sc), terms);
    assert_eq!(cands.terms(&sc, i), terms);
    assert_eq!(cand.score, terms.weighted(&sc.weights));
}

#[test]
fn candidate_facts_compare_texts_by_key() {
    // Case, spacing and NFD aside the same sector and title; a sector's diacritics still count here
    // (the loader unifies spellings), a title is another title when its words differ.
    let mut b = Builder::new();
    let c = b.cadre_with("c1", 2, |c| {
        c.current_unit = Some(CENTRAL);
        c.sector = "Tài chính".into();
        c.planned_titles = vec!["bí thư".into(), "Phó  giám đốc".into()];
    });
    let same = b.post_with("same", D1, 2, |p| {
        p.sector = "TA\u{300}I  CHI\u{301}NH".into();
        p.title = "Bí Thư".into();
    });
    let other = b.post_with("other", D1, 2, |p| {
        p.sector = "Tai chinh".into();
        p.title = "Bí thư Chi bộ".into();
    });
    let sc = b.build();
    let cands = candidates::generate(&RuleContext::new(&sc));
    let f = |p| cands.get(cands.find(c, p).expect("a candidate")).facts;
    assert!(f(same).same_sector() && f(same).planned_title());
    assert!(!f(other).same_sector() && !f(other).planned_title());
    for p in [same, other] {
        assert_eq!(f(p), crate::scoring::PairFacts::of(&sc, c, p));
        assert_eq!(
            cands.terms(&sc, cands.find(c, p).unwrap()),
            pair_terms(&sc, c, p)
        );
    }
}

#[test]
fn candidates_of_an_empty_scenario() {
    let sc = Builder::new().build();
    let cands = candidates::generate(&RuleContext::new(&sc));
    assert!(cands.is_empty());
    assert_eq!(cands.by_cadre, vec![0]);
    assert_eq!(cands.posts_len(), 0);
}

#[test]
fn candidates_with_cadres_but_no_posts() {
    let mut b = Builder::new();
    b.cadre("a", 1);
    b.cadre("b", 2);
    let sc = b.build();
    let cands = candidates::generate(&RuleContext::new(&sc));
    assert!(cands.is_empty());
    assert_eq!(cands.by_cadre, vec![0, 0, 0]);
    assert_eq!(cands.find(1, 0), None);
}

/// A scenario of a few dozen cadres and posts with every rule in play, from a fixed seed.
fn random_scenario(seed: u64) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut b = Builder::new();
    let u4 = b.unit("P3", Tier::Province, Some("P3"));
    let u5 = b.unit("C3", Tier::Commune, Some("P3"));
    let units = [P1, D1, P2, CENTRAL, u4, u5];
    let provinces = ["P1", "P2", "P3", "P9"];
    let functions = [
        None,
        None,
        Some(Function::Personnel),
        Some(Function::Accounting),
        Some(Function::Treasury),
        Some(Function::Storekeeper),
    ];
    let roles = [Role::Head, Role::Deputy, Role::Member];
    for i in 0..30 {
        let unit = units[rng.gen_range(0..units.len())];
        let rank = rng.gen_range(1..=5);
        let role = roles[rng.gen_range(0..3)];
        let not_local = rng.gen_bool(0.3);
        let function = functions[rng.gen_range(0..functions.len())];
        b.post_with(&format!("p{i:02}"), unit, rank, |p| {
            p.role = role;
            p.not_local = not_local;
            p.function = function;
            p.criticality = rng.gen_range(1..=5);
        });
    }
    for i in 0..60 {
        let rank = rng.gen_range(1..=5);
        let sex = if rng.gen_bool(0.4) { Sex::F } else { Sex::M };
        let year = rng.gen_range(1962..=1990);
        let month = rng.gen_range(1..=12);
        let day = rng.gen_range(1..=28);
        let birth = Date::from_ymd_opt(year, month, day).unwrap();
        let current_unit = if rng.gen_bool(0.9) {
            Some(units[rng.gen_range(0..units.len())])
        } else {
            None
        };
        let current_role = current_unit.map(|_| roles[rng.gen_range(0..3)]);
        let planned = rng.gen_bool(0.9);
        let outstanding = rng.gen_bool(0.3);
        let cert = match rng.gen_range(0..10) {
            0 => None,
            1 => Some(d("2026-03-15")),
            _ => Some(d("2026-11-01")),
        };
        let rotation_end = match rng.gen_range(0..10) {
            0 => Some(d("2028-06-30")),
            1 => Some(d("2025-06-30")),
            _ => None,
        };
        let birth_province = provinces[rng.gen_range(0..provinces.len())];
        let hometown = provinces[rng.gen_range(0..provinces.len())];
        let mut worked = Vec::new();
        if rng.gen_bool(0.3) {
            worked.push((
                provinces[rng.gen_range(0..3)].to_string(),
                rng.gen_range(0.0..30.0),
            ));
        }
        let mut head_terms = Vec::new();
        if rng.gen_bool(0.3) {
            head_terms.push((units[rng.gen_range(0..units.len())], rng.gen_range(1..=3)));
        }
        b.cadre_with(&format!("c{i:02}"), rank, |c| {
            c.sex = sex;
            c.birth_date = birth;
            c.current_unit = current_unit;
            c.current_role = current_role;
            if !planned {
                c.planned_titles.clear();
            }
            c.outstanding = outstanding;
            c.health_cert_date = cert;
            c.rotation_end = rotation_end;
            c.birth_province = Some(birth_province.into());
            c.hometown_province = Some(hometown.into());
            c.worked_years = worked;
            c.head_terms = head_terms;
        });
    }
    for _ in 0..25 {
        let a = rng.gen_range(0..60);
        let c = rng.gen_range(0..60);
        if a != c {
            b.relatives(a, c);
        }
    }
    for _ in 0..40 {
        let c = rng.gen_range(0..60);
        let p = rng.gen_range(0..30);
        b.forbid(c, p);
    }
    b.build()
}

#[test]
fn random_scenario_exercises_every_rule() {
    // Guards the property tests below against a scenario where some rule never bites.
    let sc = random_scenario(7);
    let ctx = RuleContext::new(&sc);
    let mut seen = BTreeSet::new();
    for c in 0..sc.cadres.len() as CadreIx {
        for p in 0..sc.posts.len() as PostIx {
            seen.extend(ctx.breaches(c, p).into_iter().map(|b| b.rule));
        }
    }
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        RuleId::PAIRWISE.to_vec()
    );
    let cands = candidates::generate(&ctx);
    assert!(!cands.is_empty());
    assert!(cands.forbidden > 0);
}

#[test]
fn candidates_are_exactly_the_allowed_pairs_that_are_not_forbidden() {
    for seed in [1, 7, 42] {
        let sc = random_scenario(seed);
        let ctx = RuleContext::new(&sc);
        let cands = candidates::generate(&ctx);
        let forbidden: BTreeSet<(CadreIx, PostIx)> =
            sc.forbids.iter().map(|f| (f.cadre, f.post)).collect();
        for c in 0..sc.cadres.len() as CadreIx {
            for p in 0..sc.posts.len() as PostIx {
                let allowed = ctx.check_pair(c, p).is_ok() && !forbidden.contains(&(c, p));
                assert_eq!(
                    cands.find(c, p).is_some(),
                    allowed,
                    "seed {seed}, cadre {c}, post {p}: {:?}",
                    ctx.breaches(c, p)
                );
                // A cadre-level failure means no pair of that cadre is allowed.
                if ctx.check_cadre(c).is_err() {
                    assert!(ctx.check_pair(c, p).is_err());
                }
            }
        }
    }
}

#[test]
fn candidate_counts_add_up() {
    for seed in [1, 7, 42] {
        let sc = random_scenario(seed);
        let ctx = RuleContext::new(&sc);
        let cands = candidates::generate(&ctx);
        let forbids: BTreeSet<(CadreIx, PostIx)> =
            sc.forbids.iter().map(|f| (f.cadre, f.post)).collect();
        let mut cadres_excluded: BTreeMap<RuleId, usize> = BTreeMap::new();
        let mut pairs_excluded: BTreeMap<RuleId, usize> = BTreeMap::new();
        let mut forbidden = 0;
        for (ci, cadre) in sc.cadres.iter().enumerate() {
            let c = ci as CadreIx;
            if let Err(b) = ctx.check_cadre(c) {
                *cadres_excluded.entry(b.rule).or_default() += 1;
                continue;
            }
            let up = if cadre.outstanding {
                sc.rules.outstanding_rank_up.max(0)
            } else {
                0
            };
            for (pi, post) in sc.posts.iter().enumerate() {
                let p = pi as PostIx;
                if post.rank < cadre.current_rank || post.rank > cadre.current_rank + up {
                    continue;
                }
                match ctx.check_pair(c, p) {
                    Err(b) => *pairs_excluded.entry(b.rule).or_default() += 1,
                    Ok(()) if forbids.contains(&(c, p)) => forbidden += 1,
                    Ok(()) => {}
                }
            }
        }
        assert_eq!(cands.cadres_excluded, cadres_excluded, "seed {seed}");
        assert_eq!(cands.pairs_excluded, pairs_excluded, "seed {seed}");
        assert_eq!(cands.forbidden, forbidden, "seed {seed}");
        // Rank-incompatible pairs are never counted: a pair-level count never names H6.
        assert!(!cands.pairs_excluded.contains_key(&RuleId::H6));
    }
}

#[test]
fn candidate_indexes_are_consistent() {
    for seed in [1, 7, 42] {
        let sc = random_scenario(seed);
        let cands = candidates::generate(&RuleContext::new(&sc));
        // Sorted by (cadre, post), no duplicates.
        let pairs: Vec<Candidate> = cands.iter().collect();
        assert!(
            pairs
                .windows(2)
                .all(|w| (w[0].cadre, w[0].post) < (w[1].cadre, w[1].post))
        );
        // by_cadre: one boundary per cadre plus the end, non-decreasing, covering every pair.
        assert_eq!(cands.by_cadre.len(), sc.cadres.len() + 1);
        assert_eq!(cands.by_cadre[0], 0);
        assert_eq!(*cands.by_cadre.last().unwrap(), cands.len());
        assert!(cands.by_cadre.windows(2).all(|w| w[0] <= w[1]));
        for c in 0..sc.cadres.len() as CadreIx {
            for i in cands.of_cadre(c) {
                assert_eq!(cands.cadre(i), c);
            }
        }
        // by_post: each pair index exactly once, under its own post, in cadre order.
        assert_eq!(cands.posts_len(), sc.posts.len());
        let mut seen = vec![false; cands.len()];
        for p in 0..sc.posts.len() as PostIx {
            let list: Vec<usize> = cands.of_post(p).collect();
            assert_eq!(list.len(), cands.post_len(p));
            for &i in &list {
                assert_eq!(cands.post(i), p);
                assert!(!seen[i]);
                seen[i] = true;
            }
            assert!(
                list.windows(2)
                    .all(|w| cands.cadre(w[0]) < cands.cadre(w[1]))
            );
        }
        assert!(seen.into_iter().all(|s| s));
        // find: the index of the pair, for every pair; None otherwise.
        for (i, cand) in cands.iter().enumerate() {
            // Facts from the interned texts: the same as from comparing the texts.
            assert_eq!(
                cand.facts,
                crate::scoring::PairFacts::of(&sc, cand.cadre, cand.post)
            );
            assert_eq!(cands.find(cand.cadre, cand.post), Some(i));
        }
        let total_found = (0..sc.cadres.len() as CadreIx)
            .flat_map(|c| (0..sc.posts.len() as PostIx).map(move |p| (c, p)))
            .filter(|&(c, p)| cands.find(c, p).is_some())
            .count();
        assert_eq!(total_found, cands.len());
    }
}

fn generate_on_threads(sc: &Scenario, threads: usize) -> Candidates {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| candidates::generate(&RuleContext::new(sc)))
}

#[test]
fn candidates_are_deterministic_across_runs_and_thread_counts() {
    let sc = random_scenario(42);
    let one = generate_on_threads(&sc, 1);
    for threads in [1, 2, 4, 8] {
        let other = generate_on_threads(&sc, threads);
        assert_eq!(other, one, "{threads} threads");
        assert_eq!(other.by_cadre, one.by_cadre);
        assert_eq!(other.cadres_excluded, one.cadres_excluded);
        assert_eq!(other.pairs_excluded, one.pairs_excluded);
        assert_eq!(other.forbidden, one.forbidden);
    }
}

#[test]
fn check_rule_dispatches_to_the_named_functions() {
    let sc = random_scenario(1);
    let ctx = RuleContext::new(&sc);
    for c in 0..sc.cadres.len() as CadreIx {
        let cadre = sc.cadre(c);
        let facts = &ctx.facts[c as usize];
        for p in 0..sc.posts.len() as PostIx {
            let post = sc.post(p);
            let unit = sc.post_unit(p);
            let direct = [
                (RuleId::H1, h1_planned(cadre)),
                (RuleId::H2, h2_remaining_service(&sc, facts, post)),
                (RuleId::H3, h3_health_certificate(&sc, cadre)),
                (RuleId::H4, h4_rotation_finished(&sc, cadre)),
                (RuleId::H5, h5_not_own_unit(cadre, post, unit)),
                (RuleId::H6, h6_post_level(&sc, cadre, post)),
                (RuleId::H8, h8_not_local(&sc, cadre, post, unit)),
                (RuleId::H9, h9_term_limit(&sc, cadre, post, unit)),
                (RuleId::H10, h10_family(&sc, cadre, post, unit)),
            ];
            for (rule, expected) in direct {
                assert_eq!(ctx.check_rule(rule, c, p), expected, "{rule} {c} {p}");
            }
            let all: Vec<Breach> = ctx.breaches(c, p);
            assert_eq!(ctx.check_pair(c, p).err(), all.first().cloned());
        }
    }
}
