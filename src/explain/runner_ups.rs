//! Runner-ups: per assigned post, the next best candidates and what forcing each would cost.

use super::*;

// ---------------------------------------------------------------------------------------------
// Runner-ups

impl Cost {
    pub(crate) fn of(cf: &Counterfactual) -> Cost {
        Cost {
            // 0 − d, not −d: a cost of 0 must not be written −0.
            cost: cf.delta.map(|d| 0.0 - d),
            status: cf.status,
            proven: cf.proven,
            note: if cf.status.has_plan() {
                cf.note.clone()
            } else {
                Notes::one(Note::Infeasible(cf.infeasible.clone()))
            },
        }
    }
}

/// The pair's candidates of post `p` not on it in the plan, best score first (ties in cadre
/// order), leaving out cadres pinned elsewhere (choosing them would break a pin).
pub(crate) fn challengers(
    ctx: &RuleContext,
    cands: &Candidates,
    base: &Plan,
    p: PostIx,
) -> Vec<usize> {
    let sc = ctx.sc;
    let on: Vec<CadreIx> = base
        .assignments
        .iter()
        .filter(|a| a.post == p)
        .map(|a| a.cadre)
        .collect();
    let mut v: Vec<usize> = cands
        .of_post(p)
        .filter(|&i| {
            let c = cands.cadre(i);
            !on.contains(&c) && !sc.pins.iter().any(|x| x.cadre == c && x.post != p)
        })
        .collect();
    v.sort_by(|&a, &b| cands.score(b).total_cmp(&cands.score(a)).then(a.cmp(&b)));
    v
}

/// For each assigned post (not pinned), the `budget.per_post` best other candidates by score and
/// the exact cost of forcing each into the plan. Re-solves run in parallel; at most
/// `budget.max_solves`, given round-robin (every post's first runner-up, then every post's second…).
pub fn runner_ups(
    ctx: &RuleContext,
    cands: &Candidates,
    base: &Plan,
    budget: &Budget,
) -> RunnerUps {
    let sc = ctx.sc;
    let mut out = RunnerUps {
        per_post: budget.per_post,
        max_solves: budget.max_solves,
        ..Default::default()
    };
    if budget.per_post == 0 {
        return out;
    }
    if !base.solver.status.has_plan() {
        return out;
    }
    if cands.len() > crate::solve::PRICING_THRESHOLD {
        out.note = Notes::one(Note::RunnerUpsNotComputed {
            threshold: crate::solve::PRICING_THRESHOLD,
        });
        return out;
    }
    let mut posts: Vec<PostIx> = base
        .assignments
        .iter()
        .filter(|a| !a.pinned)
        .map(|a| a.post)
        .collect();
    posts.dedup();
    let lists: Vec<Vec<usize>> = posts
        .iter()
        .map(|&p| {
            let mut v = challengers(ctx, cands, base, p);
            v.truncate(budget.per_post);
            v
        })
        .collect();
    // Round-robin over ranks so that the budget reaches every post's best runner-up first.
    let mut jobs: Vec<(usize, usize)> = Vec::new();
    for rank in 0..budget.per_post {
        for (k, l) in lists.iter().enumerate() {
            if rank < l.len() {
                jobs.push((k, rank));
            }
        }
    }
    let skipped = jobs.len().saturating_sub(budget.max_solves);
    jobs.truncate(budget.max_solves);
    let tl = budget.time_limit(sc);
    let costs: Vec<((usize, usize), Cost)> = jobs
        .par_iter()
        .map(|&(k, rank)| {
            let i = lists[k][rank];
            let c = cands.get(i);
            let cf = counterfactual(ctx, cands, base, Requirement::Pin(c.cadre, c.post), tl);
            ((k, rank), Cost::of(&cf))
        })
        .collect();
    out.solves = costs.len();
    let mut found: BTreeMap<(usize, usize), Cost> = costs.into_iter().collect();
    let placed: BTreeMap<CadreIx, PostIx> = base.pairs().into_iter().collect();
    for (k, &p) in posts.iter().enumerate() {
        out.posts.push(PostRunnerUps {
            post_id: sc.post(p).id.clone(),
            post_title: sc.post(p).title.clone(),
            assigned: base
                .assignments
                .iter()
                .filter(|a| a.post == p)
                .map(|a| a.cadre_id.clone())
                .collect(),
            candidates: lists[k]
                .iter()
                .enumerate()
                .map(|(rank, &i)| {
                    let c = cands.get(i);
                    RunnerUp {
                        cadre_id: sc.cadre(c.cadre).id.clone(),
                        cadre_name: sc.cadre(c.cadre).name.clone(),
                        score: c.score,
                        placed_on: placed.get(&c.cadre).map(|&q| sc.post(q).id.clone()),
                        forced: found.remove(&(k, rank)),
                    }
                })
                .collect(),
        });
    }
    if skipped > 0 {
        out.note = Notes::one(Note::RunnerUpsSkipped {
            skipped,
            max_solves: budget.max_solves,
        });
    }
    out
}
