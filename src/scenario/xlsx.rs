//! Tables from workbooks (XLSX, and the other formats calamine reads: XLSM, XLSB, XLS, ODS). A
//! sheet is turned into the same rows of text cells as a CSV file, so that one cell and row
//! validation serves both; a cell's location is its sheet row and column (`CanBo!F12`).

use super::diagnostic::{Say, Text};
use std::path::Path;

use calamine::{Data, Ods, Reader, Sheets, Xls, Xlsb, Xlsx, open_workbook, open_workbook_auto};

use super::diagnostic::column_letters;
use crate::domain::text::{fold, normalize};

/// File name endings read as workbooks.
/// (A web page, `.htm` or `.html`, is read as the sheet one of its tables makes, an XML
/// Spreadsheet 2003, `.xml`, as its worksheets, a single file web page, `.mht` or `.mhtml`, as
/// its sheets' pages: `web_table`.)
const WORKBOOK_EXTENSIONS: &[&str] = &[
    "xlsx", "xlsm", "xlsb", "xls", "ods", "htm", "html", "xml", "mht", "mhtml",
];

/// Is this path a workbook (by its extension, or by its first bytes: a workbook saved under a
/// `.csv` name was read as text and called TCVN3; a web page or an XML spreadsheet)?
pub(crate) fn is_workbook(path: &Path) -> bool {
    sniffed(path).is_some()
        || markup(path).is_some()
        || (named_workbook(path) && !is_text_named_as_workbook(path))
}

/// Text under a workbook's name (a portal's tab-separated "Excel" export, a CSV renamed
/// `.xls`): read as the CSV table it is, as Excel opens it, with a note.
pub(crate) fn is_text_named_as_workbook(path: &Path) -> bool {
    named_workbook(path)
        && sniffed(path).is_none()
        && markup(path).is_none()
        && first_bytes(path).is_some_and(|h| super::file_kind::is_text(&h))
}

/// A workbook whose name does not say what it is (`cadres.csv` or `posts.xls` holding an XLSX).
pub(crate) fn is_misnamed_workbook(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    // A Word file or an encrypted XLSX is no workbook named wrong (`file_kind` says what it is).
    if super::file_kind::not_a_table(path, true).is_some() {
        return false;
    }
    match sniffed(path) {
        Some(Container::Zip) => !matches!(ext.as_deref(), Some("xlsx" | "xlsm" | "xlsb" | "ods")),
        Some(Container::Ole) => ext.as_deref() != Some("xls"),
        None => false,
    }
}

fn named_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORKBOOK_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

use super::file_kind::{Container, sniffed};

/// The most a ZIP workbook (XLSX, XLSB, ODS) may unpack to, by its parts' stated sizes: the most
/// cells a sheet may hold ([`MAX_SHEET_CELLS`]) take well under it. A small file that unpacks to
/// gigabytes (one 2 GB cell: a "zip bomb") was read into memory whole.
const MAX_UNPACKED_BYTES: u64 = 2 << 30;

/// Refuses a ZIP workbook whose parts would unpack past [`MAX_UNPACKED_BYTES`].
fn unpacked_within_limit(path: &Path) -> Result<(), SheetFailure> {
    if sniffed(path) != Some(Container::Zip) {
        return Ok(());
    }
    let Ok(zip) = std::fs::File::open(path).map(zip::ZipArchive::new) else {
        return Ok(());
    };
    let Ok(mut zip) = zip else {
        // Not a ZIP after all: calamine says what it is not.
        return Ok(());
    };
    // The central directory's sizes (also where the parts were streamed with data descriptors).
    let total = (0..zip.len())
        .filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add);
    if total > MAX_UNPACKED_BYTES {
        return Err(SheetFailure::Unreadable(
            Text::say(Say::WorkbookUnpacksTooLarge)
                // Rounded up: "2048 MB, more than the 2048 MB" said nothing.
                .arg("mb", total.div_ceil(1 << 20))
                .arg("max", MAX_UNPACKED_BYTES >> 20),
        ));
    }
    // One cell longer than any spreadsheet's (a small file whose one cell unpacks to 256 MB took
    // 1.9 GB and half a minute, and a row below the table was then passed over): its text is
    // a run of bytes between two tags, found as the part unpacks, before any cell is read.
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else { continue };
        let Ok(name) = part.name().map(|n| n.to_string()) else {
            continue;
        };
        let cells = name.starts_with("xl/worksheets/")
            || name == "xl/sharedStrings.xml"
            || name == "content.xml";
        if !cells || !name.ends_with(".xml") {
            continue;
        }
        if text_run_over(part, MAX_TEXT_RUN_BYTES) {
            return Err(SheetFailure::Unreadable(
                Text::say(Say::WorkbookCellTooLong)
                    .arg("part", name)
                    .arg("max", MAX_TEXT_RUN_BYTES / 1024),
            ));
        }
    }
    Ok(())
}

/// The most bytes of text between two tags of a sheet's XML: a cell of a spreadsheet's most
/// characters (32,767), each written as a character reference (`&#x1F600;`, 10 bytes).
const MAX_TEXT_RUN_BYTES: u64 = 32_767 * 10;

/// Whether `part` holds a run of more than `max` bytes without a `<`, read as it unpacks (a
/// chunk at a time); false when it cannot be read (calamine then says what is wrong).
fn text_run_over(mut part: impl std::io::Read, max: u64) -> bool {
    let mut buf = vec![0u8; 1 << 16];
    let mut run = 0u64;
    loop {
        let n = match part.read(&mut buf) {
            Ok(0) | Err(_) => return false,
            Ok(n) => n,
        };
        for &b in &buf[..n] {
            run = if b == b'<' { 0 } else { run + 1 };
            if run > max {
                return true;
            }
        }
    }
}

/// The first 64 KiB of a regular file that is no ZIP or OLE workbook.
fn first_bytes(path: &Path) -> Option<Vec<u8>> {
    if sniffed(path).is_some() {
        return None;
    }
    super::file_kind::head(path)
}

/// What markup a file named as a workbook is, as many programs' "Excel" export is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Markup {
    /// A web page (HTML).
    WebPage,
    /// An XML Spreadsheet 2003.
    XmlSpreadsheet,
    /// A web archive (MHTML): a page and its parts in one file.
    WebArchive,
}

/// The markup a file is, by its first bytes: a page or a table, or an XML spreadsheet.
pub(crate) fn markup(path: &Path) -> Option<Markup> {
    let head = first_bytes(path)?;
    if super::web_table::is_web_archive(&head) {
        return Some(Markup::WebArchive);
    }
    let text = super::web_table::decode(&head);
    if super::web_table::is_xml_spreadsheet(&text) {
        return Some(Markup::XmlSpreadsheet);
    }
    let text = text.to_lowercase();
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    (start.starts_with('<') && (text.contains("<table") || text.contains("<html")))
        .then_some(Markup::WebPage)
}

pub(crate) fn is_web_page(path: &Path) -> bool {
    markup(path).is_some()
}

/// The workbook at `path`, by its name, else by its first bytes (an XLSX renamed `.xls`).
fn open_book(path: &Path) -> Result<Sheets<std::io::BufReader<std::fs::File>>, calamine::Error> {
    let by_name = open_workbook_auto(path);
    if by_name.is_ok() {
        return by_name;
    }
    use calamine::Error as E;
    match sniffed(path) {
        Some(Container::Zip) => open_workbook::<Xlsx<_>, _>(path)
            .map(Sheets::Xlsx)
            .map_err(E::Xlsx)
            .or_else(|_| {
                open_workbook::<Ods<_>, _>(path)
                    .map(Sheets::Ods)
                    .map_err(E::Ods)
            })
            .or_else(|_| {
                open_workbook::<Xlsb<_>, _>(path)
                    .map(Sheets::Xlsb)
                    .map_err(E::Xlsb)
            })
            .or(by_name),
        Some(Container::Ole) => open_workbook::<Xls<_>, _>(path)
            .map(Sheets::Xls)
            .map_err(E::Xls)
            .or(by_name),
        None => by_name,
    }
}

