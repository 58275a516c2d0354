//! The page's LZMA decoder. `cargo xtask dist` compresses the app's wasm with LZMA (the
//! "alone" format: a 13-byte header, then the range-coded data) because it comes out about a
//! fifth smaller than deflate, and builds this crate to a small wasm module of its own that the
//! page's loader runs to unpack it (docs/size.md has the figures). xtask also links it
//! natively, so every stream a page carries has been decoded by this code before it ships.
//!
//! Written after the LZMA specification's reference decoder (`LzmaSpec.cpp` in the LZMA SDK,
//! public domain). Decoding is resumable ([`Decoder::step`]) so the loader can hand each piece
//! to `WebAssembly.compileStreaming` while it decodes the next. Safe Rust except the `ffi`
//! module, which is the wasm module's interface to JavaScript.
#![cfg_attr(target_arch = "wasm32", no_std)]

use core::fmt;

/// Why a stream cannot be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// The header is missing or says something this decoder does not do (no size, lc + lp > 4).
    Header,
    /// The data does not decode to the size the header gives.
    Corrupt,
    /// The output buffer is not the size the header gives.
    OutputSize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Error::Header => "the LZMA header is missing or unsupported",
            Error::Corrupt => "the LZMA data is damaged",
            Error::OutputSize => "the output is not the size the LZMA header gives",
        })
    }
}

/// Length of the "alone" header: properties byte, dictionary size, 64-bit decoded size.
pub const HEADER_LEN: usize = 13;
/// The highest lc + lp this decoder accepts (as LZMA2 does), which bounds [`PROBS`].
pub const MAX_LC_PLUS_LP: u32 = 4;

// Where each group of adaptive probabilities starts in [`Decoder::probs`]; the sizes follow
// the specification (12 states, up to 16 position states, 4 length-to-position states).
const IS_MATCH: usize = 0;
const IS_REP: usize = IS_MATCH + 12 * 16;
const IS_REP_G0: usize = IS_REP + 12;
const IS_REP_G1: usize = IS_REP_G0 + 12;
const IS_REP_G2: usize = IS_REP_G1 + 12;
const IS_REP0_LONG: usize = IS_REP_G2 + 12;
const POS_SLOT: usize = IS_REP0_LONG + 12 * 16;
const POS_SPECIAL: usize = POS_SLOT + 4 * 64;
const ALIGN: usize = POS_SPECIAL + 114;
// A length coder: choice, choice 2, low[16][8], mid[16][8], high[256].
const LEN_CODER: usize = 2 + 16 * 8 + 16 * 8 + 256;
const MATCH_LEN: usize = ALIGN + 16;
const REP_LEN: usize = MATCH_LEN + LEN_CODER;
const LITERAL: usize = REP_LEN + LEN_CODER;
/// Number of adaptive probabilities for the largest lc + lp accepted.
pub const PROBS: usize = LITERAL + (0x300 << MAX_LC_PLUS_LP);
/// The probabilities' array: [`PROBS`] rounded up to a power of two, so that an index masked
/// with `PROBS_CAPACITY - 1` needs no bounds check in the hot loop (every index is below
/// [`PROBS`] anyway).
pub(crate) const PROBS_CAPACITY: usize = PROBS.next_power_of_two();

const PROB_INIT: u16 = 1 << 10;
const TOP: u32 = 1 << 24;

/// The size of the decoded data, from the header.
pub fn decoded_size(stream: &[u8]) -> Result<usize, Error> {
    let Some(size) = stream.get(5..HEADER_LEN) else {
        return Err(Error::Header);
    };
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(size);
    // All ones means "unknown size, end marker": not produced by xtask, not accepted here.
    usize::try_from(u64::from_le_bytes(bytes)).map_err(|_| Error::Header)
}

/// Decodes `stream` into `out`, which must be the size its header gives.
pub fn decode(stream: &[u8], out: &mut [u8]) -> Result<(), Error> {
    let mut decoder = Decoder::new();
    decoder.begin(stream, out.len())?;
    while decoder.step(stream, out, usize::MAX)? < out.len() {}
    Ok(())
}

/// A resumable LZMA decoder: [`Decoder::begin`], then [`Decoder::step`] until it returns the
/// whole size.
pub struct Decoder {
    probs: [u16; PROBS_CAPACITY],
    lc: u32,
    lp_mask: usize,
    pb_mask: usize,
    size: usize,
    // The range coder.
    pos: usize,
    range: u32,
    code: u32,
    // The decoder's state machine, the last four distances and the bytes decoded so far.
    state: usize,
    reps: [usize; 4],
    done: usize,
}

impl Default for Decoder {
    fn default() -> Self {
        Self::new()
    }
}

impl Decoder {
    /// A decoder with nothing to decode yet. (Its probabilities are set by [`Decoder::begin`]:
    /// zeros here keep the wasm module's static decoder out of its data section.)
    pub const fn new() -> Decoder {
        Decoder {
            probs: [0; PROBS_CAPACITY],
            lc: 0,
            lp_mask: 0,
            pb_mask: 0,
            size: 0,
            pos: 0,
            range: 0,
            code: 0,
            state: 0,
            reps: [0; 4],
            done: 0,
        }
    }

