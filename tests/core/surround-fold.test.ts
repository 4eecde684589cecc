import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeAudio, streamAudio } from '../../src/audio-io/audio-source.ts';
import { openSourceCache } from '../../src/production/source-cache.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, ffprobe, tempDir, toneAmplitude } from '../support/signals.ts';

// A 5.1 recording, as ffmpeg writes it: the LibriVox reader of Sonnet I on the centre, a 50 Hz hum
// on the LFE, faint noise on the other four. Before, `analyze` found no pause (the hum filled
// them), an MP3 or Opus export stopped on an internal error, and a drama sound of more than two
// channels was averaged to mono. Now every decoder hands on the channels in WAV order, and they
// fold as ITU-R BS.775 downmixes 5.1 to stereo: centre at -3 dB on both sides, LFE left out.

const SECONDS = 30;
const HUM = 50;
/** The hum's amplitude: louder than the voice, so it cannot hide in a fold. */
const HUM_AMPLITUDE = 0.5;

/** Per channel, RMS in dBFS, of `path` as our decoder reads it. */
async function channelLevels(path: string): Promise<number[]> {
  const probe = await probeAudio(path);
  const sums: number[] = [];
  let frames = 0;
  await streamAudio(probe, [
    {
      push(channels: Float32Array[]) {
        for (const [c, x] of channels.entries()) {
          let s = 0;
          for (const v of x) s += v * v;
          sums[c] = (sums[c] ?? 0) + s;
        }
        frames += channels[0]!.length;
      },
    },
  ]);
  return sums.map((s) => 10 * Math.log10(s / frames + 1e-20));
}

/** `path` decoded by ffmpeg to float channels. */
function ffmpegChannels(path: string, channels: number): Float32Array[] {
  const out = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'f32le', '-'], { maxBuffer: 1 << 28 });
  const all = new Float32Array(out.stdout.buffer, out.stdout.byteOffset, out.stdout.length / 4);
  return Array.from({ length: channels }, (_, c) =>
    Float32Array.from({ length: all.length / channels }, (_, i) => all[i * channels + c]!),
  );
}

const rmsDb = (x: Float32Array) => 10 * Math.log10(x.reduce((n, v) => n + v * v, 0) / x.length);