/// A sheet read as rows of normalised text cells.
pub(crate) struct Sheet {
    pub name: String,
    /// (1-based sheet row, cells) of every row of the used range.
    pub rows: Vec<(usize, Vec<String>)>,
    /// The sheet column of the first cell of each row, less one.
    pub col_offset: usize,
    /// Cells holding a formula but no stored value (1-based sheet row and column, the formula):
    /// workbooks written by programs (openpyxl, report generators) often do, and such a cell
    /// reads as empty.
    pub uncomputed: Vec<(usize, usize, String)>,
    /// Cells whose formula's stored value is the empty text (1-based row and column → the
    /// formula): `=IF(…;"";…)`, or a program's workbook (xlwt) that stores "" for every formula.
    /// Read as empty; said with the formula where a value is required.
    pub empty_formulas: std::collections::HashMap<(usize, usize), String>,
    /// Cells holding an error value (`#N/A`, `#REF!`), as [`Sheet::uncomputed`].
    pub errors: Vec<(usize, usize, String)>,
    /// Cells Excel stored as dates (1-based sheet row and column), as opposed to dates typed as
    /// text: the day and month of a stored one may have been swapped when it was typed.
    pub stored_dates: std::collections::HashSet<(usize, usize)>,
    /// The workbook counts days from 1904-01-01 (Excel for Mac's old setting): a date formatted
    /// General shows that count.
    pub date1904: bool,
    /// Cells merged down over several rows (first row, last row, 1-based sheet rows; 1-based
    /// column; the value), to be read into each of their rows below the header, as Excel shows
    /// them ("Đơn vị" merged over a unit's cadres): they used to read as empty on every row but
    /// the first, silently. (In the header a merge down is one name over two header rows.)
    pub merged: Vec<(usize, usize, usize, String)>,
    /// Cells merged across columns (first row, last row, first column, last column; 1-based),
    /// holding a value: below the header the columns after the first read empty (W2018).
    pub merged_across: Vec<(usize, usize, usize, usize)>,
    /// Cells written on several lines (`tables::lines_as_list`), by row and cell index.
    pub line_breaks: super::tables::LineBreaks,
    /// Rows and columns Excel does not show (hidden by hand or by a filter; 1-based), read like
    /// any other: XLSX, XLSM and ODS (calamine does not say; the sheet's XML does), web pages.
    pub hidden: Hidden,
    /// Cells whose font is struck through (1-based sheet row and column, ascending): offices
    /// strike out those who left rather than delete their rows. XLSX only.
    pub struck: Vec<(usize, usize)>,
    /// A web page's tables of the same header joined under its largest (`web_table::joined`).
    pub joined_tables: usize,
    /// A web page's cells styled `display:none`, not read.
    pub hidden_cells: usize,
    /// A web page's other tables that name the table's columns as well as the one read, not
    /// read: (rows, header).
    pub passed_over: Vec<(u32, String)>,
}

/// Rows and columns of a sheet hidden from view (1-based, ascending).
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Hidden {
    pub rows: Vec<usize>,
    pub columns: Vec<usize>,
}

/// Why a sheet could not be read.
#[derive(Debug)]
pub(crate) enum SheetFailure {
    /// Not a workbook calamine can open, or a damaged one.
    Unreadable(Text),
    /// No table at all (a PDF, a picture, an encrypted workbook: `file_kind`).
    NotATable(super::file_kind::NotATable),
    /// No sheet by that name (or, without a name, no visible one that names the table), with the
    /// sheets there and the hidden ones that name the table (a stale copy kept out of sight is
    /// read only when named).
    NoSheet {
        wanted: Option<String>,
        have: Vec<String>,
        hidden: Vec<String>,
    },
    /// Without a name, several sheets that name the table (a stale copy beside the new one): the
    /// first one was read, silently.
    Ambiguous { sheets: Vec<String> },
    /// Cells so far from the table (a stray cell at XFD1048576) that the sheet would exceed
    /// [`MAX_SHEET_CELLS`]: `cell` is the farthest of the row where the budget ran out.
    TooLarge { cell: String },
}

/// Sheet names (folded) that name each table, for a workbook holding all three.
fn table_sheet_names(table: &str) -> &'static [&'static str] {
    match table {
        "units" => &["units", "don-vi", "donvi", "danh-sach-don-vi", "ds-don-vi"],
        "posts" => &[
            "posts",
            "vi-tri",
            "vitri",
            "chuc-danh",
            "vi-tri-can-bo-tri",
            "ds-vi-tri",
            "danh-sach-vi-tri",
        ],
        "cadres" => &["cadres", "can-bo", "canbo", "danh-sach-can-bo", "ds-can-bo"],
        "plan" => &["plan", "phuong-an", "ke-hoach"],
        _ => &[],
    }
}

/// The table a sheet's name names among other words ("1. Đơn vị", "Biểu 3 - Cán bộ",
/// "CanBo_2026", "DS CB quy hoạch"): the one whose name comes first in it ("Vị trí cần bố trí"
/// is the posts', though "can bo" follows), none on a tie.
fn loose_table(sheet: &str) -> Option<&'static str> {
    let f = fold(sheet);
    let words: Vec<&str> = f.split('-').collect();
    let at = |name: &str| {
        let w: Vec<&str> = name.split('-').collect();
        (0..(words.len() + 1).saturating_sub(w.len())).find(|&i| words[i..i + w.len()] == w[..])
    };
    let mut best: Vec<(usize, &'static str)> = Vec::new();
    for table in ["units", "posts", "cadres"] {
        let first = table_sheet_names(table)
            .iter()
            .copied()
            .chain((table == "cadres").then_some("cb"))
            .filter_map(at)
            .min();
        if let Some(i) = first {
            best.push((i, table));
        }
    }
    best.sort_unstable();
    match best.as_slice() {
        [(i, t), rest @ ..] if rest.first().is_none_or(|(j, _)| j > i) => Some(t),
        _ => None,
    }
}

/// Reads sheet `sheet` of the workbook at `path`; without a name, the sheet named after `table`
/// (`units`/`Đơn vị`, `posts`/`Vị trí`, `cadres`/`Cán bộ`), or the only sheet.
pub(crate) fn read_sheet(
    path: &Path,
    sheet: Option<&str>,
    table: &str,
) -> Result<Sheet, SheetFailure> {
    // calamine is not expected to panic, but a workbook is any bytes: a panic is a read failure.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_sheet_inner(path, sheet, table)
    }));
    read.unwrap_or_else(|_| Err(SheetFailure::Unreadable(Say::WorkbookCouldNotBeRead.into())))
}

fn read_sheet_inner(path: &Path, sheet: Option<&str>, table: &str) -> Result<Sheet, SheetFailure> {
    if is_web_page(path) {
        return read_web_page(path, sheet, table);
    }
    unpacked_within_limit(path)?;
    let mut book = open_book(path).map_err(|e| {
        use calamine::{Error as E, XlsError, XlsxError};
        let kind = super::file_kind::not_a_table(path, true);
        match (kind, e) {
            (Some(k), _) => SheetFailure::NotATable(k),
            (None, E::Xls(XlsError::Password) | E::Xlsx(XlsxError::Password)) => {
                SheetFailure::NotATable(super::file_kind::encrypted())
            }
            (None, e) => {
                SheetFailure::Unreadable(Text::say(Say::AWorkbookThatDoesNotOpen).arg("detail", e))
            }
        }
    })?;
    let names = book.sheet_names();
    let hidden: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let (all_names, hidden_sheets) = (names.clone(), hidden.clone());
    let name = choose_sheet(names, &hidden, sheet, table, |n| has_cells(&mut book, n))?;
    // The regions merged down over rows (ODS: read from its content, `hidden_in_ods`). Across
    // columns alone a merge is a title or a group of the header: nothing to copy.
    let mut regions: Vec<Region> = match &mut book {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        _ => Vec::new(),
    }
    .into_iter()
    .map(|m| (m.start, m.end))
    .collect();
    let mut struck = Vec::new();
    let hidden = match &book {
        calamine::Sheets::Xlsx(_) => hidden_in_xlsx(path, &name).unwrap_or_default(),
        calamine::Sheets::Ods(_) => {
            let ods = hidden_in_ods(path, &name).unwrap_or_default();
            regions = ods.merges;
            struck = ods.struck;
            ods.hidden
        }
        calamine::Sheets::Xls(_) => hidden_in_xls(path, &name).unwrap_or_default(),
        _ => Hidden::default(),
    };
    let cells = sheet_cells(&mut book, &name, path)?;
    let mut read = sheet_of(name, regions, hidden, cells)?;
    read.date1904 = matches!(book, calamine::Sheets::Xlsx(_)) && xlsx_date1904(path);
    read.struck = match &book {
        calamine::Sheets::Xlsx(_) => struck_in_xlsx(path, &read.name).unwrap_or_default(),
        calamine::Sheets::Xls(_) => struck_in_xls(path, &read.name).unwrap_or_default(),
        _ => struck,
    };
    if sheet.is_none() {
        read.passed_over =
            same_table_sheets(&mut book, (&all_names, &hidden_sheets), &read, table, path);
    }
    Ok(read)
}

