//! The CSV tables: a reader that checks the header and locates every cell, and the parsers of
//! `units.csv`, `posts.csv` and `cadres.csv` that validate each cell and resolve references.

use super::diagnostic::{Say, Text};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::diagnostic::{self as code, Diagnostic, Diags, quoted};
use super::provinces::{self, Province};
use super::text::{
    BOOL_EXPECTED, DateFormat, LooseDate, closest_id, closest_name, closest_title, date_parts,
    did_you_mean, loose_date, one_of, parse_bool, parse_date_as, parse_decimal, parse_int,
    split_list, split_pairs,
};
use crate::domain::text::{fold, invisible, key, normalize};
use crate::domain::{Cadre, CadreIx, Date, Function, Post, Role, RuleSet, Sex, Tier, Unit, UnitIx};

/// The largest rank (either sign) a table may write: ranks are grades of a few dozen at most, and
/// the rank arithmetic (H6's step up) must not overflow.
const MAX_RANK: i64 = 1_000_000;
/// The most characters a cell may hold: a spreadsheet cell's limit (Excel's 32,767), so that
/// every table read can be written back into plan.xlsx.
const MAX_CELL_CHARS: usize = 32_767;
/// The most seats a post may have: sums of seats over a plan (u32) must not overflow, whatever
/// the number of posts the row limit (1,000,000) allows.
const MAX_SEATS: i64 = 1_000;

/// A column of a table: its name and whether the header must have it.
pub(crate) type Column = (&'static str, bool);

pub(crate) const UNIT_COLUMNS: &[Column] = &[
    ("id", true),
    ("name", true),
    ("tier", true),
    ("province", false),
    ("region", true),
    ("shortage", true),
    ("difficult", false),
];

pub(crate) const POST_COLUMNS: &[Column] = &[
    ("id", true),
    ("unit", true),
    ("title", true),
    ("rank", true),
    ("sector", true),
    ("role", true),
    ("not_local", false),
    ("function", false),
    ("seats", false),
    ("criticality", true),
    ("holder_id", false),
    ("vacant_from", false),
];

pub(crate) const CADRE_COLUMNS: &[Column] = &[
    ("id", true),
    ("name", true),
    ("name_prefix", false),
    ("sex", true),
    ("birth_date", true),
    ("birth_province", false),
    ("hometown_province", false),
    ("current_unit", false),
    ("current_role", false),
    ("current_rank", true),
    ("sector", true),
    ("planned_titles", true),
    ("outstanding", false),
    ("rating", true),
    ("health_cert_date", false),
    ("rotation_end", false),
    ("rotation_start", false),
    ("worked_years", false),
    ("head_terms", false),
    ("relatives", false),
    ("ethnic_minority", false),
    // Read only against the birth date (W2017): the birth date is what the rules read.
    ("age", false),
];

/// Vietnamese column headers accepted for the documented ones, written as [`fold`] writes them
/// (no diacritics, lower case, `_` between words): "Ngày sinh", "ngay_sinh" and "NGAY SINH" are all
/// `birth_date`. The documented names themselves are also accepted in any case and spacing.
pub(crate) type Alias = (&'static str, &'static str);

pub(crate) const UNIT_ALIASES: &[Alias] = &[
    ("ma", "id"),
    ("ma_don_vi", "id"),
    ("ten", "name"),
    ("ten_don_vi", "name"),
    ("cap", "tier"),
    ("tinh", "province"),
    ("tinh_thanh", "province"),
    ("vung", "region"),
    ("muc_thieu", "shortage"),
    ("muc_thieu_can_bo", "shortage"),
    ("vung_kho_khan", "difficult"),
    ("kho_khan", "difficult"),
];

pub(crate) const POST_ALIASES: &[Alias] = &[
    ("ma", "id"),
    ("ma_vi_tri", "id"),
    ("don_vi", "unit"),
    ("ma_don_vi", "unit"),
    ("chuc_danh", "title"),
    ("ten_chuc_danh", "title"),
    ("chuc_vu", "title"),
    ("ten_chuc_vu", "title"),
    ("bac", "rank"),
    ("cap_bac", "rank"),
    ("linh_vuc", "sector"),
    ("vai_tro", "role"),
    ("khong_phai_nguoi_dia_phuong", "not_local"),
    ("khong_la_nguoi_dia_phuong", "not_local"),
    ("chuc_nang", "function"),
    ("so_cho", "seats"),
    ("so_ghe", "seats"),
    ("muc_do_can_thiet", "criticality"),
    ("muc_uu_tien", "criticality"),
    ("nguoi_giu", "holder_id"),
    ("ma_nguoi_giu", "holder_id"),
    ("nguoi_dang_giu", "holder_id"),
    ("nguoi_giu_chuc_vu", "holder_id"),
    ("nguoi_dang_giu_chuc_vu", "holder_id"),
    ("nguoi_dang_dam_nhiem", "holder_id"),
    ("duong_nhiem", "holder_id"),
    ("can_bo_duong_nhiem", "holder_id"),
    ("ma_can_bo_duong_nhiem", "holder_id"),
    ("ma_can_bo", "holder_id"),
    ("trong_tu", "vacant_from"),
    ("ngay_trong", "vacant_from"),
    ("trong_tu_ngay", "vacant_from"),
    ("du_kien_trong", "vacant_from"),
    ("du_kien_trong_tu", "vacant_from"),
    ("ngay_du_kien_trong", "vacant_from"),
    ("thoi_diem_trong", "vacant_from"),
];

pub(crate) const CADRE_ALIASES: &[Alias] = &[
    ("ma", "id"),
    ("ma_can_bo", "id"),
    ("tuoi", "age"),
    ("tuoi_doi", "age"),
    // "Số hiệu cán bộ": the cadre's number (E2002 suggested "Họ tên cán bộ", the name).
    ("so_hieu_can_bo", "id"),
    ("so_hieu_cb", "id"),
    ("ho_ten", "name"),
    ("ho_va_ten", "name"),
    // The name in two columns, "Họ đệm" | "Tên" (or "Họ" | "Tên"): joined.
    ("ten", "name"),
    ("ho_dem", "name_prefix"),
    ("ho_lot", "name_prefix"),
    ("ho_va_dem", "name_prefix"),
    ("ho_va_ten_dem", "name_prefix"),
    ("ho", "name_prefix"),
    ("gioi_tinh", "sex"),
    ("ngay_sinh", "birth_date"),
    ("noi_sinh", "birth_province"),
    ("tinh_sinh", "birth_province"),
    ("que_quan", "hometown_province"),
    ("don_vi_hien_tai", "current_unit"),
    ("vai_tro_hien_tai", "current_role"),
    ("bac_hien_tai", "current_rank"),
    ("linh_vuc", "sector"),
    ("chuc_danh_quy_hoach", "planned_titles"),
    ("noi_troi", "outstanding"),
    ("xuat_sac", "outstanding"),
    ("xep_loai", "rating"),
    ("danh_gia", "rating"),
    ("ngay_kham_suc_khoe", "health_cert_date"),
    ("ngay_giay_kham_suc_khoe", "health_cert_date"),
    ("ket_thuc_luan_chuyen", "rotation_end"),
    ("bat_dau_luan_chuyen", "rotation_start"),
    ("so_nam_cong_tac", "worked_years"),
    ("nhiem_ky_dung_dau", "head_terms"),
    ("so_nhiem_ky_dung_dau", "head_terms"),
    ("nguoi_than", "relatives"),
    ("dan_toc_thieu_so", "ethnic_minority"),
    // As the usual personnel forms head them.
    ("ho_ten_can_bo", "name"),
    ("ho_va_ten_can_bo", "name"),
    ("ten_can_bo", "name"),
    ("ngay_thang_nam_sinh", "birth_date"),
    ("sinh_ngay", "birth_date"),
    ("nguyen_quan", "hometown_province"),
    ("don_vi", "current_unit"),
    ("don_vi_cong_tac", "current_unit"),
    ("co_quan_don_vi", "current_unit"),
    ("co_quan_cong_tac", "current_unit"),
    ("chuc_danh_duoc_quy_hoach", "planned_titles"),
    ("quy_hoach", "planned_titles"),
    ("quy_hoach_chuc_danh", "planned_titles"),
    ("dan_toc", "ethnic_minority"),
    // "Nam/Nữ", "Nam, nữ": one column holding "Nam" or "Nữ".
    ("nam_nu", "sex"),
    ("gioi_tinh_nam_nu", "sex"),
    ("ma_cb", "id"),
    ("danh_gia_xep_loai", "rating"),
    ("ket_qua_danh_gia_xep_loai", "rating"),
    ("ket_qua_xep_loai", "rating"),
    ("ngay_kham_sk", "health_cert_date"),
    ("luan_chuyen_den_ngay", "rotation_end"),
    ("dtts", "ethnic_minority"),
    // As offices head them (probed on real lists).
    ("ma_so", "id"),
    ("ma_so_can_bo", "id"),
    ("ho_va_ten_khai_sinh", "name"),
    ("ho_ten_khai_sinh", "name"),
    ("que", "hometown_province"),
    ("nganh", "sector"),
    ("linh_vuc_cong_tac", "sector"),
    ("nganh_linh_vuc", "sector"),
    ("bac_chuc_danh", "current_rank"),
    ("cap_bac_hien_tai", "current_rank"),
    ("can_bo_noi_troi", "outstanding"),
    ("nguoi_than_trong_co_quan", "relatives"),
    ("so_nhiem_ky_giu_chuc_vu_dung_dau", "head_terms"),
    ("so_nhiem_ky_dung_dau_don_vi", "head_terms"),
    ("co_quan", "current_unit"),
    ("noi_cong_tac", "current_unit"),
    ("ma_don_vi", "current_unit"),
    ("giay_kham_suc_khoe", "health_cert_date"),
    ("co_nang_luc_noi_troi", "outstanding"),
    ("gioi", "sex"),
    // Under a group "Luân chuyển" / "Xếp loại chất lượng" (a two-row header).
    ("luan_chuyen_tu_ngay", "rotation_start"),
    ("tu_ngay_luan_chuyen", "rotation_start"),
    ("den_ngay_luan_chuyen", "rotation_end"),
    ("ngay_bat_dau_luan_chuyen", "rotation_start"),
    ("ngay_ket_thuc_luan_chuyen", "rotation_end"),
    ("het_thoi_han_luan_chuyen", "rotation_end"),
    ("ngay_het_han_luan_chuyen", "rotation_end"),
    ("thoi_gian_ket_thuc_luan_chuyen", "rotation_end"),
    ("xep_loai_chat_luong", "rating"),
    ("danh_gia_xep_loai_chat_luong", "rating"),
];

/// Vietnamese headers of history.csv (`programme.history`, the executed moves).
pub(crate) const HISTORY_ALIASES: &[Alias] = &[
    ("ma_can_bo", "cadre_id"),
    ("ma_vi_tri", "post_id"),
    ("vi_tri", "post_id"),
    ("loai", "kind"),
    ("hinh_thuc", "kind"),
    ("bat_dau", "start"),
    ("ngay_bat_dau", "start"),
    ("tu_ngay", "start"),
    ("ket_thuc", "end"),
    ("ngay_ket_thuc", "end"),
    ("den_ngay", "end"),
    ("ho_ten", "cadre_name"),
    ("ho_va_ten", "cadre_name"),
    ("ma_don_vi", "unit_id"),
    ("ky", "period"),
    ("ghi_chu", "note"),
];

/// Vietnamese headers of a programme file read back (`programme.previous`, `check`).
pub(crate) const PROGRAMME_ALIASES: &[Alias] = &[
    ("ma_can_bo", "cadre_id"),
    ("ma_vi_tri", "post_id"),
    ("loai", "kind"),
    ("hinh_thuc", "kind"),
    ("ky", "period"),
    ("giai_doan", "period"),
];

/// Each alias of [`UNIT_ALIASES`], [`POST_ALIASES`], [`CADRE_ALIASES`], [`HISTORY_ALIASES`] and
/// [`PROGRAMME_ALIASES`] as an office writes it
/// (with its diacritics), for a "did you mean" that answers a Vietnamese header in Vietnamese.
/// A unit test checks that every alias has its words here and that they fold back to it.
const ALIAS_WORDS: &[Alias] = &[
    ("ma", "Mã"),
    ("ma_don_vi", "Mã đơn vị"),
    ("ten", "Tên"),
    ("ten_don_vi", "Tên đơn vị"),
    ("cap", "Cấp"),
    ("tinh", "Tỉnh"),
    ("tinh_thanh", "Tỉnh thành"),
    ("vung", "Vùng"),
    ("muc_thieu", "Mức thiếu"),
    ("muc_thieu_can_bo", "Mức thiếu cán bộ"),
    ("vung_kho_khan", "Vùng khó khăn"),
    ("kho_khan", "Khó khăn"),
    ("ma_vi_tri", "Mã vị trí"),
    ("don_vi", "Đơn vị"),
    ("chuc_danh", "Chức danh"),
    ("ten_chuc_danh", "Tên chức danh"),
    ("chuc_vu", "Chức vụ"),
    ("ten_chuc_vu", "Tên chức vụ"),
    ("bac", "Bậc"),
    ("cap_bac", "Cấp bậc"),
    ("linh_vuc", "Lĩnh vực"),
    ("vai_tro", "Vai trò"),
    ("khong_phai_nguoi_dia_phuong", "Không phải người địa phương"),
    ("khong_la_nguoi_dia_phuong", "Không là người địa phương"),
    ("chuc_nang", "Chức năng"),
    ("so_cho", "Số chỗ"),
    ("so_ghe", "Số ghế"),
    ("muc_do_can_thiet", "Mức độ cần thiết"),
    ("muc_uu_tien", "Mức ưu tiên"),
    ("nguoi_giu", "Người giữ"),
    ("nguoi_dang_giu", "Người đang giữ"),
    ("nguoi_giu_chuc_vu", "Người giữ chức vụ"),
    ("nguoi_dang_giu_chuc_vu", "Người đang giữ chức vụ"),
    ("nguoi_dang_dam_nhiem", "Người đang đảm nhiệm"),
    ("duong_nhiem", "Đương nhiệm"),
    ("can_bo_duong_nhiem", "Cán bộ đương nhiệm"),
    ("ma_can_bo_duong_nhiem", "Mã cán bộ đương nhiệm"),
    ("trong_tu_ngay", "Trống từ ngày"),
    ("du_kien_trong", "Dự kiến trống"),
    ("du_kien_trong_tu", "Dự kiến trống từ"),
    ("ngay_du_kien_trong", "Ngày dự kiến trống"),
    ("thoi_diem_trong", "Thời điểm trống"),
    ("tuoi", "Tuổi"),
    ("tuoi_doi", "Tuổi đời"),
    ("het_thoi_han_luan_chuyen", "Hết thời hạn luân chuyển"),
    ("ngay_het_han_luan_chuyen", "Ngày hết hạn luân chuyển"),
    (
        "thoi_gian_ket_thuc_luan_chuyen",
        "Thời gian kết thúc luân chuyển",
    ),
    ("vi_tri", "Vị trí"),
    ("ma_nguoi_giu", "Mã người giữ"),
    ("trong_tu", "Trống từ"),
    ("ngay_trong", "Ngày trống"),
    ("ma_can_bo", "Mã cán bộ"),
    ("ho_ten", "Họ tên"),
    ("ho_dem", "Họ đệm"),
    ("ho_lot", "Họ lót"),
    ("ho_va_dem", "Họ và đệm"),
    ("ho_va_ten_dem", "Họ và tên đệm"),
    ("ho", "Họ"),
    ("ho_va_ten", "Họ và tên"),
    ("ghi_chu", "Ghi chú"),
    ("gioi_tinh", "Giới tính"),
    ("ngay_sinh", "Ngày sinh"),
    ("noi_sinh", "Nơi sinh"),
    ("tinh_sinh", "Tỉnh sinh"),
    ("que_quan", "Quê quán"),
    ("don_vi_hien_tai", "Đơn vị hiện tại"),
    ("vai_tro_hien_tai", "Vai trò hiện tại"),
    ("bac_hien_tai", "Bậc hiện tại"),
    ("chuc_danh_quy_hoach", "Chức danh quy hoạch"),
    ("noi_troi", "Nổi trội"),
    ("xuat_sac", "Xuất sắc"),
    ("xep_loai", "Xếp loại"),
    ("danh_gia", "Đánh giá"),
    ("ngay_kham_suc_khoe", "Ngày khám sức khỏe"),
    ("ngay_giay_kham_suc_khoe", "Ngày giấy khám sức khỏe"),
    ("ket_thuc_luan_chuyen", "Kết thúc luân chuyển"),
    ("bat_dau_luan_chuyen", "Bắt đầu luân chuyển"),
    ("so_nam_cong_tac", "Số năm công tác"),
    ("nhiem_ky_dung_dau", "Nhiệm kỳ đứng đầu"),
    ("so_nhiem_ky_dung_dau", "Số nhiệm kỳ đứng đầu"),
    ("nguoi_than", "Người thân"),
    ("dan_toc_thieu_so", "Dân tộc thiểu số"),
    ("loai", "Loại"),
    ("hinh_thuc", "Hình thức"),
    ("bat_dau", "Bắt đầu"),
    ("ngay_bat_dau", "Ngày bắt đầu"),
    ("tu_ngay", "Từ ngày"),
    ("ket_thuc", "Kết thúc"),
    ("ngay_ket_thuc", "Ngày kết thúc"),
    ("den_ngay", "Đến ngày"),
    ("ky", "Kỳ"),
    ("giai_doan", "Giai đoạn"),
    ("ho_ten_can_bo", "Họ tên cán bộ"),
    ("ho_va_ten_can_bo", "Họ và tên cán bộ"),
    ("ten_can_bo", "Tên cán bộ"),
    ("ngay_thang_nam_sinh", "Ngày tháng năm sinh"),
    ("sinh_ngay", "Sinh ngày"),
    ("nguyen_quan", "Nguyên quán"),
    ("don_vi_cong_tac", "Đơn vị công tác"),
    ("co_quan_don_vi", "Cơ quan, đơn vị"),
    ("co_quan_cong_tac", "Cơ quan công tác"),
    ("chuc_danh_duoc_quy_hoach", "Chức danh được quy hoạch"),
    ("quy_hoach", "Quy hoạch"),
    ("quy_hoach_chuc_danh", "Quy hoạch chức danh"),
    ("dan_toc", "Dân tộc"),
    ("nam_nu", "Nam/Nữ"),
    ("gioi_tinh_nam_nu", "Giới tính (Nam/Nữ)"),
    ("ma_cb", "Mã CB"),
    ("so_hieu_can_bo", "Số hiệu cán bộ"),
    ("so_hieu_cb", "Số hiệu CB"),
    ("danh_gia_xep_loai", "Đánh giá, xếp loại"),
    ("ket_qua_danh_gia_xep_loai", "Kết quả đánh giá, xếp loại"),
    ("ket_qua_xep_loai", "Kết quả xếp loại"),
    ("ngay_kham_sk", "Ngày khám SK"),
    ("luan_chuyen_den_ngay", "Luân chuyển đến ngày"),
    ("dtts", "DTTS"),
    ("ma_so", "Mã số"),
    ("ma_so_can_bo", "Mã số cán bộ"),
    ("ho_va_ten_khai_sinh", "Họ và tên khai sinh"),
    ("ho_ten_khai_sinh", "Họ tên khai sinh"),
    ("que", "Quê"),
    ("nganh", "Ngành"),
    ("linh_vuc_cong_tac", "Lĩnh vực công tác"),
    ("nganh_linh_vuc", "Ngành, lĩnh vực"),
    ("bac_chuc_danh", "Bậc chức danh"),
    ("cap_bac_hien_tai", "Cấp bậc hiện tại"),
    ("can_bo_noi_troi", "Cán bộ nổi trội"),
    ("nguoi_than_trong_co_quan", "Người thân trong cơ quan"),
    (
        "so_nhiem_ky_giu_chuc_vu_dung_dau",
        "Số nhiệm kỳ giữ chức vụ đứng đầu",
    ),
    ("so_nhiem_ky_dung_dau_don_vi", "Số nhiệm kỳ đứng đầu đơn vị"),
    ("co_quan", "Cơ quan"),
    ("noi_cong_tac", "Nơi công tác"),
    ("giay_kham_suc_khoe", "Giấy khám sức khỏe"),
    ("co_nang_luc_noi_troi", "Có năng lực nổi trội"),
    ("gioi", "Giới"),
    ("luan_chuyen_tu_ngay", "Luân chuyển từ ngày"),
    ("tu_ngay_luan_chuyen", "Từ ngày luân chuyển"),
    ("den_ngay_luan_chuyen", "Đến ngày luân chuyển"),
    ("ngay_bat_dau_luan_chuyen", "Ngày bắt đầu luân chuyển"),
    ("ngay_ket_thuc_luan_chuyen", "Ngày kết thúc luân chuyển"),
    ("xep_loai_chat_luong", "Xếp loại chất lượng"),
    (
        "danh_gia_xep_loai_chat_luong",
        "Đánh giá, xếp loại chất lượng",
    ),
];

/// The header to suggest for an unknown header cell `col`: the nearest documented id, or — for a
/// header written with Vietnamese letters, or when no id is near — the nearest Vietnamese alias
/// as an office writes it ("Ngày sinhh" → "Ngày sinh"), compared folded (case, diacritics,
/// spaces). `None` when nothing is near.
fn suggest_column(col: &str, spec: &CsvSpec) -> Option<&'static str> {
    let ids = || spec.columns.iter().map(|(n, _)| *n);
    let folded = fold(col).replace('-', "_");
    // A misspelt header keeps its words: one of them differs at most ("Cơ quan công tác" is no
    // misspelling of "Thời gian công tác", a column of another meaning).
    let one_word_apart = |a: &str| {
        let (x, y): (Vec<&str>, Vec<&str>) = (folded.split('_').collect(), a.split('_').collect());
        x.len() != y.len() || x.iter().zip(&y).filter(|(p, q)| p != q).count() <= 1
    };
    let alias = || {
        closest_name(
            &folded,
            spec.aliases
                .iter()
                .map(|(a, _)| *a)
                .filter(|a| one_word_apart(a)),
        )
        .map(|a| {
            ALIAS_WORDS
                .iter()
                .find(|(f, _)| *f == a)
                .map_or(a, |(_, words)| *words)
        })
    };
    // A known column with a word added ("end_date", "start date", "cadre_id_new"): the known
    // column whose name is the longest first word(s) of it.
    let prefix = || {
        ids()
            .filter(|n| {
                folded
                    .strip_prefix(n)
                    .is_some_and(|rest| rest.starts_with('_'))
            })
            .max_by_key(|n| n.len())
    };
    if col.is_ascii() {
        closest_name(col, ids()).or_else(prefix).or_else(alias)
    } else {
        alias()
            .or_else(|| closest_name(&folded, ids()))
            .or_else(prefix)
    }
}

/// "a column \"name\"", and the Vietnamese headers read for it (at most three): a list headed in
/// Vietnamese is missing "Họ tên", not `name`.
fn column_expected(col: &str, spec: &CsvSpec) -> Text {
    let mut words: Vec<&str> = spec
        .aliases
        .iter()
        .filter(|(_, to)| *to == col)
        .filter_map(|(a, _)| ALIAS_WORDS.iter().find(|(f, _)| f == a).map(|(_, w)| *w))
        .collect();
    words.dedup();
    words.truncate(3);
    if words.is_empty() {
        Text::say(Say::AColumn).arg("col", format!("{col:?}"))
    } else {
        Text::say(Say::AColumnOrVietnamese)
            .arg("col", format!("{col:?}"))
            .arg("words", words.join(", "))
    }
}

/// A header row as the file writes it, for a message: the cells joined by the file's own
/// separator (`,` or `;`; ` | ` for tabs and workbook sheets) and, when long, cut after the last
/// whole cell that fits, with `…`.
fn header_shown(header: &[String], sep: Option<u8>) -> String {
    const MAX: usize = 200;
    let joint = match sep {
        Some(b',') => ",",
        Some(b';') => ";",
        _ => " | ",
    };
    let mut out = String::new();
    for (i, cell) in header.iter().enumerate() {
        let piece = if i == 0 {
            cell.clone()
        } else {
            format!("{joint}{cell}")
        };
        if i > 0 && out.chars().count() + piece.chars().count() > MAX {
            out += joint;
            out.push('…');
            return out;
        }
        out += &piece;
    }
    out
}

/// The documented column a header cell names: itself, or through an alias.
/// The year a header ends with ("Xếp loại năm 2025" → 2025; "giai đoạn 2026-2031" → 2031).
/// The term a header ends with ("… nhiệm kỳ 2026-2031", "giai đoạn 2026 - 2031"): its first
/// and last year.
fn header_term(header: &str) -> Option<(u32, u32)> {
    let folded = fold(header);
    let mut years = folded.rsplit('-').take(2).map(|w| {
        (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse::<u32>().ok())
            .flatten()
    });
    let (last, first) = (years.next()??, years.next()??);
    (first <= last).then_some((first, last))
}

fn header_year(header: &str) -> Option<u32> {
    let folded = fold(header);
    let last = folded.rsplit('-').next()?;
    (last.len() == 4 && last.bytes().all(|b| b.is_ascii_digit()))
        .then(|| last.parse().ok())
        .flatten()
}

pub(crate) fn canonical_column(header: &str, spec: &CsvSpec) -> Option<&'static str> {
    if let Some((n, _)) = spec.columns.iter().find(|(n, _)| *n == header) {
        return Some(n);
    }
    let folded = fold(header).replace('-', "_");
    if let Some((n, _)) = spec.columns.iter().find(|(n, _)| **n == folded) {
        return Some(n);
    }
    if let Some((_, n)) = spec.aliases.iter().find(|(a, _)| *a == folded) {
        return Some(n);
    }
    // A year or term after the name ("Xếp loại năm 2025", "Chức danh quy hoạch giai đoạn
    // 2026-2031"), or "hiện nay" ("Đơn vị công tác hiện nay").
    let years = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let words: Vec<&str> = folded.split('_').collect();
    let mut end = words.len();
    while end > 1 && years(words[end - 1]) {
        end -= 1;
    }
    if end < words.len() && end > 1 && matches!(words[end - 1], "nam" | "ky" | "doan") {
        end -= if words[end - 1] == "nam" { 1 } else { 2 };
    } else if end == words.len() && end > 2 && words[end - 2..] == ["hien", "nay"] {
        end -= 2;
    }
    if end < words.len() && end > 0 {
        let short = words[..end].join("_");
        if let Some((_, n)) = spec.aliases.iter().find(|(a, _)| *a == short) {
            return Some(n);
        }
    }
    // A form's hint after the name: "Ngày sinh (dd/mm/yyyy)", "Giới tính (Nam/Nữ)".
    match header.split_once('(') {
        Some((name, _)) if !name.trim().is_empty() => canonical_column(name.trim(), spec),
        _ => None,
    }
}

/// Vietnam's 53 ethnic minorities as [`fold`] writes them without separators, with their other
/// usual spellings (Khơ-me/Khmer, H'Mông/Mèo, Gia Rai/Jrai, Bru - Vân Kiều, …).
const ETHNIC_MINORITIES: &[&str] = &[
    "tay",
    "thai",
    "muong",
    "khome",
    "khmer",
    "hoa",
    "nung",
    "mong",
    "hmong",
    "meo",
    "dao",
    "giarai",
    "jrai",
    "ede",
    "bana",
    "sanchay",
    "caolan",
    "sanchi",
    "cham",
    "coho",
    "xodang",
    "sandiu",
    "hre",
    "raglai",
    "raglay",
    "kho",
    "man",
    "mnong",
    "tho",
    "xtieng",
    "stieng",
    "khomu",
    "bruvankieu",
    "bru",
    "vankieu",
    "cotu",
    "giay",
    "taoi",
    "pako",
    "ma",
    "gietrieng",
    "co",
    "choro",
    "xinhmun",
    "hanhi",
    "churu",
    "lao",
    "lachi",
    "khang",
    "phula",
    "lahu",
    "laha",
    "pathen",
    "lu",
    "ngai",
    "chut",
    "lolo",
    "mang",
    "colao",
    "boy",
    "cong",
    "sila",
    "pupeo",
    "romam",
    "brau",
    "odu",
];

/// The date a whole number of 4 or 5 digits stands for as Excel counts days (from 1899-12-30, or
/// from 1904-01-01 in a workbook of the 1904 date system; 1910–2099): what a date column
/// formatted General shows.
fn excel_serial(s: &str, date1904: bool) -> Option<Date> {
    let n: i64 = s
        .trim()
        .parse()
        .ok()
        .filter(|_| s.trim().bytes().all(|b| b.is_ascii_digit()))?;
    let origin = if date1904 {
        Date::from_ymd_opt(1904, 1, 1)
    } else {
        Date::from_ymd_opt(1899, 12, 30)
    };
    let d = origin?.checked_add_days(chrono::Days::new(n as u64))?;
    (1910..=2099)
        .contains(&chrono::Datelike::year(&d))
        .then_some(d)
}

/// A personnel form's header over two rows (merged cells): a group's name above ("Giới tính",
/// "Địa chỉ", "Ngày, tháng, năm sinh") and its columns below ("Nam" | "Nữ", "Nơi sinh" |
/// "Quê quán"), the other names merged down the two rows (their text in the first). The second
/// row is taken into the header when each of its filled cells names a column (or is Nam/Nữ) and
/// one of them sits under a group (an empty cell or a name that is no column): the header is then
/// each column's lower name, else its upper one. "Nam" | "Nữ" under the sex, where a mark says
/// which, become the `sex` column (M or F); under the birth date, where the date is written in
/// the column of the cadre's sex, they become `birth_date` and `sex`. The columns keep their
/// places, so every message still names the cell as the sheet shows it. Returns the lines of the
/// two header rows when it merged them.
fn two_row_header(mut records: Records, spec: &CsvSpec) -> TwoRows {
    let (Some(top), Some(low)) = (records.first(), records.get(1)) else {
        return (records, None, Vec::new());
    };
    let Some((mut header, group)) = header_below(&top.1, &low.1, spec) else {
        return (records, None, Vec::new());
    };
    let n = header.len();
    let lines = (records[0].0, records[1].0);
    records.remove(1);
    let mut moved = Vec::new();
    // Nam | Nữ side by side under one group.
    let mark = |i: usize, want: &str| fold(&header[i]) == want;
    if let Some(m) = (0..n.saturating_sub(1)).find(|&i| mark(i, "nam") && mark(i + 1, "nu")) {
        let f = m + 1;
        let what = canonical_column(&group[m], spec);
        let has_sex = header
            .iter()
            .enumerate()
            .any(|(i, h)| i != m && i != f && canonical_column(h, spec) == Some("sex"));
        let cell = |r: &Vec<String>, i: usize| r.get(i).cloned().unwrap_or_default();
        match what {
            // The table's own sex column decides; the marks are not read again.
            Some("sex") if has_sex => {
                header[m] = String::new();
                header[f] = String::new();
                for (_, r) in records.iter_mut().skip(1) {
                    r.resize(r.len().max(n), String::new());
                    r[m] = String::new();
                    r[f] = String::new();
                }
            }
            Some("sex") => {
                header[m] = "sex".into();
                header[f] = String::new();
                for (_, r) in records.iter_mut().skip(1) {
                    r.resize(r.len().max(n), String::new());
                    let (male, female) = (!r[m].is_empty(), !r[f].is_empty());
                    r[m] = match (male, female) {
                        (true, false) => "M".into(),
                        (false, true) => "F".into(),
                        // Both or neither marked: left empty, reported as a missing value.
                        _ => String::new(),
                    };
                    r[f] = String::new();
                }
            }
            Some("birth_date") => {
                header[m] = "birth_date".into();
                // With a sex column of its own, the table's decides.
                header[f] = if has_sex { String::new() } else { "sex".into() };
                for (line, r) in records.iter_mut().skip(1) {
                    r.resize(r.len().max(n), String::new());
                    let (male, female) = (cell(r, m), cell(r, f));
                    let (date, sex) = match (male.is_empty(), female.is_empty()) {
                        (false, true) => (male, "M"),
                        (true, false) => {
                            moved.push((*line, f, m));
                            (female, "F")
                        }
                        _ => (String::new(), ""),
                    };
                    r[m] = date;
                    r[f] = if has_sex { String::new() } else { sex.into() };
                }
            }
            _ => {}
        }
    }
    records[0].1 = header;
    (records, Some(lines), moved)
}

/// A form's single "Nữ" column — a mark (x, ✓, 1, có) for a woman, empty for a man — or "Nam"
/// the other way round, where the table has no sex column of its own: read as `sex` when the
/// cadres are ([`Cells::sex_of_marks`], after merged cells are filled); or a "Nam" and a "Nữ"
/// column, the marked one saying which. The header is compared with its diacritics: "Năm" (a
/// year) is no "Nam".
fn sex_mark_column(header: &[String], spec: &CsvSpec) -> Option<SexMarks> {
    if !spec.columns.iter().any(|(n, _)| *n == "sex")
        || header
            .iter()
            .any(|h| canonical_column(h, spec) == Some("sex"))
    {
        return None;
    }
    // "Nữ", "Nữ (x)", "Là nữ", "Giới tính nữ": the name before a hint, in lower case.
    let named = |h: &str| {
        let name = h.split_once('(').map_or(h, |(a, _)| a);
        let words: Vec<String> = crate::domain::text::normalize(name)
            .to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        match words.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            ["nữ"] | ["là", "nữ"] | ["nữ", "giới"] | ["giới", "tính", "nữ"] => {
                Some(true)
            }
            ["nam"] | ["là", "nam"] | ["nam", "giới"] | ["giới", "tính", "nam"] => {
                Some(false)
            }
            _ => None,
        }
    };
    let found: Vec<(usize, bool)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| named(h).map(|w| (i, w)))
        .collect();
    match found[..] {
        [(col, woman)] => Some(SexMarks {
            col,
            woman,
            men: None,
        }),
        // "Nam" | "Nữ" side by side under a one-row header: the marked one says which.
        [(a, wa), (b, wb)] if wa != wb => {
            let (women, men) = if wa { (a, b) } else { (b, a) };
            Some(SexMarks {
                col: women,
                woman: true,
                men: Some(men),
            })
        }
        _ => None,
    }
}

/// Where a table's sex is marked ([`sex_mark_column`]): the column read as `sex`, whether its
/// marks are women, and the men's column of a Nam | Nữ pair.
#[derive(Debug, Clone, Copy, PartialEq)]
struct SexMarks {
    col: usize,
    woman: bool,
    men: Option<usize>,
}

