//! No import circles: every `crate::`, `super::` and `self::` path in `src/` (and a `mod.rs`
//! naming its own child modules) is an edge from one file to another, and no file reaches
//! itself again through them. Test code (`#[cfg(test)]` onwards, `*_tests.rs`, `tests.rs`) is
//! left out: a test may use what it tests from anywhere.
//!
//! The folders below `KNOWN` still have circles, being untangled in their own issues; every
//! other circle fails this test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Circles allowed for now, by the folder all their modules are in.
const KNOWN: [&str; 2] = ["program", "output/handout"];

type Module = Vec<String>;

fn modules(dir: &Path, prefix: &[String], out: &mut BTreeMap<Module, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut p = prefix.to_vec();
            p.push(name);
            modules(&path, &p, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            if name.ends_with("_tests") || name == "tests" {
                continue;
            }
            let mut m = prefix.to_vec();
            if !matches!(name.as_str(), "mod" | "lib" | "main") {
                m.push(name);
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text.split("#[cfg(test)]").next().unwrap_or("").to_owned();
            let text: String = text
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            out.insert(m, text);
        }
    }
}

/// Every path in `text` that starts with `crate`, `super` or `self`, with `{a, b::c}` groups
/// spread out, as module paths from the crate root.
fn paths(m: &Module, is_mod_rs: bool, text: &str, known: &BTreeMap<Module, String>) -> Vec<Module> {
    let chars: Vec<char> = text.chars().collect();
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !ident(chars[i]) || (i > 0 && (ident(chars[i - 1]) || chars[i - 1] == ':')) {
            i += 1;
            continue;
        }
        // Read a path: words joined by `::`, and `{...}` groups.
        let start = i;
        let mut end = i;
        let mut depth = 0;
        while end < chars.len() {
            let c = chars[end];
            if ident(c) || c == ':' || (depth > 0 && (c == ',' || c.is_whitespace())) {
                end += 1;
            } else if c == '{' && end > 0 && chars[end - 1] == ':' {
                depth += 1;
                end += 1;
            } else if c == '}' && depth > 0 {
                depth -= 1;
                end += 1;
            } else {
                break;
            }
        }
        let path: String = chars[start..end].iter().collect();
        i = end.max(i + 1);
        for full in spread(&path) {
            if !full.contains("::") {
                continue; // `pub(super)`, a word
            }
            let parts: Vec<&str> = full.split("::").filter(|p| !p.is_empty()).collect();
            let Some(first) = parts.first() else { continue };
            let mut abs: Module = match *first {
                "crate" => Vec::new(),
                "self" => m.clone(),
                "super" => m[..m.len().saturating_sub(1)].to_vec(),
                child if is_mod_rs && parts.len() > 1 => {
                    let mut c = m.clone();
                    c.push(child.to_owned());
                    if !known.contains_key(&c) {
                        continue;
                    }
                    m.clone()
                }
                _ => continue,
            };
            let rest = if matches!(*first, "crate" | "self" | "super") {
                &parts[1..]
            } else {
                &parts[..]
            };
            let mut rest = rest.iter().peekable();
            while rest.peek() == Some(&&"super") {
                abs.pop();
                rest.next();
            }
            abs.extend(rest.filter(|p| **p != "self").map(|p| (*p).to_owned()));
            // The longest prefix that is a module.
            while !abs.is_empty() && !known.contains_key(&abs) {
                abs.pop();
            }
            if &abs != m {
                out.push(abs);
            }
        }
    }
    out
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`.
fn spread(path: &str) -> Vec<String> {
    let Some(open) = path.find('{') else {
        return vec![path.to_owned()];
    };
    let head = &path[..open];
    let inner = &path[open + 1..path.rfind('}').unwrap_or(path.len())];
    let mut items = Vec::new();
    let (mut depth, mut from) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[from..]);
    items
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .flat_map(|s| spread(&format!("{head}{s}")))
        .collect()
}

#[test]
fn no_module_imports_one_that_imports_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    modules(&root, &[], &mut files);
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (m, text) in &files {
        // `lib.rs` and a `mod.rs` may name their children by a bare path.
        let is_mod_rs = root.join(m.join("/")).join("mod.rs").exists() || m.is_empty();
        for to in paths(m, is_mod_rs, text, &files) {
            edges.entry(m.clone()).or_default().insert(to);
        }
    }
    // Tarjan's strongly connected components.
    struct Walk<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<Module, usize>,
        low: BTreeMap<Module, usize>,
        stack: Vec<Module>,
        circles: Vec<Vec<Module>>,
    }
    fn visit(w: &mut Walk, v: &Module) {
        let n = w.index.len();
        w.index.insert(v.clone(), n);
        w.low.insert(v.clone(), n);
        w.stack.push(v.clone());
        for t in w.edges.get(v).cloned().unwrap_or_default() {
            if !w.index.contains_key(&t) {
                visit(w, &t);
                let l = w.low[v].min(w.low[&t]);
                w.low.insert(v.clone(), l);
            } else if w.stack.contains(&t) {
                let l = w.low[v].min(w.index[&t]);
                w.low.insert(v.clone(), l);
            }
        }
        if w.low[v] == w.index[v] {
            let mut circle = Vec::new();
            while let Some(t) = w.stack.pop() {
                let done = &t == v;
                circle.push(t);
                if done {
                    break;
                }
            }
            if circle.len() > 1 {
                w.circles.push(circle);
            }
        }
    }
    let mut w = Walk {
        edges: &edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        circles: Vec::new(),
    };
    for m in files.keys() {
        if !w.index.contains_key(m) {
            visit(&mut w, m);
        }
    }
    assert!(
        edges.values().map(BTreeSet::len).sum::<usize>() > 200,
        "the edges were not read"
    );
    let unknown: Vec<Vec<String>> = w
        .circles
        .iter()
        .map(|c| c.iter().map(|m| m.join("/")).collect::<Vec<_>>())
        .filter(|c| {
            !c.iter().all(|m| {
                KNOWN.iter().any(|k| {
                    m == k
                        || m.starts_with(&format!("{k}/"))
                        || *m == k.split('/').next().unwrap_or("")
                })
            })
        })
        .collect();
    assert!(unknown.is_empty(), "import circles: {unknown:?}");
}
