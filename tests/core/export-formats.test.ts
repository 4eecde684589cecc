import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFile } from 'music-metadata';
import { beforeAll, describe, expect, it } from 'vitest';
import { AAC_PACKET, planSegments } from '../../audio/export/encode-segments.ts';
import { LOUDNESS_PRESETS } from '../../audio/export/loudness-target.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { analyzeAudio } from '../../src/audio-io/analyze-audio.ts';
import { chapterSeconds } from '../../src/audio-io/audio-metadata.ts';
import { exportAudio } from '../../src/export/export-audio.ts';
import { flacVorbisComments, opusTagComments, wavCuePoints } from '../support/chapter-readers.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { canMountTmpfs, NO_TMPFS, requireTools } from '../support/required-tools.ts';
import { ffmpeg, ffmpegLoudness, segments, tempDir, writeWav } from '../support/signals.ts';

// A narration with a click exactly where each chapter starts: after export, decoding the file
// (with ffmpeg, independently) shows whether the written chapter times land on the audio.
const RATE = 44_100;
const CHAPTER_STARTS = [0, 4.5, 9.25, 14];
const TITLES = ['Opening', 'Chapitre deux — l’été ♪', 'Третья глава', 'Epilogue 四'];
requireTools('exports are read back by ffmpeg and ffprobe', 'ffmpeg', 'ffprobe');
const dir = tempDir('export');
let sheet: CueSheet;
let audio: string;

function clickTrack(): Float32Array[] {
  const channels = segments(RATE, 2, [{ seconds: 18, db: -40 }], 21);
  for (const start of CHAPTER_STARTS.slice(1)) {
    for (const channel of channels) for (let i = 0; i < 8; i++) channel[Math.round(start * RATE) + i] = 0.9;
  }
  return channels;
}

function clickPositions(path: string): number[] {
  const raw = join(dir, `decoded-${path.replace(/\W/g, '_')}.f32`);
  ffmpeg(['-i', path, '-ac', '1', '-ar', String(RATE), '-f', 'f32le', raw]);
  const bytes = readFileSync(raw);
  const samples = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const found: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    if (Math.abs(samples[i]!) > 0.5 && (found.length === 0 || i - found[found.length - 1]! > RATE))
      found.push(i);
  }
  return found;
}

function decodeMono(path: string): Float32Array {
  const raw = join(dir, `decoded-${path.replace(/\W/g, '_')}.f32`);
  ffmpeg(['-i', path, '-ac', '1', '-f', 'f32le', raw]);
  const bytes = readFileSync(raw);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

/** The chapters as the file holds them (ffmpeg's ffmetadata dump of an MP3 moves them by the priming it skips). */
function ffprobeChapters(path: string): Array<{ title: string; start: number }> {
  const out = spawnSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'chapter=start_time:chapter_tags=title', '-of', 'json', path],
    { encoding: 'utf8' },
  );
  const { chapters } = JSON.parse(out.stdout) as {
    chapters: Array<{ start_time: string; tags: { title: string } }>;
  };
  return chapters.map((c) => ({ start: Number(c.start_time), title: c.tags.title }));
}

beforeAll(() => {
  const script = TITLES.map((t, i) => `# ${t}\n\nLine ${i + 1} of the story.`).join('\n\n');
  const parsed = parseScript(script, { format: 'fountain' });
  // Place each chapter's cues at its start, as alignment would.
  const chapterOf = new Map(parsed.chapters.flatMap((c, i) => c.cueIds.map((id) => [id, i] as const)));
  sheet = {
    ...parsed,
    cues: parsed.cues.map((c) => {
      const i = chapterOf.get(c.id)!;
      const offset = c.kind === 'heading' ? 0.2 : 1;
      return { ...c, start: CHAPTER_STARTS[i]! + offset, end: CHAPTER_STARTS[i]! + offset + 0.5 };
    }),
    chapters: parsed.chapters.map((c, i) => ({ ...c, start: CHAPTER_STARTS[i]! })),
  };
  audio = writeWav(join(dir, 'narration.wav'), clickTrack(), RATE, { bitsPerSample: 16 });
});