/// Whether `low`, the row under `top`, is the lower half of a two-row header
/// ([`two_row_header`]): each of its filled cells names a column, alone or with its group's name
/// ("Quy hoạch" over "Chức danh", the header then both), or is Nam/Nữ (in a Nam | Nữ
/// pair when it holds nothing else), and one sits under a group (an empty upper cell or a name
/// that is no column, STT and notes aside), and the upper row names a column itself. Returns the
/// merged names and each column's group.
fn header_below(
    top: &[String],
    low: &[String],
    spec: &CsvSpec,
) -> Option<(Vec<String>, Vec<String>)> {
    let sex_mark = |c: &str| matches!(fold(c).as_str(), "nam" | "nu");
    // The group over each column: the nearest name at or left of it in the upper row.
    let n = top.len().max(low.len());
    let mut group = vec![String::new(); n];
    let mut current = String::new();
    for (i, g) in group.iter_mut().enumerate() {
        match top.get(i) {
            Some(t) if !t.is_empty() => current = t.clone(),
            _ if low.get(i).is_none_or(|l| l.is_empty()) => current.clear(),
            _ => {}
        }
        *g = current.clone();
    }
    // A lower name that is a column only with its group's: "Chức danh" under "Quy hoạch", "Năm
    // 2025" under "Xếp loại", "Đến ngày" under "Luân chuyển", "Giai đoạn" (not read) under "Quy
    // hoạch". Returns the two read as one header, as they resolve.
    let with_group = |i: usize| -> Option<String> {
        // Words, or a year under a rating ("2025" under "Xếp loại"); a column's number "(1)",
        // or an id of a first data row, is no name.
        let l = low.get(i).filter(|l| !l.is_empty())?;
        let year = !l.chars().any(char::is_alphabetic);
        if year && !header_year(l).is_some_and(|y| (1990..=2100).contains(&y)) {
            return None;
        }
        let g = group.get(i).filter(|g| !g.is_empty() && *g != l)?;
        if canonical_column(l, spec).is_some() || sex_mark(l) {
            return None;
        }
        [format!("{g} {l}"), format!("{l} {g}")]
            .into_iter()
            .find(|c| match canonical_column(c, spec) {
                Some(col) => !year || col == "rating",
                None => !year && spec.strict && form_column(c),
            })
    };
    let names_a_column = |i: usize| {
        canonical_column(&low[i], spec).is_some() || sex_mark(&low[i]) || with_group(i).is_some()
    };
    // "Giới tính" above a single "Nữ" (or "Nam"): the sex's group over its one mark column.
    let under_sex = |i: usize| {
        low.get(i).is_some_and(|l| sex_mark(l))
            && top
                .get(i)
                .is_some_and(|t| canonical_column(t, spec) == Some("sex"))
    };
    let under_group = |i: usize| {
        under_sex(i)
            || with_group(i).is_some()
            || top.get(i).is_none_or(|t| {
                t.is_empty() || (canonical_column(t, spec).is_none() && !ignorable_column(t))
            })
    };
    let cells: Vec<usize> = (0..low.len()).filter(|&i| !low[i].is_empty()).collect();
    let pair = cells
        .windows(2)
        .any(|w| w[1] == w[0] + 1 && fold(&low[w[0]]) == "nam" && fold(&low[w[1]]) == "nu");
    // The upper row names a column itself: a title ("DANH SÁCH CÁN BỘ") above a one-row header
    // is no group row.
    if cells.is_empty()
        || !top.iter().any(|t| canonical_column(t, spec).is_some())
        || !cells.iter().all(|&i| names_a_column(i))
        || !cells.iter().any(|&i| under_group(i))
        || (cells.iter().all(|&i| sex_mark(&low[i]))
            && !pair
            && !cells.iter().any(|&i| under_sex(i)))
    {
        return None;
    }
    let header = (0..n)
        .map(|i| match low.get(i) {
            Some(l) if !l.is_empty() => with_group(i).unwrap_or_else(|| l.clone()),
            _ => top.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    Some((header, group))
}

/// [`two_row_header`]'s answer: the records, the two header lines when merged, and the cells it
/// moved (line, from column index, to column index).
type TwoRows = (Records, Option<(usize, usize)>, Vec<(usize, usize, usize)>);

/// E2021 at the first cell whose letters were typed in a legacy Vietnamese font, when at least two
/// cells of the table were (one foreign name with an "ñ" is no font); `None` otherwise. Such text
/// arrives as Unicode (a workbook keeps the font's bytes as Latin-1 letters, a CSV read as
/// Windows-1258 the same), so no decoding catches it, and read as it is no title, unit or name
/// matches: the table is refused.
fn legacy_font(
    file: &Path,
    name: &str,
    records: &[(usize, Vec<String>)],
    spec: &CsvSpec,
    col_offset: usize,
) -> Option<Diagnostic> {
    // The header's cells, and under it the columns that are read: a note column ("Ghi chú",
    // any column rotaplan does not read) may hold foreign words and is none of its business.
    let header = &records.first()?.1;
    let columns: Vec<Option<&str>> = header.iter().map(|h| canonical_column(h, spec)).collect();
    let hits = records.iter().enumerate().flat_map(|(r, (line, cells))| {
        let columns = &columns;
        cells.iter().enumerate().filter_map(move |(ix, c)| {
            let column = columns.get(ix).copied().flatten();
            if r > 0 && column.is_none() {
                return None;
            }
            // A title has no foreign letters: TCVN3's lower-case letters above 0xC0
            // ("Chñ tÞch") count there too.
            let title = r > 0 && matches!(column, Some("title" | "planned_titles"));
            let marks = super::text::legacy_font_marks(c)
                + if title {
                    super::text::latin1_in_words(c)
                } else {
                    0
                };
            (marks > 0).then_some((*line, ix, c, marks >= 3 && title))
        })
    });
    let all: Vec<(usize, usize, &String, bool)> = hits.collect();
    // Two different texts at least: one foreign name repeated is still one name. One title
    // alone with three such letters is no name ("Chñ tÞch UBND tØnh" pasted into one title).
    let distinct: std::collections::BTreeSet<&str> = all.iter().map(|h| h.2.as_str()).collect();
    let n = distinct.len();
    let &(line, ix, cell, _) = if n >= 2 {
        all.first()?
    } else {
        all.iter().find(|h| h.3)?
    };
    Some({
        Diagnostic::new(code::LEGACY_FONT_TEXT, file)
            .at(Some(line), Some(ix + 1 + col_offset))
            .field(name.to_string())
            .found(
                Text::say(Say::LegacyFontFound)
                    .arg("text", quoted(&shorten(cell)))
                    .arg("n", n),
            )
            .expected(Say::LegacyFontExpected)
            .fix(Say::LegacyFontFix)
    })
}

/// E2022 at the first cell where a "?" stands inside a word ("Nguy?n V?n", "??ng ?y"), when
/// two different cells have one: the file was saved in a code page without Vietnamese letters
/// (Excel's "CSV (Comma delimited)" on a Western Windows), each lost letter written "?". Read as
/// it is no title matches (H8 would miss "Bí th? ??ng ?y"): the table is refused.
fn letters_lost(
    file: &Path,
    name: &str,
    records: &[(usize, Vec<String>)],
    spec: &CsvSpec,
    col_offset: usize,
) -> Option<Diagnostic> {
    // A table holding letters no Western code page has was not saved in one: a "?" there is
    // the user's ("Bí thư??").
    if records.iter().any(|(_, cells)| {
        cells
            .iter()
            .any(|c| c.chars().any(super::text::unicode_vietnamese))
    }) {
        return None;
    }
    // The header and the columns read (a note or a link may hold a "?").
    let read: Vec<bool> = records
        .first()?
        .1
        .iter()
        .map(|h| canonical_column(h, spec).is_some())
        .collect();
    let lost = |c: &str| {
        let chars: Vec<char> = c.chars().collect();
        chars.iter().enumerate().any(|(i, &ch)| {
            let letter = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|c| c.is_alphabetic())
            };
            let mark = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|&c| c == '?');
            ch == '?'
                && ((letter(i.checked_sub(1)) && letter(Some(i + 1)))
                    || (mark(Some(i + 1)) && (letter(i.checked_sub(1)) || letter(Some(i + 2)))))
        })
    };
    let mut hits = records.iter().enumerate().flat_map(|(r, (line, cells))| {
        let read = &read;
        cells
            .iter()
            .enumerate()
            .filter(move |(ix, c)| (r == 0 || read.get(*ix).copied().unwrap_or(false)) && lost(c))
            .map(move |(ix, c)| (*line, ix, c.as_str()))
    });
    let (line, ix, cell) = hits.next()?;
    let mut distinct: std::collections::BTreeSet<&str> = hits.map(|(_, _, c)| c).collect();
    distinct.insert(cell);
    (distinct.len() >= 2).then(|| {
        Diagnostic::new(code::LETTERS_LOST, file)
            .at(Some(line), Some(ix + 1 + col_offset))
            .field(name.to_string())
            .found(
                Text::say(Say::LettersLostFound)
                    .arg("text", quoted(&shorten(cell)))
                    .arg("n", distinct.len()),
            )
            .expected(Say::LettersLostExpected)
            .fix(Say::LettersLostFix)
    })
}

/// Cells merged across columns in the table's rows (first row, last row, first column, last
/// column; 1-based sheet rows and columns): the value is in the first column, the others read
/// empty, so a read column among them loses what the sheet shows there (a birth province merged
/// over the home province). Said once for the sheet, with the ranges and the columns read empty.
pub(crate) fn merged_across_read(
    csv: &Csv,
    across: &[(usize, usize, usize, usize)],
    diags: &mut Diags,
) {
    const SHOWN: usize = 8;
    let name_of: HashMap<usize, &String> = csv.columns.iter().map(|(n, &ix)| (ix, n)).collect();
    let mut ranges: Vec<String> = Vec::new();
    let mut emptied: Vec<(usize, String)> = Vec::new();
    // Columns whose cells under a merge still hold a value (a file written by a tool, not by
    // Excel, which clears them): read with that hidden value, not empty.
    let mut hidden: Vec<(usize, String)> = Vec::new();
    let mut first: Option<(usize, usize, String)> = None;
    for &(top, bottom, from, to) in across {
        // Over records only: a section heading, a totals row or the form's foot merged across
        // the table is no record (`from_records` set them aside).
        if top <= csv.header_line || !csv.rows.iter().any(|r| (top..=bottom).contains(&r.line)) {
            continue;
        }
        let lost: Vec<(usize, &String)> = (from + 1..=to)
            .filter_map(|c| {
                let ix = c.checked_sub(1 + csv.col_offset)?;
                name_of.get(&ix).map(|n| (c, *n))
            })
            .collect();
        if lost.is_empty() {
            continue;
        }
        let (a, b) = (
            super::diagnostic::column_letters(from),
            super::diagnostic::column_letters(to),
        );
        ranges.push(format!("{a}{top}:{b}{bottom}"));
        if first.is_none() {
            first = Some((top, lost[0].0, lost[0].1.clone()));
        }
        for (c, n) in lost {
            let holds_value = csv
                .rows
                .iter()
                .filter(|r| (top..=bottom).contains(&r.line))
                .any(|r| csv.cell(r, n).is_some_and(|v| !v.is_empty()));
            let list = if holds_value {
                &mut hidden
            } else {
                &mut emptied
            };
            if !list.iter().any(|(_, e)| e == n) {
                list.push((c, n.clone()));
            }
        }
    }
    let Some((line, col, field)) = first else {
        return;
    };
    emptied.sort();
    hidden.sort();
    emptied.retain(|(_, n)| !hidden.iter().any(|(_, h)| h == n));
    let more = ranges.len().saturating_sub(SHOWN);
    let mut shown = ranges[..ranges.len().min(SHOWN)].join(", ");
    if more > 0 {
        shown += &format!(" … (+{more})");
    }
    let shown_names = |l: &[(usize, String)]| {
        l.iter()
            .map(|(_, n)| csv.column_shown(n))
            .collect::<Vec<_>>()
    };
    let (names, under) = (shown_names(&emptied), shown_names(&hidden));
    let found = match (names.is_empty(), under.is_empty()) {
        (_, true) => Text::say(Say::MergedAcrossRead).arg("columns", names.join(", ")),
        (true, false) => Text::say(Say::MergedAcrossHidden).arg("hidden", under.join(", ")),
        (false, false) => Text::say(Say::MergedAcrossBoth)
            .arg("columns", names.join(", "))
            .arg("hidden", under.join(", ")),
    };
    diags.push(
        Diagnostic::new(code::MERGED_ACROSS, &csv.file)
            .at(Some(line), Some(col))
            .field(csv.field(&field))
            .found(found.arg("n", ranges.len()).arg("ranges", shown))
            .expected(Say::MergedAcrossExpected)
            .fix(Say::MergedAcrossFix),
    );
}

/// W2013: the data rows and read columns of `csv` that its sheet hides (`hidden`, sheet rows and
/// columns): read like the others — a filtered list's hidden rows are people too — and said, with
/// where, since the user who hid them may think them out of the table. About the whole sheet (no
/// field): it comes along with the sheet's errors, which may be in those rows.
/// W2020: rows of the table whose every filled cell (two at least), or whose id or name, is
/// struck through, as offices strike out those who left: read as any other row, and said, with
/// their lines.
pub(crate) fn struck_rows(csv: &Csv, struck: &[(usize, usize)], diags: &mut Diags) {
    if struck.is_empty() {
        return;
    }
    let is_struck = |r: &Row, i: usize| struck.binary_search(&(r.line, csv.col_number(i))).is_ok();
    // Whom the row names: striking the name or the id alone strikes the person off too.
    let who: Vec<usize> = ["id", "name"]
        .iter()
        .filter_map(|c| csv.column(c))
        .collect();
    let rows: Vec<&Row> = csv
        .rows
        .iter()
        .filter(|r| {
            let filled: Vec<usize> = (0..r.cells.len())
                .filter(|&i| !r.cells[i].is_empty())
                .collect();
            (filled.len() >= 2 && filled.iter().all(|&i| is_struck(r, i)))
                || who.iter().any(|&i| filled.contains(&i) && is_struck(r, i))
        })
        .collect();
    let Some(first) = rows.first() else { return };
    const SHOWN: usize = 10;
    let mut lines: Vec<String> = rows
        .iter()
        .take(SHOWN)
        .map(|r| r.line.to_string())
        .collect();
    if rows.len() > SHOWN {
        lines.push(format!("… (+{})", rows.len() - SHOWN));
    }
    let text = rows_text(rows.iter().take(3).map(|r| &r.cells[..]));
    diags.push(
        Diagnostic::new(code::NOTE_THAT_MATTERS, &csv.file)
            .at(Some(first.line), None)
            .field(String::new())
            .found(
                Text::say(Say::StruckRowsRead)
                    .arg("n", rows.len())
                    .arg("lines", lines.join(", "))
                    .arg("text", quoted(&shorten(&text))),
            )
            .expected(Say::StruckRowsExpected)
            .fix(Say::StruckRowsFix),
    );
}

pub(crate) fn hidden_read(csv: &Csv, hidden: &super::xlsx::Hidden, diags: &mut Diags) {
    const SHOWN: usize = 10;
    let list = |items: &[String]| {
        let more = items.len().saturating_sub(SHOWN);
        let mut s = items[..items.len().min(SHOWN)].join(", ");
        if more > 0 {
            s += &format!(" … (+{more})");
        }
        s
    };
    let rows: Vec<&Row> = csv
        .rows
        .iter()
        .filter(|r| hidden.rows.binary_search(&r.line).is_ok())
        .collect();
    if let Some(first) = rows.first() {
        let lines: Vec<String> = rows.iter().map(|r| r.line.to_string()).collect();
        let text = rows_text(rows.iter().take(3).map(|r| &r.cells[..]));
        diags.push(
            Diagnostic::new(code::HIDDEN_READ, &csv.file)
                .at(Some(first.line), None)
                .field(String::new())
                .found(
                    Text::say(Say::HiddenRowsRead)
                        .arg("n", rows.len())
                        .arg("lines", list(&lines))
                        .arg("text", quoted(&shorten(&text))),
                )
                .expected(Say::HiddenReadExpected)
                .fix(Say::HiddenReadFix),
        );
    }
    // The header itself hidden: people see another row as the table's top.
    if hidden.rows.binary_search(&csv.header_line).is_ok() {
        let mut named: Vec<(usize, String)> = csv
            .columns
            .iter()
            .map(|(name, &ix)| (csv.col_number(ix), csv.column_shown(name)))
            .collect();
        named.sort();
        let names: Vec<String> = named.into_iter().map(|(_, n)| n).collect();
        diags.push(
            Diagnostic::new(code::HIDDEN_READ, &csv.file)
                .at(Some(csv.header_line), None)
                .field(String::new())
                .found(
                    Text::say(Say::HiddenHeaderRead)
                        .arg("line", csv.header_line)
                        .arg("names", list(&names)),
                )
                .expected(Say::HiddenHeaderExpected)
                .fix(Say::HiddenHeaderFix),
        );
    }
    let mut read: Vec<(usize, String)> = csv
        .columns
        .iter()
        .map(|(name, &ix)| (csv.col_number(ix), name.clone()))
        .filter(|(col, _)| hidden.columns.binary_search(col).is_ok())
        .collect();
    read.sort();
    if let Some((first, _)) = read.first() {
        let cols: Vec<String> = read
            .iter()
            .map(|(c, _)| super::diagnostic::column_letters(*c))
            .collect();
        let names: Vec<String> = read.iter().map(|(_, n)| csv.column_shown(n)).collect();
        diags.push(
            Diagnostic::new(code::HIDDEN_READ, &csv.file)
                .at(Some(csv.header_line), Some(*first))
                .field(String::new())
                .found(
                    Text::say(Say::HiddenColumnsRead)
                        .arg("cols", list(&cols))
                        .arg("names", list(&names)),
                )
                .expected(Say::HiddenReadExpected)
                .fix(Say::HiddenReadFix),
        );
    }
}

fn rows_text<'a>(rows: impl Iterator<Item = &'a [String]>) -> String {
    rows.map(|cells| {
        let filled: Vec<&str> = cells
            .iter()
            .map(String::as_str)
            .filter(|c| !c.is_empty())
            .collect();
        filled.join(" ")
    })
    .collect::<Vec<_>>()
    .join(" / ")
}

/// Columns of every office list that hold nothing a rule reads: the row number and the notes.
/// Not read, with a note, where another unknown column is an error (a misspelt one would lose
/// its data).
/// A cadres table's column of the current position ("Chức vụ", "Chức vụ hiện tại", "Chức danh
/// hiện tại", "Chức vụ, đơn vị công tác" aside): a title, not the role the rules read.
fn position_column(header: &str, spec: &CsvSpec) -> bool {
    spec.columns.iter().any(|(n, _)| *n == "current_role")
        && matches!(
            fold(header.split_once('(').map_or(header, |(a, _)| a)).as_str(),
            "chuc-vu"
                | "chuc-vu-hien-tai"
                | "chuc-vu-hien-nay"
                | "chuc-danh"
                | "chuc-danh-hien-tai"
                | "chuc-danh-hien-nay"
                | "chuc-vu-chinh-quyen"
                | "chuc-vu-dang"
        )
}

fn ignorable_column(header: &str) -> bool {
    matches!(
        fold(header).as_str(),
        "stt" | "tt" | "so-tt" | "so-thu-tu" | "ghi-chu" | "ghichu" | "note" | "notes" | "no"
    )
}

/// A note column ("Ghi chú", `note`), of the columns [`ignorable_column`] passes over.
fn note_column(header: &str) -> bool {
    matches!(
        fold(header).as_str(),
        "ghi-chu" | "ghichu" | "note" | "notes"
    )
}

/// A unit's area as lists write it in a "Vùng khó khăn" column: especially difficult, difficult,
/// border, island or mountain areas, and the ethnic areas of zone II and III, are difficult;
/// zone I is not.
fn difficult_area(s: &str) -> Option<bool> {
    let f = fold(s);
    let f = f.as_str();
    // Said negated ("Không ĐBKK", "Không thuộc vùng khó khăn", "Ngoài vùng khó khăn", "Đã thoát
    // khỏi vùng khó khăn"): not difficult. A "not" anywhere else, or an area that was ("Vùng khó
    // khăn (cũ)"), says no plain yes or no: refused (E2004) rather than guessed.
    const NOT: &[&str] = &[
        "khong-thuoc-",
        "khong-phai-la-",
        "khong-phai-",
        "khong-la-",
        "khong-",
        "ngoai-",
        "het-",
        "da-thoat-khoi-",
        "thoat-khoi-",
        "da-ra-khoi-",
        "ra-khoi-",
        "chua-duoc-cong-nhan-",
        "chua-",
    ];
    if let Some(rest) = NOT.iter().find_map(|n| f.strip_prefix(n)) {
        return match difficult_area(rest) {
            Some(true) => Some(false),
            _ => None,
        };
    }
    // "cũ" with its tone: "Cư" begins many a Central Highlands name (Cư Jút, Cư M'gar).
    let was = key(s)
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "cũ" | "trước"));
    if was
        || f.split('-')
            .any(|w| matches!(w, "khong" | "ngoai" | "het" | "thoat" | "chua"))
    {
        return None;
    }
    // "Xã khu vực I", "Thôn KV3": the zone of a commune or village.
    let f = ["xa-", "thon-", "ban-", "vung-"]
        .iter()
        .find_map(|p| f.strip_prefix(p).filter(|r| r.starts_with("k")))
        .unwrap_or(f);
    let zone = f
        .strip_prefix("khu-vuc-")
        .or_else(|| f.strip_prefix("kv-"))
        .or_else(|| f.strip_prefix("kv"));
    match zone {
        Some("iii" | "3" | "ii" | "2") => return Some(true),
        Some("i" | "1") => return Some(false),
        _ => {}
    }
    let words = [
        "dbkk",
        "dac-biet-kho-khan",
        "kho-khan",
        "vung-kho-khan",
        "bien-gioi",
        "hai-dao",
        "mien-nui",
        "vung-sau",
        "vung-cao",
        "vung-sau-vung-xa",
    ];
    words
        .iter()
        .any(|w| f == *w || f.starts_with(&format!("{w}-")) || f.ends_with(&format!("-{w}")))
        .then_some(true)
}

/// The codes a header explains in brackets, as forms do ("Giới tính (1: Nam; 2: Nữ)", "(1 -
/// Nam, 2 - Nữ)", "(Nam = 1, Nữ = 2)"): (code, what it stands for), two at least; a code is at
/// most three letters or digits.
fn value_legend(header: &str) -> Option<Vec<(String, String)>> {
    let (_, inside) = header.split_once('(')?;
    let inside = inside.trim_end().trim_end_matches(')');
    let short = |s: &str| {
        let s = s.trim();
        (1..=3).contains(&s.chars().count()) && s.chars().all(char::is_alphanumeric)
    };
    let items: Option<Vec<(String, String)>> = inside
        .split([';', ','])
        .filter(|i| !i.trim().is_empty())
        .map(|item| {
            let (a, b) = item.split_once([':', '=', '-', '–'])?;
            let (a, b) = (a.trim(), b.trim());
            let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
            match (short(a), short(b)) {
                (false, true) => Some((b.to_string(), a.to_string())),
                (true, true) if digits(b) && !digits(a) => Some((b.to_string(), a.to_string())),
                (true, _) => Some((a.to_string(), b.to_string())),
                (false, false) => None,
            }
        })
        .collect();
    items.filter(|v| v.len() >= 2)
}

/// The date order a header's brackets state: "(mm/dd/yyyy)", "(tháng/ngày/năm)" month first;
/// "(dd/mm/yyyy)", "(ngày/tháng/năm)" day first.
fn date_hint(header: &str) -> Option<DateFormat> {
    let (_, hint) = header.split_once('(')?;
    let f: String = fold(hint.trim_end_matches(')'))
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    match f.as_str() {
        "mmddyyyy" | "mmddyy" | "thangngaynam" => Some(DateFormat::MonthDayYear),
        "ddmmyyyy" | "ddmmyy" | "ngaythangnam" => Some(DateFormat::DayMonthYear),
        _ => None,
    }
}

/// A personnel form's column rotaplan has no use for ("Ngày vào Đảng", "Trình độ chuyên môn",
/// "Tôn giáo", "Số điện thoại"): not read, with a note, as STT and Ghi chú are. Real lists hold
/// them, and each was E2002; they are named here so that a misspelt column of rotaplan's own
/// is still refused.
fn form_column(header: &str) -> bool {
    const FORM: &[&str] = &[
        "ngay-vao-dang",
        "ngay-chinh-thuc",
        "dang-vien",
        "trinh-do-chuyen-mon",
        "chuyen-mon",
        "chuyen-nganh",
        "trinh-do-ly-luan-chinh-tri",
        "ly-luan-chinh-tri",
        "llct",
        "trinh-do-llct",
        "trinh-do-hoc-van",
        "hoc-van",
        "trinh-do-dao-tao",
        "hoc-ham",
        "hoc-vi",
        "ton-giao",
        "so-dien-thoai",
        "dien-thoai",
        "sdt",
        "email",
        "ngoai-ngu",
        "trinh-do-ngoai-ngu",
        "tin-hoc",
        "trinh-do-tin-hoc",
        "noi-o-hien-nay",
        "cho-o-hien-nay",
        "dia-chi",
        "so-cccd",
        "cccd",
        "cmnd",
        "so-cmnd",
        "quan-ly-nha-nuoc",
        "trinh-do-quan-ly-nha-nuoc",
        "ngach",
        "ma-ngach",
        "bac-luong",
        "he-so-luong",
        "ngay-tuyen-dung",
        "ngay-vao-nganh",
        // The planning term ("Quy hoạch" over "Chức danh | Giai đoạn"): the titles say the plan.
        "quy-hoach-giai-doan",
        "giai-doan-quy-hoach",
    ];
    let name = header.split_once('(').map_or(header, |(n, _)| n);
    let f = fold(name.trim());
    FORM.iter()
        .any(|e| f == *e || f.strip_prefix(e).is_some_and(|r| r.starts_with('-')))
}

