//! Independent verification of a plan against a scenario. It never calls the solver: it
//! re-evaluates every rule on the pairs it is given, so it also checks plans written by hand or by
//! an older version.

pub mod programme;

use crate::domain::{CadreIx, PostIx, UnitIx};
use crate::rules::family::conflicts;
use crate::rules::{RuleContext, RuleId};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub rule: RuleId,
    pub cadre: Option<String>,
    pub post: Option<String>,
    pub detail: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.rule, self.rule.title())?;
        match (&self.cadre, &self.post) {
            (Some(c), Some(p)) => write!(f, " {c} → {p}")?,
            (Some(c), None) => write!(f, " {c}")?,
            (None, Some(p)) => write!(f, " {p}")?,
            (None, None) => {}
        }
        write!(f, ": {}", self.detail)
    }
}

/// Every violation of the plan `pairs` (cadre → post), in a stable order: pair rules in plan order,
/// then plan-level rules.
pub fn check(ctx: &RuleContext, pairs: &[(CadreIx, PostIx)]) -> Vec<Violation> {
    let sc = ctx.sc;
    let mut out = Vec::new();
    let v = |rule, c: Option<CadreIx>, p: Option<PostIx>, detail: String| Violation {
        rule,
        cadre: c.map(|c| sc.cadre(c).id.clone()),
        post: p.map(|p| sc.post(p).id.clone()),
        detail,
    };

    for &(c, p) in pairs {
        for b in ctx.breaches(c, p) {
            out.push(v(b.rule, Some(c), Some(p), b.detail));
        }
        if let Some(f) = sc.forbids.iter().find(|f| f.cadre == c && f.post == p) {
            let why = f
                .reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            out.push(v(
                RuleId::S3,
                Some(c),
                Some(p),
                format!("the scenario forbids this pair{why}"),
            ));
        }
    }

    let mut posts_of: BTreeMap<CadreIx, Vec<PostIx>> = BTreeMap::new();
    let mut filled: BTreeMap<PostIx, u32> = BTreeMap::new();
    let mut leaving: BTreeMap<UnitIx, Vec<CadreIx>> = BTreeMap::new();
    for &(c, p) in pairs {
        posts_of.entry(c).or_default().push(p);
        *filled.entry(p).or_default() += 1;
    }
    for (&c, ps) in &posts_of {
        if ps.len() > 1 {
            let ids: Vec<&str> = ps.iter().map(|&p| sc.post(p).id.as_str()).collect();
            out.push(v(
                RuleId::S4,
                Some(c),
                None,
                format!("assigned to {} posts: {}", ps.len(), ids.join(", ")),
            ));
        }
        if let Some(u) = sc.cadre(c).current_unit {
            leaving.entry(u).or_default().push(c);
        }
    }
    for (&p, &n) in &filled {
        let post = sc.post(p);
        let cap = post.seats + sc.extra_seats_of(p);
        if n > cap {
            out.push(v(
                RuleId::H7,
                None,
                Some(p),
                format!(
                    "{n} cadres on {} quota seat(s) + {} approved extra",
                    post.seats,
                    cap - post.seats
                ),
            ));
        }
    }
    for (&u, cs) in &leaving {
        if cs.len() as u32 > sc.max_departures_per_unit {
            let ids: Vec<&str> = cs.iter().map(|&c| sc.cadre(c).id.as_str()).collect();
            out.push(Violation {
                rule: RuleId::S1,
                cadre: None,
                post: None,
                detail: format!(
                    "{} cadres leave {} ({}), at most {}: {}",
                    cs.len(),
                    sc.unit(u).id,
                    sc.unit(u).name,
                    sc.max_departures_per_unit,
                    ids.join(", ")
                ),
            });
        }
    }
    // H10 conflicts can only arise inside one unit: compare within units, not all pairs.
    let mut in_unit: BTreeMap<UnitIx, Vec<(CadreIx, PostIx)>> = BTreeMap::new();
    for &(c, p) in pairs {
        in_unit.entry(sc.post(p).unit).or_default().push((c, p));
    }
    for placed in in_unit.values() {
        for (k, &a) in placed.iter().enumerate() {
            for &b in &placed[k + 1..] {
                if !conflicts(sc, a, b) {
                    continue;
                }
                out.push(v(
                    RuleId::H10,
                    Some(a.0),
                    Some(a.1),
                    format!(
                        "relatives placed together in {}: {} → {} and {} → {}",
                        sc.post_unit(a.1).id,
                        sc.cadre(a.0).id,
                        sc.post(a.1).id,
                        sc.cadre(b.0).id,
                        sc.post(b.1).id
                    ),
                ));
            }
        }
    }
    for pin in &sc.pins {
        if !pairs.contains(&(pin.cadre, pin.post)) {
            let why = pin
                .reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            out.push(v(
                RuleId::S2,
                Some(pin.cadre),
                Some(pin.post),
                format!("pinned pair missing from the plan{why}"),
            ));
        }
    }
    if sc.requirements.must_fill.hard {
        for (p, post) in sc.posts.iter().enumerate() {
            let n = filled.get(&(p as PostIx)).copied().unwrap_or(0);
            if sc.must_fill_hard(p as PostIx) && n < post.seats {
                out.push(v(
                    RuleId::S5,
                    None,
                    Some(p as PostIx),
                    format!(
                        "must-fill post has {n} of its {} quota seat(s) filled",
                        post.seats
                    ),
                ));
            }
        }
    }
    if sc.requirements.targets.hard {
        out.extend(target_breaches(ctx, pairs));
    }
    out
}