describe('chaptered export', () => {
  // M4B twice: one AAC encoder, and three encoding stretches at once spliced into one file.
  for (const [format, encoders] of [
    ['mp3'],
    ['mp3', 3],
    ['m4b'],
    ['m4b', 3],
    ['flac'],
    ['opus'],
    ['wav'],
  ] as const) {
    const how = encoders ? ` (${encoders} encoders at once)` : '';
    it(`writes ${format}${how} whose chapters independent readers find on the audio`, async () => {
      const output = join(dir, `book${encoders ?? ''}.${format}`);
      const result = await exportAudio({
        audio,
        output,
        sheet,
        ...(encoders ? { encoders } : {}),
        tags: {
          title: 'Locket',
          artist: 'Narrator',
          album: 'Sample Book',
          cover: { data: PNG, mimeType: 'image/png' },
        },
      });
      expect(result.chapters.map((c) => c.title)).toEqual(TITLES);
      expect(result.chapters.map((c) => c.start)).toEqual(CHAPTER_STARTS);
      expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);

      // music-metadata (FLAC chapters are Vorbis comments, which it does not read: our parser does;
      // in WAV it reads the optional id3 chunk, which ffmpeg would list beside the cue points).
      const withId3 = join(dir, 'book-id3.wav');
      if (format === 'wav') await exportAudio({ audio, output: withId3, sheet, tags: {}, wavId3: true });
      const meta = await parseFile(format === 'wav' ? withId3 : output, { includeChapters: true });
      let read: Array<{ title: string; start: number }>;
      if (format === 'flac' || format === 'opus') {
        const bytes = readFileSync(output);
        const comments = format === 'flac' ? flacVorbisComments(bytes) : opusTagComments(bytes);
        read = TITLES.map((_, i) => {
          const key = `CHAPTER${String(i + 1).padStart(3, '0')}`;
          const [h, m, s] = comments[key]!.split(':').map(Number);
          return { title: comments[`${key}NAME`]!, start: h! * 3600 + m! * 60 + s! };
        });
      } else {
        read = (meta.format.chapters ?? []).map((c) => ({
          title: c.title,
          start: chapterSeconds(c, meta.format.sampleRate!),
        }));
      }
      if (format === 'wav') {
        const cues = wavCuePoints(readFileSync(output));
        expect(cues.map((c) => [c.label, c.sample / RATE])).toEqual(
          TITLES.map((t, i) => [t, CHAPTER_STARTS[i]]),
        );
      }
      expect(read.map((c) => c.title)).toEqual(TITLES);
      if (format !== 'wav') {
        expect(meta.common.title, format).toBe('Locket');
        expect(meta.common.artist).toBe('Narrator');
        expect(meta.common.album).toBe('Sample Book');
      }
      if (format === 'mp3' || format === 'm4b') expect(meta.common.picture?.[0]?.format).toBe('image/png');

      const probed = ffprobeChapters(output);
      if (format === 'm4b') {
        // Apple players read the QuickTime chapter track: a disabled text track referenced by the audio.
        const tags = spawnSync(
          'ffprobe',
          ['-v', 'error', '-show_entries', 'stream=codec_tag_string', '-of', 'csv=p=0', output],
          {
            encoding: 'utf8',
          },
        ).stdout;
        const list = tags.trim().split('\n');
        expect(list[0]).toBe('mp4a');
        expect(list).toContain('text');
      }
      expect(probed.map((c) => c.title)).toEqual(TITLES);
      // Each chapter starts where its click is heard, and the first at 0.
      const clicks = clickPositions(output);
      expect(clicks).toHaveLength(CHAPTER_STARTS.length - 1);
      expect(probed[0]!.start).toBe(0);
      for (const [i, click] of clicks.entries()) {
        // Every file declares its encoder's priming (a LAME tag, an edit list, pre-skip): chapters
        // land within a couple of samples, well inside the priming (25 ms) they used to be moved by.
        const tolerance = 0.002;
        expect(
          Math.abs(probed[i + 1]!.start - click / RATE),
          `${format} chapter ${i + 2}`,
        ).toBeLessThanOrEqual(tolerance);
        expect(
          Math.abs(read[i + 1]!.start - click / RATE),
          `${format} chapter ${i + 2} (second reader)`,
        ).toBeLessThanOrEqual(tolerance);
      }
    });
  }

  // Several encode-and-measure rounds per export: 60 s ran out at load 5 (mutation runs beside CI).
  it('normalises to a loudness target, held under the true-peak ceiling', async () => {
    const quiet = writeWav(
      join(dir, 'quiet.wav'),
      segments(RATE, 2, [{ seconds: 12, db: -38, tone: 200 }], 5),
      RATE,
    );
    const output = join(dir, 'r128.flac');
    const result = await exportAudio({
      audio: quiet,
      output,
      sheet,
      tags: {},
      loudness: LOUDNESS_PRESETS['ebu-r128'],
    });
    expect(result.gain!.limitedByCeiling).toBe(false);
    const measured = await analyzeAudio(output);
    expect(Math.abs(measured.loudness.integrated! + 23)).toBeLessThanOrEqual(0.1);
    // Judged by an independent meter too: our meter set the gain, so it alone cannot catch its own error.
    expect(Math.abs(ffmpegLoudness(output).integrated + 23), 'ffmpeg ebur128').toBeLessThanOrEqual(0.1);

    // Speech with peaks near full scale (the scratch voices) has no room for -16 LUFS under
    // -1 dBTP: the limiter gets it there.
    const { scratchNarration } = await import('../../src/tts/scratch-narration.ts');
    const { encodeWav } = await import('../../audio/wav/wav-writer.ts');
    const speech = await scratchNarration(parseScript(readFileSync(SAMPLE_SEED, 'utf8').slice(0, 2500)));
    const speechWav = join(dir, 'speech.wav');
    (await import('node:fs')).writeFileSync(
      speechWav,
      encodeWav(speech.audio.channels, speech.audio.sampleRate),
    );
    const speechOut = join(dir, 'speech-podcast.flac');
    const limitedSpeech = await exportAudio({
      audio: speechWav,
      output: speechOut,
      sheet: speech.sheet,
      tags: {},
      loudness: LOUDNESS_PRESETS.podcast,
    });
    expect(limitedSpeech.gain!.limiterCeiling).toBeDefined();
    const reached = (await analyzeAudio(speechOut)).loudness;
    expect(Math.abs(reached.integrated! + 16)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(ffmpegLoudness(speechOut).integrated + 16), 'ffmpeg ebur128').toBeLessThanOrEqual(0.1);
    expect(reached.truePeak!).toBeLessThanOrEqual(-1);
    // Clicks 30 dB over the ceiling are held under it too.
    const loud = join(dir, 'podcast.flac');
    await exportAudio({ audio, output: loud, sheet, tags: {}, loudness: LOUDNESS_PRESETS.podcast });
    expect((await analyzeAudio(loud)).loudness.truePeak!).toBeLessThanOrEqual(-1);
    // Chapters still land on the clicks: limiting adds no delay.
    const clicks = clickPositions(loud);
    expect(clicks.length).toBe(CHAPTER_STARTS.length - 1);
    clicks.forEach((click, i) => {
      expect(Math.abs(click / RATE - CHAPTER_STARTS[i + 1]!)).toBeLessThanOrEqual(0.001);
    });
    // With limiting off the gain stops short instead.
    const held = join(dir, 'held.flac');
    const stopped = await exportAudio({
      audio,
      output: held,
      sheet,
      tags: {},
      loudness: LOUDNESS_PRESETS.podcast,
      limit: false,
    });
    expect(stopped.gain!.limitedByCeiling).toBe(true);
    expect((await analyzeAudio(held)).loudness.truePeak!).toBeLessThanOrEqual(-1 + 0.1);
  }, 300_000);

  it('applies gain once to a dual-mono stereo MP3 (its channels decode as one array)', async () => {
    const tone = segments(RATE, 1, [{ seconds: 8, db: -30, tone: 300 }], 9)[0]!;
    const source = writeWav(join(dir, 'dual-mono.wav'), [tone, tone], RATE, { bitsPerSample: 16 });
    const mp3 = join(dir, 'dual-mono.mp3');
    ffmpeg(['-i', source, '-b:a', '192k', mp3]);
    const output = join(dir, 'dual-mono-r128.flac');
    await exportAudio({ audio: mp3, output, sheet, tags: {}, loudness: LOUDNESS_PRESETS['ebu-r128'] });
    const measured = await analyzeAudio(output);
    expect(measured.channels).toBe(2);
    expect(Math.abs(measured.loudness.integrated! + 23)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(ffmpegLoudness(output).integrated + 23), 'ffmpeg ebur128').toBeLessThanOrEqual(0.1);
  });

  it.each([
    ['m4b', AAC_PACKET],
    ['mp3', 1152],
  ] as const)('splices parallel %s segments without a trace at the seams', async (format, packet) => {
    const parts = [
      { seconds: 4, db: -20, tone: 220 },
      { seconds: 2, db: -35 },
      { seconds: 3, db: -18, tone: 440 },
      { seconds: 3, db: -25, tone: 330 },
    ];
    const original = segments(RATE, 2, parts, 12);
    const source = writeWav(join(dir, `seams-${format}.wav`), original, RATE);
    const decoded: Float32Array[] = [];
    for (const encoders of [1, 3]) {
      const output = join(dir, `seams-${encoders}.${format}`);
      await exportAudio({ audio: source, output, sheet, tags: {}, encoders });
      // An independent decoder takes the spliced stream without a complaint.
      expect(spawnSync('ffmpeg', ['-v', 'error', '-i', output, '-f', 'null', '-']).stderr.toString()).toBe(
        '',
      );
      decoded.push(decodeMono(output));
    }
    const [single, spliced] = decoded as [Float32Array, Float32Array];
    expect(spliced.length).toBe(single.length);
    // The files declare the encoder's priming and ffmpeg drops it: the input's frame i is heard at i.
    const heard = (i: number) => i;
    const mono = original[0]!.map((x, i) => (x + original[1]![i]!) / 2);
    const seams = planSegments(mono.length, 3, 2 * RATE, packet)
      .slice(1)
      .map((s) => s.keepFrom);
    expect(seams).toHaveLength(2);
    // Up to the first seam the first segment's encoder saw what the single encoder saw: the
    // same packets, so the same samples.
    const before = heard(seams[0]! - 2 * packet);
    expect(spliced.subarray(0, before)).toEqual(single.subarray(0, before));
    expect(spliced.subarray(before)).not.toEqual(single.subarray(before));
    // Around each seam the spliced file is as close to the original as the single encode.
    const snr = (decodedAudio: Float32Array, from: number, to: number) => {
      let signal = 0;
      let error = 0;
      for (let i = from; i < to; i++) {
        signal += mono[i]! ** 2;
        error += (decodedAudio[heard(i)]! - mono[i]!) ** 2;
      }
      return 10 * Math.log10(signal / error);
    };
    for (const seam of seams) {
      const [from, to] = [seam - 4 * packet, seam + 4 * packet];
      expect(snr(spliced, from, to), `seam at ${seam}`).toBeGreaterThan(snr(single, from, to) - 1.5);
    }
    const whole = [0, mono.length - 2 * packet] as const;
    expect(snr(spliced, ...whole)).toBeGreaterThan(snr(single, ...whole) - 0.3);
  });

  it('encodes MP3 in one piece when no frame near a seam can stand alone (320 kbps, loud noise)', async () => {
    // At the top bitrate a frame has no room to take its reservoir bytes in: the splice gives way.
    const source = writeWav(join(dir, 'loud.wav'), segments(RATE, 2, [{ seconds: 12, db: -6 }], 3), RATE);
    const outputs = [1, 3].map((n) => join(dir, `loud-${n}.mp3`));
    for (const [i, output] of outputs.entries()) {
      await exportAudio({
        audio: source,
        output,
        sheet,
        tags: {},
        encoders: i === 0 ? 1 : 3,
        bitrate: 320_000,
      });
    }
    expect(readFileSync(outputs[1]!).equals(readFileSync(outputs[0]!))).toBe(true);
    expect(spawnSync('ffmpeg', ['-v', 'error', '-i', outputs[1]!, '-f', 'null', '-']).stderr.toString()).toBe(
      '',
    );
  });

  it('leaves nothing under the target name when cancelled or failing', async () => {
    const output = join(dir, 'cancelled.m4b');
    const controller = new AbortController();
    const run = exportAudio({
      audio,
      output,
      sheet,
      tags: {},
      signal: controller.signal,
      onProgress: (phase) => {
        if (phase === 'encoding') controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/export cancelled/);
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('cancelled'))).toEqual([]);
    // With encoders running at once: all stop, and their stretches are removed too.
    const stretches = () => readdirSync(tmpdir()).filter((f) => f.startsWith('cuewright-aac-'));
    const before = stretches();
    const parallel = new AbortController();
    const both = exportAudio({
      audio,
      output,
      sheet,
      tags: {},
      encoders: 2,
      signal: parallel.signal,
      onProgress: (phase, fraction) => {
        if (phase === 'encoding' && fraction > 0.3) parallel.abort();
      },
    });
    await expect(both).rejects.toThrow(/export cancelled/);
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('cancelled'))).toEqual([]);
    expect(stretches()).toEqual(before);
    await expect(
      exportAudio({ audio, output: join(dir, 'missing', 'x.mp3'), sheet, tags: {} }),
    ).rejects.toThrow(/x\.mp3: the folder .*missing does not exist/);
    await expect(exportAudio({ audio, output: join(dir, 'x.ogg'), sheet, tags: {} })).rejects.toThrow(
      /name the output \.mp3, \.m4b, \.flac, \.opus or \.wav/,
    );
  });
});

