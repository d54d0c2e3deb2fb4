//! A catalogue of hostile inputs (issue 11): each case changes the valid fixture
//! (`tests/fixtures/errors/valid`) in one hostile way, runs the real `rotaplan plan` on it, and
//! asserts that the load fails with the case's code at its place (file:line:column and field),
//! exit code 1, no panic, and nothing written: `--out` is not even created.
//!
//! The cases run in a scratch folder `work/` (the scenario's folder) inside a temporary folder, so
//! a case can name a file outside the scenario's folder tree (`../outside.yaml`).

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

/// One hostile input and what it must report.
struct Hostile {
    name: &'static str,
    /// Changes the valid copy in `work/` (the scenario's folder).
    setup: fn(&Path),
    code: &'static str,
    /// What follows `--> ` in the message: `file:line:column`, `file:line` or `file`.
    at: &'static str,
    /// The field shown in brackets after the place (empty: none checked).
    field: &'static str,
    /// A piece of the message that must be there.
    mentions: &'static str,
}

const VALID: &str = "tests/fixtures/errors/valid";

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap()
}

/// Replaces `from` (which must be there) by `to` in `dir/name`.
fn edit(dir: &Path, name: &str, from: &str, to: &str) {
    let text = read(dir, name);
    assert!(text.contains(from), "{name} has no {from:?}");
    fs::write(dir.join(name), text.replacen(from, to, 1)).unwrap();
}

/// Appends lines to the scenario (its 25 lines stay where they are; the first appended is 26).
fn append(dir: &Path, yaml: &str) {
    let text = read(dir, "scenario.yaml") + yaml;
    fs::write(dir.join("scenario.yaml"), text).unwrap();
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).unwrap();
}

/// A ZIP of one stored part (`xl/workbook.xml`, one byte) whose central directory says it unpacks
/// to `size` bytes: what a zip bomb's parts say, without the gigabytes.
fn zip_claiming(size: u32) -> Vec<u8> {
    zip_of(b"xl/workbook.xml", size)
}

/// The valid units as a workbook whose cell `cell` holds the error value `error` (written by
/// hand into the sheet's XML: no writer writes Excel 365's #SPILL!).
fn units_workbook_with_error(dir: &Path, cell: &str, error: &str) -> Vec<u8> {
    units_workbook_with_cell(
        dir,
        cell,
        &format!("<c r=\"{cell}\" t=\"e\"><v>{error}</v></c>"),
    )
}

