//! The decoder against lzma-rust2's encoder (a port of XZ for Java's), on the kinds of data and
//! the settings `cargo xtask dist` uses and on the ones it does not.
#![allow(clippy::unwrap_used)]

use lzma_rust2::{LzmaOptions, LzmaWriter};
use std::io::Write;

fn compress(data: &[u8], lc: u32, lp: u32, pb: u32, preset: u32) -> Vec<u8> {
    let mut options = LzmaOptions::with_preset(preset);
    (options.lc, options.lp, options.pb) = (lc, lp, pb);
    write(data, &options)
}

/// `data` at preset 9, lc 4, lp 0, pb 0 with the longest match search: the settings `cargo
/// xtask dist` uses for the page's wasm today. Its real settings (`lzma_options` in
/// xtask/src/dist/page/code.rs) are decoded by xtask's own test and by every dist build.
fn compress_longest(data: &[u8]) -> Vec<u8> {
    let mut options = LzmaOptions::with_preset(9);
    (options.lc, options.lp, options.pb) = (4, 0, 0);
    options.nice_len = LzmaOptions::NICE_LEN_MAX;
    write(data, &options)
}

fn write(data: &[u8], options: &LzmaOptions) -> Vec<u8> {
    let mut writer =
        LzmaWriter::new_use_header(Vec::new(), options, Some(data.len() as u64)).unwrap();
    writer.write_all(data).unwrap();
    writer.finish().unwrap()
}

/// A deterministic mix of text, repeats, near-repeats and noise, like a wasm module's sections.
fn sample(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut data = Vec::with_capacity(len);
    while data.len() < len {
        match next() % 4 {
            0 => data.extend_from_slice(b"function call_indirect local.get i32.const "),
            1 if data.len() > 300 => {
                let from = data.len() - 1 - (next() as usize % 300);
                for i in 0..(next() as usize % 40) {
                    let byte = data[from + i];
                    data.push(byte);
                }
            }
            2 => data.extend((0..next() % 16).map(|_| next() as u8)),
            _ => data.push(b'a' + (next() % 3) as u8),
        }
    }
    data.truncate(len);
    data
}

fn decode(stream: &[u8]) -> Result<Vec<u8>, lzma_decoder::Error> {
    let mut out = vec![0; lzma_decoder::decoded_size(stream)?];
    lzma_decoder::decode(stream, &mut out)?;
    Ok(out)
}

#[test]
fn decodes_what_the_encoder_wrote_for_every_supported_setting() {
    let data = sample(40_000, 7);
    for (lc, lp, pb) in [
        (3, 0, 2),
        (3, 0, 0),
        (0, 0, 0),
        (4, 0, 0),
        (0, 4, 4),
        (1, 3, 1),
        (2, 2, 3),
    ] {
        for preset in [1, 9] {
            let stream = compress(&data, lc, lp, pb, preset);
            assert_eq!(
                decode(&stream).unwrap(),
                data,
                "lc {lc} lp {lp} pb {pb} preset {preset}"
            );
        }
    }
}

#[test]
fn decodes_empty_tiny_and_incompressible_data() {
    for data in [
        Vec::new(),
        vec![0],
        b"abcabcabcabcabcabc".to_vec(),
        sample(3, 1),
    ] {
        assert_eq!(decode(&compress_longest(&data)).unwrap(), data);
    }
    let noise: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_eq!(decode(&compress_longest(&noise)).unwrap(), noise);
    // Long runs: the longest matches (273 bytes) and distances of one.
    let runs = [vec![0u8; 70_000], vec![0xAB; 300], sample(5_000, 3)].concat();
    assert_eq!(decode(&compress_longest(&runs)).unwrap(), runs);
}

#[test]
fn steps_of_any_size_give_the_same_bytes_as_one_call() {
    let data = sample(200_000, 11);
    let stream = compress_longest(&data);
    for chunk in [1, 7, 4096, 65_536, 1 << 20] {
        let mut decoder = lzma_decoder::Decoder::new();
        let mut out = vec![0; data.len()];
        decoder.begin(&stream, out.len()).unwrap();
        let mut done = 0;
        let mut calls = 0;
        while done < out.len() {
            let next = decoder.step(&stream, &mut out, chunk).unwrap();
            assert!(
                next > done && next >= (done + chunk).min(out.len()),
                "chunk {chunk}: {done} -> {next}"
            );
            done = next;
            calls += 1;
        }
        assert_eq!(out, data, "chunk {chunk}");
        // A step stops after the symbol that reaches `chunk`: a match is at most 273 bytes.
        assert!(
            calls >= data.len() / (chunk + 273),
            "chunk {chunk}: {calls} calls"
        );
    }
}

#[test]
fn refuses_damaged_streams_and_wrong_sizes_without_panicking() {
    let data = sample(30_000, 5);
    let stream = compress_longest(&data);
    // Header problems.
    assert_eq!(decode(&[]), Err(lzma_decoder::Error::Header));
    assert_eq!(decode(&stream[..12]), Err(lzma_decoder::Error::Header));
    let mut bad_props = stream.clone();
    bad_props[0] = 225;
    assert_eq!(decode(&bad_props), Err(lzma_decoder::Error::Header));
    let mut wide = stream.clone();
    wide[0] = 5; // lc 5, lp 0, pb 0
    assert_eq!(decode(&wide), Err(lzma_decoder::Error::Header));
    let mut unknown = stream.clone();
    unknown[5..13].fill(0xFF);
    let mut out = vec![0; data.len()];
    assert_eq!(
        lzma_decoder::decode(&unknown, &mut out),
        Err(lzma_decoder::Error::OutputSize)
    );
    assert_eq!(
        lzma_decoder::decode(&stream, &mut out[1..]),
        Err(lzma_decoder::Error::OutputSize)
    );
    // Truncated: never the original bytes without an error.
    for cut in [14, 18, 100, stream.len() / 2, stream.len() - 1] {
        assert!(
            decode(&stream[..cut]).is_err_and(|e| e == lzma_decoder::Error::Corrupt),
            "cut at {cut}"
        );
    }
    // Flipped bytes: an error or other bytes, never a panic.
    let mut changed = 0;
    for at in (18..stream.len()).step_by(97) {
        let mut damaged = stream.clone();
        damaged[at] ^= 0x5A;
        match decode(&damaged) {
            Ok(bytes) => assert_ne!(bytes, data, "flip at {at}"),
            Err(_) => changed += 1,
        }
    }
    assert!(changed > 0);
}
