//! Candidate pairs: the cadre→post pairs that pass every pairwise hard rule, found through a rank
//! index (H6 allows only the cadre's rank and, for outstanding cadres, a step up), so the work is
//! proportional to the rank-compatible pairs, never to all cadres × all posts.

use super::{RuleContext, RuleId};
use crate::domain::{CadreIx, PostIx, Scenario};
use crate::scoring::{PairFacts, Terms, TextIds};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// One candidate pair, by value: row `i` of [`Candidates`]. Its score terms are not stored; they
/// are recomputed from its [`PairFacts`] on demand ([`Candidate::terms`]), which only the chosen
/// pairs and explanations need.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub cadre: CadreIx,
    pub post: PostIx,
    /// Weighted score: the pair's objective coefficient.
    pub score: f64,
    pub facts: PairFacts,
}

impl Candidate {
    /// The pair's score terms in `sc` (the scenario the candidates were scored for).
    pub fn terms(&self, sc: &Scenario) -> Terms {
        self.facts.terms(sc, self.cadre, self.post)
    }
}

/// The candidate pairs as a structure of arrays: 21 bytes a pair (cadre, post, score, the facts its
/// terms are recomputed from, and the pair's place in its post's list), no allocation per pair or
/// per post. The score is kept (pricing reads every pair's score every round, and 8 bytes cost less
/// than recomputing it each time); the five terms (40 bytes) are not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidates {
    /// Sorted by (cadre, post): the cadre, post, weighted score and facts of each pair.
    cadre: Vec<CadreIx>,
    post: Vec<PostIx>,
    score: Vec<f64>,
    facts: Vec<PairFacts>,
    /// `by_cadre[c]..by_cadre[c + 1]` are cadre c's candidates.
    pub by_cadre: Vec<usize>,
    /// `post_pairs[post_start[p]..post_start[p + 1]]`: post p's candidate indexes, in cadre order.
    post_start: Vec<u32>,
    post_pairs: Vec<u32>,
    /// Cadres with no candidate because of a rule on the cadre alone (H1–H4), per rule.
    pub cadres_excluded: BTreeMap<RuleId, usize>,
    /// Rank-compatible pairs cut by each pairwise rule (the first rule that cuts them).
    pub pairs_excluded: BTreeMap<RuleId, usize>,
    /// Pairs removed because the scenario forbids them.
    pub forbidden: usize,
}

impl Candidates {
    /// Pair `i`.
    pub fn get(&self, i: usize) -> Candidate {
        Candidate {
            cadre: self.cadre[i],
            post: self.post[i],
            score: self.score[i],
            facts: self.facts[i],
        }
    }

    pub fn cadre(&self, i: usize) -> CadreIx {
        self.cadre[i]
    }

    pub fn post(&self, i: usize) -> PostIx {
        self.post[i]
    }

    pub fn score(&self, i: usize) -> f64 {
        self.score[i]
    }

    /// Every pair's post, in pair order.
    pub fn posts(&self) -> &[PostIx] {
        &self.post
    }

    /// Every pair's score, in pair order.
    pub fn scores(&self) -> &[f64] {
        &self.score
    }

    /// Pair `i`'s score terms in `sc`, recomputed from its facts.
    pub fn terms(&self, sc: &Scenario, i: usize) -> Terms {
        self.facts[i].terms(sc, self.cadre[i], self.post[i])
    }

    /// Every pair, in (cadre, post) order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Candidate> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The indexes of cadre c's candidates (in post order).
    pub fn of_cadre(&self, c: CadreIx) -> std::ops::Range<usize> {
        self.by_cadre[c as usize]..self.by_cadre[c as usize + 1]
    }

