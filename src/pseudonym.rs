//! Pseudonymised reports (`--pseudonymise`): every cadre's id and name are replaced, before the
//! plan is made, by a stable keyed code (HMAC-SHA-256 of the id under the user's key), so that every
//! output — plan.csv, plan.json, the reports, the workbooks — carries only codes. The same key gives
//! the same codes run after run; without the key a code cannot be traced back. The mapping from code
//! to person is returned for the one private file that holds it.

use crate::domain::Scenario;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::BTreeSet;

/// One replaced cadre: the code and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pseudonym {
    pub code: String,
    pub id: String,
    pub name: String,
}

/// The prefix of every code (cán bộ).
pub const PREFIX: &str = "CB-";

fn hex(key: &[u8], text: &str) -> String {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
    mac.update(b"rotaplan cadre\0");
    mac.update(text.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Replace every cadre's id and name by its code; returns the mapping, in the order of the cadres.
/// Codes are 8 hex digits, longer where two ids would share one.
pub fn pseudonymise(sc: &mut Scenario, key: &[u8]) -> Vec<Pseudonym> {
    let people: Vec<(String, String)> = sc
        .cadres
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    let out = codes(key, &people);
    // The tables are shared between variants (Arc): this scenario gets its own copy.
    for (c, p) in std::sync::Arc::make_mut(&mut sc.cadres)
        .iter_mut()
        .zip(&out)
    {
        c.id = p.code.clone();
        c.name = p.code.clone();
    }
    out
}

/// The codes of `people` (id, name) under `key`, in their order, as [`pseudonymise`] gives them;
/// also for the cadres of a scenario that does not load, whose problems must not name them.
pub fn codes(key: &[u8], people: &[(String, String)]) -> Vec<Pseudonym> {
    let full: Vec<String> = people.iter().map(|(id, _)| hex(key, id)).collect();
    // The shortest length (from 8) at which no two codes of distinct ids collide.
    let ids: BTreeSet<&str> = people.iter().map(|(id, _)| id.as_str()).collect();
    let len = (8..=64)
        .step_by(2)
        .find(|&n| {
            let set: BTreeSet<&str> = full.iter().map(|h| &h[..n]).collect();
            set.len() == ids.len()
        })
        .unwrap_or(64);
    people
        .iter()
        .zip(&full)
        .map(|((id, name), h)| Pseudonym {
            code: format!("{PREFIX}{}", &h[..len]),
            id: id.clone(),
            name: name.clone(),
        })
        .collect()
}

/// `text` (words for the terminal: warnings, notes, log lines) with every cadre's id and name, as
/// a whole word or words, replaced by its code: what `--pseudonymise` prints on stderr carries no
/// more of the input's people than its files. The longest match wins at each word ("Nguyễn Văn An"
/// before "Nguyễn Văn"); an id inside a longer word (`C01` in `C012`) is left alone.
pub fn mask(map: &[Pseudonym], text: &str) -> String {
    // Compared without regard to case or Unicode form: "đỗ văn hải" typed in a cell is the
    // cadre "Đỗ Văn Hải" and must not show through a message.
    let fold = |k: &str| -> String {
        use unicode_normalization::UnicodeNormalization;
        k.nfc().collect::<String>().to_lowercase()
    };
    let mut codes: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    let mut max_len = 0;
    for p in map {
        for k in [p.id.as_str(), p.name.as_str()] {
            if !k.is_empty() {
                codes.entry(fold(k)).or_insert(p.code.as_str());
                // As a message quotes it: a control character in the cell shown as its picture
                // ("Phạm Minh␇Tuấn" in E2016 showed through).
                let shown = crate::domain::text::control_pictures(k);
                if shown != k {
                    codes.entry(fold(&shown)).or_insert(p.code.as_str());
                }
                // An NFD spelling takes up to three times the bytes.
                max_len = max_len.max(3 * shown.len().max(k.len()));
            }
        }
    }
    let word = |c: char| c.is_alphanumeric();
    // Where a match may start and end: the byte offsets at the edges of words.
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| word(c) && !text[..i].chars().next_back().is_some_and(word))
        .map(|(i, _)| i)
        .collect();
    let ends: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| word(c) && !text[i + c.len_utf8()..].chars().next().is_some_and(word))
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for &s in &starts {
        if s < at {
            continue;
        }
        let first = ends.partition_point(|&e| e <= s);
        let last = ends.partition_point(|&e| e <= s + max_len);
        let hit = ends[first..last]
            .iter()
            .rev()
            .find_map(|&e| codes.get(&fold(&text[s..e])).map(|c| (e, *c)));
        if let Some((e, code)) = hit {
            out += &text[at..s];
            out += code;
            at = e;
        }
    }
    out + &text[at..]
}

/// The private mapping file: `code,cadre_id,cadre_name` (CSV, UTF-8).
pub fn mapping_csv(map: &[Pseudonym]) -> String {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from("code,cadre_id,cadre_name\n");
    for p in map {
        out += &format!("{},{},{}\n", field(&p.code), field(&p.id), field(&p.name));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(code: &str, id: &str, name: &str) -> Pseudonym {
        Pseudonym {
            code: code.into(),
            id: id.into(),
            name: name.into(),
        }
    }

    /// Issue 13: stderr's words under `--pseudonymise` carry codes, whole words only.
    #[test]
    fn mask_replaces_whole_ids_and_names_only() {
        let map = [
            p("CB-aa", "C01", "Nguyễn Văn An"),
            p("CB-bb", "C012", "Lê Thị Bình"),
            p("CB-cc", "C02", "Nguyễn Văn"),
        ];
        assert_eq!(
            mask(
                &map,
                "C012 ghi C01 là người thân (Nguyễn Văn An, Lê Thị Bình); C01x C020"
            ),
            "CB-bb ghi CB-aa là người thân (CB-aa, CB-bb); C01x C020"
        );
        assert_eq!(mask(&map, "Nguyễn Văn; C02."), "CB-cc; CB-cc.");
        assert_eq!(mask(&map, ""), "");
        assert_eq!(mask(&[], "C01"), "C01");
        // Another case of the name (as typed in a cell a message quotes), or of the id.
        assert_eq!(
            mask(&map, "\"nguyễn văn an\", \"LÊ THỊ BÌNH\", c01"),
            "\"CB-aa\", \"CB-bb\", CB-aa"
        );
        // A control character in the name, quoted as its picture (E2016's found value).
        let bel = [p("CB-dd", "C09", "Phạm Minh\u{7}Tuấn")];
        assert_eq!(
            mask(&bel, "found: \"Phạm Minh\u{2407}Tuấn\""),
            "found: \"CB-dd\""
        );
    }
}