describe('a 5.1 recording', () => {
  let dir: string;
  let surround: string;
  let centre: string;

  beforeAll(() => {
    requireTools('the recording is made and read back by ffmpeg', 'ffmpeg', 'shared data');
    dir = tempDir('surround');
    surround = join(dir, 'sonnet-5.1.wav');
    centre = join(dir, 'sonnet-centre.wav');
    const mono = 'aformat=sample_fmts=fltp:sample_rates=44100:channel_layouts=mono';
    ffmpeg([
      '-i',
      join(SPEECH_DIR, 'sonnets/sonnet001.flac'),
      '-f',
      'lavfi',
      '-i',
      `sine=f=${HUM}:r=44100:d=${SECONDS}`,
      '-f',
      'lavfi',
      '-i',
      `anoisesrc=r=44100:a=0.002:d=${SECONDS}`,
      '-filter_complex',
      // ffmpeg's sine is 1/8 full scale.
      `[0:a]atrim=0:${SECONDS},${mono}[c];[1:a]${mono},volume=${8 * HUM_AMPLITUDE}[lfe];` +
        `[2:a]${mono},asplit=4[l][r][ls][rs];[l][r][c][lfe][ls][rs]amerge=inputs=6[out]`,
      '-map',
      '[out]',
      '-c:a',
      'pcm_s16le',
      surround,
    ]);
    expect(ffprobe(surround, 'stream=channels,channel_layout')).toEqual({
      channels: '6',
      channel_layout: '5.1',
    });
    ffmpeg(['-i', surround, '-af', 'pan=mono|c0=c2', centre]);
    copyFileSync(join(SPEECH_DIR, 'sonnets/sonnet001.txt'), join(dir, 'sonnet.txt'));
    // The cues every export below places its chapters by, aligned on the 5.1 recording itself.
    const aligned = runCli(['align', 'sonnet.txt', surround, '-o', 'cues.json'], dir, 300_000);
    expect(aligned.status, aligned.stderr).toBe(0);
  }, 400_000);

  it('is decoded in WAV order (L R C LFE Ls Rs) from every container ffmpeg writes', async () => {
    const voice = rmsDb(ffmpegChannels(centre, 1)[0]!);
    const hum = 20 * Math.log10(HUM_AMPLITUDE / Math.SQRT2);
    for (const [ext, codec] of [
      ['wav', 'pcm_s16le'],
      ['flac', 'flac'],
      ['ogg', 'libvorbis'],
      ['opus', 'libopus'],
      ['m4a', 'aac'],
    ] as const) {
      const path = join(dir, `coded.${ext}`);
      ffmpeg(['-i', surround, '-c:a', codec, ...(ext === 'opus' ? ['-mapping_family', '1'] : []), path]);
      const levels = await channelLevels(path);
      console.log(`${ext}: ${levels.map((l) => l.toFixed(1)).join(' ')} dBFS`);
      expect(levels).toHaveLength(6);
      expect(Math.abs(levels[2]! - voice), ext).toBeLessThan(1);
      expect(Math.abs(levels[3]! - hum), ext).toBeLessThan(2);
      for (const c of [0, 1, 4, 5]) expect(levels[c]!, `${ext} channel ${c}`).toBeLessThan(-50);
    }
  }, 120_000);

  it('has the pauses its voice has: the LFE’s hum does not fill them', () => {
    const pauses = (path: string): Array<{ start: number; end: number }> => {
      const run = runCli(['analyze', path, '--json'], dir);
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout).pauses;
    };
    const voiced = pauses(centre).filter((p) => p.end - p.start >= 0.4);
    const found = pauses(surround);
    console.log(`pauses: centre alone ${voiced.length} of 0.4 s or more; 5.1 ${found.length}`);
    expect(voiced.length).toBeGreaterThanOrEqual(4);
    for (const p of voiced) {
      const held = found.reduce(
        (n, f) => n + Math.max(0, Math.min(p.end, f.end) - Math.max(p.start, f.start)),
        0,
      );
      expect(held).toBeGreaterThan(0.8 * (p.end - p.start));
    }
  });

  it('exports folded to stereo in every format: the voice on both sides at -3 dB, no hum', () => {
    const voice = rmsDb(ffmpegChannels(centre, 1)[0]!);
    for (const out of ['sonnet.mp3', 'sonnet.opus', 'sonnet.flac', 'sonnet.m4b']) {
      const run = runCli(['export', 'sonnet.txt', surround, '--cues', 'cues.json', '-o', out], dir, 300_000);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('stereo');
      expect(run.stdout).toContain('folded from 6 channels (ITU-R BS.775, LFE left out)');
      expect(ffprobe(join(dir, out), 'stream=channels').channels).toBe('2');
      const [left, right] = ffmpegChannels(join(dir, out), 2);
      const rate = out.endsWith('.opus') ? 48_000 : 44_100;
      console.log(
        `${out}: left ${rmsDb(left!).toFixed(2)}, right ${rmsDb(right!).toFixed(2)} dBFS (voice ${voice.toFixed(2)}); ` +
          `hum ${toneAmplitude(left!, rate, HUM, 1, SECONDS - 1).toExponential(2)}`,
      );
      for (const side of [left!, right!]) {
        expect(Math.abs(rmsDb(side) - (voice - 3.01))).toBeLessThan(0.5);
        // The hum (0.5 on the LFE) is gone: under 1/100 of what a plain mean would leave (1/12).
        expect(toneAmplitude(side, rate, HUM, 1, SECONDS - 1)).toBeLessThan(HUM_AMPLITUDE / 1200);
      }
    }
  }, 600_000);

  it('says a count with no known layout was folded by its mean, not by BS.775', () => {
    const quad = join(dir, 'sonnet-quad.wav');
    ffmpeg(['-i', surround, '-af', 'pan=quad|FL=c0|FR=c1|BL=c2|BR=c4', '-c:a', 'pcm_s16le', quad]);
    const run = runCli(['export', 'sonnet.txt', quad, '--cues', 'cues.json', '-o', 'quad.mp3'], dir, 300_000);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      'stereo 128 kbps folded from 4 channels (their mean: no known layout for that count)',
    );
  }, 300_000);

  it('is cached as a stereo pair for a drama’s mix: the left and right of its fold', async () => {
    const cache = await openSourceCache(44_100);
    try {
      const length = await cache.add('surround', surround, { keepStereo: true });
      expect(cache.channels('surround')).toBe(2);
      const voice = rmsDb(ffmpegChannels(centre, 1)[0]!);
      for (const c of [0, 1]) {
        const side = cache.read('surround', 0, length, c);
        expect(Math.abs(rmsDb(side) - (voice - 3.01))).toBeLessThan(0.2);
        expect(toneAmplitude(side, 44_100, HUM, 1, SECONDS - 1)).toBeLessThan(HUM_AMPLITUDE / 1200);
      }
      // Takes are mono: the fold's mean.
      await cache.add('take', surround);
      expect(cache.channels('take')).toBe(1);
    } finally {
      await cache.dispose();
    }
  });
});
