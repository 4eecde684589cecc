import { dramaLanes } from '../../../cues/production/drama-lanes.ts';
import type { LaneSettings } from '../../project/lanes-schema.ts';
import { loadProject, saveProject } from '../../project/project-store.ts';
import { UsageError } from '../cli-error.ts';
import { type Io, toJson } from '../output.ts';

export interface LanesArgs {
  project: string;
  /** "LANE gain=-3 pan=0.2" (gain in dB, pan -1..1; either or both). */
  set: string[];
  mute: string[];
  unmute: string[];
  solo: string[];
  unsolo: string[];
  json: boolean;
}

/** Parses one --set value into its lane and changes; UsageError naming the bad part. */
export function parseLaneSet(value: string): { lane: string; gainDb?: number; pan?: number } {
  const words = value.trim().split(/\s+/);
  const first = words.findIndex((w) => w.includes('='));
  if (first <= 0) throw new UsageError(`--set "${value}": give the lane then gain=DB and/or pan=-1..1`);
  const out: { lane: string; gainDb?: number; pan?: number } = { lane: words.slice(0, first).join(' ') };
  for (const word of words.slice(first)) {
    const [key, raw] = word.split('=') as [string, string];
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n))
      throw new UsageError(`--set "${value}": ${key} needs a number, not "${raw}"`);
    if (key === 'gain') {
      if (n < -60 || n > 24) throw new UsageError(`--set "${value}": gain is -60 to 24 dB`);
      out.gainDb = n;
    } else if (key === 'pan') {
      if (n < -1 || n > 1) throw new UsageError(`--set "${value}": pan is -1 (left) to 1 (right)`);
      out.pan = n;
    } else throw new UsageError(`--set "${value}": unknown setting "${key}" (gain or pan)`);
  }
  return out;
}

/**
 * `cuewright lanes PROJECT.cwproj [--set "LANE gain=DB pan=P"]... [--mute|--unmute|--solo|--unsolo LANE]...`:
 * changes a drama's lane settings (saved in the project) and prints every lane's.
 */
export async function runLanes(args: LanesArgs, io: Io): Promise<void> {
  const project = await loadProject(args.project);
  const names = dramaLanes(project.sheet.cues);
  const byName = (name: string): string => {
    const found = names.find((n) => n.toLowerCase() === name.trim().toLowerCase());
    if (!found) throw new UsageError(`${args.project}: no lane "${name}" (lanes: ${names.join(', ')})`);
    return found;
  };
  const lanes: Record<string, LaneSettings> = { ...(project.lanes ?? {}) };
  const change = (name: string, edit: (s: LaneSettings) => LaneSettings) => {
    const lane = byName(name);
    const next = edit({ ...(lanes[lane] ?? {}) });
    if (Object.keys(next).length === 0) delete lanes[lane];
    else lanes[lane] = next;
  };
  const without = (s: LaneSettings, key: keyof LaneSettings) => {
    const { [key]: _drop, ...rest } = s;
    return rest;
  };
  for (const value of args.set) {
    const { lane, ...set } = parseLaneSet(value);
    change(lane, (s) => {
      let next = { ...s, ...set };
      if (next.gainDb === 0) next = without(next, 'gainDb');
      if (next.pan === 0) next = without(next, 'pan');
      return next;
    });
  }
  for (const lane of args.mute) change(lane, (s) => ({ ...s, mute: true }));
  for (const lane of args.unmute) change(lane, (s) => without(s, 'mute'));
  for (const lane of args.solo) change(lane, (s) => ({ ...s, solo: true }));
  for (const lane of args.unsolo) change(lane, (s) => without(s, 'solo'));
  const changed =
    args.set.length + args.mute.length + args.unmute.length + args.solo.length + args.unsolo.length > 0;
  if (changed) {
    const { lanes: _old, ...rest } = project;
    await saveProject(args.project, Object.keys(lanes).length > 0 ? { ...rest, lanes } : rest);
  }
  const rows = names.map((name) => ({
    lane: name,
    gainDb: lanes[name]?.gainDb ?? 0,
    pan: lanes[name]?.pan ?? 0,
    mute: lanes[name]?.mute ?? false,
    solo: lanes[name]?.solo ?? false,
  }));
  if (args.json) {
    io.out(toJson({ lanes: rows }));
    return;
  }
  for (const r of rows)
    io.out(
      `${r.lane.padEnd(14)} gain ${(r.gainDb >= 0 ? '+' : '') + r.gainDb.toFixed(1)} dB  pan ${r.pan.toFixed(2)}${r.mute ? '  muted' : ''}${r.solo ? '  solo' : ''}\n`,
    );
  if (changed) io.out(`saved ${args.project}\n`);
}
