import type { Recording } from '../../cues/production/timeline.ts';
import type { RecordingView } from '../shared/project-view.ts';
import type { OpenAudio } from './open-audio.ts';

// One recording of the open project as the back end holds it: where it is, and its audio once
// opened (undefined while it is missing or may not be read).

export interface OpenRecording {
  id: string;
  /** Absolute path. */
  path: string;
  audio?: OpenAudio;
  /** What the project file said, for a recording that is missing (seconds, bytes). */
  storedDuration: number;
  storedSize: number;
  title?: string;
  pickup?: boolean;
  /** It exists but lies outside the served folder: shown as missing, with Relink offered. */
  unreachable?: string;
}

/** The recording as a project file lists it (path as given: the caller makes it relative). */
export function asRecording(r: OpenRecording): Recording {
  return {
    id: r.id,
    path: r.path,
    size: r.audio?.size ?? r.storedSize,
    duration: r.audio?.duration ?? r.storedDuration,
    ...(r.title !== undefined ? { title: r.title } : {}),
    ...(r.pickup ? { pickup: true } : {}),
  };
}

/** The recording as the renderer sees it; `url` streams it. */
export function recordingView(r: OpenRecording, url: string): RecordingView {
  return {
    id: r.id,
    path: r.path,
    url,
    duration: r.audio?.duration ?? r.storedDuration,
    sampleRate: r.audio?.sampleRate ?? 0,
    format: r.audio?.format ?? '',
    size: r.audio?.size ?? r.storedSize,
    missing: !r.audio,
    ...(r.unreachable ? { unreachable: r.unreachable } : {}),
    ...(r.audio?.cutShort ? { cutShort: r.audio.cutShort } : {}),
    ...(r.title !== undefined ? { title: r.title } : {}),
    ...(r.pickup ? { pickup: true } : {}),
  };
}
