//! Property tests: no input, however broken, panics the loader or the checker.

use proptest::prelude::*;
use upright::program::bundled;
use upright::program::{Library, check_source};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = check_source(&bytes, Library::bundled());
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = check_source(text.as_bytes(), Library::bundled());
    }

    /// A bundled program with a slice cut out, a byte changed or a piece repeated: the loader
    /// reports, it never panics, and every diagnostic points inside the file.
    #[test]
    fn mutated_programs_never_panic(
        which in 0..bundled::programs().len(),
        at in any::<prop::sample::Index>(),
        len in 0usize..40,
        byte in any::<u8>(),
        how in 0..3u8,
    ) {
        let text = bundled::programs()[which].text.as_bytes();
        let i = at.index(text.len());
        let end = (i + len).min(text.len());
        let mut bytes = text[..i].to_vec();
        match how {
            0 => bytes.extend_from_slice(&text[end..]),
            1 => { bytes.push(byte); bytes.extend_from_slice(&text[i + 1.min(text.len() - i)..]); }
            _ => { bytes.extend_from_slice(&text[i..end]); bytes.extend_from_slice(&text[i..]); }
        }
        let checked = check_source(&bytes, Library::bundled());
        let lines = bytes.split(|&b| b == b'\n').count().max(1);
        for d in &checked.diagnostics {
            prop_assert!(d.line >= 1 && d.line <= lines, "{d:?}");
            prop_assert!(d.column >= 1);
        }
    }
}

#[test]
fn every_bundled_program_passes_without_warnings() {
    for b in bundled::programs() {
        let c = b.check();
        assert!(c.diagnostics.is_empty(), "{}: {:#?}", b.name, c.diagnostics);
    }
}

#[test]
fn the_bundle_list_matches_the_programs_folder() {
    let mut on_disk: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/programs"))
            .unwrap()
            .map(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .trim_end_matches(".ron")
                    .to_owned()
            })
            .collect();
    on_disk.sort();
    let mut bundled: Vec<String> = bundled::programs()
        .iter()
        .map(|b| b.name.to_owned())
        .collect();
    bundled.sort();
    assert_eq!(on_disk, bundled);
}
