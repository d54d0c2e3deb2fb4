//! Programmes: the shipped province programme planned and checked, the checker on hand-made bad
//! programmes (rejected by rule and period), and the MIP against a brute force on tiny programmes
//! (chains and placements included) that knows nothing of the columns or the model.

use crate::common::root;
use proptest::prelude::*;
use rotaplan::check::programme::check;
use rotaplan::domain::*;
use rotaplan::programme::plan::evaluate;
use rotaplan::programme::{Move, MoveKind, Timeline};
use rotaplan::rules::RuleId;
use rotaplan::solve::SolveStatus;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

fn shipped() -> Scenario {
    rotaplan::scenario::load(&root().join("scenarios/programme/programme.yaml")).unwrap()
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn shipped_programme_is_optimal_and_passes_the_checker() {
    let sc = shipped();
    let done = rotaplan::plan_programme(&sc).unwrap();
    let plan = &done.plan;
    assert_eq!(plan.status, SolveStatus::Optimal, "{:?}", plan.note);
    assert!(done.violations.is_empty(), "{:?}", done.violations);
    assert!(plan.note.is_none(), "{:?}", plan.note);
    let kinds = |k| plan.moves.iter().filter(|m| m.kind == k).count();
    assert!(kinds(MoveKind::Rotation) > 20);
    assert!(kinds(MoveKind::Placement) > 20);
    // Chains: some rotation takes a post its holder left in the programme.
    assert!(plan.kpis.iter().map(|k| k.chained).sum::<usize>() > 0);
    // Running rotations that end inside the programme are placed (or reported).
    let running = rotaplan::programme::running(&sc, sc.programme.as_ref().unwrap());
    assert!(!running.is_empty());
    for r in &running {
        let placed = plan
            .moves
            .iter()
            .any(|m| m.cadre == r.cadre && m.kind == MoveKind::Placement && m.period == r.period);
        let reported = plan.unplaced.iter().any(|u| u.0 == r.cadre);
        assert!(
            placed ^ reported,
            "cadre {} neither placed nor reported",
            r.cadre
        );
    }
    // The objective is the moves' own.
    let tl = Timeline::new(&sc).unwrap();
    let o = evaluate(&sc, &tl, &plan.moves);
    assert_eq!(Some(o), plan.objective);
}

#[test]
fn a_holder_whose_last_rotation_ended_before_the_programme_is_still_in_the_post() {
    // VT01's holder C160 has rotation_end 2024-01-25 (cadres.csv): a finished rotation, history.
    let sc = shipped();
    let prog = sc.programme.as_ref().unwrap();
    let ix = |id: &str| sc.posts.iter().position(|p| p.id == id).unwrap() as PostIx;
    let cx = |id: &str| sc.cadres.iter().position(|c| c.id == id).unwrap() as CadreIx;
    let (vt01, c160) = (ix("VT01"), cx("C160"));
    assert_eq!(prog.holders[vt01 as usize], Some(c160));
    assert!(sc.cadre(c160).rotation_end < Some(prog.periods[0]));
    // No placement is due for it, and the seat is taken until the programme moves C160.
    let running = rotaplan::programme::running(&sc, prog);
    assert!(running.iter().all(|r| r.cadre != c160));
    let tl = Timeline::new(&sc).unwrap();
    let ctx0 = rotaplan::rules::RuleContext::new(&tl.at[0]);
    let occ = rotaplan::programme::occupancy(&sc, prog, &ctx0, vt01);
    assert!(
        prog.periods.iter().all(|&d| occ.taken_on(d) == 1),
        "{occ:?}"
    );
    // The planner puts nobody else on VT01 while C160 sits there.
    let done = rotaplan::plan_programme(&sc).unwrap();
    let moved = |t: usize| {
        done.plan
            .moves
            .iter()
            .any(|m| m.cadre == c160 && m.kind == MoveKind::Rotation && m.period <= t)
    };
    for m in done.plan.moves.iter().filter(|m| m.post == vt01) {
        assert!(
            moved(m.period),
            "{m:?} takes VT01 while its holder C160 is there"
        );
    }
    // The checker: a rotation onto VT01 with C160 unmoved is two people on one seat (H7).
    let c158 = cx("C158");
    let onto = vec![Move {
        cadre: c158,
        post: vt01,
        period: 2,
        kind: MoveKind::Rotation,
    }];
    let v = check(&sc, &onto);
    assert!(
        v.iter()
            .any(|v| v.rule == RuleId::H7 && v.post.as_deref() == Some("VT01")),
        "{v:#?}"
    );
}

/// The shipped programme starting half a year after the plan date, C006's rotation ending
/// between the two (2027-03-31): its placement falls due in the first period. It used to be taken
/// as finished, and nobody planned the placement.
#[test]
fn a_rotation_ending_between_the_plan_date_and_a_later_start_is_placed_in_the_first_period() {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("scenarios/programme");
    for f in ["units.csv", "posts.csv", "cadres.csv", "programme.yaml"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let yaml = std::fs::read_to_string(src.join("programme.yaml")).unwrap();
    let later = yaml
        .replace("  start: 2027-01-01\n", "  start: 2027-07-01\n")
        .replace("  end: 2031-12-31\n", "  end: 2032-06-30\n");
    assert_ne!(later, yaml);
    std::fs::write(dir.path().join("programme.yaml"), later).unwrap();
    let cadres = std::fs::read_to_string(src.join("cadres.csv")).unwrap();
    let c006 = cadres.lines().find(|l| l.starts_with("C006,")).unwrap();
    let ended = c006.replace(",2024-10-30,", ",2027-03-31,");
    assert_ne!(ended, c006);
    std::fs::write(dir.path().join("cadres.csv"), cadres.replace(c006, &ended)).unwrap();
    let sc = rotaplan::scenario::load(&dir.path().join("programme.yaml")).unwrap();
    let prog = sc.programme.as_ref().unwrap();
    let c = sc.cadres.iter().position(|c| c.id == "C006").unwrap() as CadreIx;
    let running = rotaplan::programme::running(&sc, prog);
    let r = running
        .iter()
        .find(|r| r.cadre == c)
        .expect("C006 is due a placement");
    assert_eq!((r.period, r.end), (0, d("2027-03-31")));
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert!(done.violations.is_empty(), "{:?}", done.violations);
    let mine: Vec<&Move> = done.plan.moves.iter().filter(|m| m.cadre == c).collect();
    assert!(
        matches!(mine[..], [m] if m.kind == MoveKind::Placement && m.period == 0)
            || done.plan.unplaced.iter().any(|u| u.0 == c),
        "{mine:?}"
    );
    // The checker holds a programme without that placement to it, and forbids a rotation.
    let without: Vec<Move> = done
        .plan
        .moves
        .iter()
        .filter(|m| m.cadre != c)
        .cloned()
        .collect();
    let rotated = [
        without.clone(),
        vec![Move {
            cadre: c,
            post: mine.first().map_or(0, |m| m.post),
            period: 1,
            kind: MoveKind::Rotation,
        }],
    ]
    .concat();
    assert!(
        check(&sc, &rotated)
            .iter()
            .any(|v| v.rule == RuleId::P2 && v.cadre.as_deref() == Some("C006")),
        "{:?}",
        check(&sc, &rotated)
    );
}

#[test]
fn a_running_rotation_whose_cadre_retires_before_the_placement_is_due_none() {
    let mut sc = shipped();
    let prog = sc.programme.clone().unwrap();
    let r = rotaplan::programme::running(&sc, &prog)[0].clone();
    // Born so that the cadre retires after the rotation's end but before the placement's date.
    {
        let cadres = Arc::make_mut(&mut sc.cadres);
        let c = &mut cadres[r.cadre as usize];
        c.birth_date = r
            .end
            .checked_sub_months(chrono::Months::new(12 * 62))
            .unwrap();
        let retires = rotaplan::rules::retirement::retirement_date(
            rotaplan::rules::retirement::roadmap(&sc.rules, c),
            c.birth_date,
        )
        .unwrap();
        assert!(
            r.end <= retires && retires < prog.periods[r.period],
            "{retires}"
        );
    }
    assert!(
        rotaplan::programme::running(&sc, &prog)
            .iter()
            .all(|x| x.cadre != r.cadre)
    );
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert!(done.violations.is_empty(), "{:?}", done.violations);
    assert!(done.plan.unplaced.iter().all(|u| u.0 != r.cadre));
    assert!(done.plan.moves.iter().all(|m| m.cadre != r.cadre));
    // A placement made anyway breaks H2 (retired first); it was said a placement without a
    // rotation (P1), though the rotation does end inside the programme.
    let placed = [
        done.plan.moves.clone(),
        vec![Move {
            cadre: r.cadre,
            post: 0,
            period: r.period,
            kind: MoveKind::Placement,
        }],
    ]
    .concat();
    let v = check(&sc, &placed);
    let mine: Vec<_> = v
        .iter()
        .filter(|v| v.cadre.as_deref() == Some(sc.cadre(r.cadre).id.as_str()))
        .collect();
    assert!(
        !mine.is_empty() && mine.iter().all(|v| v.rule == RuleId::H2),
        "{mine:?}"
    );
}

#[test]
fn a_programme_of_more_than_60_periods_is_refused_at_load_not_planned_out_of_memory() {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("scenarios/programme");
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    let yaml = dir.path().join("programme.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    let long = text
        .replace("  end: 2031-12-31", "  end: 9999-12-31")
        .replace("  period_months: 12", "  period_months: 1");
    assert_ne!(long, text);
    std::fs::write(&yaml, long).unwrap();
    let e = rotaplan::scenario::load(&yaml).unwrap_err();
    let d = e
        .diagnostics
        .iter()
        .find(|d| d.code == "E5001")
        .unwrap_or_else(|| panic!("{:#?}", e.diagnostics));
    assert_eq!(d.field, "programme.period_months");
    assert!(d.found.to_string().contains("61+ periods"), "{}", d.found);
    assert!(
        d.expected.to_string().contains("at most 60"),
        "{}",
        d.expected
    );
}

#[test]
fn check_says_which_running_rotations_a_programme_file_leaves_unplaced() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("empty.csv");
    std::fs::write(&file, "cadre_id,post_id,kind,period\n").unwrap();
    let o = crate::common::rotaplan()
        .arg("check")
        .arg(root().join("scenarios/programme/programme.yaml"))
        .arg(&file)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    // No breach (a running rotation cannot always be placed), but said, by name and date.
    assert!(o.status.success(), "{out}");
    let sc = shipped();
    let r = &rotaplan::programme::running(&sc, sc.programme.as_ref().unwrap())[0];
    let named = format!(
        "{} ({})",
        sc.cadre(r.cadre).id,
        sc.programme.as_ref().unwrap().periods[r.period]
    );
    assert!(
        out.contains("running rotation(s) end inside the programme with no placement"),
        "{out}"
    );
    assert!(out.contains(&named), "{named}: {out}");
}

#[test]
fn a_programme_file_that_repeats_a_move_is_refused_naming_both_lines() {
    let sc = shipped();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.csv");
    std::fs::write(
        &file,
        "cadre_id,post_id,kind,period\nC018,VT01,rotation,1\nC158,VT04,placement,4\nC018,VT01,rotation,1\n",
    )
    .unwrap();
    let e = rotaplan::scenario::read_programme(&file, &sc).unwrap_err();
    assert_eq!(e.diagnostics.len(), 1, "{:#?}", e.diagnostics);
    let d = &e.diagnostics[0];
    assert_eq!((d.code, d.line), ("E4005", Some(4)));
    assert!(d.found.to_string().contains("line 2"), "{}", d.found);
}

/// A move's `start` changed by hand while its period stayed was checked as the period, in silence:
/// E4005 at the start now; the file as written (starts on the periods' dates) reads.
#[test]
fn a_programme_file_whose_start_disagrees_with_its_period_is_refused() {
    let sc = shipped();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.csv");
    std::fs::write(
        &file,
        "cadre_id,post_id,kind,period,start\nC018,VT01,rotation,1,2027-01-01\nC158,VT04,placement,4,2028-01-01\n",
    )
    .unwrap();
    let e = rotaplan::scenario::read_programme(&file, &sc).unwrap_err();
    assert_eq!(e.diagnostics.len(), 1, "{:#?}", e.diagnostics);
    let d = &e.diagnostics[0];
    assert_eq!((d.code, d.line), ("E4005", Some(3)));
    assert!(
        d.expected.to_string().contains("2030-01-01"),
        "{}",
        d.expected
    );
    // A start inside its period (an executed move's own date, as a re-plan writes it) reads.
    std::fs::write(
        &file,
        "cadre_id,post_id,kind,period,start\nC018,VT01,rotation,1,2027-03-15\nC158,VT04,placement,4,01/01/2030\n",
    )
    .unwrap();
    assert!(rotaplan::scenario::read_programme(&file, &sc).is_ok());
}

fn violation_of(sc: &Scenario, moves: &[Move], rule: RuleId, period: &str) {
    let v = check(sc, moves);
    assert!(
        v.iter()
            .any(|v| v.rule == rule && v.detail.to_string().contains(period)),
        "expected {rule} in {period}, got {v:#?}"
    );
}

#[test]
fn the_checker_rejects_bad_programmes_by_rule_and_period() {
    let sc = shipped();
    let done = rotaplan::plan_programme(&sc).unwrap();
    let good = done.plan.moves.clone();
    assert!(check(&sc, &good).is_empty());
    let ix = |id: &str| sc.posts.iter().position(|p| p.id == id).unwrap() as PostIx;
    let cx = |id: &str| sc.cadres.iter().position(|c| c.id == id).unwrap() as CadreIx;

    // A planned rotation ending inside the programme without its placement: P1.
    let placed: Vec<&Move> = good
        .iter()
        .filter(|m| {
            m.kind == MoveKind::Placement
                && good
                    .iter()
                    .any(|r| r.cadre == m.cadre && r.kind == MoveKind::Rotation)
        })
        .collect();
    let victim = placed[0].clone();
    let bad: Vec<Move> = good.iter().filter(|m| **m != victim).cloned().collect();
    let v = check(&sc, &bad);
    assert!(v.iter().any(|v| v.rule == RuleId::P1), "{v:#?}");

    // A placement onto a forbidden post: S3, as for a rotation.
    let mut forbidding = sc.clone();
    forbidding.forbids.push(rotaplan::domain::PairRule {
        cadre: victim.cadre,
        post: victim.post,
        reason: None,
        relaxable: true,
    });
    let v = check(&forbidding, &good);
    assert!(
        v.iter()
            .any(|v| v.rule == RuleId::S3
                && v.post.as_deref() == Some(sc.post(victim.post).id.as_str())),
        "{v:#?}"
    );

    // The placement a period early: the rotation is shorter than 36 months (H4), and the
    // placement is not in the period of the rotation's end (P1).
    let mut early = good.clone();
    let k = early.iter().position(|m| *m == victim).unwrap();
    early[k].period -= 1;
    let date = sc.programme.as_ref().unwrap().periods[early[k].period];
    violation_of(&sc, &early, RuleId::H4, &date.to_string());
    assert!(check(&sc, &early).iter().any(|v| v.rule == RuleId::P1));

    // A second rotation of a cadre: P2.
    let r = good.iter().find(|m| m.kind == MoveKind::Rotation).unwrap();
    let mut twice = good.clone();
    twice.push(Move {
        period: r.period + 1,
        ..r.clone()
    });
    assert!(check(&sc, &twice).iter().any(|v| v.rule == RuleId::P2));

    // Two cadres on one seat on one date: H7, named with the period.
    let a = good
        .iter()
        .find(|m| m.kind == MoveKind::Rotation)
        .unwrap()
        .clone();
    let other = good
        .iter()
        .find(|m| m.kind == MoveKind::Rotation && m.period == a.period && m.post != a.post)
        .unwrap()
        .clone();
    let mut crowded: Vec<Move> = good.iter().filter(|m| **m != other).cloned().collect();
    crowded.push(Move {
        post: a.post,
        ..other.clone()
    });
    violation_of(
        &sc,
        &crowded,
        RuleId::H7,
        &format!("period {}", a.period + 1),
    );
    // The same crowding by a cadre who also moves elsewhere in that period: both P2 and H7 (the
    // seat was left out, the cadre counted on one post only).
    let mut both = crowded.clone();
    both.push(other.clone());
    let v = check(&sc, &both);
    assert!(v.iter().any(|v| v.rule == RuleId::P2), "{v:#?}");
    violation_of(&sc, &both, RuleId::H7, &format!("period {}", a.period + 1));

    // A rule evaluated at the period's date: a cadre who retires before a late period cannot
    // rotate then (H2), though the same move would pass in the first period.
    let tl = Timeline::new(&sc).unwrap();
    let ctxs = tl.contexts();
    let last = tl.periods.len() - 1;
    let found = (0..sc.cadres.len() as CadreIx).find_map(|c| {
        (0..sc.posts.len() as PostIx)
            .find(|&p| {
                rotaplan::programme::rotation_breaches(&ctxs[0], c, p).is_empty()
                    && rotaplan::programme::rotation_breaches(&ctxs[last], c, p)
                        .iter()
                        .any(|b| b.rule == RuleId::H2)
            })
            .map(|p| (c, p))
    });
    let (c, p) = found.expect("a cadre whose service runs out during the programme");
    let late = vec![Move {
        cadre: c,
        post: p,
        kind: MoveKind::Rotation,
        period: last,
    }];
    violation_of(&sc, &late, RuleId::H2, &tl.periods[last].to_string());

    // A post filled before it is vacant: VT.. with a vacant_from after the first period.
    let (p, post) = sc
        .posts
        .iter()
        .enumerate()
        .find(|(_, p)| p.vacant_from.is_some_and(|f| f > d("2029-01-01")))
        .unwrap();
    let c = (0..sc.cadres.len() as CadreIx)
        .find(|&c| rotaplan::programme::rotation_breaches(&ctxs[0], c, p as PostIx).is_empty())
        .expect("an eligible cadre");
    let before = vec![Move {
        cadre: c,
        post: p as PostIx,
        kind: MoveKind::Rotation,
        period: 0,
    }];
    let v = check(&sc, &before);
    assert!(
        v.iter()
            .any(|v| v.rule == RuleId::H7 && v.post.as_deref() == Some(&post.id)),
        "{v:#?}"
    );
    let _ = (ix, cx);
}

// ---- the oracle --------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct RawPost {
    unit: usize,
    rank: i32,
    title: usize,
    seats: u32,
    /// 0 none, 1 a holder (cadre index), 2 a vacant_from date
    occupied: u8,
    holder: usize,
    vacant_year: i32,
}

#[derive(Debug, Clone)]
struct RawCadre {
    unit: Option<usize>,
    rank: i32,
    birth_year: i32,
    woman: bool,
    outstanding: bool,
    planned: usize,
    rating: u8,
    /// Running rotation ending in this year (2027, 2028 inside; 2026 ended; None).
    rotation_end_year: Option<i32>,
}

#[derive(Debug, Clone)]
pub(crate) struct RawProg {
    periods: usize,
    posts: Vec<RawPost>,
    cadres: Vec<RawCadre>,
    shortage: [u8; 3],
    origin_penalty: f64,
    smoothing: f64,
    cap: u32,
}

const TITLES: [&str; 2] = ["Phó Giám đốc", "Giám đốc"];

pub(crate) fn raw_prog() -> impl Strategy<Value = RawProg> {
    let post = (
        0..3usize,
        3..5i32,
        0..2usize,
        prop_oneof![4 => Just(1u32), 1 => Just(2u32)],
        0..3u8,
        0..5usize,
        2027..2030i32,
    )
        .prop_map(
            |(unit, rank, title, seats, occupied, holder, vacant_year)| RawPost {
                unit,
                rank,
                title,
                seats,
                occupied,
                holder,
                vacant_year,
            },
        );
    let cadre = (
        prop::option::weighted(0.8, 0..3usize),
        3..5i32,
        prop_oneof![3 => 1965..1990i32, 1 => Just(1966)],
        any::<bool>(),
        prop::bool::weighted(0.3),
        0..2usize,
        1..5u8,
        prop::option::weighted(0.3, 2026..2029i32),
    )
        .prop_map(
            |(unit, rank, birth_year, woman, outstanding, planned, rating, rotation_end_year)| {
                RawCadre {
                    unit,
                    rank,
                    birth_year,
                    woman,
                    outstanding,
                    planned,
                    rating,
                    rotation_end_year,
                }
            },
        );
    (
        2..4usize,
        prop::collection::vec(post, 1..5),
        prop::collection::vec(cadre, 1..5),
        [0..4u8, 0..4u8, 0..4u8],
        prop_oneof![Just(0.0), Just(30.0)],
        prop_oneof![Just(0.0), Just(3.0)],
        1..3u32,
    )
        .prop_map(
            |(periods, posts, cadres, shortage, origin_penalty, smoothing, cap)| RawProg {
                periods,
                posts,
                cadres,
                shortage,
                origin_penalty,
                smoothing,
                cap,
            },
        )
}

pub(crate) fn build(raw: &RawProg) -> Scenario {
    let units: Vec<Unit> = (0..3)
        .map(|i| Unit {
            id: format!("U{}", i + 1),
            name: format!("Đơn vị {}", i + 1),
            tier: if i == 2 {
                Tier::Commune
            } else {
                Tier::Province
            },
            province: Some("P1".into()),
            region: format!("R{}", i % 2),
            shortage: raw.shortage[i],
            difficult: i == 2,
        })
        .collect();
    let n_c = raw.cadres.len();
    let cadres: Vec<Cadre> = raw
        .cadres
        .iter()
        .enumerate()
        .map(|(i, c)| Cadre {
            id: format!("C{}", i + 1),
            name: format!("Cán bộ {}", i + 1),
            sex: if c.woman { Sex::F } else { Sex::M },
            birth_date: Date::from_ymd_opt(c.birth_year, 1 + (i as u32 * 5) % 12, 15).unwrap(),
            birth_province: Some("P9".into()),
            hometown_province: Some("P9".into()),
            current_unit: c.unit.map(|u| u as UnitIx),
            current_role: None,
            current_rank: c.rank,
            sector: "Tổ chức".into(),
            planned_titles: vec![TITLES[c.planned].into()],
            outstanding: c.outstanding,
            rating: c.rating,
            health_cert_date: Some(d("2026-10-01")),
            rotation_end: c
                .rotation_end_year
                .map(|y| Date::from_ymd_opt(y, 9, 1).unwrap()),
            rotation_start: None,
            worked_years: Vec::new(),
            head_terms: Vec::new(),
            relatives: Vec::new(),
            ethnic_minority: i % 3 == 0,
        })
        .collect();
    let mut held = vec![false; n_c];
    let mut holders = Vec::new();
    let posts: Vec<Post> = raw
        .posts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let h = p.holder % n_c;
            let holder = (p.occupied == 1 && !held[h] && p.seats == 1).then(|| {
                held[h] = true;
                h as CadreIx
            });
            holders.push(holder);
            Post {
                id: format!("VT{}", i + 1),
                unit: p.unit as UnitIx,
                title: TITLES[p.title].into(),
                rank: p.rank,
                sector: "Tổ chức".into(),
                role: Role::Deputy,
                not_local: false,
                function: None,
                seats: p.seats,
                criticality: 3,
                holder_id: holder.map(|h| format!("C{}", h + 1)),
                vacant_from: (p.occupied == 2)
                    .then(|| Date::from_ymd_opt(p.vacant_year, 6, 1).unwrap()),
            }
        })
        .collect();
    let periods: Vec<Date> = (0..raw.periods)
        .map(|k| Date::from_ymd_opt(2027 + k as i32, 1, 1).unwrap())
        .collect();
    let mut rules = RuleSet::qd65_2022();
    // Rotations of 12 months, so that tiny programmes have placements after planned rotations.
    rules.min_rotation_months = 12;
    Scenario {
        name: "programme-oracle".into(),
        plan_date: periods[0],
        rules,
        weights: Weights::default(),
        targets: Targets::default(),
        requirements: Default::default(),
        waived: Default::default(),
        certificate_renewable: false,
        max_departures_per_unit: 2,
        extra_seats: Vec::new(),
        pins: Vec::new(),
        forbids: Vec::new(),
        solver: SolverSettings {
            time_limit_s: 60.0,
            relative_gap: 0.0,
            threads: 1,
        },
        units: Arc::new(units),
        posts: Arc::new(posts),
        cadres: Arc::new(cadres),
        baseline: Vec::new(),
        baseline_previous: false,
        objective: None,
        tables: Default::default(),
        language: None,
        held_sensitive: Vec::new(),
        programme: Some(Programme {
            start: periods[0],
            end: Date::from_ymd_opt(2026 + raw.periods as i32, 12, 31).unwrap(),
            periods,
            holders,
            max_departures_per_period: raw.cap,
            origin_penalty: raw.origin_penalty,
            smoothing: raw.smoothing,
            unplaced_penalty: 500.0,
            replan: Default::default(),
            requirements: Default::default(),
            whole_model_above: rotaplan::domain::DEFAULT_PROGRAMME_WHOLE_MODEL,
        }),
    }
}