/// The header Excel gives a table's new column ("Column1", "Cột 2").
fn default_column_header(header: &str) -> bool {
    let f = fold(header);
    ["column", "cot"].iter().any(|w| {
        f.strip_prefix(w)
            .map(|r| r.trim_start_matches('-'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// A row of column numbers under a form's header: "(1)", "(2)", … or 1, 2, 3, … increasing, at
/// least three of them and nothing else.
fn numbering_row(cells: &[String]) -> bool {
    let mut last = 0u32;
    let mut n = 0;
    for c in cells.iter().filter(|c| !c.is_empty()) {
        let digits = c.trim_start_matches('(').trim_end_matches(')');
        match digits.parse::<u32>() {
            Ok(v) if v > last && digits.len() <= 3 => {
                last = v;
                n += 1;
            }
            _ => return false,
        }
    }
    n >= 3
}

/// A list's section heading: text only in the STT or notes columns ("Nam", "Nữ", "I. KHỐI
/// ĐẢNG"), no number there and every other cell empty. A record always fills more.
fn section_row(cells: &[String], header: &[String]) -> bool {
    let mut filled = cells.iter().enumerate().filter(|(_, c)| !c.is_empty());
    let Some((i, first)) = filled.next() else {
        return false;
    };
    let ignored = |i: usize| header.get(i).is_some_and(|h| ignorable_column(h));
    if ignored(i)
        && first.chars().any(char::is_alphabetic)
        && filled.clone().all(|(j, _)| ignored(j))
    {
        return true;
    }
    // A heading alone on its row, in any column ("II. CÁN BỘ ĐÃ LUÂN CHUYỂN NĂM 2025", "DANH
    // SÁCH CÁN BỘ … (để theo dõi)" in the id column of a list without STT): a list's section,
    // not a cadre to fill in. Numbered (a name never starts with a list's number) or starting
    // as a list's title does; three words at least, in capitals outside brackets.
    let rest = crate::domain::text::without_numbering(first);
    let outside: String = rest.split('(').next().unwrap_or(rest).to_string();
    let letters: Vec<char> = outside.chars().filter(|c| c.is_alphabetic()).collect();
    let f = fold(rest);
    let titled = ["danh-sach", "can-bo", "du-kien", "bo-sung"]
        .iter()
        .any(|t| f.starts_with(t));
    filled.next().is_none()
        && (rest.len() < first.len() || titled)
        && outside.split_whitespace().count() >= 3
        && !letters.is_empty()
        && letters.iter().all(|c| c.is_uppercase())
}

/// The yearly appraisal's four levels as offices write them, in words or initials, as a rating:
/// "Hoàn thành xuất sắc nhiệm vụ" (HTXSNV) 4, "Hoàn thành tốt nhiệm vụ" (HTTNV) 3, "Hoàn thành
/// nhiệm vụ" (HTNV) 2, "Không hoàn thành nhiệm vụ" (KHTNV) 1. They were refused with "write a
/// whole number".
pub(crate) fn appraisal_level(s: &str) -> Option<i64> {
    let f = fold(s);
    // The initials written out, word by word ("HTXS NV", "HT xuất sắc NV", "Không HTNV"), a
    // year after it dropped ("HTXSNV (2025)"), and "chưa" (not yet) completing as "không".
    let mut words: Vec<&str> = f.trim_end_matches('.').split('-').collect();
    if words.len() > 1
        && words
            .last()
            .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
    {
        words.pop();
    }
    let written: Vec<&str> = words
        .iter()
        .flat_map(|w| -> Vec<&str> {
            match *w {
                "ht" => vec!["hoan", "thanh"],
                "htnv" => vec!["hoan", "thanh", "nhiem", "vu"],
                "httnv" => vec!["hoan", "thanh", "tot", "nhiem", "vu"],
                "htxsnv" => vec!["hoan", "thanh", "xuat", "sac", "nhiem", "vu"],
                "khtnv" => vec!["khong", "hoan", "thanh", "nhiem", "vu"],
                "htxs" => vec!["hoan", "thanh", "xuat", "sac"],
                "htt" => vec!["hoan", "thanh", "tot"],
                "kht" => vec!["khong", "hoan", "thanh"],
                "xs" => vec!["xuat", "sac"],
                "nv" => vec!["nhiem", "vu"],
                "chua" => vec!["khong"],
                w => vec![w],
            }
        })
        .collect();
    let joined = written.join("-");
    let f = if words.len() > 1 || written.len() > 1 {
        joined.as_str()
    } else {
        f.trim_end_matches('.')
    };
    let level = match f {
        "htxsnv" | "xuat-sac" => 4,
        "httnv" | "tot" => 3,
        "htnv" => 2,
        "khtnv" => 1,
        _ if f.starts_with("khong-hoan-thanh") => 1,
        _ if f.starts_with("hoan-thanh-xuat-sac") => 4,
        _ if f.starts_with("hoan-thanh-tot") => 3,
        _ if f == "hoan-thanh" || f.starts_with("hoan-thanh-nhiem-vu") => 2,
        _ => return None,
    };
    Some(level)
}

/// Whether a text starts as a post's title does, by its role ("Bí thư …", "Phó …", "Trưởng …",
/// "Giám đốc …", "Chủ tịch …"): a part of a list of titles, not of one title's name.
fn starts_as_a_title(s: &str) -> bool {
    const ROLES: &[&str] = &[
        "bi-thu",
        "pho",
        "truong",
        "giam-doc",
        "chu-tich",
        "chanh",
        "vu-truong",
        "cuc-truong",
        "chi-cuc-truong",
        "uy-vien",
        "tong-bien-tap",
        "thu-truong",
        "bo-truong",
        "chu-nhiem",
        "ke-toan-truong",
        "thu-ky",
        "hieu-truong",
        "vien-truong",
    ];
    let f = fold(s);
    ROLES
        .iter()
        .any(|r| f == *r || f.strip_prefix(r).is_some_and(|rest| rest.starts_with('-')))
}

/// A rating cell holding several years' appraisals ("HTTNV (2024), HTXSNV (2025)", one a line,
/// "2024: HTT; 2025: HTXS"): each item's year (a number 1990–2100 in it, if any) and level.
/// `None` when the cell is one item, or an item is no appraisal.
fn ratings_by_year(s: &str) -> Option<Vec<(Option<u32>, i64, &str)>> {
    let items: Vec<&str> = s
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .collect();
    if items.len() < 2 {
        return None;
    }
    items
        .into_iter()
        .map(|item| {
            let year = item
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|n| n.parse::<u32>().ok().filter(|_| n.len() == 4))
                .find(|y| (1990..=2100).contains(y));
            let rest: String = match year {
                Some(y) => item.replacen(&y.to_string(), " ", 1),
                None => item.to_string(),
            };
            let rest = rest
                .trim_matches(|c: char| !c.is_alphanumeric())
                .trim_start_matches(|c: char| c == ':' || c.is_whitespace());
            let rest = rest
                .strip_prefix("Năm")
                .or_else(|| rest.strip_prefix("năm"))
                .unwrap_or(rest)
                .trim_matches(|c: char| !c.is_alphanumeric());
            let level = appraisal_level(rest)
                .or_else(|| rest.parse::<i64>().ok().filter(|v| (1..=4).contains(v)))?;
            Some((year, level, item))
        })
        .collect()
}

/// A totals row at the foot of a form: its first filled cell is "Tổng cộng", "Tổng số" or
/// "Cộng" (and nothing else).
fn totals_row(cells: &[String]) -> bool {
    let mut filled = cells.iter().filter(|c| !c.is_empty());
    // A unit's subtotal: "Cộng Ban Tổ chức Trung ương" (or "Tổng cộng khối Đảng") and numbers
    // only beside it; a record ("Cộng tác viên …") has its id, unit and sector as text.
    let subtotal = filled.next().is_some_and(|c| {
        let k = key(c);
        ["cộng ", "tổng cộng ", "tổng số "]
            .iter()
            .any(|t| k.starts_with(t))
    }) && {
        let rest: Vec<&String> = filled.collect();
        !rest.is_empty()
            && rest.iter().all(|c| {
                let n = c.replace(['.', ',', ' '], "");
                !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
            })
    };
    // The whole cell: "Tổng Công ty …" and "Tống Sơn Hà" are records. "Cộng" with its tone mark
    // only: "CONG" may be an id.
    subtotal || cells.iter().find(|c| !c.is_empty()).is_some_and(|c| {
        let k = key(c);
        let k = k.trim_end_matches([':', '.']).trim();
        matches!(fold(k).as_str(), "tong-cong" | "tong-so" | "total")
            || matches!(k, "cộng" | "tổng")
            // "Tổng cộng: 04 đồng chí", "Tổng cộng (I+II)", "Cộng: 4" (with the marks: not
            // "Tổng Công ty").
            || ["tổng cộng", "tổng số", "cộng"].iter().any(|t| {
                k.strip_prefix(t)
                    .is_some_and(|rest| rest.starts_with([':', '(', ' ']) && !rest.trim_start_matches([':', ' ']).starts_with(char::is_alphabetic))
            })
    })
}

/// Each row's titles of the columns `more` joined to those of column `read` (`; ` between, a
/// title written in two columns once), so one cell holds the cadre's whole planning.
fn join_title_columns(rows: &mut [Row], read: usize, more: &[usize]) {
    for r in rows {
        let mut parts: Vec<String> = Vec::new();
        for &i in std::iter::once(&read).chain(more) {
            let cell = r.cells.get(i).map_or("", |c| c.trim());
            if !cell.is_empty() && !parts.iter().any(|p| p == cell) {
                parts.push(cell.to_string());
            }
        }
        if let Some(c) = r.cells.get_mut(read) {
            *c = parts.join("; ");
        }
    }
}

/// The unknown columns of a header named one by one; the rest are counted in one message.
const MAX_UNKNOWN_COLUMNS: usize = 40;

/// A table read into normalised cells, each row with the line (CSV) or sheet row (XLSX) it is on.
pub(crate) struct Csv {
    pub file: PathBuf,
    /// The file name, used in field paths (`cadres.csv: birth_date`); the sheet name for a workbook.
    pub name: String,
    pub header_line: usize,
    /// Column name → index, for the columns the header has.
    columns: HashMap<String, usize>,
    /// Per date column, the first dates that prove its order (filled when first asked).
    date_orders: std::sync::Mutex<HashMap<String, DateOrder>>,
    /// A workbook's cells Excel stored as dates (1-based line and column,
    /// `xlsx::Sheet::stored_dates`); empty for a CSV.
    pub(crate) stored_dates: std::collections::HashSet<(usize, usize)>,
    /// A workbook's cells whose formula's stored value is empty (`xlsx::Sheet::empty_formulas`).
    pub(crate) empty_formulas: HashMap<(usize, usize), String>,
    /// The workbook counts days from 1904 (`xlsx::Sheet::date1904`).
    pub(crate) date1904: bool,
    /// Cells [`two_row_header`] moved from one column to another (a birth date written under
    /// "Nữ" read in the Nam column): (line, from column, to column), 1-based sheet columns.
    pub(crate) moved_cells: Vec<(usize, usize, usize)>,
    /// [`Csv::stored_day_over_12`] per column, computed once.
    stored_over_12: std::sync::Mutex<HashMap<String, (bool, usize, usize)>>,
    /// Column name → its header cell as written, when that is not the name itself ("Nổi trội" for
    /// `outstanding`): messages name the column as the user wrote it.
    written: HashMap<String, String>,
    pub rows: Vec<Row>,
    /// Per record's line, the section heading above it (its line and first cell): a list grouped
    /// under its units' names ("VI. UBND TỈNH LÂM SƠN") gives its cadres' unit so.
    pub(crate) headings: HashMap<usize, (usize, String)>,
    /// Lines of the form's own rows that sum or repeat the records (totals, a repeated header,
    /// section headings, the column numbers): a formula there is no record's value.
    pub(crate) form_lines: std::collections::HashSet<usize>,
    /// The sheet's column of the table's first column, less one (0 for a CSV file).
    pub col_offset: usize,
    /// The sheet, for a table read from a workbook.
    pub sheet: Option<String>,
    /// Date columns whose header says their order in brackets ("Ngày sinh (mm/dd/yyyy)",
    /// "(tháng/ngày/năm)"): read so under the default `date_format`.
    date_hints: HashMap<String, DateFormat>,
    /// Codes a header explains in brackets ("Giới tính (1: Nam; 2: Nữ)"), by column: (code,
    /// what it stands for), read as what it stands for ([`value_legend`]).
    legends: HashMap<String, Vec<(String, String)>>,
    /// The `sex` column is a form's "Nữ" (true) or "Nam" (false) column of marks
    /// ([`sex_mark_column`]), read as the sex when the cadres are.
    sex_marks: Option<SexMarks>,
}

pub(crate) struct Row {
    pub line: usize,
    pub cells: Vec<String>,
    /// The row has as many cells as the header (E2014 otherwise, and the row is not read further).
    pub well_formed: bool,
}

/// What a date column's non-ISO cells prove about its order: the first cell (line, value) that is a
/// date only day first (first part > 12, second ≤ 12), and the first only month first.
#[derive(Debug, Clone, Default)]
pub(crate) struct DateOrder {
    pub day_first: Option<(usize, String)>,
    pub month_first: Option<(usize, String)>,
}

impl Csv {
    /// The order column `col`'s dates prove (scanned once per column).
    pub(crate) fn date_order(&self, col: &str) -> DateOrder {
        let mut cache = self
            .date_orders
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(o) = cache.get(col) {
            return o.clone();
        }
        let mut o = DateOrder::default();
        for row in &self.rows {
            let Some(v) = self.cell(row, col) else { break };
            match date_parts(v) {
                Some((a, b)) if a > 12 && a <= 31 && (1..=12).contains(&b) => {
                    o.day_first.get_or_insert((row.line, v.to_string()));
                }
                Some((a, b)) if b > 12 && b <= 31 && (1..=12).contains(&a) => {
                    o.month_first.get_or_insert((row.line, v.to_string()));
                }
                _ => {}
            }
            if o.day_first.is_some() && o.month_first.is_some() {
                break;
            }
        }
        cache.insert(col.to_string(), o.clone());
        o
    }

    /// Whether the cell at (line, 1-based column) is one Excel stored as a date (moved cells
    /// included: `read_sheet_table` adds them).
    pub(crate) fn stored(&self, line: usize, col: usize) -> bool {
        self.stored_dates.contains(&(line, col))
    }

    /// A date column of this table whose text dates prove the day first (and none the month
    /// first), with the proof's line and value: a computer set to the US order swaps the stored
    /// dates of every column alike, a column of check-up dates all in the first days of the month
    /// included, which proves nothing by itself.
    pub(crate) fn sheet_day_first(&self) -> Option<(String, usize, String)> {
        const DATES: &[&str] = &[
            "birth_date",
            "health_cert_date",
            "rotation_end",
            "rotation_start",
            "vacant_from",
        ];
        DATES
            .iter()
            .filter(|c| self.column(c).is_some())
            // A stored date with a day above 12 in a column proves its computer swapped nothing.
            .filter(|c| !self.stored_day_over_12(c))
            .find_map(|c| match self.date_order(c) {
                DateOrder {
                    day_first: Some((line, value)),
                    month_first: None,
                } => Some((c.to_string(), line, value)),
                _ => None,
            })
    }

    /// Whether a date Excel stored in column `col` has a day above 12: a computer set to the US
    /// order never stores a typed dd/mm date so (its day is the typed month), so the column's
    /// stored dates were not swapped.
    pub(crate) fn stored_day_over_12(&self, col: &str) -> bool {
        self.stored_days(col).0
    }

    /// Whether a date stored in column `col` has a day over 12, and how many it stores (once
    /// per column).
    fn stored_days(&self, col: &str) -> (bool, usize) {
        let (over, count, _) = self.stored_day_counts(col);
        (over, count)
    }

    /// [`Csv::stored_days`] with how many different days the stored dates have.
    fn stored_day_counts(&self, col: &str) -> (bool, usize, usize) {
        let Some(ix) = self.column(col) else {
            return (false, 0, 0);
        };
        let mut cache = self
            .stored_over_12
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&b) = cache.get(col) {
            return b;
        }
        let n = self.col_number(ix);
        let (mut over, mut count, mut days) = (false, 0, 0u32);
        for r in &self.rows {
            if self.stored(r.line, n) {
                count += 1;
                let day = r
                    .cells
                    .get(ix)
                    .and_then(|v| v.get(8..10))
                    .and_then(|d| d.parse::<u32>().ok());
                over |= day.is_some_and(|d| d > 12);
                if let Some(d) = day.filter(|&d| d < 32) {
                    days |= 1 << d;
                }
            }
        }
        let b = (over, count, days.count_ones() as usize);
        cache.insert(col.to_string(), b);
        b
    }

    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        self.columns.get(name).copied()
    }
    /// The cell of `row` in column `name`: `None` if the header has no such column.
    pub(crate) fn cell<'r>(&self, row: &'r Row, name: &str) -> Option<&'r str> {
        let ix = self.column(name)?;
        Some(row.cells.get(ix).map(String::as_str).unwrap_or(""))
    }
    /// A column for a message: the header as the file writes it with the id in brackets
    /// (`Bậc [rank]`), or the id when the file writes the id.
    pub(crate) fn column_shown(&self, column: &str) -> String {
        match self.written.get(column) {
            Some(w) => format!("{w} [{column}]"),
            None => column.to_string(),
        }
    }
    /// The field path of `column`: `cadres.csv: birth_date`, or with the header as the file
    /// writes it, `can-bo.csv: Ngày sinh [birth_date]`.
    pub(crate) fn field(&self, column: &str) -> String {
        match self.written.get(column) {
            Some(w) => format!("{}: {w} [{column}]", self.name),
            None => format!("{}: {column}", self.name),
        }
    }
    /// The field (as [`Csv::field`]) of the column at index `ix`, if the header names one read.
    pub(crate) fn field_at(&self, ix: usize) -> Option<String> {
        self.columns
            .iter()
            .find(|(_, i)| **i == ix)
            .map(|(name, _)| self.field(name))
    }
    /// The 1-based column number shown for the cell at index `ix`.
    pub(crate) fn col_number(&self, ix: usize) -> usize {
        ix + 1 + self.col_offset
    }
    /// The trimmed text of `row`'s cell in column `name` (empty without the column).
    pub(crate) fn text(&self, row: &Row, name: &str) -> String {
        self.cell(row, name).unwrap_or("").trim().to_string()
    }
    /// A diagnostic `code` located at `row`'s cell in column `name` of the file `path`.
    pub(crate) fn at_cell(
        &self,
        code: &'static str,
        path: &Path,
        row: &Row,
        name: &str,
    ) -> Diagnostic {
        Diagnostic::new(code, path)
            .at(
                Some(row.line),
                self.column(name).map(|c| self.col_number(c)),
            )
            .field(self.field(name))
    }
}

/// How to read a CSV file.
pub(crate) struct CsvSpec {
    /// The columns read; the required ones must be in the header.
    pub columns: &'static [Column],
    /// Refuse columns not in `columns` (E2002).
    pub strict: bool,
    /// Every row must have as many cells as the header (E2014).
    pub exact_width: bool,
    /// The code of a missing required column.
    pub missing_code: &'static str,
    /// Other names of the columns.
    pub aliases: &'static [Alias],
}

pub(crate) const UNITS: CsvSpec = CsvSpec {
    columns: UNIT_COLUMNS,
    strict: true,
    exact_width: true,
    missing_code: code::MISSING_COLUMN,
    aliases: UNIT_ALIASES,
};
pub(crate) const POSTS: CsvSpec = CsvSpec {
    columns: POST_COLUMNS,
    aliases: POST_ALIASES,
    ..UNITS
};
pub(crate) const CADRES: CsvSpec = CsvSpec {
    columns: CADRE_COLUMNS,
    aliases: CADRE_ALIASES,
    ..UNITS
};

/// The 1-based line of a record's start. The csv crate counts one line short after each record
/// ended by CRLF (Excel's default): it ends the record at the CR and counts the LF's line as the
/// next record's start. Lines are counted here from the text itself (a line ends at LF, CRLF or a
/// lone CR), after the line ends a record's start may still point at.
struct LineIndex<'a> {
    text: &'a [u8],
    /// Byte offset of the start of every line after the first.
    starts: Vec<u64>,
}

impl LineIndex<'_> {
    fn new(text: &str) -> LineIndex<'_> {
        let b = text.as_bytes();
        let starts = (0..b.len())
            .filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')))
            .map(|i| i as u64 + 1)
            .collect();
        LineIndex { text: b, starts }
    }

    fn line_of(&self, byte: u64) -> usize {
        let mut at = byte as usize;
        while matches!(self.text.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        self.starts.partition_point(|&s| s <= at as u64) + 1
    }
}

/// The cell separator of CSV text: `,`, `;` or tab, whichever the first line that has any has
/// most of outside quotes (a comma when no line has any).
pub(crate) fn detect_separator(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            // A line without any (a title above the header): the next line decides.
            b'\n' | b'\r' if !quoted && counts != [0; 3] => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [c, s, t] = counts;
    if s > c && s >= t {
        b';'
    } else if t > c && t > s {
        b'\t'
    } else {
        b','
    }
}

pub(crate) fn separator_name(sep: u8) -> Text {
    Text::say(match sep {
        b';' => Say::SepSemicolon,
        b'\t' => Say::SepTabs,
        _ => Say::SepComma,
    })
}

/// Reads CSV text: detects the separator, checks the header against the spec and keeps every
/// non-blank row, its cells normalised ([`normalize`]). `None` if there is no header at all.
/// Default most rows a table may have (`limits.max_table_rows:` changes it): far above a national
/// pool (about 8,000 cadres), far below what would exhaust memory.
pub const DEFAULT_MAX_TABLE_ROWS: usize = 200_000;

/// The most `limits.max_table_rows:` may be set to.
pub const MAX_TABLE_ROWS_LIMIT: usize = 1_000_000;

/// The table has more rows than `limit` (E2018).
pub(crate) fn too_many_rows(
    file: &Path,
    name: &str,
    limit: usize,
    line: Option<usize>,
) -> Diagnostic {
    Diagnostic::new(code::TOO_MANY_ROWS, file)
        .at(line, None)
        .field(name.to_string())
        .found(Text::say(Say::MoreThanRowsReadingStopped).arg("limit", limit))
        .expected(
            Text::say(Say::AtMostRowsLimitsMax)
                .arg("limit", limit)
                .arg("DEFAULT_MAX_TABLE_ROWS", DEFAULT_MAX_TABLE_ROWS),
        )
        .fix(Text::say(Say::CheckThatThisIsThe).arg("MAX_TABLE_ROWS_LIMIT", MAX_TABLE_ROWS_LIMIT))
}

/// A quoted cell that does not end where it should: never closed (the rest of the file would be
/// read into it), or closed only lines later, holding a line that reads as a row of its own (an
/// id-like first cell, then the separator: a stray `"` before a name swallowed the rows under it).
#[derive(Debug, PartialEq)]
enum QuoteFault {
    Unclosed(usize),
    /// (the line it opens on, the line it closes on, the first line inside that reads as a row
    /// and that row's first cell).
    Swallows(usize, usize, usize, String),
}

/// The letters before an id's digits and its length ("K003" → ("K", 4)): `None` for a cell
/// that is no id (a space, no digit, over 24 bytes).
fn id_shape(cell: &str) -> Option<(&str, usize)> {
    let cell = cell.trim();
    let digit = cell.find(|c: char| c.is_ascii_digit())?;
    (!cell.is_empty() && cell.len() <= 24 && !cell.contains(char::is_whitespace))
        .then_some((&cell[..digit], cell.len()))
}

/// Whether the line starting at `b[i..]` (inside a quoted cell) reads as a row of the table
/// whose row opened the quote with the first cell `opener`: a first cell of the same shape (the
/// same letters before its digits, a length one apart at most: "K003" under "K002"), and on the
/// whole line at least `seps` separators (half the header's), as a swallowed row has. A line of
/// a note, an address or a list in a cell ("2018-2020,Trưởng phòng", "P.5, Q.3",
/// "K010;K011") does not read as one.
fn row_like(b: &[u8], i: usize, sep: u8, (opener, seps): (&str, usize)) -> Option<String> {
    let end = b[i..]
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map_or(b.len(), |n| i + n);
    let line = &b[i..end];
    let cut = line.iter().position(|&c| c == sep || c == b'"')?;
    if line[cut] != sep || line.iter().filter(|&&c| c == sep).count() < seps {
        return None;
    }
    let first = std::str::from_utf8(&line[..cut]).ok()?.trim();
    let (want, got) = (id_shape(opener)?, id_shape(first)?);
    // A row goes on with cells that are no ids (a name); a list of ids is ids alone.
    let inside = &line[..line.iter().position(|&c| c == b'"').unwrap_or(line.len())];
    let more = std::str::from_utf8(inside)
        .ok()?
        .split(sep as char)
        .skip(1)
        .any(|c| {
            let c = c.trim();
            !c.is_empty() && id_shape(c).is_none()
        });
    (more && want.0 == got.0 && want.1.abs_diff(got.1) <= 1).then(|| first.to_string())
}

fn quote_fault(text: &str, sep: u8) -> Option<QuoteFault> {
    let b = text.as_bytes();
    let (mut line, mut open_line) = (1usize, 0usize);
    let (mut quoted, mut cell_start) = (false, true);
    let mut swallowed: Option<(usize, usize, usize, String)> = None;
    let mut row_inside: Option<(usize, String)> = None;
    // Half the separators of the widest of the first lines (the header's, past a title).
    let seps = text
        .lines()
        .take(8)
        .map(|l| l.bytes().filter(|&c| c == sep).count())
        .max()
        .unwrap_or(0)
        .div_ceil(2)
        .max(1);
    // Where the current record starts, and the first cell of the record that opened the quote
    // (`None` when the quote opens the record: no cell before it to compare with).
    let mut record_start = 0usize;
    let mut opener: Option<String> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if quoted {
            if c == b'"' {
                if b.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                    if swallowed.is_none()
                        && let Some((row, first)) = row_inside.take()
                    {
                        swallowed = Some((open_line, line, row, first));
                    }
                }
            } else if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                line += 1;
                if row_inside.is_none()
                    && let Some(o) = &opener
                    && let Some(first) = row_like(b, i + 1, sep, (o, seps))
                {
                    row_inside = Some((line, first));
                }
            }
        } else if c == b'"' && cell_start {
            quoted = true;
            open_line = line;
            row_inside = None;
            opener = b[record_start..i]
                .iter()
                .position(|&c| c == sep)
                .and_then(|n| std::str::from_utf8(&b[record_start..record_start + n]).ok())
                .map(str::to_string);
        } else if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            line += 1;
            record_start = i + 1;
        }
        cell_start = !quoted && (c == sep || c == b'\n' || c == b'\r');
        i += 1;
    }
    if quoted {
        return Some(QuoteFault::Unclosed(open_line));
    }
    swallowed.map(|(a, z, r, f)| QuoteFault::Swallows(a, z, r, f))
}

/// A cell written `="C001"`, the usual way to keep an id's text (its zeros, its letters) through
/// Excel: the text Excel shows, `C001`. Any other cell as it is.
fn text_formula(cell: &str) -> &str {
    match cell.strip_prefix("=\"").and_then(|c| c.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => inner,
        _ => cell,
    }
}

/// The line of the first run of more than `max` bytes with neither `sep` nor a line end, and
/// whether it is mostly NUL bytes (a file's damaged tail); `None` when there is none.
fn overlong_run(b: &[u8], sep: u8, max: usize) -> Option<(usize, usize, bool)> {
    let (mut line, mut col, mut start, mut nuls) = (1usize, 1usize, 0usize, 0usize);
    for (i, &c) in b.iter().enumerate() {
        if c == sep {
            (col, start, nuls) = (col + 1, i + 1, 0);
        } else if c == b'\n' || c == b'\r' {
            line += usize::from(c == b'\n' || b.get(i + 1) != Some(&b'\n'));
            (col, start, nuls) = (1, i + 1, 0);
        } else {
            nuls += usize::from(c == 0);
            if i + 1 - start > max {
                return Some((line, col, nuls * 2 > max));
            }
        }
    }
    None
}

/// A header holding NUL bytes: the file is binary or damaged, reported once for the whole file.
fn nul_file(file: &Path, name: &str, text: &str) -> Diagnostic {
    let nuls = text.bytes().filter(|b| *b == 0).count();
    Diagnostic::new(code::NUL_BYTE, file)
        .at(Some(1), None)
        .field(name.to_string())
        .found(Text::say(Say::NULByteS0x00In).arg("nuls", nuls))
        .expected(Say::ACSVTextTableUTF)
        .fix(Say::CheckThatTablesNamesThe)
}

pub(crate) fn read_csv(
    file: &Path,
    text: &str,
    spec: &CsvSpec,
    max_rows: usize,
    diags: &mut Diags,
) -> Option<Csv> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string());
    let first_line = text.split(['\n', '\r']).next().unwrap_or("");
    if first_line.contains('\0') {
        diags.push(nul_file(file, &name, text));
        return None;
    }
    // Excel's first line `sep=;` names the separator and is no row: it was said as a title.
    let directive = first_line
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("sep="))
        .and_then(
            |_| match first_line.get(4..)?.trim_end_matches([' ', '\r']) {
                "," => Some(b','),
                ";" => Some(b';'),
                "\t" => Some(b'\t'),
                _ => None,
            },
        );
    let owned;
    let text = match directive {
        Some(_) => {
            owned = text.replacen(first_line, "", 1);
            owned.as_str()
        }
        None => text,
    };
    let sep = directive.unwrap_or_else(|| detect_separator(text));
    // A run of bytes with no separator and no line end is inside one cell: over four bytes a
    // character, the cell is longer than any spreadsheet's (E2019). Said before the file is
    // split into cells: a 900 MB cell took 5 GB and minutes, split, normalised and checked.
    if let Some((line, col, nul)) = overlong_run(text.as_bytes(), sep, MAX_CELL_CHARS * 4) {
        diags.push(if nul {
            nul_file(file, &name, text).at(Some(line), Some(col))
        } else {
            Diagnostic::new(code::CELL_TOO_LONG, file)
                .at(Some(line), Some(col))
                .field(name.clone())
                .found(Text::say(Say::CellOfMoreBytes).arg("bytes", MAX_CELL_CHARS * 4))
                .expected(Text::say(Say::AtMostCellChars).arg("max", MAX_CELL_CHARS))
                .fix(Say::ShortenTheCell)
        });
        return None;
    }
    if let Some(fault) = quote_fault(text, sep) {
        let (line, found) = match fault {
            QuoteFault::Unclosed(line) => {
                (line, Text::say(Say::ACellOpenedWithOn).arg("line", line))
            }
            QuoteFault::Swallows(line, end, row, first) => (
                line,
                Text::say(Say::ACellOpenedWithSwallows)
                    .arg("line", line)
                    .arg("end", end)
                    .arg("row", row)
                    .arg("first", first),
            ),
        };
        diags.push(
            Diagnostic::new(code::UNCLOSED_QUOTE, file)
                .at(Some(line), None)
                .field(name.clone())
                .found(found)
                .expected(Say::EachQuotedCellClosedBy)
                .fix(Say::CloseTheQuoteOrRemove),
        );
        return None;
    }
    if sep != b',' {
        diags.note(
            Text::say(Say::NoteSeparator)
                .arg("file", file.display())
                .text("separator", separator_name(sep)),
        );
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let lines = LineIndex::new(text);
    let mut records = Vec::new();
    let mut breaks = Vec::new();
    for result in reader.records() {
        match result {
            Ok(record) => {
                let line = record.position().map_or(0, |p| lines.line_of(p.byte()));
                let mut cells: Vec<String> =
                    record.iter().map(|c| normalize(text_formula(c))).collect();
                // A cell longer than any spreadsheet's is said here (E2019) and kept short: a
                // header of one 50 MB cell took 2 GB and two minutes, every message quoting it.
                // Only where the header is looked for (below it each cell is checked again).
                for (ix, c) in cells.iter_mut().enumerate() {
                    let units = c.encode_utf16().count();
                    if units > MAX_CELL_CHARS && records.len() <= HEADER_SEARCH_ROWS {
                        // Under a first row (the header, most often), the cell's column.
                        let field = match records
                            .first()
                            .and_then(|(_, h): &(usize, Vec<String>)| h.get(ix))
                        {
                            Some(h) => {
                                format!("{name}: {}", canonical_column(h, spec).unwrap_or(h))
                            }
                            None => name.clone(),
                        };
                        diags.push(
                            Diagnostic::new(code::CELL_TOO_LONG, file)
                                .at(Some(line), Some(ix + 1))
                                .field(field)
                                .found(Text::say(Say::CellOfChars).arg("chars", units))
                                .expected(
                                    Text::say(Say::AtMostCellChars).arg("max", MAX_CELL_CHARS),
                                )
                                .fix(Say::ShortenTheCell),
                        );
                        *c = c.chars().take(40).chain(['…']).collect();
                    }
                }
                for (ix, raw) in record.iter().enumerate() {
                    if let Some(list) = lines_as_list(raw) {
                        breaks.push((line, ix, list));
                    }
                }
                // Empty rows (",,,," as Excel exports formatted empty rows) are no rows.
                if cells.iter().all(|c| c.is_empty()) {
                    continue;
                }
                // The header and `max_rows` rows; the rest is not read (memory stays bounded).
                if records.len() > max_rows {
                    diags.push(too_many_rows(file, &name, max_rows, Some(line)));
                    return None;
                }
                records.push((line, cells));
            }
            Err(e) => {
                let line = e.position().map(|p| lines.line_of(p.byte()));
                diags.push(
                    Diagnostic::new(code::BAD_ROW, file)
                        .at(line, None)
                        .field(name.clone())
                        .found(e.to_string())
                        .expected(
                            Text::say(Say::CellsSeparatedBy).text("separator", separator_name(sep)),
                        )
                        .fix(Say::SaveTheTableAsCSV),
                );
                break;
            }
        }
    }
    from_records(file, name, (records, breaks), spec, Some(sep), 0, diags)
}

/// The columns whose cells are lists (`;` between items), where a line break inside a cell
/// (Alt+Enter in Excel) separates items too.
const LIST_COLUMNS: &[&str] = &["planned_titles", "relatives", "head_terms", "worked_years"];

/// A cell written on several lines as a list ("Trưởng phòng Thanh tra⏎Bí thư Huyện ủy" →
/// "Trưởng phòng Thanh tra; Bí thư Huyện ủy"); `None` for a cell on one line. Applied to the
/// [`LIST_COLUMNS`] only, once the header is known: elsewhere a line break is a space.
pub(crate) fn lines_as_list(raw: &str) -> Option<String> {
    if !raw.contains(['\n', '\r']) {
        return None;
    }
    // A bullet or a number before each line ("- Bí thư Huyện ủy", "1. Bí thư", "b) Vụ
    // trưởng") is not part of the item.
    let line = |l: &str| {
        normalize(crate::domain::text::without_numbering(
            l.trim()
                .trim_start_matches(['-', '+', '•', '*', '–'])
                .trim(),
        ))
    };
    let items: Vec<String> = raw
        .split(['\n', '\r'])
        .map(line)
        .filter(|l| !l.is_empty())
        .collect();
    (items.len() > 1).then(|| items.join("; "))
}

/// What a cadre's note says that makes a move doubtful (folded words): retired, moved away,
/// left, dead, disciplined, under investigation, out of the planning, not to be rotated.
const NOTES_THAT_MATTER: &[&str] = &[
    "nghi-huu",
    "nghi-che-do",
    "chuyen-cong-tac",
    "da-chuyen",
    "khong-luan-chuyen",
    "thoi-viec",
    "nghi-viec",
    "tu-tran",
    "da-mat",
    "qua-doi",
    "ky-luat",
    "mien-nhiem",
    "cach-chuc",
    "dinh-chi",
    "dieu-tra",
    "khoi-quy-hoach",
    "khong-quy-hoach",
    "nghi-om",
    "nghi-thai-san",
    // In a rotation already ("Đang luân chuyển tại xã … đến 30/6/2028", a list "ĐÃ LUÂN CHUYỂN
    // NĂM 2025"), or moved by a decision.
    // ("Đã luân chuyển giai đoạn 2015-2020" is experience; a list kept "để theo dõi", for
    // following up, is no list to plan.)
    "dang-luan-chuyen",
    "de-theo-doi",
    "qd-dieu-dong",
    "quyet-dinh-dieu-dong",
    // Leaving under the streamlining decree (178/2024).
    "nghi-dinh-178",
    "nd-178",
    "tinh-gian",
    // Disciplined or under inspection.
    "canh-cao",
    "khien-trach",
    "dau-hieu-vi-pham",
    "bi-kiem-tra",
    // Health.
    "khong-du-suc-khoe",
    "benh-nang",
    "dieu-tri-dai-ngay",
];

/// Whether a note says one of [`NOTES_THAT_MATTER`], not after a denial within four words:
/// "Không bị kỷ luật", "Chưa từng bị kỷ luật", "Còn 12 năm mới nghỉ hưu" are no problem.
fn note_matters(note: &str) -> bool {
    // Clause by clause: a denial holds to the next comma or semicolon ("Không thuộc diện tinh
    // giản biên chế theo Nghị định 178"; "Đã nghỉ hưu, không luân chuyển" is two clauses).
    note.split([',', ';']).any(clause_matters)
}

fn clause_matters(clause: &str) -> bool {
    let words: Vec<String> = fold(clause).split('-').map(str::to_string).collect();
    // With their marks: "chờ" (waiting) is not "cho" (give: "cho ý kiến").
    let toned: Vec<String> = key(clause)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    // Not (yet) approved into the planning pool (H1): "Chưa được Ban Thường vụ phê duyệt quy
    // hoạch", "chờ phê duyệt"; approval said as a fact ("Đã phê duyệt") is no problem.
    let unapproved = toned.windows(2).enumerate().any(|(i, w)| {
        w[0] == "phê"
            && w[1] == "duyệt"
            && toned[i.saturating_sub(5)..i]
                .iter()
                .any(|p| matches!(p.as_str(), "chưa" | "chờ"))
    });
    unapproved
        || NOTES_THAT_MATTER.iter().any(|w| {
            phrase_at(&words, w).any(|i| {
                matches!(w.split('-').next(), Some("khong" | "chua"))
                    // Denied or over anywhere before it in the clause ("Hết thời hạn cảnh
                    // cáo", "đã xóa kỷ luật"); "còn" (still, left) only just before.
                    || !(words[..i]
                        .iter()
                        .any(|p| matches!(p.as_str(), "khong" | "chua" | "het" | "xoa"))
                        || words[i.saturating_sub(4)..i].iter().any(|p| p == "con"))
            })
        })
}

/// Where the folded `phrase` ("nghi-huu") starts among folded `words`.
fn phrase_at<'a>(words: &'a [String], phrase: &str) -> impl Iterator<Item = usize> + 'a {
    let p: Vec<String> = phrase.split('-').map(str::to_string).collect();
    (0..(words.len() + 1).saturating_sub(p.len())).filter(move |&i| words[i..i + p.len()] == p[..])
}

/// What a name cell says beside the name: in brackets ("Giàng Thị Linh (từ trần)") or after a
/// dash ("Lê Văn A - đã nghỉ hưu"); a name's own words are never read as a note ("Tử Trần").
fn name_annotation(name: &str) -> Option<&str> {
    let note = match name.split_once(['(', '[']) {
        Some((_, rest)) => Some(rest.trim_end_matches([')', ']'])),
        None => name
            .split_once(" - ")
            .or_else(|| name.split_once(" – "))
            .map(|(_, rest)| rest),
    }?;
    // Another name of the cadre ("bí danh Tư Trần", "tức Tư Trần") is no note.
    let f = fold(note);
    let alias = [
        "bi-danh",
        "ten-goi-khac",
        "ten-khac",
        "ten-thuong-goi",
        "tuc",
        "ten-cu",
    ];
    (!alias
        .iter()
        .any(|a| f == *a || f.starts_with(&format!("{a}-"))))
    .then_some(note)
}

/// Notes of posts.csv that say the post may not be vacant to fill ("Đã bổ nhiệm, không còn
/// trống", "Tạm dừng tuyển chọn"), folded as [`NOTES_THAT_MATTER`].
const POST_NOTES_THAT_MATTER: &[&str] = &[
    "da-bo-nhiem",
    "da-bo-tri",
    "da-co-nguoi",
    "khong-con-trong",
    "het-trong",
    "tam-dung",
    "dung-tuyen",
    "khong-tuyen",
    "giai-the",
    "sap-nhap",
    "khong-bo-tri",
];

/// Whether a post's note says one of [`POST_NOTES_THAT_MATTER`] (a denial before it in the
/// clause, "chưa bổ nhiệm", says nothing).
fn post_note_matters(note: &str) -> bool {
    note.split([',', ';']).any(|clause| {
        let words: Vec<String> = fold(clause).split('-').map(str::to_string).collect();
        POST_NOTES_THAT_MATTER.iter().any(|w| {
            phrase_at(&words, w).any(|i| {
                matches!(w.split('-').next(), Some("khong" | "het"))
                    || !words[..i]
                        .iter()
                        .any(|p| matches!(p.as_str(), "khong" | "chua"))
            })
        })
    })
}

/// W2020: a cadre's note (a "Ghi chú" column, not read) that says the cadre may not be movable
/// ("Đã nghỉ hưu", "Không luân chuyển", "Đang bị kỷ luật"): the row is planned as any other, so
/// the note is said at its cell rather than dropped with the column.
/// The same for a post's note (posts.csv, `posts`): one that says the post is filled or closed.
fn notes_that_matter(csv: &Csv, ix: usize, col: &str, posts: bool, diags: &mut Diags) {
    for r in &csv.rows {
        let Some(note) = r.cells.get(ix).filter(|c| !c.is_empty()) else {
            continue;
        };
        let matters = if posts {
            post_note_matters(note)
        } else {
            note_matters(note)
        };
        if !matters {
            continue;
        }
        let (expected, fix) = if posts {
            (
                Say::PostNoteThatMattersExpected,
                Say::PostNoteThatMattersFix,
            )
        } else {
            (Say::NoteThatMattersExpected, Say::NoteThatMattersFix)
        };
        diags.push(
            Diagnostic::new(code::NOTE_THAT_MATTERS, &csv.file)
                .at(Some(r.line), Some(csv.col_number(ix)))
                .field(format!("{}: {col}", csv.name))
                .found(quoted(&shorten(note)))
                .expected(expected)
                .fix(fix),
        );
    }
}