/// The workbook's other visible sheets whose header names the table's columns as well as the
/// sheet read (a unit's cadres on a sheet of their own, "Cán bộ Sở Tài chính" beside "Cán bộ"):
/// (data rows, the sheet's name), said as not read (W2016). Sheets named after another table
/// are left out. Only when the sheet was found by name: a sheet named after `#` is the user's
/// choice.
fn same_table_sheets(
    book: &mut calamine::Sheets<std::io::BufReader<std::fs::File>>,
    (names, hidden): (&[String], &[String]),
    read: &Sheet,
    table: &str,
    path: &Path,
) -> Vec<(u32, String)> {
    const HEAD: usize = 12;
    let first = |rows: &[(usize, Vec<String>)]| -> Vec<Vec<String>> {
        rows.iter().take(HEAD).map(|(_, c)| c.clone()).collect()
    };
    let top = super::tables::header_fit(table, &first(&read.rows));
    if top < 2 {
        return Vec::new();
    }
    let another_table = |n: &str| {
        ["units", "posts", "cadres", "plan"]
            .iter()
            .filter(|t| **t != table)
            .any(|t| table_sheet_names(t).contains(&fold(n).as_str()))
    };
    let mut out = Vec::new();
    for n in names {
        if *n == read.name || hidden.contains(n) || another_table(n) {
            continue;
        }
        let Ok(cells) = sheet_cells(book, n, path) else {
            continue;
        };
        let Ok(other) = sheet_of(n.clone(), Vec::new(), Hidden::default(), cells) else {
            continue;
        };
        if super::tables::header_fit(table, &first(&other.rows)) >= top {
            let filled = other
                .rows
                .iter()
                .filter(|(_, c)| c.iter().any(|v| !v.is_empty()))
                .count();
            out.push((filled.saturating_sub(1) as u32, n.clone()));
        }
    }
    out
}

/// The sheet to read among `names` (`hidden` ones out of sight): `sheet` when named, else the
/// visible one that names `table`, else the only one, else the only visible one with cells.
fn choose_sheet(
    names: Vec<String>,
    hidden: &[String],
    sheet: Option<&str>,
    table: &str,
    mut filled: impl FnMut(&str) -> bool,
) -> Result<String, SheetFailure> {
    let mut hidden_naming: Vec<String> = Vec::new();
    let chosen = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .or_else(|| names.iter().find(|n| fold(n) == fold(s)))
            .cloned(),
        None => {
            let wanted = table_sheet_names(table);
            // A copy Excel named "Cán bộ (2)", or "Cán bộ 2027", names the table too: which of
            // the two is the current list is not for rotaplan to guess.
            // A copy alone is not read as the table (the hidden original may be the list).
            let copy_of_table = |n: &str| {
                let f = fold(n);
                let mut stem = f.as_str();
                while let Some((head, tail)) = stem.rsplit_once('-')
                    && !tail.is_empty()
                    && tail.bytes().all(|b| b.is_ascii_digit())
                {
                    stem = head;
                }
                stem != f && wanted.contains(&stem)
            };
            let (naming, out_of_sight): (Vec<&String>, Vec<&String>) = names
                .iter()
                .filter(|n| wanted.contains(&fold(n).as_str()))
                .partition(|n| !hidden.contains(n));
            hidden_naming = out_of_sight.into_iter().cloned().collect();
            let copies = names
                .iter()
                .filter(|n| !hidden.contains(n) && copy_of_table(n));
            let all: Vec<&String> = naming.iter().copied().chain(copies).collect();
            if all.len() > 1 {
                return Err(SheetFailure::Ambiguous {
                    sheets: all.into_iter().cloned().collect(),
                });
            }
            let only = |names: &[String]| (names.len() == 1).then(|| names[0].clone());
            naming.first().map(|n| (*n).clone()).or_else(|| {
                if !hidden_naming.is_empty() {
                    return None;
                }
                // A sheet named with a number, a form's name or a year around the table's
                // ("1. Đơn vị", "Biểu 3 - Cán bộ", "CanBo_2026", "DS CB quy hoạch"): the one
                // visible sheet that names it so.
                let loose: Vec<&String> = names
                    .iter()
                    .filter(|n| !hidden.contains(n) && loose_table(n) == Some(table))
                    .collect();
                if let [one] = loose.as_slice() {
                    return Some((*one).clone());
                }
                // Excel's new workbook keeps Sheet2 and Sheet3 empty beside the data: the one
                // visible sheet with cells is the table (it was refused with E1016).
                only(&names).or_else(|| {
                    let filled: Vec<String> = names
                        .iter()
                        .filter(|n| !hidden.contains(n))
                        .filter(|n| filled(n))
                        .cloned()
                        .collect();
                    only(&filled)
                })
            })
        }
    };
    chosen.ok_or_else(|| SheetFailure::NoSheet {
        wanted: sheet.map(str::to_string),
        have: names,
        hidden: hidden_naming,
    })
}

