//! The words of `--help`: every command's description and examples and every argument's help, in
//! English and Vietnamese, keyed by the command's path (`""` for `rotaplan` itself, `"plan"`,
//! `"batch merge"`) and the argument's id. Special ids: `@about` (the command's description),
//! `@examples` (its Examples section), `id=value` (the help of one possible value).
//!
//! The English rows are the texts the clap derive in src/cli/ writes (a test in src/cli/ checks
//! that they are the same); src/cli/ puts the Vietnamese rows in place of them when the language
//! is Vietnamese. A row missing in either language fails that test.

use super::catalogue::{Msg, fill, t};
use crate::domain::Lang;

macro_rules! help_words {
    ($(($cmd:literal, $arg:literal) { en: $en:literal, vi: $vi:literal })*) => {
        /// Every row: (command path, argument id, English, Vietnamese).
        pub const ROWS: &[(&str, &str, &str, &str)] = &[$(($cmd, $arg, $en, $vi)),*];
    };
}

/// The help of argument `arg` of the command at `path` in `lang` (see the module's comment).
pub fn help(lang: Lang, path: &str, arg: &str) -> Option<&'static str> {
    ROWS.iter()
        .find(|(c, a, _, _)| *c == path && *a == arg)
        .map(|(_, _, en, vi)| match lang {
            Lang::En => *en,
            Lang::Vi => *vi,
        })
}

/// What clap itself writes around the help texts, in `lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpWord {
    /// "Usage:"
    Usage,
    /// The heading of positional arguments.
    Arguments,
    /// The heading of options.
    Options,
    /// The heading of subcommands.
    Commands,
    /// The placeholder of options in a usage line (`[OPTIONS]`).
    OptionsPlaceholder,
    /// The placeholder of a subcommand in a usage line (`<COMMAND>`).
    CommandPlaceholder,
    /// `-h`'s short help.
    PrintHelp,
    /// `--help`'s long help.
    PrintHelpLong,
    /// `-V`.
    PrintVersion,
    /// The `help` subcommand.
    HelpCommand,
}

/// The word `w` in `lang`.
pub fn word(lang: Lang, w: HelpWord) -> &'static str {
    t(
        lang,
        match w {
            HelpWord::Usage => Msg::HelpUsage,
            HelpWord::Arguments => Msg::HelpArguments,
            HelpWord::Options => Msg::HelpOptions,
            HelpWord::Commands => Msg::HelpCommands,
            HelpWord::OptionsPlaceholder => Msg::HelpOptionsPlaceholder,
            HelpWord::CommandPlaceholder => Msg::HelpCommandPlaceholder,
            HelpWord::PrintHelp => Msg::HelpPrintHelp,
            HelpWord::PrintHelpLong => Msg::HelpPrintHelpLong,
            HelpWord::PrintVersion => Msg::HelpPrintVersion,
            HelpWord::HelpCommand => Msg::HelpHelpCommand,
        },
    )
}

