//! Explanations on tiny hand-made scenarios whose answers are known by hand: the structural check,
//! why a pair is excluded, the exact change of forcing or forbidding a pair (equal to the
//! difference of two independent solves), why a cadre got no post, runner-ups, unfilled reasons,
//! and the pins to drop when they cannot all hold.
//!
//! Every cadre below works in unit A, B or E and every post is in unit C or D (so H5 never bites
//! unless a test wants it), all of rank 3, sector X, planned for title T, not local, with a valid
//! health certificate. With the structure targets at 0 and the default weights, a pair of
//! criticality 3 in a unit without shortage scores 10·3 + 3·(3 + rating) − 5 = 34 + 3·rating:
//! rating 4 → 46, rating 3 → 43, rating 1 → 37.

use assert_cmd::Command;
use rotaplan::domain::{Lang, Scenario};
use rotaplan::explain::{self, Budget, Requirement};
use rotaplan::plan::{Plan, UnfilledKind};
use rotaplan::rules::{RuleContext, RuleId, candidates};
use rotaplan::solve::SolveStatus;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

const UNITS: &str = "id,name,tier,province,region,shortage,difficult
A,Unit A,province,p1,R1,0,false
B,Unit B,province,p1,R1,0,false
C,Unit C,province,p1,R1,0,false
D,Unit D,province,p1,R1,0,false
E,Unit E,province,p1,R1,0,false
";

const POSTS_HEADER: &str = "id,unit,title,rank,sector,role,not_local,function,seats,criticality\n";
const CADRES_HEADER: &str = "id,name,sex,birth_date,birth_province,hometown_province,current_unit,current_role,current_rank,sector,planned_titles,outstanding,rating,health_cert_date,rotation_end,worked_years,head_terms,relatives,ethnic_minority\n";

/// A post row: `post("P1", "C", 3, 1, 3)` = id, unit, rank, seats, criticality (member, no function).
fn post(id: &str, unit: &str, rank: i32, seats: u32, crit: u8) -> String {
    format!("{id},{unit},T,{rank},X,member,false,,{seats},{crit}\n")
}

/// A cadre row: id, current unit, rank, rating; the rest as the module documentation says.
fn cadre(id: &str, unit: &str, rank: i32, rating: u8) -> String {
    format!(
        "{id},Cán bộ {id},M,1980-01-01,p9,p9,{unit},member,{rank},X,T,false,{rating},2026-12-01,,,,,false\n"
    )
}

/// A woman's row, otherwise as [`cadre`].
fn woman(id: &str, unit: &str, rank: i32, rating: u8) -> String {
    cadre(id, unit, rank, rating).replacen(",M,", ",F,", 1)
}

/// A scenario folder with the units above, the given posts and cadres, and `extra` YAML.
struct Tiny {
    dir: tempfile::TempDir,
}

impl Tiny {
    fn new(posts: &[String], cadres: &[String], extra: &str) -> Tiny {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("units.csv"), UNITS).unwrap();
        fs::write(
            dir.path().join("posts.csv"),
            POSTS_HEADER.to_string() + &posts.concat(),
        )
        .unwrap();
        fs::write(
            dir.path().join("cadres.csv"),
            CADRES_HEADER.to_string() + &cadres.concat(),
        )
        .unwrap();
        let t = Tiny { dir };
        t.yaml("s.yaml", extra);
        t
    }

    /// Write another scenario file over the same tables.
    fn yaml(&self, name: &str, extra: &str) -> PathBuf {
        // The structure targets are 0 unless `extra` sets them.
        let targets = if extra.contains("targets:") {
            ""
        } else {
            "targets: { women: 0, young: 0, minority: 0 }\n"
        };
        let text = format!(
            "name: tiny\nplan_date: 2027-01-01\ntables: {{ units: units.csv, posts: posts.csv, cadres: cadres.csv }}\n{targets}{extra}"
        );
        let path = self.dir.path().join(name);
        fs::write(&path, text).unwrap();
        path
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("s.yaml")
    }

    fn load(&self) -> Scenario {
        load(&self.path())
    }
}

fn load(path: &Path) -> Scenario {
    rotaplan::scenario::load(path).unwrap_or_else(|e| panic!("{e}"))
}

/// The plan of a scenario; it must pass the checker.
fn plan(sc: &Scenario) -> Plan {
    let p = rotaplan::plan_scenario(sc);
    assert!(p.violations.is_empty(), "{:?}", p.violations);
    p.plan
}

fn objective(sc: &Scenario) -> f64 {
    let p = plan(sc);
    assert_eq!(p.solver.status, SolveStatus::Optimal);
    p.objective.total
}

fn ix_c(sc: &Scenario, id: &str) -> u32 {
    explain::find_cadre(sc, id).unwrap()
}

fn ix_p(sc: &Scenario, id: &str) -> u32 {
    explain::find_post(sc, id).unwrap()
}

/// Two posts, three cadres from three units: Z1 and Z2 (rating 4, 46) get them, Z3 (rating 1,
/// 37 on either post) gets none. The plan is worth 92.
fn two_posts_three_cadres(extra: &str) -> Tiny {
    Tiny::new(
        &[post("P1", "C", 3, 1, 3), post("P2", "D", 3, 1, 3)],
        &[
            cadre("Z1", "A", 3, 4),
            cadre("Z2", "B", 3, 4),
            cadre("Z3", "E", 3, 1),
        ],
        extra,
    )
}

// ---------------------------------------------------------------------------------------------
// structure

#[test]
fn structure_names_posts_without_candidates_and_must_fill_posts_that_share_too_few() {
    // M1 (2 seats) and M2 (1 seat) are must-fill and share the cadres K1 and K2: three seats, two
    // cadres, so one seat stays empty in every plan. M3 is must-fill with its own cadre K3 (rank
    // 4). Q (rank 9) has no candidate at all.
    let t = Tiny::new(
        &[
            post("M1", "C", 3, 2, 5),
            post("M2", "D", 3, 1, 5),
            post("M3", "C", 4, 1, 5),
            post("Q", "D", 9, 1, 2),
        ],
        &[
            cadre("K1", "A", 3, 4),
            cadre("K2", "B", 3, 4),
            cadre("K3", "E", 4, 4),
        ],
        "",
    );
    let sc = t.load();
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let s = explain::structural(&ctx, &cands);
    assert_eq!(s.posts_without_candidate, vec!["Q"]);
    assert_eq!(s.must_fill_seats, 4);
    assert_eq!(s.must_fill_fillable, 3);
    assert_eq!(s.must_fill_blocks.len(), 1);
    let b = &s.must_fill_blocks[0];
    assert_eq!(b.posts, vec!["M1", "M2"]);
    assert_eq!(b.cadres, vec!["K1", "K2"]);
    assert_eq!((b.seats, b.short), (3, 1));
    assert!(!s.is_clear());
    // The plan carries the same check, and indeed leaves one must-fill seat empty.
    let p = plan(&sc);
    assert_eq!(p.structure, s);
    assert_eq!(p.objective.must_fill_empty_seats, 1);
}

#[test]
fn structure_keeps_a_pinned_cadre_on_the_pin() {
    // K1 is the only candidate of must-fill M1 but is pinned to the ordinary post O: M1 cannot be
    // filled, which the matching sees because a pinned cadre only has the edge of the pin.
    let t = Tiny::new(
        &[post("M1", "C", 3, 1, 5), post("O", "D", 3, 1, 2)],
        &[cadre("K1", "A", 3, 4)],
        "pins:\n  - { cadre: K1, post: O }\n",
    );
    let sc = t.load();
    let ctx = RuleContext::new(&sc);
    let s = explain::structural(&ctx, &candidates::generate(&ctx));
    assert_eq!((s.must_fill_seats, s.must_fill_fillable), (1, 0));
    assert_eq!(s.must_fill_blocks[0].posts, vec!["M1"]);
    assert!(s.must_fill_blocks[0].cadres.is_empty());
}

// ---------------------------------------------------------------------------------------------
// one pair

#[test]
fn an_excluded_pair_lists_every_rule_with_its_numbers() {
    // X (man born 1966-06-15) retires at 62 on 2028-06-30: 18 months left, 120 needed (H2); he
    // works in unit C, the post's unit (H5), and his certificate is from 2025 (H3).
    let t = Tiny::new(
        &[post("P1", "C", 3, 1, 3)],
        &[
            "X,Cán bộ X,M,1966-06-15,p9,p9,C,member,3,X,T,false,4,2025-01-01,,,,,false\n"
                .to_string(),
        ],
        "forbids:\n  - { cadre: X, post: P1, reason: hồ sơ }\n",
    );
    let sc = t.load();
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let e =
        rotaplan::report::pair_worded(explain::explain_pair(&ctx, &cands, None, 0, 0, Some(5.0)));
    assert!(!e.allowed);
    let rules: Vec<RuleId> = e.breaches.iter().map(|b| b.rule).collect();
    assert_eq!(rules, vec![RuleId::H2, RuleId::H3, RuleId::H5]);
    let d = e.breaches[0].detail.to_string();
    assert!(
        d.contains("18 months of service left on 2027-01-01 (retires 2028-06-30)")
            && d.contains("120 needed"),
        "{d}"
    );
    assert!(e.forbidden);
    assert_eq!(e.forbid_reason.as_deref(), Some("hồ sơ"));
    assert!(e.counterfactual.is_none());
    assert!(
        e.summary.contains("not allowed") && e.summary.contains("S3"),
        "{}",
        e.summary
    );
}

