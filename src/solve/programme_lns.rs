//! Large-neighbourhood search over a large programme's columns: the MIP over every grown column
//! stalls at national size (its root LP alone takes most of the time left), while a MIP over
//! about 80 cadres' columns, every other cadre kept to its move in the best programme known (free
//! to drop it), solves in a second and improves that programme where the Lagrangian's rounding
//! left a chain or a placement undone. A neighbourhood grows from a seed (half the rounds a cadre
//! whose moves differ from the last column-generation LP, half any cadre) through the posts its
//! members' moves use; once rounds over the grown columns stall, the free cadres' best left-out
//! columns onto those posts join. Each round's MIP is stopped by a node limit (and a few
//! seconds as a safety), the search by the time left.

use std::collections::BTreeSet;
use std::time::Instant;

use super::backend::{RunOptions, backend};
use crate::domain::{CadreIx, Scenario};
use crate::programme::{Columns, OutCol, Timeline};

/// Cadres whose columns a round's MIP may change.
const NEIGHBOURHOOD: usize = 80;
/// Rounds in a row without a better programme after which the left-out columns join.
const STALL: usize = 3;
/// Rounds in a row without a better programme after which the search ends.
const GIVE_UP: usize = 40;
/// Nodes of a round's MIP (its root and heuristics do most of the work).
const ROUND_NODES: u64 = 500;
/// Left-out columns a free cadre brings into a round, at most (its best by score onto the
/// neighbourhood's posts).
const LEFT_OUT_PER_CADRE: usize = 40;
/// A round's MIP is stopped after this many seconds whatever its nodes (a safety on a slow
/// machine; on this one a round takes 0.3–2 s).
const ROUND_SECONDS: f64 = 3.0;

/// What the search did.
#[derive(Debug, Clone, Default)]
pub struct Searched {
    pub rounds: usize,
    pub improved: usize,
    pub value: f64,
    pub seconds: f64,
}

