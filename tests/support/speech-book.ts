import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { scratchNarration } from '../../src/tts/scratch-narration.ts';
import { rng, writeWav } from './signals.ts';

// A chaptered book read by the scratch voices (eSpeak NG, offline), as a narrator's recording
// would come: room tone under everything (noise at a chosen level) and pauses of chosen lengths
// before the first chapter, between chapters and after the last. Cue times follow the pauses.

export interface BookOptions {
  titles: string[];
  /** Seconds of room tone before the first word, before each later chapter, after the last word. */
  lead: number;
  gap: number;
  trail: number;
  /** RMS of the room tone, dBFS. */
  noiseDb: number;
  /** Sentences per chapter. */
  sentences?: number;
}

export interface Book {
  script: string;
  audio: string;
  cues: string;
  sheet: CueSheet;
  sampleRate: number;
}

const SENTENCES = [
  'The rain had stopped by the time the ferry reached the harbour.',
  'She counted the lamps along the quay and found one missing.',
  'Nobody on the boat would say where the keeper had gone.',
  'By morning the gulls were back, and the missing lamp was lit again.',
];

export async function speechBook(dir: string, options: BookOptions): Promise<Book> {
  const sentences = options.sentences ?? 3;
  const text = options.titles
    .map((title, i) => {
      const body = Array.from({ length: sentences }, (_, k) => SENTENCES[(i + k) % SENTENCES.length]);
      return `# ${title}\n\n${body.join(' ')}`;
    })
    .join('\n\n');
  const read = await scratchNarration(parseScript(text, { format: 'fountain' }));
  const rate = read.audio.sampleRate;
  const voice = read.audio.channels[0]!;
  // Where silence goes in (seconds on the reading's own timeline) and how much.
  const headings = read.sheet.cues.filter((c) => c.kind === 'heading').map((c) => c.start!);
  const inserts = [
    { at: 0, seconds: options.lead },
    ...headings.slice(1).map((at) => ({ at, seconds: options.gap })),
  ];
  const shift = (t: number) => t + inserts.filter((i) => i.at <= t).reduce((n, i) => n + i.seconds, 0);
  const total =
    voice.length + Math.round((inserts.reduce((n, i) => n + i.seconds, 0) + options.trail) * rate);
  const out = new Float32Array(total);
  let from = 0;
  for (const [k, insert] of inserts.entries()) {
    const to = k + 1 < inserts.length ? Math.round(inserts[k + 1]!.at * rate) : voice.length;
    out.set(voice.subarray(from, to), Math.round(shift(insert.at) * rate));
    from = to;
  }
  const random = rng(7);
  const noise = 10 ** (options.noiseDb / 20) * Math.sqrt(3);
  for (let i = 0; i < total; i++) out[i]! += (random() * 2 - 1) * noise;
  const sheet: CueSheet = {
    ...read.sheet,
    cues: read.sheet.cues.map((c) => ({
      ...c,
      ...(c.start !== undefined ? { start: shift(c.start) } : {}),
      ...(c.end !== undefined ? { end: shift(c.end) } : {}),
    })),
    chapters: read.sheet.chapters.map((c) => (c.start !== undefined ? { ...c, start: shift(c.start) } : c)),
  };
  const script = join(dir, 'book.txt');
  writeFileSync(script, text);
  const cues = join(dir, 'book.json');
  writeFileSync(cues, JSON.stringify(sheet));
  return { script, audio: writeWav(join(dir, 'book.wav'), [out], rate), cues, sheet, sampleRate: rate };
}
