//! Candidate pairs: the cadre→post pairs that pass every pairwise hard rule, found through a rank
//! index (H6 allows only the cadre's rank and, for outstanding cadres, a step up), so the work is
//! proportional to the rank-compatible pairs, never to all cadres × all posts.

use super::{RuleContext, RuleId};
use crate::domain::{CadreIx, PostIx, Scenario};
use crate::scoring::{Terms, pair_terms};
use rayon::prelude::*;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub cadre: CadreIx,
    pub post: PostIx,
    pub terms: Terms,
    /// Weighted score: the pair's objective coefficient.
    pub score: f64,
}

#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// Sorted by (cadre, post).
    pub pairs: Vec<Candidate>,
    /// `pairs[by_cadre[c]..by_cadre[c + 1]]` are cadre c's candidates.
    pub by_cadre: Vec<usize>,
    /// Candidate indexes per post, in cadre order.
    pub by_post: Vec<Vec<usize>>,
    /// Cadres with no candidate because of a rule on the cadre alone (H1–H4), per rule.
    pub cadres_excluded: BTreeMap<RuleId, usize>,
    /// Rank-compatible pairs cut by each pairwise rule (the first rule that cuts them).
    pub pairs_excluded: BTreeMap<RuleId, usize>,
    /// Pairs removed because the scenario forbids them.
    pub forbidden: usize,
}

impl Candidates {
    pub fn of_cadre(&self, c: CadreIx) -> &[Candidate] {
        &self.pairs[self.by_cadre[c as usize]..self.by_cadre[c as usize + 1]]
    }

