//! Plain data of a validated scenario. No I/O here: `scenario/` builds these values, everything
//! downstream reads them. References between tables are indexes (`UnitIx`, `PostIx`, `CadreIx`) into
//! the scenario's vectors, resolved once at load time, so the hot paths never look up strings.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub mod text;

pub type Date = NaiveDate;
pub type UnitIx = u32;
pub type PostIx = u32;
pub type CadreIx = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Central,
    Province,
    District,
    Commune,
}

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::Central, Tier::Province, Tier::District, Tier::Commune];
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Central => "central",
            Tier::Province => "province",
            Tier::District => "district",
            Tier::Commune => "commune",
        }
    }
    /// Grassroots: the tiers closest to the people (communes, and districts in older data).
    pub fn is_grassroots(self) -> bool {
        matches!(self, Tier::District | Tier::Commune)
    }
    /// 0 = central, 3 = commune: a larger number is a lower level.
    pub fn depth(self) -> u8 {
        self as u8
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Head,
    Deputy,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Head => "head",
            Role::Deputy => "deputy",
            Role::Member => "member",
        }
    }
    /// Head or deputy: the leaders whose relatives H10 keeps out of sensitive posts.
    pub fn is_leader(self) -> bool {
        matches!(self, Role::Head | Role::Deputy)
    }
}

/// Sensitive functions of H10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Function {
    Personnel,
    Accounting,
    Treasury,
    Storekeeper,
}

impl Function {
    pub const ALL: [Function; 4] = [
        Function::Personnel,
        Function::Accounting,
        Function::Treasury,
        Function::Storekeeper,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Function::Personnel => "personnel",
            Function::Accounting => "accounting",
            Function::Treasury => "treasury",
            Function::Storekeeper => "storekeeper",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    M,
    F,
}

/// The direction of a move from the unit a cadre is in to the unit of the post: the one
/// classification the review and the committee's report share. From the units' tiers and
/// provinces (DOMAIN.md): the centre to a locality and back; between two agencies of one level
/// (two central agencies, or two units of the same tier and province: UBND huyện → Huyện ủy);
/// up or down a level (commune → district, province → district), the province the same or not;
/// between localities (the same tier, another province).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    CentreToLocality,
    LocalityToCentre,
    /// The same tier in another province.
    LocalityToLocality,
    /// Between agencies of one level: both central, or the same tier and the same province.
    BetweenAgencies,
    /// To a lower tier (province → district → commune).
    ToLower,
    /// To a higher tier (commune → district → province).
    ToHigher,
    /// The unit the cadre left is not known (no current unit, or a rotation of the past whose
    /// origin the tables no longer show).
    Unknown,
}

