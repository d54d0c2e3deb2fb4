//! An HTML table under a workbook's name: the "Excel" export of many programs (personnel
//! software, web portals) is a web page named `.xls` that Excel opens as a sheet. It is read as
//! one: the page's largest table, its cells' text, `rowspan`/`colspan` as merged cells and
//! `display:none` rows and columns as hidden ones, so the sheet's reading (header, merged cells
//! read down, hidden rows said) serves it unchanged. The other "Excel" export of such programs,
//! the XML Spreadsheet 2003 (`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`,
//! also named `.xls`), is read by the same tokenizer: a sheet per `<Worksheet>`, its `<Row>`s
//! and `<Cell>`s (`ss:Index`, `ss:MergeAcross`, `ss:MergeDown`, `ss:Hidden`).

use crate::domain::text::normalize;
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// One table laid out as a sheet (0-based rows and columns).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Grid {
    /// (row, column, text) of every cell with text, sorted; a line break (`<br>`) is `\n`.
    pub cells: Vec<(u32, u32, String)>,
    /// Cells spanning several rows or columns: (first row, first column), (last row, last column).
    pub merges: Vec<((u32, u32), (u32, u32))>,
    /// Rows and columns the page does not show (`display:none`), 1-based.
    pub hidden_rows: Vec<usize>,
    pub hidden_columns: Vec<usize>,
    /// Cells an XML spreadsheet types as numbers (`ss:Type="Number"`) and as dates
    /// (`ss:Type="DateTime"`, `1983-06-29T00:00:00.000`): read as a workbook's numbers and dates.
    pub numbers: Vec<(u32, u32)>,
    pub dates: Vec<(u32, u32)>,
    /// An XML worksheet hidden from view (`<Visible>SheetHidden</Visible>`).
    pub hidden_sheet: bool,
    /// Rows of the table.
    pub rows: u32,
    /// Tables of the page with this one's header joined under it (a table per printed page).
    pub joined: usize,
    /// Cells styled `display:none`, not read (a column the page hides cell by cell).
    pub hidden_cells: usize,
    /// Rows of the page above the table as Excel lays the page out (a row for each line of text
    /// outside the tables, each table's rows): its rows are numbered from there, as Excel shows
    /// them.
    pub offset: u32,
}

impl Grid {
    /// The first `n` rows' cells with text (NFC), each row in column order.
    pub(crate) fn first_rows(&self, n: u32) -> Vec<Vec<String>> {
        let mut rows = vec![Vec::new(); n as usize];
        for (r, _, t) in self.cells.iter().take_while(|c| c.0 < n) {
            rows[*r as usize].push(normalize(t));
        }
        rows
    }

    /// The header's text: the first of the first six rows with two cells or more, `|` between.
    pub(crate) fn header_text(&self) -> String {
        let rows = self.first_rows(6);
        let row = rows.iter().find(|r| r.len() >= 2).or(rows.first());
        row.map(|r| r.join(" | ")).unwrap_or_default()
    }
}

/// The most columns a cell may span, and the widest a table may be (Excel's 16,384 columns).
const MAX_COLUMNS: u32 = 16_384;
/// The row an XML spreadsheet's `ss:Index` may skip to at most (Excel's last row).
const MAX_ROWS: u32 = 1_048_576;
/// The most rows a cell may span (the HTML standard's limit).
const MAX_ROWSPAN: u32 = 65_534;
/// Tables inside tables deeper than this are read as their outer table's cell text (a page of a
/// million nested tables would hold a million tables open).
const MAX_NESTING: usize = 32;

