//! Reading files as text, and the small parsers shared by the YAML and CSV readers: booleans,
//! `;`-lists, `KEY:VALUE` lists, ISO dates, numbers, and "did you mean".

use super::diagnostic::{self as code, Diagnostic, Diags, Say, Text};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

use crate::domain::Date;

/// Files larger than this are refused (E1009) rather than read into memory.
const MAX_FILE_BYTES: u64 = 1 << 30;

/// Why a file could not be read as UTF-8 text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ReadFailure {
    NotFound,
    IsDirectory,
    /// Any other I/O problem (permissions, not a regular file, too large, a file used as a folder).
    Io(Text),
    /// The first byte sequence that is not UTF-8, located.
    NotUtf8 {
        line: usize,
        column: usize,
        found: Text,
        utf16: bool,
    },
    /// No table at all: a PDF, a picture, an archive (`file_kind`).
    NotATable(super::file_kind::NotATable),
    /// Text in TCVN3 (ABC), where its first non-UTF-8 byte is.
    Tcvn3 {
        line: usize,
        column: usize,
    },
}

/// `path` as it is on disk when it is not there as written: a Windows path's `\\` read as `/`,
/// and each name matched in Unicode NFC (a folder copied from a Mac names "cán-bộ.csv" in NFD,
/// the scenario typed on Windows in NFC: the same name to a person, two to the file system).
/// Unchanged when nothing matches (the error then names the path as written).
pub(crate) fn as_found(path: &Path) -> std::path::PathBuf {
    if path.exists() {
        return path.to_path_buf();
    }
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' && text.contains('\\') {
        let slashed = std::path::PathBuf::from(text.replace('\\', "/"));
        if slashed.exists() {
            return slashed;
        }
        return as_found_nfc(&slashed).unwrap_or_else(|| path.to_path_buf());
    }
    as_found_nfc(path).unwrap_or_else(|| path.to_path_buf())
}

/// [`as_found`]'s NFC match, component by component.
fn as_found_nfc(path: &Path) -> Option<std::path::PathBuf> {
    let mut out = std::path::PathBuf::new();
    for part in path.components() {
        let next = out.join(part);
        if next.exists() || !matches!(part, std::path::Component::Normal(_)) {
            out = next;
            continue;
        }
        let want: String = part.as_os_str().to_string_lossy().nfc().collect();
        let dir = if out.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &out
        };
        let found = std::fs::read_dir(dir)
            .ok()?
            .flatten()
            .find(|e| e.file_name().to_string_lossy().nfc().collect::<String>() == want)?;
        out.push(found.file_name());
    }
    Some(out)
}

/// Reads a whole file as UTF-8 text, dropping a UTF-8 byte-order mark.
pub(crate) fn read_text(path: &Path) -> Result<String, ReadFailure> {
    check_file(path)?;
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ReadFailure::NotFound),
        Err(e) => return Err(ReadFailure::Io(e.to_string().into())),
    };
    decode_utf8(bytes)
}

/// Reads a table (CSV) as text: UTF-8 as [`read_text`], or else Windows-1258 when the bytes are
/// plausibly Vietnamese in that code page, with the warning W1001 in `diags` (Excel on a Windows
/// set to Vietnamese saves "CSV (Comma delimited)" in it). The text is NFC, as UTF-8 files are
/// compared.
pub(crate) fn read_table_text(path: &Path, diags: &mut Diags) -> Result<String, ReadFailure> {
    check_file(path)?;
    if let Some(n) = super::file_kind::not_a_table(path, false) {
        return Err(ReadFailure::NotATable(n));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ReadFailure::NotFound),
        Err(e) => return Err(ReadFailure::Io(e.to_string().into())),
    };
    decode_table(path, bytes, diags)
}

/// [`read_table_text`] on bytes already read.
pub(crate) fn decode_table(
    path: &Path,
    bytes: Vec<u8>,
    diags: &mut Diags,
) -> Result<String, ReadFailure> {
    // Excel's "Unicode Text" (tab-separated UTF-16 with its byte order mark): lossless, read as
    // it is (a malformed one stays E1010).
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(&bytes)
        && enc != encoding_rs::UTF_8
        && let (text, false) = enc.decode_without_bom_handling(&bytes[bom..])
    {
        diags.note(Text::say(Say::NoteUtf16Read).arg("file", path.display()));
        return Ok(text.nfc().collect());
    }
    // UTF-16 without its byte order mark (some exports): every other byte 0 in ASCII text, and
    // Vietnamese letters were then called TCVN3. Read when it decodes cleanly.
    if let Some(enc) = utf16_without_bom(&bytes)
        && let (text, false) = enc.decode_without_bom_handling(&bytes)
    {
        diags.note(Text::say(Say::NoteUtf16Read).arg("file", path.display()));
        return Ok(text.nfc().collect());
    }
    let failure = match decode_utf8(bytes.clone()) {
        Ok(text) => return Ok(text),
        Err(f) => f,
    };
    let ReadFailure::NotUtf8 {
        line,
        column,
        utf16: false,
        ..
    } = failure
    else {
        return Err(failure);
    };
    if tcvn3_like(&bytes) {
        return Err(ReadFailure::Tcvn3 { line, column });
    }
    match windows_1258(&bytes) {
        Some(text) => {
            diags.push(
                Diagnostic::new(code::LEGACY_ENCODING, path)
                    .at(Some(line), Some(column))
                    .found(Say::WindowsCodePage)
                    .expected(Say::UTF8Text)
                    .fix(Say::SaveAsUtf8CheckNames),
            );
            Ok(text)
        }
        None => Err(failure),
    }
}

