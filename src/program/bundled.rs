//! The programs built into the binary, so upright runs from any folder with no set-up.

use crate::program::{Checked, Library, check_source};

/// One bundled program: its short name (the file name without `.ron`) and its text.
#[derive(Debug, Clone, Copy)]
pub struct Bundled {
    pub name: &'static str,
    pub text: &'static str,
}

impl Bundled {
    pub fn check(&self) -> Checked {
        check_source(self.text.as_bytes(), Library::bundled())
    }
}

macro_rules! bundle {
    ($($name:literal),* $(,)?) => {
        &[$(Bundled { name: $name, text: include_str!(concat!("../../programs/", $name, ".ron")) }),*]
    };
}

const PROGRAMS: &[Bundled] = bundle![
    "home-foundations",
    "strong-steady-straight",
    "daily-balance-posture",
    "group-class",
    "gentle-start",
];

pub fn programs() -> &'static [Bundled] {
    PROGRAMS
}

pub fn find(name: &str) -> Option<&'static Bundled> {
    let name = name.strip_suffix(".ron").unwrap_or(name);
    PROGRAMS.iter().find(|b| b.name.eq_ignore_ascii_case(name))
}
