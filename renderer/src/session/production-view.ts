import { clipsOf } from '../../../cues/production/recording-edits.ts';
import { placeClips, timelineDuration } from '../../../cues/production/timeline.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import type { ApiClient } from '../api/api-client.ts';
import type { Playback } from '../playback/playback.ts';
import { productionLayout } from '../playback/production-layout.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { soundShapes } from '../state/sound-edits.ts';
import type { Notices } from '../views/notices.ts';
import type { WaveformView } from '../views/waveform-view.ts';
import { showCutShort } from './cut-short-banner.ts';
import { soundsEnd } from './drama-sounds.ts';

// The open production on the timeline: its recordings as clips (named, a line at each join), the
// waveform composed from each recording's peaks, playback across the joins, the banner of a
// missing recording with its Relink button, and that of a truncated one (cut-short-banner.ts).
// Shown again whenever the recordings change (added, removed, reordered, or an undo of that).

/** The banner of a missing recording (it stays until that recording is relinked). */
export const MISSING_AUDIO = 'missing-audio';

export interface ProductionViewDeps {
  api: ApiClient;
  store: ProjectStore;
  playback: Playback;
  waveform: WaveformView;
  notices: Notices;
  report(error: unknown): void;
  /** The clock's text ("0:00 / 1:23"). */
  clock: HTMLElement;
}

export class ProductionView {
  private readonly deps: ProductionViewDeps;
  private shown?: unknown;
  /** The length it was last shown at (seconds). */
  private shownLength = 0;
  private layouts = 0;

  constructor(deps: ProductionViewDeps) {
    this.deps = deps;
  }

  /** The recordings payload a save or autosave sends: the paths as relinked, the timeline, placements. */
  payload() {
    const { store } = this.deps;
    const { recordings, timeline } = store.production;
    // A removed recording's cues stay unplaced in the file (the session's undo still has them).
    const ids = new Set(recordings.map((r) => r.id));
    return {
      recordings: recordings.map((r) => ({
        id: r.id,
        path: store.recordings.get(r.id)?.path ?? r.path,
        ...(r.title !== undefined ? { title: r.title } : {}),
        ...(r.pickup ? { pickup: true } : {}),
      })),
      ...(timeline ? { timeline } : {}),
      placements: store.doc.placements.filter((p) => ids.has(p.recording)),
      ...(store.doc.pickups ? { pickups: store.doc.pickups } : {}),
      ...(store.doc.takes ? { takes: store.doc.takes } : {}),
      // Sent whenever the drama has lanes: an empty record saves every lane back at unity.
      ...(store.doc.takes || store.doc.lanes ? { lanes: store.doc.lanes ?? {} } : {}),
      ...(store.doc.sounds ? { sounds: soundShapes(store) } : {}),
      ...(store.doc.takes ? { levelDialogue: store.doc.levelDialogue !== false } : {}),
    };
  }

  /**
   * Shows it again if the recordings changed since it was last shown (an edit or its undo), or a
   * drama's sounds now end elsewhere past its last clip (a theme looped or moved: the production
   * runs to its end, as the mix does).
   */
  async refresh(): Promise<void> {
    const { store, api } = this.deps;
    if (!store.hasProject) return;
    const recordings = this.shown !== store.production;
    if (!recordings && this.lengthOf(store.production) === this.shownLength) return;
    this.shown = store.production;
    // The back end works on the recordings as laid out here (pauses, export, alignment).
    if (recordings) await api.call('setProduction', { sheet: store.sheet, production: this.payload() });
    // The same production laid out again: the playhead stays where it was (it went to 0:00 when a
    // sound's new length moved the production's end), while it is still inside.
    await this.show(this.deps.playback.time);
  }

  /** The production's length as laid out: its clips, or a drama's last sound past them. */
  private lengthOf(production: ProjectStore['production']): number {
    return Math.max(timelineDuration(placeClips(clipsOf(production))), soundsEnd(this.deps.store));
  }

  /**
   * The waveform and clips of the production, or the banner that says a recording is missing;
   * `keepTime`: the playhead is put back there after, when the production still reaches it.
   */
  async show(keepTime = 0): Promise<void> {
    const { api, store, playback, waveform, notices, report } = this.deps;
    const production = store.production;
    this.shown = production;
    this.shownLength = this.lengthOf(production);
    // A drama runs on past its last line while its sounds play (a closing theme), as its mix does.
    const layout = productionLayout(
      production,
      store.recordings,
      (samplesPerPixel, path) =>
        api.call('peaks', { samplesPerPixel, ...(path !== undefined ? { path } : {}) }),
      soundsEnd(store),
    );
    this.deps.clock.textContent = `${clockTime(0)} / ${clockTime(layout.duration)}`;
    playback.reset();
    showCutShort(
      notices,
      production.recordings.map((r) => store.recordings.get(r.id)),
      clipsOf(production),
    );
    const lost = layout.missing[0];
    if (lost) {
      notices.show({
        id: MISSING_AUDIO,
        kind: 'warning',
        text: lost.unreachable
          ? `The audio cannot be used: ${lost.unreachable}. Nothing can play until it is relinked to a copy inside.`
          : `The audio is missing: ${lost.path}. Nothing can play until it is relinked.`,
        actions: [
          {
            label: 'Relink audio…',
            testid: 'relink-audio',
            run: () => void this.relink(lost.id).catch(report),
          },
        ],
      });
      await waveform.showWithoutAudio(layout.duration);
      waveform.showClips(layout.shown);
      return;
    }
    notices.dismiss(MISSING_AUDIO);
    playback.setClips(layout.media, layout.duration);
    const single = layout.media.length === 1;
    const source = single ? layout.media[0]!.url : `production:${++this.layouts}`;
    const { drawn } = await waveform.load(source, layout.levels, layout.duration);
    waveform.showClips(layout.shown);
    if (keepTime > 0 && keepTime < layout.duration) playback.seek(keepTime);
    void drawn.then(
      () => performance.mark('cuewright:waveform-drawn'),
      (error: unknown) => report(error),
    );
  }

  /**
   * Points a recording (`id`; absent: the first missing one, or the only one) at its new place:
   * checked to be as long, cue times kept.
   */
  async relink(id?: string): Promise<void> {
    const { api, store, playback, notices } = this.deps;
    const audioPath = await api.call('pick', { purpose: 'audio' });
    if (!audioPath) return;
    const view = await api.call('relinkAudio', {
      audioPath,
      sheet: store.sheet,
      production: this.payload(),
      ...(id ? { recording: id } : {}),
    });
    const was = (id ? store.recordings.get(id) : [...store.recordings.values()].find((r) => r.missing))?.path;
    playback.reset();
    notices.dismiss('refusal');
    // What was refused for want of this recording is no longer true (handlers.ts words it so).
    if (was) notices.dismiss(`error:${was}: the audio is missing; relink it to go on`);
    store.relinked(view);
    await this.show();
    store.setStatus(`relinked the audio to ${audioPath}: cue times kept (save to keep the new place)`);
  }
}
