//! Finding where a value sits in a program file, so a diagnostic about `reps: 0` points at
//! the `0`: values are looked up by their path (`sessions[0].blocks[1].name`) in the tree
//! `ron_tree` reads. Lenient: anything odd ends the walk early and the lookup falls back to
//! the nearest enclosing value.

use super::ron_tree::{Token, Val, parse};

/// One step of a path into a program: a field name or a list index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    Field(&'static str),
    Index(usize),
}

/// A path from the top of the file to a value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(pub Vec<Seg>);

impl Path {
    pub fn root() -> Path {
        Path(Vec::new())
    }
    pub fn field(&self, name: &'static str) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Field(name));
        p
    }
    pub fn index(&self, i: usize) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// The positions of every value in one file.
#[derive(Debug)]
pub struct Locator {
    tokens: Vec<Token>,
    root: Option<Val>,
}

impl Locator {
    pub fn new(text: &str) -> Locator {
        let (tokens, _, root) = parse(text);
        Locator { tokens, root }
    }

    /// Where the value at `path` starts; the nearest enclosing value if the walk stopped
    /// short; the top of the file if there is nothing at all.
    pub fn find(&self, path: &Path) -> Pos {
        let Some(mut node) = self.root.as_ref() else {
            return Pos { line: 1, column: 1 };
        };
        for seg in &path.0 {
            let next = match *seg {
                Seg::Field(name) => node
                    .fields
                    .iter()
                    .find(|(n, _, _)| n == name)
                    .map(|(_, _, v)| v),
                Seg::Index(i) => node.elems.get(i),
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        self.tokens
            .get(node.at)
            .map_or(Pos { line: 1, column: 1 }, |t| Pos {
                line: t.line,
                column: t.column,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"// a comment with "quotes" and (parens)
Program(
    title: "T (1)",
    author: Some("A"),
    /* block /* nested */ */ sessions: [
        Session(name: "A", blocks: [
            Block(name: "B", items: [
                Item(exercise: "x", dose: Reps(sets: 2, reps: 0, rest: 60)),
            ]),
        ]),
    ],
)"#;

    fn at(path: Path) -> (usize, usize) {
        let p = Locator::new(SRC).find(&path);
        (p.line, p.column)
    }

    #[test]
    fn finds_nested_values_by_path() {
        let item = Path::root()
            .field("sessions")
            .index(0)
            .field("blocks")
            .index(0)
            .field("items")
            .index(0);
        assert_eq!(at(item.field("dose").field("reps")), (8, 63));
        assert_eq!(at(item.field("exercise")), (8, 32));
        assert_eq!(at(Path::root().field("title")), (3, 12));
    }

    #[test]
    fn passes_through_some() {
        assert_eq!(at(Path::root().field("author")), (4, 18));
    }

    #[test]
    fn a_missing_value_falls_back_to_its_parent() {
        let p = Path::root().field("sessions").index(0).field("nothing");
        assert_eq!(at(p), (6, 9));
    }

    #[test]
    fn broken_text_never_panics() {
        for s in [
            "",
            "(",
            "Program(a: [",
            "\"",
            "r#\"",
            "/*",
            "((((((((",
            "a: b: c",
        ] {
            Locator::new(s).find(&Path::root().field("a").index(3));
        }
    }
}