#[test]
fn forcing_a_pair_changes_the_objective_by_the_difference_of_two_solves() {
    let t = two_posts_three_cadres("");
    let sc = t.load();
    let base = plan(&sc);
    assert_eq!(base.objective.total, 92.0);
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let (z3, p1) = (ix_c(&sc, "Z3"), ix_p(&sc, "P1"));
    let e = rotaplan::report::pair_worded(explain::explain_pair(
        &ctx,
        &cands,
        Some(&base),
        z3,
        p1,
        Some(10.0),
    ));
    assert!(e.allowed && !e.in_plan);
    assert_eq!(e.score, Some(37.0));
    let cf = e.counterfactual.as_ref().unwrap();
    assert!(cf.proven);
    // By hand: Z3 (37) displaces a rating-4 cadre (46): −9.
    assert_eq!(cf.delta, Some(-9.0));
    // And exactly the difference of two independent solves, with the pin written in the YAML.
    let pinned = load(&t.yaml("pinned.yaml", "pins:\n  - { cadre: Z3, post: P1 }\n"));
    let with = plan(&pinned);
    assert_eq!(cf.delta, Some(with.objective.total - base.objective.total));
    assert_eq!(cf.objective_after, Some(with.objective.total));
    // Every KPI is reported, and each change matches the second solve's KPIs.
    let kb = serde_json::to_value(&base.kpis).unwrap();
    let kw = serde_json::to_value(&with.kpis).unwrap();
    assert_eq!(cf.kpis.len(), kb.as_object().unwrap().len());
    for k in &cf.kpis {
        assert_eq!(k.before, kb[&k.name].as_f64().unwrap(), "{}", k.name);
        assert_eq!(k.after, kw[&k.name].as_f64().unwrap(), "{}", k.name);
    }
    assert!(
        cf.moves
            .iter()
            .any(|m| m.cadre_id == "Z3" && m.after.as_deref() == Some("P1"))
    );
    // One sign and one wording in every view: the objective lost, "cost if forced".
    assert_eq!(cf.cost, Some(9.0));
    assert!(
        e.summary.contains("cost if forced: 9 (exact)"),
        "{}",
        e.summary
    );
}

#[test]
fn forbidding_a_pair_in_the_plan_matches_a_forbid_in_the_yaml() {
    // Z1 alone could take P1 or P2; the plan takes one; forbidding it costs exactly what a forbid
    // in the YAML costs.
    let t = two_posts_three_cadres("");
    let sc = t.load();
    let base = plan(&sc);
    let a = &base.assignments[0];
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let e = rotaplan::report::pair_worded(explain::explain_pair(
        &ctx,
        &cands,
        Some(&base),
        a.cadre,
        a.post,
        Some(10.0),
    ));
    assert!(e.in_plan);
    let cf = e.counterfactual.as_ref().unwrap();
    let forbidden = load(&t.yaml(
        "forbid.yaml",
        &format!(
            "forbids:\n  - {{ cadre: {}, post: {} }}\n",
            a.cadre_id, a.post_id
        ),
    ));
    assert_eq!(
        cf.delta,
        Some(objective(&forbidden) - base.objective.total),
        "{cf:?}"
    );
    assert!(cf.change.to_string().starts_with("forbid"));
}

#[test]
fn forcing_a_pair_that_breaks_the_cap_says_there_would_be_no_plan() {
    // Z1 is pinned to P1; with a cap of one departure from unit A, forcing A's second cadre W
    // onto P2 as well cannot hold.
    let t = Tiny::new(
        &[post("P1", "C", 3, 1, 3), post("P2", "D", 3, 1, 3)],
        &[cadre("Z1", "A", 3, 4), cadre("W", "A", 3, 3)],
        "max_departures_per_unit: 1\npins:\n  - { cadre: Z1, post: P1 }\n",
    );
    let sc = t.load();
    let base = plan(&sc);
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let cf = explain::counterfactual(
        &ctx,
        &cands,
        &base,
        Requirement::Pin(ix_c(&sc, "W"), ix_p(&sc, "P2")),
        5.0,
    );
    assert_eq!(cf.status, SolveStatus::Infeasible);
    assert_eq!(cf.delta, None);
    assert_eq!(cf.infeasible[0].rule, RuleId::S1);
}

// ---------------------------------------------------------------------------------------------
// one cadre

#[test]
fn a_cadre_without_a_post_names_the_higher_scoring_holders() {
    let t = two_posts_three_cadres("");
    let sc = t.load();
    let base = plan(&sc);
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let e = rotaplan::report::cadre_worded(explain::explain_cadre(
        &ctx,
        &cands,
        &base,
        ix_c(&sc, "Z3"),
        &Budget::default(),
    ));
    assert_eq!(e.assigned, None);
    assert_eq!(e.options.len(), 2);
    // Each post is held, and the swap with its holder is what makes it worse (not the holder's
    // score alone).
    assert!(
        e.summary
            .contains("every candidate post went to someone else")
            && e.summary
                .contains("held by Z1 (score 46), and Z3 in Z1's place would cost 9")
            && e.summary
                .contains("held by Z2 (score 46), and Z3 in Z2's place would cost 9")
            && e.summary.contains("(sum of pair scores -9)"),
        "{}",
        e.summary
    );
    for o in &e.options {
        match o.reason.as_ref().unwrap() {
            explain::WhyNot::Taken { swap: Some(s), .. } => assert_eq!(s.cost, 9.0),
            r => panic!("{r:?}"),
        }
    }
    // The exact price of each option, from re-solves: 9 each.
    for o in &e.options {
        let f = o.forced.as_ref().unwrap();
        assert_eq!((f.cost, f.proven), (Some(9.0), true), "{o:?}");
    }
}

#[test]
fn a_cadre_held_back_by_the_departure_cap_names_who_leaves() {
    // Y1 (46) and Y2 (43) both work in A; at most one may leave A. Y1 goes, Y2 stays although P2
    // is free.
    let t = Tiny::new(
        &[post("P1", "C", 3, 1, 3), post("P2", "D", 3, 1, 3)],
        &[cadre("Y1", "A", 3, 4), cadre("Y2", "A", 3, 3)],
        "max_departures_per_unit: 1\n",
    );
    let sc = t.load();
    let base = plan(&sc);
    assert_eq!(base.objective.total, 46.0);
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let e = rotaplan::report::cadre_worded(explain::explain_cadre(
        &ctx,
        &cands,
        &base,
        ix_c(&sc, "Y2"),
        &Budget::default(),
    ));
    assert_eq!(e.assigned, None);
    assert!(
        e.summary
            .contains("already loses 1 cadre(s), the maximum (S1)")
            && e.summary.contains("Y1 →"),
        "{}",
        e.summary
    );
    // The free post is unfilled for the same reason.
    let u = base
        .unfilled
        .iter()
        .find(|u| u.kind == UnfilledKind::SideConstraint)
        .unwrap();
    assert_eq!(u.top_rule, Some(RuleId::S1));
    assert!(u.reason.to_string().contains("Y2"), "{}", u.reason);
}

#[test]
fn a_cadre_excluded_everywhere_gets_the_rule_on_the_cadre_alone() {
    // V's rotation runs to 2028 (H4).
    let t = Tiny::new(
        &[post("P1", "C", 3, 1, 3)],
        &[
            "V,Cán bộ V,M,1980-01-01,p9,p9,A,member,3,X,T,false,4,2026-12-01,2028-01-01,,,,false\n"
                .to_string(),
        ],
        "",
    );
    let sc = t.load();
    let base = plan(&sc);
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let e = rotaplan::report::cadre_worded(explain::explain_cadre(
        &ctx,
        &cands,
        &base,
        0,
        &Budget::default(),
    ));
    assert_eq!(e.cadre_rules.len(), 1);
    assert_eq!(e.cadre_rules[0].rule, RuleId::H4);
    assert!(
        e.summary.contains("cannot take any post") && e.summary.contains("2028-01-01"),
        "{}",
        e.summary
    );
}

/// A man born 1969-06-15 (retires 2031-06-30, 54 months of service left on 2027-01-01) in unit A,
/// rank 3, from another province (so not local anywhere here).
fn short_of_service(id: &str) -> String {
    format!("{id},Cán bộ {id},M,1969-06-15,p9,p9,A,member,3,X,T,false,4,2026-12-01,,,,,false\n")
}

