//! The pages people open of a programme — programme.html with its timeline, review.html — rendered
//! by headless Chromium at A4 width: nothing wider than the page, no error while loading, every
//! character of the text covered by an installed font. Screenshots go to target/artifacts/.

use crate::committee::{chromium_or_skip, headless};
use crate::common::{root, rotaplan};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// A4 at 96 px an inch: 210 mm wide.
const A4_PX: u32 = 794;

/// A copy of `page` beside it with a probe: errors while loading (scripts, resources) are
/// recorded from the first moment, and after loading the body carries, as `data-probe`, the
/// page's scroll and client widths, the elements whose right edge passes the client width, and
/// every text the page shows (SVG text included).
fn probed(page: &Path) -> std::path::PathBuf {
    let html = fs::read_to_string(page).unwrap();
    let head = "<head>\n<script>window.__errors=[];\
        window.addEventListener('error',function(e){window.__errors.push(String(e.message||(e.target&&(e.target.src||e.target.href))||'error'));},true);</script>";
    let probe = "<script>window.addEventListener('load',function(){\
        var d=document.documentElement,cw=d.clientWidth,over=[];\
        document.querySelectorAll('body *').forEach(function(e){var r=e.getBoundingClientRect();\
        if(r.width>0&&r.right>cw+0.5)over.push(e.tagName+(e.getAttribute('class')?'.'+e.getAttribute('class'):''));});\
        var text=document.body.innerText;document.querySelectorAll('svg text, svg title, title').forEach(function(e){text+=' '+e.textContent;});\
        document.body.setAttribute('data-probe',JSON.stringify({scroll:d.scrollWidth,client:cw,over:over.slice(0,10),errors:window.__errors,text:text}));});</script>\n</body>";
    let out = page.with_extension("probe.html");
    fs::write(
        &out,
        html.replacen("<head>", head, 1)
            .replacen("</body>", probe, 1),
    )
    .unwrap();
    out
}

#[derive(serde::Deserialize)]
struct Probe {
    scroll: u32,
    client: u32,
    over: Vec<String>,
    errors: Vec<String>,
    text: String,
}

fn render(chromium: &Path, page: &Path) -> Probe {
    let dom = headless(
        chromium,
        &probed(page),
        &[
            format!("--window-size={A4_PX},1123"),
            "--virtual-time-budget=3000".into(),
            "--dump-dom".into(),
        ],
    );
    let start = dom.find("data-probe=\"").expect("the probe ran") + "data-probe=\"".len();
    let end = start + dom[start..].find('"').unwrap();
    let json = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap()
}

/// Characters of `text` (beyond ASCII) that no installed font covers, per fontconfig — the fonts
/// Chromium falls back on.
fn missing_glyphs(text: &str) -> Vec<char> {
    let chars: BTreeSet<char> = text
        .chars()
        .filter(|c| !c.is_ascii() && !c.is_whitespace())
        .collect();
    chars
        .into_iter()
        .filter(|c| {
            let o = std::process::Command::new("fc-list")
                .arg(format!(":charset={:x}", *c as u32))
                .arg("family")
                .output()
                .unwrap();
            o.stdout.is_empty()
        })
        .collect()
}