/// Every option of one cadre alone: nothing, a placement (running rotations), or a rotation and
/// (or without) a placement, in any period, on any post; kept when the checker finds nothing
/// wrong with it but seats and departures (which depend on the others' moves: chains) and the
/// pins, must-fill posts and targets (which the whole programme meets or not).
pub(crate) fn options(sc: &Scenario, c: CadreIx) -> Vec<Vec<Move>> {
    let n_t = sc.programme.as_ref().unwrap().periods.len();
    let n_p = sc.posts.len() as PostIx;
    let mut all: Vec<Vec<Move>> = vec![Vec::new()];
    let mv = |post, kind, period| Move {
        cadre: c,
        post,
        kind,
        period,
    };
    for t in 0..n_t {
        for p in 0..n_p {
            all.push(vec![mv(p, MoveKind::Placement, t)]);
            all.push(vec![mv(p, MoveKind::Rotation, t)]);
            for s in t + 1..n_t {
                for q in 0..n_p {
                    all.push(vec![
                        mv(p, MoveKind::Rotation, t),
                        mv(q, MoveKind::Placement, s),
                    ]);
                }
            }
        }
    }
    all.into_iter()
        .filter(|ms| {
            check(sc, ms).iter().all(|v| {
                matches!(
                    v.rule,
                    RuleId::H7 | RuleId::S1 | RuleId::S2 | RuleId::S5 | RuleId::S6 | RuleId::H10
                )
            })
        })
        .collect()
}

/// Calls `f` with every programme the checker accepts (every combination of each cadre's
/// options).
pub(crate) fn each_programme(sc: &Scenario, mut f: impl FnMut(Vec<Move>)) {
    each_combination(sc, |moves, violations| {
        if violations.is_empty() {
            f(moves);
        }
    });
}

/// Calls `f` with every combination of each cadre's options and what the checker finds in it.
fn each_combination(sc: &Scenario, mut f: impl FnMut(Vec<Move>, Vec<rotaplan::check::Violation>)) {
    let opts: Vec<Vec<Vec<Move>>> = (0..sc.cadres.len() as CadreIx)
        .map(|c| options(sc, c))
        .collect();
    let mut pick = vec![0usize; opts.len()];
    loop {
        let moves: Vec<Move> = pick
            .iter()
            .enumerate()
            .flat_map(|(c, &k)| opts[c][k].clone())
            .collect();
        let v = check(sc, &moves);
        f(moves, v);
        // Next combination.
        let mut i = 0;
        loop {
            if i == pick.len() {
                return;
            }
            pick[i] += 1;
            if pick[i] < opts[i].len() {
                break;
            }
            pick[i] = 0;
            i += 1;
        }
    }
}

/// The best objective over every programme the checker accepts.
pub(crate) fn brute_force(sc: &Scenario, tl: &Timeline) -> (f64, Vec<Move>) {
    let mut best = (f64::NEG_INFINITY, Vec::new());
    each_programme(sc, |moves| {
        let o = evaluate(sc, tl, &moves).total;
        if o > best.0 + 1e-9 {
            best = (o, moves);
        }
    });
    best
}

/// Plans `sc` and holds the MIP to the brute force: the same optimum, a programme the checker
/// passes, or (`None`) no programme at all on either side when the hard requirements cannot hold.
pub(crate) fn against_brute_force(
    sc: &Scenario,
) -> Result<Option<rotaplan::programme::plan::ProgrammePlan>, TestCaseError> {
    let tl = Timeline::new(sc).unwrap();
    let done = rotaplan::plan_programme(sc).unwrap();
    let plan = done.plan;
    let (best, witness) = brute_force(sc, &tl);
    if best == f64::NEG_INFINITY {
        prop_assert_eq!(plan.status, SolveStatus::Infeasible, "{:?}", plan.moves);
        return Ok(None);
    }
    prop_assert_eq!(plan.status, SolveStatus::Optimal, "{:?}", plan.note);
    prop_assert!(done.violations.is_empty(), "{:?}", done.violations);
    let got = plan.objective.unwrap().total;
    prop_assert!(
        (got - best).abs() < 1e-6,
        "MIP {} vs brute force {} ({:?} vs {:?})",
        got,
        best,
        plan.moves,
        witness
    );
    Ok(Some(plan))
}

