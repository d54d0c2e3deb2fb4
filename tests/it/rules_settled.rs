//! Issue 16: what docs/rules.md says that was only settled by the code, each checked here — "young"
//! counts whole months, `candidates.forbidden` counts only forbids of otherwise eligible pairs, the
//! MIP has an S1 row only where more than K cadres of a unit have a candidate and extra seats are
//! capped at a post's candidate count, sectors compare like titles, and the not-local titles are
//! matched by class.

use rotaplan::domain::{Date, ExtraSeat, PairRule, Scenario};
use rotaplan::rules::{RuleContext, candidates};
use rotaplan::solve::model::{self, Group};

use crate::common::root;

fn tutorial() -> Scenario {
    rotaplan::scenario::load(&root().join("scenarios/tutorial/tutorial.yaml")).unwrap()
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn young_counts_whole_months_and_a_29_february_birthday_counts_on_28_february() {
    let mut sc = tutorial();
    sc.rules.young_max_age = 45;
    std::sync::Arc::make_mut(&mut sc.cadres)[0].birth_date = d("1984-02-29");
    let young = |sc: &Scenario| RuleContext::new(sc).facts[0].young;
    // 45 whole years are reached on 28 Feb 2029 (2029 has no 29 February).
    sc.plan_date = d("2029-02-27");
    assert!(young(&sc), "44 years and 11 months: young");
    sc.plan_date = d("2029-02-28");
    assert!(!young(&sc), "45 whole years on the last day of February");
    // In a leap year the birthday is the 29th: on the 28th the month is not yet whole.
    std::sync::Arc::make_mut(&mut sc.cadres)[0].birth_date = d("1983-02-28");
    sc.plan_date = d("2028-02-27");
    assert!(young(&sc));
    sc.plan_date = d("2028-02-28");
    assert!(!young(&sc));
}

#[test]
fn candidates_forbidden_counts_only_forbids_of_otherwise_eligible_pairs() {
    let mut sc = tutorial();
    sc.forbids.clear();
    let (eligible, ineligible) = {
        let ctx = RuleContext::new(&sc);
        let cands = candidates::generate(&ctx);
        let e = cands.get(0);
        let mut bad = None;
        'outer: for c in 0..sc.cadres.len() as u32 {
            for p in 0..sc.posts.len() as u32 {
                if ctx.check_pair(c, p).is_err() {
                    bad = Some((c, p));
                    break 'outer;
                }
            }
        }
        ((e.cadre, e.post), bad.unwrap())
    };
    for (cadre, post) in [eligible, ineligible] {
        sc.forbids.push(PairRule {
            cadre,
            post,
            reason: None,
            relaxable: true,
        });
    }
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    assert_eq!(
        cands.forbidden, 1,
        "the forbid of an ineligible pair is not counted"
    );
}

fn rows(sc: &Scenario, group: Group) -> usize {
    let ctx = RuleContext::new(sc);
    let cands = candidates::generate(&ctx);
    let cols: Vec<usize> = (0..cands.len()).collect();
    let m = model::build(&ctx, &cands, &[], &cols, true);
    m.rows.iter().filter(|(k, _)| k.group() == group).count()
}

#[test]
fn the_mip_has_an_s1_row_only_where_more_than_k_cadres_of_a_unit_have_a_candidate() {
    let mut sc = tutorial();
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    // Cadres with a candidate, per current unit.
    let mut movable = std::collections::BTreeMap::new();
    for (c, cadre) in sc.cadres.iter().enumerate() {
        if let Some(u) = cadre.current_unit
            && !cands.of_cadre(c as u32).is_empty()
        {
            *movable.entry(u).or_insert(0usize) += 1;
        }
    }
    let most = movable.values().copied().max().unwrap();
    assert!(most >= 2, "the tutorial has a unit with two movable cadres");
    for k in 1..=most as u32 + 1 {
        sc.max_departures_per_unit = k;
        let want = movable.values().filter(|&&n| n > k as usize).count();
        assert_eq!(rows(&sc, Group::Departures), want, "K = {k}");
    }
    sc.max_departures_per_unit = most as u32;
    assert_eq!(rows(&sc, Group::Departures), 0);
}

#[test]
fn extra_seats_are_capped_at_a_posts_candidate_count() {
    let mut sc = tutorial();
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    let (p, n) = (0..sc.posts.len())
        .map(|p| (p, cands.post_len(p as u32)))
        .find(|&(_, n)| n > 0)
        .unwrap();
    drop(ctx);
    sc.extra_seats = vec![ExtraSeat {
        post: p as u32,
        seats: 50,
        reason: None,
    }];
    let ctx = RuleContext::new(&sc);
    let cands = candidates::generate(&ctx);
    assert_eq!(model::extra_seat_cap(&sc, &cands, p as u32), n as u32);
    assert!(n < 50);
    // A post without extra seats has none.
    let other = (0..sc.posts.len() as u32).find(|&q| q != p as u32).unwrap();
    assert_eq!(model::extra_seat_cap(&sc, &cands, other), 0);
}

#[test]
fn sectors_compare_like_titles() {
    let sc = tutorial();
    let (cadre, post) = (&sc.cadres[0], &sc.posts[0]);
    let mut a = cadre.clone();
    let mut p = post.clone();
    a.sector = "Tài chính".into();
    p.sector = " tài   CHÍNH ".into();
    let with = rotaplan::scoring::fit(&a, &p);
    p.sector = "Thuế".into();
    let without = rotaplan::scoring::fit(&a, &p);
    assert_eq!(
        with - without,
        1.0,
        "a sector in another case and spacing still matches"
    );
    // NFD against NFC.
    p.sector = "Ta\u{300}i chi\u{301}nh".into();
    assert_eq!(rotaplan::scoring::fit(&a, &p), with);
    let unit = &sc.units[post.unit as usize];
    let gains = rotaplan::scoring::training_gains(&a, None, &p, unit);
    assert!(
        !gains.contains(&rotaplan::scoring::TrainingGain::NewSector),
        "{gains:?}"
    );
}

#[test]
fn not_local_titles_are_matched_by_class() {
    let r = rotaplan::domain::RuleSet::qd65_2022();
    for t in [
        "Bí thư Huyện ủy",
        "Chủ tịch UBND huyện",
        "Chủ tịch Ủy ban nhân dân tỉnh",
        "Chủ tịch Uỷ ban nhân dân xã",
        "Chánh án Tòa án nhân dân tỉnh",
        "bí thư tỉnh ủy",
        // Typed without diacritics, as spreadsheets often are: the same titles.
        "Bi thu Huyen uy",
        "Chu tich UBND huyen",
        "CHU TICH UY BAN NHAN DAN TINH",
        "Chanh an Toa an nhan dan tinh",
    ] {
        assert!(r.is_not_local_title(t), "{t}");
    }
    for t in [
        "Phó Bí thư Huyện ủy",
        "Phó Chủ tịch UBND tỉnh",
        "Chủ tịch HĐND tỉnh",
        "Pho Bi thu Huyen uy",
        "Chu tich HDND tinh",
    ] {
        assert!(!r.is_not_local_title(t), "{t}");
    }
}
