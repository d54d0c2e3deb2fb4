//! Converts CSV tables into one XLSX workbook, a sheet per table, as an office would keep them:
//! ISO dates become Excel dates (shown dd/mm/yyyy), whole numbers become numbers, the rest text.
//!
//! ```text
//! cargo run --release --example csv2xlsx -- out.xlsx units=units.csv posts=posts.csv cadres=cadres.csv
//! ```
//!
//! Used to measure reading a workbook against reading the same CSV (docs/performance.md) and to
//! write the XLSX test fixtures.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn iso_date(s: &str) -> Option<(u16, u8, u8)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Some((
        s[0..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..10].parse().ok()?,
    ))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, tables)) = args.split_first() else {
        eprintln!("usage: csv2xlsx OUT.xlsx SHEET=FILE.csv ...");
        std::process::exit(2);
    };
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for t in tables {
        let (sheet, file) = t.split_once('=').ok_or("write SHEET=FILE.csv")?;
        let ws = book.add_worksheet();
        ws.set_name(sheet)?;
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(file)?;
        for (i, rec) in r.records().enumerate() {
            let rec = rec?;
            for (c, cell) in rec.iter().enumerate() {
                let (row, col) = (i as u32, c as u16);
                let cell = cell.trim_start_matches('\u{feff}');
                if cell.is_empty() {
                    continue;
                }
                if i > 0
                    && let Some((y, m, d)) = iso_date(cell)
                    && let Ok(dt) = ExcelDateTime::from_ymd(y, m, d)
                {
                    ws.write_datetime_with_format(row, col, &dt, &date)?;
                } else if i > 0
                    && let Ok(n) = cell.parse::<i64>()
                {
                    ws.write_number(row, col, n as f64)?;
                } else {
                    ws.write_string(row, col, cell)?;
                }
            }
        }
    }
    book.save(out)?;
    Ok(())
}
