//! `rotaplan::scenario`: every error code is reported, with the right file, line and field, by a
//! fixture under `tests/fixtures/errors/<CODE>/`; several errors in several files come at once; the
//! valid base fixture loads with its derived values.

use std::path::{Path, PathBuf};

use rotaplan::domain::{Function, Role, Sex, Tier};
use rotaplan::scenario::{self, Diagnostic, ERROR_CODES, LoadError, WARNING_CODES};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors")
}

/// Every scenario the fixture describes (base, variants, sweep), so that E1014/E1015 show too.
fn load_fixture(dir: &str) -> Result<rotaplan::domain::Scenario, LoadError> {
    scenario::load_variants(&fixtures().join(dir).join("scenario.yaml"))
        .map(|mut v| v.remove(0).scenario)
}

/// What one fixture must report.
struct Case {
    code: &'static str,
    /// The file the diagnostic points at, relative to the fixture's folder.
    file: &'static str,
    line: Option<usize>,
    column: Option<usize>,
    field: &'static str,
    /// A piece of the message (found, expected or fix) that must be there.
    mentions: &'static str,
}

const fn case(
    code: &'static str,
    file: &'static str,
    line: Option<usize>,
    column: Option<usize>,
    field: &'static str,
    mentions: &'static str,
) -> Case {
    Case {
        code,
        file,
        line,
        column,
        field,
        mentions,
    }
}

const YAML: &str = "scenario.yaml";

/// Every code of the scenario loader and the file/line/column/field it must point at.
const CASES: &[Case] = &[
    case("E1001", YAML, Some(5), Some(10), "tables.posts", "post.csv"),
    case(
        "E1002",
        YAML,
        Some(8),
        Some(3),
        "weights.stafing",
        "did you mean \"staffing\"",
    ),
    case("E1003", YAML, Some(3), Some(1), "tables.cadres", "cadres"),
    case(
        "E1004",
        YAML,
        Some(8),
        Some(10),
        "targets.women",
        "a number",
    ),
    case(
        "E1005",
        YAML,
        Some(9),
        Some(17),
        "solver.relative_gap",
        "1.5",
    ),
    case(
        "E1006",
        YAML,
        Some(8),
        Some(9),
        "rules.base",
        "did you mean \"qd65-2022\"",
    ),
    case(
        "E1007",
        YAML,
        Some(5),
        Some(2),
        "",
        "did not find expected key",
    ),
    case(
        "E1008",
        YAML,
        Some(4),
        Some(10),
        "tables.units",
        "directory",
    ),
    case(
        "E1009",
        YAML,
        Some(6),
        Some(11),
        "tables.cadres",
        "cadres.csv/cadres.csv",
    ),
    case("E1010", "posts.csv", Some(3), Some(12), "", "0xE1"),
    case("E1011", YAML, Some(2), Some(12), "plan_date", "2027-02-30"),
    case(
        "E1013",
        "other.yaml",
        Some(1),
        Some(10),
        "extends",
        "scenario.yaml",
    ),
    case("E1014", YAML, Some(9), Some(3), "sweep", "9 combinations"),
    case("E1015", YAML, Some(8), Some(3), "variants.base", "\"base\""),
    case(
        "E1016",
        YAML,
        Some(6),
        Some(11),
        "tables.cadres",
        "did you mean \"CanBo\"",
    ),
    case("E1017", YAML, Some(4), Some(8), "", "`*b`"),
    case(
        "E1018",
        YAML,
        Some(4),
        Some(10),
        "tables.units",
        "allow_outside_paths: true",
    ),
    case(
        "E1019",
        "units.csv",
        None,
        None,
        "",
        "and 70 more problem(s)",
    ),
    case(
        "E1020",
        YAML,
        Some(3),
        Some(9),
        "tables",
        "\"CanBo\", \"Cán bộ\"",
    ),
    case(
        "E2019",
        "cadres.csv",
        Some(2),
        Some(2),
        "cadres.csv: name",
        "a cell of 40000 characters",
    ),
    case(
        "E2020",
        "book.xlsx",
        Some(2),
        Some(11),
        "Cán bộ: planned_titles",
        "with no value stored in the workbook",
    ),
    // Names typed in the .VnTime font: Unicode letters that are no Vietnamese.
    case(
        "E2021",
        "cadres.csv",
        Some(2),
        Some(2),
        "cadres.csv",
        "legacy Vietnamese font",
    ),
    case(
        "E2022",
        "cadres.csv",
        Some(2),
        Some(2),
        "cadres.csv",
        "\"Nguy?n V?n An\": a \"?\" inside a word",
    ),
    case(
        "E2016",
        "units.csv",
        Some(3),
        Some(2),
        "units.csv: name",
        "\\0",
    ),
    case(
        "E2017",
        "posts.csv",
        Some(3),
        None,
        "posts.csv",
        "on line 3 and never closed",
    ),
    case(
        "E2018",
        "../valid/units.csv",
        Some(4),
        None,
        "units.csv",
        "max_table_rows",
    ),
    case(
        "E3005",
        YAML,
        Some(3),
        Some(1),
        "tables",
        "max_candidate_pairs",
    ),
    case(
        "E1012",
        YAML,
        Some(8),
        Some(33),
        "rules.family_functions[1]",
        "did you mean \"accounting\"",
    ),
    case(
        "E2001",
        "cadres.csv",
        Some(1),
        None,
        "cadres.csv: rating",
        "rating",
    ),
    case(
        "E2002",
        "units.csv",
        Some(1),
        Some(7),
        "units.csv: dificult",
        "did you mean \"difficult\"",
    ),
    case("E2003", "units.csv", Some(1), None, "units.csv", "no rows"),
    case(
        "E2004",
        "units.csv",
        Some(4),
        Some(3),
        "units.csv: tier",
        "did you mean \"province\"",
    ),
    case(
        "E2005",
        "posts.csv",
        Some(4),
        Some(4),
        "posts.csv: rank",
        "\"eight\"",
    ),
    case(
        "E2006",
        "cadres.csv",
        Some(3),
        Some(4),
        "cadres.csv: birth_date",
        "\"1980-13-20\"",
    ),
    // A date that reads both ways in a column a month-first date proves (its E2006 comes along).
    case(
        "W2008",
        "cadres.csv",
        Some(3),
        Some(4),
        "cadres.csv: birth_date",
        "\"03/04/1980\"",
    ),
    case(
        "E2007",
        "posts.csv",
        Some(5),
        Some(1),
        "posts.csv: id",
        "first used on line 3",
    ),
    case(
        "E2008",
        "posts.csv",
        Some(4),
        Some(2),
        "posts.csv: unit",
        "did you mean \"P01\"",
    ),
    case(
        "E2009",
        "cadres.csv",
        Some(5),
        Some(4),
        "cadres.csv: birth_date",
        "before the plan date 2027-01-01",
    ),
    case(
        "E2010",
        "cadres.csv",
        Some(4),
        Some(16),
        "cadres.csv: worked_years",
        "P01~25",
    ),
    case(
        "E2011",
        "units.csv",
        Some(4),
        Some(6),
        "units.csv: shortage",
        "from 0 to 3",
    ),
    case(
        "E2012",
        "units.csv",
        Some(5),
        Some(5),
        "units.csv: region",
        "empty",
    ),
    case("E2013", "posts.csv", None, None, "posts.csv", "empty file"),
    case(
        "E2014",
        "cadres.csv",
        Some(5),
        None,
        "cadres.csv",
        "18 cells",
    ),
    case(
        "E2015",
        "units.csv",
        Some(1),
        Some(7),
        "units.csv: region",
        "already column 5",
    ),
    case(
        "E3001",
        YAML,
        Some(8),
        Some(14),
        "pins[0].cadre",
        "did you mean \"K001\"",
    ),
    case(
        "E3002",
        YAML,
        Some(11),
        Some(5),
        "forbids[1]",
        "pins[0]` (line 8)",
    ),
    case(
        "E3003",
        YAML,
        Some(10),
        Some(14),
        "pins[2].cadre",
        "pins[0]` (line 8)",
    ),
    case(
        "E3004",
        YAML,
        Some(9),
        Some(26),
        "pins[1].post",
        "\"T001\" with 1 seat",
    ),
    case(
        "E5001",
        YAML,
        Some(8),
        Some(8),
        "programme.end",
        "not after the start",
    ),
    case(
        "E5002",
        "posts.csv",
        Some(7),
        None,
        "posts.csv: holder_id",
        "also holds post T003",
    ),
    case(
        "E5003",
        "history.csv",
        Some(2),
        Some(3),
        "history.csv: kind",
        "rotation or placement",
    ),
    case(
        "E5004",
        YAML,
        Some(10),
        Some(39),
        "pins[0].period",
        "the year of a programme period: 2027, 2028, 2029",
    ),
];

