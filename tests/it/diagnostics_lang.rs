//! The loader's problems in words (issue 13): `validate --lang vi`, the JSON records of
//! `validate`/`check --format json`, and E1008 naming the scenario inside a folder.

use crate::common::rotaplan;
use rotaplan::domain::Lang;
use rotaplan::scenario::{self, ERROR_CODES, WARNING_CODES};
use std::fs;

const MULTI: &str = "tests/fixtures/errors/multi/scenario.yaml";

/// A hostile scenario with errors of several codes in three files, said in Vietnamese.
#[test]
fn validate_in_vietnamese() {
    let out = rotaplan()
        .args(["validate", "--lang", "vi", MULTI])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let codes: std::collections::BTreeSet<&str> = err
        .lines()
        .filter_map(|l| l.strip_prefix("lỗi[")?.split(']').next())
        .collect();
    assert!(codes.len() >= 6, "{codes:?}\n{err}");
    assert!(!err.contains("expected:") && !err.contains("fix:"), "{err}");
    insta::assert_snapshot!("validate_multi_vi", err);
}

/// The environment's locale picks the language when `--lang` is not given, even for a
/// scenario whose YAML cannot be read.
#[test]
fn the_locale_words_a_scenario_that_does_not_load() {
    let out = rotaplan()
        .env("LANG", "vi_VN.UTF-8")
        .args(["validate", "tests/fixtures/errors/E1007/scenario.yaml"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("lỗi[E1007]: lỗi cú pháp YAML"), "{err}");
    assert!(err.contains("  cách sửa: "), "{err}");
    // --lang wins over the locale.
    let out = rotaplan()
        .env("LANG", "vi_VN.UTF-8")
        .args([
            "--lang",
            "en",
            "validate",
            "tests/fixtures/errors/E1007/scenario.yaml",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error[E1007]: YAML syntax error"), "{err}");
}

fn json_of(args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let out = rotaplan().args(args).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (out.status.code(), v)
}

const KEYS: [&str; 11] = [
    "code", "column", "expected", "field", "file", "fix", "found", "line", "message", "severity",
    "sheet",
];

#[test]
fn validate_and_check_write_problems_as_json() {
    let (code, v) = json_of(&["validate", "--format", "json", MULTI]);
    assert_eq!(code, Some(1));
    assert_eq!(v["valid"], false);
    let errors = v["errors"].as_array().unwrap();
    let library = scenario::load(std::path::Path::new(MULTI)).unwrap_err();
    assert_eq!(errors.len(), library.diagnostics.len());
    for (e, d) in errors.iter().zip(&library.diagnostics) {
        let keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want = KEYS.to_vec();
        want.sort();
        assert_eq!(keys, want);
        assert_eq!(e["code"], d.code);
        assert_eq!(e["severity"], "error");
        assert_eq!(e["line"], serde_json::json!(d.line));
        assert_eq!(e["expected"], d.expected.to_string());
        assert_eq!(e["message"], rotaplan::report::code_title(Lang::En, d.code));
    }
    // In Vietnamese, the same records with other words.
    let (_, vi) = json_of(&["--lang", "vi", "validate", "--format", "json", MULTI]);
    assert_eq!(vi["errors"][0]["code"], v["errors"][0]["code"]);
    assert_eq!(vi["errors"][0]["line"], v["errors"][0]["line"]);
    assert_ne!(vi["errors"][0]["fix"], v["errors"][0]["fix"]);
    assert_eq!(vi["errors"][0]["message"], "giá trị ngoài phạm vi");
    // A valid scenario: no errors, its warnings as records.
    let (code, ok) = json_of(&[
        "validate",
        "--format",
        "json",
        "tests/fixtures/errors/W2001/scenario.yaml",
    ]);
    assert_eq!(code, Some(0));
    assert_eq!(ok["valid"], true);
    assert_eq!(ok["errors"], serde_json::json!([]));
    let warnings = ok["warnings"].as_array().unwrap();
    assert!(warnings.iter().any(|w| w["code"] == "W2001"), "{ok}");
    assert!(warnings.iter().all(|w| w["severity"] == "warning"), "{ok}");
    // `check --format json` on a scenario that does not load: the same records on stdout.
    let (code, c) = json_of(&["check", "--format", "json", MULTI, "plan.csv"]);
    assert_eq!(code, Some(1));
    assert_eq!(c["errors"], v["errors"]);
}

#[test]
fn a_folder_given_as_the_scenario_names_its_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one");
    fs::create_dir(&one).unwrap();
    fs::write(one.join("x.yaml"), "plan_date: 2027-01-01\n").unwrap();
    fs::write(one.join("units.csv"), "id\n").unwrap();
    let err = scenario::load(&one).unwrap_err();
    assert_eq!(err.codes(), vec!["E1008"]);
    let fix = err.diagnostics[0].fix.to_string();
    assert_eq!(
        fix,
        format!(
            "did you mean {}? name the file inside that directory",
            one.join("x.yaml").display()
        )
    );
    let vi = rotaplan::report::diagnostic_text(Lang::Vi, &err.diagnostics[0]);
    assert!(vi.contains("có phải là "), "{vi}");
    // Several: all of them, sorted.
    fs::write(one.join("b.yml"), "plan_date: 2027-01-01\n").unwrap();
    let err = scenario::load(&one).unwrap_err();
    assert_eq!(
        err.diagnostics[0].fix.to_string(),
        format!(
            "name one of the scenario files inside that directory: {}, {}",
            one.join("b.yml").display(),
            one.join("x.yaml").display()
        )
    );
    // None: as before.
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let err = scenario::load(&empty).unwrap_err();
    assert_eq!(
        err.diagnostics[0].fix.to_string(),
        "name the file inside that directory"
    );
}

/// Every error and warning code has a title in both languages, different, and every key its
/// words (the compiler checks that the catalogue words every key; this checks the words).
#[test]
fn every_code_is_worded_in_both_languages() {
    for (code, _) in ERROR_CODES.iter().chain(WARNING_CODES) {
        let en = rotaplan::report::code_title(Lang::En, code);
        let vi = rotaplan::report::code_title(Lang::Vi, code);
        assert!(!en.is_empty() && !vi.is_empty(), "{code}");
        assert_ne!(en, vi, "{code}");
    }
}
