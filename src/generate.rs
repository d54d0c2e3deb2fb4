//! Synthetic scenarios: a scenario YAML and its three CSV tables built from a seed.
//!
//! `generate` is pure and deterministic: the same [`GenOptions`] give byte-identical files (a
//! `ChaCha8Rng` seeded from `seed`, fixed catalogues, nothing iterated in hash order). The caller
//! (the CLI) writes the files; this module only builds strings, so it depends on nothing but std,
//! `rand`, `rand_chacha`, `csv` and `chrono`.
//!
//! The data imitate a national rotation cycle: central agencies, up to 34 provinces with their
//! provincial agencies, a few legacy districts and many communes; Vietnamese names, units and
//! titles; ranks 1–10 tied to the tier; and the share of cadres that each hard rule (H1–H10) of
//! the default rule set `qd65-2022` should exclude, roughly as real pools have them:
//!
//! | rule | pressure built in |
//! |---|---|
//! | H1 | 3 % of cadres have no planned title |
//! | H2 | 8 % have less than 120 months of service left (Decree 135/2020 roadmap) |
//! | H3 | 5 % have a health certificate older than 6 months, 2 % none |
//! | H4 | 5 % are inside a running rotation |
//! | H6 | ranks drawn from one distribution for posts and cadres; 10 % outstanding |
//! | H8 | ≈ 13–15 % of posts not-local; ≈ 25 % of cadres local to their unit's province, 5 % by ≥ 20 worked years |
//! | H9 | 5 % have two terms as head of their current unit, 1 % of another unit |
//! | H10 | 2 % of cadres in relative pairs; ≈ 10 % of posts have a sensitive function |
//!
//! Ids: units `U001`…, posts `VT001`… (vị trí), cadres `C001`… (zero-padded to the count's
//! width), provinces `P01`..`P34`. A unit has at most one vacant head post. Each cadre's current
//! (kind of unit, role, rank) copies a random vacancy's, in a random unit of the same kind, so the
//! two rank distributions are the same. Rank compatibility (H6) then keeps Σ pᵣ² of the raw pairs
//! (≈ 0.15 here, never below 0.10 with ten ranks) plus the outstanding cadres' one-up pairs: about
//! 16 % of the raw pairs, 12–13 % after all hard rules (tests print the counts).

use chrono::{Datelike, Days, Months, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenOptions {
    /// Rows of `cadres.csv`.
    pub cadres: usize,
    /// Rows of `posts.csv`.
    pub posts: usize,
    /// Seed of the random generator: the same seed gives the same files.
    pub seed: u64,
    /// The scenario's `plan_date`; ages, certificates and rotations are drawn relative to it.
    pub plan_date: NaiveDate,
    /// The scenario's `name` (default "Synthetic N×M seed S").
    pub name: Option<String>,
}

/// One generated file: `scenario.yaml`, `units.csv`, `posts.csv` or `cadres.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub name: String,
    pub contents: String,
}

/// Column headers, exactly as `docs/scenario-format.md` documents them.
const UNIT_HEADER: [&str; 7] = [
    "id",
    "name",
    "tier",
    "province",
    "region",
    "shortage",
    "difficult",
];
const POST_HEADER: [&str; 10] = [
    "id",
    "unit",
    "title",
    "rank",
    "sector",
    "role",
    "not_local",
    "function",
    "seats",
    "criticality",
];
const CADRE_HEADER: [&str; 19] = [
    "id",
    "name",
    "sex",
    "birth_date",
    "birth_province",
    "hometown_province",
    "current_unit",
    "current_role",
    "current_rank",
    "sector",
    "planned_titles",
    "outstanding",
    "rating",
    "health_cert_date",
    "rotation_end",
    "worked_years",
    "head_terms",
    "relatives",
    "ethnic_minority",
];

/// The units, posts and cadres of the options' seed: the same for a single plan and a programme.
fn draw(opts: &GenOptions) -> (Vec<GUnit>, Vec<GPost>, Vec<GCadre>) {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let kinds = kind_catalogue();
    let units = gen_units(&mut rng, &kinds, opts.posts);
    let unit_picker = UnitPicker::new(&units);
    let posts = gen_posts(&mut rng, &kinds, &units, &unit_picker, opts.posts);
    let cadres = gen_cadres(&mut rng, &kinds, &units, &unit_picker, &posts, opts);
    (units, posts, cadres)
}

/// Builds the four files of a synthetic scenario. Pure: same options, same bytes.
pub fn generate(opts: &GenOptions) -> Vec<GeneratedFile> {
    let (units, posts, cadres) = draw(opts);

    let name = opts.name.clone().unwrap_or_else(|| {
        format!(
            "Synthetic {}×{} seed {}",
            opts.cadres, opts.posts, opts.seed
        )
    });
    vec![
        GeneratedFile {
            name: "scenario.yaml".into(),
            contents: scenario_yaml(&name, opts),
        },
        GeneratedFile {
            name: "units.csv".into(),
            contents: units_csv(&units),
        },
        GeneratedFile {
            name: "posts.csv".into(),
            contents: posts_csv(&posts, &units),
        },
        GeneratedFile {
            name: "cadres.csv".into(),
            contents: cadres_csv(&cadres, &units),
        },
    ]
}

/// A programme scenario of `years` yearly periods from the plan date (`generate --years`): the
/// files of [`generate`] with `programme:` in scenario.yaml and posts.csv's `holder_id` (a quarter
/// of the posts, held by a cadre of their unit and rank: retirements, running rotations and chains
/// open them) and `vacant_from` (another quarter, spread over the years). The cadres' running
/// rotations (`rotation_end`) that end inside the programme are followed by placements.
pub fn generate_programme(opts: &GenOptions, years: u32) -> Vec<GeneratedFile> {
    let years = years.max(1);
    let (units, posts, cadres) = draw(opts);
    let mut holder_of = vec![String::new(); posts.len()];
    let mut vacant = vec![String::new(); posts.len()];
    let mut by_place: std::collections::BTreeMap<(usize, u8), Vec<usize>> = Default::default();
    for (i, c) in cadres.iter().enumerate() {
        by_place
            .entry((c.current_unit, c.current_rank))
            .or_default()
            .push(i);
    }
    for (i, p) in posts.iter().enumerate() {
        match i % 4 {
            0 => {
                if let Some(list) = by_place.get_mut(&(p.unit, p.rank))
                    && !list.is_empty()
                {
                    holder_of[i] = cadres[list.remove(0)].id.clone();
                }
            }
            1 => {
                let k = (i / 4) as u32 % years;
                let months = 12 * k + if i % 8 == 1 { 6 } else { 0 };
                vacant[i] = date_str(opts.plan_date.checked_add_months(Months::new(months)));
            }
            _ => {}
        }
    }
    let base = posts_csv(&posts, &units);
    let mut posts_text = String::new();
    for (i, line) in base.lines().enumerate() {
        posts_text += line;
        if i == 0 {
            posts_text += ",holder_id,vacant_from";
        } else {
            posts_text += &format!(",{},{}", holder_of[i - 1], vacant[i - 1]);
        }
        posts_text.push('\n');
    }
    let name = opts.name.clone().unwrap_or_else(|| {
        format!(
            "Synthetic programme {} years {}×{} seed {}",
            years, opts.cadres, opts.posts, opts.seed
        )
    });
    let end = opts
        .plan_date
        .checked_add_months(Months::new(12 * years))
        .and_then(|d| d.pred_opt())
        .unwrap_or(opts.plan_date);
    let yaml = format!(
        "{}programme:\n  start: {}\n  end: {}\n  period_months: 12\n  history: history.csv\n",
        scenario_yaml(&name, opts),
        opts.plan_date.format("%Y-%m-%d"),
        end.format("%Y-%m-%d"),
    );
    vec![
        GeneratedFile {
            name: "scenario.yaml".into(),
            contents: yaml,
        },
        GeneratedFile {
            name: "units.csv".into(),
            contents: units_csv(&units),
        },
        GeneratedFile {
            name: "posts.csv".into(),
            contents: posts_text,
        },
        GeneratedFile {
            name: "cadres.csv".into(),
            contents: cadres_csv(&cadres, &units),
        },
        GeneratedFile {
            name: "history.csv".into(),
            contents: history_csv(&cadres, &posts, opts.plan_date),
        },
    ]
}