    /// Reads the header of `stream` and starts decoding it into an output of `out_len` bytes.
    pub fn begin(&mut self, stream: &[u8], out_len: usize) -> Result<(), Error> {
        let &props = stream.first().ok_or(Error::Header)?;
        if props >= 9 * 5 * 5 {
            return Err(Error::Header);
        }
        let (lc, lp, pb) = (
            u32::from(props % 9),
            u32::from(props / 9 % 5),
            u32::from(props / 45),
        );
        if lc + lp > MAX_LC_PLUS_LP {
            return Err(Error::Header);
        }
        if decoded_size(stream)? != out_len {
            return Err(Error::OutputSize);
        }
        // The range coder's first byte is always 0, then 4 bytes of code.
        let Some(&[0, a, b, c, d]) = stream.get(HEADER_LEN..HEADER_LEN + 5) else {
            return Err(Error::Corrupt);
        };
        self.probs.fill(PROB_INIT);
        self.lc = lc;
        self.lp_mask = (1 << lp) - 1;
        self.pb_mask = (1 << pb) - 1;
        self.size = out_len;
        self.pos = HEADER_LEN + 5;
        self.range = u32::MAX;
        self.code = u32::from_be_bytes([a, b, c, d]);
        self.state = 0;
        self.reps = [0; 4];
        self.done = 0;
        Ok(())
    }

    /// Decodes at least `chunk` more bytes (a match may run a little past it) or up to the
    /// end, into `out` (the whole output, the same slice every time). Returns how many bytes
    /// of `out` are decoded so far.
    pub fn step(&mut self, stream: &[u8], out: &mut [u8], chunk: usize) -> Result<usize, Error> {
        if out.len() != self.size {
            return Err(Error::OutputSize);
        }
        let limit = self.size.min(self.done.saturating_add(chunk));
        let mut rc = RangeDecoder {
            stream,
            pos: self.pos,
            range: self.range,
            code: self.code,
        };
        let probs = &mut self.probs;
        let (lc, lp_mask, pb_mask) = (self.lc, self.lp_mask, self.pb_mask);
        let [mut rep0, mut rep1, mut rep2, mut rep3] = self.reps;
        let (mut state, mut n) = (self.state, self.done);
        while n < limit {
            let pos_state = n & pb_mask;
            if rc.bit(probs, IS_MATCH + (state << 4) + pos_state) == 0 {
                let prev = if n > 0 { usize::from(out[n - 1]) } else { 0 };
                let base = LITERAL + 0x300 * (((n & lp_mask) << lc) + (prev >> (8 - lc)));
                let mut symbol = 1usize;
                if state >= 7 {
                    // After a match, the byte at the last distance steers the first bits.
                    let mut matched = usize::from(out[n - rep0 - 1]);
                    while symbol < 0x100 {
                        let match_bit = (matched >> 7) & 1;
                        matched <<= 1;
                        let bit = rc.bit(probs, base + ((1 + match_bit) << 8) + symbol) as usize;
                        symbol = (symbol << 1) | bit;
                        if match_bit != bit {
                            break;
                        }
                    }
                }
                while symbol < 0x100 {
                    symbol = (symbol << 1) | rc.bit(probs, base + symbol) as usize;
                }
                out[n] = (symbol - 0x100) as u8;
                n += 1;
                state = match state {
                    0..4 => 0,
                    4..10 => state - 3,
                    _ => state - 6,
                };
                continue;
            }
            let len = if rc.bit(probs, IS_REP + state) != 0 {
                if n == 0 {
                    return Err(Error::Corrupt);
                }
                if rc.bit(probs, IS_REP_G0 + state) == 0 {
                    if rc.bit(probs, IS_REP0_LONG + (state << 4) + pos_state) == 0 {
                        // A single byte from the last distance.
                        state = if state < 7 { 9 } else { 11 };
                        out[n] = out[n - rep0 - 1];
                        n += 1;
                        continue;
                    }
                } else {
                    let distance = if rc.bit(probs, IS_REP_G1 + state) == 0 {
                        rep1
                    } else {
                        let distance = if rc.bit(probs, IS_REP_G2 + state) == 0 {
                            rep2
                        } else {
                            let distance = rep3;
                            rep3 = rep2;
                            distance
                        };
                        rep2 = rep1;
                        distance
                    };
                    rep1 = rep0;
                    rep0 = distance;
                }
                state = if state < 7 { 8 } else { 11 };
                rc.length(probs, REP_LEN, pos_state)
            } else {
                rep3 = rep2;
                rep2 = rep1;
                rep1 = rep0;
                let len = rc.length(probs, MATCH_LEN, pos_state);
                state = if state < 7 { 7 } else { 10 };
                rep0 = rc.distance(probs, len);
                if rep0 >= n {
                    // Before the start (the end marker, all ones, included: the size is known).
                    return Err(Error::Corrupt);
                }
                len
            };
            let len = len + 2;
            if len > self.size - n {
                return Err(Error::Corrupt);
            }
            let from = n - rep0 - 1;
            // Byte by byte: source and destination overlap when the distance is short.
            for i in 0..len {
                out[n + i] = out[from + i];
            }
            n += len;
        }
        if rc.pos > stream.len() {
            return Err(Error::Corrupt);
        }
        (self.pos, self.range, self.code) = (rc.pos, rc.range, rc.code);
        (self.state, self.reps, self.done) = (state, [rep0, rep1, rep2, rep3], n);
        Ok(n)
    }
}

#[cfg(target_arch = "wasm32")]
pub mod ffi;
mod range;

use range::RangeDecoder;
