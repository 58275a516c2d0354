// Loader (cargo xtask dist). The page's wasm sits in the data block #wasm-data, compressed with
// LZMA and in base64 (about a fifth smaller than deflate; docs/size.md). This classic script
// runs as soon as the parser has read it: it unpacks the wasm with the page's own LZMA decoder,
// a wasm module of a few KB built from lzma-decoder/ and inlined below as base64, and hands each
// unpacked piece to WebAssembly.compileStreaming, which compiles on the engine's own threads
// while the next piece is unpacked and the module script is parsed. The module script
// instantiates the result. Runs in two places: the page, and the key worker
// (src/browser/worker.rs puts `const EMBEDDED_WASM = "…";`, this text and the module script's
// text into one classic worker script), so it declares nothing at the top level; what it makes
// is `globalThis.samlIdpKitWasm`.
(() => {
  "use strict";
  const inPage = typeof document !== "undefined";
  // Minimum versions: WebAssembly reference types, which rustc's wasm32 target uses by default,
  // since Chrome 96, Firefox 79, Safari 15.1
  // (https://web-platform-dx.github.io/web-features-explorer/features/wasm-reference-types).
  const unsupported = (why) => {
    const text = `SAML IdP Kit needs a newer browser: Chrome or Edge 96, Firefox 79 or Safari 15.1, or later (${why}). Nothing was sent anywhere.`;
    if (!inPage) throw new Error(text);
    const show = () => {
      const message = document.createElement("p");
      message.id = "unsupported";
      message.setAttribute("role", "alert");
      message.textContent = text;
      document.body.prepend(message);
    };
    if (document.body) show();
    else addEventListener("DOMContentLoaded", show);
  };
  globalThis.samlIdpKitUnsupported = unsupported;
  if (typeof WebAssembly !== "object" || typeof ReadableStream !== "function") {
    unsupported("this one has no WebAssembly or no ReadableStream");
    return;
  }
  const fromBase64 = (text) => (typeof Uint8Array.fromBase64 === "function"
    ? Uint8Array.fromBase64(text)
    : Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));
  // eslint-disable-next-line no-undef -- declared before this text in the key worker only
  const packed = fromBase64(inPage ? document.getElementById("wasm-data").textContent : EMBEDDED_WASM);
  // The decoder (lzma-decoder/): exports its memory, begin(stream, streamLength, out, outLength)
  // and more(pieceLength), which returns the bytes unpacked so far or a negative number.
  const decoderBytes = fromBase64("UNLZMA_WASM_BASE64");
  // Compiled and instantiated at once: it is a few KB, and the answer of an asynchronous compile
  // waited 3-20 ms behind the parser's work, with the main thread otherwise idle (headless
  // Chromium, docs/speed.md). Older Chromium refuses a synchronous compile over 4 KB on the
  // main thread (current versions: over 8 MB; the RangeError names the limit, as quoted in
  // https://github.com/napi-rs/napi-rs/issues/2513); there the asynchronous one is used.
  const decoder = () => {
    try {
      return new WebAssembly.Instance(new WebAssembly.Module(decoderBytes));
    } catch {
      return WebAssembly.instantiate(decoderBytes).then(({ instance }) => instance);
    }
  };
  // The LZMA header's bytes 5 to 12: the unpacked size, little-endian (under 4 GiB here).
  const size = (packed[5] | (packed[6] << 8) | (packed[7] << 16) | (packed[8] << 24)) >>> 0;
  // About 5 ms of unpacking per piece, so compilation starts early and keeps up.
  const PIECE = 128 * 1024;
  const damaged = () => new Error("the page's embedded code is damaged (it does not unpack)");
  // A stream made here, not Blob.stream(): WebKit's worker fails to read a Blob's stream when
  // the page was opened from file:// (NotReadableError). Each stream has its own decoder.
  const unpacked = () => {
    let more, heap, out, done = 0;
    return new ReadableStream({
      async start() {
        const { exports } = await decoder();
        const { memory } = exports;
        const at = memory.buffer.byteLength;
        memory.grow(Math.ceil((packed.length + size) / 65536));
        heap = new Uint8Array(memory.buffer);
        heap.set(packed, at);
        out = at + packed.length;
        if (exports.begin(at, packed.length, out, size) !== 0) throw damaged();
        more = exports.more;
      },
      pull(controller) {
        const next = more(PIECE);
        if (next <= done) throw damaged();
        controller.enqueue(heap.slice(out + done, out + next));
        done = next;
        if (done === size) controller.close();
      },
    });
  };
  const compileBytes = () => new Response(unpacked()).arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
  globalThis.samlIdpKitWasm = typeof WebAssembly.compileStreaming === "function"
    ? WebAssembly.compileStreaming(new Response(unpacked(), { headers: { "Content-Type": "application/wasm" } }))
      .catch(compileBytes)
    : compileBytes();
  if (inPage) {
    // A browser that could not even parse the module script never sets this.
    addEventListener("load", () => {
      if (!globalThis.samlIdpKitStarted) unsupported("it could not run the page's module script");
    });
  }
})();