/// history.csv of a generated programme: the executed moves before its start that the tables
/// record. Each rotation of cadres.csv (`rotation_end`, running or finished) was made on a post of
/// the cadre's unit (of its rank when there is one) 36 months (`min_rotation_months`) before its
/// end; a finished one is followed on its end by the placement onto that post.
fn history_csv(cadres: &[GCadre], posts: &[GPost], plan: NaiveDate) -> String {
    let mut out = String::from("cadre_id,post_id,kind,start,end\n");
    for c in cadres {
        let Some(end) = c.rotation_end else {
            continue;
        };
        let mine: Vec<&GPost> = posts.iter().filter(|p| p.unit == c.current_unit).collect();
        let Some(post) = mine
            .iter()
            .find(|p| p.rank == c.current_rank)
            .or(mine.first())
        else {
            continue;
        };
        let Some(start) = end.checked_sub_months(Months::new(36)) else {
            continue;
        };
        out += &format!(
            "{},{},rotation,{},{}\n",
            c.id,
            post.id,
            date_str(Some(start)),
            date_str(Some(end))
        );
        if end < plan {
            out += &format!("{},{},placement,{},\n", c.id, post.id, date_str(Some(end)));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Catalogues
// ---------------------------------------------------------------------------------------------

/// The six socio-economic regions of Vietnam.
const REGIONS: [&str; 6] = [
    "Trung du và miền núi phía Bắc",
    "Đồng bằng sông Hồng",
    "Bắc Trung Bộ và duyên hải miền Trung",
    "Tây Nguyên",
    "Đông Nam Bộ",
    "Đồng bằng sông Cửu Long",
];
/// Region of the central agencies (Hà Nội).
const CENTRAL_REGION: usize = 1;

fn is_mountain_region(region: usize) -> bool {
    region == 0 || region == 3
}

/// 34 fictional provinces (`P01`..`P34`) with their region.
const PROVINCES: [(&str, usize); 34] = [
    ("Cao Lĩnh", 0),
    ("Na Sơn", 0),
    ("Lâm Sơn", 0),
    ("Hoàng Liên", 0),
    ("Bảo Lâm", 0),
    ("Mường Thanh", 0),
    ("Yên Châu", 0),
    ("Hồng Châu", 1),
    ("Kim Giang", 1),
    ("An Hải", 1),
    ("Thái Hà", 1),
    ("Văn Lang", 1),
    ("Đông Triều", 1),
    ("Hoan Châu", 2),
    ("Lam Hồng", 2),
    ("Quảng Điền", 2),
    ("Hải Vân", 2),
    ("Trà Giang", 2),
    ("Sa Huỳnh", 2),
    ("Phú Xuân", 2),
    ("Nha Phu", 2),
    ("Krông Năng", 3),
    ("Đắk Sơn", 3),
    ("Chư Yang", 3),
    ("Tân Phước", 4),
    ("Long Khánh", 4),
    ("Sông Bé", 4),
    ("Phước Long", 4),
    ("Cửu Long", 5),
    ("Phong Điền", 5),
    ("Hà Tiên", 5),
    ("Năm Căn", 5),
    ("Tam Nông", 5),
    ("Mỹ Xuyên", 5),
];

fn province_id(ix: usize) -> String {
    format!("P{:02}", ix + 1)
}

/// Syllables of commune and district names, by region (mountain areas sound different).
const PLACE_FIRST: [&str; 24] = [
    "Tân", "Phú", "An", "Bình", "Hòa", "Long", "Thạnh", "Mỹ", "Vĩnh", "Đông", "Tây", "Nam", "Bắc",
    "Xuân", "Thanh", "Quang", "Đức", "Hưng", "Minh", "Phước", "Trung", "Kim", "Ngọc", "Cẩm",
];
const PLACE_SECOND: [&str; 20] = [
    "Hòa", "Lộc", "Phú", "Thành", "Sơn", "Lợi", "Hưng", "Thịnh", "An", "Bình", "Long", "Mỹ",
    "Xuân", "Tiến", "Lập", "Phong", "Hải", "Khánh", "Trung", "Yên",
];
const PLACE_FIRST_NORTH_MOUNTAIN: [&str; 10] = [
    "Nậm", "Mường", "Chiềng", "Pa", "Na", "Bản", "Sín", "Tà", "Bó", "Khau",
];
const PLACE_SECOND_NORTH_MOUNTAIN: [&str; 12] = [
    "Pồ", "Lạn", "Sơn", "Tè", "Hang", "Chải", "Mòn", "Vàng", "Lùng", "Ngòi", "Khoa", "Phìn",
];
const PLACE_FIRST_HIGHLANDS: [&str; 6] = ["Ia", "Đắk", "Ea", "Krông", "Chư", "Kon"];
const PLACE_SECOND_HIGHLANDS: [&str; 12] = [
    "Grai", "Mơ", "Hleo", "Pắc", "Sê", "Tô", "Rve", "Drăng", "Kar", "Nông", "Păh", "Jút",
];

/// Vietnamese family names with rough frequency weights.
const FAMILY_NAMES: [(&str, u32); 22] = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 10),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 4),
    ("Phan", 4),
    ("Vũ", 4),
    ("Võ", 4),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 1),
    ("Ngô", 1),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trịnh", 1),
    ("Mai", 1),
    ("Đoàn", 1),
    ("Lương", 1),
    ("Tạ", 1),
];
/// Family names common among ethnic minorities, by region.
const MINORITY_NAMES_NORTH: [&str; 14] = [
    "Lò", "Lường", "Hà", "Nông", "Lục", "Sầm", "Vi", "Triệu", "Bàn", "Giàng", "Sùng", "Mùa",
    "Đinh", "Quách",
];
const MINORITY_NAMES_HIGHLANDS: [&str; 6] = ["Ksor", "Siu", "Nay", "Rơ Mah", "Kpă", "Đinh"];
const MINORITY_NAMES_CENTRAL: [&str; 5] = ["Đinh", "Hồ", "Pơ Loong", "A Lăng", "Bh'riu"];
const MINORITY_NAMES_MEKONG: [&str; 6] = ["Thạch", "Danh", "Sơn", "Kim", "Lâm", "Châu"];

const MIDDLE_MEN: [&str; 12] = [
    "Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Xuân", "Thanh", "Đình", "Ngọc", "Trọng", "Quang",
];
const MIDDLE_WOMEN: [&str; 12] = [
    "Thị", "Ngọc", "Thu", "Thanh", "Thùy", "Kim", "Minh", "Mai", "Hồng", "Phương", "Diệu", "Bích",
];
const GIVEN_MEN: [&str; 40] = [
    "Hùng",
    "Dũng",
    "Tuấn",
    "Minh",
    "Hải",
    "Nam",
    "Long",
    "Quân",
    "Sơn",
    "Thắng",
    "Tùng",
    "Phong",
    "Huy",
    "Khoa",
    "Lâm",
    "Bình",
    "Cường",
    "Đạt",
    "Hiếu",
    "Hoàng",
    "Kiên",
    "Lợi",
    "Nghĩa",
    "Phúc",
    "Quang",
    "Tâm",
    "Thành",
    "Thịnh",
    "Trung",
    "Vinh",
    "Việt",
    "Định",
    "Khánh",
    "An",
    "Hưng",
    "Toàn",
    "Tiến",
    "Trường",
    "Đông",
    "Chiến",
];
const GIVEN_WOMEN: [&str; 30] = [
    "Lan", "Hương", "Hoa", "Mai", "Linh", "Hà", "Thảo", "Trang", "Nhung", "Hằng", "Yến", "Ngân",
    "Phương", "Dung", "Thủy", "Hạnh", "Loan", "Nga", "Oanh", "Quyên", "Vân", "Xuân", "Hồng",
    "Huyền", "Thu", "Tâm", "Giang", "Liên", "Chi", "Anh",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tier {
    Central,
    Province,
    District,
    Commune,
}

impl Tier {
    fn as_str(self) -> &'static str {
        match self {
            Tier::Central => "central",
            Tier::Province => "province",
            Tier::District => "district",
            Tier::Commune => "commune",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Head,
    Deputy,
    Member,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Head => "head",
            Role::Deputy => "deputy",
            Role::Member => "member",
        }
    }
}

/// How the `not_local` column of a post made from a template is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotLocal {
    /// Ordinary post: column empty, or now and then an explicit `false`.
    No,
    /// The title is in the rule set's not-local list: column empty (derived) or explicit `true`.
    ByTitle,
    /// Not in the list but not-local by decision (district heads): explicit `true`.
    Explicit,
}

/// A post of some unit kind.
#[derive(Debug, Clone)]
struct Template {
    title: String,
    role: Role,
    rank: u8,
    function: Option<&'static str>,
    not_local: NotLocal,
    /// Relative frequency among the kind's vacancies.
    weight: u32,
    /// Titles a cadre can be planned for (treasurer and storekeeper are not leadership titles).
    plannable: bool,
}

/// A kind of unit: its tier, name pattern (`{p}` province, `{c}` commune/district), sector and
/// the posts it has.
#[derive(Debug, Clone)]
struct Kind {
    tier: Tier,
    name: String,
    sector: &'static str,
    templates: Vec<Template>,
    /// Sum of the template weights.
    total_weight: u32,
}

struct T(&'static str, Role, u8, Option<&'static str>, NotLocal, u32);

fn kind(tier: Tier, name: impl Into<String>, sector: &'static str, ts: Vec<T>) -> Kind {
    let templates: Vec<Template> = ts
        .into_iter()
        .map(
            |T(title, role, rank, function, not_local, weight)| Template {
                title: title.to_string(),
                role,
                rank,
                function,
                not_local,
                weight,
                plannable: !matches!(function, Some("treasury") | Some("storekeeper")),
            },
        )
        .collect();
    let total_weight = templates.iter().map(|t| t.weight).sum();
    Kind {
        tier,
        name: name.into(),
        sector,
        templates,
        total_weight,
    }
}

/// Indexes into the kind catalogue.
struct Catalogue {
    kinds: Vec<Kind>,
    /// Top-level central agencies (ministries, party boards).
    central_top: Vec<usize>,
    /// A department (vụ) of a central agency, used when the top-level list is exhausted.
    central_dept: usize,
    tinh_uy: usize,
    ubnd_tinh: usize,
    /// Other provincial agencies, in a fixed order (shuffled per province).
    province_agencies: Vec<usize>,
    district_party: usize,
    district_gov: usize,
    commune_party: usize,
    commune_gov: usize,
}