/// The [`Direction`] of a move from unit `from` (`None`: the cadre has none) to unit `to`.
pub fn direction(from: Option<&Unit>, to: &Unit) -> Direction {
    let Some(from) = from else {
        return Direction::Unknown;
    };
    match (from.tier, to.tier) {
        (Tier::Central, Tier::Central) => Direction::BetweenAgencies,
        (Tier::Central, _) => Direction::CentreToLocality,
        (_, Tier::Central) => Direction::LocalityToCentre,
        (f, t) if f == t && from.province == to.province => Direction::BetweenAgencies,
        (f, t) if f == t => Direction::LocalityToLocality,
        (f, t) if t.depth() > f.depth() => Direction::ToLower,
        _ => Direction::ToHigher,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub tier: Tier,
    /// Province the unit lies in (its own id for a province-level unit); `None` for central units.
    pub province: Option<String>,
    pub region: String,
    /// 0 none … 3 severe shortage of qualified people.
    pub shortage: u8,
    /// Difficult area (mountain, border, island, ethnic-minority area): a training goal.
    pub difficult: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    pub id: String,
    pub unit: UnitIx,
    pub title: String,
    /// Larger is more senior; equal rank = equivalent post (H6).
    pub rank: i32,
    pub sector: String,
    pub role: Role,
    /// H8 applies (given, or derived from the rule set's list of not-local titles).
    pub not_local: bool,
    pub function: Option<Function>,
    /// Quota seats (H7).
    pub seats: u32,
    /// 1–5, 5 = must fill.
    pub criticality: u8,
    /// The cadre holding the post today (`holder_id`, an id of cadres.csv; programmes only).
    pub holder_id: Option<String>,
    /// The known date the post falls vacant (`vacant_from`; programmes only).
    pub vacant_from: Option<Date>,
}

impl Post {
    /// Whether the post is one of H10's sensitive posts under `rules` (its function is one of
    /// `family_functions`).
    pub fn is_sensitive(&self, rules: &RuleSet) -> bool {
        self.function
            .is_some_and(|f| rules.family_functions.contains(&f))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cadre {
    pub id: String,
    pub name: String,
    pub sex: Sex,
    pub birth_date: Date,
    pub birth_province: Option<String>,
    pub hometown_province: Option<String>,
    pub current_unit: Option<UnitIx>,
    /// Role held in the current unit (optional column; H10 uses it for relatives already in place).
    pub current_role: Option<Role>,
    pub current_rank: i32,
    pub sector: String,
    pub planned_titles: Vec<String>,
    pub outstanding: bool,
    /// 1–4, 4 = excellent.
    pub rating: u8,
    pub health_cert_date: Option<Date>,
    pub rotation_end: Option<Date>,
    /// When the running rotation ending on `rotation_end` started (optional `rotation_start`,
    /// before `rotation_end`): the key-head experience of a programme counts from it.
    pub rotation_start: Option<Date>,
    /// Years studied/worked per province id (H8), sorted by province id.
    pub worked_years: Vec<(String, f64)>,
    /// Consecutive terms as head per unit (H9), sorted by unit.
    pub head_terms: Vec<(UnitIx, u32)>,
    /// Relatives (spouse, parent, child, sibling) in the pool, sorted, without self (H10).
    pub relatives: Vec<CadreIx>,
    pub ethnic_minority: bool,
}

/// Retirement age roadmap of one sex (Decree 135/2020): `base_months` of age in `base_year`,
/// plus `step_months` per later year, capped at `max_months`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetirementRoadmap {
    pub base_year: i32,
    pub base_months: u32,
    pub step_months: u32,
    pub max_months: u32,
}

impl RetirementRoadmap {
    /// Retirement age (in months) that applies in `year`.
    pub fn age_months(&self, year: i32) -> u32 {
        let years_after = (year - self.base_year).max(0) as u32;
        (self.base_months + self.step_months.saturating_mul(years_after)).min(self.max_months)
    }

    /// Last day of the month in which a person born on `birth` reaches the retirement age of the
    /// year they reach it (Decree 135/2020). The age that applies is the roadmap's age for the
    /// calendar year in which it is reached, so this looks for the first year `Y` whose age is
    /// reached within `Y` (the reach year grows by at most one per year while the age grows by
    /// months, so such a year exists). `None` only for dates chrono cannot represent.
    pub fn retirement_date(&self, birth: Date) -> Option<Date> {
        use chrono::{Datelike, Months};
        let reached = |months: u32| birth.checked_add_months(Months::new(months));
        let first = birth.year() + (self.base_months.min(self.max_months) / 12) as i32 - 1;
        let last = birth.year() + (self.max_months / 12) as i32 + 1;
        let mut date = None;
        for year in first..=last {
            let d = reached(self.age_months(year))?;
            if d.year() <= year {
                date = Some(d);
                break;
            }
        }
        let d = match date {
            Some(d) => d,
            None => reached(self.max_months)?,
        };
        last_day_of_month(d)
    }
}

/// The last day of `d`'s month.
pub fn last_day_of_month(d: Date) -> Option<Date> {
    use chrono::{Datelike, Months};
    let first = d.with_day(1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

/// Every number of the regulation, named. `qd65-2022` is the built-in default; scenarios override
/// any field.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    pub name: String,
    /// H2: months of service left at the plan date.
    pub min_service_months: u32,
    /// H2: when the move applies the not-local or two-term policy.
    pub min_service_months_policy: u32,
    /// H3: the health certificate is at most this many months old.
    pub health_cert_max_months: u32,
    /// H4: a rotation lasts at least this long (informational: H4 reads `rotation_end`).
    pub min_rotation_months: u32,
    /// H6: ranks above the current one an outstanding cadre may take (0 = never).
    pub outstanding_rank_up: i32,
    /// H8: "local" thresholds.
    pub local_by_birth: bool,
    pub local_by_hometown: bool,
    pub local_min_worked_years: f64,
    /// H8: titles whose posts are not-local when `posts.csv` leaves `not_local` empty
    /// (compared by [`text::title_class`]).
    pub not_local_titles: Vec<String>,
    /// H9: consecutive terms as head of one unit.
    pub max_head_terms: u32,
    /// H10: the sensitive functions.
    pub family_functions: Vec<Function>,
    pub retirement_men: RetirementRoadmap,
    pub retirement_women: RetirementRoadmap,
    /// "Young" for the structure target: under this age (years) on the plan date.
    pub young_max_age: u32,
}

/// Weights of the objective terms (the plan reports each term apart as well as the weighted sum).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    pub staffing: f64,
    pub training: f64,
    pub fit: f64,
    pub disruption: f64,
    /// Per quota seat of a must-fill post (criticality 5) left empty.
    pub must_fill: f64,
    /// Per approved extra seat used.
    pub extra_seat: f64,
    /// Per cadre short of each structure target.
    pub women_shortfall: f64,
    pub young_shortfall: f64,
    pub minority_shortfall: f64,
    /// Per change from the baseline plan (a baseline pair dropped or a new pair added).
    pub stability: f64,
    /// Points of each training gain (before the `training` weight).
    pub training_points: TrainingPoints,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            staffing: 10.0,
            training: 4.0,
            fit: 3.0,
            disruption: 5.0,
            must_fill: 1000.0,
            extra_seat: 400.0,
            women_shortfall: 60.0,
            young_shortfall: 40.0,
            minority_shortfall: 40.0,
            stability: 20.0,
            training_points: TrainingPoints::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TrainingPoints {
    /// Centre ↔ locality.
    pub new_tier: f64,
    pub grassroots: f64,
    pub new_sector: f64,
    pub new_region: f64,
    pub difficult_area: f64,
    /// A cadre planned for an upper-level title gains lower-level experience.
    pub lower_level: f64,
}

impl Default for TrainingPoints {
    fn default() -> Self {
        TrainingPoints {
            new_tier: 2.0,
            grassroots: 2.0,
            new_sector: 1.0,
            new_region: 1.0,
            difficult_area: 2.0,
            lower_level: 1.0,
        }
    }
}

/// Structure targets: minimum shares among the cadres the plan moves (soft, shortfall penalised).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Targets {
    pub women: f64,
    pub young: f64,
    pub minority: f64,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            women: 0.25,
            young: 0.15,
            minority: 0.0,
        }
    }
}