/// Codes of a programme file (programme.csv) read against the valid scenario.
const PROGRAMME_CASES: &[Case] = &[case(
    "E4005",
    "programme.csv",
    Some(2),
    Some(3),
    "programme.csv: kind",
    "rotation or placement",
)];

/// Every code of the plan reader: `<CODE>/plan.csv`, read against the valid scenario.
const PLAN_CASES: &[Case] = &[
    case(
        "E4001",
        "plan.csv",
        Some(1),
        None,
        "plan.csv: cadre_id",
        "cadre_id",
    ),
    case(
        "E4002",
        "plan.csv",
        Some(3),
        Some(1),
        "plan.csv: cadre_id",
        // The row's cadre_name is K002's: the strongest hint.
        "\"Trần Thị Bình\" is \"K002\"'s",
    ),
    case(
        "E4003",
        "plan.csv",
        Some(3),
        Some(1),
        "plan.csv: post_id",
        "did you mean \"T001\"",
    ),
    case(
        "E4004",
        "plan.csv",
        Some(4),
        Some(2),
        "plan.csv: post_id",
        "empty cell",
    ),
];

/// Every warning code: `<CODE>/scenario.yaml` loads, with this warning where it happens. The
/// valid base itself has a one-sided relative (W2005) and a central post marked not-local (W2006).
const WARNING_CASES: &[Case] = &[
    case("W1001", "cadres.csv", Some(2), Some(10), "", "Windows-1258"),
    // `unplaced` is a programme's level: worth 0 in a single plan.
    case(
        "W1002",
        "scenario.yaml",
        Some(9),
        Some(21),
        "objective.order[1]",
        "\"unplaced\"",
    ),
    case(
        "W2001",
        "cadres.csv",
        Some(5),
        Some(6),
        "cadres.csv: hometown_province",
        "did you mean \"P01\"",
    ),
    case(
        "W2002",
        "cadres.csv",
        Some(5),
        Some(5),
        "cadres.csv: birth_province",
        "\"Atlantis\"",
    ),
    case(
        "W2003",
        "cadres.csv",
        Some(3),
        Some(11),
        "cadres.csv: planned_titles",
        "did you mean \"Giám đốc Sở Nội vụ\"",
    ),
    case(
        "W2004",
        "posts.csv",
        Some(5),
        Some(7),
        "posts.csv: not_local",
        "Bí thư Huyện ủy",
    ),
    case(
        "W2005",
        "../valid/cadres.csv",
        Some(2),
        Some(18),
        "cadres.csv: relatives",
        "\"K003\" (line 4) does not list \"K001\"",
    ),
    case(
        "W2006",
        "../valid/posts.csv",
        Some(6),
        Some(7),
        "posts.csv: not_local",
        "central unit",
    ),
    case(
        "W2007",
        "cadres.csv",
        Some(5),
        Some(5),
        "cadres.csv: birth_province",
        "merged into Lào Cai",
    ),
    // A title row and a blank row above the header (#11): read from line 3, said once.
    case(
        "W2009",
        "cadres.csv",
        Some(1),
        None,
        "cadres.csv",
        "rows 1–2 above the header were skipped: \"DANH SÁCH CÁN BỘ TRONG QUY HOẠCH",
    ),
    // K001's current_unit is P02; posts.csv names K001 the holder of T002, a post of P01.
    case(
        "W2010",
        "posts.csv",
        Some(3),
        None,
        "posts.csv: holder_id",
        "\"K001\", whose current_unit in cadres.csv is \"P02\"",
    ),
    // A personnel form's column numbers under the header and its totals row at the foot.
    case(
        "W2011",
        "cadres.csv",
        Some(2),
        None,
        "cadres.csv",
        "rows 2, 7 read as the form's column numbers, the header repeated, totals, section headings, blank numbered rows or its foot (signatures, notes), not data: \"(1) (2) (3)",
    ),
    // A unit written by its name, as offices do: read as its id.
    case(
        "W2012",
        "cadres.csv",
        Some(3),
        Some(7),
        "cadres.csv: current_unit",
        "\"Ban Tổ chức Trung ương\", the name of unit \"C01\" in units.csv: read as \"C01\"",
    ),
    // A workbook's hidden column and row, read (the first said: the column, on the header row).
    case(
        "W2013",
        "cadres.xlsx",
        Some(1),
        Some(10),
        "",
        "column(s) J hidden in the sheet, read: sector",
    ),
    // A position column ("Chức vụ") where current_role is due.
    case(
        "W2014",
        "cadres.csv",
        Some(1),
        Some(8),
        "cadres.csv: current_role",
        "column \"Chức vụ\" (a position's title, not read) and no column current_role",
    ),
    // A month and a year of birth, written out in Vietnamese.
    case(
        "W2015",
        "cadres.csv",
        Some(3),
        Some(4),
        "cadres.csv: birth_date",
        "\"tháng 11 năm 1980\": a month and year of birth, read as 1980-11-01",
    ),
    // A web page holding this round's list and last year's (three rows) under it.
    case(
        "W2016",
        "cadres.xls",
        None,
        None,
        "",
        "1 other table(s) of the page name the cadres table's columns as well and were not read",
    ),
    // Born 01/01/1900 (a typo, or Excel's day 1): 127 on the plan date.
    case(
        "W2017",
        "cadres.csv",
        Some(3),
        Some(4),
        "cadres.csv: birth_date",
        "born 1900-01-01: 127 years old on the plan date 2027-01-01",
    ),
    // K002's birth and home provinces merged into one cell (a web page's colspan).
    case(
        "W2018",
        "cadres.xls",
        Some(3),
        Some(6),
        "cadres: hometown_province",
        "1 merge(s) across columns in the table's rows (E3:F3): each value is read in its first column, and hometown_province read empty there",
    ),
    case(
        "W2019",
        "cadres.csv",
        Some(1),
        Some(5),
        "cadres.csv: birth_province",
        "the cadres' provinces \"bac-ninh\", \"lao-cai\"; the units' provinces \"10\", \"27\": not one in common",
    ),
    case(
        "W2020",
        "cadres.csv",
        Some(3),
        Some(20),
        "cadres.csv: Ghi chú",
        "\"Đã nghỉ hưu từ 01/10/2026\"",
    ),
    // K005 is K002 again: one name (spaced another way) and one birth date under two ids.
    case(
        "W2021",
        "cadres.csv",
        Some(6),
        Some(1),
        "cadres.csv: id",
        "\"K005\" Trần Thị Bình, born 1980-11-20: the same name and birth date as \"K002\" on line 3",
    ),
    // A shortage with a remark beside it: the number read, the remark said.
    case(
        "W2022",
        "units.csv",
        Some(3),
        Some(6),
        "units.csv: shortage",
        "\"3 (thiếu nhiều)\": read as 3; the remark \"(thiếu nhiều)\" is not read",
    ),
    // Years worked as a span to now: the years to the plan date, said.
    case(
        "W2023",
        "cadres.csv",
        Some(4),
        Some(16),
        "cadres.csv: worked_years",
        "\"P01: 2002 - nay\": \"2002 - nay\" read as 25 year(s), from 2002 to 2027-01-01",
    ),
    case(
        "W5001",
        "history.csv",
        Some(2),
        Some(5),
        "history.csv: end",
        "12 month(s) after the start 2027-01-01",
    ),
    // K002 rotated onto T002 on 2027-03-01, while its holder K003 left it on 2027-06-01.
    case(
        "W5002",
        "history.csv",
        Some(2),
        Some(4),
        "history.csv: start",
        "K003 (posts.csv holder_id) holds it until 2027-06-01",
    ),
    // K004's rotation ended 2027-06-01; as_of 2029-03-01 closes 2027 and 2028.
    case(
        "W5003",
        "history.csv",
        None,
        None,
        "cadres.csv: rotation_end",
        "K004's rotation ended on 2027-06-01, its placement due in the period of 2028-01-01",
    ),
    // A history reaching into 2028, without as_of.
    case(
        "W5004",
        "history.csv",
        Some(3),
        None,
        "history.csv: start",
        "write `as_of: 2028-03-01`",
    ),
    // A programme plans with posts.csv's seats: approved extra seats are not read.
    case(
        "W5005",
        "scenario.yaml",
        Some(9),
        Some(1),
        "extra_seats",
        "raise its `seats` in posts.csv",
    ),
];

