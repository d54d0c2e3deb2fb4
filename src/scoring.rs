//! Objective terms of one cadre→post pair, each named and unweighted (points), so that a plan can
//! explain itself term by term; `Terms::weighted` turns them into the pair's objective coefficient.

use crate::domain::{Cadre, CadreIx, Post, PostIx, Scenario, TrainingPoints, Unit, Weights};
use serde::{Deserialize, Serialize};

/// Whether a term adds to the objective or is a cost taken from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sense {
    Gain,
    Cost,
}

/// One objective term of a pair: its name (the JSON field, the CSV column, the YAML weight key),
/// whether it is a gain or a cost, its weight, and where its points are kept in [`Terms`].
pub struct Term {
    pub name: &'static str,
    pub sense: Sense,
    /// Shown in people's summaries and comparisons even when every value is 0 (a term that only
    /// some scenarios use, such as stability, is shown only where it counts).
    pub always_shown: bool,
    pub weight: fn(&Weights) -> f64,
    pub points: fn(&Terms) -> f64,
    points_mut: fn(&mut Terms) -> &mut f64,
}

impl Term {
    /// The term's signed contribution to the objective.
    pub fn weighted(&self, t: &Terms, w: &Weights) -> f64 {
        let x = (self.weight)(w) * (self.points)(t);
        match self.sense {
            Sense::Gain => x,
            Sense::Cost => -x,
        }
    }
}

/// THE table of a pair's objective terms. The weighted sum, the plan's totals, plan.csv's columns,
/// the summaries, the comparison and explain all read it, so a term cannot be half wired: a new
/// term is one row here, its field in [`Terms`] and its points in [`pair_terms`].
macro_rules! term_table {
    ($($name:ident: $sense:ident, $always:literal;)*) => {
        pub const TERMS: &[Term] = &[$(Term {
            name: stringify!($name),
            sense: Sense::$sense,
            always_shown: $always,
            weight: |w| w.$name,
            points: |t| t.$name,
            points_mut: |t| &mut t.$name,
        }),*];
    };
}

term_table! {
    staffing: Gain, true;
    training: Gain, true;
    fit: Gain, true;
    disruption: Cost, true;
    stability: Gain, false;
}

/// The objective's parts that are not a pair's term: penalties of the model as a whole, each
/// a cost. With [`TERMS`] they are the names a lexicographic `objective.order` may list
/// ([`level_names`]); a part a model does not have is worth 0 there.
pub const PENALTIES: &[&str] = &[
    // Empty seats of must-fill posts (single plans).
    "must_fill",
    // Approved seats beyond quota used (single plans).
    "extra_seats",
    // Shortfalls of the structure targets (single plans).
    "targets",
    // Programmes: rotations ending inside the programme left without a placement.
    "unplaced",
    // Programmes: placements back into the unit of origin.
    "origin",
    // Programmes: rotations above or below the per-period average (not in waves).
    "smoothing",
];

/// Whether level `name` can be worth anything in a programme (`programme`) or in a single plan
/// (see each of [`PENALTIES`]).
pub fn level_applies(name: &str, programme: bool) -> bool {
    match name {
        "must_fill" | "extra_seats" | "targets" => !programme,
        "unplaced" | "origin" | "smoothing" => programme,
        _ => true,
    }
}

/// Every name an `objective.order` level may have: the pair terms of [`TERMS`], then
/// [`PENALTIES`].
pub fn level_names() -> impl Iterator<Item = &'static str> {
    TERMS
        .iter()
        .map(|t| t.name)
        .chain(PENALTIES.iter().copied())
}

/// The level that is the weighted sum of every term (the objective without `objective:`): the
/// last level of every lexicographic solve, the tie-break among plans equal on the others.
pub const WEIGHTED: &str = "weighted";