/// The valid units as a workbook whose cell `cell` is written as `xml` in the sheet.
fn units_workbook_with_cell(dir: &Path, cell: &str, xml: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let text = fs::read_to_string(dir.join("units.csv")).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("units").unwrap();
    for (r, line) in text.lines().enumerate() {
        for (c, v) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, v).unwrap();
        }
    }
    let (row, col) = (3u32, 2u16);
    assert_eq!(cell, "C4");
    sheet.write_number(row, col, 987_654_321.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut content = String::new();
        f.read_to_string(&mut content).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let from = format!("<c r=\"{cell}\"><v>987654321</v></c>");
            assert!(content.contains(&from), "{content}");
            content = content.replace(&from, xml);
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(content.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A ZIP of one stored part `name`, one byte long, whose directory says it unpacks to `size`.
fn zip_of(name: &[u8], size: u32) -> Vec<u8> {
    let n = name.len() as u16;
    let mut z: Vec<u8> = Vec::new();
    let le16 = |z: &mut Vec<u8>, v: u16| z.extend(v.to_le_bytes());
    let le32 = |z: &mut Vec<u8>, v: u32| z.extend(v.to_le_bytes());
    // Local header, then the byte.
    le32(&mut z, 0x0403_4b50);
    for v in [20u16, 0, 0, 0, 0] {
        le16(&mut z, v);
    }
    for v in [0u32, 1, 1] {
        le32(&mut z, v);
    }
    le16(&mut z, n);
    le16(&mut z, 0);
    z.extend(name);
    z.push(b'x');
    // Central directory.
    let cd = z.len() as u32;
    le32(&mut z, 0x0201_4b50);
    for v in [20u16, 20, 0, 0, 0, 0] {
        le16(&mut z, v);
    }
    for v in [0u32, 1, size] {
        le32(&mut z, v);
    }
    for v in [n, 0, 0, 0, 0] {
        le16(&mut z, v);
    }
    le32(&mut z, 0);
    le32(&mut z, 0);
    z.extend(name);
    let cd_len = z.len() as u32 - cd;
    // End of central directory.
    le32(&mut z, 0x0605_4b50);
    for v in [0u16, 0, 1, 1] {
        le16(&mut z, v);
    }
    le32(&mut z, cd_len);
    le32(&mut z, cd);
    le16(&mut z, 0);
    z
}

const fn case(
    name: &'static str,
    setup: fn(&Path),
    code: &'static str,
    at: &'static str,
    field: &'static str,
    mentions: &'static str,
) -> Hostile {
    Hostile {
        name,
        setup,
        code,
        at,
        field,
        mentions,
    }
}

const BOMB: &str = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n\
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n\
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n\
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n\
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";

const CASES: &[Hostile] = &[
    // Expansions counted before they are built.
    case(
        "a sweep of 10^8 combinations",
        |d| {
            let axis = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]";
            let mut y = "sweep:\n".to_string();
            for k in [
                "staffing",
                "training",
                "fit",
                "disruption",
                "stability",
                "must_fill",
                "extra_seat",
                "women_shortfall",
            ] {
                y += &format!("  weights.{k}: {axis}\n");
            }
            append(d, &y)
        },
        "E1014",
        "scenario.yaml:27:3",
        "sweep",
        "100000000 combinations",
    ),
    case(
        "a sweep of more than 2^64 combinations",
        |d| {
            let mut y = "sweep:\n".to_string();
            for i in 0..70 {
                y += &format!("  weights.fit{i}: [1, 2]\n");
            }
            append(d, &y)
        },
        "E1014",
        "scenario.yaml:27:3",
        "sweep",
        "more than 18446744073709551615",
    ),
    case(
        "sweep_limit above its maximum",
        |d| append(d, "sweep_limit: 100000000\n"),
        "E1005",
        "scenario.yaml:26:14",
        "sweep_limit",
        "from 1 to 10000",
    ),
    // YAML.
    case(
        "an alias bomb (billion laughs)",
        |d| write(d, "scenario.yaml", BOMB.as_bytes()),
        "E1017",
        "scenario.yaml:3:8",
        "",
        "`*b`",
    ),
    case(
        "brackets nested 5,000 deep (no alias)",
        |d| {
            append(
                d,
                &format!("variants:\n  v: {}{}\n", "[".repeat(5000), "]".repeat(5000)),
            )
        },
        "E1007",
        "scenario.yaml:27:106",
        "",
        "nested more than 100 levels deep",
    ),
    case(
        // Refused before the parser runs: its time grows with the square of the depth (an 80 KB
        // `a: [[[…` took 10 s, this would take minutes).
        "brackets nested 500,000 deep (a megabyte)",
        |d| {
            append(
                d,
                &format!(
                    "variants:\n  v: {}{}\n",
                    "[".repeat(500_000),
                    "]".repeat(500_000)
                ),
            )
        },
        "E1007",
        "scenario.yaml:27:106",
        "",
        "nested more than 100 levels deep",
    ),
    case(
        "mappings nested 130 deep by indentation (no alias)",
        |d| {
            let mut y = String::from("variants:\n");
            for i in 1..=130 {
                y += &format!("{}k{i}:\n", "  ".repeat(i));
            }
            y += &format!("{}x: 1\n", "  ".repeat(131));
            append(d, &y)
        },
        "E1007",
        "scenario.yaml:126:201",
        "",
        "nested more than 100 levels deep",
    ),
    case(
        "`pin+:` for `pins+:`",
        |d| append(d, "pin+:\n  - { cadre: C01, post: VT06 }\n"),
        "E1002",
        "scenario.yaml:26:1",
        "pin+",
        "did you mean \"pins+\"",
    ),
    case(
        "two YAML documents in one file",
        |d| append(d, "---\nname: second\n"),
        "E1007",
        "scenario.yaml:26:1",
        "",
        "second YAML document starting on line 26",
    ),
    case(
        "a document end marker then more",
        |d| append(d, "...\nname: second\n"),
        "E1007",
        "scenario.yaml:26:1",
        "",
        "second YAML document",
    ),
    case(
        "a huge integer weight",
        |d| {
            edit(
                d,
                "scenario.yaml",
                "staffing: 12",
                "staffing: 99999999999999999999999",
            )
        },
        "E1005",
        "scenario.yaml:13:13",
        "weights.staffing",
        "too large",
    ),
    case(
        "a weight of 1e20",
        |d| edit(d, "scenario.yaml", "staffing: 12", "staffing: 1e20"),
        "E1005",
        "scenario.yaml:13:13",
        "weights.staffing",
        "from 0 to 1000000",
    ),
    case(
        "an infinite weight",
        |d| edit(d, "scenario.yaml", "staffing: 12", "staffing: .inf"),
        "E1005",
        "scenario.yaml:13:13",
        "weights.staffing",
        "from 0 to 1000000",
    ),
    case(
        "a NaN target",
        |d| edit(d, "scenario.yaml", "women: 0.3", "women: .nan"),
        "E1005",
        "scenario.yaml:15:10",
        "targets.women",
        "share",
    ),
    case(
        "a time limit of 1e300 seconds",
        |d| {
            edit(
                d,
                "scenario.yaml",
                "time_limit_s: 30",
                "time_limit_s: 1e300",
            )
        },
        "E1005",
        "scenario.yaml:25:17",
        "solver.time_limit_s",
        "at most 1000000",
    ),
    case(
        "a time limit of 0",
        |d| edit(d, "scenario.yaml", "time_limit_s: 30", "time_limit_s: 0"),
        "E1005",
        "scenario.yaml:25:17",
        "solver.time_limit_s",
        "> 0",
    ),
    case(
        "4294967295 threads",
        |d| append(d, "  threads: 4294967295\n"),
        "E1005",
        "scenario.yaml:26:12",
        "solver.threads",
        "from 1 to 1024",
    ),
    case(
        "0 threads",
        |d| append(d, "  threads: 0\n"),
        "E1005",
        "scenario.yaml:26:12",
        "solver.threads",
        "from 1 to 1024",
    ),
    case(
        "a negative departures cap",
        |d| {
            edit(
                d,
                "scenario.yaml",
                "max_departures_per_unit: 1",
                "max_departures_per_unit: -5",
            )
        },
        "E1005",
        "scenario.yaml:16:26",
        "max_departures_per_unit",
        "-5",
    ),
    case(
        "a tab used for indentation",
        |d| edit(d, "scenario.yaml", "  women: 0.3", "\twomen: 0.3"),
        "E1007",
        "scenario.yaml:15:1",
        "",
        "tab",
    ),
    case(
        "a key given twice",
        |d| append(d, "plan_date: 2028-01-01\n"),
        "E1007",
        "scenario.yaml:26:1",
        "",
        "duplicate entry",
    ),
    case(
        "an impossible plan date",
        |d| edit(d, "scenario.yaml", "2027-01-01", "2027-02-30"),
        "E1011",
        "scenario.yaml:4:12",
        "plan_date",
        "2027-02-30",
    ),
    case(
        "a scenario that is not UTF-8",
        |d| {
            let mut b = read(d, "scenario.yaml").into_bytes();
            b.extend_from_slice(b"name: \xFF\xFE\n");
            write(d, "scenario.yaml", &b)
        },
        "E1010",
        "scenario.yaml:26:7",
        "",
        "0xFF",
    ),
    case(
        "a NUL byte in the scenario",
        |d| append(d, "name: a\0b\n"),
        "E1007",
        "scenario.yaml:26:8",
        "",
        "control character",
    ),
    // extends: and paths outside the scenario's folder.
    case(
        "extends: a file outside the scenario's folder",
        |d| {
            fs::copy(d.join("scenario.yaml"), d.join("../outside.yaml")).unwrap();
            write(d, "scenario.yaml", b"extends: ../outside.yaml\n")
        },
        "E1018",
        "scenario.yaml:1:10",
        "extends",
        "allow_outside_paths: true",
    ),
    case(
        "extends: /etc/passwd",
        |d| write(d, "scenario.yaml", b"name: x\nextends: /etc/passwd\n"),
        "E1018",
        "scenario.yaml:2:10",
        "extends",
        "\"/etc/passwd\" leads outside",
    ),
    case(
        "a table outside the scenario's folder",
        |d| {
            fs::copy(d.join("units.csv"), d.join("../units.csv")).unwrap();
            edit(
                d,
                "scenario.yaml",
                "units: units.csv",
                "units: ../units.csv",
            )
        },
        "E1018",
        "scenario.yaml:6:10",
        "tables.units",
        "../units.csv",
    ),
    case(
        "an extended file's table outside the scenario's folder",
        |d| {
            fs::create_dir_all(d.join("base")).unwrap();
            fs::write(
                d.join("base/base.yaml"),
                "tables:\n  units: ../../units.csv\n",
            )
            .unwrap();
            append(d, "extends: base/base.yaml\n")
        },
        "E1018",
        "base/base.yaml:2:10",
        "tables.units",
        "../../units.csv",
    ),
    case(
        "an error in an extended file names that file and line",
        |d| {
            fs::write(d.join("base.yaml"), "# base\nweights:\n  fit: -1\n").unwrap();
            append(d, "extends: base.yaml\n")
        },
        "E1005",
        "base.yaml:3:8",
        "weights.fit",
        "-1",
    ),
    case(
        "extends: a file that does not exist",
        |d| append(d, "extends: none.yaml\n"),
        "E1001",
        "scenario.yaml:26:10",
        "extends",
        "none.yaml",
    ),
    case(
        "extends: itself",
        |d| append(d, "extends: scenario.yaml\n"),
        "E1013",
        "scenario.yaml:26:10",
        "extends",
        "→",
    ),
    // Table paths that are not files.
    case(
        "a table that is a directory",
        |d| {
            fs::create_dir_all(d.join("units.d")).unwrap();
            edit(d, "scenario.yaml", "units: units.csv", "units: units.d")
        },
        "E1008",
        "scenario.yaml:6:10",
        "tables.units",
        "a directory",
    ),
    case(
        "a table that is /dev/zero",
        |d| {
            edit(d, "scenario.yaml", "units: units.csv", "units: /dev/zero");
            append(d, "allow_outside_paths: true\n")
        },
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "not a regular file",
    ),
    case(
        "a table that is a FIFO",
        |d| {
            let ok = Command::new("mkfifo")
                .arg(d.join("units.fifo"))
                .status()
                .unwrap()
                .success();
            assert!(ok, "mkfifo");
            edit(d, "scenario.yaml", "units: units.csv", "units: units.fifo")
        },
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "not a regular file",
    ),
    case(
        "a workbook that is not a workbook",
        |d| {
            write(d, "units.xlsx", b"\x01\x02 this is no zip file \x03\xff");
            edit(d, "scenario.yaml", "units: units.csv", "units: units.xlsx")
        },
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "units.xlsx",
    ),
    case(
        "a web page without a table named .xls (a program's failed \"Excel\" export)",
        |d| {
            write(
                d,
                "units.xls",
                "<html><body><p>Xuất dữ liệu thất bại</p></body></html>".as_bytes(),
            );
            edit(d, "scenario.yaml", "units: units.csv", "units: units.xls")
        },
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "a web page with no table under a workbook's name",
    ),
    case(
        "a Word document named .csv",
        |d| write(d, "units.csv", &zip_of(b"word/document.xml", 1)),
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "a Word (.docx) file, not a table",
    ),
    case(
        "a ZIP archive of a CSV named .csv",
        |d| write(d, "units.csv", &zip_of(b"don-vi.csv", 1)),
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "a ZIP archive, not a workbook, holding don-vi.csv",
    ),
    case(
        "an empty file named .xlsx (a failed download)",
        |d| {
            write(d, "units.xlsx", b"");
            edit(d, "scenario.yaml", "units: units.csv", "units: units.xlsx")
        },
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "an empty file (0 bytes)",
    ),
    case(
        "a PDF of the printed list named .csv",
        |d| {
            write(
                d,
                "units.csv",
                b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
            )
        },
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "a PDF document, not a table",
    ),
    case(
        "a PDF named .xlsx",
        |d| {
            write(d, "units.xlsx", b"%PDF-1.4\n\x00\x01 stream\n");
            edit(d, "scenario.yaml", "units: units.csv", "units: units.xlsx")
        },
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "export the table from the program that made the PDF",
    ),
    case(
        "an RTF document named .xls",
        |d| {
            write(
                d,
                "units.xls",
                b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Don vi}",
            );
            edit(d, "scenario.yaml", "units: units.csv", "units: units.xls")
        },
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "an RTF (rich text) document, not a table",
    ),
    case(
        "a phone's photo of the list named .csv",
        |d| {
            write(
                d,
                "units.csv",
                b"\xFF\xD8\xFF\xE1\x00\x18Exif\x00\x00MM\x00*",
            )
        },
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "a picture (JPEG), not a table",
    ),
    case(
        "a RAR archive named .csv",
        |d| write(d, "units.csv", b"Rar!\x1A\x07\x01\x00\x33\x92\xb5\xe5"),
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "unpack the archive and name the table inside it",
    ),
    case(
        "a program's XML export named .xml",
        |d| {
            write(
                d,
                "units.xml",
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<DanhSachDonVi><DonVi><Ma>u1</Ma></DonVi></DanhSachDonVi>".as_bytes(),
            );
            edit(d, "scenario.yaml", "units: units.csv", "units: units.xml")
        },
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "an XML file (its root element <DanhSachDonVi>), not a spreadsheet",
    ),
    case(
        "a workbook encrypted with a password",
        |d| {
            let book = fs::read(
                crate::common::root().join("tests/fixtures/workbooks/units-encrypted.xlsx"),
            )
            .unwrap();
            write(d, "units.xlsx", &book);
            edit(d, "scenario.yaml", "units: units.csv", "units: units.xlsx")
        },
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "Encrypt with Password, clear the password",
    ),
    case(
        "Excel 365's #SPILL! in a workbook's cell",
        |d| {
            let book = units_workbook_with_error(d, "C4", "#SPILL!");
            write(d, "units.xlsx", &book);
            edit(d, "scenario.yaml", "units: units.csv", "units: units.xlsx")
        },
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "cell units!C4 holds the error value #SPILL!",
    ),
    case(
        "a workbook that unpacks to gigabytes (a zip bomb)",
        |d| {
            write(d, "units.xlsx", &zip_claiming(0xF000_0000));
            edit(d, "scenario.yaml", "units: units.csv", "units: units.xlsx")
        },
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "unpacks to 3840 MB",
    ),
    case(
        "a workbook cell of a megabyte (a zip bomb's one cell)",
        |d| {
            let xml = format!(
                "<c r=\"C4\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                "x".repeat(1 << 20)
            );
            let book = units_workbook_with_cell(d, "C4", &xml);
            write(d, "units.xlsx", &book);
            edit(d, "scenario.yaml", "units: units.csv", "units: units.xlsx")
        },
        "E1009",
        "scenario.yaml:6:10",
        "tables.units",
        "xl/worksheets/sheet1.xml holds a cell of more than 319 KB",
    ),
    case(
        "terminal control characters written as YAML escapes",
        |d| {
            edit(
                d,
                "scenario.yaml",
                "name: Fixture — hợp lệ",
                "name: \"x\\e]0;PWNED\\aY\\e[2J\"",
            )
        },
        "E2016",
        "scenario.yaml:2:7",
        "name",
        "x␛]0;PWNED␇Y␛[2J",
    ),
    // The tables.
    case(
        "a table of NUL bytes",
        |d| write(d, "units.csv", &[0u8; 5000]),
        "E2016",
        "units.csv:1",
        "units.csv",
        "5000 NUL byte(s)",
    ),
    case(
        "a NUL byte inside a cell",
        |d| edit(d, "units.csv", "Lào Cai", "Lào\0Cai"),
        "E2016",
        "units.csv:3:2",
        "column name",
        "\\0",
    ),
    case(
        "terminal control characters in a name",
        |d| edit(d, "units.csv", "Lào Cai", "Lào\u{1b}[2J\u{7}Cai"),
        "E2016",
        "units.csv:3:2",
        "column name",
        "Lào␛[2J␇Cai",
    ),
    case(
        "rows of NUL bytes under a good header",
        |d| {
            let mut b = read(d, "posts.csv").into_bytes();
            b.extend(std::iter::repeat_n(0u8, 300));
            b.push(b'\n');
            write(d, "posts.csv", &b)
        },
        "E2016",
        "posts.csv:7:1",
        "column id",
        "NUL",
    ),
    case(
        "an unclosed quote",
        |d| edit(d, "posts.csv", "T002,P01,Giám", "T002,P01,\"Giám"),
        "E2017",
        "posts.csv:3",
        "posts.csv",
        "on line 3 and never closed",
    ),
    case(
        "a stray quote that swallows a row",
        |d| {
            edit(d, "cadres.csv", "K002,Trần", "K002,\"Trần");
            edit(
                d,
                "cadres.csv",
                "K003,Lê Văn Cường,",
                "K003,Lê Văn Cường\",",
            )
        },
        "E2017",
        "cadres.csv:3",
        "cadres.csv",
        "closes only on line 4, and line 4 inside it reads as a row of its own (\"K003\"",
    ),
    case(
        "an unclosed quote in a semicolon file",
        |d| {
            let t = read(d, "units.csv").replace(',', ";");
            write(
                d,
                "units.csv",
                t.replacen(";Huyện", ";\"Huyện", 1).as_bytes(),
            )
        },
        "E2017",
        "units.csv:5",
        "units.csv",
        "on line 5",
    ),
    case(
        "a table above max_table_rows",
        |d| append(d, "limits: { max_table_rows: 2 }\n"),
        "E2018",
        "units.csv:4",
        "units.csv",
        "limits: { max_table_rows: N }",
    ),
    case(
        "max_table_rows of 0",
        |d| append(d, "limits: { max_table_rows: 0 }\n"),
        "E1005",
        "scenario.yaml:26:27",
        "limits.max_table_rows",
        "from 1",
    ),
    case(
        "more candidate pairs than the budget",
        |d| append(d, "limits: { max_candidate_pairs: 2 }\n"),
        "E3005",
        "scenario.yaml:5:1",
        "tables",
        "max_candidate_pairs",
    ),
    case(
        "a cadres table in UTF-16 with a broken character (a lone surrogate)",
        |d| {
            let mut b = vec![0xFF, 0xFE];
            for u in read(d, "cadres.csv").encode_utf16() {
                b.extend(u.to_le_bytes());
            }
            b.extend([0x00, 0xD8, b'x', 0x00]);
            write(d, "cadres.csv", &b)
        },
        "E1010",
        "cadres.csv:1:1",
        "",
        "UTF-16",
    ),
    case(
        "a UTF-8 table with one line in Windows-1258 (damaged UTF-8, not read as Windows-1258)",
        |d| {
            let mut b = read(d, "units.csv").into_bytes();
            b.extend_from_slice(b"D02,Huy\xD2n,district,P01,northwest,2,\n");
            write(d, "units.csv", &b)
        },
        "E1010",
        "units.csv:6:8",
        "",
        "0xD2",
    ),
    case(
        "an empty table",
        |d| write(d, "posts.csv", b""),
        "E2013",
        "posts.csv",
        "posts.csv",
        "empty file",
    ),
    case(
        "a header with no rows",
        |d| {
            write(
                d,
                "units.csv",
                b"id,name,tier,province,region,shortage,difficult\n",
            )
        },
        "E2003",
        "units.csv:1",
        "units.csv",
        "no rows",
    ),
    case(
        "a header naming a column twice",
        |d| edit(d, "units.csv", "shortage,difficult", "shortage,shortage"),
        "E2015",
        "units.csv:1:7",
        "column shortage",
        "already column 6",
    ),
    case(
        "a row with a missing separator",
        |d| edit(d, "units.csv", "northwest,3,true", "northwest3,true"),
        "E2014",
        "units.csv:3",
        "units.csv",
        "6 cells",
    ),
    case(
        "a huge integer in a cell",
        |d| {
            edit(
                d,
                "posts.csv",
                "T001,P01,party_secretary,8,",
                "T001,P01,party_secretary,99999999999999999999999,",
            )
        },
        "E2005",
        "posts.csv:2:4",
        "column rank",
        "99999999999999999999999",
    ),
    case(
        "a shortage out of range",
        |d| edit(d, "units.csv", "northwest,3,true", "northwest,300,true"),
        "E2011",
        "units.csv:3:6",
        "column shortage",
        "from 0 to 3",
    ),
    case(
        "hundreds of problems in one file",
        |d| {
            let mut t = read(d, "units.csv");
            for i in 0..120 {
                t += &format!("X{i},A,central,,centre,0,\nX{i},B,central,,centre,0,\n");
            }
            write(d, "units.csv", t.as_bytes())
        },
        "E1019",
        "units.csv",
        "",
        "and 70 more problem(s) in this file",
    ),
];

