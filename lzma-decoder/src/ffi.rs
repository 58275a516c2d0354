//! The wasm module's interface: the loader grows the memory, copies the stream in, calls
//! [`begin`] with where the stream is and where the output goes, then [`more`] until
//! it returns the whole size; a negative return is an error. One stream at a time.
#![allow(unsafe_code)]

use super::Decoder;
use core::ptr::addr_of_mut;

/// A bounds check that fails is a trap: the loader reports it as a damaged page.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

static mut DECODER: Decoder = Decoder::new();
static mut REGIONS: [(usize, usize); 2] = [(0, 0); 2];

unsafe extern "C" {
    /// Set by the linker: the end of this module's own data and stack; memory from here up is
    /// not used by Rust (this module has no allocator).
    static __heap_base: u8;
}

/// Whether `[start, start + len)` lies in the linear memory above this module's own.
fn free_memory(start: usize, len: usize) -> bool {
    // Only the symbol's address is taken (safe), never its value.
    let heap_base = core::ptr::addr_of!(__heap_base) as usize;
    let end = core::arch::wasm32::memory_size(0).saturating_mul(65536);
    start >= heap_base && start.checked_add(len).is_some_and(|stop| stop <= end)
}

/// Starts decoding the stream at `stream` (`stream_len` bytes) into `out_len` bytes at
/// `out`: two regions of free memory (above this module's own, which the loader grows the
/// memory for) that do not overlap; anything else is refused. 0 on success.
#[unsafe(no_mangle)]
pub extern "C" fn begin(stream: usize, stream_len: usize, out: usize, out_len: usize) -> i32 {
    let disjoint =
        stream.saturating_add(stream_len) <= out || out.saturating_add(out_len) <= stream;
    if !(free_memory(stream, stream_len) && free_memory(out, out_len) && disjoint) {
        return -1;
    }
    // SAFETY: the regions are in memory no Rust value lives in and do not overlap (checked
    // above); a single-threaded module holds no other reference to DECODER or REGIONS while
    // this runs.
    unsafe {
        REGIONS = [(stream, stream_len), (out, out_len)];
        let input = core::slice::from_raw_parts(stream as *const u8, stream_len);
        match (*addr_of_mut!(DECODER)).begin(input, out_len) {
            Ok(()) => 0,
            Err(_) => -2,
        }
    }
}

/// Decodes about `chunk` more bytes; returns the number decoded so far, or a negative
/// number if the stream is damaged.
#[unsafe(no_mangle)]
pub extern "C" fn more(chunk: usize) -> i32 {
    // SAFETY: as in `begin`, whose checked regions these are.
    unsafe {
        let [(stream, stream_len), (out, out_len)] = REGIONS;
        if out_len == 0 && stream_len == 0 {
            return -1;
        }
        let input = core::slice::from_raw_parts(stream as *const u8, stream_len);
        let output = core::slice::from_raw_parts_mut(out as *mut u8, out_len);
        match (*addr_of_mut!(DECODER)).step(input, output, chunk) {
            Ok(done) => i32::try_from(done).unwrap_or(-3),
            Err(_) => -2,
        }
    }
}
