import { LoudnessMeter } from '../../audio/loudness/loudness-meter.ts';
import { trackPitch } from '../../audio/pitch/pitch-tracker.ts';
import { voiceDifference, voiceStats } from '../../audio/pitch/voice-stats.ts';
import { pauseFloorDb } from '../../audio/silence/pause-floor.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { cueRun } from '../../cues/production/pickup.ts';
import type { Placement } from '../../cues/production/timeline.ts';
import { type AlignEngine, alignFile } from '../align/align-recording.ts';
import { decodeStretch } from '../audio-io/decode-audio-file.ts';
import { fileTitle } from '../project/migrate-project.ts';
import type { PickupTake } from '../project/pickups.ts';
import type { ProjectFile } from '../project/project-schema.ts';
import { resolveAudioPath } from '../project/project-store.ts';
import { rangeHeard } from './find-pickup-cues.ts';
import { surveyRecording } from './survey-recording.ts';

// A pickup made ready to drop in (`cuewright pickup` and the app's "Replace with pickup…"): the
// re-recording of cues `first`..`last` aligned on its own, the gain that brings it to the level of
// the reading it replaces (integrated loudness over the same cues), and the original's room tone
// under it when the pickup's room was quieter.

/** The gain a pickup may get to meet the reading around it, dB either way. */
const MAX_GAIN = 12;
/** A pickup's room quieter than the original's by more than this gets the original's tone under it. */
const ROOM_TONE_FILL_DB = 3;
/** Of a named range's words, a pickup must say at least this share (else it is another passage). */
const MIN_HEARD = 0.4;
/** Under WELL_HEARD, the range's words must cover this share of the pickup's speech, */
const MIN_COVER = 0.5;
/** or the pickup's speech last at most this many times the stretch it replaces (else it is other speech). */
const MAX_LONGER = 1.3;
/** Under this share heard, the pickup's cues are flagged for review (a line missed or changed). */
const WELL_HEARD = 0.75;
/** Seconds of the original around the replaced cues in which its room tone is measured. */
const TONE_CONTEXT = 5;

/** What was measured, for the report (seconds on the original, dB). */
export interface PickupMeasures {
  /** The replaced cues' span on the original recording. */
  originalFrom: number;
  originalTo: number;
  gainDb: number;
  originalToneDb: number;
  /** The pickup's room tone after the gain. */
  pickupToneDb: number;
  roomToneDb?: number;
  /** The pickup's cues flagged for review (by the aligner, the word check or the voice check). */
  flagged: number;
  /** The recording the pickup replaces a stretch of. */
  originalPath: string;
  /** Of the range's words, the share heard in the pickup (0-1). */
  heard: number;
  /** Why the pickup sounds like another voice, when it does. */
  voice?: string;
}

/**
 * Aligns `pickupPath` as cues `first`..`last` of `project` (saved at, or named relative to,
 * `projectPath`) and measures it. `storedPath` is the path the take's recording gets. Throws
 * InputError when the pickup cannot be aligned to its first and last cue or the cues are unplaced.
 */