/// A web page named as a workbook (`web_table`): its largest table as the sheet, named after
/// the file as Excel names the one sheet it shows.
fn read_web_page(path: &Path, sheet: Option<&str>, table: &str) -> Result<Sheet, SheetFailure> {
    let bytes =
        std::fs::read(path).map_err(|e| SheetFailure::Unreadable(Text::from(e.to_string())))?;
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let kind = markup(path);
    let too_large = |(r, c): (u32, u32)| SheetFailure::TooLarge {
        cell: format!("{}{}", column_letters(c as usize + 1), r + 1),
    };
    let mut sheets = match kind {
        Some(Markup::WebArchive) => {
            use super::web_table::ArchiveFailure as F;
            super::web_table::archive_sheets(&bytes, MAX_SHEET_CELLS).map_err(|f| match f {
                F::TooLarge(at) => too_large(at),
                F::Cut => SheetFailure::NotATable(super::file_kind::NotATable {
                    found: Say::AWebArchiveCut.into(),
                    fix: Say::SaveOrDownloadAgain.into(),
                }),
                F::Damaged => SheetFailure::NotATable(super::file_kind::NotATable {
                    found: Say::AWebArchiveDamaged.into(),
                    fix: Say::SaveOrDownloadAgain.into(),
                }),
            })?
        }
        _ => super::web_table::sheets(&super::web_table::decode(&bytes), MAX_SHEET_CELLS)
            .map_err(too_large)?,
    };
    if sheets.is_empty() {
        let found = match kind {
            Some(Markup::XmlSpreadsheet) => Say::AnXmlSpreadsheetWithoutSheets,
            Some(Markup::WebArchive) => Say::AWebArchiveDamaged,
            _ => Say::AWebPageWithoutTable,
        };
        return Err(SheetFailure::NotATable(super::file_kind::NotATable {
            found: found.into(),
            fix: Say::SaveOrDownloadAgain.into(),
        }));
    }
    // A page's tables (no sheet names): the one whose header names the table's columns best,
    // else the largest (a page may hold the units, the posts and the cadres one under another).
    // (Tables of one name: a page's, named after its file, or a web archive's parts under the
    // one sheet name its list gives.)
    let mut named: std::collections::BTreeMap<&str, usize> = Default::default();
    for n in sheets.iter().filter_map(|s| s.0.as_deref()) {
        *named.entry(n).or_default() += 1;
    }
    let unnamed: Vec<usize> = (0..sheets.len())
        .filter(|&i| sheets[i].0.as_deref().is_none_or(|n| named[n] > 1))
        .collect();
    let mut passed_over = Vec::new();
    if unnamed.len() > 1 {
        // The header below up to five title rows, as `tables` looks for it.
        let fit = |g: &super::web_table::Grid| super::tables::header_fit(table, &g.first_rows(6));
        // The largest comes first: a tie keeps it.
        let best = unnamed
            .iter()
            .copied()
            .rev()
            .max_by_key(|&i| fit(&sheets[i].1))
            .unwrap_or(unnamed[0]);
        // Others that fit as well (last year's list, people out of planning): said, not read.
        let top = fit(&sheets[best].1);
        if top >= 2 {
            passed_over = unnamed
                .iter()
                .filter(|&&i| i != best && fit(&sheets[i].1) == top)
                // Data rows: the header is no row of the list.
                .map(|&i| {
                    (
                        sheets[i].1.rows.saturating_sub(1),
                        sheets[i].1.header_text(),
                    )
                })
                .collect();
        }
        let mut i = 0;
        let mut drop = vec![false; sheets.len()];
        for &u in &unnamed {
            drop[u] = u != best;
        }
        sheets.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }
    let names: Vec<String> = sheets
        .iter()
        .map(|(n, _)| n.clone().unwrap_or_else(|| stem.clone()))
        .collect();
    let hidden_sheets: Vec<String> = sheets
        .iter()
        .zip(&names)
        .filter(|((_, g), _)| g.hidden_sheet)
        .map(|(_, n)| n.clone())
        .collect();
    let name = choose_sheet(names.clone(), &hidden_sheets, sheet, table, |n| {
        sheets
            .iter()
            .zip(&names)
            .any(|((_, g), m)| m == n && !g.cells.is_empty())
    })?;
    let at = names.iter().position(|n| *n == name).unwrap_or(0);
    let grid = sheets.swap_remove(at).1;
    let (joined_tables, hidden_cells) = (grid.joined, grid.hidden_cells);
    // A web page's table numbered from its place on the page, as Excel shows it.
    let down = grid.offset;
    let typed = |set: &[(u32, u32)], at: (u32, u32)| set.binary_search(&at).is_ok();
    let (mut numbers, mut dates) = (grid.numbers, grid.dates);
    numbers.sort_unstable();
    dates.sort_unstable();
    let cells = grid
        .cells
        .into_iter()
        .map(|(r, c, t)| {
            // An XML spreadsheet's typed cells as a workbook's: a date (`1983-06-29T00:00:00`)
            // stored as one, a number's float noise rounded.
            let value = if typed(&dates, (r, c)) {
                Data::DateTimeIso(t)
            } else if let Some(v) = typed(&numbers, (r, c))
                .then(|| t.trim().parse::<f64>().ok())
                .flatten()
            {
                Data::Float(v)
            } else {
                Data::String(t)
            };
            (r.saturating_add(down), c, value, None)
        })
        .collect();
    let hidden = Hidden {
        rows: grid
            .hidden_rows
            .into_iter()
            .map(|r| r.saturating_add(down as usize))
            .collect(),
        columns: grid.hidden_columns,
    };
    let merges = grid
        .merges
        .into_iter()
        .map(|((r0, c0), (r1, c1))| ((r0.saturating_add(down), c0), (r1.saturating_add(down), c1)))
        .collect();
    let mut sheet = sheet_of(name, merges, hidden, cells)?;
    (sheet.joined_tables, sheet.hidden_cells) = (joined_tables, hidden_cells);
    sheet.passed_over = passed_over;
    Ok(sheet)
}

/// A merged region: (first row, first column), (last row, last column), 0-based.
type Region = ((u32, u32), (u32, u32));

/// The sheet `name` of its merged regions, hidden rows and columns, and cells (sorted by row
/// and column).
fn sheet_of(
    name: String,
    regions: Vec<Region>,
    hidden: Hidden,
    cells: Vec<SheetCell>,
) -> Result<Sheet, SheetFailure> {
    let last_row = cells.last().map_or(0, |c| c.0);
    let value_at = |at: (u32, u32)| {
        cells
            .binary_search_by_key(&at, |c| (c.0, c.1))
            .ok()
            .map(|i| &cells[i].2)
    };
    let mut merged = Vec::new();
    let mut merged_across = Vec::new();
    for (start, end) in regions {
        if end.1 > start.1 && value_at(start).is_some_and(|v| !normalize(&cell_text(v)).is_empty())
        {
            merged_across.push((
                start.0 as usize + 1,
                end.0.min(last_row.max(start.0)) as usize + 1,
                start.1 as usize + 1,
                end.1 as usize + 1,
            ));
        }
        let (top, bottom) = (start.0, end.0.min(last_row));
        if bottom <= top {
            continue;
        }
        let value = normalize(&value_at(start).map_or_else(String::new, cell_text));
        if value.is_empty() {
            continue;
        }
        merged.push((top as usize + 1, bottom as usize + 1, start.1, value));
    }
    merged.sort_unstable();
    merged_across.sort_unstable();
    let (mut uncomputed, mut errors) = (Vec::new(), Vec::new());
    let mut stored_dates = std::collections::HashSet::new();
    let mut empty_formulas = std::collections::HashMap::new();
    // Rows as sparse as the sheet: the cells of each row from column A to its last cell (the
    // columns before the table's first are cut below), in a budget of cells.
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut line_breaks = Vec::new();
    let mut budget = MAX_SHEET_CELLS;
    let mut row_keys: Vec<u32> = cells.iter().map(|c| c.0).collect();
    row_keys.dedup();
    let mut next = 0;
    for r in row_keys {
        let start = next;
        while next < cells.len() && cells[next].0 == r {
            next += 1;
        }
        let mine = &cells[start..next];
        let width = mine.last().map_or(0, |c| c.1 as usize + 1);
        budget = match budget.checked_sub(width) {
            Some(b) => b,
            None => {
                let far = mine.last().map_or((r, 0), |c| (c.0, c.1));
                return Err(SheetFailure::TooLarge {
                    cell: format!("{}{}", column_letters(far.1 as usize + 1), far.0 + 1),
                });
            }
        };
        let mut row = vec![String::new(); width];
        for (rr, c, v, f) in mine {
            let at = (*rr as usize + 1, *c as usize + 1);
            match (v, f) {
                (Data::Empty, Some(f)) => uncomputed.push((at.0, at.1, format!("={f}"))),
                (Data::String(t), Some(f)) if t.is_empty() => {
                    empty_formulas.insert(at, format!("={f}"));
                }
                // An error value (#N/A, #REF!: a formula that failed) is no data either.
                (Data::Error(e), _) => errors.push((at.0, at.1, e.to_string())),
                (Data::DateTime(d), _) if d.is_datetime() => {
                    stored_dates.insert(at);
                }
                (Data::DateTimeIso(_), _) => {
                    stored_dates.insert(at);
                }
                _ => {}
            }
            let text = cell_text(v);
            if let Some(list) = super::tables::lines_as_list(&text) {
                line_breaks.push((*rr as usize + 1, *c as usize, list));
            }
            row[*c as usize] = normalize(&text);
        }
        // Rows with nothing in them (styled blank cells) are no rows: they neither count
        // towards the row limit nor cost memory.
        if row.iter().any(|c| !c.is_empty()) {
            rows.push((r as usize + 1, row));
        }
    }
    // The table starts at its first filled column: the columns before it are cut.
    let col0 = rows
        .iter()
        .filter_map(|(_, cells)| cells.iter().position(|c| !c.is_empty()))
        .min()
        .unwrap_or(0);
    for (_, cells) in &mut rows {
        cells.drain(..col0.min(cells.len()));
    }
    line_breaks.retain(|b: &(usize, usize, String)| b.1 >= col0);
    for b in &mut line_breaks {
        b.1 -= col0;
    }
    // Every row as wide as the widest, as a range is (a row's trailing empty cells are cells),
    // within the budget.
    let width = rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    if rows.len().saturating_mul(width) > MAX_SHEET_CELLS {
        let (r, cells) = rows
            .iter()
            .find(|(_, c)| c.len() == width)
            .expect("the widest row");
        return Err(SheetFailure::TooLarge {
            cell: format!("{}{}", column_letters(col0 + cells.len()), r),
        });
    }
    for (_, cells) in &mut rows {
        cells.resize(width, String::new());
    }
    let merged = merged
        .into_iter()
        .filter(|m| m.2 as usize >= col0)
        .map(|(top, bottom, col, value)| (top, bottom, col as usize + 1, value))
        .collect();
    Ok(Sheet {
        name,
        rows,
        col_offset: col0,
        uncomputed,
        errors,
        stored_dates,
        empty_formulas,
        date1904: false,
        merged,
        merged_across,
        line_breaks,
        hidden,
        joined_tables: 0,
        hidden_cells: 0,
        struck: Vec::new(),
        passed_over: Vec::new(),
    })
}