/// Whether a requirement group is a hard constraint, and whether `explain` may relax it when the
/// hard requirements cannot all hold together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Requirement {
    pub hard: bool,
    pub relaxable: bool,
}

impl Default for Requirement {
    fn default() -> Self {
        Requirement {
            hard: false,
            relaxable: true,
        }
    }
}

/// `requirements:` must-fill posts (S5) and structure targets (S6) soft (penalised, the default)
/// or hard.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Requirements {
    pub must_fill: Requirement,
    pub targets: Requirement,
}

/// Hard requirement groups made soft again (penalised like the default) in a copy of a scenario,
/// when `explain` re-solves with the groups it proposes to relax. Never read from YAML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Waived {
    /// Must-fill posts, sorted.
    pub must_fill: Vec<PostIx>,
    /// Targets in the order women, young, minority.
    pub targets: [bool; 3],
}

impl Requirements {
    pub fn any_hard(&self) -> bool {
        self.must_fill.hard || self.targets.hard
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtraSeat {
    pub post: PostIx,
    pub seats: u32,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairRule {
    pub cadre: CadreIx,
    pub post: PostIx,
    pub reason: Option<String>,
    /// Pins only: `false` means `rotaplan explain` never proposes dropping this pin when the pins
    /// cannot all hold (`relaxable:` in the YAML, default true; always true for forbids).
    #[serde(default = "relaxable_default")]
    pub relaxable: bool,
}

fn relaxable_default() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SolverSettings {
    pub time_limit_s: f64,
    pub relative_gap: f64,
    pub threads: u32,
}

impl Default for SolverSettings {
    fn default() -> Self {
        SolverSettings {
            time_limit_s: 60.0,
            relative_gap: 1e-4,
            threads: 1,
        }
    }
}

/// The language people read the outputs in. Machine outputs (JSON keys, CSV column ids, codes)
/// do not depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Vi,
}

/// The language of the outputs about a scenario: `asked` (`--lang`) first, then the scenario's
/// `language:`, then `fallback` (the locale's).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LangChoice {
    pub asked: Option<Lang>,
    pub fallback: Lang,
}

impl LangChoice {
    /// The language for outputs about `sc`.
    pub fn of(self, sc: &Scenario) -> Lang {
        self.asked.or(sc.language).unwrap_or(self.fallback)
    }
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Vi];

    /// `vi` or `en` (any case); `None` for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "vi" => Some(Lang::Vi),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }

    /// The language of a POSIX locale: the first set and non-empty of `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` decides (as the C library does); Vietnamese for `vi` or `vi_*`, else English.
    pub fn from_locale(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        let locale = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty())
            .unwrap_or("");
        let code = locale.split(['_', '.', '@', '-']).next().unwrap_or("");
        if code.eq_ignore_ascii_case("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }
}

/// A validated, immutable scenario: what every later stage reads.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub plan_date: Date,
    pub rules: RuleSet,
    pub weights: Weights,
    pub targets: Targets,
    /// Must-fill posts and structure targets: soft or hard.
    pub requirements: Requirements,
    /// Hard groups made soft again (explain's re-solves only).
    pub waived: Waived,
    /// A programme's scenario on a period's date after the plan date
    /// (`programme::scenario_at`): a health certificate (H3) can be renewed by then, so an old
    /// one asks for a renewal instead of excluding the cadre. False on the plan date itself.
    pub certificate_renewable: bool,
    /// At most this many cadres leave one unit in this plan ("not in waves").
    pub max_departures_per_unit: u32,
    pub extra_seats: Vec<ExtraSeat>,
    pub pins: Vec<PairRule>,
    pub forbids: Vec<PairRule>,
    pub solver: SolverSettings,
    /// The tables, shared (not copied) by the variants of one file that read the same tables.
    pub units: Arc<Vec<Unit>>,
    pub posts: Arc<Vec<Post>>,
    pub cadres: Arc<Vec<Cadre>>,
    /// Pairs of a previous plan (`baseline:`), sorted: each change from it costs `weights.stability`.
    pub baseline: Vec<(CadreIx, PostIx)>,
    /// `baseline: previous`: the runner fills `baseline` from this scenario's previous plan (the
    /// plan already in `plan`'s output folder, or the same scenario's plan in the batch's previous
    /// run) through `scenario::use_previous_plan`.
    pub baseline_previous: bool,
    /// `language:` the scenario's language for people, if it names one (`--lang` overrides it,
    /// and without either the environment's locale decides).
    pub language: Option<Lang>,
    /// `programme:` several periods planned together (docs/programme.md); `None` for one plan.
    pub programme: Option<Programme>,
    /// `objective:` optimise the terms level by level (lexicographic) instead of their weighted
    /// sum alone; `None`: the weighted sum.
    pub objective: Option<Lexicographic>,
    /// The tables' files as the scenario names them, for messages that send people to a table.
    pub tables: TableNames,
    /// A single plan's holders (posts.csv `holder_id`) still on a sensitive post on the plan date,
    /// as (holder, post), by holder: a relative may not be moved to lead the post's unit (H10).
    /// Empty for a programme, which follows its holders date by date.
    pub held_sensitive: Vec<(CadreIx, PostIx)>,
}

