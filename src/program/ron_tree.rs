//! A light reading of RON text into tokens (with their lines and columns), comments, and a
//! tree of values by token position. serde gives values without positions or comments; the
//! checker needs positions (`locate`) and the author's writer needs comments (`comments`), so
//! both read the text once more through this. Only text RON has already parsed is read here;
//! anything odd ends the walk early (`parse` then has no tree, or a shorter one).

/// Reads `text` into its tokens, its comments and the tree of its first value.
pub(crate) fn parse(text: &str) -> (Vec<Token>, Vec<Comment>, Option<Val>) {
    let (tokens, comments) = Lexer {
        chars: text.chars().collect(),
        i: 0,
        line: 1,
        column: 1,
        code_on_line: false,
        tokens: Vec::new(),
        comments: Vec::new(),
    }
    .run();
    let root = Parser {
        toks: &tokens,
        i: 0,
        depth: 0,
    }
    .value();
    (tokens, comments, root)
}

// ───────────────────────────── tokens ─────────────────────────────

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Open(char),
    Close(char),
    Comma,
    Colon,
    Ident(String),
    /// Strings, numbers, chars: anything that is one value.
    Atom,
}

#[derive(Debug)]
pub(crate) struct Token {
    pub tok: Tok,
    /// 1-based line and column (in characters, as RON counts them) of its first character.
    pub line: usize,
    pub column: usize,
    /// The line and column just after its last character.
    pub end: (usize, usize),
}

#[derive(Debug)]
pub(crate) struct Comment {
    pub text: String,
    pub line: usize,
    /// Line of the end of the comment (a block comment may span lines).
    pub end_line: usize,
    /// Nothing but whitespace before it on its line.
    pub own_line: bool,
    /// The index of the first token after it.
    pub next_token: usize,
}

struct Lexer {
    chars: Vec<char>,
    i: usize,
    line: usize,
    column: usize,
    /// A token has been seen on the current line.
    code_on_line: bool,
    tokens: Vec<Token>,
    comments: Vec<Comment>,
}

impl Lexer {
    fn peek(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
            self.code_on_line = false;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn push(&mut self, tok: Tok, (line, column): (usize, usize)) {
        let end = (self.line, self.column);
        self.tokens.push(Token {
            tok,
            line,
            column,
            end,
        });
        self.code_on_line = true;
    }

    fn run(mut self) -> (Vec<Token>, Vec<Comment>) {
        while let Some(c) = self.peek(0) {
            let line = self.line;
            let at = (self.line, self.column);
            match c {
                c if c.is_whitespace() => {
                    self.bump();
                }
                '/' if self.peek(1) == Some('/') => {
                    let start = self.i;
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                    let text: String = self.chars[start..self.i].iter().collect();
                    self.comments.push(Comment {
                        text: text.trim_end().to_owned(),
                        line,
                        end_line: line,
                        own_line: !self.code_on_line,
                        next_token: self.tokens.len(),
                    });
                }
                '/' if self.peek(1) == Some('*') => {
                    let own_line = !self.code_on_line;
                    let start = self.i;
                    self.bump();
                    self.bump();
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.bump(), self.peek(0)) {
                            (None, _) => break,
                            (Some('*'), Some('/')) => {
                                self.bump();
                                depth -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                depth += 1;
                            }
                            _ => {}
                        }
                    }
                    let text: String = self.chars[start..self.i].iter().collect();
                    let end_line = self.line;
                    self.comments.push(Comment {
                        text: text.lines().map(str::trim).collect::<Vec<_>>().join("\n"),
                        line,
                        end_line,
                        own_line,
                        next_token: self.tokens.len(),
                    });
                    // Code after a block comment on its line is still the line's code.
                    self.code_on_line = !own_line;
                }
                '(' | '[' | '{' => {
                    self.bump();
                    self.push(Tok::Open(c), at);
                }
                ')' | ']' | '}' => {
                    self.bump();
                    self.push(Tok::Close(c), at);
                }
                ',' => {
                    self.bump();
                    self.push(Tok::Comma, at);
                }
                ':' => {
                    self.bump();
                    self.push(Tok::Colon, at);
                }
                '"' => {
                    self.string();
                    self.push(Tok::Atom, at);
                }
                'r' if matches!(self.peek(1), Some('"')) || self.raw_hashes() => {
                    self.raw_string();
                    self.push(Tok::Atom, at);
                }
                '\'' => {
                    self.bump();
                    while let Some(c) = self.bump() {
                        match c {
                            '\\' => {
                                self.bump();
                            }
                            '\'' | '\n' => break,
                            _ => {}
                        }
                    }
                    self.push(Tok::Atom, at);
                }
                c if c.is_alphabetic() || c == '_' => {
                    let mut s = String::new();
                    if c == 'r' && self.peek(1) == Some('#') {
                        self.bump();
                        self.bump();
                    }
                    while let Some(c) = self.peek(0) {
                        if c.is_alphanumeric() || c == '_' {
                            s.push(c);
                            self.bump();
                        } else {
                            break;
                        }
                    }
                    self.push(Tok::Ident(s), at);
                }
                _ => {
                    // A number (or anything else): a run of characters up to a delimiter or
                    // a comment; always at least one character, so the lexer moves on.
                    self.bump();
                    while let Some(c) = self.peek(0) {
                        let comment = c == '/' && matches!(self.peek(1), Some('/' | '*'));
                        if c.is_whitespace() || "()[]{},:\"".contains(c) || comment {
                            break;
                        }
                        self.bump();
                    }
                    self.push(Tok::Atom, at);
                }
            }
        }
        (self.tokens, self.comments)
    }

    /// `r#"`, `r##"`, ...: a raw string rather than a raw identifier.
    fn raw_hashes(&self) -> bool {
        let mut k = 1;
        while self.peek(k) == Some('#') {
            k += 1;
        }
        k > 1 && self.peek(k) == Some('"')
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
        while self.peek(0) == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump();
        while let Some(c) = self.bump() {
            if c == '"' {
                let mut n = 0;
                while n < hashes && self.peek(0) == Some('#') {
                    self.bump();
                    n += 1;
                }
                if n == hashes {
                    return;
                }
            }
        }
    }
}

