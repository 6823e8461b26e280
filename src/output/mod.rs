//! Outputs for the people around the person training: the printable handout of a program
//! (text, Markdown, HTML), the clinician's report of a journal (HTML, Markdown), and
//! `upright explain`'s page for every diagnostic code.

pub mod explain;
pub mod handout;
pub mod report;