/// The attribute `k` of a list of (local name, value).
fn get(attrs: &[(String, String)], k: &str) -> Option<String> {
    attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone())
}

/// A part's elements named one of `tags`, each as its attributes (local names), given to `f`
/// until it returns Some (or the sheet's data ends).
fn scan<R: std::io::Read, T>(
    part: R,
    tags: &[&str],
    mut f: impl FnMut(&str, &[(String, String)]) -> Option<T>,
) -> Option<T> {
    use quick_xml::XmlVersion::Implicit1_0 as V;
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if tags.contains(&e.local_name().as_ref()) => {
                let attrs: Vec<(String, String)> = e
                    .attributes()
                    .flatten()
                    .filter_map(|a| {
                        let v = a.normalized_value(V).ok()?.into_owned();
                        Some((a.key.local_name().as_ref().to_string(), v))
                    })
                    .collect();
                if let Some(t) = f(e.local_name().as_ref(), &attrs) {
                    return Some(t);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "sheetData" => return None,
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// Whether the XLSX workbook counts its dates from 1904 (`<workbookPr date1904="1"/>`).
fn xlsx_date1904(path: &Path) -> bool {
    let Some(mut zip) = std::fs::File::open(path)
        .ok()
        .and_then(|f| zip::ZipArchive::new(f).ok())
    else {
        return false;
    };
    let Ok(part) = zip.by_name("xl/workbook.xml") else {
        return false;
    };
    scan(part, &["workbookPr"], |_, a| {
        Some(matches!(get(a, "date1904").as_deref(), Some("1" | "true")))
    })
    .unwrap_or(false)
}

/// The ZIP part of the XLSX sheet named `sheet` (`xl/worksheets/sheet2.xml`).
fn sheet_part(zip: &mut zip::ZipArchive<std::fs::File>, sheet: &str) -> Option<String> {
    let rid = scan(zip.by_name("xl/workbook.xml").ok()?, &["sheet"], |_, a| {
        (get(a, "name").as_deref() == Some(sheet)).then(|| get(a, "id"))?
    })?;
    let target = scan(
        zip.by_name("xl/_rels/workbook.xml.rels").ok()?,
        &["Relationship"],
        |_, a| (get(a, "Id").as_deref() == Some(rid.as_str())).then(|| get(a, "Target"))?,
    )?;
    Some(match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    })
}

/// The first cell of the XLSX sheet `sheet` holding the error value `value` (`F12`), for an
/// error value calamine does not know and stops the sheet at.
fn error_cell_in_xlsx(path: &Path, sheet: &str, value: &str) -> Option<String> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let part = sheet_part(&mut zip, sheet)?;
    let mut reader =
        quick_xml::Reader::from_reader(std::io::BufReader::new(zip.by_name(&part).ok()?));
    let mut buf = Vec::new();
    // The open error cell's reference, and whether its <v> is open.
    let (mut cell, mut in_v): (Option<String>, bool) = (None, false);
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) if e.local_name().as_ref() == "c" => {
                let attr = |k: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == k)
                        .map(|a| a.value.to_string())
                };
                cell = (attr("t").as_deref() == Some("e"))
                    .then(|| attr("r"))
                    .flatten();
            }
            Event::Start(e) if e.local_name().as_ref() == "v" => in_v = cell.is_some(),
            Event::Text(t) if in_v && AsRef::<str>::as_ref(&t).trim() == value => return cell,
            Event::End(e) if e.local_name().as_ref() == "v" => in_v = false,
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// The most hidden rows or columns an ODS sheet's repeats are expanded to (LibreOffice writes
/// the million empty rows after a table as one repeated row, hidden by a filter too).
const MAX_HIDDEN: usize = 1 << 16;

/// The rows and columns of sheet `sheet` of the ODS at `path` that LibreOffice hides
/// (`table:visibility="collapse"` or `"filter"` on a `table:table-row` or `table:table-column`,
/// each counted with its `number-rows-repeated` / `number-columns-repeated`).
/// What an ODS sheet's content says beside its values (calamine reads none of it).
#[derive(Default)]
struct OdsSheet {
    hidden: Hidden,
    /// Merged regions, as calamine gives an XLSX's.
    merges: Vec<Region>,
    /// Cells whose text is struck through (1-based row and column, ascending), as
    /// [`Sheet::struck`].
    struck: Vec<(usize, usize)>,
}

fn hidden_in_ods(path: &Path, sheet: &str) -> Option<OdsSheet> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let content = zip.by_name("content.xml").ok()?;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let mut hidden = Hidden::default();
    // Merged cells (calamine reads no ODS merges): a cell's spans, at its row and column.
    let mut regions: Vec<Region> = Vec::new();
    // The automatic cell styles whose text is struck through (they come before the tables), and
    // the cells of the sheet in one of them.
    let mut styles = std::collections::HashSet::new();
    let mut style: Option<String> = None;
    let mut struck: Vec<(usize, usize)> = Vec::new();
    let (mut row_at, mut col_at) = (0usize, 0usize);
    let (mut in_sheet, mut depth, mut rows, mut cols) = (false, 0usize, 0usize, 0usize);
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        let (start, e) = match &event {
            Event::Start(e) => (true, e),
            Event::Empty(e) => (false, e),
            Event::End(e) if e.local_name().as_ref() == "table" && in_sheet => {
                depth -= 1;
                if depth == 0 {
                    struck.sort_unstable();
                    return Some(OdsSheet {
                        hidden,
                        merges: regions,
                        struck,
                    });
                }
                buf.clear();
                continue;
            }
            Event::Eof => return None,
            _ => {
                buf.clear();
                continue;
            }
        };
        let attr = |k: &str| {
            e.attributes()
                .flatten()
                .find(|a| a.key.local_name().as_ref() == k)
                .map(|a| a.value.to_string())
        };
        let local = e.local_name();
        match local.as_ref() {
            "style" if !in_sheet => {
                style = (start && attr("family").as_deref() == Some("table-cell"))
                    .then(|| attr("name"))
                    .flatten();
            }
            "text-properties" if !in_sheet => {
                let through = attr("text-line-through-style");
                if let Some(name) = &style
                    && through.is_some_and(|t| t != "none")
                {
                    styles.insert(name.clone());
                }
            }
            "table" if in_sheet => depth += usize::from(start),
            "table" if start && attr("name").as_deref() == Some(sheet) => {
                (in_sheet, depth) = (true, 1);
            }
            // Rows and columns of a table inside a cell are not the sheet's.
            "table-row" | "table-column" if in_sheet && depth == 1 => {
                let row = local.as_ref() == "table-row";
                let repeat = attr(if row {
                    "number-rows-repeated"
                } else {
                    "number-columns-repeated"
                })
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .max(1);
                if row {
                    (row_at, col_at) = (rows, 0);
                }
                let (at, list) = if row {
                    (&mut rows, &mut hidden.rows)
                } else {
                    (&mut cols, &mut hidden.columns)
                };
                if matches!(attr("visibility").as_deref(), Some("collapse" | "filter")) {
                    let room = MAX_HIDDEN.saturating_sub(list.len());
                    list.extend((*at + 1..).take(repeat.min(room)));
                }
                *at = at.saturating_add(repeat);
            }
            "table-cell" | "covered-table-cell" if in_sheet && depth == 1 => {
                let n = |k: &str| {
                    attr(k)
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(1)
                        .max(1)
                };
                let (down, across) = (n("number-rows-spanned"), n("number-columns-spanned"));
                if (down > 1 || across > 1) && regions.len() < MAX_HIDDEN {
                    let at = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
                    regions.push((
                        (at(row_at), at(col_at)),
                        (at(row_at + down - 1), at(col_at + across - 1)),
                    ));
                }
                let repeat = n("number-columns-repeated");
                // An empty cell's style is no note: only cells with content (a start tag).
                if start
                    && struck.len() < MAX_HIDDEN
                    && attr("style-name").is_some_and(|s| styles.contains(&s))
                {
                    let room = MAX_HIDDEN - struck.len();
                    struck.extend(
                        (col_at..col_at + repeat)
                            .take(room)
                            .map(|c| (row_at + 1, c + 1)),
                    );
                }
                col_at = col_at.saturating_add(repeat);
            }
            _ => {}
        }
        buf.clear();
    }
}

