//! Records the source commit for the page's About panel.
//!
//! The commit comes from `SAML_IDP_KIT_COMMIT` when set (for builds from a source archive), else
//! from `git rev-parse HEAD`, else "unknown". Nothing else about the build machine (time, paths,
//! user) is recorded, so two builds of one commit stay byte-identical.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=SAML_IDP_KIT_COMMIT");
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/refs/heads");
    let commit = std::env::var("SAML_IDP_KIT_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| {
            Command::new("git")
                .args(["rev-parse", "HEAD"])
                .output()
                .ok()
                .filter(|out| out.status.success())
                .and_then(|out| String::from_utf8(out.stdout).ok())
        })
        .map(|c| c.trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=SAML_IDP_KIT_COMMIT={commit}");
}
