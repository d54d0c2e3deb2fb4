//! Hard requirements — the pins (S2), must-fill posts with `requirements.must_fill.hard` (S5) and
//! structure targets with `requirements.targets.hard` (S6): can they all hold together, and if not,
//! which groups have to give way. One elastic MIP (`model::build_elastic`) answers both: each
//! group's row gets a slack switched on by a binary "relaxed" column, and the fewest relaxed groups
//! is the optimum. Only feasibility matters here, not the plan's score.

use super::backend::{Failure, RunOptions, backend};
use super::model::{self, Req, target_flag, target_shares};
use crate::domain::PostIx;
use crate::rules::{Candidates, RuleContext};
use std::time::{Duration, Instant};

/// The answer about the hard requirements.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// They all hold: `chosen` (candidate indexes, sorted) is a plan that meets every one.
    Hold { chosen: Vec<usize> },
    /// They cannot all hold; relaxing the groups of `relax` gives the plan `chosen`. `minimum`:
    /// proven to be a smallest such set (then also minimal: no group of it can be kept).
    Relax {
        relax: Vec<Req>,
        minimum: bool,
        chosen: Vec<usize>,
    },
    /// Even with every group `relaxable` allows relaxed there is no plan: the other groups
    /// conflict among themselves.
    Fixed,
    /// The solver stopped before it could tell.
    Unknown(super::Stuck),
}

/// Every requirement group of the scenario, in a stable order: pins, must-fill posts, targets.
pub fn groups(ctx: &RuleContext) -> Vec<Req> {
    let sc = ctx.sc;
    let mut out: Vec<Req> = (0..sc.pins.len()).map(Req::Pin).collect();
    if sc.requirements.must_fill.hard {
        out.extend(
            (0..sc.posts.len() as PostIx)
                .filter(|&p| sc.must_fill_hard(p))
                .map(Req::MustFill),
        );
    }
    if sc.requirements.targets.hard {
        out.extend(
            target_shares(sc)
                .iter()
                .enumerate()
                .filter(|&(k, t)| *t > 0.0 && sc.target_hard(k))
                .map(|(k, _)| Req::Target(k)),
        );
    }
    out
}

/// Whether the user lets `explain` relax this group (`relaxable:` of the pin, or of the
/// requirement under `requirements:`).
pub fn user_relaxable(ctx: &RuleContext, g: Req) -> bool {
    let sc = ctx.sc;
    match g {
        Req::Pin(k) => sc.pins[k].relaxable,
        Req::MustFill(_) => sc.requirements.must_fill.relaxable,
        Req::Target(_) => sc.requirements.targets.relaxable,
    }
}

/// Seats filled per post, and cadres moved who count towards each target, in the plan `chosen`.
pub fn tally(ctx: &RuleContext, cands: &Candidates, chosen: &[usize]) -> (Vec<u32>, [usize; 3]) {
    let mut filled = vec![0u32; ctx.sc.posts.len()];
    let mut counts = [0usize; 3];
    for &i in chosen {
        let c = cands.get(i);
        filled[c.post as usize] += 1;
        for (k, n) in counts.iter_mut().enumerate() {
            *n += usize::from(target_flag(ctx, c.cadre, k));
        }
    }
    (filled, counts)
}

/// The groups the plan `chosen` breaks.
pub fn broken(ctx: &RuleContext, cands: &Candidates, chosen: &[usize]) -> Vec<Req> {
    let sc = ctx.sc;
    let (filled, counts) = tally(ctx, cands, chosen);
    let shares = target_shares(sc);
    // Σ (flag − target) over the cadres moved, as the model's row has it.
    let sum = |k: usize| counts[k] as f64 - shares[k] * chosen.len() as f64;
    groups(ctx)
        .into_iter()
        .filter(|&g| match g {
            Req::Pin(k) => {
                let pin = &sc.pins[k];
                cands
                    .find(pin.cadre, pin.post)
                    .is_none_or(|i| chosen.binary_search(&i).is_err())
            }
            Req::MustFill(p) => filled[p as usize] < sc.post(p).seats,
            Req::Target(k) => sum(k) < -1e-9,
        })
        .collect()
}

