import { spawnSync } from 'node:child_process';
import { ffmpegLoudness, ffprobe } from './signals.ts';

// ffmpeg as the independent reader of a file: what it decodes (rate, channels, exact length)
// and how loud it measures it. Throws when ffmpeg is missing: a test never passes without it.

export interface ReferenceDecode {
  sampleRate: number;
  channels: number;
  /** Decoded length in frames (samples per channel). */
  frames: number;
  /** ebur128 integrated loudness, LUFS. */
  integrated: number;
}

export function ffmpegReference(path: string): ReferenceDecode {
  const stream = ffprobe(path, 'stream=sample_rate,channels');
  const sampleRate = Number(stream.sample_rate);
  const channels = Number(stream.channels);
  const decoded = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-nostdin', '-i', path, '-map', '0:a:0', '-f', 'f32le', '-'],
    {
      maxBuffer: 1 << 30,
    },
  );
  if (decoded.status !== 0) throw new Error(`ffmpeg could not decode ${path}: ${decoded.stderr}`);
  const frames = decoded.stdout.length / 4 / channels;
  return { sampleRate, channels, frames, integrated: ffmpegLoudness(path).integrated };
}

/** The AudioSpecificConfig ffprobe reads from a file's first audio stream (its extradata). */
export function ffprobeExtradata(path: string): Uint8Array {
  const out = spawnSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'a:0', '-show_streams', '-show_data', path],
    {
      encoding: 'utf8',
    },
  );
  if (out.status !== 0) throw new Error(`ffprobe ${path}: ${out.stderr}`);
  const block = /extradata=\n((?:[0-9a-f]{8}: [^\n]*\n)+)/.exec(out.stdout)?.[1] ?? '';
  const hex = block
    .split('\n')
    .map((line) => line.slice(10, 50).replace(/\s/g, ''))
    .join('');
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}
