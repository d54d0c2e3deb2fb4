//! What a file named as a table is when it is no table, by its first bytes: offices send a PDF
//! of the printed list, a photo of it, a Word file, a RAR of the folder, an encrypted workbook,
//! an XML export. Each is said for what it is, with the fix that helps (instead of "not UTF-8 at
//! line 2" or a library's "invalid Zip archive").

use super::diagnostic::{Say, Text};
use std::path::Path;

/// What a file's first bytes say its container is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Container {
    /// A ZIP archive: XLSX, XLSM, XLSB or ODS (or DOCX, an archive of anything).
    Zip,
    /// An OLE compound file: XLS (Excel 97–2003), DOC, PPT, an encrypted XLSX.
    Ole,
}

/// Opens `path` for reading if it is a regular file, without blocking: a FIFO or a device named
/// as a table would hang the open or the read (they are refused by `text::check_file`).
fn open_regular(path: &Path) -> Option<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let f = options.open(path).ok()?;
    f.metadata().is_ok_and(|m| m.is_file()).then_some(f)
}

/// The container of the file at `path`, if it is a ZIP or an OLE file.
pub(crate) fn sniffed(path: &Path) -> Option<Container> {
    use std::io::Read;
    let mut head = [0u8; 8];
    open_regular(path)?.read_exact(&mut head).ok()?;
    match head {
        [0x50, 0x4B, 0x03, 0x04, ..] => Some(Container::Zip),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] => Some(Container::Ole),
        _ => None,
    }
}

/// The first 64 KiB of a regular file (all of a smaller one).
pub(crate) fn head(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::new();
    open_regular(path)?
        .take(64 * 1024)
        .read_to_end(&mut head)
        .ok()?;
    Some(head)
}

/// Why a file is no table, and what to do about it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NotATable {
    pub found: Text,
    pub fix: Text,
}

impl NotATable {
    fn new(found: impl Into<Text>, fix: impl Into<Text>) -> Self {
        NotATable {
            found: found.into(),
            fix: fix.into(),
        }
    }
}

/// What the file at `path` is when its bytes say it is no table: a PDF, an RTF document, a
/// picture, an archive, a Word or PowerPoint file, an encrypted workbook, an XML file of another
/// kind; and, when it is named as a workbook (`as_workbook`), plain text. `None`: nothing known
/// (a workbook, a web page, a CSV, or bytes of no known kind).
pub(crate) fn not_a_table(path: &Path, as_workbook: bool) -> Option<NotATable> {
    if as_workbook && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
        // A failed download, an empty attachment (a CSV's empty file is E2013).
        return Some(NotATable::new(
            Say::AnEmptyFileOfNoBytes,
            Say::SaveOrDownloadAgain,
        ));
    }
    match sniffed(path) {
        Some(Container::Zip) => in_zip(path),
        Some(Container::Ole) => in_ole(path),
        None => by_head(&head(path)?, as_workbook),
    }
}

/// A ZIP that is no workbook: a Word, PowerPoint or OpenDocument text file, else an archive,
/// said with the files it holds.
fn in_zip(path: &Path) -> Option<NotATable> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let names: Vec<String> = (0..zip.len().min(1000))
        .filter_map(|i| {
            zip.by_index_raw(i)
                .ok()
                .and_then(|f| f.name().ok().map(|n| n.to_string()))
        })
        .collect();
    let has = |part: &str| names.iter().any(|n| n.starts_with(part));
    // OpenDocument names its kind in its first part, `mimetype`, stored uncompressed.
    let odf = zip.by_name("mimetype").ok().and_then(|mut f| {
        use std::io::Read;
        let mut s = String::new();
        (&mut f).take(100).read_to_string(&mut s).ok()?;
        Some(s)
    });
    // A workbook (damaged, if it did not open): calamine's own message says what is wrong.
    if has("xl/") || odf.as_deref() == Some("application/vnd.oasis.opendocument.spreadsheet") {
        return None;
    }
    let office = if has("word/") {
        Some("Word (.docx)")
    } else if names
        .iter()
        .any(|n| n.starts_with("Index/") && n.ends_with(".iwa"))
    {
        Some("Apple Numbers (.numbers)")
    } else if has("ppt/") {
        Some("PowerPoint (.pptx)")
    } else {
        match odf.as_deref() {
            Some("application/vnd.oasis.opendocument.text") => Some("LibreOffice Writer (.odt)"),
            Some("application/vnd.oasis.opendocument.presentation") => {
                Some("LibreOffice Impress (.odp)")
            }
            _ => None,
        }
    };
    if let Some(kind) = office {
        return Some(office_file(kind));
    }
    let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
    let more = names.len().saturating_sub(shown.len());
    let mut list = shown.join(", ");
    if more > 0 {
        list += &format!(", … (+{more})");
    }
    Some(NotATable::new(
        Text::say(Say::AZipArchiveNamedAsTable).arg("files", list),
        Say::UnpackAndNameTheTable,
    ))
}