/// The text of a page's bytes: by its byte order mark, else UTF-8, else the charset its `<meta>`
/// names, else Windows-1258 (Vietnamese Windows' code page).
pub(crate) fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let named = head.find("charset=").and_then(|at| {
        let label: String = head[at + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    });
    // A UTF-8 page with a stray byte (a cut character) stays UTF-8: read as Windows-1258 its
    // every letter would be mojibake (and called a legacy font).
    match named {
        Some(e) if e != encoding_rs::UTF_8 => e.decode_without_bom_handling(bytes).0.into_owned(),
        Some(_) => String::from_utf8_lossy(bytes).into_owned(),
        None if super::text::mostly_utf8(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        None => encoding_rs::WINDOWS_1258
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// A table being read: its rows so far and the cells spanning down into the next ones.
#[derive(Default)]
struct Builder {
    grid: Grid,
    /// Rows begun (the current one is `rows - 1`).
    rows: u32,
    in_row: bool,
    /// Next column of the current row.
    col: u32,
    /// For each column, the first row a cell above no longer covers.
    busy: Vec<u32>,
    /// The open cell: where it is and its text so far.
    cell: Option<(u32, u32, String)>,
    /// Columns declared by `<col>` so far (for `display:none` ones).
    declared: u32,
    /// Cells with text (which table of a page is the data).
    filled: usize,
    /// An XML spreadsheet's cell: a line break in its text is one (in HTML, a space).
    xml: bool,
    /// Inside a cell's `<Comment>` (XML): a note, not the value.
    in_comment: bool,
    /// The open cell's `ss:Type` (XML): `Number`, `DateTime`, or other.
    kind: Option<String>,
    /// Rows of the page above the table ([`Grid::offset`]).
    offset: u32,
}

impl Builder {
    fn start_row(&mut self, hidden: bool) {
        self.end_row();
        self.rows = self.rows.saturating_add(1);
        self.in_row = true;
        self.col = 0;
        if hidden {
            self.grid.hidden_rows.push(self.rows as usize);
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        self.in_row = false;
    }

    fn start_cell(&mut self, rowspan: u32, colspan: u32) {
        self.end_cell();
        if !self.in_row {
            self.start_row(false);
        }
        let row = self.rows - 1;
        while self.busy.get(self.col as usize).is_some_and(|&b| b > row) {
            self.col += 1;
        }
        let (col, rowspan) = (self.col, rowspan.clamp(1, MAX_ROWSPAN));
        let colspan = colspan.clamp(1, MAX_COLUMNS.saturating_sub(col).max(1));
        if col >= MAX_COLUMNS {
            return;
        }
        let end = (col + colspan) as usize;
        if self.busy.len() < end {
            self.busy.resize(end, 0);
        }
        for b in &mut self.busy[col as usize..end] {
            *b = row.saturating_add(rowspan);
        }
        if rowspan > 1 || colspan > 1 {
            let last = (row.saturating_add(rowspan - 1), col + colspan - 1);
            self.grid.merges.push(((row, col), last));
        }
        self.col += colspan;
        self.cell = Some((row, col, String::new()));
    }

    fn end_cell(&mut self) {
        let Some((row, col, text)) = self.cell.take() else {
            return;
        };
        // Whitespace runs are one space (as a browser shows them); a `<br>` is a line break.
        let lines: Vec<String> = text
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            self.filled += 1;
            self.grid.cells.push((row, col, lines.join("\n")));
            match self.kind.take().as_deref() {
                Some("number") => self.grid.numbers.push((row, col)),
                Some("datetime") => self.grid.dates.push((row, col)),
                _ => {}
            }
        }
        self.kind = None;
    }

    fn text(&mut self, s: &str) {
        if self.in_comment {
            return;
        }
        if let Some((_, _, t)) = &mut self.cell {
            if self.xml {
                t.push_str(&s.replace("\r\n", "\n"));
            } else {
                t.extend(s.chars().map(|c| if c == '\n' { ' ' } else { c }));
            }
        }
    }

    fn line_break(&mut self) {
        if let Some((_, _, t)) = &mut self.cell
            && !t.trim().is_empty()
        {
            t.push('\n');
        }
    }

    fn finish(mut self) -> (usize, Grid) {
        self.end_row();
        self.grid.cells.sort_unstable_by_key(|c| (c.0, c.1));
        self.grid.rows = self.rows;
        (self.filled, self.grid)
    }
}

/// An attribute by its local name (`ss:Index` is `index`; the tokenizer lowercases names).
fn attr<'a>(tag: &'a html5gum::StartTag<()>, name: &str) -> Option<std::borrow::Cow<'a, str>> {
    tag.attributes
        .iter()
        .find(|(k, _)| local(k) == name.as_bytes())
        .map(|(_, v)| String::from_utf8_lossy(&v.value))
}

/// A tag's or attribute's name without its namespace prefix, lowercased.
fn local(name: &[u8]) -> Vec<u8> {
    let at = name.iter().rposition(|&b| b == b':').map_or(0, |i| i + 1);
    name[at..].to_ascii_lowercase()
}

fn number(tag: &html5gum::StartTag<()>, name: &str) -> Option<u32> {
    attr(tag, name).and_then(|v| v.trim().parse::<u32>().ok())
}

fn span(tag: &html5gum::StartTag<()>, name: &str) -> u32 {
    number(tag, name).unwrap_or(1)
}

fn not_shown(tag: &html5gum::StartTag<()>) -> bool {
    attr(tag, "style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none")
    })
}

/// A sheet's grid and its name (`None`: a page's, named after its file).
pub(crate) type Named = (Option<String>, Grid);

/// Whether `text` is an XML Spreadsheet 2003 rather than a web page.
pub(crate) fn is_xml_spreadsheet(text: &str) -> bool {
    let head = &text[..text.floor_char_boundary(64 * 1024)];
    head.contains("urn:schemas-microsoft-com:office:spreadsheet")
        && (head
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with("<?xml")
            || head.to_ascii_lowercase().contains("<workbook"))
}

/// Whether a file's first bytes are a web archive (MHTML: a MIME message whose parts are a page
/// and what it shows), as Excel saves a "single file web page" and report servers export one.
pub(crate) fn is_web_archive(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(8 * 1024)]).to_ascii_lowercase();
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    // The message's own header block, before its first empty line.
    let block = text
        .split("\r\n\r\n")
        .next()
        .unwrap_or("")
        .split("\n\n")
        .next()
        .unwrap_or("");
    block.contains("mime-version:")
        && (block.contains("multipart/related") || block.contains("text/html"))
}

/// Why a web archive gave no sheets.
#[derive(Debug, PartialEq)]
pub(crate) enum ArchiveFailure {
    /// More cells than the budget: the row and column of the one past it.
    TooLarge((u32, u32)),
    /// The message ends before its closing boundary (an interrupted download or copy).
    Cut,
    /// No part could be read (no boundary, a damaged encoding).
    Damaged,
}

