//! Large-neighbourhood search over a large programme's columns: the MIP over every grown column
//! stalls at national size (its root LP alone takes most of the time left), while a MIP over
//! about 80 cadres' columns, every other cadre kept to its move in the best programme known (free
//! to drop it when it shares a post, a unit or a relative with them, else fixed), solves in a
//! second and improves that programme where the Lagrangian's rounding
//! left a chain or a placement undone. A neighbourhood grows from a seed (half the rounds a cadre
//! whose moves differ from the last column-generation LP, half any cadre) through the posts its
//! members' moves use; once rounds over the grown columns stall, the free cadres' best left-out
//! columns onto those posts join. Each round's MIP is stopped by a node limit (and a few
//! seconds as a safety), the search by the time left.

use std::collections::BTreeSet;
use std::time::Instant;

use super::backend::{RunOptions, backend};
use super::model::RowKey;
use super::programme::ProgrammeRow;
use crate::domain::{CadreIx, PostIx, Scenario};
use crate::programme::{Columns, MoveKind, OutCol, Timeline};
use good_lp::Expression;

/// Cadres whose columns a round's MIP may change.
pub const NEIGHBOURHOOD: usize = 80;
/// Rounds in a row without a better programme after which the left-out columns join.
const STALL: usize = 3;
/// Rounds in a row without a better programme after which the search ends.
const GIVE_UP: usize = 40;
/// Nodes of a round's MIP (its root and heuristics do most of the work).
const ROUND_NODES: u64 = 500;
/// Left-out columns a free cadre brings into a round, at most (its best by score onto the
/// neighbourhood's posts).
const LEFT_OUT_PER_CADRE: usize = 40;
/// Columns of the guide a free cadre brings into a round, at most (those it holds the largest
/// share of): where no column generation ran (national size), the subgradient's averaged plans
/// hold the columns an LP would use, most of them left out of the model.
const GUIDE_PER_CADRE: usize = 12;
/// A round's MIP is stopped after this many seconds whatever its nodes (a safety on a slow
/// machine; on this one a round takes 0.3–2 s).
const ROUND_SECONDS: f64 = 3.0;

/// A column's worth to a round beside the other cadres' (its Lagrangian reduced cost, the
/// contested seats and departures priced): which left-out columns a free cadre brings.
pub type Price<'p> = &'p (dyn Fn(&OutCol) -> f64 + Sync);

/// What leads the search: a fractional programme with each column's share (the last LP's, or
/// the subgradient's averaged plans), whose columns with a share of at least `grow` seed the
/// neighbourhoods and lead them from post to post, and a free cadre's [`GUIDE_PER_CADRE`] of
/// largest share join its round; `price`, when known, orders the left-out columns.
#[derive(Clone, Copy)]
pub struct Guide<'g> {
    pub lp: &'g [(OutCol, f64)],
    pub grow: f64,
    pub price: Option<Price<'g>>,
}

/// What the search did.
#[derive(Debug, Clone, Default)]
pub struct Searched {
    pub rounds: usize,
    pub improved: usize,
    /// Moves of the programme kept fixed in the rounds, summed over the rounds (those of cadres
    /// sharing nothing with a round's free ones).
    pub kept: usize,
    /// Rounds whose MIP gave no programme (none should: the best programme is each round's
    /// start and meets its rows).
    pub failed: usize,
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

/// What a round needs that does not change between rounds.
struct Ground<'a> {
    sc: &'a Scenario,
    tl: &'a Timeline,
    cols: &'a Columns,
    running: Vec<bool>,
    /// Each cadre's columns of `cols` (x order).
    of_cadre: Vec<Vec<usize>>,
    /// Each cadre's columns of the guide (at most [`GUIDE_PER_CADRE`], by share).
    guide_of: Vec<Vec<OutCol>>,
    price: Option<Price<'a>>,
    o: RunOptions,
    /// The posts each cadre holds, and each cadre's relatives both ways.
    holds: Vec<Vec<PostIx>>,
    kin: Vec<Vec<CadreIx>>,
}

