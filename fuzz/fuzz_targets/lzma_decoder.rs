//! The page's LZMA decoder on arbitrary bytes: never a panic or a hang, whatever the header
//! says (the output is capped so a header's size cannot exhaust memory).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(size) = lzma_decoder::decoded_size(data) else {
        return;
    };
    if size > 1 << 20 {
        return;
    }
    let mut out = vec![0; size];
    let mut decoder = lzma_decoder::Decoder::new();
    if decoder.begin(data, size).is_err() {
        return;
    }
    // Small steps, so resuming is fuzzed too; every step makes progress or fails.
    let mut done = 0;
    while done < size {
        match decoder.step(data, &mut out, 97) {
            Ok(next) => {
                assert!(next > done);
                done = next;
            }
            Err(_) => return,
        }
    }
});