/// The files of a scenario's tables as people find them in its folder: the file name
/// (`can-bo.csv`), and for a workbook its sheet as the scenario writes it (`du-lieu.xlsx#CanBo`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableNames {
    pub units: String,
    pub posts: String,
    pub cadres: String,
    /// `programme.history`'s file (history.csv by default).
    pub history: String,
}

impl Default for TableNames {
    /// The documented default names.
    fn default() -> TableNames {
        TableNames {
            units: "units.csv".into(),
            posts: "posts.csv".into(),
            cadres: "cadres.csv".into(),
            history: "history.csv".into(),
        }
    }
}

/// `objective: { order: [...], tolerance: ... }`: the levels, most important first, each the name
/// of an objective term (`scoring::level_names`), and how far below its optimum each level may go
/// when the next ones are optimised (relative, 0 = stay at the optimum).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lexicographic {
    pub order: Vec<String>,
    /// One per name of `order`.
    pub tolerance: Vec<f64>,
}

/// Re-planning a programme (`programme.history`, `programme.previous`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Replan {
    /// Executed moves (history.csv) inside the programme: kept as they are.
    pub history: Vec<HistoryMove>,
    /// Executed moves of history.csv dated before the programme: already in the tables (a
    /// rotation is the cadre's `rotation_end`), not planned; for the record and the review.
    pub past: Vec<HistoryMove>,
    /// The moves of the previous programme (programme.csv): kept where the value allows.
    pub previous: Option<Vec<Move>>,
    /// How far below the best value (relative) the programme may go to keep more of `previous`.
    pub tolerance: f64,
    /// The date of the re-plan (`programme.as_of`): the history holds every move made before
    /// it. `None`: no period is over.
    pub as_of: Option<Date>,
    /// The first period open to moves the history does not hold: the one in force on `as_of`
    /// (0 without one). The periods before it are over.
    pub open_from: usize,
    /// The `rotation_end` cadres.csv writes for running rotations the model takes to end with
    /// their executed placement's period (`scenario::history`): for the months served and the
    /// outputs, which show the real date.
    pub written_ends: std::collections::BTreeMap<CadreIx, Date>,
}

impl Replan {
    /// The end of cadre `c`'s running rotation as cadres.csv writes it (`model`: the one the
    /// model reads).
    pub fn written_end(&self, c: CadreIx, model: Option<Date>) -> Option<Date> {
        self.written_ends.get(&c).copied().or(model)
    }
}

/// An executed move (a row of history.csv): `cadre` took `post` on `start`, in period `period`
/// (the last period starting on or before `start`).
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryMove {
    pub cadre: CadreIx,
    pub post: PostIx,
    pub kind: MoveKind,
    pub start: Date,
    pub end: Option<Date>,
    /// The `end` as history.csv writes it: `end` itself, unless the rotation was taken to end
    /// with its executed placement's period (`scenario::history`), which outputs do not show.
    pub written_end: Option<Date>,
    pub period: usize,
    /// 1-based line in history.csv.
    pub line: usize,
}

impl HistoryMove {
    /// The end of an executed rotation: its `end` when history.csv writes one, otherwise
    /// `min_rotation_months` after its real `start` (not after its period's date).
    pub fn rotation_end(&self, min_rotation_months: u32) -> Date {
        self.end.unwrap_or_else(|| {
            self.start
                .checked_add_months(chrono::Months::new(min_rotation_months))
                .unwrap_or(Date::MAX)
        })
    }
}

/// A programme of several periods (`programme:` in the YAML): rotations and placements after
/// rotation planned over the term, every rule evaluated at each period's date.
#[derive(Debug, Clone, PartialEq)]
pub struct Programme {
    /// First day of the programme (default: the plan date).
    pub start: Date,
    /// Last day of the programme.
    pub end: Date,
    /// The dates on which moves take effect, increasing; the first is `start`.
    pub periods: Vec<Date>,
    /// The holder of each post (posts.csv `holder_id` resolved), by post index.
    pub holders: Vec<Option<CadreIx>>,
    /// At most this many cadres leave one unit (on rotation) in one period.
    pub max_departures_per_period: u32,
    /// Cost of a placement after rotation back into the cadre's unit of origin ("khép kín").
    pub origin_penalty: f64,
    /// Cost per rotation above or below the per-period average (not in waves).
    pub smoothing: f64,
    /// Cost of a rotation that ends inside the programme with no placement (running rotations).
    pub unplaced_penalty: f64,
    /// Executed moves and the previous programme (re-planning); empty by default.
    pub replan: Replan,
    /// Programme targets, must-fill deadlines and the periods of pins and forbids
    /// (docs/programme.md, "Targets, pins and must-fill").
    pub requirements: ProgrammeRequirements,
    /// `limits.programme_whole_model`: above this many rank-compatible (cadre, post, period)
    /// triples the model keeps each cadre's best columns and prices the rest (the large path).
    pub whole_model_above: u64,
}