#[test]
fn programme_mip_matches_brute_force_on_tiny_programmes() {
    let mut runner = crate::common::seeded_runner(48);
    let (placed, chained) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let result = runner.run(&raw_prog(), |raw| {
        let plan = against_brute_force(&build(&raw))?;
        prop_assert!(plan.is_some(), "no programme at all");
        let plan = plan.unwrap();
        if plan.moves.iter().any(|m| m.kind == MoveKind::Placement) {
            placed.fetch_add(1, Ordering::Relaxed);
        }
        if plan.kpis.iter().any(|k| k.chained > 0) {
            chained.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // Not vacuous: placements and chains occur.
    let (placed, chained) = (
        placed.load(Ordering::Relaxed),
        chained.load(Ordering::Relaxed),
    );
    assert!(placed >= 8, "only {placed} cases with a placement");
    assert!(chained >= 2, "only {chained} cases with a chain");
}

/// [`build_family`] with relatives, [`build`] without.
pub(crate) fn build_with(raw: &RawProg, family: bool) -> Scenario {
    if family {
        build_family(raw)
    } else {
        build(raw)
    }
}

/// `build`, with family: every post in U2, even posts its heads, odd posts its accountants (a
/// sensitive post), no cadre from U2, and cadres 1–2 and 3–4 relatives, so H10 can arise between
/// two cadres that the programme moves, or a moved cadre and a relative who still holds a post.
pub(crate) fn build_family(raw: &RawProg) -> Scenario {
    let mut sc = build(raw);
    for (i, p) in Arc::make_mut(&mut sc.posts).iter_mut().enumerate() {
        p.unit = 1;
        if i % 2 == 0 {
            p.role = Role::Head;
        } else {
            p.role = Role::Member;
            p.function = Some(Function::Accounting);
        }
    }
    let n = sc.cadres.len() as CadreIx;
    for (i, c) in Arc::make_mut(&mut sc.cadres).iter_mut().enumerate() {
        if c.current_unit == Some(1) {
            c.current_unit = Some(0);
        }
        let other = (i as CadreIx) ^ 1;
        if other < n {
            c.relatives = vec![other];
        }
    }
    sc
}

#[test]
fn programme_mip_keeps_relatives_apart_like_the_brute_force() {
    let binding = AtomicUsize::new(0);
    let result = crate::common::seeded_runner(40).run(&raw_prog(), |raw| {
        // The MIP's programme passes the checker's H10 on every date and is as good as the best
        // programme the checker accepts.
        let sc = build_family(&raw);
        prop_assert!(against_brute_force(&sc)?.is_some(), "no programme at all");
        let mut h10_only = 0;
        each_combination(&sc, |_, v| {
            if !v.is_empty() && v.iter().all(|v| v.rule == RuleId::H10) {
                h10_only += 1;
            }
        });
        if h10_only > 0 {
            binding.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // Not vacuous: in many cases some programme is rejected for H10 alone.
    let binding = binding.load(Ordering::Relaxed);
    assert!(
        binding >= 5,
        "only {binding} cases where H10 rejects a programme"
    );
}

/// Two relatives, neither in U2 now, and two free posts of U2 — its head and its chief
/// accountant — in a unit short of people; three yearly periods from 2027, rotations of 36 months.
fn relatives_meeting() -> Scenario {
    let mut sc = build(&RawProg {
        periods: 3,
        posts: vec![
            RawPost {
                unit: 1,
                rank: 3,
                title: 0,
                seats: 1,
                occupied: 0,
                holder: 0,
                vacant_year: 2027,
            };
            2
        ],
        cadres: vec![
            RawCadre {
                unit: Some(0),
                rank: 3,
                birth_year: 1980,
                woman: false,
                outstanding: false,
                planned: 0,
                rating: 3,
                rotation_end_year: None,
            };
            2
        ],
        shortage: [0, 2, 0],
        origin_penalty: 0.0,
        smoothing: 0.0,
        cap: 2,
    });
    // Rotations of 36 months: both run past the programme, no placement due.
    sc.rules.min_rotation_months = 36;
    {
        let posts = Arc::make_mut(&mut sc.posts);
        posts[0].role = Role::Head;
        posts[1].role = Role::Member;
        posts[1].function = Some(Function::Accounting);
        let cadres = Arc::make_mut(&mut sc.cadres);
        cadres[0].relatives = vec![1];
        cadres[1].relatives = vec![0];
    }
    sc
}

#[test]
fn the_checker_rejects_relatives_who_meet_only_through_their_moves() {
    // Two relatives, neither in the unit now: the programme rotates one to U2's head post in
    // 2027 and the other to U2's chief accountant post in 2028. Each move alone passes every
    // pair rule (the relatives' current posts are elsewhere); together they break H10 from 2028.
    let mut sc = relatives_meeting();
    let rot = |cadre, post, period| Move {
        cadre,
        post,
        kind: MoveKind::Rotation,
        period,
    };
    // Each alone passes.
    assert!(check(&sc, &[rot(0, 0, 0)]).is_empty());
    assert!(check(&sc, &[rot(1, 1, 1)]).is_empty());
    // Together: H10 in period 2 (2028-01-01), the first date both are there.
    let v = check(&sc, &[rot(0, 0, 0), rot(1, 1, 1)]);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].rule, RuleId::H10);
    let text = v[0].detail.to_string();
    assert!(
        text.contains("period 2 (2028-01-01)")
            && text.contains("C1 → VT1")
            && text.contains("C2 → VT2"),
        "{text}"
    );
    // The MIP keeps them apart: with the relatives it rotates one of them, without them both
    // (both posts are free and in a unit short of people, so H10 is what binds).
    let rotated = |sc: &Scenario| {
        let done = rotaplan::plan_programme(sc).unwrap();
        assert!(done.violations.is_empty(), "{:?}", done.violations);
        done.plan
            .moves
            .iter()
            .filter(|m| m.kind == MoveKind::Rotation)
            .count()
    };
    assert_eq!(rotated(&sc), 1);
    for c in Arc::make_mut(&mut sc.cadres) {
        c.relatives.clear();
    }
    assert_eq!(rotated(&sc), 2);
}

#[test]
fn explain_period_says_why_a_relative_is_not_rotated_and_what_forcing_costs() {
    let sc = relatives_meeting();
    let done = rotaplan::plan_programme(&sc).unwrap();
    let rotated: Vec<CadreIx> = done
        .plan
        .moves
        .iter()
        .filter(|m| m.kind == MoveKind::Rotation)
        .map(|m| m.cadre)
        .collect();
    assert_eq!(rotated.len(), 1);
    let other = 1 - rotated[0];
    let e = rotaplan::explain::programme::explain_period(&sc, &done.plan, other, 0);
    // Forcing the other relative into 2027 is possible only without the first (H10): the
    // re-solve rotates the other and drops the first, never for a better objective.
    let forced = e.forced.as_ref().expect("a re-solve");
    assert!(forced.proven && forced.cost.unwrap() >= -1e-9, "{forced:?}");
    assert!(forced.post.is_some() && forced.changed == 2, "{forced:?}");
    insta::assert_snapshot!(
        "explain_period_relatives",
        format!(
            "{}\n{}",
            rotaplan::report::explain_period_text(&e, Lang::En),
            rotaplan::report::explain_period_text(&e, Lang::Vi)
        )
    );
}

/// "Why not C232 in 2029?" for a cadre whose running rotation ends inside the programme: it is
/// placed, not rotated again, and the answer says so (it said "no rotation of C232 … passes the
/// rules and the seats").
#[test]
fn explain_period_says_a_running_rotations_cadre_is_placed_not_rotated() {
    let sc = shipped();
    let done = rotaplan::plan_programme(&sc).unwrap();
    let c = sc.cadres.iter().position(|x| x.id == "C232").unwrap() as CadreIx;
    let e = rotaplan::explain::programme::explain_period(&sc, &done.plan, c, 2);
    assert!(e.forced.is_none());
    let text = rotaplan::report::explain_period_text(&e, Lang::En);
    assert!(
        text.contains("No re-solve: C232 is placed after the running rotation"),
        "{text}"
    );
}

/// "Why not C018 in 2028?" when the history says C018 was rotated in 2027: the answer names the
/// history's line and makes no re-solve (forcing a second rotation could only be infeasible; it
/// said "rotates in period 1" as if planned, and re-solved).
#[test]
fn explain_period_names_the_executed_move_and_makes_no_re_solve() {
    let dir = tempfile::tempdir().unwrap();
    let sc = shipped_with_history(
        dir.path(),
        "cadre_id,post_id,kind,start,end\nC018,VT01,rotation,2027-01-01,2030-03-01\n",
    )
    .unwrap();
    let done = rotaplan::plan_programme(&sc).unwrap();
    let c = sc.cadres.iter().position(|x| x.id == "C018").unwrap() as CadreIx;
    let e = rotaplan::explain::programme::explain_period(&sc, &done.plan, c, 1);
    assert!(e.forced.is_none(), "{:?}", e.forced);
    assert!(
        e.findings.iter().any(|f| matches!(
            f,
            rotaplan::explain::programme::PeriodFinding::Executed {
                line: 2,
                period: 0,
                ..
            }
        )),
        "{:#?}",
        e.findings
    );
    assert!(!e.findings.iter().any(|f| matches!(
        f,
        rotaplan::explain::programme::PeriodFinding::RotatedInOtherPeriod { .. }
    )));
    let text = rotaplan::report::explain_period_text(&e, Lang::En);
    assert!(
        text.contains(
            "history (line 2): C018's rotation to VT01 on 2027-01-01 (period 1) is executed"
        ),
        "{text}"
    );
    assert!(
        text.contains("No re-solve: the history fixes the moves of C018"),
        "{text}"
    );
}

#[test]
fn generated_programmes_load_plan_and_pass_the_checker() {
    let dir = tempfile::tempdir().unwrap();
    let opts = rotaplan::generate::GenOptions {
        cadres: 120,
        posts: 40,
        seed: 5,
        plan_date: d("2027-01-01"),
        name: None,
    };
    for f in rotaplan::generate::generate_programme(&opts, 3) {
        std::fs::write(dir.path().join(&f.name), f.contents).unwrap();
    }
    let sc = rotaplan::scenario::load(&dir.path().join("scenario.yaml")).unwrap();
    let prog = sc.programme.as_ref().unwrap();
    assert_eq!(prog.periods.len(), 3);
    assert!(prog.holders.iter().flatten().count() > 0);
    assert!(sc.posts.iter().any(|p| p.vacant_from.is_some()));
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert!(done.plan.status.has_plan(), "{:?}", done.plan.note);
    assert!(done.violations.is_empty(), "{:?}", done.violations);
    assert!(!done.plan.moves.is_empty());
}

#[test]
fn a_programme_is_the_same_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let opts = rotaplan::generate::GenOptions {
        cadres: 90,
        posts: 30,
        seed: 11,
        plan_date: d("2027-01-01"),
        name: None,
    };
    for f in rotaplan::generate::generate_programme(&opts, 4) {
        std::fs::write(dir.path().join(&f.name), f.contents).unwrap();
    }
    let sc = rotaplan::scenario::load(&dir.path().join("scenario.yaml")).unwrap();
    let a = rotaplan::plan_programme(&sc).unwrap().plan;
    let b = rotaplan::plan_programme(&sc).unwrap().plan;
    assert_eq!(a.moves, b.moves);
    assert_eq!(
        rotaplan::report::programme::programme_csv(&a),
        rotaplan::report::programme::programme_csv(&b)
    );
    assert_eq!(a.objective, b.objective);
}

/// A history.csv of `moves`, each dated on its period's date.
fn as_history(sc: &Scenario, moves: &[Move]) -> String {
    let prog = sc.programme.as_ref().unwrap();
    let mut out = String::from("cadre_id,post_id,kind,start\n");
    for m in moves {
        out += &format!(
            "{},{},{},{}\n",
            sc.cadre(m.cadre).id,
            sc.post(m.post).id,
            m.kind.as_str(),
            prog.periods[m.period]
        );
    }
    out
}

#[test]
fn review_of_a_history_gives_the_figures_of_the_same_moves_as_a_programme() {
    use crate::common::rotaplan;
    let dir = tempfile::tempdir().unwrap();
    let yaml = "scenarios/programme/programme.yaml";
    let sc = rotaplan::scenario::load(&root().join(yaml)).unwrap();
    let hand = root().join("scenarios/programme/hand-made.csv");
    let mut moves = rotaplan::scenario::read_programme(&hand, &sc)
        .unwrap()
        .moves;
    // A history has one rotation and one placement per cadre: hand-made.csv's first of each.
    let mut seen = std::collections::BTreeSet::new();
    moves.retain(|m| seen.insert((m.cadre, m.kind)));
    assert!(moves.len() >= 4);
    let hand = dir.path().join("programme.csv");
    let mut csv = String::from("cadre_id,post_id,kind,period\n");
    for m in &moves {
        csv += &format!(
            "{},{},{},{}\n",
            sc.cadre(m.cadre).id,
            sc.post(m.post).id,
            m.kind.as_str(),
            m.period + 1
        );
    }
    std::fs::write(&hand, csv).unwrap();
    let history = dir.path().join("history.csv");
    std::fs::write(&history, as_history(&sc, &moves)).unwrap();
    assert!(rotaplan::scenario::is_history_file(&history));
    assert!(!rotaplan::scenario::is_history_file(&hand));
    // Title rows above the header, Vietnamese headers (`Kỳ`: a programme), `;` as Excel writes:
    // told apart as the tables find their header.
    let titled = dir.path().join("titled.csv");
    for (text, is_history) in [
        (
            "LỊCH SỬ LUÂN CHUYỂN;;;\n;;;\nMã cán bộ;Mã vị trí;Loại;Ngày bắt đầu\nC001;VT01;luân chuyển;01/03/2027\n",
            true,
        ),
        (
            "CHƯƠNG TRÌNH;;;\nMã cán bộ;Mã vị trí;Loại;Kỳ;Ngày bắt đầu\nC001;VT01;luân chuyển;1;01/01/2027\n",
            false,
        ),
    ] {
        std::fs::write(&titled, text).unwrap();
        assert_eq!(
            rotaplan::scenario::is_history_file(&titled),
            is_history,
            "{text}"
        );
    }
    let json = |file: &std::path::Path| {
        let o = rotaplan()
            .current_dir(root())
            .args(["review", yaml])
            .arg(file)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{o:?}");
        String::from_utf8(o.stdout).unwrap()
    };
    let from_history = json(&history);
    assert_eq!(from_history, json(&hand));
    assert!(from_history.contains("\"rotations\""), "{from_history}");
    // Moves before the programme count in their own years; a placement after a rotation gives
    // its outcome.
    let c = |i: usize| &sc.cadres[i].id;
    let higher = sc
        .posts
        .iter()
        .find(|p| p.rank > sc.cadres[1].current_rank)
        .unwrap();
    std::fs::write(
        &history,
        format!(
            "cadre_id,post_id,kind,start\n{},{},rotation,2023-05-01\n{},{},placement,2026-05-01\n",
            c(1),
            sc.posts[0].id,
            c(1),
            higher.id
        ),
    )
    .unwrap();
    let h = rotaplan::scenario::read_history_file(&history, &sc)
        .unwrap()
        .moves;
    let r = rotaplan::programme::review::review_history(&sc, &h);
    assert_eq!((r.rotations, r.placements), (1, 1));
    assert_eq!(
        r.by_year.iter().map(|(y, n)| (*y, *n)).collect::<Vec<_>>(),
        [(2023, (1, 0)), (2026, (0, 1))]
    );
    assert_eq!(
        r.by_outcome
            .get(&rotaplan::programme::review::Outcome::Higher),
        Some(&1)
    );
    // A rotation of 2023 with no move before it left a unit the tables no longer show (the
    // cadre's current_unit is where it led): its direction is not known, not "between agencies"
    // of the current unit's level.
    use rotaplan::domain::Direction;
    assert_eq!(
        r.by_direction.iter().collect::<Vec<_>>(),
        [(&Direction::Unknown, &1)]
    );
    // The same rotation made inside the programme (after the plan date) leaves the current unit.
    use chrono::Datelike;
    let inside: Vec<_> = h
        .iter()
        .map(|m| HistoryMove {
            start: m.start.with_year(m.start.year() + 5).unwrap(),
            ..m.clone()
        })
        .collect();
    let r = rotaplan::programme::review::review_history(&sc, &inside);
    let from = sc.cadres[1].current_unit.map(|u| sc.unit(u));
    let expected = rotaplan::domain::direction(from, sc.post_unit(0));
    assert_eq!(r.by_direction.iter().collect::<Vec<_>>(), [(&expected, &1)]);
    // The table and the page, in Vietnamese.
    let page = dir.path().join("review.html");
    let o = rotaplan()
        .current_dir(root())
        .args(["--lang", "vi", "review", yaml])
        .arg(&history)
        .arg("--html")
        .arg(&page)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("1 lượt luân chuyển, 1 lượt bố trí sau luân chuyển"),
        "{out}"
    );
    assert!(
        out.contains("2023") && out.contains("bố trí cao hơn"),
        "{out}"
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<html lang=\"vi\">") && html.contains("2023"));
    // A wrong row is located, and nothing is reviewed.
    std::fs::write(
        &history,
        format!(
            "cadre_id,post_id,kind,start\nNOBODY,{},rotation,2023-05-01\n",
            sc.posts[0].id
        ),
    )
    .unwrap();
    let o = rotaplan()
        .current_dir(root())
        .args(["review", yaml])
        .arg(&history)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("E4002") && err.contains("history.csv"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
    assert!(
        err.trim_end().ends_with("history.csv; nothing was done"),
        "{err}"
    );
    // `--format json`: the problems on stdout, for a script.
    let o = rotaplan()
        .current_dir(root())
        .args(["review", yaml])
        .arg(&history)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["errors"][0]["code"], "E4002", "{j}");
}

/// The columns of a generated programme (every column, and the best 5 per cadre and period with
/// the others left out) built in a pool of `threads` threads.
fn columns_in_pool(sc: &Scenario, threads: usize, keep: Option<usize>) -> String {
    let tl = Timeline::new(sc).unwrap();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let c = pool.install(|| rotaplan::programme::generate_keeping(sc, &tl, keep));
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{}",
        c.rotations, c.placements, c.left_out, c.unplaceable, c.running, c.without_placement
    )
}

/// A generated programme of 600 cadres and 900 posts over 5 years (`generate --cadres 600 --posts
/// 900 --years 5 --seed 7`) written to `dir`.
fn generated_600(dir: &std::path::Path) -> Scenario {
    let opts = rotaplan::generate::GenOptions {
        cadres: 600,
        posts: 900,
        seed: 7,
        plan_date: d("2027-01-01"),
        name: None,
    };
    for f in rotaplan::generate::generate_programme(&opts, 5) {
        std::fs::write(dir.join(&f.name), f.contents).unwrap();
    }
    rotaplan::scenario::load(&dir.join("scenario.yaml")).unwrap()
}

#[test]
fn a_programmes_columns_are_the_same_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let sc = generated_600(dir.path());
    for keep in [None, Some(5)] {
        let one = columns_in_pool(&sc, 1, keep);
        let two = columns_in_pool(&sc, 2, keep);
        let three = columns_in_pool(&sc, 3, keep);
        assert!(one.len() > 1000, "{keep:?}: no columns");
        assert!(
            one == two && one == three,
            "{keep:?}: thread count changes the columns"
        );
    }
    // With 5 kept per cadre and period, some columns are left out (the path of the national
    // programme's column generation).
    let tl = Timeline::new(&sc).unwrap();
    assert!(
        !rotaplan::programme::generate_keeping(&sc, &tl, Some(5))
            .left_out
            .is_empty()
    );
}