    /// The indexes of post p's candidates, in cadre order.
    pub fn of_post(&self, p: PostIx) -> impl ExactSizeIterator<Item = usize> + Clone + '_ {
        let (a, b) = (
            self.post_start[p as usize] as usize,
            self.post_start[p as usize + 1] as usize,
        );
        self.post_pairs[a..b].iter().map(|&i| i as usize)
    }

    /// How many candidates post p has.
    pub fn post_len(&self, p: PostIx) -> usize {
        (self.post_start[p as usize + 1] - self.post_start[p as usize]) as usize
    }

    /// Posts the candidates were generated over.
    pub fn posts_len(&self) -> usize {
        self.post_start.len().saturating_sub(1)
    }

    pub fn find(&self, c: CadreIx, p: PostIx) -> Option<usize> {
        let r = self.of_cadre(c);
        self.post[r.clone()]
            .binary_search(&p)
            .ok()
            .map(|i| r.start + i)
    }

    pub fn len(&self) -> usize {
        self.post.len()
    }

    pub fn is_empty(&self) -> bool {
        self.post.is_empty()
    }

    /// Bytes the pairs and their indexes hold (the lengths of the arrays: capacity reserved but
    /// never written is not resident). About 21 a pair.
    pub fn bytes_held(&self) -> usize {
        use std::mem::size_of;
        self.len()
            * (size_of::<CadreIx>() + size_of::<PostIx>() + size_of::<f64>() + size_of::<u32>())
            + self.facts.len() * size_of::<PairFacts>()
            + self.by_cadre.len() * size_of::<usize>()
            + self.post_start.len() * size_of::<u32>()
    }

    /// The per-post lists, from the pairs (in cadre order, as they are stored).
    fn index_posts(&mut self, posts: usize) {
        assert!(
            self.len() < u32::MAX as usize,
            "more than 2^32 candidate pairs"
        );
        let mut start = vec![0u32; posts + 1];
        for &p in &self.post {
            start[p as usize + 1] += 1;
        }
        for p in 0..posts {
            start[p + 1] += start[p];
        }
        let mut next = start.clone();
        let mut pairs = vec![0u32; self.len()];
        for (i, &p) in self.post.iter().enumerate() {
            pairs[next[p as usize] as usize] = i as u32;
            next[p as usize] += 1;
        }
        self.post_start = start;
        self.post_pairs = pairs;
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
    /// (post, score, facts) of the cadre's candidates.
    pairs: Vec<(PostIx, f64, PairFacts)>,
    cadre_rule: Option<RuleId>,
    pair_cuts: Vec<RuleId>,
    forbidden: usize,
}

/// Generate the candidate pairs of a scenario. Deterministic: results are in (cadre, post) order
/// whatever the thread count.
pub fn generate(ctx: &RuleContext) -> Candidates {
    let sc = ctx.sc;
    let ranks = rank_index(sc);
    let text = TextIds::new(sc);
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
        ..Default::default()
    };
    // Capacity never touched costs no memory (pages are only mapped when written).
    out.cadre.reserve(upper);
    out.post.reserve(upper);
    out.score.reserve(upper);
    out.facts.reserve(upper);
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
                for (_, posts) in
                    ranks.range(cadre.current_rank..=cadre.current_rank.saturating_add(up))
                {
                    for &p in posts {
                        if let Err(b) = ctx.check_pair(c, p) {
                            r.pair_cuts.push(b.rule);
                            continue;
                        }
                        if forbids.binary_search(&(c, p)).is_ok() {
                            r.forbidden += 1;
                            continue;
                        }
                        let facts = text.facts(sc, c, p);
                        let score = facts.terms(sc, c, p).weighted(&sc.weights);
                        r.pairs.push((p, score, facts));
                    }
                }
                r.pairs.sort_unstable_by_key(|x| x.0);
                r
            })
            .collect();
        for (c, r) in (start..).zip(per_cadre) {
            out.by_cadre.push(out.len());
            if let Some(rule) = r.cadre_rule {
                *out.cadres_excluded.entry(rule).or_default() += 1;
            }
            for rule in r.pair_cuts {
                *out.pairs_excluded.entry(rule).or_default() += 1;
            }
            out.forbidden += r.forbidden;
            for (p, score, facts) in r.pairs {
                out.cadre.push(c);
                out.post.push(p);
                out.score.push(score);
                out.facts.push(facts);
            }
        }
    }
    out.by_cadre.push(out.len());
    out.index_posts(sc.posts.len());
    out
}

/// Cadres generated per parallel chunk.
const CHUNK: usize = 512;

/// The same pairs with their scores recomputed for `ctx`'s scenario: for a variant that reads the
/// same tables with the same rules, plan date and forbids as the one `cands` came from (so the
/// same [`PairFacts`]), and differs only in what is scored (weights, targets, caps, baseline, pins).
pub fn rescore(ctx: &RuleContext, cands: &Candidates) -> Candidates {
    let sc = ctx.sc;
    let mut out = cands.clone();
    out.score
        .par_iter_mut()
        .enumerate()
        .for_each(|(i, s)| *s = cands.terms(sc, i).weighted(&sc.weights));
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
        other.baseline = vec![(first.cadre(0), first.post(0))];
        assert_eq!(eligibility_key(&sc), eligibility_key(&other));
        let ctx = RuleContext::new(&other);
        let (fresh, rescored) = (generate(&ctx), rescore(&ctx, &first));
        assert_eq!(fresh, rescored);
        // Compact: about 21 bytes a pair (56 with the five terms per pair, 64 with the per-post
        // lists of usize), whatever the instance.
        let per_pair = first.bytes_held() as f64 / first.len() as f64;
        assert!(per_pair < 24.0, "{per_pair} bytes a pair");
        // A rule change is a different key.
        let mut stricter = sc.clone();
        stricter.rules.min_service_months = 150;
        assert_ne!(eligibility_key(&sc), eligibility_key(&stricter));
    }
}
