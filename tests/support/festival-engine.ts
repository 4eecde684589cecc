import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resampler } from '../../audio/resample.ts';
import type { VoiceSpec } from '../../audio/scratch/scratch-plan.ts';
import { readWavLayout } from '../../audio/wav/wav-header.ts';
import { decodeWavSamples } from '../../audio/wav/wav-samples.ts';
import type { SpeechEngine } from '../../src/tts/speech-engine.ts';

// Recordings made by another synthesiser than the app's own (Debian's festival, not eSpeak), so an
// alignment test never measures eSpeak against eSpeak. Each utterance is synthesised once, in one
// festival process per batch, and resampled to 16 kHz.

/** Festival voices from Debian's packages: a female HTS voice and two male diphone voices. */
export const FESTIVAL_VOICES = ['cmu_us_slt_arctic_hts', 'kal_diphone', 'ked_diphone'] as const;
export type FestivalVoice = (typeof FESTIVAL_VOICES)[number];

const RATE = 16_000;
const cache = new Map<string, Float32Array>();

/** Fails the calling test with a message when festival or a voice is missing (CI installs them). */
export function requireFestival(): void {
  const probe = spawnSync('festival', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0)
    throw new Error(
      'festival is not installed: apt-get install festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts',
    );
}

/** Synthesises every [text, voice, stretch] not yet in the cache, in one festival process. */
export function synthesise(items: Array<{ text: string; voice: FestivalVoice; stretch: number }>): void {
  const todo = items.filter((item) => !cache.has(key(item)));
  if (todo.length === 0) return;
  requireFestival();
  const dir = mkdtempSync(join(tmpdir(), 'cw-festival-'));
  try {
    const unique = [...new Map(todo.map((item) => [key(item), item])).values()];
    const lines = unique.map((item, i) =>
      [
        `(voice_${item.voice})`,
        `(Parameter.set 'Duration_Stretch ${item.stretch.toFixed(3)})`,
        `(utt.save.wave (SynthText "${scheme(item.text)}") "${join(dir, `${i}.wav`)}" 'riff)`,
      ].join('\n'),
    );
    writeFileSync(join(dir, 'batch.scm'), `${lines.join('\n')}\n`);
    const run = spawnSync('festival', ['-b', join(dir, 'batch.scm')], { encoding: 'utf8', timeout: 600_000 });
    if (run.status !== 0) throw new Error(`festival failed: ${run.stderr.slice(0, 500)}`);
    unique.forEach((item, i) => {
      cache.set(key(item), readVoice(join(dir, `${i}.wav`)));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A SpeechEngine speaking with festival voices: the narrator's eSpeak voice name maps to
 * `narrator`, every other voice name to one of the others (the same name, the same voice); the
 * words-per-minute of the spec become festival's duration stretch (165 wpm = 1).
 */
export function festivalEngine(
  narratorEspeakVoice: string,
  narrator: FestivalVoice = 'cmu_us_slt_arctic_hts',
): SpeechEngine & {
  prepare(utterances: Array<{ text: string; voice: VoiceSpec }>): void;
} {
  const others = FESTIVAL_VOICES.filter((v) => v !== narrator);
  const assigned = new Map<string, FestivalVoice>([[narratorEspeakVoice, narrator]]);
  const voiceOf = (spec: VoiceSpec): FestivalVoice => {
    if (!assigned.has(spec.voice)) assigned.set(spec.voice, others[(assigned.size - 1) % others.length]!);
    return assigned.get(spec.voice)!;
  };
  const item = (text: string, spec: VoiceSpec) => ({ text, voice: voiceOf(spec), stretch: 165 / spec.rate });
  return {
    sampleRate: RATE,
    prepare(utterances) {
      synthesise(utterances.map((u) => item(u.text, u.voice)));
    },
    speak(text, spec) {
      const wanted = item(text, spec);
      synthesise([wanted]);
      return cache.get(key(wanted))!.slice();
    },
  };
}

function key(item: { text: string; voice: string; stretch: number }): string {
  return `${item.voice}|${item.stretch.toFixed(3)}|${item.text}`;
}

function scheme(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function readVoice(path: string): Float32Array {
  const bytes = new Uint8Array(readFileSync(path));
  const layout = readWavLayout(bytes, bytes.length);
  const samples = decodeWavSamples(
    bytes.subarray(layout.dataOffset, layout.dataOffset + layout.dataBytes),
    layout,
  )[0]!;
  if (layout.sampleRate === RATE) return samples;
  const resampler = new Resampler(layout.sampleRate, RATE, 1);
  const head = resampler.push([samples])[0]!;
  const tail = resampler.flush()[0]!;
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