fn office_file(kind: &str) -> NotATable {
    NotATable::new(
        Text::say(Say::AnOfficeFileNamedAsTable).arg("kind", kind),
        Say::CopyTheTableIntoASheet,
    )
}

/// An OLE file that is no XLS, by the streams its directory names: an XLSX encrypted with a
/// password (its `EncryptedPackage`), Word's and PowerPoint's; `None` for a workbook (Excel's
/// "Workbook" stream) or a file the directory does not read.
fn in_ole(path: &Path) -> Option<NotATable> {
    let file = cfb::open(path).ok()?;
    if file.is_stream("/EncryptedPackage") {
        return Some(encrypted());
    }
    let kind = if file.is_stream("/WordDocument") {
        "Word 97–2003 (.doc)"
    } else if file.is_stream("/PowerPoint Document") {
        "PowerPoint 97–2003 (.ppt)"
    } else {
        return None;
    };
    Some(office_file(kind))
}

/// A workbook encrypted with a password (an XLSX's `EncryptedPackage`, an XLS's `FILEPASS`).
pub(crate) fn encrypted() -> NotATable {
    NotATable::new(Say::AnEncryptedWorkbook, Say::RemoveTheWorkbookPassword)
}

/// Whether the first bytes of a file are text a table may be in: UTF-16 with its byte order
/// mark (Excel's "Unicode Text"), or bytes without NUL or other control characters but tab and
/// line ends (UTF-8, cut anywhere, or a code page such as Windows-1258), of no kind [`by_head`]
/// knows and no markup (a web page is read as one).
pub(crate) fn is_text(head: &[u8]) -> bool {
    if head.is_empty() || known(head).is_some() {
        return false;
    }
    if encoding_rs::Encoding::for_bom(head).is_some_and(|(e, _)| e != encoding_rs::UTF_8) {
        return true;
    }
    !starts_with_markup(head)
        && !head
            .iter()
            .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n'))
}

/// Whether a file's first bytes begin (after a byte order mark and blanks) with `<`: markup, a
/// page or XML, never a CSV's header.
pub(crate) fn starts_with_markup(head: &[u8]) -> bool {
    let at = head
        .iter()
        .position(|b| !b" \t\r\n".contains(b))
        .unwrap_or(head.len());
    let rest = &head[at..];
    let rest = rest.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(rest);
    let at = rest
        .iter()
        .position(|b| !b" \t\r\n".contains(b))
        .unwrap_or(rest.len());
    rest[at..].starts_with(b"<")
}

/// What the first bytes of a file that is no ZIP or OLE file say it is: a kind [`known`], or
/// text, when named as a workbook.
fn by_head(head: &[u8], as_workbook: bool) -> Option<NotATable> {
    known(head).or_else(|| {
        (as_workbook && is_text(head))
            .then(|| NotATable::new(Say::TextNamedAsWorkbook, Say::NameTheTextFileCsv))
    })
}