/// UTF-16 text without a byte order mark, by where its zero bytes are: the high byte of ASCII
/// (the tables' ids, digits, separators) is 0 at every odd offset (little-endian) or every even
/// one (big-endian). At least three pairs in ten hold such a 0 on one side and almost none on
/// the other: no UTF-8 or single-byte table has NUL bytes like that.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let pairs = bytes.len() / 2;
    if pairs < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for p in bytes.chunks_exact(2) {
        even += usize::from(p[0] == 0);
        odd += usize::from(p[1] == 0);
    }
    let (many, few) = (|n: usize| n * 10 >= pairs * 3, |n: usize| n * 20 < pairs);
    if many(odd) && few(even) {
        Some(encoding_rs::UTF_16LE)
    } else if many(even) && few(odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Whether the non-ASCII bytes are mostly well-formed UTF-8 (a UTF-8 file with a few damaged
/// places, whose continuation bytes 0x80–0xBF are no legacy letters).
pub(crate) fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut utf8_letters, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        utf8_letters += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    utf8_letters >= bad
}

/// Whether non-UTF-8 bytes look like TCVN3 (ABC, the ".VnTime" fonts of older offices): its
/// Vietnamese letters sit in 0xA1–0xBF ("¨" ă, "©" â, "®" đ, "µ" à, "¸" á, …), where Windows-1258
/// has symbols (§ ¶ × …) that personnel tables do not hold. Read as Windows-1258 such a file
/// became "NguyÔn V¨n B×nh", and its titles matched no rule. At least a fifth of the non-ASCII
/// bytes there, and three of them.
fn tcvn3_like(bytes: &[u8]) -> bool {
    if mostly_utf8(bytes) {
        return false;
    }
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    let symbols = bytes
        .iter()
        .filter(|&&b| (0xA1..=0xBF).contains(&b))
        .count();
    symbols >= 3 && symbols * 5 >= high
}

/// How many letters of `s` are the marks of a legacy Vietnamese font read as Unicode. TCVN3 (ABC,
/// ".VnTime") puts its letters on Latin-1's symbols ("¨" ă, "©" â, "®" đ, "µ" à, "¸" á, "×" ì:
/// "NguyÔn V¨n B×nh"): such a symbol counts between two letters, or beside one unless it is also
/// typography ("«Hà Nội»", "10°C", "km²", "Nº"). VNI-Times writes a tone or vowel mark as a
/// second letter after its vowel ("aû" ả, "eã" ễ, "aï" ạ: "Ñaûng uûy"), and đ, ư as "ñ", "ö"
/// before a vowel or a mark ("ñoác", "Tröôøng"): such a letter counts only there, so the "ü" of
/// "München", the "ä" of "Universität" and the "ç" of "François" do not. Unicode Vietnamese has
/// none of them ("Ð", Latin Eth, is left out: some keyboards type it for "Đ").
pub(crate) fn legacy_font_marks(s: &str) -> usize {
    // The cell was typed in Unicode, whatever else it holds ("Ea Ñuôl" of the Êđê spelling).
    if s.chars().any(unicode_vietnamese) {
        return 0;
    }
    let chars: Vec<char> = s.chars().collect();
    let at = |i: Option<usize>| i.and_then(|i| chars.get(i)).copied();
    let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    let vni_vowel = |c: Option<char>| c.is_some_and(|c| "aeiouyAEIOUYâêôöÂÊÔÖ".contains(c));
    let vni_tone = |c: char| "øØûÛïÏëËäÄåÅæÆçÇþÞÿüÜùÙúÚõÕãÃ".contains(c);
    (0..chars.len())
        .filter(|&i| {
            let (c, before, after) = (chars[i], at(i.checked_sub(1)), at(Some(i + 1)));
            // Not the soft hyphen, "´" and "·": Unicode text holds them (a word broken by
            // Word, an apostrophe in "Cư M´gar", a separator).
            let tcvn3 = (('\u{A1}'..='\u{BF}').contains(&c) && !matches!(c, '\u{AD}' | '´' | '·'))
                || matches!(c, '×' | '÷');
            if tcvn3 {
                let typography = matches!(
                    c,
                    '«' | '»'
                        | '°'
                        | '²'
                        | '³'
                        | '¹'
                        | 'º'
                        | 'ª'
                        | '±'
                        | '¼'
                        | '½'
                        | '¾'
                        | '§'
                        | '¦'
                );
                return (letter(before) && letter(after))
                    || (!typography && (letter(before) || letter(after)));
            }
            match c {
                'ñ' | 'Ñ' | 'ö' | 'Ö' => {
                    vni_vowel(after) || after.is_some_and(vni_tone) || vni_vowel(before)
                }
                // Marks that are also Vietnamese letters (ù ú õ ã) count only in the rarer
                // places above; these never stand for a Vietnamese letter.
                c if vni_tone(c) && !"ùÙúÚõÕãÃ".contains(c) => vni_vowel(before),
                _ => false,
            }
        })
        .count()
}

/// A letter only Unicode Vietnamese has (ă đ ĩ ũ ơ ư, the tone-marked vowels of U+1EA0–1EF9):
/// no legacy font and no Western code page writes it.
pub(crate) fn unicode_vietnamese(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư'
    ) || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

/// Letters of Latin-1's upper half that no Vietnamese word has ("ñ", "Þ", "Ø", not "à" or
/// "ô"), next to a letter: how TCVN3 text looks in a workbook ("Chñ tÞch UBND tØnh"). Foreign
/// names have them too, so only cells that hold no name (titles) count them. 0 when the cell has
/// a letter only Unicode Vietnamese writes.
pub(crate) fn latin1_in_words(s: &str) -> usize {
    if s.chars().any(unicode_vietnamese) {
        return 0;
    }
    let chars: Vec<char> = s.chars().collect();
    let letter = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphabetic())
    };
    (0..chars.len())
        .filter(|&i| {
            let c = chars[i];
            ('\u{C0}'..='\u{FF}').contains(&c)
                && c.is_alphabetic()
                && !"àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ".contains(c)
                && (letter(i.checked_sub(1)) || letter(Some(i + 1)))
        })
        .count()
}

/// The bytes as Windows-1258, NFC, if every byte is defined there, the text has a letter only
/// Vietnamese writes (ă â đ ê ô ơ ư, or a tone mark), and the bytes are not UTF-8 with a few
/// damaged places: a file whose non-ASCII bytes are mostly well-formed UTF-8 stays an E1010 (read
/// as Windows-1258 it would be mojibake, "Ä‘á»‘c" for "đốc"). So a file in another code page
/// (Latin-1 names), a binary or a damaged UTF-8 file is not read as Vietnamese by accident.
fn windows_1258(bytes: &[u8]) -> Option<String> {
    if mostly_utf8(bytes) {
        return None;
    }
    let text =
        encoding_rs::WINDOWS_1258.decode_without_bom_handling_and_without_replacement(bytes)?;
    let vietnamese = text.chars().any(|c| {
        matches!(
            c,
            'ă' | 'Ă' | 'â' | 'Â' | 'đ' | 'Đ' | 'ê' | 'Ê' | 'ô' | 'Ô' | 'ơ' | 'Ơ' | 'ư' | 'Ư'
        ) || matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
    });
    let controls = text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    (vietnamese && !controls).then(|| text.nfc().collect())
}

/// The file exists, is a regular file and is not too large.
pub(crate) fn check_file(path: &Path) -> Result<(), ReadFailure> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ReadFailure::NotFound),
        Err(e) => return Err(ReadFailure::Io(e.to_string().into())),
    };
    if meta.is_dir() {
        return Err(ReadFailure::IsDirectory);
    }
    if !meta.is_file() {
        return Err(ReadFailure::Io(Say::NotARegularFile.into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadFailure::Io(
            Text::say(Say::FileTooLarge)
                .arg("bytes", meta.len())
                .arg("max", MAX_FILE_BYTES),
        ));
    }
    Ok(())
}

/// UTF-8 bytes to text without a BOM; otherwise where the first bad byte is.
pub(crate) fn decode_utf8(bytes: Vec<u8>) -> Result<String, ReadFailure> {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{FEFF}') {
                text.drain(..'\u{FEFF}'.len_utf8());
            }
            // Two files joined (`copy /b a.csv+b.csv`): the second's BOM starts a line.
            if text.contains("\n\u{FEFF}") || text.contains("\r\u{FEFF}") {
                text = text.replace("\n\u{FEFF}", "\n").replace("\r\u{FEFF}", "\r");
            }
            Ok(text)
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            let valid = std::str::from_utf8(&bytes[..at]).unwrap_or("");
            let line = valid.matches('\n').count() + 1;
            let line_start = valid.rfind('\n').map(|i| i + 1).unwrap_or(0);
            let column = valid[line_start..].chars().count() + 1;
            let bad_len = e
                .utf8_error()
                .error_len()
                .unwrap_or(bytes.len() - at)
                .max(1);
            let shown: Vec<String> = bytes[at..]
                .iter()
                .take(bad_len.min(4))
                .map(|b| format!("0x{b:02X}"))
                .collect();
            Err(ReadFailure::NotUtf8 {
                line,
                column,
                found: Text::say(Say::TheBytes).arg("bytes", shown.join(" ")),
                utf16,
            })
        }
    }
}

