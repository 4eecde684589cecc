import { musicDucking } from '../../../audio/mix/drama-sounds.ts';
import { MUSIC_LANE } from '../../../cues/production/drama-lanes.ts';
import { clipsOf } from '../../../cues/production/recording-edits.ts';
import { placeClips, timelineDuration } from '../../../cues/production/timeline.ts';
import { fileNameOf } from '../../../src/shared/file-name-of.ts';
import type { Playback } from '../playback/playback.ts';
import type { PlacedSound } from '../playback/sound-player.ts';
import type { ProjectStore } from '../state/project-store.ts';
import {
  moveSound,
  setSoundLength,
  shapeSound,
  soundOf,
  soundPlaysOf,
  trimSoundStart,
} from '../state/sound-edits.ts';
import type { DramaLaneView } from '../views/drama-lane-view.ts';
import type { Notices } from '../views/notices.ts';

// A drama's sound effects and music in the preview: every sound the project names (assemble's
// --sfx/--music) placed at its cue's time on the sheet as it plays now, the Music lane ducked under
// the lines, both from the rules the drama mix uses (audio/mix/drama-sounds.ts), so a take
// switched or a line moved carries the sounds after it along, as the export does; each file is
// shown where it plays in the SFX or Music row.

/** The notice of sound files the preview could not play. */
export const SOUNDS_UNPLAYED = 'sounds-unplayed';

/** The open drama's sounds the preview loads (none for a production that is no drama). */
export function placedSounds(store: ProjectStore): PlacedSound[] {
  if (!store.hasProject || !store.doc.takes) return [];
  return (store.doc.sounds ?? []).map((sound) => ({ cue: sound.cue, lane: sound.lane, url: sound.url }));
}

/**
 * Where the open drama's last sound ends (production seconds; 0 with none of known length): the
 * production runs on to it, as the drama mix makes it (src/production/drama-mix.ts).
 */
export function soundsEnd(store: ProjectStore, lengths?: ReadonlyMap<string, number>): number {
  return Math.max(0, ...soundPlaysOf(store, lengths).map((p) => p.at + p.span.length));
}

/** Keeps the preview's sounds and their blocks in the lanes in step with the store (undo included). */
export function bindDramaSounds(
  store: ProjectStore,
  playback: Playback,
  view: Pick<DramaLaneView, 'showSounds' | 'selectSound' | 'onSoundMove' | 'onSoundSelect' | 'onSoundShape'>,
  notices: Pick<Notices, 'show' | 'dismiss'>,
  report: (error: unknown) => void,
): void {
  // A block clicked selects its cue (the inspector shows its loop and fades); dragged, it moves.
  view.onSoundSelect = (cue) => store.select([cue]);
  view.onSoundMove = (cue, at) => {
    store.select([cue]);
    moveSound(store, cue, at);
  };
  // Its handles: the left edge trims its start (the rest stays put), the right its length, the
  // top corners its fades; each one undo step, as the inspector's fields.
  view.onSoundShape = (cue, change) => {
    store.select([cue]);
    if ('offset' in change) return trimSoundStart(store, cue, change.offset);
    if ('length' in change) return setSoundLength(store, cue, change.length);
    return shapeSound(store, cue, change);
  };
  store.subscribe((change) => {
    if (change === 'selection' || change === 'sheet' || change === 'project') {
      const cue = store.hasProject ? store.selection.cueIds[0] : undefined;
      view.selectSound(cue && soundOf(store, cue) ? cue : undefined);
    }
    if (change !== 'project' && change !== 'sheet') return;
    // A drama's gaps are silence in its mix: no room tone fills them in the preview either.
    playback.roomToneInGaps = !(store.hasProject && store.doc.takes);
    const sounds = placedSounds(store);
    const envelopes = new Map(sounds.length > 0 ? [[MUSIC_LANE, musicDucking(store.sheet)]] : []);
    void playback.sounds
      .update(sounds, (lengths) => soundPlaysOf(store, lengths), envelopes)
      .then(() => {
        if (!store.hasProject) return;
        const names = new Map((store.doc.sounds ?? []).map((s) => [s.cue, s.path]));
        view.showSounds(
          playback.sounds.placed.map((s) => ({
            cue: s.cue,
            lane: s.lane,
            at: s.at,
            length: s.span.length,
            fileSeconds: s.fileSeconds,
            offset: s.span.offset,
            loop: s.span.loop,
            fadeIn: s.span.fadeIn,
            fadeOut: s.span.fadeOut,
            name: fileNameOf(names.get(s.cue)) ?? s.cue,
          })),
          Math.max(timelineDuration(placeClips(clipsOf(store.production))), soundsEnd(store)),
        );
        // Said, not skipped in silence. A file the back end could not read (no length: missing or
        // not audio) stops the export too; one only this page cannot decode is still mixed.
        const unplayed = (store.doc.sounds ?? []).filter(
          (s) => s.url === '' || playback.sounds.failed.has(s.url),
        );
        const unread = unplayed.filter((s) => s.seconds === undefined).map((s) => s.path);
        const pageOnly = unplayed.filter((s) => s.seconds !== undefined).map((s) => s.path);
        const them = (n: number) => (n === 1 ? 'it' : 'them');
        const said = [
          ...(unread.length > 0
            ? [
                `${unread.join(', ')} cannot be read (missing, or not audio): the export stops until ${unread.length === 1 ? 'it is' : 'they are'} there.`,
              ]
            : []),
          ...(pageOnly.length > 0
            ? [
                `The preview cannot play ${pageOnly.join(', ')} (the export still mixes ${them(pageOnly.length)}).`,
              ]
            : []),
        ];
        if (said.length === 0) notices.dismiss(SOUNDS_UNPLAYED);
        else notices.show({ id: SOUNDS_UNPLAYED, kind: 'warning', text: said.join(' '), dismissable: true });
      })
      .catch(report);
  });
}