fn screenshot(chromium: &Path, page: &Path, name: &str) {
    let art = root().join("target").join("artifacts");
    fs::create_dir_all(&art).unwrap();
    let png = art.join(name);
    let _ = fs::remove_file(&png);
    headless(
        chromium,
        page,
        &[
            format!("--window-size={A4_PX},2400"),
            format!("--screenshot={}", png.display()),
        ],
    );
    assert!(fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn programme_pages_fit_a4_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prog");
    rotaplan()
        .args(["plan", "scenarios/programme/programme.yaml", "--out"])
        .arg(&out)
        .assert()
        .success();
    // The timeline is one drawing, in its own file and in the page.
    let svg = fs::read_to_string(out.join("timeline.svg")).unwrap();
    let page = fs::read_to_string(out.join("programme.html")).unwrap();
    assert!(
        page.contains(svg.trim_end()),
        "programme.html embeds timeline.svg"
    );
    assert!(page.contains("@page { size: A4"));
    // The status, objective, bound and gap of programme.json, and a row of KPIs per period.
    let j: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("programme.json")).unwrap()).unwrap();
    let total = j["objective"]["total"].as_f64().unwrap();
    assert!(
        page.contains(&format!("<p>status: optimal, objective {total}, bound ")),
        "{page}"
    );
    let kpis = &page[page.find("<table class=\"figures kpis\">").unwrap()..];
    let kpis = &kpis[..kpis.find("</table>").unwrap()];
    assert_eq!(
        kpis.matches("<tr>").count(),
        1 + j["periods"].as_array().unwrap().len()
    );
    // Which seats stay empty, not only how many: a post per vacant seat, listed on the page.
    for k in j["kpis"].as_array().unwrap() {
        let posts = k["vacant_posts"].as_array().unwrap();
        assert_eq!(
            posts.len() as u64,
            k["vacant_seats"].as_u64().unwrap(),
            "{k}"
        );
        for p in posts {
            assert!(page.contains(p.as_str().unwrap()), "{p} not on the page");
        }
    }
    assert!(page.contains("<ul class=\"vacant\">"));
    assert!(page.contains("<a href=\"review.html\">review.html</a>"));
    roxmltree::Document::parse(&svg).expect("timeline.svg is well-formed XML");
    // A lane per unit with its full name in <title>, the periods with their dates, the legend.
    assert!(svg.contains("<title>U01 — Ban Tổ chức Trung ương</title>"));
    for label in [
        "period 1",
        "2027-01-01",
        "2031-01-01",
        "arrives on rotation",
        "placed after rotation",
        "leaves on rotation",
        "rotation ends, leaves",
    ] {
        assert!(svg.contains(label), "{label} missing from the timeline");
    }
    // Every move of programme.csv is in the timeline: one chip where the cadre arrives.
    let csv = fs::read_to_string(out.join("programme.csv")).unwrap();
    let moves = csv.lines().count() - 1;
    let arrivals = svg.matches("class=\"chip\"><title>").count();
    assert!(arrivals >= moves, "{arrivals} chips for {moves} moves");
    // The review page: the figures and one chart per section.
    let review = fs::read_to_string(out.join("review.html")).unwrap();
    for label in [
        "By year",
        "By direction",
        "centre → locality",
        "After the rotation",
    ] {
        assert!(review.contains(label), "{label} missing from review.html");
    }
    assert!(review.matches("<svg").count() >= 6);
    // The same review from the command, in Vietnamese.
    let vi = dir.path().join("review-vi.html");
    rotaplan()
        .args([
            "--lang",
            "vi",
            "review",
            "scenarios/programme/programme.yaml",
        ])
        .arg(out.join("programme.csv"))
        .arg("--html")
        .arg(&vi)
        .assert()
        .success();
    let vi_page = fs::read_to_string(&vi).unwrap();
    assert!(vi_page.contains("<html lang=\"vi\">") && vi_page.contains("Theo hướng luân chuyển"));

    let Some(chromium) = chromium_or_skip("the programme pages") else {
        return;
    };
    for (page, shot) in [
        (out.join("programme.html"), "programme-a4.png"),
        (out.join("review.html"), "review-a4.png"),
        (vi.clone(), "review-vi-a4.png"),
    ] {
        let p = render(&chromium, &page);
        assert!(
            p.client > 0 && p.client <= A4_PX,
            "{}: {}",
            page.display(),
            p.client
        );
        assert!(
            p.scroll <= p.client && p.over.is_empty(),
            "{}: {} px wide in {} px; past the edge: {:?}",
            page.display(),
            p.scroll,
            p.client,
            p.over
        );
        assert!(p.errors.is_empty(), "{}: {:?}", page.display(), p.errors);
        assert!(p.text.contains("2027"), "the probe read the page's text");
        let missing = missing_glyphs(&p.text);
        assert!(
            missing.is_empty(),
            "{}: no font for {missing:?}",
            page.display()
        );
        screenshot(&chromium, &page, shot);
    }
}

/// The walkthrough of a Vietnamese office (issue 13): in the timeline every chip shows the cadre's
/// whole name (wrapped, not cut), the dates are dd/mm/yyyy, the hint stands below the legend; the
/// page's title does not say "chương trình luân chuyển" twice.
#[test]
fn programme_timeline_in_vietnamese_shows_whole_names() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("prog");
    rotaplan()
        .args([
            "-q",
            "--lang",
            "vi",
            "plan",
            "scenarios/programme/programme.yaml",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let svg = fs::read_to_string(out.join("timeline.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let chips: Vec<String> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("chip"))
        .map(|g| {
            g.children()
                .filter(|c| c.has_tag_name("text"))
                .filter_map(|c| c.text())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let csv = fs::read_to_string(out.join("programme.csv")).unwrap();
    let mut longest = 0;
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let who = format!("{} {}", f[0], f[1]);
        longest = longest.max(f[1].chars().count());
        assert!(
            chips.iter().any(|c| c.contains(&who)),
            "{who} is not whole on a chip"
        );
    }
    assert!(longest > 14, "a name longer than the old cut: {longest}");
    assert!(!chips.iter().any(|c| c.contains('…')), "a name cut");
    assert!(svg.contains("01/01/2027") && !svg.contains(">2027-01-01<"));
    // The hint below the legend's last row.
    let ys = |pred: &dyn Fn(&str) -> bool| -> Vec<f64> {
        doc.descendants()
            .filter(|n| n.has_tag_name("text") && n.text().is_some_and(pred))
            .map(|n| n.attribute("y").unwrap().parse().unwrap())
            .collect()
    };
    let hint = ys(&|t| t.starts_with("Trỏ chuột"));
    let legend = ys(&|t| t == "hết thời gian luân chuyển, rời đơn vị" || t == "đi luân chuyển");
    assert_eq!(hint.len(), 1);
    assert!(
        legend.iter().all(|y| hint[0] >= y + 14.0),
        "{hint:?} {legend:?}"
    );
    let page = fs::read_to_string(out.join("programme.html")).unwrap();
    let h1 = &page[page.find("<h1>").unwrap()..page.find("</h1>").unwrap()];
    assert_eq!(
        h1.to_lowercase()
            .matches("chương trình luân chuyển")
            .count(),
        1,
        "{h1}"
    );
    assert!(page.contains("<span class=\"d\">01/01/2027</span>"));
    let Some(chromium) = chromium_or_skip("the Vietnamese programme page") else {
        return;
    };
    let p = render(&chromium, &out.join("programme.html"));
    assert!(p.scroll <= p.client && p.over.is_empty(), "{:?}", p.over);
    screenshot(
        &chromium,
        &out.join("programme.html"),
        "programme-vi-a4.png",
    );
}
