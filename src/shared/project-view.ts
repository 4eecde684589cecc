import type { CueSheet } from '../../cues/cue-sheet.ts';
import type { ExportSettings } from '../project/project-schema.ts';

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
}
