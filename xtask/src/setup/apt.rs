//! The Debian packages the tests need (browsers, drivers, Xvfb, OpenSSL, xmlsec1, xmllint),
//! installed with apt-get as root, or through passwordless `sudo` for a user who has it (a CI
//! runner's user does).

use super::missing_system_packages;
use crate::util::{self, Project, Result, fail};

/// The apt packages (browsers, drivers, Xvfb, OpenSSL, xmlsec1, xmllint) when missing: as root
/// with apt-get, else through passwordless `sudo` (a CI runner's user has it). Where neither
/// works we say exactly what to install; `cargo xtask test` then fails on the check in
/// [`require_tools`], while `serve` and `dist` (which do not need them) go on.
pub(super) fn system_tools(project: &Project) -> Result {
    let missing = missing_system_packages(project);
    if missing.is_empty() {
        println!(
            "setup: chromium, chromedriver, firefox-esr, WebKitWebDriver, xvfb, openssl, xmlsec1, xmllint: installed"
        );
        return Ok(());
    }
    let is_root = util::capture(project.cmd("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0");
    let sudo_works = !is_root
        && project.which("sudo").is_some()
        && util::capture(project.cmd("sudo").args(["-n", "true"])).is_ok();
    let prefix = apt_prefix(is_root, sudo_works);
    let (Some(prefix), Some(_)) = (prefix, project.which("apt-get")) else {
        println!(
            "setup: WARNING: missing {}. The browser tests need them; install them, e.g.\n    sudo apt-get install -y {}",
            missing.join(", "),
            missing.join(" ")
        );
        return Ok(());
    };
    let apt_get = |args: &[&str]| {
        let mut cmd = project.cmd(prefix.first().copied().unwrap_or("apt-get"));
        cmd.args(prefix.iter().skip(1)).args(args);
        cmd.env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    println!("setup: installing {} with apt-get", missing.join(", "));
    util::run(&mut apt_get(&["update"]))?;
    util::run(apt_get(&["install", "-y"]).args(&missing))?;
    let still_missing = missing_system_packages(project);
    if still_missing.is_empty() {
        Ok(())
    } else {
        fail(format!(
            "after apt-get install, still missing {}",
            still_missing.join(", ")
        ))
    }
}

/// The command line apt-get runs under: itself as root; `sudo -n env
/// DEBIAN_FRONTEND=noninteractive apt-get` for a user with passwordless sudo (`-n`: fail rather
/// than wait for a password; sudo drops the environment, `env` sets the variable again);
/// `None` where neither works.
fn apt_prefix(is_root: bool, sudo_works: bool) -> Option<&'static [&'static str]> {
    if is_root {
        Some(&["apt-get"])
    } else if sudo_works {
        Some(&[
            "sudo",
            "-n",
            "env",
            "DEBIAN_FRONTEND=noninteractive",
            "apt-get",
        ])
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::apt_prefix;

    #[test]
    fn apt_get_runs_as_root_or_through_passwordless_sudo() {
        assert_eq!(apt_prefix(true, false), Some(&["apt-get"][..]));
        assert_eq!(apt_prefix(true, true), Some(&["apt-get"][..]));
        let sudo = apt_prefix(false, true);
        assert_eq!(
            sudo,
            Some(
                &[
                    "sudo",
                    "-n",
                    "env",
                    "DEBIAN_FRONTEND=noninteractive",
                    "apt-get"
                ][..]
            )
        );
        assert_eq!(apt_prefix(false, false), None);
    }
}