/// A row that is the header again: every filled cell the header's cell above it (compared as
/// keys), and at least half of the header's named cells (two at least) filled so.
fn repeats_header(cells: &[String], header: &[String]) -> bool {
    let named = header.iter().filter(|h| !h.is_empty()).count();
    let mut same = 0;
    for (i, c) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
        match header.get(i) {
            Some(h) if key(h) == key(c) => same += 1,
            _ => return false,
        }
    }
    same >= 2 && 2 * same >= named
}

/// Cells written on several lines, as (line, cell index, the cell as a list): see
/// [`lines_as_list`].
pub(crate) type LineBreaks = Vec<(usize, usize, String)>;

/// How many non-empty rows after the first may be the header when the first is not (a title,
/// a date, the office's name above it).
const HEADER_SEARCH_ROWS: usize = 10;

/// How well the first rows of a table name the columns of `table` (`units`, `posts`, `cadres`):
/// the most distinct columns one of them names. Which of a web page's tables is which.
pub(crate) fn header_fit(table: &str, rows: &[Vec<String>]) -> usize {
    let spec = match table {
        "units" => &UNITS,
        "posts" => &POSTS,
        "cadres" => &CADRES,
        _ => return 0,
    };
    rows.iter()
        .map(|cells| {
            let mut known: Vec<&str> = cells
                .iter()
                .filter_map(|c| canonical_column(c, spec))
                .collect();
            known.sort_unstable();
            known.dedup();
            known.len()
        })
        .max()
        .unwrap_or(0)
}

/// Whether a row reads as the header of `spec`'s table: at least two cells (one for a table of
/// one column) and more than half of its non-empty cells name a column, by id or alias.
fn reads_as_header(cells: &[String], spec: &CsvSpec) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    let known = filled
        .iter()
        .filter(|c| canonical_column(c, spec).is_some())
        .count();
    known >= spec.columns.len().min(2) && known * 2 > filled.len()
}

/// Rows of a table as read: (line or sheet row, cells).
type Records = Vec<(usize, Vec<String>)>;

/// The records from the header on, and the non-empty rows above it that were skipped. The header
/// is the first non-empty row, unless that row does not read as a header and one of the next
/// [`HEADER_SEARCH_ROWS`] non-empty rows does (an office file's title above the table): then
/// that one. A file where no such row is found keeps its first row as the header, so a file
/// without a header, or with a wrong one, is told so as before.
fn past_title_rows(mut records: Records, spec: &CsvSpec) -> (Records, Records) {
    let filled = |r: &(usize, Vec<String>)| r.1.iter().any(|c| !c.is_empty());
    let Some(first) = records.iter().position(filled) else {
        return (records, Vec::new());
    };
    // A row is the header when it reads as one, alone or over the next row (a form's header in
    // two rows whose upper one holds more groups than names).
    let is_header = |i: usize| {
        reads_as_header(&records[i].1, spec)
            || records.get(i + 1).is_some_and(|next| {
                header_below(&records[i].1, &next.1, spec)
                    .is_some_and(|(h, _)| reads_as_header(&h, spec))
            })
    };
    let header = if is_header(first) {
        first
    } else {
        match (first + 1..records.len())
            .filter(|&i| filled(&records[i]))
            .take(HEADER_SEARCH_ROWS)
            .find(|&i| is_header(i))
        {
            Some(i) => i,
            None => return (records, Vec::new()),
        }
    };
    let skipped = records.drain(..header).filter(filled).collect();
    (records, skipped)
}

/// Checks the header of a table's rows (CSV records or sheet rows, cells normalised) against the
/// spec and keeps every non-blank row. `None` if there is no header at all.
pub(crate) fn from_records(
    file: &Path,
    name: String,
    (records, breaks): (Vec<(usize, Vec<String>)>, LineBreaks),
    spec: &CsvSpec,
    sep: Option<u8>,
    col_offset: usize,
    diags: &mut Diags,
) -> Option<Csv> {
    let known = spec.columns;
    let (records, skipped) = past_title_rows(records, spec);
    let (records, two_rows, moved) = two_row_header(records, spec);
    let moved_cells: Vec<(usize, usize, usize)> = moved
        .into_iter()
        .map(|(line, from, to)| (line, from + 1 + col_offset, to + 1 + col_offset))
        .collect();
    if let Some((first, second)) = two_rows {
        diags.note(
            Text::say(Say::NoteTwoRowHeader)
                .arg("file", file.display())
                .arg("first", first)
                .arg("second", second),
        );
    }
    if let Some(d) = legacy_font(file, &name, &records, spec, col_offset) {
        diags.push(d);
        return None;
    }
    if let Some(d) = letters_lost(file, &name, &records, spec, col_offset) {
        diags.push(d);
        return None;
    }
    let mut records = records.into_iter();
    let Some((header_line, header)) = records.next() else {
        let names: Vec<&str> = known.iter().map(|(n, _)| *n).collect();
        diags.push(
            Diagnostic::new(code::NO_HEADER, file)
                .field(name.clone())
                .found(Say::AnEmptyFile)
                .expected(Text::say(Say::AHeaderRowNamingThe).arg("v1", names.join(",")))
                .fix(Say::WriteTheHeaderRowThen),
        );
        return None;
    };
    if let Some((first, _)) = skipped.first() {
        let last = header_line.saturating_sub(1).max(*first);
        let text = rows_text(skipped.iter().map(|(_, cells)| &cells[..]));
        let found = if *first == last {
            Text::say(Say::RowAboveHeaderSkipped).arg("first", first)
        } else {
            Text::say(Say::RowsAboveHeaderSkipped)
                .arg("first", first)
                .arg("last", last)
        };
        diags.push(
            Diagnostic::new(code::TITLE_ROWS_SKIPPED, file)
                .at(Some(*first), None)
                .field(name.clone())
                .found(found.arg("text", quoted(&shorten(&text))))
                .expected(Text::say(Say::HeaderRowReadOnLine).arg("line", header_line))
                .fix(Say::NothingToDoIfTitleRows),
        );
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut layout: Vec<Row> = Vec::new();
    // The header written again (two lists pasted one under the other), and its column numbers
    // under it: no record either.
    let mut after_repeat = false;
    // A section heading that says its people are not to be moved ("II. CÁN BỘ ĐÃ NGHỈ HƯU (không
    // đưa vào luân chuyển)"), over the records under it until the next heading.
    let mut heading: Option<(usize, String)> = None;
    let mut under_heading: Vec<(usize, usize, String)> = Vec::new();
    let mut section_above: Option<(usize, String)> = None;
    let mut headings: HashMap<usize, (usize, String)> = HashMap::new();
    let mut form_lines = std::collections::HashSet::new();
    for (line, cells) in records.filter(|(_, cells)| cells.iter().any(|c| !c.is_empty())) {
        let repeat = repeats_header(&cells, &header);
        let section = section_row(&cells, &header);
        if section {
            let text = rows_text(std::iter::once(&cells[..]));
            // Only a list of cadres is one of people to move.
            let cadres = spec.columns.iter().any(|(n, _)| *n == "planned_titles");
            heading = (cadres && note_matters(&text)).then_some((line, text));
            section_above = cells
                .iter()
                .find(|c| !c.is_empty())
                .map(|c| (line, c.clone()));
        }
        // A form's column numbers under the header, and its totals rows: no record.
        if ((rows.len() + layout.len() < 2 || after_repeat) && numbering_row(&cells))
            || repeat
            || totals_row(&cells)
            || section
        {
            after_repeat = repeat;
            form_lines.insert(line);
            layout.push(Row {
                line,
                well_formed: true,
                cells,
            });
            continue;
        }
        after_repeat = false;
        if let Some((at, text)) = &heading {
            under_heading.push((line, *at, text.clone()));
        }
        if let Some(h) = &section_above {
            headings.insert(line, h.clone());
        }
        rows.push(Row {
            line,
            well_formed: true,
            cells,
        });
    }
    // Only records still read (not the form's foot below) are said.
    let read: std::collections::HashSet<usize> = rows.iter().map(|r| r.line).collect();
    for (line, at, text) in under_heading {
        if !read.contains(&line) {
            continue;
        }
        diags.push(
            Diagnostic::new(code::NOTE_THAT_MATTERS, file)
                .at(Some(line), None)
                .field(name.clone())
                .found(
                    Text::say(Say::RowUnderHeading)
                        .arg("text", quoted(&shorten(&text)))
                        .arg("line", at),
                )
                .expected(Say::NoteThatMattersExpected)
                .fix(Say::NoteThatMattersFix),
        );
    }
    // Rows below the table that are no records: a pre-numbered blank row (STT alone), and the
    // form's foot — "Nơi nhận:", "NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)", a footnote — whose rows
    // fill at most two cells where a record of five or more columns fills them all. They were
    // refused as cadres with missing values ("Nơi nhận:" taken for an id).
    let ignored = |i: usize| header.get(i).is_some_and(|h| ignorable_column(h));
    let filled = |r: &Row| {
        r.cells
            .iter()
            .enumerate()
            .filter(|(i, c)| !c.is_empty() && !ignored(*i))
            .count()
    };
    let columns = (0..header.len()).filter(|&i| !ignored(i)).count();
    // A record written with its id alone (and a name) is no foot: an id has no space in it. So
    // is a move written with its ids alone (a plan's `cadre_id` and `post_id`, added by hand
    // under rotaplan's own rows: read as the foot, they were dropped from `check` and `baseline`).
    let id_cols: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| canonical_column(h, spec).is_some_and(|c| c == "id" || c.ends_with("_id")))
        .map(|(i, _)| i)
        .collect();
    let ided = |r: &Row| {
        id_cols.iter().any(|&i| {
            r.cells
                .get(i)
                .is_some_and(|c| !c.is_empty() && !c.contains(char::is_whitespace))
        })
    };
    let (blank, kept): (Vec<Row>, Vec<Row>) = rows.into_iter().partition(|r| filled(r) == 0);
    rows = kept;
    layout.extend(blank);
    // Words in each filled cell: a row of NUL bytes or numbers is left to the checks of records.
    let worded = |r: &Row| {
        r.cells.iter().all(|c| {
            c.is_empty() || (c.chars().any(char::is_alphabetic) && !c.chars().any(char::is_control))
        })
    };
    // A foot signed by three ("NGƯỜI LẬP BIỂU | KIỂM TRA | TRƯỞNG BAN", their names under) in a
    // wide list fills three cells: read as records, its rows cut the load short with errors.
    let foot_cells = if columns >= 8 {
        (columns / 4).max(3)
    } else {
        2
    };
    if columns >= 5 {
        while rows.len() > 1
            && rows
                .last()
                .is_some_and(|r| filled(r) <= foot_cells && worded(r) && !ided(r))
        {
            layout.extend(rows.pop());
        }
        // A row with an id and words beside it ("C15 | Trần Văn Nam") is a record, whatever
        // heading is above it; "U02 | 7" (a count per unit) is not.
        let named_record = |r: &Row| {
            ided(r)
                && r.cells.iter().enumerate().any(|(i, c)| {
                    !id_cols.contains(&i) && !ignored(i) && c.chars().any(char::is_alphabetic)
                })
        };
        // Another small table below the list, after a blank row and under its own heading
        // ("TỔNG HỢP THEO ĐƠN VỊ", then "Đơn vị | Số lượng" and its rows): each of its rows fills
        // at most two cells. Its rows were refused as cadres with missing values.
        let heading = |i: usize| {
            let r: &Row = &rows[i];
            let text = r
                .cells
                .iter()
                .find(|c| !c.is_empty())
                .map_or("", String::as_str);
            let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
            let capitals = letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase());
            let f = fold(text);
            filled(r) == 1
                && worded(r)
                && (capitals
                    || ["tong-hop", "thong-ke", "bang-tong-hop"]
                        .iter()
                        .any(|p| f.starts_with(p)))
                && i > 0
                && rows[i - 1].line + 1 < r.line
        };
        if let Some(h) = (1..rows.len()).rev().find(|&i| heading(i))
            && rows[h..].iter().all(|r| filled(r) <= 2 && !named_record(r))
        {
            layout.extend(rows.split_off(h));
        }
    }
    layout.sort_by_key(|r| r.line);
    if let Some(first) = layout.first() {
        let lines: Vec<String> = layout.iter().map(|r| r.line.to_string()).collect();
        let text = rows_text(layout.iter().map(|r| &r.cells[..]));
        diags.push(
            Diagnostic::new(code::LAYOUT_ROWS_SKIPPED, file)
                .at(Some(first.line), None)
                .field(name.clone())
                .found(
                    Text::say(Say::LayoutRowsSkipped)
                        .arg("lines", lines.join(", "))
                        .arg("text", quoted(&shorten(&text))),
                )
                .expected(Say::LayoutRowsExpected)
                .fix(Say::LayoutRowsFix),
        );
    }
    let sex_marks = sex_mark_column(&header, spec);
    if let Some(m) = sex_marks {
        diags.note(
            Text::say(match m {
                SexMarks { men: Some(_), .. } => Say::NoteSexFromPairOfMarks,
                SexMarks { woman: true, .. } => Say::NoteSexFromWomanMarks,
                _ => Say::NoteSexFromManMarks,
            })
            .arg("file", file.display())
            .arg("col", quoted(&header[m.col]))
            .arg("men", quoted(m.men.map_or("", |i| header[i].as_str()))),
        );
    }
    let mut csv = Csv {
        file: file.to_path_buf(),
        name,
        header_line,
        columns: HashMap::new(),
        written: HashMap::new(),
        date_orders: Default::default(),
        stored_dates: Default::default(),
        empty_formulas: HashMap::new(),
        date1904: false,
        moved_cells,
        stored_over_12: Default::default(),
        legends: Default::default(),
        rows,
        headings,
        form_lines,
        col_offset,
        sheet: None,
        date_hints: HashMap::new(),
        sex_marks,
    };
    let names: Vec<&str> = known.iter().map(|(n, _)| *n).collect();
    let at_header = |code: &'static str, column: Option<usize>, field: String| {
        Diagnostic::new(code, file)
            .at(Some(header_line), column)
            .field(field)
    };
    let (mut unknown, mut more_unknown) = (0usize, None::<usize>);
    let mut position: Option<usize> = None;
    let mut earlier_years: Vec<(String, usize)> = Vec::new();
    // More columns of planned titles (a term each, "nhiệm kỳ 2026-2031 | 2031-2036", or numbered
    // "1 | 2"): every one is approved planning, so their titles are read together.
    let mut more_titles: Vec<usize> = Vec::new();
    for (ix, col) in header.iter().enumerate() {
        let canonical = match sex_marks {
            Some(m) if m.col == ix => Some("sex"),
            // The men's column of a Nam | Nữ pair: read with the women's.
            Some(m) if m.men == Some(ix) => continue,
            _ => canonical_column(col, spec),
        };
        let shown = canonical.unwrap_or(col.as_str());
        if shown == "planned_titles"
            && let Some(&first) = csv.columns.get(shown)
        {
            // A term that ended before the other began ("2020-2025" beside "2026-2031") is past
            // planning: the later is read, as one column a year is.
            match (header_term(&header[first]), header_term(col)) {
                (Some(old), Some(new)) if old.1 < new.0 => {
                    csv.columns.insert(shown.to_string(), ix);
                    csv.written.insert(shown.to_string(), col.clone());
                    earlier_years.push((shown.to_string(), first));
                }
                (Some(new), Some(old)) if old.1 < new.0 => {
                    earlier_years.push((shown.to_string(), ix));
                }
                _ => more_titles.push(ix),
            }
            continue;
        }
        // One column a year ("Xếp loại năm 2023 | 2024 | 2025"): the latest year's is read, the
        // others are said in a note (deleting "one of the two" kept the oldest rating).
        if let Some(&first) = csv.columns.get(shown)
            && let (Some(new), Some(old)) = (header_year(col), header_year(&header[first]))
            && new != old
        {
            let left = if new > old {
                csv.columns.insert(shown.to_string(), ix);
                csv.written.insert(shown.to_string(), col.clone());
                first
            } else {
                ix
            };
            earlier_years.push((shown.to_string(), left));
            continue;
        }
        // "Tên" (the given name, a sort key) beside "Họ và tên": the full name is read.
        if shown == "name"
            && let Some(&first) = csv.columns.get(shown)
            && (fold(col) == "ten" || fold(&header[first]) == "ten")
        {
            if fold(col) != "ten" {
                csv.columns.insert(shown.to_string(), ix);
                csv.written.insert(shown.to_string(), col.clone());
            }
            let given = if fold(col) == "ten" {
                col
            } else {
                &header[first]
            };
            diags.note(
                Text::say(Say::GivenNameColumnNotRead)
                    .arg("file", file.display())
                    .arg("col", quoted(given)),
            );
            continue;
        }
        if let Some(&first) = csv.columns.get(shown) {
            diags.push(
                at_header(
                    code::DUPLICATE_COLUMN,
                    Some(csv.col_number(ix)),
                    csv.field(shown),
                )
                .found(quoted(col))
                .expected(
                    Text::say(Say::EachColumnOnceAlreadyColumn).arg("v1", csv.col_number(first)),
                )
                .fix(Say::DeleteOrRenameOneOf),
            );
            continue;
        }
        if let Some(canonical) = canonical {
            if let Some(hint) = date_hint(col) {
                csv.date_hints.insert(canonical.to_string(), hint);
            }
            if let Some(legend) = value_legend(col) {
                csv.legends.insert(canonical.to_string(), legend);
            }
            csv.columns.insert(canonical.to_string(), ix);
            if col != canonical {
                csv.written.insert(canonical.to_string(), col.clone());
            }
        } else if spec.strict && (ignorable_column(col) || form_column(col)) {
            diags.note(
                Text::say(if ignorable_column(col) {
                    Say::IgnoredColumn
                } else {
                    Say::FormColumnNotRead
                })
                .arg("file", file.display())
                .arg("col", quoted(col)),
            );
            if spec.columns.iter().any(|(n, _)| *n == "planned_titles") {
                notes_that_matter(&csv, ix, col, false, diags);
            } else if spec.columns.iter().any(|(n, _)| *n == "seats") && note_column(col) {
                notes_that_matter(&csv, ix, col, true, diags);
            }
        } else if spec.strict && position_column(col, spec) {
            // A personnel list's position ("Phó Giám đốc Sở"): whether it leads the unit is not
            // in its words ("Trưởng phòng" of a department is no head of it), so it is not read
            // as the role; said, with the column that is (a warning below when there is none).
            diags.note(
                Text::say(Say::PositionColumnNotRead)
                    .arg("file", file.display())
                    .arg("col", quoted(col)),
            );
            position.get_or_insert(ix);
        } else if spec.strict {
            let holds_data = csv
                .rows
                .iter()
                .any(|r| r.cells.get(ix).is_some_and(|c| !c.is_empty()));
            if col.is_empty() && !holds_data {
                continue; // a trailing empty column, as spreadsheets write them
            }
            // An Excel table's empty column under its default header ("Column1", "Cột2").
            if !holds_data && default_column_header(col) {
                diags.note(
                    Text::say(Say::EmptyDefaultColumnNotRead)
                        .arg("file", file.display())
                        .arg("col", quoted(col)),
                );
                continue;
            }
            // Past the first ones only counted: a header of a million unknown cells took 35 s
            // and 3 GB building messages no one is shown.
            unknown += 1;
            if unknown > MAX_UNKNOWN_COLUMNS {
                more_unknown.get_or_insert(ix);
                continue;
            }
            let fix = match suggest_column(col, spec) {
                Some(s) => Text::say(Say::DidYouMeanRenameTheColumn).arg("name", quoted(s)),
                None if col.is_empty() => Say::NameTheColumnOrDelete.into(),
                None => Say::RenameTheColumnToDocumented.into(),
            };
            diags.push(
                at_header(
                    code::UNKNOWN_COLUMN,
                    Some(csv.col_number(ix)),
                    csv.field(col),
                )
                .found(quoted(col))
                .expected(Text::say(Say::OneOfTheColumns).arg("v1", one_of(&names)))
                .fix(fix),
            );
        }
    }
    if let Some(&read) = csv.columns.get("planned_titles")
        && !more_titles.is_empty()
    {
        join_title_columns(&mut csv.rows, read, &more_titles);
        let others: Vec<String> = more_titles.iter().map(|&i| quoted(&header[i])).collect();
        diags.note(
            Text::say(Say::TitleColumnsJoined)
                .arg("file", file.display())
                .arg("col", quoted(&header[read]))
                .arg("others", others.join(", ")),
        );
    }
    for (shown, left) in earlier_years {
        if let Some(&read) = csv.columns.get(&shown) {
            diags.note(
                Text::say(Say::LatestYearRead)
                    .arg("file", file.display())
                    .arg("col", quoted(&header[read]))
                    .arg("other", quoted(&header[left])),
            );
        }
    }
    // A position column where the role column is due: the rules (H10) read no role at all.
    if let Some(ix) = position.filter(|_| !csv.columns.contains_key("current_role")) {
        diags.push(
            at_header(
                code::POSITION_NOT_ROLE,
                Some(csv.col_number(ix)),
                csv.field("current_role"),
            )
            .found(Text::say(Say::APositionNoRole).arg("col", quoted(&header[ix])))
            .expected(Say::TheRoleColumn)
            .fix(Say::AddTheRoleColumn),
        );
    }
    if let Some(ix) = more_unknown {
        diags.push(
            at_header(
                code::UNKNOWN_COLUMN,
                Some(csv.col_number(ix)),
                csv.name.clone(),
            )
            .found(
                Text::say(Say::UnknownColumnsMore)
                    .arg("n", unknown - MAX_UNKNOWN_COLUMNS)
                    .arg("col", super::diagnostic::column_letters(csv.col_number(ix))),
            )
            .expected(Text::say(Say::OneOfTheColumns).arg("v1", one_of(&names)))
            .fix(Say::RenameTheColumnToDocumented),
        );
    }
    for (col, required) in known {
        if *required && !csv.columns.contains_key(*col) {
            let separator = header.len() == 1
                && header
                    .first()
                    .is_some_and(|h| h.contains(';') || h.contains('\t') || h.contains(','));
            let none_known = csv.columns.is_empty();
            // rotaplan's own plan.json or programme.json given where its table is read.
            let json = none_known
                && header
                    .first()
                    .is_some_and(|h| h.starts_with('{') || h.starts_with('['));
            let fix = if json {
                Say::JsonGivenForTable.into()
            } else if separator {
                Say::HeaderIsOneCell.into()
            } else if none_known {
                Text::say(Say::FirstLineMustBeHeader).arg("names", names.join(","))
            } else {
                Text::say(Say::AddAColumnToHeader).arg("col", col)
            };
            diags.push(
                at_header(spec.missing_code, None, csv.field(col))
                    .found(Text::say(Say::TheHeader).arg("v1", quoted(&header_shown(&header, sep))))
                    .expected(column_expected(col, spec))
                    .fix(fix),
            );
        }
    }
    let width = header.len();
    // A NUL byte inside a cell: the data is damaged there (a binary export, a bad copy).
    let mut nul_rows = Vec::new();
    for (ri, row) in csv.rows.iter().enumerate() {
        for (ix, cell) in row.cells.iter().enumerate() {
            // A cell longer than a spreadsheet cell can hold: no table of people has one, and
            // plan.xlsx could not be written (the plan failed after the solve, with no place).
            // Excel counts UTF-16 units (an emoji is two).
            let chars = cell.encode_utf16().count();
            if chars > MAX_CELL_CHARS {
                let col = header.get(ix).map_or("", String::as_str);
                let shown = canonical_column(col, spec).unwrap_or(col);
                diags.push(
                    Diagnostic::new(code::CELL_TOO_LONG, file)
                        .at(Some(row.line), Some(csv.col_number(ix)))
                        .field(csv.field(shown))
                        .found(Text::say(Say::CellOfChars).arg("chars", chars))
                        .expected(Text::say(Say::AtMostCellChars).arg("max", MAX_CELL_CHARS))
                        .fix(Say::ShortenTheCell),
                );
                if nul_rows.last() != Some(&ri) {
                    nul_rows.push(ri);
                }
                continue;
            }
            // NUL, and the other control characters (ESC, BEL: a damaged export, or text that
            // would drive the terminal and land in every output); a tab or a line end in a
            // quoted cell is text.
            if !cell
                .chars()
                .any(|ch| ch.is_control() && !matches!(ch, '\t' | '\n' | '\r'))
            {
                continue;
            }
            let col = header.get(ix).map_or("", String::as_str);
            let shown = canonical_column(col, spec).unwrap_or(col);
            let visible = crate::domain::text::control_pictures(cell);
            diags.push(
                Diagnostic::new(code::NUL_BYTE, file)
                    .at(Some(row.line), Some(csv.col_number(ix)))
                    .field(csv.field(shown))
                    .found(quoted(&shorten(&visible)))
                    .expected(Say::TextWithoutNULBytes0x00)
                    .fix(Say::RetypeTheCellOrExport),
            );
            if nul_rows.last() != Some(&ri) {
                nul_rows.push(ri);
            }
        }
    }
    for ri in nul_rows {
        csv.rows[ri].well_formed = false;
    }
    for row in &mut csv.rows {
        if !row.well_formed {
            continue;
        }
        let extra_data = row.cells.iter().skip(width).any(|c| !c.is_empty());
        if spec.exact_width && (row.cells.len() < width || extra_data) {
            row.well_formed = false;
            diags.push(
                Diagnostic::new(code::BAD_ROW, file)
                    .at(Some(row.line), None)
                    .field(csv.name.clone())
                    .found(Text::say(Say::Cells).arg("v1", row.cells.len()))
                    .expected(Text::say(Say::CellsAsManyAsThe).arg("width", width))
                    .fix(match sep {
                        Some(b';') => Say::CheckRowSemicolon,
                        Some(b'\t') => Say::CheckRowTab,
                        Some(_) => Say::CheckRowComma,
                        None => Say::CheckRowCell,
                    }),
            );
        }
    }
    // A list written on several lines of one cell: its items (they were read as one title).
    for (line, ix, list) in breaks {
        // A rating a line ("HTTNV" above "HTXSNV") is several years' ratings, not one.
        let is_list = LIST_COLUMNS
            .iter()
            .chain(&["rating"])
            .any(|c| csv.column(c) == Some(ix));
        if let (true, Ok(r)) = (is_list, csv.rows.binary_search_by_key(&line, |r| r.line))
            && let Some(cell) = csv.rows[r].cells.get_mut(ix)
        {
            *cell = list;
        }
    }
    // An Excel error value saved into a CSV ("#N/A" where a lookup found nothing): E2020 at its
    // cell, as in a workbook, the cell then read as empty (it was "a bad date", or an unknown id
    // with the fix "add a row #N/A").
    let mut failed: Vec<(usize, usize)> = Vec::new();
    for (ri, row) in csv.rows.iter().enumerate() {
        for (ix, cell) in row.cells.iter().enumerate() {
            if is_excel_error(cell)
                && let Some(field) = csv.field_at(ix)
            {
                diags.push(
                    Diagnostic::new(code::NO_CELL_VALUE, file)
                        .at(Some(row.line), Some(csv.col_number(ix)))
                        .field(field)
                        .found(Text::say(Say::ExcelErrorValue).arg("error", cell.trim()))
                        .expected(Say::AValueNotAnError)
                        .fix(Say::CorrectTheFailedFormula),
                );
                failed.push((ri, ix));
            }
        }
    }
    for (ri, ix) in failed {
        csv.rows[ri].cells[ix].clear();
    }
    Some(csv)
}

/// Excel's error values, as a cell shows them when its formula failed (and LibreOffice's
/// `Err:502`).
fn is_excel_error(cell: &str) -> bool {
    let cell = cell.trim();
    if let Some(n) = cell.strip_prefix("Err:") {
        return n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit());
    }
    matches!(
        cell.trim().to_ascii_uppercase().as_str(),
        "#N/A"
            | "#REF!"
            | "#VALUE!"
            | "#DIV/0!"
            | "#NAME?"
            | "#NUM!"
            | "#NULL!"
            | "#SPILL!"
            | "#CALC!"
            | "#FIELD!"
            | "#BLOCKED!"
            | "#CONNECT!"
            | "#BUSY!"
            | "#UNKNOWN!"
            | "#GETTING_DATA"
    )
}

/// At most 200 characters of a text shown in a message, cut with `…`.
pub(crate) fn shorten(s: &str) -> String {
    const MAX: usize = 200;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        s.chars().take(MAX).chain(['…']).collect()
    }
}

/// Ids of a table in row order, for lookups and "did you mean".
#[derive(Debug, Default)]
pub(crate) struct Ids {
    /// The rows' names ([`key`]) with their row and id, `None` when two rows share one: a
    /// reference may name a unit ("UBND huyện Yên Sơn" for U16), as offices write it (W2012).
    names: HashMap<String, Option<(u32, String)>>,
    /// The same by [`crate::domain::text::name_keys`]: a name written out or with the old tone
    /// placement (with its marks), and by its letters alone (for a name in capitals or typed
    /// without marks).
    name_words: HashMap<String, Option<(u32, String)>>,
    name_letters: HashMap<String, Option<(u32, String)>>,
    /// Each row's name by its letters' words, with its id and the name as written, in order: a
    /// short name ("Sở Tài chính Lâm Sơn") suggests the one row whose name holds all its words.
    named: Vec<(Vec<String>, String, String)>,
    map: HashMap<String, (u32, usize)>,
    order: Vec<String>,
    /// [`look_alike`] of each id: the first id with it and its line.
    alike: HashMap<String, (String, usize)>,
    /// The workbook's sheet the table was read from (found by its name when the scenario names
    /// none): messages about references to the table name that sheet.
    pub(crate) sheet: Option<String>,
}

/// Where an id was used before: the first row's line, and that row's id when it is not the same
/// text but looks the same.
pub(crate) struct Taken {
    line: usize,
    alike: Option<String>,
}

/// What a person reading a printed table cannot tell apart: case, spaces, full-width forms and
/// invisible characters (zero-width spaces, soft hyphens, direction marks) ("C001", "c001", "C
/// 001", "Ｃ001", "C001\u{200B}" alike). Tone marks tell words apart ("Mỹ Tho", "Mỹ Thọ"): kept.
fn look_alike(id: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let out: String = id
        .nfkc()
        .filter(|&c| !c.is_whitespace() && !invisible(c))
        .flat_map(char::to_lowercase)
        .collect();
    // A whole number exported with its decimals ("5.0", "101.00": a spreadsheet's numbers) is
    // that number.
    let out = match out.split_once('.') {
        Some((int, dec))
            if !int.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit())
                && !dec.is_empty()
                && dec.bytes().all(|b| b == b'0') =>
        {
            int.to_string()
        }
        _ => out,
    };
    // An id of digits alone loses its leading zeros in a workbook ("005" stored as 5 and shown
    // through a "000" format): "005" and "5" are one id.
    if !out.is_empty() && out.bytes().all(|b| b.is_ascii_digit()) {
        let kept = out.trim_start_matches('0');
        return if kept.is_empty() {
            "0".into()
        } else {
            kept.into()
        };
    }
    out
}

impl Ids {
    /// Ids known to be unique, in order.
    pub(crate) fn from_unique<'a>(ids: impl IntoIterator<Item = &'a str>) -> Ids {
        let mut out = Ids::default();
        for (ix, id) in ids.into_iter().enumerate() {
            let _ = out.insert(id, ix as u32, 0);
        }
        out
    }
    /// Registers `id` as row `ix` on `line`; the line of the first row if it is taken.
    /// An id that only looks like an earlier one is taken too: one person entered twice.
    fn insert(&mut self, id: &str, ix: u32, line: usize) -> Result<(), Taken> {
        if let Some(&(_, first)) = self.map.get(id) {
            return Err(Taken {
                line: first,
                alike: None,
            });
        }
        let alike = look_alike(id);
        if let Some((other, first)) = self.alike.get(&alike) {
            return Err(Taken {
                line: *first,
                alike: Some(other.clone()),
            });
        }
        self.alike.insert(alike, (id.to_string(), line));
        self.map.insert(id.to_string(), (ix, line));
        self.order.push(id.to_string());
        Ok(())
    }
    /// The line of the row that registered `id`.
    pub(crate) fn line(&self, id: &str) -> Option<usize> {
        self.map.get(id).map(|&(_, line)| line)
    }
    /// The row of `id`, or of the one id it only looks like ("u18", "Ｕ18" for "U18"): ids are
    /// unique as [`look_alike`] reads them (E2007), so a reference is as well. Such references
    /// were unknown (E2008) though the same difference made two ids one.
    pub(crate) fn get(&self, id: &str) -> Option<u32> {
        self.map
            .get(id)
            .or_else(|| {
                let (same, _) = self.alike.get(&look_alike(id))?;
                self.map.get(same)
            })
            .map(|&(ix, _)| ix)
            .or_else(|| {
                // An id the plan files wrote after a `'` (report::defused: "=X" as "'=X").
                let rest = crate::domain::text::undefused(id);
                (rest.len() < id.len()).then(|| self.get(rest)).flatten()
            })
    }
    pub(crate) fn suggest(&self, id: &str) -> Option<&str> {
        self.suggest_except(id, None)
    }
    /// Registers the rows' names ([`Ids::by_name`]).
    pub(crate) fn set_names<'a>(&mut self, names: impl IntoIterator<Item = (u32, &'a str)>) {
        let id_of: HashMap<u32, &String> = self.map.iter().map(|(id, v)| (v.0, id)).collect();
        for (ix, name) in names {
            let Some(id) = id_of.get(&ix) else {
                continue;
            };
            self.names
                .entry(key(name))
                .and_modify(|v| *v = None)
                .or_insert(Some((ix, id.to_string())));
            let (letters, toned) = crate::domain::text::name_keys(name);
            self.name_words
                .entry(toned.unwrap_or_else(|| letters.clone()))
                .and_modify(|v| *v = None)
                .or_insert(Some((ix, id.to_string())));
            self.named.push((
                letters.split(' ').map(str::to_string).collect(),
                id.to_string(),
                name.to_string(),
            ));
            self.name_letters
                .entry(letters)
                .and_modify(|v| *v = None)
                .or_insert(Some((ix, id.to_string())));
        }
    }
    /// The id and name of the one row whose name holds every word of `written` (two words at
    /// least, in any order), as a suggestion: "Sở Tài chính Lâm Sơn" for U05 "Sở Tài chính tỉnh
    /// Lâm Sơn". `None` when none or several do.
    pub(crate) fn suggest_by_words(&self, written: &str) -> Option<(&str, &str)> {
        let (letters, _) = crate::domain::text::name_keys(written);
        let words: Vec<&str> = letters.split(' ').filter(|w| !w.is_empty()).collect();
        if words.len() < 2 {
            return None;
        }
        let mut holding = self
            .named
            .iter()
            .filter(|(name, _, _)| words.iter().all(|w| name.iter().any(|n| n == w)));
        match (holding.next(), holding.next()) {
            (Some((_, id, name)), None) => Some((id.as_str(), name.as_str())),
            _ => None,
        }
    }
    /// The row and id of the one row named `name`, as written or in other words for the same
    /// name ([`crate::domain::text::name_keys`]).
    pub(crate) fn by_name(&self, name: &str) -> Option<(u32, &str)> {
        match self.names.get(&key(name)) {
            Some(one) => one.as_ref(),
            None => match crate::domain::text::name_keys(name) {
                (_, Some(toned)) => self.name_words.get(&toned)?.as_ref(),
                (letters, None) => self.name_letters.get(&letters)?.as_ref(),
            },
        }
        .map(|(ix, id)| (*ix, id.as_str()))
    }
    /// A suggestion that is not `except` (a cadre is never its own relative).
    fn suggest_except(&self, id: &str, except: Option<&str>) -> Option<&str> {
        closest_id(
            id,
            self.order
                .iter()
                .map(String::as_str)
                .filter(|i| Some(*i) != except),
        )
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

/// A parsed table: one entry per row (`None` for a row with errors) and the ids of all rows.
pub(crate) struct Parsed<T> {
    pub rows: Vec<Option<T>>,
    pub ids: Ids,
}

impl<T> Parsed<T> {
    fn empty() -> Parsed<T> {
        Parsed {
            rows: Vec::new(),
            ids: Ids::default(),
        }
    }
}

/// A date cell of a moves table (history.csv's `start`, `end`) read as the tables read theirs: the
/// header's order ("Từ ngày (tháng/ngày/năm)"), the written-out and loose forms, W2008 for a date
/// that reads both ways. `None` for an empty cell or one reported in `diags`.
pub(crate) fn moves_date(
    csv: &Csv,
    row: &Row,
    col: &str,
    dates: DateFormat,
    diags: &mut Diags,
) -> Option<Date> {
    let mut c = Cells {
        csv,
        row,
        diags,
        ok: true,
        dates,
    };
    c.date(col, false)
}

/// Reading the cells of one row; any problem is reported and makes the row invalid.
struct Cells<'a> {
    csv: &'a Csv,
    row: &'a Row,
    diags: &'a mut Diags,
    ok: bool,
    dates: DateFormat,
}