/// Warnings of the plan reader: `<CODE>/plan.csv`, read against the valid scenario.
const PLAN_WARNING_CASES: &[Case] = &[case(
    "W4001",
    "plan.csv",
    Some(2),
    Some(2),
    "plan.csv: cadre_name",
    "\"Nguyễn Văn An\"",
)];

/// The warnings of the valid base.
const BASE_WARNINGS: &[&str] = &["W2006", "W2005"];

#[test]
fn every_warning_code_is_reported_where_it_happens() {
    for c in WARNING_CASES {
        let path = fixtures().join(c.code).join("scenario.yaml");
        let checked = scenario::load_checked(&path).unwrap_or_else(|e| panic!("{}: {e}", c.code));
        let err = LoadError {
            diagnostics: checked.warnings.clone(),
            warnings: Vec::new(),
        };
        assert_case(c.code, c, &err);
        for d in &checked.warnings {
            assert!(
                d.code == c.code || BASE_WARNINGS.contains(&d.code) || d.code == "W2003",
                "{}: unexpected {d}",
                c.code
            );
            assert!(d.to_string().starts_with(&format!("warning[{}]", d.code)));
        }
        // The scenario setting turns them into errors.
        let yaml = std::fs::read_to_string(&path).unwrap() + "deny_warnings: true\n";
        let tmp = fixtures().join(c.code).join("denied.yaml");
        std::fs::write(&tmp, yaml).unwrap();
        let denied = scenario::load(&tmp);
        std::fs::remove_file(&tmp).unwrap();
        let denied = denied.unwrap_err();
        assert!(denied.codes().contains(&c.code), "{}", c.code);
        // The last line says the warnings were denied, and by the scenario's key.
        let last = rotaplan::report::load_error_summary(rotaplan::domain::Lang::En, &denied);
        assert!(
            last.contains("denied (the scenario's `deny_warnings: true`)"),
            "{last}"
        );
    }
    let base = scenario::load_checked(&fixtures().join("valid/scenario.yaml")).unwrap();
    let codes: Vec<&str> = base.warnings.iter().map(|d| d.code).collect();
    assert_eq!(codes, BASE_WARNINGS);
}

/// The warnings of a history given to `review` (read against the valid scenario).
const HISTORY_WARNING_CASES: &[Case] = &[case(
    "W5006",
    "history.csv",
    Some(4),
    Some(4),
    "history.csv: start",
    "a rotation for K003 that this placement follows",
)];

#[test]
fn every_history_warning_is_reported_where_it_happens() {
    let s = load_fixture("valid").unwrap();
    for c in HISTORY_WARNING_CASES {
        let read =
            scenario::read_history_file(&fixtures().join(c.code).join("history.csv"), &s).unwrap();
        assert_eq!(read.moves.len(), 3);
        let err = LoadError {
            diagnostics: read.warnings,
            warnings: Vec::new(),
        };
        assert_case(c.code, c, &err);
        assert_eq!(err.codes(), vec![c.code]);
    }
}

/// W5006 is for a placement with no rotation at all: a rotation dated on or after it is named by
/// its line; a rotation row with an error of its own is left to that error (not said again as
/// missing); a rotation before it, or the cadre's `rotation_end`, is no W5006.
#[test]
fn a_reviewed_placement_without_a_rotation_is_said_once_and_rightly() {
    let s = load_fixture("valid").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let read = |text: &str| {
        let p = dir.path().join("history.csv");
        std::fs::write(&p, text).unwrap();
        scenario::read_history_file(&p, &s)
    };
    // K001's rotation is dated after its placement; K003's on the same day.
    let r = read(
        "cadre_id,post_id,kind,start\nK001,T002,placement,2026-01-01\nK001,T001,rotation,2026-06-01\nK003,T003,placement,2026-03-01\nK003,T004,rotation,2026-03-01\n",
    )
    .unwrap();
    let said: Vec<(Option<usize>, String)> = r
        .warnings
        .iter()
        .filter(|w| w.code == "W5006")
        .map(|w| (w.line, w.expected.to_string()))
        .collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert_eq!(said[0].0, Some(2));
    assert!(said[0].1.contains("line 3"), "{said:?}");
    assert!(said[1].1.contains("line 5"), "{said:?}");
    // The rotation row has an unknown post: E4003 only, no W5006 beside it.
    let e = read(
        "cadre_id,post_id,kind,start\nK003,T999,rotation,2024-01-01\nK003,T003,placement,2027-02-01\n",
    )
    .unwrap_err();
    assert_eq!(e.codes(), vec!["E4003"], "{e}");
    // A rotation before it: nothing to say.
    let ok = read(
        "cadre_id,post_id,kind,start\nK003,T004,rotation,2024-01-01\nK003,T003,placement,2027-02-01\n",
    )
    .unwrap();
    assert!(
        ok.warnings.iter().all(|w| w.code != "W5006"),
        "{:?}",
        ok.warnings
    );
}

/// An unknown cadre id's fix names who it may mean: the cadre the row's name is, when the row
/// has one; else the nearest id with its cadre's name (an id a character off may be another
/// person: the name lets the user tell); a post's nearest id with its title.
#[test]
fn an_unknown_ids_hint_names_the_person() {
    let s = load_fixture("valid").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("history.csv");
    std::fs::write(
        &p,
        "cadre_id,cadre_name,post_id,kind,start\nK01,,T01,rotation,2024-01-01\nK9,Lê Văn Cường,T003,rotation,2024-01-01\n",
    )
    .unwrap();
    let e = scenario::read_history_file(&p, &s).unwrap_err();
    let fixes: Vec<(&str, Option<usize>, String)> = e
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.fix.to_string()))
        .collect();
    let fix = |code: &str, line: usize| {
        fixes
            .iter()
            .find(|f| f.0 == code && f.1 == Some(line))
            .map(|f| f.2.clone())
            .unwrap_or_else(|| panic!("{code} at {line}: {fixes:?}"))
    };
    assert!(
        fix("E4002", 2).contains("\"K001\" (Nguyễn Văn An)"),
        "{fixes:?}"
    );
    assert!(
        fix("E4003", 2).contains("\"T001\" (party_secretary)"),
        "{fixes:?}"
    );
    assert!(
        fix("E4002", 3).contains("\"Lê Văn Cường\" is \"K003\"'s"),
        "{fixes:?}"
    );
    // A name no cadre has: no other person suggested; a name two cadres share: both named; rows
    // with hints of their own are not grouped under one row's hint.
    let mut two = s.clone();
    std::sync::Arc::make_mut(&mut two.cadres)[3].name = "Lê Văn Cường".into();
    std::fs::write(
        &p,
        "cadre_id,cadre_name,post_id,kind,start\nK0001,Phạm Văn Xyz,T001,rotation,2024-01-01\nK9,Lê Văn Cường,T003,rotation,2024-01-01\nK0002,,T001,rotation,2024-01-01\nK0003,,T001,rotation,2024-01-01\nK0004,,T001,rotation,2024-01-01\n",
    )
    .unwrap();
    let e = scenario::read_history_file(&p, &two).unwrap_err();
    let said: Vec<(Option<usize>, String)> = e
        .diagnostics
        .iter()
        .filter(|d| d.code == "E4002")
        .map(|d| (d.line, d.fix.to_string()))
        .collect();
    assert_eq!(said.len(), 5, "{said:?}");
    assert!(
        said[0]
            .1
            .contains("no cadre of cadres.csv is named \"Phạm Văn Xyz\""),
        "{said:?}"
    );
    assert!(said[1].1.contains("\"K003\", \"K004\""), "{said:?}");
    assert!(said[2].1.contains("\"K002\" (Trần Thị Bình)"), "{said:?}");
}

#[test]
fn every_plan_warning_is_reported_where_it_happens() {
    let s = load_fixture("valid").unwrap();
    for c in PLAN_WARNING_CASES {
        let read = scenario::read_plan(&fixtures().join(c.code).join("plan.csv"), &s).unwrap();
        assert_eq!(read.rows.len(), 1);
        let err = LoadError {
            diagnostics: read.warnings,
            warnings: Vec::new(),
        };
        assert_case(c.code, c, &err);
        assert_eq!(err.codes(), vec![c.code]);
    }
}

fn mentions(d: &Diagnostic, text: &str) -> bool {
    d.found.to_string().contains(text)
        || d.expected.to_string().contains(text)
        || d.fix.to_string().contains(text)
}

