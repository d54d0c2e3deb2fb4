//! Requirements that cannot all hold: which pins, must-fill posts and targets give way.

use super::*;

// ---------------------------------------------------------------------------------------------
// Pins that cannot all hold

/// When the scenario's pins cannot all hold: a minimal set of relaxable pins to drop, by a
/// deletion filter (drop every relaxable pin, then take each back in file order and keep it if the
/// pins still hold together). `None` when the pins hold. `verify`: re-solve with the kept pins
/// under that many seconds and report the plan's status and objective.
pub fn relax_pins(
    ctx: &RuleContext,
    cands: &Candidates,
    verify: Option<f64>,
) -> Option<Relaxation> {
    let sc = ctx.sc;
    let check = |pins: &[PairRule]| crate::solve::pin_precheck(ctx, cands, pins);
    let groups = check(&sc.pins);
    if groups.is_empty() {
        return None;
    }
    let fixed: Vec<PairRule> = sc.pins.iter().filter(|p| !p.relaxable).cloned().collect();
    let fixed_conflicts = check(&fixed);
    if !fixed_conflicts.is_empty() {
        return Some(Relaxation {
            groups,
            drop: Vec::new(),
            kept: sc.pins.len(),
            fixed: fixed.len(),
            fixed_conflicts,
            must_fill: Vec::new(),
            targets: Vec::new(),
            minimum: false,
            status_after: None,
            objective_after: None,
            summary: RelaxCase::FixedPins,
        });
    }
    // Deletion filter: keep[k] says whether pin k is kept.
    let mut keep: Vec<bool> = sc.pins.iter().map(|p| !p.relaxable).collect();
    let kept_pins = |keep: &[bool]| -> Vec<PairRule> {
        sc.pins
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(p, _)| p.clone())
            .collect()
    };
    for k in 0..sc.pins.len() {
        if keep[k] {
            continue;
        }
        keep[k] = true;
        if !check(&kept_pins(&keep)).is_empty() {
            keep[k] = false;
        }
    }
    let kept = kept_pins(&keep);
    let drop: Vec<PinRef> = sc
        .pins
        .iter()
        .zip(&keep)
        .filter(|(_, k)| !**k)
        .map(|(pin, _)| {
            let mut with = kept.clone();
            with.push(pin.clone());
            let own = check(&with);
            PinRef {
                cadre_id: sc.cadre(pin.cadre).id.clone(),
                post_id: sc.post(pin.post).id.clone(),
                reason: pin.reason.clone(),
                breaks: own,
            }
        })
        .collect();
    let (status_after, objective_after) = match verify {
        Some(tl) => {
            let mut copy = sc.clone();
            copy.pins = kept.clone();
            copy.solver.time_limit_s = tl;
            let ctx2 = RuleContext::new(&copy);
            let out = crate::solve::solve(&ctx2, cands);
            (Some(out.status), out.objective)
        }
        None => (None, None),
    };
    Some(Relaxation {
        groups,
        drop,
        kept: kept.len(),
        fixed: fixed.len(),
        fixed_conflicts: Vec::new(),
        must_fill: Vec::new(),
        targets: Vec::new(),
        minimum: false,
        status_after,
        objective_after,
        summary: RelaxCase::DropPins,
    })
}