/// The pairs a plan meeting the requirements needs, and no more: pairs into hard must-fill posts,
/// the pins' pairs and, with hard targets, the pairs of cadres who count towards a target. Any plan
/// that meets the requirements still does without the other pairs (dropping a cadre who counts
/// towards no target only raises the shares), so with `restrict: None` the answer is exact.
/// `Some((per_post, per_cadre))` keeps only the best-scoring pairs: per_post + 4 per seat into each
/// must-fill post, per_cadre of each target cadre.
fn columns(ctx: &RuleContext, cands: &Candidates, restrict: Option<(usize, usize)>) -> Vec<usize> {
    let sc = ctx.sc;
    let best_first = |idx: &mut Vec<usize>| {
        idx.sort_by(|&a, &b| cands.score(b).total_cmp(&cands.score(a)).then(a.cmp(&b)))
    };
    let mut cols: Vec<usize> = Vec::new();
    if sc.requirements.must_fill.hard {
        for p in 0..cands.posts_len() as PostIx {
            let post = sc.post(p);
            if !sc.must_fill_hard(p) {
                continue;
            }
            match restrict {
                None => cols.extend(cands.of_post(p)),
                Some((per_post, _)) => {
                    let mut idx: Vec<usize> = cands.of_post(p).collect();
                    best_first(&mut idx);
                    idx.truncate(per_post + 4 * post.seats as usize);
                    cols.extend(idx);
                }
            }
        }
    }
    cols.extend(sc.pins.iter().filter_map(|p| cands.find(p.cadre, p.post)));
    if sc.requirements.targets.hard {
        let shares = target_shares(sc);
        for c in 0..sc.cadres.len() {
            let counts = (0..3)
                .any(|k| shares[k] > 0.0 && sc.target_hard(k) && target_flag(ctx, c as u32, k));
            if !counts {
                continue;
            }
            let mut idx: Vec<usize> = (cands.by_cadre[c]..cands.by_cadre[c + 1]).collect();
            if let Some((_, per_cadre)) = restrict {
                best_first(&mut idx);
                idx.truncate(per_cadre);
            }
            cols.extend(idx);
        }
    }
    cols.sort_unstable();
    cols.dedup();
    cols
}

/// Above this many columns, first try with the best few pairs of each must-fill post and target
/// cadre only: a plan found there is a plan, and only a "cannot hold" needs the exact column set.
const RESTRICT_ABOVE: usize = 30_000;
const RESTRICTED: (usize, usize) = (8, 3);