/// A small deterministic generator (xorshift64*): the neighbourhoods' order.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Improve `best` (a programme over `cols` and its left-out columns) by rounds of neighbourhood
/// MIPs until `until`, `max_rounds`, or a programme within `gap` of `bound`; `lp`: the last LP's
/// columns with their values (the neighbourhoods' seeds). A round's free cadres get their columns of `cols` and up to
/// [`LEFT_OUT_PER_CADRE`] left-out ones onto the posts the neighbourhood's moves use (the swaps
/// among them: at national size the grown columns alone hold no better programme). Returns the
/// best programme found and what the search did.
#[allow(clippy::too_many_arguments)]
pub fn improve(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    (best, lp): (&[OutCol], &[(OutCol, f64)]),
    (bound, gap): (f64, f64),
    until: Instant,
    max_rounds: usize,
    threads: u32,
) -> (Vec<OutCol>, Searched) {
    let started = Instant::now();
    let n_t = tl.periods.len();
    let n_rot = cols.rotations.len();
    let n = n_rot + cols.placements.len();
    let value_of = |x: &[OutCol]| super::programme_lagrange::value_of(sc, n_t, cols, x);
    let mut searched = Searched {
        value: value_of(best),
        ..Searched::default()
    };
    if n == 0 {
        return (best.to_vec(), searched);
    }
    let index = |x: &OutCol| super::programme_cg::index_of(cols, x);
    let mut inc: Vec<OutCol> = best.to_vec();
    let cadre_of = |k: usize| {
        if k < n_rot {
            cols.rotations[k].cadre
        } else {
            cols.placements[k - n_rot].cadre
        }
    };
    // Each cadre's columns (rotations, then placements) and its left-out ones (in cadre order).
    let n_c = sc.cadres.len();
    let mut of_cadre: Vec<Vec<usize>> = vec![Vec::new(); n_c];
    for k in 0..n {
        of_cadre[cadre_of(k) as usize].push(k);
    }
    let left_of = |c: CadreIx| {
        let a = cols.left_out.partition_point(|y| y.cadre < c);
        let b = cols.left_out.partition_point(|y| y.cadre <= c);
        &cols.left_out[a..b]
    };
    // The LP's support, and the cadres whose moves differ from it: the seeds.
    let support: Vec<OutCol> = lp
        .iter()
        .filter(|(_, v)| *v > 1e-6)
        .map(|(x, _)| *x)
        .collect();
    let seeds: Vec<CadreIx> = {
        let key = |x: &OutCol| (x.kind, x.cadre, x.period, x.post);
        let inc_set: BTreeSet<_> = inc.iter().map(key).collect();
        let mut s: BTreeSet<CadreIx> = BTreeSet::new();
        for (x, v) in lp {
            let held = inc_set.contains(&key(x));
            if (*v > 1e-6 && !held) || (held && *v < 1.0 - 1e-6) {
                s.insert(x.cadre);
            }
        }
        s.into_iter().collect()
    };
    // Every cadre with a column seeds too (half the rounds): where the LP and the programme
    // agree (at national size nearly everywhere) the better moves are among the left-out columns.
    let any: Vec<CadreIx> = (0..n_c as CadreIx)
        .filter(|&c| !of_cadre[c as usize].is_empty() || !left_of(c).is_empty())
        .collect();
    if any.is_empty() {
        return (best.to_vec(), searched);
    }
    let pick = |rng: &mut Rng| {
        if !seeds.is_empty() && rng.below(2) == 0 {
            seeds[rng.below(seeds.len())]
        } else {
            any[rng.below(any.len())]
        }
    };
    // Per cadre, the posts of its moves in the LP's support and the programme; per post, the
    // cadres with such a move there: the neighbourhoods grow through them.
    let mut posts_of: Vec<Vec<crate::domain::PostIx>> = vec![Vec::new(); n_c];
    for x in support.iter().chain(&inc) {
        posts_of[x.cadre as usize].push(x.post);
    }
    let mut at_post: Vec<Vec<CadreIx>> = vec![Vec::new(); sc.posts.len()];
    for (c, ps) in posts_of.iter_mut().enumerate() {
        ps.sort_unstable();
        ps.dedup();
        for &p in ps.iter() {
            at_post[p as usize].push(c as CadreIx);
        }
    }
    let ctxs = tl.contexts();
    let running = super::programme_cg::running_cadres(sc, cols);
    let mut on_post = vec![false; sc.posts.len()];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let o = RunOptions {
        time_limit_s: ROUND_SECONDS,
        relative_gap: 0.0,
        threads,
        deadline: std::time::Duration::from_secs_f64(ROUND_SECONDS * 3.0),
    };
    // Rounds over the grown columns first; after STALL rounds in a row without a better
    // programme, with the left-out columns as well (from then on).
    let (mut stalled, mut left_out_too) = (0, false);
    // The search ends when a round freed every cadre with a column, once with the left-out
    // columns too (nothing is left to look at), or after GIVE_UP rounds in a row found nothing.
    let mut whole = false;
    // Within `gap` of `bound` (the bound over every column) there is nothing to gain.
    let close = |v: f64| bound - v <= gap * v.abs().max(1.0);
    while searched.rounds < max_rounds
        && Instant::now() < until
        && stalled < GIVE_UP
        && !close(searched.value)
    {
        if whole && (left_out_too || cols.left_out.is_empty()) {
            break;
        }
        searched.rounds += 1;
        left_out_too |= stalled >= STALL || whole;
        // The neighbourhood: a seed, then the cadres who could take the posts its members could.
        let mut free: BTreeSet<CadreIx> = BTreeSet::new();
        let mut queue: Vec<CadreIx> = Vec::new();
        // Another seed whenever the posts lead nowhere new (a few tries: small programmes run
        // out of cadres to add).
        let mut reseeds = 0;
        while free.len() < NEIGHBOURHOOD {
            let Some(c) = queue.pop() else {
                if reseeds == 4 * NEIGHBOURHOOD {
                    break;
                }
                reseeds += 1;
                queue.push(pick(&mut rng));
                continue;
            };
            if !free.insert(c) {
                continue;
            }
            let mut next: Vec<CadreIx> = posts_of[c as usize]
                .iter()
                .flat_map(|&p| at_post[p as usize].iter().copied())
                .filter(|x| !free.contains(x))
                .collect();
            next.sort_unstable();
            next.dedup();
            // A random order among them, so that rounds from one seed differ.
            for i in (1..next.len()).rev() {
                next.swap(i, rng.below(i + 1));
            }
            queue.extend(next);
        }
        whole = free.len() == any.len();
        // The round's columns: every column of the free cadres and their best left-out ones
        // onto the neighbourhood's posts; the programme's moves of the others.
        for &c in &free {
            for &p in &posts_of[c as usize] {
                on_post[p as usize] = true;
            }
        }
        let mut xs: Vec<OutCol> = inc.clone();
        for &c in &free {
            xs.extend(of_cadre[c as usize].iter().map(|&k| out_col(sc, cols, k)));
            let from: &[OutCol] = if left_out_too { left_of(c) } else { &[] };
            let mut extra: Vec<&OutCol> =
                from.iter().filter(|y| on_post[y.post as usize]).collect();
            extra.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then((a.kind, a.period, a.post).cmp(&(b.kind, b.period, b.post)))
            });
            xs.extend(extra.into_iter().take(LEFT_OUT_PER_CADRE).copied());
        }
        for &c in &free {
            for &p in &posts_of[c as usize] {
                on_post[p as usize] = false;
            }
        }
        let key = |x: &OutCol| (x.kind, x.cadre, x.period, x.post);
        xs.sort_by_key(key);
        xs.dedup_by_key(|x| key(x));
        let mut sub = Columns {
            rotations: Vec::new(),
            placements: Vec::new(),
            running: cols.running.clone(),
            occupancy: cols.occupancy.clone(),
            unplaceable: cols.unplaceable.clone(),
            without_placement: cols.without_placement,
            left_out: Vec::new(),
        };
        for x in &xs {
            match index(x) {
                Some(k) if k < n_rot => sub.rotations.push(cols.rotations[k].clone()),
                Some(k) => sub.placements.push(cols.placements[k - n_rot].clone()),
                None => match super::programme_cg::column_of(sc, tl, &ctxs, &running, x) {
                    super::programme_cg::Column::Rotation(r) => sub.rotations.push(r),
                    super::programme_cg::Column::Placement(p) => sub.placements.push(p),
                },
            }
        }
        sub.rotations.sort_by_key(|r| (r.cadre, r.period, r.post));
        sub.placements.sort_by_key(|x| (x.cadre, x.period, x.post));
        let warm: Vec<usize> = inc
            .iter()
            .filter_map(|x| super::programme_cg::index_of(&sub, x))
            .collect();
        let m = super::programme::build(sc, tl, &sub);
        let left = until
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        if left <= 0.0 {
            break;
        }
        let ro = RunOptions {
            time_limit_s: o.time_limit_s.min(left),
            ..o.clone()
        };
        let t0 = Instant::now();
        let solved = backend().solve_nodes(m, Some(&warm), &ro, ROUND_NODES);
        tracing::trace!(
            round = searched.rounds,
            free = free.len(),
            columns = xs.len(),
            status = ?solved.as_ref().map(|r| r.status),
            seconds = t0.elapsed().as_secs_f64(),
            "programme neighbourhood round"
        );
        stalled += 1;
        let Ok(raw) = solved else {
            continue;
        };
        let chosen: Vec<OutCol> = raw
            .x
            .iter()
            .enumerate()
            .filter(|(_, v)| **v > 0.5)
            .map(|(k, _)| out_col(sc, &sub, k))
            .collect();
        let v = value_of(&chosen);
        if v > searched.value + 1e-6 {
            stalled = 0;
            tracing::debug!(
                round = searched.rounds,
                from = searched.value,
                to = v,
                free = free.len(),
                columns = xs.len(),
                "programme neighbourhood search: better"
            );
            searched.value = v;
            searched.improved += 1;
            // The new moves' posts join their cadres' (the next neighbourhoods follow them).
            for x in &chosen {
                let ps = &mut posts_of[x.cadre as usize];
                if let Err(i) = ps.binary_search(&x.post) {
                    ps.insert(i, x.post);
                    at_post[x.post as usize].push(x.cadre);
                }
            }
            inc = chosen;
        }
    }
    searched.seconds = started.elapsed().as_secs_f64();
    (inc, searched)
}

/// Column `k` of `cols` (rotations, then placements) as an [`OutCol`].
fn out_col(sc: &Scenario, cols: &Columns, k: usize) -> OutCol {
    let n_rot = cols.rotations.len();
    if k < n_rot {
        OutCol::of_rotation(&cols.rotations[k])
    } else {
        OutCol::of_placement(sc, &cols.placements[k - n_rot])
    }
}