#[test]
fn a_rule_on_the_cadre_alone_quotes_the_threshold_of_the_posts_that_matter() {
    // Issue 9, defect 3. The first post of the file (P0, rank 4) is an ordinary post: H2 needs 120
    // months there. The only post of X's rank is the not-local P1: 60 months there. X has 54, so
    // H2 excludes X everywhere, and the threshold to quote is P1's, not P0's.
    let not_local = |id: &str, unit: &str| format!("{id},{unit},T,3,X,member,true,,1,3\n");
    let t = Tiny::new(
        &[post("P0", "C", 4, 1, 3), not_local("P1", "D")],
        &[short_of_service("X")],
        "",
    );
    let sc = t.load();
    let base = plan(&sc);
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let e = rotaplan::report::cadre_worded(explain::explain_cadre(
        &ctx,
        &cands,
        &base,
        0,
        &Budget::default(),
    ));
    assert_eq!(e.rank_compatible_posts, 1);
    assert_eq!(e.cadre_rules.len(), 1, "{:?}", e.cadre_rules);
    let d = &e.cadre_rules[0].detail.to_string();
    assert!(d.contains("54 months") && d.contains("60 needed"), "{d}");
    assert!(!d.contains("120"), "{d}");
    assert!(
        e.summary.contains("cannot take any post") && e.summary.contains("60 needed"),
        "{}",
        e.summary
    );
    assert!(!e.summary.contains("120"), "{}", e.summary);
    // The pair view of P0 keeps P0's own threshold.
    let pair = rotaplan::report::pair_worded(explain::explain_pair(
        &ctx,
        &cands,
        Some(&base),
        0,
        0,
        Some(5.0),
    ));
    assert!(pair.summary.contains("120 needed"), "{}", pair.summary);
    // And the command says the same.
    let (code, out, err) = rotaplan(&[
        "explain".as_ref(),
        t.path().as_os_str(),
        "--cadre".as_ref(),
        "X".as_ref(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("60 needed") && !out.contains("120"), "{out}");

    // Two posts of X's rank, one not-local and one ordinary: the thresholds differ, and the answer
    // says so rather than quoting one post's.
    let t = Tiny::new(
        &[
            post("P0", "C", 4, 1, 3),
            not_local("P1", "D"),
            post("P2", "C", 3, 1, 3),
        ],
        &[short_of_service("X")],
        "",
    );
    let sc = t.load();
    let base = plan(&sc);
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let e = rotaplan::report::cadre_worded(explain::explain_cadre(
        &ctx,
        &cands,
        &base,
        0,
        &Budget::default(),
    ));
    let d = &e.cadre_rules[0].detail.to_string();
    assert!(
        d.contains("54 months") && d.contains("60 needed for not-local posts, 120 for others"),
        "{d}"
    );
}

// ---------------------------------------------------------------------------------------------
// runner-ups

#[test]
fn runner_ups_cost_what_two_solves_say_and_keep_to_the_budget() {
    let t = two_posts_three_cadres("");
    let sc = t.load();
    let base = plan(&sc);
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let budget = Budget {
        per_post: 2,
        max_solves: 3,
        time_limit_s: Some(10.0),
    };
    let r = explain::runner_ups(&ctx, &cands, &base, &budget);
    assert_eq!(r.solves, 3);
    assert!(
        r.note.to_string().contains("1 runner-up(s) not re-solved"),
        "{:?}",
        r.note
    );
    assert_eq!(r.posts.len(), 2);
    // Round-robin: both posts' first runner-up, then P1's second; P2's second is left out.
    let solved: Vec<Vec<bool>> = r
        .posts
        .iter()
        .map(|p| p.candidates.iter().map(|c| c.forced.is_some()).collect())
        .collect();
    assert_eq!(solved, vec![vec![true, true], vec![true, false]]);
    for p in &r.posts {
        for c in p.candidates.iter().filter(|c| c.forced.is_some()) {
            let pinned = load(&t.yaml(
                "ru.yaml",
                &format!(
                    "pins:\n  - {{ cadre: {}, post: {} }}\n",
                    c.cadre_id, p.post_id
                ),
            ));
            let want = base.objective.total - objective(&pinned);
            let f = c.forced.as_ref().unwrap();
            assert_eq!(f.cost, Some(want), "{} on {}", c.cadre_id, p.post_id);
            assert!(f.proven);
        }
    }
    // Z3 costs 9 on either post; the other rating-4 cadre costs nothing (they swap).
    let p1 = &r.posts[0];
    let costs: Vec<(String, Option<f64>)> = p1
        .candidates
        .iter()
        .map(|c| (c.cadre_id.clone(), c.forced.as_ref().and_then(|f| f.cost)))
        .collect();
    assert_eq!(costs[1], ("Z3".to_string(), Some(9.0)));
    assert_eq!(costs[0].1, Some(0.0));
    // In the plan's JSON and Markdown when asked for.
    let with = rotaplan::plan_scenario_with(&sc, &budget).plan;
    assert_eq!(with.runner_ups, r);
    let md = rotaplan::report::markdown(&with);
    assert!(md.contains("## Runner-ups") && md.contains("Z3"), "{md}");
    let json: Value = serde_json::from_str(&rotaplan::report::json(&with)).unwrap();
    assert_eq!(
        json["runner_ups"]["posts"][0]["candidates"][1]["forced"]["cost"],
        9.0
    );
}

// ---------------------------------------------------------------------------------------------
// unfilled posts

#[test]
fn no_eligible_cadre_counts_rules_among_cadres_of_a_compatible_rank() {
    // N (rank 5) has no candidate: R5a (rank 5) works in N's unit C (H5), R5b (rank 5) has an old
    // certificate (H3), and the two rank-3 cadres are the wrong rank (H6).
    let t = Tiny::new(
        &[post("N", "C", 5, 1, 3), post("P1", "D", 3, 1, 3)],
        &[
            cadre("R5a", "C", 5, 4),
            "R5b,Cán bộ R5b,M,1980-01-01,p9,p9,A,member,5,X,T,false,4,2025-01-01,,,,,false\n"
                .to_string(),
            cadre("R3a", "A", 3, 4),
            cadre("R3b", "B", 3, 4),
        ],
        "",
    );
    let sc = t.load();
    let p = plan(&sc);
    let u = p.unfilled.iter().find(|u| u.post_id == "N").unwrap();
    assert_eq!(u.kind, UnfilledKind::NoEligibleCadre);
    // Tie between H3 and H5 among the compatible cadres: the lower id, H3 (not H6, which cuts more
    // of the whole pool).
    assert_eq!(u.top_rule, Some(RuleId::H3));
    let x = u.exclusions.as_ref().unwrap();
    assert_eq!(x.rank_compatible, 2);
    assert_eq!(x.by_rule.get(&RuleId::H3), Some(&1));
    assert_eq!(x.by_rule.get(&RuleId::H5), Some(&1));
    assert_eq!(x.by_rule.get(&RuleId::H6), None);
    assert_eq!(x.all_cadres, 4);
    assert_eq!(x.by_rule_all.get(&RuleId::H6), Some(&2));
    assert!(
        u.reason
            .to_string()
            .contains("of the 2 cadre(s) of a compatible rank"),
        "{}",
        u.reason
    );
    assert!(
        u.reason.to_string().contains("all 4 cadres: H6 2"),
        "{}",
        u.reason
    );
}

#[test]
fn an_unfilled_post_names_the_eligible_cadres_placed_elsewhere() {
    // One cadre, two posts: P2 (criticality 4) is worth more than P1 (3), so P1 stays empty and
    // names where its only eligible cadre went.
    let t = Tiny::new(
        &[post("P1", "C", 3, 1, 3), post("P2", "D", 3, 1, 4)],
        &[cadre("Z1", "A", 3, 4)],
        "",
    );
    let p = plan(&t.load());
    let u = p.unfilled.iter().find(|u| u.post_id == "P1").unwrap();
    assert_eq!(u.kind, UnfilledKind::EligibleUsedElsewhere);
    assert!(
        u.reason
            .to_string()
            .contains("Z1 → P2 (score 56 there, 46 here)"),
        "{}",
        u.reason
    );
    assert_eq!(u.eligible[0].placed_on.as_deref(), Some("P2"));
}

#[test]
fn an_unfilled_post_whose_eligible_cadre_is_pinned_elsewhere_names_the_pin() {
    // Z1 would score more on P1 (criticality 4) than on P2, but the scenario pins Z1 to P2: P1's
    // reason names the pin, not a gain of the plan that the pin cost.
    let t = Tiny::new(
        &[post("P1", "C", 3, 1, 4), post("P2", "D", 3, 1, 3)],
        &[cadre("Z1", "A", 3, 4)],
        "pins:\n  - { cadre: Z1, post: P2 }\n",
    );
    let p = plan(&t.load());
    let u = p.unfilled.iter().find(|u| u.post_id == "P1").unwrap();
    assert_eq!(u.kind, UnfilledKind::EligibleUsedElsewhere);
    let why = u.reason.to_string();
    assert!(
        why.contains(
            "pinned elsewhere by the scenario: Z1 → P2 (pinned there by the scenario, S2)"
        ) && !why.contains("gain"),
        "{why}"
    );
    assert_eq!(u.eligible[0].blocked_by, Some(RuleId::S2));
    assert_eq!(
        rotaplan::report::holdback(Lang::En, &u.eligible[0].detail),
        "pinned to P2 by the scenario (S2)"
    );
}

#[test]
fn a_post_without_a_free_seat_on_the_plan_date_says_why_not_a_pin() {
    // P1's holder H stays (posts.csv holder_id) and P2 falls vacant after the plan date: neither
    // has a seat on 2027-01-01, and explain says so (it once said "held by , pinned there").
    let t = Tiny::new(&[], &[cadre("Z1", "A", 3, 4), cadre("H", "C", 9, 4)], "");
    fs::write(
        t.dir.path().join("posts.csv"),
        "id,unit,title,rank,sector,role,not_local,function,seats,criticality,holder_id,vacant_from\n\
         P1,C,T,3,X,member,false,,1,3,H,\n\
         P2,D,T,3,X,member,false,,1,3,,2027-02-01\n",
    )
    .unwrap();
    let sc = t.load();
    let base = plan(&sc);
    assert!(base.assignments.is_empty());
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let z1 = ix_c(&sc, "Z1");
    let why = |p: &str| explain::why_not(&ctx, &cands, Some(&base), z1, ix_p(&sc, p)).unwrap();
    assert_eq!(
        why("P1"),
        explain::WhyNot::NotVacant {
            holder_id: Some("H".into()),
            vacant_from: None
        }
    );
    let words = rotaplan::report::why_not_text("Z1", &why("P1"));
    assert!(
        words.contains("its holder H (posts.csv holder_id) is still there"),
        "{words}"
    );
    assert!(!words.contains("pinned"), "{words}");
    let words = rotaplan::report::why_not_text("Z1", &why("P2"));
    assert!(words.contains("falls vacant only on 2027-02-01"), "{words}");
}

#[test]
fn an_unfilled_post_names_the_relative_placed_by_the_plan() {
    // S (accounting, rank 3) and L (head, rank 4, criticality 4) are in unit C. R1 (rank 3) is
    // eligible only for S, R2 (rank 4) only for L, and they are relatives: the plan cannot have
    // both (H10). L is worth more (10·4 + 3·7 − 5 = 56 against 46), so S stays empty, blocked by
    // H10.
    let t = Tiny::new(
        &[
            "S,C,T,3,X,member,false,accounting,1,3\n".to_string(),
            "L,C,T,4,X,head,false,,1,4\n".to_string(),
        ],
        &[
            cadre("R1", "A", 3, 4),
            "R2,Cán bộ R2,M,1980-01-01,p9,p9,B,member,4,X,T,false,4,2026-12-01,,,,R1,false\n"
                .to_string(),
        ],
        "",
    );
    let p = plan(&t.load());
    assert_eq!(p.objective.total, 56.0);
    let u = p.unfilled.iter().find(|u| u.post_id == "S").unwrap();
    assert_eq!(u.kind, UnfilledKind::SideConstraint);
    assert_eq!(u.top_rule, Some(RuleId::H10));
    assert!(
        u.reason.to_string().contains("R1 (relative R2 → L)"),
        "{}",
        u.reason
    );
    assert_eq!(u.eligible[0].blocked_by, Some(RuleId::H10));
}

#[test]
fn an_unfilled_post_kept_by_a_structure_target_says_so() {
    // A women's target of 100 % with a heavy weight: moving the only (male) cadre would add 46
    // but cost 1000 of shortfall, so the post stays empty and the target is named.
    let t = Tiny::new(&[post("P1", "C", 3, 1, 3)], &[cadre("Z1", "A", 3, 4)], "");
    let path = t.yaml("women.yaml", "weights: { women_shortfall: 1000 }\n");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("women: 0,", "women: 1.0,");
    fs::write(&path, text).unwrap();
    let p = plan(&load(&path));
    assert!(p.assignments.is_empty());
    let u = &p.unfilled[0];
    assert_eq!(u.kind, UnfilledKind::SideConstraint);
    assert_eq!(u.top_rule, None);
    assert!(
        u.reason.to_string().contains("structure-target shortfall"),
        "{}",
        u.reason
    );
    assert!(
        u.reason.to_string().contains("gain 46 but cost 1000"),
        "{}",
        u.reason
    );
}

#[test]
fn an_unfilled_post_not_worth_a_move_says_so() {
    // A move costs 100 (disruption weight): no pair is worth it.
    let t = Tiny::new(
        &[post("P1", "C", 3, 1, 3)],
        &[cadre("Z1", "A", 3, 4)],
        "weights: { disruption: 100 }\n",
    );
    let p = plan(&t.load());
    assert_eq!(p.unfilled[0].kind, UnfilledKind::NotWorthAMove);
}

#[test]
fn without_a_plan_unfilled_posts_say_there_is_no_plan() {
    let t = Tiny::new(
        &[
            post("P1", "C", 3, 1, 3),
            post("P2", "D", 3, 1, 3),
            post("Q", "D", 9, 1, 3),
        ],
        &[cadre("Z1", "A", 3, 4), cadre("Z2", "A", 3, 4)],
        "max_departures_per_unit: 1\npins:\n  - { cadre: Z1, post: P1 }\n  - { cadre: Z2, post: P2 }\n",
    );
    let p = plan(&t.load());
    assert_eq!(p.solver.status, SolveStatus::Infeasible);
    for u in &p.unfilled {
        if u.post_id == "Q" {
            // Nobody could take Q in any plan: that reason still holds.
            assert_eq!(u.kind, UnfilledKind::NoEligibleCadre);
        } else {
            assert_eq!(u.kind, UnfilledKind::NoPlan, "{u:?}");
            assert!(u.reason.to_string().starts_with("no plan"), "{}", u.reason);
        }
    }
    assert!(
        !p.unfilled
            .iter()
            .any(|u| u.kind == UnfilledKind::NotWorthAMove)
    );
}

#[test]
fn an_unfilled_post_the_solver_stopped_short_of_says_so() {
    // Z1 → P1 is worth 46, but the solve "stopped" with the empty plan: the post was not filled
    // for lack of time, not for any rule, and the reason says what the move would add.
    let t = Tiny::new(&[post("P1", "C", 3, 1, 3)], &[cadre("Z1", "A", 3, 4)], "");
    let sc = t.load();
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let stopped = rotaplan::solve::SolveOutcome {
        status: SolveStatus::TimeLimit,
        backend: "test".into(),
        chosen: Vec::new(),
        objective: Some(0.0),
        bound: Some(46.0),
        gap: Some(1.0),
        build_s: 0.0,
        solve_s: 0.0,
        columns: 0,
        rows: 0,
        infeasible: Vec::new(),
        note: None,
        levels: Vec::new(),
    };
    let p = rotaplan::plan::build(&ctx, &cands, &stopped);
    // The committee's page says the plan is not proven, and how far it may be (it looked like
    // an optimal plan's).
    let page = rotaplan::report::committee_html(&sc, &p, rotaplan::domain::Lang::En);
    assert!(
        page.contains("This plan is not proven the best: time limit reached, at most 100.00 %"),
        "{page}"
    );
    let u = &p.unfilled[0];
    assert_eq!(u.kind, UnfilledKind::SolverStopped, "{u:?}");
    assert!(u.reason.to_string().contains("Z1"), "{}", u.reason);
    assert!(u.reason.to_string().contains("46"), "{}", u.reason);
    assert!(u.reason.to_string().contains("time_limit"), "{}", u.reason);
    // The same post in the optimal plan is filled.
    assert!(plan(&sc).unfilled.is_empty());
    // Stopped with no plan at all (hard requirements): `no_plan`, saying the solver stopped.
    let none = rotaplan::solve::SolveOutcome {
        status: SolveStatus::Stopped,
        objective: None,
        ..stopped
    };
    let p = rotaplan::plan::build(&ctx, &cands, &none);
    assert_eq!(p.unfilled[0].kind, UnfilledKind::NoPlan);
    assert!(
        p.unfilled[0].reason.to_string().contains("stopped"),
        "{}",
        p.unfilled[0].reason
    );
    // Nothing was proven impossible: the page's empty posts say the solver stopped (they said
    // "the requirements cannot all hold").
    let page = rotaplan::report::committee_html(&sc, &p, rotaplan::domain::Lang::En);
    assert!(
        page.contains("the solver stopped before it found"),
        "{page}"
    );
    assert!(!page.contains("cannot all hold"), "{page}");
    assert!(!page.contains("not proven the best"), "{page}");
}

// ---------------------------------------------------------------------------------------------
// hard requirements that cannot all hold (S5 must-fill, S6 targets, S2 pins)

/// Must-fill M (in C) and post P (in D), rank 5; only Z1 (rank 5) can take either, and a pin
/// sends Z1 to P. With must-fill posts hard, the pin and M cannot both hold.
fn must_fill_against_pin(must_fill_fixed: bool, pin_fixed: bool) -> Tiny {
    Tiny::new(
        &[post("M", "C", 5, 1, 5), post("P", "D", 5, 1, 3)],
        &[cadre("Z1", "A", 5, 4), cadre("Z2", "B", 3, 4)],
        &format!(
            "requirements:\n  must_fill: {{ hard: true, relaxable: {} }}\npins:\n  - {{ cadre: Z1, post: P, relaxable: {} }}\n",
            !must_fill_fixed, !pin_fixed
        ),
    )
}

fn relaxation(sc: &Scenario, verify: Option<f64>) -> explain::Relaxation {
    let ctx = RuleContext::new(sc);
    let cands = candidates::generate(&ctx);
    explain::relax_requirements(&ctx, &cands, verify).expect("the requirements cannot all hold")
}

/// The relaxation's summary in Vietnamese, asserted free of the English summary's words.
fn vi_summary(r: &explain::Relaxation) -> String {
    let vi = rotaplan::report::relaxation_summary_in(Lang::Vi, r);
    let english = [
        "the",
        "pin",
        "pins",
        "drop",
        "let",
        "must",
        "fill",
        "post",
        "stay",
        "short",
        "target",
        "give",
        "way",
        "status",
        "objective",
        "plan",
        "relax",
        "group",
        "groups",
        "hold",
        "kept",
        "women",
        "optimal",
        "seat",
        "seats",
        "then",
    ];
    let words: Vec<&str> = vi
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| english.iter().any(|e| e.eq_ignore_ascii_case(w)))
        .collect();
    // `relaxable: false` is the scenario's own key, quoted as written.
    assert!(words.is_empty(), "{words:?} in {vi}");
    vi
}

#[test]
fn a_hard_must_fill_post_gives_way_before_a_pin() {
    let t = must_fill_against_pin(false, false);
    let sc = t.load();
    let p = plan(&sc);
    assert_eq!(p.solver.status, SolveStatus::Infeasible);
    assert_eq!(p.solver.infeasible.len(), 1, "{:?}", p.solver.infeasible);
    assert_eq!(p.solver.infeasible[0].rule, RuleId::S5);
    // The checker holds S5 on any plan: the pinned pair alone leaves M empty.
    let ctx = RuleContext::new(&sc);
    let v = rotaplan::check::check(&ctx, &[(ix_c(&sc, "Z1"), ix_p(&sc, "P"))]);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!((v[0].rule, v[0].post.as_deref()), (RuleId::S5, Some("M")));
    let r = relaxation(&sc, None);
    // One group is enough; of the two, the must-fill post gives way before the committee's pin.
    assert!(r.minimum);
    assert!(r.drop.is_empty());
    let m: Vec<_> = r
        .must_fill
        .iter()
        .map(|m| (m.post_id.as_str(), m.filled, m.seats))
        .collect();
    assert_eq!(m, vec![("M", 0, 1)]);
    assert!(
        rotaplan::report::relaxation_summary(&r).contains("let must-fill post M"),
        "{}",
        rotaplan::report::relaxation_summary(&r)
    );
    assert!(
        rotaplan::report::relaxation_summary(&r).contains("(S5)"),
        "{}",
        rotaplan::report::relaxation_summary(&r)
    );
    // The plan carries the same answer.
    let carried = p.relaxation.expect("relaxation in the plan");
    assert_eq!(carried.must_fill, r.must_fill);
    // `explain` re-solves with M soft again: the same as an independent solve of the scenario
    // with must-fill posts soft (M is its only one), where the pin holds and M stays empty.
    let r = relaxation(&sc, Some(10.0));
    assert_eq!(r.status_after, Some(SolveStatus::Optimal));
    let mut soft = sc.clone();
    soft.requirements.must_fill.hard = false;
    let p = plan(&soft);
    assert!((r.objective_after.unwrap() - p.objective.total).abs() < 1e-9);
    assert!(
        rotaplan::report::relaxation_summary(&r).contains("Re-solved that way: status optimal"),
        "{}",
        rotaplan::report::relaxation_summary(&r)
    );
    let vi = vi_summary(&r);
    assert!(
        vi.starts_with("Các yêu cầu bắt buộc không thể cùng được đáp ứng. Để có phương án, cần nới lỏng một nhóm: chấp nhận để vị trí bắt buộc bố trí M")
            && vi.contains("(S5)")
            && vi.contains("bố trí được 0/1 suất")
            && vi.contains("Giải lại theo cách đó: trạng thái tối ưu"),
        "{vi}"
    );
    // The checker does not hold S5 on a waived post.
    let mut waived = sc.clone();
    waived.waived.must_fill = vec![ix_p(&sc, "M")];
    let ctx = RuleContext::new(&waived);
    assert!(rotaplan::check::check(&ctx, &[(ix_c(&sc, "Z1"), ix_p(&sc, "P"))]).is_empty());
}

#[test]
fn a_must_fill_group_marked_not_relaxable_makes_the_pin_give_way() {
    let t = must_fill_against_pin(true, false);
    let sc = t.load();
    let r = relaxation(&sc, Some(10.0));
    assert!(r.must_fill.is_empty());
    assert_eq!(dropped(&r), vec![("Z1".to_string(), "P".to_string())]);
    assert_eq!(r.fixed, 1, "the must-fill post M is the one fixed group");
    // Without the pin the plan exists, fills M and is proven optimal.
    assert_eq!(r.status_after, Some(SolveStatus::Optimal));
    let mut without = sc.clone();
    without.pins.clear();
    let p = plan(&without);
    assert!(
        p.assignments
            .iter()
            .any(|a| a.cadre_id == "Z1" && a.post_id == "M")
    );
    assert!((r.objective_after.unwrap() - p.objective.total).abs() < 1e-9);
}

#[test]
fn fixed_requirements_in_conflict_are_named_and_nothing_is_relaxed() {
    let t = must_fill_against_pin(true, true);
    let sc = t.load();
    let r = relaxation(&sc, None);
    assert!(r.drop.is_empty() && r.must_fill.is_empty() && r.targets.is_empty());
    let rules: Vec<RuleId> = r.fixed_conflicts.iter().map(|g| g.rule).collect();
    assert_eq!(rules, vec![RuleId::S2, RuleId::S5]);
    assert!(
        rotaplan::report::relaxation_summary(&r).contains("relaxable: false"),
        "{}",
        rotaplan::report::relaxation_summary(&r)
    );
    let vi = vi_summary(&r);
    assert!(
        vi.contains("nhóm yêu cầu được đánh dấu `relaxable: false`"),
        "{vi}"
    );
}

#[test]
fn must_fill_posts_that_share_one_cadre_give_way_one_by_one() {
    // Two must-fill posts, one cadre who could take either: exactly one stays short.
    let t = Tiny::new(
        &[post("M1", "C", 3, 1, 5), post("M2", "D", 3, 1, 5)],
        &[cadre("Z1", "A", 3, 4)],
        "requirements: { must_fill: { hard: true } }\n",
    );
    let sc = t.load();
    let p = plan(&sc);
    assert_eq!(p.solver.status, SolveStatus::Infeasible);
    let r = relaxation(&sc, None);
    assert!(r.minimum);
    assert_eq!(
        r.must_fill.len(),
        1,
        "{}",
        rotaplan::report::relaxation_summary(&r)
    );
    assert_eq!(r.must_fill[0].filled, 0);
    // The structural check already said so before the MIP.
    assert!(!p.structure.is_clear());
    // Soft (the default), the same scenario plans and leaves one post empty.
    let soft = Tiny::new(
        &[post("M1", "C", 3, 1, 5), post("M2", "D", 3, 1, 5)],
        &[cadre("Z1", "A", 3, 4)],
        "",
    );
    let p = plan(&soft.load());
    assert_eq!(p.solver.status, SolveStatus::Optimal);
    assert_eq!(p.kpis.must_fill_filled, 1);
}

/// Posts P1 (C), P2 (D); men Z1 (A) and Z2 (B) score 46 each, the woman W (E) 37.
fn women_target(extra: &str, w_rank: i32) -> Tiny {
    Tiny::new(
        &[post("P1", "C", 3, 1, 3), post("P2", "D", 3, 1, 3)],
        &[
            cadre("Z1", "A", 3, 4),
            cadre("Z2", "B", 3, 4),
            woman("W", "E", w_rank, 1),
        ],
        &format!("targets: {{ women: 0.5, young: 0, minority: 0 }}\n{extra}"),
    )
}

#[test]
fn a_hard_target_changes_the_plan_and_the_checker_holds_it() {
    let t = women_target("requirements: { targets: { hard: true } }\n", 3);
    let sc = t.load();
    let p = plan(&sc);
    // Half the cadres moved are women: W and one man, 46 + 37.
    assert_eq!(p.solver.status, SolveStatus::Optimal);
    assert!(
        (p.objective.total - 83.0).abs() < 1e-9,
        "{}",
        p.objective.total
    );
    assert!(p.assignments.iter().any(|a| a.cadre_id == "W"));
    assert!(p.kpis.women_share >= 0.5);
    // The two men alone would break S6, and the checker says so.
    let ctx = RuleContext::new(&sc);
    let men = [
        (ix_c(&sc, "Z1"), ix_p(&sc, "P1")),
        (ix_c(&sc, "Z2"), ix_p(&sc, "P2")),
    ];
    let v = rotaplan::check::check(&ctx, &men);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].rule, RuleId::S6);
    assert!(
        v[0].detail.to_string().contains("0 of the 2 cadres moved"),
        "{}",
        v[0].detail
    );
}

