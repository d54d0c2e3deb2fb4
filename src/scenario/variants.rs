//! What-if scenarios: `extends:` (inherit a base file, override what is named), `variants:` (named
//! overlays in one file) and `sweep:` (the Cartesian product of listed values). All of it works on
//! YAML values before conversion, so every variant goes through the same `from_value` and reports
//! its errors the same way.
//!
//! Merging: mappings merge key by key, the overlay wins; lists and scalars are replaced. A key
//! written with a `+` suffix (`pins+:`, `forbids+:`, `extra_seats+:`) appends to the inherited list
//! instead. Paths (`tables.*`, `baseline`) are resolved against the folder of the file that names
//! them, before merging.

use super::diagnostic::{Say, Text};
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::diagnostic::{self as code, Diagnostic, LoadError, quoted};
use super::locate::{Chained, KeyPath, Locate, Target, YamlText};
use super::text::read_text;
use super::{Checked, TableCache, from_value, parse_yaml, read_failure, single, yaml_syntax};
use crate::domain::Scenario;

/// Default most variants a `sweep:` may expand to (`sweep_limit:` changes it).
pub const DEFAULT_SWEEP_LIMIT: usize = 256;

/// The largest `sweep_limit:` a file may set: each point is a whole scenario held in memory and
/// solved, so a larger sweep is split into several files.
pub const MAX_SWEEP_LIMIT: usize = 10_000;

/// One scenario of a file: the base (`name` "base") or a variant.
#[derive(Debug, Clone)]
pub struct Variant {
    pub name: String,
    pub scenario: Scenario,
    /// The warnings its files gave (`W…` codes).
    pub warnings: Vec<Diagnostic>,
    /// How its tables were read (separator, dates, sheets).
    pub notes: Vec<Text>,
}

/// One YAML file read: its value with paths made absolute, and its text for locating keys.
struct Read {
    value: Value,
    text: Chained,
    /// The files the value was merged from (this one and the ones it extends).
    files: Vec<PathBuf>,
}

/// The folder tree a scenario's files must stay in: the folder of the scenario file named on the
/// command line, unless that file says `allow_outside_paths: true`.
struct Fence {
    root: PathBuf,
    allow: bool,
}

impl Fence {
    fn of(path: &Path, value: &Value) -> Fence {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        let dir = dir.unwrap_or(Path::new("."));
        Fence {
            root: std::fs::canonicalize(dir).unwrap_or_else(|_| lexical(dir)),
            allow: matches!(value.get("allow_outside_paths"), Some(Value::Bool(true))),
        }
    }

    /// Whether `path` is inside the tree (symbolic links followed where the file exists).
    fn holds(&self, path: &Path) -> bool {
        self.allow
            || std::fs::canonicalize(path)
                .unwrap_or_else(|_| lexical(path))
                .starts_with(&self.root)
    }
}

/// `path` made absolute with `.` and `..` removed, without reading the file system.
fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The E1018 of a path outside the fence, at the key of `text` that names it.
fn outside(fence: &Fence, key: &KeyPath, shown: &str, loc: &dyn Locate) -> Diagnostic {
    let l = loc.locate(key, Target::Value);
    Diagnostic::new(code::OUTSIDE_PATH, &l.file)
        .at(l.line, l.column)
        .field(key.to_string())
        .found(
            Text::say(Say::LeadsOutside)
                .arg("v1", quoted(shown))
                .arg("v2", fence.root.display()),
        )
        .expected(Say::APathInsideTheFolder)
        .fix(Say::MoveTheFileIntoThe)
}