/// A review reads every term: one cadre rotated in 2016–2019 and placed, then rotated again in
/// 2022 and placed, is two rotations and two placements (the second leaving the unit of the first
/// placement), not E5003; rotations whose months overlap, or two placements on one day, are.
#[test]
fn a_review_reads_a_cadres_rotations_of_two_terms() {
    let sc = shipped();
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("history.csv");
    let (c, p) = (|i: usize| &sc.cadres[i].id, |i: usize| &sc.posts[i].id);
    let rows = |extra: &str| {
        format!(
            "cadre_id,post_id,kind,start,end\n{c},{p0},rotation,2016-01-01,2019-01-01\n{c},{p1},placement,2019-01-01,\n{c},{p2},rotation,2022-01-01,2025-01-01\n{c},{p3},placement,2025-01-01,\n{extra}",
            c = c(1),
            p0 = p(0),
            p1 = p(1),
            p2 = p(2),
            p3 = p(3),
        )
    };
    std::fs::write(&history, rows("")).unwrap();
    let read = rotaplan::scenario::read_history_file(&history, &sc).unwrap();
    let r = rotaplan::programme::review::review_history(&sc, &read.moves);
    assert_eq!((r.rotations, r.placements), (2, 2));
    assert!(r.waiting.is_empty(), "{:?}", r.waiting);
    assert_eq!(r.by_year.get(&2016), Some(&(1, 0)));
    assert_eq!(r.by_year.get(&2025), Some(&(0, 1)));
    // A third rotation inside the second: refused at its line, naming the other's months.
    std::fs::write(
        &history,
        rows(&format!("{},{},rotation,2023-06-01,\n", c(1), p(4))),
    )
    .unwrap();
    let e = rotaplan::scenario::read_history_file(&history, &sc).unwrap_err();
    let all: Vec<_> = e.every().into_iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(all, [("E5003", Some(6))], "{e:?}");
    let text = rotaplan::report::diagnostics_text(Lang::En, &e.every());
    assert!(
        text.contains("2022-01-01") && text.contains("2025-01-01"),
        "{text}"
    );
    // A first rotation never placed: the second's placement is not its outcome.
    std::fs::write(
        &history,
        format!(
            "cadre_id,post_id,kind,start,end\n{c},{p0},rotation,2016-01-01,2019-01-01\n{c},{p2},rotation,2020-01-01,2023-01-01\n{c},{p3},placement,2023-01-01,\n",
            c = c(1),
            p0 = p(0),
            p2 = p(2),
            p3 = p(3),
        ),
    )
    .unwrap();
    let read = rotaplan::scenario::read_history_file(&history, &sc).unwrap();
    let r = rotaplan::programme::review::review_history(&sc, &read.moves);
    assert_eq!((r.rotations, r.placements), (2, 1));
    assert_eq!(r.waiting.len(), 1, "{:?}", r.waiting);
    assert_eq!(r.waiting[0].start, d("2016-01-01"));
}

/// Issue 14: a review of a history says of each rotation without a placement where it stands on
/// the review's date (the history's last start here): ended without a recorded placement, still
/// running with its placement due in a period, or due after the programme; in English and
/// Vietnamese. A history rotation shorter than `min_rotation_months` is W5001, in a review too.
#[test]
fn a_review_says_where_each_rotation_without_a_placement_stands() {
    use rotaplan::programme::review::WaitingState;
    let sc = shipped();
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("history.csv");
    let (c, p) = (|i: usize| &sc.cadres[i].id, |i: usize| &sc.posts[i].id);
    std::fs::write(
        &history,
        format!(
            "cadre_id,post_id,kind,start,end\n{},{},rotation,2023-05-01,\n{},{},rotation,2029-01-01,2030-06-01\n{},{},rotation,2030-01-01,\n",
            c(1),
            p(0),
            c(2),
            p(1),
            c(3),
            p(2)
        ),
    )
    .unwrap();
    let read = rotaplan::scenario::read_history_file(&history, &sc).unwrap();
    let short: Vec<_> = read
        .warnings
        .iter()
        .map(|w| (w.code, w.line, w.field.clone()))
        .collect();
    assert_eq!(short, [("W5001", Some(3), "history.csv: end".to_string())]);
    let r = rotaplan::programme::review::review_history(&sc, &read.moves);
    let states: Vec<WaitingState> = r.waiting.iter().map(|w| w.state).collect();
    assert_eq!(
        states,
        [
            WaitingState::Ended,
            WaitingState::Running {
                due_period: Some(5),
                due_date: Some(d("2031-01-01")),
                after_programme: false
            },
            WaitingState::Running {
                due_period: None,
                due_date: None,
                after_programme: true
            },
        ]
    );
    let en = rotaplan::report::programme::review_text_in(&r, Lang::En);
    for line in [
        format!(
            "{} → {} (from 2023-05-01): ended on 2026-05-01 without a recorded placement (no end written: 36 months after the start)",
            c(1),
            p(0)
        ),
        format!(
            "{} → {} (from 2029-01-01): still running until 2030-06-01; placement due in period 5 (2031-01-01)",
            c(2),
            p(1)
        ),
        format!(
            "{} → {} (from 2030-01-01): still running until 2033-01-01 (no end written: 36 months after the start); placement due after the programme",
            c(3),
            p(2)
        ),
    ] {
        assert!(en.contains(&line), "{line}\n{en}");
    }
    let vi = rotaplan::report::programme::review_text_in(&r, Lang::Vi);
    assert!(
        vi.contains(&format!(
            "{} → {} (từ 01/05/2023): đã kết thúc ngày 01/05/2026 nhưng chưa ghi nhận việc bố trí",
            c(1),
            p(0)
        )),
        "{vi}"
    );
    assert!(
        vi.contains(&format!(
            "{} → {} (từ 01/01/2029): đang luân chuyển đến 01/06/2030; cần bố trí vào kỳ 5 (01/01/2031)",
            c(2),
            p(1)
        )),
        "{vi}"
    );
}

/// A time limit too short for the province programme's MIP (about 3 s of CPU) gives the greedy
/// programme, checked, instead of the empty one (before: status `time_limit` and 12 running
/// rotations unplaced). Where a fast machine proves the optimum within the second, the programme
/// is the optimum: either way it is not empty and `rotaplan check` passes it. HiGHS stopped at
/// its limit with an incumbent of its own heuristics (placements, no rotation) was kept, in about
/// half the runs: the greedy programme replaces such an incumbent when worth more.
#[test]
fn a_programme_stopped_by_its_time_limit_keeps_the_greedy_programme() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p");
    let scenario = root().join("scenarios/programme/programme.yaml");
    let o = crate::common::rotaplan()
        .args(["-q", "plan"])
        .arg(&scenario)
        .args(["--time-limit", "1", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("programme.json")).unwrap()).unwrap();
    let status = json["status"].as_str().unwrap_or_default().to_string();
    assert!(
        ["deadline_fallback", "optimal", "gap_limit", "time_limit"].contains(&status.as_str()),
        "{status}"
    );
    let csv = std::fs::read_to_string(out.join("programme.csv")).unwrap();
    let rows = csv
        .lines()
        .skip(1)
        .filter(|l| l.contains(",rotation,"))
        .count();
    assert!(rows > 10, "{status}: {rows} rotations\n{csv}");
    // Periods count from 1 everywhere: programme.csv's, and programme.json's rows, KPIs,
    // unplaced and renewals alike.
    let first_csv_period: u64 = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(5)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        json["rows"][0]["period"].as_u64(),
        Some(first_csv_period),
        "{csv}"
    );
    assert_eq!(json["kpis"][0]["period"].as_u64(), Some(1));
    let periods: Vec<u64> = ["rows", "kpis", "unplaced", "renewals", "targets"]
        .iter()
        .flat_map(|k| json[*k].as_array().cloned().unwrap_or_default())
        .filter_map(|r| r["period"].as_u64())
        .collect();
    assert!(
        !periods.is_empty() && periods.iter().all(|&p| (1..=5).contains(&p)),
        "{periods:?}"
    );
    let c = crate::common::rotaplan()
        .arg("check")
        .arg(&scenario)
        .arg(out.join("programme.csv"))
        .output()
        .unwrap();
    assert!(c.status.success(), "{c:?}");
}

/// The shipped programme with `history` as its history.csv (loaded from a copy in `dir`).
fn shipped_with_history(
    dir: &std::path::Path,
    history: &str,
) -> Result<Scenario, rotaplan::scenario::LoadError> {
    let from = root().join("scenarios/programme");
    for f in ["units.csv", "posts.csv", "cadres.csv"] {
        std::fs::copy(from.join(f), dir.join(f)).unwrap();
    }
    let yaml = std::fs::read_to_string(from.join("programme.yaml")).unwrap();
    let yaml = yaml.replace(
        "  period_months: 12\n",
        "  period_months: 12\n  history: history.csv\n",
    );
    assert!(yaml.contains("history: history.csv"));
    std::fs::write(dir.join("programme.yaml"), yaml).unwrap();
    std::fs::write(dir.join("history.csv"), history).unwrap();
    rotaplan::scenario::load(&dir.join("programme.yaml"))
}

/// Real moves are dated inside their periods: a rotation ending 2030-03-31 whose placement was
/// made the next day (period 4), where a planned placement would fall due on 2031-01-01 (period
/// 5); a running rotation (C232, `rotation_end` 2027-08-29) placed on 2027-09-01 (period 1, due
/// 2028-01-01). Both histories were infeasible ("cannot all hold together"); the executed
/// placement is the fact, and the programme keeps both in their own periods and passes the checker.
#[test]
fn executed_placements_made_inside_a_period_are_kept_where_they_were_made() {
    let dir = tempfile::tempdir().unwrap();
    let history = "cadre_id,post_id,kind,start,end\n\
                   C018,VT01,rotation,2027-01-01,2030-03-31\n\
                   C018,VT01,placement,2030-04-01,\n\
                   C232,VT24,placement,2027-09-01,\n";
    let sc = shipped_with_history(dir.path(), history).unwrap();
    let cx = |id: &str| sc.cadres.iter().position(|c| c.id == id).unwrap() as CadreIx;
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert_eq!(done.plan.status, SolveStatus::Optimal);
    let placed = |c: CadreIx| {
        done.plan
            .moves
            .iter()
            .find(|m| m.cadre == c && m.kind == MoveKind::Placement)
            .map(|m| (sc.post(m.post).id.clone(), m.period))
    };
    assert_eq!(placed(cx("C018")), Some(("VT01".to_string(), 3)));
    assert_eq!(placed(cx("C232")), Some(("VT24".to_string(), 0)));
    assert!(done.violations.is_empty(), "{:#?}", done.violations);
    assert!(check(&sc, &done.plan.moves).is_empty());
    // The model takes C232's rotation to end on the period's date; what people read, and the
    // months served, keep the date cadres.csv writes (it said 2027-01-01).
    let e = rotaplan::explain::programme::explain_period(&sc, &done.plan, cx("C232"), 1);
    assert!(
        e.findings.iter().any(|f| matches!(
            f,
            rotaplan::explain::programme::PeriodFinding::PlacedAfterRunning { ends, .. }
                if *ends == d("2027-08-29")
        )),
        "{:#?}",
        e.findings
    );
    let prog = sc.programme.as_ref().unwrap();
    assert_eq!(sc.cadre(cx("C232")).rotation_end, Some(d("2027-01-01")));
    assert_eq!(
        prog.replan.written_end(cx("C232"), None),
        Some(d("2027-08-29"))
    );
}

/// A placement needs the rotation it follows (E5003 naming the row and the fix), and one in the
/// rotation's own period is E5003; a placement 12 months after the rotation is kept with W5001.
#[test]
fn impossible_executed_placements_are_refused_at_load_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let refused = |history: &str| {
        let e = shipped_with_history(dir.path(), history).unwrap_err();
        e.diagnostics
            .iter()
            .map(|d| (d.code, d.line, d.field.clone()))
            .collect::<Vec<_>>()
    };
    // C001 has no rotation: none in the history, no rotation_end in cadres.csv.
    assert_eq!(
        refused("cadre_id,post_id,kind,start\nC001,VT01,placement,2028-01-01\n"),
        [("E5003", Some(2), "history.csv: start".to_string())]
    );
    assert_eq!(
        refused(
            "cadre_id,post_id,kind,start\nC018,VT01,rotation,2027-01-01\nC018,VT01,placement,2027-11-01\n"
        ),
        [("E5003", Some(3), "history.csv: start".to_string())]
    );
    // C232's running rotation ends 2027-08-29, its placement is made on 2027-09-01: a rotation
    // after it is refused on its own row (it was linked to the placement, "placed before its
    // rotation", on the placement's row).
    assert_eq!(
        refused(
            "cadre_id,post_id,kind,start\nC232,VT24,placement,2027-09-01\nC232,VT15,rotation,2029-03-01\n"
        ),
        [("E5003", Some(3), "history.csv: start".to_string())]
    );
    let sc = shipped_with_history(
        dir.path(),
        "cadre_id,post_id,kind,start\nC018,VT01,rotation,2027-01-01\nC018,VT01,placement,2028-01-01\n",
    )
    .unwrap();
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert_eq!(done.plan.status, SolveStatus::Optimal);
    assert!(done.violations.is_empty(), "{:#?}", done.violations);
    assert!(check(&sc, &done.plan.moves).is_empty());
    assert!(warns_at(dir.path(), "W5001", 3));
}

/// Whether the programme scenario in `dir` loads with a warning `code` on `line` (the warnings
/// are printed when it does not, for the failing assertion).
fn warns_at(dir: &std::path::Path, code: &str, line: usize) -> bool {
    let warned = rotaplan::scenario::load_checked(&dir.join("programme.yaml"))
        .unwrap()
        .warnings;
    let found = warned
        .iter()
        .any(|w| w.code == code && w.line == Some(line));
    if !found {
        eprintln!("no {code} on line {line}: {warned:#?}");
    }
    found
}

/// `e` holds one diagnostic, of `code` on `line`, whose English words say `says`.
fn refused_once(e: &rotaplan::scenario::LoadError, (code, line): (&str, usize), says: &str) {
    let got: Vec<_> = e.diagnostics.iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(got, [(code, Some(line))]);
    let said = rotaplan::report::diagnostic_text(Lang::En, &e.diagnostics[0]);
    assert!(said.contains(says), "{said}");
}

