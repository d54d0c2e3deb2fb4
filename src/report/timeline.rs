//! timeline.svg: a programme's moves on one page — a lane per unit that receives or sends a cadre,
//! a column per period, and in each cell who arrives (on rotation, or placed after one) and who
//! leaves (on rotation, or at the end of a rotation: planned, or running from cadres.csv
//! `rotation_end`). Written by hand rather than with plotters: each chip and each unit name
//! carries its full text in an SVG `<title>` (what a browser shows on hover), which plotters'
//! SVG backend cannot write. Coordinates are whole pixels and the order is fixed (units in file
//! order, chips by kind then cadre), so the same programme gives the same bytes.

use super::catalogue::{Msg, fill, t};
use crate::domain::{CadreIx, Lang, Scenario, UnitIx};
use crate::programme::plan::ProgrammePlan;
use crate::programme::{MoveKind, running};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Width of the drawing: A4's printable width at 96 px an inch (186 mm ≈ 700 px); the SVG also
/// scales down to its container (`width="100%"` with a viewBox).
pub const WIDTH: u32 = 700;
const LABEL_W: u32 = 150;
const HEAD_H: u32 = 46;
/// A line of a chip's text, and the gap between two chips.
const CHIP_LINE_H: u32 = 10;
const CHIP_GAP: u32 = 3;
/// Lines of a chip at most: a Vietnamese full name with the cadre's id takes two in a column of
/// five periods; a name longer than three lines ends in "…" (its `<title>` has it whole).
const CHIP_LINES: usize = 3;
const LANE_PAD: u32 = 4;
const LEGEND_H: u32 = 58;
/// Characters of a unit's name on one line of its lane label, and lines at most.
const NAME_CHARS: usize = 22;
const NAME_LINES: usize = 3;
/// The average width of a character of the chips' 9 px text, in tenths of a pixel (DejaVu Sans,
/// Noto Sans: about 0.55 em).
const CHIP_CHAR_W10: u32 = 54;

/// What a chip in a cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Event {
    /// Arrives on rotation.
    RotationIn,
    /// Placed after a rotation.
    PlacementIn,
    /// Leaves on rotation.
    RotationOut,
    /// A rotation ends here (planned in the programme, or running from cadres.csv).
    RotationEnds,
}

impl Event {
    const ALL: [Event; 4] = [
        Event::RotationIn,
        Event::PlacementIn,
        Event::RotationOut,
        Event::RotationEnds,
    ];

    fn label(self, lang: Lang) -> &'static str {
        t(
            lang,
            match self {
                Event::RotationIn => Msg::TlRotationIn,
                Event::PlacementIn => Msg::TlPlacementIn,
                Event::RotationOut => Msg::TlRotationOut,
                Event::RotationEnds => Msg::TlRotationEnds,
            },
        )
    }

    /// (fill, stroke, text colour): arrivals filled, departures outlined.
    fn colours(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Event::RotationIn => ("#2b6cb0", "#2b6cb0", "#ffffff"),
            Event::PlacementIn => ("#2f855a", "#2f855a", "#ffffff"),
            Event::RotationOut => ("#ffffff", "#c05621", "#7b341e"),
            Event::RotationEnds => ("#ffffff", "#718096", "#2d3748"),
        }
    }
}

/// One chip: an event of a cadre in a unit and period, with the words of its `<title>`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Chip {
    pub event: Event,
    pub cadre: CadreIx,
    pub title: String,
}