/// Every file path a scenario file names (`extends`, `tables.*`, `baseline`, and those of its
/// variants), with its key, before they are made absolute.
fn named_paths(value: &Value, prefix: &KeyPath, out: &mut Vec<(KeyPath, String)>) {
    let Value::Mapping(top) = value else { return };
    let mut push = |key: KeyPath, v: &Value| {
        if let Value::String(s) = v
            && !s.trim().is_empty()
        {
            out.push((key, s.trim().to_string()));
        }
    };
    if let Some(v) = top.get("extends") {
        push(prefix.key("extends"), v);
    }
    match top.get("tables") {
        Some(Value::Mapping(t)) => {
            for (k, v) in t {
                if let Some(k) = k.as_str() {
                    push(prefix.key("tables").key(k), v);
                }
            }
        }
        Some(v) => push(prefix.key("tables"), v),
        None => {}
    }
    if let Some(v) = top.get("baseline")
        && v.as_str().map(str::trim) != Some(BASELINE_PREVIOUS)
    {
        push(prefix.key("baseline"), v);
    }
    if let Some(Value::Mapping(p)) = top.get("programme") {
        for k in PROGRAMME_PATHS {
            if let Some(v) = p.get(k) {
                push(prefix.key("programme").key(k), v);
            }
        }
    }
    if let Some(Value::Mapping(vars)) = top.get("variants") {
        for (k, overlay) in vars {
            if let Some(k) = k.as_str() {
                named_paths(overlay, &prefix.key("variants").key(k), out);
            }
        }
    }
}

fn read_value(
    path: &Path,
    named_by: Option<(&KeyPath, &dyn Locate)>,
    fence: &mut Option<Fence>,
) -> Result<Read, LoadError> {
    let text = read_text(path).map_err(|f| {
        let mut d = read_failure(path, f, None);
        // A scenario file is saved from an editor, not from Excel: its own fix.
        if d.code == super::diagnostic::NOT_UTF8 {
            d = d.fix(super::diagnostic::Say::SaveTheYamlAsUtf8);
        }
        if let Some((key, loc)) = named_by {
            let l = loc.locate(key, Target::Value);
            d.file = l.file;
            d.line = l.line;
            d.column = l.column;
            d.field = key.to_string();
        }
        single(d)
    })?;
    let mut value: Value = parse_yaml(path, &text).map_err(|d| single(*d))?;
    value
        .apply_merge()
        .map_err(|e| single(yaml_syntax(path, &text, &e)))?;
    let dir = path.parent().unwrap_or(Path::new(""));
    // Every path this file names stays in the scenario's folder tree, unless the scenario file
    // named on the command line (the first read) allows more.
    let fence = fence.get_or_insert_with(|| Fence::of(path, &value));
    if !fence.allow {
        let mut paths = Vec::new();
        named_paths(&value, &KeyPath::root(), &mut paths);
        let located = YamlText::new(path, &text);
        let diagnostics: Vec<Diagnostic> = paths
            .iter()
            .filter(|(_, p)| {
                let file = super::yaml::table_ref(&dir.join(p), "", KeyPath::root()).path;
                !fence.holds(&file)
            })
            .map(|(key, p)| outside(fence, key, p, &located))
            .collect();
        if !diagnostics.is_empty() {
            return Err(LoadError {
                diagnostics,
                warnings: Vec::new(),
            });
        }
    }
    absolutize(&mut value, dir);
    Ok(Read {
        value,
        text: Chained {
            texts: vec![YamlText::new(path, &text)],
        },
        files: vec![path.to_path_buf()],
    })
}

/// Make the file paths a scenario names absolute (relative to `dir`), so that they keep their
/// meaning when merged into a scenario in another folder.
/// The keys of `programme:` that name files (re-planning: docs/programme.md).
const PROGRAMME_PATHS: [&str; 2] = ["history", "previous"];

/// The longest variant name, in UTF-8 bytes: a folder's name, below the 255 of file systems.
const MAX_VARIANT_NAME_BYTES: usize = 200;

fn absolutize(value: &mut Value, dir: &Path) {
    let Value::Mapping(top) = value else { return };
    let join = |v: &mut Value| {
        if let Value::String(s) = v
            && !s.trim().is_empty()
        {
            *s = dir.join(s.trim()).to_string_lossy().into_owned();
        }
    };
    match top.get_mut("tables") {
        Some(Value::Mapping(t)) => {
            for (_, v) in t.iter_mut() {
                join(v);
            }
        }
        Some(v @ Value::String(_)) => join(v),
        _ => {}
    }
    // `baseline: previous` is a word, not a path.
    if let Some(v) = top.get_mut("baseline")
        && v.as_str().map(str::trim) != Some(BASELINE_PREVIOUS)
    {
        join(v);
    }
    if let Some(Value::Mapping(p)) = top.get_mut("programme") {
        for k in PROGRAMME_PATHS {
            if let Some(v) = p.get_mut(k) {
                join(v);
            }
        }
    }
    if let Some(Value::Mapping(vars)) = top.get_mut("variants") {
        for (_, overlay) in vars.iter_mut() {
            absolutize(overlay, dir);
        }
    }
}