/// Two executed moves onto one seat, on the real dates: one made while the other's rotation still
/// runs past the period is E5003 naming the other's line (the model said only "cannot all hold
/// together"); one made a month before the other's rotation ends inside the same period is a
/// handover, W5002, kept; one made after it ended, inside that period, is kept silently (it was
/// infeasible: the model held the seat until the first rotation's placement period). Empty ids
/// and kinds are missing values (E2012), and the Vietnamese message of a second rotation says
/// "luân chuyển", not "rotation".
#[test]
fn executed_moves_onto_one_seat_are_judged_on_their_real_dates() {
    use rotaplan::report::diagnostic_text;
    let dir = tempfile::tempdir().unwrap();
    let first = "cadre_id,post_id,kind,start,end\nC018,VT01,rotation,2027-01-01,2030-03-01\n";
    let e = shipped_with_history(
        dir.path(),
        &format!("{first}C107,VT01,rotation,2029-06-01,\n"),
    )
    .unwrap_err();
    let got: Vec<_> = e
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.field.clone()))
        .collect();
    assert_eq!(got, [("E5003", Some(3), "history.csv: start".to_string())]);
    let said = diagnostic_text(Lang::En, &e.diagnostics[0]);
    assert!(
        said.contains("C018 (history.csv:2) holds it until 2030-03-01"),
        "{said}"
    );
    for (second, handover) in [("2030-02-01", true), ("2030-06-01", false)] {
        let history = format!("{first}C107,VT01,rotation,{second},\n");
        let sc = shipped_with_history(dir.path(), &history).unwrap();
        assert_eq!(warns_at(dir.path(), "W5002", 3), handover, "{second}");
        let done = rotaplan::plan_programme(&sc).unwrap();
        assert_eq!(done.plan.status, SolveStatus::Optimal, "{second}");
        assert!(done.violations.is_empty(), "{:#?}", done.violations);
        assert!(check(&sc, &done.plan.moves).is_empty());
        let id = |m: &Move| sc.cadre(m.cadre).id.as_str();
        let c018: Vec<_> = done.plan.moves.iter().filter(|m| id(m) == "C018").collect();
        // C018's placement follows in the 2030 period (index 3), where C107 takes the seat.
        assert!(
            c018.iter()
                .any(|m| m.kind == MoveKind::Placement && m.period == 3),
            "{second}: {c018:#?}"
        );
        assert!(done.plan.moves.iter().any(|m| id(m) == "C107"
            && m.kind == MoveKind::Rotation
            && m.period == 3
            && sc.post(m.post).id == "VT01"));
    }
    // VT64 has 2 seats: C015 arrives while C003 and C161 hold them, and C161 leaves inside the
    // period: a handover (the one who leaves first decides; it said E5003 by C003).
    let history = "cadre_id,post_id,kind,start,end\nC003,VT64,rotation,2027-02-01,\n\
                   C161,VT64,rotation,2027-03-01,2028-06-30\nC015,VT64,rotation,2028-03-01,\n";
    let sc = shipped_with_history(dir.path(), history).unwrap();
    assert!(warns_at(dir.path(), "W5002", 4));
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert_eq!(done.plan.status, SolveStatus::Optimal);
    assert!(check(&sc, &done.plan.moves).is_empty());
    // C015's executed rotation of 2028 is not listed as needing a renewed certificate (H3 does
    // not hold an executed rotation; it was listed).
    let c015 = sc.cadres.iter().position(|c| c.id == "C015").unwrap() as CadreIx;
    assert!(!done.plan.renewals.iter().any(|&(c, _)| c == c015));
    // C107 left VT04 in March 2030 and was placed in February 2031; C158 took VT04 in June 2030:
    // the model holds a rotation's post until its placement's period, so it cannot keep both
    // (it was infeasible with no line named).
    let e = shipped_with_history(
        dir.path(),
        "cadre_id,post_id,kind,start,end\nC107,VT04,rotation,2027-02-15,2030-03-01\n\
         C158,VT04,rotation,2030-06-01,\nC107,VT03,placement,2031-02-01,\n",
    )
    .unwrap_err();
    refused_once(
        &e,
        ("E5003", 3),
        "its placement (history.csv:4) comes in a later period",
    );
    // VT01's holder C160 ends a running rotation on 2028-06-20 and C107 arrives on 2028-03-01:
    // a handover (it was infeasible).
    let cadres = std::fs::read_to_string(dir.path().join("cadres.csv")).unwrap();
    let running: String = cadres
        .lines()
        .map(|l| {
            if l.starts_with("C160,") {
                l.replace(",2024-01-25,", ",2028-06-20,")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(running, cadres.trim_end());
    let write_cadres = |t: &str| std::fs::write(dir.path().join("cadres.csv"), t).unwrap();
    std::fs::write(
        dir.path().join("history.csv"),
        "cadre_id,post_id,kind,start\nC107,VT01,rotation,2028-03-01\n",
    )
    .unwrap();
    write_cadres(&running);
    let checked = rotaplan::scenario::load_checked(&dir.path().join("programme.yaml")).unwrap();
    assert!(
        checked
            .warnings
            .iter()
            .any(|w| w.code == "W5002" && w.line == Some(2)),
        "{:#?}",
        checked.warnings
    );
    let done = rotaplan::plan_programme(&checked.scenario).unwrap();
    assert_eq!(done.plan.status, SolveStatus::Optimal);
    assert!(check(&checked.scenario, &done.plan.moves).is_empty());
    write_cadres(&cadres);
    // With as_of 2031-03-01 C018's placement (due 2030) is overdue, but C107 took its post in
    // 2030: C018 left it, so the history lacks the placement: E5003 naming both rows (W5003
    // said "nothing to do" and the programme was infeasible).
    std::fs::write(
        dir.path().join("history.csv"),
        "cadre_id,post_id,kind,start,end\nC018,VT01,rotation,2027-03-01,2029-06-30\n\
         C160,VT08,rotation,2027-02-01,\nC107,VT01,rotation,2030-02-01,\n",
    )
    .unwrap();
    let yaml_path = dir.path().join("programme.yaml");
    let yaml = std::fs::read_to_string(&yaml_path).unwrap();
    std::fs::write(
        &yaml_path,
        yaml.replace(
            "  history: history.csv\n",
            "  history: history.csv\n  as_of: 2031-03-01\n",
        ),
    )
    .unwrap();
    let e = rotaplan::scenario::load(&yaml_path).unwrap_err();
    refused_once(&e, ("E5003", 2), "C107 took VT01 on 2030-02-01 (line 4)");
    let e = shipped_with_history(
        dir.path(),
        "cadre_id,post_id,kind,start\n,VT01,rotation,2027-01-01\nC018,,rotation,2027-01-01\nC020,VT02,,2027-01-01\nC021,VT03,rotation,2027-01-01\nC021,VT04,rotation,2027-01-01\n",
    )
    .unwrap_err();
    let got: Vec<_> = e
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.field.clone()))
        .collect();
    assert_eq!(
        got[..3],
        [
            ("E2012", Some(2), "history.csv: cadre_id".to_string()),
            ("E2012", Some(3), "history.csv: post_id".to_string()),
            ("E2012", Some(4), "history.csv: kind".to_string()),
        ]
    );
    let twice = e.diagnostics.iter().find(|d| d.line == Some(6)).unwrap();
    let vi = diagnostic_text(Lang::Vi, twice);
    assert!(vi.contains("mỗi cán bộ một lần luân chuyển"), "{vi}");
}

/// `as_of` closes the periods before it: re-planned in 2028 with the first year's moves as the
/// history (all but C107's, which was not made), the programme makes no other move in 2027 (it
/// would have kept C107's planned rotation there, in the past), C107 changes with the reason
/// `period_over`, the checker passes it and refuses a hand-made move in 2027 (P3); a history row
/// after `as_of` is E5003, an `as_of` outside the programme E5001.
#[test]
fn as_of_closes_the_periods_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let base = rotaplan::plan_programme(&shipped()).unwrap().plan;
    let first = shipped();
    let id = |c: CadreIx| first.cadre(c).id.clone();
    let mut history = String::from("cadre_id,post_id,kind,start\n");
    for m in base.moves.iter().filter(|m| m.period == 0) {
        assert_eq!(m.kind, MoveKind::Rotation);
        if id(m.cadre) != "C107" {
            history += &format!(
                "{},{},rotation,2027-01-01\n",
                id(m.cadre),
                first.post(m.post).id
            );
        }
    }
    assert!(
        base.moves
            .iter()
            .any(|m| m.period == 0 && id(m.cadre) == "C107")
    );
    shipped_with_history(dir.path(), &history).unwrap();
    std::fs::write(
        dir.path().join("previous.csv"),
        rotaplan::report::programme::programme_csv(&base),
    )
    .unwrap();
    let yaml_path = dir.path().join("programme.yaml");
    let yaml = std::fs::read_to_string(&yaml_path).unwrap();
    let with = |extra: &str| {
        std::fs::write(
            &yaml_path,
            yaml.replace(
                "  history: history.csv\n",
                &format!("  history: history.csv\n{extra}"),
            ),
        )
        .unwrap();
        rotaplan::scenario::load(&yaml_path)
    };
    let sc = with("  as_of: 2028-02-01\n  previous: previous.csv\n").unwrap();
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert_eq!(
        done.plan.status,
        SolveStatus::Optimal,
        "{:?}",
        done.plan.note
    );
    assert!(done.violations.is_empty(), "{:#?}", done.violations);
    let executed = sc.programme.as_ref().unwrap().replan.history.len();
    assert_eq!(
        done.plan.moves.iter().filter(|m| m.period == 0).count(),
        executed
    );
    let changes = done.plan.changes.clone().unwrap();
    let c107 = changes.iter().find(|c| id(c.cadre) == "C107").unwrap();
    assert_eq!(
        c107.reason,
        rotaplan::programme::replan::ChangeReason::PeriodOver
    );
    // A move in 2027 the history does not hold: P3.
    let extra = done
        .plan
        .moves
        .iter()
        .find(|m| m.period == 1 && m.kind == MoveKind::Rotation)
        .unwrap();
    let mut moved = done.plan.moves.clone();
    moved.retain(|m| m.cadre != extra.cadre);
    moved.push(Move {
        period: 0,
        ..extra.clone()
    });
    let v = check(&sc, &moved);
    assert!(
        v.iter()
            .any(|v| v.rule == RuleId::P3 && v.cadre.as_deref() == Some(id(extra.cadre).as_str())),
        "{v:#?}"
    );
    // explain --period on a period that is over says so and re-solves nothing.
    let c107 = sc.cadres.iter().position(|c| c.id == "C107").unwrap() as CadreIx;
    let e = rotaplan::explain::programme::explain_period(&sc, &done.plan, c107, 0);
    assert!(e.forced.is_none());
    assert!(
        e.findings.iter().any(|f| matches!(
            f,
            rotaplan::explain::programme::PeriodFinding::PeriodOver { .. }
        )),
        "{:#?}",
        e.findings
    );
    // A pin in a period that is over: E5004 on its period.
    std::fs::write(
        &yaml_path,
        yaml.replace(
            "  history: history.csv\n",
            "  history: history.csv\n  as_of: 2028-02-01\n",
        ) + "pins:\n  - { cadre: C107, post: VT04, period: 2027 }\n",
    )
    .unwrap();
    let e = rotaplan::scenario::load(&yaml_path).unwrap_err();
    assert!(
        e.diagnostics.iter().any(|d| d.code == "E5004"),
        "{:?}",
        e.diagnostics
    );
    // Without as_of nothing is over: the same history keeps C107's rotation in 2027.
    let open = with("  previous: previous.csv\n").unwrap();
    let again = rotaplan::plan_programme(&open).unwrap().plan;
    assert!(
        again
            .moves
            .iter()
            .any(|m| m.period == 0 && id(m.cadre) == "C107")
    );
    // A row after as_of, and an as_of outside the programme.
    let e = with("  as_of: 2026-12-31\n").unwrap_err();
    assert!(e.diagnostics.iter().any(|d| d.code == "E5001"), "{e:?}");
    let e = with("  as_of: 2027-06-01\n").ok();
    assert!(e.is_some(), "rows of 2027-01-01 are on or before as_of");
    std::fs::write(
        dir.path().join("history.csv"),
        format!("{history}C107,VT04,rotation,2028-03-01\n"),
    )
    .unwrap();
    let e = with("  as_of: 2028-02-01\n").unwrap_err();
    let got: Vec<_> = e
        .diagnostics
        .iter()
        .map(|d| (d.code, d.field.clone()))
        .collect();
    assert_eq!(got, [("E5003", "history.csv: start".to_string())]);
}

/// A history kept in a workbook, as offices keep it: a title row above the header, Vietnamese
/// headers and kinds, dates as date cells, on a sheet named `Lịch sử`. It loads as the CSV does;
/// and `review` takes it too (the helper found E1010 "not UTF-8" for both).
#[test]
fn a_history_in_a_workbook_loads_as_its_csv_does() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Lịch sử").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet.write(0, 0, "LỊCH SỬ LUÂN CHUYỂN").unwrap();
    for (c, h) in [
        "Mã cán bộ",
        "Mã vị trí",
        "Loại",
        "Ngày bắt đầu",
        "Ngày kết thúc",
    ]
    .iter()
    .enumerate()
    {
        sheet.write(2, c as u16, *h).unwrap();
    }
    let rows = [
        (
            "C018",
            "VT01",
            "Luân chuyển",
            (2027, 1, 1),
            Some((2030, 3, 31)),
        ),
        ("C018", "VT01", "Bố trí", (2030, 4, 1), None),
        ("C232", "VT24", "bố trí", (2027, 9, 1), None),
    ];
    for (i, (c, p, k, s, e)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write(r, 0, *c).unwrap();
        sheet.write(r, 1, *p).unwrap();
        sheet.write(r, 2, *k).unwrap();
        let d = |(y, m, d): (u16, u8, u8)| ExcelDateTime::from_ymd(y, m, d).unwrap();
        sheet.write_with_format(r, 3, d(*s), &date).unwrap();
        if let Some(e) = e {
            sheet.write_with_format(r, 4, d(*e), &date).unwrap();
        }
    }
    book.save(dir.path().join("history.xlsx")).unwrap();
    let csv = "cadre_id,post_id,kind,start,end\n\
               C018,VT01,rotation,2027-01-01,2030-03-31\n\
               C018,VT01,placement,2030-04-01,\n\
               C232,VT24,placement,2027-09-01,\n";
    let from_csv = shipped_with_history(dir.path(), csv).unwrap();
    let yaml = dir.path().join("programme.yaml");
    let text = std::fs::read_to_string(&yaml)
        .unwrap()
        .replace("history: history.csv", "history: \"history.xlsx#Lịch sử\"");
    std::fs::write(&yaml, text).unwrap();
    let from_book = rotaplan::scenario::load(&yaml).unwrap();
    let moves = |sc: &Scenario| {
        let h = &sc.programme.as_ref().unwrap().replan.history;
        h.iter()
            .map(|m| (m.cadre, m.post, m.kind, m.start, m.end, m.period))
            .collect::<Vec<_>>()
    };
    assert_eq!(moves(&from_book), moves(&from_csv));
    assert_eq!(moves(&from_book).len(), 3);
    let read =
        rotaplan::scenario::read_history_file(&dir.path().join("history.xlsx#Lịch sử"), &from_book)
            .unwrap();
    assert_eq!(read.moves.len(), 3);
    assert!(rotaplan::scenario::is_history_file(
        &dir.path().join("history.xlsx#Lịch sử")
    ));
    // The previous programme in a workbook of two sheets: the one named is read.
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Khác")
        .unwrap()
        .write(0, 0, "x")
        .unwrap();
    let prev = book.add_worksheet().set_name("Chương trình").unwrap();
    let rows = [
        ["cadre_id", "post_id", "kind", "period"],
        ["C018", "VT01", "rotation", "1"],
        ["C018", "VT01", "placement", "4"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            prev.write(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(dir.path().join("prev.xlsx")).unwrap();
    assert!(!rotaplan::scenario::is_history_file(
        &dir.path().join("prev.xlsx#Chương trình")
    ));
    let text = std::fs::read_to_string(&yaml).unwrap().replace(
        "history: \"history.xlsx#Lịch sử\"",
        "history: \"history.xlsx#Lịch sử\"\n  previous: \"prev.xlsx#Chương trình\"",
    );
    std::fs::write(&yaml, text).unwrap();
    let with_prev = rotaplan::scenario::load(&yaml).unwrap();
    let previous = with_prev
        .programme
        .as_ref()
        .unwrap()
        .replan
        .previous
        .clone();
    assert_eq!(previous.map(|p| p.len()), Some(2));
}

/// An executed rotation is not held to H3: the certificate the cadre had on the move's date is
/// not in the tables (a `health_cert_date` after the plan date is E2009). C031's certificate is
/// too old on the first period's date; the history's rotation of May 2027 was infeasible.
#[test]
fn an_executed_rotation_is_not_held_to_the_health_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let sc = shipped_with_history(
        dir.path(),
        "cadre_id,post_id,kind,start\nC031,VT75,rotation,2027-05-01\n",
    )
    .unwrap();
    let c031 = sc.cadres.iter().position(|c| c.id == "C031").unwrap() as CadreIx;
    let tl = Timeline::new(&sc).unwrap();
    let ctx = rotaplan::rules::RuleContext::new(&tl.at[0]);
    let vt75 = sc.posts.iter().position(|p| p.id == "VT75").unwrap() as PostIx;
    assert_eq!(
        ctx.check_rule(RuleId::H3, c031, vt75).map_err(|b| b.rule),
        Err(RuleId::H3)
    );
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert_eq!(done.plan.status, SolveStatus::Optimal);
    assert!(done.violations.is_empty(), "{:#?}", done.violations);
    assert!(done.plan.moves.iter().any(|m| m.cadre == c031
        && m.post == vt75
        && m.kind == MoveKind::Rotation
        && m.period == 0));
    // The same rotation planned (no history) breaks H3 for the checker.
    let base = shipped();
    let planned = vec![Move {
        cadre: c031,
        post: vt75,
        period: 0,
        kind: MoveKind::Rotation,
    }];
    assert!(check(&base, &planned).iter().any(|v| v.rule == RuleId::H3));
}

/// A move made after its post fell vacant inside the period: VT02 is vacant from 2027-07-01 and
/// C068 was rotated onto it on 2027-08-01. The seat was judged on the period's date (2027-01-01,
/// still taken) and the history was infeasible; it is kept, and the checker passes it.
#[test]
fn a_move_onto_a_post_that_fell_vacant_earlier_in_its_period_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let sc = shipped_with_history(
        dir.path(),
        "cadre_id,post_id,kind,start\nC068,VT02,rotation,2027-08-01\n",
    )
    .unwrap();
    let vt02 = sc.posts.iter().position(|p| p.id == "VT02").unwrap() as PostIx;
    assert_eq!(shipped().post(vt02).vacant_from, Some(d("2027-07-01")));
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert_eq!(done.plan.status, SolveStatus::Optimal);
    assert!(done.violations.is_empty(), "{:#?}", done.violations);
    assert!(done.plan.moves.iter().any(|m| m.post == vt02
        && sc.cadre(m.cadre).id == "C068"
        && m.kind == MoveKind::Rotation
        && m.period == 0));
}