/// The sheets of a web archive. Excel's names its sheets in its first part (`<x:Name>` beside
/// `<x:WorksheetSource HRef=…>`): each sheet is its part's largest table, or empty, and the
/// parts it does not name (the tab strip of sheet names, a chart's) are no sheets. Without such a
/// list (a report server's archive, Excel's of one sheet) each HTML part's tables are sheets as a
/// page's are, the largest first, named by the list's one name if it has one. Each part is
/// decoded here (quoted-printable or base64, then the charset the part names, else as a page's
/// bytes: `decode`), so that a part without a charset is read as the same page alone would be.
pub(crate) fn archive_sheets(bytes: &[u8], max_cells: usize) -> Result<Vec<Named>, ArchiveFailure> {
    use mail_parser::MimeHeaders;
    use mail_parser::decoders::{base64::base64_decode, quoted_printable::quoted_printable_decode};
    let message = mail_parser::MessageParser::default()
        .parse(bytes)
        .ok_or(ArchiveFailure::Damaged)?;
    let root = message.parts.first().ok_or(ArchiveFailure::Damaged)?;
    if let Some(b) = root.content_type().and_then(|ct| ct.attribute("boundary")) {
        let close = format!("--{b}--");
        if !bytes.windows(close.len()).any(|w| w == close.as_bytes()) {
            return Err(ArchiveFailure::Cut);
        }
    }
    let mut pages: Vec<(Option<&str>, String)> = Vec::new();
    for p in &message.parts {
        if !p.is_content_type("text", "html") {
            continue;
        }
        let raw = bytes
            .get(p.offset_body as usize..p.offset_end as usize)
            .ok_or(ArchiveFailure::Damaged)?;
        let encoding = p
            .content_transfer_encoding()
            .map(|e| e.trim().to_ascii_lowercase());
        let body = match encoding.as_deref() {
            Some("quoted-printable") => quoted_printable_decode(raw),
            Some("base64") => base64_decode(raw),
            _ => Some(raw.to_vec()),
        }
        .ok_or(ArchiveFailure::Damaged)?;
        let named = p
            .content_type()
            .and_then(|ct| ct.attribute("charset"))
            .and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()));
        let text = match named {
            Some(e) if e != encoding_rs::UTF_8 => {
                e.decode_without_bom_handling(&body).0.into_owned()
            }
            _ => decode(&body),
        };
        pages.push((p.content_location(), text));
    }
    let list: Vec<(Option<String>, String)> =
        pages.iter().flat_map(|(_, t)| sheet_parts(t)).collect();
    let linked = list.iter().any(|(href, _)| href.is_some());
    // The last segment of a part's location or a sheet's link (`sheet001.htm`).
    let file = |s: &str| {
        s.rsplit(['/', '\\'])
            .next()
            .unwrap_or(s)
            .to_ascii_lowercase()
    };
    let mut out: Vec<Named> = Vec::new();
    let mut kept = 0usize;
    let grids = |text: &str, kept: &mut usize| -> Result<Vec<Grid>, ArchiveFailure> {
        let g = sheets(text, max_cells.saturating_sub(*kept)).map_err(ArchiveFailure::TooLarge)?;
        *kept += g.iter().map(|g| g.1.cells.len()).sum::<usize>();
        Ok(g.into_iter().map(|g| g.1).collect())
    };
    if linked {
        for (href, name) in &list {
            let Some(href) = href else { continue };
            let part = pages
                .iter()
                .find(|(l, _)| l.is_some_and(|l| file(l) == file(href)));
            let grid = match part {
                Some((_, text)) => grids(text, &mut kept)?.into_iter().next(),
                None => None,
            };
            out.push((Some(normalize(name)), grid.unwrap_or_default()));
        }
        return Ok(out);
    }
    let mut unnamed: Vec<Grid> = Vec::new();
    for (_, text) in &pages {
        unnamed.extend(grids(text, &mut kept)?);
    }
    if pages.is_empty() && root.content_type().is_none() {
        return Err(ArchiveFailure::Damaged);
    }
    unnamed.sort_by_key(|g| std::cmp::Reverse(g.cells.len()));
    let one_name = match &list[..] {
        [(None, n)] => Some(normalize(n)),
        _ => None,
    };
    out.extend(unnamed.into_iter().map(|g| (one_name.clone(), g)));
    Ok(out)
}

/// Excel's list of a workbook's sheets in a page: (link to the sheet's part, if any; the sheet's
/// name), in order (a workbook of one sheet names it without a link).
fn sheet_parts(text: &str) -> Vec<(Option<String>, String)> {
    sheet_parts_in(text, false)
}

/// [`sheet_parts`], inside a comment (`in_comment`: its comments are not looked into again,
/// so an unclosed `<!--` on a hostile page costs one pass, not one per comment).
fn sheet_parts_in(text: &str, in_comment: bool) -> Vec<(Option<String>, String)> {
    if !text.contains("ExcelWorksheet") && !text.contains("excelworksheet") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let (mut name, mut in_name) = (None::<String>, false);
    let mut linked = false;
    for token in Tokenizer::new(text).flatten() {
        match token {
            Token::StartTag(tag) => match local(&tag.name).as_slice() {
                b"excelworksheet" => {
                    name = None;
                    linked = false;
                }
                b"name" => {
                    in_name = true;
                    name = Some(String::new());
                }
                b"worksheetsource" => {
                    if let (Some(n), Some(href)) = (&name, attr(&tag, "href")) {
                        out.push((Some(href.into_owned()), n.trim().to_string()));
                        linked = true;
                    }
                }
                _ => {}
            },
            Token::EndTag(tag) if local(&tag.name) == b"excelworksheet" => {
                if let (Some(n), false) = (&name, linked) {
                    out.push((None, n.trim().to_string()));
                }
                name = None;
            }
            // Excel writes the list inside `<!--[if gte mso 9]><xml> … <![endif]-->`.
            Token::Comment(c) if !in_comment => {
                out.extend(sheet_parts_in(&String::from_utf8_lossy(&c), true));
            }
            Token::EndTag(tag) if local(&tag.name) == b"name" => in_name = false,
            Token::String(s) if in_name => {
                if let Some(n) = &mut name {
                    n.push_str(&String::from_utf8_lossy(&s));
                }
            }
            _ => {}
        }
    }
    out
}