fn assert_case(dir: &str, c: &Case, err: &LoadError) {
    assert_case_in(&fixtures(), dir, c, err)
}

fn assert_case_in(root: &Path, dir: &str, c: &Case, err: &LoadError) {
    let file = root.join(dir).join(c.file);
    let found = err.diagnostics.iter().find(|d| {
        d.code == c.code
            && d.file == file
            && d.line == c.line
            && d.column == c.column
            && d.field == c.field
    });
    let Some(d) = found else {
        panic!(
            "{dir}: expected {} at {}:{:?}:{:?} ({}), got:\n{err}\n{:#?}",
            c.code, c.file, c.line, c.column, c.field, err.diagnostics
        );
    };
    assert!(
        mentions(d, c.mentions),
        "{dir}: {:?} not in\n{d}",
        c.mentions
    );
    assert!(!d.expected.is_empty() && !d.fix.is_empty(), "{dir}: {d}");
    assert_eq!(d.title(), Some(title(c.code)));
    let shown = d.to_string();
    let kind = if c.code.starts_with('W') {
        "warning"
    } else {
        "error"
    };
    assert!(
        shown.starts_with(&format!("{kind}[{}]: ", c.code)),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("  --> {}", file.display())),
        "{shown}"
    );
}

fn title(code: &str) -> scenario::Say {
    ERROR_CODES
        .iter()
        .chain(WARNING_CODES)
        .find(|(c, _)| *c == code)
        .unwrap()
        .1
}

#[test]
fn every_scenario_code_is_reported_where_it_happens() {
    for c in CASES {
        let err = load_fixture(c.code).expect_err(c.code);
        assert_case(c.code, c, &err);
    }
}

#[test]
fn each_fixture_reports_only_its_own_code() {
    // One fixture, one problem: the other codes must not cascade from it. (E2001's fixture drops a
    // column; E2002's misspells one and so also misses nothing required.)
    for c in CASES {
        let err = load_fixture(c.code).expect_err(c.code);
        // E1019 counts the problems beyond the first 50 of a file: its fixture's are E2007s.
        let own = if c.code == "E1019" {
            vec!["E2007", "E1019"]
        } else if c.code == "W2008" {
            // Said only beside the E2006 of the month-first date that proves the column's order.
            vec!["E2006", "W2008"]
        } else {
            vec![c.code]
        };
        assert_eq!(err.codes(), own, "{}:\n{err}", c.code);
    }
}

#[test]
fn every_plan_code_is_reported_where_it_happens() {
    let s = load_fixture("valid").unwrap();
    for c in PLAN_CASES {
        let err = scenario::read_plan_csv(&fixtures().join(c.code).join("plan.csv"), &s)
            .expect_err(c.code);
        assert_case(c.code, c, &err);
        assert_eq!(err.codes(), vec![c.code], "{}:\n{err}", c.code);
    }
}

#[test]
fn every_programme_code_is_reported_where_it_happens() {
    let s = load_fixture("valid").unwrap();
    for c in PROGRAMME_CASES {
        let err = scenario::read_programme(&fixtures().join(c.code).join("programme.csv"), &s)
            .expect_err(c.code);
        assert_case(c.code, c, &err);
    }
}

/// A copy of every fixture with each text file's line ends (and start) rewritten: what Excel and
/// Windows editors save.
fn rewritten_fixtures(to: &Path, crlf: bool, bom: bool) {
    for e in std::fs::read_dir(fixtures()).unwrap() {
        let dir = e.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let out = to.join(dir.file_name().unwrap());
        std::fs::create_dir_all(&out).unwrap();
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            // As bytes: one fixture is deliberately not UTF-8.
            let bytes = std::fs::read(&f).unwrap();
            if f.extension().is_some_and(|e| e == "xlsx") {
                std::fs::write(out.join(f.file_name().unwrap()), bytes).unwrap();
                continue;
            }
            let mut text = Vec::with_capacity(bytes.len() + 64);
            if bom {
                text.extend_from_slice("\u{feff}".as_bytes());
            }
            for (i, &b) in bytes.iter().enumerate() {
                if crlf && b == b'\n' && (i == 0 || bytes[i - 1] != b'\r') {
                    text.push(b'\r');
                }
                text.push(b);
            }
            std::fs::write(out.join(f.file_name().unwrap()), text).unwrap();
        }
    }
}

/// Issue 9, defect 4: a bad value on line 5 of a CRLF file was reported at line 4. Every located
/// error must point at the same line and column in the LF, CRLF and BOM+CRLF copies of a file.
#[test]
fn every_error_is_located_the_same_with_windows_line_ends_and_a_bom() {
    for (crlf, bom) in [(true, false), (true, true), (false, true)] {
        let tmp = tempfile::tempdir().unwrap();
        rewritten_fixtures(tmp.path(), crlf, bom);
        let label = format!("crlf {crlf}, bom {bom}");
        for c in CASES {
            let err = scenario::load_variants(&tmp.path().join(c.code).join("scenario.yaml"))
                .map(|mut v| v.remove(0).scenario)
                .expect_err(c.code);
            assert_case_in(tmp.path(), c.code, c, &err);
            if c.code != "E1019" && c.code != "W2008" {
                assert_eq!(err.codes(), vec![c.code], "{label}, {}:\n{err}", c.code);
            }
        }
        let valid = scenario::load_variants(&tmp.path().join("valid/scenario.yaml"))
            .unwrap_or_else(|e| panic!("{label}: {e}"))
            .remove(0)
            .scenario;
        for c in PLAN_CASES {
            let err = scenario::read_plan_csv(&tmp.path().join(c.code).join("plan.csv"), &valid)
                .expect_err(c.code);
            assert_case_in(tmp.path(), c.code, c, &err);
        }
    }
}

#[test]
fn every_code_has_a_fixture_and_a_line_in_the_docs() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/errors.md"))
            .unwrap();
    for (code, _) in ERROR_CODES.iter().chain(WARNING_CODES) {
        assert!(
            CASES
                .iter()
                .chain(PLAN_CASES)
                .chain(PROGRAMME_CASES)
                .chain(WARNING_CASES)
                .chain(PLAN_WARNING_CASES)
                .chain(HISTORY_WARNING_CASES)
                .any(|c| c.code == *code),
            "{code} has no test case"
        );
        assert!(
            fixtures().join(code).is_dir(),
            "{code} has no fixture folder"
        );
        assert!(
            docs.contains(&format!("| {code} |")),
            "{code} is not in docs/errors.md"
        );
    }
    // … and the docs name no code the loader does not have.
    for word in docs.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.len() == 5
            && (word.starts_with('E') || word.starts_with('W'))
            && word[1..].bytes().all(|b| b.is_ascii_digit())
        {
            assert!(
                ERROR_CODES
                    .iter()
                    .chain(WARNING_CODES)
                    .any(|(c, _)| *c == word),
                "docs/errors.md names {word}"
            );
        }
    }
}

#[test]
fn several_errors_in_several_files_are_reported_at_once() {
    let err = load_fixture("multi").unwrap_err();
    let got: Vec<(&str, String, Option<usize>, &str)> = err
        .diagnostics
        .iter()
        .map(|d| {
            let file = d.file.file_name().unwrap().to_string_lossy().into_owned();
            (d.code, file, d.line, d.field.as_str())
        })
        .collect();
    let expected: Vec<(&str, String, Option<usize>, &str)> = [
        ("E1005", "scenario.yaml", 8, "weights.fit"),
        ("E1002", "scenario.yaml", 9, "weights.trainig"),
        ("E3001", "scenario.yaml", 11, "pins[0].post"),
        ("E2005", "units.csv", 3, "units.csv: shortage"),
        ("E2004", "units.csv", 4, "units.csv: tier"),
        ("E2008", "posts.csv", 3, "posts.csv: unit"),
        ("E2011", "posts.csv", 3, "posts.csv: criticality"),
        ("E2006", "cadres.csv", 2, "cadres.csv: birth_date"),
        ("E2008", "cadres.csv", 2, "cadres.csv: relatives"),
        ("E2004", "cadres.csv", 3, "cadres.csv: sex"),
        ("E2009", "cadres.csv", 3, "cadres.csv: relatives"),
    ]
    .into_iter()
    .map(|(c, f, l, field)| (c, f.to_string(), Some(l), field))
    .collect();
    assert_eq!(got, expected, "\n{err}");
    // Display: one block per diagnostic, separated by a blank line.
    let shown = err.to_string();
    assert_eq!(shown.matches("error[E").count(), expected.len());
    assert_eq!(shown.split("\n\n").count(), expected.len());
    // The relative K009 is not suggested to be K001 itself.
    let rel = &err.diagnostics[8];
    assert!(!rel.fix.to_string().contains("K001"), "{rel}");
}

