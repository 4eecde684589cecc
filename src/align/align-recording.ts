import { REVIEW } from '../../audio/align/acoustic/place-cues.ts';
import { cueRole } from '../../audio/align/acoustic/script-words.ts';
import { coarseToFineDtw, type OpenEnds } from '../../audio/align/dtw.ts';
import { mapCues } from '../../audio/align/map-cues.ts';
import { type Features, HOP_SECONDS, MfccExtractor, mfcc } from '../../audio/align/mfcc.ts';
import { flagOddDurations } from '../../audio/align/odd-durations.ts';
import { pairSongs } from '../../audio/align/pair-songs.ts';
import { detectSinging } from '../../audio/align/singing-voice.ts';
import {
  detectSungSections,
  lyricSpans,
  overlap,
  type Span,
  songPositions,
  unite,
} from '../../audio/align/sung-sections.ts';
import { flagVoicelessCues } from '../../audio/align/voiceless-cues.ts';
import { MonoCollector } from '../../audio/dsp/mono-collector.ts';
import type { PcmAudio } from '../../audio/pcm.ts';
import { type PitchTrack, PitchTracker, trackPitch } from '../../audio/pitch/pitch-tracker.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { findPauses } from '../../audio/silence/find-pauses.ts';
import type { CueSheet, Section } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { type ProbedAudio, probeAudio, streamAudio } from '../audio-io/audio-source.ts';
import { streamReading } from '../tts/scratch-narration.ts';
import { alignAcoustic } from './acoustic/align-acoustic.ts';
import { SPHINX_RATE } from './acoustic/sphinx-decoder.ts';

// Forced alignment, two engines. `acoustic` (English): a speech recogniser's acoustic model aligns
// the script's words on the recording (acoustic/align-acoustic.ts); the recording is kept as 8 kHz
// mono 16-bit (58 MB per hour). `tts` (any language eSpeak speaks): a TTS reading of the script
// is the reference (its cue times are exact); MFCC features of both and a three-level DTW map it
// onto the recording; boundaries snap to pauses; memory grows with the features only (about 40 MB
// per hour of both). Both stream the recording once, with its pause energies and pitch track.

export type AlignEngine = 'auto' | 'acoustic' | 'tts';
export const ALIGN_ENGINES = ['auto', 'acoustic', 'tts'] as const;

export interface AlignOptions {
  /** `auto` (default): acoustic for English, tts otherwise. */
  engine?: AlignEngine;
  /** The script's language as an eSpeak voice name (BCP 47-like: "en", "en-gb", "de", "fr"); default "en-us". */
  language?: string;
  /** How far the recording may run ahead of or behind the reference, seconds (intro music, pace). */
  bandSeconds?: number;
  /** A line for the user about how the alignment went (an engine fallback). */
  onNotice?: (message: string) => void;
  /** Phase and fraction done, for progress bars. */
  onProgress?: (
    phase: 'reading the script' | 'listening to the recording' | 'aligning',
    fraction: number,
  ) => void;
  signal?: AbortSignal;
}

const DEFAULT_BAND_SECONDS = 60;

/**
 * The engine that will run: `auto` picks the acoustic model for English. Throws InputError when
 * the acoustic engine is asked for a language it has no model of.
 */
export function chooseEngine(options: AlignOptions): 'acoustic' | 'tts' {
  const english = /^en\b/i.test(options.language ?? 'en-us');
  const engine = options.engine ?? 'auto';
  if (engine === 'acoustic' && !english)
    throw new InputError(
      `the acoustic engine has an English model only; align "${options.language}" with --engine tts`,
    );
  return engine === 'auto' ? (english ? 'acoustic' : 'tts') : engine;
}