#[test]
fn a_hard_target_gives_way_before_a_pin_unless_marked_not_relaxable() {
    // W cannot move (rank 9), and a pin moves the man Z1: women 0 % of those moved.
    let pin = "pins:\n  - { cadre: Z1, post: P1 }\n";
    let t = women_target(
        &format!("requirements: {{ targets: {{ hard: true }} }}\n{pin}"),
        9,
    );
    let sc = t.load();
    let r = relaxation(&sc, Some(10.0));
    assert!(r.drop.is_empty());
    assert_eq!(r.targets.len(), 1);
    // Re-solved with the target soft again: as an independent solve with soft targets.
    let mut soft = sc.clone();
    soft.requirements.targets.hard = false;
    assert_eq!(r.status_after, Some(SolveStatus::Optimal));
    assert!((r.objective_after.unwrap() - objective(&soft)).abs() < 1e-9);
    assert_eq!(r.targets[0].target, "women");
    assert_eq!(r.targets[0].share, 0.5);
    assert!(r.targets[0].reached < 0.5);
    assert!(
        rotaplan::report::relaxation_summary(&r).contains("women target of 50 %"),
        "{}",
        rotaplan::report::relaxation_summary(&r)
    );
    let vi = vi_summary(&r);
    assert!(
        vi.contains("chấp nhận không đạt chỉ tiêu nữ 50 % (S6)"),
        "{vi}"
    );
    assert!(vi.contains("Khi đó có phương án với tỷ lệ nữ đạt "), "{vi}");
    let t = women_target(
        &format!("requirements: {{ targets: {{ hard: true, relaxable: false }} }}\n{pin}"),
        9,
    );
    let r = relaxation(&t.load(), None);
    assert!(r.targets.is_empty());
    assert_eq!(dropped(&r), vec![("Z1".to_string(), "P1".to_string())]);
}