/// The sheets of a page or an XML spreadsheet: for a page, its tables with text, the one with the
/// most cells of text first (a page may hold a title's table above the data's, or a layout
/// around it; a table inside a cell is a table of its own, and its text the lines of that cell), each with the other tables of its
/// first row joined under it ([`joined`]), named `None`; for an XML
/// spreadsheet, each `<Worksheet>` by its name, in order.
///
/// Err: the page holds more than `max_cells` cells of text (row and column of the one past it).
pub(crate) fn sheets(text: &str, max_cells: usize) -> Result<Vec<Named>, (u32, u32)> {
    let xml = is_xml_spreadsheet(text);
    let mut emitter = DefaultEmitter::default();
    // <style> and <script> hold text no cell shows.
    emitter.naively_switch_states(!xml);
    let mut open: Vec<Builder> = Vec::new();
    // The page's tables with text, as they close.
    let mut pages: Vec<(usize, Grid)> = Vec::new();
    let mut worksheets: Vec<Named> = Vec::new();
    let mut worksheet: Option<String> = None;
    let (mut in_visible, mut sheet_hidden, mut sheet_start) = (false, false, 0);
    // Its rows (the page's rows below it start there).
    let keep = |b: Builder, pages: &mut Vec<(usize, Grid)>, kept: &mut usize| {
        let offset = b.offset;
        let (filled, mut grid) = b.finish();
        let rows = grid.rows;
        if filled > 0 {
            *kept += grid.cells.len();
            grid.offset = offset;
            pages.push((filled, grid));
        }
        rows
    };
    // The page's rows so far outside its tables, as Excel lays the page out (a web page only),
    // and whether the current line of text outside the tables has been counted.
    let (mut page_rows, mut line_counted) = (0u32, false);
    // Inside elements whose text the page does not show (`<head>`, `<title>`, `<style>`,
    // `<script>`), how deep.
    let mut unshown = 0u32;
    let unshown_tag = |n: &[u8]| matches!(n, b"head" | b"title" | b"style" | b"script");
    // Tables inside the deepest one read (`MAX_NESTING`), ignored as tables.
    let mut too_deep = 0usize;
    // The open tables (by index in `open`) a table inside one of their cells writes its text
    // into as well, its rows as lines (a portal's list of titles as a small table in one cell):
    // the inner table stays a table of its own too, so a layout table around the data table
    // does not swallow it; the page's best table is chosen from both.
    let mut mirror: Vec<usize> = Vec::new();
    // Cells of the tables kept so far (the best page table, or every worksheet).
    let mut kept = 0usize;
    let (row_tag, cell_tags): (&[u8], &[&[u8]]) = if xml {
        (b"row", &[b"cell"])
    } else {
        (b"tr", &[b"td", b"th"])
    };
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = local(&tag.name);
                if !xml && unshown_tag(&name) && !tag.self_closing {
                    unshown += 1;
                }
                match name.as_slice() {
                    b"worksheet" if xml => {
                        worksheet = Some(attr(&tag, "name").unwrap_or_default().into_owned());
                        sheet_hidden = false;
                        sheet_start = worksheets.len();
                    }
                    b"visible" if xml => in_visible = true,
                    b"table" if open.len() >= MAX_NESTING => too_deep += 1,
                    // An empty worksheet's `<Table/>` (XML) opens no table.
                    b"table" if tag.self_closing && xml => {
                        worksheets.push((worksheet.clone(), Grid::default()));
                    }
                    b"table" => {
                        line_counted = false;
                        if !xml && open.last().is_some_and(|b| b.cell.is_some()) {
                            mirror.push(open.len() - 1);
                            if let Some(b) = open.last_mut() {
                                b.line_break();
                            }
                        }
                        open.push(Builder {
                            xml,
                            offset: page_rows,
                            ..Builder::default()
                        })
                    }
                    b"body" if !xml => unshown = 0,
                    n if open.is_empty() && !xml && ends_line(n) => line_counted = false,
                    // A caption is a row of the page above its table's rows.
                    b"caption" if !xml && open.len() == 1 => {
                        if let Some(b) = open.last_mut() {
                            b.offset = b.offset.saturating_add(1);
                        }
                    }
                    _ if open.is_empty() || too_deep > 0 => {}
                    n if n == row_tag => {
                        if let Some(b) = open.last_mut() {
                            let hidden = if xml {
                                attr(&tag, "hidden").is_some_and(|v| v.trim() == "1")
                            } else {
                                not_shown(&tag)
                            };
                            // An XML row may skip to its row number (1-based).
                            if let Some(at) = number(&tag, "index").filter(|_| xml) {
                                b.end_row();
                                b.rows = b.rows.max(at.saturating_sub(1).min(MAX_ROWS));
                            }
                            b.start_row(hidden);
                            if tag.self_closing {
                                b.end_row();
                            }
                        }
                    }
                    n if cell_tags.contains(&n) => {
                        let stored = kept
                            + open
                                .iter()
                                .map(|b| b.grid.cells.len() + usize::from(b.cell.is_some()))
                                .sum::<usize>();
                        if let Some(b) = open.last_mut() {
                            if stored >= max_cells {
                                return Err((
                                    b.rows.saturating_sub(1).saturating_add(b.offset),
                                    b.col,
                                ));
                            }
                            if xml {
                                let across = number(&tag, "mergeacross").unwrap_or(0);
                                let down = number(&tag, "mergedown").unwrap_or(0);
                                if let Some(at) = number(&tag, "index") {
                                    b.end_cell();
                                    b.col = b.col.max(at.saturating_sub(1).min(MAX_COLUMNS));
                                }
                                b.start_cell(down.saturating_add(1), across.saturating_add(1));
                            } else if not_shown(&tag) {
                                // A cell the page hides (a portal's internal column): not
                                // read, as the browser shows the table; counted and said.
                                b.end_cell();
                                b.grid.hidden_cells += 1;
                            } else {
                                b.start_cell(span(&tag, "rowspan"), span(&tag, "colspan"));
                            }
                            if tag.self_closing {
                                b.end_cell();
                            }
                        }
                    }
                    b"comment" if xml => open.last_mut().map_or((), |b| b.in_comment = true),
                    b"data" if xml => {
                        if let Some(b) = open.last_mut().filter(|b| !b.in_comment) {
                            b.kind = attr(&tag, "type").map(|t| t.to_ascii_lowercase());
                        }
                    }
                    b"col" | b"column" => {
                        if let Some(b) = open.last_mut() {
                            if let Some(at) = number(&tag, "index").filter(|_| xml) {
                                b.declared = b.declared.max(at.saturating_sub(1));
                            }
                            let n = span(&tag, "span").clamp(1, MAX_COLUMNS);
                            // XML: ss:Span is the columns after the first.
                            let n = if xml { n.saturating_add(1) } else { n };
                            let hidden = if xml {
                                attr(&tag, "hidden").is_some_and(|v| v.trim() == "1")
                            } else {
                                not_shown(&tag)
                            };
                            if hidden {
                                let from = b.declared as usize + 1;
                                b.grid.hidden_columns.extend(from..from + n as usize);
                            }
                            b.declared = b.declared.saturating_add(n).min(MAX_COLUMNS);
                        }
                    }
                    b"br" | b"p" | b"div" | b"li" if !xml => {
                        if let Some(b) = open.last_mut() {
                            b.line_break();
                        }
                    }
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = local(&tag.name);
                if !xml && unshown_tag(&name) {
                    unshown = unshown.saturating_sub(1);
                }
                if !xml && open.is_empty() && ends_line(&name) {
                    line_counted = false;
                }
                if xml && name == b"visible" {
                    in_visible = false;
                }
                if xml && name == b"worksheet" {
                    // Its options (after its table) say whether it is hidden.
                    if sheet_hidden && worksheets.len() > sheet_start {
                        for w in &mut worksheets[sheet_start..] {
                            w.1.hidden_sheet = true;
                        }
                    }
                    worksheet = None;
                }
                if open.is_empty() {
                    continue;
                }
                // The inner table's rows and cells as lines and spaces of the cell it is in.
                let depth = open.len() - 1;
                let outer = mirror.last().copied().filter(|&o| o + 1 == depth);
                if let Some(o) = outer.filter(|_| too_deep == 0) {
                    let n = name.as_slice();
                    if n == row_tag {
                        open[o].line_break();
                    } else if cell_tags.contains(&n) {
                        open[o].text(" ");
                    }
                }
                let Some(b) = open.last_mut() else {
                    continue;
                };
                match name.as_slice() {
                    b"table" if too_deep > 0 => too_deep -= 1,
                    _ if too_deep > 0 => {}
                    b"table" => {
                        let b = open.pop().expect("an open table");
                        if mirror.last() == Some(&open.len().saturating_sub(1)) && !open.is_empty()
                        {
                            mirror.pop();
                            if let Some(o) = open.last_mut() {
                                o.line_break();
                            }
                        }
                        if xml {
                            let grid = b.finish().1;
                            kept += grid.cells.len();
                            worksheets.push((worksheet.clone(), grid));
                        } else {
                            let rows = keep(b, &mut pages, &mut kept);
                            // A table inside another is laid out in its cell, not below it.
                            if open.is_empty() {
                                page_rows = page_rows.saturating_add(rows);
                                line_counted = false;
                            }
                        }
                    }
                    b"thead" | b"tbody" | b"tfoot" if !xml => b.end_row(),
                    n if n == row_tag => b.end_row(),
                    n if cell_tags.contains(&n) => b.end_cell(),
                    b"comment" if xml => b.in_comment = false,
                    b"p" | b"div" | b"li" if !xml => b.line_break(),
                    _ => {}
                }
            }
            Token::String(s) if in_visible => {
                let v = String::from_utf8_lossy(&s.value).to_ascii_lowercase();
                sheet_hidden = v.contains("hidden");
            }
            Token::String(s) => {
                if let Some(b) = open.last_mut() {
                    let text = String::from_utf8_lossy(&s.value);
                    b.text(&text);
                    if too_deep == 0 {
                        for &o in &mirror {
                            open[o].text(&text);
                        }
                    }
                } else if !xml
                    && unshown == 0
                    && !line_counted
                    && s.value.iter().any(|c| !c.is_ascii_whitespace())
                {
                    // Text outside the tables (a title, the agency's name): a row of its own.
                    page_rows = page_rows.saturating_add(1);
                    line_counted = true;
                }
            }
            _ => {}
        }
    }
    // Tables the page never closes end with it.
    while let Some(b) = open.pop() {
        if xml {
            worksheets.push((worksheet.clone(), b.finish().1));
        } else {
            keep(b, &mut pages, &mut kept);
        }
    }
    Ok(if xml {
        worksheets
    } else {
        grouped(pages).into_iter().map(|g| (None, g)).collect()
    })
}