/// The most periods a programme may have: a term of five years is 5 yearly periods (or 20
/// quarterly); every period multiplies the model, and a thousand monthly ones exhausted 10 GB.
pub const MAX_PROGRAMME_PERIODS: usize = 60;

/// Default of `limits.programme_whole_model`: where the large path (the best columns kept, the
/// rest priced) overtakes HiGHS on the whole model. Measured (generated programmes, 5 years,
/// 60 s): 28,545 triples, whole 4.4 s against 6.3 s, both optimal; 75,550, whole 47 s against
/// 21 s, both optimal; 288,620, the whole model ran out of time with no bound (deadline
/// fallback, 71,271), the large path 76,524 with a gap of 1.4 %; the 1,000-cadre test programme
/// (1.3 M) likewise, 143,254 with no bound against 155,029 and 1.8 %. The shipped province
/// programme (21,740) keeps its whole model, proven optimal in 1.5 s.
pub const DEFAULT_PROGRAMME_WHOLE_MODEL: u64 = 50_000;
/// The most `limits.programme_whole_model` may be set to.
pub const MAX_PROGRAMME_WHOLE_MODEL: u64 = 1_000_000_000;

/// `programme.targets:`, `programme.must_fill_within:` and the `period:` of pins and forbids.
/// The default asks for nothing: a programme without them plans as before.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgrammeRequirements {
    /// `programme.targets:`; `None`: no programme target.
    pub targets: Option<ProgrammeTargets>,
    /// `programme.must_fill_within:` a must-fill post (criticality 5) is full on the date of the
    /// period it falls vacant in or at most this many periods later; `None`: no must-fill rule.
    pub must_fill_within: Option<u32>,
    /// The `period:` (a year) of each pin, by pin index; `None` or past the end: any period.
    pub pin_years: Vec<Option<i32>>,
    /// The `period:` (a year) of each forbid, by forbid index; `None` or past the end: every period.
    pub forbid_years: Vec<Option<i32>>,
}

impl ProgrammeRequirements {
    /// The year pin `k` names, if any.
    pub fn pin_year(&self, k: usize) -> Option<i32> {
        self.pin_years.get(k).copied().flatten()
    }
    /// The year forbid `k` names, if any.
    pub fn forbid_year(&self, k: usize) -> Option<i32> {
        self.forbid_years.get(k).copied().flatten()
    }
}

/// `programme.targets:` what the whole programme should achieve; soft (shortfall penalised) or
/// hard (S6) as `requirements.targets.hard` says for a single plan's targets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProgrammeTargets {
    /// Minimum shares among the cadres the programme rotates (women, young, minority), as the
    /// single plan's `targets:`, penalised by `weights.*_shortfall` per cadre short.
    pub shares: Targets,
    /// Every cadre planned for a key head title (a title of `rules.not_local_titles`) has at least
    /// this many months at a lower level or in a difficult area by the programme's end (0: none).
    pub key_head_months: u32,
    /// Cost per month a key-head cadre is short (soft).
    pub key_head_shortfall: f64,
    /// At most this share of the programme's moves in any one period (1.0: no limit).
    pub max_period_share: f64,
    /// Cost per move above that share in a period (soft).
    pub period_excess: f64,
}

impl Programme {
    /// Whether period `t` is over on the re-plan's date (`Replan::open_from`): only executed
    /// moves are made in it.
    pub fn is_over(&self, t: usize) -> bool {
        t < self.replan.open_from
    }

    /// The index of the first period on or after `d`, if any.
    pub fn period_on_or_after(&self, d: Date) -> Option<usize> {
        self.periods.iter().position(|&p| p >= d)
    }
}

/// How many cadre–post pairs have a compatible rank (the post's rank from the cadre's current rank
/// up to `outstanding_up` above it for an outstanding cadre): the most pairs candidate generation
/// can produce, counted without building any. The loader checks it against
/// `limits.max_candidate_pairs`; candidate generation reserves it.
pub fn rank_compatible_pairs(posts: &[Post], cadres: &[Cadre], outstanding_up: i32) -> u64 {
    let mut ranks: Vec<i32> = posts.iter().map(|p| p.rank).collect();
    ranks.sort_unstable();
    cadres
        .iter()
        .map(|c| {
            let up = if c.outstanding {
                outstanding_up.max(0)
            } else {
                0
            };
            let lo = ranks.partition_point(|&r| r < c.current_rank);
            let hi = ranks.partition_point(|&r| r <= c.current_rank.saturating_add(up));
            hi.saturating_sub(lo) as u64
        })
        .sum()
}

/// Who holds a post's seats before anything moves, and until when.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Occupancy {
    /// The seats are taken before this date (`None`: free from the start).
    pub until: Option<Date>,
    /// The holder (posts.csv `holder_id`): moving them frees the seat earlier (a vacancy chain).
    pub holder: Option<CadreIx>,
    /// Seats taken before `until`: 1 with a holder, every seat without one.
    pub seats: u32,
}