    pub fn find(&self, c: CadreIx, p: PostIx) -> Option<usize> {
        let start = self.by_cadre[c as usize];
        self.of_cadre(c)
            .binary_search_by_key(&p, |x| x.post)
            .ok()
            .map(|i| start + i)
    }

    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// Posts indexed by rank, each list in post order.
fn rank_index(sc: &Scenario) -> BTreeMap<i32, Vec<PostIx>> {
    let mut idx: BTreeMap<i32, Vec<PostIx>> = BTreeMap::new();
    for (i, p) in sc.posts.iter().enumerate() {
        idx.entry(p.rank).or_default().push(i as PostIx);
    }
    idx
}

struct CadreResult {
    pairs: Vec<Candidate>,
    cadre_rule: Option<RuleId>,
    pair_cuts: Vec<RuleId>,
    forbidden: usize,
}

/// Generate the candidate pairs of a scenario. Deterministic: results are in (cadre, post) order
/// whatever the thread count.
pub fn generate(ctx: &RuleContext) -> Candidates {
    let sc = ctx.sc;
    let ranks = rank_index(sc);
    let mut forbids: Vec<(CadreIx, PostIx)> =
        sc.forbids.iter().map(|f| (f.cadre, f.post)).collect();
    forbids.sort_unstable();

    // At most the rank-compatible pairs: reserved once, so the list never doubles while it grows.
    // (The loader refuses a scenario with more than `limits.max_candidate_pairs` of them.)
    let upper =
        crate::domain::rank_compatible_pairs(&sc.posts, &sc.cadres, sc.rules.outstanding_rank_up)
            as usize;
    let mut out = Candidates {
        by_cadre: Vec::with_capacity(sc.cadres.len() + 1),
        by_post: vec![Vec::new(); sc.posts.len()],
        ..Default::default()
    };
    out.pairs.reserve(upper);
    // Cadres in chunks, each chunk in parallel and appended before the next: the pairs are held
    // once (plus one chunk), not twice, at national size.
    let n = sc.cadres.len() as CadreIx;
    for start in (0..n).step_by(CHUNK) {
        let end = (start + CHUNK as CadreIx).min(n);
        let per_cadre: Vec<CadreResult> = (start..end)
            .into_par_iter()
            .map(|c| {
                let mut r = CadreResult {
                    pairs: Vec::new(),
                    cadre_rule: None,
                    pair_cuts: Vec::new(),
                    forbidden: 0,
                };
                if let Err(b) = ctx.check_cadre(c) {
                    r.cadre_rule = Some(b.rule);
                    return r;
                }
                let cadre = sc.cadre(c);
                let up = if cadre.outstanding {
                    sc.rules.outstanding_rank_up.max(0)
                } else {
                    0
                };
                for (_, posts) in ranks.range(cadre.current_rank..=cadre.current_rank + up) {
                    for &p in posts {
                        if let Err(b) = ctx.check_pair(c, p) {
                            r.pair_cuts.push(b.rule);
                            continue;
                        }
                        if forbids.binary_search(&(c, p)).is_ok() {
                            r.forbidden += 1;
                            continue;
                        }
                        let terms = pair_terms(sc, c, p);
                        let score = terms.weighted(&sc.weights);
                        r.pairs.push(Candidate {
                            cadre: c,
                            post: p,
                            terms,
                            score,
                        });
                    }
                }
                r.pairs.sort_unstable_by_key(|x| x.post);
                r
            })
            .collect();
        for r in per_cadre {
            out.by_cadre.push(out.pairs.len());
            if let Some(rule) = r.cadre_rule {
                *out.cadres_excluded.entry(rule).or_default() += 1;
            }
            for rule in r.pair_cuts {
                *out.pairs_excluded.entry(rule).or_default() += 1;
            }
            out.forbidden += r.forbidden;
            for cand in r.pairs {
                out.by_post[cand.post as usize].push(out.pairs.len());
                out.pairs.push(cand);
            }
        }
    }
    out.by_cadre.push(out.pairs.len());
    out
}

/// Cadres generated per parallel chunk.
const CHUNK: usize = 512;

/// The same pairs with their terms and scores recomputed for `ctx`'s scenario: for a variant that
/// reads the same tables with the same rules, plan date and forbids as the one `cands` came from,
/// and differs only in what is scored (weights, targets, caps, baseline, pins).
pub fn rescore(ctx: &RuleContext, cands: &Candidates) -> Candidates {
    let sc = ctx.sc;
    let mut out = cands.clone();
    out.pairs.par_iter_mut().for_each(|c| {
        let terms = pair_terms(sc, c.cadre, c.post);
        c.score = terms.weighted(&sc.weights);
        c.terms = terms;
    });
    out
}

/// What decides which pairs are candidates (not their scores): the tables (shared `Arc`s, compared
/// by address), the rule set, the plan date and the forbids. Equal keys, equal candidate pairs.
pub fn eligibility_key(sc: &Scenario) -> String {
    format!(
        "{:p} {:p} {:p} {} {:?} {:?}",
        std::sync::Arc::as_ptr(&sc.units),
        std::sync::Arc::as_ptr(&sc.posts),
        std::sync::Arc::as_ptr(&sc.cadres),
        sc.plan_date,
        sc.rules,
        sc.forbids
            .iter()
            .map(|f| (f.cadre, f.post))
            .collect::<Vec<_>>()
    )
}

#[cfg(test)]
mod rescore_tests {
    use super::*;
    use crate::rules::RuleContext;

    #[test]
    fn rescoring_equals_generating_under_new_weights() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/province/province.yaml");
        let sc = crate::scenario::load(&path).unwrap();
        let first = generate(&RuleContext::new(&sc));
        let mut other = sc.clone();
        other.weights.staffing = 17.0;
        other.weights.training_points.grassroots = 5.0;
        other.baseline = vec![(first.pairs[0].cadre, first.pairs[0].post)];
        assert_eq!(eligibility_key(&sc), eligibility_key(&other));
        let ctx = RuleContext::new(&other);
        let (fresh, rescored) = (generate(&ctx), rescore(&ctx, &first));
        assert_eq!(fresh.pairs, rescored.pairs);
        assert_eq!(fresh.by_post, rescored.by_post);
        // A rule change is a different key.
        let mut stricter = sc.clone();
        stricter.rules.min_service_months = 150;
        assert_ne!(eligibility_key(&sc), eligibility_key(&stricter));
    }
}
