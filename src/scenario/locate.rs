//! Where a key of a YAML file was written.
//!
//! `serde_yaml::Value` keeps no positions, so this module reads the text a second time with a small,
//! forgiving parser of YAML's layout (block mappings and sequences by indentation, flow `{}`/`[]`
//! collections, quoted and block scalars) that builds a tree of positions only. It is used after
//! serde_yaml accepted the text, so the layout is valid YAML; for anything it does not understand it
//! simply knows less, and [`YamlText::locate`] falls back to the nearest enclosing key it found.

use std::fmt;
use std::path::{Path, PathBuf};

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathSeg {
    Key(String),
    Index(usize),
}

/// A path into a YAML document, shown as `extra_seats[0].post`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct KeyPath(pub Vec<PathSeg>);

impl KeyPath {
    pub(crate) fn root() -> KeyPath {
        KeyPath(Vec::new())
    }
    pub(crate) fn key(&self, k: &str) -> KeyPath {
        let mut v = self.0.clone();
        v.push(PathSeg::Key(k.to_string()));
        KeyPath(v)
    }
    pub(crate) fn index(&self, i: usize) -> KeyPath {
        let mut v = self.0.clone();
        v.push(PathSeg::Index(i));
        KeyPath(v)
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSeg::Key(k) if i == 0 => write!(f, "{k}")?,
                PathSeg::Key(k) => write!(f, ".{k}")?,
                PathSeg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos {
    pub line: usize,
    pub column: usize,
}

/// Where a diagnostic about a YAML path points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Location {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// What of a path to point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The key itself (unknown keys, missing sub-keys).
    Key,
    /// The value written after the key (bad values).
    Value,
}

/// Finds where a path of a (possibly merged, later) YAML value was written.
pub(crate) trait Locate {
    fn locate(&self, path: &KeyPath, target: Target) -> Location;
    /// The file a scenario's own settings come from (its default name, its folder).
    fn file(&self) -> &Path;
}

/// The positions of one YAML file's keys.
pub(crate) struct YamlText {
    file: PathBuf,
    root: Option<Node>,
}

impl YamlText {
    pub(crate) fn new(file: &Path, text: &str) -> YamlText {
        YamlText {
            file: file.to_path_buf(),
            root: parse(text),
        }
    }

    /// The position of a path's key (or list item) and of its value; falls back to the nearest
    /// ancestor found.
    fn find(&self, path: &KeyPath) -> Option<(Pos, Pos)> {
        let mut node = self.root.as_ref()?;
        let mut found = None;
        for seg in &path.0 {
            let next = match (seg, node) {
                (PathSeg::Key(k), Node::Map(entries, _)) => entries
                    .iter()
                    .find(|e| e.key == *k)
                    .map(|e| (e.key_pos, &e.value)),
                (PathSeg::Index(i), Node::Seq(items, _)) => {
                    items.get(*i).map(|(dash, n)| (*dash, n))
                }
                _ => None,
            };
            match next {
                Some((pos, n)) => {
                    found = Some((pos, n.pos()));
                    node = n;
                }
                None => break,
            }
        }
        found
    }
}

/// The files of an `extends:` chain, the scenario file first: a key is located in the first file
/// that writes it, so a problem of a value inherited from a base file names that file and line.
pub(crate) struct Chained {
    pub texts: Vec<YamlText>,
}

impl YamlText {
    /// Whether this file writes the whole path (not only an ancestor of it).
    fn writes(&self, path: &KeyPath) -> bool {
        let Some(mut node) = self.root.as_ref() else {
            return false;
        };
        for seg in &path.0 {
            let next = match (seg, node) {
                (PathSeg::Key(k), Node::Map(entries, _)) => {
                    entries.iter().find(|e| e.key == *k).map(|e| &e.value)
                }
                (PathSeg::Index(i), Node::Seq(items, _)) => items.get(*i).map(|(_, n)| n),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => return false,
            }
        }
        true
    }
}

impl Locate for Chained {
    fn locate(&self, path: &KeyPath, target: Target) -> Location {
        match self.texts.iter().find(|t| t.writes(path)) {
            Some(t) => t.locate(path, target),
            None => self.texts[0].locate(path, target),
        }
    }
    fn file(&self) -> &Path {
        self.texts[0].file()
    }
}

/// A variant's keys, written under `variants.<name>.` of the chain's files: a key the variant
/// writes is located there, any other (inherited from the base) where the base writes it.
pub(crate) struct InVariant<'a> {
    pub chain: &'a Chained,
    pub prefix: KeyPath,
}

