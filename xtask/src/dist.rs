//! `cargo xtask dist`: the release build, as one self-contained, reproducible HTML file.
//!
//! cargo builds the wasm, wasm-bindgen (`--target web`) writes the JS glue, wasm-opt (`-Oz`)
//! shrinks the module, all at the versions `cargo xtask setup` pins; `page.rs` fills
//! `page.html` with the stylesheet, the glue and the wasm. Trunk is only for `cargo xtask
//! serve`.
//!
//! Output in `dist/`:
//! - `index.html`: the page (CSS, JS glue and wasm inline; CSP meta with hashes);
//! - `saml-idp-kit-<version>.html`: the same bytes under a versioned name, to download;
//! - `SHA256SUMS`: `sha256sum -c` format, covering both HTML files;
//! - `_headers`: the same policy as HTTP headers for static hosts that read this file
//!   (Cloudflare Pages, Netlify), plus what a meta tag cannot do (`frame-ancestors`,
//!   `Cross-Origin-Opener-Policy: same-origin`, which keeps other windows from holding a
//!   reference to the page). GitHub Pages sends no custom headers and ignores the file.

mod decoder;
mod page;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::setup;
use crate::util::{self, Context, Project, Result, fail, hex, sha256, toml_string};
use crate::wasm;

/// Where the finished files go, relative to the repository root.
const DIST_DIR: &str = "dist";

/// wasm-bindgen's and wasm-opt's output, which we bundle into `DIST_DIR`.
const STAGING_DIR: &str = "target/xtask-dist-staging";

/// The binary that is the app, and the stylesheet the page carries.
const APP_BIN: &str = "saml-idp-kit";
const STYLESHEET: &str = "static/style.css";

/// The wasm target the app is built for.
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// wasm-opt's optimisation flags (docs/size.md says what each saves).
const WASM_OPT_FLAGS: &[&str] = &["-Oz"];

/// Runs setup, then builds `dist/`.
pub fn run(project: &Project) -> Result {
    setup::run(project, setup::Scope::BuildAndTest)?;
    build(project)
}

/// Builds `dist/` assuming the tools are installed (`cargo xtask test` ran setup already).
pub fn build(project: &Project) -> Result {
    let cargo_toml = project.read("Cargo.toml")?;
    let Some(version) = toml_string(&cargo_toml, "package", "version") else {
        return fail("Cargo.toml has no [package] version");
    };
    // Two dist runs in one checkout would share the staging folder; take turns.
    let lock_path = project.path("target/xtask-dist.lock");
    let lock = open_lock(&lock_path)?;
    if lock.try_lock().is_err() {
        println!("dist: waiting for another `cargo xtask dist` in this checkout to finish");
        lock.lock()
            .context(|| format!("locking {}", lock_path.display()))?;
    }
    check_tool_versions(project)?;

    for var in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_BUILD_RUSTFLAGS",
    ] {
        if std::env::var_os(var).is_some() {
            println!(
                "dist: note: {var} is ignored; the release build sets its own flags so it is reproducible"
            );
        }
    }
    release_build(project, &["--bin", APP_BIN])?;
    let built = target_dir(project)
        .join(WASM_TARGET)
        .join("release")
        .join(format!("{APP_BIN}.wasm"));

    let staging = project.path(STAGING_DIR);
    recreate_dir(&staging)?;
    util::run(
        project
            .cmd("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                "app",
                "--out-dir",
            ])
            .arg(&staging)
            .arg(&built),
    )?;
    // wasm-opt keeps the function names (`-g`) in a copy for `cargo xtask bench`'s size table;
    // the shipped module is that copy without its name section, byte for byte otherwise.
    let named = staging.join("app_bg.names.wasm");
    util::run(
        project
            .cmd("wasm-opt")
            .args(WASM_OPT_FLAGS)
            .arg("-g")
            .arg("--output")
            .arg(&named)
            .arg(staging.join("app_bg.wasm")),
    )?;
    let optimised = staging.join("app_bg.opt.wasm");
    let shipped = wasm::without_custom_section(
        &std::fs::read(&named).context(|| format!("reading {}", named.display()))?,
        "name",
    )?;
    write(&optimised, &shipped)?;
    check_no_build_paths(project, &staging)?;

    let read = |path: &Path| std::fs::read(path).context(|| format!("reading {}", path.display()));
    let as_text = |bytes: Vec<u8>, path: &Path| {
        String::from_utf8(bytes).context(|| format!("{} is not UTF-8", path.display()))
    };
    let css_path = project.path(STYLESHEET);
    let css = as_text(read(&css_path)?, &css_path)?;
    let glue_path = staging.join("app.js");
    let glue = as_text(read(&glue_path)?, &glue_path)?;
    let decoder = decoder::build(project, &staging)?;
    let page = page::assemble(&css, &glue, &read(&optimised)?, &decoder)?;

    let dist = project.path(DIST_DIR);
    recreate_dir(&dist)?;
    let versioned = format!("saml-idp-kit-{version}.html");
    let digest = hex(&sha256(page.html.as_bytes()));
    write(&dist.join("index.html"), page.html.as_bytes())?;
    write(&dist.join(&versioned), page.html.as_bytes())?;
    write(
        &dist.join("SHA256SUMS"),
        format!("{digest}  index.html\n{digest}  {versioned}\n").as_bytes(),
    )?;
    write(&dist.join("_headers"), headers_file(&page.csp).as_bytes())?;

    println!(
        "dist: wrote {DIST_DIR}/index.html and {DIST_DIR}/{versioned} ({} bytes, sha256 {digest}), SHA256SUMS, _headers",
        page.html.len()
    );
    Ok(())
}