/// An argument's help with its possible values (each with its own help, if any), its default
/// value and the environment variable that sets it written after it, in `lang`, as clap writes
/// them in English.
pub fn with_values(
    lang: Lang,
    text: &str,
    default: Option<&str>,
    values: &[(String, Option<String>)],
    env: Option<&str>,
) -> String {
    let mut s = text.to_string();
    if !values.is_empty() {
        let list = values
            .iter()
            .map(|(v, h)| match h {
                Some(h) => format!("{v} ({h})"),
                None => v.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        s += " ";
        s += &fill(lang, Msg::HelpPossibleValues, &[("values", &list)]);
    }
    if let Some(d) = default {
        s += " ";
        s += &fill(lang, Msg::HelpDefault, &[("value", &d)]);
    }
    if let Some(e) = env {
        s += " ";
        s += &fill(lang, Msg::HelpEnv, &[("var", &e)]);
    }
    s
}

help_words! {
    ("", "@about") { en: "Plan cadre rotations: the best assignment of planned cadres to vacant posts under Regulation 65-QĐ/TW", vi: "Lập kế hoạch luân chuyển cán bộ: bố trí tối ưu cán bộ trong quy hoạch vào các vị trí còn trống theo Quy định 65-QĐ/TW" }
    ("", "@examples") { en: "Examples:\n  rotaplan validate scenarios/tutorial/tutorial.yaml\n  rotaplan plan scenarios/tutorial/tutorial.yaml --out rotaplan-out/tutorial\n  rotaplan check scenarios/tutorial/tutorial.yaml rotaplan-out/tutorial/plan.csv --against-optimum\n  rotaplan run scenarios/province/what-if.yaml --jobs 2\n\nEach command has its own examples: rotaplan <COMMAND> --help", vi: "Ví dụ:\n  rotaplan validate scenarios/tutorial/tutorial.yaml\n  rotaplan plan scenarios/tutorial/tutorial.yaml --out rotaplan-out/tutorial\n  rotaplan check scenarios/tutorial/tutorial.yaml rotaplan-out/tutorial/plan.csv --against-optimum\n  rotaplan run scenarios/province/what-if.yaml --jobs 2\n\nMỗi lệnh có ví dụ riêng: rotaplan <LỆNH> --help" }
    ("", "verbose") { en: "More detail in the log on stderr: -v debug, -vv trace [default: info]", vi: "Ghi nhật ký chi tiết hơn ra stderr: -v mức gỡ lỗi, -vv mức chi tiết nhất [mặc định: mức thông tin]" }
    ("", "quiet") { en: "Only warnings and errors on stderr, and no progress", vi: "Chỉ ghi cảnh báo và lỗi ra stderr, không hiện tiến độ" }
    ("", "log_format") { en: "Log lines on stderr as text, or as one JSON object per line (for log collectors)", vi: "Dạng dòng nhật ký trên stderr: văn bản, hoặc mỗi dòng một đối tượng JSON (cho hệ thống thu thập nhật ký)" }
    ("", "log_format=text") { en: "Human-readable lines", vi: "dòng chữ cho người đọc" }
    ("", "log_format=json") { en: "One JSON object per line (timestamp, level, fields with the message, target)", vi: "mỗi dòng một đối tượng JSON: thời điểm, mức, các trường kèm thông điệp, nguồn" }
    ("", "lang") { en: "Language of what people read (tables, plan.md/html, reasons): vi or en [default: the scenario's `language:`, else the locale: LC_ALL, LC_MESSAGES, LANG]", vi: "Ngôn ngữ của những gì người dùng đọc (bảng, plan.md/html, lý do): vi hoặc en [mặc định: mục `language:` của kịch bản, nếu không có thì theo thiết lập vùng: LC_ALL, LC_MESSAGES, LANG]" }
    ("plan", "@about") { en: "Solve a scenario and write the plan (plan.csv, unfilled.csv, plan.md, plan.html, plan.json, plan.xlsx, committee.html) to --out", vi: "Giải một kịch bản và ghi phương án (plan.csv, unfilled.csv, plan.md, plan.html, plan.json, plan.xlsx, committee.html) vào thư mục --out" }
    ("plan", "@examples") { en: "Example:\n  rotaplan plan scenarios/province/province.yaml --out rotaplan-out/province", vi: "Ví dụ:\n  rotaplan plan scenarios/province/province.yaml --out rotaplan-out/province" }
    ("plan", "scenario") { en: "The scenario file (YAML)", vi: "Tệp kịch bản (YAML)" }
    ("plan", "out") { en: "Output folder [default: rotaplan-out/<scenario file stem>]", vi: "Thư mục kết quả [mặc định: rotaplan-out/<tên tệp kịch bản>]" }
    ("plan", "format") { en: "What to print on stdout", vi: "Nội dung in ra stdout" }
    ("plan", "time_limit") { en: "Override the scenario's solver time limit (seconds)", vi: "Thay thời gian giải tối đa của kịch bản (giây)" }
    ("plan", "gap") { en: "Override the scenario's relative gap", vi: "Thay khoảng cách tối ưu tương đối của kịch bản" }
    ("plan", "threads") { en: "Override the scenario's HiGHS threads (1 to 256)", vi: "Thay số luồng HiGHS của kịch bản (từ 1 đến 256)" }
    ("plan", "runner_ups") { en: "Runner-up candidates per assigned post, each costed by an exact re-solve (0 = none, at most 40)", vi: "Số ứng viên xếp sau cho mỗi vị trí đã bố trí, mỗi ứng viên được tính thiệt hại bằng một lần giải lại chính xác (0 = không tính, tối đa 40)" }
    ("plan", "deny_warnings") { en: "Treat the scenario's warnings (W codes) as errors: nothing is planned if there is one", vi: "Coi các cảnh báo (mã W) của kịch bản là lỗi: có một cảnh báo thì không lập phương án" }
    ("plan", "export_model") { en: "Also write the model (.mps or .lp): every eligible pair, names by cadre, post and rule", vi: "Ghi thêm mô hình (.mps hoặc .lp): mọi cặp hợp lệ, đặt tên theo cán bộ, vị trí và quy định" }
    ("plan", "restricted") { en: "With --export-model, the model actually solved (after pricing) instead of the full one", vi: "Dùng cùng --export-model: ghi mô hình thực sự được giải (sau định giá cột) thay cho mô hình đầy đủ" }
    ("plan", "labels") { en: "Give plan.csv and unfilled.csv a second header row of column names for people, in vi or en (the first row keeps the column ids)", vi: "Thêm vào plan.csv và unfilled.csv dòng tiêu đề thứ hai ghi tên cột cho người đọc, bằng vi hoặc en (dòng đầu giữ mã cột)" }
    ("plan", "excel") { en: "Write plan.csv and unfilled.csv for Excel: a UTF-8 BOM, Windows line ends, and a list separator: `;` (with decimal commas) when the language asked for is Vietnamese (`--lang vi` or the scenario's `language: vi`), else the locale's (`;` where the locale writes 0,5 — Vietnamese, most of Europe — else `,`), from LC_ALL, LC_NUMERIC or LANG", vi: "Ghi plan.csv và unfilled.csv cho Excel: có BOM UTF-8, xuống dòng kiểu Windows và dấu phân cách danh sách: `;` (kèm dấu phẩy thập phân) khi ngôn ngữ được chọn là tiếng Việt (`--lang vi` hoặc `language: vi` trong kịch bản), nếu không thì theo thiết lập vùng (`;` ở nơi viết 0,5 — Việt Nam, phần lớn châu Âu — còn lại `,`), lấy từ LC_ALL, LC_NUMERIC hoặc LANG" }
    ("plan", "csv_separator") { en: "With --excel, this list separator instead of the locale's (`;` also writes decimal commas)", vi: "Dùng cùng --excel: dấu phân cách danh sách này thay cho dấu theo thiết lập vùng (`;` thì ghi cả dấu phẩy thập phân)" }
    ("plan", "pseudonymise") { en: "Replace every cadre's id and name by a stable keyed code (CB-…) in every output; the mapping goes to a private file beside the output folder, never inside it. Needs a key", vi: "Thay mã và họ tên mỗi cán bộ bằng một mã ẩn danh ổn định theo khóa (CB-…) trong mọi kết quả; bảng đối chiếu được ghi vào một tệp riêng bên cạnh thư mục kết quả, không bao giờ nằm trong đó. Cần có khóa" }
    ("plan", "pseudonym_key") { en: "The key of --pseudonymise (the same key gives the same codes); or set ROTAPLAN_PSEUDONYM_KEY", vi: "Khóa của --pseudonymise (cùng khóa thì cùng mã); hoặc đặt biến ROTAPLAN_PSEUDONYM_KEY" }
    ("plan", "pseudonym_map") { en: "Where --pseudonymise writes the private mapping of codes to cadres [default: <out>.pseudonyms.csv, beside the output folder, never inside it]", vi: "Nơi --pseudonymise ghi bảng đối chiếu mã với cán bộ (tệp riêng) [mặc định: <out>.pseudonyms.csv, bên cạnh thư mục kết quả, không bao giờ nằm trong đó]" }
    ("check", "@about") { en: "Verify a plan CSV (written by rotaplan or by hand) against every rule of a scenario", vi: "Kiểm tra một phương án CSV (do rotaplan lập hoặc lập thủ công) theo mọi quy định của kịch bản" }
    ("check", "@examples") { en: "Examples:\n  rotaplan check scenarios/tutorial/tutorial.yaml rotaplan-out/tutorial/plan.csv\n  rotaplan check scenarios/tutorial/tutorial.yaml our-version.xlsx --against-optimum", vi: "Ví dụ:\n  rotaplan check scenarios/tutorial/tutorial.yaml rotaplan-out/tutorial/plan.csv\n  rotaplan check scenarios/tutorial/tutorial.yaml our-version.xlsx --against-optimum" }
    ("check", "scenario") { en: "The scenario file (YAML) the plan was made for", vi: "Tệp kịch bản (YAML) mà phương án được lập theo" }
    ("check", "plan") { en: "The plan: rotaplan's plan.csv or one written by hand (columns cadre_id, post_id), as CSV or a workbook (plan.xlsx, plan.xlsx#Sheet)", vi: "Phương án: tệp plan.csv của rotaplan hoặc tệp lập thủ công (cột cadre_id, post_id), dạng CSV hoặc bảng tính (plan.xlsx, plan.xlsx#Trang)" }
    ("check", "format") { en: "What to print on stdout", vi: "Nội dung in ra stdout" }
    ("check", "deny_warnings") { en: "Treat warnings (W codes) of the scenario and the plan file as errors", vi: "Coi các cảnh báo (mã W) của kịch bản và của tệp phương án là lỗi" }
    ("check", "against_optimum") { en: "Also solve the scenario and say how far the plan is from the optimum, and where (the difference of each objective term and penalty, the KPIs side by side)", vi: "Giải thêm kịch bản và cho biết phương án kém phương án tối ưu bao nhiêu, ở đâu (chênh lệch của từng thành phần mục tiêu và mức phạt, các chỉ số đặt cạnh nhau)" }
    ("validate", "@about") { en: "Check a scenario's files alone; warnings (W codes) are shown too", vi: "Chỉ kiểm tra các tệp của kịch bản; có hiện cả cảnh báo (mã W)" }
    ("validate", "@examples") { en: "Examples:\n  rotaplan validate scenarios/province/what-if.yaml\n  rotaplan validate --lang vi scenarios/province/what-if.yaml\n  rotaplan validate --format json scenarios/province/what-if.yaml", vi: "Ví dụ:\n  rotaplan validate scenarios/province/what-if.yaml\n  rotaplan validate --lang vi scenarios/province/what-if.yaml\n  rotaplan validate --format json scenarios/province/what-if.yaml" }
    ("validate", "scenario") { en: "The scenario file (YAML)", vi: "Tệp kịch bản (YAML)" }
    ("validate", "deny_warnings") { en: "Treat warnings as errors (exit 1 if there is one), e.g. for nightly runs", vi: "Coi cảnh báo là lỗi (mã thoát 1 nếu có cảnh báo), ví dụ cho các lượt chạy ban đêm" }
    ("validate", "format") { en: "What to print on stdout: the problems as text (on stderr) or one JSON object on stdout (`valid`, `errors`, `warnings`, `notes`; each problem with code, severity, file, line, column, sheet, field, message, found, expected, fix)", vi: "Nội dung in ra stdout: các vấn đề dạng văn bản (trên stderr) hoặc một đối tượng JSON trên stdout (`valid`, `errors`, `warnings`, `notes`; mỗi vấn đề có mã, mức độ, tệp, dòng, cột, trang tính, trường, thông điệp, giá trị gặp, giá trị cần, cách sửa)" }
    ("run", "@about") { en: "Solve every scenario and variant of the given files in parallel, and compare the plans", vi: "Giải song song mọi kịch bản và phương án thay thế của các tệp đã cho, rồi so sánh các phương án" }
    ("run", "@examples") { en: "Example:\n  rotaplan run scenarios/province/what-if.yaml --jobs 2", vi: "Ví dụ:\n  rotaplan run scenarios/province/what-if.yaml --jobs 2" }
    ("run", "scenarios") { en: "Scenario files (YAML); every variant and sweep point of each is a scenario of the run", vi: "Các tệp kịch bản (YAML); mỗi phương án thay thế và mỗi điểm quét của từng tệp là một kịch bản của lượt chạy" }
    ("run", "jobs") { en: "Scenarios solved at once, 1 to 1024 (each HiGHS solve uses one thread) [default: the cores]", vi: "Số kịch bản giải cùng lúc, từ 1 đến 1024 (mỗi lần giải HiGHS dùng một luồng) [mặc định: số lõi]" }
    ("run", "out") { en: "Output folder [default: rotaplan-out/run]", vi: "Thư mục kết quả [mặc định: rotaplan-out/run]" }
    ("compare", "@about") { en: "Compare plans written earlier: plan.json files, or folders searched for them", vi: "So sánh các phương án đã lập: tệp plan.json, hoặc thư mục để tìm các tệp đó" }
    ("compare", "@examples") { en: "Examples:\n  rotaplan compare rotaplan-out/run\n  rotaplan compare a/plan.json b/plan.json --format markdown\n  rotaplan compare --scenario scenarios/tutorial/tutorial.yaml ours.csv theirs.xlsx", vi: "Ví dụ:\n  rotaplan compare rotaplan-out/run\n  rotaplan compare a/plan.json b/plan.json --format markdown\n  rotaplan compare --scenario scenarios/tutorial/tutorial.yaml ours.csv theirs.xlsx" }
    ("compare", "plans") { en: "plan.json files, or folders searched for them; with --scenario also plan files made by hand (CSV or XLSX, columns cadre_id and post_id), scored against that scenario", vi: "Các tệp plan.json, hoặc thư mục để tìm các tệp đó; khi có --scenario thì cả tệp phương án lập thủ công (CSV hoặc XLSX, cột cadre_id và post_id), được chấm điểm theo kịch bản đó" }
    ("compare", "scenario") { en: "The scenario (YAML) that hand-made plan files (CSV or XLSX) among the plans are scored against", vi: "Kịch bản (YAML) dùng để chấm điểm các tệp phương án lập thủ công (CSV hoặc XLSX) trong danh sách" }
    ("compare", "format") { en: "What to print on stdout", vi: "Nội dung in ra stdout" }
    ("diff", "@about") { en: "What changed between two plans (plan.json files or the folders holding them)", vi: "Những gì thay đổi giữa hai phương án (tệp plan.json hoặc thư mục chứa tệp đó)" }
    ("diff", "@examples") { en: "Examples:\n  rotaplan diff rotaplan-out/run/what-if/base rotaplan-out/run/what-if/it-xao-tron\n  rotaplan diff a/plan.json b/plan.json --format json", vi: "Ví dụ:\n  rotaplan diff rotaplan-out/run/what-if/base rotaplan-out/run/what-if/it-xao-tron\n  rotaplan diff a/plan.json b/plan.json --format json" }
    ("diff", "a") { en: "The first plan: a plan.json or the folder holding it", vi: "Phương án thứ nhất: tệp plan.json hoặc thư mục chứa tệp đó" }
    ("diff", "b") { en: "The second plan: a plan.json or the folder holding it", vi: "Phương án thứ hai: tệp plan.json hoặc thư mục chứa tệp đó" }
    ("diff", "format") { en: "What to print on stdout: the changes in words, or as JSON (`cadres`, `newly_filled`, `emptied`, `kpis`)", vi: "Nội dung in ra stdout: các thay đổi bằng lời, hoặc dạng JSON (`cadres`, `newly_filled`, `emptied`, `kpis`)" }
    ("batch", "@about") { en: "Nightly batch: every scenario under folders or lists into a dated run folder, resumable", vi: "Lượt chạy ban đêm: mọi kịch bản trong các thư mục hoặc danh sách, ghi vào một thư mục theo ngày, có thể chạy tiếp" }
    ("batch", "@examples") { en: "Examples:\n  rotaplan batch /srv/rotaplan/scenarios --out /srv/rotaplan/runs --budget 5h\n  rotaplan batch /srv/rotaplan/scenarios --out /srv/rotaplan/runs --resume\n  rotaplan batch merge runs/shard-1/2027-01-01 runs/shard-2/2027-01-01 --out runs/merged", vi: "Ví dụ:\n  rotaplan batch /srv/rotaplan/scenarios --out /srv/rotaplan/runs --budget 5h\n  rotaplan batch /srv/rotaplan/scenarios --out /srv/rotaplan/runs --resume\n  rotaplan batch merge runs/shard-1/2027-01-01 runs/shard-2/2027-01-01 --out runs/merged" }
    ("batch", "inputs") { en: "Scenario files, folders searched for *.yaml, or list files (one path per line)", vi: "Các tệp kịch bản, thư mục để tìm tệp *.yaml, hoặc tệp danh sách (mỗi dòng một đường dẫn)" }
    ("batch", "out") { en: "Where the dated run folders go", vi: "Nơi đặt các thư mục lượt chạy theo ngày" }
    ("batch", "resume") { en: "Finish the newest unfinished run: skip scenarios whose inputs are unchanged and whose outputs are complete", vi: "Hoàn thành lượt chạy dở dang mới nhất: bỏ qua các kịch bản có dữ liệu vào không đổi và kết quả đã đầy đủ" }
    ("batch", "shard") { en: "Run only the I-th of N deterministic slices (for array jobs), e.g. 2/4", vi: "Chỉ chạy phần thứ I trong N phần chia cố định (cho các tác vụ mảng), ví dụ 2/4" }
    ("batch", "jobs") { en: "Scenarios solved at once, 1 to 1024 [default: the cores]", vi: "Số kịch bản giải cùng lúc, từ 1 đến 1024 [mặc định: số lõi]" }
    ("batch", "budget") { en: "Time for the whole batch, shared among the scenarios (e.g. 2h, 90m, 1h30m)", vi: "Thời gian cho cả lượt chạy, chia cho các kịch bản (ví dụ 2h, 90m, 1h30m)" }
    ("batch", "deadline") { en: "Finish by this local time (HH:MM), sharing the time left among the scenarios", vi: "Hoàn thành trước giờ địa phương này (HH:MM), chia thời gian còn lại cho các kịch bản" }
    ("batch merge", "@about") { en: "Join the run folders of shards into one run", vi: "Gộp các thư mục lượt chạy của từng phần thành một lượt chạy" }
    ("batch merge", "@examples") { en: "Example:\n  rotaplan batch merge runs/shard-1/2027-01-01 runs/shard-2/2027-01-01 --out runs/merged", vi: "Ví dụ:\n  rotaplan batch merge runs/shard-1/2027-01-01 runs/shard-2/2027-01-01 --out runs/merged" }
    ("batch merge", "shards") { en: "The run folders of the shards", vi: "Các thư mục lượt chạy của từng phần" }
    ("batch merge", "out") { en: "The folder of the merged run", vi: "Thư mục của lượt chạy đã gộp" }
    ("explain", "@about") { en: "Explain a plan: why a cadre is (not) on a post, what runner-ups would cost, what blocks a plan", vi: "Giải thích phương án: vì sao một cán bộ được (hoặc không được) bố trí vào một vị trí, ứng viên xếp sau sẽ thiệt hại bao nhiêu, điều gì khiến không có phương án" }
    ("explain", "@examples") { en: "Examples:\n  rotaplan explain scenarios/province/province.yaml --cadre C100\n  rotaplan explain scenarios/province/province.yaml --cadre C100 --post VT41\n  rotaplan explain scenarios/tutorial/tutorial.yaml --post VT03\n  rotaplan explain scenarios/programme/programme.yaml --cadre C031 --period 2028", vi: "Ví dụ:\n  rotaplan explain scenarios/province/province.yaml --cadre C100\n  rotaplan explain scenarios/province/province.yaml --cadre C100 --post VT41\n  rotaplan explain scenarios/tutorial/tutorial.yaml --post VT03\n  rotaplan explain scenarios/programme/programme.yaml --cadre C031 --period 2028" }
    ("explain", "scenario") { en: "The scenario file (YAML)", vi: "Tệp kịch bản (YAML)" }
    ("explain", "cadre") { en: "A cadre id: why they got their post or none (with --post, that pair)", vi: "Mã cán bộ: vì sao cán bộ được bố trí vị trí đó hoặc chưa được bố trí (cùng --post: cặp đó)" }
    ("explain", "post") { en: "A post id: who holds it and why, who else could (with --cadre, that pair)", vi: "Mã vị trí: ai đảm nhiệm và vì sao, còn ai khác có thể nhận (cùng --cadre: cặp đó)" }
    ("explain", "structure") { en: "Only the structural check before the MIP (no solve)", vi: "Chỉ kiểm tra cơ cấu trước khi giải mô hình (không giải)" }
    ("explain", "period") { en: "A programme's period, as a year (2028: the first period starting in it) or a date (2028-07-01: the period in force on it): why --cadre is (not) rotated then", vi: "Một kỳ của chương trình, ghi bằng năm (2028: kỳ đầu tiên bắt đầu trong năm đó) hoặc ngày (2028-07-01: kỳ có hiệu lực vào ngày đó): vì sao cán bộ --cadre được (hoặc không được) luân chuyển trong kỳ đó" }
    ("explain", "runner_ups") { en: "Runner-ups re-solved per post, for the whole plan or one --post (0 to 40)", vi: "Số ứng viên xếp sau được giải lại cho mỗi vị trí, cho cả phương án hoặc cho một --post (từ 0 đến 40)" }
    ("explain", "max_solves") { en: "At most this many re-solves in all", vi: "Tổng số lần giải lại tối đa" }
    ("explain", "time_limit") { en: "Time limit of each re-solve, seconds [default: the scenario's, at most 10]", vi: "Thời gian tối đa của mỗi lần giải lại, tính bằng giây [mặc định: theo kịch bản, tối đa 10]" }
    ("explain", "format") { en: "What to print on stdout", vi: "Nội dung in ra stdout" }
    ("generate", "@about") { en: "Write a valid synthetic scenario of any size", vi: "Tạo một kịch bản tổng hợp hợp lệ với quy mô tùy chọn" }
    ("generate", "@examples") { en: "Example:\n  rotaplan generate --cadres 8000 --posts 2700 --seed 7 --out national", vi: "Ví dụ:\n  rotaplan generate --cadres 8000 --posts 2700 --seed 7 --out national" }
    ("generate", "cadres") { en: "Cadres in the planning pool", vi: "Số cán bộ trong nguồn quy hoạch" }
    ("generate", "posts") { en: "Vacant posts", vi: "Số vị trí còn trống" }
    ("generate", "seed") { en: "Seed of the generator: the same seed, the same files", vi: "Hạt giống của bộ sinh dữ liệu: cùng hạt giống thì cùng tệp" }
    ("generate", "out") { en: "Folder to write scenario.yaml and its three tables into", vi: "Thư mục để ghi scenario.yaml và ba bảng của nó" }
    ("generate", "plan_date") { en: "Plan date of the scenario (YYYY-MM-DD)", vi: "Ngày lập kế hoạch của kịch bản (YYYY-MM-DD)" }
    ("generate", "name") { en: "The scenario's name [default: from the sizes and the seed]", vi: "Tên kịch bản [mặc định: theo quy mô và hạt giống]" }
    ("generate", "years") { en: "A programme scenario of this many yearly periods from the plan date: posts with holders and vacancy dates, running rotations (docs/programme.md)", vi: "Kịch bản chương trình gồm chừng ấy kỳ hằng năm tính từ ngày lập kế hoạch: vị trí có người đảm nhiệm và ngày khuyết, các trường hợp đang luân chuyển (docs/programme.md)" }
    ("review", "@about") { en: "The review figures of a programme file: counts by year, direction, tier, shares, purpose, outcome", vi: "Số liệu sơ kết của một tệp chương trình: số lượng theo năm, hướng luân chuyển, cấp, tỷ lệ, mục đích, kết quả" }
    ("review", "@examples") { en: "Examples:\n  rotaplan review scenarios/programme/programme.yaml rotaplan-out/programme/programme.csv\n  rotaplan review scenarios/programme/programme.yaml rotaplan-out/programme/programme.csv --html review.html\n  rotaplan review scenarios/programme/programme.yaml history.csv", vi: "Ví dụ:\n  rotaplan review scenarios/programme/programme.yaml rotaplan-out/programme/programme.csv\n  rotaplan review scenarios/programme/programme.yaml rotaplan-out/programme/programme.csv --html review.html\n  rotaplan review scenarios/programme/programme.yaml history.csv" }
    ("review", "scenario") { en: "The scenario (YAML) the file belongs to (a programme scenario for a programme.csv)", vi: "Kịch bản (YAML) của tệp (kịch bản chương trình nếu là tệp programme.csv)" }
    ("review", "programme") { en: "The moves: a programme.csv (written by `plan`, or by hand), or a history.csv of executed moves (cadre_id, post_id, kind, start[, end]), told apart by its header", vi: "Các lượt luân chuyển: tệp programme.csv (do lệnh `plan` ghi, hoặc lập thủ công), hoặc tệp history.csv các lượt đã thực hiện (cadre_id, post_id, kind, start[, end]), phân biệt theo dòng tiêu đề" }
    ("review", "format") { en: "What to print on stdout", vi: "Nội dung in ra stdout" }
    ("review", "html") { en: "Also write the review as an A4 page with tables and bar charts (review.html) to this file", vi: "Ghi thêm số liệu sơ kết thành trang A4 có bảng và biểu đồ cột (review.html) vào tệp này" }
}
