import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from 'music-metadata';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPEECH_DIR, speechRecordings } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, ffprobe, sine, tempDir, writeWav } from '../support/signals.ts';

// `cuewright export A B C... -o book.m4b` with no script (the m4b-tool merge) on real recordings in
// mixed formats and rates, read back by ffprobe and music-metadata: chapters at the joins, the
// length the files and gaps add up to, no click where two files meet.

/** The length ffmpeg decodes, seconds (the independent reader). */
function decodedSeconds(path: string, rate = 48_000): number {
  const raw = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-ac', '1', '-ar', String(rate), '-f', 'f32le', '-'],
    {
      maxBuffer: 1 << 30,
    },
  );
  return raw.byteLength / 4 / rate;
}

function decodeMono(path: string, rate: number): Float32Array {
  const raw = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-ac', '1', '-ar', String(rate), '-f', 'f32le', '-'],
    {
      maxBuffer: 1 << 30,
    },
  );
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

function ffprobeChapters(path: string): Array<{ start: number; end: number; title: string }> {
  const out = spawnSync('ffprobe', ['-v', 'error', '-show_chapters', '-of', 'json', path], {
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return (JSON.parse(out.stdout).chapters as Array<Record<string, unknown>>).map((c) => ({
    start: Number(c.start_time),
    end: Number(c.end_time),
    title: String((c.tags as Record<string, string>)?.title),
  }));
}

describe('export of several recordings with no script (the m4b-tool merge)', () => {
  const dir = tempDir('production-export');
  let inputs: string[];
  let lengths: number[];

  beforeAll(() => {
    requireTools('recordings are cut and exports read back by ffmpeg', 'ffmpeg', 'ffprobe', 'shared data');
    // Four formats, three rates, mono and stereo: an MP3 as published, AAC at 22.05 kHz, FLAC with a
    // title tag cut mid-word (it starts on sound), a 16 kHz WAV.
    const s1 = join(dir, '01 Sonnet one.mp3');
    ffmpeg([
      '-i',
      join(SPEECH_DIR, 'sonnets/sonnet001.mp3'),
      '-t',
      '9',
      '-c:a',
      'libmp3lame',
      '-b:a',
      '96k',
      s1,
    ]);
    const s2 = join(dir, 's2.m4a');
    ffmpeg([
      '-i',
      join(SPEECH_DIR, 'sonnets/sonnet002.flac'),
      '-t',
      // In the pause after line 3 (a file that stops on speech before one that starts on it would be
      // a sentence cut in two: joined with no room tone).
      '9.45',
      '-ar',
      '22050',
      '-c:a',
      'aac',
      '-b:a',
      '48k',
      s2,
    ]);
    const c = join(dir, 'cold.flac');
    ffmpeg([
      '-ss',
      '6.9',
      '-i',
      join(SPEECH_DIR, 'casual/cold_corpus.wav'),
      '-t',
      '6',
      '-metadata',
      'title=A cold, part two',
      c,
    ]);
    const a = join(dir, 'acoustic.wav');
    ffmpeg(['-i', join(SPEECH_DIR, 'casual/acoustic_corpus.wav'), '-t', '5', a]);
    inputs = [s1, s2, c, a];
    // Each of ffmpeg's two readings overstates one format by its codec padding: decoding gives an
    // M4A's whole last AAC frame past the edit list's end (37 ms here), ffprobe's stated duration of
    // an MP3 counts the LAME delay and padding it decodes without. The shorter is the recording.
    lengths = inputs.map((p) => Math.min(decodedSeconds(p), Number(ffprobe(p, 'stream=duration').duration)));
  }, 120_000);

  it('puts a chapter at every join, titled from tags or the file name, and lasts the files plus the gaps', async () => {
    const out = join(dir, 'book.m4b');
    const run = runCli(['export', ...inputs, '-o', out, '--gap', '0.5', '--title', 'Merged']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const frame = 1024 / 44_100; // one AAC frame at the production's rate (the highest of the inputs)
    const joins = lengths.map((_, i) => lengths.slice(0, i).reduce((n, l) => n + l, 0) + 0.5 * i);
    const chapters = ffprobeChapters(out);
    expect(chapters.map((c) => c.title)).toEqual(['01 Sonnet one', 's2', 'A cold, part two', 'acoustic']);
    for (const [i, c] of chapters.entries())
      expect(Math.abs(c.start - joins[i]!), c.title).toBeLessThanOrEqual(frame);
    const total = lengths.reduce((n, l) => n + l, 0) + 0.5 * 3;
    expect(Math.abs(decodedSeconds(out) - total)).toBeLessThanOrEqual(frame);
    const meta = await parseFile(out, { includeChapters: true, duration: true });
    expect(meta.format.chapters?.map((c) => c.title)).toEqual(chapters.map((c) => c.title));
    const mmStarts = meta.format.chapters!.map((c) => c.start / (c.timeScale ?? 1000));
    for (const [i, s] of mmStarts.entries()) expect(Math.abs(s - joins[i]!)).toBeLessThanOrEqual(frame);
    expect(meta.common.title).toBe('Merged');
    expect(ffprobeChapters(out).at(-1)!.end).toBeCloseTo(total, 1);
  }, 120_000);

  it('adds room tone only where a file stops or starts on sound (auto gaps)', () => {
    const out = join(dir, 'auto.flac');
    const run = runCli(['export', ...inputs, '-o', out, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { recordings: Array<{ gapBefore: number; start: number }> };
    // The FLAC is cut mid-word after a file that stops in a short pause: the join before it gets
    // room tone; every added gap is at most 1 s.
    expect(result.recordings[2]!.gapBefore).toBeGreaterThan(0.2);
    for (const r of result.recordings) expect(r.gapBefore).toBeLessThanOrEqual(1);
    const added = result.recordings.reduce((n, r) => n + r.gapBefore, 0);
    const total = lengths.reduce((n, l) => n + l, 0) + added;
    expect(Math.abs(decodedSeconds(out) - total)).toBeLessThanOrEqual(0.002);
    // The room tone is room tone: quieter than -35 dBFS RMS, never digital silence.
    const audio = decodeMono(out, 44_100);
    const from = Math.round((result.recordings[2]!.start - result.recordings[2]!.gapBefore + 0.05) * 44_100);
    const to = Math.round((result.recordings[2]!.start - 0.05) * 44_100);
    let energy = 0;
    for (let i = from; i < to; i++) energy += audio[i]! ** 2;
    const rms = 10 * Math.log10(energy / (to - from));
    expect(rms).toBeLessThan(-35);
    expect(rms).toBeGreaterThan(-120);
  }, 120_000);

  it('leaves no click where two files meet on sound (a naive join of the same files does)', () => {
    // Two tones cut mid-cycle at full level: the worst join. Their own largest step is 2πf/rate·A.
    const rate = 44_100;
    const a = writeWav(join(dir, 'tone-a.wav'), sine(rate, 1, 1.013, 440, 0.5, 0), rate);
    const b = writeWav(join(dir, 'tone-b.wav'), sine(rate, 1, 0.987, 330, 0.5, 2), rate);
    const out = join(dir, 'tones.wav');
    const run = runCli(['export', a, b, '-o', out, '--gap', '0']);
    expect(run.status, run.stderr).toBe(0);
    const ownStep = 2 * Math.PI * (440 / rate) * 0.5;
    const maxStep = (x: Float32Array, at: number) => {
      let m = 0;
      for (let i = at - 220; i < at + 220; i++) m = Math.max(m, Math.abs(x[i + 1]! - x[i]!));
      return m;
    };
    const join0 = Math.round(1.013 * rate);
    expect(maxStep(decodeMono(out, rate), join0)).toBeLessThanOrEqual(ownStep * 1.05);
    // The measurement can fail: ffmpeg's concat of the same two files steps by far more.
    const list = join(dir, 'list.txt');
    writeFileSync(list, `file '${a}'\nfile '${b}'\n`);
    const naive = join(dir, 'naive.wav');
    ffmpeg(['-f', 'concat', '-safe', '0', '-i', list, '-c:a', 'pcm_f32le', naive]);
    expect(maxStep(decodeMono(naive, rate), join0)).toBeGreaterThan(ownStep * 3);
  }, 60_000);

  it('keeps and shifts the chapters inside the files with --keep-chapters', () => {
    // A file with two chapters of its own (as ffmpeg writes them), then a file with none.
    const meta = join(dir, 'chapters.txt');
    writeFileSync(
      meta,
      ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=4000\ntitle=Opening\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=4000\nEND=9000\ntitle=Second thoughts\n',
    );
    const chaptered = join(dir, 'chaptered.m4a');
    ffmpeg([
      '-i',
      inputs[0]!,
      '-i',
      meta,
      '-map_metadata',
      '1',
      '-map_chapters',
      '1',
      '-c:a',
      'aac',
      '-b:a',
      '64k',
      chaptered,
    ]);
    const first = Number(ffprobe(chaptered, 'stream=duration').duration);
    const out = join(dir, 'kept.m4b');
    const run = runCli(['export', chaptered, inputs[3]!, '-o', out, '--gap', '1', '--keep-chapters']);
    expect(run.status, run.stderr).toBe(0);
    const chapters = ffprobeChapters(out);
    expect(chapters.map((c) => c.title)).toEqual(['Opening', 'Second thoughts', 'acoustic']);
    expect(Math.abs(chapters[1]!.start - 4)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(chapters[2]!.start - (first + 1))).toBeLessThanOrEqual(0.03);
  }, 120_000);

  it('joins a sentence cut across two files with no room tone, and says so', () => {
    // Sonnet II cut in the middle of its fifth line's words: one session stops, the next goes on.
    const sonnet = speechRecordings().find((r) => r.name === 'sonnet002')!;
    const cut = (sonnet.truth[5]!.start + 1.1).toFixed(3);
    const a = join(dir, 'session a.wav');
    const b = join(dir, 'session b.wav');
    ffmpeg(['-i', join(SPEECH_DIR, 'sonnets/sonnet002.flac'), '-t', cut, a]);
    ffmpeg(['-ss', cut, '-i', join(SPEECH_DIR, 'sonnets/sonnet002.flac'), b]);
    const run = runCli(['export', a, b, '-o', join(dir, 'joined.wav')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/session b\.wav \(joined on speech: no room tone\)/);
    const json = runCli(['export', a, b, '-o', join(dir, 'joined.wav'), '--json']);
    const result = JSON.parse(json.stdout) as { recordings: Array<{ gapBefore: number }> };
    expect(result.recordings[1]!.gapBefore).toBe(0);
  }, 120_000);

  it('puts no join gap into the files of a per-chapter export', () => {
    const out = join(dir, 'per', 'book.wav');
    mkdirSync(join(dir, 'per'), { recursive: true });
    const run = runCli([
      'export',
      ...inputs,
      '-o',
      out,
      '--gap',
      '4.5',
      '--per-chapter',
      '--room-tone',
      '1',
      '--json',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const files = (JSON.parse(run.stdout) as { files: Array<{ output: string }> }).files;
    expect(files).toHaveLength(inputs.length);
    // Each chapter file is its recording and a second of room tone at each end, no more.
    for (const [i, f] of files.entries())
      expect(Math.abs(decodedSeconds(f.output) - (lengths[i]! + 2)), f.output).toBeLessThan(0.05);
  }, 120_000);

  it('warns of a file named twice and numbers chapters titled alike', () => {
    const tagged = [1, 2, 3].map((n) => {
      const p = join(dir, `part ${n}.flac`);
      ffmpeg(['-i', inputs[3]!, '-t', '2', '-metadata', 'title=The Sonnets', p]);
      return p;
    });
    const out = join(dir, 'alike.m4b');
    const run = runCli(['export', ...tagged, '-o', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(ffprobeChapters(out).map((c) => c.title)).toEqual([
      'The Sonnets',
      'The Sonnets (2)',
      'The Sonnets (3)',
    ]);
    const twice = runCli(['export', inputs[1]!, inputs[1]!, '-o', join(dir, 'twice.m4b')]);
    expect(twice.status, twice.stderr).toBe(0);
    expect(twice.stderr).toMatch(/^warning: .*s2\.m4a is given more than once: it plays 2 times\n$/);
    expect(ffprobeChapters(join(dir, 'twice.m4b')).map((c) => c.title)).toEqual(['s2', 's2 (2)']);
  }, 120_000);

  it('names a file that is no audio, in one line', () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not audio');
    const run = runCli(['export', inputs[0]!, text, '-o', join(dir, 'x.m4b')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^cuewright: .*notes\.txt: unknown audio format.*\n$/);
  });
});