/** Aligns a file (or a production of several, already probed), streaming it once: never all its samples at full rate. */
export async function alignFile(
  sheet: CueSheet,
  audioPath: string | ProbedAudio,
  options: AlignOptions = {},
): Promise<CueSheet> {
  const engine = chooseEngine(options);
  const probe = typeof audioPath === 'string' ? await probeAudio(audioPath) : audioPath;
  const envelope = new EnergyEnvelope(probe.sampleRate);
  const pitch = new PitchTracker(probe.sampleRate);
  const heard =
    engine === 'acoustic'
      ? new MonoCollector(probe.sampleRate, SPHINX_RATE, probe.frames / probe.sampleRate)
      : new MfccExtractor(probe.sampleRate);
  const abortable = {
    push: () => {
      if (options.signal?.aborted) throw new InputError('alignment cancelled');
    },
  };
  await streamAudio(probe, [abortable, heard, envelope, pitch], (f) =>
    options.onProgress?.('listening to the recording', f),
  );
  if (heard instanceof MonoCollector) {
    const aligned = await alignHeardAcoustic(sheet, heard.finish(), envelope, pitch.finish(), options);
    return followed(aligned, options) ? aligned : alignFile(sheet, audioPath, fallback(options));
  }
  return alignFeatures(sheet, { features: heard.finish(), envelope, pitch: pitch.finish() }, options);
}

/** Aligns decoded audio (a stretch between anchors, tests). */
export async function alignRecording(
  sheet: CueSheet,
  recording: PcmAudio,
  options: AlignOptions = {},
): Promise<CueSheet> {
  const envelope = new EnergyEnvelope(recording.sampleRate);
  envelope.push(recording.channels);
  const pitch = trackPitch(recording.channels, recording.sampleRate);
  if (chooseEngine(options) === 'acoustic') {
    const collector = new MonoCollector(
      recording.sampleRate,
      SPHINX_RATE,
      (recording.channels[0]?.length ?? 0) / recording.sampleRate,
    );
    collector.push(recording.channels);
    const aligned = await alignHeardAcoustic(sheet, collector.finish(), envelope, pitch, options);
    return followed(aligned, options) ? aligned : alignRecording(sheet, recording, fallback(options));
  }
  return alignFeatures(sheet, { features: mfcc(recording), envelope, pitch }, options);
}

/**
 * Above this share of spoken cues not found, the acoustic model could not follow the voice (a walk
 * that gives up leaves the rest of its half unplaced); a line or two the reader skipped is not that.
 */
const LOST_SHARE = 0.5;

/**
 * Whether the acoustic engine followed the recording. With `auto` it may not have: its model is of
 * human speech, and on a formant synthesiser's voice (eSpeak's scratch reading) window after window
 * had no path; the TTS engine then aligns it instead.
 */
function followed(aligned: CueSheet, options: AlignOptions): boolean {
  if ((options.engine ?? 'auto') !== 'auto') return true;
  const spoken = aligned.cues.filter((c) => cueRole(c) === 'spoken');
  const lost = spoken.filter((c) => c.review === REVIEW.notFound).length;
  // Half the cues flagged is no alignment to offer either (eSpeak's voice: windows interleaving
  // failures and forced, misplaced successes).
  const doubtful = spoken.filter((c) => c.review !== undefined).length;
  return lost <= LOST_SHARE * spoken.length && doubtful < LOST_SHARE * spoken.length;
}

function fallback(options: AlignOptions): AlignOptions {
  options.onNotice?.(
    'the acoustic model could not follow this voice (a synthetic one?): aligned with the TTS engine instead',
  );
  return { ...options, engine: 'tts' };
}

