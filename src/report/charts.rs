//! Charts of the nightly batch's `summary.html`, drawn with `plotters` into inline SVG strings.
//!
//! Pure functions of plan data already read from the run folder's plan.json files (no solving
//! here). The SVG backend writes text as `<text>` elements (no font files) and escapes it, so names
//! from the users' tables are shown, never run; coordinates are whole pixels and every number is
//! formatted from integers, so the same input gives the same bytes.

use super::catalogue::{Msg, fill, t};
use crate::compare::PlanSummary;
use crate::domain::Lang;
use crate::domain::Tier;
use crate::plan::{Breakdown, Flow, Kpis, NO_UNIT, SHORTAGE_LEVELS};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::BTreeMap;

/// An SVG document made by this module: the only kind of markup `html_page_with_charts` inserts
/// unescaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Svg(String);

impl Svg {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Up to this many scenarios, the flow matrices are drawn per scenario; above, once for the sum.
pub const FLOW_MATRICES_PER_SCENARIO: usize = 4;

const FONT: &str = "sans-serif";
const ROW: u32 = 20;
const CAPTION: u32 = 26;
const AXIS: u32 = 22;
const PANEL_W: u32 = 190;
const FILLED: RGBColor = RGBColor(0x2b, 0x6c, 0xb0);
const REST: RGBColor = RGBColor(0xd5, 0xdd, 0xe6);
const MOVES: RGBColor = RGBColor(0xd0, 0x7a, 0x2b);
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const FAINT: RGBColor = RGBColor(0x99, 0x99, 0x99);

type Drawn = Result<(), DrawingAreaErrorKind<std::io::Error>>;
type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// The charts of a batch run, in the order shown: KPIs per scenario, posts by shortage level, then
/// the flow matrices between tiers and regions: per scenario up to
/// [`FLOW_MATRICES_PER_SCENARIO`] scenarios, else one pair for the sum over all of them.
pub fn batch(plans: &[(String, PlanSummary)], lang: Lang) -> Vec<Svg> {
    if plans.is_empty() {
        return Vec::new();
    }
    let kpis: Vec<(String, Kpis)> = plans
        .iter()
        .map(|(n, p)| (n.clone(), p.kpis.clone()))
        .collect();
    let breakdowns: Vec<(String, Breakdown)> = plans
        .iter()
        .map(|(n, p)| (n.clone(), p.breakdown.clone()))
        .collect();
    let mut out = vec![kpi_chart(&kpis, lang), shortage_chart(&breakdowns, lang)];
    if breakdowns.len() <= FLOW_MATRICES_PER_SCENARIO {
        for one in breakdowns.chunks(1) {
            out.push(tier_flows(one, lang));
            out.push(region_flows(one, lang));
        }
    } else {
        out.push(tier_flows(&breakdowns, lang));
        out.push(region_flows(&breakdowns, lang));
    }
    out
}

/// One bar of a row chart: the value, and the total it is a part of (drawn light behind), if any.
#[derive(Debug, Clone, Copy)]
struct Bar {
    value: usize,
    total: Option<usize>,
}

struct Panel {
    title: String,
    color: RGBColor,
    bars: Vec<Bar>,
}

/// Small multiples of horizontal bars: one row per scenario (names on the left), one panel per
/// KPI: posts filled of posts, must-fill posts filled of must-fill posts, posts in shortage units
/// (shortage ≥ 2) filled of them, and moves.
pub fn kpi_chart(plans: &[(String, Kpis)], lang: Lang) -> Svg {
    let panel = |title: Msg, color, f: &dyn Fn(&Kpis) -> Bar| Panel {
        title: t(lang, title).to_string(),
        color,
        bars: plans.iter().map(|(_, k)| f(k)).collect(),
    };
    let panels = [
        panel(Msg::ChartPostsFilled, FILLED, &|k| Bar {
            value: k.posts_filled,
            total: Some(k.posts),
        }),
        panel(Msg::ChartMustFillFilled, FILLED, &|k| Bar {
            value: k.must_fill_filled,
            total: Some(k.must_fill_posts),
        }),
        panel(Msg::ChartShortageFilled, FILLED, &|k| Bar {
            value: k.shortage_filled,
            total: Some(k.shortage_posts),
        }),
        panel(Msg::ChartMoves, MOVES, &|k| Bar {
            value: k.moves,
            total: None,
        }),
    ];
    row_chart(t(lang, Msg::ChartKpis), &names(plans), &panels)
}

/// One panel of horizontal bars, a row per `(name, value)`, each bar drawn on `total` (light)
/// when given, with `value/total` or `value` written: the review page's charts.
pub fn bars(title: &str, panel: &str, rows: &[(String, usize)], total: Option<usize>) -> Svg {
    let names: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let panel = Panel {
        title: panel.to_string(),
        color: FILLED,
        bars: rows.iter().map(|r| Bar { value: r.1, total }).collect(),
    };
    row_chart(title, &names, &[panel])
}

/// Posts filled by shortage level of their unit: one panel per level 0–3, a row per scenario, the
/// filled posts dark on all posts of that level light, with `filled/posts` written.
pub fn shortage_chart(plans: &[(String, Breakdown)], lang: Lang) -> Svg {
    let panels: Vec<Panel> = SHORTAGE_LEVELS
        .map(|level| Panel {
            title: fill(lang, Msg::ChartShortageLevel, &[("level", &level)]),
            color: FILLED,
            bars: plans
                .iter()
                .map(|(_, b)| {
                    let l = b.by_shortage.iter().find(|l| l.level == level);
                    Bar {
                        value: l.map_or(0, |l| l.filled),
                        total: Some(l.map_or(0, |l| l.posts)),
                    }
                })
                .collect(),
        })
        .collect();
    row_chart(t(lang, Msg::ChartByShortage), &names(plans), &panels)
}

/// Moves between tiers: rows the tier of the cadre's current unit (`none` without one), columns
/// the post's tier, the count in each cell; the sum over the plans given.
pub fn tier_flows(plans: &[(String, Breakdown)], lang: Lang) -> Svg {
    let tiers: Vec<String> = Tier::ALL.iter().map(|t| t.as_str().to_string()).collect();
    let mut rows = tiers.clone();
    rows.push(NO_UNIT.to_string());
    let flows: Vec<&Flow> = plans.iter().flat_map(|(_, b)| &b.tier_flows).collect();
    matrix(
        &fill(lang, Msg::ChartTierFlows, &[("whose", &whose(plans, lang))]),
        &rows,
        &tiers,
        &flows,
        lang,
    )
}

/// Moves between regions, as [`tier_flows`]: the regions that occur in the flows, sorted, the same
/// on both axes (the diagonal stays in its region), plus a `none` row when a moved cadre had no
/// current unit.
pub fn region_flows(plans: &[(String, Breakdown)], lang: Lang) -> Svg {
    let flows: Vec<&Flow> = plans.iter().flat_map(|(_, b)| &b.region_flows).collect();
    let mut regions: Vec<String> = flows
        .iter()
        .flat_map(|f| [&f.from, &f.to])
        .filter(|r| r.as_str() != NO_UNIT)
        .cloned()
        .collect();
    regions.sort();
    regions.dedup();
    let mut rows = regions.clone();
    if flows.iter().any(|f| f.from == NO_UNIT) {
        rows.push(NO_UNIT.to_string());
    }
    matrix(
        &fill(
            lang,
            Msg::ChartRegionFlows,
            &[("whose", &whose(plans, lang))],
        ),
        &rows,
        &regions,
        &flows,
        lang,
    )
}

fn names<T>(plans: &[(String, T)]) -> Vec<String> {
    plans.iter().map(|(n, _)| n.clone()).collect()
}

fn whose<T>(plans: &[(String, T)], lang: Lang) -> String {
    match plans {
        [(name, _)] => name.clone(),
        _ => fill(lang, Msg::ChartSumOver, &[("n", &plans.len())]),
    }
}

/// At most `max` characters: a longer text keeps its start and its end, with `…` between (sweep
/// variants differ at the end of their names).
fn short(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let head = (max - 1) / 2;
    let tail = max - 1 - head;
    let start: String = s.chars().take(head).collect();
    let end: String = s.chars().skip(n - tail).collect();
    format!("{start}…{end}")
}

/// Width in pixels of a label column for these labels (a rough 7 px a character).
fn label_width(labels: &[String], min: u32, max: u32) -> u32 {
    let chars = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as u32;
    (chars * 7 + 12).clamp(min, max)
}

fn text_style(size: u32, color: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    (FONT, size).into_font().color(color).pos(Pos::new(h, v))
}

/// Render with plotters into a string; an error (none is expected when writing to a string) leaves
/// an empty SVG rather than a broken page.
fn render(size: (u32, u32), draw: impl FnOnce(&Area) -> Drawn) -> Svg {
    let mut s = String::new();
    let ok = {
        let root = SVGBackend::with_string(&mut s, size).into_drawing_area();
        let drawn = root.fill(&WHITE).and_then(|_| draw(&root));
        drawn.and_then(|_| root.present()).is_ok()
    };
    if ok {
        Svg(s)
    } else {
        Svg(format!(
            "<svg width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\"></svg>",
            size.0, size.1
        ))
    }
}

const NAME_CHARS: usize = 56;

fn row_chart(title: &str, names: &[String], panels: &[Panel]) -> Svg {
    let names: Vec<String> = names.iter().map(|n| short(n, NAME_CHARS)).collect();
    let n = names.len().max(1);
    let name_w = label_width(&names, 80, 400);
    let width = name_w + PANEL_W * panels.len() as u32 + 10;
    let height = CAPTION + CAPTION + AXIS + ROW * n as u32 + 10;
    render((width, height), |root| {
        let (head, body) = root.split_vertically(CAPTION);
        head.draw(&Text::new(
            title.to_string(),
            (6, (CAPTION / 2) as i32),
            text_style(15, &INK, HPos::Left, VPos::Center),
        ))?;
        let (left, right) = body.split_horizontally(name_w);
        let areas = right.split_evenly((1, panels.len().max(1)));
        let mut row_y: Vec<i32> = Vec::new();
        for (area, panel) in areas.iter().zip(panels) {
            let most = panel
                .bars
                .iter()
                .map(|b| b.value.max(b.total.unwrap_or(0)))
                .max()
                .unwrap_or(0)
                .max(1);
            // Room right of the longest bar for its label.
            let x_max = (most + most / 3 + 1) as i32;
            let mut chart = ChartBuilder::on(area)
                .caption(panel.title.as_str(), (FONT, 13))
                .margin_right(12)
                .margin_bottom(4)
                .x_label_area_size(AXIS)
                .build_cartesian_2d(0..x_max, 0.0..n as f64)?;
            chart
                .configure_mesh()
                .disable_mesh()
                .y_labels(0)
                .x_labels(4)
                .x_label_style((FONT, 10))
                .draw()?;
            let top = |k: usize| (n - k) as f64;
            chart.draw_series(panel.bars.iter().enumerate().flat_map(|(k, b)| {
                let (y0, y1) = (top(k) - 0.8, top(k) - 0.2);
                let value = b.value as i32;
                let rest = b.total.map(|t| {
                    Rectangle::new([(value, y0), (t.max(b.value) as i32, y1)], REST.filled())
                });
                rest.into_iter().chain(std::iter::once(Rectangle::new(
                    [(0, y0), (value, y1)],
                    panel.color.filled(),
                )))
            }))?;
            chart.draw_series(panel.bars.iter().enumerate().map(|(k, b)| {
                let end = b.value.max(b.total.unwrap_or(0)) as i32;
                let label = match b.total {
                    Some(t) => format!("{}/{t}", b.value),
                    None => b.value.to_string(),
                };
                EmptyElement::at((end, top(k) - 0.5))
                    + Text::new(
                        label,
                        (4, 0),
                        text_style(11, &INK, HPos::Left, VPos::Center),
                    )
            }))?;
            if row_y.is_empty() {
                row_y = (0..names.len())
                    .map(|k| chart.backend_coord(&(0, top(k) - 0.5)).1)
                    .collect();
            }
        }
        for (name, y) in names.iter().zip(row_y) {
            left.draw(&Text::new(
                name.clone(),
                (name_w as i32 - 8, y - (CAPTION as i32)),
                text_style(12, &INK, HPos::Right, VPos::Center),
            ))?;
        }
        Ok(())
    })
}

const CELL_H: u32 = 30;
const REGION_CHARS: usize = 32;

/// A from × to matrix of move counts: cells shaded by their count, the count written in each.
/// An axis label of a flow matrix as people of `lang` read it: a tier's name, "no current unit"
/// for [`NO_UNIT`]; a region keeps the name the tables give it. English keeps the ids.
fn axis_label(lang: Lang, label: &str) -> String {
    if lang == Lang::En {
        return label.to_string();
    }
    let m = match label {
        NO_UNIT => Msg::CommitteeNoUnit,
        "central" => Msg::RvTierCentral,
        "province" => Msg::RvTierProvince,
        "district" => Msg::RvTierDistrict,
        "commune" => Msg::RvTierCommune,
        _ => return label.to_string(),
    };
    t(lang, m).to_string()
}

fn matrix(title: &str, rows: &[String], cols: &[String], flows: &[&Flow], lang: Lang) -> Svg {
    let mut count: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in flows {
        *count.entry((f.from.as_str(), f.to.as_str())).or_default() += f.cadres;
    }
    let most = count.values().copied().max().unwrap_or(0).max(1);
    let row_labels: Vec<String> = rows
        .iter()
        .map(|r| short(&axis_label(lang, r), REGION_CHARS))
        .collect();
    let col_labels: Vec<String> = cols
        .iter()
        .map(|c| short(&axis_label(lang, c), REGION_CHARS))
        .collect();
    let label_w = label_width(&row_labels, 70, 240);
    let cell_w = label_width(&col_labels, 64, 240);
    let (nr, nc) = (rows.len().max(1), cols.len().max(1));
    let head = CAPTION + 18 + ROW;
    let width = (label_w + cell_w * nc as u32 + 20).max(360);
    let height = head + CELL_H * nr as u32 + 12;
    render((width, height), |root| {
        root.draw(&Text::new(
            title.to_string(),
            (6, (CAPTION / 2) as i32),
            text_style(15, &INK, HPos::Left, VPos::Center),
        ))?;
        root.draw(&Text::new(
            t(lang, Msg::ChartFromTo),
            (label_w as i32 - 8, (CAPTION + 9) as i32),
            text_style(11, &FAINT, HPos::Right, VPos::Center),
        ))?;
        let area = root.margin(head, 12, label_w, width - label_w - cell_w * nc as u32);
        let mut chart =
            ChartBuilder::on(&area).build_cartesian_2d(0.0..nc as f64, 0.0..nr as f64)?;
        let top = |r: usize| (nr - r) as f64;
        let mut cells = Vec::new();
        let mut labels = Vec::new();
        for (r, from) in rows.iter().enumerate() {
            for (c, to) in cols.iter().enumerate() {
                let n = count
                    .get(&(from.as_str(), to.as_str()))
                    .copied()
                    .unwrap_or(0);
                let mut cell = Rectangle::new(
                    [(c as f64, top(r) - 1.0), (c as f64 + 1.0, top(r))],
                    shade(intensity(n, most)).filled(),
                );
                cell.set_margin(1, 1, 1, 1);
                cells.push(cell);
                let ink = if n == 0 {
                    FAINT
                } else if intensity(n, most) > 550 {
                    WHITE
                } else {
                    INK
                };
                labels.push(Text::new(
                    n.to_string(),
                    (c as f64 + 0.5, top(r) - 0.5),
                    text_style(13, &ink, HPos::Center, VPos::Center),
                ));
            }
        }
        chart.draw_series(cells)?;
        chart.draw_series(labels)?;
        for (c, label) in col_labels.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(c as f64 + 0.5, nr as f64));
            root.draw(&Text::new(
                label.clone(),
                (x, y - 6),
                text_style(12, &INK, HPos::Center, VPos::Bottom),
            ))?;
        }
        for (r, label) in row_labels.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(0.0, top(r) - 0.5));
            root.draw(&Text::new(
                label.clone(),
                (x - 8, y),
                text_style(12, &INK, HPos::Right, VPos::Center),
            ))?;
        }
        Ok(())
    })
}