impl Ground<'_> {
    /// The cadre's left-out columns (`cols.left_out` is in cadre order).
    fn left_of(&self, c: CadreIx) -> &[OutCol] {
        let lo = &self.cols.left_out;
        let a = lo.partition_point(|y| y.cadre < c);
        let b = lo.partition_point(|y| y.cadre <= c);
        &lo[a..b]
    }

    /// One round: the MIP over every column of the `free` cadres (and, `left_out_too`, their
    /// best left-out columns onto the posts of `posts_of` theirs) and the moves of `inc`, from
    /// `inc`, within `seconds`. Its programme (`None`: no answer, or one without a move it kept
    /// fixed), and the number of moves of `inc` it kept fixed.
    fn round(
        &self,
        inc: &[OutCol],
        free: &BTreeSet<CadreIx>,
        posts_of: &[Vec<PostIx>],
        left_out_too: bool,
        seconds: f64,
    ) -> (Option<Vec<OutCol>>, usize) {
        let (sc, cols) = (self.sc, self.cols);
        let n_rot = cols.rotations.len();
        let on_post: BTreeSet<PostIx> = free
            .iter()
            .flat_map(|&c| posts_of[c as usize].iter().copied())
            .collect();
        let mut xs: Vec<OutCol> = inc.to_vec();
        for &c in free {
            xs.extend(
                self.of_cadre[c as usize]
                    .iter()
                    .map(|&k| out_col(sc, cols, k)),
            );
            xs.extend(self.guide_of[c as usize].iter().copied());
            let from: &[OutCol] = if left_out_too { self.left_of(c) } else { &[] };
            let worth = |y: &OutCol| self.price.map_or(y.score, |f| f(y));
            let mut extra: Vec<(f64, &OutCol)> = from
                .iter()
                .filter(|y| on_post.contains(&y.post))
                .map(|y| (worth(y), y))
                .collect();
            extra.sort_by(|(va, a), (vb, b)| {
                vb.total_cmp(va)
                    .then((a.kind, a.period, a.post).cmp(&(b.kind, b.period, b.post)))
            });
            xs.extend(extra.into_iter().take(LEFT_OUT_PER_CADRE).map(|(_, y)| *y));
        }
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
            match super::programme_cg::index_of(cols, x) {
                Some(k) if k < n_rot => sub.rotations.push(cols.rotations[k].clone()),
                Some(k) => sub.placements.push(cols.placements[k - n_rot].clone()),
                None => match super::programme_cg::column_of(sc, self.tl, &self.running, x) {
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
        let mut m = super::programme::build(sc, self.tl, &sub);
        // The moves of cadres that share no post, unit or relative with the free ones are kept
        // (fixed by a row each, which presolve removes with them): of the free cadres' rows
        // they enter only the smoothing's. At national size a round's model held every move of
        // the programme free to be dropped, and HiGHS's presolve, cliques and propagation over
        // them took most of a round.
        let loose = self.loose(inc, free, &xs);
        let mut kept: Vec<&OutCol> = Vec::new();
        for x in inc.iter().filter(|x| !loose.contains(&x.cadre)) {
            if let Some(k) = super::programme_cg::index_of(&sub, x) {
                kept.push(x);
                let kind = u8::from(x.kind == MoveKind::Placement);
                m.rows.push((
                    RowKey::Programme(ProgrammeRow::Kept(x.cadre, x.period as u16, kind)),
                    Expression::from(m.x[k]).geq(1.0),
                ));
            }
        }
        let ro = RunOptions {
            time_limit_s: self.o.time_limit_s.min(seconds),
            ..self.o.clone()
        };
        let t0 = Instant::now();
        let solved = backend().solve_nodes(m, Some(&warm), &ro, ROUND_NODES);
        tracing::trace!(
            free = free.len(),
            columns = xs.len(),
            status = ?solved.as_ref().map(|r| r.status),
            seconds = t0.elapsed().as_secs_f64(),
            "programme neighbourhood round"
        );
        let found: Option<Vec<OutCol>> = solved.ok().map(|raw| {
            raw.x
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0.5)
                .map(|(k, _)| out_col(sc, &sub, k))
                .collect()
        });
        // A programme without a move it was to keep is no answer (a fixing on the wrong column).
        let found = found.filter(|f| {
            let has: BTreeSet<_> = f.iter().map(key).collect();
            kept.iter().all(|x| has.contains(&key(x)))
        });
        (found, kept.len())
    }

    /// The cadres whose moves a round over `free` may change: the free ones, their relatives,
    /// and those with a move of `inc` on a post the free ones' columns (`xs`) take or the free
    /// ones hold, holding such a post, or rotating out of a free one's current unit.
    fn loose(&self, inc: &[OutCol], free: &BTreeSet<CadreIx>, xs: &[OutCol]) -> BTreeSet<CadreIx> {
        let mut posts: BTreeSet<PostIx> = xs
            .iter()
            .filter(|x| free.contains(&x.cadre))
            .map(|x| x.post)
            .collect();
        // The posts the free ones hold: a move into one follows theirs (a vacancy chain).
        posts.extend(
            free.iter()
                .flat_map(|&c| self.holds[c as usize].iter().copied()),
        );
        let unit = |c: CadreIx| self.sc.cadre(c).current_unit;
        let units: BTreeSet<_> = free.iter().filter_map(|&c| unit(c)).collect();
        let mut loose = free.clone();
        for &c in free {
            loose.extend(self.kin[c as usize].iter().copied());
        }
        for x in inc {
            let c = x.cadre;
            if posts.contains(&x.post)
                || self.holds[c as usize].iter().any(|p| posts.contains(p))
                || (x.kind == MoveKind::Rotation && unit(c).is_some_and(|u| units.contains(&u)))
            {
                loose.insert(c);
            }
        }
        loose
    }
}