impl Locate for InVariant<'_> {
    fn locate(&self, path: &KeyPath, target: Target) -> Location {
        let mut under = self.prefix.clone();
        under.0.extend(path.0.iter().cloned());
        if self.chain.texts.iter().any(|t| t.writes(&under)) {
            self.chain.locate(&under, target)
        } else {
            self.chain.locate(path, target)
        }
    }
    fn file(&self) -> &Path {
        self.chain.file()
    }
}

impl Locate for YamlText {
    fn locate(&self, path: &KeyPath, target: Target) -> Location {
        let pos = self.find(path).map(|(key, value)| match target {
            Target::Key => key,
            Target::Value => value,
        });
        Location {
            file: self.file.clone(),
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.column),
        }
    }
    fn file(&self) -> &Path {
        &self.file
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Map(Vec<Entry>, Pos),
    /// Items with the position of their `-` (or of the item in a flow list).
    Seq(Vec<(Pos, Node)>, Pos),
    Scalar(Pos),
}

impl Node {
    fn pos(&self) -> Pos {
        match self {
            Node::Map(_, p) | Node::Seq(_, p) | Node::Scalar(p) => *p,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    key: String,
    key_pos: Pos,
    value: Node,
}

/// Nesting deeper than this is not followed (the scenario schema is 4 levels deep).
const MAX_DEPTH: usize = 64;

/// A non-blank line without its comment: `text[k]` is at 0-based character column `col0 + k`.
#[derive(Debug, Clone)]
struct Line {
    no: usize,
    col0: usize,
    text: Vec<char>,
}

fn parse(text: &str) -> Option<Node> {
    let lines = lines(text);
    let mut p = Parser { lines, i: 0 };
    if p.lines.is_empty() {
        return None;
    }
    p.node(0, 0)
}

/// Splits into lines, drops comments, blank lines and document markers, measures indentation.
fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let chars: Vec<char> = raw.chars().collect();
        let chars = strip_comment(&chars);
        let indent = chars
            .iter()
            .take_while(|c| **c == ' ' || **c == '\t')
            .count();
        let mut text: Vec<char> = chars[indent..].to_vec();
        while text.last().is_some_and(|c| c.is_whitespace()) {
            text.pop();
        }
        let mut col0 = indent;
        if indent == 0 {
            if text.first() == Some(&'%') || text == ['-', '-', '-'] || text == ['.', '.', '.'] {
                continue;
            }
            if text.starts_with(&['-', '-', '-', ' ']) {
                let skip = 3 + text[3..].iter().take_while(|c| **c == ' ').count();
                text.drain(..skip);
                col0 += skip;
            }
        }
        if text.is_empty() {
            continue;
        }
        out.push(Line {
            no: n + 1,
            col0,
            text,
        });
    }
    out
}

/// The line up to a `#` that starts a comment (at the start or after a blank, outside quotes).
fn strip_comment(chars: &[char]) -> &[char] {
    let mut quote: Option<char> = None;
    let mut prev_sig: Option<char> = None; // previous non-blank character
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match quote {
            Some('"') if c == '\\' => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => {
                if c == '#' && (i == 0 || chars[i - 1].is_whitespace()) {
                    return &chars[..i];
                }
                if (c == '"' || c == '\'')
                    && matches!(prev_sig, None | Some(':' | '-' | '[' | '{' | ',' | '?'))
                {
                    quote = Some(c);
                }
            }
        }
        if !c.is_whitespace() {
            prev_sig = Some(c);
        }
        i += 1;
    }
    chars
}

fn is_dash(text: &[char]) -> bool {
    text.first() == Some(&'-') && (text.len() == 1 || text[1] == ' ' || text[1] == '\t')
}

