import { coarseToFineDtw } from '../../audio/align/dtw.ts';
import { mapCues } from '../../audio/align/map-cues.ts';
import { type Features, HOP_SECONDS, MfccExtractor, mfcc } from '../../audio/align/mfcc.ts';
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
import type { PcmAudio } from '../../audio/pcm.ts';
import { type PitchTrack, PitchTracker, trackPitch } from '../../audio/pitch/pitch-tracker.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { findPauses } from '../../audio/silence/find-pauses.ts';
import type { CueSheet, Section } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { probeAudio, streamAudio } from '../audio-io/audio-source.ts';
import { streamReading } from '../tts/scratch-narration.ts';

// Forced alignment: a TTS reading of the script is the reference (its cue times are exact); MFCC
// features of both and a three-level DTW map it onto the recording; boundaries snap to pauses.
// Everything streams: the recording is decoded block by block into features and pause energies,
// the reference is synthesised cue by cue into features, so memory grows with the features only
// (about 40 MB per hour of both), never with the samples.

export interface AlignOptions {
  /** How far the recording may run ahead of or behind the reference, seconds (intro music, pace). */
  bandSeconds?: number;
  /** Phase and fraction done, for progress bars. */
  onProgress?: (
    phase: 'reading the script' | 'listening to the recording' | 'aligning',
    fraction: number,
  ) => void;
  signal?: AbortSignal;
}

const DEFAULT_BAND_SECONDS = 60;

/** Aligns a file without holding its samples: features and pause energies while decoding. */
export async function alignFile(
  sheet: CueSheet,
  audioPath: string,
  options: AlignOptions = {},
): Promise<CueSheet> {
  const probe = await probeAudio(audioPath);
  const features = new MfccExtractor(probe.sampleRate);
  const envelope = new EnergyEnvelope(probe.sampleRate);
  const pitch = new PitchTracker(probe.sampleRate);
  const abortable = {
    push: () => {
      if (options.signal?.aborted) throw new InputError('alignment cancelled');
    },
  };
  await streamAudio(probe, [abortable, features, envelope, pitch], (f) =>
    options.onProgress?.('listening to the recording', f),
  );
  return alignFeatures(sheet, { features: features.finish(), envelope, pitch: pitch.finish() }, options);
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
  return alignFeatures(sheet, { features: mfcc(recording), envelope, pitch }, options);
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
    },
  );
  options.onProgress?.('aligning', 0);
  const band = Math.round((options.bandSeconds ?? DEFAULT_BAND_SECONDS) / HOP_SECONDS);
  const reference = extractor!.finish();
  const pauses = findPauses(envelope);
  // Song over music (it never pauses) and song without it (held notes): both are sung sections.
  const voices = detectSinging(heard.pitch);
  const sections = unite([...detectSungSections(envelope), ...voices]);
  let path = coarseToFineDtw(reference, recording, band);
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
    path = coarseToFineDtw(reference, recording, band);
    aligned = mapCues(reading.sheet, path, pauses);
  }
  options.onProgress?.('aligning', 1);
  const sung = pairs.flatMap((p) => p.heard);
  // Reported: the sung sections that songs met, and music where no song is (an intro, a sting).
  const music = sections.filter((s) => ![...sung, ...placedSongs].some((song) => overlap(s, song) > 0));
  return {
    ...aligned,
    sections: [...describe(sung, 'sung'), ...describe(music, 'music')].sort((a, b) => a.start - b.start),
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