/// A boolean cell: `true`/`false`, `1`/`0`, `yes`/`no`, `x`/empty, any case. `Ok(None)` when empty.
pub(crate) fn parse_bool(s: &str) -> Result<Option<bool>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match crate::domain::text::key(s).as_str() {
        // A tick, as offices mark a column (✓ ✔ ☑ √, "v", Wingdings' ✓ saved as "ü", a bullet, a
        // star, a plus); a cross may mark either way: not read.
        "true" | "1" | "yes" | "x" | "có" | "co" | "đúng" | "dung" | "✓" | "✔" | "☑" | "✅"
        | "√" | "v" | "ü" | "•" | "●" | "*" | "+" => Ok(Some(true)),
        // "Y"/"N", a spreadsheet's number with its decimals, and "Nổi trội" (outstanding) as
        // planning lists write the `outstanding` column.
        "y" | "1.0" | "nổi trội" | "noi troi" => Ok(Some(true)),
        "false" | "0" | "no" | "không" | "khong" | "sai" | "n" | "0.0" => Ok(Some(false)),
        _ => Err(()),
    }
}

pub(crate) const BOOL_EXPECTED: Say = Say::BoolExpected;

/// `a; b;;c ` → `["a", "b", "c"]`.
pub(crate) fn split_list(s: &str) -> Vec<&str> {
    s.split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect()
}

/// One bad item of a `KEY:VALUE` list.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PairSyntax {
    pub item: String,
}

/// `P01:22; P07:3` → `[("P01", "22"), ("P07", "3")]`; an item without `:`, with two of them
/// (`P01:22, P07:3`: a list separated by commas) or with an empty side is an error. (Items on
/// the lines of one cell are split at read, `tables::lines_as_list`.)
pub(crate) fn split_pairs(s: &str) -> Result<Vec<(&str, &str)>, PairSyntax> {
    let mut out = Vec::new();
    for item in split_list(s) {
        match item.split_once(':').filter(|(_, v)| !v.contains(':')) {
            Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => {
                out.push((k.trim(), v.trim()));
            }
            _ => {
                return Err(PairSyntax {
                    item: item.to_string(),
                });
            }
        }
    }
    Ok(out)
}

/// How the tables write dates (`date_format:` of the scenario). ISO `YYYY-MM-DD` is always read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum DateFormat {
    /// ISO, or day/month/year as Vietnamese offices write it (`28/03/1975`, `5/3/1975`).
    #[default]
    Auto,
    /// ISO only.
    Iso,
    /// ISO, or day/month/year.
    DayMonthYear,
    /// ISO, or month/day/year (Excel with US regional settings).
    MonthDayYear,
}

impl DateFormat {
    /// The names `date_format:` takes, in the scenario file.
    pub(crate) const NAMES: &'static [(&'static str, DateFormat)] = &[
        ("auto", DateFormat::Auto),
        ("yyyy-mm-dd", DateFormat::Iso),
        ("dd/mm/yyyy", DateFormat::DayMonthYear),
        ("mm/dd/yyyy", DateFormat::MonthDayYear),
    ];

    /// What a date cell may hold, for "expected:".
    pub(crate) fn expected(self) -> Say {
        match self {
            DateFormat::Iso => Say::DateIso,
            DateFormat::Auto | DateFormat::DayMonthYear => Say::DateIsoOrDmy,
            DateFormat::MonthDayYear => Say::DateIsoOrMdy,
        }
    }
}

/// A strict ISO date `YYYY-MM-DD` (a real calendar day). The error says what is wrong.
#[cfg(test)]
pub(crate) fn parse_date(s: &str) -> Result<Date, Say> {
    parse_date_as(s, DateFormat::Iso)
}

const NOT_A_DAY: Say = Say::NotADay;

/// A date in ISO form, or in the day/month/year (or month/day/year) form `format` allows, with
/// `/`, `.` or `-` between the parts and one or two digits for the day and the month.
pub(crate) fn parse_date_as(s: &str, format: DateFormat) -> Result<Date, Say> {
    let b = s.trim().as_bytes();
    let digits = |r: &[u8]| -> Option<u32> {
        (!r.is_empty() && r.len() <= 4 && r.iter().all(u8::is_ascii_digit))
            .then(|| r.iter().fold(0u32, |acc, c| acc * 10 + u32::from(c - b'0')))
    };
    let iso = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if iso {
        let (y, m, d) = (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]));
        return match (y, m, d) {
            (Some(y), Some(m), Some(d)) => {
                Date::from_ymd_opt(y as i32, m, d).ok_or(Say::NotADayIso)
            }
            _ => Err(format.expected()),
        };
    }
    if format == DateFormat::Iso {
        return Err(format.expected());
    }
    let sep = match b.iter().find(|c| matches!(c, b'/' | b'.' | b'-')) {
        Some(&c) => c,
        None => return Err(format.expected()),
    };
    let parts: Vec<&[u8]> = b.split(|&c| c == sep).collect();
    let [p1, p2, y] = parts.as_slice() else {
        return Err(format.expected());
    };
    let (Some(p1), Some(p2), Some(yv)) = (digits(p1), digits(p2), digits(y)) else {
        return Err(format.expected());
    };
    // Year first with a month or day of one digit (`1975-3-28`, `1975/03/28`): no other order
    // puts four digits first.
    if parts[0].len() == 4 && y.len() <= 2 && parts[1].len() <= 2 {
        return Date::from_ymd_opt(p1 as i32, p2, yv).ok_or(NOT_A_DAY);
    }
    if p1 > 99 || p2 > 99 || y.len() != 4 {
        return Err(format.expected());
    }
    let (d, m) = match format {
        DateFormat::MonthDayYear => (p2, p1),
        _ => (p1, p2),
    };
    Date::from_ymd_opt(yv as i32, m, d).ok_or(NOT_A_DAY)
}

/// A date cell in a form the strict reader refuses, as offices write them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum LooseDate {
    /// A whole date: written out in Vietnamese (`28 tháng 3 năm 1975`, `ngày 28/3/1975`), or
    /// with a midnight time after it (`28/03/1975 12:00:00 SA`, `1975-03-28 00:00:00`, as
    /// programs export a date).
    Written(Date),
    /// A month and a year alone (`03/1975`, `T3/1975`, `tháng 3 năm 1975`): its first day.
    MonthYear(Date),
    /// A year alone (`1975`).
    YearAlone,
    /// A two-digit year (`28/03/75`, `tháng 3/75`).
    TwoDigitYear,
    /// Day, month and year written out that make no calendar day (`30 tháng 2 năm 1975`).
    NoSuchDay,
    /// A quarter of a year (`Quý III/2028`, `Q3-2028`, `quý 3 năm 2028`): its first and last day.
    Quarter(Date, Date),
}