impl Occupancy {
    /// Seats taken on `d` if nobody moves.
    pub fn taken_on(&self, d: Date) -> u32 {
        match self.until {
            Some(u) if d < u => self.seats,
            _ => 0,
        }
    }
}

/// The day after `d` (a retirement date is the last day of service).
pub(crate) fn day_after(d: Date) -> Date {
    d.succ_opt().unwrap_or(d)
}

/// Post `post`'s occupancy on a plan dated `plan_date`, its holder (index, row, retirement date)
/// given: see `programme::occupancy`.
pub fn occupancy_of(
    post: &Post,
    holder: Option<(CadreIx, &Cadre, Option<Date>)>,
    plan_date: Date,
) -> Occupancy {
    match holder {
        None => Occupancy {
            until: post.vacant_from,
            holder: None,
            seats: post.seats,
        },
        Some((h, cadre, retirement)) => {
            let retire = retirement.map(day_after);
            // A rotation that ended before the plan date does not free the seat: it is the
            // holder's last rotation, history (a quarter of the cadres have one); the holder is
            // in the post, and no placement is due (`running`).
            let rot = cadre.rotation_end.filter(|&e| e >= plan_date);
            let until = [post.vacant_from, retire, rot].into_iter().flatten().min();
            Occupancy {
                until: Some(until.unwrap_or(Date::MAX)),
                holder: Some(h),
                seats: 1,
            }
        }
    }
}

/// The seats of each post taken on `plan_date` before anything moves (a single plan's held
/// seats, [`Scenario::only_free_seats`]): (post, seats taken) where some are.
pub fn seats_taken(
    posts: &[Post],
    cadres: &[Cadre],
    holders: &[Option<CadreIx>],
    rules: &RuleSet,
    plan_date: Date,
) -> Vec<(PostIx, u32)> {
    posts
        .iter()
        .enumerate()
        .filter_map(|(p, post)| {
            let holder = holders.get(p).copied().flatten().and_then(|h| {
                let c = cadres.get(h as usize)?;
                Some((h, c, rules.roadmap(c.sex).retirement_date(c.birth_date)))
            });
            let n = occupancy_of(post, holder, plan_date)
                .taken_on(plan_date)
                .min(post.seats);
            (n > 0).then_some((p as PostIx, n))
        })
        .collect()
}

impl Scenario {
    /// A post's occupancy (`programme::occupancy`) with the holders and their retirement dates given.
    pub fn occupancy_by(
        &self,
        holders: &[Option<CadreIx>],
        retirement: impl Fn(CadreIx) -> Option<Date>,
        p: PostIx,
    ) -> Occupancy {
        let holder = holders.get(p as usize).copied().flatten();
        occupancy_of(
            self.post(p),
            holder.map(|h| (h, self.cadre(h), retirement(h))),
            self.plan_date,
        )
    }

    /// A single plan (no `programme:`) fills the seats free on its date only: a post whose holder
    /// (posts.csv `holder_id`) is still there, or that falls vacant later (`vacant_from`), has that
    /// many seats fewer. Moving a holder frees their post for the next plan, not this one (only a
    /// programme follows vacancy chains). Returns the posts whose seats changed, each with the seats
    /// taken; the scenario's posts are copied only when one does.
    pub fn only_free_seats(&mut self, holders: &[Option<CadreIx>]) -> Vec<(PostIx, u32)> {
        let taken = seats_taken(
            &self.posts,
            &self.cadres,
            holders,
            &self.rules,
            self.plan_date,
        );
        self.lower_seats(&taken);
        taken
    }

    /// Each post of `taken` has that many seats fewer ([`seats_taken`]); the posts are copied
    /// only when one changes.
    pub fn lower_seats(&mut self, taken: &[(PostIx, u32)]) {
        if !taken.is_empty() {
            let mut posts = (*self.posts).clone();
            for &(p, n) in taken {
                posts[p as usize].seats -= n;
            }
            self.posts = Arc::new(posts);
        }
    }

    /// S5 holds for this post: must-fill posts are hard and this one is not waived.
    pub fn must_fill_hard(&self, p: PostIx) -> bool {
        self.requirements.must_fill.hard
            && self.post(p).criticality >= 5
            && self.waived.must_fill.binary_search(&p).is_err()
    }
    /// S6 holds for target `k` (women, young, minority): targets are hard and this one is not
    /// waived.
    pub fn target_hard(&self, k: usize) -> bool {
        self.requirements.targets.hard && !self.waived.targets[k]
    }
    pub fn unit(&self, ix: UnitIx) -> &Unit {
        &self.units[ix as usize]
    }
    pub fn post(&self, ix: PostIx) -> &Post {
        &self.posts[ix as usize]
    }
    pub fn cadre(&self, ix: CadreIx) -> &Cadre {
        &self.cadres[ix as usize]
    }
    /// The end of cadre `c`'s running rotation, the one a programme's placement follows:
    /// cadres.csv `rotation_end` on or after the plan date, the date the tables describe. One
    /// that ends after the plan date and before a later `programme.start` falls due in the first
    /// period (it used to be taken as finished, and its placement was planned by nobody); an
    /// earlier one is the cadre's last rotation, finished: the cadre has been placed since.
    pub fn running_rotation_end(&self, c: CadreIx) -> Option<Date> {
        self.cadre(c).rotation_end.filter(|&e| e >= self.plan_date)
    }
    pub fn post_unit(&self, ix: PostIx) -> &Unit {
        self.unit(self.post(ix).unit)
    }
    pub fn extra_seats_of(&self, post: PostIx) -> u32 {
        self.extra_seats
            .iter()
            .filter(|e| e.post == post)
            .map(|e| e.seats)
            .sum()
    }
}