#[test]
fn valid_fixture_loads_with_derived_values() {
    let s = load_fixture("valid").unwrap();
    assert_eq!(s.name, "Fixture — hợp lệ");
    assert_eq!(s.plan_date.to_string(), "2027-01-01");
    assert_eq!((s.units.len(), s.posts.len(), s.cadres.len()), (4, 5, 4));
    // File order is index order.
    let ids = |v: Vec<&str>| v.join(",");
    assert_eq!(
        ids(s.units.iter().map(|u| u.id.as_str()).collect()),
        "C01,P01,P02,D01"
    );
    assert_eq!(
        ids(s.posts.iter().map(|p| p.id.as_str()).collect()),
        "T001,T002,T003,T004,T005"
    );
    assert_eq!(
        ids(s.cadres.iter().map(|c| c.id.as_str()).collect()),
        "K001,K002,K003,K004"
    );

    // Units.
    assert_eq!(s.units[0].tier, Tier::Central);
    assert_eq!(s.units[0].province, None);
    assert_eq!(s.units[3].province.as_deref(), Some("P01"));
    assert_eq!(
        s.units.iter().map(|u| u.difficult).collect::<Vec<_>>(),
        [false, true, false, true]
    );
    assert_eq!(s.units[1].name, "Tỉnh ủy Lào Cai");

    // Posts: not_local given or derived from the title; seats default to 1.
    let not_local: Vec<bool> = s.posts.iter().map(|p| p.not_local).collect();
    assert_eq!(not_local, [true, false, true, true, true]);
    assert_eq!(s.posts[0].unit, 1);
    assert_eq!(s.posts[3].unit, 3);
    assert_eq!(s.posts[1].function, Some(Function::Personnel));
    assert_eq!(s.posts[2].seats, 1);
    assert_eq!(s.posts[4].seats, 2);
    assert_eq!(s.posts[4].role, Role::Deputy);
    assert_eq!(s.posts[0].criticality, 5);

    // Cadres.
    let (k1, k2, k3, k4) = (&s.cadres[0], &s.cadres[1], &s.cadres[2], &s.cadres[3]);
    assert_eq!(k1.relatives, vec![2], "K001 lists K003");
    assert_eq!(k3.relatives, vec![0], "made symmetric");
    assert!(k2.relatives.is_empty() && k4.relatives.is_empty());
    assert_eq!(
        k1.worked_years,
        vec![("P01".to_string(), 2.5), ("P02".to_string(), 30.0)]
    );
    assert_eq!(k3.head_terms, vec![(1, 2)]);
    assert_eq!(k1.planned_titles, vec!["party_secretary", "pc_chair"]);
    assert_eq!(k2.planned_titles, vec!["Bí thư", "Vụ trưởng"]);
    assert!(k4.planned_titles.is_empty());
    assert_eq!(k2.sex, Sex::F);
    assert_eq!(k1.current_unit, Some(2));
    assert_eq!(k4.current_unit, None);
    assert_eq!(k3.current_role, Some(Role::Head));
    assert!(k1.outstanding && !k2.outstanding && !k3.outstanding);
    assert!(k2.ethnic_minority && !k1.ethnic_minority);
    assert_eq!(
        k2.rotation_end.map(|d| d.to_string()).as_deref(),
        Some("2026-06-30")
    );
    assert_eq!(k4.health_cert_date, None);
    assert_eq!(k1.rating, 4);

    // Settings: overrides and defaults.
    assert_eq!(s.rules.name, "qd65-2022");
    assert_eq!(s.rules.min_service_months, 96);
    assert_eq!(s.rules.min_service_months_policy, 60);
    assert_eq!(s.weights.staffing, 12.0);
    assert_eq!(s.weights.must_fill, 1000.0);
    assert_eq!(s.targets.women, 0.3);
    assert_eq!(s.targets.young, 0.15);
    assert_eq!(s.max_departures_per_unit, 1);
    assert_eq!(s.solver.time_limit_s, 30.0);
    assert_eq!(s.solver.threads, 1);
    assert_eq!(s.extra_seats.len(), 1);
    assert_eq!((s.extra_seats[0].post, s.extra_seats[0].seats), (1, 1));
    assert_eq!(s.extra_seats[0].reason.as_deref(), Some("Nghị quyết 12"));
    assert_eq!(s.extra_seats_of(1), 1);
    assert_eq!((s.pins[0].cadre, s.pins[0].post), (0, 0));
    assert_eq!((s.forbids[0].cadre, s.forbids[0].post), (2, 2));
    assert_eq!(s.forbids[0].reason, None);
}

/// Copies the valid fixture into a temporary folder, changing each file's text.
fn valid_copy(change: impl Fn(&str, String) -> Vec<u8>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["scenario.yaml", "units.csv", "posts.csv", "cadres.csv"] {
        let text = std::fs::read_to_string(fixtures().join("valid").join(name)).unwrap();
        std::fs::write(dir.path().join(name), change(name, text)).unwrap();
    }
    dir
}

/// A variant name longer than a folder's name may be is refused at its key (a `run` solved every
/// scenario and then wrote nothing).
#[test]
fn a_variant_name_too_long_for_a_folder_is_refused() {
    let long = "ắ".repeat(120);
    let dir = valid_copy(|name, text| {
        if name == "scenario.yaml" {
            format!("{text}variants:\n  {long}:\n    weights: {{ staffing: 1 }}\n").into_bytes()
        } else {
            text.into_bytes()
        }
    });
    let err = scenario::load_variants(&dir.path().join("scenario.yaml")).unwrap_err();
    let d = &err.diagnostics[0];
    assert_eq!(d.code, "E1005", "{err}");
    assert!(
        err.to_string().contains("a variant name of 360 bytes"),
        "{err}"
    );
}

/// Variant names name folders: a path, a hidden name (taken for a killed run's temporary and
/// removed on resume) or a line break is refused at its key, and two names of one folder ("a b"
/// and "a?b" are both `a_b`: one's files went into the other's folder) name each other; all at once.
#[test]
fn variant_names_that_are_no_folder_of_their_own_are_refused_all_at_once() {
    let dir = valid_copy(|name, text| {
        if name == "scenario.yaml" {
            format!(
                "{text}variants:\n  \"a/b\": {{ weights: {{ staffing: 1 }} }}\n  \".base.new-1\": {{ weights: {{ staffing: 1 }} }}\n  \"x\\ny\": {{ weights: {{ staffing: 1 }} }}\n  \"a b\": {{ weights: {{ staffing: 1 }} }}\n  \"a?b\": {{ weights: {{ staffing: 2 }} }}\n  \"Phương án 1\": {{ weights: {{ staffing: 1 }} }}\n"
            )
            .into_bytes()
        } else {
            text.into_bytes()
        }
    });
    let err = scenario::load_variants(&dir.path().join("scenario.yaml")).unwrap_err();
    let text = err.to_string();
    assert_eq!(err.diagnostics.len(), 4, "{text}");
    assert!(err.diagnostics.iter().all(|d| d.code == "E1005"), "{text}");
    for found in ["\"a/b\"", "\".base.new-1\"", "(variants.x␊y)", "\"a?b\""] {
        assert!(text.contains(found), "{found}: {text}");
    }
    assert!(
        text.contains("its outputs would go to the folder `a_b` of the variant \"a b\""),
        "{text}"
    );
}

/// A misspelt key in a sweep is one error with the count of the other points that have it (a
/// sweep of 1,000 points said it 1,000 times).
#[test]
fn the_same_error_in_every_sweep_point_is_said_once() {
    let dir = valid_copy(|name, text| {
        if name == "scenario.yaml" {
            format!("{text}sweep:\n  weights.stafing: [1, 2, 3, 4, 5]\n").into_bytes()
        } else {
            text.into_bytes()
        }
    });
    let err = scenario::load_variants(&dir.path().join("scenario.yaml")).unwrap_err();
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    assert_eq!(err.diagnostics[0].code, "E1002");
    assert!(err.to_string().contains("(and 4 more variant(s))"), "{err}");
    // One workbook for the three tables, cut short, in a scenario without variants: one error
    // at `tables`, with no "more variant(s)" (its three tables said it three times).
    let dir = valid_copy(|name, text| {
        if name == "scenario.yaml" {
            let keep: Vec<&str> = text
                .lines()
                .filter(|l| {
                    !l.starts_with("  units:")
                        && !l.starts_with("  posts:")
                        && !l.starts_with("  cadres:")
                        && !l.starts_with("tables:")
                })
                .collect();
            format!("{}\ntables: cut.xlsx\n", keep.join("\n")).into_bytes()
        } else {
            text.into_bytes()
        }
    });
    std::fs::write(dir.path().join("cut.xlsx"), b"PK\x03\x04 not a whole zip").unwrap();
    let err = scenario::load_variants(&dir.path().join("scenario.yaml")).unwrap_err();
    let d = err
        .diagnostics
        .iter()
        .find(|d| d.field.starts_with("tables"))
        .expect("tables");
    assert_eq!(d.field, "tables", "{err}");
}