/// The value of every level name ([`level_names`], then [`WEIGHTED`]) of a single plan, from its
/// [`evaluate`] breakdown: each pair term weighted, each penalty as minus its weighted part (the
/// programmes' `unplaced`, `origin` and `smoothing` are 0). The parts sum to `total`.
pub fn plan_level_values(
    sc: &Scenario,
    b: &ObjectiveBreakdown,
) -> std::collections::BTreeMap<&'static str, f64> {
    let w = &sc.weights;
    let mut out: std::collections::BTreeMap<&'static str, f64> =
        level_names().map(|n| (n, 0.0)).collect();
    for t in TERMS {
        out.insert(t.name, t.weighted(&b.terms, w));
    }
    out.insert("must_fill", -w.must_fill * b.must_fill_empty_seats as f64);
    out.insert("extra_seats", -w.extra_seat * b.extra_seats_used as f64);
    out.insert(
        "targets",
        -(w.women_shortfall * b.women_shortfall
            + w.young_shortfall * b.young_shortfall
            + w.minority_shortfall * b.minority_shortfall),
    );
    out.insert(WEIGHTED, b.total);
    out
}

/// The points of each term of [`TERMS`] for one pair (or summed over a plan), unweighted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Terms {
    /// Filling a post where people are short: criticality × (1 + unit shortage).
    pub staffing: f64,
    /// Training points the move gives the cadre (see `TrainingGain`).
    pub training: f64,
    /// Planned title matched, sector matched, evaluation results.
    pub fit: f64,
    /// Every move costs one.
    pub disruption: f64,
    /// With a baseline plan: +1 if the pair keeps a baseline assignment, −1 if it is a change, so
    /// that each change (a baseline pair dropped or a new pair added) costs `weights.stability`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub stability: f64,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

impl Terms {
    /// The pair's contribution to the objective: Σ over [`TERMS`] of ± weight × points.
    pub fn weighted(&self, w: &Weights) -> f64 {
        TERMS.iter().map(|t| t.weighted(self, w)).sum()
    }

    pub fn add(&mut self, o: &Terms) {
        for t in TERMS {
            *(t.points_mut)(self) += (t.points)(o);
        }
    }

    /// (name, points) of every term, in the table's order.
    pub fn named(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        TERMS.iter().map(move |t| (t.name, (t.points)(self)))
    }
}

/// What a move teaches the cadre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainingGain {
    NewTier,
    Grassroots,
    NewSector,
    NewRegion,
    DifficultArea,
    LowerLevel,
}

impl TrainingGain {
    pub fn points(self, p: &TrainingPoints) -> f64 {
        match self {
            TrainingGain::NewTier => p.new_tier,
            TrainingGain::Grassroots => p.grassroots,
            TrainingGain::NewSector => p.new_sector,
            TrainingGain::NewRegion => p.new_region,
            TrainingGain::DifficultArea => p.difficult_area,
            TrainingGain::LowerLevel => p.lower_level,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            TrainingGain::NewTier => "new tier (centre↔locality)",
            TrainingGain::Grassroots => "grassroots",
            TrainingGain::NewSector => "new sector",
            TrainingGain::NewRegion => "new region",
            TrainingGain::DifficultArea => "difficult area",
            TrainingGain::LowerLevel => "lower-level experience",
        }
    }
}

/// Staffing points: criticality (1–5) × (1 + shortage 0–3), so 1…20.
pub fn staffing(post: &Post, unit: &Unit) -> f64 {
    post.criticality as f64 * (1.0 + unit.shortage as f64)
}

/// The training gains of moving a cadre (currently in `from`, if known) to `post` in `to`.
pub fn training_gains(
    cadre: &Cadre,
    from: Option<&Unit>,
    post: &Post,
    to: &Unit,
) -> Vec<TrainingGain> {
    PairFacts::new(cadre, from, post, to).gains().collect()
}

