//! Fixtures shared by the native integration tests: fixed keys, a fixed clock and a
//! deterministic random number generator, so outputs can be compared with golden files.
#![allow(dead_code)]

use core::convert::Infallible;
use rand_core::{TryCryptoRng, TryRng};
use saml_idp_kit::pki::{Certificate, CertificateOptions, KeyPair};
use sha2::{Digest, Sha256};

/// 2026-11-29T16:20:00Z: the fixed clock for golden files.
pub const NOW: u64 = 1_795_969_200;

pub const RSA2048_PKCS8: &str = include_str!("../fixtures/rsa2048.key");
pub const RSA2048_PKCS1: &str = include_str!("../fixtures/rsa2048-pkcs1.key");
pub const RSA3072_PKCS8: &str = include_str!("../fixtures/rsa3072.key");
pub const RSA4096_PKCS8: &str = include_str!("../fixtures/rsa4096.key");
pub const RSA1024_PKCS8: &str = include_str!("../fixtures/rsa1024.key");
pub const RSA2048_E3: &str = include_str!("../fixtures/rsa2048-e3.key");
pub const RSA2048_ENCRYPTED: &str = include_str!("../fixtures/rsa2048-encrypted.key");
pub const EC_P256: &str = include_str!("../fixtures/ec-p256.key");
pub const OPENSSL_GUIDE_CERT: &str = include_str!("../fixtures/openssl-guide.crt");

/// A deterministic generator (SHA-256 in counter mode). Only for tests: it makes the serial
/// number, and so every golden output, the same on every run.
pub struct TestRng {
    seed: [u8; 32],
    counter: u64,
}

impl TestRng {
    pub fn new(seed: &str) -> TestRng {
        TestRng {
            seed: Sha256::digest(seed.as_bytes()).into(),
            counter: 0,
        }
    }
}

impl TryRng for TestRng {
    type Error = Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        let mut bytes = [0u8; 4];
        self.try_fill_bytes(&mut bytes)?;
        Ok(u32::from_le_bytes(bytes))
    }

    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let mut bytes = [0u8; 8];
        self.try_fill_bytes(&mut bytes)?;
        Ok(u64::from_le_bytes(bytes))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        for chunk in dst.chunks_mut(32) {
            let mut hasher = Sha256::new();
            hasher.update(self.seed);
            hasher.update(self.counter.to_le_bytes());
            self.counter += 1;
            let block = hasher.finalize();
            chunk.copy_from_slice(&block[..chunk.len()]);
        }
        Ok(())
    }
}

impl TryCryptoRng for TestRng {}

/// A generator that always fails, as a browser without secure randomness would.
pub struct BrokenRng;

impl TryRng for BrokenRng {
    type Error = std::io::Error;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Err(std::io::Error::other("no randomness"))
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        Err(std::io::Error::other("no randomness"))
    }

    fn try_fill_bytes(&mut self, _dst: &mut [u8]) -> Result<(), Self::Error> {
        Err(std::io::Error::other("no randomness"))
    }
}

impl TryCryptoRng for BrokenRng {}

pub fn fixed_key() -> KeyPair {
    match KeyPair::from_pem(RSA2048_PKCS8) {
        Ok(key) => key,
        Err(error) => panic!("fixture key must load: {error}"),
    }
}

pub fn certificate_with(options: &CertificateOptions) -> Certificate {
    match Certificate::issue(&fixed_key(), options, NOW, &mut TestRng::new("serial")) {
        Ok(certificate) => certificate,
        Err(error) => panic!("fixture certificate must issue: {error}"),
    }
}

pub fn fixed_certificate() -> Certificate {
    certificate_with(&CertificateOptions::default())
}

/// A scratch folder under target/ for files handed to the openssl CLI.
pub fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(error) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {error}", dir.display());
    }
    dir
}