/// `Quý III/2028`, `quý 3 năm 2028`, `Q3/2028`, `Q3-2028`: the quarter's first and last day.
fn quarter(lower: &str) -> Option<LooseDate> {
    let rest = ["quý", "quí", "quy", "qui", "q"]
        .iter()
        .find_map(|p| lower.trim_end_matches('.').strip_prefix(p))?
        .trim_start();
    let n_len = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, 'i' | 'v')))
        .unwrap_or(rest.len());
    let q = match &rest[..n_len] {
        "1" | "i" => 1,
        "2" | "ii" => 2,
        "3" | "iii" => 3,
        "4" | "iv" => 4,
        _ => return None,
    };
    let year = rest[n_len..]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | '.' | ','))
        .trim_start_matches("năm")
        .trim();
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = year.parse().ok()?;
    let first = Date::from_ymd_opt(y, (q - 1) * 3 + 1, 1)?;
    let last = Date::from_ymd_opt(y, q * 3, if q == 1 || q == 4 { 31 } else { 30 })?;
    Some(LooseDate::Quarter(first, last))
}

/// What a date cell the strict reader refuses is, when it is one of the forms of [`LooseDate`];
/// numbers without the words of a date are read in the order `format` says.
pub(crate) fn loose_date(s: &str, format: DateFormat) -> Option<LooseDate> {
    // Full-width digits and slashes (an East Asian input method) as ASCII.
    let lower: String = ascii_digits(&crate::domain::text::normalize(s).to_lowercase())
        .chars()
        .map(|c| match c {
            '／' => '/',
            '－' => '-',
            '．' => '.',
            c => c,
        })
        .collect();
    // Spaces around the separators ("29 / 06 / 1983"); a full stop after the date
    // ("29/06/1983."), a backslash or a comma between its numbers ("29\06\1983", "29,06,1983").
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    let numbers_only = compact
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-' | '\\' | ','));
    let compact: String = if numbers_only {
        compact
            .trim_end_matches('.')
            .chars()
            .map(|c| if matches!(c, '\\' | ',') { '/' } else { c })
            .collect()
    } else {
        compact
    };
    if compact != crate::domain::text::normalize(s).to_lowercase()
        && let Ok(d) = parse_date_as(&compact, format)
    {
        return Some(LooseDate::Written(d));
    }
    if let Some(d) = english_month_date(&lower) {
        return Some(d);
    }
    if let Some(q) = quarter(lower.trim()) {
        return Some(q);
    }
    // The month in words ("29 tháng Sáu năm 1983", "tháng Chạp"): its number.
    let mut lower = lower;
    for (word, n) in MONTH_WORDS {
        let from = format!("tháng {word}");
        // The month word as a whole word ("tháng Năm 2026", "tháng năm năm 2026").
        if let Some(at) = lower.find(&from)
            && lower[at + from.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphabetic())
        {
            lower.replace_range(at..at + from.len(), &format!("tháng {n}"));
        }
    }
    // A midnight time after a date (a program's export of a date column).
    let midnight = [
        "00:00:00.000",
        "00:00:00",
        "0:00:00",
        "00:00",
        "0:00",
        "12:00:00 am",
        "12:00:00 sa",
    ];
    for time in midnight {
        if let Some(date) = lower
            .strip_suffix(time)
            .map(|d| d.trim_end_matches([' ', 't']))
            && (date.len() < lower.len() - time.len()
                || date.ends_with(|c: char| c.is_ascii_digit()))
        {
            return parse_date_as(date, format).ok().map(LooseDate::Written);
        }
    }
    // "ngày 13/05/1975": the numbers in the scenario's order.
    if let Some(rest) = lower.strip_prefix("ngày")
        && !lower.contains("tháng")
    {
        return parse_date_as(rest.trim(), format)
            .ok()
            .map(LooseDate::Written);
    }
    let words = lower.contains("tháng") || lower.contains("năm");
    // The numbers of the cell, each with its digit count; anything but the words of a date,
    // its separators and a "T" or "Th" before the month ("T3/1975") makes it no loose date.
    let mut nums: Vec<(u32, usize)> = Vec::new();
    let mut rest = lower.as_str();
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            if digits > 4 {
                return None;
            }
            nums.push((rest[..digits].parse().ok()?, digits));
            rest = &rest[digits..];
            continue;
        }
        let word = ["ngày", "tháng", "năm", "th", "t", "/", "-", ".", ",", " "]
            .into_iter()
            .find(|w| rest.starts_with(w))?;
        rest = &rest[word.len()..];
    }
    let is_year = |(v, n): (u32, usize)| n == 4 && (1900..=2200).contains(&v);
    let t_month = !words && lower.trim_start().starts_with('t');
    match nums.as_slice() {
        // An unknown day written 00 ("00/06/1983"), an unknown month too ("00/00/1983").
        [d, m, y] if d.0 == 0 && d.1 == 2 && m.0 == 0 && is_year(*y) => Some(LooseDate::YearAlone),
        [d, m, y] if d.0 == 0 && d.1 == 2 && m.1 <= 2 && is_year(*y) => {
            Date::from_ymd_opt(y.0 as i32, m.0, 1).map(LooseDate::MonthYear)
        }
        [d, m, y] if words && is_year(*y) => Some(
            Date::from_ymd_opt(y.0 as i32, m.0, d.0)
                .map_or(LooseDate::NoSuchDay, LooseDate::Written),
        ),
        [d, m, y] if y.1 == 2 && d.1 <= 2 && m.1 <= 2 => Some(LooseDate::TwoDigitYear),
        [m, y] if is_year(*y) && m.1 <= 2 && (words || t_month || !lower.contains(' ')) => {
            Date::from_ymd_opt(y.0 as i32, m.0, 1).map(LooseDate::MonthYear)
        }
        [m, y] if y.1 == 2 && m.1 <= 2 && (words || t_month) => Some(LooseDate::TwoDigitYear),
        [y] if is_year(*y) && !t_month => Some(LooseDate::YearAlone),
        _ => None,
    }
}

/// Vietnamese months in words, the longer first ("mười hai" before "mười").
const MONTH_WORDS: &[(&str, u32)] = &[
    ("mười hai", 12),
    ("mười một", 11),
    ("chạp", 12),
    ("giêng", 1),
    ("một", 1),
    ("hai", 2),
    ("ba", 3),
    ("tư", 4),
    ("bốn", 4),
    ("năm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
];

/// A date with its month in English, as programs export it ("29-Jun-1983", "29 June 1983",
/// "Jun 29, 1983"): the month named, the day and the four-digit year the other two numbers.
fn english_month_date(lower: &str) -> Option<LooseDate> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let mut month = None;
    let mut nums: Vec<&str> = Vec::new();
    for token in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        if token.bytes().all(|b| b.is_ascii_digit()) {
            nums.push(token);
            continue;
        }
        let m = MONTHS.iter().position(|m| {
            token.starts_with(m) && (token.len() == 3 || english_month_name(token))
        })?;
        if month.replace(m as u32 + 1).is_some() {
            return None;
        }
    }
    let (month, [a, b]) = (month?, nums.as_slice()) else {
        return None;
    };
    let (day, year) = if a.len() == 4 { (b, a) } else { (a, b) };
    if year.len() != 4 || day.len() > 2 {
        return None;
    }
    let d = Date::from_ymd_opt(year.parse().ok()?, month, day.parse().ok()?);
    Some(d.map_or(LooseDate::NoSuchDay, LooseDate::Written))
}

