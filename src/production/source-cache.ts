import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Int16Stream } from '../../audio/dsp/int16-stream.ts';
import type { SourceReader } from '../../audio/mix/render-lanes.ts';
import { probeAudio, streamAudio } from '../audio-io/audio-source.ts';
import { removeStaleSources, sourcesPrefix } from './stale-sources.ts';

// A drama's recordings and sounds decoded once each, 16-bit at the mix rate, into raw files (one
// a channel) in a temporary folder: mono (the samples MonoCollector would keep, as the
// whole-memory mix had them), or a stereo sound kept stereo when asked. They are read back a
// stretch at a time as the mix renders block by block: memory holds a decoder's block and a mix
// block, never a recording. 30 minutes at 44.1 kHz is 159 MB on disk. Folders a
// stopped mix left are removed by the next process's first mix (stale-sources.ts).

export interface SourceCache extends SourceReader {
  /**
   * Decodes `path` under `key` (once: a key already cached is kept); its length in samples. Mono,
   * unless `keepStereo` and the file has two channels or more (a sound panned as a stereo pair;
   * surround folded to stereo, audio/dsp/channel-fold.ts).
   */
  add(key: string, path: string, options?: { keepStereo?: boolean }): Promise<number>;
  /** Closes the files and removes the folder. */
  dispose(): Promise<void>;
}

/** The sweep of folders stopped mixes left (stale-sources.ts), started by this process's first mix. */
let sweep: Promise<unknown> | undefined;

/** An empty cache at `rate` Hz in a new temporary folder. */
export async function openSourceCache(rate: number): Promise<SourceCache> {
  // Once a process: the app mixes on every change of pick (its levels), and a folder left by a
  // process that is gone does not come back.
  sweep ??= removeStaleSources();
  await sweep;
  const dir = await mkdtemp(join(tmpdir(), sourcesPrefix()));
  const files = new Map<string, { fds: number[]; length: number }>();
  let made = 0;
  return {
    async add(key, path, options = {}) {
      const known = files.get(key);
      if (known) return known.length;
      const probe = await probeAudio(path);
      const fds: number[] = [];
      let length = 0;
      const stream = new Int16Stream(
        probe.sampleRate,
        probe.channels,
        rate,
        options.keepStereo === true,
        (blocks) => {
          for (const [c, block] of blocks.entries())
            writeSync(fds[c]!, block, 0, block.byteLength, length * 2);
          length += blocks[0]!.length;
        },
      );
      try {
        for (let c = 0; c < stream.channels; c++) fds.push(openSync(join(dir, `${made++}.s16`), 'w+'));
        await streamAudio(probe, [stream]);
        stream.finish();
      } catch (error) {
        for (const fd of fds) closeSync(fd);
        throw error;
      }
      files.set(key, { fds, length });
      return length;
    },
    length: (key) => files.get(key)?.length,
    channels: (key) => files.get(key)?.fds.length ?? 1,
    read(key, offset, count, channel = 0) {
      const { fds } = files.get(key)!;
      const fd = fds[Math.min(channel, fds.length - 1)]!;
      const raw = new Int16Array(count);
      const bytes = new Uint8Array(raw.buffer);
      let done = 0;
      while (done < bytes.length) {
        const got = readSync(fd, bytes, done, bytes.length - done, offset * 2 + done);
        if (got === 0) break;
        done += got;
      }
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = raw[i]! / 32768;
      return out;
    },
    async dispose() {
      for (const { fds } of files.values()) for (const fd of fds) closeSync(fd);
      files.clear();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