impl<'a> Cells<'a> {
    fn raw(&self, col: &str) -> Option<&'a str> {
        self.csv.cell(self.row, col)
    }

    /// An optional cell that may say "none" the way lists do ("-", "Không", "N/A"): `None`
    /// then, as an empty cell (a date, a list). Not for booleans, where "Không" is false.
    fn optional_raw(&self, col: &str) -> Option<&'a str> {
        self.raw(col).filter(|s| {
            let t = s.trim();
            !(t.is_empty()
                || matches!(t, "-" | "--" | "–" | "—")
                || matches!(
                    fold(t).as_str(),
                    "khong" | "khong-co" | "n-a" | "na" | "chua-co"
                ))
        })
    }

    fn diag(&self, code: &'static str, col: &str) -> Diagnostic {
        Diagnostic::new(code, &self.csv.file)
            .at(
                Some(self.row.line),
                self.csv.column(col).map(|c| self.csv.col_number(c)),
            )
            .field(self.csv.field(col))
            .found(quoted(self.raw(col).unwrap_or("")))
    }

    fn report(&mut self, d: Diagnostic) {
        self.ok = false;
        self.diags.push(d);
    }

    /// A required cell: `None` (reported) when empty; `None` (already reported) without its column.
    fn required(&mut self, col: &str, expected: Text) -> Option<&'a str> {
        match self.raw(col) {
            None => {
                self.ok = false;
                None
            }
            Some("") => {
                let formula = self.csv.column(col).and_then(|c| {
                    let at = (self.row.line, self.csv.col_number(c));
                    self.csv.empty_formulas.get(&at)
                });
                let d = self.diag(code::MISSING_VALUE, col).expected(expected);
                // The cell is not empty to the eye of whoever opens it: it holds a formula.
                let d = match formula {
                    Some(f) => d
                        .found(Text::say(Say::FormulaOfEmptyValue).arg("formula", quoted(f)))
                        .fix(Say::FormulaOfEmptyValueFix),
                    None => d
                        .found(Say::AnEmptyCell)
                        .fix(Text::say(Say::FillIn).arg("col", self.csv.column_shown(col))),
                };
                self.report(d);
                None
            }
            Some(s) => Some(s),
        }
    }

    fn text(&mut self, col: &str) -> String {
        self.required(col, Say::AValue.into())
            .unwrap_or("")
            .to_string()
    }

    fn optional_text(&mut self, col: &str) -> Option<String> {
        self.raw(col).filter(|s| !s.is_empty()).map(str::to_string)
    }

    /// A whole number in `[min, max]`; `default` when the cell is empty (required without one).
    fn int(&mut self, col: &str, min: i64, max: i64, default: Option<i64>) -> i64 {
        let range = if min <= i64::from(i32::MIN) {
            Say::AWholeNumber.into()
        } else if max >= i64::from(i32::MAX) {
            Text::say(Say::AWholeNumberAtLeast).arg("min", min)
        } else {
            Text::say(Say::AWholeNumberFromTo)
                .arg("min", min)
                .arg("max", max)
        };
        let s = match (self.raw(col), default) {
            (None | Some(""), Some(d)) => return d,
            _ => match self.required(col, range.clone()) {
                Some(s) => s,
                None => return default.unwrap_or(min),
            },
        };
        // "3 (thiếu nhiều)": the number read, the remark said (nothing that matters dropped).
        let remarked = match parse_int(s) {
            Some(_) => None,
            None => super::text::number_with_remark(s),
        };
        if let Some((v, remark)) = remarked {
            let w = self
                .diag(code::NUMBER_WITH_REMARK, col)
                .found(
                    Text::say(Say::NumberWithRemarkRead)
                        .arg("value", quoted(s))
                        .arg("number", v)
                        .arg("remark", quoted(remark)),
                )
                .expected(range.clone())
                .fix(Say::KeepTheNumberAlone);
            self.warn(w);
        }
        match parse_int(s).or(remarked.map(|(v, _)| v)) {
            None => {
                let d = self.diag(code::BAD_NUMBER, col).expected(range).fix(
                    if super::text::grouped_by_threes(s.trim()) {
                        Say::WriteWithoutThousandsSeparators
                    } else {
                        Say::WriteAWholeNumberWith
                    },
                );
                self.report(d);
                min
            }
            Some(v) if v < min || v > max => {
                let d = self
                    .diag(code::OUT_OF_RANGE, col)
                    .expected(range)
                    .fix(Text::say(Say::UseAValueTheColumn).arg("col", col));
                self.report(d);
                min
            }
            Some(v) => v,
        }
    }

    fn date(&mut self, col: &str, required: bool) -> Option<Date> {
        // The header's own order, under the default `date_format` (a stated one wins).
        let dates = match (self.dates, self.csv.date_hints.get(col)) {
            (DateFormat::Auto, Some(&hint)) => hint,
            (d, _) => d,
        };
        let s = if required {
            self.required(col, dates.expected().into())?
        } else if matches!(col, "rotation_end" | "health_cert_date") {
            // "Không" there is no rotation, no certificate; in `vacant_from` it may mean "not
            // vacant", the opposite of an empty cell, so only these read it so.
            self.optional_raw(col)?
        } else if col == "vacant_from" {
            // A dash is nothing there too; "Không" (no) says neither a date nor plainly nothing.
            let s = self
                .raw(col)
                .filter(|s| !s.trim().is_empty() && !matches!(s.trim(), "-" | "--" | "–" | "—"))?;
            if matches!(
                fold(s).as_str(),
                "khong"
                    | "khong-co"
                    | "chua"
                    | "chua-co"
                    | "chua-trong"
                    | "khong-trong"
                    | "n-a"
                    | "na"
            ) {
                let d = self
                    .diag(code::BAD_DATE, col)
                    .expected(dates.expected())
                    .fix(Say::VacantFromNotADate);
                self.report(d);
                return None;
            }
            s
        } else {
            self.raw(col).filter(|s| !s.is_empty())?
        };
        let month_first = dates == DateFormat::MonthDayYear;
        let (read_as, other_order) = if month_first {
            (Say::OrderMonthDayYear, Say::OrderDayMonthYear)
        } else {
            (Say::OrderDayMonthYear, Say::OrderMonthDayYear)
        };
        let strict = parse_date_as(s, dates);
        let loose = strict.is_err().then(|| loose_date(s, dates)).flatten();
        // `date_format: yyyy-mm-dd` reads ISO alone (the loose forms still name the fix).
        let iso_only = dates == DateFormat::Iso;
        let parsed = match loose {
            Some(LooseDate::Written(d)) if !iso_only => Ok(d),
            // Personnel records often keep the month and year of birth alone: its first day is
            // read, which moves no retirement (Decree 135's date is a month's last day).
            Some(LooseDate::MonthYear(d)) if col == "birth_date" && !iso_only => {
                let w = self
                    .diag(code::BIRTH_MONTH_ONLY, col)
                    .found(
                        Text::say(Say::MonthOfBirthRead)
                            .arg("value", quoted(s))
                            .arg("date", d),
                    )
                    .expected(Say::ABirthDateWithItsDay)
                    .fix(Say::WriteTheDayOfBirth);
                self.warn(w);
                Ok(d)
            }
            _ => strict,
        };
        match parsed {
            // A year no cadre's date has: Excel's empty date (00/01/1900, read 1899-12-31), a
            // time alone, a mistyped year ("0075").
            Ok(d) if !(1900..=2200).contains(&chrono::Datelike::year(&d)) => {
                let e = self
                    .diag(code::BAD_DATE, col)
                    .expected(Say::ADateFrom1900)
                    .fix(Say::CorrectTheYearEmptyDate);
                self.report(e);
                None
            }
            Ok(mut d) => {
                if s.as_bytes().get(4).is_none_or(|b| *b != b'-') {
                    self.diags.note(
                        Text::say(Say::NoteDatesRead)
                            .arg("file", self.csv.file.display())
                            .text("order", read_as.into()),
                    );
                }
                // Excel on a machine set to the US order stores a typed dd/mm date whose day is
                // 12 or less with day and month swapped, and keeps the others as text: a stored
                // date in a column whose text dates are day first may be one of them.
                let stored = self
                    .csv
                    .column(col)
                    .is_some_and(|c| self.csv.stored(self.row.line, self.csv.col_number(c)));
                if stored && dates != DateFormat::MonthDayYear {
                    use chrono::Datelike;
                    let order = self.csv.date_order(col);
                    let own_proof = order.day_first.is_some() && order.month_first.is_none();
                    // The column's own text dates, else another date column's of the table.
                    let proof = match (order.day_first, order.month_first) {
                        (Some((line, value)), None) => Some(
                            Text::say(Say::ColumnOrderShownBy)
                                .arg("line", line)
                                .arg("value", quoted(&value)),
                        ),
                        (None, None) => self.csv.sheet_day_first().map(|(other, line, value)| {
                            Text::say(Say::SheetOrderShownBy)
                                .arg("column", self.csv.field(&other))
                                .arg("line", line)
                                .arg("value", quoted(&value))
                        }),
                        _ => None,
                    };
                    // Proven by the column's own typed dates and by at least three stored ones,
                    // none of them past day 12 (typed by people, most would be): swapped back.
                    // Three different days at least: a column of 1st-of-month dates (effective
                    // dates) stored right on a Vietnamese computer is no swap.
                    let (over_12, stored_n, days) = self.csv.stored_day_counts(col);
                    let swapped = (own_proof && stored_n >= 3 && days >= 3 && !over_12)
                        .then(|| Date::from_ymd_opt(d.year(), d.day(), d.month()))
                        .flatten();
                    if let Some(proof) = proof.clone()
                        && d.day() <= 12
                        && d.day() != d.month()
                        && !over_12
                        && let Some(back) = swapped
                    {
                        let w = self
                            .diag(code::AMBIGUOUS_DATE, col)
                            .found(
                                Text::say(Say::StoredDateSwappedBack)
                                    .arg("iso", d)
                                    .arg("swapped", back),
                            )
                            .expected(proof.text("order", Say::OrderDayMonthYear.into()))
                            .fix(Text::say(Say::StoredDateSwappedBackFix).arg("n", stored_n));
                        self.warn(w);
                        d = back;
                    } else if let Some(proof) = proof
                        && d.day() <= 12
                        && d.day() != d.month()
                        && !over_12
                    {
                        let w = self
                            .diag(code::AMBIGUOUS_DATE, col)
                            .found(Text::say(Say::StoredDateMaybeSwapped).arg("iso", d).arg(
                                "swapped",
                                format!("{:04}-{:02}-{:02}", d.year(), d.day(), d.month()),
                            ))
                            .expected(proof.text("order", Say::OrderDayMonthYear.into()))
                            .fix(Say::StoredDateSwappedFix);
                        self.warn(w);
                    }
                }
                // A date that reads both ways, in a column that provably writes the other order:
                // said, not silently read in the declared order.
                if let Some((a, b)) = date_parts(s)
                    && a <= 12
                    && b <= 12
                    && a != b
                {
                    let order = self.csv.date_order(col);
                    let both = (order.day_first.clone(), order.month_first.clone());
                    let (proof, against, fix) = if month_first {
                        (order.day_first, order.month_first, Say::SetDateFormatDmy)
                    } else {
                        (order.month_first, order.day_first, Say::SetDateFormatMdy)
                    };
                    // The column writes both orders (which this one is, no one can say), or
                    // provably the other one.
                    let said = match (both, proof, against) {
                        ((Some((l1, v1)), Some((l2, v2))), ..) => Some((
                            Text::say(Say::ColumnMixesOrders)
                                .arg("day_line", l1)
                                .arg("day_value", quoted(&v1))
                                .arg("month_line", l2)
                                .arg("month_value", quoted(&v2)),
                            Text::say(Say::WriteMixedDatesIso),
                        )),
                        (_, Some((line, value)), None) => Some((
                            Text::say(Say::ColumnOrderShownBy)
                                .arg("line", line)
                                .arg("value", quoted(&value))
                                .text("order", other_order.into()),
                            Text::say(fix),
                        )),
                        _ => None,
                    };
                    if let Some((expected, fix)) = said {
                        let w = self
                            .diag(code::AMBIGUOUS_DATE, col)
                            .found(
                                Text::say(Say::AmbiguousDateRead)
                                    .arg("value", quoted(s))
                                    .arg("iso", d)
                                    .text("order", read_as.into()),
                            )
                            .expected(expected)
                            .fix(fix);
                        self.warn(w);
                    }
                }
                Some(d)
            }
            Err(expected) => {
                // The column provably writes the other order (and never the declared one): name
                // the `date_format:` that reads it.
                let order = self.csv.date_order(col);
                let fix = match (loose, dates, order) {
                    (Some(LooseDate::MonthYear(d)), ..) => Text::say(Say::WriteTheDayToo)
                        .arg("value", quoted(s))
                        .arg("date", d),
                    // Any day of the quarter may be meant: its last is the sure one.
                    (Some(LooseDate::Quarter(first, last)), ..) => Text::say(Say::QuarterNotADate)
                        .arg("value", quoted(s))
                        .arg("first", first)
                        .arg("last", last),
                    (Some(LooseDate::YearAlone), ..) if col == "birth_date" => {
                        Say::YearOfBirthAloneFix.into()
                    }
                    (Some(LooseDate::YearAlone), ..) => Say::YearAloneFix.into(),
                    (Some(LooseDate::TwoDigitYear), ..) => Say::FourDigitYearFix.into(),
                    (Some(LooseDate::NoSuchDay), ..) => Say::WrittenDateNoSuchDay.into(),
                    (Some(LooseDate::Written(d)), ..) => Text::say(Say::WriteTheDateIso)
                        .arg("value", quoted(s))
                        .arg("iso", d),
                    (_, dates, order) => match (dates, order) {
                        (
                            DateFormat::Auto | DateFormat::DayMonthYear,
                            DateOrder {
                                month_first: Some((line, value)),
                                day_first: None,
                            },
                        ) => Text::say(Say::FixDateFormatMdy)
                            .arg("line", line)
                            .arg("value", quoted(&value)),
                        (
                            DateFormat::MonthDayYear,
                            DateOrder {
                                day_first: Some((line, value)),
                                month_first: None,
                            },
                        ) => Text::say(Say::FixDateFormatDmy)
                            .arg("line", line)
                            .arg("value", quoted(&value)),
                        (
                            _,
                            DateOrder {
                                day_first: Some((l1, v1)),
                                month_first: Some((l2, v2)),
                            },
                        ) if excel_serial(s, self.csv.date1904).is_none() => {
                            Text::say(Say::ColumnMixesOrders)
                                .arg("day_line", l1)
                                .arg("day_value", quoted(&v1))
                                .arg("month_line", l2)
                                .arg("month_value", quoted(&v2))
                                .then(Text::value(": "))
                                .then(Say::WriteMixedDatesIso.into())
                        }
                        _ => match excel_serial(s, self.csv.date1904) {
                            // A date column formatted General in Excel shows its days' count.
                            Some(date) => Text::say(Say::DateSerialFix)
                                .arg("value", quoted(s))
                                .arg("date", date),
                            None => Say::WriteTheDateAsYYYY.into(),
                        },
                    },
                };
                // Each kind of loose date is its own group, with its own fix.
                let kind = match loose {
                    Some(LooseDate::MonthYear(_)) => "month and year",
                    Some(LooseDate::YearAlone) => "year alone",
                    Some(LooseDate::TwoDigitYear) => "two-digit year",
                    Some(LooseDate::NoSuchDay) => "no such day",
                    Some(LooseDate::Written(_)) => "written",
                    Some(LooseDate::Quarter(..)) => "quarter",
                    None => "",
                };
                let d = self
                    .diag(code::BAD_DATE, col)
                    .expected(expected)
                    .fix(fix)
                    .group(kind);
                self.report(d);
                None
            }
        }
    }

    /// `ethnic_minority`: a boolean, or the ethnic group as personnel forms write it in their
    /// "Dân tộc" column: "Kinh" (the majority) is false, one of the 53 other groups ("Tày",
    /// "dân tộc Thái", "H'Mông") true.
    fn ethnic(&mut self) -> Option<bool> {
        // "-", "N/A": nothing said, as an empty cell.
        let s = self.optional_raw("ethnic_minority")?;
        if let Ok(b) = parse_bool(s) {
            return b;
        }
        // A local group or branch after the name ("Thái (đen)", "Sán Chay (Cao Lan)", "Dao đỏ",
        // "H'Mông trắng"): the longest first words that name a group.
        let f = fold(s.split('(').next().unwrap_or(s));
        // "DTTS", "Thiểu số", "dân tộc thiểu số": a minority, its group not said.
        if matches!(
            f.as_str(),
            "dtts" | "thieu-so" | "dan-toc-thieu-so" | "nguoi-dan-toc-thieu-so"
        ) {
            return Some(true);
        }
        let words: Vec<&str> = ["dan-toc-", "nguoi-", "dt-"]
            .iter()
            .find_map(|p| f.strip_prefix(p))
            .unwrap_or(&f)
            .split('-')
            .collect();
        for n in (1..=words.len()).rev() {
            let group = words[..n].concat();
            // "Việt" is the Kinh's other name.
            if group == "kinh" || group == "viet" {
                return Some(false);
            }
            if ETHNIC_MINORITIES.contains(&group.as_str()) {
                return Some(true);
            }
        }
        let d = self
            .diag(code::BAD_ENUM, "ethnic_minority")
            .expected(Say::ABooleanOrEthnicGroup)
            .fix(Say::WriteTheEthnicGroup);
        self.report(d);
        None
    }

    fn flag(&mut self, col: &str) -> Option<bool> {
        let s = self.raw(col)?;
        match parse_bool(s) {
            Ok(b) => b,
            // "-", "Không có", "N/A": none, as an empty cell.
            Err(()) if self.optional_raw(col).is_none() => None,
            // A difficult area as lists name it ("ĐBKK", "Biên giới", "Khu vực III").
            Err(()) if col == "difficult" && difficult_area(s).is_some() => difficult_area(s),
            Err(()) => {
                let d = self
                    .diag(code::BAD_ENUM, col)
                    .expected(Text::say(Say::ABoolean).text("BOOL_EXPECTED", BOOL_EXPECTED.into()))
                    .fix(Say::WriteTrueOrFalse);
                self.report(d);
                None
            }
        }
    }

    /// One of a fixed set of names (any case).
    fn choice<T: Copy>(
        &mut self,
        col: &str,
        options: &[(&'static str, T)],
        required: bool,
    ) -> Option<T> {
        let hint = Text::say(if col == "sex" {
            Say::WriteMForNamFForNu
        } else {
            Say::UseOneOfTheListedValues
        });
        let mut names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        if col == "sex" {
            // The Vietnamese words read below are accepted as well: say so.
            names.extend(["Nam", "Nữ"]);
        }
        let s = if required {
            self.required(col, Text::say(Say::OneOf).arg("v1", one_of(&names)))?
        } else {
            self.raw(col).filter(|s| !s.is_empty())?
        };
        // A code the header explains ("Giới tính (1: Nam; 2: Nữ)"): what it stands for.
        let explained = self.csv.legends.get(col).and_then(|l| {
            l.iter()
                .find(|(code, _)| key(code) == key(s))
                .map(|(_, meaning)| meaning.clone())
        });
        let s = explained.as_deref().unwrap_or(s);
        // What no one sees is not part of the value ("F" and a direction mark).
        let visible: String = s.chars().filter(|&c| !invisible(c)).collect();
        let s = visible.trim();
        if let Some((_, v)) = options.iter().find(|(n, _)| n.eq_ignore_ascii_case(s)) {
            return Some(*v);
        }
        // The value in Vietnamese, as the office's lists write it ("cấp tỉnh", "Cấp trưởng", "Kế
        // toán"), with or without diacritics.
        let f = fold(s);
        let of = if col == "current_role" { "role" } else { col };
        if let Some((_, name)) = VIETNAMESE_VALUES
            .iter()
            .find(|(c, words, _)| *c == of && words.contains(&f.as_str()))
            .map(|(_, _, name)| ((), *name))
            && let Some((_, v)) = options.iter().find(|(n, _)| *n == name)
        {
            return Some(*v);
        }
        if col == "sex" {
            // "Nam giới", "Nữ giới"; "Ông", "Bà" as lists of officials address them.
            match f.as_str() {
                "nam" | "nam-gioi" | "ong" | "male" | "man" => {
                    return options.first().map(|(_, v)| *v);
                }
                "nu" | "nu-gioi" | "ba" | "female" | "woman" => {
                    return options.get(1).map(|(_, v)| *v);
                }
                _ => {}
            }
        }
        // "Thành phố" alone: a city of a province or one run by the centre, two levels apart.
        let fix = if of == "tier" && matches!(f.as_str(), "thanh-pho" | "tp" | "t-p") {
            Say::CityAloneIsEitherTier.into()
        } else if col == "sex" && s.chars().count() == 1 {
            // One letter is no misspelling of another ("W", a woman, is no "M").
            hint
        } else {
            did_you_mean(closest_name(s, names.iter().copied())).then(hint)
        };
        // The Vietnamese words read too, as the lists write them: the office types those.
        let words: Vec<&str> = VIETNAMESE_SHOWN
            .iter()
            .filter(|(c, v, w)| *c == of && names.contains(v) && !names.contains(w))
            .map(|(_, _, w)| *w)
            .collect();
        let expected = if words.is_empty() {
            Text::say(Say::OneOf).arg("v1", one_of(&names))
        } else {
            Text::say(Say::OneOfOrVietnamese)
                .arg("v1", one_of(&names))
                .arg("words", words.join(", "))
        };
        let d = self.diag(code::BAD_ENUM, col).expected(expected).fix(fix);
        self.report(d);
        None
    }

    /// A reference to a row of another table (`Ok(None)` for an empty optional cell; `Err` when
    /// reported or unknowable).
    /// W2012: the unit `value` written by its name where its id `id` is due.
    fn warn_unit_by_name(&mut self, col: &str, value: &str, id: &str, table: &str) {
        let d = self
            .diag(code::UNIT_BY_NAME, col)
            .found(
                Text::say(Say::UnitGivenByName)
                    .arg("value", quoted(value))
                    .arg("id", quoted(id))
                    .arg("units", table),
            )
            .expected(Text::say(Say::TheIdOfARow2).arg("table", table))
            .fix(Text::say(Say::WriteTheUnitsId).arg("id", quoted(id)))
            .group(key(value));
        self.warn(d);
    }

    fn reference(
        &mut self,
        col: &str,
        required: bool,
        table: &str,
        ids: Option<&Ids>,
    ) -> Result<Option<u32>, ()> {
        let s = if required {
            self.required(col, Text::say(Say::TheIdOfARow2).arg("table", table))
                .ok_or(())?
        } else {
            // "-", "Không", "N/A": none (E2008 said to add a row "-" to the table).
            match self.optional_raw(col) {
                Some(s) => s,
                None => return Ok(None),
            }
        };
        let Some(ids) = ids else {
            self.ok = false; // the other table could not be read: already reported
            return Err(());
        };
        match ids.get(s) {
            Some(ix) => Ok(Some(ix)),
            None if ids.by_name(s).is_some() => {
                let (ix, id) = ids.by_name(s).expect("named");
                self.warn_unit_by_name(col, s, id, table);
                Ok(Some(ix))
            }
            None => {
                let mut d =
                    unknown_reference(self.diag(code::UNKNOWN_REFERENCE, col), s, table, ids);
                if let Some((id, name)) = ids.suggest_by_words(s) {
                    d.fix = Text::say(Say::DidYouMeanCorrectOrAddRow)
                        .arg("name", format!("{} ({name})", quoted(id)))
                        .arg("id", quoted(s))
                        .arg("table", table);
                }
                // A cadre of a unit outside the scenario ("Sở Tài chính tỉnh Sơn La") has none.
                if col == "current_unit" {
                    d.fix = std::mem::take(&mut d.fix).then(Say::OrLeaveTheUnitEmpty.into());
                }
                self.report(d);
                Err(())
            }
        }
    }

    /// Registers the row's id: a duplicate is reported with the line of the first.
    fn id(&mut self, ids: &mut Ids, ix: u32) -> String {
        let id = self.text("id");
        if !id.is_empty()
            && let Err(taken) = ids.insert(&id, ix, self.row.line)
        {
            let mut d = self
                .diag(code::DUPLICATE_ID, "id")
                .expected(Text::say(Say::AUniqueIdFirstUsed).arg("first", taken.line))
                .fix(Say::GiveOneOfTheTwo);
            if let Some(other) = taken.alike {
                d = d.found(
                    Text::say(Say::AnIdThatLooksLike)
                        .arg("v1", quoted(&id))
                        .arg("v2", quoted(&other)),
                );
            }
            self.report(d);
        }
        id
    }
}

fn unknown_reference(d: Diagnostic, id: &str, table: &str, ids: &Ids) -> Diagnostic {
    unknown_reference_except(d, id, table, ids, None)
}

fn unknown_reference_except(
    d: Diagnostic,
    id: &str,
    table: &str,
    ids: &Ids,
    except: Option<&str>,
) -> Diagnostic {
    let fix = match ids.suggest_except(id, except) {
        Some(s) => Text::say(Say::DidYouMeanCorrectOrAddRow)
            .arg("name", quoted(s))
            .arg("id", quoted(id))
            .arg("table", table),
        None => Text::say(Say::CorrectTheIdOrAddRow)
            .arg("id", quoted(id))
            .arg("table", table),
    };
    d.expected(Text::say(Say::TheIdOfARow2).arg("table", table))
        .fix(fix)
}

const TIERS: &[(&str, Tier)] = &[
    ("central", Tier::Central),
    ("province", Tier::Province),
    ("district", Tier::District),
    ("commune", Tier::Commune),
];
const ROLES: &[(&str, Role)] = &[
    ("head", Role::Head),
    ("deputy", Role::Deputy),
    ("member", Role::Member),
];
const FUNCTIONS: &[(&str, Function)] = &[
    ("personnel", Function::Personnel),
    ("accounting", Function::Accounting),
    ("treasury", Function::Treasury),
    ("storekeeper", Function::Storekeeper),
];
const SEXES: &[(&str, Sex)] = &[("M", Sex::M), ("F", Sex::F)];

/// The values of `tier`, `role` (and `current_role`) and `function` in Vietnamese, [`fold`]ed,
/// and the documented value each means.
const VIETNAMESE_VALUES: &[(&str, &[&str], &str)] = &[
    ("tier", &["trung-uong", "cap-trung-uong", "tw"], "central"),
    (
        "tier",
        &[
            "tinh",
            "cap-tinh",
            "thanh-pho-truc-thuoc-trung-uong",
            "tinh-thanh-pho-truc-thuoc-trung-uong",
            "tinh-thanh-pho",
            "tp-truc-thuoc-trung-uong",
            "tp-truc-thuoc-tw",
        ],
        "province",
    ),
    (
        "tier",
        // A city inside a province is of the district level ("Thành phố" alone may be either).
        &[
            "huyen",
            "cap-huyen",
            "quan",
            "thi-xa",
            "thanh-pho-thuoc-tinh",
            "tp-thuoc-tinh",
        ],
        "district",
    ),
    (
        "tier",
        // "Đặc khu": an island's special zone, of the commune level since 1 July 2025.
        &[
            "xa",
            "cap-xa",
            "phuong",
            "thi-tran",
            "cap-co-so",
            "co-so",
            "dac-khu",
        ],
        "commune",
    ),
    (
        "role",
        &["cap-truong", "truong", "nguoi-dung-dau", "dung-dau"],
        "head",
    ),
    (
        "role",
        &["cap-pho", "pho", "pho-truong", "pho-phu-trach"],
        "deputy",
    ),
    (
        "role",
        &[
            "thanh-vien",
            "chuyen-vien",
            "can-bo",
            "nhan-vien",
            "uy-vien",
        ],
        "member",
    ),
    (
        "function",
        &["to-chuc-can-bo", "tccb", "to-chuc", "nhan-su"],
        "personnel",
    ),
    ("function", &["ke-toan"], "accounting"),
    ("function", &["thu-quy"], "treasury"),
    ("function", &["thu-kho"], "storekeeper"),
];

/// How [`VIETNAMESE_VALUES`] are shown in E2004's expected values: (column, value, words).
const VIETNAMESE_SHOWN: &[(&str, &str, &str)] = &[
    ("tier", "central", "Trung ương"),
    ("tier", "province", "Tỉnh"),
    ("tier", "district", "Huyện"),
    ("tier", "commune", "Xã"),
    ("role", "head", "Cấp trưởng"),
    ("role", "deputy", "Cấp phó"),
    ("role", "member", "Thành viên"),
    ("function", "personnel", "Tổ chức cán bộ"),
    ("function", "accounting", "Kế toán"),
    ("function", "treasury", "Thủ quỹ"),
    ("function", "storekeeper", "Thủ kho"),
    ("sex", "M", "Nam"),
    ("sex", "F", "Nữ"),
];

/// Reports a table with a header but no rows.
fn check_not_empty(csv: &Csv, diags: &mut Diags) {
    if csv.rows.is_empty() {
        diags.push(
            Diagnostic::new(code::EMPTY_TABLE, &csv.file)
                .at(Some(csv.header_line), None)
                .field(csv.name.clone())
                .found(Say::AHeaderAndNoRows)
                .expected(Say::AtLeastOneRow)
                .fix(Say::AddTheRowsOrCheck),
        );
    }
}

/// The six socio-economic regions (Resolution 81/2023/QH15) as offices abbreviate them, by their
/// [`region_key`] without the aliases: the abbreviation, then the region's key.
const REGION_ALIASES: &[(&str, &str)] = &[
    ("td-mn-phia-bac", "trung-du-mien-nui-phia-bac"),
    ("td-mnpb", "trung-du-mien-nui-phia-bac"),
    ("tdmnpb", "trung-du-mien-nui-phia-bac"),
    ("td-mn-pb", "trung-du-mien-nui-phia-bac"),
    ("trung-du-mien-nui-bac-bo", "trung-du-mien-nui-phia-bac"),
    ("dbsh", "dong-bang-song-hong"),
    ("btb-dhmt", "bac-trung-bo-duyen-hai-mien-trung"),
    ("btbdhmt", "bac-trung-bo-duyen-hai-mien-trung"),
    ("dnb", "dong-nam-bo"),
    ("dbscl", "dong-bang-song-cuu-long"),
];

/// What a region is compared by: folded ([`fold`]: case, diacritics and punctuation do not
/// count), without "và" and a leading "Vùng", the usual abbreviations of the six regions written
/// out. "Trung du – miền núi phía Bắc", "Trung du, miền núi phía Bắc" and "TD&MN phía Bắc" are
/// "Trung du và miền núi phía Bắc": a dash for "và" made a region of its own, and a move between
/// the two spellings earned the new-region point.
pub(crate) fn region_key(region: &str) -> String {
    let folded = fold(region);
    let mut words: Vec<&str> = folded.split('-').filter(|w| *w != "va").collect();
    if words.len() > 1 && words[0] == "vung" {
        words.remove(0);
    }
    let k = words.join("-");
    REGION_ALIASES
        .iter()
        .find(|(a, _)| *a == k)
        .map_or(k, |(_, full)| full.to_string())
}

pub(crate) fn units(csv: &Csv, diags: &mut Diags) -> Parsed<Unit> {
    check_not_empty(csv, diags);
    // One spelling per region: the first row's. Regions are compared as written (a move to
    // another region is a training gain), and "Tây Bắc" beside "TÂY BẮC", its NFD form or "Tay
    // Bac" typed without a Vietnamese keyboard is one region (as provinces are), as are the
    // spellings [`region_key`] reads as one.
    let mut spelled: HashMap<String, String> = HashMap::new();
    let mut parsed = each_row(csv, diags, DateFormat::Auto, |c, id, _| {
        let name = c.text("name");
        let tier = c.choice("tier", TIERS, true);
        let province = c.optional_text("province");
        let region = c.text("region");
        let shortage = c.int("shortage", 0, 3, None);
        let difficult = c.flag("difficult").unwrap_or(false);
        match (tier, &province) {
            (Some(Tier::Central), Some(_)) => {
                let d = c
                    .diag(code::IMPOSSIBLE_VALUE, "province")
                    .expected(Say::AnEmptyCellACentral)
                    .fix(Say::EmptyTheProvinceOrCorrect);
                c.report(d);
            }
            (Some(t), None) if t != Tier::Central => {
                let d = c
                    .diag(code::IMPOSSIBLE_VALUE, "province")
                    .found(Text::say(Say::NoProvinceForAUnit).text(
                        "v1",
                        Text::say(match t {
                            Tier::Province => Say::TierProvinceWord,
                            Tier::District => Say::TierDistrictWord,
                            _ => Say::TierCommuneWord,
                        }),
                    ))
                    .expected(Say::TheIdOfTheProvince)
                    .fix(Say::FillInTheProvinceIts);
                c.report(d);
            }
            _ => {}
        }
        match (c.ok, tier) {
            (true, Some(tier)) => Some(Unit {
                id,
                name,
                tier,
                province,
                region,
                shortage: shortage as u8,
                difficult,
            }),
            _ => None,
        }
    });
    for u in parsed.rows.iter_mut().flatten() {
        let first = spelled
            .entry(region_key(&u.region))
            .or_insert_with(|| u.region.clone());
        u.region.clone_from(first);
    }
    // One province written several ways ("Lạng Sơn", "Lang Son", "lang-son", "LANG-SON") is one
    // province, spelt as first written: H8 compares provinces as read.
    let mut provinces_spelled: HashMap<String, String> = HashMap::new();
    for u in parsed.rows.iter_mut().flatten() {
        if let Some(p) = &mut u.province {
            let key = national(p).map_or_else(|| provinces::folded(p), str::to_string);
            let first = provinces_spelled.entry(key).or_insert_with(|| p.clone());
            p.clone_from(first);
        }
    }
    let names: Vec<(u32, String)> = parsed
        .rows
        .iter()
        .enumerate()
        .filter_map(|(ix, u)| Some((ix as u32, u.as_ref()?.name.clone())))
        .collect();
    parsed
        .ids
        .set_names(names.iter().map(|(ix, n)| (*ix, n.as_str())));
    parsed
}

/// One spelling per sector, the first post's, whatever the case, Unicode form or diacritics
/// ("Chinh quyen" typed without a Vietnamese keyboard is "Chính quyền"): a move to another
/// sector is a training gain, a same-sector move a fit. Keyed by [`fold`].
fn sector_spellings<'a>(sectors: impl Iterator<Item = &'a str>) -> HashMap<String, String> {
    let mut spelled: HashMap<String, String> = HashMap::new();
    for s in sectors {
        spelled.entry(fold(s)).or_insert_with(|| s.to_string());
    }
    spelled
}

