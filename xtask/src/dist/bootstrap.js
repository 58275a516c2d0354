
// Single-file bootstrap (cargo xtask dist): nothing is fetched. The loader script before this
// one is already compiling the wasm from the page's data block; here it is instantiated. No
// top-level await and no module-only syntax: this text is also the key worker's classic script.
globalThis.samlIdpKitStarted = true;
if (globalThis.samlIdpKitWasm === undefined) {
  // The loader found this browser too old and said so; there is nothing to start.
} else if (typeof document === "undefined") {
  // A key worker (src/browser/worker.rs): the same code, started from a blob: URL, possibly
  // ahead of time. It says when it is ready (or why it cannot start); then it is told the key
  // size and the certificate's public fields, and answers with the key (PKCS#8 DER), its
  // public half (SPKI DER) and the signed certificate in transferred buffers.
  const ready = __wbg_init({ module_or_path: globalThis.samlIdpKitWasm });
  self.onmessage = async ({ data }) => {
    try {
      await ready;
      const made = key_worker_generate(data.bits, data.validityDays, data.profile, data.subject);
      self.postMessage(made, [made.der.buffer, made.spki.buffer, made.certificate.buffer]);
    } catch (error) {
      self.postMessage({ error: String(error?.message ?? error) });
    }
  };
  ready.then(() => self.postMessage({ ready: true }), (error) => {
    self.postMessage({ startError: `the worker could not start: ${error?.message ?? error}` });
  });
} else {
  __wbg_init({ module_or_path: globalThis.samlIdpKitWasm }).catch((error) => {
    globalThis.samlIdpKitUnsupported?.(`its WebAssembly did not start: ${error?.message ?? error}`);
  });
}