/// Which requirement groups have to give way for a plan to exist: the pins alone
/// ([`relax_pins`]) or, when must-fill posts or targets are hard (`requirements:`), every group
/// together by the elastic MIP of `solve::requirements`, shrunk to a minimal set when the MIP could
/// not prove its set smallest. Groups marked `relaxable: false` never give way. `None` when the
/// requirements hold. `verify`: re-solve with the groups given way (pins dropped, must-fill posts
/// and targets soft again, penalised as by default) under that many seconds.
pub fn relax_requirements(
    ctx: &RuleContext,
    cands: &Candidates,
    verify: Option<f64>,
) -> Option<Relaxation> {
    use crate::solve::model::{Req, TARGET_NAMES, target_shares};
    use crate::solve::requirements::{self as reqs, Verdict};
    let sc = ctx.sc;
    if !sc.requirements.any_hard() {
        return relax_pins(ctx, cands, verify);
    }
    let tl = sc.solver.time_limit_s;
    let deadline = || {
        std::time::Instant::now()
            + std::time::Duration::from_secs_f64(tl + crate::solve::deadline_grace(tl))
    };
    let user = |g: Req| reqs::user_relaxable(ctx, g);
    let fixed: Vec<Req> = reqs::groups(ctx)
        .into_iter()
        .filter(|&g| !user(g))
        .collect();
    let empty = |summary: RelaxCase, minimum: bool| Relaxation {
        groups: Vec::new(),
        drop: Vec::new(),
        kept: sc.pins.len(),
        fixed: fixed.len(),
        fixed_conflicts: Vec::new(),
        must_fill: Vec::new(),
        targets: Vec::new(),
        minimum,
        status_after: None,
        objective_after: None,
        summary,
    };
    let (mut relax, minimum, mut chosen) = match reqs::elastic(ctx, cands, &user, tl, deadline()) {
        Verdict::Hold { .. } => return None,
        Verdict::Fixed => {
            let mut r = empty(
                RelaxCase::FixedGroups {
                    groups: fixed.iter().map(|&g| group_ref(ctx, g)).collect(),
                },
                false,
            );
            r.fixed_conflicts = fixed.iter().map(|&g| reqs::describe(ctx, g)).collect();
            return Some(r);
        }
        Verdict::Unknown(note) => {
            return Some(empty(
                RelaxCase::Unknown {
                    time_limit_s: tl,
                    note,
                },
                false,
            ));
        }
        Verdict::Relax {
            relax,
            minimum,
            chosen,
        } => (relax, minimum, chosen),
    };
    if !minimum {
        // Deletion filter: keep each group of the set in turn if the rest still lets a plan exist.
        for g in relax.clone() {
            if !relax.contains(&g) || !user(g) {
                continue;
            }
            let allowed: Vec<Req> = relax.iter().copied().filter(|&h| h != g).collect();
            let v = reqs::elastic(ctx, cands, &|h| allowed.contains(&h), tl, deadline());
            if let Verdict::Relax {
                relax: r,
                chosen: c,
                ..
            } = with_relax(v)
            {
                relax = r;
                chosen = c;
            }
        }
    }
    chosen.sort_unstable();

    let (filled, counts) = reqs::tally(ctx, cands, &chosen);
    let mut r = empty(
        RelaxCase::Groups {
            groups: relax.iter().map(|&g| group_ref(ctx, g)).collect(),
        },
        minimum,
    );
    r.groups = relax.iter().map(|&g| reqs::describe(ctx, g)).collect();
    for &g in &relax {
        match g {
            Req::Pin(k) => {
                let pin = &sc.pins[k];
                r.drop.push(PinRef {
                    cadre_id: sc.cadre(pin.cadre).id.clone(),
                    post_id: sc.post(pin.post).id.clone(),
                    reason: pin.reason.clone(),
                    breaks: crate::solve::pin_precheck(ctx, cands, std::slice::from_ref(pin)),
                });
            }
            Req::MustFill(p) => {
                let post = sc.post(p);
                r.must_fill.push(MustFillRef {
                    post_id: post.id.clone(),
                    post_title: post.title.clone(),
                    unit_name: sc.unit(post.unit).name.clone(),
                    seats: post.seats,
                    filled: filled[p as usize],
                });
            }
            Req::Target(k) => r.targets.push(TargetRef {
                target: TARGET_NAMES[k].to_string(),
                share: target_shares(sc)[k],
                reached: if chosen.is_empty() {
                    0.0
                } else {
                    counts[k] as f64 / chosen.len() as f64
                },
            }),
        }
    }
    r.kept = sc.pins.len() - r.drop.len();
    if let Some(t) = verify {
        // The relaxed groups given way: pins dropped, must-fill posts and targets soft again.
        let mut copy = sc.clone();
        for &g in &relax {
            match g {
                Req::MustFill(p) => copy.waived.must_fill.push(p),
                Req::Target(k) => copy.waived.targets[k] = true,
                Req::Pin(_) => {}
            }
        }
        copy.waived.must_fill.sort_unstable();
        copy.pins = sc
            .pins
            .iter()
            .enumerate()
            .filter(|(k, _)| !relax.contains(&Req::Pin(*k)))
            .map(|(_, p)| p.clone())
            .collect();
        copy.solver.time_limit_s = t;
        let out = crate::solve::solve(&RuleContext::new(&copy), cands);
        r.status_after = Some(out.status);
        r.objective_after = out.objective;
    }
    Some(r)
}

/// A `Hold` read as a relaxation of nothing.
pub(crate) fn with_relax(
    v: crate::solve::requirements::Verdict,
) -> crate::solve::requirements::Verdict {
    use crate::solve::requirements::Verdict;
    match v {
        Verdict::Hold { chosen } => Verdict::Relax {
            relax: Vec::new(),
            minimum: true,
            chosen,
        },
        other => other,
    }
}

/// A requirement group in a few words.
/// A requirement group as people know it: the pin's pair, the post, the target and its share.
pub(crate) fn group_ref(ctx: &RuleContext, g: crate::solve::model::Req) -> GroupRef {
    use crate::solve::model::{Req, TARGET_NAMES, target_shares};
    let sc = ctx.sc;
    match g {
        Req::Pin(k) => {
            let p = &sc.pins[k];
            GroupRef::Pin {
                cadre_id: sc.cadre(p.cadre).id.clone(),
                post_id: sc.post(p.post).id.clone(),
            }
        }
        Req::MustFill(p) => GroupRef::MustFill {
            post_id: sc.post(p).id.clone(),
            post_title: sc.post(p).title.clone(),
        },
        Req::Target(k) => GroupRef::Target {
            target: TARGET_NAMES[k].to_string(),
            share: target_shares(sc)[k],
        },
    }
}