#[test]
fn requirements_must_be_booleans_in_a_mapping() {
    let t = Tiny::new(
        &[post("P1", "C", 3, 1, 3)],
        &[cadre("Z1", "A", 3, 4)],
        "requirements:\n  must_fill: { hard: yes please }\n  targets: { hrad: true }\n",
    );
    let e = rotaplan::scenario::load(&t.path()).unwrap_err().to_string();
    assert!(e.contains("requirements.must_fill.hard"), "{e}");
    assert!(e.contains("requirements.targets.hrad"), "{e}");
    assert!(e.contains("did you mean \"hard\""), "{e}");
}

// ---------------------------------------------------------------------------------------------
// pins that cannot all hold

/// Z1, Z2 and Z4 work in A (at most one may leave); Z3 in E. Pins: Z1 → P1, Z2 → P2 (S1 with Z1),
/// Z3 → Q (rank 9: H6), Z4 → P3 (S1 with Z1 and Z2).
fn conflicting_pins(first_fixed: bool, second_fixed: bool) -> Tiny {
    let fixed = |f: bool| if f { ", relaxable: false" } else { "" };
    Tiny::new(
        &[
            post("P1", "C", 3, 1, 3),
            post("P2", "D", 3, 1, 3),
            post("P3", "D", 3, 1, 3),
            post("Q", "D", 9, 1, 3),
        ],
        &[
            cadre("Z1", "A", 3, 4),
            cadre("Z2", "A", 3, 4),
            cadre("Z3", "E", 3, 4),
            cadre("Z4", "A", 3, 4),
        ],
        &format!(
            "max_departures_per_unit: 1\npins:\n  - {{ cadre: Z1, post: P1{} }}\n  - {{ cadre: Z2, post: P2{} }}\n  - {{ cadre: Z3, post: Q }}\n  - {{ cadre: Z4, post: P3 }}\n",
            fixed(first_fixed),
            fixed(second_fixed)
        ),
    )
}

