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
    let full: Vec<String> = sc.cadres.iter().map(|c| hex(key, &c.id)).collect();
    // The shortest length (from 8) at which no two codes collide.
    let len = (8..=64)
        .step_by(2)
        .find(|&n| {
            let set: BTreeSet<&str> = full.iter().map(|h| &h[..n]).collect();
            set.len() == full.len()
        })
        .unwrap_or(64);
    let mut out = Vec::with_capacity(sc.cadres.len());
    // The tables are shared between variants (Arc): this scenario gets its own copy.
    for (c, h) in std::sync::Arc::make_mut(&mut sc.cadres)
        .iter_mut()
        .zip(&full)
    {
        let code = format!("{PREFIX}{}", &h[..len]);
        out.push(Pseudonym {
            code: code.clone(),
            id: std::mem::replace(&mut c.id, code.clone()),
            name: std::mem::replace(&mut c.name, code),
        });
    }
    out
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