export async function pickupTake(
  project: ProjectFile,
  projectPath: string,
  pickupPath: string,
  first: string,
  last: string,
  options: {
    engine?: AlignEngine;
    onProgress?: (fraction: number) => void;
    storedPath: string;
    /** The share of the words heard when the cues were found by listening (else it is measured). */
    heard?: number;
  },
): Promise<{ take: PickupTake; measures: PickupMeasures }> {
  const run = new Set(cueRun(project.sheet, first, last));
  const index = (id: string) => project.sheet.cues.findIndex((c) => c.id === id);
  const checked =
    options.heard !== undefined
      ? { heard: options.heard, cover: 1, speech: 0 }
      : await rangeHeard(project.sheet, pickupPath, index(first), index(last));
  const { heard } = checked;
  const percent = `${Math.round(heard * 100)} %`;
  const range = `cues ${index(first) + 1}..${index(last) + 1}`;
  if (heard < MIN_HEARD)
    throw new InputError(
      `${pickupPath}: only ${percent} of the words of ${range} are heard in it: another passage? (nothing changed)`,
    );
  const cues = project.sheet.cues
    .filter((c) => run.has(c.id))
    .map(({ start: _s, end: _e, confidence: _c, review: _r, ...cue }) => cue);
  const part: CueSheet = {
    ...project.sheet,
    cues,
    chapters: [{ id: 'pickup', title: project.sheet.title, cueIds: cues.map((c) => c.id) }],
    sections: [],
  };
  const aligned = await alignFile(part, pickupPath, {
    ...(options.engine ? { engine: options.engine } : {}),
    onProgress: (_phase, f) => options.onProgress?.(f),
  });
  const n = (project.pickups ?? []).length + 1;
  let id = `pickup-${n}`;
  for (let k = n; project.recordings.some((r) => r.id === id); k++) id = `pickup-${k + 1}`;
  const survey = await surveyRecording(pickupPath);
  const duration = survey.frames / survey.probe.sampleRate;
  const onPickup: Placement[] = aligned.cues.flatMap((c) =>
    c.start === undefined
      ? []
      : [
          {
            id: c.id,
            kind: 'cue' as const,
            recording: id,
            start: c.start,
            ...(c.end !== undefined ? { end: c.end } : {}),
          },
        ],
  );
  if (!onPickup.some((p) => p.id === first) || !onPickup.some((p) => p.id === last))
    throw new InputError(`${pickupPath}: the pickup could not be aligned to its first and last cue`);
  // The level of the reading it replaces, and the pickup's own, over the same cues.
  const original = (project.placements ?? []).filter((p) => p.kind === 'cue' && run.has(p.id));
  const originalRecording = project.recordings.find((r) => r.id === original[0]?.recording);
  if (!originalRecording) throw new InputError('the cues the pickup replaces are not placed on a recording');
  const originalPath = resolveAudioPath(projectPath, originalRecording.path);
  const span = (ps: Placement[]) =>
    [Math.min(...ps.map((p) => p.start)), Math.max(...ps.map((p) => p.end ?? p.start))] as const;
  const [oa, ob] = span(original);
  const [pa, pb] = span(onPickup.filter((p) => run.has(p.id)));
  // Some of the words, but most of the pickup is other, longer speech: another recording
  // (listening mode refuses such a pickup too). A poorly heard re-reading is as long as the lines.
  if (heard < WELL_HEARD && checked.cover < MIN_COVER && checked.speech > MAX_LONGER * (ob - oa))
    throw new InputError(
      `${pickupPath}: only ${percent} of the words of ${range} are heard in it, and it has ${checked.speech.toFixed(1)} s of speech for ${(ob - oa).toFixed(1)} s of lines: other speech? (nothing changed)`,
    );
  // Like with like: both measured as they play, on the channels of the two together (a mono
  // pickup in a stereo recording plays on both channels, +3 dB in BS.1770 over mono measured alone).
  const originalAudio = await decodeStretch(originalPath, oa, ob);
  const pickupAudio = await decodeStretch(pickupPath, pa, pb);
  const played = Math.min(2, Math.max(originalAudio.channels.length, pickupAudio.channels.length));
  const level = (audio: { sampleRate: number; channels: Float32Array[] }) => {
    const channels =
      audio.channels.length < played ? [audio.channels[0]!, audio.channels[0]!] : audio.channels;
    const meter = new LoudnessMeter(audio.sampleRate, channels.length);
    meter.push(channels);
    return meter.result().integrated;
  };
  const wanted = level(originalAudio) - level(pickupAudio);
  const gainDb = Number.isFinite(wanted) ? Math.max(-MAX_GAIN, Math.min(MAX_GAIN, wanted)) : 0;
  // Room tone: a pickup from a quieter room gets the original's room tone mixed under it, as much
  // as makes up the difference in power; a noisier one is named (noise cannot be taken out here).
  // Both measured alike: the quietest stretch of pauses, the original's around the replaced cues.
  const around = await decodeStretch(originalPath, Math.max(0, oa - TONE_CONTEXT), ob + TONE_CONTEXT);
  const whole = await decodeStretch(pickupPath, 0, duration);
  const originalTone = pauseFloorDb(around.channels, around.sampleRate);
  const pickupTone = pauseFloorDb(whole.channels, whole.sampleRate) + gainDb;
  // The voice: the pickup's pitch against the reading's over the same cues.
  const voiceOf = async (path: string, from: number, to: number) => {
    const audio = await decodeStretch(path, from, to);
    return voiceStats(trackPitch(audio.channels, audio.sampleRate));
  };
  const voice = voiceDifference(await voiceOf(originalPath, oa, ob), await voiceOf(pickupPath, pa, pb));
  const review = [
    ...(heard < WELL_HEARD ? [`pickup: only ${percent} of these words heard in it`] : []),
    ...(voice ? [`pickup: ${voice}`] : []),
  ].join('; ');
  const missing = 10 ** (originalTone / 10) - 10 ** (pickupTone / 10);
  const roomToneDb =
    Number.isFinite(originalTone) && originalTone > pickupTone + ROOM_TONE_FILL_DB
      ? Math.round((10 * Math.log10(missing) - originalTone) * 10) / 10
      : undefined;
  const take: PickupTake = {
    id,
    recording: {
      id,
      path: options.storedPath,
      size: survey.probe.size,
      duration,
      title: survey.title || fileTitle(pickupPath),
    },
    first,
    last,
    aligned: aligned.cues.flatMap((cue) => {
      const placement = onPickup.find((p) => p.id === cue.id);
      const flagged = review
        ? { ...cue, review: [cue.review, review].filter(Boolean).join('; ').slice(0, 200) }
        : cue;
      return placement ? [{ cue: flagged, placement }] : [];
    }),
    ...(Math.abs(gainDb) >= 0.1 ? { gainDb: Math.round(gainDb * 10) / 10 } : {}),
    ...(roomToneDb !== undefined ? { roomToneDb } : {}),
  };
  return {
    take,
    measures: {
      originalFrom: oa,
      originalTo: ob,
      gainDb,
      originalToneDb: originalTone,
      pickupToneDb: pickupTone,
      ...(roomToneDb !== undefined ? { roomToneDb } : {}),
      flagged: aligned.cues.filter((c) => c.review || review).length,
      originalPath,
      heard,
      ...(voice ? { voice } : {}),
    },
  };
}