/// A column's identity.
fn key(x: &OutCol) -> (MoveKind, CadreIx, u8, PostIx) {
    (x.kind, x.cadre, x.period, x.post)
}

/// The cadres whose moves differ between `inc` and `sol`.
fn changed(inc: &[OutCol], sol: &[OutCol]) -> BTreeSet<CadreIx> {
    let a: BTreeSet<_> = inc.iter().map(key).collect();
    let b: BTreeSet<_> = sol.iter().map(key).collect();
    a.symmetric_difference(&b).map(|k| k.1).collect()
}

/// What the changes of the cadres `ch` (from `inc` to `sol`) touch: the posts of their old and
/// new moves and the posts they hold (a holder who moves frees a seat), the units they leave
/// (departures), and the cadres related to them (H10).
struct Touched {
    posts: BTreeSet<PostIx>,
    units: BTreeSet<crate::domain::UnitIx>,
    kin: BTreeSet<CadreIx>,
}

fn touched(
    sc: &Scenario,
    holds: &[Vec<PostIx>],
    kin: &[Vec<CadreIx>],
    ch: &BTreeSet<CadreIx>,
    inc: &[OutCol],
    sol: &[OutCol],
) -> Touched {
    let mut t = Touched {
        posts: inc
            .iter()
            .chain(sol)
            .filter(|x| ch.contains(&x.cadre))
            .map(|x| x.post)
            .collect(),
        units: BTreeSet::new(),
        kin: BTreeSet::new(),
    };
    for &c in ch {
        t.posts.extend(holds[c as usize].iter().copied());
        t.units.extend(sc.cadre(c).current_unit);
        t.kin.extend(kin[c as usize].iter().copied());
    }
    t
}

/// `inc` with the moves of the cadres `a.0` as in `a.1` and those of `b.0` as in `b.1`, when the
/// two changes share no row (no post, unit of departure or related cadre; with programme targets,
/// whose rows span every cadre, never): each row then holds as it does in the round's programme
/// that changed it. `None` when they may share one.
fn merged(
    sc: &Scenario,
    (holds, kin): (&[Vec<PostIx>], &[Vec<CadreIx>]),
    inc: &[OutCol],
    a: (&BTreeSet<CadreIx>, &[OutCol]),
    b: (&BTreeSet<CadreIx>, &[OutCol]),
) -> Option<Vec<OutCol>> {
    if super::programme_targets::any(sc) || a.0.is_empty() || b.0.is_empty() {
        return None;
    }
    let ta = touched(sc, holds, kin, a.0, inc, a.1);
    let tb = touched(sc, holds, kin, b.0, inc, b.1);
    let apart = a.0.is_disjoint(b.0)
        && ta.posts.is_disjoint(&tb.posts)
        && ta.units.is_disjoint(&tb.units)
        && ta.kin.is_disjoint(b.0)
        && tb.kin.is_disjoint(a.0);
    if !apart {
        return None;
    }
    let mut m: Vec<OutCol> = inc
        .iter()
        .filter(|x| !a.0.contains(&x.cadre) && !b.0.contains(&x.cadre))
        .chain(a.1.iter().filter(|x| a.0.contains(&x.cadre)))
        .chain(b.1.iter().filter(|x| b.0.contains(&x.cadre)))
        .copied()
        .collect();
    m.sort_by_key(|x| (x.kind == MoveKind::Placement, x.cadre, x.period, x.post));
    Some(m)
}