/// `key: value` → (key, index where the key starts, index after the `:`). Quoted keys are unquoted.
fn split_key(text: &[char]) -> Option<(String, usize, usize)> {
    let first = *text.first()?;
    if first == '"' || first == '\'' {
        let mut i = 1;
        let mut key = String::new();
        while i < text.len() {
            let c = text[i];
            if first == '"' && c == '\\' && i + 1 < text.len() {
                key.push(text[i + 1]);
                i += 2;
                continue;
            }
            if c == first {
                if first == '\'' && text.get(i + 1) == Some(&'\'') {
                    key.push('\'');
                    i += 2;
                    continue;
                }
                break;
            }
            key.push(c);
            i += 1;
        }
        let mut j = i + 1;
        while j < text.len() && text[j] == ' ' {
            j += 1;
        }
        if j < text.len() && text[j] == ':' {
            return Some((key, 0, j + 1));
        }
        return None;
    }
    if matches!(first, '[' | '{' | '?' | '|' | '>' | '&' | '*' | '!') && !is_plain_key(text) {
        return None;
    }
    let mut i = 0;
    while i < text.len() {
        if text[i] == ':' && (i + 1 == text.len() || text[i + 1] == ' ' || text[i + 1] == '\t') {
            let key: String = text[..i].iter().collect::<String>().trim_end().to_string();
            if key.is_empty() {
                return None;
            }
            return Some((key, 0, i + 1));
        }
        i += 1;
    }
    None
}

/// An anchor or tag before a plain key (`&a key: v`) is rare; treat such lines as keys only if a
/// `: ` follows.
fn is_plain_key(text: &[char]) -> bool {
    matches!(text.first(), Some('&' | '!')) && text.windows(2).any(|w| w == [':', ' '])
}

struct Parser {
    lines: Vec<Line>,
    i: usize,
}

impl Parser {
    fn pos(&self, line: usize, k: usize) -> Pos {
        let l = &self.lines[line];
        Pos {
            line: l.no,
            column: l.col0 + k + 1,
        }
    }

    /// The block node starting at the current line (which has indentation ≥ `min_indent`).
    fn node(&mut self, min_indent: usize, depth: usize) -> Option<Node> {
        let line = self.lines.get(self.i)?;
        if line.col0 < min_indent {
            return None;
        }
        let indent = line.col0;
        if depth > MAX_DEPTH {
            let pos = self.pos(self.i, 0);
            self.i += 1;
            self.skip_deeper(indent);
            return Some(Node::Scalar(pos));
        }
        if is_dash(&line.text) {
            return Some(self.seq(indent, depth));
        }
        if split_key(&line.text).is_some() {
            return Some(self.map(indent, depth));
        }
        if matches!(line.text.first(), Some('{' | '[')) {
            let (node, last) = self.flow(self.i, 0, depth);
            self.i = last + 1;
            return Some(node);
        }
        let pos = self.pos(self.i, 0);
        self.i += 1;
        self.skip_deeper(indent);
        Some(Node::Scalar(pos))
    }

    /// Skips the lines indented more than `indent` (the rest of a multi-line scalar).
    fn skip_deeper(&mut self, indent: usize) {
        while self.lines.get(self.i).is_some_and(|l| l.col0 > indent) {
            self.i += 1;
        }
    }

    fn seq(&mut self, indent: usize, depth: usize) -> Node {
        let start = self.pos(self.i, 0);
        let mut items = Vec::new();
        while let Some(line) = self.lines.get(self.i) {
            if line.col0 != indent || !is_dash(&line.text) {
                break;
            }
            let dash = self.pos(self.i, 0);
            let rest = 1 + line.text[1..]
                .iter()
                .take_while(|c| **c == ' ' || **c == '\t')
                .count();
            let node = if rest >= line.text.len() {
                self.i += 1;
                match self.lines.get(self.i) {
                    Some(next) if next.col0 > indent => self.node(indent + 1, depth + 1),
                    _ => None,
                }
            } else {
                // The item's content is a node of its own, indented where it starts.
                let line = &mut self.lines[self.i];
                line.text.drain(..rest);
                line.col0 += rest;
                let col = line.col0;
                self.node(col, depth + 1)
            };
            items.push((dash, node.unwrap_or(Node::Scalar(dash))));
        }
        Node::Seq(items, start)
    }

