import { musicDucking, soundTimes } from '../../../audio/mix/drama-sounds.ts';
import { MUSIC_LANE } from '../../../cues/production/drama-lanes.ts';
import { clipsOf } from '../../../cues/production/recording-edits.ts';
import { placeClips, timelineDuration } from '../../../cues/production/timeline.ts';
import type { Playback } from '../playback/playback.ts';
import type { PlacedSound } from '../playback/sound-player.ts';
import type { ProjectStore } from '../state/project-store.ts';
import type { DramaLaneView } from '../views/drama-lane-view.ts';
import type { Notices } from '../views/notices.ts';

// A drama's sound effects and music in the preview: every sound the project names (assemble's
// --sfx/--music) placed at its cue's time on the sheet as it plays now, the Music lane ducked under
// the lines, both from the rules the drama mix uses (audio/mix/drama-sounds.ts), so a take
// switched or a line moved carries the sounds after it along, as the export does; each file is
// shown where it plays in the SFX or Music row.

/** The notice of sound files the preview could not play. */
export const SOUNDS_UNPLAYED = 'sounds-unplayed';

/** Where each of the open drama's sounds plays now (none for a production that is no drama). */
export function placedSounds(store: ProjectStore): PlacedSound[] {
  if (!store.hasProject || !store.doc.takes) return [];
  const times = soundTimes(store.sheet);
  return (store.project?.sounds ?? []).flatMap((sound) => {
    const at = times.get(sound.cue);
    return at === undefined ? [] : [{ cue: sound.cue, lane: sound.lane, url: sound.url, at }];
  });
}

/**
 * Where the open drama's last sound ends (production seconds; 0 with none of known length): the
 * production runs on to it, as the drama mix makes it (src/production/drama-mix.ts).
 */
export function soundsEnd(store: ProjectStore): number {
  const lengths = new Map((store.project?.sounds ?? []).map((s) => [s.cue, s.seconds ?? 0]));
  return Math.max(0, ...placedSounds(store).map((s) => s.at + (lengths.get(s.cue) ?? 0)));
}

/** Keeps the preview's sounds and their blocks in the lanes in step with the store (undo included). */
export function bindDramaSounds(
  store: ProjectStore,
  playback: Playback,
  view: Pick<DramaLaneView, 'showSounds'>,
  notices: Pick<Notices, 'show' | 'dismiss'>,
  report: (error: unknown) => void,
): void {
  store.subscribe((change) => {
    if (change !== 'project' && change !== 'sheet') return;
    // A drama's gaps are silence in its mix: no room tone fills them in the preview either.
    playback.roomToneInGaps = !(store.hasProject && store.doc.takes);
    const sounds = placedSounds(store);
    const envelopes = new Map(sounds.length > 0 ? [[MUSIC_LANE, musicDucking(store.sheet)]] : []);
    void playback.sounds
      .update(sounds, envelopes)
      .then(() => {
        if (!store.hasProject) return;
        const names = new Map((store.project?.sounds ?? []).map((s) => [s.cue, s.path]));
        view.showSounds(
          playback.sounds.placed.map((s) => ({
            cue: s.cue,
            lane: s.lane,
            at: s.at,
            length: s.length,
            name: names.get(s.cue)?.split(/[\\/]/).pop() ?? s.cue,
          })),
          Math.max(timelineDuration(placeClips(clipsOf(store.production))), soundsEnd(store)),
        );
        // Said, not skipped in silence: the export mixes them, the preview does not.
        const unplayed = (store.project?.sounds ?? []).filter(
          (s) => s.url === '' || playback.sounds.failed.has(s.url),
        );
        if (unplayed.length === 0) notices.dismiss(SOUNDS_UNPLAYED);
        else
          notices.show({
            id: SOUNDS_UNPLAYED,
            kind: 'warning',
            text: `The preview cannot play ${unplayed.map((s) => s.path).join(', ')} (the export still mixes ${unplayed.length === 1 ? 'it' : 'them'}).`,
            dismissable: true,
          });
      })
      .catch(report);
  });
}