/// A tag outside the tables that begins or ends a line of the page (a row in Excel).
fn ends_line(name: &[u8]) -> bool {
    matches!(
        name,
        b"br"
            | b"p"
            | b"div"
            | b"li"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"tr"
            | b"center"
            | b"blockquote"
            | b"dt"
            | b"dd"
            | b"hr"
            | b"pre"
            | b"address"
            | b"section"
            | b"header"
            | b"footer"
            | b"article"
    )
}

/// A row's cells with text: (column, text).
fn row_of(g: &Grid, r: u32) -> Vec<(u32, String)> {
    let from = g.cells.partition_point(|c| c.0 < r);
    g.cells[from..]
        .iter()
        .take_while(|c| c.0 == r)
        .map(|c| (c.1, c.2.clone()))
        .collect()
}

/// The page's tables (with the count of their cells with text) by kind, each kind's tables
/// joined ([`joined`]): the kind of the largest table first (the first of the largest), then
/// the kind of the largest of the others, and so on. Tables are of one kind by their header, the
/// first of their first rows with two cells or more (the agency's and the list's title rows
/// above it are alike in every table of a page); a table without one is a kind of its own. Each
/// header is read once: a page of 100,000 small tables is grouped in one pass.
fn grouped(pages: Vec<(usize, Grid)>) -> Vec<Grid> {
    let header = |g: &Grid| {
        (0..g.rows.min(6))
            .map(|r| row_of(g, r))
            .find(|c| c.len() >= 2)
    };
    let mut kinds: std::collections::BTreeMap<Vec<(u32, String)>, usize> = Default::default();
    // Per kind: its tables in page order, and its largest (filled, first index).
    let mut groups: Vec<(Vec<Grid>, usize, usize)> = Vec::new();
    for (i, (filled, g)) in pages.into_iter().enumerate() {
        let k = match header(&g) {
            Some(h) => *kinds.entry(h).or_insert_with(|| {
                groups.push((Vec::new(), 0, i));
                groups.len() - 1
            }),
            None => {
                groups.push((Vec::new(), 0, i));
                groups.len() - 1
            }
        };
        let group = &mut groups[k];
        if filled > group.1 {
            (group.1, group.2) = (filled, i);
        }
        group.0.push(g);
    }
    groups.sort_by_key(|g| (std::cmp::Reverse(g.1), g.2));
    groups.into_iter().map(|g| joined(g.0)).collect()
}

