// Loader (cargo xtask dist). The page's wasm sits in the data block #wasm-data, deflated and in
// base64; this classic script runs as soon as the parser has read it, and starts inflating it
// (DecompressionStream) and compiling it (WebAssembly.compileStreaming, on the engine's own
// threads) while the module script after it is parsed. The module script instantiates the
// result. Runs in two places: the page, and the key worker (src/browser/worker.rs puts
// `const EMBEDDED_WASM = "…";`, this text and the module script's text into one classic
// worker script), so it declares nothing at the top level; what it makes is
// `globalThis.samlIdpKitWasm`.
(() => {
  "use strict";
  const inPage = typeof document !== "undefined";
  // Minimum versions: DecompressionStream since Chrome 80, Firefox 113, Safari 16.4
  // (https://web-platform-dx.github.io/web-features-explorer/features/compression-streams);
  // WebAssembly reference types, which rustc's wasm32 target uses by default, since Chrome 96,
  // Firefox 79, Safari 15.1
  // (https://web-platform-dx.github.io/web-features-explorer/features/wasm-reference-types).
  const unsupported = (why) => {
    const text = `SAML IdP Kit needs a newer browser: Chrome or Edge 96, Firefox 113 or Safari 16.4, or later (${why}). Nothing was sent anywhere.`;
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
  if (typeof DecompressionStream !== "function" || typeof WebAssembly !== "object") {
    unsupported("this one has no DecompressionStream or WebAssembly");
    return;
  }
  // eslint-disable-next-line no-undef -- declared before this text in the key worker only
  const base64 = inPage ? document.getElementById("wasm-data").textContent : EMBEDDED_WASM;
  const packed = typeof Uint8Array.fromBase64 === "function"
    ? Uint8Array.fromBase64(base64)
    : Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  // A stream made here, not Blob.stream(): WebKit's worker fails to read a Blob's stream when
  // the page was opened from file:// (NotReadableError).
  const inflated = () => new ReadableStream({
    start(controller) {
      controller.enqueue(packed);
      controller.close();
    },
  }).pipeThrough(new DecompressionStream("deflate"));
  const compileBytes = () => new Response(inflated()).arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
  globalThis.samlIdpKitWasm = typeof WebAssembly.compileStreaming === "function"
    ? WebAssembly.compileStreaming(new Response(inflated(), { headers: { "Content-Type": "application/wasm" } }))
      .catch(compileBytes)
    : compileBytes();
  if (inPage) {
    // A browser that could not even parse the module script never sets this.
    addEventListener("load", () => {
      if (!globalThis.samlIdpKitStarted) unsupported("it could not run the page's module script");
    });
  }
})();