/// The kind of file the first bytes of a file that is no ZIP or OLE file say it is (no text).
fn known(head: &[u8]) -> Option<NotATable> {
    let starts = |m: &[u8]| head.starts_with(m);
    let picture = |kind: &str| {
        NotATable::new(
            Text::say(Say::APictureNamedAsTable).arg("kind", kind),
            Say::AskForTheSpreadsheet,
        )
    };
    let archive = |kind: &str| {
        NotATable::new(
            Text::say(Say::AnArchiveNamedAsTable).arg("kind", kind),
            Say::UnpackAndNameTheTable,
        )
    };
    if starts(b"%PDF-") {
        return Some(NotATable::new(
            Say::APdfNamedAsTable,
            Say::ExportTheTableNotThePdf,
        ));
    }
    if starts(b"{\\rtf") {
        return Some(NotATable::new(
            Say::AnRtfNamedAsTable,
            Say::CopyTheTableIntoASheet,
        ));
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Some(picture("PNG"));
    }
    if starts(b"\xFF\xD8\xFF") {
        return Some(picture("JPEG"));
    }
    // (Its screen size follows in binary: a CSV may begin "GIF89a,".)
    let binary = |r: std::ops::Range<usize>| {
        head.get(r)
            .is_some_and(|b| b.iter().any(|&c| c < 0x20 && !b"\t\r\n".contains(&c)))
    };
    if (starts(b"GIF87a") || starts(b"GIF89a")) && binary(6..13) {
        return Some(picture("GIF"));
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return Some(picture("TIFF"));
    }
    if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        return Some(picture("WebP"));
    }
    // An iPhone's photo: an ISO box `ftyp` with a HEIF brand.
    if head.get(4..8) == Some(b"ftyp")
        && head
            .get(8..12)
            .is_some_and(|b| [&b"heic"[..], b"heix", b"mif1", b"heim"].contains(&b))
    {
        return Some(picture("HEIC"));
    }
    if starts(b"7z\xBC\xAF\x27\x1C") {
        return Some(archive("7-Zip (.7z)"));
    }
    if starts(b"Rar!\x1A\x07") {
        return Some(archive("RAR (.rar)"));
    }
    if starts(b"\x1F\x8B") {
        return Some(archive("gzip (.gz)"));
    }
    if let Some(root) = xml_root(head) {
        return Some(NotATable::new(
            Text::say(Say::AnXmlFileNamedAsTable).arg("root", root),
            Say::OpenTheXmlInExcel,
        ));
    }
    None
}