// ───────────────────────────── tree ─────────────────────────────

/// A value as token positions: where it starts and ends, its fields and elements.
#[derive(Debug, Default)]
pub(crate) struct Val {
    /// The token index where it starts (for `Some(x)`, the `Some`).
    pub start: usize,
    /// Where the value proper starts (for `Some(x)`, the `x`): what a diagnostic points at.
    pub at: usize,
    pub end: usize,
    /// The token index of the closing bracket, for structs and lists.
    pub close: Option<usize>,
    /// (name, token index of the name, value)
    pub fields: Vec<(String, usize, Val)>,
    pub elems: Vec<Val>,
    /// A struct `Name(...)` or `(...)`, rather than a list or an atom.
    pub is_struct: bool,
}

struct Parser<'a> {
    toks: &'a [Token],
    i: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 128;

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|t| &t.tok)
    }

    fn value(&mut self) -> Option<Val> {
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let v = self.value_inner();
        self.depth -= 1;
        v
    }

    fn value_inner(&mut self) -> Option<Val> {
        let start = self.i;
        let mut v = Val {
            start,
            at: start,
            end: start,
            ..Val::default()
        };
        match self.peek()?.clone() {
            Tok::Ident(name) => {
                self.i += 1;
                if self.peek() == Some(&Tok::Open('(')) {
                    self.i += 1;
                    v.is_struct = name != "Some";
                    self.body(&mut v)?;
                    if name == "Some" && v.elems.len() == 1 {
                        // `Some(x)`: x, spanning the wrapper.
                        let mut inner = v.elems.pop()?;
                        inner.start = start;
                        inner.end = v.end;
                        return Some(inner);
                    }
                } else {
                    v.end = start;
                }
            }
            Tok::Open('(') => {
                self.i += 1;
                v.is_struct = true;
                self.body(&mut v)?;
            }
            Tok::Open(c) => {
                self.i += 1;
                let close = if c == '[' { ']' } else { '}' };
                self.list(&mut v, close)?;
            }
            Tok::Atom => {
                self.i += 1;
            }
            _ => return None,
        }
        Some(v)
    }

    fn body(&mut self, v: &mut Val) -> Option<()> {
        loop {
            match self.peek()?.clone() {
                Tok::Close(_) => {
                    v.close = Some(self.i);
                    v.end = self.i;
                    self.i += 1;
                    return Some(());
                }
                Tok::Comma => self.i += 1,
                Tok::Ident(name)
                    if self.toks.get(self.i + 1).map(|t| &t.tok) == Some(&Tok::Colon) =>
                {
                    let at = self.i;
                    self.i += 2;
                    let value = self.value()?;
                    v.fields.push((name, at, value));
                }
                _ => {
                    let e = self.value()?;
                    v.elems.push(e);
                }
            }
        }
    }

    fn list(&mut self, v: &mut Val, close: char) -> Option<()> {
        loop {
            match self.peek()? {
                Tok::Close(c) if *c == close => {
                    v.close = Some(self.i);
                    v.end = self.i;
                    self.i += 1;
                    return Some(());
                }
                Tok::Comma | Tok::Colon => self.i += 1,
                _ => {
                    let e = self.value()?;
                    v.elems.push(e);
                }
            }
        }
    }
}