/// Every row of `csv` read by `read` (its cells, its id, its index); a malformed row only claims its
/// id, so that references to it do not cascade into errors.
fn each_row<T>(
    csv: &Csv,
    diags: &mut Diags,
    dates: DateFormat,
    mut read: impl FnMut(&mut Cells<'_>, String, usize) -> Option<T>,
) -> Parsed<T> {
    let mut out = Parsed::empty();
    for (ix, row) in csv.rows.iter().enumerate() {
        if !row.well_formed {
            register_only(csv, row, &mut out.ids, ix);
            out.rows.push(None);
            continue;
        }
        let mut c = Cells {
            csv,
            row,
            diags: &mut *diags,
            ok: true,
            dates,
        };
        let id = c.id(&mut out.ids, ix as u32);
        out.rows.push(read(&mut c, id, ix));
    }
    out
}

/// A malformed row still claims its id, so that references to it do not cascade into errors.
fn register_only(csv: &Csv, row: &Row, ids: &mut Ids, ix: usize) {
    if let Some(id) = csv.cell(row, "id").filter(|s| !s.is_empty()) {
        let _ = ids.insert(id, ix as u32, row.line);
    }
}

pub(crate) fn posts(
    csv: &Csv,
    units_file: &str,
    units: Option<&Ids>,
    unit_rows: Option<&[Unit]>,
    rules: &RuleSet,
    dates: DateFormat,
    diags: &mut Diags,
) -> Parsed<Post> {
    check_not_empty(csv, diags);
    let units = units.filter(|u| !u.is_empty());
    let not_local_classes = rules.not_local_classes();
    let is_not_local_title = |t: &str| crate::domain::text::title_matches(t, &not_local_classes);
    let mut parsed = each_row(csv, diags, dates, |c, id, _| {
        let unit = c.reference("unit", true, units_file, units);
        let title = c.text("title");
        let rank = c.int("rank", -MAX_RANK, MAX_RANK, None);
        let sector = c.text("sector");
        let role = c.choice("role", ROLES, true);
        let not_local = c.flag("not_local");
        // `none` says the post has no sensitive function, whatever its title names.
        let no_function = c
            .raw("function")
            .is_some_and(|v| matches!(key(v).as_str(), "none" | "không"));
        let function = if no_function {
            None
        } else {
            c.choice("function", FUNCTIONS, false)
        };
        let seats = c.int("seats", 1, MAX_SEATS, Some(1));
        let criticality = c.int("criticality", 1, 5, None);
        // "-", "Không", "Trống" (vacant), "Khuyết": no holder, as an empty cell.
        let holder_id = c
            .optional_raw("holder_id")
            .filter(|h| !matches!(fold(h).as_str(), "trong" | "khuyet" | "vacant" | "none"))
            .map(|h| h.trim().to_string());
        let vacant_from = c.date("vacant_from", false);
        if not_local == Some(false) && is_not_local_title(&title) {
            let d = c
                .diag(code::NOT_LOCAL_LOOKING, "not_local")
                .found(Text::say(Say::FalseForTheTitle).arg("v1", quoted(&title)))
                .expected(Say::TrueOrAnEmptyCell)
                .fix(Say::EmptyTheCellOrWrite);
            c.diags.push(d);
        }
        let central = match (&unit, unit_rows) {
            (Ok(Some(u)), Some(rows)) => {
                rows.get(*u as usize).is_some_and(|u| u.province.is_none())
            }
            _ => false,
        };
        if not_local == Some(true) && central {
            let d = c
                .diag(code::CENTRAL_NOT_LOCAL, "not_local")
                .found(Text::say(Say::TrueForAPostOf).arg("v1", quoted(&title)))
                .expected(Say::FalseOrAnEmptyCell)
                .fix(Text::say(Say::EmptyTheCellOrGive).arg("units", units_file));
            c.diags.push(d);
        }
        // H10: an empty cell is read from the title, as `not_local` is.
        let function = function.or_else(|| {
            (!no_function)
                .then(|| crate::domain::text::function_of_title(&title))
                .flatten()
        });
        match (c.ok, unit, role) {
            (true, Ok(Some(unit)), Some(role)) => Some(Post {
                id,
                unit,
                not_local: not_local.unwrap_or_else(|| is_not_local_title(&title)),
                title,
                rank: rank as i32,
                sector,
                role,
                function,
                seats: seats as u32,
                criticality: criticality as u8,
                holder_id,
                vacant_from,
            }),
            _ => None,
        }
    });
    let spelled = sector_spellings(parsed.rows.iter().flatten().map(|p| p.sector.as_str()));
    for p in parsed.rows.iter_mut().flatten() {
        if let Some(first) = spelled.get(&fold(&p.sector)) {
            p.sector.clone_from(first);
        }
    }
    parsed
}

/// Relatives as written, resolved once every cadre id is known.
struct PendingRelatives {
    row: usize,
    ids: Vec<String>,
}

/// What the cadres' cells are checked against beyond their own table.
pub(crate) struct CadreRefs<'a> {
    /// The units table's file as the scenario names it, for messages.
    pub units_file: &'a str,
    /// The posts table's file as the scenario names it, for messages.
    pub posts_file: &'a str,
    pub units: Option<&'a Ids>,
    pub unit_rows: Option<&'a [Unit]>,
    /// Every row of the units table was read (no row had an error).
    pub units_complete: bool,
    pub posts: Option<&'a [Post]>,
    pub plan_date: Option<Date>,
    pub dates: DateFormat,
}

/// How a province cell reads.
#[derive(Debug, Clone)]
enum ProvinceRead {
    /// A province of units.csv or of the list of Vietnam's provinces, by its id.
    Known,
    /// A name of exactly one province: its id.
    Named(String),
    /// Nothing known; maybe a near one.
    Unknown(Option<String>),
}

/// The provinces of the scenario (units.csv) and of Vietnam, with what each value read gave.
struct ProvinceIndex {
    /// The units table's file as the scenario names it (`don-vi.csv`), for messages.
    file: String,
    own: Vec<(String, String)>,
    /// Whether units.csv was read (some of its rows at least): without it a province is not
    /// called unknown, its units' provinces being unknown too (the table's error says why).
    units_read: bool,
    /// Vietnam's province → the units.csv province (its own code, "P01", "10") whose units' names
    /// name it and no other ("Tỉnh ủy Lào Cai" of P01): a cadre's "Lào Cai" is P01 then.
    coded: Vec<(&'static str, String)>,
    memo: HashMap<String, ProvinceRead>,
}

impl ProvinceIndex {
    fn new(units: Option<&[Unit]>, complete: bool, file: &str) -> ProvinceIndex {
        let mut own: Vec<(String, String)> = units
            .unwrap_or_default()
            .iter()
            .filter_map(|u| u.province.clone())
            .map(|p| (provinces::folded(&p), p))
            .collect();
        own.sort();
        own.dedup();
        let coded = coded_provinces(units.unwrap_or_default());
        ProvinceIndex {
            file: file.to_string(),
            own,
            units_read: units.is_some() && complete,
            coded,
            memo: HashMap::new(),
        }
    }

    fn read(&mut self, value: &str) -> ProvinceRead {
        if let Some(r) = self.memo.get(value) {
            return r.clone();
        }
        let r = self.resolve(value);
        self.memo.insert(value.to_string(), r.clone());
        r
    }

    /// For a province of the 63 merged on 1 July 2025 into one of units.csv's provinces (and not
    /// itself one of them): that province's id.
    fn merged_into_own(&self, id: &str) -> Option<String> {
        if self.own.iter().any(|(_, p)| p == id) {
            return None;
        }
        let into = provinces::by_id(id)?.merged_into?;
        self.own
            .iter()
            .find(|(f, p)| p == into || f == into || national(p) == Some(into))
            .map(|(_, p)| p.clone())
    }

    fn resolve(&self, value: &str) -> ProvinceRead {
        if self.own.iter().any(|(_, p)| p == value) {
            return ProvinceRead::Known;
        }
        let f = provinces::folded(value);
        let own: Vec<&String> = self
            .own
            .iter()
            .filter(|(k, _)| *k == f)
            .map(|(_, p)| p)
            .collect();
        if let [one] = own.as_slice() {
            return ProvinceRead::Named((*one).clone());
        }
        // One of Vietnam's provinces that units.csv writes another way ("lao-cai" here, "Lào
        // Cai" there; "TP.HCM" and "Hồ Chí Minh"): read as units.csv writes it, or H8 would
        // never see the two as one province.
        if let Some(n) = national(value) {
            let same: Vec<&String> = self
                .own
                .iter()
                .filter(|(_, p)| national(p) == Some(n))
                .map(|(_, p)| p)
                .collect();
            if let [one] = same.as_slice() {
                return ProvinceRead::Named((*one).clone());
            }
            if let Some((_, q)) = self.coded.iter().find(|(m, _)| *m == n) {
                return ProvinceRead::Named(q.clone());
            }
        }
        if provinces::by_id(value).is_some() {
            return ProvinceRead::Known;
        }
        let known: Vec<&Province> = provinces::named(value);
        if own.is_empty()
            && let [one] = known.as_slice()
        {
            return ProvinceRead::Named(one.id.to_string());
        }
        // An address, as personnel records write a hometown ("xã Hợp Thành, huyện Cao Lộc, tỉnh
        // Lạng Sơn", "Cao Lộc - Lạng Sơn"): its last part is the province.
        // At commas only: a dash is inside names ("Bà Rịa - Vũng Tàu", "Gia Lai - Kon Tum").
        // Then the part before a remark in brackets ("Lâm Sơn (cũ)"), and the part after a dash
        // when the whole did not name a province: the longest such part first, so that "Cao
        // Lộc - Bà Rịa - Vũng Tàu" is Bà Rịa - Vũng Tàu and "xã Tân Thành - Lâm Sơn" Lâm Sơn.
        let bracketed = value
            .split_once('(')
            .map(|(before, _)| before)
            .filter(|b| !b.trim().is_empty());
        // Not when two of the parts are provinces: "Gia Lai - Kon Tum" (1975–91) is either.
        let dashes = |c: char| matches!(c, '-' | '–' | '—');
        let provinces_among = value
            .split(dashes)
            .filter(|p| !p.trim().is_empty() && p.trim() != value)
            .filter(|p| !matches!(self.resolve(p.trim()), ProvinceRead::Unknown(_)))
            .count();
        let after_dash = value
            .char_indices()
            .filter(|&(_, c)| dashes(c) && provinces_among < 2)
            .map(|(i, c)| &value[i + c.len_utf8()..]);
        let parts = value
            .rsplit_once(',')
            .map(|(_, last)| last)
            .into_iter()
            .chain(bracketed)
            .chain(after_dash);
        for part in parts {
            let part = part.trim();
            if part.is_empty() || part == value {
                continue;
            }
            match self.resolve(part) {
                ProvinceRead::Known => return ProvinceRead::Named(part.to_string()),
                ProvinceRead::Named(id) => return ProvinceRead::Named(id),
                ProvinceRead::Unknown(_) => {}
            }
        }
        let near = closest(
            &f,
            self.own
                .iter()
                .map(|(k, _)| k.as_str())
                .chain(provinces::PROVINCES.iter().map(|p| p.id)),
        );
        let near = near.map(|k| {
            self.own
                .iter()
                .find(|(f, _)| f == k)
                .map_or(k.to_string(), |(_, p)| p.clone())
        });
        ProvinceRead::Unknown(near)
    }
}

/// For units.csv's provinces written as codes of its own (no province of Vietnam's list): the
/// province of the list that its units' names end with as their place ("Tỉnh ủy Lào Cai", "UBND
/// tỉnh Lào Cai"), when they name exactly one and no other code's units name it.
fn coded_provinces(units: &[Unit]) -> Vec<(&'static str, String)> {
    let mut named: std::collections::BTreeMap<&str, std::collections::BTreeSet<&'static str>> =
        Default::default();
    for u in units {
        let Some(p) = u.province.as_deref().filter(|p| national(p).is_none()) else {
            continue;
        };
        // The unit's own place at the end of its name, with its marks ("Nguyễn Huệ" is no Huế,
        // "xã Hòa Bình" no province): "Tỉnh ủy X", "UBND tỉnh X", "Sở … thành phố X".
        let name = key(&u.name);
        let set = named.entry(p).or_default();
        for q in provinces::PROVINCES {
            let place = key(q.name);
            let own_place = ["tỉnh ủy", "thành ủy", "tỉnh", "thành phố", "tp.", "tp"]
                .iter()
                .any(|w| name.ends_with(&format!("{w} {place}")));
            if own_place {
                set.insert(q.id);
            }
        }
    }
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for (code, set) in &named {
        if let [one] = set.iter().copied().collect::<Vec<_>>()[..] {
            out.push((one, code.to_string()));
        }
    }
    // A province named by the units of two codes is neither's.
    let twice: Vec<&'static str> = out
        .iter()
        .filter(|(n, _)| out.iter().filter(|(m, _)| m == n).count() > 1)
        .map(|(n, _)| *n)
        .collect();
    out.retain(|(n, _)| !twice.contains(n));
    out
}

/// The id of the one province of Vietnam's list a value is (by id, name or alias), if any.
fn national(value: &str) -> Option<&'static str> {
    if let Some(p) = provinces::by_id(value) {
        return Some(p.id);
    }
    match provinces::named(value).as_slice() {
        [one] => Some(one.id),
        _ => None,
    }
}

fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    super::text::closest(word, candidates, (word.chars().count() / 3).max(1))
}

impl Cells<'_> {
    /// A warning: the row stays valid.
    fn warn(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// The sex from a "Nữ" (`woman`) or "Nam" column of marks: a mark is that sex, an empty cell
    /// (or a dash, "không", 0) the other; "Nam" or "Nữ" written out is read as written.
    fn sex_of_marks(&mut self, m: SexMarks) -> Option<Sex> {
        let (marked, other) = if m.woman {
            (Sex::F, Sex::M)
        } else {
            (Sex::M, Sex::F)
        };
        let raw = self.raw("sex").unwrap_or("").trim();
        if let Some(men) = m.men {
            let is_mark = |c: &str| parse_bool(c) == Ok(Some(true));
            let man = self.row.cells.get(men).map_or("", |c| c.trim());
            return match (is_mark(raw), is_mark(man)) {
                (true, false) => Some(Sex::F),
                (false, true) => Some(Sex::M),
                _ => {
                    let d = self
                        .diag(code::BAD_ENUM, "sex")
                        .found(
                            Text::say(Say::MarkedNamNu)
                                .arg("men", quoted(man))
                                .arg("women", quoted(raw)),
                        )
                        .expected(Say::AMarkUnderNamOrNu)
                        .fix(Say::MarkUnderNamOrNu);
                    self.report(d);
                    None
                }
            };
        }
        match parse_bool(raw) {
            Ok(Some(true)) => return Some(marked),
            Ok(Some(false) | None) => return Some(other),
            Err(()) => {}
        }
        // Only an empty cell or a dash is "not marked": a symbol that folds to nothing is no
        // empty cell (a "√" read as empty made a woman a man).
        if matches!(raw, "" | "-" | "–" | "—") {
            return Some(other);
        }
        match fold(raw).as_str() {
            "nu" | "f" => Some(Sex::F),
            "nam" | "m" => Some(Sex::M),
            _ => {
                let d = self
                    .diag(code::BAD_ENUM, "sex")
                    .expected(Say::AMarkOrAnEmptyCell)
                    .fix(Text::say(if m.woman {
                        Say::MarkTheWomen
                    } else {
                        Say::MarkTheMen
                    }));
                self.report(d);
                None
            }
        }
    }

    /// A province value as the scenario's code reads it: resolved from a name when exactly one
    /// province has it (W2001), kept as written and reported when unknown (W2002).
    fn province_value(
        &mut self,
        col: &str,
        value: &str,
        index: &mut ProvinceIndex,
        within: Option<&str>,
    ) -> String {
        let found = match within {
            Some(raw) => Text::say(Say::TheProvince)
                .arg("raw", quoted(raw))
                .arg("province", quoted(value)),
            None => Text::value(quoted(value)),
        };
        let id = match index.read(value) {
            ProvinceRead::Known => value.to_string(),
            ProvinceRead::Named(id) => {
                let d = self
                    .diag(code::PROVINCE_BY_NAME, col)
                    .found(found.clone())
                    .expected(Text::say(Say::TheIdOfAProvince).arg("units", &index.file))
                    .fix(Text::say(Say::DidYouMeanItIs).arg("id", format!("{:?}", id)))
                    .group(value);
                self.warn(d);
                id
            }
            ProvinceRead::Unknown(_) if !index.units_read => return value.to_string(),
            ProvinceRead::Unknown(near) => {
                let d = self
                    .diag(code::UNKNOWN_PROVINCE, col)
                    .found(found.clone())
                    .expected(Text::say(Say::TheIdOfAProvince2).arg("units", &index.file))
                    .fix(
                        did_you_mean(near.as_deref()).then(Say::CorrectTheProvinceAsWritten.into()),
                    )
                    .group(value);
                self.warn(d);
                return value.to_string();
            }
        };
        if let Some(successor) = index.merged_into_own(&id) {
            let (old, new) = (
                provinces::by_id(&id).map_or(id.as_str(), |p| p.name),
                provinces::by_id(&successor).map_or(successor.as_str(), |p| p.name),
            );
            let d = self
                .diag(code::MERGED_PROVINCE, col)
                .found(
                    Text::say(Say::AProvinceMergedIntoOn)
                        .text("found", found)
                        .arg("new", new),
                )
                .expected(
                    Text::say(Say::TheIdH8ShouldCompare)
                        .arg("successor", format!("{:?}", successor))
                        .arg("units", &index.file),
                )
                .fix(
                    Text::say(Say::WriteIfBeingFromMakes)
                        .arg("successor", format!("{:?}", successor))
                        .arg("old", old)
                        .arg("new", new),
                )
                .group(id.clone());
            self.warn(d);
        }
        id
    }

    /// The rating of a cell holding several years' appraisals ([`ratings_by_year`]): the latest
    /// year's, the others said (W2022); without a year to each, one level if they agree, else
    /// refused (which year is meant is not known).
    fn rating_of_years(&mut self, items: &[(Option<u32>, i64, &str)]) -> i64 {
        let dated: Option<Vec<(u32, i64, &str)>> =
            items.iter().map(|&(y, l, i)| Some((y?, l, i))).collect();
        if let Some(latest) = dated.as_ref().and_then(|d| d.iter().max_by_key(|x| x.0)) {
            let others: Vec<&str> = items
                .iter()
                .filter(|x| x.2 != latest.2)
                .map(|x| x.2)
                .collect();
            let w = self
                .diag(code::NUMBER_WITH_REMARK, "rating")
                .found(
                    Text::say(Say::RatingLatestYearRead)
                        .arg("value", quoted(self.raw("rating").unwrap_or("")))
                        .arg("latest", quoted(latest.2))
                        .arg("level", latest.1)
                        .arg("others", quoted(&others.join("; "))),
                )
                .expected(Say::OneRatingACell)
                .fix(Say::KeepTheLatestRating);
            self.warn(w);
            return latest.1;
        }
        if items.iter().all(|x| x.1 == items[0].1) {
            return items[0].1;
        }
        let d = self
            .diag(code::BAD_NUMBER, "rating")
            .expected(Say::OneRatingACell)
            .fix(Say::KeepTheLatestRating);
        self.report(d);
        1
    }

    fn province(&mut self, col: &str, index: &mut ProvinceIndex) -> Option<String> {
        let v = self.optional_text(col)?;
        Some(self.province_value(col, &v, index, None))
    }
}

/// The ages (in whole years on the plan date) a cadre of the pool is expected to have: outside
/// them the birth date is said (W2017).
const WORKING_AGES: std::ops::RangeInclusive<u32> = 18..=70;