impl RuleSet {
    /// The retirement roadmap for a person of `sex`.
    pub fn roadmap(&self, sex: Sex) -> &RetirementRoadmap {
        match sex {
            Sex::M => &self.retirement_men,
            Sex::F => &self.retirement_women,
        }
    }
    /// Regulation 65-QĐ/TW (2022) with Decree 135/2020's retirement roadmap.
    pub fn qd65_2022() -> RuleSet {
        RuleSet {
            name: "qd65-2022".into(),
            min_service_months: 120,
            min_service_months_policy: 60,
            health_cert_max_months: 6,
            min_rotation_months: 36,
            outstanding_rank_up: 1,
            local_by_birth: true,
            local_by_hometown: true,
            local_min_worked_years: 20.0,
            not_local_titles: DEFAULT_NOT_LOCAL_TITLES
                .iter()
                .map(|s| s.to_string())
                .collect(),
            max_head_terms: 2,
            family_functions: Function::ALL.to_vec(),
            // Men: 60 y 3 m in 2021, +3 months a year up to 62 y (reached 2028).
            retirement_men: RetirementRoadmap {
                base_year: 2021,
                base_months: 60 * 12 + 3,
                step_months: 3,
                max_months: 62 * 12,
            },
            // Women: 55 y 4 m in 2021, +4 months a year up to 60 y (reached 2035).
            retirement_women: RetirementRoadmap {
                base_year: 2021,
                base_months: 55 * 12 + 4,
                step_months: 4,
                max_months: 60 * 12,
            },
            young_max_age: 45,
        }
    }

    /// The built-in rule sets, by the name a scenario's `rules.base` uses.
    pub fn builtin(name: &str) -> Option<RuleSet> {
        match name {
            "qd65-2022" => Some(RuleSet::qd65_2022()),
            _ => None,
        }
    }

    pub const BUILTIN_NAMES: &'static [&'static str] = &["qd65-2022"];

    /// H8's derivation of `not_local` for a post whose column is empty: the title's class
    /// ([`text::title_class`]: case, NFC/NFD, tỉnh/huyện/xã and spelled-out forms aside) is the class
    /// of a title of `not_local_titles`. "Bí thư Huyện ủy" and "Chủ tịch Ủy ban nhân dân tỉnh" are
    /// not-local under the built-in list ("Bí thư", "Chủ tịch UBND").
    pub fn is_not_local_title(&self, title: &str) -> bool {
        text::title_matches(title, &self.not_local_classes())
    }

    /// The classes of `not_local_titles` ([`text::title_class`]), to test many titles against.
    /// An English slug (`party_secretary`) stands for its Vietnamese titles as well: a list
    /// written with the slugs, as the docs show, covers "Bí thư Tỉnh ủy".
    pub fn not_local_classes(&self) -> std::collections::HashSet<String> {
        self.not_local_titles
            .iter()
            .flat_map(|n| {
                let titles = SLUG_TITLES
                    .iter()
                    .find(|(slug, _)| text::key(n) == *slug)
                    .map_or(&[][..], |(_, t)| *t);
                std::iter::once(n.as_str()).chain(titles.iter().copied())
            })
            .map(text::title_class)
            .collect()
    }
}

/// The Vietnamese titles each English slug of [`DEFAULT_NOT_LOCAL_TITLES`] stands for.
pub const SLUG_TITLES: &[(&str, &[&str])] = &[
    (
        "party_secretary",
        &["Bí thư", "Bí thư Tỉnh ủy", "Bí thư Đảng ủy"],
    ),
    ("pc_chair", &["Chủ tịch UBND"]),
    ("chief_judge", &["Chánh án", "Chánh án TAND"]),
    ("chief_procurator", &["Viện trưởng VKSND"]),
    ("police_director", &["Giám đốc Công an", "Trưởng Công an"]),
    ("chief_inspector", &["Chánh Thanh tra"]),
    ("finance_director", &["Giám đốc Sở Tài chính"]),
    (
        "tax_director",
        &[
            "Cục trưởng Cục Thuế",
            "Chi cục trưởng Chi cục Thuế",
            "Trưởng Thuế",
            "Trưởng Thuế cơ sở",
            "Cục trưởng Thuế",
            "Trưởng Cục Thuế",
            "Trưởng Chi cục Thuế",
            "Chi cục trưởng Thuế",
        ],
    ),
    (
        "customs_director",
        &[
            "Cục trưởng Cục Hải quan",
            "Chi cục trưởng Chi cục Hải quan",
            "Trưởng Hải quan",
            "Cục trưởng Hải quan",
            "Trưởng Cục Hải quan",
            "Trưởng Chi cục Hải quan",
            "Chi cục trưởng Hải quan",
        ],
    ),
];