fn run_case(c: &Hostile) -> Result<(), String> {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("work");
    fs::create_dir_all(&work).unwrap();
    let valid = crate::common::root().join(VALID);
    for f in ["scenario.yaml", "units.csv", "posts.csv", "cadres.csv"] {
        fs::copy(valid.join(f), work.join(f)).unwrap();
    }
    (c.setup)(&work);
    let mut wrong = Vec::new();
    // `validate` reads every scenario of the file (sweeps too); `plan` reads the file's own
    // scenario (a sweep is not expanded by it) and must write nothing.
    let commands: &[&[&str]] = if c.name.contains("sweep") {
        &[&["validate", "scenario.yaml"]]
    } else {
        &[
            &["validate", "scenario.yaml"],
            &["plan", "scenario.yaml", "--out", "out", "--time-limit", "5"],
        ]
    };
    let mut shown = String::new();
    for args in commands {
        let o = Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
            .current_dir(&work)
            .args(*args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        let cmd = args[0];
        if o.status.code() != Some(1) {
            wrong.push(format!("{cmd}: exit {:?}", o.status.code()));
        }
        if stderr.contains("panicked") {
            wrong.push(format!("{cmd}: a panic"));
        }
        if work.join("out").exists() {
            wrong.push(format!("{cmd}: --out was created"));
        }
        // The case's diagnostic: its code, then its place and field on the next line.
        let head = format!("error[{}]", c.code);
        let found = stderr.split("\n\n").find(|block| {
            let mut lines = block.lines().skip_while(|l| !l.starts_with(&head));
            lines.next().is_some()
                && lines.next().is_some_and(|l| {
                    let place = format!("  --> {}", c.at);
                    (l == place || l.starts_with(&format!("{place} ")))
                        && (c.field.is_empty() || l.ends_with(&format!("({})", c.field)))
                })
        });
        match found {
            None => wrong.push(format!("{cmd}: no {} at {} ({})", c.code, c.at, c.field)),
            Some(block) if !block.contains(c.mentions) => {
                wrong.push(format!("{cmd}: {:?} not mentioned", c.mentions))
            }
            Some(_) => {}
        }
        shown += &stderr;
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("{}: {}\n{shown}", c.name, wrong.join(", ")))
    }
}

