//! Lexicographic objectives and re-planning of programmes: the levels against a brute force over
//! every programme the checker accepts (tiny programmes), the tolerance, re-planning from an
//! unchanged history and previous programme (the same programme, byte for byte), re-planning
//! after an executed move the previous programme did not have, and located history errors.

use crate::programme::{build, each_programme, raw_prog};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use rotaplan::domain::*;
use rotaplan::programme::replan::{ChangeReason, level_values};
use rotaplan::programme::{Move, MoveKind, Timeline};
use rotaplan::solve::SolveStatus;
use rotaplan::solve::lexicographic::kept_at_least;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

fn lex(order: &[&str], tolerance: f64) -> Option<Lexicographic> {
    Some(Lexicographic {
        order: order.iter().map(|s| s.to_string()).collect(),
        tolerance: vec![tolerance; order.len()],
    })
}

/// The lexicographically best values of `names` (then the weighted sum) over every programme the
/// checker accepts.
fn brute_force_lex(sc: &Scenario, tl: &Timeline, names: &[&str]) -> Vec<f64> {
    let mut best: Option<Vec<f64>> = None;
    each_programme(sc, |moves| {
        let v = level_values(sc, tl, &moves, None);
        let key: Vec<f64> = names
            .iter()
            .chain(["weighted"].iter())
            .map(|n| v[n])
            .collect();
        let better = best.as_ref().is_none_or(|b| {
            for (x, y) in key.iter().zip(b) {
                if (x - y).abs() > 1e-9 {
                    return x > y;
                }
            }
            false
        });
        if better {
            best = Some(key);
        }
    });
    best.unwrap_or_default()
}