/// Gains in the order they are summed (the order of [`training_gains`]), one bit each in
/// [`PairFacts`].
const GAIN_ORDER: [TrainingGain; 6] = [
    TrainingGain::NewTier,
    TrainingGain::Grassroots,
    TrainingGain::NewRegion,
    TrainingGain::DifficultArea,
    TrainingGain::LowerLevel,
    TrainingGain::NewSector,
];
/// The bit of "the post's title is one the cadre is planned for".
const PLANNED_TITLE: u8 = 1 << 6;

/// What a pair's score terms need beyond plain numbers of the cadre and the post, in one byte: its
/// training gains and whether its title is planned. Finding them compares texts (sectors, titles)
/// and units; the terms follow from them with a few additions ([`PairFacts::terms`]), so a
/// candidate pair keeps this byte instead of its five terms and recomputes them exactly, bit for
/// bit the same numbers as [`pair_terms`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PairFacts(u8);

impl PairFacts {
    pub fn new(cadre: &Cadre, from: Option<&Unit>, post: &Post, to: &Unit) -> PairFacts {
        use crate::domain::text::same_key;
        let same_sector = same_key(&cadre.sector, &post.sector);
        let planned_title = cadre
            .planned_titles
            .iter()
            .any(|t| crate::domain::text::planned_is(t, &post.title));
        PairFacts::from_parts(cadre, from, to, same_sector, planned_title)
    }

    /// The facts with the two text comparisons already made by the caller (`same_sector`: the
    /// sectors have the same `text::key`; `planned_title`: one of the cadre's planned titles has
    /// the post title's key), as candidate generation does once per distinct text.
    pub fn from_parts(
        cadre: &Cadre,
        from: Option<&Unit>,
        to: &Unit,
        same_sector: bool,
        planned_title: bool,
    ) -> PairFacts {
        use crate::domain::Tier;
        let mut bits = 0u8;
        let mut gain = |g: TrainingGain| {
            bits |= 1 << GAIN_ORDER.iter().position(|&x| x == g).unwrap_or(0);
        };
        if let Some(from) = from {
            if (from.tier == Tier::Central) != (to.tier == Tier::Central) {
                gain(TrainingGain::NewTier);
            }
            if to.tier.is_grassroots() && !from.tier.is_grassroots() {
                gain(TrainingGain::Grassroots);
            }
            if from.region != to.region {
                gain(TrainingGain::NewRegion);
            }
            if to.difficult && !from.difficult {
                gain(TrainingGain::DifficultArea);
            }
            // A cadre planned for upper-level titles who works at a higher level learns the lower
            // one.
            if to.tier.depth() > from.tier.depth() && !cadre.planned_titles.is_empty() {
                gain(TrainingGain::LowerLevel);
            }
        } else if to.difficult {
            gain(TrainingGain::DifficultArea);
        }
        if !same_sector {
            gain(TrainingGain::NewSector);
        }
        if planned_title {
            bits |= PLANNED_TITLE;
        }
        PairFacts(bits)
    }

    /// The facts of pair (cadre `c`, post `p`) in the scenario.
    pub fn of(sc: &Scenario, c: CadreIx, p: PostIx) -> PairFacts {
        let (cadre, post) = (sc.cadre(c), sc.post(p));
        PairFacts::new(
            cadre,
            cadre.current_unit.map(|u| sc.unit(u)),
            post,
            sc.unit(post.unit),
        )
    }

    /// The training gains, in the order they are summed.
    pub fn gains(self) -> impl Iterator<Item = TrainingGain> {
        GAIN_ORDER
            .into_iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, g)| g)
    }

    pub fn planned_title(self) -> bool {
        self.0 & PLANNED_TITLE != 0
    }

    pub fn same_sector(self) -> bool {
        self.0 & (1 << 5) == 0
    }

    /// Every term of pair (cadre `c`, post `p`) with these facts, the baseline's stability
    /// included: the same numbers as [`pair_terms`], without comparing any text.
    pub fn terms(self, sc: &Scenario, c: CadreIx, p: PostIx) -> Terms {
        let post = sc.post(p);
        let training = self
            .gains()
            .map(|g| g.points(&sc.weights.training_points))
            // fold from +0.0: an empty f64 sum is −0.0, which JSON would show.
            .fold(0.0, |a, b| a + b);
        Terms {
            staffing: staffing(post, sc.unit(post.unit)),
            training,
            fit: fit_given(sc.cadre(c), self.planned_title(), self.same_sector()),
            disruption: 1.0,
            stability: stability(sc, c, p),
        }
    }
}

