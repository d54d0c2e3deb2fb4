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
    // `check --format json` on a scenario that does not load: the same records on stdout, then
    // the plan file's own problem (here: there is none such).
    let (code, c) = json_of(&["check", "--format", "json", MULTI, "plan.csv"]);
    assert_eq!(code, Some(1));
    let (mine, theirs) = (
        c["errors"].as_array().unwrap(),
        v["errors"].as_array().unwrap(),
    );
    assert_eq!(mine[..theirs.len()], theirs[..]);
    assert_eq!(mine.len(), theirs.len() + 1, "{c}");
    assert_eq!(mine[theirs.len()]["file"], "plan.csv", "{c}");
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

/// English words of `validate`'s verdict and of a run's failure lines (issue 10): none of them
/// may be left in the Vietnamese output.
const ENGLISH: &[&str] = &[
    "valid",
    "units",
    "posts",
    "cadres",
    "plan date",
    "rule set",
    "variant",
    "warning",
    "note:",
    "error",
    "expected",
    "found",
    "fix",
    "internal",
    "not started",
    "cannot",
];

/// `rotaplan validate --lang vi` with `more` flags: (exit code, stdout, stderr).
fn validate_vi(path: &str, more: &[&str]) -> (Option<i32>, String, String) {
    let out = rotaplan()
        .args(["validate", "--lang", "vi"])
        .args(more)
        .arg(path)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn english_in(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    ENGLISH
        .iter()
        .copied()
        .filter(|w| lower.contains(w))
        .collect()
}

/// `validate --lang vi` on a valid scenario: the verdict line has no English word (the path
/// and the rule set's id are the user's own and are left out of the comparison).
#[test]
fn validate_vi_says_valid_in_vietnamese() {
    let path = "scenarios/tutorial/tutorial.yaml";
    let (code, text, _) = validate_vi(path, &[]);
    assert_eq!(code, Some(0));
    let words = text
        .replace(path, "")
        .replace("qd65-2022", "")
        .replace("2027-01-01", "");
    assert!(
        english_in(&words).is_empty(),
        "{:?}\n{text}",
        english_in(&words)
    );
    assert!(
        text.contains(": hợp lệ (6 đơn vị, 6 vị trí, 14 cán bộ"),
        "{text}"
    );
    // The same verdict in English, word for word as before the catalogue held it.
    let out = rotaplan().args(["validate", path]).output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "{path}: valid (6 units, 6 posts, 14 cadres, plan date 2027-01-01, rule set qd65-2022)\n"
        )
    );
}

/// The variant count and the warnings of `validate --lang vi` (and `--deny-warnings`) are
/// Vietnamese too.
#[test]
fn validate_vi_counts_variants_and_warnings_in_vietnamese() {
    let path = "scenarios/province/what-if.yaml";
    let (code, text, err) = validate_vi(path, &[]);
    assert_eq!(code, Some(0));
    assert!(text.contains(", và 16 biến thể), 13 cảnh báo\n"), "{text}");
    assert!(err.ends_with("\n13 cảnh báo\n"), "{err}");
    let (code, _, err) = validate_vi(path, &["--deny-warnings"]);
    assert_eq!(code, Some(1));
    let last = err.lines().last().unwrap();
    assert_eq!(
        last,
        "13 cảnh báo bị coi là lỗi (--deny-warnings); chưa làm gì cả"
    );
}

/// `run --lang vi` with a scenario that does not load: its error.txt and the failure line on
/// stdout are Vietnamese; in English they are the diagnostics' English, as before.
#[test]
fn a_failing_run_job_is_worded_in_the_runs_language() {
    let tmp = tempfile::tempdir().unwrap();
    let broken = tmp.path().join("broken.yaml");
    fs::write(&broken, "plan_date: 2027-02-30\n").unwrap();
    for (lang, head, missing) in [
        ("vi", "lỗi[E1011]: ngày không hợp lệ", "Không lập được (1):"),
        ("en", "error[E1011]: ", "error[E1003]: "),
    ] {
        let out = tmp.path().join(format!("out-{lang}"));
        let o = rotaplan()
            .args(["--lang", lang, "run", "-q", "--out"])
            .arg(&out)
            .arg(&broken)
            .arg("scenarios/tutorial/tutorial.yaml")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        let error = fs::read_to_string(out.join("broken/base/error.txt")).unwrap();
        assert!(error.contains(head), "{error}");
        let stdout = String::from_utf8(o.stdout).unwrap();
        assert!(stdout.contains(missing), "{stdout}");
        if lang == "vi" {
            let line = stdout
                .lines()
                .find(|l| l.starts_with("- broken/base: "))
                .unwrap_or_else(|| panic!("{stdout}"));
            // The scenario's path and the YAML the fix quotes (`…`) are not words to translate.
            let words = |t: &str| {
                let t = t.replace(&tmp.path().display().to_string(), "");
                let prose: String = t.split('`').step_by(2).collect();
                english_in(&prose)
            };
            assert!(words(line).is_empty(), "{line}");
            assert!(words(&error).is_empty(), "{error}");
        } else {
            assert!(error.contains("  fix: "), "{error}");
        }
    }
}