/// The root element of an XML document (one that declares itself `<?xml`, or begins with an
/// element and closes one), unless it is a web page or an XML spreadsheet (those are read:
/// `web_table`), in UTF-8 or UTF-16.
fn xml_root(head: &[u8]) -> Option<String> {
    let text = super::web_table::decode(head);
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !text.starts_with('<') || super::web_table::is_xml_spreadsheet(text) {
        return None;
    }
    // Without a declaration, XML by a closing tag or an empty element (a CSV does not begin
    // with `<`, a web page is read as one).
    let lower = text.to_ascii_lowercase();
    if !text.starts_with("<?xml")
        && (!(text.contains("</") || text.contains("/>"))
            || lower.contains("<table")
            || lower.contains("<html")
            || lower.starts_with("<!doctype"))
    {
        return None;
    }
    // The first start tag that is no declaration, comment or processing instruction.
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if rest.starts_with(|c: char| c.is_alphabetic() || c == '_') {
            let name: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '/'))
                .take(60)
                .collect();
            let local = name
                .rsplit(':')
                .next()
                .unwrap_or(&name)
                .to_ascii_lowercase();
            return (!matches!(local.as_str(), "html" | "table")).then_some(name);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(bytes: &[u8], as_workbook: bool) -> Option<String> {
        by_head(bytes, as_workbook).map(|n| format!("{:?}", n.found))
    }

    /// ZIPs that are no workbook: said by what they hold; a workbook's are not.
    #[test]
    fn zips_are_said_by_their_parts() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let zip_of = |name: &str, parts: &[&str]| {
            let path = dir.path().join(name);
            let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
            for p in parts {
                z.start_file(*p, zip::write::SimpleFileOptions::default())
                    .unwrap();
                z.write_all(b"x").unwrap();
            }
            z.finish().unwrap();
            path
        };
        let said = |path: &Path| format!("{:?}", not_a_table(path, true).map(|n| n.found));
        let numbers = zip_of(
            "a.xlsx",
            &["Index/Document.iwa", "Metadata/Properties.plist"],
        );
        assert!(
            said(&numbers).contains("Apple Numbers"),
            "{}",
            said(&numbers)
        );
        let docx = zip_of("b.csv", &["[Content_Types].xml", "word/document.xml"]);
        assert!(said(&docx).contains("Word (.docx)"));
        let archive = zip_of("c.csv", &["don-vi.csv", "can-bo.csv"]);
        assert!(said(&archive).contains("don-vi.csv, can-bo.csv"));
        // A damaged workbook is left to calamine's message.
        let book = zip_of("d.xlsx", &["[Content_Types].xml", "xl/workbook.xml"]);
        assert_eq!(not_a_table(&book, true), None);
    }

    #[test]
    fn files_that_are_no_table_are_said_for_what_they_are() {
        let pdf = kind(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", false).unwrap();
        assert!(pdf.contains("APdfNamedAsTable"), "{pdf}");
        assert!(
            kind(b"{\\rtf1\\ansi Hello}", false)
                .unwrap()
                .contains("AnRtfNamedAsTable")
        );
        assert!(
            kind(b"\x89PNG\r\n\x1a\n\0\0", false)
                .unwrap()
                .contains("PNG")
        );
        assert!(
            kind(b"\xFF\xD8\xFF\xE0\0\x10JFIF", false)
                .unwrap()
                .contains("JPEG")
        );
        assert!(
            kind(b"\0\0\0\x18ftypheic\0\0", false)
                .unwrap()
                .contains("HEIC")
        );
        assert!(kind(b"Rar!\x1A\x07\x01\0", false).unwrap().contains("RAR"));
        assert!(
            kind(b"7z\xBC\xAF\x27\x1C\0\x04", false)
                .unwrap()
                .contains("7-Zip")
        );
        let xml = kind(
            "<?xml version=\"1.0\"?>\n<!-- xuất từ phần mềm -->\n<DanhSachCanBo><CanBo/></DanhSachCanBo>"
                .as_bytes(),
            false,
        )
        .unwrap();
        assert!(xml.contains("\"DanhSachCanBo\""), "{xml}");
        let bare = kind(
            b"<DanhSach>\n<CanBo><Ma>K1</Ma></CanBo>\n</DanhSach>",
            false,
        )
        .unwrap();
        assert!(bare.contains("\"DanhSach\""), "{bare}");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "<?xml version=\"1.0\"?><Goc/>".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert!(kind(&utf16, false).unwrap().contains("\"Goc\""));
        assert_eq!(kind(b"GIF89a,name\nK1,A\n", false), None);
        assert!(
            kind(b"GIF89a\x80\x02\xe0\x01\xf7\0\0", false)
                .unwrap()
                .contains("GIF")
        );
        // What is read elsewhere, or is a table: nothing said here.
        assert_eq!(kind(b"id,name\nu1,A\n", false), None);
        assert_eq!(kind(&[0u8; 100], true), None);
        assert_eq!(
            kind(b"<?xml version=\"1.0\"?><html><table/></html>", false),
            None
        );
        let spreadsheet = "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"/>";
        assert_eq!(kind(spreadsheet.as_bytes(), true), None);
        // Text a table may be in: UTF-8 cut inside a letter, UTF-16, Windows-1258; not a PDF,
        // markup or binary.
        assert!(is_text(
            "id,tên\nU1,Bí th".as_bytes().split_last().unwrap().1
        ));
        assert!(is_text(b"\xFF\xFEi\x00d\x00"));
        assert!(is_text(b"id,name\r\nC01,Pha\xF2m\r\n"));
        assert!(!is_text(b"%PDF-1.4\n"));
        assert!(!is_text(b"<html><table>"));
        assert!(!is_text(b"\x01\x02 no zip \x03"));
        assert!(!is_text(b""));
        // Text under a workbook's name is said; under a CSV's it is the table.
        assert!(
            kind(b"id,name\n", true)
                .unwrap()
                .contains("TextNamedAsWorkbook")
        );
    }
}
