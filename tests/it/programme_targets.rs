//! Programme targets, must-fill posts and pins/forbids with a period (docs/programme.md, "Targets,
//! pins and must-fill"): the MIP against the brute force of `programme.rs` with them switched on,
//! the YAML keys and their located errors, and the checker on hard targets missed.

use super::programme::{against_brute_force, build, raw_prog};
use crate::common::root;
use proptest::prelude::*;
use rotaplan::check::programme::check;
use rotaplan::domain::*;
use rotaplan::programme::targets::TargetKind;
use rotaplan::programme::{Move, MoveKind, Timeline};
use rotaplan::rules::RuleId;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a tiny programme is asked for beyond its rules.
#[derive(Debug, Clone)]
struct RawReq {
    women: f64,
    key_head_months: u32,
    max_period_share: f64,
    hard_targets: bool,
    must_fill_within: Option<u32>,
    critical: usize,
    hard_fill: bool,
    /// (a rotation column, its own period or another or any): a pin of that column's pair.
    pin: Option<(usize, usize, Option<bool>)>,
    /// (cadre, post, period index or any)
    forbid: Option<(usize, usize, Option<usize>)>,
}

fn raw_req() -> impl Strategy<Value = RawReq> {
    let pair = (0..5usize, 0..5usize, prop::option::of(0..3usize));
    (
        prop_oneof![Just(0.0), Just(0.5)],
        prop_oneof![Just(0u32), Just(12u32), Just(12u32), Just(24u32)],
        prop_oneof![Just(1.0), Just(0.6)],
        prop::bool::weighted(0.3),
        prop::option::of(0..2u32),
        0..5usize,
        prop::bool::weighted(0.3),
        prop::option::weighted(
            0.4,
            (0..64usize, 0..3usize, prop::option::of(any::<bool>())),
        ),
        prop::option::weighted(0.3, pair),
    )
        .prop_map(|r| RawReq {
            women: r.0,
            key_head_months: r.1,
            max_period_share: r.2,
            hard_targets: r.3,
            must_fill_within: r.4,
            critical: r.5,
            hard_fill: r.6,
            pin: r.7,
            forbid: r.8,
        })
}

/// The tiny programme with its requirements: "Giám đốc" is the key head title, one post is
/// must-fill, one pin and one forbid with or without a period.
fn with_req(mut sc: Scenario, r: &RawReq) -> Scenario {
    let n_c = sc.cadres.len();
    let n_p = sc.posts.len();
    sc.rules.not_local_titles = vec!["Giám đốc".into()];
    sc.targets = Targets {
        women: 0.0,
        young: 0.0,
        minority: 0.0,
    };
    sc.requirements.targets.hard = r.hard_targets;
    sc.requirements.must_fill.hard = r.hard_fill;
    let mut posts = (*sc.posts).clone();
    posts[r.critical % n_p].criticality = 5;
    sc.posts = Arc::new(posts);
    let prog = sc.programme.as_mut().unwrap();
    let n_t = prog.periods.len();
    let year = |t: Option<usize>| t.map(|t| 2027 + (t % n_t) as i32);
    prog.requirements = ProgrammeRequirements {
        targets: Some(ProgrammeTargets {
            shares: Targets {
                women: r.women,
                young: 0.0,
                minority: 0.0,
            },
            key_head_months: r.key_head_months,
            key_head_shortfall: 5.0,
            max_period_share: r.max_period_share,
            period_excess: 20.0,
        }),
        must_fill_within: r.must_fill_within,
        pin_years: Vec::new(),
        forbid_years: Vec::new(),
    };
    if let Some((i, other, own)) = r.pin {
        // A pair that passes the rules in some period, pinned to its own period, to another one
        // (often impossible) or to any.
        let tl = Timeline::new(&sc).unwrap();
        let cols = rotaplan::programme::generate(&sc, &tl);
        if !cols.rotations.is_empty() {
            let col = &cols.rotations[i % cols.rotations.len()];
            let t = own.map(|own| if own { col.period } else { other });
            sc.pins.push(PairRule {
                cadre: col.cadre,
                post: col.post,
                reason: None,
                relaxable: true,
            });
            let prog = sc.programme.as_mut().unwrap();
            prog.requirements.pin_years.push(year(t));
        }
    }
    let prog = sc.programme.as_mut().unwrap();
    if let Some((c, p, t)) = r.forbid {
        let pair = ((c % n_c) as CadreIx, (p % n_p) as PostIx);
        if !sc.pins.iter().any(|x| (x.cadre, x.post) == pair) {
            sc.forbids.push(PairRule {
                cadre: pair.0,
                post: pair.1,
                reason: None,
                relaxable: true,
            });
            prog.requirements.forbid_years.push(year(t));
        }
    }
    sc
}