/// Every hostile input is refused with its code at its place, exit 1, no panic, nothing written.
/// All cases run; the failures are listed together.
#[test]
fn hostile_inputs_are_refused_with_their_code_and_place_and_nothing_written() {
    assert!(CASES.len() >= 40, "{} cases", CASES.len());
    let mut names: Vec<&str> = CASES.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), CASES.len(), "case names are distinct");
    let failures: Vec<String> = CASES.iter().filter_map(|c| run_case(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n----\n")
    );
}

/// Text from the tables that a spreadsheet runs as a formula (a cadre named `=HYPERLINK(…)`, a unit
/// `@SUM(…)`) is written to the plan's CSV files after a `'` (it was written raw, and Excel ran
/// it on opening); numbers keep their sign, and `check` reads the plan back.
#[test]
fn formulas_in_names_are_defused_in_the_csv_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let valid = crate::common::root().join(VALID);
    for f in ["scenario.yaml", "units.csv", "posts.csv", "cadres.csv"] {
        fs::copy(valid.join(f), tmp.path().join(f)).unwrap();
    }
    let cadres = read(tmp.path(), "cadres.csv");
    let names: Vec<String> = cadres
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_string())
        .collect();
    let mut text = cadres.clone();
    for n in &names {
        text = text.replacen(
            &format!(",{n},"),
            ",\"=HYPERLINK(\"\"http://evil\"\";\"\"x\"\")\",",
            1,
        );
    }
    fs::write(tmp.path().join("cadres.csv"), text).unwrap();
    let units = read(tmp.path(), "units.csv")
        .replace("Tỉnh ủy Lào Cai", "@SUM(1+1)")
        .replace("Tỉnh ủy Bắc Ninh", "+Bắc Ninh");
    fs::write(tmp.path().join("units.csv"), units).unwrap();
    let out = tmp.path().join("out");
    let o = Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
        .arg("plan")
        .arg(tmp.path().join("scenario.yaml"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let plan = read(&out, "plan.csv");
    let mut r = csv::Reader::from_reader(plan.as_bytes());
    let mut rows = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        rows += 1;
        for f in rec.iter() {
            assert!(
                !f.starts_with(['=', '@', '+'])
                    && (!f.starts_with('-') || f.parse::<f64>().is_ok()),
                "{f:?} in {plan}"
            );
        }
        assert!(rec.iter().any(|f| f.starts_with("'=HYPERLINK(")), "{plan}");
    }
    assert!(rows > 0, "{plan}");
    let o = Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
        .arg("check")
        .arg(tmp.path().join("scenario.yaml"))
        .arg(out.join("plan.csv"))
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(o.status.code(), Some(0), "{said}");
    assert!(!said.contains("W4001"), "the names read back: {said}");
}