/// Two executed rotations onto VT13 (2 seats) in 2027, closed by `as_of`, while its holder C018
/// has no executed move: the note names the post, both history lines and the holder (it said
/// only that the moves "cannot all hold together"). With the holder's move in the history, the
/// same moves hold.
#[test]
fn a_history_that_overfills_a_post_names_the_post_its_moves_and_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let rows = "cadre_id,post_id,kind,start\nC033,VT13,rotation,2027-01-01\nC093,VT13,rotation,2027-01-01\n";
    shipped_with_history(dir.path(), rows).unwrap();
    let yaml_path = dir.path().join("programme.yaml");
    let yaml = std::fs::read_to_string(&yaml_path).unwrap().replace(
        "  history: history.csv\n",
        "  history: history.csv\n  as_of: 2028-02-01\n",
    );
    std::fs::write(&yaml_path, yaml).unwrap();
    let sc = rotaplan::scenario::load(&yaml_path).unwrap();
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert_eq!(done.plan.status, SolveStatus::Infeasible);
    let note = done.plan.note.clone().unwrap();
    let over = note
        .0
        .iter()
        .find_map(|n| match n {
            rotaplan::solve::programme::ProgrammeNote::HistorySeatsOverfilled(o) => Some(o),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{note:?}"));
    assert_eq!(over.len(), 1);
    assert_eq!(
        (over[0].post.as_str(), over[0].period, over[0].seats),
        ("VT13", 1, 2)
    );
    assert_eq!(
        over[0].moves,
        vec![(2, "C033".to_string()), (3, "C093".to_string())]
    );
    assert_eq!(over[0].holder.as_deref(), Some("C018"));
    let words = note.to_string();
    assert!(words.contains("VT13 has 2 seat(s) in period 1"), "{words}");
    // The holder's own executed move frees the seat: the history holds.
    std::fs::write(
        dir.path().join("history.csv"),
        format!("{rows}C018,VT03,rotation,2027-01-01\n"),
    )
    .unwrap();
    let sc = rotaplan::scenario::load(&yaml_path).unwrap();
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert!(done.plan.status.has_plan(), "{:?}", done.plan.note);
    assert!(done.violations.is_empty(), "{:#?}", done.violations);
}

/// A cadre still in service on the placement's date is placed, whatever is left of the month:
/// R retires 2029-07-31 and the placement falls due 2029-07-15. The planner wanted a whole month
/// left and left R unplaced ("retired on 2029-07-31, before the placement on 2029-07-15"), while
/// the checker and the running rotations read "retired before the date".
#[test]
fn a_placement_in_the_month_of_retirement_is_made_when_still_in_service() {
    let sc =
        rotaplan::scenario::load(&root().join("tests/fixtures/programme-retire/scenario.yaml"))
            .unwrap();
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert!(done.violations.is_empty(), "{:#?}", done.violations);
    assert!(done.plan.unplaced.is_empty(), "{:?}", done.plan.unplaced);
    assert!(
        done.plan
            .moves
            .iter()
            .any(|m| m.kind == MoveKind::Placement && m.period == 1),
        "{:?}",
        done.plan.moves
    );
}

/// `explain --period` names what keeps a cadre out beyond the rules of the date: a relative the
/// post would put beside them (H10 across the programme: B as deputy of U3, where relative S
/// holds the accounting post) and a forbid of that period (S3). It said every post passed and
/// blamed the seats.
#[test]
fn explain_period_names_a_relative_beside_and_a_forbid_of_the_period() {
    use rotaplan::explain::programme::PeriodFinding as F;
    let explained = |case: &str, cadre: &str| {
        let sc = rotaplan::scenario::load(&root().join(format!(
            "tests/fixtures/explain-period-{case}/scenario.yaml"
        )))
        .unwrap();
        let done = rotaplan::plan_programme(&sc).unwrap();
        let c = sc.cadres.iter().position(|x| x.id == cadre).unwrap() as CadreIx;
        rotaplan::explain::programme::explain_period(&sc, &done.plan, c, 0).findings
    };
    let f = explained("ph10", "B");
    assert!(
        f.iter().any(
            |x| matches!(x, F::Relative { post, relative, relative_post, unit }
            if post == "VT2" && relative == "S" && relative_post == "VT1" && unit == "U3")
        ),
        "{f:#?}"
    );
    let f = explained("pp1", "A");
    assert!(
        f.iter()
            .any(|x| matches!(x, F::Forbidden { posts } if posts == &vec!["VT1".to_string()])),
        "{f:#?}"
    );
    assert!(!f.iter().any(|x| matches!(x, F::NoSeat { .. })), "{f:#?}");
}

/// A programme's pin that breaks a rule in its period is named with the rule, as a single plan
/// names it (W is local to minh-giang and VT1 is a not-local post): it said only that the pins
/// "cannot all hold". R's pin, kept by a placement (not a rotation), is not named.
#[test]
fn a_pin_that_breaks_a_rule_in_its_period_is_named_with_the_rule() {
    use rotaplan::solve::programme::ProgrammeNote;
    let sc =
        rotaplan::scenario::load(&root().join("tests/fixtures/programme-pin-h8/scenario.yaml"))
            .unwrap();
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert_eq!(done.plan.status, SolveStatus::Infeasible);
    let note = done.plan.note.clone().unwrap();
    let pins = note
        .0
        .iter()
        .find_map(|n| match n {
            ProgrammeNote::PinsBreakRules(p) => Some(p),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{note:?}"));
    assert_eq!(pins.len(), 1);
    assert_eq!(
        (
            pins[0].cadre.as_str(),
            pins[0].post.as_str(),
            pins[0].period
        ),
        ("W", "VT1", 2)
    );
    assert_eq!(pins[0].breach.rule, rotaplan::rules::RuleId::H8);
}

/// H10's pair rule at a period's date reads where a leading relative is on that date: C, head of
/// U4, retires 2028-06-30 (`retired.yaml`) or is pinned away to U2 in 2027 (`moved-away.yaml`);
/// D, C's relative, may then take U4's treasury post. Both programmes were rejected ("relative
/// C is head of U4" in 2029), and the planner left the must-fill post empty for five years. A
/// relative who still holds the sensitive post keeps the other out (`holder-stays.yaml`), and
/// two relatives who both moved are named with both moves.
#[test]
fn h10_reads_a_relatives_role_on_the_periods_date() {
    let dir = root().join("tests/fixtures/programme-h10-date");
    let load = |name: &str| rotaplan::scenario::load(&dir.join(name)).unwrap();
    let moves = |sc: &Scenario, file: &str| {
        rotaplan::scenario::read_programme(&dir.join(file), sc)
            .unwrap()
            .moves
    };
    let h10 = |v: &[rotaplan::check::Violation]| v.iter().any(|v| v.rule == RuleId::H10);
    let retired = load("retired.yaml");
    let v = check(&retired, &moves(&retired, "good-d-vtt.csv"));
    assert!(!h10(&v), "{v:#?}");
    let moved = load("moved-away.yaml");
    let v = check(&moved, &moves(&moved, "d-after-c-left.csv"));
    assert!(!h10(&v), "{v:#?}");
    let stays = load("holder-stays.yaml");
    let v = check(&stays, &moves(&stays, "bad-h10.csv"));
    assert!(h10(&v), "{v:#?}");
    assert!(
        v.iter().any(|x| matches!(
            x.detail,
            rotaplan::check::Problem::Programme(
                rotaplan::check::ProgrammeProblem::Relatives { .. }
            )
        )),
        "{v:#?}"
    );
    // Every H10 breach names the move (A to U3's head post), not B, A's relative, who holds
    // U3's sensitive post and did not move (B comes first in cadres.csv: it was named).
    for x in v.iter().filter(|x| x.rule == RuleId::H10) {
        assert_eq!(x.cadre.as_deref(), Some("A"), "{x:#?}");
        if let rotaplan::check::Problem::Programme(rotaplan::check::ProgrammeProblem::Relatives {
            second,
            holder,
            ..
        }) = &x.detail
        {
            assert!(*holder && second.0 == "B", "{x:#?}");
            let words = x.detail.to_string();
            assert!(
                words.contains("A → VTD, where B still holds VTS"),
                "{words}"
            );
        }
    }
    // Both relatives moved (C to U3's deputy post, D to U3's accounting post, which B leaves in
    // the same period): the breach names both moves.
    let v = check(&stays, &moves(&stays, "both-moved.csv"));
    let both: Vec<_> = v.iter().filter(|x| x.rule == RuleId::H10).collect();
    assert!(!both.is_empty(), "{v:#?}");
    for x in both {
        let rotaplan::check::Problem::Programme(rotaplan::check::ProgrammeProblem::Relatives {
            holder,
            ..
        }) = &x.detail
        else {
            panic!("{x:#?}");
        };
        assert!(!*holder, "{x:#?}");
        let words = x.detail.to_string();
        assert!(
            words.contains("C → VTD and D → VTS") || words.contains("D → VTS and C → VTD"),
            "{words}"
        );
    }
    // A holder who leads by cadres.csv's role but holds a post whose role is member: the rows
    // across the programme read the post's role, so the pair rule still keeps D out.
    let member = load("holder-member.yaml");
    let v = check(&member, &moves(&member, "d-vtt-1.csv"));
    assert!(h10(&v), "{v:#?}");
    // The planner fills U4's treasury post with D once C has retired.
    let done = rotaplan::plan_programme(&retired).unwrap();
    assert!(done.violations.is_empty(), "{:#?}", done.violations);
    let d = retired.cadres.iter().position(|c| c.id == "D").unwrap() as CadreIx;
    let vtt = retired.posts.iter().position(|p| p.id == "VTT").unwrap() as PostIx;
    assert!(
        done.plan
            .moves
            .iter()
            .any(|m| m.cadre == d && m.post == vtt && m.period >= 2),
        "{:?}",
        done.plan.moves
    );
}

/// review.html of a programme with no move (an infeasible one) says there is nothing to review;
/// it had empty tables and bar charts with no bars, and did not say why.
#[test]
fn the_review_page_of_an_empty_programme_says_there_is_nothing_to_review() {
    let sc = shipped();
    let page = rotaplan::report::review_page::review_html(
        &sc,
        &Default::default(),
        "programme.csv",
        Lang::En,
    );
    assert!(page.contains("there is nothing to review"), "{page}");
    assert!(!page.contains("<svg"), "{page}");
}

/// `explain --period --format json` counts periods from 1, as its text, programme.csv and
/// programme.json do (it said `"period": 0` for the first).
#[test]
fn explain_period_json_counts_periods_from_one() {
    let sc =
        rotaplan::scenario::load(&root().join("tests/fixtures/explain-period-ph10/scenario.yaml"))
            .unwrap();
    let done = rotaplan::plan_programme(&sc).unwrap();
    let c = sc.cadres.iter().position(|x| x.id == "B").unwrap() as CadreIx;
    let e = rotaplan::explain::programme::explain_period(&sc, &done.plan, c, 0);
    let json: serde_json::Value =
        serde_json::from_str(&rotaplan::report::explain_period_json(&e, Lang::En)).unwrap();
    assert_eq!(json["period"], 1, "{json}");
    assert!(
        json["moves"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["period"].as_u64().is_some_and(|p| p >= 1)),
        "{json}"
    );
}

#[test]
fn check_scores_a_programme_file_as_the_planner_scored_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let yaml = root().join("scenarios/programme/programme.yaml");
    let o = crate::common::rotaplan()
        .args(["-q", "plan"])
        .arg(&yaml)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("programme.json")).unwrap())
            .unwrap();
    let total = json["objective"]["total"].as_f64().unwrap();
    let check = |format: &str| {
        let o = crate::common::rotaplan()
            .args(["check", "--format", format])
            .arg(&yaml)
            .arg(out.join("programme.csv"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let text = check("table");
    assert!(
        text.contains(&format!("Score of the programme: objective {total}")),
        "{total}: {text}"
    );
    // The KPI table, a row per period.
    assert!(text.contains("certificates to renew"), "{text}");
    let j: serde_json::Value = serde_json::from_str(&check("json")).unwrap();
    assert_eq!(
        j["score"]["objective"]["total"].as_f64(),
        Some(total),
        "{j}"
    );
    assert_eq!(j["score"]["kpis"], json["kpis"], "{j}");
    assert_eq!(j["violations"], serde_json::json!([]));
}

/// A programme starting after its plan date: its first period is in the future, so an old
/// health certificate asks for a renewal there (DOMAIN.md), as in every later period; only on
/// the plan date itself does H3 exclude.
#[test]
fn h3_excludes_only_on_the_plan_date_even_in_the_first_period() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join("scenarios/programme")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    let yaml = dir.path().join("programme.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    let later = text.replace("  start: 2027-01-01", "  start: 2027-07-01");
    assert_ne!(later, text);
    std::fs::write(dir.path().join("later.yaml"), later).unwrap();
    let on_plan_date = rotaplan::scenario::load(&yaml).unwrap();
    let later = rotaplan::scenario::load(&dir.path().join("later.yaml")).unwrap();
    // A cadre whose certificate is too old on the plan date.
    let old = |sc: &Scenario| {
        (0..sc.cadres.len() as CadreIx)
            .find(|&c| rotaplan::rules::h3_health_certificate(sc, sc.cadre(c)).is_err())
            .expect("a cadre with an old certificate")
    };
    let c = old(&on_plan_date);
    for (sc, excludes) in [(&on_plan_date, true), (&later, false)] {
        let tl = Timeline::new(sc).unwrap();
        let ctxs = tl.contexts();
        let movable = rotaplan::programme::cadre_movable(&ctxs[0], c);
        assert_eq!(
            movable.as_ref().is_err_and(|b| b.rule == RuleId::H3),
            excludes,
            "{movable:?}"
        );
        assert_eq!(
            rotaplan::programme::needs_certificate(&ctxs[0], c),
            !excludes
        );
        // The checker agrees: a rotation of that cadre in period 1 breaks H3 only on the plan date.
        let p = (0..sc.posts.len() as PostIx)
            .find(|&p| {
                let b = rotaplan::programme::rotation_breaches(&ctxs[1], c, p);
                b.is_empty()
            })
            .expect("a post the cadre may take in period 2");
        let moves = [Move {
            cadre: c,
            post: p,
            kind: MoveKind::Rotation,
            period: 0,
        }];
        let h3 = check(sc, &moves).iter().any(|v| v.rule == RuleId::H3);
        assert_eq!(h3, excludes);
    }
}

/// H9 in a programme counts a head's terms only while they head the unit: X, head of U02 for one
/// term, rotated away in 2029, may be placed back on U02's head post in 2032 (the term
/// `scenario_at` adds at 60 months is not X's). With two terms before the programme, not.
#[test]
fn a_head_rotated_away_gains_no_term_while_away() {
    let dir = root().join("tests/fixtures/programme-h9-left");
    let sc = rotaplan::scenario::load(&dir.join("scenario.yaml")).unwrap();
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert!(done.plan.status.has_plan(), "{:?}", done.plan.note);
    assert!(done.violations.is_empty(), "{:?}", done.violations);
    let x = sc.cadres.iter().position(|c| c.id == "X").unwrap() as CadreIx;
    let vh2 = sc.posts.iter().position(|p| p.id == "VH2").unwrap() as PostIx;
    assert!(
        done.plan.moves.iter().any(|m| m.cadre == x
            && m.post == vh2
            && m.kind == MoveKind::Placement
            && m.period == 5),
        "{:?}",
        done.plan.moves
    );
    let moves = done.plan.moves.clone();
    assert!(check(&sc, &moves).is_empty());
    // Two terms as head of U02 already: a third is H9 whenever it comes.
    let mut two = sc.clone();
    let mut cadres = (*two.cadres).clone();
    cadres[x as usize].head_terms = vec![(sc.post(vh2).unit, 2)];
    two.cadres = Arc::new(cadres);
    assert!(
        check(&two, &moves)
            .iter()
            .any(|v| v.rule == RuleId::H9 && v.cadre.as_deref() == Some("X")),
        "{:?}",
        check(&two, &moves)
    );
}

/// `explain --period` names the placement that cannot follow a rotation in that period, with the
/// rules (and forbids) that keep every post out then, instead of "no seat, or no placement".
#[test]
fn explain_period_names_the_placement_no_post_can_take() {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("tests/fixtures/programme-h9-left");
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    // Two terms as head of U02 already: the way back to VH2 is H9; VB is forbidden in 2032.
    let cadres = std::fs::read_to_string(dir.path().join("cadres.csv")).unwrap();
    std::fs::write(
        dir.path().join("cadres.csv"),
        cadres.replace("U02:1", "U02:2"),
    )
    .unwrap();
    let yaml = std::fs::read_to_string(dir.path().join("scenario.yaml")).unwrap();
    let unpinned = yaml.replace("pins:\n  - {cadre: X, post: VB, period: 2029}\n", "");
    assert_ne!(unpinned, yaml);
    std::fs::write(dir.path().join("scenario.yaml"), unpinned).unwrap();
    let o = crate::common::rotaplan()
        .arg("explain")
        .arg(dir.path().join("scenario.yaml"))
        .args(["--cadre", "X", "--period", "2029"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("no post can take the placement that must follow it in period 6 (2032-01-01)"),
        "{out}"
    );
    assert!(out.contains("1 post(s) excluded by H9"), "{out}");
    assert!(
        out.contains("forbids 1 of these post(s)") && out.contains(": VB"),
        "{out}"
    );
}

/// A running rotation's cadre whom the programme leaves unplaced (every post forbidden) was said
/// by `explain --period` to be "placed after it": it is due a placement, and left unplaced.
#[test]
fn explain_period_says_a_running_rotations_cadre_is_left_unplaced() {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("scenarios/programme");
    for f in ["units.csv", "posts.csv", "cadres.csv"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let posts = std::fs::read_to_string(src.join("posts.csv")).unwrap();
    let forbids: String = posts
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(|p| format!("  - {{cadre: C232, post: {p}}}\n"))
        .collect();
    let yaml = std::fs::read_to_string(src.join("programme.yaml")).unwrap();
    std::fs::write(
        dir.path().join("programme.yaml"),
        format!("{yaml}forbids:\n{forbids}"),
    )
    .unwrap();
    let o = crate::common::rotaplan()
        .arg("explain")
        .arg(dir.path().join("programme.yaml"))
        .args(["--cadre", "C232", "--period", "2028"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("C232 is due a placement after it in period 2")
            && out.contains("the programme leaves C232 unplaced"),
        "{out}"
    );
    assert!(!out.contains("C232 is placed after"), "{out}");
}

/// Yearly periods over 2027–2031, for the hand-made cases.
const FIVE_YEARS: &str =
    "programme:\n  start: 2027-01-01\n  end: 2031-12-31\n  period_months: 12\n";

/// `rotaplan --lang en <args>`: its stdout.
fn said_en(args: &[&std::ffi::OsStr]) -> String {
    let o = crate::common::rotaplan()
        .args(["--lang", "en"])
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A programme file of `rows` (cadre_id,post_id,kind,period) named `name` in `dir`.
fn moves_file(dir: &std::path::Path, name: &str, rows: &str) -> std::path::PathBuf {
    let file = dir.join(name);
    std::fs::write(&file, format!("cadre_id,post_id,kind,period\n{rows}")).unwrap();
    file
}

/// `rotaplan --lang en plan <yaml> --out <out>`, which must succeed: its stdout.
fn planned_en(yaml: &std::path::Path, out: &std::path::Path) -> String {
    let o = crate::common::rotaplan()
        .args(["--lang", "en", "plan"])
        .arg(yaml)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Units of Lào Cai (U2, U3) and Tuyên Quang (U5) for the hand-made cases below.
const HAND_UNITS: &str = "id,name,tier,province,region,shortage,difficult\n\
    U1,Ban Tổ chức Trung ương,central,,Đồng bằng sông Hồng,0,false\n\
    U2,Tỉnh ủy Lào Cai,province,lao-cai,Trung du và miền núi phía Bắc,1,false\n\
    U3,UBND tỉnh Lào Cai,province,lao-cai,Trung du và miền núi phía Bắc,1,false\n\
    U5,Tỉnh ủy Tuyên Quang,province,tuyen-quang,Trung du và miền núi phía Bắc,1,false\n";
const HAND_CADRES: &str = "id,name,sex,birth_date,birth_province,hometown_province,current_unit,current_role,current_rank,sector,planned_titles,outstanding,rating,health_cert_date,rotation_end,worked_years,head_terms,relatives,ethnic_minority\n";

fn hand_case(
    dir: &std::path::Path,
    programme: &str,
    posts: &str,
    cadres: &str,
) -> std::path::PathBuf {
    std::fs::write(dir.join("units.csv"), HAND_UNITS).unwrap();
    std::fs::write(
        dir.join("posts.csv"),
        format!("id,unit,title,rank,sector,role,not_local,function,seats,criticality,holder_id,vacant_from\n{posts}"),
    )
    .unwrap();
    std::fs::write(dir.join("cadres.csv"), format!("{HAND_CADRES}{cadres}")).unwrap();
    let yaml = dir.join("s.yaml");
    std::fs::write(
        &yaml,
        format!("plan_date: 2027-01-01\ntables:\n  units: units.csv\n  posts: posts.csv\n  cadres: cadres.csv\n{programme}"),
    )
    .unwrap();
    yaml
}

/// H8 at a period's date: the years worked in the province of the cadre's unit grow with the
/// date. 19 years in Lào Cai on the plan date are 21 in 2029, so the cadre is local there and
/// may not be its party secretary then; in 2027 they may.
#[test]
fn the_years_worked_in_a_province_grow_with_the_periods_date() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = hand_case(
        tmp.path(),
        FIVE_YEARS,
        "BT,U2,Bí thư Tỉnh ủy,6,Đảng,head,,,1,3,,\nP2,U1,Phó Ban,6,Đảng,member,,,1,3,,\n",
        "WY,Cán bộ WY,M,1985-01-01,ha-noi,ha-noi,U3,member,6,Đảng,Phó Ban,false,3,2026-12-01,,lao-cai:19,,,false\n",
    );
    let check = |period: u32| {
        let file = tmp.path().join(format!("p{period}.csv"));
        std::fs::write(
            &file,
            format!("cadre_id,post_id,kind,period\nWY,BT,rotation,{period}\n"),
        )
        .unwrap();
        said_en(&["check".as_ref(), yaml.as_os_str(), file.as_os_str()])
    };
    let in_2029 = check(3);
    assert!(
        in_2029.contains("H8") && in_2029.contains("21 years in lao-cai"),
        "{in_2029}"
    );
    let in_2027 = check(1);
    assert!(!in_2027.contains("H8"), "{in_2027}");
    let sc = rotaplan::scenario::load(&yaml).unwrap();
    let at = rotaplan::programme::scenario_at(&sc, d("2029-01-01"));
    assert_eq!(
        at.cadres[0].worked_years,
        vec![("lao-cai".to_string(), 21.0)]
    );
}

/// A single plan (no `programme:`) fills only the seats free on its date: a post whose holder
/// stays, or that falls vacant later, is not filled, `check` rejects a plan that fills it (H7),
/// and the tables' note names both posts.
#[test]
fn a_single_plan_does_not_fill_a_post_held_on_its_date() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = hand_case(
        tmp.path(),
        "",
        "P1,U2,Phó Ban,6,Đảng,member,,,1,3,,2030-01-01\nP2,U3,Phó Ban,6,Đảng,member,,,1,3,HQ,\nP3,U3,Phó Ban,6,Đảng,member,,,2,3,HR,\n",
        "HQ,Cán bộ HQ,M,1985-01-01,ha-noi,ha-noi,U3,member,6,Đảng,Phó Ban,false,3,2026-12-01,,,,,false\n\
         HR,Cán bộ HR,M,1960-01-01,ha-noi,ha-noi,U3,member,6,Đảng,Phó Ban,false,3,2026-12-01,,,,,false\n\
         A1,Cán bộ A1,M,1985-01-01,ha-noi,ha-noi,U5,member,6,Đảng,Phó Ban,false,3,2026-12-01,,,,,false\n\
         A2,Cán bộ A2,M,1985-01-01,ha-noi,ha-noi,U5,member,6,Đảng,Phó Ban,false,3,2026-12-01,,,,,false\n",
    );
    let sc = rotaplan::scenario::load(&yaml).unwrap();
    // HR retired in 2020: P3's two seats are free.
    let seats: Vec<u32> = sc.posts.iter().map(|p| p.seats).collect();
    assert_eq!(seats, vec![0, 0, 2]);
    let o = crate::common::rotaplan()
        .args(["--lang", "en", "validate"])
        .arg(&yaml)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        said.contains("2 post(s) not vacant on the plan date 2027-01-01"),
        "{said}"
    );
    assert!(said.contains("P1 (2030-01-01); P2 (HQ)"), "{said}");
    let out = tmp.path().join("out");
    planned_en(&yaml, &out);
    let plan = std::fs::read_to_string(out.join("plan.csv")).unwrap();
    assert!(!plan.contains(",P1,") && !plan.contains(",P2,"), "{plan}");
    assert_eq!(plan.matches(",P3,").count(), 2, "{plan}");
    let bad = tmp.path().join("bad.csv");
    std::fs::write(&bad, "cadre_id,post_id\nA1,P2\nA2,P1\n").unwrap();
    let o = crate::common::rotaplan()
        .args(["--lang", "en", "check"])
        .arg(&yaml)
        .arg(&bad)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(!o.status.success() && said.contains("H7"), "{said}");
    // Each H7 says why the post has no seat on the plan date.
    assert!(
        said.contains("its holder HQ (posts.csv holder_id) is still there"),
        "{said}"
    );
    assert!(
        said.contains("it falls vacant only on 2030-01-01"),
        "{said}"
    );
}

/// `explain --period` quotes H2's threshold that applies: with no not-local post and no term
/// limit, 120 months, never the policy's 60.
#[test]
fn explain_period_quotes_the_h2_threshold_that_applies() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = hand_case(
        tmp.path(),
        FIVE_YEARS,
        "P2,U1,Phó Ban,6,Đảng,member,,,1,3,,\nP3,U5,Phó Ban,6,Đảng,member,,,1,3,,\n",
        "HR,Cán bộ HR,M,1966-12-20,ha-noi,ha-noi,U3,member,6,Đảng,Phó Ban,false,3,2026-12-01,,,,,false\n",
    );
    let said = said_en(&[
        "explain".as_ref(),
        yaml.as_os_str(),
        "--cadre".as_ref(),
        "HR".as_ref(),
        "--period".as_ref(),
        "2028".as_ref(),
    ]);
    assert!(said.contains("120 needed"), "{said}");
    assert!(!said.contains("60 needed"), "{said}");
}

/// H8's years stop growing where a cadre has left: rotated from Lào Cai to Tuyên Quang in 2027
/// with 18 years in Lào Cai, the cadre placed back as Lào Cai's party secretary in 2030 still has
/// 18 years there (not 21), and is not local.
#[test]
fn the_years_worked_stop_growing_once_the_cadre_is_rotated_away() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = hand_case(
        tmp.path(),
        FIVE_YEARS,
        "BT,U2,Bí thư Tỉnh ủy,6,Đảng,head,,,1,3,,\nP5,U5,Phó Ban,6,Đảng,member,,,1,3,,\n",
        "WY,Cán bộ WY,M,1985-01-01,ha-noi,ha-noi,U3,member,6,Đảng,Bí thư Tỉnh ủy,false,3,2026-12-01,,lao-cai:18,,,false\n",
    );
    let file = tmp.path().join("p.csv");
    std::fs::write(
        &file,
        "cadre_id,post_id,kind,period\nWY,P5,rotation,1\nWY,BT,placement,4\n",
    )
    .unwrap();
    let said = said_en(&["check".as_ref(), yaml.as_os_str(), file.as_os_str()]);
    assert!(!said.contains("H8"), "{said}");
}

/// A single plan's pin on a post whose holder stays is refused at the pin (it was "valid", and the
/// plan infeasible).
#[test]
fn a_pin_on_a_post_held_on_the_plan_date_is_refused_at_the_pin() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = hand_case(
        tmp.path(),
        "pins:\n  - {cadre: A1, post: P2}\n",
        "P2,U3,Phó Ban,6,Đảng,member,,,1,3,HQ,\n",
        "HQ,Cán bộ HQ,M,1985-01-01,ha-noi,ha-noi,U3,member,6,Đảng,Phó Ban,false,3,2026-12-01,,,,,false\n\
         A1,Cán bộ A1,M,1985-01-01,ha-noi,ha-noi,U5,member,6,Đảng,Phó Ban,false,3,2026-12-01,,,,,false\n",
    );
    let o = crate::common::rotaplan()
        .args(["--lang", "en", "validate"])
        .arg(&yaml)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("E3004") && err.contains("s.yaml:7"), "{err}");
    // The fix says why the seat is taken; no extra seat to approve for a held post.
    assert!(err.contains("\"P2\"'s holder \"HQ\""), "{err}");
    assert!(!err.contains("extra_seats"), "{err}");
}

/// A rotation that ends in retirement is due no placement. With `min_service_months: 24` a cadre
/// retiring on 2029-09-30 may be rotated in 2027 (33 months left); the rotation runs to 2030, so
/// the planner rotates them with no placement after, `check` accepts that, and the review counts
/// the rotation as ended by retirement, not as waiting for a placement.
#[test]
fn a_rotation_that_ends_in_retirement_is_due_no_placement() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = hand_case(
        tmp.path(),
        &format!("rules:\n  min_service_months: 24\n{FIVE_YEARS}"),
        "P2,U1,Phó Ban,6,Đảng,member,,,1,3,,\nP5,U5,Phó Ban,6,Đảng,member,,,1,3,,\n",
        "OL,Cán bộ OL,M,1967-09-01,ha-noi,ha-noi,U3,member,6,Đảng,Phó Ban,false,3,2026-12-01,,,,,false\n",
    );
    let out = tmp.path().join("out");
    planned_en(&yaml, &out);
    let programme = std::fs::read_to_string(out.join("programme.csv")).unwrap();
    assert!(
        programme.contains("OL,Cán bộ OL,P5,U5,rotation,1,"),
        "{programme}"
    );
    assert!(!programme.contains("placement"), "{programme}");
    let file = out.join("programme.csv");
    let checked = said_en(&["check".as_ref(), yaml.as_os_str(), file.as_os_str()]);
    assert!(checked.contains("passes every rule"), "{checked}");
    let review = said_en(&["review".as_ref(), yaml.as_os_str(), file.as_os_str()]);
    assert!(
        review.contains("retired before a placement could follow (none due)  1"),
        "{review}"
    );
    let why = said_en(&[
        "explain".as_ref(),
        yaml.as_os_str(),
        "--cadre".as_ref(),
        "OL".as_ref(),
        "--period".as_ref(),
        "2027".as_ref(),
    ]);
    assert!(!why.contains("no post can take the placement"), "{why}");
}