/// Tables of one kind (in page order, one at least) as one: every other table joined under the
/// first, each without the header rows it repeats: a program that prints a table per page
/// repeats the header on each.
fn joined(tables: Vec<Grid>) -> Grid {
    let n = tables.len();
    let mut tables = tables.into_iter();
    let first = tables.next().unwrap_or_default();
    let mut out = Grid {
        joined: n.saturating_sub(1),
        ..first
    };
    let row = row_of;
    let mut hidden_cells = out.hidden_cells;
    for g in tables {
        // The leading rows it repeats of the first table's (the header, one row or two).
        let skip = (0..g.rows)
            .take_while(|&r| r < out.rows && row(&g, r) == row(&out, r) && !row(&g, r).is_empty())
            .count() as u32;
        // Each table at its own place on the page (its repeated header and what the page has
        // between the tables are rows with nothing to read), as Excel shows the page; after the
        // table before it when the page gives no place (an XML worksheet).
        let at = g.offset.saturating_sub(out.offset).max(out.rows);
        let shift = |r: u32| r + at;
        out.cells.extend(
            g.cells
                .into_iter()
                .filter(|c| c.0 >= skip)
                .map(|(r, c, t)| (shift(r), c, t)),
        );
        out.merges.extend(
            g.merges
                .into_iter()
                .filter(|m| m.0.0 >= skip)
                .map(|((r0, c0), (r1, c1))| ((shift(r0), c0), (shift(r1), c1))),
        );
        out.hidden_rows.extend(
            g.hidden_rows
                .into_iter()
                .filter(|&h| h as u32 > skip)
                .map(|h| (shift(h as u32 - 1) + 1) as usize),
        );
        out.rows = at + g.rows;
        hidden_cells += g.hidden_cells;
    }
    out.hidden_cells = hidden_cells;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_lay_out_as_merged_cells() {
        let html = "<html><body><table><tr><td colspan=3>UBND TỈNH</td></tr></table>\
            <table border=1><tr><th rowspan=2>STT</th><th colspan=2>Họ và tên</th></tr>\
            <tr><th>Họ</th><th>Tên</th></tr>\
            <tr style='display: none'><td>1<td>Nguyễn&nbsp;Văn<td>An<td style=\"DISPLAY: NONE\">9</tr>\
            <tr><td>2</td><td>Lê<br>Thị</td><td>&#272;ào &amp; co</td></tr></table>";
        let g = sheets(html, 100).unwrap().remove(0).1;
        assert_eq!(
            g.cells,
            vec![
                (0, 0, "STT".to_string()),
                (0, 1, "Họ và tên".into()),
                (1, 1, "Họ".into()),
                (1, 2, "Tên".into()),
                (2, 0, "1".into()),
                (2, 1, "Nguyễn Văn".into()),
                (2, 2, "An".into()),
                (3, 0, "2".into()),
                (3, 1, "Lê\nThị".into()),
                (3, 2, "Đào & co".into()),
            ]
        );
        assert_eq!(g.merges, vec![((0, 0), (1, 0)), ((0, 1), (0, 2))]);
        assert_eq!(g.hidden_rows, vec![3]);
        assert_eq!(g.hidden_cells, 1);
    }

    /// A small table inside a cell (a portal's list of titles) is that cell's lines: it was read as
    /// a table of its own and the cell as empty (a cadre out of planning, with no word).
    #[test]
    fn a_table_inside_a_cell_is_its_lines() {
        let html = "<table><tr><th>id</th><th>planned_titles</th></tr>\
            <tr><td>C1</td><td><table><tr><td>1.</td><td>Bí thư Đảng ủy</td></tr>\
            <tr><td>2.</td><td>Chủ tịch UBND xã</td></tr></table></td></tr>\
            <tr><td>C2</td><td>Vụ trưởng</td></tr></table>";
        let all = sheets(html, 100).unwrap();
        let cells = &all
            .iter()
            .find(|(_, g)| g.cells.contains(&(0, 1, "planned_titles".to_string())))
            .unwrap()
            .1
            .cells;
        let cell = &cells.iter().find(|c| (c.0, c.1) == (1, 1)).unwrap().2;
        let lines: Vec<&str> = cell
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, ["1. Bí thư Đảng ủy", "2. Chủ tịch UBND xã"]);
        assert!(cells.contains(&(2, 1, "Vụ trưởng".to_string())));
        // A portal's layout table around the data table does not swallow it: the data table is
        // a table of its own, as before.
        let page =
            format!("<table><tr><td>Cổng thông tin</td></tr><tr><td>{html}</td></tr></table>");
        let all = sheets(&page, 1000).unwrap();
        assert!(
            all.iter()
                .any(|(_, g)| g.cells.contains(&(2, 1, "Vụ trưởng".to_string())))
        );
    }

    /// A table's rows are numbered from its place on the page as Excel lays it out: a row for each
    /// line of text outside the tables (not the head's title or style), each table's rows.
    #[test]
    fn a_table_knows_the_rows_of_the_page_above_it() {
        let html = "<html><head><title>Danh sách</title><style>td { x }</style></head><body>\
            <h1>DANH SÁCH CÁN BỘ</h1>\n<p>Đơn vị: Sở Nội vụ<br>Năm 2027</p>\
            <table><tr><td>UBND TỈNH</td></tr></table>\
            <table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr>\
            <tr><td>3</td><td>4</td></tr></table><p>Người lập biểu</p></body></html>";
        let g = sheets(html, 100).unwrap().remove(0).1;
        assert_eq!(g.cells[0], (0, 0, "a".to_string()));
        assert_eq!(g.offset, 4);
        // A page without `</head>`, centred lines, a caption above the table's rows.
        let html = "<html><head><title>T</title><body><center>BỘ NỘI VỤ</center>\
            <center>DANH SÁCH</center><table><caption>Năm 2027</caption>\
            <tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>";
        let g = sheets(html, 100).unwrap().remove(0).1;
        assert_eq!(g.offset, 3);
        // Nothing above: row 1 is the table's first.
        let g = sheets("<table><tr><td>a</td><td>b</td></tr></table>", 100)
            .unwrap()
            .remove(0)
            .1;
        assert_eq!(g.offset, 0);
    }

    /// A table per printed page, each repeating the two-row header: one table, each header once.
    #[test]
    fn tables_of_one_header_are_joined() {
        let page = |a: &str, b: &str| {
            format!(
                "<table><tr><th rowspan=2>Mã</th><th colspan=2>Họ tên</th></tr>\
                 <tr><th>Họ</th><th>Tên</th></tr><tr><td>{a}</td><td rowspan=2>Lê</td><td>X</td></tr>\
                 <tr style=display:none><td>{b}</td><td>Y</td></tr></table>"
            )
        };
        let html = format!(
            "<table><tr><td>TỈNH ỦY</td></tr></table>{}<p>Trang 2</p>{}",
            page("K1", "K2"),
            page("K3", "K4")
        );
        let g = sheets(&html, 100).unwrap().remove(0).1;
        assert_eq!(g.joined, 1);
        // Each table at its place on the page: the second's repeated header and "Trang 2" are
        // rows with nothing to read (K3 is on the page's ninth row, the table's eighth).
        assert_eq!(g.rows, 9);
        let ids: Vec<(u32, &str)> = g
            .cells
            .iter()
            .filter(|c| c.1 == 0)
            .map(|c| (c.0, c.2.as_str()))
            .collect();
        assert_eq!(
            ids,
            vec![(0, "Mã"), (2, "K1"), (3, "K2"), (7, "K3"), (8, "K4")]
        );
        assert!(g.merges.contains(&((7, 1), (8, 1))), "{:?}", g.merges);
        assert_eq!(g.hidden_rows, vec![4, 9]);
        // The title's table after it: a sheet of its own, for a table whose header it names.
        let all = sheets(&html, 100).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].1.cells, vec![(0, 0, "TỈNH ỦY".to_string())]);
    }

    /// 100,000 one-row tables of distinct headers: grouped in one pass (looking for each kind
    /// among all the tables left took hours).
    #[test]
    fn a_page_of_many_tables_is_grouped_once() {
        let page: String = (0..100_000)
            .map(|i| format!("<table><tr><td>a{i}</td><td>b</td></tr></table>"))
            .collect();
        let s = sheets(&page, 1_000_000).unwrap();
        assert_eq!(s.len(), 100_000);
        assert!(s.iter().all(|g| g.1.joined == 0));
    }

    #[test]
    fn hostile_spans_and_no_table() {
        assert_eq!(sheets("<p>nothing</p>", 100), Ok(vec![]));
        assert_eq!(sheets("<table><tr><td></td></tr></table>", 100), Ok(vec![]));
        let many = "<table><tr>".to_string() + &"<td>x".repeat(101);
        assert_eq!(sheets(&many, 100), Err((0, 100)));
        let deep = "<table><tr><td>".repeat(100_000) + "a<td>b";
        let g = sheets(&deep, 100).unwrap();
        assert_eq!(g[0].1.cells, vec![(0, 0, "ab".to_string())]);
        let g = sheets(
            "<table><tr><td colspan=99999999 rowspan=4000000000>x<td>y",
            100,
        )
        .unwrap()
        .pop()
        .unwrap()
        .1;
        assert_eq!(g.cells.len(), 1, "no column past the last: {g:?}");
        assert_eq!(g.merges, vec![((0, 0), (MAX_ROWSPAN - 1, MAX_COLUMNS - 1))]);
        // An XML spreadsheet's indexes past Excel's grid stop at its edge, never wrap.
        let xml = "<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">\
            <Worksheet ss:Name=\"a\"><Table><Row ss:Index=\"4294967295\"><Cell ss:Index=\"4294967295\">\
            <Data>x</Data></Cell></Row><Row><Cell><Data>y</Data></Cell></Row></Table></Worksheet></Workbook>";
        let g = sheets(xml, 100).unwrap().pop().unwrap().1;
        assert_eq!(g.cells.len(), 1, "{g:?}");
        assert_eq!(g.cells[0].0, MAX_ROWS + 1);
    }

    /// Excel's "XML Spreadsheet 2003": a sheet per worksheet; skipped rows and cells by their
    /// index, merges across and down, hidden rows and columns, a comment no value, a line break.
    #[test]
    fn an_xml_spreadsheet_reads_its_worksheets() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Bìa"><Table><Row><Cell><Data ss:Type="String">Tiêu đề</Data></Cell></Row></Table></Worksheet>
 <Worksheet ss:Name="Cán bộ">
  <Table ss:ExpandedColumnCount="4">
   <Column ss:Width="30"/><Column ss:Index="3" ss:Hidden="1" ss:Span="1"/>
   <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">DANH SÁCH</Data></Cell></Row>
   <Row ss:Index="3"><Cell ss:MergeDown="1"><Data ss:Type="String">Mã</Data></Cell>
    <Cell><Data ss:Type="String">Họ&#10;và tên</Data><Comment><Data>ghi chú</Data></Comment></Cell>
    <Cell ss:Index="4"><Data ss:Type="Number">12</Data></Cell></Row>
   <Row ss:Hidden="1"><Cell ss:Index="2"><Data ss:Type="String">An</Data></Cell></Row>
   <Row/>
   <Row><Cell><Data ss:Type="String">K2</Data></Cell>
    <Cell><Data ss:Type="DateTime">1983-06-29T00:00:00.000</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="Trống"><Table ss:ExpandedColumnCount="0"/></Worksheet>
 <Worksheet ss:Name="Cũ"><Table><Row><Cell><Data ss:Type="String">x</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">
   <Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>