/// Names that become folders never lead out of the run's folder: a variant "../../victim", a
/// sweep value "../swept", a variant "" or ".", and a file named through `..` (which
/// `std::path::absolute` keeps). Two names that give one folder ("a b", "a_b"): the later job
/// fails naming the earlier, and the earlier's plan is what its folder holds.
#[test]
fn names_that_become_folders_stay_inside_the_run_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("a").join("work");
    let other = tmp.path().join("a").join("other");
    let valid = crate::common::root().join(VALID);
    for dir in [&work, &other] {
        fs::create_dir_all(dir).unwrap();
        for f in ["scenario.yaml", "units.csv", "posts.csv", "cadres.csv"] {
            fs::copy(valid.join(f), dir.join(f)).unwrap();
        }
    }
    append(
        &work,
        "variants:\n  \"../../../victim\": { max_departures_per_unit: 1 }\n  \"\": { max_departures_per_unit: 1 }\n  \".\": { max_departures_per_unit: 3 }\n  \"a b\": { max_departures_per_unit: 1 }\n  \"a_b\": { max_departures_per_unit: 3 }\n",
    );
    append(&other, "sweep:\n  name: [\"../swept\"]\n");
    let o = Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
        .current_dir(&work)
        .args([
            "run",
            "scenario.yaml",
            "../other/scenario.yaml",
            "--out",
            "out",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.code().is_some_and(|c| c < 2), "{stdout}{stderr}");
    // Every folder written is inside `out`: nothing new beside the two scenario folders.
    let mut found = Vec::new();
    for e in walk(tmp.path()) {
        if e.is_dir() && !e.starts_with(work.join("out")) {
            found.push(e);
        }
    }
    found.sort();
    let expected = vec![tmp.path().join("a"), other.clone(), work.clone()];
    assert_eq!(found, expected, "{stdout}{stderr}");
    // The two files share a stem: their labels are work/scenario and other/scenario. The
    // variants that name no folder of their own are refused at load, each at its key.
    let refused = fs::read_to_string(work.join("out/work/scenario/base/error.txt"))
        .unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"));
    for name in ["\"../../../victim\"", "\".\"", "\"a_b\""] {
        assert!(refused.contains(name), "{name}: {refused}");
    }
    assert!(work.join("out/other/scenario/name=.._swept").is_dir());
}