/// The lists a `key+:` appends to (docs/scenario-format.md).
pub(crate) const APPENDABLE: [&str; 3] = ["pins", "forbids", "extra_seats"];

/// Deep merge: `over` wins; `key+` appends to the list under `key` (one of [`APPENDABLE`]; any
/// other `key+` stays as written, an unknown key reported at its place).
pub(crate) fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Mapping(b), Value::Mapping(o)) => {
            for (k, v) in o {
                if let Some(name) = k
                    .as_str()
                    .and_then(|s| s.strip_suffix('+'))
                    .filter(|n| APPENDABLE.contains(n))
                {
                    let key = Value::String(name.to_string());
                    match (b.get_mut(&key), v) {
                        (Some(Value::Sequence(list)), Value::Sequence(more)) => {
                            list.extend(more.iter().cloned())
                        }
                        _ => {
                            b.insert(key, v.clone());
                        }
                    }
                    continue;
                }
                match b.get_mut(k) {
                    Some(slot @ Value::Mapping(_)) if v.is_mapping() => merge(slot, v),
                    _ => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (b, o) => *b = o.clone(),
    }
}

/// Read `path` and, recursively, the files it `extends`, merged into one value. `chain` is the
/// files being read, to report cycles.
fn resolve(
    path: &Path,
    chain: &mut Vec<PathBuf>,
    named_by: Option<(&KeyPath, &dyn Locate)>,
    fence: &mut Option<Fence>,
) -> Result<Read, LoadError> {
    let canon = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut read = read_value(path, named_by, fence)?;
    if chain.contains(&canon) {
        let shown: Vec<String> = chain
            .iter()
            .chain([&canon])
            .map(|p| p.display().to_string())
            .collect();
        // Point at the `extends:` that closes the loop.
        let key = KeyPath::root().key("extends");
        let l = match named_by {
            Some((k, loc)) => loc.locate(k, Target::Value),
            None => read.text.locate(&key, Target::Value),
        };
        return Err(single(
            Diagnostic::new(code::EXTENDS_CYCLE, &l.file)
                .at(l.line, l.column)
                .field("extends")
                .found(shown.join(" → "))
                .expected(Say::AChainOfExtendsThat)
                .fix(Say::RemoveTheExtendsThatLeads),
        ));
    }
    chain.push(canon);
    let base = match &mut read.value {
        Value::Mapping(m) => m.remove("extends"),
        _ => None,
    };
    let result = match base {
        None | Some(Value::Null) => Ok(read),
        Some(Value::String(b)) => {
            let dir = path.parent().unwrap_or(Path::new(""));
            let key = KeyPath::root().key("extends");
            let base_path = dir.join(b.trim());
            let mut base = resolve(&base_path, chain, Some((&key, &read.text)), fence)?;
            // A base that is no scenario (a list, a number, a CSV read as one string) would be
            // merged away in silence: this file alone was read as if it extended nothing.
            if !matches!(base.value, Value::Mapping(_) | Value::Null) {
                let l = read.text.locate(&key, Target::Value);
                chain.pop();
                return Err(single(
                    Diagnostic::new(code::WRONG_TYPE, &l.file)
                        .at(l.line, l.column)
                        .field("extends")
                        .found(
                            Text::say(Say::BaseHolds)
                                .arg("path", base_path.display())
                                .text("what", super::yaml::describe(&base.value)),
                        )
                        .expected(Say::ThePathOfABase)
                        .fix(Say::ExtendsAScenarioFile),
                ));
            }
            merge(&mut base.value, &read.value);
            base.files.extend(read.files);
            let mut text = read.text;
            text.texts.extend(base.text.texts);
            Ok(Read {
                value: base.value,
                text,
                files: base.files,
            })
        }
        Some(other) => {
            let key = KeyPath::root().key("extends");
            let l = read.text.locate(&key, Target::Value);
            Err(single(
                Diagnostic::new(code::WRONG_TYPE, &l.file)
                    .at(l.line, l.column)
                    .field("extends")
                    .found(super::yaml::describe(&other))
                    .expected(Say::ThePathOfABase)
                    .fix(Say::WriteExtendsBaseYamlRelative),
            ))
        }
    };
    chain.pop();
    result
}

/// The value of `baseline:` that names the scenario's previous plan instead of a file.
pub(crate) const BASELINE_PREVIOUS: &str = "previous";

/// Every file a scenario file's scenarios read: the file, the files it extends, and the tables,
/// baseline plans and a programme's history and previous programme named anywhere in them
/// (variants included), sorted and without repeats.
pub fn input_files(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let read = resolve(path, &mut Vec::new(), None, &mut None)?;
    let mut files = read.files.clone();
    fn paths(v: &Value, out: &mut Vec<PathBuf>) {
        let Value::Mapping(m) = v else { return };
        // A workbook's sheet (`book.xlsx#Sheet`) is the workbook's file.
        let file = |p: &str| super::yaml::table_ref(Path::new(p), "", KeyPath::root()).path;
        match m.get("tables") {
            Some(Value::Mapping(t)) => out.extend(t.values().filter_map(|p| p.as_str()).map(file)),
            Some(Value::String(book)) => out.push(file(book)),
            _ => {}
        }
        if let Some(Value::String(b)) = m.get("baseline")
            && b.trim() != BASELINE_PREVIOUS
        {
            out.push(file(b));
        }
        // A programme's executed moves and previous programme.
        if let Some(Value::Mapping(p)) = m.get("programme") {
            out.extend(
                PROGRAMME_PATHS
                    .iter()
                    .filter_map(|k| p.get(*k)?.as_str())
                    .filter(|s| !s.trim().is_empty())
                    .map(file),
            );
        }
        if let Some(Value::Mapping(vars)) = m.get("variants") {
            for overlay in vars.values() {
                paths(overlay, out);
            }
        }
    }
    paths(&read.value, &mut files);
    files.sort();
    files.dedup();
    Ok(files)
}

/// Load a scenario file with its `extends:` chain; `variants:` and `sweep:` are ignored (this is
/// the base scenario). Used by `scenario::load`.
pub(crate) fn load_base(path: &Path) -> Result<Checked, LoadError> {
    let mut read = resolve(path, &mut Vec::new(), None, &mut None)?;
    take_overlays(&mut read.value);
    tracing::debug!(
        file = %path.display(),
        yaml_files = read.files.len(),
        "scenario read"
    );
    convert(&read.value, &read.text, &TableCache::default())
}

/// The cadres' ids and names as the scenario's cadres table writes them, read as far as the table
/// reads whatever else is wrong with the scenario: what `--pseudonymise` hides in the problems of a
/// scenario that does not load. Empty when the scenario file or the table cannot be read at all.
pub fn people_named(path: &Path) -> Vec<(String, String)> {
    let Ok(mut read) = resolve(path, &mut Vec::new(), None, &mut None) else {
        return Vec::new();
    };
    take_overlays(&mut read.value);
    super::people_in(&read.value, &read.text)
}

/// Paths in `value` are already resolved (`absolutize`), so they are taken as they are.
fn convert(value: &Value, text: &dyn Locate, cache: &TableCache) -> Result<Checked, LoadError> {
    from_value(value, Path::new(""), text, cache)
}

struct Overlays {
    variants: Option<Value>,
    sweep: Option<Value>,
    sweep_limit: Option<Value>,
}

fn take_overlays(value: &mut Value) -> Overlays {
    match value {
        Value::Mapping(m) => Overlays {
            variants: m.remove("variants"),
            sweep: m.remove("sweep"),
            sweep_limit: m.remove("sweep_limit"),
        },
        _ => Overlays {
            variants: None,
            sweep: None,
            sweep_limit: None,
        },
    }
}

/// A variant's name and its scenario, or what is wrong with it.
pub type Loaded = (String, Result<Scenario, LoadError>);

/// Each scenario a file describes (base, `variants:`, then `sweep:` points), each loaded on its
/// own so that one broken variant does not hide the others. The outer error is a problem of the
/// file itself (syntax, `extends:`, `variants:`/`sweep:` shape, sweep size).
pub fn load_each(path: &Path) -> Result<Vec<Loaded>, LoadError> {
    Ok(load_each_checked(path)?
        .into_iter()
        .map(|(name, r)| (name, r.map(|c| c.scenario)))
        .collect())
}

/// A variant's name and its scenario with warnings, or what is wrong with it.
type LoadedChecked = (String, Result<Checked, LoadError>);

/// [`load_each`] with each scenario's warnings and notes.
fn load_each_checked(path: &Path) -> Result<Vec<LoadedChecked>, LoadError> {
    let mut read = resolve(path, &mut Vec::new(), None, &mut None)?;
    let o = take_overlays(&mut read.value);
    let base = read.value;
    let mut named: Vec<(String, Value)> = vec![("base".into(), base.clone())];
    let mut diags: Vec<Diagnostic> = Vec::new();
    // Where the sweep's points start among `named` (none: past the end).
    let mut first_point = usize::MAX;
    let located = |key: KeyPath, c: &'static str| {
        let l = read.text.locate(&key, Target::Value);
        Diagnostic::new(c, &l.file)
            .at(l.line, l.column)
            .field(key.to_string())
    };

    match &o.variants {
        None | Some(Value::Null) => {}
        Some(Value::Mapping(vars)) => {
            for (k, overlay) in vars {
                let name = k
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| super::yaml::key_name(k));
                let mut v = base.clone();
                merge(&mut v, overlay);
                named.push((name, v));
            }
        }
        Some(other) => diags.push(
            located(KeyPath::root().key("variants"), code::WRONG_TYPE)
                .found(super::yaml::describe(other))
                .expected(Say::AMappingOfVariantNames)
                .fix(Say::WriteVariantsThenIndentedName),
        ),
    }

    let limit = match &o.sweep_limit {
        None => DEFAULT_SWEEP_LIMIT,
        Some(v) => match v.as_u64() {
            Some(n) if (1..=MAX_SWEEP_LIMIT as u64).contains(&n) => n as usize,
            _ => {
                diags.push(
                    located(KeyPath::root().key("sweep_limit"), code::BAD_VALUE)
                        .found(super::yaml::describe(v))
                        .expected(
                            Text::say(Say::AWholeNumberFrom1)
                                .arg("MAX_SWEEP_LIMIT", MAX_SWEEP_LIMIT),
                        )
                        .fix(Say::WriteEGSweepLimit),
                );
                DEFAULT_SWEEP_LIMIT
            }
        },
    };
    match &o.sweep {
        None | Some(Value::Null) => {}
        // The combinations are counted before any is built: a sweep of 10^8 costs nothing.
        Some(Value::Mapping(axes)) => match sweep_count(axes) {
            Err((key, found)) => diags.push(
                located(KeyPath::root().key("sweep").key(&key), code::WRONG_TYPE)
                    .found(found)
                    .expected(Say::ANonEmptyListOf)
                    .fix(Text::say(Say::WriteValueValue).arg("key", key)),
            ),
            Ok(count) if count > limit as u64 => diags.push(
                located(KeyPath::root().key("sweep"), code::SWEEP_TOO_LARGE)
                    .found(if count == u64::MAX {
                        Say::MoreThanMaxCombinations.into()
                    } else {
                        Text::say(Say::Combinations).arg("count", count)
                    })
                    .expected(Text::say(Say::AtMostSweepLimit).arg("limit", limit))
                    .fix(
                        Text::say(Say::SweepFewerValuesOrRaise)
                            .arg("MAX_SWEEP_LIMIT", MAX_SWEEP_LIMIT),
                    ),
            ),
            Ok(_) => {
                first_point = named.len();
                let points = sweep_points(axes).unwrap_or_default();
                for (name, sets) in points {
                    let mut v = base.clone();
                    for (dotted, value) in sets {
                        set_dotted(&mut v, &dotted, value);
                    }
                    named.push((name, v));
                }
            }
        },
        Some(other) => diags.push(
            located(KeyPath::root().key("sweep"), code::WRONG_TYPE)
                .found(super::yaml::describe(other))
                .expected(Say::AMappingOfSettingPaths)
                .fix(Say::WriteSweepThenIndentedWeights),
        ),
    }
    if !diags.is_empty() {
        return Err(LoadError {
            diagnostics: diags,
            warnings: Vec::new(),
        });
    }

    // Every variant's name checked first, all at once: each names its outputs' folder.
    let mut folders: std::collections::BTreeMap<String, String> = Default::default();
    for (i, (name, _)) in named.iter().enumerate() {
        let name = name.clone();
        // A variant's name names its folder: no path, no control character, not hidden (a name
        // like ".base.new-1" was taken for a killed run's temporary and removed on resume).
        let plain = name != "base"
            && i < first_point
            && (name.is_empty()
                || name.starts_with('.')
                || name.contains(['/', '\\'])
                || name.chars().any(char::is_control));
        let folder = crate::domain::text::folder_name(&name);
        let clash = folders
            .get(&folder)
            .filter(|other| **other != name)
            .cloned();
        if plain || clash.is_some() {
            let l = read
                .text
                .locate(&KeyPath::root().key("variants").key(&name), Target::Key);
            // Every control character shown, line breaks too: the field is one line.
            let shown = crate::domain::text::control_pictures(&name)
                .replace('\n', "\u{240A}")
                .replace('\r', "\u{240D}")
                .replace('\t', "\u{2409}")
                .replace('\0', "\u{2400}");
            let d = Diagnostic::new(code::BAD_VALUE, &l.file)
                .at(l.line, l.column)
                .field(format!("variants.{shown}"))
                .found(quoted(&shown));
            let d = match clash {
                Some(other) => d
                    .expected(
                        Text::say(Say::VariantOwnFolder)
                            .arg("other", quoted(&other))
                            .arg("folder", folder.as_str()),
                    )
                    .fix(Say::RenameTheVariant),
                None => d.expected(Say::VariantPlainName).fix(Say::RenameTheVariant),
            };
            diags.push(d);
            continue;
        }
        folders.entry(folder).or_insert_with(|| name.clone());
    }
    if !diags.is_empty() {
        return Err(LoadError {
            diagnostics: diags,
            warnings: Vec::new(),
        });
    }
    let mut out = Vec::with_capacity(named.len());
    let mut seen = std::collections::BTreeSet::new();
    // One cache for all the variants of the file: tables read the same way are parsed once and shared.
    let cache = TableCache::default();
    for (i, (name, value)) in named.into_iter().enumerate() {
        // A sweep point's name is made of its settings and values (`k=v,k=v`): too long, the
        // fix is in the sweep, located at its key.
        if name.len() > MAX_VARIANT_NAME_BYTES && i >= first_point {
            let d = located(KeyPath::root().key("sweep"), code::BAD_VALUE)
                .found(
                    Text::say(Say::SweepPointNameBytes)
                        .arg("name", name.chars().take(40).collect::<String>())
                        .arg("n", name.len()),
                )
                .expected(Text::say(Say::VariantNameAtMost).arg("max", MAX_VARIANT_NAME_BYTES))
                .fix(Say::ShortenTheSweepPoint);
            return Err(single(d));
        }
        // A variant's name is the name of its outputs' folder: past a file system's 255 bytes
        // the whole `run` failed at its write, after solving every scenario.
        if name.len() > MAX_VARIANT_NAME_BYTES {
            let l = read
                .text
                .locate(&KeyPath::root().key("variants").key(&name), Target::Key);
            let d = Diagnostic::new(code::BAD_VALUE, &l.file)
                .at(l.line, l.column)
                .field(format!(
                    "variants.{}…",
                    name.chars().take(20).collect::<String>()
                ))
                .found(Text::say(Say::VariantNameBytes).arg("n", name.len()))
                .expected(Text::say(Say::VariantNameAtMost).arg("max", MAX_VARIANT_NAME_BYTES))
                .fix(Say::ShortenTheVariantName);
            return Err(single(d));
        }
        if !seen.insert(name.clone()) {
            let l = read
                .text
                .locate(&KeyPath::root().key("variants").key(&name), Target::Key);
            let d = Diagnostic::new(code::DUPLICATE_VARIANT, &l.file)
                .at(l.line, l.column)
                .field(format!("variants.{name}"))
                .found(quoted(&name))
                .expected(Say::ANameUsedOnceBase)
                .fix(Say::RenameTheVariant);
            return Err(single(d));
        }
        let in_variant = super::locate::InVariant {
            chain: &read.text,
            prefix: KeyPath::root().key("variants").key(&name),
        };
        let at: &dyn Locate = if name == "base" {
            &read.text
        } else {
            &in_variant
        };
        let result = convert(&value, at, &cache).map(|mut checked| {
            if name != "base" {
                checked.scenario.name = format!("{} [{}]", checked.scenario.name, name);
            }
            checked
        });
        let named = |list: Vec<Diagnostic>| -> Vec<Diagnostic> {
            list.into_iter()
                .map(|mut d| {
                    if name != "base" {
                        d.field = format!("variant {name}: {}", d.field);
                    }
                    d
                })
                .collect()
        };
        let result = result.map_err(|e| LoadError {
            diagnostics: named(e.diagnostics),
            warnings: named(e.warnings),
        });
        out.push((name, result));
    }
    tracing::debug!(
        file = %path.display(),
        yaml_files = read.files.len(),
        variants = out.len(),
        invalid = out.iter().filter(|(_, r)| r.is_err()).count(),
        "scenario file loaded"
    );
    Ok(out)
}