#[test]
fn levels_match_a_lexicographic_brute_force_on_tiny_programmes() {
    let config = Config {
        cases: 32,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let order = ["fit", "training"];
    let (order_mattered, moved) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let result = runner.run(&raw_prog(), |raw| {
        let mut sc = build(&raw);
        let tl = Timeline::new(&sc).unwrap();
        let weighted_best = rotaplan::plan_programme(&sc)
            .unwrap()
            .plan
            .objective
            .unwrap();
        sc.objective = lex(&order, 0.0);
        let done = rotaplan::plan_programme(&sc).unwrap();
        let plan = &done.plan;
        assert_eq!(plan.status, SolveStatus::Optimal, "{:?}", plan.note);
        assert!(done.violations.is_empty(), "{:?}", done.violations);
        assert!(plan.note.is_none(), "{:?}", plan.note);
        let names: Vec<&str> = plan.levels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["fit", "training", "weighted"]);
        let want = brute_force_lex(&sc, &tl, &order);
        for (l, w) in plan.levels.iter().zip(&want) {
            let got = l.value.unwrap();
            assert!(
                (got - w).abs() < 1e-6,
                "level {}: MIP {got} vs brute force {w} ({:?})",
                l.name,
                plan.moves
            );
        }
        // The levels' values are the programme's own, and sum to its objective.
        let v = level_values(&sc, &tl, &plan.moves, None);
        let parts: f64 = rotaplan::scoring::level_names().map(|n| v[n]).sum();
        assert!((parts - plan.objective.unwrap().total).abs() < 1e-6);
        if plan.objective.unwrap().total < weighted_best.total - 1e-6 {
            order_mattered.fetch_add(1, Ordering::Relaxed);
        }
        if !plan.moves.is_empty() {
            moved.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // Not vacuous: in some cases the order gives a programme the weighted sum would not choose.
    let (order_mattered, moved) = (
        order_mattered.load(Ordering::Relaxed),
        moved.load(Ordering::Relaxed),
    );
    assert!(order_mattered >= 1, "the order never mattered");
    assert!(moved >= 8, "only {moved} cases move anyone");
}

#[test]
fn kept_at_least_rounds_so_the_optimum_is_never_cut() {
    // Whole values: the row is the smallest whole number the tolerance allows.
    assert_eq!(kept_at_least(9930.0, 0.0, 0.01, true), 9831.0);
    assert_eq!(kept_at_least(42.0, 0.0, 0.0, true), 42.0);
    // A backend's value a hair off a whole number still keeps exactly that number.
    assert_eq!(kept_at_least(41.999_999_9, 0.0, 0.0, true), 42.0);
    assert_eq!(kept_at_least(42.000_000_1, 0.0, 0.0, true), 42.0);
    // A cost (negative value): the tolerance is relative to its size, and the constant counts.
    assert_eq!(kept_at_least(-100.0, 0.0, 0.1, true), -110.0);
    assert_eq!(kept_at_least(-90.0, -10.0, 0.1, true), -100.0);
    // Fractional values: just below the value.
    let r = kept_at_least(10.5, 0.0, 0.0, false);
    assert!(r < 10.5 && r > 10.499);
}

#[test]
fn a_tolerance_lets_later_levels_gain_and_keeps_the_first_within_it() {
    let config = Config {
        cases: 24,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let gained = AtomicUsize::new(0);
    let result = runner.run(&raw_prog(), |raw| {
        let mut sc = build(&raw);
        sc.objective = lex(&["staffing", "disruption"], 0.0);
        let strict = rotaplan::plan_programme(&sc).unwrap().plan;
        sc.objective = lex(&["staffing", "disruption"], 0.5);
        let done = rotaplan::plan_programme(&sc).unwrap();
        assert!(done.violations.is_empty(), "{:?}", done.violations);
        let loose = done.plan;
        assert!(loose.note.is_none(), "{:?}", loose.note);
        let s_first = strict.levels[0].value.unwrap();
        let l_first = loose.levels[0].value.unwrap();
        let opt = loose.levels[0].optimum.unwrap();
        assert!((opt - s_first).abs() < 1e-6, "same first optimum");
        // Within the tolerance of the first level's optimum, rounded up to whole points.
        let floor = (opt - 0.5 * opt.abs()).ceil();
        assert_eq!(loose.levels[0].kept_at_least, Some(floor));
        assert!(l_first >= floor - 1e-6, "{l_first} vs {opt}");
        // The second level can only gain from the room, and a gain costs the first level.
        let s_second = strict.levels[1].value.unwrap();
        let l_second = loose.levels[1].value.unwrap();
        assert!(
            l_second >= s_second - 1e-6,
            "second level {l_second} < {s_second}"
        );
        if l_second > s_second + 1e-6 {
            gained.fetch_add(1, Ordering::Relaxed);
            assert!(
                l_first < s_first,
                "a gain in the second level without a loss in the first"
            );
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let gained = gained.load(Ordering::Relaxed);
    assert!(gained >= 1, "the tolerance never let the second level gain");
}

/// Writes a generated programme scenario of `years` yearly periods to `dir`, its YAML passed
/// through `edit`.
fn write_generated(dir: &Path, size: (u32, u32, u64), years: u32, edit: impl Fn(String) -> String) {
    let opts = rotaplan::generate::GenOptions {
        cadres: size.0 as usize,
        posts: size.1 as usize,
        seed: size.2,
        plan_date: "2027-01-01".parse().unwrap(),
        name: None,
    };
    for f in rotaplan::generate::generate_programme(&opts, years) {
        // A history.csv the test wrote stays.
        if f.name == "history.csv" && dir.join(&f.name).exists() {
            continue;
        }
        let text = if f.name == "scenario.yaml" {
            edit(f.contents)
        } else {
            f.contents
        };
        std::fs::write(dir.join(&f.name), text).unwrap();
    }
}

/// A generated programme scenario in `dir` (gap 0, so a plan is the optimum), with `extra` lines
/// added under `programme:`.
fn generated(dir: &Path, extra: &str) -> Scenario {
    generated_years(dir, 4, extra)
}

/// [`generated`] over `years` yearly periods.
fn generated_years(dir: &Path, years: u32, extra: &str) -> Scenario {
    write_generated(dir, (90, 30, 11), years, |t| {
        t.replace("  history: history.csv\n", "")
            .replace("relative_gap: 0.0001", "relative_gap: 0")
            .replace(
                "  period_months: 12\n",
                &format!("  period_months: 12\n{extra}"),
            )
    });
    rotaplan::scenario::load(&dir.join("scenario.yaml")).unwrap()
}

fn history_csv(sc: &Scenario, moves: &[&Move]) -> String {
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
fn replanning_an_unchanged_programme_returns_it_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let sc = generated(dir.path(), "");
    let first = rotaplan::plan_programme(&sc).unwrap().plan;
    assert_eq!(first.status, SolveStatus::Optimal);
    let csv = rotaplan::report::programme::programme_csv(&first);
    std::fs::write(dir.path().join("previous.csv"), &csv).unwrap();
    // The first period was carried out as planned.
    let done: Vec<&Move> = first.moves.iter().filter(|m| m.period == 0).collect();
    assert!(!done.is_empty());
    std::fs::write(dir.path().join("history.csv"), history_csv(&sc, &done)).unwrap();
    let sc = generated(
        dir.path(),
        "  history: history.csv\n  previous: previous.csv\n",
    );
    assert_eq!(
        sc.programme.as_ref().unwrap().replan.history.len(),
        done.len()
    );
    let again = rotaplan::plan_programme(&sc).unwrap();
    assert!(again.violations.is_empty(), "{:?}", again.violations);
    let plan = again.plan;
    assert_eq!(plan.status, SolveStatus::Optimal, "{:?}", plan.note);
    assert_eq!(rotaplan::report::programme::programme_csv(&plan), csv);
    assert_eq!(plan.changes.as_deref(), Some(&[][..]));
    let names: Vec<&str> = plan.levels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["weighted", "changes"]);
    assert_eq!(plan.levels[1].value, Some(0.0));
    assert_eq!(
        plan.objective.unwrap().total,
        first.objective.unwrap().total
    );
}

#[test]
fn replanning_after_an_executed_move_changes_only_what_it_must() {
    let dir = tempfile::tempdir().unwrap();
    let sc = generated(dir.path(), "");
    let tl = Timeline::new(&sc).unwrap();
    let first = rotaplan::plan_programme(&sc).unwrap().plan;
    let csv = rotaplan::report::programme::programme_csv(&first);
    std::fs::write(dir.path().join("previous.csv"), &csv).unwrap();
    // A cadre rotated in period 1 went to another post the rules allow instead.
    let cols = rotaplan::programme::generate(&sc, &tl);
    let (planned, other) = first
        .moves
        .iter()
        .filter(|m| m.kind == MoveKind::Rotation && m.period == 0)
        .filter_map(|m| {
            // Another post the rules allow, one the first programme gave another cadre first
            // (that cadre must then change: `history_took_seat`).
            let others: Vec<_> = cols
                .rotations
                .iter()
                .filter(|r| r.cadre == m.cadre && r.period == 0 && r.post != m.post)
                .collect();
            let taken = others.iter().find(|r| {
                first
                    .moves
                    .iter()
                    .any(|x| x.cadre != m.cadre && x.post == r.post)
            });
            Some((m.clone(), taken.or(others.first())?.post, taken.is_some()))
        })
        .max_by_key(|x| x.2)
        .map(|(m, p, _)| (m, p))
        .expect("a cadre with two possible posts in period 1");
    let executed = Move {
        post: other,
        ..planned.clone()
    };
    // Made 45 days into its period: the words of the changes show that date, not the period's.
    let period_date = sc.programme.as_ref().unwrap().periods[executed.period];
    let made = period_date + chrono::Days::new(45);
    std::fs::write(
        dir.path().join("history.csv"),
        history_csv(&sc, &[&executed]).replace(&period_date.to_string(), &made.to_string()),
    )
    .unwrap();
    let sc = generated(
        dir.path(),
        "  history: history.csv\n  previous: previous.csv\n",
    );
    let again = rotaplan::plan_programme(&sc).unwrap();
    assert!(again.violations.is_empty(), "{:?}", again.violations);
    let plan = again.plan;
    assert_eq!(plan.status, SolveStatus::Optimal, "{:?}", plan.note);
    assert!(plan.moves.contains(&executed));
    let changes = plan.changes.clone().unwrap();
    let fixed: Vec<_> = changes
        .iter()
        .filter(|c| c.reason == ChangeReason::HistoryFixed)
        .collect();
    assert_eq!(fixed.len(), 1);
    assert_eq!(fixed[0].cadre, planned.cadre);
    // The changes are the fewest possible at the best value: the last level is optimal and the
    // programme's changes are that optimum.
    let last = plan.levels.last().unwrap();
    assert_eq!(last.name, "changes");
    assert_eq!(last.status, SolveStatus::Optimal);
    assert_eq!(last.value, Some(-(changes.len() as f64)));
    assert_eq!(last.optimum, last.value);
    // Every cadre the history does not name and the previous programme moved elsewhere than
    // the executed move's post keeps the moves it had, unless it made room or had a better use.
    // A cadre whose previous move was onto the executed move's post says so (it said
    // better_value).
    assert!(
        changes
            .iter()
            .any(|c| c.reason == ChangeReason::HistoryTookSeat),
        "{changes:?}"
    );
    for c in &changes {
        let on_it = c.before.iter().any(|m| m.post == other);
        assert!(
            c.cadre == planned.cadre
                || c.reason
                    == if on_it {
                        ChangeReason::HistoryTookSeat
                    } else {
                        ChangeReason::BetterValue
                    },
            "{c:?}"
        );
    }
    // The words: changes.csv names the executed move.
    let words = rotaplan::report::programme::changes_csv(&sc, &plan).unwrap();
    assert!(words.contains(&sc.cadre(planned.cadre).id), "{words}");
    assert!(words.contains("history_fixed"), "{words}");
    let line = words
        .lines()
        .find(|l| l.starts_with(&format!("{},", sc.cadre(planned.cadre).id)))
        .unwrap();
    let executed_words = format!("{} rotation {made}", sc.post(other).id);
    assert!(line.contains(&executed_words), "{line}");
}

fn load_error(dir: &Path, yaml_extra: &str, history: &str) -> Vec<rotaplan::scenario::Diagnostic> {
    write_generated(dir, (30, 10, 3), 3, |t| {
        t.replace("  history: history.csv\n", "").replace(
            "  period_months: 12\n",
            "  period_months: 12\n  history: history.csv\n",
        ) + yaml_extra
    });
    std::fs::write(dir.join("history.csv"), history).unwrap();
    match rotaplan::scenario::load(&dir.join("scenario.yaml")) {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics,
    }
}

#[test]
fn history_and_objective_errors_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let ok = load_error(dir.path(), "", "cadre_id,post_id,kind,start\n");
    assert!(ok.is_empty(), "{ok:?}");
    let history = "cadre_id,post_id,kind,start,end\n\
                   C001,VT001,rotation,2027-03-01,\n\
                   C999,VT001,rotation,2027-01-01,\n\
                   C002,VT001,transfer,2027-01-01,\n\
                   C003,VT002,rotation,2031-05-01,\n\
                   C004,VT002,rotation,31/02/2028,\n\
                   C005,VT003,placement,2028-01-01,2027-01-01\n\
                   C001,VT004,rotation,2028-01-01,\n";
    let d = load_error(dir.path(), "", history);
    let at = |line: usize, field: &str| {
        d.iter()
            .find(|x| x.line == Some(line) && x.field.ends_with(field))
            .unwrap_or_else(|| panic!("nothing at line {line} {field}: {d:#?}"))
    };
    assert!(d.iter().all(|x| x.file.ends_with("history.csv")), "{d:#?}");
    assert_eq!(at(3, "cadre_id").code, "E4002");
    assert_eq!(at(4, "kind").code, "E5003");
    assert_eq!(at(4, "kind").column, Some(3));
    assert!(at(4, "kind").fix.to_string().starts_with("write rotation"));
    assert_eq!(at(5, "start").code, "E5003");
    assert_eq!(at(6, "start").code, "E2006");
    assert_eq!(at(7, "end").code, "E5003");
    assert_eq!(at(8, "cadre_id").code, "E5003");
    assert!(at(8, "cadre_id").expected.to_string().contains("line 2"));
    assert_eq!(d.len(), 6, "{d:#?}");

    // "Điều động" (a transfer) is refused with a fix that says it may be either, or neither.
    let d = load_error(
        dir.path(),
        "",
        "cadre_id,post_id,kind,start\nC001,VT001,Điều động,2027-01-01\n",
    );
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].code, "E5003");
    let fix = d[0].fix.to_string();
    assert!(
        fix.contains("does not say whether the move was a rotation"),
        "{fix}"
    );
    assert!(fix.contains("leave it out"), "{fix}");

    // The kinds in Vietnamese, as the messages give them beside the English words.
    let d = load_error(
        dir.path(),
        "",
        "cadre_id,post_id,kind,start\nC001,VT001,Luân chuyển,2027-03-01\n",
    );
    assert!(d.is_empty(), "{d:#?}");
    // A misspelt column is E2002 naming the one meant, not a column silently unread (the end
    // would be lost); the columns for people are read and ignored.
    let d = load_error(
        dir.path(),
        "",
        "cadre_id,cadre_name,post_id,kind,start,end_date\nC001,An,VT001,rotation,2027-03-01,2028-03-01\n",
    );
    let e = d
        .iter()
        .find(|x| x.code == "E2002")
        .unwrap_or_else(|| panic!("{d:#?}"));
    assert!(
        e.file.ends_with("history.csv") && e.line == Some(1),
        "{e:?}"
    );
    assert!(e.found.to_string().contains("end_date"), "{e:?}");
    assert!(e.fix.to_string().contains("\"end\""), "{}", e.fix);
    assert_eq!(d.len(), 1, "{d:#?}");

    // objective: names checked against the objective terms, located in the YAML.
    let d = load_error(
        dir.path(),
        "objective:\n  order: [must_fill, stafing, staffing]\n  tolerance: { training: 0.1 }\n",
        "cadre_id,post_id,kind,start\n",
    );
    let yaml: Vec<_> = d
        .iter()
        .filter(|x| x.file.ends_with("scenario.yaml"))
        .collect();
    let unknown = yaml
        .iter()
        .find(|x| x.field == "objective.order[1]")
        .unwrap_or_else(|| panic!("{d:#?}"));
    assert_eq!(unknown.code, "E1012");
    assert!(
        unknown.fix.to_string().contains("staffing"),
        "{}",
        unknown.fix
    );
    assert!(unknown.line.is_some());
    let tol = yaml
        .iter()
        .find(|x| x.field == "objective.tolerance.training")
        .unwrap_or_else(|| panic!("{d:#?}"));
    assert_eq!(tol.code, "E1012");
    assert_eq!(yaml.len(), 2, "{d:#?}");
}

/// `batch --resume` hashes a programme's history.csv with the scenario's other input files: an
/// unchanged history is reused, a changed one plans the scenario again.
#[test]
fn a_changed_history_makes_a_resumed_batch_plan_again() {
    let dir = tempfile::tempdir().unwrap();
    let sc = generated(dir.path(), "");
    let first = rotaplan::plan_programme(&sc).unwrap().plan;
    let done: Vec<&Move> = first.moves.iter().filter(|m| m.period == 0).collect();
    assert!(!done.is_empty());
    std::fs::write(dir.path().join("history.csv"), history_csv(&sc, &done[..1])).unwrap();
    let sc = generated(dir.path(), "  history: history.csv\n");
    let file = dir.path().join("scenario.yaml");
    let files = rotaplan::scenario::input_files(&file).unwrap();
    assert!(files.contains(&dir.path().join("history.csv")), "{files:?}");
    let out = dir.path().join("out");
    let batch = |resume: bool| {
        let mut c = crate::common::rotaplan();
        c.args(["batch", "-q", "--jobs", "1", "--out"]).arg(&out);
        if resume {
            c.arg("--resume");
        }
        let o = c.arg(&file).output().unwrap();
        let runs: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(runs.len(), 1, "{runs:?} {o:?}");
        let m: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(runs[0].join("manifest.json")).unwrap())
                .unwrap();
        m["scenarios"][0]["reused"].as_bool().unwrap_or(false)
    };
    assert!(!batch(false));
    assert!(batch(true), "unchanged inputs: reused");
    std::fs::write(dir.path().join("history.csv"), history_csv(&sc, &done)).unwrap();
    assert!(!batch(true), "a changed history.csv: planned again");
}

#[test]
fn an_executed_rotation_with_an_end_is_placed_when_it_ends() {
    let dir = tempfile::tempdir().unwrap();
    let sc = generated(dir.path(), "");
    let first = rotaplan::plan_programme(&sc).unwrap().plan;
    // A rotation of the first period placed 36 months later (2030-01-01, the fourth period).
    let rotations: Vec<&Move> = first
        .moves
        .iter()
        .filter(|m| m.kind == MoveKind::Rotation && m.period == 0)
        .filter(|m| {
            first
                .moves
                .iter()
                .any(|x| x.cadre == m.cadre && x.kind == MoveKind::Placement && x.period == 3)
        })
        .collect();
    assert!(!rotations.is_empty(), "{:?}", first.moves);
    let ended = |m: &Move| {
        format!(
            "cadre_id,post_id,kind,start,end\n{},{},rotation,2027-01-01,2029-01-01\n",
            sc.cadre(m.cadre).id,
            sc.post(m.post).id
        )
    };
    // Cut short to 24 months: its placement falls due in period 3 (2029-01-01) instead; a cadre
    // the rules and seats can place then.
    let (m, sc2) = rotations
        .iter()
        .find_map(|m| {
            std::fs::write(dir.path().join("history.csv"), ended(m)).unwrap();
            let sc2 = generated(dir.path(), "  history: history.csv\n");
            let tl = Timeline::new(&sc2).unwrap();
            let cols = rotaplan::programme::generate(&sc2, &tl);
            let r = cols
                .rotations
                .iter()
                .find(|r| r.cadre == m.cadre && r.post == m.post && r.period == 0)
                .expect("the executed rotation's column");
            assert_eq!(r.end.to_string(), "2029-01-01");
            assert_eq!(r.placement, Some(2));
            cols.placements
                .iter()
                .any(|x| x.cadre == m.cadre && x.period == 2)
                .then(|| ((*m).clone(), sc2))
        })
        .expect("a cadre placeable in 2029");
    let done = rotaplan::plan_programme(&sc2).unwrap();
    assert!(done.violations.is_empty(), "{:?}", done.violations);
    let plan = done.plan;
    assert_eq!(plan.status, SolveStatus::Optimal, "{:?}", plan.note);
    assert!(plan.moves.contains(&m));
    let placed: Vec<&Move> = plan
        .moves
        .iter()
        .filter(|x| x.cadre == m.cadre && x.kind == MoveKind::Placement)
        .collect();
    assert_eq!(placed.len(), 1, "{:?}", plan.moves);
    assert_eq!(placed[0].period, 2);
    // programme.csv writes the executed end.
    let csv = rotaplan::report::programme::programme_csv(&plan);
    let row = csv
        .lines()
        .find(|l| l.contains(&sc.cadre(m.cadre).id) && l.contains("rotation"))
        .unwrap();
    assert!(row.contains("2029-01-01"), "{row}");
    // The checker agrees: the same moves without the `end` place the cadre a period early.
    std::fs::write(dir.path().join("history.csv"), history_csv(&sc, &[&m])).unwrap();
    let sc3 = generated(dir.path(), "  history: history.csv\n");
    let problems = rotaplan::check::programme::check(&sc3, &plan.moves);
    assert!(
        problems.iter().any(
            |v| v.cadre.as_deref() == Some(sc.cadre(m.cadre).id.as_str())
                && v.rule == rotaplan::rules::RuleId::P1
        ),
        "{problems:?}"
    );
    assert!(rotaplan::check::programme::check(&sc2, &plan.moves).is_empty());
}

/// An executed rotation made inside its period (history.csv `start` 01/07/2027, as an office
/// writes it, no `end`) keeps its real start: it ends `min_rotation_months` after it (2030-07-01,
/// not 2030-01-01), its placement falls in the first period on or after that (2031), programme.csv
/// writes both dates, and the checker rejects a placement 30 months after the real move (H4).
#[test]
fn an_executed_rotation_keeps_its_real_start() {
    let dir = tempfile::tempdir().unwrap();
    let sc = generated_years(dir.path(), 5, "");
    let first = rotaplan::plan_programme(&sc).unwrap().plan;
    // Rotations of the first period placed 36 months after the period's date (2030-01-01).
    let rotations: Vec<&Move> = first
        .moves
        .iter()
        .filter(|m| m.kind == MoveKind::Rotation && m.period == 0)
        .filter(|m| {
            first
                .moves
                .iter()
                .any(|x| x.cadre == m.cadre && x.kind == MoveKind::Placement && x.period == 3)
        })
        .collect();
    assert!(!rotations.is_empty(), "{:?}", first.moves);
    let mid_year = |m: &Move| {
        format!(
            "cadre_id,post_id,kind,start,end\n{},{},rotation,01/07/2027,\n",
            sc.cadre(m.cadre).id,
            sc.post(m.post).id
        )
    };
    let (m, sc2) = rotations
        .iter()
        .find_map(|m| {
            std::fs::write(dir.path().join("history.csv"), mid_year(m)).unwrap();
            let sc2 = generated_years(dir.path(), 5, "  history: history.csv\n");
            let h = &sc2.programme.as_ref().unwrap().replan.history;
            assert_eq!((h.len(), h[0].period), (1, 0), "{h:?}");
            let tl = Timeline::new(&sc2).unwrap();
            let cols = rotaplan::programme::generate(&sc2, &tl);
            let r = cols
                .rotations
                .iter()
                .find(|r| r.cadre == m.cadre && r.post == m.post && r.period == 0)
                .expect("the executed rotation's column");
            assert_eq!(r.end.to_string(), "2030-07-01");
            assert_eq!(r.placement, Some(4));
            cols.placements
                .iter()
                .any(|x| x.cadre == m.cadre && x.period == 4)
                .then(|| ((*m).clone(), sc2))
        })
        .expect("a cadre placeable in 2031");
    let id = sc.cadre(m.cadre).id.clone();
    // The first programme places the cadre 30 months after the real move: the checker says so.
    let problems = rotaplan::check::programme::check(&sc2, &first.moves);
    let mine: Vec<_> = problems
        .iter()
        .filter(|v| v.cadre.as_deref() == Some(id.as_str()))
        .collect();
    assert!(
        mine.iter().any(|v| v.rule == rotaplan::rules::RuleId::H4),
        "{problems:?}"
    );
    assert!(
        mine.iter().any(|v| v.rule == rotaplan::rules::RuleId::P1),
        "{problems:?}"
    );
    // Re-planned: placed in 2031, and the checker passes it.
    let done = rotaplan::plan_programme(&sc2).unwrap();
    assert!(done.violations.is_empty(), "{:?}", done.violations);
    let plan = done.plan;
    assert!(plan.moves.contains(&m));
    let placed: Vec<usize> = plan
        .moves
        .iter()
        .filter(|x| x.cadre == m.cadre && x.kind == MoveKind::Placement)
        .map(|x| x.period)
        .collect();
    assert!(placed.iter().all(|&s| s == 4), "{placed:?}");
    assert!(rotaplan::check::programme::check(&sc2, &plan.moves).is_empty());
    // programme.csv writes the real start and the end 36 months after it.
    let csv = rotaplan::report::programme::programme_csv(&plan);
    let row = csv
        .lines()
        .find(|l| l.starts_with(&format!("{id},")) && l.contains(",rotation,"))
        .unwrap();
    assert!(row.ends_with(",rotation,1,2027-07-01,2030-07-01"), "{row}");
}

/// The tutorial with a twin of every cadre without relatives (the same row under another id and
/// name), its cadre rows in `order`, planned with `objective:`; the plan's (cadre, post) pairs.
fn twins_plan(dir: &Path, reverse: bool) -> (Vec<(String, String)>, usize) {
    let src = crate::common::root().join("scenarios/tutorial");
    for f in ["units.csv", "posts.csv"] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    let text = std::fs::read_to_string(src.join("cadres.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let mut rows: Vec<String> = Vec::new();
    for line in lines {
        rows.push(line.to_string());
        let cells: Vec<&str> = line.split(',').collect();
        if cells[17].is_empty() {
            let mut twin = cells.clone();
            let (id, name) = (format!("{}T", cells[0]), format!("{} Hai", cells[1]));
            twin[0] = &id;
            twin[1] = &name;
            rows.push(twin.join(","));
        }
    }
    let twins = rows.len() - text.lines().count() + 1;
    if reverse {
        rows.reverse();
    }
    std::fs::write(
        dir.join("cadres.csv"),
        format!("{header}\n{}\n", rows.join("\n")),
    )
    .unwrap();
    let yaml = std::fs::read_to_string(src.join("tutorial.yaml")).unwrap();
    assert!(!yaml.contains("objective:"));
    std::fs::write(
        dir.join("s.yaml"),
        format!("{yaml}\nobjective:\n  order: [staffing, training]\n"),
    )
    .unwrap();
    let sc = rotaplan::scenario::load(&dir.join("s.yaml")).unwrap();
    let done = rotaplan::plan_scenario(&sc);
    assert!(done.violations.is_empty(), "{:?}", done.violations);
    let plan = done.plan;
    assert_eq!(plan.solver.status, SolveStatus::Optimal);
    assert_eq!(plan.levels.len(), 3);
    let mut pairs: Vec<(String, String)> = plan
        .assignments
        .iter()
        .map(|a| (a.cadre_id.clone(), a.post_id.clone()))
        .collect();
    pairs.sort();
    (pairs, twins)
}

#[test]
fn a_lexicographic_plan_is_the_same_whatever_the_order_of_equal_cadres() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (first, twins) = twins_plan(a.path(), false);
    let (second, _) = twins_plan(b.path(), true);
    assert!(twins >= 5, "{twins} twins");
    assert_eq!(first, second);
    // Not vacuous: some post went to a cadre with a twin of equal value.
    let table = std::fs::read_to_string(a.path().join("cadres.csv")).unwrap();
    let has_twin = |c: &str| c.ends_with('T') || table.contains(&format!("\n{c}T,"));
    assert!(first.iter().any(|(c, _)| has_twin(c)), "{first:?}");
}

#[test]
fn a_generated_history_records_the_rotations_before_the_programme() {
    let dir = tempfile::tempdir().unwrap();
    write_generated(dir.path(), (90, 30, 11), 4, |t| t);
    let path = dir.path().join("scenario.yaml");
    let sc = rotaplan::scenario::load(&path).unwrap();
    let prog = sc.programme.as_ref().unwrap();
    // Nothing of it is inside the programme: nothing fixed, the plan is the one without it.
    assert!(prog.replan.history.is_empty());
    let rotations: Vec<&HistoryMove> = prog
        .replan
        .past
        .iter()
        .filter(|h| h.kind == MoveKind::Rotation)
        .collect();
    assert!(rotations.len() >= 3, "{:?}", prog.replan.past);
    assert!(
        prog.replan
            .past
            .iter()
            .any(|h| h.kind == MoveKind::Placement)
    );
    for h in &rotations {
        let c = sc.cadre(h.cadre);
        assert!(h.start < prog.start);
        assert_eq!(h.end, c.rotation_end);
        // The start of the rotation comes from the history.
        assert_eq!(c.rotation_start, Some(h.start));
    }
    let running = sc
        .cadres
        .iter()
        .filter(|c| c.rotation_end.is_some_and(|e| e >= prog.start))
        .count();
    assert!(running >= 1 && rotations.len() > running);
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert!(done.violations.is_empty(), "{:?}", done.violations);
    assert!(done.plan.status.has_plan());

    // A rotation before the programme that cadres.csv does not record is located.
    let h = rotations[0];
    let later = h.end.unwrap().succ_opt().unwrap();
    let unrecorded = sc.cadres.iter().find(|c| c.rotation_end.is_none()).unwrap();
    // A finished rotation's cadre, with a start after its end.
    let finished = sc
        .cadres
        .iter()
        .find(|c| {
            c.rotation_end
                .is_some_and(|e| e < prog.start.pred_opt().unwrap())
        })
        .unwrap();
    let after = finished.rotation_end.unwrap().succ_opt().unwrap();
    std::fs::write(
        dir.path().join("history.csv"),
        format!(
            "cadre_id,post_id,kind,start,end\n{},{},rotation,{},{later}\n{},{},rotation,2025-01-01,\n{},{},rotation,{after},\n",
            sc.cadre(h.cadre).id,
            sc.post(h.post).id,
            h.start,
            unrecorded.id,
            sc.post(h.post).id,
            finished.id,
            sc.post(h.post).id,
        ),
    )
    .unwrap();
    let err = rotaplan::scenario::load(&path).unwrap_err();
    let got: Vec<(&str, Option<usize>, &str)> = err
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.field.rsplit(": ").next().unwrap()))
        .collect();
    assert!(
        err.diagnostics
            .iter()
            .all(|d| d.file.ends_with("history.csv"))
    );
    assert_eq!(
        got,
        [
            ("E5003", Some(2), "end"),
            ("E5003", Some(3), "start"),
            ("E5003", Some(4), "start")
        ],
        "{err}"
    );
    let shown = err.to_string();
    assert!(
        shown.contains(&format!("end {} (rotation_end)", h.end.unwrap())),
        "{shown}"
    );
}

/// A rotation of the previous programme, cut short by the history, needs a placement the previous
/// programme did not have: its cadre is a change, and the changes level counts it as the
/// programme's changes do (the level's row held, no note; was: the level's optimum 0 beside one
/// change, "the programme's value -1 breaks its row 0").
#[test]
fn a_placement_the_history_adds_is_a_change_for_the_changes_level() {
    let dir = tempfile::tempdir().unwrap();
    let sc = generated_years(dir.path(), 3, "");
    let first = rotaplan::plan_programme(&sc).unwrap().plan;
    std::fs::write(
        dir.path().join("previous.csv"),
        rotaplan::report::programme::programme_csv(&first),
    )
    .unwrap();
    // Rotations of 2027, placed after the programme (2030) in the first one.
    let rotations: Vec<&Move> = first
        .moves
        .iter()
        .filter(|m| m.kind == MoveKind::Rotation && m.period == 0)
        .filter(|m| {
            !first
                .moves
                .iter()
                .any(|x| x.cadre == m.cadre && x.kind == MoveKind::Placement)
        })
        .collect();
    assert!(!rotations.is_empty(), "{:?}", first.moves);
    let extra = "  history: history.csv\n  previous: previous.csv\n";
    // Ended after 24 months: a placement falls due in 2029.
    let (m, sc2) = rotations
        .iter()
        .find_map(|m| {
            let row = format!(
                "cadre_id,post_id,kind,start,end\n{},{},rotation,2027-01-01,2029-01-01\n",
                sc.cadre(m.cadre).id,
                sc.post(m.post).id
            );
            std::fs::write(dir.path().join("history.csv"), row).unwrap();
            let sc2 = generated_years(dir.path(), 3, extra);
            let tl = Timeline::new(&sc2).unwrap();
            let cols = rotaplan::programme::generate(&sc2, &tl);
            cols.placements
                .iter()
                .any(|x| x.cadre == m.cadre && x.period == 2)
                .then(|| ((*m).clone(), sc2))
        })
        .expect("a cadre placeable in 2029");
    let again = rotaplan::plan_programme(&sc2).unwrap();
    assert!(again.violations.is_empty(), "{:?}", again.violations);
    let plan = again.plan;
    assert_eq!(plan.status, SolveStatus::Optimal, "{:?}", plan.note);
    assert!(plan.note.is_none(), "{:?}", plan.note);
    assert!(
        plan.moves
            .iter()
            .any(|x| x.cadre == m.cadre && x.kind == MoveKind::Placement && x.period == 2),
        "{:?}",
        plan.moves
    );
    let changes = plan.changes.clone().unwrap();
    assert!(changes.iter().any(|c| c.cadre == m.cadre), "{changes:?}");
    let last = plan.levels.last().unwrap();
    assert_eq!(last.name, "changes");
    assert_eq!(last.status, SolveStatus::Optimal);
    assert_eq!(last.value, Some(-(changes.len() as f64)));
    assert_eq!(last.optimum, last.value);
}