    fn map(&mut self, indent: usize, depth: usize) -> Node {
        let start = self.pos(self.i, 0);
        let mut entries = Vec::new();
        while let Some(line) = self.lines.get(self.i) {
            if line.col0 != indent {
                break;
            }
            let Some((key, key_at, after)) = split_key(&line.text) else {
                break;
            };
            let key_pos = self.pos(self.i, key_at);
            let mut v = after;
            while v < line.text.len() && (line.text[v] == ' ' || line.text[v] == '\t') {
                v += 1;
            }
            // Skip an anchor or a tag before the value.
            while v < line.text.len() && matches!(line.text[v], '&' | '!') {
                while v < line.text.len() && line.text[v] != ' ' {
                    v += 1;
                }
                while v < line.text.len() && line.text[v] == ' ' {
                    v += 1;
                }
            }
            let value = if v >= line.text.len() {
                self.i += 1;
                match self.lines.get(self.i) {
                    Some(next) if next.col0 > indent => self.node(indent + 1, depth + 1),
                    Some(next) if next.col0 == indent && is_dash(&next.text) => {
                        Some(self.seq(indent, depth + 1))
                    }
                    _ => None,
                }
                .unwrap_or(Node::Scalar(key_pos))
            } else if matches!(line.text[v], '{' | '[') {
                let (node, last) = self.flow(self.i, v, depth + 1);
                self.i = last + 1;
                self.skip_deeper(indent);
                node
            } else {
                let pos = self.pos(self.i, v);
                self.i += 1;
                self.skip_deeper(indent);
                Node::Scalar(pos)
            };
            entries.push(Entry {
                key,
                key_pos,
                value,
            });
        }
        Node::Map(entries, start)
    }

    /// A flow collection starting at `lines[line].text[k]`; returns it and the last line it used.
    fn flow(&self, line: usize, k: usize, depth: usize) -> (Node, usize) {
        let mut cur = Cursor {
            lines: &self.lines,
            line,
            k,
        };
        let node = flow_value(&mut cur, depth);
        (node, cur.line.min(self.lines.len().saturating_sub(1)))
    }
}

struct Cursor<'a> {
    lines: &'a [Line],
    line: usize,
    k: usize,
}

impl Cursor<'_> {
    fn peek(&mut self) -> Option<char> {
        loop {
            let line = self.lines.get(self.line)?;
            if let Some(c) = line.text.get(self.k) {
                return Some(*c);
            }
            if self.line + 1 >= self.lines.len() {
                return None;
            }
            self.line += 1;
            self.k = 0;
        }
    }
    fn bump(&mut self) {
        self.k += 1;
    }
    fn pos(&self) -> Pos {
        let l = &self.lines[self.line.min(self.lines.len() - 1)];
        Pos {
            line: l.no,
            column: l.col0 + self.k + 1,
        }
    }
    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.bump();
        }
    }
    /// A scalar (quoted or plain) in flow context; returns its text.
    fn scalar(&mut self) -> String {
        let mut s = String::new();
        match self.peek() {
            Some(q @ ('"' | '\'')) => {
                self.bump();
                while let Some(c) = self.peek() {
                    self.bump();
                    if q == '"' && c == '\\' {
                        if let Some(e) = self.peek() {
                            s.push(e);
                            self.bump();
                        }
                        continue;
                    }
                    if c == q {
                        if q == '\'' && self.peek() == Some('\'') {
                            s.push('\'');
                            self.bump();
                            continue;
                        }
                        break;
                    }
                    s.push(c);
                }
            }
            _ => {
                while let Some(c) = self.peek() {
                    if matches!(c, ',' | '[' | ']' | '{' | '}') {
                        break;
                    }
                    if c == ':' {
                        let next = self.lines[self.line].text.get(self.k + 1).copied();
                        if matches!(next, None | Some(' ' | '\t' | ',' | ']' | '}')) {
                            break;
                        }
                    }
                    s.push(c);
                    self.bump();
                }
            }
        }
        s.trim().to_string()
    }
}

