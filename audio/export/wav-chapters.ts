import type { ChapterMark } from '../../cues/sidecars/chapter-marks.ts';
import { concat, latin1, text, u32le } from './bytes.ts';

// Chapters in a WAV: a `cue ` chunk of points plus `LIST/adtl` with a `labl` per point (all labl
// before any ltxt: ffmpeg stops at the first other sub-chunk), and optionally an `id3 ` chunk with
// CHAP frames, which music-metadata reads.

export function wavCueChunks(chapters: ChapterMark[], sampleRate: number): Uint8Array {
  const points = chapters.map((chapter, i) =>
    concat([
      u32le(i + 1),
      u32le(Math.round(chapter.start * sampleRate)),
      latin1('data'),
      u32le(0),
      u32le(0),
      u32le(Math.round(chapter.start * sampleRate)),
    ]),
  );
  const cue = chunk('cue ', concat([u32le(chapters.length), ...points]));
  const labels = chapters.map((chapter, i) =>
    chunk('labl', concat([u32le(i + 1), text(chapter.title), Uint8Array.of(0)])),
  );
  const list = chunk('LIST', concat([latin1('adtl'), ...labels]));
  return concat([cue, list]);
}

export function chunk(id: string, body: Uint8Array): Uint8Array {
  const padded = body.length % 2 === 1 ? concat([body, Uint8Array.of(0)]) : body;
  return concat([latin1(id), u32le(body.length), padded]);
}