/// `cargo build --release` for wasm32 of `selection` (`--bin`, `--package`...), with the
/// flags that make the build reproducible.
fn release_build(project: &Project, selection: &[&str]) -> Result {
    util::run(
        project
            .cmd("cargo")
            .args(["build", "--release", "--target", WASM_TARGET])
            .args(selection)
            .env("CARGO_ENCODED_RUSTFLAGS", reproducible_rustflags(project))
            // `strip = true` would also drop the wasm `target_features` section, and without it
            // wasm-bindgen cannot see which wasm features rustc used and wasm-opt rejects the
            // module (`memory.copy operations require bulk memory`). Debug info is still
            // stripped here, and wasm-opt drops the symbol names.
            .env("CARGO_PROFILE_RELEASE_STRIP", "debuginfo")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_BUILD_RUSTFLAGS"),
    )
}

/// wasm-bindgen must equal the crate in Cargo.lock and wasm-opt the pinned binaryen, or the
/// page would differ from everyone else's build of the same commit.
fn check_tool_versions(project: &Project) -> Result {
    let pins = setup::Pins::read(project)?;
    let bindgen = project.version_line("wasm-bindgen", &["--version"]);
    if bindgen.as_deref().and_then(|l| l.split_whitespace().nth(1))
        != Some(pins.wasm_bindgen.as_str())
    {
        return fail(format!(
            "wasm-bindgen {} is needed, found {bindgen:?}; run `cargo xtask setup`",
            pins.wasm_bindgen
        ));
    }
    let wasm_opt = project
        .version_line("wasm-opt", &["--version"])
        .unwrap_or_default();
    if !wasm_opt.contains(&format!("version {} ", pins.wasm_opt))
        && !wasm_opt.ends_with(&format!("version {}", pins.wasm_opt))
    {
        return fail(format!(
            "wasm-opt (binaryen) {} is needed, found {wasm_opt:?}; run `cargo xtask setup`",
            pins.wasm_opt
        ));
    }
    Ok(())
}

/// cargo's target folder (`CARGO_TARGET_DIR`, else `<root>/target`).
fn target_dir(project: &Project) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => project.root.join(dir),
        _ => project.path("target"),
    }
}