/// Improve `best` (a programme over `cols` and its left-out columns) by rounds of neighbourhood
/// MIPs of about `size` free cadres each ([`NEIGHBOURHOOD`] in the planner) until `until`,
/// `max_rounds`, or a programme within `gap` of `bound`, led by `guide`. A round's free cadres get their columns of `cols` and up to
/// [`LEFT_OUT_PER_CADRE`] left-out ones onto the posts the neighbourhood's moves use (the swaps
/// among them: at national size the grown columns alone hold no better programme). Rounds go in
/// pairs over two neighbourhoods apart, solved side by side (one per core; on one thread one
/// after the other, the same programmes): the better programme is kept, or both changes together
/// when they share no row. Returns the best programme found and what the search did.
#[allow(clippy::too_many_arguments)]
pub fn improve(
    sc: &Scenario,
    tl: &Timeline,
    cols: &Columns,
    (best, guide): (&[OutCol], Guide),
    (bound, gap): (f64, f64),
    until: Instant,
    (max_rounds, size): (usize, usize),
    threads: u32,
) -> (Vec<OutCol>, Searched) {
    let (lp, price) = (guide.lp, guide.price);
    let grow = guide.grow.max(1e-6);
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
    let mut inc: Vec<OutCol> = best.to_vec();
    let cadre_of = |k: usize| {
        if k < n_rot {
            cols.rotations[k].cadre
        } else {
            cols.placements[k - n_rot].cadre
        }
    };
    // Each cadre's columns (rotations, then placements).
    let n_c = sc.cadres.len();
    let mut of_cadre: Vec<Vec<usize>> = vec![Vec::new(); n_c];
    for k in 0..n {
        of_cadre[cadre_of(k) as usize].push(k);
    }
    let mut guide_of: Vec<Vec<(f64, OutCol)>> = vec![Vec::new(); n_c];
    for (x, v) in lp.iter().filter(|(_, v)| *v > 1e-6) {
        guide_of[x.cadre as usize].push((*v, *x));
    }
    let guide_of: Vec<Vec<OutCol>> = guide_of
        .into_iter()
        .map(|mut g| {
            g.sort_by(|a, b| b.0.total_cmp(&a.0).then(key(&a.1).cmp(&key(&b.1))));
            g.into_iter()
                .take(GUIDE_PER_CADRE)
                .map(|(_, x)| x)
                .collect()
        })
        .collect();
    // What a change touches besides its moves' posts: the posts each cadre holds, its relatives
    // both ways.
    let mut holds: Vec<Vec<PostIx>> = vec![Vec::new(); n_c];
    for (p, o) in cols.occupancy.iter().enumerate() {
        if let Some(h) = o.holder {
            holds[h as usize].push(p as PostIx);
        }
    }
    let mut kin: Vec<Vec<CadreIx>> = vec![Vec::new(); n_c];
    for (c, x) in sc.cadres.iter().enumerate() {
        for &r in &x.relatives {
            kin[c].push(r);
            kin[r as usize].push(c as CadreIx);
        }
    }
    let g = Ground {
        sc,
        tl,
        cols,
        running: super::programme_cg::running_cadres(sc, cols),
        of_cadre,
        guide_of,
        price,
        o: RunOptions {
            time_limit_s: ROUND_SECONDS,
            relative_gap: 0.0,
            threads,
            deadline: std::time::Duration::from_secs_f64(ROUND_SECONDS * 3.0),
        },
        holds,
        kin,
    };
    // The LP's support, and the cadres whose moves differ from it: the seeds.
    let support: Vec<OutCol> = lp
        .iter()
        .filter(|(_, v)| *v >= grow)
        .map(|(x, _)| *x)
        .collect();
    let seeds: Vec<CadreIx> = {
        let inc_set: BTreeSet<_> = inc.iter().map(key).collect();
        let mut s: BTreeSet<CadreIx> = BTreeSet::new();
        for (x, v) in lp {
            let held = inc_set.contains(&key(x));
            if (*v >= grow && !held) || (held && *v < 1.0 - 1e-6) {
                s.insert(x.cadre);
            }
        }
        s.into_iter().collect()
    };
    // Every cadre with a column seeds too (half the rounds): where the LP and the programme
    // agree (at national size nearly everywhere) the better moves are among the left-out columns.
    let any: Vec<CadreIx> = (0..n_c as CadreIx)
        .filter(|&c| !g.of_cadre[c as usize].is_empty() || !g.left_of(c).is_empty())
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
    let mut posts_of: Vec<Vec<PostIx>> = vec![Vec::new(); n_c];
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
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // Rounds over the grown columns first; after STALL pairs in a row without a better
    // programme, with the left-out columns as well (from then on).
    // Priced, the left-out columns join from the first round.
    let (mut stalled, mut left_out_too) = (0, price.is_some());
    // The search ends when a round freed every cadre with a column, once with the left-out
    // columns too (nothing is left to look at), or after GIVE_UP pairs in a row found nothing.
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
        left_out_too |= stalled >= STALL || whole;
        let none = BTreeSet::new();
        let a = neighbourhood(&mut rng, &pick, (&posts_of, &at_post), (&none, size));
        whole = a.len() == any.len();
        let b = if whole || searched.rounds + 1 >= max_rounds {
            BTreeSet::new()
        } else {
            neighbourhood(&mut rng, &pick, (&posts_of, &at_post), (&a, size))
        };
        let left = until
            .saturating_duration_since(Instant::now())
            .as_secs_f64();
        if left <= 0.0 {
            break;
        }
        searched.rounds += 1 + usize::from(!b.is_empty());
        let ((ra, ka), (rb, kb)) = rayon::join(
            || g.round(&inc, &a, &posts_of, left_out_too, left),
            || {
                if b.is_empty() {
                    (None, 0)
                } else {
                    g.round(&inc, &b, &posts_of, left_out_too, left)
                }
            },
        );
        searched.kept += ka + kb;
        searched.failed += usize::from(ra.is_none()) + usize::from(!b.is_empty() && rb.is_none());
        stalled += 1;
        // The better of the two, or both changes together.
        let mut found: Option<(f64, Vec<OutCol>)> = None;
        let mut better: Vec<(BTreeSet<CadreIx>, Vec<OutCol>)> = Vec::new();
        for sol in [ra, rb].into_iter().flatten() {
            let v = value_of(&sol);
            if v > searched.value + 1e-6 {
                if found.as_ref().is_none_or(|f| v > f.0) {
                    found = Some((v, sol.clone()));
                }
                better.push((changed(&inc, &sol), sol));
            }
        }
        if let [(ca, sa), (cb, sb)] = &better[..]
            && let Some(m) = merged(sc, (&g.holds, &g.kin), &inc, (ca, sa), (cb, sb))
        {
            let v = value_of(&m);
            if found.as_ref().is_none_or(|f| v > f.0 + 1e-6) {
                found = Some((v, m));
            }
        }
        let Some((v, chosen)) = found else {
            continue;
        };
        stalled = 0;
        tracing::debug!(
            round = searched.rounds,
            from = searched.value,
            to = v,
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
    searched.seconds = started.elapsed().as_secs_f64();
    (inc, searched)
}

/// A neighbourhood of about `size` cadres outside `apart`: a seed, then the cadres who
/// could take the posts its members could (`posts_of`, `at_post`), in a random order.
fn neighbourhood(
    rng: &mut Rng,
    pick: &dyn Fn(&mut Rng) -> CadreIx,
    (posts_of, at_post): (&[Vec<PostIx>], &[Vec<CadreIx>]),
    (apart, size): (&BTreeSet<CadreIx>, usize),
) -> BTreeSet<CadreIx> {
    let mut free: BTreeSet<CadreIx> = BTreeSet::new();
    let mut queue: Vec<CadreIx> = Vec::new();
    // Another seed whenever the posts lead nowhere new (a few tries: small programmes run out
    // of cadres to add).
    let mut reseeds = 0;
    while free.len() < size {
        let Some(c) = queue.pop() else {
            if reseeds == 4 * size {
                break;
            }
            reseeds += 1;
            queue.push(pick(rng));
            continue;
        };
        if apart.contains(&c) || !free.insert(c) {
            continue;
        }
        let mut next: Vec<CadreIx> = posts_of[c as usize]
            .iter()
            .flat_map(|&p| at_post[p as usize].iter().copied())
            .filter(|x| !free.contains(x) && !apart.contains(x))
            .collect();
        next.sort_unstable();
        next.dedup();
        // A random order among them, so that rounds from one seed differ.
        for i in (1..next.len()).rev() {
            next.swap(i, rng.below(i + 1));
        }
        queue.extend(next);
    }
    free
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
