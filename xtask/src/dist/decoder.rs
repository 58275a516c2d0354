//! The page's LZMA decoder as a wasm module: the `lzma-decoder` package (lzma-decoder/) built for
//! wasm32 with the same reproducible flags as the app (its release profile has opt-level "s",
//! which the root Cargo.toml explains), then wasm-opt `-O3` without debug, producer or feature
//! sections. The page's loader carries it in base64.

use std::path::Path;

use wasmparser::{Parser, Payload};

use super::{WASM_TARGET, release_build, target_dir};
use crate::util::{self, Context, Project, Result, fail};

/// The decoder's package (a workspace member) and its library's name, which names the wasm.
const PACKAGE: &str = "lzma-decoder";
const LIBRARY: &str = "lzma_decoder";
/// What the loader calls (xtask/src/dist/loader.js).
const EXPORTS: [&str; 3] = ["memory", "begin", "more"];

/// Builds the decoder into `staging` and returns its bytes.
pub(super) fn build(project: &Project, staging: &Path) -> Result<Vec<u8>> {
    release_build(project, &["--package", PACKAGE, "--lib"])?;
    let built = target_dir(project)
        .join(WASM_TARGET)
        .join("release")
        .join(format!("{LIBRARY}.wasm"));
    let optimised = staging.join(format!("{LIBRARY}.wasm"));
    util::run(
        project
            .cmd("wasm-opt")
            .args([
                "-O3",
                "--strip-debug",
                "--strip-producers",
                "--strip-target-features",
                "--output",
            ])
            .arg(&optimised)
            .arg(&built),
    )?;
    let bytes = std::fs::read(&optimised).context(|| format!("reading {}", optimised.display()))?;
    check(&bytes)?;
    Ok(bytes)
}

/// The module imports nothing and exports what the loader calls.
fn check(bytes: &[u8]) -> Result {
    let mut exports = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.context(|| "reading the LZMA decoder's wasm".to_string())? {
            Payload::ImportSection(_) => {
                return fail("the LZMA decoder imports something; it must run on its own");
            }
            Payload::ExportSection(section) => {
                for export in section {
                    exports.push(
                        export
                            .context(|| "reading the LZMA decoder's exports".to_string())?
                            .name,
                    );
                }
            }
            _ => {}
        }
    }
    match EXPORTS.iter().find(|name| !exports.contains(name)) {
        Some(name) => fail(format!("the LZMA decoder does not export `{name}`")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Section ids (core spec 5.5).
    const IMPORT_SECTION: u8 = 2;
    const EXPORT_SECTION: u8 = 7;

    /// A module with one section `id` holding `content`.
    fn module(sections: &[(u8, &[u8])]) -> Vec<u8> {
        let mut bytes = b"\0asm\x01\0\0\0".to_vec();
        for (id, content) in sections {
            bytes.push(*id);
            bytes.push(content.len() as u8);
            bytes.extend_from_slice(content);
        }
        bytes
    }

    #[test]
    fn wants_the_three_exports_and_no_imports() {
        // Export entries: name length, name, kind, index (kinds and indices are not checked).
        let exports = b"\x03\x06memory\x02\x00\x05begin\x00\x00\x04more\x00\x01";
        let refusal = |sections: &[(u8, &[u8])]| match check(&module(sections)) {
            Ok(()) => String::new(),
            Err(error) => error.to_string(),
        };
        assert_eq!(refusal(&[(EXPORT_SECTION, exports)]), "");
        // A well-formed export section without `more`.
        let two = b"\x02\x06memory\x02\x00\x05begin\x00\x00";
        assert!(
            refusal(&[(EXPORT_SECTION, two)]).contains("does not export `more`"),
            "{}",
            refusal(&[(EXPORT_SECTION, two)])
        );
        assert!(
            refusal(&[(IMPORT_SECTION, b"\x00"), (EXPORT_SECTION, exports)])
                .contains("imports something")
        );
        // The names elsewhere (a custom section) do not count.
        let custom = [&b"\x01x"[..], &exports[..]].concat();
        assert!(refusal(&[(0, &custom)]).contains("does not export `memory`"));
    }
}