/// Every path under `dir` (folders and files), depth first.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

/// A cell longer than a spreadsheet cell is E2019 at its place when the tables are read (it
/// passed `validate`, then `plan` failed with exit 2 when plan.xlsx could not hold it).
#[test]
fn a_cell_longer_than_a_spreadsheet_cell_is_refused_where_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let valid = crate::common::root().join(VALID);
    for f in ["scenario.yaml", "units.csv", "posts.csv", "cadres.csv"] {
        fs::copy(valid.join(f), tmp.path().join(f)).unwrap();
    }
    let long = "A".repeat(40_000);
    edit(tmp.path(), "cadres.csv", "Nguyễn Văn An", &long);
    let o = Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
        .current_dir(tmp.path())
        .args(["plan", "scenario.yaml", "--out", "out"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("E2019") && err.contains("40000 characters"),
        "{err}"
    );
    assert!(err.contains("cadres.csv:2:"), "{err}");
    assert!(!tmp.path().join("out").exists());
}

/// `--out .` (the folder itself cannot be swapped), or the current folder written another way or
/// a folder holding it, says what to write instead, and the folder keeps what it held (it said
/// only "Device or resource busy", and `../here` swapped the current folder out).
#[test]
fn out_dot_says_to_write_into_a_folder_inside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let valid = crate::common::root().join(VALID);
    for f in ["scenario.yaml", "units.csv", "posts.csv", "cadres.csv"] {
        fs::copy(valid.join(f), tmp.path().join(f)).unwrap();
    }
    // `.`, and the same folder written another way (`../here`): swapped out,
    // the shell was left in a deleted folder.
    let here = tmp
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    for out in [".".to_string(), format!("../{here}")] {
        let o = Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
            .current_dir(tmp.path())
            .args(["-q", "plan", "scenario.yaml", "--out", &out])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{out}: {err}");
        assert!(
            err.contains("write into a folder inside it"),
            "{out}: {err}"
        );
    }
    let mut names: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["cadres.csv", "posts.csv", "scenario.yaml", "units.csv"]
    );
}

