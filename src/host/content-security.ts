// One CSP for the app (a meta tag written into index.html at build time) and the test host (a header) (measured to work with wavesurfer + Tone in Chromium):
// no inline script, no eval, no remote anything; media from the app itself or blobs.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "media-src 'self' blob: cuewright-media:",
  "worker-src 'self' blob:",
  "connect-src 'self' cuewright-media:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Only valid as a header (a meta tag ignores it): the test host sends it, Electron has no framing parent. */
export const FRAME_ANCESTORS = "frame-ancestors 'none'";