#[test]
fn programme_mip_matches_brute_force_with_targets_pins_and_must_fill() {
    let mut runner = crate::common::seeded_runner(64);
    let seen = [
        AtomicUsize::new(0), // a soft target or must-fill missed at the optimum
        AtomicUsize::new(0), // no programme meets the hard requirements
        AtomicUsize::new(0), // a pin met
        AtomicUsize::new(0), // a key-head cadre met
        AtomicUsize::new(0), // a must-fill vacancy opened by the programme's own move
    ];
    let result = runner.run(&(raw_prog(), raw_req()), |(raw, req)| {
        let sc = with_req(build(&raw), &req);
        let Some(plan) = against_brute_force(&sc)? else {
            seen[1].fetch_add(1, Ordering::Relaxed);
            return Ok(());
        };
        if plan.objective.unwrap().targets > 0.0 {
            seen[0].fetch_add(1, Ordering::Relaxed);
        }
        let met = |f: fn(&TargetKind) -> bool| plan.targets.iter().any(|r| f(&r.kind) && r.met);
        if met(|k| matches!(k, TargetKind::Pin { .. })) {
            seen[2].fetch_add(1, Ordering::Relaxed);
        }
        if met(|k| matches!(k, TargetKind::KeyHead { .. })) {
            seen[3].fetch_add(1, Ordering::Relaxed);
        }
        // A holder of the must-fill post rotated before the post fell vacant by itself: its
        // deadline counted from that period is among the results (the MIP matched the brute
        // force with it).
        let prog = sc.programme.as_ref().unwrap();
        let tl = Timeline::new(&sc).unwrap();
        let ctx0 = rotaplan::rules::RuleContext::new(&tl.at[0]);
        let opened = plan.moves.iter().any(|m| {
            m.kind == MoveKind::Rotation
                && prog
                    .holders
                    .iter()
                    .position(|&h| h == Some(m.cadre))
                    .is_some_and(|p| {
                        let p = p as PostIx;
                        let occ = rotaplan::programme::occupancy(&sc, prog, &ctx0, p);
                        rotaplan::programme::targets::opened_deadline(&sc, prog, &occ, p, m.period)
                            .is_some()
                    })
        });
        if opened {
            seen[4].fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let seen: Vec<usize> = seen.iter().map(|a| a.load(Ordering::Relaxed)).collect();
    // Not vacuous: soft misses, impossible hard requirements, pins and key-head cadres met, and
    // vacancies the programme opens on a must-fill post (rarer: a holder of the must-fill post
    // rotating before it falls vacant), occur.
    assert!(
        seen[..4].iter().all(|&n| n >= 2) && seen[4] >= 1,
        "{seen:?}"
    );
}

fn d(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A scenario file extending the shipped province programme with `extra` YAML, in a temp folder.
fn province_with(extra: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let base = root().join("scenarios/programme/programme.yaml");
    let path = dir.path().join("s.yaml");
    std::fs::write(
        &path,
        format!(
            "extends: {}\nallow_outside_paths: true\n{extra}",
            base.display()
        ),
    )
    .unwrap();
    (dir, path)
}

fn codes(path: &std::path::Path) -> Vec<(&'static str, Option<usize>)> {
    match rotaplan::scenario::load(path) {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics.iter().map(|d| (d.code, d.line)).collect(),
    }
}

#[test]
fn pin_and_forbid_periods_and_must_fill_within_are_checked_where_written() {
    let (_d, p) = province_with(
        "programme:\n  end: 2031-12-31\n  must_fill_within: 40\npins:\n  - {cadre: C073, post: VT21, period: 2035}\nforbids:\n  - {cadre: C018, post: VT01, period: 2028}\n",
    );
    let got = codes(&p);
    assert!(got.contains(&("E1005", Some(5))), "{got:?}");
    assert!(got.contains(&("E5004", Some(7))), "{got:?}");
    assert_eq!(got.len(), 2, "{got:?}");
}

#[test]
fn a_pin_and_a_forbid_of_one_pair_clash_only_in_a_period_both_hold() {
    let with = |pin: &str, forbid: &str| {
        let (d, p) = province_with(&format!(
            "pins:\n  - {{cadre: C073, post: VT21{pin}}}\nforbids:\n  - {{cadre: C073, post: VT21{forbid}}}\n"
        ));
        let got = codes(&p);
        drop(d);
        got.iter().any(|(c, _)| *c == "E3002")
    };
    assert!(!with(", period: 2027", ", period: 2030"));
    assert!(
        !with("", ", period: 2030"),
        "the pin can be met in another period"
    );
    assert!(with(", period: 2027", ", period: 2027"));
    assert!(with(", period: 2027", ""), "forbidden in every period");
    assert!(with("", ""));
    // A programme within one year: a forbid in that year holds every period, as one without.
    let (_d, p) = province_with(
        "programme:\n  start: 2027-01-01\n  end: 2027-12-31\n  period_months: 6\npins:\n  - {cadre: C073, post: VT21}\nforbids:\n  - {cadre: C073, post: VT21, period: 2027}\n",
    );
    assert!(
        codes(&p).iter().any(|(c, _)| *c == "E3002"),
        "{:?}",
        codes(&p)
    );
}

#[test]
fn a_pin_with_a_period_is_planned_in_that_period_and_a_forbid_only_then() {
    // The pin: the lowest-scoring rotation of 2028; the forbid: the best rotation of 2027.
    let base =
        rotaplan::scenario::load(&root().join("scenarios/programme/programme.yaml")).unwrap();
    let tl = Timeline::new(&base).unwrap();
    let cols = rotaplan::programme::generate(&base, &tl);
    let by_score = |t: usize| {
        let mut v: Vec<_> = cols.rotations.iter().filter(|r| r.period == t).collect();
        v.sort_by(|a, b| {
            a.score
                .total_cmp(&b.score)
                .then((a.cadre, a.post).cmp(&(b.cadre, b.post)))
        });
        v
    };
    let pin = by_score(1)[0];
    let forbid = *by_score(0)
        .iter()
        .rev()
        .find(|r| r.cadre != pin.cadre)
        .unwrap();
    let id = |c: CadreIx, p: PostIx| (base.cadre(c).id.clone(), base.post(p).id.clone());
    let ((pc, pp), (fc_id, fp_id)) = (id(pin.cadre, pin.post), id(forbid.cadre, forbid.post));
    let (_d, p) = province_with(&format!(
        "pins:\n  - {{cadre: {pc}, post: {pp}, period: 2028}}\nforbids:\n  - {{cadre: {fc_id}, post: {fp_id}, period: 2027}}\nsolver: {{time_limit_s: 120, relative_gap: 0.01}}\n",
    ));
    let sc = rotaplan::scenario::load(&p).unwrap();
    let prog = sc.programme.as_ref().unwrap();
    assert_eq!(prog.requirements.pin_years, vec![Some(2028)]);
    assert_eq!(prog.requirements.forbid_years, vec![Some(2027)]);
    let (c, post) = (sc.pins[0].cadre, sc.pins[0].post);
    let (fc, fp) = (sc.forbids[0].cadre, sc.forbids[0].post);
    let tl = Timeline::new(&sc).unwrap();
    let cols = rotaplan::programme::generate(&sc, &tl);
    assert!(
        !cols
            .rotations
            .iter()
            .any(|r| r.cadre == fc && r.post == fp && r.period == 0)
    );
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert!(done.plan.status.has_plan(), "{:?}", done.plan.note);
    assert!(done.violations.is_empty(), "{:?}", done.violations);
    assert!(
        done.plan
            .moves
            .iter()
            .any(|m| m.cadre == c && m.post == post && m.period == 1),
        "the pin is planned in 2028"
    );
    // The checker holds the pin to its period, and the forbid to its own.
    let mut moved: Vec<Move> = done
        .plan
        .moves
        .iter()
        .filter(|m| m.cadre != c)
        .cloned()
        .collect();
    let v = check(&sc, &moved);
    assert!(v.iter().any(|x| x.rule == RuleId::S2), "{v:?}");
    moved.retain(|m| m.cadre != fc);
    moved.push(Move {
        cadre: fc,
        post: fp,
        kind: MoveKind::Rotation,
        period: 0,
    });
    assert!(check(&sc, &moved).iter().any(|x| x.rule == RuleId::S3));
}

#[test]
fn a_hard_key_head_target_missed_is_a_checker_problem_naming_it() {
    let (_d, p) = province_with(
        "requirements:\n  targets: {hard: true}\nprogramme:\n  end: 2031-12-31\n  targets: {key_head_months: 36}\n",
    );
    let sc = rotaplan::scenario::load(&p).unwrap();
    let v = check(&sc, &[]);
    let s6: Vec<String> = v
        .iter()
        .filter(|x| x.rule == RuleId::S6)
        .map(|x| x.to_string())
        .collect();
    assert!(!s6.is_empty());
    assert!(
        s6[0].contains("planned for a key head title") && s6[0].contains("0 of 36 months"),
        "{s6:?}"
    );
    // Vietnamese words for the same problem.
    let r = rotaplan::programme::targets::results(&sc, &Timeline::new(&sc).unwrap(), &[]);
    let vi = rotaplan::report::programme::target_words(Lang::Vi, &r[0]);
    assert!(vi.contains("chức danh chủ chốt"), "{vi}");
    let _ = d("2027-01-01");
}

#[test]
fn soft_programme_targets_are_reported_and_priced_in_the_objective() {
    let (_d, p) = province_with(
        "programme:\n  end: 2031-12-31\n  targets: {women: 0.9, key_head_months: 36, max_period_share: 0.5}\nsolver: {time_limit_s: 120, relative_gap: 0.01}\n",
    );
    let sc = rotaplan::scenario::load(&p).unwrap();
    let done = rotaplan::plan_programme(&sc).unwrap();
    let plan = &done.plan;
    assert!(plan.status.has_plan(), "{:?}", plan.note);
    assert!(done.violations.is_empty(), "{:?}", done.violations);
    let women = plan
        .targets
        .iter()
        .find(|r| matches!(r.kind, TargetKind::Share { group: "women" }))
        .unwrap();
    assert!(!women.met && women.penalty > 0.0, "{women:?}");
    let o = plan.objective.unwrap();
    let sum: f64 = plan.targets.iter().map(|r| r.penalty).sum();
    assert!((o.targets - sum).abs() < 1e-6 && o.targets > 0.0);
    let md = rotaplan::report::programme::programme_summary(&sc, plan);
    assert!(md.contains("Programme targets and requirements:"), "{md}");
    assert!(md.contains("share of women among the"), "{md}");
    assert_eq!(
        plan.targets
            .iter()
            .filter(|r| matches!(r.kind, TargetKind::PeriodShare { .. }))
            .count(),
        5
    );
}

#[test]
fn an_executed_move_counts_its_key_head_months_from_its_own_dates() {
    let mut sc =
        rotaplan::scenario::load(&root().join("scenarios/programme/programme.yaml")).unwrap();
    let prog = sc.programme.as_mut().unwrap();
    let p0 = prog.periods[0];
    let planned = rotaplan::programme::targets::rotation_months(prog, (0, 0), 0, Some(2));
    assert_eq!(
        planned,
        rotaplan::rules::retirement::whole_months_between(p0, prog.periods[2])
    );
    let start = p0.checked_add_months(chrono::Months::new(5)).unwrap();
    prog.replan.history = vec![HistoryMove {
        cadre: 0,
        post: 0,
        kind: MoveKind::Rotation,
        start,
        end: None,
        written_end: None,
        period: 0,
        line: 2,
    }];
    // From the move's own date, five months after its period's.
    let got = rotaplan::programme::targets::rotation_months(prog, (0, 0), 0, Some(2));
    assert_eq!(got, planned - 5);
    // Another cadre's planned move in that period still counts from the period's date.
    assert_eq!(
        rotaplan::programme::targets::rotation_months(prog, (1, 0), 0, Some(2)),
        planned
    );
    // With an end written, up to that end.
    let end = start.checked_add_months(chrono::Months::new(7)).unwrap();
    prog.replan.history[0].end = Some(end);
    let got = rotaplan::programme::targets::rotation_months(prog, (0, 0), 0, Some(2));
    assert_eq!(got, 7);
}

/// The shipped programme scenario copied to `dir`, with a `rotation_start` column in cadres.csv
/// holding `starts` (cadre id, date) and empty for the other cadres.
fn with_rotation_starts(dir: &std::path::Path, starts: &[(&str, &str)]) -> std::path::PathBuf {
    let src = root().join("scenarios/programme");
    for f in ["programme.yaml", "units.csv", "posts.csv"] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    let text = std::fs::read_to_string(src.join("cadres.csv")).unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        out += line;
        if i == 0 {
            out += ",rotation_start";
        } else {
            let id = line.split(',').next().unwrap();
            let start = starts.iter().find(|(c, _)| *c == id).map_or("", |x| x.1);
            out += &format!(",{start}");
        }
        out.push('\n');
    }
    std::fs::write(dir.join("cadres.csv"), out).unwrap();
    dir.join("programme.yaml")
}

#[test]
fn rotation_start_is_read_and_its_errors_are_located() {
    let dir = tempfile::tempdir().unwrap();
    // C005's running rotation ends on 2028-06-20.
    let p = with_rotation_starts(dir.path(), &[("C005", "2025-02-01")]);
    let sc = rotaplan::scenario::load(&p).unwrap();
    let c = sc.cadres.iter().find(|c| c.id == "C005").unwrap();
    assert_eq!(
        c.rotation_start.map(|d| d.to_string()).as_deref(),
        Some("2025-02-01")
    );
    assert!(
        sc.cadres
            .iter()
            .filter(|c| c.rotation_start.is_some())
            .count()
            == 1
    );
    // A start on or after the end, a start after the plan date, a start without an end.
    let p = with_rotation_starts(
        dir.path(),
        &[
            ("C005", "2028-06-20"),
            ("C034", "2027-03-01"),
            ("C001", "2025-01-01"),
        ],
    );
    let err = rotaplan::scenario::load(&p).unwrap_err();
    let got: Vec<(&str, Option<usize>, &str)> = err
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.field.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("E2012", Some(2), "cadres.csv: rotation_end"),
            ("E2009", Some(6), "cadres.csv: rotation_start"),
            ("E2009", Some(35), "cadres.csv: rotation_start"),
        ],
        "{err}"
    );
    let shown = err.to_string();
    assert!(
        shown.contains("before the rotation's end 2028-06-20"),
        "{shown}"
    );
    assert!(
        shown.contains("on or before the plan date 2027-01-01"),
        "{shown}"
    );
}

#[test]
fn a_running_rotation_with_a_start_counts_its_key_head_credit_from_it() {
    use rotaplan::programme::targets::credit_months;
    let mut sc =
        rotaplan::scenario::load(&root().join("scenarios/programme/programme.yaml")).unwrap();
    let prog = sc.programme.clone().unwrap();
    let grassroots = sc
        .units
        .iter()
        .position(|u| u.tier.is_grassroots())
        .unwrap();
    let end = prog
        .start
        .checked_add_months(chrono::Months::new(10))
        .unwrap();
    let months_before = |m: u32| end.checked_sub_months(chrono::Months::new(m)).unwrap();
    let mut cadres = (*sc.cadres).clone();
    cadres[0].current_unit = Some(grassroots as UnitIx);
    cadres[0].rotation_end = Some(end);
    let mut credit = |start: Option<Date>| {
        cadres[0].rotation_start = start;
        sc.cadres = Arc::new(cadres.clone());
        credit_months(&sc, &prog, 0)
    };
    // Without a start: min_rotation_months up to the end.
    assert_eq!(credit(None), 36);
    // With one: from it, shorter or longer than min_rotation_months.
    assert_eq!(credit(Some(months_before(20))), 20);
    assert_eq!(credit(Some(months_before(50))), 50);
}

/// Two pins of two cadres of one unit in 2027, with at most one departure per unit and period
/// (S1): no programme, and the relaxation names the pin to drop (the second: the first is kept),
/// in English and Vietnamese, in the summary, programme.json and programme.html.
#[test]
fn two_pins_that_cannot_both_hold_name_the_one_to_relax() {
    use rotaplan::solve::programme_relax::{GroupRef, RelaxKind};
    let base =
        rotaplan::scenario::load(&root().join("scenarios/programme/programme.yaml")).unwrap();
    let tl = Timeline::new(&base).unwrap();
    let cols = rotaplan::programme::generate(&base, &tl);
    // Cadres of one unit with a rotation column in 2027 and no placement column then.
    let mut first: std::collections::BTreeMap<UnitIx, Vec<(CadreIx, PostIx)>> = Default::default();
    for r in cols.rotations.iter().filter(|r| r.period == 0) {
        let Some(u) = base.cadre(r.cadre).current_unit else {
            continue;
        };
        let v = first.entry(u).or_default();
        if !v.iter().any(|&(c, p)| c == r.cadre || p == r.post)
            && !cols
                .placements
                .iter()
                .any(|x| x.cadre == r.cadre && x.period == 0)
        {
            v.push((r.cadre, r.post));
        }
    }
    let two = first
        .into_values()
        .find(|v| v.len() >= 2)
        .expect("two cadres of one unit");
    let id = |(c, p): (CadreIx, PostIx)| (base.cadre(c).id.clone(), base.post(p).id.clone());
    let ((c1, p1), (c2, p2)) = (id(two[0]), id(two[1]));
    eprintln!("pins: {c1} → {p1}, {c2} → {p2}");
    let (_d, p) = province_with(&format!(
        "programme:\n  max_departures_per_period: 1\npins:\n  - {{cadre: {c1}, post: {p1}, period: 2027}}\n  - {{cadre: {c2}, post: {p2}, period: 2027}}\n",
    ));
    let sc = rotaplan::scenario::load(&p).unwrap();
    let done = rotaplan::plan_programme(&sc).unwrap();
    let plan = &done.plan;
    assert_eq!(plan.status, rotaplan::solve::SolveStatus::Infeasible);
    let r = plan.relaxation.as_ref().expect("a relaxation");
    assert_eq!(r.kind, RelaxKind::Relax);
    assert!(r.minimal);
    assert_eq!((r.hard, r.fixed), (2, 0));
    assert_eq!(
        r.groups,
        vec![GroupRef::Pin {
            cadre_id: c2.clone(),
            post_id: p2.clone(),
            year: Some(2027),
        }]
    );
    let en = rotaplan::report::programme::programme_relaxation_in(Lang::En, r);
    assert_eq!(
        en,
        format!(
            "To get a programme, relax one group: drop pin {c2} → {p2} in 2027 (S2). Keeping any one of them as well makes a programme impossible again."
        )
    );
    let vi = rotaplan::report::programme::programme_relaxation_in(Lang::Vi, r);
    assert_eq!(
        vi,
        format!(
            "Để có chương trình, cần nới lỏng một nhóm: bỏ ấn định {c2} → {p2} năm 2027 (S2). Nếu giữ thêm bất kỳ nhóm nào trong số đó thì lại không có chương trình."
        )
    );
    // Wherever the programme's no-plan status is reported.
    let summary = rotaplan::report::programme::programme_summary_in(&sc, plan, Lang::En);
    assert!(summary.contains("status: infeasible"), "{summary}");
    assert!(summary.contains(&en), "{summary}");
    let json: serde_json::Value = serde_json::from_str(
        &rotaplan::report::programme::programme_json_in(&sc, plan, Lang::Vi),
    )
    .unwrap();
    assert_eq!(json["relaxation"]["summary"], en.as_str());
    assert_eq!(json["relaxation"]["summary_words"], vi.as_str());
    assert_eq!(json["relaxation"]["groups"][0]["kind"], "pin");
    let html = rotaplan::report::review_page::programme_html(&sc, plan, Lang::Vi);
    assert!(html.contains("Không có chương trình"), "{html}");
    assert!(
        html.contains(&format!("bỏ ấn định {c2} → {p2} năm 2027")),
        "{html}"
    );
}