/// Fit points: 3 if the post's title is one the cadre is planned for, 1 if the sector matches (both
/// compared by `domain::text::same_key`: case, NFC/NFD and spacing aside),
/// plus the evaluation result above the lowest (rating − 1, 0…3).
pub fn fit(cadre: &Cadre, post: &Post) -> f64 {
    use crate::domain::text::{planned_is, same_key};
    let planned = cadre
        .planned_titles
        .iter()
        .any(|t| planned_is(t, &post.title));
    fit_given(cadre, planned, same_key(&cadre.sector, &post.sector))
}

/// [`fit`] with the two text comparisons already made (`planned`: the post's title is planned for
/// the cadre; `same_sector`), as [`TextIds`] answers them.
pub fn fit_given(cadre: &Cadre, planned: bool, same_sector: bool) -> f64 {
    let mut f = if planned { 3.0 } else { 0.0 };
    if same_sector {
        f += 1.0;
    }
    f + (cadre.rating.saturating_sub(1)) as f64
}

/// Every term of the pair (cadre `c`, post `p`) in the scenario, the baseline's stability included.
pub fn pair_terms(sc: &Scenario, c: CadreIx, p: PostIx) -> Terms {
    PairFacts::of(sc, c, p).terms(sc, c, p)
}

/// The sectors and planned titles of a scenario as small numbers, one per distinct `text::key`,
/// so that candidate and column generation compare numbers, not texts, for every pair: the same
/// answers as `text::same_key` for sectors and `text::planned_is` for titles.
pub struct TextIds {
    cadre_sector: Vec<u32>,
    post_sector: Vec<u32>,
    /// Per post, the numbers of the planned titles it is of (`planned_is`; most often none or one).
    post_title: Vec<Vec<u32>>,
    /// Per cadre, the numbers of its planned titles.
    cadre_titles: Vec<Vec<u32>>,
}

impl TextIds {
    pub fn new(sc: &Scenario) -> TextIds {
        use crate::domain::text::key;
        let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut id = |s: &str| {
            let n = ids.len() as u32;
            *ids.entry(key(s)).or_insert(n)
        };
        let cadre_sector = sc.cadres.iter().map(|c| id(&c.sector)).collect();
        let post_sector = sc.posts.iter().map(|p| id(&p.sector)).collect();
        let cadre_titles: Vec<Vec<u32>> = sc
            .cadres
            .iter()
            .map(|c| c.planned_titles.iter().map(|t| id(t)).collect())
            .collect();
        // Each distinct planned title once, against each distinct post title once, their words
        // computed once.
        use crate::domain::text::{planned_is_words, planned_words, same_key};
        let mut planned: Vec<(u32, &str)> = sc
            .cadres
            .iter()
            .flat_map(|c| c.planned_titles.iter().map(|t| (ids[&key(t)], t.as_str())))
            .collect();
        planned.sort_unstable();
        planned.dedup_by_key(|x| x.0);
        let planned: Vec<(u32, &str, crate::domain::text::PlannedWords)> = planned
            .into_iter()
            .map(|(n, t)| (n, t, planned_words(t)))
            .collect();
        let mut of_title: std::collections::HashMap<&str, Vec<u32>> = Default::default();
        let post_title = sc
            .posts
            .iter()
            .map(|p| {
                of_title
                    .entry(p.title.as_str())
                    .or_insert_with(|| {
                        let words = planned_words(&p.title);
                        planned
                            .iter()
                            .filter(|(_, t, w)| {
                                same_key(t, &p.title) || planned_is_words(w, &words)
                            })
                            .map(|&(n, _, _)| n)
                            .collect()
                    })
                    .clone()
            })
            .collect();
        TextIds {
            cadre_sector,
            post_sector,
            post_title,
            cadre_titles,
        }
    }

