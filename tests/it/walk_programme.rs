//! The programme's defects a new-user walkthrough found (office data: `;`, BOM, Vietnamese
//! headers, dd/mm/yyyy), each on a copy of the walkthrough's data in tests/fixtures/walk.

use rotaplan::solve::SolveStatus;
use rotaplan::solve::programme::ProgrammeNote;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    crate::common::root().join("tests/fixtures/walk").join(name)
}

/// A copy of fixture directory `name` in a temporary directory.
fn copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture(name)).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    dir
}

fn notes(dir: &Path) -> (SolveStatus, Vec<ProgrammeNote>, String) {
    let sc = rotaplan::scenario::load(&dir.join("bad.yaml")).unwrap();
    let plan = rotaplan::plan_programme(&sc).unwrap().plan;
    let words = serde_json::to_string(&plan.note).unwrap();
    (
        plan.status,
        plan.note.map(|n| n.0).unwrap_or_default(),
        words,
    )
}

/// Hard targets and hard must-fill that cannot hold, and one valid executed rotation: the note
/// names the requirements, not the history (the history alone holds).
#[test]
fn an_infeasible_programme_with_a_valid_history_blames_the_requirements() {
    let dir = copy("bao-lam");
    let (status, notes, words) = notes(dir.path());
    assert_eq!(status, SolveStatus::Infeasible);
    assert!(notes.contains(&ProgrammeNote::HardCannotHold), "{words}");
    assert!(
        !notes.contains(&ProgrammeNote::HistoryCannotHold),
        "{words}"
    );
    assert!(!words.contains("correct the history"), "{words}");
}

/// A history row that breaks a rule on its date is named with the rule's id and words; a row
/// that passes the rules is never said to break them.
#[test]
fn a_history_row_that_breaks_a_rule_names_the_rule() {
    let dir = copy("bao-lam");
    // CB037 holds rank 6; P20 is of rank 3.
    std::fs::write(
        dir.path().join("lich_su.csv"),
        "cadre_id;post_id;kind;start;end\nCB037;P20;rotation;01/03/2027;\n",
    )
    .unwrap();
    let (status, notes, words) = notes(dir.path());
    assert_eq!(status, SolveStatus::Infeasible);
    let Some(ProgrammeNote::HistoryBreaksRules(moves)) = notes.first() else {
        panic!("{words}");
    };
    assert_eq!(moves.len(), 1, "{words}");
    let b = moves[0].breach.as_ref().expect("the rule broken");
    assert!(
        words.contains(&format!(
            "line 2 (rotation CB037 → P20, period 1) breaks {}",
            b.rule
        )),
        "{words}"
    );
    // In Vietnamese, words of the catalogue.
    let vi = rotaplan::report::programme_notes(
        rotaplan::domain::Lang::Vi,
        &rotaplan::solve::programme::ProgrammeNotes(notes.clone()),
    );
    assert!(vi.contains(&format!("vi phạm {}", b.rule)), "{vi}");
    assert!(!vi.contains("breaks"), "{vi}");
}

/// Must-fill posts (criticality 5) left empty for the whole programme each get a reason, the
/// rule and its count when no cadre may take the post, in programme.json and the summary
/// (programme.md, the terminal), with or without `must_fill_within`.
#[test]
fn must_fill_posts_empty_for_the_whole_programme_get_a_reason() {
    let dir = copy("bao-lam");
    for yaml in ["bao-lam.yaml", "bao-lam-mf.yaml"] {
        let sc = rotaplan::scenario::load(&dir.path().join(yaml)).unwrap();
        let plan = rotaplan::plan_programme(&sc).unwrap().plan;
        assert!(plan.status.has_plan(), "{:?}", plan.note);
        let ids: Vec<&str> = plan
            .empty_must_fill
            .iter()
            .map(|e| sc.post(e.post).id.as_str())
            .collect();
        assert!(ids.contains(&"P07"), "{yaml}: {ids:?}");
        // Each is a must-fill post with an empty seat on every period's date.
        let tl = rotaplan::programme::Timeline::new(&sc).unwrap();
        let filled = rotaplan::programme::occupancy_after(&sc, &tl, &plan.moves);
        for e in &plan.empty_must_fill {
            let post = sc.post(e.post);
            assert!(post.criticality >= 5);
            assert!(filled[e.post as usize].iter().all(|&n| n < post.seats));
            assert!(e.could_take > 0 || !e.excluded_by.is_empty(), "{e:?}");
        }
        let summary = rotaplan::report::programme::programme_summary_in(
            &sc,
            &plan,
            rotaplan::domain::Lang::En,
        );
        assert!(
            summary.contains("Must-fill posts with a seat empty in every period:"),
            "{summary}"
        );
        let line = summary
            .lines()
            .find(|l| l.trim_start().starts_with("P07 "))
            .unwrap_or_else(|| panic!("{summary}"));
        assert!(
            line.contains("excludes") || line.contains("pass the rules"),
            "{line}"
        );
        let vi = rotaplan::report::programme::programme_summary_in(
            &sc,
            &plan,
            rotaplan::domain::Lang::Vi,
        );
        assert!(
            vi.contains("Vị trí bắt buộc lấp đầy còn chỗ trống ở mọi kỳ:"),
            "{vi}"
        );
        let json = rotaplan::report::programme::programme_json(&sc, &plan);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let rows = v["empty_must_fill"].as_array().expect("empty_must_fill");
        let p07 = rows.iter().find(|r| r["post_id"] == "P07").unwrap();
        assert!(p07["reason"].as_str().unwrap().starts_with("P07 "), "{p07}");
    }
}

