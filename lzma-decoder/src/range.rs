//! The range decoder (LZMA specification, "The range decoder"), over the whole stream.

use crate::{ALIGN, POS_SLOT, POS_SPECIAL, PROBS_CAPACITY, TOP};

/// The range decoder over the stream; reading past its end gives zeros, which
/// [`Decoder::step`] then reports as damage.
pub(crate) struct RangeDecoder<'a> {
    pub(crate) stream: &'a [u8],
    pub(crate) pos: usize,
    pub(crate) range: u32,
    pub(crate) code: u32,
}

impl RangeDecoder<'_> {
    #[inline(always)]
    fn normalize(&mut self) {
        if self.range < TOP {
            self.range <<= 8;
            self.code =
                (self.code << 8) | u32::from(self.stream.get(self.pos).copied().unwrap_or(0));
            self.pos += 1;
        }
    }

    /// One bit with the adaptive probability `probs[i]`, which it updates.
    #[inline(always)]
    pub(crate) fn bit(&mut self, probs: &mut [u16; PROBS_CAPACITY], i: usize) -> u32 {
        let i = i & (PROBS_CAPACITY - 1);
        let p = u32::from(probs[i]);
        let bound = (self.range >> 11) * p;
        let bit = if self.code < bound {
            self.range = bound;
            probs[i] = (p + ((2048 - p) >> 5)) as u16;
            0
        } else {
            self.range -= bound;
            self.code -= bound;
            probs[i] = (p - (p >> 5)) as u16;
            1
        };
        self.normalize();
        bit
    }

    /// `bits` bits, most significant first, through a binary tree of probabilities at `base`.
    #[inline(always)]
    fn tree(&mut self, probs: &mut [u16; PROBS_CAPACITY], base: usize, bits: u32) -> usize {
        let mut m = 1usize;
        for _ in 0..bits {
            m = (m << 1) | self.bit(probs, base + m) as usize;
        }
        m - (1 << bits)
    }

    /// `bits` bits, least significant first, through a binary tree at `base`.
    #[inline(always)]
    fn reverse(&mut self, probs: &mut [u16; PROBS_CAPACITY], base: usize, bits: u32) -> usize {
        let (mut m, mut symbol) = (1usize, 0usize);
        for i in 0..bits {
            let bit = self.bit(probs, base + m) as usize;
            m = (m << 1) | bit;
            symbol |= bit << i;
        }
        symbol
    }

    /// A match length minus 2, from the length coder at `base`.
    #[inline(always)]
    pub(crate) fn length(
        &mut self,
        probs: &mut [u16; PROBS_CAPACITY],
        base: usize,
        pos_state: usize,
    ) -> usize {
        if self.bit(probs, base) == 0 {
            self.tree(probs, base + 2 + pos_state * 8, 3)
        } else if self.bit(probs, base + 1) == 0 {
            8 + self.tree(probs, base + 2 + 16 * 8 + pos_state * 8, 3)
        } else {
            16 + self.tree(probs, base + 2 + 2 * 16 * 8, 8)
        }
    }

    /// A match distance minus 1, for a match of `len` + 2 bytes.
    pub(crate) fn distance(&mut self, probs: &mut [u16; PROBS_CAPACITY], len: usize) -> usize {
        let slot = self.tree(probs, POS_SLOT + len.min(3) * 64, 6);
        if slot < 4 {
            return slot;
        }
        let direct = (slot as u32 >> 1) - 1;
        let distance = (2 | (slot & 1)) << direct;
        if slot < 14 {
            return distance + self.reverse(probs, POS_SPECIAL + distance - slot, direct);
        }
        let mut high = 0usize;
        for _ in 0..direct - 4 {
            self.range >>= 1;
            let bit = usize::from(self.code >= self.range);
            if bit == 1 {
                self.code -= self.range;
            }
            high = (high << 1) | bit;
            self.normalize();
        }
        distance
            .wrapping_add(high << 4)
            .wrapping_add(self.reverse(probs, ALIGN, 4))
    }
}