/// Load every scenario a file describes: the base, each of its `variants:`, then each point of its
/// `sweep:` (applied to the base), in that order. All errors of all of them come back together.
pub fn load_variants(path: &Path) -> Result<Vec<Variant>, LoadError> {
    // A problem without the variant's name: where it is and what it concerns.
    let bare = |d: &Diagnostic| {
        let f = d
            .field
            .split_once(": ")
            .filter(|_| d.field.starts_with("variant "));
        (
            d.code,
            d.file.clone(),
            d.sheet.clone(),
            d.line,
            d.column,
            f.map_or(d.field.clone(), |f| f.1.to_string()),
        )
    };
    let mut out = Vec::new();
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut repeats: Vec<usize> = Vec::new();
    // The variant each diagnostic was last counted in: one variant's same error twice (a
    // workbook's three tables, one error each) is not "2 more variant(s)".
    let mut counted_in: Vec<usize> = Vec::new();
    let mut warnings: Vec<Diagnostic> = Vec::new();
    for (v, (name, r)) in load_each_checked(path)?.into_iter().enumerate() {
        match r {
            Ok(c) => out.push(Variant {
                name,
                scenario: c.scenario,
                warnings: c.warnings,
                notes: c.notes,
            }),
            Err(e) => {
                // The same error in many variants (a misspelt key in a sweep of 1,000 points) is
                // said once, with how many more variants have it.
                for d in e.diagnostics {
                    match diags
                        .iter()
                        .position(|x: &Diagnostic| bare(x) == bare(&d) && x.found == d.found)
                    {
                        Some(i) if counted_in[i] != v => {
                            repeats[i] += 1;
                            counted_in[i] = v;
                        }
                        Some(_) => {}
                        None => {
                            diags.push(d);
                            repeats.push(0);
                            counted_in.push(v);
                        }
                    }
                }
                // A shared table's warnings once, not once a variant (their fields differ only
                // by the variant's name).
                for w in e.warnings {
                    if !warnings.iter().any(|x| bare(x) == bare(&w)) {
                        warnings.push(w);
                    }
                }
            }
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        for (d, n) in diags.iter_mut().zip(repeats) {
            if n > 0 {
                d.field = format!("{} (and {n} more variant(s))", d.field);
            }
        }
        Err(LoadError {
            diagnostics: diags,
            warnings,
        })
    }
}

type Point = (String, Vec<(String, Value)>);

/// How many points the sweep's axes make (saturating at `u64::MAX`), without building any; the
/// first axis that is not a non-empty list is an error.
fn sweep_count(axes: &Mapping) -> Result<u64, (String, Text)> {
    let mut count: u64 = 1;
    for (k, v) in axes {
        match v {
            Value::Sequence(s) if !s.is_empty() => {
                count = count.saturating_mul(s.len() as u64);
            }
            other => {
                let key = k
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| super::yaml::key_name(k));
                return Err((key, super::yaml::describe(other)));
            }
        }
    }
    Ok(count)
}