/// `--pseudonymise` on a programme writes the private mapping beside the output folder (as a
/// single plan does), and no output names a cadre.
#[test]
fn a_pseudonymised_programme_writes_the_mapping_and_no_name() {
    let dir = copy("bao-lam");
    let out = dir.path().join("ps-bao-lam");
    let o = crate::common::rotaplan()
        .env("ROTAPLAN_PSEUDONYM_KEY", "bimat")
        .arg("plan")
        .arg(dir.path().join("bao-lam.yaml"))
        .args(["--pseudonymise", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{stderr}");
    let sc = rotaplan::scenario::load(&dir.path().join("bao-lam.yaml")).unwrap();
    let map = std::fs::read_to_string(dir.path().join("ps-bao-lam.pseudonyms.csv"))
        .expect("the mapping beside the folder");
    assert_eq!(map.lines().count(), sc.cadres.len() + 1, "{map}");
    assert!(map.contains(&sc.cadres[0].name), "{map}");
    let mut texts = vec![
        ("stdout".to_string(), stdout),
        ("stderr".to_string(), stderr),
    ];
    for e in std::fs::read_dir(&out).unwrap() {
        let e = e.unwrap();
        texts.push((
            e.file_name().to_string_lossy().into_owned(),
            String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned(),
        ));
    }
    assert!(texts.iter().any(|(n, _)| n == "programme.csv"));
    for (file, text) in &texts {
        for c in sc.cadres.iter() {
            assert!(!text.contains(&c.name), "{file} holds the name {}", c.name);
        }
    }
}

/// `check --against-optimum` of a hand-made plan that breaks hard rules says so first, gives no
/// distance from the optimum (the walkthrough's "the optimum is -1147 higher"), and exits 1.
#[test]
fn against_optimum_of_a_plan_that_breaks_rules_gives_no_distance() {
    let dir = copy("bao-lam");
    let run = |lang: &str| {
        crate::common::rotaplan()
            .args(["--lang", lang, "check"])
            .arg(dir.path().join("dot1.yaml"))
            .arg(dir.path().join("hand.csv"))
            .arg("--against-optimum")
            .output()
            .unwrap()
    };
    let o = run("en");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(1), "{out}");
    let said = out
        .find("This plan breaks hard rules")
        .unwrap_or_else(|| panic!("{out}"));
    assert!(said < out.find("Score").unwrap_or(usize::MAX), "{out}");
    assert!(!out.contains("higher"), "{out}");
    let o = run("vi");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("vi phạm quy định bắt buộc"), "{out}");
    assert!(!out.contains("cao hơn"), "{out}");
    // JSON: the count, and no difference.
    let o = crate::common::rotaplan()
        .arg("check")
        .arg(dir.path().join("dot1.yaml"))
        .arg(dir.path().join("hand.csv"))
        .args(["--against-optimum", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["score"]["optimum"]["breaks_hard_rules"].as_u64().unwrap() > 0);
    assert!(v["score"]["optimum"]["difference"].is_null());
}

/// `explain` on a programme scenario without `--period` says first that it answers for one plan
/// on the first period's date, and how to ask about the programme; a single plan's scenario gets
/// no such note.
#[test]
fn explain_on_a_programme_says_it_answers_for_the_first_period() {
    let dir = copy("bao-lam");
    let run = |yaml: &str, format: &str| {
        let o = crate::common::rotaplan()
            .args(["--lang", "en", "explain"])
            .arg(dir.path().join(yaml))
            .args(["--runner-ups", "0", "--format", format])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let out = run("bao-lam.yaml", "table");
    assert!(
        out.starts_with("Note: this scenario is a programme of 5 periods"),
        "{out}"
    );
    assert!(out.contains("--cadre ID --period YEAR"), "{out}");
    // From the first period to the programme's end, as `plan` says it.
    let first = out.lines().next().unwrap_or_default();
    assert!(first.contains("-12-31)"), "{first}");
    let v: serde_json::Value = serde_json::from_str(&run("bao-lam.yaml", "json")).unwrap();
    assert!(v["scope"].as_str().unwrap().contains("first period"), "{v}");
    let single = run("dot1.yaml", "table");
    assert!(!single.contains("programme of"), "{single}");
}
