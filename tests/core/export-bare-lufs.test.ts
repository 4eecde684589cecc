import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED } from '../support/paths.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, ffmpegLoudness, ffprobe, tempDir } from '../support/signals.ts';

// `--loudness -16` to an MP3 gave "64 kbps mono" and was taken for the podcast-mono preset's rules
// applied to a bare number. It is not: a bare LUFS number changes the loudness only, the file
// keeping the recording's channels and the format's default bitrate (64 kbps for mono, 128 kbps for
// stereo MP3) or the one asked; the reading that gave it was mono. A named preset does set them,
// and the summary now says which it set (it showed the shape, never that the preset chose it).
// Real speech: the LibriVox reading of Sonnet I (mono), and the same made stereo.

const SONNET = `${SHARED}speech/sonnets/sonnet001`;

describe('cuewright export --loudness: a LUFS number or a preset', () => {
  const dir = tempDir('export-bare-lufs');
  const stereo = join(dir, 'stereo.wav');
  const shape = (file: string) => {
    const s = ffprobe(file, 'stream=channels,sample_rate,bit_rate');
    return { channels: Number(s.channels), sampleRate: Number(s.sample_rate), bitrate: Number(s.bit_rate) };
  };
  const exportTo = (name: string, audio: string, ...options: string[]) => {
    const run = runCli(
      ['export', `${SONNET}.txt`, audio, '--cues', 'cues.json', '-o', name, ...options],
      dir,
      300_000,
    );
    expect(run.status, run.stderr).toBe(0);
    return { file: join(dir, name), stdout: run.stdout };
  };

  beforeAll(() => {
    requireTools('the MP3s are read back by ffprobe and ffmpeg', 'ffmpeg', 'shared data');
    const aligned = runCli(['align', `${SONNET}.txt`, `${SONNET}.flac`, '-o', 'cues.json'], dir, 300_000);
    expect(aligned.status, aligned.stderr).toBe(0);
    ffmpeg(['-i', `${SONNET}.flac`, '-ac', '2', '-c:a', 'pcm_s16le', stereo]);
  }, 600_000);

  it('a bare number changes the loudness only: channels and bitrate as without it, or as asked', () => {
    for (const [source, channels, bitrate] of [
      [`${SONNET}.flac`, 1, 64_000],
      [stereo, 2, 128_000],
    ] as const) {
      const tag = `${channels}ch`;
      const plain = exportTo(`plain-${tag}.mp3`, source);
      const levelled = exportTo(`lufs-${tag}.mp3`, source, '--loudness', '-16');
      expect(shape(levelled.file)).toEqual(shape(plain.file));
      expect(shape(levelled.file)).toEqual({ channels, sampleRate: 44_100, bitrate });
      expect(ffmpegLoudness(levelled.file).integrated).toBeCloseTo(-16, 0);
      // Nothing said about a preset: there is none.
      expect(levelled.stdout).not.toMatch(/delivers/);
    }
    const asked = exportTo('lufs-96.mp3', `${SONNET}.flac`, '--loudness', '-16', '--bitrate', '96');
    expect(shape(asked.file)).toEqual({ channels: 1, sampleRate: 44_100, bitrate: 96_000 });
  }, 900_000);

  it('a named preset sets channels, rate and bitrate, and the summary says it did', () => {
    // The mono reading made stereo at 128 kbps: what "podcast stereo" promises.
    const podcast = exportTo('podcast.mp3', `${SONNET}.flac`, '--loudness', 'podcast');
    expect(shape(podcast.file)).toEqual({ channels: 2, sampleRate: 44_100, bitrate: 128_000 });
    expect(podcast.stdout.split('\n')[1]).toBe(
      '  stereo, 44.1 kHz, 128 kbps: as --loudness podcast delivers',
    );
    // The stereo copy made mono at 64 kbps; a bitrate asked is the user's, not the preset's.
    const mono = exportTo('mono.mp3', stereo, '--loudness', 'podcast-mono', '--bitrate', '96');
    expect(shape(mono.file)).toEqual({ channels: 1, sampleRate: 44_100, bitrate: 96_000 });
    expect(mono.stdout.split('\n')[1]).toBe('  mono, 44.1 kHz: as --loudness podcast-mono delivers');
  }, 600_000);

  it('a recording exported with no script says its shape and what the preset set too', () => {
    // It said only "(mp3, 00:00:53.267, …)": a mono reading made stereo without a word.
    const run = runCli(
      ['export', `${SONNET}.flac`, '-o', 'alone.mp3', '--loudness', 'podcast'],
      dir,
      300_000,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(shape(join(dir, 'alone.mp3'))).toEqual({ channels: 2, sampleRate: 44_100, bitrate: 128_000 });
    const [wrote, preset] = run.stdout.split('\n');
    expect(wrote).toMatch(/^wrote \S*alone\.mp3 \(mp3, 44\.1 kHz stereo 128 kbps, 00:00:53\.\d+, /);
    expect(preset).toBe('  stereo, 44.1 kHz, 128 kbps: as --loudness podcast delivers');
  }, 600_000);
});