/// Can the requirement groups hold together when those `relaxable` allows may give way? Solved
/// under `time_limit_s` (and never past `deadline`).
pub fn elastic(
    ctx: &RuleContext,
    cands: &Candidates,
    relaxable: &dyn Fn(Req) -> bool,
    time_limit_s: f64,
    deadline: Instant,
) -> Verdict {
    let sc = ctx.sc;
    // Groups no pair can meet: a pin that is not a candidate pair, a must-fill post short of
    // candidates. They must give way whatever the rest does.
    let mut forced: Vec<Req> = Vec::new();
    for g in groups(ctx) {
        let hopeless = match g {
            Req::Pin(k) => cands.find(sc.pins[k].cadre, sc.pins[k].post).is_none(),
            Req::MustFill(p) => (cands.post_len(p) as u32) < sc.post(p).seats,
            Req::Target(_) => false,
        };
        if hopeless {
            if !relaxable(g) {
                return Verdict::Fixed;
            }
            forced.push(g);
        }
    }
    let pins: Vec<(usize, usize)> = sc
        .pins
        .iter()
        .enumerate()
        .filter_map(|(k, p)| cands.find(p.cadre, p.post).map(|i| (k, i)))
        .collect();
    let exact = columns(ctx, cands, None);
    let tries: Vec<Vec<usize>> = if exact.len() > RESTRICT_ABOVE {
        vec![columns(ctx, cands, Some(RESTRICTED)), exact]
    } else {
        vec![exact]
    };
    let started = Instant::now();
    let n_tries = tries.len();
    for (t, cols) in tries.into_iter().enumerate() {
        let last = t + 1 == n_tries;
        if cols.is_empty() {
            // No pair matters (HiGHS cannot take a model without columns): the empty plan is the
            // only plan, and it breaks exactly the groups no pair can meet.
            let relax = broken(ctx, cands, &[]);
            return if relax.is_empty() {
                Verdict::Hold { chosen: Vec::new() }
            } else if relax.iter().all(|&g| relaxable(g)) {
                Verdict::Relax {
                    relax,
                    minimum: true,
                    chosen: Vec::new(),
                }
            } else {
                Verdict::Fixed
            };
        }
        let m = model::build_elastic(ctx, cands, &pins, &cols, relaxable);
        let opts = RunOptions {
            time_limit_s: (time_limit_s - started.elapsed().as_secs_f64()).max(0.5),
            relative_gap: 0.0,
            threads: sc.solver.threads,
            deadline: deadline
                .saturating_duration_since(Instant::now())
                .max(Duration::from_millis(500)),
        };
        let raw = match backend().solve(m, None, &opts) {
            Ok(r) => r,
            Err(Failure::Infeasible) if last => return Verdict::Fixed,
            Err(Failure::Infeasible) => continue,
            Err(Failure::Deadline | Failure::NoPlan) => {
                return Verdict::Unknown(super::Stuck::NoPlanWithin {
                    seconds: time_limit_s,
                });
            }
            Err(Failure::Other(e)) => return Verdict::Unknown(super::Stuck::Backend(e)),
        };
        let chosen: Vec<usize> = raw
            .x
            .iter()
            .zip(&cols)
            .filter(|(v, _)| **v > 0.5)
            .map(|(_, &i)| i)
            .collect();
        // What the plan itself breaks, not what the relaxed columns say.
        let relax = broken(ctx, cands, &chosen);
        tracing::debug!(
            columns = cols.len(),
            exact = last,
            status = raw.status.as_str(),
            relaxed = relax.len(),
            seconds = started.elapsed().as_secs_f64(),
            "elastic model solved"
        );
        debug_assert!(forced.iter().all(|g| relax.contains(g)));
        if relax.is_empty() {
            return Verdict::Hold { chosen };
        }
        if !last {
            continue;
        }
        if relax.iter().any(|&g| !relaxable(g)) {
            return Verdict::Unknown(super::Stuck::MayNotGiveWay);
        }
        let minimum = raw.status == super::SolveStatus::Optimal;
        return Verdict::Relax {
            relax,
            minimum,
            chosen,
        };
    }
    Verdict::Unknown(super::Stuck::NoColumnSet)
}

/// A group as an infeasible group of the solver's report.
pub fn describe(ctx: &RuleContext, g: Req) -> super::InfeasibleGroup {
    use super::Conflict;
    use crate::rules::RuleId;
    let sc = ctx.sc;
    let (rule, detail) = match g {
        Req::Pin(k) => {
            let pin = &sc.pins[k];
            (
                RuleId::S2,
                Conflict::Pin {
                    cadre: sc.cadre(pin.cadre).id.clone(),
                    post: sc.post(pin.post).id.clone(),
                },
            )
        }
        Req::MustFill(p) => {
            let post = sc.post(p);
            (
                RuleId::S5,
                Conflict::MustFill {
                    post: post.id.clone(),
                    title: post.title.clone(),
                    unit_name: sc.unit(post.unit).name.clone(),
                    seats: post.seats,
                },
            )
        }
        Req::Target(k) => (
            RuleId::S6,
            Conflict::Target {
                target: k,
                share: target_shares(sc)[k],
            },
        ),
    };
    super::InfeasibleGroup::new(rule, detail)
}