fn kind_catalogue() -> Catalogue {
    use NotLocal::{ByTitle, Explicit, No};
    use Role::{Deputy, Head, Member};
    let mut kinds = Vec::new();
    let mut push = |k: Kind| {
        kinds.push(k);
        kinds.len() - 1
    };

    // Central agencies (ranks 7–10).
    let party_board = |name: &str, sector: &'static str| {
        kind(
            Tier::Central,
            name,
            sector,
            vec![
                T("Trưởng Ban", Head, 10, None, No, 2),
                T("Phó Trưởng Ban", Deputy, 9, None, No, 4),
                T("Vụ trưởng", Member, 8, None, No, 3),
                T("Phó Vụ trưởng", Member, 7, None, No, 3),
                T(
                    "Vụ trưởng Vụ Tổ chức cán bộ",
                    Member,
                    8,
                    Some("personnel"),
                    No,
                    1,
                ),
            ],
        )
    };
    let ministry = |name: &str, sector: &'static str| {
        kind(
            Tier::Central,
            name,
            sector,
            vec![
                T("Bộ trưởng", Head, 10, None, No, 2),
                T("Thứ trưởng", Deputy, 9, None, No, 4),
                T("Vụ trưởng", Member, 8, None, No, 3),
                T("Chánh Văn phòng Bộ", Member, 8, None, No, 1),
                T(
                    "Vụ trưởng Vụ Tổ chức cán bộ",
                    Member,
                    8,
                    Some("personnel"),
                    No,
                    1,
                ),
                T("Phó Vụ trưởng", Member, 7, None, No, 3),
                T("Kế toán trưởng", Member, 7, Some("accounting"), No, 1),
            ],
        )
    };
    let mut central_top = Vec::new();
    for (name, sector) in [
        ("Ban Tổ chức Trung ương", "Tổ chức"),
        ("Ủy ban Kiểm tra Trung ương", "Kiểm tra"),
        ("Ban Tuyên giáo và Dân vận Trung ương", "Tuyên giáo"),
        ("Văn phòng Trung ương Đảng", "Đảng"),
    ] {
        central_top.push(push(party_board(name, sector)));
    }
    for (name, sector) in [
        ("Bộ Tài chính", "Tài chính"),
        ("Bộ Nội vụ", "Nội vụ"),
        ("Bộ Y tế", "Y tế"),
        ("Bộ Giáo dục và Đào tạo", "Giáo dục"),
        ("Bộ Công Thương", "Công Thương"),
        ("Bộ Xây dựng", "Xây dựng"),
        ("Bộ Nông nghiệp và Môi trường", "Nông nghiệp"),
        ("Bộ Khoa học và Công nghệ", "Khoa học"),
        ("Bộ Tư pháp", "Tư pháp"),
        ("Bộ Văn hóa, Thể thao và Du lịch", "Văn hóa"),
        ("Bộ Dân tộc và Tôn giáo", "Dân tộc"),
        ("Bộ Ngoại giao", "Ngoại giao"),
        ("Thanh tra Chính phủ", "Thanh tra"),
        ("Văn phòng Chính phủ", "Chính quyền"),
        ("Kiểm toán Nhà nước", "Tài chính"),
        ("Ngân hàng Nhà nước Việt Nam", "Ngân hàng"),
    ] {
        central_top.push(push(ministry(name, sector)));
    }
    let central_dept = push(kind(
        Tier::Central,
        "{c}",
        "Chính quyền",
        vec![
            T("Vụ trưởng", Head, 8, None, No, 4),
            T("Phó Vụ trưởng", Deputy, 7, None, No, 3),
            T("Chánh Văn phòng", Member, 8, None, No, 1),
            T("Kế toán trưởng", Member, 7, Some("accounting"), No, 1),
        ],
    ));

    // Provincial units (ranks 5–8).
    let tinh_uy = push(kind(
        Tier::Province,
        "Tỉnh ủy {p}",
        "Đảng",
        vec![
            T("Bí thư Tỉnh ủy", Head, 8, None, ByTitle, 2),
            T("Phó Bí thư Tỉnh ủy", Deputy, 8, None, No, 3),
            T("Ủy viên Ban Thường vụ Tỉnh ủy", Member, 7, None, No, 2),
            T("Chánh Văn phòng Tỉnh ủy", Member, 6, None, No, 2),
        ],
    ));
    let ubnd_tinh = push(kind(
        Tier::Province,
        "UBND tỉnh {p}",
        "Chính quyền",
        vec![
            T("Chủ tịch UBND tỉnh", Head, 8, None, ByTitle, 2),
            T("Phó Chủ tịch UBND tỉnh", Deputy, 7, None, No, 4),
            T("Chánh Văn phòng UBND tỉnh", Member, 6, None, No, 2),
        ],
    ));
    let mut province_agencies: Vec<usize> = [
        kind(
            Tier::Province,
            "Ban Tổ chức Tỉnh ủy {p}",
            "Tổ chức",
            vec![
                T("Trưởng Ban Tổ chức Tỉnh ủy", Head, 7, None, No, 3),
                T("Phó Trưởng Ban Tổ chức Tỉnh ủy", Deputy, 6, None, No, 3),
                T(
                    "Trưởng phòng Tổ chức cán bộ",
                    Member,
                    5,
                    Some("personnel"),
                    No,
                    1,
                ),
            ],
        ),
        kind(
            Tier::Province,
            "Ủy ban Kiểm tra Tỉnh ủy {p}",
            "Kiểm tra",
            vec![
                T("Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy", Head, 7, None, No, 3),
                T(
                    "Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy",
                    Deputy,
                    6,
                    None,
                    No,
                    3,
                ),
                T("Trưởng phòng Kiểm tra", Member, 5, None, No, 1),
            ],
        ),
        kind(
            Tier::Province,
            "Công an tỉnh {p}",
            "Công an",
            vec![
                T("Giám đốc Công an", Head, 7, None, ByTitle, 3),
                T("Phó Giám đốc Công an tỉnh", Deputy, 6, None, No, 3),
                T(
                    "Trưởng phòng Tổ chức cán bộ",
                    Member,
                    5,
                    Some("personnel"),
                    No,
                    1,
                ),
            ],
        ),
        kind(
            Tier::Province,
            "Tòa án nhân dân tỉnh {p}",
            "Tòa án",
            vec![
                T("Chánh án TAND", Head, 6, None, ByTitle, 3),
                T("Phó Chánh án TAND tỉnh", Deputy, 5, None, No, 3),
                T("Thẩm phán", Member, 5, None, No, 1),
            ],
        ),
        kind(
            Tier::Province,
            "Viện kiểm sát nhân dân tỉnh {p}",
            "Kiểm sát",
            vec![
                T("Viện trưởng VKSND", Head, 6, None, ByTitle, 3),
                T("Phó Viện trưởng VKSND tỉnh", Deputy, 5, None, No, 3),
                T("Kiểm sát viên", Member, 5, None, No, 1),
            ],
        ),
        kind(
            Tier::Province,
            "Thanh tra tỉnh {p}",
            "Thanh tra",
            vec![
                T("Chánh Thanh tra", Head, 6, None, ByTitle, 3),
                T("Phó Chánh Thanh tra tỉnh", Deputy, 5, None, No, 3),
                T("Trưởng phòng Thanh tra", Member, 5, None, No, 1),
            ],
        ),
        kind(
            Tier::Province,
            "Thuế tỉnh {p}",
            "Thuế",
            vec![
                T("Trưởng Thuế", Head, 6, None, ByTitle, 3),
                T("Phó Trưởng Thuế tỉnh", Deputy, 5, None, No, 3),
                T("Kế toán trưởng", Member, 5, Some("accounting"), No, 1),
            ],
        ),
        kind(
            Tier::Province,
            "Hải quan tỉnh {p}",
            "Hải quan",
            vec![
                T("Trưởng Hải quan", Head, 6, None, ByTitle, 3),
                T("Phó Trưởng Hải quan", Deputy, 5, None, No, 3),
                T("Thủ kho", Member, 5, Some("storekeeper"), No, 1),
            ],
        ),
        kind(
            Tier::Province,
            "Kho bạc Nhà nước tỉnh {p}",
            "Tài chính",
            vec![
                T("Giám đốc Kho bạc Nhà nước tỉnh", Head, 6, None, No, 3),
                T("Phó Giám đốc Kho bạc Nhà nước tỉnh", Deputy, 5, None, No, 3),
                T("Thủ quỹ", Member, 5, Some("treasury"), No, 1),
            ],
        ),
    ]
    .into_iter()
    .map(&mut push)
    .collect();
    // Departments (sở): the finance director is a not-local title.
    let departments: [(&str, &'static str); 11] = [
        ("Tài chính", "Tài chính"),
        ("Nội vụ", "Nội vụ"),
        ("Y tế", "Y tế"),
        ("Giáo dục và Đào tạo", "Giáo dục"),
        ("Xây dựng", "Xây dựng"),
        ("Nông nghiệp và Môi trường", "Nông nghiệp"),
        ("Công Thương", "Công Thương"),
        ("Khoa học và Công nghệ", "Khoa học"),
        ("Văn hóa, Thể thao và Du lịch", "Văn hóa"),
        ("Tư pháp", "Tư pháp"),
        ("Dân tộc và Tôn giáo", "Dân tộc"),
    ];
    for (short, sector) in departments {
        let head = format!("Giám đốc Sở {short}");
        let deputy = format!("Phó Giám đốc Sở {short}");
        let head_nl = if short == "Tài chính" { ByTitle } else { No };
        let mut k = kind(
            Tier::Province,
            format!("Sở {short} tỉnh {{p}}"),
            sector,
            vec![],
        );
        k.templates = vec![
            Template {
                title: head,
                role: Head,
                rank: 6,
                function: None,
                not_local: head_nl,
                weight: 3,
                plannable: true,
            },
            Template {
                title: deputy,
                role: Deputy,
                rank: 5,
                function: None,
                not_local: No,
                weight: 3,
                plannable: true,
            },
            Template {
                title: if short == "Nội vụ" {
                    "Trưởng phòng Tổ chức, biên chế".into()
                } else {
                    "Trưởng phòng Kế hoạch - Tài chính".into()
                },
                role: Member,
                rank: 5,
                function: if short == "Nội vụ" {
                    Some("personnel")
                } else {
                    None
                },
                not_local: No,
                weight: 1,
                plannable: true,
            },
        ];
        k.total_weight = k.templates.iter().map(|t| t.weight).sum();
        province_agencies.push(push(k));
    }

    // Legacy districts (ranks 3–5): district heads are written not-local explicitly.
    let district_party = push(kind(
        Tier::District,
        "Huyện ủy {c}, tỉnh {p}",
        "Đảng",
        vec![
            T("Bí thư Huyện ủy", Head, 5, None, Explicit, 2),
            T("Phó Bí thư Huyện ủy", Deputy, 4, None, No, 3),
            T(
                "Trưởng Ban Tổ chức Huyện ủy",
                Member,
                4,
                Some("personnel"),
                No,
                2,
            ),
        ],
    ));
    let district_gov = push(kind(
        Tier::District,
        "UBND huyện {c}, tỉnh {p}",
        "Chính quyền",
        vec![
            T("Chủ tịch UBND huyện", Head, 5, None, Explicit, 2),
            T("Phó Chủ tịch UBND huyện", Deputy, 4, None, No, 3),
            T("Trưởng phòng Tài chính - Kế hoạch", Member, 3, None, No, 2),
            T("Kế toán trưởng", Member, 3, Some("accounting"), No, 1),
        ],
    ));

    // Communes (ranks 1–3).
    let commune_party = push(kind(
        Tier::Commune,
        "Đảng ủy xã {c}, tỉnh {p}",
        "Đảng",
        vec![
            T("Bí thư Đảng ủy", Head, 3, None, ByTitle, 2),
            T("Phó Bí thư Đảng ủy", Deputy, 2, None, No, 3),
            T("Chánh Văn phòng Đảng ủy", Member, 1, None, No, 2),
            T(
                "Trưởng Ban Xây dựng Đảng",
                Member,
                2,
                Some("personnel"),
                No,
                1,
            ),
        ],
    ));
    let commune_gov = push(kind(
        Tier::Commune,
        "UBND xã {c}, tỉnh {p}",
        "Chính quyền",
        vec![
            T("Chủ tịch UBND xã", Head, 3, None, ByTitle, 2),
            T("Phó Chủ tịch UBND xã", Deputy, 2, None, No, 4),
            T("Trưởng phòng Kinh tế", Member, 1, None, No, 2),
            T("Trưởng phòng Văn hóa - Xã hội", Member, 1, None, No, 2),
            T("Kế toán trưởng", Member, 1, Some("accounting"), No, 1),
            T("Thủ quỹ", Member, 1, Some("treasury"), No, 1),
        ],
    ));

    Catalogue {
        kinds,
        central_top,
        central_dept,
        tinh_uy,
        ubnd_tinh,
        province_agencies,
        district_party,
        district_gov,
        commune_party,
        commune_gov,
    }
}

/// Topics of the departments (vụ) of central agencies, used once the top-level list is used up.
const CENTRAL_DEPT_TOPICS: [&str; 8] = [
    "Vụ Tổ chức cán bộ",
    "Vụ Kế hoạch - Tài chính",
    "Vụ Pháp chế",
    "Vụ Hợp tác quốc tế",
    "Vụ Tổng hợp",
    "Vụ Địa phương",
    "Vụ Thi đua - Khen thưởng",
    "Vụ Chính sách",
];

// ---------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct GUnit {
    id: String,
    name: String,
    kind: usize,
    tier: Tier,
    /// Index into `PROVINCES`; `None` for central units.
    province: Option<usize>,
    region: usize,
    shortage: u8,
    difficult: bool,
}

fn pad_width(n: usize) -> usize {
    n.max(1).to_string().len().max(3)
}