/// A whole English month's name, or "sept".
fn english_month_name(token: &str) -> bool {
    matches!(
        token,
        "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "sept"
            | "october"
            | "november"
            | "december"
    )
}

/// The first two parts of a non-ISO date (`14/02/1982` → `(14, 2)`), for telling which order a
/// column writes: `None` for ISO dates and anything that is not three numbers with a 4-digit year.
pub(crate) fn date_parts(s: &str) -> Option<(u32, u32)> {
    let b = s.trim().as_bytes();
    if b.len() == 10 && b[4] == b'-' {
        return None;
    }
    let sep = *b.iter().find(|c| matches!(c, b'/' | b'.' | b'-'))?;
    let parts: Vec<&[u8]> = b.split(|&c| c == sep).collect();
    let [p1, p2, y] = parts.as_slice() else {
        return None;
    };
    let num = |r: &[u8]| -> Option<u32> {
        (!r.is_empty() && r.len() <= 2 && r.iter().all(u8::is_ascii_digit))
            .then(|| r.iter().fold(0u32, |acc, c| acc * 10 + u32::from(c - b'0')))
    };
    (y.len() == 4 && y.iter().all(u8::is_ascii_digit)).then_some(())?;
    Some((num(p1)?, num(p2)?))
}

/// Full-width digits (an East Asian input method: "５") as ASCII ones.
pub(crate) fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| ('０'..='９').contains(&c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect()
}

/// An integer cell; `3.0` (as spreadsheets write it) is accepted as 3. Digits grouped by threes
/// (`1.000`, `1,000`, `12.500.000`) are refused: Vietnamese settings write a thousand as `1.000`,
/// English ones as `1,000`, and either read as a decimal would be 1.
pub(crate) fn parse_int(s: &str) -> Option<i64> {
    let ascii = ascii_digits(s);
    let s = ascii.trim();
    if let Ok(v) = s.parse::<i64>() {
        return Some(v);
    }
    if grouped_by_threes(s) {
        return None;
    }
    let f = parse_decimal(s)?;
    if f.fract() == 0.0 && f.abs() < 1e15 {
        Some(f as i64)
    } else {
        None
    }
}

/// A whole number with a remark beside it, as offices annotate counts: `3 (thiếu nhiều)`,
/// `2 người`, `1 (chờ tuyển)`: the number and the remark. A remark holding a digit (`3 (2 PGĐ)`)
/// is no remark: which number is meant is not known.
pub(crate) fn number_with_remark(s: &str) -> Option<(i64, &str)> {
    let s = s.trim();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (number, rest) = s.split_at(digits);
    let remark = rest.trim_start();
    let spaced = remark.len() < rest.len();
    let bracketed = remark.starts_with(['(', '[']) && remark.ends_with([')', ']']);
    let worded = spaced && remark.chars().next().is_some_and(char::is_alphabetic);
    ((bracketed || worded) && !remark.chars().any(|c| c.is_ascii_digit()))
        .then(|| number.parse().ok().map(|n| (n, remark)))?
}

/// `1.000`, `-12,500,000`: a lead of 1–3 digits, then groups of a separator (one kind) and
/// three digits.
pub(crate) fn grouped_by_threes(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let Some(sep) = s.chars().find(|c| matches!(c, '.' | ',')) else {
        return false;
    };
    let mut parts = s.split(sep);
    let lead = parts.next().unwrap_or("");
    (1..=3).contains(&lead.len())
        && lead.bytes().all(|b| b.is_ascii_digit())
        && parts.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// A finite decimal number with a dot (`22.5`), or with a decimal comma as Excel writes it with
/// Vietnamese regional settings (`22,5`, only when there is no dot and one comma); not `inf`/`NaN`.
pub(crate) fn parse_decimal(s: &str) -> Option<f64> {
    let s = s.trim();
    let comma;
    let s = if !s.contains('.') && s.matches(',').count() == 1 {
        comma = s.replace(',', ".");
        comma.as_str()
    } else {
        s
    };
    // Rust also parses "inf", "nan", "infinity": only digits, sign, dot and exponent are numbers here.
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E'))
    {
        return None;
    }
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// The candidate nearest to `word` by edit distance (case-insensitive, a transposition counts as
/// one edit), if it is within `max_distance`. Ties go to the earliest candidate.
pub(crate) fn closest<'a, I>(word: &str, candidates: I, max_distance: usize) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let w = word.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let d = strsim::osa_distance(&w, &c.to_lowercase());
        if d <= max_distance && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// "Did you mean" among names (keys, columns, enum values): about a third of the word may differ.
pub(crate) fn closest_name<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(word, candidates, (word.chars().count() / 3).max(1))
}

/// "Did you mean" among post titles: only a likely misspelling — after folding case and diacritics
/// at most one letter in six differs — and never a title that only adds or drops whole words. A
/// cadre planned for "Giám đốc Sở Nội vụ" when only "Phó Giám đốc Sở Nội vụ" is vacant is planned
/// for a higher title, not misspelt; suggesting the deputy's title would be wrong advice.
pub(crate) fn closest_title<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let w = crate::domain::text::fold(word);
    let max = (w.chars().count() / 6).max(1);
    let words_apart = |a: &str, b: &str| {
        a != b
            && (a.ends_with(&format!("-{b}"))
                || a.starts_with(&format!("{b}-"))
                || b.ends_with(&format!("-{a}"))
                || b.starts_with(&format!("{a}-")))
    };
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let f = crate::domain::text::fold(c);
        if words_apart(&w, &f) {
            continue;
        }
        let d = strsim::osa_distance(&w, &f);
        if d <= max && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// "Did you mean" among ids: ids are short codes, so up to half of one may differ.
pub(crate) fn closest_id<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(word, candidates, word.chars().count().div_ceil(2).max(2))
}

/// `did you mean "x"?` or nothing.
pub(crate) fn did_you_mean(suggestion: Option<&str>) -> Text {
    match suggestion {
        Some(s) => Text::say(Say::DidYouMean).arg("name", format!("{s:?}")),
        None => Text::default(),
    }
}