async function alignHeardAcoustic(
  sheet: CueSheet,
  track: Int16Array,
  envelope: EnergyEnvelope,
  pitch: PitchTrack,
  options: AlignOptions,
): Promise<CueSheet> {
  // Song over music (it never pauses) and song without it (held notes): both are sung sections.
  const songs = unite([...detectSungSections(envelope), ...detectSinging(pitch)]);
  const aligned = await alignAcoustic(
    sheet,
    { track, pauses: findPauses(envelope), songs },
    {
      onProgress: (f) => options.onProgress?.('aligning', f),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  // Reported: songs the lyrics met, and music where no cue is (an intro, a sting); a detection
  // over speech the recogniser heard is no music.
  const lyricSpans = aligned.cues
    .filter((c) => c.kind === 'lyric' && !c.review)
    .map((c) => ({ start: c.start!, end: c.end! }));
  const speech = aligned.cues
    .filter((c) => c.kind !== 'lyric' && c.start !== undefined && c.end! > c.start && !c.review)
    .map((c) => ({ start: c.start!, end: c.end! }));
  const sung = songs.filter((s) => lyricSpans.some((l) => overlap(s, l) > 0));
  const music = songs.filter(
    (s) => !sung.includes(s) && speech.reduce((n, c) => n + overlap(s, c), 0) < 0.5 * (s.end - s.start),
  );
  return flagOddDurations({
    ...aligned,
    sections: [...describe(sung, 'sung'), ...describe(music, 'music')].sort((a, b) => a.start - b.start),
  });
}

/** What alignment keeps of a recording: never its samples. */
interface Heard {
  features: Features;
  envelope: EnergyEnvelope;
  pitch: PitchTrack;
}

async function alignFeatures(sheet: CueSheet, heard: Heard, options: AlignOptions): Promise<CueSheet> {
  const { features: recording, envelope } = heard;
  let extractor: MfccExtractor | undefined;
  const reading = await streamReading(
    sheet,
    (rate) => {
      extractor = new MfccExtractor(rate);
      return extractor;
    },
    {
      onProgress: (f) => options.onProgress?.('reading the script', f),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.language ? { style: { narratorVoice: options.language } } : {}),
    },
  );
  options.onProgress?.('aligning', 0);
  const band = Math.round((options.bandSeconds ?? DEFAULT_BAND_SECONDS) / HOP_SECONDS);
  const reference = extractor!.finish();
  const pauses = findPauses(envelope);
  // Song over music (it never pauses) and song without it (held notes): both are sung sections.
  const voices = detectSinging(heard.pitch);
  const sections = unite([...detectSungSections(envelope), ...voices]);
  const ends = openEnds(sections, pauses, recording.frames);
  let path = coarseToFineDtw(reference, recording, band, undefined, ends);
  let aligned = mapCues(reading.sheet, path, pauses);
  // Songs do not look like the reference's reading (sung notes are held, often over a band): each
  // song that a detected section is found to be (pair-songs.ts) meets it by that fact alone
  // (dtw.ts), and the alignment runs again. A partial detection (one held line in a spoken song)
  // pairs with nothing, so the song keeps its spectral match.
  const placedSongs = lyricSpans(aligned);
  const readSongs = lyricSpans(reading.sheet);
  const pairs = pairSongs(placedSongs, sections, voices, options.bandSeconds ?? DEFAULT_BAND_SECONDS).map(
    (p) => ({ read: readSongs[p.song]!, heard: p.heard }),
  );
  if (pairs.length > 0) {
    recording.sung = songPositions(
      pairs.map((p) => p.heard),
      recording.frames,
      HOP_SECONDS,
    );
    reference.sung = songPositions(
      pairs.map((p) => [p.read]),
      reference.frames,
      HOP_SECONDS,
    );
    path = coarseToFineDtw(reference, recording, band, undefined, ends);
    aligned = mapCues(reading.sheet, path, pauses);
  }
  options.onProgress?.('aligning', 1);
  const sung = pairs.flatMap((p) => p.heard);
  // Reported: the sung sections that songs met, and music where no song is (an intro, a sting).
  const music = sections.filter((s) => ![...sung, ...placedSongs].some((song) => overlap(s, song) > 0));
  const checked = flagOddDurations({
    ...aligned,
    sections: [...describe(sung, 'sung'), ...describe(music, 'music')].sort((a, b) => a.start - b.start),
  });
  return flagVoicelessCues(checked, heard.pitch);
}

/** Slack around the non-speech at either end where the reading may begin or finish, seconds. */
const END_SLACK = 1;

/**
 * Where the reading may begin and finish (DTW frames): after music or silence that opens the
 * recording, before music or silence that closes it, and nowhere else.
 */
function openEnds(sections: Span[], pauses: Span[], frames: number): OpenEnds {
  const duration = frames * HOP_SECONDS;
  let lead = 0;
  let trail = duration;
  for (const s of [...sections, ...pauses]) {
    if (s.start <= lead + 0.05) lead = Math.max(lead, s.end);
  }
  for (const s of [...sections, ...pauses].sort((a, b) => b.end - a.end)) {
    if (s.end >= trail - 0.05) trail = Math.min(trail, s.start);
  }
  return {
    beginUntil: Math.round((lead + END_SLACK) / HOP_SECONDS),
    endFrom: Math.max(0, Math.round((trail - END_SLACK) / HOP_SECONDS)),
  };
}

function describe(spans: Span[], kind: 'sung' | 'music'): Section[] {
  return spans.map((span) => ({
    id: `${kind}-${Math.round(span.start * 1000)}`,
    kind,
    start: Math.round(span.start * 1000) / 1000,
    end: Math.round(span.end * 1000) / 1000,
    origin: 'detected' as const,
  }));
}
