//! The versions `cargo xtask setup` installs, read from the files the tools themselves read
//! (Trunk.toml, Cargo.lock, tools/package-lock.json) and cross-checked.

use crate::util::{self, Project, Result, fail, toml_string};

/// Versions that must be installed, read from the repository.
pub struct Pins {
    /// trunk, e.g. `0.21.14`.
    pub trunk: String,
    /// wasm-bindgen (crate and CLI), e.g. `0.2.130`.
    pub wasm_bindgen: String,
    /// binaryen's major version, e.g. `132`.
    pub wasm_opt: String,
}

impl Pins {
    /// Reads and cross-checks the pins, so a mismatch fails here with a clear message
    /// rather than later inside an offline Trunk build.
    pub fn read(project: &Project) -> Result<Self> {
        let trunk_toml = project.read("Trunk.toml")?;
        let trunk = toml_string(&trunk_toml, "", "trunk-version")
            .map(|req| req.trim_start_matches('=').to_string())
            .ok_or_else(|| {
                util::Error::from_msg("Trunk.toml lacks `trunk-version = \"=X.Y.Z\"`")
            })?;

        let wasm_bindgen = util::locked_version(&project.read("Cargo.lock")?, "wasm-bindgen")?;
        match toml_string(&trunk_toml, "tools", "wasm_bindgen") {
            Some(v) if v == wasm_bindgen => {}
            other => {
                return fail(format!(
                    "Trunk.toml [tools] wasm_bindgen is {other:?} but Cargo.lock has wasm-bindgen {wasm_bindgen}; set it to \"{wasm_bindgen}\""
                ));
            }
        }

        let Some(wasm_opt) = toml_string(&trunk_toml, "tools", "wasm_opt")
            .and_then(|v| v.strip_prefix("version_").map(str::to_string))
        else {
            return fail("Trunk.toml lacks `[tools] wasm_opt = \"version_N\"`");
        };
        let lock = project.read("tools/package-lock.json")?;
        let binaryen = npm_locked_version(&lock, "binaryen")
            .ok_or_else(|| util::Error::from_msg("tools/package-lock.json has no binaryen"))?;
        if binaryen.split('.').next() != Some(wasm_opt.as_str()) {
            return fail(format!(
                "tools/package-lock.json pins binaryen {binaryen} but Trunk.toml wants wasm_opt version_{wasm_opt}"
            ));
        }
        Ok(Pins {
            trunk,
            wasm_bindgen,
            wasm_opt,
        })
    }
}

/// The version of `node_modules/<name>` in an npm lockfile (v2/v3 format:
/// `packages["node_modules/<name>"].version`); None when it is absent or the file is not JSON.
fn npm_locked_version(lock: &str, name: &str) -> Option<String> {
    let lock: serde_json::Value = serde_json::from_str(lock).ok()?;
    lock.get("packages")?
        .get(format!("node_modules/{name}"))?
        .get("version")?
        .as_str()
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_npm_lock_versions() {
        let lock = r#"{
  "packages": {
    "": { "dependencies": { "binaryen": "132.0.0" } },
    "node_modules/binaryen": {
      "version": "132.0.0",
      "integrity": "sha512-x"
    }
  }
}"#;
        assert_eq!(
            npm_locked_version(lock, "binaryen").as_deref(),
            Some("132.0.0")
        );
        assert_eq!(npm_locked_version(lock, "playwright-core"), None);
        // Only the package's own entry counts, wherever its keys stand.
        let nested = r#"{"packages": {"node_modules/binaryen": {"integrity": "x",
            "dependencies": {"version": "1.0.0"}, "version": "133.0.0"}}}"#;
        assert_eq!(
            npm_locked_version(nested, "binaryen").as_deref(),
            Some("133.0.0")
        );
        assert_eq!(npm_locked_version("not json", "binaryen"), None);
    }

    /// The repository's own files agree (Trunk.toml, Cargo.lock, tools/package-lock.json).
    #[test]
    fn reads_the_repository_pins() -> Result {
        let pins = Pins::read(&Project::locate()?)?;
        assert!(!pins.wasm_opt.is_empty() && pins.wasm_bindgen.starts_with("0."));
        Ok(())
    }
}