/// The rows and columns sheet `sheet` of an XLS (BIFF8, Excel 97–2003) hides: its `ROW` records
/// with `fDyZero` (hidden by hand or by a filter) and its `COLINFO` records with `fHidden`, in the
/// sheet's substream (`BOUNDSHEET` gives where it starts). `None` for an encrypted or an older
/// (BIFF5) workbook, or one whose records do not parse.
fn hidden_in_xls(path: &Path, sheet: &str) -> Option<Hidden> {
    biff_hidden(&workbook_stream(path)?, sheet)
}

fn biff_u16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

/// (type, body) of each BIFF record from `at` to the end of its substream (EOF, 0x000A).
fn biff_records(data: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let kind = biff_u16(data, at)?;
        let len = biff_u16(data, at + 2)? as usize;
        let body = data.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        (kind != 0x000A).then_some((kind, body))
    })
}

/// What the globals of a BIFF8 Workbook stream say of sheet `sheet`: where its substream starts,
/// and per cell format (XF) whether its font is struck through. `None` for an encrypted or an
/// older (BIFF5) workbook, or no sheet of that name.
fn biff_globals(data: &[u8], sheet: &str) -> Option<(usize, Vec<bool>)> {
    let (mut start, mut fonts, mut formats) = (None, Vec::new(), Vec::new());
    for (i, (kind, body)) in biff_records(data, 0).enumerate() {
        match kind {
            // BOF: BIFF8 only.
            0x0809 if i == 0 && biff_u16(body, 0)? != 0x0600 => return None,
            0x002F => return None, // FILEPASS: the rest is encrypted
            // FONT: fStrikeOut (0x08) in its flags.
            0x0031 => fonts.push(biff_u16(body, 2)? & 0x08 != 0),
            // XF: its font's index, which skips 4 (BIFF's fonts 0–3, then 5…).
            0x00E0 => {
                let f = biff_u16(body, 0)? as usize;
                let f = if f > 4 { f - 1 } else { f };
                formats.push(fonts.get(f).copied().unwrap_or(false));
            }
            0x0085 => {
                // BOUNDSHEET: the substream's offset, state, type, then its name as a
                // ShortXLUnicodeString (count, then Latin-1 or UTF-16 by the flag).
                let at = u32::from_le_bytes(body.get(0..4)?.try_into().ok()?) as usize;
                let n = *body.get(6)? as usize;
                let wide = body.get(7)? & 1 == 1;
                let chars = body.get(8..)?;
                let name: String = if wide {
                    let units: Vec<u16> = chars
                        .chunks_exact(2)
                        .take(n)
                        .map(|p| u16::from_le_bytes([p[0], p[1]]))
                        .collect();
                    String::from_utf16_lossy(&units)
                } else {
                    chars.iter().take(n).map(|&b| b as char).collect()
                };
                if normalize(&name) == normalize(sheet) {
                    start = Some(at);
                }
            }
            _ => {}
        }
    }
    Some((start?, formats))
}

/// The cells of sheet `sheet` of an XLS whose font is struck through (1-based row and column,
/// ascending), as [`struck_in_xlsx`]: the cells with a value whose format's font is.
fn struck_in_xls(path: &Path, sheet: &str) -> Option<Vec<(usize, usize)>> {
    biff_struck(&workbook_stream(path)?, sheet)
}

/// [`struck_in_xls`] over the bytes of the Workbook stream.
fn biff_struck(data: &[u8], sheet: &str) -> Option<Vec<(usize, usize)>> {
    let (start, formats) = biff_globals(data, sheet)?;
    if !formats.contains(&true) {
        return Some(Vec::new());
    }
    let struck_xf = |xf: u16| formats.get(xf as usize) == Some(&true);
    let mut struck = Vec::new();
    for (kind, body) in biff_records(data, start).skip(1) {
        let at = |c: u16| {
            (
                biff_u16(body, 0).map_or(0, |r| r as usize + 1),
                c as usize + 1,
            )
        };
        match kind {
            // Cells with a value: NUMBER, RK, LABELSST, LABEL, RSTRING, FORMULA, BOOLERR (row,
            // column, format). BLANK cells hold nothing to strike.
            0x0203 | 0x027E | 0x00FD | 0x0204 | 0x00D6 | 0x0006 | 0x0205
                if struck_xf(biff_u16(body, 4)?) =>
            {
                struck.push(at(biff_u16(body, 2)?));
            }
            // MULRK: row, first column, then (format, RK value) six bytes each.
            0x00BD => {
                let first = biff_u16(body, 2)?;
                for (k, rk) in body
                    .get(4..body.len().saturating_sub(2))?
                    .chunks_exact(6)
                    .enumerate()
                {
                    if struck_xf(u16::from_le_bytes([rk[0], rk[1]])) {
                        struck.push(at(first.saturating_add(k as u16)));
                    }
                }
            }
            _ => {}
        }
        if struck.len() >= MAX_HIDDEN {
            break;
        }
    }
    struck.sort_unstable();
    struck.dedup();
    Some(struck)
}

/// The Workbook (or BIFF5's Book) stream of an XLS.
fn workbook_stream(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut file = cfb::open(path).ok()?;
    let mut data = Vec::new();
    let stream = if file.is_stream("/Workbook") {
        "/Workbook"
    } else {
        "/Book"
    };
    file.open_stream(stream).ok()?.read_to_end(&mut data).ok()?;
    Some(data)
}

/// [`hidden_in_xls`] over the bytes of the Workbook stream.
fn biff_hidden(data: &[u8], sheet: &str) -> Option<Hidden> {
    let (start, _) = biff_globals(data, sheet)?;
    // BIFF8's grid: 65,536 rows, 256 columns.
    let (mut rows, mut columns) = (vec![false; 65_536], [false; 256]);
    for (kind, body) in biff_records(data, start).skip(1) {
        match kind {
            // ROW: its 0-based number, and fDyZero (0x20) in its flags.
            0x0208 if biff_u16(body, 12)? & 0x20 != 0 => {
                rows[biff_u16(body, 0)? as usize] = true;
            }
            // COLINFO: a range of 0-based columns, fHidden (0x01) in its flags.
            0x007D if biff_u16(body, 8)? & 0x01 != 0 => {
                let (lo, hi) = (biff_u16(body, 0)? as usize, biff_u16(body, 2)? as usize);
                if let Some(range) = columns.get_mut(lo..=hi.min(255)) {
                    range.fill(true);
                }
            }
            _ => {}
        }
    }
    // Flags, not lists: a record repeated (or a hostile file of them) says each once.
    let on = |v: &[bool]| {
        v.iter()
            .enumerate()
            .filter(|e| *e.1)
            .map(|e| e.0 + 1)
            .collect()
    };
    Some(Hidden {
        rows: on(&rows),
        columns: on(&columns),
    })
}