    /// `same_key(cadre's sector, post's sector)`.
    pub fn same_sector(&self, c: CadreIx, p: PostIx) -> bool {
        self.cadre_sector[c as usize] == self.post_sector[p as usize]
    }

    /// Whether the post is of one of the cadre's planned titles (`text::planned_is`).
    pub fn planned_title(&self, c: CadreIx, p: PostIx) -> bool {
        let of = &self.post_title[p as usize];
        !of.is_empty() && self.cadre_titles[c as usize].iter().any(|t| of.contains(t))
    }

    /// [`PairFacts::of`] without comparing texts.
    pub fn facts(&self, sc: &Scenario, c: CadreIx, p: PostIx) -> PairFacts {
        let (cadre, post) = (sc.cadre(c), sc.post(p));
        PairFacts::from_parts(
            cadre,
            cadre.current_unit.map(|u| sc.unit(u)),
            sc.unit(post.unit),
            self.same_sector(c, p),
            self.planned_title(c, p),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::*;

    fn unit(id: &str, tier: Tier, region: &str, shortage: u8, difficult: bool) -> Unit {
        Unit {
            id: id.into(),
            name: id.into(),
            tier,
            province: (tier != Tier::Central).then(|| "P1".into()),
            region: region.into(),
            shortage,
            difficult,
        }
    }
    fn post(sector: &str, crit: u8, title: &str) -> Post {
        Post {
            id: "P".into(),
            unit: 0,
            title: title.into(),
            rank: 3,
            sector: sector.into(),
            role: Role::Head,
            not_local: false,
            function: None,
            seats: 1,
            criticality: crit,
            holder_id: None,
            vacant_from: None,
        }
    }
    fn cadre(sector: &str, rating: u8, titles: &[&str]) -> Cadre {
        Cadre {
            id: "C".into(),
            name: "C".into(),
            sex: Sex::M,
            birth_date: "1980-01-01".parse().unwrap(),
            birth_province: None,
            hometown_province: None,
            current_unit: Some(1),
            current_role: None,
            current_rank: 3,
            sector: sector.into(),
            planned_titles: titles.iter().map(|s| s.to_string()).collect(),
            outstanding: false,
            rating,
            health_cert_date: None,
            rotation_end: None,
            rotation_start: None,
            worked_years: vec![],
            head_terms: vec![],
            relatives: vec![],
            ethnic_minority: false,
        }
    }

    #[test]
    fn staffing_scales_with_criticality_and_shortage() {
        let u = unit("U", Tier::Commune, "R", 3, false);
        assert_eq!(staffing(&post("x", 5, "t"), &u), 20.0);
        let u0 = unit("U", Tier::Commune, "R", 0, false);
        assert_eq!(staffing(&post("x", 1, "t"), &u0), 1.0);
    }

    #[test]
    fn training_counts_each_gain_once() {
        let central = unit("A", Tier::Central, "R1", 0, false);
        let commune = unit("B", Tier::Commune, "R2", 2, true);
        let g = training_gains(
            &cadre("finance", 3, &["x"]),
            Some(&central),
            &post("party", 3, "t"),
            &commune,
        );
        assert_eq!(
            g,
            vec![
                TrainingGain::NewTier,
                TrainingGain::Grassroots,
                TrainingGain::NewRegion,
                TrainingGain::DifficultArea,
                TrainingGain::LowerLevel,
                TrainingGain::NewSector
            ]
        );
        // Same tier, region and sector: nothing to learn.
        let prov = unit("C", Tier::Province, "R1", 0, false);
        let prov2 = unit("D", Tier::Province, "R1", 0, false);
        assert!(
            training_gains(
                &cadre("party", 3, &["x"]),
                Some(&prov),
                &post("party", 3, "t"),
                &prov2
            )
            .is_empty()
        );
    }

    #[test]
    fn fit_rewards_planned_title_sector_and_rating() {
        assert_eq!(
            fit(&cadre("party", 4, &["Bí thư"]), &post("party", 3, "bí thư")),
            3.0 + 1.0 + 3.0
        );
        assert_eq!(
            fit(
                &cadre("finance", 1, &["Chủ tịch"]),
                &post("party", 3, "Bí thư")
            ),
            0.0
        );
    }

    #[test]
    fn weighted_subtracts_disruption() {
        let t = Terms {
            stability: 0.0,
            staffing: 2.0,
            training: 1.0,
            fit: 1.0,
            disruption: 1.0,
        };
        let w = Weights::default();
        assert_eq!(
            t.weighted(&w),
            2.0 * w.staffing + w.training + w.fit - w.disruption
        );
    }
}

/// The stability term of pair (c, p) against the scenario's baseline plan (0 without one).
fn stability(sc: &Scenario, c: CadreIx, p: PostIx) -> f64 {
    if sc.baseline.is_empty() {
        0.0
    } else if sc.baseline.binary_search(&(c, p)).is_ok() {
        1.0
    } else {
        -1.0
    }
}

/// Everything the objective counts for a set of chosen candidate pairs, term by term. The solver
/// maximises `total`; this function recomputes it from the plan alone, so the solver's objective,
/// a greedy plan and a brute force are all measured by the same yardstick.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ObjectiveBreakdown {
    /// Unweighted term sums over the assignments.
    pub terms: Terms,
    /// Σ of the pairs' weighted scores.
    pub pair_score: f64,
    pub must_fill_empty_seats: u32,
    pub extra_seats_used: u32,
    /// Cadres short of each structure target (continuous: target share × moved − count).
    pub women_shortfall: f64,
    pub young_shortfall: f64,
    pub minority_shortfall: f64,
    /// pair_score − weighted penalties.
    pub total: f64,
}

/// Per-cadre flags the structure targets count.
#[derive(Debug, Clone, Copy, Default)]
pub struct StructureFlags {
    pub woman: bool,
    pub young: bool,
    pub minority: bool,
}

pub fn evaluate(
    sc: &Scenario,
    pairs: impl IntoIterator<Item = (crate::domain::PostIx, StructureFlags, Terms)>,
) -> ObjectiveBreakdown {
    let w = &sc.weights;
    let mut b = ObjectiveBreakdown::default();
    let mut filled = vec![0u32; sc.posts.len()];
    let (mut moved, mut women, mut young, mut minority) = (0.0, 0.0, 0.0, 0.0);
    for (post, flags, terms) in pairs {
        filled[post as usize] += 1;
        b.terms.add(&terms);
        b.pair_score += terms.weighted(w);
        moved += 1.0;
        women += flags.woman as u8 as f64;
        young += flags.young as u8 as f64;
        minority += flags.minority as u8 as f64;
    }
    for (p, post) in sc.posts.iter().enumerate() {
        let n = filled[p];
        if post.criticality >= 5 {
            b.must_fill_empty_seats += post.seats.saturating_sub(n);
        }
        b.extra_seats_used += n.saturating_sub(post.seats);
    }
    let t = &sc.targets;
    b.women_shortfall = (t.women * moved - women).max(0.0);
    b.young_shortfall = (t.young * moved - young).max(0.0);
    b.minority_shortfall = (t.minority * moved - minority).max(0.0);
    b.total = b.pair_score
        - w.must_fill * b.must_fill_empty_seats as f64
        - w.extra_seat * b.extra_seats_used as f64
        - w.women_shortfall * b.women_shortfall
        - w.young_shortfall * b.young_shortfall
        - w.minority_shortfall * b.minority_shortfall;
    b
}
