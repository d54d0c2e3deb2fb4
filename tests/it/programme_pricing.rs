//! The national programme's solve on small programmes: the model keeps only the best columns of
//! each cadre and period (as above `programme::FILTER_ABOVE`), the others are priced, and the bound
//! reported must hold for the programme over every column (the brute force of `programme.rs`
//! knows nothing of columns or models); the greedy start the MIP gets is a programme the checker
//! passes.

use super::programme::{brute_force, build, build_with, raw_prog};
use crate::common::root;
use proptest::prelude::*;
use rotaplan::check::programme::check;
use rotaplan::programme::plan::evaluate;
use rotaplan::programme::{Columns, Move, MoveKind, OutCol, Timeline, generate_keeping};
use rotaplan::solve::SolveStatus;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The solved programme's objective, after checking that its moves pass the checker and that
/// their value recomputed from the plan is the backend's objective.
fn solved_checked(
    sc: &rotaplan::domain::Scenario,
    tl: &Timeline,
    part: &Columns,
    out: &rotaplan::solve::programme::ProgrammeOutcome,
) -> Result<f64, TestCaseError> {
    let got = out.backend_objective.unwrap();
    let chosen: Vec<usize> = out
        .rotations
        .iter()
        .copied()
        .chain(out.placements.iter().map(|j| j + part.rotations.len()))
        .collect();
    let moves = moves_of(part, &chosen);
    prop_assert!(check(sc, &moves).is_empty(), "{:?}", check(sc, &moves));
    prop_assert!((evaluate(sc, tl, &moves).total - got).abs() < 1e-6);
    Ok(got)
}

/// The programme of columns `start` passes the checker and is worth at most `best` (the brute
/// force's optimum) recomputed from its moves: those moves.
fn passes_within(
    sc: &rotaplan::domain::Scenario,
    tl: &Timeline,
    start: &[OutCol],
    best: f64,
) -> Result<Vec<Move>, TestCaseError> {
    let moves = moves_of_columns(start);
    prop_assert!(check(sc, &moves).is_empty(), "{:?}", check(sc, &moves));
    prop_assert!(evaluate(sc, tl, &moves).total <= best + 1e-6);
    Ok(moves)
}

/// A property's end: no failing case, and each count of `seen` at least `n` (not vacuous).
fn counted<T: std::fmt::Debug>(
    result: Result<(), proptest::test_runner::TestError<T>>,
    seen: &[AtomicUsize],
    n: usize,
) {
    if let Err(e) = result {
        panic!("{e}");
    }
    let seen: Vec<usize> = seen.iter().map(|a| a.load(Ordering::Relaxed)).collect();
    assert!(seen.iter().all(|&k| k >= n), "{seen:?}");
}

/// Over 48 small programmes of `raw_prog`, each with relatives and without: `f` with the
/// scenario, its timeline and the brute force's optimum and witness; then [`counted`].
fn each_small_programme(
    seen: &[AtomicUsize],
    n: usize,
    f: impl Fn(&rotaplan::domain::Scenario, &Timeline, f64, &[Move]) -> Result<(), TestCaseError>,
) {
    let mut runner = crate::common::seeded_runner(48);
    let result = runner.run(&raw_prog(), |raw| {
        for family in [false, true] {
            let sc = build_with(&raw, family);
            let tl = Timeline::new(&sc).unwrap();
            let (best, witness) = brute_force(&sc, &tl);
            f(&sc, &tl, best, &witness)?;
        }
        Ok(())
    });
    counted(result, seen, n);
}

/// The moves of columns given as [`OutCol`]s.
fn moves_of_columns(cols: &[OutCol]) -> Vec<Move> {
    cols.iter()
        .map(|x| Move {
            cadre: x.cadre,
            post: x.post,
            kind: x.kind,
            period: x.period as usize,
        })
        .collect()
}