/// `a, b, c` with each name quoted.
pub(crate) fn one_of(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_offices_write_them() {
        let day = |y, m, d| Date::from_ymd_opt(y, m, d).unwrap();
        use LooseDate::*;
        for (cell, want) in [
            ("28 tháng 3 năm 1975", Some(Written(day(1975, 3, 28)))),
            ("Ngày 28 tháng 03 năm 1975", Some(Written(day(1975, 3, 28)))),
            ("ngày 5/3/1975", Some(Written(day(1975, 3, 5)))),
            ("28/03/1975 12:00:00 SA", Some(Written(day(1975, 3, 28)))),
            ("1975-03-28 00:00:00", Some(Written(day(1975, 3, 28)))),
            ("1975-03-28T00:00:00.000", Some(Written(day(1975, 3, 28)))),
            ("28/03/1975 0:00", Some(Written(day(1975, 3, 28)))),
            ("28/03/1975 08:30", None),
            ("ngày 30 tháng 2 năm 1975", Some(NoSuchDay)),
            ("ngày 28 tháng 3 năm 75", Some(TwoDigitYear)),
            ("tháng 3/75", Some(TwoDigitYear)),
            ("Th3/1975", Some(MonthYear(day(1975, 3, 1)))),
            ("03/1975", Some(MonthYear(day(1975, 3, 1)))),
            ("3-1975", Some(MonthYear(day(1975, 3, 1)))),
            ("T3/1975", Some(MonthYear(day(1975, 3, 1)))),
            ("Tháng 12/1975", Some(MonthYear(day(1975, 12, 1)))),
            ("tháng 3 năm 1975", Some(MonthYear(day(1975, 3, 1)))),
            ("13/1975", None),
            (
                "Quý III/2028",
                Some(Quarter(day(2028, 7, 1), day(2028, 9, 30))),
            ),
            (
                "quý 4 năm 2028",
                Some(Quarter(day(2028, 10, 1), day(2028, 12, 31))),
            ),
            ("Q1-2029", Some(Quarter(day(2029, 1, 1), day(2029, 3, 31)))),
            (
                "Quí II/2028.",
                Some(Quarter(day(2028, 4, 1), day(2028, 6, 30))),
            ),
            ("Quý V/2028", None),
            ("Quy 2/28", None),
            ("1975", Some(YearAlone)),
            ("năm 1975", Some(YearAlone)),
            ("28/03/75", Some(TwoDigitYear)),
            ("3 1975", None),
            ("1975/03", None),
            ("12345", None),
            ("abc", None),
            ("", None),
            // The month in words, in English, spaced separators, full-width digits, day 00.
            ("29 tháng Sáu năm 1983", Some(Written(day(1983, 6, 29)))),
            (
                "ngày 29 tháng sáu năm 1983",
                Some(Written(day(1983, 6, 29))),
            ),
            ("3 tháng Mười Hai năm 1978", Some(Written(day(1978, 12, 3)))),
            ("3 tháng năm năm 1978", Some(Written(day(1978, 5, 3)))),
            ("tháng Giêng năm 1978", Some(MonthYear(day(1978, 1, 1)))),
            ("tháng Năm 2026", Some(MonthYear(day(2026, 5, 1)))),
            ("29-Jun-1983", Some(Written(day(1983, 6, 29)))),
            ("29 June 1983", Some(Written(day(1983, 6, 29)))),
            ("Jun 29, 1983", Some(Written(day(1983, 6, 29)))),
            ("31-Feb-1983", Some(NoSuchDay)),
            ("29 / 06 / 1983", Some(Written(day(1983, 6, 29)))),
            ("２９/０６/１９８３", Some(Written(day(1983, 6, 29)))),
            ("00/06/1983", Some(MonthYear(day(1983, 6, 1)))),
            ("00/00/1983", Some(YearAlone)),
            ("Junk 29 1983", None),
            // A full stop after the date, a backslash or a comma between its numbers.
            ("29/06/1983.", Some(Written(day(1983, 6, 29)))),
            ("29\\06\\1983", Some(Written(day(1983, 6, 29)))),
            ("29,06,1983", Some(Written(day(1983, 6, 29)))),
        ] {
            assert_eq!(loose_date(cell, DateFormat::Auto), want, "{cell}");
        }
        // Numbers without the words of a date are read in the scenario's order.
        let mdy = loose_date("ngày 05/13/1975", DateFormat::MonthDayYear);
        assert_eq!(mdy, Some(Written(day(1975, 5, 13))));
        assert_eq!(
            loose_date("ngày 13/05/1975", DateFormat::MonthDayYear),
            None
        );
    }

    #[test]
    fn a_title_suggestion_is_a_misspelling_not_another_rank() {
        let titles = [
            "Phó Giám đốc Sở Nội vụ",
            "Giám đốc Sở Nội vụ",
            "Bí thư Đảng ủy",
        ];
        assert_eq!(
            closest_title("Giám đốc Sở Nội vu", titles),
            Some("Giám đốc Sở Nội vụ")
        );
        assert_eq!(
            closest_title("giam doc so noi vu", titles),
            Some("Giám đốc Sở Nội vụ")
        );
        let vacant = ["Phó Giám đốc Sở Nội vụ", "Bí thư Đảng ủy"];
        assert_eq!(closest_title("Giám đốc Sở Nội vụ", vacant), None);
        assert_eq!(closest_title("Bí thư Huyện ủy", vacant), None);
        assert_eq!(
            closest_title("Bí thư Đảng uỷ", vacant),
            Some("Bí thư Đảng ủy")
        );
    }

    #[test]
    fn booleans() {
        for s in ["true", "TRUE", "True", "1", "yes", "YES", "x", "X", " x "] {
            assert_eq!(parse_bool(s), Ok(Some(true)), "{s}");
        }
        for s in ["false", "False", "0", "no", "NO"] {
            assert_eq!(parse_bool(s), Ok(Some(false)), "{s}");
        }
        assert_eq!(parse_bool(""), Ok(None));
        assert_eq!(parse_bool("✓"), Ok(Some(true)));
        assert_eq!(parse_bool("✔"), Ok(Some(true)));
        // The other ticks offices type: a square root, "v", Wingdings' tick saved as "ü".
        for s in ["√", "v", "V", "ü", "•", "*", "+", "✅"] {
            assert_eq!(parse_bool(s), Ok(Some(true)), "{s}");
        }
        assert_eq!(parse_bool("   "), Ok(None));
        // Vietnamese, in any case and in NFC or decomposed (NFD) form.
        for s in ["có", "Có", "CÓ", "co\u{301}"] {
            assert_eq!(parse_bool(s), Ok(Some(true)), "{s}");
        }
        for s in ["không", "Không", "KHÔNG", "kho\u{302}ng"] {
            assert_eq!(parse_bool(s), Ok(Some(false)), "{s}");
        }
        // Typed without a Vietnamese keyboard, and "đúng"/"sai" (right/wrong).
        for (s, b) in [
            ("co", true),
            ("khong", false),
            ("đúng", true),
            ("Sai", false),
        ] {
            assert_eq!(parse_bool(s), Ok(Some(b)), "{s}");
        }
        for s in ["2", "truee", "-", "yy"] {
            assert_eq!(parse_bool(s), Err(()), "{s}");
        }
        // "Y"/"N" as planning lists write them.
        for (s, b) in [("Y", true), ("n", false), ("1.0", true), ("Nổi trội", true)] {
            assert_eq!(parse_bool(s), Ok(Some(b)), "{s}");
        }
    }

    #[test]
    fn lists() {
        assert_eq!(split_list(""), Vec::<&str>::new());
        assert_eq!(split_list(" ; ;"), Vec::<&str>::new());
        assert_eq!(
            split_list("Bí thư; Chủ tịch UBND ;;pc_chair"),
            vec!["Bí thư", "Chủ tịch UBND", "pc_chair"]
        );
        assert_eq!(
            split_pairs("P01:22; P07 : 3.5;"),
            Ok(vec![("P01", "22"), ("P07", "3.5")])
        );
        assert_eq!(split_pairs(""), Ok(vec![]));
        assert_eq!(
            split_pairs("P01:22;P07"),
            Err(PairSyntax { item: "P07".into() })
        );
        assert_eq!(split_pairs(":3"), Err(PairSyntax { item: ":3".into() }));
        assert_eq!(
            split_pairs("P01:"),
            Err(PairSyntax {
                item: "P01:".into()
            })
        );
        assert_eq!(split_pairs("P01=22").unwrap_err().item, "P01=22");
        // Items separated by a comma or a line break are one item with two colons, not a
        // province named "lam-son:22, ha-noi".
        assert_eq!(
            split_pairs("lam-son:22, ha-noi:3").unwrap_err().item,
            "lam-son:22, ha-noi:3"
        );
        // Cells reach here normalised: a line break is a space, and two items run together.
        assert!(split_pairs("lam-son:22 ha-noi:3").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("1975-03-28"),
            Ok(Date::from_ymd_opt(1975, 3, 28).unwrap())
        );
        assert_eq!(
            parse_date(" 2024-02-29 "),
            Ok(Date::from_ymd_opt(2024, 2, 29).unwrap())
        );
        for s in [
            "2023-02-29",
            "1975-13-01",
            "1975-00-10",
            "1975-1-5",
            "28/03/1975",
            "1975/03/28",
            "",
            "19750328",
            "1975-03-28T00:00",
            "١٩٧٥-٠٣-٢٨",
        ] {
            assert!(parse_date(s).is_err(), "{s}");
        }
        let d = |y, m, d| Ok(Date::from_ymd_opt(y, m, d).unwrap());
        use DateFormat::*;
        assert_eq!(parse_date_as("28/03/1975", Auto), d(1975, 3, 28));
        assert_eq!(parse_date_as("5/3/1975", Auto), d(1975, 3, 5));
        assert_eq!(parse_date_as("05.03.1975", DayMonthYear), d(1975, 3, 5));
        assert_eq!(parse_date_as("5/3/1975", MonthDayYear), d(1975, 5, 3));
        assert_eq!(parse_date_as("1975-03-28", MonthDayYear), d(1975, 3, 28));
        assert_eq!(parse_date_as("1975-3-28", Auto), d(1975, 3, 28));
        assert_eq!(parse_date_as("1975/03/28", MonthDayYear), d(1975, 3, 28));
        assert!(parse_date_as("1975-3-28", Iso).is_err());
        assert_eq!(parse_date_as("29/02/2024", Auto), d(2024, 2, 29));
        for s in ["28/03/1975", "5/3/75"] {
            assert!(parse_date_as(s, Iso).is_err(), "{s}");
        }
        for s in [
            "03/28/1975",
            "29/02/2023",
            "5/3/75",
            "1/2/3/2020",
            "a/b/1975",
            "/3/1975",
            "123/3/1975",
        ] {
            assert!(parse_date_as(s, Auto).is_err(), "{s}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_int("3"), Some(3));
        assert_eq!(parse_int(" -2 "), Some(-2));
        assert_eq!(parse_int("3.0"), Some(3));
        assert_eq!(parse_int("3.5"), None);
        // A thousand written with a separator is not 1.
        for s in ["1.000", "1,000", "-12.500.000", "2,500,000"] {
            assert_eq!(parse_int(s), None, "{s}");
        }
        assert_eq!(parse_int("3.00"), Some(3));
        assert_eq!(parse_int("1000"), Some(1000));
        assert_eq!(parse_int("three"), None);
        assert_eq!(parse_int(""), None);
        assert_eq!(parse_decimal("22.5"), Some(22.5));
        assert_eq!(parse_decimal("1e2"), Some(100.0));
        assert_eq!(parse_decimal("inf"), None);
        assert_eq!(parse_decimal("NaN"), None);
        assert_eq!(parse_decimal("22,5"), Some(22.5));
        assert_eq!(parse_decimal("1,000,5"), None);
        assert_eq!(parse_decimal("1.000,5"), None);
        assert_eq!(parse_decimal("1e999"), None);
    }

    #[test]
    fn suggestions() {
        let keys = ["staffing", "training", "fit", "disruption"];
        assert_eq!(closest_name("stafing", keys), Some("staffing"));
        assert_eq!(closest_name("Staffing", keys), Some("staffing"));
        assert_eq!(closest_name("trianing", keys), Some("training"));
        assert_eq!(closest_name("speed", keys), None);
        assert_eq!(closest_name("fti", keys), Some("fit"));
        let ids = ["C001", "C002", "C010"];
        assert_eq!(closest_id("C01", ids), Some("C001"));
        assert_eq!(closest_id("C011", ids), Some("C001"));
        assert_eq!(closest_id("XYZ999", ids), None);
        let en = |t: Text| crate::report::text(crate::domain::Lang::En, &t);
        assert_eq!(en(did_you_mean(Some("a"))), "did you mean \"a\"? ");
        assert_eq!(en(did_you_mean(None)), "");
        assert_eq!(closest_name("x", std::iter::empty()), None);
    }

    #[test]
    fn utf8_decoding() {
        assert_eq!(
            decode_utf8(b"\xEF\xBB\xBFid,name\n".to_vec()).unwrap(),
            "id,name\n"
        );
        assert_eq!(decode_utf8("Bí thư".as_bytes().to_vec()).unwrap(), "Bí thư");
        match decode_utf8(b"id\nab\xE1c\n".to_vec()) {
            Err(ReadFailure::NotUtf8 {
                line,
                column,
                utf16,
                ..
            }) => {
                assert_eq!((line, column, utf16), (2, 3, false));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            decode_utf8(b"\xFF\xFEi\x00d\x00".to_vec()),
            Err(ReadFailure::NotUtf8 { utf16: true, .. })
        ));
        assert!(matches!(
            decode_utf8(b"ok\xF0".to_vec()),
            Err(ReadFailure::NotUtf8 { .. })
        ));
    }

    /// Excel's "Unicode Text": UTF-16 with its byte order mark, read (NFC) with a note.
    #[test]
    fn utf16_tables_with_their_byte_order_mark_are_read() {
        let path = Path::new("units.txt");
        for (bom, unit) in [
            ([0xFF, 0xFE], u16::to_le_bytes as fn(u16) -> [u8; 2]),
            ([0xFE, 0xFF], u16::to_be_bytes),
        ] {
            let mut bytes = bom.to_vec();
            // "Bí thư" with its tone marks apart (NFD), as some programs write.
            for u in "id\tname\r\nU1\tBi\u{301} thư\r\n".encode_utf16() {
                bytes.extend(unit(u));
            }
            let mut diags = Diags::default();
            let text = decode_table(path, bytes, &mut diags).unwrap();
            assert_eq!(text, "id\tname\r\nU1\tBí thư\r\n");
            let (warnings, notes) = diags.finish().unwrap();
            assert!(warnings.is_empty());
            assert_eq!(notes.len(), 1, "{notes:?}");
        }
    }

    /// UTF-16 without its byte order mark (little- or big-endian) is read, NFC, with the note;
    /// its Vietnamese letters were called TCVN3.
    #[test]
    fn a_bom_starting_a_line_is_dropped() {
        let joined = "\u{FEFF}id,name\r\nK1,An\r\n\u{FEFF}id,name\r\nK2,Bình\n";
        let text = decode_utf8(joined.as_bytes().to_vec()).unwrap();
        assert_eq!(text, "id,name\r\nK1,An\r\nid,name\r\nK2,Bình\n");
    }

    #[test]
    fn utf16_tables_without_a_bom_are_read() {
        let path = Path::new("cadres.csv");
        for unit in [u16::to_le_bytes as fn(u16) -> [u8; 2], u16::to_be_bytes] {
            let mut bytes = Vec::new();
            for u in "id,name\r\nC01,Nguyễn Thị Hương\r\nC02,Bi\u{301} thư\r\n".encode_utf16()
            {
                bytes.extend(unit(u));
            }
            let mut diags = Diags::default();
            let text = decode_table(path, bytes, &mut diags).unwrap();
            assert_eq!(text, "id,name\r\nC01,Nguyễn Thị Hương\r\nC02,Bí thư\r\n");
            let (warnings, notes) = diags.finish().unwrap();
            assert!(warnings.is_empty());
            assert_eq!(notes.len(), 1, "{notes:?}");
        }
        // A UTF-8 table is not taken for UTF-16.
        assert_eq!(utf16_without_bom("id,name\nC01,An\n".as_bytes()), None);
    }

    /// A table in Windows-1258 is read, NFC, with W1001 where its first non-UTF-8 byte is; text
    /// in another code page, malformed UTF-16 or binary is not taken for Vietnamese.
    #[test]
    fn windows_1258_tables_are_read_with_a_warning_and_nothing_else_is() {
        let path = Path::new("cadres.csv");
        let mut diags = Diags::default();
        let bytes =
            b"id,name\r\nC01,Pha\xF2m Minh Tu\xE2\xECn\r\nC02,\xD0\xF4\xDE V\xE3n Ha\xD2i\r\n";
        let text = decode_table(path, bytes.to_vec(), &mut diags).unwrap();
        assert_eq!(text, "id,name\r\nC01,Phạm Minh Tuấn\r\nC02,Đỗ Văn Hải\r\n");
        let (warnings, _) = diags.finish().unwrap();
        assert_eq!(warnings.len(), 1);
        let w = &warnings[0];
        assert_eq!((w.code, w.line, w.column), ("W1001", Some(2), Some(8)));
        // UTF-8 stays as it is, without a warning.
        let mut diags = Diags::default();
        assert_eq!(
            decode_table(path, "Bí thư".as_bytes().to_vec(), &mut diags).unwrap(),
            "Bí thư"
        );
        assert!(diags.finish().unwrap().0.is_empty());
        let not_read = [
            b"id,name\nC01,M\xFCller Stra\xDFe\n".to_vec(), // Latin-1: no Vietnamese letter
            b"\xFF\xFEi\x00d\x00\x00\xD8".to_vec(),         // UTF-16, a lone surrogate
            b"C01,\xE2\x01\x02\x03".to_vec(),               // binary: control characters
            // UTF-8 with one Latin-1 byte ("Giám" then "Đốc" in UTF-8): damaged UTF-8.
            b"id,title\nT1,Gi\xE1m \xC4\x90\xE1\xBB\x91c\n".to_vec(),
        ];
        for bytes in not_read {
            let mut diags = Diags::default();
            assert!(
                matches!(
                    decode_table(path, bytes.clone(), &mut diags),
                    Err(ReadFailure::NotUtf8 { .. })
                ),
                "{bytes:?}"
            );
        }
    }

    /// A table named in NFC is found under its NFD name (a folder from a Mac), and a Windows
    /// path's backslashes read as slashes; a name that matches nothing is left as written.
    #[test]
    fn a_table_is_found_under_another_unicode_form_or_a_windows_path() {
        let dir = tempfile::tempdir().unwrap();
        let nfd: String = "dữ liệu".nfd().collect();
        std::fs::create_dir(dir.path().join(&nfd)).unwrap();
        let file: String = "cán-bộ.csv".nfd().collect();
        std::fs::write(dir.path().join(&nfd).join(&file), "x").unwrap();
        let want = dir.path().join(&nfd).join(&file);
        assert_eq!(as_found(&dir.path().join("dữ liệu/cán-bộ.csv")), want);
        let windows = format!("{}/dữ liệu\\cán-bộ.csv", dir.path().display());
        assert_eq!(as_found(Path::new(&windows)), want);
        let missing = dir.path().join("dữ liệu/khác.csv");
        assert_eq!(as_found(&missing), missing);
    }

    /// Text of a legacy font read as Unicode is seen, real Vietnamese (and its Unicode
    /// look-alikes) is not.
    #[test]
    fn legacy_font_letters_are_told_from_vietnamese() {
        for legacy in [
            "NguyÔn V¨n B×nh",
            "Bí th\u{AD} §¶ng ñy",
            "Ñaûng uûy xaõ",
            "Phoù Giaùm ñoác",
            "Tröôøng",
            "Hµ Néi",
        ] {
            assert!(legacy_font_marks(legacy) > 0, "{legacy}");
        }
        // One title pasted from a .VnTime document has three or more: refused alone (E2021);
        // a foreign name has fewer.
        assert_eq!(latin1_in_words("Chñ tÞch UBND tØnh"), 3);
        for title in [
            "Chủ tịch UBND tỉnh",
            "Bí thư Huyện ủy",
            "Giám đốc Sở Tài chính",
        ] {
            assert_eq!(latin1_in_words(title), 0, "{title}");
        }
        for vietnamese in [
            "Nguyễn Văn Bình",
            "Bí thư Đảng ủy xã Hòa Bình",
            "Phó Giám đốc Sở Tài chính",
            "Ðảng ủy",
            "Thành\u{AD}phố, Cư M´gar, Nam·Định",
            "Hoà, Thuý, thuê",
            "Lê Thị Ánh Tuyết (1980 - 2025) · 10°",
            "ĐH Humboldt-Universität zu Berlin, TU München",
            "François, Zürich, Köln, Göttingen",
            "10°C, 25 km², Nº 3, «Hà Nội», ½ biên chế",
            "xã Ea Ñuôl, huyện Buôn Đôn",
        ] {
            assert_eq!(legacy_font_marks(vietnamese), 0, "{vietnamese}");
        }
    }

    /// TCVN3 (the .VnTime fonts) is E1010 where its first non-UTF-8 byte is, never read as
    /// Windows-1258: "NguyÔn V¨n B×nh" matched no title and no name.
    #[test]
    fn tcvn3_tables_are_refused_not_garbled() {
        let path = Path::new("cadres.csv");
        let mut diags = Diags::default();
        let bytes = b"id,name,title\nC1,Nguy\xD4n V\xA8n B\xD7nh,B\xDD th\xAD \xA7\xB6ng \xF1y\n";
        assert_eq!(
            decode_table(path, bytes.to_vec(), &mut diags),
            Err(ReadFailure::Tcvn3 { line: 2, column: 8 })
        );
        assert!(diags.finish().unwrap().0.is_empty());
    }

    #[test]
    fn reading_files() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_text(&dir.path().join("none.csv")),
            Err(ReadFailure::NotFound)
        );
        assert_eq!(read_text(dir.path()), Err(ReadFailure::IsDirectory));
        let f = dir.path().join("f.csv");
        std::fs::write(&f, "x").unwrap();
        assert_eq!(read_text(&f), Ok("x".to_string()));
        assert!(matches!(
            read_text(&f.join("g.csv")),
            Err(ReadFailure::Io(_))
        ));
    }
}
