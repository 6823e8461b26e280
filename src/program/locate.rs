//! Finding where a value sits in a program file, so a diagnostic about `reps: 0` points at
//! the `0`. serde gives values without positions, so this walks the RON text once more into a
//! light tree of positions and looks values up by their path (`sessions[0].blocks[1].name`).
//! It runs only on text RON already parsed, and is lenient: anything odd ends the walk early
//! and the lookup falls back to the nearest enclosing value.

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

#[derive(Debug)]
struct Node {
    pos: Pos,
    fields: Vec<(String, Node)>,
    elems: Vec<Node>,
    /// `Some(x)`: lookups pass through to `x`.
    some: bool,
}

/// The positions of every value in one file.
#[derive(Debug)]
pub struct Locator {
    root: Option<Node>,
}

impl Locator {
    pub fn new(text: &str) -> Locator {
        let mut p = Parser {
            chars: text.chars().collect(),
            i: 0,
            line: 1,
            column: 1,
            depth: 0,
        };
        p.skip_trivia();
        Locator { root: p.value() }
    }

    /// Where the value at `path` starts; the nearest enclosing value if the walk stopped
    /// short; the top of the file if there is nothing at all.
    pub fn find(&self, path: &Path) -> Pos {
        let Some(mut node) = self.root.as_ref() else {
            return Pos { line: 1, column: 1 };
        };
        for seg in &path.0 {
            while node.some && node.elems.len() == 1 {
                node = &node.elems[0];
            }
            let next = match *seg {
                Seg::Field(name) => node.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v),
                Seg::Index(i) => node.elems.get(i),
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        while node.some && node.elems.len() == 1 {
            node = &node.elems[0];
        }
        node.pos
    }
}

struct Parser {
    chars: Vec<char>,
    i: usize,
    line: usize,
    column: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 64;

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }

    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    let mut level = 1;
                    while level > 0 {
                        match (self.bump(), self.peek()) {
                            (None, _) => return,
                            (Some('*'), Some('/')) => {
                                self.bump();
                                level -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                level += 1;
                            }
                            _ => {}
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' || c == '#' {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        s.trim_start_matches("r#").to_owned()
    }

    fn value(&mut self) -> Option<Node> {
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let node = self.value_inner();
        self.depth -= 1;
        node
    }

    fn value_inner(&mut self) -> Option<Node> {
        let pos = self.pos();
        let mut node = Node {
            pos,
            fields: Vec::new(),
            elems: Vec::new(),
            some: false,
        };
        match self.peek()? {
            '"' => self.string(),
            'r' if matches!(self.peek_at(1), Some('"' | '#')) => self.raw_string(),
            '[' => {
                self.bump();
                self.sequence(']', &mut node)?;
            }
            '{' => {
                self.bump();
                self.sequence('}', &mut node)?;
            }
            '(' => {
                self.bump();
                self.body(&mut node)?;
            }
            c if c.is_alphabetic() || c == '_' => {
                let name = self.ident();
                self.skip_trivia();
                if self.peek() == Some('(') {
                    self.bump();
                    node.some = name == "Some";
                    self.body(&mut node)?;
                }
            }
            _ => {
                // Numbers, chars, anything else: one run of non-delimiters.
                while let Some(c) = self.peek() {
                    if matches!(c, ',' | ')' | ']' | '}') || c.is_whitespace() {
                        break;
                    }
                    self.bump();
                }
            }
        }
        Some(node)
    }

    fn string(&mut self) {
        self.bump();
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '"' => return,
                _ => {}
            }
        }
    }

    fn raw_string(&mut self) {
        self.bump();
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump();
        while let Some(c) = self.bump() {
            if c == '"' {
                let mut n = 0;
                while n < hashes && self.peek() == Some('#') {
                    self.bump();
                    n += 1;
                }
                if n == hashes {
                    return;
                }
            }
        }
    }

    /// The inside of `( ... )`: named fields or tuple elements.
    fn body(&mut self, node: &mut Node) -> Option<()> {
        loop {
            self.skip_trivia();
            match self.peek()? {
                ')' => {
                    self.bump();
                    return Some(());
                }
                ',' => {
                    self.bump();
                }
                c if c.is_alphabetic() || c == '_' => {
                    let save = (self.i, self.line, self.column);
                    let name = self.ident();
                    self.skip_trivia();
                    if self.peek() == Some(':') {
                        self.bump();
                        self.skip_trivia();
                        let v = self.value()?;
                        node.fields.push((name, v));
                    } else {
                        (self.i, self.line, self.column) = save;
                        let v = self.value()?;
                        node.elems.push(v);
                    }
                }
                _ => {
                    let v = self.value()?;
                    node.elems.push(v);
                }
            }
        }
    }

    fn sequence(&mut self, close: char, node: &mut Node) -> Option<()> {
        loop {
            self.skip_trivia();
            match self.peek()? {
                c if c == close => {
                    self.bump();
                    return Some(());
                }
                ',' | ':' => {
                    self.bump();
                }
                _ => {
                    let v = self.value()?;
                    node.elems.push(v);
                }
            }
        }
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