pub(crate) fn cadres(csv: &Csv, refs: &CadreRefs<'_>, diags: &mut Diags) -> Parsed<Cadre> {
    let plan_date = refs.plan_date;
    check_not_empty(csv, diags);
    let units = refs.units.filter(|u| !u.is_empty());
    let mut provinces = ProvinceIndex::new(refs.unit_rows, refs.units_complete, refs.units_file);
    let titles: Option<std::collections::HashSet<String>> = refs
        .posts
        .map(|p| p.iter().map(|p| key(&p.title)).collect());
    let mut title_list: Vec<&str> = refs
        .posts
        .unwrap_or_default()
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    title_list.sort_unstable();
    title_list.dedup();
    let mut near_title: HashMap<String, Option<String>> = HashMap::new();
    // A planned title of a post written another way ("Chủ tịch UBND xã" for "Chủ tịch Ủy ban nhân
    // dân xã Hòa Bình": `text::planned_is`) earns its fit: no W2003.
    let post_words: Vec<crate::domain::text::PlannedWords> = title_list
        .iter()
        .map(|t| crate::domain::text::planned_words(t))
        .collect();
    let mut of_a_post: HashMap<String, bool> = HashMap::new();
    let sectors = sector_spellings(
        refs.posts
            .unwrap_or_default()
            .iter()
            .map(|p| p.sector.as_str()),
    );
    let mut pending = Vec::new();
    let mut by_heading: Vec<(usize, usize, String)> = Vec::new();
    let mut out = each_row(csv, diags, refs.dates, |c, id, ix| {
        // "Họ đệm" | "Tên": the whole name (a "Họ" beside "Họ và tên" adds nothing).
        let given_only = c.csv.written.get("name").is_some_and(|h| fold(h) == "ten");
        let name = match c.optional_text("name_prefix").filter(|_| given_only) {
            Some(prefix) => match c.optional_text("name") {
                Some(given) => format!("{prefix} {given}"),
                None => c.text("name"),
            },
            None => c.text("name"),
        };
        // "Giàng Thị Linh (từ trần)", "Lê Văn A - đã nghỉ hưu": the list's note in the name.
        if name_annotation(&name).is_some_and(note_matters) {
            let d = c
                .diag(code::NOTE_THAT_MATTERS, "name")
                .expected(Say::NoteThatMattersExpected)
                .fix(Say::NameNoteThatMattersFix);
            c.warn(d);
        }
        let sex = match c.csv.sex_marks {
            Some(m) => c.sex_of_marks(m),
            None => c.choice("sex", SEXES, true),
        };
        let birth_date = c.date("birth_date", true);
        if let (Some(b), Some(p)) = (birth_date, plan_date)
            && b >= p
        {
            let d = c
                .diag(code::IMPOSSIBLE_VALUE, "birth_date")
                .expected(Text::say(Say::ADateBeforeThePlan).arg("plan_date", p))
                .fix(Say::CorrectTheBirthDateOr);
            c.report(d);
        } else if let (Some(b), Some(p)) = (birth_date, plan_date)
            && let Some(age) = p.years_since(b)
            && !(WORKING_AGES.contains(&age))
        {
            // Born 1900 (a typo for 1990, Excel's serial 1) silently left the cadre out of every
            // move by H2 (retired since 1955): said, where.
            let w = c
                .diag(code::UNLIKELY_AGE, "birth_date")
                .found(
                    Text::say(Say::AgeOnThePlanDate)
                        .arg("date", b)
                        .arg("age", age)
                        .arg("plan_date", p),
                )
                .expected(
                    Text::say(Say::AWorkingAge)
                        .arg("min", WORKING_AGES.start())
                        .arg("max", WORKING_AGES.end()),
                )
                .fix(Say::CorrectTheBirthDateTypo);
            c.warn(w);
        } else if let (Some(b), Some(p)) = (birth_date, plan_date)
            && let Some(age) = p.years_since(b)
            && let Some(written) = c
                .optional_raw("age")
                .and_then(|a| parse_int(without_count_word(a, &["tuoi"])))
            && (i64::from(age) - written).abs() > AGE_COLUMN_SLACK
        {
            // "Tuổi" 45 beside a birth year typed 1927 for 1972: the list says which is wrong.
            let w = c
                .diag(code::UNLIKELY_AGE, "birth_date")
                .found(
                    Text::say(Say::AgeColumnDisagrees)
                        .arg("date", b)
                        .arg("age", age)
                        .arg("plan_date", p)
                        .arg("written", written),
                )
                .expected(Text::say(Say::AnAgeOfTheBirthDate).arg("slack", AGE_COLUMN_SLACK))
                .fix(Say::CorrectTheBirthDateOrAge);
            c.warn(w);
        }
        let birth_province = c.province("birth_province", &mut provinces);
        let hometown_province = c.province("hometown_province", &mut provinces);
        let mut current_unit = c.reference("current_unit", false, refs.units_file, units);
        // No unit in the row, under a section heading that names a unit ("VI. UBND TỈNH LÂM
        // SƠN"): the list groups its cadres by unit, and the heading is theirs. Read as no unit,
        // H5 and the departure cap (S1) stopped applying to them.
        if matches!(current_unit, Ok(None))
            && c.optional_raw("current_unit").is_none()
            && let Some((at, heading)) = c.csv.headings.get(&c.row.line)
            && let Some((u, _)) = units.and_then(|ids| {
                let name = crate::domain::text::without_numbering(heading);
                ids.by_name(name).or_else(|| Some((ids.get(name)?, "")))
            })
        {
            current_unit = Ok(Some(u));
            by_heading.push((c.row.line, *at, heading.clone()));
        }
        let current_role = c.choice("current_role", ROLES, false);
        let current_rank = c.int("current_rank", -MAX_RANK, MAX_RANK, None);
        let sector = c.text("sector");
        let sector = sectors.get(&fold(&sector)).cloned().unwrap_or(sector);
        // "1. Bí thư; 2. Vụ trưởng": the numbers are no part of the titles.
        let mut planned_titles: Vec<String> = c
            .raw("planned_titles")
            .map(|s| {
                split_list(s)
                    .into_iter()
                    .map(|t| crate::domain::text::without_numbering(t).to_string())
                    .collect()
            })
            .unwrap_or_default();
        // One long title wrapped over two lines of its cell ("Phó Chủ tịch UBND⏎huyện Yên Sơn")
        // is that title, when a post has it.
        if planned_titles.len() > 1
            && let Some(titles) = &titles
        {
            let joined = planned_titles.join(" ");
            if titles.contains(&key(&joined)) {
                planned_titles = vec![joined];
            } else {
                // Two titles each wrapped in a list ("Phó Giám đốc⏎Sở Nội vụ;Bí thư⏎Huyện ủy"):
                // two neighbours that are no post's title and joined are one.
                let is_title = |t: &str| titles.contains(&key(t));
                let mut i = 0;
                while i + 1 < planned_titles.len() {
                    let both = format!("{} {}", planned_titles[i], planned_titles[i + 1]);
                    if !is_title(&planned_titles[i])
                        && !is_title(&planned_titles[i + 1])
                        && is_title(&both)
                    {
                        planned_titles[i] = both;
                        planned_titles.remove(i + 1);
                    }
                    i += 1;
                }
            }
        }
        // A mark (x, ✓, có) where a title is due: the form's "Quy hoạch" column says the cadre
        // is planned, not for what; "không", 0 say not planned. Neither is a title.
        let marks: Vec<String> = planned_titles
            .iter()
            .filter(|t| parse_bool(t) == Ok(Some(true)))
            .cloned()
            .collect();
        // A dash, "không có" (none), "chưa quy hoạch" (not yet planned), "N/A" is no title either.
        planned_titles.retain(|t| parse_bool(t).is_err() && !says_not_planned(t));
        if let Some(m) = marks.first() {
            let d = c
                .diag(code::UNMATCHED_TITLE, "planned_titles")
                .found(Text::say(Say::AMarkNotATitle).arg("v1", quoted(m)))
                .expected(Text::say(Say::TheTitleOfAPost).arg("posts", refs.posts_file))
                .fix(Say::WriteThePlannedTitlesNotAMark)
                .group("a mark".to_string());
            c.warn(d);
        }
        if let Some(titles) = &titles {
            let mut is_of_post = |t: &str| {
                titles.contains(&key(t))
                    || *of_a_post.entry(t.to_string()).or_insert_with(|| {
                        let w = crate::domain::text::planned_words(t);
                        post_words
                            .iter()
                            .any(|p| crate::domain::text::planned_is_words(&w, p))
                    })
            };
            // Titles listed ([`listed_parts`]: `,`, " và ", …), the whole no post's title, a
            // part one and every other part a post's title or a title by its first words
            // ("Trưởng phòng Thanh tra, Bí thư Huyện ủy"): read as the titles they are, and
            // said. A comma or a " và " inside one title ("Giám đốc Sở Lao động, Thương binh và
            // Xã hội") leaves a part that is no title ("Thương binh"), and the cell whole.
            let mut split = Vec::new();
            for t in std::mem::take(&mut planned_titles) {
                // Split at " và "/" hoặc " only when every part is a post's title: "Giám đốc
                // hoặc Phó Giám đốc Sở Nội vụ" shares its tail, and "Giám đốc" alone is no post.
                let signs = listed_parts(&t, false);
                let words = listed_parts(&t, true);
                let parts = if signs.len() > 1 {
                    signs
                } else if words.len() > 1 && words.iter().all(|p| is_of_post(p)) {
                    words
                } else {
                    signs
                };
                if parts.len() > 1
                    && !is_of_post(&t)
                    && parts.iter().any(|p| is_of_post(p))
                    && parts.iter().all(|p| is_of_post(p) || starts_as_a_title(p))
                {
                    split.push((t, parts.join("; ")));
                    planned_titles.extend(parts);
                } else {
                    planned_titles.push(t);
                }
            }
            for (t, parts) in split {
                let d = c
                    .diag(code::UNMATCHED_TITLE, "planned_titles")
                    .found(
                        Text::say(Say::ListedTitlesRead)
                            .arg("v1", quoted(&t))
                            .arg("v2", quoted(&parts)),
                    )
                    .expected(Text::say(Say::TheTitleOfAPost).arg("posts", refs.posts_file))
                    .fix(Say::SeparateTitlesWithSemicolon)
                    .group(key(&t));
                c.warn(d);
            }
            for t in &planned_titles {
                let of_post = titles.contains(&key(t))
                    || *of_a_post.entry(t.clone()).or_insert_with(|| {
                        let w = crate::domain::text::planned_words(t);
                        post_words
                            .iter()
                            .any(|p| crate::domain::text::planned_is_words(&w, p))
                    });
                if of_post {
                    continue;
                }
                let near = near_title
                    .entry(t.clone())
                    .or_insert_with(|| {
                        closest_title(t, title_list.iter().copied()).map(str::to_string)
                    })
                    .clone();
                // Two titles of posts written one after the other (a line break in the cell,
                // which reads as a space): the separator is missing.
                let words: Vec<&str> = t.split(' ').collect();
                let joined = (1..words.len()).find_map(|i| {
                    let (a, b) = (words[..i].join(" "), words[i..].join(" "));
                    (titles.contains(&key(&a)) && titles.contains(&key(&b))).then_some((a, b))
                });
                // Titles listed ([`listed_parts`]: "Trưởng phòng Thanh tra, Bí thư Huyện
                // ủy"): a part that is a post's title says the list's separator is wrong (a
                // comma may belong to one title, so the cell is not split).
                let listed = joined.is_none().then(|| {
                    listed_parts(t, true)
                        .into_iter()
                        .filter(|p| p != t)
                        .find(|p| titles.contains(&key(p)))
                });
                let d = c
                    .diag(code::UNMATCHED_TITLE, "planned_titles")
                    .found(
                        Text::say(Say::TheTitle)
                            .arg("v1", quoted(c.raw("planned_titles").unwrap_or("")))
                            .arg("v2", quoted(t)),
                    )
                    .expected(Text::say(Say::TheTitleOfAPost).arg("posts", refs.posts_file))
                    .fix(match (near.as_deref(), joined, listed.flatten()) {
                        (_, Some((a, b)), _) => Text::say(Say::SeparateTheTitles)
                            .arg("v1", quoted(&a))
                            .arg("v2", quoted(&b)),
                        (_, None, Some(part)) => {
                            Text::say(Say::SeparateTheListedTitles).arg("v1", quoted(&part))
                        }
                        (Some(n), None, None) => {
                            did_you_mean(Some(n)).then(Say::CorrectTheTitleNoFit.into())
                        }
                        // No near title: most often a title with no vacancy this round.
                        (None, None, None) => Say::NothingToDoIfNoVacancy.into(),
                    })
                    .group(key(t));
                c.warn(d);
            }
        }
        let outstanding = c.flag("outstanding").unwrap_or(false);
        let rating = match c.raw("rating").and_then(ratings_by_year) {
            Some(items) => c.rating_of_years(&items),
            None => match c.raw("rating").and_then(appraisal_level) {
                Some(level) => level,
                None => c.int("rating", 1, 4, None),
            },
        };
        let health_cert_date = c.date("health_cert_date", false);
        if let (Some(h), Some(p)) = (health_cert_date, plan_date)
            && h > p
        {
            let d = c
                .diag(code::IMPOSSIBLE_VALUE, "health_cert_date")
                .expected(Text::say(Say::ADateOnOrBefore).arg("plan_date", p))
                .fix(Say::CorrectTheDateOfThe);
            c.report(d);
        }
        let rotation_end = c.date("rotation_end", false);
        let rotation_start = c.date("rotation_start", false);
        match (rotation_start, rotation_end) {
            (Some(s), Some(e)) if s >= e => {
                let d = c
                    .diag(code::IMPOSSIBLE_VALUE, "rotation_start")
                    .expected(Text::say(Say::ADateBeforeTheRotationEnd).arg("end", e))
                    .fix(Say::CorrectRotationStartOrEnd);
                c.report(d);
            }
            (Some(s), _) if plan_date.is_some_and(|p| s > p) => {
                let d = c
                    .diag(code::IMPOSSIBLE_VALUE, "rotation_start")
                    .expected(
                        Text::say(Say::ADateOnOrBefore).arg("plan_date", plan_date.unwrap_or(s)),
                    )
                    .fix(Say::CorrectRotationStartOrEnd);
                c.report(d);
            }
            (Some(_), None) => {
                let d = c
                    .diag(code::MISSING_VALUE, "rotation_end")
                    .found(Say::AnEmptyCell)
                    .expected(Say::TheEndOfTheRotationStarted)
                    .fix(Say::WriteRotationEndOrClearStart);
                c.report(d);
            }
            _ => {}
        }
        let worked_years = worked_years(c, &mut provinces, plan_date);
        let head_terms = head_terms(c, units, refs.units_file);
        // Ids hold no comma: `C001, C002` is two relatives, as `C001; C002` is.
        let relatives: Vec<String> = c
            .optional_raw("relatives")
            .map(|s| {
                split_list(s)
                    .into_iter()
                    .flat_map(|x| x.split(','))
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let ethnic_minority = c.ethnic().unwrap_or(false);
        pending.push(PendingRelatives {
            row: ix,
            ids: relatives,
        });
        match (c.ok, sex, birth_date, current_unit) {
            (true, Some(sex), Some(birth_date), Ok(current_unit)) => Some(Cadre {
                id,
                name,
                sex,
                birth_date,
                birth_province,
                hometown_province,
                current_unit,
                current_role,
                current_rank: current_rank as i32,
                sector,
                planned_titles,
                outstanding,
                rating: rating as u8,
                health_cert_date,
                rotation_end,
                rotation_start,
                worked_years,
                head_terms,
                relatives: Vec::new(),
                ethnic_minority,
            }),
            _ => None,
        }
    });
    units_by_heading(csv, &by_heading, diags);
    resolve_relatives(csv, &mut out, pending, diags);
    no_province_in_common(csv, &out.rows, &provinces, diags);
    same_person_twice(csv, &out, diags);
    out
}

/// The cadres whose unit their section's heading gave (line, heading's line, heading), said in
/// one note per heading.
fn units_by_heading(csv: &Csv, rows: &[(usize, usize, String)], diags: &mut Diags) {
    let mut i = 0;
    while i < rows.len() {
        let (first, at, heading) = &rows[i];
        let n = rows[i..].iter().take_while(|r| r.1 == *at).count();
        let last = rows[i + n - 1].0;
        diags.note(
            Text::say(if n == 1 {
                Say::NoteUnitFromHeadingOne
            } else {
                Say::NoteUnitFromHeading
            })
            .arg("file", &csv.name)
            .arg("first", first)
            .arg("last", last)
            .arg("heading", quoted(heading))
            .arg("line", at),
        );
        i += n;
    }
}

/// W2021: two rows of one name and birth date under two ids, one person entered twice (each
/// list of a unit, or once per planned title): the plan may give them two posts. Ids that differ
/// only in how they are written are one id already (E2007).
fn same_person_twice(csv: &Csv, parsed: &Parsed<Cadre>, diags: &mut Diags) {
    let mut first: HashMap<(String, Date), &Cadre> = HashMap::new();
    let col = csv.column("id").map_or(1, |ix| csv.col_number(ix));
    for c in parsed.rows.iter().flatten() {
        if c.name.trim().is_empty() {
            continue;
        }
        let Some(&earlier) = first.get(&(key(&c.name), c.birth_date)) else {
            first.insert((key(&c.name), c.birth_date), c);
            continue;
        };
        let line = |id: &str| parsed.ids.line(id);
        diags.push(
            Diagnostic::new(code::SAME_PERSON_TWICE, &csv.file)
                .at(line(&c.id), Some(col))
                .field(csv.field("id"))
                .found(
                    Text::say(Say::SamePersonTwice)
                        .arg("id", quoted(&c.id))
                        .arg("name", &c.name)
                        .arg("birth", c.birth_date)
                        .arg("first", quoted(&earlier.id))
                        .arg("line", line(&earlier.id).unwrap_or(0)),
                )
                .expected(Say::SamePersonTwiceExpected)
                .fix(Say::SamePersonTwiceFix),
        );
    }
}

/// A planned-titles item that says the cadre is planned for nothing: "không có", "chưa",
/// "chưa quy hoạch", "không được quy hoạch", "N/A", a dash. Read as no title, never as one.
fn says_not_planned(item: &str) -> bool {
    let f = fold(item);
    let f = f.trim_matches('-');
    matches!(
        f,
        "" | "na" | "n-a" | "none" | "chua" | "khong" | "chua-co" | "khong-co"
    ) || [
        "chua",
        "khong",
        "chua-co",
        "khong-co",
        "chua-duoc",
        "khong-duoc",
    ]
    .iter()
    .any(|n| f == format!("{n}-quy-hoach") || f == format!("{n}-co-quy-hoach"))
}

/// W2019: not one cadre's province (birth, hometown, years worked) is one of units.csv's, which
/// have some. Each table alone reads well, but the two write provinces two ways ("10" there,
/// "Lào Cai" here; "P01" and "lao-cai"): H8 would never count anyone local. Nothing is changed.
fn no_province_in_common(
    csv: &Csv,
    cadres: &[Option<Cadre>],
    index: &ProvinceIndex,
    diags: &mut Diags,
) {
    // Only when units.csv writes its own codes: tables that both use Vietnam's provinces and
    // share none are no two ways of writing.
    if !index.units_read || !index.own.iter().any(|(_, p)| national(p).is_none()) {
        return;
    }
    let mut theirs: std::collections::BTreeSet<&str> = Default::default();
    for c in cadres.iter().flatten() {
        theirs.extend(c.birth_province.as_deref());
        theirs.extend(c.hometown_province.as_deref());
        theirs.extend(c.worked_years.iter().map(|(p, _)| p.as_str()));
    }
    let own = |p: &str| index.own.iter().any(|(_, o)| o == p);
    if theirs.is_empty() || theirs.iter().any(|p| own(p)) {
        return;
    }
    let list = |items: Vec<&str>| {
        let shown: Vec<String> = items.iter().take(5).map(|p| quoted(p)).collect();
        shown.join(", ") + if items.len() > 5 { ", …" } else { "" }
    };
    let units: Vec<&str> = index.own.iter().map(|(_, p)| p.as_str()).collect();
    let column = ["birth_province", "hometown_province", "worked_years"]
        .into_iter()
        .find(|c| csv.column(c).is_some())
        .unwrap_or("birth_province");
    diags.push(
        Diagnostic::new(code::NO_PROVINCE_IN_COMMON, &csv.file)
            .at(
                Some(csv.header_line),
                csv.column(column).map(|ix| csv.col_number(ix)),
            )
            .field(csv.field(column))
            .found(
                Text::say(Say::NoProvinceInCommon)
                    .arg("cadres", list(theirs.into_iter().collect()))
                    .arg("units", list(units)),
            )
            .expected(Text::say(Say::NoProvinceInCommonExpected).arg("units", &index.file))
            .fix(Text::say(Say::NoProvinceInCommonFix).arg("units", &index.file)),
    );
}

fn bad_list(c: &mut Cells<'_>, col: &str, item: &str, expected: Say, fix: Say) {
    let d = c
        .diag(code::BAD_LIST, col)
        .found(
            Text::say(Say::TheItem)
                .arg("v1", quoted(c.raw(col).unwrap_or("")))
                .arg("v2", quoted(item)),
        )
        .expected(expected)
        .fix(fix);
    c.report(d);
}

/// Years an age column may differ from the birth date's age on the plan date: lists count the age
/// on another day, or by the year of birth alone.
const AGE_COLUMN_SLACK: i64 = 2;

/// More years worked in a province than a working life has: a year ("P01:2013", since 2013).
const MAX_YEARS_WORKED: f64 = 60.0;

/// `P01:22;P07:3.5` → sorted by province. A span of years ("P01:2013-2026", "Lâm Sơn từ 2013 đến
/// nay") is read as the years between its ends, "nay" (now) being the plan date, with W2023.
fn worked_years(
    c: &mut Cells<'_>,
    index: &mut ProvinceIndex,
    plan_date: Option<Date>,
) -> Vec<(String, f64)> {
    const COL: &str = "worked_years";
    const EXPECTED: Say = Say::ProvinceYearsItems;
    let Some(raw) = c.optional_raw(COL) else {
        return Vec::new();
    };
    // Items as offices write them ("Lâm Sơn (14 năm)", "14 năm ở Lâm Sơn"), as `province:years`.
    let items: Vec<String> = split_list(raw)
        .into_iter()
        .map(|i| province_years_item(i).unwrap_or_else(|| i.to_string()))
        .collect();
    let items = items.join("; ");
    let pairs = match split_pairs(&items) {
        Ok(p) => p,
        Err(e) => {
            bad_list(c, COL, &e.item, EXPECTED, Say::WriteEachItemProvinceYears);
            return Vec::new();
        }
    };
    let mut out: Vec<(String, f64)> = Vec::new();
    for (written, years) in pairs {
        let province = &c.province_value(COL, written, index, Some(raw));
        let province = province.as_str();
        if out.iter().any(|(p, _)| p == province) {
            bad_list(c, COL, province, EXPECTED, Say::ListEachProvinceOnce);
            continue;
        }
        let spanned = match years_count(years) {
            Some(y) => Some(y),
            None => year_span(years).and_then(|span| {
                let y = span.years(plan_date)?;
                let d = c
                    .diag(code::YEARS_FROM_A_SPAN, COL)
                    .found(
                        Text::say(Say::YearsFromASpan)
                            .arg("v1", quoted(raw))
                            .arg("v2", quoted(years))
                            .arg("years", years_shown(y))
                            .arg("from", span.first_shown())
                            .arg("to", span.last_shown(plan_date)),
                    )
                    .expected(Say::ANumberOfYearsWith)
                    .fix(Text::say(Say::WriteTheYearsIfTheSpan).arg("years", years_shown(y)));
                c.warn(d);
                Some(y)
            }),
        };
        match spanned {
            None => {
                let d = c
                    .diag(code::BAD_NUMBER, COL)
                    .found(
                        Text::say(Say::TheYears)
                            .arg("v1", quoted(raw))
                            .arg("v2", quoted(years)),
                    )
                    .expected(Say::ANumberOfYearsWith)
                    .fix(Say::WriteTheYearsAsA);
                c.report(d);
            }
            Some(y) if !(0.0..=MAX_YEARS_WORKED).contains(&y) => {
                let d = c
                    .diag(code::OUT_OF_RANGE, COL)
                    .found(
                        Text::say(Say::TheYears)
                            .arg("v1", quoted(raw))
                            .arg("v2", quoted(years)),
                    )
                    .expected(Say::ANumberOfYears0)
                    .fix(if y > MAX_YEARS_WORKED {
                        Say::WriteTheYearsNotTheYear
                    } else {
                        Say::CorrectTheNumberOfYears
                    });
                c.report(d);
            }
            Some(y) => out.push((province.to_string(), y)),
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A `worked_years` item without its `:` as offices write it, as `province:years`: "Lâm Sơn (14
/// năm)", "Lâm Sơn - 14 năm", "Lâm Sơn = 14", "Lâm Sơn 14 năm", "14 năm ở Lâm Sơn" (or "tại").
/// `None` for an item with a `:` or none of these forms (refused as it is, E2010).
fn province_years_item(item: &str) -> Option<String> {
    let t = item.trim();
    if t.contains(':') {
        return None;
    }
    let pair = |p: &str, y: &str| {
        let years = years_count(y).is_some_and(|n| n <= MAX_YEARS_WORKED) || year_span(y).is_some();
        (!p.trim().is_empty() && years).then(|| format!("{}:{}", p.trim(), y.trim()))
    };
    // A span last ("Lâm Sơn 2013 - 2026", "Huế (2013-nay)", "Lâm Sơn từ 2013"), before the dash
    // forms below would take its last year for a count.
    for (at, ch) in t.char_indices() {
        let starts = at > 0
            && t[..at].ends_with([' ', '('])
            && (ch.is_ascii_digit() || ch == 't' || ch == 'T');
        if !starts {
            continue;
        }
        let span = t[at..].trim_end();
        let span = span.strip_suffix(')').unwrap_or(span);
        let place = t[..at].trim_end_matches([' ', '(', '-', '–', '—', ',', '=']);
        if year_span(span).is_some() && place.chars().any(char::is_alphabetic) {
            return Some(format!("{}:{}", place.trim(), span.trim()));
        }
    }
    if let Some(inner) = t.strip_suffix(')')
        && let Some((p, y)) = inner.rsplit_once('(')
        && let Some(out) = pair(p, y)
    {
        return Some(out);
    }
    for at in [" ở ", " Ở ", " tại ", " Tại "] {
        if let Some((y, p)) = t.split_once(at)
            && let Some(out) = pair(p, y)
        {
            return Some(out);
        }
    }
    for sep in ["=", " - ", " – ", " — "] {
        if let Some((p, y)) = t.rsplit_once(sep)
            && let Some(out) = pair(p, y)
        {
            return Some(out);
        }
    }
    // "Lâm Sơn 14 năm": the count and its word last.
    let words: Vec<&str> = t.split_whitespace().collect();
    match words[..] {
        [.., n, w] if words.len() >= 3 && fold(w) == "nam" => {
            pair(&words[..words.len() - 2].join(" "), n)
        }
        _ => None,
    }
}

/// Years as offices write them: "14", "13,5", "14 năm", "13 năm 6 tháng".
fn years_count(s: &str) -> Option<f64> {
    let t = s.trim();
    if let Some(y) = parse_decimal(without_count_word(t, &["nam"])) {
        return Some(y);
    }
    match t.split_whitespace().collect::<Vec<_>>()[..] {
        [y, n, m, th] if fold(n) == "nam" && fold(th) == "thang" => {
            let (y, m) = (parse_decimal(y)?, parse_decimal(m)?);
            (0.0..12.0).contains(&m).then_some(y + m / 12.0)
        }
        _ => None,
    }
}

/// The parts of a cell that may list titles: separated by `,`, `+`, `/`, ` - `, and with `words`
/// by " và " (and), " hoặc " (or) or " & " as well. Whether they are titles is the caller's to say.
fn listed_parts(t: &str, words: bool) -> Vec<String> {
    let mut joined = t.replace(" - ", ",");
    if words {
        for and in [" và ", " Và ", " VÀ ", " hoặc ", " Hoặc ", " & "] {
            joined = joined.replace(and, ",");
        }
    }
    joined
        .split([',', '+', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// A span of years as offices write years worked: "2013-2026", "2013 - nay" (now), "từ năm 2013"
/// (to now), "từ 2013 đến nay", "03/2013 - 12/2026". Years 1940–2100, the end not before the start.
#[derive(Debug, Clone, Copy, PartialEq)]
struct YearSpan {
    /// Year and month (0: none written).
    from: (i32, u32),
    /// `None`: now, the plan date.
    to: Option<(i32, u32)>,
}

impl YearSpan {
    /// The years between its ends: whole years where a month is written on neither end.
    fn years(&self, plan_date: Option<Date>) -> Option<f64> {
        use chrono::Datelike;
        // Years worked to the plan date: an end after it (a term's end) counts no years to come.
        let now = plan_date.map(|d| (d.year(), d.month()));
        let to = match (self.to, now) {
            (Some(to), Some(now)) if (to.0, to.1.max(1)) > now => now,
            (Some(to), _) => to,
            (None, now) => now?,
        };
        let (fm, tm) = match (self.from.1, to.1) {
            (0, 0) => (1, 1),
            (0, m) => (m, m),
            (m, 0) => (m, m),
            ms => ms,
        };
        let months = (to.0 * 12 + tm as i32) - (self.from.0 * 12 + fm as i32);
        (months >= 0).then(|| f64::from(months) / 12.0)
    }

    fn first_shown(&self) -> String {
        shown_month_year(self.from)
    }

    fn last_shown(&self, plan_date: Option<Date>) -> String {
        match (self.to, plan_date) {
            (Some(to), _) => shown_month_year(to),
            (None, Some(d)) => d.to_string(),
            (None, None) => "?".into(),
        }
    }
}

fn shown_month_year((y, m): (i32, u32)) -> String {
    if m == 0 {
        y.to_string()
    } else {
        format!("{m:02}/{y}")
    }
}

/// Years for a message: at most 2 decimals.
fn years_shown(y: f64) -> String {
    let s = format!("{y:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn year_span(s: &str) -> Option<YearSpan> {
    let folded = fold(s);
    let words: Vec<&str> = folded.split('-').filter(|w| !w.is_empty()).collect();
    let mut w = &words[..];
    let from_word = matches!(w.first(), Some(&"tu"));
    if from_word {
        w = &w[1..];
    }
    // "năm 2013", "tháng 3/2013".
    let skip = |w: &mut &[&str]| {
        while let [first, rest @ ..] = *w
            && matches!(*first, "nam" | "thang")
        {
            *w = rest;
        }
    };
    let month_year = |w: &mut &[&str]| -> Option<(i32, u32)> {
        skip(w);
        let year = |x: &str| {
            (x.len() == 4)
                .then(|| x.parse::<i32>().ok())
                .flatten()
                .filter(|y| (1940..=2100).contains(y))
        };
        let words: &[&str] = w;
        match words {
            [m, y, rest @ ..] if m.len() <= 2 && year(y).is_some() => {
                let m: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
                *w = rest;
                Some((year(y)?, m))
            }
            [y, rest @ ..] => {
                let y = year(y)?;
                *w = rest;
                Some((y, 0))
            }
            [] => None,
        }
    };
    let from = month_year(&mut w)?;
    if let [first, rest @ ..] = w
        && matches!(*first, "den" | "toi")
    {
        w = rest;
    }
    let to = match w {
        [] if from_word => None,
        ["nay"] | ["hien", "nay"] | ["hien", "tai"] | ["now"] | ["present"] => None,
        _ => {
            let to = month_year(&mut w)?;
            if !w.is_empty() {
                return None;
            }
            Some(to)
        }
    };
    let span = YearSpan { from, to };
    if let Some(to) = to
        && (to.0, to.1) < (from.0, from.1)
        && !(to.0 == from.0 && (to.1 == 0 || from.1 == 0))
    {
        return None;
    }
    Some(span)
}

/// A count with its word after it, as offices write it: "14 năm" (years), "2 nhiệm kỳ" or "2 NK"
/// (terms); `words` folded ([`fold`]). Anything else as it is.
fn without_count_word<'a>(s: &'a str, words: &[&str]) -> &'a str {
    let t = s.trim();
    let Some(at) = t.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')) else {
        return t;
    };
    let (number, rest) = t.split_at(at);
    if !number.is_empty() && words.contains(&fold(rest).as_str()) {
        number
    } else {
        t
    }
}

/// `U12:2` → sorted by unit index.
fn head_terms(c: &mut Cells<'_>, units: Option<&Ids>, units_file: &str) -> Vec<(UnitIx, u32)> {
    const COL: &str = "head_terms";
    const EXPECTED: Say = Say::UnitTermsItems;
    let Some(raw) = c.optional_raw(COL) else {
        return Vec::new();
    };
    let pairs = match split_pairs(raw) {
        Ok(p) => p,
        Err(e) => {
            bad_list(c, COL, &e.item, EXPECTED, Say::WriteEachItemUnitTerms);
            return Vec::new();
        }
    };
    let mut out: Vec<(UnitIx, u32)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (unit, terms) in pairs {
        if seen.contains(&unit) {
            bad_list(c, COL, unit, EXPECTED, Say::ListEachUnitOnce);
            continue;
        }
        seen.push(unit);
        let terms = match parse_int(without_count_word(terms, &["nhiem-ky", "nk"])) {
            None => {
                let d = c
                    .diag(code::BAD_NUMBER, COL)
                    .found(
                        Text::say(Say::TheTerms)
                            .arg("v1", quoted(raw))
                            .arg("v2", quoted(terms)),
                    )
                    .expected(Say::AWholeNumberOfTerms)
                    .fix(Say::WriteTheNumberOfConsecutive);
                c.report(d);
                continue;
            }
            Some(t) if t < 0 || t > i64::from(u32::MAX) => {
                let d = c
                    .diag(code::OUT_OF_RANGE, COL)
                    .found(
                        Text::say(Say::TheTerms)
                            .arg("v1", quoted(raw))
                            .arg("v2", quoted(terms)),
                    )
                    .expected(Say::AWholeNumberOfTerms2)
                    .fix(Say::CorrectTheNumberOfTerms);
                c.report(d);
                continue;
            }
            Some(t) => t as u32,
        };
        let Some(ids) = units else {
            c.ok = false;
            continue;
        };
        match ids.get(unit) {
            Some(ix) => out.push((ix, terms)),
            // "UBND huyện Yên Sơn: 2": the unit by its name, as `current_unit` takes it (W2012).
            None if ids.by_name(unit).is_some() => {
                let (ix, id) = ids.by_name(unit).expect("named");
                c.warn_unit_by_name(COL, unit, id, units_file);
                out.push((ix, terms));
            }
            None => {
                let d =
                    unknown_reference(c.diag(code::UNKNOWN_REFERENCE, COL), unit, units_file, ids)
                        .found(
                            Text::say(Say::TheUnit)
                                .arg("v1", quoted(raw))
                                .arg("v2", quoted(unit)),
                        );
                c.report(d);
            }
        }
    }
    out.sort_by_key(|(u, _)| *u);
    out
}

/// Resolves `relatives` against all cadre ids, then makes them symmetric, sorted and unique.
/// A relative's cell item without the relation said beside it: "C08 (anh trai)", "chồng: C08",
/// "Vợ - C08" → "C08"; anything else as it is.
fn without_relation(item: &str) -> &str {
    let item = item.trim();
    let item = match item.split_once(['(', '[']) {
        Some((head, _)) if !head.trim().is_empty() => head.trim(),
        _ => item,
    };
    // A dash between spaces only: "CB-001" is an id.
    let tail = item
        .rsplit_once(':')
        .or_else(|| item.rsplit_once(" - "))
        .or_else(|| item.rsplit_once(" – "))
        .map(|(_, t)| t.trim());
    tail.filter(|t| !t.is_empty()).unwrap_or(item)
}

/// The cadre ids an item of a relatives cell names, its words split at spaces and at `:` `+` `&`
/// `/` `(` `)` dashes (a word joined by a hyphen too, when each of its parts is an id): "C07 - C01",
/// "C01 và C07", "C01/C07" give both; "Vợ - C08" one.
fn several_ids(item: &str, ids: &Ids) -> Vec<u32> {
    let mut out = Vec::new();
    // Only an item of ids and joiners: a number in the relation's words ("8 (cưới 10/2015)")
    // is no relative.
    for word in item
        .split(|c: char| c.is_whitespace() || "+&/–—".contains(c))
        .filter(|w| !w.is_empty())
    {
        if let Some(ix) = ids.get(word) {
            out.push(ix);
        } else if matches!(key(word).as_str(), "-" | "và" | "va") {
        } else if word.contains('-')
            && let Some(parts) = word
                .split('-')
                .map(|w| ids.get(w))
                .collect::<Option<Vec<u32>>>()
        {
            out.extend(parts);
        } else {
            return Vec::new();
        }
    }
    out
}

/// The part before a relation written after the id: "K003 - anh trai", "K001: em" → the id.
fn relation_head(item: &str) -> &str {
    let item = item.trim();
    item.split_once(':')
        .or_else(|| item.split_once(" - "))
        .or_else(|| item.split_once(" – "))
        .map_or(item, |(h, _)| h.trim())
}

fn resolve_relatives(
    csv: &Csv,
    out: &mut Parsed<Cadre>,
    pending: Vec<PendingRelatives>,
    diags: &mut Diags,
) {
    let mut edges: Vec<(usize, CadreIx)> = Vec::new();
    // The cadres by name, for a relative written by name ("Ngô Đức Thịnh" for C08).
    let mut named: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for c in out.rows.iter().flatten() {
        named
            .entry(key(&c.name))
            .or_default()
            .push((c.id.clone(), c.name.clone()));
    }
    for p in pending {
        let row = &csv.rows[p.row];
        let mut c = Cells {
            csv,
            row,
            diags,
            ok: true,
            dates: DateFormat::Auto,
        };
        let own = csv.cell(row, "id").unwrap_or("");
        for rel in &p.ids {
            // Written another way ("cb01" in CB01's own list) it resolves to the cadre too.
            if rel == own || out.ids.get(rel) == Some(p.row as u32) {
                let d = c
                    .diag(code::IMPOSSIBLE_VALUE, "relatives")
                    .found(
                        Text::say(Say::TheCadreSOwnId)
                            .arg("v1", quoted(c.raw("relatives").unwrap_or("")))
                            .arg("v2", quoted(rel)),
                    )
                    .expected(Say::IdsOfOtherCadres)
                    .fix(Say::RemoveTheCadreSOwn);
                c.report(d);
                continue;
            }
            // Several ids in one item, joined by a dash, "và", "+", "&" or "/" ("C07 - C01",
            // "C01 và C07"): each is a relative. Read as "relation - id", C07 was lost.
            let several = several_ids(rel, &out.ids);
            if out.ids.get(rel).is_none() && several.len() > 1 {
                edges.extend(several.into_iter().map(|ix| (p.row, ix)));
                continue;
            }
            // The relation said beside the id ("C08 (anh trai)", "chồng: C08"): the id.
            let bare = without_relation(rel);
            let head = relation_head(rel);
            match out
                .ids
                .get(rel)
                .or_else(|| out.ids.get(bare))
                .or_else(|| out.ids.get(head))
            {
                Some(ix) => edges.push((p.row, ix)),
                None => {
                    let mut d = unknown_reference_except(
                        c.diag(code::UNKNOWN_REFERENCE, "relatives"),
                        rel,
                        &csv.name,
                        &out.ids,
                        Some(own),
                    )
                    .found(
                        Text::say(Say::TheId)
                            .arg("v1", quoted(&shorten(c.raw("relatives").unwrap_or(""))))
                            .arg("v2", quoted(&shorten(rel))),
                    );
                    if let Some([(id, name)]) = named.get(&key(bare)).map(Vec::as_slice) {
                        d = d.fix(
                            Text::say(Say::RelativeByName)
                                .arg("id", quoted(id))
                                .arg("name", name.as_str()),
                        );
                    }
                    c.report(d);
                }
            }
        }
        if !c.ok {
            out.rows[p.row] = None;
        }
    }
    let listed: std::collections::HashSet<(usize, usize)> =
        edges.iter().map(|&(a, b)| (a, b as usize)).collect();
    for &(a, b) in &edges {
        let b = b as usize;
        if listed.contains(&(b, a)) {
            continue;
        }
        let (Some(row), Some(other)) = (csv.rows.get(a), csv.rows.get(b)) else {
            continue;
        };
        let c = Cells {
            csv,
            row,
            diags: &mut *diags,
            ok: true,
            dates: DateFormat::Auto,
        };
        let (own, rel) = (
            csv.cell(row, "id").unwrap_or(""),
            csv.cell(other, "id").unwrap_or(""),
        );
        let d = c
            .diag(code::ONE_SIDED_RELATIVE, "relatives")
            .found(
                Text::say(Say::ListsAsARelativeLine)
                    .arg("v1", quoted(own))
                    .arg("v2", quoted(rel))
                    .arg("v3", quoted(rel))
                    .arg("v4", other.line)
                    .arg("v5", quoted(own)),
            )
            .expected(Say::EachRelativeListedOnBoth)
            .fix(
                Text::say(Say::AddToTheRelativesOf)
                    .arg("own", format!("{:?}", own))
                    .arg("rel", format!("{:?}", rel)),
            );
        c.diags.push(d);
    }
    for (a, b) in edges {
        if let Some(Some(cadre)) = out.rows.get_mut(a) {
            cadre.relatives.push(b);
        }
        if let Some(Some(cadre)) = out.rows.get_mut(b as usize) {
            cadre.relatives.push(a as CadreIx);
        }
    }
    for cadre in out.rows.iter_mut().flatten() {
        cadre.relatives.sort_unstable();
        cadre.relatives.dedup();
    }
}

#[cfg(test)]
mod tests {

    /// E2017 for a stray quote that swallows rows, never for a cell written on several lines
    /// (a note, an address, a list of ids in a `;` table), whose lines are no rows of the table.
    #[test]
    fn a_quote_swallowing_rows_is_told_from_a_cell_on_several_lines() {
        let header = "id,name,sex,birth_date,unit,rank,notes\n";
        let swallowed = format!(
            "{header}K001,\"Nguyễn Văn An,M,1972-05-10,U1,7,\nK002,Trần Thị Bình\",F,1980-11-20,U1,6,\n"
        );
        assert_eq!(
            quote_fault(&swallowed, b','),
            Some(QuoteFault::Swallows(2, 3, 3, "K002".into()))
        );
        for ok in [
            format!("{header}K001,An,M,1972-05-10,U1,7,\"Phó phòng\n2018-2020,Trưởng phòng\"\n"),
            format!("{header}K001,An,M,1972-05-10,U1,7,\"Số 12 Lê Lợi,\nP.5, Q.3\"\n"),
            format!("{header}K001,An,M,1972-05-10,U1,7,\"K005,K007\nK010,K011\"\n"),
        ] {
            assert_eq!(quote_fault(&ok, b','), None, "{ok}");
        }
        // Ids listed on two lines in a cell, early in a wide row: ids alone, no row.
        let semi = "id;relatives;name;sex;birth_date;unit;rank;rating\nK001;\"K005;K007\nK010;K011\";An;M;1972-05-10;U1;7;3\n";
        assert_eq!(quote_fault(semi, b';'), None);
        assert_eq!(
            quote_fault("id,name\nK001,\"An\n", b','),
            Some(QuoteFault::Unclosed(2))
        );
    }

    /// Only a form's own rows are layout: a record that starts like a total is a record.
    /// A reference that only looks like an id ("u18", "Ｕ18") is that id, as E2007 reads ids; a
    /// unit's name is that unit when one unit has it.
    #[test]
    fn a_province_written_two_ways_in_two_tables_is_one() {
        let unit = |name: &str, province: &str| Unit {
            id: String::new(),
            name: name.into(),
            tier: Tier::Province,
            province: Some(province.into()),
            region: String::new(),
            shortage: 0,
            difficult: false,
        };
        let named = |r: ProvinceRead| match r {
            ProvinceRead::Named(p) => p,
            _ => "-".into(),
        };
        // Vietnam's id against units.csv's name, an abbreviation against the full name.
        let units = [
            unit("Tỉnh ủy Lào Cai", "Lào Cai"),
            unit("UBND TP", "Hồ Chí Minh"),
        ];
        let ix = ProvinceIndex::new(Some(&units), true, "units.csv");
        assert_eq!(named(ix.resolve("lao-cai")), "Lào Cai");
        // An address's last part.
        assert_eq!(
            named(ix.resolve("xã Bản Vược, huyện Bát Xát, tỉnh Lào Cai")),
            "Lào Cai"
        );
        assert!(matches!(
            ix.resolve("Gia Lai - Kon Tum"),
            ProvinceRead::Unknown(_)
        ));
        assert_eq!(
            named(ix.resolve("xã A, tỉnh Bà Rịa - Vũng Tàu")),
            "ba-ria-vung-tau"
        );
        assert_eq!(named(ix.resolve("Thanh Trì, Hà Nội")), "ha-noi");
        assert!(matches!(
            ix.resolve("xã Bản Vược, huyện Bát Xát"),
            ProvinceRead::Unknown(_)
        ));
        assert_eq!(named(ix.resolve("TP.HCM")), "Hồ Chí Minh");
        assert!(matches!(ix.resolve("Lào Cai"), ProvinceRead::Known));
        assert!(matches!(ix.resolve("ha-noi"), ProvinceRead::Known));
        // units.csv's own codes, named by its units' names ("Huế" inside "Thừa Thiên Huế").
        let units = [
            unit("Tỉnh ủy Lào Cai", "10"),
            unit("Huyện ủy Bát Xát", "10"),
            unit("Sở Nội vụ tỉnh Thừa Thiên Huế", "46"),
            unit("Sở Y tế", "27"),
        ];
        let ix = ProvinceIndex::new(Some(&units), true, "units.csv");
        assert_eq!(named(ix.resolve("Lào Cai")), "10");
        assert_eq!(named(ix.resolve("thua-thien-hue")), "46");
        assert_eq!(named(ix.resolve("Bắc Ninh")), "bac-ninh");
        // A province the units of two codes name is neither's.
        let units = [
            unit("Tỉnh ủy Lào Cai", "10"),
            unit("Sở Y tế tỉnh Lào Cai", "11"),
        ];
        let ix = ProvinceIndex::new(Some(&units), true, "units.csv");
        assert_eq!(named(ix.resolve("Lào Cai")), "lao-cai");
        // A commune or a ward named like a province is no province's place.
        let units = [
            unit("Đảng ủy xã Hòa Bình", "TN"),
            unit("Đảng ủy phường Nguyễn Huệ", "QT"),
            unit("Tỉnh ủy Quảng Trị", "QT"),
        ];
        let ix = ProvinceIndex::new(Some(&units), true, "units.csv");
        assert_eq!(named(ix.resolve("Hòa Bình")), "hoa-binh");
        assert_eq!(named(ix.resolve("Quảng Trị")), "QT");
    }

    #[test]
    fn references_resolve_look_alikes_and_unit_names() {
        let ids = Ids::from_unique(["U18", "U02", "U03"]);
        assert_eq!(ids.get("u18"), Some(0));
        assert_eq!(ids.get("Ｕ18"), Some(0));
        assert_eq!(ids.get("U 02"), Some(1));
        assert_eq!(ids.get("U8"), None);
        // Digits alone: leading zeros a workbook's number dropped ("005" shown for 5).
        let ids = Ids::from_unique(["5", "12", "0"]);
        assert_eq!(ids.get("005"), Some(0));
        assert_eq!(ids.get("012"), Some(1));
        assert_eq!(ids.get("000"), Some(2));
        assert_eq!(ids.get("50"), None);
        // Unit names written out, in capitals, with the old tone placement, or "TP" for the city.
        let mut units = Ids::from_unique(["U05", "U07", "U09"]);
        units.set_names([
            (0, "UBND tỉnh Lâm Sơn"),
            (1, "Thành phố Hạ Long"),
            (2, "Tỉnh ủy Lâm Sơn"),
        ]);
        assert_eq!(
            units.by_name("ỦY BAN NHÂN DÂN TỈNH LÂM SƠN").map(|u| u.0),
            Some(0)
        );
        assert_eq!(
            units.by_name("Ủy ban nhân dân tỉnh Lâm Sơn").map(|u| u.0),
            Some(0)
        );
        assert_eq!(units.by_name("TP Hạ Long").map(|u| u.0), Some(1));
        assert_eq!(units.by_name("Tỉnh uỷ Lâm Sơn").map(|u| u.0), Some(2));
        assert_eq!(units.by_name("Tỉnh ủy Lạng Sơn"), None);
        // An id a plan file wrote after a `'` (a formula defused).
        let quoted_ids = Ids::from_unique(["=K1", "K2"]);
        assert_eq!(quoted_ids.get("'=K1"), Some(0));
        assert_eq!(quoted_ids.get("'K2"), None);
        // A whole number exported with its decimals ("5.0", "12.00").
        assert_eq!(ids.get("5.0"), Some(0));
        assert_eq!(ids.get("12.00"), Some(1));
        assert_eq!(ids.get("5.5"), None);
        let mut ids = Ids::from_unique(["U18", "U02", "U03"]);
        ids.set_names([(0, "UBND huyện Yên Sơn"), (1, "Sở Y tế"), (2, "Sở y tế")]);
        assert_eq!(ids.by_name("ubnd huyện  yên sơn"), Some((0, "U18")));
        // Two units of one name: neither.
        assert_eq!(ids.by_name("Sở Y tế"), None);
        // A short name suggests the one unit whose name holds its words, never two.
        let mut ids = Ids::from_unique(["U05", "U06", "U07"]);
        ids.set_names([
            (0, "Sở Tài chính tỉnh Lâm Sơn"),
            (1, "Sở Tư pháp tỉnh Lâm Sơn"),
            (2, "UBND huyện Yên Sơn"),
        ]);
        assert_eq!(
            ids.suggest_by_words("Sở Tài chính Lâm Sơn"),
            Some(("U05", "Sở Tài chính tỉnh Lâm Sơn"))
        );
        assert_eq!(
            ids.suggest_by_words("UBND Yên Sơn"),
            Some(("U07", "UBND huyện Yên Sơn"))
        );
        assert_eq!(ids.suggest_by_words("Sở tỉnh Lâm Sơn"), None);
        assert_eq!(ids.suggest_by_words("Sở Nội vụ Lâm Sơn"), None);
        assert_eq!(ids.suggest_by_words("U05"), None);
    }

    #[test]
    fn a_names_note_is_beside_the_name_and_no_other_name() {
        assert_eq!(name_annotation("Giàng Thị Linh (từ trần)"), Some("từ trần"));
        assert_eq!(
            name_annotation("Lê Văn A - đã nghỉ hưu"),
            Some("đã nghỉ hưu")
        );
        assert_eq!(name_annotation("Nguyễn Văn An (bí danh Tư Trần)"), None);
        assert_eq!(name_annotation("Nguyễn Văn Tử Trần"), None);
    }

    #[test]
    fn several_years_ratings_in_one_cell_are_split_by_year() {
        let levels =
            |s| ratings_by_year(s).map(|v| v.iter().map(|x| (x.0, x.1)).collect::<Vec<_>>());
        assert_eq!(
            levels("HTTNV (2024), HTXSNV (2025)"),
            Some(vec![(Some(2024), 3), (Some(2025), 4)])
        );
        assert_eq!(
            levels("2024: HTT; Năm 2025: HTXS NV"),
            Some(vec![(Some(2024), 3), (Some(2025), 4)])
        );
        assert_eq!(levels("HTTNV; HTXSNV"), Some(vec![(None, 3), (None, 4)]));
        // One rating, or items that are no ratings: not several years'.
        assert_eq!(levels("HTXSNV (2025)"), None);
        assert_eq!(levels("HTTNV, ghi chú"), None);
    }

    #[test]
    fn appraisal_words_are_ratings() {
        for (s, v) in [
            ("Hoàn thành xuất sắc nhiệm vụ", Some(4)),
            ("HTXSNV", Some(4)),
            ("Hoàn thành tốt nhiệm vụ", Some(3)),
            ("httnv", Some(3)),
            ("Hoàn thành nhiệm vụ", Some(2)),
            ("HTNV", Some(2)),
            ("Không hoàn thành nhiệm vụ", Some(1)),
            ("KHTNV.", Some(1)),
            ("HTXS", Some(4)),
            ("HTXS NV", Some(4)),
            ("HT xuất sắc NV", Some(4)),
            ("HTXSNV (2025)", Some(4)),
            ("HTT NV", Some(3)),
            ("HT tốt NV", Some(3)),
            ("Chưa hoàn thành nhiệm vụ", Some(1)),
            ("Không HTNV", Some(1)),
            ("KHT NV", Some(1)),
            ("HTNV nhưng còn hạn chế", Some(2)),
            ("HT NV", Some(2)),
            ("3", None),
            ("Hoàn", None),
        ] {
            assert_eq!(appraisal_level(s), v, "{s}");
        }
    }

    #[test]
    fn notes_that_matter_and_denials() {
        for n in [
            "Đã nghỉ hưu từ 01/10/2026",
            "Không luân chuyển",
            "Đang bị kỷ luật",
            "nghỉ hưu",
            "Đang luân chuyển tại xã Hòa An đến 30/6/2028",
            "II. CÁN BỘ ĐÃ LUÂN CHUYỂN NĂM 2025 (để theo dõi)",
            "Chưa được Ban Thường vụ phê duyệt quy hoạch",
            "II. CÁN BỘ CHƯA ĐƯỢC PHÊ DUYỆT QUY HOẠCH",
            "DỰ KIẾN BỔ SUNG QUY HOẠCH (chờ phê duyệt)",
            "Nghỉ theo Nghị định 178 từ 01/02/2027",
            "Bị cảnh cáo năm 2026",
            "Đang bị kiểm tra dấu hiệu vi phạm",
            "Đã có QĐ điều động về Sở Nội vụ",
            "Tinh giản biên chế",
            "Bị khiển trách",
            "Không đủ sức khỏe",
            "Bệnh nặng",
        ] {
            assert!(note_matters(n), "{n}");
        }
        for n in [
            "Không bị kỷ luật",
            "Chưa từng bị kỷ luật; không trong diện điều tra",
            "Còn 12 năm mới nghỉ hưu",
            "chưa có hình thức kỷ luật",
            "Đã được phê duyệt quy hoạch",
            "Luân chuyển từ năm 2019, đã hết thời hạn",
            "Đã được Ban Thường vụ cho ý kiến và phê duyệt quy hoạch",
            "Không thuộc diện tinh giản biên chế theo Nghị định 178",
            "Hết thời hạn cảnh cáo từ năm 2022",
            "Đã xóa kỷ luật",
            "Đã luân chuyển giai đoạn 2015-2020, có kinh nghiệm cơ sở",
            "Tiêu chuẩn theo Nghị định 29",
            "Biệt phái",
        ] {
            assert!(!note_matters(n), "{n}");
        }
    }

    #[test]
    fn a_relation_beside_a_relatives_id_is_not_the_id() {
        assert_eq!(without_relation("C08 (anh trai)"), "C08");
        assert_eq!(without_relation("chồng: C08"), "C08");
        assert_eq!(without_relation("Vợ - C08"), "C08");
        assert_eq!(without_relation("CB-001"), "CB-001");
        assert_eq!(without_relation("anh trai: Ngô Đức Thịnh"), "Ngô Đức Thịnh");
        assert_eq!(without_relation("C08"), "C08");
        assert_eq!(relation_head("K003 - anh trai"), "K003");
        assert_eq!(relation_head("K001: em"), "K001");
        // Several ids only in an item of ids and joiners; a number in the relation's words is
        // no relative.
        let ids = Ids::from_unique(["7", "8", "10", "2", "C-01", "C02"]);
        assert_eq!(several_ids("7 - 8", &ids), vec![0, 1]);
        assert_eq!(several_ids("7 và 8", &ids), vec![0, 1]);
        assert_eq!(several_ids("7/8", &ids), vec![0, 1]);
        assert_eq!(several_ids("C-01 + C02", &ids), vec![4, 5]);
        assert!(several_ids("8 (chồng cưới tháng 10/2015)", &ids).len() < 2);
        assert!(several_ids("Chồng 8 (từ 2 năm)", &ids).len() < 2);
    }

    #[test]
    fn numbered_lines_and_words_for_none_in_lists() {
        assert_eq!(
            lines_as_list("1. Bí thư\n2. Vụ trưởng").as_deref(),
            Some("Bí thư; Vụ trưởng")
        );
        assert_eq!(
            lines_as_list("a) Bí thư Huyện ủy\nb) Chủ tịch UBND xã").as_deref(),
            Some("Bí thư Huyện ủy; Chủ tịch UBND xã")
        );
        assert_eq!(
            lines_as_list("II. Bí thư\nT.Ư Đoàn").as_deref(),
            Some("Bí thư; T.Ư Đoàn")
        );

        assert_eq!(
            crate::domain::text::without_numbering("q. Chủ tịch UBND"),
            "q. Chủ tịch UBND"
        );
        assert_eq!(
            crate::domain::text::without_numbering("b. Bí thư"),
            "Bí thư"
        );
        assert_eq!(
            crate::domain::text::without_numbering("XVIII. ĐẢNG ỦY XÃ NA MÈO"),
            "ĐẢNG ỦY XÃ NA MÈO"
        );
        for none in [
            "Chưa quy hoạch",
            "Không quy hoạch",
            "Chưa",
            "N/A",
            "không có",
            "—",
            "chưa được quy hoạch",
        ] {
            assert!(says_not_planned(none), "{none}");
        }
        for title in ["Bí thư", "Chủ tịch UBND xã", "Không quân"] {
            assert!(!says_not_planned(title), "{title}");
        }
    }

    #[test]
    fn numbering_and_totals_rows_and_records_that_look_like_them() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert!(numbering_row(&row(&["(1)", "(2)", "(3)", "(4)"])));
        assert!(numbering_row(&row(&["1", "2", "", "3"])));
        assert!(!numbering_row(&row(&["1", "2"])));
        assert!(!numbering_row(&row(&["K001", "1", "2", "3"])));
        for t in [
            "Tổng cộng",
            "TỔNG CỘNG:",
            "Tổng số",
            "Cộng",
            "Cộng:",
            "Tổng cộng: 04 đồng chí",
            "Tổng cộng (I+II)",
            "Tổng số: 4",
        ] {
            assert!(totals_row(&row(&["", t, ""])), "{t}");
        }
        for t in [
            "Tổng Công ty Điện lực miền Bắc",
            "Tống Sơn Hà",
            "CONG",
            "Tổng cộng đoàn",
            "Tổng số cán bộ Ban",
        ] {
            assert!(!totals_row(&row(&[t, "x"])), "{t}");
        }
        // Counts with their words ("Lâm Sơn: 14 năm", "U16: 2 nhiệm kỳ") were E2005.
        assert_eq!(without_count_word("14 năm", &["nam"]), "14");
        assert_eq!(without_count_word(" 2,5 Năm ", &["nam"]), "2,5");
        assert_eq!(without_count_word("2 nhiệm kỳ", &["nhiem-ky", "nk"]), "2");
        assert_eq!(without_count_word("2 NK", &["nhiem-ky", "nk"]), "2");
        assert_eq!(without_count_word("2 tháng", &["nam"]), "2 tháng");
        assert_eq!(without_count_word("năm", &["nam"]), "năm");
        // A unit's subtotal, with the seats beside it; a record of a title "Cộng tác viên" is not.
        assert!(totals_row(&row(&[
            "",
            "",
            "Cộng Ban Tổ chức Trung ương",
            "",
            "5"
        ])));
        assert!(totals_row(&row(&["", "Tổng cộng khối Đảng", "1.234"])));
        assert!(!totals_row(&row(&[
            "VT9",
            "U01",
            "Cộng tác viên",
            "3",
            "Đảng"
        ])));
        assert!(!totals_row(&row(&["", "Cộng tác viên", "Đảng", "1"])));
    }

    use super::*;

    #[test]
    fn separators_are_detected_outside_quotes() {
        assert_eq!(detect_separator("id,name\n1,a"), b',');
        assert_eq!(detect_separator("id;name;title\r\n1;a;b"), b';');
        assert_eq!(detect_separator("id\tname\n"), b'\t');
        assert_eq!(detect_separator("\"a;b;c\",x\n"), b',');
        // A first line without any (a title above the header, #11): the next line decides.
        assert_eq!(detect_separator("DANH SÁCH\nid;name\n1;a"), b';');
        assert_eq!(detect_separator("id\nx\n"), b',');
        assert_eq!(detect_separator(""), b',');
    }

    #[test]
    fn vietnamese_headers_name_the_documented_columns() {
        for (header, column) in [
            ("Ngày sinh", "birth_date"),
            ("ngay_sinh", "birth_date"),
            ("NGAY SINH", "birth_date"),
            ("Nga\u{300}y sinh", "birth_date"),
            ("Họ và tên", "name"),
            ("Birth Date", "birth_date"),
            ("birth_date", "birth_date"),
            ("Chức danh quy hoạch", "planned_titles"),
            ("Quê quán", "hometown_province"),
        ] {
            assert_eq!(canonical_column(header, &CADRES), Some(column), "{header}");
        }
        assert_eq!(canonical_column("Đơn vị", &POSTS), Some("unit"));
        assert_eq!(canonical_column("Cấp", &UNITS), Some("tier"));
        assert_eq!(canonical_column("birthdate", &CADRES), None);
        // Every alias names a column of its table.
        let history = CsvSpec {
            columns: &[
                ("cadre_id", true),
                ("post_id", true),
                ("kind", true),
                ("start", true),
                ("end", false),
                ("cadre_name", false),
                ("unit_id", false),
                ("period", false),
                ("note", false),
            ],
            aliases: HISTORY_ALIASES,
            ..UNITS
        };
        let programme = CsvSpec {
            columns: &[
                ("cadre_id", true),
                ("post_id", true),
                ("kind", true),
                ("period", true),
            ],
            aliases: PROGRAMME_ALIASES,
            ..UNITS
        };
        assert_eq!(canonical_column("Mã cán bộ", &history), Some("cadre_id"));
        assert_eq!(canonical_column("Ngày bắt đầu", &history), Some("start"));
        assert_eq!(canonical_column("Kỳ", &programme), Some("period"));
        for spec in [&UNITS, &POSTS, &CADRES, &history, &programme] {
            for (_, column) in spec.aliases {
                assert!(spec.columns.iter().any(|(c, _)| c == column), "{column}");
            }
        }
    }

    /// Issue 13: a typo in a Vietnamese header ("Ngày sinhh") is answered with the Vietnamese
    /// header it misses, an English typo with the id; the missing column's `found:` shows the
    /// header with the file's separator, cut only between cells.
    #[test]
    fn a_misspelt_vietnamese_header_gets_a_vietnamese_suggestion() {
        use crate::domain::Lang;
        let lists = [
            UNIT_ALIASES,
            POST_ALIASES,
            CADRE_ALIASES,
            HISTORY_ALIASES,
            PROGRAMME_ALIASES,
        ];
        for (_, words) in ALIAS_WORDS {
            let folded = fold(words).replace('-', "_");
            assert!(
                lists.iter().any(|l| l.iter().any(|(a, _)| *a == folded)),
                "{words}"
            );
        }
        for list in lists {
            for (alias, _) in list {
                let words = ALIAS_WORDS.iter().find(|(a, _)| a == alias);
                let (_, words) = words.unwrap_or_else(|| panic!("{alias} has no words"));
                assert_eq!(fold(words).replace('-', "_"), *alias);
            }
        }
        assert_eq!(suggest_column("Ngày sinhh", &CADRES), Some("Ngày sinh"));
        assert_eq!(suggest_column("ngay sinhh", &CADRES), Some("Ngày sinh"));
        assert_eq!(suggest_column("Giới tín", &CADRES), Some("Giới tính"));
        assert_eq!(suggest_column("birthdate", &CADRES), Some("birth_date"));
        assert_eq!(suggest_column("xyzzy", &CADRES), None);
        // Two words apart is another column, not a misspelling.
        assert_eq!(suggest_column("Thời gian công tác", &CADRES), None);
        // The whole loader: E2002 suggests "Ngày sinh"; E2001 shows the header as written.
        let header = "Mã cán bộ;Họ và tên;Giới tính;Ngày sinhh;Đơn vị hiện tại;Bậc hiện tại;\
                      Lĩnh vực;Chức danh quy hoạch;Xếp loại;Ngày khám sức khỏe;Kết thúc luân chuyển;\
                      Số năm công tác;Nhiệm kỳ đứng đầu;Người thân;Dân tộc thiểu số";
        let mut diags = Diags::default();
        let _ = read_csv(
            Path::new("can-bo.csv"),
            &format!("{header}\nC1;A;M;1980-01-01;U1;5;x;;;;;;;;\n"),
            &CADRES,
            DEFAULT_MAX_TABLE_ROWS,
            &mut diags,
        );
        let errors = diags.finish().unwrap_err().diagnostics;
        let say = |t: &Text| crate::report::text(Lang::Vi, t);
        let unknown = errors
            .iter()
            .find(|d| d.code == code::UNKNOWN_COLUMN)
            .unwrap();
        assert_eq!(say(&unknown.fix), "có phải là \"Ngày sinh\"? đổi tên cột");
        let missing = errors
            .iter()
            .find(|d| d.code == code::MISSING_COLUMN)
            .unwrap();
        let found = say(&missing.found);
        assert!(
            found.starts_with("tiêu đề \"Mã cán bộ;Họ và tên;Giới tính;Ngày sinhh;"),
            "{found}"
        );
        assert!(!found.contains(','), "{found}");
        assert!(found.ends_with(";…\""), "cut between cells: {found}");
        assert_eq!(header_shown(&["a".into(), "b".into()], Some(b';')), "a;b");
        assert_eq!(header_shown(&["a".into(), "b".into()], None), "a | b");
    }

    #[test]
    fn a_semicolon_file_reads_like_a_comma_file() {
        let mut diags = Diags::default();
        let comma = read_csv(
            Path::new("u.csv"),
            "id,name,tier,province,region,shortage\nU1,\"Tỉnh, A\",province,P1,north,2\n",
            &UNITS,
            DEFAULT_MAX_TABLE_ROWS,
            &mut diags,
        )
        .unwrap();
        let semi = read_csv(
            Path::new("u.csv"),
            "\u{feff}id;name;tier;province;region;shortage\r\nU1;Tỉnh, A;province;P1;north;2\r\n",
            &UNITS,
            DEFAULT_MAX_TABLE_ROWS,
            &mut diags,
        )
        .unwrap();
        assert_eq!(comma.rows[0].cells, semi.rows[0].cells);
        assert_eq!(semi.rows[0].line, 2);
        let (warnings, notes) = diags.finish().unwrap();
        assert!(warnings.is_empty());
        let notes: Vec<String> = notes
            .iter()
            .map(|n| crate::report::text(crate::domain::Lang::En, n))
            .collect();
        assert_eq!(notes, vec!["u.csv: cells separated by `;` (semicolon)"]);
    }

    /// #11: a title (without any separator) and a blank row above the header are skipped with
    /// W2009; a file without a header, or whose first row is a wrong header, is told so (E2001,
    /// E2002) as before, with no W2009.
    fn codes_of(text: &str) -> (Vec<&'static str>, Option<usize>) {
        let mut diags = Diags::default();
        let csv = read_csv(
            Path::new("u.csv"),
            text,
            &UNITS,
            DEFAULT_MAX_TABLE_ROWS,
            &mut diags,
        );
        let header = csv.map(|c| c.header_line);
        let all = match diags.finish() {
            Ok((w, _)) => w,
            Err(e) => e.all().cloned().collect(),
        };
        (all.iter().map(|d| d.code).collect(), header)
    }

    /// A form's header over two rows: the lower names taken, Nam | Nữ marks under the sex read
    /// as M/F, a birth date written under Nam or Nữ read as the date and the sex; a data row
    /// under a one-row header is no second header row.
    #[test]
    fn a_header_over_two_rows_is_read_as_one() {
        let s = |x: &str| x.to_string();
        let rows = |v: &[&[&str]]| -> Records {
            v.iter()
                .enumerate()
                .map(|(i, r)| (i + 1, r.iter().map(|c| c.to_string()).collect()))
                .collect()
        };
        let (r, lines, _) = two_row_header(
            rows(&[
                &["Mã cán bộ", "Họ và tên", "Giới tính", "", "Địa chỉ", ""],
                &["", "", "Nam", "Nữ", "Nơi sinh", "Quê quán"],
                &["C1", "An", "x", "", "P1", "P2"],
                &["C2", "Bình", "", "x", "P1", "P1"],
            ]),
            &CADRES,
        );
        assert_eq!(lines, Some((1, 2)));
        assert_eq!(
            r[0].1,
            ["Mã cán bộ", "Họ và tên", "sex", "", "Nơi sinh", "Quê quán"]
        );
        assert_eq!((r[1].1[2].as_str(), r[2].1[2].as_str()), ("M", "F"));
        assert_eq!(r[1].0, 3);
        let (r, _, moved) = two_row_header(
            rows(&[
                &["Mã cán bộ", "Ngày, tháng, năm sinh", ""],
                &["", "Nam", "Nữ"],
                &["C1", "", "12/03/1980"],
            ]),
            &CADRES,
        );
        assert_eq!(r[0].1, ["Mã cán bộ", "birth_date", "sex"]);
        assert_eq!(r[1].1, ["C1", "12/03/1980", "F"]);
        // A list grouped by sex: "Nam" under STT is a section heading, not a header.
        let stt = [s("STT"), s("id"), s("name")];
        assert_eq!(header_below(&stt, &[s("Nam"), s(""), s("")], &CADRES), None);
        assert!(section_row(&[s("Nam"), s(""), s("")], &stt));
        assert!(!section_row(&[s("1"), s(""), s("")], &stt));
        assert!(!section_row(&[s("Nam"), s("C1"), s("")], &stt));
        // A form whose upper row holds more groups than names is still found past its title.
        let (r, skipped) = past_title_rows(
            rows(&[
                &["DANH SÁCH CÁN BỘ", "", "", "", ""],
                &["Mã cán bộ", "Ngày, tháng, năm sinh", "", "Địa chỉ", ""],
                &["", "Nam", "Nữ", "Nơi sinh", "Quê quán"],
                &["C1", "1/2/1980", "", "P1", "P2"],
            ]),
            &CADRES,
        );
        assert_eq!((skipped.len(), r[0].0), (1, 2));
        // Lower names that are columns only with their group's.
        let (r, lines, _) = two_row_header(
            rows(&[
                &["Mã cán bộ", "Quy hoạch", "", "Xếp loại", "", "Luân chuyển"],
                &["", "Chức danh", "Giai đoạn", "Năm 2024", "2025", "Đến ngày"],
                &["C1", "Bí thư", "2026-2031", "1", "2", "1/1/2027"],
            ]),
            &CADRES,
        );
        assert_eq!(lines, Some((1, 2)));
        let header: Vec<Option<&str>> = r[0]
            .1
            .iter()
            .map(|h| canonical_column(h, &CADRES))
            .collect();
        assert_eq!(
            header,
            [
                Some("id"),
                Some("planned_titles"),
                None,
                Some("rating"),
                Some("rating"),
                Some("rotation_end")
            ]
        );
        assert!(form_column(&r[0].1[2]), "{:?}", r[0].1);
        assert_eq!(
            (header_year(&r[0].1[3]), header_year(&r[0].1[4])),
            (Some(2024), Some(2025))
        );
        // A data row under groups is no lower header: its cells name nothing, and an id that
        // looks like a year is no year under an id.
        let data = [s("C1"), s("Bí thư"), s("2026-2031")];
        let groups = [s("Mã cán bộ"), s("Quy hoạch"), s("")];
        assert_eq!(header_below(&groups, &data, &CADRES), None);
        let groups = [s("Mã cán bộ"), s("Xếp loại"), s("")];
        assert_eq!(
            header_below(&groups, &[s("2015"), s("2024"), s("")], &CADRES),
            None
        );
        let one = rows(&[&["id", "name", "sex"], &["C1", "An", "M"]]);
        assert_eq!(moved, [(3, 2, 1)]);
        assert_eq!(
            two_row_header(one.clone(), &CADRES),
            (one, None, Vec::new())
        );
    }

    /// A single "Nữ" or "Nam" column is the sex where the table has none; "Năm" (a year) is not,
    /// nor two such columns, nor one beside a sex column.
    #[test]
    fn years_worked_in_a_province_as_offices_write_them() {
        for (item, want) in [
            ("Lâm Sơn (14 năm)", Some("Lâm Sơn:14 năm")),
            ("Lâm Sơn - 14 năm", Some("Lâm Sơn:14 năm")),
            ("Thừa Thiên - Huế - 14", Some("Thừa Thiên - Huế:14")),
            ("Lâm Sơn = 14", Some("Lâm Sơn:14")),
            ("Bà Rịa - Vũng Tàu 14 năm", Some("Bà Rịa - Vũng Tàu:14")),
            ("14 năm ở Lâm Sơn", Some("Lâm Sơn:14 năm")),
            ("13 năm 6 tháng tại Lâm Sơn", Some("Lâm Sơn:13 năm 6 tháng")),
            ("Lâm Sơn:14", None),
            ("Lâm Sơn", None),
            ("Lâm Sơn từ 2012", Some("Lâm Sơn:từ 2012")),
            ("Lâm Sơn 2013 - 2026", Some("Lâm Sơn:2013 - 2026")),
            (
                "Thừa Thiên - Huế - 2013 - nay",
                Some("Thừa Thiên - Huế:2013 - nay"),
            ),
            ("Lâm Sơn (03/2013 - nay)", Some("Lâm Sơn:03/2013 - nay")),
            ("2013-2026 ở Lâm Sơn", Some("Lâm Sơn:2013-2026")),
            ("Lâm Sơn 2026 - 2013", None),
        ] {
            assert_eq!(province_years_item(item).as_deref(), want, "{item}");
        }
        assert_eq!(years_count("13 năm 6 tháng"), Some(13.5));
        assert_eq!(years_count("14 năm"), Some(14.0));
        assert_eq!(years_count("2012-2026"), None);
        let plan = Date::from_ymd_opt(2027, 1, 1);
        for (span, years) in [
            ("2012-2026", Some(14.0)),
            ("2012 – 2026", Some(14.0)),
            ("2013 - nay", Some(14.0)),
            ("từ năm 2013", Some(14.0)),
            ("Từ 2013 đến nay", Some(14.0)),
            ("từ 2013 đến hiện nay", Some(14.0)),
            ("03/2013 - nay", Some(13.0 + 10.0 / 12.0)),
            ("tháng 3/2013 - tháng 9/2026", Some(13.5)),
            ("2013 - 2013", Some(0.0)),
            // Years to come are not worked yet: to the plan date.
            ("2010-2031", Some(17.0)),
            ("2026-2013", None),
            ("2013", None),
            ("14", None),
            ("2013-2026-2030", None),
            ("13/2013 - nay", None),
            ("1850 - 2026", None),
        ] {
            assert_eq!(year_span(span).and_then(|s| s.years(plan)), years, "{span}");
        }
        // "now" without a plan date has no count.
        assert_eq!(year_span("2013 - nay").and_then(|s| s.years(None)), None);
    }

    #[test]
    fn an_excel_text_formula_is_its_text() {
        assert_eq!(text_formula("=\"C001\""), "C001");
        assert_eq!(text_formula("=\"007\""), "007");
        assert_eq!(text_formula("=\"a\"&B2"), "=\"a\"&B2");
        assert_eq!(text_formula("C001"), "C001");
    }

    /// A difficult area by name, by zone, or said not to be one; what says no plain yes or no
    /// is refused.
    #[test]
    fn difficult_areas_as_lists_write_them() {
        for yes in [
            "ĐBKK",
            "Vùng khó khăn",
            "Xã biên giới",
            "Khu vực III",
            "Xã khu vực II",
        ] {
            assert_eq!(difficult_area(yes), Some(true), "{yes}");
        }
        for no in [
            "Khu vực I",
            "Thôn KV1",
            "Không ĐBKK",
            "Không thuộc vùng khó khăn",
            "Không phải xã biên giới",
            "Ngoài vùng khó khăn",
            "Hết khó khăn",
            "Đã thoát khỏi vùng khó khăn",
            "Chưa được công nhận vùng khó khăn",
            "Không thuộc khu vực III",
        ] {
            assert_eq!(difficult_area(no), Some(false), "{no}");
        }
        for neither in [
            "Vùng khó khăn (cũ)",
            "Khu vực II (cũ)",
            "Vùng không khó khăn lắm",
            "Không thuộc khu vực I",
            "Đô thị",
        ] {
            assert_eq!(difficult_area(neither), None, "{neither}");
        }
    }

    #[test]
    fn a_single_nu_or_nam_column_is_the_sex() {
        let h = |v: &[&str]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let one = |col, woman| {
            Some(SexMarks {
                col,
                woman,
                men: None,
            })
        };
        assert_eq!(sex_mark_column(&h(&["id", "Nữ"]), &CADRES), one(1, true));
        assert_eq!(sex_mark_column(&h(&["NAM", "id"]), &CADRES), one(0, false));
        assert_eq!(
            sex_mark_column(&h(&["id", "Giới tính nữ"]), &CADRES),
            one(1, true)
        );
        assert_eq!(
            sex_mark_column(&h(&["id", "Nữ (x)"]), &CADRES),
            one(1, true)
        );
        assert_eq!(
            sex_mark_column(&h(&["Nam", "id", "Nữ"]), &CADRES),
            Some(SexMarks {
                col: 2,
                woman: true,
                men: Some(0)
            })
        );
        assert_eq!(sex_mark_column(&h(&["id", "Năm"]), &CADRES), None);
        assert_eq!(sex_mark_column(&h(&["Nữ", "Nữ"]), &CADRES), None);
        assert_eq!(sex_mark_column(&h(&["Giới tính", "Nữ"]), &CADRES), None);
        assert_eq!(sex_mark_column(&h(&["id", "Nữ"]), &UNITS), None);
        assert!(is_excel_error(" #N/A") && is_excel_error("Err:502") && is_excel_error("#spill!"));
        assert!(!is_excel_error("Err:5") && !is_excel_error("#1") && !is_excel_error("N/A"));
    }

    /// A date column formatted General shows Excel's count of days: named as the date it is.
    #[test]
    fn an_excel_day_count_is_named_as_its_date() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(excel_serial("28622", false), Some(d("1978-05-12")));
        assert_eq!(excel_serial("46204", false), Some(d("2026-07-01")));
        // A workbook of the 1904 date system counts 1,462 days fewer.
        assert_eq!(excel_serial("27160", true), Some(d("1978-05-12")));
        for not in ["12", "1978", "-28622", "28622.5", "abc", "999999"] {
            assert_eq!(excel_serial(not, false), None, "{not}");
        }
    }

    /// Empty rows (Excel exports formatted empty rows as ",,,,") count towards no row limit: 2
    /// rows and 50 empty ones are read under a limit of 3; 4 rows are not.
    #[test]
    fn empty_rows_do_not_count_towards_the_row_limit() {
        let read = |rows: usize| {
            let mut text = String::from("id,name,tier,province,region,shortage\n");
            for i in 0..rows {
                text += &format!("U{i},Tỉnh A,province,P1,north,2\n");
            }
            text += &",,,,,\n".repeat(50);
            let mut diags = Diags::default();
            let csv = read_csv(Path::new("u.csv"), &text, &UNITS, 3, &mut diags);
            (
                csv.map(|c| c.rows.len()),
                diags.finish().err().map(|e| e.diagnostics[0].code),
            )
        };
        assert_eq!(read(2), (Some(2), None));
        assert_eq!(read(4), (None, Some("E2018")));
    }

    #[test]
    fn a_title_row_is_skipped_but_a_missing_or_wrong_header_is_not() {
        let data = "U1;Tỉnh A;province;P1;north;2\n";
        let titled = format!(
            "DANH SÁCH ĐƠN VỊ\n;;;;;\nMã đơn vị;Tên đơn vị;Cấp;Tỉnh;Vùng;Mức thiếu\n{data}"
        );
        assert_eq!(codes_of(&titled), (vec!["W2009"], Some(3)));
        // No header at all: the data rows never read as one.
        let (codes, header) = codes_of(&format!("{data}{data}{data}"));
        assert!(
            codes.contains(&"E2001") && !codes.contains(&"W2009"),
            "{codes:?}"
        );
        assert_eq!(header, Some(1));
        // A header with one misspelt column is still the header.
        let (codes, _) = codes_of(&format!("id;name;tier;province;regoin;shortage\n{data}"));
        assert!(
            codes.contains(&"E2002") && !codes.contains(&"W2009"),
            "{codes:?}"
        );
    }
}