fn gen_units(rng: &mut ChaCha8Rng, cat: &Catalogue, posts: usize) -> Vec<GUnit> {
    let n_units = (posts.div_ceil(4)).max(3);
    let n_central = ((n_units as f64 * 0.05).round() as usize).max(1);
    let n_local = n_units - n_central;
    let n_prov = n_local.div_ceil(12).clamp(1, PROVINCES.len());
    let width = pad_width(n_units);

    // Which provinces: a seeded choice, listed by id.
    let mut provinces: Vec<usize> = (0..PROVINCES.len()).collect();
    provinces.shuffle(rng);
    provinces.truncate(n_prov);
    provinces.sort_unstable();

    let mut units: Vec<GUnit> = Vec::with_capacity(n_units);
    let mut add = |rng: &mut ChaCha8Rng, name: String, kind: usize, province: Option<usize>| {
        let tier = cat.kinds[kind].tier;
        let region = province.map_or(CENTRAL_REGION, |p| PROVINCES[p].1);
        let mountain = is_mountain_region(region);
        let difficult = match tier {
            Tier::Central => false,
            Tier::Province => rng.gen_bool(if mountain { 0.25 } else { 0.03 }),
            Tier::District | Tier::Commune => rng.gen_bool(if mountain { 0.70 } else { 0.12 }),
        };
        let mut shortage = match tier {
            Tier::Central => u8::from(rng.gen_bool(0.3)),
            _ => pick_weighted_ix(rng, &[40, 35, 17, 8]) as u8,
        };
        if difficult && shortage < 3 && rng.gen_bool(0.5) {
            shortage += 1;
        }
        units.push(GUnit {
            id: format!("U{:0width$}", units.len() + 1),
            name,
            kind,
            tier,
            province,
            region,
            shortage,
            difficult,
        });
    };

    // Central agencies.
    for i in 0..n_central {
        if i < cat.central_top.len() {
            let k = cat.central_top[i];
            add(rng, cat.kinds[k].name.clone(), k, None);
        } else {
            let j = i - cat.central_top.len();
            let parent = &cat.kinds[cat.central_top[j % cat.central_top.len()]].name;
            let topic =
                CENTRAL_DEPT_TOPICS[(j / cat.central_top.len()) % CENTRAL_DEPT_TOPICS.len()];
            let round = j / (cat.central_top.len() * CENTRAL_DEPT_TOPICS.len());
            let name = if round == 0 {
                format!("{topic}, {parent}")
            } else {
                format!("{topic} {}, {parent}", round + 1)
            };
            add(rng, name, cat.central_dept, None);
        }
    }

    // Local units, spread over the provinces.
    for (pi, &p) in provinces.iter().enumerate() {
        let count = n_local / n_prov + usize::from(pi < n_local % n_prov);
        let pname = PROVINCES[p].0;
        let mut agencies = cat.province_agencies.clone();
        agencies.shuffle(rng);
        let mut agencies = agencies.into_iter();
        let mut used_places: Vec<String> = Vec::new();
        for j in 0..count {
            let kind_ix = match j {
                0 => cat.tinh_uy,
                1 => cat.ubnd_tinh,
                _ => {
                    let x: f64 = rng.gen_range(0.0..1.0);
                    let agency = if x < 0.40 { agencies.next() } else { None };
                    match agency {
                        Some(k) => k,
                        None if (0.40..0.55).contains(&x) => {
                            if rng.gen_bool(0.5) {
                                cat.district_party
                            } else {
                                cat.district_gov
                            }
                        }
                        None => {
                            if rng.gen_bool(0.45) {
                                cat.commune_party
                            } else {
                                cat.commune_gov
                            }
                        }
                    }
                }
            };
            let k = &cat.kinds[kind_ix];
            let mut name = k.name.replace("{p}", pname);
            if name.contains("{c}") {
                let place = place_name(rng, PROVINCES[p].1, &used_places);
                name = name.replace("{c}", &place);
                used_places.push(place);
            }
            add(rng, name, kind_ix, Some(p));
        }
    }
    units
}

/// A commune or district name not yet used in the province.
fn place_name(rng: &mut ChaCha8Rng, region: usize, used: &[String]) -> String {
    let (first, second): (&[&str], &[&str]) = match region {
        0 => (&PLACE_FIRST_NORTH_MOUNTAIN, &PLACE_SECOND_NORTH_MOUNTAIN),
        3 => (&PLACE_FIRST_HIGHLANDS, &PLACE_SECOND_HIGHLANDS),
        _ => (&PLACE_FIRST, &PLACE_SECOND),
    };
    let mut last = String::new();
    for _ in 0..20 {
        let a = first[rng.gen_range(0..first.len())];
        let b = second[rng.gen_range(0..second.len())];
        if a == b {
            continue;
        }
        last = format!("{a} {b}");
        if !used.contains(&last) {
            return last;
        }
    }
    if last.is_empty() {
        last = format!("{} {}", first[0], second[0]);
    }
    // Many communes in one province: number the repeats.
    let mut n = 2;
    loop {
        let candidate = format!("{last} {n}");
        if !used.contains(&candidate) {
            return candidate;
        }
        n += 1;
    }
}

/// Draws units (for vacancies and for cadres' current posts) with tier weights, so that posts
/// and cadres share one rank distribution.
struct UnitPicker {
    cumulative: Vec<f64>,
}

impl UnitPicker {
    fn new(units: &[GUnit]) -> Self {
        let mut acc = 0.0;
        let cumulative = units
            .iter()
            .map(|u| {
                acc += match u.tier {
                    Tier::Central => 5.0,
                    Tier::Province => 1.4,
                    Tier::District => 1.2,
                    Tier::Commune => 1.0,
                };
                acc
            })
            .collect();
        UnitPicker { cumulative }
    }
    fn pick(&self, rng: &mut ChaCha8Rng) -> usize {
        let total = *self.cumulative.last().expect("at least one unit");
        let x = rng.gen_range(0.0..total);
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len() - 1)
    }
}

fn pick_weighted_ix(rng: &mut ChaCha8Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut x = rng.gen_range(0..total);
    for (i, &w) in weights.iter().enumerate() {
        if x < w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

fn pick_template<'a>(rng: &mut ChaCha8Rng, kind: &'a Kind) -> &'a Template {
    let mut x = rng.gen_range(0..kind.total_weight);
    for t in &kind.templates {
        if x < t.weight {
            return t;
        }
        x -= t.weight;
    }
    kind.templates.last().expect("kinds have templates")
}

// ---------------------------------------------------------------------------------------------
// Posts
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct GPost {
    id: String,
    unit: usize,
    title: String,
    rank: u8,
    sector: &'static str,
    role: Role,
    /// Column text: "", "true" or "false".
    not_local: &'static str,
    function: Option<&'static str>,
    seats: u32,
    criticality: u8,
}

/// Units of one kind (or one head rank), with a cursor past those whose head post is taken.
#[derive(Debug, Clone, Default)]
struct UnitGroup {
    units: Vec<usize>,
    cursor: usize,
}

/// A unit of the group whose head post is not yet vacant: a few random tries, then the first in
/// order.
fn free_unit(rng: &mut ChaCha8Rng, group: &mut UnitGroup, taken: &[bool]) -> Option<usize> {
    if group.units.is_empty() {
        return None;
    }
    for _ in 0..4 {
        let u = group.units[rng.gen_range(0..group.units.len())];
        if !taken[u] {
            return Some(u);
        }
    }
    while group.cursor < group.units.len() && taken[group.units[group.cursor]] {
        group.cursor += 1;
    }
    group.units.get(group.cursor).copied()
}

