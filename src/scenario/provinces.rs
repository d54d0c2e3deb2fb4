//! Vietnam's provinces: the 34 since 1 July 2025 (Resolution 202/2025/QH15) and the 63 before,
//! with ids (names without diacritics, `-` between words), names, and which of the 63 merged into
//! which of the 34. A province cell of a table is read against the scenario's own provinces (those
//! of units.csv) and this list: a name ("Lâm Sơn", "Lam Son", "Tỉnh Lâm Sơn") is resolved to the id
//! when exactly one province has it (W2001), anything else unknown is reported (W2002).

use crate::domain::text::fold;

/// One province: its id, its name, and for one of the 63 that no longer exists, the id of the
/// province of the 34 it merged into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Province {
    pub id: &'static str,
    pub name: &'static str,
    /// Exists since 1 July 2025 (one of the 34).
    pub current: bool,
    /// Existed before 1 July 2025 (one of the 63).
    pub before_2025: bool,
    /// For a province of the 63 merged into another on 1 July 2025: that province's id.
    pub merged_into: Option<&'static str>,
}

const fn p(
    id: &'static str,
    name: &'static str,
    current: bool,
    before_2025: bool,
    merged_into: Option<&'static str>,
) -> Province {
    Province {
        id,
        name,
        current,
        before_2025,
        merged_into,
    }
}

/// Unchanged, or the receiving province of a merge: in both lists.
const fn kept(id: &'static str, name: &'static str) -> Province {
    p(id, name, true, true, None)
}

/// One of the 63 merged into `into` on 1 July 2025.
const fn merged(id: &'static str, name: &'static str, into: &'static str) -> Province {
    p(id, name, false, true, Some(into))
}

/// The 34 provinces since 1 July 2025 and the 63 before (97 rows less the 33 in both = 64:
/// `hue` is the current name of `thua-thien-hue`).
pub const PROVINCES: &[Province] = &[
    // The 34 since 1 July 2025 (each also one of the 63, except Huế's new name).
    kept("ha-noi", "Hà Nội"),
    p("hue", "Huế", true, false, None),
    kept("lai-chau", "Lai Châu"),
    kept("dien-bien", "Điện Biên"),
    kept("son-la", "Sơn La"),
    kept("lang-son", "Lạng Sơn"),
    kept("quang-ninh", "Quảng Ninh"),
    kept("thanh-hoa", "Thanh Hóa"),
    kept("nghe-an", "Nghệ An"),
    kept("ha-tinh", "Hà Tĩnh"),
    kept("cao-bang", "Cao Bằng"),
    kept("tuyen-quang", "Tuyên Quang"),
    kept("lao-cai", "Lào Cai"),
    kept("thai-nguyen", "Thái Nguyên"),
    kept("phu-tho", "Phú Thọ"),
    kept("bac-ninh", "Bắc Ninh"),
    kept("hung-yen", "Hưng Yên"),
    kept("hai-phong", "Hải Phòng"),
    kept("ninh-binh", "Ninh Bình"),
    kept("quang-tri", "Quảng Trị"),
    kept("da-nang", "Đà Nẵng"),
    kept("quang-ngai", "Quảng Ngãi"),
    kept("gia-lai", "Gia Lai"),
    kept("khanh-hoa", "Khánh Hòa"),
    kept("lam-dong", "Lâm Đồng"),
    kept("dak-lak", "Đắk Lắk"),
    kept("ho-chi-minh", "Hồ Chí Minh"),
    kept("dong-nai", "Đồng Nai"),
    kept("tay-ninh", "Tây Ninh"),
    kept("can-tho", "Cần Thơ"),
    kept("vinh-long", "Vĩnh Long"),
    kept("dong-thap", "Đồng Tháp"),
    kept("ca-mau", "Cà Mau"),
    kept("an-giang", "An Giang"),
    // Before 1 July 2025 only.
    merged("thua-thien-hue", "Thừa Thiên Huế", "hue"),
    merged("ha-giang", "Hà Giang", "tuyen-quang"),
    merged("yen-bai", "Yên Bái", "lao-cai"),
    merged("bac-kan", "Bắc Kạn", "thai-nguyen"),
    merged("vinh-phuc", "Vĩnh Phúc", "phu-tho"),
    merged("hoa-binh", "Hòa Bình", "phu-tho"),
    merged("bac-giang", "Bắc Giang", "bac-ninh"),
    merged("thai-binh", "Thái Bình", "hung-yen"),
    merged("hai-duong", "Hải Dương", "hai-phong"),
    merged("ha-nam", "Hà Nam", "ninh-binh"),
    merged("nam-dinh", "Nam Định", "ninh-binh"),
    merged("quang-binh", "Quảng Bình", "quang-tri"),
    merged("quang-nam", "Quảng Nam", "da-nang"),
    merged("kon-tum", "Kon Tum", "quang-ngai"),
    merged("binh-dinh", "Bình Định", "gia-lai"),
    merged("ninh-thuan", "Ninh Thuận", "khanh-hoa"),
    merged("dak-nong", "Đắk Nông", "lam-dong"),
    merged("binh-thuan", "Bình Thuận", "lam-dong"),
    merged("phu-yen", "Phú Yên", "dak-lak"),
    merged("binh-duong", "Bình Dương", "ho-chi-minh"),
    merged("ba-ria-vung-tau", "Bà Rịa - Vũng Tàu", "ho-chi-minh"),
    merged("binh-phuoc", "Bình Phước", "dong-nai"),
    merged("long-an", "Long An", "tay-ninh"),
    merged("soc-trang", "Sóc Trăng", "can-tho"),
    merged("hau-giang", "Hậu Giang", "can-tho"),
    merged("ben-tre", "Bến Tre", "vinh-long"),
    merged("tra-vinh", "Trà Vinh", "vinh-long"),
    merged("tien-giang", "Tiền Giang", "dong-thap"),
    merged("bac-lieu", "Bạc Liêu", "ca-mau"),
    merged("kien-giang", "Kiên Giang", "an-giang"),
];