/// The moves of x columns (rotations first, then placements).
fn moves_of(cols: &Columns, xs: &[usize]) -> Vec<Move> {
    let n = cols.rotations.len();
    let mut v: Vec<Move> = xs
        .iter()
        .map(|&k| {
            if k < n {
                let r = &cols.rotations[k];
                Move {
                    cadre: r.cadre,
                    post: r.post,
                    kind: MoveKind::Rotation,
                    period: r.period,
                }
            } else {
                let x = &cols.placements[k - n];
                Move {
                    cadre: x.cadre,
                    post: x.post,
                    kind: MoveKind::Placement,
                    period: x.period,
                }
            }
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_bound_over_every_column_holds_when_only_the_best_are_kept() {
    let mut runner = crate::common::seeded_runner(48);
    let seen = [
        AtomicUsize::new(0), // columns left out of the model
        AtomicUsize::new(0), // a left-out column with a positive reduced cost
        AtomicUsize::new(0), // proven optimal over every column with columns left out
    ];
    let result = runner.run(&raw_prog(), |raw| {
        let sc = build(&raw);
        let tl = Timeline::new(&sc).unwrap();
        let all = generate_keeping(&sc, &tl, None);
        let part = generate_keeping(&sc, &tl, Some(1));
        prop_assert!(all.left_out.is_empty());
        // Every column is in the model or left out, once.
        prop_assert_eq!(
            all.rotations.len() + all.placements.len(),
            part.rotations.len() + part.placements.len() + part.left_out.len()
        );
        prop_assert_eq!(all.without_placement, part.without_placement);
        if part.left_out.is_empty() {
            return Ok(());
        }
        seen[0].fetch_add(1, Ordering::Relaxed);
        let out = rotaplan::solve::programme::solve(&sc, &tl, &part);
        let priced = match &out.pricing {
            Some(Ok(b)) => b.clone(),
            other => return Err(TestCaseError::fail(format!("not priced: {other:?}"))),
        };
        if priced.positive > 0 {
            seen[1].fetch_add(1, Ordering::Relaxed);
        }
        let (best, witness) = brute_force(&sc, &tl);
        // The bound holds for every programme, over every column.
        prop_assert!(
            priced.bound >= best - 1e-6,
            "bound {} below the best programme {} ({:?})",
            priced.bound,
            best,
            witness
        );
        let got = solved_checked(&sc, &tl, &part, &out)?;
        prop_assert!(got <= best + 1e-6);
        prop_assert_eq!(out.bound, Some(priced.bound));
        // Optimal is claimed only when it is optimal over every column.
        if out.status == SolveStatus::Optimal {
            seen[2].fetch_add(1, Ordering::Relaxed);
            prop_assert!((got - best).abs() < 1e-6, "{} vs {}", got, best);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let seen: Vec<usize> = seen.iter().map(|a| a.load(Ordering::Relaxed)).collect();
    // Not vacuous: columns are left out, some price positive, some are proven optimal anyway.
    assert!(seen.iter().all(|&n| n >= 2), "{seen:?}");
}

#[test]
fn the_greedy_start_is_a_programme_the_checker_passes() {
    let mut runner = crate::common::seeded_runner(48);
    let nonempty = AtomicUsize::new(0);
    let result = runner.run(&raw_prog(), |raw| {
        let sc = build(&raw);
        let tl = Timeline::new(&sc).unwrap();
        let cols = generate_keeping(&sc, &tl, None);
        let start = rotaplan::solve::programme_greedy::start(&sc, &tl, &cols);
        let moves = moves_of(&cols, &start);
        prop_assert!(check(&sc, &moves).is_empty(), "{:?}", check(&sc, &moves));
        if !moves.is_empty() {
            nonempty.fetch_add(1, Ordering::Relaxed);
        }
        let (best, _) = brute_force(&sc, &tl);
        prop_assert!(evaluate(&sc, &tl, &moves).total <= best + 1e-6);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(nonempty.load(Ordering::Relaxed) >= 8);
    // The shipped province: a real start, every rule kept.
    let sc = rotaplan::scenario::load(&root().join("scenarios/programme/programme.yaml")).unwrap();
    let tl = Timeline::new(&sc).unwrap();
    let cols = generate_keeping(&sc, &tl, None);
    let moves = moves_of(
        &cols,
        &rotaplan::solve::programme_greedy::start(&sc, &tl, &cols),
    );
    assert!(moves.len() > 20, "{}", moves.len());
    let v = check(&sc, &moves);
    assert!(v.is_empty(), "{v:?}");
}

/// The column-generation path of the programme pipeline (`solve::programme::solve_growing`) on
/// tiny programmes whose model starts from the best column of each cadre and period: it reaches
/// the optimum of the full model (every column in the model, solved directly, and held to the
/// brute force), its programme passes the checker and is worth what it says, the columns it adds
/// come from those left out, and the bound it reports over every column is at least that optimum.
#[test]
fn column_generation_reaches_the_full_models_optimum_on_tiny_programmes() {
    let mut runner = crate::common::seeded_runner(48);
    let seen = [
        AtomicUsize::new(0), // programmes with columns left out
        AtomicUsize::new(0), // columns added by the rounds
        AtomicUsize::new(0), // more than one round
    ];
    let result = runner.run(&raw_prog(), |raw| {
        let sc = build(&raw);
        let tl = Timeline::new(&sc).unwrap();
        let all = generate_keeping(&sc, &tl, None);
        let mut part = generate_keeping(&sc, &tl, Some(1));
        if part.left_out.is_empty() {
            return Ok(());
        }
        seen[0].fetch_add(1, Ordering::Relaxed);
        let (best, witness) = brute_force(&sc, &tl);
        let full = rotaplan::solve::programme::solve(&sc, &tl, &all);
        prop_assert_eq!(full.status, SolveStatus::Optimal);
        let z_full = full.backend_objective.unwrap();
        prop_assert!((z_full - best).abs() < 1e-6, "{} vs {}", z_full, best);

        let (kept0, out0) = (
            part.rotations.len() + part.placements.len(),
            part.left_out.len(),
        );
        let out = rotaplan::solve::programme::solve_growing(&sc, &tl, &mut part);
        let priced = match &out.pricing {
            Some(Ok(b)) => b.clone(),
            other => return Err(TestCaseError::fail(format!("not priced: {other:?}"))),
        };
        // Columns move from left out to the model, none lost or made up.
        let kept1 = part.rotations.len() + part.placements.len();
        prop_assert_eq!(kept1 + part.left_out.len(), kept0 + out0);
        prop_assert_eq!(kept1 - kept0, priced.added);
        if priced.added > 0 {
            seen[1].fetch_add(1, Ordering::Relaxed);
        }
        if priced.rounds > 1 {
            seen[2].fetch_add(1, Ordering::Relaxed);
        }
        // The bound holds over every column.
        let bound = out.bound.unwrap();
        prop_assert!(
            bound >= best - 1e-6,
            "bound {} below the best programme {} ({:?})",
            bound,
            best,
            witness
        );
        let got = solved_checked(&sc, &tl, &part, &out)?;
        // The same optimum as the full model, proven over every column.
        prop_assert!((got - best).abs() < 1e-6, "{} vs {}", got, best);
        prop_assert_eq!(
            out.status,
            SolveStatus::Optimal,
            "bound {} got {} pricing {:?}",
            bound,
            got,
            priced
        );
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let seen: Vec<usize> = seen.iter().map(|a| a.load(Ordering::Relaxed)).collect();
    // Not vacuous: columns are left out, rounds add some, some take more than one round.
    assert!(seen.iter().all(|&n| n >= 2), "{seen:?}");
}

/// A model that holds a cadre's placements but none of the rotations they follow (its rotations
/// left out of the model, or not chosen for the MIP after column generation) must hold those
/// placements at 0: each would be a placement after no rotation (P1). Seen at national size,
/// caught by the checker. And the greedy over every column (`over_every_column`, the large
/// path's first columns) is a programme the checker passes.
#[test]
fn placements_whose_rotations_are_not_in_the_model_stay_empty() {
    let mut runner = crate::common::seeded_runner(48);
    let dropped = AtomicUsize::new(0);
    let result = runner.run(&raw_prog(), |raw| {
        let sc = build(&raw);
        let tl = Timeline::new(&sc).unwrap();
        let mut part = generate_keeping(&sc, &tl, None);
        let greedy = rotaplan::solve::programme_greedy::over_every_column(&sc, &tl, &part);
        let moves = moves_of_columns(&greedy);
        prop_assert!(check(&sc, &moves).is_empty(), "{:?}", check(&sc, &moves));
        // Every rotation with a placement inside the programme dropped, its placements kept.
        let before = part.rotations.len();
        part.rotations.retain(|r| r.placement.is_none());
        if part.rotations.len() == before || part.placements.iter().all(|x| x.running) {
            return Ok(());
        }
        dropped.fetch_add(1, Ordering::Relaxed);
        let out = rotaplan::solve::programme::solve(&sc, &tl, &part);
        prop_assert!(out.status.has_plan(), "{:?}", out.status);
        for &j in &out.placements {
            prop_assert!(part.placements[j].running, "a placement after no rotation");
        }
        solved_checked(&sc, &tl, &part, &out)?;
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(dropped.load(Ordering::Relaxed) >= 8);
}

/// The Lagrangian of `solve::programme_lagrange` (each cadre's own rows kept, the rows that
/// couple cadres priced: seats, departures, the smoothing's, H10's): its bound holds for every
/// programme over every column (the brute force) at any multipliers ≥ 0 and after its
/// subgradient, kept columns or all, with relatives or without; its heuristic's programme passes
/// the checker and is worth at most the optimum.
#[test]
fn the_lagrangian_bound_holds_at_any_multipliers_and_its_programme_passes_the_checker() {
    use rotaplan::solve::programme_lagrange::{Multipliers, bound_at, run};
    let seen = [
        AtomicUsize::new(0), // programmes the Lagrangian models
        AtomicUsize::new(0), // a heuristic programme with moves
        AtomicUsize::new(0), // the bound after the subgradient below the bound at λ = 0
        AtomicUsize::new(0), // the bound equal to the optimum
        AtomicUsize::new(0), // relatives, and the subgradient priced an H10 row
    ];
    let case = AtomicUsize::new(0);
    // Not vacuous: modelled, with moves, the subgradient lowers the bound, and closes the gap
    // on some; with relatives, its multipliers price H10 rows on some.
    each_small_programme(&seen, 4, |sc, tl, best, witness| {
        let n_t = tl.periods.len();
        let mut lcg = 0x9E37_79B9_7F4A_7C15u64 ^ case.fetch_add(1, Ordering::Relaxed) as u64;
        let mut draw = move || {
            lcg = lcg
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            // Half of them 0, the others up to 60 (scores are tens).
            let r = (lcg >> 33) % 8;
            if r < 4 { 0.0 } else { (r - 3) as f64 * 12.0 }
        };
        for keep in [None, Some(1)] {
            let cols = generate_keeping(sc, tl, keep);
            let zero = Multipliers::zero(sc, n_t);
            let Some(at_zero) = bound_at(sc, tl, &cols, &zero) else {
                return Ok(());
            };
            prop_assert!(
                at_zero >= best - 1e-6,
                "L(0) {at_zero} < {best} ({witness:?})"
            );
            for _ in 0..4 {
                let mut m = Multipliers::zero(sc, n_t);
                for y in m.dense() {
                    *y = draw() / 8.0;
                }
                // Every H10 row of the relatives, in every unit and period, of each kind
                // (`bound_at` drops those that do not hold for every programme).
                for (a, c) in sc.cadres.iter().enumerate() {
                    for &b in &c.relatives {
                        for u in 0..sc.units.len() {
                            for t in 0..n_t {
                                for kind in 0..3u8 {
                                    let key = (a as u32, b, u as u32, t as u16, kind);
                                    m.family.insert(key, draw());
                                }
                            }
                        }
                    }
                }
                let l = bound_at(sc, tl, &cols, &m).unwrap();
                prop_assert!(l >= best - 1e-6, "L {l} < {best} ({witness:?}, {m:?})");
            }
            let f = run(sc, tl, &cols, 30.0, f64::NEG_INFINITY, None).unwrap();
            seen[0].fetch_add(1, Ordering::Relaxed);
            let family = sc.cadres.iter().any(|c| !c.relatives.is_empty());
            if family && f.at.family.values().any(|&y| y > 0.0) {
                seen[4].fetch_add(1, Ordering::Relaxed);
            }
            prop_assert!(
                f.bound >= best - 1e-6,
                "bound {} < {best} ({witness:?})",
                f.bound
            );
            prop_assert!(f.bound <= at_zero + 1e-9);
            if f.bound < at_zero - 1e-6 {
                seen[2].fetch_add(1, Ordering::Relaxed);
            }
            if f.bound <= best + 1e-6 {
                seen[3].fetch_add(1, Ordering::Relaxed);
            }
            if !passes_within(sc, tl, &f.start, best)?.is_empty() {
                seen[1].fetch_add(1, Ordering::Relaxed);
            }
        }
        Ok(())
    });
}

/// The Lagrangian heuristic's greedy, once its candidates (here each cadre's best rotation and
/// placement of each period by reduced cost) run out, looks at every column of the cadres it
/// left unmoved and of the running rotations it left unplaced: its programme still passes the
/// checker and is worth at most the optimum, at any multipliers, with relatives or without,
/// columns kept or left out; and that second look does find moves with columns that were not
/// candidates.
#[test]
fn the_lagrangian_heuristic_looks_beyond_its_candidates_and_its_programme_passes_the_checker() {
    use rotaplan::solve::programme_lagrange::{Multipliers, heuristic_at};
    let mut runner = crate::common::seeded_runner(48);
    let deeper = AtomicUsize::new(0); // cases where the greedy found moves beyond its candidates
    let case = AtomicUsize::new(0);
    let result = runner.run(&raw_prog(), |raw| {
        for family in [false, true] {
            let sc = build_with(&raw, family);
            let tl = Timeline::new(&sc).unwrap();
            let n_t = tl.periods.len();
            let (best, witness) = brute_force(&sc, &tl);
            let seed = case.fetch_add(1, Ordering::Relaxed) as u64;
            // Every column kept, or one per group (the others left out: the national case).
            for (keep, draw) in [None, Some(1)]
                .into_iter()
                .flat_map(|k| (0..3u64).map(move |d| (k, d)))
            {
                let cols = generate_keeping(&sc, &tl, keep);
                let mut m = Multipliers::zero(&sc, n_t);
                // λ = 0 first (everybody's same best posts), then multipliers up to 30.
                let mut lcg = 0x2545_F491_4F6C_DD1Du64 ^ (seed * 3 + draw);
                for y in m.dense() {
                    lcg = lcg
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    *y = if draw == 0 {
                        0.0
                    } else {
                        ((lcg >> 33) % 4) as f64 * 10.0
                    };
                }
                let Some((start, value, found)) = heuristic_at(&sc, &tl, &cols, &m, 1, 1) else {
                    continue;
                };
                passes_within(&sc, &tl, &start, best)?;
                prop_assert!(
                    value <= best + 1e-6,
                    "heuristic {value} above the optimum {best} ({witness:?})"
                );
                if found > 0 {
                    deeper.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let deeper = deeper.load(Ordering::Relaxed);
    assert!(
        deeper >= 8,
        "the greedy looked beyond its candidates in {deeper} cases"
    );
}

/// The programme solved in blocks (`programme_lagrange::by_blocks`: the units split in two, each
/// block's cadres over its own posts): the blocks' programmes together pass the checker and are
/// worth at most the optimum, and the Lagrangian over every column started from them (their
/// multipliers, their programme completed) still bounds every programme and its programme passes
/// the checker.
#[test]
fn the_blocks_programmes_together_pass_the_checker_and_start_the_lagrangian_soundly() {
    use rotaplan::solve::programme_lagrange::{bound_at, by_blocks, run, value_of};
    let seen = [
        AtomicUsize::new(0), // the blocks' programme has moves
        AtomicUsize::new(0), // ... and the programme started from it is worth more
    ];
    // Not vacuous: blocks with moves, and programmes worth more after them (moves between blocks).
    each_small_programme(&seen, 4, |sc, tl, best, witness| {
        let n_t = tl.periods.len();
        for keep in [None, Some(1)] {
            let cols = generate_keeping(sc, tl, keep);
            let Some(w) = by_blocks(sc, tl, &cols, 2, 30.0) else {
                return Ok(());
            };
            passes_within(sc, tl, &w.programme, best)?;
            let blocks_value = value_of(sc, n_t, &cols, &w.programme);
            prop_assert!(blocks_value <= best + 1e-6, "{blocks_value} > {best}");
            let f = run(sc, tl, &cols, 30.0, f64::NEG_INFINITY, Some(&w)).unwrap();
            // Started from the blocks' multipliers: never above L there.
            let at_warm = bound_at(sc, tl, &cols, &w.at).unwrap();
            prop_assert!(f.bound <= at_warm + 1e-9 * at_warm.abs().max(1.0));
            prop_assert!(
                f.bound >= best - 1e-6,
                "bound {} < {best} ({witness:?})",
                f.bound
            );
            passes_within(sc, tl, &f.start, best)?;
            prop_assert!(f.value <= best + 1e-6);
            if !w.programme.is_empty() {
                seen[0].fetch_add(1, Ordering::Relaxed);
                if f.value > blocks_value + 1e-6 {
                    seen[1].fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        Ok(())
    });
}

/// The neighbourhood search (`programme_lns`) from the empty programme, every column a seed: its
/// programme passes the checker, is never worse than where it started, never above the brute
/// force's optimum, and reaches it (a tiny programme fits in one neighbourhood).
#[test]
fn the_neighbourhood_search_reaches_the_optimum_of_tiny_programmes_and_passes_the_checker() {
    use rotaplan::solve::programme_lagrange::value_of;
    let reached = AtomicUsize::new(0);
    each_small_programme(
        std::slice::from_ref(&reached),
        40,
        |sc, tl, best, witness| {
            let cols = generate_keeping(sc, tl, None);
            let lp: Vec<(OutCol, f64)> = cols
                .rotations
                .iter()
                .map(OutCol::of_rotation)
                .chain(cols.placements.iter().map(|x| OutCol::of_placement(sc, x)))
                .map(|x| (x, 0.5))
                .collect();
            let until = std::time::Instant::now() + std::time::Duration::from_secs(60);
            let (found, searched) = rotaplan::solve::programme_lns::improve(
                sc,
                tl,
                &cols,
                (
                    &[],
                    rotaplan::solve::programme_lns::Guide {
                        lp: &lp,
                        grow: 0.0,
                        // Priced (by score here): the left-out columns join from the first round.
                        price: Some(&|x: &OutCol| x.score),
                    },
                ),
                (f64::INFINITY, 0.0),
                until,
                (3, rotaplan::solve::programme_lns::NEIGHBOURHOOD),
                1,
            );
            let moves = moves_of_columns(&found);
            prop_assert!(check(sc, &moves).is_empty(), "{:?}", check(sc, &moves));
            prop_assert_eq!(searched.failed, 0);
            let value = evaluate(sc, tl, &moves).total;
            prop_assert!((value - searched.value).abs() < 1e-6);
            prop_assert!((value_of(sc, tl.periods.len(), &cols, &found) - value).abs() < 1e-6);
            prop_assert!(value >= value_of(sc, tl.periods.len(), &cols, &[]) - 1e-6);
            prop_assert!(
                (value - best).abs() < 1e-6,
                "{value} against the optimum {best} ({witness:?})"
            );
            reached.fetch_add(1, Ordering::Relaxed);
            Ok(())
        },
    );
}

/// Neighbourhoods of one cadre from the greedy programme over every column: each round keeps
/// the moves of the cadres that share no post, unit or relative with the free one fixed (a row
/// each); every round answers (the fixings never cut off its start), the programme found passes
/// the checker, is never worse than the greedy's nor above the brute force's optimum. Not
/// vacuous: moves were kept fixed, and some searches improved.
#[test]
fn a_neighbourhood_round_keeps_the_moves_it_does_not_touch_and_stays_feasible() {
    use rotaplan::solve::programme_lagrange::value_of;
    let seen = [
        AtomicUsize::new(0), // moves kept fixed in a round
        AtomicUsize::new(0), // the search improved on the greedy
    ];
    each_small_programme(&seen, 3, |sc, tl, best, _| {
        let cols = generate_keeping(sc, tl, None);
        let start = rotaplan::solve::programme_greedy::over_every_column(sc, tl, &cols);
        let from = value_of(sc, tl.periods.len(), &cols, &start);
        let until = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let guide = rotaplan::solve::programme_lns::Guide {
            lp: &[],
            grow: 0.0,
            price: Some(&|x: &OutCol| x.score),
        };
        let (found, searched) = rotaplan::solve::programme_lns::improve(
            sc,
            tl,
            &cols,
            (&start, guide),
            (f64::INFINITY, 0.0),
            until,
            (12, 1),
            1,
        );
        let moves = moves_of_columns(&found);
        prop_assert!(check(sc, &moves).is_empty(), "{:?}", check(sc, &moves));
        let value = evaluate(sc, tl, &moves).total;
        prop_assert!((value - searched.value).abs() < 1e-6);
        // Every round answered: its fixings never cut off the start.
        prop_assert_eq!(searched.failed, 0);
        prop_assert!(value >= from - 1e-6, "{value} below the start {from}");
        prop_assert!(value <= best + 1e-6, "{value} above the optimum {best}");
        if searched.kept > 0 {
            seen[0].fetch_add(1, Ordering::Relaxed);
        }
        if value > from + 1e-6 {
            seen[1].fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
}

/// The bundle method (`programme_bundle`: each cadre's plans seen as cuts of its part of L, steps
/// to the minimiser of their model plus a proximal term): from λ = 0 and from random multipliers
/// its bound holds for every programme (the brute force), is never above L where it starts, and
/// each cadre's cuts, made at other multipliers, never exceed its best plan where it is evaluated
/// (`bundle_at` panics otherwise: a coefficient that is not the pricing's). Not vacuous: it lowers
/// the bound, and on some programmes reaches the optimum.
#[test]
fn the_bundle_bound_holds_and_its_cuts_are_the_pricings() {
    use rotaplan::solve::programme_lagrange::{Multipliers, bound_at, bundle_at};
    let seen = [
        AtomicUsize::new(0), // the bundle lowered the bound
        AtomicUsize::new(0), // ... to the optimum
        AtomicUsize::new(0), // programmes with relatives
    ];
    let case = AtomicUsize::new(0);
    each_small_programme(&seen, 4, |sc, tl, best, witness| {
        let n_t = tl.periods.len();
        let mut lcg = 0x51_7CC1_B727_220Au64 ^ case.fetch_add(1, Ordering::Relaxed) as u64;
        for keep in [None, Some(1)] {
            let cols = generate_keeping(sc, tl, keep);
            for draw in 0..2 {
                let mut m = Multipliers::zero(sc, n_t);
                if draw == 1 {
                    for y in m.dense() {
                        lcg = lcg
                            .wrapping_mul(6_364_136_223_846_793_005)
                            .wrapping_add(1_442_695_040_888_963_407);
                        *y = ((lcg >> 33) % 5) as f64 * 6.0;
                    }
                }
                let Some(start) = bound_at(sc, tl, &cols, &m) else {
                    return Ok(());
                };
                let b = bundle_at(sc, tl, &cols, &m, best, 200).unwrap();
                prop_assert!(b >= best - 1e-6, "bundle {b} < {best} ({witness:?})");
                prop_assert!(b <= start + 1e-9 * start.abs().max(1.0));
                if b < start - 1e-6 {
                    seen[0].fetch_add(1, Ordering::Relaxed);
                }
                if b <= best + 1e-6 {
                    seen[1].fetch_add(1, Ordering::Relaxed);
                }
                if sc.cadres.iter().any(|c| !c.relatives.is_empty()) {
                    seen[2].fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        Ok(())
    });
}
