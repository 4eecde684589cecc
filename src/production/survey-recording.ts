import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { findPauses, type Pause } from '../../audio/silence/find-pauses.ts';
import { QuietestWindow } from '../../audio/silence/room-tone.ts';
import { readAudioMetadata } from '../audio-io/audio-metadata.ts';
import { type ProbedAudio, probeAudio, streamAudio } from '../audio-io/audio-source.ts';
import { fileTitle } from '../project/migrate-project.ts';

// One decode of each recording of a production before anything is joined: its exact length (a
// compressed container's stated length is approximate, and every join time rests on it), the
// pauses it opens and closes with (a file that starts or stops on a word needs room tone at the
// join), its quietest half second (that room tone) and a title for a chapter of its own.

export interface SurveyedRecording {
  path: string;
  probe: ProbedAudio;
  /** Decoded length in frames at its own rate. */
  frames: number;
  /** Seconds of pause before its first sound and after its last (0: it starts or ends on sound). */
  head: number;
  tail: number;
  /** Its quietest half second at its own rate and channels (undefined for a file shorter than that). */
  roomTone: Float32Array[] | undefined;
  /** Its title tag, else its file name without the extension. */
  title: string;
  /** Its quiet runs of 50 ms or more (seconds on its own clock), from its energy envelope (absent: not surveyed for them). */
  pauses?: Pause[];
}

/** Surveys one file (a whole decode); bad audio is a FileError naming it. */
export async function surveyRecording(
  path: string,
  onProgress?: (fraction: number) => void,
): Promise<SurveyedRecording> {
  const probe = await probeAudio(path);
  const envelope = new EnergyEnvelope(probe.sampleRate);
  const quiet = new QuietestWindow(probe.sampleRate, probe.channels);
  const info = await streamAudio(probe, [envelope, quiet], onProgress);
  const duration = info.frames / info.sampleRate;
  const pauses = findPauses(envelope, { minPause: 0.05 });
  const first = pauses[0];
  const last = pauses.at(-1);
  const head = first && first.start <= envelope.frameSeconds ? first.end : 0;
  const tail = last && last.end >= duration - 2 * envelope.frameSeconds ? duration - last.start : 0;
  const tags = await readAudioMetadata(path).catch(() => undefined);
  return {
    path,
    probe: { ...probe, frames: info.frames },
    frames: info.frames,
    head: Math.min(head, duration),
    tail: Math.min(tail, duration),
    roomTone: quiet.window,
    title: tags?.title?.trim() || fileTitle(path),
    pauses,
  };
}