fn dropped(r: &explain::Relaxation) -> Vec<(String, String)> {
    r.drop
        .iter()
        .map(|d| (d.cadre_id.clone(), d.post_id.clone()))
        .collect()
}

#[test]
fn the_pins_to_drop_are_a_minimal_set() {
    let t = conflicting_pins(false, false);
    let sc = t.load();
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let r = explain::relax_pins(&ctx, &cands, Some(10.0)).unwrap();
    // Taken back in file order: Z1 stays; Z2 and Z4 would break S1 with it; Z3 breaks H6.
    let s = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        dropped(&r),
        vec![s("Z2", "P2"), s("Z3", "Q"), s("Z4", "P3")]
    );
    assert_eq!(r.kept, 1);
    assert_eq!(r.status_after, Some(SolveStatus::Optimal));
    // Minimal: keeping any one of them as well cannot hold; without all of them a plan exists.
    let kept: Vec<_> = sc
        .pins
        .iter()
        .filter(|p| sc.cadre(p.cadre).id == "Z1")
        .cloned()
        .collect();
    assert!(rotaplan::solve::pin_precheck(&ctx, &cands, &kept).is_empty());
    for d in &r.drop {
        let mut with = kept.clone();
        with.extend(
            sc.pins
                .iter()
                .filter(|p| sc.cadre(p.cadre).id == d.cadre_id)
                .cloned(),
        );
        assert!(!rotaplan::solve::pin_precheck(&ctx, &cands, &with).is_empty());
        assert!(!d.breaks.is_empty());
    }
    assert_eq!(r.drop[1].breaks[0].rule, RuleId::S2);
    assert!(
        rotaplan::report::relaxation_summary(&r).contains("Drop 3 pins"),
        "{}",
        rotaplan::report::relaxation_summary(&r)
    );
    let vi = vi_summary(&r);
    assert!(vi.contains("Bỏ 3 ấn định để có phương án: "), "{vi}");
    // The plan carries it.
    let p = plan(&sc);
    assert_eq!(p.relaxation.as_ref().map(dropped), Some(dropped(&r)));
}

#[test]
fn pins_marked_not_relaxable_are_never_dropped() {
    let t = conflicting_pins(false, true);
    let sc = t.load();
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let r = explain::relax_pins(&ctx, &cands, None).unwrap();
    // Z2 is fixed, so Z1 (and Z4) give way instead.
    let ids: Vec<String> = dropped(&r).into_iter().map(|(c, _)| c).collect();
    assert_eq!(ids, vec!["Z1", "Z3", "Z4"]);
    assert_eq!(r.fixed, 1);
    assert!(r.fixed_conflicts.is_empty());
    // Both fixed and in conflict: no relaxation of the others helps, and it is said.
    let t = conflicting_pins(true, true);
    let sc = t.load();
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let r = explain::relax_pins(&ctx, &cands, None).unwrap();
    assert!(r.drop.is_empty());
    assert_eq!(r.fixed_conflicts[0].rule, RuleId::S1);
    assert!(
        rotaplan::report::relaxation_summary(&r).contains("relaxable: false"),
        "{}",
        rotaplan::report::relaxation_summary(&r)
    );
    let vi = vi_summary(&r);
    assert!(
        vi.contains("được đánh dấu `relaxable: false` không thể cùng được đáp ứng (S1: "),
        "{vi}"
    );
}

