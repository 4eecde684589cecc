// The wasm MP3 decoder (mpg123-decoder, inside audio-decode) prints every bad frame to the console
// as well as returning it: a corrupt file gave 26 lines of "mpg123-decoder: -1 MPG123_ERR" before
// the one-line error the decode itself reports. Those lines are dropped; everything else passes.

const NOISY =
  /^(mpg123-decoder|ogg-vorbis-decoder|ogg-opus-decoder|flac-decoder|@wasm-audio-decoders\/[\w-]+): /;

let installed = false;

/** Drops the decoders' own console lines (idempotent). */
export function quietDecoders(): void {
  if (installed) return;
  installed = true;
  const error = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && NOISY.test(args[0])) return;
    error(...args);
  };
}