/// A must-fill post nobody can be moved onto, though a cadre passes its rules, says so with the
/// cadre count and where to ask, not an empty list of rules.
#[test]
fn an_empty_must_fill_post_whose_rules_pass_says_why_nobody_moved() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = hand_case(
        tmp.path(),
        &format!("forbids:\n  - {{cadre: A1, post: N4}}\n{FIVE_YEARS}"),
        "N4,U5,Phó Ban,6,Đảng,member,,,1,5,,\n",
        "A1,Cán bộ A1,M,1985-01-01,ha-noi,ha-noi,U3,member,6,Đảng,Phó Ban,false,3,2026-12-01,,,,,false\n",
    );
    let said = planned_en(&yaml, &tmp.path().join("out"));
    assert!(
        said.contains("N4 Phó Ban: no cadre can be moved onto it in any period: 1 of the 1 cadres pass its rules on 2027-01-01"),
        "{said}"
    );
}

/// H8 of a placement counts the years of the rotation before it where that rotation was: 18
/// years in Tuyên Quang and three more rotated there make the cadre local to it by the placement
/// (the checker passed a placement as its party secretary). Rotated elsewhere, the 18 years stay.
#[test]
fn a_placement_counts_the_rotations_years_in_its_province() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = hand_case(
        tmp.path(),
        FIVE_YEARS,
        "R5,U5,Phó Ban,6,Đảng,member,,,1,3,,\nP3,U3,Phó Ban,6,Đảng,member,,,1,3,,\nNL,U5,Bí thư Tỉnh ủy,6,Đảng,head,,,1,5,,\n",
        "W,Cán bộ W,M,1985-01-01,ha-noi,ha-noi,U1,member,6,Đảng,Bí thư Tỉnh ủy,false,3,2026-12-01,,tuyen-quang:18,,,false\n",
    );
    let check = |rotation: &str| {
        let file = moves_file(
            tmp.path(),
            &format!("{rotation}.csv"),
            &format!("W,{rotation},rotation,1\nW,NL,placement,4\n"),
        );
        said_en(&["check".as_ref(), yaml.as_os_str(), file.as_os_str()])
    };
    let there = check("R5");
    assert!(
        there.contains("H8") && there.contains("21 years in tuyen-quang"),
        "{there}"
    );
    let elsewhere = check("P3");
    assert!(elsewhere.contains("passes every rule"), "{elsewhere}");
    // The planner never makes the placement the checker refuses.
    let out = tmp.path().join("out");
    planned_en(&yaml, &out);
    let file = out.join("programme.csv");
    let checked = said_en(&["check".as_ref(), yaml.as_os_str(), file.as_os_str()]);
    assert!(checked.contains("passes every rule"), "{checked}");
}