/// A header of thousands of unknown cells: the first 40 named, the rest counted in one message
/// (a million of them took 35 s and 3 GB).
#[test]
fn a_header_of_thousands_of_unknown_columns_is_counted_not_listed() {
    let dir = valid_copy(|name, text| {
        if name != "cadres.csv" {
            return text.into_bytes();
        }
        let (header, rest) = text.split_once('\n').unwrap();
        let extra: String = (0..5000).map(|i| format!(",x{i}")).collect();
        format!("{header}{extra}\n{rest}").into_bytes()
    });
    let err = scenario::load(&dir.path().join("scenario.yaml")).unwrap_err();
    let unknown: Vec<&Diagnostic> = err
        .diagnostics
        .iter()
        .filter(|d| d.code == "E2002")
        .collect();
    assert_eq!(unknown.len(), 41, "{err}");
    assert!(
        err.to_string().contains("4960 more unknown columns"),
        "{err}"
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let dir = valid_copy(|_, text| {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(text.replace('\n', "\r\n").into_bytes());
        bytes
    });
    let s = scenario::load(&dir.path().join("scenario.yaml")).unwrap();
    let base = load_fixture("valid").unwrap();
    assert_eq!(s.units, base.units);
    assert_eq!(s.posts, base.posts);
    assert_eq!(s.cadres, base.cadres);
}

/// A file with an error still says its other warnings, after the errors (a title row skipped, a
/// relative listed on one side: fixed at once, not met on the run after), in text and JSON, and
/// the last line counts both.
#[test]
fn errors_come_with_every_warning_of_the_files_after_them() {
    let dir = valid_copy(|name, text| {
        if name == "cadres.csv" {
            format!(
                "DANH SÁCH CÁN BỘ\n{}",
                text.replace("1980-11-20", "1980-13-01")
            )
            .into_bytes()
        } else {
            text.into_bytes()
        }
    });
    let yaml = dir.path().join("scenario.yaml");
    let err = scenario::load(&yaml).unwrap_err();
    assert_eq!(err.codes(), vec!["E2006"], "{err}");
    let late: Vec<&str> = err.warnings.iter().map(|w| w.code).collect();
    assert!(late.contains(&"W2009"), "{late:?}");
    assert!(late.contains(&"W2005"), "{late:?}");
    let text = |args: &[&str]| {
        let o = std::process::Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
            .args(args)
            .arg(&yaml)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        (
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    };
    let (_, err_text) = text(&["validate"]);
    let e = err_text.find("error[E2006]").expect("the error");
    let w = err_text
        .find("warning[W2009]")
        .expect("the title row's warning");
    assert!(e < w, "{err_text}");
    assert!(err_text.contains("warning[W2005]"), "{err_text}");
    let n = late.len();
    assert!(
        err_text.ends_with(&format!(
            "1 problem(s) and {n} warning(s) in the scenario files; nothing was planned\n"
        )),
        "{err_text}"
    );
    let (json, _) = text(&["validate", "--format", "json"]);
    let j: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(j["valid"], false);
    assert_eq!(j["errors"].as_array().unwrap().len(), 1);
    let codes: Vec<&str> = j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"W2009") && codes.contains(&"W2005"),
        "{codes:?}"
    );
    // `plan` says the same problems.
    let (_, plan_text) = text(&["plan"]);
    assert!(plan_text.contains("warning[W2009]"), "{plan_text}");
}

/// A column's warnings repeated in four rows or more are grouped and said once, among the
/// errors of that column, not again after them; an error found after the tables loaded (a
/// history's E5003) still comes with the tables' warnings; denied warnings (`deny_warnings:
/// true`) are counted as the problems they are.
#[test]
fn warnings_beside_errors_are_said_once_and_after_late_errors_too() {
    let dir = tempfile::tempdir().unwrap();
    let valid = fixtures().join("valid");
    for name in ["units.csv", "posts.csv"] {
        std::fs::copy(valid.join(name), dir.path().join(name)).unwrap();
    }
    let mut cadres = std::fs::read_to_string(fixtures().join("W2008").join("cadres.csv")).unwrap();
    let k004 = cadres
        .lines()
        .find(|l| l.starts_with("K004,"))
        .unwrap()
        .to_string();
    for (i, d) in ["05/06/1969", "07/08/1985", "09/10/1975", "11/12/1979"]
        .iter()
        .enumerate()
    {
        let row = k004
            .replacen("K004", &format!("K1{i:02}"), 1)
            .replacen("1985-03-03", d, 1);
        cadres.push_str(&row);
        cadres.push('\n');
    }
    std::fs::write(dir.path().join("cadres.csv"), cadres).unwrap();
    let yaml = dir.path().join("scenario.yaml");
    std::fs::write(
        &yaml,
        "plan_date: 2027-01-01\ntables: { units: units.csv, posts: posts.csv, cadres: cadres.csv }\n",
    )
    .unwrap();
    let err = scenario::load(&yaml).unwrap_err();
    let w2008: Vec<&Diagnostic> = err.all().filter(|d| d.code == "W2008").collect();
    assert_eq!(w2008.len(), 1, "{err}");
    assert!(w2008[0].repeats.is_some(), "{err}");
    assert!(err.diagnostics.iter().any(|d| d.code == "W2008"), "{err}");
    assert_eq!(
        err.to_string().matches("warning[W2008]").count(),
        1,
        "{err}"
    );
    // E5003 is found reading the history, after the tables (whose W2005 it used to drop).
    let late = load_fixture("E5003").unwrap_err();
    assert_eq!(late.codes(), vec!["E5003"], "{late}");
    assert!(late.warnings.iter().any(|w| w.code == "W2005"), "{late}");
    // Denied warnings are the problems.
    std::fs::write(
        &yaml,
        format!(
            "plan_date: 2027-01-01\ndeny_warnings: true\nallow_outside_paths: true\ntables: {{ units: {0}/units.csv, posts: {0}/posts.csv, cadres: {0}/cadres.csv }}\n",
            valid.display()
        ),
    )
    .unwrap();
    let denied = scenario::load(&yaml).unwrap_err();
    assert!(
        denied.diagnostics.iter().all(|d| d.is_warning()),
        "{denied}"
    );
    assert_eq!(
        rotaplan::report::load_error_summary(rotaplan::domain::Lang::En, &denied),
        format!(
            "{} warning(s) denied (the scenario's `deny_warnings: true`); nothing was planned",
            denied.diagnostics.len()
        )
    );
}

/// W5001's scenario (its programme over the valid tables) in a folder of its own, for a test to
/// write its history.csv there; and the fixture's folder.
fn w5001_scenario() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let w5001 = fixtures().join("W5001");
    let yaml = std::fs::read_to_string(w5001.join("scenario.yaml"))
        .unwrap()
        .replace(
            "../valid/",
            &format!("{}/", fixtures().join("valid").display()),
        );
    std::fs::write(dir.path().join("scenario.yaml"), yaml).unwrap();
    (dir, w5001)
}

/// A history with `;` separators gets the note the tables get (was said for them only).
#[test]
fn a_history_says_how_it_was_read_as_the_tables_do() {
    let (dir, w5001) = w5001_scenario();
    let history = std::fs::read_to_string(w5001.join("history.csv"))
        .unwrap()
        .replace(',', ";");
    std::fs::write(dir.path().join("history.csv"), history).unwrap();
    let checked = scenario::load_checked(&dir.path().join("scenario.yaml")).unwrap();
    let notes: Vec<String> = checked
        .notes
        .iter()
        .map(|n| rotaplan::report::text(rotaplan::domain::Lang::En, n))
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("history.csv") && n.contains("semicolon")),
        "{notes:?}"
    );
    assert!(checked.warnings.iter().any(|w| w.code == "W5001"));
}

