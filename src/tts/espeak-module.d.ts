// The package ships no types; this is the part of its Emscripten factory we use.
declare module '@echogarden/espeak-ng-emscripten' {
  interface EspeakModule {
    eSpeakNGWorker: new () => unknown;
  }
  export default function init(options?: {
    print?: (s: string) => void;
    printErr?: (s: string) => void;
  }): Promise<EspeakModule>;
}