/// The cells of the timeline: (unit, period) → chips, sorted.
pub fn cells(
    sc: &Scenario,
    plan: &ProgrammePlan,
    lang: Lang,
) -> BTreeMap<(UnitIx, usize), Vec<Chip>> {
    let mut out: BTreeMap<(UnitIx, usize), Vec<Chip>> = BTreeMap::new();
    let mut add = |u: UnitIx, period: usize, event, cadre: CadreIx, title: String| {
        out.entry((u, period)).or_default().push(Chip {
            event,
            cadre,
            title,
        });
    };
    let who = |c: CadreIx| format!("{} {}", sc.cadre(c).id, sc.cadre(c).name);
    let post_words = |p| {
        let post = sc.post(p);
        format!("{} ({}, {})", post.id, post.title, sc.post_unit(p).name)
    };
    let date = |k: usize| {
        plan.periods
            .get(k)
            .map_or(String::new(), |d| super::date_in(lang, *d))
    };
    let rotation_of: BTreeMap<CadreIx, (crate::domain::PostIx, usize)> = plan
        .moves
        .iter()
        .filter(|m| m.kind == MoveKind::Rotation)
        .map(|m| (m.cadre, (m.post, m.period)))
        .collect();
    for m in &plan.moves {
        let unit = sc.post(m.post).unit;
        let args_to = [
            ("cadre", who(m.cadre)),
            ("post", post_words(m.post)),
            ("date", date(m.period)),
        ];
        let args: Vec<(&str, &dyn std::fmt::Display)> =
            args_to.iter().map(|(k, v)| (*k, v as _)).collect();
        match m.kind {
            MoveKind::Rotation => {
                add(
                    unit,
                    m.period,
                    Event::RotationIn,
                    m.cadre,
                    fill(lang, Msg::TlChipRotationIn, &args),
                );
                if let Some(from) = sc.cadre(m.cadre).current_unit {
                    add(
                        from,
                        m.period,
                        Event::RotationOut,
                        m.cadre,
                        fill(lang, Msg::TlChipRotationOut, &args),
                    );
                }
            }
            MoveKind::Placement => {
                add(
                    unit,
                    m.period,
                    Event::PlacementIn,
                    m.cadre,
                    fill(lang, Msg::TlChipPlacementIn, &args),
                );
                // The rotation it ends: the programme's own, else the running one (cadres.csv).
                let from = match rotation_of.get(&m.cadre) {
                    Some(&(p, _)) => Some(sc.post(p).unit),
                    None => sc.cadre(m.cadre).current_unit,
                };
                if let Some(from) = from {
                    add(
                        from,
                        m.period,
                        Event::RotationEnds,
                        m.cadre,
                        fill(lang, Msg::TlChipRotationEnds, &args),
                    );
                }
            }
        }
    }
    // Running rotations that end inside the programme without a placement planned: their end.
    if let Some(prog) = sc.programme.as_ref() {
        for r in running(sc, prog) {
            let placed = plan
                .moves
                .iter()
                .any(|m| m.cadre == r.cadre && m.kind == MoveKind::Placement);
            if let (false, Some(u)) = (placed, sc.cadre(r.cadre).current_unit) {
                let title = fill(
                    lang,
                    Msg::TlChipRunningEnds,
                    &[
                        ("cadre", &who(r.cadre)),
                        ("date", &super::date_in(lang, r.end)),
                    ],
                );
                add(u, r.period, Event::RotationEnds, r.cadre, title);
            }
        }
    }
    for chips in out.values_mut() {
        chips.sort();
    }
    out
}

fn esc(s: &str) -> String {
    super::committee::esc(s)
}

/// `s` cut to `max` characters with an ellipsis.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let head: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", head.trim_end())
    }
}

/// A unit's name in at most [`NAME_LINES`] lines of [`NAME_CHARS`] ([`wrap_to`]).
fn wrap(name: &str) -> Vec<String> {
    wrap_to(name, NAME_CHARS, NAME_LINES)
}

