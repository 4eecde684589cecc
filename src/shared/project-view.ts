import type { CueSheet } from '../../cues/cue-sheet.ts';
import type { Clip, Placement } from '../../cues/production/timeline.ts';
import type { ExportSettings, ProjectFile } from '../project/project-schema.ts';

/** One recording of the open project as the renderer sees it (the recordings panel, playback). */
export interface RecordingView {
  id: string;
  /** Absolute path of the file. */
  path: string;
  /** Where a media element streams it from (a per-session token, not the path). */
  url: string;
  /** Seconds. */
  duration: number;
  /** 0 when the file is missing. */
  sampleRate: number;
  /** Container or codec as probed ('wav', 'flac', 'mp3'…); '' when missing. */
  format: string;
  size: number;
  missing: boolean;
  /** Why it cannot be used where it is (outside `serve --root`). */
  unreachable?: string;
  /**
   * A truncated WAV's "truncated WAV: the header says 53.3 s, the file holds 10.0 s (43.3 s
   * missing)": it is read as far as it goes (`duration` is what it holds).
   */
  cutShort?: string;
  title?: string;
  pickup?: boolean;
}

/** What the renderer gets when a project opens: everything to draw it, nothing it must not see. */
export interface ProjectView {
  /** Undefined for a project never saved (the sample, a new project). */
  projectPath?: string;
  title: string;
  scriptText: string;
  sheet: CueSheet;
  audio: {
    path: string;
    /** Where the media element streams it from (a per-session token, not the path). */
    url: string;
    duration: number;
    sampleRate: number;
    /** The referenced audio is not where the project says: offer to relink. */
    missing: boolean;
    /** Why it cannot be used where it is, when it exists but may not be read (outside `serve --root`). */
    unreachable?: string;
  };
  /**
   * Every recording of the project in running order; `audio` above sums them up (the first's
   * path and url, the production's length, missing when any is).
   */
  recordings: RecordingView[];
  /** The clips that play, when the project has its own timeline (pickups); else every recording whole. */
  timeline?: Clip[];
  /** Cues, sections and chapter flags on their recordings' clocks, as loaded. */
  placements?: Placement[];
  /** The pickups dropped in (each can be taken out again). */
  pickups?: ProjectFile['pickups'];
  /** An assembled drama's takes per line and the one that plays (`cuewright assemble`). */
  takes?: ProjectFile['takes'];
  /** A drama's mixer per lane: gain (dB), pan, mute, solo (src/project/lanes-schema.ts). */
  lanes?: ProjectFile['lanes'];
  /** A drama's dialogue levelled per actor in the preview and the export (absent: yes). */
  levelDialogue?: boolean;
  /**
   * A drama's sound and music files (`cuewright assemble --sfx/--music`) at their cues: the path
   * (absolute), the URL the preview plays it from ('' when it may not be read from here), its
   * rate (Hz) and its length in seconds when its header says them.
   */
  sounds?: Array<
    NonNullable<ProjectFile['sounds']>[number] & { url: string; sampleRate?: number; seconds?: number }
  >;
  exportSettings: ExportSettings;
  /** An autosave newer than this project's last save exists; `recoverProject` opens it. */
  recovery?: { recoveryPath: string; savedAt: string };
  isSample: boolean;
}

export interface PeaksData {
  samplesPerPixel: number;
  sampleRate: number;
  /** Interleaved min/max pairs, 16-bit little-endian (x / 32767). */
  data: Uint8Array;
}

export interface ExportSummary {
  output: string;
  files: string[];
  chapters: Array<{ title: string; start: number }>;
  integrated: number | null;
  duration: number;
  /** A preset that checks its files (ACX): each file's verdict, in the order of `files`. */
  checks?: Array<{ pass: boolean; problems: string[] }>;
  /** A drama's stems when asked for: the folder and one WAV per lane in it (lane order). */
  stems?: { dir: string; files: string[] };
  /** A drama's dialogue levelled per actor (false: at the recorded levels). */
  levelled?: boolean;
  /**
   * The delivered file (decoded back and measured) missed the loudness preset: what `cuewright
   * export` warns of on stderr ("target missed: -21.3 LUFS delivered, 5.3 LU short of …").
   */
  targetMissed?: string;
  /** A drama's mix went past full scale with no loudness target to limit it (drama-export.ts). */
  clipped?: string;
}