/// How dark a cell of count `n` is, 0 (none) to 1000: a quarter at 1, all the way at `most`.
fn intensity(n: usize, most: usize) -> usize {
    match (n, most) {
        (0, _) => 0,
        (_, 0 | 1) => 1000,
        _ => (250 + 750 * (n - 1) / (most - 1)).min(1000),
    }
}

/// Light grey for 0, then lighter to darker blue (integer arithmetic: the same bytes on every
/// machine).
fn shade(t: usize) -> RGBColor {
    if t == 0 {
        return RGBColor(0xf4, 0xf4, 0xf4);
    }
    let mix = |light: usize, dark: usize| ((light * (1000 - t) + dark * t) / 1000) as u8;
    RGBColor(mix(0xe8, 0x1b), mix(0xf0, 0x4f), mix(0xfa, 0x8a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::ShortageLevel;

    const EVIL: &str = "evil <&>\" 'name'";

    fn flow(from: &str, to: &str, cadres: usize) -> Flow {
        Flow {
            from: from.into(),
            to: to.into(),
            cadres,
        }
    }

    fn breakdown(filled: [usize; 4], tier: Vec<Flow>, region: Vec<Flow>) -> Breakdown {
        Breakdown {
            by_shortage: (0..4)
                .map(|l| ShortageLevel {
                    level: l as u8,
                    posts: 2,
                    filled: filled[l],
                })
                .collect(),
            tier_flows: tier,
            region_flows: region,
        }
    }

    fn kpis(posts_filled: usize, moves: usize) -> Kpis {
        Kpis {
            posts: 8,
            posts_filled,
            must_fill_posts: 3,
            must_fill_filled: 2,
            shortage_posts: 4,
            shortage_filled: 1,
            moves,
            ..Default::default()
        }
    }

    fn plans() -> Vec<(String, PlanSummary)> {
        let a = PlanSummary {
            kpis: kpis(6, 7),
            breakdown: breakdown(
                [2, 1, 0, 2],
                vec![
                    flow("province", "central", 1),
                    flow("district", "commune", 4),
                    flow(NO_UNIT, "commune", 2),
                ],
                vec![flow("North", "North", 5), flow(NO_UNIT, "South <&>", 2)],
            ),
            ..Default::default()
        };
        let b = PlanSummary {
            kpis: kpis(5, 9),
            breakdown: breakdown(
                [1, 1, 1, 1],
                vec![flow("commune", "commune", 3)],
                vec![flow("South <&>", "North", 3)],
            ),
            ..Default::default()
        };
        vec![("base".into(), a), (EVIL.into(), b)]
    }

    fn kpi_input() -> Vec<(String, Kpis)> {
        plans().into_iter().map(|(n, p)| (n, p.kpis)).collect()
    }

    fn breakdowns() -> Vec<(String, Breakdown)> {
        plans().into_iter().map(|(n, p)| (n, p.breakdown)).collect()
    }

    /// The trimmed content of every `<text>`, in document order; panics unless the SVG is XML.
    fn texts(svg: &Svg) -> Vec<String> {
        let doc = roxmltree::Document::parse(svg.as_str())
            .unwrap_or_else(|e| panic!("not XML: {e}\n{}", svg.as_str()));
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or("").trim().to_string())
            .collect()
    }

    fn has(texts: &[String], want: &str) -> bool {
        texts.iter().any(|t| t == want)
    }

    #[test]
    fn kpi_chart_names_every_scenario_and_writes_the_values() {
        let svg = kpi_chart(&kpi_input(), Lang::En);
        let t = texts(&svg);
        for want in [
            "base",
            EVIL,
            "posts filled",
            "must-fill filled",
            "shortage ≥ 2 filled",
            "moves",
            "6/8",
            "5/8",
            "2/3",
            "1/4",
            "7",
            "9",
        ] {
            assert!(has(&t, want), "no <text> {want:?} in {t:?}");
        }
    }

    #[test]
    fn shortage_chart_has_a_panel_per_level_and_filled_of_posts() {
        let t = texts(&shortage_chart(&breakdowns(), Lang::En));
        for level in 0..4 {
            assert!(has(&t, &format!("shortage {level}")), "{t:?}");
        }
        assert!(has(&t, "base") && has(&t, EVIL));
        // Scenario a: 2, 1, 0, 2 of 2 posts; b: 1 of 2 everywhere.
        let bars: Vec<&String> = t.iter().filter(|x| x.ends_with("/2")).collect();
        assert_eq!(
            bars,
            ["2/2", "1/2", "1/2", "1/2", "0/2", "1/2", "2/2", "1/2"]
        );
    }

    #[test]
    fn tier_matrix_writes_every_cell_row_by_row() {
        let one = &breakdowns()[..1];
        let t = texts(&tier_flows(one, Lang::En));
        assert_eq!(t[0], "Moves between tiers — base");
        // 5 rows (central … commune, none) × 4 columns, after the title and the axis note.
        let cells: Vec<&str> = t[2..22].iter().map(String::as_str).collect();
        #[rustfmt::skip]
        let want = [
            "0", "0", "0", "0",
            "1", "0", "0", "0",
            "0", "0", "0", "4",
            "0", "0", "0", "0",
            "0", "0", "0", "2",
        ];
        assert_eq!(cells, want);
        for label in ["central", "province", "district", "commune", NO_UNIT] {
            assert!(has(&t, label), "{label} in {t:?}");
        }
        // Both scenarios: the sum (commune → commune 3 more).
        let t = texts(&tier_flows(&breakdowns(), Lang::En));
        assert_eq!(t[0], "Moves between tiers — sum over 2 scenarios");
        assert_eq!(t[2 + 3 * 4 + 3], "3");
        assert_eq!(t[2 + 2 * 4 + 3], "4");
    }

    #[test]
    fn matrices_in_vietnamese_name_tiers_and_the_unplaced_in_words() {
        let t = texts(&tier_flows(&breakdowns()[..1], Lang::Vi));
        assert_eq!(t[0], "Luân chuyển giữa các cấp — base");
        assert_eq!(t[1], "từ ↓  đến →");
        for label in [
            "Trung ương",
            "cấp tỉnh",
            "cấp huyện",
            "cấp xã",
            "đơn vị ngoài phạm vi phương án",
        ] {
            assert!(has(&t, label), "{label} in {t:?}");
        }
        for id in ["central", "province", "district", "commune", NO_UNIT] {
            assert!(!has(&t, id), "{id} in {t:?}");
        }
        // The same cells as in English: only the labels change.
        let en = texts(&tier_flows(&breakdowns()[..1], Lang::En));
        assert_eq!(t[2..22], en[2..22]);
        // Regions keep the names of the tables; the row of cadres without a unit is worded.
        let t = texts(&region_flows(&breakdowns(), Lang::Vi));
        assert!(
            has(&t, "North") && has(&t, "South <&>") && has(&t, "đơn vị ngoài phạm vi phương án")
        );
        assert!(!has(&t, NO_UNIT), "{t:?}");
    }

    #[test]
    fn region_matrix_uses_the_regions_seen_and_escapes_them() {
        let svg = region_flows(&breakdowns(), Lang::En);
        let t = texts(&svg);
        // Regions sorted, `none` row last: rows North, South <&>, none; columns North, South <&>.
        let cells: Vec<&str> = t[2..8].iter().map(String::as_str).collect();
        assert_eq!(cells, ["5", "0", "3", "0", "0", "2"]);
        assert!(has(&t, "North") && has(&t, "South <&>") && has(&t, NO_UNIT));
        assert!(svg.as_str().contains("South &lt;&amp;&gt;"));
    }

    #[test]
    fn a_hostile_name_is_text_not_markup() {
        let svg = kpi_chart(&kpi_input(), Lang::En);
        let raw = svg.as_str();
        assert!(!raw.contains(EVIL) && !raw.contains("<&>"), "{raw}");
        assert!(raw.contains("evil &lt;&amp;&gt;&quot; &apos;name&apos;"));
        let doc = roxmltree::Document::parse(raw).unwrap();
        let elements: Vec<&str> = doc
            .descendants()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name())
            .collect();
        assert!(
            elements
                .iter()
                .all(|e| matches!(*e, "svg" | "rect" | "text" | "polyline" | "line" | "path")),
            "{elements:?}"
        );
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let a: Vec<Svg> = batch(&plans(), Lang::En);
        let b: Vec<Svg> = batch(&plans(), Lang::En);
        assert_eq!(a, b);
        // Two scenarios: KPIs, shortage, then tiers and regions for each.
        assert_eq!(a.len(), 6);
        let many: Vec<(String, PlanSummary)> = (0..=FLOW_MATRICES_PER_SCENARIO)
            .map(|k| (format!("s{k}"), plans()[k % 2].1.clone()))
            .collect();
        let m = batch(&many, Lang::En);
        assert_eq!(m.len(), 4, "above the limit: one pair of matrices, summed");
        assert!(texts(&m[2])[0].ends_with("sum over 5 scenarios"));
        assert!(batch(&[], Lang::En).is_empty());
    }

    #[test]
    fn long_names_keep_their_start_and_end() {
        let long = format!("what-if/{}=3", "x".repeat(80));
        let s = short(&long, NAME_CHARS);
        assert_eq!(s.chars().count(), NAME_CHARS);
        assert!(s.starts_with("what-if/") && s.ends_with("x=3") && s.contains('…'));
        assert_eq!(short("abc", 5), "abc");
    }
}