</Workbook>"#;
        assert!(is_xml_spreadsheet(xml));
        // Without its declaration (some programs write none), and a page that is none.
        let bare = "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">";
        assert!(is_xml_spreadsheet(bare));
        assert!(!is_xml_spreadsheet(
            "<html><table><tr><td>Workbook</td></tr></table>"
        ));
        let s = sheets(xml, 100).unwrap();
        let names: Vec<_> = s.iter().map(|(n, _)| n.clone().unwrap()).collect();
        assert_eq!(names, vec!["Bìa", "Cán bộ", "Trống", "Cũ"]);
        let hidden: Vec<bool> = s.iter().map(|(_, g)| g.hidden_sheet).collect();
        assert_eq!(hidden, vec![false, false, false, true]);
        let g = &s[1].1;
        assert_eq!(
            g.cells,
            vec![
                (0, 0, "DANH SÁCH".to_string()),
                (2, 0, "Mã".into()),
                (2, 1, "Họ\nvà tên".into()),
                (2, 3, "12".into()),
                (3, 1, "An".into()),
                (5, 0, "K2".into()),
                (5, 1, "1983-06-29T00:00:00.000".into()),
            ]
        );
        assert_eq!(
            (&g.numbers[..], &g.dates[..]),
            (&[(2, 3)][..], &[(5, 1)][..])
        );
        assert_eq!(g.merges, vec![((0, 0), (0, 2)), ((2, 0), (3, 0))]);
        assert_eq!(g.hidden_rows, vec![4]);
        assert_eq!(g.hidden_columns, vec![3, 4]);
    }

    #[test]
    fn a_page_in_windows_1258_is_read_by_its_charset() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1258.encode("<meta charset=windows-1258>Hà");
        assert!(std::str::from_utf8(&bytes).is_err());
        assert!(decode(&bytes).ends_with("Hà"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "<table>".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&utf16), "<table>");
        let cut = b"<meta charset=utf-8>H\xc3\xa0 N\xe1\xbb\x99i \xa0";
        assert_eq!(decode(cut), "<meta charset=utf-8>Hà Nội \u{fffd}");
    }
}