/// `rustc` flags that keep machine-specific absolute paths (the checkout, cargo's registry,
/// the toolchain) out of the wasm: panic locations and debug strings embed source paths.
/// Set as `CARGO_ENCODED_RUSTFLAGS`, which wins over every other rustflags source, so the
/// output does not depend on the caller's environment. (If the project ever needs its own
/// wasm rustflags, add them here: `.cargo/config.toml` rustflags are overridden.)
fn reproducible_rustflags(project: &Project) -> OsString {
    let mut remaps: Vec<(PathBuf, &str)> = vec![(project.root.clone(), "/saml-idp-kit")];
    // Later remaps win when prefixes nest, so the more specific homes come after the checkout.
    remaps.push((project.cargo_home.clone(), "/cargo"));
    // Each crate's sources sit in `<CARGO_HOME>/registry/src/<registry>-<hash>/`, a 50-byte
    // prefix repeated in every panic location of every crate; `/crates` keeps about 6 KB of
    // those strings out of the wasm and the registry's name out of the output.
    if let Ok(entries) = std::fs::read_dir(project.cargo_home.join("registry").join("src")) {
        let mut registries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        registries.sort();
        remaps.extend(registries.into_iter().map(|dir| (dir, "/crates")));
    }
    if let Some(rustup) = rustup_home() {
        remaps.push((rustup, "/rustup"));
    }
    let mut flags = OsString::new();
    for (i, (from, to)) in remaps.iter().enumerate() {
        if i > 0 {
            flags.push("\x1f"); // CARGO_ENCODED_RUSTFLAGS separator
        }
        flags.push("--remap-path-prefix=");
        flags.push(from.as_os_str());
        flags.push("=");
        flags.push(to);
    }
    flags
}

fn rustup_home() -> Option<PathBuf> {
    match std::env::var_os("RUSTUP_HOME") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => std::env::var_os("HOME").map(|home| Path::new(&home).join(".rustup")),
    }
}

/// Fails if the built wasm or JS contains the checkout path or a home folder: that would make
/// the output differ between machines (and leak the builder's paths).
fn check_no_build_paths(project: &Project, staging: &Path) -> Result {
    let mut needles = vec![
        project.root.display().to_string(),
        project.cargo_home.display().to_string(),
    ];
    needles.extend(rustup_home().map(|p| p.display().to_string()));
    let entries =
        std::fs::read_dir(staging).context(|| format!("listing {}", staging.display()))?;
    for entry in entries {
        let path = entry
            .context(|| format!("listing {}", staging.display()))?
            .path();
        let is_output = path
            .extension()
            .is_some_and(|e| e == "wasm" || e == "js" || e == "html" || e == "css");
        if !is_output {
            continue;
        }
        let bytes = std::fs::read(&path).context(|| format!("reading {}", path.display()))?;
        for needle in &needles {
            if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                return fail(format!(
                    "{} contains the build path {needle}; the build would not be reproducible",
                    path.display()
                ));
            }
        }
    }
    Ok(())
}

/// Opens (creating) the lock file; the lock is released when the file is closed.
fn open_lock(path: &Path) -> Result<std::fs::File> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .context(|| format!("opening {}", path.display()))
}

/// `_headers` for Cloudflare Pages / Netlify: every path gets the page's policy as a header.
fn headers_file(csp: &str) -> String {
    format!(
        "/*\n  Content-Security-Policy: {csp}; frame-ancestors 'none'\n  Cross-Origin-Opener-Policy: same-origin\n  Referrer-Policy: no-referrer\n  X-Content-Type-Options: nosniff\n"
    )
}

/// Empties `dir` (or creates it), so no file from an older build survives next to the new ones.
fn recreate_dir(dir: &Path) -> Result {
    if dir.exists() {
        std::fs::remove_dir_all(dir).context(|| format!("removing {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).context(|| format!("creating {}", dir.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    std::fs::write(path, bytes).context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_add_frame_ancestors_and_friends() {
        let text = headers_file("default-src 'none'");
        assert_eq!(
            text,
            "/*\n  Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\n  Cross-Origin-Opener-Policy: same-origin\n  Referrer-Policy: no-referrer\n  X-Content-Type-Options: nosniff\n"
        );
    }
}