/// A scenario name longer than a workbook cell holds (32,767 characters) is cut in plan.xlsx, not
/// a lost plan: the whole set was refused as an internal error while `run` said "planned".
#[test]
fn a_name_longer_than_a_cell_is_cut_in_the_workbook_and_the_plan_written() {
    let tmp = tempfile::tempdir().unwrap();
    let valid = crate::common::root().join(VALID);
    for f in ["scenario.yaml", "units.csv", "posts.csv", "cadres.csv"] {
        fs::copy(valid.join(f), tmp.path().join(f)).unwrap();
    }
    edit(
        tmp.path(),
        "scenario.yaml",
        "name: Fixture — hợp lệ",
        &format!("name: \"{}\"", "Ư".repeat(40_000)),
    );
    let o = Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
        .current_dir(tmp.path())
        .args(["-q", "plan", "scenario.yaml", "--out", "out"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in ["plan.csv", "plan.json", "plan.xlsx"] {
        assert!(tmp.path().join("out").join(f).is_file(), "{f}");
    }
}

/// `generate --out` a folder holding a scenario it did not write is refused, the tables kept;
/// over its own scenario it writes again.
#[test]
fn generate_does_not_write_over_tables_it_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let valid = crate::common::root().join(VALID);
    for f in ["scenario.yaml", "units.csv", "posts.csv", "cadres.csv"] {
        fs::copy(valid.join(f), tmp.path().join(f)).unwrap();
    }
    let generate = |out: &Path| {
        Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
            .args(["generate", "--cadres", "5", "--posts", "3", "--out"])
            .arg(out)
            .output()
            .unwrap()
    };
    let o = generate(tmp.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("was not written by generate"), "{err}");
    assert_eq!(read(tmp.path(), "units.csv"), read(&valid, "units.csv"));
    let fresh = tmp.path().join("gen");
    assert!(generate(&fresh).status.success());
    let o = generate(&fresh);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // A generate killed among its renames: scenario.yaml gone, its new one left as a temporary
    // of a dead process beside the tables. Still generate's folder: written again, cleaned.
    let dead = fresh.join(".scenario.yaml.tmp-999999999");
    fs::rename(fresh.join("scenario.yaml"), &dead).unwrap();
    let o = generate(&fresh);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!dead.exists() && fresh.join("scenario.yaml").exists());
    // One generate at a time in a folder: two at once mixed the tables of two seeds.
    let held = fs::File::open(&fresh).unwrap();
    held.try_lock().unwrap();
    let o = generate(&fresh);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("in use by another rotaplan command"), "{err}");
}