fn gen_posts(
    rng: &mut ChaCha8Rng,
    cat: &Catalogue,
    units: &[GUnit],
    picker: &UnitPicker,
    n: usize,
) -> Vec<GPost> {
    let width = pad_width(n);
    // At most one vacant head post per unit: a second head drawn becomes another post of the unit.
    let mut head_vacant = vec![false; units.len()];
    let mut by_kind: Vec<UnitGroup> = vec![UnitGroup::default(); cat.kinds.len()];
    let mut by_head_rank: Vec<UnitGroup> = vec![UnitGroup::default(); 12];
    for (i, u) in units.iter().enumerate() {
        by_kind[u.kind].units.push(i);
        if let Some(h) = cat.kinds[u.kind]
            .templates
            .iter()
            .find(|t| t.role == Role::Head)
        {
            by_head_rank[h.rank as usize].units.push(i);
        }
    }
    (0..n)
        .map(|i| {
            // A head drawn for a unit whose head post is already vacant goes to another unit of
            // the same kind (another commune's chair, say), else to a unit whose head has the same
            // rank; failing both, it becomes another post of the unit.
            let mut unit = picker.pick(rng);
            let kind = &cat.kinds[units[unit].kind];
            let mut t = pick_template(rng, kind);
            if t.role == Role::Head && head_vacant[unit] {
                let free = free_unit(rng, &mut by_kind[units[unit].kind], &head_vacant)
                    .or_else(|| free_unit(rng, &mut by_head_rank[t.rank as usize], &head_vacant));
                match free {
                    Some(u) => {
                        unit = u;
                        let k = &cat.kinds[units[u].kind];
                        t = k
                            .templates
                            .iter()
                            .find(|h| h.role == Role::Head)
                            .expect("a unit found by its head has one");
                    }
                    None => {
                        for _ in 0..32 {
                            if t.role != Role::Head {
                                break;
                            }
                            t = pick_template(rng, kind);
                        }
                    }
                }
            }
            let kind = &cat.kinds[units[unit].kind];
            if t.role == Role::Head {
                head_vacant[unit] = true;
            }
            let not_local = match t.not_local {
                NotLocal::ByTitle => {
                    if rng.gen_bool(0.5) {
                        ""
                    } else {
                        "true"
                    }
                }
                NotLocal::Explicit => "true",
                NotLocal::No => {
                    if rng.gen_bool(0.1) {
                        "false"
                    } else {
                        ""
                    }
                }
            };
            let seats = if t.role != Role::Head && rng.gen_bool(0.04) {
                2
            } else {
                1
            };
            let criticality = if rng.gen_bool(0.10) {
                5
            } else {
                let base = pick_weighted_ix(rng, &[2, 3, 3, 2]) as u8 + 1;
                if t.role == Role::Head {
                    (base + 1).min(4)
                } else {
                    base
                }
            };
            GPost {
                id: format!("VT{:0width$}", i + 1),
                unit,
                title: t.title.clone(),
                rank: t.rank,
                sector: kind.sector,
                role: t.role,
                not_local,
                function: t.function,
                seats,
                criticality,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Cadres
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct GCadre {
    id: String,
    name: String,
    female: bool,
    birth_date: NaiveDate,
    birth_province: Option<usize>,
    hometown_province: Option<usize>,
    current_unit: usize,
    current_role: Role,
    current_rank: u8,
    sector: &'static str,
    planned_titles: Vec<String>,
    outstanding: bool,
    rating: u8,
    health_cert_date: Option<NaiveDate>,
    rotation_end: Option<NaiveDate>,
    /// (province index, years), sorted by province.
    worked_years: Vec<(usize, u32)>,
    /// (unit index, terms), sorted by unit.
    head_terms: Vec<(usize, u32)>,
    relatives: Vec<usize>,
    ethnic_minority: bool,
}

/// A title a cadre can be planned for.
struct PlanTitle {
    title: String,
    sector: &'static str,
}

/// Plannable titles by rank (index = rank), deduplicated, in catalogue order.
fn titles_by_rank(cat: &Catalogue) -> Vec<Vec<PlanTitle>> {
    let mut by_rank: Vec<Vec<PlanTitle>> = (0..=11).map(|_| Vec::new()).collect();
    for k in &cat.kinds {
        for t in k.templates.iter().filter(|t| t.plannable) {
            let list = &mut by_rank[t.rank as usize];
            if !list.iter().any(|p| p.title == t.title) {
                list.push(PlanTitle {
                    title: t.title.clone(),
                    sector: k.sector,
                });
            }
        }
    }
    by_rank
}

fn gen_cadres(
    rng: &mut ChaCha8Rng,
    cat: &Catalogue,
    units: &[GUnit],
    picker: &UnitPicker,
    posts: &[GPost],
    opts: &GenOptions,
) -> Vec<GCadre> {
    let n = opts.cadres;
    let mut by_kind: Vec<Vec<usize>> = vec![Vec::new(); cat.kinds.len()];
    for (i, u) in units.iter().enumerate() {
        by_kind[u.kind].push(i);
    }
    let width = pad_width(n);
    let plan = opts.plan_date;
    let titles = titles_by_rank(cat);
    let mut cadres: Vec<GCadre> = Vec::with_capacity(n);

    for i in 0..n {
        // The current post is a copy of a random vacancy's (kind of unit, role, rank) in a random
        // unit of that kind, so that cadres and posts share one rank distribution; without posts,
        // drawn as the posts would be.
        let (unit_ix, current_role, current_rank) = if posts.is_empty() {
            let u = picker.pick(rng);
            let t = pick_template(rng, &cat.kinds[units[u].kind]);
            (u, t.role, t.rank)
        } else {
            let p = &posts[rng.gen_range(0..posts.len())];
            let same = &by_kind[units[p.unit].kind];
            (same[rng.gen_range(0..same.len())], p.role, p.rank)
        };
        let unit = &units[unit_ix];
        let kind = &cat.kinds[unit.kind];
        let female = rng.gen_bool(0.30);
        let mountain = is_mountain_region(unit.region);
        let minority_p = if unit.difficult {
            0.35
        } else if mountain {
            0.20
        } else {
            0.04
        };
        let ethnic_minority = rng.gen_bool(minority_p);
        let name = person_name(rng, female, ethnic_minority, unit.region);

        // H8: birth and hometown; about a quarter local to the current province.
        let (birth_province, hometown_province) = match unit.province {
            Some(p) if rng.gen_bool(0.27) => match pick_weighted_ix(rng, &[5, 3, 2]) {
                0 => (Some(p), other_province(rng, p, 0.9)),
                1 => (other_province(rng, p, 1.0), Some(p)),
                _ => (Some(p), Some(p)),
            },
            Some(p) => {
                let b = other_province(rng, p, 1.0);
                let h = if rng.gen_bool(0.6) {
                    b
                } else {
                    other_province(rng, p, 0.9)
                };
                (b, h)
            }
            None => {
                let b = Some(rng.gen_range(0..PROVINCES.len()));
                let h = if rng.gen_bool(0.6) {
                    b
                } else {
                    Some(rng.gen_range(0..PROVINCES.len()))
                };
                (b, h)
            }
        };

        // H8: 5 % worked ≥ 20 years in a province (a third of them exactly 20); 20 % shorter stays.
        let mut worked_years: Vec<(usize, u32)> = Vec::new();
        let x: f64 = rng.gen_range(0.0..1.0);
        if x < 0.05 {
            let p = match unit.province {
                Some(p) if rng.gen_bool(0.7) => p,
                _ => rng.gen_range(0..PROVINCES.len()),
            };
            let years = if rng.gen_bool(0.35) {
                20
            } else {
                rng.gen_range(21..=30)
            };
            worked_years.push((p, years));
            if rng.gen_bool(0.3) {
                let q = rng.gen_range(0..PROVINCES.len());
                if q != p {
                    worked_years.push((q, rng.gen_range(1..=8)));
                }
            }
        } else if x < 0.25 {
            let p = match unit.province {
                Some(p) if rng.gen_bool(0.5) => p,
                _ => rng.gen_range(0..PROVINCES.len()),
            };
            worked_years.push((p, rng.gen_range(1..=15)));
        }
        worked_years.sort_unstable();

        // H9 (head terms) is drawn for the whole pool afterwards, in `add_head_terms`.
        // H2: 8 % close to retirement; the others' age grows with the rank.
        let near_retirement = rng.gen_bool(0.08);
        let birth_date = birth_date(rng, plan, female, near_retirement, current_rank);

        // H1: 3 % not planned; others 1–3 titles at the current rank or one above.
        let planned_titles = if rng.gen_bool(0.03) {
            Vec::new()
        } else {
            plan_titles(rng, &titles, current_rank, kind.sector)
        };

        let outstanding = rng.gen_bool(0.10);
        let rating = pick_weighted_ix(rng, &[5, 20, 55, 20]) as u8 + 1;

        // H3: 2 % none, 5 % older than six months, the rest within five months.
        let h: f64 = rng.gen_range(0.0..1.0);
        let health_cert_date = if h < 0.02 {
            None
        } else if h < 0.07 {
            plan.checked_sub_days(Days::new(rng.gen_range(215..=540)))
        } else {
            plan.checked_sub_days(Days::new(rng.gen_range(0..=150)))
        };

        // H4: 5 % inside a running rotation; a quarter with one that ended.
        let r: f64 = rng.gen_range(0.0..1.0);
        let rotation_end = if r < 0.05 {
            plan.checked_add_days(Days::new(rng.gen_range(30..=1000)))
        } else if r < 0.30 {
            plan.checked_sub_days(Days::new(rng.gen_range(30..=2000)))
        } else {
            None
        };

        cadres.push(GCadre {
            id: format!("C{:0width$}", i + 1),
            name,
            female,
            birth_date,
            birth_province,
            hometown_province,
            current_unit: unit_ix,
            current_role,
            current_rank,
            sector: kind.sector,
            planned_titles,
            outstanding,
            rating,
            health_cert_date,
            rotation_end,
            worked_years,
            head_terms: Vec::new(),
            relatives: Vec::new(),
            ethnic_minority,
        });
    }

    add_head_terms(rng, &mut cadres, units.len());
    add_relatives(rng, &mut cadres);
    keep_to_unit_provinces(&mut cadres, units);
    keep_to_post_titles(&mut cadres, posts);
    one_birth_date_per_name(&mut cadres);
    cadres
}

/// No two cadres share a name and a birth date (the loader takes them for one person entered
/// twice, W2021): a later one is born a day earlier until they differ. No draw, so the seed's
/// other values stay as they were.
fn one_birth_date_per_name(cadres: &mut [GCadre]) {
    let mut seen = std::collections::HashSet::new();
    for c in cadres.iter_mut() {
        while !seen.insert((c.name.clone(), c.birth_date)) {
            c.birth_date = c.birth_date.pred_opt().unwrap_or(c.birth_date);
        }
    }
}

/// Every planned title is the title of a post of posts.csv (a title of no post earns no fit and is
/// reported, W2003): one drawn outside them becomes a title of a post of the cadre's sector at the
/// rank of the cadre or one above, chosen by the cadre's number (no draw, so the seed's draws stay
/// the same), or is left out when there is none.
fn keep_to_post_titles(cadres: &mut [GCadre], posts: &[GPost]) {
    use std::collections::{BTreeMap, BTreeSet};
    let titles: BTreeSet<&str> = posts.iter().map(|p| p.title.as_str()).collect();
    let mut by_rank: BTreeMap<(u8, &str), BTreeSet<&str>> = BTreeMap::new();
    for p in posts {
        by_rank
            .entry((p.rank, p.sector))
            .or_default()
            .insert(p.title.as_str());
    }
    for (i, c) in cadres.iter_mut().enumerate() {
        if c.planned_titles.iter().all(|t| titles.contains(t.as_str())) {
            continue;
        }
        let near: Vec<&str> = [c.current_rank, c.current_rank.saturating_add(1)]
            .iter()
            .filter_map(|&r| by_rank.get(&(r, c.sector)))
            .flatten()
            .copied()
            .collect();
        let mut out: Vec<String> = Vec::with_capacity(c.planned_titles.len());
        for (k, t) in c.planned_titles.iter().enumerate() {
            let t = if titles.contains(t.as_str()) {
                Some(t.as_str())
            } else if near.is_empty() {
                None
            } else {
                Some(near[(i + k) % near.len()])
            };
            if let Some(t) = t
                && !out.iter().any(|o| o == t)
            {
                out.push(t.to_string());
            }
        }
        c.planned_titles = out;
    }
}

/// Every province a cadre names (birth, hometown, worked years) is one of units.csv: a province
/// drawn outside them would be a province id the scenario does not know (W2002). Drawn first from
/// all 34 and folded afterwards without the generator, so the draws of the seed stay the same; a
/// folded birth or hometown province is never the cadre's current province (it stays not local).
fn keep_to_unit_provinces(cadres: &mut [GCadre], units: &[GUnit]) {
    let mut used: Vec<usize> = units.iter().filter_map(|u| u.province).collect();
    used.sort_unstable();
    used.dedup();
    let fold = |q: usize, avoid: Option<usize>| -> Option<usize> {
        if used.binary_search(&q).is_ok() {
            return Some(q);
        }
        let start = q % used.len().max(1);
        (0..used.len())
            .map(|k| used[(start + k) % used.len()])
            .find(|&p| Some(p) != avoid)
    };
    for c in cadres.iter_mut() {
        let own = units[c.current_unit].province;
        c.birth_province = c.birth_province.and_then(|q| fold(q, own));
        c.hometown_province = c.hometown_province.and_then(|q| fold(q, own));
        let mut worked: Vec<(usize, u32)> = Vec::with_capacity(c.worked_years.len());
        for &(q, years) in &c.worked_years {
            if let Some(p) = fold(q, None)
                && !worked.iter().any(|&(w, _)| w == p)
            {
                worked.push((p, years));
            }
        }
        worked.sort_unstable();
        c.worked_years = worked;
    }
}

/// H9: among the cadres who head their current unit, 5 % of the pool get two terms there (moving
/// them applies the two-term policy) and 3 % one term; 1 % of the pool had two terms as head of
/// another unit, whose head post they may not take again.
fn add_head_terms(rng: &mut ChaCha8Rng, cadres: &mut [GCadre], n_units: usize) {
    let n = cadres.len();
    let mut heads: Vec<usize> = (0..n)
        .filter(|&i| cadres[i].current_role == Role::Head)
        .collect();
    heads.shuffle(rng);
    let two = ((n as f64) * 0.05).round() as usize;
    let one = ((n as f64) * 0.03).round() as usize;
    for (k, &i) in heads.iter().take(two + one).enumerate() {
        let terms = if k < two { 2 } else { 1 };
        cadres[i].head_terms.push((cadres[i].current_unit, terms));
    }
    if n_units > 1 {
        for _ in 0..((n as f64) * 0.01).round() as usize {
            let i = rng.gen_range(0..n);
            let cur = cadres[i].current_unit;
            let mut other = rng.gen_range(0..n_units - 1);
            if other >= cur {
                other += 1;
            }
            if !cadres[i].head_terms.iter().any(|&(u, _)| u == other) {
                cadres[i].head_terms.push((other, 2));
                cadres[i].head_terms.sort_unstable();
            }
        }
    }
}

/// H10: about 2 % of cadres in relative pairs, one of the two usually a head or deputy; the
/// relation is written on both sides for half of the pairs and on one side for the others.
fn add_relatives(rng: &mut ChaCha8Rng, cadres: &mut [GCadre]) {
    let n = cadres.len();
    if n < 2 {
        return;
    }
    let leaders: Vec<usize> = (0..n)
        .filter(|&i| cadres[i].current_role != Role::Member)
        .collect();
    let pairs = ((n as f64) * 0.01).round() as usize;
    let mut paired = vec![false; n];
    for _ in 0..pairs {
        for _attempt in 0..10 {
            let a = rng.gen_range(0..n);
            let b = if !leaders.is_empty() && rng.gen_bool(0.7) {
                leaders[rng.gen_range(0..leaders.len())]
            } else {
                rng.gen_range(0..n)
            };
            if a == b || paired[a] || paired[b] {
                continue;
            }
            paired[a] = true;
            paired[b] = true;
            // Listed on both rows (one-sided, W2005 would warn); the draw that once chose
            // whether to is kept, so the seed's later draws stay the same.
            let _ = rng.gen_bool(0.5);
            cadres[a].relatives.push(b);
            cadres[b].relatives.push(a);
            break;
        }
    }
}

fn other_province(rng: &mut ChaCha8Rng, not: usize, p_some: f64) -> Option<usize> {
    if !rng.gen_bool(p_some) {
        return None;
    }
    let mut q = rng.gen_range(0..PROVINCES.len() - 1);
    if q >= not {
        q += 1;
    }
    Some(q)
}

fn plan_titles(
    rng: &mut ChaCha8Rng,
    titles: &[Vec<PlanTitle>],
    rank: u8,
    sector: &str,
) -> Vec<String> {
    let count = 1 + pick_weighted_ix(rng, &[50, 35, 15]);
    let mut out: Vec<String> = Vec::with_capacity(count);
    for _ in 0..count * 3 {
        if out.len() == count {
            break;
        }
        let up = rank < 10 && !titles[rank as usize + 1].is_empty() && rng.gen_bool(0.4);
        let r = if up || titles[rank as usize].is_empty() {
            (rank as usize + 1).min(10)
        } else {
            rank as usize
        };
        let list = &titles[r];
        if list.is_empty() {
            continue;
        }
        let same_sector: Vec<&PlanTitle> = list.iter().filter(|t| t.sector == sector).collect();
        let pick = if !same_sector.is_empty() && rng.gen_bool(0.5) {
            same_sector[rng.gen_range(0..same_sector.len())]
        } else {
            &list[rng.gen_range(0..list.len())]
        };
        if !out.contains(&pick.title) {
            out.push(pick.title.clone());
        }
    }
    if out.is_empty() {
        // Always planned for something when H1 is meant to pass.
        if let Some(t) = titles.iter().skip(rank as usize).find_map(|l| l.first()) {
            out.push(t.title.clone());
        }
    }
    out
}

fn person_name(rng: &mut ChaCha8Rng, female: bool, minority: bool, region: usize) -> String {
    let family = if minority {
        let list: &[&str] = match region {
            3 => &MINORITY_NAMES_HIGHLANDS,
            2 => &MINORITY_NAMES_CENTRAL,
            5 => &MINORITY_NAMES_MEKONG,
            _ => &MINORITY_NAMES_NORTH,
        };
        list[rng.gen_range(0..list.len())]
    } else {
        let weights: Vec<u32> = FAMILY_NAMES.iter().map(|f| f.1).collect();
        FAMILY_NAMES[pick_weighted_ix(rng, &weights)].0
    };
    let (middle, given): (&[&str], &[&str]) = if female {
        (&MIDDLE_WOMEN, &GIVEN_WOMEN)
    } else {
        (&MIDDLE_MEN, &GIVEN_MEN)
    };
    let middle = if minority && rng.gen_bool(0.6) {
        if female { "Thị" } else { "Văn" }
    } else {
        middle[rng.gen_range(0..middle.len())]
    };
    let given = given[rng.gen_range(0..given.len())];
    format!("{family} {middle} {given}")
}

// ---------------------------------------------------------------------------------------------
// Ages and retirement (Decree 135/2020)
// ---------------------------------------------------------------------------------------------

/// Month index (year * 12 + month0) of the month in which a person born on `birth` reaches the
/// retirement age of the roadmap: men 60 y 3 m in 2021 + 3 months a year up to 62 y; women
/// 55 y 4 m in 2021 + 4 months a year up to 60 y. The age that applies is the one of the calendar
/// year in which it is reached.
fn retirement_month(birth: NaiveDate, female: bool) -> i32 {
    let (base, step, max) = if female {
        (55 * 12 + 4, 4, 60 * 12)
    } else {
        (60 * 12 + 3, 3, 62 * 12)
    };
    let born = birth.year() * 12 + birth.month0() as i32;
    let mut y = birth.year() + 40;
    loop {
        let age = (base + step * (y - 2021).max(0)).min(max);
        let reached = born + age;
        if reached.div_euclid(12) <= y {
            return reached;
        }
        y += 1;
    }
}

/// Last day of the retirement month.
fn retirement_date(birth: NaiveDate, female: bool) -> NaiveDate {
    let m = retirement_month(birth, female) + 1; // first day of the next month, minus one day
    NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1)
        .and_then(|d| d.pred_opt())
        .expect("valid date")
}

/// Whole months from `from` to `to` (0 if `to` is not later).
fn whole_months(from: NaiveDate, to: NaiveDate) -> i32 {
    let mut m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() {
        m -= 1;
    }
    m.max(0)
}

/// Service months left at `plan` for someone born on `birth`.
fn remaining_service(birth: NaiveDate, female: bool, plan: NaiveDate) -> i32 {
    let ret = retirement_date(birth, female);
    if ret <= plan {
        return 0;
    }
    whole_months(plan, ret)
}

/// A birth date: ages 30–60 (women up to their retirement age), centred on 35 + 1.8 × rank;
/// close to retirement means 6–114 months of service left, otherwise at least 126 (no cadre sits
/// on the 120-month edge).
fn birth_date(
    rng: &mut ChaCha8Rng,
    plan: NaiveDate,
    female: bool,
    near: bool,
    rank: u8,
) -> NaiveDate {
    let (lo, hi) = if near {
        if female { (48.0, 60.0) } else { (51.0, 62.0) }
    } else {
        (30.0, 60.0)
    };
    let mut fallback = None;
    for _ in 0..64 {
        let age_years: f64 = if near {
            rng.gen_range(lo..hi)
        } else {
            let centre = 35.0 + 1.8 * f64::from(rank);
            let spread = rng.gen_range(-1.0..1.0) + rng.gen_range(-1.0..1.0);
            (centre + 5.0 * spread).clamp(lo, hi)
        };
        let days = (age_years * 365.25) as u64;
        let Some(birth) = plan.checked_sub_days(Days::new(days)) else {
            continue;
        };
        let left = remaining_service(birth, female, plan);
        let ok = if near {
            (6..=114).contains(&left)
        } else {
            left >= 126
        };
        if ok {
            return birth;
        }
        fallback.get_or_insert(birth);
    }
    // Deterministic fallbacks that satisfy the category.
    let years = if near {
        if female { 52 } else { 57 }
    } else {
        40
    };
    plan.checked_sub_months(Months::new(years * 12))
        .or(fallback)
        .unwrap_or(plan)
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

fn yaml_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How a generated scenario.yaml begins: `generate` writes over a folder whose scenario starts so.
pub const HEADER: &str = "# Synthetic scenario: ";

fn scenario_yaml(name: &str, opts: &GenOptions) -> String {
    format!(
        "# Synthetic scenario: {} cadres, {} posts, seed {}. Rule set, weights and targets are the defaults.\n\
         name: {}\n\
         plan_date: {}\n\
         tables:\n  units: units.csv\n  posts: posts.csv\n  cadres: cadres.csv\n\
         max_departures_per_unit: 2\n\
         solver:\n  time_limit_s: 60\n  relative_gap: 0.0001\n",
        opts.cadres,
        opts.posts,
        opts.seed,
        yaml_quote(name),
        opts.plan_date.format("%Y-%m-%d"),
    )
}

fn csv_string<const N: usize>(
    header: [&str; N],
    rows: impl Iterator<Item = [String; N]>,
) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(header).expect("writing to memory");
    for row in rows {
        w.write_record(&row).expect("writing to memory");
    }
    let bytes = w.into_inner().expect("writing to memory");
    String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
}

fn bool_str(b: bool) -> String {
    if b { "true".into() } else { "false".into() }
}

fn date_str(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn units_csv(units: &[GUnit]) -> String {
    csv_string(
        UNIT_HEADER,
        units.iter().map(|u| {
            [
                u.id.clone(),
                u.name.clone(),
                u.tier.as_str().into(),
                u.province.map(province_id).unwrap_or_default(),
                REGIONS[u.region].into(),
                u.shortage.to_string(),
                bool_str(u.difficult),
            ]
        }),
    )
}

fn posts_csv(posts: &[GPost], units: &[GUnit]) -> String {
    csv_string(
        POST_HEADER,
        posts.iter().map(|p| {
            [
                p.id.clone(),
                units[p.unit].id.clone(),
                p.title.clone(),
                p.rank.to_string(),
                p.sector.into(),
                p.role.as_str().into(),
                p.not_local.into(),
                p.function.unwrap_or("").into(),
                p.seats.to_string(),
                p.criticality.to_string(),
            ]
        }),
    )
}

fn cadres_csv(cadres: &[GCadre], units: &[GUnit]) -> String {
    csv_string(
        CADRE_HEADER,
        cadres.iter().map(|c| {
            let worked = c
                .worked_years
                .iter()
                .map(|(p, y)| format!("{}:{y}", province_id(*p)))
                .collect::<Vec<_>>()
                .join(";");
            let terms = c
                .head_terms
                .iter()
                .map(|(u, n)| format!("{}:{n}", units[*u].id))
                .collect::<Vec<_>>()
                .join(";");
            let mut rel: Vec<&str> = c.relatives.iter().map(|&r| cadres[r].id.as_str()).collect();
            rel.sort_unstable();
            [
                c.id.clone(),
                c.name.clone(),
                if c.female { "F".into() } else { "M".into() },
                c.birth_date.format("%Y-%m-%d").to_string(),
                c.birth_province.map(province_id).unwrap_or_default(),
                c.hometown_province.map(province_id).unwrap_or_default(),
                units[c.current_unit].id.clone(),
                c.current_role.as_str().into(),
                c.current_rank.to_string(),
                c.sector.into(),
                c.planned_titles.join(";"),
                bool_str(c.outstanding),
                c.rating.to_string(),
                date_str(c.health_cert_date),
                date_str(c.rotation_end),
                worked,
                terms,
                rel.join(";"),
                bool_str(c.ethnic_minority),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};
    use std::time::Instant;

    fn opts(cadres: usize, posts: usize, seed: u64) -> GenOptions {
        GenOptions {
            cadres,
            posts,
            seed,
            plan_date: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            name: None,
        }
    }

    struct Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    }

    impl Table {
        fn parse(text: &str) -> Table {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(true)
                .from_reader(text.as_bytes());
            let header = r.headers().unwrap().iter().map(String::from).collect();
            let rows = r
                .records()
                .map(|rec| rec.unwrap().iter().map(String::from).collect())
                .collect();
            Table { header, rows }
        }
        fn col(&self, name: &str) -> usize {
            self.header
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("no column {name}"))
        }
        fn values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a str> + 'a {
            let c = self.col(name);
            self.rows.iter().map(move |r| r[c].as_str())
        }
    }

    struct Gen {
        yaml: String,
        units: Table,
        posts: Table,
        cadres: Table,
    }

    fn gen_tables(o: &GenOptions) -> Gen {
        let files = generate(o);
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            ["scenario.yaml", "units.csv", "posts.csv", "cadres.csv"]
        );
        Gen {
            yaml: files[0].contents.clone(),
            units: Table::parse(&files[1].contents),
            posts: Table::parse(&files[2].contents),
            cadres: Table::parse(&files[3].contents),
        }
    }

    fn split_list(s: &str) -> impl Iterator<Item = &str> {
        s.split(';').map(str::trim).filter(|x| !x.is_empty())
    }

    fn key_values(s: &str) -> Vec<(&str, f64)> {
        split_list(s)
            .map(|kv| {
                let (k, v) = kv.split_once(':').expect("key:value");
                (k, v.parse::<f64>().expect("number"))
            })
            .collect()
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date {s:?}"))
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let a = generate(&opts(300, 100, 7));
        let b = generate(&opts(300, 100, 7));
        assert_eq!(a, b);
        let c = generate(&opts(300, 100, 8));
        for (x, y) in a.iter().zip(&c).skip(1) {
            assert_ne!(
                x.contents, y.contents,
                "{} did not change with the seed",
                x.name
            );
        }
    }

    #[test]
    fn row_counts_follow_the_options() {
        for (c, p) in [
            (240, 80),
            (1000, 37),
            (5, 300),
            (0, 0),
            (1, 1),
            (4, 0),
            (0, 3),
        ] {
            let g = gen_tables(&opts(c, p, 1));
            assert_eq!(g.cadres.rows.len(), c);
            assert_eq!(g.posts.rows.len(), p);
            assert!(g.units.rows.len() >= 3);
            assert!(g.units.rows.len().abs_diff(p.div_ceil(4).max(3)) <= 1);
        }
    }

    #[test]
    fn headers_are_exactly_the_documented_columns() {
        let g = gen_tables(&opts(50, 20, 3));
        assert_eq!(
            g.units.header.join(","),
            "id,name,tier,province,region,shortage,difficult"
        );
        assert_eq!(
            g.posts.header.join(","),
            "id,unit,title,rank,sector,role,not_local,function,seats,criticality"
        );
        assert_eq!(
            g.cadres.header.join(","),
            "id,name,sex,birth_date,birth_province,hometown_province,current_unit,current_role,\
             current_rank,sector,planned_titles,outstanding,rating,health_cert_date,rotation_end,\
             worked_years,head_terms,relatives,ethnic_minority"
        );
    }

    #[test]
    fn ids_are_unique_and_references_resolve() {
        for (c, p, seed) in [(2000, 700, 11), (240, 80, 12), (3, 1, 13)] {
            let g = gen_tables(&opts(c, p, seed));
            fn unique(t: &Table) -> BTreeSet<&str> {
                let ids: BTreeSet<&str> = t.values("id").collect();
                assert_eq!(ids.len(), t.rows.len(), "duplicate ids");
                ids
            }
            let units = unique(&g.units);
            unique(&g.posts);
            let cadres = unique(&g.cadres);
            for u in g.posts.values("unit") {
                assert!(units.contains(u), "post unit {u}");
            }
            for u in g.cadres.values("current_unit") {
                assert!(units.contains(u), "current unit {u}");
            }
            let ids = g.cadres.values("id").collect::<Vec<_>>();
            for (me, rel) in ids.iter().zip(g.cadres.values("relatives")) {
                for r in split_list(rel) {
                    assert!(cadres.contains(r) && r != *me, "relative {r} of {me}");
                }
            }
            for terms in g.cadres.values("head_terms") {
                for (u, n) in key_values(terms) {
                    assert!(units.contains(u) && n >= 1.0, "head_terms {terms}");
                }
            }
            // Provinces: every non-central unit has one of P01..P34, central units none.
            let provinces: BTreeSet<String> = (0..34).map(province_id).collect();
            let (tier, prov) = (g.units.col("tier"), g.units.col("province"));
            for row in &g.units.rows {
                match row[tier].as_str() {
                    "central" => assert!(row[prov].is_empty()),
                    "province" | "district" | "commune" => {
                        assert!(provinces.contains(&row[prov]))
                    }
                    t => panic!("tier {t}"),
                }
            }
            for col in ["birth_province", "hometown_province"] {
                for v in g.cadres.values(col).filter(|v| !v.is_empty()) {
                    assert!(provinces.contains(v), "{col} {v}");
                }
            }
            for w in g.cadres.values("worked_years") {
                for (p, _) in key_values(w) {
                    assert!(provinces.contains(p), "worked_years {w}");
                }
            }
        }
    }

    #[test]
    fn values_are_in_their_domains() {
        let plan = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let g = gen_tables(&opts(3000, 1000, 5));
        for r in g.units.values("region") {
            assert!(REGIONS.contains(&r));
        }
        for s in g.units.values("shortage") {
            assert!(matches!(s, "0" | "1" | "2" | "3"));
        }
        let (rank, tier_of_unit) = (g.posts.col("rank"), {
            let (id, tier) = (g.units.col("id"), g.units.col("tier"));
            g.units
                .rows
                .iter()
                .map(|r| (r[id].clone(), r[tier].clone()))
                .collect::<BTreeMap<_, _>>()
        });
        let unit_col = g.posts.col("unit");
        for row in &g.posts.rows {
            let r: i32 = row[rank].parse().unwrap();
            let range = match tier_of_unit[&row[unit_col]].as_str() {
                "commune" => 1..=3,
                "district" => 3..=5,
                "province" => 5..=8,
                _ => 7..=10,
            };
            assert!(range.contains(&r), "rank {r} in {}", row[unit_col]);
        }
        for v in g.posts.values("role") {
            assert!(matches!(v, "head" | "deputy" | "member"));
        }
        for v in g.posts.values("not_local") {
            assert!(matches!(v, "" | "true" | "false"));
        }
        for v in g.posts.values("function") {
            assert!(matches!(
                v,
                "" | "personnel" | "accounting" | "treasury" | "storekeeper"
            ));
        }
        for v in g.posts.values("seats") {
            assert!(matches!(v, "1" | "2"));
        }
        for v in g.posts.values("criticality") {
            assert!(matches!(v, "1" | "2" | "3" | "4" | "5"));
        }
        for v in g.cadres.values("sex") {
            assert!(matches!(v, "M" | "F"));
        }
        for v in g.cadres.values("birth_date") {
            let age = whole_months(date(v), plan) / 12;
            assert!((30..=62).contains(&age), "age {age}");
        }
        for v in g.cadres.values("current_rank") {
            assert!((1..=10).contains(&v.parse::<i32>().unwrap()));
        }
        for v in g.cadres.values("rating") {
            assert!(matches!(v, "1" | "2" | "3" | "4"));
        }
        for col in ["health_cert_date", "rotation_end"] {
            for v in g.cadres.values(col).filter(|v| !v.is_empty()) {
                date(v);
            }
        }
    }

    /// Titles the generator means to be not-local by title must be in the default list of
    /// `domain::DEFAULT_NOT_LOCAL_TITLES`.
    #[test]
    fn not_local_titles_are_in_the_default_list() {
        const DEFAULT_VI: &[&str] = crate::domain::DEFAULT_NOT_LOCAL_TITLES;
        let cat = kind_catalogue();
        for k in &cat.kinds {
            for t in &k.templates {
                let listed = DEFAULT_VI.contains(&t.title.as_str());
                assert_eq!(
                    listed,
                    t.not_local == NotLocal::ByTitle,
                    "{} in {}",
                    t.title,
                    k.name
                );
            }
        }
    }

    #[test]
    fn yaml_has_only_the_documented_keys() {
        let g = gen_tables(&opts(10, 4, 99));
        let keys: Vec<&str> = g
            .yaml
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with(' ') && !l.is_empty())
            .map(|l| l.split(':').next().unwrap())
            .collect();
        assert_eq!(
            keys,
            [
                "name",
                "plan_date",
                "tables",
                "max_departures_per_unit",
                "solver"
            ]
        );
        assert!(g.yaml.contains("name: \"Synthetic 10×4 seed 99\"\n"));
        assert!(g.yaml.contains("plan_date: 2027-01-01\n"));
        assert!(
            g.yaml
                .contains("  time_limit_s: 60\n  relative_gap: 0.0001\n")
        );
        let mut o = opts(1, 1, 1);
        o.name = Some("Tỉnh \"Mẫu\" \\ 2027".into());
        let y = &generate(&o)[0].contents;
        assert!(y.contains(r#"name: "Tỉnh \"Mẫu\" \\ 2027""#), "{y}");
    }

    #[test]
    fn retirement_follows_the_roadmap() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // Man born 15 Jan 1966: in 2027 the age is 61 y 9 m, reached in Oct 2027.
        assert_eq!(retirement_date(d(1966, 1, 15), false), d(2027, 10, 31));
        // Man born 10 Apr 1966: 61 y 9 m would fall in Jan 2028, where the age is 62 y: Apr 2028.
        assert_eq!(retirement_date(d(1966, 4, 10), false), d(2028, 4, 30));
        // Man born 1 Mar 1970: 62 y (cap since 2028): Mar 2032.
        assert_eq!(retirement_date(d(1970, 3, 1), false), d(2032, 3, 31));
        // Woman born 10 Jun 1970: in 2027 the age is 57 y 4 m, reached in Oct 2027.
        assert_eq!(retirement_date(d(1970, 6, 10), true), d(2027, 10, 31));
        // Woman born 20 Feb 1980: 60 y (cap since 2035): Feb 2040.
        assert_eq!(retirement_date(d(1980, 2, 20), true), d(2040, 2, 29));
        // Woman born 5 Sep 1972: 2030 age 58 y 4 m -> Jan 2031; 2031 age 58 y 8 m -> May 2031.
        assert_eq!(retirement_date(d(1972, 9, 5), true), d(2031, 5, 31));
        let plan = d(2027, 1, 1);
        assert_eq!(remaining_service(d(1966, 1, 15), false, plan), 9);
        assert_eq!(whole_months(plan, d(2036, 12, 31)), 119);
        assert_eq!(whole_months(plan, d(2037, 1, 1)), 120);
    }

    fn share(n: usize, of: usize) -> f64 {
        n as f64 / of.max(1) as f64
    }

    #[test]
    fn rule_pressure_is_roughly_as_designed() {
        let plan = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let g = gen_tables(&opts(20_000, 8_000, 2027));
        let c = &g.cadres;
        let n = c.rows.len();
        let col = |name| c.col(name);
        let count = |f: &dyn Fn(&Vec<String>) -> bool| c.rows.iter().filter(|r| f(r)).count();

        let unit_province: BTreeMap<String, String> = g
            .units
            .rows
            .iter()
            .map(|r| (r[0].clone(), r[g.units.col("province")].clone()))
            .collect();
        let checks: Vec<(&str, f64, f64, f64)> = vec![
            (
                "H1 not planned",
                share(count(&|r| r[col("planned_titles")].is_empty()), n),
                0.02,
                0.04,
            ),
            (
                "H2 < 120 months left",
                share(
                    count(&|r| {
                        let f = r[col("sex")] == "F";
                        remaining_service(date(&r[col("birth_date")]), f, plan) < 120
                    }),
                    n,
                ),
                0.065,
                0.095,
            ),
            (
                "H3 certificate > 6 months",
                share(
                    count(&|r| {
                        let h = &r[col("health_cert_date")];
                        !h.is_empty() && date(h) < plan.checked_sub_months(Months::new(6)).unwrap()
                    }),
                    n,
                ),
                0.04,
                0.06,
            ),
            (
                "H3 no certificate",
                share(count(&|r| r[col("health_cert_date")].is_empty()), n),
                0.01,
                0.03,
            ),
            (
                "H4 running rotation",
                share(
                    count(&|r| {
                        let e = &r[col("rotation_end")];
                        !e.is_empty() && date(e) > plan
                    }),
                    n,
                ),
                0.04,
                0.06,
            ),
            (
                "local by birth/hometown",
                share(
                    count(&|r| {
                        let p = &unit_province[&r[col("current_unit")]];
                        !p.is_empty()
                            && (r[col("birth_province")] == *p || r[col("hometown_province")] == *p)
                    }),
                    n,
                ),
                0.20,
                0.32,
            ),
            (
                "worked >= 20 years",
                share(
                    count(&|r| {
                        key_values(&r[col("worked_years")])
                            .iter()
                            .any(|kv| kv.1 >= 20.0)
                    }),
                    n,
                ),
                0.04,
                0.06,
            ),
            (
                "two terms as head of current unit",
                share(
                    count(&|r| {
                        key_values(&r[col("head_terms")])
                            .iter()
                            .any(|&(u, t)| u == r[col("current_unit")] && t >= 2.0)
                    }),
                    n,
                ),
                0.04,
                0.06,
            ),
            (
                "in a relative pair",
                {
                    let mut in_pair = BTreeSet::new();
                    for r in &c.rows {
                        for x in split_list(&r[col("relatives")]) {
                            in_pair.insert(x.to_string());
                            in_pair.insert(r[0].clone());
                        }
                    }
                    share(in_pair.len(), n)
                },
                0.015,
                0.025,
            ),
            (
                "women",
                share(count(&|r| r[col("sex")] == "F"), n),
                0.27,
                0.33,
            ),
            (
                "ethnic minority",
                share(count(&|r| r[col("ethnic_minority")] == "true"), n),
                0.08,
                0.16,
            ),
            (
                "outstanding",
                share(count(&|r| r[col("outstanding")] == "true"), n),
                0.08,
                0.12,
            ),
            (
                "rating 3",
                share(count(&|r| r[col("rating")] == "3"), n),
                0.5,
                0.6,
            ),
        ];
        let p = &g.posts;
        let pn = p.rows.len();
        let derived_nl = |r: &Vec<String>| {
            let v = &r[p.col("not_local")];
            v == "true"
                || (v.is_empty()
                    && kind_catalogue().kinds.iter().any(|k| {
                        k.templates.iter().any(|t| {
                            t.title == r[p.col("title")] && t.not_local == NotLocal::ByTitle
                        })
                    }))
        };
        let pcount = |f: &dyn Fn(&Vec<String>) -> bool| p.rows.iter().filter(|r| f(r)).count();
        let units_n = g.units.rows.len();
        let ucount =
            |f: &dyn Fn(&Vec<String>) -> bool| g.units.rows.iter().filter(|r| f(r)).count();
        let post_checks: Vec<(&str, f64, f64, f64)> = vec![
            (
                "posts not-local",
                share(pcount(&derived_nl), pn),
                0.11,
                0.19,
            ),
            (
                "posts not_local column empty but derived",
                share(
                    pcount(&|r| r[p.col("not_local")].is_empty() && derived_nl(r)),
                    pn,
                ),
                0.03,
                0.12,
            ),
            (
                "posts with a sensitive function",
                share(pcount(&|r| !r[p.col("function")].is_empty()), pn),
                0.07,
                0.14,
            ),
            (
                "posts must-fill",
                share(pcount(&|r| r[p.col("criticality")] == "5"), pn),
                0.08,
                0.12,
            ),
            (
                "posts with 2 seats",
                share(pcount(&|r| r[p.col("seats")] == "2"), pn),
                0.01,
                0.05,
            ),
            (
                "central units",
                share(ucount(&|r| r[g.units.col("tier")] == "central"), units_n),
                0.04,
                0.06,
            ),
            (
                "difficult units",
                share(ucount(&|r| r[g.units.col("difficult")] == "true"), units_n),
                0.15,
                0.25,
            ),
        ];
        let mut bad = Vec::new();
        for (what, got, lo, hi) in checks.into_iter().chain(post_checks) {
            println!("{what:45} {:5.1} %  (expected {lo}–{hi})", got * 100.0);
            if !(lo..=hi).contains(&got) {
                bad.push(what);
            }
        }
        assert!(bad.is_empty(), "out of range: {bad:?}");
    }

    /// What the hard rules leave, computed from the CSV text the way the planner reads it.
    struct Density {
        raw: u64,
        rank_compatible: u64,
        eligible: u64,
    }

    fn density(g: &Gen, plan: NaiveDate) -> Density {
        let u = &g.units;
        let unit_ix: BTreeMap<&str, usize> =
            u.values("id").enumerate().map(|(i, id)| (id, i)).collect();
        let unit_prov: Vec<&str> = u.values("province").collect();
        let nl_titles: BTreeSet<String> = kind_catalogue()
            .kinds
            .iter()
            .flat_map(|k| k.templates.iter())
            .filter(|t| t.not_local == NotLocal::ByTitle)
            .map(|t| t.title.clone())
            .collect();
        struct P {
            unit: usize,
            rank: i32,
            head: bool,
            not_local: bool,
            sensitive: bool,
        }
        let p = &g.posts;
        let posts: Vec<P> = p
            .rows
            .iter()
            .map(|r| {
                let nl = &r[p.col("not_local")];
                P {
                    unit: unit_ix[r[p.col("unit")].as_str()],
                    rank: r[p.col("rank")].parse().unwrap(),
                    head: r[p.col("role")] == "head",
                    not_local: nl == "true"
                        || (nl.is_empty() && nl_titles.contains(&r[p.col("title")])),
                    sensitive: !r[p.col("function")].is_empty(),
                }
            })
            .collect();
        let mut by_rank: Vec<Vec<usize>> = vec![Vec::new(); 12];
        for (i, post) in posts.iter().enumerate() {
            by_rank[post.rank as usize].push(i);
        }
        let c = &g.cadres;
        let ids: BTreeMap<&str, usize> =
            c.values("id").enumerate().map(|(i, id)| (id, i)).collect();
        // Leaders (head/deputy) per unit and symmetric relatives, for H10.
        let mut leader_units: Vec<Option<usize>> = vec![None; c.rows.len()];
        let mut relatives: Vec<Vec<usize>> = vec![Vec::new(); c.rows.len()];
        for (i, r) in c.rows.iter().enumerate() {
            if r[c.col("current_role")] != "member" {
                leader_units[i] = Some(unit_ix[r[c.col("current_unit")].as_str()]);
            }
            for x in split_list(&r[c.col("relatives")]) {
                relatives[i].push(ids[x]);
                relatives[ids[x]].push(i);
            }
        }
        let cert_limit = plan.checked_sub_months(Months::new(6)).unwrap();
        let mut d = Density {
            raw: (posts.len() * c.rows.len()) as u64,
            rank_compatible: 0,
            eligible: 0,
        };
        for (i, r) in c.rows.iter().enumerate() {
            let rank: i32 = r[c.col("current_rank")].parse().unwrap();
            let outstanding = r[c.col("outstanding")] == "true";
            let mut compatible: Vec<usize> = by_rank[rank as usize].clone();
            if outstanding && rank < 10 {
                compatible.extend(&by_rank[rank as usize + 1]);
            }
            d.rank_compatible += compatible.len() as u64;
            // Pair-independent rules.
            let h1 = !r[c.col("planned_titles")].is_empty();
            let cert = &r[c.col("health_cert_date")];
            let h3 = !cert.is_empty() && date(cert) >= cert_limit;
            let rot = &r[c.col("rotation_end")];
            let h4 = rot.is_empty() || date(rot) <= plan;
            if !(h1 && h3 && h4) {
                continue;
            }
            let cur = unit_ix[r[c.col("current_unit")].as_str()];
            let left =
                remaining_service(date(&r[c.col("birth_date")]), r[c.col("sex")] == "F", plan);
            let terms: Vec<(usize, f64)> = key_values(&r[c.col("head_terms")])
                .into_iter()
                .map(|(u, t)| (unit_ix[u], t))
                .collect();
            let two_terms_here = terms.iter().any(|&(u, t)| u == cur && t >= 2.0);
            let mut local: BTreeSet<&str> = BTreeSet::new();
            for col in ["birth_province", "hometown_province"] {
                if !r[c.col(col)].is_empty() {
                    local.insert(r[c.col(col)].as_str());
                }
            }
            for (prov, years) in key_values(&r[c.col("worked_years")]) {
                if years >= 20.0 {
                    local.insert(prov);
                }
            }
            for &pi in &compatible {
                let post = &posts[pi];
                let h5 = post.unit != cur;
                let min_left = if post.not_local || two_terms_here {
                    60
                } else {
                    120
                };
                let h2 = left >= min_left;
                let h8 = !post.not_local || !local.contains(unit_prov[post.unit]);
                let h9 = !post.head || !terms.iter().any(|&(u, t)| u == post.unit && t >= 2.0);
                let h10 = !post.sensitive
                    || !relatives[i]
                        .iter()
                        .any(|&k| leader_units[k] == Some(post.unit));
                if h5 && h2 && h8 && h9 && h10 {
                    d.eligible += 1;
                }
            }
        }
        d
    }

    /// Prints the density of rank-compatible and eligible pairs for the sizes of DOMAIN.md and
    /// the generation times (measured here, asserted nowhere).
    #[test]
    fn pair_density_report() {
        let plan = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        for (c, p) in [(240, 80), (2000, 700), (8000, 2700), (20_000, 8_000)] {
            let o = opts(c, p, 42);
            let t = Instant::now();
            let files = generate(&o);
            let took = t.elapsed();
            let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
            let g = gen_tables(&o);
            let d = density(&g, plan);
            println!(
                "{c:>6} cadres × {p:>5} posts: generated in {:>7.1} ms ({} KiB); raw pairs {}, \
                 rank-compatible {} ({:.1} %), eligible under H1–H10 {} ({:.1} %)",
                took.as_secs_f64() * 1000.0,
                bytes / 1024,
                d.raw,
                d.rank_compatible,
                100.0 * d.rank_compatible as f64 / d.raw as f64,
                d.eligible,
                100.0 * d.eligible as f64 / d.raw as f64,
            );
            assert!(d.eligible <= d.rank_compatible && d.rank_compatible <= d.raw);
            if c >= 2000 {
                // Most cadres and posts have a rank-compatible counterpart.
                assert!(d.rank_compatible as f64 / d.raw as f64 > 0.05);
            }
        }
    }

    #[test]
    fn rank_distribution_is_shared_by_posts_and_cadres() {
        let g = gen_tables(&opts(20_000, 8_000, 5));
        let hist = |t: &Table, col: &str| {
            let mut h = [0usize; 11];
            for v in t.values(col) {
                h[v.parse::<usize>().unwrap()] += 1;
            }
            h.map(|x| x as f64 / t.rows.len() as f64)
        };
        let hp = hist(&g.posts, "rank");
        let hc = hist(&g.cadres, "current_rank");
        let sum_sq: f64 = hp.iter().map(|x| x * x).sum();
        println!("post ranks   {hp:.3?}\ncadre ranks  {hc:.3?}\nΣp² = {sum_sq:.4}");
        for r in 1..=10 {
            assert!(
                (hp[r] - hc[r]).abs() < 0.03,
                "rank {r}: {} vs {}",
                hp[r],
                hc[r]
            );
        }
    }
}
