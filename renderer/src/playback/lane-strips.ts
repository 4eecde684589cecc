import { audibleLanes, panGains } from '../../../audio/mix/lane-mix.ts';
import type { Cue } from '../../../cues/cue-sheet.ts';
import { laneOf } from '../../../cues/production/drama-lanes.ts';
import type { LaneSettings } from '../../../src/project/lanes-schema.ts';

// A drama's lanes in the preview, as the export mixes them (audio/mix/lane-mix.ts): each lane at
// its gain (dB) plus the levelling the export gives a dialogue lane (measured by the back end with
// the export's own pass), muted or left out while another lane is soloed, and panned by the same balance
// law (centre: both sides at unity; pan p > 0 lowers the left side to 1 - p). The preview plays
// one media element per recording, so the strip of the lane whose line plays now is set on that
// element's route as the clip starts (and again when a lane's settings change).

/** What the preview applies to one lane: linear gain (0 when not heard) and each side's gain. */
export interface LaneStripState {
  /** Linear gain (10^((gainDb + levelDb)/20)), 0 when muted or not soloed while another lane is. */
  gain: number;
  /** The levelling in it (dB), for a dialogue lane once measured. */
  levelDb?: number;
  left: number;
  right: number;
  audible: boolean;
}

/**
 * Each lane's strip from the project's `lanes` (absent lanes at unity, centre, heard).
 *
 * @param lanes the lanes shown, top to bottom (cues/production/drama-lanes.ts)
 * @param settings the project's `lanes` field (lane name to settings), or undefined
 * @param levels per dialogue lane the export's levelling gain (dB); absent lanes: none
 */
export function laneStrips(
  lanes: readonly string[],
  settings: Record<string, LaneSettings> | undefined,
  levels: ReadonlyMap<string, number> = new Map(),
): Map<string, LaneStripState> {
  const each = lanes.map((lane) => settings?.[lane] ?? {});
  const audible = audibleLanes(each);
  return new Map(
    lanes.map((lane, i) => {
      const [left, right] = panGains(each[i]!.pan ?? 0);
      const heard = audible[i]!;
      const level = levels.get(lane);
      const db = (each[i]!.gainDb ?? 0) + (level ?? 0);
      return [
        lane,
        {
          gain: heard ? 10 ** (db / 20) : 0,
          left,
          right,
          audible: heard,
          ...(level !== undefined ? { levelDb: level } : {}),
        },
      ];
    }),
  );
}

/**
 * A strip made of Web Audio nodes: input gain -> each side (a mono recording on both) at its
 * balance gain -> stereo out. At unity and centre it passes a recording through unchanged.
 */
export class StripNodes {
  readonly input: GainNode;
  private readonly split: ChannelSplitterNode;
  readonly left: GainNode;
  readonly right: GainNode;
  readonly output: ChannelMergerNode;
  /** The lane whose settings are on it now (undefined: unity, as a production of one reading). */
  lane: string | undefined;

  /** `context`: a Web Audio context, or Tone's (its factory methods make nodes of its graph). */
  constructor(
    context: Pick<BaseAudioContext, 'createGain' | 'createChannelSplitter' | 'createChannelMerger'>,
  ) {
    this.input = context.createGain();
    // Two channels out, 'speakers': a mono recording is heard on both sides (the balance then acts
    // as the export's), a stereo one stays as it is.
    this.input.channelCount = 2;
    this.input.channelCountMode = 'explicit';
    this.input.channelInterpretation = 'speakers';
    this.split = context.createChannelSplitter(2);
    this.left = context.createGain();
    this.right = context.createGain();
    this.output = context.createChannelMerger(2);
    this.input.connect(this.split);
    this.split.connect(this.left, 0);
    this.split.connect(this.right, 1);
    this.left.connect(this.output, 0, 0);
    this.right.connect(this.output, 0, 1);
  }

  /** Applies `strip` of `lane` (undefined: unity, centre). */
  set(strip: LaneStripState | undefined, lane: string | undefined): void {
    this.lane = lane;
    this.input.gain.value = strip?.gain ?? 1;
    this.left.gain.value = strip?.left ?? 1;
    this.right.gain.value = strip?.right ?? 1;
  }
}

/**
 * The lane a clip plays (production seconds `at`, length `to - from`): the lane of the heard cue
 * (cues/production/drama-lanes.ts laneOf) overlapping it most; undefined when none overlaps.
 */
export function clipLane(
  clip: { at: number; from: number; to: number },
  cues: readonly Cue[],
): string | undefined {
  const end = clip.at + (clip.to - clip.from);
  let best: string | undefined;
  let most = 0;
  for (const cue of cues) {
    const lane = laneOf(cue);
    if (!lane || cue.start === undefined || cue.end === undefined) continue;
    const overlap = Math.min(end, cue.end) - Math.max(clip.at, cue.start);
    if (overlap > most) {
      most = overlap;
      best = lane;
    }
  }
  return best;
}
