import type { VoiceSpec } from '../../audio/scratch/scratch-plan.ts';
import { InputError } from '../../cues/input-error.ts';
import type { SpeechEngine } from './speech-engine.ts';

// eSpeak NG compiled to wasm (@echogarden/espeak-ng-emscripten): runs in plain Node with its
// voice data inside the npm package, so nothing is downloaded at run time. Its licence is
// GPL-3.0; it is loaded only here, behind SpeechEngine, so another engine can replace it.

interface EspeakWorker {
  set_voice(name: string): number;
  set_rate(wpm: number): void;
  set_pitch(pitch: number): void;
  set_range(range: number): void;
  get_samplerate(): number;
  synthesize(text: string, onChunk: (samples: Int16Array, events: unknown[]) => boolean): void;
  /** Phoneme mnemonics of the text (`_` between phonemes), a pointer into the heap. */
  convert_to_phonemes(text: string, ipa: boolean): { ptr: number };
}

interface Loaded {
  worker: EspeakWorker;
  heap: () => Uint8Array;
}

let loading: Promise<Loaded> | undefined;

/** The clock eSpeak's worker reads when it is made (ms since 1970): any fixed time. */
const SEED_TIME = 1_700_000_000_000;

async function loadWorker(): Promise<Loaded> {
  const { default: init } = await import('@echogarden/espeak-ng-emscripten');
  const module = await init({ print: () => {}, printErr: () => {} });
  // The worker seeds eSpeak's random numbers (the breath noise of voices such as en-us+f3) from the
  // clock as it is made, so the same script gave other samples on each run (the sample
  // production's scratch narration, three cues in an f3 voice). The clock reads a fixed time for
  // that one synchronous call, and nothing else can read it meanwhile.
  const now = Date.now;
  Date.now = () => SEED_TIME;
  try {
    return { worker: new module.eSpeakNGWorker() as EspeakWorker, heap: () => module.HEAPU8 };
  } finally {
    Date.now = now;
  }
}

function load(): Promise<Loaded> {
  loading ??= loadWorker().catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * eSpeak's phoneme mnemonics for text in a voice's language, e.g. "b_j_'u:_t#_i_z" for "beauty's"
 * (en-us): its letter-to-sound rules, used to pronounce words a recogniser's dictionary lacks.
 */
export async function espeakPhonemes(text: string, voice: string): Promise<string> {
  const { worker, heap } = await load();
  if (worker.set_voice(voice) !== 0)
    throw new InputError(`eSpeak has no voice "${voice}" (try en-us, en-gb, de, fr, es…)`);
  const at = worker.convert_to_phonemes(text, false).ptr;
  const bytes = heap();
  let end = at;
  while (bytes[end] !== 0 && end < bytes.length) end++;
  return new TextDecoder().decode(bytes.subarray(at, end)).trim();
}

export async function createEspeakEngine(): Promise<SpeechEngine> {
  const { worker } = await load();
  return {
    sampleRate: worker.get_samplerate(),
    speak(text, voice: VoiceSpec) {
      if (worker.set_voice(voice.voice) !== 0)
        throw new InputError(`eSpeak has no voice "${voice.voice}" (try en-us, en-gb, de, fr, es…)`);
      worker.set_rate(voice.rate);
      worker.set_pitch(voice.pitch);
      worker.set_range(voice.range);
      const chunks: Int16Array[] = [];
      worker.synthesize(text, (samples) => {
        chunks.push(samples.slice());
        return false;
      });
      const out = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const chunk of chunks) {
        for (let i = 0; i < chunk.length; i++) out[at++] = chunk[i]! / 32768;
      }
      return out;
    },
  };
}