/// The Cartesian product of the sweep's axes, in the order written, each named `k=v,k=v`.
fn sweep_points(axes: &Mapping) -> Result<Vec<Point>, (String, Text)> {
    let mut points: Vec<Point> = vec![(String::new(), Vec::new())];
    for (k, v) in axes {
        let key = k
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| super::yaml::key_name(k));
        let values = match v {
            Value::Sequence(s) if !s.is_empty() => s,
            other => return Err((key, super::yaml::describe(other))),
        };
        let mut next = Vec::with_capacity(points.len() * values.len());
        for (name, sets) in &points {
            for val in values {
                let shown = scalar_text(val);
                let name = if name.is_empty() {
                    format!("{key}={shown}")
                } else {
                    format!("{name},{key}={shown}")
                };
                let mut sets = sets.clone();
                sets.push((key.clone(), val.clone()));
                next.push((name, sets));
            }
        }
        points = next;
    }
    Ok(points)
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .replace('\n', " "),
    }
}

/// Set `a.b.c` in a mapping value, creating mappings on the way.
fn set_dotted(value: &mut Value, dotted: &str, new: Value) {
    let mut cur = value;
    let parts: Vec<&str> = dotted.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        if !cur.is_mapping() {
            *cur = Value::Mapping(Mapping::new());
        }
        let Value::Mapping(m) = cur else { return };
        let key = Value::String(part.to_string());
        if i + 1 == parts.len() {
            m.insert(key, new);
            return;
        }
        cur = m.entry(key).or_insert(Value::Mapping(Mapping::new()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Value {
        serde_yaml::from_str(s).unwrap()
    }

    #[test]
    fn merge_overrides_maps_replaces_lists_and_appends_with_plus() {
        let mut base = v("a: 1\nw: {x: 1, y: 2}\npins: [p1]\nforbids: [f1]\n");
        merge(&mut base, &v("w: {y: 3}\npins+: [p2]\nforbids: [f2]\n"));
        assert_eq!(
            base,
            v("a: 1\nw: {x: 1, y: 3}\npins: [p1, p2]\nforbids: [f2]\n")
        );
    }

    #[test]
    fn sweep_is_the_cartesian_product_in_written_order() {
        let axes = v("weights.staffing: [5, 10]\nmax_departures_per_unit: [1, 2, 3]\n");
        let p = sweep_points(axes.as_mapping().unwrap()).unwrap();
        let names: Vec<&str> = p.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names.len(), 6);
        assert_eq!(names[0], "weights.staffing=5,max_departures_per_unit=1");
        assert_eq!(names[5], "weights.staffing=10,max_departures_per_unit=3");
    }

    #[test]
    fn a_sweep_is_counted_without_being_built() {
        let axes = v("a: [1, 2, 3]\nb: [1, 2]\n");
        assert_eq!(sweep_count(axes.as_mapping().unwrap()), Ok(6));
        let mut huge = String::new();
        for i in 0..70 {
            huge += &format!("k{i}: [1, 2]\n");
        }
        assert_eq!(sweep_count(v(&huge).as_mapping().unwrap()), Ok(u64::MAX));
        assert!(sweep_count(v("a: []\n").as_mapping().unwrap()).is_err());
    }

    #[test]
    fn lexical_paths_drop_dots() {
        assert_eq!(lexical(Path::new("/a/b/../c/./d")), PathBuf::from("/a/c/d"));
        assert_eq!(lexical(Path::new("/a/../../x")), PathBuf::from("/x"));
    }

    #[test]
    fn set_dotted_creates_the_path() {
        let mut x = v("weights: {fit: 1}\n");
        set_dotted(&mut x, "weights.training_points.grassroots", v("4"));
        assert_eq!(
            x,
            v("weights: {fit: 1, training_points: {grassroots: 4}}\n")
        );
    }
}