/// A plan file's row pasted twice is said as such (E4005, naming the first line), not read as a
/// cadre on two seats and scored twice.
#[test]
fn a_plan_row_written_twice_is_said_not_scored_twice() {
    let tmp = tempfile::tempdir().unwrap();
    let valid = crate::common::root().join(VALID);
    let plan = tmp.path().join("plan.csv");
    fs::write(&plan, "cadre_id,post_id\nK002,T004\nK004,T005\nK002,T004\n").unwrap();
    let o = Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
        .args(["--lang", "en", "check"])
        .arg(valid.join("scenario.yaml"))
        .arg(&plan)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        err.contains("E4005") && err.contains("the same move as line 2"),
        "{err}{out}"
    );
    assert!(err.contains("plan.csv:4:1"), "{err}");
    assert!(!out.contains("S4"), "{out}");
}

/// A header of one cell longer than any spreadsheet's: E2019 at the header, and the messages do
/// not quote it (a 10 MB header gave 100 MB of messages and took 470 MB).
#[test]
fn a_giant_header_cell_is_said_once_and_not_quoted() {
    let tmp = tempfile::tempdir().unwrap();
    let valid = crate::common::root().join(VALID);
    for f in ["scenario.yaml", "units.csv", "posts.csv"] {
        fs::copy(valid.join(f), tmp.path().join(f)).unwrap();
    }
    let cadres = read(&valid, "cadres.csv");
    let giant = "x".repeat(2_000_000);
    fs::write(tmp.path().join("cadres.csv"), format!("{giant}{cadres}")).unwrap();
    let o = Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
        .current_dir(tmp.path())
        .args(["--lang", "en", "validate", "scenario.yaml"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{}", &err[..err.len().min(2000)]);
    assert!(
        err.contains("E2019") && err.contains("cadres.csv:1:1"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(err.len() < 50_000, "{} bytes of messages", err.len());
}

/// A scenario file whose name holds escape sequences and a line break: `validate` and a message's
/// `-->` show them as pictures (␛, ␊), not raw to the terminal, which they recoloured and retitled.
#[test]
fn control_characters_in_a_file_name_are_shown_as_pictures() {
    let tmp = tempfile::tempdir().unwrap();
    let src = crate::common::root().join("scenarios/tutorial");
    for f in ["units.csv", "posts.csv", "cadres.csv"] {
        fs::copy(src.join(f), tmp.path().join(f)).unwrap();
    }
    let name = tmp.path().join("x\u{1b}[31mRED\u{7}\nb.yaml");
    fs::copy(src.join("tutorial.yaml"), &name).unwrap();
    let o = Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
        .args(["--lang", "en", "validate"])
        .arg(&name)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{out}");
    assert!(
        out.contains("x\u{241b}[31mRED\u{2407}\u{240a}b.yaml"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
    // A broken copy: the message's place is pictured too.
    fs::write(tmp.path().join("units.csv"), "id,name\n").unwrap();
    let o = Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
        .args(["--lang", "en", "validate"])
        .arg(&name)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains('\u{1b}'), "{err}");
}