/// The rows and columns of sheet `sheet` of the XLSX at `path` that Excel hides (`<row
/// hidden="1">`, `<col hidden="1">`: by hand or by an autofilter), from the sheet's XML, which
/// calamine reads without them. `None` when the parts cannot be found or read: nothing is said
/// then, as before.
fn hidden_in_xlsx(path: &Path, sheet: &str) -> Option<Hidden> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let part = sheet_part(&mut zip, sheet)?;
    let on = |v: Option<String>| matches!(v.as_deref(), Some("1" | "true"));
    let mut hidden = Hidden::default();
    let mut columns = vec![false; 16_385];
    // A row without its number (`r` is optional) follows the one before.
    let mut last_row = 0;
    scan::<_, ()>(zip.by_name(&part).ok()?, &["row", "col"], |tag, a| {
        let num = |k: &str| get(a, k).and_then(|v| v.parse::<usize>().ok());
        if tag == "row" {
            last_row = num("r").unwrap_or(last_row + 1);
        }
        if !on(get(a, "hidden")) {
            return None;
        }
        if tag == "row" {
            hidden.rows.push(last_row);
        } else if let (Some(lo), Some(hi)) = (num("min"), num("max")) {
            // A column range (at most Excel's 16,384 columns), each once.
            if let Some(range) = columns.get_mut(lo.max(1)..=hi.min(16_384)) {
                range.fill(true);
            }
        }
        None
    });
    hidden.rows.sort_unstable();
    hidden.rows.dedup();
    hidden.columns = (1..=16_384).filter(|&c| columns[c]).collect();
    Some(hidden)
}

/// The cells of the XLSX sheet `sheet` whose font is struck through (1-based row and column,
/// ascending): styles.xml's fonts with `<strike/>`, the cell formats (`cellXfs`) using them, and
/// the sheet's cells (`s`) of those formats.
fn struck_in_xlsx(path: &Path, sheet: &str) -> Option<Vec<(usize, usize)>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let (mut fonts, mut formats) = (Vec::<bool>::new(), Vec::<bool>::new());
    // Where the scan is: 1 the fonts, 2 the cell styles' formats, 3 the cells' formats.
    let mut part = 0;
    scan::<_, ()>(
        zip.by_name("xl/styles.xml").ok()?,
        &[
            "fonts",
            "font",
            "strike",
            "cellStyleXfs",
            "cellXfs",
            "xf",
            "dxfs",
        ],
        |tag, a| {
            match tag {
                "fonts" => part = 1,
                "cellStyleXfs" => part = 2,
                "cellXfs" => part = 3,
                // Differential formats (conditional formatting) come after: their fonts are
                // none of the cells' own.
                "dxfs" => return Some(()),
                "font" if part == 1 => fonts.push(false),
                "strike" if part == 1 => {
                    if let Some(f) = fonts.last_mut() {
                        *f = !matches!(get(a, "val").as_deref(), Some("0" | "false"));
                    }
                }
                "xf" if part == 3 => {
                    let font = get(a, "fontId").and_then(|v| v.parse::<usize>().ok());
                    formats.push(font.is_some_and(|f| fonts.get(f) == Some(&true)));
                }
                _ => {}
            }
            None
        },
    );
    if !formats.contains(&true) {
        return Some(Vec::new());
    }
    let part = sheet_part(&mut zip, sheet)?;
    let mut struck = Vec::new();
    scan::<_, ()>(zip.by_name(&part).ok()?, &["c"], |_, a| {
        let format = get(a, "s").and_then(|v| v.parse::<usize>().ok())?;
        if formats.get(format) == Some(&true)
            && let Some(at) = get(a, "r").as_deref().and_then(cell_ref)
        {
            struck.push(at);
        }
        None
    });
    struck.sort_unstable();
    Some(struck)
}

/// A cell reference (`B12`) as (1-based row, column).
fn cell_ref(r: &str) -> Option<(usize, usize)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (col, row) = r.split_at(letters);
    let col = col.bytes().try_fold(0usize, |acc, b| {
        (acc < 100_000).then(|| acc * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1))
    })?;
    Some((row.parse().ok()?, col)).filter(|&(r, c)| r > 0 && c > 0)
}

/// The most cells the rows of one sheet may hold, each row counted from column A to its last
/// cell: 200,000 rows of 150 columns. A sheet past it is a stray cell far from the table.
const MAX_SHEET_CELLS: usize = 30_000_000;

/// A cell of a sheet: 0-based row and column, its value, its formula.
type SheetCell = (u32, u32, Data, Option<String>);

/// A sheet's cells with a value or a formula, as (0-based row, column, value, formula), sorted.
/// An XLSX sheet is streamed: calamine's range of a sheet with one stray cell at XFD1048576 is
/// 17 G cells, and its allocation aborted the process (a 9 KB file ended a whole batch). The
/// XLSB is streamed as well; XLS (65,536 × 256) and ODS are read through their range.
fn sheet_cells(
    book: &mut calamine::Sheets<std::io::BufReader<std::fs::File>>,
    name: &str,
    path: &Path,
) -> Result<Vec<SheetCell>, SheetFailure> {
    let unreadable = |e: &dyn std::fmt::Display| SheetFailure::Unreadable(e.to_string().into());
    let mut cells = Vec::new();
    // XLSB has XLSX's grid (1,048,576 × 16,384): streamed too, its formulas not read (a formula
    // without a value reads as an empty cell there).
    if let calamine::Sheets::Xlsb(x) = book {
        let mut reader = x.worksheet_cells_reader(name).map_err(|e| unreadable(&e))?;
        while let Some(c) = reader.next_cell().map_err(|e| unreadable(&e))? {
            let value = Data::from(c.get_value().clone());
            if !matches!(value, Data::Empty) {
                let (r, col) = c.get_position();
                cells.push((r, col, value, None));
            }
        }
    } else if let calamine::Sheets::Xlsx(x) = book {
        let mut reader = x.worksheet_cells_reader(name).map_err(|e| unreadable(&e))?;
        // An error value calamine does not know (Excel 365's #SPILL!, #CALC!) stops the sheet:
        // said as the failed formula it is, at its cell.
        let cell_error = |e: calamine::XlsxError| match e {
            calamine::XlsxError::CellError(v) => {
                SheetFailure::Unreadable(match error_cell_in_xlsx(path, name, &v) {
                    Some(cell) => Text::say(Say::UnknownErrorValueAt)
                        .arg("error", v)
                        .arg("cell", format!("{name}!{cell}")),
                    None => Text::say(Say::UnknownErrorValue).arg("error", v),
                })
            }
            e => unreadable(&e),
        };
        while let Some(c) = reader.next_cell_with_formula().map_err(cell_error)? {
            let value = Data::from(c.value);
            let formula = c.formula.filter(|f| !f.is_empty());
            if matches!(value, Data::Empty) && formula.is_none() {
                continue;
            }
            cells.push((c.pos.0, c.pos.1, value, formula));
        }
    } else {
        let range = book.worksheet_range(name).map_err(|e| unreadable(&e))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, v) in range.used_cells() {
            cells.push((r0 + r as u32, c0 + c as u32, v.clone(), None));
        }
        cells.sort_unstable_by_key(|c| (c.0, c.1));
        if let Ok(formulas) = book.worksheet_formula(name) {
            let (f0, g0) = formulas.start().unwrap_or((0, 0));
            // Formulas without a value, added after the search (pushed during it, they broke
            // the order the search needs).
            let mut alone = Vec::new();
            for (r, c, f) in formulas.used_cells() {
                let at = (f0 + r as u32, g0 + c as u32);
                if f.is_empty() {
                    continue;
                }
                match cells.binary_search_by_key(&at, |c| (c.0, c.1)) {
                    Ok(i) => cells[i].3 = Some(f.clone()),
                    Err(_) => alone.push((at.0, at.1, Data::Empty, Some(f.clone()))),
                }
            }
            cells.extend(alone);
        }
    }
    cells.sort_by_key(|c| (c.0, c.1));
    Ok(cells)
}