fn flow_value(cur: &mut Cursor<'_>, depth: usize) -> Node {
    cur.skip_blanks();
    let start = cur.pos();
    match cur.peek() {
        Some('{') if depth <= MAX_DEPTH => {
            cur.bump();
            let mut entries = Vec::new();
            loop {
                cur.skip_blanks();
                match cur.peek() {
                    None => break,
                    Some('}') => {
                        cur.bump();
                        break;
                    }
                    Some(',') => {
                        cur.bump();
                        continue;
                    }
                    _ => {}
                }
                let key_pos = cur.pos();
                let before = (cur.line, cur.k);
                let key = cur.scalar();
                cur.skip_blanks();
                let value = if cur.peek() == Some(':') {
                    cur.bump();
                    cur.skip_blanks();
                    if matches!(cur.peek(), Some(',' | '}') | None) {
                        Node::Scalar(key_pos)
                    } else {
                        flow_value(cur, depth + 1)
                    }
                } else {
                    Node::Scalar(key_pos)
                };
                entries.push(Entry {
                    key,
                    key_pos,
                    value,
                });
                if (cur.line, cur.k) == before {
                    cur.bump(); // never stall on a character this reader does not expect
                }
            }
            Node::Map(entries, start)
        }
        Some('[') if depth <= MAX_DEPTH => {
            cur.bump();
            let mut items = Vec::new();
            loop {
                cur.skip_blanks();
                match cur.peek() {
                    None => break,
                    Some(']') => {
                        cur.bump();
                        break;
                    }
                    Some(',') => {
                        cur.bump();
                        continue;
                    }
                    _ => {}
                }
                let before = (cur.line, cur.k);
                let item = flow_value(cur, depth + 1);
                items.push((item.pos(), item));
                if (cur.line, cur.k) == before {
                    cur.bump();
                }
            }
            Node::Seq(items, start)
        }
        Some('{' | '[') => {
            // Too deep: skip to the end of the input this reader follows.
            while cur.peek().is_some() {
                cur.bump();
            }
            Node::Scalar(start)
        }
        _ => {
            cur.scalar();
            // A `key: value` pair inside a flow list is read as a one-entry item.
            if cur.peek() == Some(':') {
                cur.bump();
                cur.skip_blanks();
                if !matches!(cur.peek(), Some(',' | ']' | '}') | None) {
                    flow_value(cur, depth + 1);
                }
            }
            Node::Scalar(start)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, path: &KeyPath, target: Target) -> Option<(usize, usize)> {
        let l = YamlText::new(Path::new("s.yaml"), text).locate(path, target);
        Some((l.line?, l.column?))
    }
    fn p(segs: &[&str]) -> KeyPath {
        let mut k = KeyPath::root();
        for s in segs {
            k = match s.parse::<usize>() {
                Ok(i) => k.index(i),
                Err(_) => k.key(s),
            };
        }
        k
    }

    const DOC: &str = "\
# a scenario
name: Tỉnh Mẫu — luân chuyển 2027   # comment
plan_date: 2027-01-01
tables:
  units: units.csv
  posts: \"posts.csv\"
rules:
  base: qd65-2022
  not_local_titles: [party_secretary, \"pc_chair\",
     chief_judge]
  retirement_men: { base_year: 2021, base_months: 723 }
weights:
    stafing: 10
    training_points:
        new_tier: 2
extra_seats:
  - { post: P017, seats: 1, reason: \"Nghị quyết 12: x\" }
  - post: P018
    seats: 2
pins:
- cadre: C001
  post: P003
-
  cadre: C002
  post: P004
'quoted key': 1
description: |
  free text
  fake: key
solver:
  threads: 1
";

    #[test]
    fn finds_keys_and_values() {
        let t = Target::Key;
        assert_eq!(at(DOC, &p(&["name"]), t), Some((2, 1)));
        assert_eq!(at(DOC, &p(&["name"]), Target::Value), Some((2, 7)));
        assert_eq!(at(DOC, &p(&["tables", "posts"]), t), Some((6, 3)));
        assert_eq!(at(DOC, &p(&["rules", "not_local_titles"]), t), Some((9, 3)));
        assert_eq!(
            at(DOC, &p(&["rules", "not_local_titles", "2"]), t),
            Some((10, 6))
        );
        assert_eq!(
            at(DOC, &p(&["rules", "not_local_titles", "1"]), t),
            Some((9, 39))
        );
        assert_eq!(
            at(DOC, &p(&["rules", "retirement_men", "base_months"]), t),
            Some((11, 38))
        );
        assert_eq!(
            at(
                DOC,
                &p(&["rules", "retirement_men", "base_months"]),
                Target::Value
            ),
            Some((11, 51))
        );
        assert_eq!(at(DOC, &p(&["weights", "stafing"]), t), Some((13, 5)));
        assert_eq!(
            at(DOC, &p(&["weights", "training_points", "new_tier"]), t),
            Some((15, 9))
        );
        assert_eq!(at(DOC, &p(&["extra_seats", "0"]), t), Some((17, 3)));
        assert_eq!(
            at(DOC, &p(&["extra_seats", "0", "reason"]), t),
            Some((17, 29))
        );
        assert_eq!(
            at(DOC, &p(&["extra_seats", "1", "seats"]), t),
            Some((19, 5))
        );
        assert_eq!(
            at(DOC, &p(&["extra_seats", "1", "seats"]), Target::Value),
            Some((19, 12))
        );
        assert_eq!(at(DOC, &p(&["pins", "0", "post"]), t), Some((22, 3)));
        assert_eq!(at(DOC, &p(&["pins", "1"]), t), Some((23, 1)));
        assert_eq!(at(DOC, &p(&["pins", "1", "post"]), t), Some((25, 3)));
        assert_eq!(at(DOC, &p(&["quoted key"]), t), Some((26, 1)));
        assert_eq!(at(DOC, &p(&["solver", "threads"]), t), Some((31, 3)));
        // The text of a block scalar is not a key.
        assert_eq!(at(DOC, &p(&["fake"]), t), None);
    }

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        assert_eq!(
            at(DOC, &p(&["weights", "nope"]), Target::Key),
            Some((12, 1))
        );
        assert_eq!(
            at(DOC, &p(&["pins", "7", "post"]), Target::Key),
            Some((20, 1))
        );
        assert_eq!(at(DOC, &p(&["nope"]), Target::Key), None);
        assert_eq!(at("", &p(&["a"]), Target::Key), None);
    }

    #[test]
    fn sequence_at_the_parent_indentation_and_document_marker() {
        let doc = "---\npins:\n- cadre: C1\n  post: P1\nsolver: {threads: 2}\n...\n";
        assert_eq!(
            at(doc, &p(&["pins", "0", "post"]), Target::Key),
            Some((4, 3))
        );
        assert_eq!(
            at(doc, &p(&["solver", "threads"]), Target::Key),
            Some((5, 10))
        );
    }

    #[test]
    fn paths_display() {
        assert_eq!(
            p(&["extra_seats", "0", "post"]).to_string(),
            "extra_seats[0].post"
        );
        assert_eq!(KeyPath::root().to_string(), "");
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "-",
            "- -",
            ":",
            "a:",
            "{",
            "[",
            "}]",
            "{a: [1, {b: ",
            "\"a",
            "'",
            "a: 'b",
            "? x\n: y",
            "a: |\n",
            "-\n-\n  -",
            "\t\ta: b",
            "a: &x {b: 1}\nc: *x",
            "a:\n - b\n  c: d\n",
            "- a: 1\n b: 2",
            "x: [a: b, c]",
            "é: {é: [é]}",
            "#",
            "a: b # c\n  # d\n",
        ] {
            for path in [
                p(&["a"]),
                p(&["a", "b"]),
                p(&["0"]),
                p(&["a", "0", "b"]),
                p(&["é", "é", "0"]),
            ] {
                let _ = at(text, &path, Target::Key);
                let _ = at(text, &path, Target::Value);
            }
        }
        let deep = "[".repeat(10_000);
        let _ = at(&deep, &p(&["0"]), Target::Key);
        let mut nested = String::new();
        for i in 0..2_000 {
            nested.push_str(&" ".repeat(i));
            nested.push_str("k:\n");
        }
        let _ = at(&nested, &p(&["k", "k", "k"]), Target::Key);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "(\\PC|[\\n\\t \\-:{}\\[\\],#'\"]){0,200}") {
            let l = YamlText::new(Path::new("s.yaml"), &text);
            let _ = l.locate(&p(&["a", "0", "b"]), Target::Key);
            let _ = l.locate(&p(&["0"]), Target::Value);
        }
    }
}
