import { open } from 'node:fs/promises';
import { parseFile } from 'music-metadata';
import { type AudioFormat, FORMAT_NAMES } from '../../audio/sniff-format.ts';
import { readWavCuePoints } from '../../audio/wav/wav-cue-points.ts';
import { InputError } from '../../cues/input-error.ts';
import { type ChapterImport, finishImport } from '../../cues/sidecars/imports/imported-chapters.ts';
import { readVorbisChapterComments } from '../../cues/sidecars/imports/vorbis-chapter-comments.ts';
import { FileError } from '../io/file-error.ts';
import { chapterSeconds } from './audio-metadata.ts';
import { probeAudio } from './audio-source.ts';

// The chapters already inside an audio file: MP3 ID3v2 CHAP frames, M4B/M4A Nero `chpl` or a
// QuickTime chapter track (both through music-metadata), FLAC and Ogg CHAPTERxxx comments, WAV
// `cue ` points named by their `LIST/adtl` labels.

/** The most of a WAV's metadata chunk that is read (a cue list of thousands of points fits). */
const MAX_CHUNK = 16 << 20;

export interface EmbeddedChapters extends ChapterImport {
  /** The container, as people name it ("MP3", "M4A/MP4 (AAC)"). */
  container: string;
  /** The audio's length, seconds. */
  duration: number;
}

export async function readEmbeddedChapters(path: string): Promise<EmbeddedChapters> {
  const probe = await probeAudio(path);
  const duration = probe.frames / probe.sampleRate;
  try {
    const found = probe.wav
      ? await wavChapters(path, probe.sampleRate)
      : await taggedChapters(path, probe.format);
    if (!found) throw new InputError(`this ${FORMAT_NAMES[probe.format]} file has no chapters`);
    return { ...found, container: FORMAT_NAMES[probe.format], duration };
  } catch (error) {
    throw FileError.wrap(path, error);
  }
}

async function taggedChapters(path: string, format: AudioFormat): Promise<ChapterImport | undefined> {
  const meta = await parseFile(path, { duration: false, includeChapters: true, skipCovers: true });
  if (format === 'flac' || format === 'vorbis' || format === 'opus') {
    const comments = Object.values(meta.native).flatMap((tags) =>
      tags.flatMap((t): Array<[string, string]> => (typeof t.value === 'string' ? [[t.id, t.value]] : [])),
    );
    return readVorbisChapterComments(comments);
  }
  const list = meta.format.chapters ?? [];
  if (list.length === 0) return undefined;
  const rate = meta.format.sampleRate ?? 1;
  return finishImport(
    list.map((c) => ({ start: chapterSeconds(c, rate), title: c.title })),
    [],
    'file',
  );
}

/** Walks the RIFF chunks by their headers (the samples are never read) for `cue ` and `LIST/adtl`. */
async function wavChapters(path: string, sampleRate: number): Promise<ChapterImport | undefined> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const header = new Uint8Array(8);
    let cue: Uint8Array | undefined;
    let adtl: Uint8Array | undefined;
    let at = 12;
    while (at + 8 <= size) {
      await file.read(header, 0, 8, at);
      const id = String.fromCharCode(...header.subarray(0, 4));
      const length = new DataView(header.buffer).getUint32(4, true);
      if ((id === 'cue ' || id === 'LIST') && length <= MAX_CHUNK) {
        const body = new Uint8Array(length);
        await file.read(body, 0, length, at + 8);
        if (id === 'cue ') cue = body;
        else if (String.fromCharCode(...body.subarray(0, 4)) === 'adtl') adtl = body;
      }
      if (id === 'data' && length === 0xffffffff) break; // RF64: a data chunk of its own size field
      at += 8 + length + (length & 1);
    }
    if (!cue) return undefined;
    const points = readWavCuePoints(cue, adtl);
    if (points.length === 0) return undefined;
    return finishImport(
      points.map((p, i) => ({
        start: p.sample / sampleRate,
        title: p.label ? new TextDecoder().decode(p.label) : `Marker ${i + 1}`,
      })),
      [],
      'file',
    );
  } finally {
    await file.close();
  }
}
