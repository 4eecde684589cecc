// The package ships no types; this is the part of its Emscripten factory we use.
declare module '@echogarden/espeak-ng-emscripten' {
  interface EspeakModule {
    eSpeakNGWorker: new () => unknown;
    /** The wasm heap: strings the worker returns are NUL-terminated UTF-8 in it. */
    HEAPU8: Uint8Array;
  }
  export default function init(options?: {
    print?: (s: string) => void;
    printErr?: (s: string) => void;
  }): Promise<EspeakModule>;
}