/// Other ways a province is written, by id: abbreviations and the "city" forms.
const ALIASES: &[(&str, &str)] = &[
    ("tp-hcm", "ho-chi-minh"),
    ("hcm", "ho-chi-minh"),
    ("tphcm", "ho-chi-minh"),
    ("sai-gon", "ho-chi-minh"),
    ("brvt", "ba-ria-vung-tau"),
    ("hn", "ha-noi"),
];

/// A province value without the words for "province"/"city" in front: "Tỉnh Lâm Sơn",
/// "TP. Hồ Chí Minh", "Thành phố Huế" → `lam-son`, `ho-chi-minh`, `hue`.
pub(crate) fn folded(value: &str) -> String {
    let f = fold(value);
    // "T. Lâm Sơn", "TP. Huế" as lists abbreviate them.
    for prefix in ["tinh-", "thanh-pho-", "tp-", "t-"] {
        if let Some(rest) = f.strip_prefix(prefix)
            && !rest.is_empty()
        {
            return rest.to_string();
        }
    }
    f
}

/// The province of the list with this id.
pub fn by_id(id: &str) -> Option<&'static Province> {
    PROVINCES.iter().find(|p| p.id == id)
}

/// The provinces of the list a value names (by id, name or alias, without diacritics).
pub(crate) fn named(value: &str) -> Vec<&'static Province> {
    let f = folded(value);
    let alias = ALIASES.iter().find(|(a, _)| *a == f).map(|(_, id)| *id);
    PROVINCES
        .iter()
        .filter(|p| p.id == f || Some(p.id) == alias || folded(p.name) == f)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_have_34_and_63() {
        assert_eq!(PROVINCES.iter().filter(|p| p.current).count(), 34);
        assert_eq!(
            PROVINCES
                .iter()
                .filter(|p| p.before_2025 && p.id != "hue")
                .count(),
            63
        );
        for p in PROVINCES {
            assert_eq!(folded(p.name), p.id, "{}", p.name);
            if let Some(into) = p.merged_into {
                assert!(by_id(into).is_some_and(|q| q.current), "{into}");
            }
        }
        let mut ids: Vec<&str> = PROVINCES.iter().map(|p| p.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), PROVINCES.len());
    }

    #[test]
    fn names_resolve() {
        assert_eq!(named("Hà Nội")[0].id, "ha-noi");
        assert_eq!(named("TP. Hồ Chí Minh")[0].id, "ho-chi-minh");
        assert_eq!(named("Tỉnh Thừa Thiên Huế")[0].id, "thua-thien-hue");
        assert_eq!(named("dak lak")[0].id, "dak-lak");
        assert_eq!(named("TP HCM")[0].id, "ho-chi-minh");
        assert!(named("Lâm Sơn").is_empty());
    }
}