/// S6: each hard target's share among the cadres moved (an empty plan meets every target).
fn target_breaches(ctx: &RuleContext, pairs: &[(CadreIx, PostIx)]) -> Vec<Violation> {
    let t = ctx.sc.targets;
    let moved: Vec<_> = pairs.iter().map(|&(c, _)| ctx.flags(c)).collect();
    let mut out = Vec::new();
    if moved.is_empty() {
        return out;
    }
    let n = moved.len() as f64;
    let specs = [
        ("women", t.women, moved.iter().filter(|f| f.woman).count()),
        ("young", t.young, moved.iter().filter(|f| f.young).count()),
        (
            "minority",
            t.minority,
            moved.iter().filter(|f| f.minority).count(),
        ),
    ];
    for (k, (name, target, count)) in specs.into_iter().enumerate() {
        // Integer arithmetic would be exact; a small tolerance matches the solver's rows.
        if ctx.sc.target_hard(k) && (count as f64) < target * n - 1e-9 {
            out.push(Violation {
                rule: RuleId::S6,
                cadre: None,
                post: None,
                detail: format!(
                    "{count} of the {} cadres moved count as {name}: {:.1} %, the hard target is {:.1} %",
                    moved.len(),
                    100.0 * count as f64 / n,
                    100.0 * target
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Function;

    fn tutorial() -> crate::domain::Scenario {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/tutorial/tutorial.yaml");
        crate::scenario::load(&path).expect("the tutorial loads")
    }

    fn ix<T>(v: &[T], id: &str, get: impl Fn(&T) -> &str) -> u32 {
        v.iter().position(|x| get(x) == id).expect("id exists") as u32
    }

    #[test]
    fn h10_catches_relatives_when_the_leader_post_is_also_sensitive() {
        let mut sc = tutorial();
        let (vt04, vt05) = (
            ix(&sc.posts, "VT04", |p| &p.id),
            ix(&sc.posts, "VT05", |p| &p.id),
        );
        let (c04, c07) = (
            ix(&sc.cadres, "C04", |c| &c.id),
            ix(&sc.cadres, "C07", |c| &c.id),
        );
        // VT04 is a head post; make it sensitive too, and put it in VT05's unit.
        let unit = sc.posts[vt05 as usize].unit;
        let posts = std::sync::Arc::make_mut(&mut sc.posts);
        posts[vt04 as usize].function = Some(Function::Personnel);
        posts[vt04 as usize].unit = unit;
        let cadres = std::sync::Arc::make_mut(&mut sc.cadres);
        cadres[c04 as usize].relatives.push(c07);
        cadres[c07 as usize].relatives.push(c04);
        let ctx = RuleContext::new(&sc);
        let v = check(&ctx, &[(c04, vt04), (c07, vt05)]);
        assert!(
            v.iter()
                .any(|x| x.rule == RuleId::H10 && x.detail.contains("relatives placed together")),
            "{v:?}"
        );
    }

    #[test]
    fn the_tutorial_answer_passes() {
        let sc = tutorial();
        let ctx = RuleContext::new(&sc);
        let pairs: Vec<_> = [
            ("C13", "VT01"),
            ("C10", "VT02"),
            ("C14", "VT03"),
            ("C04", "VT04"),
            ("C01", "VT06"),
        ]
        .iter()
        .map(|(c, p)| (ix(&sc.cadres, c, |x| &x.id), ix(&sc.posts, p, |x| &x.id)))
        .collect();
        assert_eq!(check(&ctx, &pairs), vec![]);
    }
}
