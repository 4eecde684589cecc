import { type ClipPeaks, timelinePeaks } from '../../../audio/peaks/timeline-peaks.ts';
import { clipsOf, type Production } from '../../../cues/production/recording-edits.ts';
import { placeClips, timelineDuration } from '../../../cues/production/timeline.ts';
import { fileNameOf } from '../../../src/shared/file-name-of.ts';
import type { PeaksData } from '../../../src/shared/ipc.ts';
import type { RecordingView } from '../../../src/shared/project-view.ts';
import type { ShownClip } from '../views/clip-lane.ts';
import { PeakLevels } from '../views/peak-levels.ts';
import type { MediaClip } from './production-media.ts';

// What the timeline shows and plays for a production: its clips with the URL each recording
// streams from, their names, and the waveform peaks composed from each recording's own.

type FetchPeaks = (samplesPerPixel: number, path?: string) => Promise<PeaksData>;

export interface ProductionLayout {
  duration: number;
  media: MediaClip[];
  shown: ShownClip[];
  levels: PeakLevels;
  /** A recording under the timeline is missing: nothing plays until it is relinked. */
  missing: RecordingView[];
}

/** The file name a clip is shown under (its title when it has one). */
export function recordingName(r: Pick<RecordingView, 'path' | 'title'>): string {
  return r.title ?? fileNameOf(r.path);
}

/**
 * The name a recording is shown under: the one given in the project (renamed in the Recordings
 * panel, or from its tags when aligned), else the file name of where it is now.
 */
export function shownName(
  recording: Pick<RecordingView, 'path' | 'title'> | undefined,
  view: Pick<RecordingView, 'path' | 'title'> | undefined,
): string {
  const title = recording?.title ?? view?.title;
  return recordingName({
    path: view?.path ?? recording?.path ?? '',
    ...(title !== undefined ? { title } : {}),
  });
}

/**
 * The production laid out to show and play. `runsTo`: seconds the production lasts at least
 * (a drama's sounds playing past its last line, as its mix has them); the clips' end otherwise.
 */
export function productionLayout(
  production: Production,
  views: Map<string, RecordingView>,
  fetch: FetchPeaks,
  runsTo = 0,
): ProductionLayout {
  const clips = placeClips(clipsOf(production));
  const duration = Math.max(timelineDuration(clips), runsTo);
  const viewOf = (id: string) => views.get(id)!;
  const media = clips.map((c) => ({ ...c, url: viewOf(c.recording).missing ? '' : viewOf(c.recording).url }));
  const own = new Map(production.recordings.map((r) => [r.id, r]));
  const shown = clips.map((c) => ({
    recording: c.recording,
    name: shownName(own.get(c.recording), viewOf(c.recording)),
    at: c.at,
    length: c.to - c.from,
  }));
  const used = [...new Set(clips.map((c) => c.recording))].map(viewOf);
  const missing = used.filter((r) => r.missing);
  const playable = used.filter((r) => !r.missing);
  const rate = Math.max(0, ...playable.map((r) => r.sampleRate)) || 44_100;
  const whole = clips.length === 1 && clips[0]!.from === 0 && playable.length === 1;
  // One recording played whole: its own peaks as they are (as before productions).
  const levels = whole
    ? new PeakLevels((spp) => fetch(spp), rate, duration * rate)
    : new PeakLevels(
        async (spp) => {
          const each = new Map(
            await Promise.all(
              playable.map(
                async (r) =>
                  [r.id, await fetch(Math.max(1, Math.round((spp * r.sampleRate) / rate)), r.path)] as const,
              ),
            ),
          );
          const pieces: ClipPeaks[] = clips.map((c) => {
            const peaks = each.get(c.recording);
            return {
              ...(peaks ? { pairs: floats(peaks) } : {}),
              pairsPerSecond: peaks ? peaks.sampleRate / peaks.samplesPerPixel : 0,
              from: c.from,
              to: c.to,
              at: c.at,
            };
          });
          return {
            samplesPerPixel: spp,
            sampleRate: rate,
            data: int16(timelinePeaks(pieces, rate / spp, duration)),
          };
        },
        rate,
        duration * rate,
      );
  return { duration, media, shown, levels, missing };
}

function floats(peaks: PeaksData): Float32Array {
  const values = new Int16Array(peaks.data.buffer, peaks.data.byteOffset, peaks.data.byteLength / 2);
  return Float32Array.from(values, (v) => v / 32767);
}

function int16(values: Float32Array): Uint8Array {
  const out = Int16Array.from(values, (v) => Math.round(Math.max(-1, Math.min(1, v)) * 32767));
  return new Uint8Array(out.buffer);
}
