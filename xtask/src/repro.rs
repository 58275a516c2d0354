//! `cargo xtask repro`: shows that the release page is reproducible. It clones the repository
//! into two different folders, builds `dist/` in each with its own empty `CARGO_HOME` (so crates
//! are fetched and compiled under different paths), and compares the bytes of
//! `dist/index.html` with each other and with this checkout's `dist/` when that is current.
//!
//! It takes a few minutes per build, so it is a separate command rather than a stage of `test`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{self, Project, Result, fail};

/// One build: where it was made and the hash of its page.
struct Build {
    checkout: PathBuf,
    sha256: String,
}

fn build_in(project: &Project, base: &Path, name: &str) -> Result<Build> {
    let checkout = base.join(format!("checkout-{name}"));
    let cargo_home = base.join(format!("cargo-home-{name}"));
    println!(
        "repro: build {name}: cloning into {} (CARGO_HOME {})",
        checkout.display(),
        cargo_home.display()
    );
    // A clone holds the committed tree only: uncommitted edits would make the comparison moot.
    util::run(
        project
            .cmd("git")
            .args(["clone", "--quiet", "--no-hardlinks"])
            .arg(project.path("."))
            .arg(&checkout),
    )?;
    util::run(
        Command::new("cargo")
            .args(["xtask", "dist"])
            .current_dir(&checkout)
            .env("CARGO_HOME", &cargo_home)
            .env_remove("CARGO_TARGET_DIR"),
    )?;
    let page = std::fs::read(checkout.join("dist/index.html"))
        .map_err(|e| util::Error::from_msg(format!("reading build {name}'s page: {e}")))?;
    Ok(Build {
        checkout,
        sha256: util::hex(&util::sha256(&page)),
    })
}

/// Builds twice in two folders and fails unless both pages are byte-identical.
pub fn run(project: &Project) -> Result {
    let base = std::env::temp_dir().join(format!("saml-idp-kit-repro-{}", std::process::id()));
    if base.exists() {
        return fail(format!(
            "{} already exists; remove it first",
            base.display()
        ));
    }
    let a = build_in(project, &base, "a")?;
    let b = build_in(project, &base, "b")?;
    println!("repro: {}  {}", a.sha256, a.checkout.display());
    println!("repro: {}  {}", b.sha256, b.checkout.display());
    if a.sha256 != b.sha256 {
        return fail(format!(
            "the two builds differ; both are kept under {} for comparison",
            base.display()
        ));
    }
    match std::fs::read(project.path("dist/index.html")) {
        Ok(ours) if util::hex(&util::sha256(&ours)) == a.sha256 => {
            println!("repro: this checkout's dist/index.html has the same hash");
        }
        Ok(_) => println!(
            "repro: note: this checkout's dist/index.html differs (built from other sources?)"
        ),
        Err(_) => println!("repro: note: this checkout has no dist/index.html to compare"),
    }
    // Only a passing run cleans up; a failing one leaves both trees to diff.
    let _ = std::fs::remove_dir_all(&base);
    println!("repro: OK, two folders and two CARGO_HOMEs gave byte-identical pages");
    Ok(())
}