/// A rotation that ends in retirement frees its seat the day after (it held it to the end of the
/// programme): T2 retires on 2029-12-31 rotated onto PA, and X may take PA from 2030. The
/// rotation's row ends on the retirement's date.
#[test]
fn a_rotation_that_ends_in_retirement_frees_its_seat() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = hand_case(
        tmp.path(),
        &format!("rules:\n  min_service_months: 24\n  min_service_months_policy: 12\n{FIVE_YEARS}"),
        "PA,U2,Phó Ban,6,Đảng,member,,,1,5,,\nPL,U5,Phó Ban,6,Đảng,member,,,1,1,,\n",
        "T2,Cán bộ T2,M,1967-12-10,ha-noi,ha-noi,U1,member,6,Đảng,Phó Ban,false,3,2026-12-01,,,,,false\n\
         X,Cán bộ X,M,1985-06-15,ha-noi,ha-noi,U1,member,6,Đảng,Phó Ban,false,3,2026-12-01,,,,,false\n",
    );
    let file = moves_file(
        tmp.path(),
        "t.csv",
        "T2,PA,rotation,2\nX,PL,rotation,1\nX,PA,placement,4\n",
    );
    let checked = said_en(&["check".as_ref(), yaml.as_os_str(), file.as_os_str()]);
    assert!(checked.contains("passes every rule"), "{checked}");
    let out = tmp.path().join("out");
    planned_en(&yaml, &out);
    let programme = std::fs::read_to_string(out.join("programme.csv")).unwrap();
    assert!(
        programme.contains("T2,Cán bộ T2,PA,U2,rotation,2,2028-01-01,2029-12-31"),
        "{programme}"
    );
    assert!(
        programme.contains("X,Cán bộ X,PA,U2,placement,4,"),
        "{programme}"
    );
}

/// H10 the other way round in a single plan: B holds the accounting post of U2 (posts.csv
/// `holder_id`) and stays there, so B's relative A may not be made U2's head. A programme read
/// it so; a single plan planned it and `check` passed it.
#[test]
fn a_single_plan_keeps_a_relative_from_leading_where_the_holder_of_a_sensitive_post_stays() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = hand_case(
        tmp.path(),
        "",
        "HU2,U2,Giám đốc,6,Đảng,head,,,1,5,,\nSENS,U2,Kế toán trưởng,5,Đảng,member,,accounting,1,3,B,\n",
        "A,Cán bộ A,M,1985-06-15,ha-noi,ha-noi,U1,member,6,Đảng,Giám đốc,false,3,2026-12-01,,,,B,false\n\
         B,Cán bộ B,M,1985-06-15,ha-noi,ha-noi,U2,member,5,Đảng,,false,3,2026-12-01,,,,,false\n",
    );
    let file = tmp.path().join("t.csv");
    std::fs::write(&file, "cadre_id,post_id\nA,HU2\n").unwrap();
    let checked = said_en(&["check".as_ref(), yaml.as_os_str(), file.as_os_str()]);
    assert!(
        checked.contains("H10") && checked.contains("holds the sensitive post SENS"),
        "{checked}"
    );
    let out = tmp.path().join("out");
    planned_en(&yaml, &out);
    let plan = std::fs::read_to_string(out.join("plan.csv")).unwrap();
    assert!(!plan.contains("HU2"), "{plan}");
    let why = said_en(&[
        "explain".as_ref(),
        yaml.as_os_str(),
        "--cadre".as_ref(),
        "A".as_ref(),
        "--post".as_ref(),
        "HU2".as_ref(),
    ]);
    assert!(why.contains("holds the sensitive post SENS"), "{why}");
}

/// A programme's pins are moves in years: a cadre's rotation pinned to 2027 and placement to
/// 2030, and another cadre pinned to the first one's post in 2030, are a programme (both were
/// refused as a single plan's pins: E3003, E3004). Two pins of one cadre in one year, or two on
/// one seat in one year, still are refused.
#[test]
fn a_programmes_pins_are_counted_by_year() {
    let tmp = tempfile::tempdir().unwrap();
    let posts = "PA,U2,Phó Ban,6,Đảng,member,,,1,5,,\nPL,U5,Phó Ban,6,Đảng,member,,,2,1,,\n";
    let cadres = "X,Cán bộ X,M,1985-06-15,ha-noi,ha-noi,U1,member,6,Đảng,Phó Ban,false,3,2026-12-01,,,,,false\n\
         Y,Cán bộ Y,M,1985-06-15,ha-noi,ha-noi,U1,member,6,Đảng,Phó Ban,false,3,2026-12-01,,,,,false\n";
    let pins = |a: &str, b: &str| {
        format!(
            "pins:\n  - {{cadre: X, post: PA, period: 2027}}\n  - {{cadre: {a}, post: {b}, period: 2030}}\n{FIVE_YEARS}"
        )
    };
    for (a, b, moved) in [
        ("Y", "PA", "Y,Cán bộ Y,PA,U2,placement,4,"),
        ("X", "PL", "X,Cán bộ X,PL,U5,placement,4,"),
    ] {
        let dir = tmp.path().join(format!("{a}{b}"));
        std::fs::create_dir(&dir).unwrap();
        let yaml = hand_case(&dir, &pins(a, b), posts, cadres);
        planned_en(&yaml, &dir.join("out"));
        let programme = std::fs::read_to_string(dir.join("out/programme.csv")).unwrap();
        assert!(
            programme.contains("X,Cán bộ X,PA,U2,rotation,1,"),
            "{programme}"
        );
        assert!(programme.contains(moved), "{programme}");
    }
    let same_year = |a: &str, b: &str| {
        let dir = tmp.path().join(format!("same{a}{b}"));
        std::fs::create_dir(&dir).unwrap();
        let yaml = hand_case(
            &dir,
            &pins(a, b).replace("period: 2030", "period: 2027"),
            posts,
            cadres,
        );
        let o = crate::common::rotaplan()
            .args(["--lang", "en", "validate"])
            .arg(&yaml)
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    // 2028 is inside X's rotation of 2027 (36 months): one seat, two pins. Not refused at load
    // (X's rotation would end early if X retired: such pins both hold, and were refused); the
    // solve finds no programme and names the pin to drop.
    let dir = tmp.path().join("inside");
    std::fs::create_dir(&dir).unwrap();
    let yaml = hand_case(
        &dir,
        &pins("Y", "PA").replace("period: 2030", "period: 2028"),
        posts,
        cadres,
    );
    let o = crate::common::rotaplan()
        .args(["--lang", "en", "plan", "--out"])
        .arg(dir.join("out"))
        .arg(&yaml)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(!String::from_utf8_lossy(&o.stderr).contains("E3004"));
    assert!(
        said.contains("status: infeasible") && said.contains("drop pin Y → PA in 2028 (S2)"),
        "{said}"
    );
    // The same pins, X retiring at the end of 2027: his seat is free in 2028, and both hold.
    let retiring = cadres.replacen("X,Cán bộ X,M,1985-06-15", "X,Cán bộ X,M,1966-03-10", 1);
    let dir = tmp.path().join("retiring");
    std::fs::create_dir(&dir).unwrap();
    let yaml = hand_case(
        &dir,
        &(pins("Y", "PA").replace("period: 2030", "period: 2028")
            + "rules: {min_service_months: 6, min_service_months_policy: 6}\n"),
        posts,
        &retiring,
    );
    planned_en(&yaml, &dir.join("out"));
    let programme = std::fs::read_to_string(dir.join("out/programme.csv")).unwrap();
    assert!(
        programme.contains("Y,Cán bộ Y,PA,U2,rotation,2,"),
        "{programme}"
    );
    let twice = same_year("X", "PL");
    assert!(twice.contains("E3003"), "{twice}");
    let over = same_year("Y", "PA");
    assert!(
        over.contains("E3004") && over.contains("another year"),
        "{over}"
    );
}

/// A placement on the rotation's own post (the cadre kept there) is said so by the review; it
/// was counted as "placed at an equal rank elsewhere".
#[test]
fn the_review_says_a_cadre_kept_on_the_rotations_post() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = hand_case(
        tmp.path(),
        FIVE_YEARS,
        "P5,U5,Phó Ban,6,Đảng,member,,,1,3,,\n",
        "A1,Cán bộ A1,M,1985-01-01,ha-noi,ha-noi,U3,member,6,Đảng,Phó Ban,false,3,2026-12-01,,,,,false\n",
    );
    let file = moves_file(tmp.path(), "p.csv", "A1,P5,rotation,1\nA1,P5,placement,4\n");
    let review = said_en(&["review".as_ref(), yaml.as_os_str(), file.as_os_str()]);
    assert!(
        review.contains("kept on the rotation's post at an equal rank  1"),
        "{review}"
    );
    assert!(!review.contains("elsewhere"), "{review}");
}

/// A placement the history moved (its executed rotation started two months after its period's
/// date, so the placement falls due a year later) changed because of the history, not for a
/// better value (the objective is the same).
#[test]
fn a_placement_moved_by_the_historys_dates_is_said_fixed_by_the_history() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = root().join("tests/fixtures/replan-late-start/scenario.yaml");
    let said = planned_en(&yaml, &tmp.path().join("out"));
    let line = said
        .lines()
        .find(|l| l.starts_with("X2 Name X2"))
        .unwrap_or_else(|| panic!("{said}"));
    assert!(line.contains("PR placement 2031-01-01"), "{line}");
    assert!(line.contains("history fixed"), "{line}");
}

/// A rotated cadre who retires frees the seat: the KPIs count it vacant from then (they counted
/// it taken to the programme's end, while the seat logic let another cadre take it).
#[test]
fn a_seat_a_rotated_cadre_retires_from_is_counted_vacant() {
    let tmp = tempfile::tempdir().unwrap();
    let yaml = hand_case(
        tmp.path(),
        &format!("rules: {{min_service_months: 24, min_service_months_policy: 24}}\n{FIVE_YEARS}"),
        "P,U3,Phó Chủ tịch,5,Đảng,deputy,,,1,3,,\n",
        "X,Cán bộ X,M,1967-12-10,ha-noi,ha-noi,U1,member,5,Đảng,Phó Chủ tịch,false,3,2026-12-01,,,,,false\n",
    );
    let programme = tmp.path().join("h.csv");
    std::fs::write(&programme, "cadre_id,post_id,kind,period\nX,P,rotation,1\n").unwrap();
    let o = crate::common::rotaplan()
        .args(["--lang", "en", "check"])
        .arg(&yaml)
        .arg(&programme)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // Vacant seats by period: taken by X in 2027–2029, free once he retires (end of 2029).
    let vacant: Vec<&str> = said
        .lines()
        .filter(|l| {
            l.split_whitespace()
                .nth(1)
                .is_some_and(|d| d.ends_with("-01-01"))
        })
        .filter_map(|l| l.split_whitespace().nth(5))
        .collect();
    assert_eq!(vacant, ["0", "0", "0", "1", "1"], "{said}");
}

/// A programme's posts.csv and history as offices write them read as the plain ones: Vietnamese
/// headers for the holder and the vacancy date; a holder with the name beside the id, in either
/// order, and "-", "Không", "Trống" for none; a dash for no vacancy date. A history headed with
/// its date order (`Từ ngày (tháng/ngày/năm)`) is read in that order, as the tables are, with its
/// written-out dates; a `Kỳ` column kept for people leaves it a history for `review`.
#[test]
fn programme_tables_as_offices_write_them_read_as_the_plain_ones() {
    let src = root().join("scenarios/programme");
    let dir = tempfile::tempdir().unwrap();
    for f in ["programme.yaml", "units.csv", "cadres.csv"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let posts = std::fs::read_to_string(src.join("posts.csv")).unwrap();
    let sc = shipped();
    let name = |id: &str| sc.cadres.iter().find(|c| c.id == id).unwrap().name.clone();
    let mut out = Vec::new();
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(posts.as_bytes());
    let quote = |c: &str| {
        if c.contains([',', '"']) {
            format!("\"{}\"", c.replace('"', "\"\""))
        } else {
            c.to_string()
        }
    };
    for (i, row) in rows.records().enumerate() {
        let mut cells: Vec<String> = row.unwrap().iter().map(quote).collect();
        if i == 0 {
            cells[10] = "Người đang giữ chức vụ".into();
            cells[11] = "Dự kiến trống từ".into();
        } else {
            let h = cells[10].clone();
            cells[10] = match (h.as_str(), i % 4) {
                ("", 0) => "-".into(),
                ("", 1) => "Không".into(),
                ("", 2) => "Trống".into(),
                ("", _) => String::new(),
                (id, 0) => format!("{} ({id})", name(id)),
                (id, 1) => format!("{id} - {}", name(id)),
                (id, _) => id.to_string(),
            };
            if cells[11].is_empty() && i % 3 == 0 {
                cells[11] = "-".into();
            }
        }
        out.push(cells.join(","));
    }
    std::fs::write(dir.path().join("posts.csv"), out.join("\n")).unwrap();
    let read = rotaplan::scenario::load(&dir.path().join("programme.yaml")).unwrap();
    let holders = |s: &Scenario| s.programme.as_ref().unwrap().holders.clone();
    assert_eq!(holders(&read), holders(&sc));
    assert!(holders(&sc).iter().any(Option::is_some));
    let vacant = |s: &Scenario| s.posts.iter().map(|p| p.vacant_from).collect::<Vec<_>>();
    assert_eq!(vacant(&read), vacant(&sc));

    // A history in the US order, said by its header.
    let (c, p) = (&sc.cadres[1].id, &sc.posts[0].id);
    let history = dir.path().join("history.csv");
    std::fs::write(
        &history,
        format!(
            "Mã cán bộ,Vị trí,Hình thức,Từ ngày (tháng/ngày/năm),Đến ngày (tháng/ngày/năm)\n{c},{p},Luân chuyển,01/02/2027,07/02/2030\n"
        ),
    )
    .unwrap();
    let h = rotaplan::scenario::read_history_file(&history, &sc).unwrap();
    assert_eq!(
        (h.moves[0].start, h.moves[0].end),
        (d("2027-01-02"), Some(d("2030-07-02")))
    );
    assert!(rotaplan::scenario::is_history_file(&history));
    // Written-out dates, and a `Kỳ` column for people beside a rotation without its end (which
    // programme files always write): still a history.
    std::fs::write(
        &history,
        format!(
            "Mã cán bộ,Vị trí,Hình thức,Kỳ,Từ ngày,Đến ngày\n{c},{p},LC,1,ngày 02 tháng 01 năm 2027,\n"
        ),
    )
    .unwrap();
    assert!(rotaplan::scenario::is_history_file(&history));
    let h = rotaplan::scenario::read_history_file(&history, &sc).unwrap();
    assert_eq!(h.moves[0].start, d("2027-01-02"));
    // rotaplan's own programme file, with every rotation's end, is a programme.
    std::fs::write(
        &history,
        format!(
            "cadre_id,post_id,kind,period,start,end\n{c},{p},rotation,1,2027-01-01,2030-01-01\n"
        ),
    )
    .unwrap();
    assert!(!rotaplan::scenario::is_history_file(&history));
}