// A 1x1 PNG as cover art.
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

describe('one file per chapter', () => {
  it('cuts at the chapters, pads both ends with the recording’s own room tone, and tags each file', async () => {
    const { exportChapterFiles } = await import('../../src/export/export-chapters.ts');
    const { decodeAudioFile } = await import('../../src/audio-io/decode-audio-file.ts');
    const out = join(dir, 'per-chapter');
    (await import('node:fs')).mkdirSync(out);
    const files = await exportChapterFiles({
      audio,
      output: join(out, 'book.wav'),
      sheet,
      tags: { album: 'Sample Book' },
      roomTone: 2,
    });
    expect(files.map((f) => f.output.replace(/^.*\//, ''))).toEqual([
      'book 01 - Opening.wav',
      'book 02 - Chapitre deux — l’été ♪.wav',
      'book 03 - Третья глава.wav',
      'book 04 - Epilogue 四.wav',
    ]);
    for (const [i, file] of files.entries()) {
      const decoded = await decodeAudioFile(file.output);
      const length = (i < 3 ? CHAPTER_STARTS[i + 1]! : 18) - CHAPTER_STARTS[i]!;
      expect(decoded.channels[0]!.length).toBe(Math.round((length + 4) * RATE));
      // Room tone at each end is the recording's quiet noise (-40 dB), not silence and not speech.
      for (const edge of [
        decoded.channels[0]!.subarray(0, RATE * 2),
        decoded.channels[0]!.subarray(-RATE * 2),
      ]) {
        let sum = 0;
        for (const x of edge) sum += x * x;
        expect(Math.abs(10 * Math.log10(sum / edge.length) + 40)).toBeLessThan(1.5);
      }
      // Each chapter's click (its start) sits right after the 2 s of room tone.
      if (i > 0) {
        const click = decoded.channels[0]!.findIndex((x) => x > 0.5);
        expect(click).toBe(2 * RATE);
      }
    }
    const mp3 = await exportChapterFiles({
      audio,
      output: join(out, 'book.mp3'),
      sheet,
      tags: { album: 'Sample Book' },
    });
    const meta = await parseFile(mp3[1]!.output);
    expect(meta.common.title).toBe(TITLES[1]);
    expect(meta.common.album).toBe('Sample Book');
    expect(meta.common.track).toEqual({ no: 2, of: 4 });
    expect(Math.abs(meta.format.duration! - mp3[1]!.duration)).toBeLessThan(0.06);
    expect(readdirSync(out).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});

// A real full disk: a 128 kB tmpfs (mounting needs root, which CI has; elsewhere this is skipped).

describe('a full disk', () => {
  it('is reported by name and leaves nothing behind (needs root to mount a tmpfs)', async (ctx) => {
    if (!canMountTmpfs) ctx.skip(NO_TMPFS);
    const mountPoint = tempDir('full-disk');
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', mountPoint]).status).toBe(0);
    try {
      const output = join(mountPoint, 'full.wav');
      await expect(exportAudio({ audio, output, sheet, tags: {} })).rejects.toThrow(
        /full\.wav: the disk is full$/,
      );
      expect(readdirSync(mountPoint)).toEqual([]);
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  });

  // Root ignores file modes, so a refused write is made real with a read-only file system.
  it('a file system that refuses writes is reported by name (read-only tmpfs)', async (ctx) => {
    if (!canMountTmpfs) ctx.skip(NO_TMPFS);
    const mountPoint = tempDir('read-only');
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', mountPoint]).status).toBe(0);
    try {
      const output = join(mountPoint, 'locked.mp3');
      await expect(exportAudio({ audio, output, sheet, tags: {} })).rejects.toThrow(
        /locked\.mp3: (the file system is read-only|permission denied)$/,
      );
      expect(readdirSync(mountPoint)).toEqual([]);
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  });
});