/// A placement's `end` is one problem whatever it holds: "no end on a placement" at once, not
/// first a bad date (`31/02/2029`) and then, once that is corrected, the end itself.
#[test]
fn a_placements_end_is_said_once_whatever_it_holds() {
    let (dir, _) = w5001_scenario();
    for end in ["31/02/2029", "2029-06-30"] {
        std::fs::write(
            dir.path().join("history.csv"),
            format!(
                "cadre_id,post_id,kind,start,end\nK001,T001,rotation,2027-01-01,2028-01-01\nK001,T002,placement,2028-01-01,{end}\n"
            ),
        )
        .unwrap();
        let err = scenario::load(&dir.path().join("scenario.yaml")).unwrap_err();
        let at_end: Vec<&Diagnostic> = err
            .diagnostics
            .iter()
            .filter(|d| d.line == Some(3) && d.field.ends_with("end"))
            .collect();
        assert_eq!(at_end.len(), 1, "{end}: {err}");
        assert_eq!(at_end[0].code, "E5003", "{end}: {err}");
        assert!(
            err.to_string().contains("no end on a placement"),
            "{end}: {err}"
        );
    }
}

#[test]
fn diagnostics_point_at_the_file_line_and_cell() {
    let dir = valid_copy(|name, text| {
        if name == "cadres.csv" {
            text.replace("1980-11-20", "1980-13-01").into_bytes()
        } else {
            text.into_bytes()
        }
    });
    let err = scenario::load(&dir.path().join("scenario.yaml")).unwrap_err();
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    let expected = format!(
        "error[E2006]: bad date\n  --> {}:3:4 (column birth_date)\n  found: \"1980-13-01\"\n  \
         expected: a real calendar date YYYY-MM-DD (month 01–12, a day that exists in that month)\n  \
         fix: write the date as YYYY-MM-DD or dd/mm/yyyy (set `date_format:` in the scenario for another order)",
        dir.path().join("cadres.csv").display()
    );
    assert_eq!(
        rotaplan::report::diagnostics_text(rotaplan::domain::Lang::En, &err.diagnostics),
        expected
    );
    // The valid tables' own warnings follow the error, each a warning.
    assert!(err.warnings.iter().all(|w| w.is_warning()), "{err}");
    assert!(err.to_string().starts_with(&expected), "{err}");
    let json = serde_json::to_value(rotaplan::report::diagnostic_record(
        rotaplan::domain::Lang::En,
        &err.diagnostics[0],
    ))
    .unwrap();
    assert_eq!(json["code"], "E2006");
    assert_eq!(json["line"], 3);
    assert_eq!(json["field"], "cadres.csv: birth_date");
}

#[test]
fn plan_csv_is_read_against_the_scenario() {
    let s = load_fixture("valid").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.csv");
    std::fs::write(
        &plan,
        "cadre_id,cadre_name,post_id,post_title,unit_id,score\n\
         K002,Trần Thị Bình,T004,Bí thư,D01,12.5\n\
         \"K001\", Nguyễn Văn An ,T001,party_secretary,P01,3\n",
    )
    .unwrap();
    let rows = scenario::read_plan_csv(&plan, &s).unwrap();
    let got: Vec<(usize, u32, u32)> = rows.iter().map(|r| (r.line, r.cadre, r.post)).collect();
    assert_eq!(got, vec![(2, 1, 3), (3, 0, 0)]);

    std::fs::write(&plan, "cadre_id,post_id\n").unwrap();
    assert!(scenario::read_plan_csv(&plan, &s).unwrap().is_empty());

    let err = scenario::read_plan_csv(&dir.path().join("none.csv"), &s).unwrap_err();
    assert_eq!(err.codes(), vec!["E1001"]);
    let err = scenario::read_plan_csv(dir.path(), &s).unwrap_err();
    assert_eq!(err.codes(), vec!["E1008"]);
}

#[test]
fn missing_and_odd_scenario_paths() {
    let err = scenario::load(&fixtures().join("no-such-folder/scenario.yaml")).unwrap_err();
    assert_eq!(err.codes(), vec!["E1001"]);
    assert_eq!(err.diagnostics[0].line, None);
    let err = scenario::load(&fixtures().join("valid")).unwrap_err();
    assert_eq!(err.codes(), vec!["E1008"]);
    // A CSV given as the scenario: YAML reads it as one string, not a mapping.
    let err = scenario::load(&fixtures().join("valid/units.csv")).unwrap_err();
    assert_eq!(err.codes(), vec!["E1004"]);
    // An empty scenario file lacks plan_date and tables.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.yaml"), "").unwrap();
    let err = scenario::load(&dir.path().join("s.yaml")).unwrap_err();
    assert_eq!(err.codes(), vec!["E1003"]);
    assert_eq!(err.diagnostics.len(), 2);
}

/// #11: an office file's title above the header, in a CSV file and in every sheet of a workbook,
/// is one warning per table, and every later message keeps the file's own line (sheet row).
#[test]
fn a_title_above_the_header_is_skipped_and_lines_stay_right() {
    let tmp = tempfile::tempdir().unwrap();
    let valid = fixtures().join("valid");
    let read = |t: &str| std::fs::read_to_string(valid.join(format!("{t}.csv"))).unwrap();
    // CSV: title, blank row, header on line 3; K002's birth date (data row 2) made wrong: line 5.
    let cadres = format!(
        "DANH SÁCH CÁN BỘ,,,\n,,,\n{}",
        read("cadres").replace("1980-11-20", "1980-13-20")
    );
    std::fs::write(tmp.path().join("cadres.csv"), cadres).unwrap();
    for t in ["units", "posts"] {
        std::fs::write(tmp.path().join(format!("{t}.csv")), read(t)).unwrap();
    }
    let yaml = "plan_date: 2027-01-01\ntables:\n  units: units.csv\n  posts: posts.csv\n  cadres: cadres.csv\n";
    std::fs::write(tmp.path().join("scenario.yaml"), yaml).unwrap();
    let err = scenario::load(&tmp.path().join("scenario.yaml")).unwrap_err();
    let d = err
        .diagnostics
        .iter()
        .find(|d| d.code == "E2006")
        .unwrap_or_else(|| panic!("{err}"));
    assert_eq!((d.line, d.column), (Some(5), Some(4)), "{err}");
    assert!(
        !err.codes().contains(&"E2001") && !err.codes().contains(&"E2002"),
        "{err}"
    );

    // A workbook: each sheet with a title in A1, a blank row, the header on row 3.
    let mut book = rust_xlsxwriter::Workbook::new();
    for (t, sheet) in [
        ("units", "Đơn vị"),
        ("posts", "Vị trí"),
        ("cadres", "Cán bộ"),
    ] {
        let ws = book.add_worksheet();
        ws.set_name(sheet).unwrap();
        ws.write_string(0, 0, format!("DANH SÁCH {}", sheet.to_uppercase()))
            .unwrap();
        for (r, line) in read(t).lines().enumerate() {
            let line = if t == "cadres" {
                line.replace("1980-11-20", "1980-13-20")
            } else {
                line.to_string()
            };
            for (c, cell) in csv_line(&line).into_iter().enumerate() {
                ws.write_string(r as u32 + 2, c as u16, cell).unwrap();
            }
        }
    }
    book.save(tmp.path().join("du-lieu.xlsx")).unwrap();
    let yaml = "plan_date: 2027-01-01\ntables: du-lieu.xlsx\n";
    std::fs::write(tmp.path().join("book.yaml"), yaml).unwrap();
    let err = scenario::load(&tmp.path().join("book.yaml")).unwrap_err();
    let d = err
        .diagnostics
        .iter()
        .find(|d| d.code == "E2006")
        .unwrap_or_else(|| panic!("{err}"));
    assert_eq!((d.line, d.column), (Some(5), Some(4)), "{err}");
    assert_eq!(d.sheet.as_deref(), Some("Cán bộ"), "{err}");
    assert_eq!(err.codes(), vec!["E2006"], "{err}");

    // Without the wrong date, the workbook loads with one W2009 per sheet, at row 1.
    let mut book = rust_xlsxwriter::Workbook::new();
    for (t, sheet) in [
        ("units", "Đơn vị"),
        ("posts", "Vị trí"),
        ("cadres", "Cán bộ"),
    ] {
        let ws = book.add_worksheet();
        ws.set_name(sheet).unwrap();
        ws.write_string(0, 0, "DANH SÁCH").unwrap();
        for (r, line) in read(t).lines().enumerate() {
            for (c, cell) in csv_line(line).into_iter().enumerate() {
                ws.write_string(r as u32 + 2, c as u16, cell).unwrap();
            }
        }
    }
    book.save(tmp.path().join("du-lieu.xlsx")).unwrap();
    let checked = scenario::load_checked(&tmp.path().join("book.yaml")).unwrap();
    let titles: Vec<_> = checked
        .warnings
        .iter()
        .filter(|d| d.code == "W2009")
        .map(|d| (d.sheet.clone().unwrap_or_default(), d.line))
        .collect();
    assert_eq!(titles.len(), 3, "{:#?}", checked.warnings);
    assert!(titles.iter().all(|(_, l)| *l == Some(1)), "{titles:?}");
}

