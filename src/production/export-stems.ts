import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MonoCollector } from '../../audio/dsp/mono-collector.ts';
import { type LaneClip, renderLanes } from '../../audio/mix/render-lanes.ts';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import { InputError } from '../../cues/input-error.ts';
import { dramaLanes, laneOf } from '../../cues/production/drama-lanes.ts';
import { placeClips } from '../../cues/production/timeline.ts';
import { probeAudio, streamAudio } from '../audio-io/audio-source.ts';
import { loadProject, resolveAudioPath } from '../project/project-store.ts';
import { timelineOf } from '../project/project-timeline.ts';

// An assembled drama's mix and stems: one mono 32-bit float WAV per lane that has any clip, all
// the production's length and sample-aligned, and the mix (their sum) beside them. Float, so the
// stems add up to the mix to the last bit and a loud overlap does not clip.

/** Where a stem is written: the lane's name made safe for a file name. */
export function stemName(lane: string): string {
  return `${lane.replace(/[^\p{L}\p{N}_-]+/gu, '_')}.wav`;
}

/**
 * Writes `output` (WAV: the mix) and one WAV per lane into `stemsDir`; returns the lanes written
 * and the length in seconds. InputError when the project was not assembled from takes.
 */
export async function exportStems(
  projectPath: string,
  output: string,
  stemsDir: string,
): Promise<{ lanes: string[]; seconds: number; rate: number }> {
  const project = await loadProject(projectPath);
  if (!project.takes)
    throw new InputError(`${projectPath}: --stems needs a project assembled from takes (cuewright assemble)`);
  if (!output.toLowerCase().endsWith('.wav'))
    throw new InputError(`${output}: the mix beside stems is written as WAV (name it .wav)`);
  const placed = placeClips(timelineOf(project));
  const cues = new Map(project.sheet.cues.map((c) => [c.id, c]));
  // A clip's lane is that of the cue placed inside it.
  const laneClips: LaneClip[] = placed.map((clip) => {
    const placement = (project.placements ?? []).find(
      (p) => p.kind === 'cue' && p.recording === clip.recording && p.start >= clip.from && p.start < clip.to,
    );
    const cue = placement ? cues.get(placement.id) : undefined;
    return {
      lane: (cue && laneOf(cue)) ?? 'Narration',
      recording: clip.recording,
      from: clip.from,
      to: clip.to,
      at: clip.at,
    };
  });
  const probes = await Promise.all(
    project.recordings.map((r) => probeAudio(resolveAudioPath(projectPath, r.path))),
  );
  const rate = Math.max(...probes.map((p) => p.sampleRate));
  const sources = new Map<string, Float32Array>();
  for (const [i, r] of project.recordings.entries()) {
    const probe = probes[i]!;
    const mono = new MonoCollector(probe.sampleRate, rate, probe.frames / probe.sampleRate);
    await streamAudio(probe, [mono]);
    const track = mono.finish();
    sources.set(
      r.id,
      Float32Array.from(track, (s) => s / 32768),
    );
  }
  const seconds = placed.reduce((end, c) => Math.max(end, c.at + c.to - c.from), 0);
  const used = new Set(laneClips.map((c) => c.lane));
  const lanes = dramaLanes(project.sheet.cues).filter((l) => used.has(l));
  const { stems, mix } = renderLanes(lanes, laneClips, sources, rate, seconds);
  await mkdir(stemsDir, { recursive: true });
  const float = { bitsPerSample: 32 as const, float: true };
  for (const [i, lane] of lanes.entries())
    await writeFile(join(stemsDir, stemName(lane)), encodeWav([stems[i]!], rate, float));
  await writeFile(output, encodeWav([mix], rate, float));
  return { lanes, seconds, rate };
}