/// Titles held by someone not local to the province (65-QĐ/TW and Conclusion 34-KL/TW), as the
/// English slugs and the usual Vietnamese titles.
pub const DEFAULT_NOT_LOCAL_TITLES: &[&str] = &[
    "party_secretary",
    "pc_chair",
    "chief_judge",
    "chief_procurator",
    "police_director",
    "chief_inspector",
    "finance_director",
    "tax_director",
    "customs_director",
    "Bí thư",
    "Bí thư Tỉnh ủy",
    "Bí thư Đảng ủy",
    "Chủ tịch UBND",
    "Chủ tịch UBND tỉnh",
    "Chủ tịch UBND xã",
    "Chánh án",
    "Chánh án TAND",
    "Viện trưởng VKSND",
    "Giám đốc Công an",
    "Trưởng Công an",
    "Chánh Thanh tra",
    "Giám đốc Sở Tài chính",
    "Cục trưởng Cục Thuế",
    "Chi cục trưởng Chi cục Thuế",
    "Trưởng Thuế",
    "Trưởng Thuế cơ sở",
    "Cục trưởng Thuế",
    "Trưởng Cục Thuế",
    "Trưởng Chi cục Thuế",
    "Chi cục trưởng Thuế",
    "Cục trưởng Cục Hải quan",
    "Chi cục trưởng Chi cục Hải quan",
    "Trưởng Hải quan",
    "Cục trưởng Hải quan",
    "Trưởng Cục Hải quan",
    "Trưởng Chi cục Hải quan",
    "Chi cục trưởng Hải quan",
];

/// Kind of a move in a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MoveKind {
    Rotation,
    Placement,
}

impl MoveKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MoveKind::Rotation => "rotation",
            MoveKind::Placement => "placement",
        }
    }

    /// A kind as people write it in a history or programme file: the English word, or the
    /// Vietnamese one the messages give beside it (any case, with or without tone marks).
    pub fn parse(s: &str) -> Option<MoveKind> {
        match text::fold(s).as_str() {
            "rotation" | "luan-chuyen" | "lc" | "luan-chuyen-can-bo" | "dieu-dong-luan-chuyen" => {
                Some(MoveKind::Rotation)
            }
            "placement"
            | "bo-tri"
            | "bo-tri-sau-luan-chuyen"
            | "bo-tri-sau-lc"
            | "btslc"
            | "bo-nhiem-sau-luan-chuyen"
            | "bo-tri-cong-tac-sau-luan-chuyen" => Some(MoveKind::Placement),
            _ => None,
        }
    }
}

/// The structure targets, in their model order (women, young, minority).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetGroup {
    Women,
    Young,
    Minority,
}

/// One move of a programme: who goes where, of which kind, in which period.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Move {
    pub cadre: CadreIx,
    pub post: PostIx,
    pub kind: MoveKind,
    pub period: usize,
}

#[cfg(test)]
mod direction_tests {
    use super::*;

    fn unit(tier: Tier, province: Option<&str>) -> Unit {
        Unit {
            id: String::new(),
            name: String::new(),
            tier,
            province: province.map(str::to_string),
            region: String::new(),
            shortage: 0,
            difficult: false,
        }
    }

    /// The walkthrough's cases (#4): UBND huyện → Huyện ủy of the same district is between
    /// agencies of one level, not between localities; a commune ↔ district move is up or down a
    /// level, not between agencies.
    #[test]
    fn one_direction_from_tiers_and_provinces() {
        let lc = Some("lao-cai");
        let (district, huyen_uy) = (unit(Tier::District, lc), unit(Tier::District, lc));
        let commune = unit(Tier::Commune, lc);
        let province = unit(Tier::Province, lc);
        let central = unit(Tier::Central, None);
        let other_district = unit(Tier::District, Some("yen-bai"));
        let d = |from: &Unit, to: &Unit| direction(Some(from), to);
        assert_eq!(d(&district, &huyen_uy), Direction::BetweenAgencies);
        assert_eq!(d(&commune, &district), Direction::ToHigher);
        assert_eq!(d(&district, &commune), Direction::ToLower);
        assert_eq!(d(&province, &district), Direction::ToLower);
        assert_eq!(d(&district, &other_district), Direction::LocalityToLocality);
        assert_eq!(d(&central, &central), Direction::BetweenAgencies);
        assert_eq!(d(&central, &province), Direction::CentreToLocality);
        assert_eq!(d(&commune, &central), Direction::LocalityToCentre);
        assert_eq!(direction(None, &district), Direction::Unknown);
    }
}

#[cfg(test)]
mod move_kind_tests {
    use super::MoveKind;

    /// The kinds as offices write them, in a history or a programme file alike.
    #[test]
    fn kinds_are_read_in_english_and_vietnamese() {
        for (s, k) in [
            ("rotation", Some(MoveKind::Rotation)),
            ("Placement", Some(MoveKind::Placement)),
            ("Luân chuyển", Some(MoveKind::Rotation)),
            ("LUAN CHUYEN", Some(MoveKind::Rotation)),
            ("bố trí", Some(MoveKind::Placement)),
            ("Bố trí sau luân chuyển", Some(MoveKind::Placement)),
            ("transfer", None),
            ("", None),
        ] {
            assert_eq!(MoveKind::parse(s), k, "{s:?}");
        }
    }
}