/// The cells of one CSV line (comma separated, quotes as the csv crate reads them).
fn csv_line(line: &str) -> Vec<String> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes());
    r.records()
        .next()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .unwrap_or_default()
}

/// #12: the history's errors come with the tables' errors, not after them, and history.csv takes
/// the Vietnamese headers the tables take ("Mã cán bộ", "Ngày kết thúc").
#[test]
fn history_errors_come_with_table_errors_and_its_headers_may_be_vietnamese() {
    let dir = fixtures().join("history-vi");
    let err = scenario::load(&dir.join("scenario.yaml")).unwrap_err();
    assert_eq!(err.codes(), vec!["E2008", "E5003"], "{err}");
    let d = err.diagnostics.iter().find(|d| d.code == "E5003").unwrap();
    assert_eq!(d.file, dir.join("history.csv"));
    assert_eq!((d.line, d.column), (Some(3), Some(5)), "{err}");
    assert_eq!(d.field, "history.csv: Ngày kết thúc [end]");
    // With the valid tables, the same error alone, at the same place; no E2001 for the headers.
    let err = scenario::load(&dir.join("valid.yaml")).unwrap_err();
    assert_eq!(err.codes(), vec!["E5003"], "{err}");
    let again = &err.diagnostics[0];
    assert_eq!((again.line, again.column), (d.line, d.column));
}

/// W5003 is for a placement that will be planned: a cadre who retires before the first period
/// open is due none there, so the overdue rotation of K004 (retiring 2028-06-30, the women's
/// roadmap age of 2028 reached that June) gets no warning, and the programme places nobody.
#[test]
fn an_overdue_placement_of_a_cadre_retired_by_the_open_period_is_not_warned() {
    let src = fixtures().join("W5003");
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(src.join("scenario.yaml"))
        .unwrap()
        .replace(
            "../valid/",
            &format!("{}/", fixtures().join("valid").display()),
        );
    std::fs::write(dir.path().join("scenario.yaml"), yaml).unwrap();
    std::fs::copy(src.join("history.csv"), dir.path().join("history.csv")).unwrap();
    let cadres = std::fs::read_to_string(src.join("cadres.csv")).unwrap();
    let path = dir.path().join("scenario.yaml");
    let w5003 = |cadres: &str| {
        std::fs::write(dir.path().join("cadres.csv"), cadres).unwrap();
        let checked = scenario::load_checked(&path).unwrap();
        checked
            .warnings
            .iter()
            .filter(|d| d.code == "W5003")
            .count()
    };
    assert_eq!(w5003(&cadres), 1, "the fixture warns K004");
    let retiring = cadres.replace(
        "K004,Phạm Thị Dung,F,1985-03-03",
        "K004,Phạm Thị Dung,F,1970-10-03",
    );
    assert_ne!(retiring, cadres);
    assert_eq!(w5003(&retiring), 0);
    let sc = scenario::load(&path).unwrap();
    let done = rotaplan::plan_programme(&sc).unwrap();
    assert!(done.violations.is_empty(), "{:#?}", done.violations);
    let k004 = sc.cadres.iter().position(|c| c.id == "K004").unwrap() as u32;
    assert!(done.plan.moves.iter().all(|m| m.cadre != k004));
    assert!(done.plan.unplaced.iter().all(|u| u.0 != k004));
}

/// A rank or a seat count near the integer limits is E2011 on its cell: a current_rank of
/// 2147483647 with `outstanding` panicked in candidate generation (the step up overflowed), and
/// 4294967295 seats summed to "5 of 2 seats".
#[test]
fn ranks_and_seats_near_the_integer_limits_are_out_of_range() {
    let src = fixtures().join("valid");
    let dir = tempfile::tempdir().unwrap();
    for f in ["scenario.yaml", "units.csv"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let cadres = std::fs::read_to_string(src.join("cadres.csv")).unwrap();
    let posts = std::fs::read_to_string(src.join("posts.csv")).unwrap();
    let k001 = "K001,Nguyễn Văn An,M,1972-05-10,P02,P02,P02,deputy,7,";
    assert!(cadres.contains(k001));
    let t001 = "T001,P01,party_secretary,8,party,head,,,1,5";
    assert!(posts.contains(t001));
    std::fs::write(
        dir.path().join("cadres.csv"),
        cadres.replace(k001, &k001.replace(",7,", ",2147483647,")),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("posts.csv"),
        posts.replace(t001, "T001,P01,party_secretary,8,party,head,,,4294967295,5"),
    )
    .unwrap();
    let e = scenario::load(&dir.path().join("scenario.yaml")).unwrap_err();
    let fields: Vec<&str> = e
        .diagnostics
        .iter()
        .filter(|d| d.code == "E2011")
        .map(|d| d.field.as_str())
        .collect();
    assert!(fields.iter().any(|f| f.contains("current_rank")), "{e}");
    assert!(fields.iter().any(|f| f.contains("seats")), "{e}");
}

/// A units table with an error still names its other rows' provinces: a cadre's "lam-son" (a
/// province of 17 units) was "unknown province" (W2002) on 40 rows beside the table's own error.
/// Without any units table, no province is called unknown either.
#[test]
fn a_units_table_with_errors_still_names_its_provinces() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/province");
    let dir = tempfile::tempdir().unwrap();
    for f in ["province.yaml", "units.csv", "posts.csv", "cadres.csv"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let units = std::fs::read_to_string(src.join("units.csv")).unwrap();
    assert!(units.contains(",lam-son,"));
    let bad = units.replacen(",central,", ",centrall,", 1);
    assert_ne!(bad, units);
    std::fs::write(dir.path().join("units.csv"), &bad).unwrap();
    let path = dir.path().join("province.yaml");
    let err = scenario::load(&path).unwrap_err();
    assert_eq!(err.codes(), vec!["E2004"], "{err}");
    // The units table unreadable as a whole (its required columns missing): no W2002.
    std::fs::write(dir.path().join("units.csv"), "id;name\n").unwrap();
    let err = scenario::load(&path).unwrap_err();
    assert!(err.codes().contains(&"E2001"), "{err}");
    assert!(!err.codes().contains(&"W2002"), "{err}");
}

/// A sweep whose point names (`k=v,k=v`) are too long for a folder is refused at `sweep:`, in
/// words for a sweep (not a variant's), naming the point.
#[test]
fn a_sweep_point_name_too_long_for_a_folder_is_refused_at_the_sweep() {
    let long = "x".repeat(230);
    let dir = valid_copy(|name, text| {
        if name == "scenario.yaml" {
            format!("{text}sweep:\n  weights.staffing: [1, 2]\n  description: [\"{long}\"]\n")
                .into_bytes()
        } else {
            text.into_bytes()
        }
    });
    let err = scenario::load_variants(&dir.path().join("scenario.yaml")).unwrap_err();
    let d = &err.diagnostics[0];
    assert_eq!(d.code, "E1005", "{err}");
    let text = err.to_string();
    assert!(
        text.contains("a point of the sweep named `weights.staffing=1,"),
        "{text}"
    );
    assert!(text.contains("sweep fewer settings"), "{text}");
    assert!(!text.contains("variant's name"), "{text}");
    assert_eq!(d.field, "sweep", "{err}");
}

/// `cadres:` written with nothing after it: E1003 at that key, saying the value is empty ("no such
/// key, add `cadres:`" misled, the key being there).
#[test]
fn a_key_with_an_empty_value_is_said_empty_not_missing() {
    let d = scenario::check_yaml_bytes(
        std::path::Path::new("s.yaml"),
        b"name: x\nplan_date: 2027-01-01\ntables:\n  units: u.csv\n  posts: p.csv\n  cadres:\n",
    );
    let e = d.iter().find(|d| d.code == "E1003").expect("E1003");
    assert_eq!((e.field.as_str(), e.line), ("tables.cadres", Some(6)));
    assert!(e.found.to_string().contains("an empty value"), "{e}");
    assert!(e.fix.to_string().contains("after `tables.cadres:`"), "{e}");
}