/// Whether sheet `name` holds any cell with a value (an XLSX sheet read up to its first one).
fn has_cells(book: &mut calamine::Sheets<std::io::BufReader<std::fs::File>>, name: &str) -> bool {
    // The two streamed formats' readers share no trait: one loop for both.
    macro_rules! first_value {
        ($x:expr) => {{
            let Ok(mut reader) = $x.worksheet_cells_reader(name) else {
                return false;
            };
            while let Ok(Some(c)) = reader.next_cell() {
                if !matches!(c.get_value(), calamine::DataRef::Empty) {
                    return true;
                }
            }
            return false;
        }};
    }
    match book {
        calamine::Sheets::Xlsx(x) => first_value!(x),
        calamine::Sheets::Xlsb(x) => first_value!(x),
        _ => {}
    }
    book.worksheet_range(name)
        .is_ok_and(|r| r.used_cells().any(|(_, _, v)| !matches!(v, Data::Empty)))
}

/// A cell as the text a CSV file would hold: dates as `YYYY-MM-DD`, whole numbers without `.0`.
fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            // A formula's floating-point noise (=0.1*30 stored as 3.0000000000000004) is the
            // whole number Excel shows.
            let whole = f.round();
            if f.abs() < 1e15 && (f - whole).abs() <= 1e-9 * whole.abs().max(1.0) {
                format!("{}", whole as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            let v = d.as_f64();
            if d.is_datetime() && (0.0..2_958_466.0).contains(&v) {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                v.to_string()
            }
        }
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// LibreOffice's hidden rows and columns (by hand: `collapse`, by a filter: `filter`) are
    /// read as an XLSX's, each repeat counted; a table inside a cell is not the sheet's.
    #[test]
    fn an_ods_sheets_hidden_rows_and_columns_are_found() {
        use std::io::Write;
        let cell = |v: &str| {
            format!(
                "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
            )
        };
        let row = |vis: &str, cells: &[&str]| {
            let cells: String = cells.iter().map(|c| cell(c)).collect();
            format!("<table:table-row{vis}>{cells}</table:table-row>")
        };
        let content = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content \
             xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
             xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
             xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>\
             <office:spreadsheet><table:table table:name=\"Khác\">{}</table:table>\
             <table:table table:name=\"units\"><table:table-column/>\
             <table:table-column table:number-columns-repeated=\"2\" table:visibility=\"collapse\"/>\
             {}{}{}{}<table:table-row table:number-rows-repeated=\"2\" \
             table:visibility=\"filter\">{}</table:table-row>{}</table:table>\
             </office:spreadsheet></office:body></office:document-content>",
            row(" table:visibility=\"collapse\"", &["x"]),
            row("", &["id", "name", "tier"]),
            row("", &["U1", "A", "central"]),
            row(" table:visibility=\"collapse\"", &["U2", "B", "central"]),
            row("", &["U3", "C", "province"]),
            cell("U4"),
            row("", &["U6", "E", "central"]),
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("don-vi.ods");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("META-INF/manifest.xml", stored).unwrap();
        zip.write_all(b"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>").unwrap();
        zip.start_file("content.xml", stored).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
        zip.finish().unwrap();
        let sheet = read_sheet(&path, None, "units").unwrap_or_else(|_| panic!("unreadable"));
        assert_eq!(sheet.hidden.rows, vec![3, 5, 6]);
        assert_eq!(sheet.hidden.columns, vec![2, 3]);
        let lines: Vec<usize> = sheet.rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, vec![1, 2, 3, 4, 5, 6, 7]);
    }

    /// The rows of C004 and C059 (sheet rows 5 and 60) struck through in an XLS and an ODS that
    /// LibreOffice wrote: every cell of theirs with a value is found, and no other cell.
    #[test]
    fn struck_cells_of_xls_and_ods_are_found() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workbooks");
        let xls = struck_in_xls(&dir.join("struck.xls"), "Cán bộ").unwrap();
        let ods = hidden_in_ods(&dir.join("struck.ods"), "Cán bộ")
            .unwrap()
            .struck;
        for cells in [&xls, &ods] {
            let rows: std::collections::BTreeSet<usize> = cells.iter().map(|c| c.0).collect();
            assert_eq!(
                rows.into_iter().collect::<Vec<_>>(),
                vec![5, 60],
                "{cells:?}"
            );
            assert!(
                cells.contains(&(5, 1)) && cells.contains(&(60, 2)),
                "{cells:?}"
            );
        }
        assert_eq!(
            struck_in_xls(&dir.join("struck.xls"), "Vị trí").unwrap(),
            Vec::new()
        );
        // Cut anywhere, the stream gives no panic.
        let data = workbook_stream(&dir.join("struck.xls")).unwrap();
        for cut in (0..data.len()).step_by(997) {
            let _ = biff_struck(&data[..cut], "Cán bộ");
        }
    }

    #[test]
    fn an_xls_sheets_hidden_rows_and_columns_are_found() {
        // Written by xlwt (Excel 97–2003): the units table in sheet "Cán bộ" with its row 3 and
        // column B hidden, beside a sheet "Khác".
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/workbooks/units-hidden.xls");
        let hidden = hidden_in_xls(&path, "Cán bộ").unwrap();
        assert_eq!(hidden.rows, vec![3]);
        assert_eq!(hidden.columns, vec![2]);
        assert_eq!(hidden_in_xls(&path, "Khác").unwrap(), Hidden::default());
        // The Workbook stream cut anywhere, or bytes changed anywhere: no panic, and never a
        // row or column outside the grid.
        use std::io::Read;
        let mut data = Vec::new();
        cfb::open(&path)
            .unwrap()
            .open_stream("/Workbook")
            .unwrap()
            .read_to_end(&mut data)
            .unwrap();
        assert_eq!(biff_hidden(&data, "Cán bộ").unwrap().rows, vec![3]);
        let mut cut_found = 0;
        for cut in 0..data.len() {
            if let Some(h) = biff_hidden(&data[..cut], "Cán bộ") {
                cut_found += usize::from(h.rows == vec![3]);
            }
        }
        assert!(
            cut_found > 0,
            "a stream cut after the ROW records still says them"
        );
        let mut state = 7u64;
        for _ in 0..2_000 {
            let mut bad = data.clone();
            for _ in 0..4 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                let at = (state >> 33) as usize % bad.len();
                bad[at] = (state >> 17) as u8;
            }
            if let Some(h) = biff_hidden(&bad, "Cán bộ") {
                assert!(h.rows.iter().all(|&r| (1..=65_536).contains(&r)));
                assert!(h.columns.iter().all(|&c| (1..=256).contains(&c)));
            }
        }
    }

    /// A formula's floating-point noise reads as the whole number Excel shows; a real fraction
    /// stays.
    #[test]
    fn a_sheet_named_among_other_words_names_its_table() {
        for (sheet, table) in [
            ("1. Đơn vị", Some("units")),
            ("Biểu 3 - Cán bộ", Some("cadres")),
            ("CanBo_2026", Some("cadres")),
            ("DS CB quy hoạch", Some("cadres")),
            ("Vi tri can bo tri", Some("posts")),
            ("II. Vị trí cần bố trí", Some("posts")),
            ("Tổng hợp", None),
            ("Đơn vị - Cán bộ", Some("units")),
            ("Cán bộ đơn vị", Some("cadres")),
        ] {
            assert_eq!(loose_table(sheet), table, "{sheet}");
        }
    }

    #[test]
    fn a_formulas_float_noise_is_its_whole_number() {
        assert_eq!(cell_text(&Data::Float(0.1 * 30.0)), "3");
        assert_eq!(cell_text(&Data::Float(6.999999999999999)), "7");
        assert_eq!(cell_text(&Data::Float(-2.0000000000000004)), "-2");
        assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
        assert_eq!(cell_text(&Data::Float(7.001)), "7.001");
    }
}