#[test]
fn relaxable_must_be_a_boolean() {
    let t = two_posts_three_cadres("");
    let path = t.yaml(
        "bad.yaml",
        "pins:\n  - { cadre: Z1, post: P1, relaxable: maybe }\n",
    );
    let e = rotaplan::scenario::load(&path).unwrap_err();
    assert!(
        e.diagnostics.iter().any(|d| d.field == "pins[0].relaxable"),
        "{e}"
    );
    // And only pins have it.
    let path = t.yaml(
        "bad2.yaml",
        "forbids:\n  - { cadre: Z1, post: P1, relaxable: false }\n",
    );
    let e = rotaplan::scenario::load(&path).unwrap_err();
    assert!(e.diagnostics.iter().any(|d| d.code == "E1002"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// the command

fn rotaplan(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let o = Command::cargo_bin("rotaplan")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn explain_command_answers_in_json_and_refuses_unknown_ids() {
    let t = two_posts_three_cadres("");
    let p = t.path();
    let os = |s: &str| std::ffi::OsStr::new(s).to_owned();
    let run = |extra: &[&str]| {
        let mut args = vec![os("explain"), p.as_os_str().to_owned()];
        args.extend(extra.iter().map(|s| os(s)));
        let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        rotaplan(&refs)
    };
    let (code, out, err) = run(&["--cadre", "Z3", "--post", "P1", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["kind"], "pair");
    assert_eq!(v["counterfactual"]["delta"], -9.0);
    assert_eq!(v["counterfactual"]["proven"], true);

    let (code, out, _) = run(&["--cadre", "Z3"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("every candidate post went to someone else"),
        "{out}"
    );

    let (code, out, _) = run(&["--post", "P1", "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("## P1"), "{out}");

    let (code, out, _) = run(&["--runner-ups", "1", "--format", "json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["kind"], "plan");
    assert_eq!(v["runner_ups"]["solves"], 2);

    let (code, out, _) = run(&["--structure"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("every post has at least one candidate"),
        "{out}"
    );

    let (code, _, err) = run(&["--cadre", "Z9"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no cadre with id \"Z9\"") && err.contains("did you mean"),
        "{err}"
    );
    let (code, _, err) = run(&["--time-limit", "0"]);
    assert_eq!(code, 1, "{err}");
}

// ---------------------------------------------------------------------------------------------
// One answer per question, whichever view asks it (issue 9, defect 5)

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// `rotaplan explain SCENARIO ARGS…`: its standard output; it must succeed.
fn explain_out(scenario: &Path, args: &[&str]) -> String {
    let mut all: Vec<&std::ffi::OsStr> = vec!["explain".as_ref(), scenario.as_os_str()];
    all.extend(args.iter().map(|a| std::ffi::OsStr::new(*a)));
    let (code, out, err) = rotaplan(&all);
    assert_eq!(code, 0, "explain {args:?}: {err}");
    out
}

fn explain_json(scenario: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = explain_out(scenario, &all);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// The three views of "why not cadre X on post Y?" in JSON: the pair, X's option Y in the cadre
/// view, and X among Y's candidates in the post view (with enough runner-ups for X to be
/// re-solved). Asserts that they give the same reason and the same cost, in the same words, and
/// returns the reason.
fn same_answer_in_every_view(scenario: &Path, cadre: &str, post: &str, runner_ups: &str) -> Value {
    let pair = explain_json(scenario, &["--cadre", cadre, "--post", post]);
    let by_cadre = explain_json(scenario, &["--cadre", cadre]);
    let by_post = explain_json(scenario, &["--post", post, "--runner-ups", runner_ups]);
    let option = by_cadre["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["post_id"] == post)
        .unwrap_or_else(|| panic!("{post} is not an option of {cadre}: {by_cadre}"))
        .clone();
    let candidate = by_post["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["cadre_id"] == cadre)
        .unwrap_or_else(|| panic!("{cadre} is not a candidate of {post}: {by_post}"))
        .clone();
    let reason = pair["reason"].clone();
    assert!(reason.is_object(), "no reason in the pair view: {pair}");
    assert_eq!(option["reason"], reason, "cadre view vs pair view");
    assert_eq!(candidate["reason"], reason, "post view vs pair view");
    // The same sentence.
    let words = option["why_not"].as_str().unwrap();
    assert_eq!(candidate["why_not"].as_str(), Some(words));
    let summary = pair["summary"].as_str().unwrap();
    assert!(summary.contains(words), "{summary}\n  vs {words}");
    // The same number, with the same sign: the objective lost if the pair is forced in.
    let cost = pair["counterfactual"]["cost"].as_f64().unwrap();
    assert_eq!(pair["counterfactual"]["delta"].as_f64(), Some(0.0 - cost));
    assert_eq!(option["forced"]["cost"].as_f64(), Some(cost), "{option}");
    assert_eq!(
        candidate["counterfactual"]["cost"].as_f64(),
        Some(cost),
        "{candidate}"
    );
    let said = format!("cost if forced: {}", rotaplan::report::num(cost));
    assert!(summary.contains(&said), "{summary}");
    let post_text = explain_out(scenario, &["--post", post, "--runner-ups", runner_ups]);
    assert!(post_text.contains(&said), "{post_text}");
    assert!(post_text.contains(words), "{post_text}");
    let cadre_text = explain_out(scenario, &["--cadre", cadre]);
    assert!(cadre_text.contains(words), "{cadre_text}");
    reason
}

#[test]
fn the_province_gives_one_answer_to_why_not_c100_on_vt41() {
    // C100 is free, and their unit U13 already loses two cadres (C036 and C115): the departure
    // cap (S1), not "VT41 stays empty", nor the lower-scoring holders of their other options.
    let s = repo("scenarios/province/province.yaml");
    let reason = same_answer_in_every_view(&s, "C100", "VT41", "5");
    assert_eq!(reason["kind"], "unit_at_cap", "{reason}");
    assert_eq!(reason["unit_id"], "U13");
    let pair = explain_out(&s, &["--cadre", "C100", "--post", "VT41"]);
    assert!(
        pair.contains(
            "their unit U13 already loses 2 cadre(s), the maximum (S1): C036 → VT05, C115 → VT11"
        ),
        "{pair}"
    );
    assert!(!pair.contains("stays empty"), "{pair}");
    // `--max-solves 0` is no re-solve, for a pair too.
    let unsolved = explain_out(
        &s,
        &["--cadre", "C100", "--post", "VT41", "--max-solves", "0"],
    );
    assert!(!unsolved.contains("re-solved"), "{unsolved}");
    assert!(pair.contains("re-solved"), "{pair}");
    // The cap binds on every option of C100, whoever holds it.
    let by_cadre = explain_json(&s, &["--cadre", "C100", "--max-solves", "2"]);
    for o in by_cadre["options"].as_array().unwrap() {
        assert_eq!(o["reason"], reason, "{o}");
    }
    let text = explain_out(&s, &["--cadre", "C100", "--max-solves", "2"]);
    assert!(
        !text.contains("lower)") && !text.contains("taken by"),
        "{text}"
    );
}

#[test]
fn the_tutorial_gives_one_answer_and_one_cost_to_why_not_c13_on_vt03() {
    let s = repo("scenarios/tutorial/tutorial.yaml");
    let reason = same_answer_in_every_view(&s, "C13", "VT03", "2");
    assert_eq!(reason["kind"], "placed");
    assert_eq!(reason["post_id"], "VT01");
    // 1118 in every view, never −1118, never under a column called "objective".
    for args in [
        &["--cadre", "C13", "--post", "VT03"][..],
        &["--cadre", "C13"],
        &["--post", "VT03"],
        &[],
    ] {
        for format in ["table", "markdown"] {
            let mut a = args.to_vec();
            a.extend(["--format", format]);
            let out = explain_out(&s, &a);
            assert!(out.contains("1118"), "{args:?} {format}: {out}");
            assert!(!out.contains("-1118"), "{args:?} {format}: {out}");
            assert!(
                !out.lines()
                    .any(|l| l.split_whitespace().any(|w| w == "objective")
                        && l.contains("proven")
                        && !l.contains("objective lost")),
                "{args:?} {format}: {out}"
            );
        }
    }
    // A holder: what the plan loses without them, with the same words in the pair and post views.
    let pair = explain_json(&s, &["--cadre", "C14", "--post", "VT03"]);
    assert_eq!(pair["reason"]["kind"], "on_post");
    assert_eq!(pair["counterfactual"]["cost"], 103.0);
    let said = "cost if forbidden: 103 (exact)";
    assert!(pair["summary"].as_str().unwrap().contains(said), "{pair}");
    let post = explain_json(&s, &["--post", "VT03"]);
    assert!(post["summary"].as_str().unwrap().contains(said), "{post}");
}

#[test]
fn small_scenarios_give_one_answer_per_question_in_every_view() {
    // Every seat held by a better-scoring cadre: the swap costs the difference of the scores.
    let t = two_posts_three_cadres("");
    let r = same_answer_in_every_view(&t.path(), "Z3", "P1", "2");
    assert_eq!(r["kind"], "taken", "{r}");
    assert_eq!(r["swap"]["cost"], 9.0);

    // A LOWER-scoring holder is no reason on its own: W (37) holds P1 against Z (46) because the
    // women's target makes the swap cost 91 (pair scores +9, women shortfall +1 × 100).
    let t = Tiny::new(
        &[post("P1", "C", 3, 1, 3)],
        &[woman("W", "A", 3, 1), cadre("Z", "B", 3, 4)],
        "",
    );
    let path = t.yaml("women.yaml", "weights: { women_shortfall: 100 }\n");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("women: 0,", "women: 1.0,");
    fs::write(&path, text).unwrap();
    let r = same_answer_in_every_view(&path, "Z", "P1", "2");
    assert_eq!(r["kind"], "taken", "{r}");
    assert_eq!(r["holders"][0]["cadre_id"], "W");
    assert_eq!(r["holders"][0]["score"], 37.0);
    assert_eq!(r["swap"]["cost"], 91.0);
    let parts: Vec<&str> = r["swap"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(parts.contains(&"women_shortfall"), "{r}");
    let out = explain_out(&path, &["--cadre", "Z"]);
    assert!(
        out.contains("held by W (score 37), and Z in W's place would cost 91 (sum of pair scores +9, women shortfall +1)"),
        "{out}"
    );

    // The departure cap (S1) on a free seat.
    let t = Tiny::new(
        &[post("P1", "C", 3, 1, 3), post("P2", "D", 3, 1, 3)],
        &[cadre("Y1", "A", 3, 4), cadre("Y2", "A", 3, 3)],
        "max_departures_per_unit: 1\n",
    );
    let r = same_answer_in_every_view(&t.path(), "Y2", "P2", "2");
    assert_eq!(r["kind"], "unit_at_cap", "{r}");
    assert_eq!(r["leaving"][0]["cadre_id"], "Y1");

    // A relative placed by the plan (H10).
    let t = Tiny::new(
        &[
            "S,C,T,3,X,member,false,accounting,1,3\n".to_string(),
            "L,C,T,4,X,head,false,,1,4\n".to_string(),
        ],
        &[
            cadre("R1", "A", 3, 4),
            "R2,Cán bộ R2,M,1980-01-01,p9,p9,B,member,4,X,T,false,4,2026-12-01,,,,R1,false\n"
                .to_string(),
        ],
        "",
    );
    let r = same_answer_in_every_view(&t.path(), "R1", "S", "2");
    assert_eq!(r["kind"], "relative", "{r}");
    assert_eq!(r["relative_id"], "R2");

    // A free seat that a move is not worth (disruption weight 100): the move costs 49.
    let t = Tiny::new(
        &[post("P1", "C", 3, 1, 3)],
        &[cadre("Z1", "A", 3, 4)],
        "weights: { disruption: 100 }\n",
    );
    let r = same_answer_in_every_view(&t.path(), "Z1", "P1", "2");
    assert_eq!(r["kind"], "free_seat_worse_objective", "{r}");
    assert_eq!(r["cost"], 49.0);
}

#[test]
fn an_explanation_without_a_plan_prints_the_section_it_points_to() {
    // Z1 and Z2 both leave unit A, which may lose one: the pins cannot both hold.
    let t = Tiny::new(
        &[
            post("P1", "C", 3, 1, 3),
            post("P2", "D", 3, 1, 3),
            post("P3", "D", 3, 1, 3),
        ],
        &[
            cadre("Z1", "A", 3, 4),
            cadre("Z2", "A", 3, 4),
            cadre("Z3", "B", 3, 4),
        ],
        "max_departures_per_unit: 1\npins:\n  - { cadre: Z1, post: P1 }\n  - { cadre: Z2, post: P2 }\n",
    );
    let s = t.path();
    let pointer = "(see Requirements to relax)";
    let check = |what: &str, out: &str, markdown: bool| {
        assert!(!out.contains("see `cannot hold`"), "{what}: {out}");
        assert!(!out.contains("see the relaxation"), "{what}: {out}");
        assert!(out.contains(pointer), "{what}: {out}");
        let heading = out.lines().any(|l| {
            if markdown {
                l.trim_start_matches('#') != l
                    && l.trim_start_matches('#').trim() == "Requirements to relax"
            } else {
                l.trim() == "Requirements to relax"
            }
        });
        assert!(
            heading,
            "{what} points at a section it does not print: {out}"
        );
        assert!(out.contains("Drop 1 pin"), "{what}: {out}");
    };
    for args in [
        &["--cadre", "Z3", "--post", "P3"][..],
        &["--cadre", "Z3"],
        &["--post", "P3"],
        &[],
    ] {
        for (format, md) in [("table", false), ("markdown", true)] {
            let mut a = args.to_vec();
            a.extend(["--format", format]);
            // Explained, and exit 1: the scenario has no plan, as `plan` says.
            let mut all: Vec<&std::ffi::OsStr> = vec!["explain".as_ref(), s.as_os_str()];
            all.extend(a.iter().map(|x| std::ffi::OsStr::new(*x)));
            let (code, out, err) = rotaplan(&all);
            assert_eq!(code, 1, "explain {a:?}: {err}");
            check(&format!("explain {a:?}"), &out, md);
        }
    }
    // `rotaplan plan` too: its terminal summary and plan.md.
    let out_dir = t.dir.path().join("out");
    let (code, out, err) = rotaplan(&[
        "plan".as_ref(),
        s.as_os_str(),
        "--out".as_ref(),
        out_dir.as_os_str(),
    ]);
    assert_eq!(code, 1, "{err}");
    check("plan", &out, false);
    check(
        "plan.md",
        &fs::read_to_string(out_dir.join("plan.md")).unwrap(),
        true,
    );
}

/// Words of `text` outside `code spans` that look like identifiers of the code (`pair_score`,
/// `eligible_used_elsewhere`), or a dotted field path (`terms.staffing`). Ids (C100, VT41), which
/// have capitals or digits, never match.
fn internal_names(text: &str) -> Vec<String> {
    let mut plain = String::new();
    for (k, part) in text.split('`').enumerate() {
        if k % 2 == 0 {
            plain += part;
            plain.push(' ');
        }
    }
    let mut found: Vec<String> = plain
        .split(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
        .filter(|w| {
            let (head, rest) = w.split_once('_').unwrap_or((w, ""));
            !head.is_empty()
                && head.chars().all(|ch| ch.is_ascii_lowercase())
                && !rest.is_empty()
                && rest.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_')
        })
        .map(str::to_string)
        .collect();
    if plain.contains("terms.") {
        found.push("terms.".to_string());
    }
    found
}

#[test]
fn the_internal_names_test_finds_what_it_should() {
    assert_eq!(
        internal_names("objective parts: terms.staffing 1 → 2; pair_score 3"),
        vec!["pair_score", "terms."]
    );
    assert_eq!(
        internal_names("(eligible_used_elsewhere)"),
        vec!["eligible_used_elsewhere"]
    );
    assert!(internal_names("C100 → VT41, `relaxable: false`, `no_plan`, H2 60").is_empty());
}

#[test]
fn explanations_for_people_use_words_not_internal_names() {
    let tutorial = repo("scenarios/tutorial/tutorial.yaml");
    let province = repo("scenarios/province/province.yaml");
    let questions: Vec<(&Path, Vec<&str>)> = vec![
        (&tutorial, vec!["--cadre", "C13", "--post", "VT03"]),
        (&tutorial, vec!["--cadre", "C14", "--post", "VT03"]),
        (&tutorial, vec!["--cadre", "C10", "--post", "VT01"]),
        (&tutorial, vec!["--cadre", "C13"]),
        (&tutorial, vec!["--cadre", "C03"]),
        (&tutorial, vec!["--post", "VT03"]),
        (&tutorial, vec!["--post", "VT05"]),
        (&tutorial, vec![]),
        (&province, vec!["--cadre", "C100", "--post", "VT41"]),
        (&province, vec!["--cadre", "C100", "--max-solves", "3"]),
        (&province, vec!["--post", "VT41", "--max-solves", "3"]),
        (&province, vec!["--max-solves", "6"]),
    ];
    for (s, args) in questions {
        for format in ["table", "markdown"] {
            let mut a = args.clone();
            a.extend(["--format", format]);
            let out = explain_out(s, &a);
            let found = internal_names(&out);
            assert!(
                found.is_empty(),
                "explain {} {a:?}: {found:?} in\n{out}",
                s.display()
            );
        }
    }
}

#[test]
fn why_not_names_a_pin_elsewhere_a_missing_plan_and_a_solve_that_stopped() {
    use explain::WhyNot;
    // Z1 is pinned to P2 although P1 would do as well: the pin is the reason, not "placed".
    let t = two_posts_three_cadres("pins:\n  - { cadre: Z1, post: P2, reason: quyết định }\n");
    let sc = t.load();
    let base = plan(&sc);
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let (z1, p1, p2) = (ix_c(&sc, "Z1"), ix_p(&sc, "P1"), ix_p(&sc, "P2"));
    let r = explain::why_not(&ctx, &cands, Some(&base), z1, p1).unwrap();
    assert_eq!(
        r,
        WhyNot::PinnedElsewhere {
            post_id: "P2".into(),
            pin_reason: Some("quyết định".into())
        }
    );
    assert_eq!(
        rotaplan::report::why_not_text("Z1", &r),
        "the scenario pins Z1 to P2 (quyết định) (S2)"
    );
    assert!(matches!(
        explain::why_not(&ctx, &cands, Some(&base), z1, p2),
        Some(WhyNot::OnPost { pinned: true, .. })
    ));
    // No plan given: an allowed pair has no reason yet; an excluded one has its rules.
    assert_eq!(explain::why_not(&ctx, &cands, None, z1, p1), None);

    // A solve that stopped with the empty plan: moving Z1 onto the free P1 would add 46.
    let t = Tiny::new(&[post("P1", "C", 3, 1, 3)], &[cadre("Z1", "A", 3, 4)], "");
    let sc = t.load();
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let stopped = rotaplan::solve::SolveOutcome {
        status: SolveStatus::TimeLimit,
        backend: "test".into(),
        chosen: Vec::new(),
        objective: Some(0.0),
        bound: Some(46.0),
        gap: Some(1.0),
        build_s: 0.0,
        solve_s: 0.0,
        columns: 0,
        rows: 0,
        infeasible: Vec::new(),
        note: None,
        levels: Vec::new(),
    };
    let p = rotaplan::plan::build(&ctx, &cands, &stopped);
    let r = explain::why_not(&ctx, &cands, Some(&p), 0, 0).unwrap();
    assert_eq!(
        r,
        WhyNot::SolveStopped {
            status: SolveStatus::TimeLimit,
            cost: -46.0,
            replacing: None
        }
    );
    let words = rotaplan::report::why_not_text("Z1", &r);
    assert!(
        words.contains("would add 46") && words.contains("time limit reached"),
        "{words}"
    );
    // And without any plan.
    let none = rotaplan::solve::SolveOutcome {
        status: SolveStatus::Infeasible,
        objective: None,
        ..stopped
    };
    let p = rotaplan::plan::build(&ctx, &cands, &none);
    assert_eq!(
        explain::why_not(&ctx, &cands, Some(&p), 0, 0),
        Some(WhyNot::NoPlan {
            status: SolveStatus::Infeasible
        })
    );
}

/// A hard women's target that every man's move would break: each empty post says S6, not that
/// "the solve stopped before finding" a move no plan may make (helper's case).
#[test]
fn posts_a_hard_target_keeps_empty_say_s6_not_solver_stopped() {
    let sc = load(&crate::common::root().join("tests/fixtures/reasons-s6/s.yaml"));
    let p = plan(&sc);
    assert!(!p.unfilled.is_empty());
    for u in &p.unfilled {
        assert_ne!(u.kind, UnfilledKind::SolverStopped, "{u:?}");
        assert_eq!(u.top_rule, Some(RuleId::S6), "{u:?}");
        let words = rotaplan::report::finding(Lang::En, &u.reason);
        assert!(
            words.contains("hard structure target(s) women (S6)"),
            "{words}"
        );
    }
}

/// With `objective: { order: [targets] }`, a move that adds to the weighted sum but lowers the
/// target level is kept out by the order: the post's reason and explain's say so, not that "the
/// solve stopped" (status optimal) with a negative cost (helper's case).
#[test]
fn a_move_an_earlier_level_keeps_out_is_said_so() {
    let sc = load(&crate::common::root().join("tests/fixtures/reasons-lexicographic/s.yaml"));
    let p = plan(&sc);
    assert_eq!(p.solver.status, SolveStatus::Optimal);
    let u = p.unfilled.iter().find(|u| u.post_id == "P3").unwrap();
    assert_eq!(u.kind, UnfilledKind::ObjectiveOrder, "{u:?}");
    let words = rotaplan::report::finding(Lang::En, &u.reason);
    assert!(
        words.contains("moving A here would add 14 to the weighted sum, but take the level `structure targets` of the objective's order from 0 to -42"),
        "{words}"
    );
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let (a, p3) = (ix_c(&sc, "A"), ix_p(&sc, "P3"));
    match explain::why_not(&ctx, &cands, Some(&p), a, p3) {
        Some(explain::WhyNot::LevelKept { cost, drop, .. }) => {
            assert_eq!((cost, drop.level.as_str()), (-14.0, "targets"));
            assert!((drop.with + 42.0).abs() < 1e-6, "{drop:?}");
        }
        other => panic!("{other:?}"),
    }
}

/// A cadre on a must-fill post that scores less than the empty post: the reason says the
/// must-fill post, not "worth more elsewhere" beside a lower score there.
#[test]
fn a_cadre_kept_on_a_must_fill_post_is_said_so() {
    let sc = load(&crate::common::root().join("tests/fixtures/reasons-must-fill/s.yaml"));
    let p = plan(&sc);
    let u = p.unfilled.iter().find(|u| u.post_id == "P1").unwrap();
    let words = rotaplan::report::finding(Lang::En, &u.reason);
    assert!(
        words.contains("A → P2 (score 58 there, 64 here; P2 is a must-fill post"),
        "{words}"
    );
    assert!(!words.contains("worth more"), "{words}");
}

/// Forbidding a pinned pair drops the pin; the note says so in the asked language (it was printed
/// in English under `--lang vi`).
#[test]
fn a_dropped_pin_is_said_in_the_asked_language() {
    let args: Vec<&std::ffi::OsStr> = [
        "-q",
        "--lang",
        "vi",
        "explain",
        "scenarios/province/province.yaml",
        "--cadre",
        "C057",
        "--post",
        "VT58",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .collect();
    let (_, text, _) = rotaplan(&args);
    assert!(
        text.contains("C057 → VT58 đã được ấn định; bỏ ấn định này"),
        "{text}"
    );
    assert!(!text.contains("was pinned"), "{text}");
}