/// `name` in at most `max_lines` lines of `chars`, broken between words (a word longer than a
/// line is cut), the last line ending in "…" when the name does not fit.
fn wrap_to(name: &str, chars: usize, max_lines: usize) -> Vec<String> {
    let chars = chars.max(2);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in name.split_whitespace() {
        let len = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && len > chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    let cut_off = lines.len() > max_lines;
    lines.truncate(max_lines);
    let n = lines.len();
    for (k, l) in lines.iter_mut().enumerate() {
        if k + 1 == n && cut_off {
            *l = cut(&format!("{l} …"), chars);
            if !l.ends_with('…') {
                l.push('…');
            }
        } else {
            *l = cut(l, chars);
        }
    }
    lines
}

/// The lines of a chip's text: the mark, the cadre's id and full name, wrapped to the chip's
/// width `w` (px).
fn chip_lines(sc: &Scenario, chip: &Chip, w: u32) -> Vec<String> {
    let mark = match chip.event {
        Event::RotationIn | Event::PlacementIn => "→",
        Event::RotationOut | Event::RotationEnds => "←",
    };
    let cadre = sc.cadre(chip.cadre);
    let chars = (w.saturating_sub(6) * 10 / CHIP_CHAR_W10) as usize;
    wrap_to(
        &format!("{mark} {} {}", cadre.id, cadre.name),
        chars,
        CHIP_LINES,
    )
}

/// The height of a chip of `lines` lines, the gap below it included.
fn chip_h(lines: usize) -> u32 {
    CHIP_LINE_H * lines.max(1) as u32 + 2 + CHIP_GAP
}

/// timeline.svg of a programme, its labels in `lang`.
pub fn timeline_svg(sc: &Scenario, plan: &ProgrammePlan, lang: Lang) -> String {
    let cells = cells(sc, plan, lang);
    let n_t = plan.periods.len().max(1) as u32;
    let col_w = (WIDTH - LABEL_W) / n_t;
    let mut units: Vec<UnitIx> = cells.keys().map(|k| k.0).collect();
    units.dedup();
    let chip_w = col_w.saturating_sub(6);
    let lines: BTreeMap<(UnitIx, usize), Vec<Vec<String>>> = cells
        .iter()
        .map(|(k, chips)| {
            (
                *k,
                chips.iter().map(|c| chip_lines(sc, c, chip_w)).collect(),
            )
        })
        .collect();
    let lane_h = |u: UnitIx| {
        let most = (0..n_t as usize)
            .map(|k| {
                lines
                    .get(&(u, k))
                    .map_or(0, |v| v.iter().map(|l| chip_h(l.len())).sum::<u32>())
            })
            .max()
            .unwrap_or(0);
        let label = wrap(&sc.unit(u).name).len().max(1) as u32 * 12 + 4;
        most.max(label) + 2 * LANE_PAD
    };
    let body_h: u32 = units.iter().map(|&u| lane_h(u)).sum::<u32>().max(20);
    let height = HEAD_H + body_h + LEGEND_H;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"100%\" viewBox=\"0 0 {WIDTH} {height}\" \
         font-family=\"'Noto Sans', 'DejaVu Sans', Arial, sans-serif\" role=\"img\" xml:lang=\"{}\">\n<title>{}</title>\n",
        lang.as_str(),
        esc(&fill(lang, Msg::TlTitle, &[("scenario", &sc.name)]))
    );
    let _ = writeln!(
        s,
        "<rect x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"{height}\" fill=\"#ffffff\"/>"
    );
    // Header: the unit column, then each period with its date.
    let _ = writeln!(
        s,
        "<text x=\"4\" y=\"{}\" font-size=\"11\" font-weight=\"bold\" fill=\"#222\">{}</text>",
        HEAD_H - 10,
        esc(t(lang, Msg::TlUnit))
    );
    for (k, d) in plan.periods.iter().enumerate() {
        let x = LABEL_W + col_w * k as u32;
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"16\" font-size=\"11\" font-weight=\"bold\" fill=\"#222\">{}</text>\n\
             <text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#444\">{}</text>\n\
             <line x1=\"{x}\" y1=\"4\" x2=\"{x}\" y2=\"{}\" stroke=\"#bbb\" stroke-width=\"1\"/>",
            x + 4,
            esc(&fill(lang, Msg::TlPeriod, &[("n", &(k + 1))])),
            x + 4,
            HEAD_H - 10,
            super::date_in(lang, *d),
            HEAD_H + body_h
        );
    }
    // Lanes.
    let mut y = HEAD_H;
    for (i, &u) in units.iter().enumerate() {
        let h = lane_h(u);
        if i % 2 == 0 {
            let _ = writeln!(
                s,
                "<rect x=\"0\" y=\"{y}\" width=\"{WIDTH}\" height=\"{h}\" fill=\"#f4f6f8\"/>"
            );
        }
        let unit = sc.unit(u);
        let full = format!("{} — {}", unit.id, unit.name);
        let _ = write!(s, "<g class=\"unit\"><title>{}</title>", esc(&full));
        for (k, line) in wrap(&unit.name).iter().enumerate() {
            let _ = write!(
                s,
                "<text x=\"4\" y=\"{}\" font-size=\"10\" fill=\"#222\">{}</text>",
                y + LANE_PAD + 10 + 12 * k as u32,
                esc(line)
            );
        }
        s.push_str("</g>\n");
        for k in 0..n_t as usize {
            let x = LABEL_W + col_w * k as u32 + 3;
            let w = chip_w;
            let texts = lines.get(&(u, k));
            let mut cy = y + LANE_PAD;
            for (j, chip) in cells.get(&(u, k)).map_or(&[][..], |v| v).iter().enumerate() {
                let text = texts.and_then(|t| t.get(j)).map_or(&[][..], |v| &v[..]);
                let (fill_c, stroke, ink) = chip.event.colours();
                let _ = write!(
                    s,
                    "<g class=\"chip\"><title>{}</title><rect x=\"{x}\" y=\"{cy}\" width=\"{w}\" height=\"{}\" rx=\"2\" fill=\"{fill_c}\" stroke=\"{stroke}\" stroke-width=\"1\"/>",
                    esc(&chip.title),
                    chip_h(text.len()) - CHIP_GAP,
                );
                for (i, line) in text.iter().enumerate() {
                    let _ = write!(
                        s,
                        "<text x=\"{}\" y=\"{}\" font-size=\"9\" fill=\"{ink}\">{}</text>",
                        x + 3,
                        cy + 9 + CHIP_LINE_H * i as u32,
                        esc(line)
                    );
                }
                s.push_str("</g>\n");
                cy += chip_h(text.len());
            }
        }
        y += h;
    }
    if units.is_empty() {
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#444\">{}</text>",
            LABEL_W + 4,
            HEAD_H + 14,
            esc(t(lang, Msg::TlNoMoves))
        );
    }
    // Legend: two rows of two.
    let ly = HEAD_H + body_h + 8;
    for (i, e) in Event::ALL.into_iter().enumerate() {
        let (fill_c, stroke, _) = e.colours();
        let (x, y) = (4 + (WIDTH / 2) * (i as u32 % 2), ly + 14 * (i as u32 / 2));
        let _ = writeln!(
            s,
            "<rect x=\"{x}\" y=\"{y}\" width=\"14\" height=\"10\" rx=\"2\" fill=\"{fill_c}\" stroke=\"{stroke}\" stroke-width=\"1\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#222\">{}</text>",
            x + 18,
            y + 9,
            esc(e.label(lang))
        );
    }
    let _ = writeln!(
        s,
        "<text x=\"4\" y=\"{}\" font-size=\"9\" fill=\"#555\">{}</text>",
        ly + 44,
        esc(t(lang, Msg::TlHover))
    );
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_wrap_on_three_lines_and_end_in_an_ellipsis() {
        assert_eq!(wrap("Bộ Tài chính"), vec!["Bộ Tài chính"]);
        let long = "Ban Tuyên giáo và Dân vận Tỉnh ủy Lâm Sơn và các cơ quan tham mưu";
        let lines = wrap(&format!("{long} và các đơn vị sự nghiệp trực thuộc"));
        assert_eq!(lines.len(), NAME_LINES);
        assert!(
            lines.iter().all(|l| l.chars().count() <= NAME_CHARS),
            "{lines:?}"
        );
        assert!(lines[NAME_LINES - 1].ends_with('…'), "{lines:?}");
        // A unit name of three lines is whole.
        assert!(!wrap(long).concat().contains('…'), "{:?}", wrap(long));
        // One word longer than a line is cut, not spilled.
        let one = wrap(&"x".repeat(40));
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].chars().count(), NAME_CHARS);
    }

    /// Issue 13: a Vietnamese full name with its id is whole on a chip of a five-period column.
    #[test]
    fn a_vietnamese_full_name_is_whole_on_a_chip_of_five_periods() {
        let w = (WIDTH - LABEL_W) / 5 - 6;
        let chars = (w.saturating_sub(6) * 10 / CHIP_CHAR_W10) as usize;
        let name = "→ C176 Nguyễn Thị Thanh Hương";
        let lines = wrap_to(name, chars, CHIP_LINES);
        assert_eq!(lines.join(" "), name, "{lines:?}");
        assert!(lines.len() <= 2, "{lines:?}");
    }
}
