//! CSV for Excel (`--excel`): a UTF-8 byte-order mark, so Excel on Windows reads the names as
//! UTF-8, and the list separator of the reader's locale: `;` where the decimal separator is a comma
//! (Vietnamese and most European locales; numbers then get a decimal comma too), `,` elsewhere.
//! Excel with Vietnamese regional settings puts every column of a `,` file into column A.

/// The byte-order mark that tells Excel a CSV is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Languages whose locales write numbers with a decimal comma (and so lists with `;`).
const DECIMAL_COMMA: &[&str] = &[
    "vi", "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "bg",
    "ro", "hu", "fi", "sv", "da", "nb", "nn", "no", "tr", "el", "uk", "be", "lt", "lv", "et", "id",
    "ca", "gl", "eu", "is", "kk", "az", "mk", "sq", "ka", "hy", "mn", "uz", "af",
];

/// Locales of those languages that write a decimal point nonetheless.
const DECIMAL_POINT_EXCEPTIONS: &[&str] = &["de_CH", "it_CH", "es_MX", "es_US", "es_PR", "fr_CH"];

/// The list separator for a locale name such as `vi_VN.UTF-8`, `de_DE@euro`, `C` or `en_US`.
pub fn separator_for_locale(locale: &str) -> char {
    let base = locale.split(['.', '@']).next().unwrap_or("");
    if DECIMAL_POINT_EXCEPTIONS.contains(&base) {
        return ',';
    }
    let lang = base
        .split(['_', '-'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if DECIMAL_COMMA.contains(&lang.as_str()) {
        ';'
    } else {
        ','
    }
}

/// The locale that decides how numbers are written, by POSIX precedence: the first non-empty of
/// `LC_ALL`, `LC_NUMERIC`, `LANG` (each given as `Some(value)` when set).
pub fn numeric_locale<'a>(
    lc_all: Option<&'a str>,
    lc_numeric: Option<&'a str>,
    lang: Option<&'a str>,
) -> &'a str {
    [lc_all, lc_numeric, lang]
        .into_iter()
        .flatten()
        .find(|v| !v.is_empty())
        .unwrap_or("C")
}

/// Fields of one line of rotaplan's own CSV (comma-separated, `"…"` around fields that need it).
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// A plain decimal number as rotaplan writes it (`-12.5`, `3`).
fn is_number(s: &str) -> bool {
    let t = s.strip_prefix('-').unwrap_or(s);
    let mut parts = t.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// rotaplan's CSV text (from [`super::assignments_csv`], [`super::unfilled_csv`] …) rewritten for
/// Excel: a BOM, `sep` between fields, Windows line ends, and with `;` a decimal comma in numbers.
/// Rows and values are otherwise the same.
pub fn excel_csv(csv: &str, sep: char) -> Vec<u8> {
    let mut out = String::new();
    for line in csv.lines() {
        let row: Vec<String> = fields(line)
            .into_iter()
            .map(|f| {
                let f = if sep == ';' && is_number(&f) {
                    f.replace('.', ",")
                } else if !is_number(&f) && f.starts_with(crate::domain::text::FORMULA_FIRST) {
                    // A name or title that Excel would run as a formula
                    // (`=HYPERLINK("http://…"&B3)` typed as a cadre's name): shown as text.
                    format!("'{f}")
                } else {
                    f
                };
                if f.contains([sep, '"', '\n', '\r']) {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    f
                }
            })
            .collect();
        out += &row.join(&sep.to_string());
        out += "\r\n";
    }
    let mut bytes = BOM.to_vec();
    bytes.extend_from_slice(out.as_bytes());
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cell Excel would read as a formula is written as text; negative numbers stay numbers.
    #[test]
    fn cells_that_look_like_formulas_are_text_for_excel() {
        let csv = "name,score\n\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-3.5\n@SUM(A1),+1\n";
        let text = String::from_utf8(excel_csv(csv, ',')[3..].to_vec()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-3.5");
        assert_eq!(lines[2], "'@SUM(A1),'+1");
    }

    #[test]
    fn the_locale_picks_the_separator() {
        assert_eq!(separator_for_locale("vi_VN.UTF-8"), ';');
        assert_eq!(separator_for_locale("de_DE@euro"), ';');
        assert_eq!(separator_for_locale("de_CH.UTF-8"), ',');
        assert_eq!(separator_for_locale("en_US.UTF-8"), ',');
        assert_eq!(separator_for_locale("C"), ',');
        assert_eq!(separator_for_locale(""), ',');
        assert_eq!(
            numeric_locale(Some(""), Some("vi_VN"), Some("en_US")),
            "vi_VN"
        );
        assert_eq!(numeric_locale(Some("fr_FR"), Some("en_US"), None), "fr_FR");
        assert_eq!(numeric_locale(None, None, None), "C");
    }

    #[test]
    fn excel_csv_has_a_bom_the_separator_and_decimal_commas() {
        let csv = "id,name,score\nC1,\"Lê, Văn A\",12.5\nC2,\"Trần \"\"B\"\"\",-3\n";
        let b = excel_csv(csv, ';');
        assert!(b.starts_with(BOM));
        let text = std::str::from_utf8(&b[3..]).unwrap();
        assert_eq!(
            text,
            "id;name;score\r\nC1;Lê, Văn A;12,5\r\nC2;\"Trần \"\"B\"\"\";-3\r\n"
        );
        let text = String::from_utf8(excel_csv(csv, ',')[3..].to_vec()).unwrap();
        assert_eq!(
            text,
            "id,name,score\r\nC1,\"Lê, Văn A\",12.5\r\nC2,\"Trần \"\"B\"\"\",-3\r\n"
        );
    }
}
